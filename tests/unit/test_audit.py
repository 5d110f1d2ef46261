"""Audit checks on hand-made articles: deliberate errors are caught, correct claims pass."""

import math

import pandas as pd
import pytest

from arqam import extract_facts
from arqam.audit import AUDIT_COLUMNS, audit


def checks(text, meta=None):
    return audit(extract_facts(text, "t", meta or {"country_iso3": "SAU"}))


def verdicts(text, rule, meta=None):
    a = checks(text, meta)
    return a[a.rule == rule].verdict.tolist()


SPLIT = "سجلت منصة أبشر {total} عملية خلال يناير 2025.\nوقد توزعت العمليات بين منصتي أبشر أفراد وأبشر أعمال حيث سجلت منصة أبشر أفراد {a} عملية في حين سجلت منصة أبشر أعمال {b} عملية."


def test_split_that_adds_up():
    assert verdicts(SPLIT.format(total="10,000,000", a="7,000,000", b="3,000,000"), "sum") == ["consistent"]


def test_split_that_does_not_add_up():
    assert verdicts(SPLIT.format(total="10,000,000", a="7,000,000", b="2,000,000"), "sum") == ["inconsistent"]


def test_split_under_a_more_than_total():
    assert verdicts(SPLIT.format(total="أكثر من 9,000,000", a="7,000,000", b="2,500,000"), "sum") == ["consistent"]


DETAIL = "سجلت منصة أبشر {total} عملية خلال يناير 2025.\nوتفصيلا نفذت المديرية العامة للجوازات {a} عملية بينما نفذت الإدارة العامة للمرور {b} عملية."


def test_parts_within_the_whole():
    assert verdicts(DETAIL.format(total="5,000,000", a="1,000,000", b="2,000,000"), "part_of") == ["consistent"]


def test_part_larger_than_whole():
    assert verdicts(DETAIL.format(total="5,000,000", a="4,000,000", b="2,000,000"), "part_of") == ["inconsistent"]


def test_minha_part_larger_than_whole():
    text = "بلغت عمليات الأمن العام 3,000,000 عملية كان نصيب الإدارة العامة للمرور منها 3,500,000 عملية."
    assert verdicts(text, "part_of") == ["inconsistent"]


GROWTH = (
    "بلغ عدد الحركات الإلكترونية على الخدمات الحكومية الإلكترونية خلال الشهر الاول من العام الحالي {cur} حركة. "
    "وزاد عدد الحركات الإلكترونية على الخدمات الحكومية الإلكترونية بمقدار {diff} حركة وبنسبة {pct} بالمائة مقارنة بعدد الحركات "
    "في نفس الفترة من العام الماضي والتي بلغت وقتها {prev} حركة."
)


def test_correct_growth_and_difference():
    a = checks(GROWTH.format(cur="3,000,000", diff="1,000,000", pct="50", prev="2,000,000"), {"country_iso3": "JOR"})
    assert a[a.rule.isin(["growth", "difference"])].verdict.tolist() == ["consistent", "consistent"]


def test_wrong_growth_percent():
    a = checks(GROWTH.format(cur="3,000,000", diff="1,000,000", pct="70", prev="2,000,000"), {"country_iso3": "JOR"})
    assert a[a.rule == "growth"].verdict.tolist() == ["inconsistent"]
    assert a[a.rule == "difference"].verdict.tolist() == ["consistent"]


def test_wrong_difference():
    a = checks(GROWTH.format(cur="3,000,000", diff="1,300,000", pct="50", prev="2,000,000"), {"country_iso3": "JOR"})
    assert a[a.rule == "difference"].verdict.tolist() == ["inconsistent"]


def test_truncated_percent_is_rounding():
    a = checks(GROWTH.format(cur="437", diff="62", pct="16", prev="375"), {"country_iso3": "JOR"})
    assert a[a.rule == "growth"].verdict.tolist() == ["rounding"]
    row = a[a.rule == "growth"].iloc[0]
    assert row.computed == pytest.approx(16.5333, rel=1e-4)
    assert "16.53%" in row.explanation_en


def test_hedged_inputs_explain_a_gap():
    a = checks(GROWTH.format(cur="قرابة 2.9 مليون", diff="900 الف", pct="44", prev="قرابة 2 مليون"), {"country_iso3": "JOR"})
    assert a[a.rule == "growth"].verdict.tolist() == ["consistent"]
    assert "hedges" in a[a.rule == "growth"].explanation_en.iloc[0] or "rounded" in a[a.rule == "growth"].explanation_en.iloc[0]


SHARE = "شكلت الحركات الإلكترونية نسبة {pct} بالمائة من اجمالي اعداد الحركات على الخدمات الحكومية والتي بلغت {whole} حركة"


def test_share_checked_against_part_and_whole():
    text = "بلغ عدد الحركات الإلكترونية على الخدمات الحكومية 2,880,000 حركة. " + SHARE
    assert verdicts(text.format(pct="90", whole="3,200,000"), "share", {"country_iso3": "JOR"}) == ["consistent"]
    assert verdicts(text.format(pct="60", whole="3,200,000"), "share", {"country_iso3": "JOR"}) == ["inconsistent"]
    # 2,900,000 / 3,200,000 = 90.63%: stated as 90 it holds only if truncated
    truncated = "بلغ عدد الحركات الإلكترونية على الخدمات الحكومية 2,900,000 حركة. " + SHARE
    assert verdicts(truncated.format(pct="90", whole="3,200,000"), "share", {"country_iso3": "JOR"}) == ["rounding"]


