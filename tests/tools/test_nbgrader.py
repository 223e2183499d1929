"""Grading with nbgrader (``tools.nbgrader``): the course directory, then real nbgrader runs.

The fast tests look at the source notebooks and the settings. The slow ones make a course
directory for notebook 01, release it with ``nbgrader generate_assignment``, put a class of
submissions where ``nbgrader collect`` would (solved, this one from a zip file through
``nbgrader zip_collect``; unsolved, a wrong answer, an edited check cell, a deleted one, a
check the student redefined, an endless loop, a kernel that dies, a file that is not a
notebook, a notebook not submitted), and run ``nbgrader autograde``, ``generate_feedback``
and ``export`` on them, then the class view (about a minute on two cores). Then every
notebook is released, and notebook 04 graded solved and unsolved (about a minute more).
"""

import csv
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook
from traitlets.config import Config
from wrong_answers import CATALOGUE

from tools import ROOT
from tools.cells import is_check, is_exercise, is_solution, without_title
from tools.nbgrader.__main__ import main
from tools.nbgrader.course import make_course
from tools.nbgrader.settings import config_text
from tools.nbgrader.source import BEGIN, END, source_notebook
from tools.students.build import read_notebook

NAME = "01_autograd_basics"
NBGRADER = Path(sys.executable).with_name("nbgrader")
TIMEOUT_S = 10
"""Seconds a cell may run in the slow test: notebook 01's cells take about one."""
CHECKS = {"0fad3645": "check_gradient", "75fc7cbb": "check_descent"}
"""Notebook 01's test cells (grade ids) and the checks they call."""


def solution_notebook(name: str = NAME) -> nbformat.NotebookNode:
    return read_notebook(ROOT / "solutions" / f"{name}.ipynb")


def test_every_cell_gets_its_nbgrader_role_and_the_answer_cells_their_solution():
    solution = solution_notebook()
    source = source_notebook(solution, ROOT / "notebooks" / f"{NAME}.ipynb")
    answers = {c.id: without_title(c.source) for c in solution.cells if is_solution(c)}
    marks = {cell.id: cell.metadata["nbgrader"] for cell in source.cells}
    assert [m["grade_id"] for m in marks.values()] == [c.id for c in source.cells]
    for cell in source.cells:
        mark = marks[cell.id]
        if is_exercise(cell):
            assert (mark["solution"], mark["grade"], mark["locked"]) == (True, False, False)
            stub, region = cell.source.split(f"\n{BEGIN}\n")
            assert region.endswith(END) and "Your code here" in stub
            assert region.removesuffix(END).strip() in answers[cell.id]
        elif is_check(cell):
            assert (mark["solution"], mark["grade"], mark["locked"]) == (False, True, True)
            assert mark["points"] == 1
            assert f"from nnhelpers.checks import {CHECKS[cell.id]}" in cell.source
        else:
            assert (mark["solution"], mark["grade"], mark["locked"]) == (False, False, True)
    assert sorted(c.id for c in source.cells if marks[c.id]["grade"]) == sorted(CHECKS)


def test_the_settings_give_nbgrader_a_timeout_and_the_kernels_the_grading_setting(monkeypatch):
    environ: dict[str, str] = {}
    monkeypatch.setattr(os, "environ", environ)
    monkeypatch.setattr(sys, "path", list(sys.path))
    config = Config()
    exec(config_text(quick=True, timeout=45), {"get_config": lambda: config, "__file__": "/c/x"})
    assert environ == {"NN_GRADING": "1", "NN_QUICK": "1"}
    assert config.Execute.timeout == 45 and config.Execute.interrupt_on_timeout
    assert "ran 45 s" in config.Execute.error_on_timeout["evalue"]
    path = "/c/downloaded/01_autograd_basics/extracted/lms/ann_lee_01_autograd_basics.ipynb"
    named = re.match(config.FileNameCollectorPlugin.named_regexp, path).groupdict()
    assert named == {"student_id": "ann_lee", "file_id": "01_autograd_basics"}
    assert config.CourseDirectory.course_id == "nn-with-pytorch"
    steps = [step.__name__ for step in config.Autograde.autograde_preprocessors]
    assert "KeepGrading" in steps and "Execute" not in steps
    exec(config_text(quick=False), {"get_config": Config, "__file__": "/c/x"})
    assert environ["NN_QUICK"] == "0"


