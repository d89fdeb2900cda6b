"""Understand a borrower's message: its language, and — when it asks for numbers — a calculator request.

Pure and fast (regular expressions, no heavy imports): it runs on every message.

Decisions the answer engine relies on:
- A credit-card debt described with statement facts (账单 / 最低还款 / 还了一部分 / statement / minimum payment) goes
  to the `card` tool; a card debt given only as an amount and days overdue goes to `penalty` with product_type
  credit_card, because that is all the user told us and the overdue-charges view needs nothing more.
- Nothing is guessed: a rate without a unit puts its unit field in `missing`; a known product without a rate puts
  the rate in `missing`; the answer engine asks (`missing_question`).
- Day conventions are stated, never hidden: a month is 30 days, half a year 180, a year 365 ("两个月按60天计算").
- Questions about credit reports, legality or collection ("逾期三天会上征信吗") are not calculations unless they
  ask for an amount ("要还多少"), even when they carry a number of days.
- Demonstration principal: the growth and instalment rates do not depend on the amount, so when none is given
  1万 (10,000) is used and said.
- A fee quoted per period or per month (每期/每月手续费, "0.75% monthly fee") is an instalment fee, never a plain
  rate to convert, and a 年化 / 年利率 after it is the question asked ("每期手续费0.75% 年化多少"), not its unit.
- Money kept back at payout (到手 / 砍头) with repayments said as money ("每期还500", "一个月后还5000") is an
  instalment offer; the repayments become a fixed amount per period, so no fee rate the user never quoted is shown.
- A follow-up's rate without a unit ("那万三呢" after "日息万五年化多少") keeps the unit of the earlier rate; a plain
  number ("那1.5呢") is still asked about.
- Rule questions ("逾期3天算不算逾期", "24%以上的利息还要还吗", "网贷也按4倍LPR算吗") are not calculations and do not
  continue an earlier one; a yes/no question continues it only when it gives a number that was asked for.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

TOOL_NAMES = ("penalty", "card", "installment", "growth", "convert", "lpr")
PRODUCT_TYPES = ("bank_loan", "credit_card", "consumer_finance", "online_lender", "micro_loan", "private_lending")
DEMO_PRINCIPAL = Decimal(10000)


# ---------------------------------------------------------------------------------------------------------------
# language


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Acronyms and units that Chinese speakers write in Latin letters; they say nothing about the language.
_NEUTRAL_WORDS = {"lpr", "apr", "apy", "app", "ok", "rmb", "cny", "irr", "vs", "id", "qq", "km"}


def detect_language(text: str) -> str:
    """"zh" or "en". Any Chinese with no English words around it is zh; in mixed text the script carrying more
    of the sentence wins (two Han characters weigh as one English word), so "my 信用卡 overdue" is en and
    "我的credit card逾期了" is zh. Text with no letters at all (just "30") is zh, the bot's main audience."""
    han = len(_HAN.findall(text))
    latin = _LATIN_WORD.findall(text)
    if not han:
        return "en" if latin else "zh"
    words = [w for w in latin if w.lower() not in _NEUTRAL_WORDS]
    if not words:
        return "zh"
    return "zh" if han / 2 >= len(words) else "en"


def _language_signal(text: str) -> bool:
    return bool(_HAN.search(text) or any(w.lower() not in _NEUTRAL_WORDS for w in _LATIN_WORD.findall(text)))


def _normalize(text: str) -> str:
    # Full-width digits, ％ and ￥ become ASCII; a Chinese comma keeps a space after it so "1000，300天" is
    # never read as the number 1000300.
    return unicodedata.normalize("NFKC", text.replace("，", ", ").replace("、", ", "))


# ---------------------------------------------------------------------------------------------------------------
# numbers

_CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "幺": 1, "二": 2, "贰": 2, "两": 2, "兩": 2, "俩": 2, "倆": 2, "三": 3,
    "叁": 3, "仨": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8,
    "捌": 8, "九": 9, "玖": 9,
}
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_CN_CHARS = "".join(_CN_DIGITS) + "".join(_CN_SMALL) + "".join(_CN_BIG)
_CN_DIGIT_CHARS = "".join(_CN_DIGITS)
_SUFFIX_MULTIPLIERS = {"k": 1000, "thousand": 1000, "w": 10_000, "million": 1_000_000, "mn": 1_000_000}
_EN_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20,
    "twenty-four": 24, "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90,
    "hundred": 100,
}
_EN_NUMBER_WORDS = "|".join(sorted((re.escape(w) for w in _EN_NUMBERS), key=len, reverse=True))
# A number written with digits, Chinese numerals or both. The digit run is possessive (\d++) so a long
# string of digits cannot be split in exponentially many ways.
_RUN = rf"(?:\d++(?:\.\d++)?|[{_CN_CHARS}])+"


def parse_number(text: str) -> Decimal | None:
    """A number written any common way: "10,000", "1.5万", "一万五", "1万5", "两千", "5k", "1w", "10 thousand",
    "三十", "零点五". None when the text is not a number."""
    s = unicodedata.normalize("NFKC", text).strip().lower()
    s = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", s)
    if re.search(r"\d{16,}", s):
        return None  # no debt has sixteen digits: a typo or not a number
    multiplier = 1
    m = re.fullmatch(r"(.+?)\s*(k|thousand|w|million|mn)", s)
    if m:
        s, multiplier = m.group(1), _SUFFIX_MULTIPLIERS[m.group(2)]
    if s in _EN_NUMBERS:
        return Decimal(_EN_NUMBERS[s] * multiplier)
    if "点" in s:
        whole, _, frac = s.partition("点")
        big = ""
        if frac and frac[-1] in _CN_BIG:
            frac, big = frac[:-1], frac[-1]
        whole_value = _parse_chinese(whole) if whole else Decimal(0)
        digits = "".join(str(_CN_DIGITS[c]) if c in _CN_DIGITS else c for c in frac)
        if whole_value is None or not digits.isdigit():
            return None
        value = Decimal(f"{int(whole_value)}.{digits}") * (_CN_BIG[big] if big else 1)
        return _tidy(value * multiplier)
    value = _parse_chinese(s)
    return None if value is None else _tidy(value * multiplier)


def _tidy(value: Decimal) -> Decimal | None:
    """15000.0 → 15000; keeps real decimals (1200.50 stays as written). None for absurd magnitudes."""
    if value.adjusted() > 15:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _parse_chinese(s: str) -> Decimal | None:
    tokens = re.findall(r"\d+(?:\.\d+)?|\S", s)
    if not tokens:
        return None
    total = section = Decimal(0)
    number: Decimal | None = None
    number_is_single_digit = False
    last_unit = 0  # the unit just passed, for the spoken shorthand 一万五 = 15000, 三千五 = 3500
    for tok in tokens:
        if tok[0].isdigit():
            if number is not None:
                return None
            number = Decimal(tok)
            number_is_single_digit = len(tok) == 1
        elif tok in _CN_DIGITS:
            if _CN_DIGITS[tok] == 0:
                last_unit = 0  # 一万零五 = 10005, no shorthand after a zero
                continue
            if number is not None:
                return None
            number, number_is_single_digit = Decimal(_CN_DIGITS[tok]), True
        elif tok in _CN_SMALL:
            if number is None and tok not in "十拾":
                return None
            section += (number if number is not None else 1) * _CN_SMALL[tok]
            number, last_unit = None, _CN_SMALL[tok]
        elif tok in _CN_BIG:
            if number is not None:
                section += number
                number = None
            if section == 0:
                return None
            total += section * _CN_BIG[tok]
            section, last_unit = Decimal(0), _CN_BIG[tok]
        else:
            return None
    if number is not None:
        if last_unit >= 100 and number_is_single_digit:
            number *= Decimal(last_unit) / 10
        section += number
    return total + section


# ---------------------------------------------------------------------------------------------------------------
# entities

@dataclass(frozen=True)
class Amount:
    value: Decimal
    # principal | interest | statement | paid | minimum | fee | per_period_fee | upfront | net | target | payment
    # (each instalment) | lump (one repayment at the end) | amount
    role: str
    text: str
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Rate:
    value: Decimal  # fraction: 0.0005 for 0.05%
    unit: str | None  # daily | monthly | annual | None when the text did not say
    kind: str  # rate | penalty | contract | markup | fee | late_fee | min_payment
    text: str
    start: int = 0
    end: int = 0
    per_period: bool = False  # "每期": per instalment period (a month)
    fen: Decimal | None = None  # "2分" / "5厘" said without a unit: its value depends on the unit
    bare: bool = False  # a plain number ("利率1.5") read as percent
    inherited: bool = False  # unit taken from the earlier request ("日息万五年化多少" then "那万三呢")


@dataclass(frozen=True)
class Duration:
    days: int
    unit: str  # day | week | month | year
    count: Decimal
    text: str
    role: str = "duration"  # duration | overdue | grace | posting | horizon
    start: int = 0
    end: int = 0

    @property
    def conventional(self) -> bool:
        """True when the day count is a convention (months of 30 days, years of 365) worth saying."""
        return self.unit in ("month", "year")

    @property
    def months(self) -> int | None:
        if self.unit == "month":
            return int(self.count) if self.count == int(self.count) else None
        if self.unit == "year":
            months = self.count * 12
            return int(months) if months == int(months) else None
        return None

    def assumption(self, lang: str) -> str:
        said = self.text.strip()
        return f"{said}按{self.days}天计算" if lang == "zh" else f"{said} counted as {self.days} days"


@dataclass(frozen=True)
class Fee:
    kind: str  # penalty_fee | per_period_fee | upfront | net | late_fee_pct
    amount: Decimal | None = None
    pct: Decimal | None = None
    text: str = ""

    def to_spec(self) -> dict[str, Any]:
        """The calculator's `fee` object for the penalty tool."""
        if self.pct is not None:
            return {"type": "percent", "pct": self.pct, "base": "principal_overdue", "times": 1}
        return {"type": "fixed", "amount": self.amount, "times": 1}


