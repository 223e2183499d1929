"""What a student's data holds and what their loaders serve, row by row.

Rows are compared as exact multisets of (row, label) pairs, whatever their order: the
checks of notebook 05 use them to see that a split puts every trajectory in exactly one
set with its own label, and that a DataLoader serves every row of its tensors once per
pass, in batches, in a new order every pass. (Some rows are equal, e.g. the CTRW walkers
that never move: counting them as a multiset keeps that honest.)
"""

from collections import Counter
from typing import Any

from nnhelpers.checks.values import describe
from nnhelpers.checks.verdict import NotYet, run_student


def row_keys(X: Any) -> list[bytes]:
    """The rows of ``X`` (as float32) as bytes, so that rows can be counted and matched
    exactly, whatever their order."""
    import torch

    rows = torch.as_tensor(X).detach().cpu().float().contiguous().numpy()
    return [row.tobytes() for row in rows]


def pairs(X: Any, Y: Any) -> Counter:
    """The multiset of (row, label) pairs of ``X`` and ``Y``."""
    import torch

    return Counter(zip(row_keys(X), torch.as_tensor(Y).cpu().tolist()))


def served(loader: Any, name: str) -> list[Any]:
    """The (inputs, labels) batches ``loader`` serves in one pass."""
    import torch

    batches = run_student(f"iterating over {name}", list, loader)
    if not batches:
        raise NotYet(
            f"{name} served nothing: a generator or iterator is used up after one pass, a "
            "DataLoader serves its batches anew every epoch."
        )
    if not all(isinstance(b, (tuple, list)) and len(b) == 2 for b in batches):
        raise NotYet(f"{name} should serve (inputs, labels) pairs, as a TensorDataset does.")
    if not all(isinstance(b[0], torch.Tensor) for b in batches):
        raise NotYet(f"{name} should serve tensors, as a TensorDataset does.")
    if batches[0][0].dim() == 1 and batches[0][1].dim() == 2:
        raise NotYet(f"{name} serves (labels, inputs): a TensorDataset takes the inputs first.")
    if batches[0][0].dim() < 2:
        raise NotYet(f"{name} serves one row at a time: a DataLoader serves them in batches.")
    return batches


def judge_loader(loader: Any, name: str, own: tuple, other: tuple, batch_size: int) -> list:
    """Raise ``NotYet`` unless ``loader`` serves every (row, label) of ``own`` (``(name,
    rows, labels)``) once per pass, in batches of ``batch_size``; ``other`` (``(name,
    rows)``) is the other set, to tell swapped loaders. Return the batches of one pass."""
    import torch

    x_name, X, Y = own
    if not hasattr(loader, "__iter__"):
        raise NotYet(f"{name} is {describe(loader)}: make it a DataLoader.")
    batches = served(loader, name)
    inputs = torch.cat([b[0] for b in batches])
    if inputs.shape[1:] != torch.as_tensor(X).shape[1:]:
        raise NotYet(
            f"{name} serves rows of shape {tuple(inputs.shape[1:])}, but the rows of {x_name} "
            f"have shape {tuple(X.shape[1:])}: serve the rows of {x_name}."
        )
    rows, wanted = Counter(row_keys(inputs)), Counter(row_keys(X))
    if rows != wanted:
        count, total = sum(rows.values()), sum(wanted.values())
        if rows == Counter(row_keys(other[1])):
            raise NotYet(f"{name} serves the rows of {other[0]}: are the two loaders swapped?")
        if rows <= wanted and count < total:
            raise NotYet(
                f"{name} serves {count} of the {total} rows of {x_name} in a pass: the last, "
                "smaller batch is left out (drop_last?). Every row counts."
            )
        raise NotYet(
            f"{name} serves {count} rows that are not those of {x_name} ({total}); if you made "
            f"{x_name} again, make the loaders again too."
        )
    if pairs(inputs, torch.cat([b[1] for b in batches])) != pairs(X, Y):
        raise NotYet(
            f"{name} serves the rows of {x_name}, but not each with its own label: give the "
            "TensorDataset the rows and their labels in the same order."
        )
    sizes = [len(b[0]) for b in batches]
    if any(size != batch_size for size in sizes[:-1]) or sizes[-1] > batch_size:
        raise NotYet(f"{name} serves batches of {sizes[0]}; use batches of {batch_size}.")
    return batches


def judge_loaders(
    train: tuple[Any, str], test: tuple[Any, str], data: dict[str, tuple[Any, Any]], size: int
) -> None:
    """Raise ``NotYet`` unless the training loader and the test loader (each ``(loader,
    name)``) serve the two sets of ``data`` (``{name: (rows, labels)}``, training first) in
    batches of ``size``, the training rows in a new order every pass."""
    import torch

    (train_loader, train_name), (test_loader, test_name) = train, test
    (a_name, (X_a, Y_a)), (e_name, (X_e, Y_e)) = data.items()
    first = judge_loader(train_loader, train_name, (a_name, X_a, Y_a), (e_name, X_e), size)
    judge_loader(test_loader, test_name, (e_name, X_e, Y_e), (a_name, X_a), size)
    second = served(train_loader, train_name)
    if torch.equal(first[0][0], second[0][0]):
        kind = "a list of batches, so its order" if isinstance(train_loader, list) else "the order"
        raise NotYet(
            f"{train_name} serves the rows in the same order every epoch ({kind} is fixed): "
            "shuffle them anew in every epoch."
        )
