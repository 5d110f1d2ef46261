"""Cross-country comparison of the adoption indicators: table, ranking, charts, a model, files.

Input is the frame of `arqam.adoption.adoption_indicators` (one row per country, family,
subject, measure and period). Figures are compared only within a comparable set (a family,
and for money one currency): never views against transactions, never a yearly count against a
monthly one (flows are monthly rates), never figures of overlapping scopes summed (a country is
compared on one figure per set, its largest plausible one; the others stay in the table).

- table: comparison_table, ranking_table, select_countries, caveat_lines
- charts: plot_families, plot_growth, plot_adoption_vs_index
- model: fit_adoption_model, fit_adoption_models (robust regression only with >= 8 countries)
- files: save_figure, write_adoption
"""

from .charts import plot_adoption_vs_index, plot_families, plot_growth
from .files import COMPARISON_FILE_NAMES, save_figure, write_adoption
from .model import MIN_COUNTRIES, fit_adoption_model, fit_adoption_models
from .table import (
    COMPARISON_COLUMNS,
    DISPLAY_COLUMNS,
    RANKING_COLUMNS,
    caveat_lines,
    comparison_table,
    countries_without_figures,
    country_names,
    ranking_table,
    select_countries,
)

__all__ = [
    "COMPARISON_COLUMNS", "COMPARISON_FILE_NAMES", "DISPLAY_COLUMNS", "MIN_COUNTRIES", "RANKING_COLUMNS",
    "caveat_lines", "comparison_table", "countries_without_figures", "country_names", "fit_adoption_model",
    "fit_adoption_models", "plot_adoption_vs_index", "plot_families", "plot_growth", "ranking_table",
    "save_figure", "select_countries", "write_adoption",
]
