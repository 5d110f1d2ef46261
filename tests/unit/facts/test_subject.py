"""Whose figure it is, on sentences written for these tests."""

import pytest

from arqam import extract_facts


def subjects(text, meta=None):
    """The subjects of the statistics of `text` (places in a ranking have tests of their own: test_ranks.py)."""
    df = extract_facts(text, "t", meta or {})
    return df[df.kind != "rank"].subject_ar.tolist()


def test_a_name_attached_after_the_figure_wins():
    assert subjects("أنجزت الوزارة 2 مليون معاملة عبر تطبيق درب خلال العام") == ["تطبيق درب"]


def test_an_attached_name_belongs_to_the_figure_before_it_only():
    got = subjects("بلغ عدد التحميلات نحو مليون تحميل، منها 400 ألف عبر منصة وصل و600 ألف عبر منصة سند")
    assert got[1:] == ["منصة وصل", "منصة سند"]


def test_a_country_after_the_figure_yields_to_a_platform_further_on():
    got = subjects("وقال الوزير إن 64% من طلبات التجديد في الكويت تنجز عبر تطبيق درب")
    assert got == ["تطبيق درب"]


def test_the_platform_named_in_the_sentence_beats_the_reporting_ministry():
    got = subjects("أعلنت وزارة التحول الرقمي أن منظومة الدفع الموحدة سجلت 3 ملايين عملية")
    assert got == ["منظومة الدفع الموحدة"]


def test_the_reporter_is_the_subject_when_nothing_more_specific_is_named():
    assert subjects("أعلنت الهيئة العامة للإحصاء عن إصدار 120 ألف شهادة") == ["الهيئة العامة للإحصاء"]


def test_a_name_that_places_another_does_not_take_its_figures():
    got = subjects("قالت إن مديرية السجل المدني في وزارة الشؤون البلدية سجلت 4 ملايين مواطن")
    assert got == ["مديرية السجل المدني"]


def test_the_agent_of_a_clause_about_a_platform_only_qualifies_it():
    text = 'فازت منصة "يسر" بجائزة دولية.\n- منصة متكاملة أطلقتها دائرة التحول الحكومي وتربط 30 جهة رسمية'
    assert subjects(text) == ['منصة "يسر"']


def test_a_description_stands_for_the_name_it_refers_back_to():
    text = "أطلقت وزارة المالية منظومة التحصيل الإلكتروني الموحد. وحققت المنظومة المتطورة 5 مليارات دينار"
    assert subjects(text) == ["منظومة التحصيل الإلكتروني الموحد"]


def test_sentences_without_a_name_go_on_with_the_previous_subject():
    text = 'أظهرت بيانات نظام "فاتورتي" تسجيل 4 ملايين حركة في آب.\n\nوبلغ عدد المستخدمين 900 ألف مستخدم.'
    assert subjects(text) == ['نظام "فاتورتي"'] * 2


def test_the_topic_is_the_most_salient_name():
    text = "مقدمة بلا أرقام عن بوابة خدماتي.\nارتفع عدد الزيارات إلى 3 ملايين زيارة."
    assert subjects(text) == ["بوابة خدماتي"]


@pytest.mark.parametrize(
    "text, subject",
    [
        ("سجلت مؤسسة الضمان الوطني 300 ألف مشترك جديد", "مؤسسة الضمان الوطني"),
        ("وبلغت معاملات البوابة الإلكترونية «إنجاز» خلال الربع الأول 1.2 مليون معاملة", "البوابة الإلكترونية «إنجاز»"),
    ],
)
def test_nearest_name_before_the_figure(text, subject):
    assert subjects(text) == [subject]


def test_a_country_that_is_the_agent_is_the_subject_of_its_score():
    text = "صدر مؤشر الجاهزية الرقمية لعام 2024. وحصد الأردن في المؤشر علامة قدرها 77%"
    df = extract_facts(text, "t", {"country_iso3": "JOR"})
    assert df.subject_ar.tolist() == ["الأردن"]
    assert df.subject_id.tolist() == ["jor"] and df.subject_scope.tolist() == ["country"]


