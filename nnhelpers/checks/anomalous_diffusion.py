"""Checks for the exercises of notebook 05, *Classifying anomalous diffusion*."""

from nnhelpers.checks.verdict import NotYet, check, evaluating, first_line

ANDI_CLASSES = ["ATTM", "CTRW", "FBM"]
"""The classes, in andi-datasets' order: model labels 0, 1 and 2."""
TEST_SHARE = 0.2
"""The share of the trajectories that goes to the test set."""


def flat_share(X):
    """For each trajectory (row) of ``X``, the share of its steps that do not move."""
    return (X.diff(dim=1) == 0).float().mean(dim=1)


@check
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


@check
def check_loaders(train_loader, test_loader, X_a, X_e, batch_size: int = 64) -> str:
    """Check the DataLoaders: one over the training tensors that shuffles, one over the test
    tensors, both with batches of ``batch_size``."""
    from torch.utils.data import DataLoader, RandomSampler

    for name, loader, X, x_name in (
        ("train_loader", train_loader, X_a, "X_a"),
        ("test_loader", test_loader, X_e, "X_e"),
    ):
        if not isinstance(loader, DataLoader):
            raise NotYet(
                f"{name} is a {type(loader).__name__}: make it a "
                "DataLoader(TensorDataset(X, Y), ...)."
            )
        if len(loader.dataset) != len(X):
            raise NotYet(
                f"{name} holds {len(loader.dataset)} trajectories, but {x_name} has {len(X)}: "
                f"give it {x_name} and its labels."
            )
        if loader.batch_size != batch_size:
            raise NotYet(f"{name} has batch_size={loader.batch_size}; use batch_size={batch_size}.")
    if not isinstance(train_loader.sampler, RandomSampler):
        raise NotYet(
            "train_loader gives the batches in the same order every epoch: pass shuffle=True."
        )
    return f"batches of {batch_size}; the training batches come in a new order every epoch."


@check
def check_model(model, X) -> str:
    """Check a classifier: it maps a batch of trajectories from ``X`` (e.g. ``X_e``) to 3
    logits per trajectory, on the data's device."""
    import torch
    from torch import nn

    if not isinstance(model, nn.Module):
        raise NotYet(
            f"model is a {type(model).__name__}: build it from torch.nn, e.g. nn.Sequential(...)."
        )
    if not any(p.requires_grad for p in model.parameters()):
        raise NotYet(
            "the model has nothing to learn: it needs layers with parameters, such as nn.Linear."
        )
    batch = X[:8]
    try:
        with evaluating(model):
            logits = model(batch)
    except Exception as error:  # the student's bug, reported with what it most likely means
        message = first_line(error)
        if "device" in message:
            raise NotYet(
                f"the model and the data are on different devices ({message}): model.to(device)."
            ) from None
        if "shapes cannot be multiplied" in message:
            raise NotYet(
                f"{message}: the first layer should take the {X.shape[1]} numbers of a trajectory."
            ) from None
        raise NotYet(f"model(X[:8]) raised {type(error).__name__}: {message}") from None
    expected = (len(batch), len(ANDI_CLASSES))
    if not isinstance(logits, torch.Tensor) or tuple(logits.shape) != expected:
        shape = tuple(logits.shape) if isinstance(logits, torch.Tensor) else type(logits).__name__
        raise NotYet(
            f"for {len(batch)} trajectories the model returns {shape}, not {expected}: a logit "
            "per class."
        )
    if isinstance(model, nn.Sequential) and isinstance(model[-1], (nn.Softmax, nn.LogSoftmax)):
        raise NotYet(
            "end with the last Linear layer: the model returns logits, and the cross-entropy "
            "loss applies the softmax itself."
        )
    n_parameters = sum(p.numel() for p in model.parameters())
    return f"the model maps trajectories to 3 logits each; it learns {n_parameters:,} numbers."


@check
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
    if np.array_equal(counts, expected.T) and not np.array_equal(counts, expected):
        raise NotYet(
            "rows and columns are swapped: rows are the true classes, "
            "confusion_matrix(y_true, y_pred)."
        )
    if not np.array_equal(counts, expected):
        if np.allclose(counts.sum(axis=1), 1):
            raise NotYet(
                "the rows are fractions: pass the counts (plot_confusion_matrix shows the "
                "fractions too)."
            )
        if counts.sum() != len(true):
            raise NotYet(
                f"the matrix counts {counts.sum():g} trajectories, the test set {len(true)}: "
                "count each once."
            )
        raise NotYet(
            "the counts differ from the model's predictions on the test set: "
            "model(X_e).argmax(dim=1)."
        )
    return "the matrix counts every test trajectory once: true class by row, prediction by column."


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
