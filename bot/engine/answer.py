"""The answer engine used by the CLI and the Telegram bot alike.

    from bot.engine.answer import Answerer, Answer, Source
    from bot.engine.memory import Memory

    answerer = Answerer.from_settings(settings)   # opens the index (ingests a fresh data dir), LLM if configured
    memory = Memory()                             # one per chat; plain dict via memory.to_dict()
    ans = answerer.answer("逾期三天会上征信吗？", memory)   # `memory` is updated in place for follow-ups
    ans.kind        "answer" | "calculation" | "no_answer" | "refusal" | "crisis"
    ans.text        plain text with [n] markers (no HTML); the body only — sources are in ans.sources
    ans.render()    body + numbered sources + related questions, as one plain text (what the CLI prints)
    ans.sources     [Source(id=article id, title, section, score, lang)]; [n] in the text is sources[n-1]
    ans.calc        the calculator's result dict (run_tool) for a calculation, else None
    ans.needs_input calculator inputs still missing: kind "calculation", calc None, text = the question to
                    ask the user; the reply is merged with the pending request on the next call
    ans.chart_available, ans.related (up to 3 follow-up questions), ans.language ("zh" | "en")
    ans.to_json(question)    the `finbot ask --json` object, exactly the CLI contract's keys
    answerer.chart(ans)      PNG bytes of the debt chart for a calculation answer, else None

Routing, first match wins: crisis → harmful (refusal) → calculation (or a question for the missing inputs)
→ small talk (a short "no_answer" greeting listing what finbot can do) → question (retrieve; below the
relevance threshold → no_answer) . A bare follow-up with no earlier topic ("那信用卡呢？" as a first message or
after /reset) gets a "no_answer" clarifying question with example questions instead of a guessed article; one that
asks something of its own ("那逾期记录保留几年呢？") is answered as it stands. After a result on the general rule,
a reply naming the kind of debt or the loan date ("是借条，2024年3月借的") re-runs the calculation with it.
The default path needs no model: the composer quotes retrieved sentences.
An LLM (FINBOT_LLM_*) may write the question answers instead; any failure falls back to the composer.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot import safety
from bot.engine.compose import Composed, compose, content_terms, language_note, overlap, sentences
from bot.engine.memory import Memory, is_followup
from bot.engine.retrieve import Retrieved, Retriever
from ingest.types import Hit

if TYPE_CHECKING:  # the index (chromadb) is imported where it is opened, not by importing the engine
    from ingest.index import KnowledgeIndex

log = logging.getLogger(__name__)

KINDS = ("answer", "calculation", "no_answer", "refusal", "crisis")
# Chosen with `finbot eval --backend …` (docs/quality.md): USE dense + heading channel, fused with BM25 for
# Chinese queries.
DEFAULT_RETRIEVAL = "dense+bm25"

# Relevance gate, tuned with `finbot eval --sweep` (docs/quality.md). Evidence = best chunk cosine + best
# heading cosine (USE). A message in finbot's field (safety.scope) needs THRESHOLD; one with no debt word
# needs THRESHOLD_UNKNOWN; a neighbouring field (mortgage choice, insurance, tax …) is not answered.
THRESHOLD = 0.65
THRESHOLD_UNKNOWN = 0.90


@dataclass(frozen=True)
class Source:
    id: str  # article id
    title: str
    section: str | None
    score: float
    lang: str

    @classmethod
    def of(cls, hit: Hit) -> Source:
        return cls(hit.article_id, hit.title, hit.section, round(float(hit.score), 4), hit.lang)

    def line(self, n: int) -> str:
        if self.section and self.section != self.title:
            return f"[{n}] {self.title} › {self.section}"
        return f"[{n}] {self.title}"


@dataclass
class Answer:
    kind: str
    text: str
    language: str
    sources: list[Source] = field(default_factory=list)
    calc: dict[str, Any] | None = None
    chart_available: bool = False
    related: list[str] = field(default_factory=list)
    needs_input: list[str] = field(default_factory=list)
    via: str = "rules"  # "rules" | "composer" | "llm" | "calculator": how the text was produced

    def render(self) -> str:
        """The plain-text answer a user reads: body, numbered sources, related questions."""
        parts = [self.text.strip()]
        if self.sources:
            head = "来源：" if self.language == "zh" else "Sources:"
            parts.append(head + "\n" + "\n".join(s.line(i) for i, s in enumerate(self.sources, 1)))
        if self.related:
            head = "你可能还想问：" if self.language == "zh" else "You might also ask:"
            parts.append(head + "\n" + "\n".join(f"• {q}" for q in self.related))
        return "\n\n".join(p for p in parts if p)

    def to_json(self, question: str) -> dict[str, Any]:
        """The `finbot ask --json` object (architecture.md): these keys and no others."""
        return {
            "question": question,
            "kind": self.kind,
            "text": self.text,
            "sources": [{"id": s.id, "title": s.title, "section": s.section, "score": s.score}
                        for s in self.sources],
            "language": self.language,
        }


class Answerer:
    def __init__(self, index: KnowledgeIndex, llm: Any = None, retrieval: str = DEFAULT_RETRIEVAL,
                 threshold: float = THRESHOLD, second_index: KnowledgeIndex | None = None,
                 cache_dir: Path | None = None) -> None:
        self.index = index
        self.retriever = Retriever(index, retrieval, second_index, cache_dir=cache_dir)
        self.llm = llm
        self.threshold = threshold
        # The semantic safety layer (bot.safety.SemanticScreen): catches crisis and harmful phrasings no rule knows.
        self.safety_screen = safety.screen_for_answers(getattr(index, "threads", 1))

    @classmethod
    def from_settings(cls, settings: Any = None, echo: Callable[[str], None] | None = None,
                      retrieval: str = DEFAULT_RETRIEVAL, use_llm: bool = True) -> Answerer:
        """Open the index (a fresh data dir is ingested first, announced through echo) and the LLM if set."""
        from bot.config import get_settings
        from ingest.pipeline import open_index

        settings = settings or get_settings()
        echo = echo or (lambda msg: print(msg, file=sys.stderr))
        index = open_index(settings, auto_ingest=True, echo=echo)
        llm = None
        if use_llm:
            from bot.engine.llm import LLMAnswerer

            llm = LLMAnswerer.from_settings(settings)
        second = None
        if retrieval == "fusion":
            from bot.engine.retrieve import open_second_index

            second = open_second_index(settings)
        answerer = cls(index, llm, retrieval, second_index=second, cache_dir=Path(settings.data_dir) / "cache")
        answerer.warm_up(background_model=True)
        return answerer

    def warm_up(self, background_model: bool = False) -> None:
        """Load the embedding model and the corpus caches now rather than on the first question.

        With background_model the model loads in a thread while the corpus, BM25 and heading caches are
        built here: a one-shot `finbot ask` pays for the slower of the two, not their sum."""
        def load_model() -> None:
            try:
                self.index.embedder.embed_query("征信")
            except Exception as exc:  # surfaces again, with its message, on the first real query
                log.debug("embedding warm-up failed: %s", exc)
            self.safety_screen.warm_up()  # never raises: without a model the rules alone decide

        loader = threading.Thread(target=load_model, daemon=True) if background_model else None
        if loader is not None:
            loader.start()
        else:
            load_model()
        _ = self.retriever.corpus
        self.retriever.headings()
        if self.retriever.mode in ("dense+bm25", "bm25"):
            self.retriever.lexical_index()

    # ------------------------------------------------------------------ routing

    def answer(self, question: str, memory: Memory | None = None, lang: str | None = None) -> Answer:
        text = " ".join((question or "").split())
        mem = memory if memory is not None else Memory()
        lang = lang if lang in ("zh", "en") else detect_language(text, mem.lang)
        if not text:
            ans = Answer("no_answer", safety.no_answer_text(lang), lang)
            return ans
        followup = is_followup(text, lang) and not mem.empty
        ans = self._route(text, lang, mem, followup)
        mem.lang = lang
        mem.add_turn(text)
        mem.last_kind = ans.kind
        return ans

    def _route(self, text: str, lang: str, mem: Memory, followup: bool) -> Answer:
        if safety.is_crisis(text, self.safety_screen):
            mem.clear_calc()
            return Answer("crisis", safety.crisis_text(lang), lang)
        category = safety.harmful_category(text, self.safety_screen)
        if category is not None:
            mem.clear_calc()
            return Answer("refusal", safety.refusal_text(category, lang), lang)
        calc = self._calculation(text, lang, mem, followup)
        if calc is not None:
            return calc
        small_talk = safety.chitchat_kind(text)
        if small_talk is not None:
            return Answer("no_answer", safety.chitchat_text(small_talk, lang), lang)
        return self._question(text, lang, mem, followup)

    # ------------------------------------------------------------------ questions

    def retrieve(self, query: str, lang: str, k: int = 5) -> Retrieved:
        return self.retriever.search(query, lang=lang, k=k)

    def relevant(self, query: str, got: Retrieved) -> bool:
        """The relevance gate: is the best chunk about this question at all?"""
        if not got.hits:
            return False
        field = safety.scope(query)
        if field == "out":
            return False
        evidence = got.top_score + got.head_score
        bar = self.threshold if field == "in" else self.threshold + (THRESHOLD_UNKNOWN - THRESHOLD)
        return evidence >= bar

    def query_for(self, text: str, memory: Memory | None, lang: str) -> str:
        """What a question is searched with: a short follow-up carries the previous topic along."""
        text = " ".join(text.split())
        if memory is not None and memory.topic_query and is_followup(text, lang):
            return f"{memory.topic_query} {_strip_followup(text)}"
        return text

    def _question(self, text: str, lang: str, mem: Memory, followup: bool) -> Answer:
        if is_followup(text, lang) and not mem.topic_article and _bare_topic(_strip_followup(text), lang):
            return self._clarify(_strip_followup(text), lang, mem)
        query = self.query_for(text, mem, lang) if followup else text
        got = self.retrieve(query, lang)
        if not self.relevant(query, got) and query == text and mem.topic_query and _short(text, lang):
            # "多久给答复" / "最长能分几年" right after a topic: a short question that does not stand on its own
            # is read in the conversation's context — when the chunk found that way shares its words.
            combined = f"{mem.topic_query} {text}"
            in_context = self.retrieve(combined, lang)
            own = content_terms(text)
            best = in_context.hits[0] if in_context.hits else None
            if best is not None and overlap(own, f"{best.section or ''} {best.text}") > 0:
                query, got = combined, in_context
        if not self.relevant(query, got):
            return Answer("no_answer", safety.no_answer_text(lang), lang, via="composer")
        hits = got.hits
        if query != text:
            # A follow-up: of the chunks on the earlier topic, those that mention the new words come first
            # ("逾期几天会上征信？" then "那信用卡呢？" → the credit-card section).
            new = content_terms(_strip_followup(text))
            hits = sorted(hits, key=lambda h: overlap(new, f"{h.title} {h.section or ''} {h.text}") == 0)
        if self.llm is not None:
            reply = self.llm.answer(text, hits, lang, history=mem.turns)
            if reply is not None:
                mem.set_topic(query, reply.sources[0].article_id, reply.sources[0].section)
                from bot.engine.compose import related_questions

                related = related_questions(hits, reply.sources, self.retriever.sections_of)
                return Answer("answer", reply.text, lang, [Source.of(h) for h in reply.sources],
                              related=related, via="llm")
        composed: Composed = compose(query, hits, lang, lead_of=self.retriever.lead_of,
                                     sections_of=self.retriever.sections_of, parts_of=self.retriever.parts_of)
        if not composed.text:
            return Answer("no_answer", safety.no_answer_text(lang), lang, via="composer")
        mem.set_topic(query, composed.sources[0].article_id, composed.sources[0].section)
        return Answer("answer", composed.text, lang, [Source.of(h) for h in composed.sources],
                      related=composed.related, via="composer")

    def _clarify(self, topic: str, lang: str, mem: Memory) -> Answer:
        """"那信用卡呢？" with no earlier topic (a first message, or right after /reset): ask what about it.

        A bare topic does not say what the borrower wants to know, and any one article picked for it would be a
        guess. The examples are the knowledge base's own headings that name the topic (most of its words), so
        each is a question finbot answers, topped up with general ones. The topic is remembered without an
        article: a short question next ("会上征信吗？") is read with it, another bare "那网贷呢？" is asked about."""
        terms = content_terms(re.sub(r"(?<=[a-z])s\b", "", topic.lower()))  # 'credit cards' → 'credit card'
        examples: list[str] = []
        articles: set[str] = set()  # one example per article: a title and its heading often ask the same
        for hit in self.retrieve(topic, lang, k=8).hits if terms else []:
            for heading in (hit.section, hit.title):
                if (heading and hit.lang == lang and hit.article_id not in articles
                        and heading.rstrip().endswith(("?", "？")) and overlap(terms, heading) >= 0.6):
                    examples.append(heading)
                    articles.add(hit.article_id)
        examples += [e for e in _example_questions(topic, lang) if e not in examples]
        examples = examples[:3]
        if lang == "zh":
            head = f"你想了解{topic}的哪方面？\n把问题说完整一点，我就能查资料回答你，比如："
        else:
            head = f"What would you like to know about {topic}?\nAsk the whole question and I can look it up, " \
                   "for example:"
        mem.set_topic(topic, None, None)
        return Answer("no_answer", head + "\n" + "\n".join(f"• {e}" for e in examples), lang)

    # ------------------------------------------------------------------ calculations

    def _calculation(self, text: str, lang: str, mem: Memory, followup: bool) -> Answer | None:
        understand = _understand()
        if understand is None:
            return None
        previous = None
        kind_reply = _offered_kind_redo(mem) and _names_kind_or_date(understand, text)
        if mem.calc_tool and (followup or mem.pending_inputs or kind_reply):
            previous = _request_from_memory(understand, mem)
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
            return None
        missing = list(req.missing)
        # "网贷利息超过24%还要还吗？" carries a number but asks what the articles answer, and "网贷也按4倍LPR算吗"
        # is about the rule, not a date's rate: prefer the article to asking for inputs never meant to be given.
        if ((missing or req.tool == "lpr") and previous is None and not _MONEY_ASK.search(text)
                and self.relevant(text, self.retrieve(text, lang))):
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
            problem = getattr(exc, "message_zh", None) if lang == "zh" else None
            field_name = getattr(exc, "field", None)
            mem.set_calc({**dataclasses.asdict(req), "missing": [field_name] if field_name else []})
            msg = (f"这组数字没法计算：{problem or exc}。请改一下再发给我。" if lang == "zh"
                   else f"I can't calculate with these numbers: {exc}. Please correct it and send it again.")
            return Answer("calculation", msg, lang, needs_input=[field_name] if field_name else [],
                          via="calculator")
        return self._calc_answer(result, lang, assumptions)

    def _calc_answer(self, result: dict[str, Any], lang: str, assumptions: list[str]) -> Answer:
        from bot.engine.explain import explain

        body = explain(result, lang, assumptions)
        context_hits = self._calc_context(result, lang)
        sources: list[Source] = []
        if context_hits:
            lead = self.retriever.lead_of(context_hits[0]) or context_hits[0]
            joiner = "" if lead.lang == "zh" else " "  # Chinese sentences are not separated by spaces
            quote = joiner.join(sentences(lead.text.split("\n\n")[0])[:2])
            if quote:
                label = "相关规定" if lang == "zh" else "Background"
                note = language_note(lang, [lead])
                sep = "：" if lang == "zh" else ": "
                body = f"{body}\n\n{label}{sep}{(note + ' ') if note else ''}{quote}[1]"
                sources.append(Source.of(context_hits[0]))
        chart = result.get("tool") in CHART_TOOLS
        if chart:
            body += "\n\n" + ("需要的话，我可以画一张欠款增长图。" if lang == "zh"
                              else "I can also draw a chart of how this debt grows.")
        return Answer("calculation", body, lang, sources, calc=result, chart_available=chart, via="calculator")

    def _calc_context(self, result: dict[str, Any], lang: str) -> list[Hit]:
        tool = str(result.get("tool"))
        private = (result.get("inputs_used") or {}).get("product_type") == "private_lending"
        key = "private" if private else tool
        query = CONTEXT_QUERIES.get(key, CONTEXT_QUERIES["penalty"])[0 if lang == "zh" else 1]
        got = self.retrieve(query, lang, k=3)
        return got.hits[:1] if got.hits and got.top_score >= self.threshold else []

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
}


# ------------------------------------------------------------------ helpers

_CJK = re.compile(r"[\u4e00-\u9fff]")
# Asking for a figure ("要还多少", "how much"), as opposed to how something works ("罚息怎么算的").
_MONEY_ASK = re.compile(r"多少|几[天个月年期]|算一?下|计算一?下|帮我算|多久能|how much|how many|how long until|"
                        r"calculate|what (?:is|would be) the (?:total|rate|apr|irr|real apr)|true annual rate",
                        re.IGNORECASE)


def detect_language(text: str, default: str | None = None) -> str:
    """zh or en: bot.understand's detector when present, else 'any Chinese character means zh'."""
    understand = _understand()
    if understand is not None and hasattr(understand, "detect_language"):
        try:
            got = understand.detect_language(text)
            if got in ("zh", "en"):
                return str(got)
        except Exception:
            pass
    if _CJK.search(text):
        return "zh"
    if re.search(r"[A-Za-z]", text):
        return "en"
    return default or "zh"


