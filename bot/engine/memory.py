"""Conversation state for follow-ups: a small dataclass that round-trips through a plain JSON-safe dict.

What is kept (and nothing else — no chat logs): the language, the last few user turns, the topic of the
last grounded answer (so "那信用卡呢?" searches in context), the last calculator request (so
"如果逾期60天呢?" re-runs it with 60 days, or a missing input can be supplied in the next message), and whether
the last reply was a crisis reply (the next turn then opens with a check-in). A topic with
no article (topic_article None) is one finbot asked about ("你想了解信用卡的哪方面？"), not one it answered.

    mem = Memory()                       # one per chat
    answerer.answer("…", mem)            # updated in place
    state = mem.to_dict(); Memory.from_dict(state)   # what the Telegram layer stores
    mem.reset()                          # /reset
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from bot.engine import words
from bot.engine.terms import content_terms

MAX_TURNS = 6


@dataclass
class Memory:
    lang: str | None = None
    turns: list[str] = field(default_factory=list)  # the last user messages, oldest first
    topic_query: str | None = None  # the full question that produced the last grounded answer
    topic_article: str | None = None
    topic_section: str | None = None
    # The last calculator request (complete, or waiting for inputs): the fields of bot.understand.CalcRequest
    # (tool, inputs, missing, assumptions, language, assumed, pending).
    calc_request: dict[str, Any] | None = None
    last_kind: str | None = None
    # The conversation's topic beyond the last question: the kinds of debt named so far ("credit_card" …), so a
    # follow-up that changes the question but not the debt ("那我该怎么跟银行谈") is answered about that debt.
    topic_products: list[str] = field(default_factory=list)
    topic_stages: list[str] = field(default_factory=list)  # how far it has gone ("months", "court" …)
    # A clarifying reply's candidates, [article id, section index, question] each: "1" / "2" / "3" picks one.
    choices: list[list[Any]] = field(default_factory=list)
    # The last calculation's yearly rate and the debt it was for, so "这个利率合法吗" can be answered:
    # {"annual_pct": "36", "product_type": "online_lender" | None, "contract_date": "2024-03-01" | None}.
    last_rate: dict[str, Any] | None = None
    # The borrower's own list of debts while the conversation lasts (bot/engine/debts.py: Book.to_dict()), and a
    # letter being written (bot/engine/letters.py: its kind and the facts given so far). Saved nowhere unless the
    # user asks (/debts save).
    debts: dict[str, Any] | None = None
    letter: dict[str, Any] | None = None
    checkin_due: bool = False  # the last reply was a crisis reply: the next turn opens with a gentle check-in
    # The last turn picked one of a clarifying reply's choices (it is kept as the question it named, not as "1").
    picked: bool = False

    # -- updates

    def add_turn(self, text: str, picked: bool = False) -> None:
        self.turns.append(text)
        self.picked = picked
        del self.turns[:-MAX_TURNS]

    def set_topic(self, query: str, article_id: str | None, section: str | None) -> None:
        self.topic_query, self.topic_article, self.topic_section = query, article_id, section

    def set_situation(self, products: set[str], stages: set[str]) -> None:
        """Remember the kind of debt and its stage once a message names them (a later message may not)."""
        if products:
            self.topic_products = sorted(products)
        if stages:
            self.topic_stages = sorted(stages)

    def set_calc(self, request: dict[str, Any] | None) -> None:
        self.calc_request = dict(request) if request else None

    def clear_calc(self) -> None:
        self.calc_request = None

    @property
    def calc_tool(self) -> str | None:
        return (self.calc_request or {}).get("tool")

    @property
    def calc_missing(self) -> list[str]:
        return list((self.calc_request or {}).get("missing") or [])

    def reset(self) -> None:
        """Forget everything (/reset)."""
        fresh = Memory()
        for name, value in asdict(fresh).items():
            setattr(self, name, value)

    @property
    def empty(self) -> bool:
        return not self.turns and self.calc_tool is None and self.topic_query is None

    @property
    def pending_inputs(self) -> bool:
        """A calculation is waiting for the user to supply missing inputs."""
        return self.calc_tool is not None and bool(self.calc_missing)

    # -- serialisation

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe: Decimals and dates inside the calculator request are tagged so from_dict restores them."""
        data = asdict(self)
        data["calc_request"] = _encode(self.calc_request)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Memory:
        """Restore; unknown keys (from a newer version) are ignored and a broken state becomes a fresh one."""
        if not isinstance(data, dict):
            return cls()
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        try:
            mem = cls(**known)
            mem.calc_request = _decode(mem.calc_request) if isinstance(mem.calc_request, dict) else None
            mem.turns = [str(t) for t in mem.turns][-MAX_TURNS:]
            mem.topic_products = [str(p) for p in mem.topic_products]
            mem.topic_stages = [str(s) for s in mem.topic_stages]
            mem.choices = [[str(c[0]), int(c[1]), str(c[2])] for c in mem.choices]
        except (TypeError, ValueError, ArithmeticError):
            return cls()
        return mem


