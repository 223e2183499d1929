"""Checks of training code, shared by the notebooks that train (02, 03 and 05): training
histories, training loops, and the accuracy a run reaches.

``judge_train`` runs a student's ``train`` on a tiny problem of its own, through a model and
an optimizer that watch every step, and says what it *saw* go wrong ("at every step the
parameters had no gradients"), not which line it guesses is missing.
"""

from collections.abc import Callable, Mapping
from typing import Any

from nnhelpers.checks.values import describe, number
from nnhelpers.checks.verdict import NotYet, check, evaluating, run_student

HISTORY_KEYS = ("train_loss", "val_loss", "val_acc")
"""The keys of a training history, one number per epoch each (more keys are fine)."""


def judge_history(history: Any, n_epochs: int, name: str) -> dict[str, list[float]]:
    """The course's three lists of ``history``, as floats, or ``NotYet`` saying what is off:
    a dict with ``HISTORY_KEYS``, ``n_epochs`` plain numbers each, accuracies as fractions."""
    if history is None:
        raise NotYet(f"{name} is None: return the history dict at the end of train.")
    if not isinstance(history, Mapping):
        raise NotYet(f"{name} is {describe(history)}: it should be the dict train returns.")
    missing = [key for key in HISTORY_KEYS if key not in history]
    if missing:
        raise NotYet(
            f"{name} has no {' or '.join(map(repr, missing))} (its keys: {sorted(history)}): "
            f"give it the keys {list(HISTORY_KEYS)}."
        )
    lists = {}
    for key in HISTORY_KEYS:
        values = history[key]
        if not hasattr(values, "__len__") or isinstance(values, str):
            raise NotYet(f"{name}[{key!r}] is {describe(values)}: make it a list, one per epoch.")
        if len(values) != n_epochs:
            raise NotYet(
                f"{name}[{key!r}] holds {len(values)} values for {n_epochs} epochs: append one "
                "number per epoch."
            )
        lists[key] = [number(value, f"{name}[{key!r}][{i}]") for i, value in enumerate(values)]
    if not all(0 <= value <= 1 for value in lists["val_acc"]):
        raise NotYet(f"{name}['val_acc'] should hold fractions between 0 and 1, not percents.")
    return lists


# --- a training loop, watched step by step --------------------------------------------------

N_FEATURES, N_CLASSES, BATCH = 4, 3, 8


def label_of(x: Any) -> Any:
    """The rule the tiny problem's labels follow: the largest of the first 3 features."""
    return x[:, :N_CLASSES].argmax(dim=1)


