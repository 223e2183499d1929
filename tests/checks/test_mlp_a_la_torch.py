"""The checks of notebook 03, deep learning à la torch: pass and fail paths."""

import pytest
from torch import nn

from nnhelpers.checks import mlp_a_la_torch

# --- 03: count_parameters ------------------------------------------------------------------


def test_count_parameters_passes(passed):
    mlp_a_la_torch.check_count_parameters(lambda model: sum(p.numel() for p in model.parameters()))
    assert passed()


@pytest.mark.parametrize(
    "answer, hint",
    [
        (lambda model: len(list(model.parameters())), "p.numel()"),
        (lambda model: sum(p.numel() for p in model.parameters() if p.dim() > 1), "the biases"),
        (lambda model: 397_500, "for nn.Linear(784, 500) you count 397500"),
        (lambda model: model.weight.numel() + model.bias.numel(), "raised AttributeError"),
    ],
)
def test_count_parameters_mistakes_get_hints(answer, hint, printed):
    mlp_a_la_torch.check_count_parameters(answer)
    line = printed()
    assert line.startswith("❌ Not yet: ") and hint in line


# --- 03: a deeper model with nn.Sequential -------------------------------------------------


def deeper(*, flatten=True, relu=True, sizes=(784, 256, 128, 10), bias=True, softmax=False):
    layers: list[nn.Module] = [nn.Flatten()] if flatten else []
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        layers.append(nn.Linear(n_in, n_out, bias=bias))
        if relu and i < len(sizes) - 2:
            layers.append(nn.ReLU())
    if softmax:
        layers.append(nn.Softmax(dim=1))
    return nn.Sequential(*layers)


def test_deeper_model_passes(passed):
    mlp_a_la_torch.check_deeper_model(deeper())
    assert passed()


class NotSequential(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = deeper()

    def forward(self, x):
        return self.layers(x)


@pytest.mark.parametrize(
    "model, hint",
    [
        (NotSequential(), "nn.Sequential"),
        (deeper(sizes=(784, 500, 10)), "they should go [784, 256, 128, 10]"),
        (nn.Sequential(nn.Flatten()), "go nowhere"),
        (deeper(relu=False), "nn.ReLU()"),
        (deeper(softmax=True), "returns logits"),
        (deeper(flatten=False), "nn.Flatten()"),
        (deeper(bias=False), "its bias"),
        (nn.Sequential(*deeper(), nn.Unflatten(1, (2, 5))), "not (3, 10)"),
    ],
)
def test_deeper_model_mistakes_get_hints(model, hint, printed):
    mlp_a_la_torch.check_deeper_model(model)
    line = printed()
    assert line.startswith("❌ Not yet: ") and hint in line