def _encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$decimal"}:
            return Decimal(value["$decimal"])
        if set(value) == {"$date"}:
            return dt.date.fromisoformat(value["$date"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


# ------------------------------------------------------------------ follow-up detection

# Openers of an elliptical follow-up ("那信用卡呢", "what about 60 days"). The first ones are taken off before the
# rest is read on its own; "其他平台呢" keeps "其他", "also late fees?" keeps nothing to lose, so only the
# detection has the second ones.
_OPENERS_ZH = ("那么", "那要是", "那如果", "那", "如果", "要是", "假如", "假设", "换成", "改成", "还有", "另外")
_OPENERS_ZH_KEPT = ("再问", "同样", "其他", "其它")
_OPENERS_EN = ("what about", "how about", "what if", "and if", "and")
_OPENERS_EN_KEPT = ("if", "same for", "also", "then", "instead")


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))  # the longest opener first ("那么" before "那")


_FOLLOW_ZH = re.compile(rf"^(?:{_alternation(_OPENERS_ZH + _OPENERS_ZH_KEPT)})")
# "网贷也一样吗" asks the same question about another debt, as "那网贷呢" does
_SAME_ZH = r"也(?:是)?(?:一样|这样|同样)(?:的)?(?:吗|么|吧)?"
_FOLLOW_ZH_END = re.compile(rf"(?:呢|{_SAME_ZH})[?？。!！\s]*$")
_FOLLOW_EN = re.compile(rf"^(?:{_alternation(_OPENERS_EN + _OPENERS_EN_KEPT)})\b", re.I)
# Words that only point back ("那个", "这笔钱", "that one"): a pointer, not the opener "那" ("那个" must not become
# "个"), and with nothing before it no topic at all.
_POINTER_ZH = r"[这那](?:个|些|样|种|笔|家|位|里|边)"
_POINTER = re.compile(rf"^{_POINTER_ZH}|^(?:that|this|those|these|it)\b", re.IGNORECASE)
# Closing "怎么样" is "呢" ("那信用卡怎么样"), but not in "会怎么样": what will happen is the question asked.
_FOLLOW_WORDS = re.compile(rf"^(?!{_POINTER_ZH})(?:{_alternation(_OPENERS_ZH + _OPENERS_EN)})\s*"
                           rf"|(?:呢|(?<!会)怎么?样|{_SAME_ZH})?[?？。!！\s]*$", re.IGNORECASE)


def is_followup(text: str, lang: str) -> bool:
    """A short elliptical message that needs the previous turn ("那信用卡呢?", "what about 60 days?")."""
    t = text.strip()
    if not t:
        return False
    if lang == "zh":
        return len(t) <= 16 and bool(_FOLLOW_ZH.search(t) or _FOLLOW_ZH_END.search(t))
    words = t.split()
    if len(words) > 9:
        return False
    return bool(_FOLLOW_EN.search(t)) or (len(words) <= 4 and bool(_REFERS_EN.search(t)))


