"""Run a command under a CPU quota, as a hub gives each student (for tests and the benchmark).

A hub limits a student's kernel with a cgroup CPU quota (Kubernetes' ``cpu_limit``,
systemd's ``CPUQuota``). ``quota_group`` makes such a group for the duration of a ``with``
block (cgroup v1's ``cpu`` controller, or cgroup v2's ``cpu.max``), and ``in_group`` turns a
command into one that joins the group before it starts. Making a group needs root and a
writable cgroup file system; ``why_no_quota`` says why not where it cannot.
"""

import os
import shlex
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

CGROUP = Path("/sys/fs/cgroup")
PERIOD_US = 100_000


def controller() -> tuple[Path, str] | None:
    """Where CPU quota groups go and which version they are (``"v1"``, ``"v2"``), or None."""
    if (CGROUP / "cpu" / "cpu.cfs_quota_us").is_file():
        return CGROUP / "cpu", "v1"
    controllers = CGROUP / "cgroup.controllers"
    if controllers.is_file() and "cpu" in controllers.read_text().split():
        return CGROUP, "v2"
    return None


def why_no_quota() -> str | None:
    """Why this machine cannot give a process a CPU quota here, or None when it can."""
    found = controller()
    if found is None:
        return "no cgroup CPU controller at /sys/fs/cgroup"
    if os.geteuid() != 0 or not os.access(found[0], os.W_OK):
        return f"{found[0]} is not writable (a CPU quota needs root)"
    return None


@contextmanager
def quota_group(cores: float, name: str) -> Iterator[Path]:
    """A cgroup whose processes together get at most ``cores`` CPUs; removed afterwards
    (its processes must have ended by then)."""
    found = controller()
    assert found is not None, why_no_quota()
    parent, version = found
    group = parent / f"{name}-{os.getpid()}"
    group.mkdir()
    try:
        quota = int(cores * PERIOD_US)
        if version == "v1":
            (group / "cpu.cfs_period_us").write_text(str(PERIOD_US))
            (group / "cpu.cfs_quota_us").write_text(str(quota))
        else:
            (group / "cpu.max").write_text(f"{quota} {PERIOD_US}")
        yield group
    finally:
        group.rmdir()


def in_group(group: Path, command: Sequence[str]) -> list[str]:
    """``command`` as a shell line that first moves itself into ``group``."""
    join = f'echo $$ > {shlex.quote(str(group / "cgroup.procs"))} && exec "$@"'
    return ["sh", "-c", join, "sh", *command]
