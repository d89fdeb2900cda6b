"""Chinese characters in a text — the one definition every reader shares (language detection, spelling, safety,
article parsing). Standard library only, so the lightest module can ask.

    has_han("my 信用卡") -> True;  han_count("信用卡 card") -> 3
"""

from __future__ import annotations

import re

# CJK Unified Ideographs, Extension A and the compatibility block: every Han character a borrower's keyboard types.
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def has_han(text: str) -> bool:
    return HAN.search(text) is not None


def han_count(text: str) -> int:
    return len(HAN.findall(text))
