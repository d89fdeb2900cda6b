"""Which section was asked: every `##` section is one borrower question, and the answer opens with its answer.

Retrieval finds the right article somewhere near the top; this step picks the section whose *question* the
borrower asked, and says how sure it is. Each candidate section (those of the retrieved chunks, and the best
matches of the question against every heading and every educator-listed phrasing) is described by a few
features; a linear score per candidate (weights fitted on the tuning set, in the backend's calibration) and a
softmax over the candidates give the probability that each is the section asked:

    dense      best cosine between the question and a chunk of the section
    head       cosine with the section heading (headings are questions in the borrower's words)
    phrasing   best cosine with the section's 也问/Also asked phrasings (the heading when it has none)
    centroid   cosine with the mean of the section's heading and phrasings, in a space whitened by how the
               phrasings of one question differ among themselves (directions paraphrases disagree on count less)
    classifier log-probability of the section from a softmax classifier over every heading and phrasing (trained
               at index load, kept in the cache): which wordings set this question apart from its neighbours
    title      cosine with the article title (a hub's title is the broad question it answers)
    bm25       the section's best lexical score (BM25 over its chunks), relative to the best candidate
    question_bm25   BM25 over the questions a section answers (title, heading, phrasings together), likewise
    phrasing_bm25   the best BM25 of the heading or any one phrasing alone, likewise
    lexical    share of the question's words found in the heading, phrasings and title
    kind_same / kind_clash   the question wants the kind of answer the heading gives / a different one
               ("怎么办" is never answered by a "会不会" verdict; "多久" wants a duration …)
    hub, hub_howto           a situation hub, and a hub for a "what do I do" question
    product_same / product_clash   the kind of debt named in the question and in the section
    product_partial          the question names two or more kinds of debt and the section is about only some of them
                             ("信用卡和网贷都逾期了" is the many-debts hub's, not the card hub's)
    stage_same / stage_clash       how far the debt has gone (days late, months, court, enforcement), likewise
    debtor_same / debtor_clash     the debt is someone else's (a brother's loan, one the asker guaranteed) in the
                                   question and in the section / in the question only
    same_lang, first_section, retrieved (1/rank among the retrieved sections)

    matcher = Matcher(retriever)
    ranked = matcher.rank(question, lang, retrieved)    # best first; ranked[0].prob is the confidence
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from bot.engine import words
from bot.engine.lexicon import FOLDER as LEXICONS
from bot.engine.retrieve import BM25
from bot.engine.terms import content_terms, overlap_terms, terms
from ingest.embeddings import normalise_rows
from ingest.pickled import pickled
from ingest.types import Hit

if TYPE_CHECKING:
    from bot.engine.retrieve import Retrieved, Retriever

FEATURES = ("dense", "head", "phrasing", "centroid", "classifier", "title", "bm25", "question_bm25", "phrasing_bm25",
            "lexical",
            "kind_same", "kind_clash", "hub", "hub_howto", "product_same", "product_clash", "product_partial",
            "stage_same", "stage_clash", "debtor_same", "debtor_clash", "same_lang", "first_section", "retrieved")
POOL_SECTIONS = 12  # sections of the retrieved chunks considered
POOL_HEADINGS = 10  # best heading matches added
POOL_PHRASINGS = 10  # best phrasing matches added
POOL_WORDS = 10  # best word matches (BM25) against a heading or phrasing added
WHITEN_FLOOR = 1e-3  # added to the paraphrase covariance's eigenvalues: directions with no spread are not blown up
CLASSIFIER_STEPS = 60  # full-batch Adam steps of the section classifier (~6 s on ~10,000 wordings, 2 cores)
STAGE_SHARE = 0.1  # share of a section's phrasings that must name a stage for it to be the section's
CLASSIFIER_SCALE = 10.0  # unit vectors scaled up, so a linear score can be sharp

# Kinds of answer that can stand in for each other; any other pair of known kinds is a clash.
_COMPATIBLE = {frozenset({"howto", "channel"}), frozenset({"yesno", "legal"}), frozenset({"amount", "method"}),
               frozenset({"definition", "why"}), frozenset({"effect", "yesno"})}

# Until `finbot calibrate` has fitted weights for a backend: a hand-set blend that follows the old ranking
# (chunk and heading cosines) and applies the kind-of-answer and kind-of-debt rules strongly.
DEFAULT_WEIGHTS = {"dense": 4.0, "head": 4.0, "phrasing": 4.0, "centroid": 4.0, "classifier": 0.0, "title": 1.0,
                   "bm25": 1.0,
                   "question_bm25": 1.0, "phrasing_bm25": 1.0,
                   "lexical": 2.0,
                   "kind_same": 0.8, "kind_clash": -2.0, "hub": 0.0, "hub_howto": 1.0, "product_same": 0.6,
                   "product_clash": -1.5, "product_partial": 0.0, "stage_same": 0.5, "stage_clash": -1.5,
                   "debtor_same": 0.5, "debtor_clash": -1.0,
                   "same_lang": 2.0, "first_section": 0.1, "retrieved": 1.0}


@dataclass(frozen=True)
class SectionInfo:
    key: tuple[str, int]  # (article id, section index)
    lead: Hit  # the section's first chunk
    heading: str
    title: str
    lang: str
    kind: str  # the article's type: "topic" | "hub"
    phrasings: tuple[str, ...]
    answer_kind: str | None  # what its heading asks for (words.question_type)
    products: frozenset[str]
    stages: frozenset[str]  # how far the debt has gone in the situation it answers (words.stages)
    others: bool  # it answers about someone else's debt (words.someone_elses)
    terms: frozenset[str]  # the comparable units of title, heading and phrasings (terms.terms)
    cannot_pay: bool  # its question is about a debt that cannot be paid now (words.cannot_pay)
    lender: frozenset[str]  # what the lender said to a plan, in its question (words.lender_answer)


@dataclass
class Candidate:
    info: SectionInfo
    features: dict[str, float]
    score: float = 0.0
    prob: float = 0.0

    @property
    def key(self) -> tuple[str, int]:
        return self.info.key


@dataclass
class _Table:
    infos: list[SectionInfo]
    pos: dict[tuple[str, int], int]
    phrase_vecs: np.ndarray  # one row per phrasing
    phrase_owner: np.ndarray  # row → section position
    title_vecs: np.ndarray  # one row per section: its article's title
    whiten: np.ndarray  # dim × dim: the map into the whitened space of the centroid feature
    centroids: np.ndarray  # one unit row per section, in that space
    parts: dict[tuple[str, int], list[Hit]] = field(default_factory=dict)
    questions: BM25 | None = None  # BM25 over each section's title, heading and phrasings
    asked: BM25 | None = None  # BM25 over each heading and each phrasing on its own
    asked_pos: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # → section
    corpus_pos: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # corpus chunk → section
    vector_pos: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # chunk vector → section
    classifier: np.ndarray | None = None  # (dim + 1) × sections: the softmax classifier's weights and bias


class Matcher:
    def __init__(self, retriever: Retriever, weights: dict[str, float] | None = None) -> None:
        """weights: the backend's calibration (bot/engine/calibration.py); the hand-set prior until one exists."""
        self.retriever = retriever
        self.weights = dict(weights) if weights else dict(DEFAULT_WEIGHTS)
        self._table: _Table | None = None
        self._generation = -1
        # The last query's cosines with every phrasing: the relevance gate (twice) and the ranking need them for the
        # same query vector, and each product is over every phrasing. (table, vector, cosines), swapped whole.
        self._last_phrase_sims: tuple[_Table, np.ndarray, np.ndarray] | None = None

    @property
    def table(self) -> _Table:
        """Every section's facts and vectors, rebuilt after the retriever re-reads the index (an upload)."""
        if self._table is None or self._generation != self.retriever.generation:
            self._generation = self.retriever.generation
            self._table = self._build()
        return self._table

    def _build(self) -> _Table:
        keys, _ = self.retriever.headings()  # the section order every per-section array follows
        leads = self.retriever._leads_map()
        parts: dict[tuple[str, int], list[Hit]] = {}
        for hit in self.retriever.corpus:
            parts.setdefault((hit.article_id, hit.section_index), []).append(hit)
        infos = []
        phrases: list[str] = []
        owner: list[int] = []
        sections = [(leads[key].section or leads[key].title, leads[key]) for key in keys]
        facts = _section_facts([(lead.title, heading, *lead.phrasings) for heading, lead in sections],
                               self.retriever.cache_dir)
        for i, (key, (heading, lead), read) in enumerate(zip(keys, sections, facts, strict=True)):
            phrases.extend(lead.phrasings)
            owner.extend([i] * len(lead.phrasings))
            infos.append(SectionInfo(key, lead, heading, lead.title, lead.lang, lead.kind, lead.phrasings, read.kind,
                                     read.products, read.stages, read.others, read.terms, read.cannot_pay,
                                     read.lender))
        phrase_vecs = self.retriever.text_vectors(phrases) if phrases else np.zeros((0, 1), dtype=np.float32)
        title_vecs = self.retriever.text_vectors([i.title for i in infos])
        phrase_owner = np.asarray(owner, dtype=np.int64)
        _, head_vecs = self.retriever.headings()
        wordings = np.vstack([head_vecs, phrase_vecs]) if phrases else head_vecs  # every heading and phrasing
        wording_owner = np.r_[np.arange(len(infos)), phrase_owner]
        digest = wordings_digest(wordings, wording_owner)  # one hash of ~20 MB for both caches
        whiten, centroids = whitened_centroids(wordings, wording_owner, len(infos), self.retriever.cache_dir, digest)
        classifier = section_classifier(wordings, wording_owner, len(infos), self.retriever.cache_dir, digest)
        pos = {k: i for i, k in enumerate(keys)}
        corpus_pos = np.asarray([pos[(h.article_id, h.section_index)] for h in self.retriever.corpus], dtype=np.int64)
        _, owners = self.retriever.chunk_vectors()
        vector_pos = np.asarray([pos[k] for k in owners], dtype=np.int64)
        cache = self.retriever.cache_dir
        questions = BM25.cached([" ".join((i.title, i.heading, *i.phrasings)) for i in infos], cache, "questions")
        asked = [(n, q) for n, i in enumerate(infos) for q in (i.heading, *i.phrasings)]
        return _Table(infos, pos, phrase_vecs, phrase_owner, title_vecs, whiten, centroids,
                      parts, questions,
                      BM25.cached([q for _, q in asked], cache, "asked"), np.asarray([n for n, _ in asked],
                                                                                   dtype=np.int64),
                      corpus_pos, vector_pos, classifier)

    def unheard(self, wording: set[str]) -> set[str]:
        """The terms that neither the articles nor any section's question (title, heading, phrasings) use. An
        English word one slip away from one they use ("leagl", "colector") is a typo of it, not a foreign word —
        only for this test: the text itself is never respelled (a guessed word could change what is asked)."""
        def heard(w: str) -> bool:
            return self._used(w, sections=1)

        return {w for w in wording if not heard(w) and not (w.isascii() and len(w) >= 5
                                                                and any(heard(e) for e in _one_slip(w)))}

    def in_use(self, term: str) -> bool:
        """Is a term the articles' own, or asked in more than one section's questions (not a lone typo)?"""
        return self._used(term, sections=2)

    def _used(self, term: str, sections: int) -> bool:
        """The articles use the term, or the questions (title, heading, phrasings) of at least `sections` sections."""
        if term in self.retriever.lexical_index().spans:
            return True
        span = self.table.questions.spans.get(term) if self.table.questions is not None else None
        return span is not None and span[1] - span[0] >= sections

    def best_phrasing(self, vector: np.ndarray | None) -> float:
        """The best cosine between a query and any educator-listed phrasing (0 when there is none)."""
        if vector is None or not len(self.table.phrase_owner):
            return 0.0
        return float(self._phrase_sims(vector).max())

    def _phrase_sims(self, vector: np.ndarray) -> np.ndarray:
        """The query's cosine with every phrasing (kept for the next call with the same vector)."""
        table = self.table
        last = self._last_phrase_sims
        if last is not None and last[0] is table and np.array_equal(last[1], vector):
            return last[2]
        sims = table.phrase_vecs @ vector
        self._last_phrase_sims = (table, vector.copy(), sims)
        return sims

    def parts(self, key: tuple[str, int]) -> list[Hit]:
        return self.table.parts.get(key, [])

    def section_text(self, cand: Candidate) -> str:
        """What a section says it is about: its title, question, phrasings and first chunk."""
        parts = self.parts(cand.key)
        return " ".join((cand.info.title, cand.info.heading, *cand.info.phrasings, *(p.text for p in parts[:1])))

    # ------------------------------------------------------------------ ranking

    def rank(self, question: str, lang: str, got: Retrieved, products: set[str] | None = None,
             stages: set[str] | None = None, kind: str | None = None) -> list[Candidate]:
        """Candidate sections for the question, best first, each with its features, score and probability.
        products / stages: the kind of debt and how far it has gone, when the conversation knows them already;
        kind: the kind of answer asked for, when the question read is more than what was asked (a follow-up read
        with its topic asks what the follow-up asks)."""
        table = self.table
        if got.vector is None or got.head_sims is None or not table.infos:
            return []
        vector = got.vector
        head = got.head_sims
        phr = (_best_per_section(self._phrase_sims(vector), table.phrase_owner, len(table.infos))
               if len(table.phrase_owner) else np.full(len(table.infos), -1.0))
        title = table.title_vecs @ vector
        centroid = table.centroids @ normalise_rows((table.whiten @ vector)[None, :])[0]
        classified = _log_softmax(np.r_[vector * CLASSIFIER_SCALE, 1.0] @ table.classifier) \
            if table.classifier is not None else np.zeros(len(table.infos))
        pool: list[int] = []
        for hit in got.hits[:POOL_SECTIONS]:
            i = table.pos.get((hit.article_id, hit.section_index))
            if i is not None and i not in pool:
                pool.append(i)
        retrieved = len(pool)  # the retrieval order is a feature too
        q_bm25 = table.questions.scores(question) if table.questions is not None else np.zeros(len(table.infos))
        p_bm25 = (_best_per_section(table.asked.scores(question), table.asked_pos, len(table.infos), floor=0.0)
                  if table.asked is not None else np.zeros(len(table.infos)))
        # The sections whose questions are closest in meaning, and in words ("先还哪个" ~ "先还哪一笔").
        for order in (np.argsort(-head)[:POOL_HEADINGS], np.argsort(-phr)[:POOL_PHRASINGS],
                      np.argsort(-p_bm25, kind="stable")[:POOL_WORDS]):
            pool += [int(i) for i in order if int(i) not in pool]
        if not got.cross_language:
            # Retrieval found good chunks in the user's language: answer in it (a section in the other language
            # is only for questions the user's language does not cover).
            same = [i for i in pool if table.infos[i].lang == lang]
            retrieved = len([i for i in pool[:retrieved] if table.infos[i].lang == lang])
            pool = same or pool
        dense = self._dense(vector, pool)
        bm25 = self._bm25(question, pool)
        q_top = max((q_bm25[i] for i in pool), default=0.0)
        p_top = max((p_bm25[i] for i in pool), default=0.0)
        q_kind = kind or words.question_type(question)
        # What the conversation knows, else what the question names: a topic set by a question asked back
        # ("朋友找我借5万…") knows no debt yet, though its words name one.
        q_products = set(products or words.products(question))
        q_stages = words.stages(question) or set(stages or ())
        q_terms = content_terms(question)
        q_others = words.someone_elses(question)
        cands = []
        for n, i in enumerate(pool):
            info = table.infos[i]
            f = {
                "dense": dense[n], "head": float(head[i]),
                "phrasing": float(phr[i]) if info.phrasings else float(head[i]),
                "centroid": float(centroid[i]),
                "classifier": float(classified[i]),
                # Word overlap only compares texts in the question's language: when the answer may come from the
                # other language, only the embedding features compare candidates.
                "title": float(title[i]), "bm25": 0.0 if got.cross_language else bm25[n],
                "question_bm25": 0.0 if got.cross_language or q_top <= 0 else float(q_bm25[i] / q_top),
                "phrasing_bm25": 0.0 if got.cross_language or p_top <= 0 else float(p_bm25[i] / p_top),
                "lexical": 0.0 if got.cross_language else overlap_terms(q_terms, info.terms),
                "kind_same": float(q_kind is not None and q_kind == info.answer_kind),
                "kind_clash": float(_clash(q_kind, info.answer_kind)),
                "hub": float(info.kind == "hub"), "hub_howto": float(info.kind == "hub" and q_kind == "howto"),
                "product_same": float(bool(q_products & info.products)),
                "product_clash": float(bool(q_products and info.products and not q_products & info.products)),
                "product_partial": float(len(q_products) > 1 and bool(info.products)
                                         and not q_products <= info.products),
                "stage_same": float(bool(q_stages & info.stages)),
                "stage_clash": float(bool(q_stages and info.stages and not _near(q_stages, info.stages))),
                "debtor_same": float(q_others and info.others),
                "debtor_clash": float(q_others and not info.others),
                # Language matters only when the user's language has good chunks at all.
                "same_lang": float(info.lang == lang and not got.cross_language),
                "first_section": float(info.key[1] == 0),
                "retrieved": 1.0 / (1 + n) if n < retrieved else 0.0,
            }
            cands.append(Candidate(info, f))
        if q_stages & _SUED and "precourt" not in q_stages:
            # A section only for borrowers not yet sued ("只是逾期、还没被起诉，会不让坐飞机吗") never answers one who
            # is: its answer would tell them the opposite of their case.
            cands = [c for c in cands if "precourt" not in c.info.stages or c.info.stages & _SUED] or cands
        if "paid" in q_stages:
            # A section for a borrower who cannot pay ("花呗、白条这个月还不上了，怎么办？") never answers one who says
            # the debt is paid off ("花呗逾期的已经还上了"): its first steps are for a debt still owed.
            cands = [c for c in cands if "paid" in c.info.stages or not c.info.cannot_pay] or cands
        if words.lender_answer(question) == {"agreed"}:
            # A borrower whose lender agreed a plan ("银行同意停息挂账了 分60期 / 中途有一期还不上怎么办") is never
            # answered from a section for one whose lender refused: 同意 is in both, the situations are opposite.
            cands = [c for c in cands if "refused" not in c.info.lender] or cands
        elif words.lender_answer(question) == {"refused"} and q_kind in ("howto", None):
            # "what if they refuse?" after asking for a plan shares no word with "What if the bank says no?": what to
            # do when refused is answered from a section (or an article) about a refusal. Not "会被起诉吗": a
            # question of its own kind is about more than the refusal.
            cands = [c for c in cands if "refused" in c.info.lender or "refused" in words.lender_answer(c.info.title)
                     ] or cands
        if q_kind == "which" and any(c.info.answer_kind == "which" for c in cands):
            # "先还哪个" asks for an order among debts: a section that gives one answers it, a hub's first steps
            # for one platform ("花呗、白条这个月还不上了") do not, however many words they share.
            cands = [c for c in cands if c.info.kind != "hub" or c.info.answer_kind == "which"]
        if "deceased" not in q_stages:
            # A section about a borrower who has died ("家人去世了，留下的欠款要还吗") never answers one who has not
            # said so ("爸爸欠了信用卡"): it would tell the asker their parent is dead.
            cands = [c for c in cands if "deceased" not in c.info.stages] or cands
        for c in cands:
            c.score = sum(self.weights.get(name, 0.0) * value for name, value in c.features.items())
        return normalise(cands)

    def _dense(self, vector: np.ndarray, pool: Sequence[int]) -> list[float]:
        """Best chunk cosine per pooled section, from the chunk vectors kept in memory."""
        chunk_vecs, _ = self.retriever.chunk_vectors()
        best = _best_per_section(chunk_vecs @ vector, self.table.vector_pos, len(self.table.infos))
        return [float(best[i]) if best[i] > -1.0 else 0.0 for i in pool]

    def _bm25(self, question: str, pool: Sequence[int]) -> list[float]:
        """Best BM25 score per pooled section, relative to the best of the pool."""
        best = _best_per_section(self.retriever.lexical_index().scores(question), self.table.corpus_pos,
                                 len(self.table.infos), floor=0.0)
        top = max((best[i] for i in pool), default=0.0)
        return [float(best[i] / top) if top > 0 else 0.0 for i in pool]


