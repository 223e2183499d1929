"""A Colab-like environment to test the course in: ``python -m tools.colab_env [--run-tests]``.

Students run the notebooks on Colab, whose runtime is not ``.venv``: Python 3.13, NumPy 2,
IPython 7, ipywidgets 7, and on top of that only what each notebook's setup cell installs,
with ``--no-deps``. This tool builds such an environment in ``.venv-colab/``:

1. Python 3.13 from this machine (``$COLAB_PYTHON``, ``python3.13`` or pyenv's);
2. the packages Colab preinstalls that the course relies on, at Colab's versions
   (``COLAB_PREINSTALLED``), and the test tools (``TEST_TOOLS``);
3. exactly the ``%pip install`` lines of the notebooks' setup cells, read from
   ``solutions/``, with the nnhelpers git URL replaced by a wheel built from this checkout.

``--run-tests`` then runs every notebook of ``solutions/`` under nbval (the test setting,
strict output comparison) and the widget tests in it; further arguments go to pytest.

The environment is reused while its inputs (the Python version, the pins, the setup lines)
stay the same, and rebuilt from scratch when they change; nnhelpers alone is reinstalled
when its sources change.

Where it still differs from Colab: torch is PyPI's build of Colab's version (CUDA 13, run
on the CPU here; Colab has its ``+cpu`` or ``+cu128`` builds from PyTorch's own index);
packages not pinned here get their newest versions that fit the pins; Colab's own
packages (``google.colab``, its kernel gateway) are missing, so the setup cells themselves
do nothing here and this tool runs their pip lines instead.
"""

import argparse
import glob
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from tools import ROOT
from tools.cells import COLAB_SETUP

ENV = ROOT / ".venv-colab"
STAMP = ENV / "colab-env.json"
NOTEBOOKS = ROOT / "solutions"
TESTS = ["solutions", "tests/test_widgets.py"]

COLAB_PREINSTALLED = (
    # what the notebooks and nnhelpers import
    "numpy==2.1.3",
    "torch==2.11.0",
    "torchvision==0.26.0",
    "matplotlib==3.10.0",
    "plotly==5.24.1",
    "scikit-learn==1.6.1",
    "tqdm==4.67.3",
    "ipywidgets==7.7.1",
    # what andi-datasets imports (the setup cell installs it without its dependencies)
    "scipy==1.16.3",
    "pandas==2.2.3",
    "imageio==2.37.4",
    # the kernel, which shapes the outputs; ipywidgets 7 needs the classic notebook
    "ipython==7.34.0",
    "ipykernel==6.17.1",
    "jupyter_client==7.4.9",
    "traitlets==5.7.1",
    "notebook==6.5.7",
)
"""Colab's versions, from its published ``pip freeze`` (github.com/googlecolab/backend-info,
``pip-freeze.txt`` of 2026-08-19, the upgrade to Python 3.13). ``graphviz`` and ``h5py``
are preinstalled on Colab too, but left out here so that the setup cells must bring them."""

TEST_TOOLS = ("pytest==8.4.2", "pytest-xdist>=3.0", "nbval>=0.11")
"""What runs the tests (pytest at Colab's version); no notebook imports these."""

NNHELPERS_SOURCES = ["pyproject.toml", "README.md", "nnhelpers"]
"""What the nnhelpers wheel is built from."""


def find_python() -> str:
    """A Python 3.13 interpreter: ``$COLAB_PYTHON``, ``python3.13`` on the PATH, or pyenv's."""
    pyenv = sorted(
        glob.glob(os.path.expanduser("~/.pyenv/versions/3.13*/bin/python3.13")), reverse=True
    )
    for candidate in [os.environ.get("COLAB_PYTHON"), "python3.13", *pyenv]:
        if not candidate:
            continue
        try:
            check = subprocess.run(
                [candidate, "-c", "import sys; sys.exit(sys.version_info[:2] != (3, 13))"],
                capture_output=True,
            )
        except OSError:
            continue
        if check.returncode == 0:
            return candidate
    sys.exit(
        "Need Python 3.13 (Colab's) for the Colab-like environment; "
        "set COLAB_PYTHON=/path/to/python3.13."
    )


def setup_pip_lines(source: str) -> list[str]:
    """The arguments of each ``%pip install`` line of a setup cell's source, in order."""
    lines = (line.strip() for line in source.splitlines())
    return [
        line.removeprefix("%pip install").strip()
        for line in lines
        if line.startswith("%pip install ")
    ]


