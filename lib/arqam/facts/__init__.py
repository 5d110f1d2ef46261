"""Tie each figure to what it counts, whose it is, when, where, and what it is part of.

One row per statistic (kinds number, percent, money) and per place in a ranking (kind
rank: `ranks`); years, dates and other ordinals feed the periods. The stage is a row of small passes over one document that is
normalized once (`document`), each in its own module:

- `document`: the normalized text, its sentences, clauses and paragraphs;
- `names`: lexicon entities and bodies the lexicon does not know;
- `timex` (with `hijri`): period phrases, resolved against the article's date;
- `period`: the period each figure takes;
- `measure`: what a figure counts and its role (level, change, change_pct, share_pct, rate_pct);
- `subject`: whose figure it is;
- `parts`: which figure is part of which, and largest-part claims;
- `ranks`: places in a ranking (an ordinal after a rank noun), with their own measure and subject rules.

Cues live in data/facts/*.json (one file per pass), entities in data/entities.csv,
measures in data/measures.csv.
"""

from __future__ import annotations

from bisect import bisect_right

import pandas as pd

from ..normalize import NormalizedText
from ..numbers import NumberMention, find_numbers
from .document import Document, Fact
from .measure import assign_measures, canonical_measure
from .names import article_country, entity_id, find_names
from .parts import assign_parents, mark_largest_parts
from .period import PeriodIndex, drop_period_years, find_periods, period_fields
from .ranks import index_words, mark_places, rank_facts, rank_subject
from .subject import NameIndex, assign_subject, topic

__all__ = ["STAT_KINDS", "FACT_COLUMNS", "fact_rows", "extract_facts", "facts_frame", "canonical_measure"]

STAT_KINDS = ("number", "percent", "money")

FACT_COLUMNS = [
    "fact_id", "doc_id", "char_start", "char_end", "quote_ar", "value", "value_low", "value_high",
    "qualifier", "kind", "unit", "measure_ar", "measure", "measure_en", "subject_ar", "subject_id",
    "subject_en", "subject_scope", "parent_fact_id", "role", "is_largest_part", "period_ar", "period_start", "period_end",
    "period_iso", "period_rel", "country_iso3", "rule",
]


def fact_rows(
    text: str, doc_id: str, meta: dict | None = None, mentions: list[NumberMention] | None = None,
    normalized: NormalizedText | None = None,
) -> list[dict]:
    """Extract the facts of one article as plain dicts (FACT_COLUMNS keys), in text order.

    The frame-building `extract_facts` and `facts_frame` wrap this; call it
    directly when collecting many articles, to build and validate one frame.
    The text is normalized once: pass `normalized` (`arqam.normalize.normalize(text)`)
    when the caller already has it, e.g. from `find_numbers(text, normalized=nt)`.
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_facts expects text as str, got {type(text).__name__}")
    meta = dict(meta or {})
    doc = Document(text, meta, normalized)
    mentions = find_numbers(text, normalized=doc.nt) if mentions is None else mentions
    stats = [m for m in mentions if m.kind in STAT_KINDS]
    if not stats and not any(m.kind == "ordinal" for m in mentions):
        return []
    doc.figure_ends = {doc.from_raw(m.end) for m in mentions}
    doc.names = find_names(doc)
    country = article_country(doc)
    facts = []
    numbered = sorted((n.start, n.end) for n in doc.names if n.ent.entity_id and any(map(str.isdigit, n.text)))
    for m in stats:
        s, e = doc.from_raw(m.start), doc.from_raw(m.end)
        i = bisect_right(numbered, (s, float("inf")))
        if i and numbered[i - 1][1] >= e:
            continue  # the figure is part of a name (تطبيق مطراش 2)
        facts.append(Fact(m, s, max(e, s + 1)))
    doc.periods, facts = drop_period_years(find_periods(doc), facts)
    doc.fact_starts = [f.s for f in facts]
    for f in facts:
        f.row.update({"kind": f.m.kind, "unit": f.m.unit})
    assign_measures(doc, facts, country)
    when = PeriodIndex(doc, doc.periods, facts)
    names = NameIndex(doc.names)
    main = topic(doc.names)
    carried = None  # the subject the article goes on with
    for i, f in enumerate(facts):
        m = f.m
        row = f.row
        row.update(_figure_fields(doc, f, doc_id))
        f.rules.insert(0, f"figure:{m.kind}")
        ent = assign_subject(doc, names, f, carried, main, facts[i + 1].s if i + 1 < len(facts) else None, facts[i - 1] if i else None)
        if f.rules[-1] in ("subject:clause", "subject:sentence", "subject:anaphor"):
            carried = ent
        row.update(_subject_fields(ent, country))
        row.update(period_fields(when.assign(f)))
        row["country_iso3"] = country
    assign_parents(doc, facts)
    mark_largest_parts(doc, facts)
    ranks = _ranks(doc, mentions, names, main, when, country, doc_id)
    mark_places(doc, facts, ranks)
    if ranks:
        facts = sorted(facts + ranks, key=lambda f: f.s)
    rows = []
    for f in facts:
        f.row.pop("_ent", None)
        f.row.pop("_measure_end", None)
        f.row.pop("_noun", None)
        f.row.pop("_league", None)
        f.row["rule"] = "+".join(f.rules)
        rows.append(dict(zip(FACT_COLUMNS, map(f.row.get, FACT_COLUMNS))))
    return rows


def _figure_fields(doc: Document, f: Fact, doc_id: str) -> dict:
    """The columns a figure's mention gives (id, span, quote, value and its interval, hedge)."""
    m = f.m
    return {
        "fact_id": f"{doc_id}:{m.start}", "doc_id": doc_id, "char_start": m.start, "char_end": m.end,
        "quote_ar": doc.quote(f.s), "value": float(m.value), "value_low": m.low, "value_high": m.high,
        "qualifier": m.qualifier, "parent_fact_id": None,
    }


