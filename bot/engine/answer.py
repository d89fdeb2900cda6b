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
    answerer.check(message, memory)   a forwarded or pasted message checked for scam red flags (bot/engine/scam):
                    kind "answer" (the check's text, its sources; ans.check = the check's JSON), or "crisis"

Routing, first match wins: crisis → harmful (refusal) → a message asked about ("这是真的吗", "我要不要交")
that looks pasted, or reports an offer with red flags: the scam check (kind "answer"; bot/engine/scam_chat.py)
→ calculation (bot/engine/calculation.py; or a question for the missing inputs) → small talk (a short "no_answer"
greeting listing what finbot can do) → question (retrieve; below the relevance threshold → no_answer). A bare
follow-up with no earlier topic ("那信用卡呢？" as a first message or after /reset) gets a "no_answer" clarifying
question with example questions instead of a guessed article; one that asks something of its own
("那逾期记录保留几年呢？") is answered as it stands. After a result on the general rule, a reply naming the
kind of debt or the loan date ("是借条，2024年3月借的") re-runs the calculation with it.
The default path needs no model: the composer quotes retrieved sentences.
An LLM (FINBOT_LLM_*) may write the question answers instead; any failure falls back to the composer.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot import safety
from bot.calibration import Calibration, load_calibration
from bot.engine import scam, words
from bot.engine.calculation import Calculations, stated_rate_verdict
from bot.engine.compose import compose
from bot.engine.crisis import check_in, crisis_reply
from bot.engine.debts import Debts
from bot.engine.letter_chat import Letters
from bot.engine.match import Candidate, Matcher
from bot.engine.memory import (
    Memory,
    about_the_debt_before,
    asked_about,
    bare_topic,
    is_followup,
    leans_on_context,
    names_nothing,
    only_points_back,
    reading_context,
    short_question,
    strip_followup,
)
from bot.engine.normalize import detect_language, normalize
from bot.engine.readings import just_answered, read_follow_up
from bot.engine.reply import KINDS, Answer, Source
from bot.engine.retrieve import Retrieved, Retriever
from bot.engine.scam_chat import asked_about_a_message, checked
from bot.engine.terms import content_terms, overlap, terms

if TYPE_CHECKING:  # the index (chromadb) is imported where it is opened, not by importing the engine
    from ingest.index import KnowledgeIndex

log = logging.getLogger(__name__)

# The public engine API (other programs script conversations with it).
__all__ = ["KINDS", "Answer", "Answerer", "Source", "detect_language"]

# Chosen with `finbot eval --backend …` (docs/quality.md): USE dense + heading channel, fused with BM25 for
# Chinese queries.
DEFAULT_RETRIEVAL = "dense+bm25"

# Every threshold on similarities (the relevance gate, the section matcher and when it asks back, the safety and
# scam screens) comes from the backend's calibration record (bot/engine/calibration.py): cosine scales differ.
# A backend with no record yet gets this stand-in until `finbot calibrate` measures it.
STAND_IN = {"relevance": {"threshold": 0.65, "threshold_unknown": 0.90},
                "sections": {"weights": {}, "clarify_sure": 0.5, "clarify_margin": 0.1}}


