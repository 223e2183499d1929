"""Checks for the exercises of notebook 05, *Classifying anomalous diffusion*."""

from nnhelpers.checks.models import last_layer_run, linear_sizes, logits_hint, trailing_activation
from nnhelpers.checks.verdict import NotYet, check, evaluating, first_line, run_student

ANDI_CLASSES = ["ATTM", "CTRW", "FBM"]
"""The classes, in andi-datasets' order: model labels 0, 1 and 2."""
TEST_SHARE = 0.2
"""The share of the trajectories that goes to the test set."""


def flat_share(X):
    """For each trajectory (row) of ``X``, the share of its steps that do not move."""
    return (X.diff(dim=1) == 0).float().mean(dim=1)


SPLIT_TODO = (
    "replace the ... of X_a, Y_a, X_e and Y_e: make X and labels tensors on device, shuffle "
    "their rows with one permutation, then take the first 80% for training, the rest for testing."
)


@check(todo={name: SPLIT_TODO for name in ("X_a", "Y_a", "X_e", "Y_e")})
def check_split(X_a, Y_a, X_e, Y_e, length: int = 100) -> str:
    """Check the split of the trajectories into training (``X_a``, ``Y_a``) and test
    (``X_e``, ``Y_e``) tensors: float32 rows of ``length`` positions, int64 class indices
    0-2, 80/20, every class in both sets, rows shuffled, each label still with its
    trajectory.

    The last point uses the physics: at the notebook's exponent (0.2) a CTRW trajectory
    stands still at more than half of its steps, an ATTM or FBM one (almost) never does.
    """
    import torch

    parts = {"X_a": X_a, "Y_a": Y_a, "X_e": X_e, "Y_e": Y_e}
    for name, part in parts.items():
        if not isinstance(part, torch.Tensor):
            raise NotYet(
                f"{name} is a {type(part).__name__}: make it a torch tensor (torch.tensor(...))."
            )
    if len({part.device for part in parts.values()}) > 1:
        raise NotYet(
            "the four tensors are on different devices: put them all on `device` (.to(device))."
        )
    for x_name, X, y_name, Y in (("X_a", X_a, "Y_a", Y_a), ("X_e", X_e, "Y_e", Y_e)):
        if X.dim() != 2 or X.shape[1] != length:
            hint = (
                f"{x_name} has shape {tuple(X.shape)}: it should hold one row of {length} positions"
            )
            if X.dim() == 2 and X.shape[1] == length + 2:
                raise NotYet(f"{hint}, without the label and exponent columns: data[:, 2:].")
            raise NotYet(f"{hint} per trajectory.")
        if X.dtype != torch.float32:
            raise NotYet(
                f"{x_name} has dtype {X.dtype}: the weights are float32, so use "
                "dtype=torch.float32."
            )
        if Y.dim() != 1 or len(Y) != len(X):
            raise NotYet(
                f"{y_name} has shape {tuple(Y.shape)}: give it one label per row of {x_name} "
                f"({len(X)})."
            )
        if Y.dtype != torch.int64:
            raise NotYet(
                f"{y_name} has dtype {Y.dtype}: the loss wants class indices, so use "
                "dtype=torch.long (the model labels are the first column, data[:, 0])."
            )
        if not ((Y >= 0) & (Y < len(ANDI_CLASSES))).all():
            raise NotYet(
                f"{y_name} holds labels other than 0, 1 and 2: take the first column, data[:, 0]."
            )
    if len(torch.cat([Y_a, Y_e]).unique()) == 1:
        raise NotYet(
            f"every label is {Y_a[0].item()}: the labels are the first column, data[:, 0] "
            "(`labels` above); the second column is the exponent, 0.2 for all."
        )
    n = len(X_a) + len(X_e)
    if abs(len(X_e) - TEST_SHARE * n) > 1:
        raise NotYet(
            f"the test set holds {len(X_e) / n:.0%} of the trajectories; it should hold "
            f"{TEST_SHARE:.0%}."
        )
    for name, Y in (("test", Y_e), ("training", Y_a)):
        missing = [c for i, c in enumerate(ANDI_CLASSES) if not (Y == i).any()]
        if missing:
            raise NotYet(
                f"the {name} set has no {' or '.join(missing)} trajectories: the rows come "
                "sorted by class, so shuffle them with a random permutation before you split."
            )
    if (Y_a.diff() >= 0).all():
        raise NotYet(
            "the training rows are still sorted by class: shuffle X and Y with one random "
            "permutation."
        )
    ctrw = ANDI_CLASSES.index("CTRW")
    for x_name, X, Y in (("X_a", X_a, Y_a), ("X_e", X_e, Y_e)):
        mostly_flat = flat_share(X) > 0.5
        if (
            mostly_flat[Y == ctrw].float().mean() < 0.9
            or mostly_flat[Y != ctrw].float().mean() > 0.1
        ):
            raise NotYet(
                f"the labels no longer belong to the trajectories of {x_name} (the CTRW ones, "
                "which stand still most of the time, carry other labels): index X and Y with "
                "the same permutation."
            )
    return "80% for training, 20% for testing, shuffled, every class in both, labels intact."


