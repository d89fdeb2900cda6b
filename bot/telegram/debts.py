"""/debts: the borrower's own list of debts, in a conversation with buttons.

/debts → the list as understood (or how to start one) with buttons: ➕ add, ✏️ edit, 🗑 remove, 💰 plan with ¥X a
month, 💾 save, ✖ leave. Debts are typed in plain words, one per message or all at once; corrections too ("借呗改成
1万5"). The engine decides everything (bot/engine/debts.py); this module formats and routes. The plan comes with a
chart of each debt's balance over the months.

The list lives in the conversation's memory (bot.engine.memory.Memory.debts, in process memory only) and is written
to the state store only on 💾 or "/debts save"; /forget deletes both. /calc's plan tool lands here: a list of debts
does not fit its one-question-per-input wizard.

Safety first: a crisis (or a question of its own) typed during the flow leaves it and is answered as usual.
"""

from __future__ import annotations

import logging
import re
from decimal import Decimal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
)

from bot.engine import debts as engine
from bot.telegram import compute
from bot.telegram.flows import TYPED, flow
from bot.telegram.formatting import callback, esc
from bot.telegram.services import language, memory, reply_html, services, typing

log = logging.getLogger("finbot.telegram")

LIST, EDIT, BUDGET = range(3)
TIMEOUT_SECONDS = 30 * 60

WORDS: dict[str, tuple[str, str]] = {
    "add": ("➕ 添加", "➕ Add"),
    "edit": ("✏️ 修改", "✏️ Edit"),
    "remove": ("🗑 删除", "🗑 Remove"),
    "plan": ("💰 按每月 ¥{budget} 计划", "💰 Plan with ¥{budget} a month"),
    "set_budget": ("💰 设每月预算并计划", "💰 Set a monthly budget and plan"),
    "save": ("💾 保存清单", "💾 Save the list"),
    "leave": ("✖ 退出", "✖ Leave"),
    "mode": ("（正在整理你的欠款 · 直接打字添加或修改 · /cancel 或 ✖ 退出）",
             "(Working on your debts · type to add or correct · /cancel or ✖ to leave)"),
    "empty": ("我们来把你的欠款列成一张表。", "Let's put your debts on one page."),
    "add_prompt": ("发给我一笔或几笔欠款，比如“借呗1万2日息万五，朋友借的2万”。",
                   "Send one or more debts, e.g. 'Jiebei 12,000 at 0.05% a day; 20,000 from a friend'."),
    "pick_edit": ("改哪一笔？", "Which one?"),
    "pick_remove": ("删哪一笔？", "Remove which one?"),
    "edit_prompt": ("发“{name}”的新情况，比如“1万5 日息万四 最低还500”。",
                    "Send the new details of “{name}”, e.g. '15000 at 0.04% a day, minimum 500'."),
    "budget_prompt": ("每个月一共能拿出多少钱还债？", "How much can you pay each month in total?"),
    "not_read": ("这句话里我没读到欠款、金额或预算。可以这样写：“美团6000年化24%每月还600”，或者“每月能还5000”。",
                 "I found no debt, amount or budget in that. Try 'Meituan 6000 at 24% a year, 600 a month' or 'I "
                 "can pay 5000 a month'."),
    "saved": ("已保存你的清单（{n} 笔）。下次发 /debts 会自动载入；/forget 会把它删掉。",
              "Saved your list ({n} debts). /debts loads it next time; /forget deletes it."),
    "nothing_to_save": ("清单是空的，没有可保存的。", "The list is empty: nothing to save."),
    "loaded": ("已载入你保存的清单。", "Loaded your saved list."),
    "removed": ("已删除“{name}”。", "Removed “{name}”."),
    "closed": ("已退出。清单在这次对话里还保留着，发 /debts 继续；要长期保存请点 💾。",
               "Closed. The list stays for this conversation: /debts to continue; 💾 keeps it for later."),
    "left": ("先回答你的问题（欠款清单还在，发 /debts 继续）：",
             "Answering your question first (your list is kept: /debts to continue):"),
    "from_calc": ("多笔欠款的计划要一次列出好几笔，不适合一步一问，我们在“我的欠款”里做：",
                  "A plan for several debts needs the whole list at once, which the step-by-step calculator can't "
                  "ask for, so we'll do it in My debts:"),
    "chart_caption": ("每笔欠款的余额随时间的变化（按这个计划）。", "Each debt's balance over the months (this plan)."),
    "stale": ("这个按钮已经过期了，发 /debts 重新打开。",
              "That button has expired: send /debts to open the list again."),
}
_QUESTION = re.compile(r"[?？]|吗|什么|怎么|怎样|为什么|能不能|可不可以|是不是|会不会|有没有|如何|哪里|"
                       r"^(?:how|what|why|when|which|who|can|could|is|are|does|do|should|will|would)\b", re.I)


def _say(key: str, lang: str, **values: object) -> str:
    text = WORDS[key][0 if lang == "zh" else 1]
    return esc(text.format(**values) if values else text)


