"""The offline grounded composer: an answer built only from sentences of retrieved chunks, each cited [n].

Shape of an answer (≤ ~900 characters before the sources):
    direct answer — the first paragraph of the best section (articles are written so that it answers
                    the heading on its own) [1]
    • 2–5 key points — the sentences of the best chunks that share most words with the question [1][2]
    Sources: [1] title › section …         (kept apart from the body: bot.engine.answer.Answer.render())
    Related questions: up to 3 headings of neighbouring sections

Nothing here is generated: every sentence is copied from a chunk, so nothing can be invented. Pure
functions over ingest.index.Hit lists (no index or model access), so they are cheap to test.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ingest.chunking import split_sentences
from ingest.types import Hit

MAX_BODY = 900  # characters before the sources list
MAX_LEAD = 320  # the direct answer: at most this long (first sentences of the first paragraph)
# Key-point scoring: word overlap with the question, a bonus for the answering section, a penalty per rank of
# the other sections, and the score margin within which another section may contribute at all.
PRIMARY_BONUS = 0.05
RANK_PENALTY = 0.04
SECTION_MARGIN = 0.2
MAX_POINTS = 5
MIN_SENTENCE = 8  # shorter pieces are labels ("举个例子：") rather than statements

_CITE_RE = re.compile(r"\[(\d{1,2})\]")


@dataclass
class Composed:
    text: str  # body with [n] markers
    sources: list[Hit] = field(default_factory=list)  # sources[n-1] is cited as [n]
    related: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ text helpers

def clean(sentence: str) -> str:
    """Markdown → plain text: drop list markers, emphasis and heading marks."""
    s = sentence.strip()
    s = re.sub(r"^(?:#{1,6}\s+|[-*+•]\s+|\d{1,2}[.)、]\s*|>\s*)", "", s)
    s = s.replace("**", "").replace("__", "").replace("`", "")
    s = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", s)  # [text](url) -> text
    s = _LABEL_RE.sub("", s.strip())  # "接下来可以怎么做：" labels read oddly out of place
    return s.strip()


_POINTER_RE = re.compile(r"可以问我|可以直接问我|不妨问我|\bask me\b|\byou can ask\b", re.IGNORECASE)
_LABEL_RE = re.compile(r"^(?:举个例子|举例|例如|接下来可以怎么做|接下来怎么做|下一步|注意|提醒|For example|Example|"
                       r"What to do next|Next step|Note)\s*[:：]\s*", re.IGNORECASE)


def paragraphs(body: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]


def sentences(body: str, min_len: int = MIN_SENTENCE) -> list[str]:
    """Plain-text statements of a chunk body, in order (labels and fragments dropped)."""
    out = []
    for piece in split_sentences(body):
        s = clean(piece)
        if not s or len(s) < min_len or s.endswith((":", "：")):
            continue
        if _POINTER_RE.search(s):
            continue  # "可以问我……" / "ask me …": a pointer to another article, not a statement
        if s[0].islower():  # a clause split off at ";" — make it read as a sentence
            s = s[0].upper() + s[1:]
        out.append(s)
    return out


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _is_cjk_end(text: str) -> bool:
    return bool(text) and (_is_cjk(text[-1]) or "\u3000" <= text[-1] <= "\u303f" or "\uff00" <= text[-1] <= "\uffef")


# Words that say "this is a question" but not what it is about.
_ZH_STOP = set("的了吗呢吧啊呀么是我你他她它们在有和与或就也都还要会能可该这那哪什怎多少几个些之把被让给对于从到")
_ZH_STOP_BIGRAMS = {"怎么", "什么", "多少", "如何", "是否", "可以", "能不", "会不", "不会", "是不", "我的", "我们",
                    "为什", "么办", "怎样", "哪些", "需要", "应该", "现在", "已经", "一下", "这个", "那个", "如果",
                    "请问", "知道", "告诉"}
_EN_STOP = {"the", "a", "an", "is", "are", "was", "were", "be", "been", "do", "does", "did", "i", "my", "me", "you",
            "your", "it", "its", "of", "to", "in", "on", "for", "and", "or", "if", "what", "how", "when", "why",
            "who", "which", "can", "could", "will", "would", "should", "there", "this", "that", "with", "at", "by",
            "from", "about", "as", "have", "has", "had", "not", "no", "so", "they", "them", "much", "many", "get",
            "long", "than", "then", "any", "some", "am", "we", "our", "us", "up", "out", "into"}


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def terms(text: str) -> set[str]:
    """Comparable units: CJK character bigrams (and single content characters), English stems, numbers."""
    out: set[str] = set()
    text = text.lower()
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        chars = list(run)
        for a, b in itertools.pairwise(chars):
            bigram = a + b
            if bigram not in _ZH_STOP_BIGRAMS and not (a in _ZH_STOP and b in _ZH_STOP):
                out.add(bigram)
        out.update(c for c in chars if c not in _ZH_STOP)
    for word in re.findall(r"[a-z]+(?:'[a-z]+)?", text):
        if word not in _EN_STOP and len(word) > 1:
            out.add(_stem(word))
    out.update(re.findall(r"\d+(?:\.\d+)?", text))
    return out


def content_terms(text: str) -> set[str]:
    """terms() without single CJK characters and without bigrams that contain a function character:
    the words that say what a message is about ("答复", "分几", not "么做")."""
    return {t for t in terms(text) if t.isascii() or (len(t) == 2 and not (set(t) & _ZH_STOP))}


def overlap(question_terms: set[str], sentence: str) -> float:
    """Share of the question's terms found in the sentence; bigrams and words count double single characters."""
    if not question_terms:
        return 0.0
    found = terms(sentence)

    def weight(t: str) -> float:
        return 0.5 if len(t) == 1 and _is_cjk(t) else 1.0

    total = sum(weight(t) for t in question_terms)
    return sum(weight(t) for t in question_terms if t in found) / total


