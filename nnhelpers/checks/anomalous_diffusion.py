"""Checks for the exercises of notebook 05, *Classifying anomalous diffusion*."""

from collections import Counter
from typing import Any

from nnhelpers.checks.data import judge_loaders, pairs, row_keys
from nnhelpers.checks.models import (
    Trace,
    conv_failure_hint,
    device_of,
    judge_logits,
    judge_mlp,
    judge_network,
    judge_own_layers,
    trace,
    unmade_kept,
)
from nnhelpers.checks.training import judge_last_epoch, judge_runs, judge_train
from nnhelpers.checks.values import describe
from nnhelpers.checks.verdict import NotYet, check, evaluating, run_student

ANDI_CLASSES = ["ATTM", "CTRW", "FBM"]
"""The classes, in andi-datasets' order: model labels 0, 1 and 2."""
TEST_SHARE = 0.2
"""The share of the trajectories that goes to the test set."""
BATCH = 64
"""The batch size of the exercises' loaders."""
LOSS = "nn.CrossEntropyLoss"

SPLIT_TODO = (
    "replace the ... of X_a, Y_a, X_e and Y_e: tensors on device, the rows shuffled, 80% for "
    "training and the rest for testing."
)


@check(todo={name: SPLIT_TODO for name in ("X_a", "Y_a", "X_e", "Y_e")})
def check_split(X_a, Y_a, X_e, Y_e, X, labels) -> str:
    """Check exercise 1: ``X_a``, ``Y_a`` (training) and ``X_e``, ``Y_e`` (test) are float32
    and int64 tensors on one device that hold every trajectory of ``X`` exactly once, each
    with its label from ``labels``, shuffled, 80/20, every class in both sets."""
    import torch

    parts = {"X_a": X_a, "Y_a": Y_a, "X_e": X_e, "Y_e": Y_e}
    for name, part in parts.items():
        if not isinstance(part, torch.Tensor):
            raise NotYet(f"{name} is {describe(part)}: make it a torch tensor.")
    if len({part.device for part in parts.values()}) > 1:
        raise NotYet("the four tensors are on different devices: put them all on `device`.")
    length = X.shape[1]
    for x_name, Xs, y_name, Ys in (("X_a", X_a, "Y_a", Y_a), ("X_e", X_e, "Y_e", Y_e)):
        if Xs.dim() != 2 or Xs.shape[1] != length:
            hint = f"{x_name} has shape {tuple(Xs.shape)}: it should hold one row of {length}"
            if Xs.dim() == 2 and Xs.shape[1] == length + 2:
                raise NotYet(f"{hint} positions, without the label and exponent columns.")
            raise NotYet(f"{hint} positions per trajectory.")
        if Xs.dtype != torch.float32:
            raise NotYet(f"{x_name} has dtype {Xs.dtype}: the weights are float32, so use that.")
        if Ys.dim() == 2 and Ys.shape == (len(Xs), len(ANDI_CLASSES)):
            raise NotYet(
                f"{y_name} holds one-hot vectors (shape {tuple(Ys.shape)}): the loss wants one "
                "class index per trajectory."
            )
        if Ys.dim() != 1 or len(Ys) != len(Xs):
            raise NotYet(f"{y_name} has shape {tuple(Ys.shape)}: one label per row of {x_name}.")
        if Ys.dtype != torch.int64:
            raise NotYet(
                f"{y_name} has dtype {Ys.dtype}: the loss wants class indices, dtype torch.long."
            )
    judge_rows(X_a, Y_a, X_e, Y_e, X, labels)
    n = len(X_a) + len(X_e)
    if abs(len(X_e) - TEST_SHARE * n) > 1:
        raise NotYet(
            f"the test set holds {len(X_e) / n:.0%} of the trajectories; it should hold "
            f"{TEST_SHARE:.0%}."
        )
    for name, Ys in (("test", Y_e), ("training", Y_a)):
        missing = [c for i, c in enumerate(ANDI_CLASSES) if not (Ys == i).any()]
        if missing:
            raise NotYet(
                f"the {name} set has no {' or '.join(missing)} trajectories: the rows come "
                "sorted by class, so shuffle them before you split."
            )
    if (Y_a.diff() >= 0).all():
        raise NotYet("the training rows are still sorted by class: shuffle them.")
    return "80% for training, 20% for testing, shuffled, every class in both, labels intact."


