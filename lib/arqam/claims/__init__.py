"""Find the arithmetic claims an article states or implies, as data.

One row per claim: its kind, its operands (fact ids with their roles), the words that make
it, where it is, and how sure the link between the operands is: ``stated`` when one sentence
ties them (or names the total it breaks down, "وقد توزعت العمليات …"), ``inferred`` when they
are tied across sentences or by arithmetic alone. The audit (arqam.audit) rechecks claims,
and only a stated claim whose operands were all read can be found inconsistent.

The readers, one module per kind of claim:
- `change`, `change_compared`, `change_elsewhere`: growth rates, absolute changes, directions,
  multiples, series, "exceeds";
- `parts`, `parts_inferred`: totals and parts, part of a whole, ranked lists, reconciliations;
- `shares`: a percent as the share of a part in its whole;
- `rates`: a rate times a duration; "the largest part";
- `ranks`: changes of rank (places read by the facts stage, kind ``rank``);
- `across`: the same figure in two articles, a figure against the population.

They read the facts table (values, intervals, roles, measures, periods, parent links) and the
article text between figures, looking at most `view.SPAN` characters around a figure, so the
cost stays linear in the text. Without the text, the sentences quoted by the facts stand for it.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from . import change, change_compared, change_elsewhere, parts, parts_inferred
from .across import read_across, read_world
from .change import ChangeState
from .model import INFERRED, STATED, Claim
from .parts import PartsState
from .rates import read_implied_rates, read_largest, read_rates
from .ranks import read_rank_changes
from .shares import ShareReader
from .view import View

__all__ = ["CLAIM_COLUMNS", "CLAIM_KINDS", "LINKS", "extract_claims", "read_claims", "Claim", "View"]

CLAIM_KINDS = ("sum", "part_of", "share", "growth", "difference", "direction", "series", "rate", "comparison", "majority",
               "cross_document", "plausibility", "rank_change")
LINKS = (STATED, INFERRED)
CLAIM_COLUMNS = [
    "claim_id", "doc_ids", "kind", "link", "fact_ids", "roles", "is_exhaustive", "stated_value", "stated_unit", "direction",
    "cue_ar", "char_start", "char_end", "quote_ar", "quote_start", "rule", "reason",
]
QUOTE_MAX = 900  # characters of a claim's quote from its first sentence (more when its operands reach further)
_STRIP = " \u00a0\n\t.\u2022"


def _texts_of(text, doc_ids: list[str]) -> dict[str, str]:
    if text is None:
        return {}
    if isinstance(text, str):
        if len(doc_ids) > 1:
            raise ValueError("extract_claims: one text for several articles; pass {doc_id: text}")
        return {doc_ids[0]: text} if doc_ids else {}
    if isinstance(text, pd.DataFrame):
        return dict(zip(text["doc_id"].astype(str), text["text"]))
    if isinstance(text, Mapping):
        return {str(k): v for k, v in text.items()}
    raise TypeError(f"extract_claims: text must be a str, a mapping doc_id -> text or a documents frame, not {type(text).__name__}")


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per kind and set of operands: the stated reading wins over an inferred one."""
    best: dict[tuple, Claim] = {}
    order = []
    for c in claims:
        k = c.key
        if k not in best:
            best[k] = c
            order.append(k)
        elif best[k].link == INFERRED and c.link == STATED:
            best[k] = c
    return [best[k] for k in order]


# The readers run in this order: a later one knows what an earlier one read (the old levels a list must
# not take for parts, the rates a share must not take for a share, the parts a share looks up).
CHANGE_READERS = (change.from_to, change.to_from, change_compared.compared, change.rise_to, change.periods_in_a_row, change.exceeds,
                  change_elsewhere.rates_elsewhere)
PARTS_READERS = (parts.lists, parts.divided, parts.whole_of, parts.parents, parts.total_after, parts.list_lines, parts.rankings, parts.remainders, parts.closing_totals, parts.percent_splits,
                 parts_inferred.restated_totals, parts_inferred.additions, parts_inferred.added_amounts, parts_inferred.coordinated, parts_inferred.periods_within,
                 parts_inferred.reconcile, parts_inferred.spread_parts, parts.mark_overlaps)


def read_changes(v: View) -> ChangeState:
    """The change claims of one article (growth, differences, directions, series, comparisons)."""
    st = ChangeState(v)
    for reader in CHANGE_READERS:
        reader(st)
    return st


def read_parts(v: View, olds: set[str]) -> PartsState:
    """The total-and-parts claims of one article; `olds` are the figures read as earlier levels (never parts)."""
    st = PartsState(v, olds)
    for reader in PARTS_READERS:
        reader(st)
    return st


