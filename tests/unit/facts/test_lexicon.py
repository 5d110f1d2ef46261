"""The names lexicon (data/entities.csv, data/country_names.csv) and its loaders, on sentences written for these tests."""

import csv
import shutil

import pandas as pd
import pytest

from arqam import extract_facts
from arqam import lexicon as lx
from arqam.normalize import normalize_word

SCOPES = {"ministry", "agency", "platform", "service", "programme", "whole_government"}
QUOTE_CHARS = set("\"'\u201c\u201d\u00ab\u00bb")
NOT_IMPLYING = {"egy.mof.gps", "mar.cnie"}  # a descriptive name another state could use
# explicit rows per state (the generic rows and the country forms come on top)
MIN_ROWS = {
    "SAU": 15, "ARE": 15, "QAT": 15, "KWT": 15, "BHR": 15, "OMN": 15, "YEM": 10,
    "IRQ": 15, "JOR": 15, "SYR": 15, "LBN": 15, "PSE": 10, "EGY": 15,
    "SDN": 12, "LBY": 12, "TUN": 12, "DZA": 12, "MAR": 15, "MRT": 8, "SOM": 5, "DJI": 5, "COM": 4,
}


def rows():
    with open(lx.DATA_DIR / "entities.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def ent(phrase):
    return lx.entities()[lx.phrase_key(normalize_word(phrase))]


def subject_id(text, country=None):
    df = extract_facts(text, "t", {"country_iso3": country} if country else {})
    assert len(df) == 1, df[["quote_ar", "subject_ar"]]
    v = df.subject_id.iloc[0]
    return None if pd.isna(v) else v


# --- entities.csv -------------------------------------------------------------------------


def test_rows_are_well_formed():
    rs = rows()
    ids = [r["entity_id"] for r in rs]
    assert len(ids) == len(set(ids)), "an entity_id is listed twice"
    known = set(ids)
    for r in rs:
        assert r["scope"] in SCOPES, r
        assert r["implies_country"] in ("true", "false"), r
        assert r["country_iso3"] in lx.ARAB_LEAGUE or r["country_iso3"] == "*", r
        assert (r["country_iso3"] == "*") == ("{iso3}" in r["entity_id"]), r
        assert r["country_iso3"] == "*" or r["entity_id"].startswith(r["country_iso3"].lower() + "."), r
        assert not r["parent_id"] or r["parent_id"] in known, r
        assert r["label_en"].strip() and "," not in r["label_en"], r
        variants = r["variants_ar"].split("|")
        assert all(v.strip() == v and v for v in variants), r
        assert not QUOTE_CHARS & set(r["variants_ar"]), f"quotes are the matcher's job: {r['entity_id']}"


def test_every_arab_league_state_has_rows():
    by_country = lx.entities_by_country()
    for iso3, n in MIN_ROWS.items():
        explicit = [e for e in by_country.get(iso3, []) if e.entity_id in {r["entity_id"] for r in rows()}]
        assert len(explicit) >= n, (iso3, len(explicit))
    for iso3 in lx.ARAB_LEAGUE:
        # every state at least gets its ministries through the country forms
        assert ent(f"وزارة الداخلية {lx.country_rows()[iso3].adjectives[0]}").country_iso3 == iso3


def test_no_variant_names_two_entities(tmp_path, monkeypatch):
    lx.entities()  # the shipped file loads
    shutil.copy(lx.DATA_DIR / "country_names.csv", tmp_path)
    with open(lx.DATA_DIR / "entities.csv", encoding="utf-8") as fh:
        text = fh.read()
    (tmp_path / "entities.csv").write_text(text + "kwt.dup,Duplicate,KWT,platform,,true,تطبيق سهل\n", encoding="utf-8")
    monkeypatch.setattr(lx, "DATA_DIR", tmp_path)
    for f in (lx.entities, lx.country_rows):
        f.cache_clear()
    try:
        with pytest.raises(ValueError, match="names both"):
            lx.entities()
    finally:
        monkeypatch.undo()
        for f in (lx.entities, lx.country_rows):
            f.cache_clear()


@pytest.mark.parametrize(
    "phrase, entity_id, country",
    [
        ("تطبيق سهل", "kwt.sahel", "KWT"),
        ("الهيئة العامة للمعلومات المدنية", "kwt.paci", "KWT"),
        ("يو إيه إي باس", "are.uaepass", "ARE"),
        ("UAE PASS", "are.uaepass", "ARE"),
        ("منصة تم", "are.ad.tamm", "ARE"),
        ("دبي الآن", "are.dxb.dubai_now", "ARE"),
        ("البوابة الرسمية لحكومة الإمارات", "are.uae_portal", "ARE"),
        ("الهيئة الاتحادية للهوية والجنسية والجمارك وأمن المنافذ", "are.icp", "ARE"),
        ("هيئة تنظيم الاتصالات والحكومة الرقمية", "are.tdra", "ARE"),
        ("بوابة حكومي", "qat.hukoomi", "QAT"),
        ("مطراش", "qat.moi.metrash", "QAT"),
        ("هيئة المعلومات والحكومة الإلكترونية", "bhr.iga", "BHR"),
        ("نظام سجلات", "bhr.moic.sijilat", "BHR"),
        ("برنامج التحول الرقمي الحكومي تحول", "omn.tahawul", "OMN"),
        ("وزارة النقل والاتصالات وتقنية المعلومات", "omn.mtcit", "OMN"),
        ("بوابة ناجز", "sau.moj.najiz", "SAU"),
        ("منصة إحسان", "sau.sdaia.ehsan", "SAU"),
        ("منصة اعتماد", "sau.mof.etimad", "SAU"),
        ("مصلحة الأحوال المدنية والسجل المدني", "yem.moi.civil_registry", "YEM"),
        ("بوابة أور", "irq.ur", "IRQ"),
        ("البطاقة الوطنية الموحدة", "irq.moi.unified_card", "IRQ"),
        ("كي كارد", "irq.qicard", "IRQ"),
        ("تطبيق سند", "jor.sanad", "JOR"),
        ("إي فواتيركم", "jor.efawateercom", "JOR"),
        ("الشركة الأردنية لأنظمة الدفع والتقاص", "jor.jopacc", "JOR"),
        ("الشركة السورية للمدفوعات الإلكترونية", "syr.sep", "SYR"),
        ("مصرف سورية المركزي", "syr.cb", "SYR"),
        ("وزارة الاتصالات والتقانة", "syr.mcit", "SYR"),
        ("مكتب وزير الدولة لشؤون التنمية الإدارية", "lbn.omsar", "LBN"),
        ("ليبان بوست", "lbn.libanpost", "LBN"),
        ("سلطة النقد الفلسطينية", "pse.pma", "PSE"),
        ("الجهاز المركزي للإحصاء الفلسطيني", "pse.stats", "PSE"),
        ("منصة مصر الرقمية", "egy.digital_egypt", "EGY"),
        ("منظومة الدفع والتحصيل الإلكتروني", "egy.mof.gps", "EGY"),
        ("إنستاباي", "egy.instapay", "EGY"),
        ("الجهاز المركزي للتعبئة العامة والإحصاء", "egy.stats", "EGY"),
        ("بنك السودان المركزي", "sdn.cb", "SDN"),
        ("تطبيق بنكك", "sdn.bankak", "SDN"),
        ("مصرف ليبيا المركزي", "lby.cb", "LBY"),
        ("مصلحة الأحوال المدنية الليبية", "lby.moi.civil", "LBY"),
        ("الهوية الرقمية على الهاتف الجوال", "tun.mobile_id", "TUN"),
        ("الوكالة الوطنية للمصادقة الإلكترونية", "tun.tuntrust", "TUN"),
        ("بريدي موب", "dza.post.baridimob", "DZA"),
        ("بطاقة إيدهابية", "dza.post.edahabia", "DZA"),
        ("بريد الجزائر", "dza.post", "DZA"),
        ("البوابة الوطنية للشكايات", "mar.chikaya", "MAR"),
        ("بوابة إدارتي", "mar.idarati", "MAR"),
        ("خدمة وثيقة", "mar.watiqa", "MAR"),
        ("وكالة التنمية الرقمية", "mar.add", "MAR"),
        ("الوكالة الوطنية لسجل السكان والوثائق المؤمنة", "mrt.anrpts", "MRT"),
        ("الهيئة الوطنية للهوية والتسجيل", "som.nira", "SOM"),
        ("وزارة الاقتصاد الرقمي والابتكار", "dji.mcit", "DJI"),
        ("البنك المركزي القمري", "com.cb", "COM"),
    ],
)
def test_national_names(phrase, entity_id, country):
    e = ent(phrase)
    assert (e.entity_id, e.country_iso3) == (entity_id, country)
    assert e.implies_country or entity_id in NOT_IMPLYING


def test_latin_forms_in_any_common_case():
    for form in ("UAE PASS", "UAE Pass", "uae pass", "Uae Pass"):
        assert ent(form).entity_id == "are.uaepass", form
    assert ent("BARIDIMOB").entity_id == ent("baridimob").entity_id == "dza.post.baridimob"


def test_ل_form_of_a_definite_variant():
    assert ent("للهيئة العامة للمعلومات المدنية").entity_id == "kwt.paci"


def test_common_words_are_not_names_alone():
    table = lx.entities()
    # سهل "easy", تم "was done", سجلات "records", حكومي "governmental", تحول "change"
    for word in ("سهل", "تم", "سجلات", "حكومي", "تحول", "سند", "قوى", "مدى", "فوري", "ميزة"):
        assert normalize_word(word) not in table, word


def test_phrases_any_state_uses_imply_no_country():
    table = lx.entities()
    for phrase in (
        "التعاملات الإلكترونية الحكومية", "الدينار الإلكتروني", "وزارة المالية الاتحادية", "الحكومة الاتحادية",
        "هيئة تنظيم الاتصالات", "الحكومة الإلكترونية", "الهوية الرقمية", "البوابة الحكومية", "هيئة الاستثمار",
    ):
        e = table.get(lx.phrase_key(normalize_word(phrase)))
        assert e is None or not e.implies_country, (phrase, e)


def test_the_longest_name_wins_in_text():
    from arqam.facts.document import Document
    from arqam.facts.names import find_names

    doc = Document("وأعلن بنك الجزائر الخارجي عن نتائجه، وقال بنك الجزائر إن السيولة تحسنت", {})
    doc.figure_ends = set()
    ids = [n.ent.entity_id for n in find_names(doc) if n.ent.entity_id]
    assert ids == ["dza.bea", "dza.cb"]


def test_names_shared_by_several_states_are_generic():
    # one ministry name, several states: the article's country decides
    for phrase in ("وزارة الاتصالات وتكنولوجيا المعلومات", "المديرية العامة للأمن العام", "الجهاز المركزي للإحصاء", "البنك المركزي"):
        assert ent(phrase).country_iso3 == "*", phrase


# --- country forms of the generic rows ------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, entity_id",
    [
        ("وزارة الصحة الكويتية", "kwt.moh"),
        ("الداخلية المصرية", "egy.moi"),
        ("البنك المركزي العراقي", "irq.cb"),
        ("الأمن العام اللبناني", "lbn.moi.public_security"),
        ("وزارة العدل المغربية", "mar.moj"),
        ("البنك المركزي القمري", "com.cb"),
    ],
)
def test_country_forms(phrase, entity_id):
    e = ent(phrase)
    assert e.entity_id == entity_id and e.implies_country and e.country_iso3 == entity_id[:3].upper()


