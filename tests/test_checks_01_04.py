"""The auto-checks of notebooks 01 (autograd) and 04 (why GPUs): pass and fail paths."""

import pytest
import torch
from torch.utils.data import TensorDataset

from nnhelpers import checks


def outcome(capsys) -> str:
    """The one line a check printed."""
    out = capsys.readouterr().out
    assert out.count("\n") == 1, out
    return out.strip()


# --- 01: exercise 1, a gradient by hand and by autograd ----------------------------------


def exercise_tensors() -> tuple[torch.Tensor, torch.Tensor]:
    """The exercise's ``x`` and a fresh ``w``."""
    return torch.tensor(checks.GRADIENT_X), torch.tensor(checks.GRADIENT_W, requires_grad=True)


def backward(w: torch.Tensor, x: torch.Tensor, times: int = 1) -> None:
    """Run ``L.backward()`` ``times`` times for L = Σ (w_i x_i)²."""
    for _ in range(times):
        ((w * x) ** 2).sum().backward()


def test_gradient_passes(capsys):
    x, w = exercise_tensors()
    backward(w, x)
    checks.check_gradient(2 * w.detach() * x**2, w)
    assert outcome(capsys) == "✅ By hand and by autograd alike: ∂L/∂w = [1.0, -8.0, 36.0]."


@pytest.mark.parametrize(
    ("by_hand", "backward_times", "hint"),
    [
        (lambda w, x: None, 1, "should be a tensor"),
        (lambda w, x: w.detach() * x**2, 1, "which is not ∂L/∂w"),
        (lambda w, x: w.grad, 1, "is w.grad itself"),
        (lambda w, x: 2 * w.detach() * x**2, 0, "w.grad is None"),
        (lambda w, x: 2 * w.detach() * x**2, 2, "backward ran 2 times"),
    ],
)
def test_gradient_hints(capsys, by_hand, backward_times, hint):
    x, w = exercise_tensors()
    backward(w, x, backward_times)
    checks.check_gradient(by_hand(w, x), w)
    line = outcome(capsys)
    assert line.startswith("❌ Not yet:") and hint in line


def test_gradient_notices_a_changed_w(capsys):
    x, w = exercise_tensors()
    w2 = torch.tensor([1.0, 1.0, 1.0], requires_grad=True)
    backward(w2, x)
    checks.check_gradient(2 * w2.detach() * x**2, w2)
    assert "run that cell again" in outcome(capsys)


def test_gradient_notices_a_wrong_autograd_result(capsys):
    x, w = exercise_tensors()
    (w * x).sum().backward()  # a different L
    checks.check_gradient(2 * w.detach() * x**2, w)
    assert "it should equal grad_by_hand" in outcome(capsys)


# --- 01: exercise 2, three steps of gradient descent --------------------------------------


def descend(steps: int, reset: bool = True) -> torch.Tensor:
    """The exercise done with autograd, ``steps`` steps, resetting the gradient or not."""
    t = torch.tensor(checks.DESCENT_TARGET)
    w = torch.zeros(2, requires_grad=True)
    for _ in range(steps):
        ((w - t) ** 2).sum().backward()
        with torch.no_grad():
            w -= checks.DESCENT_LR * w.grad
        if reset:
            w.grad = None
    return w


def test_descent_reference_matches_autograd():
    for steps in range(5):
        for reset in (True, False):
            expected = torch.tensor(checks.descent(steps, reset_gradient=reset))
            assert torch.allclose(descend(steps, reset).detach(), expected)


def test_descent_passes(capsys):
    checks.check_descent(descend(3))
    assert outcome(capsys) == "✅ w = [1.464, -0.488]: 48.8% of the way to the target [3.0, -1.0]."


