"""Word-level reading of a borrower's message, from the lists in bot/engine/lexicons/ (data, not code).

    canonical("信用咔愈期了，会上正信吗")  → "信用卡逾期了，会上征信吗"   typos fixed, slang glossed
    products("借了朋友2万，还有花呗")       → {"private", "platform"}
    stages("网贷逾期三个月了，说要起诉我")  → {"months", "court"}
    question_type("信用卡逾期了怎么办")    → "howto"      (howto, channel, duration, method, amount, legal, which,
                                                           why, definition, effect, yesno — or None)
    jurisdiction("should I file Chapter 7") → "the United States"   (a place outside mainland China, or None)
"""

from __future__ import annotations

import re
from functools import cache

from bot.engine.lexicon import entries, patterns
from ingest.han import has_han


def _literal(key: str) -> str:
    """A literal key as a pattern: ASCII words match whole words (xyk, IVA), CJK anywhere."""
    body = re.escape(key)
    return rf"(?<![A-Za-z]){body}(?:e?s)?(?![A-Za-z])" if key.isascii() else body  # plurals too




@cache
def _table(name: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    out = []
    for e in entries(name):
        # An all-capitals acronym (US, UK, IVA, FICO) is case-sensitive: "us" in "let us" is no country.
        flags = 0 if e.key.isascii() and e.key.isupper() and len(e.key) <= 5 else re.IGNORECASE
        out.append((re.compile(_literal(e.key), flags), e.value))
    return tuple(out)


def spelled(text: str) -> str:
    """Typos replaced by the word the articles use — the borrower's own words, spelled right. Pinyin shorthand in
    a message with no Chinese becomes English words ("my zx" → "my credit report"), not Chinese ones."""
    if not has_han(text):
        for pattern, value in _table("typos_en"):
            text = pattern.sub(value, text)
    for pattern, value in _table("typos"):
        text = pattern.sub(value, text)
    return text


def glossed(text: str) -> str:
    """Slang kept, with its plain meaning added after it — for matching, not for judging: the safety screen reads
    spelled(), since a gloss is our words ("砍头息（…预扣利息）" is no request to deduct)."""
    # One pass over all entries, longest match first where two overlap: "714高炮" is glossed once, not again as
    # "高炮" inside it.
    found = sorted(((m.start(), -m.end(), gloss) for pattern, gloss in _table("slang")
                    for m in pattern.finditer(text)))
    out, at = [], 0
    for start, neg_end, gloss in found:
        if start < at:
            continue
        out += [text[at:-neg_end], f"（{gloss}）"]
        at = -neg_end
    return "".join(out) + text[at:]


def canonical(text: str) -> str:
    """Typos fixed and slang glossed: glossed(spelled(text))."""
    return glossed(spelled(text))


@cache
def _wanted() -> re.Pattern[str]:
    """The words right before a loan one wants to get ("会影响我申请房贷吗", "还能办个xyk吗"): lexicons/wanted.tsv."""
    words = "|".join(f"(?:{e.key})" for e in entries("wanted"))
    return re.compile(rf"(?:{words})\s*(?:个|一个|一笔|a |an )?$", re.IGNORECASE)


def products(text: str) -> set[str]:
    """The kinds of debt a text is about (a loan it wants to get is not one of them)."""
    return {value for pattern, value in _table("products") for m in pattern.finditer(text)
            if not _wanted().search(text[max(0, m.start() - 16):m.start()])}


def jurisdiction(text: str) -> str | None:
    for pattern, place in _table("jurisdictions"):
        if pattern.search(text):
            return place
    return None


def stages(text: str) -> set[str]:
    """How far the debt has gone, as the text tells it: early (days late), months, court, enforcement. A stage said
    not to have happened ("还没被起诉", lexicons/not_yet.tsv) is not that stage, but the one before it: precourt."""
    before = set()
    for pattern, stage in patterns("not_yet"):
        if pattern.search(text):
            before.add(stage)
            text = pattern.sub(" ", text)
    return before | {stage for pattern, stage in patterns("stages") if pattern.search(text)}


def question_type(text: str) -> str | None:
    for pattern, kind in patterns("question_types"):
        if pattern.search(text):
            return kind
    return None


def without_question_words(text: str) -> str:
    """The text with every question-kind wording taken out ("这合法吗" → "这"): what it is about, if anything."""
    for pattern, _ in patterns("question_types"):
        text = pattern.sub(" ", text)
    return text
