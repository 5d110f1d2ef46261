"""Fact extraction on sentences written for these tests (not the seed articles)."""

import math

import pandas as pd
import pytest

from arqam import extract_facts
from arqam.facts import FACT_COLUMNS, canonical_measure


def one(text, meta=None, **expect):
    df = extract_facts(text, "t", meta or {})
    assert len(df) == 1, df
    row = df.iloc[0]
    for k, v in expect.items():
        got = None if (not isinstance(row[k], str) and pd.isna(row[k])) else row[k]
        assert got == v, (k, got, v)
    return row


def test_schema_and_ids():
    df = extract_facts("سجلت منصة أبشر 5 ملايين عملية في 2024", "doc-7", {})
    assert list(df.columns) == FACT_COLUMNS
    assert df.fact_id.tolist() == ["doc-7:15"]
    assert (df.char_start.iloc[0], df.char_end.iloc[0]) == (15, 23)


def test_empty_and_figureless_text_give_empty_frames():
    assert extract_facts("", "e").empty
    assert list(extract_facts("لا أرقام هنا", "e").columns) == FACT_COLUMNS


def test_years_are_context_not_rows():
    df = extract_facts("أطلقت الوزارة المنصة عام 2019 وسجلت 2025 مستخدما", "t", {})
    assert df.value.tolist() == [2025.0]


@pytest.mark.parametrize(
    "phrase, key",
    [
        ("عملية إلكترونية", "operations"),
        ("عمليات استعراض للوثائق", "document_views"),
        ("معاملات", "transactions"),
        ("حركة الكترونية", "transactions"),
        ("طلبا", "requests"),
        ("استفسارا عاما", "inquiries"),
        ("هوية رقمية", "digital_ids"),
        ("عدد مستخدمي التطبيق", "users"),
        ("جواز سفر", None),
    ],
)
def test_canonical_measures(phrase, key):
    m = canonical_measure(phrase)
    assert (m.measure if m else None) == key


def test_subject_before_the_figure_in_its_clause():
    one(
        "وأصدرت المديرية العامة للجوازات 1.2 مليون تأشيرة إلكترونية",
        subject_id="sau.moi.jawazat",
        subject_en="General Directorate of Passports (Jawazat)",
        measure_ar="تأشيرة إلكترونية",
        country_iso3="SAU",
    )


def test_service_named_after_the_figure_wins():
    df = extract_facts("وعلى صعيد منصة أبشر أفراد تم إصدار 5000 تقرير من خلال خدمة تقارير أبشر كما تم تسجيل 40 طلبا", "t", {})
    assert df.subject_id.tolist() == ["sau.moi.absher.reports", "sau.moi.absher.individuals"]


def test_unknown_subject_is_kept_as_written():
    row = one("أعلنت هيئة تنظيم الاتصالات المحلية عن تسجيل 300 ألف بلاغ", subject_ar="هيئة تنظيم الاتصالات المحلية")
    assert row.subject_id is None or pd.isna(row.subject_id)


def test_country_generic_entity_takes_the_catalog_country():
    one("أنجزت وزارة الداخلية 20 مليون خدمة", {"country_iso3": "EGY"}, subject_id="egy.moi", country_iso3="EGY")
    one("أنجزت وزارة الداخلية 20 مليون خدمة", {}, subject_id=None, subject_ar="وزارة الداخلية", country_iso3=None)


def test_catalog_country_wins_over_inference():
    one("سجلت منصة أبشر 5 ملايين عملية", {"country_iso3": "JOR"}, country_iso3="JOR")


def test_anaphor_resolves_to_the_latest_platform():
    df = extract_facts("أطلقت الوزارة منصة أبشر عام 2010. وتجاوز عدد المستخدمين في المنصة 20 مليون مستخدم", "t", {})
    assert df.subject_id.tolist() == ["sau.moi.absher"]


def test_part_of_minha():
    df = extract_facts("بلغ عدد المعاملات عبر منصة أبشر 5 ملايين معاملة، كان نصيب منصة أبشر أفراد منها 3 ملايين معاملة", "t", {})
    assert df.parent_fact_id.tolist()[1] == df.fact_id.tolist()[0]


def test_breakdown_paragraph_points_parts_at_the_total():
    text = (
        "سجلت منصة أبشر أكثر من 10 ملايين عملية خلال يناير 2025.\n"
        "وتفصيلا سجلت منصة أبشر أفراد 6 ملايين عملية بينما سجلت منصة أبشر أعمال 900 ألف عملية."
    )
    df = extract_facts(text, "t", {})
    total = df.fact_id.iloc[0]
    assert df.parent_fact_id.tolist()[1:] == [total, total]
    assert df.period_iso.tolist() == ["2025-01"] * 3


