"""Tie each figure to what it counts, who reports it, when, where, and what it is part of.

One row per statistic (kinds number, percent, money); years, dates and ordinals
feed the periods. The extractor is a set of general rules over cue lexicons
(data/facts_cues.json, entities.csv, measures.csv), applied in this order:

- segment the normalized text into paragraphs, sentences and clauses;
- find entity mentions (longest variant first) and period phrases;
- measure: the counted noun phrase after the figure (percents: the noun after
  the sign, a preceding "نسبة X", or the subject of a change verb);
- subject: an entity introduced after the figure by من خلال/ضمن/على, else the
  nearest entity before it in its clause, then sentence (a channel of a named
  feature, "X المتاحة عبر Y", yields to X), then an anaphor (المنصة), then the
  previous figure's subject, then the article's first entity;
- role: level, change (بمقدار), change_pct (growth), share_pct, rate_pct;
- part-of: "منها" / "كان نصيب X منها", breakdown openers (وتفصيلا، توزع) and
  subset frames (عدد من الخدمات … عبر Y, الجزء الأكبر من … Y) with their
  continuation sentences, and share sentences (شكلت X نسبة … من إجمالي … N);
- period: the nearest period phrase in the sentence (not one that introduces a
  comparison base), else the article's current period for flows and changes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import pandas as pd

from . import lexicon as lx
from .normalize import normalize
from .numbers import NumberMention, find_numbers

STAT_KINDS = ("number", "percent", "money")

FACT_COLUMNS = [
    "fact_id", "doc_id", "char_start", "char_end", "quote_ar", "value", "value_low", "value_high",
    "qualifier", "kind", "unit", "measure_ar", "measure", "measure_en", "subject_ar", "subject_id",
    "subject_en", "subject_scope", "parent_fact_id", "role", "is_largest_part", "period_ar", "period_start", "period_end",
    "period_iso", "period_rel", "country_iso3", "rule",
]

_BL = r"[ \u00a0]"
_WORD = r"[^\W\d_]+"
_QUOTES = "\"'\u201c\u201d\u00ab\u00bb"


def _alt(phrases, joiner=rf"{_BL}+") -> str:
    """A trie-shaped alternation of cue phrases (words joined by `joiner`)."""
    return lx.phrase_pattern(phrases, joiner)


@lru_cache(maxsize=1)
def _rx() -> dict:
    """Compile the cue regexes once (normalized forms)."""
    c = lx.fact_cues()
    ctx = lx.context()
    r: dict = {"cues": c}
    nl = r"(?<![^\W\d_])"
    nr = r"(?![^\W\d_])"
    r["sentence"] = re.compile(r"\n+|[!?\u061f\u2026\u2022]+|\.(?!\d)|(?<!\d)\.")
    r["clause"] = re.compile(
        rf"[\u060c\u061b;:]|,(?!\d)|(?<!\d),|{nl}(?:و)?{_alt(c['clause_openers'])}{nr}"
    )
    ent_joiner = rf"[ \u00a0{_QUOTES}]+"
    r["entity"] = re.compile(rf"{nl}(?P<pre>[وفبلك]{{0,2}}?)[{_QUOTES}]?(?P<e>{_alt(lx.entities(), ent_joiner)}){nr}")
    eh = c["entity_heads"]
    r["entity_head"] = re.compile(
        rf"{nl}[وفبل]?(?P<e>(?:{_alt([h for h in eh['heads'] if not h.startswith('ال')])}|{_alt([h for h in eh['heads'] if h.startswith('ال')])})"
        rf"(?:{_BL}+[{_QUOTES}]?(?:ال|لل)?{_WORD}[{_QUOTES}]?){{1,{eh['max_words']}}})"
    )
    r["anaphor"] = re.compile(rf"{nl}[وفبل]?(?P<a>{_alt(c['anaphora'])}){nr}")
    r["word"] = re.compile(_WORD)
    r["feature_channel"] = re.compile(rf"{_alt(c['feature_channel'])}{_BL}+[{_QUOTES}]?\Z")
    r["subject_after_cue"] = re.compile(rf"{nl}{_alt(c['subject_after_figure'])}{_BL}+[{_QUOTES}]?\Z")
    r["part_right_before"] = re.compile(rf"{nl}{_alt(c['part_of_right_before'])}{_BL}+\Z")
    r["share_of_whole"] = re.compile(rf"{nl}(?:كان{_BL}+|وكان{_BL}+)?{_alt(c['share_of_whole'])}{nr}")
    r["breakdown"] = re.compile(rf"{nl}{_alt(c['breakdown_openers'])}{nr}")
    r["split"] = re.compile(rf"{nl}{_alt(c['split_openers'])}{nr}")
    r["largest_claim"] = re.compile(rf"{nl}(?:و|ب|ال)?{_alt(c['largest_claims'])}{nr}")
    r["subset"] = re.compile(rf"{nl}{_alt(c['subset_frames'])}{nr}")
    r["largest_part"] = re.compile(rf"{nl}{_alt(c['largest_part'])}{nr}")
    r["continuation"] = re.compile(rf"[\s\u00a0]*[وف]?{_alt(c['continuation'])}{nr}")
    r["change_verb"] = re.compile(rf"{nl}[وفب]?(?P<v>{_alt(c['change_verbs'])}){nr}")
    r["decrease"] = set(c["decrease_words"])
    r["change_amount"] = re.compile(rf"{nl}[وف]?{_alt(c['change_amount_cues'])}{_BL}*(?:ال)?{_BL}*\Z")
    r["share_cue"] = re.compile(rf"{nl}[وف]?{_alt(c['share_cues'])}{nr}")
    r["whole_after"] = re.compile(rf"{_BL}*{_alt(c['whole_after_share'])}{_BL}+(?P<w>(?:{_WORD}{_BL}*){{1,4}})")
    r["comparison"] = re.compile(rf"{nl}{_alt(c['comparison_cues'])}")
    r["previous_marker"] = re.compile(rf"{nl}{_alt(c['previous_period_markers'])}{nr}")
    r["nisba_before"] = re.compile(rf"{nl}[وفب]?(?P<n>نسب(?:ه|ته|تها)?)(?:{_BL}+(?P<x>(?!تتجاوز|تجاوزت|تصل|يصل|تزيد|تفوق){_WORD}))?(?:{_BL}+{_WORD}){{0,3}}{_BL}+(?:ال{_BL}*)?\Z")
    r["count_subject"] = re.compile(rf"{nl}[وبل]?(?P<s>{_alt(c['count_heads'])}(?:{_BL}+{_WORD}){{1,3}})")
    r["comparison_value"] = re.compile(rf"{nl}{_alt(c['comparison_value_cues'])}{_BL}*\Z")

    p = c["period"]
    months = {normalize_month: int(k) for k, forms in ctx["months"].items() for normalize_month in forms}
    r["months"] = months
    month_alt = _alt(months)
    rel_cur, rel_prev = set(p["current"]), set(p["previous"])
    r["rel_cur"], r["rel_prev"] = rel_cur, rel_prev
    rel = _alt(p["current"] + p["previous"])
    year_words = _alt(p["year_words"])
    r["period"] = re.compile(
        # anchored at word starts: the alternation is then tried at one position in ~6, not all
        nl + "(?:" + "|".join([
            # شهر أبريل الماضي / أغسطس 2024 / خلال شهر أغسطس المنصرم
            rf"(?P<mname>(?:(?:خلال|في){_BL}+)?(?:(?:ال)?شهر{_BL}+)?(?P<month>{month_alt})(?:{_BL}+(?P<mrel>{rel}))?(?:{_BL}+(?:من{_BL}+)?(?:{year_words}{_BL}+)?(?P<myear>(?:19|20)\d\d))?){nr}",
            # الشهر الاول من العام الحالي
            rf"(?P<mord>(?:(?:خلال|في){_BL}+)?(?:ال)?شهر{_BL}+(?P<ord>ال{_WORD}){_BL}+من{_BL}+(?:ال)?(?:عام|سنه){_BL}+(?P<orel>{rel})){nr}",
            # الربع الأول من عام 2024 / الربع الثاني من العام الجاري
            rf"(?P<quarter>(?:(?:خلال|في){_BL}+)?{_alt(p['quarter_words'])}{_BL}+(?P<q>ال{_WORD}){_BL}+من{_BL}+(?:(?:ال)?(?:عام|سنه){_BL}+(?P<qrel>{rel})|(?:{year_words}{_BL}+)?(?P<qyear>(?:19|20)\d\d))){nr}",
            # الشهر الماضي / الشهر الجاري
            rf"(?P<mrelonly>(?:(?:خلال|في){_BL}+)?الشهر{_BL}+(?P<mr>{rel})){nr}",
            # نفس الفترة من العام الماضي
            rf"(?P<same>(?:(?:في|خلال){_BL}+)?{_alt(p['same_period'])}(?:{_BL}+من{_BL}+(?:ال)?(?:عام|سنه){_BL}+(?P<srel>{rel}))?){nr}",
            # خلال العام الجاري
            rf"(?P<yrel>(?:(?:خلال|في){_BL}+)?(?:ال)?(?:عام|سنه){_BL}+(?P<yr>{rel})){nr}",
            # حتى عام 2021 / في 2025 / عام 2025
            rf"(?P<yabs>(?:(?P<until>{_alt(p['until'])}){_BL}+)?(?:(?:خلال|في){_BL}+)?(?:{year_words}{_BL}*)?(?P<year>(?:19|20)\d\d)(?!\d)(?:{_BL}?م(?![^\W\d_]))?)",
            # أول سبعة أشهر
            rf"(?P<firstn>(?:(?:خلال|في){_BL}+)?اول{_BL}+(?P<n>{_WORD}|\d+){_BL}+(?:اشهر|شهور)){nr}",
            rf"(?P<today>{_alt(p['today'])}){nr}",
        ]) + ")"
    )
    r["day_before"] = re.compile(rf"(?:\d{{1,2}}|{_WORD}){_BL}+\Z")
    r["flow"] = set(p["flow_measures"])
    r["currency_words"] = {lx.phrase_key(w) for forms in ctx["currencies"].values() for w in forms}
    r["stops"] = set(c["measure_stops"])
    r["name_stops"] = (
        set(c["clause_openers"]) | set(c["reporting_verbs"]) | set(c["change_verbs"]) | set(c["share_cues"])
        | set(c["name_stops"])
    )
    r["beneficiaries"] = set(c["beneficiary_words"])
    r["anaphora"] = c["anaphora"]
    return r


# ---------------------------------------------------------------------------
# Document structure


_UNKNOWN = lx.Entity("", "", "", "unknown", "", False)


def _trim_name(text: str, s: int, e: int) -> tuple[int, int] | None:
    """Cut an unknown body's name at the first word that cannot belong to it (a verb, a cue, a digit)."""
    stops = _rx()["stops"] | _rx()["name_stops"]
    numbers = lx.number_words()
    words = list(_rx()["word"].finditer(text, s, e))
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


