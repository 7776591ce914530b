"""Pure: records -> plotly Figures. Every mark carries its record id in customdata for on_select.

The figures' own words (titles, axes, legends, hover words, what a number measures) are said in the language spoken
(dashboard/i18n.py), and countries, groupings and cities are named in it (names.py), the topics as the filter panel
names them (labels.topic_label); the records' own words (titles, leaders, units) are as the corpus writes them. Dates and numbers
that plotly would write in English (its own formats) are written here and handed to the hover in customdata."""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections import Counter

import plotly.graph_objects as go
from babel.dates import format_date as _babel_date

from dashboard import escape, i18n, names
from dashboard.charts.units import shown_unit
from dashboard.corpus import clock
from dashboard.corpus.dates import MONTHS_EN_ABBR, Precision
from dashboard.corpus.memberships import status_label
from dashboard.corpus.model import TOPICS, Annotation, Disagreement, Event, Figure, Membership, VisitStop
from dashboard.corpus.records import Corpus, record_countries
from dashboard.i18n import N_, Words, format_compact_number, format_month, format_number, format_short_day
from dashboard.i18n import gettext as _
from dashboard.labels import topic_label
from dashboard.map.style import MEMBERSHIP_PATTERN, MEMBERSHIP_STYLE, PALETTE, PLOTLY_PATTERN
from dashboard.query.filters import TOUR_END, TOUR_START

FONT = dict(family="system-ui, sans-serif", size=13)
EMPTY_NOTE = N_("Nothing to show for these filters")
# What a number the articles give measures (model.Figure.measure: the schema's words, shown only by the charts).
MEASURE_WORDS = Words({"money": N_("money"), "people": N_("people"), "distance": N_("distance"), "share": N_("share"),
                       "duration": N_("duration"), "count": N_("count"), "year": N_("year")})


def _english() -> bool:
    return i18n.active() in (i18n.DEFAULT, i18n.PSEUDO)


def when(day: dt.date, precision: Precision = "day") -> str:
    """A date at its precision, in the language spoken: '27 Feb 2017', 'Jul 2019', '2019' (as corpus.dates
    format_date writes it in English); '27 февр. 2017 г.', 'июль 2019 г.' in Russian."""
    if precision == "year":
        return str(day.year)
    return format_month(day) if precision == "month" else format_short_day(day)


def day_and_month(day: dt.date) -> str:
    """A day of the tour without its year: '27 Feb', '27 февр.'."""
    if _english():
        return f"{day.day} {MONTHS_EN_ABBR[day.month - 1]}"
    return _babel_date(day, "d MMM", locale=i18n.active())


def figure_value(f: Figure) -> str:
    """A number the articles give, with the separators of the language spoken: '1,300', '1 300'; a year as it is
    written ('2042')."""
    if f.measure == "year":
        return f"{f.value:.0f}"
    if f.value.is_integer():
        return format_number(f.value)
    return format_number(f.value, len(f"{f.value:f}".rstrip("0").partition(".")[2]))


def membership_row_name(r: Membership, corpus: Corpus) -> str:
    """A timeline row's name: 'CSTO · Kazakhstan', 'ОДКБ · Казахстан'."""
    return f"{names.grouping(r.organization, corpus)} · {names.country(r.country, corpus)}"



TITLE_LINE = 34  # characters: a phone's chart holds about this many of a title's, at TITLE_SIZE
TITLE_SIZE = 16  # px
TITLE_LINE_PX = 22  # px: one line of the title
TOOLBAR_PX = 28  # px: plotly's toolbar, along the figure's top; the title starts under it
TICK_LINE = 24  # characters: a bar's or a row's name, wrapped to this many a line
TICK_LINE_PX = 16  # px: one line of a bar's or a row's name


def row_px(names: list[str]) -> int:
    """The height (px) a bar or a heatmap's row needs for the longest of `names` wrapped (wrapped): one line
    of it more than the bar's own 34 px took would lie on the next row's."""
    return max([34, *(TICK_LINE_PX * len(lines(n, TICK_LINE)) + 6 for n in names)])


