"""tools/students/stubs.py: what students see in place of a solution."""

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell

from nnhelpers.exercises import is_unsolved
from tools.cells import TITLE
from tools.students import stubs


def solution(code: str) -> nbformat.NotebookNode:
    return new_code_cell(f"{TITLE}\n{code}", metadata={"tags": ["solution"]})


def test_a_function_keeps_its_signature_and_docstring():
    source = f'''{TITLE}
# Hint: stack them.
def preload(dataset, *, limit: int = 0) -> list:
    """All the items."""
    items = [dataset[i] for i in range(len(dataset))]
    return items


preload(range(3))'''
    stub = stubs.stub_source(source, {"preload"})
    assert stub == (
        "# Hint: stack them.\n"
        "def preload(dataset, *, limit: int=0) -> list:\n"
        '    """All the items."""\n'
        "    # Your code here\n"
        "    ..."
    )
    namespace: dict = {}
    exec(stub, namespace)
    assert is_unsolved(namespace["preload"])


def test_a_class_keeps_its_header_docstring_and_method_signatures():
    source = f'''{TITLE}
# Hint: keep the parameters as a list.
class MySGD(Base):
    """Plain gradient descent."""

    rate = 0.1

    def __init__(self, params, lr):
        self.params = list(params)

    def step(self):
        """One update."""
        for p in self.params:
            p.data -= self.lr * p.grad'''
    stub = stubs.stub_source(source, {"MySGD"})
    assert stub == (
        "# Hint: keep the parameters as a list.\n"
        "class MySGD(Base):\n"
        '    """Plain gradient descent."""\n'
        "\n"
        "    def __init__(self, params, lr):\n"
        "        # Your code here\n"
        "        ...\n"
        "\n"
        "    def step(self):\n"
        '        """One update."""\n'
        "        # Your code here\n"
        "        ..."
    )
    namespace: dict = {"Base": object}
    exec(stub, namespace)
    assert is_unsolved(namespace["MySGD"])
    assert stubs.bound_names(source, {"MySGD"}) == {"MySGD"}


def test_values_the_notebook_reads_later_are_bound_to_ellipsis():
    source = f"{TITLE}\n# Hint: permute.\nperm = f()\nX_a, Y_a = X[perm][:8], Y[perm][:8]"
    assert stubs.stub_source(source, {"X_a", "Y_a"}) == (
        "# Hint: permute.\n# Your code here\nX_a = ...\nY_a = ..."
    )
    assert stubs.stub_source(source, set()) == "# Hint: permute.\n# Your code here"


def test_names_needed_are_those_read_later_and_not_made_before():
    cells = [
        new_code_cell("w = torch.zeros(2)\nt = 3"),
        solution("for step in range(3):\n    w -= 0.1 * (w - t)\n    last = step"),
        new_markdown_cell("w and last"),
        new_code_cell("%%needs last  # exercise 1\ncheck(w, last)"),
        solution("unused = 1"),
        new_code_cell("print(unused_later)"),
    ]
    assert stubs.needed_from(cells, 1) == {"last", "check", "print", "unused_later"}
    assert "w" not in stubs.needed_from(cells, 1)


@pytest.mark.parametrize(
    "source, names",
    [
        ("%%needs make_mlp train  # exercises 3, 4\nmodel = make_mlp()", {"make_mlp", "train"}),
        ('%%needs histories["Adam"]\nprint(1)', {"histories", "print"}),
        ("%matplotlib inline\nx = y + 1", {"y"}),
    ],
)
def test_loaded_names_read_needs_lines_and_skip_magics(source, names):
    assert stubs.loaded_names(source) == names


@pytest.mark.parametrize("title", [TITLE, "#@title Solution", "#   @title Solution"])
def test_both_spellings_of_a_colab_title_are_titles(title):
    assert stubs.split_hints(f"{title}\n# Hint: h.\nx = 1") == (["# Hint: h."], "x = 1")
