"""Notices reach the desktop's notification service: the real app, a real D-Bus session bus and
Debian's `notification-daemon` (the GNOME reference daemon), which draws the bubble on the X
display. The bus is private to the test, so the rest of the suite never sees the daemon.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from focusapp import APP_ID
from tests.dbus_session import PrivateBus
from tests.integration import x11
from tests.integration.conftest import LaunchApp

pytestmark = pytest.mark.x11

DAEMON = Path("/usr/lib/notification-daemon/notification-daemon")
SERVICE = "org.freedesktop.Notifications"


def quiet_home(folder: Path) -> Path:
    """A home whose config keeps no notes: on a bare private bus, asking the keyring would
    D-Bus-activate a keyring daemon that opens a password prompt of its own."""
    config = folder / ".config" / "focusapp" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[journal]\nnotes = "off"\n', encoding="utf-8")
    return folder


def name_has_owner(address: str, name: str) -> bool:
    done = subprocess.run(
        ["dbus-send", f"--bus={address}", "--print-reply", "--dest=org.freedesktop.DBus",
         "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", f"string:{name}"],
        capture_output=True, text=True, timeout=10, check=False,
    )  # fmt: skip
    return "boolean true" in done.stdout


def test_a_notice_is_shown_by_the_desktops_notification_daemon(
    launch_app: LaunchApp, tmp_path: Path, test_artifacts: Path
) -> None:
    assert DAEMON.is_file(), "notification-daemon is missing: run scripts/setup-system.sh --test"
    with PrivateBus(tmp_path / "bus") as bus:
        env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=bus.address)
        log = (test_artifacts / "notification-daemon.log").open("wb")
        daemon = subprocess.Popen([str(DAEMON)], env=env, stdout=log, stderr=log)
        monitor_out = test_artifacts / "dbus-monitor.log"
        with monitor_out.open("wb") as sink:
            monitor = subprocess.Popen(
                ["dbus-monitor", "--address", bus.address,
                 f"type='method_call',interface='{SERVICE}',member='Notify'"],
                stdout=sink, stderr=subprocess.STDOUT,
            )  # fmt: skip
            try:
                x11.wait_until(
                    lambda: name_has_owner(bus.address, SERVICE) or None,
                    20,
                    "notification-daemon owns org.freedesktop.Notifications",
                )
                app = launch_app(
                    home=quiet_home(tmp_path / "home"),
                    env={"DBUS_SESSION_BUS_ADDRESS": bus.address},
                )
                x11.find_tray_icon(pid=app.pid, timeout=30)
                # A second launch asks the first to show itself; with a tray, it says where it is.
                second = launch_app(
                    home=app.home, name="second", env={"DBUS_SESSION_BUS_ADDRESS": bus.address}
                )
                assert second.wait(timeout=20) == 0
                tray = x11.tray_host().id
                bubble = x11.wait_until(
                    lambda: next(
                        (
                            w
                            for w in x11.list_windows()
                            # Not its status icon in the tray: the bubble on the desktop.
                            if w.pid == daemon.pid and w.viewable and tray not in w.ancestors
                        ),
                        None,
                    ),
                    15,
                    "notification-daemon showed a bubble",
                )
                x11.screenshot(test_artifacts / "notification-bubble.png")
                assert bubble.geometry.width > 50 and bubble.geometry.height > 20
                x11.wait_until(
                    lambda: (
                        "Focusapp is already running" in monitor_out.read_text(errors="replace")
                        or None
                    ),
                    10,
                    "the Notify call carried the notice's title",
                )
                call = monitor_out.read_text(errors="replace")
                assert 'string "Focusapp"' in call  # the app's name
                assert 'string "desktop-entry"' in call and f'string "{APP_ID}"' in call
                assert app.running
            finally:
                for process in (monitor, daemon):
                    process.terminate()
                    try:
                        process.wait(5)
                    except subprocess.TimeoutExpired:
                        process.kill()
                log.close()


def test_without_a_notification_service_the_app_runs_on_and_says_it_in_the_tray(
    launch_app: LaunchApp, tmp_path: Path
) -> None:
    with PrivateBus(tmp_path / "bus") as bus:
        app = launch_app(
            home=quiet_home(tmp_path / "home"),
            env={"DBUS_SESSION_BUS_ADDRESS": bus.address, "FOCUSAPP_LOG": "INFO"},
        )
        x11.find_tray_icon(pid=app.pid, timeout=30)
        second = launch_app(
            home=app.home, name="second", env={"DBUS_SESSION_BUS_ADDRESS": bus.address}
        )
        assert second.wait(timeout=20) == 0
        x11.wait_until(
            lambda: "notification service can't be reached" in app.stderr() or None,
            15,
            "the app noticed there is no notification service",
        )
        time.sleep(0.5)
        assert app.running
