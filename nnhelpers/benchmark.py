"""The course benchmark: does the course deliver what its text promises, and how fast?

``python -m nnhelpers.benchmark`` (or ``./course benchmark``) does three things:

1. Runs every ``solutions/*.ipynb`` in the full course setting (``NN_QUICK`` unset, full
   MNIST), each in a fresh kernel, and records its wall time and the results its text
   cites, read from that same kernel after its last cell. The files are not changed.
2. Times one training epoch of the course's MNIST MLP three ways: the original pipeline
   (``ToTensor()`` on every image), the course's preloaded pipeline, and a compute bound
   (the epoch's matmul FLOPs over the matmul rate measured in the same run).
3. Compares every figure with its target, writes ``REPORT.md`` and ``report.json`` to
   ``--out`` (default ``benchmarks/``) and exits with status 1 if a target is missed.
   The executed notebooks go to ``runs/`` in that folder (ignored by git), to look into.

The whole run takes about as long as the course (8 minutes on a 2-core CPU);
``--notebooks 02 05``, ``--skip-notebooks`` and ``--skip-epoch`` run parts of it.
"""

import argparse
import json
import operator
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path
from typing import Any

import nbformat
import torch
import torch.nn.functional as F
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from torch import nn
from torch.utils.data import BatchSampler, DataLoader, Dataset, RandomSampler, TensorDataset, random_split

from nnhelpers.config import DATA_VARIABLE, QUICK_VARIABLE, REPO_ROOT, data_dir
from nnhelpers.data import SAMPLE_ROOT, mnist_root
from nnhelpers.timing import Timer

# --- Figures and targets ---------------------------------------------------------------

COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    "<": operator.lt,
}


def duration(seconds: float) -> str:
    """A wall time as ``42 s``, ``8 min 05 s`` or ``30 min``."""
    minutes, rest = divmod(round(seconds), 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest:02d} s" if rest else f"{minutes} min"


FORMATS: dict[str, Callable[[float], str]] = {
    "accuracy": lambda value: f"{value:.4f}",
    "seconds": lambda value: f"{value:.2f} s",
    "duration": duration,
    "ratio": lambda value: f"{value:.1f}x",
    "flop_rate": lambda value: f"{value / 1e9:.1f} GFLOP/s",
}
"""How each unit is shown; values are stored in plain units (seconds, FLOP/s)."""


@dataclass(frozen=True)
class Target:
    """What a figure must reach, e.g. ``Target(">=", 0.978)``."""

    op: str
    threshold: float

    def met(self, value: float) -> bool:
        """True when ``value`` reaches the target."""
        return COMPARISONS[self.op](value, self.threshold)

    def text(self, unit: str) -> str:
        """The target as the report shows it, e.g. ``>= 0.978``, ``>= 4x`` or ``< 30 min``."""
        if unit == "duration":
            return f"{self.op} {duration(self.threshold)}"
        return f"{self.op} {self.threshold:g}{'x' if unit == 'ratio' else ''}"


@dataclass(frozen=True)
class Figure:
    """One row of the report: what is measured, the original course's value, the target."""

    key: str
    label: str
    unit: str
    original: str = "n/a"
    target: Target | None = None


RESULT_FIGURES: list[Figure] = [
    Figure("02_val_acc", "02 from scratch: final validation accuracy", "accuracy", "0.979",
           Target(">=", 0.978)),
    Figure("03_val_acc_default", "03 à la torch, default init: final validation accuracy",
           "accuracy", "0.952", Target(">=", 0.950)),
    Figure("03_val_acc_matched", "03 à la torch, matched init: final validation accuracy",
           "accuracy"),
    Figure("05_test_acc_sgd", "05 anomalous diffusion, SGD recipe: test accuracy", "accuracy",
           "n/a (its target: 0.50)", Target(">=", 0.50)),
    Figure("05_test_acc_adagrad", "05 anomalous diffusion, Adagrad: test accuracy", "accuracy"),
    Figure("05_test_acc_adam", "05 anomalous diffusion, Adam: test accuracy", "accuracy"),
    Figure("05_test_acc_best", "05 anomalous diffusion, best model: test accuracy", "accuracy",
           target=Target(">=", 0.95)),
]

