"""Read each article with every annotated excerpt highlighted; deep links scroll to one quote."""

from __future__ import annotations

import streamlit as st
from babel import Locale, UnknownLocaleError

from dashboard import escape
from dashboard.corpus.records import Corpus, resolve_excerpt
from dashboard.evidence.reader import Highlight, highlights_for, reader_document
from dashboard.i18n import format_day, format_number, ngettext
from dashboard.i18n import gettext as _
from dashboard.query import link as vs
from dashboard.ui.evidence import st_record
from dashboard.ui.language import page_lang
from dashboard.ui.page import st_live


def language_name(code: str) -> str:
    """An article's language by its code ('en'), named in the page's language: 'English', 'английский'."""
    try:
        return Locale.parse(code).get_language_name(page_lang()) or code
    except (UnknownLocaleError, ValueError):
        return code


def render(corpus: Corpus, view: vs.ViewState) -> None:
    st.header(_("The articles"), anchor=False)
    st.caption(_("The five source texts, unchanged. Highlights are the excerpts the map and charts rest on."))

    ids = list(corpus.sources)
    focus = view.excerpt
    if focus and not view.source:
        excerpt = resolve_excerpt(focus, corpus)
        if excerpt is not None:
            st.session_state[vs.P_SOURCE] = excerpt.source
    if not st.session_state.get(vs.P_SOURCE):
        st.session_state[vs.P_SOURCE] = ids[0]
    source_id = st.selectbox(_("Article"), ids, key=vs.P_SOURCE, format_func=lambda s: corpus.sources[s].label,
                             placeholder=_("Choose an option"))
    source = corpus.sources[source_id]
    seed = corpus.seeds[source_id]
    marks = highlights_for(corpus, source_id)
    if focus and not any(m.key == focus for m in marks):
        focus = None
    passage = st.session_state.get(vs.P_AT)
    if passage and source_id == view.source and 0 <= passage[0] < passage[1] <= len(seed.text):
        # A search result's paragraph: highlighted and scrolled to like an excerpt.
        focus = f"@{passage[0]}-{passage[1]}"
        marks = sorted([*marks, Highlight(passage[0], passage[1], focus, "", _("A passage the search found"))],
                       key=lambda m: (m.start, m.end))

    # HTML: the corpus's words (English) carry their language on a page in another (escape.with_lang).
    fields = [(_("Title"), source.title, _("not given in the text")), (_("Outlet"), source.outlet, _("not given")),
              (_("Author"), source.author, _("not given")), (_("Translator"), source.translator, "—")]
    # Our words and dates as they are (html_block: a date's no-break space before "г." is kept); the corpus's folded.
    meta = [(label, escape.with_lang(value, escape.html_line) if value else escape.html_block(missing))
            for label, value, missing in fields]
    meta += [(_("Published"), escape.html_block(format_day(source.published) if source.published else _("not given"))),
             (_("Language"), escape.html_block(language_name(source.language)))]
    st.markdown(" · ".join(f"<b>{escape.html_block(label)}</b>: {value}" for label, value in meta),
                unsafe_allow_html=True)
    if source.url:
        st.markdown(_("Found online at: {url}").format(url=escape.markdown(source.url)))
    if source.note:
        st.caption(escape.with_lang(source.note, escape.html_line), unsafe_allow_html=True)
    st.caption(ngettext("{n} highlighted excerpt. File {file}, sha256 {sha256}…",
                        "{n} highlighted excerpts. File {file}, sha256 {sha256}…", len(marks)).format(
        n=format_number(len(marks)), file=escape.markdown(source.file), sha256=source.sha256[:12]))
    # Its title, for screen readers (Streamlit's own is "st.iframe").
    st.iframe(reader_document(seed.text, marks, focus, lang=page_lang(), text_lang=source.language), height=640,
              alt=_("The article, its excerpts highlighted"))

    marks = [m for m in marks if m.record_id]
    if marks:
        keys = [m.key for m in marks]
        by_key = {m.key: m for m in marks}
        chosen = st.selectbox(_("What does an excerpt support?"), keys, index=keys.index(focus) if focus in keys else 0,
                              format_func=lambda k: f"{by_key[k].record_title} ({k})", key="reader-excerpt",
                              placeholder=_("Choose an option"))
        record = corpus.by_id[by_key[chosen].record_id]
        st_record(record, corpus)


st_live(render, page="reader")
