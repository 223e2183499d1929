"""Small helpers shared by the *NN with PyTorch* notebooks.

The notebooks keep the code they teach in plain sight; this package holds only the
plumbing around it: where the data lives, drawing graphs and curves, timing, device
choice, seeding, the learning-rate explorer and the exercises' checks. It is all that
Colab installs; the maintainers' tools live in ``tools/`` of the course repository.

Importing the package is cheap (no torch import); each submodule imports what it needs.
``from nnhelpers import QUICK`` reads the test switch (``NN_QUICK``) at that moment.
Inside IPython, importing it also registers the ``%%needs`` cell magic and the guard
around check calls (``nnhelpers.exercises``).
"""

from typing import Any

from nnhelpers import exercises
from nnhelpers.config import data_dir, quick

__all__ = ["QUICK", "data_dir", "quick"]

exercises.register()


def __getattr__(name: str) -> Any:
    """``QUICK``: whether the notebook runs in the test setting, read when it is imported."""
    if name == "QUICK":
        return quick()
    raise AttributeError(f"module 'nnhelpers' has no attribute {name!r}")
