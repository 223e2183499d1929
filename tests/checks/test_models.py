"""nnhelpers.checks.models: a network judged by what it computes, whatever its structure."""

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from nnhelpers.checks.models import between, judge_mlp, trace
from nnhelpers.checks.verdict import NotYet

SIZES = [784, 256, 128, 10]
IMAGES = torch.rand(16, 1, 28, 28, generator=torch.Generator().manual_seed(0))


def judge(model) -> str:
    """'ok', or the hint judge_mlp gives for ``model`` on a batch of images."""
    try:
        judge_mlp(model, IMAGES, SIZES, "deeper", "F.cross_entropy")
    except NotYet as hint:
        return str(hint)
    return "ok"


def sequential(*between_layers, flatten=True, sizes=SIZES, bias=True, end=()):
    """An MLP over ``sizes`` with ``between_layers[i]`` (a module, or None for nothing)
    after hidden layer i (a ReLU where not given), and ``end`` after the last layer."""
    layers = [nn.Flatten()] if flatten else []
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        layers.append(nn.Linear(n_in, n_out, bias=bias))
        if i < len(sizes) - 2:
            chosen = between_layers[i] if i < len(between_layers) else nn.ReLU()
            if chosen is not None:
                layers.append(chosen)
    return nn.Sequential(*layers, *end)


class OwnClass(nn.Module):
    """The MLP as a class of one's own: functional activations, reshape in forward."""

    def __init__(self, activation=F.relu):
        super().__init__()
        self.layers = nn.ModuleList(nn.Linear(a, b) for a, b in zip(SIZES, SIZES[1:]))
        self.activation = activation

    def forward(self, x):
        x = x.view(len(x), -1)
        for layer in self.layers[:-1]:
            x = self.activation(layer(x))
        return self.layers[-1](x)


class Functional(nn.Module):
    """The MLP written with F.linear on parameters of its own."""

    def __init__(self):
        super().__init__()
        self.weights = nn.ParameterList(
            nn.Parameter(torch.randn(b, a) / a**0.5) for a, b in zip(SIZES, SIZES[1:])
        )

    def forward(self, x):
        x = x.flatten(1)
        for weight in self.weights[:-1]:
            x = torch.relu(F.linear(x, weight))
        return F.linear(x, self.weights[-1])


class SkipsALayer(OwnClass):
    def forward(self, x):
        return self.layers[2](F.relu(self.layers[0](x.flatten(1))))


class InAList(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = list(sequential())

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


class FixedBatch(OwnClass):
    def forward(self, x):
        return super().forward(x.view(16, 784))


def lazy():
    return nn.Sequential(
        nn.Flatten(),
        nn.LazyLinear(256),
        nn.ReLU(),
        nn.LazyLinear(128),
        nn.ReLU(),
        nn.LazyLinear(10),
    )


def shared_relu():
    relu = nn.ReLU()
    return nn.Sequential(
        nn.Flatten(), nn.Linear(784, 256), relu, nn.Linear(256, 128), relu, nn.Linear(128, 10)
    )


def nested():
    hidden = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Sequential(nn.Linear(256, 128)))
    return nn.Sequential(nn.Flatten(), hidden, nn.ReLU(), nn.Linear(128, 10))


@pytest.mark.parametrize(
    "make",
    [
        sequential,
        lambda: sequential(bias=False),
        lambda: sequential(nn.Sequential(nn.ReLU(), nn.Dropout(0.3))),
        OwnClass,
        lambda: OwnClass(torch.relu),
        lambda: OwnClass(lambda x: x.clamp(min=0)),
        Functional,
        lazy,
        shared_relu,
        nested,
        lambda: sequential(nn.ReLU(inplace=True)),
        lambda: OwnClass(torch.relu_),
        lambda: sequential(nn.ReLU(inplace=True), nn.ReLU(inplace=True)),
    ],
    ids=[
        "sequential", "no biases", "dropout", "own class", "torch.relu", "clamp",
        "F.linear", "lazy", "shared ReLU", "nested", "in-place ReLU", "relu_", "in-place ReLUs",
    ],
)  # fmt: skip
def test_every_style_that_computes_the_network_passes(make):
    assert judge(make()) == "ok"


@pytest.mark.parametrize(
    "model, hint",
    [
        (sequential(nn.Sigmoid()), "between Linear layers 1 and 2 (sizes 784 → 256 → 128) the "
         "numbers go through a sigmoid, not a ReLU"),
        (sequential(nn.ReLU(), nn.Tanh()), "between Linear layers 2 and 3"),
        (sequential(None), "between Linear layers 1 and 2 (sizes 784 → 256 → 128) the numbers "
         "pass unchanged"),
        (sequential(nn.Identity(), nn.ReLU()), "layers 1 and 2 (sizes 784 → 256 → 128) the "
         "numbers pass unchanged"),
        (sequential(nn.LeakyReLU(0.1)), "do not go through a ReLU"),
        (OwnClass(torch.sigmoid), "go through a sigmoid"),
        (sequential(flatten=False), "got a batch of shape (16, 1, 28, 28)"),
        (sequential(sizes=[700, 256, 128, 10]), "the first Linear layer takes rows of 700 "
         "numbers, but it got rows of 784"),
        (SkipsALayer(), "the second Linear layer takes rows of 128 numbers, but it got rows "
         "of 256"),
        (nn.Sequential(nn.Flatten(0), *sequential(flatten=False)), "the whole batch as one row"),
        (OwnClass, "deeper is the class OwnClass itself: make a network from it, OwnClass()"),
        (InAList(), "not its own parameters"),
        (FixedBatch(), "works on a batch of 16 but not on a batch of 3"),
        (sequential(sizes=[784, 128, 256, 10]), "go 784 → 128 → 256 → 10; they should go 784 → "
         "256 → 128 → 10"),
        (sequential(sizes=[784, 500, 10]), "they should go 784 → 256 → 128 → 10"),
        (nn.Sequential(nn.Flatten()), "go nowhere"),
        (sequential(end=[nn.Softmax(dim=1)]), "ends with a softmax"),
        (sequential(end=[nn.ReLU()]), "ends with a ReLU"),
        (sequential(end=[nn.ReLU(inplace=True)]), "ends with a ReLU"),
        (sequential(end=[nn.LogSoftmax(dim=1)]), "ends with a log-softmax"),
        (sequential(end=[nn.Sigmoid()]), "ends with a sigmoid"),
        (sequential(end=[nn.Unflatten(1, (2, 5))]), "returns a Tensor of shape (16, 2, 5), not "
         "(16, 10)"),
        ("a model", "deeper is a str"),
    ],
)  # fmt: skip
def test_what_the_network_does_wrong_is_named(model, hint):
    assert hint in judge(model)


def test_between_tells_the_activation_apart():
    z = torch.randn(8, 5, generator=torch.Generator().manual_seed(1))
    assert between(z, z.clone()) == "nothing"
    assert between(z, z.relu()) == "a ReLU"
    assert between(z, z.sigmoid()) == "a sigmoid"
    assert between(z, z.tanh()) == "a tanh"
    assert between(z, z.softmax(dim=1)) == "a softmax"
    assert between(z, F.gelu(z)) is None
    assert between(z, z[:, :3]) is None


def test_a_trace_keeps_the_error_and_runs_in_eval_mode():
    model = nn.Sequential(nn.Linear(4, 3), nn.Dropout(0.5), nn.Linear(5, 2))
    seen = trace(model, torch.ones(2, 4))
    assert isinstance(seen.error, RuntimeError) and seen.output is None
    assert [step.output is None for step in seen.linears] == [False, True]
    assert model.training, "the model's mode is back"
