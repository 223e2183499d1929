"""Adding a notebook touches only what its author writes.

In a copy of the course, a sixth notebook is added the way the README's contributor
section says: the notebook in solutions/ and its entry in tools/catalog.py (its checks,
their tests and its answers are the author's too; this one reuses notebook 01's). Then
``./course students`` writes its student version and the README's table, and the tests
that follow the catalogue pass in the copy: nothing else needs a change.
"""

import subprocess
import sys

import nbformat

from tools import ROOT

ENTRY = """    Notebook(
        "06_a_sixth_lecture",
        "A sixth lecture",
        "what a new lecture teaches",
    ),
)"""


def course_copy(folder):
    """The committed files of the course, copied into ``folder``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(source.read_bytes())
    return folder


def test_a_sixth_notebook_needs_only_its_own_files(tmp_path):
    course = course_copy(tmp_path / "course")
    notebook = nbformat.read(course / "solutions" / "01_autograd_basics.ipynb", as_version=4)
    heading = next(c for c in notebook.cells if c.source.startswith("# 01 "))
    heading.source = heading.source.replace("# 01 Autograd basics", "# 06 A sixth lecture", 1)
    nbformat.write(notebook, course / "solutions" / "06_a_sixth_lecture.ipynb")
    catalog = course / "tools" / "catalog.py"
    text = catalog.read_text(encoding="utf-8")
    end = text.index("\n)\n", text.index("NOTEBOOKS: tuple"))
    catalog.write_text(text[:end] + "\n" + ENTRY + text[end + 2 :], encoding="utf-8")

    generated = subprocess.run(
        [sys.executable, "-m", "tools.students"], cwd=course, capture_output=True, text=True
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    assert (course / "notebooks" / "06_a_sixth_lecture.ipynb").is_file()
    assert "[A sixth lecture](notebooks/06_a_sixth_lecture.ipynb)" in (
        course / "README.md"
    ).read_text(encoding="utf-8")

    tests = ["tests/tools/test_catalog.py", "tests/tools/test_students.py"]
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n0", "-p", "no:cacheprovider", *tests],
        cwd=course, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "06_a_sixth_lecture" in subprocess.run(
        [sys.executable, "-m", "pytest", "--co", "-q", "-n0", "-p", "no:cacheprovider", *tests],
        cwd=course, capture_output=True, text=True,
    ).stdout  # fmt: skip
