"""arqam.compare: comparison table, ranking, model, charts (headless), files, and the Arabic shaping guard."""

import math

import matplotlib

matplotlib.use("Agg")

import duckdb  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.container import BarContainer, ErrorbarContainer  # noqa: E402

from arqam import adoption_indicators, facts_frame, load_reference  # noqa: E402
from arqam.adoption import ADOPTION_COLUMNS  # noqa: E402
from arqam.compare import (  # noqa: E402
    caveat_lines,
    comparison_table,
    countries_without_figures,
    fit_adoption_model,
    fit_adoption_models,
    plot_adoption_vs_index,
    plot_families,
    plot_growth,
    ranking_table,
    save_figure,
    select_countries,
    write_adoption,
)
from arqam.facts import FACT_COLUMNS  # noqa: E402

INF = math.inf
NO_CHECKS = pd.DataFrame(columns=["fact_ids", "verdict"])

# Five short articles written for this test, in the style of government news, one country each.
FIVE_COUNTRIES = {
    "kwt": ("KWT", "2025-01-15", "أعلنت الهيئة العامة للمعلومات المدنية أن تطبيق سهل الحكومي سجل أكثر من 12 مليون معاملة إلكترونية خلال عام 2024."),
    "mar": ("MAR", "2025-04-10", "أفادت الوزارة المكلفة بالانتقال الرقمي بأن البوابة الوطنية للخدمات العمومية استقبلت 850 ألف طلب إلكتروني خلال شهر مارس 2025."),
    "irq": ("IRQ", "2025-01-20", "وبلغ عدد المستخدمين المسجلين في بوابة أور الحكومية نحو 4.5 مليون مستخدم حتى نهاية عام 2024."),
    "tun": ("TUN", "2025-07-02", "وأكدت الوزارة أن عدد الهويات الرقمية المفعلة عبر الهاتف الجوال بلغ 150 ألف هوية رقمية في شهر يونيو 2025."),
    "omn": ("OMN", "2025-02-01", "وأوضحت وزارة النقل والاتصالات وتقنية المعلومات أن عدد الخدمات الحكومية المتاحة إلكترونيا بلغ 2400 خدمة في عام 2024."),
}


def _fact(doc, i, country, value, measure="transactions", **kw):
    r = dict.fromkeys(FACT_COLUMNS)
    r.update(fact_id=f"{doc}:{i}", doc_id=doc, char_start=i, char_end=i + 3, quote_ar=f"جملة {i}", value=value, value_low=value,
             value_high=value, qualifier="exact", kind="number", measure=measure, role="level", subject_id=f"{country.lower()}.portal",
             subject_en="Portal", subject_ar="البوابة", subject_scope="platform", period_iso="2024", period_start="2024-01-01",
             period_end="2024-12-31", country_iso3=country, rule="test")
    r.update(kw)
    return r


def _ind(rows):
    return adoption_indicators(pd.DataFrame(rows, columns=FACT_COLUMNS), checks=NO_CHECKS)


