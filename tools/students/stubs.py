"""What a student sees instead of a solution: the exercise's hints and an unanswered stub.

The stub binds every name that the rest of the notebook takes from the solution, so that
"Run all" on an unsolved notebook never stops at a ``NameError``: a function keeps its
signature and docstring with ``...`` as its body, any other name is bound to ``...``::

    # Hint: torch.stack(...) makes one tensor of many.
    def preload(dataset):
        \"\"\"All (image, label) items of `dataset`, converted once, as a TensorDataset.\"\"\"
        ...  # Your code here

    # Hint: n_train = int(0.8 * n).
    # Your code here
    X_a = ...
    Y_a = ...

``nnhelpers.exercises.is_unsolved`` recognises both, and the checks answer "not yet".
"""

import ast
import copy

from nbformat import NotebookNode

from nnhelpers.exercises import assigned_names
from tools.cells import is_solution, needs_names, python_of, without_title

STUB = "# Your code here"


def split_hints(source: str) -> tuple[list[str], str]:
    """A solution cell's hint lines (the comments right after its ``#@title`` line) and the
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
    """A function's signature and docstring, with ``...  # Your code here`` as its body."""
    docstring = ast.get_docstring(node, clean=False)
    body: list[ast.stmt] = [ast.Expr(ast.Constant(...))]
    if docstring is not None:
        body.insert(0, ast.Expr(ast.Constant(docstring)))
    stub = copy.copy(node)
    stub.body = body
    text = ast.unparse(stub)
    return text[: text.rindex("...")] + f"...  {STUB}"


def stubbed(code: str, needed: set[str]) -> tuple[list[ast.FunctionDef], list[str]]:
    """What the stub of the solution ``code`` binds: the functions it defines that the rest
    of the notebook reads (``needed``), and the other names of ``needed`` it assigns."""
    tree = ast.parse(python_of(code))
    functions = [
        node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name in needed
    ]
    defined = {node.name for node in functions}
    values = [name for name in assigned_names(python_of(code)) if name in needed - defined]
    return functions, values


def stub_source(solution: str, needed: set[str]) -> str:
    """The student's version of a solution cell: its hints, a stub for each function and
    other name the rest of the notebook reads (``needed``), and ``# Your code here``."""
    hints, code = split_hints(solution)
    functions, values = stubbed(code, needed)
    parts = ["\n".join(hints)] if hints else []
    parts += [function_stub(node) for node in functions]
    if values or not functions:
        parts.append("\n".join([STUB, *(f"{name} = ..." for name in values)]))
    return "\n".join(parts)


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
    """The names of the functions a solution cell defines at its top level."""
    tree = ast.parse(python_of(split_hints(solution)[1]))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


def bound_names(solution: str, needed: set[str]) -> set[str]:
    """The names the stub of ``solution`` binds (the tests follow them through a notebook)."""
    functions, values = stubbed(split_hints(solution)[1], needed)
    return {node.name for node in functions} | set(values)
