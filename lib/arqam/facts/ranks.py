"""Ranks as facts: the place a country, body or service takes in a ranking.

"حل البلد في المرتبة 57 دوليا"، "حققت المركز الرابع في المؤشر"، "بالمرتبة الأولى عربيا": an
ordinal right after a rank noun is a fact of kind ``rank`` (role ``rank``, measure ``rank``),
with the rank noun and its league (عالميا، عربيا …) and index as its measure words, the
ranked name as its subject, and a period like any figure. Ordinals of periods (النصف الأول)
and of editions (النسخة الرابعة) have no rank noun and stay out. Ranks are not quantities:
no sum, share or rate reads them; the claims stage checks changes of rank with them
("تقدم 3 مراتب من المركز 12 إلى 9").

Cues: data/facts/ranks.json.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ..numbers import NumberMention
from .document import BL, NOT_LETTER_AHEAD, NOT_LETTER_BEHIND, WINDOW, WORD_RE, Document, Fact, Name, alt, cues

RANK_KIND = RANK_ROLE = RANK_MEASURE = "rank"
PLACES_MEASURE = "rank_places"  # a number of places moved in a ranking ("تقدمت 3 مراتب")
_PLACES_MAX = 200  # a number of places is a whole number below this
_MOVE_BACK = 60  # characters before a number of places where its movement verb is looked for
_BACK = 40  # characters before an ordinal where its rank noun (or a coordinated earlier rank) is looked for


@lru_cache(maxsize=1)
def _rx() -> dict:
    c = cues()
    nl, nr = NOT_LETTER_BEHIND, NOT_LETTER_AHEAD
    nouns = c["rank_place_nouns"]["nouns"]
    leagues = {p: league for league, phrases in c["rank_leagues"].items() for p in phrases}
    return {
        # "… في المرتبة 57"، "بالمركز الرابع"، "للمرتبة الـ 12"، "مرتبتها إلى 71"
        "noun_before": re.compile(
            rf"{nl}[وف]?(?:لل|ب|ل)?(?P<noun>{alt(nouns)})(?:{BL}+(?:الي|إلى))?{BL}*(?:ال{BL}*)?\Z"
        ),
        # "… والرابع عربيا"، "و الـ 50 دوليا": a rank coordinated with the rank before it
        "coordinated": re.compile(rf"(?:{nl}|[\u060c,]{BL}*)و{BL}*(?:ال{BL}*)?\Z"),
        "centre_like": set(c["rank_place_nouns"]["centre_like"]),
        "league": re.compile(rf"{BL}*[(]?(?P<lg>{alt(leagues)}){nr}"),
        "leagues": leagues,
        "placing": re.compile(rf"{nl}[وف]?(?:{alt(c['rank_placing_verbs'])}){nr}"),
        "compared": re.compile(rf"{nl}[وف]?(?:{alt(c['rank_compared_words'])}){nr}"),
        "range_to": re.compile(rf"{BL}*(?:الي|حتي){BL}*(?:ال{BL}*)?\Z"),
        "ranking_word": re.compile(rf"{nl}[وفبل]?(?:{alt(c['rank_ranking_words'])}){nr}"),
        "move": re.compile(rf"{nl}[وف]?(?:(?P<up>{alt(c['rank_up'])})|(?P<down>{alt(c['rank_down'])})){nr}"),
        "places_after": re.compile(rf"{BL}*(?:{alt(c['rank_places'])}){nr}"),
        "places_before": re.compile(rf"{nl}(?:{alt(c['rank_places'])}){BL}+\Z"),
        "dual": re.compile(rf"{nl}[وفب]?(?:{alt(c['rank_places_dual'])}){nr}"),
    }


def league_after(text: str, pos: int) -> tuple[str | None, int]:
    """(league key, end) of a league word right after `pos` ("… 45 عالميا" -> ("world", end)), else (None, pos).

    Args:
        text: normalized text.
        pos: where the rank figure ends.
    """
    R = _rx()
    m = R["league"].match(text, pos)
    if m is None:
        return None, pos
    return R["leagues"][" ".join(m.group("lg").split())], m.end()


def _noun_span(text: str, lo: int, pos: int) -> tuple[int, int] | None:
    """The span of the rank noun right before a place at `pos` (after its clitics), looked for from `lo`."""
    m = _rx()["noun_before"].search(text, max(lo, pos - _BACK), pos)
    return m.span("noun") if m is not None else None


def noun_start(text: str, pos: int) -> int | None:
    """Where the rank noun of a place at `pos` starts, after its clitics ("مقارنة ب|المركز 5"), or None."""
    span = _noun_span(text, 0, pos)
    return span[0] if span else None


def moves(text: str, a: int, b: int) -> list[tuple[int, int, bool]]:
    """The movement words in [a, b) of a normalized text, as (start, end, up): up for an advance (a smaller place)."""
    return [(m.start(), m.end(), m.group("up") is not None) for m in _rx()["move"].finditer(text, a, b)]


def dual_places(text: str, a: int, b: int) -> bool:
    """Whether [a, b) says two places by a dual noun ("تقدمت مرتبتين")."""
    return _rx()["dual"].search(text, a, b) is not None


def moving_verbs() -> list[str]:
    """The (normalized) verbs that place a name in a ranking or move it there."""
    c = cues()
    return [*c["rank_placing_verbs"], *c["rank_up"], *c["rank_down"]]


def _noun_of(doc: Document, s: int, e: int, earlier: list[Fact]) -> tuple[int, int] | None:
    """The span of the rank noun an ordinal at [s, e) is a place of, or None when it is no rank."""
    R = _rx()
    t = doc.text
    ss = doc.sentence(s)[0]
    span = _noun_span(t, max(doc.clause(s)[0], ss), s)
    if span is not None:
        return span
    prev = earlier[-1] if earlier else None
    if prev is None or prev.s < s - _BACK or doc.sentence(prev.s)[0] != ss:
        return None
    if R["range_to"].fullmatch(t, prev.e, s):
        return prev.row["_noun"]  # "من المركز 27 إلى 31"
    if R["coordinated"].search(t, max(prev.e, s - 12), s) and league_after(t, prev.e)[0] and league_after(t, e)[0]:
        return prev.row["_noun"]  # "المرتبة 33 دوليا، والسابعة عربيا"
    return None


def _is_ranking(doc: Document, f: Fact, noun: tuple[int, int], earlier: list[Fact]) -> bool:
    """Whether a "centre" noun (مركز) before an ordinal is a place in a ranking, not a centre (المركز الأول لخدمة …)."""
    R = _rx()
    t = doc.text
    if league_after(t, f.e)[0]:
        return True
    cs = doc.clause(f.s)[0]
    ss, se = doc.sentence(f.s)
    lo = max(cs, ss, noun[0] - 60)
    if R["placing"].search(t, lo, noun[0]) or R["compared"].search(t, lo, noun[0]):
        return True
    if earlier and doc.sentence(earlier[-1].s)[0] == ss:
        return True
    return R["ranking_word"].search(t, max(ss, f.s - WINDOW), min(se, f.e + WINDOW)) is not None


def rank_facts(doc: Document, mentions: list[NumberMention]) -> list[Fact]:
    """The ordinals of `mentions` that are places in a ranking, as facts with their measure words set."""
    R = _rx()
    t = doc.text
    out: list[Fact] = []
    for m in mentions:
        if m.kind != "ordinal":
            continue
        s, e = doc.from_raw(m.start), doc.from_raw(m.end)
        f = Fact(m, s, max(e, s + 1))
        noun = _noun_of(doc, s, f.e, out)
        if noun is None:
            continue
        if t[noun[0]:noun[1]] in R["centre_like"] and not _is_ranking(doc, f, noun, out):
            continue
        league, lend = league_after(t, f.e)
        words = doc.raw_slice(*noun)
        if league:
            words += " " + doc.raw_slice(f.e, lend).strip(" \u00a0(")
        f.row.update({"kind": RANK_KIND, "unit": None, "role": RANK_ROLE, "measure": RANK_MEASURE,
                      "measure_ar": words, "measure_en": "rank", "_noun": noun, "_league": league})
        f.rules.append("measure:rank_noun")
        out.append(f)
    return out


def _ranked(index, lo: int, hi: int) -> Name | None:
    """The nearest name in [lo, hi) that can hold a place: not an index, a source of figures or a name that only places another."""
    for n in reversed(index.starting_in(lo, hi)):
        if n.end <= hi and n.referent.scope != "index" and not n.is_source and not n.is_modifier:
            return n.referent
    return None


_ITEM_MAX_WORDS = 6


def _item_between(doc: Document, index, f: Fact, cs: int) -> Name | None:
    """The item between a placing verb and the rank noun: "وتحتل خدمة X المرتبة الأولى"، "حلت الجهة Y في المركز 3"."""
    R = _rx()
    t = doc.text
    ns = f.row["_noun"][0]
    last = None
    for last in R["placing"].finditer(t, max(cs, ns - 80), ns):
        pass
    if last is None:
        return None
    spans = [w.span() for w in WORD_RE.finditer(t, last.end(), ns)]
    gap = t[last.end():ns]
    if spans and t[spans[-1][0]:spans[-1][1]] in ("في", "فى", "على"):
        spans.pop()  # "حلت X في المرتبة"
    if not spans or len(spans) > _ITEM_MAX_WORDS or any(ch.isdigit() or ch in "\u060c,;:" for ch in gap):
        return None
    if t[spans[0][0]:spans[0][1]] in ("في", "فى", "على", "الي", "بذلك", "بهذا"):
        return None  # "حلت في المرتبة …": no item before the rank
    from .subject import _phrase_name  # noqa: PLC0415 (a local import: subject's module imports this one's names at load)

    return _phrase_name(doc, index, spans[0][0], spans[-1][1])


def rank_subject(doc: Document, index, f: Fact, main: Name | None, prev: Fact | None, countries: list[Name] = (),
                 country_ends: list[int] = ()) -> Name | None:
    """Whose place a rank is, by the first rule that applies (recorded in f.rules): the name before it in its clause,
    else the item between a placing verb and the rank noun ("تحتل خدمة X المرتبة الأولى"), else the name before it
    in its sentence, else a name right after it ("تحل في المركز الثاني خدمة X"; not after مع: a tie), else
    the ranked name of the rank before it (at most WINDOW characters back), else, for a place among countries
    (a league is written), the article's country as the article names it (`countries`: its names in text order, `country_ends` their ends), else the
    article's topic unless that is an index."""
    cs, ce = doc.clause(f.s)
    ss, _ = doc.sentence(f.s)
    n = _ranked(index, cs, f.s)
    if n is not None:
        f.rules.append("subject:rank_clause")
        return n
    n = _item_between(doc, index, f, cs)
    if n is not None:
        f.rules.append("subject:rank_item")
        return n
    n = _ranked(index, max(ss, f.s - 2 * WINDOW), f.s)
    if n is not None:
        f.rules.append("subject:rank_sentence")
        return n
    _, lend = league_after(doc.text, f.e)
    for n in index.starting_in(lend, min(ce, lend + 4)):
        if n.referent.scope != "index" and not n.is_source:
            f.rules.append("subject:rank_after")
            return n.referent
    if prev is not None and prev.row.get("_ent") is not None and f.s - prev.e <= WINDOW:
        f.rules.append("subject:rank_previous")
        return prev.row["_ent"]
    if f.row.get("_league") not in (None, "national") and countries:
        k = bisect_right(country_ends, f.s)
        named = (countries[k - 1] if k else countries[0]).referent  # the latest naming of the country before, else its first
        if named is not None:
            f.rules.append("subject:rank_country")  # a place among countries (عالميا، عربيا) is a country's
            return named
    if main is not None and main.referent.scope != "index":
        f.rules.append("subject:topic")
        return main
    return None