def test_a_country_that_qualifies_a_count_is_not_its_subject():
    text = "بلغ عدد زوار بوابة خدماتي مليوني زائر. وبلغت نسبة الزوار من مصر 3%"
    assert subjects(text) == ["بوابة خدماتي"] * 2


def test_an_ambiguous_country_form_resolves_only_to_the_article_country():
    text = "حققت عمان 70% في مؤشر الخدمات"
    assert extract_facts(text, "t", {"country_iso3": "OMN"}).subject_id.tolist() == ["omn"]
    assert extract_facts(text, "t", {"country_iso3": "EGY"}).subject_id.isna().all()


def test_the_country_anaphor_stands_for_the_article_country():
    df = extract_facts("وتقدمت السلطنة إلى المركز الرابع بنسبة 72%", "t", {"country_iso3": "OMN"})
    assert df.kind.tolist() == ["rank", "percent"] and df.subject_id.tolist() == ["omn", "omn"]


def test_a_newspaper_in_quotes_is_never_a_subject():
    text = "أفادت مصادر لـ«الرؤية» بأن 80% من الخدمات أتمت التحول الرقمي"
    assert extract_facts(text, "t", {}).subject_ar.isna().all()
    text = "أفادت مصادر لـ«الرؤية» بأن 80% من الجهات الحكومية أتمت التحول الرقمي"
    assert subjects(text) == ["الجهات الحكومية"]


def test_a_name_attached_after_one_figure_is_not_carried_to_the_next():
    text = (
        "أصدرت المديرية العامة للأمن الوطني 3 ملايين بطاقة.\n"
        "- 900 ألف بطاقة أنجزت بمركز الإصدار الجهوي.\n"
        "كما أصدرت 40 ألف تأشيرة."
    )
    assert subjects(text) == ["المديرية العامة للأمن الوطني", "مركز الإصدار الجهوي", "المديرية العامة للأمن الوطني"]


def test_the_channel_a_measure_names_is_the_subject_when_the_clause_names_no_body():
    text = "وقال المدير إن حجم التحصيل الحكومي عبر أجهزة الدفع الذكية بلغ 4 مليارات دينار"
    assert subjects(text, {"country_iso3": "IRQ"}) == ["أجهزة الدفع الذكية"]


def test_the_agent_of_the_measure_s_relative_clause_is_the_subject():
    text = "وبلغ عدد الحسابات التي أنشأها مشتركو الشبكة خلال العام 900 ألف حساب"
    assert subjects(text) == ["مشتركو الشبكة"]


def test_a_way_of_doing_is_not_a_channel():
    text = "أعلنت وزارة العدل أن عدد المعاملات عبر الإنترنت بلغ 2 مليون معاملة"
    assert subjects(text) == ["وزارة العدل"]


def test_a_figure_of_what_a_platform_is_named_after_is_the_platform_s():
    text = ("افتتحت مديرية الأحوال المدنية 12 مركزا جديدا للخدمة في العاصمة. وتعمل المديرية منذ العام الماضي "
            "على منظومة البطاقة الموحدة للمواطنين. وخلال الشهر الماضي تم إصدار 400 ألف بطاقة.")
    got = subjects(text)
    assert got[0] == "مديرية الأحوال المدنية"
    assert got[1] == "منظومة البطاقة الموحدة"


def test_a_generic_word_names_no_platform():
    text = ("أطلقت هيئة الحكومة الرقمية 30 خدمة جديدة. وتدير الهيئة منصة الخدمات الموحدة منذ عامين. "
            "وقدمت خلال الربع الأول 90 ألف خدمة.")
    assert subjects(text)[-1] != "منصة الخدمات الموحدة"


