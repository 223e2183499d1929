"""A throwaway JupyterHub for tests/test_hub.py, and where to find its proxy.

``running_hub(folder, proxy, environment, log_path)`` starts JupyterHub from this Python
environment on loopback, on free ports, with everything it writes (database, cookie
secret, config, the proxy's pid file, every user's home) under ``folder``. Anyone may log
in with the one password ``Hub.password`` (the dummy authenticator); each user's server is
this environment's ``jupyterhub-singleuser`` (so nbgitpuller and the course are installed
there), started in ``folder/home/<user>`` with ``environment`` added to what the spawner
passes on. JupyterLab there has the browser tests' settings (``LAB_SETTINGS``: no
autosave, no news or update checks). On exit every user's server, kernel and the proxy are
stopped, even when the test fails.
"""

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from browser_support import (
    LAB_SETTINGS,
    STOP_TIMEOUT_S,
    descendants,
    free_port,
    on_sigterm_interrupt,
    reap,
    wait_until_answering,
)

PROXY = "configurable-http-proxy"
START_TIMEOUT_S = 90
SERVICE = "course-test"
"""The hub service whose token the test uses for the hub's REST API (admin rights)."""


def find_proxy(root: Path) -> str | None:
    """JupyterHub's proxy: ``.node/`` of the checkout (``npm install --prefix .node
    configurable-http-proxy``, as .ci/run does) or on PATH; None if neither has it."""
    local = root / ".node" / "node_modules" / ".bin" / PROXY
    if local.is_file() and shutil.which("node"):
        return str(local)
    return shutil.which(PROXY)


@dataclass
class Hub:
    """A running JupyterHub."""

    url: str
    password: str
    token: str
    homes: Path
    process: subprocess.Popen

    def home(self, user: str) -> Path:
        """The home folder of ``user``'s server."""
        return self.homes / user

    def api(self, method: str, path: str, timeout: float = 30, base: str = "") -> Any:
        """Call the hub's REST API (``path`` like ``users``), or the one at ``base``, as the
        admin service; the decoded JSON."""
        request = urllib.request.Request(
            f"{base}/{path}" if base else f"{self.url}/hub/api/{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def user_api(self, user: str, method: str, path: str, timeout: float = 30) -> Any:
        """Call the REST API of ``user``'s server (``path`` like ``api/kernels``) through the
        proxy, as the admin service."""
        return self.api(method, path, timeout, base=f"{self.url}/user/{user}")

    def shut_down_kernels(self, user: str) -> None:
        """Stop every kernel of ``user``'s server (each opened notebook starts one)."""
        for kernel in self.user_api(user, "GET", "api/kernels"):
            self.user_api(user, "DELETE", f"api/kernels/{kernel['id']}", timeout=STOP_TIMEOUT_S)

    def server_environment(self, user: str) -> dict[str, str]:
        """The environment ``user``'s running server was started with (what its kernels
        inherit), read from /proc."""
        pid = self.api("GET", f"users/{user}")["servers"][""]["state"]["pid"]
        raw = Path(f"/proc/{pid}/environ").read_bytes()
        return dict(entry.split("=", 1) for entry in raw.decode().split("\0") if "=" in entry)

    def stop_servers(self) -> None:
        """Stop every user's server (and so its kernels), waiting for each."""
        for user in self.api("GET", "users"):
            if user["servers"]:
                self.api("DELETE", f"users/{user['name']}/server", timeout=STOP_TIMEOUT_S)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while any(u["servers"] for u in self.api("GET", "users")):
            if time.monotonic() > deadline:
                break
            time.sleep(0.3)


def hub_config(folder: Path, proxy: str, environment: Mapping[str, str], password: str,
               token: str, ports: dict[str, int]) -> dict[str, Any]:  # fmt: skip
    """The settings of the hub (``Class.trait``: value)."""
    bin_folder = Path(sys.executable).parent
    args = ["--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:  # CI containers
        args.append("--allow-root")
    return {
        "JupyterHub.ip": "127.0.0.1",
        "JupyterHub.port": ports["public"],
        "JupyterHub.hub_ip": "127.0.0.1",
        "JupyterHub.hub_port": ports["hub"],
        "JupyterHub.db_url": f"sqlite:///{folder / 'jupyterhub.sqlite'}",
        "JupyterHub.cookie_secret_file": str(folder / "jupyterhub_cookie_secret"),
        "JupyterHub.authenticator_class": "dummy",
        "DummyAuthenticator.password": password,
        "Authenticator.allow_all": True,
        "JupyterHub.spawner_class": "simple",
        "SimpleLocalProcessSpawner.home_dir_template": str(folder / "home" / "{username}"),
        "Spawner.cmd": [str(bin_folder / "jupyterhub-singleuser")],
        "Spawner.args": args,
        "Spawner.environment": {**environment, "JUPYTERLAB_SETTINGS_DIR": str(folder / "lab")},
        "Spawner.ip": "127.0.0.1",
        "Spawner.default_url": "/lab",
        "Spawner.start_timeout": START_TIMEOUT_S,
        "Spawner.http_timeout": START_TIMEOUT_S,
        "ConfigurableHTTPProxy.command": [proxy],
        "ConfigurableHTTPProxy.api_url": f"http://127.0.0.1:{ports['proxy_api']}",
        "ConfigurableHTTPProxy.pid_file": str(folder / "proxy.pid"),
        "JupyterHub.services": [{"name": SERVICE, "api_token": token}],
        "JupyterHub.load_roles": [{"name": "admin", "services": [SERVICE]}],
        "JupyterHub.cleanup_servers": True,
        "JupyterHub.cleanup_proxy": True,
    }


def _stop(hub: Hub) -> None:
    """Stop the users' servers, then the hub (which stops its proxy), then anything of
    theirs still running, by force."""
    try:
        if hub.process.poll() is None:
            hub.stop_servers()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        pass
    below = descendants(hub.process.pid)
    if hub.process.poll() is None:
        hub.process.send_signal(signal.SIGTERM)  # the hub stops the proxy and servers left
        try:
            hub.process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(hub.process.pid, signal.SIGKILL)
            hub.process.wait(STOP_TIMEOUT_S)
    reap(below)


@contextmanager
def running_hub(
    folder: Path, proxy: str, environment: Mapping[str, str], log_path: Path
) -> Iterator[Hub]:
    """Run JupyterHub for the duration of the block (see the module's docstring)."""
    ports = {name: free_port() for name in ("public", "hub", "proxy_api")}
    password, token = secrets.token_hex(8), secrets.token_hex(16)
    settings = hub_config(folder, proxy, environment, password, token, ports)
    for name, values in LAB_SETTINGS.items():
        (folder / "lab" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "lab" / name).write_text(json.dumps(values))
    config = folder / "jupyterhub_config.py"
    config.write_text("".join(f"c.{name} = {value!r}\n" for name, value in settings.items()))
    (folder / "home").mkdir()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)],
            cwd=folder, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        hub = Hub(f"http://127.0.0.1:{ports['public']}", password, token, folder / "home", process)
        with on_sigterm_interrupt():
            try:
                wait_until_answering(
                    hub.process,
                    lambda: hub.api("GET", "", timeout=2),
                    "JupyterHub",
                    log_path,
                    START_TIMEOUT_S,
                )
                yield hub
            finally:
                _stop(hub)
