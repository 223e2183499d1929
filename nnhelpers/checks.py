"""Auto-checks students call after an exercise: a friendly pass or a hint, never a traceback.

Every check prints one line starting with ✅ (passed) or ❌ (not yet, with a hint) and
returns nothing, so a check cell's output is only that line.
"""

from collections.abc import Iterator
from contextlib import contextmanager


def report(hint: str | None, success: str) -> None:
    """Print the outcome of a check: ``success`` if there is no ``hint`` (it passed), else
    the hint."""
    print(f"❌ Not yet: {hint}" if hint else f"✅ {success}")


@contextmanager
def evaluating(model) -> Iterator[None]:
    """Run a student's model in eval mode without gradients, then restore its mode, so that
    a check changes nothing (e.g. batch-norm statistics)."""
    import torch

    training = model.training
    model.eval()
    try:
        with torch.no_grad():
            yield
    finally:
        model.train(training)


# --- 01 Autograd basics -----------------------------------------------------------------

GRADIENT_W = [0.5, -1.0, 2.0]
"""Exercise 1 of notebook 01: the starting ``w`` of L = Σ (w_i x_i)²."""
GRADIENT_X = [1.0, 2.0, 3.0]
"""Exercise 1 of notebook 01: the ``x`` of L = Σ (w_i x_i)²."""


def _gradient_hint(grad_by_hand, w) -> str | None:
    """What is wrong in exercise 1 of notebook 01, or None if nothing is."""
    import torch

    expected = 2 * torch.tensor(GRADIENT_W) * torch.tensor(GRADIENT_X) ** 2
    if not isinstance(grad_by_hand, torch.Tensor) or grad_by_hand.shape != expected.shape:
        return "grad_by_hand should be a tensor with one entry per entry of w (3 in all)."
    if not isinstance(w, torch.Tensor) or not torch.equal(w.detach(), torch.tensor(GRADIENT_W)):
        return f"w should still be the tensor {GRADIENT_W} made above: run that cell again, then yours."
    if w.grad is not None and grad_by_hand.data_ptr() == w.grad.data_ptr():
        return "grad_by_hand is w.grad itself: work it out as a formula in w and x instead."
    if not torch.allclose(grad_by_hand.detach().float(), expected):
        return (
            f"grad_by_hand is {grad_by_hand.tolist()}, which is not ∂L/∂w. Differentiate "
            "(w_i·x_i)² with respect to w_i using the chain rule."
        )
    if w.grad is None:
        return "w.grad is None: build L from w and x, then call L.backward()."
    times = (w.grad / expected).round()
    if torch.allclose(w.grad, times[0] * expected) and times[0] >= 2:
        n = int(times[0])
        return (
            f"w.grad is {n} times ∂L/∂w: backward ran {n} times and the gradients added up. "
            "Run the cell that creates w again, then yours once."
        )
    if not torch.allclose(w.grad, expected):
        return f"w.grad is {w.grad.tolist()}, but it should equal grad_by_hand."
    return None


def check_gradient(grad_by_hand, w) -> None:
    """Check exercise 1 of notebook 01: ∂L/∂w of L = Σ (w_i x_i)², by hand and by autograd.

    ``grad_by_hand`` is the student's formula evaluated at the exercise's ``w`` and ``x``;
    ``w`` is the leaf tensor whose ``.grad`` ``L.backward()`` filled in.
    """
    hint = _gradient_hint(grad_by_hand, w)
    gradient = [2 * wi * xi**2 for wi, xi in zip(GRADIENT_W, GRADIENT_X)]
    report(hint, f"By hand and by autograd alike: ∂L/∂w = {gradient}.")


DESCENT_TARGET = [3.0, -1.0]
"""Exercise 2 of notebook 01: the minimum of L(w) = Σ (w_i - t_i)²."""
DESCENT_LR = 0.1
DESCENT_STEPS = 3


