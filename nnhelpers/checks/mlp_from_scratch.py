"""Checks for the exercises of notebook 02, *A fully connected network from scratch*."""

import contextlib
from unittest import mock

from nnhelpers.checks.verdict import NotYet, check, run_student


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


def large_logits():
    """Logits as large as a badly scaled network can produce: exp() of them overflows."""
    import torch

    return torch.tensor([[1000.0, 0.0, -1000.0], [-500.0, -500.0, -500.0], [90.0, 100.0, 80.0]])


def ordinary_logits():
    """A batch of 6 ordinary logit vectors over 10 classes (seeded)."""
    import torch

    return 3 * torch.randn(6, 10, generator=torch.Generator().manual_seed(0))


@check
def check_log_softmax(log_softmax) -> str:
    """Check exercise 1: a hand-written, numerically stable ``log_softmax(z)`` over dim 1 of
    a batch of logits, compared with ``torch.log_softmax`` on ordinary logits and on logits
    of ±1000, without calling torch's own log_softmax or logsumexp."""
    import torch

    for logits, kind in ((ordinary_logits(), "ordinary"), (large_logits(), "large")):
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
            raise NotYet(f"log_softmax(z) raised {type(error).__name__}: {error}") from None
        if not isinstance(result, torch.Tensor) or result.shape != logits.shape:
            raise NotYet(
                "log_softmax(z) should return a tensor of z's shape, one log-probability per logit."
            )
        if not torch.equal(z, logits):
            raise NotYet(
                "log_softmax(z) changed z in place (z -= ...): compute a new tensor instead."
            )
        if kind == "large" and not torch.isfinite(result).all():
            raise NotYet(
                f"log_softmax gives {result[0].tolist()} for the logits {logits[0].tolist()}: "
                "exp(1000) overflows. Subtract each row's maximum before exp (the max trick)."
            )
        if torch.allclose(result, torch.log_softmax(logits, dim=1), atol=1e-4):
            continue
        if torch.allclose(result, torch.log_softmax(logits, dim=0), atol=1e-4):
            raise NotYet(
                "you normalised over dim=0 (the batch): sum over dim=1 (the classes), keepdim=True."
            )
        raise NotYet(
            f"for {kind} logits your values differ from torch.log_softmax. Row by row: "
            "log_softmax(z) = z - m - log(Σ exp(z - m)), with m the row's maximum."
        )
    return "your log_softmax matches torch's, even for logits of ±1000."


def evaluation_loader():
    """The loader ``evaluate`` is tried on: the MNIST sample's 500 test images in batches of
    128, so that the last batch (116 images) is smaller than the others."""
    from torch.utils.data import DataLoader
    from torchvision.datasets import MNIST
    from torchvision.transforms import ToTensor

    from nnhelpers.data import SAMPLE_ROOT

    return DataLoader(MNIST(root=SAMPLE_ROOT, train=False, transform=ToTensor()), batch_size=128)


@check
def check_evaluate(evaluate, model) -> str:
    """Check exercise 2: ``evaluate(loader)`` returns ``model``'s mean cross-entropy and its
    accuracy (a fraction) over every image of ``loader``.

    It is tried on the MNIST sample's 500 test images in batches of 128.
    """
    import torch
    import torch.nn.functional as F

    loader = evaluation_loader()
    result = run_student("evaluate(loader)", evaluate, loader)
    if not isinstance(result, tuple) or len(result) != 2:
        raise NotYet("evaluate(loader) should return two numbers: (mean loss, accuracy).")
    if any(isinstance(v, torch.Tensor) and v.requires_grad for v in result):
        raise NotYet(
            "evaluate builds a graph that nobody uses: compute inside `with torch.no_grad():` "
            "and return floats."
        )
    try:
        loss, accuracy = (float(v) for v in result)
    except (TypeError, ValueError, RuntimeError):
        raise NotYet(
            f"evaluate(loader) returned {result!r}: return two plain numbers, e.g. with .item()."
        ) from None
    with torch.no_grad():
        batches = [(model(x), y) for x, y in loader]
    logits, targets = torch.cat([b[0] for b in batches]), torch.cat([b[1] for b in batches])
    true_loss = F.cross_entropy(logits, targets).item()
    true_accuracy = (logits.argmax(dim=1) == targets).float().mean().item()
    batch_losses = sum(F.cross_entropy(lg, y).item() for lg, y in batches) / len(batches)
    batch_accuracies = sum((lg.argmax(1) == y).float().mean().item() for lg, y in batches) / len(
        batches
    )

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
            "number of images."
        )
    raise NotYet(
        f"evaluate(loader) gave loss {loss:.4f} and accuracy {accuracy:.4f}; the model's are "
        f"{true_loss:.4f} and {true_accuracy:.4f} on that loader. Loop over the loader you are "
        "given, and weight each batch by its size."
    )
