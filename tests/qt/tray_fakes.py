"""A stand-in for the command layer: records every command and answers with canned results."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from focusapp.core.errors import CommandError

Answer = dict[str, Any] | CommandError | Callable[[dict[str, Any] | None], dict[str, Any]]

PROFILES = ["Deep work", "Writing"]


def status(**overrides: Any) -> dict[str, Any]:
    """A `status` result: idle by default, with two profiles and three emergency exits."""
    base: dict[str, Any] = {
        "state": "idle",
        "paused": False,
        "profile": None,
        "strict": False,
        "ends_at": None,
        "session_ends_at": None,
        "remaining_s": None,
        "phase_total_s": None,
        "cycle": 0,
        "cycles": 0,
        "break_kind": None,
        "source": None,
        "profiles": list(PROFILES),
        "default_strict": False,
        "emergency_exits_left": 3,
    }
    base.update(overrides)
    return base


def focus_status(remaining_s: float = 18 * 60, total_s: float = 25 * 60, **more: Any) -> dict:
    ends_at = datetime.now(UTC) + timedelta(seconds=remaining_s)
    fields: dict[str, Any] = {
        "state": "focus",
        "remaining_s": remaining_s,
        "phase_total_s": total_s,
        "ends_at": ends_at.isoformat(),
        "cycle": 1,
        "cycles": 1,
        "source": "tray",
    }
    fields.update(more)
    return status(**fields)


def break_status(remaining_s: float = 3 * 60, kind: str = "short", **more: Any) -> dict:
    fields: dict[str, Any] = {"state": "break", "break_kind": kind}
    fields.update(more)
    return focus_status(remaining_s=remaining_s, total_s=5 * 60, **fields)


class FakeRunner:
    """Answers each command from `answers` (a dict, an error to raise, or a function of args)."""

    def __init__(self, answers: dict[str, Answer] | None = None) -> None:
        self.calls: list[tuple[str, dict[str, Any] | None]] = []
        self.answers: dict[str, Answer] = dict(answers or {})

    def run(self, cmd: str, args: dict[str, Any] | None = None) -> dict[str, Any]:
        self.calls.append((cmd, args))
        answer = self.answers.get(cmd, status())
        if isinstance(answer, CommandError):
            raise answer
        if callable(answer):
            return answer(args)
        return answer

    def commands(self) -> list[str]:
        return [cmd for cmd, _ in self.calls]
