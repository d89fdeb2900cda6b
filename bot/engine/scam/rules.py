"""The rule layer: red flags, topics and protective warnings read from the lexicons (bot/engine/lexicons/scam_*.tsv).

Each sentence of the message is normalised (NFKC: full-width digits and punctuation become ASCII) and searched with
every flag pattern; a match inside a clause that warns against the practice ("请勿将验证码告诉他人") is skipped. Some
warnings open a list ("we will never ask you to X, Y, or Z"): they cover the clauses after them in the sentence too,
up to one that asks for something ("…，只需把验证码告诉我"). A list can also be framed from both ends ("凡是…、…的，都是
诈骗", "如有人…，请勿…"): a warning or closing clause covers the clauses back to the clause that opened the frame. A
sentence that disowns the one before it ("Real banks never do this.", "以上都是诈骗") covers that sentence. A flag is
reported once, with the first sentence that raised it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.engine.lexicon import patterns
from ingest.han import han_count

MAX_EVIDENCE = 160  # characters of the triggering sentence kept as evidence
# A sentence that names an institution's own account or website (scam_warnings.tsv, "official") raises none of these;
# one that sends you to the institution's own app or your own account ("own_channel") raises no deadline flag: a bank
# that gives 48 hours to confirm in its app, or retries a debit tonight, is not pressing you to pay a stranger.
# A court paper that gives the court's own landline for an officer ("联系人：李法官，电话：020-…") raises no
# private_contact ("court_phone").
SUPPRESSES = {"official": frozenset({"personal_account", "click_link", "court_link"}),
              "own_channel": frozenset({"hours_deadline"}),
              "court_phone": frozenset({"private_contact"})}
WARNINGS = frozenset({"warning", "warning_on"})

# Sentences end at 。！？!?；; and line breaks; an English full stop ends one only before a space or the end.
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;\n])|(?<=\.)(?=\s|$)")
# Clauses end at commas and colons, and at spaces between Chinese words ("专业洗白 包下款 不成功不收费" is three
# clauses); an enumeration with 、 stays one clause ("冒充银行、征信中心、网贷平台"). A retold request starts a clause
# too ("he said criminals were after my savings and told me to move them"), so a warning word before it does not
# cover it.
_CLAUSE_SPLIT = re.compile(r"[，,：:]|(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])"
                           r"|\s+(?=(?:and\s+|then\s+)?(?:told|asked|wanted|instructed|urged|ordered)\s+(?:me|us)\s+to\b)")
_URL_OR_NUMBER = re.compile(r"https?://|www\.|(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)\d{15,19}(?!\d)|案号|尾号")


@dataclass(frozen=True)
class Finding:
    flag: str
    evidence: str  # the sentence that raised it, as written
    semantic: bool = False  # found by the semantic layer, not a rule


def normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def sentences(text: str) -> list[str]:
    """The message's sentences as written (stripped, empty ones dropped)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def _clause_spans(sentence: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _CLAUSE_SPLIT.finditer(sentence):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(sentence)))
    return spans


def _matches(text: str, kinds: frozenset[str] | str) -> bool:
    kinds = frozenset({kinds}) if isinstance(kinds, str) else kinds
    return any(p.search(text) for p, kind in patterns("scam_warnings") if kind in kinds)


def warns(clause: str) -> bool:
    """The clause warns against a practice rather than asking for it."""
    return _matches(clause, WARNINGS)


def _warned_clauses(norm: str, spans: list[tuple[int, int]]) -> list[bool]:
    """For each clause: does a warning cover it — its own, a list-opening one before it in the sentence that no
    request ("只需…", "but just…") has ended, or one after it that closes a frame opened before it ("凡是…的，都是诈骗",
    "如有人…，请勿…")."""
    out, running, opened = [], False, None
    for n, (a, b) in enumerate(spans):
        clause = norm[a:b]
        if running and _matches(clause, "asks"):
            running = False
        if opened is None and _matches(clause, "frame_open"):
            opened = n
        own = warns(clause)
        if opened is not None and (own or _matches(clause, "frame_close")):
            out[opened:] = [True] * (n - opened)
            own = True
        out.append(running or own)
        running = running or _matches(clause, "warning_on")
    return out


def suppressed_flags(sentence: str) -> frozenset[str]:
    """The flags this sentence cannot raise: it pays an institution's own account, or sends you to its own app."""
    return frozenset().union(*(flags for kind, flags in SUPPRESSES.items() if _matches(sentence, kind)))


