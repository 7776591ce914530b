"""Pure: an article's text as HTML with every annotated excerpt highlighted (all text escaped)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from dashboard import escape
from dashboard.corpus.records import Corpus, excerpt_key, version_key
from dashboard.frontend import static_page


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


# Where the article goes in static/app/reader.html.
TEXT_SLOT = '<div id="text"></div>'


def reader_document(text: str, marks: list[Highlight], focus: str | None) -> str:
    """A self-contained page (for an iframe) that scrolls to the focused excerpt: static/app/reader.{html,css,js}
    around the article's highlighted text."""
    body = build_reader_html(text, marks, focus)
    page = static_page("reader")
    if TEXT_SLOT not in page:  # an edited reader.html would otherwise drop the article without a word
        raise ValueError(f"static/app/reader.html has no {TEXT_SLOT}")
    page = page.replace(TEXT_SLOT, f'<div id="text">{body}</div>', 1)
    return f'<!doctype html><html><head><meta charset="utf-8"></head><body>{page}</body></html>'
