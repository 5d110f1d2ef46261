"""Claims found in sentences written for them (each phrasing of issue 10), holding and not holding, and how they are rechecked."""

import pandas as pd
import pytest

from arqam import extract_facts
from arqam.audit import audit
from arqam.claims import CLAIM_COLUMNS, CLAIM_KINDS, extract_claims


def run(text, country="JOR", published="2024-06-30"):
    facts = extract_facts(text, "t", {"country_iso3": country, "published": published})
    return facts, extract_claims(facts, text), audit(facts, texts=text)


def verdicts(text, rule, **kw):
    _, _, checks = run(text, **kw)
    return checks[checks.rule == rule].verdict.tolist()


def explanations(text, rule):
    _, _, checks = run(text)
    return checks[checks.rule == rule].explanation_en.tolist()


def values(checks, facts, rule):
    """The operand values of each check of a rule, as sorted tuples."""
    val = dict(zip(facts.fact_id, facts.value))
    return [tuple(sorted(val[i] for i in ids.split(";"))) for ids in checks[checks.rule == rule].fact_ids]


# ---------------------------------------------------------------------------
# Totals and parts

SPLIT = "وأصدرت الدائرة خلال العام الماضي {t} شهادة إلكترونية، توزعت بين {a} شهادة ميلاد و{b} شهادة وفاة."


def test_split_adds_up_or_is_flagged():
    assert verdicts(SPLIT.format(t="12,000", a="9,000", b="3,000"), "sum") == ["consistent"]
    assert verdicts(SPLIT.format(t="12,000", a="9,000", b="2,000"), "sum") == ["inconsistent"]


def test_split_claim_row():
    facts, claims, _ = run(SPLIT.format(t="12,000", a="9,000", b="3,000"))
    (row,) = claims[claims.kind == "sum"].to_dict("records")
    assert row["link"] == "stated" and row["is_exhaustive"]
    assert row["roles"] == "total;part;part"
    assert row["cue_ar"] == "توزعت"
    assert row["quote_ar"].startswith("وأصدرت الدائرة")
    assert list(claims.columns) == CLAIM_COLUMNS and set(claims.kind) <= set(CLAIM_KINDS)


SPLIT_REST = "وأصدرت الدائرة خلال العام الماضي 12,000 شهادة إلكترونية، توزعت {lead}6,000 شهادة ميلاد و{b} شهادة وفاة{rest}."


@pytest.mark.parametrize("lead,rest", [
    ("بين ", " وغيرها من الشهادات"),
    ("بين ", "، إضافة إلى شهادات أخرى"),
    ("بين ", " وشهادات الزواج والطلاق"),
    ("على عدة أنواع أبرزها ", ""),
])
def test_a_split_that_leaves_a_rest_is_some_parts(lead, rest):
    text = SPLIT_REST.format(lead=lead, b="3,000", rest=rest)
    assert verdicts(text, "sum") == []
    # 9 000 of 12 000, the rest not told: whether the list accounts for the whole cannot be checked
    assert verdicts(text, "part_of") == ["unverifiable"]
    assert "add to 9,000 of" in explanations(text, "part_of")[0]
    assert "inconsistent" in verdicts(SPLIT_REST.format(lead=lead, b="7,000", rest=rest), "part_of")  # still at most the whole


def test_a_split_whose_last_part_is_the_rest_adds_up():
    text = SPLIT_REST.format(lead="بين ", b="3,000", rest=" و{c} شهادات أخرى")
    assert verdicts(text.replace("{c}", "3,000"), "sum") == ["consistent"]
    assert verdicts(text.replace("{c}", "1,000"), "sum") == ["inconsistent"]


MINHA = "سجلت البوابة الحكومية {t} معاملة خلال الربع الأول، منها {a} معاملة عبر التطبيق و{b} معاملة عبر الموقع."


def test_minha_parts_within_or_beyond_their_total():
    assert verdicts(MINHA.format(t="5 ملايين", a="2 مليون", b="1.5 مليون"), "part_of") == ["consistent"]
    assert verdicts(MINHA.format(t="5,000,000", a="4,000,000", b="2,000,000"), "part_of") == ["inconsistent"]
    # written in millions, each figure admits half a million either way: 4 + 2 may be 5.5 at most
    assert verdicts(MINHA.format(t="5 ملايين", a="4 ملايين", b="2 مليون"), "part_of") == ["consistent"]


def test_min_bayniha_is_a_partial_list():
    text = "أنجزت الهيئة 800 ألف خدمة إلكترونية، من بينها 300 ألف خدمة لتجديد الرخص و200 ألف خدمة لإصدار الشهادات."
    assert verdicts(text, "part_of") == ["consistent"]  # 500 000 of 800 000: a partial list need not add up


def test_partial_cues_never_require_the_parts_to_add_up():
    text = "استقبلت المنصة 90 ألف طلب، أبرزها 30 ألف طلب لتجديد الجوازات و20 ألف طلب لإصدار الهويات."
    assert verdicts(text, "part_of") == ["unverifiable"]  # a selection: the shortfall is stated, never an error
    (why,) = explanations(text, "part_of")
    assert "add to 50,000 of the whole 90,000" in why and "does not say the list is complete" in why
    assert verdicts(text, "sum") == []


def test_a_list_of_some_parts_short_of_its_whole_says_so():
    # "منها" lists some parts: they stay within the whole (consistent), and the explanation says what they leave out
    text = "استقبلت المنصة 90 ألف طلب، منها 30 ألف طلب لتجديد الجوازات و20 ألف طلب لإصدار الهويات."
    assert verdicts(text, "part_of") == ["consistent"]
    assert "add to 50,000 of 90,000" in explanations(text, "part_of")[0]


def test_parts_that_cover_the_total_period_add_up():
    text = ("منحت البلدية خلال عام 2022 ما مجموعه 860,000 شهادة، منها 410,000 شهادة في النصف الأول "
            "و390,000 شهادة في النصف الثاني.")
    assert verdicts(text, "sum") == ["inconsistent"]  # 800 000, not 860 000
    assert verdicts(text.replace("390,000", "450,000"), "sum") == ["consistent"]


def test_rate_split_with_bawaqi():
    text = "بلغ عدد المستفيدين 10,000 مستفيد، بواقع 6,000 مستفيد من الذكور و4,000 مستفيد من الإناث."
    assert verdicts(text, "sum") == ["consistent"]
    assert verdicts(text.replace("4,000", "3,000"), "sum") == ["inconsistent"]
    # "بواقع" before a single amount is a rate of the total, not a split
    assert verdicts("ساعات العمل 40 ساعة بواقع 8 ساعات يوميا.", "sum") == []


def test_list_lines_closed_by_a_total_line():
    table = "مدفوعات بالبطاقات 12.3 مليار دينار\nمدفوعات عبر التطبيقات 30 مليار دينار\nمدفوعات نقدية 7.7 مليار دينار\nإجمالي المدفوعات {t} مليار دينار\n"
    assert verdicts(table.format(t="50"), "sum") == ["consistent"]
    assert verdicts(table.format(t="60"), "sum") == ["inconsistent"]


def test_total_after_its_parts():
    text = "سجلت المنصة 300 ألف زيارة خلال الربع الأول و150 ألف زيارة خلال الربع الثاني، ليصل بذلك إجمالي الزيارات خلال النصف الأول إلى {t} ألف زيارة."
    rule = lambda checks: checks[(checks.rule == "part_of") & (checks.fact_ids.str.count(";") == 2)].verdict.tolist()  # noqa: E731
    assert rule(run(text.format(t="700"))[2]) == ["consistent"]
    assert rule(run(text.format(t="400"))[2]) == ["inconsistent"]


def test_amounts_beyond_a_total_whose_figures_were_not_all_read_are_unverifiable():
    # the amounts of each month carry no measure of their own: beyond the total, they are not an error found
    text = "تلقت المنصة تبرعات بقيمة 300 مليون ريال خلال رمضان و150 مليون ريال خلال شوال، ليصل بذلك إجمالي التبرعات إلى {t} مليون ريال."
    assert verdicts(text.format(t="700"), "part_of") == ["consistent"]
    assert verdicts(text.format(t="400"), "part_of") == ["unverifiable"]
    assert "was not read" in explanations(text.format(t="400"), "part_of")[0]


