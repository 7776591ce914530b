"""The dashboard in Russian (issue 30), as a reader in Almaty opens it: the link's language, the switch, a filter
change, a selected record's evidence, the story's step 4, the charts, a Cyrillic search; the quotes verbatim in
English and marked lang="en"."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.contexts import Tabs
from tests.e2e.helpers import choose, map_frame, param, wait_for_map, wait_idle, wait_settled

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
SITE_RU = "Поездка Путина по Центральной Азии в 2017 году — карта с источниками"


def _texts(page, selector: str) -> list[str]:
    return page.locator(selector).all_inner_texts()


def test_a_russian_link_opens_the_map_page_in_russian_and_a_filter_change_stays_russian(page, server):
    page.goto(server + "/?lang=ru")
    wait_for_map(page)
    wait_settled(page)
    assert page.evaluate("document.documentElement.lang") == "ru"
    expect(page).to_have_title(f"Карта · {SITE_RU}")
    expect(page.get_by_test_id("stSidebar").get_by_role("heading", name="Фильтры")).to_be_visible()
    expect(page.get_by_test_id("stTopNavLink").filter(has_text="Рассказ").first).to_be_visible()
    title = page.locator("h1").first.inner_text()
    assert CYRILLIC.search(title), title
    # The switch names each language in itself, marked with its language, the page's own pressed.
    switch = page.get_by_test_id("stSidebar").get_by_test_id("language-switch")
    expect(switch.locator('button[lang="ru"][aria-pressed="true"]')).to_have_text("Русский")
    expect(switch.locator('button[lang="en"][aria-pressed="false"]')).to_have_text("English")
    caption = page.locator(".map-caption").inner_text()
    assert CYRILLIC.search(caption) and "ОДКБ" in caption, caption
    # A filter change: the country facet's options in Russian; the page and the address keep the language.
    choose(page, "country", "Таджикистан")
    page.wait_for_function("() => new URLSearchParams(location.search).get('country') === 'TJ'")
    wait_idle(page)
    expect(page.locator('details[data-key="country"] summary .chosen')).to_have_text("Таджикистан")
    expect(page.locator(".map-caption")).to_contain_text("ОДКБ")
    assert param(page, "lang") == "ru"
    # The page's fragment, run again by the change, still speaks Russian (it ran in a thread of its own).
    expect(page.get_by_role("heading", name="Свидетельства")).to_be_visible()
    expect(page.get_by_test_id("stSidebar").get_by_role("heading", name="Фильтры")).to_be_visible()


def test_a_selected_records_evidence_is_in_russian_and_its_quotes_verbatim_in_english(page, server):
    page.goto(server + "/?lang=ru&sel=stop-dushanbe")
    wait_for_map(page)
    wait_settled(page)
    panel = page.get_by_test_id("stMain")
    expect(panel.get_by_role("button", name="Снять выбор")).to_be_visible()
    quotes = page.locator("blockquote")
    expect(quotes.first).to_be_visible()
    # Every quote is the article's English, marked so: a screen reader reads it with English rules.
    for i in range(min(quotes.count(), 5)):
        quote = quotes.nth(i)
        assert quote.evaluate("q => q.closest('[lang]').lang") == "en" or quote.locator('[lang="en"]').count()


SCALE_JS = """() => [...document.querySelectorAll('.leaflet-control-scale-line')].filter((l) => l.offsetWidth)
  .map((l) => l.textContent)"""


def test_the_russian_maps_scale_is_in_kilometres_in_russian_and_stays_so_as_it_zooms(page, server):
    # Issue 28's review: the scale read "500 km" and "500 mi" on a Russian page (Leaflet writes English units).
    page.goto(server + "/?lang=ru")
    frame = wait_for_map(page)
    before = None
    for zoom in (None, 10):
        if zoom:
            frame.evaluate(f"() => {{ map.setZoom({zoom}, {{animate: false}}); }}")
            frame.wait_for_function(f"() => ({SCALE_JS})()[0] !== {before!r}")
        lines = frame.evaluate(SCALE_JS)
        assert len(lines) == 1 and re.fullmatch(r"\d+ (км|м)", lines[0]), lines
        before = lines[0]
    page.goto(server + "/?lang=en")
    assert re.fullmatch(r"\d+ km", wait_for_map(page).evaluate(SCALE_JS)[0])


def test_a_click_on_a_mark_selects_its_record_on_a_russian_page_whose_tooltip_labels_its_id_in_russian(page, server):
    # The tooltip says the id under a label of ours ("ID: …"); the server reads it from the tooltip's text as
    # st_folium sends it, in the page's language, and the map's script from its data-ref.
    page.goto(server + "/?lang=ru&lat=43&lon=76&z=7")
    wait_for_map(page)
    stop = map_frame(page).locator(".stop-icon").filter(has=page.locator(".stop", has_text="1")).first
    stop.hover()
    tip = map_frame(page).locator(".leaflet-tooltip .ref")
    expect(tip).to_have_text("ID: stop-almaty")
    stop.click()
    page.wait_for_function("() => new URL(location.href).searchParams.get('sel') === 'stop-almaty'")
    expect(page.get_by_test_id("stMain").get_by_role("button", name="Снять выбор")).to_be_visible()


def test_the_switch_turns_the_page_russian_in_place_and_the_choice_survives_a_page_switch(page, server):
    page.goto(server + "/?country=KG")
    wait_for_map(page)
    wait_settled(page)
    expect(page.get_by_test_id("stSidebar").get_by_role("heading", name="Filters")).to_be_visible()
    page.get_by_test_id("stSidebar").get_by_test_id("language-switch").get_by_role("button", name="Русский").click()
    expect(page.get_by_test_id("stSidebar").get_by_role("heading", name="Фильтры")).to_be_visible()
    page.wait_for_function("() => new URLSearchParams(location.search).get('lang') === 'ru'")
    assert param(page, "country") == "KG"
    assert page.evaluate("document.documentElement.lang") == "ru"
    page.get_by_test_id("stTopNavLink").filter(has_text="Графики").first.click()
    expect(page).to_have_title(f"Графики · {SITE_RU}")
    expect(page.get_by_test_id("stSidebar").get_by_role("heading", name="Фильтры")).to_be_visible()
    wait_settled(page)
    assert param(page, "lang") == "ru"
    # And back to English by keyboard alone: the switch's buttons are reached with Tab and pressed with Enter.
    english = page.get_by_test_id("stSidebar").get_by_test_id("language-switch").get_by_role("button", name="English")
    english.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("stSidebar").get_by_role("heading", name="Filters")).to_be_visible()
    # The button pressed keeps the keyboard's focus through the run it started (a screen reader stays where it was).
    expect(english).to_have_attribute("aria-pressed", "true")
    expect(english).to_be_focused()
    expect(page).to_have_title("Charts · Putin's 2017 Central Asia tour — a sourced map")


def test_the_story_step_4_and_the_charts_are_in_russian(page, server):
    page.goto(server + "/story?story=4&lang=ru")
    wait_for_map(page)
    wait_settled(page)
    expect(page).to_have_title(re.compile(r"^Рассказ, шаг 4 из 9 · "))
    words = page.locator(".story-step").first.inner_text()
    assert CYRILLIC.search(words), words
    page.goto(server + "/charts?lang=ru")
    wait_settled(page)
    expect(page.get_by_role("heading", name="Графики", exact=True)).to_be_visible()
    # Each chart's own words (plotly's title and axes drawn in SVG) are Russian.
    chart_words = page.locator(".js-plotly-plot .gtitle, .js-plotly-plot .xtitle, .js-plotly-plot .ytitle")
    expect(chart_words.first).to_be_attached()
    words = [w for w in chart_words.all_text_contents() if w.strip()]
    assert words and all(CYRILLIC.search(w) for w in words), words



def test_plotlys_own_words_on_a_russian_chart_are_russian(page, server):
    page.goto(server + "/charts?lang=ru")
    wait_settled(page)
    # The toolbar's tooltips (plotly.js's own Russian locale): hovered, a button shows its title.
    chart = page.locator(".st-key-chart-numbers .js-plotly-plot")
    chart.scroll_into_view_if_needed()
    chart.hover()
    pan = chart.locator('.modebar-btn[data-attr="dragmode"][data-val="pan"]')
    pan.hover()
    expect(pan).to_have_attribute("data-title", "Сдвиг")
    expect(pan).to_have_attribute("aria-label", "Сдвиг")
    expect(chart.locator(".modebar-btn").first).to_have_attribute("data-title", "Сохранить в формате PNG")
    # The numbers on its axes as a Russian reader reads them: no SI suffix ("10k", "1B"), Russian separators.
    ticks = [t.replace("\xa0", " ") for t in chart.locator(".xaxislayer-above text").all_text_contents()]
    assert "1 млрд" in ticks and "10 000" in ticks, ticks
    assert not [t for t in ticks if re.search("[A-Za-z]", t)], ticks


def test_streamlits_skip_link_is_russian_and_the_data_pages_own_downloads_too(page, server):
    page.goto(server + "/data?lang=ru")
    wait_settled(page)
    expect(page.get_by_test_id("stSkipToContent")).to_have_text("Перейти к основному содержимому")
    table = page.get_by_test_id("stDataFrame").first
    table.hover()
    expect(page.get_by_test_id("stElementToolbar").first).to_be_attached()
    # The page's own downloads, in Russian, beside the table's "Download as CSV" (Streamlit's, in English: README).
    expect(page.get_by_role("button", name="Скачать CSV")).to_be_visible()

def test_a_cyrillic_search_finds_its_records(page, server):
    page.goto(server + "/search?lang=ru&q=Душанбе")
    wait_settled(page)
    expect(page.get_by_test_id("stMain")).to_contain_text("Stop 2: Dushanbe")


def test_on_a_phone_the_switch_is_in_the_bar_of_page_links(browser, server):
    # The sidebar, where the switch is on a desktop, is shut on a phone: the bar along the bottom has it first.
    context = Tabs(browser, server, {"width": 390, "height": 844}, phone=True)
    page = context.new_page()
    try:
        # Any page has the bar; the Charts page took 40 s of a busy CI worker (plotly.js), About a quarter of it.
        page.goto(server + "/about?lang=ru")
        wait_settled(page)
        bar = page.locator(".st-key-phone-nav")
        switch = bar.get_by_test_id("language-switch")
        expect(switch.get_by_role("button", name="Русский")).to_have_attribute("aria-pressed", "true")
        box = switch.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["y"] + box["height"] <= 844
        switch.get_by_role("button", name="English").click()
        expect(page).to_have_title("About · Putin's 2017 Central Asia tour — a sourced map")
        page.wait_for_function("() => new URLSearchParams(location.search).get('lang') === 'en'")
        expect(bar.get_by_test_id("language-switch").get_by_role("button", name="English")).to_have_attribute(
            "aria-pressed", "true")
    finally:
        context.close()


# The element focused, through the shadow roots of light components (the switch's buttons are in one).
DEEP_FOCUS_JS = """() => { let e = document.activeElement;
  while (e && e.shadowRoot && e.shadowRoot.activeElement) { e = e.shadowRoot.activeElement; }
  return {testid: e.getAttribute('data-testid'), text: (e.innerText || '').trim(), lang: e.lang,
          pressed: e.getAttribute('aria-pressed'), inMain: !!document.activeElement.closest('[data-testid="stMain"]'),
          inBar: !!document.activeElement.closest('.st-key-phone-nav')}; }"""


# How far the page and each of its scrolling boxes are scrolled.
SCROLLED_JS = """() => [window.scrollY, ...[...document.querySelectorAll('*')].map((e) => e.scrollTop)].reduce(
  (a, b) => a + b, 0)"""


def test_on_a_phone_the_switch_is_reached_first_by_keyboard(browser, server):
    # Issue 30: the bar (and its switch) is drawn after the page, so the switch came last in the Tab order, after
    # every control and link of the page. A link first in the Tab order leads to it, seen only when focused.
    context = Tabs(browser, server, {"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(server + "/compare?lang=ru")
        wait_settled(page)
        skip = page.get_by_test_id("language-skip")
        expect(skip).to_have_text("Язык: English, Русский")
        assert skip.bounding_box()["y"] + skip.bounding_box()["height"] <= 0  # out of sight until focused
        # The first Tab stop, before Streamlit's "Skip to main content" and every control of the page.
        page.keyboard.press("Tab")
        assert page.evaluate(DEEP_FOCUS_JS)["testid"] == "language-skip"
        box = skip.bounding_box()
        assert box["y"] >= 0 and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        scrolled = page.evaluate(SCROLLED_JS)
        page.keyboard.press("Enter")
        focused = page.evaluate(DEEP_FOCUS_JS)
        assert focused["inBar"] and focused["text"] == "Русский" and focused["pressed"] == "true", focused
        # The bar is in view already: the page stays where the reader was (it scrolled 430 px: a fresh reviewer).
        assert page.evaluate(SCROLLED_JS) == scrolled
        # And the switch works from there by keyboard.
        page.keyboard.press("Shift+Tab")
        assert page.evaluate(DEEP_FOCUS_JS)["text"] == "English"
        page.keyboard.press("Enter")
        expect(page).to_have_title("Compare · Putin's 2017 Central Asia tour — a sourced map")
        expect(page.get_by_test_id("language-skip")).to_have_text("Language: English, Русский")
    finally:
        context.close()


def test_on_a_desktop_the_link_to_the_phones_switch_takes_no_tab_stop(page, server):
    page.goto(server + "/compare")
    wait_settled(page)
    expect(page.get_by_test_id("language-skip")).to_be_attached()
    expect(page.get_by_test_id("language-skip")).to_be_hidden()
    page.keyboard.press("Tab")
    assert page.evaluate(DEEP_FOCUS_JS)["testid"] != "language-skip"


# Every chart's words that run out of the chart, lie under its toolbar, or (a subplot's title, an annotation) lie on
# the chart's title or (the numbers chart's subplot titles) on its tick labels: [chart, words, why] each.
CHART_WORDS_JS = """() => {
  const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const out = [];
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const chart = plot.closest('[class*="st-key-chart-"]').className.match(/st-key-chart-([a-z]+)/)[1];
    const box = plot.getBoundingClientRect(), bar = plot.querySelector('.modebar')?.getBoundingClientRect();
    const ticks = [...plot.querySelectorAll('.xtick text, .ytick text')].map((t) => t.getBoundingClientRect());
    const words = '.gtitle, .annotation-text, .xtick text, .ytick text, .textpoint text, .legendtext, .xtitle, ' +
      '.ytitle, .cbaxis text, text[class*="cb"][class$="title"]';
    for (const t of plot.querySelectorAll(words)) {
      const r = t.getBoundingClientRect(), said = t.textContent.slice(0, 40);
      if (!r.width) { continue; }
      if (r.left < box.left - 1 || r.right > box.right + 1) { out.push([chart, said, 'out of the chart']); }
      if (bar?.width && t.matches('.gtitle, .annotation-text') && hit(r, bar)) { out.push([chart, said, 'under the toolbar']); }
      const title = plot.querySelector('.gtitle')?.getBoundingClientRect();
      if (t.matches('.annotation-text') && title?.width && hit(r, title)) { out.push([chart, said, 'on the title']); }
      if (chart === 'numbers' && t.matches('.annotation-text') && ticks.some((k) => k.width && hit(r, k))) {
        out.push([chart, said, 'on a tick label']);
      }
    }
    // A bar's number and unit too, at a desktop's width: written out, the Russian money ran off the chart ("3 800 000
    // 000 до."). On a phone plotly's bars leave them no room in either language (README, "Not yet").
    for (const t of (innerWidth >= 600 ? plot.querySelectorAll('.bartext') : [])) {
      const r = t.getBoundingClientRect();
      if (r.width && (r.left < box.left - 1 || r.right > box.right + 1)) { out.push([chart, t.textContent, 'out of the chart']); }
    }
  }
  return out;
}"""


@pytest.mark.parametrize(("lang", "width"), [("ru", 1280), ("en", 1280), ("ru", 390), ("en", 390)])
def test_every_charts_titles_and_labels_read_whole(browser, server, lang, width):
    # In Russian "Деньги (RUB, USD; логарифмическая шкала)" ran 45 px off the chart's right edge at 1280x800, and on
    # a phone every subplot's title was cut, in English too. A fresh reviewer, on a phone: each chart's title cut
    # ("The tour, day by day: where Putin was, whom he m") under the toolbar's buttons, the articles' and the numbers'
    # names cut on the left, the tour's labels on both sides, the coverage's "excerpts" on the right.
    phone = width < 600
    context = Tabs(browser, server, {"width": width, "height": 844 if phone else 800}, phone=phone)
    try:
        page = context.new_page()
        page.goto(server + f"/charts?lang={lang}")
        charts = page.locator(".js-plotly-plot")
        expect(charts).to_have_count(5)
        for i in range(5):
            charts.nth(i).locator(".gtitle").wait_for()
        page.locator(".st-key-chart-numbers .js-plotly-plot .annotation-text").first.wait_for()
        wait_settled(page)
        assert page.evaluate(CHART_WORDS_JS) == []
    finally:
        context.close()


AXIS_ON_LEGEND_JS = """() => {
  const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const out = [];
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const legend = plot.querySelector('.legend');
    if (!legend) { continue; }
    const box = legend.getBoundingClientRect();
    for (const t of plot.querySelectorAll('.xtitle, .ytitle')) {
      if (t.getBoundingClientRect().width && hit(t.getBoundingClientRect(), box)) { out.push(t.textContent); }
    }
  }
  return out;
}"""


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_charts_axis_title_lies_on_its_legend(page, server, lang):
    # A fresh reviewer: "дата" lay on the tour chart's legend, "год" ("year") on the timeline's.
    page.goto(server + f"/charts?lang={lang}&org=CSTO")
    for key in ("membership", "tour"):
        page.locator(f".st-key-chart-{key} .js-plotly-plot .legend").wait_for()
    wait_settled(page)
    assert page.evaluate(AXIS_ON_LEGEND_JS) == []


# Words a browser shows (text, a title, a label) that are English (three Latin words, no Cyrillic) in an element whose
# language is Russian, in the page and its same-origin frames: [where, what, the words].
UNMARKED_ENGLISH_JS = """() => {
  const out = [];
  const english = (s) => /[A-Za-z]{3,}[ ,.]+[A-Za-z]{3,}[ ,.]+[A-Za-z]{3,}/.test(s) && !/[А-Яа-яЁё]/.test(s);
  const russian = (el) => { const l = el.closest('[lang]'); return !!l && l.getAttribute('lang').startsWith('ru'); };
  const walk = (doc, where) => {
    const texts = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let n = texts.nextNode(); n; n = texts.nextNode()) {
      const el = n.parentElement, t = n.textContent.trim();
      if (t && english(t) && !el.closest('script, style, template, noscript') && russian(el)) {
        out.push([where, 'text', t.slice(0, 80)]);
      }
    }
    doc.querySelectorAll('[title], [aria-label], [alt], [placeholder]').forEach((el) => {
      for (const a of ['title', 'aria-label', 'alt', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v && english(v) && russian(el)) { out.push([where, a, v.slice(0, 80)]); }
      }
    });
    doc.querySelectorAll('iframe').forEach((f, i) => {
      try { if (f.contentDocument && f.contentDocument.body) { walk(f.contentDocument, `${where} > frame ${i}`); } }
      catch (e) { /* another origin */ }
    });
  };
  walk(document, 'page');
  return out;
}"""


def test_no_english_words_go_unmarked_on_the_russian_map_and_in_its_published_file(page, server, tmp_path):
    # A fresh reviewer (issue 28): Leaflet's own link, titled "A JavaScript library for interactive maps", carried no
    # lang="en" in a Russian page, on the live map and in the published file.
    page.goto(server + "/?lang=ru")
    wait_for_map(page)
    assert page.evaluate(UNMARKED_ENGLISH_JS) == []

    from dashboard import i18n
    from dashboard.corpus.load import load_corpus
    from dashboard.downloads.embed import build_embed
    from dashboard.downloads.snapshot import make_snapshot
    from dashboard.map.geo import load_borders, load_countries
    from dashboard.query import link as vs
    from tests.conftest import ROOT

    with i18n.override("ru"):
        snap = make_snapshot(load_corpus(), vs.ViewState(lang="ru"), made=dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC))
        html = build_embed(snap, load_countries(ROOT / "geodata"), load_borders(ROOT / "geodata"))
    path = tmp_path / "published-ru.html"
    path.write_text(html, encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_function("() => window.__layoutDone === true")
    assert page.locator(".leaflet-control-attribution a[lang=en]").count() == 1
    assert page.evaluate(UNMARKED_ENGLISH_JS) == []
