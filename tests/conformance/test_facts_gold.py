"""Facts on the seed articles against the gold annotations (tests/data/gold).

Light normalisation, as the comparison rule:
- measure: the gold measure (bracketed glosses removed) and ours map to the same
  canonical key through the measures lexicon; when the gold phrase has no key
  (e.g. "نسبة (…)"), the first word of ours equals the first word of gold's,
  after Arabic normalization (hamza, ta marbuta, diacritics);
- subject: the gold subject resolves through the entities lexicon to our
  subject_id; when it does not resolve, the normalized texts are equal;
- parent: the gold parent's fact_id ("<doc>:<start>") equals parent_fact_id.
"""

import csv
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from arqam import lexicon as lx
from arqam.facts import canonical_measure, extract_facts
from arqam.normalize import normalize

ROOT = Path(__file__).resolve().parents[2]
GOLD = [
    g
    for g in (json.loads(line) for line in (ROOT / "tests/data/gold/mentions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip())
    if g["kind"] in ("number", "percent")
]
with open(ROOT / "seeds/catalog.csv", encoding="utf-8", newline="") as fh:
    CATALOG = {r["doc_id"]: r for r in csv.DictReader(fh)}
_facts: dict = {}


def facts(doc):
    if doc not in _facts:
        _facts[doc] = extract_facts((ROOT / f"seeds/{doc}.txt").read_text(encoding="utf-8"), doc, CATALOG[doc])
    return _facts[doc]


def _norm(s):
    s = re.sub(r"\(.*?\)", "", s or "")
    s = re.sub("[\"\u201c\u201d\u00ab\u00bb]", " ", s)
    return lx.phrase_key(normalize(s).text)


def _subject_id(text, country):
    ent = lx.entities().get(_norm(text))
    return ent.entity_id.replace("{iso3}", country.lower()) if ent else None


def test_gold_statistics_count():
    assert len(GOLD) == 37


@pytest.mark.parametrize("g", GOLD, ids=[f"{g['doc'][:3]}@{g['start']}" for g in GOLD])
def test_gold_statistic_is_a_fact(g):
    df = facts(g["doc"])
    rows = df[df.char_start == g["start"]]
    assert len(rows) == 1, f"no fact at {g['start']} ({g['text']!r})"
    r = rows.iloc[0]
    assert (r.char_end, r.value, r.kind, r.qualifier) == (g["end"], g["value"], g["kind"], g["qualifier"])
    gold_measure = canonical_measure(re.sub(r"\(.*?\)", "", g["measure"]))
    if gold_measure is not None:
        assert r.measure == gold_measure.measure, (r.measure_ar, g["measure"])
    else:
        assert _norm(r.measure_ar).split()[:1] == _norm(g["measure"]).split()[:1], (r.measure_ar, g["measure"])
    gold_subject = _subject_id(g["subject"], CATALOG[g["doc"]]["country_iso3"])
    if gold_subject is not None:
        assert r.subject_id == gold_subject, (r.subject_ar, g["subject"])
    else:
        assert _norm(r.subject_ar) == _norm(g["subject"])
    parent = None if pd.isna(r.parent_fact_id) else r.parent_fact_id
    assert parent == (f"{g['doc']}:{g['parent']}" if g["parent"] is not None else None)


def test_every_fact_points_at_its_source_characters():
    for doc in CATALOG:
        text = (ROOT / f"seeds/{doc}.txt").read_text(encoding="utf-8")
        df = facts(doc)
        assert (df.fact_id == doc + ":" + df.char_start.astype(str)).all()
        for r in df.itertuples():
            assert text[r.char_start:r.char_end].strip() and r.quote_ar in text


def test_years_dates_ordinals_are_not_facts():
    df = pd.concat([facts(d) for d in CATALOG])
    assert set(df.kind) <= {"number", "percent", "money"}
    assert len(df) == len(GOLD)


def test_countries_come_from_the_catalog():
    for doc, row in CATALOG.items():
        assert set(facts(doc).country_iso3) == {row["country_iso3"]}
