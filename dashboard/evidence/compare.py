"""What each source says about each subject, laid side by side: the compare-the-sources table.

Built from the corpus alone. A row is a record that some article speaks about (a stop, a site, a
border, a figure, an event, a grouping, a membership); the columns are the articles, in the
corpus's order, then the public record (the row's references). A new article is a new column
without any code.

Each article's cell is what it says (its first excerpt on the subject) and how that stands:

- ``differs``: the article's own words are a version in a disagreement about the subject that sets them
  against the public record; the cell names that disagreement (or those);
- ``agrees``: the record, which the public references back, quotes it, and nothing sets its words against
  the record (a version marked `agrees_with_record` included);
- ``not comparable``: the article is quoted, but no public reference covers the subject;
- ``silent``: the article does not speak about the subject.

The public record's cell is ``record``, or ``disputed`` where the references themselves disagree (a
disagreement in which no article's words are set against the record), naming that disagreement.
Every cell carries its reason in words, in the language spoken (dashboard/i18n.py); the quotes, the titles and
the articles' labels are the corpus's and stay as written (marked lang="en" on a page in another language). The
CSV's column names are machine-read and stay English; its verdicts and reasons are words, in the language spoken.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Literal

from dashboard import escape
from dashboard.corpus.model import KINDS, Annotation, Disagreement, Excerpt
from dashboard.corpus.records import Corpus, excerpt_key, version_key
from dashboard.i18n import N_, Words
from dashboard.i18n import gettext as _
from dashboard.labels import LIST_ORDER
from dashboard.query.link import reader_href

Verdict = Literal["agrees", "differs", "not comparable", "silent", "record", "disputed"]
# A verdict in words: the page's (long) and the CSV's (short, before the quote).
VERDICT_TEXT = Words({"agrees": N_("agrees with the record"), "differs": N_("differs from the record"),
                      "not comparable": N_("not comparable: no public record"), "silent": N_("silent"),
                      "record": N_("public record"), "disputed": N_("the public references disagree")})
# Translators: "silent": the article does not speak about the subject.
VERDICT_SHORT = Words({"agrees": N_("agrees"), "differs": N_("differs"), "not comparable": N_("not comparable"),
                       "silent": N_("silent"), "record": N_("public record"), "disputed": N_("disputed")})
RECORD_COLUMN = "record"
QUOTE_CHARS = 160


@dataclass(frozen=True)
class Cell:
    """One source's word on one subject."""

    source: str  # a source id, or RECORD_COLUMN
    verdict: Verdict
    quote: str | None = None  # short, whitespace collapsed
    excerpt: str | None = None  # the key of the excerpt in the reader (record.i or disagreement.vN)
    title: str | None = None  # the public record's title (record column)
    url: str | None = None
    reason: str = ""  # why the verdict, in words
    disagreements: tuple[str, ...] = ()  # the disagreements the verdict rests on (differs, disputed)


@dataclass(frozen=True)
class SubjectRow:
    """One subject: a record, and every source's cell about it."""

    record_id: str
    subject: str
    kind: str
    disagreements: tuple[str, ...]
    cells: tuple[Cell, ...]  # the articles in corpus order, then the public record

    @property
    def disputed(self) -> bool:
        return bool(self.disagreements)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS].rsplit(" ", 1)[0] + " …"


def _contradicting(disagreements: list[Disagreement]) -> set[str]:
    """The disagreements in which some article's words are set against the record."""
    return {d.id for d in disagreements
            if any(v.excerpt is not None and not v.agrees_with_record for v in d.versions)}


def _versions_by_source(disagreements: list[Disagreement]) -> dict[str, list[tuple[Excerpt, str, Disagreement, bool]]]:
    """For each source quoted in a version of these disagreements: its excerpts, their keys, their
    disagreement, and whether the version sets the words against the record."""
    out: dict[str, list[tuple[Excerpt, str, Disagreement, bool]]] = {}
    for dis in disagreements:
        for j, version in enumerate(dis.versions):
            if version.excerpt is not None:
                out.setdefault(version.excerpt.source, []).append(
                    (version.excerpt, version_key(dis.id, j), dis, not version.agrees_with_record))
    return out


def _overlap(a: Excerpt, b: Excerpt) -> bool:
    return (a.start is not None and b.start is not None and a.source == b.source
            and a.start < b.end and b.start < a.end)


def _unique(disagreements: list[Disagreement]) -> list[Disagreement]:
    return list({d.id: d for d in disagreements}.values())