NOTEBOOK_RESULTS: dict[str, dict[str, str]] = {
    "02": {"02_val_acc": 'history["val_acc"][-1]'},
    "03": {
        "03_val_acc_default": 'history_default["val_acc"][-1]',
        "03_val_acc_matched": 'history_matched["val_acc"][-1]',
    },
    "05": {
        "05_test_acc_sgd": 'test_accuracy["SGD"]',
        "05_test_acc_adagrad": 'test_accuracy["Adagrad"]',
        "05_test_acc_adam": 'test_accuracy["Adam"]',
        "05_test_acc_best": 'test_accuracy["best"]',
    },
}
"""Per notebook prefix: figure key -> the expression its kernel evaluates after the last cell."""

COURSE_NOTEBOOKS: tuple[str, ...] = ("01", "02", "03", "04", "05")
"""The notebooks the course must have; any other ``solutions/NN_*.ipynb`` is run too."""

COURSE_FIGURE = Figure("course_wall", "Whole course, full setting: wall time", "duration",
                       target=Target("<", 30 * 60))

EPOCH_FIGURES: list[Figure] = [
    Figure("epoch_original", "Epoch, original pipeline (ToTensor() per image)", "seconds",
           "11.7 s"),
    Figure("loading_original", "Data loading alone, original pipeline", "seconds", "~10 s"),
    Figure("epoch_preloaded", "Epoch, preloaded pipeline (TensorDataset, whole batches)", "seconds"),
    Figure("epoch_bound", "Epoch, compute bound (matmul FLOPs / matmul rate)", "seconds"),
    Figure("matmul_rate", "Matmul rate at the training step's shapes", "flop_rate"),
    Figure("original_over_preloaded", "Speed-up of preloading: original / preloaded epoch",
           "ratio", target=Target(">=", 4)),
    Figure("preloaded_over_bound", "Preloaded epoch / compute bound", "ratio",
           target=Target("<=", 2)),
]


def wall_figure(prefix: str, name: str) -> Figure:
    """The wall-time row of one notebook."""
    return Figure(f"wall_{prefix}", f"{name}: wall time", "duration")


# --- 1. Notebooks ----------------------------------------------------------------------

RESULTS_MARKER = "NNHELPERS-BENCHMARK-RESULTS:"


@dataclass
class NotebookRun:
    """What one notebook's run gave: its wall time and results, or the error that stopped it."""

    seconds: float
    results: dict[str, float] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    error: str | None = None


def results_snippet(expressions: dict[str, str]) -> str:
    """Code that, run in a notebook's kernel, prints each expression's value as one JSON line.

    An expression that fails gives its error message instead of a number.
    """
    return (
        "import json as _json\n"
        "_results = {}\n"
        f"for _key, _expression in {expressions!r}.items():\n"
        "    try:\n"
        "        _results[_key] = float(eval(_expression))\n"
        "    except Exception as _error:\n"
        "        _results[_key] = f'{_expression}: {type(_error).__name__}: {_error}'\n"
        f"print({RESULTS_MARKER!r} + _json.dumps(_results))\n"
    )


def parse_results(
    outputs: list[dict[str, Any]], keys: Iterable[str]
) -> tuple[dict[str, float], dict[str, str]]:
    """Split the snippet's printed JSON into numbers and error messages (by figure key)."""
    for output in outputs:
        if output.get("output_type") != "stream":
            continue
        for line in output.get("text", "").splitlines():
            if line.startswith(RESULTS_MARKER):
                values = json.loads(line[len(RESULTS_MARKER):])
                numbers = {k: v for k, v in values.items() if isinstance(v, float)}
                return numbers, {k: v for k, v in values.items() if k not in numbers}
    return {}, dict.fromkeys(keys, "the notebook's kernel printed no results")