LOADERS_TODO = (
    "replace the ... of train_loader and test_loader with DataLoaders over TensorDataset(X_a, "
    "Y_a) (shuffled) and TensorDataset(X_e, Y_e), in batches of 64."
)


def row_keys(X):
    """One number per row of ``X`` that tells rows apart: a fixed random projection."""
    import torch

    weights = torch.randn(X.shape[1], generator=torch.Generator().manual_seed(0))
    return (X.detach().double().cpu() @ weights.double()).sort().values


def served(loader, name: str):
    """The (trajectories, labels) batches ``loader`` serves in one pass."""
    import torch

    batches = run_student(f"iterating over {name}", list, loader)
    if not batches or not all(isinstance(b, (tuple, list)) and len(b) == 2 for b in batches):
        raise NotYet(
            f"{name} should serve (trajectories, labels) pairs: DataLoader(TensorDataset(X, Y), "
            "...)."
        )
    if not all(isinstance(b[0], torch.Tensor) for b in batches):
        raise NotYet(f"{name} should serve tensors: DataLoader(TensorDataset(X, Y), ...).")
    if batches[0][0].dim() < 2:
        raise NotYet(
            f"{name} serves one trajectory at a time: wrap the TensorDataset in a "
            "DataLoader(..., batch_size=64), which serves batches."
        )
    return batches


@check(todo={"train_loader": LOADERS_TODO, "test_loader": LOADERS_TODO})
def check_loaders(train_loader, test_loader, X_a, X_e, batch_size: int = 64) -> str:
    """Check the DataLoaders: one that serves the training tensors shuffled anew in every
    epoch, one that serves the test tensors, both in batches of ``batch_size``.

    The check looks at what the loaders serve, so any way of making them is fine (e.g.
    ``shuffle=True``, or a ``BatchSampler`` with ``batch_size=None`` as in notebook 04).
    """
    import torch

    keys = {"X_a": row_keys(X_a), "X_e": row_keys(X_e)}
    for name, loader, x_name, other in (
        ("train_loader", train_loader, "X_a", "X_e"),
        ("test_loader", test_loader, "X_e", "X_a"),
    ):
        batches = served(loader, name)
        rows = torch.cat([b[0] for b in batches])
        if len(rows) != len(keys[x_name]) or not torch.allclose(row_keys(rows), keys[x_name]):
            if len(rows) == len(keys[other]) and torch.allclose(row_keys(rows), keys[other]):
                raise NotYet(
                    f"{name} serves the trajectories of {other}: give it {x_name} and its labels "
                    "(are the two loaders swapped?)."
                )
            raise NotYet(
                f"{name} serves {len(rows)} trajectories that are not those of {x_name} "
                f"({len(keys[x_name])}): give it TensorDataset({x_name}, its labels)."
            )
        sizes = [len(b[0]) for b in batches]
        if any(size != batch_size for size in sizes[:-1]) or sizes[-1] > batch_size:
            raise NotYet(f"{name} serves batches of {sizes[0]}; use batches of {batch_size}.")
    first, second = served(train_loader, "train_loader"), served(train_loader, "train_loader")
    if torch.equal(first[0][0], second[0][0]):
        raise NotYet(
            "train_loader serves the batches in the same order every epoch: pass shuffle=True."
        )
    return f"batches of {batch_size}; the training batches come in a new order every epoch."


