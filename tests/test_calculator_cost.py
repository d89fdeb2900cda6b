"""cost (a loan repaid on time) by hand and by property; the private-lending split by property; applicable_cap."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.calculator import run_tool
from bot.calculator.caps import applicable_cap

TODAY = date(2025, 6, 1)


def run(**inputs: object) -> dict:
    return run_tool("cost", inputs, today=TODAY)


def test_a_year_at_36_percent_costs_3600_with_the_24_36_note() -> None:
    r = run(principal=10000, rate="36%", rate_unit="annual", method="simple", days=365,
            product_type="online_lender")
    assert (r["total_interest"], r["total_repayment"]) == (D("3600.00"), D("13600.00"))
    assert r["flags"] == {"exceeds_24pct": True, "exceeds_36pct": False, "exceeds_4x_lpr": None}
    assert any("24%" in n and "36%" in n for n in r["notes"])


def test_annuity_by_hand() -> None:
    r = run(principal=50000, rate="1%", rate_unit="monthly", method="annuity", months=24)
    # 50000 × 0.01 / (1 − 1.01^−24) = 2353.6739…; 24 × that − 50000 = 6488.1741…
    assert r["monthly_payment"] == D("2353.67")
    assert r["total_interest"] == D("6488.17")
    assert r["total_repayment"] == D("56488.17")


def test_equal_principal_by_hand() -> None:
    r = run(principal=30000, rate="12%", rate_unit="annual", method="equal_principal", months=12)
    # m = 1%: 0.01 × 30000 × 13 / 2 = 1950; first 2500 + 300, last 2500 + 25
    assert (r["total_interest"], r["first_payment"], r["last_payment"]) == (D("1950.00"), D("2800.00"),
                                                                             D("2525.00"))
    assert r["monthly_payment"] is None


def test_interest_only_by_hand() -> None:
    r = run(principal=100000, rate="1%", rate_unit="monthly", method="interest_only", months=12)
    assert (r["total_interest"], r["monthly_payment"], r["last_payment"]) == (D("12000.00"), D("1000.00"),
                                                                              D("101000.00"))


def test_daily_rate_months_use_day_basis_over_12() -> None:
    r = run(principal=12000, rate="0.05%", rate_unit="daily", method="interest_only", months=1)
    # m = 0.0005 × 365 / 12 = 0.015208333…; 12000 × m = 182.50
    assert r["total_interest"] == D("182.50")


def test_private_lending_cost_is_checked_against_4x_lpr_of_the_contract_date() -> None:
    r = run(principal=10000, rate="2%", rate_unit="monthly", method="simple", days=365,
            product_type="private_lending", contract_date="2024-12-01")
    assert r["flags"]["exceeds_4x_lpr"] is True  # 24% > 4 × 3.10%
    assert r["cap_pct"] == D("12.40") and r["cap_rule"] == "private_4x_lpr_contract"


rates = st.decimals(min_value=D("0.0001"), max_value=D("0.05"), places=4)
principals = st.integers(min_value=100, max_value=10**7)
months = st.integers(min_value=1, max_value=360)


@settings(max_examples=80, deadline=None)
@given(principals, rates, months)
def test_annuity_interest_is_n_payments_less_principal(p: int, m: D, n: int) -> None:
    r = run(principal=p, rate=str(m), rate_unit="monthly", method="annuity", months=n)
    # the unrounded identity holds exactly; with the payment rounded to the cent it holds within n half-cents
    assert abs(r["total_interest"] - (n * r["monthly_payment"] - p)) <= D("0.005") * n + D("0.005")


@settings(max_examples=80, deadline=None)
@given(principals, rates, st.integers(min_value=2, max_value=360))
def test_equal_principal_costs_no_more_than_annuity(p: int, m: D, n: int) -> None:
    common = {"principal": p, "rate": str(m), "rate_unit": "monthly", "months": n}
    ep = run(**common, method="equal_principal")["total_interest"]
    an = run(**common, method="annuity")["total_interest"]
    assert ep <= an


@settings(max_examples=80, deadline=None)
@given(principals, st.decimals(min_value=D("0.01"), max_value=D("3.65"), places=4),
       st.integers(min_value=0, max_value=5000), st.integers(min_value=0, max_value=5000))
def test_simple_interest_is_linear_in_days(p: int, annual: D, d1: int, d2: int) -> None:
    def interest(days: int) -> D:
        return run(principal=p, rate=f"{annual * 100}%", rate_unit="annual", method="simple",
                   days=days)["total_interest"]

    assert abs(interest(d1 + d2) - interest(d1) - interest(d2)) <= D("0.01")
    assert interest(0) == 0


@settings(max_examples=80, deadline=None)
@given(st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 1, 1)),
       st.dates(min_value=date(2018, 1, 1), max_value=date(2026, 1, 1)),
       st.integers(min_value=0, max_value=2500), st.integers(min_value=1, max_value=10**6))
def test_private_lending_split_covers_every_charged_day_once(contract: date, due: date, days: int,
                                                             principal: int) -> None:
    end = due + timedelta(days=days)
    contract = min(contract, due)
    r = run_tool("penalty", {"product_type": "private_lending", "principal_overdue": principal,
                             "penalty_rate": "0.1%", "penalty_rate_unit": "daily", "due_date": due.isoformat(),
                             "calc_date": end.isoformat(), "contract_date": contract.isoformat()}, today=TODAY)
    segments = r["cap_segments"]
    assert sum(s["days"] for s in segments) == r["effective_days"] == days
    for a, b in itertools.pairwise(segments):
        assert date.fromisoformat(a["to"]) + timedelta(days=1) == date.fromisoformat(b["from"])
    split = date(2020, 8, 20)
    for s in segments:
        old = s["rule"] == "private_old_24_36"
        assert (date.fromisoformat(s["to"]) < split) if old else (date.fromisoformat(s["from"]) >= split)
        assert (s["rule"] == "private_4x_lpr_contract") == (contract >= split)
    caps = [s["cap_pct"] for s in segments] or [r["cap_used_pct"]]
    assert min(caps) <= r["cap_used_pct"] <= max(caps)
    court = sum(D(principal) * s["cap_pct"] / 100 * s["days"] / 365 for s in segments)
    assert abs(r["court_supported_max_charges"] - court) <= D("0.01")


def test_applicable_cap_for_each_rule() -> None:
    online = applicable_cap("online_lender", D("30"))
    assert (online.cap_pct, online.rule, online.exceeds) == (D(24), "reference_24", True)
    new = applicable_cap("private_lending", D("13"), date(2024, 12, 1))
    assert (new.cap_pct, new.rule, new.exceeds, new.lpr_1y_pct) == (D("12.40"), "private_4x_lpr_contract", True,
                                                                     D("3.10"))
    old = applicable_cap("private_lending", D("12"), date(2019, 1, 1), on=date(2025, 6, 1))
    assert (old.cap_pct, old.rule, old.exceeds) == (D("12.00"), "private_4x_lpr_filing", False)
    assert "2020-08-19" in old.rule_text("zh") or "2020-08-20" in old.rule_text("zh")
    assert old.note.text("zh") and old.note.text("en")
