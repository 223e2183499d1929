"""The benchmark's target logic and report writer, on small hand-made figures.

The benchmark itself (running every notebook, timing epochs on full MNIST) is not part of
the test suite.
"""

import json
import os

import pytest

from tools.benchmark import __main__ as command
from tools.benchmark import epoch, notebooks, report
from tools.benchmark.figures import Figure, Target
from tools.benchmark.report import FAIL, NO_TARGET, NOT_RUN, PASS

ACCURACY = Figure("acc", "an accuracy", "accuracy", "0.979", Target(">=", 0.978))
SPEED_UP = Figure("speed_up", "a speed-up", "ratio", target=Target(">=", 4))
BOUND = Figure("bound", "a ratio to a bound", "ratio", target=Target("<=", 2))
WALL = Figure("wall", "a course", "duration", target=Target("<", 1800))
INFO = Figure("info", "a figure without target", "seconds", "1.2 s")
FIGURES = [ACCURACY, SPEED_UP, BOUND, WALL, INFO]
GOOD = {"acc": 0.978, "speed_up": 5.2, "bound": 1.4, "wall": 1799.0, "info": 2.5}
ABOUT = {
    "cpu": "Test CPU",
    "cores": 2,
    "torch_threads": 2,
    "accelerator": "none",
    "torch": "2.x",
    "python": "3.x",
    "os": "TestOS",
    "date": "2025-01-01T00:00:00+00:00",
    "load_average": 0.1,
}


def statuses(rows):
    return {row.figure.key: row.status for row in rows}


@pytest.mark.parametrize(
    "target, value, met",
    [
        (Target(">=", 0.978), 0.978, True),
        (Target(">=", 0.978), 0.9779, False),
        (Target("<=", 2), 2.0, True),
        (Target("<=", 2), 2.01, False),
        (Target("<", 1800), 1799.9, True),
        (Target("<", 1800), 1800, False),
    ],
)
def test_target_boundaries(target, value, met):
    assert target.met(value) is met


def test_all_targets_met():
    rows = report.evaluate(FIGURES, GOOD, set(), {})
    assert statuses(rows) == {
        "acc": PASS,
        "speed_up": PASS,
        "bound": PASS,
        "wall": PASS,
        "info": NO_TARGET,
    }
    assert report.exit_status(rows) == 0


@pytest.mark.parametrize(
    "key, value", [("acc", 0.977), ("speed_up", 3.9), ("bound", 2.1), ("wall", 1800.0)]
)
def test_one_missed_target_fails_the_run(key, value):
    rows = report.evaluate(FIGURES, {**GOOD, key: value}, set(), {})
    assert [row.figure.key for row in rows if row.status == FAIL] == [key]
    assert report.exit_status(rows) == 1


def test_missing_figure_fails_even_without_target():
    values = {k: v for k, v in GOOD.items() if k != "info"}
    rows = report.evaluate(FIGURES, values, set(), {"info": "notebook stopped: NameError"})
    assert statuses(rows)["info"] == FAIL and rows[-1].note == "notebook stopped: NameError"
    assert report.exit_status(rows) == 1


def test_skipped_figures_are_not_failures():
    rows = report.evaluate(FIGURES, {"acc": 0.98}, {"speed_up", "bound", "wall", "info"}, {})
    assert statuses(rows) == {
        "acc": PASS,
        **dict.fromkeys(["speed_up", "bound", "wall", "info"], NOT_RUN),
    }
    assert report.exit_status(rows) == 0


def test_report_files(tmp_path):
    values = {**GOOD, "bound": 2.5}
    del values["info"]
    rows = report.evaluate(FIGURES, values, {"info"}, {})
    markdown_path, json_path = report.write_report(rows, ABOUT, {}, tmp_path / "out")

    text = markdown_path.read_text(encoding="utf-8")
    assert "Test CPU (2 cores" in text and "torch 2.x" in text and "2025-01-01" in text
    assert "| figure | original lesson | this course | target | pass |" in text
    assert "| an accuracy | 0.979 | 0.9780 | >= 0.978 | pass |" in text
    assert "| a ratio to a bound | n/a | 2.5x | <= 2x | **FAIL** |" in text
    assert "| a course | n/a | 29 min 59 s | < 30 min | pass |" in text
    assert "| a figure without target | 1.2 s | — |  | not run |" in text
    assert "1 target(s) missed:** a ratio to a bound." in text

    saved = json.loads(json_path.read_text(encoding="utf-8"))
    assert saved["passed"] is False and saved["machine"] == ABOUT
    by_key = {figure["key"]: figure for figure in saved["figures"]}
    assert by_key["bound"] == {
        "key": "bound",
        "label": "a ratio to a bound",
        "unit": "ratio",
        "original": "n/a",
        "value": 2.5,
        "target": "<= 2x",
        "status": FAIL,
        "note": "",
    }
    assert by_key["info"]["value"] is None and by_key["info"]["status"] == NOT_RUN