def test_an_operating_system_is_a_channel_of_the_app_not_a_subject():
    text = "وبلغ عدد تنزيلات تطبيق سهيل قرابة مليون تنزيل، منها 650 ألف تنزيل عبر نظام أندرويد و350 ألف عبر نظام آيفون"
    assert set(subjects(text)) == {"تطبيق سهيل"}


def test_a_count_of_countries_is_the_survey_s():
    text = ("صعدت البحرين في مؤشر الأمم المتحدة لتنمية الحكومة الإلكترونية، "
            "وشمل التقييم هذا العام 193 دولة، وحلت منصة الخدمات الوطنية بين أفضل المنصات")
    got = extract_facts(text, "t", {}).set_index("value").subject_ar
    assert got[193.0] == "مؤشر الأمم المتحدة لتنمية الحكومة الإلكترونية"


def test_a_count_of_countries_without_an_index_keeps_the_usual_rules():
    assert subjects("وتعمل منصة تواصل في 40 دولة حول العالم") == ["منصة تواصل"]


def test_a_share_of_a_population_of_bodies_is_that_population_s():
    text = ("أصدرت هيئة الحكومة الرقمية تقريرها السنوي، وأظهر أن 64% من الجهات الحكومية تعتمد التوقيع الإلكتروني، "
            "وأن غالبية البلديات الكبرى (نحو 70%) أتمتت خدماتها، وسجل متوسط أداء الوزارات 58%.")
    got = subjects(text)
    assert got == ["الجهات الحكومية", "البلديات الكبرى", "الوزارات"]


def test_that_population_is_the_one_named_before():
    text = "وقالت الوزارة إن أغلب المدارس الحكومية (نحو 75%) ربطت بالشبكة، وتملك 40% من تلك المدارس مختبرات رقمية"
    assert subjects(text) == ["المدارس الحكومية", "المدارس الحكومية"]


def test_a_noun_right_after_a_written_percent_is_no_population():
    got = subjects("وجاءت نسبة الزوار من البحرين 3.1% والولايات المتحدة 1.2% عبر منصة زوار")
    assert "الولايات المتحدة" not in got and "الولايات" not in got


def test_the_reporter_did_what_it_says_it_did():
    text = ("أعلنت هيئة تنظيم الاتصالات إطلاق مشروع الألياف الوطنية في المدن الكبرى. "
            "وأضافت أنها ركبت 900 برج اتصالات خلال العام الجاري.")
    assert subjects(text) == ["هيئة تنظيم الاتصالات"]


def test_the_index_as_an_anaphor_names_the_index_for_counts_only():
    text = ("تقدمت تونس في مؤشر جاهزية الخدمات الرقمية إلى المرتبة 40. "
            "ويستند المؤشر إلى تقييم 35 خدمة عامة. وحققت تونس في المؤشر 71%.")
    got = extract_facts(text, "t", {"country_iso3": "TUN"}).set_index("value").subject_ar
    assert got[35.0] == "مؤشر جاهزية الخدمات الرقمية"
    assert got[71.0] == "تونس"


def test_an_index_head_before_a_country_is_that_country_s_score():
    text = "وبلغ مؤشر قطر 0.81 فيما بلغ مؤشر عمان 0.77"
    assert "مؤشر قطر" not in subjects(text, {"country_iso3": "QAT"})


def test_an_instrument_in_the_measure_is_the_figure_s_channel():
    text = ("نشر البنك المركزي بيانات المدفوعات للربع الأول. وبلغ عدد المشتركين في المحافظ الإلكترونية 1.1 مليون مشترك، "
            "ونفذت على هذه المحافظ 8 ملايين عملية، فيما بلغت المدفوعات في محطات الوقود 120 مليون دينار.")
    got = subjects(text)
    assert got == ["المحافظ الإلكترونية", "المحافظ", "محطات الوقود"]


