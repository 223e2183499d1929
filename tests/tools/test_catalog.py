"""tools/catalog.py, the one list of the course's notebooks, and what must agree with it."""

import ast
import re

import nbformat

from tools import ROOT, catalog
from tools.cells import COLAB_SETUP, python_of


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
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert catalog.with_readme_table(readme) == readme, "run ./course students"


def test_every_notebook_starts_with_its_catalog_heading():
    for notebook in catalog.NOTEBOOKS:
        for path in (notebook.solution(), notebook.student()):
            cells = nbformat.read(path, as_version=4).cells
            heading = next(
                c.source for c in cells if c.cell_type == "markdown" and c.source.startswith("# ")
            )
            assert heading.splitlines()[0] == notebook.heading, path


def imports(notebook: catalog.Notebook) -> set[str]:
    """The top-level modules the code cells of a notebook's solution import."""
    cells = nbformat.read(notebook.solution(), as_version=4).cells
    code = "\n".join(python_of(c.source) for c in cells if c.cell_type == "code")
    return {
        (node.module if isinstance(node, ast.ImportFrom) else alias.name).split(".")[0]
        for node in ast.walk(ast.parse(code))
        if isinstance(node, (ast.Import, ast.ImportFrom)) and getattr(node, "level", 0) == 0
        for alias in node.names
    }


def test_colab_installs_what_the_runtime_lacks_there():
    """Colab has none of andi-datasets (Python 3.13): a notebook that imports it says so
    in its entry, and its setup cell installs it; the others add nothing."""
    for notebook in catalog.NOTEBOOKS:
        uses_andi = "andi_datasets" in imports(notebook)
        assert ("andi-datasets" in notebook.colab_packages) == uses_andi, notebook.stem
        setup = next(
            c.source
            for c in nbformat.read(notebook.solution(), as_version=4).cells
            if COLAB_SETUP in c.metadata.get("tags", [])
        )
        assert (notebook.colab_packages in setup) if uses_andi else setup.count("%pip") == 1


def test_the_benchmark_has_a_figure_for_every_result_the_catalogue_cites():
    from tools.benchmark.figures import RESULT_FIGURES

    cited = [key for notebook in catalog.NOTEBOOKS for key in notebook.results]
    assert cited == [figure.key for figure in RESULT_FIGURES]
    assert all(key.startswith(n.number) for n in catalog.NOTEBOOKS for key in n.results)
