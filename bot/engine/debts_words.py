"""The words around a borrower's list of debts: the table as understood, and the plan's answer (zh and en).

Every figure comes from the calculator's plan result (bot.calculator.plan); every default the plan used is said
next to the debt it applies to, with the rule behind it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from bot.calculator.caps import RULES
from bot.calculator.schemas import choice_label
from bot.calculator.text import fmt_pct

# What a default is, in the borrower's words (bot/engine/debts.py decides when one applies).
ASSUMED: dict[str, tuple[str, str]] = {
    "card_rate": ("没说利率，按信用卡常见的日息万五（0.05%）算", "no rate given: the usual card rate of 0.05% a day"),
    "private_no_interest": ("没说利息，按没有利息算（《民法典》第六百八十条：借款合同对利息没有约定的，视为没有利息）",
                            "no interest given: none is owed (Civil Code Art. 680: no agreed interest means none)"),
    "card_min": ("最低还款没说，按信用卡的规则：余额的 10% 加当月利息，不少于 100 元（100 元是假设，以账单为准）",
                 "minimum not given: the card rule, 10% of the balance plus the month's interest, at least 100 "
                 "(the 100 is an assumption; check your statement)"),
    "no_min": ("最低还款：没说，按 0 算", "minimum: not given, taken as 0"),
}
MISSING: dict[str, tuple[str, str]] = {
    "balance": ("还欠多少？", "how much is owed?"),
    "rate": ("利率是多少？", "what is the rate?"),
    "rate_unit": ("利率按天、按月还是按年？", "is the rate per day, per month or per year?"),
}
UNIT_SHORT = {"daily": ("日", "a day"), "monthly": ("月", "a month"), "annual": ("年", "a year")}


def money(value: Any) -> str:
    return f"{Decimal(str(value)):,.2f}"


def years(months: int) -> str:
    """Months as years to one place, half-up (15 → 1.3)."""
    return str((Decimal(months) / 12).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _zh(lang: str) -> bool:
    return lang == "zh"


def kind_label(kind: str | None, lang: str) -> str:
    if kind is None:
        return "类型没说" if _zh(lang) else "kind not given"
    return choice_label("plan", "product_type", kind, lang)


def row_line(n: int, row: dict[str, Any], lang: str) -> str:
    """One debt of the table: name · kind · balance · yearly rate (and the rate as said) · minimum."""
    zh = _zh(lang)
    parts = [f"{n}. {row['name']}", kind_label(row.get("kind"), lang)]
    if row.get("balance") is not None:
        parts.append(f"欠 {money(row['balance'])} 元" if zh else f"owes {money(row['balance'])}")
    if row.get("annual_pct") is not None and row.get("rate_unit"):
        said = fmt_pct(Decimal(str(row["rate"])) * 100, 4)
        unit = UNIT_SHORT[row["rate_unit"]][0 if zh else 1]
        rate = (f"年化 {fmt_pct(row['annual_pct'], 2)}%（{unit} {said}%）" if zh
                else f"{fmt_pct(row['annual_pct'], 2)}% a year ({said}% {unit})")
        if row["rate_unit"] == "annual":
            rate = f"年化 {fmt_pct(row['annual_pct'], 2)}%" if zh else f"{fmt_pct(row['annual_pct'], 2)}% a year"
        parts.append(rate)
    elif row.get("rate") is not None and Decimal(str(row["rate"])) == 0 and "private_no_interest" not in row["assumed"]:
        parts.append("无利息" if zh else "no interest")
    if row.get("min_payment") is not None:
        parts.append(f"最低还款 {money(row['min_payment'])} 元/月" if zh
                     else f"minimum {money(row['min_payment'])} a month")
    parts += [ASSUMED[a][0 if zh else 1] for a in row["assumed"]]
    parts += [f"⚠ {MISSING[m][0 if zh else 1]}" for m in row["missing"]]
    return " · ".join(parts)


def table(rows: list[dict[str, Any]], budget: Decimal | None, lang: str, hint: bool = True) -> str:
    """The list as understood; `hint`: say how to correct it (a conversation, not a one-off command)."""
    zh = _zh(lang)
    first, last = (rows[0]["name"], rows[-1]["name"]) if rows else ("借呗", "美团")
    head = (f"你的欠款（我是这样理解的；有不对直接告诉我，比如“{first}改成1万5”“删掉{last}”）："
            if zh else f"Your debts, as I understood them (correct me, e.g. '{first} should be 15000' or 'remove "
            f"{last}'):")
    if not hint:
        head = "欠款：" if zh else "Debts:"
    lines = [head, *(row_line(n, r, lang) for n, r in enumerate(rows, 1))]
    if budget is not None:
        lines.append(f"每月能还：{money(budget)} 元" if zh else f"Monthly budget: {money(budget)}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------ the plan


def caps_lines(result: dict[str, Any], lang: str) -> list[str]:
    """Which rates exceed the 24% line or the private-lending cap (bot.calculator.applicable_cap)."""
    zh = _zh(lang)
    over = [d for d in result.get("debts") or [] if d.get("exceeds_cap")]
    if not over:
        return ["真实年化：都没有超过适用的上限（24% 参考线；个人借款是一年期 LPR 的 4 倍）。" if zh
                else "True yearly rates: none is above the cap that applies (the 24% reference line; 4 × the "
                "one-year LPR for a personal loan)."]
    lines = ["真实年化超过上限的：" if zh else "Rates above the cap that applies:"]
    for d in over:
        rule = RULES.get(str(d["cap_rule"]), ("", ""))[0 if zh else 1]
        rate, cap = fmt_pct(d["annual_rate_pct"], 2), fmt_pct(d["cap_pct"], 2)
        if d["cap_rule"] == "reference_24":
            lines.append(f"• {d['name']} 年化 {rate}%，超过 24% 参考线：超出的部分，借款人提出时法院一般可以调减。"
                         if zh
                         else f"• {d['name']}: {rate}% a year, above the 24% reference line — courts may reduce the "
                         "part above it when the borrower asks.")
        else:
            lines.append(f"• {d['name']} 年化 {rate}%，超过上限 {cap}%（{rule}）：超出部分法院一般不支持。" if zh
                         else f"• {d['name']}: {rate}% a year, above the {cap}% cap ({rule}) — courts generally do "
                         "not support the part above it.")
    lines.append("上限不会自动减免，要你自己提出，法院结合案情认定。" if zh
                 else "A cap is not an automatic discount: you raise it, and a court decides on the facts.")
    return lines


def order_lines(result: dict[str, Any], lang: str) -> list[str]:
    """Where the extra money goes first, why, and what the other order would cost."""
    zh = _zh(lang)
    strategy = (result.get("inputs_used") or {}).get("strategy") or "avalanche"
    other = result.get("other_strategy") or {}
    months, interest = other.get("months"), money(other.get("total_interest", 0))
    diff = Decimal(str(other.get("total_interest", 0))) - Decimal(str(result["total_interest"]))
    order = " → ".join(result.get("priority") or [])
    lines = [f"建议顺序（多出来的钱先给谁）：{order}" if zh
             else f"Suggested order (where the extra money goes first): {order}"]
    if strategy == "snowball":
        lines.append("为什么：先还余额最小的（雪球法），更快少掉一笔，看到进展更容易坚持。" if zh else
                     "Why: smallest balance first (snowball) clears a debt sooner, which helps many people keep going.")
        if diff < 0:
            lines.append(f"如果先还利率最高的（雪崩法）：{months} 个月，利息 {interest} 元，能省 {money(-diff)} 元。"
                         if zh else f"With the highest rate first (avalanche): {months} months, interest {interest}, "
                         f"saving {money(-diff)}.")
        return lines
    lines.append("为什么：先还利率最高的（雪崩法），同样的钱付的利息最少。" if zh
                 else "Why: highest rate first (avalanche) costs the least interest for the same money.")
    if diff == 0:
        lines.append("先还余额最小的（雪球法）结果一样。" if zh
                     else "Smallest first (snowball) comes out the same here.")
    else:
        lines.append(f"如果一笔笔还清更能让你坚持，也可以先还余额最小的（雪球法）：{months} 个月，利息 {interest} 元，"
                     f"多付 {money(diff)} 元。" if zh else
                     "If seeing debts disappear one by one keeps you going, smallest first (snowball) works too: "
                     f"{months} months, interest {interest}, {money(diff)} more.")
    return lines


def months_lines(result: dict[str, Any], lang: str) -> list[str]:
    zh = _zh(lang)
    budget = (result.get("inputs_used") or {}).get("monthly_budget")
    months = int(result["months"])
    span = years(months)
    done = ("，".join(f"{n} 第{m}个月" for n, m in result["payoff_month"].items()) if zh
            else ", ".join(f"{n} month {m}" for n, m in result["payoff_month"].items()))
    if zh:
        return [f"每月 {money(budget)} 元：{months} 个月全部还清（约 {span} 年），"
                f"利息一共 {money(result['total_interest'])} 元，总共还 {money(result['total_paid'])} 元。",
                f"各笔还清：{done}。"]
    return [f"At {money(budget)} a month: debt-free in {months} months (about {span} years), "
            f"{money(result['total_interest'])} of interest, {money(result['total_paid'])} paid in all.",
            f"Each cleared: {done}."]


def minimums_lines(result: dict[str, Any], lang: str, reasons: dict[str, str]) -> list[str]:
    """What paying only the minimums does, next to the plan (`reasons`: name → why it never ends)."""
    zh = _zh(lang)
    mins = result.get("minimums_only") or {}
    never = list(mins.get("never_paid_off") or [])
    ending = [n for n in result["payoff_month"] if n not in never]
    lines = []
    if ending:
        extra = Decimal(str(mins.get("total_interest", 0))) - (Decimal(str(result["total_interest"])) if not never
                                                                 else Decimal(0))
        names = "、".join(ending) if zh else ", ".join(ending)
        if zh:
            more = f"，比按计划多付 {money(extra)} 元利息" if not never and extra > 0 else ""
            lines.append(f"只还最低还款：{names} {mins.get('months')} 个月还完，"
                         f"利息 {money(mins.get('total_interest', 0))} 元{more}。")
        else:
            more = f", {money(extra)} more interest than the plan" if not never and extra > 0 else ""
            lines.append(f"Paying only the minimums: {names} would take {mins.get('months')} months, interest "
                         f"{money(mins.get('total_interest', 0))}{more}.")
    for name in never:
        why = reasons.get(name, "")
        lines.append(f"• {name}：{why}，只还最低永远还不完。" if zh
                     else f"• {name}: {why} — paying only the minimum it never ends.")
    return lines


def plan_answer(rows: list[dict[str, Any]], result: dict[str, Any], lang: str, reasons: dict[str, str],
                hint: bool = True) -> str:
    """The whole answer: the table understood, the caps, the order and why, months and interest, minimums only."""
    budget = (result.get("inputs_used") or {}).get("monthly_budget")
    parts = [table(rows, Decimal(str(budget)) if budget is not None else None, lang, hint),
             "\n".join(caps_lines(result, lang)),
             "\n".join(order_lines(result, lang)),
             "\n".join(months_lines(result, lang))]
    mins = minimums_lines(result, lang, reasons)
    if mins:
        parts.append("\n".join(mins))
    parts.append("需要的话，我可以画一张各笔欠款余额随时间变化的图。" if _zh(lang)
                 else "I can also draw a chart of each debt's balance over the months.")
    return "\n\n".join(parts)


def minimums_answer(rows: list[dict[str, Any]], result: dict[str, Any], fixed: dict[str, Any] | None,
                    lang: str, reasons: dict[str, str], hint: bool = True) -> str:
    """"只还最低要还几年": how long and how much interest paying only the minimums costs, and what paying the first
    month's minimum every month would do instead (`fixed`: that plan's result)."""
    zh = _zh(lang)
    parts = [table(rows, None, lang, hint)]
    never = [s["name"] if isinstance(s, dict) else str(s) for s in result.get("never_paid_off") or []]
    if result.get("months"):
        months = int(result["months"])
        first = result["schedule"][0]["payments"]
        first_total = sum((Decimal(str(v)) for v in first.values()), Decimal(0))
        span = years(months)
        by_rule = any(d.get("min_payment_ratio") for d in (result.get("inputs_used") or {}).get("debts") or [])
        shrinks = ("，之后随余额越来越少，所以本金降得很慢" if zh else
                   " and it shrinks with the balance, so the balance falls slowly") if by_rule else ""
        parts.append(
            f"只还最低还款：要 {months} 个月（约 {span} 年）才能还清，利息一共 {money(result['total_interest'])} 元，"
            f"总共还 {money(result['total_paid'])} 元。第一个月最低还 {money(first_total)} 元{shrinks}。" if zh else
            f"Paying only the minimum: {months} months (about {span} years) to clear it, "
            f"{money(result['total_interest'])} of interest, {money(result['total_paid'])} paid in all. The first "
            f"minimum is {money(first_total)}{shrinks}.")
        if fixed is not None:
            saved = Decimal(str(result["total_interest"])) - Decimal(str(fixed["total_interest"]))
            parts.append(
                f"如果每月固定还 {money(first_total)} 元（第一个月的最低还款额）：{fixed['months']} 个月还清，"
                f"利息 {money(fixed['total_interest'])} 元，少付 {money(saved)} 元。" if zh else
                f"Paying a fixed {money(first_total)} a month (the first minimum) instead: {fixed['months']} months, "
                f"interest {money(fixed['total_interest'])} — {money(saved)} less.")
    for name in never:
        parts.append(f"{name}：{reasons.get(name, '')}，只还最低永远还不完。" if zh
                     else f"{name}: {reasons.get(name, '')} — paying only the minimum it never ends.")
    parts.append("需要的话，我可以画一张余额随时间变化的图。" if zh
                 else "I can also draw a chart of the balance over the months.")
    return "\n\n".join(parts)


def plan_error(problem: str, lang: str) -> str:
    return (f"这份清单现在没法排出计划：{problem}。改一下预算或某一笔（比如“每月能还6000”），我马上重算。" if _zh(lang)
            else f"I can't make a plan from this list yet: {problem}. Change the budget or a debt (e.g. 'I can pay "
            "6000 a month') and I'll redo it.")


def rule_of(result: dict[str, Any], name: str) -> dict[str, Any] | None:
    return next((d for d in result.get("debts") or [] if d.get("name") == name), None)


__all__ = ["ASSUMED", "MISSING", "caps_lines", "minimums_answer", "months_lines", "order_lines", "plan_answer",
           "plan_error", "row_line", "table"]
