"""Telegram: "is this a scam?" — a forwarded message is checked without any command; /check checks the text after
it, or the next message. The engine decides (Answerer.check: crisis first, then bot/engine/scam); this module routes
and formats. "这是真的吗" after a pasted message needs nothing here: the answer engine routes it.

    app.add_handler(check.conversation())       # /check, then the message (before the plain-text handler)
    app.add_handler(check.forwarded_handler())  # forwarded text or captions
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.engine.normalize import MAX_QUESTION
from bot.telegram import compute
from bot.telegram.formatting import answer_html, new_token
from bot.telegram.handlers import answer_keyboard
from bot.telegram.services import (
    Asked,
    addressed_text,
    adopt,
    crisis_first,
    in_group,
    language,
    memory,
    reply_html,
    services,
    typing,
)
from bot.telegram.texts import say

WAITING = 0
TIMEOUT_SECONDS = 600  # /check waits this long for the message, then forgets it was asked


def forwarded_handler() -> BaseHandler[Update, ContextTypes.DEFAULT_TYPE, None]:
    return MessageHandler(filters.FORWARDED & (filters.TEXT | filters.CAPTION) & filters.UpdateType.MESSAGE,
                          forwarded)


def conversation() -> ConversationHandler[ContextTypes.DEFAULT_TYPE]:
    message = filters.UpdateType.MESSAGE
    return ConversationHandler(
        entry_points=[CommandHandler("check", start, filters=message)],
        states={WAITING: [MessageHandler((filters.TEXT | filters.CAPTION) & ~filters.COMMAND & message, got)]},
        fallbacks=[CommandHandler("cancel", cancel, filters=message)],
        conversation_timeout=TIMEOUT_SECONDS,
        name="check",
    )


async def forwarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A forwarded message: the check, at once (in groups only when the bot is mentioned or replied to)."""
    message = update.effective_message
    if message is None:
        return
    text = message.text or message.caption or ""
    if in_group(update):
        got = addressed_text(message, context.bot.username, context.bot.id)
        if got is None:
            return
        text = got
    if text.strip():
        await reply_check(update, context, text)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """`/check TEXT` checks TEXT; a bare /check asks for the message and checks the next one."""
    message = update.effective_message
    text = (message.text or "").partition(" ")[2].strip() if message is not None else ""
    if text:
        await reply_check(update, context, text)
        return ConversationHandler.END
    await reply_html(update, say(language(update, context), "check_prompt"))
    return WAITING


async def got(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    message = update.effective_message
    text = (message.text or message.caption or "") if message is not None else ""
    if text.strip():
        await reply_check(update, context, text)
    return ConversationHandler.END


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await reply_html(update, say(language(update, context), "check_cancelled"))
    return ConversationHandler.END


async def reply_check(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """The engine's check of `text` (HTML with sources), with 👍/👎. A 👎 records the verdict, not the message:
    a forwarded message can carry other people's names and numbers."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    svc = services(context)
    # The reader's language (their /lang, else Telegram's), not the forwarded message's: the evidence is quoted as is.
    lang = await svc.run(language, update, context)
    if await crisis_first(update, context, text):  # a forwarded text is something the user sent: crisis first
        return
    if len(text) > MAX_QUESTION:
        await reply_html(update, say(lang, "too_long", n=len(text), max=MAX_QUESTION))
        return
    mem = memory(update, context)
    async with typing(context, chat.id):
        answer, new = await svc.compute(compute.check, text, mem, lang)
    adopt(mem, new)
    token = new_token()
    verdict = (answer.check or {}).get("verdict", answer.kind)
    await svc.remember(token, Asked(f"[scam check: {verdict}]", answer, user.id))
    await reply_html(update, answer_html(answer), answer_keyboard(answer, token))