def judge_rows(X_a: Any, Y_a: Any, X_e: Any, Y_e: Any, X: Any, labels: Any) -> None:
    """Raise ``NotYet`` unless the two sets together hold every trajectory of ``X`` once,
    each with its own label (compared as multisets, ``nnhelpers.checks.data``)."""
    import torch

    X = torch.as_tensor(X, dtype=torch.float32)
    labels = torch.as_tensor(labels).long()
    given = Counter(row_keys(X_a)) + Counter(row_keys(X_e))
    wanted = Counter(row_keys(X))
    extra, missing = given - wanted, wanted - given
    if any(key not in wanted for key in extra):
        raise NotYet(
            "the rows of X_a and X_e are not the trajectories of X: split the rows of X "
            "(normalised, as above), each into exactly one of the two sets."
        )
    if extra:
        raise NotYet(
            f"{sum(extra.values())} trajectories are in the two sets more often than in X (in "
            "both the training and the test set?): each one must go to exactly one of them."
        )
    if missing:
        raise NotYet(
            f"X_a and X_e hold {sum(given.values())} trajectories, X {len(X)}: every trajectory "
            "goes into one of the two sets."
        )
    if pairs(X_a, Y_a) + pairs(X_e, Y_e) != pairs(X, labels):
        if len(labels.unique()) > 1 and len(torch.cat([Y_a, Y_e]).unique()) == 1:
            raise NotYet(
                f"every label is {Y_a[0].item()}: the labels are the first column of data "
                "(`labels` above); the second column is the exponent, 0.2 for all."
            )
        raise NotYet(
            "the labels no longer belong to their trajectories: the rows of X and of the "
            "labels must be reordered the same way (one permutation for both)."
        )


LOADERS_TODO = (
    "replace the ... of train_loader and test_loader with DataLoaders over the training and "
    "test tensors, in batches of 64, the training one shuffled."
)


@check(todo={"train_loader": LOADERS_TODO, "test_loader": LOADERS_TODO})
def check_loaders(train_loader, test_loader, X_a, Y_a, X_e, Y_e) -> str:
    """Check exercise 2: the DataLoaders serve the training and test tensors, each row with
    its label, in batches of 64, the training ones anew shuffled in every epoch. The check
    looks at what they serve, so any way of making them is fine."""
    judge_loaders(
        (train_loader, "train_loader"),
        (test_loader, "test_loader"),
        {"X_a": (X_a, Y_a), "X_e": (X_e, Y_e)},
        BATCH,
    )
    return "batches of 64; the training batches come in a new order every epoch."


MLP_SIZES = [100, 500, 500, 500, 500, 3]
"""Exercise 3: the layer sizes of the fully connected network."""


@check(todo={"make_mlp": "write the body of make_mlp(): build the network and return it."})
def check_mlp(make_mlp, X) -> str:
    """Check exercise 3: ``make_mlp()`` returns a new fully connected network 100 -> 500 ->
    500 -> 500 -> 500 -> 3 with a ReLU after each hidden layer, that returns logits, with
    its parameters made (the optimizers are built right after it)."""
    from torch.nn.parameter import UninitializedParameter

    model = run_student("make_mlp()", make_mlp)
    if model is None:
        raise NotYet("make_mlp() returns None: end it with `return` and the network.")
    judge_network(model, "what make_mlp() returns")
    if model is run_student("make_mlp()", make_mlp):
        raise NotYet("make_mlp() returns the same model every time: build a new one inside it.")
    if any(isinstance(p, UninitializedParameter) for p in model.parameters()):
        raise NotYet(
            "make_mlp() returns lazy layers, whose parameters are made only by the first "
            "batch; the optimizers below are built before that (Adagrad needs the parameters "
            "then): give each nn.Linear its input size."
        )
    judge_mlp(model, X[:8], MLP_SIZES, "make_mlp()", LOSS)
    n_parameters = sum(p.numel() for p in model.parameters())
    return (
        f"make_mlp() builds the network: trajectories in, 3 logits out, {n_parameters:,} numbers."
    )


TRAIN_TODO = (
    "write the body of train(model, optimizer, train_loader, val_loader, n_epochs): train on "
    "every batch, evaluate on val_loader after each epoch, return the history dict."
)


@check(todo={"train": TRAIN_TODO})
def check_train(train) -> str:
    """Check exercise 4: ``train(model, optimizer, train_loader, val_loader, n_epochs)``,
    run for 3 short epochs on a tiny problem of the check's own (``judge_train``)."""
    judge_train(train, "train(model, optimizer, train_loader, val_loader, 3)")
    return (
        "train takes one clean step per batch, evaluates on the loader it is given and returns "
        "train_loss, val_loss and val_acc for every epoch."
    )


CONFUSION_TODO = (
    "replace the ... of matrix with the confusion matrix of the test set (true classes by "
    "row, predictions by column), then draw it."
)


