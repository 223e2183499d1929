"""What a student's network does, watched layer by layer, whatever its structure.

The checks of notebooks 03 and 05 run a student's model on a batch they make and watch every
linear layer it computes: each call of ``F.linear``, which ``nn.Linear`` and
``nn.LazyLinear`` make too, is seen through a ``TorchFunctionMode``. So a ``nn.Sequential``,
nested blocks, a class of one's own with ``F.relu`` or ``torch.relu`` in its ``forward``, or
lazy layers are all judged by what they compute: the sizes the layers go through, what
happens between two of them (a ReLU, nothing, a sigmoid...), and whether the model returns
logits or puts an activation after them.
"""

from dataclasses import dataclass, field
from typing import Any

from nnhelpers.checks.values import describe
from nnhelpers.checks.verdict import NotYet, evaluating, first_line


@dataclass
class Step:
    """One linear or convolutional layer as the model computed it: what it got, its weight,
    and what it gave (None if it raised)."""

    input: Any
    weight: Any
    output: Any = None


@dataclass
class Trace:
    """What the model did on a batch: its output, and its linear layers and its 1D
    convolutions in the order it computed them (the last one unfinished if the model raised
    there)."""

    output: Any = None
    linears: list[Step] = field(default_factory=list)
    convolutions: list[Step] = field(default_factory=list)
    error: Exception | None = None

    @property
    def sizes(self) -> list[int]:
        """The sizes the layers go through, e.g. ``[784, 256, 128, 10]``."""
        done = [step for step in self.linears if step.output is not None]
        if not done:
            return []
        return [done[0].input.shape[-1], *(step.output.shape[-1] for step in done)]


def trace(model: Any, batch: Any) -> Trace:
    """Run ``model`` on ``batch`` in eval mode without gradients, watching its linear layers;
    an exception it raises is kept in the trace, not raised."""
    import torch.nn.functional as F
    from torch.overrides import TorchFunctionMode

    seen = Trace()

    watched = {F.linear: seen.linears, F.conv1d: seen.convolutions}

    class Watch(TorchFunctionMode):
        def __torch_function__(self, func, types, args=(), kwargs=None):
            kwargs = kwargs or {}
            if func not in watched:
                return func(*args, **kwargs)
            # copies: an in-place activation (nn.ReLU(inplace=True)) changes the tensors later
            step = Step(args[0].detach().clone(), args[1] if len(args) > 1 else kwargs["weight"])
            watched[func].append(step)
            output = func(*args, **kwargs)
            step.output = output.detach().clone()
            return output

    try:
        with evaluating(model), Watch():
            seen.output = model(batch)
    except Exception as error:  # the student's bug: the checks say what it means
        seen.error = error
    return seen


ACTIVATIONS = ("nothing", "a ReLU", "a sigmoid", "a tanh", "a softmax", "a log-softmax")


def between(before: Any, after: Any) -> str | None:
    """What turned ``before`` (a layer's output) into ``after`` (what came next): one of
    ``ACTIVATIONS``, or None for anything else (another activation, pooling, dropout...)."""
    import torch

    if before.numel() != after.numel():
        return None
    z, a = before.double(), after.detach().double().reshape(before.shape)
    candidates = {
        "nothing": z,
        "a ReLU": z.clamp(min=0),
        "a sigmoid": torch.sigmoid(z),
        "a tanh": torch.tanh(z),
    }
    if z.dim() == 2:
        candidates["a softmax"] = torch.softmax(z, dim=1)
        candidates["a log-softmax"] = torch.log_softmax(z, dim=1)
    for name, value in candidates.items():
        if torch.allclose(a, value, atol=1e-5, rtol=1e-4):
            return name
    return None


def after_logits(seen: Trace) -> str | None:
    """The activation the model puts after its last linear layer (``"a softmax"``, ...), or
    None when it returns that layer's output, its logits. Without linear layers the output's
    values tell: rows that sum to 1 are probabilities, rows whose exponentials do are
    log-probabilities, a batch without a negative number went through a ReLU."""
    import torch

    output = seen.output.detach().double()
    if seen.linears:
        found = between(seen.linears[-1].output, output)
        return None if found in (None, "nothing") else found
    if output.dim() != 2 or output.numel() < 6:
        return None
    ones = torch.ones(len(output), dtype=output.dtype)
    if (output >= 0).all() and torch.allclose(output.sum(dim=1), ones):
        return "a softmax"
    if torch.allclose(output.exp().sum(dim=1), ones):
        return "a log-softmax"
    if (output >= 0).all() and (output == 0).any():
        return "a ReLU"
    return None


