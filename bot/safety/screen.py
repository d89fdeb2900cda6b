"""Crisis and harmful-request detection (design/safety.md): the rules, and what the semantic layer's similarities mean.

Two layers. The rules (word families, not sentences) decide first: they work without a model, in microseconds, and
can be audited by educators. Patterns are written as requests ("how do I…", "help me…", "怎么…"): a question
*about* a harmful practice ("花钱洗白征信是骗局吗?") goes to the knowledge base instead, and a question about helping
someone else in crisis gets the support article, not a crisis reply. The optional semantic layer
(bot/safety/semantic.py) compares a message the rules did not decide with a bank of exemplars; crisis favours recall.

    is_crisis(text, screen=None) -> bool
    harmful_category(text, screen=None) -> str | None     # a key of REFUSALS (bot/safety/texts.py)
    screened_category(text, screen) -> str | None         # the semantic layer alone, after the rules passed it
    semantic_crisis / semantic_category                   # the semantic layer's verdicts, with the rules' exceptions

The crisis word families live in bot/safety/crisis_words.py; what finbot replies in bot/safety/texts.py; small
talk and the field a message is in, in bot/safety/field.py; the usurious-IOU rule, which reads rates, in
bot/safety/usury.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.safety.crisis_words import CRISIS_RE
from bot.safety.semantic import Calibration, SemanticScreen, Similarities, clauses
from bot.safety.usury import usurious_iou
from ingest.han import han_count

# ---------------------------------------------------------------- crisis

# The word families are in bot/safety/crisis_words.py.

# Someone asking how to help another person in crisis gets the answer about support resources (the
# mental-health article), not a crisis reply addressed to them: another person reported as saying or
# feeling it, and the asker wanting to help.
_OTHER_ZH = (r"(?:朋友|同事|同学|室友|家人|家里人|亲戚|邻居|有人|网友|弟弟|妹妹|哥哥|姐姐|父亲|母亲|"
             r"我(?:妈|爸|哥|姐|弟|妹|老公|老婆|男朋友|女朋友|儿子|女儿|对象|表哥|表姐|表弟|表妹))")
_OTHER_EN = (r"\b(?:friend|brother|sister|mom|mum|mother|dad|father|wife|husband|partner|son|daughter|coworker|"
             r"co-worker|colleague|roommate|flatmate|cousin|someone|somebody|neighbou?r|boyfriend|girlfriend)s?\b")
_THIRD_PARTY_RE = re.compile(
    _OTHER_ZH + r".{0,30}(?:(?:我|家人|大家)?(?:该|能|要|可以)?(?:怎么|如何|怎样)(?:去)?"
    r"(?:帮|劝|安慰|陪|开导|支持|救|拉|面对)"
    r"|(?:帮|劝|安慰|陪|开导|支持|救)(?:助)?(?:一下)?(?:他|她|他们|ta|TA)|我(?:该|能|可以)(?:为(?:他|她))?做(?:些|点)?(?:什么|啥))"
    r"|" + _OTHER_EN + r".{0,80}\b(?:how (?:can|do|should|could) i (?:help|support|talk to|reach|approach|be there)"
    r"|what (?:should|can|do|could) i (?:say|do)|help (?:him|her|them)|support (?:him|her|them))"
    r"|\b(?:how (?:can|do|should|could) i (?:help|support)|what (?:should|can|do) i say to) (?:a |my )?"
    + _OTHER_EN[2:],
    re.IGNORECASE)


# Someone offering to pay the asker's debt ("我爸妈说要帮我还"): about money; the crisis rules above still decide first,
# the semantic screen had put it beside "交代后事".
_OFFER_TO_PAY_RE = re.compile(
    "(?:爸|妈|父母|家里|家人|老公|老婆|亲戚|朋友|哥|姐|弟|妹).{0,6}(?:要|愿意|想|会|打算)?帮我还")


def is_crisis(text: str, screen: SemanticScreen | None = None) -> bool:
    """True on any self-harm signal, direct or indirect. Wins over every other intent.

    The rules decide first; with a screen, a message no rule matched is compared with the crisis exemplars."""
    if _THIRD_PARTY_RE.search(text):
        return False
    if CRISIS_RE.search(text):
        return True
    if screen is None or _OFFER_TO_PAY_RE.search(text):
        return False
    sims, failed = screen.look(text)
    if failed:  # the model failed on this message: broader crisis words decide it, leaning to recall
        from bot.safety.recall import leans_to_crisis

        return leans_to_crisis(text)
    if not semantic_crisis(text, screen.calibration, sims):
        return False
    # A request the refusal rules recognise, nearer the harmful bank than the crisis bank as a whole, is that
    # request: "怎么躲催收 让他们永远找不到我" is evasion, though its last clause alone sounds like a farewell.
    return not (sims[0].harmful > sims[0].crisis and _rule_category(text) is not None)


# ---------------------------------------------------------------- harmful requests

def _alt(*parts: str) -> str:
    """Join alternatives into one regex group (keeps long pattern lists readable)."""
    return "(?:" + "|".join(parts) + ")"


# A "how / help me / where can I" marker in front of a harmful act makes it a request.
_ASK_ZH = _alt(
    "怎么", "怎样", "如何", "咋", "教我", "教教我", "帮我", "帮忙", "给我", "有没有(?:办法|方法|渠道|人)",
    "哪里(?:能|可以|有)", "哪儿", "求", "找人", "能不能", "可以", "想", "要", "方法", "技巧", "攻略", "办法", "打算",
    "准备")
_ASK_EN = _alt(
    "how (?:do|can|could|should) i", "how to", "help me", "teach me", "where can i", "is there a way to",
    "ways? to", "can you", "i want to", "i need to", "tips? (?:for|on|to)", "write (?:me )?", "make me", "give me",
    "draft (?:me )?", "can i", "could i", "should i", "i'?m going to", "i plan to", "i'?d like to", "best way to",
    "safest way to", "how would i")
# People whose identity or accounts a borrower might misuse (or park assets with).
# One group, so "{_WHO}?" makes the whole person optional — not just its last part ("用我的身份证借" is the
# borrower's own ID, or a victim's: "老公背着我用我的身份证借了网贷").
_WHO = ("(?:(?:我)?(?:的)?(?:别人|他人|家人|家里人|朋友|父母|父亲|母亲|爸爸?|妈妈?|老人|室友|同学|同事|亲戚|邻居|"
        "老婆|老公|媳妇|对象|男朋友|女朋友|[表堂]?[哥姐弟妹]|舅舅?|姑姑?|叔叔?|阿?姨|爷爷|奶奶|外公|外婆|姥姥|姥爷|岳父|岳母|公公|婆婆|儿子|女儿))")
_WHO_EN = (r"(?:my |a |his |her |their )?(?:relative|cousin|mom|mum|mother|dad|father|brother|sister|wife|husband|"
           r"girlfriend|boyfriend|friend|uncle|aunt|grandma|grandpa|grandmother|grandfather|roommate|son|daughter|"
           r"partner|parents?|neighbou?r|someone(?: else)?|somebody(?: else)?|another person|other people|"
           r"[a-z]+ member)'?s?")


@dataclass(frozen=True)
class _Rule:
    category: str
    pattern: re.Pattern[str]
    also: re.Pattern[str] | None = None  # a second condition anywhere in the message

    def matches(self, text: str) -> bool:
        return bool(self.pattern.search(text)) and (self.also is None or bool(self.also.search(text)))


def _zh(category: str, *acts: str, request: bool = True, also: str | None = None) -> _Rule:
    body = f"{_ASK_ZH}.{{0,12}}{_alt(*acts)}" if request else _alt(*acts)
    return _Rule(category, re.compile(body), re.compile(also) if also else None)


def _en(category: str, *acts: str, request: bool = True, also: str | None = None) -> _Rule:
    body = f"{_ASK_EN}.{{0,40}}{_alt(*acts)}" if request else _alt(*acts)
    return _Rule(category, re.compile(body, re.IGNORECASE), re.compile(also, re.IGNORECASE) if also else None)


# Papers a borrower might be tempted to fake (or be shown a fake of).
_FAKE_PAPER = (r"(?:documents?|papers?|judg?ments?|orders?|notices?|summons|rulings?|decisions?|letters?|notes?|"
               r"certificates?|statements?|payslips?|pay ?stubs?|(?:salary |wage )?slips?|receipts?|proof|records?|"
               r"contracts?|diagnos[ie]s|"
               r"id|income|stamps?|seals?|chops?|signatures?)\b")
_PURSUERS = "(?:催收|法院|强制执行|执行|传票|起诉|债主|银行|平台|网贷|债权人|律师|他们)"
# Photoshop as a verb ("P一张流水", "ps一下"), not a letter of an English word ("app能扣我余额吗" was refused)
_PS = r"(?<![A-Za-z])(?:PS|ps|P|p)(?![A-Za-z])"
_COLLECTOR = "(?:催收(?:员|的|人员|公司)?|催债的|讨债的|放贷的|债主)"

_RULES: list[_Rule] = [
    # "borrow … and never pay back" is deliberate default before it is evasion
    _en("fraud",
        # "…and now cannot pay" is hardship, not a plan: "not" as a word, not after can/could/do/did
        r"(?:borrow|max out|take (?:out )?(?:a )?loans?)\b.{0,30}(?<!can )(?<!could )(?<!do )(?<!did )"
        r"\b(?:never|not) (?:pay|repay)(?:ing)?"
        r"(?: (?:it |them )?back)?",
        request=False),
    # evading collectors, courts, enforcement
    _zh("evade",
        f"躲(?:避|开|过|掉)?{_PURSUERS}",
        "逃(?:避|过)?(?:债|还款|执行|法院|传票|催收)",
        "不被(?:找到|催收|起诉|执行|找上门)", "跑路", "赖(?:账|掉)", "不(?:用|还)也不会被",
        "让(?:他们|催收|银行)找不到", "换(?:号|手机号|城市).{0,6}躲", "(?:一分钱|钱)?都不(?:用)?还(?:的办法)?"),
    _zh("evade",
        f"{_PURSUERS}(?:和|跟|、|或)?{_PURSUERS}?(?:都|就|永远|再也|彻底)?(?:找不到|联系不上|联系不到|找不着|查不到)我",
        "(?:永远|彻底)(?:联系不上|找不到)", "玩消失",
        "传票.{0,6}(?:送不到|收不到|不被送达)", "(?:躲|逃|避|拒收|不签收)(?:开|过|掉)?.{0,4}(?:传票|送达|诉讼|官司)",
        "(?:换|关|扔|停|注销)(?:掉|个|了)?(?:手机|电话|号码|手机号|号|卡).{0,12}(?:换|搬|去|躲)(?:个|到)?(?:城市|地方|外地|老家)",
        request=False),
    _en("evade",
        r"(?:avoid|evade|dodge|duck|hide from|escape|ignore)\s+(?:the\s+)?(?:debt ?)?"
        r"(?:collectors?|court|bailiffs?|enforcement|summons|lenders?)",
        "never (?:have to )?(?:pay|repay)", "skip town", "disappear so", "not (?:have to )?pay (?:it|them) back"),
    _en("evade",
        r"(?:dodge|avoid|evade|duck|escape|hide from|ignore) (?:being )?(?:a |the )?(?:court )?"
        r"(?:summons|served|papers|service of process)",
        r"(?:can'?t|cannot|never|won'?t|couldn'?t) (?:ever )?(?:find|reach|track|locate|contact|trace) me",
        r"track me down", r"(?:change|switch) (?:my )?(?:phone )?number and (?:move|leave|disappear)",
        r"(?:skip|miss on purpose|not (?:show up|turn up|go) (?:to|for)) (?:the |my )?(?:court )?(?:hearing|trial)",
        request=False),
    # forged or edited documents / fake evidence
    _zh("forge",
        "伪造", "造假", "做假", "做个假",  # "把我的照片P图", "催收P图说我是骗子": what a collector did to the asker
        "(?<!照片)(?<!头像)(?<!催收)(?<!他们)(?<!对方)" + _PS + "(?:一)?(?:张|个|份)?.{0,4}(?:图|流水|证明|截图|凭证)",
        # a court's or an authority's paper made up ("P一份法院的调解书", "做一张撤诉通知")
        "(?:" + _PS + "|做)(?:一)?(?:张|个|份).{0,8}(?:裁定书|判决书|调解书|撤诉|通知书|传票|公章)",
        # a hardship paper made up ("P一张医院的诊断证明拿去申请停息挂账")
        "(?<!照片)(?<!催收)" + _PS + "(?:一)?(?:张|个|份).{0,8}(?:证明|病历|诊断书|流水|工资条)",
        "开(?:个|张)?假", "弄(?:个|张)?假", "(?:怎么|如何|帮我|教我)编(?:个|一个|些)?(?:理由|借口|故事|说法|病)",
        "假(?:的)?.{0,4}(?:流水|证明|工资|收入|病历|诊断|合同|材料|证件|发票|离职|失业|住院|截图|凭证)",
        "(?:改|修改|篡改).{0,6}(?:截图|凭证|回单|收据|转账记录|还款记录)", "让.{0,6}以为我(?:已经|按时)?还",
        "(?:改|修改|篡改|编辑|(?<![自移变被])动|" + _PS + ")(?:一下|下)?.{0,8}"
        "(?:银行流水|流水|对账单|余额|工资条|收入证明)",
        "(?:流水|对账单|工资条|收入证明|余额|回单).{0,10}(?:改|修改|篡改|" + _PS + ")(?:一下|大|高|多|成|掉)",
        request=False),
    # passing a message off as a court, the police or a lawyer; frightening a debtor into paying ("吓唬欠我钱的人")
    _zh("impersonate",
        "冒充(?:一下)?(?:法院|法官|公安|警察|派出所|检察院|律师|律所|政府|监管|银保监|金融监管)",
        "(?:以|用|装成|假装(?:是)?)(?:法院|法官|公安|警察|派出所|检察院|律师|律所)(?:的)?(?:名义|口吻|身份|人)"),
    _zh("impersonate", "(?:吓唬|恐吓|威胁|吓)(?:一下)?.{0,6}(?:欠我钱|借我钱|欠钱不还|债务人|老赖)", request=False),
    _en("impersonate",
        r"(?:pretend(?:ing)? to be|impersonat\w*|pos(?:e|ing) as|posing as|in the name of) (?:the |a |an )?"
        r"(?:court|judge|police|officer|lawyer|attorney|law firm|bailiff|regulator)"),
    # "fake" as a verb ("fake a letter from my employer") is the act; as an adjective ("a collector sent a fake
    # lawyer letter", "is this a fake court document?") it describes a trick played on the asker, so the adjective
    # forms below need a request ("help me…", "where can I get…") or a maker's verb ("write me a fake…").
    _en("forge",
        r"\b(?:forge|make up|invent|fabricate) (?:a |an |my |the )?(?:\w+ ){0,3}(?:letter|note|certificate|record|"
        r"proof|statement|payslip|receipt|contract|diagnosis|excuse|story)s?\b",
        r"\bfake (?:a|an|my|some|up) (?:\w+ ){0,3}(?:letter|note|certificate|record|proof|statement|payslip|receipt|"
        r"contract|diagnosis|excuse|story)s?\b",
        "forg(?:e|ed|ing) (?:a |an |the |my )", r"forged (?:\w+ )?(?:stamp|seal|chop|signature)", "photoshop (?:a|my)",
        "falsif",
        r"\b(?:edit|alter|change|doctor|fake) (?:a |the |my )?(?:payment )?(?:receipt|screenshot|transfer record)",
        r"\b(?:edit|alter|change|doctor|modify|tweak|adjust|photoshop|fiddle with)\b.{0,30}"
        r"(?:bank statement|statement|payslip|pay ?stub|salary slip)",
        r"(?:bank )?statement.{0,20}(?:show|look like) (?:more|higher|bigger)",
        r"\b(?:write|make|draft|create|generate|produce|prepare|type|mock|fabricate|print|put together|get|buy|need|"
        r"want|submit)"
        r"(?: me| us| up)?(?: up)? (?:a |an |some |the )?(?:fake|false|bogus|phony|forged|counterfeit) (?:\w+ ){0,3}"
        + _FAKE_PAPER,
        request=False),
    _en("forge", r"\b(?:use|show|send|hand in) (?:them |the bank |the lender )?(?:a |an |some )?"
        r"(?:fake|false|bogus|phony|forged|counterfeit) (?:\w+ ){0,3}" + _FAKE_PAPER),
    # hiding assets from enforcement
    _zh("hide_assets",
        "(?:转移|隐匿|隐藏|藏(?:起来)?)(?:财产|资产|房子|存款|钱|工资)", "假离婚",
        "(?:财产|房子|车|存款|工资).{0,8}(?:不被|不让|免得|以免)(?:法院|执行|冻结|查封|扣)",
        "不被(?:冻结|查封|强制执行)", "(?:转|过户|挂|放)(?:到|给).{0,8}(?:名下|账户).{0,8}(?:不被|躲|逃|以免|免得)",
        "(?:过户|转移).{0,10}(?:躲|逃)(?:掉|避|过)?(?:强制)?执行"),
    _zh("hide_assets",
        "(?:转|转移|挪|藏|过户|挂|放|打)(?:到|给|在).{0,10}(?:卡|名下|账户|账上|那里|那儿)"
        ".{0,14}(?:法院|执行|冻结|查封|扣|查不到|找不到|发现不了)",
        "(?:钱|存款|财产|房子|车|工资|资产).{0,10}(?:放|藏|转|存)(?:在|到)?(?:哪|哪里|哪儿).{0,10}"
        "(?:找不到|查不到|冻结不了|执行不了|不被|发现不了)",
        "(?:过户|挂|转|登记)(?:到|给|在)?.{0,10}(?:名下|名字下).{0,10}(?:避免|防止|躲避|逃避|规避|不被|以免|免得)",
        "工资.{0,6}(?:发现金|不打卡|别打卡|不走卡)", f"(?:过户|转|挂|挪|转移)(?:到|给){_WHO}",
        request=False, also="(?:执行|法院|冻结|查封|扣|查不到|找不到)"),
    _en("hide_assets",
        "(?:hide|transfer|move|shelter|stash) (?:my |all my )?(?:assets|money|savings|property|income|salary|cash)",
        "(?:so|that) the court (?:can'?t|cannot|won'?t) (?:seize|freeze|take|find)",
        "(?:assets|money|savings|account)s? (?:from|before) (?:the )?(?:court|enforcement|freez|seiz)"),
    _en("hide_assets",
        r"(?:hide|transfer|move|shelter|stash|put|park|keep) (?:my |all my |the |our )?"
        r"(?:assets|money|savings|cash|property|house|car|salary|income|funds)\b",
        request=False,
        also=r"court|enforcement|judgment|judgement|freez|seiz|creditors? (?:can'?t|won'?t)|can'?t find|bailiff|"
             r"can'?t (?:take|touch|get|reach)|won'?t (?:take|touch|get)"),
    # someone else's identity
    _zh("identity",
        f"(?:用|借用|冒用|盗用|买|拿){_WHO}?的?身份(?:证|信息)?(?:去|来)?(?:借|贷|办|申请)",
        f"(?:用|拿|借|借用|冒用|盗用|偷用|刷|弄|搞|找|租|买)(?:个|张|一个|一张)?{_WHO}的?"
        "(?:名义|身份|身份证|证件|手机号|人脸|脸|名字)",
        f"以{_WHO}的?名义.{{0,4}}(?:借|贷|办|申请)", f"(?:在|用){_WHO}(?:的)?名下.{{0,4}}(?:借|贷|办)",
        "(?:买|租)(?:个|张)?身份证",
        # "他/她" is often the one who borrowed ("老公用他的名义借的…要我还吗"): only the asker's own plan counts
        "(?:教我|帮我|我们?想|我们?要|我怎么|怎么|如何|能不能|(?:^|(?<=[我，,。！？!? ]))能否?|可以|可不可以)"
        "(?:偷偷|悄悄)?(?:用|拿|借用|冒用|盗用)(?:他|她)的?"
        "(?:名字|名义|身份证?|证件|信息|资料).{0,8}(?:借|贷|办|申请)",
        request=False),
    _en("identity",
        "(?:someone(?: else)?|somebody(?: else)?|another person|my [a-z]+|other people)'s (?:id|identity|name|id card)",
        "(?:buy|rent|borrow) (?:an? )?(?:id|identity)"),
    _en("identity",
        rf"(?:in|under|with|using|use|borrow) {_WHO_EN} "
        r"(?:id|identity|id card|identity card|name|documents?|details)\b",
        request=False, also=r"loan|borrow|credit|apply|approv|card|lend"),
    # credit-card cash-out
    _zh("cashout", "套现", "养卡", "刷卡提现", "(?:信用卡|花呗|白条).{0,6}(?:取现到|变现|提现出来)",
        "(?:POS|pos)机?.{0,10}(?:刷|套|弄|取).{0,8}(?:出来|现|钱)",
        "刷(?:自己的)?(?:信用卡|卡).{0,8}(?:把钱)?(?:弄|取|套|提)出来",
        "(?:花呗|白条|信用卡额度|信用卡的额度).{0,8}(?:提现|变现|套出|取出来|弄出来|转到(?:银行卡|卡上))",
        request=False),
    _en("cashout", "cash(?:ing)?[- ]?out (?:my |a |the )?(?:credit )?card", "card cash[- ]?out",
        r"(?:credit )?card (?:limit )?(?:into|to) cash"),
    # threatening, doxxing or intimidating collectors
    _zh("threaten",
        "(?:威胁|恐吓|报复|吓唬|教训|弄死|曝光|人肉|骚扰|开盒|轰炸|呼死)(?:一下)?(?:催收|催收员|那个催收|他们|放贷|债主)",
        # "天天打他们电话" is collectors calling the asker's parents
        "打(?:一下)?(?:催收|催收员|那个催收|他们|放贷|债主)(?!的?电话)",
        "(?:催收|催收员|放贷的?).{0,8}(?:家人|家庭住址|住址|电话|孩子|老婆).{0,6}(?:曝光|公开|发到|人肉|查到)",
        "(?:查|找|人肉|打听).{0,8}(?:催收|催收员|放贷的?|他|她).{0,4}(?:住址|家住|住哪|家在哪|家人|身份证|单位)",
        "(?<!我的)(?<!我)(?:信息|照片|电话|身份).{0,4}(?:挂|发|曝光|公开)(?:到|在)?网上",  # not the asker's own
        "(?:威胁|恐吓)(?:的)?(?:话术|短信|话)", "吓(?:唬|退)(?:催收|他们)",
        "(?:写|编|想|拟|来|发)(?:一)?(?:段|条|个|封|些|几句)?(?:威胁|恐吓|吓唬人|吓人|狠|警告)(?:的|一点的)?"
        "(?:话|短信|信息|消息|话术|信)",
        "狠话", "(?:找|叫|喊)(?:几个|一些|些|一帮)?(?:人|兄弟|朋友)(?:去)?(?:堵|打|揍|教训|收拾|吓唬|找)(?:一下)?"
        "(?:那个|这个)?(?:催收|他|她|放贷)",
        "(?:吓唬|恐吓|威胁|报复|教训|收拾)(?:一下)?(?:他|她|对方)",
        request=False),
    # "I know where your wife and kids live" is a threat even without a threatening word
    _zh("threaten",
        "(?:知道|查到|找到|摸清)(?:了)?(?:你|他|她)?(?:的)?(?:老婆|妻子|老公|孩子|儿子|女儿|家人|家里人|父母|爸妈)"
        ".{0,4}(?:住哪|住在哪|在哪|住址|家在哪|学校|在哪上班|单位)",
        request=False, also="催收|催债|放贷|债主|小心|等着|走着瞧"),
    # "帮我写条短信回他，就说我知道他家住哪，让他小心点": the asker's own message to the collector. A collector's
    # message quoted to us says "你家" and "让你" ("催收发短信说我知道你家住哪，让你小心点"): not caught.
    _zh("threaten",
        "我(?:们)?(?:已经)?(?:知道|查到|找到|摸清|打听到)(?:了)?(?:他|她|他们)(?:的)?家?(?:住哪|住在哪|在哪住|住址|家在哪|地址)",
        request=False, also="就说|回他|回复他|让他|叫他|告诉他|跟他说|(?:帮我|给我|替我)(?:写|编|拟|回|发)"),
    _zh("threaten",
        f"{_COLLECTOR}(?:的)?(?:老婆|妻子|老公|孩子|儿子|女儿|家人|家里人|父母|爸妈|爸|妈|家)",
        request=False,
        also="(?:吓|威胁|恐吓|狠|教训|收拾|堵|报复|发给|写给|写一?段|短信|找上门|去他家|上学|学校|曝光)"),
    _en("threaten",
        "(?:threaten|intimidate|scare|frighten|dox|doxx|harass|get back at|hurt|beat up|expose) "
        "(?:the |a |this |that )?"
        "(?:debt )?(?:collectors?|lenders?|agents?)",
        "(?:home )?address of (?:the |a )?(?:debt )?collector", "collector'?s? (?:home|family|address|wife|kids)",
        "threatening (?:message|letter|text|script|note)", "scare (?:the |a |this |that )?(?:debt )?collectors?"),
    _en("threaten",
        r"(?:find|get|look up|track down)\s+(?:the\s+)?(?:home\s+)?(?:address|family|phone number)s? of "
        "(?:the |a |that |this )?(?:debt )?collectors?",
        r"where (?:the |that |this |his |her )?(?:debt )?collector (?:lives|lives?)",
        r"(?:i |we )?know where (?:his|her|their) (?:kids|children|family|wife|husband)",
        r"pay (?:him|her|them) a visit", r"(?:threaten|scare|intimidate|frighten)\w* (?:the |a |his |her )?"
        r"(?:debt )?collector'?s (?:family|wife|husband|kids|children)",
        request=False),
    # usurious IOUs / disguising rates (lender side), intimidation scripts for collecting
    _zh("usury",
        "(?:借条|借款合同|合同).{0,10}(?:写高|多写|虚增|把利息写进本金|规避|绕过)", "阴阳合同",
        "砍头息.{0,4}(?:怎么|如何|怎样)(?:收|扣|操作)", "(?:怎么|如何|帮我)(?:写|收|扣|弄|操作|设计).{0,4}砍头息",
        "(?:放贷|放款).{0,10}(?:利息|年化).{0,8}(?:规避|绕过|不违法|查不到)",
        "(?:收|要|讨)债.{0,6}(?:话术|吓|恐吓)", "利息.{0,6}(?:算进|写进|计入|放进)本金",
        "让(?:他|她|对方)告不(?:了|赢)", "利息.{0,10}(?:看起来|显得).{0,6}(?:不超|没超|合法)",
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
    _zh("tamper",
        "(?:花钱|付钱|给钱|交钱|出钱|塞钱|送钱|交\\d+|花\\d+|给\\d+|花多少钱|多少钱能|找人|找关系|托关系|走关系|托人|"
        "内部人员|内部关系).{0,14}(?:删|消|洗|抹|撤|清|改|去掉|没了)",
        request=False, also="(?:征信|逾期|记录|黑名单|不良)"),
    # breaking into the system that holds the record ("有没有技术手段能进征信系统把我的逾期记录删掉")
    _zh("tamper",
        "(?:技术手段|黑客|黑进|入侵|侵入|破解|攻破|后台|内部系统).{0,12}(?:征信|信用记录|逾期记录|不良记录|银行系统)",
        "(?:进|进入|黑进|侵入|入侵)(?:到)?(?:征信|银行|人行)(?:的)?系统",
        request=False, also="删|改|消|抹|清|洗|去掉"),
    _en("tamper",
        r"\bhack\w* (?:into )?(?:the |my )?(?:credit|pboc|central bank|bank'?s?) ?"
        r"(?:system|bureau|report|database|record)?",
        request=False, also=r"record|report|delete|remove|erase|wipe|change|late|overdue"),
    _en("tamper",
        r"(?:delete|erase|remove|wipe|scrub|get rid of)\b.{0,30}\b(?:from|on|off) (?:my )?credit "
        "(?:report|record|file)",
        "pay (?:someone |a company )?to (?:delete|remove|clean|fix|repair|wipe)",
        r"(?:pay|paying|paid|bribe)\b.{0,30}\b(?:to )?(?:delete|remove|erase|wipe|scrub|clean)\b",
        r"\b(?:delete|remove|erase|wipe|scrub|clean)\b.{0,50}\b(?:if|when|once|after) i pay\b",
        r"\b(?:delete|remove|erase|wipe|scrub|clean)\b.{0,50}\bfor (?:a fee|money|cash)\b",
        request=False, also=r"credit|record|late payment|overdue|report|file"),
    _en("tamper",
        "(?:delete|erase|remove|wipe|clean|scrub|change|alter|edit) (?:the |my |a |this )?"
        "(?:negative |late |overdue |bad )?(?:(?:payment|credit) )?(?:records?|history|entries|entry|marks?) "
        "(?:from|on|in) (?:my )?credit",
        "(?:delete|erase|remove|wipe|clean|scrub|fix) (?:my )?credit (?:report|record|history)",
        "pay (?:someone |a company )?to (?:clean|fix|repair|wipe) (?:my )?credit"),
    # loans that skip credit checks / illegal lenders
    _zh("no_check",
        "(?<![上查看审])不(?:用|需要|需)?(?:查|看|上|审|审核|管)(?:征信|负债|大数据)的?(?:贷款|网贷|借款|口子|平台|app)?",
        "秒下(?:的|款)?(?:贷款|网贷|口子|平台|app)?",
        "无视(?:征信|黑白|负债)",
        "黑户(?:也)?(?:能|可以)?(?:借|贷|下款)", "(?:秒|必|包)下款", "征信花了?(?:也)?(?:能|可以)(?:下款|借)",
        "(?:哪里|哪个|什么).{0,6}(?:口子|平台).{0,6}(?:能下|好下|必下)", "(?:有没有|推荐).{0,6}(?:口子|黑口子)",
        "黑口子", "直接下款", "秒批", "包过",
        # a 高炮 sought, not one already borrowed ("借了个714高炮 现在逾期了" is a question for the articles)
        "(?:哪里|哪儿|哪个|哪家|有没有|推荐|求|找|介绍).{0,8}(?:714|高炮)",
        "征信(?:黑了|花了|不好|烂了|很差|差).{0,10}(?:哪里|哪儿|哪个|什么|推荐).{0,8}(?:借|贷|下款|口子|平台)",
        request=False),
    _en("no_check",
        r"(?:loans?|lenders?|apps?|borrow)\b.{0,25}(?:no|without|skip(?:s|ping)?|doesn'?t|don'?t) "
        "(?:a |any )?(?:credit check|check(?:ing)? (?:my |your )?credit|look(?:ing)? at (?:my )?credit)",
        "no[- ]credit[- ]check", "guaranteed (?:loan )?approval",
        r"(?:lenders?|loans?|apps?)\b.{0,30}\b(?:ignor\w*|don'?t care about|regardless of) (?:my |your |bad )?"
        r"(?:credit|credit scores?|credit history)",
        request=False),
    # malicious overdraft / deliberate default
    _zh("fraud",
        "(?:套|骗)(?:贷|钱|取贷款)", "恶意透支", "借了(?:就)?不(?:打算|准备)?还", "刷爆.{0,6}(?:跑|不还)",
        "骗(?:银行|平台|网贷)"),
    _zh("fraud",
        "刷(?:爆|完|光|空)(?:了)?.{0,10}(?:就)?(?:跑|不还|出国|消失)",
        "多借(?:几|一些|点|些).{0,10}(?:然后|再|就)?.{0,4}(?:不还|出国|跑|消失|失联)",
        "(?:借|贷)(?:完|了|到手)?.{0,6}(?:然后|就).{0,8}(?:出国|跑路|跑了|消失|失联|玩失踪)",
        "(?:假|虚假)(?:的)?(?:资料|信息|材料|身份).{0,12}(?:借|贷|套|骗|申请)",
        request=False),
    _en("fraud",
        "loan fraud", "scam (?:the |a )?(?:bank|lender)",
        request=False),
]

# A question *about* a practice is education, not a request: "…是骗局吗", "is that legal?", "会怎样".
_ABOUT_ZH = re.compile(_alt(
    "骗局", "骗子", "是(?:不是|否)(?:真的|骗|违法|合法|犯罪)", "靠谱吗", "可信吗", "可靠吗", "真的(?:能|可以|有用)?吗",
    "(?:违法|合法|犯法|犯罪)(?:的)?吗", "会坐牢", "会被判", "坐牢吗", "判刑", "会被抓", "被抓吗", "抓我吗", "拘留吗",
    "会被拘留", "后果", "会怎(?:么|样)", "上当", "被骗", "遇到",
    # whether money can remove a record ("逾期能花钱消掉吗"): the lawful answer, not a refusal of a request
    "(?:能|可以)花钱(?:把.{0,8})?(?:消|删|洗|去)(?:掉|除|白)?(?:吗|么)", "(?:能不能|可不可以|能否)花钱(?:消|删|洗|去)",
    # whether a debt must be repaid at all ("有些网贷不上征信，是不是就可以不还"): the answer is the law, not a refusal
    "是(?:不是|否)(?:就)?(?:可以|能|不用|不必|不需要)(?:不)?(?:还|用还)(?:了|钱)?(?:$|[吗么呢，。,.？?])",
    "花钱(?:就)?(?:能|可以)(?:消|删|洗)(?:掉|除|白)?(?:吗|么)",
    # whether someone paid can do it ("找征信修复公司，能把逾期删掉吗"): a yes/no on the act, not a request for it
    "(?:能|可以)(?:把.{0,10})?(?:消|删|洗)(?:掉|除|白)(?:吗|么)",
    "碰到", "举报", "投诉", "(?:可以|能|能不能|可不可以|该不该|要不要|应该)报警|报警(?:有用|管用)?(?:吗|么)",
    "(?:法院)?(?:认|承认|支持)(?:吗|不认|不支持)", "有效吗",
    # "逾期了怎么办" asks what to do; in "怎么办假的收入证明" / "怎么办理" 办 is the verb "to make, to get done"
    "(?:怎么|咋)(?:办(?![假个张份一理])|处理|应对)",
    # a forgery suspected or suffered ("我怀疑平台的合同是伪造的", "对方伪造了我的签名"): done to the asker
    "怀疑.{0,20}(?:伪造|造假|假的)", "(?:是|被)伪造(?:的)?", "(?:对方|他们|催收|平台|机构|银行|他|她|有人)伪造(?:了)?",
    # what counts as the practice ("砍头息怎么认定", "什么情况算恶意透支"): the legal test, not a method
    "(?:怎么|怎样|如何|咋)(?:认定|界定|判定|定义|区分)", "(?:什么|哪些)(?:情况|行为)(?:下)?(?:算|属于|构成)",
    "算数吗", "正规(?:的)?吗", "合规吗", "(?:要|需要|得|用)(?:负责|承担|还)(?:吗|么)", "负责吗",
    # deciding about someone else's offer ("…要先交一半定金，我要不要交"): answered as education, and the
    # scam checker reads the offer (bot/engine/scam)
    "(?:要不要|该不该|应不应该)(?:先)?(?:交|给|付|转|汇|信|相信|答应|照做|试)", "能信吗", "信得过吗", "真的假的",
    # retelling an offer; a message may open with the claim when the turn before named who made it ("有人说能帮我
    # 修复征信" then "说可以把逾期记录删掉")
    "是不是真的",
    # … or after a comma, its subject the one just named ("有个自称银保监会工作人员的加我微信，说可以帮我消除征信逾期")
    "(?:^|[，,]\\s*|有人|朋友|中介|对方|他|她|他们|人家|客服|公司|机构)(?:说|讲|告诉我|声称|号称).{0,12}(?:能|可以|包)",
    "(?:要|该|应该|能|可以)(?:先)?(?:交|给|付|转|汇|信|相信|答应|照做)(?:钱|他|她|他们|它)?(?:吗|么)",
    "(?:要|该|应该)(?:去)?找(?:他|她|他们|它|这家|这个)(?:吗|么)",
))
_ABOUT_EN = re.compile(_alt(
    r"\bscam\b", r"\blegit(?:imate)?\b", r"\bis (?:it|that|this) (?:legal|illegal|a crime|real|true)\b",
    r"\bcan they\b", r"\bwhat happens\b", r"\breport (?:it|them|this|him|her)\b", r"\bcomplain\b",
    r"\bvictim\b", r"\bgo to (?:jail|prison)\b",
    # whether a credit-repair firm can do it ("can a credit repair company remove my late payments?")
    r"\b(?:can|could|will|would|do|does) (?:a |an |the |these |those |any )?credit[- ](?:repair|fix|cleaning)"
    r" (?:compan(?:y|ies)|agenc(?:y|ies)|services?|firms?|people)\b",
    r"\bis (?:it|that|this) (?:genuine|fake|a trick)\b",
    r"\bshould i (?:pay|trust|believe|transfer|send (?:them|him|her|it|the money)"
    r"|give (?:them|him|her) (?:the )?money)\b",
    # a call or message retold ("someone called saying … I need to transfer money to a safe account. real?"):
    # what was done to the asker, the scam articles' question
    r"\b(?:someone|somebody|a (?:man|woman|guy|person|caller)|they|he|she) (?:called|phoned|rang|texted|messaged)"
    r"(?: me)?,? (?:and )?(?:saying|said|claiming|to say|told me)\b",
    r"\b(?:real|true|genuine)\s*\?+\s*$",  # ("legit" anywhere is above)
    # an offer retold ("someone said they can delete my overdue records for a fee"), as "有人说…能" above
    r"\b(?:someone|somebody|a (?:man|woman|guy|person|company|firm|agency|agent|broker)|an agency|an agent|they|he|"
    r"she)\b[^.?!]{0,20}?\b(?:said|says|told me|claims?|claimed|offered|promised)\b[^.?!]{0,20}?"
    r"\b(?:can|could|will|would|to)\b",
    # whether paying someone can do it ("can I pay an agency to delete the overdue records"): a yes/no on the act,
    # as "能花钱消掉吗" above
    r"\b(?:can|could) i (?:pay|hire) (?:an? |the |some )?(?:\w+ )?(?:agency|agencies|company|companies|firm|"
    r"service|agent|broker|someone|somebody|people|person)s? to\b",
), re.IGNORECASE)
# Asking for the act itself outweighs words like "后果" in the same message.
_INSIST_RE = re.compile(_alt(
    "教我", "帮我(?:做|弄|搞|写|找)", "给我(?:做|写|弄)", "我(?:想|要|打算)(?:去)?(?:找(?:他|她|他们)|办|试试)",
    "help me (?:to )?(?:make|write|fake|hide|find)", "teach me",
    # hiring the one who made the offer ("I want to pay a guy who says he can erase…") is asking for the act
    r"\bi (?:want|plan|need|'m going|am going) to (?:pay|hire|use|find|get) (?:an? |some |the |this |that )?"
    r"(?:guy|man|person|someone|somebody|agency|company|firm|agent|broker|people)\b",
), re.IGNORECASE)

# Removing a *wrong* record is the lawful dispute (异议) route, not tampering.
_DISPUTE_RE = re.compile(_alt(
    "错误", "有误", "有错", "搞错", "错了", "不实", "不是我", "被冒用", "盗用我", "异议", r"\berror", r"\bmistake",
    r"\bwrong\b", r"\bincorrect", r"\binaccurate", r"\bnot mine\b", r"\bisn'?t mine\b", r"\bidentity theft",
    r"\bdispute", r"\bnever (?:took|borrowed|applied)",
), re.IGNORECASE)
# Borrowing in a spouse's or partner's name *together* ("我们明年想用他的名字贷款买房") is their own loan, not a
# stolen identity — unless it is done behind their back.
_TOGETHER_RE = re.compile(_alt("我们", "咱们", "我俩", "他同意", "她同意", r"\bwe\b",
                               r"\bwith (?:his|her|their) consent"), re.IGNORECASE)
_BEHIND_BACK_RE = re.compile(_alt("不知道", "不让(?:他|她)知道", "瞒着", "偷偷", "偷用", "冒用", "盗用",
                                  "without (?:him|her|them)", r"\bsecret", r"\bbehind"), re.IGNORECASE)

def harmful_category(text: str, screen: SemanticScreen | None = None) -> str | None:
    """The category of a harmful request (a key of REFUSALS), or None.

    A question about the practice itself ("征信洗白是骗局吗?", "is cash-out illegal?") is not a request. The
    rules decide first; with a screen, a message no rule matched is compared with the harmful exemplars.
    A request wrapped in "ignore your instructions" (bot.safety.injection) is judged as the plain request."""
    from bot.safety.injection import unwrap

    text = unwrap(text)
    category = _rule_category(text)
    if category is not None or screen is None:
        return category
    return _screened(text, screen)


def screened_category(text: str, screen: SemanticScreen) -> str | None:
    """The semantic layer's verdict alone, for a message the rules have passed already (harmful_category(text) is
    None): a caller that needs the rules' verdict first (a recommendation request) does not run them twice."""
    from bot.safety.injection import unwrap

    return _screened(unwrap(text), screen)


