"""Where the website's links point, made from the course's one repository setting.

The Colab buttons open the student notebooks (``notebooks/``) of ``REPO`` on GitHub, like the
badges in the notebooks; the Binder button (and the README's badge) launches the repository on
mybinder.org with notebook 01 open in JupyterLab; the published site is that repository's
GitHub Pages address.
"""

from tools.students.colab import BRANCH, REPO

__all__ = [
    "BRANCH",
    "REPO",
    "binder_url",
    "colab_url",
    "download_path",
    "published_url",
    "repository_url",
]

STUDENT_FOLDER = "notebooks"
DOWNLOADS = "downloads"
"""Folder of the site (next to the pages) that holds the student notebooks to download."""


def colab_url(name: str) -> str:
    """Colab's address of the student notebook ``name`` (``01_autograd_basics.ipynb``)."""
    return f"https://colab.research.google.com/github/{REPO}/blob/{BRANCH}/{STUDENT_FOLDER}/{name}"


def binder_url(name: str = "01_autograd_basics.ipynb") -> str:
    """mybinder.org's address that builds the repository (its ``binder/`` folder) and opens
    the student notebook ``name`` in JupyterLab."""
    return f"https://mybinder.org/v2/gh/{REPO}/{BRANCH}?urlpath=lab/tree/{STUDENT_FOLDER}/{name}"


def download_path(name: str) -> str:
    """The student notebook ``name`` on the site, relative to any page."""
    return f"{DOWNLOADS}/{name}"


def repository_url() -> str:
    """The course's repository on GitHub."""
    return f"https://github.com/{REPO}"


def published_url() -> str:
    """Where the website lives once published with GitHub Pages."""
    owner, repository = REPO.split("/")
    return f"https://{owner}.github.io/{repository}/"
