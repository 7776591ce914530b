"""A disagreement's parts, once, for the three places that draw it (pure): each version's words and on whose
word (an article's excerpt, with its link into the reader, or a public record), and the heading's words.

    version_sides(dis) -> [VersionSide(says, key, excerpt, reference), ...]   in the record's order
    heading_html(title, "h3") -> '<h3><span aria-hidden="true">⚠ </span>Sources disagree: …</h3>'

The evidence panel (evidence/html.py), a story step (story/html.py) and the briefing file
(downloads/briefing.py) each lay these out in their own page's way, with their own styles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dashboard import escape
from dashboard.corpus.model import Disagreement, Excerpt, Reference
from dashboard.corpus.records import version_key
from dashboard.query.link import reader_href

HEADING = "Sources disagree: "
READ_IN_ARTICLE = "Read in the article ↗"


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
    return f'<{tag}{attrs}><span aria-hidden="true">⚠ </span>{HEADING}{esc(title)}</{tag}>'
