"""Each chart in words and as a table: the same figures a sighted reader sees, for screen readers and for
anyone who prefers rows (WCAG 1.1.1). Pure; the charts page shows them under each chart.

A ChartText's rows are plain text (the page escapes them); `records` are the records a keyboard can select
from the chart, in its order. Its words are said in the language spoken, and countries, groupings and cities named
in it (as the figures name them: charts/figures.py); the records' own words stay as the corpus writes them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from dashboard import names
from dashboard.charts.figures import (
    MEASURE_WORDS,
    coverage_counts,
    day_and_month,
    figure_value,
    membership_rows,
    topic_country_counts,
    tour_rows,
    when,
)
from dashboard.charts.units import shown_unit
from dashboard.corpus.memberships import status_label
from dashboard.corpus.model import TOPICS, Annotation, Figure
from dashboard.corpus.records import Corpus
from dashboard.i18n import format_number, ngettext, pgettext
from dashboard.i18n import gettext as _
from dashboard.labels import topic_label


@dataclass(frozen=True)
class ChartText:
    summary: str
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    records: list[Annotation] = field(default_factory=list)


def membership_text(records: list[Annotation], corpus: Corpus, today: dt.date) -> ChartText:
    """The timeline: one row per period (grouping, country, status, from, to), as the bars are drawn."""
    rows = membership_rows(records, corpus)
    if not rows:
        return ChartText(_("No membership periods with these filters."), ())
    by_status = Counter(status_label(r.status) for r in rows)
    countries, groupings = {r.country for r in rows}, {r.organization for r in rows}
    # Translators: each part carries its own case ("of 12 countries": "12 стран"; "in 4 groupings": "в 4 объединениях").
    summary = _("{periods} {countries} {groupings}, from 1991 to {today}: {statuses}.").format(
        periods=ngettext("{n} period", "{n} periods", len(rows)).format(n=format_number(len(rows))),
        countries=ngettext("of {n} country", "of {n} countries", len(countries)).format(n=format_number(len(countries))),
        groupings=ngettext("in {n} grouping", "in {n} groupings", len(groupings)).format(n=format_number(len(groupings))),
        today=when(today),
        statuses=", ".join(_("{n} {status}").format(n=format_number(n), status=label)
                           for label, n in by_status.most_common()))
    table = [(names.grouping(r.organization, corpus), names.country(r.country, corpus), status_label(r.status),
              when(r.date, r.date_precision) if r.date else "",
              when(r.date_end, r.date_end_precision) if r.date_end else _("today"),
              _("unsettled") if r.unsettled else "") for r in rows]
    columns = (_("grouping"), _("country"), _("status"), pgettext("period", "from"), pgettext("period", "to"),
               _("note"))
    return ChartText(summary, columns, table, rows)


def tour_text(records: list[Annotation], corpus: Corpus) -> ChartText:
    """The tour day by day: each stop or call with whom was met and what was signed, then what was announced."""
    stops, events = tour_rows(records)
    if not stops and not events:
        return ChartText(_("No stops or announcements of the tour's days with these filters."), ())
    summary = ", ".join(_("{city} on {day}").format(city=names.city(s.city, corpus), day=day_and_month(s.date))
                        for s in stops)
    if summary and not summary.endswith("."):  # a day written with an abbreviation's point ('28 февр.') ends it
        summary += "."
    if events:
        summary += " " + ngettext("{n} announcement or agreement around it.",
                                  "{n} announcements or agreements around it.", len(events)).format(
            n=format_number(len(events)))
    table = [(when(s.date, s.date_precision), names.city(s.city, corpus), ", ".join(s.leaders),
              "; ".join(s.signed) or "—") for s in stops]
    table += [(when(e.date, e.date_precision), _("announced or agreed"), "", e.title) for e in events]
    columns = (_("date"), _("where"), _("met"), _("signed or announced"))
    return ChartText(summary.strip(), columns, table, [*stops, *events])


def topics_text(records: list[Annotation], corpus: Corpus) -> ChartText:
    """The heatmap: records (and excerpts) per topic and country, the largest first."""
    rec, exc = topic_country_counts(records)
    if not rec:
        return ChartText(_("No topics with these filters."), ())
    cells = sorted(rec.items(), key=lambda kv: (-kv[1], TOPICS.index(kv[0][0]), kv[0][1]))
    top = ", ".join(_("{topic} in {country} ({n})").format(topic=topic_label(t), country=names.country(c, corpus),
                                                            n=format_number(n)) for (t, c), n in cells[:3])
    summary = ngettext("{n} topic and country with records; the most: {top}.",
                       "{n} topics and countries with records; the most: {top}.", len(cells)).format(
        n=format_number(len(cells)), top=top)
    table = [(topic_label(t), names.country(c, corpus), str(n), str(exc.get((t, c), 0))) for (t, c), n in cells]
    return ChartText(summary, (_("topic"), _("country"), _("records"), _("excerpts")), table)


def numbers_text(records: list[Annotation], corpus: Corpus) -> ChartText:
    """The numbers the articles give, by what they measure, each with its unit and source."""
    figs = sorted((r for r in records if isinstance(r, Figure)), key=lambda f: (f.measure, -f.value))
    if not figs:
        return ChartText(_("No numbers with these filters."), ())
    measures = Counter(f.measure for f in figs)
    summary = ngettext("{n} number: {measures}.", "{n} numbers: {measures}.", len(figs)).format(
        n=format_number(len(figs)),
        measures=", ".join(_("{n} {measure}").format(n=format_number(n), measure=MEASURE_WORDS[m])
                           for m, n in sorted(measures.items())))
    table = [(MEASURE_WORDS[f.measure], f.title, figure_value(f), shown_unit(f.unit, f.value),
              corpus.sources[f.excerpts[0].source].label if f.excerpts else "—") for f in figs]
    return ChartText(summary, (_("measure"), _("what"), _("value"), _("unit"), _("source")), table, figs)


def coverage_text(records: list[Annotation], corpus: Corpus) -> ChartText:
    """Excerpts per article and topic, and each article's statements inside disagreements."""
    counts, disputes = coverage_counts(records)
    if not counts:
        return ChartText(_("No excerpts with these filters."), ())
    per_source = Counter()
    for (source, _topic), n in counts.items():
        per_source[source] += n
    summary = _("Excerpts per article, counted once per topic: {counts}.").format(counts=", ".join(
        f"{corpus.sources[s].label} {format_number(per_source[s])}" for s in corpus.sources if per_source[s]))
    table = [(corpus.sources[s].label, topic_label(t), str(counts[(s, t)]), str(disputes.get(s, 0)))
             for s in corpus.sources for t in TOPICS if counts.get((s, t))]
    columns = (_("article"), _("topic"), _("excerpts"), _("statements in disagreements"))
    return ChartText(summary, columns, table)


def chart_text(key: str, records: list[Annotation], corpus: Corpus, today: dt.date) -> ChartText:
    """The words and the table of the chart `key` (the charts page's keys); ValueError for another."""
    if key == "membership":
        return membership_text(records, corpus, today)
    makers = {"tour": tour_text, "topics": topics_text, "numbers": numbers_text, "coverage": coverage_text}
    if key not in makers:
        raise ValueError(f"unknown chart {key!r}")
    return makers[key](records, corpus)
