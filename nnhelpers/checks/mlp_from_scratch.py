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
    """torch's own log-softmax, logsumexp and logcumsumexp, in every place they can be
    called from."""
    import torch

    owners = (torch, torch.Tensor, torch.special, torch.nn.functional)
    names = ("log_softmax", "logsumexp", "logcumsumexp")
    return [(o, n) for o in owners for n in names if hasattr(o, n)]


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
    "write the body of stable_log_softmax(z) with max, exp, sum and log, as in the formula "
    "above, for each row of z."
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
            "your log_softmax calls torch's own log_softmax, logsumexp or logcumsumexp: build "
            "it from max, exp, sum and log."
        ) from None
    except Exception as error:  # the student's bug: one line, like run_student's
        message = first_line(error)
        if "must match the size" in message:
            message += " (keepdim=True keeps a column per row, which then subtracts row by row)"
        if "return_types" in message:
            message += " (z.max(dim=1) gives the values and their indices: take .values)"
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
            raise NotYet(
                "log_softmax(z) should return a tensor of z's shape, one log-probability per "
                f"logit; for z of shape {tuple(logits.shape)} it returned {describe(result)}."
            )
        if result.dtype != logits.dtype:
            raise NotYet(
                f"log_softmax(z) returns {result.dtype} for {logits.dtype} logits: keep z's dtype "
                "(no .double() or dtype=float64), so that the loss matches the model's parameters."
            )
        expected = torch.log_softmax(logits, dim=1)
        wrong = ~torch.isclose(result, expected, atol=1e-4).all(dim=1)
        if not wrong.any():
            continue
        row = int(wrong.nonzero()[0])
        raise NotYet(
            f"for the logits {rounded(logits[row])} your log_softmax gives "
            f"{rounded(result[row])}, not {rounded(expected[row])}: "
            + softmax_hint(result, logits, kind)
        )
    return "your log_softmax matches torch's, even where softmax underflows or exp overflows."


def rounded(row) -> list[float]:
    """A row of a tensor as a short list for a hint."""
    return [round(v, 2) for v in row.tolist()]


def softmax_hint(result, logits, kind: str) -> str:
    """What a wrong log-softmax of ``logits`` (a case of ``kind``) was seen to compute."""
    import torch

    z = logits
    m = z.max(dim=1, keepdim=True).values

    def same(other) -> bool:
        return torch.allclose(result, other, atol=1e-4, equal_nan=True)

    if same(z - (z - m).exp().sum(dim=1, keepdim=True).log()):
        return (
            "the m subtracted inside the exp must come off outside too (log Σ e^(z-m) is m less)."
        )
    if same(torch.softmax(z, dim=1)):
        return "these are the probabilities; take their logarithm the stable way."
    if same(z - z.max() - (z - z.max()).exp().sum(dim=1, keepdim=True).log()):
        return "you subtracted the largest logit of the whole batch: take each row's own maximum."
    if same(z - m - (z - m).exp().sum().log()):
        return "the sum runs over the whole batch: sum each row (dim=1, keepdim=True)."
    if result.shape[0] != result.shape[1] and same(torch.log_softmax(z, dim=0)):
        return "you normalised over dim=0 (the batch): sum over dim=1 (the classes)."
    if kind == "underflow" and torch.isneginf(result).any():
        return (
            "e^-200 underflows to 0 in float32, and log(0) = -inf. Never take the log of a "
            "probability: work with z - m directly."
        )
    if not torch.isfinite(result).all():
        return (
            "exp of a large number overflows to inf in float32 (above 88.7). Subtract each "
            "row's maximum before exp, so that every exponent is at most 0."
        )
    return "row by row, log_softmax(z) = z - m - log(Σ exp(z - m)), with m the row's maximum."


EVALUATION_IMAGES, EVALUATION_BATCH = 401, 100
"""How many images ``evaluate`` is tried on, and in batches of how many: a number no
notebook's dataset has, so that only a division by ``len(loader.dataset)`` gets it right,
and a last batch of a single image, which averaging the batch averages weighs 100 times
too much."""


def evaluation_loader():
    """The loader ``evaluate`` is tried on: the first 401 test images of the MNIST sample in
    batches of 100 (``EVALUATION_IMAGES``)."""
    from torch.utils.data import DataLoader, Subset
    from torchvision.datasets import MNIST
    from torchvision.transforms import ToTensor

    from nnhelpers.data import SAMPLE_ROOT

    images = MNIST(root=SAMPLE_ROOT, train=False, transform=ToTensor())
    return DataLoader(Subset(images, range(EVALUATION_IMAGES)), batch_size=EVALUATION_BATCH)


