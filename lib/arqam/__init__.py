"""arqam: audited statistics from Arabic news about government digital services.

The number reader is imported eagerly (it needs only the standard library); the
table-building parts (pandas, DuckDB) load on first use, so `arqam numbers` and
`from arqam import find_numbers` start fast.
"""

from importlib import import_module

from .numbers import NumberMention, find_numbers, parse_number

__version__ = "0.1.0"

# public name -> module that defines it (loaded on first attribute access)
_LAZY = {
    "load_corpus": "corpus",
    "mentions_frame": "corpus",
    "write_mentions": "store",
    "write_facts": "store",
    "annotate_facts_html": "report",
    "annotate_html": "report",
    "extract_facts": "facts",
    "facts_frame": "facts",
    "audit": "audit",
    "load_reference": "reference",
    "verdict_table_html": "audit_report",
    "write_audits": "audit_store",
    "adoption_indicators": "adoption",
    "comparison_table": "compare",
    "caveat_lines": "compare",
    "select_countries": "compare",
    "plot_per_capita": "compare",
    "plot_adoption_vs_index": "compare",
    "plot_growth": "compare",
    "fit_adoption_model": "compare",
    "save_figure": "compare",
    "write_adoption": "compare",
}

__all__ = ["NumberMention", "find_numbers", "parse_number", "__version__", *_LAZY]


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'arqam' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