@pytest.fixture(scope="module")
def ind():
    """SAU: Absher with views inside and a part; JOR: two years; EGY: a yearly count "more than"; BHR: no period."""
    rows = [
        _fact("sau", 1, "SAU", 41_000_000, "operations", period_iso="2024-08", period_start="2024-08-01", period_end="2024-08-31",
              qualifier="more_than", value_high=INF, subject_id="sau.moi.absher", subject_en="Absher"),
        _fact("sau", 2, "SAU", 30_000_000, "document_views", parent_fact_id="sau:1", period_iso="2024-08", period_start="2024-08-01",
              period_end="2024-08-31", subject_id="sau.moi.absher.wallet", subject_scope="service"),
        _fact("sau", 3, "SAU", 2_000_000, "operations", parent_fact_id="sau:1", period_iso="2024-08", period_start="2024-08-01",
              period_end="2024-08-31", subject_id="sau.moi.jawazat", subject_scope="agency"),
        _fact("sau", 4, "SAU", 9_000_000, "appointments", subject_id="sau.moh.sehhaty", period_iso="2023", period_start="2023-01-01",
              period_end="2023-12-31"),
        _fact("jor", 1, "JOR", 2_900_000, period_iso="--01", period_start=None, period_end=None, period_rel="current",
              qualifier="approximately", value_low=2_850_000, value_high=2_950_000, subject_scope="whole_government"),
        _fact("jor", 2, "JOR", 2_000_000, period_iso="--01", period_start=None, period_end=None, period_rel="previous_year",
              qualifier="approximately", value_low=1_950_000, value_high=2_050_000, subject_scope="whole_government"),
        _fact("egy", 1, "EGY", 24_000_000, "services", qualifier="more_than", value_high=INF, subject_id="egy.moi", subject_scope="ministry"),
        _fact("egy", 2, "EGY", 6e11, "payments", kind="money", unit="EGP"),
        _fact("bhr", 1, "BHR", 600_000, period_iso=None, period_start=None, period_end=None),
        _fact("bhr", 2, "BHR", 4.188, "licenses", subject_id="bhr.x"),
    ]
    return _ind(rows)


def test_comparison_table_labels_sets_and_headlines(ind):
    t = comparison_table(ind)
    assert list(dict.fromkeys(t.country_iso3)) == ["BHR", "EGY", "JOR", "SAU"]
    assert t.country_label[t.country_iso3 == "EGY"].iloc[0] == "مصر / Egypt"
    sau = t[(t.country_iso3 == "SAU") & (t.family == "e_transactions")]
    assert list(sau.subject_id) == ["sau.moi.absher", "sau.moh.sehhaty"]  # the part (jawazat) is folded into Absher
    assert list(sau.is_headline) == [True, False]  # the largest figure, never the sum of the two
    absher = sau.iloc[0]
    assert absher.compared == pytest.approx(11_000_000 / absher.population)  # views left out of the compared rate
    assert absher.compared_display.startswith("more than ")
    views = t[t.family == "views_inquiries"].iloc[0]
    assert views.is_included_elsewhere and views.included_in_subject_id == "sau.moi.absher" and views.is_headline
    jor = t[t.country_iso3 == "JOR"]
    assert list(jor.period_rel) == ["current", "previous_year"] and list(jor.is_headline) == [True, False]
    assert jor.yoy_growth_pct.iloc[0] == pytest.approx(45.0)
    assert jor.yoy_growth_pct_low.iloc[0] == pytest.approx(2.85 / 2.05 * 100 - 100)
    assert jor.value_display.iloc[0] == "2,900,000 (2,850,000–2,950,000)"
    egp = t[t.family == "e_payments"].iloc[0]
    assert egp.compare_set == "e_payments:EGP"
    bhr = t[t.country_iso3 == "BHR"]
    assert not bhr.is_headline.any()  # no period, and a figure that is not a count: in the table, not compared
    assert comparison_table(ind.sample(frac=1, random_state=3)).equals(t)  # order does not depend on input order


def test_ranking_and_rank_range(ind):
    r = ranking_table(ind)
    tx = r[r.compare_set == "e_transactions"]
    assert list(tx.country_iso3) == ["SAU", "JOR", "EGY"] and list(tx["rank"]) == [1, 2, 3]
    # SAU's floor lies above JOR's interval, so JOR is at best 2nd; EGY is "more than" and could pass either
    assert list(tx.rank_range) == ["1–2", "2–3", "1–3"]
    assert tx.n_countries.iloc[0] == 3 and tx.n_figures.iloc[0] == 2
    assert "BHR" not in set(r.country_iso3)


def test_caveat_lines_name_the_folding(ind):
    lines = caveat_lines(ind)
    assert len(lines) == len(ind)
    assert any("already counted in the sau.moi.absher total" in line for line in lines)
    assert any("a year earlier" in line for line in lines)


