"""Each chart in words and as a table: the same figures a sighted reader sees, for screen readers and for
anyone who prefers rows (WCAG 1.1.1). Pure; the charts page shows them under each chart.

A ChartText's rows are plain text (the page escapes them); `records` are the records a keyboard can select
from the chart, in its order.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from dashboard.charts.figures import coverage_counts, membership_rows, topic_country_counts, tour_rows
from dashboard.corpus.dates import format_date
from dashboard.corpus.memberships import status_label
from dashboard.corpus.model import TOPICS, Annotation, Figure
from dashboard.corpus.records import Corpus


@dataclass(frozen=True)
class ChartText:
    summary: str
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    records: list[Annotation] = field(default_factory=list)


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def membership_text(records: list[Annotation], corpus: Corpus, today: dt.date) -> ChartText:
    """The timeline: one row per period (grouping, country, status, from, to), as the bars are drawn."""
    rows = membership_rows(records, corpus)
    if not rows:
        return ChartText("No membership periods with these filters.", ())
    by_status = Counter(status_label(r.status) for r in rows)
    countries, groupings = {r.country for r in rows}, {r.organization for r in rows}
    summary = (f"{_plural(len(rows), 'period')} of {_plural(len(countries), 'country', 'countries')} in "
               f"{_plural(len(groupings), 'grouping')}, from 1991 to {format_date(today)}: "
               + ", ".join(f"{n} {label}" for label, n in by_status.most_common()) + ".")
    table = [(corpus.organizations[r.organization], corpus.countries.get(r.country, r.country), status_label(r.status),
              format_date(r.date, r.date_precision) if r.date else "",
              format_date(r.date_end, r.date_end_precision) if r.date_end else "today",
              "unsettled" if r.unsettled else "") for r in rows]
    return ChartText(summary, ("grouping", "country", "status", "from", "to", "note"), table, rows)


def tour_text(records: list[Annotation], corpus: Corpus) -> ChartText:
    """The tour day by day: each stop or call with whom was met and what was signed, then what was announced."""
    stops, events = tour_rows(records)
    if not stops and not events:
        return ChartText("No stops or announcements of the tour's days with these filters.", ())
    summary = (", ".join(f"{s.city} on {format_date(s.date)[:-5]}" for s in stops) + "." if stops else "")
    if events:
        summary += f" {_plural(len(events), 'announcement or agreement', 'announcements or agreements')} around it."
    table = [(format_date(s.date, s.date_precision), s.city, ", ".join(s.leaders), "; ".join(s.signed) or "—")
             for s in stops]
    table += [(format_date(e.date, e.date_precision), "announced or agreed", "", e.title) for e in events]
    return ChartText(summary.strip(), ("date", "where", "met", "signed or announced"), table, [*stops, *events])


def topics_text(records: list[Annotation], corpus: Corpus) -> ChartText:
    """The heatmap: records (and excerpts) per topic and country, the largest first."""
    rec, exc = topic_country_counts(records)
    if not rec:
        return ChartText("No topics with these filters.", ())
    cells = sorted(rec.items(), key=lambda kv: (-kv[1], TOPICS.index(kv[0][0]), kv[0][1]))
    top = ", ".join(f"{t} in {corpus.countries.get(c, c)} ({n})" for (t, c), n in cells[:3])
    summary = f"{_plural(len(cells), 'topic and country', 'topics and countries')} with records; the most: {top}."
    table = [(t, corpus.countries.get(c, c), str(n), str(exc.get((t, c), 0))) for (t, c), n in cells]
    return ChartText(summary, ("topic", "country", "records", "excerpts"), table)


def numbers_text(records: list[Annotation], corpus: Corpus) -> ChartText:
    """The numbers the articles give, by what they measure, each with its unit and source."""
    figs = sorted((r for r in records if isinstance(r, Figure)), key=lambda f: (f.measure, -f.value))
    if not figs:
        return ChartText("No numbers with these filters.", ())
    measures = Counter(f.measure for f in figs)
    summary = f"{_plural(len(figs), 'number')}: " + ", ".join(f"{n} {m}" for m, n in sorted(measures.items())) + "."
    table = [(f.measure, f.title, f"{f.value:,.0f}" if f.measure == "year" or f.value.is_integer() else f"{f.value:,}",
              f.unit, corpus.sources[f.excerpts[0].source].label if f.excerpts else "—") for f in figs]
    return ChartText(summary, ("measure", "what", "value", "unit", "source"), table, figs)


def coverage_text(records: list[Annotation], corpus: Corpus) -> ChartText:
    """Excerpts per article and topic, and each article's statements inside disagreements."""
    counts, disputes = coverage_counts(records)
    if not counts:
        return ChartText("No excerpts with these filters.", ())
    per_source = Counter()
    for (source, _), n in counts.items():
        per_source[source] += n
    summary = "Excerpts per article, counted once per topic: " + ", ".join(
        f"{corpus.sources[s].label} {per_source[s]}" for s in corpus.sources if per_source[s]) + "."
    table = [(corpus.sources[s].label, t, str(counts[(s, t)]), str(disputes.get(s, 0)))
             for s in corpus.sources for t in TOPICS if counts.get((s, t))]
    return ChartText(summary, ("article", "topic", "excerpts", "statements in disagreements"), table)


def chart_text(key: str, records: list[Annotation], corpus: Corpus, today: dt.date) -> ChartText:
    """The words and the table of the chart `key` (the charts page's keys); ValueError for another."""
    if key == "membership":
        return membership_text(records, corpus, today)
    makers = {"tour": tour_text, "topics": topics_text, "numbers": numbers_text, "coverage": coverage_text}
    if key not in makers:
        raise ValueError(f"unknown chart {key!r}")
    return makers[key](records, corpus)