_PUNCT = ",;!?。；！？\n()（）"
_FILLER = (
    r"(?:\s|是|为|為|:|大概|大约|约|差不多|才|就|有|高达|只有|都|按|of|is|at|about|around|roughly|approx\.?|=|的)*"
)
_RATE_KW = (
    r"(?:日息|月息|年息|[日月年](?:利率|利息|费率|化利率|化|率)|利率|利息|息|费率|手续费率?|服务费率?|罚息|违约金|"
    r"滞纳金|上浮|加收|每天|每日|每月|每个月|每年|每期|一天|一个月|一年|按天|按日|按月|按年|天息|利|"
    r"rate|interest|apr|apy|fee|penalty|markup|daily|monthly|annual(?:ly)?|yearly|a day|per day|a month|"
    r"per month|a year|per year|per annum|p\.?a\.?)"
)
# "5月1日利率" is a date and "两年利率" a duration; "1万日息" is an amount followed by a daily rate.
_CN_SMALL_NUMERALS = "零〇一二两兩俩三四五六七八九十半"
# A day or month number of one or two digits comes before 日 / 月 in a date ("5月1日"); a long amount may come
# before a rate word ("借5000日息万五").
_NOT_DATE_NUMBER = r"(?<![^\d]\d)(?<![^\d]\d\d)(?<!^\d)(?<!^\d\d)"
# 日 / 月 alone right before the value, after a rate word, an amount or nothing: "罚息日万五", "日万五", "1万日万五".
_UNIT_JUST_BEFORE = r"(?:^|(?<=[息率罚费万元块\s,:：]))"
_UNIT_STRONG = {
    "daily": r"(?<![个個" + _CN_SMALL_NUMERALS + r"])" + _NOT_DATE_NUMBER + r"日(?:罚?息|利率|利息|费率|化|率)|"
    r"每(?:天|日)|按(?:天|日)|天息|"
    + _UNIT_JUST_BEFORE + r"日$|"
    r"daily|per day|\ba day\b|/\s*(?:天|日|day)",
    "monthly": r"(?<![个個" + _CN_SMALL_NUMERALS + r"])" + _NOT_DATE_NUMBER + r"月(?:罚?息|利率|利息|费率|化|率)|"
    r"每个?月|按月|" + _UNIT_JUST_BEFORE + r"月$|"
    r"monthly|per month|\ba month\b",
    # a calendar year (2023年) or a count of years (3年) is no unit; an amount before 年化 is ("借20000年化24%")
    "annual": r"(?<![" + _CN_SMALL_NUMERALS + r"])" + _NOT_DATE_NUMBER + r"(?<!19\d\d)(?<!20\d\d)"
    r"年(?:息|利率|利息|费率|化|率)|每年|按年|\bapr\b|\bapy\b|"
    r"annual(?:ly|ized|ised)?|yearly|per year|\ba year\b|per annum|\bp\.?a\.?",
}
_UNIT_WEAK = {"daily": r"一天|1天", "monthly": r"一个月|1个月", "annual": r"一年|1年"}
_UNIT_SUFFIX = re.compile(
    r"\s*(?:(?:/|每|一|per-?|a|an|each)\s*)?(?:个)?(?P<u>天|日|月|年|期|(?:days?|months?|mo|years?|yr|annum|period)\b)"
    r"|\s*的?(?P<w>daily|monthly|annually|yearly|apr\b|apy\b|p\.?a\.?|年化|[日月年](?:息|利率))",
    re.I,
)
_UNIT_OF = {
    "天": "daily", "日": "daily", "day": "daily", "days": "daily", "月": "monthly", "month": "monthly",
    "months": "monthly", "mo": "monthly", "年": "annual", "year": "annual", "years": "annual", "yr": "annual",
    "annum": "annual", "期": "monthly", "period": "monthly", "daily": "daily", "monthly": "monthly",
    "annually": "annual", "yearly": "annual", "apr": "annual", "apy": "annual", "年化": "annual",
    "日息": "daily", "日利率": "daily", "月息": "monthly", "月利率": "monthly", "年息": "annual", "年利率": "annual",
}
_RATE_KINDS = (
    ("markup", r"上浮|加收|上调|markup|mark-up"),
    ("penalty", r"罚息|罚(?![金款])|逾期利率|逾期利息|逾期后|penalty (?:rate|interest)|default (?:rate|interest)|"
     r"late interest"),
    ("late_fee", r"违约金|滞纳金|late fee|penalty fee|late charge"),
    ("fee", r"手续费|费率|服务费|管理费|\bfees?\b"),
    ("contract", r"合同|借款利率|贷款利率|正常利率|原利率|约定|contract|loan rate"),
    ("min_payment", r"最低还款|最低|minimum"),
)
# After 万五 / 千一 comes no further numeral ("万五千" is money), unless it starts a span of time ("万五一年").
_RATE_END = (
    rf"(?:(?=[{_CN_DIGIT_CHARS}\d十半]+\s*(?:[个個]\s*)?(?:天|日|周|星期|月|年))|(?![\d{_CN_CHARS}元块]))"
)
_RATE_VALUE = re.compile(
    rf"(?P<pct>\d+(?:\.\d+)?)\s*(?:%|percent\b|pct\b)"
    rf"|百分之\s*(?P<cnpct>{_RUN}(?:点[{_CN_DIGIT_CHARS}\d]+)?)"
    rf"|千分之\s*(?P<permille>{_RUN}(?:点[{_CN_DIGIT_CHARS}\d]+)?)|(?P<permille2>\d+(?:\.\d+)?)\s*‰"
    rf"|万分之\s*(?P<permyriad>{_RUN}(?:点[{_CN_DIGIT_CHARS}\d]+)?)|(?P<permyriad2>\d+(?:\.\d+)?)\s*‱"
    rf"|(?<![{_CN_CHARS}\d])[万萬](?P<wan>[一二两三四五六七八九\d](?:\.\d+|点[一二三四五六七八九\d])?){_RATE_END}"
    rf"|(?<![{_CN_CHARS}\d])[千仟](?P<qian>[一二两三四五六七八九\d](?:\.\d+|点[一二三四五六七八九\d])?){_RATE_END}"
    rf"|(?P<fen>[{_CN_DIGIT_CHARS}\d]+(?:\.\d+)?)\s*分(?![期钟之钱析])(?!\s*[{_CN_DIGIT_CHARS}\d十]+\s*(?:期|[个個]?月))\s*(?P<fen2>[一二三四五六七八九\d])?\s*厘?"
    rf"|(?P<li>[{_CN_DIGIT_CHARS}\d]+(?:\.\d+)?)\s*厘"
    rf"|(?P<bare>\d+(?:\.\d+)?)(?![\d.%‰万千百kKwW元块天日个月年期周倍])",
    re.I,
)
_MARKUP_TIMES = re.compile(
    rf"(?:利率|利息)的?\s*(?P<m>{_RUN})\s*倍|(?P<e>\d+(?:\.\d+)?)\s*(?:times|x)\s+the\s+(?:contract(?:ual)?\s+)?"
    r"(?:interest\s+)?rate",
    re.I,
)
_AMOUNT = re.compile(
    rf"(?P<cur>[¥$]|rmb|cny|人民币)?\s*(?P<num>(?:\d{{1,3}}(?:,\d{{3}})+|\d++)(?:\.\d+)?[{_CN_CHARS}\d]*"
    rf"|[{_CN_CHARS}]+)\s*(?:(?P<mult>k|thousand|w|million|mn)(?![a-z]))?\s*(?P<unit>元|块钱|块|圆|rmb|cny|yuan|"
    r"dollars?)?",
    re.I,
)
_AMOUNT_ROLES = (
    ("per_period_fee", r"(?:每期|每个?月|per (?:month|period|instal+ment)|monthly)\s*(?:还要|还|要)?(?:交|付)?"
     r"(?:的)?(?:服务费|手续费|管理费|fee)"),
    # one repayment at the end: "一个月后还5000"
    ("lump", r"(?:后|到期|期满|下个?月)\s*(?:要|需要|得|一次性?)?\s*还(?:款)?(?:本息)?"),
    ("payment", r"月供|(?:每期|每个?月)(?:要|需要|应)?(?:本息)?(?:要)?还(?:款)?|monthly payments?(?: of)?|"
     r"pay(?:ing)? back|repay(?:ing)?"),
    ("statement", r"账单|本期应还|statement|bill"),
    ("minimum", r"最低还款|最低|minimum"),
    ("paid", r"还了|已还|已经还|只还|还上了?|还款了|paid|repaid"),
    ("interest", r"利息|interest"),
    ("upfront", r"砍头息?|先扣|预扣|扣了|扣除|deducted|upfront|up front"),
    ("fee", r"违约金|手续费|服务费|滞纳金|管理费|罚金|late fee|\bfee|charge"),
    ("net", r"到手|到账|实际拿到|实际收到|only (?:got|received)|received|got"),
    ("target", r"变成|滚到|涨到|turn into|become|grow to|reach"),
    ("principal", r"欠|借|本金|贷款|贷了|透支|刷了|花了|owe|borrow|loan|principal|debt|balance|bill|\bon\b"),
)
_AMOUNT_SUFFIX_ROLES = (
    ("principal", r"的?本金"), ("interest", r"的?利息"), ("fee", r"的?(?:违约金|手续费|服务费|滞纳金)"),
    ("upfront", r"的?砍头息?"), ("fee", r"(?:yuan\s+)?(?:late |penalty |service )?(?:fee|charge)s?\b"),
    ("interest", r"(?:yuan\s+)?(?:of\s+)?interest\b"),
)
# Spans of time never use 万/亿, so "欠1万一年后" reads as 1万 and 一年, not 1万1 and 年.
_DURATION_RUN = rf"(?:\d++(?:\.\d++)?|[{_CN_DIGIT_CHARS}十拾百佰千仟])+"
_DURATION = re.compile(
    rf"(?P<n>{_DURATION_RUN}|半)\s*(?P<many>多)?\s*(?P<u>天|日|周|週|星期|个?礼拜|[个個]\s*(?:多\s*)?(?:半\s*)?月|年(?![化息]|利率|利息|费率))(?P<half>半)?"
    rf"|(?P<colloq>[俩倆仨])\s*月"
    rf"|(?P<en>\d+(?:\.\d+)?|{_EN_NUMBER_WORDS}|half an?|a half)\s*-?\s*(?P<eu>days?|weeks?|wks?|months?|mos?|"
    r"years?|yrs?)\b",
    re.I,
)
_DURATION_ROLES = (
    ("grace", r"宽限|grace period of|grace"),
    ("posting", r"免息期?|记账日?|账单日|消费后|到还款日|interest[- ]free|posting|"
     r"to (?:the )?(?:payment )?due(?: date)?"),
    ("overdue", r"逾期|超期|拖欠|拖了|晚还|迟还|没还|overdue|late|past due|behind"),
    ("horizon", r"以后|之后|后|after|in\b|over\b|within"),
)
_TO_DUE_DATE = (
    r"\s*(?:from\s+(?:the\s+)?(?:posting|purchase|statement|transaction)(?:\s+date)?\s+)?(?:to|until|before)\s+"
    r"(?:the\s+)?(?:payment\s+)?due|\s*到还款日"
    r"|\s*between\s+(?:the\s+)?(?:posting|purchase|statement|transaction)(?:\s+date)?\s+and\s+(?:the\s+)?(?:payment\s+)?due"
)
_PERIODS = re.compile(
    rf"分\s*(?P<a>{_RUN})\s*(?:期|个月|個月|月)|(?P<b>{_RUN})\s*期(?!限)|(?P<c>{_RUN})\s*个月分期"
    r"|(?P<d>\d+)\s*(?:monthly\s+)?(?:instal+ments?|payments|periods|terms)\b",
    re.I,
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:年|-|/|\.)\s*(?P<m>\d{1,2})\s*(?:月|-|/|\.)?\s*(?:(?P<d>\d{1,2})\s*(?:日|号)?)?"
    r"|(?P<yo>(?:19|20)\d{2})\s*年(?!\s*\d)|\b(?:in|since|from)\s+(?P<ye>(?:19|20)\d{2})\b(?!\s*[-/.]\s*\d)"
    # English month names: "March 2024", "1 March 2024", "March 1, 2024" (the year is a date, not an amount)
    r"|\b(?:(?P<nd>\d{1,2})\s+)?(?P<mon>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\b\.?\s+"
    r"(?:(?P<nd2>\d{1,2}),?\s+)?(?P<ny>(?:19|20)\d{2})\b"
)
_MULTIPLE = re.compile(
    rf"翻\s*(?P<fan>{_RUN})?\s*(?P<fanu>倍|番)|(?P<n>{_RUN})\s*倍|(?P<x>\d+(?:\.\d+)?)\s*(?:x|times)\b"
    r"|(?P<dbl>doubles?|doubled|doubling)|(?P<tpl>triples?|tripled)",
    re.I,
)

