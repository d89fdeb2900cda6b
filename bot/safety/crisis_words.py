"""The crisis rules' word families (bot/safety/screen.py decides with them first, before the semantic layer).

    CRISIS_RE.search("欠太多了 我不想活了") -> a match
"""

from __future__ import annotations

import re

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
    # "流水撑不住" is about a business, "以贷养贷撑不下去" about the borrowing scheme: the screen decides those.
    r"(?<!流水)(?<!资金)(?<!生意)(?<!现金流)(?<!公司)(?<!店)(?<!以贷养贷)撑不(?:下去|住)"
    r"(?!了?[，,\s]?(?:就|马上|快)?要?(?:爆雷|爆了|爆掉|崩盘))",  # "快撑不住要爆雷了": the borrowing scheme collapsing
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
    r"不想(?:再)?存在", r"(?:出个?|遇上|碰上|来场|来个)(?:车祸|意外|事故).{0,4}(?:就好了|就好|算了|多好)",
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
    r"(?:还是|干脆|不如|索性)走了算了",  # "爸妈会不会被我连累，我还是走了算了" (not 一走了之: running from a debt)
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
    r"\bcan'?t go on\b", r"\bcan'?t do this anymore\b", r"\bcan'?t take (?:it|this) any ?more\b",
    r"\bdone with (?:life|living|everything)\b",
    r"\bnothing (?:left )?to live for\b", r"\bnot worth living\b", r"\blife (?:isn'?t|is not|ain'?t) worth\b",
    r"\bwhat'?s the point (?:of|in) (?:living|life|going on|anything)\b", r"\bno way out\b", r"\bhopeless\b",
    # "i dont see the point of being here anymore" (held-out #27's crisis item got an answer)
    r"\bsee (?:the |any )?point (?:of |in )?(?:being here|being alive|living|life|going on|carrying on|anything)\b",
    r"\bpoint (?:of|in) being (?:here|alive)\b",
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
    r"\bwant (?:everything|it all|all of (?:it|this)|this all) to (?:end|be over)\b",
    # farewells in other words ("settle my affairs and leave this world"; "settle my debt" alone is money)
    r"\bleave this (?:world|life|earth)\b", r"\bsettle my affairs\b", r"\b(?:and|then) be gone\b",
]
CRISIS_RE = re.compile("|".join(_CRISIS_ZH + _CRISIS_EN), re.IGNORECASE)
