"""A record's excerpts (pure): one quote as HTML, as every page that draws quotes in HTML shows it (a story step,
a disagreement's version in the panel, the story and the briefing file, the briefing's record cards); the
evidence panel's card as escaped markdown (st.markdown), in the same words; flat rows for the Data page's table;
and one page of the map page's excerpt list as plain data.

    excerpt_html(excerpt, corpus, href) -> '<div class="excerpt"><blockquote>“…”</blockquote><p><span>…</span> · …</p></div>'

The quotes, the articles' labels and their citations are the corpus's, verbatim; in HTML each run in another language
than the page's is marked (escape.with_lang: English quotes lang="en" on a Russian page). The dashboard's own words
("Read in the article ↗", "characters 120–180") are said in the language spoken.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from dashboard import escape, i18n
from dashboard.corpus.model import Annotation, Excerpt
from dashboard.corpus.records import Corpus, all_excerpts, excerpt_key
from dashboard.evidence.facts import source_citation
from dashboard.i18n import N_
from dashboard.i18n import gettext as _
from dashboard.query import link as vs
from dashboard.query.filter_panel import text_lang

READ_IN_ARTICLE = N_("Read in the article ↗")  # say it with gettext where it is shown
CHARACTERS = N_("characters {start}–{end}")


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
    words = escape.with_lang(quote_text(excerpt), esc)
    source = corpus.sources[excerpt.source]
    bits = [f"<span>{escape.with_lang(source.label, esc)}</span>"]
    if cite:
        bits.append(escape.with_lang(source_citation(source), esc))
        if excerpt.start is not None:
            bits.append(esc(_(CHARACTERS).format(start=excerpt.start, end=excerpt.end)))
    if href:
        cls = f' class="{link_class}"' if link_class else ""
        bits.append(f'<a{cls} href="{esc(href)}" target="_blank" rel="{rel}">{esc(_(READ_IN_ARTICLE))}</a>')
    quoted = _("“{text}”").format(text=words) if marks else words  # the language's own quotation marks
    return (f'<{tag} class="excerpt"><blockquote>{quoted}</blockquote>'
            f'<p>{" · ".join(bits)}</p></{tag}>')  # styled as `.excerpt > p` and `.excerpt > p > span` (no classes: a briefing holds hundreds)


def excerpt_card_md(excerpt: Excerpt, key: str, corpus: Corpus) -> str:
    """One quote with its source, citation and a link to its place in the article, as escaped markdown; the
    corpus's words marked in their language where it is not the page's (inline HTML: st.markdown shows it with
    unsafe_allow_html, and escape.markdown escapes HTML as well)."""
    source = corpus.sources[excerpt.source]
    cite = escape.with_lang(source_citation(source), escape.markdown)
    return (f"> {escape.with_lang(quote_text(excerpt), escape.markdown)}\n\n"
            f"**{escape.with_lang(source.label, escape.markdown)}**  \n{cite}  \n"
            f"[{escape.markdown(_(READ_IN_ARTICLE))}]({reader_link(excerpt, key)}) · "
            f"{escape.markdown(_(CHARACTERS).format(start=excerpt.start, end=excerpt.end))}")


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


def excerpt_list_words() -> dict:
    """The words the map page's excerpt list says itself (static/app/excerpt-list.js), in the language spoken."""
    return {
        "flag": _("⚠ sources disagree"), "read": _(READ_IN_ARTICLE), "characters": _(CHARACTERS),
        "pages": _("Pages of excerpts"), "prev": _("‹ Previous"), "prev_label": _("Previous page"),
        "next": _("Next ›"), "next_label": _("Next page"),
        "where": i18n.plural_words("{first}–{last} of {n} excerpt · page {page} of {pages}",
                                   "{first}–{last} of {n} excerpts · page {page} of {pages}"),
    }


def excerpt_list_data(records: list[Annotation], corpus: Corpus, page: int, page_size: int = 8) -> dict:
    """One page of the filtered records' excerpts as plain data (the list sets it as text, never as HTML), with
    the list's own words in the language spoken and, for each card, the language of the corpus's words where it
    is not the page's (`langs`: the script marks their elements)."""
    total = sum(len(r.excerpts) for r in records)
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)
    # Only the page's excerpts are visited (at 10,000 records a full list costs more than the rest of a rerun).
    rows = ((r, i, e) for r in records for i, e in enumerate(r.excerpts))
    cards = []
    for record, i, excerpt in itertools.islice(rows, (page - 1) * page_size, page * page_size):
        source = corpus.sources[excerpt.source]
        card = {
            "title": record.title, "disputed": record.id in corpus.disputed,
            "quote": " ".join(excerpt.quote.split()), "label": source.label, "cite": source_citation(source),
            "link": reader_link(excerpt, excerpt_key(record.id, i)), "start": excerpt.start, "end": excerpt.end,
        }
        card["langs"] = {part: lang for part in ("title", "quote", "label", "cite") if (lang := text_lang(card[part]))}
        cards.append(card)
    return {"cards": cards, "page": page, "pages": pages, "size": page_size, "total": total,
            "words": excerpt_list_words(), "lang": "en" if i18n.active() == i18n.PSEUDO else i18n.active()}
