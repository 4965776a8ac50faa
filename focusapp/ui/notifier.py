"""Short desktop notifications: through the desktop's notification service where there is one
(`DesktopNotifications`, on Linux), else the tray icon's message, else into the log.

The last few notices are kept in memory, so a test (or a fallback window) can see what was said.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QSystemTrayIcon

from focusapp.ui.desktop_notifications import DesktopNotifications

_DEFAULT_TIMEOUT_MS = 6000


@dataclass(frozen=True)
class Notice:
    title: str
    body: str
    shown_in_tray: bool
    shown_on_desktop: bool = False  # by the desktop's notification service

    @property
    def seen(self) -> bool:
        """Whether something on screen already carries it (a window needn't repeat it)."""
        return self.shown_in_tray or self.shown_on_desktop


class Notifier:
    """Says one calm sentence to the user; never more than that, never with a red badge."""

    def __init__(
        self,
        *,
        keep_last: int = 20,
        logger: logging.Logger | None = None,
        desktop: DesktopNotifications | None = None,
    ) -> None:
        self._desktop = desktop
        self._tray: QSystemTrayIcon | None = None
        self._history: deque[Notice] = deque(maxlen=keep_last)
        self._log = logger if logger is not None else logging.getLogger(__name__)
        self._listeners: list[Callable[[Notice], None]] = []

    def set_tray(self, tray: QSystemTrayIcon | None) -> None:
        """Attach the visible tray icon (or detach with None) that carries the messages."""
        self._tray = tray

    def subscribe(self, listener: Callable[[Notice], None]) -> None:
        """Also hand every notice to `listener` (a window that shows them when there is no tray)."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[Notice], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    @property
    def history(self) -> tuple[Notice, ...]:
        """The most recent notices, oldest first."""
        return tuple(self._history)

    def notify(self, title: str, body: str) -> Notice:
        desktop = self._desktop
        if desktop is not None and desktop.usable:
            notice = Notice(title, body, shown_in_tray=False, shown_on_desktop=True)
            desktop.send(title, body, lambda: self._desktop_failed(notice))
            return self._record(notice)
        return self._record(self._show_here(title, body))

    def _desktop_failed(self, notice: Notice) -> None:
        """The desktop could not show it after all: say it here, and tell the listeners again."""
        if notice in self._history:
            self._history.remove(notice)
        self._record(self._show_here(notice.title, notice.body))

    def _show_here(self, title: str, body: str) -> Notice:
        tray = self._tray
        in_tray = tray is not None and tray.isVisible() and QSystemTrayIcon.supportsMessages()
        if in_tray and tray is not None:
            # The tray's own glyph instead of a stock info/warning icon: calmer, and it says who
            # is speaking.
            tray.showMessage(title, body, tray.icon(), _DEFAULT_TIMEOUT_MS)
        else:
            self._log.info("%s: %s", title, body)
        return Notice(title, body, in_tray)

    def _record(self, notice: Notice) -> Notice:
        self._history.append(notice)
        for listener in list(self._listeners):
            listener(notice)
        return notice
