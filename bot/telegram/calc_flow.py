"""/calc: a guided overdue-charges calculation with inline keyboards.

product type → overdue principal → penalty rate (and its unit when the text did not say) → days overdue →
optional one-off fee → the breakdown (bot.engine.explain) and the debt chart as a photo. /cancel or ✖ leaves.
The answers so far live in user_data["calc"] (process memory only).
"""

from __future__ import annotations

import logging
import warnings
from decimal import Decimal
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.engine.answer import Answer
from bot.telegram.formatting import callback, esc
from bot.telegram.services import language, reply_html, services, typing
from bot.telegram.texts import PRODUCTS, UNITS, label, say

log = logging.getLogger("finbot.telegram")

PRODUCT, AMOUNT, RATE, UNIT, DAYS, FEES = range(6)
QUICK_DAYS = (7, 30, 90, 180)
TIMEOUT_SECONDS = 15 * 60


def _keyboard(rows: list[list[tuple[str, str]]], lang: str) -> InlineKeyboardMarkup:
    buttons = [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows]
    buttons.append([InlineKeyboardButton(say(lang, "calc_cancel_button"), callback_data=callback("calc", "x"))])
    return InlineKeyboardMarkup(buttons)


def _state(context: ContextTypes.DEFAULT_TYPE) -> dict[str, Any]:
    assert context.user_data is not None
    return context.user_data.setdefault("calc", {})  # type: ignore[no-any-return]


async def _ack(update: Update) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()


async def calc_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/calc: "What kind of debt is it?" with one button per product type."""
    lang = language(update, context)
    assert context.user_data is not None
    context.user_data["calc"] = {"lang": lang}
    keys = list(PRODUCTS)
    rows = [[(label(PRODUCTS, k, lang), callback("calc", "p", k)) for k in keys[i:i + 2]]
            for i in range(0, len(keys), 2)]
    await reply_html(update, say(lang, "calc_product"), _keyboard(rows, lang))
    return PRODUCT


async def product_chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A product button: asks for the overdue principal."""
    await _ack(update)
    st = _state(context)
    assert update.callback_query is not None and update.callback_query.data is not None
    st["product_type"] = update.callback_query.data.split(":")[2]
    await reply_html(update, say(st.get("lang"), "calc_amount"), _keyboard([], st.get("lang", "zh")))
    return AMOUNT


