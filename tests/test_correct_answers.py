"""Correct answers in other styles carry the notebook to the end.

For each notebook, round ``r`` keeps, in every exercise, the ``r``-th correct answer of the
catalogue (``wrong_answers.py``, ``says="✅"``; the real solution where an exercise has
fewer): every check must pass and every later cell must run with it, as it would for a
student who wrote it. All in the test setting (``NN_QUICK=1``).
"""

import nbformat
import pytest
from student_support import one_line, run_notebook
from wrong_answers import CATALOGUE

from tools import catalog
from tools.cells import is_check


def correct(stem: str) -> dict[str, list[str]]:
    """The catalogue's correct answers of a notebook, by exercise."""
    return {
        exercise: [a.code for a in answers if a.says == "✅"]
        for exercise, answers in CATALOGUE.get(stem, {}).items()
    }


ROUNDS = [
    (notebook, r)
    for notebook in catalog.NOTEBOOKS
    for r in range(max(map(len, correct(notebook.stem).values()), default=0))
]


@pytest.mark.parametrize(
    "notebook, r", ROUNDS, ids=[f"{n.number}-round-{r + 1}" for n, r in ROUNDS]
)
def test_a_notebook_runs_to_the_end_with_correct_answers_of_other_styles(notebook, r):
    kept = {
        exercise: codes[r] for exercise, codes in correct(notebook.stem).items() if r < len(codes)
    }
    solution = nbformat.read(notebook.solution(), as_version=4)
    run = run_notebook(notebook.student(), solution=solution, kept=kept)
    assert run.errors == []
    checks = [one_line(cell) for cell in run.cells if is_check(cell)]
    assert checks and all(line.startswith("✅ ") for line in checks), checks
