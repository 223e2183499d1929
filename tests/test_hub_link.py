"""tools.hub_link: the nbgitpuller link a teacher hands out on a JupyterHub."""

import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

from tools import ROOT, catalog
from tools.hub_link import REPOSITORY, folder_of, hub_link


def test_the_link_pulls_the_course_and_opens_notebook_01_in_jupyterlab():
    link = urlsplit(hub_link("https://hub.example.edu/"))
    assert (link.scheme, link.netloc) == ("https", "hub.example.edu")
    assert link.path == "/hub/user-redirect/git-pull"
    query = parse_qs(link.query)
    assert query == {
        "repo": [REPOSITORY],
        "branch": ["main"],
        "targetpath": ["nn-with-pytorch"],
        "urlpath": ["lab/tree/nn-with-pytorch/notebooks/01_autograd_basics.ipynb"],
    }


def test_the_notebook_it_opens_is_a_student_notebook_of_the_checkout():
    for notebook in catalog.NOTEBOOKS:
        urlpath = parse_qs(urlsplit(hub_link("http://hub", notebook=notebook.stem)).query)
        relative = urlpath["urlpath"][0].removeprefix("lab/tree/nn-with-pytorch/")
        assert (ROOT / relative).is_file(), relative


def test_the_folder_is_the_repository_name_as_git_clone_makes_it():
    assert folder_of("https://github.com/a/b.git") == "b"
    assert folder_of("https://gitlab.example.edu/teacher/my-course/") == "my-course"


def test_course_hub_link_prints_it():
    run = subprocess.run(
        [sys.executable, "-m", "tools.hub_link", "https://hub.example.edu", "--branch", "spring"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert run.stdout.strip() == hub_link("https://hub.example.edu", branch="spring")