def test_select_countries(ind):
    assert set(select_countries(ind, " sau, jor ").country_iso3) == {"SAU", "JOR"}
    assert len(select_countries(ind, "")) == len(ind)
    with pytest.raises(ValueError, match="XYZ"):
        select_countries(ind, "SAU,XYZ")
    assert select_countries(ind, "PSE").empty  # every Arab League country is known, with or without rows


def test_countries_without_figures():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "country_iso3": ["SAU", "KWT", "KWT"]})
    out = countries_without_figures(docs, pd.DataFrame({"country_iso3": ["SAU"]}))
    assert out.to_dict("records") == [{"country_iso3": "KWT", "n_articles": 2}]


def test_five_countries_written_for_the_test_all_appear():
    docs = pd.DataFrame([{"doc_id": k, "text": t, "country_iso3": c, "published": p} for k, (c, p, t) in FIVE_COUNTRIES.items()])
    ind = adoption_indicators(facts_frame(docs))
    table = comparison_table(ind)
    assert set(table.country_iso3) == {"KWT", "MAR", "IRQ", "TUN", "OMN"}
    ranking = ranking_table(table)
    assert set(ranking.country_iso3) == {"KWT", "MAR", "IRQ", "TUN", "OMN"}  # each compared in its family
    assert set(ranking.compare_set) == {"e_transactions", "registered_users", "digital_ids", "services_online"}
    fig = plot_families(table)
    try:
        labels = {t.get_text() for ax in fig.axes for t in ax.get_yticklabels()}
        assert {"الكويت / Kuwait", "المغرب / Morocco", "العراق / Iraq", "تونس / Tunisia", "عُمان / Oman"} <= labels
    finally:
        plt.close(fig)


def _world(n_countries: int, noise: float = 0.05, seed: int = 0) -> pd.DataFrame:
    """Indicators for the first n Arab League countries (by code) whose adoption follows EGDI (log-linear), two years each."""
    refs = load_reference()
    egdi = refs[(refs.indicator == "egdi") & (refs.year == 2024)].set_index("iso3").value
    rng = np.random.default_rng(seed)
    rows = []
    for k, c in enumerate(sorted(refs.iso3.unique())[:n_countries]):
        pop = refs[(refs.iso3 == c) & (refs.indicator == "population_total") & (refs.year == 2024)].value.iloc[0]
        pc = math.exp(-6.0 + 6.0 * egdi.get(c, 0.5) + rng.normal(0, noise))  # PSE has no EGDI (not a UN member state)
        d = c.lower()
        rows.append(_fact(d, 1, c, round(pc * pop * 12), subject_scope=["platform", "whole_government", "ministry"][k % 3],
                          qualifier="more_than" if k % 4 == 0 else "exact", value_high=INF if k % 4 == 0 else round(pc * pop * 12)))
        rows.append(_fact(d, 2, c, round(pc * pop * 12 * 0.6), period_iso="2023", period_start="2023-01-01", period_end="2023-12-31"))
        rows.append(_fact(d, 3, c, round(pc * pop * 12 * 0.2), "operations", subject_id=f"{d}.moi"))
        rows.append(_fact(d, 4, c, int(100 + 50 * k), "services", period_iso=None, period_start=None, period_end=None))
    return _ind(rows)


def test_model_below_eight_countries_says_why():
    m = fit_adoption_model(_world(5))
    assert m["n"] == 5 and not m["fitted"] and m["params"] == {}
    assert "at least 8" in m["sentence"] and "none is fitted" in m["sentence"] and m["warning"] == m["sentence"]
    assert fit_adoption_model(pd.DataFrame(columns=ADOPTION_COLUMNS))["n"] == 0


