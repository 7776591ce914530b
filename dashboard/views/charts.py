"""Charts that obey the shared filters; clicking a mark selects its record for the map and the panel."""

from __future__ import annotations

import streamlit as st

from dashboard import escape, i18n
from dashboard.charts import figures as charts
from dashboard.charts.locales import chart_config
from dashboard.charts.text import ChartText, chart_text
from dashboard.corpus.records import Corpus
from dashboard.evidence.html import value_table_html
from dashboard.i18n import N_
from dashboard.i18n import gettext as _
from dashboard.query import link as vs
from dashboard.query.filters import select
from dashboard.ui.notices import st_empty
from dashboard.ui.page import st_live
from dashboard.ui.record_picker import st_record_picker
from dashboard.ui.session import VIEW_KEY, is_new_event, reader_today, replace_view

# Each chart's caption is marked for the catalog (N_) and said in the language of the run reading it (_).
CHARTS = [
    ("membership", charts.make_membership_timeline,
     N_("Bars are periods of each status; each status but membership has its own hatching, as on the map. "
        "⚠ in the hover: the sources leave that status open.")),
    ("tour", charts.make_tour_chart, N_("27–28 February 2017. Hover for the leaders met and what was signed.")),
    ("topics", charts.make_topic_country_heatmap, N_("Counted from the curated corpus, after filtering.")),
    ("numbers", charts.make_numbers_chart,
     # Only money is on a log scale: this said "roubles and people fit on one axis", each has its own panel.
     N_("As the articles state them, not converted: a panel for each thing measured; money on a log scale, so that "
        "roubles and dollars fit on one axis.")),
    ("coverage", charts.make_coverage_chart, N_("Excerpts each article contributes per topic.")),
]


def st_chart_in_words(text: ChartText, key: str, corpus: Corpus) -> None:
    """Under a chart: what it shows in a sentence, its figures as a table, and its records as a list to
    select from by keyboard."""
    st.markdown(_("**In words:** {summary}").format(summary=escape.with_lang(text.summary, escape.html_line)),
                unsafe_allow_html=True)
    if text.rows:
        label = _("The chart's figures as a table")
        with st.expander(label):
            # HTML, not st.table: each cell escaped and marked in its language (the corpus's English lang="en" on a
            # Russian page), which st.table's cells cannot be.
            # Wider than a phone: it scrolls sideways, and the keyboard can scroll it (a focusable region).
            st.markdown(f'<div class="chart-table" role="region" tabindex="0" aria-label="{escape.html(label)}">'
                        f"{value_table_html(label, text.columns, text.rows)}</div>", unsafe_allow_html=True)
    st_record_picker(_("Select a record from this chart"), text.records, corpus, key=f"pick-{key}",
                     placeholder=_("Choose one of its bars or points…"))


def render(corpus: Corpus, view: vs.ViewState) -> None:
    records = select(corpus, view.filters)
    st.header(_("Charts"), anchor=False)
    st.caption(_("Every chart follows the filters in the sidebar. Click a bar or a point to select its record, or "
                 "choose it from the list under the chart; the map and its evidence panel follow. Each chart is also "
                 "said in words and given as a table."))
    if not records:
        st_empty(corpus, view)

    over_time = select(corpus, view.filters, over_time=True)
    for key, make, caption in CHARTS:
        # The timeline shows every period; the 'as of' date only picks what the map shades.
        data = over_time if key == "membership" else records
        figure = make(data, corpus, today=reader_today()) if key == "membership" else make(data, corpus)
        figure = charts.highlight(figure, st.session_state.get(vs.P_SEL))
        event = st.plotly_chart(figure, key=f"chart-{key}", on_select="rerun",
                                selection_mode=("points",), config=chart_config(i18n.active()))
        st.caption(_(caption))
        st_chart_in_words(chart_text(key, data, corpus, reader_today()), key, corpus)
        picked = charts.selected_record_ids(event)
        if (is_new_event(f"chart-{key}", tuple(picked)) and picked and picked[0] in corpus.by_id
                and st.session_state.get(vs.P_SEL) != picked[0]):
            st.session_state[vs.P_SEL] = picked[0]
            st.session_state[VIEW_KEY] = replace_view(view, selected=picked[0])

    selected = corpus.by_id.get(st.session_state.get(vs.P_SEL) or "")
    # Made on every run, filled or not: a fragment may only write to the sidebar where full runs did.
    box = st.sidebar.container()
    if selected is not None:
        with box:
            st.divider()
            st.caption(_("Selected"))
            st.markdown(f"**{escape.markdown(selected.title)}**")
            st.page_link("views/map.py", label=_("Show on the map"), icon=":material/map:")
            if st.button(_("Clear selection"), key="clear-selection-charts"):
                st.session_state[vs.P_SEL] = None
                st.rerun()


st_live(render)
