"""The page's first-paint styles in its HTML (dashboard/first_paint.py): what the browser is sent, and what the
server behind the middleware is asked."""

from __future__ import annotations

import asyncio
import html
import re
from pathlib import Path

import pytest
import streamlit

from dashboard import first_paint
from dashboard.first_paint import (
    LAZY_CHUNKS,
    SHEETS,
    STYLES,
    UNTIL_DRAWN,
    FirstPaintStyles,
    app_sheets,
    head_end,
    is_page_request,
    page_language,
    preload_chunks,
    preload_links,
    script_element,
    style_element,
    with_language,
    with_styles,
)
from dashboard.frontend import STATIC_APP, read_static

PAGE = b"<!DOCTYPE html><html><head><title>Streamlit</title></head><body><div id=root></div></body></html>"


class Inner:
    """A stand-in for Streamlit's server: answers every request with `answer`, and keeps what it was asked."""

    def __init__(self, content_type: bytes = b"text/html; charset=utf-8", chunks: tuple[bytes, ...] = (PAGE,),
                 status: int = 200):
        self.content_type, self.chunks, self.status = content_type, chunks, status
        self.scope: dict | None = None

    async def __call__(self, scope, receive, send):
        self.scope = scope
        await send({"type": "http.response.start", "status": self.status, "headers": [
            (b"content-type", self.content_type), (b"content-length", str(sum(map(len, self.chunks))).encode()),
            (b"etag", b'"abc"'), (b"last-modified", b"Sun, 06 Dec 2026 00:00:00 GMT"), (b"cache-control", b"no-cache")]})
        for i, chunk in enumerate(self.chunks):
            await send({"type": "http.response.body", "body": chunk, "more_body": i < len(self.chunks) - 1})


def serve(inner: Inner, path: str = "/", method: str = "GET", root_path: str = "", query: bytes = b"", app=None,
          headers: tuple[tuple[bytes, bytes], ...] = ((b"accept-encoding", b"gzip"), (b"if-none-match", b'"abc"'),
                                                      (b"accept", b"text/html"))) -> tuple[dict, bytes]:
    """One request through the middleware: (the response's start, its whole body)."""
    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b""}

    scope = {"type": "http", "method": method, "path": path, "root_path": root_path, "headers": list(headers),
             "query_string": query}
    asyncio.run((app or FirstPaintStyles(inner))(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def headers_of(message: dict) -> dict[bytes, bytes]:
    return dict(message["headers"])


STYLE = style_element(STYLES.read_text(encoding="utf-8"))
# The page as sent to a browser that names no language: English, from the first paint.
SENT = PAGE.replace(b"<html>", b'<html lang="en">').replace(b"</head>", head_end() + b"</head>")


def test_the_page_carries_the_styles_last_in_its_head_with_its_true_length():
    start, body = serve(Inner())
    assert body == SENT
    assert b"max-width:none" in STYLE and b"margin-left:300px" in STYLE
    assert headers_of(start)[b"content-length"] == str(len(body)).encode()
    assert headers_of(start)[b"cache-control"] == b"no-cache"
    # A browser's copy validated by the stored file's etag would keep an earlier deploy's styles.
    assert b"etag" not in headers_of(start) and b"last-modified" not in headers_of(start)


def test_the_server_is_asked_for_the_page_whole_and_uncompressed():
    inner = Inner()
    serve(inner)
    assert dict(inner.scope["headers"]) == {b"accept": b"text/html"}


def test_a_page_sent_in_pieces_is_joined_before_the_styles_go_in():
    start, body = serve(Inner(chunks=(PAGE[:30], PAGE[30:70], PAGE[70:])))
    assert body == SENT
    assert headers_of(start)[b"content-length"] == str(len(body)).encode()


class Minimal(Inner):
    """A server that answers as ASGI allows at its barest: a start without headers, a last body message without a
    body (both optional), after reading the request (as a server may, to see the client go)."""

    async def __call__(self, scope, receive, send):
        self.scope, self.received = scope, await receive()
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/html; charset=utf-8")]} if self.chunks else
                   {"type": "http.response.start", "status": 200})
        await send({"type": "http.response.body", "body": PAGE, "more_body": True})
        await send({"type": "http.response.body"})


def test_a_bare_answer_gets_its_styles_and_the_server_reads_the_clients_request():
    inner = Minimal()
    start, body = serve(inner)
    assert body == SENT and inner.received == {"type": "http.request", "body": b""}
    # Without a content type it is not known to be HTML: passed on as it came.
    start, body = serve(Minimal(chunks=()))
    assert body == PAGE and "headers" not in start


def test_a_request_without_headers_or_query_gets_the_default_language():
    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b""}

    asyncio.run(FirstPaintStyles(Inner())({"type": "http", "method": "GET", "path": "/"}, receive, send))
    assert b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body") == SENT