_PRODUCTS = (
    ("credit_card", r"信用卡|卡债|刷卡|credit ?cards?|信用卡账单"),
    ("private_lending", r"借条|欠条|民间借贷|私人借|个人借|朋友借|亲戚借|借给|同事借|高利贷|\biou\b|"
     r"private (?:loan|lending)|(?:friend|relative)"),
    ("consumer_finance", r"消费金融|消金|花呗|consumer financ"),
    ("micro_loan", r"小贷|小额贷款|小额贷|micro ?loans?|micro-?lender|payday"),
    ("online_lender", r"网贷|网络贷款|网络借贷|网上借|app借|借款app|贷款app|借呗|微粒贷|白条|online (?:loan|lend)|"
     r"loan apps?|lending apps?"),
    ("bank_loan", r"银行贷款|银行借|房贷|车贷|信用贷|经营贷|bank loan|mortgage|car loan"),
)
_METHODS = (
    ("annuity", r"等额本息|annuity|equal (?:monthly )?(?:instal+ments|payments)"),
    ("equal_principal", r"等额本金|equal principal"),
    ("interest_only", r"先息后本|按月付息|到期还本|interest[- ]only"),
    ("equal_principal_plus_fee", r"每期手续费|分期手续费|月费率|手续费率|per[- ]period fee|monthly fee"),
)

_W_OVERDUE = re.compile(
    r"逾期|超期|拖欠|拖了|晚还|迟还|没还上|还不上|没还|延期还|overdue|late|past due|missed|behind", re.I
)
_W_MONEY_ASK = re.compile(
    r"要还多少|还多少|多少钱|多少利息|多少罚息|罚息多少|利息多少|费用多少|一共多少|总共多少|要付多少|要交多少|变成多少|"
    r"欠多少|算一下|算算|帮我算|计算|怎么算|多少了|how much|calculate|compute|work out|what will i owe|in total",
    re.I,
)
_W_BLOCK = re.compile(
    r"征信|上报|黑名单|合法|违法|犯法|坐牢|判刑|起诉|告我|报警|催收|爆通讯录|通讯录|怎么办|协商|投诉|什么意思|是什么|为什么|"
    r"上门|家人|credit (?:report|record|score|history)|legal|illegal|\bsue\b|jail|prison|arrest|police|collector|"
    r"harass|what should i do|what does|why\b|会怎么样|会怎样|什么后果|有什么影响|what happens|consequence",
    re.I,
)
_W_GROWTH = re.compile(
    r"几倍|翻倍|翻番|翻[一二两三四五六七八九十\d]+[倍番]|滚雪球|会变成|变成\s*(?:多少|几|\d|[一二两三四五六七八九十])|"
    r"变多少|涨到|越滚越|\bgrow|\bdoubl|snowball|"
    r"how fast|balloon",
    re.I,
)
_W_INSTALLMENT = re.compile(
    r"分期|分\s*\S{1,3}\s*期|\d+\s*期|等额本息|等额本金|先息后本|每期|月费率|手续费率|月供|每个?月还|真实年化|实际年化|"
    r"每个?月(?:的)?(?:手续费|服务费)|(?:手续费|服务费)每个?月|"
    r"instal+ment|monthly payments?|monthly fee|fee per month|per[- ]period|\d+\s*(?:payments|periods)\b|"
    r"real apr|true apr|\birr\b|annuity|equal principal|"
    r"interest[- ]only|\bterms?\b",
    re.I,
)
_W_CARD = re.compile(
    r"账单|最低还款|还了最低|还最低|免息期|全额罚息|全额计息|记账日|statement|minimum payment|min payment|"
    r"paid (?:only )?part|paid (?:only )?the minimum|card bill",
    re.I,
)
_W_CONVERT = re.compile(
    r"年化多少|是多少年化|多少年化|年化是多少|[日月年](?:息|利率|化)是?多少|年化率?是?几|相当于|折合|换算|等于多少|合多少|是多少|算下来|高吗|高不高|贵吗|算高|"
    r"in annual terms|annual(?:ized)? rate|per year\?|a year\?|convert|equivalent|what is that|how much is that|"
    r"is (?:that|it|this) (?:high|a lot|expensive)|apr\?|in apr",
    re.I,
)
_W_CONVERT_ASK = re.compile(
    r"多少年化|年化多少|年化是多少|[日月年](?:息|利率|化)是?多少|相当于|折合|换算|等于多少|合多少|annual rate|"
    r"per year\?|a year\?|convert|equivalent|in apr",
    re.I,
)
_W_LPR = re.compile(r"\blpr\b|lpr|贷款市场报价利率|loan prime rate", re.I)
_W_LPR_ASK = re.compile(
    r"多少|几|当前|最新|目前|what|current|latest|how much|\d{4}", re.I
)
_W_DEFINE = re.compile(r"是什么|什么意思|怎么理解|what does|what is an?\b|meaning|mean\b", re.I)
# A question about a rule, not a number to put in: "逾期3天算不算逾期", "免息期最长50天还是20天",
# "24%以上的利息还要还吗", "网贷也按4倍LPR算吗".
_W_RULE_Q = re.compile(
    r"算不算|是不是|还是|最长|最短|也按|适用|还要还|(?:还|要|用)不(?:要|用)?还|要还吗|用还吗|能不能|可不可以|有没有|"
    r"有.{0,6}吗|影响|有效|无效|"
    r"\blpr\b|lpr|does it count|count as|is it still|do i (?:still )?have to pay|apply to",
    re.I,
)
# A yes/no question ("信用卡最低还款是10%吗", "is that legal?") answers a missing-field question only when it
# gives what was asked ("年化18%吗？" for the rate); after a finished calculation it is a new topic.
_W_YES_NO = re.compile(r"吗\s*[?？]?\s*$|^\s*(?:is|are|does|do|did|can|could|will|would|should)\b", re.I)
_W_FOLLOW_UP = re.compile(
    r"呢|如果|假如|要是|换成|改成|那么?|按.{0,6}算|what about|what if|how about|and if|instead|^if\b|then\b", re.I
)
_W_COMPOUND = re.compile(r"利滚利|复利|驴打滚|compound", re.I)
_W_COMPOUND_DAILY = re.compile(r"(?:按|每)(?:天|日)(?:复利|计复利|滚)|daily compound|compound(?:ed|ing)? daily", re.I)
_W_COMPOUND_MONTHLY = re.compile(r"(?:按|每个?)月(?:复利|计复利|滚)|monthly compound|compound(?:ed|ing)? monthly", re.I)
_W_SIMPLE = re.compile(r"单利|不复利|不计复利|simple interest|no compound", re.I)
_W_PAID_NOTHING = re.compile(
    r"一分(?:钱)?(?:都|也)?没还|全没还|一点没还|都没还|没有还款|没还款|(?<=[\d元块])\s*没(?:有)?还(?![清完上])|"
    r"paid nothing|didn'?t pay|did not pay|"
    r"haven'?t paid|no payment",
    re.I,
)
_W_PAID_MINIMUM = re.compile(r"(?:还了|只还|还的是|还)最低|paid (?:only )?the minimum|minimum payment only", re.I)
_W_FULL_BALANCE = re.compile(r"全额罚息|全额计息|全部账单.{0,4}计息|full[- ]balance", re.I)
_W_UNPAID_PORTION = re.compile(r"未还部分|只对没还的|unpaid portion|only on the unpaid", re.I)
_W_DAY_BASIS = re.compile(r"(?P<n>360|365)\s*天|(?P<e>360|365)[- ]day", re.I)
_W_TOTAL_FEE = re.compile(r"总手续费|一共.{0,3}手续费|手续费一共|total fee", re.I)
_UNIT_WORD_ONLY = re.compile(
    r"^\W*(?:是|按|就是|都是)?\s*(?P<u>按?(?:天|日)(?:算|计)?|每天|每日|日息|日利率|按?月(?:算|计)?|每个?月|月息|月利率|"
    r"按?年(?:算|计)?|每年|年化|年息|年利率|daily|per day|a day|monthly|per month|a month|annual(?:ly)?|yearly|"
    r"per year|a year|apr)\W*(?:的|吧|呀|啊)?\W*$",
    re.I,
)


@dataclass
class Facts:
    """Everything recognised in one message."""

    text: str
    language: str
    amounts: list[Amount] = field(default_factory=list)
    rates: list[Rate] = field(default_factory=list)
    durations: list[Duration] = field(default_factory=list)
    periods: int | None = None
    multiple: Decimal | None = None
    dates: list[str] = field(default_factory=list)
    date_partial: bool = False
    product: str | None = None
    method: str | None = None
    unit_word: str | None = None
    compounding: int | None = None
    compounding_explicit: bool = False
    interest_method: str | None = None
    paid_nothing: bool = False
    paid_minimum: bool = False
    day_basis: int | None = None
    bare_number: Decimal | None = None

    # Each getter returns the first entity of the first role listed that has one (roles in priority order).
    def amount(self, *roles: str) -> Amount | None:
        return next((a for role in roles for a in self.amounts if a.role == role), None)

    def rate(self, *kinds: str) -> Rate | None:
        return next((r for kind in kinds for r in self.rates if r.kind == kind), None)

    def duration(self, *roles: str) -> Duration | None:
        return next((d for role in roles for d in self.durations if d.role == role), None)

    @property
    def has_entities(self) -> bool:
        return bool(
            self.amounts or self.rates or self.durations or self.periods or self.multiple or self.dates
            or self.product or self.method or self.unit_word or self.bare_number is not None
            or self.compounding is not None or self.paid_nothing or self.paid_minimum
        )


