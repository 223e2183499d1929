"""The launcher (course.py and its ./course wrapper): commands, finding a Python, setup.

Fast: nothing here installs the course. Setup runs on a made-up course in a temporary
folder with a stand-in install step; stand-in interpreters are small shell scripts that
answer the launcher's probe as a given Python would (this suite runs on Linux, so the
Windows layout is simulated); one test makes a real virtual environment (about 5 s).
"""

import ast
import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import course

REPO = Path(course.__file__).resolve().parent
BASE_PYTHON = os.path.realpath(sys.executable)
"""The interpreter running the tests, outside any venv: a Python 3.10-3.12 that can make one."""


def script(path: Path, body: str) -> Path:
    """An executable shell script at ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n" + textwrap.dedent(body))
    path.chmod(0o755)
    return path


def fake_python(
    folder: Path, name: str, answer: str = "", error: str = "", status: int = 0
) -> Path:
    """A stand-in interpreter: answers the launcher's probe with ``answer`` (or ``error`` and
    ``status``); anything else it runs with the real Python, so it can also run course.py."""
    return script(
        folder / name,
        f"""\
        case "$2" in
          *ensurepip*) printf '%s' '{answer}'; printf '%s' '{error}' >&2; exit {status};;
        esac
        exec {BASE_PYTHON} "$@"
        """,
    )


def made_up_course(folder: Path, pyproject: str = '[project]\nname = "made-up"\n') -> Path:
    """A course checkout with this course.py and its wrapper, and a small pyproject.toml."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("course.py", "course"):
        shutil.copy2(REPO / name, folder / name)
    (folder / "pyproject.toml").write_text(pyproject)
    return folder


def fake_venv(
    root: Path, python_body: str = "exit 0\n", version: str = "3.11.7", windows: bool = False
) -> Path:
    """A .venv whose interpreter is a shell script (by default one whose pip 'works')."""
    venv = root / ".venv"
    script(course.venv_python(venv, windows), python_body)
    (venv / "pyvenv.cfg").write_text(f"home = /somewhere\nversion = {version}\n")
    return venv


def stamp_of(root: Path) -> str:
    return hashlib.sha256((root / "pyproject.toml").read_bytes()).hexdigest()


def launch(args: list, env: dict, cwd: Path) -> subprocess.CompletedProcess:
    """Run a command as a student would, with ``env`` instead of this process's variables."""
    return subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True, timeout=120)


class Installs:
    """A stand-in install step that records what it was asked to install into."""

    def __init__(self, fail: bool = False):
        self.calls: list = []
        self.fail = fail

    def __call__(self, python: Path, root: Path) -> None:
        assert not (root / ".venv" / ".installed").exists(), (
            "the stamp must be written after the install"
        )
        self.calls.append(python)
        if self.fail:
            raise course.SetupError("pip install failed")


# --- commands -----------------------------------------------------------------------------


