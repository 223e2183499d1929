"""nnhelpers.exercises: unanswered exercises, the ``%%needs`` cell magic, the check guard."""

import re

import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output

from nnhelpers import exercises


def stub(x): ...


def stub_with_docstring(x):
    """What it should do."""
    ...  # Your code here


def passes(x):
    pass


def answered(x):
    return x + 1


def forgot_return(x):
    y = x + 1  # noqa: F841


class StubClass:
    """What the student's notebook shows: every method's body is ``...``."""

    def __init__(self, params, lr): ...

    def step(self): ...


class HalfWritten(StubClass):
    def step(self):
        return 1


class AnsweredClass(StubClass):
    def __init__(self, params, lr):
        self.params = list(params)


class NoMethods:
    pass


@pytest.mark.parametrize(
    "value, unsolved",
    [
        (..., True),
        (stub, True),
        (stub_with_docstring, True),
        (passes, True),
        (answered, False),
        (forgot_return, False),
        (StubClass, True),
        (HalfWritten, False),
        (AnsweredClass, False),
        (NoMethods, False),
        (None, False),
        (0, False),
        ([...], False),
    ],
)
def test_unanswered_values_are_recognised(value, unsolved):
    assert exercises.is_unsolved(value) is unsolved


def test_assigned_names_are_the_top_level_bindings_in_order():
    source = (
        "x, (y, *rest) = f()\nd['k'] = 1\nobj.a = 2\nfor i in range(3):\n    inner = i\n"
        "def g(arg):\n    local = arg\nimport numpy as np\nimport os.path\n"
        "with open('f') as handle:\n    pass\n"
    )
    assert exercises.assigned_names(source) == [
        "x", "y", "rest", "i", "inner", "g", "np", "os", "handle"
    ]  # fmt: skip


@pytest.fixture
def shell():
    """A fresh IPython shell with ``%%needs`` registered."""
    InteractiveShell.clear_instance()
    shell = InteractiveShell.instance()
    exercises.load_ipython_extension(shell)
    yield shell
    InteractiveShell.clear_instance()


def run(shell, cell: str):
    with capture_output() as captured:
        result = shell.run_cell(cell)
    return result, captured.stdout


def test_a_cell_runs_once_its_answers_are_there(shell):
    shell.user_ns.update(make=lambda: 21, histories={"Adam": [1]})
    result, out = run(
        shell, '%%needs make histories["Adam"]  # exercise 3\nvalue = make() * 2\nvalue'
    )
    assert result.success and result.result == 42 and "42" in out  # displayed as Out[...]
    assert shell.user_ns["value"] == 42


def test_a_cell_waits_and_binds_what_it_would_make(shell):
    shell.user_ns.update(make=stub, histories=..., value=7)
    result, out = run(
        shell,
        '%%needs make histories["Adam"]  # exercises 3 and 6\nvalue = make()\nmodel, x = 1, 2',
    )
    assert result.success
    assert out == (
        '⏭ Not run yet: this cell needs make, histories["Adam"] (exercises 3 and 6). '
        "Run it again once that is done.\n"
    )
    assert shell.user_ns["value"] == 7, "what was there stays"
    assert shell.user_ns["model"] is ... and shell.user_ns["x"] is ...


def test_a_missing_name_or_key_waits_too(shell):
    shell.user_ns.update(histories={"SGD": []})
    _, out = run(shell, '%%needs nowhere histories["Adam"]\nprint("ran")')
    assert out.startswith('⏭ Not run yet: this cell needs nowhere, histories["Adam"]. Run')


def test_an_error_in_a_running_cell_is_the_cells_error(shell):
    shell.user_ns.update(make=answered)
    result, _ = run(shell, "%%needs make\nmake(None)")
    assert isinstance(result.error_in_exec, TypeError)


# --- the guard around check calls ------------------------------------------------------


def test_a_check_call_with_a_missing_input_says_not_yet(shell):
    shell.run_cell("def check_answer(answer):\n    print('judged', answer)")
    result, out = run(shell, "check_answer(never_made)")
    assert result.success, "the cell does not fail"
    assert out.startswith("❌ Not yet: never_made is not there yet: it comes from an exercise")


def test_a_check_call_whose_input_fails_otherwise_says_not_yet(shell):
    shell.run_cell("def check_answer(answer):\n    print('judged', answer)\nhistory = ...")
    result, out = run(shell, "check_answer(history['val_acc'])")
    assert result.success
    assert out.startswith("❌ Not yet: the check's inputs could not be made (TypeError: ")


def test_a_check_call_with_its_inputs_runs_as_written(shell):
    shell.run_cell("def check_answer(answer):\n    print('judged', answer)")
    result, out = run(shell, "x = 41\ncheck_answer(x + 1)\nprint('after')")
    assert result.success and out == "judged 42\nafter\n"


def test_other_errors_stay_errors(shell):
    result, _ = run(shell, "answer = never_made")
    assert isinstance(result.error_in_exec, NameError)


def test_while_grading_a_missing_input_fails_the_cell_in_one_line(shell, monkeypatch):
    monkeypatch.setenv("NN_GRADING", "1")
    shell.run_cell("def check_answer(answer):\n    print('judged', answer)")
    with capture_output() as captured:
        result = shell.run_cell("check_answer(never_made)")
    assert type(result.error_in_exec).__name__ == "NotPassed"
    assert "❌ Not yet: never_made is not there yet" in captured.stdout
    assert "Traceback" not in captured.stdout


def test_registering_twice_guards_once(shell):
    exercises.load_ipython_extension(shell)
    assert sum(isinstance(t, exercises.GuardChecks) for t in shell.ast_transformers) == 1


def test_an_error_in_a_waiting_cell_shows_the_cells_code_not_the_magic(shell):
    shell.user_ns.update(make=answered)
    with capture_output() as captured:
        shell.run_cell("%%needs make\nvalue = make(None)")
    shown = re.sub(r"\x1b\[[0-9;]*m", "", captured.stdout)  # without the colours
    assert "----> 1 value = make(None)" in shown
    assert "nnhelpers" not in shown


def test_a_checks_call_of_the_students_code_displays_nothing(shell):
    from nnhelpers.checks.verdict import run_student

    shell.user_ns["run_student"] = run_student
    shell.run_cell("from IPython.display import display")
    with capture_output() as captured:
        shell.run_cell("run_student('f', display, 'hidden')\ndisplay('shown')")
    shown = [output.data["text/plain"] for output in captured.outputs]
    assert shown == ["'shown'"], "nothing from the student's call, then displays as usual"
