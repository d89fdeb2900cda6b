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
Users are stored only as a salted hash of their Telegram id (the salt is a random file in the data dir,
so the hashes mean nothing outside this installation). Feedback and unanswered questions are deleted
after the retention period (FINBOT_RETENTION_DAYS, default 90); /forget deletes everything about a user.

    store = SQLiteState.open(settings.data_dir, retention_days=settings.retention_days)
    store.set_language(user_id, "en"); store.language(user_id) -> "en" | None

`StateStore` is the interface the bot uses; a shared store (Postgres, Redis …) for several bot workers
only needs to implement it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

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


# The schema, one numbered step per change (PRAGMA user_version records how far a database has got): a new
# database runs them all, an existing one only those it lacks. Step 1 is the original schema (IF NOT EXISTS, so
# databases from before numbering pass through it unchanged). Add a step; never edit one that has shipped.
_MIGRATIONS: tuple[str, ...] = ("""
CREATE TABLE IF NOT EXISTS prefs (
    user_hash TEXT PRIMARY KEY,
    lang TEXT NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY,
    user_hash TEXT NOT NULL,
    positive INTEGER NOT NULL,
    kind TEXT NOT NULL,
    lang TEXT NOT NULL,
    articles TEXT NOT NULL,
    question TEXT,
    question_key TEXT,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS unanswered (
    id INTEGER PRIMARY KEY,
    user_hash TEXT NOT NULL,
    question TEXT NOT NULL,
    question_key TEXT NOT NULL,
    lang TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_user ON feedback(user_hash);
CREATE INDEX IF NOT EXISTS feedback_time ON feedback(created_at);
CREATE INDEX IF NOT EXISTS unanswered_user ON unanswered(user_hash);
CREATE INDEX IF NOT EXISTS unanswered_time ON unanswered(created_at);
""", """
CREATE TABLE IF NOT EXISTS reminders (
    id INTEGER PRIMARY KEY,
    user_hash TEXT NOT NULL,
    chat_id INTEGER NOT NULL,
    lang TEXT NOT NULL,
    label TEXT NOT NULL,
    schedule TEXT NOT NULL,
    next_at REAL,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS reminders_user ON reminders(user_hash);
""", """
-- a user's saved list of debts (/debts save), as the engine's JSON (bot/engine/debts.py Book.to_dict)
CREATE TABLE IF NOT EXISTS debts (user_hash TEXT PRIMARY KEY, data TEXT NOT NULL, updated_at REAL NOT NULL);
""", """
-- one vote per user per answer: the answer a vote is about (a second tap replaces the first)
ALTER TABLE feedback ADD COLUMN IF MISSING answer_key TEXT;
""")
SCHEMA_VERSION = len(_MIGRATIONS)
# Tables holding something about one user: /forget empties them all of that user's rows.
_USER_TABLES = ("prefs", "feedback", "unanswered", "reminders", "debts")

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


