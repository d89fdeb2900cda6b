"""The calculation route of the answer engine: a message that asks for numbers → the calculator → an Answer.

    calcs = Calculations(answerer)        # the engine gives retrieval (for the rule cited under the numbers)
    calcs.answer(text, lang, memory, followup) -> Answer | None   # None: not a calculation, try the next route
    calcs.chart(answer) -> PNG bytes | None

A request with missing inputs becomes a question for them (kind "calculation", needs_input set); the reply is
merged with the pending request on the next turn. After a result on the general rule, a reply naming the kind
of debt or the loan date ("是借条，2024年3月借的") re-runs the calculation with it.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import traceback
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from bot import understand
from bot.engine import words
from bot.engine.compose import language_note, sentences
from bot.engine.explain import explain
from bot.engine.memory import Memory
from bot.engine.reply import Answer, Source
from bot.understand.unreadable import unreadable, unreadable_text
from ingest.types import Hit

if TYPE_CHECKING:
    from bot.engine.retrieve import Retrieved, Retriever


class Searcher(Protocol):
    """What a route needs from the engine to cite the rule behind its numbers (bot.engine.answer.Answerer)."""

    retriever: Retriever

    def retrieve(self, query: str, lang: str, k: int = 5) -> Retrieved: ...

    def relevant(self, query: str, got: Retrieved, context: str = "") -> bool: ...

log = logging.getLogger(__name__)


class Calculations:
    def __init__(self, engine: Searcher) -> None:
        self.engine = engine

    def answer(self, text: str, lang: str, mem: Memory, followup: bool) -> Answer | None:
        """The calculation route: an Answer when the message is (or continues) a calculator request, else None."""
        if mem.last_rate and not mem.pending_inputs and _RATE_LAWFUL.search(text):
            return self._rate_verdict(mem.last_rate, lang)
        problems = unreadable(text)
        if problems:  # a number the calculator would skip or misread: say which, and how to write it. Nothing is
            # kept pending (needs_input stays empty): the borrower sends the corrected message whole.
            return Answer("calculation", unreadable_text(problems, lang), lang, via="calculator")
        previous = None
        kind_reply = _offered_kind_redo(mem) and _names_kind_or_date(text)
        if mem.calc_tool and (followup or mem.pending_inputs or kind_reply):
            previous = _request_from_memory(mem)
        if previous is not None and kind_reply:
            # The last result was on the general rule and offered to redo it for an IOU or a bank loan: the kind
            # of debt is an input that result was waiting for, so "是借条，2024年3月借的" fills it in.
            previous = dataclasses.replace(previous, missing=list(dict.fromkeys([*previous.missing, "product_type"])))
        try:
            req = understand.parse_calculation(text, previous)
        except Exception as exc:  # a parser bug must not take the whole answer down
            # Never log what the user wrote: the exception type and where it was raised, not its message.
            where = "".join(traceback.format_tb(exc.__traceback__))
            log.warning("parse_calculation failed with %s at:\n%s", exc.__class__.__name__, where)
            return None
        if req is None:
            return figures_wanted(text, lang)
        missing = list(req.missing)
        # "网贷利息超过24%还要还吗？" carries a number but asks what the articles answer, and "网贷也按4倍LPR算吗"
        # is about the rule, not a date's rate: prefer the article to asking for inputs never meant to be given.
        # "信用卡欠了3万，逾期两个月了" tells a situation without asking for a figure: with the rate only assumed,
        # the borrower is better served by what to do (the hub) than by a bill computed on a guess.
        guessed_rate = bool(set(req.assumed or {}) & {"penalty_rate", "daily_rate", "contract_rate", "rate"})
        # "分期手续费每月0.6%，实际年化多少" with no amount and no term asks what such a fee costs in general: the
        # article's worked answer (12 periods: about 13% a year, not 7.2%) teaches it; asking "分几期？" does not.
        fee_in_general = missing == ["periods"] and "principal" in (req.assumed or {})
        # "搞不清一共欠多少" gives no figure at all: a calculation could only ask for every input, the article says
        # how to find the figures out.
        no_figure = not set(req.inputs) - {"product_type"} and not _CALC_ASKED.search(text)
        if ((missing or req.tool == "lpr" or guessed_rate) and previous is None
                and (fee_in_general or no_figure or not _MONEY_ASK.search(text))
                and self.engine.relevant(text, self.engine.retrieve(text, lang))):
            return None
        tool, inputs, assumptions = req.tool, dict(req.inputs), [str(a) for a in req.assumptions]
        mem.set_calc(dataclasses.asdict(req))
        if missing:
            return Answer("calculation", understand.missing_question(req), lang, needs_input=missing,
                          via="calculator")
        from bot.calculator import CalcError, run_tool

        try:
            result = run_tool(tool, inputs, lang=lang)
        except CalcError as exc:
            if exc.field == "lpr_table":  # the table is broken, not the borrower's numbers: say so in one line
                return _table_broken(exc, lang, mem)
            from bot.calculator.schemas import humanize

            problem = humanize(exc.text(lang), lang, tool)  # a borrower never sees a field name
            field_name = getattr(exc, "field", None)
            mem.set_calc({**dataclasses.asdict(req), "missing": [field_name] if field_name else []})
            msg = (f"这组数字没法计算：{problem}。请改一下再发给我。" if lang == "zh"
                   else f"I can't calculate with these numbers: {problem}. Please correct it and send it again.")
            return Answer("calculation", msg, lang, needs_input=[field_name] if field_name else [],
                          via="calculator")
        mem.last_rate = _rate_of(result, inputs)
        return self._result(result, lang, assumptions)

    def _rate_verdict(self, last: dict[str, Any], lang: str) -> Answer:
        """"这个利率合法吗" right after a calculation: the cap that applies to that kind of debt, and whether the
        yearly rate just computed is above it — with the rule named and the article that explains it cited."""
        import datetime as dt

        from bot.calculator import CalcError, applicable_cap
        from bot.calculator.text import fmt_pct

        product = last.get("product_type")
        signed = dt.date.fromisoformat(last["contract_date"]) if last.get("contract_date") else None
        rate = Decimal(str(last["annual_pct"]))
        try:
            cap = applicable_cap(product, rate, signed)
        except CalcError as exc:  # the LPR table is broken: say so, as a calculation would
            if exc.field != "lpr_table":
                raise
            return _table_broken(exc, lang)
        debt = _PRODUCT_NAMES.get(product or "", _PRODUCT_NAMES[""])[0 if lang == "zh" else 1]
        shown, limit, rule = fmt_pct(rate, 2), fmt_pct(cap.cap_pct, 2), cap.rule_text(lang)
        if lang == "zh":
            verdict = "超过了" if cap.exceeds else "没有超过"
            figure = "" if f"{_plain_pct(cap.cap_pct)}%" in rule else f"（即年化{limit}%）"
            body = f"刚才那笔{debt}的年化约{shown}%，{verdict}{rule}{figure}。{cap.note.text(lang)}"
        else:
            verdict = "is above" if cap.exceeds else "is not above"
            figure = "" if f"{_plain_pct(cap.cap_pct)}%" in rule else f" ({limit}% a year)"
            body = f"The yearly rate of that {debt}, about {shown}%, {verdict} {rule}{figure}. {cap.note.text(lang)}"
        hits = self._context({"tool": "penalty", "inputs_used": {"product_type": product}}, lang)
        if hits:
            body += "[1]"
        return Answer("answer", body, lang, [Source.of(h) for h in hits], via="calculator")

    def run(self, tool: str, inputs: dict[str, Any], lang: str, assumptions: list[str] | None = None) -> Answer:
        """A calculation whose inputs are already known (the /calc wizard): the same words, background and chart
        offer as a question typed in chat; a CalcError becomes a message naming the input in a borrower's words."""
        from bot.calculator import CalcError, run_tool, schemas

        try:
            result = run_tool(tool, inputs, lang=lang)
        except CalcError as exc:
            if exc.field == "lpr_table":
                return _table_broken(exc, lang)
            problem = schemas.humanize(exc.text(lang), lang, tool)
            msg = (f"这组数字没法计算：{problem}。" if lang == "zh"
                   else f"I can't calculate with these numbers: {problem}.")
            return Answer("calculation", msg, lang, needs_input=[exc.field] if exc.field else [], via="calculator")
        return self._result(result, lang, list(assumptions or []))

    def _result(self, result: dict[str, Any], lang: str, assumptions: list[str]) -> Answer:
        extra, sources = self.background(result, lang)
        body = explain(result, lang, assumptions) + extra
        chart = result.get("tool") in CHART_TOOLS
        if chart:
            body += "\n\n" + ("需要的话，我可以画一张欠款增长图。" if lang == "zh"
                              else "I can also draw a chart of how this debt grows.")
        return Answer("calculation", body, lang, sources, calc=result, chart_available=chart, via="calculator")

    def background(self, result: dict[str, Any], lang: str) -> tuple[str, list[Source]]:
        """The rule behind a result, quoted from the knowledge base when retrieval passes the relevance gate:
        ("\n\n相关规定：…[1]", [its source]), or ("", [])."""
        context_hits = self._context(result, lang)
        if not context_hits:
            return "", []
        lead = self.engine.retriever.lead_of(context_hits[0]) or context_hits[0]
        joiner = "" if lead.lang == "zh" else " "  # Chinese sentences are not separated by spaces
        quote = joiner.join(sentences(lead.text.split("\n\n")[0])[:2])
        if not quote:
            return "", []
        label = "相关规定" if lang == "zh" else "Background"
        note = language_note(lang, [lead])
        sep = "：" if lang == "zh" else ": "
        return f"\n\n{label}{sep}{(note + ' ') if note else ''}{quote}[1]", [Source.of(context_hits[0])]

    def _context(self, result: dict[str, Any], lang: str) -> list[Hit]:
        tool = str(result.get("tool"))
        private = (result.get("inputs_used") or {}).get("product_type") == "private_lending"
        key = "private" if private else tool
        query = CONTEXT_QUERIES.get(key, CONTEXT_QUERIES["penalty"])[0 if lang == "zh" else 1]
        got = self.engine.retrieve(query, lang, k=3)
        return got.hits[:1] if self.engine.relevant(query, got) else []

    def chart(self, answer: Answer) -> bytes | None:
        """PNG of the debt chart for a calculation answer (None when there is nothing to draw)."""
        if not answer.chart_available or not answer.calc:
            return None
        try:
            from bot.charts import debt_chart

            return debt_chart(answer.calc, lang=answer.language)
        except Exception as exc:  # a chart is a bonus: never break the answer for it
            log.warning("chart failed: %s", exc)
            return None