def _quoted(title: str) -> str:
    """A disagreement's title in our quotation marks (“…” in English, «…» in Russian)."""
    # Translators: a disagreement's title (English, the corpus's) in your language's quotation marks.
    return _("“{title}”").format(title=title)


def _titles(disagreements) -> str:
    return "; ".join(_quoted(d.title) for d in disagreements)


# Why a cell differs, or the record is disputed: {disagreements} is the titles of the disagreements it names.
DIFFERS_WHY = N_("Its words are set against the public record in {disagreements}.")
DISPUTED_WHY = N_("The public references disagree among themselves in {disagreements}.")


def _differs(sid: str, quote: str, key: str, against: list[Disagreement]) -> Cell:
    return Cell(sid, "differs", _short(quote), key, reason=_(DIFFERS_WHY).format(disagreements=_titles(against)),
                disagreements=tuple(d.id for d in against))


def _cell(record: Annotation, sid: str, versions: list[tuple[Excerpt, str, Disagreement, bool]],
          covered: bool) -> Cell:
    """What one article says about one record, and how it stands against the record.

    `covered`: the record has public references of its own."""
    own = [(i, e) for i, e in enumerate(record.excerpts) if e.source == sid]
    for i, excerpt in own:
        # The article's own words on this subject are a version set against the record: they differ.
        against = _unique([d for v, _key, d, contra in versions if contra and _overlap(excerpt, v)])
        if against:
            return _differs(sid, excerpt.quote, excerpt_key(record.id, i), against)
    against_any = _unique([d for _excerpt, _key, d, contra in versions if contra])
    if own:
        i, excerpt = own[0]
        if covered:
            return Cell(sid, "agrees", _short(excerpt.quote), excerpt_key(record.id, i),
                        reason=_("The public record covers this subject, and no disagreement sets these words "
                                 "against it."))
        return Cell(sid, "not comparable", _short(excerpt.quote), excerpt_key(record.id, i),
                    reason=_("No public reference covers this subject."))
    if against_any:
        excerpt, key = next(v for v in versions if v[3])[:2]
        return _differs(sid, excerpt.quote, key, against_any)
    if versions:
        excerpt, key = versions[0][:2]
        return Cell(sid, "agrees", _short(excerpt.quote), key,
                    reason=_("The public record bears these words out."))
    return Cell(sid, "silent", reason=_("The article says nothing on this subject."))


def _record_cell(record: Annotation, disagreements: list[Disagreement]) -> Cell:
    """The public record on a subject: its own first quoted reference, else one from its disagreements;
    `disputed` where its references disagree among themselves."""
    refs = list(record.references) + [v.reference for d in disagreements for v in d.versions if v.reference]
    # A coordinate says least about what the articles claim: any other fact first.
    ref = next((r for r in refs if r.quote and r.supports != "location"),
               next((r for r in refs if r.quote), refs[0] if refs else None))
    if ref is None:
        return Cell(RECORD_COLUMN, "silent", reason=_("No public reference covers this subject."))
    contradicting = _contradicting(disagreements)
    among = [d for d in disagreements if d.id not in contradicting]
    if among:
        return Cell(RECORD_COLUMN, "disputed", _short(ref.quote or ""), None, ref.title, ref.url,
                    reason=_(DISPUTED_WHY).format(disagreements=_titles(among)),
                    disagreements=tuple(d.id for d in among))
    return Cell(RECORD_COLUMN, "record", _short(ref.quote or ""), None, ref.title, ref.url,
                reason=_("What {publisher} states.").format(publisher=ref.publisher or ref.title))


def compare_rows(records: list[Annotation], corpus: Corpus) -> list[SubjectRow]:
    """A row per record in `records` that an article speaks about; disputed rows first."""
    rows = []
    for record in records:
        if isinstance(record, Disagreement):
            continue
        against = list(corpus.disputes.get(record.id, ()))
        versions = _versions_by_source(against)
        if not record.excerpts and not versions:
            continue
        cells = [_cell(record, sid, versions.get(sid, []), bool(record.references)) for sid in corpus.sources]
        cells.append(_record_cell(record, against))
        rows.append(SubjectRow(record.id, record.title, record.kind, tuple(d.id for d in against), tuple(cells)))
    order = {k: i for i, k in enumerate(LIST_ORDER)}
    return sorted(rows, key=lambda r: (not r.disputed, order.get(r.kind, len(KINDS)), r.subject))


