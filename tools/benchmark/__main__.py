"""``python -m tools.benchmark [--notebooks 02 05] [--skip-epoch] ...`` (``./course benchmark``)."""

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from nnhelpers import config
from nnhelpers.data import SAMPLE_ROOT, mnist_root
from tools import ROOT, catalog
from tools.benchmark.classroom import classroom
from tools.benchmark.epoch import time_epochs
from tools.benchmark.figures import (
    CLASSROOM_FIGURES,
    COURSE_FIGURE,
    EPOCH_FIGURES,
    GRADING_FIGURES,
    RESULT_FIGURES,
    memory_figure,
    wall_figure,
)
from tools.benchmark.grading import time_grading
from tools.benchmark.notebooks import kernel_environment, run_course
from tools.benchmark.report import evaluate, exit_status, machine, markdown, write_report


def full_mnist(data_dir: Path) -> Path:
    """The full MNIST in ``data_dir`` (downloaded if missing and online); exit if there is none."""
    root = mnist_root(quick=False, data_dir=data_dir)
    if root == SAMPLE_ROOT:
        sys.exit(
            f"The benchmark needs the full MNIST in {data_dir}: set --data-dir or "
            f"{config.DATA_VARIABLE} to a folder that holds MNIST/raw."
        )
    return root


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; 0 when every target was met, 1 otherwise."""
    parser = argparse.ArgumentParser(
        prog="./course benchmark",
        description="Run the course in the full setting, time an epoch three ways, check the "
        "targets, and write benchmarks/REPORT.md.",
    )
    numbers = [notebook.number for notebook in catalog.NOTEBOOKS]
    parser.add_argument(
        "--notebooks", nargs="+", metavar="NN", choices=numbers, help="run only these notebooks"
    )
    parser.add_argument("--skip-notebooks", action="store_true", help="run no notebook")
    parser.add_argument("--skip-epoch", action="store_true", help="do not time the epoch")
    parser.add_argument(
        "--skip-classroom", action="store_true", help="do not time kernels side by side"
    )
    parser.add_argument(
        "--skip-grading", action="store_true", help="do not time nbgrader grading a student"
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        help=f"folder holding MNIST/raw (default: ${config.DATA_VARIABLE}, else data/)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "benchmarks",
        help="where to write REPORT.md and report.json (default: benchmarks/)",
    )
    parser.add_argument(
        "--repeats", type=int, default=5, help="timed epochs per pipeline, taking turns (median)"
    )
    parser.add_argument(
        "--cell-timeout",
        type=int,
        default=30 * 60,
        help="seconds any one notebook cell may take (default: 1800)",
    )
    args = parser.parse_args(argv)

    load_average = os.getloadavg()[0]
    data_dir = (args.data_dir or config.data_dir()).expanduser().resolve()
    selected = [] if args.skip_notebooks else (args.notebooks or numbers)
    needs_mnist = selected or not args.skip_epoch or not args.skip_classroom
    root = full_mnist(data_dir) if needs_mnist else None
    notebooks = [(n.number, n.solution(), n.results) for n in catalog.NOTEBOOKS]
    values, skipped, notes = run_course(
        notebooks, selected, kernel_environment(data_dir), args.cell_timeout, args.out / "runs"
    )
    details: dict[str, Any] = {}
    if selected:
        details["notebooks"] = {"data_dir": str(data_dir), "selected": selected}
    if args.skip_epoch:
        skipped.update(figure.key for figure in EPOCH_FIGURES)
    else:
        print("Timing one epoch three ways ...", flush=True)
        epoch_values, details["epoch"] = time_epochs(root, args.repeats)
        values.update(epoch_values)
    if args.skip_classroom:
        skipped.update(figure.key for figure in CLASSROOM_FIGURES)
    else:
        print("Timing kernels side by side, with and without a CPU quota ...", flush=True)
        classroom_values, details["classroom"] = classroom(root)
        values.update(classroom_values)
        if details["classroom"]["no_quota"]:
            skipped.update(f.key for f in CLASSROOM_FIGURES if f.key not in classroom_values)
    if args.skip_grading:
        skipped.update(figure.key for figure in GRADING_FIGURES)
    else:
        print("Timing nbgrader grading one student's course ...", flush=True)
        grading_values, details["grading"] = time_grading()
        values.update(grading_values)

    walls = [wall_figure(n.number, n.stem) for n in catalog.NOTEBOOKS]
    walls += [memory_figure(n.number, n.stem) for n in catalog.NOTEBOOKS]
    figures = (
        RESULT_FIGURES
        + walls
        + [COURSE_FIGURE]
        + EPOCH_FIGURES
        + CLASSROOM_FIGURES
        + GRADING_FIGURES
    )
    rows = evaluate(figures, values, skipped, notes)
    about = machine(load_average)
    paths = write_report(rows, about, details, args.out)
    print(markdown(rows, about, details).split("## How", 1)[0].rstrip())
    print("Wrote " + " and ".join(str(path) for path in paths))
    return exit_status(rows)


if __name__ == "__main__":
    sys.exit(main())
