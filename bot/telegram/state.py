"""What the bot remembers between messages and restarts, behind one small interface.

Stored (nothing else — no chat logs):
  * a language preference per user (zh/en), until the user sends /forget;
  * feedback on answers: 👍/👎, the answer's kind, language and article ids; for 👎 also the question,
    so educators can see what to fix — one vote per user per answer (a second tap replaces the first);
  * questions the knowledge base could not answer (so educators know what to write next) — real questions
    only: a bare amount, rate or number of days left over from a calculation is not kept (not_questions.tsv);
  * repayment reminders the user set (/remind): what to repay, when, and the chat to send them to — until the user
    deletes them or sends /forget (a one-off reminder goes once it has fired);
  * a list of debts, only when the user saves it (/debts save), until /forget.
Users are stored only as a salted hash of their Telegram id (the salt is random per installation: a file beside
the SQLite database, a row in PostgreSQL — so the hashes mean nothing elsewhere). Feedback and unanswered questions
are deleted after the retention period (FINBOT_RETENTION_DAYS, default 90); /forget deletes everything about a user.

    store = open_state(settings)   # FINBOT_STATE_URL: SQLite in the data dir (default) or postgresql://… (shared)
    store.set_language(user_id, "en"); store.language(user_id) -> "en" | None

`StateStore` is the interface the bot uses; SQLiteState and PostgresState run the same statements, and their
schemas are the numbered steps of bot/telegram/schema.py.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable
from urllib.parse import urlsplit

from bot.telegram.schema import (
    SCHEMA_VERSION,
    USER_TABLES,
    migrate_postgres,
    migrate_sqlite,
    postgres_salt,
    sqlite_salt,
)

__all__ = ["SCHEMA_VERSION", "Gap", "PostgresState", "Reminder", "SQLiteState", "StateStore", "open_state"]

DAY = 86400.0
LANGS = ("zh", "en")
MAX_QUESTION_CHARS = 500  # longer questions are cut before storing: enough to see the topic


@dataclass(frozen=True)
class Gap:
    """A question (normalised) that was asked and not answered well, with how often and when last."""

    question: str
    count: int
    last_seen: float
    lang: str
    articles: tuple[str, ...] = ()  # for 👎: the articles the answer cited


@runtime_checkable
class StateStore(Protocol):
    def user_hash(self, user_id: int) -> str: ...

    def language(self, user_id: int) -> str | None: ...

    def set_language(self, user_id: int, lang: str) -> None: ...

    def record_feedback(
        self, user_id: int, positive: bool, *, kind: str, lang: str, articles: Sequence[str] = (),
        question: str | None = None, answer_key: str | None = None,
    ) -> None: ...

    def record_unanswered(self, user_id: int, question: str, lang: str) -> None: ...

    def unanswered(self, days: int, limit: int = 10) -> list[Gap]: ...

    def downvoted(self, days: int, limit: int = 10) -> list[Gap]: ...

    def forget_user(self, user_id: int) -> int: ...

    def add_reminder(self, user_id: int, chat_id: int, lang: str, label: str, schedule: dict[str, object],
                     next_at: float) -> int: ...

    def reminders(self, user_id: int | None = None) -> list[Reminder]: ...

    def reminder(self, reminder_id: int) -> Reminder | None: ...

    def set_reminder_next(self, reminder_id: int, next_at: float | None) -> None: ...

    def claim_reminder(self, reminder_id: int, due: float, next_at: float | None) -> bool: ...

    def delete_reminder(self, reminder_id: int, user_id: int | None = None) -> bool: ...

    def save_debts(self, user_id: int, data: dict[str, object]) -> None: ...

    def saved_debts(self, user_id: int) -> dict[str, object] | None: ...

    def purge_expired(self, now: float | None = None) -> int: ...

    def counts(self) -> dict[str, int]: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Reminder:
    """A repayment reminder (bot/engine/remind.py reads its schedule)."""

    id: int
    chat_id: int
    lang: str
    label: str
    schedule: dict[str, object]
    next_at: float | None  # epoch seconds of the next reminder; None when none is left


_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)
NOT_QUESTIONS = Path(__file__).with_name("not_questions.tsv")
_END_PUNCT = " \t\n。.!！?？~～,，"


def is_question(text: str) -> bool:
    """A real question, not a reply to a calculator step ("0.1", "45", "两个月", "没有"): see not_questions.tsv."""
    from bot.wordlists import compiled

    stripped = text.strip(_END_PUNCT)
    return bool(stripped) and compiled(NOT_QUESTIONS).fullmatch(stripped) is None


def question_key(text: str) -> str:
    """Questions that differ only in case, spaces or punctuation count as the same question."""
    return _NOISE.sub("", text.casefold())


class SQLState:
    """StateStore over one SQL connection — SQLite (SQLiteState) or PostgreSQL (PostgresState) — with the same
    statements for both (written with ? placeholders). Safe to call from the event loop and worker threads: one
    statement (or one transaction) at a time."""

    def __init__(self, conn: Any, salt: bytes, retention_days: int = 90,
                 reconnect: Callable[[], Any] | None = None) -> None:
        self._conn = conn
        self._salt = salt
        self._lock = threading.Lock()
        self._reconnect = reconnect  # PostgreSQL: a new connection when the old one broke (a restarted server)
        self._postgres = reconnect is not None
        self.retention_days = retention_days
        self.clock: Callable[[], float] = time.time  # tests move time forward by replacing it

    # -- identity

    def user_hash(self, user_id: int) -> str:
        return hmac.new(self._salt, str(int(user_id)).encode(), hashlib.sha256).hexdigest()[:32]

    # -- statements

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self._postgres else sql

    def _connection(self) -> Any:
        """The connection; a broken PostgreSQL one is replaced first (the failed call failed one message)."""
        if self._reconnect is not None and (self._conn.closed or self._conn.broken):
            self._conn = self._reconnect()
        return self._conn

    def _exec(self, sql: str, params: Sequence[object] = ()) -> Any:
        with self._lock:
            return self._connection().execute(self._sql(sql), params)

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[object, ...]]:
        with self._lock:
            return list(self._connection().execute(self._sql(sql), params).fetchall())

    @contextmanager
    def _transaction(self) -> Iterator[Callable[[str, Sequence[object]], Any]]:
        """Several statements as one: all or nothing. Yields an execute function."""
        with self._lock:
            conn = self._connection()

            def run(sql: str, params: Sequence[object] = ()) -> Any:
                return conn.execute(self._sql(sql), params)

            if self._postgres:
                with conn.transaction():
                    yield run
                return
            conn.execute("BEGIN")
            try:
                yield run
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    # -- language

    def language(self, user_id: int) -> str | None:
        rows = self._query("SELECT lang FROM prefs WHERE user_hash = ?", (self.user_hash(user_id),))
        return str(rows[0][0]) if rows else None

    def set_language(self, user_id: int, lang: str) -> None:
        if lang not in LANGS:
            raise ValueError(f"language must be one of {', '.join(LANGS)}, got {lang!r}")
        self._exec(
            "INSERT INTO prefs(user_hash, lang, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(user_hash) DO UPDATE SET lang = excluded.lang, updated_at = excluded.updated_at",
            (self.user_hash(user_id), lang, self.clock()),
        )

    # -- feedback and gaps

    def record_feedback(
        self, user_id: int, positive: bool, *, kind: str, lang: str, articles: Sequence[str] = (),
        question: str | None = None, answer_key: str | None = None,
    ) -> None:
        """Store a vote. With answer_key (the answer it is about), a user's earlier vote on it is replaced."""
        # The question is kept only for 👎: that is what an educator needs to see; 👍 needs no text.
        text = None if positive or not question else question.strip()[:MAX_QUESTION_CHARS]
        user = self.user_hash(user_id)
        with self._transaction() as run:  # the old vote goes and the new one comes in one step
            if answer_key:
                run("DELETE FROM feedback WHERE user_hash = ? AND answer_key = ?", (user, answer_key))
            run("INSERT INTO feedback(user_hash, positive, kind, lang, articles, question, question_key, "
                "created_at, answer_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (user, int(positive), kind, lang, json.dumps(list(articles)), text,
                 question_key(text) if text else None, self.clock(), answer_key))

    def record_unanswered(self, user_id: int, question: str, lang: str) -> None:
        text = question.strip()[:MAX_QUESTION_CHARS]
        if not is_question(text):
            return
        self._exec(
            "INSERT INTO unanswered(user_hash, question, question_key, lang, created_at) VALUES (?, ?, ?, ?, ?)",
            (self.user_hash(user_id), text, question_key(text) or text, lang, self.clock()),
        )

    def unanswered(self, days: int, limit: int = 10) -> list[Gap]:
        """The most frequent unanswered questions of the last `days` days (ties: most recent first)."""
        since = self.clock() - days * DAY
        rows = self._query(
            "SELECT question_key, COUNT(*), MAX(created_at), "
            "(SELECT u2.question FROM unanswered u2 WHERE u2.question_key = u.question_key "
            " ORDER BY u2.created_at DESC LIMIT 1), "
            "(SELECT u3.lang FROM unanswered u3 WHERE u3.question_key = u.question_key "
            " ORDER BY u3.created_at DESC LIMIT 1) "
            "FROM unanswered u WHERE created_at >= ? GROUP BY question_key "
            "ORDER BY COUNT(*) DESC, MAX(created_at) DESC LIMIT ?",
            (since, limit),
        )
        gaps = [Gap(str(r[3]), int(r[1]), float(r[2]), str(r[4])) for r in rows]  # type: ignore[arg-type]
        return [g for g in gaps if is_question(g.question)]  # leftovers stored before the filter existed

    def downvoted(self, days: int, limit: int = 10) -> list[Gap]:
        """The questions whose answers got 👎 most often in the last `days` days, with the cited articles."""
        since = self.clock() - days * DAY
        rows = self._query(
            "SELECT question_key, question, lang, articles, created_at FROM feedback "
            "WHERE positive = 0 AND question IS NOT NULL AND created_at >= ? ORDER BY created_at DESC",
            (since,),
        )
        grouped: dict[str, list[tuple[object, ...]]] = {}
        for row in rows:
            grouped.setdefault(str(row[0]), []).append(row)
        gaps = []
        for items in grouped.values():
            latest = items[0]
            articles: list[str] = []
            for item in items:
                for art in json.loads(str(item[3])):
                    if art not in articles:
                        articles.append(art)
            gaps.append(Gap(str(latest[1]), len(items), float(latest[4]), str(latest[2]),  # type: ignore[arg-type]
                            tuple(articles)))
        gaps.sort(key=lambda g: (-g.count, -g.last_seen))
        return gaps[:limit]

    # -- privacy

    def forget_user(self, user_id: int) -> int:
        """Delete everything stored about a user; returns how many records went."""
        h = self.user_hash(user_id)
        with self._transaction() as run:
            return sum(int(run(f"DELETE FROM {table} WHERE user_hash = ?", (h,)).rowcount) for table in USER_TABLES)

    # -- reminders

    def add_reminder(self, user_id: int, chat_id: int, lang: str, label: str, schedule: dict[str, object],
                     next_at: float) -> int:
        rows = self._query(
            "INSERT INTO reminders(user_hash, chat_id, lang, label, schedule, next_at, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (self.user_hash(user_id), int(chat_id), lang, label, json.dumps(schedule), next_at, self.clock()),
        )
        return int(rows[0][0])  # type: ignore[call-overload]

    def reminders(self, user_id: int | None = None) -> list[Reminder]:
        """A user's reminders (all users' with None), oldest first."""
        where, params = ("WHERE user_hash = ?", (self.user_hash(user_id),)) if user_id is not None else ("", ())
        rows = self._query(f"SELECT id, chat_id, lang, label, schedule, next_at FROM reminders {where} ORDER BY id",
                           params)
        return [_reminder(r) for r in rows]

    def reminder(self, reminder_id: int) -> Reminder | None:
        rows = self._query("SELECT id, chat_id, lang, label, schedule, next_at FROM reminders WHERE id = ?",
                           (int(reminder_id),))
        return _reminder(rows[0]) if rows else None

    def set_reminder_next(self, reminder_id: int, next_at: float | None) -> None:
        self._exec("UPDATE reminders SET next_at = ? WHERE id = ?", (next_at, int(reminder_id)))

    def claim_reminder(self, reminder_id: int, due: float, next_at: float | None) -> bool:
        """Move a reminder from `due` to `next_at` only if it is still due then: True for the one process (of several
        sharing the store) that gets to send it."""
        return int(self._exec("UPDATE reminders SET next_at = ? WHERE id = ? AND next_at = ?",
                              (next_at, int(reminder_id), due)).rowcount) > 0

    def delete_reminder(self, reminder_id: int, user_id: int | None = None) -> bool:
        """Delete one reminder (only the user's own when user_id is given); True if it existed."""
        if user_id is None:
            return int(self._exec("DELETE FROM reminders WHERE id = ?", (int(reminder_id),)).rowcount) > 0
        return int(self._exec("DELETE FROM reminders WHERE id = ? AND user_hash = ?",
                              (int(reminder_id), self.user_hash(user_id))).rowcount) > 0

    # -- a saved list of debts

    def save_debts(self, user_id: int, data: dict[str, object]) -> None:
        """Keep the user's list of debts (replacing an earlier one) until /forget."""
        self._exec(
            "INSERT INTO debts(user_hash, data, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(user_hash) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
            (self.user_hash(user_id), json.dumps(data, ensure_ascii=False), self.clock()),
        )

    def saved_debts(self, user_id: int) -> dict[str, object] | None:
        rows = self._query("SELECT data FROM debts WHERE user_hash = ?", (self.user_hash(user_id),))
        if not rows:
            return None
        try:
            data = json.loads(str(rows[0][0]))
        except json.JSONDecodeError:
            return None
        return data if isinstance(data, dict) else None

    def purge_expired(self, now: float | None = None) -> int:
        """Delete feedback and unanswered questions older than the retention period."""
        cutoff = (now if now is not None else self.clock()) - self.retention_days * DAY
        with self._transaction() as run:
            return sum(int(run(f"DELETE FROM {table} WHERE created_at < ?", (cutoff,)).rowcount)
                       for table in ("feedback", "unanswered"))

    def counts(self) -> dict[str, int]:
        return {table: int(self._query(f"SELECT COUNT(*) FROM {table}")[0][0])  # type: ignore[call-overload]
                for table in ("prefs", "feedback", "unanswered")}

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class SQLiteState(SQLState):
    """StateStore in one SQLite file (WAL mode): the default, nothing to set up."""

    FILE = "bot-state.sqlite3"
    SALT_FILE = "bot-state.salt"

    @classmethod
    def open(cls, data_dir: Path, retention_days: int = 90) -> SQLiteState:
        """The store in data_dir (bot-state.sqlite3, its salt in bot-state.salt)."""
        data_dir = Path(data_dir)
        return cls.open_file(data_dir / cls.FILE, data_dir / cls.SALT_FILE, retention_days)

    @classmethod
    def open_file(cls, path: Path, salt_path: Path | None = None, retention_days: int = 90) -> SQLiteState:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=5000")
        migrate_sqlite(conn)
        return cls(conn, sqlite_salt(salt_path or path.with_suffix(".salt")), retention_days)


