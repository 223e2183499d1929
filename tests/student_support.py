"""Play the student: run a student notebook in a kernel as generated, or with answers typed in.

``run_notebook`` executes the cells of a student notebook one by one, as "Run all" does, in
a fresh kernel of this Python. With ``answers`` it plays a student who tries each wrong
answer of the catalogue (``wrong_answers.py``) in an exercise's cell and runs the check
below it, then types the real solution and goes on. Nothing is written to disk.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat import NotebookNode

from tools.cells import is_check, is_exercise, without_title

SETUP_TIMEOUT_S = 300


@dataclass(frozen=True)
class Answer:
    """What a student might type into an exercise's cell, and what its check should say:
    a piece of the ❌ hint, or ``"✅"`` for another correct answer."""

    label: str
    code: str
    says: str


@dataclass
class Attempt:
    """One answer tried, and the line its check printed."""

    exercise: str
    answer: Answer
    line: str


@dataclass
class Run:
    """What running a notebook gave: the executed cells, errors, and the attempts."""

    cells: list[NotebookNode]
    errors: list[str] = field(default_factory=list)
    attempts: list[Attempt] = field(default_factory=list)


def printed(cell: NotebookNode) -> str:
    """Everything a cell printed to stdout."""
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stdout")


def one_line(cell: NotebookNode) -> str:
    """The one line a check (or a waiting cell) printed; fails if it printed more or none."""
    lines = printed(cell).strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def error_of(cell: NotebookNode) -> str | None:
    """The error a cell raised (``Name: message``), or None."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return f"{output['ename']}: {output['evalue']}"
    return None


def setup_cells(cells: list[NotebookNode], index: int) -> list[NotebookNode]:
    """The code cells right above the exercise ``cells[index]``, up to the text that states
    it: what to run again before each try, so that every try starts from the same state."""
    found = []
    for cell in reversed(cells[:index]):
        if cell.cell_type != "code":
            break
        found.insert(0, cell)
    return found


def solution_code(solution: NotebookNode, cell_id: str) -> str:
    """The code of the solution cell ``cell_id`` (without its ``# @title`` line)."""
    (cell,) = [c for c in solution.cells if c.get("id") == cell_id]
    return without_title(cell.source)


def run_notebook(
    path: Path,
    answers: dict[str, list[Answer]] | None = None,
    solution: NotebookNode | None = None,
    env: dict[str, str] | None = None,
    kept: dict[str, str] | None = None,
) -> Run:
    """Run the student notebook at ``path`` cell by cell in a fresh kernel.

    Without ``solution`` the exercises stay as generated (unsolved). With it, each exercise
    cell first gets every answer of ``answers[its id]`` (each followed by the check cell
    below it), then the answer the student keeps: ``kept[its id]`` if given, else its real
    solution from ``solution``.
    """
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=SETUP_TIMEOUT_S,
        allow_errors=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    run = Run(cells=nb.cells)

    def execute(cell: NotebookNode, index: int) -> NotebookNode:
        cell.outputs = []
        client.execute_cell(cell, index)
        return cell

    with client.setup_kernel(env=dict(env or os.environ)):
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            if solution is not None and is_exercise(cell):
                check_index = next(
                    i for i in range(index + 1, len(nb.cells)) if is_check(nb.cells[i])
                )
                before = setup_cells(nb.cells, index)
                for answer in (answers or {}).get(cell.id, []):
                    for setup in before:
                        execute(nbformat.v4.new_code_cell(setup.source), index)
                    execute(nbformat.v4.new_code_cell(answer.code), index)
                    check = execute(nbformat.v4.new_code_cell(nb.cells[check_index].source), index)
                    run.attempts.append(Attempt(cell.id, answer, printed(check).strip()))
                for setup in before:
                    execute(nbformat.v4.new_code_cell(setup.source), index)
                kept_code = (kept or {}).get(cell.id)
                cell.source = (
                    kept_code if kept_code is not None else solution_code(solution, cell.id)
                )
            execute(cell, index)
            if error := error_of(cell):
                run.errors.append(f"cell {index} ({cell.source.splitlines()[0][:60]!r}): {error}")
    return run
