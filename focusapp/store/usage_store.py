"""Usage buckets, allowances and today's limits on SQLite, for the core's ledger, allowances and
limit book.

Every write is one short transaction. Storage trouble never reaches the caller: it is logged and
kept in `last_error`; `add_usage` answers False so the ledger keeps its seconds and tries again.
Rows written by a newer Focusapp that this version cannot read are skipped.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from datetime import date
from typing import Any

from focusapp.core.activity import ActivityKind, Certainty
from focusapp.core.allowances import Allowance
from focusapp.core.usage import HourUsage, Subject, UsageBucket, UsageTotal
from focusapp.store.database import Database, from_db_timestamp, to_db_timestamp
from focusapp.store.session_store import dumps_json, loads_json

logger = logging.getLogger(__name__)

LIMITS_KEY = "limits_today"
# Below this a bucket that was taken back is gone, not a rounding crumb kept forever.
_CRUMB_S = 1e-6


class SqliteUsageStore:
    """`UsageStore`, `AllowanceStore` and `LimitMemory` backed by a `Database`."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._subject_ids: dict[Subject, int] = {}
        self._subjects_by_id: dict[int, Subject | None] = {}
        self.last_error: str | None = None

    def clear_last_error(self) -> None:
        self.last_error = None

    # -- usage --------------------------------------------------------------------------------

    def _subject_id(
        self, conn: sqlite3.Connection, subject: Subject, new: dict[Subject, int]
    ) -> int:
        known = self._subject_ids.get(subject) or new.get(subject)
        if known is not None:
            return known
        values = (subject.kind.value, subject.name, subject.certainty.value)
        conn.execute(
            "INSERT OR IGNORE INTO usage_subjects (kind, name, certainty) VALUES (?, ?, ?)", values
        )
        row = conn.execute(
            "SELECT id FROM usage_subjects WHERE kind = ? AND name = ? AND certainty = ?", values
        ).fetchone()
        new[subject] = int(row[0])
        return new[subject]

    def add_usage(self, buckets: Sequence[UsageBucket]) -> bool:
        # Ids learnt inside the transaction count only once it commits.
        new: dict[Subject, int] = {}
        try:
            with self._db.transaction() as conn:
                for b in buckets:
                    sid = self._subject_id(conn, b.subject, new)
                    key = (b.day.isoformat(), b.minute, sid)
                    if b.seconds >= 0:
                        conn.execute(
                            "INSERT INTO usage (day, minute, subject, seconds) VALUES (?, ?, ?, ?) "
                            "ON CONFLICT (day, minute, subject) "
                            "DO UPDATE SET seconds = seconds + excluded.seconds",
                            (*key, b.seconds),
                        )
                        continue
                    conn.execute(
                        "UPDATE usage SET seconds = max(0.0, seconds + ?) "
                        "WHERE day = ? AND minute = ? AND subject = ?",
                        (b.seconds, *key),
                    )
                    conn.execute(
                        "DELETE FROM usage WHERE day = ? AND minute = ? AND subject = ? "
                        "AND seconds <= ?",
                        (*key, _CRUMB_S),
                    )
        except sqlite3.Error as e:
            self._failed("save the time spent in apps and sites", e)
            return False
        self._subject_ids.update(new)
        return True

    def _subject(self, subject_id: int) -> Subject | None:
        if subject_id not in self._subjects_by_id:
            row = self._db.conn.execute(
                "SELECT kind, name, certainty FROM usage_subjects WHERE id = ?", (subject_id,)
            ).fetchone()
            subject: Subject | None = None
            if row is not None:
                try:
                    subject = Subject(ActivityKind(row[0]), row[1], Certainty(row[2]))
                except ValueError:
                    logger.debug(
                        "usage subject %d is of a kind this version does not know", subject_id
                    )
            self._subjects_by_id[subject_id] = subject
        return self._subjects_by_id[subject_id]

    def usage_totals(self, day: date) -> list[UsageTotal]:
        try:
            rows = self._db.conn.execute(
                "SELECT subject, sum(seconds) FROM usage WHERE day = ? GROUP BY subject",
                (day.isoformat(),),
            ).fetchall()
            totals = [(self._subject(sid), seconds) for sid, seconds in rows]
        except sqlite3.Error as e:
            self._failed("read the time spent in apps and sites", e)
            return []
        return [UsageTotal(s, float(v)) for s, v in totals if s is not None]

    def usage_buckets(self, first: date, last: date) -> list[UsageBucket]:
        try:
            rows = self._db.conn.execute(
                "SELECT day, minute, subject, seconds FROM usage WHERE day BETWEEN ? AND ? "
                "ORDER BY day, minute",
                (first.isoformat(), last.isoformat()),
            ).fetchall()
            found = [(d, m, self._subject(sid), v) for d, m, sid, v in rows]
        except sqlite3.Error as e:
            self._failed("read the time spent in apps and sites", e)
            return []
        return [
            UsageBucket(date.fromisoformat(d), int(m), s, float(v))
            for d, m, s, v in found
            if s is not None
        ]

    def hourly_usage(self, first: date, last: date) -> list[HourUsage]:
        """Seconds per subject per hour (from the day start) for the days from `first` to `last`:
        what the insights draw for a week."""
        try:
            rows = self._db.conn.execute(
                "SELECT day, minute / 60 AS hour, subject, sum(seconds) FROM usage "
                "WHERE day BETWEEN ? AND ? GROUP BY day, hour, subject ORDER BY day, hour",
                (first.isoformat(), last.isoformat()),
            ).fetchall()
            found = [(d, h, self._subject(sid), v) for d, h, sid, v in rows]
        except sqlite3.Error as e:
            self._failed("read the time spent in apps and sites", e)
            return []
        return [
            HourUsage(date.fromisoformat(d), int(h), s, float(v))
            for d, h, s, v in found
            if s is not None
        ]

    # -- allowances ---------------------------------------------------------------------------

    def load_allowances(self) -> list[Allowance]:
        try:
            rows = self._db.conn.execute(
                "SELECT target_kind, target_name, granted_at, expires_at, duration_s, "
                "expires_boot, boot_id FROM allowances"
            ).fetchall()
        except sqlite3.Error as e:
            self._failed("read the running allowances", e)
            return []
        out: list[Allowance] = []
        for kind, name, granted, expires, duration, expires_boot, boot_id in rows:
            try:
                out.append(
                    Allowance(
                        kind=ActivityKind(kind),
                        name=name,
                        granted_at=from_db_timestamp(granted),
                        duration_s=float(duration),
                        expires_boot=float(expires_boot),
                        expires_at=from_db_timestamp(expires),
                        boot_id=boot_id,
                    )
                )
            except (TypeError, ValueError) as e:
                logger.warning("skipping an unreadable allowance for %r: %s", name, e)
        return out

    def save_allowances(self, allowances: list[Allowance]) -> None:
        rows = [
            (
                a.kind.value,
                a.name,
                to_db_timestamp(a.granted_at),
                to_db_timestamp(a.expires_at),
                a.duration_s,
                a.expires_boot,
                a.boot_id,
            )
            for a in allowances
        ]
        try:
            with self._db.transaction() as conn:
                conn.execute("DELETE FROM allowances")
                conn.executemany(
                    "INSERT INTO allowances (target_kind, target_name, granted_at, expires_at, "
                    "duration_s, expires_boot, boot_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
        except sqlite3.Error as e:
            self._failed("save the running allowances", e)

    # -- today's limits -----------------------------------------------------------------------

    def load_limit_memory(self) -> dict[str, Any] | None:
        try:
            row = self._db.conn.execute(
                "SELECT value FROM session_state WHERE key = ?", (LIMITS_KEY,)
            ).fetchone()
            value = None if row is None else loads_json(row[0])
        except (sqlite3.Error, ValueError) as e:
            self._failed("read today's limits", e)
            return None
        return value if isinstance(value, dict) else None

    def save_limit_memory(self, memory: dict[str, Any]) -> None:
        text = dumps_json(memory)
        try:
            with self._db.transaction() as conn:
                conn.execute(
                    "INSERT INTO session_state (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (LIMITS_KEY, text),
                )
        except sqlite3.Error as e:
            self._failed("save today's limits", e)

    def _failed(self, action: str, error: Exception) -> None:
        message = f"Focusapp could not {action} in its database ({error})."
        logger.error("%s (%s)", message, self._db.path)
        self.last_error = message
