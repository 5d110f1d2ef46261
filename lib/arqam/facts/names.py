"""Names in the text: lexicon entities (with ids, English labels, countries) and bodies the lexicon does not know.

A name the lexicon does not know is recognised by the shape of Arabic names of
bodies and platforms: a head noun (منصة، تطبيق، نظام، هيئة، وزارة، برنامج …, the
scope it gives in data/facts/names.json) followed by

- a quoted or Latin-script name: منصة "سهل"، البوابة الإلكترونية “شكاية.ما”، بوابة Bahrain.bh;
- or its genitive chain: a definite noun or adjective (وزارة الداخلية، الهيئة الاتحادية),
  a construct link with ل or و before a definite word (للهوية، لوزارة المالية، وأمن المنافذ),
  or, after an indefinite head, one proper noun that is not a nisba adjective (تطبيق بنكك).

The chain ends at the first word that cannot continue a name: a function word
(stopwordsiso's Arabic list and data/facts/names.json), a number word, a time word,
a relative participle (التابعة، المخصصة), or an indefinite word (a verb, an adverb).
A head right after a figure is the figure's counted noun ("350 خدمة"), not a name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from .. import lexicon as lx
from ..normalize import normalize_word
from .document import (
    BL, NOT_LETTER_AHEAD, NOT_LETTER_BEHIND, QUOTES, WORD_RE, Document, Name, alt, cues, opening_words, word_matches,
)

UNKNOWN = lx.Entity("", "", "", "unknown", "", False)
_OPEN_CLOSE = {'"': '"', "'": "'", "\u201c": "\u201d", "\u201d": "\u201c", "\u00ab": "\u00bb", "\u00bb": "\u00ab"}
_LATIN_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[.\-_][A-Za-z0-9]+)*(?:[ \u00a0][A-Z][A-Za-z0-9]*(?:[.\-_][A-Za-z0-9]+)*){0,3}")
_BLANKS_RE = re.compile(r"[ \u00a0]*")
_QUOTE_GAP = re.compile(rf"[ \u00a0]*[{QUOTES}]?")
_QUOTES_AS_BLANKS = str.maketrans({q: " " for q in QUOTES})
_NO_QUOTES = str.maketrans({q: None for q in QUOTES})
_QUOTE_RE = re.compile("[" + re.escape(QUOTES) + "]")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset:
    """Function words that end a name: stopwordsiso's Arabic list (MIT) less the content words it holds, plus ours."""
    import stopwordsiso

    c = cues()
    excluded = set(c["name_stopword_exclusions"])
    words = {normalize_word(w) for w in stopwordsiso.stopwords("ar")} - excluded
    return frozenset(words | set(c["name_stops"]))


