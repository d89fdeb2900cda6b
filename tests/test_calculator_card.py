"""card: one statement cycle, computed by hand."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.calculator import run_tool


def run(**inputs: object) -> dict:
    return run_tool("card", inputs)


BASE = dict(statement_balance=10000, days_posting_to_due=20, days_overdue_until_repaid=30)


def test_full_balance_interest_and_late_fee_below_minimum() -> None:
    r = run(**BASE, amount_paid_by_due=500)
    # interest: 10000 × 0.0005 × 20 + 9500 × 0.0005 × 30 = 100 + 142.5
    assert r["interest"] == D("242.50")
    assert r["minimum_payment"] == D("1000.00")  # 10%
    assert r["late_fee"] == D("25.00")  # 5% × (1000 − 500)
    assert r["total_charges"] == D("267.50")
    assert r["balance_to_clear"] == D("9767.50")  # 9500 + 267.5
    assert any("depends on the bank" in n for n in r["notes"])


def test_unpaid_portion_method() -> None:
    r = run(**BASE, amount_paid_by_due=500, interest_method="unpaid_portion")
    assert r["interest"] == D("237.50")  # 9500 × 0.0005 × 50


def test_minimum_paid_means_no_late_fee_but_interest() -> None:
    r = run(**BASE, amount_paid_by_due=2000)
    assert r["late_fee"] == D("0.00")
    assert r["interest"] == D("220.00")  # 100 + 8000 × 0.0005 × 30


def test_paid_in_full_costs_nothing() -> None:
    r = run(**BASE, amount_paid_by_due=10000)
    assert (r["interest"], r["late_fee"], r["balance_to_clear"]) == (D("0.00"), D("0.00"), D("0.00"))
    over = run(**BASE, amount_paid_by_due=10200)
    assert over["balance_to_clear"] == D("0.00")
    assert any("200.00" in n for n in over["notes"])


def test_late_fee_clamped_to_min_and_max() -> None:
    assert run(**BASE, amount_paid_by_due=500, late_fee_max=20)["late_fee"] == D("20.00")
    assert run(**BASE, amount_paid_by_due=900, late_fee_min=10)["late_fee"] == D("10.00")  # 5% × 100 = 5 → 10


def test_custom_rate_ratio_and_fee_pct() -> None:
    r = run(**BASE, amount_paid_by_due=0, daily_rate="0.04%", min_payment_ratio="5%", late_fee_pct="10%")
    assert r["minimum_payment"] == D("500.00")
    assert r["interest"] == D("200.00")  # 10000 × 0.0004 × 50
    assert r["late_fee"] == D("50.00")  # 10% × 500


@settings(max_examples=60, deadline=None)
@given(
    st.decimals(min_value=D("1"), max_value=D("100000"), places=2),
    st.decimals(min_value=D("0"), max_value=D("1"), places=2),
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=0, max_value=400),
    st.integers(min_value=0, max_value=400),
)
def test_late_fee_bears_no_interest_and_interest_grows_with_days(s: D, share: D, d1: int, a: int, b: int) -> None:
    paid = (s * share).quantize(D("0.01"))
    low, high = sorted((a, b))
    early = run(statement_balance=s, amount_paid_by_due=paid, days_posting_to_due=d1, days_overdue_until_repaid=low)
    late = run(statement_balance=s, amount_paid_by_due=paid, days_posting_to_due=d1, days_overdue_until_repaid=high)
    assert early["late_fee"] == late["late_fee"]
    assert early["interest"] <= late["interest"]


def test_an_absurd_daily_rate_is_questioned() -> None:
    from bot.calculator import run_tool

    r = run_tool("card", {"statement_balance": 10000, "amount_paid_by_due": 0, "days_posting_to_due": 20,
                          "days_overdue_until_repaid": 32, "daily_rate": "5%"})
    assert any("0.05%" in n and "Check" in n for n in r["notes"])
