"""A story file read into a checked Story (stories/*.yaml; the step model: story/model.py).

`load_story` collects every problem, each with the file, the line, the step and the field, as
`dashboard.corpus.load.load_corpus` does, and raises `CorpusError`: in the language of the run that loads
(the step too: 'step 3', 'шаг 3').
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path
from typing import Literal

from pydantic import Field, TypeAdapter, ValidationError

from dashboard.corpus.model import Strict
from dashboard.corpus.problems import (
    ROOT,
    CorpusError,
    Problem,
    display_path,
    parse_yaml,
    pydantic_problems,
    validate_items,
)
from dashboard.corpus.records import Corpus
from dashboard.i18n import gettext as _
from dashboard.story.checks import StepChecks
from dashboard.story.model import Step, Story

DEFAULT_STORY = ROOT / "stories" / "tour-2017.yaml"
STORY_ENV = "DASHBOARD_STORY"
MAX_STEPS = 40


class _Head(Strict):
    version: Literal[1]
    title: str = Field(min_length=3)


_STEP = TypeAdapter(Step)


def story_path() -> Path:
    """The story the app tells: DASHBOARD_STORY, else stories/tour-2017.yaml."""
    return Path(os.environ.get(STORY_ENV, DEFAULT_STORY))



def load_story(path: Path, corpus: Corpus, today: dt.date | None = None) -> Story:
    """Read and check a story against the corpus; raise CorpusError listing every problem."""
    name = display_path(path)
    if not path.is_file():
        raise CorpusError([Problem(name, None, None, None, _("file not found"))])
    text = path.read_text(encoding="utf-8")
    data, lines = parse_yaml(text, name)
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list):
        raise CorpusError([Problem(name, lines.line(()), None, "steps", _("expected a mapping with a 'steps' list"))])
    problems: list[Problem] = []
    try:
        head = _Head.model_validate({k: v for k, v in data.items() if k != "steps"})
    except ValidationError as exc:
        problems.extend(pydantic_problems(exc, name, lines, (), None))
        head = None
    if not data["steps"] or len(data["steps"]) > MAX_STEPS:
        problems.append(Problem(name, lines.line(("steps",)), None, "steps",
                                _("a story has 1 to {n} steps").format(n=MAX_STEPS)))
    checks = StepChecks(name, lines, corpus, today)
    valid = validate_items(_STEP, data["steps"][:MAX_STEPS], name, lines, "steps", problems, lambda i, raw: _step(i))
    steps = [checks.run(step, ("steps", i), _step(i), problems) for i, step in valid]
    if problems:
        raise CorpusError(problems)
    assert head is not None
    version = hashlib.sha256(text.encode() + corpus.version.encode()).hexdigest()[:12]
    return Story(file=name, title=head.title, steps=tuple(steps), version=version)


def _step(i: int) -> str:
    """The step at position i (from 0) as a problem names it: 'step 3'."""
    return _("step {n}").format(n=i + 1)
