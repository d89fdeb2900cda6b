"""What finbot says in reply to a crisis, a harmful request, small talk or a question outside its field (zh/en).

Every decline has four beats (design/safety.md): acknowledge → what finbot won't help with and why → the lawful
alternative → a resource. A crisis reply puts the hotline first.
"""

from __future__ import annotations

from dataclasses import dataclass


def capabilities_text(lang: str) -> str:
    """What finbot can help with: closes every no_answer."""
    if lang == "zh":
        return (
            "我可以帮你：\n"
            "• 解释逾期的后果：罚息、违约金、征信记录会保留多久；\n"
            "• 计算逾期费用和真实年化利率（例如“欠1万，日息0.05%，逾期30天要还多少？”）；\n"
            "• 说明24%、4倍LPR等利率红线，以及催收哪些做法不合法、可以向哪里投诉；\n"
            "• 协商还款、个性化分期、征信异议的办法。"
        )
    return (
        "I can help with:\n"
        "• what happens when a payment is overdue: penalty interest, fees, how long a credit record stays;\n"
        "• calculating overdue charges and the true annual rate (e.g. \"I owe 10,000 at 0.05% a day, "
        "60 days overdue — how much?\");\n"
        "• the 24% and 4×LPR rate lines, and what debt collectors may not do and where to complain;\n"
        "• negotiating repayment, instalment plans, and disputing wrong credit records."
    )


def no_answer_text(lang: str, *, covered_elsewhere: bool = False) -> str:
    """The plain 'not covered' reply (never invents), followed by what finbot can do."""
    if lang == "zh":
        head = ("这个问题不在我的知识范围内，我不想凭猜测回答。" if not covered_elsewhere else
                "我的资料里没有直接回答这个问题的内容，我不想凭猜测回答。")
    else:
        head = ("That question is outside what I know about, and I would rather not guess." if not covered_elsewhere
                else "My articles don't answer that directly, and I would rather not guess.")
    return f"{head}\n\n{capabilities_text(lang)}"


def recommendation_text(kind: str, lang: str) -> str:
    """Asked to name a lender, an app, a card or an investment: finbot names none, and says what it can do instead."""
    if lang == "zh":
        head = ("我不推荐具体的借款平台、口子或信用卡，也没法判断哪家能下款、额度多少：我替任何一家担保不了。"
                "想借之前，我可以帮你查它有没有放贷牌照、算清真实年化，或者先一起看看现有的欠款怎么还。"
                if kind == "lender" else
                "我不推荐股票、基金、币或任何理财产品，也不预测涨跌：想靠投资把欠款赚回来，风险往往比欠款本身更大。"
                "我可以帮你算清现有欠款的利息和罚息，看看怎么协商、先还哪笔。")
    else:
        head = ("I don't recommend lenders, loan apps or cards, and I can't say which one will approve you or for "
                "how much: I can't vouch for any of them. Before you borrow, I can help you check that a lender is "
                "licensed, work out the true yearly rate of an offer, or look at how to repay what you owe now."
                if kind == "lender" else
                "I don't recommend shares, funds, crypto or any investment, and I don't predict prices: trying to "
                "earn back a debt by investing usually risks more than the debt itself. I can work out the interest "
                "and penalties on what you owe, and how to negotiate or which debt to pay first.")
    return f"{head}\n\n{capabilities_text(lang)}"


def crisis_text(lang: str) -> str:
    """Hotline first; empathy; reach someone nearby; the debt can wait and be worked on later."""
    if lang == "zh":
        return (
            "请先拨打心理援助热线 12356（全国统一，24小时）。如果你现在就有危险，请立刻拨打 110 或 120。\n\n"
            "听到你这么说，我很担心你。被债务压得喘不过气的感觉非常难受，但你不是一个人，这些债务也有办法慢慢处理。\n"
            "现在最重要的是你的安全：请联系一个你信任的人（家人、朋友、同事），告诉他你现在的感受，让他陪着你。\n\n"
            "等你准备好了，我们再一起看债务：协商还款、个性化分期、哪些费用法院可能不支持，都有路可走。"
        )
    return (
        "Please call a crisis line now: in mainland China dial 12356 (psychological assistance hotline). "
        "If you are in immediate danger, call 110 or 120.\n\n"
        "I'm really sorry you're feeling this way. Debt pressure can feel crushing, but you are not alone, "
        "and debts can be worked out step by step.\n"
        "Right now your safety matters most: please reach out to someone you trust nearby — family, a friend, "
        "a colleague — and tell them how you feel.\n\n"
        "When you're ready, I can help with the debt itself: negotiating repayment, instalment plans, "
        "and which charges a court would likely not support."
    )


