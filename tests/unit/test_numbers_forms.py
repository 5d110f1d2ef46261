"""Written forms of figures in news (issue 12), each on sentences written for the test.

One test per form: digits with unusual separators, fractions, negatives, compounds,
ordinals, duals, money with subunits and currencies, and the non-figures that must
stay out.
"""

import pytest

from arqam import find_numbers, parse_number
from arqam.normalize import normalize


def figures(text):
    return [(m.text, m.value, m.kind) for m in find_numbers(text)]


def stats(text):
    """The statistics (number, percent, money) as (text, value, kind)."""
    return [f for f in figures(text) if f[2] in ("number", "percent", "money")]


# --- digits: dot, Arabic comma and ر as separators ---------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("أنجزت البلدية 27.615 معاملة إلكترونية", [("27.615", 27_615, "number")]),
        ("واستفاد منها 58.204 مستفيدين", [("58.204", 58_204, "number")]),
        ("وسجل التطبيق و31.507 مستخدما جديدا", [("31.507", 31_507, "number")]),
        ("وبلغ عدد الحسابات 2.5 مليون حساب", [("2.5 مليون", 2_500_000, "number")]),
        ("وارتفع الإقبال بنسبة 3.75% مقارنة بالعام السابق", [("3.75%", 3.75, "percent")]),
        ("وقطع الموكب 12.345 كيلومترا", [("12.345", 12.345, "number")]),
        ("بلغت قيمة الصفقة 1.125 مليار دولار", [("1.125 مليار", 1_125_000_000, "money")]),
        ("سجلت المنصة ٢٧٫٦١٥ عملية", [("٢٧٫٦١٥", 27.615, "number")]),  # the Arabic decimal sign is a decimal
    ],
)
def test_dot_with_three_digits_counts_things_but_scales_percents_units_keep_decimals(text, expected):
    assert stats(text) == expected


def test_dot_group_without_a_noun_follows_the_texts_other_figures():
    # the text writes 1.250.000 elsewhere, so a lone "12.500" at a sentence end is 12,500
    text = "بلغ عدد المسجلين 1.250.000 مسجل. وفي الشهر الماضي وحده 12.500."
    assert [f[1] for f in stats(text)] == [1_250_000, 12_500]
    assert [f[1] for f in stats("وفي الشهر الماضي وحده 12.500.")] == [12.5]


@pytest.mark.parametrize(
    "text, value",
    [
        ("وصل إنتاج المصنع إلى 2،5 مليون وحدة", 2_500_000),
        ("سجل الرصيد ١٢،٧٥ نقطة", 12.75),
        ("عدد السكان ١،٢٣٤،٥٦٧ نسمة", 1_234_567),
    ],
)
def test_arabic_comma_is_a_decimal_sign_or_groups_thousands(text, value):
    (f,) = stats(text)
    assert f[1] == value


def test_arabic_comma_between_years_is_a_list():
    assert [f[1] for f in figures("خلال عامي 2020،2021 تضاعف العدد")] == [2020, 2021]


@pytest.mark.parametrize(
    "text, written, value",
    [
        ("وبلغت الصادرات 5ر2 مليار دولار", "5ر2 مليار", 2_500_000_000),
        ("وسجل مؤشر الجاهزية 3805 ر0 في التقرير", "3805 ر0", 0.3805),
        ("وبلغ مؤشر البلاد 4712 ر فيما تراجع غيرها", "4712 ر", 0.4712),
        ("ونما الاقتصاد 25ر3 بالمئة", "25ر3 بالمئة", 3.25),
    ],
)
def test_wire_decimal_with_ra_reads_the_reversed_digits(text, written, value):
    (f,) = stats(text)
    assert f[:2] == (written, value)


def test_a_lone_ra_needs_an_index_word_before_it():
    # without digits after ر the form is read only as an index value; 'ر' alone may abbreviate riyal
    assert [f[1] for f in stats("رسم الخدمة 150 ر للطلب")] == [150]
    assert [f[1] for f in stats("وتراجع المعدل إلى 4712 ر هذا العام")] == [0.4712]


def test_thousandths_currencies_keep_the_decimal():
    assert stats("رسوم الخدمة 2.500 دينار كويتي") == [("2.500", 2.5, "money")]
    assert stats("رسوم الخدمة 1.750 ريال عماني") == [("1.750", 1.75, "money")]
    assert stats("بلغت الرسوم 25.000 دينار عراقي") == [("25.000", 25_000, "money")]


