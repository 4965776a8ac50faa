"""Opens Focusapp's SQLite database: safe pragmas, numbered migrations with a backup taken first,
and recovery from a corrupt file by moving it aside (never deleting it) and starting afresh.

File names next to the database (`focusapp.sqlite3`):
- `focusapp.backup-v<old>-<UTC stamp>.sqlite3`: a copy taken before migrating from version <old>;
- `focusapp.sqlite3.corrupt-<UTC stamp>` (with `-wal`/`-shm` beside it when they existed): a file
  that could not be read, kept so nothing the user had is ever lost.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from focusapp.core.phrases import Phrase, phrase
from focusapp.core.records import LogKind

logger = logging.getLogger(__name__)

# Timestamps are stored in exactly one shape, so comparing the strings compares the instants.
# Frozen: migration 1 checks it, later tables should use the same helpers.
_UTC_TIMESTAMP_GLOB = (
    "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]"
    ".[0-9][0-9][0-9][0-9][0-9][0-9]Z"
)

# Migration 1. Never edit a released migration: add a new one at the end of MIGRATIONS instead.
_V1_SCHEMA = f"""
CREATE TABLE migration_history (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
);

-- Key -> JSON document; the session engine keeps its state under the key 'current'.
CREATE TABLE session_state (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

-- Finished focus sessions, as they really happened.
CREATE TABLE sessions (
    session_id      TEXT PRIMARY KEY NOT NULL,
    profile         TEXT,
    strict          INTEGER NOT NULL CHECK (strict IN (0, 1)),
    source          TEXT NOT NULL,
    started_at      TEXT NOT NULL CHECK (started_at GLOB '{_UTC_TIMESTAMP_GLOB}'),
    ended_at        TEXT NOT NULL CHECK (ended_at GLOB '{_UTC_TIMESTAMP_GLOB}'),
    planned_focus_s REAL NOT NULL,
    focus_s         REAL NOT NULL,
    cycles_done     INTEGER NOT NULL,
    end_reason      TEXT NOT NULL
);
CREATE INDEX sessions_by_ended_at ON sessions (ended_at);

-- The honest log: things the user may want to see later. detail is a JSON object.
CREATE TABLE log (
    id     INTEGER PRIMARY KEY,
    ts     TEXT NOT NULL CHECK (ts GLOB '{_UTC_TIMESTAMP_GLOB}'),
    kind   TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{{}}'
);
CREATE INDEX log_by_kind_ts ON log (kind, ts);
CREATE INDEX log_by_ts ON log (ts);
"""

_DAY_GLOB = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"

# Migration 2. Usage buckets name their app or site through `usage_subjects`, so a year of
# minute buckets stays small (a name in every row would double the file).
_V2_SCHEMA = f"""
-- What seconds are counted for: an app or a site, and how sure we were it was in front.
CREATE TABLE usage_subjects (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('app', 'site')),
    name      TEXT NOT NULL,
    certainty TEXT NOT NULL CHECK (certainty IN ('focused', 'running')),
    UNIQUE (kind, name, certainty)
);

-- Seconds per subject per minute of a local day; minute 0 starts at the configured day start
-- (wall clock). The primary key, led by the day, is the index of the per-hour queries.
CREATE TABLE usage (
    day     TEXT NOT NULL CHECK (day GLOB '{_DAY_GLOB}'),
    minute  INTEGER NOT NULL CHECK (minute BETWEEN 0 AND 1439),
    subject INTEGER NOT NULL REFERENCES usage_subjects (id),
    seconds REAL NOT NULL CHECK (seconds >= 0),
    PRIMARY KEY (day, minute, subject)
) WITHOUT ROWID;

-- The same with names, for reading by hand.
CREATE VIEW usage_named AS
    SELECT u.day, u.minute, s.kind, s.name, s.certainty, u.seconds
    FROM usage AS u JOIN usage_subjects AS s ON s.id = u.subject;

-- The journal of urges: what triggered the pause, the answer, and what happened next.
-- Notes and intentions are the user's own words and are stored encrypted.
CREATE TABLE urges (
    id            INTEGER PRIMARY KEY,
    ts            TEXT NOT NULL CHECK (ts GLOB '{_UTC_TIMESTAMP_GLOB}'),
    trigger_kind  TEXT NOT NULL,
    target_kind   TEXT,
    target_name   TEXT,
    page_kind     TEXT,
    prompt_id     TEXT,
    answer        TEXT,
    note_enc      BLOB,
    intention_enc BLOB,
    outcome       TEXT,
    allowed_s     REAL,
    session_id    TEXT
);
CREATE INDEX urges_by_ts ON urges (ts);

