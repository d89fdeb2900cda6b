"""Bot state: preferences survive a reopen, users are stored hashed, retention and /forget delete what they say."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from bot.telegram.state import (
    DAY,
    NOT_QUESTIONS,
    PostgresState,
    SQLiteState,
    StateStore,
    is_question,
    question_key,
)
from bot.wordlists import entries


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.slow)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> SQLiteState:
    """Every behaviour below holds for both stores: SQLite (the default) and PostgreSQL (a real server)."""
    if request.param == "postgres":
        s = PostgresState.open(request.getfixturevalue("postgres_url"), retention_days=30)
    else:
        s = SQLiteState.open(tmp_path, retention_days=30)
    yield s
    s.close()


def test_sqlite_state_implements_the_interface(store: SQLiteState) -> None:
    assert isinstance(store, StateStore)


def test_language_preference_survives_reopening(tmp_path: Path) -> None:
    first = SQLiteState.open(tmp_path)
    assert first.language(42) is None
    first.set_language(42, "en")
    first.set_language(42, "zh")
    first.set_language(7, "en")
    first.close()
    again = SQLiteState.open(tmp_path)
    assert again.language(42) == "zh"
    assert again.language(7) == "en"
    again.close()


def test_unknown_language_is_refused(store: SQLiteState) -> None:
    with pytest.raises(ValueError, match="zh, en"):
        store.set_language(1, "fr")


def test_user_ids_and_upvoted_questions_are_not_stored_in_clear(tmp_path: Path) -> None:
    store = SQLiteState.open(tmp_path)
    store.set_language(123456789, "en")
    store.record_unanswered(123456789, "怎么申请个人破产？", "zh")
    store.record_feedback(123456789, True, kind="answer", lang="zh", articles=["a"], question="上征信吗")
    store.close()
    raw = (tmp_path / SQLiteState.FILE).read_bytes()
    conn = sqlite3.connect(tmp_path / SQLiteState.FILE)
    dumped = "\n".join(conn.iterdump())
    conn.close()
    assert b"123456789" not in raw and "123456789" not in dumped
    assert "上征信吗" not in dumped  # 👍 keeps no question text
    assert "怎么申请个人破产" in dumped  # unanswered questions are kept on purpose (for /gaps)


def test_hash_depends_on_the_installation_salt(tmp_path: Path) -> None:
    a = SQLiteState.open(tmp_path / "a")
    b = SQLiteState.open(tmp_path / "b")
    assert a.user_hash(5) != b.user_hash(5)
    assert a.user_hash(5) == SQLiteState.open(tmp_path / "a").user_hash(5)


def test_unanswered_groups_similar_questions_most_frequent_first(store: SQLiteState) -> None:
    store.record_unanswered(1, "怎么申请个人破产？", "zh")
    store.record_unanswered(2, "怎么申请个人破产", "zh")
    store.record_unanswered(3, "怎么 申请个人破产!", "zh")
    store.record_unanswered(4, "What is a payday loan?", "en")
    gaps = store.unanswered(days=7)
    assert [g.count for g in gaps] == [3, 1]
    assert question_key(gaps[0].question) == question_key("怎么申请个人破产")
    assert gaps[1].lang == "en"


def test_downvoted_lists_questions_with_cited_articles(store: SQLiteState) -> None:
    store.record_feedback(1, False, kind="answer", lang="zh", articles=["card-demo"], question="最低还款利息")
    store.record_feedback(2, False, kind="answer", lang="zh", articles=["retention-demo"], question="最低还款利息？")
    store.record_feedback(3, True, kind="answer", lang="zh", articles=["card-demo"], question="别的")
    gaps = store.downvoted(days=7)
    assert len(gaps) == 1
    assert gaps[0].count == 2
    assert set(gaps[0].articles) == {"card-demo", "retention-demo"}


def test_window_and_retention(store: SQLiteState) -> None:
    now = 1_000_000_000.0
    store.clock = lambda: now - 40 * DAY
    store.record_unanswered(1, "old question", "en")
    store.record_feedback(1, False, kind="answer", lang="en", question="old downvote")
    store.clock = lambda: now - 10 * DAY
    store.record_unanswered(1, "recent question", "en")
    store.clock = lambda: now
    assert [g.question for g in store.unanswered(days=7)] == []
    assert [g.question for g in store.unanswered(days=14)] == ["recent question"]
    assert store.purge_expired() == 2  # older than 30 days: the old question and the old 👎
    assert [g.question for g in store.unanswered(days=365)] == ["recent question"]
    assert store.downvoted(days=365) == []


def test_forget_user_deletes_everything_about_that_user_only(store: SQLiteState) -> None:
    store.set_language(1, "en")
    store.record_unanswered(1, "q1", "en")
    store.record_feedback(1, False, kind="answer", lang="en", question="q2")
    store.set_language(2, "zh")
    store.record_unanswered(2, "q3", "zh")
    assert store.forget_user(1) == 3
    assert store.language(1) is None
    assert store.language(2) == "zh"
    assert store.counts() == {"prefs": 1, "feedback": 0, "unanswered": 1}
    assert store.forget_user(1) == 0


# ---------------------------------------------------------------- one vote per answer; only real questions kept

def test_one_vote_per_user_per_answer_the_last_counts(store: SQLiteState) -> None:
    store.record_feedback(5, False, kind="answer", lang="zh", question="上征信吗", answer_key="tok1")
    store.record_feedback(5, False, kind="answer", lang="zh", question="上征信吗", answer_key="tok1")
    assert store.counts()["feedback"] == 1
    assert [g.count for g in store.downvoted(30)] == [1]
    store.record_feedback(5, True, kind="answer", lang="zh", question="上征信吗", answer_key="tok1")
    assert store.counts()["feedback"] == 1 and store.downvoted(30) == []  # changed their mind: 👍 counts
    store.record_feedback(6, False, kind="answer", lang="zh", question="上征信吗", answer_key="tok1")
    store.record_feedback(5, False, kind="answer", lang="zh", question="上征信吗", answer_key="tok2")
    assert store.counts()["feedback"] == 3  # another user, another answer


def test_a_store_from_before_answer_keys_is_upgraded(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / SQLiteState.FILE)
    conn.execute("CREATE TABLE feedback (id INTEGER PRIMARY KEY, user_hash TEXT NOT NULL, positive INTEGER NOT NULL,"
                 " kind TEXT NOT NULL, lang TEXT NOT NULL, articles TEXT NOT NULL, question TEXT, question_key TEXT,"
                 " created_at REAL NOT NULL)")
    conn.execute("INSERT INTO feedback VALUES (1, 'h', 0, 'answer', 'zh', '[]', '旧的', '旧的', 1.0)")
    conn.commit()
    conn.close()
    store = SQLiteState.open(tmp_path)
    store.record_feedback(5, False, kind="answer", lang="zh", question="新的", answer_key="t")
    assert store.counts()["feedback"] == 2
    store.close()


@pytest.mark.parametrize(("pattern", "key", "example"), entries(NOT_QUESTIONS))
def test_every_not_question_entry_matches_its_example(pattern: str, key: str, example: str) -> None:
    assert re.fullmatch(pattern, example, re.IGNORECASE), f"{pattern!r} does not match {example!r}"
    assert not is_question(example)


@pytest.mark.parametrize("text", ["逾期三天会上征信吗", "信用卡", "24%的利率合法吗", "How long does it stay?",
                                  "欠1万逾期两个月要还多少？"])
def test_real_questions_are_questions(text: str) -> None:
    assert is_question(text)


def test_gaps_list_only_real_questions(store: SQLiteState) -> None:
    for text in ["0.1", "45", "两个月", "日息万五", "没有", "怎么申请个人破产？"]:
        store.record_unanswered(9, text, "zh")
    assert [g.question for g in store.unanswered(30)] == ["怎么申请个人破产？"]
    assert store.counts()["unanswered"] == 1