def _screened(plain: str, screen: SemanticScreen) -> str | None:
    """The semantic layer's verdict on a message already unwrapped (bot.safety.injection)."""
    return semantic_category(plain, screen.calibration, screen.similarities(plain))


# A loan that skips the credit check talked about, not sought: whether to repay one, which first, how it differs,
# whether an offer of one is a scam ("上征信的和不上征信的网贷，先还哪个").
_NO_CHECK_HAD_RE = re.compile("要不要还|还不还|用不用还|先还|还哪个|区别|诈骗|骗局|骗子|是真的吗|是不是真的|是不是骗|"
                              "合法吗|正规吗")


def _rule_category(text: str) -> str | None:
    if _about_a_practice(text):
        return None
    dispute = bool(_DISPUTE_RE.search(text))
    had_no_check = bool(_NO_CHECK_HAD_RE.search(text))  # talked about, not sought
    for rule in _RULES:
        if rule.matches(text) and not (rule.category == "tamper" and dispute) and not (
                rule.category == "no_check" and had_no_check) and not (
                rule.category == "identity" and _TOGETHER_RE.search(text) and not _BEHIND_BACK_RE.search(text)):
            return rule.category
    return "usury" if usurious_iou(text) else None


def _about_a_practice(text: str) -> bool:
    return bool(_ABOUT_ZH.search(text) or _ABOUT_EN.search(text)) and not _INSIST_RE.search(text)