def test_a_channel_right_before_the_figure_is_its_channel():
    text = "أعلنت شركة المدفوعات الوطنية أن قيمة الفواتير المدفوعة عن طريق الخطوط الأرضية 30 مليار ليرة خلال الربع الأول"
    assert subjects(text) == ["الخطوط الأرضية"]


def test_every_channel_together_is_no_channel():
    text = "وبلغت الرسوم المحصلة عبر قنوات الدفع المختلفة 900 مليون دينار وفق دائرة المدفوعات الحكومية"
    assert subjects(text)[0] != "قنوات الدفع المختلفة"


def test_a_headline_figure_is_of_the_name_its_measure_names_with_lam():
    text = "22% نسبة رقمنة للخدمات الحكومية في تونس\nأعلنت وزارة تكنولوجيات الاتصال عن خطة جديدة."
    assert subjects(text, {"country_iso3": "TUN"})[0] == "للخدمات الحكومية"


def test_a_share_of_all_government_transactions_is_the_whole_s_unless_an_agent_handles_it():
    text = "وأنجزت منصة درب 50 مليون عملية، ما يعني أن 90% من المعاملات الحكومية تتم رقميا"
    assert subjects(text)[1] == "المعاملات الحكومية"
    text = "وتعالج منصة درب 80% من المعاملات الحكومية خلال دقائق"
    assert subjects(text) == ["منصة درب"]


@pytest.mark.parametrize(
    "text, want",
    [
        # a total or a value of a stated thing, reported by a bank or a ministry
        ("وفقا لبيانات البنك المركزي، بلغ إجمالي الإيرادات الضريبية الإلكترونية 3 مليارات دينار", "الإيرادات الضريبية الإلكترونية"),
        ("وأوضحت الوزارة أن قيمة استخدام أنظمة المقاصة الآلية تجاوزت 40 مليار ريال", "استخدام أنظمة المقاصة الآلية"),
        # the subject of the change a percent measures, and the value given with it
        ("وأشار الوزير إلى أن المدفوعات الرقمية للموانئ شهدت نموا بنسبة 21% بقيمة 90 مليار جنيه", "المدفوعات الرقمية للموانئ"),
    ],
)
def test_a_reporter_s_figure_about_a_stated_thing_is_that_thing_s(text, want):
    got = subjects(text)
    assert got and all(g == want for g in got), got


def test_the_thing_s_figure_for_another_year_is_the_thing_s_too():
    got = subjects("وقال البنك المركزي إن إجمالي التحصيلات الجمركية الإلكترونية بلغ 2 مليار درهم، في حين بلغ العام الماضي 300 مليون درهم")
    assert got == ["التحصيلات الجمركية الإلكترونية"] * 2


def test_a_platform_s_own_amounts_stay_the_platform_s():
    text = "أطلقت وزارة المالية منصة سداد العام الماضي.\nوبلغت قيمة المدفوعات الحكومية الإلكترونية 5 مليارات ريال"
    assert subjects(text) == ["منصة سداد"]


def test_a_quantity_that_changes_is_measured_not_whose_figure_it_is():
    got = subjects("وفقا لتقرير وزارة العدل: تم تقليص وقت إنجاز المعاملات بنسبة 40%")
    assert got == ["وزارة العدل"]


def test_a_generic_noun_is_no_owner():
    assert subjects("وأعلنت هيئة الاتصالات أن قيمة المعاملات ارتفعت بنسبة 12%") == ["هيئة الاتصالات"]


