"""Which field a message is in: small talk ("你好", "谢谢", "你是谁"), consumer credit and debt, or a neighbouring
field finbot does not cover (mortgage rates, insurance, tax …) — unless the borrower is in debt trouble in it.

    chitchat_kind(text) -> "greeting" | "thanks" | "about" | "feeling" | "wordless" | None
    scope(text) -> "in" | "out" | "unknown"      # read by the relevance gate (bot/engine/answer.py)
"""

from __future__ import annotations

import re
import unicodedata

from bot.safety.screen import _alt

_PUNCT = r"[\s!！。.,，~～?？]*"
_GREETING = re.compile(
    r"^\s*" + _alt("你好吗?", "您好吗?", "最近好吗", "嗨", "哈喽", "hello", "hi", "hey", "hallo", "在吗", "在不在",
                   "早上好", "晚上好", "下午好", "good (?:morning|evening|afternoon)",
                   "how are you(?: doing)?", "how'?s it going") + _PUNCT + "(?:finbot)?" + _PUNCT + "$",
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


# A message of emoji or punctuation alone says how someone feels or that they are there, and asks nothing: after a
# topic it is not a follow-up (it used to re-answer the last section). Sad faces get a kind word, a thumbs-up thanks.
_SAD = re.compile("[\U0001F622\U0001F62D\U0001F625\U0001F61E\U0001F614\U0001F494\U0001F630\U0001F629"
                  "\U0001F62B\U0001F97A\U0001F63F\U0001F613\U0001F61F\U0001F615\U0001F641\u2639]")
_THUMBS = re.compile("[\U0001F44D\U0001F64F\U0001F44C\u2764\U0001F496\U0001F60A\U0001F642\U0001F91D]")


def _wordless(text: str) -> bool:
    """Nothing but emoji, symbols and punctuation: no letter, no digit."""
    stripped = text.strip()
    return bool(stripped) and not any(unicodedata.category(ch)[0] in "LN" for ch in stripped)


def chitchat_kind(text: str) -> str | None:
    """"greeting", "thanks" or "about" for small talk that needs no knowledge base, "feeling" or "wordless" for a
    message of emoji or punctuation alone; else None."""
    if _wordless(text):
        if _SAD.search(text):
            return "feeling"
        return "thanks" if _THUMBS.search(text) else "wordless"
    if _GREETING.match(text):
        return "greeting"
    if _THANKS.match(text):
        return "thanks"
    if _ABOUT.match(text):
        return "about"
    return None


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
    # platform credit by its pinyin name, and being behind ("behind on jd baitiao and jintiao …")
    r"\bhuabei", r"\bjiebei", r"\bbaitiao", r"\bjintiao", r"\bweilidai", r"\bbehind on",
), re.IGNORECASE)
_OUTSIDE_RE = re.compile(_alt(
    "房贷", "买房", "首付", "公积金", "车险", "保险", "理赔", "社保", "养老金", "个税", "退税", "股票", "基金",
    "比特币", "彩票", "抚养权", "离婚", "签证", "高铁", "定投", "加密货币", "虚拟币", "炒币",
    r"\bmortgage", r"\bdown payment", r"\binsurance", r"\bstocks?\b", r"\bbitcoin", r"\bcrypto", r"\bvisa\b",
    r"\btax(?:es)?\b",
    r"\bpension", r"\bflat\b", r"\bapartment",
    # currency exchange ("usd to rmb exchange rate", "怎么炒外汇")
    "汇率", "外汇", "换汇", r"\bexchange rates?\b", r"\bforex\b",
), re.IGNORECASE)
# Working as a collector is a job question, not a borrower's, though it names collection ("催收员提成多少 我想去应聘").
_COLLECTOR_JOB_RE = re.compile(_alt(
    "应聘", "招聘", "求职", "(?:当|做|干)催收", "催收(?:员|专员)?的?(?:工资|提成|底薪|待遇|岗位)",
    r"\b(?:job|work|working) as a (?:debt )?collector", r"\bcollector jobs?\b",
), re.IGNORECASE)
_DISTRESS_RE = re.compile(_alt(
    "逾期", "还不上", "还不起", "晚了", "晚还", "没还", "催收", "罚息", "违约金", "起诉", "欠", "放款", "下款", "网贷",
    # a mortgage or instalment that cannot be kept up ("房贷…供不上了", "首付…凑不出来") is debt distress too
    "供不上", "断供", "停供", "断了", "凑不出", "还不了", "交不上", "付不起", "拖欠", "被拍", "拍卖", "个性化分期",
    "停息挂账", "协商", "凑不齐", "没凑齐", "没凑够",
    r"\boverdue", r"\blate\b", r"\bcollector", r"\bcan'?t (?:pay|repay|afford|make)", r"\bmissed", r"\bowe",
    r"\bbehind on", r"\bforeclos", r"\bunpaid", r"\bdefaulted", r"\barrears", r"\b(?:haven'?t|not|never) (?:re)?paid",
    r"\bstopped paying", r"\bnegotiat", r"\bcan'?t keep (?:up|paying)", r"\b(?:months?|weeks?|payments?) behind\b",
    r"\bfall(?:en|ing)? behind\b",
), re.IGNORECASE)


