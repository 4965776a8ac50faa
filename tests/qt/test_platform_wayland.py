"""Native Wayland: watched apps seen by process presence, reported as running time."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from focusapp.core.activity import Activity, ActivityKind, Certainty
from focusapp.platform.base import ForegroundTracker
from focusapp.platform.wayland import (
    FallbackTracker,
    ProcessPresenceTracker,
    RunningProcess,
    list_user_processes,
)

DISCORD = RunningProcess(4242, "Discord", "/opt/discord/Discord")
TELEGRAM = RunningProcess(5151, "telegram-deskto", "/usr/bin/telegram-desktop")
SHELL = RunningProcess(77, "bash", "/usr/bin/bash")


@pytest.fixture
def processes() -> list[RunningProcess]:
    return [SHELL]


@pytest.fixture
def tracker(qapp, processes: list[RunningProcess]) -> Iterator[ProcessPresenceTracker]:
    tracker = ProcessPresenceTracker(
        ["discord", "telegram-desktop"], list_processes=lambda: list(processes), poll_s=3600
    )
    yield tracker
    tracker.stop()


def test_a_watched_app_that_runs_is_reported_as_running_not_focused(
    qtbot, processes: list[RunningProcess], tracker: ProcessPresenceTracker
) -> None:
    processes.append(DISCORD)
    with qtbot.waitSignal(tracker.changed, timeout=1000) as signal:
        tracker.start()
    assert signal.args[0] == Activity(
        kind=ActivityKind.APP,
        name="discord",
        certainty=Certainty.RUNNING,
        pid=4242,
        exe="/opt/discord/Discord",
    )
    assert "running time" in str(tracker.capability_note)


def test_unwatched_processes_are_never_reported(qtbot, tracker: ProcessPresenceTracker) -> None:
    seen: list[object] = []
    tracker.changed.connect(seen.append)
    tracker.start()
    qtbot.wait(50)
    assert seen == []
    assert tracker.current() is None


def test_an_app_found_by_its_executable_when_the_process_name_is_truncated(
    qtbot, processes: list[RunningProcess], tracker: ProcessPresenceTracker
) -> None:
    processes.append(TELEGRAM)
    tracker.start()
    qtbot.waitUntil(lambda: tracker.current() is not None)
    assert tracker.current().name == "telegram-desktop"


def test_the_reported_app_stays_while_it_runs_even_if_another_watched_app_starts(
    qtbot, processes: list[RunningProcess], tracker: ProcessPresenceTracker
) -> None:
    processes.append(TELEGRAM)
    tracker.start()
    qtbot.waitUntil(lambda: tracker.current() is not None)
    processes.append(DISCORD)
    tracker.poll()
    assert tracker.current().name == "telegram-desktop"
    assert [a.name for a in tracker.running()] == ["discord", "telegram-desktop"]
    processes.remove(TELEGRAM)
    with qtbot.waitSignal(tracker.changed, timeout=1000) as signal:
        tracker.poll()
    assert signal.args[0].name == "discord"


def test_when_the_app_exits_nothing_is_reported(
    qtbot, processes: list[RunningProcess], tracker: ProcessPresenceTracker
) -> None:
    processes.append(DISCORD)
    tracker.start()
    qtbot.waitUntil(lambda: tracker.current() is not None)
    processes.remove(DISCORD)
    with qtbot.waitSignal(tracker.changed, timeout=1000) as signal:
        tracker.poll()
    assert signal.args == [None]


def test_changing_the_watched_apps_takes_effect_at_once(
    qtbot, processes: list[RunningProcess], tracker: ProcessPresenceTracker
) -> None:
    tracker.start()
    with qtbot.waitSignal(tracker.changed, timeout=1000) as signal:
        tracker.set_watched(["bash"])
    assert signal.args[0].pid == 77


def test_the_real_process_list_includes_this_test_process() -> None:
    import os

    assert any(process.pid == os.getpid() for process in list_user_processes())


class ScriptedTracker(ForegroundTracker):
    def __init__(self) -> None:
        super().__init__(debounce_ms=0)

    def say(self, activity: Activity | None) -> None:
        self._report(activity)


def test_xwayland_window_wins_and_running_apps_fill_in_when_no_x_window_has_focus(
    qtbot,
) -> None:
    x11, presence = ScriptedTracker(), ScriptedTracker()
    combined = FallbackTracker(x11, presence, note="only XWayland windows")
    firefox = Activity(kind=ActivityKind.APP, name="firefox", title="Docs", window_id=5)
    discord = Activity(kind=ActivityKind.APP, name="discord", certainty=Certainty.RUNNING)
    presence.say(discord)
    qtbot.waitUntil(lambda: combined.current() == discord)
    x11.say(firefox)
    qtbot.waitUntil(lambda: combined.current() == firefox)
    x11.say(None)  # a native Wayland window took focus
    qtbot.waitUntil(lambda: combined.current() == discord)
    assert combined.capability_note == "only XWayland windows"
