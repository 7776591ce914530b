"""md(): text from the data shown by st.markdown exactly as written, never as markup (dashboard/ui.py)."""

from __future__ import annotations

import html

import pytest
from markdown_it import MarkdownIt

from dashboard.ui import md

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


def test_plain_text_and_quotes_pass_unchanged():
    # Our excerpts are full of quotes, apostrophes and dashes: they stay as they are.
    text = "Putin's \"tour\" – 27 February 2017: Kazakhstan, Tajikistan; Kyrgyzstan? ‘yes’ «да» ©"
    assert md(text) == text.replace("-", "\\-")
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
    assert html.unescape(inner) == text
