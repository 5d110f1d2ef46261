"""Which figure is part of which: "منها"، breakdown paragraphs, subset frames, share sentences, largest-part claims."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from .document import BL, NOT_LETTER_AHEAD, NOT_LETTER_BEHIND, Document, Fact, Name, alt, cues, opening_words, word_matches

# How far back a frame looks for its total, in figures: a total is never hundreds of figures away,
# and the bound keeps a document of thousands of figures linear.
LOOKBACK = 200
_OPS = {"operations", "transactions", "document_views", "reports", "requests", "inquiries", "payments"}


@lru_cache(maxsize=1)
def _rx() -> dict:
    c = cues()
    nl, nr = NOT_LETTER_BEHIND, NOT_LETTER_AHEAD
    return {
        "part_right_before": re.compile(rf"{nl}{alt(c['part_of_right_before'])}{BL}+\Z"),
        "share_of_whole": re.compile(rf"{nl}(?:كان{BL}+|وكان{BL}+)?{alt(c['share_of_whole'])}{nr}"),
        "breakdown": re.compile(rf"{nl}{alt(c['breakdown_openers'])}{nr}"),
        "split": re.compile(rf"{nl}{alt(c['split_openers'])}{nr}"),
        "largest_claim": re.compile(rf"{nl}(?:و|ب|ال)?{alt(c['largest_claims'])}{nr}"),
        "largest_claim_forms": opening_words(c["largest_claims"], ("", "و", "ب", "ال")),
        "subset": re.compile(rf"{nl}{alt(c['subset_frames'])}{nr}"),
        "largest_part": re.compile(rf"{nl}{alt(c['largest_part'])}{nr}"),
        "continuation": re.compile(rf"[\s\u00a0]*[وف]?{alt(c['continuation'])}{nr}"),
        "restated": re.compile(rf"{nl}[وف]?(?:{alt(c['share_restated'])}){nr}"),
    }


def same_family(a, b) -> bool:
    """Whether two measures count kinds of one thing (operations, transactions, views …) that can be parts of one total."""
    return a in _OPS and b in _OPS


def _latest(facts: list[Fact], i: int, pred) -> Fact | None:
    """The last of the (at most LOOKBACK) facts before index i that satisfies pred."""
    for j in range(i - 1, max(-1, i - 1 - LOOKBACK), -1):
        if pred(facts[j]):
            return facts[j]
    return None


def _frame_name(doc: Document, starts: list[int], after: int, pos: int) -> Name | None:
    """The first name after a frame cue: 'الجزء الأكبر من العمليات المسجلة على منصة أبشر أفراد'.

    `starts` is [n.start for n in doc.names].
    """
    for n in doc.names[bisect_left(starts, after):]:
        if n.start >= pos:
            break
        if n.end <= pos:
            return n
    return None


def assign_parents(doc: Document, facts: list[Fact]) -> None:
    """Set parent_fact_id (and a parent:* rule) on the facts that are parts of an earlier total."""
    R = _rx()
    t = doc.text
    frame = None  # (kind, total Fact or None)
    last_sentence = None
    last_level = None  # the last level count of the current sentence
    name_starts = [n.start for n in doc.names]
    for i, f in enumerate(facts):
        ss, se = doc.sentence(f.s)
        if ss != last_sentence:
            last_level = None
        if f.row["role"] not in ("level",):
            continue
        new_sentence = ss != last_sentence
        if new_sentence:
            last_sentence = ss
            lo = max(ss, f.s - 400)
            opening = t[lo:f.s]
            head = t[lo:min(se, f.e + 400)]
            split = R["split"].search(head, 0, max(0, f.s - lo))
            if split or R["breakdown"].search(head, 0, max(0, f.s - lo)):
                total = _latest(facts, i, lambda g: g.row["parent_fact_id"] is None and g.row["role"] == "level" and g.row["kind"] != "percent")
                frame = ("split" if split else "breakdown", total)
            elif R["largest_part"].search(head) or R["subset"].search(opening):
                cue = R["largest_part"].search(head) or R["subset"].search(opening)
                ent = _frame_name(doc, name_starts, lo + cue.end(), f.s)
                total = None
                if ent is not None:
                    total = _latest(facts, i, lambda g: g.row.get("_ent") is not None and g.row["_ent"].ent.entity_id == ent.ent.entity_id and g.row["role"] == "level")
                if total is None:
                    total = _latest(facts, i, lambda g: g.row["parent_fact_id"] is None and g.row["role"] == "level" and g.row["measure"] == f.row["measure"])
                frame = ("subset", total)
            elif R["continuation"].match(t, ss):
                pass  # كما تم …، بالإضافة إلى ذلك …: the frame goes on
            elif frame and frame[0] in ("breakdown", "split") and frame[1] is not None and doc.paragraph(ss)[0] == doc.paragraph(f.s)[0] and doc.paragraph(frame[1].s)[0] != doc.paragraph(ss)[0]:
                pass  # a breakdown paragraph goes on to its end
            else:
                frame = None
        # "كان نصيب X منها N" / "منها N"
        prev = last_level
        if f.row["kind"] != "percent":
            last_level = f
        if R["part_right_before"].search(t, max(0, f.s - 12), f.s) or (
            prev is not None and f.s - prev.e <= 400 and R["share_of_whole"].search(t, prev.e, f.s) and "منها" in t[prev.e:f.s]
        ):
            if prev is not None:
                f.row["parent_fact_id"] = prev.row["fact_id"]
                f.rules.append("parent:minha")
                continue
        if frame and frame[1] is not None and frame[1] is not f and frame[1].s < f.s:
            total = frame[1]
            if total.row["measure"] in (None, f.row["measure"]) or f.row["measure"] is None or same_family(total.row["measure"], f.row["measure"]):
                f.row["parent_fact_id"] = total.row["fact_id"]
                f.rules.append(f"parent:{frame[0]}")
    # share sentences: "شكلت X نسبة P من إجمالي … والتي بلغت N": the earlier X figure is part of N
    for i, f in enumerate(facts):
        if f.row["role"] != "share_pct":
            continue
        ss, se = doc.sentence(f.s)
        whole = None
        for g in facts[i + 1:i + 1 + LOOKBACK]:
            if g.s >= se:
                break
            if g.row["role"] == "level" and g.row["kind"] != "percent":
                whole = g
                break
        if whole is None or _rx()["restated"].search(doc.text, f.e, whole.s):
            continue  # "45% من إجمالي المعاملات، أي نحو 4.3 ملايين": the share restated, not its whole
        part = _latest(
            facts, i,
            lambda g: g.row["role"] == "level" and g.row["kind"] != "percent" and g.row["period_rel"] != "previous_year"
            and g.row["measure"] == whole.row["measure"] and g.s < ss,
        )
        if part is not None and part.row["parent_fact_id"] is None:
            part.row["parent_fact_id"] = whole.row["fact_id"]
            part.rules.append("parent:share_sentence")


def mark_largest_parts(doc: Document, facts: list[Fact]) -> None:
    """'استحوذت منصة أفراد على الحصة الأكبر بإجمالي N': the first figure after the claim in its sentence."""
    R = _rx()
    for f in facts:
        f.row["is_largest_part"] = False
    starts = [f.s for f in facts]
    for m in word_matches(doc, R["largest_claim"], R["largest_claim_forms"]):
        ss, se = doc.sentence(m.start())
        for f in facts[bisect_left(starts, m.end()):]:
            if f.s >= se:
                break
            if f.row["role"] == "level":
                f.row["is_largest_part"] = True
                f.rules.append("claim:largest_part")
                break
