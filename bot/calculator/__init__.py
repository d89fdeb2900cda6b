"""The finbot calculator: overdue charges, card cycles, instalment IRR, debt growth, rate units and the LPR.

Pure functions over Decimal (the only I/O is reading lpr_table.csv shipped here); rounding happens once, at the
end (half-up; money to the cent, percents to at most 6 places). See docs in shared/design/calculator.md.

    from bot.calculator import run_tool, CalcError, TOOLS, dumps
    run_tool("convert", {"rate": "0.05%", "unit": "daily"}, lang="zh")
"""

from bot.calculator.card import CardInput, CardResult, card
from bot.calculator.convert import ConvertInput, ConvertResult, convert
from bot.calculator.errors import CalcError
from bot.calculator.growth import GrowthInput, GrowthResult, growth
from bot.calculator.installment import InstallmentInput, InstallmentResult, installment
from bot.calculator.lpr import LprInput, LprResult, load_table, lpr
from bot.calculator.penalty import Fee, PenaltyInput, PenaltyResult, penalty
from bot.calculator.registry import TOOLS, dumps, run_tool
from bot.calculator.text import Note

__all__ = [
    "TOOLS",
    "CalcError",
    "CardInput",
    "CardResult",
    "ConvertInput",
    "ConvertResult",
    "Fee",
    "GrowthInput",
    "GrowthResult",
    "InstallmentInput",
    "InstallmentResult",
    "LprInput",
    "LprResult",
    "Note",
    "PenaltyInput",
    "PenaltyResult",
    "card",
    "convert",
    "dumps",
    "growth",
    "installment",
    "load_table",
    "lpr",
    "penalty",
    "run_tool",
]
