"""Checks for the exercises of notebook 03, *Deep learning à la torch*."""

from nnhelpers.checks.models import judge_mlp, unmade_kept
from nnhelpers.checks.values import number
from nnhelpers.checks.verdict import NotYet, check, run_student, runs


def parameter_count_cases() -> list[tuple[str, object, int]]:
    """Models ``count_parameters`` is tried on: (name, model, number of parameters): an MLP
    like ``FullyConnected`` (its last layer without bias), a single layer, and a small CNN
    with batch normalisation (whose running statistics are buffers, not parameters)."""
    from torch import nn

    mlp = nn.Sequential(
        nn.Flatten(), nn.Linear(784, 500), nn.ReLU(), nn.Linear(500, 10, bias=False)
    )
    cnn = nn.Sequential(
        nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4), nn.Flatten(), nn.Linear(4 * 26 * 26, 2)
    )
    return [
        ("an MLP like FullyConnected", mlp, 784 * 500 + 500 + 500 * 10),
        ("nn.Linear(784, 500)", nn.Linear(784, 500), 784 * 500 + 500),
        ("a small CNN", cnn, (4 * 9 + 4) + (4 + 4) + (4 * 26 * 26 * 2 + 2)),
    ]


def count_hint(result: float, model, expected: int, name: str) -> str:
    """Why ``count_parameters`` gave ``result`` instead of ``expected`` for ``model``."""
    tensors = list(model.parameters())
    counts = {
        "tensors": len(tensors),
        "weights": sum(p.numel() for p in tensors if p.dim() > 1),
        "first": tensors[0].numel(),
        "rows": sum(len(p) for p in tensors),
        "state": sum(t.numel() for t in model.state_dict().values()),
        "twice": sum(p.numel() for m in model.modules() for p in m.parameters()),
    }
    hints = {
        "tensors": f"you counted {result:g} parameter tensors; count the numbers in them.",
        "weights": "you counted the weights only: the biases are parameters too.",
        "first": "you counted only the first parameter tensor: add up all of them.",
        "rows": "len(p) counts only the rows of a parameter tensor; count all its numbers.",
        "state": "you counted the buffers too (the running statistics of batch normalisation "
        "in state_dict()): count model.parameters() only.",
        "twice": "some parameters are counted more than once: model.modules() yields the model "
        "and its blocks too, and each one's parameters() already holds its layers'.",
    }
    for kind, count in counts.items():
        if result == count != expected:
            return hints[kind]
    if result == 397_500:
        return (
            f"for {name} you count 397,500, the count of the notebook's own model: count the "
            "model given as the argument."
        )
    return f"for {name} you count {result:g}, but it has {expected:,} parameters."


@check(
    todo={
        "count_parameters": "write the body of count_parameters(model): how many numbers all "
        "of the model's parameter tensors hold together."
    }
)
def check_count_parameters(count_parameters) -> str:
    """Check exercise 1: ``count_parameters(model)``, how many numbers an ``nn.Module``
    learns, tried on an MLP like this notebook's, a linear layer and a small CNN, and
    leaving each as it was."""
    for name, model, expected in parameter_count_cases():
        shapes = [p.shape for p in model.parameters()]
        result = run_student("count_parameters(model)", count_parameters, model)
        if [p.shape for p in model.parameters()] != shapes:
            raise NotYet("count_parameters changed the model's parameters: only count them.")
        if result is None:
            raise NotYet("count_parameters(model) returns None: end it with `return ...`.")
        result = number(result, "count_parameters(model)")
        if result != expected:
            raise NotYet(count_hint(result, model, expected, name))
    return "count_parameters is right: FullyConnected learns 397,500 numbers."


DEEPER_SIZES = [784, 256, 128, 10]
"""Exercise 2: the layer sizes of the deeper MLP."""


@check(todo={"model": "replace the ... of deeper with the network, built with nn.Sequential."})
def check_deeper_model(model) -> str:
    """Check exercise 2: a network whose linear layers go 784 -> 256 -> 128 -> 10 with a ReLU
    after each hidden layer, that takes a batch of MNIST images and returns logits.

    Any structure is fine (``nn.Sequential``, nested ones, a class of one's own, ``F.relu``,
    lazy layers, with or without biases): the check watches what the model computes
    (``nnhelpers.checks.models``).
    """
    import torch

    images = torch.rand(16, 1, 28, 28, generator=torch.Generator().manual_seed(0))
    judge_mlp(model, images, DEEPER_SIZES, "deeper", "F.cross_entropy")
    counted = unmade_kept(model)
    if counted is not model:  # lazy layers: count them on a copy that has seen a batch
        with torch.no_grad():
            counted(images)
    n_parameters = sum(p.numel() for p in counted.parameters())
    return f"your deeper MLP takes images and returns logits; it learns {n_parameters:,} numbers."