def logits_hint(activation: str, loss: str) -> str:
    """The hint for a model that ends with ``activation`` instead of returning logits."""
    return (
        f"the model ends with {activation}, so it does not return logits: {loss} applies the "
        "(log-)softmax itself, and the logits must be free to take any value. End with the "
        "last Linear layer."
    )


def unmade_kept(model: Any) -> Any:
    """The model to run in a check: a copy if it has parameters not made yet (lazy modules
    make them on their first batch, with random numbers), so that the check does not make
    them for the student; the model itself otherwise."""
    import copy

    from torch.nn.parameter import UninitializedParameter

    if any(isinstance(p, UninitializedParameter) for p in model.parameters()):
        return copy.deepcopy(model)
    return model


def device_of(model: Any) -> Any:
    """The device of a model's first parameter (the CPU for a model without any)."""
    import torch

    first = next(iter(model.parameters()), None)
    return first.device if first is not None else torch.device("cpu")


def judge_network(model: Any, name: str) -> None:
    """Raise ``NotYet`` unless ``model`` (called ``name`` in the hint, e.g. ``"cnn"`` or
    ``"what make_mlp() returns"``) is a network: an ``nn.Module`` object."""
    from torch import nn

    if isinstance(model, type) and issubclass(model, nn.Module):
        raise NotYet(
            f"{name} is the class {model.__name__} itself: make a network from it, "
            f"{model.__name__}()."
        )
    if not isinstance(model, nn.Module):
        raise NotYet(f"{name} is {describe(model)}: build it from torch.nn's layers.")


def judge_own_layers(model: Any, seen: Trace, name: str) -> None:
    """Raise ``NotYet`` unless the layers ``seen`` computing are the model's own
    parameters, each used once, and every Linear layer of the model runs."""
    from torch import nn

    steps = [*seen.linears, *seen.convolutions]
    own = {id(p) for p in model.parameters()}
    if not all(id(step.weight) in own for step in steps):
        raise NotYet(
            f"{name} computes with layers that are not its own parameters (layers in a plain "
            "Python list or dict are invisible to model.parameters(), so no optimizer would "
            "train them): hold them in nn.Sequential or nn.ModuleList."
        )
    used = [id(step.weight) for step in steps]
    if len(set(used)) < len(used):
        raise NotYet(
            f"{name} uses one layer several times (the same module object, e.g. from a list "
            "multiplied, [layer] * 3): make a new layer for each place."
        )
    idle = [m for m in model.modules() if isinstance(m, nn.Linear) and id(m.weight) not in used]
    if idle:
        layer = idle[0]
        raise NotYet(
            f"{name} has a Linear layer ({layer.in_features} → {layer.out_features}) that never "
            "runs: forward must use every layer."
        )


def judge_mlp(model: Any, batch: Any, sizes: list[int], name: str, loss: str) -> Trace:
    """Judge a fully connected classifier: on ``batch`` its linear layers go through
    ``sizes`` with a ReLU between every two of them, their weights are the model's own
    parameters, and it returns the logits of its last one, for this batch and for a part of
    it alike. Return the trace, or raise ``NotYet`` saying what the model was seen to do."""
    judge_network(model, name)
    model = unmade_kept(model)
    seen = trace(model, batch.to(device_of(model)))
    if seen.error is not None:
        raise NotYet(failure_hint(seen, sizes, name)) from None
    judge_own_layers(model, seen, name)
    if seen.sizes != sizes:
        went = " → ".join(map(str, seen.sizes)) or "nowhere (no Linear layer ran)"
        raise NotYet(f"the Linear layers go {went}; they should go {' → '.join(map(str, sizes))}.")
    steps = seen.linears
    for number, (left, right) in enumerate(zip(steps, steps[1:]), start=1):
        found = between(left.output, right.input)
        if found != "a ReLU":
            what = {"nothing": "pass unchanged", None: "do not go through a ReLU"}.get(
                found, f"go through {found}, not a ReLU"
            )
            raise NotYet(
                f"between Linear layers {number} and {number + 1} (sizes {sizes[number - 1]} → "
                f"{sizes[number]} → {sizes[number + 1]}) the numbers {what}: the exercise puts "
                "a ReLU after every hidden layer."
            )
    judge_logits(seen, len(batch), sizes[-1], loss)
    judge_any_batch_size(model, batch, seen.output, name)
    return seen


