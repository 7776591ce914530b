"""Command line: check annotations.yaml against seeds/ and geodata/, its memberships
against the reference table in reference/, and the stories in stories/ against both.

    python -m dashboard.validate [FILE] [--seeds DIR] [--geodata DIR] [--reference DIR | --no-reference]
                                 [--story STORY ...]

Exits 0 when the corpus is clean, 1 with every problem listed otherwise. The reference
check runs by default on the project's own annotations.yaml (another FILE is checked
against a table only when --reference names one); so does the check of every story in
stories/ (another FILE: only the stories --story names).

It speaks English whatever language the caller's run speaks (a developer's tool: CI and the README read its
words); the app shows the same problems in its reader's language (ui/notices.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from dashboard import i18n
from dashboard.charts.units import units_unsaid
from dashboard.corpus.load import DEFAULT_ANNOTATIONS, DEFAULT_GEODATA, DEFAULT_SEEDS, load_corpus
from dashboard.corpus.problems import CorpusError
from dashboard.corpus.records import count_excerpts_by_source
from dashboard.corpus.reference import (
    DEFAULT_REFERENCE,
    compare,
    correction_problems,
    coverage_problems,
    load_corrections,
    load_reference,
    summarise,
)
from dashboard.story.load import DEFAULT_STORY, load_story


def main(argv: list[str] | None = None) -> int:
    """Run the validator, in English; print a summary or every problem."""
    with i18n.override(i18n.DEFAULT):
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.validate", description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_ANNOTATIONS)
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--geodata", type=Path, default=DEFAULT_GEODATA)
    parser.add_argument("--reference", type=Path, default=None,
                        help="folder with memberships.csv and sources.yaml (default: reference/ for the project's file)")
    parser.add_argument("--no-reference", action="store_true", help="skip the check against the reference table")
    parser.add_argument("--story", type=Path, action="append", default=None,
                        help="a story to check (default: every stories/*.yaml for the project's file)")
    args = parser.parse_args(argv)
    try:
        corpus = load_corpus(args.file, args.seeds, args.geodata)
    except CorpusError as exc:
        return _report(args.file, [str(p) for p in exc.problems])
    folder = args.reference or (DEFAULT_REFERENCE if args.file.resolve() == DEFAULT_ANNOTATIONS.resolve() else None)
    if folder is None or args.no_reference:
        checked = ("  memberships: not compared with a reference table"
                   + (" (--reference reference/ compares them)" if not args.no_reference else ""))
    else:
        today = dt.date.today()
        try:
            table = load_reference(folder)
            corrections = load_corrections(folder)
        except CorpusError as exc:
            return _report(folder, [str(p) for p in exc.problems])
        mismatches, compared = compare(corpus, table, today)
        problems = (coverage_problems(corpus, table) + summarise(mismatches)
                    + correction_problems(corpus, corrections, str(folder / "corrections.yaml")))
        if problems:
            return _report(args.file, problems, f"disagree with {folder}")
        checked = (f"  memberships: agree with {table.file} ({len(table.rows)} rows, {len(table.sources)} sources, "
                   f"last checked {table.checked}) on all {compared:,} country-days compared; "
                   f"{len(corrections)} corrections logged")
    own = args.file.resolve() == DEFAULT_ANNOTATIONS.resolve()
    stories = args.story if args.story is not None else (sorted(DEFAULT_STORY.parent.glob("*.yaml")) if own else [])
    told = []
    for path in stories:
        try:
            story = load_story(path, corpus)
        except CorpusError as exc:
            return _report(path, [str(p) for p in exc.problems])
        told.append(f"  {story.file}: {len(story.steps)} steps, {sum(len(s.excerpts) for s in story.steps)} excerpts "
                    f"verbatim, {sum(len(s.notes) for s in story.steps)} notes citing records")
    counts = count_excerpts_by_source(corpus)
    kinds: dict[str, int] = {}
    for record in corpus.records:
        kinds[record.kind] = kinds.get(record.kind, 0) + 1
    print(f"{args.file}: OK, {len(corpus.records)} records (corpus {corpus.version})")
    print("  by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    print("  excerpts by source: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print(checked)
    print("\n".join(told) if told else "  stories: none checked" + ("" if own else " (--story checks one)"))
    print(_units_said(corpus))
    return 0


def _units_said(corpus) -> str:
    """Whether every figure's unit has its words in each language the dashboard speaks (not an error: a unit the
    table lacks is shown as the corpus writes it)."""
    others = [lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT]
    unsaid = units_unsaid(corpus.records, others)
    if not unsaid:
        return f"  units: every figure's unit is said in {', '.join(others)}"
    listed = "; ".join(f"{unit!r} ({rid}, {lang})" for rid, unit, lang in unsaid)
    return (f"  units: {len(unsaid)} shown as the corpus writes them, with no words in a language: {listed} "
            f"(dashboard/charts/units.py)")


def _report(file: Path, problems: list[str], what: str = "") -> int:
    n = len(problems)
    print(f"{file}: {n} problem{'s' if n != 1 else ''}{' (' + what + ')' if what else ''}", file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
