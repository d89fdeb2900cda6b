"""Telegram-safe output: HTML escaping, splitting under the 4096-character limit, short callback data.

Everything the bot sends uses parse_mode HTML. Text from the engine, the knowledge base or the user is
escaped with `esc`; markup is added only around escaped text, so a reply can never break Telegram's parser.
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Sequence

from bot.engine.answer import Answer

MAX_MESSAGE = 4096  # Telegram's limit for one message (after entity parsing; we count the HTML, to be safe)
MAX_CAPTION = 1024
MAX_CALLBACK_BYTES = 64
MAX_BUTTON_TEXT = 60


def esc(text: object) -> str:
    """Escape &, < and > (all Telegram's HTML mode needs; quotes are fine outside attributes)."""
    return html.escape(str(text), quote=False)


def bold(text: object) -> str:
    return f"<b>{esc(text)}</b>"


def callback(*parts: object) -> str:
    """Join parts with ':' into callback data, refusing anything Telegram would reject (> 64 bytes)."""
    data = ":".join(str(p) for p in parts)
    if len(data.encode("utf-8")) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data is {len(data.encode())} bytes; Telegram allows {MAX_CALLBACK_BYTES}")
    return data


def new_token() -> str:
    """A short random key (8 characters) for callback data that refers to something kept server-side."""
    return secrets.token_urlsafe(6)


def button_text(text: str, limit: int = MAX_BUTTON_TEXT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_CITE = re.compile(r"\[(\d{1,2})\]")


def answer_html(answer: Answer, question: str | None = None) -> str:
    """An engine answer as Telegram HTML: optional echoed question, the body, then the numbered sources.

    Related questions are not in the text: they become buttons.
    """
    parts = []
    if question:
        parts.append(f"❓ {bold(question)}")
    body = esc(answer.text.strip())
    # Citation markers stand out a little, so readers can match them with the list below.
    body = _CITE.sub(lambda m: f"<i>[{m.group(1)}]</i>", body)
    parts.append(body)
    if answer.sources:
        head = "来源" if answer.language == "zh" else "Sources"
        lines = [esc(s.line(i)) for i, s in enumerate(answer.sources, 1)]
        parts.append(f"<b>{head}</b>\n" + "\n".join(lines))
    return "\n\n".join(p for p in parts if p)


# ------------------------------------------------------------------ splitting

_TOKEN = re.compile(r"<[^<>]*>|&#?\w+;|\n|[^<&\n]+|[<&]")
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^>]*>")
_TEXT_RUN = 200  # plain text is handled in runs of at most this many characters


def _tokens(html_text: str) -> list[str]:
    out: list[str] = []
    for tok in _TOKEN.findall(html_text):
        if tok[0] not in "<&\n" and len(tok) > _TEXT_RUN:
            # long plain text: one token per character so a split can happen anywhere
            out.extend(tok)
        else:
            out.append(tok)
    return out


def split_html(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split Telegram HTML into messages of at most `limit` characters.

    Splits at the last line break that fits (else anywhere between characters), never inside a tag or an
    entity; tags open at the cut are closed at the end of one part and reopened at the start of the next.
    Parts with no visible text are dropped.
    """
    if len(text) <= limit:
        return [text] if visible(text).strip() else []
    parts: list[str] = []
    cur: list[str] = []
    size = 0
    stack: list[tuple[str, str]] = []  # open tags: (name, opening tag text)
    brk: tuple[int, int, list[tuple[str, str]]] | None = None  # (index in cur, size there, stack there)

    def closing(st: Sequence[tuple[str, str]]) -> str:
        return "".join(f"</{name}>" for name, _ in reversed(st))

    def emit(tokens: list[str], st: Sequence[tuple[str, str]]) -> None:
        piece = ("".join(tokens) + closing(st)).strip()
        if visible(piece).strip():
            parts.append(piece)

    for tok in _tokens(text):
        tag = _TAG.fullmatch(tok)
        after = list(stack)
        if tag:
            name = tag.group(2).lower()
            if tag.group(1):
                if after and after[-1][0] == name:
                    after.pop()
            else:
                after.append((name, tok))
        while size + len(tok) + len(closing(after)) > limit and cur:
            if brk is not None and brk[0] > 0:
                idx, _, st = brk
                emit(cur[:idx], st)
                reopened = [opening for _, opening in st]
                cur = reopened + cur[idx:]
            else:
                emit(cur, stack)
                cur = [opening for _, opening in stack]
                size = sum(len(t) for t in cur)
                brk = None
                break  # cur holds only the reopened tags now: nothing left to cut
            size = sum(len(t) for t in cur)
            brk = None
        cur.append(tok)
        size += len(tok)
        stack = after
        if tok == "\n":
            brk = (len(cur), size, list(stack))
    emit(cur, stack)
    return parts


def visible(html_text: str) -> str:
    """The text a reader sees (tags removed, entities decoded)."""
    return html.unescape(re.sub(r"<[^<>]*>", "", html_text))
