"""convert and lpr: rate units, and the LPR table educators maintain."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.calculator import run_tool
from bot.calculator.lpr import LprInput, LprTableError, load_table, lpr, parse_table


def test_daily_0_05_percent_on_365_and_360_days() -> None:
    on_365 = run_tool("convert", {"rate": "0.05%", "unit": "daily"})
    assert on_365["annual_pct"] == D("18.25")  # 0.05 × 365
    assert on_365["monthly_pct"] == D("1.520833")  # 18.25 / 12 = 1.5208333…
    on_360 = run_tool("convert", {"rate": "0.05%", "unit": "daily", "day_basis": 360})
    assert on_360["annual_pct"] == D("18.00")  # 0.05 × 360
    assert on_360["monthly_pct"] == D("1.50")


def test_yue_xi_1_fen_5_is_18_percent_a_year() -> None:
    r = run_tool("convert", {"rate": "1.5%", "unit": "monthly"})
    assert r["annual_pct"] == D("18.00")
    assert r["daily_pct"] == D("0.049315")  # 18 / 365 = 0.0493150…


def test_per_mille_input() -> None:
    assert run_tool("convert", {"rate": "0.5‰", "unit": "day"})["annual_pct"] == D("18.25")


@settings(max_examples=80, deadline=None)
@given(st.decimals(min_value=D("0.0001"), max_value=D("0.02"), places=6), st.sampled_from([360, 365]))
def test_daily_to_annual_and_back_round_trips(daily: D, basis: int) -> None:
    there = run_tool("convert", {"rate": daily, "unit": "daily", "day_basis": basis})
    back = run_tool("convert", {"rate": f"{there['annual_pct']}%", "unit": "annual", "day_basis": basis})
    assert back["daily_pct"] == there["daily_pct"]
    monthly = run_tool("convert", {"rate": f"{there['monthly_pct']}%", "unit": "monthly", "day_basis": basis})
    assert abs(monthly["daily_pct"] - there["daily_pct"]) <= D("0.000001")


def test_lpr_on_dates_around_changes() -> None:
    assert run_tool("lpr", {"date": "2019-08-20"})["lpr_1y_pct"] == D("4.25")
    assert run_tool("lpr", {"date": "2024-10-20"})["lpr_1y_pct"] == D("3.35")
    on_change = run_tool("lpr", {"date": "2024-10-21"})
    assert on_change["lpr_1y_pct"] == D("3.10")
    assert on_change["cap_4x_lpr_pct"] == D("12.40")


def test_before_2019_08_20_there_is_no_lpr() -> None:
    r = run_tool("lpr", {"date": "2019-08-19"})
    assert r["lpr_1y_pct"] is None
    assert r["cap_4x_lpr_pct"] is None
    assert any("24%" in n for n in r["notes"])


def test_staleness_warning_after_45_days_from_verification() -> None:
    verified = load_table().verified_on
    assert run_tool("lpr", {"date": "2026-01-20"})["table_verified_on"] == verified.isoformat()
    fresh = lpr(LprInput(date.fromordinal(verified.toordinal() + 45)))
    stale = lpr(LprInput(date.fromordinal(verified.toordinal() + 46)))
    assert not any("45" in n.en for n in fresh.notes)
    assert any("45" in n.en for n in stale.notes)


def test_lpr_defaults_to_today() -> None:
    r = run_tool("lpr", {}, today=date(2025, 6, 1))
    assert r["inputs_used"] == {"date": "2025-06-01"}
    assert r["lpr_1y_pct"] == D("3.00")


def test_an_educator_can_extend_the_table() -> None:
    shipped = Path(__file__).resolve().parents[1] / "bot" / "calculator" / "lpr_table.csv"
    text = re.sub(r"table_verified_on: \S+", "table_verified_on: 2030-01-01", shipped.read_text(encoding="utf-8"))
    table = parse_table(text + "2029-03-20,2.80,hypothetical cut\n")
    assert table.rate_on(date(2029, 3, 19)) == D("3.00")
    assert table.rate_on(date(2029, 3, 20)) == D("2.80")
    assert table.verified_on == date(2030, 1, 1)
    assert lpr(LprInput(date(2029, 4, 1)), table).lpr_1y_pct == D("2.80")


def test_without_a_verified_line_the_last_row_dates_the_table() -> None:
    table = parse_table("from,lpr_1y_pct,note\n2019-08-20,4.25,\n2020-04-20,3.85,\n")
    assert table.verified_on == date(2020, 4, 20)


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("from,rate\n2019-08-20,4.25\n", "header"),
        ("from,lpr_1y_pct\n2019/08/20,4.25\n", ":2: 'from' must be a date"),
        ("from,lpr_1y_pct\n2019-08-20,four\n", ":2: lpr_1y_pct must be a percent"),
        ("from,lpr_1y_pct\n2019-08-20,425\n", "not a plausible percent"),
        ("from,lpr_1y_pct\n2020-08-20,4.25\n2019-08-20,4.20\n", ":3: dates must increase"),
        ("# table_verified_on: soon\nfrom,lpr_1y_pct\n2019-08-20,4.25\n", ":1: table_verified_on"),
        ("from,lpr_1y_pct\n", "no rows"),
    ],
)
def test_a_malformed_table_names_line_and_fix(text: str, complaint: str) -> None:
    with pytest.raises(LprTableError, match=complaint.replace("(", r"\(")):
        parse_table(text)
