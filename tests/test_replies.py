"""bot.understand.replies: a reply to one step of /calc, read and checked with the tool's schema."""

from __future__ import annotations

from decimal import Decimal as D

from bot.understand.replies import read_reply


def test_negative_money_is_asked_again() -> None:
    assert read_reply("penalty", "principal_overdue", "-500", {}).problem is not None
    assert read_reply("penalty", "principal_overdue", "1万", {}).value == D(10000)
    assert read_reply("card", "amount_paid_by_due", "没还", {}).value == 0


def test_a_percent_in_the_fee_step_is_a_percent_fee() -> None:
    assert read_reply("penalty", "fee", "5%", {}).value == {"type": "percent", "pct": D("0.05"),
                                                           "base": "principal_overdue", "times": 1}
    assert read_reply("penalty", "fee", "违约金200元", {}).value["amount"] == D(200)
    assert read_reply("penalty", "fee", "没有", {}).skip


def test_a_bare_rate_is_offered_both_ways_and_an_extreme_one_is_questioned() -> None:
    both = read_reply("penalty", "penalty_rate", "0.05", {})
    assert [v for _label, v in both.options] == [D("0.0005"), D("0.05")]
    extreme = read_reply("penalty", "penalty_rate", "5000", {})
    assert extreme.check is not None
    daily = read_reply("penalty", "penalty_rate", "日息万五", {})
    assert daily.ok and daily.value == D("0.0005") and daily.also == {"penalty_rate_unit": "daily"}


def test_days_dates_and_months() -> None:
    assert read_reply("penalty", "days_overdue", "两个月", {}).value == 60
    assert read_reply("penalty", "days_overdue", "-3", {}).problem is not None
    assert read_reply("penalty", "contract_date", "2023年5月1日", {}).value == "2023-05-01"
    assert read_reply("cost", "months", "24期", {}).value == 24


def test_an_annual_rate_for_a_monthly_field_is_converted() -> None:
    got = read_reply("installment", "monthly_rate", "年化12%", {})
    assert got.value == D("0.01")