SGD_LR = 0.3
"""Exercise 3: the learning rate ``MySGD`` is tried with (not the notebook's 0.1, so that
an lr written into the class shows)."""
SGD_STEPS = 3


def sgd_case():
    """A small model, a layer that takes no part in the loss (its gradients stay None) and
    ``SGD_STEPS`` batches, all made from fixed seeds."""
    import torch
    from torch import nn

    torch.manual_seed(0)
    holder = nn.ModuleDict(
        {
            "model": nn.Sequential(nn.Linear(5, 4), nn.ReLU(), nn.Linear(4, 3)),
            "unused": nn.Linear(2, 2),
        }
    )
    generator = torch.Generator().manual_seed(1)
    batches = [
        (torch.randn(8, 5, generator=generator), torch.randint(0, 3, (8,), generator=generator))
        for _ in range(SGD_STEPS)
    ]
    return holder, batches


def step_hint(moved, wanted) -> str | None:
    """Why the parameters moved by ``moved`` instead of ``wanted`` (= -lr * grad), when
    the difference is a factor; None when it is not."""
    import torch

    if torch.allclose(moved, torch.zeros_like(moved), atol=1e-8):
        return (
            "step() changed no parameter. `p = p - ...` makes a new tensor and only rebinds "
            "the name p; update each parameter tensor itself, in place."
        )
    ratio = (moved @ wanted / (wanted @ wanted)).item()
    if not torch.allclose(moved, ratio * wanted, rtol=1e-3, atol=1e-6):
        return None
    if abs(ratio + 1) < 1e-3:
        return (
            "the parameters moved up the gradient, not down: the step has the wrong sign "
            "(gradient descent goes against the gradient)."
        )
    if abs(ratio - 1 / SGD_LR) < 1e-3:
        return "the step ignores the learning rate: scale the gradient by the lr given to MySGD."
    if abs(ratio - SGD_LR) < 1e-3:
        return "the step is the gradient times lr times lr: the learning rate is applied twice."
    return (
        f"the parameters moved {ratio:.3g} times as far as lr * grad (with lr={SGD_LR}): use "
        "the lr given to MySGD, once."
    )


def why_step_failed(optimizer, params, before, grads) -> str:
    """Why the student's ``step()`` raised, found by trying it again, from the same
    parameters and gradients, with one thing changed: inside ``torch.no_grad()``, or with
    zeros for the gradients that are None. "" when neither helps."""
    import contextlib

    import torch

    def succeeds(no_grad: bool, no_none: bool) -> bool:
        with torch.no_grad():
            for p, value in zip(params, before):
                p.copy_(value)
        for p, grad in zip(params, grads):
            p.grad = torch.zeros_like(p) if grad is None and no_none else grad
        with torch.no_grad() if no_grad else contextlib.nullcontext():
            return runs(optimizer.step)

    if succeeds(no_grad=True, no_none=False):
        return (
            "Autograd records the update of a parameter unless it is told not to: make "
            "the update inside torch.no_grad()."
        )
    if succeeds(no_grad=False, no_none=True) or succeeds(no_grad=True, no_none=True):
        return (
            "A parameter that took no part in the loss has .grad None after backward(): "
            "step() must skip such parameters."
        )
    return ""


def kept(model, params: list) -> bool:
    """True if ``model``'s parameters are still the very tensors ``params`` (none replaced,
    as an optimizer made before needs them)."""
    now = list(model.parameters())
    return len(now) == len(params) and all(a is b for a, b in zip(now, params))