def _book(update: Update, context: ContextTypes.DEFAULT_TYPE) -> engine.Book:
    return engine.Book.from_dict(memory(update, context).debts)


def _keep(update: Update, context: ContextTypes.DEFAULT_TYPE, book: engine.Book) -> None:
    memory(update, context).debts = book.to_dict()


def _keyboard(book: engine.Book, lang: str) -> InlineKeyboardMarkup:
    zh = lang == "zh"
    rows = [[InlineKeyboardButton(WORDS["add"][0 if zh else 1], callback_data=callback("debts", "add"))]]
    if book.items:
        rows[0] += [InlineKeyboardButton(WORDS["edit"][0 if zh else 1], callback_data=callback("debts", "edit")),
                    InlineKeyboardButton(WORDS["remove"][0 if zh else 1], callback_data=callback("debts", "del"))]
        plan = (_say("plan", lang, budget=f"{book.budget:,.0f}") if book.budget is not None
                else _say("set_budget", lang))
        rows.append([InlineKeyboardButton(plan, callback_data=callback("debts", "plan"))])
        rows.append([InlineKeyboardButton(WORDS["save"][0 if zh else 1], callback_data=callback("debts", "save"))])
    rows.append([InlineKeyboardButton(WORDS["leave"][0 if zh else 1], callback_data=callback("debts", "x"))])
    return InlineKeyboardMarkup(rows)


async def _ack(update: Update) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()