@dataclass
class _Ent:
    start: int
    end: int
    ent: lx.Entity
    text: str
    channel_of_feature: bool = False
    consumed: bool = False
    for_clitic: bool = False  # written with ل: "3 ملايين معاملة لمنصة أبشر أفراد"


@dataclass
class _Period:
    start: int
    end: int
    text: str
    year: int | None
    month: int | None
    rel: str | None  # "current", "previous" or None
    kind: str  # month, year, same, until, first_n, today
    months: int | None = None
    comparison: bool = False


@dataclass
class _Fact:
    m: NumberMention
    s: int  # normalized span
    e: int
    row: dict = field(default_factory=dict)
    rules: list = field(default_factory=list)


class _Doc:
    """Normalized text with sentence/clause/paragraph boundaries and entity mentions."""

    def __init__(self, raw: str, meta: dict):
        R = _rx()
        self.raw = raw
        self.nt = normalize(raw)
        self.text = t = self.nt.text
        self.meta = meta
        self.sent_starts = [0] + [m.end() for m in R["sentence"].finditer(t)]
        self.para_starts = [0] + [m.end() for m in re.finditer(r"\n+", t)]
        self.clause_starts = sorted(set(self.sent_starts + [m.start() if m.group()[0] not in "\u060c\u061b;:," else m.end() for m in R["clause"].finditer(t)]))
        self.ents = self._entities(R)

    def _entities(self, R) -> list[_Ent]:
        table = lx.entities()
        out = []
        for m in R["entity"].finditer(self.text):
            key = lx.phrase_key(re.sub(f"[{_QUOTES}]", " ", m.group("e")))
            ent = table.get(key)
            if ent is None:
                continue
            s, e = m.start("e"), m.end("e")
            quoted = sum(self.text.count(q, s, e) for q in _QUOTES)
            if quoted % 2 and e < len(self.text) and self.text[e] in _QUOTES:
                e += 1  # 'منصة "أبشر أفراد"': keep the closing quote with the opening one
            rs, re_ = self.nt.span_to_raw(s, e)
            channel = R["feature_channel"].search(self.text, max(0, s - 24), s) is not None and any(o.end <= s for o in out[-1:])
            out.append(_Ent(s, e, ent, self.raw[rs:re_], channel, for_clitic="ل" in m.group("pre")))
        # bodies the lexicon does not know: kept as written, with no id
        known = [(x.start, x.end) for x in out]
        for m in R["entity_head"].finditer(self.text):
            s, e = m.start("e"), m.end("e")
            if any(a < e and s < b for a, b in known):
                continue
            words = _trim_name(self.text, s, e)
            if words is None:
                continue
            s, e = words
            rs, re_ = self.nt.span_to_raw(s, e)
            out.append(_Ent(s, e, _UNKNOWN, self.raw[rs:re_]))
        out.sort(key=lambda x: x.start)
        return out

    def _bounds(self, starts, pos):
        i = bisect_right(starts, pos) - 1
        end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
        return starts[i], end

    def sentence(self, pos):
        return self._bounds(self.sent_starts, pos)

    def clause(self, pos):
        return self._bounds(self.clause_starts, pos)

    def paragraph(self, pos):
        return self._bounds(self.para_starts, pos)

    def raw_slice(self, s, e) -> str:
        if e <= s:
            return ""
        rs, re_ = self.nt.span_to_raw(s, e)
        return self.raw[rs:re_]


