"""Nothing left behind (issue 30): every page walked in a fake language, where every word of ours goes through
the catalog bracketed and accented ('⟦Fîltérš⟧', dashboard/i18n.py PSEUDO). A visible text, or a name a screen
reader hears (aria-label, title, alt, placeholder), that is neither bracketed nor the corpus's own words is a
word of ours that did not go through the catalog: the test names it and the page it is on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard import i18n
from tests.e2e.conftest import ARTIFACTS, ROOT, _serve
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
# Streamlit's own chrome (its header's menu, the toolbar, the status widget) is left out: its words are not ours
# and cannot be translated (README: Streamlit issues #1353 and #15726).
TEXTS_JS = r"""() => {
  const skip = '[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stStatusWidget"], ' +
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
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    parts += [(ROOT / "annotations.yaml").read_text(encoding="utf-8")]
    parts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "stories").glob("*.yaml"))]
    parts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "reference").glob("*.*"))]
    from dashboard.corpus.codes import COUNTRY_NAMES

    parts += list(COUNTRY_NAMES.values())
    return _fold("\n".join(parts))


def _fold(text: str) -> str:
    # YAML's folded lines and quoting, typographic quotes and dashes: compared as words, not as characters.
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(re.sub(r"[\"'>|\\-]", " ", text).split()).casefold()


_BRACKETED = re.compile(re.escape(i18n.PSEUDO_OPEN) + ".*?" + re.escape(i18n.PSEUDO_CLOSE), re.S)
_LETTERS = re.compile(r"[^\W\d_]{2,}")


def unbracketed(text: str, haystack: str) -> list[str]:
    """The words of `text` that are ours and not translated: outside ⟦…⟧ and not found in the corpus."""
    left = []
    for piece in _BRACKETED.split(text):
        # Values the dashboard joins with its separators ('Visit stop · 27 Feb 2017 · Dushanbe') are looked up
        # one by one; each must be the corpus's words, whole.
        for chunk in re.split(r"[·•|;:,()\[\]\n/→—–]+", piece):
            folded = _fold(chunk)
            if _LETTERS.search(chunk) and folded not in haystack:
                left.append(chunk.strip())
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
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    sep = "&" if "?" in path else "?"
    page.goto(f"{pseudo_server}{path}{sep}lang={i18n.PSEUDO}")
    if name.startswith("map") or name == "story":
        wait_for_map(page)
    wait_settled(page)
    haystack = _haystack()
    found = []
    for frame in page.frames:
        for text, where in frame.evaluate(TEXTS_JS):
            for words in unbracketed(text, haystack):
                found.append(f"{words!r} at {where}")
    if found:
        page.screenshot(path=str(ARTIFACTS / f"pseudo-{name.replace(' ', '-')}.png"), full_page=True)
    context.close()
    assert sorted(set(found)) == [], f"{name}: words of ours not in the catalog"


def test_the_check_finds_a_word_left_in_english_and_passes_corpus_words_and_translated_ones():
    haystack = _fold("Putin arrived in Dushanbe on 27 February; the Kant air base")
    assert unbracketed("⟦Fîltérš⟧ 12 · Putin arrived in Dushanbe", haystack) == []
    assert unbracketed("⟦Šhöw⟧ Clear all", haystack) == ["Clear all"]
    assert unbracketed("Kant · ⟦Ävîåtîöñ⟧ · 27 February", haystack) == []
    assert unbracketed("Kant air base · 27 Feb 2017", haystack) == ["27 Feb 2017"]
    assert unbracketed("Kant air base", haystack) == []
    assert unbracketed("3 km", haystack) == ["3 km"]
    assert Path(ROOT / "seeds").is_dir()