def run_my_sgd(MySGD, as_list: bool) -> None:
    """Train ``sgd_case()`` with ``MySGD`` and, beside it, a copy with torch.optim.SGD;
    raise ``NotYet`` at the first difference. ``as_list``: give MySGD a list of the
    parameters rather than the generator ``model.parameters()``."""
    import copy

    import torch
    import torch.nn.functional as F

    holder, batches = sgd_case()
    reference = copy.deepcopy(holder)
    torch_sgd = torch.optim.SGD(reference.parameters(), lr=SGD_LR)
    params = list(holder.parameters())
    given = params if as_list else holder.parameters()
    optimizer = run_student(f"MySGD(model.parameters(), lr={SGD_LR})", MySGD, given, lr=SGD_LR)
    for k, (x, y) in enumerate(batches):
        for name in ("zero_grad", "step"):
            if not callable(getattr(optimizer, name, None)):
                raise NotYet(f"MySGD has no method {name}(): write def {name}(self): ...")
        run_student("optimizer.zero_grad()", optimizer.zero_grad)
        if any(p.grad is not None and p.grad.abs().sum() > 0 for p in params):
            raise NotYet(
                "zero_grad() leaves the gradients as they are, so they pile up from one "
                "backward() to the next: set each parameter's gradient to zero (or None)."
            )
        torch_sgd.zero_grad()
        F.cross_entropy(holder["model"](x), y).backward()
        F.cross_entropy(reference["model"](x), y).backward()
        before = [p.detach().clone() for p in params]
        grads = [None if p.grad is None else p.grad.clone() for p in params]
        try:
            run_student("optimizer.step()", optimizer.step)
        except NotYet as error:
            why = why_step_failed(optimizer, params, before, grads)
            raise NotYet(f"{error} {why}".rstrip()) from None
        torch_sgd.step()
        if not kept(holder, params) or not all(
            p.requires_grad and p.grad_fn is None for p in params
        ):
            raise NotYet(
                "after step() the parameters are no longer leaves that require a gradient: "
                "the update was recorded in autograd's graph (or replaced the tensors). "
                "Update the parameters in place inside torch.no_grad()."
            )
        if all(torch.allclose(p, r, atol=1e-6) for p, r in zip(params, reference.parameters())):
            continue
        with_grad = [i for i, g in enumerate(grads) if g is not None]
        if any(
            not torch.equal(params[i], before[i]) for i in range(len(params)) if grads[i] is None
        ):
            raise NotYet("step() changed a parameter whose .grad is None: skip those.")
        moved = torch.cat([(params[i] - before[i]).flatten() for i in with_grad]).detach()
        wanted = torch.cat([-SGD_LR * grads[i].flatten() for i in with_grad])
        hint = step_hint(moved, wanted)
        raise NotYet(
            hint
            or f"after step {k + 1} the parameters differ from those torch.optim.SGD gives: "
            "plain SGD moves each parameter by -lr * grad, nothing more (no momentum)."
        )


@check(todo={"MySGD": "write the class MySGD: __init__(self, params, lr), step(), zero_grad()."})
def check_my_sgd(MySGD) -> str:
    """Check exercise 3: ``MySGD(params, lr)`` with ``step()`` and ``zero_grad()``, trained
    beside ``torch.optim.SGD`` on a small model for a few batches: the same parameters after
    each step, a parameter whose gradient is None skipped, a generator of parameters taken
    as it comes, gradients zero (or None) after ``zero_grad()`` (seen from the second
    step on: before the first there are none yet), and parameters that stay leaves
    requiring a gradient. Any style passes (``p -= lr * p.grad`` under no_grad,
    ``p.data.add_``, a subclass of ``torch.optim.Optimizer``)."""
    try:
        run_my_sgd(MySGD, as_list=False)
    except NotYet:
        try:
            run_my_sgd(MySGD, as_list=True)
        except NotYet:
            pass
        else:
            raise NotYet(
                "MySGD works when given a list, but not model.parameters(), a generator: it "
                "can be gone through only once, so the next loop over it finds nothing. Keep "
                "the parameters as a list."
            ) from None
        raise
    return (
        f"MySGD does what torch.optim.SGD does: the same parameters after each of "
        f"{SGD_STEPS} steps, and a parameter without a gradient left alone."
    )


def relu_init_case(with_bias_free: bool = True):
    """Exercise 4's model: Linear layers at the top and inside a nested Sequential, one of
    them without bias (unless ``with_bias_free`` is False), and a LayerNorm that must stay
    as it is. Large enough layers that a sample's standard deviation is within 1% of the
    distribution's."""
    from torch import nn

    return nn.Sequential(
        nn.Flatten(),
        nn.Linear(400, 300),
        nn.ReLU(),
        nn.Sequential(nn.Linear(300, 200), nn.LayerNorm(200), nn.ReLU()),
        nn.Linear(200, 100, bias=not with_bias_free),
    )


def linears_of(model) -> list:
    """The ``nn.Linear`` layers inside ``model``, nested ones too, in order."""
    from torch import nn

    return [m for m in model.modules() if isinstance(m, nn.Linear)]


