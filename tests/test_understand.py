"""bot.understand: what finbot reads out of a borrower's message (language, numbers, calculator requests)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.understand import (
    TOOL_NAMES,
    CalcRequest,
    detect_language,
    detect_product,
    missing_question,
    parse_amount,
    parse_calculation,
    parse_duration,
    parse_fees,
    parse_periods,
    parse_rate,
)
from bot.understand.unreadable import unreadable, unreadable_text

D = Decimal

# ---------------------------------------------------------------- language

LANGUAGE = [
    ("逾期三天会上征信吗", "zh"),
    ("Will paying 3 days late hurt my credit report?", "en"),
    ("my 信用卡 overdue", "en"),  # English sentence with a Chinese term
    ("我的credit card逾期了", "zh"),  # Chinese sentence with an English term
    ("LPR是多少", "zh"),  # acronyms do not make a sentence English
    ("APR 24%", "en"),
    ("I owe 1万", "en"),
    ("欠了一万块钱，怎么办？", "zh"),
    ("30", "zh"),  # no words at all: the main audience's language
    # an English question about one Chinese term was answered in Chinese ("what's 停息挂账?")
    ("what's 停息挂账?", "en"), ("what does 上岸 mean", "en"), ("xyk逾期了怎么办", "zh"),
]


@pytest.mark.parametrize(("text", "lang"), LANGUAGE)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


# ---------------------------------------------------------------- amounts

AMOUNTS = [
    ("1万", D(10000)),
    ("一万五", D(15000)),
    ("1.5万", D(15000)),
    ("10,000元", D(10000)),
    ("5k", D(5000)),
    ("3千", D(3000)),
    ("两千块", D(2000)),
    ("¥8000", D(8000)),
    ("10 thousand", D(10000)),
    ("欠了一萬", D(10000)),  # traditional character
    ("5w", D(50000)),  # colloquial w for 万
    ("一万五千块钱", D(15000)),
    ("两百五十块", D(250)),
    ("1万5", D(15000)),
    ("一万零五百", D(10500)),
    ("￥1,200.50", D("1200.50")),  # full-width yen sign
    ("十万", D(100000)),
]


@pytest.mark.parametrize(("text", "value"), AMOUNTS)
def test_parse_amount(text: str, value: Decimal) -> None:
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["还了30%", "算一下", "一共", "今天"])
def test_not_an_amount(text: str) -> None:
    assert parse_amount(text) is None


# ---------------------------------------------------------------- rates

RATES = [
    ("日息万五", D("0.0005"), "daily"),
    ("万分之五", D("0.0005"), None),  # no unit said: never guessed
    ("日利率0.05%", D("0.0005"), "daily"),
    ("0.05%/天", D("0.0005"), "daily"),
    ("千分之一每天", D("0.001"), "daily"),
    ("月息1分5", D("0.015"), "monthly"),
    ("月利率1.5%", D("0.015"), "monthly"),
    ("年化18%", D("0.18"), "annual"),
    ("APR 24%", D("0.24"), "annual"),
    ("每期手续费0.75%", D("0.0075"), "monthly"),
    ("月费率0.6%", D("0.006"), "monthly"),
    ("24% a year", D("0.24"), "annual"),
    ("0.05% per day", D("0.0005"), "daily"),
    ("利率1.5", D("0.015"), None),
    ("年利率百分之二十四", D("0.24"), "annual"),
    ("日息5厘", D("0.0005"), "daily"),  # traditional: 日息 5 厘 = 0.05% a day
    ("年息2分", D("0.2"), "annual"),  # traditional: 年息 2 分 = 20% a year
    ("24%APR", D("0.24"), "annual"),
    ("日息万2.5", D("0.00025"), "daily"),
    ("利息一天万五", D("0.0005"), "daily"),
    ("interest rate of 18%", D("0.18"), None),
    ("1.5% monthly", D("0.015"), "monthly"),
    ("日利率０.０５％", D("0.0005"), "daily"),  # full-width digits and percent
    ("万5的日息", D("0.0005"), "daily"),  # the unit may come after the number
    ("日息千一", D("0.001"), "daily"),
    ("罚息日万五", D("0.0005"), "daily"),
    ("一天罚千分之一", D("0.001"), "daily"),
    ("日千二", D("0.002"), "daily"),
    ("月息千五", D("0.005"), "monthly"),  # 千五 = 千分之五
    ("利息每天万三", D("0.0003"), "daily"),
    ("每期手续费0.75% 年化多少", D("0.0075"), "monthly"),  # the 年化 is asked, not the unit
    ("18% p.a.", D("0.18"), "annual"), ("18% pa", D("0.18"), "annual"),
    # "pay" is no "p.a.": a shop's 5% cut was read as 5% a year and answered with a rate conversion
    ("i can pay some shop 5% to swipe my card", D("0.05"), None),
]


@pytest.mark.parametrize(("text", "value", "unit"), RATES)
def test_parse_rate(text: str, value: Decimal, unit: str | None) -> None:
    assert parse_rate(text) == (value, unit)


@pytest.mark.parametrize("text", ["借了1万", "还了30%", "逾期30天", "分12期", "分期6000分6期",
                                  "利息千五没还"])  # 千五 with no unit may be 1,500 yuan
def test_not_a_rate(text: str) -> None:
    assert parse_rate(text) is None


# ---------------------------------------------------------------- durations, periods, products, fees

DURATIONS = [
    ("逾期30天", 30, False),
    ("两个月", 60, True),
    ("半年", 180, True),
    ("一年", 365, True),
    ("3 months", 90, True),
    ("45 days", 45, False),
    ("一年半", 545, True),
    ("俩月", 60, True),
    ("两周", 14, False),
    ("half a year", 180, True),
    ("三十天", 30, False),
    ("逾期了3个多月", 90, True),
    ("一个半月", 45, True),
]


@pytest.mark.parametrize(("text", "days", "conventional"), DURATIONS)
def test_parse_duration(text: str, days: int, conventional: bool) -> None:
    d = parse_duration(text)
    assert d is not None
    assert (d.days, d.conventional) == (days, conventional)


def test_month_assumption_is_said_in_both_languages() -> None:
    d = parse_duration("两个月")
    assert d is not None
    zh, en = d.assumption()
    assert zh == "两个月按60天计算" and "60 days" in en


PERIODS = [("分12期", 12), ("12期", 12), ("分十二期", 12), ("12 instalments", 12), ("24个月分期", 24),
           ("分6个月还", 6)]


@pytest.mark.parametrize(("text", "n"), PERIODS)
def test_parse_periods(text: str, n: int) -> None:
    assert parse_periods(text) == n


PRODUCTS = [
    ("信用卡逾期", "credit_card"), ("网贷还不上", "online_lender"), ("银行贷款", "bank_loan"),
    ("朋友打的借条", "private_lending"), ("民间借贷", "private_lending"), ("消费金融公司", "consumer_finance"),
    ("小贷公司", "micro_loan"), ("my credit card", "credit_card"), ("an online loan app", "online_lender"),
    ("I signed an IOU", "private_lending"), ("花呗逾期", "consumer_finance"), ("逾期了", None),
]


@pytest.mark.parametrize(("text", "product"), PRODUCTS)
def test_detect_product(text: str, product: str | None) -> None:
    assert detect_product(text) == product


FEES: list[tuple[str, str, dict[str, Any]]] = [
    ("违约金100元", "penalty_fee", {"type": "fixed", "amount": D(100), "times": 1}),
    ("手续费3%", "penalty_fee", {"type": "percent", "pct": D("0.03"), "base": "principal_overdue", "times": 1}),
    ("砍头500", "upfront", {"type": "fixed", "amount": D(500), "times": 1}),
    ("每期服务费20元", "per_period_fee", {"type": "fixed", "amount": D(20), "times": 1}),
    ("借1万到手9500", "net", {"type": "fixed", "amount": D(9500), "times": 1}),
    ("late fee 200", "penalty_fee", {"type": "fixed", "amount": D(200), "times": 1}),
]


@pytest.mark.parametrize(("text", "kind", "spec"), FEES)
def test_parse_fees(text: str, kind: str, spec: dict[str, Any]) -> None:
    fees = parse_fees(text)
    assert [f.kind for f in fees] == [kind]
    assert fees[0].to_spec() == spec


# ---------------------------------------------------------------- calculation requests

CALCULATIONS: list[tuple[str, str, dict[str, Any], list[str]]] = [
    ("欠网贷1万逾期两个月要还多少", "penalty",
     {"product_type": "online_lender", "principal_overdue": D(10000), "days_overdue": 60}, ["penalty_rate"]),
    ("信用卡欠了一万五，逾期30天，日息万五", "penalty",
     {"product_type": "credit_card", "principal_overdue": D(15000), "days_overdue": 30,
      "penalty_rate": D("0.0005"), "penalty_rate_unit": "daily"}, []),
    ("利率1.5，欠2万逾期30天网贷", "penalty",
     {"principal_overdue": D(20000), "days_overdue": 30}, ["penalty_rate_unit"]),
    ("I owe 5k on my credit card, 45 days overdue, 0.05% per day", "penalty",
     {"product_type": "credit_card", "principal_overdue": D(5000), "days_overdue": 45,
      "penalty_rate_unit": "daily"}, []),
    ("逾期30天罚息多少", "penalty", {"days_overdue": 30},
     ["principal_overdue", "product_type", "penalty_rate"]),
    ("借条借了朋友3万，2分利，逾期半年", "penalty",
     {"product_type": "private_lending", "principal_overdue": D(30000), "days_overdue": 180},
     ["penalty_rate_unit", "contract_date"]),
    ("2019年3月借的借条 5万 年化30% 逾期100天", "penalty",
     {"contract_date": "2019-03-01", "penalty_rate": D("0.3"), "penalty_rate_unit": "annual"}, []),
    ("1.5万欠款逾期45天银行贷款合同利率年化6%罚息上浮50%", "penalty",
     {"product_type": "bank_loan", "contract_rate": D("0.06"), "contract_rate_unit": "annual",
      "penalty_markup": D("0.5"), "days_overdue": 45}, []),
    ("银行贷款欠10万逾期20天，罚息是合同利率的1.5倍，合同年利率4.35%", "penalty",
     {"penalty_markup": D("0.5"), "contract_rate": D("0.0435"), "principal_overdue": D(100000)}, []),
    ("欠网贷5000逾期60天，日息万五，违约金200元", "penalty",
     {"fee": {"type": "fixed", "amount": D(200), "times": 1}, "principal_overdue": D(5000)}, []),
    ("网贷本金8000利息500没还，逾期30天，日息万五利滚利", "penalty",
     {"principal_overdue": D(8000), "unpaid_interest": D(500), "compounding_period_days": 30}, []),
    ("小贷欠3千块逾期10天，宽限期3天，千分之一每天", "penalty",
     {"grace_days": 3, "days_overdue": 10, "penalty_rate": D("0.001"), "penalty_rate_unit": "daily"}, []),
    ("online loan 20000 overdue 3 months, 24% a year", "penalty",
     {"days_overdue": 90, "penalty_rate": D("0.24"), "penalty_rate_unit": "annual"}, []),
    ("欠1万逾期", "penalty", {"principal_overdue": D(10000)}, ["product_type", "penalty_rate", "days_overdue"]),
    ("账单1万，还了最低还款，逾期20天", "card",
     {"statement_balance": D(10000), "amount_paid_by_due": D(1000), "days_overdue_until_repaid": 20},
     ["days_posting_to_due"]),
    ("信用卡账单8000，一分没还，免息期50天，逾期10天", "card",
     {"statement_balance": D(8000), "amount_paid_by_due": D(0), "days_posting_to_due": 50,
      "days_overdue_until_repaid": 10}, []),
    ("credit card statement 6000, paid 1000, 25 days to due date, repaid 15 days late", "card",
     {"statement_balance": D(6000), "amount_paid_by_due": D(1000), "days_posting_to_due": 25,
      "days_overdue_until_repaid": 15}, []),
    ("借1万分12期，每期手续费0.75%", "installment",
     {"principal": D(10000), "periods": 12, "method": "equal_principal_plus_fee",
      "monthly_fee_rate": D("0.0075")}, []),
    ("月费率0.5%分12期", "installment", {"principal": D(10000), "monthly_fee_rate": D("0.005")}, []),
    ("等额本息 月利率1% 12期，借1万砍头500", "installment",
     {"method": "annuity", "monthly_rate": D("0.01"), "upfront_fee": D(500)}, []),
    ("借款2万分24期先息后本月利率1.5%", "installment", {"method": "interest_only", "periods": 24}, []),
    ("借1万，到手9000，分12期，每期手续费0.5%", "installment", {"upfront_fee": D(1000)}, []),
    ("分期手续费0.6%真实年化多少", "installment", {"monthly_fee_rate": D("0.006")}, ["periods"]),
    ("借3万分36期年化12%", "installment", {"monthly_rate": D("0.01"), "periods": 36}, ["method"]),
    ("12 instalments with a 0.75% fee per period on 10000", "installment",
     {"periods": 12, "monthly_fee_rate": D("0.0075"), "principal": D(10000)}, []),
    ("借1万，每个月还1000，还12个月，年化多少", "installment",
     {"periods": 12, "method": "equal_principal_plus_fee"}, []),
    # "2000 年化" is a repayment of 2000 and a question about the annual rate, not the year 2000
    ("借了2万 分12期 每期还2000 年化多少", "installment",
     {"principal": D(20000), "periods": 12, "method": "equal_principal_plus_fee"}, []),
    ("loan 10k 12 months 0.75% monthly fee, real APR?", "installment",
     {"periods": 12, "monthly_fee_rate": D("0.0075"), "principal": D(10000)}, []),
    ("my credit card bill was 8000, I paid the minimum, 20 days late", "card",
     {"statement_balance": D(8000), "amount_paid_by_due": D(800), "days_overdue_until_repaid": 20},
     ["days_posting_to_due"]),
    ("我在网贷平台借了2万，现在逾期3个月了，利息是日息0.05%，现在要还多少钱", "penalty",
     {"principal_overdue": D(20000), "days_overdue": 90, "penalty_rate": D("0.0005")}, []),
    ("借呗逾期一个月 欠款8千 日利率万4", "penalty",
     {"principal_overdue": D(8000), "days_overdue": 30, "penalty_rate": D("0.0004")}, []),
    ("朋友借我5万打了借条，约定月息2分，2022年1月1日借的，逾期一年了", "penalty",
     {"penalty_rate": D("0.02"), "penalty_rate_unit": "monthly", "contract_date": "2022-01-01",
      "days_overdue": 365}, []),
    ("I borrowed 20000 from a lending app, it's 2 months overdue and they charge 1% per day. How much do I owe?",
     "penalty", {"product_type": "online_lender", "penalty_rate": D("0.01"), "days_overdue": 60}, []),
    ("欠1万一年后会变成多少 日息万五", "growth", {"principal": D(10000), "horizon_days": 365}, []),
    ("欠1万会不会变成8倍", "growth", {"principal": D(10000), "target_multiple": D(8)}, ["rate"]),
    ("欠1万日息万五按月复利会不会变成8倍", "growth",
     {"rate": D("0.0005"), "rate_unit": "daily", "compounding_period_days": 30}, []),
    # no rate for a credit card: the usual 0.05% a day, said as an assumption (issue #12)
    ("信用卡欠款会不会翻倍", "growth", {"target_multiple": D(2), "compounding_period_days": 30,
                              "rate": D("0.0005"), "rate_unit": "daily"}, []),
    ("年化36%的网贷欠2万，3年后会变成多少", "growth", {"principal": D(20000), "horizon_days": 1095}, []),
    ("how fast does a 10000 debt grow at 0.05% a day", "growth", {"rate_unit": "daily"}, []),
    ("欠5万会不会变成40万", "growth", {"target_multiple": D(8)}, ["rate"]),
    ("日息万五是多少年化", "convert", {"rate": D("0.0005"), "unit": "daily"}, []),
    ("月息1分5相当于年化多少", "convert", {"rate": D("0.015"), "unit": "monthly"}, []),
    ("APR 24% is that high?", "convert", {"rate": D("0.24"), "unit": "annual"}, []),
    ("年化18%是日息多少", "convert", {"unit": "annual"}, []),
    ("万分之五折合年化多少", "convert", {"rate": D("0.0005")}, ["unit"]),
    ("LPR是多少", "lpr", {}, []),
    ("现在的LPR是多少", "lpr", {}, []),
    ("4倍LPR现在是多少", "lpr", {}, []),
    ("what is the LPR now", "lpr", {}, []),
    ("2021年6月1日的LPR是多少", "lpr", {"date": "2021-06-01"}, []),
    ("What's the LPR in 2020", "lpr", {"date": "2020-01-01"}, []),
    ("2018年借的借条5万，月息2分，逾期30天", "penalty",
     {"contract_date": "2018-01-01", "penalty_rate": D("0.02"), "penalty_rate_unit": "monthly"}, []),
    ("欠款一万二逾期二十天，网贷，日息万分之五", "penalty", {"principal_overdue": D(12000), "days_overdue": 20}, []),
    ("欠了3w网贷逾期俩月", "penalty", {"principal_overdue": D(30000), "days_overdue": 60}, ["penalty_rate"]),
    ("信用卡分期 分24期 每期手续费0.65% 借5万", "installment",
     {"principal": D(50000), "periods": 24, "monthly_fee_rate": D("0.0065")}, []),
    ("网贷欠1万 逾期60天 违约金是欠款的5%", "penalty",
     {"fee": {"type": "percent", "pct": D("0.05"), "base": "principal_overdue", "times": 1}}, ["penalty_rate"]),
    ("owe 3000 on a payday loan, 10 days late, 1% a day plus a 100 late fee", "penalty",
     {"product_type": "micro_loan", "fee": {"type": "fixed", "amount": D(100), "times": 1}}, []),
    # a per-period fee stays per period when the question after it asks for the annual rate
    ("分期6000分6期 每期手续费0.75% 年化多少", "installment",
     {"principal": D(6000), "periods": 6, "method": "equal_principal_plus_fee", "monthly_fee_rate": D("0.0075")},
     []),
    ("借1万分12期 每期手续费0.75% 年化多少", "installment",
     {"principal": D(10000), "periods": 12, "monthly_fee_rate": D("0.0075")}, []),
    ("6000分6期 每期手续费0.75%", "installment", {"principal": D(6000), "periods": 6}, []),
    ("分6期还6000 每期手续费0.75%", "installment",
     {"principal": D(6000), "periods": 6, "monthly_fee_rate": D("0.0075")}, []),
    ("花呗分期3000分3期每期0.8%", "installment",
     {"principal": D(3000), "periods": 3, "method": "equal_principal_plus_fee", "monthly_fee_rate": D("0.008")},
     []),
    ("每期手续费0.6% 分24期 年利率多少", "installment", {"periods": 24, "monthly_fee_rate": D("0.006")}, []),
    ("手续费每期0.75%，12期，年化是多少", "installment", {"periods": 12, "monthly_fee_rate": D("0.0075")}, []),
    ("分期5000元分10期 每月手续费0.7% 年化多少", "installment",
     {"principal": D(5000), "periods": 10, "monthly_fee_rate": D("0.007")}, []),
    ("每期手续费0.75%年化利率多少", "installment", {"monthly_fee_rate": D("0.0075")}, ["periods"]),
    ("每月手续费0.75% 年化是多少", "installment", {"monthly_fee_rate": D("0.0075")}, ["periods"]),  # not 9%
    ("信用卡账单分期5000，分6期，每期手续费0.6%", "installment",
     {"principal": D(5000), "periods": 6, "monthly_fee_rate": D("0.006")}, []),
    ("月手续费0.6% 分12期 年化多少", "installment", {"monthly_fee_rate": D("0.006")}, []),
    ("贷款1万 12期 每期本息还900 年化多少", "installment",
     {"method": "equal_principal_plus_fee", "per_period_fixed_fee": D(900) - D(10000) / 12}, []),
    # 千一 / 万三 families, a rate word or 日 right before the value, a penalty said with 罚
    ("日息千一折合年化是多少", "convert", {"rate": D("0.001"), "unit": "daily"}, []),
    ("日息千二是多少年化", "convert", {"rate": D("0.002"), "unit": "daily"}, []),
    ("日万五是多少年化", "convert", {"rate": D("0.0005"), "unit": "daily"}, []),
    ("月息千五相当于年化多少", "convert", {"rate": D("0.005"), "unit": "monthly"}, []),  # 千五 = 千分之五
    ("网贷3000逾期了15天 一天罚千分之一 要交多少罚息", "penalty",
     {"penalty_rate": D("0.001"), "penalty_rate_unit": "daily", "days_overdue": 15}, []),
    ("消费金融欠了2万，逾期90天，罚息日万五，要还多少钱", "penalty",
     {"penalty_rate": D("0.0005"), "penalty_rate_unit": "daily", "principal_overdue": D(20000)}, []),
    ("网贷欠5000逾期10天，利息日万三，要还多少", "penalty",
     {"penalty_rate": D("0.0003"), "penalty_rate_unit": "daily"}, []),
    ("网贷欠1万逾期20天，日息千一，要还多少", "penalty",
     {"penalty_rate": D("0.001"), "penalty_rate_unit": "daily", "days_overdue": 20}, []),
    ("小贷欠2000逾期5天 每天罚万五 要还多少", "penalty",
     {"penalty_rate": D("0.0005"), "penalty_rate_unit": "daily"}, []),
    ("网贷欠1万逾期30天 日罚息万五 要还多少", "penalty",
     {"penalty_rate": D("0.0005"), "penalty_rate_unit": "daily"}, []),
    ("欠1万日万五 逾期30天 网贷", "penalty", {"penalty_rate": D("0.0005"), "penalty_rate_unit": "daily"}, []),
    ("网贷借20000年化24% 逾期30天 要还多少", "penalty",
     {"principal_overdue": D(20000), "penalty_rate": D("0.24"), "penalty_rate_unit": "annual"}, []),
    ("借5000日息万五 逾期10天 网贷", "penalty",
     {"principal_overdue": D(5000), "penalty_rate": D("0.0005"), "penalty_rate_unit": "daily"}, []),
    # growth towards a target amount or multiple
    ("借1万日息千一 多久能变成8万", "growth",
     {"principal": D(10000), "rate": D("0.001"), "rate_unit": "daily", "target_multiple": D(8)}, []),
    ("1万块按日息万五、每月复利，多久能变成8万", "growth",
     {"rate": D("0.0005"), "compounding_period_days": 30, "target_multiple": D(8)}, []),
    ("欠1万按年化24%单利算，一年后变多少", "growth",
     {"rate": D("0.24"), "rate_unit": "annual", "horizon_days": 365, "compounding_period_days": 0}, []),
    ("欠1万日息万五一年变成几倍", "growth", {"rate": D("0.0005"), "horizon_days": 365}, []),
    ("欠5000日息千一会不会翻倍", "growth", {"rate": D("0.001"), "target_multiple": D(2)}, []),
    # 分 followed by a span of time: 一年 is the duration, not a second digit of the rate (2分1)
    ("借一万 月息2分 一年利息多少", "cost",
     {"principal": D(10000), "rate": D("0.02"), "rate_unit": "monthly", "days": 365}, []),
    ("借1万 月息2分5 一年多少利息", "cost", {"rate": D("0.025"), "days": 365}, []),
    # money kept back at payout with fixed repayments, or one repayment a month later
    ("借5000到手4500，分12期每期还500，年化多少", "installment",
     {"principal": D(5000), "periods": 12, "upfront_fee": D(500), "method": "equal_principal_plus_fee"}, []),
    ("借5000到手4500，一个月后还5000，年化多少", "installment",
     {"principal": D(5000), "periods": 1, "upfront_fee": D(500), "method": "equal_principal_plus_fee",
      "monthly_fee_rate": D(0)}, []),
    ("借1000到手800 一个月后还1000 年化多少", "installment",
     {"principal": D(1000), "periods": 1, "upfront_fee": D(200)}, []),
    ("借1万 到手9000 一年后还1万2 年化多少", "installment",  # 2 年化 is no span of two years; one sum after a year
     {"principal": D(10000), "periods": 1, "period_days": 365, "upfront_fee": D(1000)}, []),
    ("借1000，到手800，下个月还1000，年化多少", "installment",
     {"principal": D(1000), "periods": 1, "upfront_fee": D(200)}, []),
    ("借2000到手1800，30天后还2100，年化多少", "installment",
     {"principal": D(2000), "periods": 1, "upfront_fee": D(200), "per_period_fixed_fee": D(100)}, []),
    # borrowed and paid back in one sum after a span that is not a month: one period that long
    ("借5000 3个月后还6000 年化多少", "installment",
     {"principal": D(5000), "periods": 1, "period_days": 90, "per_period_fixed_fee": D(1000)}, []),
    ("借1000 7天还1300 利息高吗", "installment",  # the 利息 after 1300 is the question, not what 1300 is
     {"principal": D(1000), "periods": 1, "period_days": 7, "per_period_fixed_fee": D(300)}, []),
    ("借1000 7天还1300 年化多少", "installment",
     {"principal": D(1000), "periods": 1, "period_days": 7, "per_period_fixed_fee": D(300)}, []),
    ("借3000到手2100 7天后还3000 年化多少", "installment",
     {"principal": D(3000), "periods": 1, "period_days": 7, "upfront_fee": D(900)}, []),
    ("I borrowed 2000 and have to pay back 2600 after 14 days, what is the annual rate", "installment",
     {"principal": D(2000), "periods": 1, "period_days": 14, "per_period_fixed_fee": D(600)}, []),
    # English fee-quoted instalments
    ("borrow 10000 over 12 months with a 0.75% monthly fee, what's the real APR?", "installment",
     {"principal": D(10000), "periods": 12, "monthly_fee_rate": D("0.0075")}, []),
    ("12 instalments, 0.6% fee per month on 5000", "installment",
     {"principal": D(5000), "periods": 12, "monthly_fee_rate": D("0.006")}, []),
    ("I borrowed 10000 over 12 months and the fee is 0.75% a month, what's the APR?", "installment",
     {"principal": D(10000), "periods": 12, "monthly_fee_rate": D("0.0075")}, []),
    ("a 0.75% per-period fee over 12 periods, what's the real rate?", "installment",
     {"periods": 12, "monthly_fee_rate": D("0.0075")}, []),
    ("borrowed 5000, received 4500, pay back 5000 in a month. APR?", "installment",
     {"principal": D(5000), "periods": 1, "upfront_fee": D(500), "monthly_fee_rate": D(0)}, []),
    # card statements: days from posting to the due date
    ("credit card statement 8000, paid the 800 minimum on time, paid the rest 30 days after the due date, "
     "25 days from posting to due date. how much interest?", "card",
     {"statement_balance": D(8000), "amount_paid_by_due": D(800), "days_posting_to_due": 25,
      "days_overdue_until_repaid": 30}, []),
    ("信用卡账单8000没还，逾期10天，记账日到还款日25天，利息多少", "card",
     {"days_posting_to_due": 25, "days_overdue_until_repaid": 10}, []),
    ("credit card bill 5000, paid nothing, 10 days overdue, 25 days between posting and the due date", "card",
     {"amount_paid_by_due": D(0), "days_posting_to_due": 25, "days_overdue_until_repaid": 10}, []),
    ("credit card bill 5000, paid nothing, 10 days overdue, posting to due date 25 days", "card",
     {"days_posting_to_due": 25, "days_overdue_until_repaid": 10}, []),
]


@pytest.mark.parametrize(("text", "tool", "inputs", "missing"), CALCULATIONS)
def test_parse_calculation(text: str, tool: str, inputs: dict[str, Any], missing: list[str]) -> None:
    req = parse_calculation(text)
    assert req is not None
    assert req.tool == tool
    assert {k: req.inputs.get(k) for k in inputs} == inputs
    assert req.missing == missing


NOT_CALCULATIONS = [
    "征信保留5年吗",
    "逾期三天会上征信吗",  # a number of days, but no money and no amount asked
    "催收打我家人电话合法吗",
    "欠1万逾期30天会上征信吗",  # money and days, but the question is about the credit report
    "LPR是什么意思",
    "我的信用卡逾期了怎么办",
    "年化18%",  # a rate stated with nothing asked
    "你好",
    "Will the collectors call my family?",
    "what does APR mean",
    "逾期一天算逾期吗",
    "网贷逾期了会被起诉吗",
    "I have 3 loan apps overdue, what should I do?",
    "信用卡欠5000",
    "如果我借5000块钱逾期了30天会怎么样",
    "年化24%合法吗",
    "Is 36% APR legal?",
    "我欠了好几个网贷，总共5万，怎么办",
    "征信逾期多少天会有记录",
    # conceptual questions that merely carry a number or LPR
    "免息期最长50天还是20天",
    "网贷也按4倍LPR算吗",
    "网贷也按4倍LPR那个上限算吗",
    "does the 4x LPR cap apply to loan apps too",
    "24%以上的利息还要还吗",
    "逾期3天算不算逾期",
    "一年有几次免费查征信",
    "日息千一",  # a rate stated with nothing asked
    "do I have to pay interest above 24%?",
    "借款合同写年化36%有效吗",
]


@pytest.mark.parametrize("text", NOT_CALCULATIONS)
def test_not_a_calculation(text: str) -> None:
    assert parse_calculation(text) is None


def test_tools_are_the_calculators() -> None:
    calculator = pytest.importorskip("bot.calculator")
    assert set(TOOL_NAMES) == set(calculator.TOOLS)


def test_requests_without_missing_inputs_run_in_the_calculator() -> None:
    calculator = pytest.importorskip("bot.calculator")
    ran = 0
    for text, _tool, _inputs, missing in CALCULATIONS:
        if missing:
            continue
        req = parse_calculation(text)
        assert req is not None
        result = calculator.run_tool(req.tool, req.inputs, lang=req.language)
        assert result["tool"] == req.tool
        ran += 1
    assert ran >= 20


def test_spec_worked_examples_come_out_right_from_chat_text() -> None:
    calculator = pytest.importorskip("bot.calculator")
    cases = [("借1万分12期、每期手续费0.75%", "16.22"), ("月费率0.5% 分12期", "10.90"),
             ("等额本息 月利率1% 12期，1万，砍头500", "21.86"),
             ("分期6000分6期 每期手续费0.75% 年化多少", "15.27"), ("借1万分12期 每期手续费0.75% 年化多少", "16.22"),
             ("借5000到手4500，一个月后还5000，年化多少", "133.33"),
             ("借5000到手4500，分12期每期还500，年化多少", "56.75"),
             # one repayment: the period's rate × 365/days (30% in 7 days; 20% in 90 days)
             ("借1000 7天还1300 年化多少", "1564.29"), ("借5000 3个月后还6000 年化多少", "81.11"),
             ("借5000 一个月后还5500 年化多少", "120.00"),
             # "5000 每月还500": the month starts a clause of its own; 5000 is no monthly payment (was 595.23%)
             ("分期5000 每月还500 12期 年化多少", "35.07")]
    for text, apr in cases:
        req = parse_calculation(text)
        assert req is not None and not req.missing, text
        result = calculator.run_tool(req.tool, req.inputs)
        assert f"{result['apr_nominal_pct']:.2f}" == apr, text


def test_repayments_said_as_money_show_no_fee_rate_the_user_never_quoted() -> None:
    # "每期还500" is not a "月费率1.67%"; the answer must not say the offer "looks like" 20% a year.
    calculator = pytest.importorskip("bot.calculator")
    for text in ("借5000到手4500，分12期每期还500，年化多少", "借1万，每个月还1000，还12个月，年化多少",
                 "借2000到手1800，30天后还2100，年化多少"):
        req = parse_calculation(text)
        assert req is not None and not req.missing, text
        assert calculator.run_tool(req.tool, req.inputs)["naive_rate_pct"] is None, text


def test_a_rate_of_100_percent_or_more_reaches_the_calculator_as_a_percent() -> None:
    calculator = pytest.importorskip("bot.calculator")
    req = parse_calculation("日息1%一年是多少年化")
    assert req is not None and req.tool == "convert"
    assert calculator.run_tool(req.tool, req.inputs)["annual_pct"] == D("365.00")
    req = parse_calculation("年化365%的网贷欠1万逾期30天")
    assert req is not None and not req.missing
    assert calculator.run_tool(req.tool, req.inputs)["flags"]["exceeds_36pct"] is True


def test_assumptions_are_listed_in_the_texts_language() -> None:
    zh = parse_calculation("欠网贷1万逾期两个月要还多少")
    en = parse_calculation("online loan of 10000, 2 months overdue, 0.05% a day")
    assert zh is not None and "两个月按60天计算" in zh.assumptions
    assert en is not None and any("60 days" in a for a in en.assumptions)
    assert (zh.language, en.language) == ("zh", "en")


# ---------------------------------------------------------------- follow-ups

FOLLOW_UPS: list[tuple[str, str, dict[str, Any], list[str]]] = [
    ("欠网贷1万逾期两个月要还多少", "日息万五",
     {"penalty_rate": D("0.0005"), "penalty_rate_unit": "daily", "days_overdue": 60}, []),
    ("网贷欠1万逾期30天日息万五", "如果逾期60天呢?", {"days_overdue": 60, "principal_overdue": D(10000)}, []),
    ("网贷欠1万逾期30天日息万五", "那一年呢", {"days_overdue": 365, "penalty_rate": D("0.0005")}, []),
    ("网贷欠1万逾期30天日息万五", "换成信用卡呢", {"product_type": "credit_card", "days_overdue": 30}, []),
    ("网贷欠1万逾期30天日息万五", "如果欠2万呢", {"principal_overdue": D(20000), "days_overdue": 30}, []),
    ("I owe 10000 on an online loan, 30 days overdue", "0.05% a day",
     {"penalty_rate": D("0.0005"), "penalty_rate_unit": "daily"}, []),
    ("online loan 10000, 30 days overdue, 0.05% a day", "what about 90 days?", {"days_overdue": 90}, []),
    ("利率1.5，欠2万逾期30天网贷", "按月", {"penalty_rate": D("0.015"), "penalty_rate_unit": "monthly"}, []),
    ("借条借了朋友3万，2分利，逾期半年", "按年", {"penalty_rate": D("0.2"), "penalty_rate_unit": "annual"},
     ["contract_date"]),
    ("欠1万逾期", "30天", {"days_overdue": 30}, ["product_type", "penalty_rate"]),
    ("欠1万逾期", "30", {"days_overdue": 30}, ["product_type", "penalty_rate"]),
    ("欠网贷1万逾期两个月要还多少", "网贷", {"product_type": "online_lender"}, ["penalty_rate"]),
    ("账单1万，还了最低还款，逾期20天", "50天", {"days_posting_to_due": 50, "days_overdue_until_repaid": 20}, []),
    ("账单1万，还了最低还款，逾期20天", "记账日到还款日25天", {"days_posting_to_due": 25}, []),
    ("my credit card bill was 8000, I paid the minimum, 20 days late", "25 days from posting to due date",
     {"days_posting_to_due": 25, "days_overdue_until_repaid": 20}, []),
    ("欠1万会不会变成8倍", "日息万五", {"rate": D("0.0005"), "rate_unit": "daily", "target_multiple": D(8)}, []),
    ("欠1万日息万五按月复利会不会变成8倍", "那年化24%呢", {"rate": D("0.24"), "rate_unit": "annual"}, []),
    ("分期手续费0.6%真实年化多少", "分24期", {"periods": 24, "monthly_fee_rate": D("0.006")}, []),
    ("欠网贷1万逾期两个月要还多少", "年化18%吗？", {"penalty_rate": D("0.18"), "penalty_rate_unit": "annual"}, []),
    ("欠1万逾期", "5万，逾期90天", {"principal_overdue": D(50000), "days_overdue": 90},
     ["product_type", "penalty_rate"]),
    # a bare rate after a conversion keeps the unit of the rate before it
    ("日息万五年化多少", "那万三呢", {"rate": D("0.0003"), "unit": "daily"}, []),
    ("日息万五年化多少", "那千一呢", {"rate": D("0.001"), "unit": "daily"}, []),
    ("月息2分是多少年化", "那1分5呢", {"rate": D("0.015"), "unit": "monthly"}, []),
    ("日息万五年化多少", "那月息2分呢", {"rate": D("0.02"), "unit": "monthly"}, []),
    ("欠1万日息万五按月复利会不会变成8倍", "那万三呢", {"rate": D("0.0003"), "rate_unit": "daily"}, []),
    ("0.05% a day, what is that per year", "what about 0.03%?", {"rate": D("0.0003"), "unit": "daily"}, []),
    ("网贷欠1万逾期30天日息万五要还多少", "那千一呢", {"penalty_rate": D("0.001"), "penalty_rate_unit": "daily",
                                        "days_overdue": 30}, []),
]


@pytest.mark.parametrize(("first", "second", "inputs", "missing"), FOLLOW_UPS)
def test_follow_up_reuses_the_previous_request(first: str, second: str, inputs: dict[str, Any],
                                               missing: list[str]) -> None:
    previous = parse_calculation(first)
    assert previous is not None
    req = parse_calculation(second, previous)
    assert req is not None
    assert req.tool == previous.tool
    assert {k: req.inputs.get(k) for k in inputs} == inputs
    assert req.missing == missing


def test_follow_up_drops_the_assumption_of_the_replaced_value() -> None:
    first = parse_calculation("网贷欠1万逾期两个月，日息万五")
    assert first is not None and "两个月按60天计算" in first.assumptions
    second = parse_calculation("那45天呢", first)
    assert second is not None and second.inputs["days_overdue"] == 45
    assert "两个月按60天计算" not in second.assumptions


def test_a_new_question_after_a_calculation_is_not_merged() -> None:
    first = parse_calculation("网贷欠1万逾期30天日息万五")
    assert parse_calculation("逾期三天会上征信吗", first) is None
    fresh = parse_calculation("日息万五是多少年化", first)
    assert fresh is not None and fresh.tool == "convert"
    other = parse_calculation("信用卡欠5万逾期90天，日息万五", first)
    assert other is not None
    assert (other.inputs["principal_overdue"], other.inputs["product_type"]) == (D(50000), "credit_card")


@pytest.mark.parametrize("text", ["逾期3天算不算逾期", "征信保留5年吗", "免息期最长50天还是20天",
                                  "网贷也按4倍LPR算吗", "一年有几次免费查征信", "24%以上的利息还要还吗",
                                  "逾期1天有宽限期吗", "两年前的逾期还有影响吗", "借款合同写年化36%有效吗",
                                  "信用卡最低还款是10%吗", "does a 3 day late payment count as overdue",
                                  "do I have to pay interest above 24%?"])
def test_a_conceptual_question_after_a_calculation_is_not_merged(text: str) -> None:
    for first in ("网贷欠1万逾期30天日息万五要还多少", "日息万五年化多少", "欠1万逾期", "借1万分12期每期手续费0.6%"):
        previous = parse_calculation(first)
        assert previous is not None
        assert parse_calculation(text, previous) is None, (first, text)


def test_a_bare_rate_without_an_earlier_unit_is_not_read_as_a_follow_up() -> None:
    assert parse_calculation("那万三呢") is None
    first = parse_calculation("网贷欠1万逾期30天日息万五要还多少")
    assert first is not None
    req = parse_calculation("那3万呢", first)
    assert req is not None and req.inputs["principal_overdue"] == D(30000)
    assert req.inputs["penalty_rate"] == D("0.0005")


def test_a_full_restatement_after_an_unanswered_question_starts_afresh() -> None:
    first = parse_calculation("网贷本金8000利息500没还，违约金200，逾期30天")
    assert first is not None and first.missing
    req = parse_calculation("年息36%的借条，借了10万，2023年3月借的，逾期3个月", first)
    assert req is not None and not req.missing
    assert "unpaid_interest" not in req.inputs and "fee" not in req.inputs


def test_follow_up_survives_a_round_trip_through_plain_fields() -> None:
    # The answer engine stores dataclasses.asdict(req) between messages and rebuilds the request from it.
    import dataclasses

    first = parse_calculation("利率1.5，欠2万逾期30天网贷")
    assert first is not None
    rebuilt = CalcRequest(**dataclasses.asdict(first))
    req = parse_calculation("每天", rebuilt)
    assert req is not None and req.inputs["penalty_rate_unit"] == "daily" and not req.missing


# ---------------------------------------------------------------- questions

QUESTIONS = [
    ("利率1.5，欠2万逾期30天网贷", ["按天", "按月", "按年", "1.5%"]),
    ("欠网贷1万逾期两个月要还多少", ["利率", "日息万五"]),
    ("欠1万逾期", ["信用卡", "网贷", "借条", "逾期天数"]),
    ("I owe 10000 on an online loan, 30 days overdue", ["per day", "per month", "per year"]),
    ("借条借了朋友3万，年化20%，逾期半年", ["借款日期", "LPR"]),
    ("分期手续费0.6%真实年化多少", ["分几期"]),
]


@pytest.mark.parametrize(("text", "words"), QUESTIONS)
def test_missing_question_asks_for_what_is_missing(text: str, words: list[str]) -> None:
    req = parse_calculation(text)
    assert req is not None and req.missing
    question = missing_question(req)
    for word in words:
        assert word in question
    assert detect_language(question) == req.language


def test_no_question_when_nothing_is_missing() -> None:
    req = parse_calculation("网贷欠1万逾期30天日息万五")
    assert req is not None and missing_question(req) == ""


@pytest.mark.parametrize("text", ["", "   ", "？？？", "1" * 5000, "一" * 5000, "亿" * 50, "万万万万", "日息日息日息",
                                  "%%%", "分分期期", "1" * 40 + "万", "0.000000000001%"])
def test_odd_input_never_crashes(text: str) -> None:
    parse_calculation(text)
    detect_language(text)
    parse_amount(text)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789.,%万千百十一二两五半天个月年期日息利率逾期欠借分厘 abk", max_size=40))
def test_any_mix_of_number_words_never_crashes(text: str) -> None:
    req = parse_calculation(text)
    if req is not None:
        assert req.tool in TOOL_NAMES
        assert all(isinstance(m, str) for m in req.missing)


@pytest.mark.parametrize(("text", "principal", "rate", "days"), [
    ("欠1万，日息万五，逾期30天要还多少", D(10000), D("0.0005"), 30),
    ("I owe 5000, 0.1% a day, 45 days late, how much?", D(5000), D("0.001"), 45),
])
def test_a_complete_request_without_the_kind_of_debt_is_answered_not_held_back(
        text: str, principal: Decimal, rate: Decimal, days: int) -> None:
    req = parse_calculation(text)
    assert req is not None and req.tool == "penalty" and req.missing == []
    assert "product_type" not in req.inputs
    got = (req.inputs["principal_overdue"], req.inputs["penalty_rate"], req.inputs["days_overdue"])
    assert got == (principal, rate, days)
    # it offers to redo it for an IOU or a bank loan, in the user's language
    assert any(("借条" in a) or ("IOU" in a) for a in req.assumptions)


def test_the_kind_of_debt_is_still_asked_together_with_another_missing_input() -> None:
    req = parse_calculation("欠1万逾期30天要还多少")
    assert req is not None and "product_type" in req.missing and "penalty_rate" in req.missing


@pytest.mark.parametrize(("text", "iso"), [
    ("it's a personal IOU from March 2024", "2024-03-01"),
    ("borrowed on 1 Sept 2023", "2023-09-01"),
    ("March 15, 2024", "2024-03-15"),
    ("from 2024-03-01", "2024-03-01"),
])
def test_english_dates_are_dates_not_amounts(text: str, iso: str) -> None:
    from bot.understand import extract

    facts = extract(text)
    assert facts.dates == [iso]
    assert facts.amounts == []


@pytest.mark.parametrize(("text", "what", "written"), [
    ("借了-5000，日息abc", ["amount", "rate"], ["-5000", "日息abc"]),
    ("借了5000，日息abc，逾期30天要还多少", ["rate"], ["日息abc"]),
    ("年化是xx，借1万一年多少利息", ["rate"], ["年化是xx"]),
    ("I borrowed -5000 at 0.05% a day for 30 days", ["amount"], ["-5000"]),
])
def test_a_value_the_calculator_cannot_use_is_named(text: str, what: list[str], written: list[str]) -> None:
    found = unreadable(text)
    assert [u.what for u in found] == what
    assert [u.written for u in found] == written
    assert all(w in unreadable_text(found, "zh") for w in written)


@pytest.mark.parametrize("text", [
    "利率是LPR的4倍合法吗", "利率：LPR加500个基点", "everyone says check 年化 not the daily number, why",
    "借了5000，日息万五，30天利息多少", "借款日期2024-05-01，欠3万", "欠款 3万-5万之间怎么协商",
])
def test_rates_named_by_letters_and_ranges_are_not_taken_for_bad_values(text: str) -> None:
    assert unreadable(text) == []


def test_monthly_repayments_are_no_single_repayment() -> None:
    # "每个月还1000" is an instalment loan: no one-period reading of it
    req = parse_calculation("借1万，每个月还1000，还12个月，年化多少")
    assert req is not None and req.tool == "installment" and "period_days" not in req.inputs
    assert req.inputs["periods"] == 12


def test_how_long_a_shop_has_run_is_no_time_overdue() -> None:
    """"开了五年建材店 … 100万经营贷 … 过桥资金一天千分之三 要不要借" was computed as 100万 five years overdue at 0.3% a
    day (about 6.5 million); the question asks whether to take the bridge loan."""
    shop = "开了五年建材店 去年在农商行做了100万经营贷 下个月到期 有人介绍过桥资金一天千分之三 要不要借"
    assert parse_calculation(shop) is None
    req = parse_calculation("结婚三年 老公欠了网贷10万 逾期两个月 要还多少")
    assert req is not None and req.inputs["days_overdue"] == 60
    req = parse_calculation("网贷1万逾期拖了三年 要还多少")
    assert req is not None and req.inputs["days_overdue"] == 1095
