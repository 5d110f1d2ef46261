"""A claim, and what the readers ask about figures: same kind of quantity, per-period rates, local periods."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import lexicon as lx
from ..facts.document import NOT_LETTER_AHEAD, NOT_LETTER_BEHIND, WORD, WORD_RE
from .view import BL, Fig, View, cues, words

STATED, INFERRED = "stated", "inferred"


@dataclass
class Claim:
    """One arithmetic claim: its kind, its operands (role, figure), the words that make it and how sure the link is."""

    doc: str
    kind: str
    link: str
    ops: list[tuple[str, Fig]]
    rule: str
    cue: tuple[int, int] | None = None  # normalized span of the cue words
    exhaustive: bool = False
    stated_value: float | None = None  # a figure the claim states in words, not a fact (تضاعف = 2, خلال 9 أشهر = 9)
    stated_unit: str | None = None  # times, days, weeks, months, years; points, per_year (a rate per year over several years)
    direction: str | None = None  # up, down
    reason: str = ""  # why the claim cannot be fully checked
    extra: dict = field(default_factory=dict)

    def figs(self, role: str | None = None) -> list[Fig]:
        return [f for r, f in self.ops if role is None or r == role]

    def one(self, role: str) -> Fig | None:
        return next((f for r, f in self.ops if r == role), None)

    @property
    def key(self) -> tuple:
        return (self.kind, tuple(sorted(f.id for _, f in self.ops)))

    def span(self) -> tuple[int, int]:
        pts = [f.s for _, f in self.ops] + [f.e for _, f in self.ops]
        if self.cue:
            pts += list(self.cue)
        return min(pts), max(pts)


# ---------------------------------------------------------------------------
# What a figure is


@lru_cache(maxsize=1)
def _rx() -> dict:
    c = cues()
    nl, nr = NOT_LETTER_BEHIND, NOT_LETTER_AHEAD
    per = {unit: re.compile(rf"{nl}[وف]?{words(ph)}{nr}") for unit, ph in c["per_period"].items()}
    months = {}
    for m, names in lx.context()["months"].items():
        for n in names:
            months[n] = int(m)
    return {
        "per": per,
        "rate_before": re.compile(rf"{nl}(?:{words(c['rate_words'])}){BL}+(?:{WORD_RE.pattern}{BL}+){{0,3}}\Z"),
        "rate_far": re.compile(rf"{nl}(?:{words(c['rate_words'])}){BL}+(?:{WORD_RE.pattern}{BL}+){{1,8}}\Z"),
        "per_adjective": {unit: re.compile(rf"{nl}{words(ph)}{nr}") for unit, ph in c["per_period_adjectives"].items()},
        "month": re.compile(rf"{nl}(?:[وفبل]|ل?شهر{BL}+|في{BL}+|خلال{BL}+)*(?P<m>{words(months)}){nr}"),
        "months": months,
        "year": re.compile(rf"{nl}(?:[وفبل]?(?:عام|العام|سنه|السنه|لعام|للعام)?{BL}*)(?P<y>(?:19|20)\d\d){nr}"),
        "previous": re.compile(rf"{nl}(?:[وفبل]|ال)?{words(c['previous_period'])}{nr}"),
        "clause_end": re.compile(r"[\u060c\u061b;:,()\n]|" + rf"{nl}(?:و)?(?:{words(c['list_stops'])}){nr}"),
        # "A خدمة من أصل T خدمة، أي بنسبة P": what may stand between the whole and the percent that restates the share
        "share_restates": re.compile(rf"(?:{BL}*{WORD}){{0,4}}{BL}*[\u060c,]?{BL}*(?:و{BL}*)?(?:{words(c['share_cues'])})"
                                     rf"(?:{BL}+(?:{words(c['share_cues'])}))?{BL}*"),
        "whole_cue": re.compile(rf"{nl}[وف]?{words(c['whole_after_part'])}(?:{BL}+(?:{words(c['level_filler'])}|عدد|اجمالي))*{BL}*\Z"),
        "part_gap": re.compile(rf"(?:{BL}*{WORD}){{0,5}}{BL}*(?:[\u060c,]{BL}*)?"),
        "change_any": re.compile(rf"{nl}[وفبل]?(?:ال)?(?:{words(c['change_up'])}|{words(c['change_down'])}|{words(c['change_neutral'])}"
                                 rf"|{words(c['change_amount'])}|{words(c['rate_nouns'])}){nr}"),
        "baseline_after": re.compile(rf"{BL}*(?:عن|{words(c['compared_with'])}){nr}"),
    }


def share_of_whole(v: View, p: Fig) -> tuple[Fig, Fig] | None:
    """"بلغ عدد X A من أصل T، أي بنسبة P" (ما يمثل P، ما نسبته P): P restates the share of the part A in the whole T the
    clause has just given, whatever change verb opens the sentence (ارتفع … ليبلغ A من أصل T): (A, T), else None.

    Not a share: a change word between the whole and the percent ("من أصل T، بزيادة P"، "بنسبة نمو P") or a baseline
    after it ("أي بنسبة P عن العام الماضي"); "من A إلى B، أي بنسبة P" has no whole word and stays a growth.
    """
    if not p.pct:
        return None
    R = _rx()
    ss = v.sentence(p)[0]
    whole = v.prev_fig(p, max(ss, p.s - 80))
    if whole is None or whole.pct:
        return None
    gap = v.t[whole.e:p.s]
    if not R["share_restates"].fullmatch(gap) or R["change_any"].search(gap) or R["baseline_after"].match(v.t, p.e):
        return None
    cue = R["whole_cue"].search(v.t, max(ss, whole.s - 40), whole.s)
    if cue is None:
        return None
    part = v.prev_fig(whole, max(ss, cue.start() - 80))
    if part is None or part.pct or not R["part_gap"].fullmatch(v.t, part.e, cue.start()) or R["change_any"].search(v.t, part.e, cue.start()):
        return None
    if part.kind != whole.kind or (part.kind == "money" and part.unit and whole.unit and part.unit != whole.unit):
        return None
    return part, whole


def clause_after(v: View, f: Fig, limit: int = 60) -> str:
    """The words right after a figure, up to the next comma, stop word or figure (at most `limit` characters)."""
    end = min(len(v.t), f.e + limit, v.sentence(f)[1])
    nxt = v.next_fig(f, end)
    if nxt is not None:
        end = min(end, nxt.s)
    text = v.t[f.e:end]
    m = _rx()["clause_end"].search(text)
    return text[:m.start()] if m else text


def per_period(v: View, f: Fig) -> str | None:
    """'300 ألف طلب شهريا' -> month; 'بمعدل 12 ألف يوميا' -> day; 'بمتوسط 3 آلاف' -> avg; else None."""
    if f.pct:
        return None
    if f.id not in v.memo_period:
        v.memo_period[f.id] = _per_period(v, f)
    return v.memo_period[f.id]


def _per_period(v: View, f: Fig) -> str | None:
    R = _rx()
    after = clause_after(v, f, 50)
    for unit, rx in R["per"].items():
        if rx.search(after):
            return unit
    before = v.t[max(v.sentence(f)[0], f.s - 40):f.s]
    m = R["rate_before"].search(before)
    if m and not re.search(r"(?:نمو|الزياده|الارتفاع|التغير|النمو)", m.group()):
        for unit, rx in R["per_adjective"].items():
            if rx.search(m.group()):
                return unit  # "متوسط المعاملات الشهرية 52 ألف": an average per month
        return "avg"
    far = R["rate_far"].search(v.t, max(v.sentence(f)[0], f.s - 90), f.s)
    if far and not re.search(r"(?:نمو|الزياده|الارتفاع|التغير|النمو)", far.group()):
        # "بلغ متوسط عدد الزيارات اليومية للموقع خلال الفترة R": the adjective names the period, further from the figure
        for unit, rx in R["per_adjective"].items():
            if rx.search(far.group()):
                return unit
    return None


def local_period(v: View, f: Fig) -> tuple | None:
    """The period written right after a figure ('3.7 مليون في تموز', '52 مليون في عام 2019'): (year or None, month or None, previous?)."""
    R = _rx()
    after = clause_after(v, f, 45)
    y = R["year"].search(after)
    m = R["month"].search(after)
    prev = R["previous"].search(after)
    if not (y or m or prev):
        return None
    return (int(y.group("y")) if y else None, R["months"][m.group("m")] if m else None, bool(prev))


def period_key(v: View, f: Fig) -> tuple | None:
    """A sortable period for a figure: the one written after it, else the facts' period_iso (year, month)."""
    lp = local_period(v, f)
    if lp is not None and (lp[0] or lp[1]):
        return (lp[0] or 0, lp[1] or 0)
    iso = f.period_iso
    if iso and iso[:4].isdigit():
        month = int(iso[5:7]) if len(iso) >= 7 and iso[4] == "-" and iso[5:7].isdigit() else 0
        return (int(iso[:4]), month)
    if iso and iso.startswith("--"):
        return (0, int(iso[2:4]))
    return None