def judge_classifier(model, X, description: str) -> int:
    """Judge a model that should map trajectories (rows of ``X``) to 3 logits each; return
    its number of parameters, or raise ``NotYet`` saying what is wrong."""
    import torch
    from torch import nn

    if not isinstance(model, nn.Module):
        raise NotYet(
            f"{description} is a {type(model).__name__}: build it from torch.nn, e.g. "
            "nn.Sequential(...)."
        )
    if not any(p.requires_grad for p in model.parameters()):
        raise NotYet(
            f"{description} has nothing to learn: it needs layers with parameters, such as "
            "nn.Linear."
        )
    batch = X[:8]
    try:
        with evaluating(model):
            logits, last, _ = last_layer_run(model, batch)
    except Exception as error:  # the student's bug, reported with what it most likely means
        message = first_line(error)
        if "device" in message:
            raise NotYet(
                f"the model and the data are on different devices ({message}): model.to(device)."
            ) from None
        if "cannot be multiplied" in message:
            raise NotYet(
                f"{message}: the first layer should take the {X.shape[1]} numbers of a trajectory."
            ) from None
        if "channels" in message:
            raise NotYet(
                f"{message}: nn.Conv1d wants (batch, channels, time), so give each trajectory a "
                f"channel dimension first, e.g. nn.Unflatten(1, (1, {X.shape[1]}))."
            ) from None
        raise NotYet(f"{description}(X[:8]) raised {type(error).__name__}: {message}") from None
    expected = (len(batch), len(ANDI_CLASSES))
    if not isinstance(logits, torch.Tensor) or tuple(logits.shape) != expected:
        shape = tuple(logits.shape) if isinstance(logits, torch.Tensor) else type(logits).__name__
        raise NotYet(
            f"for {len(batch)} trajectories the model returns {shape}, not {expected}: a logit "
            "per class."
        )
    activation = trailing_activation(logits, last)
    if activation:
        raise NotYet(logits_hint(activation, "The cross-entropy loss"))
    return sum(p.numel() for p in model.parameters())


@check
def check_model(model, X) -> str:
    """Check a classifier: it maps a batch of trajectories from ``X`` (e.g. ``X_e``) to 3
    logits per trajectory, on the data's device."""
    n_parameters = judge_classifier(model, X, "model")
    return f"the model maps trajectories to 3 logits each; it learns {n_parameters:,} numbers."


MLP_SIZES = [100, 500, 500, 500, 500, 3]
"""Exercise 3: the layer sizes of the fully connected network."""