def test_riyal_abbreviation_after_digits_is_not_a_decimal():
    assert stats("الرسوم 150 ر.س للطلب") == [("150", 150, "money")]
    assert find_numbers("الرسوم 150 ر.س للطلب")[0].unit == "SAR"


# --- years, last groups, brackets --------------------------------------------

def test_year_before_a_spelled_figure_stays_a_year():
    assert figures("في 2022 مليونا و300 ألف معاملة") == [
        ("2022", 2022, "year"),
        ("مليونا و300 ألف", 1_300_000, "number"),
    ]
    # without a year cue the digits are the scale's count
    assert stats("سجلت المنصة 1500 مليون زيارة") == [("1500 مليون", 1_500_000_000, "number")]


def test_last_group_without_waw():
    assert stats("بلغ عدد المشتركين مليون و250 ألفا 118 مشتركا") == [
        ("مليون و250 ألفا 118", 1_250_118, "number")
    ]
    # a number never joined by و does not take a following group
    assert [f[1] for f in stats("نحو 5 آلاف 300 منها إلكترونية")] == [5000, 300]


@pytest.mark.parametrize("written", ["(12) مليون", "( 12) مليون", "(12 ) مليون"])
def test_bracketed_figure_before_its_scale_word(written):
    text = f"سجلت الوزارة {written} زيارة"
    (m,) = find_numbers(text)
    assert (m.text, m.value) == (written, 12_000_000)
    assert text[m.start:m.end] == written


def test_bracketed_figure_without_scale_stays_alone():
    assert stats("أصدرت (2.318.604) بطاقة") == [("2.318.604", 2_318_604, "number")]


# --- fractions -----------------------------------------------------------------

@pytest.mark.parametrize(
    "phrase, value",
    [
        ("ربع مليار", 250_000_000),
        ("نصف مليون", 500_000),
        ("ثلث مليون", pytest.approx(333_333.333)),
        ("ثلاثة أرباع مليون", 750_000),
        ("مليون ونصف", 1_500_000),
        ("مليون ونصف مليون", 1_500_000),
        ("ثلث", pytest.approx(1 / 3)),
        ("ثلثا", pytest.approx(2 / 3)),
        ("ثلثان", pytest.approx(2 / 3)),
        ("ثلاثة أرباع", 0.75),
        ("خُمس", 0.2),
        ("سدس", pytest.approx(1 / 6)),
        ("ثلاثة أخماس", 0.6),
        ("خمسة أثمان", 0.625),
        ("سبعة أعشار", 0.7),
        ("عشرون وثلاثة أخماس", 20.6),
        ("أربعة وثلثان", pytest.approx(4 + 2 / 3)),
        ("مئة وثلاثة أرباع", 100.75),
    ],
)
def test_fractions_alone_and_with_scales(phrase, value):
    assert parse_number(phrase) == value


def test_five_stays_five_unless_marked_as_a_fraction():
    assert parse_number("خمس") == 5
    # a damma on a cardinal inside a compound does not make it a fraction
    assert parse_number("سُبع مئة") == 700
    assert parse_number("أحد عُشر") == 11
    assert parse_number("ستمئة و سُبع و ثلاثون") == 637
    assert parse_number("خُمس مليون") == 200_000
    assert parse_number("خمس مئة وعُشر آلاف") == 510_000
    assert stats("سجلت خُمس عمليات") == [("خُمس", 5, "number")]  # a damma before a counted noun: a typo'd five
    assert stats("خلال خمس سنوات") == []  # a duration
    assert figures("خلال خمس سنوات") == [("خمس", 5, "other")]


def test_article_fraction_before_scale():
    assert stats("وصلت المعاملات إلى الربع مليار") == [("ربع مليار", 250_000_000, "number")]
    assert find_numbers("وعدد المعاملات يفوق الربع مليار")[0].qualifier == "more_than"


@pytest.mark.parametrize(
    "text, written, value",
    [
        ("أكدت الهيئة أن نصف الخدمات متاحة عبر الإنترنت", "نصف", 50),
        ("وشكلت نصف تلك الجهات فرقا للتحول", "نصف", 50),
        ("واعتمد ثلثاها على الحوسبة السحابية", "ثلثا", 66.67),
        ("وأبدى ثلث المستخدمين رضاهم", "ثلث", 33.33),
        ("ويستخدم ثلاثة أرباع السكان الهاتف", "ثلاثة أرباع", 75),
        ("ويعيش خمس السكان في العاصمة", "خمس", 20),
        ("ونصفهم من النساء", "نصف", 50),
    ],
)
def test_a_fraction_of_a_group_is_a_share_in_percent(text, written, value):
    assert stats(text) == [(written, value, "percent")]