def test_part_of_whole_and_the_rest_set_against_it():
    text = "تم تفعيل {a} حساب من أصل 50,000 حساب مسجل، مقابل {b} حساب لم يفعل بعد."
    assert verdicts(text.format(a="20,000", b="30,000"), "sum") == ["consistent"]
    assert verdicts(text.format(a="20,000", b="29,000"), "sum") == ["inconsistent"]
    assert verdicts("تم تفعيل 60,000 حساب من أصل 50,000 حساب مسجل.", "part_of") == ["inconsistent"]


def test_nasib_minha_is_a_part():
    text = "بلغت عمليات الإدارة العامة للمرور 2,000,000 عملية كان نصيب قسم الرخص منها {a} عملية."
    assert verdicts(text.format(a="1,500,000"), "part_of") == ["consistent"]
    assert verdicts(text.format(a="2,500,000"), "part_of") == ["inconsistent"]


def test_a_split_of_the_total_named_in_the_sentence_before():
    text = "سجلت المنصة الوطنية 10,000,000 عملية خلال يناير 2024.\nوقد توزعت العمليات بين 7,000,000 عملية للأفراد و{b} عملية للشركات."
    assert verdicts(text.format(b="3,000,000"), "sum") == ["consistent"]
    assert verdicts(text.format(b="2,000,000"), "sum") == ["inconsistent"]


def test_ranked_list_with_the_rest_set_against_it():
    text = ("تلقت الهيئة 100,000 بلاغ خلال السنة.\n"
            "وتصدرت بلاغات الطرق قائمة هذه البلاغات بواقع 50,000 بلاغ، تلتها بلاغات الإنارة بـ 30,000 بلاغ، مقابل {c} بلاغ عن النظافة.")
    assert "consistent" in verdicts(text.format(c="20,000"), "sum")
    assert "inconsistent" in verdicts(text.format(c="15,000"), "sum")
    # the first of a ranked list is its largest
    assert verdicts(text.format(c="20,000"), "majority") == ["consistent"]


def test_the_first_places_of_a_ranking_are_some_parts_not_a_split():
    # "بواقع A، تلتها … B": a ranking names its first places; short of the total it is unverifiable, beyond it an error
    text = "وتلقت البلدية خلال عام 2023 ما مجموعه {t} شكوى، وتصدرت شكاوى النظافة القائمة بواقع 5,000 شكوى، تلتها شكاوى الإنارة بـ 3,000 شكوى."
    assert verdicts(text.format(t="10,000"), "sum") == []
    assert verdicts(text.format(t="10,000"), "part_of") == ["unverifiable"]
    assert "add to 8,000 of the whole 10,000" in explanations(text.format(t="10,000"), "part_of")[0]
    assert verdicts(text.format(t="7,000"), "part_of") == ["inconsistent"]


SPREAD = ("أتمت منصة الخدمات الموحدة أكثر من 60 مليون معاملة رقمية في سنة 2023.\n"
          "وسجلت المديرية العامة للجوازات وحدها {a} مليون معاملة رقمية في سنة 2023، شملت تجديد الجوازات.\n"
          "وفي السياق ذاته نفذت وكالة الأحوال المدنية 18 مليون معاملة رقمية في سنة {y}.\n"
          "أما الأمن العام فقد أتم 14 مليون معاملة رقمية في سنة 2023، أغلبها لتجديد الرخص.")


def test_a_total_broken_down_body_by_body_across_sentences():
    # 25 + 18 + 14 = 57 of "more than 60": the text does not say the three bodies are all of it
    (row,) = run(SPREAD.format(a="25", y="2023"))[2].query("rule == 'part_of'").to_dict("records")
    assert row["verdict"] == "unverifiable" and row["fact_ids"].count(";") == 3
    assert "add to 57,000,000 of the whole more than 60,000,000" in row["explanation_en"]
    # beyond the whole, the parts are tied only across sentences: unverifiable, never an error found
    _, _, checks = run(SPREAD.format(a="35", y="2023").replace("أكثر من 60", "60"))
    assert checks[checks.rule == "part_of"].verdict.tolist() == ["unverifiable"]
    assert "inconsistent" not in set(checks.verdict)


def test_counts_of_another_year_are_no_breakdown_of_the_total():
    # the middle sentence counts 2022: the run of bodies stops there, too short to be a breakdown
    _, claims, _ = run(SPREAD.format(a="25", y="2022"))
    assert "spread_list+selection" not in set(claims.rule)


def test_leading_a_list_with_less_than_the_next():
    text = "وتصدرت خدمات المرور قائمة الطلبات بعدد 20 ألف طلب، تلتها خدمات الجوازات بعدد 35 ألف طلب."
    assert verdicts(text, "majority") == ["inconsistent"]


def test_additions_across_sentences_are_inferred():
    text = ("وصل مجموع تنزيلات التطبيق إلى 900 ألف تنزيل.\n"
            "وسجل التطبيق 600 ألف تنزيل محلي، إلى جانب {b} ألف تنزيل إضافي من الخارج.")
    assert verdicts(text.format(b="300"), "sum") == ["consistent"]
    # the link between the sentences is inferred: a mismatch is unverifiable, never a false alarm
    assert verdicts(text.format(b="100"), "sum") == ["unverifiable"]


def test_exact_reconciliation_is_inferred():
    text = ("نفذت الهيئة 1,234,567 معاملة خلال العام.\n"
            "وسجلت البوابة 1,000,123 معاملة إلكترونية.\n"
            "كما سجلت المراكز {b} معاملة حضورية.")
    facts, claims, checks = run(text.format(b="234,444"))
    rows = claims[claims.rule == "reconcile"]
    assert rows.link.tolist() == ["inferred"]
    assert values(checks, facts, "sum") == [(234444.0, 1000123.0, 1234567.0)]
    # figures that do not add up exactly are no reconciliation: nothing is claimed
    facts, claims, _ = run(text.format(b="234,445"))
    assert "reconcile" not in set(claims.rule)


FEE_ACCOUNTS = ("انتقد مستخدمون رفع رسوم تجديد رخصة القيادة عبر البوابة من 15 إلى 45 دينارا.\n"
                "وأوضحت الدائرة أنها رفعت الرسم من 15 إلى 40 دينارا، وأن وزارة المالية تستوفي أيضا {c} دنانير طابعا على كل طلب.")


SERVICES = "وتضم المنصة 300 خدمة، منها {a} خدمة للأفراد و150 خدمة للأعمال و40 خدمة للجهات الحكومية{tail}"


@pytest.mark.parametrize("tail", ["، إذ تقدم بعض الخدمات لأكثر من فئة.", ". وتتداخل هذه الفئات في عدد من الخدمات."])
def test_parts_the_text_says_overlap_are_never_flagged(tail):
    assert verdicts(SERVICES.format(a="120", tail=tail), "part_of") == ["unverifiable"]
    assert verdicts(SERVICES.format(a="100", tail=tail), "part_of") == ["consistent"]


def test_parts_beyond_their_whole_without_a_word_of_overlap_are_flagged():
    text = "وقدمت المنصة خلال عام 2023 ما مجموعه 300 ألف خدمة، منها {a} ألف خدمة للأفراد و150 ألف خدمة للأعمال و40 ألف خدمة للجهات الحكومية{tail}"
    assert verdicts(text.format(a="120", tail="."), "part_of") == ["inconsistent"]
    assert verdicts(text.format(a="100", tail="."), "part_of") == ["consistent"]
    # a word that the parts overlap (بعضها، أكثر من خدمة) leaves the excess unverifiable
    assert verdicts(text.format(a="120", tail="، إذ يحصل بعضهم على أكثر من خدمة."), "part_of") == ["unverifiable"]
    # a count of services with no period (a stock): its parts may be counted at another date, so not an error found
    assert verdicts(SERVICES.format(a="120", tail="."), "part_of") == ["unverifiable"]
    assert "period of 300 was not read" in explanations(SERVICES.format(a="120", tail="."), "part_of")[0]


def test_shares_the_text_says_overlap_are_never_flagged():
    text = "وتوزعت المعاملات بين 50% عبر التطبيق و40% عبر الموقع و{c}% عبر المراكز، علما بأن بعض المعاملات تتم عبر أكثر من قناة."
    assert verdicts(text.format(c="20"), "sum") == ["unverifiable"]
    assert verdicts(text.format(c="10"), "sum") == ["consistent"]


BENEFICIARIES = "وبلغ عدد المستفيدين من البرنامج 1,500,000 مستفيد، منهم {a} في العاصمة{join}800,000 منهم من النساء."


