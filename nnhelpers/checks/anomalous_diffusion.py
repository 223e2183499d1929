"""Checks for the exercises of notebook 05, *Classifying anomalous diffusion*."""

from collections import Counter
from typing import Any

from nnhelpers.checks.models import device_of, judge_logits, judge_mlp, trace
from nnhelpers.checks.training import judge_history, judge_train
from nnhelpers.checks.values import describe
from nnhelpers.checks.verdict import NotYet, check, evaluating, first_line, run_student

ANDI_CLASSES = ["ATTM", "CTRW", "FBM"]
"""The classes, in andi-datasets' order: model labels 0, 1 and 2."""
TEST_SHARE = 0.2
"""The share of the trajectories that goes to the test set."""
LOSS = "nn.CrossEntropyLoss"


def row_keys(X: Any) -> list[bytes]:
    """The rows of ``X`` (as float32) as bytes, so that rows can be counted and matched
    exactly, whatever their order."""
    import torch

    rows = torch.as_tensor(X).detach().cpu().float().contiguous().numpy()
    return [row.tobytes() for row in rows]


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
    each with its own label (compared as multisets: some trajectories are equal, e.g. the
    CTRW walkers that never move)."""
    import torch

    X = torch.as_tensor(X, dtype=torch.float32)
    labels = torch.as_tensor(labels).long().tolist()
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
    pairs = Counter(zip(row_keys(X_a), Y_a.tolist())) + Counter(zip(row_keys(X_e), Y_e.tolist()))
    if pairs != Counter(zip(row_keys(X), labels)):
        if len(set(labels)) > 1 and len(set(Y_a.tolist() + Y_e.tolist())) == 1:
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


def served(loader: Any, name: str) -> list[Any]:
    """The (inputs, labels) batches ``loader`` serves in one pass."""
    import torch

    batches = run_student(f"iterating over {name}", list, loader)
    if not batches or not all(isinstance(b, (tuple, list)) and len(b) == 2 for b in batches):
        raise NotYet(f"{name} should serve (inputs, labels) pairs, as a TensorDataset does.")
    if not all(isinstance(b[0], torch.Tensor) for b in batches):
        raise NotYet(f"{name} should serve tensors, as a TensorDataset does.")
    if batches[0][0].dim() < 2:
        raise NotYet(f"{name} serves one row at a time: a DataLoader serves them in batches.")
    return batches


def judge_loaders(
    train_loader: Any, test_loader: Any, X_a: Any, X_e: Any, names: tuple[str, str, str, str]
) -> None:
    """Raise ``NotYet`` unless ``train_loader`` serves the rows of ``X_a`` and ``test_loader``
    those of ``X_e``, each exactly once per pass, in batches of 64, the training rows in a
    new order every pass. ``names``: the loaders' and the tensors' names, for the hints."""
    import torch

    train_name, test_name, a_name, e_name = names
    keys = {a_name: Counter(row_keys(X_a)), e_name: Counter(row_keys(X_e))}
    for name, loader, own, other in (
        (train_name, train_loader, a_name, e_name),
        (test_name, test_loader, e_name, a_name),
    ):
        batches = served(loader, name)
        rows = Counter(row_keys(torch.cat([b[0] for b in batches])))
        if rows != keys[own]:
            if rows == keys[other]:
                raise NotYet(f"{name} serves the rows of {other}: are the two loaders swapped?")
            count, total = sum(rows.values()), sum(keys[own].values())
            if rows <= keys[own] and count < total:
                raise NotYet(
                    f"{name} serves {count} of the {total} rows of {own} in a pass: the last, "
                    "smaller batch is left out (drop_last?). Every row counts."
                )
            raise NotYet(f"{name} serves {count} rows that are not those of {own} ({total}).")
        sizes = [len(b[0]) for b in batches]
        if any(size != 64 for size in sizes[:-1]) or sizes[-1] > 64:
            raise NotYet(f"{name} serves batches of {sizes[0]}; use batches of 64.")
    first, second = served(train_loader, train_name), served(train_loader, train_name)
    if torch.equal(first[0][0], second[0][0]):
        raise NotYet(f"{train_name} serves the rows in the same order every epoch: shuffle them.")


@check(todo={"train_loader": LOADERS_TODO, "test_loader": LOADERS_TODO})
def check_loaders(train_loader, test_loader, X_a, X_e) -> str:
    """Check exercise 2: the DataLoaders serve the training and test tensors in batches of
    64, the training ones anew shuffled in every epoch. The check looks at what they serve,
    so any way of making them is fine."""
    judge_loaders(
        train_loader, test_loader, X_a, X_e, ("train_loader", "test_loader", "X_a", "X_e")
    )
    return "batches of 64; the training batches come in a new order every epoch."


MLP_SIZES = [100, 500, 500, 500, 500, 3]
"""Exercise 3: the layer sizes of the fully connected network."""


@check(todo={"make_mlp": "write the body of make_mlp(): build the network and return it."})
def check_mlp(make_mlp, X) -> str:
    """Check exercise 3: ``make_mlp()`` returns a new fully connected network 100 -> 500 ->
    500 -> 500 -> 500 -> 3 with a ReLU after each hidden layer, that returns logits."""
    from torch import nn

    model = run_student("make_mlp()", make_mlp)
    if model is None:
        raise NotYet("make_mlp() returns None: end it with `return` and the network.")
    if not isinstance(model, nn.Module):
        raise NotYet(f"make_mlp() returns {describe(model)}: build the network from torch.nn.")
    if model is run_student("make_mlp()", make_mlp):
        raise NotYet("make_mlp() returns the same model every time: build a new one inside it.")
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
    if np.allclose(counts.sum(axis=1), 1) or np.isclose(counts.sum(), 1):
        raise NotYet("the matrix holds fractions: give the counts (the plot shows fractions too).")
    if counts.sum() != len(true):
        raise NotYet(
            f"the matrix counts {counts.sum():g} trajectories, the test set has {len(true)}: "
            "count each test trajectory once."
        )
    raise NotYet("the counts differ from what the model predicts for the test trajectories.")


OPTIMIZERS = ("SGD", "Adagrad", "Adam")


@check
def check_optimizers(models, histories, n_epochs: int) -> str:
    """Check the bonus exercise 6: ``models`` and ``histories`` hold, besides SGD's, a network
    of its own trained with Adagrad and one trained with Adam, each for ``n_epochs`` epochs,
    each moved by its optimizer."""
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
        others = [models[other] for other in OPTIMIZERS if other != name and other in models]
        if any(models[name] is model for model in others):
            raise NotYet(
                f"models[{name!r}] is the same network as another optimizer's: start each from "
                "a new make_mlp(), from the same seed."
            )
        lists = judge_history(histories[name], n_epochs, f"histories[{name!r}]")
        losses = lists["train_loss"]
        if n_epochs > 1 and max(losses) - min(losses) < 1e-6 * max(1.0, abs(losses[0])):
            raise NotYet(
                f"the training loss of models[{name!r}] is the same in every epoch: the network "
                "never changed. Is its optimizer made over its own parameters?"
            )
    return "SGD, Adagrad and Adam each trained a network of their own, as many epochs each."


CNN_TODO = (
    "make D_a and D_e (the steps), their loaders and cnn, the 1D convolutional network of the "
    "exercise."
)


@check(
    todo={
        name: CNN_TODO for name in ("cnn", "D_a", "D_e", "steps_train_loader", "steps_test_loader")
    }
)
def check_cnn(cnn, D_a, D_e, steps_train_loader, steps_test_loader, X_a, X_e) -> str:
    """Check exercise 7a: ``D_a`` and ``D_e`` hold the steps of the trajectories ``X_a`` and
    ``X_e``, the two loaders serve them (as in exercise 2), and ``cnn`` maps a batch of steps
    to 3 logits per trajectory."""
    import torch
    from torch import nn

    for name, D, X in (("D_a", D_a, X_a), ("D_e", D_e, X_e)):
        if not isinstance(D, torch.Tensor):
            raise NotYet(f"{name} is {describe(D)}: make it the steps, a tensor.")
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
    names = ("steps_train_loader", "steps_test_loader", "D_a", "D_e")
    judge_loaders(steps_train_loader, steps_test_loader, D_a, D_e, names)
    if not isinstance(cnn, nn.Module):
        raise NotYet(f"cnn is {describe(cnn)}: build it from torch.nn's layers.")
    seen = trace(cnn, D_e[:8].to(device_of(cnn)))
    if seen.error is not None:
        message = first_line(seen.error)
        if "channels" in message or "conv1d" in message:
            raise NotYet(
                f"{message}: nn.Conv1d wants a batch shaped (batch, channels, time), so give "
                "each trajectory's steps a channel dimension of 1 first."
            )
        raise NotYet(f"cnn raised {type(seen.error).__name__} on a batch of steps: {message}")
    judge_logits(seen, 8, len(ANDI_CLASSES), LOSS)
    n_parameters = sum(p.numel() for p in cnn.parameters())
    return f"the CNN maps the steps to 3 logits each; it learns {n_parameters:,} numbers."


@check(todo={"history": "replace the ... of cnn_history with what train returns for the CNN."})
def check_history(history, model, X, Y, n_epochs: int) -> str:
    """Check a training run's history: the course's keys, one number per epoch each, and a
    last validation accuracy that is ``model``'s on the validation data ``X``, ``Y``."""
    lists = judge_history(history, n_epochs, "the history")
    with evaluating(model):
        accuracy = (
            (model(X.to(device_of(model))).argmax(dim=1).cpu() == Y.cpu()).float().mean().item()
        )
    last = lists["val_acc"][-1]
    if abs(last - accuracy) > 1e-6:
        raise NotYet(
            f"the history's last val_acc is {last:.4f}, but the model classifies a share "
            f"{accuracy:.4f} of the validation data right: is it this model's run, validated "
            "on the test steps?"
        )
    return "one entry per epoch, and the last validation accuracy is this model's."