def read_claims(facts: pd.DataFrame, text=None, settings: dict | None = None) -> tuple[list[Claim], dict[str, View]]:
    """Read the claims of every article of a facts table; return them with the article views.

    Args:
        facts: a facts table (extract_facts / facts_frame).
        text: None (the facts' quotes stand for the text), the text of a one-article table,
            a mapping doc_id -> text, or a documents frame with doc_id and text.
        settings: audit settings (measure families for the claims across articles and
            against the population); data/audit_settings.json by default.
    Returns:
        (claims in document order, {doc_id: View}).
    """
    from ..audit import default_settings

    s = {**default_settings(), **(settings or {})}
    if facts is None or len(facts) == 0 or not {"doc_id", "char_start", "char_end"} <= set(facts.columns):
        return [], {}
    rows_by_doc: dict[str, list[dict]] = {}
    for r in facts.to_dict("records"):
        rows_by_doc.setdefault(str(r["doc_id"]), []).append(r)
    texts = _texts_of(text, list(rows_by_doc))
    views: dict[str, View] = {}
    claims: list[Claim] = []
    for doc_id in sorted(rows_by_doc):
        v = View(doc_id, rows_by_doc[doc_id], texts.get(doc_id))
        views[doc_id] = v
        ch = read_changes(v)
        pt = read_parts(v, ch.olds)
        changes, part_claims = ch.claims, pt.claims
        share_claims = ShareReader(v, ch.rates, pt).run()
        stated_rates = read_rates(v)
        implied = read_implied_rates(v, {f.id for c in stated_rates for f in c.figs()}, set(pt.part_in))
        found = changes + part_claims + share_claims + stated_rates + implied + read_largest(v) + read_rank_changes(v)
        claims.extend(_dedupe(found))
    claims.extend(read_across(list(views.values()), s))
    claims.extend(read_world(list(views.values()), s))
    return claims, views


def claim_rows(claims: list[Claim], views: dict[str, View]) -> pd.DataFrame:
    """The claims table (CLAIM_COLUMNS), sorted by document and position, with unique claim ids."""
    rows = []
    for c in claims:
        first = c.ops[0][1] if c.ops else None
        v = views.get(first.doc) if first is not None else None
        s, e = c.span() if c.ops else (0, 0)
        qstart = -1
        if v is not None and e > s:
            rs, re_ = v.doc.nt.span_to_raw(s, e)
            qs = v.sentence(s)[0]
            qe = min(v.sentence(max(s, e - 1))[1], max(qs + QUOTE_MAX, e))
            qrs, qre = v.doc.nt.span_to_raw(qs, qe) if qe > qs else (0, 0)
            raw = v.raw[qrs:qre]
            quote = raw.strip(_STRIP)
            qstart = qrs + (len(raw) - len(raw.lstrip(_STRIP))) if quote else -1
            cue = v.raw_slice(*c.cue).strip() if c.cue else ""
        else:
            rs = re_ = 0
            quote = cue = ""
        if c.kind == "cross_document":
            rs, re_ = (first.rs, first.re) if first is not None else (0, 0)
            quote = " … ".join(f.quote for _, f in c.ops)
            qstart = -1
        rows.append({
            "claim_id": f"{c.doc}:{c.kind}:{rs}",
            "doc_ids": c.doc,
            "kind": c.kind,
            "link": c.link,
            "fact_ids": ";".join(f.id for _, f in c.ops),
            "roles": ";".join(r for r, _ in c.ops),
            "is_exhaustive": bool(c.exhaustive),
            "stated_value": c.stated_value,
            "stated_unit": c.stated_unit,
            "direction": c.direction,
            "cue_ar": cue,
            "char_start": int(rs),
            "char_end": int(re_),
            "quote_ar": quote,
            "quote_start": int(qstart),
            "rule": c.rule,
            "reason": c.reason,
        })
    out = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    if out.empty:
        return out.astype({"char_start": "int64", "char_end": "int64", "quote_start": "int64", "is_exhaustive": bool})
    out = out.sort_values(["doc_ids", "char_start", "kind", "fact_ids"], kind="stable").reset_index(drop=True)
    dup = out.groupby("claim_id").cumcount()
    out["claim_id"] = out["claim_id"].where(dup == 0, out["claim_id"] + "#" + (dup + 1).astype(str))
    return out


def extract_claims(facts: pd.DataFrame, text=None, settings: dict | None = None) -> pd.DataFrame:
    """One row per arithmetic claim the articles of a facts table state or imply.

    Args:
        facts: a facts table (extract_facts / facts_frame), one article or many.
        text: the article text (a str, for a one-article table), a mapping doc_id -> text,
            or a documents frame (doc_id, text); None rebuilds each text from the sentences
            the facts quote (cues in sentences without a figure are then not seen).
        settings: overrides of data/audit_settings.json (measure families).
    Returns:
        A DataFrame with CLAIM_COLUMNS: claim_id, doc_ids (two, joined by ";", for a claim
        across articles), kind (CLAIM_KINDS), link (stated | inferred), fact_ids and roles
        (parallel, joined by ";"), is_exhaustive (parts that add up to their total),
        stated_value / stated_unit (a figure stated in words: a multiple, a duration; "points" for a
        change of rates in points, "per_year" for an average yearly rate over several years),
        direction (up | down), cue_ar (the words that make the claim, as written),
        char_start / char_end (raw span), quote_ar (the sentences that make the claim)
        and quote_start (the raw offset of its first character, -1 across articles),
        rule (the reader), reason (why it cannot be fully checked, else "").
    """
    claims, views = read_claims(facts, text, settings)
    return claim_rows(claims, views)