def compare_csv(rows: list[SubjectRow], corpus: Corpus) -> str:
    """The table as CSV: one row per subject, a column per article and one for the public record."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["subject", "ref", "disagreements", *(corpus.sources[s].label for s in corpus.sources),
                     "public record"])
    for row in rows:
        texts = []
        for cell in row.cells:
            if cell.verdict == "silent":
                texts.append(VERDICT_SHORT["silent"])
            elif cell.source == RECORD_COLUMN:
                disputed = f" [{cell.reason}]" if cell.verdict == "disputed" else ""
                texts.append(f"{cell.quote} ({cell.title} <{cell.url}>){disputed}")
            else:
                texts.append(f"{VERDICT_SHORT[cell.verdict]}: {cell.quote} [{cell.reason}]")
        writer.writerow([row.subject, row.record_id, ";".join(row.disagreements), *texts])
    return out.getvalue()


VERDICT_CLASS = {"agrees": "agrees", "differs": "differs", "not comparable": "nc", "silent": "silent",
                 "record": "record", "disputed": "disputed"}


def _why_html(cell: Cell, corpus: Corpus, subject_href) -> str:
    """The cell's reason; a disagreement it names is a link to it on the map."""
    if not cell.disagreements:
        return f'<span class="cmp-why">{escape.html(cell.reason)}</span>'
    why = _(DIFFERS_WHY if cell.verdict == "differs" else DISPUTED_WHY)
    # Translators: a disagreement's title (English, the corpus's) in your language's quotation marks.
    quoted = escape.html(_("“{title}”"))
    links = "; ".join(f'<a href="{escape.html(subject_href(d))}">'
                      f'{quoted.format(title=escape.with_lang(corpus.by_id[d].title))}</a>' for d in cell.disagreements)
    return f'<span class="cmp-why">{escape.html(why).format(disagreements=links)}</span>'


def compare_html(rows: list[SubjectRow], corpus: Corpus, subject_href) -> str:
    """The table as HTML (every corpus string escaped): a row per subject, a cell per source with its
    quote, its verdict in words and a link to the quote in the article; rows become cards when narrow.

    `subject_href(record_id)` gives the link to a subject on the map.
    """
    # The articles' labels and the subjects' titles are the corpus's: marked lang="en" on a Russian page.
    head = "".join(f'<th scope="col">{escape.with_lang(corpus.sources[s].label)}</th>' for s in corpus.sources)
    public = _("Public record")
    read, read_label = _("read in the article ↗"), _("read in the article: {source} on {subject}")
    disagree = escape.html(_("⚠ sources disagree"))
    body = []
    for row in rows:
        cells = []
        for cell in row.cells:
            name = corpus.sources[cell.source].label if cell.source in corpus.sources else public
            parts = [f'<span class="cmp-src">{escape.with_lang(name)}</span>',
                     f'<span class="cmp-verdict">{escape.html(VERDICT_TEXT[cell.verdict])}</span>']
            if cell.verdict in ("differs", "disputed"):
                parts.append(_why_html(cell, corpus, subject_href))
            if cell.quote:
                parts.append(f'<q>{escape.with_lang(cell.quote)}</q>')
            if cell.excerpt:
                # The visible words first: a speech-input user says what they see (WCAG 2.5.3).
                label = read_label.format(source=name, subject=row.subject)

                href = reader_href(cell.source, cell.excerpt)
                parts.append(f'<a href="{escape.html(href)}" target="_blank" rel="noopener" aria-label="{escape.html(label)}">'
                             f'{escape.html(read)}</a>')
            elif cell.url:
                parts.append(f'<a href="{escape.html(cell.url)}" target="_blank" rel="noopener noreferrer">'
                             f'{escape.with_lang(cell.title or cell.url)} ↗</a>')
            cells.append(f'<td class="cmp-{VERDICT_CLASS[cell.verdict]}">{"".join(parts)}</td>')
        flag = f' <span class="cmp-flag">{disagree}</span>' if row.disputed else ""
        subject = (f'<th scope="row"><a href="{escape.html(subject_href(row.record_id))}">'
                   f'{escape.with_lang(row.subject)}</a>{flag}</th>')
        body.append(f"<tr>{subject}{''.join(cells)}</tr>")
    caption = escape.html(_("What each article says, subject by subject, beside the public record"))
    subject_head = escape.html(_("Subject"))
    return (f'<table class="cmp"><caption class="cmp-caption">{caption}</caption><thead><tr>'
            f'<th scope="col">{subject_head}</th>{head}'
            f'<th scope="col">{escape.html(public)}</th></tr></thead><tbody>{"".join(body)}</tbody></table>')
