"""The finbot calculator: overdue charges, card cycles, instalment IRR, debt growth, loan cost, a repayment plan
across several debts, rate units, the LPR.

Pure functions over Decimal (the only I/O is reading lpr_table.csv shipped here); rounding happens once, at the
end (half-up; money to the cent, percents to at most 6 places) — except the plan, whose monthly interest is rounded
to the cent each month as a bill is. See shared/design/calculator.md and docs/calculator.md (the plan).

    from bot.calculator import run_tool, CalcError, TOOLS, dumps
    run_tool("convert", {"rate": "0.05%", "unit": "daily"}, lang="zh")
    SCHEMAS["penalty"]          # the tool's input schema (pydantic), the one definition every face builds from
    applicable_cap("private_lending", Decimal("15"), date(2023, 5, 1))   # the cap, its rule, exceeded?
"""

from bot.calculator.caps import RateCap, applicable_cap
from bot.calculator.card import CardInput, CardResult, card
from bot.calculator.convert import ConvertInput, ConvertResult, convert
from bot.calculator.cost import CostInput, CostResult, cost
from bot.calculator.errors import CalcError
from bot.calculator.growth import GrowthInput, GrowthResult, growth
from bot.calculator.installment import InstallmentInput, InstallmentResult, installment
from bot.calculator.lpr import LprInput, LprResult, load_table, lpr
from bot.calculator.penalty import Fee, PenaltyInput, PenaltyResult, penalty
from bot.calculator.plan import Debt, PlanInput, PlanResult, plan
from bot.calculator.registry import TOOLS, dumps, run_tool
from bot.calculator.schemas import SCHEMAS
from bot.calculator.text import Note

__all__ = [
    "SCHEMAS",
    "TOOLS",
    "CalcError",
    "CardInput",
    "CardResult",
    "ConvertInput",
    "ConvertResult",
    "CostInput",
    "CostResult",
    "Debt",
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
    "PlanInput",
    "PlanResult",
    "RateCap",
    "applicable_cap",
    "card",
    "convert",
    "cost",
    "dumps",
    "growth",
    "installment",
    "load_table",
    "lpr",
    "penalty",
    "plan",
    "run_tool",
]