@lru_cache(maxsize=1)
def _rx() -> dict:
    c = cues()
    heads = {h: scope for scope, forms in c["name_heads"].items() for h in forms}
    ent_joiner = rf"[ \u00a0{QUOTES}]+"
    clitics = [a + b for a in ("", *"وفبلك") for b in ("", *"وفبلك") if a or not b]  # [وفبلك]{0,2}
    countries = list(lx.country_names()) + list(lx.ambiguous_country_forms()) + c["country_anaphora"]
    entity_forms = opening_words(lx.entities(), clitics)
    return {
        # the words each whole-text pattern can open with (document.word_matches); an entity may
        # also open at a quote mark, and after clitics written before a quote (و«…»)
        "entity_forms": entity_forms and entity_forms | frozenset(clitics[1:]),
        "head_forms": opening_words(heads, [a + b for a in ("", *"وفبك", "لل", "ل") for b in ("", "ال")]),
        "country_forms": opening_words(countries, ("", *"وفب")),
        "entity": re.compile(
            rf"{NOT_LETTER_BEHIND}(?P<pre>[وفبلك]{{0,2}}?)[{QUOTES}]?(?P<e>{alt(lx.entities(), ent_joiner)}){NOT_LETTER_AHEAD}"
        ),
        # a head noun at a word start, bare or definite, after at most one clitic
        "head": re.compile(rf"{NOT_LETTER_BEHIND}(?:[وفبك]|لل|ل)?(?P<e>(?P<al>ال)?(?P<h>{alt(heads)})){NOT_LETTER_AHEAD}"),
        "heads": heads,
        "feature_channel": re.compile(rf"{alt(c['feature_channel'])}{BL}+[{QUOTES}]?\Z"),
        "relative": set(c["name_relative_words"]),
        "source": re.compile(
            rf"{NOT_LETTER_BEHIND}[وف]?(?:{alt(c['source_cues'] + c['reporting_verbs'])}(?:{BL}+{alt(c['source_nouns'])})*"
            rf"|{alt(c['reporting_verbs'])}(?:{BL}+(?:{alt(c['official_titles'])})){{1,3}}){BL}*\Z"
        ),
        "relative_agent": re.compile(rf"{NOT_LETTER_BEHIND}{alt(c['relative_agent_verbs'])}{BL}+\Z"),
        "stops": _stopwords()
        | set(c["measure_stops"]) | set(c["clause_openers"]) | set(c["reporting_verbs"]) | set(c["change_verbs"])
        | set(c["share_cues"]) | set(c["person_titles"]),
        "max_words": c["name_max_words"],
        "devices": {x.lower() for x in c["device_platforms"]},
        "proper_heads": set(c["name_heads_proper"]),
        "named_only": set(c["name_heads_named_only"]),
        "adjectives": set(c["common_adjectives"]),
        "modifier_link": re.compile(rf"{BL}*(?:(?:{alt(c['modifier_links'])}){BL}*)?"),
        "country": re.compile(
            rf"{NOT_LETTER_BEHIND}[وفب]?(?P<e>{alt(countries)}){NOT_LETTER_AHEAD}"
        ),
        "country_anaphora": set(c["country_anaphora"]),
        "country_modifier": re.compile(rf"{NOT_LETTER_BEHIND}[وف]?{alt(c['country_modifier_before'])}{BL}*\Z"),
        "quoted_name": re.compile(rf"[{QUOTES}]"),
        "after_currency": re.compile(rf"{NOT_LETTER_BEHIND}{alt(c['currency_words'])}{BL}+\Z"),
        "press_before": re.compile(rf"(?:{NOT_LETTER_BEHIND}[وف]?{alt(c['press_before'])}|ل[\u0640-]?){BL}*\Z"),
        "masdar_before": re.compile(rf"{NOT_LETTER_BEHIND}[وف]?{alt(c['masdar_before'])}{BL}+\Z"),
    }


def _definite(w: str) -> bool:
    return w.startswith("ال") and len(w) > 3


def _nisba(w: str) -> bool:
    """An adjective of relation (إلكترونية، رقمي، حكومية): not a proper name."""
    return len(w) > 3 and (w.endswith("يه") or w.endswith("ي") or w.endswith("يين") or w.endswith("يات"))


def _ends_word(R, w: str) -> bool:
    """A word that cannot continue a name: a function word, a relative participle, a number or ordinal word."""
    bare = w[1:] if w[:1] in "وفبل" and len(w) > 3 else w
    numbers = lx.number_words()
    return (
        w in R["stops"] or bare in R["stops"] or w in R["relative"]
        or w in numbers or bare in numbers or (w.startswith("ال") and w[2:] in numbers)
    )


def _proper_after(R, head: str, w: str) -> bool:
    """Whether the indefinite word after an indefinite platform head reads as its proper name (تطبيق بنكك، منصة سهل).

    An agreeing adjective is not a name: after a feminine head (منصة، بوابة) a word in ة is
    one (منصة رقمية موحدة), after a masculine head (تطبيق، نظام) a nisba in ي or a participle
    in مت/مست is one (نظام آلي، تطبيق متكامل). Verbs are not names: an imperfect in ي, a past
    tense in ت (اعتمدت) other than a plural in ات.
    """
    if len(w) < 3 or w in R["adjectives"] or w.startswith("ي"):
        return False
    if w.endswith("ت"):
        return False  # a past tense (اعتمدت) or a plural (بروتوكولات): not an unquoted proper name
    if head.endswith("ه"):
        return not w.endswith("ه") and not w.endswith("يه")
    return not _nisba(w) and not w.startswith(("مت", "مست"))


