"""Exercises in the student notebooks: what an unanswered one looks like, and cells that wait.

A student notebook's exercise cell starts out *unanswered*: each name the rest of the
notebook needs from it is bound to ``...`` (``X_a = ...``), each function keeps its
signature with ``...`` as its body, and each class its methods, with the same body::

    def preload(dataset):
        # Your code here
        ...

``is_unsolved`` recognises all three, so that checks answer "not yet" instead of failing.

A cell that uses an answer starts with the cell magic ``%%needs``, naming what it uses
(a comment after ``#`` says where it comes from)::

    %%needs make_mlp train  # exercises 3 and 4
    model = make_mlp().to(device)
    history = train(model, ...)

Once every name is answered, the cell runs as if the first line were not there (an error
in it shows the cell's own code, not this module's). Until then it prints one line saying
what it waits for, and binds the names it would have made to ``...``, so that the cells
after it wait too instead of failing. Used in notebooks 02 and 05.

A *check cell* calls a check on the answers: ``check_split(X_a, Y_a, X_e, Y_e)``. When an
exercise cell raised an error or was skipped, a name it should have made is missing, and
evaluating the check's arguments would fail with a ``NameError`` before the check could
speak. So every top-level call of a ``check_...`` function in a cell runs inside a guard
that turns such an error into the check's "❌ Not yet" line
(``nnhelpers.checks.verdict.inputs_failed``).

Both are registered when ``nnhelpers`` is imported inside IPython (every notebook imports
it before its first exercise).
"""

import ast
import copy
import dis
from types import FunctionType
from typing import Any

EMPTY_BODY_OPS = frozenset({"RESUME", "NOP", "LOAD_CONST", "RETURN_CONST", "RETURN_VALUE"})
"""Byte-code operations of a function whose body does nothing (``...``, ``pass`` or only a
docstring), in every Python version the course supports."""

MISSING = (NameError, KeyError, IndexError, AttributeError, TypeError)
"""What evaluating a requirement of ``%%needs`` raises when it is not there (yet); a
TypeError when it reaches into ``...`` (``histories["Adam"]`` while ``histories`` is ``...``)."""


def is_stub_function(value: Any) -> bool:
    """True for a function whose body does nothing: an exercise's function not written yet."""
    if not isinstance(value, FunctionType):
        return False
    return all(
        op.opname in EMPTY_BODY_OPS and op.argval is None
        for op in dis.get_instructions(value)
        if op.opname != "RESUME"
    )


def is_stub_class(value: Any) -> bool:
    """True for a class whose own methods all do nothing (at least one): an exercise's
    class not written yet."""
    if not isinstance(value, type):
        return False
    methods = [v for v in vars(value).values() if isinstance(v, FunctionType)]
    return bool(methods) and all(is_stub_function(method) for method in methods)


def is_unsolved(value: Any) -> bool:
    """True for an exercise's answer not given yet: ``...``, or a function or class with
    no body."""
    return value is Ellipsis or is_stub_function(value) or is_stub_class(value)


def assigned_names(source: str) -> list[str]:
    """The names a cell binds at its top level (assignments, loops, ``def``, ``import``;
    not the names inside functions), in order."""
    names: list[str] = []

    def add_targets(target: ast.AST) -> None:
        if isinstance(target, ast.Name) and target.id not in names:
            names.append(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                add_targets(element)
        elif isinstance(target, ast.Starred):
            add_targets(target.value)

    def visit(statements: list[ast.stmt]) -> None:
        for node in statements:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                if node.name not in names:
                    names.append(node.name)
                continue
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    add_targets(target)
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For)):
                add_targets(node.target)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    name = alias.asname or alias.name.split(".")[0]
                    if name not in names:
                        names.append(name)
            for field in ("body", "orelse", "finalbody", "handlers"):
                visit(getattr(node, field, []))
            for item in getattr(node, "items", []):
                if item.optional_vars is not None:
                    add_targets(item.optional_vars)

    visit(ast.parse(source).body)
    return names


def waiting_for(requirements: list[str], namespace: dict[str, Any]) -> list[str]:
    """The requirements (names or expressions such as ``histories["Adam"]``) that are not
    there in ``namespace`` or not answered yet."""
    missing = []
    for expression in requirements:
        try:
            value = eval(expression, namespace)  # an expression the notebook wrote
        except MISSING:
            missing.append(expression)
            continue
        if is_unsolved(value):
            missing.append(expression)
    return missing


def needs(line: str, cell: str) -> Any:
    """The ``%%needs`` cell magic: run the cell only once every requirement is answered."""
    from IPython import get_ipython

    __tracebackhide__ = True  # IPython leaves this frame out of a traceback
    shell = get_ipython()
    requirements, _, origin = line.partition("#")
    code = shell.transform_cell(cell)
    missing = waiting_for(requirements.split(), shell.user_ns)
    if missing:
        for name in assigned_names(code):
            shell.user_ns.setdefault(name, ...)
        where = f" ({origin.strip()})" if origin.strip() else ""
        print(
            f"⏭ Not run yet: this cell needs {', '.join(missing)}{where}. "
            "Run it again once that is done."
        )
        return None
    tree = ast.parse(code)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    filename = shell.compile.cache(code, shell.execution_count)
    exec(compile(tree, filename, "exec"), shell.user_ns)  # the notebook's own cell
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), filename, "eval"), shell.user_ns)


GUARD = ast.parse(
    "try:\n"
    "    pass\n"
    "except Exception as _check_inputs_error:\n"
    "    __import__('nnhelpers.checks.verdict').checks.verdict.inputs_failed("
    "_check_inputs_error)\n"
).body[0]
"""The guard around a check call: ``pass`` stands for the call."""


def is_check_call(node: ast.stmt) -> bool:
    """True for a statement that is a call of a ``check_...`` function: ``check_x(...)``."""
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Name)
        and node.value.func.id.startswith("check_")
    )


class GuardChecks(ast.NodeTransformer):
    """Put each top-level check call of a cell inside ``GUARD`` (an IPython AST
    transformer: it changes the cell's code before it runs)."""

    def visit_Module(self, node: ast.Module) -> ast.Module:
        node.body = [self.guarded(s) if is_check_call(s) else s for s in node.body]
        return node

    @staticmethod
    def guarded(call: ast.stmt) -> ast.stmt:
        guard = copy.deepcopy(GUARD)
        guard.body = [call]
        return ast.fix_missing_locations(ast.copy_location(guard, call))


def load_ipython_extension(shell: Any) -> None:
    """Register ``%%needs`` and the check guard in ``shell`` (also
    ``%load_ext nnhelpers.exercises``); registering twice changes nothing."""
    shell.register_magic_function(needs, magic_kind="cell", magic_name="needs")
    if not any(isinstance(t, GuardChecks) for t in shell.ast_transformers):
        shell.ast_transformers.append(GuardChecks())


def register() -> None:
    """Register ``%%needs`` when running inside IPython; do nothing elsewhere."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        load_ipython_extension(shell)
