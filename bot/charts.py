"""Debt-over-time charts (PNG) for calculator answers, labelled in the user's language.

matplotlib is imported only when a chart is drawn (Agg canvas, no pyplot, no global rcParams changes), so
importing this module costs nothing. Chinese text uses Noto Sans CJK SC from the mplfonts wheel — never a
system font, which may be missing and would draw empty boxes.

    png = debt_chart(series_for("growth", result, inputs), "zh")
    png = debt_chart(result, "zh")   # a run_tool result: the series, title and markers are derived from it
    png = debt_chart(plan_result, "zh")   # a plan: one line per debt over the months (plan_chart)
"""

from __future__ import annotations

import importlib.util
import io
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

FONT_FILE = "NotoSansCJKsc-Regular.otf"
CHART_TOOLS = ("penalty", "growth", "card")
MAX_POINTS = 80  # a smooth line; more points only make the PNG bigger

# Every piece of text the chart can show, per language (tests check the font has a glyph for each character).
LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "欠款随时间的变化",
        "title_penalty": "逾期后欠款的变化",
        "title_growth": "欠款增长曲线",
        "title_card": "信用卡账单逾期后的待还金额",
        "x_days": "天数",
        "x_overdue": "逾期天数",
        "x_after_due": "到期还款日之后的天数",
        "y_amount": "欠款（元）",
        "principal": "本金",
        "unpaid": "未还的账单金额",
        "cap_line": "年化{cap}%参考线（法院一般支持的上限）",
        "debt": "欠款",
        "end": "第{day}天：{amount}元",
        "wan": "万",
        "title_plan": "还款计划：每笔欠款的余额",
        "x_months": "月份",
        "plan_total": "合计",
        "plan_done": "第{month}个月全部还清",
    },
    "en": {
        "title": "How the debt changes over time",
        "title_penalty": "What is owed while overdue",
        "title_growth": "How the debt grows",
        "title_card": "Card balance after the due date",
        "x_days": "Days",
        "x_overdue": "Days overdue",
        "x_after_due": "Days after the payment due date",
        "y_amount": "Amount owed (yuan)",
        "principal": "Principal",
        "unpaid": "Unpaid statement amount",
        "cap_line": "{cap}% a year reference line (what courts usually support)",
        "debt": "Amount owed",
        "end": "Day {day}: {amount} yuan",
        "wan": "",
        "title_plan": "Repayment plan: the balance of each debt",
        "x_months": "Month",
        "plan_total": "Total",
        "plan_done": "All paid off in month {month}",
    },
}


class ChartError(ValueError):
    """Nothing sensible to draw (empty series, unknown tool); the message says what is wrong."""


# ---------------------------------------------------------------------------------------------------------------
# series


def series_for(tool: str, result: Mapping[str, Any], inputs: Mapping[str, Any] | None = None
               ) -> list[tuple[int, Decimal]]:
    """Points (day, amount owed) for a penalty, growth or card result from bot.calculator.run_tool.

    `inputs` defaults to the result's own "inputs_used" (what the calculator actually used)."""
    used = dict(inputs if inputs is not None else result.get("inputs_used") or {})
    if tool == "growth":
        series = result.get("series") or []
        return [(int(day), Decimal(str(amount))) for day, amount in series]
    if tool == "penalty":
        return _penalty_series(result, used)
    if tool == "card":
        return _card_series(result, used)
    raise ChartError(f"no debt chart for the {tool!r} tool; charts exist for {', '.join(CHART_TOOLS)}")


