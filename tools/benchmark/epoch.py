"""One MNIST training epoch of the course's MLP, timed three ways.

* the original lesson's pipeline: ``MNIST(..., transform=ToTensor())`` converted image by
  image in every epoch;
* the course's pipeline (notebooks 03 and 04): images converted once into a
  ``TensorDataset`` that the ``DataLoader`` asks for whole batches;
* a compute bound: the time the epoch's matrix products take *inside* the training loop,
  measured with ``torch.profiler`` over one real epoch of the preloaded pipeline (their real
  operands, layouts and caches), so no real epoch can be faster. The ratio of that
  profiled epoch to its matmul time, and the matmuls' share of it, come from the same run.
  The same five matmuls timed alone, as isolated calls, are reported beside it: they run
  faster alone than in the loop.
"""

import statistics
import time
from collections.abc import Callable, Iterable
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn
from torch.profiler import ProfilerActivity, profile
from torch.utils.data import (
    BatchSampler,
    DataLoader,
    Dataset,
    RandomSampler,
    TensorDataset,
    random_split,
)

from nnhelpers.timing import Timer
from tools.course_mlp import LAYERS, course_mlp

BATCH_SIZE = 128
LEARNING_RATE = 0.1
N_TRAIN = 55_000
"""Training images per epoch: the course's ``random_split`` keeps 55,000 of MNIST's 60,000."""
SPLIT_SEED = 7
WARMUP_BATCHES = 20
MATMUL_OPS = ("aten::mm", "aten::addmm")
"""The operators that do the matrix products of ``nn.Linear`` and its backward pass."""


