"""The course's settings: the test switch, the grading switch, the threads and the data folder.

They come from environment variables, read when asked for (not when this module is
imported) and handed on explicitly from there:

* ``NN_QUICK=1`` puts every notebook in the *test setting*: smaller data, fewer epochs.
  The test suite sets it; students and teachers leave it unset (the full course setting).
  Notebooks read it as ``QUICK`` (``from nnhelpers import QUICK``) and use it in plain
  sight, e.g. ``n_epochs = 2 if QUICK else 40``.
* ``NN_GRADING=1`` is set by a grader (``tools.nbgrader``): a check that says "not yet"
  then fails its cell (raises), so that the grader gives its points only to a check that
  passes. In class, checks only print their verdict.
* ``NN_THREADS=n`` sets how many CPU threads torch uses (``nnhelpers.threads``); unset,
  the kernel uses as many as the CPUs it may use (its CPU quota on a hub included).
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
GRADING_VARIABLE = "NN_GRADING"
THREADS_VARIABLE = "NN_THREADS"

TRUE_WORDS = frozenset({"1", "true", "yes", "y", "on"})
FALSE_WORDS = frozenset({"", "0", "false", "no", "n", "off"})


def switch(variable: str, environ: Mapping[str, str], off_means: str) -> bool:
    """True when the environment variable ``variable`` says yes: ``1``, ``true``, ``yes``,
    ``y`` or ``on`` (any case). Unset, or ``0``, ``false``, ``no``, ``n``, ``off``, means no;
    any other value is reported on stderr (saying what no means: ``off_means``) and means no.
    """
    value = environ.get(variable, "").strip().lower()
    if value in TRUE_WORDS:
        return True
    if value not in FALSE_WORDS:
        print(
            f"{variable}={environ[variable]!r} is not a yes or a no: {off_means}. Set "
            f"{variable}=1 for yes, or unset it.",
            file=sys.stderr,
        )
    return False


def quick(environ: Mapping[str, str] = os.environ) -> bool:
    """True in the test setting (``NN_QUICK``, see ``switch``); no means the full course."""
    return switch(QUICK_VARIABLE, environ, "using the full course setting")


def grading(environ: Mapping[str, str] = os.environ) -> bool:
    """True while a grader runs the notebooks (``NN_GRADING``, see ``switch``)."""
    return switch(GRADING_VARIABLE, environ, "checks only print their verdict, as in class")


def threads(environ: Mapping[str, str] = os.environ) -> int | None:
    """The CPU threads ``NN_THREADS`` asks for (a whole number, at least 1), or None when it
    is unset; any other value is reported on stderr and means None."""
    value = environ.get(THREADS_VARIABLE, "").strip()
    if not value:
        return None
    if value.isdigit() and int(value) >= 1:
        return int(value)
    print(
        f"{THREADS_VARIABLE}={environ[THREADS_VARIABLE]!r} is not a number of threads (1, 2, "
        "...): using as many threads as the CPUs this kernel may use.",
        file=sys.stderr,
    )
    return None


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