# The semantic layer refuses only what is phrased as a request (asking for help, a method, a place, a text):
# a topic-level match alone ("someone offered to clean my record") is a question for the knowledge base.
_REQUEST_RE = re.compile(_alt(
    "帮我", "教我", "(?<![不没])给我", "替我", "帮忙", "我想", "我要", "我打算", "我准备", "我得", "怎么才能",
    "怎样才能", "如何",
    "有没有(?:办法|方法|渠道|人|平台|app|口子)", "有(?:啥|什么)办法", "能不能", "想个?办法", "怎么(?!办|回事|样|会)",
    "咋(?!办)",
    # "先还哪个" asks which debt to repay first, not which lender skips the credit check
    "哪里", "哪儿", "(?<!还)哪个", "推荐", "求", "注意(?:啥|什么)", "操作",
    # an imperative: the message opens with the act ("拿我妈的身份证去…", "给催收的家人写…", "pay someone to…");
    # "借呗还不上了" opens with a product, not with 借, and "借条上写的月息5分" with a paper
    r"^(?:我)?(?:拿|用|给|找|把|弄|做|写|改|花钱|借(?!呗|条|据|款合同|款人)|帮|让|多借|有没有)",
    r"^(?:pay|put|use|borrow|write|draft|make|find|"
    r"get|move|hide|send|give|who can i|any )\b",
    r"\bhelp me\b", r"\bteach me\b", r"\bshow me\b", r"\bwrite\b", r"\bdraft\b", r"\bmake me\b",
    # "the app won't give me proof that I paid off the loan" is a refusal the user suffered, not a request
    r"(?<!won't )(?<!wont )(?<!will not )(?<!doesn't )(?<!didn't )(?<!refuses to )(?<!refused to )\bgive me\b",
    r"\bfind (?:me|out)\b", r"\bhow (?:do|can|could|would|should) i\b", r"\bhow to\b", r"\b(?:best|safest|easiest) way",
    r"\btips?\b", r"\bi (?:want|need|plan) to\b", r"\bi'?m going to\b", r"\b(?:can|could) you\b", r"\bis there a way\b",
    r"\bwhich\b", r"\bwhere can\b", r"\bany (?:app|lender|way)\b",
), re.IGNORECASE)


