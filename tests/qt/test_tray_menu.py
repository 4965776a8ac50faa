"""The tray menu: what it offers in each state, and which command each choice sends."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from focusapp.core.errors import CommandError, Refused
from focusapp.ui import tray
from focusapp.ui.notifier import Notifier
from focusapp.ui.tray import TrayController, format_clock_time
from tests.qt.tray_fakes import PROFILES, FakeRunner, break_status, focus_status, status

# The offscreen platform warns about window-manager calls it cannot honour (size hints, raise).
pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")


class Harness:
    def __init__(self, qtbot, runner: FakeRunner) -> None:
        self.runner = runner
        self.notifier = Notifier()
        self.settings_opened = 0
        self.quit_asked = 0
        self.controller = TrayController(
            runner,
            open_settings=self._open_settings,
            quit_app=self._quit,
            notifier=self.notifier,
            dark_panel=True,
        )

    def _open_settings(self) -> None:
        self.settings_opened += 1

    def _quit(self) -> None:
        self.quit_asked += 1


@pytest.fixture
def runner() -> FakeRunner:
    return FakeRunner()


@pytest.fixture
def harness(qtbot, runner: FakeRunner) -> Harness:
    h = Harness(qtbot, runner)
    yield h
    for box in (h.controller.message_box, h.controller.start_dialog, h.controller.emergency_dialog):
        if box is not None:
            box.close()


def shown_entries(menu: QMenu) -> list[str]:
    """What a user sees when the menu opens: visible, non-separator entries, in order."""
    menu.aboutToShow.emit()
    return [a.text() for a in menu.actions() if a.isVisible() and not a.isSeparator()]


def test_a_plain_click_on_the_icon_opens_the_fresh_menu(qtbot, harness: Harness) -> None:
    harness.controller.update(focus_status(remaining_s=300))
    harness.controller.tray.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    qtbot.waitUntil(harness.controller.menu.isVisible)
    assert harness.controller.actions[tray.HEADER].text() == "Focus – 5 min left"
    assert harness.controller.actions[tray.PAUSE] in harness.controller.menu.actions()
    harness.controller.menu.hide()


def test_idle_menu_offers_a_start_and_nothing_to_stop(harness: Harness) -> None:
    harness.controller.update(status())
    assert shown_entries(harness.controller.menu) == [
        "Not in a session",
        "Start focus",
        "Settings…",
        "Quit",
    ]
    assert not harness.controller.actions[tray.HEADER].isEnabled()


def test_start_submenu_lists_lengths_profiles_and_strict(harness: Harness) -> None:
    harness.controller.update(status(default_strict=True))
    harness.controller.menu.aboutToShow.emit()
    entries = shown_entries(harness.controller.start_menu)
    assert entries == [
        "25 minutes",
        "50 minutes",
        "90 minutes",
        "Custom length…",
        "Profile",
        "No profile",
        *PROFILES,
        "Strict",
    ]
    actions = harness.controller.actions
    assert actions[tray.NO_PROFILE].isChecked()
    assert actions[tray.STRICT].isChecked()  # the configured default


def test_focus_menu_shows_time_left_pause_and_stop(harness: Harness) -> None:
    harness.controller.update(focus_status(remaining_s=17 * 60 + 5))
    assert shown_entries(harness.controller.menu) == [
        "Focus – 18 min left",
        "Pause",
        "Stop",
        "Settings…",
        "Quit",
    ]
    assert "Focus – 18 min left" in harness.controller.tray.toolTip()


def test_break_menu_offers_to_skip_the_break(harness: Harness) -> None:
    harness.controller.update(break_status(remaining_s=150))
    assert shown_entries(harness.controller.menu) == [
        "Short break – 3 min left",
        "Pause",
        "Skip break",
        "Stop",
        "Settings…",
        "Quit",
    ]


def test_paused_menu_offers_resume_instead_of_pause(harness: Harness) -> None:
    harness.controller.update(focus_status(remaining_s=600, paused=True, ends_at=None))
    entries = shown_entries(harness.controller.menu)
    assert entries[0] == "Focus paused – 10 min left"
    assert "Resume" in entries
    assert "Pause" not in entries


def test_strict_session_hides_pause_and_stop_and_offers_an_emergency_exit(
    harness: Harness,
) -> None:
    current = focus_status(strict=True)
    harness.controller.update(current)
    ends = format_clock_time(datetime.fromisoformat(current["ends_at"]))
    assert shown_entries(harness.controller.menu) == [
        "Focus – 18 min left",
        f"Strict session – ends at {ends}",
        "Emergency exit…",
        "Settings…",
        "Quit",
    ]
    assert not harness.controller.actions[tray.PAUSE].isVisible()
    assert not harness.controller.actions[tray.STOP].isVisible()


def test_strict_line_gives_the_end_of_the_whole_session(harness: Harness) -> None:
    session_end = datetime(2026, 3, 2, 11, 40, tzinfo=UTC)
    harness.controller.update(
        focus_status(strict=True, cycle=1, cycles=3, session_ends_at=session_end.isoformat())
    )
    assert shown_entries(harness.controller.menu)[1] == (
        f"Strict session – ends at {format_clock_time(session_end)}"
    )
    harness.controller.update(focus_status(strict=True, cycle=1, cycles=3))
    assert shown_entries(harness.controller.menu)[1] == "Strict session – cycle 1 of 3"


def test_long_session_header_says_which_cycle(harness: Harness) -> None:
    harness.controller.update(focus_status(remaining_s=45 * 60 + 1, cycle=2, cycles=4))
    assert shown_entries(harness.controller.menu)[0] == "Focus – 46 min left · 2 of 4"
    harness.controller.update(focus_status(remaining_s=2 * 3600, total_s=3 * 3600))
    assert shown_entries(harness.controller.menu)[0] == "Focus – 2 h left"


def test_time_left_falls_back_to_the_deadline(harness: Harness) -> None:
    harness.controller.update(focus_status(remaining_s=600, strict=False) | {"remaining_s": None})
    assert shown_entries(harness.controller.menu)[0] in {
        "Focus – 10 min left",
        "Focus – 9 min left",
    }


def test_menu_is_rebuilt_from_the_latest_status_when_it_opens(harness: Harness) -> None:
    harness.controller.update(status())
    harness.controller.update(status(profiles=[*PROFILES, "Reading"]))
    harness.controller.menu.aboutToShow.emit()
    assert "Reading" in shown_entries(harness.controller.start_menu)
    harness.controller.update(status(profiles=["Reading"]))
    harness.controller.menu.aboutToShow.emit()
    entries = shown_entries(harness.controller.start_menu)
    assert "Deep work" not in entries
    assert "profile:Deep work" not in harness.controller.actions


@pytest.mark.parametrize("minutes", [25, 50, 90])
def test_preset_lengths_start_a_session_from_the_tray(
    harness: Harness, runner: FakeRunner, minutes: int
) -> None:
    harness.controller.update(status())
    harness.controller.actions[tray.start_key(minutes)].trigger()
    assert runner.calls == [
        (
            "start",
            {
                "minutes": float(minutes),
                "profile": None,
                "strict": False,
                "cycles": None,
                "source": "tray",
            },
        )
    ]


def test_chosen_profile_and_strict_go_with_the_next_start(
    harness: Harness, runner: FakeRunner
) -> None:
    harness.controller.update(status())
    harness.controller.menu.aboutToShow.emit()
    harness.controller.actions[tray.profile_key("Writing")].trigger()
    harness.controller.actions[tray.STRICT].trigger()
    harness.controller.actions[tray.start_key(50)].trigger()
    _, args = runner.calls[-1]
    assert args is not None
    assert (args["profile"], args["strict"]) == ("Writing", True)
    # The choice survives later status updates, as a radio choice should.
    harness.controller.update(status())
    assert harness.controller.actions[tray.profile_key("Writing")].isChecked()


def test_unticking_strict_overrides_the_configured_default(
    harness: Harness, runner: FakeRunner
) -> None:
    harness.controller.update(status(default_strict=True))
    harness.controller.actions[tray.STRICT].trigger()
    harness.controller.update(status(default_strict=True))
    assert not harness.controller.actions[tray.STRICT].isChecked()
    harness.controller.actions[tray.start_key(25)].trigger()
    assert runner.calls[-1][1]["strict"] is False


@pytest.mark.parametrize(
    ("key", "state", "command"),
    [
        (tray.PAUSE, focus_status(), "pause"),
        (tray.RESUME, focus_status(paused=True), "resume"),
        (tray.SKIP_BREAK, break_status(), "skip_break"),
        (tray.STOP, focus_status(), "stop"),
    ],
)
def test_session_actions_send_their_command(
    harness: Harness, runner: FakeRunner, key: str, state: dict, command: str
) -> None:
    harness.controller.update(state)
    harness.controller.actions[key].trigger()
    assert runner.calls == [(command, None)]


def test_command_result_updates_the_menu_at_once(harness: Harness, runner: FakeRunner) -> None:
    runner.answers["start"] = focus_status(remaining_s=25 * 60)
    harness.controller.update(status())
    harness.controller.actions[tray.start_key(25)].trigger()
    assert shown_entries(harness.controller.menu)[0] == "Focus – 25 min left"
    # The user asked for it: no notification about the session they just started.
    assert harness.notifier.history == ()


def test_settings_and_quit_call_back_into_the_app(harness: Harness) -> None:
    harness.controller.actions[tray.SETTINGS].trigger()
    harness.controller.actions[tray.QUIT].trigger()
    assert (harness.settings_opened, harness.quit_asked) == (1, 1)


def test_refusal_is_shown_calmly_and_nothing_breaks(
    qtbot, harness: Harness, runner: FakeRunner
) -> None:
    runner.answers["stop"] = Refused("This is a strict session: it ends at 11:40.")
    harness.controller.update(focus_status())
    harness.controller.actions[tray.STOP].trigger()
    box = harness.controller.message_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert box.text() == "This is a strict session: it ends at 11:40."
    assert not box.isModal()
    # The session is unchanged and the menu still works.
    assert harness.controller.status.in_session
    harness.controller.actions[tray.PAUSE].trigger()
    assert runner.commands() == ["stop", "pause"]


def test_other_command_errors_are_shown_too(qtbot, harness: Harness, runner: FakeRunner) -> None:
    runner.answers["pause"] = CommandError("The session engine is not answering.")
    harness.controller.update(focus_status())
    harness.controller.actions[tray.PAUSE].trigger()
    box = harness.controller.message_box
    assert box is not None
    assert box.text() == "The session engine is not answering."


def test_icon_and_tooltip_follow_each_update(harness: Harness) -> None:
    controller = harness.controller
    controller.update(status())
    idle = controller.icon.pixmap(22, 22).toImage()
    assert controller.tray.toolTip() == "Focusapp\nNot in a session"
    controller.update(focus_status(remaining_s=20 * 60, total_s=25 * 60))
    early = controller.icon.pixmap(22, 22).toImage()
    controller.update(focus_status(remaining_s=5 * 60, total_s=25 * 60))
    late = controller.icon.pixmap(22, 22).toImage()
    assert idle != early
    assert early != late
    assert controller.tray.toolTip() == "Focusapp\nFocus – 5 min left"


def test_turns_the_user_did_not_ask_for_are_announced(harness: Harness) -> None:
    controller = harness.controller
    controller.update(focus_status())
    controller.update(break_status(remaining_s=5 * 60))
    controller.update(focus_status(remaining_s=25 * 60))
    controller.update(status())
    assert [n.title for n in harness.notifier.history] == [
        "Time for a short break",
        "Back to focus",
        "Session complete",
    ]
    assert "5 min" in harness.notifier.history[0].body


def test_custom_length_dialog_starts_the_chosen_session(
    qtbot, harness: Harness, runner: FakeRunner
) -> None:
    harness.controller.update(status())
    harness.controller.actions[tray.START_CUSTOM].trigger()
    dialog = harness.controller.start_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.minutes_box.setValue(40)
    dialog.cycles_box.setValue(3)
    dialog.profile_box.setCurrentIndex(dialog.profile_box.findData("Deep work"))
    dialog.strict_box.setChecked(True)
    dialog.accept()
    assert runner.calls == [
        (
            "start",
            {
                "minutes": 40.0,
                "profile": "Deep work",
                "strict": True,
                "cycles": 3,
                "source": "tray",
            },
        )
    ]
    # The dialog's picks become the menu's picks for next time.
    assert harness.controller.profile_choice == "Deep work"
    assert harness.controller.strict_choice is True


def test_cancelled_custom_dialog_starts_nothing(
    qtbot, harness: Harness, runner: FakeRunner
) -> None:
    harness.controller.actions[tray.START_CUSTOM].trigger()
    dialog = harness.controller.start_dialog
    assert dialog is not None
    dialog.reject()
    assert runner.calls == []


def test_emergency_exit_item_opens_the_dialog_and_its_result_lands(
    qtbot, harness: Harness, runner: FakeRunner
) -> None:
    runner.answers["emergency_begin"] = {
        "token": "t-1",
        "sentence": "I choose to end this session.",
        "wait_s": 0.0,
        "exits_left": 2,
    }
    runner.answers["emergency_confirm"] = status()
    harness.controller.update(focus_status(strict=True))
    harness.controller.actions[tray.EMERGENCY].trigger()
    dialog = harness.controller.emergency_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.typed, "I choose to end this session.")
    qtbot.waitUntil(dialog.confirm_button.isEnabled)
    dialog.confirm_button.click()
    assert runner.commands() == ["emergency_begin", "emergency_confirm"]
    assert not harness.controller.status.in_session
    assert shown_entries(harness.controller.menu)[0] == "Not in a session"


def test_clock_times_are_local_and_in_the_locale_format(monkeypatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    try:
        assert format_clock_time(datetime(2026, 3, 2, 10, 40, tzinfo=UTC)) == "11:40"
    finally:
        QLocale.setDefault(previous)
        monkeypatch.undo()
        time.tzset()
