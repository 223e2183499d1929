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


def by_hand(w, x):
    return 2 * w * x**2


@pytest.mark.parametrize(
    "answer",
    [
        by_hand,
        lambda w, x: 2 * w.detach() * x**2,
        lambda w, x: 2 * w.double() * x.double() ** 2,
        lambda w, x: torch.stack([2 * wi * xi**2 for wi, xi in zip(w, x)]),
        lambda w, x: torch.autograd.functional.jacobian(lambda v: ((v * x) ** 2).sum(), w),
    ],
    ids=["the solution", "detach", "float64", "one entry at a time", "jacobian"],
)
def test_gradient_passes(answer, printed):
    x, w = exercise_tensors()
    L = backward(w, x)
    autograd_basics.check_gradient(answer, w, L)
    assert printed() == "✅ By hand and by autograd alike: ∂L/∂w = [1.0, -8.0, 36.0]."


def forgot_return(w, x):
    gradient = 2 * w * x**2  # noqa: F841


@pytest.mark.parametrize(
    ("answer", "backward_times", "hint"),
    [
        (torch.tensor([1.0, -8.0, 36.0]), 1, "grad_by_hand is a Tensor of shape (3,): make it "
         "a function of w and x"),
        (lambda w, x: torch.tensor([1.0, -8.0, 36.0]), 1, "right for the exercise's w and x, "
         "but not for other ones"),
        (forgot_return, 1, "returns None: one entry per entry of w"),
        (lambda w, x: [2 * wi * xi**2 for wi, xi in zip(w, x)], 1, "returns a list of 3 items, "
         "not a tensor"),
        (lambda w, x: 2 * w.numpy() * x.numpy() ** 2, 1, "returns a ndarray of shape (3,), not "
         "a tensor"),
        (lambda w, x: (2 * w * x**2).tolist()[:2], 1, "returns a list of 2 items: one entry per "
         "entry of w"),
        (lambda w, x: (2 * w * x**2).unsqueeze(0), 1, "returns a Tensor of shape (1, 3)"),
        (lambda w, x: w * x**2, 1, "which is not ∂L/∂w"),
        (lambda w, x: 2 * w * x, 1, "which is not ∂L/∂w"),
        (by_hand, 0, "w.grad is None"),
        (by_hand, 2, "backward ran 2 times"),
    ],
)  # fmt: skip
def test_gradient_hints(answer, backward_times, hint, assert_hint):
    x, w = exercise_tensors()
    L = backward(w, x, backward_times)
    autograd_basics.check_gradient(answer, w, L)
    assert_hint(hint)


def test_gradient_notices_a_changed_w(printed):
    x, w = exercise_tensors()
    w2 = torch.tensor([1.0, 1.0, 1.0], requires_grad=True)
    L = backward(w2, x)
    autograd_basics.check_gradient(by_hand, w2, L)
    assert "run that cell again" in printed()


def test_gradient_notices_a_wrong_autograd_result(assert_hint):
    x, w = exercise_tensors()
    L = (w * x).sum()  # a different L
    L.backward()
    autograd_basics.check_gradient(by_hand, w, L)
    assert_hint("is L the sum of (w_i·x_i)²?")


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
    autograd_basics.check_gradient(by_hand, w, make_L(w, x))
    assert_hint(hint)


# --- 01: exercise 2, three steps of gradient descent --------------------------------------


def descend(steps: int, reset: bool = True, lr: float = 0.1, mean: bool = False, how="none"):
    """The exercise done with autograd: ``steps`` steps, resetting the gradient (``how``:
    "none" sets it to None, "zero" fills it with zeros) or not, at learning rate ``lr``, with
    the loss's sum or its ``mean``."""
    t = torch.tensor(autograd_basics.DESCENT_TARGET)
    w = torch.zeros(2, requires_grad=True)
    for _ in range(steps):
        loss = (w - t) ** 2
        (loss.mean() if mean else loss.sum()).backward()
        with torch.no_grad():
            w -= lr * w.grad
        if reset:
            if how == "zero":
                w.grad.zero_()
            else:
                w.grad = None
    return w


def test_descent_reference_matches_autograd():
    for steps in range(5):
        for reset in (True, False):
            expected = torch.tensor(autograd_basics.descent(steps, reset=reset))
            assert torch.allclose(descend(steps, reset).detach(), expected)


@pytest.mark.parametrize("how", ["none", "zero"])
def test_descent_passes(how, printed):
    autograd_basics.check_descent(descend(3, how=how))
    assert printed() == "✅ w = [1.464, -0.488]: 48.8% of the way to the target [3.0, -1.0]."


def moved_then_detached():
    return descend(3).detach()


def backward_without_update():
    w = torch.zeros(2, requires_grad=True)
    ((w - torch.tensor(autograd_basics.DESCENT_TARGET)) ** 2).sum().backward()
    return w


def reset_before_update():
    w = backward_without_update()
    w.grad.zero_()
    return w


@pytest.mark.parametrize(
    ("w", "hint"),
    [
        (descend(3, reset=False), "where 3 steps lead when the gradients add up"),
        (descend(3, lr=0.01), "the learning rate is 0.01"),
        (descend(3, lr=1.0), "where 3 steps lead when the step has no learning rate"),
        (descend(1, lr=0.01), "where 1 step leads when the learning rate is 0.01"),
        (descend(3, mean=True), "not their mean"),
        (descend(3, lr=-0.1), "w moved uphill"),
        (descend(6), "where 6 steps of gradient descent lead, not 3"),
        (descend(1), "where 1 step of gradient descent lead, not 3: did the cell stop"),
        (descend(0), "w has not moved yet"),
        (backward_without_update(), "yet backward() ran (w.grad is set)"),
        (reset_before_update(), "the gradient was reset before the update"),
        (torch.tensor([1.0, 2.0], requires_grad=True), "not where 3 steps of gradient descent"),
        (moved_then_detached(), "has the right values, but it is no longer the tensor made above"),
        (torch.zeros(2, requires_grad=True) * 2, "it carries a graph"),
        (torch.zeros(3), "tensor of 2 numbers"),
        ([1.464, -0.488], "w is a list of 2 items"),
    ],
)
def test_descent_hints(w, hint, assert_hint):
    autograd_basics.check_descent(w)
    assert_hint(hint)
