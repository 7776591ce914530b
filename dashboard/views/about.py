"""What the dashboard shows, where its data comes from, and how far to trust each kind of mark."""

from __future__ import annotations

import streamlit as st

from dashboard import cached, ui
from dashboard import state as vs
from dashboard.corpus import Corpus
from dashboard.geo import GEODATA_RESOLUTION


def render(corpus: Corpus, view: vs.ViewState) -> None:
    geodata = cached.get_geodata()
    st.header("About and sources", anchor=False)
    st.markdown(
        "This dashboard lays curated annotations from five articles over a map of Central Asia. The articles "
        "cover Vladimir Putin's visits to Kazakhstan, Tajikistan and Kyrgyzstan on 27–28 February 2017 and "
        "Russia's role in the region.\n\n"
        "- **Article excerpts** are verbatim quotes; each links to its place in the article.\n"
        "- **Context facts** (coordinates, exact dates, membership dates) are not from the articles; each names "
        "the public record it comes from and is marked *context*.\n"
        "- **Disagreements** between articles, or with the record, are kept side by side, never resolved silently.\n"
        f"- **Geodata**: {ui.md(GEODATA_RESOLUTION)}; border lengths are measured on the unsimplified lines, "
        "which are drawn lightly simplified. Crimea is drawn as Natural Earth 4.1.0 draws it, inside "
        "Russia's polygon (de facto control); its status is disputed, and this map takes no position on it.\n"
        "- **Distances** are geodesic, on the WGS84 ellipsoid (pyproj)."
    )
    st.subheader("The articles", anchor=False)
    st.dataframe([{"id": s.id, "title": s.title or "—", "outlet": s.outlet or "—", "author": s.author or "—",
                   "published": s.published, "url": s.url or "—"} for s in corpus.sources.values()],
                 hide_index=True, width="stretch")
    refs = {}
    for record in corpus.records:
        for ref in record.references:
            refs.setdefault(ref.url, ref)
    st.subheader(f"Public references ({len(refs)})", anchor=False)
    st.dataframe([{"title": r.title, "publisher": r.publisher or "—", "url": r.url} for r in refs.values()],
                 hide_index=True, width="stretch",
                 column_config={"url": st.column_config.LinkColumn("url")})
    st.caption(f"Corpus version {corpus.version}. Map assets served locally: {'yes' if geodata.assets_local else 'no (CDN fallback)'}.")


ui.st_live(render)
