"""/calc: a step-by-step calculation generated from the tool schemas, run through the answer engine.

/calc → one button per calculator tool (the repayment plan, whose input is a list of debts, is handed to /debts:
bot/telegram/debts.py) → one step per input the tool still needs (bot.calculator.schemas.missing),
each with the field's own question, buttons for choices and units, quick answers from the schema's examples →
optional steps (a fee, money kept back at payout) with a "None" button → the engine's answer (the same words,
background and 📈 button as a question typed in chat).

The mode is visible and easy to leave: every prompt says a calculation is open and how to leave it; /cancel or ✖
closes it; any other command, or a message that is clearly a question, closes it and is answered; a crisis is
checked first on every typed step, through the engine like every other path (_crisis_first).
Each reply is read and checked at its own step (bot.understand.replies): negative amounts are asked again, "5%"
is a percent fee, a bare "0.05" for a rate is offered as 0.05% or 5%, a rate above 1% a day is confirmed first.
State lives in user_data["calc"] (process memory only).
"""

from __future__ import annotations

import logging
import re
from decimal import Decimal
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
)

from bot.calculator import schemas
from bot.telegram import compute
from bot.telegram.flows import TYPED, flow
from bot.telegram.formatting import answer_html, callback, esc, new_token
from bot.telegram.services import Asked, crisis_first, language, reply_html, services, typing

log = logging.getLogger("finbot.telegram")

CHOOSE, FIELD = range(2)
TIMEOUT_SECONDS = 15 * 60

# The wizard's own words (the questions themselves come from the schemas).
WORDS: dict[str, tuple[str, str]] = {
    "open": ("🧮 计算器已打开。想算什么？", "🧮 Calculator open. What would you like to work out?"),
    "mode": ("（正在计算：{tool} · 发 /cancel 或点 ✖ 退出，直接提问也会退出）",
             "(Calculating: {tool} · /cancel or ✖ to leave; asking a question also leaves)"),
    "cancel": ("✖ 退出计算", "✖ Leave"),
    "none": ("没有", "None"),
    "yes": ("是的，就是这个", "Yes, that's right"),
    "retype": ("重新输入", "Type it again"),
    "which": ("“{said}”是哪一个？", "Which do you mean by “{said}”?"),
    "closed": ("已退出计算。随时发 /calc 重新开始。", "Calculator closed. Send /calc to start again."),
    "left": ("已退出计算，先回答你的问题：", "I've closed the calculator to answer your question:"),
    "choose": ("请点一个按钮选择要算什么。", "Please tap a button to choose what to work out."),
    "stale": ("这一步已经过去了。", "That step has passed."),
}
# A reply that is a question or a request of its own, not a value for the step.
_QUESTION = re.compile(r"[?？]|吗|什么|怎么|怎样|为什么|能不能|可不可以|是不是|会不会|有没有|如何|哪里|谁|"
                       r"^(?:how|what|why|when|which|who|can|could|is|are|does|do|should|will|would)\b", re.I)


def _say(key: str, lang: str, **values: object) -> str:
    text = WORDS[key][0 if lang == "zh" else 1]
    return text.format(**{k: esc(v) for k, v in values.items()}) if values else esc(text)


def _state(context: ContextTypes.DEFAULT_TYPE) -> dict[str, Any]:
    assert context.user_data is not None
    return context.user_data.setdefault("calc", {})  # type: ignore[no-any-return]


def _keyboard(rows: list[list[tuple[str, str]]], lang: str) -> InlineKeyboardMarkup:
    buttons = [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows if row]
    leave = WORDS["cancel"][0 if lang == "zh" else 1]
    buttons.append([InlineKeyboardButton(leave, callback_data=callback("calc", "x"))])
    return InlineKeyboardMarkup(buttons)


def _rows(pairs: list[tuple[str, str]], per_row: int = 2) -> list[list[tuple[str, str]]]:
    return [pairs[i:i + per_row] for i in range(0, len(pairs), per_row)]


async def _ack(update: Update) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()


# ------------------------------------------------------------------ choosing a tool


async def calc_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/calc: one button per calculator tool (every tool the schemas define)."""
    lang = language(update, context)
    assert context.user_data is not None
    context.user_data["calc"] = {"lang": lang}
    pairs = [(schemas.TOOL_TITLES[t][0 if lang == "zh" else 1], callback("calc", "t", t)) for t in schemas.SCHEMAS]
    await reply_html(update, _say("open", lang), _keyboard(_rows(pairs), lang))
    return CHOOSE


async def tool_chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await _ack(update)
    st = _state(context)
    assert update.callback_query is not None and update.callback_query.data is not None
    tool = update.callback_query.data.split(":")[2]
    if tool not in schemas.SCHEMAS:
        return CHOOSE
    if schemas.of_kind(tool, "debts"):  # a list of debts fits no one-question-per-input step: /debts asks for it
        assert context.user_data is not None
        context.user_data.pop("calc", None)
        await dispatch_elsewhere(update, context)
        return ConversationHandler.END
    st.update(tool=tool, inputs={}, asked=[], notes=[])
    return await _next(update, context)


async def choose_typed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Text while the tools are shown: a question leaves and is answered; anything else asks for a tap."""
    text = _text(update)
    if _leaves(text):
        return await _leave_and_answer(update, context, text)
    lang = _state(context).get("lang", "zh")
    await reply_html(update, _say("choose", lang))
    return CHOOSE


