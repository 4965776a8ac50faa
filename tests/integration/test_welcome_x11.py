"""The first-run welcome on a real desktop: a fresh start shows it, driven by the real keyboard;
the next start does not."""

from __future__ import annotations

import time
import tomllib
from pathlib import Path

import pytest

from focusapp import APP_ID
from tests.integration import x11
from tests.integration.conftest import LaunchApp

pytestmark = pytest.mark.x11

TITLE = "Welcome to Focusapp"


def welcome_windows(pid: int) -> list[x11.WindowInfo]:
    return [w for w in x11.list_windows() if w.pid == pid and w.viewable and TITLE in w.name]


def test_a_fresh_start_welcomes_once_and_the_keyboard_alone_gets_through_it(
    launch_app: LaunchApp, tmp_path: Path, test_artifacts: Path
) -> None:
    home = tmp_path / "home"
    app = launch_app(home=home, welcome=True)
    x11.find_tray_icon(pid=app.pid, timeout=30)
    window = x11.wait_for_window(name=TITLE, pid=app.pid, timeout=20)
    x11.wait_until(
        lambda: x11.active_window_id() == window.id or None, 10, "the welcome has the keyboard"
    )
    x11.screenshot(test_artifacts / "welcome-first-page.png")

    # Next; tick the first site with Space; Next, Next, Finish.
    x11.press_keys("Return")
    time.sleep(0.3)
    x11.press_keys("space")
    x11.screenshot(test_artifacts / "welcome-sites.png")
    for _ in range(3):
        time.sleep(0.3)
        x11.press_keys("Return")
    x11.wait_until(lambda: not welcome_windows(app.pid), 10, "the welcome closed")

    config = home / ".config" / "focusapp" / "config.toml"
    settings = tomllib.loads(config.read_text(encoding="utf-8"))
    assert settings["limits"][0]["sites"] == ["tiktok.com"]
    assert (home / ".local" / "state" / "focusapp" / "welcome-done").is_file()
    # Autostart was ticked by default: the login entry is there, pointing at this Focusapp.
    entry = home / ".config" / "autostart" / f"{APP_ID}.desktop"
    assert "Exec=" in entry.read_text(encoding="utf-8")
    assert app.running
    assert app.close() == 0

    again = launch_app(home=home, welcome=True)
    x11.find_tray_icon(pid=again.pid, timeout=30)
    time.sleep(3)  # long enough for a window that was coming to have come
    assert welcome_windows(again.pid) == []
    assert again.running


def test_escape_skips_it_and_it_stays_skipped_without_a_config(
    launch_app: LaunchApp, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    app = launch_app(home=home, welcome=True)
    window = x11.wait_for_window(name=TITLE, pid=app.pid, timeout=30)
    x11.wait_until(
        lambda: x11.active_window_id() == window.id or None, 10, "the welcome has the keyboard"
    )
    x11.press_keys("Escape")
    x11.wait_until(lambda: not welcome_windows(app.pid), 10, "Escape closed the welcome")
    assert app.close() == 0
    assert not (home / ".config" / "focusapp" / "config.toml").exists()

    again = launch_app(home=home, welcome=True)
    x11.find_tray_icon(pid=again.pid, timeout=30)
    time.sleep(3)
    assert welcome_windows(again.pid) == []