def test_a_file_the_teacher_edited_is_left_alone_unless_forced(tmp_path, capsys):
    assert main([str(tmp_path), "01"]) == 0
    source = tmp_path / "source" / NAME / f"{NAME}.ipynb"
    assert source.is_file() and (tmp_path / "nbgrader_config.py").is_file()
    assert not make_course(tmp_path, quick=True, timeout=120, only=["01"]).written
    source.write_text(source.read_text() + " ")
    assert main([str(tmp_path), "01"]) == 1
    assert "left alone" in capsys.readouterr().out
    assert make_course(tmp_path, True, 120, force=True, only=["01"]).written == [source]


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    """Run ``nbgrader ARGS`` in the course directory, as a teacher would: with the course's
    environment activated (nbgrader runs its database migrations with ``alembic`` from PATH)."""
    path = os.pathsep.join([str(NBGRADER.parent), os.environ["PATH"]])
    return subprocess.run(
        [str(NBGRADER), *args],
        cwd=course,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PATH": path},
    )


def answered(nb: nbformat.NotebookNode, answers: dict[str, str]) -> nbformat.NotebookNode:
    """A copy of the released notebook with these sources typed into its cells (by id)."""
    nb = nbformat.from_dict(nb)
    for cell in nb.cells:
        cell.source = answers.get(cell.id, cell.source)
    return nb


def submit(course: Path, student: str, text: str) -> None:
    """Put a student's notebook where ``nbgrader collect`` (or ``zip_collect``) puts it."""
    folder = course / "submitted" / student / NAME
    folder.mkdir(parents=True)
    (folder / f"{NAME}.ipynb").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> Path:
    """A course directory for notebook 01, released, submitted by a class, autograded."""
    course = tmp_path_factory.mktemp("course")
    make_course(course, quick=True, timeout=TIMEOUT_S, only=["01"])
    done = nbgrader(course, "generate_assignment", NAME)
    assert done.returncode == 0, done.stderr
    release = nbformat.read(course / "release" / NAME / f"{NAME}.ipynb", as_version=4)
    solution = {c.id: without_title(c.source) for c in solution_notebook().cells if is_solution(c)}
    (wrong,) = (a for a in CATALOGUE[NAME]["exercise-1"] if a.label == "inner derivative forgotten")
    descent = {"exercise-2": solution["exercise-2"]}
    class_answers = {
        "solved": solution,
        "unsolved": {},
        "wrong": {"exercise-1": wrong.code, **descent},
        "edited": {"0fad3645": 'print("✅ Correct!")', **descent},
        "redefined": {"exercise-1": 'def check_gradient(*args):\n    print("✅")', **descent},
        "loop": {"exercise-1": "while True:\n    pass", **descent},
        "dies": {"exercise-1": solution["exercise-1"], "exercise-2": "import os\n\nos._exit(1)"},
    }
    for student, answers in class_answers.items():
        if student != "solved":
            submit(course, student, nbformat.writes(answered(release, answers)))
    deleted = answered(release, solution)
    deleted.cells = [cell for cell in deleted.cells if cell.id != "75fc7cbb"]
    submit(course, "deleted", nbformat.writes(deleted))
    archive = course / "downloaded" / NAME / "archive"
    archive.mkdir(parents=True)
    with zipfile.ZipFile(archive / "from-the-lms.zip", "w") as lms:
        lms.writestr(f"solved_{NAME}.ipynb", nbformat.writes(answered(release, solution)))
    done = nbgrader(course, "zip_collect", NAME)
    assert (course / "submitted" / "solved" / NAME / f"{NAME}.ipynb").is_file(), done.stderr
    submit(course, "broken", '{"cells": [ this is not JSON')
    assert nbgrader(course, "db", "student", "add", "absent").returncode == 0
    done = nbgrader(course, "autograde", NAME)
    assert done.returncode == 1 and "for student 'broken'" in done.stderr, done.stderr
    return course


