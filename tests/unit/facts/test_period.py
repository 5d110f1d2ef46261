"""The period pass on sentences written for these tests, in the style of Arab government news."""

import pandas as pd
import pytest

from arqam import extract_facts
from arqam.facts.document import Document
from arqam.facts.timex import find_periods, iso_of


def rows(text, meta=None):
    return extract_facts(text, "t", meta or {})


def period(text, meta=None, i=0):
    """(period_iso, period_start, period_end, period_rel) of the i-th figure."""
    r = rows(text, meta).iloc[i]
    na = lambda v: None if (not isinstance(v, str) and pd.isna(v)) else v  # noqa: E731
    return na(r.period_iso), na(r.period_start), na(r.period_end), na(r.period_rel)


def iso(text, meta=None, i=0):
    return period(text, meta, i)[0]


# -- month names of every Arab naming system ------------------------------------


@pytest.mark.parametrize(
    "month, number",
    [
        # Egypt, the Gulf, Sudan, Yemen
        ("يناير", 1), ("فبراير", 2), ("أبريل", 4), ("مايو", 5), ("يونيه", 6), ("يوليو", 7), ("أغسطس", 8), ("أكتوبر", 10),
        # Syriac names: Syria, Lebanon, Jordan, Palestine, Iraq
        ("كانون الثاني", 1), ("شباط", 2), ("آذار", 3), ("نيسان", 4), ("أيار", 5), ("حزيران", 6), ("تموز", 7), ("آب", 8),
        ("أيلول", 9), ("تشرين الأول", 10), ("تشرين الثاني", 11), ("كانون الأول", 12),
        # Algeria and Tunisia
        ("جانفي", 1), ("فيفري", 2), ("أفريل", 4), ("ماي", 5), ("جوان", 6), ("جويلية", 7), ("أوت", 8),
        # Morocco
        ("يوليوز", 7), ("غشت", 8), ("شتنبر", 9), ("نونبر", 11), ("دجنبر", 12),
    ],
)
def test_month_names_of_every_naming_system(month, number):
    assert iso(f"سجلت البوابة الوطنية 250 ألف معاملة إلكترونية خلال شهر {month} 2023") == f"2023-{number:02d}"


def test_two_names_of_one_month():
    assert iso("بلغ عدد الخدمات الرقمية 900 خدمة حتى نهاية حزيران/ يونيو 2019") == "2019-06"
    assert iso("استقبل المركز 12 ألف طلب في آب (أغسطس) 2022") == "2022-08"


def test_a_month_name_that_is_also_a_word_needs_a_time_cue():
    doc = Document("مارس الموظفون أعمالهم عن بعد وأنجزوا 300 معاملة", {})
    assert [p.kind for p in find_periods(doc)] == []
    assert iso("أنجزت الهيئة 300 معاملة في مارس 2021") == "2021-03"


# -- halves, quarters, first months, fiscal years ------------------------------


def test_half_years():
    assert iso("أصدرت الإدارة 40 ألف رخصة خلال النصف الأول من عام 2024") == "2024-H1"
    assert iso("أصدرت الإدارة 40 ألف رخصة في النصف الثاني من العام الماضي", {"published": "2025-03-01"}) == "2024-H2"
    assert iso("بلغ عدد المستخدمين 1.5 مليون خلال السداسي الأول من سنة 2023") == "2023-H1"


def test_a_bare_half_takes_the_year_of_its_sentence():
    df = rows("سجل المركز 7 ملايين زيارة في سنة 2023، منها 4 ملايين زيارة في النصف الأول و3 ملايين زيارة في النصف الثاني.")
    assert df.period_iso.tolist() == ["2023", "2023-H1", "2023-H2"]


def test_quarters():
    assert iso("ارتفعت المدفوعات إلى 7 مليارات درهم في الربع الثالث من 2022") == "2022-Q3"
    assert iso("سجلت المنصة 90 ألف عملية خلال الثلاثي الأول من سنة 2024") == "2024-Q1"
    p = period("بلغت التحويلات 3 مليارات جنيه في الربع الأخير من العام الماضي", {"published": "2024-05-02"})
    assert p[:3] == ("2023-Q4", "2023-10-01", "2023-12-31") and p[3] == "previous_year"