def periods_apart(a: Fig, b: Fig) -> bool:
    """Two figures whose periods are both read from the text and do not meet (2023 and 2024): one cannot be a part of
    the other. A period the facts took from the article as a whole (period:article) is a guess and proves nothing."""
    if not (a.period_start and a.period_end and b.period_start and b.period_end):
        return False
    if "period:article" in a.rule or "period:article" in b.rule:
        return False
    return str(a.period_end)[:10] < str(b.period_start)[:10] or str(b.period_end)[:10] < str(a.period_start)[:10]


_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ف", "ل", "ك")
_SUFFIXES = ("ات", "ين", "ون", "ان", "ه", "ي", "ا")


@lru_cache(maxsize=65536)
def stems(word: str) -> frozenset[str]:
    """The plausible stems of a noun as written: with and without a clitic or the article, a plural or feminine ending
    ("البطاقات" and "بطاقة" share "بطاق"; a root letter that looks like a clitic, ب of بطاقة, is kept in one reading)."""
    bases = {word}
    for pre in _PREFIXES:
        if word.startswith(pre) and len(word) - len(pre) >= 3:
            bases.add(word[len(pre):])
    out = set()
    for b in bases:
        out.add(b)
        for suf in _SUFFIXES:
            if b.endswith(suf) and len(b) - len(suf) >= 3:
                out.add(b[: -len(suf)])
    return frozenset(out)