# ---------------------------------------------------------------------------
# Measure and role


def _measure_words(doc: _Doc, start: int, limit: int, stop_at_entities: bool = True) -> list[re.Match]:
    """Words of the noun phrase that starts at `start` (stop at cues, digits, and entity names
    unless the phrase is a count subject such as 'عدد الخدمات الحكومية المؤتمتة')."""
    R = _rx()
    out = []
    pos = start
    ent_starts = {e.start for e in doc.ents} if stop_at_entities else set()
    max_words = R["cues"]["measure_max_words"]
    while len(out) < max_words:
        m = R["word"].search(doc.text, pos, limit)
        if m is None:
            break
        gap = doc.text[pos:m.start()]
        if out and gap.strip(" \u00a0" + _QUOTES):
            break  # punctuation or a digit between words
        if not out and gap.strip(" \u00a0"):
            break
        w = m.group()
        bare = w[2:] if w.startswith("لل") else w
        nxt = R["word"].match(doc.text, m.end() + 1) if m.end() < limit else None
        if nxt is not None and f"{w} {nxt.group()}" in R["stops"]:
            break
        if w in R["stops"] or (w.startswith("ل") and ("ال" + bare.lstrip("ل") in R["beneficiaries"] or bare in R["beneficiaries"])):
            break
        if m.start() in ent_starts or (m.start() + 1 in ent_starts and w[0] in "وبل"):
            break
        if out and w == "و":
            break
        out.append(m)
        pos = m.end()
    return out