def checkin_text(lang: str, *, alone: bool) -> str:
    """The turn after a crisis reply: ask how they are, the hotline again, then (alone=False) the answer follows."""
    if lang == "zh":
        if alone:
            return ("谢谢你还愿意跟我说话。你现在感觉怎么样？如果那些念头还在，请现在就拨打心理援助热线 12356"
                    "（24小时），有危险请打 110 或 120；也可以找一个信任的人陪着你。\n\n"
                    "等你准备好了，我们可以一起看看债务怎么处理：协商还款、个性化分期，都有办法。")
        return "先问一句：你现在还好吗？如果还是很难受，随时拨打 12356（心理援助热线，24小时）。"
    if alone:
        return ("Thank you for still talking with me. How are you feeling right now? If those thoughts are still "
                "there, please call 12356 (psychological assistance hotline, 24 hours) now, or 110 / 120 if you are "
                "in danger, and ask someone you trust to stay with you.\n\n"
                "Whenever you're ready, we can look at the debt together: negotiating repayment, instalment plans.")
    return ("First: how are you doing? If it still feels too much, call 12356 (psychological assistance hotline, "
            "24 hours) any time.")


@dataclass(frozen=True)
class Refusal:
    what_zh: str  # what finbot won't help with, and why (one sentence)
    alt_zh: str  # the lawful route
    what_en: str
    alt_en: str


_LEGAL_AID_ZH = "需要法律帮助可以拨打 12348 法律援助热线；对金融机构的投诉可以打 12378（金融消费者权益保护）。"
_LEGAL_AID_EN = ("For legal help call the 12348 legal-aid hotline; complaints about a financial institution go to "
                 "12378 (financial consumer protection).")