def _coordinated_head(R, w: str) -> bool:
    """و before a head noun starts a second name (بوابة الخدمات البلدية وبوابة الخدمات الجمركية، تطبيق وموقع)."""
    if not w.startswith("و") or len(w) < 4:
        return False
    bare = w[1:]
    return bare in R["heads"] or (bare.startswith("ال") and bare[2:] in R["heads"])


def _verb_after_lam(w: str) -> bool:
    """ل before an imperfect verb (ليصل، لتحتل، لتتجاوز), not before a noun in construct (لتنمية، لوزارة)."""
    if not w.startswith("ل"):
        return False
    v = w[1:]
    return v.startswith(("ي", "تت", "تس")) or (v.startswith("ت") and len(v) <= 4 and not v.endswith("ه"))


def ends_name(w: str) -> bool:
    """Whether a (normalized) word cannot continue a name or a channel's noun phrase."""
    return _ends_word(_rx(), w)


def _quoted(text: str, i: int) -> int | None:
    """End (past the closing mark) of a short quoted name opening at i, or None."""
    close = _OPEN_CLOSE.get(text[i])
    if close is None:
        return None
    j = text.find(close, i + 1, i + 60)
    if j < 0 and close != text[i]:
        j = text.find(text[i], i + 1, i + 60)  # “X“ written with one mark twice
    if j <= i + 1:
        return None
    inner = text[i + 1:j]
    if "\n" in inner or len(inner.split()) > 5:
        return None
    return j + 1


def _construct_ahead(text: str, R: dict, nxt) -> bool:
    """Whether the indefinite word `nxt` is itself in construct with a definite word right after it."""
    if nxt is None or _definite(nxt.group()) or _ends_word(R, nxt.group()):
        return False
    after = WORD_RE.match(text, _BLANKS_RE.match(text, nxt.end()).end())
    return after is not None and after.start() - nxt.end() <= 2 and _definite(after.group()) and not _ends_word(R, after.group())


def _extend(text: str, R: dict, start: int, head: str, construct: bool) -> tuple[int, bool]:
    """End of the name whose head ends at `start`, and whether the name is more than a description.

    Args:
        text: the normalized text.
        R: the compiled cues.
        start: offset just past the head noun.
        head: the head noun without ال.
        construct: whether the head is indefinite (it then needs a genitive).
    Returns:
        (end, named): `named` is False when only adjectives follow a definite head
        (المنظومة المتطورة، البوابة الحكومية): a description of a name said before.
    """
    end = start
    i = start
    n = 0
    need_genitive = construct
    named = construct
    named_only = head in R["named_only"]
    while n < R["max_words"]:
        j = _BLANKS_RE.match(text, i).end()
        if j == i and n:  # words are separated by blanks; anything else (punctuation, digits) ends the name
            break
        if j >= len(text):
            break
        ch = text[j]
        if ch in _OPEN_CLOSE:
            q = _quoted(text, j)
            if q is not None:
                return q, True  # a quoted name closes the name
            break
        if ch.isascii() and ch.isalpha():
            m = _LATIN_RE.match(text, j)
            return (m.end(), True) if m else (end, named)
        m = WORD_RE.match(text, j)
        if m is None:
            break
        w = m.group()
        if _ends_word(R, w) or _coordinated_head(R, w):
            break
        if need_genitive and n == 0 and head in R["proper_heads"] and not _definite(w) and not w.startswith("لل"):
            if not _proper_after(R, head, w):
                break
            return m.end(), True  # a proper noun: تطبيق بنكك، منصة سهل (its adjectives describe it, they are not part of the name)
        if named_only:
            break  # خدمة + a description is not a name
        nxt = WORD_RE.match(text, _BLANKS_RE.match(text, m.end()).end())
        nxt_definite = nxt is not None and _definite(nxt.group()) and not _ends_word(R, nxt.group())
        if need_genitive:
            if _definite(w) or w.startswith("لل") or w in lx.country_names():
                need_genitive = False  # a country's name is definite by itself: بريد تونس، حكومة قطر
            elif not (nxt_definite or _construct_ahead(text, R, nxt)):
                break  # هيئة تنظيم (قطاع) الاتصالات: an indefinite word goes on only in construct with a definite one
        elif _definite(w) and not _nisba(w) and n > 0:
            named = True  # a noun in the chain (الهيئة الاتحادية للهوية، مركز الدفع والتحصيل)
        elif _definite(w):
            pass  # an adjective of the head: a description unless more follows
        elif w.startswith("لل") or (w.startswith("وال") and len(w) > 4):
            named = True
        elif w[:1] in "لو" and len(w) > 2 and nxt_definite and not _verb_after_lam(w):
            need_genitive = True  # لوزارة المالية، وأمن المنافذ: a link in construct with the next word
            named = True
        else:
            break
        end = m.end()
        n += 1
        i = end
    return end, named


