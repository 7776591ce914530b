"""The dashboard's own words in the reader's language: gettext catalogs read through Babel, the language a
script run speaks, and dates and numbers in that language's forms (pure).

    with override("ru"):
        gettext("Filters") == "Фильтры"
        ngettext("{n} record", "{n} records", 5).format(n=5) == "5 записей"
        format_day(dt.date(2017, 2, 27)) == "27 февраля 2017 г."

The words are English in the code (the msgids) and come from `locale/<lang>/LC_MESSAGES/messages.po` in another
language; `make catalog` extracts them (babel.cfg) and merges them into each catalog, where translators work.
A table built when a module is imported marks its words with `N_` and is read through `Words`, which translates
each value when it is read, so the table follows the language of the run that reads it.

The quotes, the articles and every other word of the corpus are never translated: only what the dashboard says.

The language is a context variable (like Django's `translation.override`). Streamlit runs each script run (a full
run, a fragment's own run, and the widgets' callbacks before either) in a new thread, where the variable starts
unset: the first word said there asks the resolver the app registered (`set_resolver`: the session's choice, the
link's, the browser's) and keeps its answer for the rest of that thread; `activate` sets it outright (app.py, first
thing). A cache of anything with words must key it by `active()`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from gettext import NullTranslations
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _babel_date
from babel.dates import format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_compact_decimal, format_decimal, get_decimal_symbol, get_group_symbol
from babel.support import Translations

# The languages the switch offers, each named in itself (its endonym), in the switch's order.
LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский"}
DEFAULT = "en"
# A fake language for tests: every word of ours in it is bracketed and accented, so a word left in English stands
# out (tests/e2e/test_pseudo_locale.py). Offered only where PSEUDO_ENV is set.
PSEUDO = "en-XA"
PSEUDO_ENV = "DASHBOARD_PSEUDO_LOCALE"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
# The pseudo-locale's brackets: any visible text of ours inside them went through the catalog.
PSEUDO_OPEN, PSEUDO_CLOSE = "⟦", "⟧"

_active: ContextVar[str | None] = ContextVar("dashboard_language", default=None)
_resolver: Callable[[], str] | None = None


def set_resolver(resolve: Callable[[], str] | None) -> None:
    """Where a thread that has not been told its language asks for it (the app: the session's language)."""
    global _resolver
    _resolver = resolve


def languages() -> tuple[str, ...]:
    """The language codes a link may name: LANGUAGES, and PSEUDO where PSEUDO_ENV is set (tests)."""
    return tuple(LANGUAGES) + ((PSEUDO,) if os.environ.get(PSEUDO_ENV) else ())


def active() -> str:
    """The language this run speaks ('en', 'ru'; PSEUDO in tests): set, or else the resolver's, once per thread."""
    lang = _active.get()
    if lang is None:
        try:
            lang = _resolver() if _resolver is not None else DEFAULT
        except Exception:  # noqa: BLE001 -- a resolver that cannot tell (no session) means the default
            lang = DEFAULT
        if lang not in LANGUAGES and lang != PSEUDO:
            lang = DEFAULT
        _active.set(lang)
    return lang


def activate(lang: str) -> None:
    """Speak `lang` for the rest of this run (the app calls it first thing); ValueError for a language we lack."""
    if lang not in LANGUAGES and lang != PSEUDO:
        raise ValueError(f"no catalog for language {lang!r} (have {', '.join(LANGUAGES)})")
    _active.set(lang)


@contextlib.contextmanager
def override(lang: str) -> Iterator[None]:
    """Speak `lang` inside the block (a cached builder, a download, a test), then what was spoken before."""
    if lang not in LANGUAGES and lang != PSEUDO:
        raise ValueError(f"no catalog for language {lang!r} (have {', '.join(LANGUAGES)})")
    token = _active.set(lang)
    try:
        yield
    finally:
        _active.reset(token)


def catalog_path(lang: str) -> Path:
    """Where a language's catalog is: locale/<lang>/LC_MESSAGES/messages.po."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(lang: str):
    """A language's catalog as Babel reads it (babel.messages.catalog.Catalog); OSError if it is missing."""
    with catalog_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


@functools.cache
def translations(lang: str) -> NullTranslations:
    """The gettext translations of a language, compiled from its .po once per process (no .mo to go stale).

    English is the msgids themselves. Fuzzy entries are left out, as gettext's own compiler leaves them out.
    """
    if lang == DEFAULT:
        return NullTranslations()
    if lang == PSEUDO:
        return _PseudoTranslations(_template_ids())
    buffer = io.BytesIO()
    write_mo(buffer, read_catalog(lang), use_fuzzy=False)
    buffer.seek(0)
    compiled = Translations(buffer, domain=DOMAIN)
    compiled.add_fallback(_Missing())
    return compiled


_missed: set[str] = set()


def missed() -> frozenset[str]:
    """The messages asked for in a language other than English that its catalog lacks, since the process began or
    `forget_missed()` ('context|message' for pgettext). Such a message is shown in English: a word passed to
    gettext that the extractor could not see (a variable, not marked N_), or words of the corpus passed by mistake."""
    return frozenset(_missed)


def forget_missed() -> None:
    _missed.clear()


class _Missing(NullTranslations):
    """A catalog's fallback: notes what the catalog lacks, then says it in English."""

    def gettext(self, message):
        _missed.add(message)
        return message

    def ngettext(self, singular, plural, n):
        _missed.add(singular)
        return singular if n == 1 else plural

    def pgettext(self, context, message):
        _missed.add(f"{context}|{message}")
        return message


@functools.cache
def _template_ids() -> frozenset[str]:
    """The catalog template's messages ('context|message' with a context): the words the extractor found."""
    with (LOCALE_DIR / f"{DOMAIN}.pot").open("rb") as fh:
        template = read_po(fh, domain=DOMAIN)
    return frozenset(((m.context + "|") if m.context else "") + (m.id if isinstance(m.id, str) else m.id[0])
                     for m in template if m.id)


def gettext(message: str) -> str:
    """`message` (English, as written in the code) in the active language."""
    return translations(active()).gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for `n` in the active language (Russian has three: 1 запись, 2 записи, 5 записей). The caller
    formats `{n}` in; the number itself is not put in here."""
    return translations(active()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` where the same English word needs different translations by context."""
    return translations(active()).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    """ngettext where the same English words need other translations by context (a unit: 'year', 'years')."""
    return translations(active()).npgettext(context, singular, plural, n)


def plural_words(singular: str, plural: str) -> dict[str, str]:
    """A plural message's forms for the browser, by Unicode plural category ('one', 'few', 'many', 'other'), in
    the active language: the browser's code picks one with `new Intl.PluralRules(lang).select(n)` and puts the
    number in for `{n}` (static/app/*.js). English has 'one' and 'other'; Russian 'one', 'few', 'many', 'other'.
    The extractor reads this function's two arguments (babel.cfg's `-k plural_words:1,2`)."""
    return plural_forms(lambda n: ngettext(singular, plural, n))


def plural_forms(say: Callable[[int], str]) -> dict[str, str]:
    """As plural_words, for a message made by `say(n)`, written out as `lambda n: ngettext("{n} state",
    "{n} states", n)` where the message is too long to read well as plural_words' arguments."""
    samples = _plural_samples(str(_babel_locale()))
    return {category: say(n) for category, n in samples.items()} | {"other": say(samples.get("other", 2))}


@functools.cache
def _plural_samples(locale: str) -> dict[str, int]:
    """The first whole number of each plural category in `locale` ({'one': 1, 'few': 2, 'many': 0} in Russian).
    Cached: evaluating CLDR's rule 200 times took 4–6 ms a call, and a filter change makes about five calls."""
    rule = Locale.parse(locale).plural_form
    samples: dict[str, int] = {}
    for n in range(0, 200):
        samples.setdefault(rule(n), n)
    return samples


def N_(message: str) -> str:  # noqa: N802 -- gettext's conventional name, which the extractor knows
    """Marks a word for the catalog without translating it (a table built at import; read it through Words)."""
    return message


class Words(Mapping[str, str]):
    """A table of marked words (N_) whose values are translated when read, in the language of the run reading.

    `Words({'sites': N_('Military sites')})['sites'] == 'Военные объекты'` inside override('ru').
    `.english` is the table as written.
    """

    def __init__(self, table: Mapping[str, str]):
        self.english = dict(table)

    def __getitem__(self, key: str) -> str:
        return gettext(self.english[key])

    def __iter__(self):
        return iter(self.english)

    def __len__(self) -> int:
        return len(self.english)

    def __repr__(self) -> str:
        return f"Words({self.english!r})"


def negotiate(preferred: Iterable[str]) -> str:
    """The first language we have among the reader's (browser's) preferred, in order ('ru-RU', 'de', ...);
    DEFAULT if none. Regional variants count as their language ('ru-KZ' is Russian)."""
    for tag in preferred:
        base = re.split(r"[-_]", tag.strip().lower(), maxsplit=1)[0]
        if base in LANGUAGES:
            return base
    return DEFAULT


def accept_language(header: str | None) -> list[str]:
    """An Accept-Language header's tags, best first ('ru-RU,ru;q=0.9,en;q=0.8' -> ['ru-RU', 'ru', 'en']).

    Garbage is skipped, never raised on; q=0 means "not this one" and drops the tag."""
    ranked: list[tuple[float, int, str]] = []
    for order, part in enumerate((header or "").split(",")[:32]):
        tag, _sep, params = part.strip().partition(";")
        tag = tag.strip()
        if not re.fullmatch(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*", tag):
            continue
        quality = 1.0
        if params.strip():
            match = re.fullmatch(r"\s*q\s*=\s*([01](?:\.[0-9]{0,3})?)\s*", params)
            if match is None:
                continue
            quality = float(match[1])
        if quality > 0:
            ranked.append((-quality, order, tag))
    return [tag for _q, _o, tag in sorted(ranked)]


def _babel_locale() -> Locale:
    lang = active()
    return _locale(DEFAULT if lang == PSEUDO else lang)


@functools.cache
def _locale(code: str) -> Locale:
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT)


def format_day(day: dt.date) -> str:
    """A day in the active language's long form: '27 February 2017', '27 февраля 2017 г.' (bracketed in the
    pseudo-locale: a date not formatted here stands out there)."""
    if active() == PSEUDO:
        return pseudo(_english_day(day))
    if active() == DEFAULT:
        return _english_day(day)
    return _date(day, "long", str(_babel_locale()))


@functools.lru_cache(maxsize=4096)
def _date(day: dt.date, pattern: str, locale: str, skeleton: bool = False) -> str:
    """Babel's date in `pattern` (or CLDR `skeleton`), cached: the corpus has a few hundred days, and a filter
    change writes each of the time strip's ticks again."""
    if skeleton:
        return format_skeleton(pattern, day, locale=locale)
    return _babel_date(day, pattern, locale=locale)


def _english_day(day: dt.date) -> str:
    # Day first, as the dashboard has always written it (Babel's English long form is 'February 27, 2017').
    return f"{day.day} {_date(day, 'MMMM', 'en')} {day.year}"


def format_short_day(day: dt.date) -> str:
    """A day in the active language's short words: '27 Feb 2017', '27 февр. 2017 г.'."""
    if active() in (DEFAULT, PSEUDO):
        english = f"{day.day} {_date(day, 'MMM', 'en')} {day.year}"
        return pseudo(english) if active() == PSEUDO else english
    return _date(day, "medium", str(_babel_locale()))


def format_day_month(day: dt.date, long: bool = False) -> str:
    """A day and its month, no year: '27 Feb', '27 февр.'; `long` in Russian: '27 февраля' (English keeps 'Feb',
    as dates.format_date does)."""
    if active() in (DEFAULT, PSEUDO):
        english = f"{day.day} {_date(day, 'MMM', 'en')}"
        return pseudo(english) if active() == PSEUDO else english
    return _date(day, "MMMMd" if long else "MMMd", str(_babel_locale()), skeleton=True)


def format_month(day: dt.date) -> str:
    """A month and its year: 'Feb 2017', 'февр. 2017 г.'."""
    if active() in (DEFAULT, PSEUDO):
        english = f"{_date(day, 'MMM', 'en')} {day.year}"
        return pseudo(english) if active() == PSEUDO else english
    return _date(day, "yMMM", str(_babel_locale()), skeleton=True)


def format_long_month(day: dt.date) -> str:
    """A month and its year in full words: 'February 2017', 'февраль 2017 г.'."""
    if active() in (DEFAULT, PSEUDO):
        english = f"{_date(day, 'MMMM', 'en')} {day.year}"
        return pseudo(english) if active() == PSEUDO else english
    return _date(day, "yMMMM", str(_babel_locale()), skeleton=True)


def format_number(number: float, decimals: int = 0) -> str:
    """A number with the active language's separators: '2,456' in English, '2 456' in Russian."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(number, format=pattern, locale=_babel_locale())



def digit_grouping() -> dict:
    """How the active language groups a whole number's digits, read from format_number itself so that the
    browser writes numbers as the server does: {"group": the separator, "min": the fewest digits it groups}
    ({"group": ",", "min": 4} in English: '1,000'; a no-break space in Russian: '1 000');
    {"group": "", "min": 0} if the language groups none."""
    for digits in (4, 5):
        written = format_number(10 ** (digits - 1))
        if len(written) > digits:
            return {"group": written[digits - 3:-3], "min": digits}
    return {"group": "", "min": 0}


def format_compact_number(number: float, decimals: int = 0) -> str:
    """A number in the active language's short words: '10M', '1B' in English, '10 млн', '1 млрд' in Russian (where
    plotly would write SI's '10M', '1G' or its own '1B' in every language); up to `decimals` after the point
    ('3.8B', '3,8 млрд')."""
    return format_compact_decimal(number, locale=_babel_locale(), fraction_digits=decimals)


def number_separators() -> str:
    """The active language's decimal and thousands separators, as plotly's layout.separators takes them: '.,' in
    English, ',' and a no-break space in Russian (as format_number writes them)."""
    locale = _babel_locale()
    return get_decimal_symbol(locale) + get_group_symbol(locale)

_ACCENTS = str.maketrans("AaCcEeIiNnOoSsUuYyZz", "ÅåÇçÉéÎîÑñÖöŠšÛûÝýŽž")
_FIELD = re.compile(r"(\{[^{}]*\}|%\(\w+\)[sd]|%[sd]|<[^<>]*>|&\w+;)")


def pseudo(message: str) -> str:
    """A message in the pseudo-locale: '⟦Fîltérš⟧'. Placeholders ({n}), markup and entities stay as they are."""
    parts = _FIELD.split(message)
    return PSEUDO_OPEN + "".join(p if i % 2 else p.translate(_ACCENTS) for i, p in enumerate(parts)) + PSEUDO_CLOSE


class _PseudoTranslations(NullTranslations):
    """The pseudo-locale: a word of the catalog's template comes accented; any other stays English and is noted
    (`missed`), so the pseudo-locale's walk (tests/e2e/test_pseudo_locale.py) finds it as a word left behind."""

    def __init__(self, known: frozenset[str]):
        super().__init__()
        self.known = known
        self.add_fallback(_Missing())

    def gettext(self, message):
        return pseudo(message) if message in self.known else super().gettext(message)

    def ngettext(self, singular, plural, n):
        if singular in self.known:
            return pseudo(singular if n == 1 else plural)
        return super().ngettext(singular, plural, n)

    def pgettext(self, context, message):
        return pseudo(message) if f"{context}|{message}" in self.known else super().pgettext(context, message)
