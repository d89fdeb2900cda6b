"""`finbot calc TOOL` — run one calculator tool from the command line.

`--json`: the inputs object (shared/design/calculator.md) on stdin, the outputs object on stdout; options given on
the command line are merged over it. Otherwise: options in, a readable breakdown out. Bad input of any kind
exits with status 2 and says what is wrong (as {"error", "field"} JSON on stdout with --json).
"""

from __future__ import annotations

import json
import sys
import unicodedata
from decimal import Decimal
from typing import Any

import click

from bot.calculator import TOOLS, CalcError, dumps, run_tool

# Per tool: (option names, input key, help). Values stay strings; the calculator validates them.
Opt = tuple[tuple[str, ...], str, str]
RATE_HELP = 'a fraction (0.0005) or a percent ("0.05%"); per-mille "0.5‰" also works'
OPTIONS: dict[str, list[Opt]] = {
    "penalty": [
        (("--product-type",), "product_type",
         "bank_loan, credit_card, consumer_finance, online_lender, micro_loan or private_lending"),
        (("--principal", "--principal-overdue"), "principal_overdue", "overdue principal"),
        (("--unpaid-interest",), "unpaid_interest", "interest already due and unpaid (bears compound interest)"),
        (("--rate", "--penalty-rate"), "penalty_rate", f"penalty rate: {RATE_HELP}"),
        (("--per", "--penalty-rate-unit"), "penalty_rate_unit", "unit of --rate: day, month or year"),
        (("--contract-rate",), "contract_rate", f"contract rate (with --markup): {RATE_HELP}"),
        (("--contract-rate-unit",), "contract_rate_unit", "unit of --contract-rate: day, month or year"),
        (("--markup", "--penalty-markup"), "penalty_markup", "penalty markup over the contract rate (0.5 = +50%)"),
        (("--days", "--days-overdue"), "days_overdue", "days overdue"),
        (("--due-date",), "due_date", "due date YYYY-MM-DD (instead of --days)"),
        (("--calc-date",), "calc_date", "count up to this date YYYY-MM-DD (default today)"),
        (("--grace-days",), "grace_days", "grace period in days"),
        (("--grace-mode",), "grace_mode", "waive_if_within (default) or deduct"),
        (("--compound-every", "--compounding-period-days"), "compounding_period_days",
         "add interest to the balance every N days (0 = simple, default)"),
        (("--contract-date",), "contract_date", "contract date YYYY-MM-DD (needed for private_lending)"),
        (("--day-basis",), "day_basis", "360 or 365 (default: 360 for bank_loan, else 365)"),
    ],
    "card": [
        (("--balance", "--statement-balance"), "statement_balance", "statement balance"),
        (("--paid", "--amount-paid-by-due"), "amount_paid_by_due", "amount paid by the due date"),
        (("--days-to-due", "--days-posting-to-due"), "days_posting_to_due", "days from posting to the due date"),
        (("--days", "--days-overdue-until-repaid"), "days_overdue_until_repaid", "days from due date to repayment"),
        (("--daily-rate",), "daily_rate", f"daily interest rate (default 0.05%): {RATE_HELP}"),
        (("--method", "--interest-method"), "interest_method", "full_balance (default) or unpaid_portion"),
        (("--min-ratio", "--min-payment-ratio"), "min_payment_ratio", "minimum payment ratio (default 10%)"),
        (("--late-fee-pct",), "late_fee_pct", "late fee as a share of the unpaid minimum (default 5%)"),
        (("--late-fee-min",), "late_fee_min", "smallest late fee"),
        (("--late-fee-max",), "late_fee_max", "largest late fee"),
    ],
    "installment": [
        (("--principal",), "principal", "amount borrowed"),
        (("--periods",), "periods", "number of monthly payments"),
        (("--method",), "method", "equal_principal_plus_fee, annuity, equal_principal or interest_only"),
        (("--monthly-rate",), "monthly_rate", f"monthly interest rate: {RATE_HELP}"),
        (("--fee", "--monthly-fee-rate"), "monthly_fee_rate", f"monthly fee on the full principal: {RATE_HELP}"),
        (("--fixed-fee", "--per-period-fixed-fee"), "per_period_fixed_fee", "fixed fee added to every payment"),
        (("--upfront-fee",), "upfront_fee", "fee deducted when the money is paid out (砍头息)"),
    ],
    "growth": [
        (("--principal",), "principal", "starting debt"),
        (("--rate",), "rate", f"interest rate: {RATE_HELP}"),
        (("--per", "--rate-unit"), "rate_unit", "unit of --rate: day, month or year"),
        (("--day-basis",), "day_basis", "360 or 365 (default 365)"),
        (("--compound-every", "--compounding-period-days"), "compounding_period_days",
         "add interest every N days (0 = simple, default; 1 = daily; 30 = monthly)"),
        (("--horizon", "--horizon-days"), "horizon_days", "days to project (default 365)"),
        (("--target", "--target-multiple"), "target_multiple", "multiple to reach (default 8)"),
    ],
    "convert": [
        (("--rate",), "rate", f"the rate: {RATE_HELP}"),
        (("--per", "--unit"), "unit", "unit of --rate: day, month or year"),
        (("--day-basis",), "day_basis", "360 or 365 (default 365)"),
    ],
    "lpr": [(("--date",), "date", "date YYYY-MM-DD (default today)")],
}
FEE_OPTIONS: list[Opt] = [
    (("--fee-fixed",), "amount", "a fixed fee (违约金) charged once overdue; never bears interest"),
    (("--fee-percent",), "pct", "a fee as a share of a base (0.05 or \"5%\")"),
    (("--fee-base",), "base", "principal_overdue (default) or base_amount"),
    (("--fee-base-amount",), "base_amount", "the base for --fee-percent when --fee-base base_amount"),
    (("--fee-min",), "min", "smallest percent fee"),
    (("--fee-max",), "max", "largest percent fee"),
    (("--fee-times",), "times", "how many times the fee is charged (default 1)"),
]
TITLES = {
    "penalty": ("逾期费用", "Overdue charges"),
    "card": ("信用卡一期账单", "One credit-card statement cycle"),
    "installment": ("分期真实年化（IRR）", "True annual rate of an instalment offer (IRR)"),
    "growth": ("债务增长", "How the debt grows"),
    "convert": ("利率换算", "Rate conversion"),
    "lpr": ("一年期 LPR", "One-year LPR"),
}
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
    "exceeds_24pct": ("超过 24%", "above 24%"),
    "exceeds_36pct": ("超过 36%", "above 36%"),
    "exceeds_4x_lpr": ("超过 4 倍 LPR", "above 4 × LPR"),
}
RATE_KEYS = {"penalty_rate", "contract_rate", "penalty_markup", "daily_rate", "min_payment_ratio", "late_fee_pct",
             "monthly_rate", "monthly_fee_rate", "rate", "pct"}