REFUSALS: dict[str, Refusal] = {
    "evade": Refusal(
        "我不能帮你躲避催收、法院或强制执行：这会让诉讼在你缺席时判决，还可能被列入失信名单、限制高消费，问题只会更大。",
        "更好的做法是主动联系债权人书面协商还款（说明困难、提出能做到的金额），收到法院传票一定要应诉，"
        "在庭上可以对超过法定上限的利息和费用提出抗辩。",
        "I can't help you hide from collectors, courts or enforcement: a case then goes ahead without you, and you "
        "can end up on the defaulter blacklist with spending restrictions, which makes things worse.",
        "What works better: contact the lender and ask in writing for a repayment plan (explain the hardship, offer "
        "an amount you can really pay), and if you receive a court summons, respond — in court you can challenge "
        "interest and fees above the legal limits.",
    ),
    "impersonate": Refusal(
        "我不能帮你冒充法院、公安、律师的名义发消息，也不能帮你恐吓对方：冒充国家机关工作人员可能构成招摇撞骗罪，"
        "恐吓讨债同样违法。",
        "别人欠你的钱，合法的路是你本人署名发一份书面催款（也能让3年诉讼时效重新计算），再不还就向法院申请支付令或起诉，"
        "小额案件走小额诉讼程序；被催收骚扰，则保留证据向放贷机构和 12378 投诉。",
        "I can't help you send a message in the name of a court, the police or a lawyer, or frighten anyone into "
        "paying: impersonating officials can be a crime (招摇撞骗), and collecting by threats is illegal too.",
        "If someone owes you money, send a written demand signed by you (it also restarts the 3-year limitation "
        "period), then apply to the court for a payment order or sue — small claims have a fast procedure. If "
        "collectors are harassing you, keep the evidence and complain to the lender and to 12378.",
    ),
    "forge": Refusal(
        "我不能帮你伪造或修改材料（流水、证明、病历等）：提交虚假材料可能构成诈骗或伪造证件，后果比逾期严重得多。",
        "协商时用真实的困难证明就够了：失业证明、病历、收入下降的银行流水、家庭变故的材料，都可以作为申请停息分期或个性化分期的依据。",
        "I can't help create or alter documents (bank statements, certificates, medical records): submitting false "
        "documents can be fraud or forgery, which is far more serious than being overdue.",
        "Genuine evidence is enough when you negotiate: proof of job loss, medical records, statements that show your "
        "income fell — these support a request for a hardship or personalised instalment plan.",
    ),
    "identity": Refusal(
        "我不能帮你用别人的身份或名义借款：冒用他人身份借贷是违法的，也会把债务和风险转嫁给别人。",
        "如果确实需要资金周转，可以用自己的名义向持牌机构申请，或者先和现有债权人协商延期、分期。",
        "I can't help you borrow with someone else's identity or name: it is illegal and shifts the debt and risk "
        "onto them.",
        "If you need money, apply in your own name with a licensed lender, or first ask your current lenders for "
        "an extension or instalment plan.",
    ),
    "cashout": Refusal(
        "我不能教信用卡或消费信贷套现：套现违反发卡协议，银行可能降额、封卡，情节严重的还可能涉及违法犯罪。",
        "如果是还款有困难，可以向银行申请账单分期或个性化分期，或者联系银行说明情况协商还款。",
        "I can't help with cashing out a credit card or consumer credit line: it breaks the card agreement, can get "
        "the card cut or closed, and in serious cases is a crime.",
        "If repayment is the problem, ask the bank for a bill instalment or a personalised instalment plan, or "
        "contact the bank to negotiate.",
    ),
    "hide_assets": Refusal(
        "我不能帮你转移或隐藏财产来逃避执行：这可能构成拒不执行判决、裁定罪，还会让你失去协商的余地。",
        "合法的做法是向法院如实申报财产，和债权人协商执行和解或分期履行；生活必需的财产和收入法院通常会给你保留。",
        "I can't help you hide or move assets to avoid enforcement: that can be the crime of refusing to comply "
        "with a judgment, and it ends any room to negotiate.",
        "The lawful route is to declare your assets honestly to the court and negotiate a settlement or payment plan "
        "with the creditor; courts generally leave what you need to live on.",
    ),
    "threaten": Refusal(
        "我理解被催收逼急了的愤怒，但我不能帮你威胁、恐吓或曝光催收人员：这同样违法，还会让你从受害方变成被追责的一方。",
        "遇到暴力催收、骚扰家人、爆通讯录，请保留录音、截图和通话记录，向放贷机构投诉，再向 12378 或 12363 投诉；"
        "有人身威胁请直接报警 110。",
        "I understand the anger when collectors push hard, but I can't help you threaten, intimidate or expose "
        "them: that is illegal too, and it turns you from the wronged party into the one held responsible.",
        "For abusive collection — harassment, contacting your family or contacts — keep recordings, screenshots and "
        "call logs, complain to the lender, then to 12378 or 12363; call 110 if anyone threatens your safety.",
    ),
    "usury": Refusal(
        "我不能帮你设计规避利率上限的借条或收债话术：虚增本金、砍头息、恐吓催收都不受法律保护，还可能违法。",
        "民间借贷的利息按合同成立时一年期LPR的4倍为上限，本金按实际出借的金额计算；写借条时如实写明本金、利率和还款期限即可。",
        "I can't help draft IOUs or collection scripts that get around the rate cap: inflated principal, upfront "
        "deductions and intimidation are not protected by law and may be illegal.",
        "For private loans, interest is capped at 4 × the one-year LPR at the contract date and the principal is "
        "what was actually handed over; an honest IOU states the principal, rate and due date.",
    ),
    "tamper": Refusal(
        "我不能帮你删除或修改真实的征信记录：真实的逾期记录任何人都无法花钱删除，号称能“洗白征信”的几乎都是骗局。",
        "如果记录有错，可以向征信中心或报送机构提出异议，20日内会有答复；真实的不良记录在还清后保留5年；"
        "也可以关注人民银行公布的一次性信用修复政策，它是自动、免费的。",
        "I can't help delete or alter true credit records: nobody can remove a genuine late-payment record for a "
        "fee, and services that promise to \"clean\" your credit are almost always scams.",
        "If a record is wrong, file a dispute (异议) with the credit reference center or the lender — it must be "
        "answered within 20 days; true negative records stay 5 years after the debt is settled; and the central "
        "bank's one-time credit-repair policy is automatic and free.",
    ),
    "no_check": Refusal(
        "我不能推荐“不查征信”“黑户秒下款”的借款渠道：这类平台往往无放贷资质，费用极高，还常伴随暴力催收和个人信息泄露。",
        "可以先核实放贷机构是否持牌，和现有债权人协商延期或分期；确有困难也可以寻求家人帮助或法律援助。",
        "I can't point you to loans that skip credit checks: such lenders are usually unlicensed, extremely "
        "expensive, and often linked to abusive collection and leaked personal data.",
        "Check that any lender is licensed, and ask your current lenders for an extension or instalment plan first; "
        "family support or legal aid can help too.",
    ),
    "fraud": Refusal(
        "我不能帮你设计借了不还或恶意透支的办法：以非法占有为目的借款或透支可能构成诈骗或信用卡诈骗罪。",
        "如果是真的还不上，主动说明情况并协商还款是最稳妥的路：很多机构可以停息分期或减免部分费用。",
        "I can't help plan borrowing with no intention to repay or deliberate overdrafts: that can be fraud or "
        "credit-card fraud.",
        "If you truly can't repay, telling the lender and negotiating is the safest path: many lenders can pause "
        "interest, spread the debt or waive some fees.",
    ),
}


