"""The class view: how the class did on each check, and why every zero is a zero.

Read from nbgrader's gradebook (``gradebook.db``, through ``nbgrader.api.Gradebook``) and
from the autograded notebooks (``autograded/STUDENT/ASSIGNMENT/NAME.ipynb``), whose test
cells hold the check's "❌ Not yet" line. For each check: how many of the class passed it,
how many notebooks were not graded, and its most common "not yet". Then every student's
zeros with their reasons: the check's line (and the error of the exercise cell above it,
such as an endless loop interrupted), or why the notebook was not graded (not submitted,
a file that is not a notebook).
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry, Notebook

from tools.cells import CHECK_PREFIX
from tools.nbgrader.course import CONFIG


@dataclass
class Check:
    """One test cell of an assignment, and how the class did on it."""

    grade_id: str
    name: str
    passed: int = 0
    not_graded: int = 0
    reasons: Counter = field(default_factory=Counter)
    """How many students' test cells said each "not yet" (or other error)."""


def check_name(source: str, grade_id: str) -> str:
    """The check a test cell calls (``check_gradient``), or its grade id if none is seen."""
    for line in source.splitlines():
        if line.startswith(CHECK_PREFIX):
            return line.split("(")[0]
    return grade_id


def said(output: nbformat.NotebookNode) -> str | None:
    """What an output says went wrong, in one line; None for an output that is no error."""
    if output.output_type == "error":
        if output.ename == "NotPassed":
            return f"❌ Not yet: {output.evalue}"
        lines = output.evalue.strip().splitlines()
        return f"{output.ename}: {lines[0] if lines else 'no message'}"
    if output.output_type == "stream" and output.name == "stderr":
        return f"it wrote to stderr: {output.text.strip().splitlines()[0]}"
    return None


def errors(cell: nbformat.NotebookNode) -> list[str]:
    """What each error output of a code cell says (stderr counts: nbgrader takes it as one)."""
    return [line for output in cell.get("outputs", []) if (line := said(output))]


def test_cell_failures(path: Path) -> dict[str, tuple[str, str]]:
    """grade_id -> (what its test cell says, why in full) for every test cell of an
    autograded notebook that failed. In full, a "not yet" also names the error of an answer
    cell since the test cell before (an interrupted endless loop, say), if there was one."""
    failures: dict[str, tuple[str, str]] = {}
    answer_errors: list[str] = []
    for cell in nbformat.read(path, as_version=4).cells:
        marks = cell.metadata.get("nbgrader", {})
        if marks.get("solution") and errors(cell):
            answer_errors.append(f"{marks['grade_id']} ended with {errors(cell)[-1]}")
        if not marks.get("grade"):
            continue
        if errors(cell):
            line = errors(cell)[0]
            full = (
                f"{line} (its exercise cell {'; '.join(answer_errors)})"
                if (line.startswith("❌") and answer_errors)
                else line
            )
            failures[marks["grade_id"]] = (line, full)
        answer_errors = []
    return failures


def not_graded(course: Path, student: str, assignment: str, notebook: str) -> str:
    """Why a student's notebook has no autograded version."""
    submitted = course / "submitted" / student / assignment / f"{notebook}.ipynb"
    if not submitted.is_file():
        return f"not submitted (no {submitted.relative_to(course)})"
    try:
        nbformat.read(submitted, as_version=4)
    except (json.JSONDecodeError, nbformat.reader.NotJSONError) as error:
        return f"not graded: the submitted file is not a notebook ({str(error).splitlines()[0]})"
    except Exception as error:  # anything nbformat rejects
        return f"not graded: the submitted file is not a valid notebook ({type(error).__name__})"
    return "not graded: nbgrader autograde failed on it (see its log)"


def report(course: Path) -> str:
    """The class view of the nbgrader course directory ``course``, in Markdown."""
    lines: list[str] = []
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        students = sorted(student.id for student in gradebook.students)
        lines += [
            "# Class view",
            "",
            f"{len(students)} students in `{course / 'gradebook.db'}`. A check passed is one "
            "whose test cell got its points; the pass rate is over the whole class (a "
            "notebook not submitted or not graded counts as not passed).",
        ]
        for assignment in sorted(gradebook.assignments, key=lambda a: a.name):
            for notebook in assignment.notebooks:
                lines += notebook_view(course, gradebook, assignment.name, notebook, students)
    return "\n".join(lines) + "\n"


def checks_of(course: Path, assignment: str, notebook: Notebook) -> list[Check]:
    """The test cells of a notebook, in their order in its source notebook."""
    source = nbformat.read(course / "source" / assignment / f"{notebook.name}.ipynb", 4)
    graded = {cell.name for cell in notebook.grade_cells}
    return [
        Check(cell.metadata["nbgrader"]["grade_id"], check_name(cell.source, cell.id))
        for cell in source.cells
        if cell.metadata.get("nbgrader", {}).get("grade_id") in graded
    ]


def notebook_view(
    course: Path, gradebook: Gradebook, assignment: str, notebook: Notebook, students: list[str]
) -> list[str]:
    """The class view of one notebook: a table of its checks, then every zero's reason."""
    checks = checks_of(course, assignment, notebook)
    points = {cell.name: cell.max_score for cell in notebook.grade_cells}
    zeros: list[str] = []
    for student in students:
        try:
            submitted = gradebook.find_submission_notebook(notebook.name, assignment, student)
        except MissingEntry:
            submitted = None
        path = course / "autograded" / student / assignment / f"{notebook.name}.ipynb"
        if submitted is None or not path.is_file():
            why = not_graded(course, student, assignment, notebook.name)
            zeros.append(f"- `{student}`: {why}")
            for check in checks:
                check.not_graded += 1
            continue
        failed = test_cell_failures(path)
        scores = {grade.name: grade.score for grade in submitted.grades}
        for check in checks:
            if scores.get(check.grade_id) == points[check.grade_id]:
                check.passed += 1
            else:
                line, why = failed.get(check.grade_id, ("no points", "no points (no error seen)"))
                check.reasons[line] += 1
                zeros.append(f"- `{student}`, `{check.name}`: {why}")
    lines = [
        "",
        f"## {notebook.name}",
        "",
        '| check (grade id) | passed | pass rate | not graded | most common "not yet" (students) |',
        "|---|---|---|---|---|",
    ]
    for check in checks:
        common = check.reasons.most_common(1)
        common_line = f"{common[0][0]} ({common[0][1]})" if common else "-"
        rate = f"{check.passed / len(students):.0%}" if students else "-"
        lines.append(
            f"| `{check.name}` ({check.grade_id}) | {check.passed}/{len(students)} | {rate} "
            f"| {check.not_graded} | {common_line.replace('|', '/')} |"
        )
    lines += ["", "Zeros and their reasons:", "", *(zeros or ["- none"])]
    return lines


def is_course(directory: Path) -> bool:
    """True for an nbgrader course directory that has been graded (its config and gradebook)."""
    return (directory / CONFIG).is_file() and (directory / "gradebook.db").is_file()
