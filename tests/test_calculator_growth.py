"""growth: the "does it become 8×?" figures from the spec, checked by hand."""

from __future__ import annotations

import math
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.calculator import run_tool


def run(**inputs: object) -> dict:
    return run_tool("growth", inputs)


CARD_MAX = dict(principal=10000, rate="0.05%", rate_unit="daily", compounding_period_days=30)


def test_card_maximum_rate_for_a_year_of_monthly_compounding() -> None:
    twelve_periods = run(**CARD_MAX, horizon_days=360)
    # 10000 × 1.015^12 = 11956.18 (the spec's "~11,956": twelve 30-day periods)
    assert twelve_periods["balance_at_horizon"] == D("11956.18")
    full_year = run(**CARD_MAX)
    # 365 days = 12 periods + 5 days: × (1 + 0.0005 × 5) = 11986.07
    assert full_year["balance_at_horizon"] == D("11986.07")
    assert full_year["multiple_at_horizon"] == D("1.1986")


def test_card_maximum_needs_about_eleven_and_a_half_years_to_reach_8x() -> None:
    r = run(**CARD_MAX)
    # 1.015^n ≥ 8 needs n = ln 8 / ln 1.015 ≈ 139.7 periods ≈ 4190 days ≈ 11.5 years
    periods = math.log(8) / math.log(1.015)
    assert 139 * 30 < r["days_to_target"] <= 140 * 30
    assert abs(r["years_to_target"] - D("11.5")) <= D("0.05")
    assert r["years_to_target"] == (D(r["days_to_target"]) / 365).quantize(D("0.01"))
    assert periods > 139


def test_24_percent_simple_takes_about_29_years() -> None:
    r = run(principal=10000, rate="24%", rate_unit="annual")
    # 1 + 0.24/365 × d ≥ 8  →  d ≥ 7 × 365 / 0.24 = 10645.8
    assert r["days_to_target"] == 10646
    assert r["years_to_target"] == D("29.17")


def test_one_percent_a_day_compounded_daily_gets_there_within_a_year() -> None:
    r = run(principal=10000, rate="1%", rate_unit="daily", compounding_period_days=1)
    assert r["days_to_target"] == math.ceil(math.log(8) / math.log(1.01))  # 208.98 → 209
    assert r["days_to_target"] < 365


def test_zero_rate_never_reaches_the_target() -> None:
    r = run(principal=1000, rate=0, rate_unit="annual")
    assert r["days_to_target"] is None
    assert r["years_to_target"] is None
    assert r["balance_at_horizon"] == D("1000.00")


def test_series_runs_from_day_zero_to_the_horizon() -> None:
    r = run(**CARD_MAX, horizon_days=720)
    series = r["series"]
    assert series[0] == [0, D("10000.00")]
    assert series[-1] == [720, r["balance_at_horizon"]]
    assert len(series) <= 62
    assert [b for _, b in series] == sorted(b for _, b in series)


def test_notes_name_borrowing_to_repay_as_the_real_multiplier() -> None:
    assert any("以贷养贷" in n for n in run(**CARD_MAX)["notes"])
    assert any("以贷养贷" in n for n in run_tool("growth", CARD_MAX, lang="zh")["notes"])


rates = st.decimals(min_value=D("0"), max_value=D("0.01"), places=5)


@settings(max_examples=50, deadline=None)
@given(rates, st.sampled_from([0, 1, 30]), st.integers(0, 3650), st.integers(0, 3650))
def test_balance_never_falls_with_time(rate: D, cp: int, a: int, b: int) -> None:
    low, high = sorted((a, b))
    first = run(principal=1000, rate=rate, rate_unit="daily", compounding_period_days=cp, horizon_days=low)
    second = run(principal=1000, rate=rate, rate_unit="daily", compounding_period_days=cp, horizon_days=high)
    assert first["balance_at_horizon"] <= second["balance_at_horizon"]


@settings(max_examples=50, deadline=None)
@given(rates, st.sampled_from([1, 7, 30]), st.integers(0, 3650))
def test_compounding_never_grows_slower_than_simple(rate: D, cp: int, horizon: int) -> None:
    simple = run(principal=1000, rate=rate, rate_unit="daily", horizon_days=horizon)
    compound = run(principal=1000, rate=rate, rate_unit="daily", compounding_period_days=cp, horizon_days=horizon)
    assert compound["balance_at_horizon"] >= simple["balance_at_horizon"]