def test_fraction_before_a_time_unit_is_a_duration_and_a_bare_one_is_no_figure():
    assert figures("يستغرق الإجراء نصف ساعة") == [("نصف", 0.5, "other")]
    assert figures("يصدر تقرير نصف سنوي") == []
    assert figures("في النصف الأول من العام")[0][2] == "ordinal"  # النصف itself is no figure
    assert [f[0] for f in figures("في النصف الأول من العام")] == ["الأول"]


# --- negatives -----------------------------------------------------------------

@pytest.mark.parametrize(
    "text, written, value, kind",
    [
        ("سجلت درجة الحرارة سالب خمسة", "سالب خمسة", -5, "number"),
        ("وكان الرصيد ناقص ثلاثمئة", "ناقص ثلاثمئة", -300, "number"),
        ("وبلغ معدل التغير سالب 2.5 بالمئة", "سالب 2.5 بالمئة", -2.5, "percent"),
        ("وتغير الطلب -12% خلال الربع", "-12%", -12, "percent"),
        ("بلغ صافي التدفق -4 ملايين", "-4 ملايين", -4_000_000, "number"),
    ],
)
def test_negatives(text, written, value, kind):
    assert stats(text) == [(written, value, kind)]


def test_incomplete_is_not_a_sign():
    assert stats("جاء الملف ناقصا وتمت إعادة ثلاثة طلبات") == [("ثلاثة", 3, "number")]


def test_a_name_that_carries_a_number_is_not_a_negative():
    for text in ("تراجعت إصابات كوفيد -19 كثيرا", "جائحة كوفيد-19 غيرت العمل", "لقاح كوفيد 19 متاح"):
        assert stats(text) == [], text


# --- compounds and ordinals -----------------------------------------------------

@pytest.mark.parametrize(
    "phrase, value",
    [
        ("مئتان وإحدى وثلاثون", 231),
        ("إحدى وعشرون", 21),
        ("ثلاثمائة وأحد وأربعون", 341),
        ("إحدى عشرة", 11),
        ("٤ مئة و ١٢", 412),
        ("7 مئة", 700),
        ("٣ آلاف و٤ مئة", 3400),
    ],
)
def test_ihda_in_compounds_and_digits_times_hundred(phrase, value):
    assert parse_number(phrase) == value


def test_ihda_alone_means_one_of():
    assert stats("تعد إحدى المنصات الرائدة") == []


@pytest.mark.parametrize(
    "phrase, value",
    [
        ("المئة والثالثة والأربعون", 143),
        ("المائة والعشرون", 120),
        ("المئتان والخامس", 205),
        ("الحادي عشر بعد المئة", 111),
        ("الخامس والعشرون بعد المائتين", 225),
    ],
)
def test_ordinals_with_hundreds(phrase, value):
    (m,) = find_numbers(phrase)
    assert (m.kind, m.value, m.text) == ("ordinal", value, phrase)


def test_hundred_with_article_alone_is_no_ordinal():
    assert figures("احتفلت بالذكرى المئة لتأسيسها") == []


# --- duals in construct state -------------------------------------------------------

@pytest.mark.parametrize(
    "text, value",
    [
        ("دفع المراجع ألفا دينار رسوما", 2000),
        ("استقطبت المنصة مليونا مستخدم", 2_000_000),
        ("بلغ عدد المسجلين عشرين ألفا مستخدما", 20_000),  # accusative singular after a count
        ("سجلت الوزارة ألفًا طلب", 1000),  # tanween: the accusative singular
        ("أصدرت الدائرة ألفا وخمسمئة رخصة", 1500),
    ],
)
def test_dual_in_construct_state_versus_accusative_singular(text, value):
    (f,) = stats(text)
    assert f[1] == value


# --- money ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, written, value, unit",
    [
        ("بلغ الرسم ثلاثة دنانير وخمسون فلسا", "ثلاثة دنانير وخمسون فلسا", 3.05, None),
        ("وسعر الخدمة 20 دولارا و43 سنتا", "20 دولارا و43 سنتا", 20.43, "USD"),
        ("وتبلغ الرسوم 12 ريالا و50 هللة", "12 ريالا و50 هللة", 12.5, "SAR"),
        ("كلفت الشهادة خمسة جنيهات وخمسة وعشرين قرشا", "خمسة جنيهات وخمسة وعشرين قرشا", 5.25, "EGP"),
        ("يبلغ الاشتراك 7 دراهم و50 فلسا", "7 دراهم و50 فلسا", 7.5, None),
        ("رسم الطابع 2 دينار تونسي و500 مليم", "2 دينار تونسي و500 مليم", 2.5, "TND"),
        ("السعر 20$ و 43c", "20$ و 43c", 20.43, "USD"),
    ],
)
def test_money_with_a_subunit_is_one_amount(text, written, value, unit):
    (m,) = find_numbers(text)
    assert (m.text, m.value, m.kind, m.unit) == (written, pytest.approx(value), "money", unit)


