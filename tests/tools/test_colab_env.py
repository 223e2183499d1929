"""The Colab-like environment's reading of the setup cells (tools/colab_env.py); no network."""

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tools import catalog, cells, colab_env
from tools.students import colab

WHEEL = Path("/tmp/build/nnhelpers-0.1.0-py3-none-any.whl")


ANDI = next(n.colab_packages for n in catalog.NOTEBOOKS if n.colab_packages)
"""What notebook 05's Colab setup cell adds."""


def write_notebook(path: Path, needs_andi: bool) -> None:
    setup = new_code_cell(
        colab.setup_source(ANDI if needs_andi else ""), metadata={"tags": [cells.COLAB_SETUP]}
    )
    other = new_code_cell("%pip install -q not-a-setup-line\nimport torch")
    nbformat.write(new_notebook(cells=[new_markdown_cell("# A notebook"), setup, other]), path)


def test_reads_the_pip_lines_of_the_setup_cell():
    every, andi = colab_env.setup_pip_lines(colab.setup_source(ANDI))
    assert every == f"-q --no-deps {colab.PACKAGES}"
    assert andi == f"-q --no-deps {ANDI}"
    assert colab_env.setup_pip_lines("import sys\nprint('%pip install x')") == []


def test_collects_each_distinct_line_of_every_setup_cell_in_order(tmp_path):
    write_notebook(tmp_path / "01_plain.ipynb", needs_andi=False)
    write_notebook(tmp_path / "02_andi.ipynb", needs_andi=True)
    write_notebook(tmp_path / "03_plain.ipynb", needs_andi=False)
    assert colab_env.notebook_pip_lines(tmp_path) == [
        f"-q --no-deps {colab.PACKAGES}",
        f"-q --no-deps {ANDI}",
    ]


def test_no_setup_cell_is_an_error(tmp_path):
    nbformat.write(new_notebook(cells=[new_code_cell("%pip install torch")]), tmp_path / "a.ipynb")
    with pytest.raises(SystemExit, match="colab-setup"):
        colab_env.notebook_pip_lines(tmp_path)


def test_nnhelpers_comes_from_the_wheel_and_the_rest_is_kept():
    (line, _) = colab_env.setup_pip_lines(colab.setup_source(ANDI))
    arguments = colab_env.pip_arguments(line, WHEEL)
    assert arguments == [
        "-q",
        "--no-deps",
        "torchviz",
        "graphviz",
        "graphviz-pure",
        "nnhelpers @ file:///tmp/build/nnhelpers-0.1.0-py3-none-any.whl",
    ]
    andi = f"-q --no-deps {ANDI}"
    assert colab_env.pip_arguments(andi, WHEEL) == andi.split()


@pytest.mark.parametrize(
    "requirement, expected",
    [
        ("nnhelpers @ git+https://github.com/owner/repo@main", True),
        ("nnhelpers@git+https://github.com/owner/repo", True),
        ("nnhelpers", False),
        ("nnhelpers-extra @ git+https://github.com/owner/repo", False),
        ("torchviz", False),
    ],
)
def test_recognises_the_nnhelpers_url_requirement(requirement, expected):
    assert colab_env.is_nnhelpers(requirement) is expected


def test_fingerprint_changes_with_any_input():
    inputs = ["3.13.0", colab_env.COLAB_PREINSTALLED, colab_env.TEST_TOOLS, ["-q torchviz"]]
    assert colab_env.fingerprint(inputs) == colab_env.fingerprint(list(inputs))
    assert colab_env.fingerprint(inputs) != colab_env.fingerprint(
        [*inputs[:3], ["-q torchviz graphviz"]]
    )
    assert colab_env.fingerprint(inputs) != colab_env.fingerprint(["3.13.1", *inputs[1:]])


def test_what_the_setup_cells_promise_is_not_preinstalled():
    preinstalled = {pin.split("==")[0].lower() for pin in colab_env.COLAB_PREINSTALLED}
    for line in colab_env.setup_pip_lines(colab.setup_source(ANDI)):
        for argument in colab_env.pip_arguments(line, WHEEL):
            assert argument.split(" @ ")[0].split("==")[0] not in preinstalled
    assert all("==" in pin for pin in colab_env.COLAB_PREINSTALLED)  # Colab's exact versions