@pytest.mark.parametrize("join", ["، مشيرا إلى أن ", " و"])
def test_a_figure_with_its_own_minhum_ends_the_list(join):
    # region and sex are two breakdowns of the whole: 900 000 + 800 000 beyond 1 500 000 is no error
    _, claims, checks = run(BENEFICIARIES.format(a="900,000", join=join))
    assert "inconsistent" not in set(checks.verdict)
    assert not any(c.count(";") >= 2 for c in claims[claims.kind.isin(["part_of", "sum"])].fact_ids)


def test_a_list_beyond_its_whole_is_still_flagged():
    text = "وبلغ عدد المستفيدين من البرنامج خلال عام 2023 نحو 1,500,000 مستفيد، منهم {a} في العاصمة و800,000 في المحافظات الأخرى."
    assert verdicts(text.format(a="900,000"), "part_of") == ["inconsistent"]
    assert verdicts(text.format(a="600,000"), "part_of") == ["consistent"]


def test_an_amount_added_on_top_reconciles_two_accounts():
    facts, claims, checks = run(FEE_ACCOUNTS.format(c="5"))
    rows = claims[claims.rule == "added_amount"]
    assert rows.link.tolist() == ["inferred"] and rows.roles.tolist() == ["total;part;part"]
    assert (45.0, 40.0, 5.0) in [tuple(sorted(x, reverse=True)) for x in values(checks, facts, "sum")]
    assert "inconsistent" not in checks.verdict.tolist()
    # an added amount that does not make the other account is no reconciliation: nothing is claimed
    _, claims, checks = run(FEE_ACCOUNTS.format(c="3"))
    assert "added_amount" not in set(claims.rule)
    assert "inconsistent" not in checks[checks.rule == "sum"].verdict.tolist()


def test_an_amount_without_a_word_adding_it_is_no_part():
    text = FEE_ACCOUNTS.format(c="5").replace("تستوفي أيضا", "تستوفي")
    _, claims, _ = run(text)
    assert "added_amount" not in set(claims.rule)


def test_a_count_over_a_quarter_is_part_of_the_year():
    text = "أنجزت المنصة 1,200,000 معاملة خلال عام 2023. وأنجزت المنصة {q} معاملة خلال الربع الأول من عام 2023."
    assert verdicts(text.format(q="300,000"), "part_of") == ["consistent"]
    # across sentences the tie is inferred: a quarter above its year is unverifiable, never a false alarm
    assert verdicts(text.format(q="1,300,000"), "part_of") == ["unverifiable"]


def test_a_stated_increase_is_no_count_over_both_years():
    # "بزيادة 100 ألف عن 2022" is a change between the years, not a whole holding the 2023 count
    _, claims, _ = run("وأصدرت الوزارة 500 ألف شهادة خلال 2023، بزيادة 100 ألف شهادة عن عام 2022.")
    assert not set(claims.kind) & {"part_of", "sum"}


def test_a_total_of_x_and_y_is_the_x_figure_plus_the_y_figure():
    text = ("أنجزت الهيئة 900 ألف طلب تسجيل ونقل خلال العام.\n"
            "وقامت الهيئة بتسجيل 400 ألف مركبة جديدة.\n"
            "فضلا عن نقل ملكية {b} ألف مركبة.")
    assert "consistent" in verdicts(text.format(b="500"), "sum")
    assert "inconsistent" not in verdicts(text.format(b="300"), "sum")


def test_a_headline_restating_the_total():
    text = ("التطبيق خدم نحو 3 ملايين مستخدم\n"
            "أعلنت الوزارة أن عدد مستخدمي التطبيق تجاوز 2,600,000 مستخدم، بواقع 2,200,000 مستخدم من المواطنين و480,000 مستخدم من المقيمين.")
    facts, claims, checks = run(text)
    assert (480000.0, 2200000.0, 3000000.0) in [tuple(sorted(v)) for v in values(checks, facts, "sum")]  # the headline's total
    assert set(checks[checks.rule == "sum"].verdict) <= {"consistent", "rounding"}


def test_counts_over_a_period_inside_another():
    text = ("بلغ عدد الشكاوى الواردة خلال النصف الأول من عام 2024 نحو 20 ألف شكوى.\n"
            "وبلغ عدد الشكاوى الواردة خلال الربع الأول من عام 2024 نحو {a} ألف شكوى.")
    assert verdicts(text.format(a="9"), "part_of") == ["consistent"]
    assert verdicts(text.format(a="25"), "part_of") == ["unverifiable"]  # inferred from the periods alone


# ---------------------------------------------------------------------------
# Growth, change and direction


def test_from_to_with_a_rate():
    text = "ارتفع عدد مستخدمي التطبيق من 2,000,000 مستخدم في عام 2022 إلى 2,500,000 مستخدم في عام 2023 بنسبة {p}%."
    assert verdicts(text.format(p="25"), "growth") == ["consistent"]
    assert verdicts(text.format(p="40"), "growth") == ["inconsistent"]
    # "2 مليون" admits 1.5 to 2.5 million (its written precision): 40% is then within reach
    loose = "ارتفع عدد مستخدمي التطبيق من 2 مليون مستخدم في عام 2022 إلى 2.5 مليون مستخدم في عام 2023 بنسبة 40%."
    assert verdicts(loose, "growth") == ["consistent"]


def test_from_to_with_an_absolute_increase():
    text = "ارتفع عدد الخدمات الإلكترونية من 300 خدمة إلى 420 خدمة، بزيادة {d} خدمة."
    assert verdicts(text.format(d="120"), "difference") == ["consistent"]
    assert verdicts(text.format(d="150"), "difference") == ["inconsistent"]


def test_direction_only():
    assert verdicts("ارتفع عدد الطلبات الإلكترونية من 315 ألف طلب إلى 360 ألف طلب.", "direction") == ["consistent"]
    assert verdicts("ارتفع عدد الطلبات الإلكترونية من 360 ألف طلب إلى 315 ألف طلب.", "direction") == ["inconsistent"]
    assert verdicts("انخفض زمن الانتظار من 40 دقيقة إلى 10 دقائق.", "direction") == []  # durations are no statistics


def test_a_range_is_no_change():
    facts, claims, _ = run("يتراوح عدد المراجعين اليومي من 3 آلاف إلى 5 آلاف مراجع.")
    assert not set(claims.kind) & {"growth", "direction", "difference", "series"}


def test_a_chain_of_levels():
    text = "أنجزت البلدية 4.2 مليون طلب في عام 2019، ثم ارتفع العدد إلى 7 ملايين في عام 2020، ثم إلى 11 مليونا في عام 2021."
    facts, claims, checks = run(text)
    assert sorted(values(checks, facts, "direction")) == [(4200000.0, 7000000.0), (7000000.0, 11000000.0)]
    assert set(checks[checks.rule == "direction"].verdict) == {"consistent"}


def test_compared_with_the_old_level():
    text = "وصلت رسوم الخدمات المحصلة رقميا إلى 187.6 مليون دينار بنمو {p}% مقارنة بنحو 151.3 مليون دينار في السنة السابقة."
    assert verdicts(text.format(p="24"), "growth") == ["consistent"]  # 23.99% written to the unit
    assert verdicts(text.format(p="23"), "growth") == ["rounding"]  # truncated
    assert verdicts(text.format(p="14"), "growth") == ["inconsistent"]


def test_rate_noun_then_verb():
    text = "وذكر البيان أن معدل نمو تحويلات المعاشات رقميا وصل إلى {p}% بقيمة 120 مليون ريال مقارنة بنحو 100 مليون ريال قبل عام."
    assert verdicts(text.format(p="20"), "growth") == ["consistent"]
    assert verdicts(text.format(p="35"), "growth") == ["inconsistent"]


def test_increase_over_last_year_with_the_old_level_named():
    text = "بلغ عدد المستخدمين 1,200,000 مستخدم في 2024، بزيادة {p}% عن العام الماضي الذي سجل 1,000,000 مستخدم."
    assert verdicts(text.format(p="20"), "growth") == ["consistent"]
    assert verdicts(text.format(p="50"), "growth") == ["inconsistent"]


def test_old_level_in_another_sentence_is_inferred():
    text = ("وكان عدد مستخدمي البوابة قد بلغ 1,000,000 مستخدم في عام 2022.\n"
            "وبلغ عدد مستخدمي البوابة 1,300,000 مستخدم في عام 2023، بزيادة نسبتها {p}%.")
    assert verdicts(text.format(p="30"), "growth") == ["consistent"]
    assert verdicts(text.format(p="50"), "growth") == ["unverifiable"]


