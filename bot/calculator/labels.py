"""What borrowers call the calculator's tools and the values of its choice fields (zh, en): the display words the
schemas (bot.calculator.schemas) show, kept apart from the schemas themselves."""

from __future__ import annotations

TOOL_TITLES: dict[str, tuple[str, str]] = {
    "penalty": ("逾期费用", "Overdue charges"),
    "card": ("信用卡一期账单", "One credit-card statement cycle"),
    "installment": ("分期真实年化（IRR）", "True annual rate of an instalment offer (IRR)"),
    "growth": ("债务增长", "How the debt grows"),
    "convert": ("利率换算", "Rate conversion"),
    "lpr": ("一年期 LPR", "One-year LPR"),
    "cost": ("按时还款的借款成本", "What a loan costs when repaid on time"),
    "plan": ("多笔欠款的还款计划", "A repayment plan for several debts"),
}

CHOICE_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "product_type": {
        "online_lender": ("网贷平台", "Online lender"), "credit_card": ("信用卡", "Credit card"),
        "bank_loan": ("银行贷款", "Bank loan"), "consumer_finance": ("消费金融", "Consumer finance"),
        "micro_loan": ("小额贷款", "Micro-loan company"),
        "private_lending": ("个人借贷（借条）", "Personal loan (IOU)"),
    },
    "unit": {"daily": ("按天", "per day"), "monthly": ("按月", "per month"), "annual": ("按年", "per year")},
    "installment_method": {
        "equal_principal_plus_fee": ("每期收手续费", "A fee every period"), "annuity": ("等额本息", "Equal payments"),
        "equal_principal": ("等额本金", "Equal principal"), "interest_only": ("先息后本", "Interest only"),
    },
    "cost_method": {
        "simple": ("到期一次还本付息", "All at the end"), "annuity": ("等额本息", "Equal payments"),
        "equal_principal": ("等额本金", "Equal principal"), "interest_only": ("先息后本", "Interest only"),
    },
    "interest_method": {"full_balance": ("全额计息", "Full balance"), "unpaid_portion": ("只对未还部分计息",
                                                                                      "Unpaid part only")},
    "grace_mode": {"waive_if_within": ("宽限期内还清免收", "Waived within grace"),
                   "deduct": ("扣除宽限天数", "Grace days deducted")},
    "day_basis": {"360": ("360 天", "360 days"), "365": ("365 天", "365 days")},
    "strategy": {"avalanche": ("先还利率最高的", "Highest rate first"),
                 "snowball": ("先还余额最小的", "Smallest balance first"),
                 "minimums_only": ("只还最低还款", "Minimums only")},
}
