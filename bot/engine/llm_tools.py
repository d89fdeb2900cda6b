"""The calculator as LangChain tools, so an optional chat model can run the numbers instead of guessing them.

Each tool has a pydantic argument schema whose field descriptions tell the model the conventions (rates as
fractions or "0.05%" strings, units, dates YYYY-MM-DD). The tool returns the outputs object as JSON text
(bot.calculator.dumps); a CalcError comes back as a readable tool error naming the field, so the model can ask
the borrower for it instead of inventing a value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from langchain_core.tools import BaseTool, StructuredTool, ToolException
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.calculator import CalcError, dumps, run_tool

Number = int | float | str  # strings allowed so "0.05%" and "10,000" reach the calculator, which validates them
RATE = 'as a fraction (0.0005) or a percent string ("0.05%"); never a bare 5 for 5%'
UNIT = "daily, monthly or annual. Required: never guess it (\"1.5\" may be 1.5% a month or 1.5‰ a day)"
ProductType = Literal["bank_loan", "credit_card", "consumer_finance", "online_lender", "micro_loan",
                      "private_lending"]


class _Args(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FeeArgs(_Args):
    type: Literal["fixed", "percent"] = Field(description="fixed amount, or a percent of a base")
    amount: Number | None = Field(None, description="the fixed fee in yuan (type fixed)")
    pct: Number | None = Field(None, description=f"the fee share (type percent), {RATE}")
    base: Literal["principal_overdue", "base_amount"] | None = Field(
        None, description="what the percent applies to (default principal_overdue)")
    base_amount: Number | None = Field(None, description="the base in yuan when base is base_amount")
    min: Number | None = Field(None, description="smallest fee per charge")
    max: Number | None = Field(None, description="largest fee per charge")
    times: int | None = Field(None, description="how many times the fee is charged (default 1)")


class PenaltyArgs(_Args):
    principal_overdue: Number = Field(description="overdue principal in yuan (> 0)")
    product_type: ProductType | None = Field(
        None, description="kind of lender; bank_loan uses a 360-day year; private_lending needs contract_date")
    unpaid_interest: Number | None = Field(None, description="interest due and unpaid, in yuan (default 0)")
    penalty_rate: Number | None = Field(None, description=f"the overdue (penalty) rate, {RATE}")
    penalty_rate_unit: str | None = Field(None, description=f"unit of penalty_rate: {UNIT}")
    contract_rate: Number | None = Field(
        None, description=f"the contract rate, used with penalty_markup when no penalty_rate is known, {RATE}")
    contract_rate_unit: str | None = Field(None, description=f"unit of contract_rate: {UNIT}")
    penalty_markup: Number | None = Field(
        None, description="penalty rate = contract rate × (1 + markup); 0.5 means +50% (banks: 0.3–0.5)")
    days_overdue: int | None = Field(None, description="days overdue (or give due_date)")
    due_date: str | None = Field(None, description="due date YYYY-MM-DD, instead of days_overdue")
    calc_date: str | None = Field(None, description="count up to this date YYYY-MM-DD (default today)")
    grace_days: int | None = Field(None, description="grace period in days (default 0)")
    grace_mode: Literal["waive_if_within", "deduct"] | None = Field(
        None, description="waive_if_within: nothing charged within grace, all days past it; deduct: days − grace")
    compounding_period_days: int | None = Field(
        None, description="add interest to the balance every N days; 0 = simple interest (default)")
    fee: FeeArgs | list[FeeArgs] | None = Field(None, description="fees (违约金 etc.); they never bear interest")
    contract_date: str | None = Field(None, description="contract date YYYY-MM-DD (needed for private_lending)")
    day_basis: Literal[360, 365] | None = Field(None, description="days in a year for daily rates")


class CardArgs(_Args):
    statement_balance: Number = Field(description="the statement balance in yuan")
    amount_paid_by_due: Number = Field(description="amount paid by the due date, in yuan")
    days_posting_to_due: int = Field(description="days from posting to the payment due date")
    days_overdue_until_repaid: int = Field(description="days from the due date until fully repaid")
    daily_rate: Number | None = Field(None, description=f"daily interest rate (default 0.05%), {RATE}")
    interest_method: Literal["full_balance", "unpaid_portion"] | None = Field(
        None, description="full_balance (default; depends on the bank) or unpaid_portion")
    min_payment_ratio: Number | None = Field(None, description=f"minimum payment share (default 10%), {RATE}")
    late_fee_pct: Number | None = Field(None, description=f"late fee share of the unpaid minimum (default 5%), {RATE}")
    late_fee_min: Number | None = Field(None, description="smallest late fee in yuan")
    late_fee_max: Number | None = Field(None, description="largest late fee in yuan")


class InstallmentArgs(_Args):
    principal: Number = Field(description="amount borrowed in yuan")
    periods: int = Field(description="number of monthly payments (1–600)")
    method: Literal["equal_principal_plus_fee", "annuity", "equal_principal", "interest_only"] = Field(
        description="equal_principal_plus_fee (分期手续费), annuity (等额本息), equal_principal (等额本金), "
        "interest_only (先息后本)")
    monthly_rate: Number | None = Field(None, description=f"monthly interest rate (not for fee offers), {RATE}")
    monthly_fee_rate: Number | None = Field(None, description=f"monthly fee on the full principal, {RATE}")
    per_period_fixed_fee: Number | None = Field(None, description="fixed fee in yuan added to every payment")
    upfront_fee: Number | None = Field(None, description="yuan deducted when the loan is paid out (砍头息)")


class GrowthArgs(_Args):
    principal: Number = Field(description="starting debt in yuan")
    rate: Number = Field(description=f"interest rate, {RATE}")
    rate_unit: str = Field(description=f"unit of rate: {UNIT}")
    day_basis: Literal[360, 365] | None = Field(None, description="days in a year (default 365)")
    compounding_period_days: int | None = Field(
        None, description="add interest every N days: 0 simple (default), 1 daily, 30 monthly")
    horizon_days: int | None = Field(None, description="days to project (default 365)")
    target_multiple: Number | None = Field(None, description="multiple of the principal to reach (default 8)")


class ConvertArgs(_Args):
    rate: Number = Field(description=f"the rate, {RATE}")
    unit: str = Field(description=f"unit of rate: {UNIT}")
    day_basis: Literal[360, 365] | None = Field(None, description="days in a year (default 365)")


class LprArgs(_Args):
    date: str | None = Field(None, description="date YYYY-MM-DD (default today)")


SCHEMAS: dict[str, type[BaseModel]] = {
    "penalty": PenaltyArgs,
    "card": CardArgs,
    "installment": InstallmentArgs,
    "growth": GrowthArgs,
    "convert": ConvertArgs,
    "lpr": LprArgs,
}
DESCRIPTIONS = {
    "penalty": "Overdue charges on a loan (罚息/复利/违约金) for a number of days, with the annualised cost and what "
    "a court would likely support (24% line, or 4 × LPR for private lending).",
    "card": "Interest and late fee for one credit-card statement cycle when less than the full balance was paid.",
    "installment": "The true annual rate (IRR) of an instalment or loan offer, including fee-quoted offers and "
    "up-front deductions.",
    "growth": "How a debt grows over time at a rate, and how long it takes to multiply (e.g. 8×).",
    "convert": "Convert a rate between daily, monthly and annual terms.",
    "lpr": "The one-year Loan Prime Rate on a date and 4 × that rate.",
}


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(exclude_none=True)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _runner(name: str, lang: str) -> Callable[..., str]:
    def run(**kwargs: Any) -> str:
        inputs = {k: _plain(v) for k, v in kwargs.items() if v is not None}
        try:
            return dumps(run_tool(name, inputs, lang=lang))
        except CalcError as exc:
            field = f" (field: {exc.field})" if exc.field else ""
            raise ToolException(f"{exc.text(lang)}{field}") from exc

    return run


def _validation_message(error: ValidationError) -> str:
    problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors())
    return f"invalid arguments: {problems}"


def calculator_tools(lang: str = "en") -> list[BaseTool]:
    """One LangChain tool per calculator tool, writing notes and errors in `lang` ("zh" or "en")."""
    return [
        StructuredTool.from_function(
            func=_runner(name, lang),
            name=f"calc_{name}",
            description=DESCRIPTIONS[name],
            args_schema=schema,
            handle_tool_error=True,
            handle_validation_error=_validation_message,
        )
        for name, schema in SCHEMAS.items()
    ]
