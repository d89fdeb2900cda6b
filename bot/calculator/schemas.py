"""One input schema per calculator tool: the single definition every face builds from.

    SCHEMAS["penalty"]            the pydantic model (LangChain's args_schema; run_tool validates with it)
    fields("penalty")             [(name, FieldInfo, Ask)] in asking order
    missing("penalty", inputs)    the inputs still needed before the tool can run (the chat and /calc ask these)
    label(name, lang)             what a borrower calls a field ("逾期本金"), never the field name
    choice_label(name, value, lang)

Each field carries an `Ask` (kept out of the JSON schema the model sees): its kind (how a reply is read), the
question put to a borrower, its display name, extra command-line option names, and whether /calc asks it.
Types stay loose on purpose (numbers may be "0.05%", "1万", "10,000"): the tools' readers check the values and say
what is wrong; the schema fixes the names, the choices and what is required.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic.fields import FieldInfo

from bot.calculator.caps import PRODUCT_TYPES
from bot.calculator.card import INTEREST_METHODS
from bot.calculator.cost import METHODS as COST_METHODS
from bot.calculator.installment import METHODS as INSTALLMENT_METHODS
from bot.calculator.labels import CHOICE_LABELS, TOOL_TITLES
from bot.calculator.penalty import FEE_BASES, FEE_TYPES, GRACE_MODES
from bot.calculator.plan import STRATEGIES
from bot.calculator.values import UNITS


@dataclass(frozen=True)
class Ask:
    """How a field is asked for and shown. kind: money | rate | unit | days | months | int | number | date |
    choice | fee | text | debts (a list of debts: no one-step-per-field question fits it, /calc hands it to
    /debts). `wizard`: /calc asks it when missing; `optional`: /calc offers it once with a skip button."""

    kind: str
    zh: str
    en: str
    name_zh: str
    name_en: str
    cli: tuple[str, ...] = ()
    wizard: bool = True
    optional: bool = False
    unit_of: str | None = None  # for a unit field: the rate field it belongs to
    examples: tuple[str, ...] = field(default=())  # quick-reply buttons (/calc)
    positive: bool = False  # money that must be more than 0 (a principal), not just not negative
    share: bool = False  # a rate that is a share by convention (0.5 markup = +50%): never ambiguous
    per: str | None = None  # a rate field with no unit field of its own: the unit it is in


def _intish(value: Any) -> Any:
    """"365" and 365.0 are the number 365 (the command line gives strings)."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return value


Number = int | float | str | Decimal  # "0.05%", "10,000" and "1万" reach the tool, which reads and checks them
DayBasis = Annotated[Literal[360, 365] | None, BeforeValidator(_intish)]
RATE = 'as a fraction (0.0005) or a percent string ("0.05%"); never a bare 5 for 5%'
UNIT = "daily, monthly or annual. Required: never guess it (\"1.5\" may be 1.5% a month or 1.5‰ a day)"
Product = Literal[PRODUCT_TYPES]  # type: ignore[valid-type]
Unit = Literal[UNITS] | str  # type: ignore[valid-type]  # "day", "按月" … are read by the tool

_RATE_Q = ("利率是多少？请说明按天、按月还是按年，比如“日息万五”“月息1.5%”或“年化18%”。",
           "What is the rate? Please say per day, per month or per year, e.g. '0.05% a day' or '18% a year'.")
_UNIT_Q = ("这个利率是按天、按月还是按年？", "Is that rate per day, per month or per year?")
_BASIS = Ask("choice", "一年按多少天计息？", "How many days in a year for the daily rate?", "一年天数",
             "days in a year", wizard=False)


def _unit(of: str, *cli: str) -> Ask:
    return Ask("unit", *_UNIT_Q, "利率单位", "the rate's unit", cli=cli, unit_of=of)