def test_a_rate_whose_baseline_is_not_given_says_what_is_missing():
    # the rate is against 2023; the text gives the measure for 2020 and 2024 only: no pairing with 2020, and no word of an error
    text = ("وكان عدد المشتركين في خدمة الدفع قد بلغ 200 ألف مشترك في عام 2020.\n"
            "وارتفع عدد المشتركين في خدمة الدفع إلى 900 ألف مشترك في عام 2024، بزيادة {p}% عن العام الماضي.")
    for p in ("20", "350"):
        assert verdicts(text.format(p=p), "growth") == ["unverifiable"]
        (why,) = explanations(text.format(p=p), "growth")
        assert "(2023) is not stated" in why and "2020" in why and "does not hold" not in why
    # given the level of 2023, the same sentence is checked
    given = text.replace("200 ألف مشترك في عام 2020", "750 ألف مشترك في عام 2023")
    assert verdicts(given.format(p="20"), "growth") == ["consistent"]


def test_a_level_of_the_same_period_is_no_baseline():
    # the active subscribers are counted for the same year as the new level: beside it, not the level it grew from
    text = ("وخلال العام الماضي ارتفع عدد المشتركين في خدمة الدفع إلى 900 ألف مشترك، بنسبة نمو 20%، "
            "فيما بلغ عدد المشتركين النشطين خلال العام الماضي 600 ألف مشترك.")
    _, claims, checks = run(text)
    (row,) = checks[checks.rule == "growth"].to_dict("records")
    assert row["verdict"] == "unverifiable" and row["fact_ids"].count(";") == 1  # the rate and the new level only
    assert "own period" in row["explanation_en"] and "does not hold" not in row["explanation_en"]


def test_an_earlier_level_taken_for_an_unstated_baseline_is_never_called_wrong():
    # no word says what the rate is against; the 2020 level is the nearest earlier one: checked, but a mismatch is unverifiable
    text = ("وكان عدد المشتركين في خدمة الدفع قد بلغ 200 ألف مشترك في عام 2020.\n"
            "وارتفع عدد المشتركين في خدمة الدفع إلى 900 ألف مشترك في عام 2024، بنسبة {p}%.")
    assert verdicts(text.format(p="350"), "growth") == ["consistent"]
    assert verdicts(text.format(p="20"), "growth") == ["unverifiable"]
    (why,) = explanations(text.format(p="20"), "growth")
    assert "does not hold" not in why and "does not state the level this rate is measured against" in why


def test_new_level_named_by_the_next_sentence():
    text = ("بلغ عدد الحركات الإلكترونية على الخدمات الحكومية خلال الشهر الأول 3,000,000 حركة.\n"
            "وزاد عدد الحركات الإلكترونية على الخدمات الحكومية بنسبة {p}% مقارنة بالفترة نفسها من العام الماضي والتي بلغت وقتها 2,000,000 حركة.")
    assert verdicts(text.format(p="50"), "growth") == ["consistent"]
    assert verdicts(text.format(p="70"), "growth") == ["inconsistent"]


def test_old_level_implied_by_the_stated_increase():
    text = "بلغ عدد المشتركين 1,200,000 مشترك، بزيادة 200,000 مشترك وبنسبة {p}%."
    assert verdicts(text.format(p="20"), "growth") == ["consistent"]
    assert verdicts(text.format(p="35"), "growth") == ["inconsistent"]


def test_doubled_and_times():
    assert verdicts("تضاعف عدد المستخدمين من 1,000,000 مستخدم إلى 2,100,000 مستخدم.", "growth") == ["consistent"]
    assert verdicts("تضاعف عدد المستخدمين من 1,000,000 مستخدم إلى 1,200,000 مستخدم.", "growth") == ["inconsistent"]
    assert verdicts("ارتفع عدد المعاملات من 2,000,000 معاملة إلى 8,000,000 معاملة، أي أربعة أضعاف.", "growth") == ["consistent"]
    assert verdicts("ارتفع عدد المعاملات من 2,000,000 معاملة إلى 3,000,000 معاملة، أي أربعة أضعاف.", "growth") == ["inconsistent"]


def test_rates_of_rates_may_be_points():
    text = "ارتفعت نسبة رضا المتعاملين من 80% إلى 90% بزيادة {p}%."
    assert verdicts(text.format(p="10"), "growth") == ["consistent"]  # ten percentage points
    assert verdicts(text.format(p="12.5"), "growth") == ["consistent"]  # 12.5% relative
    assert verdicts(text.format(p="40"), "growth") == ["inconsistent"]


def test_derived_difference_after_a_rise():
    text = "كان عدد الجوازات الصادرة قد بلغ 12.4 مليون جواز في آذار 2023، وحتى أيلول 2023 ارتفع إلى 14 مليونا، أي صدر {d} مليون جواز."
    assert verdicts(text.format(d="1.6"), "difference") == ["consistent"]
    assert verdicts(text.format(d="2.5"), "difference") == ["inconsistent"]


def test_exceeding_a_target():
    text = "وبلغ عدد النماذج الإلكترونية {a} نموذج، متجاوزا بذلك العدد المستهدف للعام (800 نموذج)."
    assert verdicts(text.format(a="850"), "comparison") == ["consistent"]
    assert verdicts(text.format(a="700"), "comparison") == ["inconsistent"]


def test_two_periods_side_by_side_are_a_series():
    text = "جمعت المنصة قرابة 740 مليون درهم من الرسوم خلال العام الجاري، في حين جمعت في العام السابق نحو 510 ملايين درهم."
    assert verdicts(text, "series") == ["consistent"]
    # two groups set side by side are no series
    facts, claims, _ = run("قال 58% من المشاركين في الاستطلاع إنهم يدفعون الرسوم عبر التطبيق مقابل 42% يدفعونها نقدا.")
    assert "series" not in set(claims.kind)


def test_rate_of_the_pair_in_the_next_sentence():
    text = ("تسعى البلدية إلى نمو في عائدات خدماتها الإلكترونية خلال السنة المالية 2027 نسبته {p}%.\n"
            "وتتوقع البلدية أن تبلغ عائدات خدماتها الإلكترونية خلال السنة المالية 2027 نحو 880 مليون درهم، بعد أن كانت 800 مليون درهم في السنة المالية 2026.")
    assert verdicts(text.format(p="10"), "growth") == ["consistent"]
    assert verdicts(text.format(p="25"), "growth") in (["inconsistent"], ["unverifiable"])


# ---------------------------------------------------------------------------
# Shares


def test_share_with_ma_nisbatuhu():
    text = "سجلت المنصة 1,000,000 معاملة، منها 450,000 معاملة عبر التطبيق، أي ما نسبته {p}%."
    assert verdicts(text.format(p="45"), "share") == ["consistent"]
    assert verdicts(text.format(p="60"), "share") == ["inconsistent"]


def test_share_with_tushakkil():
    text = "سجلت المنصة 1,000,000 معاملة، منها 900,000 معاملة إلكترونية تشكل {p}%."
    assert verdicts(text.format(p="90"), "share") == ["consistent"]
    assert verdicts(text.format(p="70"), "share") == ["inconsistent"]


def test_share_of_a_part_of_its_whole():
    text = "أنجزت البلدية 14,000 طلب رقميا من أصل 40,000 طلب أي ما يمثل نسبته {p}%."
    assert verdicts(text.format(p="35"), "share") == ["consistent"]
    assert verdicts(text.format(p="65"), "share") == ["inconsistent"]


SHARE_AFTER_CHANGE = [
    "وارتفع عدد المراكز المربوطة بالشبكة الحكومية هذا العام ليبلغ 360 مركزا من أصل 480 مركزا، أي بنسبة {p}%.",
    "وتم توسيع الخدمة خلال الربع الأخير، إذ بلغ عدد البلديات المشمولة 36 بلدية من أصل 48 بلدية، ما يمثل {p}% منها.",
    "ووصل عدد الطلاب المسجلين في المنصة التعليمية إلى 1,800 طالب من أصل 2,400 طالب، ما نسبته {p}%.",
]