def _one_slip(word: str) -> set[str]:
    """Every spelling one keystroke away: a letter dropped, added, changed, or two swapped."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    letters = "abcdefghijklmnopqrstuvwxyz"
    dropped = {a + b[1:] for a, b in splits if b}
    swapped = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changed = {a + c + b[1:] for a, b in splits if b for c in letters}
    return dropped | swapped | changed | {a + c + b for a, b in splits for c in letters}


def prepare(retriever: Retriever) -> None:
    """Build every table the matcher reads — train the section classifier, embed the phrasings, the BM25 tables
    — into the retriever's cache_dir, so the first question after an ingest only loads them. An index that did not
    change finds them all cached (each is kept under a digest of what it was built from)."""
    _ = Matcher(retriever).table


def _best_per_section(values: np.ndarray, owner: np.ndarray, sections: int, floor: float = -1.0) -> np.ndarray:
    """The largest value per section (floor where a section has none). owner[i] is the section of values[i]."""
    best = np.full(sections, floor, dtype=np.float64)
    if len(owner):
        order = np.argsort(owner, kind="stable")
        owner_sorted = owner[order]
        starts = np.flatnonzero(np.r_[True, owner_sorted[1:] != owner_sorted[:-1]])
        best[owner_sorted[starts]] = np.maximum.reduceat(values[order], starts)
    return best


class Facts(NamedTuple):
    """What the word lists read in one section; SectionInfo keeps them (kind as answer_kind)."""

    kind: str | None
    products: frozenset[str]
    stages: frozenset[str]
    others: bool
    terms: frozenset[str]
    cannot_pay: bool  # these two from the heading alone, for Matcher.rank's paid-off and agreed-plan filters
    lender: frozenset[str]


def _read_section(title: str, heading: str, *phrasings: str) -> Facts:
    """What the word lists say about one section: the kind of answer its question wants, the products and stages
    it is about, whether the debt is someone else's, its words."""
    kind = words.question_type(heading)
    for p in phrasings:
        kind = kind or words.question_type(p)
    text = " ".join((title, heading, *phrasings))
    # A stage is the section's when its question says so, or enough of its phrasings do: one stray phrasing
    # ("网贷逾期一个多月了" under "网贷刚逾期") does not make a first-days section one for months-long arrears.
    counts = Counter(stage for p in phrasings for stage in words.stages(p))
    floor = max(2, STAGE_SHARE * len(phrasings))
    asked = words.stages(heading)
    stages = asked | {stage for stage, n in counts.items() if n >= floor}
    # Whose debt, likewise: the question says someone else's, or enough of its phrasings do.
    others = words.someone_elses(heading) or sum(map(words.someone_elses, phrasings)) >= floor
    if "deceased" in stages and "deceased" not in asked:
        # A section only for a borrower who died is one whose question says so: one phrasing among many
        # ("借款人死了，担保人还要还吗" under a guarantor's question) must not hide it from the living (Matcher.rank).
        stages.discard("deceased")
    return Facts(kind, frozenset(words.products(text)), frozenset(stages), others, frozenset(terms(text)),
                 words.cannot_pay(heading), frozenset(words.lender_answer(heading)))