class _Scanner:
    """Finds entities left to right; each found span is taken so later passes cannot read it again."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.taken: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.taken)

    def take(self, start: int, end: int) -> None:
        self.taken.append((start, end))

    def prefix(self, start: int, limit: int = 24) -> tuple[int, str]:
        lo = max(0, start - limit)
        for _a, b in self.taken:
            if b <= start:
                lo = max(lo, b)
        seg = self.text[lo:start]
        cut = max(seg.rfind(p) for p in _PUNCT)
        # an English full stop ends a sentence; a dot between digits is a decimal point
        for m in re.finditer(r"\.(?=\s|$)", seg):
            cut = max(cut, m.start())
        if cut >= 0:
            lo, seg = lo + cut + 1, seg[cut + 1:]
        return lo, seg

    def suffix(self, end: int, limit: int = 18) -> str:
        hi = min(len(self.text), end + limit)
        for a, _b in self.taken:
            if a >= end:
                hi = min(hi, a)
        seg = self.text[end:hi]
        cut = min((i for i in (seg.find(p) for p in _PUNCT) if i >= 0), default=len(seg))
        return seg[:cut]


def _last_match(patterns: dict[str, str] | tuple[tuple[str, str], ...], text: str) -> tuple[str, int] | None:
    """The key whose pattern matches nearest the end of `text`, with that match's start."""
    best: tuple[str, int, int] | None = None
    items = patterns.items() if isinstance(patterns, dict) else patterns
    for key, pattern in items:
        for m in re.finditer(pattern, text, re.I):
            if best is None or m.end() > best[2]:
                best = (key, m.start(), m.end())
    return (best[0], best[1]) if best else None


def _rate_value(m: re.Match[str]) -> tuple[Decimal, Decimal | None, bool] | None:
    """(fraction, fen count when said in 分/厘, bare) for one _RATE_VALUE match."""
    g = m.groupdict()

    def num(s: str) -> Decimal | None:
        return parse_number(s)

    if g["pct"]:
        return Decimal(g["pct"]) / 100, None, False
    if g["cnpct"]:
        v = num(g["cnpct"])
        return (v / 100, None, False) if v is not None else None
    for key, scale in (("permille", 1000), ("permille2", 1000), ("permyriad", 10000), ("permyriad2", 10000)):
        if g[key]:
            v = num(g[key])
            return (v / scale, None, False) if v is not None else None
    for key, scale in (("wan", 10000), ("qian", 1000)):
        if g[key]:
            v = num(g[key])
            return (v / scale, None, False) if v is not None else None
    if g["fen"]:
        whole = num(g["fen"])
        if whole is None:
            return None
        tenths = num(g["fen2"]) if g["fen2"] else Decimal(0)
        fen = whole + (tenths or Decimal(0)) / 10
        return fen / 100, fen, False
    if g["li"]:
        v = num(g["li"])
        return (v / 1000, v / 10, False) if v is not None else None
    if g["bare"]:
        return Decimal(g["bare"]) / 100, None, True
    return None


# A percentage after these words is a share of money, not a rate ("还了30%", "首付20%").
_NOT_A_RATE = r"还了|已还|付了|首付|打折|折扣|概率|可能|占|paid|down payment|discount|chance|off\b"
_KIND_SUFFIX = re.compile(
    r"\s*的?(手续费|服务费|利息|违约金|滞纳金|罚息|fees?\b|charges?\b|late fee\b|interest\b)", re.I
)
_SUFFIX_KINDS = {
    "手续费": "fee", "服务费": "fee", "违约金": "late_fee", "滞纳金": "late_fee", "罚息": "penalty", "fee": "fee",
    "fees": "fee", "charge": "fee", "charges": "fee", "late fee": "late_fee",
}
_FEN_SCALE = {"daily": Decimal("0.001"), "monthly": Decimal("0.01"), "annual": Decimal("0.1")}


# Between "一天" and the rate a verb may stand: "一天罚千分之一", "一天收万五".
_WEAK_GAP = r"(?:罚|收|扣|计|算|要|多)?(?:息|利息)?"
_UNIT_JOINED = re.compile(r"\s*(?:/|每|一|per\b|an?\b|each\b)", re.I)
_ASKED_AFTER = re.compile(
    r"\s*(?:化|利率|率|息)*\s*(?:是|为|有|大概|大约|约|会|能|算|等于|到底|实际|其实)*\s*(?:多少|几|多高|怎么算|如何)",
    re.I,
)


def _find_rates(sc: _Scanner, loose: bool = False) -> list[Rate]:
    """Rates in the text. `loose` also takes 万三 / 千一 / 2分 with no rate word next to them (a follow-up's
    "那万三呢", where the earlier request says what they are)."""
    text = sc.text
    rates: list[Rate] = []
    for m in _MARKUP_TIMES.finditer(text):
        times = parse_number(m.group("m") or m.group("e") or "")
        if times is not None and times >= 1 and sc.free(m.start(), m.end()):
            sc.take(m.start(), m.end())
            rates.append(Rate(times - 1, None, "markup", m.group(0), m.start(), m.end()))
    for m in _RATE_VALUE.finditer(text):
        if not sc.free(m.start(), m.end()):
            continue
        parsed = _rate_value(m)
        if parsed is None:
            continue
        value, fen, bare = parsed
        lo, pre = sc.prefix(m.start())
        post = sc.suffix(m.end())
        adjacent = re.search(rf"{_RATE_KW}{_FILLER}$", pre, re.I)
        strong = _last_match(_UNIT_STRONG, pre)
        weak_hit = next(((u, w.start()) for u, p in _UNIT_WEAK.items()
                         if (w := re.search(rf"(?:{p}){_WEAK_GAP}{_FILLER}$", pre))), None)
        weak = weak_hit[0] if weak_hit else None
        kind_suffix = _KIND_SUFFIX.match(post)
        suf = _UNIT_SUFFIX.match(post, kind_suffix.end() if kind_suffix else 0)
        suffix_unit = _UNIT_OF.get((suf.group("u") or suf.group("w") or "").lower()) if suf else None
        if suf and suffix_unit == "annual" and not _UNIT_JOINED.match(suf.group(0)) and _ASKED_AFTER.match(
            post, suf.end()
        ):
            suf = suffix_unit = None  # "每期0.75% 年化多少": the annual rate is the question, not 0.75%'s unit
        per_period = bool(re.search(r"每期|per (?:period|instal+ment)", pre, re.I)) or bool(
            suf and (suf.group("u") or "") in ("期", "period")
        )
        kind_hit = _last_match(_RATE_KINDS, pre)
        needs_context = bool(m.group("wan") or m.group("qian") or m.group("fen") or m.group("li") or m.group("bare"))
        has_context = bool(strong or weak or suffix_unit or kind_hit or kind_suffix or re.search(_RATE_KW, pre, re.I))
        if needs_context:
            ok = adjacent or (not m.group("bare") and (strong or weak or suffix_unit)) or (
                (m.group("fen") or m.group("li")) and re.match(r"\s*(?:的)?(?:利|息)", post)
            )
            if m.group("qian") and not (strong or weak or suffix_unit):
                ok = False  # "利息千五" may be 1,500 yuan of interest; "日息千五" is a rate
            if not ok and not (loose and not m.group("bare")):
                continue
        elif not has_context and (m.group("pct") and re.search(_NOT_A_RATE, pre, re.I)):
            continue
        if m.group("bare") and (value >= 1 or re.match(r"\s*(?:元|块|万|千)", post)):
            continue  # "利息500" is money, not a rate
        unit = strong[0] if strong else suffix_unit or weak
        if per_period and unit is None:
            unit = "monthly"
        kind = kind_hit[0] if kind_hit else "rate"
        if kind_suffix is None and suf and suffix_unit:  # "0.75% monthly fee": the kind after the unit
            kind_suffix = _KIND_SUFFIX.match(post, suf.end())
        if kind_suffix and not kind_hit:
            word = kind_suffix.group(1).lower()
            kind = _SUFFIX_KINDS.get(word, "rate")
        if kind == "markup" and unit is None and m.group("pct"):
            pass  # "上浮50%": a markup on the contract rate has no unit of its own
        if fen is not None and unit is not None:
            value = fen * _FEN_SCALE[unit]
            fen = None
        if strong and suffix_unit and suffix_unit != strong[0]:
            suf = suffix_unit = None  # "日息万五一年": 一年 is a span of time, not a second unit
        start = lo + strong[1] if strong else lo + weak_hit[1] if weak_hit else m.start()
        end = m.end() + (suf.end() if suf and suffix_unit else 0)
        sc.take(start, end)
        rates.append(Rate(value, unit, kind, text[start:end], start, end, per_period, fen, bare))
    return rates


def _duration_days(count: Decimal, unit: str) -> int:
    if unit == "day":
        return int(count)
    if unit == "week":
        return int(count * 7)
    if unit == "month":
        return int(count * 30)
    years = int(count)
    months = int(((count - years) * 12).to_integral_value())
    return years * 365 + months * 30


def _find_durations(sc: _Scanner) -> list[Duration]:
    out: list[Duration] = []
    pos = 0
    while m := _DURATION.search(sc.text, pos):
        pos = m.end()
        if not sc.free(m.start(), m.end()):
            pos = m.start() + 1  # "万五一年": the rate took 五; 一年 may still start after it
            continue
        if m.group("en"):
            word = m.group("en").lower()
            count = Decimal("0.5") if word.startswith("half") or word == "a half" else parse_number(word)
            unit_word = m.group("eu").lower()
            unit = "day" if unit_word.startswith("d") else "week" if unit_word.startswith("w") else (
                "month" if unit_word.startswith("mo") else "year"
            )
        elif m.group("colloq"):
            count, unit = Decimal(_CN_DIGITS[m.group("colloq")]), "month"
        else:
            raw = m.group("n")
            count = Decimal("0.5") if raw == "半" else parse_number(raw)
            u = m.group("u")
            unit = "day" if u in "天日" else "year" if u == "年" else "month" if "月" in u else "week"
            if count is not None and ("半" in u or m.group("half")):
                count += Decimal("0.5")
            if u in ("日",) and re.match(r"\s*(?:息|利率|利息)", sc.text[m.end():]):
                continue
        if count is None or count <= 0 or (unit == "year" and count > 100):
            continue
        days = _duration_days(count, unit)
        if days > 36500:
            continue
        _lo, pre = sc.prefix(m.start(), 16)
        post = sc.suffix(m.end(), 6)
        role_hit = _last_match(_DURATION_ROLES, pre)
        role = role_hit[0] if role_hit else "duration"
        if role == "duration" and re.match(r"\s*(?:了|多)?\s*(?:以后|之后|后)", post):
            role = "horizon"
        if role == "duration" and re.match(r"\s*(?:overdue|late|past due)", post, re.I):
            role = "overdue"
        ahead = sc.suffix(m.end(), 40)
        if role == "duration" and re.match(_TO_DUE_DATE, ahead, re.I):
            role = "posting"
        sc.take(m.start(), m.end())
        out.append(Duration(days, unit, count, m.group(0), role, m.start(), m.end()))
    return out


