"""Totals and parts the text ties only across sentences, or by arithmetic: inferred claims, never inconsistent.

- the same total told again (a headline "نحو 3 ملايين" for a body "أكثر من 2.6 مليون");
- "داخل … / من خارج …"، "A … و B أخرى / إضافية"، "كما … B خلال الفترة نفسها" (parts of the total given before);
- a total of "X و Y" (طلب تسجيل ونقل) and the X figure and the Y figure given after it;
- a count over a period inside another's period (a part of it);
- one count of the total's measure a sentence, for other bodies, in the sentences right after it (some parts);
- an amount added on top of another ("وتفرض الوزارة أيضا C") when the two make exactly an amount told before
  (two accounts of one fee reconciled: the fee and a stamp duty);
- figures written to the unit that add up exactly (a reconciliation the text leaves implied).
"""

from __future__ import annotations

import re

from ..facts.document import WORD_RE
from .model import INFERRED, Claim, clash, clause_after, per_period, same_measure, stem
from .parts import BACK_SENTENCES, PartsState, _kind_ok, _rx, _sig_digits
from .view import Fig

ADDED_CUE_GAP = 40  # characters between "أيضا" and the amount it adds
_CLAUSE_BREAK = re.compile(r"[\u060c\u061b;,:]|\n")

def restated_totals(st: PartsState):
    """The same total told again (a headline 'نحو 3 ملايين' for a body 'أكثر من 2.6 مليون'): the parts are its parts too."""
    v = st.v
    for c in list(st.claims):
        t = c.one("total")
        if c.kind not in ("sum", "part_of") or t is None or c.rule.startswith("restated_total"):
            continue
        for r in v.figs_before(t, 30) + v.figs_after(t, 30):
            if r.id == t.id or r.pct or r.id in st.part_in or r.id in st.total_of or not _kind_ok(r, t) or not same_measure(r, t):
                continue
            if abs(v.sentence_index(r.s) - v.sentence_index(t.s)) > 6 or r.id in st.olds:
                continue
            hedged = r.qualifier != "exact" or t.qualifier != "exact"
            if hedged and r.low <= t.high and t.low <= r.high:
                st.add(Claim(v.doc_id, c.kind, INFERRED, [("total", r)] + [(ro, f) for ro, f in c.ops if ro != "total"],
                               "restated_total+selection" if c.rule.endswith("+selection") else "restated_total", exhaustive=c.exhaustive))
                break


def additions(st: PartsState):
    """داخل … / من خارج …، A … و B أخرى / إضافية، كما … B خلال الفترة نفسها: A and B add up to the total given before."""
    v, R = st.v, _rx()
    for b in v.figs:
        if b.pct or b.id in st.part_in:
            continue
        ss, se = v.sentence(b)
        after = clause_after(v, b, 70)
        pre = v.t[max(ss, b.s - 100):b.s]
        additive = bool(R["additive"].search(after)) or (bool(R["kama"].search(pre)) and bool(R["same_period"].search(v.t, b.e, min(se, b.e + 70))))
        outside = bool(R["outside"].search(v.t, max(ss, b.s - 80), b.s))
        if not (additive or outside):
            continue
        a = v.prev_fig(b, ss, pred=lambda g: not g.pct and g.id not in st.part_in and g.id not in st.olds and _kind_ok(g, b)
                       and (b.kind == "money" or same_measure(g, b)))
        if a is None:
            continue
        if outside and not additive and not R["inside"].search(v.t, max(ss, a.s - 80), a.s):
            continue
        total, _ = st.total_before(v.sentence(a)[0], a, need_measure=a.kind != "money")
        if total is None or (a.kind != "money" and not same_measure(total, a)):
            continue
        st.add(Claim(v.doc_id, "sum", INFERRED, [("total", total), ("part", a), ("part", b)], "added_parts", exhaustive=True))


