"""The calculator as LangChain tools: schemas validate, invocations match run_tool, errors read clearly."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from pydantic import ValidationError

from bot.calculator import TOOLS, dumps, run_tool
from bot.engine.llm_tools import SCHEMAS, calculator_tools

CASES = {
    "penalty": {"principal_overdue": 10000, "penalty_rate": "0.05%", "penalty_rate_unit": "daily",
                "days_overdue": 30, "fee": {"type": "fixed", "amount": 50}},
    "card": {"statement_balance": 10000, "amount_paid_by_due": 500, "days_posting_to_due": 20,
             "days_overdue_until_repaid": 30},
    "installment": {"principal": 10000, "periods": 12, "method": "equal_principal_plus_fee",
                    "monthly_fee_rate": "0.75%"},
    "growth": {"principal": 10000, "rate": "0.05%", "rate_unit": "daily", "compounding_period_days": 30},
    "convert": {"rate": 0.0005, "unit": "daily", "day_basis": 360},
    "lpr": {"date": "2024-10-21"},
    "cost": {"principal": 10000, "rate": "36%", "rate_unit": "annual", "method": "simple", "days": 365},
    "plan": {"debts": [{"name": "card", "balance": 30000, "rate": "0.05%", "rate_unit": "daily", "min_payment": 1500},
                       {"name": "friend", "balance": 20000, "rate": 0}], "monthly_budget": 5000,
             "strategy": "snowball"},
}


def tools_by_name(lang: str = "en") -> dict:
    return {tool.name: tool for tool in calculator_tools(lang)}


def test_one_tool_per_calculator_tool_with_described_fields() -> None:
    tools = tools_by_name()
    assert sorted(tools) == sorted(f"calc_{name}" for name in TOOLS)
    for name in TOOLS:
        schema = tools[f"calc_{name}"].tool_call_schema.model_json_schema()
        assert schema["properties"]
        assert all(prop.get("description") for prop in schema["properties"].values()), name


def test_the_tools_use_the_calculators_own_schemas() -> None:
    from bot.calculator import SCHEMAS as CALCULATOR_SCHEMAS

    tools = tools_by_name()
    for name, schema in CALCULATOR_SCHEMAS.items():
        assert tools[f"calc_{name}"].args_schema is schema


@pytest.mark.parametrize("name", TOOLS)
def test_schemas_validate_the_example_inputs(name: str) -> None:
    SCHEMAS[name].model_validate(CASES[name])


def test_schemas_reject_unknown_and_mistyped_fields() -> None:
    with pytest.raises(ValidationError):
        SCHEMAS["convert"].model_validate({"rate": "1%", "unit": "daily", "colour": "red"})
    with pytest.raises(ValidationError):
        SCHEMAS["installment"].model_validate({"principal": 1, "periods": 3, "method": "balloon"})


@pytest.mark.parametrize("name", TOOLS)
def test_invocation_returns_the_same_numbers_as_run_tool(name: str) -> None:
    text = tools_by_name()[f"calc_{name}"].invoke(CASES[name])
    via_tool = json.loads(text, parse_float=D)
    direct = json.loads(dumps(run_tool(name, CASES[name])), parse_float=D)
    for key, value in via_tool.items():
        if key in ("notes", "inputs_used", "series"):
            continue
        assert value == direct[key], key


def test_worked_example_through_the_tool() -> None:
    data = json.loads(tools_by_name()["calc_installment"].invoke(CASES["installment"]), parse_float=D)
    assert data["apr_nominal_pct"].quantize(D("0.01")) == D("16.22")  # not the naive 9%


def test_calc_error_comes_back_as_a_message_naming_the_field() -> None:
    tools = tools_by_name("zh")
    reply = tools["calc_growth"].invoke({"principal": 100, "rate": 5, "rate_unit": "daily"})
    assert "field: rate" in reply and "5%" in reply
    missing = tools_by_name()["calc_penalty"].invoke({"principal_overdue": 100, "penalty_rate": "1%",
                                                       "penalty_rate_unit": "monthly"})
    assert "days_overdue" in missing


def test_schema_violations_come_back_as_readable_messages() -> None:
    reply = tools_by_name()["calc_convert"].invoke({"rate": "1%", "unit": "daily", "colour": "red"})
    assert reply.startswith("invalid arguments") and "colour" in reply
