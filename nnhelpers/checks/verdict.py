"""How every check speaks: one line, ✅ or ❌ with a hint, never a traceback.

A check is written as a *judge*: a function that looks at a student's answer and either
returns the success message or raises ``NotYet`` with a hint. ``@check`` turns a judge into
the function students call; it prints one line and returns nothing::

    @check(todo={"answer": "replace the ... of answer with the answer to everything."})
    def check_answer(answer) -> str:
        if answer != 42:
            raise NotYet("the answer is 42.")
        return "42 it is."

An argument that is not answered yet (``...``, or a function whose body is ``...``; see
``nnhelpers.exercises``) is never judged: the check says what to write (``todo``), or, for
an argument that comes from an earlier exercise, which cells to run first.

Whatever goes wrong while judging becomes one ❌ line too: ``run_student`` reports an
exception raised by the student's code, naming the call; any other exception is reported as
the check being unable to judge.
"""

import functools
import inspect
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from nnhelpers.exercises import is_unsolved

T = TypeVar("T")
Judge = Callable[..., str]


class NotYet(Exception):
    """Raised by a judge: the exercise is not solved yet; the message is the hint."""


def first_line(error: BaseException) -> str:
    """An exception's message, cut to its first line (tracebacks and long messages
    from torch span many)."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else ""


def run_student(description: str, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a student's ``function``; an exception it raises becomes ``NotYet``, one line
    that names the call (``description``, e.g. ``"preload(dataset)"``) and the error."""
    try:
        return function(*args, **kwargs)
    except Exception as error:
        raise NotYet(f"{description} raised {type(error).__name__}: {first_line(error)}") from None


def not_there_yet(name: str) -> str:
    """The hint for an argument that an earlier exercise or cell should have made."""
    return (
        f"{name} is not there yet: it comes from an exercise or cell above. Finish that one, "
        "run the cells from there down to this one, then run this check again."
    )


def check(
    judge: Judge | None = None, *, todo: Mapping[str, str] | None = None
) -> Callable[..., Any]:
    """Make a judge into a check: print ``✅ <success>`` or ``❌ Not yet: <hint>``.

    ``todo`` maps the judge's parameters that the exercise asks for to what to write; it
    is the hint while that argument is unanswered. Use as ``@check`` or ``@check(todo=...)``.
    """
    if judge is None:
        return functools.partial(check, todo=todo)
    parameters = inspect.signature(judge)
    asked_for = dict(todo or {})

    @functools.wraps(judge)
    def run_check(*args: Any, **kwargs: Any) -> None:
        try:
            arguments = parameters.bind(*args, **kwargs).arguments
            for name, value in arguments.items():
                if is_unsolved(value):
                    raise NotYet(asked_for.get(name) or not_there_yet(name))
            success = judge(*args, **kwargs)
        except NotYet as hint:
            print(f"❌ Not yet: {hint}")
        except Exception as error:  # a case the judge did not foresee: still one line
            print(
                f"❌ Not yet: the check could not judge your answer "
                f"({type(error).__name__}: {first_line(error)})."
            )
        else:
            print(f"✅ {success}")

    return run_check


@contextmanager
def evaluating(model: Any) -> Iterator[None]:
    """Run a student's model in eval mode without gradients, then restore its mode, so that
    a check changes nothing (e.g. batch-norm statistics)."""
    import torch

    training = model.training
    model.eval()
    try:
        with torch.no_grad():
            yield
    finally:
        model.train(training)
