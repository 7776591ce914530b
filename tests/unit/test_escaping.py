"""md() and the charts' esc(): text from the data or a URL shown exactly as written, never as markup
(dashboard/ui/common.py, dashboard/charts/figures.py; issue 12, case 3)."""

from __future__ import annotations

import html

import pytest
from markdown_it import MarkdownIt

from dashboard.charts.figures import esc as chart_esc
from dashboard.ui.common import md

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
    from dashboard.ui.common import html_text

    text = "**Kant** `x` $a$ [l](javascript:alert(1)) <b>&"
    out = html_text(text)
    assert not any(ch in out for ch in "*`$[]()<>") and "&amp;" in out
    assert html.unescape(out) == text
    rendered = MarkdownIt("commonmark").render(f'<p class="x">{out}</p>')
    assert "<strong>" not in rendered and "<code>" not in rendered and "<a " not in rendered


def test_html_text_shows_quotes_and_apostrophes_as_themselves():
    # Issue 24: an apostrophe came out as "&&#35;x27;" (its reference's '#' escaped again), which a browser
    # shows as the literal "&#x27;": "Afghanistan&#x27;s" in the map's description and the evidence tables.
    from dashboard.ui.common import html_text

    for text in ("Afghanistan's outline", 'the "longest" border', "Kazakhstan’s # 1 & <only>"):
        out = html_text(text)
        assert html.unescape(out) == text
        assert "'" not in out and '"' not in out
