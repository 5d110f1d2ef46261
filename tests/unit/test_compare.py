"""arqam.compare: comparison table, model, charts (headless) and the Arabic shaping guard."""

import math

import matplotlib

matplotlib.use("Agg")

import duckdb  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.container import BarContainer, ErrorbarContainer  # noqa: E402

from arqam.adoption import ADOPTION_COLUMNS  # noqa: E402
from arqam.compare import (  # noqa: E402
    caveat_lines,
    comparison_table,
    fit_adoption_model,
    plot_adoption_vs_index,
    plot_growth,
    plot_per_capita,
    save_figure,
    select_countries,
    write_adoption,
)

INF = math.inf


def _row(country, subject, measure, value, pc, **kw):
    r = dict.fromkeys(ADOPTION_COLUMNS)
    r.update(
        country_iso3=country, subject_id=subject, subject_ar=kw.pop("subject_ar", "منصة"), subject_en=kw.pop("subject_en", subject),
        scope="platform", measure=measure, measure_en=measure, is_transactional=True,
        period_iso="2025-01", period_rel="current", period_months=1,
        value=value, value_low=value, value_high=value, qualifier="exact",
        transactional_value=value, per_capita_month=pc, per_capita_month_low=pc, per_capita_month_high=pc,
        population=1_000_000.0, population_year=2024, population_source="World Bank", egdi=0.8, egdi_year=2024,
        gtmi_score=0.9, gtmi_year=2025, doc_id=f"{country}_doc", fact_ids=f"{country}_doc:0", caveat_en=f"caveat {country}",
    )
    r.update(kw)
    return r


@pytest.fixture
def ind():
    """Three countries; SAU's views row is folded into its total; JOR has both years and a growth."""
    rows = [
        _row("SAU", "sau.absher", "operations", 40_000_000.0, 1.2, value_high=INF, per_capita_month_high=INF,
             qualifier="more_than", views_value=30_000_000.0, transactional_value=10_000_000.0,
             fact_ids="SAU_doc:0;SAU_doc:9", subject_en="Absher", egdi=0.96),
        _row("SAU", "sau.absher.wallet", "document_views", 30_000_000.0, 0.9, is_transactional=False,
             transactional_value=0.0, fact_ids="SAU_doc:9", subject_en="Wallet", egdi=0.96),
        _row("JOR", "jor.gov", "transactions", 2_900_000.0, 0.25123456, value_low=2_850_000.0, value_high=2_950_000.0,
             per_capita_month_low=0.247, per_capita_month_high=0.255, qualifier="approximately",
             digital_share_pct=90.625, digital_share_pct_stated=90.0, yoy_growth_pct=45.0, yoy_growth_pct_stated=45.0,
             fact_ids="JOR_doc:1;JOR_doc:2", egdi=0.68),
        _row("JOR", "jor.gov", "transactions", 2_000_000.0, 0.17, value_low=1_500_000.0, value_high=2_500_000.0,
             period_rel="previous_year", fact_ids="JOR_doc:2", egdi=0.68),
        _row("EGY", "egy.moi", "services", 20_000_000.0, 0.0143, period_months=12, period_iso="2025", egdi=0.67),
    ]
    return pd.DataFrame(rows, columns=ADOPTION_COLUMNS)


def test_comparison_table_labels_sorting_rounding(ind):
    t = comparison_table(ind)
    assert list(t.country_iso3) == ["EGY", "JOR", "JOR", "SAU", "SAU"]
    assert list(t.period_rel[t.country_iso3 == "JOR"]) == ["current", "previous_year"]
    sau = t[t.country_iso3 == "SAU"]
    assert list(sau.subject_id) == ["sau.absher", "sau.absher.wallet"]  # headline before the row folded into it
    assert list(sau.is_included_elsewhere) == [False, True]
    assert sau.included_in_subject_id.iloc[1] == "sau.absher"
    assert t.country_en[t.country_iso3 == "JOR"].iloc[0] == "Jordan"
    assert t.country_label[t.country_iso3 == "EGY"].iloc[0] == "مصر / EGY"
    jor = t.iloc[1]
    assert jor.per_capita_month == 0.25123456  # raw kept
    assert jor.per_capita_month_display == "0.2512 (0.2470–0.2550)"
    assert jor.value_display == "2,900,000 (2,850,000–2,950,000)"
    assert jor.digital_share_display == "90.62 %; stated 90 %"
    # growth bounds from the two years' intervals: 2.85/2.5 - 1 and 2.95/1.5 - 1
    assert jor.yoy_growth_pct_low == pytest.approx(14.0) and jor.yoy_growth_pct_high == pytest.approx(96.6667, abs=1e-3)
    assert jor.yoy_growth_display.startswith("+45.00 % (+14.0 to +96.7)")
    assert sau.value_display.iloc[0] == "more than 40,000,000"
    assert sau.per_capita_month_display.iloc[0] == "more than 1.2000"
    assert comparison_table(ind.sample(frac=1, random_state=3)).equals(t)  # order does not depend on input order


