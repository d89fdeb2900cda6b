"""Word-level reading of a borrower's message, from the lists in bot/engine/lexicons/ (data, not code).

    canonical("信用咔愈期了，会上正信吗")  → "信用卡逾期了，会上征信吗"   typos fixed, slang glossed
    spelled("崔收说要起述我")              → "催收说要起诉我"   a term typed with a sound-alike character (sounds_*.tsv)
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
    if not key.isascii():
        return body
    # plurals too, but not of a single letter: "US" is no plural of the texting "u" (it became "the you")
    plural = "(?:e?s)?" if len(key) > 1 else ""
    return rf"(?<![A-Za-z]){body}{plural}(?![A-Za-z])"


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
        text = pattern.sub(lambda m, v=value: m.group(0) if _inside_kept(m.string, m.start(), m.end()) else v, text)
    return sounded(text)


def _inside_kept(text: str, start: int, end: int) -> bool:
    """Is text[start:end] part of a longer real word kept as written (sounds_keep.tsv: "验证信息" holds 证信)?"""
    _, keep = _sounds()
    return any(len(w) > end - start and text.find(w, max(0, end - len(w)), start + len(w)) >= 0 for w in keep)


def fuzzy_syllable(syllable: str) -> str:
    """A syllable as many borrowers' keyboards hear it: zh/ch/sh like z/c/s, -ing/-eng like -in/-en (起述 for 起诉,
    征性 for 征信). Shared with benchmarks/make_sounds.py, which writes the characters of every such syllable."""
    for hard, soft in (("zh", "z"), ("ch", "c"), ("sh", "s")):
        if syllable.startswith(hard):
            syllable = soft + syllable[2:]
    return syllable[:-1] if syllable.endswith(("ing", "eng")) else syllable


@cache
def _sounds() -> tuple[tuple[tuple[str, tuple[frozenset[str], ...]], ...], frozenset[str]]:
    """The terms, each with the characters that sound like each of its own (sounds.tsv), and the real words kept."""
    chars: dict[str, frozenset[str]] = {}
    for e in entries("sounds"):
        key = fuzzy_syllable(e.key)
        chars[key] = chars.get(key, frozenset()) | frozenset(e.value)
    terms = [(e.key, tuple(chars.get(fuzzy_syllable(s), frozenset()) for s in e.value.split()))
             for e in entries("sounds_like")]
    terms.sort(key=lambda t: -len(t[0]))  # 信用卡 before 信用
    return tuple(terms), frozenset(e.key for e in entries("sounds_keep"))


def sound_alikes(text: str) -> list[tuple[int, str, str]]:
    """(position, what was typed, the term) for each run one character away from a term whose odd character sounds
    like the term's — real words kept or not (benchmarks/make_sounds.py lists the articles' own to keep)."""
    terms, _ = _sounds()
    where: dict[str, list[int]] = {}
    for i, ch in enumerate(text):
        where.setdefault(ch, []).append(i)
    found = []
    for term, alike in terms:
        n = len(term)
        # all but one character are the term's own, so a start is next to one of them
        starts = sorted({i - j for j, ch in enumerate(term) for i in where.get(ch, ()) if 0 <= i - j <= len(text) - n})
        for at in starts:
            window = text[at:at + n]
            odd = [j for j in range(n) if window[j] != term[j]]
            if len(odd) == 1 and window[odd[0]] in alike[odd[0]]:
                found.append((at, window, term))
    return found


def sounded(text: str) -> str:
    """A term typed with one character that only sounds like its own ("崔收" → "催收", "利习" → "利息"): the term.
    One character only, and never a real word that sounds the same (sounds_keep.tsv: 分歧, 预期, 和法院 …)."""
    if not has_han(text):
        return text
    terms, keep = _sounds()
    # A term already spelled right is left whole: "一年花呗" is no misspelt 年化.
    exact = {i for term, _ in terms for m in re.finditer(re.escape(term), text) for i in range(m.start(), m.end())}
    for at, window, term in sound_alikes(text):
        span = range(at, at + len(term))
        if window not in keep and text[at:at + len(term)] == window and not exact.intersection(span) \
                and not _inside_kept(text, at, at + len(term)):
            text = text[:at] + term + text[at + len(term):]
            exact.update(span)
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


def _product_mentions(text: str) -> list[tuple[int, int, str]]:
    """Where a text names a kind of debt — (start, end, kind), in order — leaving out a loan it wants to get."""
    return sorted({(m.start(), m.end(), value) for pattern, value in _table("products") for m in pattern.finditer(text)
                   if not _wanted().search(text[max(0, m.start() - 16):m.start()])}, key=lambda s: (s[0], -s[1]))


def products(text: str) -> set[str]:
    """The kinds of debt a text is about (a loan it wants to get is not one of them)."""
    return {kind for _, _, kind in _product_mentions(text)}


def swap_products(question: str, said: str) -> str | None:
    """The earlier question asked about the debt a follow-up names instead ("花呗逾期了" + "借呗" → "借呗逾期了"),
    when the follow-up names one and the question another; else None."""
    named = _product_mentions(said)
    if not named:
        return None
    new = said[named[0][0]:named[0][1]]
    spans = [(start, end) for start, end, _ in _product_mentions(question)
             if question[start:end].lower() != new.lower()]
    # the outermost mention only: "京东白条" is replaced whole, not again as the "白条" inside it
    kept = [s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] and o != s for o in spans)]
    if not kept:
        return None
    out, last = [], 0
    for start, end in kept:
        if start >= last:
            out += [question[last:start], new]
            last = end
    return "".join(out) + question[last:]


# Right after a place: a bank, card or loan of that place.
_ITS_DEBT = re.compile(r"(?:\s*(?:的|办的))?\s*(?:[a-z]+\s+){0,2}?(?:banks?\b|credit cards?\b|cards?\b|loans?\b|"
                       r"lenders?\b|银行|信用卡|贷款|网贷)", re.IGNORECASE)
# A procedure of that place, named right after or before it: its bankruptcy, courts or law ("香港破产怎么申请",
# "bankruptcy in Hong Kong … for someone from the mainland").
_ITS_LAW = re.compile(r"(?:\s*的)?\s*(?:申请|个人)*(?:破产|法院|法律)", re.IGNORECASE)
_LAW_OF = re.compile(r"\b(?:bankruptcy|bankrupt|insolvency|courts?|laws?)\s+(?:in|of|under)\s+(?:the\s+)?$",
                     re.IGNORECASE)


def jurisdiction(text: str) -> str | None:
    """The place outside mainland China a question is about. Another system's procedure or bureau (Chapter 7, IVA,
    FICO: lexicons/foreign_systems.tsv) always counts; a place (lexicons/jurisdictions.tsv) only when nothing here is
    named too (a city, a bank, an app: lexicons/mainland.tsv), so "a teacher from the UK in Chengdu" is answered;
    where the asker came back from (lexicons/origins.tsv) is no place of the question's."""
    for pattern, _ in patterns("origins"):  # where the asker came back from (lexicons/origins.tsv)
        text = pattern.sub(" ", text)
    hit = next(((pattern, place) for pattern, place in _table("jurisdictions") if pattern.search(text)), None)
    if hit is not None:
        pattern, place = hit
        # a debt of that place ("a Singapore bank", "香港信用卡") is its law's, wherever the asker is now
        if not any(mainland.search(text) for mainland, _ in _table("mainland")) or any(
                _ITS_DEBT.match(text, m.end()) or _ITS_LAW.match(text, m.end()) or _LAW_OF.search(text, 0, m.start())
                for m in pattern.finditer(text)):
            return place
    return next((place for pattern, place in _table("foreign_systems") if pattern.search(text)), None)


