"""Reads what the insights need from SQLite: only the period shown and the one before it, usage
already summed per hour by SQLite, so a year of history does not slow the window down."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from focusapp.core.insights import (
    Insights,
    InsightsModel,
    UrgeMoment,
    period_days_range,
    window_bounds,
)
from focusapp.core.prompts import Category
from focusapp.core.records import SessionRecord
from focusapp.core.settings import Limit
from focusapp.core.usage import DEFAULT_DAY_START, HourUsage
from focusapp.store.database import Database, from_db_timestamp, to_db_timestamp
from focusapp.store.usage_store import SqliteUsageStore

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class InsightsRows:
    urges: list[UrgeMoment]
    sessions: list[SessionRecord]
    usage_hours: list[HourUsage]


class InsightsQuery:
    """The insights' window onto the database. Storage trouble is logged and kept in
    `last_error`; the insights then show what could be read (possibly nothing)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._usage = SqliteUsageStore(db)
        self.last_error: str | None = None

    def rows(
        self, first: date, last: date, tz: tzinfo, day_start: time = DEFAULT_DAY_START
    ) -> InsightsRows:
        """Urges, sessions (by start) and per-hour usage of the local days `first`..`last`."""
        begin, end = window_bounds(first, last, tz, day_start)
        lo, hi = to_db_timestamp(begin), to_db_timestamp(end)
        try:
            urge_rows = self._db.conn.execute(
                "SELECT ts, target_kind, target_name, prompt_id, answer, trigger_kind "
                # A session check-in is a question the app asked, not an urge the user felt.
                "FROM urges WHERE ts >= ? AND ts < ? AND outcome != 'checkin'",
                (lo, hi),
            ).fetchall()
            session_rows = self._db.conn.execute(
                "SELECT session_id, profile, strict, source, started_at, ended_at, "
                "planned_focus_s, focus_s, cycles_done, end_reason FROM sessions "
                "WHERE started_at >= ? AND started_at < ?",
                (lo, hi),
            ).fetchall()
        except sqlite3.Error as e:
            self._failed(e)
            return InsightsRows([], [], [])
        urges = [
            UrgeMoment(from_db_timestamp(ts), kind, name, prompt, answer, trigger or "")
            for ts, kind, name, prompt, answer, trigger in urge_rows
        ]
        sessions = [
            SessionRecord(
                session_id=str(sid),
                profile=profile,
                strict=bool(strict),
                source=str(source),
                started_at=from_db_timestamp(started),
                ended_at=from_db_timestamp(ended),
                planned_focus_s=float(planned),
                focus_s=float(focus),
                cycles_done=int(cycles),
                end_reason=str(reason),
            )
            for sid, profile, strict, source, started, ended, planned, focus, cycles, reason in (
                session_rows
            )
        ]
        usage = self._usage.hourly_usage(first, last)
        if self._usage.last_error is not None:
            self.last_error = self._usage.last_error
            self._usage.clear_last_error()
        return InsightsRows(urges, sessions, usage)

    def model(
        self,
        period_days: int,
        now: datetime,
        tz: tzinfo,
        *,
        limits: Sequence[Limit] = (),
        categories: Mapping[str, Category] | None = None,
        day_start: time = DEFAULT_DAY_START,
    ) -> InsightsModel:
        """The insights of the `period_days` days ending today, with the period before them."""
        first, last = period_days_range(period_days, now, tz, day_start)
        rows = self.rows(first - timedelta(days=period_days), last, tz, day_start)
        return Insights.compute(
            rows.urges,
            rows.sessions,
            rows.usage_hours,
            period_days,
            now,
            tz,
            limits=limits,
            categories=categories,
            day_start=day_start,
        )

    def _failed(self, error: Exception) -> None:
        self.last_error = f"Focusapp could not read its journal for the insights ({error})."
        logger.error("%s (%s)", self.last_error, self._db.path)
