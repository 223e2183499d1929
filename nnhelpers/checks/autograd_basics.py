"""Checks for the exercises of notebook 01, *Autograd basics*."""

from nnhelpers.checks.values import describe
from nnhelpers.checks.verdict import NotYet, check

GRADIENT_W = [0.5, -1.0, 2.0]
"""Exercise 1: the starting ``w`` of L = Σ (w_i x_i)²."""
GRADIENT_X = [1.0, 2.0, 3.0]
"""Exercise 1: the ``x`` of L = Σ (w_i x_i)²."""


GRADIENT_TODO = (
    "replace the ... of grad_by_hand with ∂L/∂w written as a tensor formula in w and x, and "
    "let autograd compute it too: build L from w and x, then call its backward()."
)


@check(todo={"grad_by_hand": GRADIENT_TODO, "L": GRADIENT_TODO})
def check_gradient(grad_by_hand, w, L) -> str:
    """Check exercise 1: ∂L/∂w of L = Σ (w_i x_i)², by hand and by autograd.

    ``grad_by_hand`` is the student's formula evaluated at the exercise's ``w`` and ``x``;
    ``w`` is the leaf tensor whose ``.grad`` ``L.backward()`` filled in; ``L`` the loss.
    """
    import torch

    expected = 2 * torch.tensor(GRADIENT_W) * torch.tensor(GRADIENT_X) ** 2
    if not isinstance(grad_by_hand, torch.Tensor) or grad_by_hand.shape != expected.shape:
        raise NotYet(
            f"grad_by_hand is {describe(grad_by_hand)}: it should be a tensor with one entry per "
            "entry of w (3 in all)."
        )
    if not grad_by_hand.is_floating_point():
        raise NotYet(f"grad_by_hand has dtype {grad_by_hand.dtype}: compute it from w and x.")
    if not isinstance(w, torch.Tensor) or not torch.equal(w.detach(), torch.tensor(GRADIENT_W)):
        raise NotYet(
            f"w should still be the tensor {GRADIENT_W} made above: run that cell again, then "
            "yours."
        )
    if w.grad is not None and grad_by_hand.data_ptr() == w.grad.data_ptr():
        raise NotYet("grad_by_hand is w.grad itself: work it out as a formula in w and x instead.")
    if not torch.allclose(grad_by_hand.detach().float(), expected):
        raise NotYet(
            f"grad_by_hand is {grad_by_hand.tolist()}, which is not ∂L/∂w. Differentiate "
            "(w_i·x_i)² with respect to w_i using the chain rule."
        )
    if w.grad is None:
        raise NotYet(loss_hint(L))
    times = (w.grad / expected).round()
    if torch.allclose(w.grad, times[0] * expected) and times[0] >= 2:
        n = int(times[0])
        raise NotYet(
            f"w.grad is {n} times ∂L/∂w: backward ran {n} times and the gradients added up. "
            "Run the cell that creates w again, then yours once."
        )
    if not torch.allclose(w.grad, expected):
        raise NotYet(f"w.grad is {w.grad.tolist()}, but it should equal grad_by_hand.")
    gradient = [2 * wi * xi**2 for wi, xi in zip(GRADIENT_W, GRADIENT_X)]
    return f"By hand and by autograd alike: ∂L/∂w = {gradient}."


def loss_hint(L) -> str:
    """Why ``w.grad`` is still None, from what ``L`` is."""
    import torch

    if not isinstance(L, torch.Tensor):
        return (
            f"w.grad is None, and L is {describe(L)}: build L from w and x with tensor operations."
        )
    if L.numel() != 1:
        return (
            f"w.grad is None, and L holds {L.numel()} numbers (shape {tuple(L.shape)}): a loss "
            "is one number, so add up the terms; backward() works only on one number."
        )
    if L.grad_fn is None:
        return (
            "w.grad is None, and L has no graph back to w (made from w.detach(), or under "
            "torch.no_grad()?): build L from w itself, then call L.backward()."
        )
    return "w.grad is None: L is there, but its backward() has not run yet."


DESCENT_TARGET = [3.0, -1.0]
"""Exercise 2: the minimum of L(w) = Σ (w_i - t_i)²."""
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


@check
def check_descent(w) -> str:
    """Check exercise 2: ``w`` after 3 steps of gradient descent (lr 0.1) on
    L(w) = Σ (w_i - t_i)² from w = 0, resetting the gradient after each step."""
    import torch

    if not isinstance(w, torch.Tensor) or w.shape != (len(DESCENT_TARGET),):
        raise NotYet("w should be the tensor of 2 numbers made above, updated in place.")
    if not w.requires_grad and w.grad_fn is None:
        raise NotYet(
            "w no longer asks for gradients (w = w - ... inside torch.no_grad() made a new "
            "tensor): update it in place, w -= lr * w.grad. Then run the cell that creates w "
            "again, and yours."
        )
    if w.grad_fn is not None:
        raise NotYet(
            "w is no longer the leaf tensor made above (w = w - ... made a new tensor with a "
            "history): update it in place, w -= lr * w.grad, inside `with torch.no_grad():`. "
            "Then run the cell that creates w again, and yours."
        )

    def close(values: list[float]) -> bool:
        return torch.allclose(w.detach().float(), torch.tensor(values), atol=1e-4)

    if not close(descent(DESCENT_STEPS)):
        for steps in range(2, 13):
            if close(descent(steps, reset_gradient=False)):
                raise NotYet(
                    f"w is where {steps} steps lead when the gradients add up: reset w.grad "
                    "(w.grad.zero_() or w.grad = None) after each update. Then run the cell "
                    "that creates w again, and yours."
                )
        if close(descent(0)):
            raise NotYet(
                "w has not moved yet: write the 3 steps, each computing L, calling L.backward(), "
                "updating w in place (w -= lr * w.grad, inside `with torch.no_grad():`) and "
                "resetting w.grad."
            )
        for steps in range(1, 13):
            if close(descent(steps)):
                raise NotYet(
                    f"w is where {steps} steps lead, not {DESCENT_STEPS}: run the cell that "
                    "creates w again, then yours once."
                )
        raise NotYet(
            f"w is {[round(v, 4) for v in w.tolist()]}, not where {DESCENT_STEPS} steps of "
            "gradient descent lead. Each step: compute L, backward(), move w against its "
            "gradient by lr times it, then reset the gradient."
        )
    share = 1 - (1 - 2 * DESCENT_LR) ** DESCENT_STEPS  # each step covers 20% of what is left
    result = [round(v, 4) for v in descent(DESCENT_STEPS)]
    return f"w = {result}: {share:.1%} of the way to the target {DESCENT_TARGET}."
