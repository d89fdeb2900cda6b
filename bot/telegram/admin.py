"""Educator tools for FINBOT_ADMIN_IDS: upload an article, /kbstats, /gaps. Everyone else is refused politely.

An uploaded .md file is validated before anything touches the knowledge folder; a valid one is written to a
hidden temporary file and renamed over knowledge/<lang>/<id>.md (so a crash never leaves half an article and
a rejected upload never replaces a good one), then the index is updated incrementally.

A minimal article written on a phone (a "# title" line, a "source:" line, "## " sections; .md or .txt) is first
turned into a full one (ingest/minimal.py: id from the file name, language detected, updated today) and then
validated like any other; the reply shows how each field was read.
"""

from __future__ import annotations

import logging
import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from telegram import Update
from telegram.ext import ContextTypes

from bot.telegram import compute
from bot.telegram.formatting import esc
from bot.telegram.services import Services, crisis_first, language, reply_html, services, typing
from bot.telegram.texts import say

if TYPE_CHECKING:
    from ingest.minimal import Converted

log = logging.getLogger("finbot.telegram")

MAX_ARTICLE_BYTES = 256 * 1024
ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")  # .txt: what a phone's notes app saves
MAX_PROBLEMS_SHOWN = 15
DEFAULT_GAP_DAYS = 30


async def document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A file. Admin + .md: validated → saved → indexed → a summary (or every problem, file unchanged).
    Non-admin: a .md gets the polite "educators only" reply; any other file "I don't read files"."""
    message = update.effective_message
    user = update.effective_user
    if message is None or message.document is None or user is None:
        return
    if await crisis_first(update, context, message.caption):  # a caption is something the user wrote
        return
    svc = services(context)
    lang = language(update, context)
    doc = message.document
    name = doc.file_name or ""
    is_md = name.lower().endswith(ARTICLE_SUFFIXES)
    if not svc.is_admin(user.id):
        await reply_html(update, say(lang, "not_admin" if is_md else "document_user"))
        return
    if not is_md:
        await reply_html(update, say(lang, "upload_not_md"))
        return
    if doc.file_size and doc.file_size > MAX_ARTICLE_BYTES:
        await reply_html(update, say(lang, "upload_too_big", size=doc.file_size // 1024,
                                     max=MAX_ARTICLE_BYTES // 1024))
        return
    chat = update.effective_chat
    assert chat is not None
    async with typing(context, chat.id):
        file = await doc.get_file()
        data = bytes(await file.download_as_bytearray())
        if len(data) > MAX_ARTICLE_BYTES:
            await reply_html(update, say(lang, "upload_too_big", size=len(data) // 1024,
                                         max=MAX_ARTICLE_BYTES // 1024))
            return
        text = _decode(data)
        if text is None:
            await reply_html(update, say(lang, "upload_not_utf8"))
            return
        from ingest.minimal import is_full_article, to_article

        name = Path(name).name
        converted = None
        if not is_full_article(text):  # a minimal article: made into a full one, then validated as usual
            converted = to_article(name, text)
            if converted.errors:
                await reply_html(update, say(lang, "upload_incomplete", name=name,
                                             problems="\n".join(f"• {e}" for e in converted.errors)))
                return
        async with svc.upload_lock:  # one upload and ingest at a time
            await _save_and_ingest(update, svc, lang, name, text, converted)


def _decode(data: bytes) -> str | None:
    """UTF-8, or GB18030 (what Windows Notepad in Chinese saves); None when it is neither."""
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


async def _save_and_ingest(update: Update, svc: Services, lang: str, name: str, text: str,
                           converted: Converted | None = None) -> None:
    from ingest.articles import load_articles, parse_article

    root = Path(svc.settings.knowledge_path)
    sent_as = name  # what the educator's file is called: problems are shown against it
    if converted is not None:
        name, text = f"{converted.id}.md", converted.text
    lines = converted.original_line if converted is not None else None
    article, problems = parse_article(Path(name), text)
    if article is None:
        await reply_html(update, say(lang, "upload_rejected", problems=_problem_lines(problems, sent_as, lines)))
        return
    target = root / article.lang / f"{article.id}.md"
    existing = await svc.run(load_articles, root)
    clash = next((a for a in existing.articles if a.id == article.id and a.path.resolve() != target.resolve()),
                 None)
    if clash is not None:
        await reply_html(update, say(lang, "upload_duplicate", id=article.id, path=_relative(clash.path, root)))
        return
    # Validate again where it will live, so folder/name warnings are the real ones.
    article, problems = parse_article(target, text, root=root)
    if article is None:
        await reply_html(update, say(lang, "upload_rejected", problems=_problem_lines(problems, sent_as, lines)))
        return
    replaced = target.exists()
    await reply_html(update, say(lang, "upload_saving"))
    await svc.run(_atomic_write, target, text)
    log.info("article %s saved by an admin (%s)", article.id, "replaced" if replaced else "new")
    try:
        summary = await svc.compute(compute.ingest, str(root))
        await svc.engine.recycle()  # worker processes reopen the index (a no-op for the in-process engine)
    except Exception as exc:
        log.exception("ingest after upload failed")
        await reply_html(update, say(lang, "upload_failed", error=exc.__class__.__name__))
        return
    reply = say(lang, "upload_done", path=_relative(target, root), summary=summary,
                action=say(lang, "upload_replaced" if replaced else "upload_added"))
    if converted is not None:
        reply += "\n\n" + say(lang, "upload_read_as", fields="\n".join(converted.read))
    warnings = [p for p in problems if p.severity == "warning"]
    if warnings:
        reply += "\n\n" + say(lang, "upload_warnings", problems=_problem_lines(warnings, sent_as, lines))
    await reply_html(update, reply)


def _atomic_write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    # A leading dot: the ingest never reads a half-written temporary file.
    tmp = target.parent / f".upload-{secrets.token_hex(4)}.md"
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _problem_lines(problems: list, name: str | None = None,  # type: ignore[type-arg]
                   line_of: Callable[[int], int] | None = None) -> str:
    # Like str(problem): file:line [field], with the name the educator sent (no server paths in chat) and, for a
    # minimal article, the line in their own file.
    lines = [f"{name or p.path.name}:{line_of(p.line) if line_of else p.line}: {p.severity}"
             f"{f' [{p.field}]' if p.field else ''}: {p.message}" for p in problems[:MAX_PROBLEMS_SHOWN]]
    if len(problems) > MAX_PROBLEMS_SHOWN:
        lines.append(f"… (+{len(problems) - MAX_PROBLEMS_SHOWN})")
    return "\n".join(f"• {line}" for line in lines)


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return path.name


async def _admin_or_refuse(update: Update, svc: Services, lang: str) -> bool:
    """True for an educator; everyone else gets the polite "educators only" reply."""
    user = update.effective_user
    if svc.is_admin(user.id if user else None):
        return True
    await reply_html(update, say(lang, "not_admin"))
    return False


async def kbstats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/kbstats (admins): articles per language, chunks, embedding, file problems, bot record counts."""
    svc = services(context)
    lang = language(update, context)
    if not await _admin_or_refuse(update, svc, lang):
        return
    from ingest.articles import load_articles

    per_worker = await svc.engine.each(compute.kb_stats)
    stats = per_worker[0][0]
    loaded = await svc.run(load_articles, Path(svc.settings.knowledge_path))
    counts = await svc.run(svc.state.counts)
    await reply_html(update, say(
        lang, "kbstats", articles=stats["articles"], zh=stats["languages"].get("zh", 0),
        en=stats["languages"].get("en", 0), chunks=stats["chunks"], embedding=stats["embedding"],
        errors=len(loaded.errors), warnings=len(loaded.warnings), feedback=counts.get("feedback", 0),
        unanswered=counts.get("unanswered", 0), screen_failures=sum(n for _, n in per_worker)))