@pytest.mark.parametrize("text", SHARE_AFTER_CHANGE, ids=["rose_to", "tamm", "wasal"])
def test_a_share_of_a_whole_after_a_change_verb_is_a_share(text):
    # the change verb opens the sentence, but the percent restates A of T: 75% holds, 85% does not, and no growth is read
    _, claims, checks = run(text.format(p="75"))
    assert checks[checks.rule == "share"].verdict.tolist() == ["consistent"]
    assert claims[claims.kind == "share"].rule.tolist() == ["share_of_whole"]
    assert "growth" not in set(claims.kind)
    assert verdicts(text.format(p="85"), "share") == ["inconsistent"]


def test_a_share_of_a_whole_after_a_comma():
    text = "وارتفع عدد المشتركين في البريد الرقمي بنسبة 30% ليبلغ 450 ألف مشترك، من أصل 600 ألف صندوق بريد، أي بنسبة {p}%."
    assert verdicts(text.format(p="75"), "share") == ["consistent"]
    assert verdicts(text.format(p="65"), "share") == ["inconsistent"]
    assert len(verdicts(text.format(p="75"), "growth")) == 1  # the 30% alone; the 75% is no rate of change


def test_a_list_after_a_baseline_breaks_down_the_new_level():
    # "B في 2024، بارتفاع P عن A في 2023، منها C": C is part of B, never of the baseline A
    text = "وسجلت البوابة 5 ملايين زيارة في 2024، بارتفاع 25% عن 4 ملايين زيارة في 2023، منها 3.5 مليون زيارة عبر الهاتف، أي {p}%."
    facts, _, checks = run(text.format(p="70"))
    assert values(checks, facts, "share") == [(70.0, 3500000.0, 5000000.0)]
    assert "inconsistent" not in set(checks.verdict)


def test_a_baseline_linked_as_a_total_by_the_facts_is_never_flagged():
    # "B، بعد أن كان A، أي بنمو P، منهم C، أي Q": C and Q are of B; a link of C to the baseline A is only a guess
    text = ("وارتفع عدد حاملي الهوية الرقمية إلى 2 مليون حامل في نهاية 2023، بعد أن كان 1.6 مليون في نهاية 2022، "
            "أي بنمو 25%، منهم 1.2 مليون من الشباب، أي 60%.")
    _, _, checks = run(text)
    assert "inconsistent" not in set(checks.verdict)


def test_a_rate_after_a_part_of_a_whole_stays_a_rate():
    # "من A إلى B، أي بنسبة P" is a growth; "من أصل T، بزيادة P عن …" a rate of change: neither is a share
    rise = "وارتفع عدد الطلبات المنجزة إلكترونيا من 40 ألف طلب إلى 50 ألف طلب، أي بنسبة {p}%."
    assert verdicts(rise.format(p="25"), "growth") == ["consistent"]
    assert verdicts(rise.format(p="25"), "share") == []
    rate = "وارتفع عدد المراكز المربوطة بالشبكة إلى 360 مركزا من أصل 480 مركزا، بزيادة 20% عن العام الماضي."
    _, claims, checks = run(rate)
    assert "share" not in set(claims.kind)
    assert "inconsistent" not in set(checks.verdict)


SHARE_THEN_COUNT = [
    "وشكلت الشكاوى المقدمة عبر التطبيق ما نسبته {p}% من إجمالي الشكاوى البالغة 16 ألف شكوى، بواقع 12 ألف شكوى.",
    "ومثلت الشكاوى المقدمة عبر التطبيق {p}% من مجموع الشكاوى، بواقع 12 ألف شكوى من أصل 16 ألف شكوى.",
    "وتلقت الوزارة 16 ألف شكوى خلال العام، وتصدرت الشكاوى المقدمة عبر التطبيق بواقع 12 ألف شكوى، أي {p}%.",
    "وتلقت الوزارة 16 ألف شكوى، بواقع 12 ألف شكوى عبر التطبيق، أي ما نسبته {p}%، والباقي عبر مراكز الخدمة.",
]


@pytest.mark.parametrize("text", SHARE_THEN_COUNT, ids=["whole_then_bawaqi", "bawaqi_min_asl", "bawaqi_then_ay", "total_bawaqi_ay"])
def test_a_share_restated_as_a_count_is_paired(text):
    # 12 000 of 16 000 is 75%: the share and the count that restates it are one claim, checked against the whole
    facts, _, checks = run(text.format(p="75"))
    assert checks[checks.rule == "share"].verdict.tolist() == ["consistent"]
    assert values(checks, facts, "share") == [(75.0, 12000.0, 16000.0)]
    assert verdicts(text.format(p="60"), "share") == ["inconsistent"]
    assert "inconsistent" not in set(verdicts(text.format(p="75"), "part_of"))


def test_two_parts_each_restated_with_its_share_are_each_of_the_whole():
    # "بواقع A، أي P، و… بواقع B، أي Q": B's whole is the total, never A (its sibling), and A's share never takes B
    text = "وأنجزت البلدية 40 ألف معاملة، نفذ منها التطبيق بواقع 30 ألف معاملة، أي ما نسبته 75%، والموقع بواقع 10 آلاف معاملة، أي {q}%."
    facts, _, checks = run(text.format(q="25"))
    assert sorted(values(checks, facts, "share")) == [(25.0, 10000.0, 40000.0), (75.0, 30000.0, 40000.0)]
    assert set(checks[checks.rule == "share"].verdict) == {"consistent"}
    assert verdicts(text.format(q="15"), "share").count("inconsistent") == 1
    # a baseline of last year before the part is no whole of it
    older = "وبلغ عدد المعاملات 40 ألف معاملة هذا العام، مقارنة بـ 32 ألف معاملة في العام الماضي، بواقع 30 ألف معاملة عبر الهاتف، أي 75%."
    facts, _, checks = run(older)
    assert values(checks, facts, "share") == [(75.0, 30000.0, 40000.0)]


def test_a_count_of_another_kind_or_per_month_is_no_part_of_a_share():
    # users counted before a share of operations, a monthly rate after a total: neither is the share's part
    users = "وسجلت المنصة 400 ألف مستخدم، وشكلت معاملات التطبيق ما نسبته 60% من إجمالي المعاملات البالغة 3 ملايين معاملة."
    monthly = "وأصدرت الدائرة 60 ألف رخصة خلال 6 أشهر، بواقع 10 آلاف رخصة شهريا، أي 25%."
    for text in (users, monthly):
        _, claims, checks = run(text)
        assert "inconsistent" not in set(checks.verdict)
        assert all("whole" not in r.split(";") for r in claims[claims.kind == "share"].roles)


def test_shares_of_every_part_adding_to_100_make_a_split():
    text = "بلغ عدد حسابات التطبيق 10 ملايين حساب، منها 7 ملايين حساب فعال بنسبة 70%، و{b} ملايين حساب خامل بنسبة 30%."
    assert verdicts(text.format(b="3"), "sum") == ["consistent"]
    assert verdicts(text.format(b="3"), "share") == ["consistent", "consistent"]


def test_a_share_whose_whole_is_a_noun_is_unverifiable():
    text = "أتمت البوابة ما يزيد على 80 مليون إجراء، وهو ما يعني أن 90% من الإجراءات العامة أصبحت تتم دون حضور شخصي."
    assert set(verdicts(text, "share")) <= {"unverifiable"}


# ---------------------------------------------------------------------------
# Rates


def test_rate_times_duration():
    text = "أصدرت الدائرة في 4 أشهر 2.4 مليون جواز، بمعدل {r} ألف جواز كل شهر."
    assert verdicts(text.format(r="600"), "rate") == ["consistent"]
    assert verdicts(text.format(r="900"), "rate") == ["inconsistent"]


def test_a_monthly_average_is_never_compared_with_a_half_year_total():
    text = "سجلت البوابة 2 مليون طلب في النصف الأول من 2024 مقارنة بـ 300 ألف طلب شهريا في 2023، بزيادة 550%."
    _, claims, checks = run(text)
    assert "inconsistent" not in set(checks.verdict)
    growth = claims[claims.kind == "growth"]
    assert all("old" not in r for r in growth.roles)


# ---------------------------------------------------------------------------
# What the audit owes every claim


def test_no_false_alarm_from_an_older_baseline_or_an_unrelated_count():
    text = ("توزعت المعاملات البالغة 10 ملايين معاملة بين 6 ملايين معاملة عبر التطبيق و4 ملايين معاملة عبر الموقع، "
            "مقارنة بـ 8 ملايين معاملة في العام الماضي، فيما بلغ عدد المستخدمين 3 ملايين مستخدم.")
    _, claims, checks = run(text)
    assert verdicts(text, "sum") == ["consistent"]
    assert "inconsistent" not in set(checks.verdict)


