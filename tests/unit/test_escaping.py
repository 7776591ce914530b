"""dashboard/escape.py: text from the data or a URL shown exactly as written, never as markup, wherever it goes
(issue 12, case 3; issue 26: one module for every destination)."""

from __future__ import annotations

import html
import json

import pytest
from markdown_it import MarkdownIt

from dashboard.escape import markdown as md
from dashboard.escape import plotly as chart_esc

# Every character that markdown (with Streamlit's extras: ~~strike~~, $math$, | tables) or HTML could read as
# syntax, and what md() must turn it into.
ESCAPED = {
    "\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "{": "\\{", "}": "\\}", "[": "\\[", "]": "\\]",
    "(": "\\(", ")": "\\)", "#": "\\#", "+": "\\+", "-": "\\-", ".": "\\.", "!": "\\!", "|": "\\|",
    "~": "\\~", "$": "\\$",
    "<": "&lt;", ">": "&gt;", "&": "&amp;",
}


@pytest.mark.parametrize(("char", "expected"), ESCAPED.items(), ids=[repr(c) for c in ESCAPED])
def test_every_syntax_character_is_escaped(char, expected):
    assert md(char) == expected
    assert md(f"a{char}b") == f"a{expected}b"


def test_a_colon_is_escaped_and_one_that_could_open_a_directive_cannot():
    # Streamlit reads :name: as an emoji or icon (:+1:, :100:) and :red[...] as a colour: an invisible word
    # joiner (U+2060) after a colon before a letter, digit, _ or + keeps it literal where `\:` alone does not.
    assert md(":") == "\\:" and md("a: b") == "a\\: b" and md("https://x") == "https\\://x"
    assert md("a:b") == "a\\:\u2060b" and md("1:2") == "1\\:\u20602"
    assert md(":+1:") == "\\:\u2060\\+1\\:" and md(":-1:") == "\\:\u2060\\-1\\:"




def test_plain_text_and_quotes_pass_unchanged():
    # Our excerpts are full of quotes, apostrophes and dashes: they stay as they are.
    text = "Putin's \"tour\" – 27 February 2017: Kazakhstan, Tajikistan; Kyrgyzstan? ‘yes’ «да» ©"
    assert md(text) == text.replace("-", "\\-").replace(":", "\\:")
    assert md(2017) == "2017" and md(1.5) == "1\\.5" and md(None) == "None"


def test_a_backslash_is_escaped_before_what_follows_it():
    assert md("\\*") == "\\\\\\*"        # shown as \* , not as an escaped star
    assert md("&lt;") == "&amp;lt;"      # shown as &lt; , not as <


