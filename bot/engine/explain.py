"""Plain-words explanation of a calculator result (bot.calculator.run_tool output), zh and en.

Shape: one headline sentence with the number the user asked about, a short breakdown, the cap flags in
words, then the calculator's own notes (assumptions, caveats) — the whole under ~900 characters.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

MAX_CHARS = 900


def money(value: Any) -> str:
    return f"¥{Decimal(str(value)):,.2f}"


def pct(value: Any) -> str:
    d = Decimal(str(value)).quantize(Decimal("0.01"))
    return f"{d}%"


def _numbers(text: str) -> list[str]:
    return [n.replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]


def explain(result: dict[str, Any], lang: str, assumptions: list[str] | None = None) -> str:
    tool = str(result.get("tool"))
    writer = _WRITERS.get(tool)
    lines = writer(result, lang) if writer else []
    body = "\n".join(lines)
    shown = set(_numbers(body))
    # A note whose every figure is already in the breakdown only repeats it.
    notes = [str(n) for n in result.get("notes", []) if not (_numbers(str(n)) and set(_numbers(str(n))) <= shown)]
    extra = [a for a in (assumptions or []) if a and a not in notes]
    head = "说明：" if lang == "zh" else "Notes:"
    kept: list[str] = []
    budget = MAX_CHARS - len(body) - len(head) - 2
    # The last note is the calculator's standing caveat (caps are not automatic; ask for an itemised bill):
    # it always stays; the others fill the remaining room in order.
    ordered = extra + notes[:-1] if notes else extra
    last = notes[-1:] if notes else []
    budget -= sum(len(n) + 3 for n in last)
    for note in ordered:
        if len(note) + 3 <= budget:
            kept.append(note)
            budget -= len(note) + 3
    kept += last
    if kept:
        body += f"\n\n{head}\n" + "\n".join(f"• {n}" for n in kept)
    return body


def _flags_line(result: dict[str, Any], lang: str, rate_key: str) -> str:
    flags = result.get("flags") or {}
    rate = result.get(rate_key)
    private = flags.get("exceeds_4x_lpr") is not None
    if private:
        cap = result.get("cap_used_pct") or result.get("cap_pct") or result.get("cap_4x_lpr_pct")
        if flags.get("exceeds_4x_lpr"):
            return (f"⚠ 年化 {pct(rate)} 超过了民间借贷的利率上限（{pct(cap)}），超出部分法院一般不支持。"
                    if lang == "zh" else
                    f"⚠ {pct(rate)} a year is above the private-lending cap ({pct(cap)}); courts generally do not "
                    "support the excess.")
        return (f"年化 {pct(rate)}，没有超过民间借贷的利率上限（{pct(cap)}）。" if lang == "zh"
                else f"{pct(rate)} a year: not above the private-lending cap ({pct(cap)}).")
    if flags.get("exceeds_36pct"):
        return (f"⚠ 年化 {pct(rate)} 超过了24%，也超过了36%：超过24%的部分，你在诉讼中提出后法院一般不支持。"
                if lang == "zh" else
                f"⚠ {pct(rate)} a year is above 24% and even above 36%: courts generally do not support the part "
                "above 24% when the borrower raises it.")
    if flags.get("exceeds_24pct"):
        return (f"⚠ 年化 {pct(rate)} 超过了24%的参考线：超过部分，你在诉讼中提出后法院一般不支持。"
                if lang == "zh" else
                f"⚠ {pct(rate)} a year is above the 24% line: courts generally do not support the excess when the "
                "borrower raises it.")
    if rate is not None and flags:
        return (f"年化 {pct(rate)}，没有超过24%的参考线。" if lang == "zh"
                else f"{pct(rate)} a year: not above the 24% line.")
    return ""


def _segments(r: dict[str, Any], lang: str) -> list[str]:
    """Private lending split at 2020-08-20: one line per part of the overdue period and its cap."""
    segments = r.get("cap_segments") or []
    if len(segments) < 2:
        return []
    lines = []
    for s in segments:
        old = s.get("rule") == "private_old_24_36"
        if lang == "zh":
            rule = "旧规则 24%" if old else "起诉时 LPR 的 4 倍"
            lines.append(f"• {s['from']} 至 {s['to']}（{s['days']} 天）：上限 {pct(s['cap_pct'])}（{rule}）")
        else:
            rule = "old rules, 24%" if old else "4 × LPR at filing"
            lines.append(f"• {s['from']} to {s['to']} ({s['days']} days): cap {pct(s['cap_pct'])} ({rule})")
    return lines


def _penalty(r: dict[str, Any], lang: str) -> list[str]:
    days = r.get("effective_days")
    if lang == "zh":
        lines = [
            f"逾期 {days} 天，合计要还约 {money(r['amount_due'])}，其中逾期产生的费用 {money(r['total_charges'])}。",
            f"• 罚息 {money(r['penalty_interest'])}（日罚息率 {r['penalty_daily_rate_pct']}%）",
            f"• 复利 {money(r['compound_interest'])}",
            f"• 违约金/费用 {money(r['fees'])}",
        ]
    else:
        lines = [
            f"After {days} days overdue you would owe about {money(r['amount_due'])}, of which "
            f"{money(r['total_charges'])} are overdue charges.",
            f"• penalty interest {money(r['penalty_interest'])} (daily penalty rate {r['penalty_daily_rate_pct']}%)",
            f"• compound interest {money(r['compound_interest'])}",
            f"• fees {money(r['fees'])}",
        ]
    flag = _flags_line(r, lang, "annualized_cost_pct")
    if flag:
        lines.append(flag)
    lines += _segments(r, lang)
    excess = Decimal(str(r.get("likely_unsupported_excess") or 0))
    if excess > 0:
        lines.append(
            f"按上限计，法院可能支持的费用约 {money(r['court_supported_max_charges'])}，"
            f"约 {money(excess)} 可以主张调减。"
            if lang == "zh" else
            f"At the cap a court would likely support about {money(r['court_supported_max_charges'])} of charges; "
            f"about {money(excess)} could be challenged.")
    return lines


def _card(r: dict[str, Any], lang: str) -> list[str]:
    if lang == "zh":
        return [
            f"这一期要还清需要 {money(r['balance_to_clear'])}，其中利息 {money(r['interest'])}、"
            f"违约金 {money(r['late_fee'])}，合计费用 {money(r['total_charges'])}。",
            f"• 最低还款额 {money(r['minimum_payment'])}：按时还到这个数不算逾期，但仍要付利息。",
        ]
    return [
        f"To clear this statement you need {money(r['balance_to_clear'])}: interest {money(r['interest'])}, "
        f"late fee {money(r['late_fee'])}, total charges {money(r['total_charges'])}.",
        f"• Minimum payment {money(r['minimum_payment'])}: paying it on time avoids an overdue record, but "
        "interest still applies.",
    ]


def _installment(r: dict[str, Any], lang: str) -> list[str]:
    naive = r.get("naive_rate_pct")
    used = r.get("inputs_used") or {}
    days = used.get("period_days")
    once = used.get("periods") == 1  # the loan paid back in one sum
    if lang == "zh":
        when = f"{days}天后" if days else "一个月后"
        lines = [f"真实年化利率（IRR）约 {pct(r['apr_nominal_pct'])}"
                 + (f"，而不是看起来的 {pct(naive)}。" if naive is not None else "。"),
                 f"• 到手 {money(r['net_disbursed'])}，总共还 {money(r['total_repaid'])}，"
                 f"成本 {money(r['total_cost'])}",
                 f"• {when}一次还 {money(r['first_payment'])}" if once else f"• 每期约 {money(r['first_payment'])}"]
    else:
        when = f"{days} days" if days else "a month"
        lines = [f"The true annual rate (IRR) is about {pct(r['apr_nominal_pct'])}"
                 + (f", not the {pct(naive)} it seems." if naive is not None else "."),
                 f"• you receive {money(r['net_disbursed'])}, repay {money(r['total_repaid'])} in total, "
                 f"cost {money(r['total_cost'])}",
                 f"• one repayment of {money(r['first_payment'])} after {when}" if once
                 else f"• about {money(r['first_payment'])} per period"]
    flag = _flags_line(r, lang, "apr_nominal_pct")
    if flag:
        lines.append(flag)
    return lines


def _growth(r: dict[str, Any], lang: str) -> list[str]:
    used = r.get("inputs_used") or {}
    p, horizon = used.get("principal"), used.get("horizon_days") or 365
    target, years = used.get("target_multiple"), r.get("years_to_target")
    if lang == "zh":
        lines = [f"{money(p)} 在 {horizon} 天后约为 {money(r['balance_at_horizon'])}"
                 f"（{r['multiple_at_horizon']} 倍）。"]
    else:
        lines = [f"{money(p)} grows to about {money(r['balance_at_horizon'])} after {horizon} days "
                 f"({r['multiple_at_horizon']}×)."]
    if target is None:  # the line about reaching a multiple only when one was asked about
        return lines
    shown = format(Decimal(str(target)).normalize(), "f")
    if lang == "zh":
        lines.append(f"• 涨到 {shown} 倍大约需要 {years} 年。" if years is not None
                     else f"• 按这个利率，100年内也涨不到 {shown} 倍。")
    else:
        lines.append(f"• Reaching {shown}× takes about {years} years." if years is not None
                     else f"• At this rate it does not reach {shown}× within 100 years.")
    return lines


# How a loan repaid on time is paid back, by repayment method (zh, en); "annuity" when the method is another one.
_COST_SCHEDULE: dict[str, tuple[str, str]] = {
    "simple": ("• 借 {days} 天，到期一次还本付息", "• {days} days, repaid in one sum at the end"),
    "equal_principal": ("• 等额本金 {months} 期：首期 {first}，末期 {last}",
                        "• equal principal over {months} months: first {first}, last {last}"),
    "interest_only": ("• 先息后本 {months} 期：每月付息 {monthly}，最后一期 {last}",
                      "• interest only over {months} months: {monthly} a month, last {last}"),
    "annuity": ("• 等额本息 {months} 期：每月还 {monthly}", "• equal payments over {months} months: {monthly} a month"),
}


def _cost(r: dict[str, Any], lang: str) -> list[str]:
    used = r.get("inputs_used") or {}
    method, p = used.get("method"), used.get("principal")
    if lang == "zh":
        lines = [f"借 {money(p)}，按时还款的利息是 {money(r['total_interest'])}，"
                 f"连本带息一共还 {money(r['total_repayment'])}。"]
    else:
        lines = [f"Borrowing {money(p)} and repaying on time costs {money(r['total_interest'])} in interest, "
                 f"{money(r['total_repayment'])} repaid in all."]
    zh, en = _COST_SCHEDULE.get(str(method), _COST_SCHEDULE["annuity"])
    figures = {name: money(r[key]) for name, key in (("first", "first_payment"), ("last", "last_payment"),
                                                     ("monthly", "monthly_payment")) if r.get(key) is not None}
    lines.append((zh if lang == "zh" else en).format(days=used.get("days"), months=used.get("months"), **figures))
    flag = _flags_line(r, lang, "annual_rate_pct")
    if flag:
        lines.append(flag)
    return lines


def _convert(r: dict[str, Any], lang: str) -> list[str]:
    if lang == "zh":
        return [f"换算结果：年化 {r['annual_pct']}% ＝ 月 {r['monthly_pct']}% ＝ 日 {r['daily_pct']}%。"]
    return [f"That is {r['annual_pct']}% a year = {r['monthly_pct']}% a month = {r['daily_pct']}% a day."]


def _lpr(r: dict[str, Any], lang: str) -> list[str]:
    cap = r.get("cap_4x_lpr_pct")
    if lang == "zh":
        tail = f"，4倍为 {cap}%（民间借贷利率上限）。" if cap is not None else "。"
        return [f"一年期LPR为 {r['lpr_1y_pct']}%{tail}"]
    return [f"The one-year LPR was {r['lpr_1y_pct']}%"
            + (f"; 4 × LPR = {cap}% (the private-lending cap)." if cap is not None else ".")]


_WRITERS = {
    "penalty": _penalty,
    "card": _card,
    "installment": _installment,
    "growth": _growth,
    "convert": _convert,
    "lpr": _lpr,
    "cost": _cost,
}
