"""The course website (``python -m tools.site``): it builds, and it works in a real browser.

The build needs no browser: every notebook of ``solutions/`` becomes a page, Sphinx reports no
warning at all (they are errors), nothing in ``solutions/`` changes, and the student
notebooks are there to download. The browser tests serve the built site on 127.0.0.1 and open
it in headless Chromium: every page loads without a console error and without a request to
anywhere else; math is typeset; the SVG graph, the PNG plots and the plotly figures are
visible, and a plotly figure answers a legend click; every solution starts folded and opens
with one click, with its check's ✅ line visible; the Colab button opens the page's student
notebook; the learning-rate explorer is replaced by a note; a search for "softmax" finds the
notebooks that explain it. What to expect on each page is read from the notebooks, not from
their prose. Screenshots go to ``test-artifacts/site/``.

The browser tests need Playwright (``pip install -e '.[test]'``) and Chromium (Debian:
``apt-get install chromium``); without them they are skipped.
"""

import hashlib
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser_support import chromium, find_chromium

from tools import ROOT
from tools.site.links import BRANCH, REPO, published_url

ARTIFACTS = ROOT / "test-artifacts" / "site"
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
PAGES = ["index", *(path.stem for path in SOLUTIONS)]
BUILD_TIMEOUT_S = 300
WAIT_MS = 30_000
CHROMIUM = find_chromium()


@dataclass
class Built:
    """The outcome of ``python -m tools.site --out DIR``."""

    out: Path
    returncode: int
    output: str
    solutions_before: dict[str, str]


def digests(paths: list[Path]) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The website, built once for this module into a temporary folder."""
    out = tmp_path_factory.mktemp("site") / "html"
    before = digests(SOLUTIONS)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "tools.site", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S,
    )  # fmt: skip
    print(f"\nwebsite build: {time.perf_counter() - start:.1f} s")
    return Built(out, result.returncode, result.stdout + result.stderr, before)


def notebook(name: str) -> dict:
    return json.loads((ROOT / "solutions" / f"{name}.ipynb").read_text())


def source(cell: dict) -> str:
    return "".join(cell["source"])


def outputs_of(nb: dict, mime_type: str) -> int:
    """How many of the notebook's stored outputs have ``mime_type``."""
    return sum(mime_type in o.get("data", {}) for c in nb["cells"] for o in c.get("outputs", []))


def colab_url(name: str) -> str:
    """Where the Colab button of the page ``name`` must point: its student notebook."""
    return f"https://colab.research.google.com/github/{REPO}/blob/{BRANCH}/notebooks/{name}.ipynb"


def output_texts(cell: dict) -> list[str]:
    """The text of each of the cell's outputs (streams and text/plain)."""
    return [
        "".join(o.get("text") or o.get("data", {}).get("text/plain", ""))
        for o in cell.get("outputs", [])
    ]


def test_site_builds_without_warnings(site: Built) -> None:
    assert site.returncode == 0, site.output
    assert "WARNING" not in site.output and "ERROR" not in site.output, site.output
    assert digests(SOLUTIONS) == site.solutions_before, "building the site changed solutions/"
    for name in PAGES:
        assert (site.out / f"{name}.html").is_file(), f"no page for {name}"
    for path in SOLUTIONS:
        download = site.out / "downloads" / path.name
        assert download.read_bytes() == (ROOT / "notebooks" / path.name).read_bytes()
    assert (site.out / "_static" / "mathjax" / "tex-chtml.js").is_file()
    assert (site.out / "_static" / "plotly.min.js").is_file()
    assert (site.out / "searchindex.js").is_file()


# ---- in the browser ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(site: Built) -> Iterator[str]:
    """The built site, served on 127.0.0.1 for the duration of the module."""
    if site.returncode != 0:
        pytest.skip("the site did not build")
    from tools.site.build import server

    httpd = server(site.out, 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')"
    )
    if CHROMIUM is None:
        pytest.skip("no Chromium found (Debian: apt-get install chromium chromium-driver)")
    with chromium(CHROMIUM) as browser:
        yield browser