class PostgresState(SQLState):
    """StateStore in PostgreSQL, shared by every bot worker (FINBOT_STATE_URL=postgresql://…). The salt lives in the
    database (finbot_meta), so every worker hashes a user to the same key."""

    @classmethod
    def open(cls, url: str, retention_days: int = 90) -> PostgresState:
        try:
            import psycopg
        except ImportError as exc:
            raise StateError("FINBOT_STATE_URL is a postgresql:// URL but the driver is missing: "
                             "pip install 'finbot[scale]'") from exc

        def connect() -> Any:
            try:
                return psycopg.connect(url, autocommit=True, connect_timeout=10)
            except psycopg.Error as exc:
                raise StateError(f"cannot connect to PostgreSQL at {redact_url(url)}: {exc.__class__.__name__}: "
                                 f"{str(exc).strip().splitlines()[0] if str(exc).strip() else ''} — check "
                                 "FINBOT_STATE_URL and that the server is running") from exc

        conn = connect()
        migrate_postgres(conn)
        return cls(conn, postgres_salt(conn), retention_days, reconnect=connect)


class StateError(RuntimeError):
    """The state store cannot be opened (the message says what to check)."""


def open_state(settings: Any) -> SQLState:
    """The store FINBOT_STATE_URL names: unset = SQLite in FINBOT_DATA_DIR; sqlite:///path/file.sqlite3 (four
    slashes for an absolute path); postgresql://user:password@host:5432/db."""
    url = (getattr(settings, "state_url", None) or "").strip()
    retention = settings.retention_days
    if not url:
        return SQLiteState.open(Path(settings.data_dir), retention_days=retention)
    scheme = urlsplit(url).scheme.lower()
    if scheme == "sqlite":
        path = url.split(":///", 1)[1] if ":///" in url else ""
        if not path:
            raise StateError(f"FINBOT_STATE_URL {url!r}: write sqlite:///relative/file.sqlite3 or "
                             "sqlite:////absolute/file.sqlite3")
        return SQLiteState.open_file(Path(path), retention_days=retention)
    if scheme in ("postgresql", "postgres"):
        return PostgresState.open(url, retention_days=retention)
    raise StateError(f"FINBOT_STATE_URL must start with sqlite:/// or postgresql://, got {redact_url(url)!r}")


def redact_url(url: str) -> str:
    """A URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return parts._replace(netloc=netloc).geturl()

def _reminder(row: tuple[object, ...]) -> Reminder:
    return Reminder(int(row[0]), int(row[1]), str(row[2]), str(row[3]),  # type: ignore[call-overload]
                    json.loads(str(row[4])), None if row[5] is None else float(row[5]))  # type: ignore[arg-type]