def stages(text: str) -> set[str]:
    """How far the debt has gone, as the text tells it: early (days late), months, court, enforcement. A stage said
    not to have happened ("还没被起诉", lexicons/not_yet.tsv) is not that stage, but the one before it: precourt."""
    before = set()
    for pattern, stage in patterns("not_yet"):
        if pattern.search(text):
            before.add(stage)
            text = pattern.sub(" ", text)
    return before | {stage for pattern, stage in patterns("stages") if pattern.search(text)}


def cannot_pay(text: str) -> bool:
    """The text is about not being able to pay now ("这个月还不上了", lexicons/cannot_pay.tsv)."""
    return any(pattern.search(text) for pattern, _ in patterns("cannot_pay"))


def lender_answer(text: str) -> set[str]:
    """What the lender said to a request for a plan, as the text tells it: "agreed", "refused", both or neither
    (lexicons/lender_answer.tsv)."""
    return {answer for pattern, answer in patterns("lender_answer") if pattern.search(text)}


def someone_elses(text: str) -> bool:
    """The debt the text is about is someone else's — a family member's, a friend's, one the asker guaranteed
    (lexicons/debtors.tsv): "我哥网贷逾期了" is the brother's, "问表哥借了八万" the asker's own."""
    return any(pattern.search(text) for pattern, _ in patterns("debtors"))


def recommendation_asked(text: str) -> str | None:
    """What the text asks finbot to recommend, if it asks for one: a lender or an investment
    (lexicons/recommend_asks.tsv)."""
    return next((kind for pattern, kind in patterns("recommend_asks") if pattern.search(text)), None)


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