def test_figures_without_a_frame_have_no_parent():
    df = extract_facts("سجلت المنصة 10 ملايين عملية. وفي خبر آخر سجلت البوابة 4 ملايين عملية.", "t", {})
    assert df.parent_fact_id.isna().all()


def test_roles_change_growth_share():
    df = extract_facts(
        "ارتفع عدد المعاملات الإلكترونية بمقدار 500 ألف معاملة وبنسبة 25% مقارنة بالعام الماضي، "
        "وشكلت المعاملات الإلكترونية نسبة 80% من إجمالي المعاملات",
        "t",
        {},
    )
    assert df.role.tolist() == ["change", "change_pct", "share_pct"]
    assert df.measure.tolist() == ["transactions"] * 3


def test_rate_percent_measure_from_nisba():
    one("وبلغت نسبة رضا المستفيدين 92%", role="rate_pct", measure="satisfaction")


def test_periods_resolved_against_published_date():
    meta = {"published": "2024-06-15"}
    one("أنجزت المنصة 3 ملايين عملية خلال العام الجاري", meta, period_iso="2024", period_start="2024-01-01", period_end="2024-12-31", period_rel="current")
    one("أنجزت المنصة 3 ملايين عملية خلال الشهر الماضي", meta, period_iso="2024-05", period_end="2024-05-31")
    one("أنجزت المنصة 3 ملايين عملية خلال شهر مارس الماضي", meta, period_iso="2024-03")
    one("أنجزت المنصة 3 ملايين عملية خلال الربع الأول من عام 2023", {}, period_iso="2023-Q1", period_end="2023-03-31")


def test_never_invents_a_year():
    one("أنجزت المنصة 3 ملايين عملية خلال العام الجاري", {}, period_ar="خلال العام الجاري", period_iso=None, period_start=None)
    one("أنجزت المنصة 3 ملايين عملية خلال شهر أغسطس المنصرم", {}, period_iso="--08", period_start=None)


def test_previous_year_baseline_is_marked():
    df = extract_facts(
        "بلغ عدد الحركات الإلكترونية الشهر الاول من العام الحالي 3 ملايين حركة مقارنة بعددها في الشهر الاول من العام الماضي والتي بلغت وقتها 2 مليون حركة",
        "t",
        {"published": "2025-02-10"},
    )
    assert df.period_rel.tolist() == ["current", "previous_year"]
    assert df.period_iso.tolist() == ["2025-01", "2024-01"]


def test_stock_figures_do_not_inherit_the_month():
    df = extract_facts("سجلت المنصة 5 ملايين عملية خلال شهر مايو 2024.\nوتقدم المنصة أكثر من 400 خدمة إلكترونية.", "t", {})
    assert df.period_iso.tolist()[0] == "2024-05"
    assert pd.isna(df.period_iso.tolist()[1])


def test_intervals_carried_from_the_reader():
    row = one("قرابة 2.9 مليون حركة", {})
    assert (row.value_low, row.value_high) == pytest.approx((2_850_000, 2_950_000))
    row = one("أكثر من 350 خدمة", {})
    assert math.isinf(row.value_high)


@pytest.mark.parametrize(
    "text, subject",
    [
        ("وقالت منصة سهل قد أطلقت خدماتها وسجلت 5 ملايين عملية", "منصة سهل"),
        ("سجلت منصة سهل أربعمائة وأربعة عشر حركة", "منصة سهل"),
        ("أعلنت هيئة تنظيم الاتصالات من جهتها عن 300 ألف بلاغ", "هيئة تنظيم الاتصالات"),
        ('ويذكر أن منصة "أبشر" تقدم اليوم أكثر من 350 خدمة', 'منصة "أبشر"'),
    ],
)
def test_subject_names_end_where_the_name_ends(text, subject):
    one(text, subject_ar=subject)


def test_money_measure_skips_the_currency():
    one("بلغت قيمة المدفوعات 12.7 مليار جنيه", measure="payments", kind="money")
    one("حققت المنصة 5 ملايين ريال من الرسوم", measure="revenue")


def test_percent_of_a_noun_is_a_share():
    one("تمت 45% من الزيارات عبر التطبيق", measure="visits", role="share_pct")


def test_comparison_base_and_growth_in_one_sentence():
    df = extract_facts("سجلت المنصة 120 ألف زيارة مقابل 100 ألف في العام السابق، بزيادة قدرها 20%", "t", {})
    assert df.measure.tolist() == ["visits"] * 3
    assert df.role.tolist() == ["level", "level", "change_pct"]
    assert df.period_rel.tolist()[1] == "previous_year" and pd.isna(df.period_rel.tolist()[0])