async def amount_given(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The principal ("10000", "1万"): asks for the rate; an unreadable amount is asked again with an example."""
    from bot.understand import parse_amount

    st = _state(context)
    lang = st.get("lang", "zh")
    value = parse_amount(_text(update))
    if value is None or value <= 0:
        await reply_html(update, say(lang, "calc_amount_bad"), _keyboard([], lang))
        return AMOUNT
    st["principal_overdue"] = value
    await reply_html(update, say(lang, "calc_rate"), _keyboard([], lang))
    return RATE


async def rate_given(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The rate: with a unit ("日息万五", "0.05%/天") go on to days; without one, ask per day/month/year."""
    from bot.understand import parse_number, parse_rate

    st = _state(context)
    lang = st.get("lang", "zh")
    text = _text(update)
    got = parse_rate(text)
    if got is None:
        bare = parse_number(text.strip())
        # The prompt says a bare number is a percent, so "0.05" is 0.05 %, never 5 %.
        got = (bare / 100, None) if bare is not None and bare > 0 else None
    if got is None or got[0] <= 0:
        await reply_html(update, say(lang, "calc_rate_bad"), _keyboard([], lang))
        return RATE
    st["penalty_rate"], unit = got
    if unit is None:
        rows = [[(label(UNITS, u, lang), callback("calc", "u", u)) for u in UNITS]]
        shown = f"{_pct(st['penalty_rate'])}%"
        await reply_html(update, say(lang, "calc_unit", rate=shown), _keyboard(rows, lang))
        return UNIT
    st["penalty_rate_unit"] = unit
    return await _ask_days(update, lang)


async def unit_chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A unit button: asks for the days overdue."""
    await _ack(update)
    st = _state(context)
    assert update.callback_query is not None and update.callback_query.data is not None
    st["penalty_rate_unit"] = update.callback_query.data.split(":")[2]
    return await _ask_days(update, st.get("lang", "zh"))


async def _ask_days(update: Update, lang: str) -> int:
    rows = [[(str(d), callback("calc", "d", d)) for d in QUICK_DAYS]]
    await reply_html(update, say(lang, "calc_days"), _keyboard(rows, lang))
    return DAYS


async def days_given(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Days overdue, typed ("45", "两个月") or tapped: asks about fees."""
    from bot.understand import parse_duration, parse_number

    st = _state(context)
    lang = st.get("lang", "zh")
    if update.callback_query is not None and update.callback_query.data is not None:
        await _ack(update)
        days: int | None = int(update.callback_query.data.split(":")[2])
    else:
        text = _text(update)
        span = parse_duration(text)
        number = parse_number(text.strip())
        days = span.days if span is not None else (int(number) if number is not None and number == int(number)
                                                    else None)
    if days is None or not 0 <= days <= 36500:
        await reply_html(update, say(lang, "calc_days_bad"), _keyboard([], lang))
        return DAYS
    st["days_overdue"] = days
    rows = [[(say(lang, "calc_none"), callback("calc", "f", "none"))]]
    await reply_html(update, say(lang, "calc_fees"), _keyboard(rows, lang))
    return FEES


async def fees_given(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A fee ("200", "违约金200元", "5%") or "None": sends the breakdown, then the chart photo."""
    from bot.understand import parse_fees, parse_number

    st = _state(context)
    lang = st.get("lang", "zh")
    if update.callback_query is not None:
        await _ack(update)
    else:
        text = _text(update)
        fees = parse_fees(text)
        if fees:
            st["fee"] = fees[0].to_spec()
        else:
            number = parse_number(text.replace("元", "").replace("¥", "").strip())
            if number is None or number < 0:
                await reply_html(update, say(lang, "calc_fees_bad"), _keyboard(
                    [[(say(lang, "calc_none"), callback("calc", "f", "none"))]], lang))
                return FEES
            if number > 0:
                st["fee"] = {"type": "fixed", "amount": number, "times": 1}
    await _finish(update, context, st)
    return ConversationHandler.END


async def _finish(update: Update, context: ContextTypes.DEFAULT_TYPE, st: dict[str, Any]) -> None:
    from bot.calculator import CalcError, run_tool
    from bot.engine.explain import explain

    lang = st.get("lang", "zh")
    inputs = {k: st[k] for k in ("product_type", "principal_overdue", "penalty_rate", "penalty_rate_unit",
                                 "days_overdue", "fee") if k in st}
    if st.get("product_type") == "private_lending":
        from datetime import date

        inputs["contract_date"] = date.today().isoformat()  # the cap at today's LPR; the note says so
    assert context.user_data is not None
    context.user_data.pop("calc", None)
    svc = services(context)
    chat = update.effective_chat
    assert chat is not None
    try:
        result = run_tool("penalty", inputs, lang=lang)
    except CalcError as exc:
        problem = (getattr(exc, "message_zh", None) if lang == "zh" else None) or str(exc)
        await reply_html(update, say(lang, "calc_error", problem=problem))
        return
    await reply_html(update, esc(explain(result, lang)))
    answer = Answer("calculation", "", lang, calc=result, chart_available=True, via="calculator")
    async with typing(context, chat.id):
        png = await svc.run(svc.chart, answer)
    if png is not None:
        await chat.send_photo(png, caption=say(lang, "chart_caption"))


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/cancel or ✖: leaves the calculator and says how to come back."""
    await _ack(update)
    st = _state(context)
    lang = st.get("lang") or language(update, context)
    assert context.user_data is not None
    context.user_data.pop("calc", None)
    await reply_html(update, say(lang, "calc_cancelled"))
    return ConversationHandler.END


def _text(update: Update) -> str:
    message = update.effective_message
    return (message.text or "") if message is not None else ""


def _pct(fraction: Decimal) -> str:
    return format((fraction * 100).normalize(), "f")


def conversation() -> ConversationHandler:
    """The /calc ConversationHandler (per user and chat; updates arrive in order thanks to PerUserProcessor)."""
    text = filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE
    with warnings.catch_warnings():
        # per_message=False with CallbackQueryHandlers is what we want: the flow follows the user, not a message.
        warnings.simplefilter("ignore", PTBUserWarning)
        return ConversationHandler(
            entry_points=[CommandHandler("calc", calc_start, filters=filters.UpdateType.MESSAGE)],
            states={
                PRODUCT: [CallbackQueryHandler(product_chosen, pattern=r"^calc:p:\w+$")],
                AMOUNT: [MessageHandler(text, amount_given)],
                RATE: [MessageHandler(text, rate_given)],
                UNIT: [CallbackQueryHandler(unit_chosen, pattern=r"^calc:u:(daily|monthly|annual)$")],
                DAYS: [MessageHandler(text, days_given), CallbackQueryHandler(days_given, pattern=r"^calc:d:\d+$")],
                FEES: [MessageHandler(text, fees_given), CallbackQueryHandler(fees_given, pattern=r"^calc:f:none$")],
            },
            fallbacks=[CommandHandler("cancel", cancel), CallbackQueryHandler(cancel, pattern=r"^calc:x$"),
                       CommandHandler("calc", calc_start)],
            conversation_timeout=TIMEOUT_SECONDS,
            name="calc",
        )
