"""A disagreement, once (pure): each version's words and on whose word (an article's excerpt, with its link into the
reader, or a public record), and the one renderer that lays it out for the three places that show it.

    version_sides(dis) -> [VersionSide(says, key, excerpt, reference), ...]   in the record's order
    heading_html(title, "h3") -> '<h3><span aria-hidden="true">⚠ </span>Sources disagree: …</h3>'
    disagreement_html(dis, corpus, PANEL) -> '<section class="ev-dis" …>…<ul class="versions">…</ul></section>'

The evidence panel (PANEL: inside st.markdown), a story step (story/html.py: its summary as the dashboard's note)
and the briefing file (downloads/briefing.py: a record of its own, its sources cited in full, its links absolute)
differ only in what their Layout says; each page styles it (evidence.css, story.css, briefing.css).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dashboard import escape
from dashboard.corpus.model import Disagreement, Excerpt, Reference
from dashboard.corpus.records import Corpus, version_key
from dashboard.evidence.excerpts import excerpt_html
from dashboard.i18n import N_, ngettext
from dashboard.i18n import gettext as _
from dashboard.query.link import reader_href

# The dashboard's words (said in the language spoken where they are shown); the disagreements' own are the corpus's.
HEADING = N_("Sources disagree: {title}")
PUBLIC_RECORD = N_("Public record")


@dataclass(frozen=True)
class VersionSide:
    """One version of a disagreement: what it says, and the excerpt or the public record it rests on."""

    says: str
    key: str  # the version's excerpt id in links ('dis-kant-lease.v0'): the reader highlights it
    excerpt: Excerpt | None
    reference: Reference | None

    @property
    def quote(self) -> str:
        """The excerpt's words on one line ('' without an excerpt)."""
        return " ".join(self.excerpt.quote.split()) if self.excerpt is not None else ""

    @property
    def href(self) -> str | None:
        """The app-relative link to the excerpt's place in its article (None without an excerpt)."""
        return reader_href(self.excerpt.source, self.key) if self.excerpt is not None else None


def version_sides(dis: Disagreement) -> list[VersionSide]:
    """Every version of a disagreement, in the record's order, each with its link key."""
    return [VersionSide(v.says, version_key(dis.id, j), v.excerpt, v.reference) for j, v in enumerate(dis.versions)]


def heading_html(title: str, tag: str, attrs: str = "", esc: Callable[[object], str] = escape.html) -> str:
    """'⚠ Sources disagree: <title>' in a `tag` element (the sign hidden from screen readers), the title
    escaped by `esc` (escape.html_line where st.markdown shows it)."""
    return f'<{tag}{attrs}><span aria-hidden="true">⚠ </span>{_(HEADING).format(title=escape.with_lang(title, esc))}</{tag}>'


@dataclass(frozen=True)
class Layout:
    """Where a disagreement is shown: what differs there. What it says, and in which order, does not."""

    box: str = "section"  # its element
    attrs: Callable[[Disagreement], str] = lambda dis: ' class="dispute"'  # the element's attributes (escaped)
    heading_tag: str = "h3"
    heading_attrs: str = ""
    esc: Callable[[object], str] = escape.html  # escape.html_line inside st.markdown (no blank line, no markdown)
    before: Callable[[Disagreement], str] = lambda dis: ""  # between its heading and its summary
    summary: bool = True  # its summary as a paragraph before the versions (else `after` may say it)
    after: Callable[[Disagreement], str] = lambda dis: ""  # after the versions
    link: Callable[[VersionSide], str | None] = lambda side: side.href  # where a version's excerpt links
    cite: bool = False  # each excerpt's outlet, author, date and characters; each public record in full
    reference: Callable[[Reference], str] | None = None  # a public record in full (None: one line, linked)
    link_class: str = ""
    rel: str = "noopener"
    marks: bool = True  # quotes in curly quotes (the story shows them verbatim, as its own quotes)
    excerpt: Callable[[VersionSide], str] | None = None  # a version's excerpt its own way (None: excerpt_html)


def _record_line(ref: Reference, esc: Callable[[object], str]) -> str:
    """A public record in one line: its title, linked, and its publisher."""
    url = escape.url(ref.url)
    publisher = f" — {escape.with_lang(ref.publisher, esc)}" if ref.publisher else ""
    return (f'<p class="src"><span class="record">{esc(_(PUBLIC_RECORD))}</span> '
            f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{escape.with_lang(ref.title, esc)} ↗</a>'
            f"{publisher}</p>")


def version_html(side: VersionSide, corpus: Corpus, layout: Layout) -> str:
    """One side of a disagreement: what it says, then the article's words and name (with a link to them in the
    article), or the public record."""
    esc = layout.esc
    body = f'<p class="says">{escape.with_lang(side.says, esc)}</p>'
    if side.excerpt is not None and layout.excerpt is not None:
        body += layout.excerpt(side)
    elif side.excerpt is not None:
        body += excerpt_html(side.excerpt, corpus, layout.link(side), cite=layout.cite, esc=esc,
                             link_class=layout.link_class, rel=layout.rel, marks=layout.marks)
    elif side.reference is not None:
        body += layout.reference(side.reference) if layout.reference else _record_line(side.reference, esc)
    return f'<li class="version">{body}</li>'


def disagreement_html(dis: Disagreement, corpus: Corpus, layout: Layout, heading: bool = True) -> str:
    """A disagreement as `layout` lays it out: its question (unless not `heading`: under the disagreement's own
    title, which says it already), its summary, and every version, side by side where they fit."""
    esc = layout.esc
    head = heading_html(dis.title, layout.heading_tag, layout.heading_attrs, esc) if heading else ""
    summary = f'<p class="summary">{escape.with_lang(dis.summary, esc)}</p>' if heading and layout.summary and dis.summary else ""
    versions = "".join(version_html(side, corpus, layout) for side in version_sides(dis))
    count = esc(ngettext("{n} version", "{n} versions", len(dis.versions)).format(n=len(dis.versions)))
    return (f"<{layout.box}{layout.attrs(dis)}>{head}{layout.before(dis)}{summary}"
            f'<ul class="versions" aria-label="{count}">{versions}</ul>'
            f"{layout.after(dis)}</{layout.box}>")


# The evidence panel's: inside st.markdown, named by its question for screen readers.
PANEL = Layout(attrs=lambda dis: f' class="ev-dis" aria-label="{escape.html_line(dis.title)}"', heading_tag="p",
               heading_attrs=' class="dis-title" role="note"', esc=escape.html_line)
