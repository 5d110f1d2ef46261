"""Change claims set against an earlier level: "B مقارنة بـ A"، "B مقابل A في 2020"، "B بعد أن كان A"،
"بارتفاع عن الشهر السابق الذي سجل A"، "B، في حين بلغ العام الماضي A" (two periods side by side: a series),
with the rate or the amount stated next to the pair; a level the text steps back to ("و A' في حزيران") joins a series.
"""

from __future__ import annotations

import re

from .change import ChangeState, MAX_BRIDGE_GAP, MAX_CMP_GAP, _direction, _is_amount, _ranked, _rx, _whole_of_part
from .model import INFERRED, STATED, Claim, compatible, local_period, period_key, search_back
from .model import head as noun_of
from .view import BL, Fig

def compared(st: ChangeState):
    """B مقارنة بـ A، B مقابل A في 2020، B بعد أن كان A، بارتفاع عن الشهر السابق الذي سجل A، B في حين بلغ العام الماضي A."""
    v, R = st.v, _rx()
    for a in v.figs:
        ss, se = v.sentence(a)
        lo = max(ss, a.s - MAX_BRIDGE_GAP)
        cue = search_back(R["compared"], v.t, lo, a.s)
        chg = search_back(R["change_from"], v.t, lo, a.s)
        if chg is None:
            # "بزيادة 20% عن العام الماضي"، "بزيادة قدرها 50 ألف رخصة عن 2022 التي شهدت …": a stated change, then عن
            rf = search_back(R["rate_from"], v.t, lo, a.s)
            if rf is not None:
                stated = v.prev_fig(a, max(ss, rf.start() - 5), pred=lambda g: g.s <= rf.end())
                if stated is not None and (stated.pct or _is_amount(v, stated, ss)):
                    chg = rf
        contrast = search_back(R["contrast"], v.t, lo, a.s)
        cands = [(m, k) for m, k in ((cue, "compared"), (chg, "change_from"), (contrast, "contrast")) if m is not None]
        if not cands:
            continue
        m, how = max(cands, key=lambda x: x[0].end())
        if v.between(m.end(), a.s):
            continue
        gap = v.t[m.end():a.s]
        if len(gap) > MAX_CMP_GAP and not R["bridge_end"].search(gap):
            continue
        previous = bool(R["previous"].search(v.t, m.end(), a.s)) or (local_period(v, a) or (0, 0, False))[2]
        word = v.t[m.start():m.end()]
        need_periods = False
        if how == "contrast" or word.endswith("مقابل"):
            lp = local_period(v, a)
            if not previous and not (lp and (lp[0] or lp[1])):
                need_periods = True  # "65% … مقابل 35%": two groups, unless each has a period of its own (الربع الثالث … الربع الثاني)
        # the new level: the nearest comparable figure before the cue, not itself an old level or a stated change
        def level(g: Fig) -> bool:
            return (g.s < m.start() and g.id not in st.olds and g.id not in st.rates
                    and compatible(v, g, a, syntactic=True) and not _is_amount(v, g, ss) and not _whole_of_part(v, g))

        b = v.prev_fig(a, ss, pred=level)
        if b is not None and noun_of(a) and not (noun_of(b) & noun_of(a)):
            # "ارتفع إلى B خدمة تقدمها N هيئة، بعد أن كان A خدمة": the level counts the old level's noun
            b = v.prev_fig(b, ss, pred=lambda g: level(g) and bool(noun_of(g) & noun_of(a))) or b
        link = STATED
        if b is None and how in ("change_from", "compared"):
            b = st.new_from_before(a, m.start())
            link = STATED if b is not None and st.named_before(b, ss, m.start(), a) else INFERRED
        if b is None:
            continue
        head = _list_head(v, b, ss)
        if head is not None and compatible(v, head, a, syntactic=True) and head.id not in st.olds and head.id not in st.rates:
            if _CLAUSE_BREAK.search(v.t, b.e, m.start()):
                b = head  # "إلى T، منها A … و B …، مقارنة بـ O": the comparison after the list is the total's
            else:
                link = INFERRED  # "منها B عبر البطاقات مقارنة بـ O": the part's, or the total's
        if need_periods and not _earlier_own_period(a, b):
            continue
        if how == "contrast" or word.endswith("مقابل"):
            kb, ka = period_key(v, b), period_key(v, a)
            if ka is not None and kb is not None and ka == kb and not previous and not need_periods:
                continue
            if b.id in st.olds:
                continue
        extra = []
        nxt = v.next_fig(a, min(se, a.e + 60))
        if nxt is not None and compatible(v, nxt, a, syntactic=True) and re.fullmatch(rf"[^\d]{{0,40}}[\u060c,]?{BL}*و{BL}*", v.t[a.e:nxt.s]):
            extra = [nxt]  # "مقارنة بـ A في تموز، و A' في حزيران"
            st.olds.add(nxt.id)
        st.emit(b, a, m.span(), how, link, extra_old=extra)
        if extra:
            series(st, b, [a] + extra, m.span())


_CLAUSE_BREAK = re.compile(r"[\u060c\u061b;,:]")


def _list_head(v, b: Fig, ss: int) -> Fig | None:
    """The total a list opens on when b is one of its parts ("T، منها A و B"): the figure before the list word, else None."""
    from .parts import _rx as parts_rx

    opener = search_back(parts_rx()["list"], v.t, max(ss, b.s - 200), b.s)
    if opener is None:
        return None
    t = v.prev_fig(b, ss, pred=lambda g: g.s < opener.start() and g.count_like == b.count_like)
    if t is None or opener.start() - t.e > 60 or t.value <= b.value:
        return None
    return t


def _earlier_own_period(a: Fig, b: Fig) -> bool:
    """Each figure has a period written with it (not the article's), and a's ends before b's starts."""
    if "period:own" not in a.rule or "period:own" not in b.rule:
        return False
    return bool(a.period_end and b.period_start and a.period_end < b.period_start)


def series(st: ChangeState, new: Fig, olds: list[Fig], cue):
    """A sentence that gives one level for several periods: with a direction word before the new level, earliest against latest."""
    v = st.v
    if any(_ranked(v, f) for f in [new, *olds]):
        return  # places in a ranking (see ChangeState.emit)
    ss = v.sentence(new)[0]
    direction, dspan = _direction(v, ss, new.s)
    ops = [("new", new)] + [("old", g) for g in olds]
    st.claims.append(Claim(v.doc_id, "direction" if direction else "series", STATED, ops, "series", cue=dspan or cue, direction=direction))

