"""Pure: an article's text as HTML with every annotated excerpt highlighted (all text escaped)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from dashboard import escape
from dashboard.corpus.load import Corpus
from dashboard.query.link import excerpt_key, version_key


@dataclass(frozen=True)
class Highlight:
    """One highlighted excerpt: where it is and what it supports."""

    start: int
    end: int
    key: str
    record_id: str
    record_title: str


def highlights_for(corpus: Corpus, source_id: str) -> list[Highlight]:
    """Every excerpt of one article, in text order: records' excerpts and disagreements' versions."""
    out = []
    for record in corpus.records:
        for i, excerpt in enumerate(record.excerpts):
            if excerpt.source == source_id and excerpt.start is not None:
                out.append(Highlight(excerpt.start, excerpt.end, excerpt_key(record.id, i), record.id, record.title))
        for j, version in enumerate(getattr(record, "versions", ())):
            excerpt = version.excerpt
            if excerpt is not None and excerpt.source == source_id and excerpt.start is not None:
                out.append(Highlight(excerpt.start, excerpt.end, version_key(record.id, j), record.id, record.title))
    return sorted(out, key=lambda m: (m.start, m.end))


def segments(text: str, marks: list[Highlight]) -> list[tuple[str, list[Highlight]]]:
    """Split text at every mark boundary; each piece with the marks covering it."""
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [m for m in marks if m.start <= a and b <= m.end]
        out.append((text[a:b], covering))
    return out


def build_reader_html(text: str, marks: list[Highlight], focus: str | None) -> str:
    """The article with <mark>s; the focused excerpt gets an id to scroll to."""
    parts = []
    anchored: set[str] = set()
    for piece, covering in segments(text, marks):
        escaped = escape.html(piece)
        if not covering:
            parts.append(escaped)
            continue
        keys = " ".join(m.key for m in covering)
        titles = "; ".join(dict.fromkeys(m.record_title for m in covering))
        cls = "hl focus" if focus and any(m.key == focus for m in covering) else "hl"
        ids = ""
        for m in covering:
            if m.key not in anchored:
                anchored.add(m.key)
                ids = f' id="x-{escape.html(m.key)}"'
                break
        supports = json.dumps([[m.record_id, m.record_title] for m in covering])
        parts.append(f'<mark class="{cls}"{ids} data-keys="{escape.html(keys)}" '
                     f'data-supports="{escape.html(supports)}" title="Supports: {escape.html(titles)}" '
                     f'tabindex="0">{escaped}</mark>')
    return "".join(parts)


READER_PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
body { font: 16px/1.6 Georgia, serif; color: #222; margin: 0; padding: 0 16px 16px; }
#text { white-space: pre-wrap; }
mark.hl { background: #fde9a9; cursor: pointer; border-radius: 2px; }
mark.hl:hover, mark.hl:focus { background: #f9d35c; outline: none; }
mark.focus { background: #ffb000; box-shadow: 0 0 0 2px #D55E00; }
#info { position: sticky; top: 0; background: #f4f7fb; border: 1px solid #c9d6e3; padding: 6px 10px;
  font: 13px/1.4 system-ui, sans-serif; margin-bottom: 8px; min-height: 18px; }
@media (prefers-color-scheme: dark) { body { background: #0e1117; color: #ddd; }
  #info { background: #1b2230; border-color: #334; } mark.hl { color: #111; } }
</style></head><body>
<div id="info" role="status">Highlighted passages are the excerpts behind the map. Click one to see what it supports.</div>
<div id="text">__TEXT__</div>
<script>
var info = document.getElementById("info");
function show(m) {
  var items = JSON.parse(m.getAttribute("data-supports"));
  info.textContent = "";
  var b = document.createElement("b"); b.textContent = "This passage supports: "; info.appendChild(b);
  items.forEach(function (it, i) {
    var s = document.createElement("span");
    s.textContent = (i ? "; " : "") + it[1] + " (ref: " + it[0] + ")";
    info.appendChild(s);
  });
}
document.querySelectorAll("mark.hl").forEach(function (m) {
  m.addEventListener("click", function () { show(m); });
  m.addEventListener("keydown", function (e) { if (e.key === "Enter") { show(m); } });
});
var focus = document.querySelector("mark.focus");
if (focus) { focus.scrollIntoView({block: "center"}); show(focus); }
</script></body></html>"""


def reader_document(text: str, marks: list[Highlight], focus: str | None) -> str:
    """A self-contained page (for an iframe) that scrolls to the focused excerpt."""
    return READER_PAGE.replace("__TEXT__", build_reader_html(text, marks, focus))
