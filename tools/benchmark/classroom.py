"""A classroom on one machine: kernels side by side, with and without a hub's CPU quota.

Each kernel is a fresh Python that runs notebook 02's loop (the course's MLP, MNIST through
``ToTensor`` image by image, batches of 128) and times ``BATCHES`` batches after a warm-up;
kernels started together wait for each other before they time, so that they really run at
once. A kernel either keeps torch's default threads or calls the course's
``set_torch_threads()`` (as notebooks 02-05 do). Speeds are compared with one kernel alone
on one thread, the best a student with one core can get.

Runs (each in its own processes, one after the other):

* alone, torch's default threads; alone, one thread (the reference);
* alone under a CPU quota of one core, default threads (before the course set them) and
  the course's threads;
* one kernel per core at once, each under its own one-core quota (a hub that gives each
  student a core), default threads and the course's threads;
* one kernel per core at once without any quota (a hub without limits, or a student with
  two notebooks running), default threads and ``NN_THREADS=1``.

The quota runs need root and a cgroup CPU controller (``tools.cpu_quota``); without them
they are skipped, and the report says why.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from tools import ROOT
from tools.cpu_quota import in_group, quota_group, why_no_quota

BATCHES = 300
WARMUP_BATCHES = 10


@dataclass(frozen=True)
class Run:
    """Kernels started together: how many, under a one-core quota each or not, and their
    threads (``"default"``: torch's own choice, ``"course"``: ``set_torch_threads()``,
    ``"1"``: ``NN_THREADS=1``)."""

    key: str
    label: str
    kernels: int
    quota: bool
    threads: str


def runs(cores: int) -> list[Run]:
    """The runs of the module's docstring, for a machine with ``cores`` usable CPUs."""
    return [
        Run("alone", "one kernel alone, torch's default threads", 1, False, "default"),
        Run("alone_1", "one kernel alone, one thread", 1, False, "1"),
        Run("quota_before", "one kernel under a 1-core quota, default threads", 1, True, "default"),
        Run("quota", "one kernel under a 1-core quota, the course's threads", 1, True, "course"),
        Run(
            "hub_before",
            f"{cores} kernels at once, each under a 1-core quota, default threads",
            cores,
            True,
            "default",
        ),
        Run("hub", f"{cores} kernels at once, each under a 1-core quota", cores, True, "course"),
        Run(
            "crowd", f"{cores} kernels at once, no quota, default threads", cores, False, "default"
        ),
        Run("crowd_1", f"{cores} kernels at once, no quota, NN_THREADS=1", cores, False, "1"),
    ]


def worker(mnist_root: str, threads: str, ready: str, go: str) -> None:
    """One kernel: notebook 02's loop; prints the seconds per ``BATCHES`` batches."""
    import torch
    import torch.nn.functional as F
    from torch.utils.data import DataLoader
    from torchvision.datasets import MNIST
    from torchvision.transforms import ToTensor

    from nnhelpers.threads import set_torch_threads
    from tools.benchmark.epoch import BATCH_SIZE, LEARNING_RATE
    from tools.course_mlp import course_mlp

    if threads != "default":
        set_torch_threads()
    data = MNIST(root=mnist_root, train=True, transform=ToTensor())
    loader = DataLoader(data, batch_size=BATCH_SIZE, shuffle=True)
    model = course_mlp()
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)

    def steps(n: int) -> None:
        done = 0
        while done < n:
            for images, labels in loader:
                optimizer.zero_grad()
                F.cross_entropy(model(images), labels).backward()
                optimizer.step()
                done += 1
                if done == n:
                    return

    steps(WARMUP_BATCHES)
    Path(ready).touch()
    while not Path(go).exists():
        time.sleep(0.01)
    start = time.perf_counter()
    steps(BATCHES)
    print(f"{time.perf_counter() - start:.4f} {torch.get_num_threads()}")


def start_kernels(run: Run, mnist_root: Path, folder: Path, groups: list[Path]) -> list[float]:
    """Start ``run.kernels`` kernels (in ``groups`` if given), let them time together, and
    return their seconds per ``BATCHES`` batches."""
    env = {k: v for k, v in os.environ.items() if k != "NN_THREADS"}
    if run.threads == "1":
        env["NN_THREADS"] = "1"
    processes = []
    for index in range(run.kernels):
        ready = folder / f"ready-{index}"
        command = [sys.executable, "-m", "tools.benchmark.classroom", "--worker", str(mnist_root)]
        command += [run.threads, str(ready), str(folder / "go")]
        if groups:
            command = in_group(groups[index], command)
        processes.append(subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE))
    while not all((folder / f"ready-{i}").exists() for i in range(run.kernels)):
        if any(p.poll() not in (None, 0) for p in processes):
            break
        time.sleep(0.05)
    (folder / "go").touch()
    seconds = []
    for process in processes:
        out, _ = process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"a kernel of {run.key!r} failed (exit code {process.returncode})")
        seconds.append(float(out.split(b"\n")[-2].split()[0]))
    return seconds


def measure(run: Run, mnist_root: Path) -> list[float]:
    """Seconds per ``BATCHES`` batches of each kernel of ``run``."""
    with tempfile.TemporaryDirectory(prefix="nn-classroom-") as scratch:
        if not run.quota:
            return start_kernels(run, mnist_root, Path(scratch), [])
        with ExitStack() as stack:
            groups = [
                stack.enter_context(quota_group(1.0, f"nn-classroom-{i}"))
                for i in range(run.kernels)
            ]
            return start_kernels(run, mnist_root, Path(scratch), groups)


def classroom(mnist_root: Path) -> tuple[dict[str, float], dict[str, object]]:
    """The figures (each run's speed as a share of one kernel alone on one thread, the
    slowest kernel of a run counting) and the details (seconds of every kernel)."""
    cores = max(2, len(os.sched_getaffinity(0)))
    no_quota = why_no_quota()
    seconds: dict[str, list[float]] = {}
    for run in runs(cores):
        if run.quota and no_quota:
            continue
        print(f"  {run.label} ...", flush=True)
        seconds[run.key] = measure(run, mnist_root)
    reference = statistics.median(seconds["alone_1"])
    values = {
        f"classroom_{key}": reference / max(kernel_seconds)
        for key, kernel_seconds in seconds.items()
        if key != "alone_1"
    }
    details = {"batches": BATCHES, "cores": cores, "seconds": seconds, "no_quota": no_quota}
    return values, details


if __name__ == "__main__":
    worker(*sys.argv[2:6])  # the benchmark starts its kernels as: --worker ROOT THREADS ...
