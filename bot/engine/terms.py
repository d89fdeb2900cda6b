"""Comparable units of text for lexical matching: CJK character bigrams, English stems, numbers.

No tokenizer or dictionary download: Chinese is compared by character bigrams (and single content characters),
English by crude stems. Used by retrieval (BM25, re-ranking), section matching and the composer.
"""

from __future__ import annotations

import itertools
import re


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


# Words that say "this is a question" but not what it is about.
_ZH_STOP = set("的了吗呢吧啊呀么是我你他她它们在有和与或就也都还要会能可该这那哪什怎多少几个些之把被让给对于从到")
_ZH_STOP_BIGRAMS = {"怎么", "什么", "多少", "如何", "是否", "可以", "能不", "会不", "不会", "是不", "我的", "我们",
                    "为什", "么办", "怎样", "哪些", "需要", "应该", "现在", "已经", "一下", "这个", "那个", "如果",
                    "请问", "知道", "告诉"}
_EN_STOP = {"the", "a", "an", "is", "are", "was", "were", "be", "been", "do", "does", "did", "i", "my", "me", "you",
            "your", "it", "its", "of", "to", "in", "on", "for", "and", "or", "if", "what", "how", "when", "why",
            "who", "which", "can", "could", "will", "would", "should", "there", "this", "that", "with", "at", "by",
            "from", "about", "as", "have", "has", "had", "not", "no", "so", "they", "them", "much", "many", "get",
            "long", "than", "then", "any", "some", "am", "we", "our", "us", "up", "out", "into",
            "mine", "yours", "his", "hers", "ours", "theirs",
            # fillers a worried follow-up carries ("can they actually do that?")
            "actually", "really", "just", "please", "very", "even", "ever"}


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def terms(text: str) -> set[str]:
    """Comparable units: CJK character bigrams (and single content characters), English stems, numbers."""
    out: set[str] = set()
    text = text.lower()
    for run in _CJK_RUN.findall(text):
        chars = list(run)
        for a, b in itertools.pairwise(chars):
            bigram = a + b
            if bigram not in _ZH_STOP_BIGRAMS and not (a in _ZH_STOP and b in _ZH_STOP):
                out.add(bigram)
        out.update(c for c in chars if c not in _ZH_STOP)
    for word in _WORD.findall(text):
        if word not in _EN_STOP and len(word) > 1:
            out.add(_stem(word))
    out.update(_NUMBER.findall(text))
    return out


def content_terms(text: str) -> set[str]:
    """terms() without single CJK characters and without bigrams that contain a function character:
    the words that say what a message is about ("答复", "分几", not "么做")."""
    return {t for t in terms(text) if t.isascii() or (len(t) == 2 and not (set(t) & _ZH_STOP))}


def overlap(question_terms: set[str], sentence: str) -> float:
    """Share of the question's terms found in the sentence; bigrams and words count double single characters."""
    return overlap_terms(question_terms, terms(sentence))


def overlap_terms(question_terms: set[str], found: set[str] | frozenset[str]) -> float:
    """overlap() against terms already computed (the section matcher keeps each section's)."""
    if not question_terms:
        return 0.0

    def weight(t: str) -> float:
        return 0.5 if len(t) == 1 and _is_cjk(t) else 1.0

    total = sum(weight(t) for t in question_terms)
    return sum(weight(t) for t in question_terms if t in found) / total
