"""Every validation rule: a clear error naming the field, in English and Chinese; nothing is guessed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest

from bot.calculator import CalcError, run_tool

PEN = dict(principal_overdue=10000, penalty_rate="0.05%", penalty_rate_unit="daily", days_overdue=30)
GROW = dict(principal=10000, rate="0.05%", rate_unit="daily")
INST = dict(principal=10000, periods=12, method="annuity", monthly_rate="1%")
CARD = dict(statement_balance=1000, amount_paid_by_due=0, days_posting_to_due=20, days_overdue_until_repaid=10)


def with_(base: dict, **changes: Any) -> dict:
    out = {**base, **changes}
    return {k: v for k, v in out.items() if v is not ...}


CASES = [
    # negative and non-finite numbers
    ("penalty", with_(PEN, principal_overdue=-1), "principal_overdue", "greater than 0"),
    ("penalty", with_(PEN, unpaid_interest=-5), "unpaid_interest", "less than 0"),
    ("penalty", with_(PEN, principal_overdue="NaN"), "principal_overdue", "finite"),
    ("growth", with_(GROW, principal=float("inf")), "principal", "finite"),
    ("penalty", with_(PEN, penalty_rate="-0.05%"), "penalty_rate", "negative"),
    ("penalty", with_(PEN, principal_overdue="ten thousand"), "principal_overdue", "must be a number"),
    ("penalty", with_(PEN, principal_overdue=True), "principal_overdue", "must be a number"),
    # days
    ("penalty", with_(PEN, days_overdue=36501), "days_overdue", "between 0 and 36500"),
    ("penalty", with_(PEN, days_overdue=-1), "days_overdue", "between 0 and 36500"),
    ("penalty", with_(PEN, days_overdue=2.5), "days_overdue", "whole number"),
    ("growth", with_(GROW, horizon_days=40000), "horizon_days", "36500"),
    ("penalty", with_(PEN, days_overdue=..., due_date="1900-01-01", calc_date="2025-01-01"), "due_date", "36500"),
    # percent given where a fraction is expected
    ("penalty", with_(PEN, penalty_rate=5), "penalty_rate", '"5%"'),
    ("convert", {"rate": 1.5, "unit": "monthly"}, "rate", "looks like a percent"),
    ("installment", with_(INST, monthly_rate=1), "monthly_rate", "looks like a percent"),
    ("card", with_(CARD, min_payment_ratio="150%"), "min_payment_ratio", "100%"),
    # missing rate unit, or no rate
    ("penalty", with_(PEN, penalty_rate_unit=...), "penalty_rate_unit", "daily, monthly or annual"),
    ("growth", with_(GROW, rate_unit=...), "rate_unit", "1.5% a month"),
    ("convert", {"rate": "1.5%"}, "unit", "missing"),
    ("convert", {"rate": "1.5%", "unit": "weekly"}, "unit", "daily, monthly, annual"),
    ("penalty", with_(PEN, penalty_rate=..., penalty_rate_unit=...), "penalty_rate", "no rate given"),
    ("penalty", with_(PEN, penalty_rate=..., penalty_rate_unit=..., contract_rate="5%", contract_rate_unit="annual"),
     "penalty_markup", "0.3–0.5"),
    # periods
    ("installment", with_(INST, periods=0), "periods", "between 1 and 600"),
    ("installment", with_(INST, periods=601), "periods", "between 1 and 600"),
    # fee min > max
    ("penalty", with_(PEN, fee={"type": "percent", "pct": "5%", "min": 100, "max": 50}), "fee.min", "greater"),
    ("card", with_(CARD, late_fee_min=30, late_fee_max=20), "late_fee_min", "greater"),
    ("penalty", with_(PEN, fee={"type": "bonus"}), "fee.type", "fixed, percent"),
    ("penalty", with_(PEN, fee={"type": "fixed"}), "fee.amount", "required"),
    ("penalty", with_(PEN, fee={"type": "percent", "pct": "1%", "base": "base_amount"}), "fee.base_amount",
     "required"),
    ("penalty", with_(PEN, fee="50"), "fee", "object"),
    # dates
    ("penalty", with_(PEN, days_overdue=..., due_date="2025/01/10"), "due_date", "YYYY-MM-DD"),
    ("penalty", with_(PEN, days_overdue=..., due_date="2025-02-30"), "due_date", "YYYY-MM-DD"),
    ("lpr", {"date": "yesterday"}, "date", "YYYY-MM-DD"),
    ("penalty", with_(PEN, days_overdue=..., due_date="2025-03-01", calc_date="2025-02-01"), "calc_date",
     "not overdue"),
    ("penalty", with_(PEN, due_date="2025-01-01", calc_date="2025-01-11"), "days_overdue", "disagrees"),
    ("penalty", with_(PEN, days_overdue=...), "days_overdue", "due_date"),
    # absurd magnitudes
    ("penalty", with_(PEN, principal_overdue="2e12"), "principal_overdue", "implausibly large"),
    ("installment", with_(INST, principal=10**13), "principal", "implausibly large"),
    ("penalty", with_(PEN, penalty_rate="150%"), "penalty_rate", "100% a day"),
    # other choices and rules
    ("penalty", with_(PEN, day_basis=364), "day_basis", "360 or 365"),
    ("penalty", with_(PEN, product_type="payday"), "product_type", "private_lending"),
    ("penalty", with_(PEN, product_type="private_lending"), "contract_date", "4 ×"),
    ("penalty", with_(PEN, grace_mode="forgive"), "grace_mode", "deduct"),
    ("installment", with_(INST, method=...), "method", "required"),
    ("installment", with_(INST, upfront_fee=10000), "upfront_fee", "less than principal"),
    ("installment", dict(principal=1000, periods=3, method="equal_principal_plus_fee"), "monthly_fee_rate",
     "required"),
    ("installment", with_(INST, method="equal_principal_plus_fee", monthly_fee_rate="1%"), "monthly_rate",
     "fee, not interest"),
    ("growth", with_(GROW, target_multiple=1), "target_multiple", "more than 1"),
    ("card", with_(CARD, statement_balance=0), "statement_balance", "greater than 0"),
    # typos are not silently replaced by defaults
    ("penalty", with_(PEN, principle_overdue=1), "principle_overdue", "did you mean principal_overdue"),
    ("growth", with_(GROW, compounding_days=30), "compounding_days", "compounding_period_days"),
]


@pytest.mark.parametrize(("tool", "inputs", "field", "fragment"), CASES)
def test_bad_input_names_the_field_and_what_to_do(tool: str, inputs: dict, field: str, fragment: str) -> None:
    with pytest.raises(CalcError) as caught:
        run_tool(tool, inputs, today=date(2025, 6, 1))
    assert caught.value.field == field
    assert fragment in caught.value.message
    assert caught.value.message_zh and caught.value.text("zh") != caught.value.message


def test_unknown_tool_and_language() -> None:
    with pytest.raises(CalcError) as caught:
        run_tool("mortgage", {})
    assert caught.value.field == "tool"
    assert "penalty" in caught.value.message
    with pytest.raises(CalcError) as bad_lang:
        run_tool("convert", {"rate": "1%", "unit": "annual"}, lang="fr")
    assert bad_lang.value.field == "lang"


def test_inputs_must_be_an_object() -> None:
    with pytest.raises(CalcError, match="JSON object"):
        run_tool("convert", ["rate", "1%"])  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [0.0005, "0.0005", D("0.0005"), "0.05%", "0.05 %", "0.5‰", "5‱", "0.05％"])
def test_every_way_of_writing_the_same_rate_is_understood_alike(value: object) -> None:
    r = run_tool("convert", {"rate": value, "unit": "daily"})
    assert r["inputs_used"]["rate"] == D("0.0005")
    assert r["annual_pct"] == D("18.25")


@pytest.mark.parametrize("value", [10000, "10000", "10,000", 10000.0, D("10000.00"), " 10000 "])
def test_amounts_in_any_json_like_form(value: object) -> None:
    r = run_tool("penalty", with_(PEN, principal_overdue=value))
    assert r["penalty_interest"] == D("150.00")


def test_null_means_not_given() -> None:
    r = run_tool("penalty", with_(PEN, unpaid_interest=None, fee=None))
    assert r["inputs_used"]["unpaid_interest"] == 0


@pytest.mark.parametrize(
    ("tool", "inputs"),
    [
        ("growth", {"principal": "1e12", "rate": "100%", "rate_unit": "daily", "compounding_period_days": 1,
                    "horizon_days": 36500}),
        ("penalty", {"principal_overdue": "1e12", "unpaid_interest": "1e12", "penalty_rate": "100%",
                     "penalty_rate_unit": "daily", "days_overdue": 36500, "compounding_period_days": 1}),
        ("installment", {"principal": "1e12", "periods": 600, "method": "equal_principal", "monthly_rate": "0.99",
                         "upfront_fee": "0.5e12"}),
        ("card", {"statement_balance": "1e12", "amount_paid_by_due": 0, "days_posting_to_due": 36500,
                  "days_overdue_until_repaid": 36500, "daily_rate": "0.99"}),
    ],
)
def test_the_largest_allowed_inputs_still_give_an_answer(tool: str, inputs: dict) -> None:
    result = run_tool(tool, inputs)
    assert result["notes"]
