"""What a story step shows, as escaped HTML (pure): its excerpts, its notes and its disagreements, for the
Story page; and every step on one page, each with a small map, for the overview.

Every string from the corpus, the articles or the story goes through `dashboard.escape.html` (text between tags through
`escape.with_lang`, so that English on a Russian page is marked lang="en"); links point only at the app's own pages
(the reader, the map) or at a reference's http(s) address (checked by the validator). The story's own words (its
headings and notes) are said in the language spoken (story/extract.py); its quotes never are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from dashboard import escape, i18n
from dashboard.corpus.model import Disagreement
from dashboard.corpus.records import Corpus
from dashboard.evidence.disagreement import Layout, disagreement_html
from dashboard.evidence.excerpts import excerpt_html
from dashboard.i18n import N_
from dashboard.i18n import gettext as _
from dashboard.story.extract import own
from dashboard.story.model import Step, Story, step_records
from dashboard.story.words import date_text, excerpt_href, heading_text, place_text

NOTE_KIND = N_("The dashboard’s words, not a quote")
# A disagreement's summary is the corpus's, in English: on a page in another language its label says so.
NOTE_KIND_CORPUS = N_("The dashboard’s words, not a quote (in English, as the corpus writes them)")


def _cites(rids: list[str], corpus: Corpus, record_href: Callable[[str], str]) -> str:
    links = [f'<a href="{escape.html(record_href(rid))}" target="_blank" rel="noopener">'
             f'{escape.with_lang(corpus.by_id[rid].title)}</a>' for rid in rids]
    return '<p class="cites">' + _("Summarises: {records}").format(records=" · ".join(links)) + "</p>"


def note_html(text: str, rids: list[str], corpus: Corpus, record_href: Callable[[str], str],
              corpus_words: bool = False) -> str:
    """Connecting text, marked as the dashboard's own, with the records it summarises (linked on the map). `text`
    as it is to be shown: a story's note already in the language spoken (extract.own), or with `corpus_words` a
    disagreement's summary as the corpus writes it (English: marked lang="en" on a page in another language, and
    its label says so)."""
    other = corpus_words and i18n.active() not in (i18n.DEFAULT, i18n.PSEUDO)
    kind = _(NOTE_KIND_CORPUS) if other else _(NOTE_KIND)
    words = escape.english("p", " ".join(text.split())) if other else f'<p>{escape.with_lang(" ".join(text.split()))}</p>'
    return (f'<aside class="note" aria-label="{escape.html(kind)}"><p class="kind">{escape.html(kind)}</p>'
            f'{words}{_cites(rids, corpus, record_href)}</aside>')


def step_disagreement_html(dis: Disagreement, corpus: Corpus, record_href: Callable[[str], str],
                           compact: bool = False) -> str:
    """A step's disagreement: both (or all) versions side by side, each saying what, on an article's word
    (its quote as the step's quotes are shown) or a public record's; then, unless `compact`, its summary as
    the dashboard's note."""
    after = (lambda d: "") if compact or not dis.summary else (
        lambda d: note_html(d.summary, [d.id], corpus, record_href, corpus_words=True))
    return disagreement_html(dis, corpus, Layout(summary=False, after=after, marks=False))


def step_body_html(step: Step, corpus: Corpus, record_href: Callable[[str], str], compact: bool = False) -> str:
    """A step's excerpts (each linked to its place in its article), its notes and its disagreements."""
    prefer = step_records(step)
    quotes = "".join(excerpt_html(e, corpus, excerpt_href(e, corpus, prefer), tag="li", marks=False) for e in step.excerpts)
    heading = escape.html(_("In the articles"))
    parts = [f'<h3 class="part">{heading}</h3><ol class="quotes">{quotes}</ol>']
    parts += [note_html(own(n.text), n.cites, corpus, record_href) for n in step.notes]
    parts += [step_disagreement_html(corpus.by_id[rid], corpus, record_href, compact) for rid in step.disagreements]
    return "".join(parts)


def step_html(number: int, step: Step, corpus: Corpus, record_href: Callable[[str], str]) -> str:
    """The Story page's words for one step, marked with its number (the page's tests and the navigation
    wait for it)."""
    return (f'<div class="story-words story-step" data-step="{number}" data-testid="story-step">'
            f"{step_body_html(step, corpus, record_href)}</div>")


def step_meta(number: int, total: int, step: Step, corpus: Corpus, today: dt.date) -> str:
    """'Step 3 of 9 · 27 Feb 2017 · Almaty, Kazakhstan' (plain text)."""
    when = date_text(step, today) or _("no date given")
    return _("Step {number} of {total} · {date} · {place}").format(
        number=number, total=total, date=when, place=place_text(step, corpus))


def overview_html(story: Story, corpus: Corpus, today: dt.date, record_href: Callable[[str], str],
                  story_href: Callable[[int], str], svgs: list[str], words: bool = True) -> str:
    """Every step on one page, each with its small map (`svgs`, already built and escaped) and, unless not
    `words` (a slide: the maps and headings only), its words."""
    cards = []
    total = len(story.steps)
    for number, (step, svg) in enumerate(zip(story.steps, svgs), start=1):
        meta = step_meta(number, total, step, corpus, today)
        cards.append(
            f'<article class="ov-step" id="step-{number}" aria-labelledby="ov-h-{number}">'
            f'<p class="meta">{escape.with_lang(meta)}</p>'
            f'<h2 id="ov-h-{number}"><a href="{escape.html(story_href(number))}" target="_self">'
            f'{escape.with_lang(heading_text(step))}</a></h2>'
            f'<div class="ov-map">{svg}</div>'
            f'{step_body_html(step, corpus, record_href, compact=True) if words else ""}</article>')
    slide = "" if words else " slide"
    return f'<div class="story-words story-overview{slide}">{"".join(cards)}</div>'