@dataclass
class Tab:
    """A browser tab on the site that notes console errors and requests to anywhere else."""

    page: Any
    base_url: str
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        """Go to ``path`` of the site and wait until its math is typeset."""
        self.page.goto(f"{self.base_url}/{path}", wait_until="load")
        self.page.wait_for_load_state("networkidle")
        self.page.evaluate("async () => { if (window.MathJax) await MathJax.startup.promise; }")

    def assert_clean(self) -> None:
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.outside, f"requests that left 127.0.0.1: {self.outside}"


@pytest.fixture
def tab(browser: Any, base_url: str) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    watched = Tab(page, base_url)
    page.on("pageerror", lambda error: watched.errors.append(str(error)))

    def note_console(message: Any) -> None:
        if message.type == "error":
            watched.errors.append(message.text)

    def note_request(request: Any) -> None:
        url = urlsplit(request.url)
        if url.scheme not in ("data", "blob", "file") and url.hostname != "127.0.0.1":
            watched.outside.append(request.url)

    page.on("console", note_console)
    page.on("request", note_request)
    try:
        yield watched
    finally:
        context.close()


def visible_images(tab: Tab, selector: str) -> int:
    """How many images matching ``selector`` are loaded and visible."""
    return tab.page.eval_on_selector_all(
        selector,
        """images => images.filter(img => img.complete && img.naturalWidth > 0
                                   && img.getBoundingClientRect().height > 0).length""",
    )


def check_pictures(tab: Tab, nb: dict) -> None:
    """Each of the notebook's SVG (the autograd graph) and PNG outputs is a shown picture."""
    svg = "main .cell_output img[src$='.svg'], main .cell_output img[src^='data:image/svg+xml']"
    assert visible_images(tab, svg) == outputs_of(nb, "image/svg+xml"), "SVG pictures"
    png = "main .cell_output img[src$='.png']"
    assert visible_images(tab, png) == outputs_of(nb, "image/png"), "PNG pictures"


def check_links(tab: Tab, name: str) -> None:
    """The Colab button opens the student notebook; the download link gives it."""
    assert tab.page.locator("main a.course-colab").get_attribute("href") == colab_url(name)
    download = tab.page.locator("main a.course-download").get_attribute("href")
    response = tab.page.request.get(f"{tab.base_url}/{download}")
    assert response.ok and response.body() == (ROOT / "notebooks" / f"{name}.ipynb").read_bytes()


def check_solutions(tab: Tab, nb: dict) -> None:
    """Every solution starts folded and one click shows it; every check's ✅ line is shown."""
    toggles = tab.page.locator("main details.hide.above-input")
    assert toggles.count() == sum("solution" in c["metadata"].get("tags", []) for c in nb["cells"])
    for index in range(toggles.count()):
        assert toggles.nth(index).get_attribute("open") is None, f"solution {index + 1} is open"
        assert not toggles.nth(index).locator(".cell_input").is_visible()
    if toggles.count():
        toggles.first.locator("summary").click()
        assert toggles.first.get_attribute("open") is not None
        assert toggles.first.locator(".cell_input").is_visible()
    checks = sum("✅" in text for c in nb["cells"] for text in output_texts(c))
    shown = tab.page.locator("main .cell_output", has_text="✅")
    assert shown.count() == checks
    for index in range(checks):
        assert shown.nth(index).is_visible(), "a check's ✅ line is hidden"


WIDER_THAN_SHOWN = """pres => pres
    .filter(pre => pre.scrollWidth > pre.clientWidth + 1)
    .map(pre => pre.textContent.split("\\n").sort((a, b) => b.length - a.length)[0])"""


def check_code_fits(tab: Tab) -> None:
    """No code cell scrolls sideways at the site's default width: every line of the
    teaching code is seen whole (solutions/ruff.toml sets the line length for it)."""
    tab.page.evaluate("() => document.querySelectorAll('main details').forEach(d => d.open = true)")
    pres = "main .cell_input pre"
    assert tab.page.locator(pres).count() > 0
    assert tab.page.eval_on_selector_all(pres, WIDER_THAN_SHOWN) == [], "code cells that scroll"


