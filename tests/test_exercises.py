"""nnhelpers.exercises: unanswered exercises, and the ``%%needs`` cell magic."""

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


@pytest.mark.parametrize(
    "value, unsolved",
    [
        (..., True),
        (stub, True),
        (stub_with_docstring, True),
        (passes, True),
        (answered, False),
        (forgot_return, False),
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
