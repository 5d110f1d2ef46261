"""Adoption indicators: families, monthly and per-resident rates, population of the figure's year, plausibility."""

import math

import pandas as pd
import pytest

from arqam import adoption_indicators, extract_facts, load_reference
from arqam.adoption import ADOPTION_COLUMNS, families, family_of
from arqam.facts import FACT_COLUMNS
from arqam.reference import figure, internet_users_pct, population

INF = math.inf


def _fact(doc="d", i=0, value=1_000_000.0, measure="transactions", **kw):
    """One facts row shaped by FACT_COLUMNS, as any facts table would give it."""
    r = dict.fromkeys(FACT_COLUMNS)
    r.update(fact_id=f"{doc}:{i}", doc_id=doc, char_start=i, char_end=i + 5, quote_ar=f"جملة {i}", value=value,
             value_low=value, value_high=value, qualifier="exact", kind="number", measure=measure, role="level",
             subject_id="x.portal", subject_ar="البوابة", subject_en="Portal", subject_scope="platform",
             period_iso="2024", period_start="2024-01-01", period_end="2024-12-31", country_iso3="JOR", rule="test")
    r.update(kw)
    return r


def _facts(*rows):
    return pd.DataFrame(list(rows), columns=FACT_COLUMNS)


def _ind(*rows):
    return adoption_indicators(_facts(*rows), checks=pd.DataFrame(columns=["fact_ids", "verdict"]))


def test_reference_has_every_arab_league_country_with_yearly_population_and_internet_use():
    refs = load_reference()
    assert refs["iso3"].nunique() == 22
    pop = refs[refs.indicator == "population_total"].groupby("iso3").year.agg(["min", "max", "count"])
    assert (pop["min"] == 2010).all() and (pop["max"] == 2024).all() and (pop["count"] == 15).all()
    net = refs[refs.indicator == "internet_users_pct"]
    assert net.year.min() == 2015 and net.year.max() == 2024 and net.iso3.nunique() == 22
    assert set(refs.loc[refs.indicator == "gtmi_score", "year"]) == {2022, 2025}
    assert {2016, 2024} <= set(refs.loc[refs.indicator == "egdi", "year"])
    assert refs["source"].notna().all() and refs["retrieved_from"].str.startswith("https://").all()


def test_population_lookup_names_its_source_and_year():
    p = population("SAU")
    assert (p.year, p.value) == (2024, 35_300_280)
    assert "World Bank" in p.source
    assert population("XXX") is None
    assert population("JOR", 2015).year == 2015
    assert population("JOR", 2025).year == 2024  # latest published
    assert population("JOR", 2005).year == 2010  # none earlier: the closest later year
    assert figure("JOR", "population_total", 2005) is None  # figure() itself does not look later unless asked


def test_internet_use_is_not_taken_from_years_away():
    assert internet_users_pct("JOR", 2024).value > 50
    assert internet_users_pct("SDN", 2017).year == 2017
    assert internet_users_pct("SDN", 2024) is None  # Sudan's series stops in 2017: not used for 2024


def test_monthly_per_capita_with_views_split():
    text = (
        "سجلت منصة أبشر 40,000,000 عملية خلال شهر مايو 2024.\n"
        "ويعود الجزء الأكبر من العمليات المسجلة على منصة أبشر إلى ميزة المحفظة الرقمية حيث تم إجراء 30,000,000 عملية استعراض للوثائق الرقمية."
    )
    a = adoption_indicators(extract_facts(text, "s", {"country_iso3": "SAU"}))
    total = a[a.measure == "operations"].iloc[0]
    views = a[a.measure == "document_views"].iloc[0]
    pop = population("SAU", 2024).value
    assert total.period_months == 1 and total.period_iso == "2024-05" and total.family == "e_transactions"
    assert total.per_capita_month == pytest.approx(40_000_000 / pop)  # the stated figure
    assert total.per_resident == pytest.approx(10_000_000 / pop)  # what the family compares: views left out
    assert (total.views_value, total.transactional_value) == (30_000_000, 10_000_000)
    assert not views.is_transactional and total.is_transactional and views.family == "views_inquiries"
    assert total.population_year == 2024 and "World Bank" in total.population_source
    assert "document views" in total.caveat_en


def test_yearly_figure_becomes_a_monthly_rate():
    a = adoption_indicators(extract_facts("أنجزت وزارة الداخلية أكثر من 24 مليون خدمة إلكترونية خلال العام الجاري", "e", {"country_iso3": "EGY", "published": "2025-12-30"}))
    (row,) = a.itertuples()
    assert row.period_months == 12 and row.per_month == 2_000_000
    assert row.per_capita_month == pytest.approx(2_000_000 / population("EGY").value)
    assert math.isinf(row.per_capita_month_high) and math.isinf(row.per_internet_user_high)  # "أكثر من": no upper bound
    assert row.scope == "ministry" and row.subject_id == "egy.moi"
    assert row.population_year == 2024 and "2025 figure" in row.caveat_en  # 2025 has no population yet: the latest, said so