class SQLiteState:
    """StateStore in one SQLite file (WAL mode). Safe to call from the event loop and worker threads."""

    FILE = "bot-state.sqlite3"
    SALT_FILE = "bot-state.salt"

    def __init__(self, conn: sqlite3.Connection, salt: bytes, retention_days: int = 90) -> None:
        self._conn = conn
        self._salt = salt
        self._lock = threading.Lock()
        self.retention_days = retention_days
        self.clock: Callable[[], float] = time.time  # tests move time forward by replacing it

    @classmethod
    def open(cls, data_dir: Path, retention_days: int = 90) -> SQLiteState:
        data_dir = Path(data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(data_dir / cls.FILE, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=5000")
        migrate(conn)
        return cls(conn, _salt(data_dir / cls.SALT_FILE), retention_days)

    # -- identity

    def user_hash(self, user_id: int) -> str:
        return hmac.new(self._salt, str(int(user_id)).encode(), hashlib.sha256).hexdigest()[:32]

    def _exec(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Cursor:
        with self._lock:
            return self._conn.execute(sql, params)

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[object, ...]]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

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
        with self._lock:
            self._conn.execute("BEGIN")  # the old vote goes and the new one comes in one step
            try:
                if answer_key:
                    self._conn.execute("DELETE FROM feedback WHERE user_hash = ? AND answer_key = ?",
                                       (user, answer_key))
                self._conn.execute(
                    "INSERT INTO feedback(user_hash, positive, kind, lang, articles, question, question_key, "
                    "created_at, answer_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (user, int(positive), kind, lang, json.dumps(list(articles)), text,
                     question_key(text) if text else None, self.clock(), answer_key),
                )
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

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
        with self._lock:
            total = 0
            for table in _USER_TABLES:
                total += self._conn.execute(f"DELETE FROM {table} WHERE user_hash = ?", (h,)).rowcount
            return total

    # -- reminders

    def add_reminder(self, user_id: int, chat_id: int, lang: str, label: str, schedule: dict[str, object],
                     next_at: float) -> int:
        cur = self._exec(
            "INSERT INTO reminders(user_hash, chat_id, lang, label, schedule, next_at, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (self.user_hash(user_id), int(chat_id), lang, label, json.dumps(schedule), next_at, self.clock()),
        )
        return int(cur.lastrowid or 0)

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

    def delete_reminder(self, reminder_id: int, user_id: int | None = None) -> bool:
        """Delete one reminder (only the user's own when user_id is given); True if it existed."""
        if user_id is None:
            return self._exec("DELETE FROM reminders WHERE id = ?", (int(reminder_id),)).rowcount > 0
        return self._exec("DELETE FROM reminders WHERE id = ? AND user_hash = ?",
                          (int(reminder_id), self.user_hash(user_id))).rowcount > 0

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
        with self._lock:
            total = 0
            for table in ("feedback", "unanswered"):
                total += self._conn.execute(f"DELETE FROM {table} WHERE created_at < ?", (cutoff,)).rowcount
            return total

    def counts(self) -> dict[str, int]:
        return {table: int(self._query(f"SELECT COUNT(*) FROM {table}")[0][0])  # type: ignore[arg-type]
                for table in ("prefs", "feedback", "unanswered")}

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def migrate(conn: sqlite3.Connection) -> int:
    """Bring a database to SCHEMA_VERSION, one step at a time, each in its own transaction; returns the version."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    for step, sql in enumerate(_MIGRATIONS[version:], version + 1):
        conn.executescript(f"BEGIN;\n{_if_missing(conn, sql)}\nPRAGMA user_version = {step};\nCOMMIT;")
        version = step
    return version


_ADD_IF_MISSING = re.compile(r"ALTER TABLE (\w+) ADD COLUMN IF MISSING (\w+) ([^;]+);")


def _if_missing(conn: sqlite3.Connection, sql: str) -> str:
    """SQLite has no "ADD COLUMN IF NOT EXISTS": a step written "ADD COLUMN IF MISSING" adds the column only to a
    table that lacks it (a store whose version was lost, or a column an older build added on its own)."""
    def add(match: re.Match[str]) -> str:
        table, column, kind = match.groups()
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        return "" if column in have else f"ALTER TABLE {table} ADD COLUMN {column} {kind};"
    return _ADD_IF_MISSING.sub(add, sql)


def _reminder(row: tuple[object, ...]) -> Reminder:
    return Reminder(int(row[0]), int(row[1]), str(row[2]), str(row[3]),  # type: ignore[call-overload]
                    json.loads(str(row[4])), None if row[5] is None else float(row[5]))  # type: ignore[arg-type]


def _salt(path: Path) -> bytes:
    """The installation's random salt, created on first use (readable only by the owner)."""
    if path.exists():
        data = path.read_bytes().strip()
        if len(data) >= 16:
            return data
    data = secrets.token_hex(32).encode()
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.chmod(0o600)
    tmp.replace(path)
    return data