def test_model_with_enough_countries_recovers_the_slope():
    world = _world(22)
    m = fit_adoption_model(world, "egdi", "e_transactions")
    assert m["fitted"] and m["n"] == 21 and m["method"].startswith("RLM")  # PSE: no EGDI
    assert m["params"]["egdi"] == pytest.approx(6.0, abs=0.3)  # one point per country, the 2024 figure
    assert m["bse"]["egdi"] > 0 and m["pvalues"]["egdi"] < 0.001
    assert "over 21 countries" in m["sentence"]
    models = fit_adoption_models(world)
    assert models.set_index("compare_set").loc["e_transactions", "fitted"]


def test_model_with_one_index_value_has_no_slope():
    world = _world(9).assign(egdi=0.8)
    m = fit_adoption_model(world)
    assert not m["fitted"] and "one EGDI value" in m["sentence"]


def _overlaps(labels) -> bool:
    boxes = [t.get_window_extent() for t in labels if t.get_text()]
    return any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


@pytest.mark.parametrize("n", [3, 16, 22])
def test_family_panels_stay_readable(n):
    world = _world(n)
    fig = plot_families(world)
    try:
        fig.canvas.draw()
        main = [ax for ax in fig.axes if ax.get_yticklabels() and ax.get_ylabel() == "" and ax.get_xlabel()]
        assert len(main) == 2  # transactions and services, one panel each
        tx = main[0]
        labels = [t.get_text() for t in tx.get_yticklabels()]
        assert len(labels) == n  # every country with a figure, once
        values = [p.get_width() + p.get_x() for c in tx.containers if isinstance(c, BarContainer) for p in c]
        assert values == sorted(values)  # sorted: the largest at the top
        assert not _overlaps(tx.get_yticklabels())
        assert all(" / " in lbl for lbl in labels)  # Arabic / English
        assert any(isinstance(c, ErrorbarContainer) for c in tx.containers)
        assert any(getattr(a, "arrow_patch", None) is not None for a in tx.texts)  # "more than" arrows
        assert any(t.get_text().startswith("more than") for t in tx.texts)
    finally:
        plt.close(fig)


def test_growth_small_multiples_and_index_panels():
    world = _world(9)
    fig = plot_growth(world)
    try:
        panels = [ax for ax in fig.axes if ax.axison]
        assert len(panels) == 9  # one series per country with 2023 and 2024
        assert [t.get_text() for t in panels[0].get_xticklabels()] == ["2023", "2024"]
    finally:
        plt.close(fig)
    fig = plot_adoption_vs_index(world, "egdi")
    try:
        ax = fig.axes[0]
        assert ax.get_yscale() == "log"
        assert any("robust fit" in t.get_label() for t in ax.get_lines())
        assert ax.collections  # the confidence band and the points
    finally:
        plt.close(fig)
    fig = plot_adoption_vs_index(_world(4), "gtmi")
    try:
        assert any("no model fitted" in t.get_text() for t in fig.axes[0].texts)
        assert "GTMI 2022 (World Bank)" in fig.axes[0].get_xlabel()  # a 2024 figure: the 2022 edition, not 2025
    finally:
        plt.close(fig)
    with pytest.raises(ValueError):
        plot_adoption_vs_index(world, "hdi")


def test_empty_input_draws_a_note_not_an_error():
    empty = pd.DataFrame(columns=ADOPTION_COLUMNS)
    for plot in (plot_families, plot_growth, plot_adoption_vs_index):
        fig = plot(empty)
        assert "no " in fig.axes[0].texts[0].get_text()
        plt.close(fig)
    assert ranking_table(empty).empty


