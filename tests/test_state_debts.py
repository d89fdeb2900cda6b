"""The saved list of debts in the state store: kept only when saved, replaced on a second save, gone on /forget;
a store made before the table existed gets it when opened (the numbered migration steps)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.telegram.state import SCHEMA_VERSION, SQLiteState


def test_a_saved_list_comes_back_is_replaced_and_forget_deletes_it(tmp_path: Path) -> None:
    store = SQLiteState.open(tmp_path)
    assert store.saved_debts(1) is None
    store.save_debts(1, {"items": [{"name": "借呗", "balance": "12000"}], "budget": None})
    store.save_debts(1, {"items": [{"name": "借呗", "balance": "15000"}], "budget": "5000"})
    assert store.saved_debts(1) == {"items": [{"name": "借呗", "balance": "15000"}], "budget": "5000"}
    assert store.saved_debts(2) is None  # another user's list is theirs
    store.set_language(1, "zh")
    assert store.forget_user(1) == 2  # the language and the list
    assert store.saved_debts(1) is None
    store.close()
    raw = sqlite3.connect(tmp_path / SQLiteState.FILE).execute("SELECT COUNT(*) FROM debts").fetchone()
    assert raw == (0,)


def test_an_older_store_is_migrated_when_opened(tmp_path: Path) -> None:
    old = sqlite3.connect(tmp_path / SQLiteState.FILE)
    old.execute("CREATE TABLE prefs (user_hash TEXT PRIMARY KEY, lang TEXT NOT NULL, updated_at REAL NOT NULL)")
    old.execute("INSERT INTO prefs VALUES ('x', 'en', 0)")
    old.commit()
    old.close()
    store = SQLiteState.open(tmp_path)
    store.save_debts(7, {"items": []})
    assert store.saved_debts(7) == {"items": []}
    store.close()
    conn = sqlite3.connect(tmp_path / SQLiteState.FILE)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT lang FROM prefs WHERE user_hash = 'x'").fetchone() == ("en",)
    SQLiteState.open(tmp_path).close()  # opening again changes nothing
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