def index_words(doc: Document, index, f: Fact) -> str | None:
    """The index or ranking a rank is held in, as written: the latest index named before it in its sentence, else
    the first after it in its clause."""
    ss, _ = doc.sentence(f.s)
    _, ce = doc.clause(f.s)
    before = [n for n in index.starting_in(max(ss, f.s - WINDOW), f.s) if n.referent.scope == "index" and n.end <= f.s]
    if before:
        return before[-1].text
    after = [n for n in index.starting_in(f.e, min(ce, f.e + 120)) if n.referent.scope == "index"]
    return after[0].text if after else None


def mark_places(doc: Document, facts: list[Fact], ranks: list[Fact]) -> None:
    """Numbers of places moved in a ranking ("تقدمت 3 مراتب"، "متراجعة بـ4 مراكز"، "مرتبة واحدة"): measure
    rank_places (not the offices "مراكز" or the payments "دفعة" the measure pass may have read), role change.

    A whole number below _PLACES_MAX with a place noun after it (or before واحدة), after a movement verb in
    its clause or in a sentence that gives a rank.
    """
    R = _rx()
    t = doc.text
    rank_sentences = {doc.sentence(r.s)[0] for r in ranks}
    for f in facts:
        m = f.m
        if f.row.get("kind") != "number" or float(m.value) != int(m.value) or not 1 <= m.value < _PLACES_MAX:
            continue
        after = R["places_after"].match(t, f.e)
        before = None if after else R["places_before"].search(t, max(0, f.s - 12), f.s)
        if after is None and before is None:
            continue
        cs = doc.clause(f.s)[0]
        if not (R["move"].search(t, max(cs, f.s - _MOVE_BACK), f.s) or doc.sentence(f.s)[0] in rank_sentences):
            continue
        ns, ne = (f.e + len(after.group()) - len(after.group().lstrip()), after.end()) if after else (before.start(), before.end())
        noun = doc.raw_slice(ns, ne).strip()
        words = f.row.get("measure_ar") or ""
        f.row.update({"measure": PLACES_MEASURE, "measure_en": "places in a ranking", "role": "change",
                      "measure_ar": words if words.startswith(noun) else noun})  # "مراكز في المؤشر العام" keeps its index
        f.rules.append("measure:rank_places")