def test_report_verdict_when_all_met(tmp_path):
    rows = report.evaluate(FIGURES, GOOD, set(), {})
    markdown_path, json_path = report.write_report(rows, ABOUT, {}, tmp_path)
    assert "**All 4 targets measured were met.**" in markdown_path.read_text(encoding="utf-8")
    assert json.loads(json_path.read_text(encoding="utf-8"))["passed"] is True


def test_results_snippet_reads_values_and_errors(capsys):
    expressions = {"02_val_acc": 'history["val_acc"][-1]', "05_best": 'test_accuracy["best"]'}
    exec(notebooks.results_snippet(expressions), {"history": {"val_acc": [0.5, 0.9791]}})
    output = {"output_type": "stream", "name": "stdout", "text": capsys.readouterr().out}
    numbers, errors = notebooks.parse_results([output], expressions)
    assert numbers == {"02_val_acc": 0.9791}
    assert errors == {
        "05_best": "test_accuracy[\"best\"]: NameError: name 'test_accuracy' is not defined"
    }
    nothing_printed = {"02_val_acc": "the notebook's kernel printed no results"}
    assert notebooks.parse_results([], ["02_val_acc"]) == ({}, nothing_printed)


def test_epoch_flops_match_torch_flop_counter():
    import torch
    from torch.utils.flop_counter import FlopCounterMode

    model, images = epoch.course_mlp(), torch.randn(7, 1, 28, 28)
    with FlopCounterMode(display=False) as counter:
        torch.nn.functional.cross_entropy(model(images), torch.randint(0, 10, (7,))).backward()
    assert epoch.epoch_matmul_flops(7) == counter.get_total_flops() == 7 * 1_598_000
    step = epoch.step_matmuls(7)
    assert sum(2 * a.shape[0] * a.shape[1] * b.shape[1] for _, a, b in step) == 7 * 1_598_000


def test_command_line_writes_report_and_exit_status(tmp_path):
    environment = dict(os.environ)
    status = command.main(
        [
            "--skip-notebooks",
            "--skip-epoch",
            "--skip-classroom",
            "--skip-grading",
            "--out",
            str(tmp_path),
        ]
    )
    assert status == 0
    assert dict(os.environ) == environment, "the benchmark must not change the environment"
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert {figure["status"] for figure in report["figures"]} == {NOT_RUN}
    assert "05_test_acc_best" in {figure["key"] for figure in report["figures"]}


def test_kernels_get_the_full_setting_and_the_data_folder(tmp_path):
    base = {"NN_QUICK": "1", "PATH": "/bin", "NN_DATA_DIR": "/elsewhere"}
    environment = notebooks.kernel_environment(tmp_path, base)
    assert environment == {"PATH": "/bin", "NN_DATA_DIR": str(tmp_path)}
    assert base["NN_QUICK"] == "1", "the given environment is left as it was"


def test_profiled_steps_count_the_matmuls_of_the_step():
    import torch

    torch.manual_seed(0)
    model = epoch.course_mlp()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    batches = [(torch.rand(16, 1, 28, 28), torch.randint(0, 10, (16,))) for _ in range(3)]
    matmul_seconds, wall, calls = epoch.profile_steps(model, optimizer, batches)
    # per step: addmm for the first layer (it has a bias), mm for the second; backward: three mm
    assert calls == {"aten::addmm": 3, "aten::mm": 12}
    assert 0 < matmul_seconds < wall


def test_classroom_kernels_run_together_and_report_their_seconds():
    from nnhelpers.data import SAMPLE_ROOT
    from tools.benchmark import classroom
    from tools.cpu_quota import why_no_quota

    crowd = classroom.Run("crowd_1", "two kernels, one thread each", 2, False, "1")
    seconds = classroom.measure(crowd, SAMPLE_ROOT)
    assert len(seconds) == 2 and all(s > 0 for s in seconds)
    if why_no_quota() is None:
        (alone,) = classroom.measure(classroom.Run("quota", "", 1, True, "course"), SAMPLE_ROOT)
        assert alone > 0


def test_peak_memory_is_read_in_bytes_from_the_kernel():
    import resource

    from tools.benchmark.figures import FORMATS, PEAK_MEMORY

    peak = float(eval(PEAK_MEMORY))
    assert peak == resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 > 50 * 2**20
    assert FORMATS["bytes"](1.5 * 2**30) == "1,536 MiB"


def test_grading_a_solved_notebook_gives_every_point():
    from tools import catalog
    from tools.benchmark import grading

    first = catalog.NOTEBOOKS[0]
    values, details = grading.time_grading((first,), lanes=2)
    assert values["grading_one_student"] > 0 and values["grading_in_lanes"] > 0
    assert details["points"] == details["points_in_lanes"] == {first.stem: 2.0}
    assert details["lanes"] == [[first.stem], []]
