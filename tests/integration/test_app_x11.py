"""The real app as a process on a real X desktop: tray icon, CLI, kill -9, broken files, signals."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import psutil
import pytest

from tests.integration import x11
from tests.integration.conftest import LaunchApp

pytestmark = pytest.mark.x11


def cli(app: x11.AppProcess, *args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    """The real `focusapp` command in the same environment (same XDG folders) as the app."""
    return subprocess.run(
        [sys.executable, "-m", "focusapp", *args],
        env=app.env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def status(app: x11.AppProcess) -> dict[str, Any]:
    result = cli(app, "status", "--json")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def start_app(
    launch_app: LaunchApp, home: Path | None = None
) -> tuple[x11.AppProcess, x11.TrayIcon]:
    app = launch_app(home=home)
    icon = x11.find_tray_icon(pid=app.pid, timeout=30)
    return app, icon


def test_tray_icon_docks_and_the_cli_drives_the_app(launch_app: LaunchApp, artifacts: Path) -> None:
    app, icon = start_app(launch_app)
    assert icon.host.id in icon.window.ancestors
    assert status(app)["state"] == "idle"
    # Local-only: no internet socket of any kind, listening or connected.
    assert psutil.Process(app.pid).net_connections(kind="inet") == []

    started = cli(app, "start", "50", "--strict", "--cycles", "2")
    assert started.returncode == 0, started.stderr
    assert "Focus 1 of 2" in started.stdout and "strict" in started.stdout
    st = status(app)
    assert (st["state"], st["strict"]) == ("focus", True)
    assert 49 * 60 < st["remaining_s"] <= 50 * 60
    assert datetime.fromisoformat(st["ends_at"]).tzinfo is not None

    for refused in ("stop", "pause"):
        result = cli(app, refused)
        assert result.returncode == 4, (refused, result)
        assert "strict session" in result.stderr

    x11.click(icon, button=3)
    menu = x11.wait_for_menu(app.pid, timeout=10)
    assert menu.geometry.height > 100  # header, strict line, emergency exit, settings, quit
    x11.screenshot(artifacts / "tray-menu-strict-session.png")
    x11.press_keys("Escape")
    x11.wait_for_no_menu(app.pid)


def test_non_strict_session_pause_resume_stop_from_the_cli(launch_app: LaunchApp) -> None:
    app, _ = start_app(launch_app)
    assert cli(app, "start", "25").returncode == 0
    assert cli(app, "pause").returncode == 0
    paused = status(app)
    assert paused["paused"] is True
    time.sleep(1.5)
    assert status(app)["remaining_s"] == paused["remaining_s"]
    assert cli(app, "resume").returncode == 0
    assert status(app)["paused"] is False
    assert cli(app, "stop").returncode == 0
    assert status(app)["state"] == "idle"
    bad = cli(app, "start", "--profile", "Nope")
    assert bad.returncode == 2 and "no profile named" in bad.stderr


def test_second_launch_tells_the_first_and_exits_zero(launch_app: LaunchApp) -> None:
    first, _ = start_app(launch_app)
    second = launch_app(home=first.home, name="second")
    assert second.wait(timeout=20) == 0
    assert "already running" in second.stdout()
    assert first.running


def test_cli_without_a_running_app_exits_3_and_says_how_to_start(tmp_path: Path) -> None:
    env = x11.app_env(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "focusapp", "status"],
        env=env,
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    assert result.returncode == 3
    assert "not running" in result.stderr and "focusapp" in result.stderr


def test_strict_session_survives_sigkill_with_the_same_deadline(
    launch_app: LaunchApp, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    app, _ = start_app(launch_app, home)
    assert cli(app, "start", "50", "--strict").returncode == 0
    before = status(app)
    app.kill(signal.SIGKILL)
    app.wait()
    time.sleep(2)

    again, _ = start_app(launch_app, home)
    after = status(again)
    assert (after["state"], after["strict"], after["session_id"]) == (
        "focus",
        True,
        before["session_id"],
    )
    drift = datetime.fromisoformat(after["ends_at"]) - datetime.fromisoformat(before["ends_at"])
    assert abs(drift.total_seconds()) < 1.0
    assert after["remaining_s"] < before["remaining_s"] - 1.5
    assert cli(again, "stop").returncode == 4


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_and_ctrl_c_shut_down_cleanly_and_keep_the_session(
    launch_app: LaunchApp, tmp_path: Path, signum: int
) -> None:
    home = tmp_path / "home"
    app, _ = start_app(launch_app, home)
    assert cli(app, "start", "25").returncode == 0
    app.kill(signum)
    assert app.wait(timeout=15) == 0
    assert "Focusapp stopped." in app.stderr()
    again, _ = start_app(launch_app, home)
    assert status(again)["state"] == "focus"


def test_broken_config_and_corrupt_database_still_start_and_are_reported(
    launch_app: LaunchApp, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    config = home / ".config" / "focusapp" / "config.toml"
    config.parent.mkdir(parents=True)
    broken = "# my settings\n[session]\nfocus_minutes = 40\nbreak_minutes = = 5\n"
    config.write_text(broken)
    database = home / ".local" / "share" / "focusapp" / "focusapp.sqlite3"
    database.parent.mkdir(parents=True)
    garbage = b"this is not a database, it is a shopping list\n" * 200
    database.write_bytes(garbage)

    app, _ = start_app(launch_app, home)
    st = status(app)
    assert st["state"] == "idle"
    log = app.stderr()
    assert "config.toml" in log and "line 4" in log
    assert "corrupt" in log.lower()
    assert config.read_text() == broken  # never overwritten
    moved = list(database.parent.glob("focusapp.sqlite3.corrupt-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == garbage
    assert database.read_bytes()[:16] == b"SQLite format 3\x00"

    # The defaults apply (the broken file is not half-read), and the app works with its new db.
    started = cli(app, "start")
    assert started.returncode == 0
    assert status(app)["phase_total_s"] == 25 * 60