def run_notebook(
    path: Path, expressions: dict[str, str], cell_timeout: int | None, save_to: Path | None = None
) -> NotebookRun:
    """Run a copy of the notebook at ``path`` in a fresh kernel, then read ``expressions``.

    The notebook at ``path`` is not changed; the executed copy is written to ``save_to``
    (if given), also when a cell failed. The kernel starts in the notebook's folder, as in
    JupyterLab. The wall time counts every cell and the kernel's start-up and shut-down.
    """
    notebook = nbformat.read(path, as_version=4)
    if expressions:
        notebook.cells.append(nbformat.v4.new_code_cell(results_snippet(expressions)))
    client = NotebookClient(notebook, timeout=cell_timeout,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
        seconds = time.perf_counter() - start
        if isinstance(error, CellExecutionError):
            reason = f"{error.ename}: {error.evalue}"
        else:
            reason = str(error)
        return NotebookRun(seconds, error=f"stopped after {seconds:.0f} s: {reason[:300]}")
    finally:
        if save_to:
            save_to.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, save_to)
    seconds = time.perf_counter() - start
    if not expressions:
        return NotebookRun(seconds)
    results, errors = parse_results(notebook.cells[-1].outputs, expressions)
    return NotebookRun(seconds, results, errors)


def find_notebooks(solutions: Path) -> dict[str, Path]:
    """The solution notebooks by their two-digit prefix: ``{"01": .../01_....ipynb, ...}``."""
    return {path.name[:2]: path for path in sorted(solutions.glob("[0-9][0-9]_*.ipynb"))}


# --- 2. One training epoch three ways --------------------------------------------------

LAYERS: tuple[int, int, int] = (784, 500, 10)
BATCH_SIZE = 128
LEARNING_RATE = 0.1
N_TRAIN = 55_000
"""Training images per epoch: the course's ``random_split`` keeps 55,000 of MNIST's 60,000."""
SPLIT_SEED = 7
WARMUP_BATCHES = 20


def course_mlp() -> nn.Module:
    """The course's 784-500-10 MLP with ReLU (the second layer without bias, as in 02-04)."""
    d_in, hidden, d_out = LAYERS
    return nn.Sequential(
        nn.Flatten(), nn.Linear(d_in, hidden), nn.ReLU(), nn.Linear(hidden, d_out, bias=False)
    )


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


def matmul_rate(batch: int, min_run_time: float = 1.0) -> tuple[float, list[dict[str, Any]]]:
    """FLOP/s of this machine on the training step's matmuls, timed with torch.utils.benchmark.

    Returns the rate (all five matmuls' FLOPs over their summed median times) and each
    matmul's shape and time.
    """
    total_flops, total_seconds, shapes = 0, 0.0, []
    for name, a, b in step_matmuls(batch):
        timer = Timer("torch.mm(a, b)", globals={"torch": torch, "a": a, "b": b},
                      num_threads=torch.get_num_threads())
        timer.timeit(10)  # warm-up
        seconds = timer.blocked_autorange(min_run_time=min_run_time).median
        flops = 2 * a.shape[0] * a.shape[1] * b.shape[1]
        total_flops, total_seconds = total_flops + flops, total_seconds + seconds
        shapes.append({"matmul": name, "shape": f"{tuple(a.shape)} @ {tuple(b.shape)}",
                       "flops": flops, "seconds": seconds})
    return total_flops / total_seconds, shapes


def time_epochs(
    root: Path, repeats: int, n_train: int = N_TRAIN
) -> tuple[dict[str, float], dict[str, Any]]:
    """Time one epoch with the original and the preloaded pipeline, and its compute bound.

    Returns the figures (by key) and the details of how they were measured.
    """
    from torchvision.datasets import MNIST
    from torchvision.transforms import ToTensor

    torch.manual_seed(SPLIT_SEED)
    train_data = MNIST(root=root, train=True, download=True, transform=ToTensor())
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
    for key, loader in loaders.items():
        model = course_mlp()
        optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
        train(model, optimizer, islice(loader, WARMUP_BATCHES))
        values[f"epoch_{key}"], times[f"epoch_{key}"] = median_seconds(
            partial(train, model, optimizer, loader), repeats)
        if key == "original":
            values["loading_original"], times["loading_original"] = median_seconds(
                partial(drain, loader), repeats)

    rate, shapes = matmul_rate(BATCH_SIZE)
    flops = epoch_matmul_flops(n_train)
    values["matmul_rate"] = rate
    values["epoch_bound"] = flops / rate
    values["original_over_preloaded"] = values["epoch_original"] / values["epoch_preloaded"]
    values["preloaded_over_bound"] = values["epoch_preloaded"] / values["epoch_bound"]
    details = {"n_train": n_train, "n_images": len(train_data), "repeats": repeats,
               "threads": torch.get_num_threads(), "preload_seconds": preload_seconds,
               "epoch_flops": flops, "times": times, "matmuls": shapes}
    return values, details


