"""How a follow-up is read: with its topic, alone, and with the turn before, the readings weighed into one ranking.

A message that leans on the conversation is read several ways: on its own, with the debt and stage the conversation
already named ("他们不同意怎么办" after a credit-card turn), and together with the earlier question ("那信用卡呢？") —
and with the turn before when that was a follow-up too. The section the readings support together wins (their
probabilities averaged, bot/engine/match.py `averaged`): the earlier question pulls back to its own hub, the
follow-up alone loses which debt it is about.
"""

from __future__ import annotations

from typing import Protocol

from bot.engine import words
from bot.engine.match import Candidate, Matcher, averaged, respread
from bot.engine.memory import Memory, asked_about, bare_topic, strip_followup
from bot.engine.retrieve import Retrieved
from bot.engine.terms import content_terms, overlap

# How much each reading counts: with its topic, with the turn before, alone = 1. Chosen on the tuning set's and the
# seen sets' conversations (docs/quality.md).
COMBINED_READING = 3.0
BEFORE_READING = 2.0
# After a hub, a follow-up whose own reading is at least this sure of another section is answered without the topic
# reading (which only gives the hub again). 0.4–0.6 measured alike on the seen sets' conversations.
SURE_ALONE = 0.5
# A follow-up that asks more than a topic keeps the readings' choice when they are at least this sure of it, though
# the section lacks the follow-up's new words ("会不会连累担保人": 连累 is in the spouse's section, not the
# guarantor's; "外包催收可以做什么 不能做什么" after "…移交给外包催收": the outsourced collectors' rules, not a
# malicious-overdraft section). 0.3 and 0.15 measured alike on the seen sets' conversations; 0.5 lost three, 0.7 more.
SURE_OUTSIDE = 0.3


class Ranker(Protocol):
    """What reading a follow-up needs from the engine (bot.engine.answer.Answerer): retrieval and the matcher.
    Not calculation.Searcher, which cites rules and needs the relevance gate instead."""

    matcher: Matcher

    def retrieve(self, query: str, lang: str, k: int = 5) -> Retrieved: ...


def just_answered(cand: Candidate, mem: Memory) -> bool:
    """The candidate is the section the conversation's last answer came from."""
    return (cand.key[0], cand.info.heading) == (mem.topic_article, mem.topic_section)


def same_hub(cand: Candidate, mem: Memory) -> bool:
    """The candidate is a section of the hub article the conversation's last answer came from: the topic pulls
    back to the hub's sibling situations as much as to the one just given ("信用卡逾期了" → "…刚逾期…", then
    "那我该怎么跟银行谈" → "…逾期两三个月了…")."""
    return cand.key[0] == mem.topic_article


