"""Changes of rank: "تقدمت X 3 مراتب من المركز 12 إلى 9"، "تراجع البلد 5 مراكز ليحل في المرتبة 40 بعد أن
كان في المرتبة 35"، "وارتقت مرتبة واحدة إلى المركز التاسع قياسا بالمركز العاشر".

A place is a smaller number when it is better: an advance (rank_up) is a fall of the number.
The reader works on the places the facts stage read (kind ``rank``, `View.ranks`) and the
number of places stated as a figure ("3 مراتب"، "مرتبة واحدة") or by a dual noun ("مرتبتين": the
claim's stated_value 2). One claim per stretch of a sentence that no stop word (فيما، بينما، مما
يعني …) cuts and whose movement verbs agree on the direction: the rank left (after من، مقارنة ب،
مقابل، بدلا من، بعد أن كان …, or marked as earlier) and the rank taken (any other); both of one name
and one league (عالميا، عربيا …); places or ranks in a clause of their own make the link inferred. When the sentence gives the rank left and the places but not the
rank taken, the rank of the same name and league given just before (in the sentences before,
at most SPAN characters back) is taken, and the link is ``inferred``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from ..facts.document import NOT_LETTER_AHEAD, NOT_LETTER_BEHIND
from ..facts.ranks import dual_places, league_after, moves, moving_verbs, noun_start
from .model import INFERRED, STATED, Claim
from .view import BL, SPAN, Fig, View, cues, words

_MOVE_AFTER = 30  # a movement verb after the last place of its stretch: "حققت المرتبة 58 متراجعة بـ3 مراكز"


@lru_cache(maxsize=1)
def _rx() -> dict:
    c = cues()
    nl, nr = NOT_LETTER_BEHIND, NOT_LETTER_AHEAD
    return {
        "old_link": re.compile(rf"{nl}(?:{words(c['rank_old_links'])}){BL}*[بل]?\Z"),
        "from": re.compile(rf"{nl}[وف]?من{BL}*\Z"),
        # "ترتيبها السابق في المركز 83": an earlier place, named so before its noun
        "previous_before": re.compile(rf"{nl}(?:{words(c['rank_previous'])})(?:{BL}+(?:في|عند))?{BL}*[بل]?\Z"),
        # "المركز 30 في النسخة السابقة": … or right after the place (and its league)
        "previous_after": re.compile(
            rf"{BL}*[(]?(?:[^\W\d_]+{BL}*)?(?:في|خلال|ب){BL}*(?:{words(c['rank_editions'])}){BL}+(?:{words(c['rank_previous'])}){nr}"
        ),
        "stop": re.compile(rf"{nl}[وف]?(?:{words(c['rank_stops'])}){nr}"),
    }


@lru_cache(maxsize=1)
def _new_clause() -> re.Pattern:
    """A comma, then و/ف and a verb that places or moves a name: a clause of its own ("…، وحلت في المرتبة 20")."""
    return re.compile(rf"[\u060c,\u061b;]{BL}*[وف](?:قد{BL}+)?(?:{words([*moving_verbs(), 'كان', 'كانت'])}){NOT_LETTER_AHEAD}")


def _is_old(v: View, r: Fig, lo: int) -> bool:
    """Whether a place is the one left: "من المركز 12" (after the movement verb), "مقارنة بالمركز 5"،
    "بعد أن كان في المرتبة 9"، "ترتيبها السابق في المركز 8"، "المركز 30 في النسخة السابقة"."""
    R = _rx()
    ns = noun_start(v.t, r.s)
    if ns is None:
        return False  # a place after إلى or a coordinated one is taken, not left
    a = max(lo, ns - 30)
    return (R["old_link"].search(v.t, a, ns) is not None or R["previous_before"].search(v.t, a, ns) is not None
            or R["previous_after"].match(v.t, r.e) is not None or R["from"].search(v.t, a, ns) is not None)


def _places(v: View, a: int, b: int) -> list[Fig]:
    """Numbers of places moved stated in [a, b) ("3 مراتب"، "ب3 مراكز"، "مرتبة واحدة": measure rank_places)."""
    return v.places[bisect_left(v.place_starts, a):bisect_left(v.place_starts, b)]


def _same_holder(a: Fig, b: Fig) -> bool:
    if a.subject_id and b.subject_id:
        return a.subject_id == b.subject_id
    return not (a.subject_ar and b.subject_ar) or a.subject_ar == b.subject_ar


def _same_league(v: View, a: Fig, b: Fig, strict: bool) -> bool:
    la, lb = league_after(v.t, a.e)[0], league_after(v.t, b.e)[0]
    return la == lb if strict else (la is None or lb is None or la == lb)


def read_rank_changes(v: View) -> list[Claim]:
    """The changes of rank of one article."""
    if not v.ranks:
        return []
    R = _rx()
    t = v.t
    starts = [x.s for x in v.ranks]

    def ranks_in(a: int, b: int) -> list[Fig]:
        return v.ranks[bisect_left(starts, a):bisect_left(starts, b)]

    out: list[Claim] = []
    seen: set[int] = set()
    for r in v.ranks:
        ss, se = v.sentence(r)
        if ss in seen:
            continue
        seen.add(ss)
        cuts = [ss] + [m.start() for m in R["stop"].finditer(t, ss, se)] + [se]
        for a, b in zip(cuts, cuts[1:]):
            ranks = ranks_in(a, b)
            if not ranks:
                continue
            places = _places(v, a, b)
            last = max(x.e for x in ranks + places)
            mv = moves(t, a, min(b, last + _MOVE_AFTER))
            if not mv or len({up for _, _, up in mv}) > 1:
                continue  # no movement, or moves both ways with no stop word between them
            # ("هبط من المركز 19، أي خسر 6 مراكز": one move told twice)
            olds = [x for x in ranks if _is_old(v, x, a)]
            news = [x for x in ranks if x not in olds]
            if not olds and len(news) == 2 and news[0].period_start and news[1].period_start and news[0].period_start != news[1].period_start:
                olds = [min(news, key=lambda x: x.period_start)]  # "المرتبة 40 في 2024 … المرتبة 46 في 2022": the earlier is left
                news = [x for x in news if x is not olds[0]]
            if len(olds) > 1 or len(news) > 1 or len(places) > 1:
                continue
            link = STATED
            if not news and olds and places:
                prior = [x for x in ranks_in(ss - SPAN, ss) if _same_holder(x, olds[0]) and _same_league(v, x, olds[0], strict=True)]
                if not prior:
                    continue
                news, link = [prior[-1]], INFERRED
            if not news or not olds:
                continue
            new, old = news[0], olds[0]
            if not _same_holder(new, old) or not _same_league(v, new, old, strict=False):
                continue
            ops = ([("stated", places[0])] if places else []) + [("new", new), ("old", old)]
            lo, hi = min([mv[0][0]] + [f.s for _, f in ops]), max(f.e for _, f in ops)
            if link == STATED and _new_clause().search(t, lo, hi):
                link = INFERRED  # "تقدمت 5 مراتب في المؤشر الفرعي، وحلت في المرتبة 20 …": the places may be another index's
            c = Claim(v.doc_id, "rank_change", link, ops, "rank_change", cue=mv[0][:2], direction="up" if mv[0][2] else "down")
            if not places and dual_places(t, a, b):
                c.stated_value, c.stated_unit = 2.0, "places"  # "تقدمت مرتبتين": two places, told by a dual noun
            out.append(c)
    return out
