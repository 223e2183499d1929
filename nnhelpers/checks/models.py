"""What the checks of notebooks 03 and 05 look for in a student's model, whatever its
structure (``nn.Sequential``, nested ones, or a class of one's own)."""

from typing import Any

ACTIVATION_NAMES = {
    "ReLU": "a ReLU",
    "Softmax": "a softmax",
    "LogSoftmax": "a log-softmax",
    "Sigmoid": "a sigmoid",
    "Tanh": "a tanh",
}


def linear_sizes(model: Any) -> list[int]:
    """The sizes a model's ``nn.Linear`` layers go through, in the order they were made:
    ``[784, 256, 128, 10]`` for 784 -> 256 -> 128 -> 10 (empty without Linear layers)."""
    from torch import nn

    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    return [linears[0].in_features, *(m.out_features for m in linears)] if linears else []


def last_layer_run(model: Any, batch: Any) -> tuple[Any, Any, list[Any]]:
    """Run ``model`` on ``batch``; return its output, the last leaf module that ran if it
    produced the output (else None), and every leaf module that ran, in order."""
    calls: list[Any] = []
    hooks = [
        m.register_forward_hook(lambda module, args, output: calls.append((module, output)))
        for m in model.modules()
        if not list(m.children())
    ]
    try:
        output = model(batch)
    finally:
        for hook in hooks:
            hook.remove()
    last = calls[-1][0] if calls and calls[-1][1] is output else None
    return output, last, [module for module, _ in calls]


def trailing_activation(output: Any, last_module: Any) -> str | None:
    """What comes after the logits, if anything: ``"a softmax"``, ``"a ReLU"``, ... or None.

    The last module that ran says it when it is an activation; otherwise the output does
    (rows that sum to 1 are probabilities, rows whose exponentials sum to 1 are
    log-probabilities, a batch with no negative number went through a ReLU), which also
    catches ``F.softmax`` or ``F.relu`` called in a ``forward`` of one's own.
    """
    import torch

    if last_module is not None and type(last_module).__name__ in ACTIVATION_NAMES:
        return ACTIVATION_NAMES[type(last_module).__name__]
    output = output.detach().double()
    if output.numel() < 6:
        return None
    if torch.allclose(output.sum(dim=1), torch.ones(len(output), dtype=output.dtype)):
        if (output >= 0).all():
            return "a softmax"
    if torch.allclose(output.exp().sum(dim=1), torch.ones(len(output), dtype=output.dtype)):
        return "a log-softmax"
    if (output >= 0).all() and (output == 0).any():
        return "a ReLU"
    return None


def logits_hint(activation: str, loss: str) -> str:
    """The hint for a model that ends with ``activation`` instead of returning logits."""
    return (
        f"the model ends with {activation}, so it does not return logits: end with the last "
        f"Linear layer. {loss} applies the (log-)softmax itself, and the logits must be free "
        "to be negative."
    )
