"""Auto-checks students call after an exercise: a friendly pass or a hint, never a traceback.

Every check prints one line starting with ✅ (passed) or ❌ (not yet, with a hint) and
returns nothing, so a check cell's output is only that line.
"""


def report(passed: bool, success: str, hint: str) -> None:
    """Print the outcome of a check: ``success`` if it passed, else ``hint``."""
    print(f"✅ {success}" if passed else f"❌ Not yet: {hint}")


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
    report(hint is None, f"By hand and by autograd alike: ∂L/∂w = {gradient}.", hint or "")


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
    report(hint is None, f"w = {result}: {share:.1%} of the way to the target {DESCENT_TARGET}.", hint or "")


# --- 02 An MLP from scratch -------------------------------------------------------------


# --- 03 Deep learning à la torch --------------------------------------------------------


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
        report(False, "", f"preload(dataset) raised {type(error).__name__}: {error}")
        return
    hint = _preload_hint(result, dataset)
    report(
        hint is None,
        f"preload turned a {type(dataset).__name__} with a transform into a TensorDataset "
        f"of {len(dataset)} ready-made items.",
        hint or "",
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
        hint is None,
        f"forward_flops is right, e.g. {expected_flops(layer_sizes, batch_size):,} FLOPs for "
        f"the {'-'.join(map(str, layer_sizes))} MLP at batch {batch_size}.",
        hint or "",
    )


# --- 05 Classifying anomalous diffusion -------------------------------------------------
