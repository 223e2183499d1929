"""NN with PyTorch: one entry point for teachers, students and CI, on Linux, macOS and Windows.

    python3 course.py lab       (Linux, macOS; or ./course lab)
    py course.py lab            (Windows, in cmd or PowerShell)

Every command first makes sure the course is installed: the first run makes a virtual
environment in ``.venv`` with Python 3.10-3.12 and runs ``pip install -e ".[dev]"`` in it;
later runs reuse it and reinstall only when pyproject.toml changes (a stamp in ``.venv``
holds the hash of the pyproject.toml installed, written last, after a successful install).
Setup holds a lock (``.venv.lock``), so a second setup started at the same time waits for the
first; a ``.venv`` left without a working pip by an interrupted setup is rebuilt.

This file runs on any Python >= 3.8 with the standard library only, so that it can start
on whatever Python a student has and then pick one the course supports.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Mapping, Sequence

ROOT = Path(__file__).resolve().parent
WINDOWS = os.name == "nt"
SUPPORTED = ((3, 10), (3, 12))
"""Oldest and newest Python the course runs on (andi-datasets needs numpy<=1.26.4)."""

# command: (what runs in .venv after `python`, what it does). Extra arguments go to the tool.
TOOLS: dict[str, tuple[list[str], str]] = {
    "lab": (["-m", "jupyterlab"], "open JupyterLab on the course"),
    "test": (["-m", "pytest"], "run the test suite (e.g. test -k autograd)"),
    "fetch-data": (
        ["-m", "nnhelpers.data"],
        "download every dataset the course needs (offline classrooms)",
    ),
    "students": (["-m", "tools.students"], "regenerate notebooks/ from solutions/ (maintainers)"),
    "benchmark": (
        ["-m", "tools.benchmark"],
        "run the whole course, time it; writes benchmarks/REPORT.md",
    ),
    "site": (["-m", "tools.site"], "build the course website (--serve to preview it)"),
    "hub-link": (
        ["-m", "tools.hub_link"],
        "print the nbgitpuller link that hands the course out on a JupyterHub",
    ),
    "nbgrader": (
        ["-m", "tools.nbgrader"],
        "write an nbgrader course directory (report DIR: the class view)",
    ),
    "colab": (
        ["-m", "tools.colab_env", "--run-tests"],
        "build a Colab-like environment and run the tests there",
    ),
    "ruff": (["-m", "ruff"], "lint or format the code and the notebooks (ruff check, ruff format)"),
}

GET_PYTHON = (
    "Get Python 3.12 next to yours with uv (uv python install 3.12), pyenv (pyenv install 3.12),\n"
    "conda or the python.org installer, then run this again (or set PYTHON=/path/to/python3.12);\n"
    'or use Google Colab. See README.md, "Windows / macOS / no Python 3.12".'
)
STOP_LAB = (
    "Starting JupyterLab. To stop it: File > Shut Down in JupyterLab,"
    " or Ctrl+C in this terminal (twice, or answer y)."
)


class SetupError(Exception):
    """Setup cannot go on; the message says why and what to do."""


def usage() -> str:
    """The help text, built from TOOLS."""
    lines = [
        "Usage: python3 course.py COMMAND [ARGS...]   (Windows: py course.py ...; or ./course ...)",
        "",
    ]
    lines += [f"  {name:<11} {text}" for name, (_, text) in TOOLS.items()]
    lines += [
        "",
        "The first command makes .venv (Python 3.10-3.12; PYTHON=/path/to/python picks one) and",
        "installs the course into it. Extra arguments go to the tool.",
    ]
    return "\n".join(lines)


# --- finding a Python for .venv ---------------------------------------------------------

PROBE = (
    "import sys, importlib.util as u; "
    "print('%d.%d.%d' % sys.version_info[:3], u.find_spec('ensurepip') is not None)"
)


@dataclass(frozen=True)
class Interpreter:
    """A Python that can make the course's .venv: how to call it and its version."""

    command: tuple[str, ...]
    version: str


def candidates(windows: bool = WINDOWS) -> list[tuple[str, ...]]:
    """The Pythons to try, best first, when PYTHON is not set."""
    names = [(name,) for name in ("python3.12", "python3.11", "python3.10", "python3", "python")]
    if windows:
        names += [("py", f"-3.{minor}") for minor in (12, 11, 10)]
    return names


