"""Every word the dashboard asks the catalog for on a Russian page is in the catalog (issue 30, "nothing left
behind"). A message passed to gettext as a variable the extractor cannot see (not marked N_), or words of the corpus
passed by mistake, reach i18n.missed() and would be shown in English."""

from __future__ import annotations

import pytest

from dashboard import i18n

# Each page, in states that draw more of its words: a selected record's evidence and its disagreement, a story step
# with a disagreement, a search with records and passages, a grouping shaded, filters that leave nothing.
STATES = [
    ("views/map.py", {}),
    ("views/map.py", {"sel": "stop-dushanbe", "shade": "CSTO"}),
    ("views/map.py", {"sel": "border-tj-af"}),
    ("views/map.py", {"country": "TM", "org": "SCO"}),
    ("views/story.py", {"story": "4"}),
    ("views/story.py", {"story": "9"}),
    ("views/story_overview.py", {}),
    ("views/charts.py", {}),
    ("views/reader.py", {"source": "ishchenko-2017"}),
    ("views/compare.py", {"country": "KG"}),
    ("views/search.py", {"q": "Kant"}),
    ("views/search.py", {"q": "zzqxv"}),
    ("views/data.py", {}),
    ("views/about.py", {}),
]


@pytest.mark.parametrize(("page", "params"), STATES, ids=[f"{p.split('/')[-1][:-3]}-{'-'.join(q.values()) or 'plain'}"
                                                          for p, q in STATES])
def test_every_word_a_russian_page_asks_for_is_in_the_catalog(app, page, params):
    for key, value in {"lang": "ru", **params}.items():
        app.query_params[key] = value
    at = app.run()
    i18n.forget_missed()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert sorted(i18n.missed()) == []
