"""Refresh ``solutions/`` and write ``notebooks/`` from it, without ever losing a student's work.

A student notebook carries a SHA-256 of its own content as generated. One that no longer
matches (someone worked in it), or that was not generated at all, is left alone unless
``force`` is given, and then a copy is kept in ``notebooks/backup/`` first.
"""

import copy
import hashlib
import json
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from tools.cells import is_solution
from tools.students import stubs
from tools.students.steps import SOLUTION_STEPS, STUDENT_STEPS, GeneratorError, apply

HASH_KEY = "generated_sha256"
BACKUP_FOLDER = "backup"


class StudentWorkError(GeneratorError):
    """Refusing to overwrite a student notebook that was changed after it was generated."""


@dataclass
class Outcome:
    """What one run of the generator did."""

    written: list[Path] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    orphans: list[Path] = field(default_factory=list)


def read_notebook(path: Path) -> NotebookNode:
    """Read a notebook; a file that is not a valid notebook raises ``GeneratorError``
    naming it and what is wrong, in one line."""
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise GeneratorError(
            f"{path} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}); "
            "fix or restore it (git diff / git checkout), then run again."
        ) from None
    try:
        nb = nbformat.reads(json.dumps(content), as_version=4)
        nbformat.validate(nb)
    except (nbformat.ValidationError, KeyError, TypeError, AttributeError) as error:
        raise GeneratorError(
            f"{path} is not a valid notebook ({type(error).__name__}: "
            f"{str(error).splitlines()[0] if str(error) else 'missing fields'})."
        ) from None
    return nb


def content_hash(nb: NotebookNode) -> str:
    """SHA-256 of a notebook as saved, leaving out the hash it carries itself."""
    nb = copy.deepcopy(nb)
    own = nb.metadata.pop("nnhelpers", {})
    own.pop(HASH_KEY, None)
    if own:
        nb.metadata["nnhelpers"] = own
    return hashlib.sha256(nbformat.writes(nb).encode()).hexdigest()


def refresh_solution(nb: NotebookNode, path: Path) -> NotebookNode:
    """A solution notebook with its Colab cells and solution-cell markup up to date."""
    return apply(SOLUTION_STEPS, nb, path)


def student_notebook(solution: NotebookNode, path: Path) -> NotebookNode:
    """The student version of a (refreshed) solution notebook, to be saved at ``path``.

    Raises ``GeneratorError`` when the solution notebook has no solution cell: its student
    version would be a copy of every answer.
    """
    if not any(is_solution(cell) for cell in solution.cells):
        raise GeneratorError(
            f"{path.name}: its solution notebook has no cell tagged 'solution', so the student "
            "version would show every answer. Tag the exercises' answer cells 'solution'."
        )
    nb = apply(STUDENT_STEPS, solution, path)
    nb.metadata.setdefault("nnhelpers", {})[HASH_KEY] = content_hash(nb)
    return nb


def code_lines(cells: list[NotebookNode]) -> set[str]:
    """The stripped, non-blank, non-comment lines of the code cells among ``cells``."""
    return {
        line.strip()
        for cell in cells
        if cell.cell_type == "code"
        for line in cell.source.splitlines()
        if line.strip() and not line.strip().startswith("#")
    }


def leaked_lines(solution: NotebookNode, student: NotebookNode) -> set[str]:
    """Lines that only the solution cells of ``solution`` contain, yet ``student`` shows.

    A function's signature (``def preload(dataset):``) and docstring belong to the exercise,
    not to its answer: the stubs show them on purpose.
    """
    answers = [c for c in solution.cells if is_solution(c)]
    secret = code_lines(answers)
    secret -= code_lines([c for c in solution.cells if not is_solution(c)])
    secret -= {
        line.strip()
        for cell in answers
        for line in stubs.stub_source(
            cell.source, stubs.defined_functions(cell.source)
        ).splitlines()
    }
    shown = code_lines(student.cells) | {
        line.strip()
        for c in student.cells
        if c.cell_type == "markdown"
        for line in c.source.splitlines()
    }
    return secret & shown


def edited_since_generated(path: Path) -> bool:
    """True if the student notebook at ``path`` was changed since it was generated (or was
    not generated at all, or cannot be read)."""
    try:
        nb = read_notebook(path)
    except GeneratorError:
        return True
    return nb.metadata.get("nnhelpers", {}).get(HASH_KEY) != content_hash(nb)


def back_up(path: Path) -> Path:
    """Copy a student notebook to ``backup/NAME-YYYYmmdd-HHMMSS.ipynb`` beside it."""
    folder = path.parent / BACKUP_FOLDER
    folder.mkdir(exist_ok=True)
    target = folder / f"{path.stem}-{datetime.now():%Y%m%d-%H%M%S}{path.suffix}"
    shutil.copy2(path, target)
    return target


def write_if_changed(nb: NotebookNode, path: Path) -> bool:
    """Save ``nb`` to ``path`` unless the file already holds exactly that; True if written."""
    text = nbformat.writes(nb) + "\n"
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def build(
    solutions: Path, notebooks: Path, force: bool = False, only: list[str] | None = None
) -> Outcome:
    """Refresh ``solutions/`` and generate ``notebooks/`` from it.

    ``only`` limits the work to the notebooks whose file names start with one of its items.
    A student notebook edited since it was generated is refused (listed in ``refused``),
    or, with ``force``, backed up and then overwritten. Student notebooks without a solution
    notebook are listed in ``orphans`` and left alone. Raises ``GeneratorError`` for a
    solution notebook that cannot be read or has no solution cell, before writing anything
    for it.
    """
    outcome = Outcome()
    notebooks.mkdir(parents=True, exist_ok=True)
    sources = sorted(solutions.glob("*.ipynb"))
    for source in sources:
        if only and not source.name.startswith(tuple(only)):
            continue
        target = notebooks / source.name
        solution = refresh_solution(read_notebook(source), source)
        student = student_notebook(solution, target)
        if write_if_changed(solution, source):
            outcome.written.append(source)
        if target.is_file() and edited_since_generated(target):
            if not force:
                outcome.refused.append(
                    f"{target} has changed since it was generated (someone's work may be in it), "
                    "so it was left alone. Save it under another name, or run again with --force "
                    f"(a copy goes to {notebooks / BACKUP_FOLDER} first)."
                )
                continue
            outcome.backups.append(back_up(target))
        if write_if_changed(student, target):
            outcome.written.append(target)
    names = {source.name for source in sources}
    outcome.orphans = [p for p in sorted(notebooks.glob("*.ipynb")) if p.name not in names]
    return outcome
