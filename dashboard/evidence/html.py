"""The evidence panel's wide parts as HTML: a disagreement's versions and the computed-value tables (pure).

Versions sit side by side only where each has room for a readable line (about 30 characters); otherwise
they stack (static/app/evidence.css). Tables wrap their words, never cut them. Shown by st.markdown (so that
the page's hostile-text checks read them): every corpus string is escaped for HTML and for markdown, and no
blank line ever ends the HTML block.
"""

from __future__ import annotations

import html
import urllib.parse

from dashboard.corpus.load import Corpus
from dashboard.corpus.model import Disagreement, Version
from dashboard.query.link import reader_href, version_key

# Characters markdown (and Streamlit's LaTeX and directives) read as syntax, as HTML character references.
_MD_AS_ENTITIES = str.maketrans({ch: f"&#{ord(ch)};" for ch in "\\`*_{}[]()#+-.!|~$:"})


def html_text(text: object) -> str:
    """Escape text for HTML that st.markdown(unsafe_allow_html=True) shows: tags, and markdown's characters
    too, as character references (shown as themselves whether or not markdown reads the block)."""
    # Quotes last: their references ("&#x27;") hold a '#', which the table would escape again.
    escaped = html.escape(str(text), quote=False).translate(_MD_AS_ENTITIES)
    return escaped.replace('"', "&quot;").replace("'", "&#39;")


def esc(text: object) -> str:
    """html_text, with whitespace collapsed (a blank line would end the HTML block in markdown)."""
    return html_text(" ".join(str(text).split()))


def _href(url: str) -> str:
    return esc(urllib.parse.quote(url, safe=":/?&=%#+,;~"))


def version_html(version: Version, key: str, corpus: Corpus) -> str:
    """One side of a disagreement: what it says, then the article's words and name (with a link to them in the
    article), or the public record."""
    body = [f'<p class="says">{esc(version.says)}</p>']
    if version.excerpt is not None:
        quote = " ".join(version.excerpt.quote.split())
        href = reader_href(version.excerpt.source, key)
        body.append(f"<blockquote>“{esc(quote)}”</blockquote>"
                    f'<p class="who">— {esc(corpus.sources[version.excerpt.source].label)} · '
                    f'<a href="{esc(href)}" target="_blank" rel="noopener">Read in the article ↗</a></p>')
    elif version.reference is not None:
        ref = version.reference
        body.append(f'<p class="who"><span class="badge">public record</span> '
                    f'<a href="{_href(ref.url)}" target="_blank" rel="noopener noreferrer">{esc(ref.title)} ↗</a></p>')
    return f'<li class="version">{"".join(body)}</li>'


def disagreement_html(dis: Disagreement, corpus: Corpus, heading: bool = True) -> str:
    """A disagreement: its question, its summary, and every version, side by side where they fit."""
    head = ""
    if heading:
        head = (f'<p class="dis-title" role="note"><span aria-hidden="true">⚠ </span>Sources disagree: '
                f"{esc(dis.title)}</p>" + (f'<p class="dis-summary">{esc(dis.summary)}</p>' if dis.summary else ""))
    versions = "".join(version_html(v, version_key(dis.id, j), corpus) for j, v in enumerate(dis.versions))
    return (f'<section class="ev-dis" aria-label="{esc(dis.title)}">{head}'
            f'<ul class="versions" aria-label="{len(dis.versions)} versions">{versions}</ul></section>')


def value_table_html(caption: str, headings: tuple[str, ...], rows: list[tuple[str, ...]], note: str = "") -> str:
    """A small table whose cells wrap (never cut), with its caption and an optional note under it."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headings)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    after = f'<p class="ev-note">{esc(note)}</p>' if note else ""
    return (f'<div class="ev-table"><table><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>{after}</div>")
