"""The readable breakdown `finbot calc` prints: what was understood, the figures in a column, then the notes.

Inputs are named the way a borrower says them (the schema's display names), money has thousands separators and
two decimals, and a figure too large to be a real debt is shown in 万/亿 with a warning instead of 160 digits.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Any

from bot.calculator import schemas

LABELS: dict[str, tuple[str, str]] = {
    "effective_days": ("计费天数", "days charged"),
    "penalty_daily_rate_pct": ("日罚息率 %", "daily penalty rate %"),
    "penalty_interest": ("罚息", "penalty interest"),
    "compound_interest": ("复利", "compound interest"),
    "fees": ("违约金/费用", "fees"),
    "total_charges": ("费用合计", "total charges"),
    "amount_due": ("应还总额", "amount due"),
    "annualized_cost_pct": ("年化成本 %", "annualised cost %"),
    "cap_used_pct": ("参考上限 %", "cap used %"),
    "court_supported_max_charges": ("法院可能支持的最高费用", "charges a court would likely support"),
    "likely_unsupported_excess": ("可能不被支持的部分", "likely unsupported excess"),
    "lpr_1y_pct": ("一年期 LPR %", "one-year LPR %"),
    "cap_4x_lpr_pct": ("4 倍 LPR %", "4 × LPR %"),
    "minimum_payment": ("最低还款额", "minimum payment"),
    "interest": ("利息", "interest"),
    "late_fee": ("违约金", "late fee"),
    "balance_to_clear": ("还清需还", "balance to clear"),
    "net_disbursed": ("实际到手", "net disbursed"),
    "first_payment": ("首期还款", "first payment"),
    "last_payment": ("末期还款", "last payment"),
    "total_repaid": ("还款总额", "total repaid"),
    "total_cost": ("总成本", "total cost"),
    "irr_monthly_pct": ("月 IRR %", "monthly IRR %"),
    "apr_nominal_pct": ("真实年化（IRR×12）%", "APR (IRR × 12) %"),
    "apr_effective_pct": ("复利年化 %", "effective annual rate %"),
    "naive_rate_pct": ("表面年化（误导）%", "naive rate (misleading) %"),
    "rule_of_thumb_pct": ("粗估年化（近似）%", "rule of thumb (approx.) %"),
    "balance_at_horizon": ("期末余额", "balance at horizon"),
    "multiple_at_horizon": ("期末倍数", "multiple at horizon"),
    "days_to_target": ("达到目标倍数的天数", "days to target"),
    "years_to_target": ("约合年数", "years to target"),
    "annual_pct": ("年利率 %", "annual %"),
    "monthly_pct": ("月利率 %", "monthly %"),
    "daily_pct": ("日利率 %", "daily %"),
    "table_verified_on": ("LPR 表核对日期", "LPR table verified on"),
    "beyond_table": ("晚于核对日期", "after the verified date"),
    "total_interest": ("利息合计", "total interest"),
    "total_repayment": ("本息合计", "total repaid"),
    "monthly_payment": ("每月还款", "monthly payment"),
    "annual_rate_pct": ("年化利率 %", "annual rate %"),
    "cap_pct": ("利率上限 %", "rate cap %"),
    "cap_rule": ("上限依据", "cap rule"),
    "exceeds_24pct": ("超过 24%", "above 24%"),
    "exceeds_36pct": ("超过 36%", "above 36%"),
    "exceeds_4x_lpr": ("超过民间借贷上限", "above the private-lending cap"),
}
MONEY_KEYS = {"penalty_interest", "compound_interest", "fees", "total_charges", "amount_due",
              "court_supported_max_charges", "likely_unsupported_excess", "minimum_payment", "interest", "late_fee",
              "balance_to_clear", "net_disbursed", "first_payment", "last_payment", "total_repaid", "total_cost",
              "balance_at_horizon", "total_interest", "total_repayment", "monthly_payment"}
HUGE = Decimal("1e12")  # above this no real debt: shown in 万/亿 with a warning


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def money(value: Decimal, lang: str) -> tuple[str, bool]:
    """(text, huge): 10,150.00; a figure beyond any real debt in 万/亿 (or its number of digits)."""
    if abs(value) < HUGE:
        return f"{value:,.2f}", False
    digits = abs(value).adjusted() + 1
    if digits > 20:
        return (f"约 {digits} 位数的天文数字" if lang == "zh" else f"a {digits}-digit number"), True
    if lang == "zh":
        return f"约 {value / Decimal('1e8'):,.0f} 亿", True
    return f"about {value / Decimal('1e9'):,.0f} billion", True


def _show(key: str, value: Any, lang: str) -> tuple[str, bool]:
    if value is None:
        return "—", False
    if isinstance(value, bool):
        return (("是" if value else "否") if lang == "zh" else ("yes" if value else "no")), False
    if key in MONEY_KEYS and isinstance(value, Decimal):
        return money(value, lang)
    if key == "multiple_at_horizon" and isinstance(value, Decimal) and value >= HUGE:
        digits = value.adjusted() + 1
        return (f"约 {digits} 位数" if lang == "zh" else f"a {digits}-digit multiple"), True
    if key == "cap_rule":
        from bot.calculator.caps import RULES

        pair = RULES.get(str(value))
        return (pair[0] if lang == "zh" else pair[1]) if pair else str(value), False
    if isinstance(value, Decimal):
        return format(value, "f"), False
    return str(value), False


def _show_input(tool: str, key: str, value: Any, lang: str) -> str:
    ask = schemas.ask(tool, key) or (schemas.ask_of(schemas.FeeArgs.model_fields[key])
                                     if key in schemas.FeeArgs.model_fields else None)
    kind = ask.kind if ask is not None else ""
    if kind == "rate" and isinstance(value, Decimal):
        percent = format((value * 100).normalize(), "f")
        return f"{percent}%"
    if kind == "money" and isinstance(value, Decimal):
        return money(value, lang)[0]
    if isinstance(value, dict):
        return ", ".join(f"{schemas.label('fee.' + k, lang, tool)} {_show_input(tool, k, v, lang)}"
                         for k, v in value.items() if v is not None and k != "type")
    if isinstance(value, list):
        return "; ".join(_show_input(tool, key, v, lang) for v in value)
    if isinstance(value, str) and schemas.choices(tool, key):
        return schemas.choice_label(tool, key, value, lang)
    return _show(key, value, lang)[0]


def _rows(result: dict[str, Any], lang: str) -> tuple[list[tuple[str, str]], bool]:
    zh = lang == "zh"
    asked_target = (result.get("inputs_used") or {}).get("target_multiple") is not None
    rows: list[tuple[str, str]] = []
    huge = False
    for key, value in result.items():
        if key in ("tool", "inputs_used", "notes", "cap_segments"):
            continue
        if key in ("days_to_target", "years_to_target") and not asked_target:
            continue  # nobody asked how long until a multiple
        if key == "series":
            rows.append(("曲线数据点" if zh else "chart points",
                         f"{len(value)}（--json 查看）" if zh else f"{len(value)} (see --json)"))
        elif key == "flags":
            rows += [(LABELS.get(k, (k, k))[0 if zh else 1], _show(k, v, lang)[0]) for k, v in value.items()]
        else:
            text, big = _show(key, value, lang)
            huge = huge or big
            rows.append((LABELS.get(key, (key, key))[0 if zh else 1], text))
    return rows, huge


def render(result: dict[str, Any], lang: str, assumed: dict[str, list[str]] | None = None) -> str:
    """A plain-text breakdown: what was understood, the figures in aligned columns, then the notes. `assumed`: for
    a plan read from plain words, the defaults each debt uses (said in its row)."""
    zh = lang == "zh"
    tool = result["tool"]
    if tool == "plan":  # several debts: the same words as the chat and /debts (bot/engine/debts_words.py)
        from bot.engine.debts import render_result

        notes = "\n".join(f"  - {note}" for note in result["notes"])
        return f"{schemas.TOOL_TITLES[tool][0 if zh else 1]}\n\n{render_result(result, lang, assumed)}\n\n" \
               f"{'说明：' if zh else 'Notes:'}\n{notes}"
    lines = [schemas.TOOL_TITLES[tool][0 if zh else 1], ""]
    used = [(k, v) for k, v in result["inputs_used"].items() if v not in (None, [], "")]
    lines.append("输入（按此理解）：" if zh else "Understood as:")
    shown = [(schemas.label(k, lang, tool), _show_input(tool, k, v, lang)) for k, v in used]
    width = max((_width(k) for k, _ in shown), default=0)
    lines += [f"  {_pad(k, width)}  {v}" for k, v in shown]
    rows, huge = _rows(result, lang)
    lines += ["", "结果：" if zh else "Result:"]
    label_w = max(_width(label) for label, _ in rows)
    value_w = max(_width(text) for _, text in rows)
    lines += [f"  {_pad(label, label_w)}  {' ' * (value_w - _width(text))}{text}" for label, text in rows]
    for segment in result.get("cap_segments") or []:
        lines.append(f"    {segment['from']} → {segment['to']}  {segment['days']} "
                     f"{'天' if zh else 'days'}  {segment['cap_pct']}%")
    if huge:
        lines += ["", "⚠ 这个数字大得不现实：没有真实的债务会这样增长，请核对利率和单位"
                  "（是不是把 0.05% 写成了 5%？）。" if zh
                  else "⚠ This figure is beyond any real debt: check the rate and its unit (0.05% written as 5%?)."]
    lines += ["", "说明：" if zh else "Notes:"]
    lines += [f"  - {note}" for note in result["notes"]]
    return "\n".join(lines)