def test_save_figure_and_write_adoption(ind, tmp_path):
    fig, ax = plt.subplots()
    ax.set_title("السعودية")
    paths = save_figure(fig, tmp_path, "chart")
    plt.close(fig)
    assert paths["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = paths["svg"].read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<dc:date>" not in svg
    con = duckdb.connect(str(tmp_path / "arqam.duckdb"))
    con.execute("CREATE TABLE facts AS SELECT 1 AS x")
    con.close()
    written = write_adoption(ind, tmp_path)
    written = write_adoption(ind, tmp_path)  # twice: replaced, not appended
    assert sorted(p.name for p in written.values()) == ["arqam.duckdb", "comparison.csv", "comparison.parquet", "ranking.csv"]
    con = duckdb.connect(str(tmp_path / "arqam.duckdb"))
    try:
        assert {r[0] for r in con.execute("SHOW TABLES").fetchall()} == {"adoption", "facts"}
        assert con.execute("SELECT count(*) FROM adoption").fetchone()[0] == len(ind)
    finally:
        con.close()
    back = pd.read_parquet(written["comparison_parquet"])
    assert list(dict.fromkeys(back.country_iso3)) == ["BHR", "EGY", "JOR", "SAU"]
    assert len(pd.read_csv(written["ranking_csv"])) == len(ranking_table(ind))


def _render(text: str) -> np.ndarray:
    fig, ax = plt.subplots(figsize=(3, 1), dpi=100)
    ax.set_axis_off()
    ax.set_title(text, fontsize=24, family="DejaVu Sans")
    fig.canvas.draw()
    pixels = np.asarray(fig.canvas.buffer_rgba())[..., :3].copy()
    plt.close(fig)
    return pixels


def test_arabic_title_is_shaped_and_right_to_left():
    """Matplotlib >= 3.11 must join Arabic letters and order them right to left by itself.

    Method (public API only, pixels from the Agg canvas): the plain word السعودية, in logical
    order, is rendered as an axes title; so is the same word spelled with the Arabic
    Presentation Forms that a correct shaper picks for each letter in its position (isolated
    alef, initial lam, medial seen and ain, final waw, isolated dal, initial yeh, final teh
    marbuta), still in logical order. A shaping, bidi-aware renderer draws the same glyphs at
    the same places for both, so the pixel arrays are equal. Three controls must differ from
    the plain word: the letters kept apart by ZERO WIDTH NON-JOINER (U+200C, which forbids
    joining: the unjoined, isolated look), the reversed string (what a double bidi reordering
    shows), and the presentation forms in visual order (what arabic_reshaper + python-bidi
    produce; matplotlib would reverse that again). If shaping stops, the first equality
    fails; if text comes out reversed or unjoined, the equality or a control fails. The
    controls also guard the test itself: with a font lacking Arabic every variant would be
    the same boxes and the "must differ" assertions would fail. (ZERO WIDTH SPACE, U+200B, is
    not used as a control: the shaper ignores it for joining, so it renders like the plain word.)
    """
    word = "السعودية"
    shaped_forms = "\u0627\ufedf\ufeb4\ufecc\ufeee\u062f\ufef3\ufe94"
    plain = _render(word)
    assert (plain < 128).any()  # something dark was drawn
    assert np.array_equal(plain, _render(shaped_forms))
    assert not np.array_equal(plain, _render("\u200c".join(word)))
    assert not np.array_equal(plain, _render(word[::-1]))
    assert not np.array_equal(plain, _render(shaped_forms[::-1]))


def test_write_adoption_writes_a_run_manifest(tmp_path):
    import json as _json
    from pathlib import Path

    from arqam import load_corpus

    seeds = Path(__file__).resolve().parents[2] / "seeds"
    docs = load_corpus(seeds)
    ind = adoption_indicators(facts_frame(docs))
    paths = write_adoption(ind, tmp_path, docs=docs, params={"countries": ""})
    manifest = _json.loads(paths["manifest"].read_text(encoding="utf-8"))
    assert manifest["stage"] == "compare" and manifest["parameters"] == {"countries": ""}
    assert manifest["row_counts"]["adoption"] == len(ind)
    assert sorted(i["doc_id"] for i in manifest["inputs"]) == sorted(docs.doc_id)
