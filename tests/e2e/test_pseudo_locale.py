"""Nothing left behind (issue 30): every page walked in a fake language, where every word of ours goes through
the catalog bracketed and accented ('⟦Fîltérš⟧', dashboard/i18n.py PSEUDO). A visible text, or a name a screen
reader hears (aria-label, title, alt, placeholder), that is neither bracketed nor the corpus's own words is a
word of ours that did not go through the catalog: the test names it and the page it is on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard import i18n
from tests.e2e.conftest import ARTIFACTS, ROOT, STATE_WAIT_MS, _serve
from tests.e2e.contexts import Tabs
from tests.e2e.helpers import wait_for_map, wait_settled

# The pages, as a reader reaches them; each with what makes it show its words (a selection, a search, a step).
PAGES = [
    ("map", "/?sel=stop-dushanbe"),
    ("map, nothing selected", "/?country=TJ"),
    ("story", "/story?story=4"),
    ("story overview", "/story-overview"),
    ("charts", "/charts"),
    ("articles", "/reader?source=toured-2017"),
    ("compare", "/compare"),
    ("search", "/search?q=Dushanbe"),
    ("data", "/data"),
    ("about", "/about"),
]

# Every visible text node and accessible name, with where it is (a CSS-ish path), in the page and its frames.
# Streamlit's own chrome (its header's menu, the toolbar, the status widget, its icons' names) is left out: its words
# are not ours and cannot be translated (README: Streamlit issues #1353 and #15726); so is Leaflet's scale bar, whose
# units ("km", "mi") Leaflet writes itself.
TEXTS_JS = r"""() => {
  const skip = '[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stStatusWidget"], ' +
               '[data-testid="stSidebarHeader"], [data-testid="stIconMaterial"], [data-testid="stTooltipIcon"], ' +
               '[data-testid="stAlertDynamicIcon"], .leaflet-control-scale, ' +
               // Streamlit's own buttons on a table ("Search", "Fullscreen", …) and on a chart ("Fullscreen"): README.
               '[data-testid="stElementToolbar"], .stPlotlyChart .modebar-btn[data-title$="ullscreen"], ' +
               // A search hit's snippet: the corpus's words, its fields run together (a title, a publisher, a date).
               '.sr-snip, ' +
               'script, style, noscript, template, .leaflet-control-attribution';
  const out = [];
  const where = (el) => {
    const parts = [];
    for (let n = el; n && n.nodeType === 1 && parts.length < 4; n = n.parentElement) {
      parts.unshift(n.tagName.toLowerCase() + (n.dataset && n.dataset.testid ? `[${n.dataset.testid}]` :
        (n.className && typeof n.className === 'string' ? '.' + n.className.trim().split(/\s+/)[0] : '')));
    }
    return parts.join('>');
  };
  const walk = (root) => {
    const tw = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n = tw.currentNode; n; n = tw.nextNode()) {
      if (n.nodeType === 1) {
        if (n.matches(skip)) { const next = n.nextSibling; continue; }
        for (const a of ['aria-label', 'title', 'alt', 'placeholder', 'aria-description']) {
          const v = n.getAttribute(a);
          if (v && v.trim() && !n.closest(skip)) { out.push([v, where(n) + `@${a}`]); }
        }
        if (n.shadowRoot) { walk(n.shadowRoot); }
        continue;
      }
      const el = n.parentElement;
      if (!el || el.closest(skip) || !n.textContent.trim()) { continue; }
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') { continue; }
      out.push([n.textContent, where(el)]);
    }
  };
  walk(document.body);
  return out;
}"""


def _haystack() -> str:
    """The corpus's own words, folded: the articles, the annotations, the story's quotes, the references."""
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.*"))]
    parts += [(ROOT / "annotations.yaml").read_text(encoding="utf-8")]
    parts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "stories").glob("*.yaml"))]
    parts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "reference").glob("*.*"))]
    from dashboard.corpus.codes import COUNTRY_NAMES

    parts += list(COUNTRY_NAMES.values())
    return _fold("\n".join(parts))


def _fold(text: str) -> str:
    # YAML's folded lines and quoting, typographic quotes, dashes, the ellipsis of a shortened label, the arrow of a
    # link and the pseudo-locale's brackets: compared as words, not as characters.
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    folded = " ".join(re.sub(r"[\"'>|\\\-…↗↓«»⟦⟧]", " ", text).split()).casefold()
    return folded.rstrip(".?!")


_BRACKETED = re.compile(re.escape(i18n.PSEUDO_OPEN) + "[^" + i18n.PSEUDO_OPEN + i18n.PSEUDO_CLOSE + "]*"
                        + re.escape(i18n.PSEUDO_CLOSE))
_LETTERS = re.compile(r"[^\W\d_]{2,}")
# The pseudo-locale's accented vowels: a piece of a translated message whose markup split it across text nodes
# (its brackets in other nodes) still shows them; the corpus's English has none of them.
_ACCENTED = re.compile("[åçéîñöšûýžÅÇÉÎÑÖŠÛÝŽ]")
# A number and a unit, which has no vowel for the pseudo-locale to accent ("3,061 km": Russian "3 061 км").
_UNITS = re.compile(r"[\d.,\s]*(?:km|m|mi|ft|kB|MB|px)")
# Not English: Russian names the search indexes (Россия), a version's hash.
_NOT_WORDS = re.compile(r"[\u0400-\u04FF]|^[0-9a-f]{12}\.?$")
# A number before the corpus's own unit: a chart's bar ("1,000 people a year", "50 % of GDP").
_NUMBER_HEAD = re.compile(r"^[\d.,]+(?:\s*%)?\s+")
_UNIT_TAIL = re.compile(r"\s+\d[\d.,]*\s*(?:km|m|mi|ft|kB|MB|px)$")
# Names that are not words of ours to translate: Streamlit's own (its sidebar, the map component's frame), and
# each language in the switch named in itself.
NOT_OURS = {"Sidebar", "Collapse sidebar", "Expand sidebar", "streamlit_folium.st_folium", *i18n.LANGUAGES.values()}


def unbracketed(text: str, haystack: str) -> list[str]:
    """The words of `text` that are ours and not translated: neither accented by the pseudo-locale (⟦Fîltérš⟧) nor
    the corpus's own. A value put into a translated sentence ('⟦Çöûñtrîéš šhådéd bý⟧ CSTO') is looked up too: each
    run of unaccented words, between the dashboard's separators, must be the corpus's words, whole."""
    left = []
    plain = text.replace(i18n.PSEUDO_OPEN, " ").replace(i18n.PSEUDO_CLOSE, " ")
    for chunk in re.split(r",(?!\d)|\.\s|[·•|;:()\[\]\n/→—–]+", plain):
        runs, run = [], []
        for word in chunk.split():
            if _ACCENTED.search(word):
                runs.append(run)
                run = []
            else:
                run.append(word)
        runs.append(run)
        for words in runs:
            # A lone letter (the start's badge, "M") and a distance after a name ("Dushanbe 3,061 km") are not words
            # the pseudo-locale can accent.
            words = words[1:] if words and len(words[0]) == 1 and words[0].isalpha() else words
            said = _UNIT_TAIL.sub("", " ".join(words))
            if _LETTERS.search(said) and said not in NOT_OURS and _fold(said) not in haystack \
                    and _fold(_NUMBER_HEAD.sub("", said)) not in haystack \
                    and not _UNITS.fullmatch(said) and not _NOT_WORDS.search(said):
                left.append(said)
    return left


@pytest.fixture(scope="module")
def pseudo_server():
    ARTIFACTS.mkdir(exist_ok=True)
    proc, url = _serve(env={i18n.PSEUDO_ENV: "1"})
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.mark.parametrize("name, path", PAGES, ids=[p[0] for p in PAGES])
def test_every_word_of_ours_on_the_page_went_through_the_catalog(browser, pseudo_server, name, path):
    context = Tabs(browser, pseudo_server, {"width": 1280, "height": 800})
    page = context.new_page()
    sep = "&" if "?" in path else "?"
    page.goto(f"{pseudo_server}{path}{sep}lang={i18n.PSEUDO}")
    if name.startswith("map") or name == "story":
        wait_for_map(page)
    if name == "charts":
        # plotly draws its charts, their toolbars and axes a while after the run: looked at before, they passed unseen.
        page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .modebar-btn').length > 0 && "
                               "[...document.querySelectorAll('.stPlotlyChart')].every(c => c.querySelector('.xtick'))",
                               timeout=STATE_WAIT_MS)
    if name == "data":
        expect(page.get_by_test_id("stElementToolbar").first).to_be_attached()
    wait_settled(page)
    haystack = _haystack()
    found = []
    for frame in page.frames:
        for text, where in frame.evaluate(TEXTS_JS):
            for words in unbracketed(text, haystack):
                found.append(f"{words!r} at {where}")
    if found:
        stem = ARTIFACTS / f"pseudo-{name.replace(' ', '-').replace(',', '')}"
        page.screenshot(path=str(stem) + ".png", full_page=True)
        Path(str(stem) + ".txt").write_text("\n".join(sorted(set(found))) + "\n", encoding="utf-8")
    context.close()
    assert sorted(set(found)) == [], f"{name}: words of ours not in the catalog"


def test_the_check_finds_a_word_left_in_english_and_passes_corpus_words_and_translated_ones():
    haystack = _fold("Putin arrived in Dushanbe on 27 February; the Kant air base")
    assert unbracketed("⟦Fîltérš⟧ 12 · Putin arrived in Dushanbe", haystack) == []
    assert unbracketed("⟦Šhöw⟧ Clear all", haystack) == ["Clear all"]
    assert unbracketed("Kant · ⟦Ävîåtîöñ⟧ · 27 February", haystack) == []
    assert unbracketed("Kant air base · 27 Feb 2017", haystack) == ["27 Feb 2017"]
    # A value put into a translated sentence is looked up on its own.
    assert unbracketed("⟦Çöûñtrîéš šhådéd bý Kant⟧", haystack) == []
    assert unbracketed("⟦Çöûñtrîéš šhådéd öñ 27 Feb 2017⟧", haystack) == ["27 Feb 2017"]
    assert unbracketed("⟦⟦M Dushanbe 3,061 km⟧: whéré⟧", haystack) == []
    assert unbracketed("Kant air base", haystack) == []
    assert unbracketed("Zoom in", haystack) == ["Zoom in"]
    assert unbracketed("3 km", haystack) == []  # a unit has no vowel to accent
    # A number before the corpus's words (a bar's label, its unit the corpus's) is the corpus's; before ours, not.
    assert unbracketed("1,000 air base", haystack) == [] and unbracketed("1,000 records", haystack) == ["1,000 records"]
    assert unbracketed("Under a deal, the Kant air base", _fold("Under a deal, the Kant air base")) == []
