"""nnhelpers.checks.verdict: how a check speaks, and that it leaves the student's state alone."""

import random
import sys
import warnings

import numpy as np
import pytest
import torch
from torch import nn

from nnhelpers.checks.verdict import NotPassed, NotYet, check, run_student, runs


@check
def check_that_meddles(model, params, answer) -> str:
    """A check whose judging (or the student's code it calls) changes everything it can."""
    torch.manual_seed(123)
    np.random.seed(123)
    random.seed(123)
    with torch.no_grad():
        for p in [*model.parameters(), *params]:
            p.add_(1.0)
    model.eval()
    if answer != 42:
        raise NotYet("the answer is 42.")
    return "42 it is."


def test_a_check_leaves_rngs_models_and_parameters_as_they_were(printed):
    model = nn.Linear(3, 2)
    w = torch.zeros(2, requires_grad=True)
    weights = model.weight.detach().clone()
    torch.manual_seed(0), np.random.seed(0), random.seed(0)
    check_that_meddles(model, [w], 42)
    assert printed() == "✅ 42 it is."
    assert torch.equal(model.weight, weights) and torch.equal(w, torch.zeros(2))
    assert model.training
    after = (torch.rand(1).item(), np.random.rand(), random.random())
    torch.manual_seed(0), np.random.seed(0), random.seed(0)
    assert after == (torch.rand(1).item(), np.random.rand(), random.random())


def test_a_not_yet_prints_in_class_and_fails_the_cell_while_grading(printed, monkeypatch):
    model = nn.Linear(3, 2)
    check_that_meddles(model, [], 41)
    assert printed() == "❌ Not yet: the answer is 42."
    monkeypatch.setenv("NN_GRADING", "1")
    with pytest.raises(NotPassed, match="the answer is 42") as caught:
        check_that_meddles(model, [], 41)
    assert caught.value._render_traceback_() == ["❌ Not yet: the answer is 42."]
    check_that_meddles(model, [], 42)
    assert printed() == "✅ 42 it is."


def test_the_students_prints_and_warnings_stay_out_of_the_checks_output(capsys, recwarn):
    def noisy(x):
        print("debugging", x)
        print("to stderr", file=sys.stderr)
        warnings.warn("careful", stacklevel=1)
        return x + 1

    assert run_student("noisy(1)", noisy, 1) == 2
    assert capsys.readouterr() == ("", "")
    assert len(recwarn) == 0


def test_runs_tells_whether_the_students_code_raises_and_stays_quiet(capsys):
    def half(x):
        print("trying", x)
        return 1 / x

    assert runs(half, 2) and not runs(half, 0)
    assert capsys.readouterr() == ("", "")
