"""The code base is clean under ruff's linter and formatter (configured in pyproject.toml),
and so is the teaching code: the notebooks' code cells, with a line short enough that no
cell scrolls sideways (solutions/ruff.toml)."""

import shlex
import subprocess
import sys

import nbformat
import pytest
import yaml

import course
from tools import ROOT, cells
from tools.students import steps

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

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
LINE_LENGTH = tomllib.loads((ROOT / "solutions" / "ruff.toml").read_text())["line-length"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_waiting_cells_are_linted_too(path):
    """ruff skips a cell that starts with a cell magic, so the code under each ``%%needs``
    line is given to it alone, as if it stood in that notebook."""
    nb = nbformat.read(path, as_version=4)
    waiting = [cell for cell in nb.cells if cells.waits(cell)]
    result = steps.ruff(["check"], steps.code_only(waiting), path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert all(len(c.source.partition("\n")[0]) <= LINE_LENGTH for c in waiting), "%%needs"


HOOKS = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]


@pytest.mark.parametrize("hook", HOOKS, ids=lambda hook: hook["id"])
def test_each_pre_commit_hook_runs_a_course_command_that_passes_on_the_course(hook):
    """The hooks are local: each runs a command of course.py, and on the committed course
    it passes (with the files it would be given), as a contributor's commit needs."""
    python, script, name, *options = shlex.split(hook["entry"])
    assert (python, script) == ("python", "course.py") and name in course.TOOLS
    if name == "students":  # writes files: its "nothing to do" is tested in test_students
        return
    kinds = {"python": "*.py", "jupyter": "*.ipynb"}
    patterns = [kinds[kind] for kind in hook.get("types_or", hook.get("types"))]
    listed = subprocess.run(["git", "ls-files", *patterns], cwd=ROOT, capture_output=True)
    files = listed.stdout.decode().split()
    assert files, patterns
    check_only = ["--check"] if options[:1] == ["format"] else []  # so the test writes nothing
    command = [sys.executable, *course.TOOLS[name][0], *options, *check_only, *files]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