PLOTLY = "application/vnd.plotly.v1+json"
HIDDEN_TRACES = "gd => gd.data.filter(trace => trace.visible === 'legendonly').length"


def check_plotly(tab: Tab, nb: dict) -> None:
    """Each plotly figure is drawn; a click on a legend entry hides its trace."""
    figures = tab.page.locator("main .plotly-graph-div")
    assert figures.count() == outputs_of(nb, PLOTLY)
    if figures.count():
        figure = figures.first
        figure.scroll_into_view_if_needed()
        assert figure.locator(".main-svg").first.is_visible()
        assert figure.evaluate(HIDDEN_TRACES) == 0
        figure.locator(".legendtoggle").first.click()
        one_hidden = f"gd => ({HIDDEN_TRACES})(gd) === 1"
        tab.page.wait_for_function(one_hidden, arg=figure.element_handle())


EXPLORER = "lr_explorer("


def check_explorer(tab: Tab, nb: dict, name: str) -> None:
    """A static page cannot train: the learning-rate explorer shows no widget, and a note
    with the link to run it follows its cell."""
    if not any(EXPLORER in source(c) for c in nb["cells"] if c["cell_type"] == "code"):
        return
    cell = tab.page.locator("main div.cell", has_text=EXPLORER)
    assert cell.count() == 1
    assert cell.locator(".cell_output").count() == 0
    note = cell.locator("xpath=following-sibling::*[1]")
    assert "note" in (note.get_attribute("class") or "").split()
    assert note.locator("a").get_attribute("href") == colab_url(name)


@pytest.mark.parametrize("name", PAGES)
def test_page_in_browser(tab: Tab, name: str) -> None:
    """The page loads cleanly, with the site's menu, its math typeset, its pictures and
    figures drawn, its solutions folded and its links right. Its screenshot goes to the
    artifacts."""
    tab.open(f"{name}.html")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
    page = tab.page
    for other in PAGES[1:]:  # the site's menu links every notebook page (but this one)
        links = page.locator(f"nav.bd-docs-nav a[href='{other}.html']").count()
        assert links == (other != name), f"the menu's link to {other}"
    math = page.locator("main .math")
    assert math.count() == page.locator("main .math mjx-container").count(), "untypeset math"
    if name == "index":
        hrefs = page.locator("main a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        listed = [href.removesuffix(".html") for href in hrefs if href]
        listed = [stem for stem in listed if stem in PAGES[1:]]
        assert listed[: len(SOLUTIONS)] == PAGES[1:], "the front page lists the notebooks in order"
    else:
        nb = notebook(name)
        if any("$" in source(c) for c in nb["cells"] if c["cell_type"] == "markdown"):
            assert math.count() > 0, "the notebook has math, the page none"
        toc = page.locator(".bd-sidebar-secondary nav.page-toc a")
        assert toc.first.is_visible(), "no table of contents"
        assert page.locator(".prev-next-area a").count() >= 1, "no previous/next link"
        check_pictures(tab, nb)
        check_links(tab, name)
        check_solutions(tab, nb)
        check_plotly(tab, nb)
        check_explorer(tab, nb, name)
        check_code_fits(tab)
    tab.assert_clean()


def test_search_finds_softmax(tab: Tab) -> None:
    """Full-text search: "softmax" finds every notebook whose text explains it (02 and on)."""
    expected = {
        path.stem
        for path in SOLUTIONS
        if any(
            "softmax" in source(c).lower()
            for c in notebook(path.stem)["cells"]
            if c["cell_type"] == "markdown"
        )
    }
    assert expected, "no notebook mentions softmax any more: choose another search word"
    tab.open("search.html?q=softmax")
    results = tab.page.locator("#search-results ul.search li a")
    results.first.wait_for()
    tab.page.wait_for_load_state("networkidle")
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    found = {Path(urlsplit(href).path).stem for href in hrefs}
    assert expected <= found, f"searching softmax found {sorted(found)}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.page.screenshot(path=ARTIFACTS / "search-softmax.png")
    tab.assert_clean()


def test_readme_says_where_the_site_lives() -> None:
    readme = (ROOT / "README.md").read_text()
    assert published_url() in readme and "./course site" in readme
