"""The course in a real browser: JupyterLab on loopback, driven by headless Chromium.

Every notebook opens without an error and shows its stored outputs as a student opening
the course fresh sees them (an untrusted notebook: JupyterLab shows only safe renderings);
the autograd graph in 01 is an SVG picture and the plotly figure in 05 a drawn plot; the
solution cells open collapsed and one click shows them; in 03 the learning-rate explorer
trains when its slider is moved and Train is clicked.

Needs Playwright (``pip install -e '.[test]'``) and Chromium (Debian:
``apt-get install chromium chromium-driver``); without them the tests are skipped. Each
step's screenshot and the server's log go to ``test-artifacts/browser/`` (ignored by git).
Cells run only in the explorer test, with the kernel in the test setting (``NN_QUICK=1``,
inherited from the test process).
"""

import json
import re
from collections.abc import Iterator
from contextlib import ExitStack

import pytest

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')"
)
from browser_support import Lab, chromium, find_chromium, running_lab  # noqa: E402
from playwright.sync_api import Browser, Locator, Page, expect  # noqa: E402

from tools import ROOT, catalog
from tools.cells import SOLUTION, TITLE  # noqa: E402

ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium found (Debian: apt-get install chromium chromium-driver)",
)

COURSE = [notebook.stem for notebook in catalog.NOTEBOOKS]  # each in solutions/ and notebooks/
FOLDERS = ("solutions", "notebooks")
NOTEBOOKS = sorted(
    {f"{folder}/{name}.ipynb" for folder in FOLDERS for name in COURSE}
    | {f"{folder}/{path.name}" for folder in FOLDERS for path in (ROOT / folder).glob("*.ipynb")}
)
WAIT_MS = 30_000  # the longest any single step may take, except training in 03
RUN_ALL_MS = 90_000  # "Run All Cells" of 03 in the test setting
STDERR = "application/vnd.jupyter.stderr"  # also error tracebacks
STREAMS = {"application/vnd.jupyter.stdout", STDERR}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"  # needs its kernel: text until run
KERNEL_IDLE = re.compile(r"^Python 3.*\| Idle$")  # the status bar, once the kernel is ready


@pytest.fixture(scope="module")
def lab() -> Iterator[Lab]:
    with running_lab(ROOT, ARTIFACTS / "jupyterlab.log") as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium(CHROMIUM) as browser:
        yield browser


@pytest.fixture
def js_errors(page: Page) -> list[str]:
    """The uncaught JavaScript errors on ``page`` so far."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture
def page(browser: Browser, lab: Lab, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh browser tab. Afterwards: a screenshot of how it ended, and every kernel it
    started is stopped."""
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    with ExitStack() as cleanup:  # runs every step below in reverse, even if one fails
        cleanup.callback(lab.shut_down_kernels)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        cleanup.callback(context.close)
        tab = context.new_page()
        tab.set_default_timeout(WAIT_MS)
        cleanup.callback(tab.screenshot, path=ARTIFACTS / f"{name}-end.png")
        yield tab


def stored_cells(path: str) -> list[dict]:
    """The cells of a course notebook as saved; a clear failure if it does not exist."""
    file = ROOT / path
    assert file.is_file(), f"{path} is missing (the course lists {file.stem} in the README)"
    return json.loads(file.read_text())["cells"]


def open_notebook(page: Page, lab: Lab, path: str) -> list[dict]:
    """Open ``path`` in a fresh JupyterLab workspace, wait until all its cells are on the
    page and its kernel is ready, check that no error dialog came up, and return its
    stored cells."""
    cells = stored_cells(path)
    page.goto(lab.url(f"lab/tree/{path}?reset"))
    page.wait_for_function(
        "n => document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell').length === n",
        arg=len(cells),
    )
    expect(page.locator(".jp-StatusBar-TextItem", has_text=KERNEL_IDLE)).to_be_visible()
    expect(page.locator(".jp-Dialog"), "JupyterLab showed a dialog").to_have_count(0)
    return cells


def cell(page: Page, index: int) -> Locator:
    """The cell at ``index`` (counting from 0, as in the notebook file), scrolled into view."""
    locator = page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").nth(index)
    locator.scroll_into_view_if_needed()
    return locator


def first_cell_with_output(cells: list[dict], mime_type: str) -> int:
    """Index of the first cell that has a stored output of ``mime_type``."""
    for index, stored in enumerate(cells):
        if any(mime_type in output.get("data", {}) for output in stored.get("outputs", [])):
            return index
    raise AssertionError(f"no cell has a stored {mime_type} output")


def first_cell_with_code(cells: list[dict], code: str) -> int:
    """Index of the first code cell whose source contains ``code``."""
    for index, stored in enumerate(cells):
        if stored["cell_type"] == "code" and code in "".join(stored["source"]):
            return index
    raise AssertionError(f"no code cell contains {code!r}")


def save_picture(locator: Locator, name: str) -> None:
    """Save a screenshot of ``locator`` as ``name``, once it has stopped moving (the cells
    above it may still change height as they render)."""
    locator.scroll_into_view_if_needed()
    previous = None
    for _ in range(25):  # at most 5 s
        box = locator.bounding_box()
        if box == previous:
            break
        previous = box
        locator.page.wait_for_timeout(200)
    locator.screenshot(path=ARTIFACTS / name)


