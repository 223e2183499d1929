"""nnhelpers.checks.values: a value in words, and whether it is one plain number."""

import numpy as np
import pytest
import torch

from nnhelpers.checks.values import describe, number
from nnhelpers.checks.verdict import NotYet


@pytest.mark.parametrize(
    "value, words",
    [
        (None, "None"),
        (..., "... (not answered yet)"),
        ("0.97", "a str ('0.97')"),
        ([1, 2], "a list of 2 items"),
        ((1,), "a tuple of 1 item"),
        (torch.zeros(3, 2), "a Tensor of shape (3, 2)"),
        (np.zeros(4), "a ndarray of shape (4,)"),
        (3.5, "a float"),
    ],
)
def test_values_are_described_for_a_hint(value, words):
    assert describe(value) == words


@pytest.mark.parametrize(
    "value", [3, 0.5, np.float32(0.5), np.int64(3), torch.tensor(0.5), torch.tensor([2.0])]
)
def test_plain_numbers_of_any_kind_are_numbers(value):
    assert number(value, "x") == float(value)


@pytest.mark.parametrize(
    "value, hint",
    [
        (True, "x is True, a yes or no"),
        (np.bool_(True), "it should be"),
        ("0.97", "x is a str ('0.97'): it should be one number"),
        (torch.tensor([1.0, 2.0]), "a Tensor of shape (2,)"),
        (torch.tensor(1.0, requires_grad=True) * 2, "still carries its graph"),
        ([0.5], "a list of 1 item"),
    ],
)
def test_anything_else_is_named(value, hint):
    with pytest.raises(NotYet) as caught:
        number(value, "x")
    assert hint in str(caught.value)
