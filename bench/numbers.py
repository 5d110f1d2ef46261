"""Benchmark arqam's number reader against pyarabic, side by side, in one run.

What it measures (it prints figures; nothing here asserts a timing):
1. Corpus: a deterministic (fixed seed) Arabic news corpus of at least 5 MiB of
   characters, built in memory from the prose sentences of seeds/*.txt (sentences
   with no digit and no gold figure) mixed with generated sentences that carry
   figures in the forms news uses: spelled-out compounds (accusative واحدا / ألفا /
   مليونا, مئة and مائة spellings, hamza-less الف), Western and Arabic-Indic digits
   with thousands separators, decimals with a scale word ("2.9 مليون"), percents
   (%, U+066A, بالمائة, في المئة, spelled), hedges (أكثر من، قرابة، نحو ...), years
   and money. It prints the size in characters and UTF-8 bytes and how many
   figures were planted.
2. arqam.find_numbers over the whole corpus on one core (best of 3: seconds,
   chars/s, mentions found), then over the corpus as ~3,000-character documents
   (one call per document, the way the pipeline calls it), plus the share of
   planted figures it recovers (same value and kind, overlapping span). For
   reference, the ceiling of any reader built on one regex pass: the reader's
   own token regex run once over the same text, doing nothing with its matches.
3. The peer, pyarabic.number.extract_number_phrases (the function that finds
   number phrases in running text), on the same corpus, alone and followed by
   pyarabic.number.text2number on every phrase. If pyarabic is not importable
   the peer is skipped with a line saying why. The whole-corpus runs of both
   readers alternate (arqam, pyarabic, arqam, ...) so that a change in the
   machine's load during the run weighs on both alike.
4. Accuracy on the 20 rows of tests/data/news_sentences.tsv for both readers.
5. Peak memory of find_numbers on the whole corpus (tracemalloc), and the
   process's maximum RSS.
6. A closing table: reader, chars/s, ratio to pyarabic, accuracy; whether
   arqam meets the 2,000,000 chars/s target and whether it reads at least as
   fast as pyarabic (printed lines, not asserts).

Run it with `make bench` (creates .venv and installs `.[dev,bench]`, which has
pyarabic), or `.venv/bin/python bench/numbers.py` from anywhere. Timings depend
on the machine and its load: read them as ratios within one run.
"""

from __future__ import annotations

import os
import sys

# This file shares its name with the standard library's `numbers`, which decimal
# and fractions (so arqam) import. Run as a script, its folder is sys.path[0] and
# would shadow the real module: drop that folder before anything imports it.
_BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
if __name__ == "numbers":  # imported in place of the standard library's module
    raise ImportError(
        f"{__file__} is a benchmark script, not the standard library's `numbers` module: "
        f"a script in {_BENCH_DIR} that imports decimal, fractions or arqam must first remove "
        "its own folder from sys.path, as this file does"
    )
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _BENCH_DIR]

import csv  # noqa: E402  (after the sys.path fix above)
import gc
import hashlib
import json
import platform
import random
import re
import resource
import time
import tracemalloc
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

try:
    import arqam
except ImportError:  # not installed: fall back on the source tree
    sys.path.insert(0, str(ROOT / "lib"))
    import arqam
from arqam import find_numbers
from arqam.numbers.patterns import matchers

SEED = 20240601  # corpus seed: the same corpus on every run
CORPUS_MIN_CHARS = 5 * 1024 * 1024  # at least 5 MiB of characters
DOC_CHARS = 3_000  # a generated document is closed once it reaches this length
FIGURE_SENTENCE_SHARE = 0.30  # share of sentences that are generated figure sentences
HEDGE_SHARE = 0.35  # share of counts preceded by a hedge
REPEATS = 3  # best of
TARGET_CHARS_PER_S = 2_000_000

SEEDS_DIR = ROOT / "seeds"
GOLD_MENTIONS = ROOT / "tests" / "data" / "gold" / "mentions.jsonl"
NEWS_SENTENCES = ROOT / "tests" / "data" / "news_sentences.tsv"