def lines(text: str, width: int) -> list[str]:
    """`text` wrapped between words to lines of at most `width` characters (a longer word keeps its line)."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [text]


def wrapped(text: str, width: int = TICK_LINE) -> str:
    """`text` escaped for plotly and wrapped between words with <br> (lines): a row's or a bar's name that plotly
    would otherwise write on one line, running off a phone's chart on the left."""
    return "<br>".join(escape.plotly(line) for line in lines(text, width))


def _layout(fig: go.Figure, title: str, height: int = 420, extra_top: int = 0) -> go.Figure:
    """The figure's frame: its title wrapped to a phone's width (TITLE_LINE) under a strip kept for plotly's toolbar
    (on a phone its buttons lay on the title's words, and one line of title ran off the chart), the legend at the
    foot. `height` (px) is the plot's; the title's lines are added to it, and `extra_top` (px) between the title and
    the plot (the numbers chart's first panel title)."""
    title_lines = lines(title, TITLE_LINE)
    top = TOOLBAR_PX + TITLE_LINE_PX * len(title_lines) + 16 + extra_top
    total = height + top - 60  # the plot keeps the room it had under the old one-line title's 60 px
    # plotly sets a title's first line's baseline where y says, whatever its yanchor: a line's height under the strip.
    fig.update_layout(title=dict(text="<br>".join(title_lines), x=0, xanchor="left", yref="container",
                                 y=1 - (TOOLBAR_PX + TITLE_SIZE + 2) / total, yanchor="top", font=dict(size=TITLE_SIZE)),
                      font=FONT, height=total,
                      # The legend at the foot of the figure, not a share of the plot's height below it, where the
                      # x axis's title lay across it ("год", "date": a fresh reviewer).
                      margin=dict(l=10, r=10, t=top, b=40),
                      legend=dict(orientation="h", yref="container", y=0, yanchor="bottom"),
                      clickmode="event+select", separators=i18n.number_separators())
    return fig


