"""penalty: worked examples computed by hand here, and properties that must hold for any input."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.calculator import run_tool

TODAY = date(2025, 6, 1)


def run(**inputs: object) -> dict:
    return run_tool("penalty", inputs, today=TODAY)


def test_simple_daily_rate_thirty_days() -> None:
    r = run(principal_overdue=10000, penalty_rate="0.05%", penalty_rate_unit="daily", days_overdue=30)
    # 10000 × 0.0005 × 30 = 150; a year of that: 150 / 10000 / 30 × 365 = 18.25%
    assert r["penalty_interest"] == D("150.00")
    assert r["total_charges"] == D("150.00")
    assert r["amount_due"] == D("10150.00")
    assert r["annualized_cost_pct"] == D("18.25")
    # 24% line on 365 days: 10000 × 0.24 × 30 / 365 = 197.2602…
    assert r["cap_used_pct"] == D("24.00")
    assert r["court_supported_max_charges"] == D("197.26")
    assert r["likely_unsupported_excess"] == D("0.00")
    assert r["flags"] == {"exceeds_24pct": False, "exceeds_36pct": False, "exceeds_4x_lpr": None}
    assert r["effective_days"] == 30


def test_bank_loan_contract_rate_plus_markup_uses_360_days_and_compounds_unpaid_interest() -> None:
    r = run(product_type="bank_loan", principal_overdue=100000, unpaid_interest=1000, contract_rate="4.35%",
            contract_rate_unit="annual", penalty_markup=0.5, days_overdue=90)
    # penalty rate 4.35% × 1.5 = 6.525% a year; / 360 = 0.018125% a day
    assert r["penalty_daily_rate_pct"] == D("0.018125")
    assert r["inputs_used"]["day_basis"] == 360
    assert r["penalty_interest"] == D("1631.25")  # 100000 × 0.00018125 × 90
    assert r["compound_interest"] == D("16.31")  # 1000 × 0.00018125 × 90 = 16.3125
    assert r["total_charges"] == D("1647.56")  # 1647.5625
    assert r["amount_due"] == D("102647.56")  # 100000 + 1000 + 1647.5625
    assert any("360" in n for n in r["notes"])


def test_compounding_every_30_days_rounds_half_up_once() -> None:
    r = run(principal_overdue=10000, penalty_rate="0.1%", penalty_rate_unit="daily", days_overdue=65,
            compounding_period_days=30)
    # 65 = 2 × 30 + 5: 10000 × 1.03² × 1.005 = 10662.045 → growth 662.045, half-up → 662.05
    assert r["penalty_interest"] == D("662.05")
    assert r["total_charges"] == D("662.05")


def test_compound_growth_is_split_pro_rata_between_principal_and_unpaid_interest() -> None:
    r = run(principal_overdue=9000, unpaid_interest=1000, penalty_rate="0.1%", penalty_rate_unit="daily",
            days_overdue=65, compounding_period_days=30)
    # same balance 10662.045; principal's share 9/10 × 662.045 = 595.8405, interest's 66.2045
    assert r["penalty_interest"] == D("595.84")
    assert r["compound_interest"] == D("66.20")
    assert r["total_charges"] == D("662.05")


def test_days_from_dates_count_the_first_day_not_the_last() -> None:
    r = run(principal_overdue=1000, penalty_rate="0.05%", penalty_rate_unit="daily", due_date="2025-01-10",
            calc_date="2025-02-10")
    assert r["effective_days"] == 31  # 21 days left in January + 10 in February
    assert r["penalty_interest"] == D("15.50")  # 1000 × 0.0005 × 31
    assert any("算头不算尾" in n for n in r["notes"])


def test_calc_date_defaults_to_today_and_says_so() -> None:
    r = run(principal_overdue=1000, penalty_rate="0.05%", penalty_rate_unit="daily", due_date="2025-05-22")
    assert r["effective_days"] == 10  # 2025-05-22 → 2025-06-01
    assert r["inputs_used"]["calc_date"] == "2025-06-01"
    assert any("2025-06-01" in n for n in r["notes"])


def test_grace_period_waived_within_and_fully_charged_past_it() -> None:
    base = dict(principal_overdue=10000, penalty_rate="0.05%", penalty_rate_unit="daily", grace_days=3,
                fee={"type": "fixed", "amount": 50})
    within = run(**base, days_overdue=3)
    assert within["effective_days"] == 0
    assert within["total_charges"] == D("0.00")  # no interest and no fee inside the grace period
    past = run(**base, days_overdue=5)
    assert past["effective_days"] == 5
    assert past["penalty_interest"] == D("25.00")  # 10000 × 0.0005 × 5
    deduct = run(**base, days_overdue=5, grace_mode="deduct")
    assert deduct["effective_days"] == 2
    assert deduct["penalty_interest"] == D("10.00")  # 10000 × 0.0005 × 2


def test_fixed_and_percent_fees_with_clamps_and_times() -> None:
    base = dict(principal_overdue=10000, penalty_rate="0.05%", penalty_rate_unit="daily", days_overdue=10)
    fixed = run(**base, fee={"type": "fixed", "amount": 50, "times": 2})
    assert fixed["fees"] == D("100.00")
    assert fixed["total_charges"] == D("150.00")  # 50 interest (10000 × 0.0005 × 10) + 100 fees
    capped = run(**base, fee={"type": "percent", "pct": "5%", "max": 200})
    assert capped["fees"] == D("200.00")  # 5% of 10000 = 500, capped at 200
    floored = run(**base, fee={"type": "percent", "pct": 0.05, "min": 600})
    assert floored["fees"] == D("600.00")  # 500 raised to the minimum 600
    other_base = run(**base, fee={"type": "percent", "pct": "1%", "base": "base_amount", "base_amount": 3000})
    assert other_base["fees"] == D("30.00")  # 1% × 3000
    both = run(**base, fee=[{"type": "fixed", "amount": 20}, {"type": "percent", "pct": "1%"}])
    assert both["fees"] == D("120.00")  # 20 + 1% × 10000


def test_private_lending_cap_is_four_times_lpr_on_contract_date() -> None:
    r = run(product_type="private_lending", principal_overdue=100000, penalty_rate="15%",
            penalty_rate_unit="annual", days_overdue=365, contract_date="2024-12-01")
    # LPR from 2024-10-21: 3.10% → cap 12.40%; charges 100000 × 15% = 15000 over a year
    assert r["lpr_1y_pct"] == D("3.10")
    assert r["cap_4x_lpr_pct"] == D("12.40")
    assert r["cap_used_pct"] == D("12.40")
    assert r["total_charges"] == D("15000.00")
    assert r["court_supported_max_charges"] == D("12400.00")
    assert r["likely_unsupported_excess"] == D("2600.00")
    assert r["flags"] == {"exceeds_24pct": False, "exceeds_36pct": False, "exceeds_4x_lpr": True}


def test_private_lending_cap_segment_for_a_contract_made_after_2020_08_20() -> None:
    r = run(product_type="private_lending", principal_overdue=100000, penalty_rate="15%",
            penalty_rate_unit="annual", due_date="2025-01-01", calc_date="2025-03-01", contract_date="2024-12-01")
    # 59 days, all at 4 × 3.10% = 12.40%
    assert r["cap_segments"] == [{"from": "2025-01-01", "to": "2025-02-28", "days": 59, "cap_pct": D("12.40"),
                                  "rule": "private_4x_lpr_contract"}]


def test_private_lending_before_2020_08_20_is_split_at_that_day() -> None:
    # Contract 2019, overdue 2020-06-01 → 2020-10-01 (122 days), suit filed 2021-01-01 (LPR 3.85% → 15.40%).
    r = run(product_type="private_lending", principal_overdue=100000, penalty_rate="2%", penalty_rate_unit="monthly",
            due_date="2020-06-01", calc_date="2020-10-01", contract_date="2019-05-01", filing_date="2021-01-01")
    assert r["cap_segments"] == [
        {"from": "2020-06-01", "to": "2020-08-19", "days": 80, "cap_pct": D("24.00"), "rule": "private_old_24_36"},
        {"from": "2020-08-20", "to": "2020-09-30", "days": 42, "cap_pct": D("15.40"), "rule": "private_4x_lpr_filing"},
    ]
    # 100000 × 24%/365 × 122 = 8021.9178…; court: 100000 × (24% × 80 + 15.4% × 42) / 365 = 7032.3287…
    assert r["total_charges"] == D("8021.92")
    assert r["court_supported_max_charges"] == D("7032.33")
    assert r["likely_unsupported_excess"] == D("989.59")  # 989.5890…
    assert r["cap_used_pct"] == D("21.039344")  # (24 × 80 + 15.4 × 42) / 122 = 21.0393442…
    assert (r["lpr_1y_pct"], r["cap_4x_lpr_pct"]) == (D("3.85"), D("15.40"))
    assert r["flags"] == {"exceeds_24pct": False, "exceeds_36pct": False, "exceeds_4x_lpr": True}
    assert any("2020-08-20" in n and "24%" in n for n in r["notes"])


def test_private_lending_before_2020_with_every_overdue_day_after_it_uses_lpr_at_filing() -> None:
    r = run(product_type="private_lending", principal_overdue=10000, penalty_rate="2%",
            penalty_rate_unit="monthly", days_overdue=30, contract_date="2019-01-01")
    # 30 days up to today (2025-06-01), filing defaults to that day: 4 × 3.00% = 12%
    assert r["cap_segments"] == [{"from": "2025-05-02", "to": "2025-05-31", "days": 30, "cap_pct": D("12.00"),
                                  "rule": "private_4x_lpr_filing"}]
    assert r["total_charges"] == D("197.26")  # 10000 × 24%/365 × 30 = 197.2602…
    assert r["court_supported_max_charges"] == D("98.63")  # 10000 × 12% × 30/365 = 98.6301…
    assert r["likely_unsupported_excess"] == D("98.63")
    assert r["flags"]["exceeds_4x_lpr"] is True
    assert r["flags"]["exceeds_24pct"] is False  # 2% a month = 24% a year: not strictly above


def test_private_lending_entirely_before_2020_08_20_follows_the_old_rules() -> None:
    r = run(product_type="private_lending", principal_overdue=10000, penalty_rate="3%", penalty_rate_unit="monthly",
            due_date="2019-01-01", calc_date="2019-03-01", contract_date="2018-05-01")
    assert [s["rule"] for s in r["cap_segments"]] == ["private_old_24_36"]
    assert r["total_charges"] == D("581.92")  # 10000 × 36%/365 × 59 = 581.9178…
    assert r["court_supported_max_charges"] == D("387.95")  # 10000 × 24% × 59/365 = 387.9452…
    assert r["likely_unsupported_excess"] == D("193.97")
    assert r["cap_4x_lpr_pct"] is None


def test_flags_are_strictly_greater_than_the_line() -> None:
    at_line = run(principal_overdue=36500, penalty_rate="24%", penalty_rate_unit="annual", days_overdue=10)
    # 36500 × 0.24 / 365 × 10 = 240 → 240 / 36500 / 10 × 365 = 24% exactly
    assert at_line["total_charges"] == D("240.00")
    assert at_line["annualized_cost_pct"] == D("24.00")
    assert at_line["flags"]["exceeds_24pct"] is False
    above = run(principal_overdue=36500, penalty_rate="24%", penalty_rate_unit="annual", days_overdue=10,
                fee={"type": "fixed", "amount": "0.01"})
    assert above["flags"]["exceeds_24pct"] is True


def test_bank_markup_outside_usual_range_is_warned() -> None:
    r = run(product_type="bank_loan", principal_overdue=1000, contract_rate="5%", contract_rate_unit="annual",
            penalty_markup="80%", days_overdue=10)
    assert any("30%–50%" in n for n in r["notes"])
    ok = run(product_type="bank_loan", principal_overdue=1000, contract_rate="5%", contract_rate_unit="annual",
             penalty_markup="40%", days_overdue=10)
    assert not any("30%–50%" in n for n in ok["notes"])


def test_explicit_penalty_rate_overrides_contract_rate() -> None:
    r = run(principal_overdue=10000, contract_rate="10%", contract_rate_unit="annual", penalty_markup=0.5,
            penalty_rate="0.05%", penalty_rate_unit="daily", days_overdue=30)
    assert r["penalty_interest"] == D("150.00")


def test_notes_say_caps_are_not_automatic_and_ask_for_itemised_statement() -> None:
    en = run(principal_overdue=1000, penalty_rate="0.05%", penalty_rate_unit="daily", days_overdue=1)
    assert any("not an automatic discount" in n and "itemised statement" in n for n in en["notes"])
    zh = run_tool("penalty", dict(principal_overdue=1000, penalty_rate="0.05%", penalty_rate_unit="daily",
                                  days_overdue=1), lang="zh")
    assert any("不会自动减免" in n and "本金/利息/罚息/复利/违约金/费用" in n for n in zh["notes"])


def test_a_rate_above_one_percent_a_day_is_questioned() -> None:
    r = run(principal_overdue=1000, penalty_rate=0.05, penalty_rate_unit="daily", days_overdue=1)
    assert any("5.00% a day" in n and '"0.05%"' in n for n in r["notes"])


# --- properties -----------------------------------------------------------------------------------------

amounts = st.decimals(min_value=D("0.01"), max_value=D("1000000"), places=2)
daily_rates = st.decimals(min_value=D("0"), max_value=D("0.01"), places=6)
days = st.integers(min_value=0, max_value=3650)
periods = st.sampled_from([0, 1, 7, 30])


def charges(p: D, i0: D, rate: D, d: int, cp: int, fee: dict | None = None) -> D:
    inputs = dict(principal_overdue=p, unpaid_interest=i0, penalty_rate=rate, penalty_rate_unit="daily",
                  days_overdue=d, compounding_period_days=cp)
    if fee is not None:
        inputs["fee"] = fee
    return run(**inputs)["total_charges"]


@settings(max_examples=60, deadline=None)
@given(amounts, amounts, daily_rates, periods)
def test_zero_days_means_zero_charges(p: D, i0: D, rate: D, cp: int) -> None:
    fee = {"type": "fixed", "amount": "99"}
    assert charges(p, i0, rate, 0, cp, fee) == 0


@settings(max_examples=60, deadline=None)
@given(amounts, amounts, daily_rates, days, days, periods)
def test_charges_never_fall_as_days_grow(p: D, i0: D, rate: D, d1: int, d2: int, cp: int) -> None:
    low, high = sorted((d1, d2))
    assert charges(p, i0, rate, low, cp) <= charges(p, i0, rate, high, cp)


@settings(max_examples=60, deadline=None)
@given(amounts, amounts, daily_rates, daily_rates, days, periods)
def test_charges_never_fall_as_rate_grows(p: D, i0: D, r1: D, r2: D, d: int, cp: int) -> None:
    low, high = sorted((r1, r2))
    assert charges(p, i0, low, d, cp) <= charges(p, i0, high, d, cp)


@settings(max_examples=60, deadline=None)
@given(amounts, amounts, daily_rates, st.integers(min_value=1, max_value=3650), periods, amounts)
def test_a_fee_adds_exactly_the_fee(p: D, i0: D, rate: D, d: int, cp: int, fee: D) -> None:
    without = charges(p, i0, rate, d, cp)
    with_fee = charges(p, i0, rate, d, cp, {"type": "fixed", "amount": fee})
    assert with_fee - without == fee  # fees bear no interest, whatever the compounding


@settings(max_examples=40, deadline=None)
@given(amounts, amounts, daily_rates, days, st.sampled_from([1, 7, 30]))
def test_compounding_never_charges_less_than_simple(p: D, i0: D, rate: D, d: int, cp: int) -> None:
    assert charges(p, i0, rate, d, cp) >= charges(p, i0, rate, d, 0)
