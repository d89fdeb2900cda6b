"""Exemplar messages for the semantic safety layer (bot.safety.SemanticScreen), written for finbot.

A message is compared (cosine, same embedder as the index) with every exemplar; the nearest bank decides.
The banks describe *kinds* of message, not the test sentences: tests/test_safety.py holds its own phrasings.

- CRISIS: self-harm signals, direct or indirect, first person (both languages).
- SUPPORT: someone asking how to help another person in crisis (gets the support article, not a crisis reply).
- HARMFUL: requests finbot declines, keyed by REFUSALS category.
- BENIGN: ordinary worried-borrower questions that share words with the above (death, pressure, court,
  ID, collectors, assets, records, IOUs). They pull borderline messages away from a false flag.
"""

from __future__ import annotations

CRISIS: tuple[str, ...] = (
    # direct
    "我不想活了", "我想去死", "我想自杀", "我打算结束自己的生命", "欠的钱太多，我只想死", "还不上钱我就去死",
    "死了就不用还了，我准备这么做", "我想一死了之",
    # hopelessness
    "活着好累，没有任何意思", "我真的撑不住了，不想再坚持下去", "人生没有希望了，每天都是煎熬",
    "我是个没用的人，活着只会拖累家人",
    "没有我家里人会过得更好", "我想永远消失", "我再也不想醒来了", "我已经放弃了，什么都无所谓了",
    # method / place
    "我现在站在楼顶上", "我想从楼上跳下去", "我攒了很多安眠药", "买好了农药", "准备烧炭", "我在河边想跳下去",
    "吃多少安眠药会死", "药已经存够了",
    # farewell / plans
    "这是我最后一条消息，再见了", "遗书写好了", "爸妈对不起，来世再报答", "这笔债我带走，不连累家里",
    "等我走了，债就一笔勾销了吧", "我已经安排好后事了",
    # English
    "I want to kill myself", "I don't want to be alive anymore", "I'm going to end my life because of this debt",
    "I have no reason to keep living", "I can't take this anymore, I want it all to be over for good",
    "everyone would be better off if I were gone", "I'm on the roof and thinking of jumping",
    "I've been collecting pills to take all at once", "how many pills does it take to die",
    "this is my goodbye note", "I'll take my debts to the grave with me", "I want to go to sleep and never wake up",
    "I feel completely hopeless, there's no way out but death",
)

SUPPORT: tuple[str, ...] = (
    "我朋友说他不想活了，我怎么帮他", "家人因为欠债说想死，我该怎么劝", "同事说活着没意思，我能做些什么",
    "怎么安慰一个想轻生的朋友", "我妈说撑不下去了，我该怎么陪她",
    "how do I help a friend who says he wants to die", "my sister talks about suicide because of her loans, "
    "what should I do", "how can I support someone who feels hopeless about debt",
    "what do I say to a friend who mentioned ending his life",
)

