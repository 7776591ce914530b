"""Search the corpus and the articles: SQLite FTS5 ranks and highlights, rapidfuzz finds spellings.

One index per corpus version (`index_for`), in memory. It holds one document per record (its title,
the names it is also known by, summary, excerpts and references) and one per paragraph of each
article. A query is read as this corpus writes things:

- case, accents and punctuation do not count ("NAZARBÁYEV", "Alma-Ata" = "alma ata");
- a spelling close to a word of the corpus finds it ("Nazarbaev" finds "Nazarbayev");
- a name finds its other names, as the records list them (`aliases` beside the organization or
  place they name, an organization's short and full name, a stop's city): "EEU" finds the EAEU,
  "Duschanbe" finds Dushanbe;
- a word in one script finds its spelling in the other (issue 30): a Cyrillic word is read in Latin
  letters (anyascii's transliteration) and compared with the corpus's Latin words ("Таджикистан",
  "tadzhikistan", finds Tajikistan; "Назарбаев" finds Nazarbayev; a likeness counts only between words of the
  same first letter), and a Latin word is compared with the corpus's Cyrillic words read the same way
  ("Shankhayskoy" finds "Шанхайской");
- each query word is matched on its own, through its other names and in either script (issue 30): "ОДКБ ЕАЭС" finds
  the records that name both the CSTO and the EAEU, as "CSTO EAEU" does. A name's other names are its record's
  (aliases, an organization's short and full name, a stop's city) and a country's English and Russian names (the
  CLDR's: "Россия" is also "Russia", so it finds the English articles' passages). A Russian word in another case
  is the same name ("Москве", "Казахстане", "России", "Путиным": `stem`, a few case endings; no stemmer is a
  dependency, and names are what it has to reach: other Russian words are matched as written, "Шанхайской" is not
  "Шанхайская").

Results are ranked by BM25 (title and names weigh most) and carry a snippet with the matches marked.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass

import snowballstemmer
from anyascii import anyascii
from rapidfuzz import fuzz, process

from dashboard import escape, names
from dashboard.corpus.codes import COUNTRY_NAMES
from dashboard.corpus.model import Annotation, Disagreement, MilitarySite, Organization, VisitStop
from dashboard.corpus.records import Corpus, record_countries

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# Similarity (0-100) at which a query word counts as a spelling of a corpus word, and the shortest
# word fuzzy matching applies to ("Kant" must not find "want").
FUZZY_SCORE = 84
FUZZY_MIN_LENGTH = 5
FUZZY_VARIANTS = 4
# Across scripts, the likeness of a reading (below) to a word of the corpus that counts, for longer words only: it
# takes "nazarbaev" to "nazarbayev" (95) and leaves "granitsa" (граница, a border) from "grants" (86).
CROSS_SCRIPT_SCORE = 87
CROSS_SCRIPT_MIN_LENGTH = 6
# The longest name, in words, that a query's run of words is looked up as ("Collective Security Treaty Organization").
MAX_NAME_WORDS = 5
# A Russian word's stem keeps this many letters at least: "пути" (ways) stays apart from "путин".
STEM_MIN_LENGTH = 4
# BM25 weights of the record columns: title, names, summary, excerpts, references.
WEIGHTS = (10.0, 8.0, 4.0, 3.0, 2.0)
NAMED_BONUS = 1000.0
_OPEN, _CLOSE = "\x02", "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)


_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


# How English writes some Russian letters where a letter-for-letter reading does not: a final "ия" (Russia, India,
# Syria), "ё" (Mirziyoyev); and "дж" (Tajikistan, not Tadzhikistan), which readings() mends in Latin letters.
_ENGLISH = ((re.compile("ия$"), "иа"), (re.compile("ё"), "йо"))


def latin(word: str) -> str:
    """A folded word in Latin letters: a Cyrillic one transliterated ('таджикистан' -> 'tadzhikistan'), any other
    as it is."""
    return fold(anyascii(word)) if _CYRILLIC.search(word) else word


def readings(word: str) -> list[str]:
    """A folded word's readings in Latin letters: letter for letter, then as English writes names ('таджикистан'
    -> 'tajikistan', 'россия' -> 'rossia'); a word of another script, itself."""
    if not _CYRILLIC.search(word):
        return [word]
    english = word
    for pattern, letters in _ENGLISH:
        english = pattern.sub(letters, english)
    english = latin(english).replace("dzh", "j")
    return list(dict.fromkeys([latin(word), english]))


# Snowball's Russian stemmer (a word in any case: "Москве" and "Москва" are "москв", "России" "росс").
_RUSSIAN_STEMMER = snowballstemmer.stemmer("russian")


def stem(word: str) -> str:
    """A folded Russian word without its ending (Snowball's Russian stemmer: 'москве' -> 'москв', 'россии' ->
    'росс'), keeping STEM_MIN_LENGTH letters or more; a word of another script as it is."""
    if not _CYRILLIC.search(word):
        return word
    # Snowball writes ё as е; its stem is the word's start, so it is cut from the word as written (the index keeps ё).
    cut = word[:len(_RUSSIAN_STEMMER.stemWord(word))]
    return cut if len(cut) >= STEM_MIN_LENGTH else word


def _yo_spellings(word: str, most: int = 3) -> list[str]:
    """A Russian word typed with е as it may be written with ё, one е at a time ('мирзиеев' -> 'мирзиёев',
    'мирзиеёв'): Russian is mostly typed without ё, and ё is read otherwise in Latin letters ('yo')."""
    at = [i for i, ch in enumerate(word) if ch == "е"][:most]
    return [word[:i] + "ё" + word[i + 1:] for i in at]


def _name_key(name: str) -> str:
    """A folded name as a query's words are looked up by: each Russian word by its stem, ё as е (Russian is mostly
    typed without ё: "Мирзиеев" is "Мирзиёев")."""
    return " ".join(stem(w) for w in name.split()).replace("ё", "е")


def fold(text: str) -> str:
    """Lower case, no accents, punctuation as spaces: the form queries and names are compared in. A Cyrillic
    letter keeps its marks (й is not и, ё is not е), as the index's tokenizer keeps them."""
    composed = unicodedata.normalize("NFC", text)
    plain = "".join(ch if _CYRILLIC.match(ch) else
                    "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
                    for ch in composed)
    return " ".join(_WORD.findall(plain.casefold().replace("_", " ")))