def _table_broken(exc: Exception, lang: str, mem: Memory | None = None) -> Answer:
    """A calculation that needs the LPR table while the table is broken: one line saying so (kb check says why)."""
    log.error("calculation refused: %s", getattr(exc, "detail", exc))
    if mem is not None:
        mem.clear_calc()
    text = exc.text(lang) if hasattr(exc, "text") else str(exc)
    return Answer("calculation", text, lang, via="calculator")


CHART_TOOLS = ("penalty", "growth", "card")

# What the knowledge base says around each calculator (cited under the numbers).
CONTEXT_QUERIES: dict[str, tuple[str, str]] = {
    "penalty": ("逾期罚息和费用年化超过24%的部分法院还支持吗",
                "charges above 24% a year court support overdue penalty"),
    "private": ("民间借贷利率上限 一年期LPR的4倍", "private lending interest cap four times the one-year LPR"),
    "card": ("信用卡逾期 违约金 利息 全额计息", "credit card late fee interest full balance"),
    "installment": ("分期手续费 真实年化利率 IRR", "instalment fee true annual rate IRR"),
    "growth": ("以贷养贷 欠款会不会翻8倍", "borrowing to repay other loans debt multiply 8 times"),
    "convert": ("日利率 月利率 年化利率 换算", "convert daily rate to annual rate"),
    "lpr": ("民间借贷利率上限 一年期LPR的4倍", "private lending interest cap four times the one-year LPR"),
    "cost": ("网贷年化超过24%的利息还要还吗", "interest above 24% a year court support"),
    "plan": ("欠了好几笔钱先还哪个 按利率从高到低还", "several debts which to pay first highest interest rate"),
}