# ------------------------------------------------------------------ one step per input


def _next_field(st: dict[str, Any]) -> str | None:
    tool, inputs, asked = st["tool"], st["inputs"], st["asked"]
    missing = schemas.missing(tool, inputs)
    if missing:
        return missing[0]
    for name, _info, ask in schemas.fields(tool):
        if ask.optional and ask.wizard and name not in inputs and name not in asked:
            return name
    return None


async def _next(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    st = _state(context)
    name = _next_field(st)
    if name is None:
        await _finish(update, context, st)
        return ConversationHandler.END
    st["field"] = name
    st.pop("options", None)
    st.pop("pending", None)
    return await _ask(update, st, name)


async def _ask(update: Update, st: dict[str, Any], name: str, lead: str = "") -> int:
    from bot.understand import field_question

    lang, tool = st.get("lang", "zh"), st["tool"]
    ask = schemas.ask(tool, name)
    assert ask is not None
    options: list[tuple[str, Any]] = []
    if ask.kind in ("choice", "unit"):
        options = [(schemas.choice_label(tool, name, v, lang), v) for v in schemas.choices(tool, name)]
    elif ask.examples:
        options = [(e, e) for e in ask.examples]
    if ask.optional:
        options.append((WORDS["none"][0 if lang == "zh" else 1], None))
    st["options"] = [v for _label, v in options]
    pairs = [(label, callback("calc", "v", i)) for i, (label, _v) in enumerate(options)]
    question = esc(field_question(tool, name, lang)) if ask.kind not in ("choice", "unit") else esc(
        ask.zh if lang == "zh" else ask.en)
    if ask.kind == "unit" and ask.unit_of and ask.unit_of in st["inputs"]:
        shown = format((Decimal(str(st["inputs"][ask.unit_of])) * 100).normalize(), "f")
        question = esc(f"你说的 {shown}% 是按天、按月还是按年？" if lang == "zh"
                       else f"Is {shown}% per day, per month or per year?")
    mode = _say("mode", lang, tool=schemas.TOOL_TITLES[tool][0 if lang == "zh" else 1])
    body = "\n".join(p for p in (lead, question, mode) if p)
    await reply_html(update, body, _keyboard(_rows(pairs, 4 if ask.kind in ("days", "months") else 2), lang))
    return FIELD


async def field_typed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A typed answer: used when it reads as the step's value; a question leaves; anything else is asked again."""
    from bot.understand.replies import read_reply

    st = _state(context)
    text = _text(update)
    name = st.get("field")
    if not name or "tool" not in st:
        return await _leave_and_answer(update, context, text)
    reading = read_reply(st["tool"], name, text, st["inputs"])
    if not reading.ok and not reading.skip and _leaves(text):
        return await _leave_and_answer(update, context, text)
    return await _use(update, context, st, name, reading, text)


async def field_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A tapped choice, unit, quick answer, "None", or the answer to "which did you mean" / "is that right"."""
    from bot.understand.replies import Reading, read_reply

    await _ack(update)
    st = _state(context)
    assert update.callback_query is not None and update.callback_query.data is not None
    index = int(update.callback_query.data.split(":")[2])
    options, name = st.get("options") or [], st.get("field")
    if name is None or "tool" not in st or index >= len(options):
        await reply_html(update, _say("stale", st.get("lang", "zh")))
        return FIELD
    picked = options[index]
    pending = st.pop("pending", None)
    if pending is not None:  # "is that right?": yes keeps the value, no asks again
        if picked == "yes":
            return await _accept(update, context, st, name, pending["value"], pending["also"])
        return await _ask(update, st, name)
    ask = schemas.ask(st["tool"], name)
    if picked is None:
        reading = Reading(skip=True)
    elif ask is not None and ask.kind in ("choice", "unit"):
        reading = Reading(value=picked)
    elif isinstance(picked, (Decimal, int)):  # one reading of an ambiguous rate
        reading = read_reply(st["tool"], name, f"{format(Decimal(picked) * 100, 'f')}%", st["inputs"])
    else:
        reading = read_reply(st["tool"], name, str(picked), st["inputs"])
    return await _use(update, context, st, name, reading, str(picked))


async def _use(update: Update, context: ContextTypes.DEFAULT_TYPE, st: dict[str, Any], name: str, reading: Any,
               said: str) -> int:
    lang = st.get("lang", "zh")
    if reading.skip:
        st["asked"].append(name)
        return await _next(update, context)
    if reading.problem is not None:
        return await _ask(update, st, name, lead=esc(reading.problem[0 if lang == "zh" else 1]))
    if reading.options:
        st["options"] = [v for _label, v in reading.options]
        pairs = [(label, callback("calc", "v", i)) for i, (label, _v) in enumerate(reading.options)]
        await reply_html(update, _say("which", lang, said=said), _keyboard(_rows(pairs), lang))
        return FIELD
    if reading.check is not None:
        st["pending"] = {"value": reading.value, "also": reading.also}
        st["options"] = ["yes", "no"]
        pairs = [(WORDS["yes"][0 if lang == "zh" else 1], callback("calc", "v", 0)),
                 (WORDS["retype"][0 if lang == "zh" else 1], callback("calc", "v", 1))]
        await reply_html(update, esc(reading.check[0 if lang == "zh" else 1]), _keyboard([pairs], lang))
        return FIELD
    return await _accept(update, context, st, name, reading.value, reading.also)


async def _accept(update: Update, context: ContextTypes.DEFAULT_TYPE, st: dict[str, Any], name: str, value: Any,
                  also: dict[str, Any]) -> int:
    st["inputs"][name] = value
    for key, extra in also.items():
        st["inputs"].setdefault(key, extra)
    st["asked"].append(name)
    return await _next(update, context)


# ------------------------------------------------------------------ the result, leaving


async def _finish(update: Update, context: ContextTypes.DEFAULT_TYPE, st: dict[str, Any]) -> None:
    """Run the calculation through the engine and send it like any answer (background, 📈, 👍/👎)."""
    from bot.telegram.handlers import answer_keyboard

    lang, tool, inputs = st.get("lang", "zh"), st["tool"], dict(st["inputs"])
    assert context.user_data is not None
    context.user_data.pop("calc", None)
    svc = services(context)
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None
    async with typing(context, chat.id):
        answer = await svc.compute(compute.calculate, tool, inputs, lang)
    token = new_token()
    title = schemas.TOOL_TITLES[tool][0 if lang == "zh" else 1]
    await svc.remember(token, Asked(f"/calc {title}", answer, user.id if user else 0))
    await reply_html(update, answer_html(answer), answer_keyboard(answer, token))


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/cancel or ✖: leaves the calculator and says how to come back."""
    await _ack(update)
    st = _state(context)
    lang = st.get("lang") or language(update, context)
    assert context.user_data is not None
    context.user_data.pop("calc", None)
    await reply_html(update, _say("closed", lang))
    return ConversationHandler.END


async def command_during(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Any other command while a calculation is open: close it, then handle the command as usual."""
    assert context.user_data is not None
    context.user_data.pop("calc", None)
    await dispatch_elsewhere(update, context)
    return ConversationHandler.END


async def _leave_and_answer(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> int:
    from bot.telegram.handlers import answer_question

    st = _state(context)
    lang = st.get("lang", "zh")
    assert context.user_data is not None
    context.user_data.pop("calc", None)
    await reply_html(update, _say("left", lang))
    await answer_question(update, context, text)
    return ConversationHandler.END


def _leaves(text: str) -> bool:
    """A question or a request of its own: not a value for the step (a crisis never gets here: _crisis_first)."""
    stripped = text.strip()
    return bool(_QUESTION.search(stripped)) or len(stripped) > 24


async def dispatch_elsewhere(update: Update, context: ContextTypes.DEFAULT_TYPE, skip: str = "calc") -> None:
    """Hand the update to the first other handler of group 0 that wants it (the command's own handler, or the
    /debts conversation for /calc's plan); `skip` names the conversation handing it over."""
    app = context.application
    for handler in app.handlers.get(0, []):
        if isinstance(handler, ConversationHandler) and handler.name == skip:
            continue
        check = handler.check_update(update)
        if check is not None and check is not False:
            await handler.handle_update(update, app, check, context)
            return


def _text(update: Update) -> str:
    message = update.effective_message
    return (message.text or "") if message is not None else ""


def _crisis_first(step: Any) -> Any:
    """Wrap a typed step: crisis first, through the engine like every other path (services.crisis_first: the
    rules and the semantic screen; the calculation closes). A calculation cleared elsewhere (a crisis reply to a
    caption, /forget) closes too, and the message is answered as a question."""

    async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        if await crisis_first(update, context, _text(update)):
            return ConversationHandler.END
        if context.user_data is not None and "calc" not in context.user_data:
            from bot.telegram.handlers import answer_question

            await answer_question(update, context, _text(update))
            return ConversationHandler.END
        return int(await step(update, context))

    return guarded


def conversation() -> ConversationHandler:
    """The /calc ConversationHandler (per user and chat; updates arrive in order thanks to PerUserProcessor)."""
    return flow("calc", calc_start, entry_points=[],
                states={CHOOSE: [CallbackQueryHandler(tool_chosen, pattern=r"^calc:t:\w+$"),
                                 MessageHandler(TYPED, _crisis_first(choose_typed))],
                        FIELD: [MessageHandler(TYPED, _crisis_first(field_typed)),
                                CallbackQueryHandler(field_button, pattern=r"^calc:v:\d+$")]},
                cancel=cancel, command_during=command_during, timeout=TIMEOUT_SECONDS)
