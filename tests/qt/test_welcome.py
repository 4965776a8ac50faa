"""The first-run welcome: its pages by keyboard, what Finish and Skip write, and once only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from focusapp.app import FocusApp
from focusapp.core.settings import Limit, Profile, Settings
from focusapp.store.config import ConfigStore
from focusapp.store.paths import AppPaths
from focusapp.ui.welcome import BrowserSetup, WelcomeWindow, with_first_limit

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

HAND_WRITTEN = """\
# My own notes about this file.
[session]
focus_minutes = 40   # long ones suit me
"""


class Recorder:
    def __init__(self) -> None:
        self.autostart: list[bool] = []
        self.connects = 0

    def set_autostart(self, enabled: bool) -> None:
        self.autostart.append(enabled)

    def connect(self) -> list[str]:
        self.connects += 1
        return ["Chromium", "Google Chrome"]


@pytest.fixture
def store(tmp_path: Path) -> ConfigStore:
    return ConfigStore(tmp_path / "config.toml", tmp_path / "last-good.toml")


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


def open_welcome(
    qtbot: QtBot, store: ConfigStore, recorder: Recorder, folder: Path | None = None
) -> WelcomeWindow:
    window = WelcomeWindow(
        store,
        BrowserSetup(recorder.connect, folder),
        set_autostart=recorder.set_autostart,
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window


def key(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
    """A key press sent where the keyboard is: the focused widget of the active window."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, key, modifier)


def mnemonic(qtbot: QtBot, letter: Qt.Key) -> None:
    """Alt+letter; a button answers with an animated click, which lands a moment later."""
    key(qtbot, letter, Qt.KeyboardModifier.AltModifier)
    qtbot.wait(250)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def test_it_says_what_the_app_does_and_does_not_do(qtbot: QtBot, store, recorder) -> None:
    window = open_welcome(qtbot, store, recorder)
    text = " ".join(label.text() for label in window.pages.currentWidget().findChildren(QWidget)
                    if hasattr(label, "text") and isinstance(label.text(), str))  # fmt: skip
    for words in ("stays on this computer", "no account", "no network connection", "no streaks"):
        assert words in text
    assert window.autostart_box.isChecked()  # on by default
    assert window.step_label.text() == "Page 1 of 4"


def test_enter_walks_every_page_and_finish_writes_the_first_limit(
    qtbot: QtBot, store: ConfigStore, recorder: Recorder
) -> None:
    store.path.write_text(HAND_WRITTEN, encoding="utf-8")
    window = open_welcome(qtbot, store, recorder)
    assert focused() is window.autostart_box
    key(qtbot, Qt.Key.Key_Return)  # Next
    assert window.pages.currentIndex() == 1
    # The first site has the focus; Space ticks it, Tab moves on to the next one.
    assert focused() is window.site_boxes[0][0]
    key(qtbot, Qt.Key.Key_Space)  # TikTok
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Space)  # X (the grid reads left to right)
    assert window.chosen_sites() == ["tiktok.com", "x.com", "twitter.com"]
    mnemonic(qtbot, Qt.Key.Key_F)  # "Block them during focus sessions": off
    assert focused() is window.block_box and not window.block_box.isChecked()
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is window.limit_box and window.limit_box.isChecked()
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is window.minutes_spin
    window.minutes_spin.selectAll()
    for digit in (Qt.Key.Key_2, Qt.Key.Key_0):
        key(qtbot, digit)
    key(qtbot, Qt.Key.Key_Return)  # Next (the spin box passes Enter on to the default button)
    assert window.pages.currentIndex() == 2
    key(qtbot, Qt.Key.Key_Return)
    assert window.pages.currentIndex() == 3
    assert window.next_button.text() == "&Finish"
    with qtbot.waitSignal(window.saved, timeout=2000) as saved:
        key(qtbot, Qt.Key.Key_Return)
    assert not window.isVisible()
    assert recorder.autostart == [True]

    text = store.path.read_text(encoding="utf-8")
    assert "# My own notes about this file." in text and "# long ones suit me" in text
    settings = store.load().settings
    assert settings == saved.args[0]
    assert settings.session.focus_minutes == 40
    sites = ("tiktok.com", "x.com", "twitter.com")
    assert settings.profiles == ()
    assert settings.limits == (Limit("Social media", 20, sites=sites),)


def test_back_returns_and_escape_skips_without_writing(qtbot, store, recorder) -> None:
    window = open_welcome(qtbot, store, recorder)
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_Space)  # a site ticked, but the welcome is skipped
    mnemonic(qtbot, Qt.Key.Key_B)
    assert window.pages.currentIndex() == 0
    key(qtbot, Qt.Key.Key_Space)  # autostart off
    key(qtbot, Qt.Key.Key_Escape)
    assert not window.isVisible()
    assert recorder.autostart == [False]  # the choice made is kept even when skipping
    assert not store.path.exists()


def test_closing_the_window_counts_once(qtbot, store, recorder) -> None:
    window = open_welcome(qtbot, store, recorder)
    window.close()
    window.reject()
    assert recorder.autostart == [True]


def test_finish_with_nothing_chosen_writes_nothing(qtbot, store, recorder) -> None:
    window = open_welcome(qtbot, store, recorder)
    for _ in range(4):
        window.go_next()
    assert not window.isVisible()
    assert not store.path.exists()
    assert recorder.autostart == [True]


def test_only_a_limit_or_only_a_profile(qtbot, store, recorder) -> None:
    window = open_welcome(qtbot, store, recorder)
    window.site_boxes[3][0].setChecked(True)  # YouTube
    window.block_box.setChecked(False)
    window.finish()
    settings = store.load().settings
    assert settings.profiles == ()
    assert settings.limits == (Limit("Social media", 30, sites=("youtube.com",)),)


