"""Unit tests of the number reader on inline sentences (not the seed strings).

Each test names the behaviour; sentences are written for the test so the reader
is checked on phrasings it was not tuned on.
"""

import math

import pytest

from arqam import find_numbers, parse_number
from arqam.normalize import normalize


def figures(text):
    return [(m.text, m.value, m.kind, m.qualifier) for m in find_numbers(text)]


# --- spelled-out cardinals -------------------------------------------------

@pytest.mark.parametrize(
    "phrase, value",
    [
        ("سبعة عشر", 17),
        ("ست عشرة", 16),
        ("إحدى عشرة", 11),
        ("اثنا عشر", 12),
        ("اثني عشر", 12),
        ("تسعمائة وتسعة وتسعون", 999),
        ("مئتا ألف", 200_000),
        ("مائتي مليون", 200_000_000),
        ("ثلاث مئة ألف", 300_000),
        ("ألفًا", 1000),
        ("عشرين ألفاً", 20_000),
        ("ثلاثـــة آلاف", 3000),
        ("مليار ومئتا مليون", 1_200_000_000),
        ("خمسة مليارات وأربعمئة ألف", 5_000_400_000),
        ("ثلاثة أرباع", 0.75),
        ("ثلاثة ونصف", 3.5),
        ("تريليون", 10**12),
        ("ألف مليون", None),  # two scales in a row are not one number
    ],
)
def test_parse_spelled_out(phrase, value):
    if value is None:
        with pytest.raises(ValueError):
            parse_number(phrase)
    else:
        assert parse_number(phrase) == value


def test_accusative_compound_in_a_sentence_keeps_raw_span():
    text = "أصدرت الإدارة ستمئة وواحدا وعشرين ألفا وخمسمئة تصريح"
    (m,) = find_numbers(text)
    assert (m.text, m.value) == ("ستمئة وواحدا وعشرين ألفا وخمسمئة", 621_500)
    assert text[m.start:m.end] == m.text


def test_diacritics_and_tatweel_inside_a_figure():
    text = "سجّلت المنصّة ثلاثَةَ ملايـيـن عمليّة"
    (m,) = find_numbers(text)
    assert m.value == 3_000_000
    assert m.text == "ثلاثَةَ ملايـيـن"


def test_vague_quantities_are_not_numbers():
    for text in ["بضعة آلاف من المستخدمين", "آلاف المواطنين", "عشرات الخدمات", "مئات الطلبات", "عدة ملايين"]:
        assert figures(text) == [], text
    with pytest.raises(ValueError):
        parse_number("بضعة")


def test_idiomatic_one_is_not_a_figure_but_duration_is_other():
    assert figures("تعد المنصة واحدة من أنجح المنصات") == []
    assert figures("ويتم التحقق لمرة واحدة فقط") == []
    assert figures("خلال عام واحد") == [("واحد", 1, "other", "exact")]
    assert figures("وصلت إلى منصة واحدة") == [("واحدة", 1, "number", "exact")]


def test_two_numbers_side_by_side_are_split():
    assert [f[1] for f in figures("ثلاثة أربعة")] == [3, 4]
    assert [f[1] for f in figures("سجلت 120 و340 عملية")] == [120, 340]


def test_decimal_point_word():
    assert parse_number("اثنان فاصلة خمسة") == 2.5
    assert parse_number("3 فاصلة 05") == 3.05


# --- digits ---------------------------------------------------------------

@pytest.mark.parametrize(
    "phrase, value",
    [
        ("1,250,000", 1_250_000),
        ("١٬٢٥٠٬٠٠٠", 1_250_000),
        ("۱۲۵۰۰۰۰", 1_250_000),
        ("1.250.000", 1_250_000),
        ("1 250 000", 1_250_000),
        ("1\u202f250\u202f000", 1_250_000),
        ("٣٫٧٥", 3.75),
        ("8,5 ملايين", 8_500_000),
        ("2.9 مليون", 2_900_000),
        ("900 الف", 900_000),
        ("591 الفا و346", 591_346),
        ("مليار و141 مليون", 1_141_000_000),
        ("4 ملايين و300 ألف", 4_300_000),
        ("0.5 مليار", 500_000_000),
        ("-3.5", -3.5),
    ],
)
def test_parse_digits(phrase, value):
    assert parse_number(phrase) == value


def test_integral_values_are_int_and_others_float():
    assert isinstance(parse_number("2.9 مليون"), int)
    assert isinstance(parse_number("2.95"), float)


# --- percent ----------------------------------------------------------------

@pytest.mark.parametrize(
    "text, span, value",
    [
        ("ارتفعت بنسبة 12.5٪ خلال العام", "12.5٪", 12.5),
        ("ارتفعت بنسبة ٪١٢ خلال العام", "٪١٢", 12),
        ("بما يعادل سبعة وثلاثين بالمئة من الطلبات", "سبعة وثلاثين بالمئة", 37),
        ("أي 30 في المئة من الإجمالي", "30 في المئة", 30),
        ("بلغت نسبة الرضا 88 وفق الاستطلاع", "88", 88),
    ],
)
def test_percent_forms(text, span, value):
    (m,) = [m for m in find_numbers(text) if m.kind == "percent"]
    assert (m.text, m.value) == (span, value)