def test_help_lists_every_command_and_unknown_ones_exit_2(capsys):
    assert course.main([]) == 0
    assert course.main(["help"]) == 0
    shown = capsys.readouterr().out
    for name in course.TOOLS:
        assert f"\n  {name} " in shown
    assert course.main(["lab2"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Unknown command 'lab2'" in captured.err and "Usage:" in captured.err


def test_each_command_runs_its_tool_in_the_venv_with_the_extra_arguments():
    python = Path("/c/.venv/bin/python")
    expected = {
        "lab": ["-m", "jupyterlab"],
        "test": ["-m", "pytest"],
        "fetch-data": ["-m", "nnhelpers.data"],
        "students": ["-m", "tools.students"],
        "benchmark": ["-m", "tools.benchmark"],
        "site": ["-m", "tools.site"],
        "hub-link": ["-m", "tools.hub_link"],
        "nbgrader": ["-m", "tools.nbgrader"],
        "colab": ["-m", "tools.colab_env", "--run-tests"],
        "ruff": ["-m", "ruff"],
    }
    assert set(course.TOOLS) == set(expected)
    for name, module in expected.items():
        command = course.tool_command(name, ["--serve", "a b"], python, as_root=False)
        assert command == [str(python), *module, "--serve", "a b"]


def test_lab_as_root_passes_allow_root_and_says_how_to_stop(monkeypatch, capsys):
    python = Path("/c/.venv/bin/python")
    assert course.tool_command("lab", [], python, as_root=True)[-1] == "--allow-root"
    assert "--allow-root" not in course.tool_command("lab", [], python, as_root=False)
    assert (
        course.tool_command("lab", ["--allow-root"], python, as_root=True).count("--allow-root")
        == 1
    )
    assert "--allow-root" not in course.tool_command("test", [], python, as_root=True)

    ran = []
    monkeypatch.setattr(course, "setup", lambda: python)
    monkeypatch.setattr(course, "is_root", lambda: True)
    monkeypatch.setattr(course, "run", lambda command, env: ran.append(command) or 0)
    assert course.main(["lab", "--no-browser"]) == 0
    assert ran == [[str(python), "-m", "jupyterlab", "--no-browser", "--allow-root"]]
    said = capsys.readouterr().out.splitlines()
    assert said == ["Running as root: passing --allow-root to JupyterLab.", course.STOP_LAB]
    assert "Ctrl+C" in course.STOP_LAB and "File > Shut Down" in course.STOP_LAB


def test_the_wrapper_passes_arguments_through_to_the_tool_in_the_venv(tmp_path):
    root = made_up_course(tmp_path / "c")
    fake_venv(root, 'printf "%s\\n" "$VIRTUAL_ENV" "$@"\n')
    (root / ".venv" / ".installed").write_text(stamp_of(root))
    env = {**os.environ, "PYTHON": ""}
    done = launch(["bash", str(root / "course"), "test", "-k", "a b", "--x"], env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [str(root / ".venv"), "-m", "pytest", "-k", "a b", "--x"]
    assert done.stderr == ""


def test_tools_see_the_venv_as_activated():
    python = Path("/c/.venv/bin/python")
    env = course.tool_env(python, {"PATH": "/usr/bin", "HOME": "/h"})
    assert env == {
        "PATH": f"/c/.venv/bin{os.pathsep}/usr/bin",
        "HOME": "/h",
        "VIRTUAL_ENV": "/c/.venv",
    }


def test_course_py_itself_runs_on_python_3_8():
    ast.parse((REPO / "course.py").read_text(), feature_version=(3, 8))


# --- finding a Python ---------------------------------------------------------------------


def test_interpreter_paths_and_candidates_per_os():
    venv = Path("c") / ".venv"
    assert course.venv_python(venv, windows=False) == venv / "bin" / "python"
    assert course.venv_python(venv, windows=True) == venv / "Scripts" / "python.exe"
    posix, windows = course.candidates(windows=False), course.candidates(windows=True)
    assert posix[0] == ("python3.12",) and ("python",) in posix
    assert not any(command[0] == "py" for command in posix)
    assert windows[: len(posix)] == posix
    assert windows[len(posix) :] == [("py", "-3.12"), ("py", "-3.11"), ("py", "-3.10")]


def test_probe_says_why_a_python_cannot_make_the_venv(tmp_path):
    env = {"PATH": str(tmp_path)}
    fake_python(tmp_path, "new", answer="3.13.0 True")
    fake_python(tmp_path, "debian", answer="3.11.2 False")
    fake_python(tmp_path, "shim", error="pyenv: python3.12: command not found", status=127)
    fake_python(tmp_path, "good", answer="3.12.1 True")
    assert course.probe(("missing",), env) == "not found"
    assert course.probe(("new",), env) == "is Python 3.13.0; the course needs 3.10, 3.11 or 3.12"
    assert "apt install python3.11-venv" in course.probe(("debian",), env)
    assert course.probe(("shim",), env) == "does not run (pyenv: python3.12: command not found)"
    assert course.probe(("good",), env) == course.Interpreter(("good",), "3.12.1")
    assert course.probe((BASE_PYTHON,), env) == course.Interpreter(
        (BASE_PYTHON,), ".".join(map(str, sys.version_info[:3]))
    )


def test_python_variable_wins_over_the_path(tmp_path):
    bin_ = tmp_path / "bin"
    fake_python(bin_, "python3.12", answer="3.12.1 True")
    mine = fake_python(tmp_path / "mine", "python", answer="3.10.13 True")
    env = {"PATH": str(bin_)}
    assert course.find_python(env, windows=False) == course.Interpreter(("python3.12",), "3.12.1")
    assert course.find_python({**env, "PYTHON": str(mine)}, windows=False) == course.Interpreter(
        (str(mine),), "3.10.13"
    )


@pytest.mark.parametrize(
    "named, why",
    [
        ("/nowhere/python3.12", "PYTHON=/nowhere/python3.12 not found."),
        ("python3.13", "PYTHON=python3.13 is Python 3.13.0; the course needs 3.10, 3.11 or 3.12."),
    ],
)
def test_unusable_python_variable_exits_1_saying_why(tmp_path, named, why):
    root = made_up_course(tmp_path / "c")
    bin_ = tmp_path / "bin"
    fake_python(bin_, "python3.12", answer="3.12.1 True")  # never a silent fallback
    fake_python(bin_, "python3.13", answer="3.13.0 True")
    done = launch(
        [BASE_PYTHON, "course.py", "test"], {"PATH": str(bin_), "PYTHON": named}, cwd=root
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"{why} Unset PYTHON or point it to Python 3.10-3.12.\n"
    assert not (root / ".venv").exists()


def test_no_suitable_python_exits_1_with_one_message_naming_ways_to_get_one(tmp_path):
    root = made_up_course(tmp_path / "c")
    bin_ = tmp_path / "bin"  # the only folder on PATH: python3 is 3.13, python3.12 a broken shim
    fake_python(bin_, "python3", answer="3.13.0 True")
    fake_python(bin_, "python3.12", error="pyenv: python3.12: command not found", status=127)
    done = launch(
        [shutil.which("bash"), str(root / "course"), "lab"], {"PATH": str(bin_)}, cwd=tmp_path
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "The course needs Python 3.10, 3.11 or 3.12, and found none:\n"
        "  python3.12: does not run (pyenv: python3.12: command not found)\n"
        "  python3: is Python 3.13.0; the course needs 3.10, 3.11 or 3.12\n"
        f"{course.GET_PYTHON}\n"
    )
    for way in ("conda", "pyenv", "uv python install 3.12", "python.org", "PYTHON=", "Colab"):
        assert way in course.GET_PYTHON


# --- setup --------------------------------------------------------------------------------


def test_install_writes_the_stamp_last_and_reruns_only_when_pyproject_changes(tmp_path):
    root = made_up_course(tmp_path)
    fake_venv(root)
    stamp = root / ".venv" / ".installed"
    stamp.write_text("an older pyproject.toml\n")

    with pytest.raises(course.SetupError):
        course.setup(root, env={}, install=Installs(fail=True), windows=False)
    assert not stamp.exists()

    installs = Installs()
    python = course.setup(root, env={}, install=installs, windows=False)
    course.setup(root, env={}, install=installs, windows=False)
    assert python == root / ".venv" / "bin" / "python"
    assert installs.calls == [python]
    assert stamp.read_text() == stamp_of(root) + "\n"

    (root / "pyproject.toml").write_text('[project]\nname = "made-up"\nversion = "2"\n')
    course.setup(root, env={}, install=installs, windows=False)
    assert installs.calls == [python, python]
    assert stamp.read_text() == stamp_of(root) + "\n"


def test_setup_uses_the_windows_layout_on_windows(tmp_path):
    root = made_up_course(tmp_path)
    fake_venv(root, windows=True)
    installs = Installs()
    python = course.setup(root, env={}, install=installs, windows=True)
    assert python == root / ".venv" / "Scripts" / "python.exe"
    assert installs.calls == [python]
    assert (root / ".venv" / ".installed").is_file()


def test_a_failed_pip_install_shows_pips_output_and_a_hint(tmp_path):
    python = script(
        tmp_path / "python", "echo 'ERROR: No matching distribution found for torch' >&2; exit 1\n"
    )
    with pytest.raises(course.SetupError) as failure:
        course.pip_install(python, tmp_path)
    lines = str(failure.value).splitlines()
    assert lines[0] == "ERROR: No matching distribution found for torch"
    assert lines[-1].startswith("pip install --upgrade pip failed (its output is above).")


def test_why_a_venv_is_rebuilt(tmp_path):
    venv = tmp_path / ".venv"
    venv.mkdir()
    assert (
        course.venv_problem(venv, None, windows=False) == "it has no Python (an interrupted setup?)"
    )
    fake_venv(tmp_path, "exit 1\n")
    assert (
        course.venv_problem(venv, None, windows=False)
        == "its pip does not work (an interrupted setup?)"
    )
    fake_venv(tmp_path, version="3.11.7")
    assert course.venv_problem(venv, None, windows=False) is None
    wanted = course.Interpreter(("python3.12",), "3.12.1")
    assert (
        course.venv_problem(venv, wanted, windows=False) == "it has Python 3.11.7, PYTHON is 3.12.1"
    )


def test_a_venv_without_pip_is_rebuilt_with_the_python_variable(tmp_path, capsys):
    root = made_up_course(tmp_path)
    subprocess.run([BASE_PYTHON, "-m", "venv", "--without-pip", str(root / ".venv")], check=True)
    installs = Installs()
    python = course.setup(
        root, env={"PATH": "", "PYTHON": BASE_PYTHON}, install=installs, windows=False
    )
    said = capsys.readouterr().out.splitlines()
    assert said[0] == "Rebuilding .venv: its pip does not work (an interrupted setup?)."
    assert said[1].startswith("Making .venv with Python 3.")
    assert installs.calls == [python]
    assert (
        subprocess.run([str(python), "-m", "pip", "--version"], capture_output=True).returncode == 0
    )
    assert (root / ".venv" / ".installed").read_text() == stamp_of(root) + "\n"


def test_a_second_setup_waits_for_the_first_and_does_not_install_again(tmp_path):
    root = made_up_course(tmp_path / "c")
    fake_venv(root)
    log = tmp_path / "installs.log"
    driver = textwrap.dedent(f"""\
        import os, sys, time
        sys.path.insert(0, {str(REPO)!r})
        import course
        from pathlib import Path
        def install(python, root):
            with open({str(log)!r}, "a") as f:
                f.write(f"start {{os.getpid()}}\\n"); f.flush(); time.sleep(2)
                f.write(f"end {{os.getpid()}}\\n")
        course.setup(Path({str(root)!r}), env={{}}, install=install, windows=False)
        """)
    first = subprocess.Popen([BASE_PYTHON, "-c", driver], stdout=subprocess.PIPE, text=True)
    for _ in range(200):
        if log.exists():
            break
        time.sleep(0.05)
    second = subprocess.Popen([BASE_PYTHON, "-c", driver], stdout=subprocess.PIPE, text=True)
    said_first, _ = first.communicate(timeout=60)
    said_second, _ = second.communicate(timeout=60)
    assert (first.returncode, second.returncode) == (0, 0)
    assert log.read_text() == f"start {first.pid}\nend {first.pid}\n"
    assert "waiting" not in said_first
    assert (
        said_second
        == "Another setup of .venv is running in this folder; waiting for it to finish ...\n"
    )
