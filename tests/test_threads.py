"""nnhelpers.threads: torch's threads follow the CPUs a kernel may use, a hub's quota included.

The quota test makes a real cgroup CPU quota of one core (tools.cpu_quota) and starts a
Python under it, as a hub starts a student's kernel; it skips, saying why, where the machine
does not allow it (no root, no cgroup CPU controller, a single CPU).
"""

import os
import subprocess
import sys

import pytest
import torch

from nnhelpers import config, threads
from tools import ROOT
from tools.cpu_quota import in_group, quota_group, why_no_quota


@pytest.fixture
def torch_threads():
    """Restores torch's thread count after the test."""
    before = torch.get_num_threads()
    yield before
    torch.set_num_threads(before)


def test_fewer_usable_cpus_lower_the_threads_and_say_so(torch_threads, monkeypatch, capsys):
    if torch_threads < 2:
        pytest.skip("torch uses one thread here: nothing to lower")
    monkeypatch.setattr(threads, "usable_cpus", lambda: 1)
    assert threads.set_torch_threads({}) is None
    assert torch.get_num_threads() == 1
    said = capsys.readouterr().out
    assert said == f"Using 1 CPU thread(s), not {torch_threads}: this kernel's CPU quota.\n"


def test_as_many_usable_cpus_as_threads_change_nothing(torch_threads, monkeypatch, capsys):
    monkeypatch.setattr(threads, "usable_cpus", lambda: torch_threads + 4)
    assert threads.set_torch_threads({}) is None
    assert torch.get_num_threads() == torch_threads
    assert capsys.readouterr().out == ""


def test_nn_threads_overrides(torch_threads, monkeypatch, capsys):
    monkeypatch.setattr(threads, "usable_cpus", lambda: 1)
    assert threads.set_torch_threads({"NN_THREADS": str(torch_threads + 1)}) is None
    assert torch.get_num_threads() == torch_threads + 1
    assert "NN_THREADS=" in capsys.readouterr().out


@pytest.mark.parametrize("value", ["0", "two", "-1", "1.5"])
def test_a_value_that_is_no_thread_count_is_reported_and_ignored(value, capsys):
    assert config.threads({"NN_THREADS": value}) is None
    assert f"NN_THREADS={value!r} is not a number of threads" in capsys.readouterr().err


def test_unset_means_no_override():
    assert config.threads({}) is None
    assert config.threads({"NN_THREADS": " "}) is None


def fake_cgroups(tmp_path, proc_lines, files):
    """A /proc/self/cgroup and a cgroup file system under ``tmp_path``."""
    (tmp_path / "proc").write_text("\n".join(proc_lines) + "\n")
    for name, text in files.items():
        (tmp_path / "fs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "fs" / name).write_text(text)
    return threads.quota_cpus(tmp_path / "proc", tmp_path / "fs")


def test_a_v2_quota_on_the_process_group_counts(tmp_path):
    files = {"cpu.max": "max 100000\n", "user.slice/jupyter.service/cpu.max": "150000 100000\n"}
    assert fake_cgroups(tmp_path, ["0::/user.slice/jupyter.service"], files) == 1.5


def test_the_tightest_v1_quota_on_the_way_up_counts(tmp_path):
    files = {
        "cpu,cpuacct/cpu.cfs_quota_us": "-1",
        "cpu,cpuacct/cpu.cfs_period_us": "100000",
        "cpu,cpuacct/hub/cpu.cfs_quota_us": "50000",
        "cpu,cpuacct/hub/cpu.cfs_period_us": "100000",
        "cpu,cpuacct/hub/alice/cpu.cfs_quota_us": "200000",
        "cpu,cpuacct/hub/alice/cpu.cfs_period_us": "100000",
    }
    proc = ["4:memory:/hub/alice", "2:cpu,cpuacct:/hub/alice", "0::/hub/alice"]
    assert fake_cgroups(tmp_path, proc, files) == 0.5


def test_a_container_sees_its_quota_at_the_root(tmp_path):
    files = {"cpu.max": "100000 100000\n"}
    assert fake_cgroups(tmp_path, ["0::/kubepods/pod1/abc"], files) == 1.0


def test_no_quota_anywhere_is_none(tmp_path):
    files = {"cpu.max": "max 100000\n"}
    assert fake_cgroups(tmp_path, ["0::/"], files) is None
    assert threads.quota_cpus(tmp_path / "no-such-file") is None


PROBE = (
    "from nnhelpers.threads import set_torch_threads, usable_cpus; import torch; "
    "before = torch.get_num_threads(); set_torch_threads(); "
    "print('result', usable_cpus(), before, torch.get_num_threads())"
)


def test_a_kernel_under_a_one_core_quota_uses_one_thread():
    if why := why_no_quota():
        pytest.skip(f"cannot make a CPU quota here: {why}")
    if (os.cpu_count() or 1) < 2:
        pytest.skip("a single CPU: the quota would change nothing")
    env = {k: v for k, v in os.environ.items() if k != "NN_THREADS"}
    with quota_group(1.0, "nn-course-test") as group:
        run = subprocess.run(
            in_group(group, [sys.executable, "-c", PROBE]),
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=120,
        )
    assert run.returncode == 0, run.stderr
    usable, before, after = map(int, run.stdout.split("result")[1].split())
    assert (usable, after) == (1, 1)
    assert before >= 2
    assert f"Using 1 CPU thread(s), not {before}: this kernel's CPU quota." in run.stdout
