"""Crisis, harmful-request and chit-chat detection, and the texts finbot answers them with (zh/en).

Follows design/safety.md. Every decline has four beats: acknowledge → what finbot won't help with and why
→ the lawful alternative → a resource. A crisis message stops the finance talk and puts the hotline first.

Detection is deliberately rule-based: it must work without a model, in microseconds, and be auditable by
educators. Patterns are written as requests ("how do I…", "help me…", "怎么…"): a question *about* a harmful
practice ("花钱洗白征信是骗局吗?") is an education question and goes to the knowledge base instead.

Public API:
    is_crisis(text) -> bool
    harmful_category(text) -> str | None          # key of REFUSALS
    chitchat_kind(text) -> str | None              # "greeting" | "thanks" | "about"
    crisis_text(lang), refusal_text(category, lang), chitchat_text(kind, lang), capabilities_text(lang)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# ---------------------------------------------------------------- crisis

_CRISIS_ZH = [
    r"不想活", r"活不下去", r"不活了", r"活着(?:还)?有什么意思", r"活着没(?:有)?(?:意思|意义|盼头)",
    r"一了百了", r"自杀", r"轻生", r"寻死", r"(?<![烦急累气吓困饿热冷忙])想死", r"想去死", r"死了算了",
    r"死了(?:就)?一了百了", r"结束(?:自己的)?生命", r"结束自己", r"了结自己", r"了断", r"跳楼", r"跳河",
    r"跳江", r"跳桥", r"割腕", r"烧炭", r"上吊", r"喝农药", r"吃安眠药", r"(?:写|留)(?:好|下)?遗书",
    r"离开这个世界", r"没有?活路", r"以死(?:谢罪|相逼|抵债)", r"用命(?:还|抵)", r"不如死", r"去死吧我",
    r"撑不下去了?.{0,6}(?:死|走了)", r"解脱(?:自己|算了)", r"伤害自己", r"自残",
    r"站在(?:天台|楼顶|顶楼|桥上|河边|江边|窗台)", r"(?:药|安眠药)(?:都|已经)?(?:准备|买|攒)好了",
    r"不想(?:再)?醒(?:过)?来",
    r"永远睡(?:过去|下去)", r"对不起(?:家里人|爸妈|父母|家人).{0,6}(?:走了|来世|下辈子|再见)", r"下辈子再(?:还|见)",
]
_CRISIS_EN = [
    r"\bkill(?:ing)? myself\b", r"\bsuicid", r"\bend(?:ing)? my (?:own )?life\b", r"\bend it all\b",
    r"\bwant(?:ed)? to end it\b", r"\bwant to die\b", r"\bwanna die\b", r"\bdon'?t want to (?:live|be alive)\b",
    r"\bno (?:reason|point) (?:in |to )?living\b", r"\bbetter off dead\b", r"\btake my (?:own )?life\b",
    r"\bhurt(?:ing)? myself\b", r"\bself[- ]harm", r"\bcan'?t go on\b", r"\bnot worth living\b",
    r"\bjump off\b", r"\boverdose\b", r"\bbetter off without me\b", r"\bno point (?:in )?(?:living|going on)\b",
    r"\bdon'?t want to wake up\b", r"\bwant to disappear forever\b",
]
_CRISIS_RE = re.compile("|".join(_CRISIS_ZH + _CRISIS_EN), re.IGNORECASE)


# Someone asking how to help another person in crisis gets the answer about support resources (the
# mental-health article), not a crisis reply addressed to them.
_THIRD_PARTY_RE = re.compile(
    r"(?:朋友|同事|同学|室友|家人|我(?:妈|爸|哥|姐|弟|妹|老公|老婆)|亲戚|他|她).{0,20}(?:我)?(?:该)?(?:怎么|如何|能)(?:帮|劝|安慰|陪)"
    r"|\bhow (?:can|do|should) i help (?:my |a |him|her|them)", re.IGNORECASE)


def is_crisis(text: str) -> bool:
    """True on any self-harm signal, direct or indirect. Wins over every other intent."""
    return bool(_CRISIS_RE.search(text)) and not _THIRD_PARTY_RE.search(text)


# ---------------------------------------------------------------- harmful requests

# A "how / help me / where can I" marker in front of a harmful act makes it a request.
def _alt(*parts: str) -> str:
    """Join alternatives into one regex group (keeps long pattern lists readable)."""
    return "(?:" + "|".join(parts) + ")"


# A "how / help me / where can I" marker in front of a harmful act makes it a request.
_ASK_ZH = _alt(
    "怎么", "怎样", "如何", "咋", "教我", "教教我", "帮我", "帮忙", "给我", "有没有(?:办法|方法|渠道|人)",
    "哪里(?:能|可以|有)", "哪儿", "求", "找人", "能不能", "可以", "想", "要", "方法", "技巧", "攻略", "办法",
)
_ASK_EN = _alt(
    "how (?:do|can|could|should) i", "how to", "help me", "teach me", "where can i", "is there a way to",
    "ways? to", "can you", "i want to", "i need to", "tips? (?:for|on|to)", "write (?:me )?", "make me", "give me",
    "draft (?:me )?",
)
_WHO = "(?:我)?(?:别人|他人|家人|朋友|父母|老人|室友|同学|同事|亲戚|老婆|老公|爸|妈|哥|姐|弟|妹|爷爷|奶奶)"


@dataclass(frozen=True)
class _Rule:
    category: str
    pattern: re.Pattern[str]


def _zh(category: str, *acts: str, request: bool = True) -> _Rule:
    body = f"{_ASK_ZH}.{{0,12}}{_alt(*acts)}" if request else _alt(*acts)
    return _Rule(category, re.compile(body))


def _en(category: str, *acts: str, request: bool = True) -> _Rule:
    body = f"{_ASK_EN}.{{0,40}}{_alt(*acts)}" if request else _alt(*acts)
    return _Rule(category, re.compile(body, re.IGNORECASE))


_RULES: list[_Rule] = [
    # evading collectors, courts, enforcement
    _zh("evade",
        "躲(?:避|开|过|掉)?(?:催收|法院|强制执行|执行|传票|起诉|债主|银行)",
        "逃(?:避|过)?(?:债|还款|执行|法院|传票|催收)",
        "不被(?:找到|催收|起诉|执行|找上门)", "跑路", "赖(?:账|掉)", "不(?:用|还)也不会被",
        "让(?:他们|催收|银行)找不到", "换(?:号|手机号|城市).{0,6}躲", "(?:一分钱|钱)?都不(?:用)?还(?:的办法)?"),
    _en("evade",
        r"(?:avoid|evade|dodge|hide from|escape|ignore)\s+(?:the\s+)?(?:debt ?)?"
        r"(?:collectors?|court|bailiffs?|enforcement|summons|lenders?)",
        "never (?:have to )?(?:pay|repay)", "skip town", "disappear so", "not (?:have to )?pay (?:it|them) back"),
    # forged documents / fake evidence
    _zh("forge",
        "伪造", "造假", "做假", "做个假", "(?:P|p|ps|PS)(?:一)?(?:张|个|份)?.{0,4}(?:图|流水|证明|截图|凭证)",
        "开(?:个|张)?假", "弄(?:个|张)?假",
        "假(?:的)?.{0,4}(?:流水|证明|工资|收入|病历|诊断|合同|材料|证件|发票|离职|失业|住院|截图|凭证)",
        "(?:改|修改|篡改).{0,6}(?:截图|凭证|回单|收据|转账记录|还款记录)", "让.{0,6}以为我(?:已经|按时)?还",
        request=False),
    _en("forge",
        "fake (?:bank )?(?:statements?|documents?|papers?|payslips?|pay ?stubs?|medical|proof|certificates?|id|income|"
        "receipts?)",
        "forg(?:e|ed|ing) (?:a |an |the |my )", "photoshop (?:a|my)", "falsif",
        "(?:edit|alter|change|doctor|fake) (?:a |the |my )?(?:payment )?(?:receipt|screenshot|transfer record)",
        request=False),
    # someone else's identity
    _zh("identity",
        f"(?:用|借用|冒用|盗用|买){_WHO}?的?身份(?:证|信息)?(?:去|来)?(?:借|贷|办|申请)",
        f"(?:用|借用|冒用|盗用){_WHO}的?(?:名义|身份|身份证|手机号)", "(?:买|租)(?:个|张)?身份证",
        request=False),
    _en("identity",
        "(?:someone(?: else)?|somebody(?: else)?|another person|my [a-z]+|other people)'s (?:id|identity|name|id card)",
        "(?:buy|rent|borrow) (?:an? )?(?:id|identity)"),
    # credit-card cash-out
    _zh("cashout", "套现", "养卡", "刷卡提现", "(?:信用卡|花呗|白条).{0,6}(?:取现到|变现|提现出来)", request=False),
    _en("cashout", "cash(?:ing)?[- ]?out (?:my |a |the )?(?:credit )?card", "card cash[- ]?out"),
    # hiding assets from enforcement
    _zh("hide_assets",
        "(?:转移|隐匿|隐藏|藏(?:起来)?)(?:财产|资产|房子|存款|钱|工资)", "假离婚",
        "(?:财产|房子|车|存款|工资).{0,8}(?:不被|不让|免得|以免)(?:法院|执行|冻结|查封|扣)",
        "不被(?:冻结|查封|强制执行)", "(?:转|过户|挂|放)(?:到|给).{0,8}(?:名下|账户).{0,8}(?:不被|躲|逃|以免|免得)",
        "(?:过户|转移).{0,10}(?:躲|逃)(?:掉|避|过)?(?:强制)?执行"),
    _en("hide_assets",
        "(?:hide|transfer|move|shelter) (?:my )?(?:assets|money|savings|property|income|salary)",
        "(?:so|that) the court (?:can'?t|cannot|won'?t) (?:seize|freeze|take|find)",
        "(?:assets|money|savings|account)s? (?:from|before) (?:the )?(?:court|enforcement|freez|seiz)"),
    # threatening, doxxing or intimidating collectors
    _zh("threaten",
        "(?:威胁|恐吓|报复|吓唬|教训|打|弄死|曝光|人肉|骚扰|开盒)(?:一下)?(?:催收|催收员|那个催收|他们|放贷|债主)",
        "(?:催收|催收员|放贷的?).{0,8}(?:家人|家庭住址|住址|电话|孩子|老婆).{0,6}(?:曝光|公开|发到|人肉|查到)",
        "(?:查|找|人肉|打听).{0,8}(?:催收|催收员|放贷的?|他|她).{0,4}(?:住址|家住|住哪|家在哪|家人|身份证|单位)",
        "(?:信息|照片|电话|身份).{0,4}(?:挂|发|曝光|公开)(?:到|在)?网上", "(?:威胁|恐吓)(?:的)?(?:话术|短信|话)",
        "吓(?:唬|退)(?:催收|他们)",
        request=False),
    _en("threaten",
        "(?:threaten|intimidate|scare|dox|doxx|harass|get back at|hurt|beat up|expose) (?:the |a |this |that )?"
        "(?:debt )?(?:collectors?|lenders?|agents?)",
        "(?:home )?address of (?:the |a )?(?:debt )?collector", "collector'?s? (?:home|family|address)",
        "threatening (?:message|letter|text|script|note)", "scare (?:the |a |this |that )?(?:debt )?collectors?"),
    _en("threaten",
        r"(?:find|get|look up|track down)\s+(?:the\s+)?(?:home\s+)?(?:address|family|phone number)s? of "
        "(?:the |a |that |this )?(?:debt )?collectors?",
        request=False),
    # usurious IOUs / disguising rates (lender side), intimidation scripts for collecting
    _zh("usury",
        "(?:借条|借款合同|合同).{0,10}(?:写高|多写|虚增|把利息写进本金|规避|绕过)", "阴阳合同",
        "砍头息.{0,6}(?:怎么|如何)?(?:收|扣|操作)",
        "(?:放贷|放款).{0,10}(?:利息|年化).{0,8}(?:规避|绕过|不违法|查不到)",
        "(?:收|要|讨)债.{0,6}(?:话术|吓|恐吓)", "砍头息(?:怎么|如何)", "利息.{0,6}(?:算进|写进|计入|放进)本金",
        "让(?:他|她|对方)告不(?:了|赢)",
        request=False),
    _en("usury",
        "(?:write|draft|make) (?:an? )?(?:iou|loan agreement|contract) (?:for|with|that) (?:a )?(?:higher|inflated)",
        "hide (?:the )?interest (?:in|as) (?:the )?principal", "get around (?:the )?(?:interest|rate) cap",
        request=False),
    # tampering with or paying to delete true credit records
    _zh("tamper",
        "(?:删除?|删掉|消除|抹掉|洗白|修改|改掉|篡改|清除|撤销)(?:我的|掉)?(?:征信|逾期记录|不良记录|黑名单|信用记录)",
        "(?:征信|逾期记录|不良记录|信用记录)(?:上的)?(?:记录)?(?:洗白|删(?:除|掉)?|消除|抹掉|改掉)",
        "(?:花钱|付费|交钱).{0,6}(?:修复|洗白|消除|删除|删掉|删)(?:征信)?", "征信(?:修复|洗白)(?:公司|机构|中介)",
        "删(?:掉|除).{0,6}(?:真实|真的).{0,4}(?:逾期|记录)", "内部渠道"),
    _en("tamper",
        r"(?:delete|erase|remove|wipe|scrub|get rid of)\b.{0,30}\b(?:from|on|off) (?:my )?credit "
        "(?:report|record|file)",
        "pay (?:someone |a company )?to (?:delete|remove|clean|fix|repair|wipe)",
        request=False),
    _en("tamper",
        "(?:delete|erase|remove|wipe|clean|scrub|change|alter|edit) (?:the |my |a |this )?"
        "(?:negative |late |overdue |bad )?(?:(?:payment|credit) )?(?:records?|history|entries|entry|marks?) "
        "(?:from|on|in) (?:my )?credit",
        "(?:delete|erase|remove|wipe|clean|scrub|fix) (?:my )?credit (?:report|record|history)",
        "pay (?:someone |a company )?to (?:clean|fix|repair|wipe) (?:my )?credit"),
    # loans that skip credit checks / illegal lenders
    _zh("no_check",
        "(?<![上查看审])不(?:查|看|上|审)征信的?(?:贷款|网贷|借款|口子|平台|app)?", "无视(?:征信|黑白)",
        "黑户(?:也)?(?:能|可以)?(?:借|贷|下款)", "(?:秒|必)下款", "征信花了?(?:也)?(?:能|可以)(?:下款|借)",
        "(?:哪里|哪个|什么).{0,6}(?:口子|平台).{0,6}(?:能下|好下|必下)", "(?:有没有|推荐).{0,6}(?:口子|黑口子)",
        "黑口子", "714高炮", "高炮",
        request=False),
    _en("no_check",
        r"(?:loans?|lenders?|apps?|borrow)\b.{0,25}(?:no|without|skip(?:s|ping)?|doesn'?t|don'?t) "
        "(?:a |any )?(?:credit check|check (?:my |your )?credit|look at (?:my )?credit)",
        "no[- ]credit[- ]check", "guaranteed (?:loan )?approval",
        request=False),
    # malicious overdraft / deliberate default
    _zh("fraud",
        "(?:套|骗)(?:贷|钱|取贷款)", "恶意透支", "借了(?:就)?不(?:打算|准备)?还", "刷爆.{0,6}(?:跑|不还)",
        "骗(?:银行|平台|网贷)"),
    _en("fraud",
        r"(?:borrow|max out|take (?:out )?(?:a )?loans?)\b.{0,30}(?:never|not) (?:pay|repay)(?:ing)? "
        "(?:it |them )?back",
        "loan fraud", "scam (?:the |a )?(?:bank|lender)",
        request=False),
]

# A question *about* a practice is education, not a request: "…是骗局吗", "is that legal?", "会怎样".
_ABOUT_ZH = re.compile(_alt(
    "骗局", "骗子", "是(?:不是|否)(?:真的|骗|违法|合法|犯罪)", "靠谱吗", "可信吗", "可靠吗", "真的(?:能|可以|有用)?吗",
    "(?:违法|合法|犯法|犯罪)(?:的)?吗", "会坐牢", "会被判", "坐牢吗", "后果", "会怎(?:么|样)", "上当", "被骗", "遇到",
    "碰到", "举报", "投诉", "怎么(?:办|处理|应对)", "(?:法院)?(?:认|承认|支持)(?:吗|不认|不支持)", "有效吗", "算数吗",
))
_ABOUT_EN = re.compile(_alt(
    r"\bscam\b", r"\blegit(?:imate)?\b", r"\bis (?:it|that|this) (?:legal|illegal|a crime|real|true)\b",
    r"\bcan they\b", r"\bwhat happens\b", r"\breport (?:it|them|this|him|her)\b", r"\bcomplain\b",
    r"\bvictim\b", r"\bgo to (?:jail|prison)\b",
), re.IGNORECASE)
# Asking for the act itself outweighs words like "后果" in the same message.
_INSIST_RE = re.compile(_alt(
    "教我", "帮我(?:做|弄|搞|写|找)", "给我(?:做|写|弄)", "help me (?:to )?(?:make|write|fake|hide|find)", "teach me",
), re.IGNORECASE)

# Removing a *wrong* record is the lawful dispute (异议) route, not tampering.
_DISPUTE_RE = re.compile(_alt(
    "错误", "有误", "不实", "不是我", "被冒用", "盗用我", "异议", r"\berror", r"\bmistake", r"\bwrong\b",
    r"\bincorrect",
    r"\binaccurate", r"\bnot mine\b", r"\bidentity theft", r"\bdispute",
), re.IGNORECASE)


def harmful_category(text: str) -> str | None:
    """The category of a harmful request (a key of REFUSALS), or None.

    A question about the practice itself ("征信洗白是骗局吗?", "is cash-out illegal?") is not a request.
    """
    about = bool(_ABOUT_ZH.search(text) or _ABOUT_EN.search(text)) and not _INSIST_RE.search(text)
    for rule in _RULES:
        if rule.pattern.search(text) and not about:
            if rule.category == "tamper" and _DISPUTE_RE.search(text):
                continue
            return rule.category
    return None


# ---------------------------------------------------------------- chit-chat

_PUNCT = r"[\s!！。.,，~～?？]*"
_GREETING = re.compile(
    r"^\s*" + _alt("你好", "您好", "嗨", "哈喽", "hello", "hi", "hey", "hallo", "在吗", "在不在", "早上好", "晚上好",
                   "下午好", "good (?:morning|evening|afternoon)") + _PUNCT + "(?:finbot)?" + _PUNCT + "$",
    re.IGNORECASE,
)
_THANKS = re.compile(
    r"^\s*" + _alt("谢谢", "多谢", "感谢", "thanks?(?: you)?", "thx", "ty", "好的", "ok", "okay", "明白了", "知道了",
                   "懂了", "got it") + _PUNCT + "(?:你|您|a lot|so much)?" + _PUNCT + "$",
    re.IGNORECASE,
)
_ABOUT = re.compile(
    r"^\s*" + _alt("你是谁", "你是什么", "你能(?:做|干)(?:什么|啥)", "你会(?:做)?(?:什么|啥)",
                   "你可以(?:做|干)?(?:什么|啥)", "怎么用", "帮助", "who are you", "what (?:can|do) you do",
                   "what are you", "help", "/help", "/start") + _PUNCT + "$",
    re.IGNORECASE,
)


def chitchat_kind(text: str) -> str | None:
    """"greeting", "thanks" or "about" for small talk that needs no knowledge base; else None."""
    if _GREETING.match(text):
        return "greeting"
    if _THANKS.match(text):
        return "thanks"
    if _ABOUT.match(text):
        return "about"
    return None


# ---------------------------------------------------------------- response texts

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


def chitchat_text(kind: str, lang: str) -> str:
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


# ---------------------------------------------------------------- scope (consumer credit and debt)

# Words that put a message inside finbot's field, and words of neighbouring fields it does not cover
# (mortgage product choice, insurance, tax, social security, investing); common pinyin-input typos of the
# key words (正信, 崔收, 逾其, 网代 …) count as the words. The relevance gate uses both:
# an in-field message needs less retrieval evidence; an out-of-field one with no debt-distress word is not
# answered from articles that merely share vocabulary (e.g. "LPR" in a mortgage question).
_DOMAIN_RE = re.compile(_alt(
    "逾期", "欠", "借", "贷", "催", "征信", "信用", "利息", "利率", "罚息", "复利", "违约金", "滞纳金", "分期", "年化",
    "日息", "月息", "协商", "网贷", "网代", "口子", "平台", "还款", "还钱", "先还", "还清", "还不上", "还不起", "还了",
    "还多少", "最低还", "账单", "额度", "信用卡", "信用咔", "起诉", "传票", "法院", "执行", "失信", "老赖",
    "投诉", "异议", "LPR", "IRR", "砍头息", "手续费", "服务费", "担保费", "会员费", "破产", "时效", "债", "放贷",
    "小贷", "消金", "花呗", "白条", "借呗", "分几期", "免息", "上浮", "修复", "洗白", "黑名单", "12378", "12363",
    r"\bloans?\b", r"\bdebts?\b", r"\bowe", r"\boverdue", r"\blate\b", r"\bcollect", r"\bcredit", r"\binterest",
    r"\brates?\b", r"\brepa", r"\blend", r"\bborrow", r"\binstal?lments?\b", r"\bpenalt", r"\bapr\b", r"\birr\b",
    r"\bcards?\b", r"\bbankrupt", r"\bfees?\b", r"\bminimum payment", r"\bcourt\b", r"\bsued?\b", r"\blawsuit",
    r"\bsummons", r"\bcomplain", r"\bdispute", r"\biou\b", r"\blpr\b", r"\bnegotiat", r"\bharass", r"\barrest",
    r"\bscam", r"\bstatement\b", r"\bwarrant\b",
), re.IGNORECASE)
_OUTSIDE_RE = re.compile(_alt(
    "房贷", "买房", "首付", "公积金", "车险", "保险", "理赔", "社保", "养老金", "个税", "退税", "股票", "基金",
    "比特币", "彩票", "抚养权", "离婚", "签证", "高铁", "定投",
    r"\bmortgage", r"\bdown payment", r"\binsurance", r"\bstocks?\b", r"\bbitcoin", r"\bvisa\b", r"\btax(?:es)?\b",
    r"\bpension", r"\bflat\b", r"\bapartment",
), re.IGNORECASE)
_DISTRESS_RE = re.compile(_alt(
    "逾期", "还不上", "还不起", "晚了", "晚还", "没还", "催收", "罚息", "违约金", "起诉", "欠", "放款", "下款", "网贷",
    r"\boverdue", r"\blate\b", r"\bcollector", r"\bcan'?t (?:pay|repay)", r"\bmissed", r"\bowe",
), re.IGNORECASE)


def scope(text: str) -> str:
    """"in" (consumer credit and debt), "out" (a neighbouring field, no debt distress), or "unknown"."""
    if _OUTSIDE_RE.search(text) and not _DISTRESS_RE.search(text):
        return "out"
    return "in" if _DOMAIN_RE.search(text) else "unknown"