def rendered_mime_types(page: Page) -> list[list[str]]:
    """For each cell on the page, the MIME type JupyterLab rendered each output as."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell')]
            .map(cell => [...cell.querySelectorAll('.jp-OutputArea-output')]
                .map(output => output.dataset.mimeType
                    || (output.classList.contains('jp-RenderedPlotly')
                        ? 'application/vnd.plotly.v1+json' : output.className)))"""
    )


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_notebook_renders(page: Page, js_errors: list[str], lab: Lab, path: str):
    cells = open_notebook(page, lab, path)
    page.screenshot(path=ARTIFACTS / f"{path.replace('/', '-')}.png")
    shown = rendered_mime_types(page)
    for index, (stored, rendered) in enumerate(zip(cells, shown, strict=True)):
        outputs = stored.get("outputs", [])
        errors = [o for o in outputs if o["output_type"] == "error"]
        assert not errors, f"cell {index} of {path} has a stored error: {errors[0]['ename']}"
        rich = [o["data"] for o in outputs if "data" in o]  # not streams: those merge on screen
        rendered_rich = [m for m in rendered if m not in STREAMS]
        assert len(rendered_rich) == len(rich), f"cell {index} of {path}: {rendered}"
        for data, mime_type in zip(rich, rendered_rich):
            wanted = set(data) - {"text/plain", WIDGET_VIEW}
            assert not wanted or mime_type != "text/plain", (
                f"cell {index} of {path}: its {sorted(wanted)} output shows only as text"
            )
    assert not js_errors, f"JavaScript errors while showing {path}: {js_errors}"


def test_autograd_graph_is_an_svg_picture(page: Page, lab: Lab):
    cells = open_notebook(page, lab, "solutions/01_autograd_basics.ipynb")
    output = cell(page, first_cell_with_output(cells, "image/svg+xml")).locator(
        ".jp-OutputArea-output"
    )
    picture = output.locator("svg, img[src^='data:image/svg+xml']").first
    expect(picture).to_be_visible()
    loaded = "e => e.tagName.toLowerCase() === 'svg' || (e.complete && e.naturalWidth > 0)"
    assert picture.evaluate(loaded), "the graph's SVG image did not load"
    box = picture.bounding_box()
    assert box["width"] > 50 and box["height"] > 50, f"graph drawn at {box}"
    save_picture(output, "01-autograd-graph.png")


def test_plotly_figure_is_drawn(page: Page, lab: Lab):
    cells = open_notebook(page, lab, "solutions/05_anomalous_diffusion.ipynb")
    figure = cell(page, first_cell_with_output(cells, "application/vnd.plotly.v1+json")).locator(
        ".jp-OutputArea-output.js-plotly-plot"  # plotly.js draws into the output itself
    )
    drawing = figure.locator(".plot-container svg.main-svg").first
    expect(drawing).to_be_visible()
    box = drawing.bounding_box()
    assert box["width"] > 200 and box["height"] > 100, f"plot drawn at {box}"
    expect(figure.locator(".trace").first).to_be_attached()  # the data, not just axes
    assert "JavaScript" not in figure.inner_text()
    save_picture(figure, "05-plotly-figure.png")


def test_solution_cells_open_collapsed_and_expand_on_click(page: Page, lab: Lab):
    cells = open_notebook(page, lab, "solutions/01_autograd_basics.ipynb")
    solutions = [i for i, c in enumerate(cells) if SOLUTION in c["metadata"].get("tags", [])]
    assert solutions, f"no cell tagged {SOLUTION}"
    for index in solutions:
        hidden = cell(page, index)
        expect(hidden.locator(".jp-InputPlaceholder")).to_be_visible()
        expect(hidden.locator(".jp-InputArea-editor")).to_be_hidden()
    first = cell(page, solutions[0])
    page.screenshot(path=ARTIFACTS / "solution-collapsed.png")
    first.locator(".jp-InputPlaceholder").click()
    expect(first.locator(".jp-InputArea-editor")).to_be_visible()
    expect(first.locator(".jp-InputArea-editor")).to_contain_text(TITLE)
    page.screenshot(path=ARTIFACTS / "solution-expanded.png")


def test_learning_rate_explorer_trains(page: Page, lab: Lab):
    cells = open_notebook(page, lab, "solutions/03_mlp_a_la_torch.ipynb")
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$")).click()
    explorer = (
        cell(page, first_cell_with_code(cells, "lr_explorer("))
        .locator(".jp-OutputArea-output")
        .first
    )
    expect(explorer.locator(".widget-slider")).to_be_visible(timeout=RUN_ALL_MS)
    queued = page.locator(".jp-CodeCell .jp-InputPrompt", has_text="[*]")  # running or waiting
    expect(queued).to_have_count(0, timeout=RUN_ALL_MS)
    failures = page.locator(f".jp-OutputArea-output[data-mime-type='{STDERR}']")
    assert not [t for t in failures.all_text_contents() if "Traceback" in t], "a cell failed"
    explorer.scroll_into_view_if_needed()
    page.screenshot(path=ARTIFACTS / "03-explorer-ready.png")

    readout = explorer.locator(".widget-readout")
    before_lr = readout.inner_text()
    handle = explorer.locator(".noUi-handle").bounding_box()
    x, y = handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 25, y, steps=5)  # about a factor 10 smaller
    page.mouse.up()
    expect(readout).not_to_have_text(before_lr)
    lr = readout.inner_text()
    picture = explorer.locator(".widget-image")
    before_png = picture.screenshot()
    page.screenshot(path=ARTIFACTS / "03-explorer-slider-moved.png")

    explorer.locator("button", has_text="Train").click()
    expect(explorer.get_by_text(f"lr = {lr}: ")).to_be_visible(timeout=RUN_ALL_MS)
    expect(explorer.locator("button", has_text="Train")).to_be_enabled()
    assert picture.screenshot() != before_png, "the loss plot did not change"
    page.screenshot(path=ARTIFACTS / "03-explorer-trained.png")
