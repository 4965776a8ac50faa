"""What the core hands to storage: persisted session state, finished sessions, the honest log.

The core defines the `SessionStore` protocol; `focusapp.store` implements it on SQLite and tests
implement it in memory.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol


class LogKind(StrEnum):
    """Kinds of entries in the honest log: what the user may want to see later, unjudged."""

    EMERGENCY_EXIT = "emergency_exit"
    CLOCK_JUMP = "clock_jump"
    SUSPEND = "suspend"
    APP_DOWN = "app_down"  # the app was not running (killed, quit, crashed) for a stretch
    QUIT_DURING_STRICT = "quit_during_strict"
    LIMIT_CHANGE = "limit_change"
    CONFIG_PROBLEM = "config_problem"
    DATABASE_RECOVERED = "database_recovered"


@dataclass(frozen=True)
class LogEntry:
    ts: datetime  # aware UTC
    kind: LogKind
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SessionRecord:
    """A finished focus session, as it really happened."""

    session_id: str
    profile: str | None
    strict: bool
    source: str  # "manual", "cli", "tray" or "schedule:<name>"
    started_at: datetime
    ended_at: datetime
    planned_focus_s: float
    focus_s: float  # focus time that really elapsed (pauses and breaks excluded)
    cycles_done: int
    end_reason: (
        str  # "completed", "stopped", "emergency_exit", "schedule_ended", "ended_while_app_closed"
    )


class SessionStore(Protocol):
    """Persistence the session engine needs. Every method must be cheap and must not raise on I/O
    trouble it can report otherwise; the engine calls it on every state change."""

    def load_state(self) -> dict[str, Any] | None: ...
    def save_state(self, state: dict[str, Any] | None) -> None: ...
    def record_session(self, record: SessionRecord) -> None: ...
    def append_log(self, entry: LogEntry) -> None: ...
    def log_entries(
        self, since: datetime, kinds: Iterable[LogKind] | None = None
    ) -> list[LogEntry]:
        """Entries with `ts >= since`, in the order they were written (not sorted by ts)."""
        ...

    def sessions_since(self, since: datetime) -> list[SessionRecord]: ...


class MemorySessionStore:
    """An in-memory `SessionStore` for unit tests and simulations."""

    def __init__(self) -> None:
        self.state: dict[str, Any] | None = None
        self.sessions: list[SessionRecord] = []
        self.log: list[LogEntry] = []

    def load_state(self) -> dict[str, Any] | None:
        return None if self.state is None else dict(self.state)

    def save_state(self, state: dict[str, Any] | None) -> None:
        self.state = None if state is None else dict(state)

    def record_session(self, record: SessionRecord) -> None:
        self.sessions.append(record)

    def append_log(self, entry: LogEntry) -> None:
        self.log.append(entry)

    def log_entries(
        self, since: datetime, kinds: Iterable[LogKind] | None = None
    ) -> list[LogEntry]:
        wanted = set(kinds) if kinds is not None else None
        return [e for e in self.log if e.ts >= since and (wanted is None or e.kind in wanted)]

    def sessions_since(self, since: datetime) -> list[SessionRecord]:
        return [s for s in self.sessions if s.ended_at >= since]
