"""How the UI talks to the session engine: the same named commands the CLI sends, and typed views
of what they return.

The widgets never hold a reference to the engine. They get a `CommandRunner` and read results
through `SessionStatus` / `EmergencyTicket`, so a test can hand them a fake runner and canned dicts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Protocol


class CommandRunner(Protocol):
    """Runs one command by name. Raises `focusapp.core.errors.CommandError` (`Refused`, ...)."""

    def run(self, cmd: str, args: dict[str, Any] | None = None) -> dict[str, Any]: ...


class Phase(StrEnum):
    IDLE = "idle"
    FOCUS = "focus"
    BREAK = "break"


def _float_or_none(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    # A naive timestamp from the engine would be a bug there; reading it as UTC is the least
    # surprising guess and keeps every comparison below aware.
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


@dataclass(frozen=True)
class SessionStatus:
    """The `status` command's result (also `focusapp status --json`), read defensively."""

    phase: Phase = Phase.IDLE
    paused: bool = False
    profile: str | None = None
    strict: bool = False
    ends_at: datetime | None = None
    session_ends_at: datetime | None = None
    remaining_s: float | None = None
    phase_total_s: float | None = None
    cycle: int = 0
    cycles: int = 0
    break_kind: str | None = None
    source: str | None = None
    profiles: tuple[str, ...] = ()
    default_strict: bool = False
    emergency_exits_left: int = 0
    deferred_limits: tuple[str, ...] = ()  # raised limits waiting for tomorrow

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SessionStatus:
        try:
            phase = Phase(data.get("state", "idle"))
        except ValueError:
            phase = Phase.IDLE
        profile = data.get("profile")
        profiles = data.get("profiles") or ()
        break_kind = data.get("break_kind")
        source = data.get("source")
        return cls(
            phase=phase,
            paused=bool(data.get("paused", False)),
            profile=profile if isinstance(profile, str) and profile else None,
            strict=bool(data.get("strict", False)),
            ends_at=_parse_time(data.get("ends_at")),
            session_ends_at=_parse_time(data.get("session_ends_at")),
            remaining_s=_float_or_none(data.get("remaining_s")),
            phase_total_s=_float_or_none(data.get("phase_total_s")),
            cycle=int(data.get("cycle") or 0),
            cycles=int(data.get("cycles") or 0),
            break_kind=break_kind if isinstance(break_kind, str) else None,
            source=source if isinstance(source, str) else None,
            profiles=tuple(str(p) for p in profiles),
            default_strict=bool(data.get("default_strict", False)),
            emergency_exits_left=int(data.get("emergency_exits_left") or 0),
            deferred_limits=tuple(str(n) for n in data.get("deferred_limits") or ()),
        )

    @property
    def in_session(self) -> bool:
        return self.phase is not Phase.IDLE

    def seconds_left(self, now: datetime | None = None) -> float | None:
        """Time left in this phase: the engine's `remaining_s`, else derived from `ends_at`."""
        if self.remaining_s is not None:
            return max(0.0, self.remaining_s)
        if self.ends_at is None:
            return None
        current = now if now is not None else datetime.now(UTC)
        return max(0.0, (self.ends_at - current).total_seconds())

    def fraction_left(self, now: datetime | None = None) -> float | None:
        """Share of this phase still ahead, 1.0 at its start and 0.0 at its end."""
        left = self.seconds_left(now)
        if left is None or not self.phase_total_s or self.phase_total_s <= 0:
            return None
        return min(1.0, max(0.0, left / self.phase_total_s))


@dataclass(frozen=True)
class EmergencyTicket:
    """The `emergency_begin` result: what to type, how long to wait, and the proof to send back."""

    token: str
    sentence: str
    wait_s: float
    exits_left: int

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EmergencyTicket:
        wait = _float_or_none(data.get("wait_s"))
        return cls(
            token=str(data["token"]),
            sentence=str(data["sentence"]),
            wait_s=wait if wait is not None and math.isfinite(wait) and wait > 0 else 0.0,
            exits_left=int(data.get("exits_left") or 0),
        )