# --- 3. Targets and report -------------------------------------------------------------

PASS, FAIL, NO_TARGET, NOT_RUN = "pass", "FAIL", "", "not run"


@dataclass
class Row:
    """A figure as measured in this run and how it compares with its target."""

    figure: Figure
    value: float | None
    status: str
    note: str = ""


def evaluate(figures: list[Figure], values: dict[str, float], skipped: set[str],
             notes: dict[str, str]) -> list[Row]:
    """Compare each figure with its target.

    A figure in ``skipped`` was not asked for ("not run"). Any other figure without a value
    counts as a missed target: the course failed to deliver it (``notes`` says why).
    """
    rows = []
    for figure in figures:
        value = values.get(figure.key)
        if figure.key in skipped:
            status = NOT_RUN
        elif value is None:
            status = FAIL
        elif figure.target is None:
            status = NO_TARGET
        else:
            status = PASS if figure.target.met(value) else FAIL
        rows.append(Row(figure, value, status, notes.get(figure.key, "")))
    return rows


def exit_status(rows: list[Row]) -> int:
    """0 when every target was met, 1 when at least one was missed."""
    return int(any(row.status == FAIL for row in rows))


def machine(load_average: float) -> dict[str, Any]:
    """What the numbers were measured on, and when; ``load_average`` is the one before the run.

    Timings need a quiet machine: with other work on the cores, multi-threaded matmuls
    wait for each other and every time measured here grows.
    """
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        models = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                  if line.startswith("model name")]
        cpu = models[0] if models else cpu
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "torch_threads": torch.get_num_threads(),
        "accelerator": torch.cuda.get_device_name() if torch.cuda.is_available() else "none",
        "torch": torch.__version__,
        "python": platform.python_version(),
        "os": platform.platform(),
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "load_average": round(load_average, 2),
    }


def cell(row: Row) -> str:
    """The 'this course' cell of a row."""
    if row.value is not None:
        return FORMATS[row.figure.unit](row.value)
    return "—" if row.status == NOT_RUN else "missing"


def methods(details: dict[str, Any]) -> list[str]:
    """The report's 'How it was measured' section, for the parts that ran (if any)."""
    if not details:
        return []
    lines = ["## How it was measured", ""]
    if "notebooks" in details:
        run = details["notebooks"]
        expressions = (expr for exprs in NOTEBOOK_RESULTS.values() for expr in exprs.values())
        lines.append(
            "- **Notebooks.** Each `solutions/*.ipynb` ran as an in-memory copy in a fresh kernel "
            f"(nbclient; `{QUICK_VARIABLE}` unset, `{DATA_VARIABLE}={run['data_dir']}`); its wall "
            "time counts every cell and the kernel's start-up and shut-down. The accuracies are "
            "read from that kernel after its last cell: "
            + "; ".join(f"`{expr}`" for expr in expressions) + ". The executed copies are in "
            "`runs/` next to this report (not committed)."
        )
    if "epoch" in details:
        epoch = details["epoch"]
        n = epoch["n_train"]
        lines += [
            f"- **Epoch.** {n:,} training images (the course's `random_split` of MNIST's "
            f"{epoch['n_images']:,}, seed {SPLIT_SEED}), MLP 784-500-10 with ReLU, batch "
            f"{BATCH_SIZE}, SGD lr {LEARNING_RATE}, cross-entropy, on the CPU with "
            f"{epoch['threads']} threads; median of {epoch['repeats']} timed epoch(s) after a "
            f"{WARMUP_BATCHES}-batch warm-up. *Original*: `MNIST(..., transform=ToTensor())` and "
            f"`DataLoader(batch_size={BATCH_SIZE}, shuffle=True)`. *Preloaded*, as in notebooks 03 "
            "and 04: `TensorDataset(train_data.data.float().div(255).unsqueeze(1), "
            f"train_data.targets)`, built once in {epoch['preload_seconds']:.2f} s, served by a "
            f"DataLoader that fetches whole batches (`sampler=BatchSampler(RandomSampler(...), "
            f"{BATCH_SIZE}, drop_last=False), batch_size=None`). *Data loading "
            "alone*: iterating the original DataLoader without training.",
            "- **Compute bound.** The epoch's matmul FLOPs over the matmul rate measured in "
            "this run. For N images: forward 2N(784·500 + 500·10); backward 2N(784·500 + "
            "500·10) for the weight gradients plus 2N·500·10 for the hidden layer's gradient. "
            "The images' gradient (2N·784·500) is never computed, so backward costs about as "
            f"much as forward here, not twice. In all {epoch_matmul_flops(1):,}·N = "
            f"{epoch['epoch_flops'] / 1e9:.1f} GFLOP for N = {n:,}. Rate: the five matmuls of a "
            f"training step at batch {BATCH_SIZE} (below), each timed with `torch.utils.benchmark` "
            "(median), their FLOPs over their summed times. Biases, ReLU, softmax, the optimizer "
            "step and data loading are left out, so no real epoch can be faster.",
            "",
            "| matmul | shapes | time | rate |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {m['matmul']} | {m['shape']} | {m['seconds'] * 1e6:.0f} µs "
            f"| {FORMATS['flop_rate'](m['flops'] / m['seconds'])} |"
            for m in epoch["matmuls"]
        ]
    return lines


