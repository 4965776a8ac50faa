"""Wayland: no general way to learn which window has focus, so two weaker sources.

Native Wayland apps are seen only as running processes: `ProcessPresenceTracker` polls the
user's processes every few seconds (there is no event to wait for) and reports a watched app
that runs, with `Certainty.RUNNING`, so time is "running time", not "focused time". Apps under
XWayland are still seen by the X11 tracker; `FallbackTracker` prefers what X11 says and falls
back to the running apps when no X window has focus (a native window has it, or none does).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import psutil
from PySide6.QtCore import QObject, QTimer

from focusapp.core.activity import Activity, ActivityKind, Certainty
from focusapp.core.phrases import Phrase, phrase
from focusapp.platform.base import ForegroundTracker, app_name

WAYLAND_NOTE = phrase(
    "Platform",
    "Wayland session: which window has focus is not visible to any app here. Focusapp sees "
    "which of your limited or blocked apps are running and counts their running time, not the "
    "time you spend looking at them. Idle time is not available either.",
)
DEFAULT_POLL_S = 5.0


@dataclass(frozen=True)
class RunningProcess:
    pid: int
    name: str
    exe: str | None


def list_user_processes() -> list[RunningProcess]:
    """The processes of the user running Focusapp (others' apps are not theirs to limit)."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    found = []
    for process in psutil.process_iter(["pid", "name", "exe", "uids"]):
        info = process.info
        uids = info.get("uids")
        if uid is not None and uids is not None and uids.real != uid:
            continue
        if info.get("name"):
            found.append(RunningProcess(info["pid"], info["name"], info.get("exe") or None))
    return found


class ProcessPresenceTracker(ForegroundTracker):
    """Reports a running app among the watched ones (names as rules give them: executable or
    WM_CLASS, any case). It keeps reporting the same app while it runs, so two watched apps
    running at once do not flap; `running()` lists them all."""

    capability_note = WAYLAND_NOTE

    def __init__(
        self,
        watched: Iterable[str] = (),
        *,
        list_processes: Callable[[], Iterable[RunningProcess]] = list_user_processes,
        poll_s: float = DEFAULT_POLL_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(debounce_ms=0, parent=parent)
        self._watched = tuple(watched)
        self._list_processes = list_processes
        self._running: tuple[Activity, ...] = ()
        self._timer = QTimer(self)
        self._timer.setInterval(round(poll_s * 1000))
        self._timer.timeout.connect(self.poll)

    def set_watched(self, names: Iterable[str]) -> None:
        self._watched = tuple(names)
        if self._timer.isActive():
            self.poll()

    def running(self) -> tuple[Activity, ...]:
        return self._running

    def start(self) -> None:
        self._timer.start()
        self.poll()

    def stop(self) -> None:
        super().stop()
        self._timer.stop()

    def poll(self) -> None:
        """Looks at the process list once."""
        watched = {pattern.lower() for pattern in self._watched}
        activities = []
        for process in self._list_processes():
            name = app_name(process.exe or process.name, None)
            # The kernel's process name may differ from the executable's (wrappers, Electron).
            if not {name, process.name.lower()} & watched:
                continue
            activities.append(
                Activity(
                    kind=ActivityKind.APP,
                    name=name,
                    certainty=Certainty.RUNNING,
                    pid=process.pid,
                    exe=process.exe,
                )
            )
        activities.sort(key=lambda activity: (activity.name, activity.pid or 0))
        self._running = tuple(activities)
        current = self.current()
        still_there = current is not None and any(
            (a.name, a.pid) == (current.name, current.pid) for a in activities
        )
        if still_there:
            return
        self._report(activities[0] if activities else None)


class FallbackTracker(ForegroundTracker):
    """What `primary` reports while it reports something, else what `fallback` reports."""

    def __init__(
        self,
        primary: ForegroundTracker,
        fallback: ForegroundTracker,
        *,
        note: Phrase | str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(debounce_ms=0, parent=parent)
        self.capability_note = note
        self.primary = primary
        self.fallback = fallback
        primary.changed.connect(self._update)
        fallback.changed.connect(self._update)

    def start(self) -> None:
        self.primary.start()
        self.fallback.start()
        self._update()

    def stop(self) -> None:
        super().stop()
        self.primary.stop()
        self.fallback.stop()

    def set_watched(self, names: Iterable[str]) -> None:
        names = tuple(names)
        self.primary.set_watched(names)
        self.fallback.set_watched(names)

    def _update(self, _activity: object = None) -> None:
        self._report(self.primary.current() or self.fallback.current())
