"""The app and the login entry: on after the first-run welcome, switchable, never added at start."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from focusapp import APP_ID
from focusapp.app import FocusApp
from focusapp.platform.autostart import XdgAutostart, launch_command
from focusapp.store.paths import AppPaths

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    p = AppPaths(
        config_dir=tmp_path / "config",
        data_dir=tmp_path / "data",
        state_dir=tmp_path / "state",
        runtime_dir=tmp_path / "runtime",
    )
    p.ensure()
    return p


@pytest.fixture
def entry(isolated_dirs: dict[str, Path]) -> XdgAutostart:
    return XdgAutostart(isolated_dirs["XDG_CONFIG_HOME"])


@pytest.fixture
def start_app(qapp: QApplication, paths: AppPaths) -> Iterator[Callable[[], FocusApp]]:
    started: list[FocusApp] = []

    def start() -> FocusApp:
        focus = FocusApp(qapp, paths)
        focus.start()
        started.append(focus)
        return focus

    yield start
    for focus in started:
        if getattr(focus, "welcome", None) is not None:
            focus.welcome.close()
        focus.shut_down()
        if focus.fallback is not None:
            focus.fallback.close()


def test_the_entry_lives_under_the_test_config_home(entry: XdgAutostart) -> None:
    assert entry.path.name == f"{APP_ID}.desktop"
    assert not entry.path.exists()


def test_starting_the_app_adds_no_login_entry(
    start_app: Callable[[], FocusApp], paths: AppPaths, entry: XdgAutostart
) -> None:
    paths.welcome_done_file.touch()
    app = start_app()
    assert app.settings.general.autostart  # on by default, yet only the welcome writes it
    assert not entry.path.exists()


def test_closing_the_first_run_welcome_turns_autostart_on(
    start_app: Callable[[], FocusApp], entry: XdgAutostart
) -> None:
    app = start_app()
    assert app.welcome is not None  # a first run
    assert not entry.path.exists()
    app.welcome.reject()  # even skipped, the welcome's ticked box counts
    assert entry.is_enabled() and entry.points_at(launch_command())


def test_set_autostart_saves_the_choice_and_writes_or_removes_the_entry(
    start_app: Callable[[], FocusApp], paths: AppPaths, entry: XdgAutostart
) -> None:
    paths.welcome_done_file.touch()
    app = start_app()
    app.set_autostart(True)
    assert entry.is_enabled()
    app.set_autostart(False)
    assert not entry.path.exists()
    assert "autostart = false" in paths.config_file.read_text()
    assert app.config.load().settings.general.autostart is False
    app.set_autostart(True)
    assert entry.is_enabled()
    assert app.config.load().settings.general.autostart is True


def test_a_hand_edit_while_running_applies_to_the_entry(
    start_app: Callable[[], FocusApp], paths: AppPaths, entry: XdgAutostart, qtbot: QtBot
) -> None:
    paths.welcome_done_file.touch()
    app = start_app()
    app.set_autostart(True)
    paths.config_file.write_text("# mine\n[general]\nautostart = false\n")
    qtbot.waitUntil(lambda: not entry.path.exists(), timeout=5000)
    paths.config_file.write_text("# mine\n[general]\nautostart = true\n")
    qtbot.waitUntil(entry.is_enabled, timeout=5000)


def test_the_settings_window_switch_applies_on_save(
    start_app: Callable[[], FocusApp], paths: AppPaths, entry: XdgAutostart
) -> None:
    paths.welcome_done_file.touch()
    app = start_app()
    app.set_autostart(True)
    app.open_settings()
    window = app.settings_window
    assert window is not None
    box = window.general_page.autostart_box
    assert box.isChecked()
    box.setChecked(False)
    window.save()
    assert not entry.path.exists()
    assert app.settings.general.autostart is False


def test_at_start_an_unwanted_entry_goes_and_a_stale_one_follows_the_app(
    start_app: Callable[[], FocusApp], paths: AppPaths, entry: XdgAutostart
) -> None:
    paths.welcome_done_file.touch()
    entry.enable(("/old/install/focusapp",))
    paths.config_file.write_text("[general]\nautostart = true\n")
    app = start_app()
    assert entry.points_at(launch_command())
    app.shut_down()

    paths.config_file.write_text("[general]\nautostart = false\n")
    start_app()
    assert not entry.path.exists()


def test_a_login_entry_that_cannot_be_written_is_reported_not_fatal(
    start_app: Callable[[], FocusApp], paths: AppPaths, entry: XdgAutostart
) -> None:
    paths.welcome_done_file.touch()
    app = start_app()
    (entry.path / "in the way").mkdir(parents=True)
    app.set_autostart(True)
    assert any("log in" in note.title for note in app.notifier.history)
