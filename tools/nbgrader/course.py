"""An nbgrader course directory made from the course: its settings and its source notebooks.

``DIR/nbgrader_config.py`` and ``DIR/source/NAME/NAME.ipynb`` for every notebook of
``solutions/`` (one nbgrader assignment per notebook, named after it). A file already there
with other content (a teacher's edits) is left alone unless ``force`` is given.
"""

from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from tools import ROOT
from tools.nbgrader.settings import config_text
from tools.nbgrader.source import source_notebook
from tools.students.build import read_notebook

CONFIG = "nbgrader_config.py"


@dataclass
class Outcome:
    """What making the course directory did: files written, files left alone (and why)."""

    written: list[Path] = field(default_factory=list)
    refused: list[Path] = field(default_factory=list)


def write(path: Path, text: str, force: bool, outcome: Outcome) -> None:
    """Save ``text`` at ``path`` unless it holds other content and not ``force``."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    if path.is_file() and not force:
        outcome.refused.append(path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    outcome.written.append(path)


def make_course(
    directory: Path,
    quick: bool,
    timeout: int,
    force: bool = False,
    only: list[str] | None = None,
    root: Path = ROOT,
) -> Outcome:
    """Write the nbgrader course directory ``directory`` from the checkout at ``root``;
    ``only`` limits the notebooks to those whose names start with one of its items."""
    outcome = Outcome()
    write(directory / CONFIG, config_text(quick, timeout, root), force, outcome)
    for path in sorted((root / "solutions").glob("*.ipynb")):
        if only and not path.name.startswith(tuple(only)):
            continue
        nb = source_notebook(read_notebook(path), root / "notebooks" / path.name)
        target = directory / "source" / path.stem / path.name
        write(target, nbformat.writes(nb) + "\n", force, outcome)
    return outcome