def test_subunit_amount_must_be_below_one_unit():
    found = find_numbers("دفع 3 دنانير و1500 فلس")
    assert [m.value for m in found] == [3, 1500]


@pytest.mark.parametrize(
    "written, unit",
    [
        ("ريال سعودي", "SAR"), ("ريالا قطريا", "QAR"), ("ريالات عمانية", "OMR"), ("ريال يمني", "YER"),
        ("درهم إماراتي", "AED"), ("دراهم مغربية", "MAD"),
        ("جنيه مصري", "EGP"), ("جنيها سودانيا", "SDG"),
        ("دينار أردني", "JOD"), ("دنانير كويتية", "KWD"), ("دينار بحريني", "BHD"), ("دينار عراقي", "IQD"),
        ("دينار جزائري", "DZD"), ("دنانير تونسية", "TND"), ("دينارا ليبيا", "LYD"),
        ("ليرة لبنانية", "LBP"), ("ليرات سورية", "SYP"), ("ليرة سورية", "SYP"),
        ("أوقية", "MRU"), ("أوقية موريتانية", "MRU"),
        ("دولار أمريكي", "USD"), ("دولارات", "USD"), ("يورو", "EUR"),
        ("ريال", "SAR"), ("جنيه", "EGP"), ("دينار", None), ("درهم", None), ("ليرة", None),
    ],
)
def test_every_arab_currency_word_is_a_unit(written, unit):
    (m,) = find_numbers(f"بلغت التكلفة 120 {written} للمعاملة")
    assert (m.kind, m.value, m.unit) == ("money", 120, unit)


@pytest.mark.parametrize(
    "text, value, unit",
    [("رسوم التأشيرة SAR 1,200 للفرد", 1200, "SAR"), ("السعر د.ك5 فقط", 5, "KWD"), ("بسعر EGP 500", 500, "EGP")],
)
def test_currency_code_or_abbreviation_before_the_figure(text, value, unit):
    (m,) = find_numbers(text)
    assert (m.value, m.kind, m.unit) == (value, "money", unit)


def test_an_ounce_of_gold_is_not_money_in_ouguiya():
    found = find_numbers("بلغ سعر 3 أوقية ذهب نحو 6000 دولار")
    assert [(m.value, m.kind) for m in found] == [(3, "number"), (6000, "money")]


# --- not figures -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "الخدمة متاحة 24/7 عبر البوابة",
        "مركز الاتصال يعمل 24 / 7 لخدمة المراجعين",
        "دعم فني 7/24 طوال العام",
    ],
)
def test_service_hours_are_not_figures(text):
    assert figures(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "أطلقت الحكومة نافذة واحدة لخدمات المستثمرين",
        "يدخل المواطن بحساب واحد إلى جميع الخدمات",
        "تعمل الجهات بروح الحكومة الواحدة",
        "تنجز المعاملة دون الحاجة لمراجعة واحدة للمكتب",
        "لم يسجل أي خطأ واحد في النظام",
    ],
)
def test_idiomatic_one_is_not_a_figure(text):
    assert stats(text) == []


def test_service_hours_with_units_and_a_duration_after_a_rank_word():
    assert figures("الخدمة متاحة 24 ساعة/7 أيام عبر البوابة") == []
    assert figures("يعمل المركز 24 ساعة يوميا") == [("24", 24, "other")]  # المركز here is a place, not a rank
    assert figures("حلت في المركز 24 عالميا") == [("24", 24, "ordinal")]


def test_one_in_every_n_is_a_figure():
    assert stats("واحد من كل أربعة مواطنين يستخدم التطبيق") == [("واحد", 1, "number"), ("أربعة", 4, "number")]
    assert stats("تعد المنصة واحدة من أنجح التجارب") == []


def test_only_one_still_counts():
    assert stats("ليس سوى بوابة واحدة للدفع") == [("واحدة", 1, "number")]
    assert stats("ليس هناك بوابة واحدة للدفع") == []  # without سوى: not a single one