def coordinated(st: PartsState):
    """'T طلب تسجيل ونقل' … 'بتسجيل A' … 'نقل B': a total of X and Y is the X figure plus the Y figure."""
    v, R = st.v, _rx()
    for t in v.figs:
        if t.pct:
            continue
        ss, se = v.sentence(t)
        near = v.t[max(ss, t.s - 70):t.s] + " " + v.t[t.e:min(se, t.e + 45)]
        pair = R["coordination"].search(near)
        if pair is None:
            continue
        x, y = stem(pair.group("x")), stem(pair.group("y"))
        if x & y:
            continue
        found: dict[str, Fig] = {}
        prev_end = t.e
        si = v.sentence_index(t.s)
        for g in v.figs_after(t, 40):
            if v.sentence_index(g.s) - si > 12:
                break
            if g.pct or not _kind_ok(g, t):
                continue  # the coordinated nouns carry the link: "طلب تسجيل ونقل" and "بتسجيل … مركبة"
            lo = max(prev_end, v.sentence(g)[0] if v.sentence_index(g.s) != si else prev_end, g.s - 150)
            window = set().union(*[stem(w) for w in WORD_RE.findall(v.t, lo, g.s)] or [set()])
            prev_end = g.e
            has_x, has_y = bool(x & window), bool(y & window)
            if has_x != has_y:
                found.setdefault("x" if has_x else "y", g)
            if len(found) == 2:
                break
        if len(found) == 2 and found["x"].value < t.value and found["y"].value < t.value:
            st.add(Claim(v.doc_id, "sum", INFERRED, [("total", t), ("part", found["x"]), ("part", found["y"])], "coordinated_measure",
                           exhaustive=True))


def _change_amount(v, f: Fig) -> bool:
    """A figure stated as a change (بزيادة 100 ألف، بانخفاض قدره …), not a level."""
    from .change import _rx as change_rx

    return bool(change_rx()["amount_before"].search(v.t, max(v.sentence(f)[0], f.s - 45), f.s))


def periods_within(st: PartsState):
    """A count over a period inside another's period (same measure) is a part of it; the total its clause names wins."""
    v = st.v
    for a in v.figs:
        if a.pct or not (a.period_start and a.period_end) or per_period(v, a) is not None or _change_amount(v, a):
            continue
        best = None
        for t in v.figs_before(a, 20) + v.figs_after(a, 20):
            if t.pct or t.id == a.id or not (t.period_start and t.period_end) or not _kind_ok(a, t) or not same_measure(a, t):
                continue
            if per_period(v, t) is not None or _change_amount(v, t):
                continue  # "بزيادة 100 ألف شهادة عن 2022": a change between two years, not a count over both
            inside = t.period_start <= a.period_start and a.period_end <= t.period_end and (t.period_start, t.period_end) != (a.period_start, a.period_end)
            if not (inside and (t.period_start[:7] == a.period_start[:7] or t.period_end[:4] == a.period_end[:4])):
                continue
            score = (st.names(a, t), -abs(t.i - a.i))
            if best is None or score > best[0]:
                best = (score, t)
        if best is not None:
            st.add(Claim(v.doc_id, "part_of", INFERRED, [("total", best[1]), ("part", a)], "period_within"))


SPREAD_SENTENCES = 6  # how many sentences after a total a list of its parts may run, one part a sentence
SPREAD_MIN_PARTS = 3
SPREAD_NEAR = (0.8, 1.25)  # the parts' sum, as a share of the total's low and high ends, for the sentences to be its breakdown


