"""macOS: the frontmost app from NSWorkspace, idle time from Quartz event sources.

Every OS call goes through a `MacApi` table of plain functions. `real_macos_api()` fills it
with pyobjc (imported there, so only on macOS); tests fill it with fakes.

The tracker is woken by NSWorkspace's "did activate application" notification (delivered on
the main run loop, which Qt runs) and polls once a second for title changes, which macOS
announces only through the Accessibility API. Window titles need the Screen Recording
permission; without it titles are empty and apps are still seen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer

from focusapp.core.activity import Activity, ActivityKind
from focusapp.platform.base import DEFAULT_DEBOUNCE_MS, ForegroundTracker, app_name
from focusapp.platform.closing import AppCloser

MACOS_NOTE = (
    "Sees the frontmost app. Window titles need the Screen Recording permission (System "
    "Settings > Privacy & Security); without it titles stay empty. Minimizing hides the app."
)


@dataclass(frozen=True)
class MacApp:
    pid: int
    name: str  # localizedName, for display
    bundle_id: str | None
    exe: str | None  # executableURL.path


@dataclass
class MacApi:
    frontmost_app: Callable[[], MacApp | None]  # NSWorkspace.frontmostApplication
    # CGWindowListCopyWindowInfo: (window number, title) of the app's frontmost normal window
    front_window: Callable[[int], tuple[int, str] | None]
    window_owner: Callable[[int], int | None]  # kCGWindowOwnerPID of a window number
    seconds_since_input: Callable[[], float | None]  # CGEventSourceSecondsSinceLastEventType
    screen_locked: Callable[[], bool]  # CGSessionCopyCurrentDictionary CGSSessionScreenIsLocked
    activate_app: Callable[[int], bool]  # NSRunningApplication.activateWithOptions_
    hide_app: Callable[[int], bool]  # NSRunningApplication.hide
    # NSWorkspaceDidActivateApplicationNotification observer; returns the remover
    watch_activation: Callable[[Callable[[], None]], Callable[[], None]]


class MacForegroundTracker(ForegroundTracker):
    def __init__(
        self,
        api: MacApi,
        *,
        title_poll_ms: int = 1000,
        debounce_ms: int = DEFAULT_DEBOUNCE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(debounce_ms=debounce_ms, parent=parent)
        self.capability_note = MACOS_NOTE
        self._api = api
        self._unwatch: Callable[[], None] | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(title_poll_ms)
        self._poll.timeout.connect(self.refresh)

    def start(self) -> None:
        if self._unwatch is None:
            self._unwatch = self._api.watch_activation(self.refresh)
        self._poll.start()
        self.refresh()

    def stop(self) -> None:
        super().stop()
        self._poll.stop()
        if self._unwatch is not None:
            self._unwatch()
            self._unwatch = None

    def refresh(self) -> None:
        self._report(self._read())

    def _read(self) -> Activity | None:
        app = self._api.frontmost_app()
        if app is None:
            return None
        window = self._api.front_window(app.pid)
        window_id, title = window if window is not None else (None, "")
        return Activity(
            kind=ActivityKind.APP,
            name=app_name(app.exe, app.bundle_id or app.name, windows=False),
            title=title,
            window_id=window_id,
            pid=app.pid,
            wm_class=app.bundle_id,
            exe=app.exe,
        )


class MacIdleMonitor:
    def __init__(self, api: MacApi) -> None:
        self._api = api

    def idle_seconds(self) -> float | None:
        return self._api.seconds_since_input()

    def screen_locked(self) -> bool:
        return self._api.screen_locked()


class MacWindowControl:
    """Works on apps, not windows (moving another app's windows needs Accessibility rights):
    `activate` brings the window's app to the front, `minimize` hides it."""

    def __init__(self, api: MacApi, closer: AppCloser | None = None) -> None:
        self._api = api
        self.closer = closer or AppCloser()

    def activate(self, window_id: int) -> bool:
        pid = self._api.window_owner(window_id)
        return pid is not None and self._api.activate_app(pid)

    def minimize(self, window_id: int) -> bool:
        pid = self._api.window_owner(window_id)
        return pid is not None and self._api.hide_app(pid)

    def close_app(self, pid: int, grace_s: float = 5.0) -> None:
        self.closer.close_app(pid, grace_s)


def real_macos_api() -> MacApi:  # pragma: no cover - runs only on macOS
    """The table on top of pyobjc (AppKit, Foundation, Quartz). Raises ImportError without it."""
    import AppKit  # type: ignore[import-not-found]
    import Foundation  # type: ignore[import-not-found]
    import Quartz  # type: ignore[import-not-found]

    workspace: Any = AppKit.NSWorkspace.sharedWorkspace()

    def running(pid: int) -> Any:
        return AppKit.NSRunningApplication.runningApplicationWithProcessIdentifier_(pid)

    def frontmost_app() -> MacApp | None:
        app = workspace.frontmostApplication()
        if app is None:
            return None
        url = app.executableURL()
        return MacApp(
            pid=int(app.processIdentifier()),
            name=str(app.localizedName() or ""),
            bundle_id=str(app.bundleIdentifier()) if app.bundleIdentifier() else None,
            exe=str(url.path()) if url is not None else None,
        )

    def front_window(pid: int) -> tuple[int, str] | None:
        options = (
            Quartz.kCGWindowListOptionOnScreenOnly | Quartz.kCGWindowListExcludeDesktopElements
        )
        # Front to back: the first normal-layer window of the app is its front window.
        for info in Quartz.CGWindowListCopyWindowInfo(options, Quartz.kCGNullWindowID) or ():
            if int(info.get(Quartz.kCGWindowOwnerPID, -1)) != pid:
                continue
            if int(info.get(Quartz.kCGWindowLayer, 1)) != 0:
                continue
            return int(info[Quartz.kCGWindowNumber]), str(info.get(Quartz.kCGWindowName) or "")
        return None

    def window_owner(window_id: int) -> int | None:
        infos = Quartz.CGWindowListCopyWindowInfo(
            Quartz.kCGWindowListOptionIncludingWindow, window_id
        )
        for info in infos or ():
            if int(info.get(Quartz.kCGWindowNumber, -1)) == window_id:
                return int(info[Quartz.kCGWindowOwnerPID])
        return None

    def seconds_since_input() -> float | None:
        return float(
            Quartz.CGEventSourceSecondsSinceLastEventType(
                Quartz.kCGEventSourceStateCombinedSessionState, Quartz.kCGAnyInputEventType
            )
        )

    def screen_locked() -> bool:
        session = Quartz.CGSessionCopyCurrentDictionary()
        return bool(session and session.get("CGSSessionScreenIsLocked", False))

    def activate_app(pid: int) -> bool:
        app = running(pid)
        return bool(
            app is not None
            and app.activateWithOptions_(AppKit.NSApplicationActivateIgnoringOtherApps)
        )

    def hide_app(pid: int) -> bool:
        app = running(pid)
        return bool(app is not None and app.hide())

    def watch_activation(callback: Callable[[], None]) -> Callable[[], None]:
        center = workspace.notificationCenter()
        token = center.addObserverForName_object_queue_usingBlock_(
            AppKit.NSWorkspaceDidActivateApplicationNotification,
            None,
            Foundation.NSOperationQueue.mainQueue(),
            lambda _notification: callback(),
        )
        return lambda: center.removeObserver_(token)

    return MacApi(
        frontmost_app=frontmost_app,
        front_window=front_window,
        window_owner=window_owner,
        seconds_since_input=seconds_since_input,
        screen_locked=screen_locked,
        activate_app=activate_app,
        hide_app=hide_app,
        watch_activation=watch_activation,
    )