def test_percent_sign_before_second_figure_is_not_stolen():
    found = find_numbers("نمو 30% 45 خدمة")
    assert [(m.text, m.kind) for m in found] == [("30%", "percent"), ("45", "number")]


# --- hedges and intervals ---------------------------------------------------

@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("أنجزت ما يزيد عن 400 معاملة", "more_than"),
        ("أنجزت ما يربو على 400 معاملة", "more_than"),
        ("تخطى عدد المستخدمين الجدد 400 مستخدم", "more_than"),
        ("أنجزت زهاء 400 معاملة", "approximately"),
        ("أنجزت حوالي 400 معاملة", "approximately"),
        ("أنجزت ما يناهز 400 معاملة", "approximately"),
        ("أنجزت أقل من 400 معاملة", "less_than"),
        ("أنجزت ما لا يقل عن 400 معاملة", "at_least"),
        ("أنجزت 400 معاملة على الأقل", "at_least"),
        ("أنجزت ما لا يزيد عن 400 معاملة", "at_most"),
        ("يمكن تنفيذ ما يصل إلى 400 معاملة", "up_to"),
        ("أنجزت 400 معاملة", "exact"),
    ],
)
def test_hedges(text, qualifier):
    (m,) = find_numbers(text)
    assert (m.value, m.qualifier) == (400, qualifier)


def test_up_to_restating_a_stated_change_is_exact():
    text = "ارتفع عدد الطلبات بمقدار 300 ألف طلب وبنسبة تصل إلى 25 بالمائة"
    pct = [m for m in find_numbers(text) if m.kind == "percent"][0]
    assert pct.qualifier == "exact"
    text = "خفضت زمن الانتظار بنسبة تصل إلى 40%"
    assert find_numbers(text)[0].qualifier == "up_to"


def test_intervals_follow_hedge_and_written_precision():
    (m,) = find_numbers("قرابة 2.9 مليون حركة")
    assert (m.low, m.high) == pytest.approx((2_850_000, 2_950_000))
    (m,) = find_numbers("أكثر من 545,699 عملية")
    assert m.low == 545_699 and math.isinf(m.high)
    (m,) = find_numbers("سجلت 545,699 عملية")
    assert m.low == m.high == 545_699
    (m,) = find_numbers("ست عشرة بالمائة")
    assert (m.low, m.high) == (15.5, 16.5)
    (m,) = find_numbers("أقل من 7 دقائق")  # a duration is not a statistic
    assert m.kind == "other"


def test_range_with_shared_scale():
    a, b = find_numbers("يستخدمها ما بين 3 و5 ملايين شخص")
    assert (a.value, a.qualifier, b.value, b.qualifier) == (3_000_000, "at_least", 5_000_000, "at_most")
    assert a.text == "3" and b.text == "5 ملايين"
    assert a.low == b.low and a.high == b.high


# --- years, dates, ordinals, other -------------------------------------------

def test_years_are_their_own_kind():
    assert figures("أطلقت الخدمة عام 2019") == [("2019", 2019, "year", "exact")]
    assert figures("تأسست سنة ١٩٩٨م") == [("١٩٩٨", 1998, "year", "exact")]
    assert [f[2] for f in figures("للأعوام (2021 – 2025)")] == ["year", "year"]
    assert figures("في 2023.") == [("2023", 2023, "year", "exact")]
    assert figures("نفذت المنصة 2025 عملية") == [("2025", 2025, "number", "exact")]
    assert figures("أكثر من 2000 طلب") == [("2000", 2000, "number", "more_than")]


def test_dates_and_times_are_never_numbers():
    assert figures("صدر في 15-03-2024") == [("15-03-2024", 20240315, "date", "exact")]
    assert figures("صدر في 2024/03/15") == [("2024/03/15", 20240315, "date", "exact")]
    assert figures("يوم 15 مارس") == [("15", 15, "date", "exact")]
    assert figures("الساعة 09:30") == [("09:30", 930, "other", "exact")]
    assert [f[2] for f in figures("من الأول وحتى العاشر من الشهر")] == ["date", "date"]


def test_ordinals_are_their_own_kind():
    assert figures("خلال الربع الثالث") == [("الثالث", 3, "ordinal", "exact")]
    assert figures("في المرتبة الحادية عشرة") == [("الحادية عشرة", 11, "ordinal", "exact")]
    assert figures("أولاً: تحسين الخدمات") == []
    assert figures("في شهر كانون الثاني") == []  # a month name, not an ordinal


