"""Names of countries, groupings and places in the language spoken (pure): the corpus's names are English; on a
Russian page a country takes its usual Russian name from the Unicode CLDR (through Babel), and a grouping or a
city the first Russian name among the corpus's aliases of its record, where it has one ('ОДКБ', 'Душанбе').

    with i18n.override("ru"): country("KZ", corpus) == "Казахстан"; grouping("org-csto", corpus) == "ОДКБ"

A name with no Russian form stays English (and is marked lang="en" where it is shown: escape.with_lang).
"""

from __future__ import annotations

import functools
import re

from babel import Locale

from dashboard import i18n
from dashboard.corpus.records import Corpus

_CYRILLIC = re.compile(r"^[\u0400-\u04FF][\u0400-\u04FF .\-]*$")


@functools.cache
def _territories(lang: str) -> dict[str, str]:
    return dict(Locale.parse(lang).territories)


def countries_in(lang: str) -> dict[str, str]:
    """Every country's CLDR name in a language, by ISO code ('KG': 'Киргизия' in 'ru')."""
    return _territories(lang)


def _spoken() -> str | None:
    """The language names are given in, when it is not English (the pseudo-locale's are English)."""
    lang = i18n.active()
    return None if lang in (i18n.DEFAULT, i18n.PSEUDO) else lang


def country(code: str, corpus: Corpus | None = None) -> str:
    """A country's name by its ISO code: corpus.countries' English name ('Kyrgyzstan'), or in Russian CLDR's
    ('Киргизия'); the code itself for a code neither knows."""
    from dashboard.corpus.codes import COUNTRY_NAMES

    known = corpus.countries if corpus is not None else COUNTRY_NAMES
    if code not in known:
        return code
    lang = _spoken()
    return _territories(lang).get(code, known[code]) if lang else known[code]


def russian_alias(aliases) -> str | None:
    """The first alias written in Russian letters only ('ОДКБ' of [Collective Security Treaty, ODKB, ОДКБ])."""
    return next((a for a in aliases if _CYRILLIC.match(a.strip())), None)


def grouping(oid: str, corpus: Corpus) -> str:
    """A grouping's short name: 'CSTO', or on a Russian page its Russian abbreviation ('ОДКБ') where the
    organization's record gives one among its aliases."""
    short = corpus.organizations.get(oid, oid)
    if _spoken() != "ru":
        return short
    record = corpus.by_id.get(oid)
    return russian_alias(getattr(record, "aliases", ())) or short


_CITIES: dict[str, dict[str, str]] = {}  # by corpus version


def _city_aliases(corpus: Corpus) -> dict[str, str]:
    from dashboard.corpus.model import VisitStop

    found = _CITIES.get(corpus.version)
    if found is None:
        found = {}
        for record in corpus.records:
            russian = russian_alias(record.aliases) if isinstance(record, VisitStop) else None
            if russian:
                found.setdefault(record.city, russian)
        _CITIES[corpus.version] = found
    return found


def city(name: str, corpus: Corpus) -> str:
    """A city's name as the corpus writes it ('Dushanbe'), or on a Russian page the Russian name a stop of that
    city gives among its aliases ('Душанбе')."""
    if _spoken() != "ru":
        return name
    return _city_aliases(corpus).get(name, name)
