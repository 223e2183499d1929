"""One call to make a notebook's random numbers repeatable (used in notebook 05)."""

import random

import numpy as np
import torch


def seed_everything(seed: int) -> None:
    """Seed Python's ``random``, NumPy, PyTorch (CPU and GPU) and, when installed, the
    ``stochastic`` package that andi-datasets draws its fractional Brownian motions from
    (``np.random.seed`` alone does not reach it)."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    try:
        import stochastic.random
    except ImportError:
        return
    stochastic.random.seed(seed)