@check(
    todo={
        "make_mlp": "write the body of make_mlp(): return nn.Sequential(nn.Linear(100, 500), "
        "nn.ReLU(), ..., nn.Linear(500, 3))."
    }
)
def check_mlp(make_mlp, X) -> str:
    """Check exercise 3: ``make_mlp()`` returns a new fully connected network 100 -> 500 ->
    500 -> 500 -> 500 -> 3 with a ReLU after each hidden layer, that returns logits."""
    from torch import nn

    model = run_student("make_mlp()", make_mlp)
    if model is None:
        raise NotYet("make_mlp() returns None: end it with `return nn.Sequential(...)`.")
    if isinstance(model, nn.Module) and model is run_student("make_mlp()", make_mlp):
        raise NotYet(
            "make_mlp() returns the same model every time: build a new one inside the function."
        )
    sizes = linear_sizes(model) if isinstance(model, nn.Module) else []
    if isinstance(model, nn.Module) and sizes != MLP_SIZES:
        raise NotYet(f"the Linear layers go {sizes or 'nowhere'}; they should go {MLP_SIZES}.")
    if isinstance(model, nn.Module):
        model = model.to(X.device)
    n_parameters = judge_classifier(model, X, "make_mlp()")
    with evaluating(model):
        _, _, ran = last_layer_run(model, X[:8])
    relus = sum(isinstance(m, nn.ReLU) for m in ran)
    if relus != len(MLP_SIZES) - 2:
        raise NotYet(
            f"the network has {relus} ReLU(s) for {len(MLP_SIZES) - 2} hidden layers: put an "
            "nn.ReLU() after each hidden Linear layer, and none after the last."
        )
    return (
        f"make_mlp() builds the network: trajectories in, 3 logits out, {n_parameters:,} numbers."
    )


class SpyOptimizer:
    """Wraps an optimizer; at each ``step`` it records whether the parameters' gradients are
    those of the last batch's mean loss alone (and the loss itself), then steps."""

    def __init__(self, optimizer, model, label_of):
        self.optimizer, self.model, self.label_of = optimizer, model, label_of
        self.steps, self.fresh, self.losses = 0, [], []
        self.param_groups = optimizer.param_groups

    def zero_grad(self, set_to_none: bool = True) -> None:
        self.optimizer.zero_grad(set_to_none=set_to_none)

    def step(self, closure=None):
        import torch
        import torch.nn.functional as F

        x = self.model.last_input
        params = [p for group in self.param_groups for p in group["params"]]
        with torch.enable_grad():
            loss = F.cross_entropy(self.model.inner(x), self.label_of(x))
            expected = torch.autograd.grad(loss, params)
        given = [p.grad if p.grad is not None else torch.zeros_like(p) for p in params]
        self.fresh.append(all(torch.allclose(g, e, atol=1e-6) for g, e in zip(given, expected)))
        self.losses.append(loss.item())
        self.steps += 1
        return self.optimizer.step(closure)


