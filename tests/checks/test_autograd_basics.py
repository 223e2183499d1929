"""The checks of notebook 01, autograd basics: pass and fail paths."""

import pytest
import torch

from nnhelpers.checks import autograd_basics

# --- 01: exercise 1, a gradient by hand and by autograd ----------------------------------


def exercise_tensors() -> tuple[torch.Tensor, torch.Tensor]:
    """The exercise's ``x`` and a fresh ``w``."""
    return torch.tensor(autograd_basics.GRADIENT_X), torch.tensor(
        autograd_basics.GRADIENT_W, requires_grad=True
    )


def backward(w: torch.Tensor, x: torch.Tensor, times: int = 1) -> torch.Tensor:
    """Make L = Σ (w_i x_i)² and run ``L.backward()`` ``times`` times; return L."""
    L = ((w * x) ** 2).sum()
    for _ in range(times):
        L.backward(retain_graph=True)
    return L


@pytest.mark.parametrize(
    "by_hand",
    [
        lambda w, x: 2 * w.detach() * x**2,
        lambda w, x: 2 * w * x**2,
        lambda w, x: 2 * w.detach().double() * x.double() ** 2,
        lambda w, x: torch.stack([2 * wi * xi**2 for wi, xi in zip(w.detach(), x)]),
    ],
    ids=["the solution", "without detach", "float64", "one entry at a time"],
)
def test_gradient_passes(by_hand, printed):
    x, w = exercise_tensors()
    L = backward(w, x)
    autograd_basics.check_gradient(by_hand(w, x), w, L)
    assert printed() == "✅ By hand and by autograd alike: ∂L/∂w = [1.0, -8.0, 36.0]."


@pytest.mark.parametrize(
    ("by_hand", "backward_times", "hint"),
    [
        (lambda w, x: None, 1, "grad_by_hand is None: it should be a tensor"),
        (lambda w, x: [1.0, -8.0, 36.0], 1, "is a list of 3 items: it should be a tensor"),
        (lambda w, x: w.detach() * x**2, 1, "which is not ∂L/∂w"),
        (lambda w, x: w.grad, 1, "is w.grad itself"),
        (lambda w, x: 2 * w.detach() * x**2, 0, "w.grad is None"),
        (lambda w, x: 2 * w.detach() * x**2, 2, "backward ran 2 times"),
    ],
)
def test_gradient_hints(by_hand, backward_times, hint, printed):
    x, w = exercise_tensors()
    L = backward(w, x, backward_times)
    autograd_basics.check_gradient(by_hand(w, x), w, L)
    line = printed()
    assert line.startswith("❌ Not yet:") and hint in line


def test_gradient_notices_a_changed_w(printed):
    x, w = exercise_tensors()
    w2 = torch.tensor([1.0, 1.0, 1.0], requires_grad=True)
    L = backward(w2, x)
    autograd_basics.check_gradient(2 * w2.detach() * x**2, w2, L)
    assert "run that cell again" in printed()


def test_gradient_notices_a_wrong_autograd_result(printed):
    x, w = exercise_tensors()
    L = (w * x).sum()  # a different L
    L.backward()
    autograd_basics.check_gradient(2 * w.detach() * x**2, w, L)
    assert "it should equal grad_by_hand" in printed()


@pytest.mark.parametrize(
    "make_L, hint",
    [
        (lambda w, x: (w * x) ** 2, "L holds 3 numbers (shape (3,)): a loss is one number"),
        (lambda w, x: ((w.detach() * x) ** 2).sum(), "L has no graph back to w"),
        (lambda w, x: ((w * x) ** 2).sum(), "its backward() has not run yet"),
        (lambda w, x: 14.0, "L is a float: build L from w and x"),
    ],
)
def test_gradient_says_why_w_grad_is_missing(make_L, hint, assert_hint):
    x, w = exercise_tensors()
    autograd_basics.check_gradient(2 * w.detach() * x**2, w, make_L(w, x))
    assert_hint(hint)


# --- 01: exercise 2, three steps of gradient descent --------------------------------------


def descend(steps: int, reset: bool = True) -> torch.Tensor:
    """The exercise done with autograd, ``steps`` steps, resetting the gradient or not."""
    t = torch.tensor(autograd_basics.DESCENT_TARGET)
    w = torch.zeros(2, requires_grad=True)
    for _ in range(steps):
        ((w - t) ** 2).sum().backward()
        with torch.no_grad():
            w -= autograd_basics.DESCENT_LR * w.grad
        if reset:
            w.grad = None
    return w


def test_descent_reference_matches_autograd():
    for steps in range(5):
        for reset in (True, False):
            expected = torch.tensor(autograd_basics.descent(steps, reset_gradient=reset))
            assert torch.allclose(descend(steps, reset).detach(), expected)


def test_descent_passes(printed):
    autograd_basics.check_descent(descend(3))
    assert printed() == "✅ w = [1.464, -0.488]: 48.8% of the way to the target [3.0, -1.0]."


@pytest.mark.parametrize(
    ("w", "hint"),
    [
        (descend(3, reset=False), "where 3 steps lead when the gradients add up"),
        (descend(6), "where 6 steps lead, not 3"),
        (descend(0), "w has not moved"),
        (
            torch.tensor([1.0, 2.0], requires_grad=True),
            "not where 3 steps of gradient descent lead",
        ),
        (torch.tensor([0.6, -0.2]), "w no longer asks for gradients"),
        (torch.zeros(2, requires_grad=True) * 2, "w is no longer the leaf tensor"),
        (torch.zeros(3), "tensor of 2 numbers"),
        ([1.464, -0.488], "tensor of 2 numbers"),
    ],
)
def test_descent_hints(w, hint, printed):
    autograd_basics.check_descent(w)
    line = printed()
    assert line.startswith("❌ Not yet:") and hint in line