def descent(steps: int, reset_gradient: bool = True) -> list[float]:
    """Where ``steps`` steps of gradient descent on Σ (w_i - t_i)² lead from w = 0, computed
    without autograd; with ``reset_gradient=False`` the gradients add up from step to step,
    as they do when one forgets to reset ``w.grad``."""
    w, grad = [0.0 for _ in DESCENT_TARGET], [0.0 for _ in DESCENT_TARGET]
    for _ in range(steps):
        new = [2 * (wi - ti) for wi, ti in zip(w, DESCENT_TARGET)]
        grad = [g + n for g, n in zip(grad, new)] if not reset_gradient else new
        w = [wi - DESCENT_LR * g for wi, g in zip(w, grad)]
    return w


def _descent_hint(w) -> str | None:
    """What is wrong in exercise 2 of notebook 01, or None if nothing is."""
    import torch

    if not isinstance(w, torch.Tensor) or w.shape != (len(DESCENT_TARGET),):
        return "w should be the tensor of 2 numbers made above, updated in place."

    def close(values: list[float]) -> bool:
        return torch.allclose(w.detach().float(), torch.tensor(values), atol=1e-4)

    if close(descent(DESCENT_STEPS)):
        return None
    for steps in range(2, 13):
        if close(descent(steps, reset_gradient=False)):
            return (
                f"w is where {steps} steps lead when the gradients add up: reset w.grad "
                "(w.grad.zero_() or w.grad = None) after each update. Then run the cell that "
                "creates w again, and yours."
            )
    if close(descent(0)):
        return "w has not moved: in each step update it in place, with torch.no_grad(): w -= lr * w.grad."
    for steps in range(1, 13):
        if close(descent(steps)):
            return (
                f"w is where {steps} steps lead, not {DESCENT_STEPS}: run the cell that creates w "
                "again, then yours once."
            )
    return (
        f"w is {w.tolist()}, not where {DESCENT_STEPS} steps of gradient descent lead. Each step: "
        "L = ((w - t) ** 2).sum(), L.backward(), w -= lr * w.grad (inside torch.no_grad()), reset w.grad."
    )


def check_descent(w) -> None:
    """Check exercise 2 of notebook 01: ``w`` after 3 steps of gradient descent (lr 0.1) on
    L(w) = Σ (w_i - t_i)² from w = 0, resetting the gradient after each step."""
    hint = _descent_hint(w)
    share = 1 - (1 - 2 * DESCENT_LR) ** DESCENT_STEPS  # each step covers 20% of what is left
    result = [round(v, 4) for v in descent(DESCENT_STEPS)]
    report(hint, f"w = {result}: {share:.1%} of the way to the target {DESCENT_TARGET}.")


# --- 02 An MLP from scratch -------------------------------------------------------------


class _Shortcut(Exception):
    """Raised when an exercise's answer calls the library function it should replace."""


def _forbidden(functions: list[tuple[object, str]]):
    """A context manager in which calling any ``getattr(owner, name)`` of ``functions``
    raises ``_Shortcut``, so that a check can tell a hand-written answer from a call to
    the library function it replaces."""
    import contextlib
    from unittest import mock

    def refuse(*args, **kwargs):
        raise _Shortcut

    stack = contextlib.ExitStack()
    for owner, name in functions:
        stack.enter_context(mock.patch.object(owner, name, refuse))
    return stack


def _log_softmax_functions() -> list[tuple[object, str]]:
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


def _log_softmax_hint(log_softmax) -> str | None:
    """What is wrong with the student's ``log_softmax``, or None if nothing is."""
    import torch

    for logits, kind in ((ordinary_logits(), "ordinary"), (large_logits(), "large")):
        z = logits.clone()
        try:
            with _forbidden(_log_softmax_functions()):
                result = log_softmax(z)
        except _Shortcut:
            return (
                "your log_softmax calls torch's own log_softmax or logsumexp: build it from "
                "max, exp, sum and log."
            )
        except Exception as error:  # a student's bug: report it in one line, not a traceback
            return f"log_softmax(z) raised {type(error).__name__}: {error}"
        if not isinstance(result, torch.Tensor) or result.shape != logits.shape:
            return "log_softmax(z) should return a tensor of z's shape, one log-probability per logit."
        if not torch.equal(z, logits):
            return "log_softmax(z) changed z in place (z -= ...): compute a new tensor instead."
        if kind == "large" and not torch.isfinite(result).all():
            return (
                f"log_softmax gives {result[0].tolist()} for the logits {logits[0].tolist()}: "
                "exp(1000) overflows. Subtract each row's maximum before exp (the max trick)."
            )
        if torch.allclose(result, torch.log_softmax(logits, dim=1), atol=1e-4):
            continue
        if torch.allclose(result, torch.log_softmax(logits, dim=0), atol=1e-4):
            return "you normalised over dim=0 (the batch): sum over dim=1 (the classes), keepdim=True."
        return (
            f"for {kind} logits your values differ from torch.log_softmax. Row by row: "
            "log_softmax(z) = z - m - log(Σ exp(z - m)), with m the row's maximum."
        )
    return None


