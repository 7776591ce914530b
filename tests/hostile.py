"""A copy of the corpus whose every text field holds hostile strings (issue 12, case 3).

Titles, summaries, names, places, leaders, agendas, units, reference titles, publishers and quotes,
disagreement versions, and the articles' own descriptions in seeds/sources.yaml all carry PAYLOAD:
markdown, LaTeX, Streamlit's colour and icon directives, HTML and script. A sixth article holds it
in its text, and records quote it, so the reader's page meets it too. What must hold on every page:
the payload is shown as the characters it is, and nothing in it is interpreted.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import yaml

from dashboard.corpus.codes import COUNTRY_NAMES
from dashboard.labels import STATUS_LABELS

ROOT = Path(__file__).resolve().parent.parent
PAYLOAD = ("`x` $a$ and $b$ **b** __u__ [text](https://example.org) <b>bold</b> "
           "<img src=x onerror=window.__pwned=1> <script>window.__pwned=1</script> "
           "{{7*7}} ${1+1} ~~s~~ :red[c] :material/home: :smile: &amp; # h")
# Substrings that would only survive if the payload were interpreted as markup (or not escaped).
RAW_FRAGMENTS = ("`x`", "$a$", "**b**", "[text](https://example.org)", "<b>bold</b>", "<img src=x",
                 "<script>", ":material/home:", ":red[c]", ":smile:")
HOSTILE_SOURCE = "hostile-seed"
HOSTILE_QUOTE = "This article quotes " + PAYLOAD + " as its own words."

_TEXT_LISTS = ("leaders", "agenda", "signed", "units", "aircraft")
_TEXT = ("summary", "name", "city", "personnel", "unit")


def _text(mark: str) -> str:
    return f"{mark} {PAYLOAD}"


def _reference(ref: dict, mark: str) -> None:
    ref["title"] = _text(mark + "-ref")
    ref["publisher"] = _text(mark + "-pub")
    if ref.get("quote"):
        # The original first: a date reference's quote must still state its date.
        ref["quote"] = f"{ref['quote']} {PAYLOAD}"


def make_hostile_corpus(folder: Path) -> tuple[Path, Path]:
    """Write annotations.yaml and seeds/ under `folder`; returns (annotations, seeds_dir)."""
    seeds = folder / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    text = "Hostile article.\n\n" + HOSTILE_QUOTE + "\n"
    (seeds / "900_hostile.txt").write_text(text, encoding="utf-8")
    sources = yaml.safe_load((seeds / "sources.yaml").read_text(encoding="utf-8"))
    for i, source in enumerate(sources["sources"]):
        for key in ("title", "label", "outlet", "author", "translator", "note"):
            source[key] = _text(f"S{i}-{key}")
    sources["sources"].append({
        "id": HOSTILE_SOURCE, "file": "900_hostile.txt",
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "title": _text("S9-title"), "label": _text("S9-label"), "outlet": None, "author": None,
        "translator": None, "published": None, "language": "en",
    })
    (seeds / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True, sort_keys=False),
                                        encoding="utf-8")

    data = yaml.safe_load((ROOT / "annotations.yaml").read_text(encoding="utf-8"))
    shorts = {r["id"]: r["short"] for r in data["records"] if r["kind"] == "organization"}
    for n, record in enumerate(data["records"]):
        mark = f"R{n}"
        if record["kind"] == "membership":
            # The validator wants the country, the grouping and the status in a membership's title.
            record["title"] = (f"{COUNTRY_NAMES[record['country']]} {_text(mark)} in the "
                               f"{shorts[record['organization']]}: {STATUS_LABELS[record['status']]}")
        else:
            record["title"] = _text(mark)
        for key in _TEXT:
            if key in record and record[key] is not None:
                record[key] = _text(f"{mark}-{key}")
        for key in _TEXT_LISTS:
            if record.get(key):
                record[key] = [_text(f"{mark}-{key}{j}") for j, _ in enumerate(record[key])]
        if isinstance(record.get("location"), dict):
            record["location"]["place"] = _text(mark + "-place")
        for j, ref in enumerate(record.get("references") or []):
            _reference(ref, f"{mark}-{j}")
        for j, version in enumerate(record.get("versions") or []):
            version["says"] = _text(f"{mark}-says{j}")
            if version.get("reference"):
                _reference(version["reference"], f"{mark}-v{j}")
        if record["kind"] in ("visit_stop", "military_site", "event", "figure", "disagreement") and n % 3 == 0:
            record.setdefault("excerpts", []).append({"source": HOSTILE_SOURCE, "quote": HOSTILE_QUOTE})
    annotations = folder / "annotations.yaml"
    annotations.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return annotations, seeds