def canonical_measure(phrase: str) -> lx.Measure | None:
    """Return the canonical measure of an Arabic noun phrase ("عملية استعراض للوثائق" -> document_views).

    Args:
        phrase: Arabic words as written (normalized internally).
    Returns:
        The Measure of the longest known variant among the first words, else of
        the first known word, else None.
    """
    table = lx.measures()
    words = [w for w in lx.phrase_key(normalize(phrase).text).split() if w]
    words = [w for w in words if w not in ("عدد", "اعداد", "اجمالي", "نمو", "نسبه", "زياده", "ارتفاع")] or words
    for k in (3, 2, 1):
        if len(words) >= k:
            key = " ".join(words[:k])
            for cand in (key, key[:-1] if key.endswith("ا") else None, key[2:] if key.startswith("ال") else None):
                if cand and cand in table:
                    return table[cand]
    for w in words[1:4]:
        for cand in (w, w[2:] if w.startswith("ال") else None, w[:-1] if w.endswith("ا") else None):
            if cand and cand in table:
                return table[cand]
    return None


def _change_measure(doc: _Doc, f: _Fact, cv, ss: int) -> tuple[int | None, int | None]:
    """What a change percent measures: 'زاد عدد X …', 'تقليص وقت إنجاز الخدمات بنسبة …',
    else the sentence's 'عدد X', else the measure of the figure before it in the sentence."""
    R = _rx()
    t = doc.text
    if cv is not None:
        subj = R["count_subject"].search(t, cv.end(), f.s)
        if subj:
            sw = _measure_words(doc, subj.start("s"), f.s, stop_at_entities=False)
            f.rules.append("measure:change_subject")
            return subj.start("s"), (sw[-1].end() if sw else subj.end("s"))
        sw = _measure_words(doc, cv.end() + 1, f.s)
        if sw and sw[0].start() == cv.end() + 1 and sw[0].group() not in ("بمقدار", "بنسبه"):
            f.rules.append("measure:change_object")
            return cv.start("v"), sw[-1].end()
    subj = R["count_subject"].search(t, ss, f.s)
    if subj:
        sw = _measure_words(doc, subj.start("s"), f.s, stop_at_entities=False)
        f.rules.append("measure:sentence_subject")
        return subj.start("s"), (sw[-1].end() if sw else subj.end("s"))
    return None, None


def _measure(doc: _Doc, f: _Fact) -> None:
    R = _rx()
    t = doc.text
    cs, ce = doc.clause(f.s)
    ss, se = doc.sentence(f.s)
    row = f.row
    words = _measure_words(doc, f.e, se)
    measure_s = measure_e = None
    role = "level"
    if f.m.kind == "percent":
        role = "rate_pct"
        nb = R["nisba_before"].search(t, max(0, f.s - 60), f.s)
        share = None
        for sc in R["share_cue"].finditer(t, ss, f.s):
            share = sc
        if share is not None:
            role = "share_pct"
            wa = R["whole_after"].match(t, f.e)
            head_s = nb.start("n") if nb else f.s
            measure_s = head_s
            measure_e = wa.end("w") if wa else (nb.end() if nb else f.s)
            if wa:  # end the whole's phrase where a noun phrase would end
                ww = _measure_words(doc, wa.start("w"), wa.end("w") + 1, stop_at_entities=False)
                measure_e = ww[-1].end() if ww else measure_e
            row["measure_ar"] = " ".join(x for x in (doc.raw_slice(nb.start("n"), nb.end("n")) if nb else "", doc.raw_slice(f.e, measure_e).strip()) if x)
            part_words = t[share.end():nb.start() if nb else f.s].split()
            key_phrase = " ".join(part_words) or t[f.e:measure_e]
            row["_measure_key_phrase"] = key_phrase
            f.rules.append("measure:share")
        elif nb is not None and nb.group("x"):
            measure_s, measure_e = nb.start("n"), nb.end("x")
            f.rules.append("measure:nisba")
        elif words and words[0].group() not in ("مقارنه", "من"):
            measure_s, measure_e = words[0].start(), words[-1].end()
            f.rules.append("measure:after")
        elif words and words[0].group() == "من":
            of = _measure_words(doc, words[0].end() + 1, se)  # "45% من الزيارات": a share of visits
            if of:
                measure_s, measure_e = words[0].start(), of[-1].end()
                row["_measure_key_phrase"] = t[of[0].start():of[-1].end()]
                role = "share_pct"
                f.rules.append("measure:share_of")
        cv = None
        for v in R["change_verb"].finditer(t, ss, f.s):
            cv = v
        after_change = words and R["change_verb"].match(t, words[0].start())
        if role != "share_pct" and (cv is not None or after_change):
            role = "change_pct"
            if measure_s is None:
                measure_s, measure_e = _change_measure(doc, f, cv, ss)
    else:
        if f.m.kind == "money":  # "12 مليار ريال سعودي من المدفوعات": the currency is the unit, not the measure
            for k in (3, 2, 1):
                if len(words) >= k and " ".join(w.group() for w in words[:k]) in R["currency_words"]:
                    words = words[k:]
                    break
        if words:
            measure_s, measure_e = words[0].start(), words[-1].end()
            f.rules.append("measure:after")
        if R["change_amount"].search(t, max(0, f.s - 30), f.s):
            role = "change"
            f.rules.append("role:change_amount")
        if measure_s is None:
            cv = None
            for v in R["change_verb"].finditer(t, ss, f.s):
                cv = v
            subj = R["count_subject"].search(t, cv.end() if cv else ss, f.s)
            if subj:
                sw = _measure_words(doc, subj.start("s"), f.s, stop_at_entities=False)
                measure_s, measure_e = subj.start("s"), (sw[-1].end() if sw else subj.end("s"))
                f.rules.append("measure:count_subject")
    row["_measure_end"] = measure_e if measure_s is not None and measure_s >= f.e else None
    if "measure_ar" not in row:
        row["measure_ar"] = doc.raw_slice(measure_s, measure_e) if measure_s is not None else None
    key_phrase = row.pop("_measure_key_phrase", None) or row["measure_ar"] or ""
    meas = canonical_measure(key_phrase) if key_phrase else None
    if meas is None and row["measure_ar"]:
        meas = canonical_measure(row["measure_ar"])
    row["measure"] = meas.measure if meas else None
    row["measure_en"] = meas.label_en if meas else None
    row["role"] = role
    f.rules.append(f"role:{role}")