def _after_figure(doc: Document, pos: int) -> bool:
    """Whether only blanks separate `pos` from the end of a figure ("350 خدمة": the head is the counted noun)."""
    i = pos
    while i > 0 and doc.text[i - 1] in " \u00a0":
        i -= 1
    return i in doc.figure_ends


def _launched_platform(text: str, R: dict, s: int) -> bool:
    """Whether the name at s is the agent of a relative clause about a platform: "منصة رقمية أطلقتها دائرة X"."""
    verb = R["relative_agent"].search(text, max(0, s - 20), s)
    if verb is None:
        return False
    return any(R["heads"].get(w.group()[2:] if w.group().startswith("ال") else w.group()) in ("platform", "programme")
               for w in WORD_RE.finditer(text, max(0, verb.start() - 40), verb.start()))


def _device(R: dict, rest: str) -> bool:
    """The words after a head name an operating system or app store (نظام أندرويد، نظام iOS)."""
    words = rest.lower().split()
    return bool(words) and (words[0] in R["devices"] or " ".join(words[:2]) in R["devices"])


def _is_source(doc: Document, R: dict, s: int) -> bool:
    """Whether the name comes right after a source cue (بحسب تقرير X، أعلنت X، وفقا لبيانات X)."""
    lo = max(doc.clause(s)[0], s - 40)
    return R["source"].search(doc.text, lo, s) is not None


