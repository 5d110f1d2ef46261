"""Schemas that tables are validated against at stage boundaries (pandera)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from .numbers import QUALIFIERS

ROLES = ("level", "change", "change_pct", "share_pct", "rate_pct", "rank")
FACT_KINDS = ("number", "percent", "money", "rank")  # the statistics, and places in a ranking

FACTS = pa.DataFrameSchema(
    {
        "fact_id": pa.Column(str, unique=True),
        "doc_id": pa.Column(str),
        "char_start": pa.Column(int, pa.Check.ge(0)),
        "char_end": pa.Column(int, pa.Check.ge(0)),
        "quote_ar": pa.Column(str),
        "value": pa.Column(float),
        "value_low": pa.Column(float),
        "value_high": pa.Column(float),
        "qualifier": pa.Column(str, pa.Check.isin(QUALIFIERS)),
        "kind": pa.Column(str, pa.Check.isin(FACT_KINDS)),
        "unit": pa.Column(str, nullable=True),
        "measure_ar": pa.Column(str, nullable=True),
        "measure": pa.Column(str, nullable=True),
        "measure_en": pa.Column(str, nullable=True),
        "subject_ar": pa.Column(str, nullable=True),
        "subject_id": pa.Column(str, nullable=True),
        "subject_en": pa.Column(str, nullable=True),
        "subject_scope": pa.Column(str, nullable=True),
        "parent_fact_id": pa.Column(str, nullable=True),
        "role": pa.Column(str, pa.Check.isin(ROLES)),
        "is_largest_part": pa.Column(bool),
        "period_ar": pa.Column(str, nullable=True),
        "period_start": pa.Column(str, nullable=True),
        "period_end": pa.Column(str, nullable=True),
        "period_iso": pa.Column(str, nullable=True),
        "period_rel": pa.Column(str, nullable=True),
        "country_iso3": pa.Column(str, nullable=True),
        "rule": pa.Column(str),
    },
    checks=[
        pa.Check(lambda df: (df["char_end"] > df["char_start"]).all(), error="char_end must be after char_start"),
        pa.Check(lambda df: (df["value_low"] <= df["value_high"]).all(), error="value_low must not exceed value_high"),
    ],
    strict=True,
    ordered=True,
    coerce=True,
)

_STR_COLS = [c for c, col in FACTS.columns.items() if col.dtype is not None and str(col.dtype) == "str"]


def validate_facts(frame: pd.DataFrame) -> pd.DataFrame:
    """Validate a facts frame; return it with its column types set.

    Args:
        frame: a frame with the facts columns.
    Returns:
        The validated frame (object columns hold str or None; floats are float64).
    Raises:
        pandera.errors.SchemaError: naming the column and rows that break the schema.
    """
    if frame.empty:
        return FACTS.coerce_dtype(frame) if hasattr(FACTS, "coerce_dtype") else frame.astype({"char_start": int, "char_end": int})
    return FACTS.validate(frame)
