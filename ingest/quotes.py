"""Quotation marks — the one definition the composer (which never shows a sentence inside a quotation) and
`finbot kb check` (which warns about a mark without its pair) share. Standard library only.

    opened('他说："先还一部分。') -> (0, 1);  unpaired('“先还一部分。') -> True
"""

from __future__ import annotations

# Marks that open and close differently; a straight '"' does both, so only its count's parity says it is open.
PAIRS = (("“", "”"), ("「", "」"))


def opened(text: str) -> tuple[int, int]:
    """What text leaves open: curly and corner quotations opened minus closed, and the number of straight '"'."""
    return sum(text.count(a) - text.count(b) for a, b in PAIRS), text.count('"')


def unpaired(text: str) -> bool:
    """Some quotation mark in text has no partner (each kind of pair counted on its own)."""
    return any(text.count(a) != text.count(b) for a, b in PAIRS) or text.count('"') % 2 == 1
