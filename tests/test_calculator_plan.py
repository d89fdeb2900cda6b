"""The plan tool against schedules worked out by hand (docs/calculator.md), to the cent.

Every expected figure below was computed by hand from the rules in docs/calculator.md: interest = balance × monthly
rate, rounded half-up to the cent each month; minimums first; the rest of the budget to the strategy's first debt.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal as D

import pytest

from bot.calculator import CalcError, dumps, run_tool

TWO = [
    {"name": "A", "balance": 1000, "rate": "2%", "rate_unit": "monthly", "min_payment": 50},
    {"name": "B", "balance": 500, "rate": "1%", "rate_unit": "monthly", "min_payment": 50},
]


def months(result: dict, key: str) -> list[dict[str, D]]:
    return [m[key] for m in result["schedule"]]


def test_avalanche_matches_the_hand_schedule_and_a_cleared_debt_rolls_its_money_over_the_same_month() -> None:
    r = run_tool("plan", {"debts": TWO, "monthly_budget": 300}, lang="en")
    assert months(r, "interest") == [
        {"A": D("20.00"), "B": D("5.00")}, {"A": D("15.40"), "B": D("4.55")}, {"A": D("10.71"), "B": D("4.10")},
        {"A": D("5.92"), "B": D("3.64")}, {"A": D("1.04"), "B": D("3.17")}, {"B": D("0.74")}]
    assert months(r, "payments") == [{"A": D("250.00"), "B": D("50.00")}] * 4 + [
        {"A": D("53.07"), "B": D("246.93")}, {"B": D("74.27")}]  # month 5: A cleared, its 196.93 goes to B
    assert months(r, "balances") == [
        {"A": D("770.00"), "B": D("455.00")}, {"A": D("535.40"), "B": D("409.55")},
        {"A": D("296.11"), "B": D("363.65")}, {"A": D("52.03"), "B": D("317.29")},
        {"A": D("0.00"), "B": D("73.53")}, {"B": D("0.00")}]
    assert (r["months"], r["total_interest"], r["total_paid"]) == (6, D("74.27"), D("1574.27"))
    assert r["priority"] == ["A", "B"] and r["payoff_order"] == ["A", "B"]
    assert r["payoff_month"] == {"A": 5, "B": 6}
    assert r["other_strategy"] == {"strategy": "snowball", "months": 6, "total_interest": D("88.45")}


def test_snowball_matches_the_hand_schedule() -> None:
    r = run_tool("plan", {"debts": TWO, "monthly_budget": 300, "strategy": "snowball"}, lang="en")
    assert months(r, "payments") == [
        {"A": D("50.00"), "B": D("250.00")}, {"A": D("50.00"), "B": D("250.00")},
        {"A": D("292.37"), "B": D("7.63")},  # B's own minimum clears it; the rest of the budget goes to A
        {"A": D("300.00")}, {"A": D("300.00")}, {"A": D("88.45")}]
    assert months(r, "balances")[-4:] == [{"A": D("665.82"), "B": D("0.00")}, {"A": D("379.14")},
                                          {"A": D("86.72")}, {"A": D("0.00")}]
    assert (r["months"], r["total_interest"], r["total_paid"]) == (6, D("88.45"), D("1588.45"))
    assert r["priority"] == ["B", "A"] and r["payoff_month"] == {"B": 3, "A": 6}
    assert r["other_strategy"]["total_interest"] == D("74.27")
    saved = r["other_strategy"]["total_interest"] - r["total_interest"]
    assert saved == D("-14.18")  # the avalanche would have cost 14.18 less
    assert "With highest rate first: 6 months, interest 74.27 — 14.18 less." in r["notes"]


def test_the_minimum_payments_only_mode_for_one_card_matches_the_hand_schedule() -> None:
    card = {"name": "card", "balance": 1000, "rate": "1%", "rate_unit": "monthly", "min_payment_ratio": "10%"}
    r = run_tool("plan", {"debts": [card], "strategy": "minimums_only"}, lang="zh")
    assert [m["card"] for m in months(r, "payments")] == [D("110.00")] + [D("100.00")] * 9 + [D("47.94")]
    assert [m["card"] for m in months(r, "interest")] == [
        D(x) for x in ("10.00", "9.00", "8.09", "7.17", "6.24", "5.31", "4.36", "3.40", "2.44", "1.46", "0.47")]
    # month 6: 530.50 × 1% = 5.305 → 5.31 (half-up, as stated)
    assert months(r, "balances")[4]["card"] == D("530.50")
    assert (r["months"], r["total_interest"], r["total_paid"]) == (11, D("57.94"), D("1057.94"))
    assert r["never_paid_off"] == [] and r["other_strategy"] is None
    assert any("100.00" in n and "假设" in n for n in r["notes"])  # the floor is said to be an assumption


def test_a_card_rule_balance_falls_by_the_share_every_month_at_a_daily_rate() -> None:
    card = {"name": "card", "balance": 3000, "rate": "0.05%", "rate_unit": "daily", "min_payment_ratio": "10%"}
    r = run_tool("plan", {"debts": [card], "strategy": "minimums_only"}, lang="en")
    # 3000 × 0.0005 × 365 / 12 = 45.625 → 45.63; minimum 300.00 + 45.63 → 2700.00 left
    assert months(r, "interest")[0] == {"card": D("45.63")} and months(r, "payments")[0] == {"card": D("345.63")}
    assert [m["card"] for m in months(r, "balances")[:3]] == [D("2700.00"), D("2430.00"), D("2187.00")]


def test_a_budget_below_the_minimums_is_one_line_naming_the_shortfall() -> None:
    with pytest.raises(CalcError) as got:
        run_tool("plan", {"debts": TWO, "monthly_budget": 80}, lang="en")
    assert got.value.field == "monthly_budget"
    assert "20.00 short" in got.value.message and "100.00" in got.value.message
    assert "\n" not in got.value.message
    assert "少 20.00 元" in got.value.text("zh")


def test_a_debt_that_never_ends_is_an_error_on_a_budget_and_listed_in_minimums_only() -> None:
    stuck = [{"name": "loan", "balance": 10000, "rate": "2%", "rate_unit": "monthly", "min_payment": 100}]
    with pytest.raises(CalcError) as got:
        run_tool("plan", {"debts": stuck, "monthly_budget": 150}, lang="en")
    assert "never paid off" in got.value.message and "200.00" in got.value.message and "\n" not in got.value.message
    r = run_tool("plan", {"debts": [*stuck, {"name": "card", "balance": 1000, "rate": "1%", "rate_unit": "monthly",
                                            "min_payment_ratio": "10%"}], "strategy": "minimums_only"}, lang="en")
    assert r["never_paid_off"] == [{"name": "loan", "balance": D("10000.00"), "monthly_interest": D("200.00"),
                                    "min_payment": D("100.00")}]
    assert (r["months"], r["total_interest"]) == (11, D("57.94"))  # the card alone, as above
    assert r["payoff_month"] == {"card": 11}


def test_a_budget_plan_reports_the_minimums_only_comparison_and_the_caps() -> None:
    debts = [{"name": "card", "balance": 30000, "rate": "0.05%", "rate_unit": "daily", "min_payment": 1500,
              "product_type": "credit_card"},
             {"name": "app", "balance": 6000, "rate": "36%", "rate_unit": "annual", "min_payment": 600,
              "product_type": "online_lender"},
             {"name": "friend", "balance": 20000, "rate": "2%", "rate_unit": "monthly",
              "product_type": "private_lending", "contract_date": "2024-03-01"}]
    r = run_tool("plan", {"debts": debts, "monthly_budget": 5000}, lang="en")
    caps = {d["name"]: d for d in r["debts"]}
    assert caps["card"]["annual_rate_pct"] == D("18.25") and not caps["card"]["exceeds_cap"]
    assert caps["app"]["exceeds_cap"] and caps["app"]["cap_rule"] == "reference_24"
    # 24% a year for a private loan made on 2024-03-01: above 4 × the LPR then (3.45% → 13.8%)
    assert caps["friend"]["cap_pct"] == D("13.80") and caps["friend"]["exceeds_cap"]
    assert r["minimums_only"]["never_paid_off"] == ["friend"]
    assert r["priority"][0] == "app"


def test_a_zero_rate_needs_no_unit_and_a_rate_without_one_is_refused() -> None:
    r = run_tool("plan", {"debts": [{"name": "friend", "balance": 900, "rate": 0}], "monthly_budget": 300}, lang="en")
    assert (r["months"], r["total_interest"]) == (3, D("0.00"))
    with pytest.raises(CalcError) as got:
        run_tool("plan", {"debts": [{"name": "x", "balance": 900, "rate": "1%"}], "monthly_budget": 300}, lang="en")
    assert got.value.field == "debts[0].rate_unit" and "(x)" in got.value.message


@pytest.mark.parametrize(("debts", "field"), [
    ([], "debts"),
    ([{"name": "a", "balance": -5, "rate": 0}], "debts[0].balance"),
    ([{"name": "a", "balance": 5, "rate": 0}, {"name": "a", "balance": 5, "rate": 0}], "debts[1].name"),
    ([{"name": "a", "balance": 5, "rate": 0, "min_payment": 1, "min_payment_ratio": "10%"}], "debts[0].min_payment"),
    ([{"balance": 5, "rate": 0}], "debts[0].name"),
])
def test_bad_debts_name_the_field(debts: list, field: str) -> None:
    with pytest.raises(CalcError) as got:
        run_tool("plan", {"debts": debts, "monthly_budget": 100}, lang="en")
    assert got.value.field == field


def test_cli_json_matches_the_hand_schedule_and_errors_are_one_line() -> None:
    def cli(payload: dict) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot", "calc", "plan", "--json", "--lang", "en"],
                              input=json.dumps(payload), capture_output=True, text=True, timeout=60)

    ok = cli({"debts": TWO, "monthly_budget": 300, "strategy": "snowball"})
    assert ok.returncode == 0, ok.stderr
    out = json.loads(ok.stdout, parse_float=D)
    assert out == json.loads(dumps(run_tool("plan", {"debts": TWO, "monthly_budget": 300, "strategy": "snowball"},
                                            lang="en")), parse_float=D)
    assert (out["months"], out["total_interest"]) == (6, D("88.45"))
    bad = cli({"debts": TWO, "monthly_budget": 80})
    assert bad.returncode == 2 and bad.stdout.count("\n") == 1
    assert json.loads(bad.stdout) == {
        "error": "monthly_budget 80.00 is 20.00 short of the minimum payments (100.00: A 50.00, B 50.00); raise the "
                 "budget or lower a minimum", "field": "monthly_budget"}