@pytest.mark.parametrize("path", ["/charts", "/story", "/dash/", "/dash/charts"])
def test_every_page_of_the_app_and_under_a_base_path_carries_them(path):
    assert STYLE in serve(Inner(), path)[1]


@pytest.mark.parametrize("path", ["/_stcore/health", "/static/js/index.js", "/app/static/app/page.css",
                                  "/media/abc.csv", "/component/streamlit_folium.st_folium/index.html",
                                  "/dash/_stcore/host-config", "/favicon.png", "/manifest.json"])
def test_streamlits_own_files_and_the_apps_are_left_alone(path):
    inner = Inner()
    start, body = serve(inner, path)
    assert body == PAGE and headers_of(start)[b"etag"] == b'"abc"'
    assert dict(inner.scope["headers"])[b"accept-encoding"] == b"gzip"


def test_an_answer_that_is_not_html_is_left_alone():
    start, body = serve(Inner(content_type=b"application/json", chunks=(b'{"a": 1}',)))
    assert body == b'{"a": 1}' and headers_of(start)[b"etag"] == b'"abc"'


def test_a_redirect_or_a_not_modified_is_passed_on():
    start, body = serve(Inner(content_type=b"text/plain", chunks=(b"",), status=301), "/charts/")
    assert start["status"] == 301 and body == b""


def test_a_head_request_gets_no_body_and_no_stale_length():
    start, body = serve(Inner(), method="HEAD")
    assert body == b"" and b"content-length" not in headers_of(start)


def test_a_post_or_a_websocket_is_not_a_page_request():
    assert not is_page_request({"type": "http", "method": "POST", "path": "/"})
    assert not is_page_request({"type": "websocket", "path": "/_stcore/stream"})
    assert is_page_request({"type": "http", "method": "GET", "path": "/about"})


@pytest.mark.parametrize(("root", "path", "page"), [
    ("/media", "/media/about", True),       # a dashboard served under /media/ (a newsroom's): its pages are pages
    ("/media", "/media", True),
    ("/media", "/media/media/map.png", False),
    ("/static", "/static/static/js/index.js", False),
    ("/dashboard", "/dashboard/_stcore/health", False),
    ("", "/media/map.png", False),
])
def test_a_base_path_is_not_taken_for_one_of_streamlits_own_paths(root, path, page):
    assert is_page_request({"type": "http", "method": "GET", "path": path, "root_path": root}) is page


def test_styles_that_could_end_the_element_are_refused():
    with pytest.raises(ValueError, match="^first-paint styles must not contain '</'$"):
        style_element("a::after { content: '</style><script>' }")


def test_a_page_without_a_head_is_sent_as_it_is():
    assert with_styles(b"<p>no head</p>", STYLE) == b"<p>no head</p>"


def test_the_styles_go_before_the_heads_own_end_and_nowhere_else():
    page = b'<html><head><title>t</title></head><body><script>var s = "</head>";</script></body></html>'
    assert with_styles(page, b"S") == page.replace(b"</head><body>", b"S</head><body>")
    assert with_styles(b"</head><body></body>", b"S") == b"S</head><body></body>"


def html_lang(body: bytes) -> bytes:
    return body[body.index(b"<html"):body.index(b">", body.index(b"<html")) + 1]


