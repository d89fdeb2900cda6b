"""Chinese characters in a text — the one definition every reader shares (language detection, spelling, safety,
article parsing). Standard library only, so the lightest module can ask.

    has_han("my 信用卡") -> True;  han_count("信用卡 card") -> 3;  han_runs("what's 停息挂账 vs 个性化分期") -> 2
"""

from __future__ import annotations

import re

# CJK Unified Ideographs, Extension A and the compatibility block: every Han character a borrower's keyboard types.
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def has_han(text: str) -> bool:
    return HAN.search(text) is not None


def han_count(text: str) -> int:
    return len(HAN.findall(text))


def han_runs(text: str) -> int:
    """How many separate stretches of Chinese a text holds (one term quoted in English is one)."""
    return len(_HAN_RUN.findall(text))


_HAN_RUN = re.compile(HAN.pattern + "+")