def _section_facts(sections: Sequence[tuple[str, ...]], cache_dir: Path | None) -> list[Facts]:
    """_read_section for every section, kept in cache_dir between runs (reading ~1,000 sections with the word
    lists' patterns is a third of a one-shot `finbot ask`). The file name carries a digest of the sections, of
    the word lists and of the code that reads them (this module's _read_section too), so any edit to one of them
    reads the sections again."""
    code = [Path(__file__), Path(words.__file__), Path(terms.__code__.co_filename), LEXICONS.parent / "lexicon.py",
            *sorted(LEXICONS.glob("*.tsv"))]
    digest = hashlib.sha256()
    for path in code:
        digest.update(path.read_bytes())
    for section in sections:
        digest.update("\x1f".join(section).encode("utf-8") + b"\x1e")
    path = cache_dir / f"section-facts-{digest.hexdigest()[:16]}.pkl" if cache_dir is not None else None
    return pickled(path, lambda: [_read_section(*section) for section in sections],
                   lambda got: isinstance(got, list) and len(got) == len(sections), stale="section-facts-*.pkl")


def wordings_digest(vectors: np.ndarray, owner: np.ndarray) -> Any:
    """What the per-wording fits below are computed from, hashed (each adds its own settings to a copy)."""
    digest = hashlib.sha256(memoryview(np.ascontiguousarray(vectors, dtype=np.float32)))  # no copy of the vectors
    digest.update(np.ascontiguousarray(owner, dtype=np.int64).tobytes())
    return digest


