"""Build the course website with Sphinx (warnings are errors), and serve it on loopback.

``build(out)`` stages ``solutions/*.ipynb`` into a temporary folder (``tools.site.stage``),
runs Sphinx on it with this folder's ``conf.py`` and copies the student notebooks next to
the pages for download. Nothing is executed; nothing in the course's folders changes except
``out``, which is replaced.
"""

import shutil
import tempfile
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sphinx.cmd.build import build_main

from tools import ROOT, catalog
from tools.site.links import DOWNLOADS, STUDENT_FOLDER
from tools.site.stage import Page, stage

CONF_DIR = Path(__file__).resolve().parent
OUT = ROOT / "_build" / "site"


class BuildError(RuntimeError):
    """Sphinx reported an error or a warning."""


def build(out: Path = OUT) -> list[Page]:
    """Build the site of the course into ``out``; the notebook pages in order."""
    with tempfile.TemporaryDirectory(prefix="nn-course-site-") as tmp:
        source = Path(tmp) / "source"
        source.mkdir()
        pages = stage(catalog.NOTEBOOKS, source)
        for page in pages:  # fail before building when a Colab/download target is missing
            if not (ROOT / STUDENT_FOLDER / page.name).is_file():
                raise BuildError(f"{STUDENT_FOLDER}/{page.name} is missing: run ./course students")
        shutil.rmtree(out, ignore_errors=True)
        status = build_main(
            ["-b", "html", "-W", "--keep-going", "-q", "-c", str(CONF_DIR),
             "-d", str(Path(tmp) / "doctrees"), str(source), str(out)]
        )  # fmt: skip
    if status:
        raise BuildError(f"Sphinx failed (exit status {status}); its messages are above")
    (out / DOWNLOADS).mkdir()
    for page in pages:
        shutil.copy2(ROOT / STUDENT_FOLDER / page.name, out / DOWNLOADS / page.name)
    return pages


def server(directory: Path, port: int = 8000) -> ThreadingHTTPServer:
    """An HTTP server for ``directory`` on 127.0.0.1:``port`` (0: any free port); call its
    ``serve_forever()``."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(directory))
    return ThreadingHTTPServer(("127.0.0.1", port), handler)
