"""What the dashboard shows, where its data comes from, and how far to trust each kind of mark."""

from __future__ import annotations

import streamlit as st

from dashboard import escape
from dashboard.corpus.dates import format_date
from dashboard.corpus.records import Corpus
from dashboard.downloads.licences import GESTURE_TERMS, LEAFLET_TERMS, LICENCES
from dashboard.evidence.html import references_table_html
from dashboard.map.assets import GESTURE_HANDLING, LEAFLET
from dashboard.map.geo import GEODATA_RESOLUTION
from dashboard.query import link as vs
from dashboard.ui import cached
from dashboard.ui.page import st_live
from dashboard.ui.session import reader_today
from dashboard.ui.tables import st_table


def st_record_check() -> None:
    """When and against what the membership record was last checked, and the corrections made since."""
    check = cached.get_record_check(reader_today())
    st.subheader("How the record is checked", anchor=False)
    st.markdown(
        "- Every excerpt is checked to be verbatim in its article, and every context fact to name a public "
        "reference whose label names the field it proves (a date reference must state that date, at the "
        "precision the record gives: a day, a month or a year).\n"
        "- Dates known only to the month or year are shown that way (\"Jul 2019\"), and a date filter "
        "includes them when its range overlaps that month or year.\n"
        "- Who belonged to what is checked against an independent table, `reference/memberships.csv`, built "
        "from public sources and kept apart from the corpus: each country's status in each grouping is "
        "computed with the map's own function on each grouping's founding day, 1 January 2000, 2010, 2020 "
        "and 2024, the tour's day, today, and the day of every change and the day before it.\n"
        "- Where the articles and the record differ, both are kept in a disagreement."
    )
    if check is None:
        st.caption("This server runs another corpus than the project's own, so the reference table is not compared.")
        return
    when = format_date(check.checked) if check.checked else "never"
    if check.problems:
        st.error("The membership record could not be compared with the reference table:\n\n"
                 + "\n".join(f"- {escape.markdown(p)}" for p in check.problems))
    elif check.mismatches:
        st.warning(f"The record disagrees with the reference table on {len(check.mismatches)} periods:\n\n"
                   + "\n".join(f"- {escape.markdown(m)}" for m in check.mismatches))
    else:
        st.success(f"Memberships last checked against their public sources on **{when}**: the corpus agrees with "
                   f"the reference table ({check.rows} rows, {check.sources} sources) on all "
                   f"{check.compared:,} country-days compared today.", icon=":material/fact_check:")
    if check.log_problems:
        st.error("The corrections log has problems:\n\n" + "\n".join(f"- {escape.markdown(p)}" for p in check.log_problems))
    with st.expander(f"Corrections to the record ({len(check.corrections)}, kept in `reference/corrections.yaml`)"):
        for c in check.corrections:
            # HTML, not markdown: the log quotes Russian sources, and their words say so (lang="ru").
            removed = f" (removed: {escape.html_line(', '.join(c.removed))})" if c.removed else ""
            said = {k: escape.with_lang(v, escape.html_line) for k, v in (("was", c.was), ("now", c.now), ("why", c.why))}
            st.markdown(f"<p><b>{format_date(c.date)}</b> · {escape.html_line(', '.join(c.records))}{removed}<br>"
                        f"<i>Was:</i> {said['was']}<br><i>Now:</i> {said['now']}<br><i>Why:</i> {said['why']}</p>",
                        unsafe_allow_html=True)


def render(corpus: Corpus, view: vs.ViewState) -> None:
    st.header("About and sources", anchor=False)
    st.markdown(
        "This dashboard lays curated annotations from five articles over a map of Central Asia. The articles "
        "cover Vladimir Putin's visits to Kazakhstan, Tajikistan and Kyrgyzstan on 27–28 February 2017 and "
        "Russia's role in the region.\n\n"
        "- **Article excerpts** are verbatim quotes; each links to its place in the article.\n"
        "- **Context facts** (coordinates, exact dates, membership dates) are not from the articles; each names "
        "the public record it comes from and is marked *context*.\n"
        "- **Disagreements** between articles, or with the record, are kept side by side, never resolved silently.\n"
        f"- **Geodata**: {escape.markdown(GEODATA_RESOLUTION)}; border lengths are measured on the unsimplified lines, "
        "which are drawn lightly simplified. Crimea is drawn as Natural Earth 4.1.0 draws it, inside "
        "Russia's polygon (de facto control); its status is disputed, and this map takes no position on it.\n"
        "- **Distances** are geodesic, on the WGS84 ellipsoid (pyproj)."
    )
    st_record_check()
    st.subheader("The articles", anchor=False)
    st_table([{"id": s.id, "title": s.title or "—", "outlet": s.outlet or "—", "author": s.author or "—",
               "published": s.published, "url": s.url or "—"} for s in corpus.sources.values()])
    refs = {}
    for record in corpus.records:
        for ref in record.references:
            refs.setdefault(ref.url, ref)
    st.subheader(f"Public references ({len(refs)})", anchor=False)
    st.markdown(references_table_html(list(refs.values())), unsafe_allow_html=True)
    st_licences()
    st.caption(f"Corpus version {corpus.version}. Leaflet {LEAFLET.version} and its gesture-handling plugin "
               f"{GESTURE_HANDLING.version} are served by the app, each file checked "
               "against its published sha256; nothing is loaded from another host.")


def st_licences() -> None:
    """Whose each part is, and under what terms (dashboard/downloads/licences.py: the downloads say the same)."""
    st.subheader("Licences", anchor=False)
    lines = []
    for item in LICENCES:
        line = f"- **{escape.markdown(item.part)}**: {escape.markdown(item.terms)}"
        served = {LEAFLET_TERMS.key: LEAFLET, GESTURE_TERMS.key: GESTURE_HANDLING}.get(item.key)
        if served is not None:
            line += f" [Its licence]({served.url.removeprefix('../../')}/LICENSE) is served beside its files."
        lines.append(line)
    st.markdown("\n".join(lines))


st_live(render)
