"""The corpus's words that a Russian page shows among its own (issue 30): the units the corpus gives figures in, said
in Russian through the catalog (an unknown one as the corpus writes it); the tour chart's "Stop 1", ours; a
disagreement's note inside a story step, the corpus's English, marked so and labelled so. English as it was."""

from __future__ import annotations

import re

import pytest

from dashboard import i18n
from dashboard.charts.figures import make_numbers_chart, make_tour_chart
from dashboard.charts.text import numbers_text
from dashboard.charts.units import shown_unit, unit_text
from dashboard.corpus.model import Disagreement
from dashboard.story.html import step_disagreement_html


@pytest.mark.parametrize(("unit", "value", "russian"), [
    ("km", 1172.4, "км"),
    ("people", 400, "человек"),
    ("people", 1, "человек"),
    ("people", 3, "человека"),
    ("people (about)", 3000, "человек (около)"),
    ("people a year (more than)", 1000, "человек в год (более)"),
    ("years", 15, "лет"),
    ("years", 2, "года"),
    ("years", 1.5, "года"),
    ("years", 21, "год"),
    ("years of age", 76, "лет"),
    ("USD", 5e8, "долл. США"),
    ("%", 48, "%"),
    ("% of GDP (“almost half”)", 48, "% ВВП (“almost half”)"),  # the article's words, a quote: kept as written
])
def test_a_unit_the_corpus_uses_is_said_in_russian_in_the_form_its_value_takes(unit, value, russian):
    with i18n.override("ru"):
        assert unit_text(unit, value) == russian
    with i18n.override("en"):
        assert unit_text(unit, value) == unit  # the corpus's own words


@pytest.mark.parametrize("unit", ["parsecs", "% of GDP (almost half)", "people (roughly)", "", "km ((", "km (“”)"])
def test_a_unit_the_table_does_not_know_is_shown_as_the_corpus_writes_it(unit):
    with i18n.override("ru"):
        assert unit_text(unit, 3) is None and shown_unit(unit, 3) == unit


def test_the_numbers_chart_and_its_table_say_the_units_in_russian(corpus):
    figures = list(corpus.records)
    with i18n.override("ru"):
        fig, text = make_numbers_chart(figures, corpus), numbers_text(figures, corpus)
    labels = [t for trace in fig.data for t in (trace.text or ())]
    assert "400 человек" in labels and not any(re.search(r"\d people\b", t) for t in labels)
    units = {row[3] for row in text.rows}
    assert {"человек", "км", "лет"} <= units and "people" not in units and "km" not in units
    with i18n.override("en"):
        labels = [t for trace in make_numbers_chart(figures, corpus).data for t in (trace.text or ())]
    assert "400 people" in labels


def test_the_tour_charts_point_labels_say_stop_in_russian_and_leaders_as_the_corpus_names_them(corpus):
    records = list(corpus.records)
    with i18n.override("ru"):
        said = list(make_tour_chart(records, corpus).data[0].text)
    assert "Остановка 1<br>Nursultan Nazarbayev" in said and not any(t.startswith("Stop ") for t in said)
    assert not any(t.startswith(("Phone call", "Not visited")) for t in said)
    with i18n.override("en"):
        assert "Stop 1<br>Nursultan Nazarbayev" in make_tour_chart(records, corpus).data[0].text


def test_a_disagreements_note_in_a_step_is_marked_english_and_its_label_says_so(corpus):
    dis = next(r for r in corpus.records if isinstance(r, Disagreement) and r.summary)
    with i18n.override("ru"):
        html = step_disagreement_html(dis, corpus, lambda rid: f"?sel={rid}")
    note = re.search(r'<aside class="note"[^>]*>(.*?)</aside>', html, re.S)[1]
    assert '<p class="kind">Слова дашборда, не цитата (по-английски, как в корпусе)</p><p lang="en">' in note
    with i18n.override("en"):
        html = step_disagreement_html(dis, corpus, lambda rid: f"?sel={rid}")
    note = re.search(r'<aside class="note"[^>]*>(.*?)</aside>', html, re.S)[1]
    assert note.startswith('<p class="kind">The dashboard’s words, not a quote</p><p>') and "lang=" not in note