_RE_SENTENCE_END = re.compile(r"(?<=[.!?\u061f])[ \u00a0]+|\n+")
_RE_DIGIT = re.compile(r"\d")  # str pattern: Western and Arabic-Indic digits alike
_RE_SLOT = re.compile(r"(<count>|<hcount>|<pct>|<year>|<money>)")
_TO_ARABIC_INDIC = str.maketrans("0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669")
ARABIC_THOUSANDS_SEP = "\u066c"
ARABIC_DECIMAL_SEP = "\u066b"
ARABIC_PERCENT = "\u066a"


# ---------------------------------------------------------------------------
# int -> Arabic words (news register: loose gender agreement, both case forms)

_UNITS_M = ["", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"]
_UNITS_F = ["", "واحدة", "اثنتان", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع"]
# accusative with a visible ending, as in "سبعا وتسعين" (seed 000)
_UNITS_F_ACC = ["", "واحدة", "اثنتين", "ثلاثا", "أربعا", "خمسا", "ستا", "سبعا", "ثمانيا", "تسعا"]
_TENS_NOM = ["", "عشرة", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"]
_TENS_ACC = ["", "عشرة", "عشرين", "ثلاثين", "أربعين", "خمسين", "ستين", "سبعين", "ثمانين", "تسعين"]
_HUNDRED_STEMS = ["", "", "", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"]
# (singular, dual nominative, dual accusative/genitive, plural, singular accusative)
_SCALES = [
    (10**9, ("مليار", "ملياران", "مليارين", "مليارات", "مليارا")),
    (10**6, ("مليون", "مليونان", "مليونين", "ملايين", "مليونا")),
    (10**3, ("ألف", "ألفان", "ألفين", "آلاف", "ألفا")),
]


@dataclass(frozen=True)
class Spelling:
    """How to spell one number.

    Attributes:
        acc: accusative/genitive forms (عشرين، اثنين، ألفين، واحدا) instead of nominative.
        fem: feminine unit and teen forms (ثلاث، إحدى عشرة).
        mia: the spelling of 100: "مئة" or "مائة".
        hamza: write ألف/آلاف with hamza; False gives the common الف/الاف.
    """

    acc: bool = True
    fem: bool = False
    mia: str = "مئة"
    hamza: bool = True


def _below_100(n: int, sp: Spelling, lead: bool) -> str:
    """Spell 1..99."""
    units = _UNITS_F if sp.fem else _UNITS_M
    tens = _TENS_ACC if sp.acc else _TENS_NOM
    if n < 10:
        if n == 2 and sp.acc:
            return "اثنتين" if sp.fem else "اثنين"
        return units[n]
    if n == 10:
        return "عشر" if sp.fem else "عشرة"
    if n < 20:
        u = n - 10
        if u == 1:
            return "إحدى عشرة" if sp.fem else "أحد عشر"
        if u == 2:
            if sp.fem:
                return "اثنتي عشرة" if sp.acc else "اثنتا عشرة"
            return "اثني عشر" if sp.acc else "اثنا عشر"
        return f"{units[u]} عشرة" if sp.fem else f"{units[u]} عشر"
    t, u = divmod(n, 10)
    if u == 0:
        return tens[t]
    if u == 1:
        unit = "واحدا" if (sp.acc and lead and not sp.fem) else units[1]
    elif u == 2:
        unit = ("اثنتين" if sp.fem else "اثنين") if sp.acc else units[2]
    else:
        unit = _UNITS_F_ACC[u] if (sp.acc and sp.fem and lead) else units[u]
    return f"{unit} و{tens[t]}"


def _hundreds(h: int, sp: Spelling, construct: bool) -> str:
    """Spell h*100 for h in 1..9; construct state (مئتا/مئتي) before a scale word."""
    mia = sp.mia
    if h == 1:
        return mia
    if h == 2:
        two = mia[:-1] + "ت"  # مئت / مائت
        if construct:
            return two + ("ي" if sp.acc else "ا")
        return two + ("ين" if sp.acc else "ان")
    return _HUNDRED_STEMS[h] + mia


def _group(n: int, sp: Spelling, lead: bool, construct: bool) -> str:
    """Spell 1..999; construct applies when n is a whole hundred before a scale word."""
    h, rest = divmod(n, 100)
    parts = []
    if h:
        parts.append(_hundreds(h, sp, construct and rest == 0))
    if rest:
        parts.append(_below_100(rest, sp, lead and not h))
    return " و".join(parts)


def _scaled(g: int, forms: tuple[str, ...], sp: Spelling, lead: bool, alone: bool = False) -> str:
    """Spell g times one scale (1 <= g <= 999): ألف، ألفان، ثلاثة آلاف، أحد عشر ألفا، مئة ألف.

    alone: the scale word is the whole number, right before its counted noun
    ("مليار مستخدم"): genitive, since "مليارا مستخدم" reads as the dual (two billion).
    """
    sing, dual_nom, dual_acc, plural, sing_acc = forms
    if not sp.hamza:
        sing, dual_nom, dual_acc, plural, sing_acc = (w.replace("أ", "ا").replace("آ", "ا") for w in forms)
    if g == 1:
        return sing_acc if sp.acc and not alone else sing
    if g == 2:
        return dual_acc if sp.acc else dual_nom
    rest = g % 100
    counted = plural if 3 <= rest <= 10 else sing_acc if rest >= 11 else sing
    return f"{_group(g, sp, lead, construct=True)} {counted}"


def spell(n: int, sp: Spelling = Spelling()) -> str:
    """Spell a positive integer below 10**12 in Arabic words.

    Args:
        n: the integer (1 <= n < 10**12).
        sp: case, gender and spelling choices.
    Returns:
        The words, groups joined by " و" as news writes them
        (e.g. 41090000 -> "واحدا وأربعين مليونا وتسعين ألفا").
    """
    if not 1 <= n < 10**12:
        raise ValueError(f"spell() covers 1..10**12-1, got {n}")
    parts = []
    for size, forms in _SCALES:
        g, rest = divmod(n, size)
        if g:
            parts.append(_scaled(g, forms, sp, lead=not parts, alone=not parts and rest == 0))
        n = rest
    if n:
        parts.append(_group(n, sp, lead=not parts, construct=False))
    return " و".join(parts)


# ---------------------------------------------------------------------------
# Figures in the forms news writes them

@dataclass(frozen=True)
class Figure:
    """A generated figure: its text as written, its value and kind."""

    text: str
    value: int | float
    kind: str


def _pick_count(rng: random.Random) -> int:
    """A count as news reports them: small, thousands or millions, often rounded."""
    r = rng.random()
    if r < 0.35:
        n = rng.randint(2, 999)
    elif r < 0.7:
        n = rng.randint(1_000, 999_999)
    else:
        n = rng.randint(1_000_000, 2_000_000_000)
    if n >= 1_000 and rng.random() < 0.3:  # rounded to 2 significant digits
        q = 10 ** (len(str(n)) - 2)
        n = n // q * q
    return n


def _digits(n: int, rng: random.Random, indic: bool) -> str:
    """Write n in digits, with a thousands separator from 1,000 (sometimes plain from 10,000)."""
    if n >= 10_000 and rng.random() < 0.15:
        s = str(n)
    else:
        s = f"{n:,}"
    if indic:
        s = s.translate(_TO_ARABIC_INDIC).replace(",", ARABIC_THOUSANDS_SEP if rng.random() < 0.7 else ",")
    return s


def _spelling(rng: random.Random) -> Spelling:
    """Random case, gender and spelling choices, weighted toward what news writes."""
    return Spelling(
        acc=rng.random() < 0.7,
        fem=rng.random() < 0.4,
        mia="مئة" if rng.random() < 0.6 else "مائة",
        hamza=rng.random() < 0.85,
    )


def fig_count(rng: random.Random) -> Figure:
    """A count: spelled out, digits (Western or Arabic-Indic) or a decimal with a scale word."""
    r = rng.random()
    if r < 0.35:
        n = _pick_count(rng)
        return Figure(spell(n, _spelling(rng)), n, "number")
    if r < 0.75:
        n = _pick_count(rng)
        return Figure(_digits(n, rng, indic=rng.random() < 0.3), n, "number")
    return _scaled_digits(rng, "number")


def _scaled_digits(rng: random.Random, kind: str) -> Figure:
    """'2.9 مليون', '٢٫٥ مليار', '900 الف', '3 ملايين'."""
    (size, forms) = rng.choice(_SCALES[:2] if rng.random() < 0.6 else _SCALES[1:])
    sing, _, _, plural, sing_acc = forms
    if rng.random() < 0.55:
        mant = Decimal(rng.randint(11, 999)) / (10 if rng.random() < 0.7 else 100)
        mant = mant.normalize()
        word = sing
    else:
        mant = Decimal(rng.choice([rng.randint(2, 99), rng.randint(100, 900) // 10 * 10]))
        word = plural if 3 <= mant <= 10 else sing_acc if mant >= 11 and rng.random() < 0.3 else sing
    if rng.random() < 0.15:
        word = word.replace("أ", "ا").replace("آ", "ا")
    num = format(mant, "f")
    if rng.random() < 0.3:
        num = num.translate(_TO_ARABIC_INDIC).replace(".", ARABIC_DECIMAL_SEP)
    return Figure(f"{num} {word}", int(mant * size), kind)


def fig_percent(rng: random.Random) -> Figure:
    """A percent in any of its written forms; value is the percent (45 for 45%)."""
    if rng.random() < 0.2:
        p: int | Decimal = (Decimal(rng.randint(11, 999)) / 10).normalize()
    else:
        p = rng.randint(1, 99)
    num = format(p, "f")
    value = int(p) if p == int(p) else float(p)
    indic = num.translate(_TO_ARABIC_INDIC).replace(".", ARABIC_DECIMAL_SEP)
    form = rng.randrange(9)
    if form == 8 and isinstance(p, int):
        after = rng.choice(["بالمائة", "بالمئة", "في المئة", "في المائة"])
        return Figure(f"{spell(p, _spelling(rng))} {after}", value, "percent")
    text = [
        f"{num}%",
        f"%{num}",
        f"{num}{ARABIC_PERCENT}",
        f"{indic}{ARABIC_PERCENT}",
        f"{num} بالمائة",
        f"{num} بالمئة",
        f"{num} في المئة",
        f"{indic}%",
        f"{num} في المائة",
    ][form]
    return Figure(text, value, "percent")


def fig_year(rng: random.Random) -> Figure:
    """A year in digits, mostly Western (the template puts عام before it)."""
    y = rng.randint(2005, 2030)
    text = str(y) if rng.random() < 0.8 else str(y).translate(_TO_ARABIC_INDIC)
    return Figure(text, y, "year")


def fig_money(rng: random.Random) -> Figure:
    """An amount before a currency word (the currency is not part of the span)."""
    if rng.random() < 0.5:
        return _scaled_digits(rng, "money")
    n = _pick_count(rng)
    return Figure(_digits(n, rng, indic=rng.random() < 0.3), n, "money")


_HEDGES = ["أكثر من ", "قرابة ", "نحو ", "ما يتجاوز ", "حوالي ", "ما يزيد على ", "أقل من ", "ما يقارب "]
_SUBJECTS = [
    "منصة أبشر", "وزارة الداخلية", "بوابة الخدمات الحكومية", "المديرية العامة للجوازات",
    "منصة سند", "وزارة الاقتصاد الرقمي والريادة", "الأحوال المدنية", "منصة توكلنا",
    "بوابة مصر الرقمية", "منصة سهل", "هيئة الحكومة الرقمية", "دائرة الجمارك",
]
_VERBS = ["نفذت", "سجلت", "أنجزت", "استقبلت", "قدمت", "عالجت"]
_NOUNS = ["عملية إلكترونية", "طلب", "معاملة", "خدمة", "مستخدم", "زيارة", "رسالة نصية", "حركة إلكترونية", "تقرير", "موعد"]
_NOUNS_PL = ["العمليات", "الطلبات", "المعاملات", "الحركات الإلكترونية", "الزيارات", "الخدمات الرقمية"]
_MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
_PERIODS = ["خلال شهر {m}", "خلال الربع الأخير", "منذ مطلع العام", "خلال العام الماضي", "في {m} الماضي", "خلال الفترة نفسها"]
_CURRENCIES = ["ريال", "دينار", "جنيه", "دولار", "درهم"]
_TEMPLATES = [
    "{subj} {verb} <hcount> {noun} {period}.",
    "وبلغ إجمالي {noun_pl} <hcount> {noun} {period}، بنسبة نمو بلغت <pct> مقارنة بالفترة نفسها من العام الماضي.",
    "وأوضحت {subj} أن عدد المستفيدين تجاوز <count> مستفيد {period}.",
    "وارتفعت نسبة الخدمات المقدمة إلكترونيا إلى <pct> من إجمالي الخدمات.",
    "<pct> نمو {noun_pl} على {subj}",
    "وتستقبل {subj} <hcount> {noun} يوميا، فيما تعالج <count> {noun} كل أسبوع.",
    "وبلغت قيمة المعاملات المنفذة عبر {subj} <money> {cur} {period}.",
    "وكانت {subj} قد أطلقت خدماتها في عام <year>، ويبلغ عدد مستخدميها اليوم <hcount> مستخدم.",
    "وأشارت البيانات إلى أن <pct> من {noun_pl} أنجزت دون زيارة الفروع.",
    "وسجلت {subj} <count> {noun} مقابل <count> {noun} في العام السابق، بزيادة قدرها <pct>.",
    "وتوقعت {subj} أن يصل عدد {noun_pl} إلى <hcount> {noun} بحلول عام <year>.",
    "وخلال عام <year> تجاوزت قيمة المدفوعات الإلكترونية <money> {cur}.",
]


def figure_sentence(rng: random.Random, end: str = ".") -> tuple[str, list[tuple[int, int, Figure]]]:
    """One generated news sentence ending in `end`, and its figures as (start, end, figure).

    Args:
        rng: the corpus's random generator.
        end: the closing punctuation ("" for a headline).
    Returns:
        The sentence and its figures, offsets relative to the sentence.
    """
    template = rng.choice(_TEMPLATES)
    if template.endswith("."):
        template = template[:-1] + end
    words = {
        "subj": rng.choice(_SUBJECTS), "verb": rng.choice(_VERBS), "noun": rng.choice(_NOUNS),
        "noun_pl": rng.choice(_NOUNS_PL), "cur": rng.choice(_CURRENCIES),
        "period": rng.choice(_PERIODS).format(m=rng.choice(_MONTHS)),
    }
    out: list[str] = []
    figs: list[tuple[int, int, Figure]] = []
    pos = 0
    for part in _RE_SLOT.split(template):
        if part == "<hcount>":
            if rng.random() < HEDGE_SHARE:
                hedge = rng.choice(_HEDGES)
                out.append(hedge)
                pos += len(hedge)
            part = "<count>"
        if part.startswith("<"):
            f = {"<count>": fig_count, "<pct>": fig_percent, "<year>": fig_year, "<money>": fig_money}[part](rng)
            figs.append((pos, pos + len(f.text), f))
            text = f.text
        else:
            text = part.format_map(words)
        out.append(text)
        pos += len(text)
    return "".join(out), figs


# ---------------------------------------------------------------------------
# Corpus

@dataclass
class Corpus:
    """Documents, their concatenation and the planted figures (offsets in `text`)."""

    docs: list[str]
    text: str
    planted: list[tuple[int, int, Figure]]


def seed_prose() -> list[str]:
    """Sentences of seeds/*.txt that carry no figure: no digit and no gold mention."""
    gold: dict[str, list[tuple[int, int]]] = {}
    with GOLD_MENTIONS.open(encoding="utf-8") as f:
        for line in f:
            m = json.loads(line)
            gold.setdefault(m["doc"], []).append((m["start"], m["end"]))
    prose = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        spans = gold.get(path.stem, [])
        start = 0
        for m in [*_RE_SENTENCE_END.finditer(raw), None]:
            end = m.start() if m else len(raw)
            sent = raw[start:end].strip()
            lo = start + (len(raw[start:end]) - len(raw[start:end].lstrip()))
            hi = lo + len(sent)
            start = m.end() if m else len(raw)
            if len(sent) < 25 or _RE_DIGIT.search(sent):
                continue
            if any(s < hi and e > lo for s, e in spans):
                continue
            prose.append(sent)
    return prose


def build_corpus(min_chars: int = CORPUS_MIN_CHARS, seed: int = SEED) -> Corpus:
    """Assemble the corpus: ~DOC_CHARS documents of headline + paragraphs, joined by blank lines.

    Args:
        min_chars: stop once the corpus has at least this many characters.
        seed: the random seed (same seed, same corpus).
    Returns:
        The Corpus with every generated figure's span and value.
    """
    rng = random.Random(seed)
    prose = seed_prose()
    docs: list[str] = []
    planted: list[tuple[int, int, Figure]] = []
    total = 0
    while total < min_chars:
        doc_start = total + (2 if docs else 0)  # "\n\n" between documents
        parts: list[str] = []
        pos = 0

        def add(text: str, figs: list, sep: str) -> None:
            nonlocal pos
            if parts:
                parts.append(sep)
                pos += len(sep)
            for s, e, f in figs:
                planted.append((doc_start + pos + s, doc_start + pos + e, f))
            parts.append(text)
            pos += len(text)

        if rng.random() < 0.5:
            add(*figure_sentence(rng, end=""), "")
        else:
            add(rng.choice(prose), [], "")
        while pos < DOC_CHARS:
            sep = "\n"
            for _ in range(rng.randint(2, 4)):
                if rng.random() < FIGURE_SENTENCE_SHARE:
                    add(*figure_sentence(rng), sep)
                else:
                    add(rng.choice(prose), [], sep)
                sep = " "
        doc = "".join(parts)
        docs.append(doc)
        total = doc_start + len(doc)
    text = "\n\n".join(docs)
    return Corpus(docs, text, planted)


# ---------------------------------------------------------------------------
# Measuring

def best_of(fn, repeats: int = REPEATS):
    """Run fn() `repeats` times; return (best seconds, last result)."""
    best = float("inf")
    result = None
    for _ in range(repeats):
        result = None
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def same_value(a: float, b: float) -> bool:
    """True when two values are equal up to float rounding."""
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def recovered(found: list, planted: list[tuple[int, int, Figure]]) -> tuple[int, int]:
    """Planted figures matched by a mention overlapping their span: (same value and kind, same value)."""
    both = value_only = 0
    i = 0
    for s, e, f in planted:  # both lists are sorted by start
        while i < len(found) and found[i].end <= s:
            i += 1
        j = i
        hit_v = hit_vk = False
        while j < len(found) and found[j].start < e:
            if same_value(found[j].value, f.value):
                hit_v = True
                hit_vk = hit_vk or found[j].kind == f.kind
            j += 1
        both += hit_vk
        value_only += hit_v
    return both, value_only


def load_news_sentences() -> list[dict]:
    """Rows of tests/data/news_sentences.tsv with value as int (or float when it has a point)."""
    with NEWS_SENTENCES.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    for r in rows:
        r["value"] = float(r["value"]) if "." in r["value"] else int(r["value"])
    return rows


def arqam_right(row: dict) -> bool:
    """True when find_numbers finds a figure of the row's kind with the row's value."""
    return any(m.kind == row["kind"] and same_value(m.value, row["value"]) for m in find_numbers(row["text"]))


def fmt_rate(x: float | None) -> str:
    """A rate with thousands separators, or n/a when the reader was skipped."""
    return "n/a" if x is None else f"{x:,.0f}"


def main() -> None:
    """Build the corpus, run both readers, print every figure and the summary table."""
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cpus,"
          f" load average {os.getloadavg()[0]:.2f}; arqam {arqam.__version__} from {Path(arqam.__file__).parent}")

    # 1. corpus
    t0 = time.perf_counter()
    corpus = build_corpus()
    build_s = time.perf_counter() - t0
    text = corpus.text
    n_chars, n_bytes = len(text), len(text.encode("utf-8"))
    kinds = Counter(f.kind for _, _, f in corpus.planted)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    print(f"\n[1] corpus (seed {SEED}, sha256 {digest}..., built in {build_s:.1f} s)")
    print(f"    {n_chars:,} chars, {n_bytes:,} UTF-8 bytes ({n_bytes / 2**20:.1f} MiB), {len(corpus.docs):,} documents"
          f" of ~{n_chars // len(corpus.docs):,} chars (~{n_bytes // len(corpus.docs):,} bytes)")
    print(f"    {len(corpus.planted):,} figures planted, one per {n_chars / len(corpus.planted):,.0f} chars: "
          + ", ".join(f"{k} {v:,}" for k, v in kinds.most_common()))

    # 2. arqam (whole-corpus runs alternate with pyarabic's, see [3])
    t0 = time.perf_counter()
    find_numbers("بلغ عددها 12 عملية")  # builds the compiled matchers once
    cold_s = time.perf_counter() - t0
    try:
        from pyarabic import number as pynum
    except ImportError:
        pynum = None
    gc.collect()
    whole_s = py_s = float("inf")
    found = phrases = None
    for _ in range(REPEATS):
        s, found = best_of(lambda: find_numbers(text), 1)
        whole_s = min(whole_s, s)
        if pynum is not None:
            s, phrases = best_of(lambda: pynum.extract_number_phrases(text), 1)
            py_s = min(py_s, s)
    arqam_rate = n_chars / whole_s
    token_rx = matchers()["token"]
    ceiling_s, n_matches = best_of(lambda: sum(1 for _ in token_rx.finditer(text)))
    ceiling_rate = n_chars / ceiling_s

    def per_doc() -> int:
        return sum(len(find_numbers(d)) for d in corpus.docs)

    gc.collect()
    doc_s, doc_found = best_of(per_doc)
    doc_rate = n_chars / doc_s
    hit_vk, hit_v = recovered(found, corpus.planted)
    print(f"\n[2] arqam.find_numbers, one core, best of {REPEATS} (first call builds the matchers: {cold_s * 1000:.0f} ms)")
    print(f"    whole corpus : {whole_s:6.2f} s  {arqam_rate:12,.0f} chars/s  {len(found):,} mentions")
    print(f"    per document : {doc_s:6.2f} s  {doc_rate:12,.0f} chars/s  {doc_found:,} mentions"
          f" ({len(corpus.docs):,} calls, {doc_s / len(corpus.docs) * 1e6:,.0f} us per document)")
    print(f"    single regex pass (ceiling): {ceiling_s:6.2f} s  {ceiling_rate:12,.0f} chars/s  {n_matches:,} token matches;"
          f" find_numbers runs at {arqam_rate / ceiling_rate:.0%} of it")
    print("    mentions by kind: " + ", ".join(f"{k} {v:,}" for k, v in Counter(m.kind for m in found).most_common()))
    print(f"    planted figures recovered: {hit_vk:,}/{len(corpus.planted):,} ({hit_vk / len(corpus.planted):.1%}) same value and kind;"
          f" {hit_v:,} ({hit_v / len(corpus.planted):.1%}) same value")

    # 3. pyarabic
    rows = load_news_sentences()
    arqam_ok = sum(arqam_right(r) for r in rows)
    py_rate = py_conv_rate = None
    py_ok = None
    try:
        import pyarabic
        from pyarabic import number as pynum
        from importlib.metadata import version
    except ImportError as exc:
        print(f"\n[3] pyarabic peer SKIPPED: pyarabic is not importable ({type(exc).__name__}: {exc});"
              " `make bench` installs it with the bench extra")
    else:
        print(f"\n[3] pyarabic {version('pyarabic')} number.extract_number_phrases, whole corpus, one core, best of {REPEATS}"
              " (runs alternating with arqam's whole-corpus runs)")
        py_rate = n_chars / py_s

        def phrases_and_values() -> list:
            return [pynum.text2number(p) for p in pynum.extract_number_phrases(text)]

        gc.collect()
        conv_s, values = best_of(phrases_and_values)
        py_conv_rate = n_chars / conv_s
        nonzero = sum(1 for v in values if v)
        planted_values = Counter(f.value for _, _, f in corpus.planted)
        py_values = Counter(values)
        value_hits = sum(min(c, py_values[v]) for v, c in planted_values.items())
        print(f"    phrases only         : {py_s:6.2f} s  {py_rate:12,.0f} chars/s  {len(phrases):,} phrases")
        print(f"    phrases + text2number: {conv_s:6.2f} s  {py_conv_rate:12,.0f} chars/s  {nonzero:,} phrases with a non-zero value")
        print(f"    planted values among its values (multiset match, no offsets): {value_hits:,}/{len(corpus.planted):,}"
              f" ({value_hits / len(corpus.planted):.1%})")
        # pyarabic.__file__ keeps the import honest about which copy ran
        print(f"    (pyarabic from {Path(pyarabic.__file__).parent})")
        py_ok = sum(
            any(same_value(pynum.text2number(p), r["value"]) for p in pynum.extract_number_phrases(r["text"]))
            for r in rows
        )

    # 4. accuracy
    n_digit_rows = sum(1 for r in rows if _RE_DIGIT.search(r["text"]))
    print(f"\n[4] accuracy on {NEWS_SENTENCES.relative_to(ROOT)} ({len(rows)} rows, {n_digit_rows} written with digits)")
    py_acc = "skipped" if py_ok is None else f"{py_ok}/{len(rows)}"
    print(f"    arqam {arqam_ok}/{len(rows)}, pyarabic {py_acc}")

    # 5. memory
    del found
    gc.collect()
    tracemalloc.start()
    t0 = time.perf_counter()
    mentions = find_numbers(text)
    traced_s = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del mentions
    maxrss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print("\n[5] memory")
    print(f"    find_numbers(whole corpus) tracemalloc peak: {peak / 2**20:,.1f} MiB"
          f" ({peak / n_chars:.1f} bytes per corpus char; run took {traced_s:.1f} s under tracing)")
    print(f"    process max RSS so far (interpreter, corpus, every reader run above): {maxrss_kib / 1024:,.0f} MiB")

    # 6. table
    def ratio(rate: float | None) -> str:
        return "n/a" if rate is None or py_rate is None else f"{rate / py_rate:.2f}x"

    table = [
        ("arqam find_numbers, whole corpus", arqam_rate, f"{arqam_ok}/{len(rows)}"),
        ("arqam find_numbers, per document", doc_rate, f"{arqam_ok}/{len(rows)}"),
        ("pyarabic extract_number_phrases", py_rate, py_acc),
        ("pyarabic phrases + text2number", py_conv_rate, py_acc),
    ]
    print(f"\n[6] summary ({n_chars:,} chars, one core)")
    print(f"    {'reader':<34} {'chars/s':>12} {'vs pyarabic':>12} {'news_sentences':>15}")
    for name, rate, acc in table:
        print(f"    {name:<34} {fmt_rate(rate):>12} {ratio(rate):>12} {acc:>15}")
    for label, rate in (("whole corpus", arqam_rate), ("per document", doc_rate)):
        verdict = "meets" if rate >= TARGET_CHARS_PER_S else "does NOT meet"
        print(f"    arqam {label}: {rate:,.0f} chars/s {verdict} the target of {TARGET_CHARS_PER_S:,} chars/s")
    if py_rate is not None:
        verdict = "at least as fast as" if arqam_rate >= py_rate else "SLOWER than"
        print(f"    arqam whole corpus is {arqam_rate / py_rate:.2f}x pyarabic's chars/s: {verdict} pyarabic on the same corpus in this run")
    print(f"    single regex pass over the same text (ceiling, for reference): {ceiling_rate:,.0f} chars/s")


if __name__ == "__main__":
    main()
