"""Display torchviz graphs, with or without a system Graphviz (used in notebook 01).

``show_graph(make_dot(z))`` renders the graph to SVG with the ``graphviz-pure`` program
(installed with the course: the same bytes on every machine, fonts included) or, failing
that, a system Graphviz ``dot``. With neither, it says how to get one and prints the
graph as DOT text instead of raising ``ExecutableNotFound``.

The picture is also offered as an HTML ``<img>``: JupyterLab draws raw SVG output only in
trusted notebooks, and a notebook from a fresh clone is not trusted (it would show
``<IPython.core.display.SVG object>``); an image is shown either way.
"""

import base64
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from IPython.display import SVG

_OBJECT_ID = re.compile(r"\b\d{7,}\b")


def dot_program() -> str | None:
    """Path of a Graphviz renderer: ``graphviz-pure`` (preferred), else ``dot``; or None."""
    beside_python = Path(sys.executable).parent / "graphviz-pure"
    if beside_python.is_file():
        return str(beside_python)
    return shutil.which("graphviz-pure") or shutil.which("dot")


def stable_source(graph: Any) -> str:
    """The graph's DOT source, made the same in every run and on every machine.

    torchviz names nodes by the ``id()`` of Python objects, which changes from run to run:
    they become ``n0``, ``n1``, ... in order of appearance. Its ``monospace`` font has no
    metrics in Graphviz (a warning, and sizes that vary by machine): ``Courier`` has.
    """
    graph = graph.copy()
    graph.node_attr["fontname"] = "Courier"
    names: dict[str, str] = {}
    return _OBJECT_ID.sub(lambda m: names.setdefault(m.group(), f"n{len(names)}"), graph.source)


class GraphSVG(SVG):
    """An SVG picture that notebooks show even when they are not trusted."""

    def _repr_html_(self) -> str:
        encoded = base64.b64encode(self.data.encode()).decode("ascii")
        return f'<img src="data:image/svg+xml;base64,{encoded}" alt="computational graph">'


def show_graph(graph: Any) -> GraphSVG | None:
    """Render a ``graphviz.Digraph`` (e.g. from ``torchviz.make_dot``) as SVG for display.

    Returns an ``SVG`` to show, or None after printing the graph as text when no
    renderer is installed.
    """
    source = stable_source(graph)
    program = dot_program()
    if program is None:
        print(
            "No Graphviz renderer found, so here is the graph as text. To draw it, "
            "`pip install graphviz-pure` (or install Graphviz: `conda install graphviz`, "
            "`apt-get install graphviz`, `brew install graphviz`) and run the cell again.\n"
        )
        print(source)
        return None
    result = subprocess.run(
        [program, "-Tsvg"], input=source, capture_output=True, text=True, check=True
    )
    if result.stderr:
        print(result.stderr, file=sys.stderr)
    return GraphSVG(data=result.stdout)