def stem(word: str) -> frozenset[str]:
    """Alias of `stems` (a set: two words match when their stems meet)."""
    return stems(word)


_GENERIC_HEADS = ("عدد", "اعداد", "اجمالي", "قيمه", "حجم", "مجموع", "نسبه", "اجماليه", "العدد", "الاجمالي", "القيمه", "الحجم")


def head(f: Fig) -> frozenset[str]:
    """The stems of the head noun of a figure's measure phrase (empty when it has none)."""
    if not f.measure_ar:
        return frozenset()
    from ..normalize import normalize

    for w in WORD_RE.findall(normalize(f.measure_ar).text):
        if w in _GENERIC_HEADS:
            continue
        return stems(w)
    return frozenset()


def same_measure(a: Fig, b: Fig) -> bool:
    """Whether two figures count the same thing: same canonical measure, or head nouns with a stem in common."""
    if a.measure and b.measure:
        return a.measure == b.measure
    return bool(head(a) & head(b))


_FUNCTION = {"في", "من", "على", "علي", "الى", "الي", "عن", "مع", "خلال", "عدد", "اعداد", "اجمالي", "حجم", "قيمه", "مجموع", "التي", "الذي",
             "ان", "او", "ما", "هذا", "هذه", "بلغ", "بلغت", "وصل", "وصلت", "العام", "عام", "الشهر", "شهر", "الحالي", "الماضي"}


