"""The real app steps in before a blocked app on a real X desktop, and counts time per app."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.integration import x11
from tests.integration.conftest import LaunchApp

pytestmark = pytest.mark.x11

CONFIG = """\
[general]
idle_minutes = 1

[[profiles]]
name = "Deep work"
block_apps = ["xmessage"]
"""


def cli(app: x11.AppProcess, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "focusapp", *args],
        env=app.env,
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )


def usage(app: x11.AppProcess) -> dict[str, Any]:
    result = cli(app, "usage", "--json")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def active_window() -> int:
    out = subprocess.run(
        ["xdotool", "getactivewindow"], capture_output=True, text=True, check=True, timeout=10
    ).stdout
    return int(out.strip())


def window_state(window: int) -> str:
    out = subprocess.run(
        ["xprop", "-id", str(window), "WM_STATE"],
        capture_output=True,
        text=True,
        check=True,
        timeout=10,
    ).stdout
    return "iconic" if "Iconic" in out else "normal" if "Normal" in out else out


@pytest.fixture
def windows() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        process.terminate()
        process.wait(10)


def open_window(started: list[subprocess.Popen[bytes]], argv: list[str], wm_class: str) -> int:
    started.append(subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    found = x11.wait_for_window(wm_class=wm_class, timeout=20)
    return found.id


def activate(window: int, *, wait: bool = True) -> None:
    # --sync waits until the window is active, which never lasts for a blocked app: the pause
    # takes the focus from it at once.
    sync = ["--sync"] if wait else []
    subprocess.run(["xdotool", "windowactivate", *sync, str(window)], check=True, timeout=20)


def test_blocked_app_gets_the_pause_and_back_returns_to_work(
    launch_app: LaunchApp,
    tmp_path: Path,
    artifacts: Path,
    windows: list[subprocess.Popen[bytes]],
) -> None:
    home = tmp_path / "home"
    (home / ".config" / "focusapp").mkdir(parents=True)
    (home / ".config" / "focusapp" / "config.toml").write_text(CONFIG)
    app = launch_app(home=home)
    x11.find_tray_icon(pid=app.pid, timeout=30)

    work = open_window(windows, ["xterm", "-title", "work"], "XTerm")
    activate(work)
    assert cli(app, "start", "25", "--profile", "Deep work").returncode == 0
    time.sleep(3)

    # xmessage takes the input focus (xclock does not) and sets no _NET_WM_PID: the tracker
    # must know it by its WM_CLASS alone.
    feed = open_window(windows, ["xmessage", "-name", "feed", "the feed"], "Xmessage")
    activate(feed, wait=False)
    overlay = x11.wait_for_window(pid=app.pid, name="A moment before", timeout=10)
    assert overlay.geometry.width >= 1000  # it covers the screen
    time.sleep(1)
    x11.screenshot(artifacts / "intervention-over-blocked-app.png")

    # Keyboard only: the overlay has the focus, Escape is "back to what I was doing".
    x11.press_keys("Escape")
    x11.wait_until(lambda: active_window() == work or None, 10, "the work window came back")
    assert window_state(feed) == "iconic"

    report = usage(app)
    assert report["apps"].get("xterm", 0) >= 2.5
    assert report["apps"].get("xmessage", 0) < 3  # only the moment before the pause

    db = home / ".local" / "share" / "focusapp" / "focusapp.sqlite3"
    import sqlite3

    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT trigger_kind, target_name, outcome, prompt_id FROM urges"
        ).fetchall()
    assert len(rows) == 1
    trigger, target, outcome, prompt_id = rows[0]
    assert (trigger, target, outcome) == ("blocked_during_session", "xmessage", "returned")
    assert prompt_id


def test_idle_time_is_not_counted(
    launch_app: LaunchApp, tmp_path: Path, windows: list[subprocess.Popen[bytes]]
) -> None:
    home = tmp_path / "home"
    (home / ".config" / "focusapp").mkdir(parents=True)
    (home / ".config" / "focusapp" / "config.toml").write_text(CONFIG)
    app = launch_app(home=home)
    x11.find_tray_icon(pid=app.pid, timeout=30)
    work = open_window(windows, ["xterm", "-title", "work"], "XTerm")
    activate(work)
    subprocess.run(["xdotool", "mousemove", "10", "400"], check=True, timeout=10)
    time.sleep(70)  # past the 1-minute idle threshold, with no input at all
    idle_report = usage(app)
    assert idle_report["apps"].get("xterm", 0) < 10, idle_report
    subprocess.run(["xdotool", "mousemove", "40", "420"], check=True, timeout=10)
    # Back at the keyboard: counted again from the next tick (every 5 s) on.
    for _ in range(12):
        time.sleep(1)
        subprocess.run(["xdotool", "mousemove_relative", "1", "0"], check=True, timeout=10)
    assert usage(app)["apps"].get("xterm", 0) >= 5


def test_window_rect_places_a_real_window_for_the_overlay(
    windows: list[subprocess.Popen[bytes]],
) -> None:
    """The overlay covers the screen of the blocked window: the platform must say where it is."""
    from focusapp.platform.x11 import X11WindowControl, open_display

    window = open_window(windows, ["xterm", "-geometry", "40x10+300+200"], "XTerm")
    display = open_display(None)
    control = X11WindowControl(display)
    try:
        _check_rect(control, window, windows[-1])
    finally:
        display.close()


def _check_rect(control: Any, window: int, process: subprocess.Popen[bytes]) -> None:
    rect = control.window_rect(window)
    assert rect is not None
    x, y, width, height = rect
    assert 295 <= x <= 320 and 195 <= y <= 240  # the window manager's frame shifts it a little
    assert width > 100 and height > 50
    process.kill()
    process.wait(10)
    x11.wait_until(lambda: control.window_rect(window) is None or None, 10, "the window is gone")
