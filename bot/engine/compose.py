"""The offline grounded composer: the chosen section's own answer, quoted — never invented, never borrowed.

What a borrower reads on a phone (bot.engine.match chose the section):
    opening — the section's first paragraph, at most two sentences: it answers the heading [1]
    1. … 2. …   the steps, when the opening introduces a numbered list (hubs: what to do first, in order)
    • …         otherwise up to four sentences of the same section that say most about the question, and its
                "what to do next"
Only that section is quoted. Worked examples ("> 例：…") are never shown as facts about the user, and no sentence
that leans on one it lost ("其次…", "这…", "The other …", cut at "……") is quoted. Other sections appear only as
related questions, and sources and the legal basis are kept apart (bot.engine.reply.Answer.render()).

Pure functions over ingest.types.Hit lists (no index or model access), so they are cheap to test.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.engine.terms import overlap, terms
from ingest.chunking import split_sentences
from ingest.quotes import opened, unpaired
from ingest.types import Hit

__all__ = ["Composed", "citations", "clean", "compose", "language_note", "paragraphs", "sentences", "stands_alone"]

MAX_BODY = 900  # characters before the sources list
MAX_LEAD = 400  # the opening: a second sentence joins the first only within this length
MAX_OPENING = 2  # sentences
MAX_POINTS = 4
MIN_SENTENCE = 8  # shorter pieces are labels ("举个例子：") rather than statements

_CITE_RE = re.compile(r"\[(\d{1,2})\]")


@dataclass
class Composed:
    text: str  # body with [n] markers
    sources: list[Hit] = field(default_factory=list)  # sources[n-1] is cited as [n]
    related: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ text helpers

_POINTER_RE = re.compile(r"可以问我|可以直接问我|不妨问我|\bask me\b|\byou can ask me\b", re.IGNORECASE)
_LABEL_RE = re.compile(r"^(?:举个例子|举例|例如|接下来可以怎么做|接下来怎么做|下一步|注意|提醒|For example|Example|"
                       r"What to do next|Next steps?|Note)\s*[:：]\s*", re.IGNORECASE)
_NEXT_RE = re.compile(r"^(?:\*\*)?(?:接下来可以怎么做|接下来怎么做|下一步|What to do next|Next steps?)\s*[:：]",
                      re.IGNORECASE)
_EXAMPLE_RE = re.compile(r"^(?:\*\*)?(?:举个例子|举例|例如|比如说?|For example|Example|Worked example)\s*[:：]",
                         re.IGNORECASE)
_ITEM_RE = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)、])\s+")
_NUMBERED_RE = re.compile(r"^\s*\d{1,2}[.)、]\s*")
# A sentence that leans on one before it: quoted alone it misleads ("其次是谁催得最凶就先还谁").
_LEANS_RE = re.compile(r"^(?:其次|再次|另外|此外|还有|同时|这|那么|那样|所以|因此|因而|于是|上面|上述|以上|同上|"
                       r"前者|后者|它|他们|她们|但|不过|而且|并且|或者|否则|然后|接着|最后|也就是|也是|反之|相反|"
                       r"对此|对应|同样|"
                       r"(?:and|but|so|this|these|that|those|it|they|then|also|however|otherwise|the other|as above|"
                       r"in that case|here|likewise|instead)\b)", re.IGNORECASE)


def clean(sentence: str) -> str:
    """Markdown → plain text: drop list markers, emphasis and heading marks."""
    s = sentence.strip()
    s = re.sub(r"^(?:#{1,6}\s+|[-*+•]\s+|\d{1,2}[.)、]\s*|>\s*)", "", s)
    s = s.replace("**", "").replace("__", "").replace("`", "")
    s = re.sub(r"([：；，。])\s+", r"\1", s)  # "**现场：** 录像" → "现场：录像" (no space after Chinese marks)
    s = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", s)  # [text](url) -> text
    s = _LABEL_RE.sub("", s.strip())  # "接下来可以怎么做：" labels read oddly out of place
    return s.strip()


def paragraphs(body: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]


def sentences(body: str, min_len: int = MIN_SENTENCE) -> list[str]:
    """Plain-text statements of a chunk body, in order (labels, fragments and the sentences of a quotation
    dropped)."""
    out = []
    curly = straight = 0  # quotations open before this piece: “…” / 「…」, and "…"
    for piece in split_sentences(body):
        inside = curly > 0 or straight % 2
        more_curly, more_straight = opened(piece)
        curly, straight = max(0, curly + more_curly), straight + more_straight
        if inside:
            # a sentence of a quoted script ("可以参考这样说：'…我今年3月失业，现在每月收入6,000元…'") is the
            # example's, never a statement about the borrower
            continue
        s = clean(piece)
        if not s or len(s) < min_len or s.endswith((":", "：")):
            continue
        if _POINTER_RE.search(s):
            continue  # "可以问我……" / "ask me …": a pointer to another article, not a statement
        if s[0].islower():  # a clause split off at ";" — make it read as a sentence
            s = s[0].upper() + s[1:]
        out.append(s)
    return out


# Brackets a sentence cut in the middle leaves open (quotation marks: ingest/quotes.py).
_BRACKETS = (("（", "）"), ("(", ")"), ("《", "》"))


def stands_alone(sentence: str) -> bool:
    """Can this sentence be quoted on its own? Not when it leans on a previous one, trails off or is cut
    inside a quotation."""
    s = sentence.strip()
    if _LEANS_RE.match(s) or "……" in s or "..." in s or s.endswith(("…", "等等")):
        return False
    return not (unpaired(s) or any(s.count(a) != s.count(b) for a, b in _BRACKETS))


def _is_cjk_end(text: str) -> bool:
    ch = text[-1:] or " "
    return "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


def _join(a: str, b: str) -> str:
    return a + b if not a or _is_cjk_end(a) else f"{a} {b}"


def citations(text: str) -> list[int]:
    """The [n] numbers used in a text, in order of appearance."""
    return [int(n) for n in _CITE_RE.findall(text)]


# ------------------------------------------------------------------ reading a section

@dataclass
class _Block:
    kind: str  # "para" | "item" (a list item; numbered or not) | "example" (a "> " blockquote) | "next"
    text: str
    numbered: bool = False


def _blocks(body: str) -> list[_Block]:
    out: list[_Block] = []
    for para in paragraphs(body):
        lines = [ln for ln in para.splitlines() if ln.strip()]
        if all(ln.lstrip().startswith(">") for ln in lines) or _EXAMPLE_RE.match(para.strip()):
            # A "> 例：" blockquote, or an old-style paragraph that opens with an example label.
            out.append(_Block("example", " ".join(ln.lstrip().lstrip(">").strip() for ln in lines)))
            continue
        if _NEXT_RE.match(para.strip()):
            out.append(_Block("next", para))
            continue
        current: list[str] = []
        listed = False  # an item of this paragraph came last (a paragraph after a list is not the list's item)
        for ln in lines:
            if _ITEM_RE.match(ln):
                if current:
                    out.append(_Block("para", " ".join(current)))
                    current = []
                out.append(_Block("item", ln, bool(_NUMBERED_RE.match(ln))))
                listed = True
            elif ln.lstrip().startswith(">"):
                continue  # a stray quote line inside a paragraph: an example, never a statement
            elif listed and out[-1].kind == "item" and not current:
                out[-1] = _Block("item", f"{out[-1].text} {ln.strip()}", out[-1].numbered)  # a wrapped item
            else:
                current.append(ln.strip())
        if current:
            out.append(_Block("para", _join_lines(current)))
    return out


def _join_lines(lines: list[str]) -> str:
    text = ""
    for ln in lines:
        text = _join(text, ln)
    return text


def _whole_sentences(text: str) -> list[str]:
    """Sentences that end at 。！？ or ". ": a clause ending in ；/; stays with what follows it."""
    out: list[str] = []
    for piece in split_sentences(text):
        if out and out[-1].rstrip().endswith(("；", ";")):
            out[-1] = _join(out[-1], piece)
        else:
            out.append(piece)
    return out


def _opening(blocks: list[_Block]) -> tuple[str, int]:
    """The first paragraph, at most MAX_OPENING sentences (and MAX_LEAD characters); the index of the next block."""
    for n, block in enumerate(blocks):
        if block.kind != "para":
            continue
        text = ""
        # Whole sentences, a colon that introduces the steps included; the section's verdict ("不会。") too.
        opening = [clean(s) for s in _whole_sentences(block.text) if clean(s) and not _POINTER_RE.search(s)]
        for s in opening[:MAX_OPENING]:
            if text and len(text) + len(s) > MAX_LEAD:
                break
            text = _join(text, s)
        return text, n + 1
    return "", 0


# ------------------------------------------------------------------ composing

def compose(question: str, parts: Sequence[Hit], lang: str, max_body: int = MAX_BODY) -> Composed:
    """Compose the answer from ONE section: `parts` are its chunks in order (parts[0] is the section's lead).
    The section is cited as [1]."""
    if not parts:
        return Composed("")
    lead = parts[0]
    blocks = _blocks("\n\n".join(p.text for p in parts))
    opening, after = _opening(blocks)
    cite = "[1]"
    lines = [f"{opening}{cite}"] if opening else []
    budget = max_body - len(opening)
    steps = _steps(blocks, after)
    if steps:
        numbered = blocks[after].numbered
        for n, step in enumerate(steps[:MAX_POINTS], 1):
            if len(step) + 6 > budget:
                break
            lines.append(f"{n}. {step}{cite}" if numbered else f"• {step}{cite}")
            budget -= len(step) + 6
    else:
        for s in _points(question, blocks, opening):
            if len(s) + 6 > budget:
                continue
            lines.append(f"• {s}{cite}")
            budget -= len(s) + 6
    text = "\n".join(lines)
    note = language_note(lang, [lead])
    if note and text:
        text = f"{note}\n{text}"
    return Composed(text, [lead] if text else [])


def _steps(blocks: list[_Block], start: int) -> list[str]:
    """The list right after the opening — numbered, or any list the opening introduces with a colon: the steps,
    in order (each a whole, self-contained item)."""
    steps = []
    introduced = start > 0 and blocks[start - 1].text.rstrip().endswith(("：", ":"))
    for block in blocks[start:]:
        if block.kind != "item" or not (block.numbered or introduced):
            break
        step = clean(block.text)
        if step and stands_alone(step):
            steps.append(step)
    return steps


def _points(question: str, blocks: list[_Block], opening: str) -> list[str]:
    """Sentences of the section, not the opening, that say most about the question, in the section's order —
    plus its "what to do next". Examples and sentences that do not stand alone are left out."""
    q = terms(question)
    candidates: list[tuple[float, int, str]] = []
    seen = set(sentences(opening, min_len=1))
    order = 0
    for block in blocks:
        if block.kind == "example":
            continue
        for s in sentences(block.text):
            order += 1
            if s in seen or not stands_alone(s) or any(_near_duplicate(s, t) for t in seen):
                continue
            seen.add(s)
            score = overlap(q, s) + (0.3 if block.kind == "next" else 0.0) + (0.05 if block.kind == "item" else 0.0)
            candidates.append((score, order, s))
    best = sorted(candidates, key=lambda c: (-c[0], c[1]))
    picked = [c for c in best if c[0] > 0][:MAX_POINTS]
    if len(picked) < 2:  # a short answer still shows what to do, even when no words overlap
        picked += [c for c in best if c not in picked][: 2 - len(picked)]
    return [s for _, _, s in sorted(picked, key=lambda c: c[1])]


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