def test_country_form_takes_the_country_row_label():
    assert ent("وزارة الداخلية السعودية").label_en == "Ministry of Interior (Saudi Arabia)"
    e = ent("وزارة المالية الجيبوتية")
    assert (e.label_en, e.parent_id) == ("Ministry of Finance (Djibouti)", "")
    assert ent("المرور الكويتي").parent_id == "kwt.moi"


def test_seed_subjects_keep_their_ids():
    # the Saudi rows whose generic words moved to rows every country shares keep the same ids in Saudi articles
    for phrase, eid in [
        ("المديرية العامة للجوازات", "sau.moi.jawazat"),
        ("الجوازات", "{iso3}.moi.jawazat"),
        ("الإدارة العامة للمرور", "{iso3}.moi.traffic"),
        ("المديرية العامة للأمن العام", "{iso3}.moi.public_security"),
        ("وكالة وزارة الداخلية للأحوال المدنية", "sau.moi.civil_affairs"),
    ]:
        assert ent(phrase).entity_id.replace("{iso3}", "sau") == eid.replace("{iso3}", "sau"), phrase


# --- country_names.csv ----------------------------------------------------------------------


def test_every_state_has_its_names():
    cr = lx.country_rows()
    assert set(cr) == set(lx.ARAB_LEAGUE)
    for c in cr.values():
        assert c.names and c.demonyms and c.capitals, c.iso3
        assert c.adjectives, c.iso3