@check(todo={"matrix": CONFUSION_TODO})
def check_confusion_matrix(matrix, model, X, Y) -> str:
    """Check exercise 5: ``matrix[i, j]`` counts the test trajectories (``X``, ``Y``) of class
    ``i`` that ``model`` puts in class ``j``."""
    import numpy as np
    import torch

    n = len(ANDI_CLASSES)
    try:
        counts = np.asarray(
            matrix.detach().cpu() if isinstance(matrix, torch.Tensor) else matrix, dtype=float
        )
    except (TypeError, ValueError):
        raise NotYet(
            f"matrix is {describe(matrix)}: make it a {n} × {n} array of counts."
        ) from None
    if counts.shape != (n, n):
        raise NotYet(
            f"matrix has shape {counts.shape}: it should be {n} × {n}, a row and a column per "
            "class."
        )
    with evaluating(model):
        predicted = model(X.to(device_of(model))).argmax(dim=1).cpu().numpy()
    true = Y.cpu().numpy()
    expected = np.zeros((n, n))
    np.add.at(expected, (true, predicted), 1)
    if np.array_equal(counts, expected):
        return (
            "the matrix counts every test trajectory once: true class by row, prediction by column."
        )
    if np.array_equal(counts, expected.T):
        raise NotYet("rows and columns are swapped: the rows are the true classes.")
    for total, kind in ((1, "fractions"), (100, "percents")):
        sums = [counts.sum(axis=1), counts.sum(axis=0), counts.sum()]
        if any(np.allclose(value, total) for value in sums):
            raise NotYet(f"the matrix holds {kind}: give the counts (the plot shows fractions).")
    if counts.sum() != len(true):
        raise NotYet(
            f"the matrix counts {counts.sum():g} trajectories, the test set has {len(true)}: "
            "count each test trajectory once."
        )
    if np.array_equal(counts.sum(axis=0), expected.sum(axis=0)):
        raise NotYet(
            "the predictions are the model's, but the true classes are not those of the test "
            "trajectories: pair each prediction with its own trajectory's label."
        )
    raise NotYet("the counts differ from what the model predicts for the test trajectories.")


OPTIMIZERS = ("SGD", "Adagrad", "Adam")


@check
def check_optimizers(models, histories, n_epochs: int, X, Y) -> str:
    """Check the bonus exercise 6: ``models`` and ``histories`` hold, besides SGD's, a network
    of its own trained with Adagrad and one trained with Adam, each for ``n_epochs`` epochs,
    each moved by its optimizer, each validated on ``X``, ``Y`` (the test set)."""
    if not isinstance(histories, dict) or not isinstance(models, dict):
        raise NotYet("models and histories should stay dicts: add an entry per optimizer.")
    missing = [name for name in OPTIMIZERS if name not in histories]
    if missing == ["Adagrad", "Adam"] and set(histories) == {"SGD"}:
        raise NotYet(
            "histories holds SGD only: train a new network with Adagrad and one with Adam (a "
            "bonus: the cells below also work without them)."
        )
    if missing:
        raise NotYet(
            f"histories has no {' or '.join(missing)} (its keys: {sorted(histories)}): use the "
            f"keys {list(OPTIMIZERS)}."
        )
    for name in OPTIMIZERS[1:]:
        if name not in models:
            raise NotYet(f"models has no {name!r}: keep each trained network in models.")
        if not callable(models[name]):
            raise NotYet(f"models[{name!r}] is {describe(models[name])}: models holds networks.")
        others = [models[other] for other in OPTIMIZERS if other != name and other in models]
        if any(models[name] is model for model in others):
            raise NotYet(
                f"models[{name!r}] is the same network as another optimizer's: start each from "
                "a new make_mlp(), from the same seed."
            )
    judge_runs({f"histories[{name!r}]": histories[name] for name in OPTIMIZERS}, n_epochs)
    for name in OPTIMIZERS:
        judge_last_epoch(histories[name], models[name], X, Y, f"histories[{name!r}]")
    return "SGD, Adagrad and Adam each trained a network of their own, as many epochs each."


CNN_TODO = "make D_a and D_e (the steps), their loaders, and cnn, the exercise's 1D CNN."
CNN_CHANNELS = [1, 32, 32, 64]
"""Exercise 7: the channels the three convolutions go through."""


