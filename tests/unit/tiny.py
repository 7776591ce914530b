"""A ten-record corpus built in code, so that a filter table can name every record it expects.

Every facet has a value that picks a known few records, and the dated records start or end
on the days the tables test (the boundaries, the day before and the day after).
"""

from __future__ import annotations

import datetime as dt

from pydantic import TypeAdapter

from dashboard.corpus.codes import COUNTRY_NAMES
from dashboard.corpus.model import Annotation, Source
from dashboard.corpus.records import Corpus

D = dt.date
_RECORD = TypeAdapter(Annotation)


def _source(sid: str) -> Source:
    return Source(id=sid, file=f"{sid}.txt", sha256="0" * 64, title=None, label=f"Article {sid}", outlet=None,
                  author=None, translator=None, published=None, language="en")


def _ex(source: str, quote: str = "a quote long enough to be one") -> dict:
    return {"source": source, "quote": quote}


REF = {"supports": "date", "title": "A public record", "url": "https://example.org/record"}

RECORDS = [
    {"id": "org-a", "kind": "organization", "title": "A", "short": "A", "name": "Alliance A",
     "organizations": ["org-a"], "topics": ["security"], "date": D(2001, 6, 15), "excerpts": [_ex("s1")]},
    {"id": "org-b", "kind": "organization", "title": "B", "short": "B", "name": "Bloc B",
     "organizations": ["org-b"], "topics": ["economy"], "references": [REF]},
    # KZ in A: a member from 1 Jan 2015 until the day it became a former member, 1 Jan 2020.
    {"id": "m-kz-a", "kind": "membership", "title": "KZ in A: member", "country": "KZ", "organization": "org-a",
     "status": "member", "date": D(2015, 1, 1), "date_end": D(2020, 1, 1), "topics": ["integration"],
     "references": [REF]},
    {"id": "m-kz-a-2020", "kind": "membership", "title": "KZ in A: former", "country": "KZ",
     "organization": "org-a", "status": "former", "date": D(2020, 1, 1), "topics": ["integration"],
     "references": [REF]},
    # UZ in B "from December 2006" (known to the month) until 19 Dec 2012; TJ an observer of B since 2010.
    {"id": "m-uz-b", "kind": "membership", "title": "UZ in B: member", "country": "UZ", "organization": "org-b",
     "status": "member", "date": D(2006, 12, 1), "date_precision": "month", "date_end": D(2012, 12, 19),
     "topics": ["security"], "references": [REF]},
    {"id": "m-tj-b", "kind": "membership", "title": "TJ in B: observer", "country": "TJ", "organization": "org-b",
     "status": "observer", "date": D(2010, 3, 1), "topics": ["security"], "references": [REF]},
    {"id": "ev-tj", "kind": "event", "title": "Talks in Dushanbe", "countries": ["TJ"], "topics": ["migration"],
     "date": D(2017, 2, 27), "excerpts": [_ex("s2")]},
    # A week that ends on the tour's first day.
    {"id": "ev-kg-week", "kind": "event", "title": "A week in Bishkek", "countries": ["KG"], "topics": ["economy"],
     "date": D(2017, 2, 20), "date_end": D(2017, 2, 27), "excerpts": [_ex("s1"), _ex("s2")]},
    # "In July 2019": known to the month.
    {"id": "ev-jul", "kind": "event", "title": "A strategy in July", "countries": ["KZ"], "organizations": ["org-b"],
     "topics": ["diplomacy"], "date": D(2019, 7, 1), "date_precision": "month", "excerpts": [_ex("s2")]},
    {"id": "site-kg", "kind": "military_site", "title": "An air base", "operator": "RU", "host": "KG",
     "status": "active", "topics": ["military"], "location": {"lat": 42.85, "lon": 74.85},
     "excerpts": [_ex("s1")], "references": [{**REF, "supports": "location"}]},
    {"id": "fig-tj", "kind": "figure", "title": "Students", "countries": ["TJ"], "topics": ["education"],
     "measure": "people", "value": 20000, "unit": "students", "date": D(2017, 2, 28), "excerpts": [_ex("s2")]},
    # Its own excerpts are none: the articles it quotes are those of its versions.
    {"id": "dis-tj", "kind": "disagreement", "title": "When the talks were", "records": ["ev-tj"],
     "countries": ["TJ"], "topics": ["diplomacy"],
     "versions": [{"says": "27 February", "excerpt": _ex("s1")}, {"says": "28 February", "excerpt": _ex("s3")}]},
]
IDS = [r["id"] for r in RECORDS]


def tiny_corpus() -> Corpus:
    """The records above as a Corpus (no article texts: nothing here looks quotes up)."""
    return Corpus(sources={s: _source(s) for s in ("s1", "s2", "s3")}, seeds={},
                  records=tuple(_RECORD.validate_python(r) for r in RECORDS),
                  organizations={"org-a": "A", "org-b": "B"}, countries=dict(COUNTRY_NAMES), version="tiny")