def check_log_softmax(log_softmax) -> None:
    """Check exercise 1 of notebook 02: a hand-written, numerically stable ``log_softmax(z)``
    over dim 1 of a batch of logits, compared with ``torch.log_softmax`` on ordinary
    logits and on logits of ±1000, without calling torch's own log_softmax or logsumexp."""
    hint = _log_softmax_hint(log_softmax)
    report(hint, "your log_softmax matches torch's, even for logits of ±1000.")


def evaluation_loader():
    """The loader ``evaluate`` is tried on: the MNIST sample's 500 test images in batches of
    128, so that the last batch (116 images) is smaller than the others."""
    from torch.utils.data import DataLoader
    from torchvision.datasets import MNIST
    from torchvision.transforms import ToTensor

    from nnhelpers.data import SAMPLE_ROOT

    return DataLoader(MNIST(root=SAMPLE_ROOT, train=False, transform=ToTensor()), batch_size=128)


def _evaluate_hint(evaluate, model) -> str | None:
    """What is wrong with ``evaluate(loader) -> (loss, accuracy)``, or None if nothing is."""
    import torch
    import torch.nn.functional as F

    loader = evaluation_loader()
    try:
        result = evaluate(loader)
    except Exception as error:  # a student's bug: report it in one line, not a traceback
        return f"evaluate(loader) raised {type(error).__name__}: {error}"
    if not isinstance(result, tuple) or len(result) != 2:
        return "evaluate(loader) should return two numbers: (mean loss, accuracy)."
    if any(isinstance(v, torch.Tensor) and v.requires_grad for v in result):
        return (
            "evaluate builds a graph that nobody uses: compute inside `with torch.no_grad():` "
            "and return floats."
        )
    try:
        loss, accuracy = (float(v) for v in result)
    except (TypeError, ValueError, RuntimeError):
        return f"evaluate(loader) returned {result!r}: return two plain numbers, e.g. with .item()."
    with torch.no_grad():
        batches = [(model(x), y) for x, y in loader]
    logits, targets = torch.cat([b[0] for b in batches]), torch.cat([b[1] for b in batches])
    true_loss = F.cross_entropy(logits, targets).item()
    true_accuracy = (logits.argmax(dim=1) == targets).float().mean().item()
    batch_losses = sum(F.cross_entropy(lg, y).item() for lg, y in batches) / len(batches)
    batch_accuracies = sum((lg.argmax(1) == y).float().mean().item() for lg, y in batches) / len(batches)

    def close(a: float, b: float) -> bool:
        return abs(a - b) <= 1e-4 * max(1.0, abs(b))

    if close(loss, true_loss) and close(accuracy, true_accuracy):
        return None
    if close(loss, true_accuracy) and close(accuracy, true_loss):
        return "loss and accuracy are swapped: return (loss, accuracy) in that order."
    if close(accuracy, 100 * true_accuracy):
        return "the accuracy is in percent: return it as a fraction between 0 and 1."
    if close(loss, batch_losses) or close(accuracy, batch_accuracies):
        return (
            "you averaged the batch averages, but the last batch is smaller (116 of 500 images): "
            "add up loss × batch size and the number of correct predictions, then divide by the "
            "number of images."
        )
    return (
        f"evaluate(loader) gave loss {loss:.4f} and accuracy {accuracy:.4f}; the model's are "
        f"{true_loss:.4f} and {true_accuracy:.4f} on that loader. Loop over the loader you are "
        "given, and weight each batch by its size."
    )