@pytest.mark.parametrize(
    "text, want",
    [
        ("وتصدرت خدمة تجديد رخص القيادة قائمة الخدمات بواقع 120 ألف طلب", ["خدمة تجديد رخص القيادة"]),
        ("وتصدرت البلديات سجل الطلبات بعدد 40 ألف طلب، تلتها المديريات الجهوية بـ 25 ألف طلب", ["البلديات", "المديريات الجهوية"]),
        ("وتصدر قطاع الصحة قائمة الشكاوى بواقع 9 آلاف شكوى، متبوعا بقطاع التعليم بإجمالي 7 آلاف شكوى", ["قطاع الصحة", "قطاع التعليم"]),
        ("وتحتل خدمة استخراج شهادة الميلاد المرتبة الأولى بنسبة 31%", ["خدمة استخراج شهادة الميلاد"]),
        ("وكانت خدمة دفع المخالفات المرورية الأكثر استخداما بـ 800 ألف عملية", ["خدمة دفع المخالفات المرورية"]),
    ],
)
def test_a_figure_given_to_a_ranked_item_is_that_item_s(text, want):
    assert subjects("أعلنت هيئة الحكومة الرقمية حصيلة العام. " + text) == want


def test_an_item_named_by_the_lexicon_keeps_its_name():
    got = extract_facts("وتصدرت منصة أبشر قائمة المنصات الأكثر استخداما بعدد 30 مليون مستخدم", "t", {})
    assert got.subject_ar.tolist() == ["منصة أبشر"] and got.subject_id.notna().all()


@pytest.mark.parametrize(
    "text",
    [
        "وجاءت الوزارة لتعلن عن 120 ألف طلب خلال الشهر",  # جاء without a rank noun or a superlative ranks nothing
        "وتأتي في المرتبة الأولى خدمات التعليم بنسبة 40%",  # the rank before its item is not read
    ],
)
def test_no_ranked_item_without_a_ranking(text):
    got = extract_facts("أعلنت هيئة الحكومة الرقمية حصيلة العام. " + text, "t", {})
    assert "subject:ranked_item" not in "+".join(got.rule)


def test_a_list_s_header_names_whose_figures_they_are_when_only_a_reporter_is_named():
    text = (
        "نشر البنك المركزي أرقام الربع الثالث كما يلي:\n"
        "حركة التحويلات المالية خلال الربع الثالث\n"
        "تحويلات فورية 12.5 مليار دينار\n"
        "تحويلات بالشيكات 8 مليارات دينار\n"
        "إجمالي القيمة 20.5 مليار دينار\n"
    )
    assert subjects(text) == ["حركة التحويلات المالية"] * 3


@pytest.mark.parametrize(
    "header",
    [
        "أبرز الأرقام",  # names no thing
        "التقرير السنوي للعام الماضي",  # a report
        "سجلت الهيئة ما يلي",  # a clause, not a header
    ],
)
def test_no_list_header_from_a_line_that_names_no_thing(header):
    text = f"نشرت هيئة الحكومة الرقمية أرقامها.\n{header}\nمعاملات إلكترونية 3 ملايين معاملة\nزيارات للبوابة 9 ملايين زيارة\n"
    assert "subject:list_header" not in "+".join(extract_facts(text, "t", {}).rule)


def test_a_platform_s_list_stays_the_platform_s():
    text = "منصة سند في أرقام:\nالخدمات الإلكترونية المقدمة\nمعاملات منجزة 3 ملايين معاملة\nمستخدمون مسجلون 900 ألف مستخدم\n"
    assert subjects(text) == ["منصة سند"] * 2


def test_the_value_of_what_a_figure_counts_is_that_figure_s_subject_s():
    text = "أعلن البنك المركزي أرقام العام. ونفذت على هذه المحافظ 8 ملايين عملية بقيمة إجمالية 3 مليارات دينار"
    assert subjects(text) == ["المحافظ"] * 2


def test_a_value_after_a_named_channel_is_not_the_previous_figure_s():
    text = "نفذت منصة سداد مليون عملية، وعبر تطبيق درب بقيمة 5 مليارات ريال"
    got = extract_facts(text, "t", {})
    assert "subject:value_of_previous" not in got.rule.iloc[1]