def content_stems(text: str) -> list[frozenset[str]]:
    """The content words of a phrase (function words and count heads left out), each as its set of stems."""
    return [stems(w) for w in WORD_RE.findall(text) if len(w) > 2 and w not in _FUNCTION]


def phrase_of(v: View, f: Fig) -> list[frozenset[str]]:
    """What a figure counts, in words: its measure phrase, or the count subject before it in its clause (عدد الحركات الإلكترونية …)."""
    from ..normalize import normalize

    words = content_stems(normalize(f.measure_ar).text) if f.measure_ar else []
    lo = max(v.sentence(f)[0], f.s - 120)
    before = v.t[lo:f.s]
    k = max(before.rfind("عدد "), before.rfind("اجمالي "), before.rfind("حجم "), before.rfind("قيمه "))
    if k >= 0:
        words += content_stems(before[k:])
    return words


def names_figure(v: View, lo: int, hi: int, f: Fig) -> bool:
    """Whether t[lo:hi] names figure f by repeating what it counts (two content words of its phrase or more)."""
    window = set().union(*content_stems(v.t[lo:hi])) if hi > lo else set()
    hits = {i for i, st in enumerate(phrase_of(v, f)) if st & window}
    return len(hits) >= 2


@lru_cache(maxsize=1)
def _families() -> dict[str, str]:
    return {m: fam for fam, ms in cues()["measure_families"].items() for m in ms}


def family(measure: str | None) -> str | None:
    """The family of a canonical measure (activity, people, money), else the measure itself."""
    return _families().get(measure, measure) if measure else None


def clash(a: Fig, b: Fig) -> bool:
    """Two figures that cannot count one kind of thing: percent vs count, two currencies, measures of two families
    (operations and licence renewals are one family: a renewal is an operation; users and operations are not)."""
    if a.pct != b.pct:
        return True
    if a.kind == "money" and b.kind == "money" and a.unit and b.unit and a.unit != b.unit:
        return True
    if a.measure and b.measure and a.measure != b.measure:
        return family(a.measure) != family(b.measure)
    return False


def compatible(v: View, a: Fig, b: Fig, syntactic: bool = False, shared_unit: bool = False) -> bool:
    """Whether two figures measure the same kind of quantity, so that one can be compared with the other.

    `syntactic`: the sentence itself pairs them (من A إلى B, B مقارنة بـ A), so the measure
    written with one covers the other (a measure of the same family); otherwise they must
    have the same measure. `shared_unit`: one unit is written for both ("من 30 إلى 75 درهما"،
    "من 1000 إلى 800 مراجع يوميا"), whatever was inferred for the first.
    """
    if a.pct != b.pct:
        return False
    if a.kind == "money" and b.kind == "money" and a.unit and b.unit and a.unit != b.unit and not shared_unit:
        return False
    if (a.kind == "money") != (b.kind == "money"):
        # a bare amount next to a currency amount ("4.6 مليار ... مقارنة بـ 3.9 مليار درهم")
        bare = b if a.kind == "money" else a
        if not syntactic or not (bare.measure is None or same_measure(a, b)):
            return False  # a bare amount next to a currency amount, its currency left out ("4.6 مليار … مقارنة بـ 3.9 مليار درهم")
    if per_period(v, a) != per_period(v, b) and not shared_unit:
        return False  # never a monthly average against a half-year total
    if syntactic:
        return not (a.measure and b.measure and family(a.measure) != family(b.measure))
    return same_measure(a, b)


def search_back(rx: re.Pattern, text: str, lo: int, hi: int):
    """The last match of rx in text[lo:hi]."""
    last = None
    for m in rx.finditer(text, lo, hi):
        last = m
    return last


def gap_has_figure(v: View, a: int, b: int) -> bool:
    return bool(v.between(a, b))
