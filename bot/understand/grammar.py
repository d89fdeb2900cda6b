"""The quantity grammar in one place: how amounts, rates, durations, periods, dates and multiples are written.

Patterns only (and the scanner that hands out spans); the finders that use them are in quantities.py. The words
around a quantity that say what it is (its role: principal, fee, overdue days …) are data in lexicons/.
"""

from __future__ import annotations

import re
from decimal import Decimal

from bot.understand.lexicon import keyed
from bot.understand.numbers import _CN_CHARS, _CN_DIGIT_CHARS, _EN_NUMBER_WORDS, _RUN

_PUNCT = ",;!?。；！？\n()（）"
_FILLER = (
    r"(?:\s|是|为|為|:|大概|大约|约|差不多|才|就|有|高达|只有|都|按|of|is|at|about|around|roughly|approx\.?|=|的)*"
)
_RATE_KW = (
    r"(?:日息|月息|年息|[日月年](?:利率|利息|费率|化利率|化|率)|利率|利息|息|费率|手续费率?|服务费率?|罚息|违约金|"
    r"滞纳金|上浮|加收|每天|每日|每月|每个月|每年|每期|一天|一个月|一年|按天|按日|按月|按年|天息|利|"
    r"rate|interest|apr|apy|fee|penalty|markup|daily|monthly|annual(?:ly)?|yearly|a day|per day|a month|"
    r"per month|a year|per year|per annum|p\.?a\b\.?)"
)
# "5月1日利率" is a date and "两年利率" a duration; "1万日息" is an amount followed by a daily rate.
_CN_SMALL_NUMERALS = "零〇一二两兩俩三四五六七八九十半"
# A day or month number of one or two digits comes before 日 / 月 in a date ("5月1日"); a long amount may come
# before a rate word ("借5000日息万五"), and so may the tail of an amount in 万 ("借呗1万2日息万五" is 12,000).
_NOT_DATE_NUMBER = r"(?<![^\d万萬千]\d)(?<![^\d万萬千]\d\d)(?<!^\d)(?<!^\d\d)"
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
    r"annual(?:ly|ized|ised)?|yearly|per year|\ba year\b|per annum|\bp\.?a\b\.?",
}
_UNIT_WEAK = {"daily": r"一天|1天", "monthly": r"一个月|1个月", "annual": r"一年|1年"}
_UNIT_SUFFIX = re.compile(
    r"\s*(?:(?:/|每|一|per-?|a|an|each)\s*)?(?:个)?(?P<u>天|日|月|年|期|(?:days?|months?|mo|years?|yr|annum|period)\b)"
    r"|\s*的?(?P<w>daily|monthly|annually|yearly|apr\b|apy\b|p\.?a\b\.?|年化|[日月年](?:息|利率))",
    re.I,
)
_UNIT_OF = {
    "天": "daily", "日": "daily", "day": "daily", "days": "daily", "月": "monthly", "month": "monthly",
    "months": "monthly", "mo": "monthly", "年": "annual", "year": "annual", "years": "annual", "yr": "annual",
    "annum": "annual", "期": "monthly", "period": "monthly", "daily": "daily", "monthly": "monthly",
    "annually": "annual", "yearly": "annual", "apr": "annual", "apy": "annual", "年化": "annual",
    "日息": "daily", "日利率": "daily", "月息": "monthly", "月利率": "monthly", "年息": "annual", "年利率": "annual",
    "pa": "annual", "p.a": "annual", "pa.": "annual", "p.a.": "annual",
}
_RATE_KINDS = keyed("rate_kinds")
# After 万五 / 千一 comes no further numeral ("万五千" is money), unless it starts a span of time ("万五一年").
_RATE_END = (
    rf"(?:(?=[{_CN_DIGIT_CHARS}\d十半]+\s*(?:[个個]\s*)?(?:天|日|周|星期|月|年))|(?![\d{_CN_CHARS}元块]))"
)
_RATE_VALUE = re.compile(
    rf"(?P<pct>\d+(?:\.\d+)?)\s*(?:%|percent\b|pct\b|个点)"
    rf"|(?P<points>[{_CN_DIGIT_CHARS}十]+(?:点[{_CN_DIGIT_CHARS}])?)\s*个点"
    rf"|百分之\s*(?P<cnpct>{_RUN}(?:点[{_CN_DIGIT_CHARS}\d]+)?)"
    rf"|千分之\s*(?P<permille>{_RUN}(?:点[{_CN_DIGIT_CHARS}\d]+)?)|(?P<permille2>\d+(?:\.\d+)?)\s*‰"
    rf"|万分之\s*(?P<permyriad>{_RUN}(?:点[{_CN_DIGIT_CHARS}\d]+)?)|(?P<permyriad2>\d+(?:\.\d+)?)\s*‱"
    rf"|(?<![{_CN_CHARS}\d])[万萬](?P<wan>[一二两三四五六七八九\d](?:\.\d+|点[一二三四五六七八九\d])?){_RATE_END}"
    rf"|(?<![{_CN_CHARS}\d])[千仟](?P<qian>[一二两三四五六七八九\d](?:\.\d+|点[一二三四五六七八九\d])?){_RATE_END}"
    rf"|(?P<fen>[{_CN_DIGIT_CHARS}\d]+(?:\.\d+)?)\s*分(?![期钟之钱析])(?!\s*[{_CN_DIGIT_CHARS}\d十半]+\s*(?:期|[个個]?月|年|天|日|周|星期))\s*(?P<fen2>[一二三四五六七八九\d])?\s*厘?"
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
_AMOUNT_ROLES = keyed("amount_roles")  # the first role that fits wins
_AMOUNT_SUFFIX_ROLES = keyed("amount_suffix_roles")
# A bare number that counts things ("欠了7个平台", "3张卡", "9 loan apps") is not a sum of money.
# plural: "5000 card bill" is money; "4 different apps" is a count
_COUNTED = re.compile(r"\s*(?:个|张|家|笔|份|项|位|种|条|次|"
                      r"(?:(?:different|separate|other|online|loan|credit|lending)\s+){0,2}"
                      r"(?:apps|cards|platforms|loans|banks|lenders|debts|accounts|companies|times)\b)", re.I)
# Spans of time never use 万/亿, so "欠1万一年后" reads as 1万 and 一年, not 1万1 and 年.
_DURATION_RUN = rf"(?:\d++(?:\.\d++)?|[{_CN_DIGIT_CHARS}十拾百佰千仟])+"
_DURATION = re.compile(
    rf"(?P<n>{_DURATION_RUN}|半)\s*(?P<many>多)?\s*(?P<u>天|日|周|週|星期|个?礼拜|[个個]\s*(?:多\s*)?(?:半\s*)?月|年(?![化息]|利率|利息\s*(?:是|为)?\s*[\d%一二三四五六七八九十百千万]|费率))(?P<half>半)?"
    rf"|(?P<colloq>[俩倆仨])\s*月"
    rf"|(?P<en>\d+(?:\.\d+)?|{_EN_NUMBER_WORDS}|half an?|a half)\s*-?\s*(?P<eu>days?|weeks?|wks?|months?|mos?|"
    r"years?|yrs?)\b",
    re.I,
)
_DURATION_ROLES = keyed("duration_roles")
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
    r"|(?P<yo>(?:19|20)\d{2})\s*年(?!\s*\d|化|息|利率|费率)|\b(?:in|since|from)\s+(?P<ye>(?:19|20)\d{2})\b(?!\s*[-/.]\s*\d)"
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

_W_DAY_BASIS = re.compile(r"(?P<n>360|365)\s*天|(?P<e>360|365)[- ]day", re.I)
_UNIT_WORD_ONLY = re.compile(
    r"^\W*(?:是|按|就是|都是)?\s*(?P<u>按?(?:天|日)(?:算|计)?|每天|每日|日息|日利率|按?月(?:算|计)?|每个?月|月息|月利率|"
    r"按?年(?:算|计)?|每年|年化|年息|年利率|daily|per day|a day|monthly|per month|a month|annual(?:ly)?|yearly|"
    r"per year|a year|apr)\W*(?:的|吧|呀|啊)?\W*$",
    re.I,
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