# Asking for a figure ("要还多少", "how much"), as opposed to how something works ("罚息怎么算的").
# "好几个电话" counts calls; "payments total" and "两张卡一共六万" describe: none asks for a number.
_CALC_ASKED = re.compile(r"算一?下|帮我算|计算|\bcalculate", re.IGNORECASE)  # a calculation asked for in so many words
_MONEY_ASK = re.compile(r"多少|(?<![好这那十没])几[天个月年期]|算一?下|计算一?下|帮我算|多久能|how much|"
                        # "in total" asked ("what do I owe in total"), not told ("we owe 80k in total. where to start")
                        r"how many|how long until|(?:what|how)\b[^.。!！?？]*\b(?:the|in) total\b|"
                        r"total (?:cost|amount|interest|repayment)|"
                        r"calculate|what (?:is|would be) the (?:total|rate|apr|irr|real apr)|true annual rate",
                        re.IGNORECASE)


# "帮我算一下 信用卡要还多少": a calculation asked for, about money, with no figure to compute with. Not
# "罚息是怎么计算的" (how it works) nor "手续费算下来年化多少" (what a fee comes to): no bare 计算, no 算下来 —
# narrower than _CALC_ASKED on purpose.
_COMPUTE_FOR_ME = re.compile(r"帮我算|给我算|帮忙算|算一?下(?!来)|算算|\b(?:can|could) you\b[^.?!]{0,20}\bcalculate\b|"
                             r"\b(?:please|help me) calculate\b|\bcalculate (?:how much|what|my)\b", re.IGNORECASE)
