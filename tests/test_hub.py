"""The course on a real JupyterHub, handed out with the teacher's nbgitpuller link.

A JupyterHub runs on loopback (tests/hub_support.py): dummy login, each student's server in
a home of their own under a temporary folder, the spawner passing ``NN_QUICK=1`` (the test
setting) and ``NN_DATA_DIR`` pointing to a read-only shared data folder holding MNIST (a
read-only bind mount, as a hub mounts it). The course comes from a local git remote: a
bare repository made from this checkout's HEAD, given to nbgitpuller as a file:// URL (a
shallow clone, as from GitHub).

* Three students open the link (``tools.hub_link.hub_link``) in headless Chromium: each
  logs in, the course lands in their home and notebook 01 opens in JupyterLab; Run All
  Cells answers every check with "❌ Not yet". One of them then answers exercise 2, runs
  it (her check says ✅) and saves.
* Notebook 02 runs, with nbclient, in a student's copy with the environment their server
  was started with (read from /proc: what their kernels get), and reads MNIST from the
  shared folder without writing to it.
* The teacher changes notebook 01 and pushes; the student who answered opens the link
  again: her copy has the teacher's change and still her answer.

Needs Playwright and Chromium (as tests/test_browser.py), JupyterHub and nbgitpuller (the
``hub`` extra) and configurable-http-proxy (npm; .ci/run installs it into ``.node/``);
without them it is skipped. As root the shared folder needs a bind mount; where that is
not allowed it is skipped. Screenshots and the hub's log go to ``test-artifacts/hub/``.
"""

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

pytest.importorskip("jupyterhub", reason="JupyterHub is not installed (pip install -e '.[hub]')")
pytest.importorskip("nbgitpuller", reason="nbgitpuller is not installed (pip install -e '.[hub]')")
pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')"
)
import nbformat  # noqa: E402
from browser_support import chromium, find_chromium  # noqa: E402
from hub_support import Hub, find_proxy, running_hub  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from playwright.sync_api import Browser, Locator, Page, expect  # noqa: E402

from nnhelpers import data  # noqa: E402
from tools import catalog  # noqa: E402
from tools.cells import is_check, without_title  # noqa: E402
from tools.hub_link import REPOSITORY, folder_of, hub_link  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "hub"
CHROMIUM = find_chromium()
PROXY = find_proxy(ROOT)
pytestmark = [
    pytest.mark.hub,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="no Chromium found (Debian: apt-get install chromium chromium-driver)",
    ),
    pytest.mark.skipif(
        PROXY is None,
        reason="no configurable-http-proxy (npm install --prefix .node configurable-http-proxy,"
        " as .ci/run does)",
    ),
    pytest.mark.skipif(shutil.which("git") is None, reason="no git"),
]

STUDENTS = ("alice", "bob", "carol")
ANSWERING = "alice"
"""The student who answers an exercise and then gets the teacher's change."""
BRANCH = "main"
FOLDER = folder_of(REPOSITORY)
"""The folder of each student's home that the link clones the course into."""
NOTEBOOK_01 = "notebooks/01_autograd_basics.ipynb"
NOTEBOOK_02 = "notebooks/02_mlp_from_scratch.ipynb"
EXERCISE_2 = next(
    i
    for i, c in enumerate(nbformat.read(catalog.NOTEBOOKS[0].student(), 4).cells)
    if c.get("id") == "exercise-2"
)
"""The index of exercise 2's cell in notebook 01 (three steps downhill); its check is next."""
HEADING = '"## Exact derivatives, not approximations\\n",'
"""A line of notebook 01 (a markdown cell's first line, as stored) that the teacher changes."""
CHANGED_HEADING = '"## Exact derivatives, not approximations (see also the lab sheet)\\n",'
NOT_YET, PASSED = "❌ Not yet", "✅"
WAIT_MS = 30_000
ARRIVE_MS = 150_000  # log in, start the server, clone the course, open the notebook
RUN_ALL_MS = 90_000
KERNEL_IDLE = re.compile(r"^Python 3.*\| Idle$")
GIT_USER = ["-c", "user.name=Teacher", "-c", "user.email=teacher@example.edu"]
READ_SHARED = """\
from torchvision.datasets import MNIST

from nnhelpers.data import mnist_root

root = mnist_root(quick=False)
print(root, len(MNIST(root=root, train=True, download=True)))"""
"""A cell run after notebook 02: the full-course setting reads MNIST from NN_DATA_DIR (the
test setting reads the sample shipped with nnhelpers instead)."""


def git(*args: str, cwd: Path = ROOT) -> str:
    """Run git in ``cwd``; its output."""
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hub")


@pytest.fixture(scope="module")
def remote(workspace: Path) -> Path:
    """The course's git remote: a bare repository holding this checkout's HEAD as ``main``,
    named as bare repositories are (``nn-with-pytorch.git``)."""
    bare = workspace / "remote" / f"{FOLDER}.git"
    bare.parent.mkdir()
    git("init", "-q", "--bare", "-b", BRANCH, str(bare))
    git("push", "-q", str(bare), f"HEAD:refs/heads/{BRANCH}")
    return bare


