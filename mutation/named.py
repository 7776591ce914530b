"""The mutants issue 19 named, written by hand (mutmut does not make these exact changes).

Each is applied to a copy of the tracked tree in a temporary folder, and the fast tests
(unit + AppTest) run there, all of them; the mutant is killed when a test fails, and the report
counts the tests that fail.

CI's quick run (`quick=True`) wants the verdict, not the count: it runs the tests written for the
mutated code first (`Mutant.tests`), then, only if they all pass, every fast test; each stops at
the first failure.

    .venv/bin/python -m mutation.named
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Mutant:
    name: str
    file: str
    old: str
    new: str
    tests: str  # the tests written for that code: the quick run tries them first


FAST = ("tests/unit", "tests/app")


NAMED = [
    Mutant("select ignores the organization facet", "dashboard/query/filters.py",
           "    for facet in FACETS:\n        if facet != skip:\n            mask &=",
           "    for facet in FACETS:\n        if facet != skip and facet != \"orgs\":\n            mask &=",
           "tests/unit/test_filters.py"),
    Mutant("membership status with an exclusive start day", "dashboard/corpus/memberships.py",
           "record.date is None or record.date <= on", "record.date is None or record.date < on",
           "tests/unit/test_memberships.py"),
    Mutant("the CSV export drops its quotes column", "dashboard/downloads/export.py",
           "writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)",
           "writer = csv.DictWriter(out, fieldnames=[c for c in CSV_COLUMNS if c != \"quotes\"], extrasaction=\"ignore\")",
           "tests/unit/test_outputs.py"),
    # Tolerates one differing word: "Su-26 combat planes" is then found where the article says "Su-25".
    Mutant("the quote check accepts a one-word near miss", "dashboard/corpus/quotes.py",
           "        at = self.normalised.find(needle)\n        if at < 0 or not needle:\n            return None\n"
           "        return self.offsets[at], self.offsets[at + len(needle) - 1] + 1",
           "        words = needle.split(\" \")\n"
           "        for i in range(-1, len(words)):\n"
           "            tried = \" \".join(re.escape(w) if j != i else r\"\\S+\" for j, w in enumerate(words))\n"
           "            found = re.search(tried, self.normalised) if needle else None\n"
           "            if found:\n"
           "                return self.offsets[found.start()], self.offsets[found.end() - 1] + 1\n"
           "        return None",
           "tests/unit/test_quotes.py"),
]


def _copy_tree(dest: Path) -> None:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for rel in filter(None, files.split("\0")):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    # Untracked inputs the tests read: Leaflet (make assets) and the pinned geodata tarball (geodata/.cache).
    for rel in ("dashboard/static/vendor", "geodata/.cache"):
        if (ROOT / rel).is_dir():
            shutil.copytree(ROOT / rel, dest / rel)


def _pytest(tree: Path, jobs: int = 1, paths: tuple[str, ...] = FAST, first: bool = False) -> subprocess.CompletedProcess:
    """Tests in the copy (the fast ones by default) on `jobs` pytest-xdist workers; `first`: stop at the first
    failure."""
    workers = ["-n", str(jobs)] if jobs > 1 else []
    stop = ["-x"] if first else []
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rf", *workers, *stop,
                           *paths], cwd=tree, capture_output=True, text=True)


def _first_failure(output: str) -> str:
    found = re.search(r"^FAILED (.+?)(?: - |$)", output, re.MULTILINE)
    return found.group(1) if found else ""


def _failures(output: str) -> str:
    """How many tests failed, and which (the first three)."""
    failed = re.findall(r"^FAILED (.+?)(?: - |$)", output, re.MULTILINE)
    shown = ", ".join(f"`{name}`" for name in failed[:3])
    return f"{len(failed)}: {shown}" + (", ..." if len(failed) > 3 else "")


def run_one(tree: Path, mutant: Mutant, jobs: int = 1, quick: bool = False,
            clean: Callable[[tuple[str, ...]], str] | None = None) -> dict:
    """Apply one mutant in the copy, run the fast tests, restore; its fate and the tests that failed.

    `quick`: its own tests first, then every fast test, each stopping at the first failure; `clean` says why
    a set of tests fails without the mutant ("" when they pass), asked before they count."""
    path = tree / mutant.file
    original = path.read_text(encoding="utf-8")
    if original.count(mutant.old) != 1:
        return {"name": mutant.name, "fate": "not applied (the code changed: update mutation/named.py)", "test": ""}
    for paths in ([(mutant.tests,), FAST] if quick else [FAST]):
        broken = clean(paths) if clean else ""  # on the tree without the mutant
        if broken:
            return {"name": mutant.name, "fate": f"error: the tests fail without a mutant ({broken})", "test": ""}
        path.write_text(original.replace(mutant.old, mutant.new), encoding="utf-8")
        try:
            proc = _pytest(tree, 1 if paths != FAST else jobs, paths, first=quick)
        finally:
            path.write_text(original, encoding="utf-8")
        if proc.returncode != 0:
            break
    fate = "killed" if proc.returncode == 1 else ("survived" if proc.returncode == 0 else f"error {proc.returncode}")
    return {"name": mutant.name, "fate": fate, "test": _failures(proc.stdout)}


def run_all(jobs: int = 1, quick: bool = False) -> list[dict]:
    """Every named mutant's fate, the tests run on `jobs` workers (`quick`: see the module's docstring)."""
    with tempfile.TemporaryDirectory(prefix="named-mutants-") as tmp:
        tree = Path(tmp)
        _copy_tree(tree)
        # A kill counts only if the same tests pass in the copy without the mutant: each set of tests is run
        # once without one, before its first use (the whole fast set, in a quick run, only if it is needed).
        checked: dict[tuple[str, ...], str] = {}

        def clean(paths: tuple[str, ...]) -> str:
            if paths not in checked:
                proc = _pytest(tree, jobs if paths == FAST else 1, paths)
                checked[paths] = "" if proc.returncode == 0 else _first_failure(proc.stdout) or f"exit {proc.returncode}"
            return checked[paths]

        out = []
        for mutant in NAMED:
            result = run_one(tree, mutant, jobs, quick, clean)
            print(f"[mutation] {result['name']}: {result['fate']} {result['test']}", flush=True)
            out.append(result)
        return out


if __name__ == "__main__":
    sys.exit(0 if all(r["fate"] == "killed" for r in run_all()) else 1)