def probe(command: Sequence[str], env: Mapping[str, str]) -> Interpreter | str:
    """The interpreter ``command`` starts, or why the course cannot use it."""
    executable = shutil.which(command[0], path=env.get("PATH"))
    if executable is None:
        return "not found"
    try:
        run = subprocess.run(
            [executable, *command[1:], "-c", PROBE],
            capture_output=True,
            text=True,
            timeout=60,
            env=dict(env),
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"does not run ({error})"
    words = run.stdout.split()
    if run.returncode != 0 or len(words) != 2:
        said = (run.stderr or run.stdout).strip().splitlines()
        return f"does not run ({said[0] if said else f'exit status {run.returncode}'})"
    version, has_ensurepip = words
    major, minor = (int(part) for part in version.split(".")[:2])
    if not SUPPORTED[0] <= (major, minor) <= SUPPORTED[1]:
        return f"is Python {version}; the course needs 3.10, 3.11 or 3.12"
    if has_ensurepip != "True":
        return (
            f"is Python {version} without venv support "
            f"(Debian/Ubuntu: apt install python{major}.{minor}-venv)"
        )
    return Interpreter(tuple(command), version)


def python_from_env(env: Mapping[str, str]) -> Interpreter | None:
    """The Python that PYTHON names, None if PYTHON is unset; SetupError if it is unusable."""
    named = env.get("PYTHON")
    if not named:
        return None
    found = probe((named,), env)
    if isinstance(found, str):
        raise SetupError(f"PYTHON={named} {found}. Unset PYTHON or point it to Python 3.10-3.12.")
    return found


def find_python(env: Mapping[str, str], windows: bool = WINDOWS) -> Interpreter:
    """PYTHON if set, else the first suitable candidate; SetupError naming ways to get one."""
    chosen = python_from_env(env)
    if chosen is not None:
        return chosen
    rejected = []
    for command in candidates(windows):
        found = probe(command, env)
        if isinstance(found, Interpreter):
            return found
        if found != "not found":
            rejected.append(f"  {' '.join(command)}: {found}")
    seen = "\n".join(rejected) if rejected else "  (no python3 or python on PATH)"
    raise SetupError(
        f"The course needs Python 3.10, 3.11 or 3.12, and found none:\n{seen}\n{GET_PYTHON}"
    )


# --- the virtual environment ------------------------------------------------------------


def venv_python(venv: Path, windows: bool = WINDOWS) -> Path:
    """The interpreter inside a virtual environment made on this OS."""
    return venv / "Scripts" / "python.exe" if windows else venv / "bin" / "python"


def venv_version(venv: Path) -> str | None:
    """The Python version a virtual environment was made with (from its pyvenv.cfg)."""
    config = venv / "pyvenv.cfg"
    if not config.is_file():
        return None
    for line in config.read_text(errors="replace").splitlines():
        key, _, value = line.partition("=")
        if key.strip() == "version":
            return value.strip()
    return None


def venv_problem(venv: Path, wanted: Interpreter | None, windows: bool = WINDOWS) -> str | None:
    """Why .venv must be rebuilt (e.g. no working pip after an interrupted setup), or None."""
    python = venv_python(venv, windows)
    if not python.exists():
        return "it has no Python (an interrupted setup?)"
    if wanted is not None and venv_version(venv) != wanted.version:
        return f"it has Python {venv_version(venv)}, PYTHON is {wanted.version}"
    pip = subprocess.run([str(python), "-m", "pip", "--version"], capture_output=True, text=True)
    if pip.returncode != 0:
        return "its pip does not work (an interrupted setup?)"
    return None


def make_venv(base: Interpreter, venv: Path) -> None:
    """Make a virtual environment with pip in ``venv``."""
    made = subprocess.run([*base.command, "-m", "venv", str(venv)], capture_output=True, text=True)
    if made.returncode != 0:
        raise SetupError(
            f"{made.stdout}{made.stderr}\n"
            f"Could not make {venv.name} with {' '.join(base.command)} (see above); "
            "set PYTHON to another Python 3.10-3.12."
        )


def pip_install(python: Path, root: Path) -> None:
    """Install the course with its dev extras into the environment of ``python``, quietly."""
    pip = [
        str(python),
        "-m",
        "pip",
        "--disable-pip-version-check",
        "--no-input",
        "install",
        "--quiet",
    ]
    for step in (["--upgrade", "pip"], ["--editable", ".[dev]"]):
        done = subprocess.run([*pip, *step], cwd=root, capture_output=True, text=True)
        if done.returncode != 0:
            raise SetupError(
                f"{done.stdout}{done.stderr}\n"
                f"pip install {' '.join(step)} failed (its output is above). Fix what it says "
                "(often: no internet, or a full disk: the course needs about 6 GB) and run the "
                "same command again."
            )


def stamp_of(pyproject: Path) -> str:
    """What the stamp holds once the course is installed: the hash of pyproject.toml."""
    return hashlib.sha256(pyproject.read_bytes()).hexdigest()


@contextlib.contextmanager
def setup_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if missing), saying so if it has to wait."""
    fd = os.open(str(path), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if not _try_lock(fd):
            say("Another setup of .venv is running in this folder; waiting for it to finish ...")
            while not _try_lock(fd):
                time.sleep(0.5)
        yield
    finally:
        if WINDOWS:
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        os.close(fd)  # on POSIX this releases the lock; the OS does so too if we are killed


def _try_lock(fd: int) -> bool:
    """Take the lock on ``fd`` without waiting; False if another process holds it."""
    try:
        if WINDOWS:
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def setup(
    root: Path = ROOT,
    env: Mapping[str, str] = os.environ,
    install: Callable[[Path, Path], None] = pip_install,
    windows: bool = WINDOWS,
) -> Path:
    """Make ``root/.venv`` and install the course into it unless that is done; its Python."""
    venv = root / ".venv"
    python = venv_python(venv, windows)
    stamp = venv / ".installed"
    wanted = python_from_env(env)

    def ready() -> bool:
        return (
            stamp.is_file()
            and python.exists()
            and stamp.read_text().strip() == stamp_of(root / "pyproject.toml")
            and (wanted is None or venv_version(venv) == wanted.version)
        )

    if ready():
        return python
    with setup_lock(root / ".venv.lock"):
        if ready():  # another setup finished it while we waited
            return python
        problem = venv_problem(venv, wanted, windows) if venv.exists() else None
        if problem:
            say(f"Rebuilding .venv: {problem}.")
            shutil.rmtree(venv)
        start = time.monotonic()
        if not venv.exists():
            base = wanted or find_python(env, windows)
            say(f"Making .venv with Python {base.version} ({' '.join(base.command)}) ...")
            make_venv(base, venv)
        say(
            "Installing the course into .venv "
            "(the first time: a few minutes; PyTorch is a large download) ..."
        )
        stamp.unlink(missing_ok=True)
        install(python, root)
        written = stamp.with_name(stamp.name + ".tmp")
        written.write_text(stamp_of(root / "pyproject.toml") + "\n")
        os.replace(written, stamp)
        say(f"Set up in {time.monotonic() - start:.0f} s.")
    return python


# --- running a tool ---------------------------------------------------------------------


def is_root() -> bool:
    """Whether this process runs as root (POSIX; never on Windows)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def tool_command(name: str, args: Sequence[str], python: Path, as_root: bool) -> list[str]:
    """The command line that runs tool ``name`` with ``args`` in the environment of ``python``."""
    command = [str(python), *TOOLS[name][0], *args]
    if name == "lab" and as_root and "--allow-root" not in args:
        command.append("--allow-root")
    return command


