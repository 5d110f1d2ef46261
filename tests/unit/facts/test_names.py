"""Names of bodies and platforms the lexicon does not know, on sentences written for these tests."""

import pytest

from arqam.facts.document import Document
from arqam.facts.names import UNKNOWN, find_names
from arqam.numbers import find_numbers


def names(text):
    doc = Document(text, {})
    doc.figure_ends = {doc.from_raw(m.end) for m in find_numbers(text)}
    return [(n.text, n.scope, n.referent.text) for n in find_names(doc)]


def texts(text):
    return [t for t, _, _ in names(text)]


@pytest.mark.parametrize(
    "text, name",
    [
        # head + definite genitive chain with ل / و links
        ("أعلنت الهيئة الوطنية للتوثيق والأرشفة الرقمية أمس عن أرقام جديدة", "الهيئة الوطنية للتوثيق والأرشفة الرقمية"),
        ("أطلق مركز الدفع والتحصيل الموحد لوزارة المالية خدمة جديدة", "مركز الدفع والتحصيل الموحد لوزارة المالية"),
        ("قالت هيئة تنظيم قطاع البريد إن الطلبات ارتفعت", "هيئة تنظيم قطاع البريد"),
        # a quoted or Latin-script name closes the name
        ('سجلت منصة "رخصتي" نموا كبيرا', 'منصة "رخصتي"'),
        ("أتاحت البوابة الإلكترونية «خدماتي.كم» عشرات الخدمات", "البوابة الإلكترونية «خدماتي.كم»"),
        ("وتقدم بوابة Gov.example أكثر من مئة خدمة", "بوابة Gov.example"),
        # an unquoted proper noun after a platform head
        ("وبحسب تطبيق درب فقد زاد عدد المستخدمين", "تطبيق درب"),
        ("سجلت منصة تيسير مصر الرقمية أرقاما قياسية", "منصة تيسير"),
    ],
)
def test_unknown_names_end_where_the_name_ends(text, name):
    assert name in texts(text)


@pytest.mark.parametrize(
    "text",
    [
        "أنجزت الوزارة 350 خدمة إلكترونية",  # the counted noun after a figure is not a name
        "وتم تطبيق إجراءات صارمة على المعاملات",  # a verbal noun after تم
        "أطلقت الحكومة منصة رقمية موحدة للخدمات",  # adjectives agreeing with the head, not a name
        "يعمل نظام متكامل لربط الجهات",  # a masculine head and its participle
        "وقالت إن مشروع كبير سيبدأ العام المقبل",  # a programme head needs a definite genitive
        "أعلنت المنصة عن أرقامها",  # a bare head is an anaphor
    ],
)
def test_not_names(text):
    assert all(s == "country" for _, s, _ in names(text)), names(text)


def test_the_chain_stops_at_verbs_adverbs_and_time_words():
    assert "البنك المركزي" in texts("وأعلن البنك المركزي كالمعتاد أرقامه")
    assert "الهيئة العامة للإحصاء" in texts("نشرت الهيئة العامة للإحصاء اليوم بياناتها")
    assert "الهيئة العامة للإحصاء" in texts("الهيئة العامة للإحصاء أكدت أن العدد ارتفع")


def test_scope_comes_from_the_head():
    got = {t: s for t, s, _ in names("أعلنت وزارة التحول الرقمي أن تطبيق درب وبرنامج الحكومة الذكية حققا نتائج")}
    assert got["وزارة التحول الرقمي"] == "ministry"
    assert got["تطبيق درب"] == "platform"
    assert got["برنامج الحكومة الذكية"] == "programme"


def test_a_description_refers_back_to_the_name_it_describes():
    got = names("أطلقت الوزارة منظومة الدفع والتحصيل الموحدة. وسجلت المنظومة المتطورة أرقاما جديدة")
    assert ("المنظومة المتطورة", "platform", "منظومة الدفع والتحصيل الموحدة") in got


def test_lexicon_entities_keep_their_ids():
    doc = Document("سجلت منصة أبشر 5 ملايين عملية", {})
    found = find_names(doc)
    assert found[0].ent is not UNKNOWN and found[0].ent.entity_id == "sau.moi.absher"


def test_a_currency_adjective_is_not_a_country_named():
    got = names("بلغت قيمة الفواتير 140 مليار ليرة سورية في سورية")
    assert [t for t, s, _ in got if s == "country"] == ["سورية"]
    assert len([1 for _, s, _ in got if s == "country"]) == 1


def test_a_title_ends_a_body_name_and_a_coordinated_head_starts_a_new_name():
    got = texts("وقال مدير الإدارة العامة للجوازات العميد سالم إن بوابة الخدمات العامة وبوابة الصفقات العمومية تعملان")
    assert "الإدارة العامة للجوازات" in got
    assert "بوابة الخدمات العامة" in got and "بوابة الصفقات العمومية" in got


def test_a_head_with_the_article_in_lam_is_definite():
    got = names("أطلقت الحكومة البوابة الرسمية للخدمات. وارتفع عدد زوار للبوابة الرسمية")
    assert ("بوابة الرسمية", "platform", "البوابة الرسمية للخدمات") in got


def test_a_country_after_a_head_is_part_of_its_name_not_joined_to_it():
    got = names("أعلن بريد تونس عن أرقامه")
    assert ("بريد تونس", "agency", "بريد تونس") in got


def test_a_figure_that_is_part_of_a_platform_s_name_is_no_fact():
    from arqam import extract_facts

    df = extract_facts("وسجل تطبيق مطراش2 وتطبيق مطراش 2 معا 900 ألف معاملة", "t", {"country_iso3": "QAT"})
    assert df.value.tolist() == [900000.0]
