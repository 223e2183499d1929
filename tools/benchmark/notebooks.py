"""Run the solution notebooks in the full course setting and read the results they cite."""

import json
import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from nnhelpers.config import DATA_VARIABLE, QUICK_VARIABLE

RESULTS_MARKER = "NNHELPERS-BENCHMARK-RESULTS:"


@dataclass
class NotebookRun:
    """What one notebook's run gave: its wall time and results, or the error that stopped it."""

    seconds: float
    results: dict[str, float] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    error: str | None = None


def kernel_environment(data_dir: Path, base: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The environment the notebooks' kernels get: ``base`` in the full course setting
    (``NN_QUICK`` left out) with ``NN_DATA_DIR`` pointing at ``data_dir``."""
    environment = {key: value for key, value in base.items() if key != QUICK_VARIABLE}
    environment[DATA_VARIABLE] = str(data_dir)
    return environment


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
                values = json.loads(line[len(RESULTS_MARKER) :])
                numbers = {k: v for k, v in values.items() if isinstance(v, float)}
                return numbers, {k: v for k, v in values.items() if k not in numbers}
    return {}, dict.fromkeys(keys, "the notebook's kernel printed no results")


def run_notebook(
    path: Path,
    expressions: dict[str, str],
    environment: Mapping[str, str],
    cell_timeout: int | None,
    save_to: Path | None = None,
) -> NotebookRun:
    """Run a copy of the notebook at ``path`` in a fresh kernel with ``environment``, then
    read ``expressions``.

    The notebook at ``path`` is not changed; the executed copy is written to ``save_to``
    (if given), also when a cell failed. The kernel starts in the notebook's folder, as in
    JupyterLab. The wall time counts every cell and the kernel's start-up and shut-down.
    """
    notebook = nbformat.read(path, as_version=4)
    if expressions:
        notebook.cells.append(nbformat.v4.new_code_cell(results_snippet(expressions)))
    client = NotebookClient(
        notebook, timeout=cell_timeout, resources={"metadata": {"path": str(path.parent)}}
    )
    start = time.perf_counter()
    try:
        client.execute(env=dict(environment))
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


def run_course(
    notebooks: list[tuple[str, Path, dict[str, str]]],
    selected: list[str],
    environment: Mapping[str, str],
    cell_timeout: int | None,
    runs: Path,
) -> tuple[dict[str, float], set[str], dict[str, str]]:
    """Run the selected notebooks (``(number, path, results)``: the results its text cites,
    figure key -> expression; in order), saving the executed copies in ``runs``.

    Returns the figures (by key), the keys of the figures not asked for, and notes.
    """
    from tools.benchmark.figures import COURSE_FIGURE, PEAK_MEMORY

    values: dict[str, float] = {}
    skipped: set[str] = set()
    notes: dict[str, str] = {}
    for number, path, results in notebooks:
        expressions = {**results, f"memory_{number}": PEAK_MEMORY}
        keys = [f"wall_{number}", *expressions]
        if number not in selected:
            skipped.update(keys)
            continue
        if not path.is_file():
            notes[f"wall_{number}"] = f"no {path}"
            continue
        print(f"Running {path.name} ...", flush=True)
        run = run_notebook(path, expressions, environment, cell_timeout, runs / path.name)
        if run.error:
            notes[f"wall_{number}"] = run.error
            notes.update(dict.fromkeys(keys[1:], "the notebook did not run to the end"))
        else:
            values[f"wall_{number}"] = run.seconds
        values.update(run.results)
        notes.update(run.errors)
        print(f"  {run.seconds:.0f} s; {run.error or run.results or 'done'}", flush=True)
    numbers = [number for number, _, _ in notebooks]
    if set(selected) != set(numbers):
        skipped.add(COURSE_FIGURE.key)
    elif all(f"wall_{number}" in values for number in numbers):
        values[COURSE_FIGURE.key] = sum(values[f"wall_{number}"] for number in numbers)
    else:
        notes[COURSE_FIGURE.key] = "not every notebook ran to the end"
    return values, skipped, notes
