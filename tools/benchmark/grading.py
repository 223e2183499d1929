"""Grading a class: how long nbgrader takes to autograde one student's whole course.

A course directory made by ``./course nbgrader`` (the grading setting: ``NN_GRADING=1``,
the test setting ``NN_QUICK=1``), every notebook released, and one student who solved
everything: their notebooks are the released ones with the solutions typed into the
exercise cells. ``nbgrader autograde`` then grades the five notebooks one after the other,
as a teacher runs it; the figure is the total wall time, nbgrader's own start-up included.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from tools import catalog
from tools.cells import is_solution, without_title
from tools.nbgrader.course import make_course

NBGRADER = Path(sys.executable).with_name("nbgrader")
STUDENT = "benchmark"


def nbgrader(course: Path, *args: str) -> None:
    """Run ``nbgrader ARGS`` in ``course`` with this environment's scripts on PATH (nbgrader
    runs ``alembic`` from there); raise if it fails."""
    env = {**os.environ, "PATH": os.pathsep.join([str(NBGRADER.parent), os.environ["PATH"]])}
    done = subprocess.run(
        [str(NBGRADER), *args], cwd=course, capture_output=True, text=True, env=env
    )
    if done.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed: {done.stderr[-1000:]}")


def solved_submission(course: Path, notebook: catalog.Notebook) -> None:
    """The released notebook with every solution typed in, where ``nbgrader collect`` puts it."""
    release = course / "release" / notebook.stem / f"{notebook.stem}.ipynb"
    nb = nbformat.read(release, as_version=4)
    solutions = {
        cell.id: without_title(cell.source)
        for cell in nbformat.read(notebook.solution(), as_version=4).cells
        if is_solution(cell)
    }
    for cell in nb.cells:
        cell.source = solutions.get(cell.id, cell.source)
    folder = course / "submitted" / STUDENT / notebook.stem
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / f"{notebook.stem}.ipynb")


def time_grading(
    notebooks: tuple[catalog.Notebook, ...] = catalog.NOTEBOOKS,
) -> tuple[dict[str, float], dict[str, object]]:
    """The seconds ``nbgrader autograde`` takes for one student's ``notebooks`` (the figure),
    each notebook's seconds and the points given (the details)."""
    seconds: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="nn-grading-") as scratch:
        course = Path(scratch)
        make_course(course, quick=True, timeout=120, only=[n.stem for n in notebooks])
        for notebook in notebooks:
            nbgrader(course, "generate_assignment", notebook.stem)
            solved_submission(course, notebook)
        for notebook in notebooks:
            start = time.perf_counter()
            nbgrader(course, "autograde", notebook.stem)
            seconds[notebook.stem] = time.perf_counter() - start
        points = points_given(course)
    return {"grading_one_student": sum(seconds.values())}, {"seconds": seconds, "points": points}


def points_given(course: Path) -> dict[str, float]:
    """The points of every check the benchmark's student got, from nbgrader's gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return {
            submission.assignment.name: submission.score
            for submission in gradebook.student_submissions(STUDENT)
        }
