"""The desktop's own notifications on Linux: `org.freedesktop.Notifications` on the session bus.

Every Linux desktop that shows notifications (GNOME Shell, KDE Plasma, Xfce, dunst, mako,
notification-daemon...) answers this D-Bus interface, so a notice looks and behaves like every
other app's, and lands in the desktop's notification history. Qt's tray balloon is the fallback.

Why jeepney and not QtDBus: the `Notify` call's signature is `susssasa{sv}i`, and PySide6's
QtDBus has no way to make an unsigned int or an empty string list from Python (it sends `i` and
`av`, which daemons refuse). jeepney writes the signature as given; it is pure Python and already
installed with `keyring` (through SecretStorage).

The call runs on a short-lived thread: a daemon that hangs (or a bus that is slow to start one)
must never freeze the tray. A failure is handed back to the GUI thread, so the caller can say
it some other way; after one failure the bus is not asked again during this run.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from focusapp import APP_ID

log = logging.getLogger(__name__)

BUS_NAME = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
NOTIFY_SIGNATURE = "susssasa{sv}i"
_URGENCY_NORMAL = 1
_REPLY_TIMEOUT_S = 5.0


class NotificationFailed(Exception):
    """The bus or the daemon could not show the notice."""


def notify_over_dbus(
    app_name: str,
    replaces_id: int,
    icon: str,
    title: str,
    body: str,
    timeout_ms: int,
    desktop_entry: str,
) -> int:
    """One blocking `Notify` call on the session bus; returns the daemon's id for the notice."""
    try:
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection
        from jeepney.wrappers import unwrap_msg

        address = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=BUS_NAME)
        hints: dict[str, tuple[str, Any]] = {
            "desktop-entry": ("s", desktop_entry),
            "urgency": ("y", _URGENCY_NORMAL),
        }
        message = new_method_call(
            address,
            "Notify",
            NOTIFY_SIGNATURE,
            (app_name, replaces_id, icon, title, body, [], hints, timeout_ms),
        )
        with open_dbus_connection(bus="SESSION") as connection:
            reply = connection.send_and_get_reply(message, timeout=_REPLY_TIMEOUT_S)
        (notice_id,) = unwrap_msg(reply)
    except Exception as exc:  # no bus, no daemon, a refusal, a timeout: all mean "not here"
        raise NotificationFailed(f"{type(exc).__name__}: {exc}") from exc
    return int(notice_id)


Sender = Callable[[str, int, str, str, str, int, str], int]


class DesktopNotifications(QObject):
    """Sends notices to the desktop's notification service, off the GUI thread."""

    _failed = Signal(object)  # a callable to run on the GUI thread
    sent = Signal(str, int)  # title, the daemon's id: for whoever wants to know it arrived

    def __init__(
        self,
        *,
        app_name: str = "Focusapp",
        icon: str = APP_ID,  # the icon theme name the packages install
        desktop_entry: str = APP_ID,  # the .desktop file, so the desktop groups our notices
        timeout_ms: int = 6000,
        sender: Sender = notify_over_dbus,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._app_name = app_name
        self._icon = icon
        self._desktop_entry = desktop_entry
        self._timeout_ms = timeout_ms
        self._sender = sender
        self._broken = False
        self._lock = threading.Lock()
        # A newer notice with the same title replaces the older one instead of stacking up.
        self._ids: dict[str, int] = {}
        self._failed.connect(lambda fallback: fallback())

    @property
    def usable(self) -> bool:
        """False once the bus or the daemon failed in this run."""
        return not self._broken

    def send(self, title: str, body: str, on_failure: Callable[[], None]) -> None:
        """Shows the notice; `on_failure` runs on the GUI thread if the desktop can't."""
        threading.Thread(
            target=self._deliver, args=(title, body, on_failure), name="notify", daemon=True
        ).start()

    def _deliver(self, title: str, body: str, on_failure: Callable[[], None]) -> None:
        with self._lock:
            replaces = self._ids.get(title, 0)
        try:
            notice_id = self._sender(
                self._app_name,
                replaces,
                self._icon,
                title,
                body,
                self._timeout_ms,
                self._desktop_entry,
            )
        except NotificationFailed as exc:
            if not self._broken:
                log.info("The desktop's notification service can't be reached (%s).", exc)
            self._broken = True
            self._failed.emit(on_failure)
            return
        with self._lock:
            self._ids[title] = notice_id
        self.sent.emit(title, notice_id)
