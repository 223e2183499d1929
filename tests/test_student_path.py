"""The student's path: every student notebook run as a student meets it.

* **Unsolved**, as generated: every cell runs to the end without a traceback, every check
  says "not yet", every cell that waits for an answer says so, and every other cell shows
  its output.
* **Solved** with a catalogue of typical wrong answers (``wrong_answers.py``) tried first in
  each exercise: each check names the mistake, then, with the real solution typed in,
  passes, and the notebook runs to the end.
* **Offline in the full setting**: notebooks 02 and 03 run on the MNIST sample shipped with
  the course, with the network switched off, saying so once.
* The ``%%needs`` lines list every answer a cell uses (checked on the source, before any run).

All in the test setting (``NN_QUICK=1``, see conftest.py) but for the offline runs.
"""

import ast
import functools
import os

import nbformat
import pytest
from nbclient import NotebookClient
from student_support import error_of, one_line, run_notebook
from wrong_answers import CATALOGUE

from nnhelpers.exercises import assigned_names
from tools import catalog
from tools.cells import is_check, is_exercise, is_solution, needs_names, python_of, waits
from tools.students import stubs

STEMS = [notebook.stem for notebook in catalog.NOTEBOOKS]
ATTEMPTS = [
    (stem, exercise, answer)
    for stem, exercises in CATALOGUE.items()
    for exercise, answers in exercises.items()
    for answer in answers
]


def solution_of(stem: str) -> nbformat.NotebookNode:
    return nbformat.read(catalog.NOTEBOOKS[STEMS.index(stem)].solution(), as_version=4)


def student_path(stem: str):
    return catalog.NOTEBOOKS[STEMS.index(stem)].student()


@functools.cache
def unsolved(stem: str):
    return run_notebook(student_path(stem))


@functools.cache
def solved(stem: str):
    return run_notebook(student_path(stem), CATALOGUE.get(stem, {}), solution_of(stem))


# --- unsolved ------------------------------------------------------------------------------


@pytest.mark.parametrize("stem", STEMS)
def test_unsolved_notebook_runs_to_the_end_without_a_traceback(stem):
    assert unsolved(stem).errors == []


@pytest.mark.parametrize("stem", STEMS)
def test_unsolved_checks_say_not_yet_and_waiting_cells_say_so(stem):
    cells = unsolved(stem).cells
    checks = [one_line(c) for c in cells if is_check(c)]
    assert checks and all(line.startswith("❌ Not yet: ") for line in checks), checks
    assert not any("could not judge" in line for line in checks), checks
    for cell in filter(waits, cells):
        assert one_line(cell).startswith("⏭ Not run yet: this cell needs "), cell.source


@pytest.mark.parametrize("stem", STEMS)
def test_unsolved_teaching_cells_show_their_output(stem):
    stored = {c.id: c for c in solution_of(stem).cells}
    for cell in unsolved(stem).cells:
        if cell.cell_type != "code" or is_exercise(cell) or waits(cell) or is_check(cell):
            continue
        if stored[cell.id].outputs:
            assert cell.outputs, f"no output from {cell.source.splitlines()[0]!r}"


# --- solved, with wrong answers first --------------------------------------------------------


@pytest.mark.parametrize("stem", STEMS)
def test_solved_notebook_runs_and_every_check_passes(stem):
    run = solved(stem)
    assert run.errors == []
    checks = [one_line(c) for c in run.cells if is_check(c)]
    assert checks and all(line.startswith("✅ ") for line in checks), checks


@pytest.mark.parametrize(
    "stem, exercise, answer", ATTEMPTS, ids=[f"{s[:2]}-{e}-{a.label}" for s, e, a in ATTEMPTS]
)
def test_typical_answer_gets_the_right_verdict(stem, exercise, answer):
    (attempt,) = [a for a in solved(stem).attempts if a.exercise == exercise and a.answer is answer]
    line = attempt.line
    assert len(line.splitlines()) == 1, line
    if answer.says == "✅":
        assert line.startswith("✅ "), line
    else:
        assert line.startswith("❌ Not yet: ") and answer.says in line, line


