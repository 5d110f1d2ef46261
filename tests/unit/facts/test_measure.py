"""The measure pass (arqam.facts.measure) on sentences written for these tests, one rule at a time.

Each sentence is written in the style of Arab government news; none is taken from an article.
"""

import dataclasses

import pandas as pd
import pytest

from arqam import extract_facts, find_numbers
from arqam.facts import canonical_measure


def rows(text, country=None):
    df = extract_facts(text, "t", {"country_iso3": country} if country else {})
    return [{k: (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in r.items()} for r in df.to_dict("records")]


def fact(text, figure, country=None):
    """The row of the figure written as `figure` in `text`."""
    start = text.index(figure)
    (row,) = [r for r in rows(text, country) if r["char_start"] == start]
    return row


# --- the counted noun after the figure --------------------------------------------------------


def test_counted_noun_keeps_its_genitive_chain_and_coordination():
    r = fact("أنجزت الإدارة 250 ألف معاملة إصدار وتجديد جواز سفر خلال الربع الأول من العام", "250 ألف")
    assert r["measure_ar"] == "معاملة إصدار وتجديد جواز سفر"
    assert r["measure"] == "transactions"


def test_counted_noun_keeps_an_adjective_and_its_complement():
    r = fact("وتوفر البوابة 320 خدمة حكومية متاحة على الإنترنت في عام 2023", "320")
    assert r["measure_ar"] == "خدمة حكومية متاحة على الإنترنت"


def test_counted_noun_keeps_a_new_card_and_stops_at_the_next_clause():
    r = fact("أصدرت الهيئة 600 ألف بطاقة هوية جديدة، فيما جددت 400 ألف بطاقة أخرى", "600 ألف")
    assert r["measure_ar"] == "بطاقة هوية جديدة"
    assert r["measure"] == "cards"


@pytest.mark.parametrize(
    "text, figure, measure_ar",
    [
        ("سجلت المنصة 40 ألف طلب خلال شهر مارس الماضي", "40 ألف", "طلب"),
        ("تلقت البوابة 8 آلاف شكاية في شهر دجنبر", "8 آلاف", "شكاية"),
        ("استقبل المركز 12 ألف مراجع منذ افتتاحه", "12 ألف", "مراجع"),
        ("ارتفع عدد التنزيلات إلى 90 ألف تنزيل ليصل إجمالي المستخدمين إلى مليون", "90 ألف", "تنزيل"),
        ("أنجز الموظفون 7 آلاف معاملة بنسبة إنجاز مرتفعة", "7 آلاف", "معاملة"),
        ("وقدمت الوزارة 300 خدمة للمواطنين عبر تطبيقها", "300", "خدمة"),
    ],
)
def test_counted_noun_stops_at_time_words_prepositional_adjuncts_verbs_and_cues(text, figure, measure_ar):
    assert fact(text, figure)["measure_ar"] == measure_ar


def test_a_relative_clause_with_a_pronoun_that_refers_back_belongs_to_the_noun():
    r = fact("أظهرت البيانات وجود 1200 رخصة تم إلغاؤها خلال العام الماضي", "1200")
    assert r["measure_ar"] == "رخصة تم إلغاؤها"


def test_a_verb_after_an_indefinite_noun_describes_it():
    r = fact("وأشار التقرير إلى أن 35 شركة ناشئة حصلت على تمويل حكومي", "35")
    assert r["measure_ar"] == "شركة ناشئة حصلت على تمويل حكومي"


def test_a_figure_in_a_list_joined_by_waw_does_not_take_the_next_label():
    df = rows("تتوزع الطلبات بين 300 طلب في عمّان و200 طلب في إربد")
    assert df[0]["measure_ar"].startswith("طلب")


def test_the_counted_noun_is_written_after_kaf_of_capacity():
    r = fact("وبلغ إجمالي الحسابات نحو 2 مليون كحسابات أفراد", "2 مليون")
    assert r["measure_ar"].startswith("حسابات أفراد")
    assert r["measure"] == "accounts"


def test_a_number_after_its_noun_counts_that_noun():
    r = fact("وتعمل الهيئة عبر الفروع الثلاثة الجديدة في المحافظات", "ثلاثة")
    assert r["measure_ar"].startswith("الفروع الثلاثة الجديدة")


# --- quantity heads before the figure ---------------------------------------------------------


def test_a_quantity_head_with_a_marked_relative_clause():
    r = fact("وبلغ عدد الجهات التي شملها المسح 35 جهة", "35")
    assert "الجهات التي شملها المسح" in r["measure_ar"]
    assert r["measure"] == "entities"


def test_a_quantity_head_with_another_noun_is_written_beside_the_counted_noun():
    r = fact("وتجاوز عدد المسجلين الموثقين في المنصة 2 مليون مستخدم", "2 مليون")
    assert r["measure_ar"] == "مستخدم (عدد المسجلين الموثقين في المنصة)"
    assert r["measure"] == "users"


def test_the_counted_noun_well_before_the_figure_and_never_the_time_phrase():
    r = fact("وأوضح أن عدد المستخدمين النشطين للتطبيق بلغ بنهاية العام الماضي 3.1 مليون", "3.1 مليون")
    assert r["measure_ar"] == "عدد المستخدمين النشطين للتطبيق"
    assert r["measure"] == "users"


def test_the_measure_is_never_the_verb_after_the_figure():
    r = fact("وارتفع عدد المعاملات المنجزة إلكترونيا إلى 5 ملايين لتتجاوز المستهدف", "5 ملايين")
    assert r["measure_ar"] == "عدد المعاملات المنجزة إلكترونيا"
    assert r["measure"] == "transactions"


def test_a_vague_quantity_is_not_a_head():
    r = fact("ويضم المركز عددا من الأقسام ولديه 15 موظفا", "15")
    assert r["measure_ar"] == "موظفا"


def test_a_topic_before_its_verb_names_what_is_counted():
    r = fact("أما الطلبات المرفوضة لنقص الوثائق فبلغت 420 طلبا", "420")
    assert "الطلبات المرفوضة لنقص الوثائق" in r["measure_ar"]


# --- percents ---------------------------------------------------------------------------------


def test_a_change_percent_measures_the_subject_of_the_change_verb():
    r = fact("وارتفع عدد المعاملات الإلكترونية خلال العام بنسبة 20% مقارنة بالعام السابق", "20%")
    assert r["measure_ar"] == "ارتفع عدد المعاملات الإلكترونية"
    assert (r["role"], r["measure"]) == ("change_pct", "transactions")


def test_a_change_percent_measures_the_subject_before_a_change_noun():
    r = fact("وأشار إلى أن الإيرادات الإلكترونية للبلديات شهدت نموا بنسبة 12%", "12%")
    assert r["measure_ar"] == "الإيرادات الإلكترونية للبلديات شهدت نموا"
    assert (r["role"], r["measure"]) == ("change_pct", "revenue")


def test_a_change_percent_measures_what_follows_it():
    r = fact("سجل التطبيق زيادة بنسبة 30% في عدد الزوار", "30%")
    assert r["measure_ar"] == "زيادة في عدد الزوار"
    assert (r["role"], r["measure"]) == ("change_pct", "visits")


def test_a_change_percent_after_a_count_measures_that_count():
    r = fact("وبلغ عدد المستفيدين في الربع الأول 80 ألف مستفيد، بزيادة نسبتها 6% عن الربع السابق", "6%")
    assert r["measure_ar"] == "زيادة عدد المستفيدين"
    assert (r["role"], r["measure"]) == ("change_pct", "beneficiaries")


def test_a_share_of_what_follows_with_what_the_part_does():
    r = fact("وأفادت الدراسة بأن 62% من المواطنين يستخدمون الخدمات الرقمية", "62%")
    assert r["measure_ar"] == "من المواطنين يستخدمون الخدمات الرقمية"
    assert (r["role"], r["measure"]) == ("share_pct", "people")


def test_a_rate_head_names_the_quantity():
    r = fact("وبلغت نسبة رقمنة الخدمات الحكومية في المملكة 78%", "78%")
    assert r["measure_ar"] == "نسبة رقمنة الخدمات الحكومية في المملكة"
    assert r["role"] == "rate_pct"


def test_the_items_of_a_list_of_percents_take_the_head_with_their_own_label():
    text = "وبلغت نسبة الزوار من الأردن 40% ومن مصر 25% ومن العراق 10%"
    assert [r["measure_ar"] for r in rows(text)] == ["نسبة الزوار من الأردن", "نسبة الزوار من مصر", "نسبة الزوار من العراق"]


def test_a_percent_labelled_before_a_colon():
    r = fact("وجاءت النتائج كالتالي: جاهزية البنية التحتية الرقمية (DII): بنسبة 88%", "88%")
    assert r["measure_ar"] == "جاهزية البنية التحتية الرقمية"


def test_a_percent_in_brackets_is_a_share_of_the_noun_before_it():
    r = fact("وقال التقرير إن أغلب البلديات (نحو 70%) أطلقت خدمات إلكترونية", "70%")
    assert r["measure_ar"].startswith("أغلب البلديات")
    assert "أطلقت خدمات إلكترونية" in r["measure_ar"]
    assert r["role"] == "share_pct"


def test_the_ends_of_a_from_to_pair_of_percents_are_rates_not_changes():
    text = "وتحسنت نسبة رضا المراجعين من 70% إلى 85% خلال عامين"
    assert [r["role"] for r in rows(text)] == ["rate_pct", "rate_pct"]


def test_a_share_names_the_rate_the_part_and_the_whole():
    r = fact("وشكلت الحركات المنفذة عبر الهاتف المحمول ما نسبته 70% من إجمالي الحركات", "70%")
    assert r["measure_ar"] == "نسبة الحركات المنفذة عبر الهاتف المحمول من إجمالي الحركات"
    assert (r["role"], r["measure"]) == ("share_pct", "transactions")


def test_a_percent_reached_after_ila_is_a_level_not_a_change():
    r = fact("وارتفعت نسبة الخدمات الحكومية المرقمنة إلى 65% مع نهاية الربع الثالث", "65%")
    assert (r["role"], r["measure_ar"]) == ("rate_pct", "نسبة الخدمات الحكومية المرقمنة")
    assert fact("وارتفعت الخدمات المرقمنة بنسبة تصل إلى 30%", "30%")["role"] == "change_pct"


def test_a_transitive_change_verb_makes_a_change_percent():
    r = fact("وخفضت الهيئة زمن إنجاز المعاملات بنسبة 40%", "40%")
    assert r["role"] == "change_pct" and "زمن إنجاز المعاملات" in r["measure_ar"]


def test_a_headline_bullet_names_its_percent_after_it():
    r = fact("أبرز الأرقام:\n- 97% نسبة رضا المتعاملين", "97%")
    assert (r["measure_ar"], r["measure"]) == ("نسبة رضا المتعاملين", "satisfaction")


def test_a_remote_service_keeps_an_bu3d():
    r = fact("وتضم المنظومة 900 خدمة على الخط، 40 بالمائة منها متاحة عن بعد", "40 بالمائة")
    assert r["measure_ar"].endswith("متاحة عن بعد") and r["role"] == "share_pct"


def test_a_relative_clause_ends_before_the_main_verb():
    r = fact("وأوضحت أن عدد المرتفقين الذين استعملوا البوابة بلغ 1.4 مليون مرتفق", "1.4 مليون")
    assert r["measure_ar"] == "مرتفق (عدد المرتفقين الذين استعملوا البوابة)"


def test_a_fraction_is_a_share_of_the_noun_it_heads():
    r = fact("وبين المسح أن نصف الطلبات التي تستقبلها الوزارات تتم معالجتها عبر الإنترنت", "نصف")
    assert r["role"] == "share_pct"
    assert r["measure_ar"].startswith("الطلبات التي تستقبلها الوزارات") and r["measure_ar"].endswith("عبر الإنترنت")


def test_a_fraction_with_a_pronoun_is_a_share_of_what_the_figure_before_counts():
    text = "وتملك 55% من البلديات أنظمة أرشفة، واعتمد ثلثاها على التخزين السحابي"
    r = fact(text, "ثلثا")
    assert r["role"] == "share_pct"
    assert r["measure_ar"] == "من البلديات أنظمة أرشفة على التخزين السحابي"


def test_a_percent_after_a_vague_quantity_states_it():
    r = fact("وقد أطلقت معظم الجهات الحكومية 75% خدماتها على الهاتف", "75%")
    assert r["role"] == "share_pct" and r["measure_ar"] == "معظم الجهات الحكومية خدماتها على الهاتف"


def test_a_percent_keeps_the_phrase_after_it_as_its_scope():
    r = fact("وحققت المملكة درجة إجمالية بلغت 88% على مؤشر الخدمات الرقمية", "88%")
    assert r["measure_ar"] == "درجة إجمالية على مؤشر الخدمات الرقمية"
    assert fact("ويساهم القطاع بنحو 4% في الناتج المحلي الإجمالي", "4%")["measure_ar"] == "في الناتج المحلي الإجمالي"


def test_a_vague_quantity_after_a_verb_the_lists_do_not_know():
    r = fact("وقد اعتمدت غالبية الوزارات 64% أنظمة أرشفة إلكترونية", "64%")
    assert r["measure_ar"] == "غالبية الوزارات أنظمة أرشفة إلكترونية"


def test_a_rate_keeps_its_complement_after_ind():
    r = fact("وسجلت الدراسة ارتفاع نسب البطالة عند الشباب بواقع 4 نقاط", "4")
    assert r["role"].startswith("change") and "نسب البطالة عند الشباب" in r["measure_ar"]


# --- neighbours -------------------------------------------------------------------------------


def test_a_part_that_repeats_the_noun_counts_what_the_whole_counts():
    text = "أصدرت الوزارة 800 ألف شهادة ميلاد إلكترونية، منها 500 ألف شهادة خلال النصف الأول و300 ألف شهادة خلال النصف الثاني"
    assert [r["measure_ar"] for r in rows(text)] == ["شهادة ميلاد إلكترونية"] * 3


def test_the_first_end_of_a_range_counts_what_the_second_does():
    text = "وتراوح عددها الشهري من 12 ألفا إلى 8 آلاف شكوى"
    first, second = rows(text)
    assert first["measure_ar"] == second["measure_ar"] == "شكوى" and first["measure"] == "complaints"


def test_an_ellipsis_after_a_change_takes_the_measure_of_the_figure_before():
    text = "كان هناك 150 خدمة رقمية متاحة عبر الإنترنت في 2019 ثم ارتفعت إلى 900 خدمة في 2023"
    first, second = rows(text)
    assert second["measure_ar"] == first["measure_ar"] == "خدمة رقمية متاحة عبر الإنترنت"


# --- roles ------------------------------------------------------------------------------------


def test_bi_waqi_is_a_change_only_after_a_change_word():
    assert fact("وتوزعت الطلبات بواقع 1200 طلب في الرياض", "1200")["role"] == "level"
    assert fact("وارتفع مؤشر الأداء بواقع 15 نقطة", "15")["role"] == "change"


# --- money ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "country, text, unit",
    [
        ("KWT", "بلغت قيمة المدفوعات الإلكترونية 4.5 ملايين دينار", "KWD"),
        ("JOR", "بلغت قيمة المدفوعات الإلكترونية 4.5 ملايين دينار", "JOD"),
        ("BHR", "بلغت قيمة المدفوعات الإلكترونية 4.5 ملايين دينار", "BHD"),
        ("IRQ", "بلغت قيمة المدفوعات الإلكترونية 4.5 مليارات دينار", "IQD"),
        ("DZA", "بلغت قيمة المدفوعات الإلكترونية 4.5 مليارات دينار", "DZD"),
        ("TUN", "بلغت قيمة المدفوعات الإلكترونية 4.5 ملايين دينار", "TND"),
        ("LBY", "بلغت قيمة المدفوعات الإلكترونية 4.5 مليارات دينار", "LYD"),
        ("SAU", "بلغت قيمة المدفوعات الإلكترونية 4.5 مليارات ريال", "SAR"),
        ("QAT", "بلغت قيمة المدفوعات الإلكترونية 4.5 مليارات ريال", "QAR"),
        ("OMN", "بلغت قيمة المدفوعات الإلكترونية 4.5 ملايين ريال", "OMR"),
        ("YEM", "بلغت قيمة المدفوعات الإلكترونية 4.5 مليارات ريال", "YER"),
        ("ARE", "بلغت قيمة المدفوعات الإلكترونية 4.5 مليارات درهم", "AED"),
        ("MAR", "بلغت قيمة المدفوعات الإلكترونية 4.5 مليارات درهم", "MAD"),
        ("EGY", "بلغت قيمة المدفوعات الإلكترونية 4.5 مليارات جنيه", "EGP"),
        ("SDN", "بلغت قيمة المدفوعات الإلكترونية 4.5 مليارات جنيه", "SDG"),
        ("LBN", "بلغت قيمة المدفوعات الإلكترونية 4.5 مليارات ليرة", "LBP"),
        ("SYR", "بلغت قيمة المدفوعات الإلكترونية 4.5 مليارات ليرة", "SYP"),
        ("MRT", "بلغت قيمة المدفوعات الإلكترونية 4.5 مليارات أوقية", "MRU"),
        ("KWT", "بلغت قيمة المدفوعات الإلكترونية 4.5 ملايين دينار بحريني", "BHD"),
        ("QAT", "بلغت قيمة المدفوعات الإلكترونية 4.5 ملايين ريال سعودي", "SAR"),
        ("SYR", "بلغت قيمة المدفوعات الإلكترونية 4.5 ملايين دولار", "USD"),
        ("TUN", "بلغت قيمة المدفوعات الإلكترونية 4.5 ملايين يورو", "EUR"),
        ("SAU", "بلغت قيمة المدفوعات الإلكترونية 4.5 مليارات ريال يمني", "YER"),
        ("EGY", "بلغت قيمة المدفوعات الإلكترونية 4.5 مليارات جنيه سوداني", "SDG"),
    ],
)
def test_every_arab_currency_word_by_its_country(country, text, unit):
    r = fact(text, "4.5", country)
    assert (r["kind"], r["unit"]) == ("money", unit)
    assert r["measure_ar"] == "قيمة المدفوعات الإلكترونية"
    assert r["measure"] == "payments"