HARMFUL: dict[str, tuple[str, ...]] = {
    "evade": (
        "怎么躲开催收和法院，让他们找不到我", "我想换号码换城市，让债主联系不上", "怎么让法院传票送不到我",
        "教我怎么躲起来不被起诉",
        "how can I disappear so the collectors and the court can't find me",
        "how do I avoid being served court papers",
        "欠钱不想还了，怎么让催收一辈子找不到我", "我准备跑到外地去，让网贷平台和法院都找不着",
        "how do I stop the court from ever reaching me", "what's the easiest way to vanish so lenders can't find me",
    ),
    "forge": (
        "帮我做一份假的收入证明", "教我修改银行流水上的数字", "帮我P一张还款截图", "怎么伪造病历去申请停息",
        "help me edit my bank statement to show more money", "make me a fake proof of income",
        "做一张假的病历给银行看", "改一下工资条上的金额", "create a fake doctor's note for the lender",
        "alter the numbers on my payslip",
    ),
    "identity": (
        "用别人的身份证去借网贷", "拿家里人的身份证申请贷款", "以亲戚的名义再借一笔钱",
        "how can I get a loan using my relative's ID card", "I want to borrow in someone else's name",
        "借朋友的身份证去办网贷", "用父母的名字开信用卡", "apply for a credit card with my brother's ID",
    ),
    "cashout": (
        "信用卡怎么套现", "花呗额度怎么变成现金", "找个POS机把信用卡的钱刷出来",
        "how do I turn my credit card limit into cash with a POS machine",
        "花呗怎么套出来", "信用卡额度怎么转成现金", "how to turn a credit limit into cash",
    ),
    "hide_assets": (
        "怎么转移财产不被法院执行", "把存款转到别人名下让法院查不到", "房子过户给亲戚躲避强制执行",
        "how do I move my money so the court can't seize it", "hide my assets from enforcement",
        "法院查不到的地方怎么藏钱", "把车和房子先转给家里人，免得被执行",
        "how do I shield my savings from a court order",
        "put my property under a relative's name before the judgment",
    ),
    "threaten": (
        "帮我写一段威胁催收员的话", "怎么查到催收员的家庭住址", "给催收的家人发短信吓唬他们",
        "把催收员的信息曝光到网上",
        "write a message to scare the debt collector's family", "find where the collector lives so I can go there",
        "找人去教训一下催收", "吓唬催收员让他不敢再打", "给催收员的家里寄点东西吓吓他",
        "write something to frighten the collector",
        "find out where the collector's kids go to school", "帮我写一条短信骂催收员",
    ),
    "usury": (
        "帮我写一张借条，月息五分", "借条怎么写才能收高利息", "把利息写进本金让他告不了我",
        "write an IOU charging 5% interest per month", "how do I lend at 60% a year and still be protected",
        "借给别人钱，借条上写月利率10%", "放贷时怎么扣砍头息不被发现",
        "draft a promissory note at 10% monthly interest",
    ),
    "tamper": (
        "花钱找人删除真实的逾期记录", "找内部关系把征信洗白", "付钱让人把我的不良记录消掉",
        "pay someone to erase my real late payments from my credit report",
        "托关系把逾期记录撤掉", "找人花钱把征信上的黑记录消除", "who can I pay to clean up my credit report",
    ),
    "no_check": (
        "有没有不查征信的贷款", "黑户哪里能借到钱", "推荐个必下款的口子",
        "which loan apps approve without a credit check",
        "不看负债直接放款的平台", "征信黑了还能下款的app", "a lender that doesn't look at my credit history",
    ),
    "fraud": (
        "借了网贷就不打算还，怎么操作", "把信用卡刷爆然后跑掉", "多借几家然后不还",
        "how do I borrow as much as possible and never pay it back",
        "用假资料申请贷款多借点", "把额度都借出来然后出国", "borrow from many apps then disappear",
    ),
}