def test_caveat_lines_name_the_folding(ind):
    lines = caveat_lines(comparison_table(ind))
    assert len(lines) == 5
    assert lines[0] == "مصر / EGY · egy.moi · services 2025: caveat EGY"
    assert "already counted in the sau.absher total" in lines[4]
    assert "a year earlier" in lines[2]


def test_select_countries(ind):
    assert set(select_countries(ind, " sau, jor ").country_iso3) == {"SAU", "JOR"}
    assert len(select_countries(ind, "")) == len(ind)
    with pytest.raises(ValueError, match="XYZ"):
        select_countries(ind, "SAU,XYZ")


def test_model_with_no_rows_gives_a_warning_and_no_estimates():
    m = fit_adoption_model(pd.DataFrame(columns=ADOPTION_COLUMNS))
    assert m["n"] == 0 and m["params"] == {} and m["bse"] == {}
    assert "far too few" in m["warning"] and "no model was estimated" in m["warning"]


def test_model_with_two_rows_gives_a_warning_and_no_estimates():
    frame = pd.DataFrame([_row("SAU", "a", "operations", 1.0, 1.0, egdi=0.9), _row("JOR", "b", "operations", 1.0, 0.2, egdi=0.7)])
    m = fit_adoption_model(frame)
    assert (m["n"], m["n_countries"], m["params"]) == (2, 2, {})
    assert m["warning"].startswith("Only 2 observation(s) from 2 country(ies)")


def test_model_leaves_out_folded_views_and_unbounded_rates(ind):
    extra = _row("KWT", "k", "operations", 1.0, INF, egdi=0.8)  # an infinite rate is not an observation
    m = fit_adoption_model(pd.concat([ind, pd.DataFrame([extra])], ignore_index=True))
    assert m["n"] == 4 and m["countries"] == ["EGY", "JOR", "SAU"]  # the wallet views row is inside Absher's total
    assert m["warning"] and "not evidence" in m["warning"] and m["params"]


def test_model_recovers_a_known_slope():
    rng = np.random.default_rng(0)
    rows = []
    for i, c in enumerate(["ARE", "BHR", "EGY", "JOR", "KWT", "SAU"]):
        for period in (0, 1):
            egdi = 0.55 + 0.08 * i + 0.01 * period
            pc = math.exp(-6.0 + 5.0 * egdi + rng.normal(0, 0.05))
            rows.append(_row(c, f"{c}.s", "operations", 1.0, pc, egdi=egdi, fact_ids=f"{c}:{period}", doc_id=f"{c}{period}"))
    m = fit_adoption_model(pd.DataFrame(rows))
    assert m["n"] == 12 and m["n_countries"] == 6 and m["warning"] is None
    assert m["params"]["egdi"] == pytest.approx(5.0, abs=0.3)
    assert m["params"]["const"] == pytest.approx(-6.0, abs=0.3)
    assert m["cov_type"] == "HC3" and m["pvalues"]["egdi"] < 0.001 and m["bse"]["egdi"] > 0


def test_model_with_one_index_value_has_no_slope():
    rows = [_row(c, c, "operations", 1.0, 0.1 * (i + 1), egdi=0.8) for i, c in enumerate(["A", "B", "C", "D"])]
    m = fit_adoption_model(pd.DataFrame(rows))
    assert m["params"] == {} and m["warning"]


