"""What a figure counts (its measure) and its role (level, change, change_pct, share_pct, rate_pct)."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon as lx
from ..normalize import normalize
from .document import BL, NOT_LETTER_AHEAD, NOT_LETTER_BEHIND, WORD, WORD_RE, Document, Fact, alt, cues

_COUNT_WORDS = ("عدد", "اعداد", "اجمالي", "نمو", "نسبه", "زياده", "ارتفاع")


@lru_cache(maxsize=1)
def _rx() -> dict:
    c = cues()
    nl, nr = NOT_LETTER_BEHIND, NOT_LETTER_AHEAD
    ctx = lx.context()
    return {
        "cues": c,
        "stops": set(c["measure_stops"]),
        "beneficiaries": set(c["beneficiary_words"]),
        "change_verb": re.compile(rf"{nl}[وفب]?(?P<v>{alt(c['change_verbs'])}){nr}"),
        "change_amount": re.compile(rf"{nl}[وف]?{alt(c['change_amount_cues'])}{BL}*(?:ال)?{BL}*\Z"),
        "share_cue": re.compile(rf"{nl}[وف]?{alt(c['share_cues'])}{nr}"),
        "whole_after": re.compile(rf"{BL}*{alt(c['whole_after_share'])}{BL}+(?P<w>(?:{WORD}{BL}*){{1,4}})"),
        "nisba_before": re.compile(
            rf"{nl}[وفب]?(?P<n>نسب(?:ه|ته|تها)?)(?:{BL}+(?P<x>(?!تتجاوز|تجاوزت|تصل|يصل|تزيد|تفوق){WORD}))?(?:{BL}+{WORD}){{0,3}}{BL}+(?:ال{BL}*)?\Z"
        ),
        "count_subject": re.compile(rf"{nl}[وبل]?(?P<s>{alt(c['count_heads'])}(?:{BL}+{WORD}){{1,3}})"),
        "comparison_value": re.compile(rf"{nl}{alt(c['comparison_value_cues'])}{BL}*\Z"),
        "currency_words": {lx.phrase_key(w) for forms in ctx["currencies"].values() for w in forms},
    }


def is_comparison_value(doc: Document, f: Fact) -> bool:
    """Whether the figure is a comparison base: "مقابل 100 ألف", "مقارنة بـ 2 مليون"."""
    return _rx()["comparison_value"].search(doc.text, max(0, f.s - 20), f.s) is not None


def measure_words(doc: Document, start: int, limit: int, stop_at_entities: bool = True) -> list[re.Match]:
    """Words of the noun phrase that starts at `start` (stop at cues, digits, and entity names
    unless the phrase is a count subject such as 'عدد الخدمات الحكومية المؤتمتة')."""
    R = _rx()
    out = []
    pos = start
    ent_starts = doc.name_starts if stop_at_entities else frozenset()
    max_words = R["cues"]["measure_max_words"]
    while len(out) < max_words:
        m = WORD_RE.search(doc.text, pos, limit)
        if m is None:
            break
        gap = doc.text[pos:m.start()]
        if out and gap.strip(" \u00a0\"'\u201c\u201d\u00ab\u00bb"):
            break  # punctuation or a digit between words
        if not out and gap.strip(" \u00a0"):
            break
        w = m.group()
        bare = w[2:] if w.startswith("لل") else w
        nxt = WORD_RE.match(doc.text, m.end() + 1) if m.end() < limit else None
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
    words = [w for w in words if w not in _COUNT_WORDS] or words
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


def _change_measure(doc: Document, f: Fact, cv, ss: int) -> tuple[int | None, int | None]:
    """What a change percent measures: 'زاد عدد X …', 'تقليص وقت إنجاز الخدمات بنسبة …',
    else the sentence's 'عدد X', else the measure of the figure before it in the sentence."""
    R = _rx()
    t = doc.text
    if cv is not None:
        subj = R["count_subject"].search(t, cv.end(), f.s)
        if subj:
            sw = measure_words(doc, subj.start("s"), f.s, stop_at_entities=False)
            f.rules.append("measure:change_subject")
            return subj.start("s"), (sw[-1].end() if sw else subj.end("s"))
        sw = measure_words(doc, cv.end() + 1, f.s)
        if sw and sw[0].start() == cv.end() + 1 and sw[0].group() not in ("بمقدار", "بنسبه"):
            f.rules.append("measure:change_object")
            return cv.start("v"), sw[-1].end()
    subj = R["count_subject"].search(t, ss, f.s)
    if subj:
        sw = measure_words(doc, subj.start("s"), f.s, stop_at_entities=False)
        f.rules.append("measure:sentence_subject")
        return subj.start("s"), (sw[-1].end() if sw else subj.end("s"))
    return None, None


def assign_measure(doc: Document, f: Fact) -> None:
    """Set measure_ar, measure, measure_en and role on the fact's row."""
    R = _rx()
    t = doc.text
    ss, se = doc.sentence(f.s)
    ss = max(ss, f.s - 400)
    row = f.row
    words = measure_words(doc, f.e, se)
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
                ww = measure_words(doc, wa.start("w"), wa.end("w") + 1, stop_at_entities=False)
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
            of = measure_words(doc, words[0].end() + 1, se)  # "45% من الزيارات": a share of visits
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
                sw = measure_words(doc, subj.start("s"), f.s, stop_at_entities=False)
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


def borrow_measure(doc: Document, f: Fact, earlier: list[Fact]) -> None:
    """A percent, money or comparison figure with no measure of its own takes that of the figure before it in the sentence.

    "A مقابل B …، بزيادة قدرها X%": the percent measures what the counts before it count.
    `earlier` holds the facts before `f`, in text order.
    """
    row = f.row
    if row["measure"] is not None:
        return
    if not (f.m.kind in ("percent", "money") or (f.m.kind == "number" and is_comparison_value(doc, f))):
        return
    ss = doc.sentence(f.s)[0]
    for g in reversed(earlier):
        if g.s < ss:
            break
        if g.row.get("measure"):
            row["measure"], row["measure_en"] = g.row["measure"], g.row["measure_en"]
            f.rules.append("measure:sentence_neighbour")
            return