@pytest.mark.parametrize(("query", "accept", "lang"), [
    (b"", None, "en"),
    (b"lang=ru", None, "ru"),
    (b"story=4&lang=RU-kz", b"en-GB,en;q=0.9", "ru"),         # the link's, in any case and region
    (b"", b"ru-RU,ru;q=0.9,en;q=0.8", "ru"),                  # the browser's, when the link names none
    (b"", b"de-DE,de;q=0.9,ru;q=0.5", "ru"),                  # its first that the dashboard speaks
    (b"", b"ru;q=0,en", "en"),                                # q=0: not this one
    (b"lang=xx", b"ru", "ru"),                                # a language we lack: the browser's, as the app does
    (b"lang=ru&lang=en", None, "ru"),                         # the first, as the app reads it
    (b"lang=%3Cscript%3E", b"\xff\xfe;;garbage", "en"),       # garbage: the default, never an error
    (b"lang=%E2%80%AEru", None, "en"),
])
def test_the_page_names_the_language_its_first_run_will_speak(query, accept, lang):
    headers = ((b"accept-language", accept),) if accept is not None else ()
    start, body = serve(Inner(), query=query, headers=headers)
    assert html_lang(body) == f'<html lang="{lang}">'.encode()
    assert headers_of(start)[b"content-length"] == str(len(body)).encode()


def test_page_language_follows_the_apps_reading_of_a_link():
    assert page_language(b"lang=ru-RU", None) == "ru"
    assert page_language(b"lang=", "ru") == "ru"
    assert page_language(b"lang=en", "ru") == "en"


def test_the_pages_own_lang_is_replaced_and_its_other_attributes_kept():
    page = b'<!doctype html><HTML class="x" lang="en" data-a=\'1\'><head></head></HTML>'
    assert html_lang(with_language(page, "ru")) == b'<html lang="ru" class="x" data-a=\'1\'>'
    assert with_language(b"<p>no html</p>", "ru") == b"<p>no html</p>"
    assert with_language(b"<html><body><html lang=en></body>", "ru").count(b'lang="ru"') == 1


def test_a_language_that_is_not_a_tag_is_refused():
    with pytest.raises(ValueError, match="not a language tag"):
        with_language(PAGE, 'ru" onload="x')


STREAMLIT_JS = Path(streamlit.__file__).resolve().parent / "static" / "static" / "js"


def test_each_late_chunk_is_one_file_of_the_installed_streamlit():
    files = preload_chunks(STREAMLIT_JS)
    assert len(files) == len(LAZY_CHUNKS) and all((STREAMLIT_JS / name).is_file() for name in files)
    assert any(name.startswith("rehype-raw.") for name in files) and any(name.startswith("Html.") for name in files)
    # Streamlit's own page preloads its main bundle's chunks the same way, relative to the page.
    index = (STREAMLIT_JS.parent.parent / "index.html").read_text()
    assert '<link rel="modulepreload" crossorigin href="./static/js/' in index


def test_a_chunk_that_is_not_there_or_not_one_stops_the_server(tmp_path):
    (tmp_path / "Html.abc123.js").write_text("")
    (tmp_path / "Html.def456.js").write_text("")
    (tmp_path / "HtmlTable.zzz.js").write_text("")  # another chunk whose name starts alike
    with pytest.raises(LookupError, match="'PageLink': no file"):
        preload_chunks(tmp_path, ("PageLink",))
    with pytest.raises(LookupError, match="Html"):
        preload_chunks(tmp_path, ("Html",))
    (tmp_path / "Html.def456.js").unlink()
    assert preload_chunks(tmp_path, ("Html",)) == ["Html.abc123.js"]


def test_the_page_preloads_the_late_chunks_before_its_styles():
    inner = Inner()
    _start, body = serve(inner, app=FirstPaintStyles(inner, preload=["Html.abc.js", "rehype-raw.D-x_1.js"]))
    links = (b'<link rel="modulepreload" crossorigin href="./static/js/Html.abc.js">'
             b'<link rel="modulepreload" crossorigin href="./static/js/rehype-raw.D-x_1.js">')
    assert links + STYLE + b"<style id=\"first-paint-markdown\"" in body
    with pytest.raises(ValueError, match="chunk"):
        preload_links(['x.js"><script>'])


# A sibling combinator, then every descendant of what it reaches: `~ * *` or `+ * *`.
RESTYLES_WHAT_FOLLOWS = re.compile(r"[~+]\s*\*\s+\*")