def spy_model(n_features: int, n_classes: int):
    """A tiny linear classifier that remembers the last batch it saw (see ``SpyOptimizer``);
    its class is made here, so that importing the checks does not import torch."""
    from torch import nn

    class Spy(nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = nn.Linear(n_features, n_classes)
            self.last_input = None

        def forward(self, x):
            self.last_input = x.detach()
            return self.inner(x)

    return Spy()


TRAIN_TODO = (
    "write the body of train(model, optimizer, train_loader, val_loader, n_epochs): in each "
    "epoch train on every batch (zero_grad, loss, backward, step), then evaluate on "
    "val_loader; return the history dict."
)
HISTORY_KEYS = ("train_loss", "val_loss", "val_acc")


def check_history_shape(history, n_epochs: int, name: str) -> None:
    """Raise ``NotYet`` unless ``history`` has the course's keys, ``n_epochs`` numbers each."""
    if history is None:
        raise NotYet(f"{name} is None: return the history dict at the end of train.")
    if not isinstance(history, dict):
        raise NotYet(f"{name} is a {type(history).__name__}: it should be the dict train returns.")
    if set(history) != set(HISTORY_KEYS):
        raise NotYet(
            f"{name} has the keys {sorted(history)}; use {list(HISTORY_KEYS)}, the course's "
            "names (notebooks 02 and 03 use them too)."
        )
    for key in HISTORY_KEYS:
        values = history[key]
        if not isinstance(values, (list, tuple)) or len(values) != n_epochs:
            count = len(values) if hasattr(values, "__len__") else type(values).__name__
            raise NotYet(
                f"{name}[{key!r}] holds {count} values for {n_epochs} epochs: append one number "
                "per epoch."
            )
        try:
            [float(v) for v in values]
        except (TypeError, ValueError, RuntimeError):
            raise NotYet(f"{name}[{key!r}] should hold numbers (use .item()).") from None
    if not all(0 <= float(v) <= 1 for v in history["val_acc"]):
        raise NotYet(f"{name}['val_acc'] should hold fractions between 0 and 1, not percents.")


@check(todo={"train": TRAIN_TODO})
def check_train(train) -> str:
    """Check exercise 4: ``train(model, optimizer, train_loader, val_loader, n_epochs)``.

    It runs 3 short epochs on a tiny fixed problem (4 features, 3 classes, 32 training and 16
    validation rows, batches of 8) and looks at what comes back and at every step: the
    history's keys and lengths, a falling training loss, the validation numbers of the
    loader it was given, and gradients reset before each step.
    """
    import torch
    import torch.nn.functional as F
    from torch.utils.data import DataLoader, TensorDataset

    generator = torch.Generator().manual_seed(0)
    X = torch.randn(48, 4, generator=generator)
    label_of = lambda x: x[:, :3].argmax(dim=1)  # noqa: E731 (a rule the data follows)
    train_data, val_data = (
        TensorDataset(X[:32], label_of(X[:32])),
        TensorDataset(X[32:], label_of(X[32:])),
    )
    train_loader = DataLoader(train_data, batch_size=8, shuffle=True, generator=generator)
    val_loader = DataLoader(val_data, batch_size=8)
    torch.manual_seed(0)
    model = spy_model(4, 3)
    optimizer = SpyOptimizer(torch.optim.SGD(model.parameters(), lr=0.5), model, label_of)
    n_epochs = 3
    history = run_student(
        "train(model, optimizer, train_loader, val_loader, 3)",
        train,
        model,
        optimizer,
        train_loader,
        val_loader,
        n_epochs,
    )
    check_history_shape(history, n_epochs, "the history")
    steps = n_epochs * len(train_loader)
    if optimizer.steps == 0:
        raise NotYet("train never called optimizer.step() on the optimizer it was given.")
    if optimizer.steps != steps:
        raise NotYet(
            f"train took {optimizer.steps} steps in {n_epochs} epochs of {len(train_loader)} "
            f"batches: one optimizer.step() per batch, {steps} in all."
        )
    if not all(optimizer.fresh[1:]):
        raise NotYet(
            "the gradients add up from batch to batch: call optimizer.zero_grad() before each "
            "loss.backward()."
        )
    if not optimizer.fresh[0]:
        raise NotYet(
            "the gradients at each step are not those of the batch's mean loss: compute "
            "loss = loss_fn(model(x), y) once and call loss.backward() once per batch."
        )
    per_epoch = len(train_loader)
    expected_train = [
        sum(optimizer.losses[e * per_epoch : (e + 1) * per_epoch]) / per_epoch
        for e in range(n_epochs)
    ]
    given_train = [float(v) for v in history["train_loss"]]
    if not all(abs(g - e) < 1e-4 for g, e in zip(given_train, expected_train)):
        if all(abs(g - e * len(train_data)) < 1e-3 for g, e in zip(given_train, expected_train)):
            raise NotYet(
                "train_loss is a sum over the epoch: divide by the number of trajectories."
            )
        raise NotYet(
            "train_loss should be each epoch's mean training loss: add up loss.item() × batch "
            "size over the batches, then divide by len(train_loader.dataset)."
        )
    if not given_train[-1] < given_train[0]:
        raise NotYet("the training loss did not go down: is the optimizer stepping the model?")
    with torch.no_grad():
        logits = model(val_data.tensors[0])
        val_loss = F.cross_entropy(logits, val_data.tensors[1]).item()
        val_acc = (logits.argmax(dim=1) == val_data.tensors[1]).float().mean().item()
        train_logits = model(train_data.tensors[0])
        train_acc = (train_logits.argmax(dim=1) == train_data.tensors[1]).float().mean().item()
    given_loss, given_acc = float(history["val_loss"][-1]), float(history["val_acc"][-1])
    if abs(given_acc - val_acc) > 1e-4 or abs(given_loss - val_loss) > 1e-4:
        if abs(given_acc - train_acc) < 1e-4 and abs(train_acc - val_acc) > 1e-4:
            raise NotYet(
                "the validation numbers are those of the training set: evaluate on val_loader."
            )
        raise NotYet(
            f"after the last epoch val_loss is {given_loss:.4f} and val_acc {given_acc:.4f}, but "
            f"on the val_loader it was given the model has {val_loss:.4f} and {val_acc:.4f}: "
            "evaluate the model on val_loader (the argument) after each epoch's training."
        )
    return (
        "train trains, resets the gradients, evaluates on the loader it is given and returns "
        "train_loss, val_loss and val_acc for every epoch."
    )


CONFUSION_TODO = (
    "replace the ... of matrix with confusion_matrix(true classes, predicted classes) of the "
    "test set, then draw it."
)


@check(todo={"matrix": CONFUSION_TODO})
def check_confusion_matrix(matrix, model, X, Y) -> str:
    """Check the confusion matrix: ``matrix[i, j]`` counts the test trajectories (``X``,
    ``Y``) of class ``i`` that ``model`` puts in class ``j``."""
    import numpy as np
    import torch

    n = len(ANDI_CLASSES)
    try:
        counts = np.asarray(
            matrix.cpu() if isinstance(matrix, torch.Tensor) else matrix, dtype=float
        )
    except (TypeError, ValueError):
        raise NotYet(
            f"matrix is a {type(matrix).__name__}: make it an array, e.g. with sklearn's "
            "confusion_matrix."
        ) from None
    if counts.shape != (n, n):
        raise NotYet(
            f"matrix has shape {counts.shape}: it should be {n} × {n}, a row and a column per "
            "class."
        )
    with evaluating(model):
        predicted = model(X).argmax(dim=1).cpu().numpy()
    true = Y.cpu().numpy()
    expected = np.zeros((n, n))
    np.add.at(expected, (true, predicted), 1)
    if np.array_equal(counts, expected):
        return (
            "the matrix counts every test trajectory once: true class by row, prediction by column."
        )
    if np.array_equal(counts, expected.T):
        raise NotYet(
            "rows and columns are swapped: rows are the true classes, "
            "confusion_matrix(y_true, y_pred)."
        )
    if np.allclose(counts.sum(axis=1), 1) or np.isclose(counts.sum(), 1):
        raise NotYet(
            "the matrix holds fractions: pass the counts (plot_confusion_matrix shows the "
            "fractions too)."
        )
    if counts.sum() != len(true):
        raise NotYet(
            f"the matrix counts {counts.sum():g} trajectories, the test set {len(true)}: count "
            "the test set's, each once."
        )
    raise NotYet(
        "the counts differ from the model's predictions on the test set: model(X_e).argmax(dim=1)."
    )


OPTIMIZERS = ("SGD", "Adagrad", "Adam")


@check
def check_optimizers(models, histories, n_epochs: int) -> str:
    """Check the bonus exercise 6: ``models`` and ``histories`` hold, besides SGD's, a new
    network trained with Adagrad and one trained with Adam, each for ``n_epochs`` epochs."""
    if not isinstance(histories, dict) or not isinstance(models, dict):
        raise NotYet("models and histories should stay dicts: add an entry per optimizer.")
    missing = [name for name in OPTIMIZERS if name not in histories]
    if missing == ["Adagrad", "Adam"] and set(histories) == {"SGD"}:
        raise NotYet(
            "histories holds SGD only: train a new network with torch.optim.Adagrad and one "
            "with torch.optim.Adam (a bonus: the cells below also work without them)."
        )
    if missing:
        raise NotYet(
            f"histories has no {' or '.join(missing)} (its keys: {sorted(histories)}): use the "
            f"keys {list(OPTIMIZERS)}."
        )
    for name in OPTIMIZERS[1:]:
        if name not in models:
            raise NotYet(f"models has no {name}: keep each trained network in models.")
        others = [models[other] for other in OPTIMIZERS if other != name and other in models]
        if any(models[name] is model for model in others):
            raise NotYet(
                f"models[{name!r}] is the same network as another optimizer's: start each from "
                "a new make_mlp() (after torch.manual_seed(MODEL_SEED), for the same start)."
            )
        check_history_shape(histories[name], n_epochs, f"histories[{name!r}]")
    return "SGD, Adagrad and Adam each trained a network of their own, as many epochs each."


@check(
    todo={
        "cnn": "replace the ... of cnn with the 1D CNN: nn.Sequential(nn.Unflatten(1, (1, 99)), "
        "nn.Conv1d(1, 32, kernel_size=5, padding=2), nn.ReLU(), ...).",
        "D_e": "replace the ... of D_e with the steps of the test trajectories, "
        "torch.diff(X_e, dim=1).",
    }
)
def check_cnn(cnn, D_e, X_e) -> str:
    """Check exercise 7: ``D_e`` holds the steps of the test trajectories ``X_e``, and
    ``cnn`` maps a batch of them to 3 logits per trajectory."""
    import torch

    if not isinstance(D_e, torch.Tensor):
        raise NotYet(f"D_e is a {type(D_e).__name__}: make it torch.diff(X_e, dim=1).")
    steps = torch.diff(X_e, dim=1)
    if D_e.shape == X_e.shape and torch.equal(D_e, X_e):
        raise NotYet("D_e holds the positions: take the steps, torch.diff(X_e, dim=1).")
    if D_e.shape != steps.shape:
        if D_e.shape == torch.diff(X_e, dim=0).shape:
            raise NotYet("D_e has one row too few: take the steps along time, dim=1.")
        raise NotYet(
            f"D_e has shape {tuple(D_e.shape)}: the {len(X_e)} test trajectories have "
            f"{X_e.shape[1] - 1} steps each, torch.diff(X_e, dim=1)."
        )
    if not torch.allclose(D_e, steps):
        raise NotYet("D_e differs from the steps of X_e: torch.diff(X_e, dim=1).")
    n_parameters = judge_classifier(cnn, D_e, "cnn")
    return f"the CNN maps the steps to 3 logits each; it learns {n_parameters:,} numbers."


@check(
    todo={
        "history": "replace the ... of cnn_history with what train(cnn, ...) returns, trained "
        "on the steps' loaders."
    }
)
def check_history(history, model, X, Y, n_epochs: int) -> str:
    """Check a training run's history: the course's keys, one number per epoch each, and a
    last validation accuracy that is ``model``'s on the validation data ``X``, ``Y``."""
    check_history_shape(history, n_epochs, "the history")
    with evaluating(model):
        accuracy = (model(X).argmax(dim=1) == Y).float().mean().item()
    last = float(history["val_acc"][-1])
    if abs(last - accuracy) > 1e-6:
        raise NotYet(
            f"the history's last val_acc is {last:.4f}, but the model classifies a share "
            f"{accuracy:.4f} of the validation data right: is it this model's run, validated "
            "on the test steps?"
        )
    return "one entry per epoch, and the last validation accuracy is this model's."


@check
def check_accuracy(accuracy, target: float) -> str:
    """Check that a test ``accuracy`` (a fraction) reaches ``target``."""
    try:
        value = float(accuracy)
    except (TypeError, ValueError, RuntimeError):
        raise NotYet(
            f"accuracy is {accuracy!r}: give one number, the fraction of correct predictions."
        ) from None
    if not 0 <= value <= 1:
        raise NotYet(
            f"accuracy is {value:g}: give it as a fraction between 0 and 1, not in percent."
        )
    if value < target:
        raise NotYet(
            f"test accuracy {value:.3f} is below the target {target:.2f}: train longer, or try "
            "another optimizer or model."
        )
    return f"test accuracy {value:.3f} reaches the target {target:.2f}."
