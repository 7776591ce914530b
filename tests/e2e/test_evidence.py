"""Charts, the reader and their links to the map."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import choose, wait_for_map


def test_an_excerpt_deep_link_highlights_the_quote_in_view(page, server):
    page.goto(server + "/reader?source=cement-2017&excerpt=site-kant.0")
    reader = page.frame_locator('iframe[srcdoc*="Highlighted passages"]')
    mark = reader.locator("mark.focus").first
    expect(mark).to_contain_text("Su-25 combat planes")
    expect(mark).to_be_in_viewport()
    expect(reader.locator("#info")).to_contain_text("Kant air base")


def test_an_excerpt_in_the_map_pages_list_opens_its_article_in_a_new_tab(page, server):
    page.goto(server + "/?country=KG&kind=military_site")
    wait_for_map(page)
    card = page.locator(".excerpt-list article").filter(has_text="Kant air base").first
    with page.context.expect_page() as opened:
        card.get_by_role("link", name="Read in the article").click()
    article = opened.value
    mark = article.frame_locator('iframe[srcdoc*="Highlighted passages"]').locator("mark.focus").first
    expect(mark).to_be_in_viewport()
    assert "country=KG" in page.url, "the map's tab keeps its view"


def test_the_excerpt_pager_turns_pages_and_a_new_filter_starts_again_at_page_one(page, server):
    page.goto(server + "/")
    wait_for_map(page)
    where = page.locator(".excerpt-list .where")
    expect(where).to_contain_text("page 1 of")
    first = page.locator(".excerpt-list article h4").first.text_content()
    page.get_by_role("button", name="Next page").click()
    expect(where).to_contain_text("page 2 of")
    expect(page.locator(".excerpt-list article h4").first).not_to_have_text(first)
    choose(page, "country", "Kyrgyzstan")
    expect(where).to_contain_text("page 1 of")


def test_clicking_a_chart_mark_selects_its_record_for_the_map(page, server):
    page.goto(server + "/charts?country=KG")
    # The membership timeline itself: charts finish drawing in any order, so "the first plot" is not it.
    chart = page.locator(".st-key-chart-membership .js-plotly-plot")
    chart.wait_for()
    chart.locator("g.point path").first.click(force=True)
    page.wait_for_function("() => location.search.includes('sel=m-')")
    page.get_by_role("link", name="Map", exact=True).click()
    expect(page.get_by_text("Kyrgyzstan in the").first).to_be_visible()


def _drawn(page) -> dict[str, dict]:
    """Each chart as Plotly drew it, by its Streamlit key: title (its lines joined by spaces) and traces (name, x,
    y, z)."""
    return page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('.js-plotly-plot')).map(d => [
        Array.from(d.closest('[class*=st-key-]').classList).find(c => c.startsWith('st-key-')).slice(7),
        {title: Array.from(d.querySelectorAll('.gtitle .line')).map(l => l.textContent).join(' ')
                || d.querySelector('.gtitle').textContent,
         traces: d.data.map(t => ({name: t.name, x: t.x, y: t.y, z: t.z}))}]))""")


def test_every_chart_draws_the_records_it_is_given(page, server):
    from dashboard.corpus.load import load_corpus
    from dashboard.corpus.model import Figure, Membership

    corpus = load_corpus()
    page.goto(server + "/charts")
    charts = page.locator(".js-plotly-plot")
    expect(charts).to_have_count(5)
    for i in range(5):
        charts.nth(i).scroll_into_view_if_needed()
        charts.nth(i).screenshot(path=str(ARTIFACTS / f"chart-{i}.png"))
    drawn = _drawn(page)
    assert set(drawn) == {"chart-membership", "chart-tour", "chart-topics", "chart-numbers", "chart-coverage"}
    timeline = drawn["chart-membership"]
    assert timeline["title"] == "Who belonged to which grouping, 1991 to today"
    assert sum(len(t["y"]) for t in timeline["traces"]) == sum(isinstance(r, Membership) for r in corpus.records)
    assert {"member", "observer", "suspended", "former"} <= {t["name"] for t in timeline["traces"]}
    assert {"Almaty", "Dushanbe", "Bishkek"} <= set(drawn["chart-tour"]["traces"][0]["y"])
    numbers = drawn["chart-numbers"]
    assert sum(len(t["x"]) for t in numbers["traces"]) == sum(isinstance(r, Figure) for r in corpus.records)
    coverage = drawn["chart-coverage"]["traces"][0]
    # Each article's name wrapped to lines of a phone's width, every word kept.
    assert [y.replace("<br>", " ") for y in coverage["y"]] == [s.label for s in corpus.sources.values()]
    assert all(sum(row) > 0 for row in coverage["z"])  # every article has excerpts


def test_the_charts_follow_the_filter(page, server):
    # Kyrgyzstan: its eight membership periods over time (CIS, CSTO, EurAsEC, EAEU, SCO, C5+1 ...), one stop.
    page.goto(server + "/charts?country=KG")
    page.locator(".st-key-chart-coverage .js-plotly-plot").wait_for()
    page.locator(".st-key-chart-membership .js-plotly-plot").wait_for()
    drawn = _drawn(page)
    assert sum(len(t["y"]) for t in drawn["chart-membership"]["traces"]) == 8
    rows = {y for t in drawn["chart-membership"]["traces"] for y in t["y"]}
    assert rows and all("Kyrgyzstan" in row for row in rows), rows
    assert "Bishkek" in drawn["chart-tour"]["traces"][0]["y"] and "Almaty" not in drawn["chart-tour"]["traces"][0]["y"]
