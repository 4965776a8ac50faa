"""The macOS adapters against a fake NSWorkspace / Quartz table."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

from focusapp.platform.macos import (
    MacApi,
    MacApp,
    MacForegroundTracker,
    MacIdleMonitor,
    MacWindowControl,
)

SAFARI = MacApp(
    pid=501,
    name="Safari",
    bundle_id="com.apple.Safari",
    exe="/Applications/Safari.app/Contents/MacOS/Safari",
)
DISCORD = MacApp(
    pid=777,
    name="Discord",
    bundle_id="com.hnc.Discord",
    exe="/Applications/Discord.app/Contents/MacOS/Discord",
)


@dataclass
class FakeMac:
    front: MacApp | None = None
    windows: dict[int, tuple[int, str]] = field(default_factory=dict)  # pid -> (number, title)
    idle: float | None = 0.0
    locked: bool = False
    observer: Callable[[], None] | None = None
    activated: list[int] = field(default_factory=list)
    hidden: list[int] = field(default_factory=list)
    running: set[int] = field(default_factory=set)

    def api(self) -> MacApi:
        return MacApi(
            frontmost_app=lambda: self.front,
            front_window=lambda pid: self.windows.get(pid),
            window_owner=self._owner,
            seconds_since_input=lambda: self.idle,
            screen_locked=lambda: self.locked,
            activate_app=lambda pid: self._record(self.activated, pid),
            hide_app=lambda pid: self._record(self.hidden, pid),
            watch_activation=self._watch,
        )

    def activate(self, app: MacApp | None) -> None:
        self.front = app
        if self.observer is not None:
            self.observer()

    def _owner(self, number: int) -> int | None:
        return next((pid for pid, (n, _) in self.windows.items() if n == number), None)

    def _record(self, into: list[int], pid: int) -> bool:
        if pid not in self.running:
            return False
        into.append(pid)
        return True

    def _watch(self, callback: Callable[[], None]) -> Callable[[], None]:
        self.observer = callback

        def remove() -> None:
            self.observer = None

        return remove


@pytest.fixture
def mac() -> FakeMac:
    fake = FakeMac(front=SAFARI, running={501, 777})
    fake.windows = {501: (11, "Apple"), 777: (22, "#general")}
    return fake


@pytest.fixture
def tracker(qapp, mac: FakeMac) -> Iterator[MacForegroundTracker]:
    tracker = MacForegroundTracker(mac.api(), title_poll_ms=60_000, debounce_ms=50)
    yield tracker
    tracker.stop()


def test_frontmost_app_is_named_by_its_executable(
    qtbot, mac: FakeMac, tracker: MacForegroundTracker
) -> None:
    with qtbot.waitSignal(tracker.changed, timeout=1000) as signal:
        tracker.start()
    activity = signal.args[0]
    assert (activity.name, activity.title, activity.pid, activity.window_id) == (
        "safari",
        "Apple",
        501,
        11,
    )
    assert activity.wm_class == "com.apple.Safari"
    assert activity.matches(["com.apple.safari"])


def test_activation_notification_reports_the_new_app(
    qtbot, mac: FakeMac, tracker: MacForegroundTracker
) -> None:
    tracker.start()
    with qtbot.waitSignal(tracker.changed, timeout=1000) as signal:
        mac.activate(DISCORD)
    assert signal.args[0].name == "discord"
    assert signal.args[0].title == "#general"


def test_title_changes_are_found_by_the_poll(qtbot, mac: FakeMac) -> None:
    tracker = MacForegroundTracker(mac.api(), title_poll_ms=30)
    tracker.start()
    try:
        mac.windows[501] = (11, "News")
        qtbot.waitUntil(lambda: tracker.current() is not None and tracker.current().title == "News")
    finally:
        tracker.stop()


def test_without_screen_recording_permission_the_app_is_seen_without_a_title(
    qtbot, mac: FakeMac, tracker: MacForegroundTracker
) -> None:
    mac.windows.clear()  # CGWindowList hides other apps' windows
    with qtbot.waitSignal(tracker.changed, timeout=1000) as signal:
        tracker.start()
    assert (signal.args[0].name, signal.args[0].title, signal.args[0].window_id) == (
        "safari",
        "",
        None,
    )


def test_an_app_that_quit_leaves_nothing_in_front_after_the_debounce(
    qtbot, mac: FakeMac, tracker: MacForegroundTracker
) -> None:
    tracker.start()
    with qtbot.waitSignal(tracker.changed, timeout=1000) as signal:
        mac.activate(None)
    assert signal.args == [None]


def test_stop_removes_the_observer(mac: FakeMac, tracker: MacForegroundTracker) -> None:
    tracker.start()
    tracker.stop()
    assert mac.observer is None


def test_idle_and_lock_come_from_quartz(mac: FakeMac) -> None:
    monitor = MacIdleMonitor(mac.api())
    mac.idle, mac.locked = 42.5, True
    assert monitor.idle_seconds() == 42.5
    assert monitor.screen_locked()


def test_control_works_on_the_app_owning_the_window(mac: FakeMac) -> None:
    control = MacWindowControl(mac.api())
    assert control.activate(22)
    assert control.minimize(22)
    assert (mac.activated, mac.hidden) == ([777], [777])


def test_control_refuses_unknown_windows_and_quit_apps(mac: FakeMac) -> None:
    control = MacWindowControl(mac.api())
    assert not control.activate(999)
    mac.running.discard(777)
    assert not control.minimize(22)
