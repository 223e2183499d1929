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
the check being unable to judge. A check cell whose inputs cannot even be made (an exercise
cell that failed or was skipped leaves a name undefined) answers the same way
(``inputs_failed``, called by the guard ``nnhelpers.exercises`` puts around check calls).

In class a check only prints. While a grader runs the notebook (``NN_GRADING=1``) a
"not yet" raises ``NotPassed`` instead, so that the check's cell fails and its points are
lost, with the same one line as the reason.
"""

import contextlib
import functools
import inspect
import io
import random
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from nnhelpers import config
from nnhelpers.exercises import is_unsolved

T = TypeVar("T")
Judge = Callable[..., str]


class NotYet(Exception):
    """Raised by a judge: the exercise is not solved yet; the message is the hint."""


class NotPassed(AssertionError):
    """Raised by a check while grading: the exercise is not solved yet. IPython shows it as
    the check's one line, without a traceback."""

    def _render_traceback_(self) -> list[str]:
        return [f"❌ Not yet: {self}"]


def say_not_yet(hint: str) -> None:
    """Give a "not yet" verdict: print it in class, raise ``NotPassed`` while grading."""
    if config.grading():
        raise NotPassed(hint)
    print(f"❌ Not yet: {hint}")


def first_line(error: BaseException) -> str:
    """An exception's message, cut to its first line (tracebacks and long messages
    from torch span many)."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else ""


@contextmanager
def nothing_displayed() -> Iterator[None]:
    """Inside IPython, let nothing be displayed (figures, progress bars) until the end."""
    try:
        from IPython import get_ipython
    except ImportError:
        yield
        return
    publisher = getattr(get_ipython(), "display_pub", None)
    if publisher is None:
        yield
        return
    own = vars(publisher).get("publish")
    publisher.publish = lambda *args, **kwargs: None
    try:
        yield
    finally:
        if own is None:
            del publisher.publish
        else:
            publisher.publish = own


def run_student(description: str, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a student's ``function`` with what it prints, warns and displays kept out of the
    check's output; an exception it raises becomes ``NotYet``, one line that names the call
    (``description``, e.g. ``"preload(dataset)"``) and the error."""
    quiet = io.StringIO()
    try:
        with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
            with warnings.catch_warnings(), nothing_displayed():
                warnings.simplefilter("ignore")
                return function(*args, **kwargs)
    except NotYet:  # raised by the check's own instruments inside the student's code
        raise
    except Exception as error:
        raise NotYet(f"{description} raised {type(error).__name__}: {first_line(error)}") from None


def runs(function: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
    """True if a student's ``function`` runs on these arguments without raising (quietly,
    as in ``run_student``): what a check uses to find out why an answer failed, by trying
    it again with one thing changed."""
    try:
        run_student("", function, *args, **kwargs)
    except NotYet:
        return False
    return True


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
            with unchanged(arguments.values()):
                success = judge(*args, **kwargs)
        except NotYet as hint:
            verdict = str(hint)
        except Exception as error:  # a case the judge did not foresee: still one line
            verdict = (
                "the check could not judge your answer "
                f"({type(error).__name__}: {first_line(error)})."
            )
        else:
            print(f"✅ {success}")
            return
        say_not_yet(verdict)

    return run_check


def inputs_failed(error: Exception) -> None:
    """The verdict of a check cell whose inputs could not be made: evaluating the check's
    arguments raised ``error`` (a name an exercise cell should have made is missing, e.g.
    because that cell raised or was skipped). ``NotPassed`` goes on as it is."""
    if isinstance(error, NotPassed):
        raise error
    if isinstance(error, NameError) and error.name:
        say_not_yet(not_there_yet(error.name))
    else:
        say_not_yet(
            f"the check's inputs could not be made ({type(error).__name__}: "
            f"{first_line(error)}): run the cells above it again, from the exercise down."
        )


def learned_among(values: Iterable[Any]) -> tuple[list[Any], list[Any]]:
    """The ``nn.Module`` objects, and the tensors that require a gradient (notebook 02's
    parameters), among ``values`` and inside the dicts, lists and tuples among them (one
    level deep), each once."""
    import torch
    from torch import nn

    models: list[Any] = []
    tensors: list[Any] = []
    for value in values:
        inner = value.values() if isinstance(value, dict) else value
        for item in inner if isinstance(value, (dict, list, tuple)) else [value]:
            if isinstance(item, nn.Module) and not any(item is m for m in models):
                models.append(item)
            elif isinstance(item, torch.Tensor) and item.requires_grad and item.is_leaf:
                if not any(item is t for t in tensors):
                    tensors.append(item)
    return models, tensors


@contextmanager
def unchanged(values: Iterable[Any]) -> Iterator[None]:
    """Leave the student's state as it was, whatever the check (or the student's code it
    calls) does: the random number generators (Python's, NumPy's, torch's), and the values,
    gradients and mode of every model and parameter tensor among ``values``."""
    if "torch" not in sys.modules:  # no torch yet, so no torch state to keep
        yield
        return
    import torch

    generators = [(random.setstate, random.getstate())]
    generators.append((torch.set_rng_state, torch.get_rng_state()))
    if "numpy" in sys.modules:
        numpy_random = sys.modules["numpy"].random
        generators.append((numpy_random.set_state, numpy_random.get_state()))
    if torch.cuda.is_initialized():
        generators.append((torch.cuda.set_rng_state_all, torch.cuda.get_rng_state_all()))
    models, tensors = learned_among(values)
    modes = [(model, model.training) for model in models]
    saved = snapshot([*tensors, *(t for m in models for t in m.parameters())])
    saved += snapshot([t for m in models for t in m.buffers()], with_grad=False)
    try:
        yield
    finally:
        for restore, state in generators:
            restore(state)
        for model, training in modes:
            model.train(training)
        with torch.no_grad():
            for tensor, value, grad in saved:
                tensor.copy_(value)
                if grad is not ...:
                    tensor.grad = grad


def snapshot(tensors: Iterable[Any], with_grad: bool = True) -> list[tuple[Any, Any, Any]]:
    """(tensor, a copy of its values, a copy of its gradient, or ``...`` without
    ``with_grad``) for each tensor, to put back after a check; parameters not made yet (of
    lazy modules) are left out."""
    from torch.nn.parameter import UninitializedParameter

    copies = []
    for tensor in tensors:
        if isinstance(tensor, UninitializedParameter):
            continue
        grad = ... if not with_grad else None if tensor.grad is None else tensor.grad.clone()
        copies.append((tensor, tensor.detach().clone(), grad))
    return copies


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
