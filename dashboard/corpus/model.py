"""Typed records of the curated corpus: sources, excerpts, references and annotations."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from dashboard.corpus.dates import Precision

TOPICS = (
    "security",
    "military",
    "economy",
    "energy",
    "migration",
    "education",
    "diplomacy",
    "integration",
    "terrorism",
    "domestic-politics",
    "health",
    "science",
)
Topic = Literal[TOPICS]  # type: ignore[valid-type]

# Dates outside this window cannot belong to the story: the USSR dissolved in
# December 1991 and the oldest grouping here (the Collective Security Treaty)
# was signed in 1992.
EARLIEST_DATE = dt.date(1990, 1, 1)


class Strict(BaseModel):
    """Base for every record: unknown fields are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(Strict):
    """One seed article, described only as its own text describes it."""

    id: str
    file: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="Of the article file, as copied unchanged.")
    title: str | None
    label: str = Field(description="Short display name; says so when the text has no title.")
    outlet: str | None
    author: str | None
    translator: str | None
    original_source: str | None = None
    published: dt.date | None
    language: str
    url: str | None = None
    note: str | None = None


class Excerpt(Strict):
    """A verbatim quote from a seed. The loader fills in its character span."""

    source: str
    quote: str = Field(min_length=12)
    start: int | None = Field(default=None, exclude=True)
    end: int | None = Field(default=None, exclude=True)


class Reference(Strict):
    """A public record behind a context fact that the articles don't give (or give loosely)."""

    supports: str = Field(description="The field of the record this proves: location, date (or start), date_end "
                                      "(or end), status, value, summary ..., or length for a border; its quote "
                                      "must state that fact.")
    title: str
    url: str
    publisher: str | None = None
    quote: str | None = None
    accessed: dt.date | None = None


class Location(Strict):
    """A point in WGS84."""

    lat: float
    lon: float
    place: str | None = None


class Status(StrEnum):
    """A country's status in a grouping.

    `suspended` is a suspension the grouping decided (or the state formally requested and the sources
    call so); `frozen` is a state's own freeze of its participation, its membership not ended.
    `partner` is the SCO's single status for observers and dialogue partners from 1 September 2025.
    """

    member = "member"
    observer = "observer"
    prospective = "prospective"
    suspended = "suspended"
    former = "former"
    associate = "associate"
    dialogue_partner = "dialogue_partner"
    partner = "partner"
    frozen = "frozen"


class Base(Strict):
    """Fields every annotation carries."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$")
    title: str
    summary: str | None = None
    countries: list[str] = Field(default_factory=list)
    organizations: list[str] = Field(default_factory=list)
    topics: list[Topic] = Field(min_length=1)  # type: ignore[valid-type]
    excerpts: list[Excerpt] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    date: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: Precision = Field(default="day", description="What the source gives: a day, a month or a year.")
    date_end_precision: Precision = Field(default="day", description="Likewise for date_end.")
    aliases: list[str] = Field(default_factory=list, description=(
        "Other names and spellings of what the record names, for search: 'EEU', 'Alma-Ata'. An entry "
        "'Kulob = Kulyab' names one place the record mentions, by all its names."))

    @field_validator("countries")
    @classmethod
    def _upper_codes(cls, codes: list[str]) -> list[str]:
        return [c.upper() for c in codes]


class VisitStop(Base):
    """A stop on the tour, a stop announced but not made, or a call."""

    kind: Literal["visit_stop"]
    order: int | None = Field(default=None, ge=0)
    status: Literal["made", "not_made", "phone_call", "origin"]
    city: str
    location: Location
    leaders: list[str] = Field(default_factory=list)
    agenda: list[str] = Field(default_factory=list)
    signed: list[str] = Field(default_factory=list)


class MilitarySite(Base):
    """A Russian military site as the articles and the record describe it."""

    kind: Literal["military_site"]
    operator: str
    host: str
    status: Literal["active", "proposed", "withdrawal_offered", "closed"]
    location: Location
    units: list[str] = Field(default_factory=list)
    aircraft: list[str] = Field(default_factory=list)
    personnel: str | None = None


class Border(Base):
    """A land border the articles discuss; its geometry comes from geodata/borders.geojson."""

    kind: Literal["border"]
    geodata_id: str
    emphasis: Literal["primary", "secondary"] = "secondary"


class Membership(Base):
    """One country's status in one organization over a period."""

    kind: Literal["membership"]
    country: str
    organization: str
    status: Status
    unsettled: bool = Field(default=False, description="The sources leave this status open (a state leaving, "
                                                       "a freeze not ended); the summary says why.")

    @field_validator("country")
    @classmethod
    def _upper_code(cls, code: str) -> str:
        return code.upper()


class Organization(Base):
    """A grouping the articles name: EAEU, CSTO, SCO, CIS ..."""

    kind: Literal["organization"]
    short: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.+ -]{0,39}$",
                       description="The name links use (?org=CSTO): letters, digits, space, _ . + -")
    name: str
    location: Location | None = None


class Figure(Base):
    """A number an article gives: money, people, distance, share, a year."""

    kind: Literal["figure"]
    measure: Literal["money", "people", "distance", "share", "duration", "count", "year"]
    value: float
    unit: str
    location: Location | None = None


class Event(Base):
    """A dated happening or statement the articles report that is not a tour stop."""

    kind: Literal["event"]
    location: Location | None = None


class Version(Strict):
    """One side of a disagreement: what one article or one record says."""

    says: str
    excerpt: Excerpt | None = None
    reference: Reference | None = None
    agrees_with_record: bool = Field(default=False, description=(
        "An article's version that the public record bears out (a loose statement, e.g. 'thousands of "
        "kilometres', kept in a dispute among the references): its article is not said to differ."))


class Disagreement(Base):
    """Where articles differ from each other or from the public record: both are kept."""

    kind: Literal["disagreement"]
    records: list[str] = Field(min_length=1)
    versions: list[Version] = Field(min_length=2)


Annotation = Annotated[
    VisitStop | MilitarySite | Border | Membership | Organization | Figure | Event | Disagreement,
    Field(discriminator="kind"),
]

KINDS: tuple[str, ...] = (
    "visit_stop",
    "military_site",
    "border",
    "membership",
    "organization",
    "figure",
    "event",
    "disagreement",
)


class AnnotationFile(Strict):
    """The whole of annotations.yaml."""

    version: int
    records: list[Annotation]