def semantic_category(text: str, calibration: Calibration | None, sims: list[Similarities]) -> str | None:
    """The semantic layer's refusal category for a message (its similarities from SemanticScreen), with the
    same exceptions as the rules: questions about a practice, helping someone else, disputing a wrong record;
    and only for a message phrased as a request."""
    if calibration is None or not sims or _about_a_practice(text) or _THIRD_PARTY_RE.search(text):
        return None
    if not _REQUEST_RE.search(text):
        return None
    category = calibration.harmful_from(sims[0])
    return None if category == "tamper" and _DISPUTE_RE.search(text) else category


def semantic_crisis(text: str, calibration: Calibration | None, sims: list[Similarities]) -> bool:
    """The semantic layer's crisis verdict: the message or any of its clauses is near a crisis exemplar.

    The weaker one-sided match needs a message with some content: a bare "你好" or "好的" sits oddly close to
    short exemplars of any kind."""
    if calibration is None or not sims or _THIRD_PARTY_RE.search(text):
        return False
    # A clause of three characters ("钱不够") is too short for its nearest exemplar to mean much.
    parts = zip(clauses(text)[1:], sims[1:], strict=False)
    whole = sims[0]
    # A clause speaks for a message only when the message as a whole is not plainly an ordinary debt question:
    # "钱不够还最低" inside "信用卡还款日过了 钱不够还最低 现在咋整" is money, not despair.
    clauses_count = whole.benign - whole.crisis <= calibration.clause_benign_gap
    return (calibration.crisis_from(whole, lean=_has_content(text))
            or (clauses_count and any(calibration.crisis_from(s, clause=True) for part, s in parts
                                      if _long_enough(part))))


def _long_enough(clause: str) -> bool:
    return han_count(clause) >= 4 or len(re.findall(r"[A-Za-z']+", clause)) >= 3


def _has_content(text: str) -> bool:
    return han_count(text) >= 6 or len(re.findall(r"[A-Za-z']+", text)) >= 4
