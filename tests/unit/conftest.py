"""Fixtures of the unit tests."""

from __future__ import annotations

import pytest

from dashboard.story.load import DEFAULT_STORY, load_story
from tests.unit.stories import TODAY


@pytest.fixture(scope="module")
def story(corpus):
    """The project's own story (stories/tour-2017.yaml), on the tests' today."""
    return load_story(DEFAULT_STORY, corpus, TODAY)