def judge_any_batch_size(model: Any, batch: Any, output: Any, name: str) -> None:
    """Raise ``NotYet`` unless ``model`` gives the first rows of ``batch`` on their own the
    same outputs as within the whole batch (a reshape to a fixed batch size fails that)."""
    import torch

    part = trace(model, batch[:3].to(device_of(model)))
    if part.error is not None or not isinstance(part.output, torch.Tensor):
        raise NotYet(
            f"{name} works on a batch of {len(batch)} but not on a batch of 3 "
            f"({first_line(part.error) if part.error else describe(part.output)}): reshape with "
            "the batch's own size, e.g. x.flatten(1)."
        )
    if part.output.shape != output[:3].shape or not torch.allclose(
        part.output, output[:3], atol=1e-5
    ):
        raise NotYet(
            f"{name} gives other outputs for the same inputs in a batch of 3 than in a batch of "
            f"{len(batch)}: each input's result must depend on that input alone."
        )


def judge_logits(seen: Trace, n_rows: int, n_classes: int, loss: str) -> None:
    """Raise ``NotYet`` unless the traced model returned ``n_rows`` × ``n_classes`` logits."""
    import torch

    expected = (n_rows, n_classes)
    if not isinstance(seen.output, torch.Tensor) or tuple(seen.output.shape) != expected:
        got = describe(seen.output)
        raise NotYet(
            f"for {n_rows} inputs the model returns {got}, not {expected}: a logit per class."
        )
    activation = after_logits(seen)
    if activation:
        raise NotYet(logits_hint(activation, loss))


ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


def failure_hint(seen: Trace, sizes: list[int], name: str) -> str:
    """What a model that raised on the check's batch was seen to get wrong."""
    message = first_line(seen.error)
    failed = seen.linears[-1] if seen.linears and seen.linears[-1].output is None else None
    if failed is not None:
        number = len(seen.linears)
        which = ORDINALS[number - 1] if number <= len(ORDINALS) else f"number {number}"
        shape, takes = tuple(failed.input.shape), failed.weight.shape[-1]
        if number == 1 and len(shape) == 1:
            return (
                f"the first Linear layer got the whole batch as one row of {shape[0]} numbers: "
                "flatten each input on its own, keeping the batch dimension (start_dim=1)."
            )
        if number == 1 and len(shape) > 2:
            return (
                f"the first Linear layer got a batch of shape {shape}: a Linear layer needs each "
                f"input as one row of numbers, so flatten every input into a row of {sizes[0]} "
                "first (nn.Flatten() does it)."
            )
        if shape[-1] != takes:
            return (
                f"the {which} Linear layer takes rows of {takes} numbers, but it got rows of "
                f"{shape[-1]}: each layer must take as many numbers as come before it (the "
                f"sizes go {' → '.join(map(str, sizes))})."
            )
    if "device" in message:
        return f"the model and the data are on different devices ({message})."
    return f"{name} raised {type(seen.error).__name__} on a batch: {message}"


def conv_failure_hint(seen: Trace, name: str) -> str:
    """What a 1D CNN (``name``) that raised on a batch of sequences was seen to get wrong."""
    message = first_line(seen.error)
    convolutions, linears = seen.convolutions, seen.linears
    if convolutions and convolutions[-1].output is None:
        shape = tuple(convolutions[-1].input.shape)
        if len(convolutions) == 1 and (len(shape) < 3 or shape[1] != 1):
            return (
                f"the first convolution got a batch of shape {shape}: nn.Conv1d wants (batch, "
                "channels, time), so give each sequence one channel, before time."
            )
    if linears and linears[-1].output is None:
        shape, takes = tuple(linears[-1].input.shape), linears[-1].weight.shape[-1]
        if len(shape) > 2:
            return (
                f"the Linear layer got a batch of shape {shape}: it needs one row per input, so "
                "drop the time dimension first (nn.Flatten())."
            )
        return (
            f"the Linear layer takes rows of {takes} numbers, but got {shape[-1]}: after the "
            "last convolution, average each channel over time, one number per channel."
        )
    return f"{name} raised {type(seen.error).__name__} on a batch: {message}"