@pytest.mark.parametrize(
    ("w", "hint"),
    [
        (descend(3, reset=False), "where 3 steps lead when the gradients add up"),
        (descend(6), "where 6 steps lead, not 3"),
        (descend(0), "w has not moved"),
        (torch.tensor([1.0, 2.0]), "not where 3 steps of gradient descent lead"),
        (torch.zeros(3), "tensor of 2 numbers"),
        ([1.464, -0.488], "tensor of 2 numbers"),
    ],
)
def test_descent_hints(capsys, w, hint):
    checks.check_descent(w)
    line = outcome(capsys)
    assert line.startswith("❌ Not yet:") and hint in line


# --- 04: exercise 1, preloading a dataset ---------------------------------------------------


def good_preload(dataset) -> TensorDataset:
    items = [dataset[i] for i in range(len(dataset))]
    return TensorDataset(torch.stack([image for image, _ in items]), torch.tensor([label for _, label in items]))


def test_preload_passes(capsys):
    checks.check_preload(good_preload)
    assert outcome(capsys).startswith("✅ preload turned a Subset with a transform into a TensorDataset of 100")


def data_shortcut(dataset) -> TensorDataset:
    """The notebook's `.data` trick: ignores the Subset and the Normalize transform."""
    mnist = dataset.dataset
    return TensorDataset(mnist.data.float().div(255).unsqueeze(1), mnist.targets)


def unnormalised(dataset) -> TensorDataset:
    """Right items, but the images without the dataset's transform."""
    indices = list(dataset.indices)
    mnist = dataset.dataset
    return TensorDataset(mnist.data[indices].float().div(255).unsqueeze(1), mnist.targets[indices])


def wrong_labels(dataset) -> TensorDataset:
    images, labels = good_preload(dataset).tensors
    return TensorDataset(images, labels.roll(1))


def int32_labels(dataset) -> TensorDataset:
    images, labels = good_preload(dataset).tensors
    return TensorDataset(images, labels.int())


def failing(dataset):
    raise ValueError("oops")


@pytest.mark.parametrize(
    ("preload", "hint"),
    [
        (lambda dataset: dataset, "should return a TensorDataset"),
        (lambda dataset: TensorDataset(good_preload(dataset).tensors[0]), "of two tensors"),
        (data_shortcut, "shape (500, 1, 28, 28)"),
        (unnormalised, "the images differ from the dataset's"),
        (wrong_labels, "the labels differ"),
        (int32_labels, "dtype torch.int32"),
        (failing, "raised ValueError: oops"),
    ],
)
def test_preload_hints(capsys, preload, hint):
    checks.check_preload(preload)
    line = outcome(capsys)
    assert line.startswith("❌ Not yet:") and hint in line


# --- 04: exercise 2, FLOPs of an MLP ---------------------------------------------------------


def test_expected_flops():
    assert checks.expected_flops([784, 500, 10], 1000) == 794_000_000
    assert checks.expected_flops([10, 20, 30, 5], 3) == 2 * 3 * (200 + 600 + 150)


def test_flops_passes(capsys):
    def forward_flops(sizes, batch):
        return 2 * batch * sum(a * b for a, b in zip(sizes, sizes[1:]))

    checks.check_forward_flops(forward_flops)
    assert outcome(capsys) == "✅ forward_flops is right, e.g. 794,000,000 FLOPs for the 784-500-10 MLP at batch 1000."


@pytest.mark.parametrize(
    ("forward_flops", "hint"),
    [
        (lambda sizes, batch: batch * sum(a * b for a, b in zip(sizes, sizes[1:])), "a multiply-add is 2 FLOPs"),
        (
            lambda sizes, batch: batch * sum(2 * a * b + b for a, b in zip(sizes, sizes[1:])),
            "not the biases",
        ),
        (lambda sizes, batch: 2 * batch * (784 * 500 + 500 * 10), "([10, 20, 30, 5], 3) returned 2382000"),
        (lambda sizes, batch: 2 * batch * 784 * 500, "forward_flops([784, 500, 10], 128) returned 100352000"),
        (lambda sizes: 0, "raised TypeError"),
    ],
)
def test_flops_hints(capsys, forward_flops, hint):
    checks.check_forward_flops(forward_flops)
    line = outcome(capsys)
    assert line.startswith("❌ Not yet:") and hint in line
