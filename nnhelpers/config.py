"""The course's two settings: the test switch and the data folder.

Both come from environment variables, read when asked for (not when this module is
imported) and handed on explicitly from there:

* ``NN_QUICK=1`` puts every notebook in the *test setting*: smaller data, fewer epochs.
  The test suite sets it; students and teachers leave it unset (the full course setting).
  Notebooks read it as ``QUICK`` (``from nnhelpers import QUICK``) and use it in plain
  sight, e.g. ``n_epochs = 2 if QUICK else 40``.
* ``NN_DATA_DIR`` names the folder that holds downloaded datasets. By default it is
  ``data/`` at the root of the course checkout (or ``./data`` when ``nnhelpers`` is
  installed on its own, as on Colab).
"""

import os
import sys
from collections.abc import Mapping
from pathlib import Path

QUICK_VARIABLE = "NN_QUICK"
DATA_VARIABLE = "NN_DATA_DIR"

TRUE_WORDS = frozenset({"1", "true", "yes", "y", "on"})
FALSE_WORDS = frozenset({"", "0", "false", "no", "n", "off"})


def quick(environ: Mapping[str, str] = os.environ) -> bool:
    """True in the test setting: ``NN_QUICK`` is ``1``, ``true``, ``yes``, ``y`` or ``on``.

    Unset, or ``0``, ``false``, ``no``, ``n``, ``off`` (any case), means the full course; any
    other value is reported on stderr and also means the full course.
    """
    value = environ.get(QUICK_VARIABLE, "").strip().lower()
    if value in TRUE_WORDS:
        return True
    if value not in FALSE_WORDS:
        print(
            f"{QUICK_VARIABLE}={environ[QUICK_VARIABLE]!r} is not a yes or a no: using the full "
            f"course setting. Set {QUICK_VARIABLE}=1 for the test setting, or unset it.",
            file=sys.stderr,
        )
    return False


def checkout_root() -> Path | None:
    """The course checkout this package sits in (its ``pyproject.toml`` beside it), or None
    when ``nnhelpers`` was installed on its own (as on Colab)."""
    root = Path(__file__).resolve().parent.parent
    return root if (root / "pyproject.toml").is_file() else None


def data_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """The folder where datasets are downloaded to and read from."""
    if environ.get(DATA_VARIABLE):
        return Path(environ[DATA_VARIABLE]).expanduser().resolve()
    root = checkout_root()
    return (root if root else Path.cwd()) / "data"