def notebook_pip_lines(folder: Path) -> list[str]:
    """Every distinct ``%pip install`` line of the setup cells of the notebooks in ``folder``."""
    found: list[str] = []
    for path in sorted(folder.glob("*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        for cell in cells:
            if COLAB_SETUP in cell.metadata.get("tags", []):
                found += [line for line in setup_pip_lines(cell.source) if line not in found]
    if not found:
        sys.exit(f"No `%pip install` line in any cell tagged {COLAB_SETUP!r} in {folder}.")
    return found


def pip_arguments(line: str, nnhelpers_wheel: Path) -> list[str]:
    """``pip install``'s arguments for a setup-cell line, nnhelpers coming from
    ``nnhelpers_wheel``."""
    arguments = shlex.split(line)
    return [f"nnhelpers @ {nnhelpers_wheel.as_uri()}" if is_nnhelpers(a) else a for a in arguments]


def is_nnhelpers(requirement: str) -> bool:
    """True for a direct-URL requirement of nnhelpers, such as ``nnhelpers @ git+https://...``."""
    name, at, _url = requirement.partition("@")
    return bool(at) and name.strip() == "nnhelpers"


def fingerprint(data: object) -> str:
    """A short hash of JSON-able ``data``, to tell whether an input changed."""
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def source_files() -> list[str]:
    """The files the nnhelpers wheel is built from, as git sees them (ignored files left out)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", *NNHELPERS_SOURCES],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return sorted({path for path in listed.splitlines() if (ROOT / path).is_file()})


def sources_fingerprint(files: list[str]) -> str:
    """A short hash of the names and contents of ``files``."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.encode() + b"\0" + (ROOT / path).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def build_wheel(python: Path, files: list[str], folder: Path) -> Path:
    """Build the nnhelpers wheel from a copy of ``files`` (no build clutter in the checkout)."""
    source = folder / "source"
    for path in files:
        (source / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / path, source / path)
    pip(python, "wheel", "--quiet", "--no-deps", "--wheel-dir", str(folder), str(source))
    (wheel,) = folder.glob("nnhelpers-*.whl")
    return wheel


def pip(python: Path, *arguments: str) -> None:
    """Run ``python -m pip`` with ``arguments``; stop if it fails."""
    subprocess.run(
        [str(python), "-m", "pip", *arguments],
        check=True,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )


def step(message: str, since: float) -> float:
    """Print how long the step that started at ``since`` took; return the time now."""
    now = time.perf_counter()
    print(f"  {message} ({now - since:.0f} s)", flush=True)
    return now


def ensure_env() -> Path:
    """Build ``.venv-colab`` or bring it up to date; return its Python."""
    base = find_python()
    version = subprocess.run(
        [base, "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    lines = notebook_pip_lines(NOTEBOOKS)
    want_env = fingerprint([version, COLAB_PREINSTALLED, TEST_TOOLS, lines])
    files = source_files()
    want_nnhelpers = sources_fingerprint(files)
    have = json.loads(STAMP.read_text()) if STAMP.is_file() else {}
    python = ENV / "bin" / "python"
    if have.get("env") == want_env and have.get("nnhelpers") == want_nnhelpers:
        print(f"Colab-like environment {ENV.name} is up to date (Python {version}).")
        return python

    start = now = time.perf_counter()
    fresh = have.get("env") != want_env
    action = (
        f"building it with Python {version}"
        if fresh
        else "reinstalling nnhelpers (its sources changed)"
    )
    print(f"Colab-like environment {ENV.name}: {action}")
    if fresh:
        shutil.rmtree(ENV, ignore_errors=True)
        subprocess.run([base, "-m", "venv", str(ENV)], check=True)
        pip(python, "install", "--quiet", *COLAB_PREINSTALLED, *TEST_TOOLS)
        now = step("installed Colab's preinstalled packages and the test tools", now)
    with tempfile.TemporaryDirectory(prefix="nnhelpers-wheel-") as folder:
        wheel = build_wheel(python, files, Path(folder))
        now = step(f"built {wheel.name}", now)
        if fresh:
            for line in lines:
                pip(python, "install", *pip_arguments(line, wheel))
                now = step(f"%pip install {line}", now)
        else:
            pip(
                python,
                "install",
                "--quiet",
                "--no-deps",
                "--force-reinstall",
                f"nnhelpers @ {wheel.as_uri()}",
            )
            now = step("reinstalled nnhelpers", now)
    STAMP.write_text(json.dumps({"env": want_env, "nnhelpers": want_nnhelpers}))
    print(f"Colab-like environment ready in {time.perf_counter() - start:.0f} s.")
    return python


def run_tests(python: Path, pytest_arguments: list[str]) -> int:
    """Run the notebooks and the widget tests with ``python``; return pytest's exit status.

    ``-P``, ``--import-mode=importlib`` and an empty ``pythonpath`` (the project's setting
    puts the checkout there) keep the checkout off ``sys.path``, so that the tests, like the
    notebooks, import the installed nnhelpers. The debugger variable (see
    conftest.py) is set before pytest starts: Colab's ipykernel loads the debugger early.
    """
    command = [
        str(python),
        "-P",
        "-m",
        "pytest",
        "--import-mode=importlib",
        "-o",
        "pythonpath=",
        *TESTS,
        *pytest_arguments,
    ]
    print("Running", shlex.join(command[3:]), "in", ENV.name, flush=True)
    environment = {**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    return subprocess.run(command, cwd=ROOT, env=environment).returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--run-tests",
        action="store_true",
        help="then run the notebooks and the widget tests in it (other arguments go to pytest)",
    )
    options, pytest_arguments = parser.parse_known_args()
    if pytest_arguments and not options.run_tests:
        parser.error(f"unrecognized arguments: {' '.join(pytest_arguments)}")
    python = ensure_env()
    if options.run_tests:
        sys.exit(run_tests(python, pytest_arguments))


if __name__ == "__main__":
    main()