# ---------------------------------------------------------------------------
# Subject


def _ent_id(ent: lx.Entity, country: str | None) -> str | None:
    if ent is _UNKNOWN:
        return None
    if "{iso3}" in ent.entity_id:
        return ent.entity_id.replace("{iso3}", country.lower()) if country else None
    return ent.entity_id


def _subject(doc: _Doc, f: _Fact, prev: _Fact | None, first_ent: _Ent | None) -> _Ent | None:
    R = _rx()
    t = doc.text
    cs, ce = doc.clause(f.s)
    ss, se = doc.sentence(f.s)
    # 1. introduced after the figure in its clause: "… من خلال خدمة تقارير أبشر"
    for e in doc.ents:
        if not f.e <= e.start < max(ce, f.e):
            continue  # only entities after the figure, in its clause
        after_cue = R["subject_after_cue"].search(t, max(f.e, e.start - 16), e.start)
        right_after_measure = e.for_clitic and f.row.get("_measure_end") is not None and not t[f.row["_measure_end"]:e.start - 1].strip()
        if after_cue or right_after_measure:
            e.consumed = e.ent.scope == "service"  # "من خلال خدمة X" names this figure's service only
            f.rules.append("subject:after")
            return e
    # 2./3. nearest before in the clause, then in the sentence
    for lo, tag in ((cs, "clause"), (ss, "sentence")):
        cands = [e for e in doc.ents if lo <= e.start and e.end <= f.s and not e.consumed]
        own = [e for e in cands if not e.channel_of_feature] or cands
        if own:
            f.rules.append(f"subject:{tag}")
            return own[-1]
    # 4. an anaphor (المنصة، الوزارة) in the sentence: the latest entity of that scope
    for a in R["anaphor"].finditer(t, ss, f.s):
        scope = R["anaphora"][a.group("a")]
        earlier = [e for e in doc.ents if e.end <= a.start() and e.ent.scope == scope]
        if earlier:
            f.rules.append("subject:anaphor")
            return earlier[-1]
    # 5. the previous figure's subject, 6. the article's first entity
    if prev is not None and prev.row.get("_ent") is not None:
        f.rules.append("subject:previous")
        return prev.row["_ent"]
    if first_ent is not None:
        f.rules.append("subject:article")
        return first_ent
    return None


# ---------------------------------------------------------------------------
# Periods


def _published(meta: dict) -> date | None:
    value = meta.get("published") if meta else None
    if value is None or (isinstance(value, float) and value != value) or str(value).strip() == "":
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _periods(doc: _Doc) -> list[_Period]:
    R = _rx()
    t = doc.text
    pub = _published(doc.meta)
    out: list[_Period] = []
    for m in R["period"].finditer(t):
        s, e = m.start(), m.end()
        text = doc.raw_slice(s, e)
        rel = None
        if m.group("mname"):
            if R["day_before"].search(t, max(0, s - 4), s) and t[max(0, s - 3):s].strip().isdigit():
                continue  # "30 ديسمبر 2025" is a date (a dateline), not a period
            month = R["months"].get(_month_key(m.group("month")))
            year = int(m.group("myear")) if m.group("myear") else None
            month_rel = _rel(m.group("mrel"), R)  # أبريل الماضي: the month just past
            rel = "current" if month_rel else None
            if year is None:
                year = _year_following(doc, e)
            if year is None and pub is not None:
                year = pub.year if (month or 0) < pub.month or (month == pub.month and month_rel != "previous") else pub.year - 1
            out.append(_Period(s, e, text, year, month, rel, "month"))
        elif m.group("mord"):
            try:
                month = int(_ordinal(m.group("ord")))
            except ValueError:
                continue
            rel = _rel(m.group("orel"), R)
            year = (pub.year - (1 if rel == "previous" else 0)) if pub and rel else None
            out.append(_Period(s, e, text, year, month if 1 <= month <= 12 else None, rel, "month"))
        elif m.group("quarter"):
            try:
                q = int(_ordinal(m.group("q")))
            except ValueError:
                continue
            if not 1 <= q <= 4:
                continue
            rel = _rel(m.group("qrel"), R)
            year = int(m.group("qyear")) if m.group("qyear") else ((pub.year - (1 if rel == "previous" else 0)) if pub and rel else None)
            out.append(_Period(s, e, text, year, 3 * q - 2, rel, "first_n", months=3))
        elif m.group("mrelonly"):
            mrel = _rel(m.group("mr"), R)
            if pub is None or mrel is None:
                out.append(_Period(s, e, text, None, None, "current", "month"))
                continue
            month, year = pub.month, pub.year
            if mrel == "previous":
                month, year = (12, year - 1) if month == 1 else (month - 1, year)
            out.append(_Period(s, e, text, year, month, "current", "month"))
        elif m.group("same"):
            out.append(_Period(s, e, text, None, None, _rel(m.group("srel"), R), "same"))
        elif m.group("yrel"):
            rel = _rel(m.group("yr"), R)
            year = (pub.year - (1 if rel == "previous" else 0)) if pub and rel else None
            out.append(_Period(s, e, text, year, None, rel, "year"))
        elif m.group("yabs"):
            out.append(_Period(s, e, text, int(m.group("year")), None, None, "until" if m.group("until") else "year"))
        elif m.group("firstn"):
            try:
                n = int(_ordinal(m.group("n")))
            except ValueError:
                continue
            out.append(_Period(s, e, text, pub.year if pub else None, 1, "current", "first_n", months=n))
        elif m.group("today"):
            out.append(_Period(s, e, text, pub.year if pub else None, pub.month if pub else None, "current", "today"))
    for p in out:
        p.comparison = R["comparison"].search(t, max(0, p.start - 60), p.start) is not None and doc.sentence(p.start)[0] <= p.start
    return out


