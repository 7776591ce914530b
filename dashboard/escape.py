"""Every string from annotations.yaml, seeds/ or the URL is escaped here, once, for where it is shown (pure).

Each function takes any object (its `str()` is escaped) and returns text that shows exactly as written in
its destination, never as markup:

- `html`: HTML text and quoted attribute values (the briefing file, SVG, st.html, st.iframe pages);
- `html_block` / `html_line`: HTML that `st.markdown(unsafe_allow_html=True)` shows, where markdown, LaTeX and
  Streamlit's directives would otherwise read `*`, `$`, `:` …; `html_line` also folds whitespace, since a
  blank line ends the HTML block;
- `template`: HTML inside folium's Jinja templates and JavaScript template literals (`` ` ``, `$`, `\\`, `{`,
  `}` as character references too);
- `plotly`: plotly text, which reads `<b>`, `<br>`, `<a>` as markup;
- `markdown`: plain text for `st.markdown` and Streamlit labels (no HTML, markdown, LaTeX or directives);
- `script_json`: a value as JSON that may sit inside a `<script>` element or an attribute;
- `url`: a URL from the corpus (a reference's address) in a link: what a URL cannot hold percent-encoded;
- `query`: the app's own query strings (`reader?source=…`, `./?org=CSTO,EAEU`, a script's `?geojson=…`);
- `with_lang`: HTML text as `html`, `html_block`, `html_line` or `template` give it, with each run in a language
  other than the page's marked: Russian `<span lang="ru">` on an English page, English `<span lang="en">` on a
  Russian one (WCAG 3.1.2). Text only: an attribute's value cannot carry a language of its own.

A URL is escaped for the link first (`url`, `query`), then for the place the link sits (`html`, `html_line`).

Tests: tests/unit/test_escaping.py, and the hostile corpus (tests/hostile.py) on every page and download.
"""

from __future__ import annotations

import html as _html
import json
import re
import urllib.parse
from collections.abc import Callable, Mapping

from dashboard import i18n

