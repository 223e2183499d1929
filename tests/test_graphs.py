import torch
from torchviz import make_dot

from nnhelpers import graphs


def autograd_graph():
    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    b = torch.tensor([4.0, 5.0, 6.0], requires_grad=True)
    return make_dot((2 * a + b).sum(), params={"a": a, "b": b})


def test_renders_svg_without_system_graphviz(monkeypatch, capsys):
    monkeypatch.setenv("PATH", "/nonexistent")  # no `dot` anywhere: graphviz-pure is used
    svg = graphs.show_graph(autograd_graph())
    assert svg.data.startswith("<svg")
    assert "AccumulateGrad" in svg.data and "SumBackward0" in svg.data
    assert capsys.readouterr().err == ""  # no font warnings


def test_svg_is_identical_across_runs():
    assert graphs.show_graph(autograd_graph()).data == graphs.show_graph(autograd_graph()).data


def test_object_ids_replaced():
    source = graphs.stable_source(autograd_graph())
    assert not graphs._OBJECT_ID.search(source)
    assert "n0" in source and "fontname=Courier" in source


def test_no_renderer_prints_text(monkeypatch, capsys):
    monkeypatch.setattr(graphs, "dot_program", lambda: None)
    assert graphs.show_graph(autograd_graph()) is None
    out = capsys.readouterr().out
    assert "No Graphviz renderer found" in out and "pip install graphviz-pure" in out
    assert "AccumulateGrad" in out and "->" in out
