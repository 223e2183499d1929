"""A solution notebook as an nbgrader *source* notebook: the same cells, with nbgrader's marks.

It starts from the student notebook the course generates (``tools.students``), so that what
``nbgrader generate_assignment`` releases is that notebook:

* an exercise cell becomes an autograded answer cell (``solution: true``): the course's
  stub (hints and ``...``), then the solution code between nbgrader's ``### BEGIN
  SOLUTION`` and ``### END SOLUTION`` (the stub runs first and the solution replaces what
  it binds, so the source notebook runs as the solution notebook does). nbgrader removes
  that region on release, leaving the stub (and an empty last line: ``CODE_STUB``);
* a check cell becomes a locked autograder test cell (``grade: true``) worth ``POINTS``;
  it imports its check itself, so a student's own ``check_...`` cannot stand in for it;
* every other cell is locked: nbgrader puts back its source if a student edits it.

Every cell's ``grade_id`` is its cell id, so grades keep their names across releases.
"""

from pathlib import Path

from nbformat import NotebookNode

from tools.cells import is_check, is_exercise, is_solution
from tools.students.build import refresh_solution, student_notebook
from tools.students.stubs import split_hints

POINTS = 1
"""What one check cell is worth."""
SCHEMA_VERSION = 3
"""The version of nbgrader's cell metadata written here (nbgrader 0.9)."""
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
CODE_STUB = ""
"""What nbgrader writes in place of a solution region (``ClearSolutions.code_stub``): nothing,
since the course's stub is already in the cell before the region."""


def nbgrader_marks(
    cell: NotebookNode, *, solution: bool = False, grade: bool = False
) -> dict[str, object]:
    """nbgrader's metadata for ``cell``: an answer cell (``solution``), a test cell
    (``grade``) or, with neither, a locked cell."""
    marks: dict[str, object] = {
        "grade": grade,
        "grade_id": cell.id,
        "locked": not solution,
        "schema_version": SCHEMA_VERSION,
        "solution": solution,
        "task": False,
    }
    if grade:
        marks["points"] = POINTS
    return marks


def answer_source(stub: str, solution: str) -> str:
    """An answer cell of the source notebook: the stub, then the solution's code (its title
    and hints left out: the stub has the hints) as nbgrader's solution region."""
    return f"{stub}\n{BEGIN}\n{split_hints(solution)[1].strip()}\n{END}"


def source_notebook(solution: NotebookNode, released_path: Path) -> NotebookNode:
    """The nbgrader source notebook of ``solution``; ``released_path`` is where the student
    version would be saved (``notebooks/NAME.ipynb``: the Colab badge names it)."""
    solution = refresh_solution(solution, released_path)
    nb = student_notebook(solution, released_path)
    answers = {cell.id: cell.source for cell in solution.cells if is_solution(cell)}
    for cell in nb.cells:
        if is_exercise(cell):
            cell.source = answer_source(cell.source, answers[cell.id])
            marks = nbgrader_marks(cell, solution=True)
        elif is_check(cell):
            marks = nbgrader_marks(cell, grade=True)
        else:
            marks = nbgrader_marks(cell)
        cell.metadata["nbgrader"] = marks
    nb.metadata.pop("nnhelpers", None)  # the generator's hash belongs to notebooks/
    return nb
