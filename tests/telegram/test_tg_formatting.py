"""Telegram output rules: escaping, splitting under 4096 without breaking HTML, callback data under 64 bytes."""

from __future__ import annotations

import pytest
from fakebot import html_error
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.engine.answer import Answer, Source
from bot.telegram.formatting import answer_html, callback, esc, split_html, visible
from bot.telegram.texts import TEXTS, say


def test_escape_and_answer_html_survive_markup_in_every_field() -> None:
    ans = Answer("answer", "a < b & c > d [1]", "en",
                 sources=[Source("x", "Title <i>", "Sec & 2", 0.9, "en")])
    out = answer_html(ans, question="<b>q</b>")
    assert html_error(out) is None
    assert "<b>q</b>" in visible(out) and "a < b & c > d" in visible(out) and "Title <i> › Sec & 2" in visible(out)
    assert esc("<&>") == "&lt;&amp;&gt;"


def test_callback_data_is_refused_over_64_bytes() -> None:
    assert callback("fb", "up", "abcdefgh") == "fb:up:abcdefgh"
    with pytest.raises(ValueError, match="64"):
        callback("rq", "问题" * 11)


@pytest.mark.parametrize("key", sorted(TEXTS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_bot_text_is_valid_telegram_html(key: str, lang: str) -> None:
    values = {"days": 90, "n": 3, "max": 10, "rate": "1<2", "problem": "x & y", "size": 1, "problems": "<p>",
              "path": "a/b.md", "summary": "s", "action": "a", "id": "i", "error": "E", "articles": 1, "zh": 1,
              "en": 1, "chunks": 1, "embedding": "use", "errors": 0, "warnings": 0, "feedback": 0, "unanswered": 0,
              "rule": "每月15号 <x>", "label": "还卡 & 贷", "next": "3月13日", "due": "3月15日", "when": "后天",
              "screen_failures": 0, "items": "• 「<b>」", "name": "a<b>.md", "fields": "id: x & y"}
    text = say(lang, key, **values)
    assert html_error(text) is None, text
    assert len(text) < 4096


def test_split_prefers_line_breaks_and_keeps_tags_balanced() -> None:
    lines = [f"<b>line {i}</b> " + "x" * 80 for i in range(200)]
    parts = split_html("\n".join(lines))
    assert len(parts) > 1
    for part in parts:
        assert len(part) <= 4096 and html_error(part) is None
        assert part.startswith("<b>line")  # every part starts at a line break
    assert "\n".join(visible(p) for p in parts) == visible("\n".join(lines))


def test_split_a_single_huge_line_inside_a_tag() -> None:
    text = "<i>" + "长" * 9000 + "</i>"
    parts = split_html(text)
    assert [len(visible(p)) for p in parts] == [4089, 4089, 822]
    assert all(p.startswith("<i>") and p.endswith("</i>") for p in parts)


def test_short_text_is_one_part_and_empty_text_none() -> None:
    assert split_html("<b>hi</b>") == ["<b>hi</b>"]
    assert split_html("  <b> </b> ") == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "b", "i", "code"]),
                          st.text(alphabet=st.sampled_from("ab 征信<>&\n"), max_size=400)), max_size=40),
       st.integers(min_value=40, max_value=600))
def test_split_property_valid_html_no_text_lost(pieces: list[tuple[str, str]], limit: int) -> None:
    text = "".join(f"<{t}>{esc(s)}</{t}>" if t else esc(s) for t, s in pieces)
    parts = split_html(text, limit=limit)
    for part in parts:
        assert len(part) <= limit
        assert html_error(part) is None
    squeeze = "".join(visible(text).split())
    assert "".join("".join(visible(p).split()) for p in parts) == squeeze
