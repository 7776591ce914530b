"""The language each piece of a page's visible text is read in: the nearest lang attribute around it (WCAG 3.1.2;
issues 28 and 30). Scripts, styles and attribute values are not text a page shows."""

from __future__ import annotations

import re
from html.parser import HTMLParser

RUSSIAN_WORD = re.compile(r"(?<![\u0400-\u04FF])[А-Яа-яЁё]+(?![\u0400-\u04FF])")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Texts(HTMLParser):
    def __init__(self, page_lang: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = [("", page_lang)]
        self.found: list[tuple[str, str]] = []

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
        if tag not in ("script", "style") and data.strip():
            self.found.append((data, lang))


def texts(page: str, page_lang: str | None = None) -> list[tuple[str, str]]:
    """Each piece of visible text with the language it is marked in, [(text, lang)]; the page's language is
    `page_lang`, else its <html lang>, else English."""
    if page_lang is None:
        declared = re.search(r'<html lang="([^"]+)"', page)
        page_lang = declared[1] if declared else "en"
    parser = _Texts(page_lang)
    parser.feed(page)
    parser.close()
    return parser.found


def in_language(page: str, text: str) -> set[str]:
    """The languages the pieces of visible text holding `text` are marked in."""
    return {lang for data, lang in texts(page) if text in data}


def _words(page: str, page_lang: str, pattern: re.Pattern, lang: str) -> tuple[list[str], list[str]]:
    marked: list[str] = []
    unmarked: list[str] = []
    for data, marked_lang in texts(page, page_lang):
        (marked if marked_lang == lang else unmarked).extend(pattern.findall(data))
    return marked, unmarked


def russian_words(page: str, page_lang: str = "en") -> tuple[list[str], list[str]]:
    """(the Russian words an element marks lang="ru", those it does not) in `page`'s text."""
    return _words(page, page_lang, RUSSIAN_WORD, "ru")


def english_words(page: str, page_lang: str = "ru") -> tuple[list[str], list[str]]:
    """(the English words an element marks lang="en", those it does not) in HTML shown on a Russian page."""
    return _words(page, page_lang, LATIN_WORD, "en")
