"""What a student's value is, in words, and whether it is the plain number it should be.

Shared by the checks of every notebook: a hint names what the student gave ("a str",
"a tensor of shape (3,) that still carries its graph") rather than guessing what they meant.
"""

from typing import Any

from nnhelpers.checks.verdict import NotYet


def describe(value: Any) -> str:
    """A short description of ``value`` for a hint: ``a str ('0.97')``, ``a tensor of shape
    (3, 2)``, ``a list of 2 items``, ``None``."""
    if value is None:
        return "None"
    if value is ...:
        return "... (not answered yet)"
    kind = type(value).__name__
    shape = getattr(value, "shape", None)
    if shape is not None and hasattr(value, "dtype"):
        return f"a {kind} of shape {tuple(shape)}"
    if isinstance(value, str):
        return f"a str ({value[:20]!r})"
    if isinstance(value, (list, tuple, dict)):
        return f"a {kind} of {len(value)} item{'s' if len(value) != 1 else ''}"
    return f"a {kind}"


def number(value: Any, name: str) -> float:
    """``value`` as a float if it is one plain number: a Python or NumPy int or float, or a
    tensor of one element without a graph. Anything else raises ``NotYet`` naming it (a
    bool, a string, a tensor that still carries its graph, a list...)."""
    if isinstance(value, bool) or (type(value).__name__ == "bool_"):
        raise NotYet(f"{name} is {value!r}, a yes or no: it should be a number.")
    if isinstance(value, (int, float)):
        return float(value)
    if getattr(value, "requires_grad", False):
        raise NotYet(
            f"{name} is a tensor that still carries its graph (requires_grad=True): take the "
            "plain number with .item()."
        )
    if hasattr(value, "dtype") and getattr(value, "size", None) is not None:
        count = value.numel() if callable(getattr(value, "numel", None)) else value.size
        if count == 1 and "bool" not in str(value.dtype):
            return float(value.item())
    raise NotYet(f"{name} is {describe(value)}: it should be one number.")
