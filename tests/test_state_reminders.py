"""Reminders in the state store, and the numbered schema steps an existing database gets."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.telegram.state import SCHEMA_VERSION, SQLiteState

# The schema as it shipped before reminders (and before the steps were numbered: user_version 0).
OLD_SCHEMA = """
CREATE TABLE prefs (user_hash TEXT PRIMARY KEY, lang TEXT NOT NULL, updated_at REAL NOT NULL);
CREATE TABLE feedback (id INTEGER PRIMARY KEY, user_hash TEXT NOT NULL, positive INTEGER NOT NULL, kind TEXT NOT NULL,
    lang TEXT NOT NULL, articles TEXT NOT NULL, question TEXT, question_key TEXT, created_at REAL NOT NULL);
CREATE TABLE unanswered (id INTEGER PRIMARY KEY, user_hash TEXT NOT NULL, question TEXT NOT NULL,
    question_key TEXT NOT NULL, lang TEXT NOT NULL, created_at REAL NOT NULL);
"""
SCHEDULE = {"kind": "monthly", "day": 15, "date": None, "at": "09:00", "days_before": 2, "tz": "Asia/Shanghai"}


def test_an_existing_database_gets_the_reminders_table_and_keeps_its_data(tmp_path: Path) -> None:
    first = SQLiteState.open(tmp_path)  # creates the salt; its language row is what must survive
    first.set_language(42, "en")
    first.close()
    conn = sqlite3.connect(tmp_path / SQLiteState.FILE)
    conn.executescript("DROP TABLE reminders; PRAGMA user_version = 0;")  # back to the pre-numbering shape
    conn.close()
    store = SQLiteState.open(tmp_path)
    assert store.language(42) == "en"
    rid = store.add_reminder(42, 42, "en", "pay my card", SCHEDULE, 1000.0)
    assert [r.id for r in store.reminders(42)] == [rid]
    version = store._query("PRAGMA user_version")[0][0]
    assert version == SCHEMA_VERSION >= 2  # every step applied (reminders are step 2)
    store.close()


def test_a_database_from_before_numbered_steps_is_migrated(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / SQLiteState.FILE)
    conn.executescript(OLD_SCHEMA + "INSERT INTO prefs VALUES ('h', 'zh', 1.0);")
    conn.close()
    store = SQLiteState.open(tmp_path)
    assert store._query("SELECT lang FROM prefs WHERE user_hash = 'h'") == [("zh",)]
    assert store.reminders() == []
    assert store._query("PRAGMA user_version")[0][0] == SCHEMA_VERSION
    store.close()
    again = SQLiteState.open(tmp_path)  # opening again changes nothing
    assert again._query("PRAGMA user_version")[0][0] == SCHEMA_VERSION
    again.close()


def test_reminders_belong_to_their_user_and_forget_removes_them(tmp_path: Path) -> None:
    store = SQLiteState.open(tmp_path)
    mine = store.add_reminder(1, 1, "zh", "还招行信用卡", SCHEDULE, 1000.0)
    theirs = store.add_reminder(2, 2, "zh", "还花呗", SCHEDULE, 2000.0)
    got = store.reminder(mine)
    assert got is not None
    assert (got.chat_id, got.label, got.schedule, got.next_at) == (1, "还招行信用卡", SCHEDULE, 1000.0)
    assert not store.delete_reminder(theirs, user_id=1)  # not mine to delete
    store.set_reminder_next(mine, 3000.0)
    assert store.reminder(mine).next_at == 3000.0  # type: ignore[union-attr]
    assert store.forget_user(1) == 1
    assert store.reminders(1) == [] and [r.id for r in store.reminders()] == [theirs]
    assert store.delete_reminder(theirs, user_id=2) and store.reminders() == []
    store.close()
