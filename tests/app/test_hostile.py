"""Every page, run on a corpus whose every text field is hostile: the text is escaped wherever it reaches
a Streamlit element (issue 12, case 3: a title was rendered as markdown in the evidence heading)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.escape import markdown as md
from tests.hostile import HOSTILE_SOURCE, PAYLOAD, RAW_FRAGMENTS, make_hostile_corpus

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
ESCAPED = md(PAYLOAD)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return make_hostile_corpus(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def app(monkeypatch, hostile):
    annotations, seeds = hostile
    monkeypatch.setenv("DASHBOARD_ANNOTATIONS", str(annotations))
    monkeypatch.setenv("DASHBOARD_SEEDS", str(seeds))
    return AppTest.from_file(APP, default_timeout=60)


def _texts(node) -> list[tuple[str, str]]:
    """(element type, text as sent to the browser) for every element that shows text."""
    out = []
    kind = type(node).__name__
    for attr in ("value", "label", "body"):
        value = getattr(getattr(node, "proto", None), attr, None) if attr == "body" else None
        if value is None:
            try:
                value = getattr(node, attr, None)
            except Exception:  # noqa: BLE001 -- some elements raise for attributes they lack
                value = None
        if isinstance(value, str):
            out.append((kind, value))
    if kind == "UnknownElement" and getattr(node, "type", "") == "plotly_chart":
        out.extend(("plotly", s) for s in _strings(json.loads(node.proto.spec)))
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            out.extend(_texts(child))
    return out


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _check(at) -> int:
    assert not at.exception, at.exception
    shown = 0
    for kind, text in _texts(at._tree):
        if kind == "Html":
            # Our own HTML blocks (scripts included) may not carry corpus text at all.
            assert "__pwned" not in text and "<b>bold</b>" not in text, text[:200]
            continue
        for fragment in RAW_FRAGMENTS:
            if kind == "plotly":
                # plotly reads <b>, <a>, <br> as markup: those must arrive as entities.
                assert "<b>bold</b>" not in text and "<img" not in text and "<script>" not in text, text
            else:
                assert fragment not in text, f"{kind} shows {fragment!r} unescaped: {text[:200]!r}"
        shown += ESCAPED in text or (kind == "plotly" and "&lt;b&gt;bold&lt;/b&gt;" in text)
    return shown


@pytest.mark.parametrize("sel", [None, "stop-dushanbe", "site-kant", "border-tj-af", "m-csto-uz-2012",
                                 "org-sco", "fig-kg-gas-investment", "ev-astana-syria-talks", "dis-kant-lease"])
def test_the_map_page_shows_hostile_text_literally(app, sel):
    if sel:
        app.query_params["sel"] = sel
    at = app.run()
    shown = _check(at)
    if sel:
        assert shown, "the selected record's title and fields should be on the page, escaped"
        [heading] = [h.value for h in at.subheader if "R" in h.value and "x" in h.value]
        assert heading.endswith(ESCAPED) or ESCAPED in heading


@pytest.mark.parametrize("page", ["views/charts.py", "views/reader.py", "views/data.py", "views/about.py"])
def test_every_other_page_shows_hostile_text_literally(app, page):
    app.query_params.update({"sel": "stop-almaty", "source": HOSTILE_SOURCE})
    at = app.run()
    at.switch_page(page).run()
    shown = _check(at)
    if page == "views/charts.py":
        assert shown, "the charts and the 'Selected' box carry corpus text"
