"""A table of broken annotation files, each with the message it must produce (file, line, record, field)."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from dashboard.corpus.load import load_corpus
from dashboard.corpus.problems import CorpusError
from dashboard.validate import main

ROOT = Path(__file__).resolve().parents[2]

ORG = """\
version: 1
records:
  - id: org-csto
    kind: organization
    short: CSTO
    name: Collective Security Treaty Organization
    title: CSTO
    organizations: [org-csto]
    topics: [security]
    excerpts:
      - source: spotlight-2017
        quote: a Russia-led military alliance established in 1992.
"""

SITE = """\
  - id: site-kant
    kind: military_site
    title: Kant air base
    operator: RU
    host: KG
    status: active
    countries: [KG]
    topics: [military]
    location: {{lat: {lat}, lon: {lon}}}
    excerpts:
      - source: cement-2017
        quote: {quote}
    references:
      - supports: location
        title: Kant (air base)
        url: https://en.wikipedia.org/wiki/Kant_(air_base)
"""
KANT_QUOTE = "Russia flies Su-25 combat planes and Mi-8 helicopters from the Kant airbase"


def site(lat=42.85, lon=74.85, quote=KANT_QUOTE, **replace):
    text = SITE.format(lat=lat, lon=lon, quote=quote)
    for old, new in replace.items():
        text = text.replace(old.replace("_", " ") + ":", new)
    return text


CASES = [
    # (case, file text, (line, record, field, words in the message))
    ("yaml syntax", ORG + "  - id: x\n   kind: [\n", (14, None, None, "YAML syntax")),
    ("unknown field", ORG + site().replace("    topics: [military]\n", "    topics: [military]\n    colour: red\n"),
     (21, "site-kant", "colour", "unknown field")),
    ("unknown kind", ORG + "  - id: thing\n    kind: spaceship\n    title: x\n    topics: [security]\n",
     (13, "thing", "kind", "unknown kind 'spaceship'")),
    ("missing kind", ORG + "  - id: thing\n    title: x\n    topics: [security]\n", (13, "thing", "kind", "missing 'kind'")),
    ("unknown country", ORG + site().replace("countries: [KG]", "countries: [XX]"),
     (19, "site-kant", "countries", "unknown country code 'XX'")),
    ("unknown organization", ORG + site().replace("countries: [KG]", "countries: [KG]\n    organizations: [org-nato]"),
     (20, "site-kant", "organizations", "unknown organization 'org-nato'")),
    ("unknown source", ORG + site().replace("source: cement-2017", "source: pravda-2017"),
     (23, "site-kant", "excerpts.source", "unknown source 'pravda-2017'")),
    ("quote not in seed", ORG + site(quote="Russia flies F-16 fighters from the Kant airbase"),
     (24, "site-kant", "excerpts.quote", "quote not found verbatim in 004_8ba6c02ffa2a8b5e.txt")),
    ("quote with ellipsis", ORG + site(quote="Russia flies Su-25 combat planes ... from the Kant airbase"),
     (24, "site-kant", "excerpts.quote", "must not contain an ellipsis")),
    ("lat and lon swapped", ORG + site(lat=74.85, lon=42.85), (21, "site-kant", "location", "lat and lon look swapped")),
    ("outside the region", ORG + site(lat=-33.9, lon=18.4), (21, "site-kant", "location", "outside the map region")),
    ("location without reference", ORG + site().split("    references:")[0],
     (21, "site-kant", "location", "needs a reference with supports: location")),
    ("duplicate id", ORG + site() + site(), (29, "site-kant", "id", "duplicate id (first used on line 13)")),
    ("date before 1990", ORG + site().replace("    topics:", "    date: 1850-01-01\n    topics:"),
     (20, "site-kant", "date", "outside the possible range")),
    ("date in the future", ORG + site().replace("    topics:", "    date: 2999-01-01\n    topics:"),
     (20, "site-kant", "date", "outside the possible range")),
    ("impossible date", ORG + site().replace("    topics:", "    date: 2017-02-30\n    topics:"),
     (20, "site-kant", "date", "day value is outside expected range")),
    ("end before start", ORG + site().replace("    topics:", "    date: 2017-02-28\n    date_end: 2017-02-27\n    topics:"),
     (21, "site-kant", "date_end", "date_end is before date")),
    ("duplicate key", ORG + site().replace("    title: Kant air base\n", "    title: Kant air base\n    title: Kant\n"),
     (16, None, "title", "key appears twice")),
    ("no excerpt or reference", ORG + "  - id: ev-x\n    kind: event\n    title: x\n    countries: [KG]\n    topics: [security]\n",
     (13, "ev-x", "excerpts", "at least one excerpt or reference")),
    ("no country or organization", ORG + "  - id: ev-x\n    kind: event\n    title: x\n    topics: [security]\n"
     "    excerpts:\n      - source: cement-2017\n        quote: " + KANT_QUOTE + "\n",
     (13, "ev-x", "countries", "a record needs a country or an organization")),
    ("unknown border", ORG + "  - id: border-x\n    kind: border\n    geodata_id: XX-YY\n    title: x\n    countries: [KG]\n"
     "    topics: [security]\n    excerpts:\n      - source: cement-2017\n        quote: " + KANT_QUOTE + "\n",
     (15, "border-x", "geodata_id", "no border 'XX-YY'")),
    ("unknown topic", ORG + site().replace("topics: [military]", "topics: [sports]"),
     (20, "site-kant", "topics.0", "Input should be")),
    ("empty file", "", (None, None, "records", "expected a mapping with a 'records' list")),
]

MEMBER = """\
  - id: {rid}
    kind: membership
    title: "Uzbekistan in the CSTO: {title_status}"
    country: UZ
    organization: org-csto
    status: {status}
    date: {date}
{extra}    topics: [security]
    references:
      - supports: {label}
        title: CSTO leaders suspend Uzbekistan's membership
        url: http://tass.com/russia/687141
        quote: "{quote}"