_SPOUSES = "前夫|前妻|老公|老婆|丈夫|妻子|配偶"  # a spouse, now or before
# Words of consumer credit itself: with one of them, a neighbouring word is context ("被限高了还能坐高铁吗",
# "花呗会影响以后买房吗", "the loan company is outside my flat"), not the subject.
_CREDIT_RE = re.compile(_alt(
    "征信", "信用卡", "网贷", "限高", "限制高消费", "失信", "被执行", "强制执行", "催收", "花呗", "借呗", "白条",
    "金条", "车贷", "提前还", "法院", "起诉", "借的钱", "欠的钱", "欠款", "债务",
    # a scam that dresses up as investing or a refund ("网友带我炒币，提现要先交保证金") is the common-frauds article's
    "骗", "提现", "刷单", "杀猪盘", r"\bscam", r"\bfraud", r"\bwithdraw",
    r"\bcollect", r"\bcredit (?:report|record|card|history|score|rating)", r"\bbad credit", "信用记录", "信用不好",
    "黑户", r"\bloan (?:company|app|platform|shark)", r"\bcourt\b",
    # a family member's debt is the family-debt articles' ("离婚了，前夫的贷款还要我还吗"), not divorce or pension law
    f"(?:{_SPOUSES}|儿子|女儿|孩子|子女|父母|爸爸?|妈妈?|父亲|母亲|家人)(?:的|借的|欠的)(?:债|贷款|网贷|欠款)",
    "夫妻(?:共同)?债务", "这债",
    # … or what a spouse borrowed ("我老婆背着我在好几个平台借了20多万 / 要是离婚，这钱我也得还一半吗")
    f"(?:{_SPOUSES})(?:背着我|瞒着我)?[^，,。？?！!]{{0,10}}?(?:借了|欠了|贷了)",
    r"\bbailiff", r"\bbaitiao", r"\bhuabei", r"\bjiebei",
    # borrowing and paying off themselves: "借钱的时候被强制买了保险" is a loan's cost, "还清后多久能再申请房贷" a
    # repaid debt's record, "宽限期过了 房贷还差两千" a missed payment — not insurance or mortgage products
    "借钱", "借款", "还清", "结清", "宽限期", r"\b(?:fee|charge|premium)s? [^.?!]{0,30}\bloans?\b",
    # the credit report's own jargon, whatever loan it stood in the way of
    "连三累六", r"\bthree in a row, six in total\b",
), re.IGNORECASE)


def scope(text: str) -> str:
    """"in" (consumer credit and debt), "out" (a neighbouring field, no debt distress), or "unknown"."""
    if _OUTSIDE_RE.search(text) and not _DISTRESS_RE.search(text) and not _CREDIT_RE.search(text):
        return "out"
    if _COLLECTOR_JOB_RE.search(text) and not _DISTRESS_RE.search(_CREDIT_RE.sub("", text)):
        return "out"
    return "in" if _DOMAIN_RE.search(text) else "unknown"
