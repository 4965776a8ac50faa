"""The commands that drive the app, shared by the tray menu, the CLI (over the local socket) and
the browser's native host: one name, one argument shape, one result shape each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from focusapp.core.errors import InvalidRequest
from focusapp.core.session import SessionEngine

Handler = Callable[[dict[str, Any]], dict[str, Any]]


def _opt(args: dict[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    value = args.get(key)
    if value is None:
        return None
    # bool is an int in Python; a JSON `true` is not a number of minutes.
    if isinstance(value, bool) and kind is not bool:
        raise InvalidRequest(f"'{key}' must be a number, not {value!r}.")
    if not isinstance(value, kind):
        raise InvalidRequest(f"'{key}' has the wrong type ({type(value).__name__}).")
    return value


class CommandSet:
    """Maps command names to engine calls and results to plain JSON-able dicts."""

    def __init__(
        self,
        engine: SessionEngine,
        *,
        profiles: Callable[[], list[str]],
        default_strict: Callable[[], bool],
    ) -> None:
        self.engine = engine
        self._profiles = profiles
        self._default_strict = default_strict
        self._handlers: dict[str, Handler] = {
            "status": lambda a: self.status(),
            "start": self._start,
            "stop": lambda a: self._wrap(self.engine.stop()),
            "pause": lambda a: self._wrap(self.engine.pause()),
            "resume": lambda a: self._wrap(self.engine.resume()),
            "skip_break": lambda a: self._wrap(self.engine.skip_break()),
            "emergency_begin": self._emergency_begin,
            "emergency_confirm": self._emergency_confirm,
        }

    def names(self) -> list[str]:
        return sorted(self._handlers)

    def add(self, name: str, handler: Handler) -> None:
        """Lets outer layers (the app, the browser bridge) register their own commands."""
        self._handlers[name] = handler

    def run(self, cmd: str, args: dict[str, Any] | None = None) -> dict[str, Any]:
        handler = self._handlers.get(cmd)
        if handler is None:
            raise InvalidRequest(f"Unknown command '{cmd}'.")
        if args is not None and not isinstance(args, dict):
            raise InvalidRequest("Arguments must be an object.")
        return handler(args or {})

    def status(self) -> dict[str, Any]:
        return self._wrap(None)

    def _wrap(self, _: object) -> dict[str, Any]:
        result = self.engine.status().to_dict()
        session_end = self.engine.session_ends_at()
        result["session_ends_at"] = session_end.isoformat() if session_end else None
        result["profiles"] = self._profiles()
        result["default_strict"] = self._default_strict()
        result["emergency_exits_left"] = self.engine.emergency_exits_left()
        return result

    def _start(self, args: dict[str, Any]) -> dict[str, Any]:
        minutes = _opt(args, "minutes", (int, float))
        profile = _opt(args, "profile", str)
        strict = _opt(args, "strict", bool)
        cycles = _opt(args, "cycles", int)
        source = _opt(args, "source", str) or "manual"
        if profile is not None and profile not in self._profiles():
            known = ", ".join(self._profiles()) or "none defined yet"
            raise InvalidRequest(f"There is no profile named '{profile}' (profiles: {known}).")
        status = self.engine.start(
            minutes, profile=profile, strict=strict, cycles=cycles, source=source[:40]
        )
        return self._wrap(status)

    def _emergency_begin(self, args: dict[str, Any]) -> dict[str, Any]:
        challenge = self.engine.begin_emergency_exit()
        return {
            "token": challenge.token,
            "sentence": challenge.sentence,
            "wait_s": max(0.0, challenge.ready_boot - self.engine.time.boot()),
            "exits_left": challenge.exits_left,
        }

    def _emergency_confirm(self, args: dict[str, Any]) -> dict[str, Any]:
        token = _opt(args, "token", str)
        typed = _opt(args, "typed", str)
        if token is None or typed is None:
            raise InvalidRequest("emergency_confirm needs 'token' and 'typed'.")
        return self._wrap(self.engine.confirm_emergency_exit(token, typed))
