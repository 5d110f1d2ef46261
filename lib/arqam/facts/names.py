"""Names in the text: lexicon entities (with ids, English labels, countries) and bodies the lexicon does not know."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from .. import lexicon as lx
from .document import BL, NOT_LETTER_AHEAD, NOT_LETTER_BEHIND, QUOTES, WORD, WORD_RE, Document, Name, alt, cues

UNKNOWN = lx.Entity("", "", "", "unknown", "", False)


@lru_cache(maxsize=1)
def _rx() -> dict:
    c = cues()
    ent_joiner = rf"[ \u00a0{QUOTES}]+"
    eh = c["entity_heads"]
    plain = [h for h in eh["heads"] if not h.startswith("ال")]
    definite = [h for h in eh["heads"] if h.startswith("ال")]
    return {
        "entity": re.compile(
            rf"{NOT_LETTER_BEHIND}(?P<pre>[وفبلك]{{0,2}}?)[{QUOTES}]?(?P<e>{alt(lx.entities(), ent_joiner)}){NOT_LETTER_AHEAD}"
        ),
        "entity_head": re.compile(
            rf"{NOT_LETTER_BEHIND}[وفبل]?(?P<e>(?:{alt(plain)}|{alt(definite)})"
            rf"(?:{BL}+[{QUOTES}]?(?:ال|لل)?{WORD}[{QUOTES}]?){{1,{eh['max_words']}}})"
        ),
        "feature_channel": re.compile(rf"{alt(c['feature_channel'])}{BL}+[{QUOTES}]?\Z"),
        "stops": set(c["measure_stops"])
        | set(c["clause_openers"]) | set(c["reporting_verbs"]) | set(c["change_verbs"]) | set(c["share_cues"])
        | set(c["name_stops"]),
    }


def trim_name(text: str, s: int, e: int) -> tuple[int, int] | None:
    """Cut an unknown body's name at the first word that cannot belong to it (a verb, a cue, a digit)."""
    stops = _rx()["stops"]
    numbers = lx.number_words()
    words = list(WORD_RE.finditer(text, s, e))
    keep = [words[0]]
    for w in words[1:]:
        g = w.group()
        bare = g[1:] if g[:1] in "وفبل" else g
        if g in stops or bare in stops or g in numbers or bare in numbers:
            break  # a verb cue, a particle or a number word ends the name
        keep.append(w)
    if len(keep) < 2:
        return None  # a bare head (وزارة، منصة) is an anaphor, not a name
    return keep[0].start(), keep[-1].end()


def find_names(doc: Document) -> list[Name]:
    """Every name in the document, in text order: lexicon entities, then unknown bodies not overlapping them.

    Args:
        doc: the document.
    Returns:
        Names sorted by start (normalized offsets); an unknown body has entity UNKNOWN.
    """
    R = _rx()
    table = lx.entities()
    out: list[Name] = []
    for m in R["entity"].finditer(doc.text):
        key = lx.phrase_key(re.sub(f"[{QUOTES}]", " ", m.group("e")))
        ent = table.get(key)
        if ent is None:
            continue
        s, e = m.start("e"), m.end("e")
        quoted = sum(doc.text.count(q, s, e) for q in QUOTES)
        if quoted % 2 and e < len(doc.text) and doc.text[e] in QUOTES:
            e += 1  # 'منصة "أبشر أفراد"': keep the closing quote with the opening one
        channel = R["feature_channel"].search(doc.text, max(0, s - 24), s) is not None and any(o.end <= s for o in out[-1:])
        out.append(Name(s, e, ent, doc.raw_slice(s, e), channel, for_clitic="ل" in m.group("pre")))
    # bodies the lexicon does not know: kept as written, with no id
    known_starts = [x.start for x in out]  # entity matches are in text order and do not overlap
    known_ends = [x.end for x in out]
    for m in R["entity_head"].finditer(doc.text):
        s, e = m.start("e"), m.end("e")
        i = bisect_left(known_starts, e)  # known names starting before e; the last of them ends latest
        if i and known_ends[i - 1] > s:
            continue
        words = trim_name(doc.text, s, e)
        if words is None:
            continue
        s, e = words
        out.append(Name(s, e, UNKNOWN, doc.raw_slice(s, e)))
    out.sort(key=lambda x: x.start)
    return out


def entity_id(ent: lx.Entity, country: str | None) -> str | None:
    """The entity's id for an article of `country` ({iso3} filled in); None for an unknown body."""
    if ent is UNKNOWN:
        return None
    if "{iso3}" in ent.entity_id:
        return ent.entity_id.replace("{iso3}", country.lower()) if country else None
    return ent.entity_id


def article_country(doc: Document) -> str | None:
    """The catalog's country, else the one country every country-implying name agrees on."""
    c = doc.meta.get("country_iso3") if doc.meta else None
    if isinstance(c, str) and c.strip():
        return c.strip().upper()
    implied = {n.ent.country_iso3 for n in doc.names if n.ent.implies_country}
    return implied.pop() if len(implied) == 1 else None
