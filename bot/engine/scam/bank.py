"""Exemplar sentences for the scam checker's semantic layer (bot/engine/scam/semantic.py), written for finbot.

A sentence of a checked message that no rule flagged is compared (cosine, the multilingual USE embedder) with every
exemplar; it raises a flag only when it is near a SCAM exemplar and clearly nearer than to every GENUINE one.
The exemplars describe *kinds* of wording, not the tuning or test messages (knowledge/eval/scam_tuning.yaml,
tests/test_scam.py hold their own).

- SCAM: keyed by flag id (flags.yaml), in both languages.
- GENUINE: what real banks, lenders, courts and lawyers write, including their own warnings against scams — they
  pull a genuine sentence that shares words with a scam away from a false flag.
"""

from __future__ import annotations

SCAM: dict[str, tuple[str, ...]] = {
    "record_fee": (
        "花点钱就能把你征信上的不良记录清理干净", "专业团队帮你处理征信污点，逾期呆账都能消", "付费帮你恢复良好信用",
        "征信花了、有逾期，交钱就能帮你处理好", "信用报告上的黑记录可以付费去掉",
        "we can clean up your credit file for a small fee", "pay us and your bad credit history disappears",
        "我认识的人能把你征信上的逾期去掉，就是要花点钱", "交一笔费用，你的不良记录银行就查不到了",
        "we can make the late payments disappear from your report for a fee",
    ),
    "insider": (
        "我们在征信系统里有熟人，可以直接改数据", "银行里有人，能帮你把记录调整掉", "通过特殊关系在系统里处理",
        "we know people in the bank who can change your records",
        "家里有长辈在金融系统上班，托他出面你那些欠款就一笔勾销",
        "my uncle has friends at the regulator who can make your loans go away",
        "我有亲戚在银行管数据，打点一下就能改", "my relative at the credit bureau can change your record",
    ),
    "agency_fee": (
        "专业协商团队帮你和银行谈判，减免利息后按比例收费", "欠款太多？我们替你跟网贷平台谈，收取服务费",
        "债务重组一站式服务，先付咨询费", "信用卡分期60期，我们帮你办，收手续费",
        "our team negotiates your card debt for you for a percentage of the savings",
        "你把债务交给我们处理，不用再自己还银行，每月付我们服务费就行", "签了委托以后银行的电话都转给我们，你先别还了",
        "let us handle your debts: stop paying the bank and pay us a monthly fee instead",
        "赶上国家政策窗口期，报名登记后你的网贷就不用还了，登记要交一笔费用",
        "register for the government debt forgiveness programme now, a small processing fee applies",
    ),
    "personal_account": (
        "还款请转给我们的财务人员", "把钱打到经理的卡上就可以结清", "欠款请直接微信转给我", "扫我的收款码还款",
        "please send the repayment to our staff member's account",
    ),
    "safe_account": (
        "你的资金有风险，需要转移到国家监管的账户里", "配合警方调查，把存款转过来我们做清白证明",
        "你的账户涉及一起案件，资金需要接受审查", "我们会帮你保管这笔钱，查清以后再退回",
        "your savings must be moved to a protected government account during the investigation",
        "为了你的资金安全，先把钱转到我们给你的账户保管",
    ),
    "codes_screen": (
        "把手机收到的那串数字念给我听一下", "打开视频会议软件，点一下屏幕分享", "我们需要远程帮你操作手机",
        "把短信里的六位数字发过来核实身份", "tell me the six digit number you just received",
        "install this app so our agent can see your phone",
        "软件装好以后把屏幕上显示的号码告诉我", "下载这个软件，我们工作人员一步步教你操作",
        "把银行卡连同密码一起交给我们保管，我们替你周转",
        "mail us your card together with its PIN and we take care of the rest",
    ),
    "arrest_threat": (
        "再不还钱，警察明天就到你家", "你的行为已经构成犯罪，等着被抓吧", "我们已经把你的材料交给了公安局",
        "不处理的话你会被判刑", "the police will come to your house tomorrow if you don't pay",
        "you are now facing criminal prosecution",
    ),
    "hours_deadline": (
        "今天下班之前必须把钱还上", "给你最后两个小时时间", "马上处理，过了今晚就来不及了",
        "you have until tonight, after that it is too late",
    ),
    "court_link": (
        "你的起诉材料在这个网址里，赶快打开看", "法院的文件已经发到你微信，扫码查看并缴费",
        "判决已经下来了，点这里交钱可以撤销", "view your court documents at this website and pay the fine",
        "我是法院派来的调解员，你先把和解的钱打给我，我去跟银行谈",
        "as the court's mediator I can close the case if you send the settlement money to me directly",
    ),
    "fake_official": (
        "我们是国家金融监管部门的工作人员", "这里是公安局经济犯罪侦查部门", "我是征信管理局的，你的征信出问题了",
        "this is the central bank's credit department calling about your file",
    ),
    "cancel_account": (
        "你上学时开的借贷账户现在必须关闭", "按照新规定，大学生贷款账户要全部清理",
        "不关掉这个服务每个月都会扣钱还影响信用",
        "your old student account must be closed or your credit score will drop",
        "你的账户开通时年龄不符合规定，需要注销清退",
    ),
    "new_loan": (
        "你先从别的平台借一笔出来，证明你的还款能力", "在几个借款软件上把额度借出来转给我们处理",
        "再申请一笔贷款把之前的账冲掉", "borrow from another app and send it to us to clear your record",
    ),
    "upfront_loan_fee": (
        "贷款已经批了，但要先交一笔钱才能到账", "你的资金被系统冻结，交费后马上解冻", "先转一笔钱证明你有还款能力",
        "your loan is approved, just pay the processing deposit first",
        "首次借款要先买一份保险，买完才能放款", "你的流水不够，先往卡里存一笔钱，审核完马上放款",
        "the loan is ready as soon as you pay the insurance premium",
        "多收你的利息可以退回来，不过要先交一点手续费走流程",
        "to receive the interest refund, pay the processing fee first",
        "在这个平台上先充值做几单，赚到的钱足够把网贷还清",
        "top up your account on our trading platform and the profits will clear your loans",
        "做点赞任务，先垫钱下单，返还时多给你佣金",
        "for this task you advance the order amount and get it back with a commission",
    ),
    "contacts_threat": (
        "我们会打电话给你所有的亲戚朋友", "你的照片会发到你们公司的群里", "明天我们派人去你老家找你父母",
        "we will call everyone in your phone book",
    ),
    "family_threat": (
        "你再不还钱，你孩子以后考公务员政审都过不了", "全家人都会受到牵连，坐不了飞机高铁",
        "your children will never pass a government background check because of this debt",
    ),
    "private_contact": (
        "这件事加我私人联系方式单独聊", "不要走官方渠道，直接找我处理就行", "add me on a private chat to settle this",
    ),
    # added after the fifth held-out run
    "card_rental": (
        "你名下不用的银行卡借给我们收款，按天给你报酬", "把卡和U盾寄过来，帮公司过一下流水，有佣金",
        "lend us your unused bank card for a few days and earn a daily fee",
    ),
    "relative_impersonation": (
        "我是你表哥，原来的号不用了，先帮我给朋友转一笔钱", "我在外面出事了急需用钱，千万别告诉爸妈",
        "it's me on a new number, I'm in trouble and need you to send money to my friend today",
    ),
    # added after the sixth held-out run
    "crypto_payment": (
        "欠款现在可以换成虚拟币来还，打折结清，币转到我给你的地址",
        "pay what you owe in crypto to this wallet and get a discount",
    ),
}