@check(
    todo={
        "evaluate": "write the body of evaluate(model, loader): the model's mean loss and its "
        "accuracy over every image of the loader."
    }
)
def check_evaluate(evaluate, model, params) -> str:
    """Check exercise 2: ``evaluate(model, loader)`` returns ``model``'s mean cross-entropy
    and its accuracy (a fraction) over every image of ``loader``, as two plain numbers, and
    leaves the model's ``params`` as they were.

    It is tried on 401 test images of the MNIST sample in batches of 100.
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
    correct = (logits.argmax(dim=1) == targets).sum().item()
    true_accuracy = correct / len(targets)
    if close(loss, true_loss) and close(accuracy, true_accuracy):
        return "evaluate gives the exact mean loss and accuracy over every image."
    raise NotYet(evaluate_hint(loss, accuracy, batches, correct))


def close(a: float, b: float) -> bool:
    """Equal up to rounding (relative 1e-4)."""
    return abs(a - b) <= 1e-4 * max(1.0, abs(b))


def slip(got, right, slipped) -> bool:
    """Whether each number ``got`` is either ``right`` or ``slipped`` (its value after one
    slip), and one at least is ``slipped``: a slip in the loss alone, the accuracy alone, or
    both."""
    pairs = list(zip(got, right, slipped))
    return all(close(g, r) or close(g, s) for g, r, s in pairs) and any(
        close(g, s) and not close(g, r) for g, r, s in pairs
    )


def evaluate_hint(loss: float, accuracy: float, batches: list, correct: int) -> str:
    """What a wrong (loss, accuracy) from ``evaluate`` was seen to be, from the model's
    ``batches`` of (logits, labels)."""
    import torch
    import torch.nn.functional as F

    def numbers(logits, y) -> tuple[float, float]:
        return F.cross_entropy(logits, y).item(), (logits.argmax(1) == y).float().mean().item()

    logits, labels = torch.cat([b[0] for b in batches]), torch.cat([b[1] for b in batches])
    n_images, n_batches = len(labels), len(batches)
    true_loss, true_accuracy = F.cross_entropy(logits, labels).item(), correct / n_images
    each = [numbers(*batch) for batch in batches]
    mean_of_means = [sum(v[i] for v in each) / n_batches for i in (0, 1)]
    on_probabilities = F.cross_entropy(F.softmax(logits, dim=1), labels).item()
    seen = [
        (
            close(loss, true_accuracy) and close(accuracy, true_loss),
            "loss and accuracy are swapped: return (loss, accuracy) in that order.",
        ),
        (
            close(accuracy, 100 * true_accuracy),
            "the accuracy is in percent: return it as a fraction between 0 and 1.",
        ),
        (
            close(accuracy, correct),
            f"the accuracy is {accuracy:g}, the number of right answers: divide it by the "
            "number of images.",
        ),
        (
            close(accuracy, correct / n_batches) or close(loss, true_loss * n_images / n_batches),
            "you divided by the number of batches: divide by the number of images.",
        ),
        (
            close(loss, each[0][0]) and close(accuracy, each[0][1]),
            "these are the numbers of the first batch alone: add up over every batch.",
        ),
        (
            close(loss, each[-1][0]) and close(accuracy, each[-1][1]),
            "these are the numbers of the last batch alone: add up over every batch (+=).",
        ),
        (
            slip((loss, accuracy), (true_loss, true_accuracy), mean_of_means),
            "you averaged the batch averages, but the last batch is smaller (1 of 401 images): "
            "weight each batch by its size, then divide by the number of images.",
        ),
        (
            slip(
                (loss, accuracy),
                (true_loss, true_accuracy),
                [n_batches * v / n_images for v in mean_of_means],
            ),
            "you added up each batch's mean and divided by the number of images: multiply each "
            "batch's mean by its size (len(y)) before adding it up.",
        ),
        (
            close(loss, on_probabilities),
            "the loss was computed on probabilities (after a softmax): the cross-entropy "
            "takes the logits.",
        ),
    ]
    for observed, hint in seen:
        if observed:
            return hint
    return (
        f"evaluate(model, loader) gave loss {loss:.4f} and accuracy {accuracy:.4f}; the model's "
        f"are {true_loss:.4f} and {true_accuracy:.4f} on that loader: use the model and the "
        "loader given as arguments, and every image of the loader once."
    )
