"""Stage the course's notebooks as website sources: adjusted copies of ``solutions/*.ipynb``.

Nothing in ``solutions/`` changes. Each copy becomes one page, in the order of the course's
catalog (``tools.catalog``), titled by its first ``# `` heading, and differs from its source
only where a static page needs:

- the Colab setup cell is left out; the Colab badge becomes an "Open in Colab" button (for the
  student notebook) and a download link, placed under the title;
- each solution cell opens collapsed behind a "Show solution" toggle (myst-nb's ``hide-input``;
  its outputs, and the check under it, stay visible), without its Colab form title line;
- a plotly figure is stored as HTML that draws it (the site serves plotly.js);
- Jupyter widgets need a running kernel: a stored tqdm progress bar becomes its final text
  line, any other widget (the learning-rate explorer) a note with the link to run it.

``landing_page`` writes the site's front page from ``index.md``, listing the notebooks.
"""

import html
import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

import nbformat
import plotly.io

from tools import cells
from tools.catalog import Notebook
from tools.site.links import binder_url, colab_url, download_path, repository_url

WIDGET = "application/vnd.jupyter.widget-view+json"
PLOTLY = "application/vnd.plotly.v1+json"
SHOW_SOLUTION = {"code_prompt_show": "Show solution", "code_prompt_hide": "Hide solution"}
TEMPLATE = Path(__file__).with_name("index.md")
HEADING = re.compile(r"^# (.+)$", re.MULTILINE)


class StageError(ValueError):
    """A notebook lacks something its page needs."""


@dataclass
class Page:
    """One notebook of the site: its file name, its title and a one-line summary."""

    name: str
    title: str
    summary: str

    @property
    def stem(self) -> str:
        """The page's name on the site (``stem.html``)."""
        return Path(self.name).stem


def title_cell(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook's first markdown cell with a ``# `` heading."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and HEADING.search(cell.source):
            return cell
    raise StageError("it has no '# ' heading to title its page")


def title_of(nb: nbformat.NotebookNode) -> str:
    """The text of the notebook's first ``# `` heading."""
    return HEADING.search(title_cell(nb).source)[1].strip()


def links_html(name: str) -> str:
    """The page's buttons: the student notebook on Colab and as a download."""
    return (
        '<div class="course-links">\n'
        f'<a class="course-button course-colab" href="{colab_url(name)}">Open in Colab</a>\n'
        f'<a class="course-button course-download" href="{download_path(name)}" download>'
        "Download the notebook</a>\n"
        "</div>"
    )


def with_links_under_title(nb: nbformat.NotebookNode, name: str) -> None:
    """Insert the page's buttons right after the notebook's ``# `` heading line."""
    cell = title_cell(nb)
    cell.source = HEADING.sub(lambda m: f"{m[0]}\n\n{links_html(name)}\n", cell.source, count=1)


def progress_text(output: nbformat.NotebookNode, state: dict) -> str | None:
    """The final line of a stored tqdm progress bar (an HBox of text and a progress bar),
    e.g. ``epochs: 100% 40/40 [04:39<00:00, 21.29s/it]``; None for any other widget."""
    box = state.get(output.data[WIDGET]["model_id"], {})
    if box.get("model_name") != "HBoxModel":
        return None
    children = [state.get(ref.removeprefix("IPY_MODEL_"), {}) for ref in box["state"]["children"]]
    if "FloatProgressModel" not in {child.get("model_name") for child in children}:
        return None
    texts = [html.unescape(c["state"]["value"]) for c in children if c["model_name"] == "HTMLModel"]
    return " ".join(text.strip() for text in texts if text.strip())


def widget_note(name: str) -> nbformat.NotebookNode:
    """The note that stands in for an interactive widget."""
    return nbformat.v4.new_markdown_cell(
        "```{note}\n"
        "The output of this cell is interactive: it needs Python running behind the page. "
        f"[Open the notebook in Colab]({colab_url(name)}) or run it on your computer in "
        "JupyterLab (`./course lab`) to use it.\n"
        "```"
    )


def static_outputs(cell: nbformat.NotebookNode, state: dict, stem: str) -> bool:
    """Give ``cell``'s outputs their static form, in place: plotly figures an HTML rendering,
    progress bars their text. True when an interactive widget had to be left out."""
    kept, left_out = [], False
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if WIDGET in data:
            text = progress_text(output, state)
            if text is None:
                left_out = True
            else:
                kept.append(nbformat.v4.new_output("stream", name="stdout", text=text + "\n"))
            continue
        if PLOTLY in data:  # myst-nb knows no plotly renderer: HTML in its place
            data["text/html"] = plotly.io.to_html(
                data.pop(PLOTLY), include_plotlyjs=False, full_html=False, validate=False,
                div_id=f"{stem}-plotly-{cell.id}",
            )  # fmt: skip
        kept.append(output)
    cell.outputs = kept
    return left_out


def stage_notebook(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """The page version of the notebook ``name`` of ``solutions/`` (``nb`` is changed)."""
    state = nb.metadata.pop("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    state = state.get("state", {})
    stem = Path(name).stem
    kept = []
    for cell in nb.cells:
        tags = cells.tags(cell)
        if cells.COLAB_BADGE in tags or cells.COLAB_SETUP in tags:
            continue
        kept.append(cell)
        if cell.cell_type != "code":
            continue
        if cells.is_solution(cell):
            cell.source = cells.without_title(cell.source)
            cell.metadata["tags"] = [*tags, "hide-input"]
            cell.metadata["mystnb"] = SHOW_SOLUTION
        if static_outputs(cell, state, stem):
            kept.append(widget_note(name))
    nb.cells = kept
    with_links_under_title(nb, name)
    return nb


def stage(notebooks: tuple[Notebook, ...], source: Path) -> list[Page]:
    """Write the page version of every solution notebook of ``notebooks`` and the landing
    page into the folder ``source``; the pages in order."""
    pages = []
    for notebook in notebooks:
        path = notebook.solution()
        nb = nbformat.read(path, as_version=4)
        try:
            pages.append(Page(path.name, title_of(nb), notebook.summary))
        except StageError as error:
            raise StageError(f"{path.name} cannot become a page: {error}") from None
        nbformat.write(stage_notebook(nb, path.name), source / path.name)
    (source / "index.md").write_text(landing_page(pages))
    return pages


def landing_page(pages: list[Page]) -> str:
    """The front page: the template ``index.md`` with ``$notebooks`` replaced by the list of
    notebooks (and the site's table of contents), ``$repository`` by the repository's
    address and ``$binder`` by its Binder address (a dollar sign is written ``$$`` there)."""
    listing = "\n".join(f"1. {{doc}}`{p.title} <{p.stem}>`: {p.summary}" for p in pages)
    toctree = "\n".join(["```{toctree}", ":hidden:", "", *(p.stem for p in pages), "```"])
    return Template(TEMPLATE.read_text()).substitute(
        notebooks=f"{listing}\n\n{toctree}", repository=repository_url(), binder=binder_url()
    )