GENUINE: tuple[str, ...] = (
    # banks and cards
    "您的信用卡本期账单已出，请于到期还款日前还款", "如已还款请忽略本短信", "您尾号1234的信用卡已逾期，请尽快还款",
    "为避免影响您的个人信用记录，请按时还款", "如有疑问请致电我行客服热线", "请通过手机银行或网上银行还款",
    "您的个性化分期申请已通过", "您的贷款将于下月20日扣款，请确保账户余额充足", "您的消费贷款已发放至您的账户",
    "您的验证码为123456，请勿泄露给他人", "工作人员不会向您索要验证码", "银行不会要求您转账到安全账户，谨防诈骗",
    # lenders and platforms
    "您的借款已逾期，请尽快登录App还款", "逾期将按合同计收罚息并可能影响征信", "今天是还款日，系统将自动扣款",
    "如有困难可以申请协商还款方案", "请通过官方App或官方客服办理", "您的白条账单已出，可在App内还款",
    # courts, arbitration, lawyers
    "您有一件民事案件，请登录人民法院在线服务平台查收诉讼文书", "定于某日在第八法庭开庭，请准时到庭",
    "详情可拨打12368诉讼服务热线查询", "判决已生效，请于十日内履行", "执行款请通过法院执行案款专用账户缴纳",
    "诉前调解通知，调解员联系电话为法院座机", "仲裁委员会已受理，请登录本会官网查阅仲裁文书",
    "受银行委托致函，请于15日内与委托人联系协商还款，否则将依法提起诉讼",
    "我行可能通过司法途径追讨欠款，请尽快与我行联系",
    "如未按期履行，本院将依法将你纳入失信被执行人名单", "you may be added to the list of dishonest judgement debtors",
    # credit reports and account notices
    "您的个人信用报告查询申请已提交，结果可登录官网查看", "本服务免费，无需任何第三方代办",
    "您的账户收到一笔转账，余额为",
    "您的账户因司法冻结暂无法使用，详情请联系冻结机关", "您的账户已解除冻结，可正常使用",
    "您的异议已核实，相关信息已更正", "逾期记录自结清之日起保留5年，到期自动删除",
    "请在三日内登录App确认分期，逾期未确认视为放弃", "扣款失败，请存入足额资金，系统将再次扣款",
    "您已成功还款，剩余待还本金如下", "您的征信异议申请已受理，将在20日内答复",
    # anti-fraud notices
    "凡是要求注销校园贷账户、转账的都是诈骗", "如遇可疑情况请拨打96110", "请勿点击陌生链接",
    "骗子可能会冒充客服，要求您共享屏幕、提供验证码或转账到所谓的安全账户", "凡是自称客服让您退还多收利息的都是诈骗",
    "如有人以降息、退息为由让您下载其他App，请立即挂断", "网传网贷清零、债务纾困政策均为谣言，请勿交费",
    "scammers may ask you to share your screen, read out a code or move money to a safe account",
    "real banks and police never ask you to do this; hang up and call 96110",
    # court papers with the court's own phone, and a bank's call that points to its own app
    "联系人：承办法官，联系电话：本院立案庭座机", "请到本院执行局办理，或联系执行员，电话为本院座机",
    "调解员联系电话为本院座机，调解不收取任何费用", "please contact the judge's clerk at the court's landline",
    "对方报出了我的卡号后四位，让我在银行自己的App里还款", "客服说银行不会让客户转到任何个人账户，只能通过官方渠道还",
    "the caller told me to pay in the bank's own app and never to anyone's personal account",
    # relatives and friends in ordinary life, and notices that name card rental to warn against it
    "我妈换了新手机号，让我存一下", "我弟打电话说周末回家吃饭", "出租出借银行卡是违法行为，请勿参与",
    "my sister has a new number and we talked on video to check",
    # codes typed into one's own app, rate cuts and account closures that cost nothing (after the sixth run)
    "验证码我自己在官方App里输入，客服说他们看不到",
    "I typed the code into the bank's app myself; nobody asked me for it",
    "利率已自动下调，无需办理，也不收任何费用", "the loan is paid off and the account closes by itself at no charge",
    # English
    "your statement is ready, please pay by the due date", "ignore this message if you have already paid",
    "please repay in the app or call the number on the back of your card",
    "we will never ask for your verification code", "a hearing has been scheduled, check the case on the court website",
)