_MONEY_WORDS = re.compile(r"要还|还多少|多少钱|利息|罚息|违约金|滞纳金|手续费|月供|本息|欠多少|"
                          r"how much|interest|\bowe\b|\bpay\b|\bfees?\b", re.IGNORECASE)
_A_FIGURE = re.compile(r"\d|[一二两三四五六七八九十百千万]+(?:万|千|元|块)")
_FIGURES_WANTED = {
    "zh": "可以帮你算。请把数字放在一条消息里发给我：欠了多少（本金）、利率（比如“年化18%”或“日息万五”），"
          "以及逾期或借了多久。例如：“信用卡欠1万，年化18%，逾期30天，要还多少？”",
    "en": "I can work that out. Send me the figures in one message: how much you owe (the principal), the rate (for "
          "example \"18% a year\" or \"0.05% a day\") and how long it has been overdue or borrowed. For example: "
          "\"My card owes 10,000 at 18% a year, 30 days overdue. How much do I pay?\"",
}


def figures_wanted(text: str, lang: str) -> Answer | None:
    """A calculation asked for with nothing to compute: which figures to send, with an example that computes —
    not a choice of sections ("你是想问：① 想帮家人还网贷…"). Nothing is kept pending: the figures come whole."""
    if not (_COMPUTE_FOR_ME.search(text) and _MONEY_WORDS.search(text)) or _A_FIGURE.search(text):
        return None
    return Answer("calculation", _FIGURES_WANTED["zh" if lang == "zh" else "en"], lang, via="calculator")


# "这个利率合法吗" / "is that rate legal?" — about the rate just calculated.
_RATE_LAWFUL = re.compile(r"(?:利率|利息|年化|费率|这个利|这利).{0,8}(?:合法|违法|犯法|高利贷|超标|超过.{0,4}上限)|"
                          r"(?:合法|违法)吗.{0,4}(?:利率|利息)|"
                          r"\b(?:rate|interest|apr)\b.{0,20}\b(?:legal|lawful|allowed|usur\w*|too high)\b|"
                          r"\b(?:is|was) (?:that|this|it) (?:legal|lawful|allowed)\b", re.IGNORECASE)
_PRODUCT_NAMES = {"credit_card": ("信用卡欠款", "credit-card debt"), "online_lender": ("网贷", "online loan"),
                  "consumer_finance": ("消费金融贷款", "consumer-finance loan"),
                  "micro_loan": ("小额贷款", "micro-loan"),
                  "bank_loan": ("银行贷款", "bank loan"), "private_lending": ("民间借贷（个人借款）", "private loan"),
                  "": ("欠款", "debt")}
_ANNUAL_KEYS = ("annualized_cost_pct", "apr_nominal_pct", "annual_rate_pct", "annual_pct")


def _rate_of(result: dict[str, Any], inputs: dict[str, Any]) -> dict[str, Any] | None:
    """The yearly rate a result states, with the kind of debt and the loan date it was computed for."""
    rate = next((result[k] for k in _ANNUAL_KEYS if result.get(k) not in (None, "", 0)), None)
    if rate is None:
        return None
    used = {**inputs, **(result.get("inputs_used") or {})}
    signed = used.get("contract_date")
    return {"annual_pct": str(rate), "product_type": used.get("product_type"),
            "contract_date": signed.isoformat() if hasattr(signed, "isoformat") else signed}