def read_follow_up(engine: Ranker, text: str, lang: str, mem: Memory, topic: str, products: set[str],
                   stages: set[str]) -> tuple[str, Retrieved, list[Candidate]]:
    """The query a follow-up is searched with (its topic and it), what retrieval found, and the candidate sections
    ranked over its readings."""
    own = strip_followup(text)
    # What the follow-up asks is the kind of answer wanted ("会被起诉吗" after "…怎么办" wants a yes or no).
    kind = words.question_type(own)
    # its own words, the question's taken out ("必须" in "我必须帮他还吗" is no new topic)
    said = asked_about(own)
    # "那借呗呢" after "花呗逾期了" asks that question about 借呗: read with the debt swapped, not with both named.
    swapped = words.swap_products(topic, own) if bare_topic(own, lang) else None
    # The turn before, when it was itself a follow-up, read with this one: "他们" and "不同意" in "他们不同意怎么办"
    # refer to it ("那我该怎么跟银行谈"), and "那借呗呢" asks its question ("会上征信吗") about a new subject.
    before = strip_followup(mem.turns[-1]) if mem.turns else ""
    with_before = f"{before} {own}" if before and before not in topic else ""
    # With its topic, the turn before is part of it too: "他们这样算合法吗" after "网贷逾期了 / 催收…说要弄死我" is
    # about the threat, not about being chased for an overdue loan. Not when that turn was a choice picked (it is
    # then the heading just answered, and "他们不同意怎么办" after "停息挂账怎么申请" would get it again).
    query = swapped or (f"{topic} {with_before}" if with_before and not mem.picked and not bare_topic(own, lang)
                        else f"{topic} {own}")
    got = engine.retrieve(query, lang)
    ranked = engine.matcher.rank(query, lang, got, products, stages, kind)

    def read(reading: str) -> list[Candidate]:
        return engine.matcher.rank(reading, lang, engine.retrieve(reading, lang), products, stages, kind)

    if bare_topic(own, lang):
        if with_before and not bare_topic(before, lang):
            ranked = averaged([ranked, read(with_before)], [1.0, BEFORE_READING])
    else:
        # A follow-up that names nothing but the kind of answer ("这合法吗 他们能这样吗") is not read on its
        # own: alone it matches every "合法吗" heading in the knowledge base. "先还哪个" and "去哪投诉" are the
        # exceptions: which debt first, and where to complain, are questions of their own (read with the topic
        # alone, "去哪投诉" after a lawsuit hub gave the hub back).
        # Words no article uses ("allowd") say nothing: read alone they find whatever shares a stray letter run.
        says = any(engine.matcher.in_use(t) for t in said) or kind in ("which", "channel")
        readings = [(own, 1.0)] if says else []
        if with_before:
            readings.append((with_before, BEFORE_READING))
        rankings = [read(r) for r, _ in readings]
        # The combined reading counts most when the follow-up names no debt or stage of its own: only it
        # knows both what was asked and about what. Even weights asked back, or drifted to the bare
        # follow-up's neighbours ("他们不同意怎么办" alone is every refusal in the knowledge base); a
        # follow-up that names its own ("银行会起诉我吗") is not pulled back to the topic's hub. Chosen on the
        # tuning set's and the seen sets' conversations.
        # A debt named where the topic named none completes it rather than changing it ("我爸上个月去世了" then
        # "他留下好多网贷，催收天天打我电话，怎么办": the death is still what the question is about).
        own_debt = bool(words.products(own)) and bool(words.products(topic) or mem.topic_products)
        combined = 1.0 if own_debt or words.stages(own) else COMBINED_READING
        weighted = averaged([ranked, *rankings], [combined, *(w for _, w in readings)])
        top = weighted[0] if weighted else None
        if mem.last_kind == "answer" and top is not None and top.info.kind == "hub" and same_hub(top, mem):
            # The topic's pull is what brings back the hub just given ("那分期呢" after the card hub): only
            # the readings' even word may give it again. A topic section may well answer "is that allowed?".
            weighted = averaged([ranked, *rankings], [1.0, *(w for _, w in readings)])
            alone = rankings[0][0] if says and rankings and rankings[0] else None
            if alone is not None and alone.prob >= SURE_ALONE and not just_answered(alone, mem):
                # "那我该怎么跟银行谈" after the card hub: the follow-up alone is sure of another section, and the
                # topic adds only the hub again — its debt and stage still count (products, stages).
                weighted = averaged(rankings, [w for _, w in readings])
        ranked = weighted
    # Elliptical ("那信用卡呢？"): only sections that mention the words new to the conversation are meant.
    # Words the articles use, or more than one section's questions: a borrower's typo kept as one phrasing
    # ("legaly allowd") names no topic.
    new = {t for t in said - content_terms(topic) if engine.matcher.in_use(t)}
    about = [c for c in ranked if overlap(new, engine.matcher.section_text(c)) > 0]
    if about and about[0] is not ranked[0] and ranked[0].prob >= SURE_OUTSIDE and not bare_topic(own, lang):
        about = []
    return query, got, respread(about) if about else ranked