@dataclass(frozen=True)
class Hit:
    """One result: a record, or a paragraph of an article (record_id None)."""

    record_id: str | None
    source_id: str | None
    start: int | None  # a paragraph's first character in its article
    end: int | None
    score: float
    snippet: str  # HTML: escaped text, matches in <mark>


_RUSSIAN_COUNTRIES = {code: name for code, name in names.countries_in("ru").items() if code in COUNTRY_NAMES}


def _own_names(record: Annotation) -> list[str]:
    """The names of what the record names: aliases, an organization's short and full name, a stop's city, a site's
    units, a place (an alias 'A = B' names a place the record mentions)."""
    names = [n.strip() for a in record.aliases for n in a.split("=") if n.strip()]
    if isinstance(record, Organization):
        names += [record.short, record.name]
    if isinstance(record, VisitStop):
        names.append(record.city)
    if isinstance(record, MilitarySite):
        names += record.units
    location = getattr(record, "location", None)
    if location is not None and location.place:
        names.append(location.place)
    return names


def record_names(record: Annotation) -> list[str]:
    """The names a record is known by besides its title: its own (`_own_names`), and the countries its title names
    in Russian."""
    names = _own_names(record)
    # A country its title names, by its Russian name too (the CLDR's: Россия, Китай, Киргизия), which no
    # reading of Latin letters reaches.
    names += [_RUSSIAN_COUNTRIES[code] for code in sorted(record_countries(record))
              if code in _RUSSIAN_COUNTRIES and COUNTRY_NAMES.get(code, "\0") in record.title]
    return names


def alias_groups(record: Annotation) -> list[frozenset[str]]:
    """Sets of folded names that mean the same: the record's own names, and each 'A = B' alias."""
    # Not the countries record_names adds: "Stop 2: Dushanbe, Tajikistan" does not make Dushanbe a name of Tajikistan.
    own = {fold(n) for n in _own_names(record) if n} - {""}
    groups = [frozenset({fold(n) for n in a.split("=")} - {""}) for a in record.aliases if "=" in a]
    own -= {n for g in groups for n in g}
    return [frozenset(own), *groups]


