"""The generator's steps, in order: each does one job to a notebook.

Like nbgrader's ``generate_assignment``, making a notebook is a named, ordered list of small
transformations. ``SOLUTION_STEPS`` refresh a solution notebook (the source, kept with its
outputs); ``STUDENT_STEPS`` turn a refreshed solution notebook into the student version.
Every step takes the notebook and the path it will be saved at, and changes the notebook in
place.
"""

import copy
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from tools import cells
from tools.cells import is_solution
from tools.students import colab, stubs

Step = Callable[[NotebookNode, Path], None]


class GeneratorError(RuntimeError):
    """A notebook the generator cannot (or must not) turn into a student version."""


# --- Solution notebooks ------------------------------------------------------------------


def strip_execution_timestamps(nb: NotebookNode, path: Path) -> None:
    """Drop the execution timestamps nbconvert/nbclient add to cells: noise in diffs."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)


def mark_solution_cells(nb: NotebookNode, path: Path) -> None:
    """Give every solution cell its title line and make it open collapsed (JupyterLab:
    ``jupyter.source_hidden``; Colab: ``cellView: "form"``)."""
    for cell in nb.cells:
        if not is_solution(cell):
            continue
        if not cells.is_title(cell.source.partition("\n")[0]):
            cell.source = f"{cells.TITLE}\n{cell.source}"
        cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
        cell.metadata["cellView"] = "form"


def format_code(nb: NotebookNode, path: Path) -> None:
    """Lay out every code cell as ``ruff format`` does, with the settings ruff finds for
    ``path`` (``solutions/ruff.toml``), the code under a ``%%needs`` line included. Only
    the sources change: ruff gets a copy of the cells without their outputs, since its own
    JSON writer would round the last digit of some numbers in them."""
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    result = ruff(["format"], code_only(code), path)
    if result.returncode != 0:
        message = (result.stderr.strip().splitlines() or ["ruff format failed"])[0]
        raise GeneratorError(f"{path.name}: cannot lay out its code: {message}")
    formatted = nbformat.reads(result.stdout, as_version=4).cells
    for cell, laid_out in zip(code, formatted, strict=True):
        needs = cells.split_needs(cell.source)[0]
        cell.source = f"{needs}\n{laid_out.source}" if needs else laid_out.source


def code_only(code: list[NotebookNode]) -> NotebookNode:
    """A notebook of just the code of ``code``'s cells: no outputs, and no ``%%needs``
    lines (ruff would skip the cells that start with one)."""
    return nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(cells.split_needs(c.source)[1]) for c in code],
        metadata={"language_info": {"name": "python"}},
    )


def ruff(command: list[str], nb: NotebookNode, path: Path) -> subprocess.CompletedProcess:
    """Run ``ruff COMMAND`` on ``nb``, as if it were the notebook at ``path`` (whose folder's
    ruff.toml sets the rules); the notebook goes through stdin and stdout."""
    return subprocess.run(
        [sys.executable, "-m", "ruff", *command, "--stdin-filename", str(path), "-"],
        input=nbformat.writes(nb),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


SOLUTION_STEPS: list[Step] = [
    colab.add_colab_cells,
    strip_execution_timestamps,
    mark_solution_cells,
    format_code,
]


# --- Student notebooks -------------------------------------------------------------------


def replace_solutions(nb: NotebookNode, path: Path) -> None:
    """Replace every solution cell by an exercise cell: its hints and a stub that binds what
    the rest of the notebook needs from it (``tools.students.stubs``)."""
    for i, cell in enumerate(nb.cells):
        if is_solution(cell):
            needed = stubs.needed_from(nb.cells, i)
            nb.cells[i] = nbformat.v4.new_code_cell(
                stubs.stub_source(cell.source, needed),
                metadata={"tags": [cells.EXERCISE]},
                id=cell.id,
            )


def clear_outputs(nb: NotebookNode, path: Path) -> None:
    """Clear every output and execution count: students run the cells themselves."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None


def drop_widget_state(nb: NotebookNode, path: Path) -> None:
    """Drop the saved widget state: it belongs to the cleared outputs."""
    nb.metadata.pop("widgets", None)


STUDENT_STEPS: list[Step] = [
    replace_solutions,
    clear_outputs,
    drop_widget_state,
    colab.add_colab_cells,
]


def apply(steps: list[Step], nb: NotebookNode, path: Path) -> NotebookNode:
    """A copy of ``nb`` with ``steps`` applied in order, to be saved at ``path``."""
    nb = copy.deepcopy(nb)
    for step in steps:
        step(nb, path)
    return nb
