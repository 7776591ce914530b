"""The loaded corpus (Corpus) and what is asked of its records: the organizations, countries and excerpts a
record concerns, how many excerpts each article gives, and the stable key of each excerpt ('site-kant.0',
'dis-kant-lease.v0'), which links and the reader use, with the excerpt a key names."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from dashboard.corpus.model import Annotation, Disagreement, Excerpt, Membership, Source
from dashboard.corpus.quotes import Seed


@dataclass(frozen=True)
class Corpus:
    """Everything the views need, validated."""

    sources: dict[str, Source]
    seeds: dict[str, Seed]
    records: tuple[Annotation, ...]
    organizations: dict[str, str]
    countries: dict[str, str]
    version: str
    by_id: dict[str, Annotation] = field(default_factory=dict)
    disputes: dict[str, tuple[Disagreement, ...]] = field(default_factory=dict)  # disputes_by_record
    disputed: frozenset[str] = frozenset()  # the records a disagreement flags: disputes' keys
    facets: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    shadable: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.by_id.update({r.id: r for r in self.records})
        # A new dict, never the one dataclasses.replace copied from another corpus.
        object.__setattr__(self, "disputes", disputes_by_record(self.records))
        object.__setattr__(self, "disputed", frozenset(self.disputes))
        # Organizations with membership records, i.e. those the map can shade countries by.
        with_members = {r.organization for r in self.records if isinstance(r, Membership)}
        object.__setattr__(self, "shadable", tuple(o for o in self.organizations if o in with_members))
        # Facet values are asked for on every rerun, for every record: work them out once.
        self.facets.update({r.id: {
            "orgs": frozenset(record_orgs(r)),
            "countries": frozenset(record_countries(r)),
            "topics": frozenset(r.topics),
            "sources": frozenset(e.source for e in all_excerpts(r)),
            "kinds": frozenset((r.kind,)),
        } for r in self.records})


def disputes_by_record(records: Iterable[Annotation]) -> dict[str, tuple[Disagreement, ...]]:
    """For each record a disagreement names (its `records`), those disagreements in corpus order: the one
    answer to which disagreements flag a record (Corpus.disputes; the map's flags, the panel, the briefing, the
    Compare page and the marks' names all read it)."""
    out: dict[str, list[Disagreement]] = {}
    for record in records:
        if isinstance(record, Disagreement):
            for rid in record.records:
                out.setdefault(rid, []).append(record)
    return {rid: tuple(found) for rid, found in out.items()}


def count_excerpts_by_source(corpus: Corpus) -> Counter[str]:
    """How many excerpts each source contributes (disagreement versions included)."""
    counts: Counter[str] = Counter({sid: 0 for sid in corpus.sources})
    for record in corpus.records:
        for e in all_excerpts(record):
            counts[e.source] += 1
    return counts


def record_orgs(record: Annotation) -> set[str]:
    """Organizations a record concerns, including a membership's own organization."""
    orgs = set(record.organizations)
    if isinstance(record, Membership):
        orgs.add(record.organization)
    return orgs


def record_countries(record: Annotation) -> set[str]:
    """Countries a record concerns, including a membership's country and a site's host."""
    codes = set(record.countries)
    for attr in ("country", "host", "operator"):
        code = getattr(record, attr, None)
        if code:
            codes.add(code)
    return codes


def all_excerpts(record: Annotation) -> list[Excerpt]:
    """A record's own excerpts plus those inside its disagreement versions."""
    out = list(record.excerpts)
    if isinstance(record, Disagreement):
        out.extend(v.excerpt for v in record.versions if v.excerpt is not None)
    return out


def excerpt_key(record_id: str, index: int) -> str:
    """Stable id of a record's n-th excerpt, as used in links."""
    return f"{record_id}.{index}"


def version_key(record_id: str, index: int) -> str:
    """Stable id of the excerpt of a disagreement's n-th version, as used in links."""
    return f"{record_id}.v{index}"


def resolve_excerpt(key: str, corpus: Corpus) -> Excerpt | None:
    """The excerpt a key names ('site-kant.0', 'dis-kant-lease.v0'), or None."""
    rid, _, idx = key.rpartition(".")
    record = corpus.by_id.get(rid)
    if record is None:
        return None
    if idx.startswith("v") and idx[1:].isdigit():
        versions = getattr(record, "versions", ())
        return versions[int(idx[1:])].excerpt if int(idx[1:]) < len(versions) else None
    return record.excerpts[int(idx)] if idx.isdigit() and int(idx) < len(record.excerpts) else None