def check_evaluate(evaluate, model) -> None:
    """Check exercise 2 of notebook 02: ``evaluate(loader)`` returns ``model``'s mean
    cross-entropy and its accuracy (a fraction) over every image of ``loader``.

    It is tried on the MNIST sample's 500 test images in batches of 128.
    """
    hint = _evaluate_hint(evaluate, model)
    success = "evaluate gives the exact mean loss and accuracy over every image."
    report(hint, success)


# --- 03 Deep learning à la torch --------------------------------------------------------


def parameter_count_cases() -> list[tuple[str, object, int]]:
    """Models ``count_parameters`` is tried on: (name, model, number of parameters)."""
    from torch import nn

    mlp = nn.Sequential(nn.Flatten(), nn.Linear(784, 500), nn.ReLU(), nn.Linear(500, 10, bias=False))
    cnn = nn.Sequential(nn.Conv2d(1, 4, 3), nn.Flatten(), nn.Linear(4 * 26 * 26, 2))
    return [
        ("nn.Linear(784, 500)", nn.Linear(784, 500), 784 * 500 + 500),
        ("an MLP like FullyConnected", mlp, 784 * 500 + 500 + 500 * 10),
        ("a small CNN", cnn, (4 * 9 + 4) + (4 * 26 * 26 * 2 + 2)),
    ]


def _count_parameters_hint(count_parameters) -> str | None:
    """What is wrong with the student's ``count_parameters``, or None if nothing is."""
    for name, model, expected in parameter_count_cases():
        try:
            result = count_parameters(model)
        except Exception as error:  # a student's bug: report it in one line, not a traceback
            return f"count_parameters(model) raised {type(error).__name__}: {error}"
        if result == expected:
            continue
        tensors = list(model.parameters())
        if result == len(tensors):
            return f"you counted {result} parameter tensors; count the numbers in them: p.numel()."
        if result == sum(p.numel() for p in tensors if p.dim() > 1):
            return "you counted the weights only: the biases are parameters too."
        return f"for {name} you count {result}, but it has {expected:,} parameters."
    return None


def check_count_parameters(count_parameters) -> None:
    """Check exercise 1 of notebook 03: ``count_parameters(model)``, how many numbers an
    ``nn.Module`` learns, tried on a linear layer, this notebook's MLP and a small CNN."""
    hint = _count_parameters_hint(count_parameters)
    success = "count_parameters is right: FullyConnected learns 397,500 numbers."
    report(hint, success)


DEEPER_SIZES = [784, 256, 128, 10]
"""Exercise 2 of notebook 03: the layer sizes of the deeper MLP."""


def _deeper_model_hint(model) -> str | None:
    """What is wrong with the student's deeper MLP, or None if nothing is."""
    import torch
    from torch import nn

    if not isinstance(model, nn.Sequential):
        return "build the model with nn.Sequential(...), one layer after the other."
    linears = [m for m in model if isinstance(m, nn.Linear)]
    sizes = [linears[0].in_features, *(m.out_features for m in linears)] if linears else []
    if sizes != DEEPER_SIZES:
        return f"the Linear layers go {sizes or 'nowhere'}; they should go {DEEPER_SIZES}."
    activations = [m for m in model if type(m).__module__ == "torch.nn.modules.activation"]
    if isinstance(model[-1], (nn.Softmax, nn.LogSoftmax)):
        return (
            "end with the last Linear layer: the model returns logits, and F.cross_entropy "
            "applies the (log-)softmax itself."
        )
    if len(activations) < 2:
        return (
            "put an nn.ReLU() after each hidden Linear layer: without them the three layers "
            "add up to a single linear map."
        )
    images = torch.rand(3, 1, 28, 28)
    try:
        with torch.no_grad():
            logits = model(images)
    except RuntimeError as error:
        return (
            f"the model fails on a batch of images of shape (3, 1, 28, 28) ({error}): "
            "start it with nn.Flatten()."
        )
    if tuple(logits.shape) != (3, 10):
        return f"for 3 images the model returns shape {tuple(logits.shape)}, not (3, 10)."
    expected = sum(n_in * n_out + n_out for n_in, n_out in zip(DEEPER_SIZES, DEEPER_SIZES[1:]))
    n_parameters = sum(p.numel() for p in model.parameters())
    if n_parameters != expected:
        return (
            f"the model has {n_parameters:,} parameters, not {expected:,}: give every Linear "
            "layer its bias."
        )
    return None