def test_without_a_site_the_options_wait(qtbot, store, recorder) -> None:
    window = open_welcome(qtbot, store, recorder)
    assert not window.block_box.isEnabled() and not window.minutes_spin.isEnabled()
    window.site_boxes[0][0].setChecked(True)
    assert window.block_box.isEnabled() and window.minutes_spin.isEnabled()
    window.limit_box.setChecked(False)
    assert not window.minutes_spin.isEnabled()


def test_a_broken_config_file_is_not_overwritten(qtbot, store, recorder) -> None:
    store.path.write_text("[session\nfocus_minutes = 40\n", encoding="utf-8")
    window = open_welcome(qtbot, store, recorder)
    window.site_boxes[0][0].setChecked(True)
    window.finish()
    assert window.isVisible() and window.pages.currentIndex() == 1
    assert "could not be saved" in window.limit_hint.text()
    assert store.path.read_text(encoding="utf-8") == "[session\nfocus_minutes = 40\n"


def test_names_already_taken_get_a_number() -> None:
    settings = Settings(profiles=(Profile("Social media"),), limits=(Limit("social media", 5),))
    new = with_first_limit(
        settings,
        ["tiktok.com", "tiktok.com"],
        block_in_sessions=True,
        daily_minutes=15,
        profile_name="Social media",
        limit_name="Social media",
    )
    assert [p.name for p in new.profiles] == ["Social media", "Social media 2"]
    assert new.profiles[1].block_sites == ("tiktok.com",)
    assert [limit.name for limit in new.limits] == ["social media", "Social media 2"]


def test_the_browser_page_connects_and_copies_the_folder(
    qtbot: QtBot, store, recorder, tmp_path: Path
) -> None:
    window = open_welcome(qtbot, store, recorder, folder=tmp_path / "chromium")
    window.go_next()
    window.go_next()
    assert focused() is window.connect_button
    key(qtbot, Qt.Key.Key_Space)
    assert recorder.connects == 1
    assert window.connect_result.text() == "Done: Chromium, Google Chrome can now reach Focusapp."
    window.copy_button.click()
    assert QGuiApplication.clipboard().text() == str(tmp_path / "chromium")
    assert window.folder_edit.isReadOnly()


def test_a_failed_browser_connection_says_why(qtbot, store, tmp_path: Path) -> None:
    def refuse() -> list[str]:
        raise PermissionError("Permission denied: '/somewhere'")

    window = WelcomeWindow(store, BrowserSetup(refuse, None), set_autostart=None)
    qtbot.addWidget(window)
    window.connect_browsers()
    assert "didn't work" in window.connect_result.text()
    assert "Permission denied" in window.connect_result.text()
    assert not window.copy_button.isEnabled()  # no extension in this installation
    assert not window.autostart_box.isEnabled()  # no way to start with the session here


def test_the_keyring_state_is_told_as_it_is(qtbot, store, recorder) -> None:
    window = open_welcome(qtbot, store, recorder)
    assert "Looking for" in window.keyring_label.text()
    window.set_keyring_state(True)
    assert window.keyring_label.text().startswith("Found")
    window.set_keyring_state(False, "No keyring service answered.")
    assert window.keyring_label.text().startswith("No system keyring was found")
    assert window.keyring_detail.text() == "No keyring service answered."


# -- once, on the first start ------------------------------------------------------------------


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    p = AppPaths(tmp_path / "config", tmp_path / "data", tmp_path / "state", tmp_path / "runtime")
    p.ensure()
    return p


def started(qapp: QApplication, paths: AppPaths) -> FocusApp:
    app = FocusApp(qapp, paths)
    app.start()
    return app


@pytest.fixture
def apps() -> Iterator[list[FocusApp]]:
    running: list[FocusApp] = []
    yield running
    for app in running:
        app.shut_down()
        if app.fallback is not None:
            app.fallback.close()


def test_a_first_start_welcomes_and_the_next_does_not(
    qapp: QApplication, qtbot: QtBot, paths: AppPaths, apps: list[FocusApp]
) -> None:
    first = started(qapp, paths)
    apps.append(first)
    assert first.welcome is not None and first.welcome.isVisible()
    first.welcome.site_boxes[1][0].setChecked(True)  # Instagram
    for _ in range(4):
        first.welcome.go_next()
    assert first.welcome is None
    assert paths.welcome_done_file.exists()
    # Applied at once, not only written: both the blocking profile and the limit.
    assert first.settings.profiles == (Profile("Social media", block_sites=("instagram.com",)),)
    assert [limit.name for limit in first.settings.limits] == ["Social media"]

    second = started(qapp, paths)
    apps.append(second)
    assert second.welcome is None


def test_a_skipped_welcome_is_not_shown_again_even_without_a_config(
    qapp: QApplication, paths: AppPaths, apps: list[FocusApp]
) -> None:
    first = started(qapp, paths)
    apps.append(first)
    first.welcome.reject()
    assert not paths.config_file.exists()
    second = started(qapp, paths)
    apps.append(second)
    assert second.welcome is None


def test_quitting_with_the_welcome_open_shows_it_next_time(
    qapp: QApplication, paths: AppPaths, apps: list[FocusApp]
) -> None:
    first = started(qapp, paths)
    first.shut_down()
    assert not paths.welcome_done_file.exists()
    second = started(qapp, paths)
    apps.append(second)
    assert second.welcome is not None


def test_an_existing_config_means_no_welcome(
    qapp: QApplication, paths: AppPaths, apps: list[FocusApp]
) -> None:
    paths.config_file.write_text(HAND_WRITTEN, encoding="utf-8")
    app = started(qapp, paths)
    apps.append(app)
    assert app.welcome is None
