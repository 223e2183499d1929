"""How many CPU threads torch uses: as many as the CPUs this kernel may really use.

torch sizes its thread pool from the CPUs it sees (it follows the CPU affinity), not from a
CPU quota. A hub that limits each student to one core (Kubernetes' ``cpu_limit``, systemd's
``CPUQuota``, a container's ``--cpus``) sets such a quota; two threads under a one-core
quota then wait for each other, and a kernel runs at about half the speed one thread gets.
``set_torch_threads`` (called by the imports cells of notebooks 02-05) sets torch's threads
to the CPUs the kernel may use: its affinity, and the tightest cgroup CPU quota (v1 or v2)
on its own group and the groups above it, unless ``NN_THREADS`` names a number
(``nnhelpers.config.threads``).

joblib's ``cpu_count`` reads only the quota at the root of the cgroup file system: right
inside a container, blind to a quota on a systemd unit or any group below the root.
"""

import math
import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from nnhelpers.config import THREADS_VARIABLE, threads

CGROUP = Path("/sys/fs/cgroup")


def group_quota(folder: Path) -> float | None:
    """The CPUs the quota of the cgroup ``folder`` allows (v2 ``cpu.max``, v1
    ``cpu.cfs_quota_us``), or None when it sets none."""
    try:
        if (folder / "cpu.max").is_file():
            quota, period = (folder / "cpu.max").read_text().split()[:2]
        elif (folder / "cpu.cfs_quota_us").is_file():
            quota = (folder / "cpu.cfs_quota_us").read_text().strip()
            period = (folder / "cpu.cfs_period_us").read_text().strip()
        else:
            return None
    except (OSError, ValueError):
        return None
    if quota in ("max", "-1") or int(period) <= 0:
        return None
    return int(quota) / int(period)


def quota_cpus(proc_cgroup: Path = Path("/proc/self/cgroup"), root: Path = CGROUP) -> float | None:
    """The CPUs allowed by the tightest cgroup CPU quota on this process's group and on
    every group above it (a container sees its own group as the root), or None."""
    try:
        lines = proc_cgroup.read_text().splitlines()
    except OSError:
        return None
    limits = []
    for line in lines:
        _, controllers, path = line.split(":", 2)
        if controllers == "":  # cgroup v2, mounted at the root (or at unified/, beside v1)
            bases = [root, root / "unified"]
        elif "cpu" in controllers.split(","):  # cgroup v1's cpu controller
            bases = [root / controllers, root / "cpu"]
        else:
            continue
        group = PurePosixPath(path)
        for folder in [group, *group.parents]:
            for base in bases:
                limit = group_quota(base / folder.relative_to("/"))
                if limit is not None:
                    limits.append(limit)
    return min(limits) if limits else None


def usable_cpus() -> int:
    """The CPUs this process may use: those of its CPU affinity, limited by a cgroup CPU
    quota (rounded up: a quota of 1.5 CPUs keeps two threads busy)."""
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    cpus = affinity or os.cpu_count() or 1
    quota = quota_cpus()
    return max(1, min(cpus, math.ceil(quota))) if quota is not None else cpus


def set_torch_threads(environ: Mapping[str, str] = os.environ) -> None:
    """Set torch's intra-op threads to ``NN_THREADS``, or else to ``usable_cpus()`` when that
    is fewer than torch chose; say so in one line when it changes them. Returns nothing, so
    that a notebook cell that ends with the call shows nothing more
    (``torch.get_num_threads()`` tells the threads in use)."""
    import torch

    chosen = torch.get_num_threads()
    asked = threads(environ)
    wanted = asked if asked is not None else min(chosen, usable_cpus())
    if wanted != chosen:
        torch.set_num_threads(wanted)
        why = f"{THREADS_VARIABLE}={asked}" if asked is not None else "this kernel's CPU quota"
        print(f"Using {wanted} CPU thread(s), not {chosen}: {why}.")
