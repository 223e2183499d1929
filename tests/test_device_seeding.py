import random

import numpy as np
import torch
from andi_datasets.datasets_theory import datasets_theory

from nnhelpers.device import pick_device
from nnhelpers.seeding import seed_everything


def test_pick_device_says_which(capsys):
    device = pick_device()
    expected = (
        "cuda"
        if torch.cuda.is_available()
        else "mps"
        if torch.backends.mps.is_available()
        else "cpu"
    )
    assert device.type == expected
    assert f"Using device '{expected}'" in capsys.readouterr().out


def test_pick_device_quiet(capsys):
    pick_device(verbose=False)
    assert capsys.readouterr().out == ""


def draws():
    return random.random(), np.random.rand(), torch.rand(1).item()


def test_seed_everything_repeats_python_numpy_torch():
    seed_everything(3)
    first = draws()
    seed_everything(3)
    assert draws() == first
    seed_everything(4)
    assert draws() != first


def test_seed_everything_makes_andi_datasets_repeatable():
    def make():
        return datasets_theory().create_dataset(T=50, N_models=5, exponents=[0.4], models=[0, 1, 2])

    seed_everything(0)
    first = make()
    seed_everything(0)
    assert np.array_equal(make(), first)
    np.random.seed(0)  # numpy alone does not reach the fBm generator of `stochastic`
    assert not np.array_equal(make(), first)
