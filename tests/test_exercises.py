"""The solutions -> student notebooks mechanism, on a made-up course and on the real one."""

import copy
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from nnhelpers import colab, exercises

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))


def tiny_course(folder: Path) -> Path:
    """A solutions/ folder with one notebook holding one exercise."""
    solutions = folder / "solutions"
    solutions.mkdir()
    shown = new_code_cell("x = 2\nx", execution_count=1, outputs=[new_output("execute_result", {"text/plain": "2"}, execution_count=1)])
    answer = new_code_cell("# Hint: square x.\ny = x ** 2\nprint(y)", metadata={"tags": ["solution"]}, execution_count=2)
    check = new_code_cell("assert y == 4", execution_count=3)
    nb = new_notebook(cells=[new_markdown_cell("# 01 Tiny"), shown, new_markdown_cell("**Exercise**: square x."), answer, check])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nbformat.write(nb, solutions / "01_tiny.ipynb")
    return solutions


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def test_student_notebook_hides_solutions(tmp_path):
    solutions = tiny_course(tmp_path)
    written = exercises.build(solutions, tmp_path / "notebooks")
    assert tmp_path / "notebooks" / "01_tiny.ipynb" in written
    student = read(tmp_path / "notebooks" / "01_tiny.ipynb")
    badge, setup, title, shown, text, stub, check = student.cells
    assert "notebooks/01_tiny.ipynb" in badge.source and setup.metadata.tags == ["colab-setup"]
    assert stub.source == "# Hint: square x.\n# Your code here"
    assert stub.metadata.tags == ["exercise", "nbval-skip"]
    assert "nbval-skip" in check.metadata.tags and "nbval-skip" not in shown.metadata.get("tags", [])
    assert all(c.outputs == [] and c.execution_count is None for c in student.cells if c.cell_type == "code")
    assert "widgets" not in student.metadata
    assert not exercises.leaked_lines(read(solutions / "01_tiny.ipynb"), student)


def test_solution_cells_are_collapsed_and_titled(tmp_path):
    solutions = tiny_course(tmp_path)
    exercises.build(solutions, tmp_path / "notebooks")
    solution = read(solutions / "01_tiny.ipynb")
    answer = next(c for c in solution.cells if exercises.is_solution(c))
    assert answer.source.splitlines()[:2] == [exercises.TITLE, "# Hint: square x."]
    assert answer.metadata.jupyter.source_hidden is True
    assert answer.metadata.cellView == "form"
    assert "solutions/01_tiny.ipynb" in solution.cells[0].source
    assert solution.cells[3].outputs, "outputs of the solution notebook are kept"


def test_build_is_idempotent(tmp_path):
    solutions = tiny_course(tmp_path)
    exercises.build(solutions, tmp_path / "notebooks")
    assert exercises.build(solutions, tmp_path / "notebooks") == []


def test_refuses_to_overwrite_student_work(tmp_path, capsys):
    solutions = tiny_course(tmp_path)
    target = tmp_path / "notebooks" / "01_tiny.ipynb"
    exercises.build(solutions, tmp_path / "notebooks")
    work = read(target)
    work.cells[5].source = "y = x * x  # my answer"
    nbformat.write(work, target)
    saved = target.read_text()
    with pytest.raises(exercises.StudentWorkError, match="has changed since it was generated"):
        exercises.build(solutions, tmp_path / "notebooks")
    assert target.read_text() == saved
    args = ["--solutions", str(solutions), "--notebooks", str(tmp_path / "notebooks")]
    assert exercises.main(args) == 1
    assert "--force" in capsys.readouterr().err
    assert exercises.main([*args, "--force"]) == 0
    assert "# Your code here" in read(target).cells[5].source


def test_refuses_to_overwrite_a_notebook_it_did_not_make(tmp_path):
    solutions = tiny_course(tmp_path)
    (tmp_path / "notebooks").mkdir()
    nbformat.write(new_notebook(), tmp_path / "notebooks" / "01_tiny.ipynb")
    with pytest.raises(exercises.StudentWorkError):
        exercises.build(solutions, tmp_path / "notebooks")


def test_leak_detector_finds_a_leak(tmp_path):
    solutions = tiny_course(tmp_path)
    exercises.build(solutions, tmp_path / "notebooks")
    solution = read(solutions / "01_tiny.ipynb")
    student = read(tmp_path / "notebooks" / "01_tiny.ipynb")
    student.cells[5].source += "\ny = x ** 2"
    assert exercises.leaked_lines(solution, student) == {"y = x ** 2"}


# --- the real course -------------------------------------------------------------------


def test_course_has_all_notebooks():
    names = [p.name[:2] for p in SOLUTIONS]
    assert names == ["01", "02", "03", "04", "05"]
    assert sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb")) == [p.name for p in SOLUTIONS]


def test_notebooks_are_generated_from_solutions(tmp_path):
    """No drift: regenerating changes nothing in solutions/ or notebooks/."""
    for path in SOLUTIONS:
        solution = read(path)
        refreshed = exercises.refresh_solution(copy.deepcopy(solution), path)
        assert nbformat.writes(refreshed) == nbformat.writes(solution), f"run ./course students ({path.name})"
        student_path = ROOT / "notebooks" / path.name
        expected = exercises.student_notebook(refreshed, student_path)
        assert nbformat.writes(read(student_path)) == nbformat.writes(expected), f"run ./course students ({path.name})"


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_no_solution_leaks_into_student_notebook(path):
    solution = read(path)
    assert any(exercises.is_solution(c) for c in solution.cells), "every notebook has an exercise"
    assert not exercises.leaked_lines(solution, read(ROOT / "notebooks" / path.name))


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_colab_badge_and_setup_agree_with_repo(path):
    for nb_path in (path, ROOT / "notebooks" / path.name):
        nb = read(nb_path)
        assert nb.cells[0].source == colab.badge_source(nb_path)
        assert f"colab.research.google.com/github/{colab.REPO}/blob/main/{nb_path.parent.name}/{nb_path.name}" in nb.cells[0].source
        assert nb.cells[1].source == colab.setup_source(colab.needs_andi(nb))
    assert f"git clone https://github.com/{colab.REPO}.git" in (ROOT / "README.md").read_text()


def test_setup_cell_installs_andi_only_where_needed():
    assert "andi-datasets==2.1.13" in colab.setup_source(needs_andi=True)
    assert "andi" not in colab.setup_source(needs_andi=False)
    assert 'if "google.colab" in sys.modules:' in colab.setup_source(False)


def test_setup_cell_installs_what_colab_may_lack_from_the_badges_branch():
    every, andi = colab.setup_source(needs_andi=True).splitlines()[-2:]
    assert every.split()[:5] == ["%pip", "install", "-q", "--no-deps", "torchviz"]
    assert "graphviz" in every.split()  # torchviz needs it
    assert "h5py" in andi.split() and "h5py" not in colab.setup_source(needs_andi=False)  # andi-datasets imports it
    assert every.endswith(f'"nnhelpers @ git+https://github.com/{colab.REPO}@{colab.BRANCH}"')
    assert f"/blob/{colab.BRANCH}/" in colab.badge_source(Path("notebooks/01_tiny.ipynb"))
