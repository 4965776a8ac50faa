"""The core's `SessionStore` on SQLite: engine state, finished sessions and the honest log.

Every write is its own short transaction, so whatever returned is on disk even if the process is
killed right after. Storage trouble (disk full, read-only file) never reaches the caller: it is
logged and kept in `last_error` for the UI to show.

JSON documents (engine state, log details) keep aware datetimes: they are stored as
`{"$datetime": "<ISO 8601>"}` and come back as datetimes. Enum values come back as their plain
values (a `StrEnum` compares equal to its value).

Log entries whose kind this version does not know (written by a newer Focusapp) are skipped by
`log_entries` and left in the database untouched, since a `LogEntry` can only carry a `LogKind`.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from focusapp.core.records import LogEntry, LogKind, SessionRecord
from focusapp.store.database import Database, from_db_timestamp, to_db_timestamp

logger = logging.getLogger(__name__)

STATE_KEY = "current"
_DATETIME_TAG = "$datetime"


def _encode_default(value: object) -> object:
    if isinstance(value, datetime):
        return {_DATETIME_TAG: value.isoformat()}
    raise TypeError(f"cannot store {type(value).__name__} in the database: {value!r}")


def _decode_hook(obj: dict[str, Any]) -> object:
    if len(obj) == 1 and isinstance(obj.get(_DATETIME_TAG), str):
        return datetime.fromisoformat(obj[_DATETIME_TAG])
    return obj


def dumps_json(value: object) -> str:
    """JSON text for a document stored in the database (datetimes tagged, see module docstring)."""
    return json.dumps(value, default=_encode_default, ensure_ascii=False, separators=(",", ":"))


def loads_json(text: str) -> Any:
    return json.loads(text, object_hook=_decode_hook)


class SqliteSessionStore:
    """`focusapp.core.records.SessionStore` backed by a `Database`.

    `last_error` is the most recent storage failure as a sentence for the user, or None. It stays
    after later successful writes, because something was lost; `clear_last_error` forgets it once
    the user has seen it.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self.last_error: str | None = None

    def clear_last_error(self) -> None:
        self.last_error = None

    def load_state(self, key: str = STATE_KEY) -> dict[str, Any] | None:
        """The engine's state, or another small state kept beside it under `key`."""
        try:
            row = self._db.conn.execute(
                "SELECT value FROM session_state WHERE key = ?", (key,)
            ).fetchone()
        except sqlite3.Error as e:
            self._failed("read the saved session state", e)
            return None
        if row is None:
            return None
        try:
            state = loads_json(row[0])
        except ValueError as e:
            self._failed("read the saved session state", e)
            return None
        if not isinstance(state, dict):
            self._failed("read the saved session state", ValueError("it is not a JSON object"))
            return None
        return state

    def save_state(self, state: dict[str, Any] | None, key: str = STATE_KEY) -> None:
        # Encoding first: a value that cannot be stored is a bug in the caller and should be loud.
        text = None if state is None else dumps_json(state)
        try:
            with self._db.transaction() as conn:
                if text is None:
                    conn.execute("DELETE FROM session_state WHERE key = ?", (key,))
                else:
                    conn.execute(
                        "INSERT INTO session_state (key, value) VALUES (?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        (key, text),
                    )
        except sqlite3.Error as e:
            self._failed("save the session state", e)

    def record_session(self, record: SessionRecord) -> None:
        values = (
            record.session_id,
            record.profile,
            1 if record.strict else 0,
            record.source,
            to_db_timestamp(record.started_at),
            to_db_timestamp(record.ended_at),
            float(record.planned_focus_s),
            float(record.focus_s),
            int(record.cycles_done),
            record.end_reason,
        )
        try:
            with self._db.transaction() as conn:
                # Recording the same session again (after a restart) updates it, never duplicates.
                conn.execute(
                    "INSERT INTO sessions (session_id, profile, strict, source, started_at, "
                    "ended_at, planned_focus_s, focus_s, cycles_done, end_reason) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (session_id) DO UPDATE SET profile = excluded.profile, "
                    "strict = excluded.strict, source = excluded.source, "
                    "started_at = excluded.started_at, ended_at = excluded.ended_at, "
                    "planned_focus_s = excluded.planned_focus_s, focus_s = excluded.focus_s, "
                    "cycles_done = excluded.cycles_done, end_reason = excluded.end_reason",
                    values,
                )
        except sqlite3.Error as e:
            self._failed("record the finished session", e)

    def append_log(self, entry: LogEntry) -> None:
        values = (to_db_timestamp(entry.ts), LogKind(entry.kind).value, dumps_json(entry.detail))
        try:
            with self._db.transaction() as conn:
                conn.execute("INSERT INTO log (ts, kind, detail) VALUES (?, ?, ?)", values)
        except sqlite3.Error as e:
            self._failed("add an entry to the log", e)

    def log_entries(
        self, since: datetime, kinds: Iterable[LogKind] | None = None
    ) -> list[LogEntry]:
        """Entries with `ts >= since` in the order they were written (a clock that jumped back
        can make that differ from `ts` order), optionally only of `kinds`."""
        query = "SELECT ts, kind, detail FROM log WHERE ts >= ?"
        params: list[str] = [to_db_timestamp(since)]
        if kinds is not None:
            wanted = sorted({LogKind(k).value for k in kinds})
            if not wanted:
                return []
            query += f" AND kind IN ({', '.join('?' * len(wanted))})"
            params.extend(wanted)
        query += " ORDER BY id"
        try:
            rows = self._db.conn.execute(query, params).fetchall()
        except sqlite3.Error as e:
            self._failed("read the log", e)
            return []
        entries: list[LogEntry] = []
        unknown = 0
        for ts, kind, detail in rows:
            try:
                known = LogKind(kind)
            except ValueError:
                unknown += 1
                continue
            try:
                data = loads_json(detail)
                if not isinstance(data, dict):
                    raise ValueError("detail is not a JSON object")
                entries.append(LogEntry(ts=from_db_timestamp(ts), kind=known, detail=data))
            except ValueError as e:
                logger.warning("skipping an unreadable log entry (%s, %s): %s", ts, kind, e)
        if unknown:
            logger.debug("skipped %d log entries of kinds this version does not know", unknown)
        return entries

    def sessions_since(self, since: datetime) -> list[SessionRecord]:
        """Sessions that ended at or after `since`, in the order they ended."""
        try:
            rows = self._db.conn.execute(
                "SELECT session_id, profile, strict, source, started_at, ended_at, "
                "planned_focus_s, focus_s, cycles_done, end_reason FROM sessions "
                "WHERE ended_at >= ? ORDER BY ended_at, started_at, session_id",
                (to_db_timestamp(since),),
            ).fetchall()
        except sqlite3.Error as e:
            self._failed("read the session history", e)
            return []
        records: list[SessionRecord] = []
        for row in rows:
            try:
                records.append(
                    SessionRecord(
                        session_id=row[0],
                        profile=row[1],
                        strict=bool(row[2]),
                        source=row[3],
                        started_at=from_db_timestamp(row[4]),
                        ended_at=from_db_timestamp(row[5]),
                        planned_focus_s=float(row[6]),
                        focus_s=float(row[7]),
                        cycles_done=int(row[8]),
                        end_reason=row[9],
                    )
                )
            except (TypeError, ValueError) as e:
                logger.warning("skipping an unreadable session %r: %s", row[0], e)
        return records

    def _failed(self, action: str, error: Exception) -> None:
        message = f"Focusapp could not {action} in its database ({error})."
        logger.error("%s (%s)", message, self._db.path)
        self.last_error = message
