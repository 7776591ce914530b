"""The browser's own files (dashboard/static/app/: .js, .css, .html), read once per process (pure).

Python never writes front-end code into strings: a page of our own is put together from its files, and what
it needs from the server comes as JSON in a `<script type="application/json" id="<stem>-config">` element,
which its script reads.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from dashboard import escape
from dashboard.map.style import css_properties

STATIC_APP = Path(__file__).resolve().parent / "static" / "app"


@cache
def read_static(name: str) -> str:
    """The text of static/app/<name> (e.g. "page.css"), read once per process; OSError if it is missing."""
    return (STATIC_APP / name).read_text(encoding="utf-8")


@cache
def read_style(*names: str) -> str:
    """Style sheets of static/app/ (e.g. "page.css"), after the palette's custom properties they read
    (style.css_properties: var(--pal-vermillion) and the like)."""
    return css_properties() + "".join(read_static(name) for name in names)


def static_page(stem: str, config: object = None) -> str:
    """static/app/<stem>.html with <stem>.css before it, `config` (if any) as JSON (escape.script_json) after it,
    then <stem>.js: one piece of HTML for an iframe's page or for st.html."""
    data = ("" if config is None else
            f'<script type="application/json" id="{stem}-config">{escape.script_json(config)}</script>\n')
    return (f"<style>{read_style(f'{stem}.css')}</style>\n{read_static(f'{stem}.html')}{data}"
            f"<script>{read_static(f'{stem}.js')}</script>")