@pytest.mark.parametrize(
    "form, iso3",
    [
        ("المملكة العربية السعودية", "SAU"),
        ("سلطنة عمان", "OMN"),
        ("السلطنة", "OMN"),
        ("دولة الإمارات العربية المتحدة", "ARE"),
        ("الإمارات", "ARE"),
        ("جمهورية مصر العربية", "EGY"),
        ("للكويت", "KWT"),
        ("جزر القمر", "COM"),
        ("المغرب", "MAR"),
    ],
)
def test_country_names(form, iso3):
    assert lx.country_names()[normalize_word(form)] == iso3


def test_adjectives_demonyms_capitals():
    assert lx.country_adjectives()[normalize_word("الإماراتية")] == "ARE"
    assert lx.country_adjectives()[normalize_word("المغربي")] == "MAR"
    assert lx.country_demonyms()[normalize_word("العراقيين")] == "IRQ"
    assert lx.country_demonyms()[normalize_word("المغاربة")] == "MAR"
    assert lx.country_capitals()[normalize_word("الدوحة")] == "QAT"


def test_ambiguous_forms_need_context():
    amb = lx.ambiguous_country_forms()
    assert amb[normalize_word("عمان")] == ("JOR", "OMN")  # Oman, or Amman
    assert amb[normalize_word("المملكة")] == ("BHR", "JOR", "MAR", "SAU")
    assert amb[normalize_word("طرابلس")] == ("LBN", "LBY")
    assert normalize_word("القمرية") in amb  # also "lunar" (السنة القمرية)
    for form in amb:
        assert form not in lx.country_names() and form not in lx.country_adjectives() and form not in lx.country_capitals()