def markdown(rows: list[Row], about: dict[str, Any], details: dict[str, Any]) -> str:
    """The Markdown report."""
    missed = [row.figure.label for row in rows if row.status == FAIL]
    met = sum(row.status == PASS for row in rows)
    not_run = sum(row.status == NOT_RUN for row in rows)
    verdict = (f"**{len(missed)} target(s) missed:** " + "; ".join(missed) + "." if missed
               else f"**All {met} targets measured were met.**" if met
               else "**No target was measured.**")
    if not_run:
        verdict += f" {not_run} figure(s) were not run (partial run)."
    lines = [
        "# Course benchmark",
        "",
        f"Measured {about['date']} on {about['cpu']} ({about['cores']} cores, "
        f"{about['torch_threads']} torch threads; accelerator: {about['accelerator']}), "
        f"torch {about['torch']}, Python {about['python']}, {about['os']}; load average before "
        f"the run: {about['load_average']}. "
        "Command: `python -m nnhelpers.benchmark` (`./course benchmark`).",
        "",
        verdict,
        "",
        "| figure | original course | this course | target | pass |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        target = row.figure.target.text(row.figure.unit) if row.figure.target else ""
        status = "**FAIL**" if row.status == FAIL else row.status
        lines.append(
            f"| {row.figure.label} | {row.figure.original} | {cell(row)} | {target} | {status} |"
        )
    notes = [f"- {row.figure.label}: {row.note}" for row in rows if row.note]
    if notes:
        lines += ["", "Notes:", "", *notes]
    how = methods(details)
    return "\n".join(lines + ([""] + how if how else [])) + "\n"


def write_report(
    rows: list[Row], about: dict[str, Any], details: dict[str, Any], out: Path
) -> list[Path]:
    """Write ``REPORT.md`` and ``report.json`` into ``out``; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    report = {
        "machine": about,
        "passed": exit_status(rows) == 0,
        "figures": [
            {"key": row.figure.key, "label": row.figure.label, "unit": row.figure.unit,
             "original": row.figure.original, "value": row.value,
             "target": row.figure.target.text(row.figure.unit) if row.figure.target else None,
             "status": row.status, "note": row.note}
            for row in rows
        ],
        "details": details,
    }
    paths = [out / "REPORT.md", out / "report.json"]
    paths[0].write_text(markdown(rows, about, details), encoding="utf-8")
    paths[1].write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return paths


# --- Command line ----------------------------------------------------------------------

def full_mnist() -> Path:
    """The data folder's full MNIST (downloaded if missing and online); exit if there is none."""
    root = mnist_root(quick=False)
    if root == SAMPLE_ROOT:
        sys.exit(f"The benchmark needs the full MNIST in {data_dir()}: "
                 f"set --data-dir or {DATA_VARIABLE} to a folder that holds MNIST/raw.")
    return root


def run_notebooks(
    notebooks: dict[str, Path], prefixes: list[str], selected: list[str],
    cell_timeout: int | None, runs: Path,
) -> tuple[dict[str, float], set[str], dict[str, str]]:
    """Run the selected notebooks, saving the executed copies in ``runs``.

    Returns the figures (by key), the keys of the figures not asked for, and notes.
    """
    values: dict[str, float] = {}
    skipped: set[str] = set()
    notes: dict[str, str] = {}
    for prefix in prefixes:
        keys = [f"wall_{prefix}", *NOTEBOOK_RESULTS.get(prefix, {})]
        if prefix not in selected:
            skipped.update(keys)
            continue
        if prefix not in notebooks:
            notes[f"wall_{prefix}"] = f"no solutions/{prefix}_*.ipynb"
            continue
        path = notebooks[prefix]
        print(f"Running {path.name} ...", flush=True)
        run = run_notebook(path, NOTEBOOK_RESULTS.get(prefix, {}), cell_timeout, runs / path.name)
        if run.error:
            notes[f"wall_{prefix}"] = run.error
            notes.update(dict.fromkeys(keys[1:], "the notebook did not run to the end"))
        else:
            values[f"wall_{prefix}"] = run.seconds
        values.update(run.results)
        notes.update(run.errors)
        print(f"  {run.seconds:.0f} s; {run.error or run.results or 'done'}", flush=True)
    if set(selected) != set(prefixes):
        skipped.add(COURSE_FIGURE.key)
    elif all(f"wall_{prefix}" in values for prefix in prefixes):
        values[COURSE_FIGURE.key] = sum(values[f"wall_{prefix}"] for prefix in prefixes)
    else:
        notes[COURSE_FIGURE.key] = "not every notebook ran to the end"
    return values, skipped, notes


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m nnhelpers.benchmark [--notebooks 02 05] [--skip-epoch] ...``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", nargs="+", metavar="NN",
                        help="run only these notebooks, by prefix (default: all)")
    parser.add_argument("--skip-notebooks", action="store_true", help="run no notebook")
    parser.add_argument("--skip-epoch", action="store_true", help="do not time the epoch")
    parser.add_argument("--data-dir", type=Path,
                        help=f"folder holding MNIST/raw (default: ${DATA_VARIABLE} or data/)")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "benchmarks",
                        help="where to write REPORT.md and report.json (default: benchmarks/)")
    parser.add_argument("--repeats", type=int, default=3, help="timed epochs per pipeline (median)")
    parser.add_argument("--cell-timeout", type=int, default=30 * 60,
                        help="seconds any one notebook cell may take (default: 1800)")
    parser.add_argument("--solutions", type=Path, default=REPO_ROOT / "solutions",
                        help="folder of the solution notebooks (default: solutions/)")
    args = parser.parse_args(argv)

    load_average = os.getloadavg()[0]
    os.environ.pop(QUICK_VARIABLE, None)  # the full course setting, here and in the kernels
    if args.data_dir:
        os.environ[DATA_VARIABLE] = str(args.data_dir.expanduser().resolve())
    notebooks = find_notebooks(args.solutions)
    prefixes = sorted(set(notebooks) | set(COURSE_NOTEBOOKS))
    selected = [] if args.skip_notebooks else (args.notebooks or prefixes)
    unknown = sorted(set(selected) - set(prefixes))
    if unknown:
        parser.error(f"no notebook {', '.join(unknown)} (known: {', '.join(prefixes)})")

    root = full_mnist() if selected or not args.skip_epoch else None
    values, skipped, notes = run_notebooks(
        notebooks, prefixes, selected, args.cell_timeout, args.out / "runs"
    )
    details: dict[str, Any] = {}
    if selected:
        details["notebooks"] = {"data_dir": str(data_dir()), "selected": selected}
    if args.skip_epoch:
        skipped.update(figure.key for figure in EPOCH_FIGURES)
    else:
        print("Timing one epoch three ways ...", flush=True)
        epoch_values, details["epoch"] = time_epochs(root, args.repeats)
        values.update(epoch_values)

    walls = [wall_figure(p, notebooks[p].stem if p in notebooks else p) for p in prefixes]
    figures = RESULT_FIGURES + walls + [COURSE_FIGURE] + EPOCH_FIGURES
    rows = evaluate(figures, values, skipped, notes)
    about = machine(load_average)
    paths = write_report(rows, about, details, args.out)
    print(markdown(rows, about, details).split("## How", 1)[0].rstrip())
    print("Wrote " + " and ".join(str(path) for path in paths))
    return exit_status(rows)


if __name__ == "__main__":
    sys.exit(main())
