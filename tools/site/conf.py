"""Sphinx configuration of the course website (read by ``tools.site.build``).

The sources are the staged notebooks (``tools.site.stage``), rendered by myst-nb from their
stored outputs with the Sphinx Book Theme. Everything a page loads is served by the site:
MathJax 3 from the ``sphinx-mathjax-offline`` package, plotly.js from the ``plotly`` package
(only on pages with a plotly figure), no widget scripts from a CDN.
"""

from importlib.metadata import distribution
from pathlib import Path

import plotly
from sphinx.util.fileutil import copy_asset_file

from tools.site.links import repository_url

project = "NN with PyTorch"
language = "en"

extensions = ["myst_nb"]
nb_execution_mode = "off"  # the stored outputs, as they are
nb_merge_streams = True
nb_ipywidgets_js = {}  # widget outputs are replaced when staging; never load their CDN scripts
myst_enable_extensions = ["dollarmath", "amsmath"]

MATHJAX = Path(str(distribution("sphinx-mathjax-offline").locate_file("sphinx-mathjax-offline")))
mathjax_path = "mathjax/tex-chtml.js"  # relative to _static/, where MathJax is copied
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

html_theme = "sphinx_book_theme"
html_title = project
html_static_path = ["static", str(MATHJAX / "static")]
html_css_files = ["course.css"]
html_favicon = "static/favicon.svg"
html_copy_source = False
html_show_sourcelink = False
html_context = {"default_mode": "light"}  # the stored figures are drawn on white
html_theme_options = {
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "use_download_button": False,  # each page has its own link to the student notebook
    "use_fullscreen_button": False,
    "repository_url": repository_url(),
    "use_repository_button": True,
    "footer_content_items": [],
}


def add_plotly_js(app, pagename, templatename, context, doctree) -> None:
    """Load plotly.js on the pages that show a plotly figure."""
    if "plotly-graph-div" in context.get("body", ""):
        app.add_js_file("plotly.min.js")


def copy_plotly_js(app, exception) -> None:
    """Serve the plotly package's own plotly.js from ``_static/``."""
    if exception is None:
        copy_asset_file(str(PLOTLY_JS), str(Path(app.outdir) / "_static"))


def setup(app) -> None:
    """This configuration's own hooks: plotly.js where it is needed."""
    app.connect("html-page-context", add_plotly_js)
    app.connect("build-finished", copy_plotly_js)
