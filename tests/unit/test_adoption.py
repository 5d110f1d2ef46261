"""Adoption indicator arithmetic on hand-made facts."""

import math

import pandas as pd
import pytest

from arqam import adoption_indicators, extract_facts, load_reference
from arqam.reference import population


def test_population_lookup_names_its_source():
    p = population("SAU")
    assert (p.year, p.value) == (2024, 35_300_280)
    assert "World Bank" in p.source
    assert population("XXX") is None


def test_monthly_per_capita_with_views_split():
    text = (
        "سجلت منصة أبشر 40,000,000 عملية خلال شهر مايو 2024.\n"
        "ويعود الجزء الأكبر من العمليات المسجلة على منصة أبشر إلى ميزة المحفظة الرقمية حيث تم إجراء 30,000,000 عملية استعراض للوثائق الرقمية."
    )
    a = adoption_indicators(extract_facts(text, "s", {"country_iso3": "SAU"}))
    total = a[a.measure == "operations"].iloc[0]
    views = a[a.measure == "document_views"].iloc[0]
    pop = population("SAU", 2024).value
    assert total.period_months == 1 and total.period_iso == "2024-05"
    assert total.per_capita_month == pytest.approx(40_000_000 / pop)
    assert (total.views_value, total.transactional_value) == (30_000_000, 10_000_000)
    assert not views.is_transactional and total.is_transactional
    assert total.population_year == 2024 and "World Bank" in total.population_source
    assert "document views" in total.caveat_en


def test_yearly_figure_becomes_a_monthly_rate():
    a = adoption_indicators(extract_facts("أنجزت وزارة الداخلية أكثر من 24 مليون خدمة إلكترونية خلال العام الجاري", "e", {"country_iso3": "EGY", "published": "2025-12-30"}))
    (row,) = a.itertuples()
    assert row.period_months == 12 and row.per_month == 2_000_000
    assert row.per_capita_month == pytest.approx(2_000_000 / population("EGY").value)
    assert math.isinf(row.per_capita_month_high)  # "أكثر من": no upper bound
    assert row.scope == "ministry" and row.subject_id == "egy.moi"


def test_digital_share_and_growth():
    text = (
        "بلغ عدد الحركات الالكترونية على الخدمات الحكومية الإلكترونية قرابة 2.9 مليون حركة الكترونية خلال الشهر الاول من العام الحالي. "
        "وزاد عدد الحركات الالكترونية على خدمات حكومية إلكترونية بمقدار 900 الف حركة إلكترونية وبنسبة تصل الى 45 بالمائة مقارنة بعدد الحركات الالكترونية في نفس الفترة من العام الماضي والتي بلغت وقتها قرابة 2 مليون حركة الكترونية. "
        "فقد شكلت الحركات الالكترونية نسبة تتجاوز الـ 90 بالمائة من اجمالي اعداد الحركات المنفذة على خدمات حكومية مؤتمتة والتي بلغت قرابة 3.2 مليون حركة."
    )
    a = adoption_indicators(extract_facts(text, "j", {"country_iso3": "JOR"}))
    cur = a[a.period_rel == "current"].iloc[0]
    assert cur.value == 2_900_000
    assert cur.digital_share_pct == pytest.approx(90.625) and cur.digital_share_pct_stated == 90
    assert cur.yoy_growth_pct == pytest.approx(45.0) and cur.yoy_growth_pct_stated == 45
    assert cur.scope == "whole_government"
    assert 3_200_000 not in a.value.tolist()  # the all-channel total is context, not adoption
    assert cur.audit_verdict == "consistent"


def test_no_period_gives_no_rate_but_keeps_the_row():
    a = adoption_indicators(extract_facts("سجلت منصة أبشر 5 ملايين عملية", "s", {"country_iso3": "SAU"}))
    (row,) = a.itertuples()
    assert pd.isna(row.per_capita_month) and "no monthly rate" in row.caveat_en


def test_user_reference_file(tmp_path):
    refs = load_reference()
    mine = refs[refs.indicator != "population_total"].copy()
    extra = refs[(refs.indicator == "population_total") & (refs.iso3 == "SAU")].copy()
    extra["value"] = 10_000_000.0
    extra["value_text"] = "10000000"
    path = tmp_path / "ref.csv"
    pd.concat([mine, extra]).drop(columns="value_text").to_csv(path, index=False)
    a = adoption_indicators(extract_facts("سجلت منصة أبشر 5 ملايين عملية خلال شهر مايو 2024", "s", {"country_iso3": "SAU"}), reference=path)
    assert a.per_capita_month.iloc[0] == pytest.approx(0.5)


def test_empty_facts():
    assert adoption_indicators(extract_facts("", "x")).empty