def check_deeper_model(model) -> None:
    """Check exercise 2 of notebook 03: an ``nn.Sequential`` MLP 784-256-128-10 with ReLUs
    that takes a batch of MNIST images and returns logits."""
    hint = _deeper_model_hint(model)
    success = "your deeper MLP takes images and returns logits; it learns 235,146 numbers."
    report(hint, success)


# --- 04 Why GPUs ------------------------------------------------------------------------


def preload_test_dataset():
    """A dataset that ``.data``-style shortcuts get wrong: every 5th image of the MNIST
    sample's test split (a ``Subset``, 100 items) with ``ToTensor`` and ``Normalize``."""
    from torch.utils.data import Subset
    from torchvision.datasets import MNIST
    from torchvision.transforms import Compose, Normalize, ToTensor

    from nnhelpers.data import SAMPLE_ROOT

    transform = Compose([ToTensor(), Normalize((0.1307,), (0.3081,))])
    return Subset(MNIST(root=SAMPLE_ROOT, train=False, transform=transform), range(0, 500, 5))


def _preload_hint(result, dataset) -> str | None:
    """What is wrong with ``result = preload(dataset)``, or None if nothing is."""
    import torch
    from torch.utils.data import TensorDataset

    if not isinstance(result, TensorDataset) or len(result.tensors) != 2:
        return "preload should return a TensorDataset of two tensors: all images and all labels."
    images, labels = result.tensors
    image_shape = tuple(dataset[0][0].shape)
    if tuple(images.shape) != (len(dataset), *image_shape):
        return (
            f"the images tensor has shape {tuple(images.shape)}, but the dataset holds "
            f"{len(dataset)} images of shape {image_shape}: stack one per item of the dataset."
        )
    if tuple(labels.shape) != (len(dataset),) or labels.dtype != torch.int64:
        return (
            f"the labels tensor has shape {tuple(labels.shape)} and dtype {labels.dtype}; "
            f"it should hold {len(dataset)} int64 labels, like torch.tensor([label, ...])."
        )
    items = [dataset[i] for i in range(len(dataset))]
    if not torch.equal(images, torch.stack([image for image, _ in items])):
        return (
            "the images differ from the dataset's: take each from dataset[i], so that the "
            "dataset's transform (here ToTensor and Normalize) and any Subset are applied."
        )
    if not torch.equal(labels, torch.tensor([label for _, label in items])):
        return "the labels differ from the dataset's: take each from dataset[i]."
    return None


def check_preload(preload) -> None:
    """Check exercise 1 of notebook 04: ``preload(dataset)`` returns a ``TensorDataset``
    with every (image, label) of any map-style dataset, its transform applied once.

    It is tried on a ``Subset`` of the MNIST sample with ``ToTensor`` and ``Normalize``.
    """
    dataset = preload_test_dataset()
    try:
        result = preload(dataset)
    except Exception as error:  # a student's bug: report it in one line, not a traceback
        hint = f"preload(dataset) raised {type(error).__name__}: {error}"
    else:
        hint = _preload_hint(result, dataset)
    report(
        hint,
        f"preload turned a {type(dataset).__name__} with a transform into a TensorDataset "
        f"of {len(dataset)} ready-made items.",
    )


FLOPS_CASES: list[tuple[list[int], int]] = [
    ([784, 500, 10], 128),
    ([784, 500, 10], 1000),
    ([10, 20, 30, 5], 3),
    ([4, 2], 1),
]
"""(layer sizes, batch size) pairs ``forward_flops`` is tried on."""


