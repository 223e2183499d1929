"""Checks for the exercises of notebook 01, *Autograd basics*."""

from nnhelpers.checks.values import describe
from nnhelpers.checks.verdict import NotYet, check, run_student

GRADIENT_W = [0.5, -1.0, 2.0]
"""Exercise 1: the starting ``w`` of L = Σ (w_i x_i)²."""
GRADIENT_X = [1.0, 2.0, 3.0]
"""Exercise 1: the ``x`` of L = Σ (w_i x_i)²."""


GRADIENT_TODO = (
    "write the body of grad_by_hand(w, x): ∂L/∂w as a tensor formula in w and x; then let "
    "autograd compute it too: build L from w and x, and call its backward()."
)


def gradient_cases() -> list[tuple[object, object]]:
    """The (w, x) pairs ``grad_by_hand`` is tried on: the exercise's, and two others (one of
    another length), so that only a formula passes, not its numbers typed in."""
    import torch

    generator = torch.Generator().manual_seed(0)
    return [
        (torch.tensor(GRADIENT_W), torch.tensor(GRADIENT_X)),
        (torch.randn(3, generator=generator), torch.randn(3, generator=generator)),
        (torch.randn(5, generator=generator), torch.randn(5, generator=generator)),
    ]


def judge_by_hand(grad_by_hand) -> None:
    """Raise ``NotYet`` unless ``grad_by_hand(w, x)`` is 2 w x² for every case."""
    import torch

    if not callable(grad_by_hand):
        raise NotYet(
            f"grad_by_hand is {describe(grad_by_hand)}: make it a function of w and x, "
            "def grad_by_hand(w, x): return ..., so that it works for any w and x."
        )
    for number, (w, x) in enumerate(gradient_cases()):
        result = run_student("grad_by_hand(w, x)", grad_by_hand, w.clone(), x.clone())
        listed = isinstance(result, (list, tuple)) or getattr(result, "ndim", None) == 1
        if listed and not isinstance(result, torch.Tensor) and len(result) == len(w):
            raise NotYet(
                f"grad_by_hand(w, x) returns {describe(result)}, not a tensor: write it with "
                "tensor operations on w and x (or torch.stack the entries), so that it "
                "returns one tensor, like w.grad."
            )
        if not isinstance(result, torch.Tensor) or result.shape != w.shape:
            raise NotYet(
                f"for a w of shape {tuple(w.shape)} grad_by_hand(w, x) returns "
                f"{describe(result)}: one entry per entry of w, a tensor of shape "
                f"{tuple(w.shape)}."
            )
        if not result.is_floating_point():
            raise NotYet(f"grad_by_hand(w, x) returns dtype {result.dtype}: compute with w and x.")
        if not torch.allclose(result.detach().float(), 2 * w * x**2, atol=1e-5):
            if number == 0:
                raise NotYet(
                    f"grad_by_hand gives {result.tolist()} for the exercise's w and x, which is "
                    "not ∂L/∂w. Differentiate (w_i·x_i)² with respect to w_i (chain rule)."
                )
            raise NotYet(
                "grad_by_hand is right for the exercise's w and x, but not for other ones: write "
                "∂L/∂w as a formula in w and x, not its numbers."
            )


@check(todo={"grad_by_hand": GRADIENT_TODO, "L": GRADIENT_TODO})
def check_gradient(grad_by_hand, w, L) -> str:
    """Check exercise 1: ∂L/∂w of L = Σ (w_i x_i)², by hand and by autograd.

    ``grad_by_hand(w, x)`` is the student's formula (tried on the exercise's ``w`` and ``x``
    and on others); ``w`` is the leaf tensor whose ``.grad`` ``L.backward()`` filled in; ``L``
    the loss.
    """
    import torch

    judge_by_hand(grad_by_hand)
    if not isinstance(w, torch.Tensor) or not torch.equal(w.detach(), torch.tensor(GRADIENT_W)):
        raise NotYet(
            f"w should still be the tensor {GRADIENT_W} made above: run that cell again, then "
            "yours."
        )
    expected = 2 * torch.tensor(GRADIENT_W) * torch.tensor(GRADIENT_X) ** 2
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
        raise NotYet(
            f"w.grad is {w.grad.tolist()}, but ∂L/∂w is {expected.tolist()}: is L the sum of "
            "(w_i·x_i)²?"
        )
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