class Answerer:
    def __init__(self, index: KnowledgeIndex, llm: Any = None, retrieval: str = DEFAULT_RETRIEVAL,
                 second_index: KnowledgeIndex | None = None, cache_dir: Path | None = None,
                 calibration: Calibration | None = None) -> None:
        self.index = index
        self.retriever = Retriever(index, retrieval, second_index, cache_dir=cache_dir)
        self.llm = llm
        data_dir = cache_dir.parent if cache_dir is not None else None
        self.calibration = (calibration or load_calibration(index.embedding, data_dir)
                            or Calibration.model_validate({"backend": index.embedding, **STAND_IN}))
        self.threshold = self.calibration.relevance.threshold
        self.threshold_unknown = self.calibration.relevance.threshold_unknown
        self.uncalibrated = calibration is None and load_calibration(index.embedding, data_dir) is None
        # The screens keep their own model (USE) whatever the index embeds with: their thresholds are its record's.
        screens = load_calibration("use")
        # The semantic safety layer (bot.safety.SemanticScreen): catches crisis and harmful phrasings no rule knows.
        self.safety_screen = safety.screen_for_answers(getattr(index, "threads", 1), cache_dir,
                                                       screens.safety if screens else None)
        self.calcs = Calculations(self)
        self.debts = Debts(self)  # the borrower's own list of debts (bot/engine/debts.py)
        self.letters = Letters()  # the letters they write (bot/engine/letter_chat.py)
        self.matcher = Matcher(self.retriever, self.calibration.sections.weights)
        # "Is this a scam?": cites the sections of this index (rebuilt when the index changes).
        self.checker = scam.Checker(
            scam.LazyCatalog(lambda: scam.Catalog.from_hits(self.retriever.corpus),
                             version=lambda: self.retriever.generation),
            scam.use_screen(getattr(index, "threads", 1), screens.scam if screens else None), scam.stored_model())

    def use_calibration(self, cal: Calibration) -> None:
        """Apply a newly measured record (finbot calibrate on first use of a backend)."""
        self.calibration = cal
        self.threshold, self.threshold_unknown = cal.relevance.threshold, cal.relevance.threshold_unknown
        self.matcher.weights = dict(cal.sections.weights)
        self.uncalibrated = False

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
        answerer = cls(index, llm, retrieval, second_index=second, cache_dir=settings.cache_dir)
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
            if self.checker.screen is not None:
                self.checker.screen.warm_up()  # never raises either

        loader = threading.Thread(target=load_model, daemon=True) if background_model else None
        if loader is not None:
            loader.start()
        else:
            load_model()
        self.index.open_segments()
        _ = self.retriever.corpus
        self.retriever.headings()
        self.retriever.lexical_index()  # BM25: the matcher's lexical feature, every language
        # The matcher's table embeds only phrasings not cached yet; it waits for the model (the embedder's lock)
        # only then, so it is mostly built while the model loads.
        _ = self.matcher.table
        self.retriever.chunk_vectors()
        if loader is not None:
            loader.join()

    # ------------------------------------------------------------------ routing

    def answer(self, question: str, memory: Memory | None = None, lang: str | None = None) -> Answer:
        said, text = _read(question)
        mem = memory if memory is not None else Memory()
        # The language the user wrote in: a gloss ("上岸（还清欠款）") adds Chinese to an English message.
        lang = lang if lang in ("zh", "en") else detect_language(said, mem.lang)
        if not text:
            ans = Answer("no_answer", safety.no_answer_text(lang), lang)
            return ans
        # the foreign-word test last: it reads the knowledge index, which a calculation turn may run without
        followup = not mem.empty and (leans_on_context(text, lang) or self._fits_topic(text, lang, mem)) \
            and not self._foreign_word(text)
        pick = _picked(text, mem)
        ans = self._route(text, said, lang, mem, followup, question, pick)
        mem.lang = lang
        if ans.via == "small_talk":  # "谢谢", an emoji, a "1" with nothing to pick: the topic goes on as it was
            return ans
        # "1" after "你是想问：① …" is kept as the question it names: a later "他们不同意怎么办" is read with it
        answered_pick = pick is not None and ans.kind == "answer"
        mem.add_turn(str(pick[2]) if answered_pick else text, picked=answered_pick)
        mem.last_kind = ans.kind
        return ans

    def _route(self, text: str, said: str, lang: str, mem: Memory, followup: bool, raw: str,
               pick: list[Any] | None) -> Answer:
        """pick: the option of a pending "你是想问：① … ②" the message names (_picked), if any."""
        if mem.checkin_due:  # the turn after a crisis reply opens with a gentle check-in (bot/engine/crisis.py)
            mem.checkin_due = False
            return check_in(self._route(text, said, lang, mem, followup, raw, pick), lang)
        crisis = crisis_reply(said, self.safety_screen, mem, lang)
        if crisis is not None:
            return crisis
        # A letter the borrower asked for, before the semantic harm screen (which takes "帮我写一份协商还款申请" for a
        # request to draft an IOU); the route refuses what the harm rules catch (bot/engine/letter_chat.py).
        letter = self.letters.answer(text, lang, mem)
        if letter is not None:
            return letter
        category = safety.harmful_category(said)  # the rules first: "推荐不查征信的口子" is refused, not declined
        wanted = words.recommendation_asked(said)  # answered before the gate: routed_before_the_gate
        if wanted is not None and category is None:
            # a pasted ad that asks for one ("哪个平台额度高？点这里领5万 这靠谱吗") is checked, not declined
            return asked_about_a_message(self, raw, lang, mem) or Answer(
                "no_answer", safety.recommendation_text(wanted, lang), lang)
        if category is None and self.safety_screen is not None:
            category = safety.screened_category(said, self.safety_screen)
        if category is not None:
            mem.clear_calc()
            return Answer("refusal", safety.refusal_text(category, lang), lang)
        check = asked_about_a_message(self, raw, lang, mem)  # bot/engine/scam_chat.py
        if check is not None:
            return check
        own = self.debts.answer(text, lang, mem)  # a list of debts, or a change to the one kept
        if own is not None:
            return own
        if pick is not None:
            return self._question(text, lang, mem, False, pick=pick)  # the answer to "你是想问：① … ② …"
        calc = self.calcs.answer(text, lang, mem, followup)
        if calc is not None:
            return calc
        small_talk = "no_choice" if _as_reply(text) in _CHOICE_NUMBERS else safety.chitchat_kind(text)
        if small_talk is not None:
            return Answer("no_answer", safety.chitchat_text(small_talk, lang), lang, via="small_talk")
        return self._question(text, lang, mem, followup)

    # ------------------------------------------------------------------ is this a scam?

    def check(self, message: str, memory: Memory | None = None, lang: str | None = None) -> Answer:
        """A forwarded or pasted message, checked for scam red flags. Crisis first, as for every message."""
        text = (message or "").strip()
        mem = memory if memory is not None else Memory()
        lang = lang if lang in ("zh", "en") else detect_language(text, mem.lang)
        if not text:
            return Answer("no_answer", safety.no_answer_text(lang), lang)
        if safety.is_crisis(text, self.safety_screen):
            mem.clear_calc()
            ans = Answer("crisis", safety.crisis_text(lang), lang)
        else:
            ans = checked(self, self.checker.check(text, lang), text, mem)
        mem.lang = lang
        mem.add_turn(" ".join(text.split()))
        mem.last_kind = ans.kind
        return ans

    # ------------------------------------------------------------------ questions

    def retrieve(self, query: str, lang: str, k: int = 5) -> Retrieved:
        return self.retriever.search(query, lang=lang, k=k)

    def relevant(self, query: str, got: Retrieved, context: str = "") -> bool:
        """The relevance gate: is the best chunk about this question at all? context: the conversation's topic,
        which says whether a message in it ("他们不同意怎么办") is in finbot's field."""
        if not got.hits:
            return False
        field = safety.scope(f"{context} {query}".strip())
        if field == "out":
            return False
        bar = self.threshold if field == "in" else self.threshold_unknown
        return self.evidence(got) >= bar

    def evidence(self, got: Retrieved) -> float:
        """How much the knowledge base has to say about a query: the best chunk's cosine plus the best cosine with
        a question a section answers — its heading or one of the educators' phrasings ("huabei overdue 4 days" is
        far from every heading but close to "my huabei is a few days late")."""
        if not got.hits:
            return -1.0
        return got.top_score + max(got.head_score, self.matcher.best_phrasing(got.vector))

    def query_for(self, text: str, memory: Memory | None, lang: str) -> str:
        """What a question is searched with: a short follow-up, or a message that points back ("他们不同意怎么办"),
        carries the previous topic along."""
        text = " ".join(text.split())
        if memory is not None and memory.topic_query and leans_on_context(text, lang):
            return f"{memory.topic_query} {strip_followup(text)}"
        return text

    def _foreign_word(self, text: str) -> bool:
        """A message outside the field whose words the articles often never use ("明天天气怎么样": 天气; "今天星期几"
        after a card question): never read in the conversation, where the earlier topic alone would pass the gate,
        though its characters pair up with the articles' ("天天" in "明天天气"). A third, not any: Chinese is read in
        overlapping pairs, and a pair across two words ("头行" in "口头行不行") is unheard too. A number is no word of
        another field ("要交2800，是真的吗" after a credit-repair offer)."""
        if about_the_debt_before(text):  # "我们没离婚，这个钱算我的吗": "没离" is a pair across two words
            return False
        own = {w for w in content_terms(words.without_question_words(text)) if w.isalnum() and not w.isdigit()}
        return safety.scope(text) != "in" and 3 * len(self.matcher.unheard(own)) >= len(own) > 0

    def _fits_topic(self, text: str, lang: str, mem: Memory) -> bool:
        """A short question naming no debt, after a topic ("要我们子女还吗" after "我爸去世了 留下信用卡欠款"): read
        in the conversation when what the two find together shares its words (not so "明天天气怎么样")."""
        if not mem.topic_query or not names_nothing(text, lang):
            return False
        if self._foreign_word(text):  # before searching: such a message is no follow-up either way
            return False
        hits = self.retrieve(f"{mem.topic_query} {text}", lang).hits
        # the best few, not the best alone: "还能坐高铁吗" after "我被列入失信被执行人了" finds the list's removal first
        found = " ".join(f"{h.section or ''} {h.text}" for h in hits[:3])
        if mem.choices:  # retyped after "你是想问：① … ②", it narrows that question ("我应该按多少还" ~ "本金按多少算")
            offered = " ".join(c[2] for c in mem.choices)
            return overlap({t for t in terms(text) if len(t) > 1}, f"{found} {offered}") > 0
        # nothing of its own but the question ("我一定要还吗" after a parent's debts): the topic's, when it found any.
        # Words no article uses say nothing of their own either ("怎么才能去掉" after a loan one never took out).
        said = {t for t in asked_about(text) if self.matcher.in_use(t)}
        return bool(hits) and ((not said and lang == "zh") or overlap(said, found) > 0)

    def _question(self, text: str, lang: str, mem: Memory, followup: bool, ask_back: bool = True,
                  pick: list[Any] | None = None) -> Answer:
        """pick: the clarifying choice the message names (_picked); the choices are forgotten either way."""
        chosen = self._chosen(pick, mem)
        if isinstance(chosen, str):  # an example question without a section of its own: answer it, not ask again
            return self._question(chosen, lang, mem, False, ask_back=False)
        if chosen is not None:  # the section's own question is what was asked, not "1"
            topic = mem.topic_query
            ans = self._answer_section(chosen, chosen.info.heading, lang, mem, [], chosen.info.heading)
            if topic and ans.kind == "answer":  # the conversation's question, now answered, stays its topic
                mem.topic_query = topic
            return ans
        if is_followup(text, lang) and not mem.topic_article and bare_topic(strip_followup(text), lang):
            return self._clarify(strip_followup(text), lang, mem)
        place = words.jurisdiction(text)  # answered before the gate: routed_before_the_gate
        if place is not None:
            return Answer("no_answer", _elsewhere_text(place, lang), lang, via="composer")
        query, got, ranked = self.sections_for(text, lang, mem, followup)
        context = reading_context(mem) if followup else ""
        if not self.relevant(query, got, context) or not ranked:
            return Answer("no_answer", safety.no_answer_text(lang), lang, via="composer")
        options = self._options(ranked, lang) if ask_back else ranked[:1]
        if followup and len(options) > 1 and mem.last_kind == "answer":
            # The section just given is no choice to offer again: the follow-up asks something it did not answer.
            options = [o for o in options if not just_answered(o, mem)] or options
        if len(options) > 1:
            return self._ask_which(options, query, lang, mem)
        mem.set_situation(words.products(text), words.stages(text))
        return self._answer_section(options[0], query, lang, mem, ranked, text)

    def sections_for(self, text: str, lang: str, mem: Memory, followup: bool
                     ) -> tuple[str, Retrieved, list[Candidate]]:
        """The query a question is searched with, what retrieval found, and the candidate sections ranked by the
        matcher. Used to answer and to fit the matcher. A message that leans on the conversation is read several
        ways (bot/engine/readings.py)."""
        products = words.products(text) or set(mem.topic_products)
        stages = words.stages(text) or set(mem.topic_stages)
        topic = reading_context(mem)
        if followup and topic:
            return read_follow_up(self, text, lang, mem, topic, products, stages)
        query, got = text, self.retrieve(text, lang)
        if not self.relevant(query, got) and topic and short_question(text, lang) and not self._foreign_word(text):
            # "多久给答复" / "最长能分几年" right after a topic: a short question that does not stand on its own
            # is read in the conversation's context — when the chunk found that way shares its words, or every
            # word it asks about is the articles' own ("How long until I can get a mortgage?" finds "…how soon
            # can I get a new credit card or loan?").
            combined = f"{topic} {text}"
            in_context = self.retrieve(combined, lang)
            best = in_context.hits[0] if in_context.hits else None
            said = asked_about(text)
            if best is not None and (overlap(content_terms(text), f"{best.section or ''} {best.text}") > 0
                                     or (said and all(self.matcher.in_use(w) for w in said))):
                query, got = combined, in_context
        return query, got, self.matcher.rank(query, lang, got, products, stages)

    def _answer_section(self, cand: Candidate, query: str, lang: str, mem: Memory, ranked: list[Candidate],
                        text: str) -> Answer:
        """Answer from one section: its own opening and points, its source and legal basis, and the other
        candidates and pointers as related questions."""
        parts = self.matcher.parts(cand.key)
        mem.choices = []
        if self.llm is not None:
            others = [h for c in ranked[1:4] for h in self.matcher.parts(c.key)[:1]]
            reply = self.llm.answer(text, [*parts, *others], lang, history=mem.turns)
            if reply is not None:
                mem.set_topic(query, reply.sources[0].article_id, reply.sources[0].section)
                return Answer("answer", reply.text, lang, [Source.of(h) for h in reply.sources],
                              related=self._related(cand, ranked, lang), via="llm")
        composed = compose(query, parts, lang)
        if not composed.text:
            return Answer("no_answer", safety.no_answer_text(lang), lang, via="composer")
        body = composed.text
        # the borrower's own rate first; a follow-up ("合法吗") is judged with the rate said before it
        verdict = stated_rate_verdict(query, lang, body.split("\n", 1)[0])
        if verdict:
            body = f"{verdict}[1]\n{body}"
        lead = composed.sources[0]
        # Read in context, the topic stays the earlier question: "那网贷呢" after "那信用卡呢" is about it too.
        in_context = bool(mem.topic_query) and query.startswith(f"{mem.topic_query} ")
        mem.set_topic(mem.topic_query if in_context else query, lead.article_id, lead.section)
        return Answer("answer", body, lang, [Source.of(lead)], related=self._related(cand, ranked, lang),
                      via="composer")

    # ------------------------------------------------------------------ which section: sure, or ask

    def _options(self, ranked: list[Candidate], lang: str) -> list[Candidate]:
        """The top candidate alone when the matcher is sure; else the 2–3 close ones to ask about."""
        top = ranked[0]
        choice = self.calibration.sections
        if top.prob >= choice.clarify_sure:
            return [top]
        close = [c for c in ranked[1:]
                 if c.prob >= top.prob - choice.clarify_margin and c.info.lang == top.info.lang]
        options = [top]
        for c in close:
            if len(options) < 3 and all(c.info.heading != o.info.heading for o in options):
                options.append(c)
        return options

    def _ask_which(self, options: list[Candidate], query: str, lang: str, mem: Memory) -> Answer:
        mem.choices = [[c.key[0], c.key[1], c.info.heading] for c in options]
        mem.set_topic(query, None, None)
        marks = "①②③"
        lines = [f"{marks[n]} {c.info.heading}" for n, c in enumerate(options)]
        if lang == "zh":
            text = "你是想问：\n" + "\n".join(lines) + "\n回复序号，或把问题说得更具体一点。"
        else:
            text = "Do you mean:\n" + "\n".join(lines) + "\nReply with the number, or say a little more."
        return Answer("clarify", text, lang, choices=[c.info.heading for c in options], via="composer")

    def _chosen(self, pick: list[Any] | None, mem: Memory) -> Candidate | str | None:
        """A reply to a clarifying question (_picked: its number or one of the questions word for word): the section
        it names, or the question itself when it has no section."""
        mem.choices = []  # asked once: anything else is a new question
        if pick is None:
            return None
        article, index, heading = pick
        found = [c for c in self.matcher.table.infos if c.key == (article, int(index))]
        return Candidate(found[0], {}, 0.0, 1.0) if found else str(heading)

    def _related(self, cand: Candidate, ranked: list[Candidate], lang: str, limit: int = 3) -> list[str]:
        """Follow-up questions: the other close candidates, the neighbouring sections, then the detail articles
        the section points to — in the answer's language, never the question just answered."""
        info = cand.info
        out: list[str] = []

        def add(question: str | None, question_lang: str) -> None:
            if question and question_lang == info.lang and question != info.heading and question not in out:
                out.append(question)

        for c in ranked[1:3]:
            if c.prob >= ranked[0].prob * 0.5:
                add(c.info.heading, c.info.lang)
        headings = self.retriever.sections_of(info.key[0])
        i = info.key[1]
        for j in (i + 1, i - 1, i + 2):
            if 0 <= j < len(headings):
                add(headings[j], info.lang)
        titles = self.retriever.titles()
        for ref in info.lead.see_also:
            add(titles.get(ref), info.lang)
        return out[:limit]

    def _clarify(self, topic: str, lang: str, mem: Memory) -> Answer:
        """"那信用卡呢？" with no earlier topic (a first message, or right after /reset): ask what about it.

        A bare topic does not say what the borrower wants to know, and any one article picked for it would be a
        guess. The examples are the knowledge base's own headings that name the topic (most of its words), so
        each is a question finbot answers, topped up with general ones. The topic is remembered without an
        article: a short question next ("会上征信吗？") is read with it, another bare "那网贷呢？" is asked about."""
        terms = content_terms(re.sub(r"(?<=[a-z])s\b", "", topic.lower()))  # 'credit cards' → 'credit card'
        examples: list[str] = []
        keys: list[list[Any]] = []  # [article, section index, question]; "" and -1 for a question with no section
        articles: set[str] = set()  # one example per article: a title and its heading often ask the same
        pointer = only_points_back(topic)  # "那个" / "那笔钱" with nothing before it to point at
        for hit in self.retrieve(topic, lang, k=8).hits if terms and not pointer else []:
            for heading, index in ((hit.section, hit.section_index), (hit.title, -1)):
                if (heading and hit.lang == lang and hit.article_id not in articles
                        and heading.rstrip().endswith(("?", "？")) and overlap(terms, heading) >= 0.6):
                    examples.append(heading)
                    keys.append([hit.article_id if index >= 0 else "", index, heading])
                    articles.add(hit.article_id)
        for example in _example_questions(topic, lang, general=pointer):
            if example not in examples:
                examples.append(example)
                keys.append(["", -1, example])
        examples, mem.choices = examples[:3], keys[:3]
        if pointer:
            head = ("你说的是哪一笔欠款、哪个问题？\n把问题说完整一点，我就能查资料回答你，比如：" if lang == "zh" else
                    "Which debt or question do you mean?\nAsk the whole question and I can look it up, for example:")
        elif lang == "zh":
            head = f"你想了解{topic}的哪方面？\n把问题说完整一点，我就能查资料回答你，比如："
        else:
            head = f"What would you like to know about {topic}?\nAsk the whole question and I can look it up, " \
                   "for example:"
        mem.set_topic(topic, None, None)
        return Answer("clarify", head + "\n" + "\n".join(f"• {e}" for e in examples), lang, choices=examples)

    def chart(self, answer: Answer) -> bytes | None:
        """PNG of the debt chart for a calculation answer (None when there is nothing to draw)."""
        return self.calcs.chart(answer)


