"""A step in words (dashboard/story/words.py, issue 14): its dates as readers read them, and the reader's link for
each of its quotes."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard import i18n
from dashboard.query.link import reader_href
from dashboard.story.model import step_records
from dashboard.story.words import date_text, excerpt_href
from tests.unit.stories import TODAY


@pytest.mark.parametrize(("date", "end", "shown", "russian"), [
    (None, None, None, None),
    (dt.date(2017, 2, 27), None, "27 Feb 2017", "27 февраля 2017 г."),
    (dt.date(2017, 2, 27), dt.date(2017, 2, 28), "27–28 Feb 2017", "27–28 февраля 2017 г."),
    (dt.date(2017, 2, 27), dt.date(2017, 4, 1), "27 Feb – 1 Apr 2017", "27 февраля – 1 апреля 2017 г."),
    (dt.date(2016, 12, 17), dt.date(2017, 1, 23), "17 Dec 2016 – 23 Jan 2017", "17 декабря 2016 г. – 23 января 2017 г."),
    (dt.date(2017, 2, 28), "today", "28 Feb 2017 – today (29 Nov 2026)", "28 февраля 2017 г. – сегодня (29 ноября 2026 г.)"),
])
def test_a_steps_date_is_shown_as_readers_read_dates(story, date, end, shown, russian):
    step = story.step(1).model_copy(update={"date": date, "date_end": end})
    assert date_text(step, TODAY) == shown
    # In Russian (issue 30), in full words: a heading has the room ("27 февр." read as cut; a narrow no-break
    # space before "г.").
    with i18n.override("ru"):
        said = date_text(step, TODAY)
    assert (said.replace("\u202f", " ") if said else said) == russian


def test_a_quote_links_to_the_record_excerpt_that_holds_it(story, corpus):
    # Step 5's quote about the Kant base is part of the Kant base record's own excerpt.
    step = story.step(5)
    excerpt = next(e for e in step.excerpts if "Su-25" in e.quote)
    assert excerpt_href(excerpt, corpus, step_records(step)) == reader_href("cement-2017", "site-kant.0")


def test_a_quote_no_record_holds_links_to_its_passage(corpus):
    seed = corpus.seeds["gusev-2019"]
    start = seed.text.index("Russia's influence in the Central Asian region")
    from dashboard.corpus.model import Excerpt

    excerpt = Excerpt(source="gusev-2019", quote="Russia's influence in the Central Asian region",
                      start=start, end=start + 46)
    assert excerpt_href(excerpt, corpus) == reader_href("gusev-2019", passage=(start, start + 46))