def test_plot_per_capita_groups_bars_by_country_with_error_bars(ind):
    ax = plot_per_capita(ind)
    try:
        assert isinstance(ax, plt.Axes)
        assert [t.get_text() for t in ax.get_xticklabels()] == ["مصر / EGY", "الأردن / JOR", "المملكة العربية السعودية / SAU"]
        bar_x = ax.get_xticks(minor=True)
        assert len(bar_x) == 4  # EGY, JOR x2, SAU (its views row is stacked inside, not a bar of its own)
        groups = np.rint(bar_x).astype(int)
        assert list(groups) == [0, 1, 1, 2]  # each bar sits in its country's group
        bars = [c for c in ax.containers if isinstance(c, BarContainer)]
        assert len(bars) == 2  # transactional and views, stacked
        views = [p.get_height() for p in bars[1]]
        assert views[3] == pytest.approx(1.2 * 30 / 40)  # SAU's views share of its rate
        assert bars[1][3].get_y() == pytest.approx(1.2 * 10 / 40)  # stacked on the transactional part
        errs = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
        assert len(errs) == 1
        assert any("more than" in t.get_text() for t in ax.texts)  # the unbounded SAU figure
        arrows = [a for a in ax.texts if getattr(a, "arrow_patch", None) is not None]
        assert len(arrows) == 1 and arrows[0].arrow_patch.get_arrowstyle().__class__.__name__ == "CurveB"  # open "->"
    finally:
        plt.close(ax.figure)


def test_plot_adoption_vs_index_and_growth(ind):
    ax = plot_adoption_vs_index(ind, "egdi")
    try:
        assert ax.get_yscale() == "log" and ax.get_xlabel() == "EGDI 2024 (UN DESA)"
        labels = [t.get_text() for t in ax.texts]
        assert len(labels) == 5  # 4 points + 1 arrow annotation without text
        assert sum(lbl.startswith("الأردن / JOR") for lbl in labels) == 2
    finally:
        plt.close(ax.figure)
    ax = plot_adoption_vs_index(ind, "gtmi")
    assert ax.get_xlabel() == "GTMI 2025 (World Bank)"
    plt.close(ax.figure)
    with pytest.raises(ValueError):
        plot_adoption_vs_index(ind, "hdi")
    ax = plot_growth(ind)
    try:
        assert len(ax.patches) == 1 and ax.patches[0].get_height() == pytest.approx(45.0)
        assert "الأردن / JOR" in ax.get_xticklabels()[0].get_text()
    finally:
        plt.close(ax.figure)


def test_empty_input_draws_a_note_not_an_error():
    empty = pd.DataFrame(columns=ADOPTION_COLUMNS)
    for plot in (plot_per_capita, plot_adoption_vs_index, plot_growth):
        ax = plot(empty)
        assert "no " in ax.texts[0].get_text()
        plt.close(ax.figure)


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
    assert sorted(p.name for p in written.values()) == ["arqam.duckdb", "comparison.csv", "comparison.parquet"]
    con = duckdb.connect(str(tmp_path / "arqam.duckdb"))
    try:
        assert {r[0] for r in con.execute("SHOW TABLES").fetchall()} == {"adoption", "facts"}
        assert con.execute("SELECT count(*) FROM adoption").fetchone()[0] == len(ind)
    finally:
        con.close()
    back = pd.read_parquet(written["comparison_parquet"])
    assert list(back.country_iso3) == ["EGY", "JOR", "JOR", "SAU", "SAU"]


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

    from arqam import adoption_indicators, facts_frame, load_corpus
    from arqam.compare import write_adoption

    seeds = Path(__file__).resolve().parents[2] / "seeds"
    docs = load_corpus(seeds)
    ind = adoption_indicators(facts_frame(docs))
    paths = write_adoption(ind, tmp_path, docs=docs, params={"countries": "SAU"})
    manifest = _json.loads(paths["manifest"].read_text(encoding="utf-8"))
    assert manifest["stage"] == "compare" and manifest["parameters"] == {"countries": "SAU"}
    assert manifest["row_counts"]["adoption"] == len(ind)
    assert sorted(i["doc_id"] for i in manifest["inputs"]) == sorted(docs.doc_id)