def spread_parts(st: PartsState):
    """"T عملية خلال 2024." then "سجلت الجهة A وحدها A عملية …" "وأنجزت الجهة B … B عملية …" …: one count of the total's
    measure and period a sentence, each for another body, in the sentences right after it, that together come near T.
    Whether the text means them to be all of T is not said: an inferred list of some parts (never an error found)."""
    v = st.v
    body = lambda f: f.subject_id or f.subject_ar  # noqa: E731  (a body known to the lexicon, else as written)
    for t in v.figs:
        if t.pct or t.role != "level" or not t.measure or not body(t) or t.id in st.part_in or t.id in st.olds \
                or per_period(v, t) is not None:
            continue
        si = v.sentence_index(t.s)
        heads: list[Fig] = []
        subjects = {body(t)}
        want = si + 1
        for g in v.figs_after(t, 60):
            gi = v.sentence_index(g.s)
            if gi < want:
                continue  # a figure of T's sentence, or of a sentence whose part is already taken
            if gi > want or gi - si > SPREAD_SENTENCES:
                break  # a sentence without a part ends the list
            if g.pct or not _kind_ok(g, t) or g.measure != t.measure or per_period(v, g) is not None or g.id in st.olds:
                continue
            if not body(g) or body(g) in subjects or g.period_iso != t.period_iso or g.value >= t.value:
                break  # the total's own body again, a body told twice, another period: not the next part
            heads.append(g)
            subjects.add(body(g))
            want = gi + 1
        total = sum(g.value for g in heads)
        if len(heads) >= SPREAD_MIN_PARTS and SPREAD_NEAR[0] * t.low <= total <= SPREAD_NEAR[1] * t.high:
            st.claims.append(Claim(v.doc_id, "part_of", INFERRED, [("total", t)] + [("part", g) for g in heads], "spread_list+selection"))


def reconcile(st: PartsState):
    """Figures written to the unit (four digits or more) that add up exactly: a reconciliation the text leaves implied."""
    v = st.v
    for c in v.figs:
        if c.pct or c.qualifier != "exact" or _sig_digits(c.value) < 4 or c.fractional_count:
            continue
        window = [g for g in v.figs[max(0, c.i - 25):c.i + 26] if g.id != c.id and not g.pct and g.qualifier == "exact"
                  and _kind_ok(g, c) and _sig_digits(g.value) >= 3 and not g.fractional_count and g.value < c.value]
        by_value: dict[float, Fig] = {}
        for g in window:
            by_value.setdefault(round(g.value, 6), g)
        for a in window:
            b = by_value.get(round(c.value - a.value, 6))
            if b is not None and b.id != a.id and a.s < b.s:
                st.add(Claim(v.doc_id, "sum", INFERRED, [("total", c), ("part", a), ("part", b)], "reconcile", exhaustive=True))



def added_amounts(st: PartsState):
    """'… إلى T' … 'B' … 'وتفرض الوزارة أيضا C' (or 'C إضافية'): C is added on top of B, the amount just before it;
    when B + C is exactly an amount T of the same kind told before (or right after), T is their sum. Two accounts
    of one fee are reconciled this way (a fee and a stamp duty); only a sum that adds up is claimed."""
    v, R = st.v, _rx()
    for c in v.figs:
        if c.pct or c.id in st.olds:
            continue
        ss, _ = v.sentence(c)
        cue = None
        for m in R["additive"].finditer(v.t, max(ss, c.s - ADDED_CUE_GAP), c.s):
            cue = m
        if cue is not None and (v.between(cue.end(), c.s) or _CLAUSE_BREAK.search(v.t, cue.end(), c.s)):
            cue = None
        if cue is None and not R["additive"].search(clause_after(v, c, 40)):
            continue
        si = v.sentence_index(c.s)
        b = next((g for g in v.figs_before(c, 6) if not g.pct and _kind_ok(g, c)), None)
        if b is None or si - v.sentence_index(b.s) > 1 or b.id in st.olds or b.value <= c.value:
            continue
        want = b.value + c.value
        bi = v.sentence_index(b.s)
        total = None
        for t in v.figs_before(b, 20) + v.figs_after(c, 4):
            ti = v.sentence_index(t.s)
            if ti < bi - BACK_SENTENCES or ti > si + 1:
                continue
            if t.pct or t.id in st.olds or not (_kind_ok(t, b) and _kind_ok(t, c)) or clash(t, b):
                continue
            if abs(t.value - want) <= 1e-9 * max(1.0, want):
                total = t
                break
        if total is not None:
            st.add(Claim(v.doc_id, "sum", INFERRED, [("total", total), ("part", b), ("part", c)], "added_amount", exhaustive=True))
