"""md() and the charts' esc(): what each does to text from the corpus or a URL (issue 12, case 3)."""

from __future__ import annotations

import pytest

from dashboard.charts import esc as chart_esc
from dashboard.ui import md


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
