"""arqam.audit_report: statcheck-style tables (escaped, coloured by verdict), counts and chart."""

import html
from html.parser import HTMLParser

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere in this process

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from arqam.audit import AUDIT_COLUMNS, VERDICTS  # noqa: E402
from arqam.audit_report import VERDICT_COLOURS, plot_verdicts, verdict_counts, verdict_table_html  # noqa: E402

SCRIPT = "<script>alert('x')</script> بلغ عدد العمليات 5 ملايين & أكثر"
SENTENCE_A = "سجلت منصة أبشر 10 ملايين عملية"
SENTENCE_B = "منها 6 ملايين لأبشر أفراد و3 ملايين لأبشر أعمال"


def _check(check_id, rule, doc_ids, fact_ids, verdict, en="", ar="", computed=None, stated=None):
    return {
        "check_id": check_id, "claim_id": f"{doc_ids.split(';')[0]}:{rule}:1", "rule": rule, "doc_ids": doc_ids, "fact_ids": fact_ids,
        "computed": computed, "stated": stated, "computed_low": computed, "computed_high": computed,
        "stated_low": stated, "stated_high": stated, "verdict": verdict,
        "explanation_en": en, "explanation_ar": ar,
    }


CHECKS = pd.DataFrame(
    [
        _check("sum:b:1", "sum", "b", "b:1;b:2;b:3", "inconsistent", "6 + 3 = 9 against 10", "المجموع 9", 9.0, 10.0),
        _check("growth:b:9", "growth", "b", "b:9", "unverifiable", "<b>no</b> previous value", "لا قيمة سابقة <i>"),
        _check("cross_document:a:1", "cross_document", "a;b", "a:1;b:1", "consistent", "overlap", "متداخلان", 1.0),
        _check("share:a:4", "share", "a", "a:4;a:1", "rounding", "16.53% against 16%", "بالتقريب", 16.53, 16.0),
        _check("sum:a:1", "sum", "a", "a:1;a:2", "consistent", "ok", "متسق", 41091768.0, 41090000.0),
    ],
    columns=AUDIT_COLUMNS,
)
FACTS = pd.DataFrame(
    {
        "fact_id": ["a:1", "a:2", "a:4", "b:1", "b:2", "b:3", "b:9"],
        "doc_id": ["a", "a", "a", "b", "b", "b", "b"],
        "quote_ar": [SCRIPT, SCRIPT, "ارتفع العدد 16%", SENTENCE_A, SENTENCE_B, SENTENCE_B, "نمو 60%"],
    }
)


