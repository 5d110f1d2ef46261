"""Scope-aware, per-capita digital adoption indicators, joined to reference indices.

A figure becomes an indicator row when it counts a flow of digital activity
(operations, transactions, requests …; a "services" count above
`SERVICE_DELIVERY_MIN` counts deliveries, not a catalogue) in a known or unknown
period. Parts of a larger figure are folded into it, except non-transactional
parts (document views, inquiries), which get rows of their own and are
subtracted to give the transactional remainder. Rates are per month and per
resident, with the population figure, its year and its source named in the row.
"""

from __future__ import annotations

import math

import pandas as pd

from . import lexicon as lx
from . import reference as ref
from .audit import _months, audit

ADOPTION_COLUMNS = [
    "country_iso3", "subject_id", "subject_ar", "subject_en", "scope", "measure", "measure_en", "is_transactional",
    "period_start", "period_end", "period_iso", "period_rel", "period_ar", "period_months",
    "value", "value_low", "value_high", "qualifier",
    "views_value", "transactional_value",
    "per_month", "per_month_low", "per_month_high",
    "per_capita_month", "per_capita_month_low", "per_capita_month_high",
    "population", "population_year", "population_source",
    "digital_share_pct", "digital_share_pct_stated", "yoy_growth_pct", "yoy_growth_pct_stated",
    "egdi", "egdi_year", "gtmi_score", "gtmi_year",
    "audit_verdict", "fact_ids", "doc_id", "caveat_en",
]

FLOW_MEASURES = ("operations", "transactions", "requests", "inquiries", "reports", "document_views", "payments", "visits", "downloads", "appointments", "licenses")
NON_TRANSACTIONAL = ("document_views", "inquiries")
# A count of "services" this large counts deliveries (20 مليون خدمة إلكترونية), not a catalogue of services.
SERVICE_DELIVERY_MIN = 10_000
_SEVERITY = {"inconsistent": 0, "rounding": 1, "consistent": 2, "unverifiable": 3}


def _is_flow(r) -> bool:
    if r["kind"] != "number" or r["role"] != "level":
        return False
    return r["measure"] in FLOW_MEASURES or (r["measure"] == "services" and r["value"] >= SERVICE_DELIVERY_MIN)


def _na(v):
    return v is None or (isinstance(v, float) and math.isnan(v))


def _descendants(fid: str, children: dict) -> list[str]:
    out, stack = [], list(children.get(fid, ()))
    while stack:
        c = stack.pop()
        out.append(c)
        stack.extend(children.get(c, ()))
    return out


def _verdict_of(fact_ids: list[str], checks: pd.DataFrame) -> str | None:
    if checks is None or checks.empty:
        return None
    ids = set(fact_ids)
    used = checks[checks.fact_ids.map(lambda s: bool(ids & set(str(s).split(";"))))]
    if used.empty:
        return None
    return min(used.verdict, key=lambda v: _SEVERITY.get(v, 9))