def citations(text: str) -> list[int]:
    """The [n] numbers used in a text, in order of appearance."""
    return [int(n) for n in _CITE_RE.findall(text)]


# ------------------------------------------------------------------ composing

def _section_key(hit: Hit) -> tuple[str, int]:
    return hit.article_id, hit.section_index


def compose(
    question: str,
    hits: Sequence[Hit],
    lang: str,
    lead_of: Callable[[Hit], Hit | None] | None = None,
    sections_of: Mapping[str, Sequence[str]] | Callable[[str], Sequence[str]] | None = None,
    max_body: int = MAX_BODY,
    parts_of: Callable[[Hit], Sequence[Hit]] | None = None,
) -> Composed:
    """Compose a cited answer from hits (best first). lead_of(hit) returns the first chunk of the hit's
    section (its first paragraph answers the heading); sections_of(article_id) its section headings;
    parts_of(hit) every chunk of the hit's section (key points may come from any part of the best section)."""
    if not hits:
        return Composed("")
    q_terms = terms(question)
    primary = hits[0]
    lead = (lead_of(primary) if lead_of else None) or primary

    numbering: dict[tuple[str, int], int] = {}
    cited: list[Hit] = []

    def cite(hit: Hit) -> int:
        key = _section_key(hit)
        if key not in numbering:
            numbering[key] = len(cited) + 1
            cited.append(hit)
        return numbering[key]

    # 1. the direct answer: the first paragraph of the best section, trimmed to whole sentences
    first_para = paragraphs(lead.text)[0] if lead.text.strip() else ""
    # A short verdict opening the answer ("不会。", "No.") is the answer itself: keep it.
    lead_sentences = sentences(first_para, min_len=1) or sentences(lead.text)[:1]
    direct = ""
    used: set[str] = set()
    for s in lead_sentences:
        if direct and len(direct) + len(s) > MAX_LEAD:
            break
        direct += s if not direct or _is_cjk_end(direct) else " " + s
        used.add(s)
    n = cite(primary)
    body = f"{direct}[{n}]" if direct else ""

    # 2. key points: best-overlapping sentences from the top sections, the primary section first
    candidates: list[tuple[float, int, Hit, str]] = []
    seen_sections: list[tuple[str, int]] = []
    section_parts = list(parts_of(primary)) if parts_of else []
    pool: list[Hit] = [lead]
    for h in [*section_parts, *hits]:
        if all(h.chunk_id != p.chunk_id for p in pool):
            pool.append(h)
    for rank, hit in enumerate(pool):
        key = _section_key(hit)
        if key not in seen_sections:
            seen_sections.append(key)
        section_rank = seen_sections.index(key)
        if section_rank >= 3:
            continue
        # Later sections must be close in score to the best to contribute.
        if section_rank > 0 and hit.score < primary.score - SECTION_MARGIN:
            continue
        for pos, s in enumerate(sentences(hit.text)):
            if s in used:
                continue
            match = overlap(q_terms, s)
            if section_rank > 0 and match == 0.0:
                continue  # another section contributes only what the question asks about
            score = match - RANK_PENALTY * section_rank - 0.01 * pos
            if section_rank == 0:
                score += PRIMARY_BONUS
            candidates.append((score, rank * 100 + pos, hit, s))
    candidates.sort(key=lambda c: (-c[0], c[1]))

    points: list[tuple[int, Hit, str]] = []
    budget = max_body - len(body)
    for score, order, hit, s in candidates:
        if len(points) >= MAX_POINTS:
            break
        if score <= 0.0 and len(points) >= 2:
            break
        if s in used or any(_near_duplicate(s, p) for _, _, p in points):
            continue
        cost = len(s) + 6
        if cost > budget:
            continue
        points.append((order, hit, s))
        used.add(s)
        budget -= cost
    # Read in the source's order: primary section first, then each sentence where it stood.
    points.sort(key=lambda p: p[0])
    lines = [body] if body else []
    for _, hit, s in points:
        lines.append(f"• {s}[{cite(hit)}]")
    text = "\n".join(lines)

    note = language_note(lang, cited)
    if note:
        text = f"{note}\n{text}"
    return Composed(text, cited, related_questions(hits, cited, sections_of))


