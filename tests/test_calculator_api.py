"""The public API other modules code against: run_tool's shape, dumps, notes language, inputs_used."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal as D

import pytest

from bot.calculator import TOOLS, dumps, run_tool

EXAMPLES = {
    "penalty": {"principal_overdue": 10000, "penalty_rate": "0.05%", "penalty_rate_unit": "daily",
                "due_date": "2025-01-10", "product_type": "private_lending", "contract_date": "2024-01-01",
                "fee": {"type": "fixed", "amount": 30}},
    "card": {"statement_balance": 5000, "amount_paid_by_due": 100, "days_posting_to_due": 20,
             "days_overdue_until_repaid": 15},
    "installment": {"principal": 10000, "periods": 12, "method": "equal_principal_plus_fee",
                    "monthly_fee_rate": "0.75%", "upfront_fee": 200},
    "growth": {"principal": 10000, "rate": "0.05%", "rate_unit": "daily", "compounding_period_days": 30},
    "convert": {"rate": "1.5%", "unit": "monthly"},
    "lpr": {"date": "2023-07-01"},
    "cost": {"principal": 50000, "rate": "1%", "rate_unit": "monthly", "method": "annuity", "months": 24},
    "plan": {"debts": [{"name": "card", "balance": 30000, "rate": "0.05%", "rate_unit": "daily", "min_payment": 1500},
                       {"name": "friend", "balance": 20000, "rate": 0}], "monthly_budget": 5000},
}
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_tools_are_the_eight_in_order() -> None:
    assert TOOLS == ("penalty", "card", "installment", "growth", "convert", "lpr", "cost", "plan")
    assert set(EXAMPLES) == set(TOOLS)


@pytest.mark.parametrize("tool", TOOLS)
def test_result_carries_tool_inputs_used_and_notes_in_the_language_asked(tool: str) -> None:
    en = run_tool(tool, EXAMPLES[tool], lang="en", today=date(2025, 6, 1))
    zh = run_tool(tool, EXAMPLES[tool], lang="zh", today=date(2025, 6, 1))
    assert en["tool"] == tool
    assert en["notes"] and all(isinstance(n, str) for n in en["notes"])
    assert len(en["notes"]) == len(zh["notes"])
    assert all(CJK.search(n) for n in zh["notes"])
    assert not CJK.search(en["notes"][0])
    assert {k: v for k, v in en.items() if k != "notes"} == {k: v for k, v in zh.items() if k != "notes"}


@pytest.mark.parametrize("tool", TOOLS)
def test_inputs_used_fed_back_gives_the_same_figures(tool: str) -> None:
    first = run_tool(tool, EXAMPLES[tool], today=date(2025, 6, 1))
    again = run_tool(tool, first["inputs_used"], today=date(2030, 1, 1))
    strip = ("notes",)
    assert {k: v for k, v in again.items() if k not in strip} == {k: v for k, v in first.items() if k not in strip}


@pytest.mark.parametrize("tool", TOOLS)
def test_dumps_is_json_with_exact_rounded_digits(tool: str) -> None:
    result = run_tool(tool, EXAMPLES[tool], lang="zh", today=date(2025, 6, 1))
    text = dumps(result)
    parsed = json.loads(text, parse_float=D)
    assert parsed["tool"] == tool
    assert parsed["notes"] == result["notes"]  # Chinese kept readable (not \u-escaped)
    assert "\\u" not in text


def test_dumps_keeps_trailing_zeros_and_nesting() -> None:
    text = dumps({"a": D("12.40"), "b": [D("0.00"), None, True, 3], "c": {"d": "文字"}})
    assert text == '{"a": 12.40, "b": [0.00, null, true, 3], "c": {"d": "文字"}}'
    assert json.loads(dumps({"x": [1, {"y": D("1.50")}]}, indent=2), parse_float=D) == {"x": [1, {"y": D("1.50")}]}


def test_money_is_decimal_days_int_flags_bool() -> None:
    r = run_tool("penalty", EXAMPLES["penalty"], today=date(2025, 6, 1))
    assert isinstance(r["total_charges"], D) and r["total_charges"].as_tuple().exponent == -2
    assert isinstance(r["effective_days"], int) and r["effective_days"] == 142  # 2025-01-10 → 2025-06-01
    assert all(isinstance(v, bool) for v in r["flags"].values())
    assert r["lpr_1y_pct"] == D("3.45")  # LPR on 2024-01-01 (from 2023-08-21)
