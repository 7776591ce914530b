"""What is wrong with a YAML file, located: the Problem type, CorpusError, and YAML read with each node's line.

The corpus (corpus/load.py), the public record (corpus/reference.py) and a story (story/load.py) are read
with these, so each problem names the file, the line, the record and the field, and every one is reported at
once.

A problem's message is said in the language of the run that finds it (dashboard/i18n.py): the app shows it in
the reader's language, the command line (validate.py) in English. Its file, line, record and field are the
same in every language. pydantic's own messages ('Field required', 'Input should be ...') and PyYAML's stay
English: they are the libraries' words, not ours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from dashboard.corpus.model import KINDS
from dashboard.i18n import gettext as _

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the corpus, located as precisely as we can."""

    file: str
    line: int | None
    record: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        who = f" [{self.record}]" if self.record else ""
        what = f" {self.field}:" if self.field else ""
        return f"{where}:{who}{what} {self.message}"


class CorpusError(Exception):
    """Raised with the full list of problems when the corpus does not validate."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class LineMap:
    """Maps a path of keys/indices in the parsed YAML to its 1-based line."""

    def __init__(self) -> None:
        self.lines: dict[tuple[Any, ...], int] = {}

    def line(self, path: Iterable[Any]) -> int | None:
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())


def _construct(node: yaml.Node, path: tuple[Any, ...], lines: LineMap) -> Any:
    lines.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in out:
                raise _DuplicateKeyError(key, key_node.start_mark.line + 1)
            out[key] = _construct(value_node, path + (key,), lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(v, path + (i,), lines) for i, v in enumerate(node.value)]
    try:
        return _SCALAR.construct_object(node)
    except ValueError:
        # An impossible timestamp such as 2017-02-30: let the schema report it.
        return node.value


class _DuplicateKeyError(Exception):
    def __init__(self, key: str, line: int):
        self.key, self.line = key, line


class _ScalarConstructor(yaml.SafeLoader):
    def __init__(self) -> None:
        super().__init__("")


_SCALAR = _ScalarConstructor()
# libyaml parses a large corpus an order of magnitude faster and keeps the line marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, file: str) -> tuple[Any, LineMap]:
    """Parse YAML, keeping the line of every node; syntax errors become Problems."""
    lines = LineMap()
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise CorpusError([Problem(file, line, None, None, _("YAML syntax: {problem}").format(problem=exc.problem))]) from None
    except yaml.YAMLError as exc:
        raise CorpusError([Problem(file, None, None, None, _("YAML syntax: {problem}").format(problem=exc))]) from None
    if node is None:
        return None, lines
    try:
        return _construct(node, (), lines), lines
    except _DuplicateKeyError as exc:
        raise CorpusError(
            [Problem(file, exc.line, None, str(exc.key), _("key appears twice in the same mapping"))]
        ) from None


def pydantic_problems(
    exc: ValidationError, file: str, lines: LineMap, prefix: tuple[Any, ...], rid: str | None
) -> list[Problem]:
    """A pydantic error as Problems, each at the line of the field it names (below `prefix` in the YAML).

    pydantic's own messages stay English (its words, not ours); what we add to them, and a message our own
    validator raises (a ValueError in model.py), is said in the run's language."""
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        # A discriminated union puts the kind name in the path; it is not a YAML key.
        yaml_loc = tuple(p for p in loc if p not in KINDS)
        field_name = ".".join(str(p) for p in yaml_loc) or None
        msg = err["msg"]
        if err["type"] == "value_error" and isinstance(err.get("ctx", {}).get("error"), ValueError):
            # Our own validator's words, without pydantic's English "Value error, " before them.
            msg = str(err["ctx"]["error"])
        given = err.get("input")
        if isinstance(given, str | int | float | dt.date) and not isinstance(given, bool) and len(str(given)) <= 60:
            msg = _("{message} (got {value})").format(message=msg, value=repr(given))
        if err["type"] == "extra_forbidden":
            msg = _("unknown field")
        elif err["type"] == "union_tag_invalid":
            msg = _("unknown kind {kind}; expected one of {kinds}").format(
                kind=repr(err.get("ctx", {}).get("tag")), kinds=", ".join(KINDS))
            field_name = "kind"
        elif err["type"] == "union_tag_not_found":
            msg = _("missing 'kind'")
            field_name = "kind"
        out.append(Problem(file, lines.line(prefix + yaml_loc), rid, field_name, msg))
    return out


def validate_items(adapter: TypeAdapter, items: list, file: str, lines: LineMap, key: str, problems: list[Problem],
                   label=lambda i, raw: None) -> list[tuple[int, Any]]:
    """Each item of a YAML list (`key`) validated by `adapter`: (position, model) of the valid ones, and a Problem
    for each other, named by `label(position, item)` (a record's id, "step 3")."""
    out = []
    for i, raw in enumerate(items):
        who = label(i, raw)
        if not isinstance(raw, dict):
            problems.append(Problem(file, lines.line((key, i)), who, None, _("expected a mapping")))
            continue
        try:
            out.append((i, adapter.validate_python(raw)))
        except ValidationError as exc:
            problems.extend(pydantic_problems(exc, file, lines, (key, i), who))
    return out



def display_path(path: Path) -> str:
    """A path as a problem names it: relative to the project's root when it is inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