async def gaps(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/gaps [days] (admins): the most frequent unanswered questions and 👎 answers of the last N days."""
    svc = services(context)
    lang = language(update, context)
    if not await _admin_or_refuse(update, svc, lang):
        return
    args = context.args or []
    if args and not (args[0].isdigit() and 1 <= int(args[0]) <= 365):
        await reply_html(update, say(lang, "gaps_usage"))
        return
    days = int(args[0]) if args else DEFAULT_GAP_DAYS
    unanswered = await svc.run(svc.state.unanswered, days, 15)
    downvoted = await svc.run(svc.state.downvoted, days, 15)
    lines = [say(lang, "gaps_head", days=days), "", say(lang, "gaps_unanswered")]
    lines += [f"{g.count}× {esc(g.question)} <i>({_age(g.last_seen, lang)})</i>" for g in unanswered] or \
        [say(lang, "gaps_none")]
    lines += ["", say(lang, "gaps_downvoted")]
    lines += [f"{g.count}× {esc(g.question)} · {esc(', '.join(g.articles) or '-')}" for g in downvoted] or \
        [say(lang, "gaps_none")]
    await reply_html(update, "\n".join(lines))


def _age(ts: float, lang: str) -> str:
    days = int((time.time() - ts) // 86400)
    if lang == "zh":
        return "今天" if days == 0 else f"{days} 天前"
    return "today" if days == 0 else f"{days}d ago"
