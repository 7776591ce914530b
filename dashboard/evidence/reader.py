"""Pure: an article's text as HTML with every annotated excerpt highlighted (all text escaped).

The article is the corpus's (English, never translated: marked lang="en" inside a page in another language); the
words around it, the info line's and the marks' titles, are the dashboard's own, in the language spoken."""

from __future__ import annotations

import json
from dataclasses import dataclass

from dashboard import escape
from dashboard.corpus.records import Corpus, excerpt_key, version_key
from dashboard.frontend import static_page
from dashboard.i18n import gettext as _


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
    supports_title = _("Supports: {titles}")
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
                     f'data-supports="{escape.html(supports)}" title="{escape.html(supports_title.format(titles=titles))}" '
                     f'tabindex="0">{escaped}</mark>')
    return "".join(parts)


# Where the article goes in static/app/reader.html, and the line above it that says what a click on a mark does.
TEXT_SLOT = '<div id="text"></div>'
INFO_SLOT = '<div id="info" role="status"></div>'


def reader_words() -> dict[str, str]:
    """The reader page's own words (static/app/reader.js): what the info line says of a mark."""
    return {"supports": _("This passage supports:"),
            # {title}: a record's title (the corpus's, English); {ref}: its id.
            "item": _("{title} (ref: {ref})")}


def reader_document(text: str, marks: list[Highlight], focus: str | None, lang: str = "en",
                    text_lang: str = "en") -> str:
    """A self-contained page (for an iframe) that scrolls to the focused excerpt: static/app/reader.{html,css,js}
    around the article's highlighted text.

    `lang`: the page's language (the dashboard's words); `text_lang`: the article's (the corpus's sources say it),
    marked on the text where it differs from the page's."""
    body = build_reader_html(text, marks, focus)
    page = static_page("reader", {"words": reader_words(), "lang": lang})
    for slot in (TEXT_SLOT, INFO_SLOT):
        if slot not in page:  # an edited reader.html would otherwise drop the article or its line without a word
            raise ValueError(f"static/app/reader.html has no {slot}")
    marked = f' lang="{escape.html(text_lang)}"' if text_lang != lang else ""
    page = page.replace(TEXT_SLOT, f'<div id="text"{marked}>{body}</div>', 1)
    info = escape.html(_("Highlighted passages are the excerpts behind the map. Click one to see what it supports."))
    page = page.replace(INFO_SLOT, f'<div id="info" role="status">{info}</div>', 1)
    return f'<!doctype html><html lang="{escape.html(lang)}"><head><meta charset="utf-8"></head><body>{page}</body></html>'