def test_absolute_increase_of_the_right_pair():
    text = "ارتفع عدد المستخدمين من 2 مليون في عام 2022 إلى 3 ملايين في عام 2023، ثم إلى 3.5 مليون في عام 2024، بزيادة 500 ألف مستخدم."
    facts, _, checks = run(text)
    assert values(checks, facts, "difference") == [(500000.0, 3000000.0, 3500000.0)]
    assert verdicts(text, "difference") == ["consistent"]


def test_every_check_names_its_claim():
    text = MINHA.format(t="5 ملايين", a="2 مليون", b="1.5 مليون")
    facts, claims, checks = run(text)
    assert checks.claim_id.notna().all()
    assert set(checks.claim_id) <= set(claims.claim_id)


def test_claims_from_the_quotes_match_claims_from_the_text():
    text = SPLIT.format(t="12,000", a="9,000", b="3,000") + "\n" + MINHA.format(t="5 ملايين", a="2 مليون", b="1.5 مليون")
    facts = extract_facts(text, "t", {"country_iso3": "JOR"})
    from_text = extract_claims(facts, text)
    from_quotes = extract_claims(facts)
    cols = ["kind", "link", "fact_ids", "roles"]
    assert from_text[cols].equals(from_quotes[cols])


def test_claims_of_several_articles_and_errors():
    a = extract_facts(SPLIT.format(t="12,000", a="9,000", b="3,000"), "a", {"country_iso3": "JOR"})
    b = extract_facts(MINHA.format(t="5 ملايين", a="2 مليون", b="1.5 مليون"), "b", {"country_iso3": "JOR"})
    both = pd.concat([a, b], ignore_index=True)
    claims = extract_claims(both)
    assert {"a", "b"} <= set(claims.doc_ids)
    assert claims.claim_id.is_unique
    with pytest.raises(ValueError, match="doc_id"):
        extract_claims(both, "one text for two articles")
    assert extract_claims(extract_facts("", "e")).empty


def test_an_improvement_may_be_a_fall():
    text = "تحسنت نسبة الأخطاء في المعاملات من 12% إلى 4% خلال العام."
    _, claims, checks = run(text)
    assert "inconsistent" not in set(checks.verdict)
    assert checks[checks.rule == "series"].verdict.tolist() == ["consistent"]


def test_ranks_fall_as_they_improve():
    _, _, checks = run("تقدم ترتيب المملكة في المؤشر من 80 إلى 60 عالميا.")
    assert "inconsistent" not in set(checks.verdict)


@pytest.mark.parametrize("text", [
    "وتراجع ترتيب الأردن في مؤشر الخدمات الرقمية إلى 60 عالميا مقارنة بـ 52 عالميا في عام 2018.",
    "وتراجع الأردن في مؤشر الخدمات الرقمية إلى 60 عالميا، بعدما كان ترتيبه 52 في دورة 2018.",
    "وتراجع ترتيب الأردن إلى 60 عالميا مقارنة بـ 52 عالميا في تموز، و50 في حزيران.",
])
def test_a_place_in_a_ranking_compared_with_an_earlier_one_is_no_level(text):
    # a fall in a ranking is a larger number: no direction, growth or series is read on the places
    _, claims, checks = run(text)
    assert not set(claims.kind) & {"direction", "growth", "series"}
    assert "inconsistent" not in set(checks.verdict)


def test_an_index_value_is_not_compared_with_a_place():
    text = "وبلغت قيمة مؤشر الأردن 0.71 في المسح الأخير. وقد تحسن أداء المملكة بالمقارنة مع دورة 2018 التي كان ترتيبها فيها 52."
    _, claims, _ = run(text)
    assert not set(claims.kind) & {"direction", "growth", "series"}


def test_a_count_after_a_rank_word_is_still_a_level():
    # "ترتيب المواعيد" names a service, and 60 ألف طلب is a count: the stated fall is checked and does not hold
    text = "وتراجع عدد طلبات ترتيب المواعيد إلى {b} ألف طلب مقارنة بـ 52 ألف طلب في عام 2018."
    assert verdicts(text.format(b="60"), "direction") == ["inconsistent"]
    assert verdicts(text.format(b="45"), "direction") == ["consistent"]


TWO_BASELINES = ("وبلغ عدد المعاملات في الربع الأول 400 ألف معاملة، بانخفاض{r} عن الربع الرابع من العام الماضي الذي سجل 450 ألف معاملة، "
                 "وبارتفاع 25% عن الربع الأول من العام الماضي.")


@pytest.mark.parametrize("r", ["", " 11%"])
def test_a_rate_against_a_baseline_of_its_own_is_not_the_pairs(r):
    # the 25% compares with the first quarter of last year, whose level is not given: never flagged against the fourth quarter
    _, _, checks = run(TWO_BASELINES.format(r=r))
    assert "inconsistent" not in set(checks.verdict)


def test_a_rate_against_the_same_baseline_is_the_pairs():
    text = "وارتفع عدد المعاملات إلى 500 ألف معاملة مقارنة بـ 400 ألف معاملة في العام الماضي، بزيادة {p} عن العام الماضي."
    assert verdicts(text.format(p="25%"), "growth") == ["consistent"]
    assert verdicts(text.format(p="35%"), "growth") == ["inconsistent"]


REVENUE = "وبلغت إيرادات الخدمات الإلكترونية 200 مليون درهم في 2023، بزيادة {p}{basis}، فيما بلغت في {y} نحو {old} مليون درهم."


@pytest.mark.parametrize("basis", ["", " على أساس سنوي"])
def test_a_rate_is_not_set_against_a_level_two_years_away(basis):
    # the rate compares 2023 with 2022, whose level is not given: never flagged against 2021
    _, _, checks = run(REVENUE.format(p="25%", basis=basis, y="2021", old="120"))
    assert "inconsistent" not in set(checks.verdict)


def test_a_rate_is_set_against_the_year_before():
    assert verdicts(REVENUE.format(p="25%", basis="", y="2022", old="160"), "growth") == ["consistent"]
    assert verdicts(REVENUE.format(p="35%", basis=" على أساس سنوي", y="2022", old="160"), "growth") == ["inconsistent"]


def test_a_rate_over_two_years_from_one_to_the_other():
    text = "وارتفعت إيرادات الخدمات الإلكترونية من 120 مليون درهم في 2021 إلى 200 مليون درهم في 2023، بزيادة {p}."
    assert verdicts(text.format(p="67%"), "growth") == ["consistent"]
    assert verdicts(text.format(p="25% على أساس سنوي"), "growth") != ["inconsistent"]


PAYMENTS = ("وارتفعت قيمة المدفوعات الحكومية الإلكترونية إلى 8 مليارات دينار، منها 5 مليارات دينار عبر المحافظ الرقمية "
            "و3 مليارات عبر البطاقات، بزيادة {p} مقارنة بـ 6 مليارات في العام السابق.")


def test_a_comparison_after_a_list_is_the_totals():
    assert verdicts(PAYMENTS.format(p="33%"), "growth") == ["consistent"]
    assert verdicts(PAYMENTS.format(p="60%"), "growth") == ["inconsistent"]  # beyond what the rounding of 8 and 6 allows


def test_a_comparison_right_after_a_part_may_be_the_parts_or_the_totals():
    text = "وارتفعت قيمة المدفوعات الحكومية الإلكترونية إلى 8 مليارات دينار، منها 3 مليارات عبر البطاقات مقارنة بـ {o} مليار في العام السابق."
    assert verdicts(text.format(o="2"), "direction") == ["consistent"]  # the part's rise
    assert verdicts(text.format(o="6"), "direction") == ["unverifiable"]  # the total's: not the part's fall


def test_the_whole_of_a_part_is_no_level_of_its_change():
    text = "وارتفع عدد الخدمات المتاحة إلكترونيا إلى 450 خدمة من أصل 500 خدمة، بعد أن كانت 300 خدمة، أي بنسبة {p}."
    assert verdicts(text.format(p="50%"), "growth") == ["consistent"]  # 300 -> 450, not 300 -> 500
    assert verdicts(text.format(p="40%"), "growth") == ["inconsistent"]


def test_a_half_year_is_not_compared_with_a_whole_year():
    text = ("وارتفع عدد المعاملات خلال النصف الأول من العام إلى 3 ملايين معاملة، بزيادة 50% عن الفترة نفسها من العام الماضي، "
            "فيما بلغ إجمالي العام الماضي 4 ملايين معاملة.")
    _, _, checks = run(text)
    assert "inconsistent" not in set(checks.verdict)


