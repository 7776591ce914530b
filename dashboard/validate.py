"""Command line: check annotations.yaml against seeds/ and geodata/.

    python -m dashboard.validate [FILE] [--seeds DIR] [--geodata DIR]

Exits 0 when the corpus is clean, 1 with every problem listed otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.corpus import (
    DEFAULT_ANNOTATIONS,
    DEFAULT_GEODATA,
    DEFAULT_SEEDS,
    CorpusError,
    count_excerpts_by_source,
    load_corpus,
)


def main(argv: list[str] | None = None) -> int:
    """Run the validator; print a summary or every problem."""
    parser = argparse.ArgumentParser(prog="python -m dashboard.validate", description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_ANNOTATIONS)
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--geodata", type=Path, default=DEFAULT_GEODATA)
    args = parser.parse_args(argv)
    try:
        corpus = load_corpus(args.file, args.seeds, args.geodata)
    except CorpusError as exc:
        n = len(exc.problems)
        print(f"{args.file}: {n} problem{'s' if n != 1 else ''}", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    counts = count_excerpts_by_source(corpus)
    kinds: dict[str, int] = {}
    for record in corpus.records:
        kinds[record.kind] = kinds.get(record.kind, 0) + 1
    print(f"{args.file}: OK, {len(corpus.records)} records (corpus {corpus.version})")
    print("  by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    print("  excerpts by source: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