def test_the_topic_a_sentence_opens_on_takes_its_figures_from_the_reporter():
    text = "قدمت وزارة العدل حصيلة العام. وفيما يخص خدمة السجل العدلي عن بعد، أوضح المدير أن هذه الخدمة سهلت الإجراءات، حيث تم إحصاء 95 ألف طلب"
    assert subjects(text) == ["خدمة السجل العدلي عن بعد"]


def test_a_survey_keeps_its_results_under_a_fronted_topic():
    text = 'أظهر مسح "نبض الخدمات" الحكومي نتائجه. وبالنسبة لرأي المواطنين في الخدمات الرقمية، فضل 61% منهم الهاتف'
    got = extract_facts(text, "t", {})
    assert "subject:fronted_topic" not in got.rule.iloc[0]


def test_a_gift_is_its_giver_s():
    text = ("انطلقت حملة العطاء الوطنية عبر منصة جود بتبرع من لدن الملك عبدالله بن حسين بمبلغ 5 ملايين دينار، "
            "وولي العهد الأمير حسين بن عبدالله بـ3 ملايين دينار")
    assert subjects(text) == ["الملك عبدالله بن حسين", "ولي العهد الأمير حسين بن عبدالله"]


def test_a_sum_after_a_person_with_no_gift_link_stays_the_platform_s():
    text = "وقال الشيخ محمد إن منصة جود جمعت 5 ملايين دينار"
    assert subjects(text) == ["منصة جود"]


def test_a_quantity_is_no_ranked_item():
    got = extract_facts("أعلنت هيئة الحكومة الرقمية نتائج المسح. وكانت نسبة الرضا الأعلى بنسبة 90%", "t", {})
    assert "subject:ranked_item" not in got.rule.iloc[0]


def test_a_clause_after_a_title_is_no_donor():
    got = extract_facts("وقال الشيخ محمد إن الحملة أطلقت منصة جود ب 5 ملايين دينار", "t", {})
    assert "subject:donor" not in got.rule.iloc[0]


def test_the_agent_of_a_relative_clause_in_the_measure_is_named_by_its_anaphor():
    text = 'أطلقت هيئة الحكومة الرقمية منصة "تيسير" العام الماضي. وارتفعت الخدمات التي تقدمها المنصة إلى 140 خدمة'
    assert subjects(text) == ['منصة "تيسير"']


def test_a_percent_in_a_relative_clause_of_an_index_stays_the_country_s():
    text = "حققت عُمان تقدما في مؤشر نضج الخدمات. وبلغت نسبة المحاور التي يقيسها المؤشر 80%"
    got = extract_facts(text, "t", {})
    assert "subject:relative_agent" not in got.rule.iloc[0]


def test_a_list_header_that_is_a_known_name_keeps_its_entity():
    text = ("نشر البنك المركزي تقريره، وقال البنك المركزي إن الأرقام تعكس النمو:\nالمديرية العامة للجوازات خلال الربع الثالث\n"
            "تأشيرات صادرة 12 مليون تأشيرة\nجوازات مجددة 300 ألف جواز\n")
    got = extract_facts(text, "t", {})
    assert got.subject_ar.tolist() == ["المديرية العامة للجوازات"] * 2 and got.subject_id.notna().all()
    assert got.rule.str.contains("subject:list_header").all()


def test_a_body_whose_official_reports_the_figure_yields_to_the_stated_thing():
    got = extract_facts("وقال محافظ البنك المركزي إن إجمالي الجباية الضريبية الإلكترونية بلغ 3 مليارات دينار", "t", {})
    assert got.subject_ar.tolist() == ["الجباية الضريبية الإلكترونية"]


def test_a_body_whose_official_reports_the_figure_is_still_the_subject_when_nothing_else_is_named():
    assert subjects("وقال مدير عام هيئة الحكومة الرقمية إن الهيئة أنجزت 40 ألف معاملة") == ["هيئة الحكومة الرقمية"]
