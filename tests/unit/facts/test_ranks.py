"""Places in a ranking as facts of kind rank (arqam.facts.ranks); sentences written for these tests."""

import pytest

from arqam import extract_facts, find_numbers


def ranks(text, meta=None):
    df = extract_facts(text, "t", meta or {})
    return df[df.kind == "rank"]


@pytest.mark.parametrize("text, value", [
    ("وحلت تونس في المرتبة 37 عالميا في مؤشر الخدمات الرقمية", 37),
    ("وحققت البلاد المركز الثالث عربيا في التصنيف", 3),
    ("وجاءت البلاد بالمرتبة الأولى في ترتيب المنصات الحكومية", 1),
    ("وتقدم ترتيبها إلى 58 بين الدول المشمولة", 58),
    ("واحتلت الجزائر المرتبة الـ 112 دوليا", 112),
])
def test_an_ordinal_after_a_rank_noun_is_a_rank(text, value):
    r = ranks(text)
    assert r.value.tolist() == [value]
    assert r.role.tolist() == ["rank"] and r.measure.tolist() == ["rank"]


@pytest.mark.parametrize("text", [
    "سجلت المنصة 2 مليون عملية في الربع الأول من السنة",
    "افتتحت الوزارة المركز الثاني لخدمة المواطنين في المدينة بطاقة 300 معاملة يوميا",
    "أطلقت الهيئة النسخة الرابعة من البرنامج بمشاركة 500 متدرب",
])
def test_ordinals_of_periods_editions_and_centres_are_no_ranks(text):
    assert ranks(text).empty


def test_a_rank_carries_its_league_and_index_in_its_measure_words():
    text = "وصنف مؤشر الحكومة الرقمية البحرين في المرتبة 18 عالميا، والثانية عربيا"
    r = ranks(text)
    assert r.value.tolist() == [18, 2]
    assert r.measure_ar.iloc[0].startswith("المرتبة عالميا") and "مؤشر" in r.measure_ar.iloc[0]
    assert "عربيا" in r.measure_ar.iloc[1]


def test_a_range_of_ranks_gives_both_places():
    r = ranks("وتراجعت الكويت من المركز 30 إلى 36 عالميا خلال عامين")
    assert r.value.tolist() == [30, 36]
    assert set(r.subject_ar) == {"الكويت"}


def test_the_ranked_name_before_the_rank_is_its_subject():
    r = ranks("وأعلنت الهيئة أن المغرب حل في المرتبة 9 إفريقيا")
    assert r.subject_ar.tolist() == ["المغرب"]


def test_the_item_between_the_placing_verb_and_the_rank_noun_is_its_subject():
    r = ranks("ووفق الاستبيان تحتل خدمة تجديد الرخص المرتبة الأولى بين الخدمات")
    assert r.subject_ar.tolist() == ["خدمة تجديد الرخص"]


def test_a_tied_country_after_the_rank_is_not_its_subject():
    r = ranks("تقدمت البلاد لتأتي في المركز الخامس إقليميا مع دولة الكويت", {"country_iso3": "QAT"})
    assert r.subject_ar.tolist() != ["دولة الكويت"]


def test_ranks_do_not_change_the_statistics_of_a_sentence():
    text = "وحلت المنصة في المرتبة الثانية بعدد 4 ملايين مستخدم"
    df = extract_facts(text, "t", {})
    stats = df[df.kind != "rank"]
    assert stats.value.tolist() == [4_000_000] and df.kind.tolist() == ["rank", "number"]


@pytest.mark.parametrize("text, kinds", [
    ("حلت في المرتبة الرابعة عربيا و الـ 40 عالميا", ["ordinal", "ordinal"]),
    ("تراجعت من المركز 20 إلى 26 عالميا", ["ordinal", "ordinal"]),
    ("احتلت المركز الثاني خليجيا والمركز 33 عالميا", ["ordinal", "ordinal"]),
    ("ارتفع العدد من 20 إلى 26 ألف مستخدم", ["number", "number"]),
    ("خلال الـ 90 يوما الماضية", ["other"]),
])
def test_the_number_reader_tells_rank_places_from_counts(text, kinds):
    assert [m.kind for m in find_numbers(text)] == kinds


@pytest.mark.parametrize("text, noun", [
    ("وتقدمت البلاد 9 مراكز في التصنيف العالمي", "مراكز"),
    ("وصعدت الهيئة 3 مراتب دفعة واحدة إلى المرتبة 14", "مراتب"),
    ("وتراجع البلد مرتبة واحدة في الترتيب العام", "مرتبة"),
])
def test_a_number_of_places_moved_is_measured_as_places(text, noun):
    df = extract_facts(text, "t", {})
    moved = df[df.kind == "number"]
    assert moved.measure.tolist() == ["rank_places"] and moved.role.tolist() == ["change"]
    assert moved.measure_ar.iloc[0].startswith(noun)


def test_service_centres_counted_are_not_places():
    df = extract_facts("وافتتحت الوزارة 9 مراكز لخدمة المراجعين في المحافظات", "t", {})
    assert df.measure.tolist() != ["rank_places"]


def test_a_unit_of_time_before_a_year_is_no_duration():
    assert [m.kind for m in find_numbers("مقارنة بالمرتبة 116 سنة 2022")] == ["ordinal", "year"]
    assert [m.kind for m in find_numbers("خلال 20 سنة من العمل")] == ["other"]
