"""Compare the sources: what each article says about each subject, beside the public record."""

from __future__ import annotations

import streamlit as st

from dashboard.corpus.records import Corpus
from dashboard.evidence.compare import compare_csv, compare_html, compare_rows
from dashboard.i18n import format_number, ngettext
from dashboard.i18n import gettext as _
from dashboard.query import link as vs
from dashboard.query.filters import select
from dashboard.ui.components import st_html
from dashboard.ui.notices import st_empty
from dashboard.ui.page import st_live


def render(corpus: Corpus, view: vs.ViewState) -> None:
    st.header(_("Compare the sources"), anchor=False)
    rows = compare_rows(select(corpus, view.filters), corpus)
    disputed = sum(r.disputed for r in rows)
    counted = ngettext("{n} subject the articles speak about, with these filters; {disputed} where sources disagree "
                       "come first.",
                       "{n} subjects the articles speak about, with these filters; {disputed} where sources disagree "
                       "come first.", len(rows)).format(n=format_number(len(rows)), disputed=format_number(disputed))
    st.caption(counted + " " + _(
        "Each cell: the article's words, and whether they agree with the record, differ from it (the cell names the "
        "disagreement that sets them against it), cannot be compared (no public record), or it is silent. Where the "
        "public references disagree among themselves, the record's column says so."))
    if not rows:
        st_empty(corpus, view)
        return
    st.download_button(_("Download this table (CSV)"), compare_csv(rows, corpus),
                       file_name=f"compare-sources-{corpus.version}.csv", mime="text/csv")
    st_html(compare_html(rows, corpus, lambda rid: vs.map_href(view, corpus, selected=rid, view=None)),
            css="compare")


st_live(render)
