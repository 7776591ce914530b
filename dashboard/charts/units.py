"""The units the corpus gives its figures in ('km', 'people (about)'), in the language spoken (pure).

The corpus writes a unit in English, sometimes with a qualifier of the value in brackets ('people (more than)').
A unit this table knows, with a qualifier it knows, is said in the page's language, in the plural form the value
takes there (400 человек, 15 лет, 2 года); any other is left as the corpus writes it (English), which
`unit_text` says by returning None, so that a caller can mark it (plotly's text and a table's cells cannot).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from dashboard import i18n
from dashboard.i18n import npgettext, pgettext

# Each unit the corpus uses, as a function of the count it follows (the extractor reads the literal words; the
# context keeps a unit's words apart from the same English elsewhere, as the year axis's 'year').
UNITS: dict[str, Callable[[int], str]] = {
    "km": lambda n: pgettext("unit", "km"),
    "%": lambda n: "%",
    "% of GDP": lambda n: pgettext("unit", "% of GDP"),
    "USD": lambda n: pgettext("unit", "USD"),
    "RUB": lambda n: pgettext("unit", "RUB"),
    "people": lambda n: npgettext("unit", "person", "people", n),
    "people a year": lambda n: npgettext("unit", "person a year", "people a year", n),
    "year": lambda n: npgettext("unit", "year", "years", n),
    "years": lambda n: npgettext("unit", "year", "years", n),
    "years of age": lambda n: npgettext("unit", "year of age", "years of age", n),
}
# What the corpus says of a value in brackets after its unit.
QUALIFIERS: dict[str, Callable[[], str]] = {
    "about": lambda: pgettext("unit", "about"),
    "more than": lambda: pgettext("unit", "more than"),
}
_QUALIFIED = re.compile(r"(?P<unit>.+?)(?: \((?P<qualifier>[^()]+)\))?")
_QUOTED = re.compile(r"“[^“”]+”|\"[^\"]+\"")


def _count(value: float) -> int:
    # A fraction takes the form of 2 in Russian (2,5 года), as in most languages with such forms.
    return int(value) if float(value).is_integer() else 2


def unit_text(unit: str, value: float) -> str | None:
    """`unit` after `value` in the language spoken ('people (about)' -> 'человек (около)'); in English the corpus's
    own words; None for a unit or qualifier the table does not know (shown then as the corpus writes it)."""
    if i18n.active() == i18n.DEFAULT:
        return unit
    match = _QUALIFIED.fullmatch(unit.strip())
    if match is None or match["unit"] not in UNITS:
        return None
    qualifier = match["qualifier"]
    said = UNITS[match["unit"]](_count(value))
    if qualifier is None:
        return said
    if _QUOTED.fullmatch(qualifier):  # the article's own words ('“almost half”'): a quote, kept as written
        return f"{said} ({qualifier})"
    return f"{said} ({QUALIFIERS[qualifier]()})" if qualifier in QUALIFIERS else None


def shown_unit(unit: str, value: float) -> str:
    """`unit` as a chart or a table shows it: in the language spoken where known, else as the corpus writes it."""
    said = unit_text(unit, value)
    return unit if said is None else said


def units_unsaid(records, languages) -> list[tuple[str, str, str]]:
    """(record id, unit, language) for each figure whose unit this table cannot say in a language other than English:
    shown there as the corpus writes it (the validator lists them; the project's own corpus has none)."""
    from dashboard.corpus.model import Figure

    out = []
    for lang in languages:
        if lang == i18n.DEFAULT:
            continue
        with i18n.override(lang):
            out += [(r.id, r.unit, lang) for r in records if isinstance(r, Figure) and unit_text(r.unit, r.value) is None]
    return out
