"""Small helpers shared by the *NN with PyTorch* notebooks.

The notebooks keep the code they teach in plain sight; this package holds only the
plumbing around it: where the data lives, drawing graphs and curves, timing, device
choice, seeding, widgets, exercise checks and the student-notebook generator.

Importing the package is cheap (no torch import); each submodule imports what it needs.
"""

from nnhelpers.config import QUICK, data_dir

__all__ = ["QUICK", "data_dir"]