class _Schema(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @classmethod
    def missing(cls, inputs: Mapping[str, Any]) -> list[str]:
        """Inputs still needed (in asking order): required fields not given; a rate's unit only once the rate is
        known (the question for the rate asks for both)."""
        need = []
        for name, info in cls.model_fields.items():
            unit_of = ask_of(info).unit_of
            if info.is_required() and inputs.get(name) is None and not (unit_of and inputs.get(unit_of) is None):
                need.append(name)
        return need


class FeeArgs(_Schema):
    type: Literal[FEE_TYPES] = Field(description="fixed amount, or a percent of a base")  # type: ignore[valid-type]
    amount: Annotated[Number | None, Ask("money", "违约金是多少钱？", "How much is the fee?", "违约金", "the fee",
                                         cli=("--fee-fixed",))] = Field(
        None, description="the fixed fee in yuan (type fixed)")
    pct: Annotated[Number | None, Ask("rate", "违约金按本金的百分之几收？", "What percent of the principal is the fee?",
                                      "违约金比例", "the fee percent", cli=("--fee-percent",), share=True)] = Field(
        None, description=f"the fee share (type percent), {RATE}")
    base: Literal[FEE_BASES] | None = Field(  # type: ignore[valid-type]
        None, description="what the percent applies to (default principal_overdue)")
    base_amount: Annotated[Number | None, Ask("money", "按多少钱的比例收？", "The percent of what amount?",
                                              "计费基数", "the fee base")] = Field(
        None, description="the base in yuan when base is base_amount")
    min: Annotated[Number | None, Ask("money", "违约金最少多少？", "Smallest fee?", "违约金下限",
                                      "the smallest fee")] = Field(None, description="smallest fee per charge")
    max: Annotated[Number | None, Ask("money", "违约金最多多少？", "Largest fee?", "违约金上限",
                                      "the largest fee")] = Field(None, description="largest fee per charge")
    times: Annotated[int | str | None, Ask("int", "收几次？", "How many times is it charged?", "收取次数",
                                           "times charged")] = Field(
        None, description="how many times the fee is charged (default 1)")


class PenaltyArgs(_Schema):
    """Overdue charges on a loan (罚息/复利/违约金) for a number of days, with the annualised cost and what a court
    would likely support (24% line, or 4 × LPR for private lending, split at 2020-08-20 for older contracts)."""

    product_type: Annotated[Product | None, Ask(
        "choice", "这是哪种借款？", "What kind of debt is it?", "借款类型", "the kind of debt")] = Field(
        None, description="kind of lender; bank_loan uses a 360-day year; private_lending needs contract_date")
    principal_overdue: Annotated[Number, Ask(
        "money", "逾期的本金是多少？比如“1万”或“8000”。", "How much principal is overdue? For example '10,000'.",
        "逾期本金", "the overdue principal", cli=("--principal",), examples=("5000", "1万", "2万"),
        positive=True)] = Field(
        description="overdue principal in yuan (> 0)")
    unpaid_interest: Annotated[Number | None, Ask(
        "money", "还有多少到期没付的利息？", "How much interest is due and unpaid?", "未付利息", "unpaid interest",
        wizard=False)] = Field(None, description="interest due and unpaid, in yuan (default 0)")
    penalty_rate: Annotated[Number | None, Ask(
        "rate", "逾期后的利率（罚息）是多少？请说明按天、按月还是按年，比如“日息万五”“月息1.5%”或“年化24%”。",
        "What rate is charged on the overdue amount? Please say per day, per month or per year, e.g. '0.05% a day' "
        "or '24% a year'.",
        "罚息利率", "the penalty rate", cli=("--rate",), examples=("日息万五", "月息1.5%", "年化24%"))] = Field(
        None, description=f"the overdue (penalty) rate, {RATE}")
    penalty_rate_unit: Annotated[Unit | None, _unit("penalty_rate", "--per")] = Field(
        None, description=f"unit of penalty_rate: {UNIT}")
    contract_rate: Annotated[Number | None, Ask(
        "rate", *_RATE_Q, "合同利率", "the contract rate", wizard=False)] = Field(
        None, description=f"the contract rate, used with penalty_markup when no penalty_rate is known, {RATE}")
    contract_rate_unit: Annotated[Unit | None, _unit("contract_rate")] = Field(
        None, description=f"unit of contract_rate: {UNIT}")
    penalty_markup: Annotated[Number | None, Ask(
        "rate", "合同约定罚息在原利率上加收多少？比如“上浮50%”。",
        "How much does the contract add to the rate when overdue? For example '50% above the rate'.",
        "罚息上浮比例", "the overdue markup", cli=("--markup",), share=True)] = Field(
        None, description="penalty rate = contract rate × (1 + markup); 0.5 means +50% (banks: 0.3–0.5)")
    days_overdue: Annotated[int | str | None, Ask(
        "days", "逾期多少天了？比如“30天”或“两个月”。", "How many days overdue? For example '30 days' or '2 months'.",
        "逾期天数", "days overdue", cli=("--days",), examples=("7", "30", "90", "180"))] = Field(
        None, description="days overdue (or give due_date)")
    due_date: Annotated[str | None, Ask("date", "哪天到期的？", "When was it due?", "到期日", "the due date",
                                        wizard=False)] = Field(
        None, description="due date YYYY-MM-DD, instead of days_overdue")
    calc_date: Annotated[str | None, Ask("date", "算到哪一天？", "Up to which date?", "计算日", "the calculation date",
                                         wizard=False)] = Field(
        None, description="count up to this date YYYY-MM-DD (default today)")
    grace_days: Annotated[int | str | None, Ask("days", "有几天宽限期？", "How many grace days?", "宽限期",
                                                "the grace period", wizard=False)] = Field(
        None, description="grace period in days (default 0)")
    grace_mode: Annotated[Literal[GRACE_MODES] | None, Ask(  # type: ignore[valid-type]
        "choice", "宽限期怎么算？", "How does the grace period work?", "宽限方式", "the grace rule",
        wizard=False)] = Field(
        None, description="waive_if_within: nothing charged within grace, all days past it; deduct: days − grace")
    compounding_period_days: Annotated[int | str | None, Ask(
        "int", "多少天结一次息（复利）？0 表示单利。", "Compound every how many days? 0 for simple interest.",
        "复利周期", "the compounding period", cli=("--compound-every",), wizard=False)] = Field(
        None, description="add interest to the balance every N days; 0 = simple interest (default)")
    fee: Annotated[FeeArgs | list[FeeArgs] | None, Ask(
        "fee", "还有违约金、服务费之类的一次性费用吗？发金额（如 200）或比例（如 5%）。",
        "Any one-off fees (late fee, service fee)? Send an amount (200) or a percent (5%).",
        "违约金/费用", "fees", optional=True)] = Field(
        None, description="fees (违约金 etc.); they never bear interest")
    contract_date: Annotated[str | None, Ask(
        "date", "钱是哪天借的（借款日期）？比如“2023年5月1日”。民间借贷的利息上限看借款日的 LPR，"
        "2020年8月20日之前借的分段计算。",
        "On what date was the money lent? For example '2023-05-01'. The cap differs for loans made before "
        "2020-08-20.", "借款日期", "the loan date")] = Field(
        None, description="contract date YYYY-MM-DD (needed for private_lending)")
    filing_date: Annotated[str | None, Ask(
        "date", "哪天起诉（或打算哪天起诉）？", "When was (or will) the suit be filed?", "起诉日期", "the filing date",
        wizard=False)] = Field(
        None, description="private lending made before 2020-08-20: the date a suit is filed, for the 4 × LPR cap on "
        "days from 2020-08-20 (default the calculation date)")
    day_basis: Annotated[DayBasis, _BASIS] = Field(None, description="days in a year for daily rates")

    @classmethod
    def missing(cls, inputs: Mapping[str, Any]) -> list[str]:
        need = [n for n in ("principal_overdue", "product_type") if inputs.get(n) is None]
        if inputs.get("penalty_markup") is not None or inputs.get("contract_rate") is not None:
            need += _rate_missing(inputs, "contract_rate", "contract_rate_unit")
            if inputs.get("penalty_markup") is None and inputs.get("product_type") == "bank_loan":
                need.append("penalty_markup")
        else:
            need += _rate_missing(inputs, "penalty_rate", "penalty_rate_unit")
        if inputs.get("days_overdue") is None and inputs.get("due_date") is None:
            need.append("days_overdue")
        if inputs.get("product_type") == "private_lending" and inputs.get("contract_date") is None:
            need.append("contract_date")
        return need


class CardArgs(_Schema):
    """Interest and late fee for one credit-card statement cycle when less than the full balance was paid."""

    statement_balance: Annotated[Number, Ask(
        "money", "这期账单金额是多少？", "How much was the statement balance?", "账单金额", "the statement balance",
        cli=("--balance",), positive=True)] = Field(description="the statement balance in yuan")
    amount_paid_by_due: Annotated[Number, Ask(
        "money", "到期还款日前还了多少？一分没还就发 0。", "How much did you pay by the due date? Send 0 if nothing.",
        "已还金额", "the amount paid", cli=("--paid",), examples=("0",))] = Field(
        description="amount paid by the due date, in yuan")
    days_posting_to_due: Annotated[int | str, Ask(
        "days", "从消费记账日到到期还款日一共多少天？一般在20到50天之间。",
        "How many days from the purchase posting date to the payment due date? Usually 20 to 50.",
        "记账日到还款日天数", "days from posting to the due date", cli=("--days-to-due",),
        examples=("20", "25", "30", "50"))] = Field(description="days from posting to the payment due date")
    days_overdue_until_repaid: Annotated[int | str, Ask(
        "days", "到期还款日之后又过了多少天才把剩下的还清？比如“30天”。",
        "How many days after the due date was the rest repaid? For example '30 days'.",
        "还款日后到还清的天数", "days after the due date until repaid", cli=("--days",),
        examples=("10", "30", "60"))] = Field(description="days from the due date until fully repaid")
    daily_rate: Annotated[Number | None, Ask(
        "rate", "日利率是多少？不知道就按常见的日息万五（0.05%）。",
        "What is the daily rate? If unsure, the usual 0.05% a day is used.", "日利率", "the daily rate",
        wizard=False, per="daily")] = Field(None, description=f"daily interest rate (default 0.05%), {RATE}")
    interest_method: Annotated[Literal[INTEREST_METHODS] | None, Ask(  # type: ignore[valid-type]
        "choice", "银行按全部账单计息，还是只对没还的部分计息？", "Does the bank charge interest on the whole "
        "statement or only on the unpaid part?", "计息方式", "the interest method", cli=("--method",),
        wizard=False)] = Field(None, description="full_balance (default; depends on the bank) or unpaid_portion")
    min_payment_ratio: Annotated[Number | None, Ask(
        "rate", "最低还款是账单的百分之几？", "What share of the statement is the minimum payment?", "最低还款比例",
        "the minimum payment share", cli=("--min-ratio",), wizard=False, share=True)] = Field(
        None, description=f"minimum payment share (default 10%), {RATE}")
    late_fee_pct: Annotated[Number | None, Ask(
        "rate", "违约金按未还最低还款额的百分之几？", "Late fee as what share of the unpaid minimum?", "违约金比例",
        "the late fee share", wizard=False, share=True)] = Field(
        None, description=f"late fee share of the unpaid minimum (default 5%), {RATE}")
    late_fee_min: Annotated[Number | None, Ask("money", "违约金最少多少？", "Smallest late fee?", "违约金下限",
                                               "the smallest late fee", wizard=False)] = Field(
        None, description="smallest late fee in yuan")
    late_fee_max: Annotated[Number | None, Ask("money", "违约金最多多少？", "Largest late fee?", "违约金上限",
                                               "the largest late fee", wizard=False)] = Field(
        None, description="largest late fee in yuan")


class InstallmentArgs(_Schema):
    """The true annual rate (IRR) of an instalment or loan offer, including fee-quoted offers and up-front
    deductions."""

    principal: Annotated[Number, Ask(
        "money", "借款（分期）本金是多少？比如“1万”。", "How much is borrowed? For example '10,000'.", "本金",
        "the principal", examples=("5000", "1万", "5万"), positive=True)] = Field(description="amount borrowed in yuan")
    periods: Annotated[int | str, Ask(
        "months", "分几期（几个月）？", "Over how many monthly instalments?", "期数", "the number of instalments",
        examples=("3", "6", "12", "24"))] = Field(description="number of monthly payments (1–600)")
    method: Annotated[Literal[INSTALLMENT_METHODS], Ask(  # type: ignore[valid-type]
        "choice", "怎么还款？", "How is it repaid?", "还款方式", "the repayment method")] = Field(
        description="equal_principal_plus_fee (分期手续费), annuity (等额本息), equal_principal (等额本金), "
        "interest_only (先息后本)")
    monthly_rate: Annotated[Number | None, Ask(
        "rate", "月利率是多少？比如“月利率1%”或“年化12%”。", "What is the interest rate? For example '1% a month'.",
        "月利率", "the monthly rate", per="monthly")] = Field(
        None, description=f"monthly interest rate (not for fee offers), {RATE}")
    monthly_fee_rate: Annotated[Number | None, Ask(
        "rate", "每期手续费率是多少？比如“每期0.75%”。", "What is the fee per period? For example '0.75% per period'.",
        "每期手续费率", "the fee per period", cli=("--fee",), examples=("0.5%", "0.6%", "0.75%"),
        per="monthly")] = Field(
        None, description=f"monthly fee on the full principal, {RATE}")
    per_period_fixed_fee: Annotated[Number | None, Ask(
        "money", "每期另收多少固定费用？", "Any fixed fee added to every payment?", "每期固定费用",
        "the fixed fee per period", cli=("--fixed-fee",), wizard=False)] = Field(
        None, description="fixed fee in yuan added to every payment")
    upfront_fee: Annotated[Number | None, Ask(
        "money", "放款时先扣了多少钱（砍头息）？没有就点“没有”。", "Was anything deducted when the money was paid out? "
        "Tap 'None' if not.", "放款时先扣的钱", "the amount deducted up front", optional=True)] = Field(
        None, description="yuan deducted when the loan is paid out (砍头息)")
    period_days: Annotated[int | str | None, Ask(
        "days", "每期多少天？", "How many days does each period last?", "每期天数", "the days per period",
        cli=("--period-days",), wizard=False)] = Field(
        None, description="days in one period when it is not a month: a loan repaid in one sum after 7 days is "
        "1 period of 7 days (default: monthly periods)")

    @classmethod
    def missing(cls, inputs: Mapping[str, Any]) -> list[str]:
        need = [n for n in ("principal", "periods", "method") if inputs.get(n) is None]
        method = inputs.get("method")
        if method == "equal_principal_plus_fee" and inputs.get("monthly_fee_rate") is None:
            need.append("monthly_fee_rate")
        if method in ("annuity", "equal_principal", "interest_only") and inputs.get("monthly_rate") is None:
            need.append("monthly_rate")
        return need


class GrowthArgs(_Schema):
    """How a debt grows over time at a rate, and how long it takes to multiply (e.g. 8×)."""

    principal: Annotated[Number, Ask(
        "money", "欠款是多少？比如“1万”。", "How much is owed? For example '10,000'.", "欠款", "the debt",
        examples=("1万", "5万"), positive=True)] = Field(description="starting debt in yuan")
    rate: Annotated[Number, Ask("rate", *_RATE_Q, "利率", "the rate", examples=("日息万五", "年化24%"))] = Field(
        description=f"interest rate, {RATE}")
    rate_unit: Annotated[Unit, _unit("rate", "--per")] = Field(description=f"unit of rate: {UNIT}")
    day_basis: Annotated[DayBasis, _BASIS] = Field(None, description="days in a year (default 365)")
    compounding_period_days: Annotated[int | str | None, Ask(
        "int", "多少天复利一次？0 表示单利，30 表示按月。", "Compound every how many days? 0 simple, 30 monthly.",
        "复利周期", "the compounding period", cli=("--compound-every",), examples=("0", "1", "30"))] = Field(
        None, description="add interest every N days: 0 simple (default), 1 daily, 30 monthly")
    horizon_days: Annotated[int | str | None, Ask(
        "days", "想看多长时间以后？比如“一年”。", "Over what time? For example '1 year'.", "时间长度", "the time span",
        cli=("--horizon",), wizard=False)] = Field(None, description="days to project (default 365)")
    target_multiple: Annotated[Number | None, Ask(
        "number", "想知道多久变成几倍？", "How many times the debt should it reach?", "目标倍数", "the target multiple",
        cli=("--target",), wizard=False)] = Field(
        None, description="multiple of the principal to reach (default 8); the answer names it only when given")


class CostArgs(_Schema):
    """What a loan costs when it is repaid on time (not overdue): total interest and the repayments."""

    principal: Annotated[Number, Ask(
        "money", "借多少钱？比如“1万”。", "How much is borrowed? For example '10,000'.", "借款本金",
        "the amount borrowed",
        examples=("1万", "5万", "10万"), positive=True)] = Field(description="amount borrowed in yuan")
    rate: Annotated[Number, Ask("rate", *_RATE_Q, "利率", "the rate",
                                examples=("年化18%", "月息1%", "日息万五"))] = Field(
        description=f"interest rate, {RATE}")
    rate_unit: Annotated[Unit, _unit("rate", "--per")] = Field(description=f"unit of rate: {UNIT}")
    method: Annotated[Literal[COST_METHODS], Ask(  # type: ignore[valid-type]
        "choice", "怎么还？", "How is it repaid?", "还款方式", "the repayment method")] = Field(
        description="simple (one repayment at the end, needs days), annuity (等额本息), equal_principal (等额本金), "
        "interest_only (先息后本); the last three need months")
    days: Annotated[int | str | None, Ask(
        "days", "借多久？比如“30天”或“一年”。", "For how long? For example '30 days' or '1 year'.", "借款天数",
        "the loan term", examples=("30", "90", "180", "365"))] = Field(
        None, description="days from payout to repayment (method simple)")
    months: Annotated[int | str | None, Ask(
        "months", "分几个月（几期）还？", "Over how many months?", "期数", "the number of months",
        cli=("--periods",), examples=("6", "12", "24", "36"))] = Field(
        None, description="number of monthly payments (annuity, equal_principal, interest_only)")
    day_basis: Annotated[DayBasis, _BASIS] = Field(None, description="days in a year for daily rates (default 365)")
    product_type: Annotated[Product | None, Ask(
        "choice", "这是哪种借款？", "What kind of loan is it?", "借款类型", "the kind of loan", wizard=False)] = Field(
        None, description="kind of lender (optional); private_lending with contract_date is checked against 4 × LPR")
    contract_date: Annotated[str | None, Ask(
        "date", "钱是哪天借的？", "On what date was the money lent?", "借款日期", "the loan date",
        wizard=False)] = Field(
        None, description="contract date YYYY-MM-DD (private lending: the 4 × LPR cap of that date)")
    calc_date: Annotated[str | None, Ask("date", "按哪一天判断利率上限？", "On what date is the cap judged?",
                                         "计算日", "the calculation date", wizard=False)] = Field(
        None, description="private lending: the day the cap is judged on, YYYY-MM-DD (default today)")

    @classmethod
    def missing(cls, inputs: Mapping[str, Any]) -> list[str]:
        need = [n for n in ("principal",) if inputs.get(n) is None]
        need += _rate_missing(inputs, "rate", "rate_unit")
        method = inputs.get("method")
        if method is None and (inputs.get("months") is not None or inputs.get("days") is None):
            need.append("method")
        if method == "simple" and inputs.get("days") is None:
            need.append("days")
        if method in ("annuity", "equal_principal", "interest_only") and inputs.get("months") is None:
            need.append("months")
        if method is None and inputs.get("days") is None and inputs.get("months") is None:
            need.append("days")
        return need


class ConvertArgs(_Schema):
    """Convert a rate between daily, monthly and annual terms."""

    rate: Annotated[Number, Ask("rate", *_RATE_Q, "利率", "the rate", examples=("日息万五", "月息1分5"))] = Field(
        description=f"the rate, {RATE}")
    unit: Annotated[Unit, _unit("rate", "--per")] = Field(description=f"unit of rate: {UNIT}")
    day_basis: Annotated[DayBasis, _BASIS] = Field(None, description="days in a year (default 365)")


class LprArgs(_Schema):
    """The one-year Loan Prime Rate on a date and 4 × that rate."""

    date: Annotated[str | None, Ask("date", "想查哪一天的 LPR？比如“2023年5月1日”，或发“今天”。",
                                    "The LPR on which date? For example '2023-05-01', or 'today'.", "日期", "the date",
                                    examples=("今天",))] = Field(None, description="date YYYY-MM-DD (default today)")


class DebtArgs(_Schema):
    """One debt of a repayment plan."""

    name: Annotated[str, Ask("text", "这笔欠款叫什么？比如“招行信用卡”“借呗”。", "What do you call this debt? For "
                             "example 'bank card' or 'loan from a friend'.", "名称", "the name")] = Field(
        description="what the borrower calls the debt (unique in the list)")
    balance: Annotated[Number, Ask("money", "这笔还欠多少？", "How much is owed on it?", "欠款余额", "the balance",
                                   positive=True)] = Field(description="what is owed now, in yuan (> 0)")
    rate: Annotated[Number, Ask("rate", *_RATE_Q, "利率", "the rate")] = Field(
        description=f"its interest rate, {RATE}; 0 for no interest")
    rate_unit: Annotated[Unit | None, _unit("rate")] = Field(
        None, description=f"unit of rate (required when the rate is above 0): {UNIT}")
    min_payment: Annotated[Number | None, Ask("money", "每月最低要还多少？", "What is the monthly minimum payment?",
                                              "最低还款", "the minimum payment")] = Field(
        None, description="a fixed monthly minimum in yuan (default 0)")
    min_payment_ratio: Annotated[Number | None, Ask(
        "rate", "最低还款是余额的百分之几（另加当月利息）？", "What share of the balance is the minimum (plus the "
        "month's interest)?", "最低还款比例", "the minimum payment share", share=True)] = Field(
        None, description="instead of min_payment, a credit card's minimum by rule: this share of the balance plus "
        "the month's interest (e.g. 0.1)")
    min_payment_floor: Annotated[Number | None, Ask(
        "money", "最低还款最少是多少钱？", "What is the smallest minimum payment?", "最低还款下限",
        "the smallest minimum")] = Field(None, description="with min_payment_ratio: the smallest minimum (default 100)")
    product_type: Annotated[Product | None, Ask(
        "choice", "这是哪种借款？", "What kind of debt is it?", "借款类型", "the kind of debt")] = Field(
        None, description="kind of lender (optional): the cap its rate is checked against")
    contract_date: Annotated[str | None, Ask("date", "钱是哪天借的？", "On what date was the money lent?",
                                             "借款日期", "the loan date")] = Field(
        None, description="contract date YYYY-MM-DD (private lending: the 4 × LPR cap of that date)")


class PlanArgs(_Schema):
    """Several debts and one monthly budget: the order to pay them (highest rate first, or smallest first), the months
    and interest to be debt-free, the other order's figures and what paying only the minimums costs; or, with
    strategy minimums_only, how long paying only the minimums takes (a card's minimum: a share of the balance plus
    the month's interest, with a floor)."""

    debts: Annotated[list[DebtArgs], Ask(
        "debts", "有哪些欠款？一笔一行或一次说完，比如“招行信用卡欠3万最低还1500，借呗1万2日息万五，朋友借的2万”。",
        "What do you owe? One per line or all at once, e.g. 'credit card 30,000 minimum 1,500; Jiebei 12,000 at "
        "0.05% a day; 20,000 from a friend'.", "欠款清单", "the debts", wizard=False)] = Field(
        description="the debts: list of {name, balance, rate, rate_unit, min_payment} (1–20)")
    monthly_budget: Annotated[Number | None, Ask(
        "money", "每个月一共能拿出多少钱还债？", "How much can you pay each month in total?", "每月还款预算",
        "the monthly budget", cli=("--budget",), examples=("3000", "5000", "8000"), positive=True)] = Field(
        None, description="what the borrower can pay each month in total, in yuan (not needed for minimums_only)")
    strategy: Annotated[Literal[STRATEGIES] | None, Ask(  # type: ignore[valid-type]
        "choice", "先还哪一笔？", "Which debt first?", "还款顺序", "the order")] = Field(
        None, description="avalanche (highest rate first, default), snowball (smallest balance first) or "
        "minimums_only (each debt pays only its minimum)")
    day_basis: Annotated[DayBasis, _BASIS] = Field(None, description="days in a year for daily rates (default 365)")
    calc_date: Annotated[str | None, Ask("date", "按哪一天判断利率上限？", "On what date is the cap judged?",
                                         "计算日", "the calculation date", wizard=False)] = Field(
        None, description="private lending: the day the cap is judged on, YYYY-MM-DD (default today)")

    @classmethod
    def missing(cls, inputs: Mapping[str, Any]) -> list[str]:
        need = [] if inputs.get("debts") else ["debts"]
        if inputs.get("strategy") != "minimums_only" and inputs.get("monthly_budget") is None:
            need.append("monthly_budget")
        return need


def _rate_missing(inputs: Mapping[str, Any], value: str, unit: str) -> list[str]:
    if inputs.get(value) is None:
        return [value]
    return [unit] if inputs.get(unit) is None else []


# The registry of schemas, in the order tools are offered. A new tool (the multi-debt plan) adds one line here.
SCHEMAS: dict[str, type[_Schema]] = {
    "penalty": PenaltyArgs,
    "card": CardArgs,
    "installment": InstallmentArgs,
    "growth": GrowthArgs,
    "convert": ConvertArgs,
    "lpr": LprArgs,
    "cost": CostArgs,
    "plan": PlanArgs,
}
# Fields that hold other schemas (a fee, the debts of a plan): their own fields are named "fee.min", "debts.balance".
NESTED: dict[str, type[_Schema]] = {"fee": FeeArgs, "debts": DebtArgs}

def fields(tool: str) -> list[tuple[str, FieldInfo, Ask]]:
    """(name, pydantic FieldInfo, Ask) for every field of `tool`, in the schema's order."""
    return [(name, info, ask_of(info)) for name, info in SCHEMAS[tool].model_fields.items()]


def ask_of(info: FieldInfo) -> Ask:
    found = next((m for m in info.metadata if isinstance(m, Ask)), None)
    if found is None:  # every field declares one; this keeps a forgotten one from crashing a face
        return Ask("number", "", "", "", "")
    return found


def ask(tool: str, name: str) -> Ask | None:
    info = SCHEMAS[tool].model_fields.get(name)
    return ask_of(info) if info is not None else None


def missing(tool: str, inputs: Mapping[str, Any]) -> list[str]:
    """The inputs `tool` still needs, in asking order (empty: ready to run)."""
    return list(dict.fromkeys(SCHEMAS[tool].missing(inputs)))


def unit_field(tool: str, rate_field: str) -> str | None:
    """The field that holds a rate field's unit (penalty_rate → penalty_rate_unit), if it has one."""
    return next((n for n, _i, a in fields(tool) if a.unit_of == rate_field), None)


def of_kind(tool: str, kind: str) -> list[str]:
    return [n for n, _i, a in fields(tool) if a.kind == kind]


def choices(tool: str, name: str) -> tuple[str, ...]:
    """The allowed values of an enum field (product types, methods, units …); () for a free field."""
    from typing import get_args, get_origin

    info = SCHEMAS[tool].model_fields.get(name)
    if info is None:
        return ()
    if ask_of(info).kind == "unit":
        return UNITS
    found: list[str] = []

    def walk(tp: Any) -> None:
        if get_origin(tp) is Literal:
            found.extend(str(a) for a in get_args(tp))
        else:
            for arg in get_args(tp):
                walk(arg)

    walk(info.annotation)
    return tuple(found)


def choice_key(tool: str, name: str) -> str:
    """The CHOICE_LABELS table for a field ("method" differs between tools)."""
    if name == "method":
        return f"{tool}_method"
    if name.endswith("unit"):
        return "unit"
    return name


def choice_label(tool: str, name: str, value: str, lang: str) -> str:
    pair = CHOICE_LABELS.get(choice_key(tool, name), {}).get(str(value))
    return (pair[0] if lang == "zh" else pair[1]) if pair else str(value)


# Every field name any tool uses, with what a borrower calls it (for messages that must not show field names).
def label(name: str, lang: str, tool: str | None = None) -> str:
    """What a borrower calls an input ("逾期本金", "the overdue principal"); the field name never reaches them."""
    tools = [tool] if tool in SCHEMAS else list(SCHEMAS)
    for t in tools:
        base, _, sub = name.partition(".")
        base = base.split("[")[0]
        got = ask(t, base)
        if got is not None and got.name_zh:
            nested = NESTED.get(base)
            if sub and nested is not None:
                inner = ask_of(nested.model_fields[sub]) if sub in nested.model_fields else None
                if inner is not None and inner.name_zh:
                    return inner.name_zh if lang == "zh" else inner.name_en
            return got.name_zh if lang == "zh" else got.name_en
    return name


def all_field_names() -> set[str]:
    names = {n for schema in SCHEMAS.values() for n in schema.model_fields}
    return names | {f"{base}.{n}" for base, model in NESTED.items() for n in model.model_fields}


__all__ = ["NESTED", "SCHEMAS", "TOOL_TITLES", "Ask", "DebtArgs", "FeeArgs", "all_field_names", "ask", "ask_of",
           "choice_label", "choices", "fields", "label", "missing"]


def humanize(message: str, lang: str, tool: str | None = None, names: dict[str, str] | None = None) -> str:
    """`message` with every field name replaced by what a borrower calls it (or by `names[field]`, e.g. the
    command-line option), so an error shown to a person never leaks `principal_overdue` or `fee.min`."""
    import re

    known = sorted(all_field_names() | {f"fee[{i}].{n}" for i in range(3) for n in FeeArgs.model_fields}
                   | {f"debts[{i}].{n}" for i in range(20) for n in DebtArgs.model_fields}, key=len, reverse=True)
    pattern = re.compile(r"(?<![A-Za-z0-9_.\[\]-])(" + "|".join(re.escape(n) for n in known) + r")(?![A-Za-z0-9_])")

    def swap(m: re.Match[str]) -> str:
        name = m.group(1)
        if names and name in names:
            return names[name]
        return label(re.sub(r"\[\d+\]", "", name), lang, tool)

    return pattern.sub(swap, message)
