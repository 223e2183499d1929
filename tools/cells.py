"""The course's notebook-cell conventions, in one place.

``solutions/`` (the source) and ``notebooks/`` (generated from it) mark their cells this way;
the generator (``tools.students``), the website (``tools.site``) and the tests read the marks
from here:

* an exercise's answer is a code cell tagged ``solution``; it starts with the Colab form
  title ``TITLE`` (so that it opens collapsed), then its ``# Hint:`` lines, then the code;
* its student version is a code cell tagged ``exercise``: the hints and a stub;
* a *check* cell calls a ``check_...`` function of ``nnhelpers.checks`` at its top level;
* a *waiting* cell starts with ``%%needs`` and the names it waits for;
* every notebook starts with a Colab badge cell and a Colab setup cell, tagged
  ``colab-badge`` and ``colab-setup``.
"""

import re

from nbformat import NotebookNode

SOLUTION = "solution"
"""Tag of an exercise's answer in ``solutions/``."""
EXERCISE = "exercise"
"""Tag of an exercise cell in ``notebooks/`` (what a solution cell becomes)."""
COLAB_BADGE = "colab-badge"
"""Tag of the Open-in-Colab badge cell."""
COLAB_SETUP = "colab-setup"
"""Tag of the setup cell that installs the course's helpers on Colab."""
TITLE = "# @title Solution (click to show or hide)"
"""The first line of every solution cell: a Colab form title, which folds the cell (with
the cell's ``cellView: "form"``). Written as ``ruff format`` writes it, with a space after
the ``#``; ``#@title``, the older spelling, is a title too."""
TITLE_LINE = re.compile(r"#\s*@title\b")
NEEDS = "%%needs"
"""The cell magic that starts a waiting cell (``nnhelpers.exercises``)."""
CHECK_PREFIX = "check_"
"""How the names of the checks start (``check_gradient``, ...)."""

MAGIC = re.compile(r"^(\s*)[%!].*$", re.MULTILINE)


def tags(cell: NotebookNode) -> list[str]:
    """The tags of a cell (none: an empty list)."""
    return cell.get("metadata", {}).get("tags", [])


def is_solution(cell: NotebookNode) -> bool:
    """True for an exercise's answer: a code cell tagged ``solution``."""
    return cell.cell_type == "code" and SOLUTION in tags(cell)


def is_exercise(cell: NotebookNode) -> bool:
    """True for an exercise cell of a student notebook: a code cell tagged ``exercise``."""
    return cell.cell_type == "code" and EXERCISE in tags(cell)


def waits(cell: NotebookNode) -> bool:
    """True for a cell that waits for answers: it starts with ``%%needs``."""
    return cell.cell_type == "code" and cell.source.startswith(NEEDS)


def is_check(cell: NotebookNode) -> bool:
    """True for a check cell: a code cell, not a waiting one, whose top level calls a
    ``check_...`` function (a line that starts with ``check_``)."""
    if cell.cell_type != "code" or waits(cell):
        return False
    return any(line.startswith(CHECK_PREFIX) for line in cell.source.splitlines())


def without_title(source: str) -> str:
    """A cell's source without its first line if that is a Colab form title."""
    first, _, rest = source.partition("\n")
    return rest if is_title(first) else source


def is_title(line: str) -> bool:
    """True for a Colab form title line (``# @title ...`` or ``#@title ...``)."""
    return TITLE_LINE.match(line) is not None


def python_of(source: str) -> str:
    """A cell's source as plain Python: IPython magics (``%...``, ``!...``) become ``pass``."""
    return MAGIC.sub(r"\1pass", source)


def needs_names(source: str) -> set[str]:
    """The names a cell's ``%%needs`` line lists (``histories["Adam"]`` counts as
    ``histories``); empty for a cell without one."""
    first = source.partition("\n")[0]
    if not first.startswith(NEEDS):
        return set()
    requirements = first.removeprefix(NEEDS).split("#")[0]
    return {re.match(r"[A-Za-z_]\w*", item).group() for item in requirements.split()}


def split_needs(source: str) -> tuple[str, str]:
    """A cell's ``%%needs`` line ("" for a cell without one) and the code under it. Tools
    that read code give them the code alone: ruff, for one, skips any cell that starts
    with a cell magic."""
    if not source.startswith(NEEDS):
        return "", source
    first, _, rest = source.partition("\n")
    return first, rest
