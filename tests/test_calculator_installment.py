"""installment: the spec's worked examples and IRR properties."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.calculator import run_tool
from bot.calculator.errors import CalcError


def run(**inputs: object) -> dict:
    return run_tool("installment", inputs)


def annuity_pv(payment: float, monthly: float, n: int) -> float:
    return payment * (1 - (1 + monthly) ** -n) / monthly


def test_fee_quoted_12_periods_at_0_75_percent_is_16_22_not_9() -> None:
    r = run(principal=10000, periods=12, method="equal_principal_plus_fee", monthly_fee_rate="0.75%")
    payment = 10000 / 12 + 10000 * 0.0075  # 833.33 + 75
    assert r["first_payment"] == r["last_payment"] == D("908.33")
    assert r["total_repaid"] == D("10900.00")
    assert r["total_cost"] == D("900.00")
    assert r["apr_nominal_pct"].quantize(D("0.01")) == D("16.22")
    # the rate it reports discounts the payments back to the 10000 received
    assert abs(annuity_pv(payment, float(r["irr_monthly_pct"]) / 100, 12) - 10000) < 0.01
    assert r["naive_rate_pct"] == D("9.00")  # 0.75% × 12
    assert r["rule_of_thumb_pct"] == D("16.615385")  # 24 × 0.0075 × 12/13 = 0.166153846…
    assert any("misleading" in n for n in r["notes"])


def test_monthly_fee_0_5_percent_is_10_90() -> None:
    r = run(principal=10000, periods=12, method="equal_principal_plus_fee", monthly_fee_rate=0.005)
    assert r["apr_nominal_pct"].quantize(D("0.01")) == D("10.90")
    assert abs(annuity_pv(10000 / 12 + 50, float(r["irr_monthly_pct"]) / 100, 12) - 10000) < 0.01


def test_annuity_with_500_deducted_up_front_is_21_86() -> None:
    r = run(principal=10000, periods=12, method="annuity", monthly_rate="1%", upfront_fee=500)
    payment = 10000 * 0.01 * 1.01**12 / (1.01**12 - 1)  # 888.4879
    assert r["first_payment"] == D("888.49")
    assert r["net_disbursed"] == D("9500.00")
    assert r["apr_nominal_pct"].quantize(D("0.01")) == D("21.86")
    assert abs(annuity_pv(payment, float(r["irr_monthly_pct"]) / 100, 12) - 9500) < 0.01
    assert r["naive_rate_pct"] is None
    assert any("670" in n for n in r["notes"])


def test_equal_principal_without_fees_returns_its_own_rate() -> None:
    r = run(principal=12000, periods=12, method="equal_principal", monthly_rate="1%")
    assert r["first_payment"] == D("1120.00")  # 1000 + 1% × 12000
    assert r["last_payment"] == D("1010.00")  # 1000 + 1% × 1000
    assert r["total_repaid"] == D("12780.00")  # 12000 + 1% × (12000 + 11000 + … + 1000) = 12000 + 780
    assert r["irr_monthly_pct"] == D("1.00")
    assert r["apr_nominal_pct"] == D("12.00")
    assert r["apr_effective_pct"] == D("12.682503")  # 1.01^12 − 1 = 0.1268250301…


def test_interest_only_pays_principal_at_the_end() -> None:
    r = run(principal=10000, periods=6, method="interest_only", monthly_rate="1%")
    assert r["first_payment"] == D("100.00")
    assert r["last_payment"] == D("10100.00")
    assert r["total_repaid"] == D("10600.00")
    assert r["apr_nominal_pct"] == D("12.00")


def test_zero_cost_loan_has_zero_rate() -> None:
    r = run(principal=1200, periods=12, method="annuity", monthly_rate=0)
    assert r["first_payment"] == D("100.00")
    assert r["irr_monthly_pct"] == D("0.00")


def test_flags_against_24_and_36() -> None:
    r = run(principal=10000, periods=12, method="equal_principal_plus_fee", monthly_fee_rate="1.5%",
            upfront_fee=1000)
    assert r["flags"] == {"exceeds_24pct": True, "exceeds_36pct": True}
    low = run(principal=10000, periods=12, method="annuity", monthly_rate="1%")
    assert low["flags"] == {"exceeds_24pct": False, "exceeds_36pct": False}


@settings(max_examples=40, deadline=None)
@given(
    st.decimals(min_value=D("100"), max_value=D("1000000"), places=2),
    st.integers(min_value=1, max_value=60),
    st.decimals(min_value=D("0.0001"), max_value=D("0.05"), places=4),
)
def test_irr_recovers_the_monthly_rate_of_a_plain_annuity(p: D, n: int, rate: D) -> None:
    r = run(principal=p, periods=n, method="annuity", monthly_rate=rate)
    assert abs(r["irr_monthly_pct"] - rate * 100) <= D("0.000001")


@settings(max_examples=30, deadline=None)
@given(
    st.decimals(min_value=D("100"), max_value=D("100000"), places=2),
    st.integers(min_value=2, max_value=36),
    st.decimals(min_value=D("0.001"), max_value=D("0.02"), places=4),
    st.decimals(min_value=D("0.01"), max_value=D("0.5"), places=2),
)
def test_an_upfront_fee_always_raises_the_true_rate(p: D, n: int, rate: D, share: D) -> None:
    plain = run(principal=p, periods=n, method="annuity", monthly_rate=rate)
    cut = run(principal=p, periods=n, method="annuity", monthly_rate=rate, upfront_fee=(p * share).quantize(D("1")))
    assert cut["apr_nominal_pct"] > plain["apr_nominal_pct"]


def test_a_loan_repaid_in_one_sum_after_days_is_annualised_over_those_days() -> None:
    # 1,000 lent, 1,300 back after 7 days: 30% for the period, × 365/7 a year
    out = run_tool("installment", {"principal": 1000, "periods": 1, "method": "equal_principal_plus_fee",
                                   "monthly_fee_rate": 0, "per_period_fixed_fee": 300, "period_days": 7}, "zh")
    assert out["apr_nominal_pct"].quantize(D("0.01")) == D("1564.29")
    assert out["total_cost"] == D("300.00") and out["flags"]["exceeds_36pct"]
    assert "365/7" in out["notes"][0]


def test_period_days_out_of_range_names_the_field() -> None:
    with pytest.raises(CalcError) as err:
        run_tool("installment", {"principal": 1000, "periods": 1, "method": "equal_principal_plus_fee",
                                 "monthly_fee_rate": 0, "period_days": 0})
    assert err.value.field == "period_days"
