"""Everything behind one mark, drawn in the evidence panel: the record's facts, its excerpts as cards, its
public references, its disagreements and computed values (a site's distance, a border's length)."""

from __future__ import annotations

import streamlit as st

from dashboard import escape, i18n
from dashboard.corpus.model import Annotation, Disagreement, Excerpt, Reference
from dashboard.corpus.records import Corpus, excerpt_key
from dashboard.evidence.computed import border_length_html, site_distance_html
from dashboard.evidence.excerpts import excerpt_card_md
from dashboard.evidence.facts import record_facts, supports_text
from dashboard.evidence.html import disagreement_html
from dashboard.i18n import gettext as _
from dashboard.labels import KIND_SINGULAR
from dashboard.ui import cached


def st_excerpt_card(excerpt: Excerpt, key: str, corpus: Corpus) -> None:
    # HTML allowed: the card marks the article's words in their language (lang="en" on a Russian page); every
    # value in it is escaped (escape.markdown escapes HTML too).
    with st.container(border=True):
        st.markdown(excerpt_card_md(excerpt, key, corpus), unsafe_allow_html=True)


def st_reference(ref: Reference) -> None:
    """A context fact's public reference, visibly not an article excerpt."""
    with st.container(border=True):
        st.markdown(_(":blue-badge[context, not from the articles] backs **{what}**").format(
            what=escape.markdown(supports_text(ref.supports))))
        # HTML, not markdown: a quote, title or publisher in Russian says so (lang="ru"), for screen readers.
        if ref.quote:
            st.markdown(f"<p>“{escape.with_lang(ref.quote, escape.html_line)}”</p>", unsafe_allow_html=True)
        publisher = f" — {escape.with_lang(ref.publisher, escape.html_line)}" if ref.publisher else ""
        st.markdown(f'<p><a href="{escape.html_line(escape.url(ref.url))}" target="_blank" rel="noopener noreferrer">'
                    f"{escape.with_lang(ref.title, escape.html_line)}</a>{publisher}</p>", unsafe_allow_html=True)


def st_record(record: Annotation, corpus: Corpus, computed=None, workings=None) -> None:
    """Everything behind one mark: fields, computed values, disagreements, excerpts and references.

    `workings`, if given, is a wider container (under the map) for the disagreements' versions and the computed
    tables; the record then says where they are.
    """
    if i18n.active() in (i18n.DEFAULT, i18n.PSEUDO):
        st.subheader(escape.markdown(record.title), anchor=False)
    else:
        # The corpus's English title in a page of another language, marked lang="en", which a subheader's text cannot
        # be: a heading of the subheader's level, styled as one (evidence.css).
        title = escape.with_lang(record.title, escape.html_line)
        st.markdown(f'<div role="heading" aria-level="3" class="ev-record-title">{title}</div>', unsafe_allow_html=True)
    st.caption(KIND_SINGULAR[record.kind])
    # The record's own words marked in their language where it is not the page's (escape.markdown escapes HTML).
    if record.summary:
        st.markdown(escape.with_lang(record.summary, escape.markdown), unsafe_allow_html=True)
    facts = record_facts(record, corpus)
    if facts:
        st.markdown("\n".join(f"- **{escape.markdown(k)}**: {escape.with_lang(v, escape.markdown)}" for k, v in facts),
                    unsafe_allow_html=True)
    flagged = list(corpus.disputes.get(record.id, ()))
    if workings is None:
        st_workings(record, corpus, flagged, computed)
    elif flagged or computed is not None or isinstance(record, Disagreement):
        with workings:
            st_workings(record, corpus, flagged, computed, title=True)
        said = [_("Sources disagree: {title}").format(title=escape.with_lang(d.title, escape.markdown)) for d in flagged]
        st.markdown("\n".join(f"- ⚠ {line}" for line in said) + ("\n\n" if said else "")
                    + _("Every version, and what we computed, is shown with the map, under it."),
                    unsafe_allow_html=True)
    for i, excerpt in enumerate(record.excerpts):
        st_excerpt_card(excerpt, excerpt_key(record.id, i), corpus)
    for ref in record.references:
        st_reference(ref)


def st_workings(record: Annotation, corpus: Corpus, flagged: list[Disagreement], computed=None,
                title: bool = False) -> None:
    """A record's disagreements, every version side by side where they fit, and its computed values."""
    if title:
        st.markdown(_("**Behind “{title}”: where sources disagree, and what we computed**").format(
            title=escape.with_lang(record.title, escape.markdown)), unsafe_allow_html=True)
    if computed is not None:
        computed()
    for dis in flagged:
        st_disagreement(dis, corpus)
    if isinstance(record, Disagreement):
        st_disagreement(record, corpus, heading=False)


def st_disagreement(dis: Disagreement, corpus: Corpus, heading: bool = True) -> None:
    """Both (or all) statements, side by side where each has room for a readable line, else stacked."""
    st.markdown(disagreement_html(dis, corpus, heading=heading), unsafe_allow_html=True)


def distance_to_afghanistan(site) -> float:
    """Geodesic km from a site's marker to Afghanistan's outline (computed once, in cached.py)."""
    return cached.distances_to_afghanistan(cached.get_corpus().version)[site.id]


def st_site_evidence(site) -> None:
    """A computed distance, with its method, beside what the sources give (dashboard/evidence/computed.py)."""
    st.markdown(site_distance_html(site, distance_to_afghanistan(site)), unsafe_allow_html=True)


def st_border_evidence(border, geodata, corpus: Corpus) -> None:
    """Computed length beside the articles' and the references' lengths, with the method (nothing if the
    geodata has no line for the border)."""
    table = border_length_html(border, geodata.borders, corpus)
    if table:
        st.markdown(table, unsafe_allow_html=True)
