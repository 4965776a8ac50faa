"""The interfaces every OS adapter implements: foreground tracking, idle time, window control.

A tracker reports what is in front of the user as an `Activity` (or None: nothing, e.g. the
desktop). Window managers and Windows report "no foreground window" for a moment during every
switch, so `ForegroundTracker` holds a None back for `debounce_ms` and reports it only if nothing
replaced it; a real change (another app, window or title) is reported at once, a repeat never.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QObject, QTimer, Signal

from focusapp.core.activity import Activity
from focusapp.core.phrases import Phrase

# Input idle for longer than this is not counted as time spent in an app.
DEFAULT_IDLE_THRESHOLD_S = 120.0
DEFAULT_DEBOUNCE_MS = 150


def app_name(exe: str | None, wm_class: str | None, *, windows: bool | None = None) -> str:
    """The name rules match on: the executable's file name in lower case (without `.exe` on
    Windows, so `discord` matches `Discord.exe`), else the window class in lower case."""
    if exe:
        base = exe.replace("\\", "/").rsplit("/", 1)[-1].lower()
        on_windows = sys.platform == "win32" if windows is None else windows
        if on_windows and base.endswith(".exe"):
            base = base[: -len(".exe")]
        if base:
            return base
    if wm_class:
        return wm_class.lower()
    return "unknown"


class ForegroundTracker(QObject):
    """Reports the foreground app. Subclasses call `_report` whenever they learn something; this
    class debounces None and drops repeats, and `changed` fires only for real changes."""

    changed = Signal(object)  # Activity | None

    # What this tracker can see, for the user (a Phrase where the desktop UI shows it).
    capability_note: Phrase | str = "Cannot see which app is in front."

    def __init__(
        self, *, debounce_ms: int = DEFAULT_DEBOUNCE_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._current: Activity | None = None
        self._none_timer = QTimer(self)
        self._none_timer.setSingleShot(True)
        self._none_timer.setInterval(debounce_ms)
        self._none_timer.timeout.connect(self._confirm_none)

    def start(self) -> None:
        """Begins reporting; the current foreground app is reported soon after."""

    def stop(self) -> None:
        """Stops reporting and releases OS resources. `start` may be called again."""
        self._none_timer.stop()

    def set_watched(self, names: Iterable[str]) -> None:
        """The apps the rules name. Trackers that see focus ignore it; those that can only see
        running processes (native Wayland) report just these."""

    def current(self) -> Activity | None:
        """The last activity reported through `changed`."""
        return self._current

    def _report(self, activity: Activity | None) -> None:
        if activity is None:
            # Keep the first deadline: a stream of Nones must not postpone the report forever.
            if self._current is not None and not self._none_timer.isActive():
                self._none_timer.start()
            return
        self._none_timer.stop()
        if activity != self._current:
            self._current = activity
            self.changed.emit(activity)

    def _confirm_none(self) -> None:
        if self._current is not None:
            self._current = None
            self.changed.emit(None)


class NullTracker(ForegroundTracker):
    """The tracker of a system Focusapp cannot watch: it never reports anything."""

    def __init__(self, note: Phrase | str, *, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.capability_note = note


@runtime_checkable
class IdleMonitor(Protocol):
    def idle_seconds(self) -> float | None:
        """Seconds since the last keyboard or mouse input, or None when unknown."""
        ...

    def screen_locked(self) -> bool: ...


class NullIdle:
    """Idle time on a system where it cannot be read: unknown, never locked."""

    def idle_seconds(self) -> float | None:
        return None

    def screen_locked(self) -> bool:
        return False


def user_away(monitor: IdleMonitor, threshold_s: float = DEFAULT_IDLE_THRESHOLD_S) -> bool:
    """True when time should not count: the screen is locked or input is idle past the
    threshold. Unknown idle time counts as present, so a missing extension never hides usage."""
    if monitor.screen_locked():
        return True
    idle = monitor.idle_seconds()
    return idle is not None and idle >= threshold_s


@runtime_checkable
class WindowControl(Protocol):
    def activate(self, window_id: int) -> bool: ...

    def minimize(self, window_id: int) -> bool: ...

    def close_app(self, pid: int, grace_s: float = 5.0) -> None: ...


class NullControl:
    """Window control where there is none: activate and minimize refuse; closing an app still
    asks the process politely when the OS has signals (see `closing.AppCloser`)."""

    def __init__(self, closer: Callable[[int, float], None] | None = None) -> None:
        self._closer = closer

    def activate(self, window_id: int) -> bool:
        return False

    def minimize(self, window_id: int) -> bool:
        return False

    def close_app(self, pid: int, grace_s: float = 5.0) -> None:
        if self._closer is not None:
            self._closer(pid, grace_s)


@dataclass
class PlatformAdapters:
    """What `create_platform` hands the composition root. `note` sums up, for the user, what
    this system lets Focusapp see and do (a Phrase where the app tells it at start)."""

    backend: str  # "x11", "xwayland", "wayland", "windows", "macos" or "unsupported"
    tracker: ForegroundTracker
    idle: IdleMonitor
    control: WindowControl
    note: Phrase | str
    _closers: list[Callable[[], None]] = field(default_factory=list, repr=False)

    def close(self) -> None:
        """Stops the tracker and closes OS connections."""
        self.tracker.stop()
        for close in self._closers:
            close()
        self._closers.clear()
