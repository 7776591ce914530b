"""The excerpt list's HTML (drawn with st.html): every string from the corpus is escaped."""

from __future__ import annotations

from dataclasses import replace

from dashboard.ui import excerpt_card_html

HOSTILE = "<script>alert('x')</script> \"quoted\" & it's <b>bold</b> — Кант"


def test_quote_label_and_citation_are_escaped(corpus):
    record = next(r for r in corpus.records if r.excerpts)
    excerpt = record.excerpts[0].model_copy(update={"quote": HOSTILE})
    source = corpus.sources[excerpt.source].model_copy(update={"label": HOSTILE, "author": HOSTILE})
    hostile = replace(corpus, sources={**corpus.sources, excerpt.source: source})
    out = excerpt_card_html(excerpt, "x.0", hostile)
    assert "<script>" not in out and "<b>" not in out
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in out
    assert "Кант" in out and "&quot;quoted&quot; &amp; it&#x27;s" in out
    assert 'href="reader?source=' in out