def refusal_text(category: str, lang: str) -> str:
    """Acknowledge → won't help + why → lawful alternative → resource."""
    r = REFUSALS.get(category, REFUSALS["evade"])
    if lang == "zh":
        return f"我明白你现在压力很大。{r.what_zh}\n\n{r.alt_zh}\n\n{_LEGAL_AID_ZH}"
    return f"I understand you're under a lot of pressure. {r.what_en}\n\n{r.alt_en}\n\n{_LEGAL_AID_EN}"


_NO_WORDS = {
    "feeling": ("看起来你现在很难受。欠债的压力真的很大，你不是一个人在扛。想说说现在的情况，或者想先弄清哪一件事，"
                "直接打字告诉我就好。如果觉得撑不住了，可以随时拨打心理援助热线 12356（24小时）。",
                "It sounds like this is weighing on you. Debt pressure is hard, and you are not the only one facing "
                "it. Tell me what is happening, or which thing you want to sort out first. If it ever feels like "
                "too much, you can call the 12356 psychological support line (24 hours)."),
    "wordless": ("我在。想接着问什么，直接打字告诉我就好，比如\"会上征信吗\"\"那网贷呢\"。",
                 "I'm here. Type what you'd like to ask next, for example \"will it affect my credit report?\"."),
    # "1" with no "你是想问：① … ②" pending: it picks nothing, and read as a follow-up it gave the last answer again
    "no_choice": ("现在没有待选的选项。想问“你可能还想问”里的哪一条，直接把那句问题打出来（或点它的按钮）就好。",
                  "There is no list to choose from right now. To ask one of the \"You might also ask\" questions, "
                  "type it out (or tap its button)."),
}


def chitchat_text(kind: str, lang: str) -> str:
    if kind in _NO_WORDS:  # emoji or punctuation alone: a short word back, not the list of what finbot can do
        zh, en = _NO_WORDS[kind]
        return zh if lang == "zh" else en
    if lang == "zh":
        head = {
            "greeting": "你好！我是 finbot，一个帮助借款人了解逾期、罚息和征信的助手。",
            "thanks": "不客气，希望对你有帮助。还有问题随时问我。",
            "about": "我是 finbot，根据整理好的资料回答借款和信用卡方面的问题，并注明来源；涉及金额时可以帮你计算。",
        }.get(kind, "")
    else:
        head = {
            "greeting": "Hi! I'm finbot, an assistant that helps borrowers understand overdue charges, "
                        "penalty interest and credit records.",
            "thanks": "You're welcome — ask me anything else any time.",
            "about": "I'm finbot: I answer questions about loans and credit cards from curated articles, with "
                     "sources, and I can run the numbers for you.",
        }.get(kind, "")
    return f"{head}\n\n{capabilities_text(lang)}"