HOSTILE = [
    "**bold** and _italic_",
    "[a link](javascript:alert(1))",
    "![an image](http://x/y.png)",
    "<img src=x onerror=alert(1)> <script>alert(2)</script>",
    "`code` and ```fenced```",
    "# a heading",
    "- a list item",
    "1. a numbered item",
    "> a quote",
    "| a | table |",
    "~~struck~~ and $x^2$",
    "a\\*b\\_c",
    "&amp; &#60;script&#62;",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_shows_the_text_itself(text):
    rendered = MarkdownIt("commonmark").render(md(text)).strip()
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    inner = rendered[len("<p>"):-len("</p>")]
    assert "<" not in inner.replace("&lt;", "")
    # The same text, but for the invisible word joiner after a colon that precedes a letter.
    shown = html.unescape(inner)
    assert shown.replace("\u2060", "") == text
    assert all(shown[i - 1] == ":" for i, ch in enumerate(shown) if ch == "\u2060")



@pytest.mark.parametrize("ch", list("\\`*_{}[]()#+-.!|~$:"))
def test_every_markdown_and_latex_character_is_backslash_escaped(ch):
    assert md(f"a{ch} b") == f"a\\{ch} b"


@pytest.mark.parametrize(("text", "expected"), [
    ("<b>x</b>", "\\&lt;b\\&gt;x\\&lt;/b\\&gt;".replace("\\&", "&")),
    (":material/home:", "\\:\u2060material/home\\:"),   # Streamlit's icon code, broken invisibly
    (":smile:", "\\:\u2060smile\\:"),                    # an emoji shortcode
    (":red[c]", "\\:\u2060red\\[c\\]"),                  # a colour directive
    ("Stop 1: Almaty", "Stop 1\\: Almaty"),              # an ordinary colon stays as it was
    ("Назарбаев’s “partner”", "Назарбаев’s “partner”"),
])
def test_md_examples(text, expected):
    assert md(text) == expected


def test_chart_text_shows_tags_as_text():
    assert chart_esc("<b>x</b> & <br>") == "&lt;b&gt;x&lt;/b&gt; &amp; &lt;br&gt;"


def test_html_text_shows_markdown_and_tags_as_themselves():
    from dashboard.escape import html_block as html_text

    text = "**Kant** `x` $a$ [l](javascript:alert(1)) <b>&"
    out = html_text(text)
    assert not any(ch in out for ch in "*`$[]()<>") and "&amp;" in out
    assert html.unescape(out) == text
    rendered = MarkdownIt("commonmark").render(f'<p class="x">{out}</p>')
    assert "<strong>" not in rendered and "<code>" not in rendered and "<a " not in rendered


def test_html_text_shows_quotes_and_apostrophes_as_themselves():
    # Issue 24: an apostrophe came out as "&&#35;x27;" (its reference's '#' escaped again), which a browser
    # shows as the literal "&#x27;": "Afghanistan&#x27;s" in the map's description and the evidence tables.
    from dashboard.escape import html_block as html_text

    for text in ("Afghanistan's outline", 'the "longest" border', "Kazakhstan’s # 1 & <only>"):
        out = html_text(text)
        assert html.unescape(out) == text
        assert "'" not in out and '"' not in out


# --- the rest of dashboard/escape.py: one row per destination, each with what must not survive.

from dashboard import escape  # noqa: E402

ATTACK = "<script>alert('x')</script> \"q\" & `t` ${x} {{y}} \\n *b* $m$ :smile: </ &lt;"


@pytest.mark.parametrize(("fn", "forbidden"), [
    # HTML text and attributes: no tag, no raw quote that could close an attribute.
    (escape.html, ["<script", "'", '"']),
    # HTML inside st.markdown: also no markdown, LaTeX or directive character.
    (escape.html_block, ["<script", "'", '"', "*", "$", "`", ":", "\\"]),
    # folium's templates and JS template literals: also no backtick, dollar, brace or backslash.
    (escape.template, ["<script", "'", '"', "`", "$", "{", "}", "\\"]),
    # plotly's markup: no tag.
    (escape.plotly, ["<script", "<b"]),
], ids=["html", "html_block", "template", "plotly"])
def test_each_destination_loses_its_syntax(fn, forbidden):
    out = fn(ATTACK)
    for piece in forbidden:
        assert piece not in out, (fn.__name__, piece, out)


@pytest.mark.parametrize("fn", [escape.html, escape.html_block, escape.html_line, escape.template, escape.plotly])
def test_each_html_destination_shows_the_text_as_written(fn):
    # What the browser shows, once entities are decoded, is the original text (html_line folds whitespace).
    text = "Putin's “tour” – 27 Feb 2017: a < b & c > d\u00a0«да»"
    assert html.unescape(fn(text)) == (" ".join(text.split()) if fn is escape.html_line else text)


def test_html_line_folds_a_blank_line_that_would_end_the_html_block():
    assert escape.html_line("one\n\n two\tthree") == "one two three"
    assert "\n" not in escape.html_line("a\r\n\r\nb")


def test_script_json_cannot_end_its_element_and_decodes_to_the_value():
    value = {"t": "</script><!-- & -->", "n": [1, 2.5, None], "ru": "Назарбаев"}
    out = escape.script_json(value)
    assert "<" not in out and ">" not in out and "&" not in out
    assert "Назарбаев" in out and "\": " not in out  # UTF-8 as it is, compact
    assert json.loads(out) == value


# --- URLs: one policy for a corpus URL in a link (escape.url), one for the app's query strings (escape.query).

import urllib.parse  # noqa: E402

REFERENCE_URLS = [
    # (a reference's address as annotations.yaml writes it, the href it becomes)
    ("https://en.wikipedia.org/wiki/Kant_(air_base)?oldid=734008888",        # parentheses would end a markdown link
     "https://en.wikipedia.org/wiki/Kant_%28air_base%29?oldid=734008888"),
    ("https://mr.wikipedia.org/wiki/दुशांबे",                                # non-ASCII, as a browser sends it
     "https://mr.wikipedia.org/wiki/%E0%A4%A6%E0%A5%81%E0%A4%B6%E0%A4%BE%E0%A4%82%E0%A4%AC%E0%A5%87"),
    ("http://en.kremlin.ru/events/president/news/53952#a?b=1&c=2,3;d+e~f",  # delimiters kept: it leads where it did
     "http://en.kremlin.ru/events/president/news/53952#a?b=1&c=2,3;d+e~f"),
    ("https://example.org/a%20b", "https://example.org/a%20b"),              # an escape is not escaped again
    ('https://example.org/x y"<b>\'\\`', "https://example.org/x%20y%22%3Cb%3E%27%5C%60"),
]


@pytest.mark.parametrize(("address", "href"), REFERENCE_URLS)
def test_a_corpus_url_is_percent_encoded_where_a_url_cannot_hold_it(address, href):
    assert escape.url(address) == href
    assert urllib.parse.unquote(escape.url(address)) == urllib.parse.unquote(address)


def test_a_corpus_url_in_a_markdown_link_is_the_whole_target():
    # The evidence panel's reference link (ui/evidence.py): a ')' in the URL would end the link early.
    address = "https://en.wikipedia.org/wiki/Kant_(air_base)?oldid=734008888"
    rendered = MarkdownIt("commonmark").render(f"[{md('Kant (air base)')}]({escape.url(address)})")
    assert f'href="{escape.url(address)}"' in rendered and ">Kant (air base)</a>" in rendered


def test_a_corpus_url_in_an_html_attribute_cannot_leave_it():
    # The evidence panel's disagreement versions (evidence/html.py): url, then html_line for the attribute.
    address = 'https://example.org/" onmouseover="alert(1)'
    out = escape.html_line(escape.url(address))
    assert '"' not in out and "<" not in out and " " not in out


QUERIES = [
    # (what a link asks for, its query string)
    ({"source": "cement-2017", "excerpt": "site-kant.0"}, "source=cement-2017&excerpt=site-kant.0"),  # the reader
    ({"org": "CSTO,EAEU", "country": "TJ,KG"}, "org=CSTO,EAEU&country=TJ,KG"),          # a list stays readable
    ({"story": 4}, "story=4"),                                                             # a story step
    ({"geojson": "/app/static/generated/countries-ab12.geojson"},                         # a script's address
     "geojson=%2Fapp%2Fstatic%2Fgenerated%2Fcountries-ab12.geojson"),
    ({"q": "Kant & Co = 100% #1 a+b"}, "q=Kant+%26+Co+%3D+100%25+%231+a%2Bb"),            # a search as typed
    ({"q": "Назарбаев"}, "q=%D0%9D%D0%B0%D0%B7%D0%B0%D1%80%D0%B1%D0%B0%D0%B5%D0%B2"),
]


@pytest.mark.parametrize(("params", "expected"), QUERIES)
def test_a_query_string_reads_back_as_its_values(params, expected):
    out = escape.query(params)
    assert out == expected
    assert urllib.parse.parse_qs(out) == {k: [str(v)] for k, v in params.items()}


import re  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# --- with_lang: runs of Russian marked lang="ru" in HTML text (issue 28; WCAG 3.1.2) -------------------------------
LANG = [
    ("CSTO (ОДКБ)", 'CSTO (<span lang="ru">ОДКБ</span>)'),
    ("ШОС принял решение 17 июня 2016 г.", '<span lang="ru">ШОС принял решение 17 июня 2016 г</span>.'),
    # Words together with what lies between them; the quotes around them are no language's.
    ("reports: «партнёры по СНГ», 2016", 'reports: «<span lang="ru">партнёры по СНГ</span>», 2016'),
    ("Almaty–Алматы", 'Almaty–<span lang="ru">Алматы</span>'),
    ("ОДКБ-ШОС", '<span lang="ru">ОДКБ-ШОС</span>'),
    # Kazakh's and Tajik's own letters: not guessed to be Russian, and no word is cut in two.
    ("Қазақстан", "Қазақстан"),
    ("ШОС Қазақстан ОДКБ", '<span lang="ru">ШОС</span> Қазақстан <span lang="ru">ОДКБ</span>'),
    ("no Russian here", "no Russian here"),
    # Escaped as the escaper escapes, inside and outside the runs.
    ("<b>ШОС</b> & <i>", '&lt;b&gt;<span lang="ru">ШОС</span>&lt;/b&gt; &amp; &lt;i&gt;'),
    ("<script>ОДКБ</script>", '&lt;script&gt;<span lang="ru">ОДКБ</span>&lt;/script&gt;'),
]


@pytest.mark.parametrize(("text", "shown"), LANG)
def test_a_run_of_russian_carries_its_language(text, shown):
    assert escape.with_lang(text) == shown


def test_with_lang_escapes_as_the_escaper_it_is_given():
    assert escape.with_lang("a*b  «ОДКБ»\n\n$x", escape.html_line) == (
        'a&#42;b «<span lang="ru">ОДКБ</span>» &#36;x')                 # folded whole, the spaces kept
    assert escape.with_lang("`ШОС` {x}", escape.template) == '&#96;<span lang="ru">ШОС</span>&#96; &#123;x&#125;'
    assert escape.with_lang("ОДКБ", escape.html_block) == '<span lang="ru">ОДКБ</span>'


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcАБВгдеёЖЯяҚқ <>&\"'«»-.,0123\n")), max_size=60))
def test_with_lang_shows_the_text_as_it_is_and_marks_every_russian_word(text):
    import html as html_module

    out = escape.with_lang(text)
    spans = re.findall(r'<span lang="ru">(.*?)</span>', out, re.S)
    assert html_module.unescape(re.sub(r'</?span[^>]*>', "", out)) == text      # nothing added, nothing lost
    outside = html_module.unescape(re.sub(r'<span lang="ru">.*?</span>', " ", out, flags=re.S))
    # Every word in the Russian alphabet alone is inside a span; a span holds no other alphabet's letter.
    assert [w for w in re.findall(r"[\u0400-\u04FF]+", outside) if re.fullmatch("[А-Яа-яЁё]+", w)] == []
    assert all(not re.search(r"[A-Za-zҚқ]", html_module.unescape(s)) for s in spans)