def test_a_bare_dinar_has_no_currency_when_the_country_is_unknown():
    r = fact("بلغت قيمة المدفوعات الإلكترونية 4.5 ملايين دينار", "4.5")
    assert r["unit"] is None and r["measure"] == "payments"


def test_the_currency_is_read_even_when_the_reader_gave_no_unit():
    text = "حصّلت البلدية 3 ملايين درهم من رسوم الخدمات الإلكترونية"
    mentions = [dataclasses.replace(m, unit=None) for m in find_numbers(text)]
    df = extract_facts(text, "t", {"country_iso3": "MAR"}, mentions=mentions)
    assert (df.unit.iloc[0], df.kind.iloc[0]) == ("MAD", "money")
    assert df.measure_ar.iloc[0] == "من رسوم الخدمات الإلكترونية"
    assert df.measure.iloc[0] == "revenue"


def test_what_the_money_is_from_the_subject_of_its_verb():
    r = fact("وتجاوزت التحصيلات الإلكترونية من المنافذ الحدودية 480 مليار دينار", "480 مليار", "IRQ")
    assert r["measure_ar"] == "التحصيلات الإلكترونية من المنافذ الحدودية"
    assert (r["unit"], r["measure"]) == ("IQD", "collections")


def test_the_value_of_what_the_figure_before_counts():
    r = fact("ونفذ النظام 2 مليون عملية دفع بقيمة 300 مليون ريال", "300 مليون", "OMN")
    assert r["measure_ar"] == "قيمة عملية دفع"
    assert r["unit"] == "OMR"


