"""Letters on Telegram: "帮我写一份协商还款申请" (or /letter) → the facts asked one by one → the letter as a message
and as a .docx to edit and print.

The engine decides everything (bot/engine/letters.py: the templates, the facts, the checks); this module asks,
offers buttons for choices and for skipping an optional fact, and sends the result. The draft lives in
user_data["letter"] (process memory only); /letter resumes it, /cancel or ✖ drops it. A crisis, or a question of its
own, leaves the letter (kept for /letter) and is answered as usual.
"""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import (
    CallbackQueryHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.engine import letters
from bot.telegram import compute
from bot.telegram.flows import TYPED, flow
from bot.telegram.formatting import callback, esc
from bot.telegram.services import language, memory, reply_html, services

ASK = 0
TIMEOUT_SECONDS = 30 * 60

WORDS: dict[str, tuple[str, str]] = {
    "which": ("想写哪一种？", "Which letter?"),
    "start": ("好的，我们一起写一份{title}。我一项一项问你，信里只写你告诉我的内容。",
              "Let's write {title}. I'll ask one thing at a time and put in only what you tell me."),
    "resume": ("接着写你的{title}：", "Back to your {title}:"),
    "mode": ("（正在写信 · /cancel 或 ✖ 退出）", "(Writing a letter · /cancel or ✖ to leave)"),
    "skip": ("略过", "Skip"),
    "use": ("用这个", "Use it"),
    "leave": ("✖ 退出", "✖ Leave"),
    "closed": ("好的，这封信先不写了。", "OK, the letter is dropped."),
    "left": ("先回答你的问题（信还没写完，发 /letter 接着写）：",
             "Answering your question first (the letter waits: /letter to go on):"),
    "file": ("可以修改后打印的 Word 文件。签名、日期和身份证号打印后手写。",
             "A Word file to edit and print. Sign, date and add your ID number by hand."),
    "stale": ("这个按钮已经过期了。", "That button has expired."),
}
KIND_BUTTONS = {"negotiation": ("📝 协商还款（个性化分期）申请", "📝 Instalment plan request"),
                "complaint": ("📣 催收投诉书", "📣 Collection complaint"),
                "dispute": ("🔍 征信异议申请", "🔍 Credit-report dispute")}
_QUESTION = re.compile(r"[?？]\s*$|吗\s*[?？。]?\s*$|^(?:how|what|why|when|which|who|can|could|is|are|does|do|should)"
                       r"\b", re.I)


class _AsksForLetter(filters.MessageFilter):
    """A message that asks to have a letter written (bot/understand/lexicons/letter_words.tsv)."""

    def filter(self, message: Message) -> bool:
        return bool(message.text) and letters.requested_kind(message.text) is not None


def _say(key: str, lang: str, **values: object) -> str:
    text = WORDS[key][0 if lang == "zh" else 1]
    return esc(text.format(**values) if values else text)


def _draft(context: ContextTypes.DEFAULT_TYPE) -> letters.Draft | None:
    assert context.user_data is not None
    return letters.Draft.from_dict(context.user_data.get("letter"))


def _keep(context: ContextTypes.DEFAULT_TYPE, draft: letters.Draft | None) -> None:
    assert context.user_data is not None
    if draft is None:
        context.user_data.pop("letter", None)
    else:
        context.user_data["letter"] = draft.to_dict()


async def _ack(update: Update) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()


# ------------------------------------------------------------------ starting


async def from_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """"帮我写一份协商还款申请": the letter it names, started in the message's language."""
    from bot import safety

    text = (update.effective_message.text if update.effective_message else "") or ""
    kind = letters.requested_kind(text)
    # safety first (a crisis, or what the harm rules refuse); a changed lexicon must not crash the update
    if kind is None or safety.is_crisis(text) or safety.harmful_category(text) is not None:
        from bot.telegram.handlers import answer_question

        await answer_question(update, context, text)
        return ConversationHandler.END
    return await _begin(update, context, kind, language(update, context, text))


async def from_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/letter [negotiation|complaint|dispute]: the one named, a draft to resume, or a choice of the three."""
    lang = language(update, context)
    args = [a.lower() for a in (context.args or [])]
    if args and args[0] in letters.KINDS:
        return await _begin(update, context, args[0], lang)
    draft = _draft(context)
    if draft is not None:
        title = letters.TITLES[draft.kind][0 if draft.lang == "zh" else 1]
        return await _ask(update, context, draft, _say("resume", draft.lang, title=title))
    rows = [[InlineKeyboardButton(KIND_BUTTONS[k][0 if lang == "zh" else 1], callback_data=callback("letter", "k", k))]
            for k in letters.KINDS]
    rows.append([InlineKeyboardButton(WORDS["leave"][0 if lang == "zh" else 1], callback_data=callback("letter", "x"))])
    await reply_html(update, _say("which", lang), InlineKeyboardMarkup(rows))
    return ASK


async def kind_chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await _ack(update)
    assert update.callback_query is not None and update.callback_query.data is not None
    kind = update.callback_query.data.split(":")[2]
    return await _begin(update, context, kind, language(update, context))


async def _begin(update: Update, context: ContextTypes.DEFAULT_TYPE, kind: str, lang: str) -> int:
    draft = letters.Draft(kind, lang)
    title = letters.TITLES[kind][0 if lang == "zh" else 1]
    return await _ask(update, context, draft, _say("start", lang, title=title))


# ------------------------------------------------------------------ one fact at a time


async def _ask(update: Update, context: ContextTypes.DEFAULT_TYPE, draft: letters.Draft, lead: str = "") -> int:
    fact = letters.next_fact(draft)
    if fact is None:
        return await _finish(update, context, draft)
    lang = draft.lang
    if fact.name == "proposal":
        from bot.engine.letter_chat import offer

        draft.offer = offer(memory(update, context).debts, draft)
    _keep(context, draft)
    zh = lang == "zh"
    rows: list[list[InlineKeyboardButton]] = []
    if fact.kind == "choice":
        rows.append([InlineKeyboardButton(c[1] if zh else c[2], callback_data=callback("letter", "v", n))
                     for n, c in enumerate(fact.choices)])
    if fact.name == "proposal" and draft.offer:
        rows.append([InlineKeyboardButton(WORDS["use"][0 if zh else 1], callback_data=callback("letter", "use"))])
    if fact.optional:
        rows.append([InlineKeyboardButton(WORDS["skip"][0 if zh else 1], callback_data=callback("letter", "skip"))])
    rows.append([InlineKeyboardButton(WORDS["leave"][0 if zh else 1], callback_data=callback("letter", "x"))])
    body = esc(letters.question(fact, lang, draft.offer))
    await reply_html(update, "\n\n".join(p for p in (lead, body, _say("mode", lang)) if p), InlineKeyboardMarkup(rows))
    return ASK


async def typed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A typed answer for the fact asked. A crisis or a question of its own leaves (the draft waits)."""
    from bot import safety

    message = update.effective_message
    text = (message.text or "") if message is not None else ""
    draft = _draft(context)
    if draft is None:
        return ConversationHandler.END
    if safety.is_crisis(text) or _QUESTION.search(text.strip()):
        return await _leave_and_answer(update, context, text, draft.lang)
    return await _answer(update, context, draft, text)


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A choice, "Skip" or "Use it"."""
    await _ack(update)
    assert update.callback_query is not None and update.callback_query.data is not None
    draft = _draft(context)
    parts = update.callback_query.data.split(":")
    fact = letters.next_fact(draft) if draft is not None else None
    if draft is None or fact is None:
        await reply_html(update, _say("stale", language(update, context)))
        return ASK
    zh = draft.lang == "zh"
    if parts[1] == "v" and fact.kind == "choice" and int(parts[2]) < len(fact.choices):
        return await _answer(update, context, draft, fact.choices[int(parts[2])][0])
    if parts[1] == "skip" and fact.optional:
        return await _answer(update, context, draft, "略过" if zh else "skip")
    if parts[1] == "use" and fact.name == "proposal" and draft.offer:
        return await _answer(update, context, draft, "用这个" if zh else "use it")
    await reply_html(update, _say("stale", draft.lang))
    return ASK


async def _answer(update: Update, context: ContextTypes.DEFAULT_TYPE, draft: letters.Draft, text: str) -> int:
    fact = letters.next_fact(draft)
    if fact is None:
        return await _finish(update, context, draft)
    draft, problem = letters.give(draft, fact, text)
    return await _ask(update, context, draft, esc(problem[0 if draft.lang == "zh" else 1]) if problem else "")


async def _finish(update: Update, context: ContextTypes.DEFAULT_TYPE, draft: letters.Draft) -> int:
    """The letter as text (with its basis, where to send it, what to keep) and as a .docx."""
    _keep(context, None)
    text, filename, data = await services(context).compute(compute.letter, draft)
    await reply_html(update, esc(text))
    chat = update.effective_chat
    assert chat is not None
    await chat.send_document(data, filename=filename, caption=_say("file", draft.lang))
    return ConversationHandler.END


# ------------------------------------------------------------------ leaving


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await _ack(update)
    draft = _draft(context)
    _keep(context, None)
    await reply_html(update, _say("closed", draft.lang if draft else language(update, context)))
    return ConversationHandler.END


async def command_during(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Another command while writing: leave (the draft waits for /letter) and handle the command."""
    from bot.telegram.calc_flow import dispatch_elsewhere

    await dispatch_elsewhere(update, context, skip="letter")
    return ConversationHandler.END


async def _leave_and_answer(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str, lang: str) -> int:
    from bot.telegram.handlers import answer_question

    await reply_html(update, _say("left", lang))
    await answer_question(update, context, text)
    return ConversationHandler.END


def conversation() -> ConversationHandler:
    """The letter ConversationHandler: /letter, or a message asking for a letter to be written."""
    kind = CallbackQueryHandler(kind_chosen, pattern=r"^letter:k:\w+$")
    return flow("letter", from_command,
                entry_points=[MessageHandler(TYPED & filters.ChatType.PRIVATE & _AsksForLetter(), from_text), kind],
                states={ASK: [MessageHandler(TYPED, typed), kind,
                              CallbackQueryHandler(pressed, pattern=r"^letter:(?:v:\d+|skip|use)$")]},
                cancel=cancel, command_during=command_during, timeout=TIMEOUT_SECONDS)
