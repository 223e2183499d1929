"""Measure notebook 04's forward-pass times on a GPU and print them for pasting into it.

Run it from the course checkout on a machine with a GPU (it needs only PyTorch)::

    python -m tools.gpu_reference

It times the forward pass of notebook 04's MLP (784-500-10, float32) for a range of batch
sizes in two ways:

* synchronised: the real time, from queueing the work until the GPU has finished it
  (``torch.utils.benchmark.Timer`` with a clock that waits for the GPU);
* launch only: what the original notebook's ``%timeit`` saw on CUDA, a ``timeit`` loop
  that never waits for the GPU, so it measures mostly how fast Python queues the kernels.

It prints a Markdown table (GPU name, date, torch version) for the notebook's text and a
``GPU_REFERENCE`` dict for the notebook's code cell of that name. ``--device cpu`` runs it
on the CPU instead, to try the script out (both columns then agree).
"""

import argparse
import datetime
import statistics
import sys
import time
import timeit

import torch
from torch import nn
from torch.utils.benchmark import Timer

from tools.course_mlp import course_mlp, forward_flops

BATCH_SIZES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000, 2048, 4096]
"""The batch sizes notebook 04 measures on the CPU."""


def pick_gpu() -> torch.device | None:
    """The first GPU PyTorch can use (CUDA, then Apple-silicon MPS), or None."""
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return None


def device_name(device: torch.device) -> str:
    """A human-readable name for ``device``, e.g. the GPU model."""
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    if device.type == "mps":
        return "Apple-silicon GPU (MPS)"
    return f"CPU ({torch.get_num_threads()} threads)"


def synchronize(device: torch.device) -> None:
    """Wait until all work queued on ``device`` has finished (nothing to wait for on a CPU)."""
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    elif device.type == "mps":
        torch.mps.synchronize()


def synchronised_seconds(model: nn.Module, x: torch.Tensor, min_run_time: float) -> float:
    """Median seconds per forward pass, waiting for the device before reading the clock."""

    def clock() -> float:
        synchronize(x.device)
        return time.perf_counter()

    timer = Timer(
        "model(x)",
        globals={"model": model, "x": x},
        timer=clock,
        num_threads=torch.get_num_threads(),
    )
    return timer.blocked_autorange(min_run_time=min_run_time).median


def launch_only_seconds(model: nn.Module, x: torch.Tensor, repeats: int = 5) -> float:
    """Seconds per forward pass as ``%timeit`` measures it: loops that never wait for the
    device (median of ``repeats`` loops, each at least 0.2 s long, as ``timeit`` picks)."""
    timer = timeit.Timer("model(x)", globals={"model": model, "x": x})
    synchronize(x.device)
    per_call = []
    for _ in range(repeats):
        number, seconds = timer.autorange()
        per_call.append(seconds / number)
        synchronize(x.device)  # let the queue drain before the next loop
    return statistics.median(per_call)


def measure(
    device: torch.device, batch_sizes: list[int], min_run_time: float
) -> dict[str, dict[int, float]]:
    """Milliseconds per forward pass on ``device`` for each batch size, both ways."""
    torch.manual_seed(0)
    model = course_mlp().to(device)
    results: dict[str, dict[int, float]] = {"ms_per_batch": {}, "launch_ms_per_batch": {}}
    for batch_size in batch_sizes:
        x = torch.randn(batch_size, 784, device=device)
        model(x)  # warm-up: the first call pays one-off costs
        synchronize(device)
        results["ms_per_batch"][batch_size] = 1e3 * synchronised_seconds(model, x, min_run_time)
        results["launch_ms_per_batch"][batch_size] = 1e3 * launch_only_seconds(model, x)
    return results


def markdown_table(reference: dict) -> str:
    """The reference as a Markdown header and table, ready to paste into a notebook cell."""
    lines = [
        f"Forward pass of the 784-500-10 MLP (float32) on **{reference['device']}**, "
        f"measured {reference['date']} with torch {reference['torch']} "
        "by `tools/gpu_reference.py`.",
        "",
        "| batch size | ms per batch (synchronised) | ms per batch, launch only (like `%timeit`) "
        "| samples per second | GFLOP/s |",
        "|---:|---:|---:|---:|---:|",
    ]
    for batch_size, ms in reference["ms_per_batch"].items():
        launch_ms = reference["launch_ms_per_batch"][batch_size]
        samples_per_s = batch_size / (ms / 1e3)
        gflops = forward_flops(batch_size) / (ms / 1e3) / 1e9
        lines.append(
            f"| {batch_size} | {ms:.4g} | {launch_ms:.4g} | {samples_per_s:,.0f} | {gflops:,.1f} |"
        )
    return "\n".join(lines)


def python_dict(reference: dict) -> str:
    """The reference as the ``GPU_REFERENCE = {...}`` assignment of notebook 04."""
    lines = ["GPU_REFERENCE = {"]
    for key in ("device", "date", "torch"):
        lines.append(f"    {key!r}: {reference[key]!r},")
    for key in ("ms_per_batch", "launch_ms_per_batch"):
        values = ", ".join(f"{b}: {float(f'{ms:.4g}')!r}" for b, ms in reference[key].items())
        lines.append(f"    {key!r}: {{{values}}},")
    lines.append("}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: measure, then print the Markdown table and the Python dict."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", help="cuda, mps or cpu (default: the first GPU found)")
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=BATCH_SIZES)
    parser.add_argument(
        "--min-run-time",
        type=float,
        default=1.0,
        help="seconds of timing per batch size (default 1)",
    )
    args = parser.parse_args(argv)
    device = torch.device(args.device) if args.device else pick_gpu()
    if device is None:
        print(
            "No GPU found: this script records reference numbers on a GPU. "
            "Run it on a machine with one (or pass --device cpu to try it out here).",
            file=sys.stderr,
        )
        return 1
    reference = {
        "device": device_name(device),
        "date": datetime.date.today().isoformat(),
        "torch": torch.__version__,
        **measure(device, args.batch_sizes, args.min_run_time),
    }
    print(markdown_table(reference))
    print()
    print(python_dict(reference))
    return 0


if __name__ == "__main__":
    sys.exit(main())