def test_two_half_years_compare():
    text = "وسجلت البوابة 1,800,000 طلب في النصف الأول من 2024، بزيادة {p} مقارنة بـ 1,200,000 طلب في النصف الأول من 2023."
    assert verdicts(text.format(p="50%"), "growth") == ["consistent"]
    assert verdicts(text.format(p="30%"), "growth") == ["inconsistent"]


YEARLY = "وارتفع عدد مستخدمي البوابة من 2,000,000 مستخدم في 2020 إلى 5,000,000 مستخدم في 2023، {rate}."


@pytest.mark.parametrize("rate", ["بمعدل نمو سنوي مركب بلغ 36%", "بزيادة 50% سنويا"])
def test_an_average_yearly_rate_over_years_compound_or_simple(rate):
    assert verdicts(YEARLY.format(rate=rate), "growth") == ["consistent"]


def test_an_average_yearly_rate_that_fits_no_reading_is_never_flagged():
    assert verdicts(YEARLY.format(rate="بمعدل نمو سنوي مركب بلغ 70%"), "growth") == ["unverifiable"]


def test_a_yearly_rate_over_one_year_is_plain_growth():
    text = "وارتفع عدد مستخدمي البوابة من 2,000,000 مستخدم في 2022 إلى 2,400,000 مستخدم في 2023، بنمو سنوي بلغ {p}."
    assert verdicts(text.format(p="20%"), "growth") == ["consistent"]
    assert verdicts(text.format(p="30%"), "growth") == ["inconsistent"]


def test_new_items_joining_a_total_are_its_increase():
    text = "وبلغ عدد المستخدمين الجدد 300 ألف مستخدم خلال العام، ليرتفع إجمالي المستخدمين إلى 1.3 مليون مستخدم، بزيادة {p}."
    assert verdicts(text.format(p="30%"), "growth") == ["consistent"]  # 300 000 on top of 1 000 000
    assert verdicts(text.format(p="60%"), "growth") != ["consistent"]


def test_a_count_of_new_items_rising_from_one_level_to_another_is_a_level():
    text = "وارتفع عدد الخدمات الجديدة من 20 خدمة إلى 35 خدمة، بزيادة {p}."
    assert verdicts(text.format(p="75%"), "growth") == ["consistent"]
    assert verdicts(text.format(p="50%"), "growth") == ["inconsistent"]


def test_rates_are_no_parts_of_a_total():
    _, claims, _ = run("بلغ عدد الرحلات 5000 رحلة بواقع 20 رحلة يوميا و150 رحلة أسبوعيا.")
    assert not set(claims.kind) & {"sum", "part_of"}


def test_a_monthly_average_and_a_half_year_total_imply_each_other():
    text = ("سجلت البوابة 2,400,000 طلب في النصف الأول من عام 2024.\n"
            "وبلغ عدد الطلبات بمتوسط {r} طلب شهريا.")
    assert verdicts(text.format(r="400,000"), "rate") == ["consistent"]
    assert verdicts(text.format(r="700,000"), "rate") == ["unverifiable"]  # inferred: the sentences do not tie them


def test_one_unit_written_for_both_ends():
    text = "تراجع عدد المراجعين من 1000 إلى 800 مراجع يوميا بنسبة {p}%."
    assert verdicts(text.format(p="20"), "growth") == ["consistent"]
    assert verdicts(text.format(p="35"), "growth") == ["inconsistent"]


def test_an_increase_then_an_than_the_year_before():
    text = "تم إصدار 250,000 رخصة خلال 2023، بزيادة قدرها {d} رخصة عن 2022 التي شهدت إصدار 200,000 رخصة."
    assert verdicts(text.format(d="50,000"), "difference") == ["consistent"]
    assert verdicts(text.format(d="80,000"), "difference") == ["inconsistent"]


def test_a_rate_over_a_week():
    text = "استقبلت الإدارة 4500 اتصال خلال الأسبوع، بمعدل {r} اتصالا يوميا."
    assert verdicts(text.format(r="650"), "rate") == ["consistent"]
    assert verdicts(text.format(r="900"), "rate") == ["inconsistent"]


def test_two_periods_in_a_row_with_their_rate():
    text = "سجلت البوابة 5,000,000 زيارة في يناير، و4,200,000 زيارة في فبراير، بانخفاض {p}%."
    assert verdicts(text.format(p="16"), "growth") == ["consistent"]
    assert verdicts(text.format(p="30"), "growth") == ["inconsistent"]
    # two periods with nothing stated about the change: no claim
    _, claims, _ = run("سجلت البوابة 5,000,000 زيارة في يناير، و4,200,000 زيارة في فبراير.")
    assert not set(claims.kind) & {"growth", "difference", "direction", "series"}


def test_a_part_then_minha_refers_to_the_total_before():
    text = "بلغ عدد الطلبات المقدمة 50,000 طلب، تمت الموافقة على {a} طلب منها، ورفض 3,000 طلب."
    facts, _, checks = run(text.format(a="45,000"))
    assert values(checks, facts, "part_of") == [(45000.0, 50000.0)]
    assert verdicts(text.format(a="55,000"), "part_of") == ["inconsistent"]


def test_a_round_percent_may_be_rounded_to_its_last_digit():
    text = "ارتفع عدد الخدمات الرقمية من 40 خدمة في عام 2017 إلى 334 خدمة في عام 2022، بنسبة {p}%."
    assert verdicts(text.format(p="700"), "growth") == ["rounding"]  # 735% to one significant figure
    assert verdicts(text.format(p="600"), "growth") == ["inconsistent"]


# ---------------------------------------------------------------------------
# A part named after its figure, the rest of a total, an increase stated beside its rate

REST = "وبلغ عدد العاملين في المراكز الرقمية {t} موظفا، {a} منهم من حملة الشهادات الجامعية والباقي {b} من حملة الدبلوم."


def test_the_rest_of_a_total_adds_up_or_is_flagged():
    assert verdicts(REST.format(t="2,370", a="1,415", b="955"), "sum") == ["consistent"]
    assert verdicts(REST.format(t="2,370", a="1,415", b="915"), "sum") == ["inconsistent"]
    text = "سجلت المنصة 4,860 شكوى، 3,120 شكوى عن تأخر الخدمة والبقية 1,740 شكوى عن الدفع الإلكتروني."
    assert verdicts(text, "sum") == ["consistent"]


def test_a_figure_then_minhum_is_a_part_never_a_total():
    # 1 415 is one of the 2 370, and 1 600 the rest: never "1 600 must not exceed 1 415"
    facts, claims, checks = run(REST.format(t="2,370", a="1,415", b="1,600"))
    assert "inconsistent" in checks[checks.rule == "sum"].verdict.tolist()
    assert (1415.0, 1600.0) not in values(checks, facts, "part_of")
    text = "وبلغ عدد المتدربين في البرنامج 2,370 متدربا، 1,415 منهم من الإناث."
    assert verdicts(text, "part_of") == ["consistent"]


def test_a_stated_increase_is_no_earlier_level():
    text = "وارتفع عدد المعاملات المنجزة عن بعد بنسبة {p} ليبلغ 641 ألف معاملة، بزيادة 128 ألف معاملة عن العام الماضي."
    assert verdicts(text.format(p="25%"), "growth") == ["consistent"]  # 128 / 513
    assert verdicts(text.format(p="14%"), "growth") == ["inconsistent"]
    _, claims, _ = run(text.format(p="25%"))
    assert claims[claims.kind == "growth"].roles.tolist() == ["stated;new;change"]


def test_a_share_of_them_restated_as_a_count():
    text = "وبلغ عدد المسجلين في خدمة المواعيد 52,400 مسجل، {p} منهم من كبار السن، أي 13,100 مسجل."
    assert verdicts(text.format(p="25%"), "share") == ["consistent"]
    assert verdicts(text.format(p="40%"), "share") == ["inconsistent"]
    # no count after the share: nothing to recheck it against
    assert verdicts("وبلغ عدد المسجلين في خدمة المواعيد 52,400 مسجل، 25% منهم من كبار السن.", "share") == ["unverifiable"]