def _cache_key(base: Any, vectors: np.ndarray, owner: np.ndarray, settings: str) -> str:
    digest = (base if base is not None else wordings_digest(vectors, owner)).copy()
    digest.update(settings.encode())
    return str(digest.hexdigest())


def whitened_centroids(vectors: np.ndarray, owner: np.ndarray, sections: int, cache_dir: Path | None = None,
                       digest: Any = None) -> tuple[np.ndarray, np.ndarray]:
    """The whitening map and each section's unit centroid in it. vectors: every heading and phrasing, owner[i]
    its section. The within-section covariance says which directions paraphrases of one question vary along;
    dividing them out (Σ^-1/2) leaves the directions that tell questions apart — linear discriminant analysis
    with a cosine. Kept in cache_dir under a digest of its inputs: fitting it took ~0.2 s of every one-shot start."""
    x = np.asarray(vectors, dtype=np.float32)
    key = _cache_key(digest, x, owner, f"whiten/{sections}/{WHITEN_FLOOR}")
    path = cache_dir / f"section-whitening-{key[:16]}.pkl" if cache_dir is not None else None
    return pickled(path, lambda: _whiten(x, owner, sections),
                   lambda got: isinstance(got, tuple) and len(got) == 2 and got[1].shape == (sections, x.shape[1]),
                   stale="section-whitening-*.pkl")


