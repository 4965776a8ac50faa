"""X11: the focused window from root property events, idle time, and window control.

The tracker has an Xlib connection of its own and listens, without polling, to PropertyNotify
events: `_NET_ACTIVE_WINDOW` on the root window (another window got focus) and the title
properties of the active window. A `QSocketNotifier` on the connection's socket wakes it up.

Two Xlib habits shape the code:
- requests are buffered: every request without a reply is followed by `flush()`;
- reading a reply also reads the events that arrived before it into Xlib's queue, emptying the
  socket, so the notifier would not fire for them: after handling events, the queue is checked
  again until it is empty.

Windows vanish between an event and the query about them (BadWindow); every such query is
guarded and a vanished window reads as "no window", which the debounce then hides.

The pid of a window comes from the X server (X-Resource extension: the pid of the client that
created the window, right even inside containers), else from `_NET_WM_PID` when
`WM_CLIENT_MACHINE` says the window is from this machine.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import socket
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import psutil
from PySide6.QtCore import QObject, QSocketNotifier
from Xlib import X, Xatom
from Xlib import error as xerror
from Xlib.display import Display
from Xlib.protocol import event as xevent

from focusapp.core.activity import Activity, ActivityKind
from focusapp.core.phrases import Phrase, phrase
from focusapp.platform.base import DEFAULT_DEBOUNCE_MS, ForegroundTracker, app_name
from focusapp.platform.closing import AppCloser
from focusapp.platform.processes import ProcessIdentity, identify_process

log = logging.getLogger(__name__)

X11_NOTE = "Sees the focused window of every app on this X11 desktop: its program, class and title."
XWAYLAND_NOTE = phrase(
    "Platform",
    "Wayland session: sees only apps that run through XWayland. Native Wayland windows are "
    "invisible to it; those apps are counted by running time instead of focused time.",
)

# Lockers whose window appears (mapped) only while the screen is locked. Matched against either
# part of WM_CLASS, lower case. The daemons that are always running (xscreensaver,
# gnome-screensaver, light-locker) show their window only when locked, so the window is the sign.
LOCKER_WINDOW_CLASSES = frozenset(
    {
        "xscreensaver",
        "i3lock",
        "light-locker",
        "gnome-screensaver",
        "cinnamon-screensaver",
        "mate-screensaver",
        "xfce4-screensaver",
        "xsecurelock",
        "xlock",
        "xtrlock",
        "slock",
        "kscreenlocker_greet",
    }
)
# Lockers that run only while the screen is locked: their process alone is the sign.
LOCKER_PROCESSES = frozenset(
    {"i3lock", "slock", "xsecurelock", "xtrlock", "physlock", "kscreenlocker_greet", "xlock"}
)
_COMM_CHARS = 15  # the kernel keeps this much of a process name: "kscreenlocker_g"

_ICONIC_STATE = 3  # ICCCM WM_STATE / WM_CHANGE_STATE value
_SOURCE_PAGER = 2  # EWMH source indication: a pager or taskbar, which the WM obeys
_SCREENSAVER_ON = 1
_LOCAL_CLIENT_PID_MASK = 1 << 1  # X-Resource ClientIdMask


def _text(value: Any, encoding: str = "utf-8") -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode(encoding, "replace").replace("\x00", "")
    return str(value)


class X11Unavailable(RuntimeError):
    """No connection to the X server (no server, no permission, bad display name)."""


def open_display(name: str | None) -> Display:
    """A new connection to `name` (None: $DISPLAY). Raises `X11Unavailable`."""
    # python-xlib leaves the sockets of a failed attempt for the garbage collector; release
    # them here, quietly, rather than as ResourceWarnings at some random later moment.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            return Display(name)
        except Exception as exc:  # python-xlib raises unrelated types for a bad display
            problem = f"cannot connect to X display {name or '$DISPLAY'!r}: {exc}"
        gc.collect()
    raise X11Unavailable(problem)


class _Atoms:
    def __init__(self, display: Display) -> None:
        def atom(name: str) -> int:
            return int(display.intern_atom(name))

        self.net_active_window = atom("_NET_ACTIVE_WINDOW")
        self.net_wm_name = atom("_NET_WM_NAME")
        self.net_wm_pid = atom("_NET_WM_PID")
        self.net_wm_state = atom("_NET_WM_STATE")
        self.net_wm_state_hidden = atom("_NET_WM_STATE_HIDDEN")
        self.utf8_string = atom("UTF8_STRING")
        self.wm_state = atom("WM_STATE")
        self.wm_change_state = atom("WM_CHANGE_STATE")


@dataclass(frozen=True)
class _WindowIdentity:
    """What does not change while a window lives: who made it."""

    pid: int | None
    wm_class: str | None
    process: ProcessIdentity | None


class WindowReader:
    """Reads what Focusapp needs from windows over one connection. Raises `Xlib.error.XError`
    when the window is gone; callers decide what that means."""

    def __init__(self, display: Display) -> None:
        self.display = display
        self.atoms = _Atoms(display)
        self.root = display.screen().root
        self._has_xres = display.has_extension("X-Resource")
        self._hostname = socket.gethostname()

    def window(self, window_id: int) -> Any:
        return self.display.create_resource_object("window", window_id)

    def active_window_id(self) -> int | None:
        prop = self.root.get_full_property(self.atoms.net_active_window, Xatom.WINDOW)
        if prop is None or not len(prop.value):
            return None
        return int(prop.value[0]) or None

    def title(self, window_id: int) -> str:
        """`_NET_WM_NAME` (UTF-8), else `WM_NAME` (Latin-1 STRING or whatever type it has)."""
        window = self.window(window_id)
        net = window.get_full_property(self.atoms.net_wm_name, self.atoms.utf8_string)
        title = _text(net.value) if net is not None else ""
        if title:
            return title
        legacy = window.get_full_property(Xatom.WM_NAME, X.AnyPropertyType)
        if legacy is None:
            return ""
        encoding = "latin-1" if legacy.property_type == Xatom.STRING else "utf-8"
        return _text(legacy.value, encoding)

    def wm_class(self, window_id: int) -> tuple[str, str] | None:
        value = self.window(window_id).get_wm_class()
        if not value:
            return None
        instance, klass = value
        return _text(instance), _text(klass)

    def pid(self, window_id: int) -> int | None:
        if self._has_xres:
            reply = self.display.res_query_client_ids(
                [{"client": window_id, "mask": _LOCAL_CLIENT_PID_MASK}]
            )
            for client in reply.ids:
                if client.spec.mask == _LOCAL_CLIENT_PID_MASK and client.value:
                    return int(client.value[0])
        window = self.window(window_id)
        machine = window.get_full_property(Xatom.WM_CLIENT_MACHINE, X.AnyPropertyType)
        if machine is not None and _text(machine.value, "latin-1") != self._hostname:
            return None  # a remote client: its pid means nothing here
        prop = window.get_full_property(self.atoms.net_wm_pid, Xatom.CARDINAL)
        if prop is None or not len(prop.value):
            return None
        return int(prop.value[0]) or None

    def viewable(self, window_id: int) -> bool:
        return bool(self.window(window_id).get_attributes().map_state == X.IsViewable)

    def minimized(self, window_id: int) -> bool:
        window = self.window(window_id)
        state = window.get_full_property(self.atoms.wm_state, self.atoms.wm_state)
        if state is not None and len(state.value) and int(state.value[0]) == _ICONIC_STATE:
            return True
        net_state = window.get_full_property(self.atoms.net_wm_state, Xatom.ATOM)
        return net_state is not None and self.atoms.net_wm_state_hidden in net_state.value


class X11ForegroundTracker(ForegroundTracker):
    """The focused X11 window, event-driven. `current()` and `changed` give an `Activity` with
    the window id, pid, executable, WM_CLASS (class part) and title."""

    def __init__(
        self,
        display_name: str | None = None,
        *,
        note: Phrase | str = X11_NOTE,
        debounce_ms: int = DEFAULT_DEBOUNCE_MS,
        identify: Callable[[int], ProcessIdentity | None] = identify_process,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(debounce_ms=debounce_ms, parent=parent)
        self.capability_note = note
        self._display_name = display_name
        self._identify = identify
        self._display: Display | None = None
        self._reader: WindowReader | None = None
        self._notifier: QSocketNotifier | None = None
        self._window: int | None = None  # the active window whose title we listen to
        self._identity: _WindowIdentity | None = None  # of self._window
        self.events_handled = 0

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        """Connects to the X server (raises `X11Unavailable` when it cannot)."""
        if self._display is not None:
            return
        display = open_display(self._display_name)
        display.set_error_handler(self._on_async_error)
        self._display = display
        self._reader = WindowReader(display)
        self._reader.root.change_attributes(event_mask=X.PropertyChangeMask)
        display.flush()
        self._notifier = QSocketNotifier(display.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._refresh(active_changed=True)
        self._drain()

    def stop(self) -> None:
        super().stop()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._display is not None:
            # A dead server leaves nothing to release.
            with contextlib.suppress(xerror.XError, OSError):
                self._display.close()
            self._display = None
            self._reader = None
        self._window = None
        self._identity = None

    # ------------------------------------------------------------------ events

    def _drain(self) -> None:
        display = self._display
        if display is None:
            return
        try:
            while count := display.pending_events():
                active_changed = False
                title_changed = False
                for _ in range(count):
                    kind = self._classify(display.next_event())
                    active_changed |= kind == "active"
                    title_changed |= kind == "title"
                    self.events_handled += 1
                if active_changed or title_changed:
                    # Replies read here may pull more events into Xlib's queue: loop again.
                    self._refresh(active_changed=active_changed)
        except xerror.ConnectionClosedError:
            log.warning("the X server closed the connection; foreground tracking stopped")
            self.stop()
            self._report(None)

    def handle_event(self, event: Any) -> None:
        """Handles one event as if it came from the server (the benchmark feeds events here)."""
        kind = self._classify(event)
        self.events_handled += 1
        if kind is not None:
            self._refresh(active_changed=kind == "active")

    def _classify(self, event: Any) -> str | None:
        if event.type != X.PropertyNotify or self._reader is None:
            return None
        atoms = self._reader.atoms
        window_id = int(event.window.id)
        if window_id == int(self._reader.root.id):
            return "active" if event.atom == atoms.net_active_window else None
        if window_id != self._window:
            return None  # late events from a window we no longer watch
        if event.atom in (atoms.net_wm_name, Xatom.WM_NAME):
            return "title"
        if event.atom in (Xatom.WM_CLASS, atoms.net_wm_pid):
            return "active"  # who the window belongs to changed: read everything again
        return None

    def _refresh(self, *, active_changed: bool) -> None:
        reader = self._reader
        if reader is None:
            return
        try:
            window_id = reader.active_window_id() if active_changed else self._window
        except xerror.XError:
            window_id = None
        if active_changed:
            self._identity = None
            if window_id != self._window:
                self._watch(window_id)
        self._report(self._describe(window_id) if window_id is not None else None)

    def _watch(self, window_id: int | None) -> None:
        """Title events from the new active window only. Errors on a vanished window arrive
        asynchronously and end up in `_on_async_error`."""
        reader = self._reader
        assert reader is not None
        if self._window is not None:
            reader.window(self._window).change_attributes(event_mask=X.NoEventMask)
        if window_id is not None:
            reader.window(window_id).change_attributes(event_mask=X.PropertyChangeMask)
        reader.display.flush()
        self._window = window_id

    def _describe(self, window_id: int) -> Activity | None:
        reader = self._reader
        assert reader is not None
        try:
            if self._identity is None:
                wm_class = reader.wm_class(window_id)
                pid = reader.pid(window_id)
                process = self._identify(pid) if pid is not None else None
                self._identity = _WindowIdentity(pid, wm_class[1] if wm_class else None, process)
            title = reader.title(window_id)
        except xerror.XError:
            return None  # it vanished: the next _NET_ACTIVE_WINDOW event names its successor
        identity = self._identity
        process = identity.process
        exe = process.exe if process else None
        return Activity(
            kind=ActivityKind.APP,
            name=app_name(exe or (process.name if process else None), identity.wm_class),
            title=title,
            window_id=window_id,
            pid=identity.pid,
            wm_class=identity.wm_class,
            exe=exe,
        )

    def _on_async_error(self, error: Any, request: Any = None) -> None:
        # BadWindow from (de)selecting events on a window that just vanished is expected.
        if not isinstance(error, xerror.BadWindow):
            log.debug("X error on the tracker connection: %s", error)


class X11IdleMonitor:
    """Input idle time from MIT-SCREEN-SAVER; locked when the server's screen saver is on or a
    known locker shows its window or runs (see LOCKER_WINDOW_CLASSES, LOCKER_PROCESSES).
    The locker check walks the top-level windows and the process list, so it is cached for
    `lock_cache_s`."""

    def __init__(
        self,
        display: Display,
        *,
        lock_cache_s: float = 2.0,
        process_names: Callable[[], Iterable[str]] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._display = display
        self._reader = WindowReader(display)
        self._has_saver = display.has_extension("MIT-SCREEN-SAVER")
        self._lock_cache_s = lock_cache_s
        self._process_names = process_names or _process_names
        self._monotonic = monotonic
        self._locked_at: tuple[float, bool] | None = None

    def idle_seconds(self) -> float | None:
        if not self._has_saver:
            return None
        try:
            info = self._reader.root.screensaver_query_info()
        except xerror.XError:
            return None
        return float(info.idle) / 1000.0

    def screen_saver_on(self) -> bool:
        if not self._has_saver:
            return False
        try:
            return int(self._reader.root.screensaver_query_info().state) == _SCREENSAVER_ON
        except xerror.XError:
            return False

    def screen_locked(self) -> bool:
        if self.screen_saver_on():
            return True
        now = self._monotonic()
        if self._locked_at is not None and now - self._locked_at[0] < self._lock_cache_s:
            return self._locked_at[1]
        locked = self._locker_window_shown() or self._locker_running()
        self._locked_at = (now, locked)
        return locked

    def _locker_window_shown(self) -> bool:
        try:
            children = self._reader.root.query_tree().children
        except xerror.XError:
            return False
        for child in children:
            try:
                if not self._reader.viewable(child.id):
                    continue
                names = self._reader.wm_class(child.id)
            except xerror.XError:
                continue  # closed while we looked
            if names and {part.lower() for part in names} & LOCKER_WINDOW_CLASSES:
                return True
        return False

    def _locker_running(self) -> bool:
        wanted = {name[:_COMM_CHARS] for name in LOCKER_PROCESSES}
        return any(name.lower()[:_COMM_CHARS] in wanted for name in self._process_names())


def _process_names() -> Iterable[str]:
    """Names of the running processes, as the kernel keeps them (at most 15 characters).

    This runs at every tick, so on Linux it reads /proc/<pid>/comm directly: psutil builds an
    object per process and reads more files (and the command line of long names), which made
    this scan most of the app's CPU while nothing happens.
    """
    try:
        entries = os.scandir("/proc")
    except OSError:  # no procfs (the BSDs): psutil knows the platform's way
        for process in psutil.process_iter(["name"]):
            name = process.info.get("name")
            if name:
                yield name
        return
    with entries:
        for entry in entries:
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/comm", "rb") as comm:
                    yield comm.read().rstrip(b"\n").decode("utf-8", "replace")
            except OSError:  # it ended while we looked
                continue


class X11WindowControl:
    """Asks the window manager (EWMH / ICCCM client messages) to focus or minimize a window.
    The return value says the request went out for a window that exists; the window manager
    has the last word. Closing an app goes through `closer` (SIGTERM after a grace period)."""

    def __init__(self, display: Display, closer: AppCloser | None = None) -> None:
        self._display = display
        self._reader = WindowReader(display)
        self.closer = closer or AppCloser()

    def activate(self, window_id: int) -> bool:
        return self._send(
            window_id,
            self._reader.atoms.net_active_window,
            [_SOURCE_PAGER, X.CurrentTime, 0, 0, 0],
        )

    def minimize(self, window_id: int) -> bool:
        # ICCCM 4.1.4; the window manager then sets WM_STATE Iconic and _NET_WM_STATE_HIDDEN,
        # which only it may set (`is_minimized` reads them).
        return self._send(
            window_id, self._reader.atoms.wm_change_state, [_ICONIC_STATE, 0, 0, 0, 0]
        )

    def window_rect(self, window_id: int) -> tuple[int, int, int, int] | None:
        """Where a window is on the screen (x, y, width, height), or None if it is gone."""
        reader = self._reader
        try:
            window = reader.window(window_id)
            geometry = window.get_geometry()
            origin = window.translate_coords(reader.root, 0, 0)
        except xerror.XError:
            return None
        # translate_coords answers where the root's origin is in the window's coordinates.
        return (-origin.x, -origin.y, geometry.width, geometry.height)

    def is_minimized(self, window_id: int) -> bool:
        try:
            return self._reader.minimized(window_id)
        except xerror.XError:
            return False

    def close_app(self, pid: int, grace_s: float = 5.0) -> None:
        self.closer.close_app(pid, grace_s)

    def _send(self, window_id: int, message_type: int, data: list[int]) -> bool:
        reader = self._reader
        try:
            reader.window(window_id).get_attributes()  # BadWindow if it is gone
        except xerror.XError:
            return False
        message = xevent.ClientMessage(
            window=reader.window(window_id), client_type=message_type, data=(32, data)
        )
        reader.root.send_event(
            message,
            event_mask=X.SubstructureRedirectMask | X.SubstructureNotifyMask,
            propagate=False,
        )
        reader.display.flush()
        return True
