"""The code base is clean under ruff's linter and formatter (configured in pyproject.toml),
and so is the teaching code: the notebooks' code cells, with a line short enough that no
cell scrolls sideways (solutions/ruff.toml)."""

import subprocess
import sys

import nbformat
import pytest

from tools import ROOT, cells
from tools.students import steps

PATHS = ["nnhelpers", "tools", "tests", "conftest.py", "course.py", "solutions", "notebooks"]


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff(command):
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, *PATHS],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


NOTEBOOKS = sorted([*ROOT.glob("solutions/*.ipynb"), *ROOT.glob("notebooks/*.ipynb")])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_waiting_cells_are_linted_too(path):
    """ruff skips a cell that starts with a cell magic, so the code under each ``%%needs``
    line is given to it alone, as if it stood in that notebook."""
    nb = nbformat.read(path, as_version=4)
    waiting = [cell for cell in nb.cells if cells.waits(cell)]
    result = steps.ruff(["check"], steps.code_only(waiting), path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert all(len(c.source.partition("\n")[0]) <= 77 for c in waiting), "a %%needs line"