def _days(last: int) -> list[int]:
    step = max(1, -(-last // MAX_POINTS))
    return sorted({*range(0, last, step), last})


def _balance(start: Decimal, r: Decimal, cp: int, days: int) -> Decimal:
    try:
        from bot.calculator.growth import balance

        return balance(start, r, cp, days)
    except ImportError:  # the same formula, for a tree without the calculator
        if cp == 0:
            return start * (1 + r * days)
        n, rest = divmod(days, cp)
        return start * (1 + r * cp) ** n * (1 + r * rest)


def _daily(rate: Decimal, unit: str, basis: int) -> Decimal:
    return rate if unit == "daily" else rate * 12 / basis if unit == "monthly" else rate / basis


def _num(value: Any, default: Decimal = Decimal(0)) -> Decimal:
    if value is None:
        return default
    text = str(value).strip()
    if text.endswith("%"):
        return Decimal(text[:-1]) / 100
    return Decimal(text)


def _penalty_series(result: Mapping[str, Any], used: Mapping[str, Any]) -> list[tuple[int, Decimal]]:
    principal = _num(used.get("principal_overdue"))
    interest0 = _num(used.get("unpaid_interest"))
    rate, unit = used.get("penalty_rate"), used.get("penalty_rate_unit")
    if rate is None or unit is None:  # derived from the contract rate and markup
        rate = _num(used.get("contract_rate")) * (1 + _num(used.get("penalty_markup")))
        unit = used.get("contract_rate_unit") or "daily"
    basis = int(used.get("day_basis") or (360 if used.get("product_type") == "bank_loan" else 365))
    r = _daily(_num(rate), str(unit), basis)
    cp = int(used.get("compounding_period_days") or 0)
    grace, mode = int(used.get("grace_days") or 0), used.get("grace_mode") or "waive_if_within"
    fees = _num(result.get("fees"))
    last = int(used.get("days_overdue") or result.get("effective_days") or 0)
    points = []
    for day in _days(last):
        effective = max(0, day - grace) if mode == "deduct" else (0 if day <= grace else day)
        owed = _balance(principal + interest0, r, cp, effective) + (fees if effective > 0 else 0)
        points.append((day, owed))
    return points


def _card_series(result: Mapping[str, Any], used: Mapping[str, Any]) -> list[tuple[int, Decimal]]:
    s, paid = _num(used.get("statement_balance")), _num(used.get("amount_paid_by_due"))
    r = _num(used.get("daily_rate"), Decimal("0.0005"))
    d1, last = int(used.get("days_posting_to_due") or 0), int(used.get("days_overdue_until_repaid") or 0)
    unpaid = max(Decimal(0), s - paid)
    if unpaid == 0:
        return [(day, Decimal(0)) for day in _days(last)]
    late_fee = _num(result.get("late_fee"))
    at_due = s * r * d1 if used.get("interest_method", "full_balance") == "full_balance" else unpaid * r * d1
    return [(day, unpaid + at_due + late_fee + unpaid * r * day) for day in _days(last)]


def _markers_for(tool: str, result: Mapping[str, Any], lang: str) -> dict[str, Any]:
    used = result.get("inputs_used") or {}
    labels = LABELS[lang]
    markers: dict[str, Any] = {}
    if tool == "growth" and used.get("principal") is not None:
        markers[labels["principal"]] = _num(used["principal"])
    if tool == "card":
        unpaid = _num(used.get("statement_balance")) - _num(used.get("amount_paid_by_due"))
        if unpaid > 0:
            markers[labels["unpaid"]] = unpaid
    if tool == "penalty":
        principal = _num(used.get("principal_overdue"))
        interest0 = _num(used.get("unpaid_interest"))
        markers[labels["principal"]] = principal + interest0
        cap = result.get("cap_used_pct")
        last = int(used.get("days_overdue") or 0)
        if cap is not None and last > 0:
            cap_text = format(_num(cap).normalize(), "f")
            line = [(day, principal + interest0 + principal * _num(cap) / 100 * day / 365) for day in (0, last)]
            markers[labels["cap_line"].format(cap=cap_text)] = line
    return markers


# ---------------------------------------------------------------------------------------------------------------
# drawing


@lru_cache(maxsize=1)
def cjk_font_path() -> Path:
    """The Noto Sans CJK SC file inside the mplfonts wheel."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise ChartError("the mplfonts package is not installed: pip install mplfonts==0.0.11")
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / FONT_FILE
    if not path.is_file():
        raise ChartError(f"{FONT_FILE} is missing from the mplfonts package at {path.parent}")
    return path


@lru_cache(maxsize=1)
def _font() -> Any:
    from matplotlib import font_manager

    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))  # so the family name also resolves by name
    return font_manager.FontProperties(fname=str(path))


def _yuan_formatter(lang: str) -> Any:
    from matplotlib.ticker import FuncFormatter

    def fmt(value: float, _pos: int) -> str:
        if lang == "zh" and abs(value) >= 10000:
            wan = f"{value / 10000:.2f}".rstrip("0").rstrip(".")
            return f"{wan}{LABELS['zh']['wan']}"
        return f"{value:,.0f}"

    return FuncFormatter(fmt)


def debt_chart(series: Sequence[tuple[int, Decimal]] | Mapping[str, Any], lang: str, title: str | None = None,
               markers: Mapping[str, Any] | None = None, *, x_label: str | None = None) -> bytes:
    """PNG bytes of the amount owed over time.

    `series`: [(day, amount), ...] — or a run_tool result (penalty, growth, card), from which the series, the
    title, the axis label and markers (principal, the 24%-a-year reference line) are derived.
    `markers`: label → amount (dashed horizontal line), label → (day, amount) (an annotated point), or
    label → [(day, amount), ...] (a dashed line through the points)."""
    lang = lang if lang in LABELS else "en"
    labels = LABELS[lang]
    if isinstance(series, Mapping) and series.get("tool") == "plan":
        return plan_chart(series, lang)
    if isinstance(series, Mapping):
        result = series
        tool = str(result.get("tool"))
        points = series_for(tool, result)
        title = title or labels.get(f"title_{tool}", labels["title"])
        x_label = x_label or {"penalty": labels["x_overdue"], "card": labels["x_after_due"]}.get(tool)
        markers = {**_markers_for(tool, result, lang), **(markers or {})}
    else:
        points = [(int(d), Decimal(str(v))) for d, v in series]
    if not points:
        raise ChartError("the series is empty: nothing to draw")

    import matplotlib

    font = _font()
    # Tick labels are rebuilt at draw time, so the CJK family is set for this drawing only (restored after).
    with matplotlib.rc_context({"font.family": [font.get_name(), "DejaVu Sans"], "axes.unicode_minus": False}):
        return _draw(points, labels, lang, font, title, x_label, markers)


def _draw(points: list[tuple[int, Decimal]], labels: dict[str, str], lang: str, font: Any, title: str | None,
          x_label: str | None, markers: Mapping[str, Any] | None) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.2, 4.2), dpi=110)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    days = [d for d, _ in points]
    values = [float(v) for _, v in points]
    ax.plot(days, values, color="#c0392b", linewidth=2.2, label=labels["debt"])
    levels = [float(v) for v in (markers or {}).values() if isinstance(v, (int, float, Decimal))]
    ax.fill_between(days, values, min([*values, *levels]), color="#c0392b", alpha=0.08)
    for name, spec in (markers or {}).items():
        if isinstance(spec, (list, tuple)) and spec and isinstance(spec[0], (list, tuple)):
            ax.plot([int(d) for d, _ in spec], [float(v) for _, v in spec], linestyle="--", color="#2471a3",
                    linewidth=1.4, label=name)
        elif isinstance(spec, (list, tuple)) and len(spec) == 2:
            ax.scatter([int(spec[0])], [float(spec[1])], color="#2471a3", zorder=3)
            ax.annotate(name, (int(spec[0]), float(spec[1])), textcoords="offset points", xytext=(6, 6),
                        fontproperties=font, fontsize=9)
        else:
            ax.axhline(float(spec), linestyle=":", color="#7f8c8d", linewidth=1.2, label=name)
    last_day, last_value = points[-1]
    amount = f"{last_value.quantize(Decimal('0.01')):,}"
    # left of the last point and level with it: inside the axes, clear of the title and of a rising line
    ax.annotate(labels["end"].format(day=last_day, amount=amount), (last_day, float(last_value)),
                textcoords="offset points", xytext=(-10, 0), ha="right", va="center", fontproperties=font,
                fontsize=9, bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none",
                                  "alpha": 0.8})
    ax.set_title(title or labels["title"], fontproperties=font, fontsize=13)
    ax.set_xlabel(x_label or labels["x_days"], fontproperties=font)
    ax.set_ylabel(labels["y_amount"], fontproperties=font)
    ax.yaxis.set_major_formatter(_yuan_formatter(lang))
    ax.grid(True, alpha=0.3)
    ax.margins(x=0.02)
    ax.legend(prop=font, fontsize=9, loc="upper left", frameon=False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def plan_lines(result: Mapping[str, Any]) -> dict[str, list[tuple[int, Decimal]]]:
    """(month, balance) per debt of a plan result: month 0 is the balance now, then each month after its payments
    (a debt stays at 0 once cleared)."""
    debts = [d for d in (result.get("inputs_used") or {}).get("debts") or [] if isinstance(d, Mapping)]
    lines: dict[str, list[tuple[int, Decimal]]] = {str(d["name"]): [(0, _num(d["balance"]))] for d in debts}
    for month in result.get("schedule") or []:
        for name, points in lines.items():
            points.append((int(month["month"]), _num(month["balances"].get(name, 0))))
    return lines


def plan_chart(result: Mapping[str, Any], lang: str) -> bytes:
    """PNG: one line per debt (and the total) over the months of a repayment plan."""
    lang = lang if lang in LABELS else "en"
    labels = LABELS[lang]
    lines = plan_lines(result)
    if not lines or not result.get("schedule"):
        raise ChartError("the plan has no months to draw")
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    font = _font()
    with matplotlib.rc_context({"font.family": [font.get_name(), "DejaVu Sans"], "axes.unicode_minus": False}):
        fig = Figure(figsize=(7.2, 4.2), dpi=110)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot(1, 1, 1)
        months = [m for m, _ in next(iter(lines.values()))]
        total = [sum((float(points[i][1]) for points in lines.values()), 0.0) for i in range(len(months))]
        ax.plot(months, total, color="#7f8c8d", linewidth=1.4, linestyle="--", label=labels["plan_total"])
        for name, points in lines.items():
            ax.plot([m for m, _ in points], [float(v) for _, v in points], linewidth=2.0, label=name)
        last = months[-1]
        ax.annotate(labels["plan_done"].format(month=last), (last, 0), textcoords="offset points", xytext=(-6, 10),
                    ha="right", fontproperties=font, fontsize=9)
        ax.set_title(labels["title_plan"], fontproperties=font, fontsize=13)
        ax.set_xlabel(labels["x_months"], fontproperties=font)
        ax.set_ylabel(labels["y_amount"], fontproperties=font)
        ax.yaxis.set_major_formatter(_yuan_formatter(lang))
        ax.set_ylim(bottom=0)
        ax.grid(True, alpha=0.3)
        ax.margins(x=0.02)
        ax.legend(prop=font, fontsize=9, loc="upper right", frameon=False)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        return buf.getvalue()


__all__ = ["CHART_TOOLS", "LABELS", "ChartError", "cjk_font_path", "debt_chart", "plan_chart", "plan_lines",
           "series_for"]
