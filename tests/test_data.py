import os
import shutil
import socket
import subprocess

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


# --- a hub's shared, read-only data folder ----------------------------------------------------


@pytest.fixture
def shared_copy(tmp_path):
    """A shared data folder holding MNIST, read-only as a hub mounts it; a function that
    makes it so (as root: a read-only bind mount, since root may write anywhere else; as
    any other user: no write permission) and returns the modification times it holds."""
    source, shared = tmp_path / "source", tmp_path / "shared"
    shutil.copytree(data.SAMPLE_ROOT / "MNIST", source / "MNIST")
    mounted = []

    def make_read_only() -> dict[str, float]:
        if os.geteuid() == 0:
            shared.mkdir()
            done = subprocess.run(["mount", "--bind", str(source), str(shared)], check=False)
            if done.returncode != 0:
                pytest.skip("root, and no bind mount allowed here: cannot make a read-only folder")
            mounted.append(shared)
            subprocess.run(["mount", "-o", "remount,bind,ro", str(shared)], check=True)
        else:
            source.rename(shared)
            for path in sorted(shared.rglob("*"), reverse=True) + [shared]:
                path.chmod(0o555 if path.is_dir() else 0o444)
        assert not os.access(shared, os.W_OK)
        return {str(p.relative_to(shared)): p.stat().st_mtime for p in shared.rglob("*")}

    yield shared, source, make_read_only
    for folder in mounted:
        subprocess.run(["umount", str(folder)], check=True)
    for path in [tmp_path, *tmp_path.rglob("*")]:
        if not path.is_symlink() and os.access(path.parent, os.W_OK):
            path.chmod(0o755 if path.is_dir() else 0o644)


def read_all(root) -> tuple[int, int]:
    """What a notebook reads: the training set through torchvision, download=True as in 02."""
    train = MNIST(root=root, train=True, download=True)
    return len(train), train[0][1]


def test_a_read_only_shared_folder_is_read_and_never_written(shared_copy, no_network, capsys):
    shared, _, make_read_only = shared_copy
    before = make_read_only()
    assert data.mnist_root(quick=False, data_dir=shared) == shared
    assert read_all(shared) == (2000, 5)
    assert capsys.readouterr() == ("", "")
    assert {str(p.relative_to(shared)): p.stat().st_mtime for p in shared.rglob("*")} == before


def test_an_incomplete_read_only_folder_says_so_and_falls_back(shared_copy, no_network, capsys):
    shared, source, make_read_only = shared_copy
    (data.raw_folder(source) / "t10k-labels-idx1-ubyte").unlink()
    before = make_read_only()
    assert data.mnist_root(quick=False, data_dir=shared) == data.SAMPLE_ROOT
    said = capsys.readouterr()
    assert "Downloading" not in said.out
    assert f"The data folder {shared} is read-only" in said.err
    assert "lacks t10k-labels-idx1-ubyte" in said.err
    assert f"./course fetch-data --data-dir {shared}" in said.err
    assert {str(p.relative_to(shared)): p.stat().st_mtime for p in shared.rglob("*")} == before


def test_without_a_shared_folder_the_first_run_downloads_and_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(
        data,
        "download_mnist",
        lambda root: shutil.copytree(
            data.SAMPLE_ROOT / "MNIST", root / "MNIST", dirs_exist_ok=True
        ),
    )
    home_data = tmp_path / "home" / "nn-with-pytorch" / "data"
    assert data.mnist_root(quick=False, data_dir=home_data) == home_data
    assert capsys.readouterr().out == (
        f"Downloading MNIST (about 11 MB) into {home_data}, once for every notebook.\n"
    )
    assert data.mnist_root(quick=False, data_dir=home_data) == home_data
    assert capsys.readouterr().out == "", "downloaded once"
