"""All filtered records as a table, and downloads that load back into the same records."""

from __future__ import annotations

import streamlit as st

from dashboard import names
from dashboard.corpus.memberships import status_label
from dashboard.corpus.model import Membership
from dashboard.corpus.records import Corpus, record_countries, record_orgs
from dashboard.downloads.export import to_csv, to_geojson
from dashboard.evidence.excerpts import excerpt_rows
from dashboard.evidence.facts import when_text
from dashboard.i18n import format_number, ngettext
from dashboard.i18n import gettext as _
from dashboard.labels import KIND_SINGULAR
from dashboard.query import link as vs
from dashboard.query.filters import select
from dashboard.ui import cached
from dashboard.ui.notices import st_empty
from dashboard.ui.page import st_live
from dashboard.ui.tables import st_table


def render(corpus: Corpus, view: vs.ViewState) -> None:
    geodata = cached.get_geodata()
    records = select(corpus, view.filters)
    st.header(_("Data and export"), anchor=False)
    total = len(corpus.records)
    st.caption(ngettext("{n} of {total} record matches the filters (corpus version {version}).",
                        "{n} of {total} records match the filters (corpus version {version}).", total).format(
        n=format_number(len(records)), total=format_number(total), version=corpus.version))
    if not records:
        st_empty(corpus, view)
    rows = [{"ref": r.id, "kind": KIND_SINGULAR[r.kind], "title": r.title, "date": when_text(r, short=True),
             "status": status_label(r.status) if isinstance(r, Membership) else "",
             "countries": ", ".join(sorted(record_countries(r))),
             "groupings": ", ".join(sorted(names.grouping(o, corpus) for o in record_orgs(r))),
             "excerpts": len(r.excerpts), "references": len(r.references),
             "sources disagree": "⚠" if r.id in corpus.disputed else ""}
            for r in records]
    st_table(rows)
    left, right = st.columns(2)
    left.download_button(_("Download CSV"), to_csv(records, corpus), file_name=f"central-asia-tour-{corpus.version}.csv",
                         mime="text/csv", width="stretch")
    right.download_button(_("Download GeoJSON"), to_geojson(records, geodata.borders),
                          file_name=f"central-asia-tour-{corpus.version}.geojson", mime="application/geo+json",
                          width="stretch")
    st.caption(_("Both files carry each record's excerpts, sources, character spans and context references; "
                 "the `record_json` column (CSV) and the feature properties (GeoJSON) load back into the same "
                 "records."))
    st.subheader(_("Excerpts"), anchor=False)
    st_table(excerpt_rows(records, corpus),
             column_config={"link": st.column_config.LinkColumn(_("in the article"), display_text=_("read ↗"))})


st_live(render)