-- "I need it for N minutes": running allowances, so a restart keeps them.
CREATE TABLE allowances (
    target_kind  TEXT NOT NULL,
    target_name  TEXT NOT NULL,
    granted_at   TEXT NOT NULL CHECK (granted_at GLOB '{_UTC_TIMESTAMP_GLOB}'),
    expires_at   TEXT NOT NULL CHECK (expires_at GLOB '{_UTC_TIMESTAMP_GLOB}'),
    duration_s   REAL NOT NULL,
    expires_boot REAL NOT NULL,
    boot_id      TEXT NOT NULL,
    PRIMARY KEY (target_kind, target_name)
);
"""

# (version, name, sql), versions 1, 2, 3... in order. Read when a database is opened, not at import,
# so a test can append a future step.
MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "session state, session history and the honest log", _V1_SCHEMA),
    (2, "usage buckets, the urge journal and allowances", _V2_SCHEMA),
]

DEFAULT_BUSY_TIMEOUT_S = 5.0

_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
_SQLITE_MAGIC = b"SQLite format 3\x00"


class DatabaseUnavailable(Exception):
    """The database cannot be used. The message is a plain sentence the app can show the user
    (in English; `words` is the same sentence for translation)."""

    def __init__(self, message: Phrase) -> None:
        super().__init__(str(message))
        self.words = message


class DatabaseTooNew(DatabaseUnavailable):
    """The database was written by a newer Focusapp; it is left exactly as it is."""


class _Corrupt(Exception):
    """Internal: the file is damaged; carries a short reason for the notice."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def to_db_timestamp(moment: datetime) -> str:
    """An aware datetime as the fixed-width UTC string stored in the database."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"timestamps stored in the database must be timezone-aware: {moment!r}")
    u = moment.astimezone(UTC)
    # Formatted by hand: strftime("%Y") does not zero-pad years before 1000 on every platform.
    return (
        f"{u.year:04d}-{u.month:02d}-{u.day:02d}T{u.hour:02d}:{u.minute:02d}:{u.second:02d}"
        f".{u.microsecond:06d}Z"
    )


def from_db_timestamp(text: str) -> datetime:
    """The aware UTC datetime of a stored timestamp."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"stored timestamp without a UTC marker: {text!r}")
    return moment.astimezone(UTC)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _file_stamp(moment: datetime) -> str:
    # No colons: the name must be valid on Windows too.
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


class Database:
    """An open connection to Focusapp's database, at the latest schema version.

    The connection is in autocommit mode: callers group writes with `transaction()`.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._path = path
        self._closed = False

    @property
    def conn(self) -> sqlite3.Connection:
        return self._conn

    @property
    def path(self) -> Path:
        return self._path

    @property
    def schema_version(self) -> int:
        return _user_version(self._conn)

    @classmethod
    def open(
        cls,
        path: Path,
        clock_wall: Callable[[], datetime] | None = None,
        *,
        busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S,
    ) -> tuple[Database, list[Phrase]]:
        """Open (creating, migrating or recovering) the database at `path`.

        Returns the database and notices for the user (plain sentences, possibly none). Raises
        `DatabaseTooNew` for a database from a newer Focusapp and `DatabaseUnavailable` when the
        file cannot be used at all (a folder in its place, locked, unwritable location...).
        """
        wall = clock_wall or _utc_now
        migrations = list(MIGRATIONS)
        _check_migrations(migrations)
        path = Path(path)
        _check_location(path)
        notices: list[Phrase] = []
        try:
            conn = _open_and_migrate(path, migrations, wall, busy_timeout_s, notices)
        except _Corrupt as damage:
            moved_to = _move_aside(path, wall())
            notices.append(
                phrase(
                    "Database",
                    "Focusapp could not read its database ({error}), so it started a new one. "
                    "The old file was moved to {path}; nothing was deleted.",
                )(error=damage.reason, path=str(moved_to))
            )
            logger.error("database %s is damaged (%s); moved to %s", path, damage.reason, moved_to)
            try:
                conn = _open_and_migrate(path, migrations, wall, busy_timeout_s, notices)
            except _Corrupt as again:
                raise DatabaseUnavailable(
                    phrase(
                        "Database", "Focusapp could not create a new database at {path} ({error})."
                    )(path=str(path), error=again.reason)
                ) from again
            db = cls(conn, path)
            db._record_recovery(moved_to, damage.reason, wall())
            return db, notices
        return cls(conn, path), notices

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A short write transaction: committed on success, rolled back on any exception."""
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            _rollback_quietly(conn)
            raise

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _record_recovery(self, moved_to: Path, reason: str, when: datetime) -> None:
        # The honest log should say the history restarted, and where the old one went.
        detail = json.dumps({"moved_to": str(moved_to), "reason": reason}, ensure_ascii=False)
        try:
            with self.transaction() as conn:
                conn.execute(
                    "INSERT INTO log (ts, kind, detail) VALUES (?, ?, ?)",
                    (to_db_timestamp(when), LogKind.DATABASE_RECOVERED.value, detail),
                )
        except sqlite3.Error:
            logger.exception("could not record the database recovery in the log")