def _whiten(x: np.ndarray, owner: np.ndarray, sections: int) -> tuple[np.ndarray, np.ndarray]:
    dim = x.shape[1]
    order = np.argsort(owner, kind="stable")
    present, starts = np.unique(owner[order], return_index=True)
    sums = np.zeros((sections, dim))
    sums[present] = np.add.reduceat(x[order], starts, axis=0)
    counts = np.bincount(owner, minlength=sections).astype(np.float64)
    means = sums / np.maximum(counts, 1.0)[:, None]
    # Within-section scatter = Σ x xᵀ − Σ_k n_k μ_k μ_kᵀ
    scatter = (x.T @ x).astype(np.float64) - (means.T * counts) @ means
    values, basis = np.linalg.eigh(scatter / max(len(x), 1))
    whiten = (basis / np.sqrt(np.maximum(values, 0.0) + WHITEN_FLOOR)) @ basis.T
    return whiten.astype(np.float32), normalise_rows(means @ whiten)  # whiten is symmetric


def section_classifier(vectors: np.ndarray, owner: np.ndarray, sections: int, cache_dir: Path | None,
                       digest: Any = None) -> np.ndarray:
    """Weights of a softmax regression from a wording's vector to its section, fitted on every heading and
    phrasing (owner[i] is the section of vectors[i]). Where the centroid feature assumes every question varies
    the same way, this learns the directions that tell each question from its neighbours. Full-batch Adam in
    numpy, a fixed number of steps from zero (the same weights for the same wordings); kept in cache_dir under a
    digest of its inputs, so only an index that changed trains again."""
    x = np.ascontiguousarray(vectors, dtype=np.float32)
    key = _cache_key(digest, x, owner, f"{sections}/{CLASSIFIER_STEPS}/{CLASSIFIER_SCALE}")  # as before: no refit
    path = cache_dir / f"section-classifier-{key[:16]}.pkl" if cache_dir is not None else None

    def train() -> np.ndarray:
        n = len(x)
        xb = np.hstack([x * CLASSIFIER_SCALE, np.ones((n, 1), dtype=np.float32)])
        rows = np.arange(n)
        w = np.zeros((xb.shape[1], sections), dtype=np.float32)
        m, v = np.zeros_like(w), np.zeros_like(w)
        for step in range(1, CLASSIFIER_STEPS + 1):
            scores = xb @ w
            scores -= scores.max(axis=1, keepdims=True)
            p = np.exp(scores)
            p /= p.sum(axis=1, keepdims=True)
            p[rows, owner] -= 1.0  # minus the one-hot target, without an n × sections matrix of it
            grad = xb.T @ p / n + w / n  # cross-entropy, and a little weight decay
            m = 0.9 * m + 0.1 * grad
            v = 0.999 * v + 0.001 * grad * grad
            w -= 0.05 * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
        return w

    return pickled(path, train, lambda got: isinstance(got, np.ndarray) and got.shape == (x.shape[1] + 1, sections),
                   stale="section-classifier-*.pkl")