"""
TASS_1219 = "MOSCOW, December 19 (Itar-Tass) - The leaders decided to suspend Uzbekistan's membership"


def member(rid="m-x", status="suspended", title_status=None, date="2012-12-19", extra="", label="start", quote=TASS_1219):
    return MEMBER.format(rid=rid, status=status, title_status=title_status or status, date=date, extra=extra,
                         label=label, quote=quote)


CASES += [
    # Issue 11: a label names the fact its reference proves, and the quote states that fact.
    ("label names no field", ORG + member(label="charter"),
     (22, "m-x", "references.supports", "supports: 'charter' names no fact this record has")),
    ("end label on an open period", ORG + member(label="end"),
     (22, "m-x", "references.supports", "supports: 'end' names no fact")),
    ("quote gives another fact", ORG + member(quote="Uzbekistan was among the founding countries of the CSTO in 1992."),
     (25, "m-x", "references.quote", "does not state date 19 Dec 2012")),
    ("a month stored as a day", ORG + member(date="2012-06-01", quote="Uzbekistan requested to suspend its membership in June 2012."),
     (25, "m-x", "references.quote", "it gives the month only: set date_precision: month")),
    ("a month written as a day", ORG + member(extra="    date_precision: month\n"),
     (19, "m-x", "date", "a date known to the month is written as the 1st of the month")),
    ("title and status disagree", ORG + member(title_status="former"),
     (15, "m-x", "title", "e.g. 'Uzbekistan in the CSTO: suspended'")),
    ("title names another country", ORG + member().replace('title: "Uzbekistan in', 'title: "Azerbaijan in'),
     (15, "m-x", "title", "must name the country, the grouping and the status")),
    ("a membership without a start", ORG + member().replace("    date: 2012-12-19\n", ""),
     (13, "m-x", "date", "needs its first day")),
    ("a gap in a timeline", ORG + member(extra="    date_end: 2013-01-01\n")
     + member(rid="m-y", status="former", date="2013-03-01", quote="on 1 March 2013"),
     (33, "m-y", "date", "but m-x ended 2013-01-01: say what the status was in between")),
    ("a year typo the quote contradicts", ORG + member(date="2013-12-19", quote="On December 19, 2012 the CSTO acted"),
     (25, "m-x", "references.quote", "does not state date 19 Dec 2013")),
    ("the country is not a fact to prove", ORG + member(label="country"),
     (22, "m-x", "references.supports", "supports: 'country' names no fact")),
    ("a hint that points at the day the quote gives", ORG + member(date="2012-12-01"),
     (25, "m-x", "references.quote", "it gives 19 December")),
    ("overlapping periods", ORG + member() + member(rid="m-y", status="former", date="2013-01-01",
                                                   quote="on 1 January 2013"),
     (32, "m-y", "date", "overlaps m-x (same country and organization)")),
]
# Issue 19: a quote one word off the article is not verbatim, wherever the word is.
NEAR_MISSES = [
    ("near miss: one character", KANT_QUOTE.replace("Su-25", "Su-26")),
    ("near miss: the first word", KANT_QUOTE.replace("Russia flies", "Moscow flies")),
    ("near miss: the last word", KANT_QUOTE.replace("Kant airbase", "Kant base")),
    ("near miss: a word left out", KANT_QUOTE.replace("Su-25 combat planes", "Su-25 planes")),
    ("near miss: a word added", KANT_QUOTE.replace("from the Kant", "from the old Kant")),
    ("near miss: a capital letter", KANT_QUOTE.replace("Russia flies", "russia flies")),
    ("near miss: a comma added", KANT_QUOTE.replace("planes and", "planes, and")),
    ("near miss: the quote runs one word past the paragraph", KANT_QUOTE + ", which is manned by some 400 Russian soldiers"),
]
CASES += [(case, ORG + site(quote=quote), (24, "site-kant", "excerpts.quote",
                                           "quote not found verbatim in 004_8ba6c02ffa2a8b5e.txt"))
          for case, quote in NEAR_MISSES]


@pytest.fixture
def write(tmp_path):
    def _write(text: str) -> Path:
        path = tmp_path / "annotations.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path
    return _write


def test_the_minimal_file_is_valid(write):
    assert len(load_corpus(write(ORG + site())).records) == 2


@pytest.mark.parametrize(("case", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_broken_file_gives_a_located_message(write, case, text, expected):
    line, record, fld, words = expected
    with pytest.raises(CorpusError) as info:
        load_corpus(write(text))
    matching = [p for p in info.value.problems if words in p.message]
    assert matching, [str(p) for p in info.value.problems]
    problem = matching[0]
    assert problem.file.endswith("annotations.yaml")
    assert (problem.line, problem.record, problem.field) == (line, record, fld), str(problem)


def test_every_problem_is_listed_not_only_the_first(write):
    text = ORG + site(lat=74.85, lon=42.85).replace("countries: [KG]", "countries: [XX]") + site(quote="not in any seed at all")
    with pytest.raises(CorpusError) as info:
        load_corpus(write(text))
    messages = " | ".join(p.message for p in info.value.problems)
    for words in ("swapped", "unknown country code 'XX'", "duplicate id", ):
        assert words in messages


def test_a_missing_geodata_directory_is_named(write, tmp_path):
    with pytest.raises(CorpusError) as info:
        load_corpus(write(ORG), geodata_dir=tmp_path / "nowhere")
    assert any("borders.geojson" in p.message for p in info.value.problems)


def test_an_edited_seed_is_caught(write, tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    path = seeds / "004_8ba6c02ffa2a8b5e.txt"
    path.write_text(path.read_text() + "\nAn added line.\n")
    with pytest.raises(CorpusError) as info:
        load_corpus(write(ORG), seeds_dir=seeds)
    assert any(p.field == "sha256" and "has changed" in p.message for p in info.value.problems)


def test_cli_passes_on_the_real_corpus(capsys):
    assert main([]) == 0
    assert "OK" in capsys.readouterr().out


def test_cli_lists_file_line_record_and_field(write, capsys):
    path = write(ORG + site(quote="Russia flies F-16 fighters from the Kant airbase"))
    assert main([str(path)]) == 1
    err = capsys.readouterr().err
    assert "1 problem" in err
    assert "annotations.yaml:24: [site-kant] excerpts.quote: quote not found verbatim" in err


def test_cli_says_when_memberships_were_not_compared_with_the_table(write, capsys):
    # Review of issue 11 (B1): a copy of the corpus passed with no word about the skipped check.
    assert main([str(write(ORG + site()))]) == 0
    assert "memberships: not compared with a reference table (--reference reference/ compares them)" in \
        capsys.readouterr().out


def test_cli_checks_the_corrections_log(tmp_path, capsys):
    # Review of issue 11 (B3): a broken log passed `make validate`.
    folder = tmp_path / "reference"
    shutil.copytree(ROOT / "reference", folder)
    log = folder / "corrections.yaml"
    log.write_text(log.read_text(encoding="utf-8").replace("records: [m-csto-uz-2012]", "records: [m-csto-uz-2021]"),
                   encoding="utf-8")
    assert main(["--reference", str(folder)]) == 1
    assert "names 'm-csto-uz-2021', which the corpus does not have" in capsys.readouterr().err
    log.write_text(log.read_text(encoding="utf-8").replace("    why: The CSTO's Collective", "    whyy: The CSTO's Collective"),
                   encoding="utf-8")
    assert main(["--reference", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "corrections.yaml:" in err and "why: Field required" in err
# What `make validate` prints for a bad excerpt, word for word.
EXCERPT_MESSAGES = [
    (site(quote=KANT_QUOTE.replace("Su-25", "Su-26")),
     "annotations.yaml:24: [site-kant] excerpts.quote: quote not found verbatim in 004_8ba6c02ffa2a8b5e.txt: "
     "'Russia flies Su-26 combat planes and Mi-8 helicopters from t'"),  # its first 60 characters
    (site(quote="Russia flies Su-25 combat planes … from the Kant airbase"),
     "annotations.yaml:24: [site-kant] excerpts.quote: a quote must not contain an ellipsis; split it into two "
     "excerpts"),
    (site(quote="Russia flies Su-25 combat planes ... from the Kant airbase"),
     "annotations.yaml:24: [site-kant] excerpts.quote: a quote must not contain an ellipsis; split it into two "
     "excerpts"),
    (site().replace("source: cement-2017", "source: pravda-2017"),
     "annotations.yaml:23: [site-kant] excerpts.source: unknown source 'pravda-2017'"),
    # The line of the source itself, wherever it stands in the excerpt.
    (site().replace("      - source: cement-2017\n        quote: " + KANT_QUOTE,
                    "      - quote: " + KANT_QUOTE + "\n        source: pravda-2017"),
     "annotations.yaml:24: [site-kant] excerpts.source: unknown source 'pravda-2017'"),
]


@pytest.mark.parametrize(("text", "shown"), EXCERPT_MESSAGES)
def test_a_bad_excerpt_is_reported_word_for_word(write, text, shown):
    with pytest.raises(CorpusError) as info:
        load_corpus(write(ORG + text))
    assert [str(p).split("/")[-1] for p in info.value.problems] == [shown]


def test_a_found_quote_gets_its_span_in_the_article(write):
    corpus = load_corpus(write(ORG + site()))
    excerpt = corpus.by_id["site-kant"].excerpts[0]
    text = corpus.seeds["cement-2017"].text
    assert text[excerpt.start:excerpt.end] == KANT_QUOTE
    assert text.index(KANT_QUOTE) == excerpt.start


FIGURE = """
  - id: fig-kant-personnel
    kind: figure
    title: Russian personnel at the Kant air base
    measure: people
    value: 400
    unit: {unit}
    countries: [KG, RU]
    topics: [military]
    excerpts:
      - source: cement-2017
        quote: which is manned by some 400 Russian military personnel
"""


def test_cli_names_a_unit_it_cannot_say_in_russian(write, capsys):
    assert main([str(write(ORG + FIGURE.format(unit="people (about)")))]) == 0
    assert "  units: every figure's unit is said in ru" in capsys.readouterr().out
    assert main([str(write(ORG + FIGURE.format(unit="parsecs")))]) == 0  # shown as written: not an error
    assert ("  units: 1 shown as the corpus writes them, with no words in a language: 'parsecs' (fig-kant-personnel, "
            "ru) (dashboard/charts/units.py)") in capsys.readouterr().out


def test_the_projects_corpus_says_every_unit_in_every_language(corpus):
    from dashboard import i18n
    from dashboard.charts.units import units_unsaid

    assert units_unsaid(corpus.records, i18n.LANGUAGES) == []
