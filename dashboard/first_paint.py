"""The page's first-paint styles, written into its HTML by the server (issue 27).

Streamlit's page is one HTML file, ``index.html``, that draws an empty frame and then the app's elements as the
script run sends them. A stylesheet the app itself writes (``st.html``) arrives with those elements, after the
first paint, so the frame it would lay out has already been drawn and then moves. This ASGI middleware puts
``static/app/first-paint.css`` inline in that HTML's ``<head>``, so it applies before anything is drawn, with the
sheets that matter only until Streamlit has drawn a kind of element (UNTIL_DRAWN) and the script that switches them
off then (``first-paint.js``). It also
names the page's language in ``<html lang>`` from the first paint, as the app's first run will choose it: the
sheet's rooms for words depend on it (a Russian label is wider), and so does a screen reader's voice.

Pure: it knows ASGI, not Streamlit (``dashboard/serve.py`` mounts it on ``st.App``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import rcssmin

from dashboard import i18n
from dashboard.query.link import P_LANG, language_code

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

STYLES = Path(__file__).resolve().parent / "static" / "app" / "first-paint.css"
SCRIPT = STYLES.with_name("first-paint.js")
# Sheets whose rules matter only while Streamlit draws a kind of element as its placeholder (until it has that kind's
# code, which it then keeps), each with the placeholder's selector. first-paint.js switches a sheet off once one such
# placeholder was drawn over in place and none is left, with the run finished: their :has() rules made every later
# layout cost ~6 ms on the Charts page (~0.4 ms without), where plotly measures its texts one by one.
UNTIL_DRAWN = (
    ("first-paint-markdown.css",
     ':is([data-testid="stMarkdown"], [data-testid="stCaptionContainer"]) [data-testid="stSkeleton"]'),
    ("first-paint-phone-nav.css", '.st-key-phone-nav [data-testid="stSkeleton"]'),
)
# Every first-paint sheet, for a server that cannot put them in the head (ui/page.py writes them with the pages').
SHEETS = (STYLES.name, *(name for name, _ in UNTIL_DRAWN))

# Paths whose answers are never the page: Streamlit's own endpoints and files, the app's static files, media and
# components. Everything else Streamlit answers with index.html (a page of the app, or its 404 fallback).
NOT_THE_PAGE = ("/_stcore/", "/static/", "/app/static/", "/media/", "/component/", "/favicon.png", "/manifest.json")
# The request headers that would let the inner server answer 304 (the browser's copy, without these styles or
# with older ones) or compress the page before it is rewritten.
DROPPED_REQUEST_HEADERS = {b"if-none-match", b"if-modified-since", b"accept-encoding"}
# The inner answer's validators and length describe index.html as stored, not as sent.
DROPPED_RESPONSE_HEADERS = {b"etag", b"last-modified", b"content-length"}


# Streamlit's own chunks that it loads only once the first elements have come (about a second after its main bundle
# here): the components' runtime, st.html's sanitizer, the page links, and markdown with HTML (the pages' lang
# marks). Until each has come, its elements are 40 px placeholders, and the page moved as they were drawn. Preloaded
# with the page (as index.html preloads the main bundle's), they are there when the elements are. By the chunk's name
# before its hash; dashboard/serve.py finds the files (preload_chunks).
LAZY_CHUNKS = ("BidiComponent", "_arrayReduce", "serialization", "recordbatch", "Html", "purify.es", "PageLink",
               "rehype-raw", "hastscript", "web-namespaces")


def preload_chunks(js_dir: Path, names: tuple[str, ...] = LAZY_CHUNKS) -> list[str]:
    """The files in `js_dir` (Streamlit's static/js) of each chunk in `names` (``Html`` is ``Html.CzLZZ4bP.js``).
    Raises LookupError naming a chunk with no file or more than one (a Streamlit whose chunks are named otherwise:
    the list is for Streamlit 1.67)."""
    found = []
    for name in names:
        files = sorted(f.name for f in js_dir.glob(f"{name}.*.js") if re.fullmatch(
            re.escape(name) + r"\.[\w-]+\.js", f.name))
        if len(files) != 1:
            raise LookupError(f"Streamlit's chunk {name!r}: {files or 'no file'} in {js_dir}")
        found += files
    return found


def preload_links(files: list[str]) -> bytes:
    """Module preload links for Streamlit's chunks `files`, written as index.html writes its own (relative, so
    under any base path and page path)."""
    for name in files:
        if not re.fullmatch(r"[\w.-]+\.js", name):
            raise ValueError(f"not a chunk's file name: {name!r}")
    return "".join(f'<link rel="modulepreload" crossorigin href="./static/js/{name}">' for name in files).encode()


def style_element(css: str, until_drawn: str | None = None, name: str = "first-paint") -> bytes:
    """`css`, minified, as an inline ``<style id=name>`` element in UTF-8; with `until_drawn` (a placeholder's
    selector), marked for first-paint.js to switch off once such a placeholder was drawn over. Raises ValueError if
    the text could end the element early (``</``)."""
    if "</" in css:
        raise ValueError("first-paint styles must not contain '</'")
    until = "" if until_drawn is None else f' data-until-drawn="{html.escape(until_drawn)}"'
    return f'<style id="{html.escape(name)}"{until}>{rcssmin.cssmin(css)}</style>'.encode()


def script_element(js: str) -> bytes:
    """`js`, without its lines that are only a ``//`` comment, as an inline ``<script>`` element in UTF-8. Raises
    ValueError if the text could end the element early (``</``)."""
    if "</" in js:
        raise ValueError("first-paint scripts must not contain '</'")
    code = "\n".join(line for line in js.splitlines() if not line.lstrip().startswith("//"))
    return f"<script>{code}</script>".encode()


def head_end(styles: Path = STYLES, preload: Sequence[str] = (), until_drawn=UNTIL_DRAWN,
             script: Path = SCRIPT) -> bytes:
    """What goes last in the page's head: module preload links for `preload` (Streamlit's chunks by file name), the
    sheet `styles`, each sheet of `until_drawn` ((file name beside `styles`, its placeholder's selector)), then the
    script that switches those off. Raises OSError if a file is missing, ValueError as style_element does."""
    sheets = [style_element(styles.read_text(encoding="utf-8"))]
    sheets += [style_element(styles.with_name(name).read_text(encoding="utf-8"), selector, Path(name).stem)
               for name, selector in until_drawn]
    return preload_links(list(preload)) + b"".join(sheets) + script_element(script.read_text(encoding="utf-8"))


# Whether this process's server puts the first-paint sheets in the page's head (serve.py says so): the app then
# leaves them out of its own styles (ui/page.py). A second copy would cost every layout again, and stay on.
_in_head = False


def serve_in_head() -> None:
    """Say that this process's server puts the first-paint sheets in the page's head (dashboard/serve.py)."""
    global _in_head
    _in_head = True


def in_head() -> bool:
    """Whether serve_in_head was called in this process."""
    return _in_head


def app_sheets() -> tuple[str, ...]:
    """The first-paint sheets the app writes with its own styles (ui/page.py): none where the server puts them in
    the head (in_head), else all of them (SHEETS)."""
    return () if in_head() else SHEETS


def with_styles(html: bytes, style: bytes) -> bytes:
    """`html` with `style` (elements: the preloads and the styles) last in its ``<head>``; unchanged if it has no
    ``</head>``."""
    at = html.find(b"</head>")
    return html if at < 0 else html[:at] + style + html[at:]


def page_language(query_string: bytes, accept_language: str | None) -> str:
    """The language the app's first run speaks for this request (``ui/session.reader_language``): the link's first
    ``lang=`` if the dashboard speaks it, else the first of the Accept-Language header's that it speaks, else
    i18n.DEFAULT. The browser's ``navigator.language``, which the app reads first, is not sent to a server; a
    browser whose first choice differs from its header's corrects the attribute when the page is drawn."""
    values = parse_qs(query_string.decode("utf-8", "replace"), keep_blank_values=True).get(P_LANG, [])
    return (language_code(values[0]) if values else None) or i18n.negotiate(i18n.accept_language(accept_language))


def with_language(html: bytes, lang: str) -> bytes:
    """`html` with its ``<html>`` element's ``lang`` set to `lang` (a BCP 47 tag we chose); unchanged if it has no
    ``<html>`` element."""
    if not re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", lang):
        raise ValueError(f"not a language tag: {lang!r}")

    def tag(match: re.Match[bytes]) -> bytes:
        attrs = re.sub(rb"""\slang\s*=\s*("[^"]*"|'[^']*'|[^\s>]*)""", b"", match[1])
        return b'<html lang="' + lang.encode() + b'"' + attrs + b">"

    return re.sub(rb"<html\b([^>]*)>", tag, html, count=1, flags=re.IGNORECASE)


def is_page_request(scope: Scope) -> bool:
    """Whether an HTTP request may be answered with the page (GET or HEAD, outside NOT_THE_PAGE), at any base
    path (``--server.baseUrlPath``)."""
    if scope.get("type") != "http" or scope.get("method") not in ("GET", "HEAD"):
        return False
    path = scope.get("path", "")
    root = scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root):] or "/"
    return not any(part in path for part in NOT_THE_PAGE)


