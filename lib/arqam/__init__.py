"""arqam: audited statistics from Arabic news about government digital services.

The number reader is imported eagerly (it needs only the standard library); the
table-building parts (pandas, DuckDB) load on first use, so `arqam numbers` and
`from arqam import find_numbers` start fast.
"""

import sys
import types
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
    "extract_claims": "claims",
    "load_reference": "reference",
    "verdict_table_html": "audit_report",
    "claims_table_html": "audit_report",
    "write_audits": "audit_store",
    "adoption_indicators": "adoption",
    "comparison_table": "compare",
    "caveat_lines": "compare",
    "select_countries": "compare",
    "plot_families": "compare",
    "ranking_table": "compare",
    "fit_adoption_models": "compare",
    "plot_adoption_vs_index": "compare",
    "plot_growth": "compare",
    "fit_adoption_model": "compare",
    "save_figure": "compare",
    "write_adoption": "compare",
}

__all__ = ["NumberMention", "find_numbers", "parse_number", "__version__", *_LAZY]


class _CallableModule(types.ModuleType):
    """A submodule named like the function it exports: calling the module calls the function.

    Importing ``arqam.audit`` (the module) binds the package attribute ``audit`` to the
    module, whatever was bound before; so ``from arqam import audit`` gives the module
    once any code has imported it. Making that module callable keeps both
    ``audit(facts)`` and ``import arqam.audit as m; m.RULES`` working.
    """

    def __call__(self, *args, **kwargs):
        return getattr(self, self.__name__.rsplit(".", 1)[1])(*args, **kwargs)


class _Package(types.ModuleType):
    def __setattr__(self, name, value):
        if _LAZY.get(name) == name and type(value) is types.ModuleType:
            value.__class__ = _CallableModule
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'arqam' has no attribute {name!r}")
    loaded = import_module(f".{module}", __name__)
    if module == name:  # the callable module itself, bound by the import (see _CallableModule)
        return loaded
    value = getattr(loaded, name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
