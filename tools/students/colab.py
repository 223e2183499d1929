"""Open-in-Colab badges and the Colab setup cell, made from one repository URL.

Every notebook starts with a badge cell and a setup cell (tagged ``colab-badge`` and
``colab-setup``). ``python -m tools.students`` (``./course students``) rewrites both from
``REPO`` below, so moving the course to another repository means changing this one line and
running it.
"""

from pathlib import Path

import nbformat

from tools.cells import COLAB_BADGE, COLAB_SETUP, tags

REPO = "nn-with-pytorch/nn-with-pytorch"
"""The course's GitHub repository, ``owner/name``: the one place it is written."""

BRANCH = "main"
"""The branch the badges open and the setup cell installs nnhelpers from."""

PACKAGES = f'torchviz graphviz graphviz-pure "nnhelpers @ git+https://github.com/{REPO}@{BRANCH}"'
"""What every notebook installs on Colab. ``graphviz`` (the Python package, which torchviz
needs) is preinstalled on Colab today; naming it costs nothing then and keeps the course
working should Colab drop it."""

ANDI_PACKAGES = "andi-datasets==2.1.13 stochastic==0.6.0 h5py"
"""What notebook 05 adds. On Colab (Python 3.13, NumPy 2) andi-datasets installs only
without its NumPy pin, so with ``--no-deps``; ``h5py``, which it imports, is preinstalled
on Colab today and named for the same reason as ``graphviz``."""


def badge_source(path: Path) -> str:
    """Markdown for the Open-in-Colab badge of the notebook at ``path`` (``folder/name``)."""
    url = f"https://colab.research.google.com/github/{REPO}/blob/{BRANCH}/{path.parent.name}/{path.name}"
    return f"[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]({url})"


def setup_source(needs_andi: bool) -> str:
    """The setup cell: installs what the notebook needs on Colab, does nothing elsewhere."""
    lines = [
        "# Setup: on Colab this installs the course helpers; elsewhere it does nothing.",
        "import sys",
        "",
        'if "google.colab" in sys.modules:',
        f"    %pip install -q --no-deps {PACKAGES}",
    ]
    if needs_andi:
        lines.append(f"    %pip install -q --no-deps {ANDI_PACKAGES}")
    return "\n".join(lines)


def needs_andi(nb: nbformat.NotebookNode) -> bool:
    """True when a code cell of the notebook imports andi_datasets."""
    return any(c.cell_type == "code" and "andi_datasets" in c.source for c in nb.cells)


def add_colab_cells(nb: nbformat.NotebookNode, path: Path) -> None:
    """Put (or refresh) the badge and setup cells at the top of ``nb``, saved at ``path``
    (a step of the generator, ``tools.students.steps``)."""
    ours = {COLAB_BADGE, COLAB_SETUP}
    cells = [c for c in nb.cells if not ours & set(tags(c))]
    old = {t: c for c in nb.cells for t in tags(c) if t in ours}
    badge = nbformat.v4.new_markdown_cell(badge_source(path), metadata={"tags": [COLAB_BADGE]})
    setup = old.get(COLAB_SETUP) or nbformat.v4.new_code_cell(metadata={"tags": [COLAB_SETUP]})
    setup.source = setup_source(needs_andi(nb))
    if COLAB_BADGE in old:
        badge.id = old[COLAB_BADGE].id
    nb.cells = [badge, setup, *cells]
