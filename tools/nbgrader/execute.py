"""nbgrader's Execute, going on past a kernel that died: the cells after it fail, saying why.

nbgrader stops grading a notebook whose kernel dies (``os._exit``, a segfault, running out
of memory) and drops the whole submission, with the reason only in its log. Here the cell
that killed the kernel gets an error output saying so and every later code cell one saying
that it was not run, so autograde goes on: the checks that passed before keep their points,
the later ones get zero with a reason the student and the teacher can read.

``nbgrader_config.py`` (``tools.nbgrader.settings``) puts ``KeepGrading`` in place of
``Execute`` in ``Autograde.autograde_preprocessors``; ``Execute``'s settings (``timeout``,
``interrupt_on_timeout``) apply to it.
"""

from typing import Any

from nbclient.exceptions import DeadKernelError
from nbformat import NotebookNode
from nbgrader.converters import Autograde
from nbgrader.preprocessors import Execute

KERNEL_DIED = "KernelDied"
"""The ``ename`` of the error outputs written after the kernel died."""


def error_output(message: str) -> NotebookNode:
    """An error output whose one line is ``message``."""
    return NotebookNode(output_type="error", ename=KERNEL_DIED, evalue=message, traceback=[message])


class KeepGrading(Execute):
    """nbgrader's Execute; after the kernel dies, the remaining cells fail without running."""

    died_in: int | None = None
    """The number (from 1) of the code cell the kernel died in, None while it lives."""

    def preprocess(self, nb: NotebookNode, resources: Any = None, km: Any = None) -> Any:
        """Run the notebook with a live kernel to begin with."""
        self.died_in = None
        return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell: NotebookNode, resources: Any, index: int) -> Any:
        """Run ``cell``; if the kernel is dead or dies in it, give it an error output."""
        if cell.cell_type != "code":
            return cell, resources
        if self.died_in is not None:
            cell.outputs = [
                error_output(
                    f"Not run: the kernel died in code cell {self.died_in}, "
                    "so this cell could not run."
                )
            ]
            return cell, resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self.died_in = self.code_cell_number(index)
            cell.outputs.append(
                error_output(
                    f"The kernel died while running this cell (code cell {self.died_in}): "
                    "its code ended the Python process (os._exit, a crash, or no memory left)."
                )
            )
            return cell, resources

    def code_cell_number(self, index: int) -> int:
        """The number (from 1) of the code cell at ``index`` among the notebook's code cells."""
        return sum(cell.cell_type == "code" for cell in self.nb.cells[: index + 1])


def autograde_preprocessors() -> list[type]:
    """nbgrader's autograde steps, with ``KeepGrading`` in place of ``Execute``."""
    steps = Autograde.class_traits()["autograde_preprocessors"].default()
    return [KeepGrading if step is Execute else step for step in steps]
