"""The evidence panel's wide parts as HTML: a disagreement's versions (laid out by evidence/disagreement.py) and
the computed-value tables; and the About page's table of public references (pure).

Versions sit side by side only where each has room for a readable line (about 30 characters); otherwise
they stack (static/app/evidence.css). Tables wrap their words, never cut them. Shown by st.markdown (so that
the page's hostile-text checks read them): every corpus string is escaped for HTML and for markdown, and no
blank line ever ends the HTML block.
"""

from __future__ import annotations

from dashboard import escape
from dashboard.corpus.model import Disagreement, Reference
from dashboard.corpus.records import Corpus
from dashboard.evidence import disagreement
from dashboard.i18n import gettext as _


def disagreement_html(dis: Disagreement, corpus: Corpus, heading: bool = True) -> str:
    """The evidence panel's disagreement (disagreement.PANEL): its question, its summary, and every version, side by
    side where they fit (`heading` False: under the disagreement's own title, which says the question already)."""
    return disagreement.disagreement_html(dis, corpus, disagreement.PANEL, heading)


def value_table_html(caption: str, headings: tuple[str, ...], rows: list[tuple[str, ...]], note: str = "") -> str:
    """A small table whose cells wrap (never cut), with its caption and an optional note under it."""
    head = "".join(f'<th scope="col">{escape.html_line(h)}</th>' for h in headings)
    body = "".join("<tr>" + "".join(f"<td>{escape.with_lang(c, escape.html_line)}</td>" for c in row) + "</tr>"
                   for row in rows)
    after = f'<p class="ev-note">{escape.html_line(note)}</p>' if note else ""
    return (f'<div class="ev-table"><table><caption>{escape.html_line(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>{after}</div>")


def references_table_html(refs: list[Reference]) -> str:
    """The public references as a table (the About page): each title linked to its address, then its publisher;
    the corpus's words marked in their language where it is not the page's (a Streamlit table's cells cannot carry
    a language); its headings in the language spoken."""
    rows = "".join(
        f'<tr><td><a href="{escape.html_line(escape.url(r.url))}" target="_blank" rel="noopener noreferrer">'
        f"{escape.with_lang(r.title, escape.html_line)} ↗</a></td>"
        f"<td>{escape.with_lang(r.publisher or '—', escape.html_line)}</td></tr>" for r in refs)
    title, publisher = _("Title"), _("Publisher")  # not inside the f-string: the catalog's extractor skips those
    return (f'<div class="ev-table"><table><thead><tr><th scope="col">{escape.html_line(title)}</th>'
            f'<th scope="col">{escape.html_line(publisher)}</th></tr>'
            f"</thead><tbody>{rows}</tbody></table></div>")
