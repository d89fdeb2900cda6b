"""Crisis, harmful-request and chit-chat detection, and the texts finbot answers them with (zh/en).

Follows design/safety.md. Every decline has four beats: acknowledge → what finbot won't help with and why
→ the lawful alternative → a resource. A crisis message stops the finance talk and puts the hotline first.

Two layers. The rules (word families, not sentences) decide first: they work without a model, in
microseconds, and can be audited by educators. Patterns are written as requests ("how do I…", "help me…",
"怎么…"): a question *about* a harmful practice ("花钱洗白征信是骗局吗?") goes to the knowledge base instead,
and a question about helping someone else in crisis gets the support article, not a crisis reply.
The optional semantic layer (SemanticScreen) compares a message the rules did not decide with a bank of
exemplars (bot/safety/bank.py) using the index's multilingual USE embedder, for phrasings no rule knows.
Its thresholds are the `safety` part of USE's calibration record (bot/calibrations/use.json), chosen with
benchmarks/safety_thresholds.py; crisis favours recall.

Public API:
    is_crisis(text, screen=None) -> bool
    harmful_category(text, screen=None) -> str | None     # key of REFUSALS
    SemanticScreen(embedder) / screen_for_answers()        # the optional semantic layer
    chitchat_kind(text) -> str | None                      # "greeting" | "thanks" | "about"
    crisis_text(lang), refusal_text(category, lang), chitchat_text(kind, lang), capabilities_text(lang)
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)

# ---------------------------------------------------------------- crisis

# Word families, not sentences: death wishes, hopelessness, a method or a place, farewells, "taking the debt
# with me". False alarms are cheap here (the crisis reply is kind and offers to continue with the debt);
# a miss is not. Idioms of annoyance (烦死了, 累死了, "this debt is killing me") stay out.
_CRISIS_ZH = [
    # wishing to die / to end one's life
    r"不想活", r"活不下去", r"不活了", r"不想再活", r"活够了", r"(?<![烦急累气吓困饿热冷忙笑痛疼愁])想死", r"想去死",
    r"(?:我|就|准备|打算|只能|不如|干脆|还是)去死", r"死了算了", r"死掉(?:算了|好了|得了|拉倒)", r"一死了之",
    r"宁(?:愿|可)(?:去)?死",
    r"死了(?:就)?一了百了", r"一了百了", r"不如死", r"干脆死", r"(?<![他她你它])我(?:要是|如果|若是|真)?死了",
    r"自杀", r"轻生", r"寻死", r"自尽", r"自残", r"伤害自己", r"结束(?:自己的?)?生命", r"结束自己", r"了结自己",
    r"了断", r"结束(?:这|掉)?一切", r"让(?:这)?一切(?:都)?结束", r"以死(?:谢罪|相逼|抵债)", r"用命(?:还|抵)",
    # hopelessness
    r"活着(?:也|还)?(?:没|有)(?:什么|啥)(?:意思|意义|盼头)", r"活着(?:没有?|毫无)(?:意思|意义|盼头|希望)",
    r"活着(?:好|太|真|真的)累", r"活着(?:还|又)?(?:为了|图)(?:什么|啥)", r"活着干(?:嘛|什么|啥)",
    # "流水撑不住" (cash flow can't cover it) is about a business, not a person.
    r"(?<!流水)(?<!资金)(?<!生意)(?<!现金流)(?<!公司)(?<!店)撑不(?:下去|住)",
    r"熬不(?:下去|过去|住)", r"坚持不下去", r"扛不下去", r"不想再?(?:撑|坚持|挣扎|熬)了?",
    r"生无可恋", r"万念俱灰", r"心如死灰", r"了无生趣", r"没有?活路", r"(?:没有|没)(?:任何)?希望了",
    r"看不到(?:一点|任何|一丝)?(?:希望|出路|活路)", r"人生(?:没有|毫无|没)(?:意义|希望|意思)", r"走投无路", r"无路可走",
    r"绝望", r"这辈子(?:算是|就|都)?完了", r"(?:想|只想|求|就能|就)解脱(?!出来)", r"解脱(?:了吧|算了|自己)",
    r"(?:想|要|就|不如|干脆)(?:永远)?(?:从这个世界上?)?消失(?!.{0,3}(?:吗|多久|时间))", r"离开这个世界",
    r"没有我.{0,10}(?:更好|轻松|解脱|没负担)", r"我(?:就|只)?是(?:家里|大家|他们|全家)?的?(?:累赘|拖累|负担)",
    r"不想(?:再)?醒(?:过)?来", r"别醒了", r"一睡不醒", r"永远睡(?:过去|下去)", r"睡(?:过去|着)了?就(?:别|不要|不用)醒",
    r"活着(?:没有?|毫无)(?:一点|任何|什么)(?:意思|意义|盼头|希望)", r"(?:没人|没有人)(?:会)?在乎我",
    r"(?:彻底|永远)解脱",
    r"(?:给|留给)(?:家里|家人|爸妈|父母|孩子|老婆|老公).{0,4}(?:写|留)(?:好)?了?(?:一封)?信", r"再也不(?:想)?醒",
    r"死了(?:比活着|反而|倒)?(?:更)?(?:轻松|解脱|好受)", r"喝药", r"买了?(?:一根|根|条)?绳子", r"不配活",
    r"不该活(?:着|下去)?", r"活着(?:就是|只会|只是)?(?:在)?(?:拖累|连累|多余|浪费)", r"多余的人",
    r"不想(?:再)?面对(?:明天|以后|这一切|这个世界|生活)",
    r"(?:出了?什么事|出事了?|有(?:个)?三长两短|不在了)(?:以后|之后)?.{0,12}"
    r"(?:债|网贷|钱|还款|家里|孩子|爸妈)", r"(?:想|在想|琢磨)怎么(?:离开|走)(?:$|[，。,.！!?？]|了)",
    r"(?:孩子|爸妈|父母|家人|老婆|老公|女儿|儿子|我妈|我爸).{0,4}(?:就)?(?:拜托|交给|托付给?)(?:你们|你|大家)了?",
    r"(?:以后|从此|再也)(?:就)?不(?:会)?(?:再)?(?:麻烦|拖累|连累|打扰)(?:大家|你们|家里|家人|任何人)", r"就这么算了",
    r"(?:结束|了结)(?:掉)?(?:吧|算了)?$", r"找个没人的地方", r"没有?(?:什么)?(?:留恋|牵挂)",
    r"不想(?:再)?存在",
    # a method or a place
    r"跳楼", r"跳河", r"跳江", r"跳海", r"跳湖", r"跳桥", r"卧轨", r"割腕", r"烧炭", r"上吊", r"喝农药", r"农药",
    r"百草枯", r"敌敌畏", r"老鼠药", r"安眠药", r"安定片", r"跳下去", r"往下跳",
    r"(?:从|往).{0,8}(?:楼|天台|桥|窗).{0,6}跳",
    r"(?:站|坐|蹲|爬|在|到了|上了|去)(?:在|到|上)?(?:天台|楼顶|顶楼|桥上|河边|江边|海边|湖边|窗台|窗边|阳台)",
    r"药.{0,6}(?:床头|手边|面前|身边|桌上|枕头)", r"(?:一瓶|一板|一堆|一大把|一把)(?:安眠)?药",
    r"(?:天台|楼顶|顶楼).{0,10}(?:好高|往下|风)", r"(?:攒|存|囤|藏|备)(?:了|好|够|下)?.{0,6}药(?!费)",
    r"药.{0,8}(?:攒|存|囤)(?:起来|好|够|下)", r"药.{0,6}(?:够了|应该够|准备好|买好)",
    r"(?:吃|喝|吞)(?:多少|几十|一整瓶|一瓶|一把|一板).{0,4}(?:片|瓶)?.{0,3}(?:药|会死|才够)",
    r"绳子.{0,6}(?:准备|买)好",
    r"刀片", r"(?:炭|碳).{0,6}(?:胶带|买好|准备好)", r"(?:买|准备)(?:了|好)?.{0,4}(?:炭|碳)",
    # farewells, and taking the debt along
    r"(?:写|留)(?:好|下)?(?:了)?遗书", r"遗书", r"遗言", r"永别",
    r"最后一(?:次|条|封)(?:跟|和|给)?.{0,6}(?:说|发|聊|消息|信)",
    r"下辈子", r"来世", r"(?<!不)先走(?:一步)?了", r"我走了(?:以后|之后)", r"我不在了",
    r"我(?:要是|如果)?不在(?:了|以后|之后)",
    r"(?:交代|安排)(?:好)?(?:了)?后事",
    r"对不起(?:家里人|爸妈|父母|家人|孩子|老婆|老公).{0,10}(?:走了|来世|下辈子|再见|别了|照顾好)",
    r"(?:帮我)?(?:跟|和|给)(?:我)?(?:女儿|儿子|孩子|家人|爸妈|父母|老婆|老公).{0,4}(?:说|讲|带句话).{0,10}对不起",
    r"(?:债|钱|这些).{0,8}(?:一个人)?带(?:走|进(?:棺材|坟墓|坟里))", r"一个人带走", r"带进(?:棺材|坟)",
]
_CRISIS_EN = [
    r"\bkill(?:ing)? myself\b", r"\bsuicid", r"\bend(?:ing)? (?:my (?:own )?life|it all|everything)\b",
    r"\b(?:ready|want|wanted|going|decided|deciding|planning|plan|thinking about|think about) (?:to )?"
    r"(?:end|ending) (?:it|things|my life)\b(?! early)",
    r"\bwant(?:ed)? to end it\b", r"\b(?:want|wanna|going) (?:to )?die\b",
    r"\bwish (?:i|I) (?:was|were) (?:dead|gone)\b",
    r"\bwish i (?:wasn'?t|weren'?t) (?:alive|born|here)\b", r"\bdon'?t want to (?:live|be alive|be here|exist)\b",
    r"\bno (?:reason|point) (?:in |to )?(?:living|live|keep going|go on|going on)\b",
    r"\bbetter off (?:dead|without me)\b",
    r"\b(?:be )?better off if i (?:was|were|wasn'?t|weren'?t) (?:dead|gone|here|around)\b",
    r"\b(?:i'?d|i would) rather (?:be )?(?:die|dead)\b", r"\btired of (?:living|being alive|life)\b",
    r"\bways? to (?:die|kill myself|end it|end my life)\b", r"\b(?:going to|gonna|about to|will|i'?ll) jump\b",
    r"\bno point (?:anymore|in anything|any ?more)\b", r"\bpain to stop\b",
    r"\b(?:be|being) around (?:next|much longer|anymore|for long|tomorrow)\b",
    r"\bnot (?:be )?(?:around|here) (?:next|much longer|tomorrow|anymore)\b",
    r"\bif (?:anything|something) happens to me\b", r"\bdon'?t deserve to live\b",
    r"\b(?:can'?t|don'?t) see (?:any |a )?(?:future|way forward|way out)\b", r"\bno future\b",
    r"\b(?:thought|thinking|planned|planning) (?:about )?how (?:i'?d|i would|i'?ll|i will|to) do it\b",
    r"\bbetter off with (?:the |my )?(?:life )?insurance\b", r"\b(?:i'?m|i am) done\W{0,4}(?:goodbye|bye)\b",
    r"\b(?:bought|got|have|buy|buying) (?:a |some )?rope\b", r"\bnoose\b",
    r"\b(?:be )?(?:fine|better|happier) without me\b", r"\bend (?:the|this) pain\b",
    r"\bonly one way out\b", r"\b(?:my )?last day\b", r"\bgiving up on (?:everything|life|living)\b",
    r"\bdon'?t want to exist\b", r"\btook (?:a lot of|all (?:my|the)|too many) (?:pills|tablets)\b",
    r"\bat the edge\b", r"\ba burden\b.{0,20}\b(?:longer|anymore)\b",
    r"\bif i (?:just )?(?:wasn'?t|weren'?t) here\b",
    r"\btake my (?:own )?life\b", r"\bhurt(?:ing)? myself\b", r"\bself[- ]harm", r"\bcut(?:ting)? myself\b",
    r"\bcan'?t go on\b", r"\bcan'?t do this anymore\b", r"\bdone with (?:life|living|everything)\b",
    r"\bnothing (?:left )?to live for\b", r"\bnot worth living\b", r"\blife (?:isn'?t|is not|ain'?t) worth\b",
    r"\bwhat'?s the point (?:of|in) (?:living|life|going on|anything)\b", r"\bno way out\b", r"\bhopeless\b",
    r"\b(?:reason|reasons) to keep going\b", r"\bit all to stop\b", r"\bjump(?:ing)? (?:off|from)\b",
    r"\b(?:standing|sitting|up) on (?:the|a|my) (?:roof|bridge|ledge)\b", r"\boverdos", r"\bsleeping pills?\b",
    r"\b(?:how many|enough|saving up|saved up|stockpil\w*|hoard\w*|collecting|a bottle of) (?:my |the )?pills\b",
    r"\bhang myself\b", r"\bnever wake up\b", r"\bdon'?t want to wake up\b",
    r"\bdisappear (?:forever|for good|permanently)\b", r"\bgoodbye (?:forever|everyone|note|letter)\b",
    r"\bthis is (?:my )?goodbye\b", r"\b(?:my )?(?:last|final) (?:message|goodbye|words)\b", r"\bsuicide note\b",
    r"\b(?:letters?|notes?) (?:to|for) my (?:family|kids|wife|husband|parents)\b",
    r"\btake (?:the |my |these |all (?:the |my )?)?debts? (?:with me|to the grave|to my grave)\b",
    r"\b(?:after|when|once) i'?m gone\b", r"\bwon'?t be (?:around|here) (?:much longer|anymore|for long)\b",
    r"\b(?:nobody|no one|no-one) (?:would|will) (?:miss|notice|care)\b",
]
_CRISIS_RE = re.compile("|".join(_CRISIS_ZH + _CRISIS_EN), re.IGNORECASE)

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


def is_crisis(text: str, screen: SemanticScreen | None = None) -> bool:
    """True on any self-harm signal, direct or indirect. Wins over every other intent.

    The rules decide first; with a screen, a message no rule matched is compared with the crisis exemplars."""
    if _THIRD_PARTY_RE.search(text):
        return False
    if _CRISIS_RE.search(text):
        return True
    if screen is None:
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
    "准备",
)
_ASK_EN = _alt(
    "how (?:do|can|could|should) i", "how to", "help me", "teach me", "where can i", "is there a way to",
    "ways? to", "can you", "i want to", "i need to", "tips? (?:for|on|to)", "write (?:me )?", "make me", "give me",
    "draft (?:me )?", "can i", "could i", "should i", "i'?m going to", "i plan to", "i'?d like to", "best way to",
    "safest way to", "how would i",
)
# People whose identity or accounts a borrower might misuse (or park assets with).
_WHO = ("(?:我)?(?:的)?(?:别人|他人|家人|家里人|朋友|父母|父亲|母亲|爸爸?|妈妈?|老人|室友|同学|同事|亲戚|邻居|"
        "老婆|老公|媳妇|对象|"
        "男朋友|女朋友|[表堂]?[哥姐弟妹]|舅舅?|姑姑?|叔叔?|阿?姨|爷爷|奶奶|外公|外婆|姥姥|姥爷|岳父|岳母|公公|婆婆|儿子|女儿)")
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


_PURSUERS = "(?:催收|法院|强制执行|执行|传票|起诉|债主|银行|平台|网贷|债权人|律师|他们)"
_COLLECTOR = "(?:催收(?:员|的|人员|公司)?|催债的|讨债的|放贷的|债主)"

_RULES: list[_Rule] = [
    # "borrow … and never pay back" is deliberate default before it is evasion
    _en("fraud",
        r"(?:borrow|max out|take (?:out )?(?:a )?loans?)\b.{0,30}(?:never|not) (?:pay|repay)(?:ing)?"
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
        "伪造", "造假", "做假", "做个假", "(?:P|p|ps|PS)(?:一)?(?:张|个|份)?.{0,4}(?:图|流水|证明|截图|凭证)",
        # a court's or an authority's paper made up ("P一份法院的调解书", "做一张撤诉通知")
        "(?:P|p|ps|PS|做)(?:一)?(?:张|个|份).{0,8}(?:裁定书|判决书|调解书|撤诉|通知书|传票|公章)",
        "开(?:个|张)?假", "弄(?:个|张)?假",
        "假(?:的)?.{0,4}(?:流水|证明|工资|收入|病历|诊断|合同|材料|证件|发票|离职|失业|住院|截图|凭证)",
        "(?:改|修改|篡改).{0,6}(?:截图|凭证|回单|收据|转账记录|还款记录)", "让.{0,6}以为我(?:已经|按时)?还",
        "(?:改|修改|篡改|编辑|动|P|p|PS|ps)(?:一下|下)?.{0,8}(?:银行流水|流水|对账单|余额|工资条|收入证明)",
        "(?:流水|对账单|工资条|收入证明|余额|回单).{0,10}(?:改|修改|篡改|P|PS)(?:一下|大|高|多|成|掉)",
        request=False),
    _en("forge",
        r"\b(?:fake|forge|make up|invent) (?:a |an |my |the )?(?:\w+ ){0,3}(?:letter|note|certificate|record|proof|"
        r"statement|payslip|receipt|contract|diagnosis)s?\b",
        "fake (?:bank )?(?:statements?|documents?|papers?|payslips?|pay ?stubs?|medical|proof|certificates?|id|income|"
        "receipts?|hospital|doctor'?s?)",
        "forg(?:e|ed|ing) (?:a |an |the |my )", "photoshop (?:a|my)", "falsif",
        r"\b(?:edit|alter|change|doctor|fake) (?:a |the |my )?(?:payment )?(?:receipt|screenshot|transfer record)",
        r"\b(?:edit|alter|change|doctor|modify|tweak|adjust|photoshop|fiddle with)\b.{0,30}"
        r"(?:bank statement|statement|payslip|pay ?stub|salary slip)",
        r"(?:bank )?statement.{0,20}(?:show|look like) (?:more|higher|bigger)",
        request=False),
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
        "(?:用|拿|借用|冒用|盗用)(?:他|她)的?(?:名字|名义|身份证?|证件).{0,8}(?:借|贷|办|申请)",
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
        "(?:威胁|恐吓|报复|吓唬|教训|打|弄死|曝光|人肉|骚扰|开盒)(?:一下)?(?:催收|催收员|那个催收|他们|放贷|债主)",
        "(?:催收|催收员|放贷的?).{0,8}(?:家人|家庭住址|住址|电话|孩子|老婆).{0,6}(?:曝光|公开|发到|人肉|查到)",
        "(?:查|找|人肉|打听).{0,8}(?:催收|催收员|放贷的?|他|她).{0,4}(?:住址|家住|住哪|家在哪|家人|身份证|单位)",
        "(?:信息|照片|电话|身份).{0,4}(?:挂|发|曝光|公开)(?:到|在)?网上", "(?:威胁|恐吓)(?:的)?(?:话术|短信|话)",
        "吓(?:唬|退)(?:催收|他们)",
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
        "砍头息.{0,6}(?:怎么|如何)?(?:收|扣|操作)", "(?:怎么|如何|帮我)(?:写|收|扣|弄|操作|设计).{0,4}砍头息",
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
    "(?:违法|合法|犯法|犯罪)(?:的)?吗", "会坐牢", "会被判", "坐牢吗", "后果", "会怎(?:么|样)", "上当", "被骗", "遇到",
    "碰到", "举报", "投诉", "(?:法院)?(?:认|承认|支持)(?:吗|不认|不支持)", "有效吗",
    # "逾期了怎么办" asks what to do; in "怎么办假的收入证明" / "怎么办理" 办 is the verb "to make, to get done"
    "(?:怎么|咋)(?:办(?![假个张份一理])|处理|应对)",
    "算数吗",
    "正规(?:的)?吗", "合规吗", "(?:要|需要|得|用)(?:负责|承担|还)(?:吗|么)", "负责吗",
    # deciding about someone else's offer ("…要先交一半定金，我要不要交"): answered as education, and the
    # scam checker reads the offer (bot/engine/scam)
    "(?:要不要|该不该|应不应该)(?:先)?(?:交|给|付|转|汇|信|相信|答应|照做|试)", "能信吗", "信得过吗", "真的假的",
    "是不是真的",
    "(?:要|该|应该|能|可以)(?:先)?(?:交|给|付|转|汇|信|相信|答应|照做)(?:钱|他|她|他们|它)?(?:吗|么)",
    "(?:要|该|应该)(?:去)?找(?:他|她|他们|它|这家|这个)(?:吗|么)",
))
_ABOUT_EN = re.compile(_alt(
    r"\bscam\b", r"\blegit(?:imate)?\b", r"\bis (?:it|that|this) (?:legal|illegal|a crime|real|true)\b",
    r"\bcan they\b", r"\bwhat happens\b", r"\breport (?:it|them|this|him|her)\b", r"\bcomplain\b",
    r"\bvictim\b", r"\bgo to (?:jail|prison)\b", r"\bis (?:it|that|this) (?:genuine|fake|a trick)\b",
    r"\bshould i (?:pay|trust|believe|transfer|send (?:them|him|her|it|the money)"
    r"|give (?:them|him|her) (?:the )?money)\b",
), re.IGNORECASE)
# Asking for the act itself outweighs words like "后果" in the same message.
_INSIST_RE = re.compile(_alt(
    "教我", "帮我(?:做|弄|搞|写|找)", "给我(?:做|写|弄)", "help me (?:to )?(?:make|write|fake|hide|find)", "teach me",
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

# ---- usurious IOUs: a request to write a loan document at a rate above the private-lending cap.
# The rates are read by bot.understand (the one rate reader) and the cap comes from the calculator and its LPR
# table (4 × the one-year LPR today; a lawful rate is never refused — the education answer covers the rest).
_IOU_RE = re.compile(r"借条|借据|欠条|借款合同|借款协议|放贷|放款|借给|借出|\biou\b|loan agreement|private loan|"
                     r"\blend(?:ing)?\b|promissory note", re.IGNORECASE)
# Asked to write one, not describing what an existing one says ("借条写逾期每天0.1%，法院支持多少").
_DRAFT_RE = re.compile(r"帮我.{0,8}(?:写|拟|起草|弄|做|打)|(?:怎么|如何|怎样)(?:写|拟|起草)|"
                       r"(?:写|拟|起草|打)(?:一|个|张|份)"
                       r"(?:借条|借据|欠条|合同|协议)|拟一下|起草|(?:借条|借据|欠条).{0,6}怎么写|"
                       r"\b(?:write|draft|word|prepare|make)\b", re.IGNORECASE)


def _annual_percents(text: str) -> list[Decimal]:
    """Every rate stated with its unit, as a simple annual percentage (bot.understand reads them)."""
    from bot.understand import annual_percent, extract

    rates = (r for r in extract(text).rates if r.kind != "markup")
    return [p for r in rates if (p := annual_percent(r)) is not None]


def _usurious_iou(text: str) -> bool:
    """Asked to write a loan document at a rate above the cap ("帮我写个借条，月息5%")."""
    if not (_IOU_RE.search(text) and _DRAFT_RE.search(text)):
        return False
    from bot.calculator.caps import applicable_cap

    try:
        return any(applicable_cap("private_lending", rate).exceeds for rate in _annual_percents(text))
    except Exception:  # a reader or table problem must not make every IOU request fail
        log.warning("usury check could not read the rates or the cap", exc_info=False)
        return False


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
    return semantic_category(text, screen.calibration, screen.similarities(text))


def _rule_category(text: str) -> str | None:
    if _about_a_practice(text):
        return None
    dispute = bool(_DISPUTE_RE.search(text))
    for rule in _RULES:
        if rule.matches(text) and not (rule.category == "tamper" and dispute) and not (
                rule.category == "identity" and _TOGETHER_RE.search(text) and not _BEHIND_BACK_RE.search(text)):
            return rule.category
    return "usury" if _usurious_iou(text) else None


def _about_a_practice(text: str) -> bool:
    return bool(_ABOUT_ZH.search(text) or _ABOUT_EN.search(text)) and not _INSIST_RE.search(text)


# The semantic layer refuses only what is phrased as a request (asking for help, a method, a place, a text):
# a topic-level match alone ("someone offered to clean my record") is a question for the knowledge base.
_REQUEST_RE = re.compile(_alt(
    "帮我", "教我", "给我", "替我", "帮忙", "我想", "我要", "我打算", "我准备", "我得", "怎么才能", "怎样才能", "如何",
    "有没有(?:办法|方法|渠道|人|平台|app|口子)", "有(?:啥|什么)办法", "能不能", "想个?办法", "怎么(?!办|回事|样|会)",
    "咋(?!办)",
    "哪里", "哪儿", "哪个", "推荐", "求", "注意(?:啥|什么)", "操作",
    # an imperative: the message opens with the act ("拿我妈的身份证去…", "给催收的家人写…", "pay someone to…")
    r"^(?:我)?(?:拿|用|给|找|把|弄|做|写|改|花钱|借|帮|让|多借|有没有)",
    r"^(?:pay|put|use|borrow|write|draft|make|find|"
    r"get|move|hide|send|give|who can i|any )\b",
    r"\bhelp me\b", r"\bteach me\b", r"\bshow me\b", r"\bwrite\b", r"\bdraft\b", r"\bmake me\b", r"\bgive me\b",
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
    return len(_CJK.findall(clause)) >= 4 or len(re.findall(r"[A-Za-z']+", clause)) >= 3


def _has_content(text: str) -> bool:
    return len(_CJK.findall(text)) >= 6 or len(re.findall(r"[A-Za-z']+", text)) >= 4


# ---------------------------------------------------------------- the semantic layer

@dataclass(frozen=True)
class Calibration:
    """Cosine thresholds for one embedder, chosen with benchmarks/safety_thresholds.py."""

    crisis: float  # the whole message: nearest crisis exemplar at least this close …
    crisis_margin: float  # … and at least this much closer than the nearest benign / help-a-friend exemplar
    lean: float  # … or a weaker match that is clearly one-sided: at least this close …
    lean_margin: float  # … and this much closer than any benign / help-a-friend exemplar
    clause: float  # one clause of a longer message: short fragments are noisier, so a higher bar
    clause_margin: float
    clause_floor: float  # clauses are examined only when the whole message is at least this near a crisis
    harmful: float  # the whole message: nearest harmful exemplar at least this close …
    harmful_margin: float  # … and this much closer than any benign, help-a-friend or crisis exemplar
    clause_benign_gap: float = 1.0  # clauses count only when the whole message's nearest benign exemplar is at
    # most this much closer than its nearest crisis one

    def crisis_from(self, s: Similarities, clause: bool = False, lean: bool = True) -> bool:
        gap = s.crisis - max(s.support, s.benign)
        if clause:
            return s.crisis >= self.clause and gap >= self.clause_margin
        close = s.crisis >= self.crisis and gap >= self.crisis_margin
        return close or (lean and s.crisis >= self.lean and gap >= self.lean_margin)

    def harmful_from(self, s: Similarities) -> str | None:
        near = max(s.benign, s.support, s.crisis)
        return s.category if s.harmful >= self.harmful and s.harmful >= near + self.harmful_margin else None


@dataclass(frozen=True)
class Similarities:
    crisis: float
    support: float
    benign: float
    harmful: float
    category: str  # the harmful category of the nearest harmful exemplar


class _Embedder(Protocol):
    name: str

    def embed_query(self, text: str) -> Any: ...

    def embed_documents(self, texts: list[str]) -> Any: ...


_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_SPLIT = re.compile(r"[，,。.!！?？;；:：\n]+")
MAX_CLAUSES = 3  # each costs about 0.7 ms of embedding (batched)


def clauses(text: str) -> list[str]:
    """The whole message, then its longest clauses: a crisis phrase inside a long debt message ("欠了六十万，
    老婆也走了，我不知道活着还为了什么") is closest to the crisis bank on its own, not diluted by the debt talk."""
    text = " ".join(text.split())
    cjk = bool(_CJK.search(text))
    parts = [p.strip() for chunk in _CLAUSE_SPLIT.split(text) for p in (chunk.split(" ") if cjk else [chunk])]
    long_enough = [p for p in parts if (len(p) >= 3 if cjk else len(p.split()) >= 3) and p != text]
    longest = sorted(dict.fromkeys(long_enough), key=len, reverse=True)[:MAX_CLAUSES]
    return [text] + [p for p in long_enough if p in longest]


class SemanticScreen:
    """Nearest-exemplar check over bot.safety.bank, for messages the rules miss.

    Optional by design: without a calibrated embedder the rules alone decide. When the embedder fails on a
    message, that one message is judged by the rules and the recall words (bot.safety.recall) — logged and
    counted in `failures` (shown by /kbstats) — and the next message tries the model again: one bad input
    never switches the layer off for everyone. Costs one embedding of the message (~2 ms with USE), plus one
    batch of its clauses when the message leans towards crisis at all, shared by is_crisis and
    harmful_category; the bank is embedded once (warm_up)."""

    def __init__(self, embedder: _Embedder | Callable[[], _Embedder], name: str | None = None,
                 calibration: Calibration | None = None, cache_dir: Path | None = None) -> None:
        self._source = embedder
        self.cache_dir = cache_dir  # where the exemplar bank's vectors are kept between runs (bank_vectors.py)
        self.name = name if name is not None else str(getattr(embedder, "name", ""))
        self.calibration = calibration if calibration is not None else measured_for(self.name)
        self._bank: tuple[Any, list[str]] | None = None
        # The last message looked at (text, similarities, failed): is_crisis and harmful_category share one look.
        self._last: tuple[str, list[Similarities], bool] | None = None
        self._lock = threading.Lock()
        self.failures = 0  # messages the model failed on since start (each judged by the rules instead)

    @property
    def available(self) -> bool:
        return self.calibration is not None

    def _embedder(self) -> _Embedder:
        source = self._source
        return source if hasattr(source, "embed_documents") else source()  # type: ignore[operator,return-value]

    def warm_up(self) -> None:
        """Load the model and embed the exemplar bank now rather than on the first undecided message."""
        self.similarities("征信")

    def _vectors(self) -> tuple[Any, list[str]]:
        if self._bank is None:
            with self._lock:
                if self._bank is None:
                    from bot.safety.bank_vectors import bank_vectors

                    self._bank = bank_vectors(self._embedder(), self.name, self.cache_dir)
        return self._bank

    def similarities(self, text: str) -> list[Similarities]:
        """Highest cosine to each bank for the message and for each of its clauses (the message first);
        empty when the layer is unavailable or failed on this message. Never raises."""
        return self.look(text)[0]

    def look(self, text: str) -> tuple[list[Similarities], bool]:
        """(similarities, failed): failed is True when the model raised on this message. Never raises."""
        if not self.available or not text.strip():
            return [], False
        last = self._last
        if last is not None and last[0] == text:
            return last[1], last[2]
        try:
            import numpy as np

            vectors, labels = self._vectors()
            units = clauses(text)
            embedder = self._embedder()
            whole = np.asarray(embedder.embed_documents(units[:1]), dtype=np.float32) @ vectors.T
            got = [_best_per_bank(whole[0].tolist(), labels)]
            # Clauses only when the whole message leans towards the crisis bank at all: most questions
            # (about 4 in 5) are far from it, and pay for one embedding, not four.
            if len(units) > 1 and self.calibration is not None and got[0].crisis >= self.calibration.clause_floor:
                parts = np.asarray(embedder.embed_documents(units[1:]), dtype=np.float32) @ vectors.T
                got += [_best_per_bank(row.tolist(), labels) for row in parts]
        except Exception as exc:  # a broken model must not take the answer down: the rules decide this message
            with self._lock:
                self.failures += 1
            log.warning("semantic safety layer failed on one message (%s); the rules decide it",
                        exc.__class__.__name__)
            self._last = (text, [], True)
            return [], True
        self._last = (text, got, False)
        return got, False


def measured_for(backend: str) -> Calibration | None:
    """The thresholds measured for this embedder (the `safety` part of its calibration record), if any: an
    embedder nobody measured leaves the rules alone in charge."""
    from bot.calibration import load_calibration

    record = load_calibration(backend)
    return Calibration(**record.safety.model_dump()) if record is not None and record.safety is not None else None


def screen_for_answers(threads: int = 1, cache_dir: Path | None = None, thresholds: Any = None) -> SemanticScreen:
    """The screen the answer engine uses: multilingual USE, the calibrated embedder. When the index embeds with
    USE too this is the very model already loaded (get_embedder caches it); the model loads on first use.
    cache_dir: where the bank's vectors are kept between runs (the engine's cache folder)."""
    def load() -> _Embedder:
        from ingest.embeddings import get_embedder

        return get_embedder("use", threads)

    calibration = Calibration(**thresholds.model_dump()) if thresholds is not None else None
    return SemanticScreen(load, name="use", cache_dir=cache_dir, calibration=calibration)


def _best_per_bank(row: list[float], labels: list[str]) -> Similarities:
    best: dict[str, float] = {}
    for label, sim in zip(labels, row, strict=True):
        if sim > best.get(label, -1.0):
            best[label] = sim
    harmful = max((k for k in best if k.startswith("harmful:")), key=lambda k: best[k])
    return Similarities(best["crisis"], best["support"], best["benign"], best[harmful], harmful.split(":", 1)[1])


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
    "比特币", "彩票", "抚养权", "离婚", "签证", "高铁", "定投", "加密货币", "虚拟币", "炒币",
    r"\bmortgage", r"\bdown payment", r"\binsurance", r"\bstocks?\b", r"\bbitcoin", r"\bcrypto", r"\bvisa\b",
    r"\btax(?:es)?\b",
    r"\bpension", r"\bflat\b", r"\bapartment",
), re.IGNORECASE)
_DISTRESS_RE = re.compile(_alt(
    "逾期", "还不上", "还不起", "晚了", "晚还", "没还", "催收", "罚息", "违约金", "起诉", "欠", "放款", "下款", "网贷",
    # a mortgage or instalment that cannot be kept up ("房贷…供不上了", "首付…凑不出来") is debt distress too
    "供不上", "断供", "停供", "断了", "凑不出", "还不了", "交不上", "付不起", "拖欠", "被拍", "拍卖", "个性化分期",
    "停息挂账", "协商",
    r"\boverdue", r"\blate\b", r"\bcollector", r"\bcan'?t (?:pay|repay|afford|make)", r"\bmissed", r"\bowe",
    r"\bbehind on", r"\bforeclos",
), re.IGNORECASE)


# Words of consumer credit itself: with one of them, a neighbouring word is context ("被限高了还能坐高铁吗",
# "花呗会影响以后买房吗", "the loan company is outside my flat"), not the subject.
_CREDIT_RE = re.compile(_alt(
    "征信", "信用卡", "网贷", "限高", "限制高消费", "失信", "被执行", "强制执行", "催收", "花呗", "借呗", "白条",
    "金条", "车贷", "提前还", "法院", "起诉", "借的钱", "欠的钱", "欠款", "债务",
    r"\bcollect", r"\bcredit (?:report|record|card)", r"\bloan (?:company|app|platform|shark)", r"\bcourt\b",
    r"\bbailiff", r"\bbaitiao", r"\bhuabei", r"\bjiebei",
), re.IGNORECASE)


def scope(text: str) -> str:
    """"in" (consumer credit and debt), "out" (a neighbouring field, no debt distress), or "unknown"."""
    if _OUTSIDE_RE.search(text) and not _DISTRESS_RE.search(text) and not _CREDIT_RE.search(text):
        return "out"
    return "in" if _DOMAIN_RE.search(text) else "unknown"