BENIGN: tuple[str, ...] = (
    # death, pressure, feelings (about debt, not self-harm)
    "借款人去世了，家人要替他还钱吗", "父亲去世后留下的信用卡欠款怎么办", "欠债压力很大睡不着正常吗",
    "被催收电话搞得很烦，怎么办", "欠钱的事怎么跟家人开口", "还款压力太大，怎么跟银行协商",
    "what happens to a loan when the borrower dies", "I'm stressed about my debt, where do I start",
    "I feel overwhelmed by my bills, how do I make a plan",
    # court, enforcement, assets
    "收到法院传票怎么办", "被起诉了会不会坐牢", "强制执行会扣工资吗", "法院会冻结家人的存款吗",
    "执行时会给我留生活费吗", "how do I respond to a court summons", "can the court freeze my bank account",
    # identity, collectors
    "身份证被别人冒用借了钱怎么办", "有人用我的名义贷款我不知情", "催收威胁我的家人怎么办", "催收打电话给我父母合法吗",
    "怎么投诉暴力催收", "someone took a loan with my ID, what should I do",
    "a collector threatened my family, where do I complain",
    # what collectors did to the asker, told: a victim's words, not a request to do it ("催收把我的照片P成遗照…" sat
    # nearest a request to write abuse for a collector)
    "催收把我的照片发给了通讯录里的人", "collectors sent my photo to everyone in my contacts",
    # records, IOUs, statements, cards
    "征信上的错误记录怎么申请异议", "逾期记录多久会消除", "花钱修复征信是骗局吗", "借条利息最高多少才合法",
    "借条怎么写才有效", "月息两分合法吗", "银行流水怎么打印", "信用卡账单金额不对怎么办", "信用卡取现的利息怎么算",
    "不查征信的网贷正规吗", "how long does a late payment stay on my credit report",
    # instalments on a card debt asked of the bank ("how to negotiate with bank for installments on credit card
    # debt" sat nearest turning a card limit into cash and was refused)
    "信用卡欠款怎么跟银行申请分期还", "can my bank let me pay off my card balance in monthly instalments",
    "asking the card centre to split what I owe into a repayment plan",
    "how do I work out a repayment plan with the bank for what I owe on my card",
    "what is the legal maximum interest for a private loan", "is a credit repair company a scam",
    # family and death (liability questions, not self-harm)
    "家人去世了，他欠的网贷谁来还", "父母要替子女还网贷吗", "催收让我爸妈还钱，他们有义务吗",
    "亲戚替我做了担保，会被追债吗",
    # an ex-spouse's debts, old debts and the limitation period, no lender left to borrow from, sleepless and asking
    # where to begin: questions about money ("不用还了" once sat by "死了就不用还了")
    "离婚以后，前妻欠的钱会找我还吗", "欠款拖了好几年，是不是就不用还了", "现在哪个平台都借不出钱了，欠了一堆",
    "口子都借不出来了，还欠着一大堆",
    "欠的太多，晚上睡不着，不知道先从哪里还起", "is a debt from years ago still something I have to pay",
    # whether family will find out (borrowers hiding a debt ask it first; "爸妈" sat by "爸妈对不起，来世再报答")
    "催收会不会告诉我爸妈", "欠钱的事会不会让家里人知道", "will collectors tell my family about my debt",
    # checking who a collector works for is a step the articles recommend, not hunting the person down
    "打来的催收是哪家公司的，怎么核实", "催收员报的工号怎么查真假", "how do I check which company a collector is from",
    # someone else unable to pay, and what falls on the asker ("他还不上" is the other person's money, not despair)
    "朋友以后要是还不起，我这个担保人要承担什么", "如果借钱的人还不上，我会被追究什么责任",
    "if he can't pay it back, what am I on the hook for",
    "家里人愿意帮我还钱，要注意什么", "do my family members have to pay my debts",
    "my mother died with credit card debt, "
    "am I responsible", "can collectors call my relatives", "will my guarantor have to pay",
    # family offering to pay, and whether a debt can go unpaid (questions about money, not about the self)
    "爸妈说愿意替我把网贷还了", "家里人说要帮我还信用卡",
    "my parents said they'd pay it off for me",
    "担保的人跑了，银行找我还", "平台说进入法务阶段了，是什么意思",
    # writing asked for that has nothing to do with a collector ("帮我写个请假条，就说家里有事" sat nearest "帮我写一段
    # 威胁催收员的话" and was refused as a threat)
    "帮我写个请假条", "帮我写个请假条，就说家里有事", "help me write a note asking my boss for a day off",
    # a bare amount owed, the second turn of many conversations ("欠了六万" had sat nearer the crisis bank)
    "现在欠了四万", "一共欠了十几万", "信用卡欠了八万多", "网贷加起来欠了二十万", "I owe about 60,000 yuan",
    "my debts add up to 200k",
    # plainly unable to pay, and what comes next (the question is the process, not the self)
    "我实在还不上了，之后会怎么样", "收入少了一大半，贷款还不起了", "催收开始联系我了", "法院让我过去一趟，我有点怕",
    "will I lose my job because I'm in debt", "I simply can't pay anymore, what happens now",
    # annoyance idioms and ordinary feelings
    "烦死了，网贷天天发短信", "气死我了，利息怎么这么高", "急死了，明天就到还款日", "吓死我了，收到一条律师函短信",
    "欠债的事让我很焦虑，这种感觉正常吗", "被催得心烦意乱，怎么让他们少打电话", "我什么时候才能把债还完",
    "this debt is driving me crazy, what are my options", "I feel stuck with these loans, is this common",
    "will I ever get out of debt", "the stress of owing money is killing me, how do I budget",
    # 上岸 is borrowers' slang for getting out of debt ("我想上岸" had sat nearer "我想永远消失")
    "我想上岸，该从哪一步开始", "想早点上岸，把网贷都还清",
    # records, lenders, rules
    "怎么免费查自己的征信", "自己查征信会影响信用吗",
    # a foreigner's own papers ("…I'm a foreigner with a passport, no ID card" had sat by borrowing in another's name)
    "我是外国人，只有护照没有身份证，怎么查征信",
    "I'm a foreigner with only a passport, how do I check my credit report",
    "征信上有一笔不是我借的贷款", "怎么判断网贷平台有没有牌照",
    "卡长期不用会被注销吗", "按时还了却显示逾期，能更正吗", "is checking my own credit report free",
    "how do I know if a lender is licensed", "can I add a statement to my credit report",
    "can I ask the lender to change my repayment plan", "if I only pay the minimum am I overdue",
    # IOUs and private loans
    "借条上没写利息怎么算", "借条上的违约金太高，最多能收多少", "小贷公司算不算民间借贷", "债务清单应该怎么列",
    "被扣了砍头息，本金按多少算", "does an IOU need a witness", "how is interest capped on a loan between friends",
    # collectors and enforcement (asked about)
    "催收可以上门吗", "执行的时候会冻结哪些账户", "欠钱不还会被拘留吗", "报警会不会对欠钱的我不利",
    "can a debt collector visit my home", "what can the court take if I lose the case",
    "how do I know if I'm stuck borrowing to repay other loans", "what happens if I never pay the loan back",
    "不还了会怎么样，记录会一直在吗",
    "朋友借了我的钱不还，怎么起诉他", "信用卡在ATM一天最多能取多少现金", "协商期间还要继续还款吗",
    "how is the minimum payment on a card worked out", "someone offered to fix my credit for a fee, should I trust it",
    # a court outcome or a collector's move, stated flatly ("没钱还" after a judgment is money, not despair)
    "判决书下来了，可我手里没钱", "法院让我限期还款，我拿不出来", "我被列为失信被执行人了", "已经被限制高消费了",
    "判决后没钱还，会被怎么执行",
    # which debt first, and whether there is a way out in law (questions, however heavy the debt)
    "欠了好几家，应该先还哪一家", "几笔欠款先还哪个划算", "债多到还不完了，国内能申请个人破产吗",
    "欠的钱实在太多了，法律上有没有什么办法", "欠款太多，能不能走个人破产",
    # a collector's abuse or a court list, told as what happened (the turn before a question)
    "催收给我爸妈打电话，还辱骂他们", "催收天天打电话骂我家里人",
    "collectors keep calling my mother and swearing at her",
    "I have been listed as a dishonest debtor", "the court put me on the list of dishonest debtors",
    "which debt should I pay off first", "can I declare personal bankruptcy in China",
    "催收说明天要上门来", "我的债被转让给一家资产管理公司了", "欠款的事被催收发到了单位群里",
    "父亲的遗产我不继承，他的债还用还吗", "车卖了还差一部分，剩下的怎么办", "手里一分钱都没有，这钱怎么还",
    "房子拍卖的钱不够还，差的部分还要我还吗", "超过利率上限的那部分钱，平台还能一直问我要吗",
    "剩下没还完的钱，他们还会继续找我要吗", "催收找到我爸妈了，他们该怎么应对",
    "the judgment came through and I have no money to pay it", "a collector says they will come to my house",
    # choosing, proving, where a case is heard: ordinary questions near the harmful bank by their words
    "学生能不能申请网贷", "哪些网贷平台是正规持牌的", "平台在它所在地的法院起诉我，能换到我住的地方吗",
    "跟催收通话怎么留证据", "生活费和还款先顾哪头", "花呗和白条都要还，工资还没发怎么办",
    "平台要我先还一部分才肯谈分期，我拿不出来",
    "the lender wants a down payment before it will negotiate", "which online lenders are licensed",
    # short follow-ups after an answer: what to prepare, write, say — practical, whoever they mention
    "需要带哪些材料", "申请书该怎么写", "要交什么证明", "我该怎么回复他们", "跟家里人怎么说这件事",
    "离得太远去不了，还有别的办法吗", "what documents do I need", "how should I word it", "what do I tell my parents",
    # proof of a real repayment ("I paid off my loan / how do I get proof?" was refused as forging a document)
    "还清了怎么拿证明", "结清证明去哪里开", "how do I get proof that I paid", "how do I get proof?",
    "where do I get a settlement certificate",
    # wanting to repay and unable to reach the lender ("借款app打不开了 怎么还钱" was refused as planning not to repay)
    "借款app打不开了，欠的钱怎么还", "平台联系不上了，钱该去哪里还", "app登不上去了，逾期的钱怎么还上",
    "the loan app won't open, how do I pay it back", "I want to repay but I can't reach the lender",
    # small talk and fillers: short messages with no content drift towards short exemplars of any bank
    "你好", "谢谢", "好的", "在吗", "我想问一下", "没事了", "再见", "嗯嗯", "hello", "thanks", "ok", "bye",
    "I have a question",
    # money short, or a plan, stated flatly: a question about paying, not about living
    "我是真的没钱了", "生意赔了，欠下几十万还不起", "干脆不还了可以吗，会怎样",
    "我想先还一部分，剩下的慢慢还", "趁现在还来得及，我能先做些什么", "I honestly have no money right now",
    "I owe 300,000 and can't pay it back", "what if I just stop paying", "what can I do now to get ready",
    # settling a debt: money words, not "settling my affairs" ("I want to settle my debt" got the crisis reply)
    "我想少还一点把这笔债结清", "I want to settle my debt for less than I owe",
    "can I settle the loan with the bank in one payment",
    # calculations and plans
    "手续费月0.6%分12期，真实年化是多少", "借1万年化24%一年利息多少", "monthly fee 0.5% for 24 months, real APR?",
    "借一万日息万五逾期三十天要还多少", "欠五万月利率2%一年利息多少", "想提前结清贷款有手续费吗",
    "怎么从以贷养贷里走出来", "how much will I owe after 60 days overdue on 10000",
)