# --- through extract_facts: sentences in the style of each region's press ---------------------


@pytest.mark.parametrize(
    "text, country, expected",
    [
        ("أعلنت الهيئة العامة للمعلومات المدنية في الكويت عن إصدار 300 ألف بطاقة مدنية", "KWT", "kwt.paci"),
        ("أعلنت الهيئة العامة للمعلومات المدنية في الكويت عن إصدار 300 ألف بطاقة مدنية", None, "kwt.paci"),
        ('وسجل تطبيق "سهل" الحكومي أكثر من 2.5 مليون مستخدم منذ إطلاقه', "KWT", "kwt.sahel"),
        ("وتجاوز عدد مستخدمي تطبيق يو إيه إي باس 7 ملايين مستخدم", None, "are.uaepass"),
        ("قدمت منصة «تم» أكثر من 3 ملايين خدمة للمتعاملين خلال العام الماضي", "ARE", "are.ad.tamm"),
        ("سجل تطبيق مطراش 1.5 مليون معاملة إلكترونية في 2023", None, "qat.moi.metrash"),
        ('وأصدر نظام "سجلات" 12 ألف سجل تجاري جديد خلال الربع الأول', "BHR", "bhr.moic.sijilat"),
        ('وبلغت نسبة الخدمات المرقمنة ضمن برنامج التحول الرقمي الحكومي "تحول" 65%', "OMN", "omn.tahawul"),
        ("واستقبلت بوابة ناجز 4 ملايين طلب إلكتروني خلال الربع الثالث", "SAU", "sau.moj.najiz"),
        ("وأصدرت مصلحة الأحوال المدنية والسجل المدني 120 ألف بطاقة شخصية", None, "yem.moi.civil_registry"),
        ("ونفذت وزارة الداخلية البحرينية 900 ألف معاملة إلكترونية", None, "bhr.moi"),
        ("وأنجزت وزارة الصحة 2 مليون موعد عبر الإنترنت", "OMN", "omn.moh"),
        ("وأعلنت مديرية البطاقة الوطنية عن إصدار 1.2 مليون بطاقة خلال الشهر الماضي", None, "irq.moi.national_card"),
        ("وبلغت قيمة الدفعات المنفذة عبر نظام إي فواتيركم 900 مليون دينار في 2023", "JOR", "jor.efawateercom"),
        ("وسجل تطبيق سند 1.1 مليون هوية رقمية مفعلة", None, "jor.sanad"),
        ("وأعلن مصرف سورية المركزي أن عدد عمليات الدفع الإلكتروني بلغ 3 ملايين عملية", None, "syr.cb"),
        ("وقالت وزارة الاتصالات والتقانة إن 250 ألف مشترك جديد انضموا إلى خدمة الإنترنت", None, "syr.mcit"),
        ("أصدرت المديرية العامة للأمن العام 400 ألف جواز سفر بيومتري", "LBN", "lbn.moi.public_security"),
        ("وبحسب سلطة النقد الفلسطينية ارتفع عدد المحافظ الإلكترونية إلى 700 ألف محفظة", None, "pse.pma"),
        ("وسجلت منصة مصر الرقمية 8 ملايين مستخدم", None, "egy.digital_egypt"),
        ("وتجاوز عدد مستخدمي تطبيق إنستاباي 10 ملايين مستخدم", None, "egy.instapay"),
        ("وأوضح بنك السودان المركزي أن المعاملات عبر تطبيق بنكك بلغت 40 مليون معاملة", None, "sdn.bankak"),
        ("وكشف مصرف ليبيا المركزي أن قيمة المدفوعات الإلكترونية بلغت 12 مليار دينار", None, "lby.cb"),
        ("وبلغ عدد المنخرطين في خدمة الهوية الرقمية على الهاتف الجوال 150 ألف مواطن", "TUN", "tun.mobile_id"),
        ("وأعلن بريد الجزائر أن تطبيق بريدي موب استقطب 6 ملايين مستخدم", None, "dza.post.baridimob"),
        ("وتلقت البوابة الوطنية للشكايات 95 ألف شكاية خلال السنة الماضية", None, "mar.chikaya"),
        ("وأصدرت الوكالة الوطنية لسجل السكان والوثائق المؤمنة 300 ألف بطاقة تعريف", None, "mrt.anrpts"),
        ("وسجلت الهيئة الوطنية للهوية والتسجيل 500 ألف مواطن في السجل الوطني", None, "som.nira"),
    ],
)
def test_subject_ids_in_press_sentences(text, country, expected):
    assert subject_id(text, country) == expected
