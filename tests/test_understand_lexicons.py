"""The word lists in bot/understand/lexicons/: every entry matches the example written beside it."""

from __future__ import annotations

import re

import pytest

from bot.understand import detect_product
from bot.understand.lexicon import DIRECTORY, Entry, entries

NAMES = sorted(p.stem for p in DIRECTORY.glob("*.tsv"))
ALL = [(name, e) for name in NAMES for e in entries(name)]


def test_every_list_is_there() -> None:
    assert {"products", "methods", "cues", "rate_kinds", "amount_roles", "duration_roles"} <= set(NAMES)
    assert len(ALL) > 400


@pytest.mark.parametrize(("name", "entry"), ALL, ids=[f"{n}:{e.line}" for n, e in ALL])
def test_entry_matches_its_example(name: str, entry: Entry) -> None:
    assert re.search(entry.pattern, entry.example, re.I), f"lexicons/{name}.tsv:{entry.line}"


@pytest.mark.parametrize("entry", entries("products"), ids=lambda e: f"products:{e.line}")
def test_a_lender_example_is_read_as_that_kind(entry: Entry) -> None:
    assert detect_product(entry.example) == entry.key, f"lexicons/products.tsv:{entry.line}"