def find_names(doc: Document) -> list[Name]:
    """Every name in the document, in text order: lexicon entities, then unknown bodies not overlapping them.

    Args:
        doc: the document (its `figure_ends` set, so a figure's counted noun is not taken for a name).
    Returns:
        Names sorted by start (normalized offsets); an unknown body has entity UNKNOWN and the
        scope of its head word.
    """
    R = _rx()
    text = doc.text
    table = lx.entities()
    out: list[Name] = []
    quote_marks = [m.start() for m in R["quoted_name"].finditer(text)]
    for m in word_matches(doc, R["entity"], R["entity_forms"], quote_marks):
        written = m.group("e")
        has_quotes = _QUOTE_RE.search(written) is not None  # most names have none: skip the translations
        key = lx.phrase_key(written.translate(_QUOTES_AS_BLANKS) if has_quotes else written)
        ent = table.get(key)
        if ent is None:
            continue
        s, e = m.start("e"), m.end("e")
        quoted = len(written) - len(written.translate(_NO_QUOTES)) if has_quotes else 0
        if quoted % 2 and e < len(text) and text[e] in QUOTES:
            e += 1  # 'منصة "أبشر أفراد"': keep the closing quote with the opening one
        if e < len(text) and text[e] in " \u00a0" and ent.scope in ("platform", "service"):
            e2 = _BLANKS_RE.match(text, e).end()
            if e2 < len(text) and text[e2] in _OPEN_CLOSE and _quoted(text, e2):
                e = _quoted(text, e2)  # بوابة النفاذ الوطني "نفاذ"
        channel = R["feature_channel"].search(text, max(0, s - 24), s) is not None and any(o.end <= s for o in out[-1:])
        first = WORD_RE.match(text, s)
        head = first.group()[2:] if first and first.group().startswith("ال") else (first.group() if first else "")
        clitic = "ل" in m.group("pre") or (m.group("e").startswith("لل") and (not key.startswith("لل") or table.get("ال" + key[2:]) is ent))
        out.append(Name(
            s, e, ent, doc.raw_slice(s, e), channel, for_clitic=clitic, at_clitic="ب" in m.group("pre"), is_source=_is_source(doc, R, s),
            head=head if head in R["heads"] else "",
        ))
    out = _merge(out, _countries(doc, R, out))
    # bodies the lexicon does not know: kept as written, with no id
    known_starts = [x.start for x in out]  # entity and country matches are in text order and do not overlap
    known_ends = [x.end for x in out]
    absorbed: set[int] = set()
    for m in word_matches(doc, R["head"], R["head_forms"]):
        s = m.start("e")
        i = bisect_left(known_starts, s + 1)  # a known name covering the head
        if i and known_ends[i - 1] > s:
            continue
        if _after_figure(doc, m.start()) or R["masdar_before"].search(text, max(0, m.start() - 12), m.start()):
            continue
        head = m.group("h")
        definite = bool(m.group("al")) or text.startswith("لل", m.start())  # للبوابة الرسمية: the article is in لل
        e, named = _extend(text, R, m.end("e"), head, construct=not definite)
        if e <= m.end("e"):
            continue  # a bare head (وزارة، المنصة) is an anaphor, not a name
        if _device(R, text[m.end("e"):e]):
            continue  # نظام أندرويد، متجر آب ستور: a channel of the app, not a name
        j = bisect_left(known_starts, s)
        if (
            j < len(known_starts) and known_starts[j] < e and _QUOTE_GAP.fullmatch(text, m.end("e"), known_starts[j])
            and out[j].scope in ("platform", "service")
        ):
            # خدمة "صحتي": a head before a known name in quotes is part of that name
            known = out[j]
            known.start, known.text = s, doc.raw_slice(s, max(known.end, e))
            known.end = max(known.end, e)
            known_starts[j], known_ends[j] = s, known.end
            continue
        if R["heads"][head] == "index" and j < len(known_starts) and out[j].scope == "country" and known_ends[j] == e \
                and not text[m.end("e"):known_starts[j]].strip():
            continue  # مؤشر لبنان: the country's score on an index, not an index's name
        while j < len(known_starts) and known_starts[j] < e:
            inner = out[j]
            if (inner.ent.country_iso3 == "*" or inner.scope == "country") and inner.end <= e:
                absorbed.add(j)  # مؤشر نضج الخدمات الحكومية …، برنامج حكومة قطر الرقمية: part of the longer name
                j += 1
                continue
            e = len(text[:known_starts[j]].rstrip(" \u00a0"))  # the name runs into a known one: stop before it
            break
        if e <= m.end("e"):
            continue
        clitic = text[m.start():s]
        name = Name(
            s, e, UNKNOWN, doc.raw_slice(s, e), scope=R["heads"][head], is_source=_is_source(doc, R, s), head=head,
            for_clitic="ل" in clitic, at_clitic="ب" in clitic,
        )
        if not named:
            name.antecedent = _antecedent(out, head)  # else a name of its own (البنك المركزي)
        out.append(name)
    out = [n for i, n in enumerate(out) if i not in absorbed]
    out.sort(key=lambda x: x.start)
    out = _merge(out, _quoted_names(doc, R, out))
    # heads found inside a longer unknown name (مركز … لوزارة المالية) are part of it, not names of their own
    kept: list[Name] = []
    for n in out:
        if kept and n.start < kept[-1].end:
            continue
        if kept and R["modifier_link"].fullmatch(text, kept[-1].end, n.start):
            n.is_modifier = True  # مديرية الأحوال المدنية في وزارة الداخلية: the second name places the first
        elif _launched_platform(text, R, n.start):
            n.is_modifier = True  # منصة … أطلقتها دائرة X: X is said of the platform, the platform is the subject
        kept.append(n)
    return kept


@lru_cache(maxsize=64)
def country_entity(iso3: str) -> lx.Entity:
    """The entity standing for a country named in the text (id: the ISO3 code in lower case)."""
    row = lx.country_rows().get(iso3)
    return lx.Entity(iso3.lower(), row.name_en if row else iso3, iso3, "country", "", False)