def evidence_of(sentence: str) -> str:
    s = " ".join(sentence.split())
    return s if len(s) <= MAX_EVIDENCE else s[: MAX_EVIDENCE - 1] + "…"


Covered = list[tuple[str, str, list[tuple[int, int]], list[bool]]]


def covered(text: str) -> Covered:
    """Each sentence as written, normalised, its clause spans and which of them a warning covers (a sentence followed
    by one that disowns it — "Real banks never do this." — is covered whole)."""
    out = []
    for sentence in sentences(text):
        norm = normal(sentence)
        spans = _clause_spans(norm)
        out.append((sentence, norm, spans, _warned_clauses(norm, spans)))
    for n in range(len(out) - 1):
        if _matches(out[n + 1][1], "disowns_previous"):
            out[n] = (*out[n][:3], [True] * len(out[n][2]))
    return out


def open_sentences(text: str, read: Covered | None = None) -> list[tuple[int, str, frozenset[str]]]:
    """The sentences the semantic and learned layers may read — (index in sentences(text), the sentence as written,
    the flags it may not raise): no warning covers any part of them. read: covered(text), when already computed."""
    return [(n, sentence, suppressed_flags(norm))
            for n, (sentence, norm, _, warned) in enumerate(covered(text) if read is None else read)
            if not any(warned) and not warns(norm)]


def rule_findings(text: str, read: Covered | None = None) -> list[Finding]:
    """Every flag a rule finds, in the order of the message, each once. read: covered(text), when already
    computed."""
    found: dict[str, Finding] = {}
    for sentence, norm, spans, warned in covered(text) if read is None else read:
        suppressed = suppressed_flags(norm)
        for pattern, flag in patterns("scam_flags"):
            if flag not in found and flag not in suppressed and open_match(pattern, norm, spans, warned):
                found[flag] = Finding(flag, evidence_of(sentence))
    return list(found.values())


def open_match(pattern: re.Pattern[str], norm: str, spans: list[tuple[int, int]], warned: list[bool]) -> bool:
    """The pattern matches the sentence somewhere no warning covers."""
    for m in pattern.finditer(norm):
        end = max(m.end(), m.start() + 1)
        if not any(w for (a, b), w in zip(spans, warned, strict=True) if a < end and b > m.start()):
            return True
    return False


def topics(text: str) -> set[str]:
    norm = normal(text)
    return {topic for pattern, topic in patterns("scam_topics") if pattern.search(norm)}


# Asking about a message: whether it is real ("ask") or whether to do what it asks ("act").
_ASKING = ("ask", "act")


def _asks(*kinds: str) -> list[re.Pattern[str]]:
    return [p for p, value in patterns("scam_asks") if value in kinds]


def asks_if_genuine(text: str) -> bool:
    """Asks whether a message is real or whether to go along with it ("这是真的吗", "我要不要交", "is this a scam")."""
    norm = normal(text)
    return any(p.search(norm) for p in _asks(*_ASKING))


def asks_whether_to_act(text: str) -> bool:
    """Asks whether to do what a message asks ("我要不要交", "should I pay"), not only whether it is real."""
    norm = normal(text)
    return any(p.search(norm) for p in _asks("act"))


def reports_offer(text: str) -> bool:
    """Tells what someone else said, sent or offered ("中介说…", "让我先交…", "someone says…")."""
    norm = normal(text)
    return any(p.search(norm) for p in _asks("reported"))


def only_asks(text: str) -> bool:
    """Nothing but the question ("这是真的吗？", "is this real?"): it is about the message before it."""
    rest = normal(text)
    for p in _asks(*_ASKING):
        rest = p.sub("", rest)
    return asks_if_genuine(text) and han_count(rest) <= 3 and len(re.findall(r"[A-Za-z]+", rest)) <= 2


def looks_pasted(text: str) -> bool:
    """A message quoted from elsewhere rather than a question of one's own: a sender tag (【…】), a link, a phone,
    card or case number, or several sentences of some length."""
    norm = normal(text)
    if re.search(r"【[^】]{2,20}】", norm) or _URL_OR_NUMBER.search(norm):
        return True
    long = han_count(norm) >= 30 or len(re.findall(r"[A-Za-z]+", norm)) >= 25
    return long and len(sentences(norm)) >= 2
