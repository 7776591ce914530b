"""Step changes from the browser's navigation (dashboard/story/navigation.py, issue 14): each applied once, and one
the story has not refused."""

from __future__ import annotations

import pytest

from dashboard.story.navigation import StoryEventError, parse_step_event

# --- step changes from the browser ---------------------------------------------------------------------

EVENTS = [
    ({"epoch": "k1-abc", "seq": 1, "step": 3}, None, (3, ("k1-abc", 1))),
    ({"epoch": "k1-abc", "seq": 2, "step": 9}, ("k1-abc", 1), (9, ("k1-abc", 2))),
    # Sent again after a reconnect: already applied, nothing to do.
    ({"epoch": "k1-abc", "seq": 2, "step": 4}, ("k1-abc", 2), None),
    # Another page (a reload): its numbers start again.
    ({"epoch": "k2-def", "seq": 1, "step": 4}, ("k1-abc", 7), (4, ("k2-def", 1))),
]


@pytest.mark.parametrize(("value", "applied", "expected"), EVENTS)
def test_a_step_change_is_applied_once(value, applied, expected):
    assert parse_step_event(value, 9, applied) == expected


@pytest.mark.parametrize("value", [
    None, "3", {"epoch": "k1", "seq": 1, "step": 10}, {"epoch": "k1", "seq": 1, "step": 0},
    {"epoch": "k1", "seq": 1, "step": True}, {"epoch": "<script>", "seq": 1, "step": 2},
    {"epoch": "k1", "seq": -1, "step": 2}, {"epoch": "k1", "seq": 1, "step": "2"},
])
def test_a_step_change_the_story_has_not_is_refused(value):
    with pytest.raises(StoryEventError):
        parse_step_event(value, 9, None)

