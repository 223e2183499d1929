"""Checks for the exercises of notebook 03, *Deep learning à la torch*."""

from nnhelpers.checks.models import last_layer_run, linear_sizes, logits_hint, trailing_activation
from nnhelpers.checks.verdict import NotYet, check, evaluating, first_line, run_student


def parameter_count_cases() -> list[tuple[str, object, int]]:
    """Models ``count_parameters`` is tried on: (name, model, number of parameters)."""
    from torch import nn

    mlp = nn.Sequential(
        nn.Flatten(), nn.Linear(784, 500), nn.ReLU(), nn.Linear(500, 10, bias=False)
    )
    cnn = nn.Sequential(nn.Conv2d(1, 4, 3), nn.Flatten(), nn.Linear(4 * 26 * 26, 2))
    return [
        ("nn.Linear(784, 500)", nn.Linear(784, 500), 784 * 500 + 500),
        ("an MLP like FullyConnected", mlp, 784 * 500 + 500 + 500 * 10),
        ("a small CNN", cnn, (4 * 9 + 4) + (4 * 26 * 26 * 2 + 2)),
    ]


@check(
    todo={
        "count_parameters": "write the body of count_parameters(model): add up how many numbers "
        "each of model.parameters() holds."
    }
)
def check_count_parameters(count_parameters) -> str:
    """Check exercise 1: ``count_parameters(model)``, how many numbers an ``nn.Module``
    learns, tried on a linear layer, this notebook's MLP and a small CNN."""
    for name, model, expected in parameter_count_cases():
        result = run_student("count_parameters(model)", count_parameters, model)
        if result is None:
            raise NotYet("count_parameters(model) returns None: end it with `return ...`.")
        if result == expected:
            continue
        tensors = list(model.parameters())
        if result == len(tensors):
            raise NotYet(
                f"you counted {result} parameter tensors; count the numbers in them: p.numel()."
            )
        if result == sum(p.numel() for p in tensors if p.dim() > 1):
            raise NotYet("you counted the weights only: the biases are parameters too.")
        if result == sum(len(p) for p in tensors):
            raise NotYet(
                "len(p) counts only the rows of a parameter tensor: p.numel() counts all its "
                "numbers."
            )
        raise NotYet(f"for {name} you count {result}, but it has {expected:,} parameters.")
    return "count_parameters is right: FullyConnected learns 397,500 numbers."


DEEPER_SIZES = [784, 256, 128, 10]
"""Exercise 2: the layer sizes of the deeper MLP."""


@check(
    todo={
        "model": "replace the ... of deeper with nn.Sequential(nn.Flatten(), nn.Linear(784, 256), "
        "nn.ReLU(), ...), ending with the Linear layer that makes the 10 logits."
    }
)
def check_deeper_model(model) -> str:
    """Check exercise 2: an MLP 784-256-128-10 with a ReLU after each hidden layer that takes
    a batch of MNIST images and returns logits.

    Any structure is fine (``nn.Sequential``, nested ones, a class of one's own); the check
    looks at the layers and at what the model computes.
    """
    import torch
    from torch import nn

    if not isinstance(model, nn.Module):
        raise NotYet(
            f"deeper is a {type(model).__name__}: build it with nn.Sequential(...), one layer "
            "after the other."
        )
    sizes = linear_sizes(model)
    if sizes != DEEPER_SIZES:
        raise NotYet(f"the Linear layers go {sizes or 'nowhere'}; they should go {DEEPER_SIZES}.")
    images = torch.rand(16, 1, 28, 28, generator=torch.Generator().manual_seed(0))
    try:
        with evaluating(model):
            logits, last, ran = last_layer_run(model, images)
    except Exception as error:  # the student's bug, with what it most likely means
        message = first_line(error)
        if "cannot be multiplied" in message:
            raise NotYet(
                f"the model fails on a batch of images of shape (16, 1, 28, 28) ({message}): "
                "start it with nn.Flatten(), which makes each image a row of 784 numbers."
            ) from None
        raise NotYet(f"deeper(images) raised {type(error).__name__}: {message}") from None
    if not isinstance(logits, torch.Tensor) or tuple(logits.shape) != (16, 10):
        shape = tuple(logits.shape) if isinstance(logits, torch.Tensor) else type(logits).__name__
        raise NotYet(f"for 16 images the model returns {shape}, not (16, 10): a logit per digit.")
    activation = trailing_activation(logits, last)
    if activation:
        raise NotYet(logits_hint(activation, "F.cross_entropy"))
    relus = sum(isinstance(m, nn.ReLU) for m in ran)
    if relus == 1:
        raise NotYet(
            "there is one ReLU, but two hidden layers: put an nn.ReLU() after each of them, or "
            "the last two Linear layers add up to a single linear map."
        )
    if relus == 0:
        with evaluating(model):
            halfway = model(images[:8]) + model(images[8:]) - model(torch.zeros(8, 1, 28, 28))
            linear = torch.allclose(halfway, model(images[:8] + images[8:]), atol=1e-4)
        if linear:
            raise NotYet(
                "put an nn.ReLU() after each hidden Linear layer: without them the three layers "
                "add up to a single linear map."
            )
    expected = sum(n_in * n_out + n_out for n_in, n_out in zip(DEEPER_SIZES, DEEPER_SIZES[1:]))
    n_parameters = sum(p.numel() for p in model.parameters())
    if n_parameters != expected:
        raise NotYet(
            f"the model has {n_parameters:,} parameters, not {expected:,}: give every Linear "
            "layer its bias."
        )
    return f"your deeper MLP takes images and returns logits; it learns {n_parameters:,} numbers."
