"""Numbers a borrower gave that the calculator cannot use: a rate written as letters ("日息abc") or a negative amount
("借了-5000"). Said back with what is wrong and how to write it, instead of being skipped silently (which led to a
question about something else, or to a bill on the wrong number).

Pure and fast: it runs on every message before the calculator reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A rate word followed by letters that are not a rate's name: "日息abc", "年化是xx". LPR/APR/IRR are the names of rates
# ("利率是LPR的4倍"), "k"/"w" are shorthand the amount reader knows.
_RATE_WORD = r"(?:日息|日利率|日利息|月息|月利率|年息|年利率|年化利率|年化|利率)"
# Right after the word, or after 是/为/a colon: "年化 not the daily number" is English around a Chinese word.
_LETTERS_AFTER_RATE = re.compile(_RATE_WORD + r"(?:\s*(?:是|为|[:：])\s*)?([A-Za-z]{2,})(?![A-Za-z])")
_RATE_NAMES = {"lpr", "apr", "irr", "lprs"}

# A minus sign right before the number of a debt: "借了-5000", "欠-3万", "borrowed -5000", "principal: -2000".
_MONEY_WORD = r"(?:借了|借款|借|欠了|欠款|欠|本金|贷了|贷款|borrowed|borrow|owe|owed|loan of|principal)"
_NEGATIVE_AMOUNT = re.compile(_MONEY_WORD + r"\s*(?:是|为|[:：])?\s*([-－−]\s*\d+(?:[,.]\d+)*\s*(?:万|千|元|块|k|w)?)",
                              re.IGNORECASE)


@dataclass(frozen=True)
class Unreadable:
    what: str  # "rate" | "amount"
    written: str  # as the borrower wrote it


def unreadable(text: str) -> list[Unreadable]:
    """Every value in text the calculator would have to skip or misread, in order of appearance."""
    found: list[tuple[int, Unreadable]] = []
    for m in _LETTERS_AFTER_RATE.finditer(text):
        if m.group(1).lower() not in _RATE_NAMES:
            found.append((m.start(), Unreadable("rate", m.group(0).strip())))
    for m in _NEGATIVE_AMOUNT.finditer(text):
        found.append((m.start(), Unreadable("amount", m.group(1).replace(" ", ""))))
    return [u for _, u in sorted(found, key=lambda pair: pair[0])]


def unreadable_text(problems: list[Unreadable], lang: str) -> str:
    """What is wrong with each value, and how to write it so the calculator can use it."""
    lines = []
    for p in problems:
        if p.what == "rate":
            lines.append(f"“{p.written}”里没有能读懂的数字，算不了利率。请写成这样：日息万五、日利率0.05%、月息1分5、年化18%。"
                         if lang == "zh" else
                         f"“{p.written}” has no number I can read as a rate. Write it like: daily 0.05%, "
                         "monthly 1.5%, 18% a year.")
        else:
            lines.append(f"“{p.written}”是负数，借款金额不能是负数。请写成这样：借了5000、欠3万。"
                         if lang == "zh" else
                         f"“{p.written}” is negative; a debt cannot be. Write it like: borrowed 5,000 yuan.")
    lines.append("改好后再发给我，我就能算。" if lang == "zh" else "Send it again corrected and I will calculate.")
    return "\n".join(lines)
