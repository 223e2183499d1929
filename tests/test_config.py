"""nnhelpers.config: the test switch and the data folder, read when asked for."""

import subprocess
import sys
import time
from pathlib import Path

import pytest

import nnhelpers
from nnhelpers import config


@pytest.mark.parametrize(
    "value, expected",
    [
        ("1", True),
        ("yes", True),
        ("true", True),
        ("Y", True),
        ("on", True),
        ("", False),
        ("0", False),
        ("false", False),
        ("No", False),
        ("n", False),
        ("off", False),
        (" OFF ", False),
    ],
)
def test_quick_switch_words(value, expected, capsys):
    assert config.quick({"NN_QUICK": value}) is expected
    assert capsys.readouterr().err == "", "known words are taken silently"


def test_quick_unset_means_full_course():
    assert config.quick({}) is False


def test_unknown_quick_value_warns_and_means_full_course(capsys):
    assert config.quick({"NN_QUICK": "quick please"}) is False
    assert "NN_QUICK='quick please' is not a yes or a no" in capsys.readouterr().err


def test_grading_switch_is_off_unless_set(capsys):
    assert config.grading({}) is False
    assert config.grading({"NN_GRADING": "1"}) is True
    assert config.grading({"NN_GRADING": "maybe"}) is False
    assert "checks only print their verdict" in capsys.readouterr().err


def test_quick_is_read_when_imported(monkeypatch):
    monkeypatch.setenv("NN_QUICK", "0")
    from nnhelpers import QUICK as off

    monkeypatch.setenv("NN_QUICK", "1")
    from nnhelpers import QUICK as on

    assert (off, on) == (False, True)


def test_test_suite_runs_in_test_setting():
    assert nnhelpers.QUICK is True


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'QUIK'"):
        nnhelpers.QUIK  # noqa: B018


def test_data_dir_from_environment(tmp_path):
    assert config.data_dir({"NN_DATA_DIR": str(tmp_path / "here")}) == tmp_path / "here"


def test_data_dir_defaults_to_the_checkouts_data_folder():
    assert config.checkout_root() == Path(__file__).resolve().parent.parent
    assert config.data_dir({}) == config.checkout_root() / "data"


def test_package_import_is_light():
    """``import nnhelpers`` must not pull in torch (notebooks start fast)."""
    code = (
        "import time, sys; t = time.perf_counter(); import nnhelpers, nnhelpers.checks; "
        "print(time.perf_counter() - t); print('torch' in sys.modules)"
    )
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, torch_loaded = out.stdout.split()
    assert torch_loaded == "False"
    assert float(seconds) < 2.0
    assert time.perf_counter() - started < 10
