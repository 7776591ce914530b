"""The evidence panel's wide parts as HTML: a disagreement's versions and the computed-value tables (pure).

Versions sit side by side only where each has room for a readable line (about 30 characters); otherwise
they stack (static/app/evidence.css). Tables wrap their words, never cut them. Shown by st.markdown (so that
the page's hostile-text checks read them): every corpus string is escaped for HTML and for markdown, and no
blank line ever ends the HTML block.
"""

from __future__ import annotations

from dashboard import escape
from dashboard.corpus.model import Disagreement
from dashboard.corpus.records import Corpus
from dashboard.evidence.disagreement import READ_IN_ARTICLE, VersionSide, heading_html, version_sides


def version_html(side: VersionSide, corpus: Corpus) -> str:
    """One side of a disagreement: what it says, then the article's words and name (with a link to them in the
    article), or the public record."""
    body = [f'<p class="says">{escape.html_line(side.says)}</p>']
    if side.excerpt is not None:
        body.append(f"<blockquote>“{escape.html_line(side.quote)}”</blockquote>"
                    f'<p class="who">— {escape.html_line(corpus.sources[side.excerpt.source].label)} · '
                    f'<a href="{escape.html_line(side.href)}" target="_blank" rel="noopener">{READ_IN_ARTICLE}</a></p>')
    elif side.reference is not None:
        ref = side.reference
        body.append(f'<p class="who"><span class="badge">public record</span> '
                    f'<a href="{escape.html_line(escape.url(ref.url))}" target="_blank" rel="noopener noreferrer">{escape.html_line(ref.title)} ↗</a></p>')
    return f'<li class="version">{"".join(body)}</li>'


def disagreement_html(dis: Disagreement, corpus: Corpus, heading: bool = True) -> str:
    """The evidence panel's disagreement: its question, its summary, and every version, side by side where
    they fit (`heading` False: under the disagreement's own title, which says the question already)."""
    head = ""
    if heading:
        head = (heading_html(dis.title, "p", ' class="dis-title" role="note"', escape.html_line)
                + (f'<p class="dis-summary">{escape.html_line(dis.summary)}</p>' if dis.summary else ""))
    versions = "".join(version_html(side, corpus) for side in version_sides(dis))
    return (f'<section class="ev-dis" aria-label="{escape.html_line(dis.title)}">{head}'
            f'<ul class="versions" aria-label="{len(dis.versions)} versions">{versions}</ul></section>')


def value_table_html(caption: str, headings: tuple[str, ...], rows: list[tuple[str, ...]], note: str = "") -> str:
    """A small table whose cells wrap (never cut), with its caption and an optional note under it."""
    head = "".join(f'<th scope="col">{escape.html_line(h)}</th>' for h in headings)
    body = "".join("<tr>" + "".join(f"<td>{escape.html_line(c)}</td>" for c in row) + "</tr>" for row in rows)
    after = f'<p class="ev-note">{escape.html_line(note)}</p>' if note else ""
    return (f'<div class="ev-table"><table><caption>{escape.html_line(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>{after}</div>")