def _check_migrations(migrations: list[tuple[int, str, str]]) -> None:
    versions = [version for version, _name, _sql in migrations]
    if versions != list(range(1, len(versions) + 1)):
        raise ValueError(f"migrations must be numbered 1, 2, 3... in order, got {versions}")


def _check_location(path: Path) -> None:
    if path.is_dir():
        raise DatabaseUnavailable(
            phrase(
                "Database",
                "{path} is a folder, not a database file. Move it away so Focusapp can keep its "
                "data.",
            )(path=str(path))
        )
    if path.exists() and not path.is_file():
        raise DatabaseUnavailable(
            phrase("Database", "{path} is not a regular file, so Focusapp cannot use it.")(
                path=str(path)
            )
        )
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise DatabaseUnavailable(
            phrase(
                "Database",
                "Focusapp is not allowed to read and write {path}. Check the file's permissions.",
            )(path=str(path))
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DatabaseUnavailable(
            phrase(
                "Database",
                "Focusapp could not create the folder {path} for its database ({error}).",
            )(path=str(path.parent), error=str(e.strerror))
        ) from e


def _is_corruption(error: sqlite3.DatabaseError) -> bool:
    # "database is locked" and I/O errors are also DatabaseErrors, but the file is fine: only
    # these two codes justify moving a user's file aside.
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and (code & 0xFF) in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def _connect(path: Path, busy_timeout_s: float) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(str(path), timeout=busy_timeout_s, isolation_level=None)
    except sqlite3.Error as e:
        raise DatabaseUnavailable(
            phrase("Database", "Focusapp could not open its database at {path} ({error}).")(
                path=str(path), error=str(e)
            )
        ) from e
    return conn


def _user_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def _open_and_migrate(
    path: Path,
    migrations: list[tuple[int, str, str]],
    wall: Callable[[], datetime],
    busy_timeout_s: float,
    notices: list[Phrase],
) -> sqlite3.Connection:
    latest = migrations[-1][0]
    had_content = path.exists() and path.stat().st_size > 0
    if had_content:
        damage = _header_damage(path)
        if damage is not None:
            raise _Corrupt(damage)
    conn = _connect(path, busy_timeout_s)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
        # Read before any pragma that could write, so a too-new database is left byte-identical.
        version = _user_version(conn)
        if version > latest:
            raise DatabaseTooNew(
                phrase(
                    "Database",
                    "The database at {path} was written by a newer version of Focusapp (format "
                    "{version}; this version knows up to {latest}). It was left untouched: please "
                    "update Focusapp to keep using it.",
                )(path=str(path), version=version, latest=latest)
            )
        if had_content:
            problems = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
            if problems != ["ok"]:
                logger.error("quick_check of %s: %s", path, "; ".join(problems)[:2000])
                raise _Corrupt("it failed an integrity check")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            logger.warning("database %s is in journal mode %s, not WAL", path, mode)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        if version < latest:
            if had_content and (version >= 1 or _has_schema(conn)):
                backup = _backup(conn, path, version, wall())
                notices.append(
                    phrase(
                        "Database",
                        "Before updating its database to a newer format, Focusapp saved a copy "
                        "of it at {path}.",
                    )(path=str(backup))
                )
            _migrate(conn, path, migrations, version, wall)
        return conn
    except sqlite3.DatabaseError as e:
        conn.close()
        if _is_corruption(e):
            raise _Corrupt(str(e)) from e
        raise DatabaseUnavailable(
            phrase("Database", "Focusapp could not use its database at {path} ({error}).")(
                path=str(path), error=str(e)
            )
        ) from e
    except BaseException:
        conn.close()
        raise


def _header_damage(path: Path) -> str | None:
    """Why the file cannot be a database, judged from its header without letting SQLite open it.

    SQLite deletes the -wal file next to a main file shorter than one page; checking first keeps
    that -wal for the moved-aside copy.
    """
    try:
        with open(path, "rb") as f:
            header = f.read(100)
        size = path.stat().st_size
    except OSError as e:
        raise DatabaseUnavailable(
            phrase("Database", "Focusapp could not read its database at {path} ({error}).")(
                path=str(path), error=str(e.strerror)
            )
        ) from e
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        return "file is not a database"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if size < page_size:
        return "the file is cut short"
    return None


def _has_schema(conn: sqlite3.Connection) -> bool:
    count: int = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    return count > 0


def _backup(conn: sqlite3.Connection, path: Path, version: int, now: datetime) -> Path:
    stem, suffix = path.stem, path.suffix or ".sqlite3"
    target = _unused_name(path.with_name(f"{stem}.backup-v{version}-{_file_stamp(now)}{suffix}"))
    dest = sqlite3.connect(str(target))
    try:
        conn.backup(dest)
    except sqlite3.Error as e:
        dest.close()
        # Our own half-written copy, not the user's data: safe to remove.
        with contextlib.suppress(OSError):
            target.unlink()
        if isinstance(e, sqlite3.DatabaseError) and _is_corruption(e):
            raise
        raise DatabaseUnavailable(
            phrase(
                "Database",
                "Focusapp could not save a backup of its database before updating it ({error}); "
                "nothing was changed.",
            )(error=str(e))
        ) from e
    dest.close()
    logger.info("backed up database version %d to %s", version, target)
    return target


def _migrate(
    conn: sqlite3.Connection,
    path: Path,
    migrations: list[tuple[int, str, str]],
    start: int,
    wall: Callable[[], datetime],
) -> None:
    for version, name, sql in migrations:
        if version <= start:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the write lock.
            if _user_version(conn) >= version:
                conn.execute("ROLLBACK")
                continue
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO migration_history (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, to_db_timestamp(wall())),
            )
            conn.execute(f"PRAGMA user_version = {int(version)}")
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as e:
            _rollback_quietly(conn)
            if _is_corruption(e):
                raise
            raise DatabaseUnavailable(
                phrase(
                    "Database",
                    "Focusapp could not update its database at {path} to format {version} "
                    "({error}). The database was left as it was.",
                )(path=str(path), version=version, error=str(e))
            ) from e
        except BaseException:
            _rollback_quietly(conn)
            raise
        logger.info("migrated %s to version %d (%s)", path, version, name)