_FOLLOW_WORDS = re.compile(r"^(?:那么|那要是|那如果|那|如果|要是|假如|假设|换成|改成|还有|另外|and|what about|"
                           r"how about|what if|and if)\s*|(?:呢|怎么样|怎样)?[?？。!！\s]*$", re.IGNORECASE)


# A remainder that asks something of its own ("那逾期记录保留几年呢" → answered) rather than only naming a topic.
_ASKS_ZH = re.compile(r"[吗么怎几多会能可该要是有没不谁哪]")
_ASKS_EN = {"i", "i'm", "me", "my", "we", "our", "you", "can", "can't", "cannot", "do", "does", "don't", "is",
            "are", "was", "will", "would", "should", "could", "have", "has", "not", "never", "pay", "paid"}


def _bare_topic(topic: str, lang: str) -> bool:
    """Only a topic ("信用卡", "credit cards"): what the user wants to know about it is in a turn we do not have."""
    if not topic:
        return False
    if lang == "zh":
        return len(topic) <= 8 and not _ASKS_ZH.search(topic)
    words = re.findall(r"[\w']+", topic.lower())
    return 0 < len(words) <= 4 and not set(words) & _ASKS_EN


def _example_questions(topic: str, lang: str) -> list[str]:
    """General example questions: about the topic when it is a name, else finbot's most common questions."""
    if re.search(r"\d", topic):
        if lang == "zh":
            return ["逾期几天会上征信？", "欠1万，日息万五，逾期30天要还多少？", "还不上可以和平台协商吗？"]
        return ["How soon does a late payment go on my credit report?",
                "I owe 10,000 at 0.05% a day, 30 days overdue: how much do I owe?",
                "Can I negotiate a repayment plan with the lender?"]
    if lang == "zh":
        overdue = topic if "逾期" in topic else f"{topic}逾期"
        return [f"{overdue}会上征信吗？", f"{overdue}了会怎样？", f"{topic}还不上可以协商吗？"]
    return [f"Will being late on {topic} show on my credit report?", f"What happens if I am late on {topic}?",
            f"Can I negotiate a repayment plan for {topic}?"]


