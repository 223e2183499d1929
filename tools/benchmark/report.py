"""Compare the figures with their targets and write ``REPORT.md`` and ``report.json``."""

import json
import os
import platform
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import torch

from tools import catalog
from tools.benchmark.epoch import (
    BATCH_SIZE,
    LEARNING_RATE,
    SPLIT_SEED,
    WARMUP_BATCHES,
    epoch_matmul_flops,
)
from tools.benchmark.figures import FORMATS, Figure

PASS, FAIL, NO_TARGET, NOT_RUN = "pass", "FAIL", "", "not run"


@dataclass
class Row:
    """A figure as measured in this run and how it compares with its target."""

    figure: Figure
    value: float | None
    status: str
    note: str = ""


def evaluate(
    figures: list[Figure], values: dict[str, float], skipped: set[str], notes: dict[str, str]
) -> list[Row]:
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
        models = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
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
        expressions = (expr for n in catalog.NOTEBOOKS for expr in n.results.values())
        lines.append(
            "- **Notebooks.** Each `solutions/*.ipynb` ran as an in-memory copy in a fresh kernel "
            f"(nbclient; `NN_QUICK` unset, `NN_DATA_DIR={run['data_dir']}`); its wall time counts "
            "every cell and the kernel's start-up and shut-down. The accuracies are read from "
            "that kernel after its last cell (with its peak memory, `ru_maxrss`): "
            + "; ".join(f"`{expr}`" for expr in expressions)
            + ". The executed copies are in `runs/` next to this report (not committed)."
        )
    if "epoch" in details:
        epoch = details["epoch"]
        n = epoch["n_train"]
        calls = ", ".join(
            f"{count} × `{op}`" for op, count in epoch["profiled_matmul_calls"].items()
        )
        lines += [
            f"- **Epoch.** {n:,} training images (the course's `random_split` of MNIST's "
            f"{epoch['n_images']:,}, seed {SPLIT_SEED}), MLP 784-500-10 with ReLU, batch "
            f"{BATCH_SIZE}, SGD lr {LEARNING_RATE}, cross-entropy, on the CPU with "
            f"{epoch['threads']} threads; median of {epoch['repeats']} timed epochs per pipeline "
            f"after a {WARMUP_BATCHES}-batch warm-up, the two pipelines taking turns; the "
            "speed-up is the median of the ratios of the epochs timed side by side. "
            "*Original pipeline*: `MNIST(..., "
            f"transform=ToTensor())` and `DataLoader(batch_size={BATCH_SIZE}, shuffle=True)`. "
            "*Preloaded*, as in notebooks 03 and 04: `TensorDataset(train_data.data.float()"
            f".div(255).unsqueeze(1), train_data.targets)`, built once in "
            f"{epoch['preload_seconds']:.2f} s, served by a DataLoader that fetches whole batches "
            f"(`sampler=BatchSampler(RandomSampler(...), {BATCH_SIZE}, drop_last=False), "
            "batch_size=None`). *Data loading alone*: iterating the original DataLoader without "
            "training.",
            f"- **Compute bound.** One more epoch of the preloaded loop ({epoch['profiled_steps']} "
            "training steps, right after the timed epochs) ran under `torch.profiler`; the bound "
            f"is the self time of its matmul operators ({calls}): the matrix products as the "
            "loop really issues them, with its operands, layouts and caches. Everything else "
            "(biases, ReLU, softmax, the optimizer step, fetching batches, Python) is left out, "
            "so no real epoch can be faster. The ratio and the share beside it compare that "
            "profiled epoch's wall time with its matmul time (the profiler's own overhead "
            "counts against the course, so the ratio errs high). The epoch's matmul "
            f"FLOPs: for N images, forward 2N(784·500 + 500·10), backward 2N(784·500 + 500·10) "
            "for the weight gradients plus 2N·500·10 for the hidden layer's gradient (the images "
            f"need no gradient): {epoch_matmul_flops(1):,}·N = {epoch['epoch_flops'] / 1e9:.1f} "
            f"GFLOP for N = {n:,}. For comparison, the same five matmuls at batch {BATCH_SIZE}, "
            "each timed alone with `torch.utils.benchmark` (median):",
            "",
            "| matmul | shapes | time alone | rate alone |",
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
    if missed:
        verdict = f"**{len(missed)} target(s) missed:** " + "; ".join(missed) + "."
    elif met:
        verdict = f"**All {met} targets measured were met.**"
    else:
        verdict = "**No target was measured.**"
    if not_run:
        verdict += f" {not_run} figure(s) were not run (partial run)."
    lines = [
        "# Course benchmark",
        "",
        f"Measured {about['date']} on {about['cpu']} ({about['cores']} cores, "
        f"{about['torch_threads']} torch threads; accelerator: {about['accelerator']}), "
        f"torch {about['torch']}, Python {about['python']}, {about['os']}; load average before "
        f"the run: {about['load_average']}. "
        "Command: `python -m tools.benchmark` (`./course benchmark`).",
        "",
        verdict,
        "",
        "| figure | original lesson | this course | target | pass |",
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
            {
                "key": row.figure.key,
                "label": row.figure.label,
                "unit": row.figure.unit,
                "original": row.figure.original,
                "value": row.value,
                "target": row.figure.target.text(row.figure.unit) if row.figure.target else None,
                "status": row.status,
                "note": row.note,
            }
            for row in rows
        ],
        "details": details,
    }
    paths = [out / "REPORT.md", out / "report.json"]
    paths[0].write_text(markdown(rows, about, details), encoding="utf-8")
    paths[1].write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return paths