# ------------------------------------------------------------------ helpers

def _read(question: str) -> tuple[str, str]:
    """One clean form (bot/engine/normalize.py) with typos fixed: what the safety screens judge; and the text the
    routes match, which also has slang glossed."""
    said = words.spelled(normalize(question))
    return said, words.glossed(said)


def routed_before_the_gate(question: str) -> bool:
    """A message a route answers before the relevance gate: a request for a lender (declined in _route) or a
    question about another country's system (_question). `finbot calibrate` leaves them out when it sets the gate
    — one such in-field message had put it above a fifth of the answerable questions. A new route that answers
    before the gate belongs here too."""
    said, text = _read(question)
    return words.recommendation_asked(said) is not None or words.jurisdiction(text) is not None


def _example_questions(topic: str, lang: str, general: bool = False) -> list[str]:
    """General example questions: about the topic when it is a name, else finbot's most common questions."""
    if general or re.search(r"\d", topic):
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


_CHOICE_NUMBERS = {"1": 1, "2": 2, "3": 3, "①": 1, "②": 2, "③": 3, "一": 1, "二": 2, "三": 3,
                   "第一个": 1, "第二个": 2, "第三个": 3}


def _as_reply(text: str) -> str:
    """A short reply as meant, without the full stop or exclamation mark some type after it ("1。")."""
    return text.strip().rstrip("。.!！")


def _picked(text: str, mem: Memory) -> list[Any] | None:
    """The option a reply to "你是想问：① … ②" names — its number ("1", "②") or its question word for word — as
    [article, section index, heading]; None for anything else."""
    said = _as_reply(text)
    n = _CHOICE_NUMBERS.get(said)
    return next((c for i, c in enumerate(mem.choices) if n == i + 1 or said == c[2]), None)


def _elsewhere_text(place: str, lang: str) -> str:
    if lang == "zh":
        return (f"这个问题涉及{place}的法律或产品，不在我的范围内：我只讲中国内地（大陆）的借贷、信用卡和征信规则，"
                f"说错了反而会误导你。请向{place}当地的官方机构、债务咨询机构或律师求助。\n"
                "如果你在内地也有欠款，可以问我，比如：“信用卡逾期了怎么办？”")
    return (f"That is about the law or products of {place}, which I don't cover: I only know mainland China's rules "
            f"on loans, credit cards and credit reports, and a guess could mislead you. Please ask an official body, "
            f"a debt-advice service or a lawyer in {place}.\nIf you also owe money in mainland China, ask me, for "
            "example: \"My credit card is overdue — what should I do?\"")