def watched_model() -> Any:
    """A tiny linear classifier that remembers the last batch it saw and its mode; its class
    is made here, so that importing the checks does not import torch."""
    from torch import nn

    class Watched(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = nn.Linear(N_FEATURES, N_CLASSES)
            self.last_input = None

        def forward(self, x):
            if x.dim() != 2 or x.shape[1] != N_FEATURES:
                raise NotYet(
                    f"train ran the model on a batch of shape {tuple(x.shape)}, but the loaders "
                    f"it was given serve rows of {N_FEATURES} numbers: use its train_loader and "
                    "val_loader arguments, not the notebook's own loaders."
                )
            self.last_input = x.detach()
            return self.inner(x)

    return Watched()


class WatchingOptimizer:
    """Wraps an optimizer; at each ``step`` it records what the parameters' gradients are
    (compared with those of the last batch's mean cross-entropy, and with the usual ways of
    getting them wrong) and the batch's loss, then steps."""

    def __init__(self, optimizer: Any, model: Any) -> None:
        self.optimizer, self.model = optimizer, model
        self.param_groups = optimizer.param_groups
        self.seen: list[str] = []  # per step, a key of STEP_HINTS, or "right"
        self.losses: list[float] = []
        self.modes: list[bool] = []
        self.added: list[Any] = []  # the sum of this epoch's gradients so far

    def zero_grad(self, set_to_none: bool = True) -> None:
        self.optimizer.zero_grad(set_to_none=set_to_none)

    def __getattr__(self, name: str) -> Any:  # defaults, state, state_dict, ...
        return getattr(self.optimizer, name)

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        import torch
        import torch.nn.functional as F

        x = self.model.last_input
        params = [p for group in self.param_groups for p in group["params"]]
        with torch.enable_grad():
            logits = self.model.inner(x)
            loss = F.cross_entropy(logits, label_of(x))
            right = torch.autograd.grad(loss, params, retain_graph=True)
            softmax = torch.autograd.grad(
                F.cross_entropy(torch.softmax(logits, dim=1), label_of(x)), params
            )
        self.added = [a + r for a, r in zip(self.added, right)] if self.added else list(right)
        given = [p.grad for p in params]

        def same(grads: Any) -> bool:
            return all(torch.allclose(g, e, atol=1e-6) for g, e in zip(given, grads))

        if all(g is None for g in given):
            self.seen.append("none")
        elif any(g is None for g in given):
            self.seen.append("other")
        elif same(right):
            self.seen.append("right")
        elif same(self.added):
            self.seen.append("added")
        elif same(softmax):
            self.seen.append("softmax")
        elif same([2 * r for r in right]):
            self.seen.append("twice")
        elif same([len(x) * r for r in right]):
            self.seen.append("sum")
        else:
            self.seen.append("other")
        self.losses.append(loss.item())
        self.modes.append(self.model.training)
        return self.optimizer.step(closure)


def tiny_problem() -> tuple[Any, Any]:
    """The training and validation loaders of the tiny problem: 32 and 16 rows, batches of
    8, the training rows reshuffled every epoch (by a generator of its own)."""
    import torch
    from torch.utils.data import DataLoader, TensorDataset

    generator = torch.Generator().manual_seed(0)
    X = torch.randn(48, N_FEATURES, generator=generator)
    train_data = TensorDataset(X[:32], label_of(X[:32]))
    val_data = TensorDataset(X[32:], label_of(X[32:]))
    train_loader = DataLoader(train_data, batch_size=BATCH, shuffle=True, generator=generator)
    return train_loader, DataLoader(val_data, batch_size=BATCH)


STEP_HINTS = {
    "none": "when optimizer.step() ran, the parameters had no gradients: loss.backward() must "
    "come before optimizer.step() in every batch, and optimizer.zero_grad() before "
    "loss.backward(), not between it and the step (it throws the gradients away).",
    "added": "at each step the gradients held the sum of all the batches so far: nothing "
    "reset them between steps (optimizer.zero_grad()).",
    "softmax": "the gradients are those of the cross-entropy of probabilities: the loss got "
    "the model's outputs after a softmax, but the cross-entropy applies it itself: give it "
    "the logits.",
    "twice": "the gradients are twice those of the batch's loss: backward() ran twice per batch.",
    "sum": "the gradients are batch size times too large: the loss is a sum over the batch; "
    "use the mean (the loss function's default).",
    "other": "at the steps the gradients were not those of this batch's loss: compute the "
    "loss of model(x) against y, call loss.backward() once, then optimizer.step().",
}


def judge_train(train: Callable[..., Any], call: str, n_epochs: int = 3) -> None:
    """Run ``train(model, optimizer, train_loader, val_loader, n_epochs)`` on the tiny
    problem and raise ``NotYet`` with what went wrong, if anything: the history, one step
    per batch on the optimizer given, the right gradients at every step, the model in
    training mode, a falling training loss, and the validation numbers of ``val_loader``."""
    import torch
    import torch.nn.functional as F

    train_loader, val_loader = tiny_problem()
    torch.manual_seed(0)
    model = watched_model()
    optimizer = WatchingOptimizer(torch.optim.SGD(model.parameters(), lr=0.5), model)
    history = run_student(call, train, model, optimizer, train_loader, val_loader, n_epochs)
    n_batches = len(train_loader)
    if not optimizer.seen:
        raise NotYet("train never called optimizer.step() on the optimizer it was given.")
    epochs_run = len(optimizer.seen) / n_batches
    recorded = len(history.get("train_loss", [])) if isinstance(history, Mapping) else None
    if epochs_run != n_epochs and epochs_run == recorded:
        raise NotYet(
            f"train ran {epochs_run:.0f} epochs when asked for {n_epochs}: loop over its "
            "n_epochs argument."
        )
    lists = judge_history(history, n_epochs, "the history")
    if len(optimizer.seen) != n_epochs * n_batches:
        raise NotYet(
            f"train called optimizer.step() {len(optimizer.seen)} times in {n_epochs} epochs of "
            f"{n_batches} batches: once per batch, {n_epochs * n_batches} in all."
        )
    wrong = [seen for seen in optimizer.seen if seen != "right"]
    if wrong:
        kind = "added" if "added" in wrong else wrong[0]
        raise NotYet(STEP_HINTS[kind])
    if not all(optimizer.modes):
        raise NotYet(
            "some steps ran with the model in eval mode (evaluate switches it): call "
            "model.train() at the start of every epoch."
        )
    per_epoch = [
        sum(optimizer.losses[e * n_batches : (e + 1) * n_batches]) / n_batches
        for e in range(n_epochs)
    ]
    given = lists["train_loss"]
    if not all(abs(g - e) < 1e-4 for g, e in zip(given, per_epoch)):
        n_rows = len(train_loader.dataset)
        if all(abs(g - e * n_rows) < 1e-3 for g, e in zip(given, per_epoch)):
            raise NotYet("train_loss is a sum over the epoch: divide by the number of rows.")
        raise NotYet(
            f"train_loss is {[round(g, 4) for g in given]}, but the mean losses of the epochs' "
            f"batches were {[round(e, 4) for e in per_epoch]}: add up each batch's loss times "
            "its size, then divide by the number of training rows."
        )
    with torch.no_grad():
        val_x, val_y = val_loader.dataset.tensors
        train_x, train_y = train_loader.dataset.tensors
        val_loss = F.cross_entropy(model(val_x), val_y).item()
        val_acc = (model(val_x).argmax(dim=1) == val_y).float().mean().item()
        train_acc = (model(train_x).argmax(dim=1) == train_y).float().mean().item()
    last_loss, last_acc = lists["val_loss"][-1], lists["val_acc"][-1]
    if abs(last_acc - val_acc) > 1e-4 or abs(last_loss - val_loss) > 1e-4:
        if abs(last_acc - val_loss) < 1e-4 and abs(last_loss - val_acc) < 1e-4:
            raise NotYet(
                "val_loss holds the accuracy and val_acc the loss: evaluate returns the loss "
                "first, then the accuracy."
            )
        if abs(last_acc - train_acc) < 1e-4 and abs(train_acc - val_acc) > 1e-4:
            raise NotYet("the validation numbers are those of the training set: use val_loader.")
        raise NotYet(
            f"after the last epoch val_loss is {last_loss:.4f} and val_acc {last_acc:.4f}, but "
            f"on the val_loader it was given the model has {val_loss:.4f} and {val_acc:.4f}: "
            "evaluate the model on val_loader (the argument) after each epoch's training."
        )


def judge_last_epoch(history: dict, model: Any, X: Any, Y: Any, name: str) -> None:
    """Raise ``NotYet`` unless the last validation numbers of ``history`` are ``model``'s
    on the validation data ``X``, ``Y``."""
    import torch.nn.functional as F

    from nnhelpers.checks.models import device_of

    with evaluating(model):
        logits = model(X.to(device_of(model))).cpu()
    accuracy = (logits.argmax(dim=1) == Y.cpu()).float().mean().item()
    loss = F.cross_entropy(logits, Y.cpu()).item()
    last_acc, last_loss = float(history["val_acc"][-1]), float(history["val_loss"][-1])
    if abs(last_acc - accuracy) > 1e-4 or abs(last_loss - loss) > 1e-3 * max(1.0, loss):
        raise NotYet(
            f"the last val_acc and val_loss of {name} are {last_acc:.4f} and {last_loss:.4f}, "
            f"but on the test set the model has {accuracy:.4f} and {loss:.4f}: is it this "
            "model's run, validated on the test set? (A model trained further after its run, "
            "say by another cell, needs its run again.)"
        )


def judge_runs(histories: Mapping[str, Any], n_epochs: int) -> None:
    """Raise ``NotYet`` unless every history in ``histories`` (``{how the hint calls it:
    history}``, e.g. ``{"histories['Adam']": ...}``) has the course's shape, shows a network
    that changed (a training loss that is not the same in every epoch), and differs from
    the others."""
    seen: dict[str, list[float]] = {}
    for name, history in histories.items():
        losses = judge_history(history, n_epochs, name)["train_loss"]
        if n_epochs > 1 and max(losses) - min(losses) <= 1e-6 * max(1.0, abs(losses[0])):
            raise NotYet(
                f"the training loss in {name} is the same in every epoch: the network never "
                "changed. Is its optimizer made over this network's own parameters?"
            )
        for other, other_losses in seen.items():
            if other_losses == losses:
                raise NotYet(
                    f"{name} and {other} hold the very same numbers: is it one run twice, "
                    "with the same optimizer?"
                )
        seen[name] = losses


@check
def check_accuracy(accuracy, target: float) -> str:
    """Check that a test ``accuracy`` (a fraction, one plain number) reaches ``target``."""
    value = number(accuracy, "the accuracy")
    if not 0 <= value <= 1:
        raise NotYet(f"the accuracy is {value:g}: give it as a fraction between 0 and 1.")
    if value < target:
        raise NotYet(
            f"test accuracy {value:.3f} is below the target {target:.2f}: train longer, or try "
            "another optimizer or model."
        )
    return f"test accuracy {value:.3f} reaches the target {target:.2f}."
