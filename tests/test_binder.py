"""Binder: mybinder.org builds the course from ``binder/`` with repo2docker.

repo2docker prefers a ``binder/`` folder to the files at the root (there, environment.yml
would give the newest Python its ``python>=3.10,<3.13`` allows). ``binder/`` pins the Python
the course is tested on, installs the CPU build of PyTorch and then the course. The dry run
(``repo2docker --no-build --debug``, no Docker needed) prints the Dockerfile it would build:
it must use those files and that Python. The README and the website's front page link to
Binder.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools.site.links import BRANCH, REPO, binder_url
from tools.site.stage import landing_page

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"
PYTHON = "3.11"
"""The Python the course is tested on (CI's, and the one ``./course`` picks first here)."""
CPU_INDEX = "https://download.pytorch.org/whl/cpu"
REPO2DOCKER = shutil.which(
    "repo2docker", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
)
"""repo2docker beside this Python (the ``hub`` extra installs it into .venv), or on PATH."""

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib


def requirements(lines: list[str]) -> dict[str, str]:
    """``name: version spec`` of the requirement lines (comments and options left out)."""
    found = {}
    for line in lines:
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name = re.match(r"[A-Za-z0-9_.\-]+", line).group()
            found[name.lower()] = line[len(name) :].split(";")[0].strip()
    return found


def test_binder_pins_the_tested_python_and_the_cpu_build_of_torch():
    assert (BINDER / "runtime.txt").read_text().strip() == f"python-{PYTHON}"
    lines = (BINDER / "requirements.txt").read_text().splitlines()
    assert f"--extra-index-url {CPU_INDEX}" in lines
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    course = requirements(project["dependencies"])
    assert requirements(lines) == {name: course[name] for name in ("torch", "torchvision")}


def test_binder_installs_the_course_after_torch():
    post_build = BINDER / "postBuild"
    assert post_build.stat().st_mode & 0o111, "postBuild must be executable"
    commands = [line for line in post_build.read_text().splitlines() if line[:1] not in "#"]
    assert "python -m pip install --no-cache-dir -e ." in commands


@pytest.mark.skipif(REPO2DOCKER is None, reason="no repo2docker (pip install -e '.[hub]')")
def test_repo2docker_builds_from_the_binder_folder_with_python_311():
    run = subprocess.run(
        [REPO2DOCKER, "--no-build", "--debug", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    dockerfile, said = run.stdout, run.stderr  # the Dockerfile; what repo2docker chose
    assert dockerfile.lstrip().startswith("FROM "), dockerfile[:3000]
    assert f"Building conda environment for python={PYTHON}\n" in said, said
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in dockerfile
    assert "RUN ./binder/postBuild" in dockerfile
    assert "environment.yml" not in dockerfile, "the build uses the root's environment.yml"


def test_readme_and_front_page_launch_binder_on_notebook_01():
    url = binder_url()
    assert url == (
        f"https://mybinder.org/v2/gh/{REPO}/{BRANCH}"
        "?urlpath=lab/tree/notebooks/01_autograd_basics.ipynb"
    )
    assert (
        f"[![Binder](https://mybinder.org/badge_logo.svg)]({url})"
        in (ROOT / "README.md").read_text()
    )
    assert f'href="{url}"' in landing_page([])