def test_largest_part_claim():
    ok = SPLIT.replace("حيث سجلت منصة أبشر أفراد", "حيث استحوذت منصة أبشر أفراد على الحصة الأكبر بإجمالي").format(total="10,000,000", a="7,000,000", b="3,000,000")
    bad = SPLIT.replace("حيث سجلت منصة أبشر أفراد", "حيث استحوذت منصة أبشر أفراد على الحصة الأكبر بإجمالي").format(total="10,000,000", a="3,000,000", b="7,000,000")
    assert verdicts(ok, "majority") == ["consistent"]
    assert verdicts(bad, "majority") == ["inconsistent"]


def test_cross_document_conflict_and_series():
    f1 = extract_facts("سجلت منصة أبشر 10,000,000 عملية خلال شهر مارس 2025.", "a", {"country_iso3": "SAU"})
    same = extract_facts("سجلت منصة أبشر 12,000,000 عملية خلال شهر مارس 2025.", "b", {"country_iso3": "SAU"})
    later = extract_facts("سجلت منصة أبشر 12,000,000 عملية خلال شهر أبريل 2025.", "c", {"country_iso3": "SAU"})
    a = audit(pd.concat([f1, same, later], ignore_index=True))
    x = a[a.rule == "cross_document"].set_index("fact_ids").verdict.to_dict()
    # no article states the pair: two articles that count differently are a question, never a flag (issue 10)
    assert x == {"a:15;b:15": "unverifiable", "a:15;c:15": "consistent", "b:15;c:15": "consistent"}
    assert "count differently" in a[a.fact_ids == "a:15;b:15"].explanation_en.iloc[0]


def test_plausibility_against_population():
    ok = checks("أصدرت وزارة الداخلية أكثر من 28 مليون هوية رقمية")
    bad = checks("أصدرت وزارة الداخلية أكثر من 80 مليون هوية رقمية")
    assert ok[ok.rule == "plausibility"].verdict.tolist() == ["consistent"]
    assert bad[bad.rule == "plausibility"].verdict.tolist() == ["inconsistent"]
    assert "35,300,280" in bad[bad.rule == "plausibility"].explanation_en.iloc[0]  # the population used is named
    crazy = checks("سجلت منصة أبشر 5 مليارات عملية خلال شهر مارس 2025")
    assert crazy[crazy.rule == "plausibility"].verdict.tolist() == ["inconsistent"]


def test_ids_a_little_above_the_population_are_a_question():
    # ids issued since launch include residents who have since left: 1.7 million against 1.59 million is not flagged
    near = checks("وأصدرت الهيئة 1,700,000 هوية رقمية منذ إطلاق الخدمة.", {"country_iso3": "BHR"})
    assert near[near.rule == "plausibility"].verdict.tolist() == ["unverifiable"]
    far = checks("وأصدرت الهيئة 4,000,000 هوية رقمية منذ إطلاق الخدمة.", {"country_iso3": "BHR"})
    assert far[far.rule == "plausibility"].verdict.tolist() == ["inconsistent"]


def test_many_operations_per_resident_are_a_question_below_the_impossible():
    # 40 payments per resident per month: a national payment switch may count that many, so it is not flagged
    busy = checks("ونفذت منظومة الدفع الإلكتروني 1,400,000,000 عملية خلال شهر مارس 2025")
    assert busy[busy.rule == "plausibility"].verdict.tolist() == ["unverifiable"]
    few = checks("ونفذت منظومة الدفع الإلكتروني 140,000,000 عملية خلال شهر مارس 2025")
    assert few[few.rule == "plausibility"].verdict.tolist() == ["consistent"]


def test_partial_tables_give_unverifiable_rows_not_errors():
    f = extract_facts(DETAIL.format(total="5,000,000", a="1,000,000", b="2,000,000"), "t", {"country_iso3": "SAU"})
    orphans = f[f.parent_fact_id.notna()]
    a = audit(orphans)
    assert a[a.rule == "part_of"].verdict.tolist() == ["unverifiable"]
    lone = extract_facts("ارتفع عدد المستخدمين بنسبة 20% مقارنة بالعام الماضي", "t", {})
    assert audit(lone).verdict.tolist() == ["unverifiable"]
    no_period = audit(extract_facts("سجلت منصة أبشر 5 ملايين عملية", "t", {"country_iso3": "SAU"}))
    assert no_period.verdict.tolist() == ["unverifiable"]


def test_empty_and_minimal_inputs():
    assert list(audit(extract_facts("", "t")).columns) == AUDIT_COLUMNS
    minimal = pd.DataFrame({"fact_id": ["x:1"], "doc_id": ["x"], "value": [5.0]})
    assert audit(minimal).empty
    with pytest.raises(ValueError, match="fact_id"):
        audit(pd.DataFrame({"value": [1.0]}))


def test_verdict_columns_are_complete():
    a = checks(SPLIT.format(total="10,000,000", a="7,000,000", b="3,000,000"))
    assert list(a.columns) == AUDIT_COLUMNS
    assert a.check_id.is_unique
    row = a[a.rule == "sum"].iloc[0]
    assert (row.computed, row.stated) == (10_000_000, 10_000_000)
    assert not math.isnan(row.computed_low)