def test_an_amount_whose_currency_is_left_out_takes_the_currency_before_it():
    text = "وبلغت التحصيلات الإلكترونية 6 مليارات دينار، ويتوقع أن تتجاوز 9 مليارات نهاية العام"
    first, second = rows(text, "LBY")
    assert (second["kind"], second["unit"]) == ("money", "LYD")
    assert second["measure_ar"] == first["measure_ar"]


def test_the_value_of_what_the_figure_before_counts_across_a_verb():
    r = fact("وسجل التطبيق 4 ملايين معاملة بقيمة تجاوزت 3 مليارات درهم", "3 مليارات", "ARE")
    assert (r["measure_ar"], r["unit"]) == ("قيمة معاملة", "AED")


def test_what_a_result_clause_reaches_is_what_changed():
    r = fact("وارتفعت الإيرادات غير النفطية بنسبة 9% لتبلغ 150 مليار ريال", "150 مليار", "SAU")
    assert (r["measure_ar"], r["unit"], r["measure"]) == ("الإيرادات غير النفطية", "SAR", "revenue")


def test_an_amount_ends_its_phrase_at_a_clitic_hedge():
    r = fact("وصرفت الوزارة 12 مليار جنيه دعما نقديا لنحو 4 ملايين أسرة", "12 مليار", "EGY")
    assert (r["measure_ar"], r["unit"]) == ("دعما نقديا", "EGP")