def train(model: nn.Module, optimizer: torch.optim.Optimizer, batches: Iterable) -> None:
    """The course's training loop over ``batches`` (cross-entropy, one step per batch)."""
    for images, labels in batches:
        loss = F.cross_entropy(model(images), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def drain(batches: Iterable) -> None:
    """Only fetch the batches: the data pipeline's share of an epoch."""
    for _ in batches:
        pass


def median_seconds(run: Callable[[], None], repeats: int) -> tuple[float, list[float]]:
    """Run ``run`` ``repeats`` times; return the median wall time and all of them."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def training_split(dataset: Dataset, n_train: int) -> Dataset:
    """The course's training split: the first part of a seeded ``random_split``."""
    lengths = [n_train, len(dataset) - n_train]
    return random_split(dataset, lengths, generator=torch.Generator().manual_seed(SPLIT_SEED))[0]


def epoch_matmul_flops(n: int) -> int:
    """The matmul FLOPs of one training epoch over ``n`` images (a multiply-add counts 2).

    Forward: ``2n(784*500 + 500*10)``. Backward: the weight gradients cost the same again,
    plus ``2n*500*10`` for the gradient of the hidden layer; the gradient of the input
    (``2n*784*500``) is never computed because the images need none. So the backward pass
    costs about as much as the forward pass here, not twice as much.
    """
    d_in, hidden, d_out = LAYERS
    forward = 2 * n * (d_in * hidden + hidden * d_out)
    weight_gradients = 2 * n * (d_in * hidden + hidden * d_out)
    hidden_gradient = 2 * n * hidden * d_out
    return forward + weight_gradients + hidden_gradient


def profile_steps(
    model: nn.Module, optimizer: torch.optim.Optimizer, batches: list
) -> tuple[float, float, dict[str, int]]:
    """Train on ``batches`` under ``torch.profiler``.

    Returns the seconds spent in matmul operators, the seconds the steps took in all (both
    as profiled), and how many calls each matmul operator got.
    """
    start = time.perf_counter()
    with profile(activities=[ProfilerActivity.CPU]) as profiler:
        train(model, optimizer, batches)
    wall = time.perf_counter() - start
    events = [e for e in profiler.key_averages() if e.key in MATMUL_OPS]
    matmul_seconds = sum(e.self_cpu_time_total for e in events) / 1e6
    return matmul_seconds, wall, {e.key: e.count for e in events}


def step_matmuls(batch: int) -> list[tuple[str, torch.Tensor, torch.Tensor]]:
    """The five matmuls of one training step, as ``nn.Linear`` lays out their operands."""
    d_in, hidden, d_out = LAYERS
    x, h, grad_h = torch.randn(batch, d_in), torch.randn(batch, hidden), torch.randn(batch, hidden)
    grad_logits = torch.randn(batch, d_out)
    w1, w2 = torch.randn(hidden, d_in), torch.randn(d_out, hidden)
    return [
        ("forward, layer 1: x @ W1.T", x, w1.t()),
        ("forward, layer 2: h @ W2.T", h, w2.t()),
        ("backward, dW2 = dlogits.T @ h", grad_logits.t(), h),
        ("backward, dh = dlogits @ W2", grad_logits, w2),
        ("backward, dW1 = dh.T @ x", grad_h.t(), x),
    ]


def isolated_matmul_rate(
    batch: int, min_run_time: float = 1.0
) -> tuple[float, list[dict[str, Any]]]:
    """FLOP/s of the training step's five matmuls, each timed alone with
    ``torch.utils.benchmark``: their FLOPs over their summed median times, and each one's
    shape and time."""
    total_flops, total_seconds, shapes = 0, 0.0, []
    for name, a, b in step_matmuls(batch):
        timer = Timer(
            "torch.mm(a, b)",
            globals={"torch": torch, "a": a, "b": b},
            num_threads=torch.get_num_threads(),
        )
        timer.timeit(10)  # warm-up
        seconds = timer.blocked_autorange(min_run_time=min_run_time).median
        flops = 2 * a.shape[0] * a.shape[1] * b.shape[1]
        total_flops, total_seconds = total_flops + flops, total_seconds + seconds
        shapes.append(
            {
                "matmul": name,
                "shape": f"{tuple(a.shape)} @ {tuple(b.shape)}",
                "flops": flops,
                "seconds": seconds,
            }
        )
    return total_flops / total_seconds, shapes


def time_epochs(
    root: Path, repeats: int, n_train: int = N_TRAIN
) -> tuple[dict[str, float], dict[str, Any]]:
    """Time one epoch with the original and the preloaded pipeline, and its compute bound.

    ``root`` holds the full MNIST. Returns the figures (by key) and the details of how they
    were measured.
    """
    from torchvision.datasets import MNIST
    from torchvision.transforms import ToTensor

    torch.manual_seed(SPLIT_SEED)
    train_data = MNIST(root=root, train=True, download=False, transform=ToTensor())
    start = time.perf_counter()
    preloaded = TensorDataset(train_data.data.float().div(255).unsqueeze(1), train_data.targets)
    preload_seconds = time.perf_counter() - start

    values: dict[str, float] = {}
    times: dict[str, list[float]] = {}
    original_split, preloaded_split = (training_split(d, n_train) for d in (train_data, preloaded))
    loaders = {
        "original": DataLoader(original_split, batch_size=BATCH_SIZE, shuffle=True),
        "preloaded": DataLoader(  # as in notebooks 03 and 04: the dataset serves whole batches
            preloaded_split,
            sampler=BatchSampler(RandomSampler(preloaded_split), BATCH_SIZE, drop_last=False),
            batch_size=None,
        ),
    }
    trainers = {}
    for key, loader in loaders.items():
        model = course_mlp()
        optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
        train(model, optimizer, islice(loader, WARMUP_BATCHES))
        trainers[key] = (model, optimizer)
    # The two pipelines take turns, so that a slow spell of the machine slows both alike;
    # the speed-up is the median of the ratios of the epochs timed side by side.
    for _ in range(repeats):
        for key, (model, optimizer) in trainers.items():
            start = time.perf_counter()
            train(model, optimizer, loaders[key])
            times.setdefault(f"epoch_{key}", []).append(time.perf_counter() - start)
    for key in trainers:
        values[f"epoch_{key}"] = statistics.median(times[f"epoch_{key}"])
    values["preloaded_spread"] = max(times["epoch_preloaded"]) / min(times["epoch_preloaded"])
    ratios = [o / p for o, p in zip(times["epoch_original"], times["epoch_preloaded"])]
    values["original_over_preloaded"] = statistics.median(ratios)
    values["loading_original"], times["loading_original"] = median_seconds(
        partial(drain, loaders["original"]), repeats
    )
    model, optimizer = trainers["preloaded"]
    batches = list(loaders["preloaded"])  # one whole epoch, under the profiler
    matmul_seconds, profiled_seconds, calls = profile_steps(model, optimizer, batches)

    flops = epoch_matmul_flops(n_train)
    values["epoch_bound"] = matmul_seconds
    values["matmul_share"] = matmul_seconds / profiled_seconds
    values["matmul_rate"] = flops / matmul_seconds
    values["isolated_matmul_rate"], shapes = isolated_matmul_rate(BATCH_SIZE)
    values["preloaded_over_bound"] = profiled_seconds / matmul_seconds
    details = {
        "n_train": n_train,
        "n_images": len(train_data),
        "repeats": repeats,
        "threads": torch.get_num_threads(),
        "preload_seconds": preload_seconds,
        "epoch_flops": flops,
        "times": times,
        "profiled_steps": len(batches),
        "profiled_matmul_calls": calls,
        "profiled_seconds": profiled_seconds,
        "matmuls": shapes,
    }
    return values, details
