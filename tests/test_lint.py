"""The code base is clean under ruff's linter and formatter (configured in pyproject.toml)."""

import subprocess
import sys

import pytest

from tools import ROOT

PATHS = ["nnhelpers", "tools", "tests", "conftest.py", "course.py"]


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff(command):
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, *PATHS],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
