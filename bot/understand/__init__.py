"""Understand a borrower's message: its language, and the numbers, rates and durations a calculator request needs."""

from bot.understand.parse import (
    PRODUCT_TYPES,
    TOOL_NAMES,
    Amount,
    CalcRequest,
    Duration,
    Facts,
    Fee,
    Rate,
    detect_language,
    detect_product,
    extract,
    missing_question,
    parse_amount,
    parse_calculation,
    parse_duration,
    parse_fees,
    parse_number,
    parse_periods,
    parse_rate,
)

__all__ = [
    "PRODUCT_TYPES", "TOOL_NAMES", "Amount", "CalcRequest", "Duration", "Facts", "Fee", "Rate", "detect_language",
    "detect_product", "extract", "missing_question", "parse_amount", "parse_calculation", "parse_duration",
    "parse_fees", "parse_number", "parse_periods", "parse_rate",
]