class _Rows(HTMLParser):
    """Collects each table row's attributes and its cells' text and attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: list[dict] = []
        self.tags: list[str] = []
        self.cell: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        a = dict(attrs)
        if tag == "tr" and "data-check-id" in a:
            self.rows.append({**a, "cells": []})
        elif tag == "td" and self.rows:
            self.cell = {**a, "text": ""}
            self.rows[-1]["cells"].append(self.cell)
        elif tag == "p" and self.cell is not None:
            self.cell.setdefault("paragraphs", []).append("")

    def handle_endtag(self, tag):
        if tag == "td":
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data
            if self.cell.get("paragraphs"):
                self.cell["paragraphs"][-1] += data


def _parse(fragment):
    p = _Rows()
    p.feed(fragment)
    p.close()
    return p


def test_article_markup_and_explanations_are_escaped():
    out = verdict_table_html(CHECKS, FACTS, doc_id="a")
    assert "<script>" not in out and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in out
    assert "&amp; أكثر" in out
    parsed = _parse(out)
    assert "script" not in parsed.tags
    quotes = next(r for r in parsed.rows if r["data-check-id"] == "sum:a:1")["cells"][2]
    assert quotes["dir"] == "rtl" and quotes["lang"] == "ar"
    assert quotes["paragraphs"] == [f"«{SCRIPT}»"]  # the sentence as text, once though two facts share it
    b = _parse(verdict_table_html(CHECKS, FACTS, doc_id="b"))
    growth = next(r for r in b.rows if r["data-check-id"] == "growth:b:9")
    assert growth["cells"][6]["text"] == "<b>no</b> previous value"
    assert growth["cells"][7]["text"] == "لا قيمة سابقة <i>"
    assert "i" not in b.tags and b.tags.count("b") == len(b.rows)  # only the verdicts are bold


def test_one_row_per_check_of_the_article_coloured_by_verdict():
    rows = _parse(verdict_table_html(CHECKS, FACTS, doc_id="b")).rows
    assert [r["data-check-id"] for r in rows] == ["sum:b:1", "growth:b:9", "cross_document:a:1"]
    for r in rows:
        assert f"background:{VERDICT_COLOURS[r['data-verdict']]}" in r["style"]
    sum_row = rows[0]
    assert sum_row["data-verdict"] == "inconsistent"
    assert [c["text"] for c in sum_row["cells"][:2]] == ["sum:b:1", "sum"]
    assert sum_row["cells"][2]["paragraphs"] == [f"«{SENTENCE_A}»", f"«{SENTENCE_B}»"]
    assert (sum_row["cells"][3]["text"], sum_row["cells"][4]["text"]) == ("9", "10")
    # a check across articles labels each sentence with its article
    cross = rows[2]["cells"][2]["paragraphs"]
    assert cross == [f"a «{SCRIPT}»", f"b «{SENTENCE_A}»"]


def test_every_article_by_default_with_a_legend_of_the_four_verdicts():
    out = verdict_table_html(CHECKS, FACTS)
    assert out.index('data-doc-id="a"') < out.index('data-doc-id="b"')
    assert len(_parse(out).rows) == len(CHECKS) + 1  # the cross-article check shows under a and b
    legend = out[: out.index("<table")]
    for verdict, colour in VERDICT_COLOURS.items():
        assert verdict in legend and colour in legend
    assert set(VERDICT_COLOURS) == set(VERDICTS)


def test_intervals_and_missing_facts_are_shown():
    checks = CHECKS.iloc[[4]].assign(stated_high=float("inf"), fact_ids="a:1;zz:7")
    row = _parse(verdict_table_html(checks, FACTS, doc_id="a")).rows[0]
    assert row["cells"][3]["text"] == "41,091,768"
    assert row["cells"][4]["text"] == "41,090,000[41,090,000, ∞)"
    assert row["cells"][2]["paragraphs"][-1] == "«(zz:7: not in the facts table)»"


def test_missing_columns_are_named():
    with pytest.raises(ValueError, match="quote_ar"):
        verdict_table_html(CHECKS, FACTS.drop(columns="quote_ar"))


def test_verdict_counts_counts_a_cross_article_check_for_each_article():
    counts = verdict_counts(CHECKS)
    assert list(counts.columns) == list(VERDICTS)
    assert list(counts.index) == ["a", "b"]
    assert counts.loc["a"].tolist() == [2, 1, 0, 0]
    assert counts.loc["b"].tolist() == [1, 0, 1, 1]
    assert (counts.dtypes == "int64").all()
    assert counts.to_numpy().sum() == len(CHECKS) + 1


def test_verdict_counts_keeps_all_four_columns_and_refuses_unknown_verdicts():
    only = verdict_counts(CHECKS[CHECKS.verdict == "consistent"])
    assert list(only.columns) == list(VERDICTS)
    assert only["inconsistent"].tolist() == [0, 0]
    empty = verdict_counts(CHECKS.iloc[:0])
    assert empty.empty and list(empty.columns) == list(VERDICTS)
    with pytest.raises(ValueError, match="maybe"):
        verdict_counts(CHECKS.assign(verdict="maybe"))


def test_plot_verdicts_draws_one_stacked_bar_per_article():
    counts = verdict_counts(CHECKS)
    fig, ax = plt.subplots()
    try:
        assert plot_verdicts(counts, ax=ax) is ax
        assert isinstance(ax, Axes)
        assert len(ax.containers) == len(VERDICTS)
        for verdict, bars in zip(VERDICTS, ax.containers):
            assert len(bars) == len(counts)  # one segment per article in every verdict
            assert {to_hex(p.get_facecolor()) for p in bars} == {VERDICT_COLOURS[verdict]}
        assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]
        # stacked: each article's segments end at its total number of checks
        ends = {round(p.get_y(), 6): p.get_x() + p.get_width() for bars in ax.containers for p in bars}
        assert sorted(ends.values()) == sorted(counts.sum(axis=1).tolist())
        assert len(ends) == len(counts)
    finally:
        plt.close(fig)


def test_plot_verdicts_makes_its_own_axes_and_takes_arabic_labels():
    ax = plot_verdicts(verdict_counts(CHECKS), labels=["مقال أ", "مقال ب"])
    try:
        assert [t.get_text() for t in ax.get_yticklabels()] == ["مقال أ", "مقال ب"]
        with pytest.raises(ValueError, match="labels"):
            plot_verdicts(verdict_counts(CHECKS), ax=ax, labels=["one"])
    finally:
        plt.close(ax.figure)


def test_html_escape_is_what_the_table_uses():
    # the quote cell holds html.escape of the sentence, nothing else
    assert html.escape(SCRIPT, quote=True) in verdict_table_html(CHECKS, FACTS, doc_id="a")


def test_claims_table_marks_operands_and_escapes():
    from arqam import extract_facts
    from arqam.audit import audit
    from arqam.audit_report import claims_table_html
    from arqam.claims import extract_claims

    text = "سجلت البوابة <b>الوطنية</b> 5,000,000 معاملة، منها 2,000,000 معاملة عبر التطبيق و1,500,000 معاملة عبر الموقع."
    facts = extract_facts(text, "d", {"country_iso3": "JOR"})
    claims = extract_claims(facts, text)
    checks = audit(facts, claims=claims, texts=text)
    page = claims_table_html(claims, checks, facts)
    assert "<b>الوطنية</b>" not in page and "&lt;b&gt;" in page  # the article's markup shows as text
    row = page[page.index('data-claim-id="d:part_of'):]
    row = row[:row.index("</tr>")]
    assert 'data-verdict="consistent"' in row
    assert row.count("<mark") == 3
    assert 'data-role="total"' in row and row.count('data-role="part"') == 2
    assert ">5,000,000<sub" in row  # the figure as written is what is marked
    assert 'class="arqam-cue"' in row and ">منها<" in row
    with pytest.raises(ValueError, match="quote_start"):
        claims_table_html(claims.drop(columns="quote_start"), checks, facts)
    # the sentence gets the room of a fixed layout; the id heading reads left to right
    assert "table-layout:fixed" in page and '<col style="width:46%;">' in page
    assert '<h3 dir="ltr"' in page


# --- the figures of each check marked in its sentences (issue 14)

TEXT_B = "مقدمة. " + SENTENCE_A + ". " + SENTENCE_B + "."


def _facts_with_spans():
    a = TEXT_B.index(SENTENCE_A)
    b = TEXT_B.index(SENTENCE_B)
    spans = {"b:1": (a + SENTENCE_A.index("10 ملايين"), 9), "b:2": (b + SENTENCE_B.index("6 ملايين"), 8),
             "b:3": (b + SENTENCE_B.index("3 ملايين"), 8)}
    f = FACTS[FACTS["doc_id"] == "b"].copy()
    f["char_start"] = [spans.get(i, (0, 1))[0] for i in f["fact_id"]]
    f["char_end"] = [spans.get(i, (0, 1))[0] + spans.get(i, (0, 1))[1] for i in f["fact_id"]]
    return f


def test_figures_of_a_check_are_marked_in_its_sentences_when_the_articles_are_given():
    facts = _facts_with_spans()
    docs = pd.DataFrame({"doc_id": ["b"], "text": [TEXT_B]})
    fragment = verdict_table_html(CHECKS[CHECKS["check_id"] == "sum:b:1"], facts, doc_id="b", docs=docs)
    marks = [html.unescape(m) for m in __import__("re").findall(r'<mark class="arqam-figure"[^>]*>(.*?)</mark>', fragment)]
    assert marks == ["10 ملايين", "6 ملايين", "3 ملايين"]
    # the two figures of one sentence are marked in that sentence, which is shown once
    assert fragment.count("لأبشر أفراد") == 1
    assert "arqam-figure" not in verdict_table_html(CHECKS[CHECKS["check_id"] == "sum:b:1"], facts, doc_id="b")


def test_a_quote_cut_at_write_time_still_has_its_figure_marked():
    facts = _facts_with_spans()
    cut = "\u2026" + SENTENCE_B[3:]  # the writer cut the start and put … there
    facts.loc[facts["fact_id"] == "b:3", "quote_ar"] = cut
    docs = pd.DataFrame({"doc_id": ["b"], "text": [TEXT_B]})
    check = CHECKS[CHECKS["check_id"] == "sum:b:1"].assign(fact_ids="b:3")
    fragment = verdict_table_html(check, facts, doc_id="b", docs=docs)
    (mark,) = __import__("re").findall(r'<mark class="arqam-figure"[^>]*>(.*?)</mark>', fragment)
    assert mark == "3 ملايين"


def test_statcheck_table_has_fixed_column_widths_and_ltr_ids():
    fragment = verdict_table_html(CHECKS, FACTS, doc_id="b")
    assert "table-layout:fixed" in fragment and fragment.count("<col ") == 8
    assert '<h3 dir="ltr"' in fragment
