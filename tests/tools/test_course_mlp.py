"""tools.course_mlp is notebook 04's MLP and FLOP count, read from the notebook itself."""

import nbformat
import torch
from torch import nn

from tools import catalog
from tools.cells import python_of, without_title
from tools.course_mlp import LAYERS, course_mlp, forward_flops


def notebook_04() -> dict:
    """What notebook 04's solution defines in the cells that define ``make_model`` and
    ``forward_flops`` (run in a namespace of their own)."""
    (notebook,) = [n for n in catalog.NOTEBOOKS if n.number == "04"]
    cells = nbformat.read(notebook.solution(), as_version=4).cells
    namespace: dict = {"nn": nn, "torch": torch}
    for name in ("def make_model(", "def forward_flops("):
        (cell,) = [c for c in cells if c.cell_type == "code" and name in c.source]
        exec(python_of(without_title(cell.source)), namespace)
    return namespace


def test_the_tools_build_notebook_04s_model():
    made = notebook_04()["make_model"]()
    ours = course_mlp()
    assert [type(m) for m in made] == [type(m) for m in ours]
    shapes = [tuple(p.shape) for p in ours.parameters()]
    assert [tuple(p.shape) for p in made.parameters()] == shapes == [(500, 784), (500,), (10, 500)]


def test_the_tools_count_flops_as_notebook_04_does():
    counted = notebook_04()["forward_flops"]
    for batch_size in (1, 128, 1000):
        assert forward_flops(batch_size) == counted(list(LAYERS), batch_size)
    assert forward_flops(1000) == 794_000_000
