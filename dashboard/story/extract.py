"""The story's own words for the gettext catalog: a Babel extractor for stories/*.yaml (babel.cfg), and the one
function that says them at render time (pure).

A story file holds two kinds of text (story/model.py): its **own words** (the story's title, each step's label,
heading and written-out place, and its notes' text), which the dashboard wrote and translates like any other word
of its own; and its **excerpts**, quotes verbatim from the articles, never translated. Only the first are
extracted. A msgid is the text with its whitespace folded (a YAML block scalar's line breaks are the file's
layout, not the words'), and `own` looks it up the same way:

    with i18n.override("ru"): own("The tour at a glance") == "Поездка в общих чертах"

Whatever is not a mapping of the story's shape is skipped rather than raised on: the story's loader
(story/load.py) says what is wrong with a file, with its line.
"""

from __future__ import annotations

from collections.abc import Iterator

from dashboard import i18n
from dashboard.corpus.problems import CorpusError, parse_yaml

# The fields of a step that are the story's own words, in the file's order (the excerpts' quotes are not).
STEP_FIELDS = ("label", "heading", "place")


def message(text: str) -> str:
    """A text of the story as its msgid: whitespace folded to single spaces."""
    return " ".join(text.split())


def own(text: str) -> str:
    """The story's own words in the language spoken: `text` as written where the catalog has no other."""
    key = message(text)
    said = i18n.gettext(key)
    return text if said == key else said


def story_messages(text: str, file: str = "story") -> Iterator[tuple[int, str, str]]:
    """(line, msgid, what it is) of each own-words field of a story's YAML text, in the file's order."""
    try:
        data, lines = parse_yaml(text, file)
    except CorpusError:
        return
    if not isinstance(data, dict):
        return
    if isinstance(data.get("title"), str):
        yield lines.line(("title",)) or 0, message(data["title"]), "the story's title"
    steps = data.get("steps")
    for i, step in enumerate(steps if isinstance(steps, list) else []):
        if not isinstance(step, dict):
            continue
        name = f"step {i + 1}"
        for field in STEP_FIELDS:
            if isinstance(step.get(field), str) and message(step[field]):
                yield lines.line(("steps", i, field)) or 0, message(step[field]), f"{name}: its {field}"
        notes = step.get("notes")
        for j, note in enumerate(notes if isinstance(notes, list) else []):
            if isinstance(note, dict) and isinstance(note.get("text"), str) and message(note["text"]):
                yield (lines.line(("steps", i, "notes", j, "text")) or 0, message(note["text"]),
                       f"{name}: note {j + 1} (the dashboard's words, beside verbatim quotes)")


def extract_story(fileobj, keywords, comment_tags, options) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel's extraction method for a story file (babel.cfg, `make catalog`): (line, funcname, msgid, comments)
    for each of its own words; `keywords`, `comment_tags` and `options` are Babel's and unused here."""
    encoding = (options or {}).get("encoding", "utf-8")
    raw = fileobj.read()
    text = raw.decode(encoding) if isinstance(raw, bytes) else raw
    name = getattr(fileobj, "name", "story")
    for line, msgid, what in story_messages(text, str(name)):
        yield line, None, msgid, [f"Story, {what}. Quotes are never translated."]