def descent(steps: int, reset: bool = True, lr: float = DESCENT_LR, scale: float = 1.0):
    """Where ``steps`` steps of gradient descent on Σ (w_i - t_i)² lead from w = 0, computed
    without autograd. The options make the usual slips: ``reset=False`` lets the gradients
    add up from step to step (``w.grad`` never reset), ``lr`` another step size, ``scale``
    another loss (0.5: the mean instead of the sum)."""
    w, grad = [0.0 for _ in DESCENT_TARGET], [0.0 for _ in DESCENT_TARGET]
    for _ in range(steps):
        new = [scale * 2 * (wi - ti) for wi, ti in zip(w, DESCENT_TARGET)]
        grad = new if reset else [g + n for g, n in zip(grad, new)]
        w = [wi - lr * g for wi, g in zip(w, grad)]
    return w


SLIPS: list[tuple[dict, str]] = [
    ({"reset": False}, "the gradients add up: reset w.grad after each update"),
    ({"lr": 1.0}, "the step has no learning rate: move w by lr times the gradient"),
    ({"lr": 0.01}, "the learning rate is 0.01: use lr, 0.1"),
    ({"scale": 0.5}, "the gradient is half as large: L is the sum of the squares, not their mean"),
    ({"lr": -DESCENT_LR}, "w moved uphill: step against the gradient (minus)"),
]
"""Slips whose result ``check_descent`` recognises, with what it then says."""


def descent_hint(close) -> str:
    """What the student's ``w`` (tested by ``close``) shows went wrong."""
    for steps in range(1, 13):
        if steps != DESCENT_STEPS and close(descent(steps)):
            return (
                f"w is where {steps} step{'s' if steps > 1 else ''} of gradient descent lead, "
                f"not {DESCENT_STEPS}: did the cell stop with an error, or run more than once? "
                "Run the cell that creates w again, then yours once."
            )
    # the exercise's number of steps first: with lr = 1, w swings between two points, so 3
    # steps land where 1 does, and the hint must not say the student took 1
    counts = [DESCENT_STEPS, *(n for n in range(1, 13) if n != DESCENT_STEPS)]
    for steps in counts:
        for options, hint in SLIPS:
            if close(descent(steps, **options)):
                return f"w is where {steps} step{'s lead' if steps > 1 else ' leads'} when {hint}."
    return ""


@check
def check_descent(w) -> str:
    """Check exercise 2: ``w`` after 3 steps of gradient descent (lr 0.1) on
    L(w) = Σ (w_i - t_i)² from w = 0, resetting the gradient after each step."""
    import torch

    if not isinstance(w, torch.Tensor) or w.shape != (len(DESCENT_TARGET),):
        raise NotYet(
            f"w is {describe(w)}: it should be the tensor of 2 numbers made above, updated in "
            "place."
        )

    def close(values: list[float]) -> bool:
        return torch.allclose(w.detach().float(), torch.tensor(values), atol=1e-4)

    right = close(descent(DESCENT_STEPS))
    if w.grad_fn is not None or not w.requires_grad:
        where = "has the right values, but it" if right else "is not where 3 steps lead, and it"
        made = "carries a graph" if w.grad_fn is not None else "asks for no gradient"
        raise NotYet(
            f"w {where} is no longer the tensor made above: it {made}, so a new tensor replaced "
            "it. Update that one in place (w -= ...) inside torch.no_grad(). Then run the cell "
            "that creates w again, and yours."
        )
    if not right:
        if close(descent(0)):
            grad = w.grad
            if grad is None:
                raise NotYet("w has not moved yet: it is still [0, 0].")
            if not grad.abs().sum():
                raise NotYet(
                    "w has not moved, and w.grad is all zeros: the gradient was reset before "
                    "the update could use it. Reset it after the update."
                )
            raise NotYet(
                "w has not moved, yet backward() ran (w.grad is set): the update did not happen "
                "(did the cell stop with an error?). Change w in place inside torch.no_grad()."
            )
        hint = descent_hint(close)
        target = [round(v, 4) for v in descent(DESCENT_STEPS)]
        raise NotYet(
            hint
            or f"w is {[round(v, 4) for v in w.tolist()]}, not where {DESCENT_STEPS} steps "
            f"of gradient descent lead ({target}). Each step: the loss, its gradient, a step of "
            "lr times it downhill, then the gradient reset."
        )
    share = 1 - (1 - 2 * DESCENT_LR) ** DESCENT_STEPS  # each step covers 20% of what is left
    result = [round(v, 4) for v in descent(DESCENT_STEPS)]
    return f"w = {result}: {share:.1%} of the way to the target {DESCENT_TARGET}."