def make_writable(folder: Path) -> None:
    """Give the owner write permission again on ``folder`` and all in it (so that pytest can
    delete its temporary folders)."""
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.fixture(scope="module")
def shared_data(workspace: Path) -> Iterator[Path]:
    """A read-only shared data folder holding the sample's MNIST files, as a hub mounts it:
    as root a read-only bind mount (root may write anywhere else), as any other user a
    folder without write permission."""
    source, shared = workspace / "data-source", workspace / "shared-data"
    shutil.copytree(data.SAMPLE_ROOT / "MNIST", source / "MNIST")
    with ExitStack() as cleanup:
        if os.geteuid() == 0:
            shared.mkdir()
            done = subprocess.run(["mount", "--bind", str(source), str(shared)], check=False)
            if done.returncode != 0:
                pytest.skip("root, and no bind mount allowed here: cannot make a read-only folder")
            cleanup.callback(subprocess.run, ["umount", str(shared)], check=True)
            subprocess.run(["mount", "-o", "remount,bind,ro", str(shared)], check=True)
        else:
            source.rename(shared)
            for path in sorted(shared.rglob("*"), reverse=True) + [shared]:
                path.chmod(0o555 if path.is_dir() else 0o444)
            cleanup.callback(make_writable, shared)
        assert not os.access(shared, os.W_OK)
        yield shared


@pytest.fixture(scope="module")
def hub(workspace: Path, shared_data: Path) -> Iterator[Hub]:
    environment = {"NN_DATA_DIR": str(shared_data), "NN_QUICK": "1"}
    with running_hub(workspace, PROXY, environment, ARTIFACTS / "jupyterhub.log") as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium(CHROMIUM) as browser:
        yield browser


def open_course(browser: Browser, hub: Hub, remote: Path, user: str, cleanup: ExitStack) -> Page:
    """``user`` opens the teacher's link in a fresh browser, logs in and waits until
    notebook 01 is open in JupyterLab with its kernel ready. ``cleanup`` closes the browser
    and stops the user's kernels afterwards, with a screenshot of how it ended."""
    cleanup.callback(hub.shut_down_kernels, user)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    cleanup.callback(context.close)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    cleanup.callback(page.screenshot, path=ARTIFACTS / f"{user}-end.png")
    page.goto(hub_link(hub.url, repository=remote.as_uri(), branch=BRANCH))
    page.locator("input[name=username]").fill(user)
    page.locator("input[name=password]").fill(hub.password)
    page.locator("input[type=submit], button[type=submit]").first.click()
    lands = re.compile(re.escape(f"/user/{user}/lab/tree/{FOLDER}/{NOTEBOOK_01}"))
    page.wait_for_url(lands, timeout=ARRIVE_MS)
    cells = len(nbformat.read(hub.home(user) / FOLDER / NOTEBOOK_01, 4).cells)
    page.wait_for_function(
        "n => document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell').length === n",
        arg=cells,
        timeout=WAIT_MS,
    )
    expect(page.locator(".jp-StatusBar-TextItem", has_text=KERNEL_IDLE)).to_be_visible()
    return page


def cell(page: Page, index: int) -> Locator:
    """The cell at ``index`` (counting from 0, as in the notebook file), scrolled into view."""
    locator = page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").nth(index)
    locator.scroll_into_view_if_needed()
    return locator


def run_all(page: Page, path: Path) -> None:
    """Run > Run All Cells on the notebook ``path`` opened on ``page``, and wait until every
    code cell has run (its prompt shows a number); no cell failed."""
    code_cells = sum(c.cell_type == "code" for c in nbformat.read(path, 4).cells)
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$")).click()
    done = page.locator(".jp-CodeCell .jp-InputPrompt", has_text=re.compile(r"\[\d+\]"))
    expect(done).to_have_count(code_cells, timeout=RUN_ALL_MS)
    outputs = page.locator(".jp-OutputArea-output").all_text_contents()
    assert not [text for text in outputs if "Traceback" in text], "a cell failed"


def check_cells(path: Path) -> list[int]:
    """The indices of the check cells of a notebook."""
    return [i for i, c in enumerate(nbformat.read(path, 4).cells) if is_check(c)]


def assert_checks_say(page: Page, indices: list[int], verdict: str) -> None:
    """Each of the cells at ``indices`` shows ``verdict`` in its output."""
    for index in indices:
        expect(cell(page, index).locator(".jp-OutputArea-output")).to_contain_text(verdict)