def adoption_indicators(facts: pd.DataFrame, reference=None, checks: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (country, subject, measure, period) of digital activity, per month and per resident.

    Args:
        facts: a facts table (extract_facts / facts_frame).
        reference: reference indicators (frame, CSV path, or None for the packaged file).
        checks: the audit of these facts; computed with `audit(facts, reference)` when None.
    Returns:
        A DataFrame with ADOPTION_COLUMNS, sorted by country, subject, measure, period.
    """
    if facts.empty:
        return pd.DataFrame(columns=ADOPTION_COLUMNS)
    refs = reference if isinstance(reference, pd.DataFrame) else ref.load_reference(reference)
    if checks is None:
        checks = audit(facts, refs)
    rows = facts.to_dict("records")
    by_id = {r["fact_id"]: r for r in rows}
    children: dict[str, list[str]] = {}
    for r in rows:
        if not _na(r.get("parent_fact_id")):
            children.setdefault(r["parent_fact_id"], []).append(r["fact_id"])
    share_parent = {r["fact_id"]: r["parent_fact_id"] for r in rows if "parent:share_sentence" in str(r.get("rule", ""))}
    whole_of_share = set(share_parent.values())
    entities = lx.entity_rows()

    picked = []
    for r in rows:
        if not _is_flow(r) or r["fact_id"] in whole_of_share:
            continue  # a total that includes non-digital channels is context for a share, not adoption
        parent = r.get("parent_fact_id")
        top = _na(parent) or r["fact_id"] in share_parent
        if not top and r["measure"] not in NON_TRANSACTIONAL:
            continue  # folded into its parent
        picked.append(r)
    # a figure with no period is dropped when the same article dates the same subject and measure
    dated = {(r["doc_id"], r.get("subject_id") or r.get("subject_ar"), r["measure"]) for r in picked if not _na(r.get("period_iso"))}
    picked = [r for r in picked if not (_na(r.get("period_iso")) and (r["doc_id"], r.get("subject_id") or r.get("subject_ar"), r["measure"]) in dated)]

    out = []
    for r in picked:
        fid = r["fact_id"]
        used = [fid]
        country = r.get("country_iso3")
        months = _months_of(r)
        ent = _entity_for(r.get("subject_id"), entities)
        views = 0.0
        for d in _descendants(fid, children):
            dr = by_id[d]
            if dr["measure"] in NON_TRANSACTIONAL and dr["kind"] == "number":
                if not any(a in _descendants(d, children) for a in ()):
                    views += dr["value"]
                    used.append(d)
        is_tx = r["measure"] not in NON_TRANSACTIONAL
        row = {
            "country_iso3": country, "subject_id": r.get("subject_id"), "subject_ar": r.get("subject_ar"),
            "subject_en": r.get("subject_en"), "scope": ent.scope if ent else r.get("subject_scope"),
            "measure": r["measure"], "measure_en": r.get("measure_en"), "is_transactional": is_tx,
            "period_start": r.get("period_start"), "period_end": r.get("period_end"), "period_iso": r.get("period_iso"),
            "period_rel": r.get("period_rel"), "period_ar": r.get("period_ar"), "period_months": months,
            "value": r["value"], "value_low": r["value_low"], "value_high": r["value_high"], "qualifier": r["qualifier"],
            "views_value": views if views else None,
            "transactional_value": (r["value"] - views) if is_tx else 0.0,
        }
        if months:
            row.update(per_month=r["value"] / months, per_month_low=r["value_low"] / months, per_month_high=r["value_high"] / months)
        pop = ref.population(country, _year_of(r), refs) if country else None
        if pop is None and country:
            pop = ref.population(country, None, refs)
        if pop is not None:
            row.update(population=pop.value, population_year=pop.year, population_source=pop.source)
            if months:
                row.update(
                    per_capita_month=row["per_month"] / pop.value,
                    per_capita_month_low=row["per_month_low"] / pop.value,
                    per_capita_month_high=row["per_month_high"] / pop.value,
                )
        whole_id = share_parent.get(fid)
        if whole_id is not None:
            whole = by_id[whole_id]
            row["digital_share_pct"] = r["value"] / whole["value"] * 100
            used.append(whole_id)
            stated = [x for x in rows if x["doc_id"] == r["doc_id"] and x["role"] == "share_pct" and x["quote_ar"] == whole["quote_ar"]]
            if stated:
                row["digital_share_pct_stated"] = stated[0]["value"]
                used.append(stated[0]["fact_id"])
        prev = _previous(r, rows)
        if prev is not None and prev["value"]:
            row["yoy_growth_pct"] = (r["value"] - prev["value"]) / prev["value"] * 100
            used.append(prev["fact_id"])
            stated = [x for x in rows if x["doc_id"] == r["doc_id"] and x["role"] == "change_pct" and x["measure"] == r["measure"] and x.get("subject_id") == r.get("subject_id")]
            if stated:
                row["yoy_growth_pct_stated"] = stated[0]["value"]
                used.extend(x["fact_id"] for x in stated)
        for ind, col in (("egdi", "egdi"), ("gtmi_score", "gtmi_score")):
            fig = ref.figure(country, ind, None, refs) if country else None
            if fig is not None:
                row[col], row[f"{col.split('_')[0]}_year"] = fig.value, fig.year
        row["audit_verdict"] = _verdict_of(used, checks)
        row["fact_ids"] = ";".join(used)
        row["doc_id"] = r["doc_id"]
        row["caveat_en"] = _caveat(row, ent)
        out.append(row)
    frame = pd.DataFrame(out, columns=ADOPTION_COLUMNS)
    return frame.sort_values(["country_iso3", "subject_id", "measure", "period_rel", "period_iso"], na_position="last", kind="stable").reset_index(drop=True)


def _entity_for(subject_id, entities):
    if _na(subject_id):
        return None
    for eid, e in entities.items():
        if eid == subject_id or (eid.startswith("{iso3}.") and subject_id.split(".", 1)[-1] == eid.split(".", 1)[-1]):
            return e
    return None


def _months_of(r) -> int | None:
    class _P:  # the audit's period arithmetic reads these attributes
        period_iso = None if _na(r.get("period_iso")) else r.get("period_iso")
        period_start = None if _na(r.get("period_start")) else r.get("period_start")
        period_end = None if _na(r.get("period_end")) else r.get("period_end")

    return _months(_P)


def _year_of(r) -> int | None:
    iso = r.get("period_iso")
    if _na(iso) or not str(iso)[:4].isdigit():
        return None
    return int(str(iso)[:4])


def _previous(r, rows):
    """The same subject and measure, stated for the previous year, in the same article."""
    if r.get("period_rel") == "previous_year":
        return None
    for x in rows:
        if (x["doc_id"] == r["doc_id"] and x["role"] == "level" and x["kind"] == "number" and x["measure"] == r["measure"]
                and x.get("subject_id") == r.get("subject_id") and x.get("period_rel") == "previous_year"):
            return x
    return None


def _caveat(row: dict, ent) -> str:
    parts = [f"scope: {row['scope'] or 'unknown'}" + (f" ({row['subject_en']})" if row.get("subject_en") else "")]
    if row.get("period_months"):
        year_note = "" if not _na(row.get("period_start")) else ", year not stated"
        parts.append(f"period: {row['period_months']} month(s), {row['period_iso']}{year_note}")
    else:
        parts.append("period: not stated, no monthly rate")
    if row.get("population"):
        parts.append(f"population: {row['population']:,.0f} ({row['population_year']}, {str(row['population_source']).split(',')[0]})")
    if row.get("views_value"):
        parts.append(f"includes {row['views_value']:,.0f} document views or inquiries (non-transactional)")
    if not row["is_transactional"]:
        parts.append("views or inquiries, not completed transactions")
    if row["qualifier"] != "exact":
        parts.append(f"stated as {row['qualifier'].replace('_', ' ')}")
    return "; ".join(parts)