def _find_amounts(sc: _Scanner) -> list[Amount]:
    out: list[Amount] = []
    for m in _AMOUNT.finditer(sc.text):
        num = m.group("num")
        if not num:
            continue
        end, mult, unit = m.end(), m.group("mult"), m.group("unit")
        if not sc.free(m.start("num"), m.end("num")):
            # "1万一年": the number runs into a span already read (一年); keep the part before it
            cut = min((a for a, _b in sc.taken if m.start("num") < a < m.end("num")), default=None)
            if cut is None or not sc.free(m.start("num"), cut):
                continue
            num, end, mult, unit = sc.text[m.start("num"):cut], cut, None, None
        if num[0] in "万萬亿億千仟百佰" or re.match(r"\s*[%‰‱]", sc.text[m.end("num"):]):
            continue
        value = parse_number(num + (mult or ""))
        if value is None or value <= 0:
            continue
        money_marked = bool(
            m.group("cur") or unit or mult or re.search(r"[万萬亿億千仟百佰]", num)
        )
        chinese_only = not re.search(r"\d", num)
        if chinese_only and not money_marked:
            continue  # 一下, 一共, 三个: Chinese numerals alone are money only with a magnitude or 元/块
        _lo, pre = sc.prefix(m.start(), 16)
        post = sc.suffix(end, 8)
        role_hit = _last_match(_AMOUNT_ROLES, pre)
        role = role_hit[0] if role_hit else "amount"
        if role == "amount":
            for key, pattern in _AMOUNT_SUFFIX_ROLES:
                if re.match(rf"\s*{pattern}", post):
                    role = key
                    break
        if not money_marked and role == "amount" and value < 100:
            continue
        start = m.start() if m.group("cur") else m.start("num")
        sc.take(start, end)
        out.append(Amount(value, role, sc.text[start:end].strip(), start, end))
    return out


def _find_periods(sc: _Scanner) -> int | None:
    for m in _PERIODS.finditer(sc.text):
        if not sc.free(m.start(), m.end()):
            continue
        raw = m.group("a") or m.group("b") or m.group("c") or m.group("d")
        n = parse_number(raw)
        if n is None or n != int(n) or not 1 <= n <= 600:
            continue
        if m.group("b") and re.search(r"(?:每|第|这|本|上|下)\s*$", sc.text[: m.start()]):
            continue
        sc.take(m.start(), m.end())
        return int(n)
    return None


def _find_dates(sc: _Scanner) -> tuple[list[str], bool]:
    found: list[str] = []
    partial = False
    for m in _DATE.finditer(sc.text):
        year_only = m.group("yo") or m.group("ye")
        if m.group("mon"):
            y, mo = int(m.group("ny")), _MONTHS.index(m.group("mon")[:3].lower()) + 1
            day = m.group("nd") or m.group("nd2")
        else:
            y = int(year_only or m.group("y"))
            mo = 1 if year_only else int(m.group("m"))
            day = m.group("d")
        d = int(day) if day else 1
        try:
            found.append(date(y, mo, d).isoformat())
        except ValueError:
            continue
        partial = partial or not day
        sc.take(m.start(), m.end())
    return found, partial


def _find_multiple(sc: _Scanner) -> Decimal | None:
    for m in _MULTIPLE.finditer(sc.text):
        if not sc.free(m.start(), m.end()):
            continue
        value: Decimal | None
        if m.group("fanu"):
            n = parse_number(m.group("fan")) if m.group("fan") else Decimal(1)
            if n is None:
                continue
            # 翻一番 = 2×, 翻三番 = 8×; 翻倍 = 2×, 翻两倍 = 3× (the amount added is twice the original)
            value = Decimal(2) ** int(n) if m.group("fanu") == "番" else n + 1
        elif m.group("n"):
            value = parse_number(m.group("n"))
        elif m.group("x"):
            value = Decimal(m.group("x"))
        elif m.group("dbl"):
            value = Decimal(2)
        else:
            value = Decimal(3)
        if value is None or value <= 1:
            continue
        sc.take(m.start(), m.end())
        return value
    return None


def _first(patterns: tuple[tuple[str, str], ...], text: str) -> str | None:
    # the earliest mention, not the last, names what the user talks about
    best = None
    for key, pattern in patterns:
        m = re.search(pattern, text, re.I)
        if m and (best is None or m.start() < best[1]):
            best = (key, m.start())
    return best[0] if best else None


def detect_product(text: str) -> str | None:
    """product_type named in the text ("信用卡" → credit_card, "借条" → private_lending, "IOU" → private_lending)."""
    return _first(_PRODUCTS, _normalize(text))


MAX_CHARS = 600  # a calculation question is short; longer messages are read up to here (keeps parsing fast)


def extract(text: str, loose: bool = False) -> Facts:
    """All entities of one message (dates, rates, periods, durations, multiples, then amounts). `loose`: see
    _find_rates."""
    norm = _normalize(text[:MAX_CHARS])
    sc = _Scanner(norm)
    facts = Facts(text=norm, language=detect_language(norm))
    facts.dates, facts.date_partial = _find_dates(sc)
    facts.rates = _find_rates(sc, loose)
    for m in _W_DAY_BASIS.finditer(norm):
        around = norm[max(0, m.start() - 3): m.end() + 4]
        if sc.free(m.start(), m.end()) and re.search(r"按|basis|day year|天计|天算|-day", around, re.I):
            facts.day_basis = int(m.group("n") or m.group("e"))
            sc.take(m.start(), m.end())
    facts.periods = _find_periods(sc)
    facts.durations = _find_durations(sc)
    facts.multiple = _find_multiple(sc)
    facts.amounts = _find_amounts(sc)
    facts.product = _first(_PRODUCTS, norm)
    facts.method = _first(_METHODS, norm)
    u = _UNIT_WORD_ONLY.match(norm)
    if u:
        word = u.group("u").lower()
        facts.unit_word = (
            "daily" if re.search(r"天|日|day", word) else "monthly" if re.search(r"月|month", word) else "annual"
        )
    if _W_COMPOUND_DAILY.search(norm):
        facts.compounding, facts.compounding_explicit = 1, True
    elif _W_COMPOUND_MONTHLY.search(norm):
        facts.compounding, facts.compounding_explicit = 30, True
    elif _W_SIMPLE.search(norm):
        facts.compounding, facts.compounding_explicit = 0, True
    elif _W_COMPOUND.search(norm):
        facts.compounding = 30
    if _W_FULL_BALANCE.search(norm):
        facts.interest_method = "full_balance"
    elif _W_UNPAID_PORTION.search(norm):
        facts.interest_method = "unpaid_portion"
    facts.paid_nothing = bool(_W_PAID_NOTHING.search(norm))
    facts.paid_minimum = bool(_W_PAID_MINIMUM.search(norm))
    bare = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*[.。!！?？]?\s*", norm)
    if bare:
        facts.bare_number = Decimal(bare.group(1))
    return facts


# Stand-alone parsers -------------------------------------------------------------------------------------------

def parse_amount(text: str) -> Decimal | None:
    """The first money amount in the text ("欠一万五" → 15000, "¥8000" → 8000, "10 thousand" → 10000)."""
    amounts = extract(text).amounts
    if amounts:
        return amounts[0].value
    value = parse_number(text)
    return value if value is not None and value > 0 else None


def parse_rate(text: str) -> tuple[Decimal, str | None] | None:
    """(fraction, unit) of the first rate: "日息万五" → (0.0005, "daily"); "利率1.5" → (0.015, None)."""
    rates = extract(text).rates
    rate = next((r for r in rates if r.kind != "markup"), None)
    return (rate.value, rate.unit) if rate else None


def parse_duration(text: str) -> Duration | None:
    """The first span of time: "逾期30天" → 30 days; "两个月" → 60 days (conventional, see .assumption)."""
    durations = extract(text).durations
    return durations[0] if durations else None


def parse_periods(text: str) -> int | None:
    """Number of instalments: "分12期" → 12, "12 instalments" → 12."""
    return extract(text).periods


def parse_fees(text: str) -> list[Fee]:
    """Fees named in the text: "违约金100元", "手续费3%", "砍头500", "每期服务费20元", "到手9500"."""
    facts = extract(text)
    fees: list[Fee] = []
    roles = {"fee": "penalty_fee", "per_period_fee": "per_period_fee", "upfront": "upfront", "net": "net"}
    for a in facts.amounts:
        if a.role in roles:
            fees.append(Fee(roles[a.role], amount=a.value, text=a.text))
    for r in facts.rates:
        if r.kind in ("fee", "late_fee") and r.unit is None and not r.per_period:
            fees.append(Fee("penalty_fee", pct=r.value, text=r.text))
    return fees


# ---------------------------------------------------------------------------------------------------------------
# requests


@dataclass
class CalcRequest:
    tool: str  # one of TOOL_NAMES
    inputs: dict[str, Any]  # spec input names → values
    missing: list[str]  # input names still needed; empty → ready to run
    assumptions: list[str]  # what was assumed, in `language`
    language: str
    # Carried between turns: what an assumption is about (field → text), and a rate still waiting for its unit.
    assumed: dict[str, str] = field(default_factory=dict, repr=False)
    pending: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def ready(self) -> bool:
        return not self.missing