def test_first_months_of_a_year():
    assert iso("نفذت المنصة 6 ملايين عملية خلال الأشهر الخمسة الأولى من العام الجاري", {"published": "2023-06-20"}) == "2023-01/2023-05"
    assert iso("نفذت المنصة 6 ملايين عملية في أول 6 أشهر من 2021") == "2021-H1"


def test_fiscal_years_by_country():
    egypt, kuwait, saudi = {"country_iso3": "EGY"}, {"country_iso3": "KWT"}, {"country_iso3": "SAU"}
    assert iso("بلغت المتحصلات الإلكترونية 800 مليار جنيه خلال العام المالي 2022/2023", egypt) == "2022-07/2023-06"
    assert iso("بلغت الإيرادات 3 مليارات دينار في السنة المالية 2023-2024", kuwait) == "2023-04/2024-03"
    assert iso("بلغت الإيرادات 90 مليار ريال في العام المالي 2023/2024", saudi) == "2023/2024"
    assert iso("بلغت المدفوعات 2 تريليون جنيه خلال العام المالي الحالي", {**egypt, "published": "2024-02-10"}) == "2023-07/2024-06"
    assert iso("بلغت المدفوعات 2 تريليون جنيه خلال أول 9 أشهر من العام المالي الحالي", {**egypt, "published": "2024-05-01"}) == "2023-07/2024-03"


def test_a_year_pair_in_a_fiscal_sentence_is_a_fiscal_year():
    df = rows("تستهدف الوزارة صادرات رقمية بقيمة 5 مليارات دولار خلال العام المالي 2022 – 2023، بعد أن سجلت 4 مليارات في 2021 – 2022", {"country_iso3": "EGY"})
    assert df.period_iso.tolist() == ["2022-07/2023-06", "2021-07/2022-06"]


# -- Hijri ----------------------------------------------------------------------


def test_hijri_months_and_years_at_gregorian_month_precision():
    assert iso("جمعت الحملة 500 مليون ريال خلال شهر رمضان 1445هـ") == "2024-03/2024-04"
    assert period("أصدرت الوزارة 2 مليون تأشيرة في عام 1444هـ")[:3] == ("2022-07/2023-07", "2022-07-01", "2023-07-31")
    assert iso("تبرع المحسنون بـ 40 مليون ريال في رمضان الماضي", {"published": "2021-06-10"}) == "2021-04/2021-05"


def test_a_hijri_day_without_a_year_takes_the_hijri_year_of_its_sentence():
    df = rows("انطلقت الحملة في 3 رمضان 1446هـ وجمعت حتى 25 رمضان 300 مليون ريال")
    assert df.period_iso.tolist() == ["2025-03"]


def test_hijri_dateline_anchors_relative_phrases():
    text = "الثلاثاء - 14 ذو القعدة 1444 هـ\nوأنجزت المنصة 4 ملايين عملية خلال الشهر الماضي"
    assert iso(text) == "2023-05"


def test_a_person_named_ramadan_is_no_period():
    doc = Document("وقال المهندس أحمد رمضان إن المنصة أنجزت 30 ألف طلب", {})
    assert find_periods(doc) == []


# -- ranges, since, until -------------------------------------------------------


def test_ranges():
    assert period("حصّلت الهيئة 35 مليون دينار في الفترة من يناير حتى يونيو 2023")[:3] == ("2023-H1", "2023-01-01", "2023-06-30")
    assert iso("أنجز المركز 12 ألف معاملة خلال الفترة من مارس 2022 إلى فبراير 2023") == "2022-03/2023-02"
    assert iso("بلغت الاستثمارات 30 مليار جنيه بين عامي 2019 و2023") == "2019/2023"
    assert iso("أنشأ المشتركون 2 مليون حساب منذ عام 2020 حتى 2024") == "2020/2024"
    assert iso("بسّطت الجهات 1,200 خدمة خلال الفترة 2018-2022") == "2018/2022"
    assert iso("بلغ عدد الرخص الصادرة 9 ملايين منذ بداية العام حتى نهاية الربع الثاني من العام 2023") == "2023-H1"


def test_since_runs_to_the_article_date():
    assert iso("أجاب المساعد الرقمي عن 900 ألف استفسار منذ تشغيله في سبتمبر 2023", {"published": "2024-03-15"}) == "2023-09/2024-03"
    assert iso("بلغت قيمة المدفوعات 4 مليارات دينار منذ بداية العام", {"published": "2025-05-20"}) == "2025-01/2025-05"


