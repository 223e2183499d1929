"""The ``nbgrader_config.py`` of a course directory: nbgrader's settings for this course.

nbgrader reads it from the directory it is run in. Besides nbgrader's own settings it sets
the course's grading setting in the environment of nbgrader's process, which the kernels
it starts inherit: ``NN_GRADING=1`` (a check that says "not yet" fails its cell, so its test
cell gets no points) and, in the test setting, ``NN_QUICK=1`` (small data, few epochs; every
check still judges the same answers, on inputs it makes itself).
"""

from pathlib import Path

from tools import ROOT
from tools.nbgrader.source import CODE_STUB

COURSE_ID = "nn-with-pytorch"
TIMEOUT = 120
"""Seconds a cell may run before nbgrader interrupts it (an endless loop costs its cell)."""
COLLECT_REGEXP = r".*/(?P<student_id>[^/]+)_(?P<file_id>\d\d_[a-z0-9_]+)\.ipynb$"
"""How ``nbgrader zip_collect`` reads a student and a notebook from a file's path."""

TEMPLATE = '''"""nbgrader's settings for NN with PyTorch, written by `./course nbgrader`."""

import os
import sys

sys.path.insert(0, {root!r})  # the course checkout: tools.nbgrader.execute

from tools.nbgrader.execute import autograde_preprocessors  # noqa: E402

# The kernels nbgrader starts inherit these: a check that says "not yet" fails its cell.
os.environ["NN_GRADING"] = "1"
os.environ["NN_QUICK"] = {quick!r}

c = get_config()  # noqa: F821 (nbgrader provides it)
c.CourseDirectory.course_id = {course_id!r}
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))

# Release: nbgrader removes the solution region; the course's stub stays in its place.
c.ClearSolutions.code_stub = {{"python": {code_stub!r}}}

# Autograde: each cell may run {timeout} s, then it is interrupted and grading goes on;
# a kernel that dies fails the cells after it (tools.nbgrader.execute) instead of the notebook.
c.Execute.timeout = {timeout}
c.Execute.interrupt_on_timeout = True
c.Execute.error_on_timeout = {{
    "ename": "CellTimeoutError",
    "evalue": "this cell ran {timeout} s, the most a cell may run, and was interrupted",
    "traceback": ["CellTimeoutError: this cell ran {timeout} s and was interrupted"],
}}
c.Autograde.autograde_preprocessors = autograde_preprocessors()
# A check cell the student deleted comes back (after the answer cell above it), and is graded.
c.OverwriteCells.add_missing_cells = True

# zip_collect: the files in downloaded/ASSIGNMENT/archive/ (zip files or not) are named
# STUDENT_NOTEBOOK.ipynb, e.g. alice_01_autograd_basics.ipynb; change this to your LMS's names.
c.FileNameCollectorPlugin.named_regexp = {collect_regexp!r}
'''


def config_text(quick: bool, timeout: int = TIMEOUT, root: Path = ROOT) -> str:
    """The text of ``nbgrader_config.py``: the test setting if ``quick``, ``timeout`` seconds
    per cell, the course checkout at ``root``."""
    return TEMPLATE.format(
        root=str(root),
        quick="1" if quick else "0",
        course_id=COURSE_ID,
        code_stub=CODE_STUB,
        timeout=timeout,
        collect_regexp=COLLECT_REGEXP,
    )
