"""Urge entries: each time the app stepped in, what triggered it, what was asked, what was chosen.

The journal of the reflection issue is built on these. Free text the user types (an intention,
a note) is private: the store encrypts it, or does not keep it at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol


class Outcome(StrEnum):
    RETURNED = "returned"  # back to what I was doing
    ALLOWED = "allowed"  # I need it for N minutes, with a stated intention
    ENFORCED = "enforced"  # the rule minimized or closed the app
    EMERGENCY_EXIT = "emergency_exit"
    CHECKIN = "checkin"  # the end-of-session question, not an urge
    CONTINUED = "continued"  # an in-page prompt asked, and the user went on, having paused


@dataclass(frozen=True)
class UrgeEntry:
    ts: datetime
    trigger_kind: str  # blocked_during_session, limit_reached, feed, own_profile, ...
    target_kind: str  # app or site
    target_name: str
    outcome: Outcome
    page_kind: str | None = None
    prompt_id: str | None = None
    answer: str | None = None
    intention: str | None = None  # plaintext in memory only
    note: str | None = None  # plaintext in memory only
    allowed_s: float | None = None
    session_id: str | None = None


class UrgeStore(Protocol):
    def record_urge(self, entry: UrgeEntry) -> int | None:
        """Stores the entry; returns its id, or None when it could not be written."""
        ...


class MemoryUrgeStore:
    def __init__(self) -> None:
        self.entries: list[UrgeEntry] = []

    def record_urge(self, entry: UrgeEntry) -> int | None:
        self.entries.append(entry)
        return len(self.entries)