def test_since_the_start_of_the_year_runs_to_the_report_month():
    text = (
        "أصدرت الشركة تقريرها عن شهر تشرين الأول.\n"
        "بلغت قيمة الحركات منذ بداية العام الحالي 2024 نحو 8 مليارات دينار.\n"
        "وبلغ عدد المستخدمين في تشرين الأول 3.2 مليون مستخدم."
    )
    assert rows(text).period_iso.tolist() == ["2024-01/2024-10", "2024-10"]


def test_since_with_no_date_keeps_its_start_and_no_end():
    assert period("سجلت المنصة 70 ألف مستخدم منذ إطلاقها في مايو 2022")[:3] == ("2022-05", "2022-05-01", None)


def test_until_the_end_of_a_period_is_that_period():
    assert iso("تستهدف الوزارة رقمنة 500 خدمة حتى نهاية العام", {"published": "2024-10-01"}) == "2024"
    assert iso("بلغ عدد البطاقات 12 مليون بطاقة بنهاية عام 2022") == "2022"


def test_a_range_end_without_a_year_is_fixed_by_the_stated_length():
    text = "بلغت المدفوعات منذ انطلاق المنظومة في أبريل 2018 وحتى فبراير الماضي، خلال الـ 35 شهرا الماضية، 400 مليار جنيه"
    assert iso(text) == "2018-04/2021-02"


def test_a_duration_between_two_dates_of_its_sentence():
    text = "سجلت المنصة 2 مليون مشترك في شهر مارس 2022، وفي شهر نوفمبر 2022 بلغت 3 ملايين، أي خلال 8 أشهر انضم مليون مشترك."
    assert rows(text).period_iso.tolist() == ["2022-03", "2022-11", "2022-03/2022-11"]


def test_the_last_months_end_before_the_article_date():
    assert iso("ارتفع عدد الزيارات خلال الأشهر الثلاثة الماضية إلى 2 مليون زيارة", {"published": "2024-09-10"}) == "2024-06/2024-08"


# -- relative phrases and back-references ---------------------------------------


def test_last_year_and_this_year():
    meta = {"published": "2024-04-01"}
    assert period("سجلت البوابة 20 مليون زيارة خلال العام الماضي", meta) == ("2023", "2023-01-01", "2023-12-31", "previous_year")
    assert period("سجلت البوابة 20 مليون زيارة خلال العام الجاري", meta) == ("2024", "2024-01-01", "2024-12-31", "current")


def test_previous_month_counts_back_from_the_month_of_its_sentence():
    df = rows("بلغ عدد المعاملات خلال مايو 2024 نحو 3 ملايين معاملة، بارتفاع 5% مقارنة بالشهر السابق الذي سجل 2.8 مليون معاملة.")
    assert df.period_iso.tolist() == ["2024-05", "2024-05", "2024-04"]


def test_same_period_refers_back_to_the_earlier_phrase():
    df = rows("بلغت الإيرادات 5 ملايين دينار خلال الربع الأول من 2024، مقابل 4 ملايين دينار في الفترة نفسها من العام الماضي.")
    assert df.period_iso.tolist() == ["2024-Q1", "2023-Q1"]
    assert df.period_rel.tolist()[1] == "previous_year"
    df = rows("أنجزت البلدية 40 ألف رخصة خلال عام 2023.\nوبلغت الرخص الإلكترونية 30 ألف رخصة خلال الفترة ذاتها.")
    assert df.period_iso.tolist() == ["2023", "2023"]


def test_same_period_of_last_fiscal_year():
    text = "حصّلت المنظومة 900 مليار جنيه في أول 10 أشهر من العام المالي الحالي، مقابل 700 مليار جنيه خلال الفترة نفسها من العام المالي السابق"
    df = rows(text, {"country_iso3": "EGY", "published": "2024-05-15"})
    assert df.period_iso.tolist() == ["2023-07/2024-04", "2022-07/2023-04"]


def test_that_time_refers_back():
    df = rows("بلغ عدد الطلبات في الشهر الأول من العام الحالي 3 ملايين طلب مقارنة بالشهر الأول من العام الماضي والذي سجلت فيه وقتها 2 مليون طلب", {"published": "2025-02-10"})
    assert df.period_iso.tolist() == ["2025-01", "2024-01"]


# -- which phrase a figure takes ------------------------------------------------


