"""The shape every step-by-step flow shares (/calc, /debts, /letter), wired in one place.

    flow("debts", debts_start, entry_points=[…], states={…}, cancel=cancel, command_during=command_during,
         timeout=30 * 60) -> ConversationHandler

/NAME starts the flow (and starts it over during itself); /cancel or its "NAME:x" button ends it; any other
command during it is answered by command_during; a flow left alone ends after `timeout` seconds.
"""

from __future__ import annotations

import warnings
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters
from telegram.warnings import PTBUserWarning

# Text the borrower typed in a flow: not a command, not an edit.
TYPED = filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE

Callback = Callable[..., Awaitable[Any]]


def flow(name: str, start: Callback, *, entry_points: list[BaseHandler[Update, Any, Any]],
         states: dict[object, list[BaseHandler[Update, Any, Any]]], cancel: Callback, command_during: Callback,
         timeout: float) -> ConversationHandler[Any]:
    fallbacks: list[BaseHandler[Update, Any, Any]] = [
        CommandHandler("cancel", cancel), CallbackQueryHandler(cancel, pattern=rf"^{name}:x$"),
        CommandHandler(name, start),
        MessageHandler(filters.COMMAND & filters.UpdateType.MESSAGE, command_during),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBUserWarning)  # per_message=False: the flow follows the user
        return ConversationHandler(
            entry_points=[CommandHandler(name, start, filters=filters.UpdateType.MESSAGE), *entry_points],
            states=states,  # type: ignore[arg-type]
            fallbacks=fallbacks,
            conversation_timeout=timeout,
            name=name,
        )
