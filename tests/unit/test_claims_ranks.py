"""Changes of rank (arqam.claims.ranks) in sentences written for them, holding and not, and the places no other check reads."""

import pytest

from arqam import extract_facts
from arqam.audit import audit
from arqam.claims import extract_claims


def run(text, country="TUN"):
    facts = extract_facts(text, "t", {"country_iso3": country, "published": "2024-09-01"})
    return facts, extract_claims(facts, text), audit(facts, texts=text)


def rank_checks(text, **kw):
    facts, _, checks = run(text, **kw)
    val = dict(zip(facts.fact_id, facts.value))
    got = checks[checks.rule == "rank_change"]
    return [(v, sorted(val[i] for i in ids.split(";"))) for v, ids in zip(got.verdict, got.fact_ids)]


@pytest.mark.parametrize("text, places, verdict", [
    # stated places, place left after من, place taken after إلى
    ("وتقدمت تونس 4 مراتب من المرتبة 52 إلى المرتبة 48 عالميا في مؤشر الخدمات", [4, 48, 52], "consistent"),
    ("وتقدمت تونس 3 مراتب من المرتبة 52 إلى المرتبة 48 عالميا في مؤشر الخدمات", [3, 48, 52], "inconsistent"),
    # the place taken first, the place left after مقارنة ب
    ("وارتقت البلاد مرتبة واحدة محققة المركز السابع مقارنة بالمركز الثامن في الدورة السابقة", [1, 7, 8], "consistent"),
    # a dual noun states two places
    ("وتقدمت البلاد مرتبتين بتحقيق المركز السابع مقارنة بالمركز التاسع في الدورة السابقة", [7, 9], "consistent"),
    ("وتقدمت البلاد مرتبتين بتحقيق المركز السابع مقارنة بالمركز العاشر في الدورة السابقة", [7, 10], "inconsistent"),
    # a fall: the number of the place grows
    ("وتراجعت البلاد 6 مراكز لتأتي في المرتبة 70 دوليا بعد أن كانت في المرتبة 64", [6, 64, 70], "consistent"),
    ("وتراجعت البلاد 9 مراكز لتأتي في المرتبة 70 دوليا بعد أن كانت في المرتبة 64", [9, 64, 70], "inconsistent"),
])
def test_a_stated_move_is_checked_against_the_two_places(text, places, verdict):
    got = rank_checks(text)
    assert [v for v, _ in got] == [verdict]
    assert got[0][1] == places


def test_a_move_the_other_way_is_flagged():
    assert [v for v, _ in rank_checks("وتقدمت المملكة من المركز 15 إلى المركز 19 عالميا")] == ["inconsistent"]
    assert [v for v, _ in rank_checks("وتقدمت المملكة من المركز 19 إلى المركز 15 عالميا")] == ["consistent"]


def test_the_place_taken_told_a_sentence_before_is_an_inferred_link():
    text = ("جاء الأردن في المرتبة 40 عالميا في المؤشر. وبذلك تراجع الأردن من المرتبة 31 عالميا، أي أنه خسر {n} مراتب.")
    ok = rank_checks(text.format(n=9), country="JOR")
    bad = rank_checks(text.format(n=7), country="JOR")
    assert ok == [("consistent", [9, 31, 40])]
    assert bad[0][0] == "unverifiable"  # across sentences: never called inconsistent


def test_two_names_in_one_sentence_are_not_mixed():
    text = "وتقدمت قطر 5 مراكز لتحتل المركز 17 عالميا، فيما تراجعت البحرين من المركز 23 إلى 29 عالميا"
    got = rank_checks(text, country="QAT")
    assert got == [("consistent", [23, 29])]  # Qatar's earlier place is not told: no check pairs 5 with 23


def test_places_of_two_leagues_are_not_compared():
    text = "وتقدمت البلاد إلى المرتبة 21 عالميا بعد أن كانت في المرتبة الرابعة عربيا"
    assert rank_checks(text) == []


def test_two_moves_the_other_way_in_one_stretch_are_not_read():
    text = "وتقدمت البلاد في المؤشر الفرعي وتراجعت في المؤشر العام من المرتبة 30 إلى المرتبة 33 عالميا"
    assert rank_checks(text) == []


def test_ranks_are_never_operands_of_quantity_checks():
    text = "وحلت المنصة في المرتبة 12 بين 40 منصة حكومية، وفي المرتبة 3 عربيا بعدد 52 مستخدم"
    facts, claims, _ = run(text)
    ranks = set(facts[facts.kind == "rank"].fact_id)
    used = {i for ids in claims.fact_ids for i in ids.split(";")}
    assert ranks and not (used & ranks)


@pytest.mark.parametrize("text, places", [
    # the place left after مقابل
    ("وارتقت البلاد إلى المركز 14 عالميا مقابل المركز 20 في الدورة السابقة، بتقدم 6 مراكز", [6, 14, 20]),
    # the place left named as earlier before its noun ("ترتيبها السابق في …")
    ("وحلت البلاد في المركز الـ61 عالميا، متراجعة بـ 3 مراكز عن ترتيبها السابق في المركز 58", [3, 58, 61]),
    # … or after it ("… في النسخة السابقة")
    ("وتقدمت البلاد 5 مراتب إلى المرتبة 40، وكانت قد حلت في المرتبة 45 في النسخة السابقة", [5, 40, 45]),
])
def test_the_place_left_is_read_in_other_phrasings(text, places):
    assert rank_checks(text) == [("consistent", places)]


def test_places_told_in_another_clause_are_never_called_inconsistent():
    text = "وتقدمت البلاد {n} مراتب في المؤشر الفرعي، وحلت في المرتبة 20 بعد أن كانت في المرتبة 22"
    assert [v for v, _ in rank_checks(text.format(n=5))] == ["unverifiable"]  # the 5 places may be the sub-index's
    assert [v for v, _ in rank_checks(text.format(n=2))] == ["consistent"]


def test_a_number_of_places_is_no_level_of_a_quantity():
    text = ("وبلغ عدد الهويات المفعلة 1.4 مليون هوية بنهاية العام الماضي.\n"
            "وتقدمت البلاد في المؤشر إلى المرتبة 60 عالميا، بعد أن كانت في المرتبة 72، متقدمة 12 مرتبة.")
    facts, claims, checks = run(text)
    places = set(facts[facts.measure == "rank_places"].fact_id)
    assert len(places) == 1
    assert all(k == "rank_change" for k, ids in zip(claims.kind, claims.fact_ids) if places & set(ids.split(";")))
    assert [v for v, _ in rank_checks(text)] == ["consistent"]
