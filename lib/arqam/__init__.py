"""arqam: audited statistics from Arabic news about government digital services."""

from .numbers import NumberMention, find_numbers, parse_number

__version__ = "0.1.0"

__all__ = ["NumberMention", "find_numbers", "parse_number", "__version__"]

# Corpus loading, storage and HTML views (appended: the reader's exports stay above).
from .corpus import load_corpus, mentions_frame  # noqa: E402
from .report import annotate_html  # noqa: E402
from .store import write_mentions  # noqa: E402

__all__ += ["load_corpus", "mentions_frame", "write_mentions", "annotate_html"]
