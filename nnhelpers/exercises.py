"""Exercises with hidden solutions: ``solutions/`` is the source, ``notebooks/`` is made from it.

In ``solutions/`` a code cell tagged ``solution`` holds an exercise's answer. Its first line
is a Colab form title and it opens collapsed (JupyterLab: ``jupyter.source_hidden``; Colab:
``cellView: "form"``), so it stays out of sight until clicked, yet runs under "Run all".
Comment lines right after the title are the exercise's hints.

``python -m nnhelpers.exercises`` refreshes the Colab cells and the solution-cell markup
in ``solutions/`` and writes the student notebooks to ``notebooks/``: outputs cleared, every
solution replaced by its hints and ``# Your code here``. The cells from the first exercise
on are tagged ``nbval-skip``, since they need the student's answers to run.

A student notebook that differs from what was last generated (a student worked in it) is
never overwritten unless ``--force`` is given.
"""

import argparse
import copy
import hashlib
import sys
from pathlib import Path

import nbformat

from nnhelpers.colab import with_colab_cells
from nnhelpers.config import REPO_ROOT

SOLUTION_TAG = "solution"
EXERCISE_TAG = "exercise"
SKIP_TAG = "nbval-skip"
TITLE = "#@title Solution (click to show or hide)"
STUB = "# Your code here"
HASH_KEY = "generated_sha256"


class StudentWorkError(RuntimeError):
    """Refusing to overwrite a student notebook that was changed after it was generated."""


def is_solution(cell: nbformat.NotebookNode) -> bool:
    """True for a code cell tagged ``solution``."""
    return cell.cell_type == "code" and SOLUTION_TAG in cell.metadata.get("tags", [])


def mark_solution(cell: nbformat.NotebookNode) -> None:
    """Give a solution cell its title line and make it open collapsed (JupyterLab and Colab)."""
    if not cell.source.startswith("#@title"):
        cell.source = f"{TITLE}\n{cell.source}"
    cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
    cell.metadata["cellView"] = "form"


def hints(cell: nbformat.NotebookNode) -> list[str]:
    """The comment lines that follow a solution cell's title: the exercise's hints."""
    lines = cell.source.splitlines()[1:]
    kept = []
    for line in lines:
        if not line.startswith("#"):
            break
        kept.append(line)
    return kept


def content_hash(nb: nbformat.NotebookNode) -> str:
    """SHA-256 of a notebook as saved, leaving out the hash it carries itself."""
    nb = copy.deepcopy(nb)
    own = nb.metadata.pop("nnhelpers", {})
    own.pop(HASH_KEY, None)
    if own:
        nb.metadata["nnhelpers"] = own
    return hashlib.sha256(nbformat.writes(nb).encode()).hexdigest()


def student_notebook(solution: nbformat.NotebookNode, path: Path) -> nbformat.NotebookNode:
    """The student version of a solution notebook, to be saved at ``path``."""
    nb = copy.deepcopy(solution)
    in_exercises = False
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if is_solution(cell):
            in_exercises = True
            cell = nb.cells[i] = nbformat.v4.new_code_cell(
                "\n".join([*hints(cell), STUB]), metadata={"tags": [EXERCISE_TAG]}, id=cell.id
            )
        cell.outputs, cell.execution_count = [], None
        if in_exercises and SKIP_TAG not in cell.metadata.get("tags", []):
            cell.metadata.setdefault("tags", []).append(SKIP_TAG)
    nb.metadata.pop("widgets", None)  # saved widget state belongs to the cleared outputs
    nb = with_colab_cells(nb, path)
    nb.metadata.setdefault("nnhelpers", {})[HASH_KEY] = content_hash(nb)
    return nb


def refresh_solution(nb: nbformat.NotebookNode, path: Path) -> nbformat.NotebookNode:
    """A solution notebook with its Colab cells and solution-cell markup up to date, and
    without the execution timestamps that nbconvert/nbclient add to cells."""
    nb = with_colab_cells(copy.deepcopy(nb), path)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)  # execution timestamps: noise in diffs
        if is_solution(cell):
            mark_solution(cell)
    return nb


def code_lines(cells: list[nbformat.NotebookNode]) -> set[str]:
    """The stripped, non-blank, non-comment lines of the code cells among ``cells``."""
    return {
        line.strip()
        for cell in cells
        if cell.cell_type == "code"
        for line in cell.source.splitlines()
        if line.strip() and not line.strip().startswith("#")
    }


def leaked_lines(solution: nbformat.NotebookNode, student: nbformat.NotebookNode) -> set[str]:
    """Lines that only the solution cells of ``solution`` contain, yet ``student`` shows."""
    secret = code_lines([c for c in solution.cells if is_solution(c)])
    secret -= code_lines([c for c in solution.cells if not is_solution(c)])
    shown = code_lines(student.cells) | {
        line.strip() for c in student.cells if c.cell_type == "markdown" for line in c.source.splitlines()
    }
    return secret & shown


def check_unchanged(path: Path) -> None:
    """Raise ``StudentWorkError`` if the student notebook at ``path`` was edited since it
    was generated (or was not generated at all)."""
    nb = nbformat.read(path, as_version=4)
    recorded = nb.metadata.get("nnhelpers", {}).get(HASH_KEY)
    if recorded != content_hash(nb):
        raise StudentWorkError(
            f"{path} has changed since it was generated (someone's work may be in it), so it "
            "was left alone. Save it under another name, or run again with --force to overwrite it."
        )


def write_if_changed(nb: nbformat.NotebookNode, path: Path) -> bool:
    """Save ``nb`` to ``path`` unless the file already holds exactly that; True if written."""
    text = nbformat.writes(nb) + "\n"
    if path.is_file() and path.read_text() == text:
        return False
    path.write_text(text)
    return True


def build(
    solutions: Path, notebooks: Path, force: bool = False, only: list[str] | None = None
) -> list[Path]:
    """Refresh ``solutions/`` and generate ``notebooks/`` from it; return the files written.

    ``only`` limits the work to the notebooks whose file names start with one of its items.

    Raises ``StudentWorkError`` (after writing all the others) if a student notebook was
    changed and ``force`` is false.
    """
    written, refused = [], []
    notebooks.mkdir(parents=True, exist_ok=True)
    for source in sorted(solutions.glob("*.ipynb")):
        if only and not source.name.startswith(tuple(only)):
            continue
        solution = refresh_solution(nbformat.read(source, as_version=4), source)
        if write_if_changed(solution, source):
            written.append(source)
        target = notebooks / source.name
        student = student_notebook(solution, target)
        if target.is_file() and not force:
            try:
                check_unchanged(target)
            except StudentWorkError as error:
                refused.append(str(error))
                continue
        if write_if_changed(student, target):
            written.append(target)
    if refused:
        raise StudentWorkError("\n".join(refused))
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m nnhelpers.exercises [--force] [PREFIX ...]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--solutions", type=Path, default=REPO_ROOT / "solutions")
    parser.add_argument("--notebooks", type=Path, default=REPO_ROOT / "notebooks")
    parser.add_argument("--force", action="store_true", help="overwrite edited student notebooks")
    parser.add_argument("only", nargs="*", help="notebook name prefixes, e.g. 01 (default: all)")
    args = parser.parse_args(argv)
    try:
        written = build(args.solutions, args.notebooks, args.force, args.only)
    except StudentWorkError as error:
        print(error, file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    print(f"{len(written)} file(s) written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
