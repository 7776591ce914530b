"""What a reader's screen reader would read in the wrong language: Russian words in HTML whose element carries no
lang="ru" (WCAG 3.1.2; issue 28). Scripts, styles and attribute values are not text a page shows."""

from __future__ import annotations

import re
from html.parser import HTMLParser

RUSSIAN_WORD = re.compile(r"(?<![\u0400-\u04FF])[А-Яа-яЁё]+(?![\u0400-\u04FF])")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Languages(HTMLParser):
    def __init__(self, page_lang: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = [("", page_lang)]
        self.unmarked: list[str] = []
        self.marked: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in _VOID:
            self.stack.append((tag, dict(attrs).get("lang") or self.stack[-1][1]))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):  # closes the nearest open one (and any left open inside it)
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        tag, lang = self.stack[-1]
        if tag in ("script", "style"):
            return
        words = RUSSIAN_WORD.findall(data)
        (self.marked if lang == "ru" else self.unmarked).extend(words)


def russian_words(page: str, page_lang: str = "en") -> tuple[list[str], list[str]]:
    """(the Russian words an element marks lang="ru", those it does not) in `page`'s text."""
    parser = _Languages(page_lang)
    parser.feed(page)
    parser.close()
    return parser.marked, parser.unmarked
