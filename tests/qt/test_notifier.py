"""Notices go to the desktop's notification service, else the tray when it is shown, else into
the log; the last few are kept. A real notification daemon is tested in
tests/integration/test_notifications_x11.py."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QSystemTrayIcon

from focusapp import APP_ID
from focusapp.ui.desktop_notifications import (
    DesktopNotifications,
    NotificationFailed,
    notify_over_dbus,
)
from focusapp.ui.notifier import Notice, Notifier
from tests.dbus_session import PrivateBus


@pytest.fixture
def private_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[PrivateBus]:
    with PrivateBus(tmp_path / "bus") as bus:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus.address)
        yield bus


def test_without_a_tray_notices_are_logged_and_kept(caplog) -> None:
    notifier = Notifier()
    with caplog.at_level(logging.INFO, logger="focusapp.ui.notifier"):
        notifier.notify("Time for a break", "Step away for 5 min.")
    assert notifier.history == (Notice("Time for a break", "Step away for 5 min.", False),)
    assert "Time for a break: Step away for 5 min." in caplog.text


def test_only_the_last_few_notices_are_kept() -> None:
    notifier = Notifier(keep_last=3)
    for n in range(5):
        notifier.notify(f"title {n}", "body")
    assert [n.title for n in notifier.history] == ["title 2", "title 3", "title 4"]


def test_listeners_hear_every_notice_until_they_leave() -> None:
    notifier = Notifier()
    heard: list[Notice] = []
    notifier.subscribe(heard.append)
    notifier.notify("one", "a")
    notifier.unsubscribe(heard.append)
    notifier.notify("two", "b")
    assert [n.title for n in heard] == ["one"]


def test_a_hidden_tray_icon_does_not_swallow_notices(qapp) -> None:
    tray = QSystemTrayIcon()
    notifier = Notifier()
    notifier.set_tray(tray)
    assert notifier.notify("Back to focus", "25 min.").shown_in_tray is False


# Showing a tray icon without a tray host makes Qt look for a signal the offscreen platform lacks.
@pytest.mark.qt_log_ignore("systemTrayWindowChanged")
def test_a_visible_tray_icon_carries_the_message(qapp, monkeypatch) -> None:
    tray = QSystemTrayIcon()
    pixmap = QPixmap(22, 22)
    pixmap.fill()
    tray.setIcon(QIcon(pixmap))
    tray.show()
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(tray, "showMessage", lambda title, body, *rest: shown.append((title, body)))
    notifier = Notifier()
    notifier.set_tray(tray)
    notice = notifier.notify("Session complete", "That's the session.")
    assert notice.shown_in_tray
    assert shown == [("Session complete", "That's the session.")]
    tray.hide()


# -- through the desktop's notification service --------------------------------------------


class FakeDaemon:
    """Stands in for `notify_over_dbus`: records calls, answers with ids, or fails."""

    def __init__(self, *, fail: bool = False) -> None:
        self.fail = fail
        self.calls: list[tuple[object, ...]] = []

    def __call__(self, *args: object) -> int:
        self.calls.append(args)
        if self.fail:
            raise NotificationFailed("DBusErrorResponse: ServiceUnknown")
        return 40 + len(self.calls)


def test_the_desktop_service_carries_notices_and_a_repeat_replaces_the_last(qtbot) -> None:
    daemon = FakeDaemon()
    desktop = DesktopNotifications(sender=daemon)
    notifier = Notifier(desktop=desktop)
    with qtbot.waitSignal(desktop.sent, timeout=2000):
        notice = notifier.notify("5 minutes left", "Social has 5 minutes left today.")
    assert notice.shown_on_desktop and notice.seen and not notice.shown_in_tray
    assert daemon.calls == [
        ("Focusapp", 0, APP_ID, "5 minutes left", "Social has 5 minutes left today.", 6000,
         APP_ID),
    ]  # fmt: skip
    with qtbot.waitSignal(desktop.sent, timeout=2000):
        notifier.notify("5 minutes left", "Now 4.")
    assert daemon.calls[1][1] == 41  # replaces the one before instead of stacking up


def test_when_the_desktop_service_fails_the_notice_is_said_here_instead(qtbot, caplog) -> None:
    daemon = FakeDaemon(fail=True)
    desktop = DesktopNotifications(sender=daemon)
    notifier = Notifier(desktop=desktop)
    heard: list[Notice] = []
    notifier.subscribe(heard.append)
    with caplog.at_level(logging.INFO, logger="focusapp.ui.notifier"):
        notifier.notify("Time for a break", "Step away for 5 min.")
        qtbot.waitUntil(lambda: len(heard) == 2, timeout=2000)
    assert heard[0].shown_on_desktop and not heard[1].seen  # the window now shows it
    assert notifier.history == (Notice("Time for a break", "Step away for 5 min.", False),)
    assert "Time for a break: Step away for 5 min." in caplog.text
    assert not desktop.usable
    notifier.notify("Back to focus", "25 min.")  # not asked again in this run
    assert len(daemon.calls) == 1
    assert notifier.history[-1] == Notice("Back to focus", "25 min.", False)


def test_no_session_bus_is_a_plain_failure(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    with pytest.raises(NotificationFailed):
        notify_over_dbus("Focusapp", 0, "focusapp", "t", "b", 1000, "focusapp")


def test_a_bus_without_a_notification_service_is_a_plain_failure(private_bus) -> None:
    with pytest.raises(NotificationFailed, match="ServiceUnknown"):
        notify_over_dbus("Focusapp", 0, "focusapp", "t", "b", 1000, "focusapp")
