"""Which adapters run where, chosen from the OS and the session's environment variables, and
how a refusal by the OS degrades into an explained "unsupported"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from focusapp.core.activity import Activity, ActivityKind
from focusapp.platform.base import (
    DEFAULT_IDLE_THRESHOLD_S,
    ForegroundTracker,
    NullIdle,
    NullTracker,
    PlatformAdapters,
    app_name,
    user_away,
)
from focusapp.platform.select import BackendChoice, choose_backend, create_platform
from focusapp.platform.wayland import ProcessPresenceTracker


@pytest.mark.parametrize(
    ("system", "environ", "expected"),
    [
        ("linux", {"DISPLAY": ":0"}, BackendChoice("x11", ":0")),
        ("linux", {"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}, BackendChoice("x11", ":0")),
        (
            "linux",
            {"DISPLAY": ":1", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"},
            BackendChoice("xwayland", ":1"),
        ),
        ("linux", {"WAYLAND_DISPLAY": "wayland-0"}, BackendChoice("wayland")),
        ("linux", {"XDG_SESSION_TYPE": "wayland"}, BackendChoice("wayland")),
        (
            "linux",
            {"DISPLAY": ":0", "WAYLAND_DISPLAY": "nested", "XDG_SESSION_TYPE": "x11"},
            BackendChoice("x11", ":0"),
        ),
        ("freebsd14", {"DISPLAY": ":0"}, BackendChoice("x11", ":0")),
        ("win32", {}, BackendChoice("windows")),
        ("darwin", {"DISPLAY": ":0"}, BackendChoice("macos")),
    ],
)
def test_backend_follows_the_os_and_session(
    system: str, environ: dict[str, str], expected: BackendChoice
) -> None:
    assert choose_backend(system, environ) == expected


def test_an_explicit_display_wins_over_the_environment() -> None:
    assert choose_backend("linux", {"DISPLAY": ":0"}, ":5") == BackendChoice("x11", ":5")


def test_no_display_at_all_is_unsupported_and_says_why() -> None:
    choice = choose_backend("linux", {})
    assert choice.backend == "unsupported"
    assert "DISPLAY" in choice.reason


@pytest.fixture
def adapters_to_close() -> Iterator[list[PlatformAdapters]]:
    made: list[PlatformAdapters] = []
    yield made
    for adapters in made:
        adapters.close()


def test_unsupported_tracker_never_reports_and_explains(
    qtbot, adapters_to_close: list[PlatformAdapters]
) -> None:
    adapters = create_platform(environ={}, system="linux")
    adapters_to_close.append(adapters)
    assert adapters.backend == "unsupported"
    assert isinstance(adapters.tracker, NullTracker)
    assert "cannot see which app" in str(adapters.note)
    assert adapters.tracker.capability_note == adapters.note
    seen: list[object] = []
    adapters.tracker.changed.connect(seen.append)
    adapters.tracker.start()
    qtbot.wait(50)
    assert seen == [] and adapters.tracker.current() is None
    assert adapters.idle.idle_seconds() is None
    assert not adapters.control.activate(1) and not adapters.control.minimize(1)


def test_native_wayland_counts_running_time(
    qapp, adapters_to_close: list[PlatformAdapters]
) -> None:
    adapters = create_platform(environ={"WAYLAND_DISPLAY": "wayland-0"}, system="linux")
    adapters_to_close.append(adapters)
    assert adapters.backend == "wayland"
    assert isinstance(adapters.tracker, ProcessPresenceTracker)
    assert "running time" in str(adapters.note)
    assert isinstance(adapters.idle, NullIdle)


def test_an_x_server_that_refuses_the_connection_degrades_to_unsupported(
    qapp, adapters_to_close: list[PlatformAdapters]
) -> None:
    adapters = create_platform(environ={"DISPLAY": ":87654"}, system="linux")
    adapters_to_close.append(adapters)
    assert adapters.backend == "unsupported"
    assert ":87654" in str(adapters.note) or "x11" in str(adapters.note)


def test_a_broken_xwayland_falls_back_to_running_time(
    qapp, adapters_to_close: list[PlatformAdapters]
) -> None:
    adapters = create_platform(
        environ={"DISPLAY": ":87654", "WAYLAND_DISPLAY": "wayland-0"}, system="linux"
    )
    adapters_to_close.append(adapters)
    assert adapters.backend == "wayland"
    assert "XWayland" in str(adapters.note)


@pytest.mark.parametrize("system", ["win32", "darwin"])
def test_a_foreign_os_api_missing_here_degrades_without_crashing(
    qapp, system: str, adapters_to_close: list[PlatformAdapters]
) -> None:
    # On Linux there is no user32 and no pyobjc: the same path a broken install would take.
    adapters = create_platform(environ={}, system=system)
    adapters_to_close.append(adapters)
    assert adapters.backend == "unsupported"
    assert ("windows" if system == "win32" else "macos") in str(adapters.note)


@pytest.mark.parametrize(
    ("exe", "wm_class", "windows", "expected"),
    [
        ("/usr/bin/telegram-desktop", "TelegramDesktop", False, "telegram-desktop"),
        (r"C:\Apps\Discord.exe", None, True, "discord"),
        ("/opt/weird/Tool.exe", None, False, "tool.exe"),
        (None, "Firefox", False, "firefox"),
        (None, None, False, "unknown"),
    ],
)
def test_app_names_are_lower_case_executables_else_window_classes(
    exe: str | None, wm_class: str | None, windows: bool, expected: str
) -> None:
    assert app_name(exe, wm_class, windows=windows) == expected


class FixedIdle:
    def __init__(self, idle: float | None, locked: bool = False) -> None:
        self.idle, self.locked = idle, locked

    def idle_seconds(self) -> float | None:
        return self.idle

    def screen_locked(self) -> bool:
        return self.locked


def test_away_past_the_idle_threshold_or_when_locked_but_unknown_idle_counts_as_present() -> None:
    assert DEFAULT_IDLE_THRESHOLD_S == 120.0
    assert not user_away(FixedIdle(119.0))
    assert user_away(FixedIdle(120.0))
    assert user_away(FixedIdle(1.0, locked=True))
    assert not user_away(FixedIdle(None))
    assert user_away(FixedIdle(30.0), threshold_s=30.0)


class Scripted(ForegroundTracker):
    def say(self, activity: Activity | None) -> None:
        self._report(activity)


def test_a_none_replaced_within_the_debounce_is_never_reported(qtbot) -> None:
    tracker = Scripted(debounce_ms=80)
    seen: list[object] = []
    tracker.changed.connect(seen.append)
    a = Activity(kind=ActivityKind.APP, name="a")
    tracker.say(a)
    tracker.say(None)
    tracker.say(a)
    qtbot.wait(150)
    assert seen == [a]
    with qtbot.waitSignal(tracker.changed, timeout=1000) as signal:
        tracker.say(None)
    assert signal.args == [None]
    assert seen == [a, None]