def _empty(fig: go.Figure) -> go.Figure:
    fig.add_annotation(text=_(EMPTY_NOTE), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def membership_rows(records: list[Annotation], corpus: Corpus) -> list[Membership]:
    """The timeline's periods in its order: by grouping, country, then start."""
    return sorted((r for r in records if isinstance(r, Membership)),
                  key=lambda r: (names.grouping(r.organization, corpus), names.country(r.country, corpus), r.date))


def make_membership_timeline(records: list[Annotation], corpus: Corpus, today: dt.date | None = None) -> go.Figure:
    """Countries x organizations from 1991: member, observer, suspended ... periods as bars; the tour marked."""
    today = today or clock.today_in(None)
    rows = membership_rows(records, corpus)
    fig = go.Figure()
    for status, style in MEMBERSHIP_STYLE.items():
        sel = [r for r in rows if r.status.value == status]
        if not sel:
            continue
        starts = [r.date for r in sel]
        ends = [r.date_end or today for r in sel]
        label = status_label(status)
        fig.add_trace(go.Bar(
            name=label, orientation="h",
            y=[escape.plotly(membership_row_name(r, corpus)) for r in sel],
            base=[s.isoformat() for s in starts],
            x=[(e - s).days * 86400000 for s, e in zip(starts, ends)],
            marker=dict(color=style["fillColor"], opacity=min(1.0, style["fillOpacity"] + 0.35),
                        pattern=PLOTLY_PATTERN.get(MEMBERSHIP_PATTERN[status], {"shape": ""})),
            customdata=[[r.id, when(s, r.date_precision),
                         when(r.date_end, r.date_end_precision) if r.date_end else _("today"),
                         " " + _("⚠ unsettled") if r.unsettled else ""]
                        for r, s in zip(sel, starts)],
            hovertemplate="%{y}<br>" + _("{status}: {start} – {end}").format(
                status=label, start="%{customdata[1]}", end="%{customdata[2]}") + "%{customdata[3]}<extra></extra>",
        ))
    if not rows:
        return _layout(_empty(fig), _("Membership timeline"))
    fig.update_xaxes(type="date", title=_("year"), range=["1991-01-01", today.isoformat()])
    order = list(dict.fromkeys(escape.plotly(membership_row_name(r, corpus)) for r in rows))
    fig.update_yaxes(title=None, autorange="reversed", type="category", categoryorder="array", categoryarray=order)
    # A calendar date, not epoch milliseconds: plotly draws milliseconds in the reader's time zone, which
    # moved the line to 26 Feb 16:00 in Los Angeles (plotly.py #3065). A shape and an annotation at the
    # date string, since add_vline cannot place its annotation on a date axis.
    tour = TOUR_START.isoformat()
    fig.add_shape(type="line", x0=tour, x1=tour, xref="x", y0=0, y1=1, yref="paper",
                  line=dict(color=PALETTE["vermillion"], dash="dash", width=2))
    # Ending at the line: centred on it, near the axis's end, it ran off a phone's chart in Russian.
    fig.add_annotation(x=tour, y=1, xref="x", yref="paper", yanchor="bottom", xanchor="right", showarrow=False,
                       text=_("tour, {month}").format(month=format_month(TOUR_START)))
    n = len({(r.country, r.organization) for r in rows})
    # One row per country and grouping; a country's successive statuses share its row, end to end.
    fig.update_layout(barmode="overlay", bargap=0.25)
    # The tour's note stands above the plot, under the title: it touched the title's last line.
    return _layout(fig, _("Who belonged to which grouping, 1991 to today"), height=max(360, 22 * n + 140),
                   extra_top=SUBPLOT_TITLE_PX)


def tour_rows(records: list[Annotation]) -> tuple[list[VisitStop], list[Event]]:
    """The tour chart's points: the dated stops and calls, and the events of the tour's days (two before, one after)."""
    stops = [r for r in records if isinstance(r, VisitStop) and r.date]
    events = [r for r in records if isinstance(r, Event) and r.date
              and TOUR_START - dt.timedelta(days=2) <= r.date <= TOUR_END + dt.timedelta(days=1)]
    return stops, events


def tour_tick(day: dt.date) -> str:
    """A day on the tour chart's axis: 'Mon 27 Feb', 'пн 27 февр.' (bracketed in the pseudo-locale)."""
    if i18n.active() == i18n.PSEUDO:
        return i18n.pseudo(_babel_date(day, "EEE d MMM", locale="en"))
    return _babel_date(day, "EEE d MMM", locale=i18n.active())


def tour_point_label(stop: VisitStop, corpus: Corpus) -> list[str]:
    """A tour chart point's label, a line each: ours ('Stop 1', 'Остановка 1'; 'Not visited', 'Phone call'), then the
    last leader met as the corpus names them ('Nursultan Nazarbayev'; plotly's text cannot mark its language)."""
    if stop.status == "made":
        label = _("Stop {n}").format(n=stop.order)
    elif stop.status == "origin":
        label = _("{city}: start and end of the tour").format(city=names.city(stop.city, corpus))
    else:
        label = _("Phone call") if stop.status == "phone_call" else _("Not visited")
    return [label, stop.leaders[-1]] if stop.leaders else [label]


def make_tour_chart(records: list[Annotation], corpus: Corpus) -> go.Figure:
    """The tour day by day: stops, meetings and what was signed or announced."""
    stops, events = tour_rows(records)
    fig = go.Figure()
    if stops:
        fig.add_trace(go.Scatter(
            x=[s.date.isoformat() for s in stops], y=[escape.plotly(names.city(s.city, corpus)) for s in stops],
            # Over its point on two lines, what we call it and whom he met: on one, the labels ran off a phone's chart
            # ("Gurbanguly Berdymukhamedo").
            # Not clipped at the plot's edge: on a phone the first day's ran past it ("banguly Berdymukhamedov").
            mode="markers+text", name=_("stop or call"), textposition="top center", cliponaxis=False,
            text=["<br>".join(escape.plotly(line) for line in tour_point_label(s, corpus)) for s in stops],
            marker=dict(size=18, color=PALETTE["black"], symbol="circle"),
            customdata=[[s.id, escape.plotly(", ".join(s.leaders)), escape.plotly("; ".join(s.signed) or "—"),
                         escape.plotly(when(s.date, s.date_precision))] for s in stops],
            hovertemplate=_("{place}, {day}<br>met: {leaders}<br>signed: {signed}").format(
                place="%{y}", day="%{customdata[3]}", leaders="%{customdata[1]}", signed="%{customdata[2]}")
            + "<extra></extra>",
        ))
    if events:
        fig.add_trace(go.Scatter(
            x=[e.date.isoformat() for e in events], y=[escape.plotly(_("Announced / agreed"))] * len(events),
            mode="markers", name=_("announced or agreed"), marker=dict(size=14, color=PALETTE["orange"], symbol="diamond"),
            customdata=[[e.id, escape.plotly(e.title), escape.plotly(when(e.date, e.date_precision))] for e in events],
            hovertemplate="%{customdata[2]}: %{customdata[1]}<extra></extra>",
        ))
    if not stops and not events:
        return _layout(_empty(fig), _("The tour, day by day"))
    start = dt.datetime.combine(TOUR_START, dt.time()) - dt.timedelta(days=1.5)
    end = dt.datetime.combine(TOUR_END, dt.time()) + dt.timedelta(days=1.5)
    fig.update_xaxes(title=_("date"), type="date", dtick=86400000, tickformat="%a %-d %b",
                     range=[start.isoformat(), end.isoformat()])
    if i18n.active() != i18n.DEFAULT:
        # plotly names days and months in English: the ticks are written here in the language spoken.
        days = [TOUR_START + dt.timedelta(days=d) for d in range(-1, (TOUR_END - TOUR_START).days + 2)]
        fig.update_xaxes(tickmode="array", tickvals=[d.isoformat() for d in days], ticktext=[tour_tick(d) for d in days])
    fig.update_yaxes(title=None, type="category")
    # Rows ~50 px apart on a phone: a point's two lines of label stand between it and the row above.
    return _layout(fig, _("The tour, day by day: where Putin was, whom he met, what was agreed"), height=500)


def topic_country_counts(records: list[Annotation]) -> tuple[Counter, Counter]:
    """(records, excerpts) per (topic, country)."""
    rec: Counter = Counter()
    exc: Counter = Counter()
    for r in records:
        for topic in r.topics:
            for code in record_countries(r):
                rec[(topic, code)] += 1
                exc[(topic, code)] += len(r.excerpts)
    return rec, exc


def make_topic_country_heatmap(records: list[Annotation], corpus: Corpus) -> go.Figure:
    """How many records (and excerpts) each topic x country has."""
    rec, exc = topic_country_counts(records)
    fig = go.Figure()
    if not rec:
        return _layout(_empty(fig), _("Topics by country"))
    topics = [t for t in TOPICS if any(k[0] == t for k in rec)]
    codes = sorted({k[1] for k in rec}, key=lambda c: -sum(v for k, v in rec.items() if k[1] == c))
    z = [[rec.get((t, c), 0) for c in codes] for t in topics]
    fig.add_trace(go.Heatmap(
        z=z, x=[escape.plotly(names.country(c, corpus)) for c in codes], y=[escape.plotly(topic_label(t)) for t in topics],
        colorscale="Blues",
        colorbar=dict(title=dict(text=_("records"), side="right")),
        customdata=[[[f"{t}|{c}", exc.get((t, c), 0)] for c in codes] for t in topics],
        hovertemplate=_("{topic} · {country}: {records} records, {excerpts} excerpts").format(
            topic="%{y}", country="%{x}", records="%{z}", excerpts="%{customdata[1]}") + "<extra></extra>",
    ))
    fig.update_xaxes(title=_("country"))
    fig.update_yaxes(title=_("topic"), autorange="reversed")
    return _layout(fig, _("Topics by country: number of records (hover for excerpts)"), height=460)


SUBPLOT_TITLE_LINE = 30  # characters: a phone's chart holds about this many in a subplot's title
SUBPLOT_TITLE_PX = 20  # px: one line of a subplot's title


def _number_label(f: Figure) -> str:
    if f.measure == "year":
        return f"{f.value:.0f}"
    # Money in short words ('3.8B USD', '3,8 млрд долл. США'): written out, a bar's label ran off the chart in
    # Russian; the hover gives the number whole.
    number = format_compact_number(f.value, decimals=2) if f.measure == "money" else format_number(f.value)
    return f"{number} {shown_unit(f.unit, f.value)}"


def log_ticks(values: list[float], most: int = 3) -> dict:
    """A log axis's ticks at the powers of ten around `values`, in the language's short words ('10 млн', '1 млрд'),
    where plotly would write '10M', '1B' in every language; those outside the axis's range are not drawn. Over more
    than `most` powers of ten every other tick is named, the highest among them: Russian's words are twice as long as
    plotly's, and the narrow panel ran them together ('10 млрд100 млрд')."""
    positive = [v for v in values if v > 0]
    if not positive:
        return {}
    first, last = math.floor(math.log10(min(positive))), math.ceil(math.log10(max(positive)))
    step = 1 if last - first <= most else 2
    powers = range(first - 1, last + 2)
    return {"tickmode": "array", "tickvals": [10.0 ** k for k in powers],
            "ticktext": [format_compact_number(10.0 ** k) if (last - k) % step == 0 else "" for k in powers]}


def make_numbers_chart(records: list[Annotation], corpus: Corpus) -> go.Figure:
    """The numbers the articles give, one panel per thing measured, each bar with its source."""
    from plotly.subplots import make_subplots

    figs = [r for r in records if isinstance(r, Figure)]
    if not figs:
        return _layout(_empty(go.Figure()), _("The numbers the articles give"))
    measures = sorted({f.measure for f in figs})
    groups = [[f for f in figs if f.measure == m] for m in measures]
    titles = []
    for m, g in zip(measures, groups):
        # A panel's units as a heading names them: the form for many ('человек', 'лет'), one of each.
        units = escape.plotly(", ".join(sorted({shown_unit(f.unit.split(" (")[0], 5) for f in g})))
        said = MEASURE_WORDS[m].capitalize()
        title = (_("{measure} ({units}; log scale)").format(measure=said, units=units) if m == "money"
                 else f"{said} ({units})")
        # A long title (Russian's "логарифмическая шкала") is wrapped between words to a phone's width.
        titles.append("<br>".join(lines(title, SUBPLOT_TITLE_LINE)))
    heights = [sum(row_px([f.title]) for f in g) for g in groups]
    fig = make_subplots(rows=len(measures), cols=1, subplot_titles=titles,
                        row_heights=heights, vertical_spacing=0.45 / len(measures))
    # Each title ends at its panel's right edge and runs left over the bars' labels' column, not centred over the
    # panel, which long bar labels leave narrow (it ran off the chart's right edge, and off both edges on a phone).
    fig.update_annotations(x=1, xanchor="right", align="right")
    colors = [PALETTE[c] for c in ("blue", "vermillion", "green", "orange", "purple", "sky", "grey")]
    for i, (measure, sel) in enumerate(zip(measures, groups), start=1):
        fig.add_trace(go.Bar(
            name=measure, orientation="h", y=[wrapped(f.title) for f in sel], x=[f.value for f in sel],
            marker_color=colors[(i - 1) % len(colors)], text=[escape.plotly(_number_label(f)) for f in sel],
            textposition="auto", cliponaxis=False, showlegend=False,
            customdata=[[f.id, escape.plotly(corpus.sources[f.excerpts[0].source].label) if f.excerpts else "—", escape.plotly(shown_unit(f.unit, f.value)),
                         escape.plotly(figure_value(f))] for f in sel],
            hovertemplate=_("{what}<br>{value} {unit}<br>source: {source}").format(
                what="%{y}", value="%{customdata[3]}", unit="%{customdata[2]}", source="%{customdata[1]}")
            + "<extra></extra>",
        ), row=i, col=1)
        # Bars share an axis only within one measure; money mixes currencies, so it is log-scaled.
        if measure == "money":
            fig.update_xaxes(type="log", row=i, col=1, **log_ticks([f.value for f in sel]))
        else:
            # plotly's SI suffixes ("10k") are English: numbers written out, with the language's separators (a
            # year without them).
            fig.update_xaxes(type="linear", row=i, col=1, exponentformat="none", separatethousands=measure != "year",
                             range=[1990, 2050] if measure == "year" else None)
        fig.update_yaxes(autorange="reversed", row=i, col=1)
    fig.update_layout(bargap=0.25)
    # The first panel's title stands above the plot, under the chart's own (on a phone they ran together).
    return _layout(fig, _("The numbers the articles give, grouped by what they measure"),
                   height=max(420, sum(heights) + 90 * len(measures)),
                   extra_top=SUBPLOT_TITLE_PX * (titles[0].count("<br>") + 1))


def coverage_counts(records: list[Annotation]) -> tuple[Counter, Counter]:
    """(excerpts per (article, topic), statements per article inside disagreements)."""
    counts: Counter = Counter()
    disputes: Counter = Counter()
    for r in records:
        for e in r.excerpts:
            for topic in r.topics:
                counts[(e.source, topic)] += 1
        if isinstance(r, Disagreement):
            for v in r.versions:
                if v.excerpt:
                    disputes[v.excerpt.source] += 1
    return counts, disputes


def make_coverage_chart(records: list[Annotation], corpus: Corpus) -> go.Figure:
    """Which article speaks about what (excerpts per article and topic); disagreements counted apart."""
    counts, disputes = coverage_counts(records)
    fig = go.Figure()
    if not counts:
        return _layout(_empty(fig), _("Coverage by article"))
    topics = [t for t in TOPICS if any(k[1] == t for k in counts)]
    labels = {s: wrapped(corpus.sources[s].label) for s in corpus.sources}
    fig.add_trace(go.Heatmap(
        z=[[counts.get((s, t), 0) for t in topics] for s in corpus.sources],
        x=[escape.plotly(topic_label(t)) for t in topics], y=[labels[s] for s in corpus.sources], colorscale="Greens",
        # The bar's title along it: above it, wider than the bar, it ran off a phone's chart.
        colorbar=dict(title=dict(text=_("excerpts"), side="right")),
        customdata=[[[f"{s}|{t}", disputes.get(s, 0)] for t in topics] for s in corpus.sources],
        hovertemplate=_("{article}<br>{topic}: {excerpts} excerpts<br>statements in disagreements: {statements}").format(
            article="%{y}", topic="%{x}", excerpts="%{z}", statements="%{customdata[1]}") + "<extra></extra>",
    ))
    fig.update_xaxes(title=_("topic"))
    fig.update_yaxes(title=None, autorange="reversed")
    return _layout(fig, _("Coverage: excerpts per article and topic"),
                   height=max(380, 200 + len(corpus.sources) * row_px([s.label for s in corpus.sources.values()])))


def highlight(fig: go.Figure, record_id: str | None) -> go.Figure:
    """Show a record as selected: its bars or points stay, the rest are dimmed, as plotly shows a selection.

    Nothing changes when no mark in the figure is that record's (or nothing is selected).
    """
    if not record_id:
        return fig
    hits = []
    for trace in fig.data:
        custom = trace.customdata if trace.type in ("bar", "scatter") else None
        ids = [c[0] if c is not None and len(c) else None for c in custom] if custom is not None else []
        hits.append([i for i, rid in enumerate(ids) if rid == record_id])
    if any(hits):
        for trace, points in zip(fig.data, hits):
            if trace.type in ("bar", "scatter"):
                trace.selectedpoints = points
    return fig


def selected_record_ids(selection: dict | None) -> list[str]:
    """Record ids of the points a plotly on_select event picked."""
    points = ((selection or {}).get("selection") or {}).get("points") or []
    out = []
    for point in points:
        custom = point.get("customdata")
        if isinstance(custom, list) and custom and isinstance(custom[0], str) and "|" not in custom[0]:
            out.append(custom[0])
    return out