@pytest.mark.parametrize("text, value", [("سجلت الدولة 0,7123 في مؤشر الخدمات", 0.7123), ("بلغ معدل الجاهزية 0.786", 0.786)])
def test_index_scores_are_numbers_not_percents(text, value):
    assert stats(text) == [(text.split()[2] if "," in text else "0.786", value, "number")]


# --- percents ---------------------------------------------------------------------------------

def test_figure_before_nisba_word_is_a_percent():
    assert stats("23.5 نسبة الرقمنة في الخدمات") == [("23.5", 23.5, "percent")]


def test_percentage_points():
    assert stats("ارتفعت نسبة الرضا 4 نقاط خلال العام") == [("4", 4, "percent")]
    assert stats("تراجع بمقدار 1.5 نقطة مئوية") == [("1.5", 1.5, "percent")]
    assert stats("ارتفع المؤشر العام 25 نقطة") == [("25", 25, "number")]


# --- reading from an already normalized text --------------------------------------------------

def test_find_numbers_reads_an_already_normalized_text():
    raw = "سجّلت المنصّة ٢٧٫٥ مليون عمليّة و 58.204 مستفيدين"
    nt = normalize(raw)
    assert find_numbers(raw, normalized=nt) == find_numbers(raw)
    (a, b) = find_numbers(raw, normalized=nt)
    assert raw[a.start:a.end] == "٢٧٫٥ مليون" and b.value == 58_204


def test_normalized_text_must_belong_to_the_text():
    with pytest.raises(ValueError):
        find_numbers("ثلاثة", normalized=normalize("أربعة"))


@pytest.mark.parametrize("text, year", [("خلال العام المالي 2023/2024", 2023), ("موازنة 2022/23 للدولة", 2022)])
def test_a_fiscal_year_written_with_a_slash_is_a_year_not_a_fraction(text, year):
    got = [(m.kind, m.value) for m in find_numbers(text)]
    assert got == [("year", year)]


def test_a_slash_between_other_figures_stays_a_fraction():
    assert [m.value for m in find_numbers("أي ما يعادل 1/3 من الطلبات")] == [pytest.approx(1 / 3)]


@pytest.mark.parametrize("text, qualifier", [
    ("وارتفع عدد المشتركين ليصل إلى 1.4 مليون مشترك", "exact"),
    ("وزادت الإيرادات لتصل إلى 70% من المستهدف", "exact"),
    ("وتفرض غرامة تصل إلى 200 دينار", "up_to"),
    ("ويوفر النظام ما يصل إلى 30% من الوقت", "up_to"),
])
def test_a_level_reached_is_no_ceiling(text, qualifier):
    assert [m.qualifier for m in find_numbers(text)] == [qualifier]


@pytest.mark.parametrize(
    "text",
    ["تراجعت مرتبتها إلى 71 عالميا في المؤشر", "وبلغ ترتيبه 38 بين الدول المشاركة"],
)
def test_a_rank_after_a_possessed_rank_word_is_an_ordinal(text):
    assert [f[2] for f in figures(text)][:1] == ["ordinal"]


def test_a_number_of_places_after_a_rank_word_is_a_count():
    assert stats("وتحسنت مرتبته 12 مركزا في المؤشر") == [("12", 12, "number")]


def test_a_level_reached_is_still_a_figure():
    assert stats("ارتفعت الطلبات إلى 71 ألف طلب") == [("71 ألف", 71_000, "number")]


def test_from_to_after_a_change_word_names_two_exact_levels():
    got = [(m.text, m.qualifier) for m in find_numbers("وارتفعت نسبة الإنجاز من 58% إلى 73% خلال العام")]
    assert got == [("58%", "exact"), ("73%", "exact")]


def test_from_to_without_a_change_word_is_a_range():
    got = [(m.text, m.qualifier) for m in find_numbers("يتراوح الرسم من 3 إلى 5 دنانير")]
    assert got == [("3", "at_least"), ("5", "at_most")]


@pytest.mark.parametrize(
    "text, rating",
    [
        ("حصل تطبيق الخدمات على تقييم 4.6 من 5 في متجر التطبيقات", "4.6"),
        ("ومنح المستخدمون البوابة 8.5 من 10 درجات", "8.5"),
        ("وسجلت المنصة 91 من 100 درجة في مؤشر الجودة", "91"),
    ],
)
def test_the_top_of_a_rating_scale_is_no_figure(text, rating):
    assert [f[0] for f in stats(text)] == [rating]


def test_a_whole_after_min_stays_a_figure():
    assert [f[0] for f in stats("استجابت 40 من 100 مؤسسة للمسح")] == ["40", "100"]