def expected_flops(layer_sizes: list[int], batch_size: int) -> int:
    """FLOPs of an MLP's forward pass: its matrix products, a multiply-add counting 2."""
    return 2 * batch_size * sum(n_in * n_out for n_in, n_out in zip(layer_sizes, layer_sizes[1:]))


def _flops_hint(forward_flops) -> str | None:
    """What is wrong with the student's ``forward_flops``, or None if nothing is."""
    for layer_sizes, batch_size in FLOPS_CASES:
        call = f"forward_flops({layer_sizes}, {batch_size})"
        try:
            result = forward_flops(layer_sizes, batch_size)
        except Exception as error:  # a student's bug: report it in one line, not a traceback
            return f"{call} raised {type(error).__name__}: {error}"
        expected = expected_flops(layer_sizes, batch_size)
        if result == expected:
            continue
        if result == expected / 2:
            return f"{call} returned {result:,}, half the answer: a multiply-add is 2 FLOPs."
        if result == expected + batch_size * sum(layer_sizes[1:]):
            return f"{call} returned {result:,}: count only the matrix products, not the biases."
        return (
            f"{call} returned {result}, expected {expected:,}: add up 2 · batch · n_in · n_out "
            "over every pair of consecutive layers."
        )
    return None


def check_forward_flops(forward_flops) -> None:
    """Check exercise 2 of notebook 04: ``forward_flops(layer_sizes, batch_size)`` counts
    the FLOPs of an MLP's forward pass (matrix products only, a multiply-add counting 2)."""
    hint = _flops_hint(forward_flops)
    layer_sizes, batch_size = FLOPS_CASES[1]
    report(
        hint,
        f"forward_flops is right, e.g. {expected_flops(layer_sizes, batch_size):,} FLOPs for "
        f"the {'-'.join(map(str, layer_sizes))} MLP at batch {batch_size}.",
    )


# --- 05 Classifying anomalous diffusion -------------------------------------------------

ANDI_CLASSES = ["ATTM", "CTRW", "FBM"]
"""Notebook 05's classes, in andi-datasets' order: model labels 0, 1 and 2."""
TEST_SHARE = 0.2
"""Notebook 05: the share of the trajectories that goes to the test set."""


def _flat_share(X):
    """For each trajectory (row) of ``X``, the share of its steps that do not move."""
    return (X.diff(dim=1) == 0).float().mean(dim=1)


def _split_hint(X_a, Y_a, X_e, Y_e, length: int) -> str | None:
    """What is wrong with notebook 05's split, or None if nothing is."""
    import torch

    parts = {"X_a": X_a, "Y_a": Y_a, "X_e": X_e, "Y_e": Y_e}
    for name, part in parts.items():
        if not isinstance(part, torch.Tensor):
            return f"{name} is a {type(part).__name__}: make it a torch tensor (torch.tensor(...))."
    if len({part.device for part in parts.values()}) > 1:
        return "the four tensors are on different devices: put them all on `device` (.to(device))."
    for x_name, X, y_name, Y in (("X_a", X_a, "Y_a", Y_a), ("X_e", X_e, "Y_e", Y_e)):
        if X.dim() != 2 or X.shape[1] != length:
            hint = f"{x_name} has shape {tuple(X.shape)}: it should hold one row of {length} positions"
            if X.dim() == 2 and X.shape[1] == length + 2:
                return f"{hint}, without the label and exponent columns: data[:, 2:]."
            return f"{hint} per trajectory."
        if X.dtype != torch.float32:
            return f"{x_name} has dtype {X.dtype}: the weights are float32, so use dtype=torch.float32."
        if Y.dim() != 1 or len(Y) != len(X):
            return f"{y_name} has shape {tuple(Y.shape)}: give it one label per row of {x_name} ({len(X)})."
        if Y.dtype != torch.int64:
            return (
                f"{y_name} has dtype {Y.dtype}: the loss wants class indices, so use dtype=torch.long "
                "(the model labels are the first column, data[:, 0])."
            )
        if not ((Y >= 0) & (Y < len(ANDI_CLASSES))).all():
            return f"{y_name} holds labels other than 0, 1 and 2: take the first column, data[:, 0]."
    n = len(X_a) + len(X_e)
    if abs(len(X_e) - TEST_SHARE * n) > 1:
        return f"the test set holds {len(X_e) / n:.0%} of the trajectories; it should hold {TEST_SHARE:.0%}."
    for name, Y in (("test", Y_e), ("training", Y_a)):
        missing = [c for i, c in enumerate(ANDI_CLASSES) if not (Y == i).any()]
        if missing:
            return (
                f"the {name} set has no {' or '.join(missing)} trajectories: the rows come sorted "
                "by class, so shuffle them with a random permutation before you split."
            )
    if (Y_a.diff() >= 0).all():
        return "the training rows are still sorted by class: shuffle X and Y with one random permutation."
    ctrw = ANDI_CLASSES.index("CTRW")
    for x_name, X, Y in (("X_a", X_a, Y_a), ("X_e", X_e, Y_e)):
        mostly_flat = _flat_share(X) > 0.5
        if mostly_flat[Y == ctrw].float().mean() < 0.9 or mostly_flat[Y != ctrw].float().mean() > 0.1:
            return (
                f"the labels no longer belong to the trajectories of {x_name} (the CTRW ones, "
                "which stand still most of the time, carry other labels): index X and Y with the "
                "same permutation."
            )
    return None