def test_digital_share_and_growth():
    text = (
        "بلغ عدد الحركات الالكترونية على الخدمات الحكومية الإلكترونية قرابة 2.9 مليون حركة الكترونية خلال الشهر الاول من العام الحالي. "
        "وزاد عدد الحركات الالكترونية على خدمات حكومية إلكترونية بمقدار 900 الف حركة إلكترونية وبنسبة تصل الى 45 بالمائة مقارنة بعدد الحركات الالكترونية في نفس الفترة من العام الماضي والتي بلغت وقتها قرابة 2 مليون حركة الكترونية. "
        "فقد شكلت الحركات الالكترونية نسبة تتجاوز الـ 90 بالمائة من اجمالي اعداد الحركات المنفذة على خدمات حكومية مؤتمتة والتي بلغت قرابة 3.2 مليون حركة."
    )
    a = adoption_indicators(extract_facts(text, "j", {"country_iso3": "JOR"}))
    cur = a[a.period_rel == "current"].iloc[0]
    assert cur.value == 2_900_000
    assert cur.digital_share_pct == pytest.approx(90.625) and cur.digital_share_pct_stated == 90
    assert cur.yoy_growth_pct == pytest.approx(45.0) and cur.yoy_growth_pct_stated == 45
    assert cur.scope == "whole government"
    assert 3_200_000 not in a.value.tolist()  # the all-channel total is context, not adoption
    assert cur.audit_verdict == "consistent"


def test_no_period_gives_no_rate_but_keeps_the_row():
    a = adoption_indicators(extract_facts("سجلت منصة أبشر 5 ملايين عملية", "s", {"country_iso3": "SAU"}))
    (row,) = a.itertuples()
    assert pd.isna(row.per_capita_month) and pd.isna(row.per_resident) and "no monthly rate" in row.caveat_en


def test_user_reference_file(tmp_path):
    refs = load_reference()
    mine = refs[refs.indicator != "population_total"].copy()
    extra = refs[(refs.indicator == "population_total") & (refs.iso3 == "SAU") & (refs.year == 2024)].copy()
    extra["value"] = 10_000_000.0
    path = tmp_path / "ref.csv"
    pd.concat([mine, extra]).drop(columns="value_text").to_csv(path, index=False)
    a = adoption_indicators(extract_facts("سجلت منصة أبشر 5 ملايين عملية خلال شهر مايو 2024", "s", {"country_iso3": "SAU"}), reference=path)
    assert a.per_capita_month.iloc[0] == pytest.approx(0.5)


def test_empty_facts():
    assert adoption_indicators(extract_facts("", "x")).empty
    assert list(adoption_indicators(pd.DataFrame(columns=FACT_COLUMNS)).columns) == ADOPTION_COLUMNS


@pytest.mark.parametrize(("measure", "kind", "role", "value", "family"), [
    ("transactions", "number", "level", 5e6, "e_transactions"),
    ("operations", "number", "level", 5e6, "e_transactions"),
    ("services", "number", "level", 20e6, "e_transactions"),  # deliveries of services, not a catalogue
    ("services", "number", "level", 450, "services_online"),
    ("services", "percent", "rate_pct", 47, "services_digitised_pct"),
    ("payments", "money", "level", 5e9, "e_payments"),
    ("users", "number", "level", 3e6, "registered_users"),
    ("digital_ids", "number", "level", 3e6, "digital_ids"),
    ("document_views", "number", "level", 3e6, "views_inquiries"),
    ("downloads", "number", "level", 3e5, "app_downloads"),
    ("transactions", "percent", "change_pct", 45, None),  # a growth rate is not a level
    ("satisfaction", "percent", "rate_pct", 90, None),
    ("entities", "number", "level", 52, None),
    (None, "number", "level", 5e6, None),
])
def test_family_of(measure, kind, role, value, family):
    got = family_of(measure, kind, role, value)
    assert (got.family if got else None) == family


def test_a_new_transactional_measure_in_the_lexicon_counts_as_transactions(monkeypatch):
    import arqam.adoption as ad

    monkeypatch.setattr(ad, "_transactional_measures", lambda: frozenset({"bookings"}))
    assert family_of("bookings", "number", "level", 1000).family == "e_transactions"
    assert family_of("complaints", "number", "level", 1000) is None


def test_families_are_ordered_and_described():
    fams = families()
    assert list(fams)[:2] == ["e_transactions", "e_payments"]
    assert {f.basis for f in fams.values()} == {"flow", "stock", "count", "share"}
    assert not fams["views_inquiries"].is_transactional


def test_population_and_internet_use_of_the_figures_year():
    a = _ind(_fact(i=1, value=1_200_000, period_iso="2016", period_start="2016-01-01", period_end="2016-12-31"),
             _fact(i=2, value=2_400_000, subject_id="x.other", period_iso="2022-03", period_start="2022-03-01", period_end="2022-03-31"))
    old, new = a.sort_values("figure_year").itertuples()
    assert (old.population_year, old.internet_year) == (2016, 2016)
    assert (new.population_year, new.internet_year) == (2022, 2022)
    assert old.per_resident == pytest.approx(100_000 / population("JOR", 2016).value)
    assert new.per_internet_user == pytest.approx(new.per_resident / (internet_users_pct("JOR", 2022).value / 100))
    assert old.egdi_year == 2016 and new.egdi_year == 2022 and new.gtmi_year == 2022