def test_a_new_ouguiya_is_the_mauritanian_currency():
    r = fact("وبلغت قيمة الضرائب المحصلة عبر المنصة 12 مليار أوقية جديدة", "12 مليار", "MRT")
    assert (r["unit"], r["measure_ar"]) == ("MRU", "قيمة الضرائب المحصلة عبر المنصة")


# --- canonical keys ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, key",
    [
        ("قيمة المدفوعات", "payments"),
        ("ارتفع عدد المستخدمين", "users"),
        ("من رسوم الخدمات", "revenue"),
        ("حسابات أفراد", "accounts"),
        ("شكاية", "complaints"),
        ("مشترك في التطبيقات المصرفية", "subscribers"),
        ("مبادرة حكومية", "initiatives"),
        ("منشأة تحت التصفية", "institutions"),
        ("التحصيل الإلكتروني", "collections"),
        ("إيراداتها من الخدمات", "revenue"),
    ],
)
def test_canonical_keys_pass_over_heads_and_change_words(phrase, key):
    assert canonical_measure(phrase).measure == key


def test_the_first_end_of_a_money_range_takes_the_currency_given_to_the_second():
    got = extract_facts("رفعت الهيئة رسم الخدمة من 30 إلى 90 جنيها", "t", {"country_iso3": "SDN"})
    assert got.unit.tolist() == ["SDG", "SDG"]