def weight_hint(name: str, std: float, fan_in: int, fan_out: int) -> str:
    """Why a layer's weights have standard deviation ``std`` instead of sqrt(2 / fan_in)."""
    wanted = (2 / fan_in) ** 0.5
    causes = [
        (
            (1 / fan_in) ** 0.5,
            "notebook 02's std, 1/sqrt(fan-in): the factor 2 that makes up for the ReLU is "
            "missing.",
        ),
        (
            (2 / fan_out) ** 0.5,
            "the std of sqrt(2/fan-out): fan-in is the number of inputs, in_features (the "
            "columns of weight), not the outputs.",
        ),
        (2 / fan_in, "std 2/fan-in, the variance: the standard deviation is its square root."),
        (
            wanted / 3**0.5,
            "a uniform distribution on [-a, a] with a = sqrt(2/fan-in): its std is "
            "a/sqrt(3), too small.",
        ),
    ]
    for value, cause in causes:
        if abs(std / value - 1) < 0.03:
            return f"the weights of {name} have {cause}"
    return f"the weights of {name} have std {std:.4f}, not sqrt(2/{fan_in}) = {wanted:.4f}."


def judge_relu_init(init_for_relu, model) -> None:
    """Run ``init_for_relu`` on ``model`` (a ``relu_init_case()``); raise ``NotYet`` at the
    first thing it did not do."""
    import torch

    params = list(model.parameters())
    old = {id(p): p.detach().clone() for p in params}
    try:
        run_student("init_for_relu(model)", init_for_relu, model)
    except NotYet as error:
        raise NotYet(f"{error} {why_init_failed(init_for_relu)}".rstrip()) from None
    if not kept(model, params):
        raise NotYet(
            "init_for_relu replaced parameters or layers with new ones: an optimizer made "
            "before would still hold the old ones. Fill the existing weights in place."
        )
    if not all(p.requires_grad for p in params):
        raise NotYet("after init_for_relu some parameters no longer require a gradient.")
    linears = linears_of(model)
    of_linears = {id(m.weight) for m in linears} | {id(m.bias) for m in linears}
    if any(id(p) not in of_linears and not torch.equal(p, old[id(p)]) for p in params):
        raise NotYet("init_for_relu changed a layer that is not nn.Linear (a LayerNorm).")
    changed = [not torch.equal(m.weight, old[id(m.weight)]) for m in linears]
    if not any(changed):
        raise NotYet("init_for_relu changed no weight: fill each nn.Linear's weight in place.")
    if not all(changed):
        raise NotYet(
            "a Linear inside the nested nn.Sequential kept its weights: go through "
            "model.modules(), which reaches nested layers too (model.children() gives only "
            "the top level)."
        )
    for m in linears:
        w, name = m.weight.detach(), f"Linear({m.in_features}, {m.out_features})"
        if w.mean().abs() > 5 * w.std() / w.numel() ** 0.5 + 1e-8:
            raise NotYet(f"the weights of {name} have mean {w.mean():.4f}: draw them around 0.")
        std = w.std().item()
        if abs(std / (2 / m.in_features) ** 0.5 - 1) > 0.03:
            raise NotYet(weight_hint(name, std, m.in_features, m.out_features))
        if m.bias is not None and m.bias.abs().sum() > 0:
            raise NotYet(f"the biases of {name} are not zero.")


def why_init_failed(init_for_relu) -> str:
    """Why ``init_for_relu`` raised, found by trying it again with one thing changed: on
    a model without a bias-free layer, or inside ``torch.no_grad()``. "" when neither
    helps."""
    import torch

    if runs(init_for_relu, relu_init_case(with_bias_free=False)):
        return "A Linear made with bias=False has .bias None: skip its bias."
    with torch.no_grad():
        helped = runs(init_for_relu, relu_init_case())
    if helped:
        return (
            "Changing a parameter in place is recorded by autograd unless it is told not "
            "to: do it inside torch.no_grad() (nn.init's functions do that themselves)."
        )
    return ""


@check(todo={"init_for_relu": "write the function init_for_relu(model)."})
def check_init_for_relu(init_for_relu) -> str:
    """Check exercise 4: ``init_for_relu(model)`` gives every ``nn.Linear`` of a model,
    nested ones too, weights of mean 0 and standard deviation sqrt(2 / fan-in) and zero
    biases (when it has them), in place, and leaves the other layers alone. Any
    distribution and any style passes (``nn.init.kaiming_normal_`` or ``_uniform_``,
    ``normal_`` with the std, ``model.apply``, ``.data``)."""
    import torch

    torch.manual_seed(0)
    judge_relu_init(init_for_relu, relu_init_case())
    return (
        "init_for_relu gives every nn.Linear, nested ones too, weights of std "
        "sqrt(2/fan-in) and zero biases, and leaves the other layers alone."
    )
