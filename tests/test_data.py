import shutil
import socket

import pytest
from torchvision.datasets import MNIST
from torchvision.transforms import ToTensor

from nnhelpers import data


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails at once, as on an offline machine."""

    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def local_copy(tmp_path, monkeypatch):
    """A data folder holding a (valid) MNIST copy: the shipped sample's files."""
    shutil.copytree(data.SAMPLE_ROOT / "MNIST", tmp_path / "MNIST")
    monkeypatch.setenv("NN_DATA_DIR", str(tmp_path))
    return tmp_path


def test_sample_is_small_real_mnist():
    files = list(data.raw_folder(data.SAMPLE_ROOT).iterdir())
    assert sum(f.stat().st_size for f in files) <= 2_000_000
    train = MNIST(root=data.SAMPLE_ROOT, train=True, download=True, transform=ToTensor())
    test = MNIST(root=data.SAMPLE_ROOT, train=False, download=True)
    assert (len(train), len(test)) == (2000, 500)
    image, label = train[0]
    assert image.shape == (1, 28, 28) and label == 5  # MNIST's famous first digit
    assert set(train.targets.tolist()) == set(range(10)) == set(test.targets.tolist())


def test_test_setting_uses_sample(capsys):
    assert data.mnist_root(quick=True) == data.SAMPLE_ROOT
    assert "sample" in capsys.readouterr().out


def test_local_copy_is_used_without_network(local_copy, no_network, capsys):
    assert data.mnist_root(quick=False) == local_copy
    assert data.mnist_root(quick=False, data_dir=local_copy) == local_copy
    assert capsys.readouterr().err == ""


def test_offline_without_copy_falls_back_once_in_one_short_paragraph(tmp_path, no_network, capsys):
    empty = tmp_path / "empty"
    assert data.mnist_root(quick=False, data_dir=empty) == data.SAMPLE_ROOT
    message = capsys.readouterr().err
    assert message.count("\n") == 1, "one paragraph"
    assert "MNIST could not be downloaded into" in message
    assert "train-images-idx3-ubyte, train-labels-idx1-ubyte" in message
    assert "sample" in message and "worse" in message and "NN_DATA_DIR" in message
    assert "./course fetch-data" in message and "Traceback" not in message
    assert len(message) < 600
    assert data.mnist_root(quick=False, data_dir=empty) == data.SAMPLE_ROOT
    assert capsys.readouterr().err == "", "said once per data folder"


def test_a_missing_file_is_named(local_copy, no_network, capsys):
    (data.raw_folder(local_copy) / "t10k-labels-idx1-ubyte").unlink()
    assert data.mnist_root(quick=False, data_dir=local_copy) == data.SAMPLE_ROOT
    assert "files missing there: t10k-labels-idx1-ubyte." in capsys.readouterr().err


def test_truncated_file_names_file_and_fix(local_copy):
    path = data.raw_folder(local_copy) / "train-images-idx3-ubyte"
    path.write_bytes(path.read_bytes()[:100_000])
    with pytest.raises(data.MnistDataError) as error:
        data.mnist_root(quick=False)
    assert str(path) in str(error.value)
    assert "truncated" in str(error.value) and "Delete" in str(error.value)


def test_corrupted_header_names_file(local_copy):
    path = data.raw_folder(local_copy) / "t10k-labels-idx1-ubyte"
    path.write_bytes(b"<html>Not found</html>" + path.read_bytes()[22:])
    with pytest.raises(data.MnistDataError, match="t10k-labels-idx1-ubyte is not an MNIST file"):
        data.mnist_root(quick=False)


def test_images_and_labels_must_agree(local_copy):
    labels = data.raw_folder(local_copy) / "train-labels-idx1-ubyte"
    raw = bytearray(labels.read_bytes()[:1008])
    raw[4:8] = (1000).to_bytes(4, "big")
    labels.write_bytes(bytes(raw))
    with pytest.raises(data.MnistDataError, match="2,000 train images but 1,000 labels"):
        data.check_mnist(local_copy)


def test_fetch_command_reports_ready(local_copy, no_network, capsys):
    assert data.main([]) == 0
    out = capsys.readouterr().out
    assert "MNIST: ready" in out and str(local_copy) in out


def test_fetch_command_takes_a_data_dir(tmp_path, no_network, capsys):
    shutil.copytree(data.SAMPLE_ROOT / "MNIST", tmp_path / "given" / "MNIST")
    assert data.main(["--data-dir", str(tmp_path / "given")]) == 0
    assert f"ready in {tmp_path / 'given'}" in capsys.readouterr().out


def test_fetch_command_offline_says_what_to_do_and_exits_1(tmp_path, no_network, capsys):
    assert data.main(["--data-dir", str(tmp_path / "empty")]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and captured.err.count("\n") == 1
    assert (
        "could not be downloaded" in captured.err and "on a machine that is online" in captured.err
    )


def test_fetch_command_has_help(capsys):
    with pytest.raises(SystemExit) as exit_:
        data.main(["--help"])
    assert exit_.value.code == 0
    assert "--data-dir" in capsys.readouterr().out