def test_two_figures_with_their_own_years():
    df = rows("ارتفع عدد المستخدمين من 1.2 مليون مستخدم في 2019 إلى 2.6 مليون مستخدم في 2021، بنسبة نمو بلغت 117%")
    assert df.period_iso.tolist() == ["2019", "2021", "2019/2021"]


def test_a_year_written_against_its_preposition():
    assert rows("بلغ عدد المعاملات 90 مليون معاملة في2017 ثم 120 مليون معاملة في2018").period_iso.tolist() == ["2017", "2018"]


def test_growth_over_the_previous_year_spans_both_years():
    df = rows("كشف التقرير السنوي لعام 2022 عن بلوغ المستفيدين 8 ملايين مستفيد بزيادة 20% عن العام السابق")
    assert df.period_iso.tolist() == ["2022", "2021/2022"]


def test_monthly_growth_keeps_the_month():
    df = rows("سجل النظام خلال أيار 2025 نحو 5 ملايين حركة، بارتفاع نسبته 2% مقارنة بالشهر السابق")
    assert df.period_iso.tolist() == ["2025-05", "2025-05"]


def test_a_frame_passes_to_the_paragraph_and_the_article():
    text = (
        "أعلنت الهيئة إنجاز 40 مليون معاملة رقمية في عام 2024.\n"
        "وسجلت إدارة الجوازات 12 مليون عملية، بينما سجلت إدارة المرور 9 ملايين عملية.\n"
        "وأصدرت الأحوال المدنية مليوني بطاقة هوية."
    )
    assert rows(text).period_iso.tolist() == ["2024"] * 4


def test_contrasted_last_year_does_not_pass_on():
    text = (
        "بلغت الإيرادات الرقمية 6 تريليونات دينار خلال العام الحالي 2025، بينما سجلت في العام الماضي 4 تريليونات دينار، "
        "وتخطت رسوم الموانئ 300 مليار دينار"
    )
    assert rows(text).period_iso.tolist() == ["2025", "2024", "2025"]


def test_months_paired_with_from_and_to():
    df = rows("انخفضت الطلبات ما بين مارس وسبتمبر 2023 من 20 ألف طلب إلى 12 ألف طلب")
    assert df.period_iso.tolist() == ["2023-03", "2023-09"]


def test_a_standing_state_in_the_present_takes_no_article_period():
    text = "سجلت المنصة 5 ملايين عملية خلال عام 2024.\nوتضم المنصة أكثر من 600 خدمة رقمية."
    df = rows(text)
    assert df.period_iso.tolist()[0] == "2024" and pd.isna(df.period_iso.tolist()[1])


def test_years_and_dates_are_never_rows():
    df = rows("في عام 2023 وحتى 15 مارس 2024 سجلت المنصة 5 ملايين عملية")
    assert df.value.tolist() == [5_000_000]


# -- the article's reference date -------------------------------------------------


def test_dateline_anchors_relative_phrases_when_the_catalog_has_no_date():
    text = "مسقط - الخميس 12 يونيو 2025 - أعلنت المنصة عن تنفيذ 3 ملايين عملية خلال الشهر الماضي"
    assert iso(text) == "2025-05"


def test_dateline_is_never_a_figure_period():
    text = "الاثنين 9 مارس 2026\nوزعت الوزارة 5 ملايين شهادة في سنة 2025، منها 3 ملايين شهادة في النصف الأول"
    assert rows(text, {"published": "2026-03-09"}).period_iso.tolist() == ["2025", "2025-H1"]


def test_the_text_says_which_year_is_current():
    text = "بلغ عدد المستخدمين خلال العام الحالي 2025 نحو 4 ملايين مستخدم.\nوكان العدد 3 ملايين مستخدم في العام الماضي."
    assert period(text, i=1) == ("2024", "2024-01-01", "2024-12-31", "previous_year")
    text = "سلمت المحاكم مليوني وثيقة رقمية خلال السنة المنصرمة (2021).\nوأضاف المسؤول أنه جرى خلال السنة الماضية إصدار 50 ألف وثيقة للمقيمين بالخارج."
    assert rows(text).period_iso.tolist() == ["2021", "2021"]


def test_a_year_that_ended_makes_its_months_last_year():
    text = "استقبلت البوابة خلال سنة 2024 المنتهية 150 ألف شكاية.\nووصل عددها إلى 15 ألف شكاية في دجنبر الماضي."
    assert rows(text).period_iso.tolist() == ["2024", "2024-12"]


