"""What the code imports is what pyproject.toml declares, in the right place.

* ``nnhelpers/`` and the notebooks: runtime dependencies only (Colab installs nothing else).
* ``tools/`` and ``tests/``: declared somewhere (runtime or an extra, such as ``maintainer``).
* Nothing in ``nnhelpers/`` or ``tools/`` writes the process environment: settings are read
  when asked for and passed on explicitly.
"""

import ast
import functools
import json
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

from tools import ROOT
from tools.cells import python_of

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

LOCAL = {"nnhelpers", "tools", "course", "conftest"} | {
    p.stem for p in (ROOT / "tests").glob("*.py")
}
"""Top-level modules of this repository itself (tests/ is on pytest's pythonpath)."""


def normalise(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_names(requirements: list[str]) -> set[str]:
    """The distribution names in a list of requirement strings (extras references kept)."""
    return {normalise(re.match(r"[A-Za-z0-9_.\-]+", r).group()) for r in requirements}


PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME = requirement_names(PROJECT["dependencies"])
EXTRAS = {name: requirement_names(reqs) for name, reqs in PROJECT["optional-dependencies"].items()}
ANYWHERE = RUNTIME.union(*EXTRAS.values())


def imported_modules(source: str) -> set[str]:
    """The top-level modules a piece of Python source imports (absolute imports only)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def notebook_source(path: Path) -> str:
    """The Python of a notebook's code cells, IPython magics (``%...``, ``!...``) made ``pass``."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = ("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")
    return python_of("\n".join(code))


@functools.cache
def installed() -> dict[str, list[str]]:
    """Top-level module -> the installed distributions that provide it."""
    return packages_distributions()


def distributions(module: str) -> set[str]:
    """The distributions that provide ``module`` (empty for the standard library).

    A module not installed here (e.g. ``tomli``, needed on Python 3.10 only) is taken to
    come from the distribution of the same name.
    """
    if module in sys.stdlib_module_names or module in LOCAL or module == "__future__":
        return set()
    return {normalise(name) for name in installed().get(module, [module])}


def undeclared(files: list[Path], declared: set[str]) -> dict[str, set[str]]:
    """For each module the files import whose distribution is not in ``declared``: its files."""
    missing: dict[str, set[str]] = {}
    for path in files:
        source = notebook_source(path) if path.suffix == ".ipynb" else path.read_text("utf-8")
        for module in imported_modules(source):
            needed = distributions(module)
            if needed and not needed & declared:
                missing.setdefault(module, set()).add(str(path.relative_to(ROOT)))
    return missing


def python_files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_runtime_imports_are_runtime_dependencies():
    files = python_files("nnhelpers") + sorted((ROOT / "solutions").glob("*.ipynb"))
    assert undeclared(files, RUNTIME) == {}


def test_tool_and_test_imports_are_declared():
    files = python_files("tools") + python_files("tests") + [ROOT / "conftest.py"]
    assert undeclared(files, ANYWHERE) == {}


def test_maintainer_tools_are_not_runtime_dependencies():
    assert not {"nbformat", "nbclient", "pyyaml"} & RUNTIME
    assert {"nbformat", "nbclient", "pyyaml"} <= EXTRAS["maintainer"]


def test_the_grader_is_an_extra_of_dev_never_a_runtime_dependency():
    assert "nbgrader" not in RUNTIME
    assert "nbgrader" in EXTRAS["grading"]
    (dev,) = PROJECT["optional-dependencies"]["dev"]
    assert "grading" in re.search(r"\[(.*)\]", dev).group(1).split(",")


@pytest.mark.parametrize(
    "source, expected",
    [
        ("import numpy as np\nfrom torch import nn\nimport os.path", {"numpy", "torch", "os"}),
        ("def f():\n    import sklearn.metrics\n    from . import sibling", {"sklearn"}),
    ],
)
def test_imports_are_found_anywhere_in_a_file(source, expected):
    assert imported_modules(source) == expected


def writes_environment(source: str) -> list[int]:
    """Lines of ``source`` that change ``os.environ`` (assign, delete, pop, update, ...)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        target = None
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            target = next((t for t in targets if isinstance(t, ast.Subscript)), None)
            target = target.value if target is not None else None
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in {"pop", "update", "setdefault", "clear", "popitem"}:
                target = node.func.value
            elif node.func.attr in {"putenv", "unsetenv"}:
                lines.append(node.lineno)
        if target is not None and ast.unparse(target) in {"os.environ", "environ"}:
            lines.append(node.lineno)
    return lines


def test_no_code_writes_the_environment():
    found = {
        str(path.relative_to(ROOT)): lines
        for path in python_files("nnhelpers") + python_files("tools")
        if (lines := writes_environment(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_environment_detector_finds_writes():
    source = "import os\nos.environ['A'] = '1'\nos.environ.pop('B', None)\nx = os.environ.get('C')"
    assert writes_environment(source) == [2, 3]
