"""Load the word lists in lib/arqam/data and compile them into matchers.

Everything here is built once per process (cached) from the JSON files, so adding
a spelling is a data change: edit the JSON, and the grammar and regexes follow.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

from .normalize import normalize_word

DATA_DIR = Path(__file__).parent / "data"

# Token kinds of the number grammar.
UNIT = "U"  # 0-9
TEEN_UNIT = "TU"  # احد / اثنا: a number only before عشر
TEN = "X"  # عشر / عشرة: 10, or the second word of a teen
TENS = "T"  # 20..90
TEEN = "E"  # one-word teen (حداشر) or a merged pair (ثلاثة عشر)
HUNDRED = "H"  # 100..900
SCALE = "S"  # 10^3, 10^6, 10^9, 10^12
FRACTION = "F"  # نصف، ربع، ثلث
POINT = "P"  # فاصلة (decimal point word)
ORDINAL = "O"  # الأول .. العاشر
ORDINAL_TEEN_UNIT = "OT"  # الحادي (of الحادي عشر)
DIGITS = "D"  # a digit cluster


@dataclass(frozen=True, slots=True)
class Word:
    """One normalized surface form of the number vocabulary.

    Attributes:
        kind: token kind (one of the constants above).
        value: numeric value (int; a Fraction for fractions).
        number: grammatical number for scales and fractions: "sg", "du" or "pl".
        article_only: for ordinals, counts only when written with ال.
    """

    kind: str
    value: int | Fraction
    number: str = "sg"
    article_only: bool = False


def _load(name: str) -> dict:
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return json.load(fh)


def _items(d: dict):
    return ((k, v) for k, v in d.items() if not k.startswith("_"))


@lru_cache(maxsize=1)
def number_words() -> dict[str, Word]:
    """Return the number vocabulary: normalized form -> Word.

    Raises:
        ValueError: when two entries of different meaning normalize to one form.
    """
    data = _load("number_words.json")
    out: dict[str, Word] = {}

    def add(form: str, word: Word) -> None:
        key = normalize_word(form)
        old = out.get(key)
        if old is not None and old != word:
            raise ValueError(f"number_words.json: {form!r} is listed as {old} and as {word}")
        out[key] = word

    for v, forms in _items(data["units"]):
        for f in forms:
            add(f, Word(UNIT, int(v)))
    for v, forms in _items(data["teen_only_units"]):
        for f in forms:
            add(f, Word(TEEN_UNIT, int(v)))
    for f in data["ten"]:
        add(f, Word(TEN, 10))
    for v, forms in _items(data["tens"]):
        for f in forms:
            add(f, Word(TENS, int(v)))
    for v, forms in _items(data["single_word_teens"]):
        for f in forms:
            add(f, Word(TEEN, int(v)))
    for f in data["hundred"]:
        add(f, Word(HUNDRED, 100))
    for f in data["two_hundred"]:
        add(f, Word(HUNDRED, 200))
    for v, stems in _items(data["hundred_stems"]):
        for stem in stems:
            for h in data["hundred"]:
                add(stem + h, Word(HUNDRED, int(v) * 100))
    for v, numbers in data["scales"].items():
        for number, key in (("sg", "singular"), ("du", "dual"), ("pl", "plural")):
            for f in numbers[key]:
                add(f, Word(SCALE, int(v), number))
    for v, numbers in _items(data["fractions"]):
        num, den = v.split("/")
        for number, key in (("sg", "singular"), ("du", "dual"), ("pl", "plural")):
            for f in numbers[key]:
                value = Fraction(int(num), int(den)) * (2 if number == "du" else 1)
                add(f, Word(FRACTION, value, number))
    for f in data["decimal_point"]:
        add(f, Word(POINT, 0))
    for v, entry in _items(data["ordinals"]):
        for f in entry["forms"]:
            add(f, Word(ORDINAL, int(v)))
        for f in entry["article_only"]:
            add(f, Word(ORDINAL, int(v), article_only=True))
    for v, forms in _items(data["ordinal_teen_units"]):
        for f in forms:
            add(f, Word(ORDINAL_TEEN_UNIT, int(v)))
    return out


def trie_pattern(words, space: str | None = None) -> str:
    """Return a regex alternation of `words` factored as a character trie.

    A trie-shaped pattern fails after one or two characters on most positions,
    which keeps a scan over long text fast; longer words are tried first.

    Args:
        words: iterable of literal strings (non-empty).
        space: when given, a space inside a word matches this pattern (e.g. a run
            of blanks) instead of a literal space.
    Returns:
        A regex source string (non-capturing).
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def edge(ch: str) -> str:
        return space if (space is not None and ch == " ") else re.escape(ch)

    def build(node: dict) -> str:
        branches = [edge(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            body = "(?:" + body + ")?"
        return body

    return build(trie)


def _normalized(obj, keys: bool = False):
    """Normalize every string of a loaded JSON value (and dict keys when `keys`), dropping "_comment" keys."""
    if isinstance(obj, str):
        return normalize_word(obj)
    if isinstance(obj, list):
        return [_normalized(x, keys) for x in obj]
    if isinstance(obj, dict):
        return {(normalize_word(k) if keys else k): _normalized(v, keys) for k, v in obj.items() if not k.startswith("_")}
    return obj


@lru_cache(maxsize=1)
def context() -> dict:
    """Return number_context.json with every phrase normalized."""
    return _normalized(_load("number_context.json"))


def phrase_pattern(phrases, joiner: str = r"[ \u00a0]+") -> str:
    """Return a regex alternation of phrases (a character trie), longest first.

    Args:
        phrases: literal phrases (already normalized); the words of a phrase are
            joined by `joiner` (default: any run of blanks).
    Returns:
        A regex source string (non-capturing).
    """
    uniq = sorted({" ".join(p.split()) for p in phrases if p and p.strip()})
    return "(?:" + trie_pattern(uniq, space="(?:" + joiner + ")") + ")"


def phrase_key(text: str) -> str:
    """Collapse blank runs to one space so a matched phrase can be looked up."""
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical agency, platform or service (data/entities.csv).

    Attributes:
        entity_id: canonical id; "{iso3}" in it is filled with the article's country.
        label_en: English label.
        country_iso3: ISO3 code, or "*" for a kind of body every country has.
        scope: ministry, agency, platform, service or whole_government.
        parent_id: the body it belongs to, or "".
        implies_country: whether naming it tells the country (أبشر -> SAU).
    """

    entity_id: str
    label_en: str
    country_iso3: str
    scope: str
    parent_id: str
    implies_country: bool


def _read_csv(name: str) -> list[dict]:
    import csv

    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def entities() -> dict[str, Entity]:
    """Return normalized Arabic variant -> Entity (every variant of every row, and country forms).

    A variant written with the article (الجوازات) also gets its ل-prefixed form
    (للجوازات); a form in Latin script also gets its lower, upper and title case
    (UAE PASS: uae pass, Uae Pass). A kind of body every country has (country "*": وزارة الصحة،
    البنك المركزي) also gets one form per Arab League state with the state's nisba
    adjective after it (وزارة الصحة الكويتية، البنك المركزي المصري): that form names
    the country's body ("{iso3}" filled in, the country's row of entities.csv when
    there is one), see `country_forms`. A form written in entities.csv wins over a
    derived one.

    Raises:
        ValueError: when a variant of entities.csv names two entities.
    """
    out: dict[str, Entity] = {}
    rows: list[tuple[Entity, list[str]]] = []
    for row in _read_csv("entities.csv"):
        ent = Entity(row["entity_id"], row["label_en"], row["country_iso3"], row["scope"], row["parent_id"], row["implies_country"] == "true")
        keys = [phrase_key(normalize_word(v)) for v in row["variants_ar"].split("|") if v.strip()]
        rows.append((ent, keys))
        for key in keys:
            for form in _with_lam(key):
                if form in out and out[form] != ent:
                    raise ValueError(f"entities.csv: {key!r} names both {out[form].entity_id} and {ent.entity_id}")
                out[form] = ent
    for ent, keys in rows:
        for key in keys:
            for form in _latin_cases(key):
                out.setdefault(form, ent)
    by_id = {ent.entity_id: ent for ent, _ in rows}
    for form, ent in _country_forms(rows, by_id).items():
        for f in _with_lam(form):
            out.setdefault(f, ent)
    return out


def _latin_cases(key: str) -> list[str]:
    """Other letter cases of a form written in Latin script (UAE PASS: UAE Pass, uae pass); none for Arabic."""
    if not any("a" <= ch.lower() <= "z" for ch in key):
        return []
    title = " ".join(w[:1].upper() + w[1:].lower() for w in key.split(" "))
    return [f for f in dict.fromkeys((key.lower(), key.upper(), title)) if f != key]


def _country_forms(rows: list[tuple[Entity, list[str]]], by_id: dict[str, Entity]) -> dict[str, Entity]:
    """The country forms of the generic rows: generic variant + a state's definite nisba adjective -> that state's body.

    Both genders of the adjective are joined (the one that does not agree never occurs
    in text), so no gender rule is needed: وزارة العدل المغربية، الأمن العام اللبناني.

    Args:
        rows: (entity, normalized variants) of entities.csv, in file order.
        by_id: entity_id -> Entity of entities.csv, so a derived form takes a country
            row's label when the file has one (kwt.moi).
    Returns:
        Normalized form -> Entity.
    """
    out: dict[str, Entity] = {}
    for c in country_rows().values():
        adjectives = [a for a in c.adjectives if a.startswith("ال")]
        for ent, keys in rows:
            if ent.country_iso3 != "*":
                continue
            iso = c.iso3.lower()
            eid = ent.entity_id.replace("{iso3}", iso)
            own = by_id.get(eid) or Entity(
                eid, f"{ent.label_en} ({c.name_en})", c.iso3, ent.scope, ent.parent_id.replace("{iso3}", iso), True,
            )
            for key in keys:
                for a in adjectives:
                    out.setdefault(f"{key} {a}", own)
    return out


@lru_cache(maxsize=1)
def entity_rows() -> dict[str, Entity]:
    """Return entity_id -> Entity."""
    return {e.entity_id: e for e in entities().values()}


@dataclass(frozen=True, slots=True)
class Measure:
    """A canonical counted thing (data/measures.csv)."""

    measure: str
    label_en: str
    is_transactional: bool


@lru_cache(maxsize=1)
def measures() -> dict[str, Measure]:
    """Return normalized Arabic variant (one or more words) -> Measure."""
    out: dict[str, Measure] = {}
    for row in _read_csv("measures.csv"):
        m = Measure(row["measure"], row["label_en"], row["is_transactional"] == "true")
        for variant in row["variants_ar"].split("|"):
            key = phrase_key(normalize_word(variant))
            if key in out and out[key] != m:
                raise ValueError(f"measures.csv: {variant!r} is both {out[key].measure} and {m.measure}")
            out[key] = m
    return out


@lru_cache(maxsize=1)
def fact_cues() -> dict:
    """Return the cues of every facts pass (data/facts/*.json merged), every phrase normalized.

    Each pass keeps its cues in a file of its own (segment, names, measure, period,
    parts); a key is defined in one file only.

    Raises:
        ValueError: when two files define the same key.
    """
    merged: dict = {}
    for path in sorted((DATA_DIR / "facts").glob("*.json")):
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        for key, value in data.items():
            if key.startswith("_"):
                continue
            if key in merged:
                raise ValueError(f"data/facts/{path.name}: key {key!r} is already defined in another data/facts file")
            merged[key] = value
    return _normalized(merged, keys=True)


ARAB_LEAGUE = (
    "SAU", "ARE", "QAT", "KWT", "BHR", "OMN", "YEM", "IRQ", "JOR", "SYR", "LBN",
    "PSE", "EGY", "SDN", "LBY", "TUN", "DZA", "MAR", "MRT", "SOM", "DJI", "COM",
)  # the 22 member states, Gulf to Indian Ocean; entities.csv and country_names.csv cover each


@dataclass(frozen=True, slots=True)
class CountryName:
    """One Arab League state's names in Arabic (data/country_names.csv), every form normalized.

    Attributes:
        iso3: ISO 3166-1 alpha-3 code.
        name_en: English short name.
        names: the country's names (official and short forms) that mean only this country.
        adjectives: nisba adjectives that follow a noun (الكويتية، الكويتي، كويتية).
        demonyms: plural nouns for its people (الكويتيين، الكويتيون).
        capitals: the capital city as written (informational: a capital may also be ambiguous).
        ambiguous: forms that name the country only in context (عمان is Oman and Amman;
            المملكة is any of four kingdoms; القمرية is also "lunar").
    """

    iso3: str
    name_en: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    ambiguous: tuple[str, ...]


def _forms(cell: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(phrase_key(normalize_word(v)) for v in (cell or "").split("|") if v.strip()))


def _with_lam(form: str) -> list[str]:
    """A form and, when it has the article, its ل-prefixed spelling (الكويت -> للكويت)."""
    return [form] + (["ل" + form[1:]] if form.startswith("ال") else [])


@lru_cache(maxsize=1)
def country_rows() -> dict[str, CountryName]:
    """Return iso3 -> CountryName for every row of data/country_names.csv.

    An adjective may also be listed as ambiguous (القمرية is also "lunar"): it is then
    left out of `country_adjectives` but still makes country forms of entities
    (البنك المركزي القمري).

    Raises:
        ValueError: when a form is listed as ambiguous by one row and as a name or
            demonym by any row (an ambiguous form must not resolve alone).
    """
    out: dict[str, CountryName] = {}
    for row in _read_csv("country_names.csv"):
        c = CountryName(
            row["iso3"], row["name_en"], _forms(row["variants_ar"]), _forms(row["adjectives_ar"]),
            _forms(row["demonyms_ar"]), _forms(row["capital_ar"]), _forms(row["ambiguous_ar"]),
        )
        if c.iso3 in out:
            raise ValueError(f"country_names.csv: {c.iso3} is listed twice")
        out[c.iso3] = c
    ambiguous = {f for c in out.values() for f in c.ambiguous}
    for c in out.values():
        for f in c.names + c.demonyms:
            if f in ambiguous:
                raise ValueError(f"country_names.csv: {f!r} ({c.iso3}) is also listed as ambiguous")
    return out


def _country_map(column: str, lam: bool = False) -> dict[str, str]:
    out: dict[str, str] = {}
    ambiguous = {f for c in country_rows().values() for f in c.ambiguous}
    for c in country_rows().values():
        for form in getattr(c, column):
            if form in ambiguous:
                continue  # عمان (Amman), القمرية (lunar): see ambiguous_country_forms
            for f in _with_lam(form) if lam else [form]:
                if out.get(f, c.iso3) != c.iso3:
                    raise ValueError(f"country_names.csv: {form!r} ({column}) names both {out[f]} and {c.iso3}")
                out[f] = c.iso3
    return out


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Return normalized country name -> iso3 (unambiguous names only).

    A name written with the article (الكويت) also gets its ل-prefixed form
    (للكويت), as entity variants do. Ambiguous forms (عمان، المملكة) are left out:
    see `ambiguous_country_forms`.

    Raises:
        ValueError: when one form names two countries.
    """
    return _country_map("names", lam=True)


@lru_cache(maxsize=1)
def country_adjectives() -> dict[str, str]:
    """Return normalized nisba adjective (السعودية، المصري، قطرية) -> iso3."""
    return _country_map("adjectives")


@lru_cache(maxsize=1)
def country_demonyms() -> dict[str, str]:
    """Return normalized demonym plural (العراقيين، المغاربة) -> iso3."""
    return _country_map("demonyms")


@lru_cache(maxsize=1)
def country_capitals() -> dict[str, str]:
    """Return normalized capital city -> iso3, leaving out capitals that are ambiguous (عمان، طرابلس)."""
    return _country_map("capitals")


@lru_cache(maxsize=1)
def ambiguous_country_forms() -> dict[str, tuple[str, ...]]:
    """Return normalized form -> the iso3 codes it may name (sorted), for forms that need context.

    عمان -> (JOR, OMN): Oman, or Amman the capital of Jordan; المملكة -> the
    four kingdoms (BHR, JOR, MAR, SAU), which the article's country settles;
    طرابلس -> (LBN, LBY); القمر / القمرية -> (COM,), also "moon" / "lunar".
    """
    out: dict[str, set[str]] = {}
    for c in country_rows().values():
        for form in c.ambiguous:
            out.setdefault(form, set()).add(c.iso3)
    return {f: tuple(sorted(v)) for f, v in sorted(out.items())}


@lru_cache(maxsize=1)
def entities_by_country() -> dict[str, list[Entity]]:
    """Return iso3 (or "*" for the kinds of body every country has) -> its entities, in file order."""
    out: dict[str, list[Entity]] = {}
    for ent in entity_rows().values():
        out.setdefault(ent.country_iso3, []).append(ent)
    return out