def check_split(X_a, Y_a, X_e, Y_e, length: int = 100) -> None:
    """Check notebook 05's split of the trajectories into training (``X_a``, ``Y_a``) and
    test (``X_e``, ``Y_e``) tensors: float32 rows of ``length`` positions, int64 class
    indices 0-2, 80/20, every class in both sets, rows shuffled, each label still with its
    trajectory.

    The last point uses the physics: at the notebook's exponent (0.2) a CTRW trajectory
    stands still at more than half of its steps, an ATTM or FBM one (almost) never does.
    """
    hint = _split_hint(X_a, Y_a, X_e, Y_e, length)
    success = "80% for training, 20% for testing, shuffled, every class in both, labels intact."
    report(hint, success)


def _loaders_hint(train_loader, test_loader, X_a, X_e, batch_size: int) -> str | None:
    """What is wrong with notebook 05's DataLoaders, or None if nothing is."""
    from torch.utils.data import DataLoader, RandomSampler

    for name, loader, X, x_name in (
        ("train_loader", train_loader, X_a, "X_a"),
        ("test_loader", test_loader, X_e, "X_e"),
    ):
        if not isinstance(loader, DataLoader):
            return f"{name} is a {type(loader).__name__}: make it a DataLoader(TensorDataset(X, Y), ...)."
        if len(loader.dataset) != len(X):
            return (
                f"{name} holds {len(loader.dataset)} trajectories, but {x_name} has {len(X)}: "
                f"give it {x_name} and its labels."
            )
        if loader.batch_size != batch_size:
            return f"{name} has batch_size={loader.batch_size}; use batch_size={batch_size}."
    if not isinstance(train_loader.sampler, RandomSampler):
        return "train_loader gives the batches in the same order every epoch: pass shuffle=True."
    return None


def check_loaders(train_loader, test_loader, X_a, X_e, batch_size: int = 64) -> None:
    """Check notebook 05's DataLoaders: one over the training tensors that shuffles, one over
    the test tensors, both with batches of ``batch_size``."""
    hint = _loaders_hint(train_loader, test_loader, X_a, X_e, batch_size)
    success = f"batches of {batch_size}; the training batches come in a new order every epoch."
    report(hint, success)


