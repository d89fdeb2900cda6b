"""Numbers written any common way: digits with separators, 5k / 1w, English words, Chinese numerals."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

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


# What cn2an does not read, said the everyday way: colloquial 俩/仨, traditional 兩/萬/億, 幺 for one.
_PRE_STEPS = str.maketrans({"俩": "两", "倆": "两", "仨": "三", "兩": "两", "萬": "万", "億": "亿", "幺": "一"})
_PLAIN = re.compile(r"\d+(?:\.\d+)?")


def _parse_chinese(s: str) -> Decimal | None:
    """Digits, Chinese numerals or both ("1万5", "一万零五", "壹万伍仟") as a Decimal; None if it is not a number."""
    s = s.strip()
    if not s:
        return None
    if _PLAIN.fullmatch(s):
        return Decimal(s)
    return _cn2an(s.translate(_PRE_STEPS))


@lru_cache(maxsize=4096)
def _cn2an(s: str) -> Decimal | None:
    if len(s) > 30 or re.search(r"\s", s) or not re.fullmatch(rf"[\d.{_CN_CHARS}]+", s):
        return None  # no amount is written with thirty numerals
    import cn2an  # imported on the first Chinese numeral: it takes ~0.3 s, and most messages have none

    try:
        return Decimal(str(cn2an.cn2an(s, "smart")))
    except (ValueError, KeyError, IndexError, TypeError, ArithmeticError):
        return None
