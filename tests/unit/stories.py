"""A story file written in a test (HEAD + steps), and the step every broken step below it differs from in one way:
shared by the story's unit tests (test_story_load.py, test_story_checks.py)."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from dashboard.corpus.problems import CorpusError
from dashboard.story.load import load_story

TODAY = dt.date(2026, 11, 29)
HEAD = "version: 1\ntitle: A test story\nsteps:\n"
# A step that passes every check; each broken step below differs from it in one way.
GOOD = """\
  - label: Almaty
    heading: "Almaty: Putin and Nazarbayev"
    date: 2017-02-27
    marks: [stop-almaty]
    excerpts:
      - source: cement-2017
        quote: No disagreements were apparent in talks between Putin and Kazakh President Nursultan Nazarbayev
    notes:
      - text: The talks were on the first day of the tour.
        cites: [stop-almaty]
"""

def load_steps(tmp_path: Path, corpus, steps: str):
    """Write the steps as a story file and load it: (its path, the Story)."""
    path = tmp_path / "story.yaml"
    path.write_text(HEAD + textwrap.dedent(steps), encoding="utf-8")
    return path, load_story(path, corpus, TODAY)


def problems_of(tmp_path: Path, corpus, steps: str):
    """The problems loading these steps raises."""
    with pytest.raises(CorpusError) as caught:
        load_steps(tmp_path, corpus, steps)
    return caught.value.problems


def marked_line(steps: str) -> int:
    """The line (in the whole file) marked `# <-` in a broken step."""
    lines = (HEAD + textwrap.dedent(steps)).splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.rstrip().endswith("# <-"))