@pytest.mark.parametrize("stem", STEMS)
def test_catalogue_has_six_wrong_and_four_correct_answers_per_exercise(stem):
    exercises = [
        c.id for c in nbformat.read(student_path(stem), as_version=4).cells if is_exercise(c)
    ]
    answers = {e: CATALOGUE.get(stem, {}).get(e, []) for e in exercises}
    wrong = {e: sum(a.says != "✅" for a in found) for e, found in answers.items()}
    correct = {e: sum(a.says == "✅" for a in found) for e, found in answers.items()}
    assert {e: n for e, n in wrong.items() if n < 6} == {}
    assert {e: n for e, n in correct.items() if n < 4} == {}


# --- the %%needs marks --------------------------------------------------------------------------


def unchecked_loads(cell) -> set[str]:
    """What a cell reads from before it, leaving out plain names handed to a check (checks
    handle ``...``)."""
    body = python_of(cell.source.partition("\n")[2] if waits(cell) else cell.source)
    tree = ast.parse(body)
    stored = {
        n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)
    }
    stored |= {a.arg for n in ast.walk(tree) if isinstance(n, ast.arguments) for a in n.args}
    names = stubs.loaded_names(body) - stored
    if is_check(cell):
        for node in ast.walk(ast.parse(body)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "").startswith("check_"):
                names -= {a.id for a in node.args if isinstance(a, ast.Name)}
                names -= {node.func.id}
    return names


@pytest.mark.parametrize("stem", STEMS)
def test_cells_that_use_answers_say_so(stem):
    """Every cell that reads a name an exercise (or a waiting cell) may leave as ``...``
    lists it in its ``%%needs`` line: an unsolved exercise never makes a cell fail."""
    cells = solution_of(stem).cells
    maybe_missing: set[str] = set()
    unmarked = {}
    for index, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        if is_solution(cell):
            needed = stubs.needed_from(cells, index)
            maybe_missing |= stubs.bound_names(cell.source, needed)
            continue
        missing = (unchecked_loads(cell) & maybe_missing) - needs_names(cell.source)
        if missing:
            unmarked[cell.source.splitlines()[0]] = sorted(missing)
        if waits(cell):
            maybe_missing |= set(assigned_names(python_of(cell.source)))
    assert unmarked == {}


# --- offline, in the full setting -----------------------------------------------------------------

NO_NETWORK = '''
"""Loaded by every Python started with this folder on PYTHONPATH: no network at all."""
import socket


def _refuse(*args, **kwargs):
    raise OSError("the network is switched off for this test")


socket.socket.connect = _refuse
socket.create_connection = _refuse
'''


@pytest.mark.parametrize("stem", [n.stem for n in catalog.NOTEBOOKS if n.offline_tested])
def test_full_setting_runs_offline_on_the_shipped_sample(stem, tmp_path):
    offline = tmp_path / "offline"
    offline.mkdir()
    (offline / "sitecustomize.py").write_text(NO_NETWORK, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "NN_QUICK"}
    env["NN_DATA_DIR"] = str(tmp_path / "no-data-here")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(offline), env.get("PYTHONPATH")]))
    nb = solution_of(stem)
    path = catalog.NOTEBOOKS[STEMS.index(stem)].solution()
    client = NotebookClient(nb, timeout=600, resources={"metadata": {"path": str(path.parent)}})
    client.execute(env=env)
    assert [error_of(c) for c in nb.cells if error_of(c)] == []
    stderr = [
        o["text"] for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stderr"
    ]
    notes = [text for text in stderr if "could not be downloaded" in text]
    assert len(notes) == 1 and "worse" in notes[0], stderr
    assert "(2,000 training and 500 test images)" in notes[0]
