"""arqam: audited statistics from Arabic news about government digital services."""

from .numbers import NumberMention, find_numbers, parse_number

__version__ = "0.1.0"

__all__ = ["NumberMention", "find_numbers", "parse_number", "__version__"]