# A message that points back at the conversation ("他们不同意怎么办", "is that legal?", "这个利率合法吗"): it keeps the
# topic and changes the question, so it is read together with the earlier topic. "他/她" too ("我要帮他还吗" after a
# husband's loans), but not in 其他 (other) or 他人 (others).
_REFERS_ZH = re.compile(r"(?<!其)[他她](?!人)|它们|对方|人家|这个|那个|这样|那样|这种|这笔|那笔|这家|那家|这些|那些|"
                        r"[这那](?:债|钱|账)|上面|刚才|刚刚说|^(?:那|那么|那我|那他|可是|但是|要是|如果|这|还有|然后呢)|"
                        # whether what was just told is true ("先转1500，这是真的吗" after a credit-repair offer)
                        r"[这那]是(?:不是)?(?:真|假|骗|合法|正规)")
_REFERS_EN = re.compile(r"\b(?:they|them|their|that|this|it|those|these|such|mine|his|hers|ours|theirs)\b",
                        re.IGNORECASE)
# A longer message whose subject is someone or something said before ("they said no and want the full amount in 3
# days. what now"): naming no debt, it is about the conversation's.
_STARTS_WITH_THEM = re.compile(r"(?:(?:and|but|so|now|ok|well),? )?(?:they|he|she|it|that|this)\b", re.IGNORECASE)
# In Chinese up to 40 characters, a debt named or not: "她留下好几张信用卡和网贷没还完，催收天天打电话，我们要还吗"
# after "我妈上个月走了" is about her, said before.
_STARTS_WITH_THEM_ZH = re.compile(r"(?:那|可是|但是|而且|现在)?(?:[他她]|它们|对方|人家)(?![人])")


def refers_back(text: str, lang: str) -> bool:
    """A short message that leans on the previous turn for its topic (see is_followup for the elliptical kind)."""
    t = text.strip()
    if lang == "zh":  # a very short question ("会怎样", "合法吗") has no topic of its own either
        # counted without spaces: the reader writes "，" as ", " (a twenty-character "他留下好多网贷，催收天天打我电话，
        # 怎么办" after "我爸上个月去世了" was 22 and read alone)
        chars = len(re.sub(r"\s", "", t))
        return (chars <= 20 and bool(_REFERS_ZH.search(t))) or len(re.sub(r"[\s?？!！。,，]", "", t)) <= 5 \
            or (chars <= 40 and bool(_STARTS_WITH_THEM_ZH.match(t)))
    # "what are my options?", "what can I do": what to do, and nothing said about what in — the situation is the
    # conversation's. ("where can I complain?" stands alone: the channels do not depend on it.) Sixteen words with
    # "they / that / it", as twenty Chinese characters: "Can they legally call me?? I am not the borrower, I never
    # signed anything" (14) after a father's overdue loans was read alone, as a stolen identity (ten before).
    return ((len(t.split()) <= 16 and bool(_REFERS_EN.search(t))) or len(t.split()) <= 3
            or (len(t.split()) <= 20 and bool(_STARTS_WITH_THEM.match(t)) and not words.products(t))
            or (words.question_type(t) == "howto" and not asked_about(t)))


# When, not what: "what should I do first / next / now" asks the conversation's what-to-do all the same.
_WHEN = {"now", "next", "first", "today"}


def asked_about(text: str) -> set[str]:
    """The words that say what a question is about: not its question words, nor when it is asked ("now")."""
    return content_terms(words.without_question_words(text)) - _WHEN