def _statements(script: str) -> Iterator[str]:
    """Split a script into statements. `executescript` would commit our transaction first, so each
    statement is executed on its own; `complete_statement` keeps quoted `;` and triggers whole."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            statement = pending.strip()
            pending = ""
            if statement.strip(";").strip():
                yield statement
    if pending.strip(";").strip():
        raise ValueError(f"incomplete SQL statement in migration: {pending.strip()[:80]!r}")


def _rollback_quietly(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def _unused_name(candidate: Path) -> Path:
    """`candidate`, or `candidate` with -2, -3... so an earlier file (and its -wal/-shm) is never
    overwritten."""
    n = 1
    target = candidate
    while any(Path(f"{target}{s}").exists() for s in ("", "-wal", "-shm")):
        n += 1
        target = candidate.with_name(f"{candidate.name}-{n}")
    return target


def _move_aside(path: Path, now: datetime) -> Path:
    target = _unused_name(path.with_name(f"{path.name}.corrupt-{_file_stamp(now)}"))
    # -wal and -shm first: a stale -wal left beside a new, empty database would be replayed into it.
    try:
        for suffix in ("-wal", "-shm", ""):
            source = Path(f"{path}{suffix}")
            if source.exists():
                os.rename(source, f"{target}{suffix}")
    except OSError as e:
        raise DatabaseUnavailable(
            phrase(
                "Database",
                "Focusapp's database at {path} is damaged and could not be moved aside "
                "({error}). Nothing was deleted; move or rename the file to start afresh.",
            )(path=str(path), error=str(e.strerror))
        ) from e
    return target
