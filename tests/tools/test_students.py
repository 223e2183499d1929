"""The student-notebook generator, on a made-up course and on the real one."""

import copy
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from tools import ROOT, catalog, cells
from tools.students import build, colab, stubs
from tools.students.__main__ import main

SOLUTIONS = [notebook.solution() for notebook in catalog.NOTEBOOKS]


def tiny_course(folder: Path) -> Path:
    """A solutions/ folder with one notebook holding one exercise."""
    solutions = folder / "solutions"
    solutions.mkdir()
    shown = new_code_cell(
        "x = 2\nx",
        execution_count=1,
        outputs=[new_output("execute_result", {"text/plain": "2"}, execution_count=1)],
    )
    answer = new_code_cell(
        "# Hint: square x.\ny = x ** 2\nprint(y)",
        metadata={"tags": ["solution"]},
        execution_count=2,
    )
    check = new_code_cell("assert y == 4", execution_count=3)
    nb = new_notebook(
        cells=[
            new_markdown_cell("# 01 Tiny"),
            shown,
            new_markdown_cell("**Exercise**: square x."),
            answer,
            check,
        ]
    )
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nbformat.write(nb, solutions / "01_tiny.ipynb")
    return solutions


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def test_student_notebook_hides_solutions(tmp_path):
    solutions = tiny_course(tmp_path)
    outcome = build.build(solutions, tmp_path / "notebooks")
    assert tmp_path / "notebooks" / "01_tiny.ipynb" in outcome.written
    student = read(tmp_path / "notebooks" / "01_tiny.ipynb")
    badge, setup, title, shown, text, stub, check = student.cells
    assert "notebooks/01_tiny.ipynb" in badge.source and setup.metadata.tags == ["colab-setup"]
    assert stub.source == "# Hint: square x.\n# Your code here\ny = ..."
    assert stub.metadata.tags == ["exercise"]
    assert all("nbval-skip" not in c.metadata.get("tags", []) for c in student.cells)
    assert all(
        c.outputs == [] and c.execution_count is None
        for c in student.cells
        if c.cell_type == "code"
    )
    assert "widgets" not in student.metadata
    assert not build.leaked_lines(read(solutions / "01_tiny.ipynb"), student)


def test_solution_cells_are_collapsed_and_titled(tmp_path):
    solutions = tiny_course(tmp_path)
    build.build(solutions, tmp_path / "notebooks")
    solution = read(solutions / "01_tiny.ipynb")
    answer = next(c for c in solution.cells if cells.is_solution(c))
    assert answer.source.splitlines()[:2] == [cells.TITLE, "# Hint: square x."]
    assert answer.metadata.jupyter.source_hidden is True
    assert answer.metadata.cellView == "form"
    assert "solutions/01_tiny.ipynb" in solution.cells[0].source
    assert solution.cells[3].outputs, "outputs of the solution notebook are kept"


def test_build_is_idempotent(tmp_path):
    solutions = tiny_course(tmp_path)
    build.build(solutions, tmp_path / "notebooks")
    assert build.build(solutions, tmp_path / "notebooks").written == []


def test_refuses_to_overwrite_student_work(tmp_path, capsys):
    solutions = tiny_course(tmp_path)
    target = tmp_path / "notebooks" / "01_tiny.ipynb"
    build.build(solutions, tmp_path / "notebooks")
    work = read(target)
    work.cells[5].source = "y = x * x  # my answer"
    nbformat.write(work, target)
    saved = target.read_text()
    outcome = build.build(solutions, tmp_path / "notebooks")
    assert len(outcome.refused) == 1 and "has changed since it was generated" in outcome.refused[0]
    assert target.read_text() == saved
    args = ["--solutions", str(solutions), "--notebooks", str(tmp_path / "notebooks")]
    assert main(args) == 1
    assert "--force" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0
    assert "# Your code here" in read(target).cells[5].source
    (backup,) = (tmp_path / "notebooks" / "backup").glob("01_tiny-*.ipynb")
    assert backup.read_text() == saved, "--force keeps the student's version"
    assert "kept a copy" in capsys.readouterr().out


def test_refuses_to_overwrite_a_notebook_it_did_not_make(tmp_path):
    solutions = tiny_course(tmp_path)
    (tmp_path / "notebooks").mkdir()
    nbformat.write(new_notebook(), tmp_path / "notebooks" / "01_tiny.ipynb")
    assert build.build(solutions, tmp_path / "notebooks").refused


def test_malformed_solution_is_named_in_one_line(tmp_path, capsys):
    solutions = tiny_course(tmp_path)
    (solutions / "02_broken.ipynb").write_text('{"cells": [', encoding="utf-8")
    args = ["--solutions", str(solutions), "--notebooks", str(tmp_path / "notebooks")]
    assert main(args) == 1
    error = capsys.readouterr().err
    assert "02_broken.ipynb is not valid JSON (line 1" in error and "Traceback" not in error
    assert len(error.strip().splitlines()) == 1


def test_solution_without_solution_cell_is_refused(tmp_path):
    solutions = tiny_course(tmp_path)
    nbformat.write(new_notebook(cells=[new_code_cell("answer = 42")]), solutions / "02_open.ipynb")
    with pytest.raises(build.GeneratorError, match="no cell tagged 'solution'"):
        build.build(solutions, tmp_path / "notebooks")
    assert not (tmp_path / "notebooks" / "02_open.ipynb").exists()