# The money or debt already talked about ("这个钱算我的吗", "is that debt mine too?").
_THE_DEBT_BEFORE = re.compile(r"[这那](?:个|笔)?(?:钱|债|账|欠款|贷款)|\b(?:this|that) (?:debt|loan|money)\b",
                              re.IGNORECASE)


def about_the_debt_before(text: str) -> bool:
    """The message is about the debt the conversation named: it is no new topic, whatever else it names ("我们没离婚，
    这个钱算我的吗" after a husband's card debt)."""
    return bool(_THE_DEBT_BEFORE.search(text))


def names_nothing(text: str, lang: str) -> bool:
    """A short question that names no debt of its own ("要我们子女还吗" after a parent's card debt, "how do I check
    mine"): it may be about the conversation's debt (the engine checks that the two read together fit)."""
    t = text.strip()
    if words.products(t):
        return False
    if lang == "zh":
        return 0 < len(re.sub(r"[\s?？!！。,，]", "", t)) <= 14
    # nine words (seven before): "how long until my credit report is clean?" after a payoff; measured on the
    # conversations (docs/quality.md). Chinese at 18 characters lost a tuning conversation and was not kept.
    return 0 < len(t.split()) <= 9


def leans_on_context(text: str, lang: str) -> bool:
    """Is this message read together with the conversation's topic? (elliptical or pointing back)"""
    return is_followup(text, lang) or refers_back(text, lang)


# "what if" before a clause asks what will happen ("what if they sue me?"), as "会怎么样" does; before a topic alone
# ("what if it's 60 days?") it only swaps the subject, and before a lender's refusal ("what if they say no?") it asks
# what to do then, which the refused-plan sections answer.
_WHAT_IF = re.compile(r"^\s*what if\b", re.IGNORECASE)


def strip_followup(text: str) -> str:
    """The follow-up without its opener and closing ("那信用卡呢？" → "信用卡"); the text itself if nothing is left.
    "what if" before a clause becomes "what happens if" (_WHAT_IF)."""
    rest = _FOLLOW_WORDS.sub("", text).strip()
    if rest and _WHAT_IF.match(text) and not bare_topic(rest, "en") and not words.lender_answer(rest):
        return _WHAT_IF.sub("what happens if", text, count=1).strip()
    return rest or text


def only_points_back(topic: str) -> bool:
    """A remainder that only points back ("那个", "那笔钱", "that one?"): there is nothing in it to ask about."""
    return bool(_POINTER.match(topic))


def reading_context(mem: Memory) -> str:
    """What a follow-up is read against: the question of the last grounded answer, else the message before it
    ("先还哪个" right after a list of debts, which a calculation answered)."""
    return mem.topic_query or (mem.turns[-1] if mem.turns else "")


# A remainder that asks something of its own ("那逾期记录保留几年呢" → answered) rather than only naming a topic.
_ASKS_ZH = re.compile(r"[吗么怎几多会能可该要是有没不谁哪]")
_ASKS_EN = {"i", "i'm", "me", "my", "we", "our", "you", "can", "can't", "cannot", "do", "does", "don't", "is",
            "are", "was", "will", "would", "should", "could", "have", "has", "not", "never", "pay", "paid",
            # someone did something, or a question word is left: "they refused, what now" is no topic
            "they", "he", "she", "them", "what", "how", "why", "when", "where", "which", "if", "said", "say"}


def bare_topic(topic: str, lang: str) -> bool:
    """Only a topic ("信用卡", "credit cards"): what the user wants to know about it is in a turn we do not have."""
    if not topic:
        return False
    if lang == "zh":
        return len(topic) <= 8 and not _ASKS_ZH.search(topic)
    found = re.findall(r"[\w']+", topic.lower())
    return 0 < len(found) <= 4 and not set(found) & _ASKS_EN


def short_question(text: str, lang: str) -> bool:
    """Short enough that, when it does not stand on its own, it is read in the conversation ("多久给答复")."""
    return len(text) <= 12 if lang == "zh" else len(text.split()) <= 9