def _log_softmax(scores: np.ndarray) -> np.ndarray:
    top = scores.max()
    return scores - (top + np.log(np.exp(scores - top).sum()))


def normalise(cands: list[Candidate]) -> list[Candidate]:
    """Best first, each with the probability that it is the section asked: a softmax over these candidates (the
    form the weights were fitted in), so dropping candidates that cannot be meant re-spreads the probability."""
    if not cands:
        return cands
    top = max(c.score for c in cands)
    total = sum(math.exp(c.score - top) for c in cands)
    for c in cands:
        c.prob = math.exp(c.score - top) / total
    return sorted(cands, key=lambda c: -c.score)


_SUED = frozenset({"court", "enforcement"})


def _near(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> bool:
    """Stages that overlap, or a lawsuit and its enforcement (one leads to the other). "Not sued yet" (precourt)
    is far only from a lawsuit or its enforcement."""
    if ("precourt" in a) != ("precourt" in b):
        other = b if "precourt" in a else a
        return not other & _SUED
    widen = {"court": {"court", "enforcement"}, "enforcement": {"court", "enforcement"}}
    return bool({w for s in a for w in widen.get(s, {s})} & set(b))


def _clash(asked: str | None, offered: str | None) -> bool:
    return asked is not None and offered is not None and asked != offered \
        and frozenset({asked, offered}) not in _COMPATIBLE


def averaged(rankings: list[list[Candidate]], weights: list[float] | None = None) -> list[Candidate]:
    """One ranking from several readings of a follow-up: each section's probability is its weighted geometric
    mean over the readings (a small floor where a reading did not find it), renormalised, best first — sections
    the readings agree on stand out, where an arithmetic mean left a flat field that asked back."""
    merged: dict[tuple[str, int], Candidate] = {}
    for ranking in reversed(rankings):  # the first reading's features are kept (the combined one: it is cited)
        merged |= {c.key: c for c in ranking}
    probs = [{c.key: c.prob for c in ranking} for ranking in rankings]
    weights = weights or [1.0] * len(probs)
    floor = 1e-3
    agree = {key: math.exp(sum(w * math.log(p.get(key, 0.0) + floor) for w, p in zip(weights, probs, strict=True))
                           / sum(weights)) for key in merged}
    total = sum(agree.values()) or 1.0
    out = [dataclasses.replace(c, prob=agree[key] / total) for key, c in merged.items()]
    return sorted(out, key=lambda c: -c.prob)


def respread(cands: list[Candidate]) -> list[Candidate]:
    """The candidates left after dropping those that cannot be meant, their probabilities summing to 1 again."""
    total = sum(c.prob for c in cands) or 1.0
    return sorted((dataclasses.replace(c, prob=c.prob / total) for c in cands), key=lambda c: -c.prob)
