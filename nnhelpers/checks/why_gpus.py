"""Checks for the exercises of notebook 04, *Why GPUs*."""

from nnhelpers.checks.values import describe, number
from nnhelpers.checks.verdict import NotYet, check, run_student


def preload_test_datasets() -> list:
    """Datasets that shortcuts get wrong: from the MNIST sample's test split with
    ``ToTensor`` and ``Normalize`` (which ``.data`` skips), a ``Subset`` of every 5th image
    (100 items) and one of 37 others, so that no size is special. Each counts how often its
    items are read (``reads``), and is made anew, so that a ``preload`` that changes its
    dataset cannot change the check's reference."""
    from torch.utils import data
    from torchvision.datasets import MNIST
    from torchvision.transforms import Compose, Normalize, ToTensor

    from nnhelpers.data import SAMPLE_ROOT

    class Subset(data.Subset):
        reads = 0

        def __getitem__(self, index):
            # counted once it succeeded: iterating a dataset (for item in dataset, zip(*dataset))
            # asks for one index past its end, and that IndexError reads nothing
            item = super().__getitem__(index)
            self.reads += 1
            return item

        def __getitems__(self, indices):
            items = [self.dataset[self.indices[i]] for i in indices]
            self.reads += len(indices)
            return items

    transform = Compose([ToTensor(), Normalize((0.1307,), (0.3081,))])
    test = MNIST(root=SAMPLE_ROOT, train=False, transform=transform)
    return [Subset(test, range(0, 500, 5)), Subset(test, range(3, 500, 13)[:37])]


@check(
    todo={
        "preload": "write the body of preload(dataset): go through the dataset's items once "
        "and return them as a TensorDataset."
    }
)
def check_preload(preload) -> str:
    """Check exercise 1: ``preload(dataset)`` returns a ``TensorDataset`` with every
    (image, label) of any map-style dataset, in order, its transform applied once per item.

    It is tried on two ``Subset``s of the MNIST sample, of 100 and 37 items, with
    ``ToTensor`` and ``Normalize``.
    """
    for dataset, reference in zip(preload_test_datasets(), preload_test_datasets()):
        result = run_student("preload(dataset)", preload, dataset)
        judge_preloaded(result, [reference[i] for i in range(len(reference))])
        if dataset.reads > len(dataset):
            raise NotYet(
                f"preload read the dataset's items {dataset.reads} times for {len(dataset)} "
                "items: read each once, so that its conversion is paid once."
            )
    return "preload turns any dataset, its transform included, into a TensorDataset of its items."


def judge_preloaded(result, items: list) -> None:
    """Raise ``NotYet`` unless ``result`` is a TensorDataset of the (image, label) ``items``,
    in order (on any device)."""
    import torch
    from torch.utils.data import TensorDataset

    if result is None:
        raise NotYet("preload(dataset) returns None: end it with `return` and the dataset.")
    if not isinstance(result, TensorDataset) or len(result.tensors) != 2:
        raise NotYet(
            f"preload returned {describe(result)}: a TensorDataset of two tensors, all images "
            "and all labels."
        )
    images, labels = (tensor.cpu() for tensor in result.tensors)
    image_shape = tuple(items[0][0].shape)
    if images.dim() == 1 and labels.dim() > 1:
        raise NotYet("the TensorDataset holds the labels first: images first, then labels.")
    if tuple(images.shape) != (len(items), *image_shape):
        raise NotYet(
            f"for a dataset of {len(items)} images of shape {image_shape} the images tensor "
            f"has shape {tuple(images.shape)}: one image per item, each kept as it is."
        )
    if images.dtype != items[0][0].dtype:
        raise NotYet(
            f"the images are {images.dtype}, the dataset's are {items[0][0].dtype}: keep them "
            "as the dataset gives them (the model's weights are float32)."
        )
    if tuple(labels.shape) != (len(items),) or labels.dtype != torch.int64:
        raise NotYet(
            f"the labels tensor has shape {tuple(labels.shape)} and dtype {labels.dtype}; it "
            f"should hold {len(items)} int64 labels, one per item."
        )
    expected_images = torch.stack([image for image, _ in items])
    expected_labels = torch.tensor([label for _, label in items])
    if torch.equal(images, expected_images) and torch.equal(labels, expected_labels):
        return
    order = torch.tensor([torch.equal(a, b) for a, b in zip(images, expected_images)])
    if not order.all() and sorted(images.flatten(1).sum(1).tolist()) == sorted(
        expected_images.flatten(1).sum(1).tolist()
    ):
        raise NotYet("the items are there, but in another order: keep the dataset's order.")
    if not torch.equal(images, expected_images):
        raise NotYet(
            "the images differ from the dataset's items: take each from dataset[i], so that "
            "the dataset's transform (here ToTensor and Normalize) and any Subset apply."
        )
    raise NotYet("the labels differ from the dataset's: take each from dataset[i].")


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
        "forward_flops": "write the body of forward_flops(layer_sizes, batch_size): the FLOPs "
        "of the matrix products of every layer, for the whole batch."
    }
)
def check_forward_flops(forward_flops) -> str:
    """Check exercise 2: ``forward_flops(layer_sizes, batch_size)`` counts the FLOPs of an
    MLP's forward pass (matrix products only, a multiply-add counting 2)."""
    for layer_sizes, batch_size in FLOPS_CASES:
        call = f"forward_flops({layer_sizes}, {batch_size})"
        result = run_student(call, forward_flops, list(layer_sizes), batch_size)
        if result is None:
            raise NotYet(f"{call} returns None: end it with `return ...`.")
        result = number(result, call)
        expected = expected_flops(layer_sizes, batch_size)
        if result != expected:
            shown = f"{result:,.0f}" if result == int(result) else f"{result:g}"
            raise NotYet(
                f"{call} returned {shown}, but the MLP does {expected:,} FLOPs: "
                + flops_hint(result, layer_sizes, batch_size)
            )
    layer_sizes, batch_size = FLOPS_CASES[1]
    return (
        f"forward_flops is right, e.g. {expected_flops(layer_sizes, batch_size):,} FLOPs for "
        f"the {'-'.join(map(str, layer_sizes))} MLP at batch {batch_size}."
    )


def flops_hint(result: float, layer_sizes: list[int], batch_size: int) -> str:
    """What a wrong FLOP count most likely left out or added."""
    expected = expected_flops(layer_sizes, batch_size)
    first = 2 * batch_size * layer_sizes[0] * layer_sizes[1]
    extras = batch_size * sum(layer_sizes[1:])
    if result == expected / 2:
        return "half of it. A multiply-add is 2 FLOPs."
    if result == expected / batch_size:
        return "the FLOPs of one input. Count them for every input of the batch."
    if abs(result - expected / 1e9) < 1e-9 * expected:
        return "that is in GFLOPs. Count FLOPs."
    if len(layer_sizes) > 2 and result == first:
        return "that is the first layer alone. Add up every layer."
    if result in (expected + extras, expected + 2 * extras):
        return "that counts the biases (and the ReLU) too. Count only the matrix products."
    return "each layer multiplies a batch × n_in matrix by an n_in × n_out one."
