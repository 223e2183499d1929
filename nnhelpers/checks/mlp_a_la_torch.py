"""Checks for the exercises of notebook 03, *Deep learning à la torch*."""

from nnhelpers.checks.models import judge_mlp, unmade_kept
from nnhelpers.checks.values import number
from nnhelpers.checks.verdict import NotYet, check, run_student


def parameter_count_cases() -> list[tuple[str, object, int]]:
    """Models ``count_parameters`` is tried on: (name, model, number of parameters): an MLP
    like ``FullyConnected`` (its last layer without bias), a single layer, and a small CNN
    with batch normalisation (whose running statistics are buffers, not parameters)."""
    from torch import nn

    mlp = nn.Sequential(
        nn.Flatten(), nn.Linear(784, 500), nn.ReLU(), nn.Linear(500, 10, bias=False)
    )
    cnn = nn.Sequential(
        nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4), nn.Flatten(), nn.Linear(4 * 26 * 26, 2)
    )
    return [
        ("an MLP like FullyConnected", mlp, 784 * 500 + 500 + 500 * 10),
        ("nn.Linear(784, 500)", nn.Linear(784, 500), 784 * 500 + 500),
        ("a small CNN", cnn, (4 * 9 + 4) + (4 + 4) + (4 * 26 * 26 * 2 + 2)),
    ]


def count_hint(result: float, model, expected: int, name: str) -> str:
    """Why ``count_parameters`` gave ``result`` instead of ``expected`` for ``model``."""
    tensors = list(model.parameters())
    counts = {
        "tensors": len(tensors),
        "weights": sum(p.numel() for p in tensors if p.dim() > 1),
        "first": tensors[0].numel(),
        "rows": sum(len(p) for p in tensors),
        "state": sum(t.numel() for t in model.state_dict().values()),
        "twice": sum(p.numel() for m in model.modules() for p in m.parameters()),
    }
    hints = {
        "tensors": f"you counted {result:g} parameter tensors; count the numbers in them.",
        "weights": "you counted the weights only: the biases are parameters too.",
        "first": "you counted only the first parameter tensor: add up all of them.",
        "rows": "len(p) counts only the rows of a parameter tensor; count all its numbers.",
        "state": "you counted the buffers too (the running statistics of batch normalisation "
        "in state_dict()): count model.parameters() only.",
        "twice": "some parameters are counted more than once: model.modules() yields the model "
        "and its blocks too, and each one's parameters() already holds its layers'.",
    }
    for kind, count in counts.items():
        if result == count != expected:
            return hints[kind]
    if result == 397_500:
        return (
            f"for {name} you count 397,500, the count of the notebook's own model: count the "
            "model given as the argument."
        )
    return f"for {name} you count {result:g}, but it has {expected:,} parameters."


@check(
    todo={
        "count_parameters": "write the body of count_parameters(model): how many numbers all "
        "of the model's parameter tensors hold together."
    }
)
def check_count_parameters(count_parameters) -> str:
    """Check exercise 1: ``count_parameters(model)``, how many numbers an ``nn.Module``
    learns, tried on an MLP like this notebook's, a linear layer and a small CNN, and
    leaving each as it was."""
    for name, model, expected in parameter_count_cases():
        shapes = [p.shape for p in model.parameters()]
        result = run_student("count_parameters(model)", count_parameters, model)
        if [p.shape for p in model.parameters()] != shapes:
            raise NotYet("count_parameters changed the model's parameters: only count them.")
        if result is None:
            raise NotYet("count_parameters(model) returns None: end it with `return ...`.")
        result = number(result, "count_parameters(model)")
        if result != expected:
            raise NotYet(count_hint(result, model, expected, name))
    return "count_parameters is right: FullyConnected learns 397,500 numbers."


DEEPER_SIZES = [784, 256, 128, 10]
"""Exercise 2: the layer sizes of the deeper MLP."""


@check(todo={"model": "replace the ... of deeper with the network, built with nn.Sequential."})
def check_deeper_model(model) -> str:
    """Check exercise 2: a network whose linear layers go 784 -> 256 -> 128 -> 10 with a ReLU
    after each hidden layer, that takes a batch of MNIST images and returns logits.

    Any structure is fine (``nn.Sequential``, nested ones, a class of one's own, ``F.relu``,
    lazy layers, with or without biases): the check watches what the model computes
    (``nnhelpers.checks.models``).
    """
    import torch

    images = torch.rand(16, 1, 28, 28, generator=torch.Generator().manual_seed(0))
    judge_mlp(model, images, DEEPER_SIZES, "deeper", "F.cross_entropy")
    counted = unmade_kept(model)
    if counted is not model:  # lazy layers: count them on a copy that has seen a batch
        with torch.no_grad():
            counted(images)
    n_parameters = sum(p.numel() for p in counted.parameters())
    return f"your deeper MLP takes images and returns logits; it learns {n_parameters:,} numbers."
