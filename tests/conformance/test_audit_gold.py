"""The audit reproduces every relation of tests/data/gold/relations.jsonl with its verdict."""

import json
from pathlib import Path

import pytest

from arqam import facts_frame, load_corpus
from arqam.audit import audit

ROOT = Path(__file__).resolve().parents[2]
RELATIONS = [json.loads(line) for line in (ROOT / "tests/data/gold/relations.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def checks():
    return audit(facts_frame(load_corpus(ROOT / "seeds")))


def _fact_ids(r):
    if r["type"] == "cross_document":
        return {f"{m['doc']}:{m['start']}" for m in r["mentions"]}
    starts = [r["total_start"], *r["part_starts"]] + ([r["stated_start"]] if r["stated_start"] is not None else [])
    return {f"{r['doc']}:{s}" for s in starts}


def test_sixteen_relations():
    assert len(RELATIONS) == 16


@pytest.mark.parametrize("r", RELATIONS, ids=[r["id"] for r in RELATIONS])
def test_gold_relation(checks, r):
    rows = checks[(checks.rule == r["type"]) & checks.fact_ids.map(lambda x: set(x.split(";")) == _fact_ids(r))]
    assert len(rows) == 1, f"{r['id']}: {len(rows)} matching checks"
    row = rows.iloc[0]
    assert row.verdict == r["verdict"], row.explanation_en
    if r["computed"] is not None and r["type"] != "cross_document":
        assert row.computed == pytest.approx(r["computed"], rel=1e-4)


def test_no_false_alarms_on_the_seeds(checks):
    assert "inconsistent" not in set(checks.verdict), checks[checks.verdict == "inconsistent"].explanation_en.tolist()


def test_explanations_in_both_languages(checks):
    assert checks.explanation_en.str.len().gt(20).all()
    assert checks.explanation_ar.str.contains("[\u0600-\u06ff]").all()