def _record_columns(record: Annotation) -> tuple[str, str, str, str, str]:
    excerpts = [e.quote for e in record.excerpts]
    references = [" ".join(filter(None, (r.title, r.publisher, r.quote))) for r in record.references]
    if isinstance(record, Disagreement):
        for version in record.versions:
            excerpts.append(version.says + (" " + version.excerpt.quote if version.excerpt else ""))
            if version.reference:
                references.append(" ".join(filter(None, (version.reference.title, version.reference.quote))))
    return (record.title, " ; ".join(record_names(record)), record.summary or "", " ; ".join(excerpts),
            " ; ".join(references))


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph (blank-line separated)."""
    out, at = [], 0
    for block in re.split(r"(\n\s*\n)", text):
        stripped = block.strip()
        if stripped and not re.fullmatch(r"\n\s*\n", block):
            first = at + block.index(stripped[0])
            out.append((first, first + len(stripped)))
        at += len(block)
    return out


class SearchIndex:
    """The corpus and its articles in SQLite FTS5, with the corpus's alias groups and vocabulary."""

    def __init__(self, corpus: Corpus):
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        tokenizer = "tokenize = 'unicode61 remove_diacritics 2'"
        self._db.execute(f"CREATE VIRTUAL TABLE records USING fts5(rid UNINDEXED, title, names, summary, "
                         f"excerpts, refs, {tokenizer})")
        self._db.execute(f"CREATE VIRTUAL TABLE passages USING fts5(sid UNINDEXED, start UNINDEXED, "
                         f"stop UNINDEXED, body, {tokenizer})")
        self._db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?)",
                             [(r.id, *_record_columns(r)) for r in corpus.records])
        rows = []
        for sid, seed in corpus.seeds.items():
            for start, end in _paragraphs(seed.text):
                rows.append((sid, start, end, seed.text[start:end]))
        self._db.executemany("INSERT INTO passages VALUES (?, ?, ?, ?)", rows)
        self._db.execute("CREATE VIRTUAL TABLE vocab USING fts5vocab(records, row)")
        self._db.execute("CREATE VIRTUAL TABLE pvocab USING fts5vocab(passages, row)")
        words = {w for (w,) in self._db.execute("SELECT term FROM vocab UNION SELECT term FROM pvocab")}
        self._vocabulary = sorted(w for w in words if len(w) >= FUZZY_MIN_LENGTH - 1)
        # Each word of one script in Latin letters, with the words it stands for: the Latin words compared with a
        # Cyrillic query word read in Latin letters, the Cyrillic words read so compared with a Latin one.
        self._scripts: dict[bool, dict[str, list[str]]] = {True: {}, False: {}}
        for w in sorted(words):
            self._scripts[bool(_CYRILLIC.search(w))].setdefault(latin(w), []).append(w)
        self._latin_forms = {cyrillic: list(by) for cyrillic, by in self._scripts.items()}  # what a query compares with
        # Every name's other names, by the name's key (_name_key): the records' own, and each country's English and
        # Russian names, which no reading of the letters joins (Россия, Russia; Киргизия, Kyrgyzstan).
        groups = [g for r in corpus.records for g in alias_groups(r) if len(g) > 1]
        groups += [frozenset({fold(english), fold(_RUSSIAN_COUNTRIES[code])})
                   for code, english in sorted(corpus.countries.items()) if code in _RUSSIAN_COUNTRIES]
        self._other_names: dict[str, set[str]] = {}
        for group in groups:
            for name in group:
                self._other_names.setdefault(_name_key(name), set()).update(group)
        self._names = {r.id: {fold(n) for n in record_names(r)} for r in corpus.records}

    # --- query ---------------------------------------------------------------------------------

    def _variants(self, word: str) -> list[str]:
        """A query word and the corpus words spelled like it, in its own script and in the other; a Russian word also
        by its stem, as a word's start ("Шанхайская" finds "Шанхайской")."""
        out = [word] + ([stem(word)] if stem(word) != word else [])
        if len(word) >= FUZZY_MIN_LENGTH:
            for match, _, _ in process.extract(word, self._vocabulary, scorer=fuzz.ratio,
                                               score_cutoff=FUZZY_SCORE, limit=FUZZY_VARIANTS):
                if match not in out:
                    out.append(match)
        cyrillic = not _CYRILLIC.search(word)  # the other script's
        other = self._scripts[cyrillic]  # its words, by their Latin form
        for read in dict.fromkeys(r for spelled in (word, *_yo_spellings(word)) for r in readings(spelled)):
            matches = [read] if read in other else []
            if len(read) >= CROSS_SCRIPT_MIN_LENGTH:
                # Of the same first letter: "страна" (a country) reads "strana", close to "astana".
                matches += [m for m, _, _ in process.extract(read, self._latin_forms[cyrillic], scorer=fuzz.ratio,
                                                             score_cutoff=CROSS_SCRIPT_SCORE, limit=FUZZY_VARIANTS)
                            if m[0] == read[0]]
            for match in matches:
                out += [w for w in other[match] if w not in out]
        # A Russian name in another case, by its stem's reading as it is ("путиным" is "putin"), never a likeness:
        # "границ" reads "granits", close to "grants".
        for read in readings(stem(word)) if stem(word) != word else ():
            out += [w for w in other.get(read, ()) if w not in out]
        return out

    def _expression(self, query: str) -> str | None:
        """The FTS5 MATCH expression for a query, or None if it has no words."""
        words = _content_words(query[:MAX_QUERY_LENGTH])[:MAX_TERMS]
        if not words:
            return None
        # Each run of words that is a name (the longest first), or else each word, must match: by its words, or by
        # another name of the same thing.
        parts, at = [], 0
        while at < len(words):
            end = next((end for end in range(min(len(words), at + MAX_NAME_WORDS), at, -1)
                        if _name_key(" ".join(words[at:end])) in self._other_names), at + 1)
            parts.append(self._part(words[at:end]))
            at = end
        return " AND ".join(parts)

    def _part(self, words: list[str]) -> str:
        """The expression a run of query words matches by: each word (or a spelling of it) anywhere, a longer one also
        as a word's start; or, where the run is a name, another name of the same thing, a longer one-word name as a
        word's start too ("Россия" finds "Russian") and a name of more words as the phrase it is ("Islamic State",
        not "state" anywhere)."""
        phrase = " ".join(words)
        own = " AND ".join("(" + " OR ".join(_term(v) for v in self._variants(word)) + ")" for word in words)
        others = sorted(self._other_names.get(_name_key(phrase), set()) - {phrase})
        return "(" + " OR ".join([f"({own})", *(_term(o) if " " not in o else f'"{o}"' for o in others)]) + ")"

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        """Records, then article paragraphs, each ranked by relevance (best first)."""
        expression = self._expression(query)
        if expression is None:
            return []
        weights = ", ".join(str(w) for w in (0.0, *WEIGHTS))
        with self._lock:
            rows = self._db.execute(
                f"SELECT rid, bm25(records, {weights}) AS score, "
                f"snippet(records, -1, ?, ?, ' … ', 24) FROM records WHERE records MATCH ? "
                f"ORDER BY score LIMIT ?", (_OPEN, _CLOSE, expression, limit)).fetchall()
            passages = self._db.execute(
                "SELECT sid, start, stop, bm25(passages) AS score, snippet(passages, 3, ?, ?, ' … ', 24) "
                "FROM passages WHERE passages MATCH ? ORDER BY score LIMIT ?",
                (_OPEN, _CLOSE, expression, limit)).fetchall()
        phrase = fold(query[:MAX_QUERY_LENGTH])
        # A record the query names (its name, or a name that starts with the query) comes first:
        # "Kant" is the air base before the figures about it.
        hits = sorted((Hit(rid, None, None, None, -score + self._named(rid, phrase), _marked(snippet))
                       for rid, score, snippet in rows), key=lambda h: -h.score)
        hits += [Hit(None, sid, int(start), int(stop), -score, _marked(snippet))
                 for sid, start, stop, score, snippet in passages]
        return hits

    def _named(self, rid: str, phrase: str) -> float:
        """A bonus for a record the query names: by one of its names (most), or by a name's start."""
        names = self._names.get(rid, ())
        if phrase in names:
            return 2 * NAMED_BONUS
        return NAMED_BONUS if any(name.startswith(phrase + " ") for name in names) else 0.0

    def matching_ids(self, query: str) -> frozenset[str]:
        """Ids of the records a query finds (what it filters the views to)."""
        expression = self._expression(query)
        if expression is None:
            return frozenset()
        with self._lock:
            return frozenset(rid for (rid,) in self._db.execute(
                "SELECT rid FROM records WHERE records MATCH ?", (expression,)))


