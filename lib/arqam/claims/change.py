"""Claims about change between two levels: growth rates, absolute changes, directions, multiples, series.

This module holds what the change readers share (ChangeState: the claims so far, the figures read as old
and new levels and as stated rates; the rate or amount stated next to a pair) and the readers of
- "ارتفع X من A إلى B (بنسبة P | بزيادة D | أي D)"، "ثم إلى C" (a chain); "تحسن X من A إلى B" (a change
  whose direction the word does not give);
- "ارتفع X إلى B" after an earlier level A of the sentence (A, then B);
- "متخطيا بذلك … B" (A exceeds B).
change_compared reads "B مقارنة بـ A" and its kin; change_elsewhere a rate whose levels are in other sentences.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..facts.document import NOT_LETTER_AHEAD, NOT_LETTER_BEHIND, WORD, WORD_RE
from .model import (INFERRED, STATED, Claim, clash, clause_after, compatible, head, local_period, names_figure, per_period, period_key, same_measure,
                    search_back, share_of_whole)
from .view import BL, Fig, View, cues, words

MAX_TO_GAP = 90  # characters between the "from" figure and the "to" figure
MAX_CMP_GAP = 40  # between a comparison cue and the old figure, without a bridge
MAX_BRIDGE_GAP = 160  # with a bridge (… والتي بلغت وقتها A)


@lru_cache(maxsize=1)
def _rx() -> dict:
    c = cues()
    nl, nr = NOT_LETTER_BEHIND, NOT_LETTER_AHEAD
    filler = rf"(?:{words(c['level_filler'])}|ال|ب|{words(c['to_word'])}{BL}+{words(c['level_filler'])})"
    clit = r"(?:[وف]?[بلك]?)"
    mult = {}
    for n, phrases in c["multiples"].items():
        for p in phrases:
            mult[p] = int(n)
    return {
        "participle_from": re.compile(
            rf"{nl}[\u060c,]?{BL}*[وف]?(?:(?P<up>{words(c['change_participle_up'])})|(?P<down>{words(c['change_participle_down'])})){BL}+{words(c['from_word'])}(?:{BL}+{filler})*{BL}*\Z"),
        "from_plain": re.compile(rf"{nl}{words(c['from_word'])}(?:{BL}+{filler})*{BL}*\Z"),
        "neutral": re.compile(rf"{nl}{clit}(?:ال)?{words(c['change_neutral'])}{nr}"),
        "rank": re.compile(rf"{nl}[وفبل]?{words(c['rank_words'])}{nr}"),
        "rank_scope": re.compile(rf"{words(c['rank_scope'])}"),
        "whole_before": re.compile(rf"{nl}[وف]?{words(c['whole_after_part'])}(?:{BL}+{filler})*{BL}*\Z"),
        "rank_any": re.compile(rf"{nl}[وفبل]?(?:{words(c['rank_words'])}|{words(c['rank_possessed'])}){nr}"),
        "up": re.compile(rf"{nl}{clit}(?:ال)?{words(c['change_up'])}{nr}"),
        "down": re.compile(rf"{nl}{clit}(?:ال)?{words(c['change_down'])}{nr}"),
        "from_before": re.compile(
            rf"{nl}(?P<w>{WORD}{BL}+)?(?:[وف]?){words(c['from_word'])}(?:{BL}+{filler})*{BL}*\Z"),
        "to_before": re.compile(rf"{nl}(?:[وف]?|ل[يت]?\w+{BL}+)(?:{words(c['to_word'])}|ل)(?:{BL}+{filler})*{BL}*\Z"),
        "to_plain": re.compile(rf"{nl}(?:{words(c['to_word'])})(?:{BL}+{filler})*{BL}*\Z"),
        "then_to": re.compile(rf"[\s\u060c,]*{words(c['then_to'])}(?:{BL}+{filler})*{BL}*\Z"),
        "rate_before": re.compile(rf"{nl}{clit}{words(c['growth_rate'])}(?:{BL}+{WORD}){{0,3}}{BL}*(?:ال{BL}*)?\Z"),
        "rate_noun_verb": re.compile(
            rf"{nl}(?:{words(c['rate_nouns'])})[^\u060c\u061b,;:\n\d%]{{0,130}}{nl}(?:{words(c['rate_verbs'])})(?:{BL}+[^\s\u00a0\d]+){{0,2}}{BL}*\Z"),
        "amount_before": re.compile(rf"{nl}[وف]?{words(c['change_amount'])}(?:{BL}+{WORD}){{0,2}}{BL}*(?:ال{BL}*)?\Z"),
        "derived_before": re.compile(rf"{nl}[وف]?{words(c['derived'])}(?:{BL}+[^\s\u00a0\u060c,]+){{0,5}}{BL}*\Z"),
        "rate_from": re.compile(rf"(?:%|بالمائه|بالمئه|المائه|المئه|\d(?:{BL}+{WORD}){{1,3}}){BL}+(?:عن|علي){nr}"),  # بزيادة P عن / على العام الماضي
        "clause_stop": re.compile(rf"{nl}[وف]?(?:في{BL}+حين|بينما|فيما|اما|كما|حيث|اذ|فضلا{BL}+عن){nr}|[\u061b;:\n]"),
        "from_digits": re.compile(rf"{nl}من{BL}+(?:{WORD}{BL}+){{0,2}}\d"),
        "cue_opens": re.compile(rf"[وف]?(?:{words(c['growth_rate'])}|{words(c['change_amount'])}|{words(c['derived'])}|{words(c['rate_nouns'])}){nr}"),
        "clause_break": re.compile(r"[\u060c\u061b;,:]|\n"),
        "points_after": re.compile(rf"{BL}*{words(c['points_after'])}{nr}"),
        "compared": re.compile(rf"{nl}[وف]?{words(c['compared_with'])}"),
        "yearly_basis": re.compile(rf"{BL}*(?:[\u060c,]{BL}*)?{words(c['yearly_basis'])}{nr}"),
        "increment": re.compile(rf"{nl}{words(c['increment_words'])}{nr}"),
        "per_year_before": re.compile(rf"{nl}{words(c['per_year_before'])}{nr}"),
        "per_year_after": re.compile(rf"{BL}*{words(c['per_year_after'])}{nr}"),
        "change_from": re.compile(rf"{nl}{clit}(?:ال)?(?:{words(c['change_up'])}|{words(c['change_down'])}){BL}+{words(c['compared_from'])}{nr}"),
        "bridge_end": re.compile(rf"{nl}{words(c['old_bridge'])}(?:{BL}+(?:وقتها|انذاك|حينها|حينذاك|قد|فيه|فيها))?(?:{BL}+{WORD}){{0,2}}?(?:{BL}+{filler})*{BL}*\Z"),
        "contrast": re.compile(rf"{nl}[وف]?(?:في{BL}+حين|بينما|فيما){nr}"),
        "previous": re.compile(rf"{nl}(?:[وفبل]|ال)?{words(c['previous_period'])}{nr}"),
        "share_after": re.compile(rf"{BL}*(?:من{BL}+|{words(c['share_of'])}{BL}+)"),
        "mult_word": re.compile(rf"{nl}[وف]?(?P<m>{words(mult)}){nr}"),
        "mult_values": mult,
        "mult_after": re.compile(rf"{BL}*{words(c['multiple_after_number'])}{nr}"),
        "exceeds": re.compile(rf"{nl}[وف]?{words(c['exceeds'])}(?:{BL}+{words(c['exceeds_then'])})?{nr}"),
        "anaphora": re.compile(rf"{nl}[وف]?{words(c['anaphora'])}{nr}"),
        "hedge_only": re.compile(rf"[\s\u00a0]*(?:{filler}[\s\u00a0]*)*\Z"),
    }


AMOUNT_GAP = 40  # more characters a rate may lie from the pair when the stated amount of the change stands between them
RANK_GAP = 60  # characters between a rank word and the bare figure it governs, in one clause


def _norm(text: str) -> str:
    from ..normalize import normalize

    return normalize(text).text


def _ranked(v: View, f: Fig) -> bool:
    """A figure a rank word governs in its clause ("ترتيب الأردن إلى 60"، "بعدما كان ترتيبه 52"): a place, not a level."""
    R = _rx()
    if f.kind != "number" or f.value != int(f.value) or f.value >= 1000:
        return False
    m_ar = _norm(f.measure_ar).strip() if f.measure_ar else ""
    if m_ar and not (R["rank_scope"].fullmatch(m_ar) or R["rank_any"].fullmatch(m_ar)):
        return False  # "ترتيب المواعيد إلى 60 ألف طلب": a count of requests, not a place
    lo = max(v.sentence(f)[0], f.s - RANK_GAP)
    m = search_back(R["rank_any"], v.t, lo, f.s)
    return m is not None and not v.between(m.end(), f.s) and not R["clause_break"].search(v.t, m.end(), f.s)


def _increment(v: View, f: Fig) -> bool:
    """A figure of new items (300 ألف مستخدم جديد، عدد المستخدمين الجدد 300 ألف): an increase, not a level."""
    R = _rx()
    if f.measure_ar and R["increment"].search(_norm(f.measure_ar)):
        return True
    return bool(R["increment"].search(clause_after(v, f, 30)))


_TOTAL_WORDS = re.compile(r"(?:^|\s)(?:[وفبل]?ال|[وفبل]?)(?:اجمالي|مجموع|مجمل)(?:\s|$)")


def _named_total(v: View, f: Fig) -> bool:
    """A level named as a total ("ليرتفع إجمالي المستخدمين إلى N")."""
    return bool(_TOTAL_WORDS.search(_norm(f.measure_ar or "")) or _TOTAL_WORDS.search(v.t[max(v.sentence(f)[0], f.s - 50):f.s]))


def _whole_of_part(v: View, f: Fig) -> bool:
    """A figure written as the whole of the one before it ("450 خدمة من أصل 500"): not a level that changed."""
    return bool(_rx()["whole_before"].search(v.t, max(v.sentence(f)[0], f.s - 40), f.s))


def _part_after_its_whole(v: View, g: Fig) -> bool:
    """A part told after its whole in one sentence ("T شكاية، عولج منها A"): a sentence after it that compares with an
    earlier level compares the whole, not this part."""
    w = v.by_id.get(g.parent) if g.parent is not None else None
    return w is not None and w.s < g.s and v.same_sentence(w, g)


def _direction(v: View, lo: int, hi: int) -> tuple[str | None, tuple[int, int] | None]:
    """The direction word nearest to `hi` in t[lo:hi]: ('up'|'down', span) or (None, None)."""
    R = _rx()
    up = search_back(R["up"], v.t, lo, hi)
    down = search_back(R["down"], v.t, lo, hi)
    best = max((m for m in (up, down) if m is not None), key=lambda m: m.start(), default=None)
    if best is None:
        return None, None
    return ("up" if best is up else "down"), best.span()


def _near_pair(v: View, g: Fig, first: Fig, last: Fig, before: int = 90, after: int = 70) -> bool:
    """Whether a figure belongs to the comparison of `first` and `last`: between them, or next to them with no other count in between."""
    if first.s < g.s < last.s:
        return True
    if g.e <= first.s:
        return first.s - g.e <= before and not [h for h in v.between(g.e, first.s) if h.count_like]
    if g.s >= last.e:
        between = [h for h in v.between(last.e, g.s) if h.count_like]
        if g.s - last.e > after + (AMOUNT_GAP if between else 0) or len(between) > 1:
            return False
        gap = v.t[last.e:g.s]
        breaks = list(_rx()["clause_break"].finditer(gap))
        if not breaks:
            return not between
        # "… إلى 420 خدمة، بزيادة 120 خدمة": after one comma, a clause that opens with the rate or the amount;
        # "… بعد أن كان A، بزيادة D، أي بنسبة P": the stated amount of the pair, then the rate, each clause opening with its cue
        opens = [bool(_rx()["cue_opens"].match(gap[b.end():].lstrip(" \u00a0"))) for b in breaks]
        if between:
            h = between[0]
            return len(breaks) == 2 and all(opens) and breaks[0].end() <= h.s - last.e and breaks[1].start() >= h.e - last.e
        return len(breaks) == 1 and opens[0]
    return False


_BASELINE_AFTER = re.compile(rf"{BL}*(?:(?:بالمائه|بالمئه|في{BL}+المائه|في{BL}+المئه){BL}+)?(?:عن|علي){BL}+")
_BASELINE_END = re.compile(r"[\u060c\u061b;,:.()\n]|\d")
_PERIOD_NOUNS = frozenset({"الربع", "ربع", "العام", "عام", "الشهر", "شهر", "النصف", "نصف", "الفتره", "فتره", "السنه", "سنه", "الموسم",
                           "الاسبوع", "اسبوع"})
_BASELINE_SKIP = frozenset({"من", "في", "الذي", "التي", "خلال", "نفس", "ذات"})


def _words(text: str) -> set[str]:
    return {w for w in WORD_RE.findall(text) if len(w) > 1 and w not in _BASELINE_SKIP}


def _other_baseline(v: View, g: Fig, old: Fig) -> bool:
    """A rate followed by "عن <period>" that names a period the old level's own words do not (the old level
    is told with a period of its own): the rate compares with another level, not with this one."""
    m = _BASELINE_AFTER.match(v.t, g.e)
    if m is None:
        return False
    se = v.sentence(g)[1]
    tail = v.t[m.end():min(se, m.end() + 50)]
    stop = _BASELINE_END.search(tail)
    baseline = _words(tail[:stop.start()] if stop else tail)
    os_, _ = v.sentence(old)
    near_old = _words(v.t[max(os_, old.s - 60):old.s]) | _words(clause_after(v, old, 40))
    if not (near_old & _PERIOD_NOUNS) or not (baseline & _PERIOD_NOUNS):
        return False
    return not baseline <= near_old


def _years_apart(v: View, new: Fig, old: Fig) -> int | None:
    """How many years lie between two levels of whole years (2023 and 2021: 2), None unless both are whole years."""
    kn, ko = period_key(v, new), period_key(v, old)
    if not kn or not ko or not kn[0] or not ko[0] or kn[1] or ko[1]:
        return None
    if any(f.period_start and f.period_end and (f.period_start[5:10], f.period_end[5:10]) != ("01-01", "12-31") for f in (new, old)):
        return None
    return abs(kn[0] - ko[0])


def _stated_rate(v: View, new: Fig, old: Fig, skip: set[str]) -> Fig | None:
    """A percent introduced as a rate of change (بنسبة، معدل نمو، بزيادة …) next to the two levels it compares."""
    R = _rx()
    first, last = (new, old) if new.s < old.s else (old, new)
    lo = max(v.sentence(first)[0], first.s - 100)
    hi = min(v.sentence(last)[1], last.e + 80)
    best = None
    for g in v.between(lo, hi):
        if not g.pct or g.id in skip or not _near_pair(v, g, first, last):
            continue
        if not (R["rate_before"].search(v.t, max(lo, g.s - 45), g.s) or R["rate_noun_verb"].search(v.t, max(lo, g.s - 150), g.s)):
            continue
        if R["share_after"].match(v.t, g.e) and g.role == "share_pct":
            continue  # "بنسبة 40% من الإجمالي": a share, not a change
        if share_of_whole(v, g) is not None:
            continue  # "… إلى A من أصل T، أي بنسبة P": the share of A in T, not the rate of the change
        if g.s >= last.e and _other_baseline(v, g, old):
            continue  # "… الذي سجل A، وبارتفاع 25% عن الربع الأول من العام الماضي": a rate against a level of its own
        d = min(abs(g.s - first.s), abs(g.s - last.e))
        if not v.same_sentence(new, old) and not v.same_sentence(g, old):
            d += 10_000  # levels in two sentences: the rate of the sentence that sets the old level against the new one wins
        if best is None or d < best[0]:
            best = (d, g)
    return best[1] if best else None


def _stated_amount(v: View, new: Fig, old: Fig, skip: set[str]) -> Fig | None:
    """A count introduced as an absolute change (بزيادة 300 ألف، أي خلال 3 أشهر صدر 900 ألف) next to the two levels."""
    R = _rx()
    first, last = (new, old) if new.s < old.s else (old, new)
    lo = max(v.sentence(first)[0], first.s - 100)
    hi = min(v.sentence(last)[1], last.e + 90)
    for g in v.between(lo, hi):
        if g.pct or g.id in skip or g.unread or not _kind_like(g, new):
            continue
        before = max(lo, g.s - 50)
        amount = R["amount_before"].search(v.t, before, g.s)
        derived = R["derived_before"].search(v.t, before, g.s)
        if not (amount or derived) or R["mult_after"].match(v.t, g.e):
            continue  # "أي أربعة أضعاف": a multiple, not an amount
        if g.s >= last.e and derived and not [h for h in v.between(last.e, g.s) if h.count_like]:
            pass  # "…، أي خلال 3 أشهر صدر 900 ألف": a derived clause after a comma
        elif not _near_pair(v, g, first, last):
            continue
        if per_period(v, g) is None:
            return g
    return None


def _kind_like(g: Fig, like: Fig) -> bool:
    if g.kind == "money" and like.kind == "money":
        return not (g.unit and like.unit and g.unit != like.unit)
    return g.kind == like.kind or "money" in (g.kind, like.kind)


def _multiple(v: View, ss: int, se: int, skip: set[str]) -> tuple[float | None, Fig | None, tuple[int, int] | None]:
    """A multiple stated in the sentence: (factor, the factor's figure when it is one, span)."""
    R = _rx()
    for g in v.between(ss, se):
        if g.id in skip or g.pct:
            continue
        if R["mult_after"].match(v.t, g.e) and g.value >= 2:
            return float(g.value), g, (g.s, g.e)
    m = R["mult_word"].search(v.t, ss, se)
    if m:
        return float(R["mult_values"][m.group("m")]), None, m.span()
    return None, None, None


_GENERIC = {"عدد", "العدد", "الرقم", "رقم", "اجمالي", "الاجمالي", "المجموع", "قيمه", "القيمه", "حجم", "الحجم", "نسبه", "النسبه", "ايضا", "بدوره", "بدورها", "مجددا"}


def _subject_head(v: View, lo: int, hi: int) -> str | None:
    """The counted noun of "ارتفع X إلى": its head (stemmed), or None when X is a pronoun or a generic word (العدد، الرقم)."""
    from .model import stem
    from ..facts.document import WORD_RE

    for w in WORD_RE.findall(v.t, lo, hi):
        if w in ("الي", "ال", "من", "في", "خلال", "حتي", "ل") or w in _GENERIC:
            if w in ("الي",):
                break
            continue
        return stem(w)
    return None  # noqa


def _is_amount(v: View, g: Fig, ss: int) -> bool:
    R = _rx()
    lo = max(ss, g.s - 45)
    return bool(R["amount_before"].search(v.t, lo, g.s) or R["derived_before"].search(v.t, lo, g.s))


_NOT_FROM = {"اكثر", "اقل", "ازيد", "يزيد", "تزيد", "يقرب", "يقارب", "اكبر", "اعلى", "ادني", "ادنى", "بدلا", "قريبا", "بالقرب", "انطلاقا",
             "اصل", "بين", "ضمن", "جمله", "اجمالي", "مجموع", "مزيد", "عدد", "نسبه", "واحد", "واحده", "كل", "اي", "بعض", "اعداد", "مجمل", "اصل"}


class ChangeState:
    """What the change readers share: the article, the claims so far, and which figures were read as old levels, new levels and rates."""

    def __init__(self, v: View):
        self.v = v
        self.claims: list[Claim] = []
        self.olds: set[str] = set()
        self.news: set[str] = set()
        self.rates: set[str] = set()  # percents read as stated rates
        self.pairs: set[tuple[str, str]] = set()


    def emit(self, new: Fig, old: Fig, cue: tuple[int, int] | None, rule: str, link: str, extra_old: list[Fig] | None = None,
              direction: str | None = None, series_ok: bool = True):
        v = self.v
        if (new.id, old.id) in self.pairs:
            return
        self.pairs.add((new.id, old.id))
        self.olds.add(old.id)
        self.news.add(new.id)
        if _ranked(v, new) or _ranked(v, old):
            return  # a place in a ranking falls as it improves: neither a growth nor a direction to check
        if _whole_of_part(v, new) or _whole_of_part(v, old):
            return  # "إلى 450 من أصل 500": the whole is no level of the change
        ss = min(v.sentence(new)[0], v.sentence(old)[0])
        se = max(v.sentence(new)[1], v.sentence(old)[1])
        skip = {new.id, old.id} | self.rates
        if old.s < new.s and rule not in ("from_to", "to_from") and _increment(v, old) and _named_total(v, new):
            # "300 ألف مستخدم جديد … ليرتفع الإجمالي إلى 1.3 مليون، بزيادة 30%": the new items are the increase, not the earlier level
            p = _stated_rate(v, new, old, skip)
            if p is not None:
                self.rates.add(p.id)
                self.claims.append(Claim(v.doc_id, "growth", link, [("stated", p), ("new", new), ("change", old)], rule + "+increment", cue=cue))
            return
        made = False
        years = _years_apart(v, new, old)
        if years is not None and years >= 2 and rule == "contrast":
            skip |= {g.id for g in v.between(ss, se)}  # "B في 2023 بزيادة P، فيما بلغت في 2021 A": P is against 2022, not 2021
        p = _stated_rate(v, new, old, skip)
        per_year = False
        if p is not None and years is not None and years >= 2:
            R = _rx()
            per_year = bool(R["per_year_before"].search(v.t, max(v.sentence(p)[0], p.s - 40), p.s) or R["per_year_after"].match(v.t, p.e))
            if not per_year and R["yearly_basis"].match(v.t, p.e):
                skip.add(p.id)  # "بزيادة 25% على أساس سنوي" compares with the year before, not with a level years away
                p = _stated_rate(v, new, old, skip)
        if p is not None:
            points = bool(_rx()["points_after"].match(v.t, p.e)) and new.pct and old.pct
            self.rates.add(p.id)
            self.claims.append(Claim(v.doc_id, "difference" if points else "growth", link, [("stated", p), ("new", new), ("old", old)], rule, cue=cue,
                                     stated_unit="points" if points else "per_year" if per_year else None))
            made = True
        d = _stated_amount(v, new, old, skip | {p.id} if p else skip)
        if d is not None and compatible(v, d, new, syntactic=True):
            self.rates.add(d.id)
            self.claims.append(Claim(v.doc_id, "difference", link, [("stated", d), ("new", new), ("old", old)], rule, cue=cue))
            made = True
        if not made:
            factor, ffig, fspan = _multiple(v, ss, se, skip)
            if factor is not None:
                ops = [("new", new), ("old", old)] + ([("factor", ffig)] if ffig is not None else [])
                self.claims.append(Claim(v.doc_id, "growth", link, ops, rule + "+multiple", cue=fspan or cue,
                                         stated_value=None if ffig is not None else factor, stated_unit="times"))
                made = True
        if not made:
            if direction is None and rule not in ("from_to",):
                direction, dspan = _direction(v, ss, max(new.s, old.s))
            kind = "direction" if direction else "series"
            if kind == "series" and not series_ok:
                return
            ops = [("new", new), ("old", old)] + [("old", g) for g in (extra_old or [])]
            self.claims.append(Claim(v.doc_id, kind, link, ops, rule, cue=cue, direction=direction))


    def new_from_before(self, a: Fig, cue_at: int) -> Fig | None:
        """"وجاء هذا العدد بارتفاع عن …": the new level is the last comparable level of the sentences before (at most three)."""
        v = self.v
        si = v.sentence_index(a.s)
        for g in v.figs_before(a, 30):
            if g.s >= v.sentence(a)[0]:
                continue
            if si - v.sentence_index(g.s) > 3:
                break
            if compatible(v, g, a, syntactic=True) and g.id not in self.olds and g.id not in self.rates and not _is_amount(v, g, v.sentence(g)[0]) \
                    and not _part_after_its_whole(v, g):
                return g
        return None

    def named_before(self, b: Fig, lo: int, hi: int, like: Fig) -> bool:
        """The sentence names the level of the sentence just before it ("وزاد عدد الحركات الإلكترونية …" after
        "بلغ عدد الحركات الإلكترونية … 3 ملايين"), and that level is the only one it could mean: a tie as firm as one sentence's."""
        v = self.v
        if v.sentence_index(lo) - v.sentence_index(b.s) != 1:
            return False
        bs, be = v.sentence(b)
        rivals = [g for g in v.between(bs, be) if g.id != b.id and compatible(v, g, like, syntactic=True) and not _is_amount(v, g, bs)
                  and g.id not in self.olds and g.id not in self.rates]
        return not rivals and names_figure(v, lo, hi, b)


def from_to(st: ChangeState):
    """ارتفع X من A إلى B (بنسبة P | بزيادة D | أي D); تحسن X من A إلى B (a change whose direction the word does not give)."""
    v, R = st.v, _rx()
    for a in v.figs:
        ss, se = v.sentence(a)
        m = R["from_before"].search(v.t, max(ss, a.s - 45), a.s)
        if not m:
            continue
        w = (m.group("w") or "").strip()
        if w and w.lstrip("وفبلك") in _NOT_FROM:
            continue  # أكثر من، أقل من، من أصل: a hedge or a whole, not a starting level
        b = v.next_fig(a, min(se, a.e + MAX_TO_GAP + 30))
        if b is None or b.s - a.e > MAX_TO_GAP or not R["to_before"].search(v.t, max(a.e, b.s - 60), b.s):
            continue
        bare = b.s - a.e <= 12  # "من 30 إلى 75 درهما": one currency word for both
        if not compatible(v, a, b, syntactic=True, shared_unit=bare):
            continue
        if R["rank"].search(v.t, max(ss, a.s - 40), a.s) or R["rank"].search(v.t, a.e, b.s):
            continue  # "تقدم من المركز 80 إلى 60": ranks fall as they improve
        direction, dspan = _direction(v, max(ss, a.s - 220), a.s)
        if direction is not None and R["clause_stop"].search(v.t, dspan[1], a.s):
            direction = None  # the change word belongs to another clause
        if direction is None:
            direction, dspan = _direction(v, a.e, b.s)
        if direction is None:
            neutral = search_back(R["neutral"], v.t, max(ss, a.s - 220), a.s)
            if neutral is None or R["clause_stop"].search(v.t, neutral.end(), a.s):
                continue  # "من 3 إلى 5 ملايين" with no change word: a range
            dspan = neutral.span()  # "تحسن المؤشر من 52% إلى 58%": a change, its direction not stated
        st.emit(b, a, dspan, "from_to", STATED, direction=direction, series_ok=True)
        if direction is not None:
            chain(st, b, direction)


def to_from(st: ChangeState):
    """"انخفض X إلى B في 2023 من A في 2022" and "سجلت B، مرتفعة من A": the new level first, then من and the old one."""
    v, R = st.v, _rx()
    for a in v.figs:
        if a.id in st.olds or a.id in st.news:
            continue
        ss, se = v.sentence(a)
        lo = max(ss, a.s - 70)
        part = R["participle_from"].search(v.t, lo, a.s)
        plain = R["from_plain"].search(v.t, max(ss, a.s - 30), a.s)
        if part is None and plain is None:
            continue
        b = v.prev_fig(a, max(ss, a.s - 150))
        if b is None or b.id in st.olds or (b.id, a.id) in st.pairs or (a.id, b.id) in st.pairs:
            continue
        nxt = v.next_fig(a, min(se, a.e + MAX_TO_GAP))
        if nxt is not None and R["to_before"].search(v.t, max(a.e, nxt.s - 60), nxt.s):
            continue  # "من A إلى C": a from-to pair of its own
        cut = part.start() if part is not None else plain.start()
        gap = v.t[b.e:cut]
        if len(gap) > 70 or R["clause_stop"].search(gap) or R["rank"].search(v.t, max(ss, b.s - 40), a.s):
            continue
        if part is not None:
            direction, dspan = ("up" if part.group("up") else "down"), part.span()
        else:
            # "إلى B … من A": the change verb before إلى gives the direction
            if not R["to_before"].search(v.t, max(ss, b.s - 60), b.s) or "\u060c" in gap or "," in gap:
                continue
            direction, dspan = _direction(v, max(ss, b.s - 120), b.s)
            if direction is None or R["clause_stop"].search(v.t, dspan[1], b.s) \
                    or any(not _is_amount(v, g, ss) for g in v.between(dspan[1], b.s)):
                continue  # "انخفض بمقدار 1200 إلى B من A": only the amount of the change may stand between
        if not compatible(v, a, b, syntactic=True):
            continue
        ka, kb = period_key(v, a), period_key(v, b)
        if ka is not None and kb is not None and ka[0] and kb[0] and ka >= kb:
            continue  # the later period is the new level
        st.emit(b, a, dspan, "to_from", STATED, direction=direction)


def chain(st: ChangeState, b: Fig, direction: str):
    """"… إلى B في 2020، ثم إلى C في 2021": C against B, same direction."""
    v, R = st.v, _rx()
    c = v.next_fig(b, min(v.sentence(b)[1], b.e + 120))
    if c is None or not compatible(v, b, c, syntactic=True):
        return
    gap = v.t[b.e:c.s]
    k = gap.find("ثم")
    if k < 0 or not R["to_plain"].search(gap, k):
        return
    st.emit(c, b, None, "then_to", STATED, direction=direction)
    chain(st, c, direction)


def rise_to(st: ChangeState):
    """ارتفع X إلى B after an earlier level A of the sentence (stated when both periods are read and in order)."""
    v, R = st.v, _rx()
    for b in v.figs:
        ss, se = v.sentence(b)
        lo = max(ss, b.s - 90)
        if not R["to_plain"].search(v.t, lo, b.s) and not R["to_before"].search(v.t, lo, b.s):
            continue
        direction, dspan = _direction(v, lo, b.s)
        if direction is None or v.between(dspan[1], b.s) or R["from_digits"].search(v.t, dspan[1], b.s):
            continue  # "تراجعت من المركز 58 إلى 63": the earlier level is written but is not a figure read
        if R["rank"].search(v.t, dspan[0], b.s):
            continue  # a rank: it falls as it improves
        if b.id in st.news:
            continue
        subject = _subject_head(v, dspan[1], b.s)
        a = v.prev_fig(b, max(ss, dspan[0] - 250), pred=lambda g: g.s < dspan[0] and compatible(v, g, b, syntactic=True)
                       and g.id not in st.rates and not _is_amount(v, g, ss)
                       and (subject is None or bool(subject & head(g))))
        if a is None or (b.id, a.id) in st.pairs or a.id in st.olds and b.id in st.news:
            continue
        ka, kb = period_key(v, a), period_key(v, b)
        ordered = ka is not None and kb is not None and ka[0] and kb[0] and ka < kb
        if ka is not None and kb is not None and ka[0] and kb[0] and ka >= kb:
            continue
        st.emit(b, a, dspan, "rise_to", STATED if ordered else INFERRED, direction=direction)
        chain(st, b, direction)


def exceeds(st: ChangeState):
    """'A …، متخطيا بذلك … B': A exceeds B (not 'ليتجاوز 5 ملايين', a hedge on that figure)."""
    v, R = st.v, _rx()
    for m in R["exceeds"].finditer(v.t):
        ss, se = v.sentence(m.start())
        after = [g for g in v.between(m.end(), min(se, m.end() + 140))]
        if not after:
            continue
        b = after[0]
        if R["hedge_only"].match(v.t, m.end(), b.s):
            continue  # "ليتجاوز 5 ملايين": a hedge on that figure, not a comparison with another
        a = v.prev_fig(b, max(ss, m.start() - 200), pred=lambda g: g.s < m.start() and compatible(v, g, b, syntactic=True))
        if a is None or clash(a, b):
            continue
        st.claims.append(Claim(v.doc_id, "comparison", STATED, [("greater", a), ("lesser", b)], "exceeds", cue=m.span()))




def periods_in_a_row(st: ChangeState):
    """"5 ملايين زيارة في يناير، و4.2 مليون زيارة في فبراير، بانخفاض 16%": two levels of one measure for two periods,
    side by side, with the rate or the amount of their change stated next to them (the later level is the new one)."""
    v = st.v
    for a in v.figs:
        if a.pct or a.id in st.olds or a.id in st.news:
            continue
        b = v.next_fig(a, min(v.sentence(a)[1], a.e + 80), pred=lambda g: not g.pct)
        if b is None or b.id in st.olds or b.id in st.news or (b.id, a.id) in st.pairs or (a.id, b.id) in st.pairs:
            continue
        if not re.fullmatch(rf"[^\d\u060c,]{{0,40}}[\u060c,]?{BL}*و{BL}*", v.t[a.e:b.s]):
            continue
        if not (same_measure(a, b) or b.measure_ar is None) or not compatible(v, a, b, syntactic=True):
            continue
        ka, kb = local_period(v, a), local_period(v, b)
        if not (ka and kb) or ka[2] or kb[2] or (ka[0], ka[1]) == (kb[0], kb[1]):
            continue
        order = lambda k: (k[0] or 0, k[1] or 0)  # noqa: E731
        if (ka[0] is None) != (kb[0] is None):
            continue  # a year against a bare month: no order
        new, old = (b, a) if order(kb) > order(ka) else (a, b)
        skip = {a.id, b.id} | st.rates
        if _stated_rate(v, new, old, skip) is None and _stated_amount(v, new, old, skip) is None:
            continue  # nothing stated about the change: two levels, no claim
        st.emit(new, old, None, "periods_in_a_row", STATED)