@pytest.fixture(scope="module")
def whole_course(tmp_path_factory) -> Path:
    """A course directory for every notebook, each released; notebook 04 (fast) submitted
    solved and unsolved and autograded."""
    course = tmp_path_factory.mktemp("whole")
    make_course(course, quick=True, timeout=120)
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        done = nbgrader(course, "generate_assignment", path.stem)
        assert done.returncode == 0, done.stderr
    name = "04_why_gpus"
    release = nbformat.read(course / "release" / name / f"{name}.ipynb", as_version=4)
    solution = {
        c.id: without_title(c.source) for c in solution_notebook(name).cells if is_solution(c)
    }
    for student, answers in {"solved": solution, "unsolved": {}}.items():
        folder = course / "submitted" / student / name
        folder.mkdir(parents=True)
        nbformat.write(answered(release, answers), folder / f"{name}.ipynb")
    done = nbgrader(course, "autograde", name)
    assert done.returncode == 0, done.stderr
    return course


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.stem)
def test_every_released_notebook_is_the_course_student_notebook(whole_course, path):
    release = nbformat.read(whole_course / "release" / path.stem / path.name, as_version=4)
    student = nbformat.read(path, as_version=4)
    # nbgrader leaves an empty line where the solution was: the stub's last line ends it
    assert [c.source.removesuffix("\n") if is_exercise(c) else c.source for c in release.cells] == [
        c.source for c in student.cells
    ]
    assert [c.cell_type for c in release.cells] == [c.cell_type for c in student.cells]


def test_another_notebook_is_graded_too(whole_course):
    with Gradebook(f"sqlite:///{whole_course / 'gradebook.db'}") as gradebook:
        for student, score in {"solved": 2, "unsolved": 0}.items():
            assert gradebook.find_submission("04_why_gpus", student).score == score, student


def test_each_submission_gets_the_points_it_deserves(graded):
    expected = {
        "solved": (1, 1),
        "unsolved": (0, 0),
        "wrong": (0, 1),
        "edited": (0, 1),
        "redefined": (0, 1),
        "loop": (0, 1),
        "dies": (1, 0),
        "deleted": (1, 1),
        "broken": (0, 0),
    }
    with Gradebook(f"sqlite:///{graded / 'gradebook.db'}") as gradebook:
        for student, points in expected.items():
            submission = gradebook.find_submission_notebook(NAME, NAME, student)
            scores = {grade.name: grade.score for grade in submission.grades}
            assert (scores["0fad3645"], scores["75fc7cbb"]) == points, student
    done = nbgrader(graded, "export")
    assert done.returncode == 0, done.stderr
    with open(graded / "grades.csv", newline="") as table:
        totals = {row["student_id"]: float(row["score"]) for row in csv.DictReader(table)}
    assert totals == {student: sum(p) for student, p in expected.items()} | {"absent": 0.0}


def test_a_deleted_check_cell_comes_back_after_its_exercise_and_is_graded(graded):
    path = graded / "autograded" / "deleted" / NAME / f"{NAME}.ipynb"
    cells = nbformat.read(path, as_version=4).cells
    (back,) = (
        i
        for i, c in enumerate(cells)
        if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "75fc7cbb"
    )
    assert cells[back - 1].id == "exercise-2" and "was missing" in cells[back].source
    assert cells[back].outputs[0].text.startswith("✅")


def test_feedback_shows_the_student_the_check_line(graded):
    done = nbgrader(graded, "generate_feedback", NAME)
    assert done.returncode == 0, done.stderr
    wrong = (graded / "feedback" / "wrong" / NAME / f"{NAME}.html").read_text(encoding="utf-8")
    assert "which is not ∂L/∂w" in wrong and "Score: 1.0 / 2.0" in wrong


def test_the_class_view_gives_pass_rates_and_a_reason_for_every_zero(graded, tmp_path):
    out = tmp_path / "class.md"
    assert main(["report", str(graded), "--out", str(out)]) == 0
    view = out.read_text(encoding="utf-8")
    rows = {line.split("`")[1]: line for line in view.splitlines() if line.startswith("| `")}
    assert rows["check_gradient"].startswith("| `check_gradient` (0fad3645) | 3/10 | 30% | 2 |")
    assert "❌ Not yet: write the body of grad_by_hand(w, x)" in rows["check_gradient"]
    assert rows["check_gradient"].endswith("call its backward(). (2) |")
    assert rows["check_descent"].startswith("| `check_descent` (75fc7cbb) | 6/10 | 60% | 2 |")
    reasons = {
        "- `broken`: not graded: the submitted file is not a notebook",
        "- `absent`: not submitted",
        "- `wrong`, `check_gradient`: ❌ Not yet:",
        "- `dies`, `check_descent`: KernelDied: Not run: the kernel died",
        "- `loop`, `check_gradient`: ❌ Not yet: grad_by_hand is not there yet",
        "(its exercise cell exercise-1 ended with CellTimeoutError: this cell ran 10 s,",
        "- `edited`, `check_gradient`: ❌ Not yet:",
        "- `redefined`, `check_gradient`: ❌ Not yet:",
        "- `unsolved`, `check_descent`: ❌ Not yet:",
    }
    for reason in reasons:
        assert reason in view, reason