# A Russian preposition, conjunction or particle: one or two lower-case Cyrillic letters ("в", "на", "и", "по").
_FUNCTION_WORD = re.compile(r"[а-яё]{1,2}")


def _content_words(query: str) -> list[str]:
    """A query's folded words, less its Russian function words where others remain ("Путин в Москве" is "путин
    москве": the articles are English, so "в" would find nothing). An abbreviation is written in capitals ("ЕС")
    and kept."""
    words = [w for part in query.split()
             for w in ([] if _FUNCTION_WORD.fullmatch(re.sub(r"\W", "", part)) else fold(part).split())]
    return words or fold(query).split()


def _term(word: str) -> str:
    """A word as FTS5 matches it: a word of four letters or more also as a word's start."""
    return f'"{word}"*' if len(word) >= 4 else f'"{word}"'


def _marked(snippet: str) -> str:
    """FTS5's snippet with its markers as <mark> and everything else escaped, Russian marked as such (each piece
    between markers on its own, so that a language's span never straddles a <mark>)."""
    pieces = re.split(f"({re.escape(_OPEN)}|{re.escape(_CLOSE)})", snippet)
    tags = {_OPEN: "<mark>", _CLOSE: "</mark>"}
    return "".join(tags.get(piece) or escape.with_lang(piece) for piece in pieces)


def index_for(corpus: Corpus) -> SearchIndex:
    """The corpus's index, built on first use and kept with the corpus (one per corpus version)."""
    index = corpus.__dict__.get("_search_index")
    if index is None:
        index = SearchIndex(corpus)
        object.__setattr__(corpus, "_search_index", index)
    return index