def _lang(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    assert context.user_data is not None
    return str(context.user_data.get("debts_lang") or language(update, context))


# ------------------------------------------------------------------ showing the list and the plan


async def _show(update: Update, context: ContextTypes.DEFAULT_TYPE, book: engine.Book, lead: str = "") -> int:
    """The list as understood and what is still needed — or, once nothing is, the plan and its chart."""
    lang = _lang(update, context)
    _keep(update, context, book)
    if book.items and engine.question(book, lang) is None:
        return await _plan(update, context, book, lead)
    outcome = await services(context).compute(compute.debts_status, book, lang) if book.items else None
    body = esc(outcome.text) if outcome is not None else f"{_say('empty', lang)}\n{_say('add_prompt', lang)}"
    text = "\n\n".join(p for p in (lead, body, _say("mode", lang)) if p)
    await reply_html(update, text, _keyboard(book, lang))
    return LIST


async def _plan(update: Update, context: ContextTypes.DEFAULT_TYPE, book: engine.Book, lead: str = "") -> int:
    lang = _lang(update, context)
    svc = services(context)
    chat = update.effective_chat
    assert chat is not None
    async with typing(context, chat.id):
        outcome, extra = await svc.compute(compute.debts_plan, book, lang)
    text = "\n\n".join(p for p in (lead, esc(outcome.text + extra), _say("mode", lang)) if p)
    await reply_html(update, text, _keyboard(book, lang))
    if outcome.result is not None:
        png = await svc.compute(compute.debts_chart, outcome, lang)
        if png is not None:
            await chat.send_photo(png, caption=_say("chart_caption", lang))
    return LIST


# ------------------------------------------------------------------ entering


async def debts_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/debts (or /debts save): the list kept in this conversation, else the saved one, else how to start."""
    assert context.user_data is not None
    lang = language(update, context)
    context.user_data["debts_lang"] = lang
    book = _book(update, context)
    lead = ""
    user = update.effective_user
    svc = services(context)
    if not book.items and user is not None:
        saved = await svc.run(svc.state.saved_debts, user.id)
        if saved:
            book = engine.Book.from_dict(saved)
            lead = _say("loaded", lang)
    if [a.lower() for a in (context.args or [])][:1] == ["save"]:
        await _save(update, context, book)
        return await _show(update, context, book)
    return await _show(update, context, book, lead)


async def from_calc(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/calc → "A repayment plan for several debts": said why, then the list."""
    await _ack(update)
    assert context.user_data is not None
    lang = language(update, context)
    context.user_data["debts_lang"] = lang
    return await _show(update, context, _book(update, context), _say("from_calc", lang))


# ------------------------------------------------------------------ typing


async def typed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Text in the list: debts to add, a correction, a budget. A crisis or a question of its own leaves."""
    text = _text(update)
    book = _book(update, context)
    if _leaves(text, book):
        return await _leave_and_answer(update, context, text)
    from bot.engine.letters import requested_kind

    if requested_kind(text) is not None:  # "帮我写一份协商还款申请": the letter, with this plan to offer
        from bot.telegram.calc_flow import dispatch_elsewhere

        await dispatch_elsewhere(update, context, skip="debts")
        return ConversationHandler.END
    kind, book = await services(context).compute(compute.debts_apply, book, text)
    if kind == "none":
        await reply_html(update, _say("not_read", _lang(update, context)), _keyboard(book, _lang(update, context)))
        return LIST
    return await _show(update, context, book)


async def edit_typed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    assert context.user_data is not None
    text = _text(update)
    book = _book(update, context)
    if _leaves(text, book):
        return await _leave_and_answer(update, context, text)
    name = context.user_data.pop("debts_editing", None)
    if name is None or not engine.replace_entry(book, name, text):
        await reply_html(update, _say("not_read", _lang(update, context)), _keyboard(book, _lang(update, context)))
        return LIST
    return await _show(update, context, book)


async def budget_typed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    from bot.understand import extract

    text = _text(update)
    book = _book(update, context)
    if _leaves(text, book):
        return await _leave_and_answer(update, context, text)
    facts = extract(text)
    amount = facts.bare_number if facts.bare_number is not None else next(
        (a.value for a in facts.amounts), None)
    if amount is None or amount <= 0:
        lang = _lang(update, context)
        await reply_html(update, _say("budget_prompt", lang), _budget_keyboard(lang))
        return BUDGET
    book.budget = Decimal(amount)
    return await _show(update, context, book)


# ------------------------------------------------------------------ buttons


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int | None:
    """➕ ✏️ 🗑 💰 💾 and the pick-one buttons."""
    await _ack(update)
    assert update.callback_query is not None and update.callback_query.data is not None
    assert context.user_data is not None
    lang = _lang(update, context)
    parts = update.callback_query.data.split(":")
    book = _book(update, context)
    action = parts[1]
    if action == "add":
        await reply_html(update, _say("add_prompt", lang))
        return LIST
    if action in ("edit", "del"):
        if not book.items:
            return await _show(update, context, book)
        verb = "e" if action == "edit" else "d"
        rows = [[InlineKeyboardButton(item.name[:40], callback_data=callback("debts", verb, n))]
                for n, item in enumerate(book.items)]
        await reply_html(update, _say("pick_edit" if action == "edit" else "pick_remove", lang),
                         InlineKeyboardMarkup(rows))
        return LIST
    if action in ("e", "d"):
        index = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else -1
        if not 0 <= index < len(book.items):
            await reply_html(update, _say("stale", lang))
            return LIST
        name = book.items[index].name
        if action == "d":
            engine.remove(book, name)
            return await _show(update, context, book, _say("removed", lang, name=name))
        context.user_data["debts_editing"] = name
        await reply_html(update, _say("edit_prompt", lang, name=name))
        return EDIT
    if action == "plan":
        if book.budget is None:
            await reply_html(update, _say("budget_prompt", lang), _budget_keyboard(lang))
            return BUDGET
        return await _show(update, context, book)
    if action == "b":
        book.budget = Decimal(parts[2])
        return await _show(update, context, book)
    if action == "save":
        await _save(update, context, book)
        return LIST
    return None


def _budget_keyboard(lang: str) -> InlineKeyboardMarkup:
    amounts = ("2000", "3000", "5000", "8000")
    return InlineKeyboardMarkup([[InlineKeyboardButton(f"¥{a}", callback_data=callback("debts", "b", a))
                                  for a in amounts]])


async def _save(update: Update, context: ContextTypes.DEFAULT_TYPE, book: engine.Book) -> None:
    lang = _lang(update, context)
    user = update.effective_user
    if not book.items or user is None:
        await reply_html(update, _say("nothing_to_save", lang))
        return
    svc = services(context)
    await svc.run(svc.state.save_debts, user.id, book.to_dict())
    await reply_html(update, _say("saved", lang, n=len(book.items)))


# ------------------------------------------------------------------ leaving


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await _ack(update)
    await reply_html(update, _say("closed", _lang(update, context)))
    return ConversationHandler.END


async def command_during(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Another command while the list is open: leave it (it stays in memory) and handle the command."""
    from bot.telegram.calc_flow import dispatch_elsewhere

    await dispatch_elsewhere(update, context, skip="debts")
    return ConversationHandler.END


async def _leave_and_answer(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> int:
    from bot.telegram.handlers import answer_question

    await reply_html(update, _say("left", _lang(update, context)))
    await answer_question(update, context, text)
    return ConversationHandler.END


def _leaves(text: str, book: engine.Book) -> bool:
    """A crisis, or a question of its own that is not about the list."""
    from bot import safety

    if safety.is_crisis(text):
        return True
    from bot.understand.debts import names_in

    return bool(_QUESTION.search(text.strip())) and not names_in(text, book.names())


def _text(update: Update) -> str:
    message = update.effective_message
    return (message.text or "") if message is not None else ""


def conversation() -> ConversationHandler:
    """The /debts ConversationHandler (per user and chat). Its entry points: /debts, and /calc's plan button."""
    buttons = CallbackQueryHandler(pressed, pattern=r"^debts:(?:add|edit|del|plan|save|[ed]:\d+|b:\d+)$")
    return flow("debts", debts_start, entry_points=[CallbackQueryHandler(from_calc, pattern=r"^calc:t:plan$")],
                states={LIST: [MessageHandler(TYPED, typed), buttons],
                        EDIT: [MessageHandler(TYPED, edit_typed), buttons],
                        BUDGET: [MessageHandler(TYPED, budget_typed), buttons]},
                cancel=cancel, command_during=command_during, timeout=TIMEOUT_SECONDS)