@lru_cache(maxsize=512)
def _ordinal(word: str) -> int | float:
    """parse_number of a period's ordinal or count word (الاول، سبعة), cached: the same few words recur."""
    from .numbers import parse_number

    return parse_number(word)


def _month_key(word: str) -> str:
    return lx.phrase_key(word)


def _rel(word, R) -> str | None:
    if not word:
        return None
    if word in R["rel_cur"] or word == "هذا":
        return "current"
    if word in R["rel_prev"]:
        return "previous"
    return None


def _year_following(doc: _Doc, pos: int) -> int | None:
    """A year stated shortly after a month in the same sentence: 'أبريل …، من الأول … لعام 2025'."""
    ss, se = doc.sentence(pos)
    m = re.compile(r"(?:لعام|عام|من عام|سنه)[ \u00a0]+((?:19|20)\d\d)(?!\d)").search(doc.text, pos, min(se, pos + 90))
    return int(m.group(1)) if m else None


def _period_fields(p: _Period | None, base: _Period | None) -> dict:
    """Dates and ISO form of a period; 'same period' phrases take the base period's month."""
    if p is None:
        return {"period_ar": None, "period_start": None, "period_end": None, "period_iso": None, "period_rel": None}
    year, month, kind, months = p.year, p.month, p.kind, p.months
    rel = "previous_year" if p.rel == "previous" else ("current" if p.rel == "current" else None)
    if kind == "same" and base is not None:
        month, kind, months = base.month, base.kind, base.months
        year = (base.year - 1) if (base.year and p.rel == "previous") else (base.year if p.rel != "previous" else None)
    start = end = None
    iso = None
    if kind in ("month", "today") and month:
        iso = f"{year:04d}-{month:02d}" if year else f"--{month:02d}"
        if year:
            start = date(year, month, 1)
            end = (date(year + (month == 12), month % 12 + 1, 1) - pd.Timedelta(days=1).to_pytimedelta())
    elif kind == "first_n" and months:
        first = month or 1
        last = first + months - 1
        if year and last <= 12:
            start = date(year, first, 1)
            end = date(year + (last == 12), last % 12 + 1, 1) - pd.Timedelta(days=1).to_pytimedelta()
            iso = f"{year:04d}-{first:02d}/{year:04d}-{last:02d}"
    elif kind in ("year", "until") and year:
        iso = f"{year:04d}"
        start, end = (None if kind == "until" else date(year, 1, 1)), date(year, 12, 31)
    return {
        "period_ar": p.text,
        "period_start": start.isoformat() if start else None,
        "period_end": end.isoformat() if end else None,
        "period_iso": iso,
        "period_rel": rel,
    }


def _assign_period(doc: _Doc, f: _Fact, periods: list[_Period], current: _Period | None) -> tuple[_Period | None, _Period | None]:
    """Return (period of the figure, period it is compared with or None)."""
    ss, se = doc.sentence(f.s)
    cs, ce = doc.clause(f.s)
    before = [p for p in periods if ss <= p.start and p.end <= f.s]
    # a comparison base ("مقابل 100 ألف في العام السابق") owns the period phrase right after it
    compared = _rx()["comparison_value"].search(doc.text, max(0, f.s - 20), f.s) is not None
    after = [p for p in periods if f.e <= p.start and p.end <= ce and (compared or not p.comparison)]
    if compared and after and after[0].start - f.e < 40:
        f.rules.append("period:comparison_base")
        return after[0], None
    if before:
        p = before[-1]
        if p.comparison and f.row.get("role") in ("change", "change_pct"):
            f.rules.append("period:current")
            return current, p
        f.rules.append("period:sentence")
        return p, None
    if after:
        f.rules.append("period:clause_after")
        return after[0], None
    if f.row.get("measure") in _rx()["flow"] or f.row.get("role") in ("change", "change_pct", "share_pct"):
        if current is not None:
            f.rules.append("period:article")
        return current, None
    return None, None


# ---------------------------------------------------------------------------
# Part-of


