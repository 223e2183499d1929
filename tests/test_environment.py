"""environment.yml (conda) and pyproject.toml (pip) must name the same packages."""

import re

import yaml

from tools import ROOT

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib


CONDA_TO_PYPI = {"pytorch": "torch", "python-graphviz": "graphviz"}
CONDA_ONLY = {"python", "pip", "graphviz"}  # the interpreter, the installer, Graphviz's dot


def split(requirement: str) -> tuple[str, str]:
    """('name', 'version spec') of a requirement string, markers dropped."""
    requirement = requirement.split(";")[0].strip()
    name = re.match(r"[A-Za-z0-9_.\-]+", requirement).group()
    return name.lower(), requirement[len(name) :].strip()


CONDA_EXTRAS = ("test", "maintainer")
"""The extras the conda environment brings besides the runtime: it can run the tests and tools."""


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    requirements = project["dependencies"] + [r for e in CONDA_EXTRAS for r in extras[e]]
    return dict(split(r) for r in requirements)


def conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    found = {}
    for entry in env["dependencies"]:
        if isinstance(entry, dict):
            found.update(split(r) for r in entry["pip"] if not r.startswith("-"))
            continue
        name, spec = split(entry)
        if name not in CONDA_ONLY:
            found[CONDA_TO_PYPI.get(name, name)] = spec
    return found


def test_same_packages_and_versions():
    assert conda_requirements() == pyproject_requirements()


def test_conda_env_has_graphviz_binary_and_supported_python():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    plain = [d for d in env["dependencies"] if isinstance(d, str)]
    assert "graphviz" in plain
    assert "python>=3.10,<3.13" in plain
    assert env["channels"] == ["conda-forge"]