# A question about the rules ("借条利息最高多少？") rather than a reply that names the kind of debt.
_QUESTION = re.compile(r"[?？]|吗|什么|怎么|怎样|如何|为什么|多少|几[天年个]|能不能|可不可以|是不是|"
                       r"^(?:how|what|why|when|which|can|could|is|are|does|do|should|will)\b", re.IGNORECASE)
_REDO_ASK = re.compile(r"(?:要|得|该|一共|总共)还多少|重新算|再算|算一?下|recalculate|redo|how much", re.IGNORECASE)


def _offered_kind_redo(mem: Memory) -> bool:
    """The last answer was a finished calculation on the general rule that offered to redo it for a kind of debt."""
    req = mem.calc_request or {}
    return (mem.last_kind == "calculation" and not mem.calc_missing
            and "product_type" in (req.get("assumed") or {}))


def _names_kind_or_date(text: str) -> bool:
    """A reply that gives the kind of debt or the loan date ("是银行贷款", "是借条，2024年3月借的")."""
    if _QUESTION.search(text) and not _REDO_ASK.search(text):
        return False
    try:
        facts = understand.extract(text)
    except Exception:  # a parser bug leaves the message to the other routes
        return False
    return bool(getattr(facts, "product", None) or getattr(facts, "dates", None))


def _request_from_memory(mem: Memory) -> understand.CalcRequest | None:
    known = {f.name for f in dataclasses.fields(understand.CalcRequest)}
    try:
        return understand.CalcRequest(**{k: v for k, v in (mem.calc_request or {}).items() if k in known})
    except TypeError:
        return None


def stated_rate_verdict(text: str, lang: str, opening: str = "") -> str | None:
    """"借了朋友3万 约定月息3分 合法吗": one rate said with its period, the kind of lender named and whether it is
    lawful asked — that rate's yearly figure against the cap that applies, the rule named. The section that
    answers may list other rates (1分, 1分5, 2分); the borrower reads their own first. None when any part is
    missing (no verdict on a guessed lender or period), or when the section's `opening` names that yearly figure
    already ("月息2分是年24%")."""
    if words.question_type(text) != "legal":
        return None
    facts = understand.extract(text)
    product = understand.detect_product(text)
    rates = [r for r in facts.rates if understand.annual_percent(r) is not None]
    if len(rates) != 1 or product is None:
        return None
    from bot.calculator import CalcError, applicable_cap

    annual = understand.annual_percent(rates[0])
    try:
        cap = applicable_cap(product, annual)
    except CalcError:  # the LPR table is broken: the section's own answer stands alone
        return None
    said, shown, limit = rates[0].text.strip(), _plain_pct(annual), _plain_pct(cap.cap_pct)
    if re.search(rf"(?<![\d.]){re.escape(shown)}%", opening):  # a whole figure: "24%", not the "2%" of "12%"
        return None
    yearly = rates[0].unit == "annual"  # "年化36%" is not converted into itself
    private = product == "private_lending"
    if lang == "zh":
        verdict = "超过了" if cap.exceeds else "没有超过"
        line = (f"民间借贷的利率上限（一年期LPR的4倍，现为年化{limit}%）" if private
                else "24%的参考线")
        tail = ("，超出部分法院不支持" if private else "，超出部分借款人提出时法院可能调减") if cap.exceeds else ""
        converted = "" if yearly else f"折合年化约{shown}%"
        return f"你说的{said}{converted}，{verdict}{line}{tail}。"
    verdict = "is above" if cap.exceeds else "is not above"
    line = (f"the cap for private lending (4 × the one-year LPR, now {limit}% a year)" if private
            else "the 24% reference line")
    tail = ((", and courts do not support the part above it" if private
             else ", and courts may reduce the part above it when the borrower asks") if cap.exceeds else "")
    converted = "" if yearly else f" is about {shown}% a year, which"
    return f"The rate you mention, {said},{converted} {verdict} {line}{tail}."


def _plain_pct(value: Decimal) -> str:
    """A percent as a borrower writes it: "36", "36.5", "12" (not "36.00")."""
    from bot.calculator.text import fmt_pct

    return fmt_pct(value, 2).rstrip("0").rstrip(".")