def tool_env(python: Path, env: Mapping[str, str]) -> dict[str, str]:
    """``env`` as if .venv were activated: its scripts first on PATH (for ``!pip``, terminals)."""
    venv = python.parent.parent
    return {
        **env,
        "VIRTUAL_ENV": str(venv),
        "PATH": os.pathsep.join(filter(None, [str(python.parent), env.get("PATH", "")])),
    }


def run(command: list[str], env: dict[str, str]) -> int:
    """Run ``command``: in place of this process on POSIX; as a child on Windows."""
    sys.stdout.flush()
    if not WINDOWS:
        os.execve(command[0], command, env)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the tool's to handle (Jupyter asks)
    return subprocess.call(command, env=env)


def say(message: str) -> None:
    """One line of progress for the person at the terminal."""
    print(message, flush=True)


def main(argv: Sequence[str]) -> int:
    """Run ``course.py COMMAND ARGS...``; the exit status."""
    name, args = (argv[0], list(argv[1:])) if argv else ("help", [])
    if name in ("help", "-h", "--help"):
        print(usage())
        return 0
    if name not in TOOLS:
        print(f"{usage()}\n\nUnknown command {name!r}.", file=sys.stderr)
        return 2
    os.chdir(ROOT)
    try:
        python = setup()
    except SetupError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nSetup interrupted; the next command finishes or repairs .venv.", file=sys.stderr)
        return 130
    if name == "lab":
        if is_root() and "--allow-root" not in args:
            say("Running as root: passing --allow-root to JupyterLab.")
        say(STOP_LAB)
    return run(tool_command(name, args, python, is_root()), tool_env(python, os.environ))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