def _near_duplicate(a: str, b: str) -> bool:
    ta, tb = terms(a), terms(b)
    if not ta or not tb:
        return a == b
    return len(ta & tb) / min(len(ta), len(tb)) > 0.8


def language_note(lang: str, cited: Sequence[Hit]) -> str:
    """Say so when every source is in the other language (the quotes are not translated)."""
    langs = {h.lang for h in cited}
    if not cited or lang in langs:
        return ""
    if lang == "en":
        return "My sources on this are in Chinese; here is what they say:"
    return "以下内容来自英文资料："


def related_questions(
    hits: Sequence[Hit],
    cited: Sequence[Hit],
    sections_of: Mapping[str, Sequence[str]] | Callable[[str], Sequence[str]] | None,
    limit: int = 3,
) -> list[str]:
    """Headings next to the answered section, then headings of retrieved but uncited sections."""
    answered = {h.section for h in cited if h.section}
    out: list[str] = []
    lang = cited[0].lang if cited else None

    def add(heading: str | None, heading_lang: str | None = None) -> None:
        if heading_lang is not None and heading_lang != lang:
            return  # suggestions in the language of the answer
        if heading and heading not in answered and heading not in out and len(out) < limit:
            out.append(heading)

    if cited and sections_of is not None:
        primary = cited[0]
        headings = list(sections_of(primary.article_id) if callable(sections_of)
                        else sections_of.get(primary.article_id, []))
        i = primary.section_index
        # nearest neighbours first: i+1, i-1, i+2, i-2 …
        for d in range(1, len(headings)):
            for j in (i + d, i - d):
                if 0 <= j < len(headings):
                    add(headings[j])
    for hit in hits:
        add(hit.section, hit.lang)
    return out