def _short(text: str, lang: str) -> bool:
    return len(text) <= 12 if lang == "zh" else len(text.split()) <= 6


def _strip_followup(text: str) -> str:
    return _FOLLOW_WORDS.sub("", text).strip() or text


def _understand() -> Any:
    try:
        import bot.understand as understand
    except ModuleNotFoundError as exc:
        if exc.name != "bot.understand":
            raise
        return None
    return understand


# A question about the rules ("借条利息最高多少？") rather than a reply that names the kind of debt.
_QUESTION = re.compile(r"[?？]|吗|什么|怎么|怎样|如何|为什么|多少|几[天年个]|能不能|可不可以|是不是|"
                       r"^(?:how|what|why|when|which|can|could|is|are|does|do|should|will)\b", re.IGNORECASE)
_REDO_ASK = re.compile(r"(?:要|得|该|一共|总共)还多少|重新算|再算|算一?下|recalculate|redo|how much", re.IGNORECASE)


def _offered_kind_redo(mem: Memory) -> bool:
    """The last answer was a finished calculation on the general rule that offered to redo it for a kind of debt."""
    req = mem.calc_request or {}
    return (mem.last_kind == "calculation" and not mem.calc_missing
            and "product_type" in (req.get("assumed") or {}))


def _names_kind_or_date(understand: Any, text: str) -> bool:
    """A reply that gives the kind of debt or the loan date ("是银行贷款", "是借条，2024年3月借的")."""
    if _QUESTION.search(text) and not _REDO_ASK.search(text):
        return False
    try:
        facts = understand.extract(text)
    except Exception:  # a parser bug leaves the message to the other routes
        return False
    return bool(getattr(facts, "product", None) or getattr(facts, "dates", None))


def _request_from_memory(understand: Any, mem: Memory) -> Any:
    known = {f.name for f in dataclasses.fields(understand.CalcRequest)}
    try:
        return understand.CalcRequest(**{k: v for k, v in (mem.calc_request or {}).items() if k in known})
    except TypeError:
        return None