class InputError(Exception):
    """Bad input caught before the calculator (e.g. stdin that is not JSON)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message, self.field = message, field


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _show(value: Any, lang: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _show_input(key: str, value: Any, lang: str) -> str:
    if key in RATE_KEYS and isinstance(value, Decimal):
        percent = format((value * 100).normalize(), "f")
        return f"{format(value, 'f')} ({percent}%)"
    if isinstance(value, dict):
        return ", ".join(f"{k}={_show_input(k, v, lang)}" for k, v in value.items() if v is not None)
    if isinstance(value, list):
        return "; ".join(_show_input(key, v, lang) for v in value)
    return _show(value, lang)


def render(result: dict[str, Any], lang: str) -> str:
    """A plain-text breakdown: what was understood, the figures in aligned columns, then the notes."""
    zh = lang == "zh"
    tool = result["tool"]
    lines = [TITLES[tool][0 if zh else 1], ""]
    used = [(k, v) for k, v in result["inputs_used"].items() if v not in (None, [], "")]
    lines.append("输入（按此理解）：" if zh else "Understood as:")
    width = max((_width(k) for k, _ in used), default=0)
    lines += [f"  {_pad(k, width)}  {_show_input(k, v, lang)}" for k, v in used]
    lines += ["", "结果：" if zh else "Result:"]
    rows: list[tuple[str, str]] = []
    for key, value in result.items():
        if key in ("tool", "inputs_used", "notes"):
            continue
        if key == "series":
            rows.append(("曲线数据点" if zh else "chart points",
                         f"{len(value)}（--json 查看）" if zh else f"{len(value)} (see --json)"))
        elif key == "flags":
            rows += [(LABELS.get(k, (k, k))[0 if zh else 1], _show(v, lang)) for k, v in value.items()]
        else:
            rows.append((LABELS.get(key, (key, key))[0 if zh else 1], _show(value, lang)))
    label_w = max(_width(label) for label, _ in rows)
    value_w = max(_width(text) for _, text in rows)
    lines += [f"  {_pad(label, label_w)}  {' ' * (value_w - _width(text))}{text}" for label, text in rows]
    lines += ["", "说明：" if zh else "Notes:"]
    lines += [f"  - {note}" for note in result["notes"]]
    return "\n".join(lines)


def _read_stdin_json() -> dict[str, Any]:
    stream = sys.stdin
    if stream.isatty():
        return {}
    text = stream.read()
    if not text.strip():
        return {}
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise InputError(f"stdin is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    if not isinstance(data, dict):
        raise InputError("stdin must hold one JSON object with the tool's inputs, e.g. {\"rate\": \"0.05%\", ...}")
    return data


def _fee_from_options(fee_values: dict[str, str]) -> dict[str, str] | None:
    if not fee_values:
        return None
    if "amount" in fee_values and "pct" in fee_values:
        raise InputError("give either --fee-fixed or --fee-percent, not both", "fee")
    if "amount" in fee_values:
        return {"type": "fixed", **fee_values}
    if "pct" in fee_values:
        return {"type": "percent", **fee_values}
    raise InputError("--fee-base/--fee-min/--fee-max/--fee-times need --fee-fixed or --fee-percent", "fee")


def _make_command(tool: str) -> click.Command:
    options = OPTIONS[tool]
    fee_options = FEE_OPTIONS if tool == "penalty" else []

    def callback(as_json: bool, lang: str, **values: str | None) -> None:
        try:
            inputs = _read_stdin_json() if as_json else {}
            for _, key, _ in options:
                if values.get(key) is not None:
                    inputs[key] = values[key]
            fee = _fee_from_options({key: v for _, key, _ in fee_options
                                     if (v := values.get(f"fee_{key}")) is not None})
            if fee is not None:
                inputs["fee"] = fee
            result = run_tool(tool, inputs, lang=lang)
        except (CalcError, InputError) as exc:
            message = exc.text(lang) if isinstance(exc, CalcError) else exc.message
            if as_json:
                click.echo(json.dumps({"error": message, "field": exc.field}, ensure_ascii=False))
            else:
                field = f" [{exc.field}]" if exc.field else ""
                click.echo(f"{'错误' if lang == 'zh' else 'Error'}{field}: {message}", err=True)
            sys.exit(2)
        click.echo(dumps(result) if as_json else render(result, lang))

    params: list[click.Parameter] = [
        click.Option(["--json", "as_json"], is_flag=True, help="inputs object on stdin, outputs object on stdout"),
        click.Option(["--lang"], type=click.Choice(["zh", "en"]), default="en", show_default=True,
                     help="language of the notes"),
    ]
    params += [click.Option([*names, key], help=text) for names, key, text in options]
    params += [click.Option([*names, f"fee_{key}"], help=text) for names, key, text in fee_options]
    summary = TITLES[tool][1]
    return click.Command(tool, callback=callback, params=params, help=f"{summary}.", short_help=summary)


@click.group("calc", context_settings={"help_option_names": ["-h", "--help"]})
def calc() -> None:
    """Run a calculator tool: penalty, card, installment, growth, convert or lpr.

    Example: finbot calc penalty --principal 10000 --rate 0.05% --per day --days 30
    """


for _tool in TOOLS:
    calc.add_command(_make_command(_tool))
