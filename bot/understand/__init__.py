"""Understand a borrower's message: its language, and the numbers, rates and durations a calculator request needs.

    language.py    detect_language, the normalisation every reader applies first
    numbers.py     parse_number: digits, 10,000, 5k, 1w, English words; Chinese numerals through cn2an
    lexicon.py     the word lists (lexicons/*.tsv, an example beside each entry)
    grammar.py     the quantity grammar (amounts, rates, durations, dates …) in one place
    quantities.py  the finders that apply it; facts.py: Facts and the stand-alone readers (parse_rate …)
    request.py     which tool a message asks for and its inputs (CalcRequest); builder.py fills the inputs
    questions.py   the question for a missing input, worded by the tool's schema
    unreadable.py  values the calculator cannot use ("日息abc", "借了-5000"), named back with how to write them
"""

from bot.understand.entities import Amount, Duration, Fee, Rate
from bot.understand.facts import (
    Facts,
    annual_percent,
    detect_product,
    extract,
    parse_amount,
    parse_duration,
    parse_fees,
    parse_periods,
    parse_rate,
)
from bot.understand.language import detect_language
from bot.understand.numbers import parse_number
from bot.understand.questions import field_question, missing_question
from bot.understand.request import PRODUCT_TYPES, TOOL_NAMES, CalcRequest, parse_calculation

__all__ = [
    "PRODUCT_TYPES", "TOOL_NAMES", "Amount", "CalcRequest", "Duration", "Facts", "Fee", "Rate", "annual_percent",
    "detect_language", "detect_product", "extract", "field_question", "missing_question", "parse_amount",
    "parse_calculation", "parse_duration", "parse_fees", "parse_number", "parse_periods", "parse_rate",
]
