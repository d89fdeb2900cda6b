"""The borrower-facing handlers: one async function per kind of update; each docstring says what the user sees.

Wiring (which handler gets which update, in which order) lives in app.py only.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.engine.answer import Answer
from bot.engine.normalize import MAX_QUESTION  # longer messages: crisis first, then "please shorten it"
from bot.telegram import compute
from bot.telegram.formatting import answer_html, button_text, callback, new_token
from bot.telegram.services import (
    Asked,
    Skipped,
    addressed_text,
    crisis_first,
    forget_memory,
    in_group,
    language,
    memory,
    reply_html,
    services,
    typing,
)
from bot.telegram.texts import EXAMPLES, LANGS, norm_lang, say

log = logging.getLogger("finbot.telegram")


# ------------------------------------------------------------------ commands


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A short welcome in the user's language: what finbot does, example questions as buttons, privacy line."""
    lang = language(update, context)
    rows = [[InlineKeyboardButton(button_text(q), callback_data=callback("ex", lang, i))]
            for i, q in enumerate(EXAMPLES[lang])]
    await reply_html(update, say(lang, "welcome"), InlineKeyboardMarkup(rows))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """How to ask, the command list, and how the bot behaves in groups."""
    await reply_html(update, say(language(update, context), "help"))


async def lang_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/lang en` switches at once; plain /lang shows 中文 / English buttons. The choice is remembered."""
    args = [a.lower() for a in (context.args or [])]
    if args and args[0][:2] in LANGS:
        await _set_language(update, context, args[0][:2])
        return
    rows = [[InlineKeyboardButton("中文", callback_data=callback("lang", "zh")),
             InlineKeyboardButton("English", callback_data=callback("lang", "en"))]]
    await reply_html(update, say(language(update, context), "lang_prompt"), InlineKeyboardMarkup(rows))


async def lang_chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tapping 中文 / English: confirms in the chosen language."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    await _set_language(update, context, norm_lang(query.data.split(":")[1]))


async def _set_language(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    user = update.effective_user
    assert user is not None
    svc = services(context)
    await svc.run(svc.state.set_language, user.id, lang)
    memory(update, context).lang = lang
    await reply_html(update, say(lang, "lang_set"))


async def reset(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Clears the conversation context (follow-ups, a pending calculation); confirms."""
    await forget_memory(update, context)
    await reply_html(update, say(language(update, context), "reset_done"))


async def privacy(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What finbot stores, for how long, and how to delete it."""
    days = services(context).settings.retention_days
    await reply_html(update, say(language(update, context), "privacy", days=days))


async def forget(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Deletes everything stored about the user (language, feedback, unanswered questions) and says how much."""
    lang = language(update, context)  # before deleting: the reply stays in the language they used
    user = update.effective_user
    assert user is not None
    svc = services(context)
    removed = await svc.run(svc.state.forget_user, user.id)
    await forget_memory(update, context, everything=True)
    await reply_html(update, say(lang, "forget_done", n=removed))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An unknown /command: points to /help (in groups only when the command names this bot)."""
    message = update.effective_message
    if message is None:
        return
    if in_group(update):
        word = (message.text or "").split()[0] if message.text else ""
        if "@" not in word or word.split("@", 1)[1].lower() != (context.bot.username or "").lower():
            return
    await reply_html(update, say(language(update, context), "unknown_command"))


# ------------------------------------------------------------------ questions


async def text_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A question: "typing…", then the engine's answer (HTML, sources), 👍/👎 and related-question buttons.

    In groups only messages that mention the bot or reply to it are answered.
    """
    message = update.effective_message
    if message is None or message.text is None:
        return
    text = message.text
    if in_group(update):
        got = addressed_text(message, context.bot.username, context.bot.id)
        if got is None:
            return
        text = got
        if not text.strip():
            await help_command(update, context)
            return
    await answer_question(update, context, text)


async def answer_question(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str,
                          echo: bool = False, quote: bool = False) -> None:
    """Run the engine on `question` off the event loop and send the answer with its buttons.

    quote: reply to the user's message (an edited message gets its new answer as a reply to it)."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    svc = services(context)
    chosen = await svc.run(svc.state.language, user.id)
    if len(question) > MAX_QUESTION:
        if await crisis_first(update, context, question, quote=quote):  # checked before any "too long"
            return
        lang = chosen or language(update, context, question)
        await reply_html(update, say(lang, "too_long", n=len(question), max=MAX_QUESTION), quote=quote)
        return
    mem = memory(update, context)
    async with typing(context, chat.id):
        answer: Answer = await svc.answer(question, mem, chosen)
    if answer.kind == "no_answer" and answer.via == "composer":
        await svc.run(svc.state.record_unanswered, user.id, question, answer.language)
    token = new_token()
    await svc.remember(token, Asked(question, answer, user.id))
    await reply_html(update, answer_html(answer, question if echo else None), answer_keyboard(answer, token),
                     quote=quote)


def answer_keyboard(answer: Answer, token: str) -> InlineKeyboardMarkup | None:
    """A clarifying question's choices (one button each), related questions (one per row), a chart button for a
    calculation, then 👍 / 👎."""
    marks = "①②③"
    rows = [[InlineKeyboardButton(f"{marks[i]} " + button_text(q), callback_data=callback("cl", token, i))]
            for i, q in enumerate(answer.choices[:3])] if answer.kind == "clarify" else []
    rows += [[InlineKeyboardButton("🔎 " + button_text(q), callback_data=callback("rq", token, i))]
             for i, q in enumerate(answer.related[:3])]
    if answer.chart_available:
        rows.append([InlineKeyboardButton(say(answer.language, "chart_button"),
                                          callback_data=callback("ch", token))])
    if answer.kind != "crisis":  # a crisis message is not something to rate
        rows.append([InlineKeyboardButton("👍", callback_data=callback("fb", "up", token)),
                     InlineKeyboardButton("👎", callback_data=callback("fb", "down", token))])
    return InlineKeyboardMarkup(rows) if rows else None


async def example_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tapping an example question on /start: answered as if the user had typed it (question shown on top)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    _, lang, index = query.data.split(":")
    examples = EXAMPLES[norm_lang(lang)]
    if index.isdigit() and int(index) < len(examples):
        await answer_question(update, context, examples[int(index)], echo=True)


async def choice_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tapping one of a clarifying question's choices: that question is answered (the engine knows it word for
    word, so it answers that very section)."""
    await _ask_from_button(update, context, lambda answer: answer.choices)


async def related_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tapping a related question: answered like a typed question."""
    await _ask_from_button(update, context, lambda answer: answer.related)


async def _ask_from_button(update: Update, context: ContextTypes.DEFAULT_TYPE,
                           questions: Callable[[Answer], list[str]]) -> None:
    """A button naming one of an earlier answer's questions ("kind:token:index"): answered as if typed, the
    question shown on top; an expired button says so."""
    query = update.callback_query
    assert query is not None and query.data is not None
    _, token, index = query.data.split(":")
    asked = await services(context).recall(token)
    offered = questions(asked.answer) if asked is not None else []
    if not index.isdigit() or int(index) >= len(offered):
        await query.answer(_plain(say(language(update, context), "expired")), show_alert=False)
        return
    await query.answer()
    await answer_question(update, context, offered[int(index)], echo=True)


async def feedback_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """👍 / 👎: stores the rating (with the question for 👎), thanks the user, removes the two buttons."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and query.data is not None and user is not None
    _, vote, token = query.data.split(":")
    svc = services(context)
    asked = await svc.recall(token)
    positive = vote == "up"
    # One vote per user per answer (the token names the answer): a second tap replaces the first.
    if asked is None:
        lang = language(update, context)
        await svc.run(lambda: svc.state.record_feedback(user.id, positive, kind="unknown", lang=lang,
                                                        answer_key=token))
    else:
        ans = asked.answer
        lang = ans.language
        articles = [s.id for s in ans.sources]
        await svc.run(lambda: svc.state.record_feedback(user.id, positive, kind=ans.kind, lang=lang,
                                                        articles=articles, question=asked.question,
                                                        answer_key=token))
    await query.answer(_plain(say(lang, "feedback_up" if positive else "feedback_down")))
    markup = query.message.reply_markup if query.message is not None else None
    if markup is not None:
        rows = [row for row in markup.inline_keyboard
                if not any((b.callback_data or "").startswith("fb:") for b in row)]
        try:
            await query.edit_message_reply_markup(InlineKeyboardMarkup(rows) if rows else None)
        except TelegramError as exc:  # e.g. the message is too old to edit: the vote is stored anyway
            log.info("could not remove feedback buttons: %s", exc.__class__.__name__)


async def chart_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The 📈 button under a calculation: sends the debt-growth chart as a photo."""
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None and query.data is not None and chat is not None
    svc = services(context)
    asked = await svc.recall(query.data.split(":")[1])
    if asked is None:
        await query.answer(_plain(say(language(update, context), "expired")))
        return
    await query.answer()
    lang = asked.answer.language
    async with typing(context, chat.id):
        png = await svc.compute(compute.chart, asked.answer)
    if png is None:
        await reply_html(update, say(lang, "no_chart"))
        return
    await chat.send_photo(png, caption=say(lang, "chart_caption"))


# ------------------------------------------------------------------ everything else


async def sticker(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A sticker: a friendly note that finbot reads text, and how to ask."""
    await _media_reply(update, context, "sticker")


async def photo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A photo: finbot can't read images; type the key numbers instead, and don't send ID or card numbers."""
    await _media_reply(update, context, "photo")


async def voice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A voice or video note: please type instead."""
    await _media_reply(update, context, "voice")


async def other_media(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Anything else (location, contact, poll, …): please type your question; /help."""
    await _media_reply(update, context, "other_media")


async def edited_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An edited message is answered again, as a reply to it (in groups: when it is addressed to the bot).
    An edited caption is checked for a crisis; an edited command is not re-run: please send it again."""
    message = update.effective_message
    if message is None:
        return
    text = message.text
    if in_group(update):
        text = addressed_text(message, context.bot.username, context.bot.id)
        if text is None:
            return
    if message.text is None:  # a photo or file whose caption was edited
        await crisis_first(update, context, message.caption, quote=True)
        return
    if not text or not text.strip():
        return
    if text.startswith("/"):
        await reply_html(update, say(language(update, context), "edited"), quote=True)
        return
    await answer_question(update, context, text, quote=True)


async def _media_reply(update: Update, context: ContextTypes.DEFAULT_TYPE, key: str) -> None:
    """Crisis first on the caption; then what finbot can do with this kind of message."""
    message = update.effective_message
    if message is None:
        return
    caption = message.caption
    if in_group(update):
        caption = addressed_text(message, context.bot.username, context.bot.id)
        if caption is None:
            return
    if await crisis_first(update, context, caption):
        return
    await reply_html(update, say(language(update, context), key))


# ------------------------------------------------------------------ gate and errors


async def flood_gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Runs before every handler. When a flood made the bot skip some of this user's older messages
    (services.PerUserProcessor), they are named in one reply before this update is handled — and a skipped
    message carrying a self-harm signal gets the crisis reply instead of being skipped. Never stops the update."""
    take = getattr(context.application.update_processor, "take_skipped", None)
    skipped = await take(update) if take is not None else []
    if in_group(update):  # group chatter not addressed to the bot was never going to be answered
        skipped = [s for s in skipped if s.message is not None
                   and addressed_text(s.message, context.bot.username, context.bot.id) is not None]
    if not skipped:
        return
    told = []
    for item in skipped:
        if not await crisis_first(update, context, item.text):
            told.append(item)
    if told:
        lang = language(update, context)
        items = "\n".join(f"• {_preview(s, lang)}" for s in told)
        await reply_html(update, say(lang, "skipped", n=len(told), items=items))


def _preview(item: Skipped, lang: str) -> str:
    text = " ".join(item.text.split())
    if not text:
        return "（图片、贴纸或文件）" if lang == "zh" else "(a photo, sticker or file)"
    return f"「{text[:24]}…」" if len(text) > 24 else f"「{text}」"


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any crash: the user gets "something went wrong, please try again"; the log gets the trace without the
    user's text or the bot token."""
    error = context.error
    secrets = [str(context.bot.token)]
    if isinstance(update, Update) and update.effective_message is not None:
        secrets += [t for t in (update.effective_message.text, update.effective_message.caption) if t]
    if isinstance(update, Update) and update.callback_query is not None and update.callback_query.data:
        secrets.append(update.callback_query.data)
    trace = "".join(traceback.format_exception(error)) if error else "(no exception)"
    log.error("handler failed for update %s:\n%s", _update_id(update), redact(trace, secrets))
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        lang = language(update, context)
    except Exception:
        lang = "zh"
    try:
        if update.callback_query is not None:
            await update.callback_query.answer()
        await update.effective_chat.send_message(say(lang, "thinking_error"))
    except Exception as exc:  # nothing more we can do; don't loop into the error handler
        log.warning("could not tell the user about the error: %s", exc.__class__.__name__)


def redact(text: str, secrets: list[str]) -> str:
    """Replace each secret (token, user text) in `text`, longest first."""
    for secret in sorted({s for s in secrets if s and len(s) >= 2}, key=len, reverse=True):
        text = text.replace(secret, "<redacted>")
        for line in secret.splitlines():  # multi-line text may be quoted one line at a time
            if len(line.strip()) >= 4:
                text = text.replace(line, "<redacted>")
    return text


def _update_id(update: object) -> str:
    return str(update.update_id) if isinstance(update, Update) else type(update).__name__


def _plain(html_text: str) -> str:
    """Callback answers (toasts) are plain text: drop the few tags our texts use."""
    from bot.telegram.formatting import visible

    return visible(html_text)[:200]

