"""A throwaway JupyterLab server for the browser tests, and where to find Chromium.

``running_lab(root_dir, log_path)`` starts JupyterLab from this Python environment on a
free loopback port with a random token, and stops it on exit, kernels included, even when
the test fails. Its config, data, runtime, settings, workspace and checkpoint folders are
temporary: nothing is read from the user's or left in the user's or the course's folders.
The settings keep the tests harmless and quiet: no autosave (a test that runs cells must
never write into the course's notebooks), no news or update checks.

``chromium(path)`` starts headless Chromium as every browser test does, and ``reap(pids)``
ends what a stopped server left behind (the hub test uses both too).
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

START_TIMEOUT_S = 60
STOP_TIMEOUT_S = 15

LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "checkForUpdates": False,
        "fetchNews": "false",
    },
}


def find_chromium() -> str | None:
    """Path of a Chromium executable (Debian package ``chromium``), or None."""
    for name in ("chromium", "chromium-browser"):
        if found := shutil.which(name):
            return found
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Lab:
    """A running JupyterLab server."""

    base_url: str
    token: str
    process: subprocess.Popen

    def url(self, path: str = "lab") -> str:
        """The address of ``path`` on the server, token included."""
        separator = "&" if "?" in path else "?"
        return f"{self.base_url}/{path}{separator}token={self.token}"

    def api(self, method: str, path: str, timeout: float = 10) -> Any:
        """Call the server's REST API (``path`` like ``api/sessions``); the decoded JSON."""
        request = urllib.request.Request(
            f"{self.base_url}/{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shut_down_kernels(self) -> None:
        """Stop every kernel (each opened notebook starts one)."""
        for kernel in self.api("GET", "api/kernels"):
            self.api("DELETE", f"api/kernels/{kernel['id']}", timeout=STOP_TIMEOUT_S)


def descendants(pid: int) -> list[int]:
    """Ids of all processes below ``pid`` (kernels run in sessions of their own, so the
    server's process group does not hold them)."""
    table = subprocess.run(["ps", "-A", "-o", "pid=,ppid="], capture_output=True, text=True)
    children: dict[int, list[int]] = {}
    for line in table.stdout.splitlines():
        child, parent = map(int, line.split())
        children.setdefault(parent, []).append(child)
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    """Whether process ``pid`` still exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reap(pids: list[int]) -> None:
    """Give the processes ``pids`` (a server's, after it was told to stop) time to end,
    then kill those left."""
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while (left := [pid for pid in pids if alive(pid)]) and time.monotonic() < deadline:
        time.sleep(0.2)
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
"""How the tests start Chromium: headless, as root (no sandbox), with no network of its own."""


@contextmanager
def chromium(executable: str) -> Iterator[Any]:
    """Headless Chromium (a Playwright ``Browser``) for the duration of the block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


@contextmanager
def on_sigterm_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM (e.g. a CI timeout) stops the test run as Ctrl-C does, so
    that the cleanup of servers started in sessions of their own still runs."""
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def wait_until_answering(
    process: subprocess.Popen,
    ask: Callable[[], object],
    name: str,
    log_path: Path,
    timeout_s: float,
) -> None:
    """Call ``ask`` (a request to a server that ``process`` started) until it succeeds; raise
    with the end of the server's log if ``process`` exits first or ``timeout_s`` pass."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and process.poll() is None:
        try:
            ask()
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    tail = log_path.read_text(errors="replace")[-3000:]
    if process.poll() is not None:
        problem = f"{name} exited with code {process.returncode}"
    else:
        problem = f"{name} did not answer within {timeout_s} s"
    raise RuntimeError(f"{problem}. Its log:\n{tail}")


def _stop(lab: Lab) -> None:
    """Stop the server and its kernels: politely, then by force."""
    below = descendants(lab.process.pid)
    if lab.process.poll() is None:
        try:
            lab.api("POST", "api/shutdown", timeout=STOP_TIMEOUT_S)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        try:
            lab.process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(lab.process.pid, signal.SIGTERM)
            try:
                lab.process.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                os.killpg(lab.process.pid, signal.SIGKILL)
                lab.process.wait(STOP_TIMEOUT_S)
    reap(below)


@contextmanager
def running_lab(root_dir: Path, log_path: Path) -> Iterator[Lab]:
    """Run JupyterLab on ``root_dir`` for the duration of the block; its log goes to
    ``log_path``. Kernels inherit this process's environment (e.g. ``NN_QUICK``)."""
    with tempfile.TemporaryDirectory(prefix="nn-course-lab-") as tmp:
        home = Path(tmp)
        settings = home / "lab-settings"
        for name, values in LAB_SETTINGS.items():
            (settings / name).parent.mkdir(parents=True, exist_ok=True)
            (settings / name).write_text(json.dumps(values))
        env = {
            **os.environ,
            "JUPYTER_CONFIG_DIR": str(home / "config"),
            "JUPYTER_DATA_DIR": str(home / "data"),
            "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
            "JUPYTERLAB_SETTINGS_DIR": str(settings),
            "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
            "IPYTHONDIR": str(home / "ipython"),
        }
        token = secrets.token_hex(16)
        port = free_port()
        command = [
            sys.executable, "-m", "jupyter", "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root_dir}",
            f"--FileCheckpoints.checkpoint_dir={home / 'checkpoints'}",  # not beside notebooks
            "--LabApp.news_url=",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
        ]  # fmt: skip
        if os.geteuid() == 0:  # CI containers
            command.append("--allow-root")
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(log_path, "w") as log:
            process = subprocess.Popen(
                command, cwd=root_dir, env=env, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
            lab = Lab(f"http://127.0.0.1:{port}", token, process)
            # The server runs in a session of its own: if the test run is told to stop
            # (SIGTERM, e.g. a CI timeout), stop as on Ctrl-C so that it is shut down too.
            with on_sigterm_interrupt():
                try:
                    wait_until_answering(
                        lab.process,
                        lambda: lab.api("GET", "api/status", timeout=2),
                        "JupyterLab",
                        log_path,
                        START_TIMEOUT_S,
                    )
                    yield lab
                finally:
                    _stop(lab)
