"""The X11 harness works end to end: a real tray icon docks, real clicks open a real menu."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest

from tests.integration import x11
from tests.integration.x11 import LaunchApp

pytestmark = pytest.mark.x11

PROBE = Path(__file__).parent / "fixtures" / "tray_probe.py"
PROBE_ORANGE = (0xF5, 0xA6, 0x23)


def launch_probe(launch_app: LaunchApp) -> x11.AppProcess:
    probe = launch_app(name="tray-probe", command=[sys.executable, str(PROBE)])
    probe.wait_for_output("ready", timeout=20)
    return probe


def close_enough(colour: tuple[int, int, int], expected: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 40 for a, b in zip(colour, expected, strict=True))


def test_probe_icon_docks_in_tray_and_right_click_opens_its_menu(
    launch_app: LaunchApp, artifacts: Path
) -> None:
    probe = launch_probe(launch_app)

    icon = x11.find_tray_icon(pid=probe.pid, timeout=15)
    assert icon.host.id in icon.window.ancestors
    assert icon.host.geometry.contains(icon.window.geometry)
    before = x11.screenshot(artifacts / "harness-tray-icon.png")
    centre_x, centre_y = icon.window.geometry.center
    assert close_enough(x11.pixel(before, centre_x, centre_y), PROBE_ORANGE), (
        "the probe's orange icon is not on screen where its tray window is"
    )
    assert not x11.menu_visible(probe.pid)

    x11.click(icon, button=3)
    menu = x11.wait_for_menu(probe.pid, timeout=10)
    shot = x11.screenshot(artifacts / "harness-tray-menu.png")
    assert menu.geometry.width > 40 and menu.geometry.height > 20
    menu_x, menu_y = menu.geometry.center
    assert x11.pixel(shot, menu_x, menu_y) != x11.pixel(before, menu_x, menu_y), (
        "the menu window is mapped but nothing changed on screen where it is"
    )

    # The first of the two actions sits in the top half of the menu.
    x11.click((menu_x, menu.geometry.y + menu.geometry.height // 4))
    probe.wait_for_output("triggered: hello", timeout=10)
    x11.wait_for_no_menu(probe.pid, timeout=10)


def test_quitting_from_the_menu_ends_the_process_and_frees_the_tray(
    launch_app: LaunchApp,
) -> None:
    probe = launch_probe(launch_app)
    window = x11.wait_for_window(wm_class="tray-probe", pid=probe.pid, timeout=15)
    icon = x11.find_tray_icon(wm_class="tray-probe", timeout=15)
    assert icon.window.id == window.id

    x11.click(icon, button=3)
    menu = x11.wait_for_menu(probe.pid, timeout=10)
    x11.click((menu.geometry.center[0], menu.geometry.y + 3 * menu.geometry.height // 4))

    assert probe.wait(timeout=10) == 0
    assert x11.tray_icons(wm_class="tray-probe") == []


def test_killed_process_leaves_the_tray_and_had_its_own_xdg_folders(
    launch_app: LaunchApp, tmp_path: Path
) -> None:
    home = tmp_path / "probe-home"
    probe = launch_app(name="tray-probe", command=[sys.executable, str(PROBE)], home=home)
    probe.wait_for_output("ready", timeout=20)
    assert f"config home: {home / '.config'}" in probe.stdout()
    x11.find_tray_icon(pid=probe.pid, timeout=15)

    probe.kill(signal.SIGKILL)

    assert probe.wait(timeout=10) == -signal.SIGKILL
    x11.wait_until(
        lambda: not x11.tray_icons(pid=probe.pid), 10, "the dead probe's icon stayed in the tray"
    )
