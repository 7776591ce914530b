"""An article's text (Seed) and finding a quote in it verbatim: whitespace matches loosely, nothing else does."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.corpus.model import Excerpt, Source
from dashboard.i18n import gettext as _

_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Seed:
    """One article's text, with a whitespace-normalised copy for quote lookup."""

    source: Source
    text: str
    normalised: str
    offsets: tuple[int, ...]

    def find(self, quote: str) -> tuple[int, int] | None:
        """Span of `quote` in the original text, matching whitespace loosely and nothing else."""
        needle = normalise(quote)
        at = self.normalised.find(needle)
        if at < 0 or not needle:
            return None
        return self.offsets[at], self.offsets[at + len(needle) - 1] + 1


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space and trim the ends."""
    return _WS.sub(" ", text).strip()


def normalise_with_offsets(text: str) -> tuple[str, tuple[int, ...]]:
    """The text as `normalise` makes it, and for each of its characters the position it came from."""
    out: list[str] = []
    offsets: list[int] = []
    pending_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            offsets.append(i - 1)
            pending_space = False
        out.append(ch)
        offsets.append(i)
    return "".join(out), tuple(offsets)


def locate_excerpt(excerpt: Excerpt, seeds: dict[str, Seed]) -> tuple[Excerpt, str | None, str | None]:
    """The excerpt with its span in its article filled in; if it cannot be placed, the excerpt as given, the
    field at fault ("source" or "quote") and why (in the run's language; the quote itself as written)."""
    seed = seeds.get(excerpt.source)
    if seed is None:
        return excerpt, "source", _("unknown source {source}").format(source=repr(excerpt.source))
    if "..." in excerpt.quote or "…" in excerpt.quote:
        return excerpt, "quote", _("a quote must not contain an ellipsis; split it into two excerpts")
    span = seed.find(excerpt.quote)
    if span is None:
        return excerpt, "quote", _("quote not found verbatim in {file}: {quote}").format(
            file=seed.source.file, quote=repr(excerpt.quote[:60]))
    return excerpt.model_copy(update={"start": span[0], "end": span[1]}), None, None