def test_current_year_from_the_latest_year_reported():
    text = "حققت المنصة خلال 2021 نحو 3 ملايين عملية، ثم 2 مليون عملية خلال النصف الأول من 2022. وتستهدف 5 ملايين عملية بنهاية العام الجاري."
    assert rows(text).period_iso.tolist() == ["2021", "2022-H1", "2022"]


def test_last_year_is_not_guessed_from_the_latest_year_reported():
    text = "حققت المنصة 3 ملايين عملية في 2021.\nوبلغ عدد المستخدمين 900 ألف مستخدم خلال العام الماضي."
    p = period(text, i=1)
    assert p[0] is None and p[3] == "previous_year"


def test_never_invents_a_year():
    assert period("أنجزت المنصة 3 ملايين عملية خلال العام الجاري")[0] is None
    assert period("أنجزت المنصة 3 ملايين عملية خلال شهر أغسطس المنصرم")[:2] == ("--08", None)


def test_a_year_inside_a_name_is_no_period():
    df = rows("وفي إطار رؤية 2030 أطلقت الوزارة 40 خدمة رقمية")
    assert pd.isna(df.period_iso.iloc[0])


# -- ISO forms --------------------------------------------------------------------


def test_iso_forms():
    from datetime import date

    assert iso_of(date(2024, 1, 1), date(2024, 12, 31)) == "2024"
    assert iso_of(date(2019, 1, 1), date(2023, 12, 31)) == "2019/2023"
    assert iso_of(date(2024, 7, 1), date(2024, 12, 31)) == "2024-H2"
    assert iso_of(date(2024, 4, 1), date(2024, 6, 30)) == "2024-Q2"
    assert iso_of(date(2024, 2, 1), date(2024, 2, 29)) == "2024-02"
    assert iso_of(date(2017, 1, 1), date(2017, 6, 30)) == "2017-H1"
    assert iso_of(date(2023, 7, 1), date(2024, 5, 31)) == "2023-07/2024-05"
    assert iso_of(date(2024, 3, 1), date(2024, 3, 1)) == "2024-03-01"


def test_a_range_of_two_bare_years():
    assert iso("ارتفعت المدفوعات الإلكترونية بنسبة 300% بين 2019 و2023") == "2019/2023"
    assert iso("بلغت المعاملات 7 ملايين معاملة في الفترة ما بين 2015 و2020") == "2015/2020"


def test_a_month_written_as_a_number():
    df = rows("سجلت المنصة 500 ألف عملية في شهر 5 من عام 2023")
    assert df.value.tolist() == [500_000] and df.period_iso.tolist() == ["2023-05"]


def test_a_period_after_a_new_verb_belongs_to_the_next_figure():
    df = rows("بلغ عدد المعاملات في سنة 2019 حوالي 2 مليون معاملة ليرتفع في سنة 2020 إلى 3 ملايين معاملة")
    assert df.period_iso.tolist() == ["2019", "2020"]


def test_since_the_start_of_this_year():
    assert iso("سجلت المنصة 4 ملايين عملية منذ مطلع العام الجاري", {"published": "2023-09-01"}) == "2023-01/2023-09"


def test_a_date_range_of_whole_months():
    assert iso("تم تسجيل 45 ألف شكاية في الفترة من 01/01/2024 إلى 30/06/2024") == "2024-H1"
    assert iso("أنجزت البوابة 800 ألف معاملة خلال الفترة الممتدة من 1 يناير إلى 31 مارس 2024") == "2024-Q1"


def test_a_named_day_is_not_today():
    doc = Document("وبمناسبة اليوم العالمي للترجمة أعلنت الوزارة 200 خدمة. وأعلنت الهيئة اليوم السبت 300 خدمة", {"published": "2024-09-30"})
    assert [p.text for p in find_periods(doc)] == ["اليوم"] and find_periods(doc)[0].start > 40


def test_a_plan_horizon_anchors_no_year():
    text = ("ارتفعت المعاملات الرقمية خلال الشهر الأول من العام الحالي إلى 4 ملايين معاملة.\n"
            "وتأتي هذه الأرقام ضمن الخطة التنفيذية للأعوام (2022 – 2026) التي أقرتها الحكومة.")
    df = rows(text)
    assert df.period_iso.tolist() == ["--01"]
    assert df.period_start.isna().all()


