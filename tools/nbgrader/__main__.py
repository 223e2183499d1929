"""``python -m tools.nbgrader DIR`` and ``python -m tools.nbgrader report DIR``
(``./course nbgrader ...``)."""

import argparse
import sys
from pathlib import Path

from tools.nbgrader.course import make_course
from tools.nbgrader.report import is_course, report
from tools.nbgrader.settings import TIMEOUT


def make(argv: list[str]) -> int:
    """Write the nbgrader course directory; 1 if a file was left alone."""
    parser = argparse.ArgumentParser(
        prog="./course nbgrader",
        description="Write an nbgrader course directory (nbgrader_config.py, source/) made "
        "from solutions/; then run nbgrader in it. './course nbgrader report DIR' writes the "
        "class view of a graded one.",
    )
    parser.add_argument("directory", type=Path, help="the course directory (made if missing)")
    parser.add_argument(
        "--full",
        action="store_true",
        help="grade in the full course setting (default: the test setting, NN_QUICK=1)",
    )
    parser.add_argument(
        "--timeout",
        type=int,
        default=TIMEOUT,
        help=f"seconds a cell may run while grading (default {TIMEOUT})",
    )
    parser.add_argument("--force", action="store_true", help="overwrite files edited there")
    parser.add_argument("only", nargs="*", help="notebook name prefixes, e.g. 01 (default: all)")
    args = parser.parse_args(argv)
    outcome = make_course(args.directory, not args.full, args.timeout, args.force, args.only)
    for path in outcome.written:
        print(f"wrote {path}")
    for path in outcome.refused:
        print(f"{path} holds other content (edited?); left alone (--force overwrites it).")
    print(
        f"Next, with the course's .venv activated: cd {args.directory} && nbgrader "
        'generate_assignment NAME (README.md, "Grading with nbgrader").'
    )
    return 1 if outcome.refused else 0


def class_view(argv: list[str]) -> int:
    """Print (or write) the class view of a graded course directory; 1 if it is not one."""
    parser = argparse.ArgumentParser(
        prog="./course nbgrader report",
        description="The class view of a graded nbgrader course directory, in Markdown.",
    )
    parser.add_argument("directory", type=Path)
    parser.add_argument("--out", type=Path, help="write it to this file instead of printing it")
    args = parser.parse_args(argv)
    if not is_course(args.directory):
        print(
            f"{args.directory} has no nbgrader_config.py and gradebook.db: run "
            "'./course nbgrader DIR' and nbgrader autograde there first.",
            file=sys.stderr,
        )
        return 1
    text = report(args.directory.resolve())
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        print(text, end="")
    return 0


def main(argv: list[str] | None = None) -> int:
    """``report DIR`` writes the class view; anything else makes a course directory."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["report"]:
        return class_view(argv[1:])
    return make(argv)


if __name__ == "__main__":
    sys.exit(main())
