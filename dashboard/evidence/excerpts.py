"""A record's excerpts (pure): one quote as HTML, as every page that draws quotes in HTML shows it (a story step,
a disagreement's version in the panel, the story and the briefing file, the briefing's record cards); the
evidence panel's card as escaped markdown (st.markdown), in the same words; flat rows for the Data page's table;
and one page of the map page's excerpt list as plain data.

    excerpt_html(excerpt, corpus, href) -> '<div class="excerpt"><blockquote>“…”</blockquote><p><span>…</span> · …</p></div>'
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from dashboard import escape
from dashboard.corpus.model import Annotation, Excerpt
from dashboard.corpus.records import Corpus, all_excerpts, excerpt_key
from dashboard.evidence.facts import source_citation
from dashboard.query import link as vs

READ_IN_ARTICLE = "Read in the article ↗"


def reader_link(excerpt: Excerpt, key: str) -> str:
    """Relative link to the article reader, scrolled to one excerpt."""
    return vs.reader_href(excerpt.source, key)


def quote_text(excerpt: Excerpt) -> str:
    """An excerpt's words on one line, as every page shows them."""
    return " ".join(excerpt.quote.split())


def excerpt_html(excerpt: Excerpt, corpus: Corpus, href: str | None, cite: bool = False, tag: str = "div",
                 esc: Callable[[object], str] = escape.html, link_class: str = "", rel: str = "noopener",
                 marks: bool = True) -> str:
    """One quote in curly quotes (not `marks`: the story, whose quotes are its text, verbatim), then its article's
    label, with (`cite`: the briefing file, which stands alone) its outlet, author and date and the characters it
    spans, and a link to its place in the article (`href`, escaped here; None: no link). `esc` is
    escape.html_line where st.markdown shows it."""
    words = esc(quote_text(excerpt))
    source = corpus.sources[excerpt.source]
    bits = [f"<span>{esc(source.label)}</span>"]
    if cite:
        bits.append(esc(source_citation(source)))
        if excerpt.start is not None:
            bits.append(f"characters {excerpt.start}–{excerpt.end}")
    if href:
        cls = f' class="{link_class}"' if link_class else ""
        bits.append(f'<a{cls} href="{esc(href)}" target="_blank" rel="{rel}">{READ_IN_ARTICLE}</a>')
    return (f'<{tag} class="excerpt"><blockquote>{f"“{words}”" if marks else words}</blockquote>'
            f'<p>{" · ".join(bits)}</p></{tag}>')  # styled as `.excerpt > p` and `.excerpt > p > span` (no classes: a briefing holds hundreds)


def excerpt_card_md(excerpt: Excerpt, key: str, corpus: Corpus) -> str:
    """One quote with its source, citation and a link to its place in the article, as escaped markdown."""
    source = corpus.sources[excerpt.source]
    cite = escape.markdown(source_citation(source))
    return (f"> {escape.markdown(quote_text(excerpt))}\n\n"
            f"**{escape.markdown(source.label)}**  \n{cite}  \n"
            f"[{READ_IN_ARTICLE}]({reader_link(excerpt, key)}) · characters {excerpt.start}–{excerpt.end}")


def excerpt_rows(records: list[Annotation], corpus: Corpus) -> list[dict]:
    """Flat rows of every excerpt of some records (for lists and exports)."""
    rows = []
    for record in records:
        keyed = [(e, excerpt_key(record.id, i)) for i, e in enumerate(record.excerpts)]
        # Statements inside a disagreement are quoted too, but have no deep-link key of their own.
        keyed += [(e, None) for e in all_excerpts(record)[len(record.excerpts):]]
        for excerpt, key in keyed:
            rows.append({"record": record.id, "title": record.title, "source": corpus.sources[excerpt.source].label,
                         "quote": " ".join(excerpt.quote.split()), "characters": f"{excerpt.start}–{excerpt.end}",
                         "link": reader_link(excerpt, key) if key else None})
    return rows


def excerpt_list_data(records: list[Annotation], corpus: Corpus, page: int, page_size: int = 8) -> dict:
    """One page of the filtered records' excerpts as plain data (the list sets it as text, never as HTML)."""
    total = sum(len(r.excerpts) for r in records)
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)
    # Only the page's excerpts are visited (at 10,000 records a full list costs more than the rest of a rerun).
    rows = ((r, i, e) for r in records for i, e in enumerate(r.excerpts))
    cards = []
    for record, i, excerpt in itertools.islice(rows, (page - 1) * page_size, page * page_size):
        source = corpus.sources[excerpt.source]
        cards.append({
            "title": record.title, "disputed": record.id in corpus.disputed,
            "quote": " ".join(excerpt.quote.split()), "label": source.label, "cite": source_citation(source),
            "link": reader_link(excerpt, excerpt_key(record.id, i)), "start": excerpt.start, "end": excerpt.end,
        })
    return {"cards": cards, "page": page, "pages": pages, "size": page_size, "total": total}