def _model_hint(model, X) -> str | None:
    """What is wrong with a notebook 05 classifier of the trajectories ``X``, or None."""
    import torch
    from torch import nn

    if not isinstance(model, nn.Module):
        return f"model is a {type(model).__name__}: build it from torch.nn, e.g. nn.Sequential(...)."
    if not any(p.requires_grad for p in model.parameters()):
        return "the model has nothing to learn: it needs layers with parameters, such as nn.Linear."
    batch = X[:8]
    try:
        with evaluating(model):
            logits = model(batch)
    except Exception as error:  # a student's bug: report it in one line, not a traceback
        message = str(error).splitlines()[0]
        if "device" in message:
            return f"the model and the data are on different devices ({message}): model.to(device)."
        if "shapes cannot be multiplied" in message:
            return f"{message}: the first layer should take the {X.shape[1]} numbers of a trajectory."
        return f"model(X[:8]) raised {type(error).__name__}: {message}"
    expected = (len(batch), len(ANDI_CLASSES))
    if not isinstance(logits, torch.Tensor) or tuple(logits.shape) != expected:
        shape = tuple(logits.shape) if isinstance(logits, torch.Tensor) else type(logits).__name__
        return f"for {len(batch)} trajectories the model returns {shape}, not {expected}: a logit per class."
    if isinstance(model, nn.Sequential) and isinstance(model[-1], (nn.Softmax, nn.LogSoftmax)):
        return (
            "end with the last Linear layer: the model returns logits, and the cross-entropy "
            "loss applies the softmax itself."
        )
    return None


def check_model(model, X) -> None:
    """Check a notebook 05 classifier: it maps a batch of trajectories from ``X`` (e.g.
    ``X_e``) to 3 logits per trajectory, on the data's device."""
    hint = _model_hint(model, X)
    n_parameters = sum(p.numel() for p in model.parameters()) if hint is None else 0
    success = f"the model maps trajectories to 3 logits each; it learns {n_parameters:,} numbers."
    report(hint, success)


def _confusion_hint(matrix, model, X, Y) -> str | None:
    """What is wrong with notebook 05's confusion matrix, or None if nothing is."""
    import numpy as np
    import torch

    n = len(ANDI_CLASSES)
    try:
        counts = np.asarray(matrix.cpu() if isinstance(matrix, torch.Tensor) else matrix, dtype=float)
    except (TypeError, ValueError):
        return f"matrix is a {type(matrix).__name__}: make it an array, e.g. with sklearn's confusion_matrix."
    if counts.shape != (n, n):
        return f"matrix has shape {counts.shape}: it should be {n} × {n}, a row and a column per class."
    with evaluating(model):
        predicted = model(X).argmax(dim=1).cpu().numpy()
    true = Y.cpu().numpy()
    expected = np.zeros((n, n))
    np.add.at(expected, (true, predicted), 1)
    if np.array_equal(counts, expected):
        return None
    if np.array_equal(counts, expected.T):
        return "rows and columns are swapped: rows are the true classes, confusion_matrix(y_true, y_pred)."
    if np.allclose(counts.sum(axis=1), 1):
        return "the rows are fractions: pass the counts (plot_confusion_matrix shows the fractions too)."
    if counts.sum() != len(true):
        return f"the matrix counts {counts.sum():g} trajectories, the test set {len(true)}: count each once."
    return "the counts differ from the model's predictions on the test set: model(X_e).argmax(dim=1)."


def check_confusion_matrix(matrix, model, X, Y) -> None:
    """Check notebook 05's confusion matrix: ``matrix[i, j]`` counts the test trajectories
    (``X``, ``Y``) of class ``i`` that ``model`` puts in class ``j``."""
    hint = _confusion_hint(matrix, model, X, Y)
    success = "the matrix counts every test trajectory once: true class by row, prediction by column."
    report(hint, success)


def _accuracy_hint(accuracy, target: float) -> str | None:
    """What keeps ``accuracy`` from passing ``check_accuracy``, or None if nothing does."""
    try:
        value = float(accuracy)
    except (TypeError, ValueError, RuntimeError):
        return f"accuracy is {accuracy!r}: give one number, the fraction of correct predictions."
    if not 0 <= value <= 1:
        return f"accuracy is {value:g}: give it as a fraction between 0 and 1, not in percent."
    if value < target:
        return (
            f"test accuracy {value:.3f} is below the target {target:.2f}: train longer, or try "
            "another optimizer or model."
        )
    return None


def check_accuracy(accuracy, target: float) -> None:
    """Check that a test ``accuracy`` (a fraction, e.g. from notebook 05) reaches ``target``."""
    hint = _accuracy_hint(accuracy, target)
    success = "" if hint else f"test accuracy {float(accuracy):.3f} reaches the target {target:.2f}."
    report(hint, success)
