"""Checks for the exercises of notebook 04, *Why GPUs*."""

from nnhelpers.checks.verdict import NotYet, check, run_student


def preload_test_dataset():
    """A dataset that ``.data``-style shortcuts get wrong: every 5th image of the MNIST
    sample's test split (a ``Subset``, 100 items) with ``ToTensor`` and ``Normalize``."""
    from torch.utils.data import Subset
    from torchvision.datasets import MNIST
    from torchvision.transforms import Compose, Normalize, ToTensor

    from nnhelpers.data import SAMPLE_ROOT

    transform = Compose([ToTensor(), Normalize((0.1307,), (0.3081,))])
    return Subset(MNIST(root=SAMPLE_ROOT, train=False, transform=transform), range(0, 500, 5))


@check(
    todo={
        "preload": "write the body of preload(dataset): take every (image, label) item of the "
        "dataset once, then return a TensorDataset of the stacked images and the labels."
    }
)
def check_preload(preload) -> str:
    """Check exercise 1: ``preload(dataset)`` returns a ``TensorDataset`` with every
    (image, label) of any map-style dataset, its transform applied once.

    It is tried on a ``Subset`` of the MNIST sample with ``ToTensor`` and ``Normalize``.
    """
    import torch
    from torch.utils.data import TensorDataset

    dataset = preload_test_dataset()
    result = run_student("preload(dataset)", preload, dataset)
    if result is None:
        raise NotYet("preload(dataset) returns None: end it with `return TensorDataset(...)`.")
    if not isinstance(result, TensorDataset) or len(result.tensors) != 2:
        raise NotYet(
            "preload should return a TensorDataset of two tensors: all images and all labels."
        )
    images, labels = result.tensors
    image_shape = tuple(dataset[0][0].shape)
    if tuple(images.shape) != (len(dataset), *image_shape):
        raise NotYet(
            f"the images tensor has shape {tuple(images.shape)}, but the dataset holds "
            f"{len(dataset)} images of shape {image_shape}: stack one per item of the dataset."
        )
    if tuple(labels.shape) != (len(dataset),) or labels.dtype != torch.int64:
        raise NotYet(
            f"the labels tensor has shape {tuple(labels.shape)} and dtype {labels.dtype}; "
            f"it should hold {len(dataset)} int64 labels, like torch.tensor([label, ...])."
        )
    items = [dataset[i] for i in range(len(dataset))]
    if not torch.equal(images, torch.stack([image for image, _ in items])):
        raise NotYet(
            "the images differ from the dataset's: take each from dataset[i], so that the "
            "dataset's transform (here ToTensor and Normalize) and any Subset are applied."
        )
    if not torch.equal(labels, torch.tensor([label for _, label in items])):
        raise NotYet("the labels differ from the dataset's: take each from dataset[i].")
    return (
        f"preload turned a {type(dataset).__name__} with a transform into a TensorDataset "
        f"of {len(dataset)} ready-made items."
    )


FLOPS_CASES: list[tuple[list[int], int]] = [
    ([784, 500, 10], 128),
    ([784, 500, 10], 1000),
    ([10, 20, 30, 5], 3),
    ([4, 2], 1),
]
"""(layer sizes, batch size) pairs ``forward_flops`` is tried on."""


def expected_flops(layer_sizes: list[int], batch_size: int) -> int:
    """FLOPs of an MLP's forward pass: its matrix products, a multiply-add counting 2."""
    return 2 * batch_size * sum(n_in * n_out for n_in, n_out in zip(layer_sizes, layer_sizes[1:]))


@check(
    todo={
        "forward_flops": "write the body of forward_flops(layer_sizes, batch_size): add up "
        "2 · batch · n_in · n_out over every pair of consecutive layer sizes."
    }
)
def check_forward_flops(forward_flops) -> str:
    """Check exercise 2: ``forward_flops(layer_sizes, batch_size)`` counts the FLOPs of an
    MLP's forward pass (matrix products only, a multiply-add counting 2)."""
    for layer_sizes, batch_size in FLOPS_CASES:
        call = f"forward_flops({layer_sizes}, {batch_size})"
        result = run_student(call, forward_flops, layer_sizes, batch_size)
        if result is None:
            raise NotYet(f"{call} returns None: end it with `return ...`.")
        expected = expected_flops(layer_sizes, batch_size)
        if result == expected:
            continue
        if result == expected / 2:
            raise NotYet(f"{call} returned {result:,}, half the answer: a multiply-add is 2 FLOPs.")
        first = 2 * batch_size * layer_sizes[0] * layer_sizes[1]
        if len(layer_sizes) > 2 and result == first:
            raise NotYet(
                f"{call} returned {result:,}, the first layer only: add up every pair of "
                "consecutive sizes, zip(layer_sizes, layer_sizes[1:])."
            )
        if result == expected + batch_size * sum(layer_sizes[1:]):
            raise NotYet(
                f"{call} returned {result:,}: count only the matrix products, not the biases."
            )
        raise NotYet(
            f"{call} returned {result}, expected {expected:,}: add up 2 · batch · n_in · n_out "
            "over every pair of consecutive layers."
        )
    layer_sizes, batch_size = FLOPS_CASES[1]
    return (
        f"forward_flops is right, e.g. {expected_flops(layer_sizes, batch_size):,} FLOPs for "
        f"the {'-'.join(map(str, layer_sizes))} MLP at batch {batch_size}."
    )
