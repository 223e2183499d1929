"""Checks for the exercises of notebook 02, *A fully connected network from scratch*."""

import contextlib
from unittest import mock

from nnhelpers.checks.values import describe, number
from nnhelpers.checks.verdict import NotYet, check, first_line, run_student


class Shortcut(Exception):
    """Raised when an exercise's answer calls the library function it should replace."""


def forbidding(functions: list[tuple[object, str]]) -> contextlib.ExitStack:
    """A context in which calling any ``getattr(owner, name)`` of ``functions`` raises
    ``Shortcut``, so that a check can tell a hand-written answer from a call to the library
    function it replaces."""

    def refuse(*args, **kwargs):
        raise Shortcut

    stack = contextlib.ExitStack()
    for owner, name in functions:
        stack.enter_context(mock.patch.object(owner, name, refuse))
    return stack


def log_softmax_functions() -> list[tuple[object, str]]:
    """torch's own log-softmax and logsumexp, in every place they can be called from."""
    import torch

    owners = (torch, torch.Tensor, torch.special, torch.nn.functional)
    return [(o, n) for o in owners for n in ("log_softmax", "logsumexp") if hasattr(o, n)]


def ordinary_logits():
    """A batch of 6 ordinary logit vectors over 10 classes (seeded)."""
    import torch

    return 3 * torch.randn(6, 10, generator=torch.Generator().manual_seed(0))


def underflow_logits():
    """Logits whose softmax has entries too small for float32 (e^-200 rounds to 0), yet no
    exp of them overflows: only ``log(softmax(z))`` fails on them, with ``-inf``."""
    import torch

    return torch.tensor([[0.0, -200.0, -5.0], [-300.0, 0.0, 1.0]])


def overflow_logits():
    """Logits as large as a badly scaled network can produce: exp() of them overflows
    (it is ``inf`` above 88.7 in float32), unless each row's maximum is subtracted first."""
    import torch

    return torch.tensor([[1000.0, 0.0, -1000.0], [-500.0, -500.0, -500.0], [90.0, 100.0, 80.0]])


LOG_SOFTMAX_TODO = (
    "write the body of stable_log_softmax(z): subtract each row's maximum m, then return "
    "z - m - log(Σ exp(z - m)), summing over dim=1."
)


def call_log_softmax(log_softmax, logits):
    """The student's ``log_softmax`` on a copy of ``logits``, with torch's own forbidden."""
    import torch

    z = logits.clone()
    try:
        with forbidding(log_softmax_functions()):
            result = log_softmax(z)
    except Shortcut:
        raise NotYet(
            "your log_softmax calls torch's own log_softmax or logsumexp: build it from "
            "max, exp, sum and log."
        ) from None
    except Exception as error:  # the student's bug: one line, like run_student's
        message = first_line(error)
        if "must match the size" in message:
            message += " (keepdim=True keeps a column per row, which then subtracts row by row)"
        raise NotYet(f"log_softmax(z) raised {type(error).__name__}: {message}") from None
    if not torch.equal(z, logits):
        raise NotYet("log_softmax(z) changed z in place (z -= ...): compute a new tensor instead.")
    return result


@check(todo={"log_softmax": LOG_SOFTMAX_TODO})
def check_log_softmax(log_softmax) -> str:
    """Check exercise 1: a hand-written, numerically stable ``log_softmax(z)`` over dim 1 of
    a batch of logits, without torch's own log_softmax or logsumexp.

    It is compared with ``torch.log_softmax`` on ordinary logits, on logits whose softmax
    underflows (the trap of ``log(softmax(z))``) and on logits whose exp overflows.
    """
    import torch

    cases = (
        ("ordinary", ordinary_logits()),
        ("underflow", underflow_logits()),
        ("overflow", overflow_logits()),
    )
    for kind, logits in cases:
        result = call_log_softmax(log_softmax, logits)
        if result is None:
            raise NotYet("log_softmax(z) returns None: end it with `return ...`.")
        if not isinstance(result, torch.Tensor) or result.shape != logits.shape:
            got = tuple(result.shape) if isinstance(result, torch.Tensor) else type(result).__name__
            raise NotYet(
                "log_softmax(z) should return a tensor of z's shape, one log-probability per "
                f"logit; for z of shape {tuple(logits.shape)} it returned {got}."
            )
        if result.dtype != logits.dtype:
            raise NotYet(
                f"log_softmax(z) returns {result.dtype} for {logits.dtype} logits: keep z's dtype "
                "(no .double() or dtype=float64), so that the loss matches the model's parameters."
            )
        expected = torch.log_softmax(logits, dim=1)
        if kind == "underflow" and torch.isneginf(result).any():
            raise NotYet(
                f"log_softmax gives {result[0].tolist()} for the logits {logits[0].tolist()}: "
                "e^-200 underflows to 0 in float32, and log(0) = -inf. Never take the log of a "
                "probability: compute z - m - log(Σ exp(z - m)) directly."
            )
        if kind == "overflow" and not torch.isfinite(result).all():
            raise NotYet(
                f"log_softmax gives {result[0].tolist()} for the logits {logits[0].tolist()}: "
                "exp(1000) overflows to inf. Subtract each row's maximum m before exp: "
                "z - m - log(Σ exp(z - m))."
            )
        if torch.allclose(result, expected, atol=1e-4):
            continue
        if result.shape[0] != result.shape[1] and torch.allclose(
            result, torch.log_softmax(logits, dim=0), atol=1e-4
        ):
            raise NotYet(
                "you normalised over dim=0 (the batch): sum over dim=1 (the classes), keepdim=True."
            )
        raise NotYet(
            f"for {kind} logits your values differ from torch.log_softmax. Row by row: "
            "log_softmax(z) = z - m - log(Σ exp(z - m)), with m the row's maximum."
        )
    return "your log_softmax matches torch's, even where softmax underflows or exp overflows."