# Characters markdown (and Streamlit's LaTeX and directives) read as syntax, as HTML character references.
_MD_AS_ENTITIES = str.maketrans({ch: f"&#{ord(ch)};" for ch in "\\`*_{}[]()#+-.!|~$:"})
# What folium's templates and JavaScript template literals would interpret.
_TEMPLATE_UNSAFE = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;", "{": "&#123;", "}": "&#125;"})
# After markdown's backslash escapes: a colon before a letter, digit, _, + or - (escaped or not) could open
# :smile:, :+1:, :-1:, :material/…: or :red[…]. A URL's "://" is left alone, so a copied link still works.
_DIRECTIVE_COLON = re.compile(r":(?=\\?[A-Za-z0-9_+\-])")
_MARKDOWN_SYNTAX = "\\`*_{}[]()#+-.!|<>~$:"
# A run of Russian: words in the Russian alphabet, and what lies between them that is in no alphabet (spaces,
# digits, punctuation). The corpus's one language besides English is Russian (aliases, references' titles and
# quotes, notes that quote them); Kazakh's or Tajik's own letters are not taken for Russian.
_RU_WORD = r"(?<![\u0400-\u04FF])[А-Яа-яЁё]+(?![\u0400-\u04FF])"
_RUSSIAN_RUN = re.compile(_RU_WORD + r"(?:[^A-Za-z\u0400-\u04FF\u00C0-\u024F]+" + _RU_WORD + ")*")
# A run of English (Latin letters) on a Russian page: the corpus's titles, notes and quotes.
_LATIN_WORD = r"(?<![A-Za-z\u00C0-\u024F])[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)?(?![A-Za-z\u00C0-\u024F])"
# What closes it goes with it: a bracket, a question mark, a number after its last word ("or 15?").
_LATIN_RUN = re.compile(_LATIN_WORD + r"(?:[^A-Za-z\u0400-\u04FF\u00C0-\u024F]+" + _LATIN_WORD + ")*"
                        + r"(?:[\s\d.,:;!?%'’\"”)\]–-]*[\d.,:;!?%'’\"”)\]])?")
# What a URL is made of and keeps: its delimiters, and '%' for what is percent-encoded already.
_URL_KEEPS = ":/?&=%#+,;~"


def html(text: object) -> str:
    """HTML text or a quoted attribute value: &, <, >, " and ' as character references."""
    return _html.escape(str(text), quote=True)


def html_block(text: object) -> str:
    """HTML that st.markdown(unsafe_allow_html=True) shows: tags, and markdown's characters too, as character
    references (shown as themselves whether or not markdown reads the block)."""
    # Quotes last: their references ("&#x27;") hold a '#', which the table would escape again.
    escaped = _html.escape(str(text), quote=False).translate(_MD_AS_ENTITIES)
    return escaped.replace('"', "&quot;").replace("'", "&#39;")


def html_line(text: object) -> str:
    """html_block, with whitespace folded to single spaces (a blank line would end the HTML block)."""
    return html_block(" ".join(str(text).split()))


def template(text: object) -> str:
    """HTML that passes through folium's Jinja templates and JavaScript template literals unread."""
    return html(text).translate(_TEMPLATE_UNSAFE)


def plotly(text: object) -> str:
    """Text for plotly, which reads <b>, <br>, <a> … as markup: shown literally instead."""
    return _html.escape(str(text), quote=False)


def markdown(text: object) -> str:
    """Text for st.markdown and Streamlit labels: no HTML, no markdown, no LaTeX, no directives.

    Every markdown and LaTeX character is backslash-escaped. Streamlit reads :material/home: and emoji
    shortcodes (:smile:) after escapes are undone, so a colon that could open one is followed by an invisible
    word joiner (U+2060).
    """
    escaped = _html.escape(str(text), quote=False)
    for ch in _MARKDOWN_SYNTAX:
        escaped = escaped.replace(ch, "\\" + ch)
    return _DIRECTIVE_COLON.sub(":\u2060", escaped)


def script_json(value: object) -> str:
    """Compact JSON that can neither end nor comment out the element it sits in (<, > and & as \\u00XX)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def url(address: object) -> str:
    """A URL from the corpus for a link (an href, a markdown link's target): spaces, quotes, <, >, parentheses,
    backslashes and non-ASCII characters percent-encoded; its delimiters (: / ? & = # + , ; ~) and its
    percent-escapes kept, so that it leads where it did."""
    return urllib.parse.quote(str(address), safe=_URL_KEEPS)


def query(params: Mapping[str, object]) -> str:
    """The app's query string from names and values: each percent-encoded (a space as '+', '&', '=', '#' and
    '/' as escapes), a comma kept, since a list is one comma-separated value (org=CSTO,EAEU)."""
    return urllib.parse.urlencode(params, safe=",")


def with_lang(text: object, escaper: Callable[[object], str] = html) -> str:
    """HTML text escaped by `escaper` (html, html_block, html_line or template), with each run in another
    language than the page's marked, so that a screen reader reads it in its own (WCAG 3.1.2): Russian
    `<span lang="ru">…</span>` on an English page, English `<span lang="en">…</span>` on a Russian page (the
    page speaks i18n.active()). For text between tags only, never an attribute's value.

        with_lang("CSTO (ОДКБ)") == 'CSTO (<span lang="ru">ОДКБ</span>)'   # on an English page
        with_lang("CSTO (ОДКБ)") == '<span lang="en">CSTO</span> (ОДКБ)'   # on a Russian page
    """
    raw = str(text)
    if escaper is html_line:  # folded once, whole: folding each piece would drop the spaces between them
        raw, escaper = " ".join(raw.split()), html_block
    other, runs = ("en", _LATIN_RUN) if i18n.active() == "ru" else ("ru", _RUSSIAN_RUN)
    out, at = [], 0
    for run in runs.finditer(raw):
        out += [escaper(raw[at:run.start()]), f'<span lang="{other}">{escaper(run.group())}</span>']
        at = run.end()
    out.append(escaper(raw[at:]))
    return "".join(out)


def english(tag: str, text: object, attrs: str = "") -> str:
    """The corpus's words (English, verbatim: a quote, a title, a note) as an element of their own, escaped. On a page
    in another language the element itself is marked lang="en" (one attribute, not spans around its runs), and a
    Russian run within it lang="ru"; otherwise as with_lang marks it. `attrs`: the element's own, escaped."""
    if i18n.active() in (i18n.DEFAULT, i18n.PSEUDO):  # the pseudo-locale's page is English underneath
        return f"<{tag}{attrs}>{with_lang(text)}</{tag}>"
    with i18n.override(i18n.DEFAULT):
        inner = with_lang(text)
    return f'<{tag}{attrs} lang="en">{inner}</{tag}>'
