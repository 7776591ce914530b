"""plotly's own words in the language spoken (issue 30): its toolbar's tooltips from plotly.js's own Russian locale,
committed as the JSON the charts' config carries, and numbers on the charts' axes as a Russian reader reads them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import streamlit

from dashboard import i18n
from dashboard.charts import figures, locales
from dashboard.map import assets
from tests.ci import need

# The toolbar's buttons on every chart of ours, as plotly.js names them (Streamlit adds its own "Fullscreen").
TOOLBAR = ["Download plot as a PNG", "Zoom", "Pan", "Zoom in", "Zoom out", "Autoscale", "Reset axes"]
PLOTLY_BUNDLE = next((Path(streamlit.__file__).parent / "static" / "static" / "js").glob("PlotlyChart.*.js"))


def test_the_committed_locale_is_plotlys_own_file_converted():
    need(shutil.which("node") is not None, "node is not installed")
    committed = json.loads(locales.locale_path("ru").read_text(encoding="utf-8"))
    assert committed == locales.build("ru")
    assert committed["source"]["sha256"] == dict(assets.PLOTLY_LOCALE_RU.files)["ru.js"]


@pytest.mark.parametrize("word", TOOLBAR)
def test_each_toolbar_button_is_named_in_russian_by_the_plotly_streamlit_bundles(word):
    # The English words are the bundled plotly.js's own: a Streamlit that bundles a plotly.js with other words
    # (plotly 3 said 'Download plot as a png') leaves the buttons English, and this fails.
    assert f"(e,`{word}`)" in PLOTLY_BUNDLE.read_text(encoding="utf-8")
    config = locales.chart_config("ru")
    assert config["locale"] == "ru" and config["displaylogo"] is False
    said = config["locales"]["ru"]["dictionary"][word]
    assert re.search("[А-Яа-я]", said) and said != word


def test_the_bundled_plotly_is_the_major_version_the_locale_comes_from():
    version = re.search(r'"src/version\.js"\(e\)\{e\.version=`([\d.]+)`', PLOTLY_BUNDLE.read_text(encoding="utf-8"))
    assert version and version[1].split(".")[0] == assets.PLOTLY_LOCALE_RU.version.split(".")[0]


def test_dates_on_a_russian_chart_take_russian_months_and_the_english_page_has_plotlys_own():
    ru = locales.chart_config("ru")["locales"]["ru"]["format"]
    assert ru["months"][1] == "Февраль" and ru["shortDays"][1] == "пн"
    assert locales.chart_config("en") == {"displaylogo": False}


def test_the_pseudo_locale_brackets_plotlys_words():
    config = locales.chart_config(i18n.PSEUDO)
    words = config["locales"][i18n.PSEUDO]["dictionary"]
    assert config["locale"] == i18n.PSEUDO and words["Pan"] == i18n.pseudo("Pan")
    assert set(TOOLBAR) <= set(words)


def _numbers_figure(corpus, lang):
    with i18n.override(lang):
        return figures.make_numbers_chart(list(corpus.records), corpus)


def _axes(fig):
    return [fig.layout[name] for name in fig.layout if name.startswith("xaxis")]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_axis_of_the_numbers_chart_leaves_its_numbers_to_plotlys_si_suffixes(corpus, lang):
    # plotly writes '10k', '1B' on an axis of big numbers, in every language: each axis writes them itself.
    fig = _numbers_figure(corpus, lang)
    axes = _axes(fig)
    assert any(a.type == "log" for a in axes)
    for axis in axes:
        if axis.type == "log":
            assert axis.tickmode == "array" and len(axis.tickvals) == len(axis.ticktext)
        else:
            assert axis.exponentformat == "none", axis


def test_a_log_axis_says_its_numbers_in_russian_words(corpus):
    money = next(a for a in _axes(_numbers_figure(corpus, "ru")) if a.type == "log")
    ticks = dict(zip(money.tickvals, money.ticktext))
    assert ticks[1e7] == "10\xa0млн" and ticks[1e9] == "1\xa0млрд" and ticks[1e11] == "100\xa0млрд"
    assert not any(re.search("[A-Za-z]", t) for t in money.ticktext)


def test_log_ticks_cover_the_values_at_every_power_of_ten():
    with i18n.override("ru"):
        ticks = figures.log_ticks([15e6, 3.8e9, 1e11])
    assert ticks["tickvals"][0] <= 15e6 and ticks["tickvals"][-1] >= 1e11
    assert all(b == a * 10 for a, b in zip(ticks["tickvals"], ticks["tickvals"][1:]))
    assert figures.log_ticks([]) == {} and figures.log_ticks([0]) == {}


def test_over_many_powers_of_ten_every_other_tick_is_named_so_that_russian_words_do_not_run_together():
    with i18n.override("ru"):
        wide = figures.log_ticks([15e6, 3.8e9, 1e11])    # 10^7 to 10^11: the articles' money
        narrow = figures.log_ticks([15e6, 3.8e9])
    # Named: the highest power the values reach, and every other one down from it.
    assert [t.replace("\xa0", " ") for t in wide["ticktext"]] == ["", "10 млн", "", "1 млрд", "", "100 млрд", ""]
    assert all(narrow["ticktext"])


@pytest.mark.parametrize(("lang", "separators"), [("ru", ",\xa0"), ("en", ".,")])
def test_every_chart_writes_numbers_with_the_languages_separators(corpus, lang, separators):
    with i18n.override(lang):
        made = [make(list(corpus.records), corpus) for make in (
            figures.make_membership_timeline, figures.make_tour_chart, figures.make_topic_country_heatmap,
            figures.make_numbers_chart, figures.make_coverage_chart)]
    assert [fig.layout.separators for fig in made] == [separators] * len(made)
