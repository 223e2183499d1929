"""Grading a class: how long nbgrader takes to autograde one student's whole course.

A course directory made by ``./course nbgrader`` (the grading setting: ``NN_GRADING=1``,
the test setting ``NN_QUICK=1``), every notebook released, and one student who solved
everything: their notebooks are the released ones with the solutions typed into the
exercise cells. ``nbgrader autograde`` then grades the five notebooks, nbgrader's own
start-up included, two ways:

* one after the other, as a teacher runs it plainly (``grading_one_student``);
* in one lane per core, each lane grading its share of the notebooks one after the other
  with ``NN_THREADS=1`` (the notebooks are separate assignments, so nbgrader grades them
  side by side; its SQLite gradebook takes the writers in turn): the wall time until every
  lane is done (``grading_in_lanes``), what a class costs per student on this machine.
"""

import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

from tools import catalog
from tools.cells import is_solution, without_title
from tools.nbgrader.course import make_course

NBGRADER = Path(sys.executable).with_name("nbgrader")
STUDENT = "benchmark"


def nbgrader(course: Path, *args: str, threads: int | None = None) -> None:
    """Run ``nbgrader ARGS`` in ``course`` with this environment's scripts on PATH (nbgrader
    runs ``alembic`` from there), its kernels on ``threads`` CPU threads if given; raise if
    it fails."""
    env = {**os.environ, "PATH": os.pathsep.join([str(NBGRADER.parent), os.environ["PATH"]])}
    if threads is not None:
        env["NN_THREADS"] = str(threads)
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


def autograde(course: Path, names: list[str], threads: int | None = None) -> float:
    """Seconds ``nbgrader autograde`` takes for the assignments ``names``, one after the other."""
    start = time.perf_counter()
    for name in names:
        nbgrader(course, "autograde", name, threads=threads)
    return time.perf_counter() - start


def prepared(course: Path, notebooks: tuple[catalog.Notebook, ...]) -> None:
    """A course directory in ``course`` with ``notebooks`` released and solved by one student."""
    make_course(course, quick=True, timeout=120, only=[n.stem for n in notebooks])
    for notebook in notebooks:
        nbgrader(course, "generate_assignment", notebook.stem)
        solved_submission(course, notebook)


def time_grading(
    notebooks: tuple[catalog.Notebook, ...] = catalog.NOTEBOOKS, lanes: int | None = None
) -> tuple[dict[str, float], dict[str, object]]:
    """The two figures of the module's docstring for one student's ``notebooks`` (``lanes``:
    the machine's cores by default), and the details: each notebook's seconds, the lanes,
    and the points given in each run."""
    lanes = lanes or max(1, len(os.sched_getaffinity(0)))
    names = [notebook.stem for notebook in notebooks]
    with tempfile.TemporaryDirectory(prefix="nn-grading-") as scratch:
        course = Path(scratch)
        prepared(course, notebooks)
        seconds = {name: autograde(course, [name]) for name in names}
        points = points_given(course)
    shares = [names[lane::lanes] for lane in range(lanes)]
    with tempfile.TemporaryDirectory(prefix="nn-grading-lanes-") as scratch:
        course = Path(scratch)
        prepared(course, notebooks)
        start = time.perf_counter()
        with ThreadPoolExecutor(lanes) as pool:
            list(pool.map(lambda share: autograde(course, share, threads=1), shares))
        in_lanes = time.perf_counter() - start
        points_in_lanes = points_given(course)
    values = {"grading_one_student": sum(seconds.values()), "grading_in_lanes": in_lanes}
    details = {
        "seconds": seconds,
        "points": points,
        "lanes": shares,
        "points_in_lanes": points_in_lanes,
    }
    return values, details


def points_given(course: Path) -> dict[str, float]:
    """The points of every check the benchmark's student got, from nbgrader's gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return {
            submission.assignment.name: submission.score
            for submission in gradebook.student_submissions(STUDENT)
        }
