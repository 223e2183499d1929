"""tools/catalog.py, the one list of the course's notebooks, and what must agree with it."""

import re

import nbformat

from tools import ROOT, catalog


def test_readme_table_lists_the_catalog_in_order():
    rows = re.findall(
        r"^\| (\d\d) \| \[(.+?)\]\((notebooks/.+?\.ipynb)\) \| (.+?) \|$",
        (ROOT / "README.md").read_text(encoding="utf-8"),
        flags=re.MULTILINE,
    )
    expected = [
        (n.number, n.title, f"notebooks/{n.stem}.ipynb", n.summary) for n in catalog.NOTEBOOKS
    ]
    assert rows == expected


def test_every_notebook_starts_with_its_catalog_heading():
    for notebook in catalog.NOTEBOOKS:
        for path in (notebook.solution(), notebook.student()):
            cells = nbformat.read(path, as_version=4).cells
            heading = next(
                c.source for c in cells if c.cell_type == "markdown" and c.source.startswith("# ")
            )
            assert heading.splitlines()[0] == notebook.heading, path
