"""The course as a static website: every notebook of ``solutions/`` as a page, with its outputs.

``python -m tools.site`` builds it into ``_build/site/`` in seconds (stored outputs, nothing is
run) and ``python -m tools.site --serve`` shows it on http://127.0.0.1:8000/. The modules:

- ``links``: where the site's links point (Colab, downloads, the published site);
- ``stage``: copies of the notebooks, adjusted for a static page, and the landing page;
- ``build``: Sphinx with myst-nb over the staged copies, warnings as errors; a local server;
- ``conf.py``, ``index.md``, ``static/``: the Sphinx configuration, landing page and style.

MathJax and plotly.js are served by the site itself, so it also works offline.
"""
