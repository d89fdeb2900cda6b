"""FINBOT_STATE_URL: SQLite (default) and PostgreSQL behind the same StateStore, with the same numbered schema.

The behaviours (languages, votes, gaps, retention, /forget) run against both stores in tests/test_state.py; here:
what only a shared server brings (several workers, a restarted server) and what both schemas must agree on."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from bot.config import Settings
from bot.telegram.schema import POSTGRES, SCHEMA_VERSION, SQLITE
from bot.telegram.state import PostgresState, SQLiteState, StateError, open_state


def settings(tmp_path: Path, url: str | None) -> Settings:
    return Settings(_env_file=None, FINBOT_DATA_DIR=str(tmp_path / "data"), FINBOT_STATE_URL=url or "")


def test_the_default_is_sqlite_in_the_data_dir_and_a_sqlite_url_names_the_file(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    default = open_state(settings(tmp_path, None))
    assert isinstance(default, SQLiteState) and (tmp_path / "data" / SQLiteState.FILE).exists()
    default.close()
    monkeypatch.chdir(tmp_path)
    relative = open_state(settings(tmp_path, "sqlite:///state/bot.sqlite3"))
    relative.set_language(1, "en")
    relative.close()
    assert (tmp_path / "state" / "bot.sqlite3").exists() and (tmp_path / "state" / "bot.salt").exists()
    absolute = open_state(settings(tmp_path, f"sqlite:///{tmp_path}/state/bot.sqlite3"))
    assert absolute.language(1) == "en"  # the same file, the same salt
    absolute.close()


@pytest.mark.parametrize("url", ["mysql://u:hunter2@db/finbot", "sqlite:", "state.sqlite3"])
def test_a_wrong_state_url_is_refused_with_what_to_write_and_no_password(tmp_path: Path, url: str) -> None:
    with pytest.raises(StateError, match=r"sqlite:///") as err:
        open_state(settings(tmp_path, url))
    assert "hunter2" not in str(err.value)


def test_an_unreachable_postgres_says_what_to_check_without_the_password(tmp_path: Path) -> None:
    with pytest.raises(StateError, match="cannot connect to PostgreSQL") as err:
        open_state(settings(tmp_path, "postgresql://finbot:hunter2@127.0.0.1:9/finbot?connect_timeout=2"))
    assert "hunter2" not in str(err.value) and "FINBOT_STATE_URL" in str(err.value)


def test_both_schemas_have_the_same_steps_and_end_in_the_same_tables(tmp_path: Path, postgres_url: str) -> None:
    assert len(SQLITE) == len(POSTGRES) == SCHEMA_VERSION
    lite = SQLiteState.open(tmp_path)
    pg = PostgresState.open(postgres_url)
    conn = sqlite3.connect(tmp_path / SQLiteState.FILE)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    lite_columns = {t: {r[1] for r in conn.execute(f"PRAGMA table_info({t})")} for t in tables}
    pg_columns: dict[str, set[str]] = {}
    for table, column in pg._query("SELECT table_name, column_name FROM information_schema.columns "
                                   "WHERE table_schema = 'public' AND table_name <> 'finbot_meta'"):
        pg_columns.setdefault(str(table), set()).add(str(column))
    assert lite_columns == pg_columns
    assert int(conn.execute("PRAGMA user_version").fetchone()[0]) == SCHEMA_VERSION
    assert pg._query("SELECT value FROM finbot_meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]
    lite.close()
    pg.close()


@pytest.mark.slow
def test_workers_starting_together_migrate_once_and_hash_users_alike(postgres_url: str) -> None:
    stores: list[PostgresState] = []
    errors: list[BaseException] = []

    def open_one() -> None:
        try:
            stores.append(PostgresState.open(postgres_url))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(stores) == 4
    assert len({s.user_hash(42) for s in stores}) == 1  # one salt, kept in the database
    stores[0].set_language(42, "en")
    assert stores[3].language(42) == "en"  # what one worker stores, another reads
    for s in stores:
        s.close()


@pytest.mark.slow
def test_big_chat_ids_and_precise_times_survive_postgres(postgres_url: str) -> None:
    store = PostgresState.open(postgres_url)
    group = -1001234567890  # a supergroup id: beyond 32 bits
    rid = store.add_reminder(7, group, "zh", "还信用卡", {"kind": "monthly", "day": 15}, 1767225600.125)
    got = store.reminder(rid)
    assert got is not None and got.chat_id == group and got.next_at == 1767225600.125
    store.close()


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.slow)])
def test_a_due_reminder_is_claimed_by_one_worker_only(backend: str, tmp_path: Path,
                                                      request: pytest.FixtureRequest) -> None:
    if backend == "postgres":
        url = request.getfixturevalue("postgres_url")
        first, second = PostgresState.open(url), PostgresState.open(url)
    else:
        first, second = SQLiteState.open(tmp_path), SQLiteState.open(tmp_path)
    rid = first.add_reminder(7, 7, "zh", "还借呗", {"kind": "monthly", "day": 15}, 1000.0)
    assert first.claim_reminder(rid, 1000.0, 2000.0) is True
    assert second.claim_reminder(rid, 1000.0, 2000.0) is False  # already moved on: the other worker sent it
    assert second.reminder(rid).next_at == 2000.0  # type: ignore[union-attr]
    first.close()
    second.close()


@pytest.mark.slow
def test_a_dropped_connection_fails_one_call_and_the_next_reconnects(postgres_url: str) -> None:
    store = PostgresState.open(postgres_url)
    store.set_language(1, "en")
    admin = PostgresState.open(postgres_url)
    admin._exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()")
    with pytest.raises(Exception):  # noqa: B017  (psycopg's OperationalError: the server closed the connection)
        store.language(1)
    assert store.language(1) == "en"
    store.close()
    admin.close()