def test_phone_numbers_codes_and_lists_are_other():
    assert [f[2] for f in figures("اتصل على 0501234567 أو الرقم الموحد 920020405")] == ["other", "other"]
    assert [f[2] for f in figures("دول G20 وشبكات 5G وCOVID-19")] == ["other", "other", "other"]
    assert figures("البنود 1,2,3 من اللائحة") == [("1,2,3", 123, "other", "exact")]


def test_money_has_currency_code():
    (m,) = find_numbers("بتكلفة 1.2 مليار ريال")
    assert (m.kind, m.value, m.unit, m.text) == ("money", 1_200_000_000, "SAR", "1.2 مليار")
    a, b = find_numbers("من 10 الى 20 دولار")
    assert (a.kind, a.unit, b.kind, b.unit) == ("money", "USD", "money", "USD")


# --- bad input ---------------------------------------------------------------

@pytest.mark.parametrize("text", ["", " ", "\n\n", "hello world 2024-13-45", "\u200f\u200e\ufeff", "٫٬٪", "%%%", "-", "و و و", "ألف ألف ألف"])
def test_odd_input_never_raises(text):
    for m in find_numbers(text):
        assert text[m.start:m.end] == m.text


def test_non_string_input_is_a_type_error():
    with pytest.raises(TypeError):
        find_numbers(b"123")
    with pytest.raises(TypeError):
        parse_number(12)


def test_parse_number_rejects_text_that_is_not_one_number():
    for phrase in ["", "عملية", "أكثر من 5", "5 عمليات", "3 و 4", "30-12-2025"]:
        with pytest.raises(ValueError):
            parse_number(phrase)


def test_one_megabyte_chain_of_number_words():
    # a catastrophic-backtracking or quadratic reader would not finish this
    unit = "ثلاثة ملايين وسبعمئة وثلاثين ألفا وثمانمئة وتسعين "
    text = unit * (1_000_000 // len(unit) + 1)
    found = find_numbers(text)
    assert len(found) == text.count("ثلاثة ملايين")
    assert {m.value for m in found} == {3_730_890}


def test_huge_digit_run_is_other_not_an_error():
    (m,) = find_numbers("1" * 10_000)
    assert m.kind == "other" and m.start == 0 and m.end == 10_000


# --- normalization -----------------------------------------------------------

def test_normalized_offsets_map_back_to_raw():
    raw = "أَلْفُ\u200fعمليةٍ ٢٫٥"
    nt = normalize(raw)
    assert nt.text == "الف" + "عمليه" + " 2.5"
    for i, ch in enumerate(nt.text):
        j = nt.to_raw(i)
        assert normalize(raw[j]).text == ch


# --- phrasings seen in e-government news beyond the seeds -------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("ارتفع عدد المستخدمين بنحو 20% خلال العام", [("20%", 20, "percent", "approximately")]),
        ("يقدر عددهم بـ 5 ملايين", [("5 ملايين", 5_000_000, "number", "approximately")]),
        ("وصل عدد المستخدمين إلى 25 مليون مستخدم", [("25 مليون", 25_000_000, "number", "exact")]),
        ("وزاد عدد المستخدمين الجدد 3 آلاف مستخدم", [("3 آلاف", 3000, "number", "exact")]),
        ("بأكثر من 40 ألف طلب", [("40 ألف", 40_000, "number", "more_than")]),
        ("احتلت المملكة المرتبة 6 عالميا", [("6", 6, "ordinal", "exact")]),
        ("عام 1445هـ", [("1445", 1445, "year", "exact")]),
        ("وفرت المنصة 2.5 مليون ساعة عمل", [("2.5 مليون", 2_500_000, "number", "exact")]),
        ("القانون رقم 10 لسنة 2020", [("10", 10, "other", "exact"), ("2020", 2020, "year", "exact")]),
        ("في الربع الأول من 2024 سجلت", [("الأول", 1, "ordinal", "exact"), ("2024", 2024, "year", "exact")]),
        ("بلغت قيمة المدفوعات 12.7 مليار جنيه", [("12.7 مليار", 12_700_000_000, "money", "exact")]),
    ],
)
def test_news_phrasings(text, expected):
    assert figures(text) == expected


def test_conjoined_ahad_before_ashar_is_a_teen():
    # normalized وأحد is also the word واحد; before عشر it is و + أحد (found by bench round-trips)
    assert parse_number("ألف وأحد عشر") == 1011
    assert parse_number("مئة وأحد عشر ألفا") == 111_000


def test_invisible_marks_inside_figures():
    # zero-width joiners, bidi marks, tatweel and diacritics inside a figure do not split it
    for text, value in [
        ("سجلت ٣\u200f٠٠ عملية", 300),
        ("سجلت 1\u200b250\u200b000 عملية", 1_250_000),
        ("ثلاث\u200dمئة", 300),
        ("ثـــلاثـــة مـلايين", 3_000_000),
        ("ثَلَاثُمِئَةٍ وَخَمْسُونَ", 350),
    ]:
        (m,) = find_numbers(text)
        assert m.value == value, text
        assert text[m.start:m.end] == m.text