def _subject_fields(ent, country: str | None) -> dict:
    """The subject columns of a name (or None), with the name itself under _ent for the later passes."""
    return {
        "_ent": ent,
        "subject_ar": ent.text if ent else None,
        "subject_id": entity_id(ent.ent, country) if ent else None,
        "subject_en": (ent.ent.label_en or None) if ent else None,
        "subject_scope": ent.scope if ent else None,
    }


def _ranks(doc: Document, mentions, names: NameIndex, main, when: PeriodIndex, country, doc_id: str) -> list[Fact]:
    """The places in a ranking among `mentions`, as facts (after the statistics: they do not change those)."""
    ranks = rank_facts(doc, mentions)
    if not ranks:
        return ranks
    countries = [n for n in names.names if n.referent.scope == "country" and n.referent.ent.country_iso3 == country] if country else []
    country_ends = [n.end for n in countries]  # names are in text order and do not overlap: their ends are sorted
    prev = None
    for f in ranks:
        f.row.update(_figure_fields(doc, f, doc_id), is_largest_part=False)
        f.rules.insert(0, "figure:rank")
        idx = index_words(doc, names, f)
        if idx:
            f.row["measure_ar"] += f" ({idx})"
        f.row.update(_subject_fields(rank_subject(doc, names, f, main, prev, countries, country_ends), country))
        f.row.update(period_fields(when.assign(f)))
        f.row["country_iso3"] = country
        prev = f
    return ranks


def extract_facts(text: str, doc_id: str, meta: dict | None = None, mentions: list[NumberMention] | None = None) -> pd.DataFrame:
    """Extract one statistic per row from an article.

    Args:
        text: the article text (offsets in the result index this string).
        doc_id: the article's id (used in fact_id "<doc_id>:<char_start>").
        meta: catalog fields: country_iso3 (wins over inference), published (ISO
            date; anchors relative periods such as العام الجاري), period_covered.
        mentions: find_numbers(text), when already computed.
    Returns:
        A DataFrame with FACT_COLUMNS, one row per number/percent/money figure,
        in text order, validated by `arqam.schemas.FACTS`. Validation costs ~25 ms a
        call: for many articles use `facts_frame` (or `fact_rows` and one frame), which
        validates once.
    """
    from ..schemas import validate_facts

    return validate_facts(pd.DataFrame(fact_rows(text, doc_id, meta, mentions), columns=FACT_COLUMNS))


def facts_frame(docs: pd.DataFrame, progress: bool | None = None) -> pd.DataFrame:
    """Extract the facts of every document of a corpus.

    Args:
        docs: a frame from `load_corpus` (columns doc_id, text and the catalog
            columns country_iso3, published, period_covered when present).
        progress: show a tqdm bar (default: only for more than 20 documents).
    Returns:
        The concatenated facts, sorted by doc_id and char_start.
    """
    from tqdm import tqdm

    from ..schemas import validate_facts

    meta_cols = [c for c in ("country_iso3", "published", "period_covered") if c in docs.columns]
    show = len(docs) > 20 if progress is None else progress
    rows: list[dict] = []
    for row in tqdm(docs.itertuples(index=False), total=len(docs), disable=not show, desc="facts", unit="doc"):
        meta = {c: getattr(row, c) for c in meta_cols}
        meta = {k: (None if v is None or (isinstance(v, float) and v != v) else v) for k, v in meta.items()}
        rows.extend(fact_rows(row.text, str(row.doc_id), meta))
    out = pd.DataFrame(rows, columns=FACT_COLUMNS)
    out = out.sort_values(["doc_id", "char_start"], kind="stable").reset_index(drop=True)
    return validate_facts(out)
