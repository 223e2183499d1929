import subprocess
import sys
import time
from pathlib import Path

import pytest

from nnhelpers import config


@pytest.mark.parametrize(
    "value, expected",
    [("1", True), ("yes", True), ("true", True), ("", False), ("0", False), ("false", False), ("No", False)],
)
def test_quick_switch(monkeypatch, value, expected):
    monkeypatch.setenv("NN_QUICK", value)
    assert config.quick_from_environment() is expected


def test_quick_unset_means_full_course(monkeypatch):
    monkeypatch.delenv("NN_QUICK", raising=False)
    assert config.quick_from_environment() is False


def test_test_suite_runs_in_test_setting():
    assert config.QUICK is True


def test_data_dir_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("NN_DATA_DIR", str(tmp_path / "here"))
    assert config.data_dir() == tmp_path / "here"


def test_data_dir_defaults_to_repo_data(monkeypatch):
    monkeypatch.delenv("NN_DATA_DIR", raising=False)
    assert config.in_course_checkout()
    assert config.data_dir() == Path(__file__).resolve().parent.parent / "data"


def test_package_import_is_light():
    """``import nnhelpers`` must not pull in torch (notebooks start fast)."""
    code = "import time, sys; t = time.perf_counter(); import nnhelpers; " \
           "print(time.perf_counter() - t); print('torch' in sys.modules)"
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, torch_loaded = out.stdout.split()
    assert torch_loaded == "False"
    assert float(seconds) < 2.0
    assert time.perf_counter() - started < 10
