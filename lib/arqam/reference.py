"""Reference country indicators (EGDI, GTMI, population, internet use) with their sources.

The packaged file is data/countries.csv (one published figure per row, with the
source and the copy it was read from; see data/countries_README.md). A user may
pass their own CSV of the same shape to every function here.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_PATH = DATA_DIR / "countries.csv"
REQUIRED = ("iso3", "country_en", "country_ar", "indicator", "year", "value", "unit", "source", "retrieved_from", "note")
POPULATION = "population_total"
INTERNET = "internet_users_pct"
# An internet-use share older than this many years is not used for a figure (series with long gaps).
INTERNET_MAX_GAP = 2


@dataclass(frozen=True)
class Figure:
    """One reference figure with its provenance.

    Attributes:
        iso3: country code.
        indicator: indicator name (e.g. population_total).
        year: the year the figure is for.
        value: the figure.
        source: who published it.
    """

    iso3: str
    indicator: str
    year: int
    value: float
    source: str


@lru_cache(maxsize=8)
def _read(path: str) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype={"iso3": str, "indicator": str, "source": str}, keep_default_na=False, na_values=[""])
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise ValueError(f"reference file {path} lacks column(s) {missing}; it needs {', '.join(REQUIRED)}")
    frame["year"] = frame["year"].astype(int)
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    return frame


def load_reference(path: str | Path | None = None) -> pd.DataFrame:
    """Load reference indicators as a tidy frame (one row per country, indicator and year).

    Args:
        path: a CSV with columns iso3, country_en, country_ar, indicator, year,
            value, unit, source, retrieved_from, note; default: the packaged file.
    Returns:
        A copy of the frame (value numeric; non-numeric values such as GTMI groups are NaN
        in `value`, kept as text in `value_text`).
    Raises:
        FileNotFoundError: naming the missing file.
        ValueError: naming the missing columns.
    """
    p = Path(path) if path is not None else DEFAULT_PATH
    if not p.exists():
        raise FileNotFoundError(f"reference file not found: {p}")
    frame = _read(str(p.resolve())).copy()
    raw = pd.read_csv(p, dtype=str, keep_default_na=False)["value"]
    frame["value_text"] = raw.values
    return frame


def _pick(years: list[int], year: int | None, nearest: bool, max_gap: int | None) -> int | None:
    """Position in sorted `years` of the year wanted, the closest earlier one, else (nearest) the closest later one."""
    if not years:
        return None
    if year is None:
        return len(years) - 1
    i = bisect.bisect_right(years, year) - 1
    if i < 0:
        if not nearest:
            return None
        i = 0
    if max_gap is not None and abs(years[i] - year) > max_gap:
        return None
    return i


class ReferenceIndex:
    """The figures of a reference frame by country and indicator, sorted by year, for look-ups without a scan.

    Build it once for many look-ups (arqam.adoption does, per corpus); `figure` answers like
    the module-level `figure`.
    """

    def __init__(self, frame: pd.DataFrame):
        self._rows: dict[tuple[str, str], tuple[list[int], list[float], list[str]]] = {}
        ok = frame[frame["value"].notna()].sort_values("year", kind="stable")
        for (iso3, indicator), g in ok.groupby(["iso3", "indicator"], sort=False):
            self._rows[(iso3, indicator)] = (g["year"].astype(int).tolist(), g["value"].astype(float).tolist(), g["source"].tolist())

    def figure(self, iso3: str, indicator: str, year: int | None = None, nearest: bool = False, max_gap: int | None = None) -> Figure | None:
        """The figure of a country and indicator for a year (see the module-level `figure`), or None."""
        rows = self._rows.get((str(iso3).upper(), indicator))
        i = _pick(rows[0], year, nearest, max_gap) if rows else None
        if i is None:
            return None
        return Figure(str(iso3).upper(), indicator, rows[0][i], rows[1][i], rows[2][i])


def figure(iso3: str, indicator: str, year: int | None = None, reference: str | Path | pd.DataFrame | None = None,
           nearest: bool = False, max_gap: int | None = None) -> Figure | None:
    """Return the figure of a country and indicator: that year's, or the latest when year is None.

    Args:
        iso3: ISO3 code (case-insensitive).
        indicator: e.g. "population_total", "egdi", "gtmi_score", "internet_users_pct".
        year: the year wanted; when that year is missing, the closest earlier year.
        reference: a frame from load_reference, a ReferenceIndex, a CSV path, or None for the packaged file.
        nearest: when no earlier year exists, take the closest later one (a 2009 figure gets
            the 2010 population) instead of None.
        max_gap: refuse a figure more than this many years from `year` (None: any gap).
    Returns:
        A Figure, or None when the country or indicator is absent (or too far from the year).
    """
    if isinstance(reference, ReferenceIndex):
        return reference.figure(iso3, indicator, year, nearest, max_gap)
    frame = reference if isinstance(reference, pd.DataFrame) else load_reference(reference)
    rows = frame[(frame["iso3"] == str(iso3).upper()) & (frame["indicator"] == indicator) & frame["value"].notna()]
    rows = rows.sort_values("year", kind="stable")
    i = _pick(rows["year"].astype(int).tolist(), year, nearest, max_gap)
    if i is None:
        return None
    r = rows.iloc[i]
    return Figure(r["iso3"], r["indicator"], int(r["year"]), float(r["value"]), r["source"])


def population(iso3: str, year: int | None = None, reference=None) -> Figure | None:
    """Population of a country (World Bank WDI by default) for a year (closest earlier, else closest later), or the latest.

    Example: population("SAU") -> Figure(iso3='SAU', indicator='population_total', year=2024, value=35300280.0, source='World Bank, …').
    """
    return figure(iso3, POPULATION, year, reference, nearest=True)


def internet_users_pct(iso3: str, year: int | None = None, reference=None) -> Figure | None:
    """Share of the population using the Internet (%, ITU via World Bank) for a year, within INTERNET_MAX_GAP years.

    A series with gaps (Sudan has no value after 2017) gives None rather than a figure
    from many years before the one asked for.
    """
    return figure(iso3, INTERNET, year, reference, nearest=True, max_gap=INTERNET_MAX_GAP if year is not None else None)
