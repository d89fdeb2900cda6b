"""The finders: each reads one kind of quantity from the text with the grammar and takes its span."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from bot.understand.entities import Amount, Duration, Rate
from bot.understand.grammar import (
    _AMOUNT,
    _AMOUNT_ROLES,
    _AMOUNT_SUFFIX_ROLES,
    _ASKED_AFTER,
    _COUNTED,
    _DATE,
    _DURATION,
    _DURATION_ROLES,
    _FEN_SCALE,
    _FILLER,
    _KIND_SUFFIX,
    _MARKUP_TIMES,
    _MONTHS,
    _MULTIPLE,
    _NOT_A_RATE,
    _PERIODS,
    _RATE_KINDS,
    _RATE_KW,
    _RATE_VALUE,
    _SUFFIX_KINDS,
    _TO_DUE_DATE,
    _UNIT_JOINED,
    _UNIT_OF,
    _UNIT_STRONG,
    _UNIT_SUFFIX,
    _UNIT_WEAK,
    _WEAK_GAP,
    _last_match,
    _Scanner,
)
from bot.understand.numbers import _CN_DIGITS, parse_number


def _rate_value(m: re.Match[str]) -> tuple[Decimal, Decimal | None, bool] | None:
    """(fraction, fen count when said in 分/厘, bare) for one _RATE_VALUE match."""
    g = m.groupdict()

    def num(s: str) -> Decimal | None:
        return parse_number(s)

    if g["pct"]:
        return Decimal(g["pct"]) / 100, None, False
    if g["points"]:  # "3个点" / "三个点": percent, the way it is said aloud
        v = num(g["points"])
        return (v / 100, None, False) if v is not None else None
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
        rate = _rate_at(sc, m, loose)
        if rate is not None:
            sc.take(rate.start, rate.end)
            rates.append(rate)
    return rates


def _rate_at(sc: _Scanner, m: re.Match[str], loose: bool) -> Rate | None:
    """The rate a _RATE_VALUE match is, read with the words around it (None: not a rate here)."""
    text = sc.text
    parsed = _rate_value(m)
    if parsed is None:
        return None
    value, fen, bare = parsed
    lo, pre = sc.prefix(m.start())
    post = sc.suffix(m.end())
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
    kind_hit = _last_match(_RATE_KINDS, pre)
    if not _has_rate_context(m, pre, post, bool(strong or weak or suffix_unit), bool(kind_hit or kind_suffix), loose):
        return None
    if m.group("bare") and (value >= 1 or re.match(r"\s*(?:元|块|万|千)", post)):
        return None  # "利息500" is money, not a rate
    per_period = bool(re.search(r"每期|per (?:period|instal+ment)", pre, re.I)) or bool(
        suf and (suf.group("u") or "") in ("期", "period")
    )
    unit = strong[0] if strong else suffix_unit or weak
    if per_period and unit is None:
        unit = "monthly"
    kind = kind_hit[0] if kind_hit else "rate"
    if kind_suffix is None and suf and suffix_unit:  # "0.75% monthly fee": the kind after the unit
        kind_suffix = _KIND_SUFFIX.match(post, suf.end())
    if kind_suffix and not kind_hit:
        kind = _SUFFIX_KINDS.get(kind_suffix.group(1).lower(), "rate")
    if fen is not None and unit is not None:
        value, fen = fen * _FEN_SCALE[unit], None
    if strong and suffix_unit and suffix_unit != strong[0]:
        suf = suffix_unit = None  # "日息万五一年": 一年 is a span of time, not a second unit
    start = lo + strong[1] if strong else lo + weak_hit[1] if weak_hit else m.start()
    end = m.end() + (suf.end() if suf and suffix_unit else 0)
    return Rate(value, unit, kind, text[start:end], start, end, per_period, fen, bare)


def _has_rate_context(m: re.Match[str], pre: str, post: str, unit_said: bool, kind_said: bool, loose: bool) -> bool:
    """万五 / 2分 / a bare number are rates only next to a rate word or a unit; a percent after 还了/首付 is a
    share of money."""
    needs_context = bool(m.group("wan") or m.group("qian") or m.group("fen") or m.group("li") or m.group("bare"))
    if needs_context:
        adjacent = re.search(rf"{_RATE_KW}{_FILLER}$", pre, re.I)
        ok = adjacent or (not m.group("bare") and unit_said) or (
            (m.group("fen") or m.group("li")) and re.match(r"\s*(?:的)?(?:利|息)", post)
        )
        if m.group("qian") and not unit_said:
            ok = False  # "利息千五" may be 1,500 yuan of interest; "日息千五" is a rate
        return bool(ok or (loose and not m.group("bare")))
    has_context = unit_said or kind_said or bool(re.search(_RATE_KW, pre, re.I))
    return has_context or not (m.group("pct") and re.search(_NOT_A_RATE, pre, re.I))


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
        if role == "unrelated":  # "开了五年建材店": the shop's age is no days overdue, nor any other input
            sc.take(m.start(), m.end())
            continue
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


# What joins the two ends of a change ("从5万降到了1万", "from 50000 to 10000"): the second end is the same quantity.
_CHANGED_TO = re.compile(r"\s*(?:[降调砍减提涨增升]\w?)?(?:到|至|成|为)了?\s*"
                         r"|\s*(?:(?:was |got |has been )?(?:cut|reduced|lowered|dropped|raised|increased) )?to\s*",
                         re.I)


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
        if not money_marked and _COUNTED.match(sc.text, end):
            continue
        lo, pre = sc.prefix(m.start(), 16)
        post = sc.suffix(end, 8)
        role_hit = _last_match(_AMOUNT_ROLES, pre)
        role = role_hit[0] if role_hit else "amount"
        if role == "amount" and out and out[-1].end == lo and _CHANGED_TO.fullmatch(pre):
            role = out[-1].role  # "额度从5万降到了1万": the change's two ends are the same quantity
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


