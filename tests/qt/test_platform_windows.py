"""The Windows adapters against a fake user32/kernel32: what the tracker reports, idle time
across the 32-bit tick wrap, lock detection and window control."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

from focusapp.core.activity import Activity, Certainty
from focusapp.platform.closing import AppCloser
from focusapp.platform.windows import (
    Win32Api,
    WindowsForegroundTracker,
    WindowsIdleMonitor,
    WindowsWindowControl,
)

DISCORD = r"C:\Users\me\AppData\Local\Discord\app-1.0\Discord.exe"
CODE = r"C:\Program Files\Microsoft VS Code\Code.exe"


@dataclass
class FakeWindow:
    pid: int
    title: str
    window_class: str
    iconic: bool = False


@dataclass
class FakeWindows:
    """A tiny Windows desktop: windows, processes, the foreground, the input clock."""

    windows: dict[int, FakeWindow] = field(default_factory=dict)
    images: dict[int, str | None] = field(default_factory=dict)
    foreground: int = 0
    tick: int = 0
    last_input: int | None = 0
    input_desktop: bool = True
    image_lookups: int = 0
    hook: Callable[[], None] | None = None
    closed_windows_of: list[int] = field(default_factory=list)
    on_close: Callable[[int], int] = lambda pid: 0

    def api(self) -> Win32Api:
        return Win32Api(
            foreground_window=lambda: self.foreground,
            window_pid=lambda hwnd: self.windows[hwnd].pid if hwnd in self.windows else 0,
            window_title=lambda hwnd: self.windows[hwnd].title if hwnd in self.windows else "",
            window_class=lambda hwnd: (
                self.windows[hwnd].window_class if hwnd in self.windows else ""
            ),
            process_image=self._image,
            tick_count=lambda: self.tick & 0xFFFFFFFF,
            last_input_tick=lambda: self.last_input,
            input_desktop_open=lambda: self.input_desktop,
            is_window=lambda hwnd: hwnd in self.windows,
            is_iconic=lambda hwnd: hwnd in self.windows and self.windows[hwnd].iconic,
            show_window=self._show,
            set_foreground_window=self._set_foreground,
            close_windows_of=self._close_windows_of,
            watch=self._watch,
        )

    def switch_to(self, hwnd: int) -> None:
        """What Windows does: a new foreground, then the hook fires."""
        self.foreground = hwnd
        if self.hook is not None:
            self.hook()

    def _image(self, pid: int) -> str | None:
        self.image_lookups += 1
        return self.images.get(pid)

    def _show(self, hwnd: int, command: int) -> bool:
        window = self.windows[hwnd]
        was_visible = not window.iconic
        window.iconic = command == 6  # SW_MINIMIZE; SW_RESTORE (9) un-iconifies
        return was_visible

    def _set_foreground(self, hwnd: int) -> bool:
        self.foreground = hwnd
        return True

    def _close_windows_of(self, pid: int) -> int:
        self.closed_windows_of.append(pid)
        return self.on_close(pid)

    def _watch(self, callback: Callable[[], None]) -> Callable[[], None]:
        self.hook = callback

        def unhook() -> None:
            self.hook = None

        return unhook


@pytest.fixture
def desktop() -> FakeWindows:
    fake = FakeWindows()
    fake.windows[0x10] = FakeWindow(100, "general - Discord", "Chrome_WidgetWin_1")
    fake.windows[0x20] = FakeWindow(200, "main.py - Code", "Chrome_WidgetWin_1")
    fake.images = {100: DISCORD, 200: CODE}
    return fake


@pytest.fixture
def tracker(qapp, desktop: FakeWindows) -> Iterator[WindowsForegroundTracker]:
    tracker = WindowsForegroundTracker(desktop.api(), safety_poll_ms=60_000, debounce_ms=50)
    yield tracker
    tracker.stop()


def test_foreground_app_is_named_by_its_executable_without_exe(
    qtbot, desktop: FakeWindows, tracker: WindowsForegroundTracker
) -> None:
    desktop.foreground = 0x10
    with qtbot.waitSignal(tracker.changed, timeout=1000) as signal:
        tracker.start()
    activity = signal.args[0]
    assert activity == Activity(
        kind=activity.kind,
        name="discord",
        title="general - Discord",
        certainty=Certainty.FOCUSED,
        window_id=0x10,
        pid=100,
        wm_class="Chrome_WidgetWin_1",
        exe=DISCORD,
    )
    assert activity.matches(["Discord"])


def test_foreground_hook_reports_the_switch_at_once(
    qtbot, desktop: FakeWindows, tracker: WindowsForegroundTracker
) -> None:
    desktop.foreground = 0x10
    tracker.start()
    with qtbot.waitSignal(tracker.changed, timeout=1000) as signal:
        desktop.switch_to(0x20)
    assert signal.args[0].name == "code"
    assert tracker.current() is not None and tracker.current().pid == 200


def test_a_title_change_is_reported_without_looking_up_the_executable_again(
    qtbot, desktop: FakeWindows, tracker: WindowsForegroundTracker
) -> None:
    desktop.foreground = 0x20
    tracker.start()
    lookups = desktop.image_lookups
    desktop.windows[0x20].title = "notes.md - Code"
    with qtbot.waitSignal(tracker.changed, timeout=1000) as signal:
        desktop.hook and desktop.hook()
    assert signal.args[0].title == "notes.md - Code"
    assert desktop.image_lookups == lookups


def test_a_repeat_of_the_same_window_is_not_reported(
    qtbot, desktop: FakeWindows, tracker: WindowsForegroundTracker
) -> None:
    desktop.foreground = 0x10
    tracker.start()
    seen: list[object] = []
    tracker.changed.connect(seen.append)
    desktop.switch_to(0x10)
    tracker.refresh()
    qtbot.wait(100)
    assert seen == []


def test_no_foreground_between_two_windows_is_not_reported(
    qtbot, desktop: FakeWindows, tracker: WindowsForegroundTracker
) -> None:
    desktop.foreground = 0x10
    tracker.start()
    seen: list[object] = []
    tracker.changed.connect(seen.append)
    desktop.switch_to(0)  # Windows reports NULL for a moment during a switch
    desktop.switch_to(0x20)
    qtbot.wait(150)
    assert [a.name for a in seen] == ["code"]  # type: ignore[attr-defined]


def test_a_window_closed_after_get_foreground_window_reads_as_nothing(
    qtbot, desktop: FakeWindows, tracker: WindowsForegroundTracker
) -> None:
    desktop.foreground = 0x10
    tracker.start()
    del desktop.windows[0x10]  # GetWindowThreadProcessId now fails
    with qtbot.waitSignal(tracker.changed, timeout=1000) as signal:
        tracker.refresh()
    assert signal.args == [None]
    assert tracker.current() is None


def test_an_unreadable_process_is_named_by_its_window_class(
    qtbot, desktop: FakeWindows, tracker: WindowsForegroundTracker
) -> None:
    desktop.windows[0x30] = FakeWindow(300, "Task Manager", "TaskManagerWindow")
    desktop.images[300] = None  # elevated: OpenProcess is refused
    desktop.foreground = 0x30
    with qtbot.waitSignal(tracker.changed, timeout=1000) as signal:
        tracker.start()
    assert signal.args[0].name == "taskmanagerwindow"
    assert signal.args[0].exe is None


def test_stop_removes_the_hook(desktop: FakeWindows, tracker: WindowsForegroundTracker) -> None:
    tracker.start()
    assert desktop.hook is not None
    tracker.stop()
    assert desktop.hook is None


def test_idle_time_is_now_minus_last_input(desktop: FakeWindows) -> None:
    desktop.tick, desktop.last_input = 50_000, 20_000
    assert WindowsIdleMonitor(desktop.api()).idle_seconds() == pytest.approx(30.0)


def test_idle_time_survives_the_tick_count_wrapping_after_49_days(desktop: FakeWindows) -> None:
    desktop.last_input = 0xFFFF_FF00  # input just before the wrap
    desktop.tick = 0x1_0000_0100  # GetTickCount wrapped to 0x100
    assert WindowsIdleMonitor(desktop.api()).idle_seconds() == pytest.approx(0.512)


def test_idle_time_is_unknown_when_get_last_input_info_fails(desktop: FakeWindows) -> None:
    desktop.last_input = None
    assert WindowsIdleMonitor(desktop.api()).idle_seconds() is None


def test_locked_when_the_input_desktop_is_not_ours(desktop: FakeWindows) -> None:
    monitor = WindowsIdleMonitor(desktop.api())
    desktop.foreground = 0x10
    assert not monitor.screen_locked()
    desktop.input_desktop = False
    assert monitor.screen_locked()


def test_locked_when_the_lock_app_is_in_front(desktop: FakeWindows) -> None:
    desktop.windows[0x40] = FakeWindow(400, "Windows Default Lock Screen", "Windows.UI.Core")
    desktop.images[400] = r"C:\Windows\SystemApps\Microsoft.LockApp_cw5n1h2txyewy\LockApp.exe"
    desktop.foreground = 0x40
    assert WindowsIdleMonitor(desktop.api()).screen_locked()


def test_activate_restores_a_minimized_window_then_brings_it_forward(
    desktop: FakeWindows,
) -> None:
    control = WindowsWindowControl(desktop.api())
    desktop.windows[0x10].iconic = True
    assert control.activate(0x10)
    assert desktop.foreground == 0x10
    assert not desktop.windows[0x10].iconic


def test_minimize_reports_whether_the_window_ended_up_minimized(desktop: FakeWindows) -> None:
    control = WindowsWindowControl(desktop.api())
    assert control.minimize(0x20)
    assert desktop.windows[0x20].iconic


def test_a_closed_window_can_be_neither_activated_nor_minimized(desktop: FakeWindows) -> None:
    control = WindowsWindowControl(desktop.api())
    assert not control.activate(0x99)
    assert not control.minimize(0x99)


@pytest.fixture
def child() -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield process
    if process.poll() is None:
        process.kill()  # test cleanup only: the code under test never kills
    process.wait()


def test_close_app_posts_wm_close_after_the_grace_period(
    qtbot, desktop: FakeWindows, child: subprocess.Popen[bytes]
) -> None:
    def app_obeys(pid: int) -> int:
        child.terminate()  # stands in for the app closing its window and exiting
        return 1

    desktop.on_close = app_obeys
    control = WindowsWindowControl(desktop.api())
    control.closer = AppCloser(control._post_close, exit_wait_s=5.0, poll_ms=20)
    with qtbot.waitSignal(control.closer.finished, timeout=5000) as signal:
        control.close_app(child.pid, grace_s=0.2)
        qtbot.wait(50)
        assert desktop.closed_windows_of == []  # still in the grace period
    assert signal.args == [child.pid, True]
    assert desktop.closed_windows_of == [child.pid]


def test_an_app_without_windows_is_reported_as_not_closed(
    qtbot, desktop: FakeWindows, child: subprocess.Popen[bytes]
) -> None:
    control = WindowsWindowControl(desktop.api())
    with qtbot.waitSignal(control.closer.finished, timeout=5000) as signal:
        control.close_app(child.pid, grace_s=0.0)
    assert signal.args == [child.pid, False]
    assert child.poll() is None