def _say(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def _fmt(value: Decimal, places: int | None = None) -> str:
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    return format(value.normalize(), "f")


def _to_daily(value: Decimal, unit: str, basis: int = 365) -> Decimal:
    return value if unit == "daily" else value * 12 / basis if unit == "monthly" else value / basis


def _to_monthly(value: Decimal, unit: str, basis: int = 365) -> Decimal:
    return value if unit == "monthly" else value / 12 if unit == "annual" else value * basis / 12


class _Builder:
    """Turns Facts into inputs for one tool, on top of an earlier request's inputs."""

    def __init__(self, tool: str, facts: Facts, lang: str, base: CalcRequest | None) -> None:
        self.tool = tool
        self.f = facts
        self.lang = lang
        self.inputs: dict[str, Any] = dict(base.inputs) if base else {}
        self.assumed: dict[str, str] = dict(base.assumed) if base else {}
        self.pending: dict[str, Any] = dict(base.pending) if base else {}
        self.base_missing = list(base.missing) if base else []

    def put(self, name: str, value: Any, assumption: str | None = None) -> None:
        self.inputs[name] = value
        self.assumed.pop(name, None)
        if assumption:
            self.assumed[name] = assumption

    def say(self, zh: str, en: str) -> str:
        return _say(self.lang, zh, en)

    # --- pieces shared by tools

    def rate_into(self, rate: Rate, value_field: str, unit_field: str | None) -> None:
        if rate.unit is None:
            self.put(value_field, rate.value)
            self.pending["unit_for"] = value_field
            self.pending["fen"] = rate.fen
            if unit_field:
                self.inputs.pop(unit_field, None)
            return
        self.pending.pop("unit_for", None)
        self.pending.pop("fen", None)
        note = None
        if rate.bare:
            note = self.say(f"“{rate.text.strip()}”理解为{_fmt(rate.value * 100)}%",
                            f"“{rate.text.strip()}” read as {_fmt(rate.value * 100)}%")
        elif rate.inherited:
            zh_unit, en_unit = _UNIT_NAMES[rate.unit]
            note = self.say(f"“{rate.text.strip()}”和上一题一样按{zh_unit}计算",
                            f"“{rate.text.strip()}” taken {en_unit}, like the rate before")
        if unit_field:
            self.put(value_field, rate.value, note)
            self.put(unit_field, rate.unit)
        elif self.tool == "card":
            daily = _to_daily(rate.value, rate.unit)
            if rate.unit != "daily":
                note = self.say(f"{rate.text.strip()}折算为日利率（按365天）",
                                f"{rate.text.strip()} converted to a daily rate (365 days)")
            self.put(value_field, daily, note)
        else:  # installment fields are monthly
            monthly = _to_monthly(rate.value, rate.unit)
            if rate.unit != "monthly":
                note = self.say(f"{rate.text.strip()}折算为月利率", f"{rate.text.strip()} converted to a monthly rate")
            self.put(value_field, monthly, note)

    def unit_only(self, unit: str) -> bool:
        """Apply a bare "按天 / per month" reply to the rate waiting for its unit."""
        target = self.pending.get("unit_for")
        if not target or target not in self.inputs:
            return False
        value = _as_fraction(self.inputs[target])
        fen = self.pending.get("fen")
        if fen is not None:
            value = Decimal(fen) * _FEN_SCALE[unit]
        rate = Rate(value, unit, "fee" if target == "monthly_fee_rate" else "rate", "")
        value_field, unit_field = target, _unit_field_for(self.tool, target)
        self.rate_into(rate, value_field, unit_field)
        return True

    def duration_into(self, d: Duration, name: str) -> None:
        self.put(name, d.days, d.assumption(self.lang) if d.conventional else None)

    def principal(self, name: str, demo: bool = False, *more_roles: str) -> None:
        a = self.f.amount("principal", "amount", *more_roles)
        if a is not None:
            self.put(name, a.value)
        elif demo and name not in self.inputs:
            self.put(name, DEMO_PRINCIPAL, self.say("没有给出本金，按1万元演示（倍数和年化与本金无关）",
                                                    "no amount given: 10,000 used to illustrate (rates and "
                                                    "multiples do not depend on it)"))

    def product(self) -> None:
        if self.f.product:
            self.put("product_type", self.f.product)

    # --- per tool

    def penalty(self) -> None:
        f = self.f
        self.product()
        self.principal("principal_overdue")
        interest = f.amount("interest")
        if interest:
            self.put("unpaid_interest", interest.value)
        markup = f.rate("markup")
        contract = f.rate("contract")
        explicit = f.rate("penalty")
        generic = f.rate("rate")
        if markup is not None:
            self.put("penalty_markup", markup.value)
            base = contract or generic
            if base is not None:
                self.rate_into(base, "contract_rate", "contract_rate_unit")
                self.drop("penalty_rate", "penalty_rate_unit")
        elif explicit or contract or generic:
            chosen = explicit or generic or contract
            assert chosen is not None
            if chosen is contract and self.inputs.get("product_type") == "bank_loan":
                self.rate_into(chosen, "contract_rate", "contract_rate_unit")
                self.drop("penalty_rate", "penalty_rate_unit")
            else:
                self.rate_into(chosen, "penalty_rate", "penalty_rate_unit")
                self.drop("contract_rate", "contract_rate_unit", "penalty_markup")
                if chosen is not explicit and chosen.unit:
                    self.assumed["penalty_rate_unit"] = self.say(
                        "逾期期间按你给的利率计费", "the rate you gave is applied to the overdue days")
        d = f.duration("overdue", "horizon", "duration")
        if d:
            self.duration_into(d, "days_overdue")
        grace = f.duration("grace")
        if grace:
            self.duration_into(grace, "grace_days")
        if f.compounding is not None:
            note = None if f.compounding_explicit else self.say(
                "复利按每30天滚一次计算", "compound interest taken as rolling over every 30 days")
            self.put("compounding_period_days", f.compounding, note)
        fees = [a for a in f.amounts if a.role == "fee"]
        fee_rate = f.rate("fee", "late_fee")
        if fees:
            total = sum((a.value for a in fees), Decimal(0))
            self.put("fee", Fee("penalty_fee", amount=total).to_spec())
        elif fee_rate is not None and fee_rate.unit is None:
            self.put("fee", Fee("penalty_fee", pct=fee_rate.value).to_spec())
        if f.dates:
            note = None
            if f.date_partial:
                note = self.say(f"借款日期按{f.dates[0]}计算", f"loan date taken as {f.dates[0]}")
            self.put("contract_date", f.dates[0], note)
        if f.day_basis:
            self.put("day_basis", f.day_basis)

    def card(self) -> None:
        f = self.f
        s = f.amount("statement") or f.amount("principal") or f.amount("amount")
        if s:
            self.put("statement_balance", s.value)
        paid = f.amount("paid")
        minimum = f.amount("minimum")
        min_rate = f.rate("min_payment")
        balance = self.inputs.get("statement_balance")
        if minimum and balance:
            self.put("min_payment_ratio", minimum.value / balance)
        elif min_rate:
            self.put("min_payment_ratio", min_rate.value)
        if paid:
            self.put("amount_paid_by_due", paid.value)
        elif f.paid_nothing:
            self.put("amount_paid_by_due", Decimal(0))
        elif f.paid_minimum and balance:
            ratio = self.inputs.get("min_payment_ratio", Decimal("0.10"))
            note = None if "min_payment_ratio" in self.inputs else self.say(
                "最低还款额按账单的10%计算", "minimum payment taken as 10% of the statement")
            self.put("amount_paid_by_due", balance * ratio, note)
        posting = f.duration("posting")
        if posting:
            self.duration_into(posting, "days_posting_to_due")
        d = f.duration("overdue", "horizon", "duration")
        if d:
            self.duration_into(d, "days_overdue_until_repaid")
        rate = f.rate("rate", "penalty", "contract")
        if rate:
            self.rate_into(rate, "daily_rate", None)
        late = f.rate("late_fee")
        if late and late.unit is None:
            self.put("late_fee_pct", late.value)
        if f.interest_method:
            self.put("interest_method", f.interest_method)

    def installment(self) -> None:
        f = self.f
        upfront = f.amount("upfront")
        net = f.amount("net")
        per_period = f.amount("per_period_fee")
        absolute_fees = bool(upfront or net or per_period)
        self.principal("principal", not absolute_fees, "statement")  # "账单分期5000": the bill is what is split
        lump = f.amount("lump")
        if f.periods:
            self.put("periods", f.periods)
        else:
            d = f.duration("duration", "horizon", "overdue")
            if d and d.months:
                self.put("periods", d.months)
            elif d and lump and d.unit == "day" and d.days % 30 == 0:
                months = d.days // 30
                self.put("periods", months, self.say(f"{d.text.strip()}按{months}个月计算",
                                                     f"{d.text.strip()} counted as {months} month(s)"))
            elif d is None and lump and re.search(r"下个?月\s*(?:要|需要|得)?\s*还", f.text):
                self.put("periods", 1)
        if f.method:
            self.put("method", f.method)
        fee_rate = f.rate("fee")
        rate = f.rate("rate", "contract", "penalty")
        if fee_rate is None and rate is not None and rate.kind == "rate" and rate.per_period and not f.method:
            # "花呗分期3000分3期每期0.8%": a percent per instalment with no interest word is the 分期手续费
            fee_rate, rate = replace(rate, kind="fee"), None
        if fee_rate is not None:
            if _W_TOTAL_FEE.search(f.text) and fee_rate.unit is None and self.inputs.get("periods"):
                n = self.inputs["periods"]
                self.put("monthly_fee_rate", fee_rate.value / n, self.say(
                    f"总手续费{_fmt(fee_rate.value * 100)}%平均摊到{n}期",
                    f"total fee of {_fmt(fee_rate.value * 100)}% spread over {n} periods"))
            elif fee_rate.unit is None:
                self.put("monthly_fee_rate", fee_rate.value, self.say(
                    f"手续费{_fmt(fee_rate.value * 100)}%按每期收取计算",
                    f"the {_fmt(fee_rate.value * 100)}% fee taken as charged every period"))
            else:
                self.rate_into(fee_rate, "monthly_fee_rate", None)
            if "method" not in self.inputs:
                self.put("method", "equal_principal_plus_fee")
        if rate is not None:
            self.rate_into(rate, "monthly_rate", None)
        payment = f.amount("payment")
        n, principal = self.inputs.get("periods"), self.inputs.get("principal")
        if lump and not payment and n == 1:
            payment = lump  # one month, one repayment: the single instalment
        single = n == 1
        if (payment and n and principal and fee_rate is None and rate is None and not per_period
                and "method" not in self.inputs):
            # Equal payments of X: each is P/n of principal plus a fixed X − P/n, the fee-instalment shape exactly.
            # Said as a fixed amount, not a fee rate: the user quoted no rate, so none is shown as "what it seems".
            extra_value = payment.value - principal / n
            if extra_value >= 0:
                said, part, extra = _fmt(payment.value), _fmt(principal / n, 2), _fmt(extra_value, 2)
                self.put("method", "equal_principal_plus_fee")
                self.put("monthly_fee_rate", Decimal(0))
                self.put("per_period_fixed_fee", extra_value, self.say(
                    f"一个月后一次还{said}元 = 本金{part}元 + 利息和费用{extra}元" if single
                    else f"每期还{said}元 = 本金{part}元 + 利息和费用{extra}元",
                    f"{'the one payment' if single else 'each payment'} of {said} = {part} principal + {extra} "
                    "interest and fees"))
        elif lump and not payment and n and principal and lump.value == principal and "method" not in self.inputs:
            # The loan back in one sum after n months, no interest on paper: its cost is what was kept back.
            self.put("method", "interest_only")
            self.put("monthly_rate", Decimal(0), self.say(
                f"{n}个月后一次还本金{_fmt(principal)}元，没有另收利息",
                f"the {_fmt(principal)} paid back in one sum after {n} months, no interest on top"))
        if per_period:
            self.put("per_period_fixed_fee", per_period.value)
        if upfront:
            self.put("upfront_fee", upfront.value)
        elif net and "principal" in self.inputs and self.inputs["principal"] > net.value:
            self.put("upfront_fee", self.inputs["principal"] - net.value, self.say(
                "本金与到手金额之差按砍头息（放款时先扣的费用）计算",
                "the difference between the loan and the amount received counted as a fee deducted up front"))

    def growth(self) -> None:
        f = self.f
        self.principal("principal", demo=True)
        rate = f.rate("rate", "penalty", "contract")
        if rate:
            self.rate_into(rate, "rate", "rate_unit")
        d = f.duration("horizon", "duration", "overdue")
        if d:
            self.duration_into(d, "horizon_days")
        if f.multiple:
            self.put("target_multiple", f.multiple)
        else:
            target = f.amount("target")
            principal = self.inputs.get("principal")
            if target and principal and target.value > principal:
                self.put("target_multiple", target.value / principal)
        if f.compounding is not None:
            note = None if f.compounding_explicit else self.say(
                "利滚利按每30天复利一次计算", "compounding taken as every 30 days")
            self.put("compounding_period_days", f.compounding, note)
        elif "compounding_period_days" not in self.inputs and (
            f.product == "credit_card" or self.inputs.get("product_type") == "credit_card"
        ):
            self.put("compounding_period_days", 30, self.say(
                "信用卡按每月（30天）计复利", "credit-card interest compounds monthly (every 30 days)"))
        if f.day_basis:
            self.put("day_basis", f.day_basis)

    def convert(self) -> None:
        rate = next((r for r in self.f.rates if r.kind != "markup"), None)
        if rate:
            self.rate_into(rate, "rate", "unit")
        if self.f.day_basis:
            self.put("day_basis", self.f.day_basis)

    def lpr(self) -> None:
        if self.f.dates:
            day = self.f.dates[0]
            note = self.say(f"日期按{day}计算", f"date taken as {day}") if self.f.date_partial else None
            self.put("date", self.f.dates[0], note)
        elif "date" not in self.inputs:
            self.put("date", date.today().isoformat())

    def drop(self, *names: str) -> None:
        for n in names:
            self.inputs.pop(n, None)
            self.assumed.pop(n, None)

    # --- result

    def missing(self) -> list[str]:
        i = self.inputs
        need: list[str] = []
        waiting = self.pending.get("unit_for")

        def unit_missing(value_field: str, unit_field: str) -> None:
            if value_field not in i:
                need.append(value_field)
            elif unit_field not in i:
                need.append(unit_field)

        if self.tool == "penalty":
            for name in ("principal_overdue", "product_type"):
                if name not in i:
                    need.append(name)
            if "penalty_markup" in i or "contract_rate" in i:
                unit_missing("contract_rate", "contract_rate_unit")
                if "penalty_markup" not in i and i.get("product_type") == "bank_loan":
                    need.append("penalty_markup")
            else:
                unit_missing("penalty_rate", "penalty_rate_unit")
            if "days_overdue" not in i:
                need.append("days_overdue")
            if i.get("product_type") == "private_lending" and "contract_date" not in i:
                need.append("contract_date")
        elif self.tool == "card":
            for name in ("statement_balance", "amount_paid_by_due", "days_posting_to_due", "days_overdue_until_repaid"):
                if name not in i:
                    need.append(name)
            if waiting == "daily_rate":
                need.append("daily_rate")
        elif self.tool == "installment":
            for name in ("principal", "periods", "method"):
                if name not in i:
                    need.append(name)
            method = i.get("method")
            if method == "equal_principal_plus_fee" and "monthly_fee_rate" not in i:
                need.append("monthly_fee_rate")
            if method in ("annuity", "equal_principal", "interest_only") and "monthly_rate" not in i:
                need.append("monthly_rate")
            if waiting in ("monthly_rate", "monthly_fee_rate"):
                need.append(waiting)
        elif self.tool == "growth":
            unit_missing("rate", "rate_unit")
        elif self.tool == "convert":
            unit_missing("rate", "unit")
        return list(dict.fromkeys(need))

    def build(self) -> CalcRequest:
        getattr(self, self.tool)()
        return self.result()

    def result(self) -> CalcRequest:
        if self.tool in ("card", "installment") and self.pending.get("unit_for") not in self.inputs:
            self.pending.pop("unit_for", None)
        missing = self.missing()
        if self.tool == "penalty" and missing == ["product_type"]:
            # Everything for a number is there: answer now on the general rule (the calculator's notes say which)
            # rather than hold the result back for the kind of debt.
            missing = []
            self.assumed["product_type"] = self.say(
                "如果是个人借条或银行贷款，告诉我，我按它的规则重新算",
                "If this is a personal IOU or a bank loan, tell me and I will redo it under its rules",
            )
        if not any(self.pending.get("unit_for") == m for m in missing) and not any(
            m.endswith("_unit") or m == "unit" for m in missing
        ):
            self.pending.pop("unit_for", None)
            self.pending.pop("fen", None)
        # Values waiting for a unit are not inputs the calculator could use yet.
        inputs = {k: _calculator_value(k, v) for k, v in self.inputs.items()}
        waiting = self.pending.get("unit_for")
        if waiting and waiting in ("daily_rate", "monthly_rate", "monthly_fee_rate"):
            inputs.pop(waiting, None)
            self.pending["value"] = self.inputs[waiting]
        return CalcRequest(
            tool=self.tool,
            inputs=inputs,
            missing=missing,
            assumptions=list(dict.fromkeys(self.assumed.values())),
            language=self.lang,
            assumed=dict(self.assumed),
            pending=dict(self.pending),
        )


_RATE_FIELDS = ("penalty_rate", "contract_rate", "rate", "daily_rate", "monthly_rate", "monthly_fee_rate")


_UNIT_NAMES = {"daily": ("日利率", "per day"), "monthly": ("月利率", "per month"), "annual": ("年利率", "per year")}


def _previous_unit(previous: CalcRequest) -> str | None:
    """The unit of the rate in an earlier request, when it had one."""
    i = previous.inputs
    for name in ("unit", "rate_unit", "penalty_rate_unit", "contract_rate_unit"):
        if i.get(name) in _FEN_SCALE:
            return str(i[name])
    if previous.tool == "card" and "daily_rate" in i:
        return "daily"
    if previous.tool == "installment" and ("monthly_rate" in i or "monthly_fee_rate" in i):
        return "monthly"
    return None


def _inherit_units(facts: Facts, previous: CalcRequest) -> None:
    """A follow-up's rate said without a unit ("那万三呢", "那0.03%呢") keeps the unit of the earlier rate: the user
    changes the number, not what it is counted by. A plain number ("那1.5呢") still gets asked about."""
    unit = _previous_unit(previous)
    if unit is None or not _W_FOLLOW_UP.search(facts.text):
        return
    fee = previous.tool == "installment" and "monthly_fee_rate" in previous.inputs
    rates = []
    for r in facts.rates:
        if r.unit is None and not r.bare and r.kind != "markup":
            value = r.fen * _FEN_SCALE[unit] if r.fen is not None else r.value
            r = replace(r, value=value, unit=unit, fen=None, inherited=True,
                        kind="fee" if fee and r.kind == "rate" else r.kind)
        rates.append(r)
    facts.rates = rates


def _calculator_value(name: str, value: Any) -> Any:
    """The calculator reads a plain number of 1 or more as a mistaken percent; say such rates with "%"."""
    if name in _RATE_FIELDS and isinstance(value, Decimal) and value >= 1:
        return f"{_fmt(value * 100)}%"
    return value


def _as_fraction(value: Any) -> Decimal:
    if isinstance(value, str) and value.endswith("%"):
        return Decimal(value[:-1]) / 100
    return Decimal(value)


def _unit_field_for(tool: str, value_field: str) -> str | None:
    return {
        "penalty_rate": "penalty_rate_unit", "contract_rate": "contract_rate_unit", "rate": "rate_unit"
        if tool == "growth" else "unit",
    }.get(value_field)


def _choose_tool(f: Facts) -> str | None:
    text = f.text
    money_ask = bool(_W_MONEY_ASK.search(text))
    if _W_LPR.search(text):
        if _W_LPR_ASK.search(text) and not _W_DEFINE.search(text):
            return "lpr"
        return None
    if _W_BLOCK.search(text) and not money_ask:
        return None
    has_money = bool(f.amounts)
    overdue = bool(_W_OVERDUE.search(text))
    fee_rate = f.rate("fee")
    months = any(d.months for d in f.durations)
    if _W_INSTALLMENT.search(text) and (
        f.periods or fee_rate or f.method in ("annuity", "equal_principal", "interest_only")
        or (months and (f.amount("payment") or f.rates))
    ):
        return "installment"
    # Money kept back at payout and paid back later ("借5000到手4500，一个月后还5000"), or a monthly fee over
    # months ("borrowed 10000 over 12 months, the fee is 0.75% a month"): the true rate of a loan offer.
    kept_back = f.amount("net") or f.amount("upfront")
    if not overdue and (
        (kept_back and (f.amount("lump") or f.amount("payment")))
        or (fee_rate and fee_rate.unit == "monthly" and (months or f.periods))
    ):
        return "installment"
    if _W_CARD.search(text) and (has_money or money_ask):
        return "card"
    if _W_GROWTH.search(text) or f.multiple:
        return "growth"
    if f.rates and not has_money and not f.periods and (not f.durations or _W_CONVERT_ASK.search(text)) and (
        _W_CONVERT.search(text) or re.search(r"[?？]\s*$", text)
    ) and not _W_RULE_Q.search(text):
        return "convert"
    if has_money and (overdue or f.durations):
        return "penalty"
    if money_ask and (has_money or (overdue and (f.durations or f.rates))):
        return "penalty"
    return None


def _fill_reply(b: _Builder, f: Facts) -> bool:
    """A bare reply to a missing-field question ("日息万五", "30天", "网贷", "按月", "10000"). True if used."""
    used = False
    missing = b.base_missing
    if f.unit_word and b.unit_only(f.unit_word):
        used = True
    if f.bare_number is not None and missing:
        day_fields = [m for m in missing if m.startswith("days_") or m in ("horizon_days", "grace_days")]
        money_fields = [m for m in missing if m in ("principal_overdue", "principal", "statement_balance",
                                                    "amount_paid_by_due")]
        if day_fields and f.bare_number == int(f.bare_number) and f.bare_number <= 36500:
            b.put(day_fields[0], int(f.bare_number))
            used = True
        elif money_fields:
            b.put(money_fields[0], f.bare_number)
            used = True
        elif "periods" in missing and f.bare_number == int(f.bare_number):
            b.put("periods", int(f.bare_number))
            used = True
    card_days_known = "days_overdue_until_repaid" in b.inputs
    if b.tool == "card" and "days_posting_to_due" in missing and f.durations and card_days_known:
        d = f.durations[0]
        if d.role in ("duration", "posting"):
            b.duration_into(d, "days_posting_to_due")
            f.durations = f.durations[1:]
            used = True
    if b.tool == "card" and "amount_paid_by_due" in missing and f.amounts and "statement_balance" in b.inputs:
        a = f.amounts[0]
        if a.role in ("amount", "paid"):
            b.put("amount_paid_by_due", a.value)
            f.amounts = f.amounts[1:]
            used = True
    return used


_MONEY_FIELDS = ("principal_overdue", "principal", "statement_balance", "amount_paid_by_due")
_RATE_KINDS_FOR_INPUT = ("rate", "penalty", "contract", "fee")


def _supplies(facts: Facts, missing: list[str]) -> bool:
    """Whether the text gives a number still missing (a rate for a rate, days for days, ...). A product named in
    passing ("信用卡最低还款是10%吗") does not count: the question is about something else."""
    wants_rate = any(m.endswith("rate") or m.endswith("unit") for m in missing)
    return bool(
        (wants_rate and any(r.kind in _RATE_KINDS_FOR_INPUT for r in facts.rates))
        or (facts.durations and any("days" in m for m in missing))
        or (facts.amounts and any(m in _MONEY_FIELDS for m in missing))
        or (facts.periods and "periods" in missing)
    )


def _continues(facts: Facts, tool: str | None, previous: CalcRequest) -> bool:
    """Whether `facts` continue the previous request (a follow-up or an answer) rather than start a new one."""
    text = facts.text
    if (_W_BLOCK.search(text) or _W_RULE_Q.search(text)) and not _W_MONEY_ASK.search(text):
        return False  # a new topic ("逾期三天会上征信吗", "逾期3天算不算逾期")
    if _W_YES_NO.search(text) and not _W_MONEY_ASK.search(text):
        return _supplies(facts, previous.missing)
    own_money = bool(facts.amount("principal", "amount", "statement"))
    marker = bool(_W_FOLLOW_UP.search(text))
    if tool is None:
        return marker or bool(previous.missing) or len(text.strip()) <= 12
    if tool == previous.tool:
        # A restatement with its own debt, product, rate and days is a new question, even after an unanswered
        # one; a partial one ("5万，逾期90天") answers what was asked.
        restated = sum((own_money, bool(facts.product), bool(facts.rates), bool(facts.durations))) >= 3
        return marker or not own_money or (bool(previous.missing) and not restated)
    # Another tool fits the text on its own. It is still an answer when the previous request asked for
    # something this text gives ("年化18%吗？" answering "what rate?"), unless it plainly asks the other
    # question ("日息万五是多少年化", "LPR是多少") or brings its own debt.
    if not previous.missing or own_money or tool == "lpr" or (tool == "convert" and _W_CONVERT_ASK.search(text)):
        return False
    wants_rate = any(m.endswith("rate") or m.endswith("unit") for m in previous.missing)
    return bool((wants_rate and facts.rates) or (facts.durations and any("days" in m for m in previous.missing)))


def parse_calculation(text: str, previous: CalcRequest | None = None) -> CalcRequest | None:
    """A calculator request for `text`, or None when the text is not asking for a calculation.

    With `previous`, a follow-up ("如果逾期60天呢?", "换成信用卡呢", "what about 90 days?") or a bare answer to the
    missing-field question ("日息万五", "30天") reuses the earlier inputs and replaces only what the text gives."""
    facts = extract(text)
    if previous is not None and not facts.rates and _W_FOLLOW_UP.search(facts.text) and _previous_unit(previous):
        loose = extract(text, loose=True)  # "那万三呢": 万三 with no rate word, read after a rate with a unit
        if loose.rates:
            facts = loose
    lang = facts.language if _language_signal(facts.text) or previous is None else previous.language
    tool = _choose_tool(facts)
    if previous is not None and facts.has_entities and _continues(facts, tool, previous):
        _inherit_units(facts, previous)
        b = _Builder(previous.tool, facts, lang, previous)
        _fill_reply(b, facts)
        return b.build()
    if tool is None:
        return None
    return _Builder(tool, facts, lang, None).build()


# ---------------------------------------------------------------------------------------------------------------
# questions

_RATE_Q = (
    "利率是多少？请说明按天、按月还是按年，比如“日息万五”或“年化18%”。",
    "What is the rate? Please say per day, per month or per year, e.g. '0.05% a day' or '18% a year'.",
)
_UNIT_Q = (
    "利率是按天、按月还是按年？比如“日息万五”或“年化18%”。",
    "Is that rate per day, per month or per year? For example '0.05% a day' or '18% a year'.",
)
_QUESTIONS: dict[str, tuple[str, str]] = {
    "principal_overdue": ("逾期的本金是多少？比如“1万”。", "How much principal is overdue? For example '10,000'."),
    "principal": ("借款本金是多少？比如“1万”。", "How much is the loan? For example '10,000'."),
    "statement_balance": ("这期账单金额是多少？", "How much was the statement balance?"),
    "amount_paid_by_due": ("到期还款日前还了多少？一分没还就说“没还”。",
                           "How much did you pay by the due date? Say 'nothing' if you paid nothing."),
    "days_posting_to_due": ("从消费记账日到到期还款日一共多少天？一般在20到50天之间。",
                            "How many days from the purchase posting date to the payment due date? "
                            "Usually 20 to 50."),
    "days_overdue_until_repaid": ("过了还款日多少天才还清？比如“30天”。",
                                  "How many days after the due date was it repaid? For example '30 days'."),
    "product_type": ("这是哪种借款：信用卡、网贷、银行贷款、消费金融、小贷，还是个人之间的借条？",
                     "What kind of debt is it: credit card, online loan, bank loan, consumer finance, "
                     "microloan, or a personal IOU?"),
    "penalty_rate": ("逾期后的利率（罚息）是多少？请说明按天、按月还是按年，比如“日息万五”或“年化18%”。",
                     "What rate is charged on the overdue amount? Please say per day, per month or per year, "
                     "e.g. '0.05% a day' or '18% a year'."),
    "contract_rate": _RATE_Q,
    "rate": _RATE_Q,
    "monthly_rate": ("月利率是多少？比如“月利率1%”或“年化12%”。",
                     "What is the interest rate? For example '1% a month' or '12% a year'."),
    "daily_rate": _UNIT_Q,
    "monthly_fee_rate": ("每期手续费率是多少？比如“每期0.75%”。",
                         "What is the fee per period? For example '0.75% per period'."),
    "penalty_rate_unit": _UNIT_Q,
    "contract_rate_unit": _UNIT_Q,
    "rate_unit": _UNIT_Q,
    "unit": _UNIT_Q,
    "penalty_markup": ("合同约定罚息在原利率上加收多少？比如“上浮50%”。",
                       "How much does the contract add to the rate when overdue? For example '50% above the rate'."),
    "days_overdue": ("逾期多少天了？比如“30天”或“两个月”。",
                     "How many days overdue? For example '30 days' or '2 months'."),
    "contract_date": ("借条是哪天签的（借款日期）？比如“2023年5月1日”。民间借贷的利率上限看这一天的LPR。",
                      "On what date was the loan made? For example '2023-05-01'. The private-lending cap depends "
                      "on the LPR of that date."),
    "periods": ("分几期？比如“分12期”。", "Over how many instalments? For example '12 instalments'."),
    "method": ("怎么还款：每期收手续费的分期、等额本息、等额本金，还是先息后本？",
               "How is it repaid: a per-period fee, equal instalments (annuity), equal principal, or "
               "interest-only?"),
    "horizon_days": ("想看多长时间以后？比如“一年”。", "Over what time? For example '1 year'."),
    "date": ("想查哪一天的LPR？比如“2023年5月1日”。", "The LPR on which date? For example '2023-05-01'."),
}
_SHORT_NAMES: dict[str, tuple[str, str]] = {
    "principal_overdue": ("本金", "the principal"), "principal": ("本金", "the principal"),
    "statement_balance": ("账单金额", "the statement balance"),
    "amount_paid_by_due": ("已还金额", "the amount paid"), "days_posting_to_due": ("免息天数", "days to the due date"),
    "days_overdue_until_repaid": ("逾期天数", "days overdue"), "product_type": ("借款类型", "the kind of debt"),
    "penalty_rate": ("利率", "the rate"), "contract_rate": ("利率", "the rate"), "rate": ("利率", "the rate"),
    "monthly_rate": ("利率", "the rate"), "daily_rate": ("利率单位", "the rate's unit"),
    "monthly_fee_rate": ("手续费率", "the fee rate"), "penalty_rate_unit": ("利率单位", "the rate's unit"),
    "contract_rate_unit": ("利率单位", "the rate's unit"), "rate_unit": ("利率单位", "the rate's unit"),
    "unit": ("利率单位", "the rate's unit"), "penalty_markup": ("罚息上浮比例", "the overdue markup"),
    "days_overdue": ("逾期天数", "days overdue"), "contract_date": ("借款日期", "the loan date"),
    "periods": ("期数", "the number of instalments"), "method": ("还款方式", "the repayment method"),
    "horizon_days": ("时间长度", "the time span"), "date": ("日期", "the date"),
}


def missing_question(req: CalcRequest) -> str:
    """One short question in req.language asking for the first missing input (and naming the rest)."""
    if not req.missing:
        return ""
    zh = req.language == "zh"
    first = req.missing[0]
    question = _QUESTIONS.get(first, (f"还需要：{first}", f"I still need: {first}"))[0 if zh else 1]
    if first.endswith("_unit") or first == "unit" or (first == "daily_rate" and req.pending.get("unit_for")):
        said = req.pending.get("value")
        if said is None:
            value_field = {"penalty_rate_unit": "penalty_rate", "contract_rate_unit": "contract_rate",
                           "rate_unit": "rate", "unit": "rate"}.get(first)
            said = req.inputs.get(value_field) if value_field else None
        if said is not None and req.pending.get("fen") is None:
            shown = _fmt(Decimal(said) * 100)
            question = (f"你说的{shown}%是按天、按月还是按年？比如“日息万五”或“年化18%”。" if zh
                        else f"Is the {shown}% per day, per month or per year? For example '0.05% a day' or "
                             "'18% a year'.")
    rest = list(dict.fromkeys(_SHORT_NAMES.get(m, (m, m))[0 if zh else 1] for m in req.missing[1:]))
    first_name = _SHORT_NAMES.get(first, (first, first))[0 if zh else 1]
    rest = [r for r in rest if r != first_name]
    if rest:
        question += f"（另外还需要：{'、'.join(rest)}）" if zh else f" (I'll also need {', '.join(rest)}.)"
    return question


__all__ = [
    "PRODUCT_TYPES", "TOOL_NAMES", "Amount", "CalcRequest", "Duration", "Facts", "Fee", "Rate", "detect_language",
    "detect_product", "extract", "missing_question", "parse_amount", "parse_calculation", "parse_duration",
    "parse_fees", "parse_number", "parse_periods", "parse_rate",
]

