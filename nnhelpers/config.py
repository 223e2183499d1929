"""The course's two settings: the test switch and the data folder.

* ``NN_QUICK=1`` puts every notebook in the *test setting*: smaller data, fewer epochs.
  The test suite sets it; students and teachers leave it unset (full course setting).
  Notebooks read it as ``QUICK`` and use it in plain sight, e.g.
  ``n_epochs = 2 if QUICK else 40``.
* ``NN_DATA_DIR`` names the folder that holds downloaded datasets. By default it is
  ``data/`` at the root of the course checkout (or ``./data`` when ``nnhelpers`` is
  installed on its own, as on Colab).
"""

import os
from pathlib import Path

QUICK_VARIABLE = "NN_QUICK"
DATA_VARIABLE = "NN_DATA_DIR"


def quick_from_environment() -> bool:
    """True when ``NN_QUICK`` is set to anything but ``""``, ``0``, ``false`` or ``no``."""
    return os.environ.get(QUICK_VARIABLE, "").strip().lower() not in ("", "0", "false", "no")


QUICK: bool = quick_from_environment()

REPO_ROOT: Path = Path(__file__).resolve().parent.parent


def in_course_checkout() -> bool:
    """True when this package sits inside a clone of the course repository."""
    return (REPO_ROOT / "pyproject.toml").is_file()


def data_dir() -> Path:
    """The folder where datasets are downloaded to and read from."""
    if os.environ.get(DATA_VARIABLE):
        return Path(os.environ[DATA_VARIABLE]).expanduser().resolve()
    if in_course_checkout():
        return REPO_ROOT / "data"
    return Path.cwd() / "data"