def _selectors(css: str) -> list[str]:
    """Every selector list of a stylesheet (what precedes each `{`), comments left out."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [s.strip() for s in re.findall(r"([^{};]+)\{", css)]


@pytest.mark.parametrize("name", sorted(p.name for p in STATIC_APP.glob("*.css")))
def test_no_rule_restyles_every_descendant_of_what_follows_a_change(name):
    # `X:has(...) ~ * *` made each change to the page restyle every element after it: a forced layout cost ~140 ms
    # on the Charts page (plotly measures its texts one by one: 7 s of its load blocked). A later sibling's own
    # descendants are named instead (first-paint.css).
    bad = [s for s in _selectors(read_static(name)) if RESTYLES_WHAT_FOLLOWS.search(s)]
    assert bad == [], bad


def test_the_selector_reader_finds_the_pattern_it_guards_against():
    found = [s for s in _selectors("/* a ~ * * { } */ a:has(b) ~ * * { x: 1 } c ~ * d { }")
             if RESTYLES_WHAT_FOLLOWS.search(s)]
    assert found == ["a:has(b) ~ * *"]


def _head_elements(head: bytes) -> list[tuple[str, dict, str]]:
    """The style and script elements of `head`: (tag, attributes unescaped, text)."""
    found = re.findall(r"<(style|script)([^>]*)>(.*?)</\1>", head.decode(), flags=re.S)
    return [(tag, {k: html.unescape(v) for k, v in re.findall(r'([\w-]+)="([^"]*)"', attrs)}, text)
            for tag, attrs, text in found]


def test_the_sheets_that_wait_on_a_placeholder_follow_the_first_and_name_it_for_the_script_after_them():
    elements = _head_elements(head_end())
    assert [(tag, attrs.get("id")) for tag, attrs, _ in elements] == [
        ("style", "first-paint"), ("style", "first-paint-markdown"), ("style", "first-paint-phone-nav"),
        ("script", None)]
    assert [attrs["data-until-drawn"] for _, attrs, _ in elements[1:3]] == [selector for _, selector in UNTIL_DRAWN]
    assert "data-until-drawn" not in elements[0][1]
    # Each such sheet's rules wait on its own placeholder; the script reads the attribute and switches sheets off.
    assert '[data-testid="stMarkdown"]' in elements[1][2] and ".st-key-phone-nav:has(" in elements[2][2]
    script = elements[3][2]
    assert 'querySelectorAll("style[data-until-drawn]")' in script and "sheet.disabled = true" in script
    assert not any(line.lstrip().startswith("//") for line in script.splitlines())
    assert SHEETS == ("first-paint.css", "first-paint-markdown.css", "first-paint-phone-nav.css")


def test_scripts_that_could_end_the_element_are_refused():
    with pytest.raises(ValueError, match="^first-paint scripts must not contain '</'$"):
        script_element("var s = '</script><script>alert(1)';")
    assert script_element("// why\nrun();\n  // more\n") == b"<script>run();</script>"


def test_the_app_writes_the_first_paint_sheets_only_where_the_server_does_not(monkeypatch):
    monkeypatch.setattr(first_paint, "_in_head", False)
    assert app_sheets() == SHEETS
    first_paint.serve_in_head()
    assert app_sheets() == () and first_paint.in_head()


# A :has() whose subject is then left for every element it reaches (`:has(...) ~ *`, `:has(...) > * *`): each change
# to the page matches it again, for every layout after it. Only sheets that are switched off once drawn hold one.
HAS_THEN_EVERY = re.compile(r":has\(.*\)\s*[~+>]?\s*\*", re.S)


@pytest.mark.parametrize("name", sorted(p.name for p in STATIC_APP.glob("*.css")))
def test_a_has_rule_that_reaches_every_element_after_it_is_only_in_a_sheet_switched_off_once_drawn(name):
    found = [s for s in _selectors(read_static(name)) if HAS_THEN_EVERY.search(s)]
    if name in dict(UNTIL_DRAWN):
        assert found, f"{name} holds no such rule: is it still a sheet that waits on a placeholder?"
    else:
        assert found == [], found


def test_a_server_given_no_sheets_that_wait_sends_the_first_sheet_and_the_script_alone():
    inner = Inner()
    _start, body = serve(inner, app=FirstPaintStyles(inner, until_drawn=()))
    assert [(tag, attrs.get("id")) for tag, attrs, _ in _head_elements(body)] == [("style", "first-paint"),
                                                                                  ("script", None)]
