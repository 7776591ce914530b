"""The time strip in a file (issue 29): the briefing and the published map carry the live strip read-only, the day
the file shows on a line from 1991 to the day it was made, with a tick at each change of the shaded grouping and
each of the tour's days (the live strip's ticks: dashboard/map/time_strip.py). Pure: no Streamlit.

    strip_html(snapshot) -> str    # escaped HTML; styled by static/app/file-strip.css (FILE_STYLES)
"""

from __future__ import annotations

import datetime as dt
import math

from dashboard import escape, i18n
from dashboard.downloads.snapshot import format_day, number
from dashboard.i18n import gettext as _
from dashboard.i18n import ngettext
from dashboard.map.time_strip import Tick, membership_changes, tour_days
from dashboard.query.filters import RANGE_START, select

MAX_LISTED = 100  # ticks whose words a file lists; the rest are counted


def _at(day: dt.date, first: dt.date, last: dt.date, digits: int = 2) -> str:
    """Where a day stands on the line, as a CSS percentage of its width ('72.80%')."""
    return f"{100 * (day - first).days / max(1, (last - first).days):.{digits}f}%"


# The axis's years are 10 px digits: about 6.4 px each (DejaVu Sans, the widest of the sans fonts a reader's system
# draws them in), with at least 4 px between two labels.
DIGIT_PX, LABEL_GAP_PX = 6.4, 4


def axis_room(places: list[tuple[float, int]]) -> int:
    """The narrowest axis, in px, on which none of its labels touches the next: `places` are (where on the line, 0 to
    1; characters) from left to right, the first label starting at its place, the last ending at its place, the rest
    centred on theirs (file-strip.css). Narrower, the strip leaves out the labels between the first and the last."""
    def offset(i: int, width: float) -> float:  # how far left of its place a label starts
        return 0.0 if i == 0 else width if i == len(places) - 1 else width / 2

    need = 0.0
    for i in range(len(places) - 1):
        (p, n), (q, m) = places[i], places[i + 1]
        w_i, w_j = n * DIGIT_PX, m * DIGIT_PX
        need = max(need, (w_i + LABEL_GAP_PX + offset(i + 1, w_j) - offset(i, w_i)) / max(q - p, 1e-9))
    return math.ceil(need)


def strip_ticks(snapshot) -> list[Tick]:
    """The strip's ticks for a snapshot: each change of its grouping among the memberships its filters keep on any
    day (none with the memberships layer off), then the tour's days; from 1991 to the day the file was made."""
    s = snapshot
    last = s.made.date()
    changes = []
    if "members" in s.layers:
        changes = membership_changes(select(s.corpus, s.view.filters, over_time=True), s.shade, s.corpus,
                                     RANGE_START, last)
    return sorted(changes + [t for t in tour_days(s.corpus) if RANGE_START <= t.day <= last],
                  key=lambda t: (t.day, t.kind != "change"))


def _years(first: dt.date, last: dt.date) -> list[tuple[int, dt.date]]:
    """The axis's labels: the first year, each decade at least four years before the last, the last (at `last`)."""
    years = [first.year, *range((first.year // 10 + 1) * 10, last.year - 3, 10)]
    return [(y, dt.date(y, 1, 1)) for y in years] + [(last.year, last)]


def strip_style(snapshot) -> str:
    """The strip's rule that depends on its years (for the file's stylesheet): on an axis too narrow for the decades
    between the first and the last year (a phone's frame, 320 to 390 px), only those two."""
    first, last = RANGE_START, snapshot.made.date()
    span = max(1, (last - first).days)
    room = axis_room([((d - first).days / span, len(str(y))) for y, d in _years(first, last)])
    return f"@container (max-width:{room - 1}px){{.fs-axis span+span:not(:last-child){{display:none}}}}"


def strip_html(snapshot) -> str:
    """The read-only strip: the day shown (a handle, which does not move) on a line from 1991 to the day the file was
    made, its ticks and the decades; the ticks' words in a list behind "Ticks" (the live strip's words)."""
    s = snapshot
    first, last, day = RANGE_START, s.made.date(), s.as_of
    ticks = strip_ticks(s)
    changes = [t for t in ticks if t.kind == "change"]
    what = (_("{org} memberships").format(org=s.org_short) if "members" in s.layers
            else _("Memberships (not shaded: the layer is off)"))
    # One mark per place on the line (a tenth of a percent): a large corpus's ticks would otherwise be thousands.
    places = dict.fromkeys((t.kind, _at(t.day, first, last, 1)) for t in ticks)
    marks = "".join(f'<span class="fs-tick {kind}" style="left:{at}"></span>' for kind, at in places)
    handle = f'<span class="fs-day" style="left:{_at(min(max(day, first), last), first, last)}"></span>'
    axis = "".join(f'<span style="left:{_at(d, first, last)}">{y}</span>' for y, d in _years(first, last))
    listed = "".join(f"<li>{escape.with_lang(t.words)}</li>" for t in ticks[:MAX_LISTED])
    if len(ticks) > MAX_LISTED:
        listed += ('<li class="more">' + _("and {n} more (the dashboard's time strip has them all)").format(
            n=number(len(ticks) - MAX_LISTED)) + "</li>")
    summary = (ngettext("{n} change of {org} membership", "{n} changes of {org} membership", len(changes)).format(
        n=number(len(changes)), org=escape.html(s.org_short)) if "members" in s.layers else _("no grouping shaded"))
    tours = sum(t.kind == "tour" for t in ticks)
    tour_days = ngettext("{n} tour day", "{n} tour days", tours).format(n=number(tours))
    words = _("{what} as of <b>{day}</b>, on a line from {first} to {last}, when this file was made").format(
        what=escape.html(what), day=escape.html(format_day(day)), first=first.year, last=escape.html(format_day(last)))
    label = _("{what} as of {day}").format(what=what, day=i18n.format_day(day))
    time_word, ticks_word = _("Time"), _("Ticks")
    return (f'<section class="file-strip" aria-label="{time_word}">'
            f'<p class="fs-words">{words}</p>'
            f'<p class="fs-when" aria-hidden="true">{escape.html(format_day(day))}</p>'
            f'<div class="fs-line" role="img" aria-label="{escape.html(label)}">'
            f'<div class="fs-rail">{marks}{handle}</div><div class="fs-axis">{axis}</div></div>'
            f'<details class="fs-list"><summary>{ticks_word}<span class="fs-count">: {summary}, '
            f"{tour_days}</span></summary><ol>{listed}</ol></details></section>")