def _parents(doc: _Doc, facts: list[_Fact]) -> None:
    R = _rx()
    t = doc.text
    frame = None  # (kind, total _Fact or None, entity id or None)
    last_sentence = None
    for i, f in enumerate(facts):
        ss, se = doc.sentence(f.s)
        if f.row["role"] not in ("level",):
            continue
        new_sentence = ss != last_sentence
        if new_sentence:
            last_sentence = ss
            opening = t[ss:f.s]
            head = t[ss:se]
            split = R["split"].search(head, 0, max(0, f.s - ss))
            if split or R["breakdown"].search(head, 0, max(0, f.s - ss)):
                total = _latest(facts[:i], lambda g: g.row["parent_fact_id"] is None and g.row["role"] == "level" and g.row["kind"] != "percent")
                frame = ("split" if split else "breakdown", total, None)
            elif R["largest_part"].search(head) or R["subset"].search(opening):
                cue = R["largest_part"].search(head) or R["subset"].search(opening)
                ent = _frame_entity(doc, ss + cue.end(), f.s)
                total = None
                if ent is not None:
                    total = _latest(facts[:i], lambda g: g.row.get("_ent") is not None and g.row["_ent"].ent.entity_id == ent.ent.entity_id and g.row["role"] == "level")
                if total is None:
                    total = _latest(facts[:i], lambda g: g.row["parent_fact_id"] is None and g.row["role"] == "level" and g.row["measure"] == f.row["measure"])
                frame = ("subset", total, None)
            elif R["continuation"].match(t, ss):
                pass  # كما تم …، بالإضافة إلى ذلك …: the frame goes on
            elif frame and frame[0] in ("breakdown", "split") and frame[1] is not None and doc.paragraph(ss)[0] == doc.paragraph(f.s)[0] and doc.paragraph(frame[1].s)[0] != doc.paragraph(ss)[0]:
                pass  # a breakdown paragraph goes on to its end
            else:
                frame = None
        # "كان نصيب X منها N" / "منها N"
        prev_in_sentence = [g for g in facts[:i] if ss <= g.s and g.row["role"] == "level" and g.row["kind"] != "percent"]
        if R["part_right_before"].search(t, max(0, f.s - 12), f.s) or (
            prev_in_sentence and R["share_of_whole"].search(t, prev_in_sentence[-1].e, f.s) and "منها" in t[prev_in_sentence[-1].e:f.s]
        ):
            if prev_in_sentence:
                f.row["parent_fact_id"] = prev_in_sentence[-1].row["fact_id"]
                f.rules.append("parent:minha")
                continue
        if frame and frame[1] is not None and frame[1] is not f and frame[1].s < f.s:
            total = frame[1]
            if total.row["measure"] in (None, f.row["measure"]) or f.row["measure"] is None or _same_family(total.row["measure"], f.row["measure"]):
                f.row["parent_fact_id"] = total.row["fact_id"]
                f.rules.append(f"parent:{frame[0]}")
    # share sentences: "شكلت X نسبة P من إجمالي … والتي بلغت N": the earlier X figure is part of N
    for i, f in enumerate(facts):
        if f.row["role"] != "share_pct":
            continue
        ss, se = doc.sentence(f.s)
        whole = next((g for g in facts[i + 1:] if g.s < se and g.row["role"] == "level" and g.row["kind"] != "percent"), None)
        if whole is None:
            continue
        part = _latest(
            facts[:i],
            lambda g: g.row["role"] == "level" and g.row["kind"] != "percent" and g.row["period_rel"] != "previous_year"
            and g.row["measure"] == whole.row["measure"] and g.s < ss,
        )
        if part is not None and part.row["parent_fact_id"] is None:
            part.row["parent_fact_id"] = whole.row["fact_id"]
            part.rules.append("parent:share_sentence")


def _largest_claims(doc: _Doc, facts: list[_Fact]) -> None:
    """'استحوذت منصة أفراد على الحصة الأكبر بإجمالي N': the first figure after the claim in its sentence."""
    R = _rx()
    for f in facts:
        f.row["is_largest_part"] = False
    for m in R["largest_claim"].finditer(doc.text):
        ss, se = doc.sentence(m.start())
        target = next((f for f in facts if m.end() <= f.s < se and f.row["role"] == "level"), None)
        if target is not None:
            target.row["is_largest_part"] = True
            target.rules.append("claim:largest_part")


def _same_family(a, b) -> bool:
    ops = {"operations", "transactions", "document_views", "reports", "requests", "inquiries", "payments"}
    return a in ops and b in ops


def _latest(facts, pred):
    for g in reversed(facts):
        if pred(g):
            return g
    return None


def _frame_entity(doc: _Doc, after: int, pos: int) -> _Ent | None:
    """The first entity named after a frame cue: 'الجزء الأكبر من العمليات المسجلة على منصة أبشر أفراد'."""
    ents = [e for e in doc.ents if after <= e.start and e.end <= pos]
    return ents[0] if ents else None


# ---------------------------------------------------------------------------
# Public API


def _country(doc: _Doc) -> str | None:
    c = doc.meta.get("country_iso3") if doc.meta else None
    if isinstance(c, str) and c.strip():
        return c.strip().upper()
    implied = {e.ent.country_iso3 for e in doc.ents if e.ent.implies_country}
    return implied.pop() if len(implied) == 1 else None


def _quote(doc: _Doc, pos: int) -> str:
    ss, se = doc.sentence(pos)
    return doc.raw_slice(ss, se).strip(" \u00a0\n\t.\u2022")


