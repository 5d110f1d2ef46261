"""A stated rate whose levels are not in its sentence: restated from the body (a headline's rate), the pair of
the sentence next door that repeats what the rate is of, a level of an earlier period nearby (inferred), or the
earlier level implied by a stated increase (new minus the increase); else the rate alone, unverifiable.
"""

from __future__ import annotations

from .change import ChangeState, _is_amount, _rx, _stated_amount
from .model import INFERRED, STATED, Claim, clause_after, compatible, content_stems, local_period, period_key, share_of_whole
from .view import Fig

def rates_elsewhere(st: ChangeState):
    """A stated rate whose levels are not next to it: restated from the body, the pair next door, an earlier level nearby, the old level implied, or the rate alone."""
    v, R = st.v, _rx()
    stated = {}
    for c in st.claims:
        if c.kind == "growth" and c.one("stated") is not None:
            stated.setdefault(round(c.one("stated").value, 6), c)
    for p in v.figs:
        if not p.pct or p.id in st.rates or p.role != "change_pct" or p.id in st.olds or p.id in st.news:
            continue
        if R["points_after"].match(v.t, p.e) or share_of_whole(v, p) is not None:
            continue  # "ليبلغ A من أصل T، أي بنسبة P": the share of A in T (claims.shares), not a rate of the change verb
        ss, se = v.sentence(p)
        twin = stated.get(round(p.value, 6))
        if twin is not None and twin.one("stated").id != p.id:
            # the headline or a summary restates a rate the body gives with its levels
            ops = [("stated", p)] + [(r, f) for r, f in twin.ops if r != "stated"]
            st.claims.append(Claim(v.doc_id, "growth", INFERRED, ops, "restated_rate", cue=(p.s, p.e)))
            st.rates.add(p.id)
            continue
        new = v.prev_fig(p, ss, pred=lambda g: g.count_like and g.id not in st.olds and not _is_amount(v, g, ss)) \
            or v.next_fig(p, se, pred=lambda g: g.count_like and not _is_amount(v, g, ss))
        if new is None and pair_next_door(st, p):
            continue
        amount = _stated_amount(v, new, p, {p.id}) if new is not None else None
        if amount is not None and amount.id == new.id:
            amount = None
        # the stated increase in the sentence ties the rate more firmly than a level found nearby
        passed: list[Fig] = []
        want = baseline_year(st, p, new) if new is not None else None
        old = earlier_level(st, new, {amount.id} if amount is not None else set(), want, passed) if new is not None and amount is None else None
        if new is not None and old is not None:
            st.claims.append(Claim(v.doc_id, "growth", INFERRED, [("stated", p), ("new", new), ("old", old)], "rate_elsewhere", cue=(p.s, p.e),
                                   reason="the text does not state the level this rate is measured against next to it; the level of "
                                          f"{_period_words(old)} is the nearest earlier one of the same measure it gives"))
        elif new is not None and amount is not None:
            # the old level implied: new minus the stated increase
            st.claims.append(Claim(v.doc_id, "growth", STATED, [("stated", p), ("new", new), ("change", amount)], "implied_old", cue=(p.s, p.e)))
        else:
            if new is None:
                why = "the text states neither level the rate compares"
            elif passed:
                against = f" ({want})" if want is not None else ""
                kn = period_key(v, new)
                own = [g for g in passed if period_key(v, g) == kn]
                other = sorted({_period_words(g) for g in passed if g not in own})
                why = f"the level it is measured against{against} is not stated (the text gives the same measure only for " + (
                    ", ".join(other) if other else f"the new level's own period, {_period_words(new)}") + ")"
            else:
                why = "the level it is measured against is not stated (the text gives no level of the same measure for an earlier period)"
            ops = [("stated", p)] + ([("new", new)] if new is not None else [])
            st.claims.append(Claim(v.doc_id, "growth", INFERRED, ops, "rate_alone", cue=(p.s, p.e), reason=why))
        st.rates.add(p.id)


