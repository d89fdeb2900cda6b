"""Split articles into chunks: by section first, then on sentence ends, never mid-sentence.

A chunk's embedded text starts with the article title and section heading, so a short question such as
"逾期会上征信吗" matches the section that asks it even when the body words differ.
"""

from __future__ import annotations

import hashlib
import re

from ingest.articles import Article
from ingest.types import Chunk

# Body budget in characters. A CJK character is about one e5 token, so this keeps title + heading + body well
# under e5's 512-token window; USE has no hard window but focuses better on short passages.
MAX_CHARS = 420
MIN_TAIL = 80  # a last piece shorter than this is merged back when the total still fits

_STRONG_END = "。！？；!?;…"
# "Art. 61", "No. 3", "e.g. a card": a full stop after these is not the end of a sentence.
_ABBREVIATION = re.compile(r"\b(?:Arts?|Nos?|paras?|vs|cf|approx|Mrs?|Ms|Dr|e\.g|i\.e)$", re.IGNORECASE)
_CLOSERS = "”’」』）)\"'"


def split_sentences(text: str) -> list[str]:
    """Sentences of a block of text, keeping their punctuation; each line is at least its own piece.

    A sentence ends after 。！？；!?; (and any closing quote), or after "." followed by white space, so
    numbers such as 0.05% or 1.5万 are never cut.
    """
    pieces: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        start = 0
        i = 0
        while i < len(line):
            ch = line[i]
            end = ch in _STRONG_END or (ch == "." and (i + 1 == len(line) or line[i + 1].isspace())
                                        and not line[start:i].strip().isdigit()  # "2. …" is a list item's number
                                        and not _ABBREVIATION.search(line[start:i]))
            if end:
                while i + 1 < len(line) and _closes(line[i + 1], line[start : i + 1]):
                    i += 1
                piece = line[start : i + 1].strip()
                if piece:
                    pieces.append(piece)
                start = i + 1
            i += 1
        tail = line[start:].strip()
        if tail:
            pieces.append(tail)
    return pieces


def _closes(ch: str, sentence: str) -> bool:
    """Does ch close a quote or bracket opened in this sentence? ASCII quotes open and close alike, so
    one counts as closing only when the sentence has an odd number of them."""
    if ch in "\"'":
        return sentence.count(ch) % 2 == 1
    return ch in _CLOSERS


def split_text(text: str, max_chars: int = MAX_CHARS) -> list[str]:
    """Pack paragraphs, then sentences, into pieces of at most max_chars (a longer single sentence stays whole)."""
    text = text.strip()
    if len(text) <= max_chars:
        return [text] if text else []
    pieces: list[str] = []
    current = ""
    for para in re.split(r"\n\s*\n", text):
        for unit, joiner in _units(para.strip(), max_chars):
            candidate = f"{current}{joiner}{unit}" if current else unit
            if len(candidate) <= max_chars:
                current = candidate
            else:
                if current:
                    pieces.append(current)
                current = unit
    if current:
        pieces.append(current)
    if len(pieces) > 1 and len(pieces[-1]) < MIN_TAIL and len(pieces[-2]) + len(pieces[-1]) + 2 <= max_chars * 1.25:
        pieces[-2:] = [pieces[-2] + "\n\n" + pieces[-1]]
    return pieces


def _units(para: str, max_chars: int) -> list[tuple[str, str]]:
    """A paragraph as pieces to pack, each with what joins it to the one before: the paragraph whole when it fits;
    else its lines (a list keeps one item per line), and a line too long for a chunk by its sentences."""
    if len(para) <= max_chars:
        return [(para, "\n\n")] if para else []
    units: list[tuple[str, str]] = []
    for line in (ln.strip() for ln in para.splitlines()):
        if not line:
            continue
        sentences = [line] if len(line) <= max_chars else split_sentences(line)
        for n, sentence in enumerate(sentences):
            joiner = ("\n\n" if not units else "\n") if n == 0 else _joiner(sentences[n - 1])
            units.append((sentence, joiner))
    return units


def _joiner(previous: str) -> str:
    # Chinese sentences join without a space; English ones with one.
    return "" if previous and _is_cjk(previous[-1]) else " "


def _is_cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def chunk_article(article: Article, max_chars: int = MAX_CHARS) -> list[Chunk]:
    chunks: list[Chunk] = []
    for section in article.sections:
        parts = split_text(section.body, max_chars)
        for n, body in enumerate(parts):
            cid = f"{article.id}#{section.index}" if n == 0 else f"{article.id}#{section.index}.{n}"
            text = f"{article.title} › {section.heading}\n{body}"
            extras = (*article.sources, *section.phrasings, "\x1e", *section.basis, "\x1e", *section.see_also,
                      article.kind)
            digest = hashlib.sha256("\x1f".join((text, *extras)).encode("utf-8")).hexdigest()[:32]
            chunks.append(
                Chunk(
                    id=cid,
                    article_id=article.id,
                    title=article.title,
                    section=section.heading,
                    section_index=section.index,
                    part=n,
                    lang=article.lang,
                    body=body,
                    text=text,
                    content_hash=digest,
                    sources=article.sources,
                    phrasings=section.phrasings,
                    basis=section.basis,
                    see_also=section.see_also,
                    kind=article.kind,
                )
            )
    return chunks