def fact_rows(text: str, doc_id: str, meta: dict | None = None, mentions: list[NumberMention] | None = None) -> list[dict]:
    """Extract the facts of one article as plain dicts (FACT_COLUMNS keys), in text order.

    The frame-building `extract_facts` and `facts_frame` wrap this; call it
    directly when collecting many articles, to build and validate one frame.
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_facts expects text as str, got {type(text).__name__}")
    meta = dict(meta or {})
    doc = _Doc(text, meta)
    mentions = find_numbers(text) if mentions is None else mentions
    country = _country(doc)
    facts = []
    for m in mentions:
        if m.kind not in STAT_KINDS:
            continue
        s, e = doc.nt.from_raw(m.start), doc.nt.from_raw(m.end)
        facts.append(_Fact(m, s, max(e, s + 1)))
    if not facts:
        return []
    periods = _periods(doc)
    current = next((p for p in periods if p.kind in ("month", "year", "first_n") and p.rel != "previous" and not p.comparison), None)
    first_ent = doc.ents[0] if doc.ents else None
    prev = None
    for f in facts:
        m = f.m
        row = f.row
        row.update({
            "fact_id": f"{doc_id}:{m.start}", "doc_id": doc_id, "char_start": m.start, "char_end": m.end,
            "quote_ar": _quote(doc, f.s), "value": float(m.value), "value_low": m.low, "value_high": m.high,
            "qualifier": m.qualifier, "kind": m.kind, "unit": m.unit, "parent_fact_id": None,
        })
        f.rules.append(f"figure:{m.kind}")
        _measure(doc, f)
        compared = m.kind == "number" and _rx()["comparison_value"].search(doc.text, max(0, f.s - 20), f.s)
        if row["measure"] is None and (m.kind in ("percent", "money") or compared):
            # "A مقابل B …، بزيادة قدرها X%": the percent measures what the counts before it count
            ss = doc.sentence(f.s)[0]
            near = next((g for g in reversed(facts[: facts.index(f)]) if g.s >= ss and g.row.get("measure")), None)
            if near is not None:
                row["measure"], row["measure_en"] = near.row["measure"], near.row["measure_en"]
                f.rules.append("measure:sentence_neighbour")
        ent = _subject(doc, f, prev, first_ent)
        row["_ent"] = ent
        row["subject_ar"] = ent.text if ent else None
        row["subject_id"] = _ent_id(ent.ent, country) if ent else None
        row["subject_en"] = (ent.ent.label_en or None) if ent else None
        row["subject_scope"] = ent.ent.scope if ent else None
        p, _ = _assign_period(doc, f, periods, current)
        base = current if (p is not None and p.kind == "same") else None
        row.update(_period_fields(p, base))
        if p is not None and p.kind == "same" and p.rel is None and current is not None:
            row.update({k: v for k, v in _period_fields(current, None).items() if k != "period_ar"})
        row["country_iso3"] = country
        prev = f
    _parents(doc, facts)
    _largest_claims(doc, facts)
    rows = []
    for f in facts:
        f.row.pop("_ent", None)
        f.row.pop("_measure_end", None)
        f.row["rule"] = "+".join(f.rules)
        rows.append({c: f.row.get(c) for c in FACT_COLUMNS})
    return rows


def extract_facts(text: str, doc_id: str, meta: dict | None = None, mentions: list[NumberMention] | None = None) -> pd.DataFrame:
    """Extract one statistic per row from an article.

    Args:
        text: the article text (offsets in the result index this string).
        doc_id: the article's id (used in fact_id "<doc_id>:<char_start>").
        meta: catalog fields: country_iso3 (wins over inference), published (ISO
            date; anchors relative periods such as العام الجاري), period_covered.
        mentions: find_numbers(text), when already computed.
    Returns:
        A DataFrame with FACT_COLUMNS, one row per number/percent/money figure,
        in text order, validated by `arqam.schemas.FACTS`. Validation costs ~25 ms a
        call: for many articles use `facts_frame` (or `fact_rows` and one frame), which
        validates once.
    """
    from .schemas import validate_facts

    return validate_facts(pd.DataFrame(fact_rows(text, doc_id, meta, mentions), columns=FACT_COLUMNS))


def facts_frame(docs: pd.DataFrame, progress: bool | None = None) -> pd.DataFrame:
    """Extract the facts of every document of a corpus.

    Args:
        docs: a frame from `load_corpus` (columns doc_id, text and the catalog
            columns country_iso3, published, period_covered when present).
        progress: show a tqdm bar (default: only for more than 20 documents).
    Returns:
        The concatenated facts, sorted by doc_id and char_start.
    """
    from tqdm import tqdm

    meta_cols = [c for c in ("country_iso3", "published", "period_covered") if c in docs.columns]
    show = len(docs) > 20 if progress is None else progress
    from .schemas import validate_facts

    rows: list[dict] = []
    for row in tqdm(docs.itertuples(index=False), total=len(docs), disable=not show, desc="facts", unit="doc"):
        meta = {c: getattr(row, c) for c in meta_cols}
        meta = {k: (None if v is None or (isinstance(v, float) and v != v) else v) for k, v in meta.items()}
        rows.extend(fact_rows(row.text, str(row.doc_id), meta))
    out = pd.DataFrame(rows, columns=FACT_COLUMNS)
    out = out.sort_values(["doc_id", "char_start"], kind="stable").reset_index(drop=True)
    return validate_facts(out)
