"""Without a tray, a small window says why it is there and offers the tray menu's actions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from focusapp.ui import tray
from focusapp.ui.fallback_window import REASON, FallbackWindow, show_tray_or_fallback
from focusapp.ui.notifier import Notifier
from focusapp.ui.tray import TrayController
from tests.qt.tray_fakes import FakeRunner, break_status, focus_status, status

# The offscreen platform warns about window-manager calls it cannot honour (size hints, raise).
pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")


class App:
    def __init__(self) -> None:
        self.runner = FakeRunner()
        self.quit_asked = 0
        self.settings_opened = 0
        self.controller = TrayController(
            self.runner,
            open_settings=self.open_settings,
            quit_app=self.quit,
            notifier=Notifier(),
            dark_panel=False,
        )

    def open_settings(self) -> None:
        self.settings_opened += 1

    def quit(self) -> None:
        self.quit_asked += 1


@pytest.fixture
def app() -> App:
    return App()


@pytest.fixture
def window(qtbot, app: App) -> FallbackWindow:
    app.controller.update(status())
    found = show_tray_or_fallback(app.controller, tray_available=False)
    assert found is not None
    qtbot.addWidget(found)
    qtbot.waitExposed(found)
    return found


def shown_buttons(window: FallbackWindow) -> list[str]:
    return [key for key, button in window.buttons.items() if button.isVisible()]


def test_window_says_why_it_is_there(window: FallbackWindow) -> None:
    assert window.reason.text() == REASON
    assert "No system tray" in REASON
    assert "Quit" in REASON
    assert window.header.text() == "Not in a session"


def test_idle_window_offers_starts_settings_and_quit(window: FallbackWindow) -> None:
    assert shown_buttons(window) == [
        tray.start_key(25),
        tray.start_key(50),
        tray.start_key(90),
        tray.START_CUSTOM,
        tray.SETTINGS,
        tray.QUIT,
    ]
    assert window.buttons[tray.START_CUSTOM].text() == "Custom length…"


def test_start_button_uses_the_picked_profile_and_strictness(
    qtbot, app: App, window: FallbackWindow
) -> None:
    window.profile_box.setCurrentIndex(window.profile_box.findText("Writing"))
    window.profile_box.activated.emit(window.profile_box.currentIndex())
    qtbot.keyClick(window.strict_box, Qt.Key.Key_Space)
    assert app.controller.actions[tray.STRICT].isChecked()
    qtbot.mouseClick(window.buttons[tray.start_key(90)], Qt.MouseButton.LeftButton)
    assert app.runner.calls == [
        (
            "start",
            {
                "minutes": 90.0,
                "profile": "Writing",
                "strict": True,
                "cycles": None,
                "source": "tray",
            },
        )
    ]


def test_window_follows_the_session(app: App, window: FallbackWindow) -> None:
    app.controller.update(focus_status(remaining_s=10 * 60))
    assert window.header.text() == "Focus – 10 min left"
    assert shown_buttons(window) == [tray.PAUSE, tray.STOP, tray.SETTINGS, tray.QUIT]
    assert window.start_panel.isHidden()
    app.controller.update(break_status())
    assert tray.SKIP_BREAK in shown_buttons(window)


def test_strict_session_in_the_window_hides_pause_and_stop(app: App, window) -> None:
    app.controller.update(focus_status(strict=True))
    assert shown_buttons(window) == [tray.EMERGENCY, tray.SETTINGS, tray.QUIT]
    assert window.strict_line.isVisible()
    assert window.strict_line.text().startswith("Strict session – ends at")


@pytest.mark.parametrize(
    ("key", "state", "command"),
    [
        (tray.PAUSE, focus_status(), "pause"),
        (tray.RESUME, focus_status(paused=True), "resume"),
        (tray.SKIP_BREAK, break_status(), "skip_break"),
        (tray.STOP, focus_status(), "stop"),
    ],
)
def test_session_buttons_send_the_same_commands_as_the_menu(
    qtbot, app: App, window: FallbackWindow, key: str, state: dict, command: str
) -> None:
    app.controller.update(state)
    qtbot.mouseClick(window.buttons[key], Qt.MouseButton.LeftButton)
    assert app.runner.calls == [(command, None)]


def test_settings_and_quit_buttons_reach_the_app(qtbot, app: App, window) -> None:
    qtbot.mouseClick(window.buttons[tray.SETTINGS], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.buttons[tray.QUIT], Qt.MouseButton.LeftButton)
    assert (app.settings_opened, app.quit_asked) == (1, 1)


def test_notices_show_in_the_window_when_there_is_no_tray(app: App, window) -> None:
    app.controller.update(focus_status())
    app.controller.update(break_status(remaining_s=300))
    assert window.notice.isVisible()
    assert "Time for a short break" in window.notice.text()


def test_refusals_attach_to_the_window(qtbot, app: App, window: FallbackWindow) -> None:
    from focusapp.core.errors import Refused

    app.runner.answers["stop"] = Refused("Strict session: Stop is off until 11:40.")
    app.controller.update(focus_status())
    qtbot.mouseClick(window.buttons[tray.STOP], Qt.MouseButton.LeftButton)
    box = app.controller.message_box
    assert box is not None
    assert box.parent() is window
    assert box.text() == "Strict session: Stop is off until 11:40."
    box.close()


def test_with_a_tray_no_window_is_made(qtbot, app: App, monkeypatch) -> None:
    shown: list[bool] = []
    monkeypatch.setattr(app.controller.tray, "show", lambda: shown.append(True))
    assert show_tray_or_fallback(app.controller, tray_available=True) is None
    assert shown == [True]