def test_orphaned_student_notebook_is_reported_and_kept(tmp_path, capsys):
    solutions = tiny_course(tmp_path)
    notebooks = tmp_path / "notebooks"
    build.build(solutions, notebooks)
    (notebooks / "01_tiny.ipynb").rename(notebooks / "00_renamed.ipynb")
    assert build.build(solutions, notebooks).orphans == [notebooks / "00_renamed.ipynb"]
    main(["--solutions", str(solutions), "--notebooks", str(notebooks)])
    assert "00_renamed.ipynb has no solution notebook" in capsys.readouterr().err
    assert (notebooks / "00_renamed.ipynb").is_file()


def test_leak_detector_finds_a_leak(tmp_path):
    solutions = tiny_course(tmp_path)
    build.build(solutions, tmp_path / "notebooks")
    solution = read(solutions / "01_tiny.ipynb")
    student = read(tmp_path / "notebooks" / "01_tiny.ipynb")
    student.cells[5].source += "\ny = x**2"  # as the refreshed solution lays it out
    assert build.leaked_lines(solution, student) == {"y = x**2"}


def test_code_is_laid_out_as_ruff_format_does_and_outputs_kept(tmp_path):
    solutions = tiny_course(tmp_path)
    path = solutions / "01_tiny.ipynb"
    nb = read(path)
    nb.cells[3].outputs = [new_output("stream", text="0.30000000000000004\n")]
    nb.cells[3].metadata["data"] = {"x": 0.1 + 0.2}
    nbformat.write(nb, path)
    build.build(solutions, tmp_path / "notebooks")
    refreshed = read(path)
    answer = next(c for c in refreshed.cells if cells.is_solution(c))
    assert answer.source.endswith("\ny = x**2\nprint(y)")
    assert answer.outputs == nb.cells[3].outputs
    assert answer.metadata["data"] == {"x": 0.1 + 0.2}


def test_code_that_does_not_parse_is_named_in_one_line(tmp_path, capsys):
    solutions = tiny_course(tmp_path)
    nb = read(solutions / "01_tiny.ipynb")
    nb.cells[1].source = "x = (2"
    nbformat.write(nb, solutions / "01_tiny.ipynb")
    assert main(["--solutions", str(solutions), "--notebooks", str(tmp_path / "nb")]) == 1
    assert "01_tiny.ipynb: cannot lay out its code" in capsys.readouterr().err


# --- the real course -------------------------------------------------------------------


def test_course_has_exactly_the_catalogs_notebooks():
    names = [path.name for path in SOLUTIONS]
    assert sorted(p.name for p in (ROOT / "solutions").glob("*.ipynb")) == names
    assert sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb")) == names


def test_notebooks_are_generated_from_solutions(tmp_path):
    """No drift: regenerating changes nothing in solutions/ or notebooks/."""
    for path in SOLUTIONS:
        solution = read(path)
        refreshed = build.refresh_solution(copy.deepcopy(solution), path)
        assert nbformat.writes(refreshed) == nbformat.writes(solution), (
            f"run ./course students ({path.name})"
        )
        student_path = ROOT / "notebooks" / path.name
        expected = build.student_notebook(refreshed, student_path)
        assert nbformat.writes(read(student_path)) == nbformat.writes(expected), (
            f"run ./course students ({path.name})"
        )


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_no_solution_leaks_into_student_notebook(path):
    solution = read(path)
    assert any(cells.is_solution(c) for c in solution.cells), "every notebook has an exercise"
    assert not build.leaked_lines(solution, read(ROOT / "notebooks" / path.name))


GRADED_HINT = "<details><summary>A more specific hint</summary>"


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_every_exercise_has_two_hints_in_turn(path):
    """A first hint in the exercise cell, short enough not to scroll; then, collapsed in
    the text just before it, a more specific one, which a student opens only if needed."""
    nb = read(path)
    for index, cell in enumerate(nb.cells):
        if not cells.is_solution(cell):
            continue
        hints = stubs.split_hints(cell.source)[0]
        assert hints and hints[0].startswith("# Hint: "), cell.id
        assert all(len(line) <= 77 for line in hints), cell.id
        text = next(c for c in reversed(nb.cells[:index]) if c.cell_type == "markdown")
        assert GRADED_HINT in text.source and text.source.endswith("</details>"), cell.id


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_colab_badge_and_setup_agree_with_repo(path):
    for nb_path in (path, ROOT / "notebooks" / path.name):
        nb = read(nb_path)
        assert nb.cells[0].source == colab.badge_source(nb_path)
        assert (
            f"colab.research.google.com/github/{colab.REPO}/blob/main/{nb_path.parent.name}/{nb_path.name}"
            in nb.cells[0].source
        )
        (entry,) = [n for n in catalog.NOTEBOOKS if n.stem == nb_path.stem]
        assert nb.cells[1].source == colab.setup_source(entry.colab_packages)
    assert f"git clone https://github.com/{colab.REPO}.git" in (ROOT / "README.md").read_text()


ANDI = next(n.colab_packages for n in catalog.NOTEBOOKS if n.colab_packages)


def test_setup_cell_installs_the_extra_packages_only_where_asked():
    assert "andi-datasets==2.1.13" in colab.setup_source(ANDI)
    assert "andi" not in colab.setup_source()
    assert 'if "google.colab" in sys.modules:' in colab.setup_source()


def test_setup_cell_installs_what_colab_may_lack_from_the_badges_branch():
    every, andi = colab.setup_source(ANDI).splitlines()[-2:]
    assert every.split()[:5] == ["%pip", "install", "-q", "--no-deps", "torchviz"]
    assert "graphviz" in every.split()  # torchviz needs it
    assert "h5py" in andi.split()  # andi-datasets imports it
    assert "h5py" not in colab.setup_source()
    assert every.endswith(f'"nnhelpers @ git+https://github.com/{colab.REPO}@{colab.BRANCH}"')
    assert f"/blob/{colab.BRANCH}/" in colab.badge_source(Path("notebooks/01_tiny.ipynb"))
