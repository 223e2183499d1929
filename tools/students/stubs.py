"""What a student sees instead of a solution: the exercise's hints and an unanswered stub.

The stub binds every name that the rest of the notebook takes from the solution, so that
"Run all" on an unsolved notebook never stops at a ``NameError``: a function keeps its
signature and docstring with ``...`` as its body, a class its header, docstring and
methods, each method stubbed the same way, and any other name is bound to ``...``::

    # Hint: torch.stack(...) makes one tensor of many.
    def preload(dataset):
        \"\"\"All (image, label) items of `dataset`, as a TensorDataset.\"\"\"
        # Your code here
        ...

    # Hint: n_train = int(0.8 * n).
    # Your code here
    X_a = ...
    Y_a = ...

``nnhelpers.exercises.is_unsolved`` recognises them all, and the checks answer "not yet".
The stubs are laid out as ``ruff format`` lays them out (the comment keeps ``...`` on a line
of its own, where the student's code goes), so the student notebooks pass it as the
solutions do.
"""

import ast
import copy
import textwrap

from nbformat import NotebookNode

from nnhelpers.exercises import assigned_names
from tools.cells import is_solution, needs_names, python_of, without_title

STUB = "# Your code here"


def split_hints(source: str) -> tuple[list[str], str]:
    """A solution cell's hint lines (the comments right after its ``# @title`` line) and the
    code after them."""
    lines = without_title(source).splitlines()
    hints = []
    while lines and lines[0].startswith("#"):
        hints.append(lines.pop(0))
    return hints, "\n".join(lines)


def loaded_names(source: str) -> set[str]:
    """The names a cell reads from before it (the ``%%needs`` line included): those it
    loads, less those it binds itself (assignments, loop and comprehension variables,
    arguments, imports)."""
    names = needs_names(source)
    if names:
        source = source.partition("\n")[2]
    tree = ast.parse(python_of(source))
    loads, binds = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loads if isinstance(node.ctx, ast.Load) else binds).add(node.id)
        elif isinstance(node, ast.arg):
            binds.add(node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            binds.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            binds |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    return names | (loads - binds)


def function_stub(node: ast.FunctionDef) -> str:
    """A function's signature and docstring, with ``# Your code here`` and ``...`` as its
    body."""
    docstring = ast.get_docstring(node, clean=False)
    body: list[ast.stmt] = [ast.Expr(ast.Constant(...))]
    if docstring is not None:
        body.insert(0, ast.Expr(ast.Constant(docstring)))
    stub = copy.copy(node)
    stub.body = body
    text = ast.unparse(stub)
    head, _, indent = text[: text.rindex("...")].rpartition("\n")
    return f"{head}\n{indent}{STUB}\n{indent}..."


def class_stub(node: ast.ClassDef) -> str:
    """A class's header and docstring, and a stub of each of its methods."""
    docstring = ast.get_docstring(node, clean=False)
    header = copy.copy(node)
    header.body = [*node.body[: docstring is not None], ast.Pass()]
    lines = ast.unparse(header).splitlines()[:-1]  # all but the `pass`
    methods = [item for item in node.body if isinstance(item, ast.FunctionDef)]
    stubs = [textwrap.indent(function_stub(method), "    ") for method in methods]
    if docstring is not None:
        lines.append("")
    lines.append("\n\n".join(stubs) or f"    {STUB}\n    ...")
    return "\n".join(lines)


Defined = ast.FunctionDef | ast.ClassDef


def definition_stub(node: Defined) -> str:
    """The stub of a function or a class the solution defines."""
    return class_stub(node) if isinstance(node, ast.ClassDef) else function_stub(node)


def stubbed(code: str, needed: set[str]) -> tuple[list[Defined], list[str]]:
    """What the stub of the solution ``code`` binds: the functions and classes it defines
    that the rest of the notebook reads (``needed``), and the other names of ``needed`` it
    assigns."""
    tree = ast.parse(python_of(code))
    defined = [
        node
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in needed
    ]
    names = {node.name for node in defined}
    values = [name for name in assigned_names(python_of(code)) if name in needed - names]
    return defined, values


def stub_source(solution: str, needed: set[str]) -> str:
    """The student's version of a solution cell: its hints, a stub for each function,
    class and other name the rest of the notebook reads (``needed``), and
    ``# Your code here``."""
    hints, code = split_hints(solution)
    definitions, values = stubbed(code, needed)
    parts = [definition_stub(node) for node in definitions]
    if values or not definitions:
        parts.append("\n".join([STUB, *(f"{name} = ..." for name in values)]))
    return "\n".join([*hints, "\n\n\n".join(parts)])


def needed_from(cells: list[NotebookNode], index: int) -> set[str]:
    """The names the exercise ``cells[index]`` must bind: those that the code cells after it
    read (solution cells left out: in the student's notebook they hold the student's code),
    except those that the cells before it bound already (the exercise may change those, as
    in ``w -= lr * w.grad``, but must not replace them with ``...``)."""
    later: set[str] = set()
    for cell in cells[index + 1 :]:
        if cell.cell_type == "code" and not is_solution(cell):
            later |= loaded_names(cell.source)
    earlier: set[str] = set()
    for cell in cells[:index]:
        if cell.cell_type == "code":
            earlier.update(assigned_names(python_of(split_hints(cell.source)[1])))
    return later - earlier


def defined_functions(solution: str) -> set[str]:
    """The names of the functions and classes a solution cell defines at its top level."""
    tree = ast.parse(python_of(split_hints(solution)[1]))
    return {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}


def bound_names(solution: str, needed: set[str]) -> set[str]:
    """The names the stub of ``solution`` binds (the tests follow them through a notebook)."""
    definitions, values = stubbed(split_hints(solution)[1], needed)
    return {node.name for node in definitions} | set(values)