def _period_words(f: Fig) -> str:
    return f.period_iso or "a period not stated"


def baseline_year(st: ChangeState, p: Fig, new: Fig) -> int | None:
    """The year a rate says it is measured against ("بزيادة 20% عن العام الماضي"، "على أساس سنوي"): the year before the
    new level's; None when the rate names no earlier year or the new level's year is not read."""
    v, R = st.v, _rx()
    prev = R["previous"].search(clause_after(v, p, 60))
    yearly = (prev is not None and ("عام" in prev.group() or "سنه" in prev.group())) or R["yearly_basis"].match(v.t, p.e)
    kn = period_key(v, new) if yearly else None
    return kn[0] - 1 if kn and kn[0] else None


def pair_next_door(st: ChangeState, p: Fig) -> bool:
    """"تسعى الهيئة إلى نمو في إيرادات X هذا العام نسبته P." then "… أن تبلغ إيرادات X إلى B، بعد أن كانت A": the rate of the pair
    the next (or previous) sentence gives. Stated when that sentence repeats what the rate is of and the periods agree."""
    v = st.v
    si = v.sentence_index(p.s)
    ss = v.sentence(p)[0]
    pairs = [c for c in st.claims if c.kind in ("series", "direction") and len(c.figs("old")) == 1
             and abs(v.sentence_index(c.one("new").s) - si) == 1]
    by_sentence: dict[int, list[Claim]] = {}
    for c in pairs:
        by_sentence.setdefault(v.sentence_index(c.one("new").s), []).append(c)
    for k in (si + 1, si - 1):
        cs = by_sentence.get(k, [])
        if len(cs) != 1:
            continue
        c = cs[0]
        new, old = c.one("new"), c.one("old")
        lo = max(ss, p.s - 120)
        mine = set().union(*content_stems(v.t[lo:p.s])) if p.s > lo else set()
        ns, ne = v.sentence(new)
        theirs = content_stems(v.t[ns:ne])
        named = len({i for i, st in enumerate(theirs) if st & mine}) >= 2
        periods = bool(p.period_iso and new.period_iso and p.period_iso == new.period_iso)
        link = STATED if named and periods else INFERRED
        st.claims.append(Claim(v.doc_id, "growth", link, [("stated", p), ("new", new), ("old", old)], "rate_next_door", cue=(p.s, p.e)))
        st.rates.add(p.id)
        return True
    return False


def earlier_level(st: ChangeState, new: Fig, skip: set[str] = frozenset(), want_year: int | None = None,
                  passed: list[Fig] | None = None) -> Fig | None:
    """A level of the same measure for an earlier period, within the figures around (previous-period words or an earlier year);
    never an amount of change ("بزيادة 117 ألف عن العام الماضي" names the earlier period but is not its level).

    Never a level of the new level's own period (a count beside it, not its baseline), nor, when the rate names the year
    it is measured against (`want_year`), a level of another year; those are appended to `passed`, so the reason can
    say which periods the text gives."""
    v = st.v
    passed = [] if passed is None else passed
    kn = period_key(v, new)
    for g in v.figs_before(new, 30) + v.figs_after(new, 15):
        if g.id == new.id or g.id in skip or not compatible(v, g, new) or g.id in st.rates:
            continue
        if g.role == "change" or _is_amount(v, g, v.sentence(g)[0]):
            continue
        if abs(v.sentence_index(g.s) - v.sentence_index(new.s)) > 3:
            continue
        lp = local_period(v, g)
        kg = period_key(v, g)
        if g.period_rel == "previous_year" or (lp and lp[2]) or (kg and kn and kg[0] and kn[0] and kg < kn):
            if (kg and kn and kg[0] and kg == kn) or (want_year is not None and kg and kg[0] and kg[0] != want_year):
                passed.append(g)  # the new level's own period, or a year other than the one the rate is measured against
                continue
            return g
    return None