class FirstPaintStyles:
    """ASGI middleware: every HTML answer to a page request carries the first-paint sheets and script in its
    ``<head>`` (head_end, after module preload links for `preload`, Streamlit's chunks by file name), and the
    language its first run will speak in ``<html lang>`` (page_language).

    The sheets and the script are read once, when the server starts (a missing or unreadable file stops it with OSError). The
    page is sent uncompressed and without validators: it is about 2 kB, marked ``no-cache`` by Streamlit, and a
    304 would keep a browser's copy with the styles of an earlier deploy.
    """

    def __init__(self, app: ASGIApp, styles: Path = STYLES, preload: Sequence[str] = (),
                 until_drawn=UNTIL_DRAWN) -> None:
        self.app = app
        self.head_end = head_end(styles, preload, until_drawn)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not is_page_request(scope):
            await self.app(scope, receive, send)
            return
        accept = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k.lower() == b"accept-language"),
                      None)
        lang = page_language(scope.get("query_string", b""), accept)
        headers = [(k, v) for k, v in scope.get("headers", []) if k.lower() not in DROPPED_REQUEST_HEADERS]
        scope = {**scope, "headers": headers}
        held: list[Message] = []  # an HTML answer's start, sent once its whole body has come
        body: list[bytes] = []

        async def rewrite(message: Message) -> None:
            if message["type"] == "http.response.start" and _is_html(message):
                held.append(message)
                return
            if not held or message["type"] != "http.response.body":
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            html = (with_language(with_styles(b"".join(body), self.head_end), lang) if scope["method"] == "GET"
                    else b"")
            kept = [(k, v) for k, v in held[0].get("headers", []) if k.lower() not in DROPPED_RESPONSE_HEADERS]
            if scope["method"] == "GET":
                kept.append((b"content-length", str(len(html)).encode()))
            await send({**held[0], "headers": kept})
            await send({"type": "http.response.body", "body": html})

        await self.app(scope, receive, rewrite)


def _is_html(start: Message) -> bool:
    return any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in start.get("headers", []))
