"""The X11 adapters against a real X server and window manager (openbox under Xvfb).

Real xterm windows are switched with xdotool (through the window manager, as a user would);
the tracker runs in this process on its own Xlib connection while Qt itself stays offscreen.
"""

from __future__ import annotations

import itertools
import os
import subprocess
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from Xlib import X, Xatom
from Xlib.display import Display

from focusapp.core.activity import Activity, ActivityKind, Certainty
from focusapp.platform.closing import AppCloser
from focusapp.platform.select import create_platform
from focusapp.platform.x11 import (
    X11ForegroundTracker,
    X11IdleMonitor,
    X11WindowControl,
    open_display,
)
from tests.integration import x11

pytestmark = pytest.mark.x11

TIMEOUT_MS = 10_000
_serial = itertools.count()


class Xterm:
    """An xterm with a class and title of our choosing, running `sleep` (no shell, so no prompt
    rewrites the title)."""

    def __init__(self, wm_class: str, title: str) -> None:
        self.wm_class = wm_class
        self.process = subprocess.Popen(
            ["xterm", "-class", wm_class, "-title", title, "-e", "sleep", "600"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.window = x11.wait_for_window(wm_class=wm_class, pid=self.process.pid)

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def id(self) -> int:
        return self.window.id

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait(10)


OpenXterm = Callable[..., Xterm]


@pytest.fixture
def xterm() -> Iterator[OpenXterm]:
    opened: list[Xterm] = []

    def open_one(name: str = "Focus", title: str | None = None) -> Xterm:
        term = Xterm(f"{name}{os.getpid()}x{next(_serial)}", title or name.lower())
        opened.append(term)
        return term

    yield open_one
    for term in opened:
        term.close()


@pytest.fixture
def conn() -> Iterator[Display]:
    """The test's own connection, for looking and for poking at properties."""
    display = open_display(None)
    yield display
    display.close()


@pytest.fixture
def tracker(qapp) -> Iterator[X11ForegroundTracker]:
    tracker = X11ForegroundTracker(None)
    yield tracker
    tracker.stop()


def activate(window_id: int) -> None:
    subprocess.run(["xdotool", "windowactivate", "--sync", str(window_id)], check=True, timeout=30)


def active_window(conn: Display) -> int:
    prop = conn.screen().root.get_full_property(
        conn.intern_atom("_NET_ACTIVE_WINDOW"), Xatom.WINDOW
    )
    return int(prop.value[0]) if prop and len(prop.value) else 0


def reported(tracker: X11ForegroundTracker, term: Xterm) -> Callable[[], bool]:
    def check() -> bool:
        current = tracker.current()
        return current is not None and current.window_id == term.id

    return check


def test_switching_windows_reports_app_class_pid_exe_and_title(
    qtbot, tracker: X11ForegroundTracker, xterm: OpenXterm
) -> None:
    a, b = xterm("FocusA", "first"), xterm("FocusB", "second")
    tracker.start()
    for term, title in ((a, "first"), (b, "second"), (a, "first")):
        activate(term.id)
        qtbot.waitUntil(reported(tracker, term), timeout=TIMEOUT_MS)
        assert tracker.current() == Activity(
            kind=ActivityKind.APP,
            name="xterm",
            title=title,  # xterm sets only WM_NAME: the fallback from _NET_WM_NAME
            certainty=Certainty.FOCUSED,
            window_id=term.id,
            pid=term.pid,
            wm_class=term.wm_class,
            exe="/usr/bin/xterm",
        )
        assert tracker.current().matches([term.wm_class.lower()])


def test_each_switch_is_reported_once_and_no_none_in_between(
    qtbot, tracker: X11ForegroundTracker, xterm: OpenXterm
) -> None:
    a, b = xterm("FocusA"), xterm("FocusB")
    activate(a.id)
    tracker.start()
    qtbot.waitUntil(reported(tracker, a), timeout=TIMEOUT_MS)
    seen: list[Activity | None] = []
    tracker.changed.connect(seen.append)
    for term in (b, a, b):
        activate(term.id)
        qtbot.waitUntil(reported(tracker, term), timeout=TIMEOUT_MS)
    qtbot.wait(300)  # longer than the debounce: a late None would show up now
    assert [activity.window_id if activity else None for activity in seen] == [b.id, a.id, b.id]


def test_title_changes_of_the_active_window_are_reported(
    qtbot, tracker: X11ForegroundTracker, xterm: OpenXterm, conn: Display
) -> None:
    a = xterm("FocusA", "before")
    activate(a.id)
    tracker.start()
    qtbot.waitUntil(reported(tracker, a), timeout=TIMEOUT_MS)
    window = conn.create_resource_object("window", a.id)
    net_wm_name = conn.intern_atom("_NET_WM_NAME")
    utf8 = conn.intern_atom("UTF8_STRING")

    with qtbot.waitSignal(tracker.changed, timeout=TIMEOUT_MS) as signal:
        window.change_property(Xatom.WM_NAME, Xatom.STRING, 8, b"legacy name")
        conn.flush()
    assert signal.args[0].title == "legacy name"

    with qtbot.waitSignal(tracker.changed, timeout=TIMEOUT_MS) as signal:
        window.change_property(net_wm_name, utf8, 8, "naïve café ☕".encode())
        conn.flush()
    assert signal.args[0].title == "naïve café ☕"

    with qtbot.waitSignal(tracker.changed, timeout=TIMEOUT_MS) as signal:
        window.change_property(net_wm_name, utf8, 8, b"")  # empty: back to WM_NAME
        conn.flush()
    assert signal.args[0].title == "legacy name"
    assert signal.args[0].pid == a.pid


def test_title_changes_of_a_window_no_longer_active_are_ignored(
    qtbot, tracker: X11ForegroundTracker, xterm: OpenXterm, conn: Display
) -> None:
    a, b = xterm("FocusA"), xterm("FocusB")
    activate(a.id)
    tracker.start()
    activate(b.id)
    qtbot.waitUntil(reported(tracker, b), timeout=TIMEOUT_MS)
    seen: list[object] = []
    tracker.changed.connect(seen.append)
    conn.create_resource_object("window", a.id).change_property(
        Xatom.WM_NAME, Xatom.STRING, 8, b"in the background"
    )
    conn.flush()
    qtbot.wait(300)
    assert seen == []


def test_a_moment_without_active_window_is_debounced_and_a_lasting_one_reported(
    qtbot, tracker: X11ForegroundTracker, xterm: OpenXterm, conn: Display
) -> None:
    a = xterm("FocusA")
    activate(a.id)
    tracker.start()
    qtbot.waitUntil(reported(tracker, a), timeout=TIMEOUT_MS)
    seen: list[Activity | None] = []
    tracker.changed.connect(seen.append)
    root = conn.screen().root
    net_active = conn.intern_atom("_NET_ACTIVE_WINDOW")
    try:
        # What window managers do on every switch and close, written straight to the root.
        root.change_property(net_active, Xatom.WINDOW, 32, [0])
        root.change_property(net_active, Xatom.WINDOW, 32, [a.id])
        conn.flush()
        qtbot.wait(400)
        assert seen == []

        with qtbot.waitSignal(tracker.changed, timeout=TIMEOUT_MS) as signal:
            root.change_property(net_active, Xatom.WINDOW, 32, [0])
            conn.flush()
        assert signal.args == [None]
        assert seen == [None]
    finally:
        root.change_property(net_active, Xatom.WINDOW, 32, [a.id])
        conn.flush()


def test_windows_vanishing_right_after_activation_do_not_break_tracking(
    qtbot, tracker: X11ForegroundTracker, xterm: OpenXterm, conn: Display, capfd
) -> None:
    a, b = xterm("FocusA"), xterm("FocusB")
    activate(b.id)
    tracker.start()
    root = conn.screen().root
    net_active = conn.intern_atom("_NET_ACTIVE_WINDOW")
    # The server runs each burst before the tracker can ask about the window: it reads a
    # window that no longer exists, every time.
    for _ in range(20):
        doomed = root.create_window(10, 10, 50, 50, 0, X.CopyFromParent)
        doomed.set_wm_class("doomed", "Doomed")
        root.change_property(net_active, Xatom.WINDOW, 32, [doomed.id])
        doomed.change_property(Xatom.WM_NAME, Xatom.STRING, 8, b"doomed")
        doomed.destroy()
        conn.flush()
    qtbot.wait(200)
    activate(a.id)  # openbox still has b focused, so this is a real switch
    qtbot.waitUntil(reported(tracker, a), timeout=TIMEOUT_MS)
    assert tracker.current().title == "focusa"
    assert "X protocol error" not in capfd.readouterr().err


def test_the_tracker_can_be_stopped_and_started_again(
    qtbot, tracker: X11ForegroundTracker, xterm: OpenXterm
) -> None:
    a, b = xterm("FocusA"), xterm("FocusB")
    activate(a.id)
    tracker.start()
    qtbot.waitUntil(reported(tracker, a), timeout=TIMEOUT_MS)
    tracker.stop()
    activate(b.id)
    tracker.start()
    qtbot.waitUntil(reported(tracker, b), timeout=TIMEOUT_MS)


@pytest.fixture
def monitor(conn: Display) -> X11IdleMonitor:
    return X11IdleMonitor(conn, lock_cache_s=0.0)


def test_idle_time_grows_without_input_and_resets_with_the_mouse(
    qtbot, monitor: X11IdleMonitor
) -> None:
    subprocess.run(["xdotool", "mousemove", "300", "300"], check=True, timeout=30)
    qtbot.waitUntil(lambda: (monitor.idle_seconds() or 0.0) >= 1.0, timeout=TIMEOUT_MS)
    subprocess.run(["xdotool", "mousemove", "310", "310"], check=True, timeout=30)
    idle = monitor.idle_seconds()
    assert idle is not None and idle < 1.0


def test_an_active_screen_saver_counts_as_locked(
    qtbot, monitor: X11IdleMonitor, conn: Display
) -> None:
    assert not monitor.screen_locked()
    try:
        conn.force_screen_saver(X.ScreenSaverActive)
        conn.flush()
        qtbot.waitUntil(monitor.screen_locked, timeout=TIMEOUT_MS)
    finally:
        conn.force_screen_saver(X.ScreenSaverReset)
        conn.flush()
    qtbot.waitUntil(lambda: not monitor.screen_locked(), timeout=TIMEOUT_MS)


def test_a_known_locker_window_counts_as_locked(
    qtbot, monitor: X11IdleMonitor, conn: Display
) -> None:
    assert not monitor.screen_locked()
    # i3lock's window is an override-redirect top-level of class "i3lock", like this one.
    root = conn.screen().root
    locker = root.create_window(0, 0, 100, 100, 0, X.CopyFromParent, override_redirect=True)
    locker.set_wm_class("i3lock", "i3lock")
    locker.map()
    conn.flush()
    try:
        qtbot.waitUntil(monitor.screen_locked, timeout=TIMEOUT_MS)
    finally:
        locker.destroy()
        conn.flush()
    qtbot.waitUntil(lambda: not monitor.screen_locked(), timeout=TIMEOUT_MS)


def test_a_running_locker_process_counts_as_locked(conn: Display) -> None:
    names = ["bash", "python3"]
    monitor = X11IdleMonitor(conn, lock_cache_s=0.0, process_names=lambda: names)
    assert not monitor.screen_locked()
    names.append("i3lock")
    assert monitor.screen_locked()


@pytest.fixture
def control(conn: Display) -> X11WindowControl:
    return X11WindowControl(conn, AppCloser(poll_ms=20))


def test_activate_makes_the_window_manager_focus_the_window(
    qtbot, control: X11WindowControl, xterm: OpenXterm, conn: Display
) -> None:
    a, b = xterm("FocusA"), xterm("FocusB")
    activate(a.id)
    assert control.activate(b.id)
    qtbot.waitUntil(lambda: active_window(conn) == b.id, timeout=TIMEOUT_MS)
    assert control.activate(a.id)
    qtbot.waitUntil(lambda: active_window(conn) == a.id, timeout=TIMEOUT_MS)


def test_minimize_iconifies_and_activate_brings_it_back(
    qtbot, control: X11WindowControl, xterm: OpenXterm, conn: Display
) -> None:
    a = xterm("FocusA")
    activate(a.id)
    window: Any = conn.create_resource_object("window", a.id)
    assert control.minimize(a.id)
    qtbot.waitUntil(lambda: control.is_minimized(a.id), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: window.get_attributes().map_state != X.IsViewable, timeout=TIMEOUT_MS)
    assert control.activate(a.id)
    qtbot.waitUntil(lambda: not control.is_minimized(a.id), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: active_window(conn) == a.id, timeout=TIMEOUT_MS)


def test_a_vanished_window_can_be_neither_activated_nor_minimized(
    control: X11WindowControl, conn: Display
) -> None:
    gone = conn.screen().root.create_window(0, 0, 10, 10, 0, X.CopyFromParent)
    gone.destroy()
    conn.flush()
    assert not control.activate(gone.id)
    assert not control.minimize(gone.id)


def test_the_focused_app_can_be_closed_by_its_reported_pid(
    qtbot, tracker: X11ForegroundTracker, control: X11WindowControl, xterm: OpenXterm
) -> None:
    a = xterm("FocusA")
    activate(a.id)
    tracker.start()
    qtbot.waitUntil(reported(tracker, a), timeout=TIMEOUT_MS)
    pid = tracker.current().pid
    assert pid is not None
    with qtbot.waitSignal(control.closer.finished, timeout=TIMEOUT_MS) as signal:
        control.close_app(pid, grace_s=0.2)
    assert signal.args == [a.pid, True]
    assert a.process.wait(5) != 0  # ended by SIGTERM (xterm exits with its own status)


def test_create_platform_on_a_plain_x11_session_sees_every_window(qtbot, xterm: OpenXterm) -> None:
    a = xterm("FocusA")
    activate(a.id)
    adapters = create_platform(
        environ={"DISPLAY": os.environ["DISPLAY"], "XDG_SESSION_TYPE": "x11"}
    )
    try:
        assert adapters.backend == "x11"
        assert "every app" in adapters.note
        adapters.tracker.start()
        qtbot.waitUntil(
            lambda: (
                adapters.tracker.current() is not None
                and adapters.tracker.current().window_id == a.id
            ),
            timeout=TIMEOUT_MS,
        )
        assert adapters.idle.idle_seconds() is not None
    finally:
        adapters.close()


def test_xwayland_session_uses_x11_and_says_only_xwayland_windows_are_seen(
    qtbot, xterm: OpenXterm
) -> None:
    a = xterm("FocusA")
    activate(a.id)
    adapters = create_platform(
        environ={
            "DISPLAY": os.environ["DISPLAY"],
            "WAYLAND_DISPLAY": "wayland-0",
            "XDG_SESSION_TYPE": "wayland",
        }
    )
    try:
        assert adapters.backend == "xwayland"
        assert "XWayland" in str(adapters.tracker.capability_note)
        adapters.tracker.start()
        qtbot.waitUntil(
            lambda: (
                adapters.tracker.current() is not None
                and adapters.tracker.current().window_id == a.id
            ),
            timeout=TIMEOUT_MS,
        )
    finally:
        adapters.close()
