"""Notices go through the tray when it is shown, otherwise into the log; the last few are kept."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QSystemTrayIcon

from focusapp.ui.notifier import Notice, Notifier


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