def test_a_daily_rate_restated_per_month():
    text = "ويستقبل مركز الاتصال الموحد 4,200 مكالمة يوميا، أي ما يعادل {m} مكالمة شهريا."
    assert verdicts(text.format(m="128,000"), "rate") == ["consistent"]
    assert verdicts(text.format(m="210,000"), "rate") == ["inconsistent"]
    # two rates side by side, not one restating the other: tied only by arithmetic
    assert "inconsistent" not in verdicts("ويستقبل المركز 4,200 مكالمة يوميا، و210,000 مكالمة شهريا عبر التطبيق.", "rate")


def test_a_monthly_average_and_the_total_of_its_period_in_one_sentence():
    text = ("وسجل متوسط الطلبات الشهرية 8,300 طلب في النصف الأول من عام 2023، فيما بلغ إجمالي الطلبات خلال النصف الأول {t} طلب.")
    assert verdicts(text.format(t="49,800"), "rate") == ["consistent"]
    assert verdicts(text.format(t="71,500"), "rate") == ["inconsistent"]


def test_a_bare_total_closing_its_list():
    text = "وأصدرت البلدية 1,845 رخصة بناء في الربع الأول و2,130 رخصة بناء في الربع الثاني، {cue} {t} رخصة بناء."
    assert verdicts(text.format(cue="بإجمالي", t="3,975"), "sum") == ["consistent"]
    assert verdicts(text.format(cue="بإجمالي", t="4,975"), "sum") == ["inconsistent"]
    assert verdicts(text.format(cue="أي ما مجموعه", t="4,975"), "sum") == ["inconsistent"]
    # a running total may count more than the list: not a split
    assert verdicts(text.format(cue="بإجمالي", t="9,975").rstrip(".") + " منذ إطلاق الخدمة.", "sum") == []
    # a total that names what it counts (إجمالي الرخص منذ …) stays a part_of, never a split
    cumulative = "وأصدرت البلدية 1,845 رخصة في الربع الأول و2,130 رخصة في الربع الثاني، ليصل إجمالي الرخص الصادرة إلى 9,975 رخصة."
    assert verdicts(cumulative, "part_of") == ["consistent"] and verdicts(cumulative, "sum") == []


def test_the_shares_of_one_split_add_up_to_at_most_100():
    text = "وتوزع مستخدمو المحفظة الرقمية بين {a} من المقيمين و{b} من المواطنين."
    assert verdicts(text.format(a="57.3%", b="42.7%"), "sum") == ["consistent"]
    assert verdicts(text.format(a="57%", b="52%"), "sum") == ["inconsistent"]
    # less than 100: the split may leave out a rest
    assert verdicts(text.format(a="57%", b="31%"), "sum") == ["unverifiable"]


def test_ranked_shares_the_first_the_largest():
    text = "واستحوذت خدمات السجل التجاري على الحصة الأكبر بنسبة {a}، تلتها خدمات الضرائب بنسبة {b}، ثم خدمات الجمارك بنسبة 9%."
    assert verdicts(text.format(a="46%", b="21%"), "majority") == ["consistent"]
    assert verdicts(text.format(a="16%", b="21%"), "majority") == ["inconsistent"]
    # the percent of another clause is not the next of the list
    other = "واستحوذت خدمات السجل التجاري على الحصة الأكبر بنسبة 16%، فيما ارتفعت نسبة الدفع الإلكتروني إلى 58%."
    assert verdicts(other, "majority") == []


def test_a_ranked_list_stops_at_its_own_earlier_level():
    text = "وتصدرت محافظة العاصمة المحافظات بـ 2,315 طلبا، مقارنة بـ 2,960 طلبا في العام الماضي."
    assert "inconsistent" not in verdicts(text, "majority")



def test_no_split_of_rates_nor_of_a_rate_in_another_clause():
    rates = "وتوزعت نسب الرضا عن الخدمات بين 86% في القطاع الصحي و79% في قطاع التعليم."
    assert verdicts(rates, "sum") == []
    other = "وتوزع المشتركون بين 46% في الباقة الأساسية و33% في الباقة المتقدمة، فيما بلغت نسبة التجديد 71%."
    assert "inconsistent" not in verdicts(other, "sum")


def test_a_rate_is_an_average_rounded_to_its_last_digit():
    # 2 270 / 30 = 75.7, written 76 a day: no error
    text = "وتلقى مركز البلاغات 2,270 بلاغا خلال 30 يوما، بمعدل {r} بلاغا يوميا."
    assert verdicts(text.format(r="76"), "rate") == ["consistent"]
    assert verdicts(text.format(r="95"), "rate") == ["inconsistent"]


def test_the_count_that_announces_a_list_is_no_part():
    text = "وتوزعت الشكاوى البالغة 6,420 شكوى على ثلاثة محاور: 3,150 شكوى في النقل و2,040 شكوى في الصحة و{c} شكوى في التعليم."
    assert verdicts(text.format(c="1,230"), "sum") == ["consistent"]
    assert verdicts(text.format(c="1,130"), "sum") == ["inconsistent"]
    facts, _, checks = run(text.format(c="1,230"))
    assert all(3.0 not in vs for vs in values(checks, facts, "sum"))


def test_a_whole_then_minha_is_never_a_daily_rate():
    text = "واستقبل مركز الاتصال 36,500 مكالمة في شهر مارس، بمعدل 1,180 مكالمة يوميا، وأجاب عن 34,900 مكالمة منها."
    facts, _, checks = run(text)
    assert (1180.0, 34900.0) not in values(checks, facts, "part_of")
    assert "inconsistent" not in checks.verdict.tolist()


def test_a_multiple_of_what_it_was():
    text = "وارتفعت رسوم الخدمات الإلكترونية إلى {b} مليون دينار في عام 2023، أي ثلاثة أضعاف ما كانت عليه في عام 2019 حين بلغت 2.3 مليون دينار."
    assert verdicts(text.format(b="7.1"), "growth") == ["consistent"]
    assert verdicts(text.format(b="4.7"), "growth") == ["inconsistent"]


def test_a_share_restated_as_a_count_of_the_same_kind_of_people():
    text = "ويبلغ عدد سكان المحافظة 1,240,000 نسمة، يستخدم 85% منهم البوابة الإلكترونية، أي {n} مستخدم."
    assert verdicts(text.format(n="1,054,000"), "share") == ["consistent"]
    assert verdicts(text.format(n="610,000"), "share") == ["inconsistent"]


def test_the_new_level_first_then_min_and_the_old():
    up = "وسجلت بوابة التوظيف 7,460 طلبا في عام 2023، مرتفعة من 5,830 طلبا في عام 2022، بنسبة {p}."
    assert verdicts(up.format(p="28%"), "growth") == ["consistent"]
    assert verdicts(up.format(p="41%"), "growth") == ["inconsistent"]
    down = "وتراجع عدد المراجعين بمقدار {d} مراجع إلى 3,260 مراجعا في عام 2023 من 4,910 مراجعين في عام 2022."
    assert verdicts(down.format(d="1,650"), "difference") == ["consistent"]
    assert verdicts(down.format(d="2,650"), "difference") == ["inconsistent"]
    # من after a level that is not the start of a change: nothing to read
    assert verdicts("ووصل عدد المسجلين إلى 4,120 مسجلا من المواطنين و3,020 من المقيمين.", "direction") == []


def test_muqabil_between_two_periods_each_written_with_its_figure():
    text = "وارتفع عدد الحجوزات خلال الربع الثالث إلى 12,640 حجزا، مقابل 9,870 حجزا في الربع الثاني، بزيادة نسبتها {p}."
    assert verdicts(text.format(p="28%"), "growth") == ["consistent"]
    assert verdicts(text.format(p="45%"), "growth") == ["inconsistent"]
    # two channels, no periods: two groups, not a change
    assert verdicts("وبلغ عدد الحجوزات عبر التطبيق 12,640 حجزا، مقابل 9,870 حجزا عبر الموقع.", "growth") == []


def test_a_share_then_its_part_of_its_whole():
    text = "وبلغت نسبة الشكاوى المغلقة {p}، إذ أغلقت الإدارة 2,780 شكوى من أصل 3,310 شكاوى."
    assert verdicts(text.format(p="84%"), "share") == ["consistent"]
    assert verdicts(text.format(p="64%"), "share") == ["inconsistent"]
    # no word that ties the counts to the share: unverifiable
    loose = "وبلغت نسبة الشكاوى المغلقة 64%، وأغلقت الإدارة 2,780 شكوى من أصل 3,310 شكاوى."
    assert verdicts(loose, "share") == ["unverifiable"]