def test_quarter_half_and_open_periods():
    a = _ind(_fact(i=1, period_iso="2024-Q1", period_start=None, period_end=None),
             _fact(i=2, subject_id="b", period_iso="2024-H1", period_start=None, period_end=None),
             _fact(i=3, subject_id="c", period_iso="2016", period_start=None, period_end="2016-12-31"),  # "until the end of 2016"
             _fact(i=4, subject_id="d", period_iso="2019-05/2021-03", period_start="2019-05-01", period_end="2021-03-31"),
             _fact(i=5, subject_id="e", period_iso="2025-08-11", period_start="2025-08-11", period_end="2025-08-11"))  # "as of" a date
    months = dict(zip(a.subject_id.fillna("a"), a.period_months))
    assert months["x.portal"] == 3 and months["b"] == 6 and months["d"] == 23
    assert pd.isna(months["e"])
    assert pd.isna(months["c"])  # a count up to a date from an unstated start has no monthly rate
    assert a.set_index("subject_id").loc["d", "figure_year"] == 2020  # a flow's year: the middle of its period


def test_parts_of_the_same_family_are_folded_and_other_families_kept():
    a = _ind(_fact(i=1, value=10_000_000),
             _fact(i=2, value=4_000_000, subject_id="x.part", parent_fact_id="d:1"),  # a part: folded, never a second row
             _fact(i=3, value=2_000_000, measure="users", subject_id="x.part", parent_fact_id="d:1"))  # another family: its own row
    assert sorted(a.family) == ["e_transactions", "registered_users"]
    assert a.loc[a.family == "e_transactions", "value"].tolist() == [10_000_000]


def test_a_repeated_figure_gives_one_row_and_index_figures_none():
    a = _ind(_fact(i=1), _fact(i=50), _fact(i=90, subject_scope="index", subject_id="un.egdi", measure="services", value=193))
    assert len(a) == 1


def test_figures_that_cannot_be_counts_are_kept_but_not_compared():
    a = _ind(_fact(i=1, value=4.188, measure="licenses"),  # "4.188" written with a dot for thousands
             _fact(i=2, value=2.5e12, subject_id="b", period_iso="2024-05", period_start="2024-05-01", period_end="2024-05-31"),
             _fact(i=3, value=9e7, measure="users", subject_id="c"),  # more users than residents
             _fact(i=4, value=9e5, subject_id="d"))
    ok = dict(zip(a.value, a.is_plausible))
    assert ok == {4.188: False, 2.5e12: False, 9e7: False, 9e5: True}
    assert "not a whole number" in a.loc[a.value == 4.188, "caveat_en"].iloc[0]
    assert "ceiling" in a.loc[a.value == 2.5e12, "caveat_en"].iloc[0]


def test_money_keeps_its_currency_and_an_unknown_currency_is_said():
    a = _ind(_fact(i=1, kind="money", unit="EGP", measure="payments", value=6e11),
             _fact(i=2, kind="money", unit=None, measure="payments", subject_id="b", value=1e10))
    egp = a[a.unit == "EGP"].iloc[0]
    assert egp.family == "e_payments" and egp.rate_unit_en == "EGP per resident per month"
    unknown = a[a.unit.isna()].iloc[0]
    assert unknown.rate_unit_en.startswith("currency unknown") and "not identified" in unknown.caveat_en


def test_any_facts_table_with_missing_fields_and_unknown_scopes():
    a = _ind(_fact(i=1, subject_id=None, subject_en=None, subject_scope="quoted", country_iso3=None),
             _fact(i=2, subject_id=None, subject_ar=None, subject_scope=None, period_iso=None, period_start=None, period_end=None,
                   qualifier="more_than", value_high=INF),
             _fact(i=3, measure="a_key_no_one_knows"))
    assert len(a) == 2
    nocountry = a[a.country_iso3.isna()].iloc[0]
    assert nocountry.scope == "platform" and pd.isna(nocountry.per_resident) and "country unknown" in nocountry.caveat_en


def test_views_larger_than_their_total_leave_no_negative_remainder():
    a = _ind(_fact(i=1, value=1_000_000, measure="operations", period_iso="2024-05", period_start="2024-05-01", period_end="2024-05-31"),
             _fact(i=2, value=3_000_000, measure="document_views", subject_id="x.wallet", parent_fact_id="d:1",
                   period_iso="2024-05", period_start="2024-05-01", period_end="2024-05-31"))
    total = a[a.family == "e_transactions"].iloc[0]
    assert total.per_resident == 0 and total.per_resident_low == 0 and total.per_resident_high == 0
    assert "exceed the total" in total.caveat_en
