"""Open-in-Colab badges and the Colab setup cell, made from one repository URL.

Every notebook starts with a badge cell and a setup cell (tagged ``colab-badge`` and
``colab-setup``). ``python -m tools.students`` (``./course students``) rewrites both from
``REPO`` below, so moving the course to another repository means changing this one line and
running it.
"""

from pathlib import Path

import nbformat

from tools import catalog
from tools.cells import COLAB_BADGE, COLAB_SETUP, tags

REPO = "nn-with-pytorch/nn-with-pytorch"
"""The course's GitHub repository, ``owner/name``: the one place it is written."""

BRANCH = "main"
"""The branch the badges open and the setup cell installs nnhelpers from."""

PACKAGES = f'torchviz graphviz graphviz-pure "nnhelpers @ git+https://github.com/{REPO}@{BRANCH}"'
"""What every notebook installs on Colab. ``graphviz`` (the Python package, which torchviz
needs) is preinstalled on Colab today; naming it costs nothing then and keeps the course
working should Colab drop it."""


def badge_source(path: Path) -> str:
    """Markdown for the Open-in-Colab badge of the notebook at ``path`` (``folder/name``)."""
    url = f"https://colab.research.google.com/github/{REPO}/blob/{BRANCH}/{path.parent.name}/{path.name}"
    return f"[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]({url})"


def setup_source(extra_packages: str = "") -> str:
    """The setup cell: installs what the notebook needs on Colab (the course helpers, then
    its catalogue entry's ``extra_packages``), does nothing elsewhere."""
    lines = [
        "# Setup: on Colab this installs the course helpers (elsewhere, nothing).",
        "import sys",
        "",
        'if "google.colab" in sys.modules:',
        f"    %pip install -q --no-deps {PACKAGES}",
    ]
    if extra_packages:
        lines.append(f"    %pip install -q --no-deps {extra_packages}")
    return "\n".join(lines)


def add_colab_cells(nb: nbformat.NotebookNode, path: Path) -> None:
    """Put (or refresh) the badge and setup cells at the top of ``nb``, saved at ``path``
    (a step of the generator, ``tools.students.steps``)."""
    ours = {COLAB_BADGE, COLAB_SETUP}
    cells = [c for c in nb.cells if not ours & set(tags(c))]
    old = {t: c for c in nb.cells for t in tags(c) if t in ours}
    badge = nbformat.v4.new_markdown_cell(badge_source(path), metadata={"tags": [COLAB_BADGE]})
    setup = old.get(COLAB_SETUP) or nbformat.v4.new_code_cell(metadata={"tags": [COLAB_SETUP]})
    entry = next((n for n in catalog.NOTEBOOKS if n.stem == path.stem), None)
    setup.source = setup_source(entry.colab_packages if entry else "")
    if COLAB_BADGE in old:
        badge.id = old[COLAB_BADGE].id
    nb.cells = [badge, setup, *cells]