def evaluation_loader():
    """The loader ``evaluate`` is tried on: the MNIST sample's 500 test images in batches of
    128, so that the last batch (116 images) is smaller than the others."""
    from torch.utils.data import DataLoader
    from torchvision.datasets import MNIST
    from torchvision.transforms import ToTensor

    from nnhelpers.data import SAMPLE_ROOT

    return DataLoader(MNIST(root=SAMPLE_ROOT, train=False, transform=ToTensor()), batch_size=128)


@check(
    todo={
        "evaluate": "write the body of evaluate(model, loader): add up loss × batch size and the "
        "number of correct predictions over the loader, then return both divided by the number "
        "of images."
    }
)
def check_evaluate(evaluate, model, params) -> str:
    """Check exercise 2: ``evaluate(model, loader)`` returns ``model``'s mean cross-entropy
    and its accuracy (a fraction) over every image of ``loader``, and leaves the model's
    ``params`` as they were.

    It is tried on the MNIST sample's 500 test images in batches of 128.
    """
    import torch
    import torch.nn.functional as F

    loader = evaluation_loader()
    before = [p.detach().clone() for p in params]
    result = run_student("evaluate(model, loader)", evaluate, model, loader)
    if any(not torch.equal(b, p) for b, p in zip(before, params)):
        raise NotYet(
            "evaluate(model, loader) changed the model's parameters: it should only measure "
            "the model, with no backward() and no update (the check put them back)."
        )
    if result is None:
        raise NotYet("evaluate(model, loader) returns None: end it with `return` and both numbers.")
    if isinstance(result, (str, dict)) or not hasattr(result, "__len__") or len(result) != 2:
        raise NotYet(
            f"evaluate(model, loader) returned {describe(result)}: return two numbers, the mean "
            "loss and the accuracy, in that order."
        )
    loss, accuracy = (number(v, "what evaluate returns") for v in result)
    with torch.no_grad():
        batches = [(model(x), y) for x, y in loader]
    logits, targets = torch.cat([b[0] for b in batches]), torch.cat([b[1] for b in batches])
    true_loss = F.cross_entropy(logits, targets).item()
    true_accuracy = (logits.argmax(dim=1) == targets).float().mean().item()
    n_batches = len(batches)
    batch_losses = sum(F.cross_entropy(lg, y).item() for lg, y in batches) / n_batches
    batch_accuracies = sum((lg.argmax(1) == y).float().mean().item() for lg, y in batches)
    batch_accuracies /= n_batches

    def close(a: float, b: float) -> bool:
        return abs(a - b) <= 1e-4 * max(1.0, abs(b))

    if close(loss, true_loss) and close(accuracy, true_accuracy):
        return "evaluate gives the exact mean loss and accuracy over every image."
    if close(loss, true_accuracy) and close(accuracy, true_loss):
        raise NotYet("loss and accuracy are swapped: return (loss, accuracy) in that order.")
    if close(accuracy, 100 * true_accuracy):
        raise NotYet("the accuracy is in percent: return it as a fraction between 0 and 1.")
    if close(loss, batch_losses) or close(accuracy, batch_accuracies):
        raise NotYet(
            "you averaged the batch averages, but the last batch is smaller (116 of 500 images): "
            "add up loss × batch size and the number of correct predictions, then divide by the "
            "number of images, len(loader.dataset)."
        )
    raise NotYet(
        f"evaluate(model, loader) gave loss {loss:.4f} and accuracy {accuracy:.4f}; the model's "
        f"are {true_loss:.4f} and {true_accuracy:.4f} on that loader. Loop over the loader and "
        "the model you are given, and weight each batch by its size."
    )
