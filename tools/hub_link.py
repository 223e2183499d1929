"""The link a teacher hands out on a JupyterHub: it pulls the course into each student's home.

``./course hub-link https://hub.example.edu`` prints an nbgitpuller link. A student who
opens it logs in to the hub; nbgitpuller (installed on the hub) clones the course into
their home the first time, and on every later click pulls the teacher's changes, keeping
the student's own edits (it merges with ``git merge -Xours``: where the student and the
teacher changed the same lines, the student's stay). JupyterLab then opens notebook 01.
"""

import argparse
from urllib.parse import urlencode

from tools import catalog

REPOSITORY = "https://github.com/nn-with-pytorch/nn-with-pytorch"
BRANCH = "main"


def folder_of(repository: str) -> str:
    """The folder the link has nbgitpuller clone ``repository`` into: its last path part,
    less ``.git`` (as ``git clone`` names it; the link says so, since nbgitpuller's own
    default would keep the ``.git``)."""
    name = repository.rstrip("/").rsplit("/", 1)[-1]
    return name.removesuffix(".git")


def hub_link(
    hub: str,
    repository: str = REPOSITORY,
    branch: str = BRANCH,
    notebook: str = catalog.NOTEBOOKS[0].stem,
) -> str:
    """The nbgitpuller link on ``hub`` that pulls ``repository`` at ``branch`` into
    ``folder_of(repository)`` and opens ``notebooks/<notebook>.ipynb`` there in JupyterLab."""
    folder = folder_of(repository)
    opens = f"lab/tree/{folder}/notebooks/{notebook}.ipynb"
    query = urlencode(
        {"repo": repository, "branch": branch, "targetpath": folder, "urlpath": opens}
    )
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="course hub-link", description=__doc__.split("\n")[0])
    parser.add_argument("hub", help="the hub's address, e.g. https://hub.example.edu")
    parser.add_argument("--repo", default=REPOSITORY, help="the course's git repository")
    parser.add_argument("--branch", default=BRANCH, help="the branch students get")
    parser.add_argument(
        "--notebook",
        default=catalog.NOTEBOOKS[0].stem,
        choices=[notebook.stem for notebook in catalog.NOTEBOOKS],
        help="the notebook JupyterLab opens",
    )
    args = parser.parse_args(argv)
    print(hub_link(args.hub, args.repo, args.branch, args.notebook))


if __name__ == "__main__":
    main()
