"""The checks of notebook 04, why GPUs: pass and fail paths."""

import pytest
import torch
from torch.utils.data import TensorDataset

from nnhelpers.checks import why_gpus

# --- 04: exercise 1, preloading a dataset ---------------------------------------------------


def good_preload(dataset) -> TensorDataset:
    items = [dataset[i] for i in range(len(dataset))]
    return TensorDataset(
        torch.stack([image for image, _ in items]), torch.tensor([label for _, label in items])
    )


def loader_preload(dataset) -> TensorDataset:
    from torch.utils.data import DataLoader

    images, labels = next(iter(DataLoader(dataset, batch_size=len(dataset))))
    return TensorDataset(images, labels)


def listed_preload(dataset) -> TensorDataset:
    images, labels = [], []
    for image, label in (dataset[i] for i in range(len(dataset))):
        images.append(image.unsqueeze(0))
        labels.append(label)
    return TensorDataset(torch.cat(images), torch.as_tensor(labels))


def iterated_preload(dataset) -> TensorDataset:
    """Iterates the dataset itself: Python asks for one index past its end (IndexError)."""
    images, labels = zip(*dataset)
    return TensorDataset(torch.stack(images), torch.as_tensor(labels))


@pytest.mark.parametrize(
    "preload",
    [good_preload, loader_preload, listed_preload, iterated_preload],
    ids=["stack", "loader", "cat", "iterated"],
)
def test_preload_passes(preload, printed):
    why_gpus.check_preload(preload)
    assert printed().startswith("✅ preload turns any dataset")


def first_hundred(dataset) -> TensorDataset:
    items = [dataset[i] for i in range(100)]
    return TensorDataset(
        torch.stack([image for image, _ in items]), torch.tensor([label for _, label in items])
    )


def twice(dataset) -> TensorDataset:
    images = torch.stack([dataset[i][0] for i in range(len(dataset))])
    labels = torch.tensor([dataset[i][1] for i in range(len(dataset))])
    return TensorDataset(images, labels)


def shuffled(dataset) -> TensorDataset:
    from torch.utils.data import DataLoader

    torch.manual_seed(0)
    images, labels = next(iter(DataLoader(dataset, batch_size=len(dataset), shuffle=True)))
    return TensorDataset(images, labels)


def data_shortcut(dataset) -> TensorDataset:
    """The notebook's `.data` trick: ignores the Subset and the Normalize transform."""
    mnist = dataset.dataset
    return TensorDataset(mnist.data.float().div(255).unsqueeze(1), mnist.targets)


def unnormalised(dataset) -> TensorDataset:
    """Right items, but the images without the dataset's transform."""
    indices = list(dataset.indices)
    mnist = dataset.dataset
    return TensorDataset(mnist.data[indices].float().div(255).unsqueeze(1), mnist.targets[indices])


def wrong_labels(dataset) -> TensorDataset:
    images, labels = good_preload(dataset).tensors
    return TensorDataset(images, labels.roll(1))


def int32_labels(dataset) -> TensorDataset:
    images, labels = good_preload(dataset).tensors
    return TensorDataset(images, labels.int())


def failing(dataset):
    raise ValueError("oops")


@pytest.mark.parametrize(
    ("preload", "hint"),
    [
        (lambda dataset: dataset, "preload returned a Subset"),
        (lambda dataset: TensorDataset(good_preload(dataset).tensors[0]), "of two tensors"),
        (first_hundred, "raised IndexError"),
        (twice, "read the dataset's items 200 times for 100 items"),
        (shuffled, "in another order"),
        (lambda d: TensorDataset(*good_preload(d).tensors[::-1]), "holds the labels first"),
        (
            lambda d: TensorDataset(
                good_preload(d).tensors[0].double(), good_preload(d).tensors[1]
            ),
            "the images are torch.float64",
        ),
        (unnormalised, "the images differ from the dataset's"),
        (wrong_labels, "the labels differ"),
        (int32_labels, "dtype torch.int32"),
        (failing, "raised ValueError: oops"),
    ],
)
def test_preload_hints(preload, hint, printed):
    why_gpus.check_preload(preload)
    line = printed()
    assert line.startswith("❌ Not yet:") and hint in line


# --- 04: exercise 2, FLOPs of an MLP ---------------------------------------------------------


def test_expected_flops():
    assert why_gpus.expected_flops([784, 500, 10], 1000) == 794_000_000
    assert why_gpus.expected_flops([10, 20, 30, 5], 3) == 2 * 3 * (200 + 600 + 150)


def test_flops_passes(printed):
    def forward_flops(sizes, batch):
        return 2 * batch * sum(a * b for a, b in zip(sizes, sizes[1:]))

    why_gpus.check_forward_flops(forward_flops)
    assert (
        printed()
        == "✅ forward_flops is right, e.g. 794,000,000 FLOPs for the 784-500-10 MLP at batch 1000."
    )


@pytest.mark.parametrize(
    ("forward_flops", "hint"),
    [
        (
            lambda sizes, batch: batch * sum(a * b for a, b in zip(sizes, sizes[1:])),
            "A multiply-add is 2 FLOPs",
        ),
        (
            lambda sizes, batch: batch * sum(2 * a * b + b for a, b in zip(sizes, sizes[1:])),
            "counts the biases",
        ),
        (
            lambda sizes, batch: 2 * batch * (784 * 500 + 500 * 10),
            "([10, 20, 30, 5], 3) returned 2,382,000, but the MLP does 5,700 FLOPs",
        ),
        (
            lambda sizes, batch: 2 * sum(a * b for a, b in zip(sizes, sizes[1:])),
            "the FLOPs of one input",
        ),
        (lambda sizes, batch: "101632000", "is a str"),
        (lambda sizes, batch: 2 * batch * sizes.pop() * sizes.pop(), "returned"),
        (
            lambda sizes, batch: 2 * batch * sizes[0] * sizes[1],
            "the first layer alone",
        ),
        (lambda sizes, batch: [sizes].clear(), "returns None"),
        (lambda sizes: 0, "raised TypeError"),
    ],
)
def test_flops_hints(forward_flops, hint, printed):
    why_gpus.check_forward_flops(forward_flops)
    line = printed()
    assert line.startswith("❌ Not yet:") and hint in line


def test_unwritten_functions_say_what_to_write(assert_hint):
    def preload(dataset):
        """All (image, label) items of `dataset`, converted once, as a TensorDataset."""
        ...  # Your code here

    def forward_flops(layer_sizes, batch_size): ...

    why_gpus.check_preload(preload)
    assert_hint("write the body of preload(dataset)")
    why_gpus.check_forward_flops(forward_flops)
    assert_hint("write the body of forward_flops(layer_sizes, batch_size)")