@pytest.mark.parametrize("user", [s for s in STUDENTS if s != ANSWERING])
def test_a_student_opens_the_link_gets_the_course_and_notebook_01_answers(
    hub: Hub, browser: Browser, remote: Path, user: str
):
    with ExitStack() as cleanup:
        page = open_course(browser, hub, remote, user, cleanup)
        course = hub.home(user) / FOLDER
        assert git("rev-parse", "HEAD", cwd=course) == git("rev-parse", BRANCH, cwd=remote)
        run_all(page, course / NOTEBOOK_01)
        checks = check_cells(course / NOTEBOOK_01)
        assert checks, "notebook 01 has no check cell"
        assert_checks_say(page, checks, NOT_YET)
        page.screenshot(path=ARTIFACTS / f"{user}-01-run.png")


@pytest.fixture(scope="module")
def answered(hub: Hub, browser: Browser, remote: Path) -> str:
    """The answering student opens the link, runs notebook 01 (every check: not yet),
    answers exercise 2 (its check: ✅) and saves; her answer."""
    solution = nbformat.read(ROOT / "solutions" / NOTEBOOK_01.split("/")[1], 4)
    answer = without_title(solution.cells[EXERCISE_2].source)
    with ExitStack() as cleanup:
        page = open_course(browser, hub, remote, ANSWERING, cleanup)
        run_all(page, hub.home(ANSWERING) / FOLDER / NOTEBOOK_01)
        checks = check_cells(hub.home(ANSWERING) / FOLDER / NOTEBOOK_01)
        assert EXERCISE_2 + 1 in checks
        assert_checks_say(page, checks, NOT_YET)
        cell(page, EXERCISE_2).locator(".cm-content").click()
        page.keyboard.press("Control+A")
        page.keyboard.insert_text(answer)  # as pasted: no auto-indent, no closing brackets
        page.keyboard.press("Shift+Enter")  # runs it, selects the check
        page.keyboard.press("Shift+Enter")
        expect(cell(page, EXERCISE_2 + 1).locator(".jp-OutputArea-output")).to_contain_text(PASSED)
        page.keyboard.press("Control+S")
        expect(page.locator(".jp-mod-dirty")).to_have_count(0)
        page.screenshot(path=ARTIFACTS / f"{ANSWERING}-01-answered.png")
    return answer


def test_a_student_answers_an_exercise_and_her_check_says_so(answered: str, hub: Hub):
    saved = nbformat.read(hub.home(ANSWERING) / FOLDER / NOTEBOOK_01, 4)
    assert saved.cells[EXERCISE_2].source == answered
    assert PASSED in "".join(o.get("text", "") for o in saved.cells[EXERCISE_2 + 1].outputs)


def test_notebook_02_runs_in_a_students_environment_with_the_shared_data(
    hub: Hub, shared_data: Path
):
    user = STUDENTS[1]  # has their server running since the first test; else start it
    if not hub.api("GET", f"users/{user}")["servers"]:
        hub.api("POST", f"users/{user}/server")
    environment = hub.server_environment(user)
    assert environment["NN_DATA_DIR"] == str(shared_data)
    assert environment["NN_QUICK"] == "1"
    assert environment["HOME"] == str(hub.home(user))
    course = hub.home(user) / FOLDER
    notebook = nbformat.read(course / NOTEBOOK_02, 4)
    checks = [i for i, c in enumerate(notebook.cells) if is_check(c)]
    notebook.cells.append(nbformat.v4.new_code_cell(READ_SHARED))
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str((course / NOTEBOOK_02).parent)}},  # the kernel's cwd
    )
    client.execute(env=environment)
    printed = ["".join(o.get("text", "") for o in notebook.cells[i].outputs) for i in checks]
    assert checks and all(NOT_YET in text for text in printed), printed
    assert notebook.cells[-1].outputs[0]["text"] == f"{shared_data} 2000\n"


def test_the_teachers_change_reaches_a_student_who_keeps_her_answer(
    answered: str, hub: Hub, browser: Browser, remote: Path, workspace: Path
):
    teacher = workspace / "teacher"
    git("clone", "-q", str(remote), str(teacher))
    stored = teacher / NOTEBOOK_01
    assert stored.read_text().count(HEADING) == 1
    stored.write_text(stored.read_text().replace(HEADING, CHANGED_HEADING))
    git(*GIT_USER, "commit", "-q", "-am", "01: point to the lab sheet", cwd=teacher)
    git("push", "-q", "origin", BRANCH, cwd=teacher)

    with ExitStack() as cleanup:
        page = open_course(browser, hub, remote, ANSWERING, cleanup)
        expect(page.get_by_role("heading", name="see also the lab sheet")).to_be_attached()
        page.screenshot(path=ARTIFACTS / f"{ANSWERING}-01-pulled.png")
    course = hub.home(ANSWERING) / FOLDER
    mine = course / NOTEBOOK_01
    assert CHANGED_HEADING in mine.read_text(), "the teacher's change did not arrive"
    assert nbformat.read(mine, 4).cells[EXERCISE_2].source == answered, "her answer is lost"
    assert git("merge-base", "--is-ancestor", f"origin/{BRANCH}", "HEAD", cwd=course) == ""
