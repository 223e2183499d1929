"""``python -m tools.students [--force] [PREFIX ...]`` (``./course students``)."""

import argparse
import sys
from pathlib import Path

from tools import ROOT, catalog
from tools.students.build import GeneratorError, build


def main(argv: list[str] | None = None) -> int:
    """Refresh solutions/, write notebooks/ (and the README's table of the notebooks), and say
    what was done; 1 if anything was refused."""
    parser = argparse.ArgumentParser(
        prog="./course students",
        description="Regenerate the student notebooks (notebooks/) from solutions/.",
    )
    parser.add_argument("--solutions", type=Path, default=ROOT / "solutions")
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks")
    parser.add_argument(
        "--force",
        action="store_true",
        help="overwrite student notebooks that were edited (a copy goes to notebooks/backup/)",
    )
    parser.add_argument("only", nargs="*", help="notebook name prefixes, e.g. 01 (default: all)")
    args = parser.parse_args(argv)
    try:
        outcome = build(args.solutions, args.notebooks, args.force, args.only)
    except GeneratorError as error:
        print(error, file=sys.stderr)
        return 1
    for path in outcome.written:
        print(f"wrote {path}")
    for path in outcome.backups:
        print(f"kept a copy of the student's version in {path}")
    for path in outcome.orphans:
        print(
            f"note: {path} has no solution notebook (was it renamed or deleted?); left alone.",
            file=sys.stderr,
        )
    for message in outcome.refused:
        print(message, file=sys.stderr)
    readme = ROOT / "README.md"
    if args.solutions == ROOT / "solutions" and not args.only:
        text = readme.read_text(encoding="utf-8")
        if (table := catalog.with_readme_table(text)) != text:
            readme.write_text(table, encoding="utf-8")
            print(f"wrote {readme} (its table of the notebooks, from tools/catalog.py)")
    print(f"{len(outcome.written)} file(s) written")
    return 1 if outcome.refused else 0


if __name__ == "__main__":
    sys.exit(main())
