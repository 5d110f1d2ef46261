"""Conformance of the number reader on the corpora in tests/data.

Targets (issue 2): 100% on news_sentences, forms_probe, Duckling AR numerals and
ordinals; >= 95% on Duckling AR-EG (Egyptian) numerals; every gold mention of
the seed articles found with the same span, value, kind and qualifier. Issue 12:
100% on written_forms (separators, fractions, negatives, duals, money).
"""

import csv
import json
from pathlib import Path

import pytest

from arqam import find_numbers, parse_number

DATA = Path(__file__).resolve().parents[1] / "data"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _rows(name):
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _num(text):
    f = float(text)
    return int(f) if f.is_integer() and "." not in text else f


def _ids(rows):
    return [f"{i}:{r['text']}" for i, r in enumerate(rows)]


NUMERALS = _rows("duckling_ar_numerals.tsv")
EG_NUMERALS = _rows("duckling_ar_eg_numerals.tsv")
ORDINALS = _rows("duckling_ar_ordinals.tsv")
FORMS = _rows("forms_probe.tsv")
NEWS = _rows("news_sentences.tsv")
MONEY = _rows("duckling_ar_money.tsv")


def test_corpora_are_complete():
    # the README of tests/data gives these row counts; a truncated copy must fail loudly
    assert (len(NUMERALS), len(EG_NUMERALS), len(ORDINALS), len(FORMS), len(NEWS), len(MONEY)) == (163, 161, 30, 35, 20, 64)


@pytest.mark.parametrize("row", NUMERALS, ids=_ids(NUMERALS))
def test_duckling_ar_numerals(row):
    assert parse_number(row["text"]) == _num(row["value"])


def test_duckling_ar_eg_numerals_at_least_95_percent():
    misses = []
    for row in EG_NUMERALS:
        try:
            got = parse_number(row["text"])
        except ValueError as exc:
            got = exc
        if got != _num(row["value"]):
            misses.append((row["text"], row["value"], got))
    assert len(misses) <= 0.05 * len(EG_NUMERALS), misses


@pytest.mark.parametrize("row", ORDINALS, ids=_ids(ORDINALS))
def test_duckling_ar_ordinals(row):
    found = find_numbers(row["text"])
    assert [(m.start, m.end, m.kind, m.value) for m in found] == [(0, len(row["text"]), "ordinal", int(row["value"]))]
    assert parse_number(row["text"]) == int(row["value"])


@pytest.mark.parametrize("row", FORMS, ids=_ids(FORMS))
def test_forms_probe(row):
    assert parse_number(row["text"]) == _num(row["value"])
    found = find_numbers(row["text"])
    assert [(m.kind, m.value, m.start, m.end) for m in found] == [(row["kind"], _num(row["value"]), 0, len(row["text"]))]


@pytest.mark.parametrize("row", NEWS, ids=_ids(NEWS))
def test_news_sentences(row):
    figures = [m for m in find_numbers(row["text"]) if m.kind in ("number", "percent")]
    assert [(m.value, m.kind) for m in figures] == [(_num(row["value"]), row["kind"])]


def test_duckling_money_simple_rows_read_as_money():
    # not a target of issue 2: a floor that guards what the reader does today
    simple = [r for r in MONEY if r["kind"] == "simple"]
    good = 0
    for row in simple:
        money = [m for m in find_numbers(row["text"]) if m.kind == "money"]
        good += len(money) == 1 and money[0].value == _num(row["min"])
    assert good >= 40, f"{good}/{len(simple)}"


WRITTEN = _rows("written_forms.tsv")


def test_written_forms_corpus_is_complete():
    assert len(WRITTEN) == 53


@pytest.mark.parametrize("row", WRITTEN, ids=_ids(WRITTEN))
def test_written_forms(row):
    # issue 12: each phrase holds one statistic, read with its span, value, kind and currency
    found = [m for m in find_numbers(row["text"]) if m.kind in ("number", "percent", "money", "ordinal")]
    assert len(found) == 1, found
    m = found[0]
    assert (m.text, m.kind, m.unit or "") == (row["figure"], row["kind"], row["unit"])
    assert m.value == pytest.approx(_num(row["value"]), rel=1e-12)
    assert row["text"][m.start:m.end] == m.text


GOLD = [json.loads(line) for line in (DATA / "gold" / "mentions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
_found_cache: dict = {}


def _found(doc):
    if doc not in _found_cache:
        _found_cache[doc] = find_numbers((SEEDS / f"{doc}.txt").read_text(encoding="utf-8"))
    return _found_cache[doc]


def test_gold_has_58_mentions():
    assert len(GOLD) == 58


@pytest.mark.parametrize("gold", GOLD, ids=[f"{g['doc'][:3]}@{g['start']}" for g in GOLD])
def test_gold_mention_found(gold):
    at = [m for m in _found(gold["doc"]) if m.start == gold["start"]]
    assert at, f"no mention starts at {gold['start']} ({gold['text']!r})"
    m = at[0]
    assert (m.end, m.text, m.value, m.kind, m.qualifier) == (gold["end"], gold["text"], gold["value"], gold["kind"], gold["qualifier"])


def test_no_statistic_beyond_gold_on_seeds():
    # precision: every number/percent the reader reports on the seeds is a gold mention
    gold_starts = {(g["doc"], g["start"]) for g in GOLD}
    extra = [
        (doc, m.start, m.text)
        for doc in sorted({g["doc"] for g in GOLD})
        for m in _found(doc)
        if m.kind in ("number", "percent") and (doc, m.start) not in gold_starts
    ]
    assert extra == []
