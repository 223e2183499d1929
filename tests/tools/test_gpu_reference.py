"""tools/gpu_reference.py: notebook 04's GPU measurements, tried on the CPU."""

import datetime

import pytest
import torch

from tools import gpu_reference as gpu_reference_module


@pytest.fixture(scope="module")
def gpu_reference():
    return gpu_reference_module


def test_without_gpu_it_explains_and_fails(gpu_reference, monkeypatch, capsys):
    monkeypatch.setattr(gpu_reference, "pick_gpu", lambda: None)
    assert gpu_reference.main([]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "No GPU found" in captured.err and "--device cpu" in captured.err


def test_on_cpu_prints_table_and_dict(gpu_reference, capsys):
    assert (
        gpu_reference.main(["--device", "cpu", "--batch-sizes", "1", "4", "--min-run-time", "0.01"])
        == 0
    )
    table, assignment = capsys.readouterr().out.strip().split("\n\nGPU_REFERENCE", 1)
    assert f"measured {datetime.date.today().isoformat()} with torch {torch.__version__}" in table
    rows = [line for line in table.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert [row.split(" | ")[0] for row in rows] == ["| 1", "| 4"]
    namespace: dict = {}
    exec("GPU_REFERENCE" + assignment, namespace)
    reference = namespace["GPU_REFERENCE"]
    assert reference["device"].startswith("CPU (") and reference["torch"] == torch.__version__
    for key in ("ms_per_batch", "launch_ms_per_batch"):
        assert list(reference[key]) == [1, 4] and all(ms > 0 for ms in reference[key].values())


def test_table_and_dict_formats(gpu_reference):
    reference = {
        "device": "Example GPU",
        "date": "2000-01-01",
        "torch": "9.9",
        "ms_per_batch": {1000: 0.5},
        "launch_ms_per_batch": {1000: 0.01},
    }
    table = gpu_reference.markdown_table(reference)
    assert "**Example GPU**, measured 2000-01-01 with torch 9.9" in table
    assert table.splitlines()[-1] == "| 1000 | 0.5 | 0.01 | 2,000,000 | 1,588.0 |"
    namespace: dict = {}
    exec(gpu_reference.python_dict(reference), namespace)
    assert namespace["GPU_REFERENCE"] == reference
