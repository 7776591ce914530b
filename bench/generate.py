"""Generate a synthetic corpus of N records that stays inside the schema.

    .venv/bin/python -m bench.generate N [--out FILE] [--seed S] [--check]

Records are clones of the real records in annotations.yaml with new ids and
varied fields: countries, dates, topics, figure values and, for located
records, a jittered coordinate kept inside the map region (the clone keeps the
original's `supports: location` reference). Excerpts are real verbatim quotes
from seeds/, drawn from the pool of quotes the curated corpus already uses, so
every quote still matches its seed. Organization and membership records are kept
as they are (never cloned): the organization vocabulary and the shading options
do not change, and the real periods already cover each grouping from its founding
day, so a cloned period would overlap one (the validator refuses that). The kind
mix of the clones follows the rest of the real corpus. A clone's dates are new
days, so it drops the references that state the original's dates and their
precision (a day, not a month or a year); a disagreement keeps the records it
concerns, whose facts its references name.

The file is written under bench/.cache/ by default; `--check` runs
`python -m dashboard.validate` on it.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import hashlib
import random
import re
import subprocess
import sys
from pathlib import Path

import yaml

from dashboard.corpus.codes import REGION_BOUNDS, REGION_COUNTRIES
from dashboard.corpus.model import EARLIEST_DATE, TOPICS

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(__file__).resolve().parent / ".cache"
SOURCE = ROOT / "annotations.yaml"
GENERATOR_VERSION = "2"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
# Central Asia and its neighbours, as drawn on the map (all valid codes).
MAPPED = sorted(REGION_COUNTRIES)
HOSTS = ["KZ", "KG", "TJ", "UZ", "TM", "AM", "BY"]
LATEST_DATE = dt.date(2024, 12, 31)
_DATE_LABELS = ("date", "start", "date_end", "end")


def _quote_pool(records: list[dict]) -> list[dict]:
    """Every (source, quote) the curated corpus uses: verbatim in seeds/ already."""
    pool = []
    for rec in records:
        for exc in rec.get("excerpts") or []:
            pool.append({"source": exc["source"], "quote": exc["quote"]})
        for version in rec.get("versions") or []:
            if version.get("excerpt"):
                pool.append({"source": version["excerpt"]["source"], "quote": version["excerpt"]["quote"]})
    return pool


def _date(rng: random.Random, start: dt.date = dt.date(1992, 1, 1), end: dt.date = LATEST_DATE) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _clone(base: dict, n: int, rng: random.Random, pool: list[dict]) -> dict:
    rec = copy.deepcopy(base)
    rid = f"{base['id'][:54]}-g{n}"
    assert _ID.match(rid), rid
    rec["id"] = rid
    rec["title"] = f"{base['title']} [synthetic {n}]"
    kind = rec["kind"]
    countries = rng.sample(MAPPED, rng.randint(1, 2))
    if kind == "military_site":
        rec["host"] = rng.choice(HOSTS)
        rec["countries"] = sorted({rec["host"], rec.get("operator", "RU").upper()})
    elif rec.get("countries"):
        rec["countries"] = countries
    rec["topics"] = rng.sample(list(TOPICS), rng.randint(1, 3))
    if rec.get("date"):
        rec["date"] = _date(rng, max(EARLIEST_DATE, dt.date(1992, 1, 1)))
        if rec.get("date_end"):
            rec["date_end"] = _date(rng, rec["date"])
    elif rec.get("date_end"):
        rec["date_end"] = _date(rng)
    rec.pop("date_precision", None)
    rec.pop("date_end_precision", None)
    if rec.get("references"):
        rec["references"] = [r for r in rec["references"] if r.get("supports") not in _DATE_LABELS]
    loc = rec.get("location")
    if loc:
        (south, west), (north, east) = REGION_BOUNDS
        loc["lat"] = round(min(north - 0.5, max(south + 0.5, loc["lat"] + rng.uniform(-4, 4))), 5)
        loc["lon"] = round(min(east - 0.5, max(west + 0.5, loc["lon"] + rng.uniform(-6, 6))), 5)
        assert any(r.get("supports") == "location" for r in rec.get("references") or []), rid
    if rec.get("excerpts") or not rec.get("references"):
        rec["excerpts"] = [dict(e) for e in rng.sample(pool, rng.randint(1, min(3, len(pool))))]
    if kind == "figure":
        rec["value"] = round(float(rec["value"]) * rng.uniform(0.5, 2.0), 3)
    return rec


def generate(n: int, seed: int = 2017, source: Path = SOURCE) -> dict:
    """A corpus of exactly n records: the real ones first, then clones of them."""
    data = yaml.load(source.read_text(encoding="utf-8"), Loader=_Loader)
    originals: list[dict] = data["records"]
    if n < len(originals):
        raise ValueError(f"n must be at least the {len(originals)} real records")
    rng = random.Random(seed)
    pool = _quote_pool(originals)
    cloneable = [r for r in originals if r["kind"] not in ("organization", "membership")]
    records = list(originals)
    for i in range(n - len(originals)):
        records.append(_clone(rng.choice(cloneable), i + 1, rng, pool))
    return {"version": data.get("version", 1), "records": records}


def corpus_path(n: int, seed: int = 2017) -> Path:
    """Cache file name: changes when the real corpus or the generator changes."""
    digest = hashlib.sha256(SOURCE.read_bytes() + GENERATOR_VERSION.encode()).hexdigest()[:10]
    return CACHE / f"corpus-{n}-s{seed}-{digest}.yaml"


def write(n: int, out: Path | None = None, seed: int = 2017) -> Path:
    """Write (or reuse) the corpus file for n records."""
    default = out is None
    out = out or corpus_path(n, seed)
    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    if default:
        # Older generations of the same size (the real corpus or the generator changed since).
        for old in out.parent.glob(f"corpus-{n}-s{seed}-*"):
            old.unlink()
    text = "# Synthetic benchmark corpus generated by bench/generate.py; do not edit.\n" + yaml.dump(
        generate(n, seed), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
    )
    tmp = out.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    return out


def validate(path: Path) -> subprocess.CompletedProcess:
    """The project's own CLI validator on the generated file."""
    return subprocess.run([sys.executable, "-m", "dashboard.validate", str(path)], cwd=ROOT,
                          capture_output=True, text=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--check", action="store_true", help="run the validator on the result")
    args = parser.parse_args(argv)
    path = write(args.n, args.out, args.seed)
    print(path)
    if args.check:
        result = validate(path)
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        return result.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
