"""What the dashboard shows, where its data comes from, and how far to trust each kind of mark."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard import escape
from dashboard.corpus.dates import format_date
from dashboard.corpus.records import Corpus
from dashboard.downloads.licences import GESTURE_TERMS, LEAFLET_TERMS, LICENCES
from dashboard.evidence.html import references_table_html
from dashboard.i18n import format_number, ngettext
from dashboard.i18n import gettext as _
from dashboard.map.assets import GESTURE_HANDLING, LEAFLET
from dashboard.map.geo import GEODATA_RESOLUTION
from dashboard.query import link as vs
from dashboard.ui import cached
from dashboard.ui.page import st_live
from dashboard.ui.session import reader_today
from dashboard.ui.tables import st_table

STREAMLIT_I18N_ISSUES = ("https://github.com/streamlit/streamlit/issues/1353",
                         "https://github.com/streamlit/streamlit/issues/15726")


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def st_record_check() -> None:
    """When and against what the membership record was last checked, and the corrections made since."""
    check = cached.get_record_check(reader_today())
    st.subheader(_("How the record is checked"), anchor=False)
    st.markdown(_bullets([
        _("Every excerpt is checked to be verbatim in its article, and every context fact to name a public "
          "reference whose label names the field it proves (a date reference must state that date, at the "
          "precision the record gives: a day, a month or a year)."),
        _("Dates known only to the month or year are shown that way (\"{example}\"), and a date filter "
          "includes them when its range overlaps that month or year.").format(
            example=format_date(dt.date(2019, 7, 1), "month")),
        _("Who belonged to what is checked against an independent table, `reference/memberships.csv`, built "
          "from public sources and kept apart from the corpus: each country's status in each grouping is "
          "computed with the map's own function on each grouping's founding day, 1 January 2000, 2010, 2020 "
          "and 2024, the tour's day, today, and the day of every change and the day before it."),
        _("Where the articles and the record differ, both are kept in a disagreement."),
    ]))
    if check is None:
        st.caption(_("This server runs another corpus than the project's own, so the reference table is not "
                     "compared."))
        return
    when = format_date(check.checked) if check.checked else _("never")
    # The problems and mismatches are corpus/reference.py's messages (file, line, ids, as the validator says them).
    if check.problems:
        st.error(_("The membership record could not be compared with the reference table:") + "\n\n"
                 + _bullets([escape.markdown(p) for p in check.problems]))
    elif check.mismatches:
        n = len(check.mismatches)
        st.warning(ngettext("The record disagrees with the reference table on {n} period:",
                            "The record disagrees with the reference table on {n} periods:", n).format(
                       n=format_number(n)) + "\n\n" + _bullets([escape.markdown(m) for m in check.mismatches]))
    else:
        st.success(ngettext(
            "Memberships last checked against their public sources on **{day}**: the corpus agrees with the "
            "reference table ({rows} rows, {sources} sources) on the {compared} country-day compared today.",
            "Memberships last checked against their public sources on **{day}**: the corpus agrees with the "
            "reference table ({rows} rows, {sources} sources) on all {compared} country-days compared today.",
            check.compared).format(day=when, rows=format_number(check.rows), sources=format_number(check.sources),
                                   compared=format_number(check.compared)), icon=":material/fact_check:")
    if check.log_problems:
        st.error(_("The corrections log has problems:") + "\n\n"
                 + _bullets([escape.markdown(p) for p in check.log_problems]))
    with st.expander(_("Corrections to the record ({n}, kept in `reference/corrections.yaml`)").format(
            n=format_number(len(check.corrections)))):
        said_as = {"was": _("Was:"), "now": _("Now:"), "why": _("Why:")}
        for c in check.corrections:
            # HTML, not markdown: the log quotes Russian sources, and their words say so (lang="ru"); on a Russian
            # page its English says so (lang="en"). The log's words are the corpus's: never translated.
            removed = (" (" + escape.html_line(_("removed: {records}").format(records=", ".join(c.removed))) + ")"
                       if c.removed else "")
            said = "<br>".join(f"<i>{escape.html_line(said_as[k])}</i> {escape.with_lang(v, escape.html_line)}"
                               for k, v in (("was", c.was), ("now", c.now), ("why", c.why)))
            st.markdown(f"<p><b>{format_date(c.date)}</b> · {escape.html_line(', '.join(c.records))}{removed}<br>"
                        f"{said}</p>", unsafe_allow_html=True)


def render(corpus: Corpus, view: vs.ViewState) -> None:
    st.header(_("About and sources"), anchor=False)
    st.markdown(
        _("This dashboard lays curated annotations from five articles over a map of Central Asia. The articles "
          "cover Vladimir Putin's visits to Kazakhstan, Tajikistan and Kyrgyzstan on 27–28 February 2017 and "
          "Russia's role in the region.") + "\n\n" + _bullets([
            _("**Article excerpts** are verbatim quotes; each links to its place in the article."),
            _("**Context facts** (coordinates, exact dates, membership dates) are not from the articles; each names "
              "the public record it comes from and is marked *context*."),
            _("**Disagreements** between articles, or with the record, are kept side by side, never resolved "
              "silently."),
            _("**Geodata**: {geodata}; border lengths are measured on the unsimplified lines, which are drawn lightly "
              "simplified. Crimea is drawn as Natural Earth 4.1.0 draws it, inside Russia's polygon (de facto "
              "control); its status is disputed, and this map takes no position on it.").format(
                geodata=escape.markdown(_(GEODATA_RESOLUTION))),
            _("**Distances** are geodesic, on the WGS84 ellipsoid (pyproj)."),
        ]))
    st_languages()
    st_record_check()
    st.subheader(_("The articles"), anchor=False)
    st_table([{"id": s.id, "title": s.title or "—", "outlet": s.outlet or "—", "author": s.author or "—",
               "published": s.published, "url": s.url or "—"} for s in corpus.sources.values()])
    refs = {}
    for record in corpus.records:
        for ref in record.references:
            refs.setdefault(ref.url, ref)
    st.subheader(_("Public references ({n})").format(n=format_number(len(refs))), anchor=False)
    st.markdown(references_table_html(list(refs.values())), unsafe_allow_html=True)
    st_licences()
    st.caption(_("Corpus version {version}. Leaflet {leaflet} and its gesture-handling plugin {gesture} are served by "
                 "the app, each file checked against its published sha256; nothing is loaded from another host.").format(
        version=corpus.version, leaflet=LEAFLET.version, gesture=GESTURE_HANDLING.version))


def st_languages() -> None:
    """Which words are translated (the dashboard's own) and which never are (the corpus's), and what cannot be
    (Streamlit's own menu)."""
    st.subheader(_("Languages"), anchor=False)
    st.markdown(_(
        "The dashboard's own words are in English and in Russian: its headings, labels, notices, legends, charts, "
        "the map's marks and the words of its downloads, with dates and numbers in each language's forms and "
        "countries, cities and groupings under their usual names. Choose the language at the top of the sidebar; a "
        "shared link keeps it (`lang=ru`). What the corpus says is never translated: the quotes and the articles are "
        "verbatim, and the corpus's titles and notes, the public references' titles and the record ids stay as "
        "written; on a Russian page a screen reader is told they are English. Streamlit's own menu (⋮, at the top "
        "right) is not translated: Streamlit offers no way to translate it (its issues [#1353]({first}) and "
        "[#15726]({second}))."
    ).format(first=STREAMLIT_I18N_ISSUES[0], second=STREAMLIT_I18N_ISSUES[1]))


def st_licences() -> None:
    """Whose each part is, and under what terms (dashboard/downloads/licences.py: the downloads say the same)."""
    st.subheader(_("Licences"), anchor=False)
    lines = []
    for item in LICENCES:
        # The part and the terms come translated (licences.Licence's properties).
        line = f"- **{escape.markdown(item.part)}**: {escape.markdown(item.terms)}"
        served = {LEAFLET_TERMS.key: LEAFLET, GESTURE_TERMS.key: GESTURE_HANDLING}.get(item.key)
        if served is not None:
            line += " " + _("[Its licence]({url}) is served beside its files.").format(
                url=f"{served.url.removeprefix('../../')}/LICENSE")
        lines.append(line)
    st.markdown("\n".join(lines))


st_live(render)
