"""Checks for the exercises of notebook 03, *Deep learning à la torch*."""

from nnhelpers.checks.verdict import NotYet, check, run_student


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


@check
def check_count_parameters(count_parameters) -> str:
    """Check exercise 1: ``count_parameters(model)``, how many numbers an ``nn.Module``
    learns, tried on a linear layer, this notebook's MLP and a small CNN."""
    for name, model, expected in parameter_count_cases():
        result = run_student("count_parameters(model)", count_parameters, model)
        if result == expected:
            continue
        tensors = list(model.parameters())
        if result == len(tensors):
            raise NotYet(
                f"you counted {result} parameter tensors; count the numbers in them: p.numel()."
            )
        if result == sum(p.numel() for p in tensors if p.dim() > 1):
            raise NotYet("you counted the weights only: the biases are parameters too.")
        raise NotYet(f"for {name} you count {result}, but it has {expected:,} parameters.")
    return "count_parameters is right: FullyConnected learns 397,500 numbers."


DEEPER_SIZES = [784, 256, 128, 10]
"""Exercise 2: the layer sizes of the deeper MLP."""


@check
def check_deeper_model(model) -> str:
    """Check exercise 2: an ``nn.Sequential`` MLP 784-256-128-10 with ReLUs that takes a
    batch of MNIST images and returns logits."""
    import torch
    from torch import nn

    if not isinstance(model, nn.Sequential):
        raise NotYet("build the model with nn.Sequential(...), one layer after the other.")
    linears = [m for m in model if isinstance(m, nn.Linear)]
    sizes = [linears[0].in_features, *(m.out_features for m in linears)] if linears else []
    if sizes != DEEPER_SIZES:
        raise NotYet(f"the Linear layers go {sizes or 'nowhere'}; they should go {DEEPER_SIZES}.")
    activations = [m for m in model if type(m).__module__ == "torch.nn.modules.activation"]
    if isinstance(model[-1], (nn.Softmax, nn.LogSoftmax)):
        raise NotYet(
            "end with the last Linear layer: the model returns logits, and F.cross_entropy "
            "applies the (log-)softmax itself."
        )
    if len(activations) < 2:
        raise NotYet(
            "put an nn.ReLU() after each hidden Linear layer: without them the three layers "
            "add up to a single linear map."
        )
    images = torch.rand(3, 1, 28, 28)
    try:
        with torch.no_grad():
            logits = model(images)
    except RuntimeError as error:
        raise NotYet(
            f"the model fails on a batch of images of shape (3, 1, 28, 28) ({error}): "
            "start it with nn.Flatten()."
        ) from None
    if tuple(logits.shape) != (3, 10):
        raise NotYet(f"for 3 images the model returns shape {tuple(logits.shape)}, not (3, 10).")
    expected = sum(n_in * n_out + n_out for n_in, n_out in zip(DEEPER_SIZES, DEEPER_SIZES[1:]))
    n_parameters = sum(p.numel() for p in model.parameters())
    if n_parameters != expected:
        raise NotYet(
            f"the model has {n_parameters:,} parameters, not {expected:,}: give every Linear "
            "layer its bias."
        )
    return "your deeper MLP takes images and returns logits; it learns 235,146 numbers."
