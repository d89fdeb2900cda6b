"""Usurious IOUs: a request to write a loan document at a rate above the private-lending cap (a refusal rule of
bot/safety/screen.py, kept apart because it reads numbers rather than words)."""

from __future__ import annotations

import logging
import re
from decimal import Decimal

log = logging.getLogger(__name__)

# The rates are read by bot.understand (the one rate reader) and the cap comes from the calculator and its LPR
# table (4 × the one-year LPR today; a lawful rate is never refused — the education answer covers the rest).
_IOU_RE = re.compile(r"借条|借据|欠条|借款合同|借款协议|放贷|放款|借给|借出|\biou\b|loan agreement|private loan|"
                     r"\blend(?:ing)?\b|promissory note", re.IGNORECASE)
# Asked to write one, not describing what an existing one says ("借条写逾期每天0.1%，法院支持多少").
_DRAFT_RE = re.compile(r"帮我.{0,8}(?:写|拟|起草|弄|做|打)|(?:怎么|如何|怎样)(?:写|拟|起草)|"
                       r"(?:写|拟|起草|打)(?:一|个|张|份)"
                       r"(?:借条|借据|欠条|合同|协议)|拟一下|起草|(?:借条|借据|欠条).{0,6}怎么写|"
                       r"\b(?:write|draft|word|prepare|make)\b", re.IGNORECASE)


def _annual_percents(text: str) -> list[Decimal]:
    """Every rate stated with its unit, as a simple annual percentage (bot.understand reads them)."""
    from bot.understand import annual_percent, extract

    rates = (r for r in extract(text).rates if r.kind != "markup")
    return [p for r in rates if (p := annual_percent(r)) is not None]


def usurious_iou(text: str) -> bool:
    """Asked to write a loan document at a rate above the cap ("帮我写个借条，月息5%")."""
    if not (_IOU_RE.search(text) and _DRAFT_RE.search(text)):
        return False
    from bot.calculator.caps import applicable_cap

    try:
        return any(applicable_cap("private_lending", rate).exceeds for rate in _annual_percents(text))
    except Exception:  # a reader or table problem must not make every IOU request fail
        log.warning("usury check could not read the rates or the cap", exc_info=False)
        return False
