"""Pure: filtered records to CSV and GeoJSON, and back again (a lossless round trip)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from pydantic import TypeAdapter

from dashboard.corpus.dates import iso_at
from dashboard.corpus.model import Annotation, Border
from dashboard.corpus.records import Corpus, record_countries, record_orgs

_RECORD = TypeAdapter(Annotation)
CSV_COLUMNS = ("id", "kind", "title", "status", "date", "date_end", "countries", "organizations", "topics", "lat",
               "lon", "sources", "quotes", "spans", "references", "record_json")


def record_to_dict(record: Annotation) -> dict[str, Any]:
    """A record as JSON-ready data, character spans of its excerpts included."""
    data = record.model_dump(mode="json", exclude_none=True)
    for i, excerpt in enumerate(record.excerpts):
        data["excerpts"][i]["start"], data["excerpts"][i]["end"] = excerpt.start, excerpt.end
    for i, version in enumerate(getattr(record, "versions", [])):
        if version.excerpt is not None:
            data["versions"][i]["excerpt"].update(start=version.excerpt.start, end=version.excerpt.end)
    return data


def dict_to_record(data: dict[str, Any]) -> Annotation:
    """Inverse of record_to_dict."""
    spans = [(e.pop("start", None), e.pop("end", None)) for e in data.get("excerpts", [])]
    vspans = [(v["excerpt"].pop("start", None), v["excerpt"].pop("end", None)) if "excerpt" in v else None
              for v in data.get("versions", [])]
    record = _RECORD.validate_python(data)
    excerpts = [e.model_copy(update={"start": s, "end": t}) for e, (s, t) in zip(record.excerpts, spans)]
    updates: dict[str, Any] = {"excerpts": excerpts}
    if vspans:
        versions = []
        for v, span in zip(record.versions, vspans):
            if span and v.excerpt is not None:
                v = v.model_copy(update={"excerpt": v.excerpt.model_copy(update={"start": span[0], "end": span[1]})})
            versions.append(v)
        updates["versions"] = versions
    return record.model_copy(update=updates)


def to_csv(records: list[Annotation], corpus: Corpus) -> str:
    """One row per record: readable columns, plus the full record as JSON for a lossless reload.

    Dates are ISO 8601 at the precision the sources give: 2017-02-27, 2019-07 or 2019.
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for record in records:
        loc = getattr(record, "location", None)
        writer.writerow({
            "id": record.id, "kind": record.kind, "title": record.title,
            "status": str(getattr(record, "status", "")),  # a membership's is a StrEnum: str() is its value
            "date": iso_at(record.date, record.date_precision) if record.date else "",
            "date_end": iso_at(record.date_end, record.date_end_precision) if record.date_end else "",
            # A membership's country and grouping, a site's host and operator, count as its own.
            "countries": ";".join(sorted(record_countries(record))),
            "organizations": ";".join(sorted(record_orgs(record))),
            "topics": ";".join(record.topics),
            "lat": loc.lat if loc else "", "lon": loc.lon if loc else "",
            "sources": ";".join(corpus.sources[e.source].label for e in record.excerpts),
            "quotes": " | ".join(" ".join(e.quote.split()) for e in record.excerpts),
            "spans": ";".join(f"{e.source}:{e.start}-{e.end}" for e in record.excerpts),
            "references": " | ".join(f"{r.supports}: {r.title} <{r.url}>" for r in record.references),
            "record_json": json.dumps(record_to_dict(record), ensure_ascii=False, sort_keys=True),
        })
    return out.getvalue()


def from_csv(text: str) -> list[Annotation]:
    """Records back from to_csv's output."""
    return [dict_to_record(json.loads(row["record_json"])) for row in csv.DictReader(io.StringIO(text))]


def to_geojson(records: list[Annotation], borders_gdf=None) -> str:
    """A FeatureCollection: points for located records, lines for borders, null geometry otherwise.

    Each dated feature's `when` gives its dates at their precision (ISO 8601, an interval as a/b).
    """
    lines = {}
    if borders_gdf is not None:
        lines = {row.id: row.geometry.__geo_interface__ for row in borders_gdf.itertuples()}
    features = []
    for record in records:
        loc = getattr(record, "location", None)
        geometry = None
        if loc is not None:
            geometry = {"type": "Point", "coordinates": [loc.lon, loc.lat]}
        elif isinstance(record, Border) and record.geodata_id in lines:
            geometry = lines[record.geodata_id]
        when = {"when": _when(record)} if record.date else {}
        features.append({"type": "Feature", "id": record.id, "geometry": geometry,
                         "properties": when | record_to_dict(record)})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def from_geojson(text: str) -> list[Annotation]:
    """Records back from to_geojson's output."""
    features = json.loads(text)["features"]
    return [dict_to_record({k: v for k, v in f["properties"].items() if k != "when"}) for f in features]


def _when(record: Annotation) -> str:
    """The record's dates as ISO 8601 at their precision: '2017-02-27', '2019-07', '1993-12/2009-08-18'."""
    out = iso_at(record.date, record.date_precision)
    if record.date_end:
        out += "/" + iso_at(record.date_end, record.date_end_precision)
    return out
