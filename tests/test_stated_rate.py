"""The verdict on a rate the borrower states ("约定月息3分 合法吗"): its yearly figure against the cap that applies."""

from __future__ import annotations

import pytest

from bot.engine.calculation import stated_rate_verdict


@pytest.mark.parametrize(("text", "lang", "wanted"), [
    ("借了朋友3万 约定月息3分 合法吗", "zh", ["月息3分", "36%", "超过了", "4倍", "12%", "法院不支持"]),
    ("借条上写的月息1分 合法吗", "zh", ["12%", "没有超过"]),
    ("网贷月息3分合法吗", "zh", ["36%", "24%的参考线", "调减"]),
    ("借条写的日息千一 合法吗", "zh", ["36.5%"]),
    ("my friend's IOU says 2% a month, is that legal?", "en", ["24% a year", "is above", "private lending"]),
])
def test_the_stated_rate_is_judged_against_the_cap_for_its_lender(text: str, lang: str, wanted: list[str]) -> None:
    verdict = stated_rate_verdict(text, lang)
    assert verdict is not None and all(w in verdict for w in wanted), verdict


@pytest.mark.parametrize("text", [
    "月息3分合法吗",  # no lender named: the cap cannot be chosen
    "借了朋友3万 约定月息3分 要还多少",  # not asking whether it is lawful
    "借条上写月息2分 还有违约金 日息千一 合法吗",  # two rates: which one is asked about is unclear
])
def test_no_verdict_without_one_rate_a_lender_and_the_question(text: str) -> None:
    assert stated_rate_verdict(text, "zh") is None


def test_an_opening_that_names_the_yearly_figure_gets_no_second_verdict() -> None:
    """"月息2分是年24%" says it already; "12%" does not name 2% or 24% (a substring test had taken the "2%" of an
    English "2% a month" for a figure the opening named, and dropped the verdict)."""
    assert stated_rate_verdict("借条上写月息2分 合法吗", "zh", "月息2分是年24%，超过了12%的上限。") is None
    verdict = stated_rate_verdict("my friend's IOU says 2% a month, is that legal?", "en", "… = 12% a year for a loan")
    assert verdict is not None and "24% a year" in verdict


def test_a_yearly_rate_is_not_converted_into_itself() -> None:
    assert stated_rate_verdict("借条上写的年化36% 合法吗", "zh") == (
        "你说的年化36%，超过了民间借贷的利率上限（一年期LPR的4倍，现为年化12%），超出部分法院不支持。")
    assert "is about" not in (stated_rate_verdict("my IOU says 30% a year, is that legal?", "en") or "is about")