@check(
    todo={
        name: CNN_TODO for name in ("cnn", "D_a", "D_e", "steps_train_loader", "steps_test_loader")
    }
)
def check_cnn(cnn, D_a, D_e, steps_train_loader, steps_test_loader, X_a, Y_a, X_e, Y_e) -> str:
    """Check exercise 7a: ``D_a`` and ``D_e`` hold the steps of the trajectories ``X_a`` and
    ``X_e`` (a row per trajectory, or (N, 1, 99) with the channel), the two loaders serve
    them with their labels (as in exercise 2), and ``cnn`` is the exercise's 1D CNN: it maps
    a batch of steps to 3 logits per trajectory through three convolutions of width 5 that
    keep the length, 1 → 32 → 32 → 64 channels with a ReLU after each, a max-pool of 2 after
    the second, the average over time, and one Linear layer."""
    import torch

    for name, D, X in (("D_a", D_a, X_a), ("D_e", D_e, X_e)):
        if not isinstance(D, torch.Tensor):
            raise NotYet(f"{name} is {describe(D)}: make it the steps, a tensor.")
        D = D.squeeze(1) if D.dim() == 3 and D.shape[1] == 1 else D  # with a channel: (N, 1, 99)
        steps = torch.diff(X, dim=1)
        if D.shape == X.shape and torch.equal(D, X):
            raise NotYet(f"{name} holds the positions: take the steps between them.")
        if D.shape != steps.shape:
            if D.shape == torch.diff(X, dim=0).shape:
                raise NotYet(f"{name} has one row too few: take the steps along time (dim=1).")
            raise NotYet(
                f"{name} has shape {tuple(D.shape)}: the {len(X)} trajectories have "
                f"{X.shape[1] - 1} steps each."
            )
        if not torch.allclose(D, steps):
            raise NotYet(f"{name} differs from the steps of the trajectories.")
    judge_loaders(
        (steps_train_loader, "steps_train_loader"),
        (steps_test_loader, "steps_test_loader"),
        {"D_a": (D_a, Y_a), "D_e": (D_e, Y_e)},
        BATCH,
    )
    judge_network(cnn, "cnn")
    cnn = unmade_kept(cnn)
    seen = trace(cnn, D_e[:8].to(device_of(cnn)))
    if seen.error is not None:
        raise NotYet(conv_failure_hint(seen, "cnn")) from None
    judge_own_layers(cnn, seen, "cnn")
    judge_convolutions(seen)
    judge_logits(seen, 8, len(ANDI_CLASSES), LOSS)
    n_parameters = sum(p.numel() for p in cnn.parameters())
    return f"the CNN maps the steps to 3 logits each; it learns {n_parameters:,} numbers."


def judge_convolutions(seen: Trace) -> None:
    """Raise ``NotYet`` unless the traced CNN has the exercise's three convolutions (see
    ``check_cnn``) in the right order, with what lies between them."""
    import torch
    import torch.nn.functional as F

    convolutions = seen.convolutions
    channels = (
        [convolutions[0].input.shape[1], *(c.output.shape[1] for c in convolutions)]
        if convolutions
        else []
    )
    if channels != CNN_CHANNELS:
        went = " → ".join(map(str, channels)) or "nowhere (no convolution ran)"
        raise NotYet(
            f"the convolutions' channels go {went}; they should go "
            f"{' → '.join(map(str, CNN_CHANNELS))}, three nn.Conv1d layers."
        )
    for number, step in enumerate(convolutions, start=1):
        width = step.weight.shape[-1]
        if width != 5:
            raise NotYet(
                f"convolution {number} has filters of width {width}: use kernel_size=5, with "
                "padding=2, which keeps the length."
            )
        if step.output.shape[-1] != step.input.shape[-1]:
            raise NotYet(
                f"convolution {number} turns {step.input.shape[-1]} time steps into "
                f"{step.output.shape[-1]}: give it padding=2, which keeps the length with "
                "kernel_size=5."
            )
    after = [torch.relu(c.output) for c in convolutions]
    wanted_next = [after[0], F.max_pool1d(after[1], 2)]
    for number, (wanted, step) in enumerate(zip(wanted_next, convolutions[1:]), start=1):
        if wanted.shape != step.input.shape or not torch.allclose(wanted, step.input, atol=1e-5):
            what = "a ReLU" if number == 1 else "a ReLU, then nn.MaxPool1d(2)"
            raise NotYet(
                f"between convolutions {number} and {number + 1} should come {what}, but "
                f"convolution {number + 1} got something else."
            )
    if len(seen.linears) > 1:
        raise NotYet(
            f"{len(seen.linears)} Linear layers follow the convolutions: the exercise has one."
        )
    if seen.linears:
        features = seen.linears[0].input
        averaged = after[2].mean(dim=2)
        if features.shape != averaged.shape or not torch.allclose(features, averaged, atol=1e-5):
            raise NotYet(
                "after the last convolution should come a ReLU and the average of each channel "
                "over time (nn.AdaptiveAvgPool1d(1)), flattened, into the Linear layer."
            )


@check(todo={"history": "replace the ... of cnn_history with what train returns for the CNN."})
def check_history(history, model, X, Y, n_epochs: int) -> str:
    """Check a training run's history: the course's keys, one number per epoch each, a
    network that changed, and last validation numbers that are ``model``'s on the
    validation data ``X``, ``Y``."""
    judge_runs({"cnn_history": history}, n_epochs)
    judge_last_epoch(history, model, X, Y, "cnn_history")
    return "one entry per epoch, and the last validation numbers are this model's."