def _countries(doc: Document, R: dict, known: list[Name]) -> list[Name]:
    """Countries named in the text, outside the known names: by name (قطر، سلطنة عمان), by an
    ambiguous form when the article's country is one of its readings (عمان، المملكة), and by
    an anaphor of the article's country (الدولة، السلطنة، البلاد)."""
    names, ambiguous = lx.country_names(), lx.ambiguous_country_forms()
    home = _catalog_country(doc) or _implied_country(known)
    starts = [n.start for n in known]
    out = []
    for m in word_matches(doc, R["country"], R["country_forms"]):
        s, e = m.start("e"), m.end("e")
        i = bisect_left(starts, e)
        if i and known[i - 1].end > s:
            continue  # part of a known name (وزارة الداخلية الكويتية)
        form = m.group("e")
        iso3 = names.get(form)
        if iso3 is None:
            readings = ambiguous.get(form) or ambiguous.get("ال" + form[2:] if form.startswith("لل") else form)
            if readings and home in readings:
                iso3 = home
            elif form in R["country_anaphora"] and home:
                iso3 = home
        if iso3 is None:
            continue
        if R["after_currency"].search(doc.text, max(0, m.start() - 12), m.start()):
            continue  # ليرة سورية: the currency's adjective
        modifier = R["country_modifier"].search(doc.text, max(0, m.start() - 16), m.start()) is not None
        out.append(Name(s, e, country_entity(iso3), doc.raw_slice(s, e), for_clitic=form.startswith("لل"), is_modifier=modifier))
    return out


def _quoted_names(doc: Document, R: dict, known: list[Name]) -> list[Name]:
    """Short quoted names with no head noun before them («إحسان»، “شكاية.ما”): weak names (scope quoted)."""
    text = doc.text
    starts = [n.start for n in known]
    out = []
    for m in R["quoted_name"].finditer(text):
        i = m.start()
        if out and i < out[-1].end:
            continue
        end = _quoted(text, i)
        if end is None or end - i < 4:
            continue
        inner = text[i + 1:end - 1].strip()
        words = inner.split()
        if not words or len(words) > 3 or any(_ends_word(R, w) for w in words) or any(ch.isdigit() for ch in inner):
            continue
        j = bisect_left(starts, end)
        if j and known[j - 1].end > i:
            continue  # inside or around a known name
        if R["press_before"].search(text, max(0, i - 16), i):
            continue  # a newspaper or an agency: لـ«الأنباء»، صحيفة «الوطن»
        out.append(Name(i, end, UNKNOWN, doc.raw_slice(i, end), scope="quoted"))
    return out


def _merge(a: list[Name], b: list[Name]) -> list[Name]:
    """Two lists of names in text order, merged (b never overlaps a)."""
    return sorted(a + b, key=lambda n: n.start)


def _catalog_country(doc: Document) -> str | None:
    c = doc.meta.get("country_iso3") if doc.meta else None
    return c.strip().upper() if isinstance(c, str) and c.strip() else None


def _implied_country(names: list[Name]) -> str | None:
    implied = {n.ent.country_iso3 for n in names if n.ent.implies_country}
    return implied.pop() if len(implied) == 1 else None


def _antecedent(names: list[Name], head: str) -> Name | None:
    """The latest name with the same head noun: what a description (المنظومة المتطورة) refers to."""
    for n in reversed(names[-50:]):
        if n.head == head and n.antecedent is None:
            return n
    return None


def entity_id(ent: lx.Entity, country: str | None) -> str | None:
    """The entity's id for an article of `country` ({iso3} filled in); None for an unknown body."""
    if ent is UNKNOWN:
        return None
    if "{iso3}" in ent.entity_id:
        return ent.entity_id.replace("{iso3}", country.lower()) if country else None
    return ent.entity_id


def article_country(doc: Document) -> str | None:
    """The catalog's country, else the one country every country-implying name agrees on,
    else the one country the article names (if it names only one)."""
    found = _catalog_country(doc) or _implied_country(doc.names)
    if found:
        return found
    named = {n.ent.country_iso3 for n in doc.names if n.scope == "country"}
    return named.pop() if len(named) == 1 else None