def test_the_same_period_with_lam_is_the_same_period_of_its_year():
    got = extract_facts(
        "بلغت التحصيلات 5 مليارات ريال خلال الربع الأول من 2024، مقارنة بـ 4 مليارات ريال للفترة نفسها من العام الماضي",
        "t", {"published": "2024-06-01"},
    )
    assert got.period_iso.tolist() == ["2024-Q1", "2023-Q1"]


# -- the article's period, the same quarter, the figures "these" refer to -----------------


def test_the_article_period_is_the_latest_of_its_first_sentence():
    text = ("ارتفعت نسبة الطلبات المنجزة عن بعد من 48% في عام 2022 إلى 63% في عام 2023.\n"
            "وسجلت البوابة 410 آلاف زيارة.")
    assert iso(text, {"published": "2024-02-10"}, i=2) == "2023"


def test_last_year_opening_an_article_is_its_period():
    text = ("أنجزت المراكز خلال العام الماضي 92 ألف معاملة.\n"
            "وبلغت الرسوم المحصلة 5 ملايين دينار، أي ضعف ما سجلته في عام 2022.")
    assert iso(text, {"published": "2024-01-20"}, i=1) == "2023"


def test_the_same_quarter_refers_back():
    text = ("بلغ عدد مستخدمي المنصة 3.2 مليون مستخدم بنهاية عام 2023.\n"
            "ووصل العدد في نهاية الربع الثاني من العام الجاري إلى 4.1 مليون مستخدم.\n"
            "ونفذت المنصة خلال الربع ذاته 52 مليون عملية.")
    assert iso(text, {"published": "2024-08-01"}, i=2) == "2024-Q2"


def test_these_transactions_take_the_period_of_the_figures_told_before():
    text = ("قال المدير إن عدد المشتركين بلغ 900 ألف مشترك بنهاية يونيو الماضي.\n"
            "وأنجزت البوابة خلال النصف الأول من العام الجاري 7.5 ملايين معاملة.\n"
            "واستحوذت خدمات السجل المدني على 38% من هذه المعاملات، أي نحو 2.85 مليون معاملة.")
    meta = {"published": "2024-07-15"}
    assert iso(text, meta, i=2) == "2024-H1" and iso(text, meta, i=3) == "2024-H1"


def test_a_share_restated_as_a_count_is_not_the_whole_of_an_earlier_figure():
    text = ("وأنجزت البوابة خلال النصف الأول 7.5 ملايين معاملة، بمتوسط شهري 1.25 مليون معاملة.\n"
            "واستحوذت خدمات السجل المدني على 38% من هذه المعاملات، أي نحو 2.85 مليون معاملة.")
    df = rows(text, {"published": "2024-07-15"})
    assert df.parent_fact_id.isna().all()


def test_the_same_year_passes_over_a_sentence_of_comparisons():
    text = ("سجلت البوابة خلال عام 2023 نحو 84 ألف طلب.\n"
            "وارتفع عدد الطلبات بنسبة 12% مقارنة مع سنة 2022.\n"
            "وبلغ عدد الشهادات المسلمة 51 ألف شهادة خلال السنة ذاتها.")
    assert iso(text, {"published": "2024-03-01"}, i=2) == "2023"


def test_a_demonstrative_points_back_to_a_level_not_to_a_growth_rate():
    text = ("نفذت المنصة 9.2 مليون عملية خلال عام 2023، مقارنة بـ 7.1 مليون عملية في عام 2022، بنمو نسبته 30%.\n"
            "وتوزعت هذه العمليات بين 5.2 مليون عملية دفع و4 ملايين عملية استعلام.")
    meta = {"published": "2024-02-01"}
    assert iso(text, meta, i=3) == "2023" and iso(text, meta, i=4) == "2023"


def test_when_it_reached_takes_the_period_just_named():
    text = "وبلغ عدد البطاقات المفعلة 2.4 مليون بطاقة بنهاية مايو الماضي، بزيادة 20% عن مايو من العام الماضي، حين بلغ مليوني بطاقة."
    assert iso(text, {"published": "2024-06-20"}, i=2) == "2023-05"


def test_a_rise_over_a_year_measures_from_that_year():
    text = "سجل التطبيق 8.1 ملايين معاملة خلال عام 2024، بزيادة 12% على عام 2023 الذي شهد 7.2 ملايين معاملة."
    meta = {"published": "2025-02-01"}
    assert [iso(text, meta, i) for i in range(3)] == ["2024", "2023/2024", "2023"]
