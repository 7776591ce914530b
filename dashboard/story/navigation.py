"""The story's navigation (static/app/story-nav.*): the step list it shows, and the step changes it may send
(checked, each applied once)."""

from __future__ import annotations

import datetime as dt
import re

from dashboard.corpus.records import Corpus
from dashboard.i18n import gettext as _
from dashboard.story.model import Story
from dashboard.story.words import date_text, heading_text, label_text, place_text


def nav_steps(story: Story, corpus: Corpus, today: dt.date) -> list[dict]:
    """Each step as the step list and the heading show it, in the language spoken: number, label, heading, date,
    place."""
    return [{"n": i, "label": label_text(step), "heading": heading_text(step), "date": date_text(step, today),
             "place": place_text(step, corpus)} for i, step in enumerate(story.steps, start=1)]


def nav_words() -> dict[str, str]:
    """The navigation's own words in the language spoken (static/app/story-nav.js has none of its own); the
    templates' {fields} are filled in the browser."""
    return {
        "steps": _("Steps of the story"),
        "prev": _("‹ Previous"),
        "next": _("Next ›"),
        "keys": _("or ← → keys, Home, End"),
        "swipe": _("or swipe the text sideways"),
        # The line above the heading, as story.html.step_meta writes it.
        "meta": _("Step {number} of {total} · {date} · {place}"),
        "noDate": _("no date given"),
        # What the live region says at a step change.
        "announce": _("Step {number} of {total}: {heading}. {date}, {place}."),
        "announceNoDate": _("No date given"),
    }


class StoryEventError(ValueError):
    """A step change from the browser that is not one this story has."""


def parse_step_event(value: object, total: int, applied: tuple[str, int] | None) -> tuple[int, tuple[str, int]] | None:
    """A step change the navigation sent ({"epoch", "seq", "step"}): (the step, what is now applied), or None
    when it was applied already (the browser sends the last change again after a reconnect)."""
    if not isinstance(value, dict):
        raise StoryEventError(_("not a step change"))
    epoch, seq, step = value.get("epoch"), value.get("seq"), value.get("step")
    if not isinstance(epoch, str) or not re.fullmatch(r"[a-z0-9-]{1,40}", epoch):
        raise StoryEventError(_("the change has no valid epoch"))
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        raise StoryEventError(_("the change has no valid sequence number"))
    if not isinstance(step, int) or isinstance(step, bool) or not 1 <= step <= total:
        raise StoryEventError(_("there is no step {step} (the story has {total})").format(
            step=repr(str(step)[:12]), total=total))
    if applied is not None and applied[0] == epoch and seq <= applied[1]:
        return None
    return step, (epoch, seq)

