"""Windows: the foreground window, idle time and window control through user32 and kernel32.

Every OS call goes through a `Win32Api` table of plain functions. `real_win32_api()` fills it
with ctypes (and is only ever called on Windows); tests fill it with fakes, so the logic here
runs on any OS.

The tracker is woken by WinEvent hooks (foreground changed, title of a window changed),
which Windows delivers through the message loop Qt already runs; a slow safety poll catches
what hooks miss (the secure desktop, elevated windows).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psutil
from PySide6.QtCore import QObject, QTimer

from focusapp.core.activity import Activity, ActivityKind
from focusapp.platform.base import DEFAULT_DEBOUNCE_MS, ForegroundTracker, app_name
from focusapp.platform.closing import AppCloser

WINDOWS_NOTE = "Sees the foreground window of every app: its program and title."
# The lock screen runs as this process while the workstation is locked.
LOCK_APP = "lockapp"

_TICK_MASK = 0xFFFFFFFF  # GetTickCount and LASTINPUTINFO.dwTime are 32-bit milliseconds
_SW_MINIMIZE = 6
_SW_RESTORE = 9


@dataclass
class Win32Api:
    """The Windows calls Focusapp makes, as plain functions (window handles are ints, 0 is
    none). Each one mirrors one documented API; see `real_win32_api`."""

    foreground_window: Callable[[], int]  # GetForegroundWindow
    window_pid: Callable[[int], int]  # GetWindowThreadProcessId; 0 when the window is gone
    window_title: Callable[[int], str]  # GetWindowTextLengthW + GetWindowTextW
    window_class: Callable[[int], str]  # GetClassNameW
    process_image: Callable[[int], str | None]  # OpenProcess + QueryFullProcessImageNameW
    tick_count: Callable[[], int]  # GetTickCount (32-bit, wraps after 49.7 days)
    last_input_tick: Callable[[], int | None]  # GetLastInputInfo().dwTime
    input_desktop_open: Callable[[], bool]  # OpenInputDesktop fails while locked
    is_window: Callable[[int], bool]  # IsWindow
    is_iconic: Callable[[int], bool]  # IsIconic
    show_window: Callable[[int, int], bool]  # ShowWindow
    set_foreground_window: Callable[[int], bool]  # SetForegroundWindow
    close_windows_of: Callable[[int], int]  # EnumWindows + PostMessageW(WM_CLOSE); count
    # SetWinEventHook(EVENT_SYSTEM_FOREGROUND, EVENT_OBJECT_NAMECHANGE); returns the unhook
    watch: Callable[[Callable[[], None]], Callable[[], None]]


class WindowsForegroundTracker(ForegroundTracker):
    def __init__(
        self,
        api: Win32Api,
        *,
        safety_poll_ms: int = 2000,
        debounce_ms: int = DEFAULT_DEBOUNCE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(debounce_ms=debounce_ms, parent=parent)
        self.capability_note = WINDOWS_NOTE
        self._api = api
        self._unhook: Callable[[], None] | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(safety_poll_ms)
        self._poll.timeout.connect(self.refresh)
        # The executable of the last (hwnd, pid): titles change far more often than windows.
        self._identity: tuple[int, int, str | None, str] | None = None

    def start(self) -> None:
        if self._unhook is None:
            self._unhook = self._api.watch(self.refresh)
        self._poll.start()
        self.refresh()

    def stop(self) -> None:
        super().stop()
        self._poll.stop()
        if self._unhook is not None:
            self._unhook()
            self._unhook = None

    def refresh(self) -> None:
        """Reads the foreground window now (hooks and the safety poll call this)."""
        self._report(self._read())

    def _read(self) -> Activity | None:
        api = self._api
        hwnd = api.foreground_window()
        if not hwnd:
            return None  # between two windows, or the secure desktop
        pid = api.window_pid(hwnd)
        if not pid:
            return None  # closed since GetForegroundWindow
        if self._identity is None or self._identity[:2] != (hwnd, pid):
            self._identity = (hwnd, pid, api.process_image(pid), api.window_class(hwnd))
        _, _, exe, window_class = self._identity
        return Activity(
            kind=ActivityKind.APP,
            name=app_name(exe, window_class or None, windows=True),
            title=api.window_title(hwnd),
            window_id=hwnd,
            pid=pid,
            wm_class=window_class or None,
            exe=exe,
        )


class WindowsIdleMonitor:
    def __init__(self, api: Win32Api) -> None:
        self._api = api

    def idle_seconds(self) -> float | None:
        last = self._api.last_input_tick()
        if last is None:
            return None
        # Both counters wrap at 2**32 ms; the difference modulo 2**32 stays right across a wrap.
        return ((self._api.tick_count() - last) & _TICK_MASK) / 1000.0

    def screen_locked(self) -> bool:
        if not self._api.input_desktop_open():
            return True
        hwnd = self._api.foreground_window()
        pid = self._api.window_pid(hwnd) if hwnd else 0
        exe = self._api.process_image(pid) if pid else None
        return exe is not None and app_name(exe, None, windows=True) == LOCK_APP


class WindowsWindowControl:
    """SetForegroundWindow / ShowWindow. Closing posts WM_CLOSE to the app's windows (what the
    close button does) after the grace period; Windows has no SIGTERM, and TerminateProcess
    would be a kill."""

    def __init__(self, api: Win32Api, closer: AppCloser | None = None) -> None:
        self._api = api
        self.closer = closer or AppCloser(self._post_close)

    def activate(self, window_id: int) -> bool:
        if not self._api.is_window(window_id):
            return False
        if self._api.is_iconic(window_id):
            self._api.show_window(window_id, _SW_RESTORE)
        return self._api.set_foreground_window(window_id)

    def minimize(self, window_id: int) -> bool:
        if not self._api.is_window(window_id):
            return False
        self._api.show_window(window_id, _SW_MINIMIZE)
        return self._api.is_iconic(window_id)

    def close_app(self, pid: int, grace_s: float = 5.0) -> None:
        self.closer.close_app(pid, grace_s)

    def _post_close(self, process: psutil.Process) -> None:
        if not process.is_running():
            raise psutil.NoSuchProcess(process.pid)
        if self._api.close_windows_of(process.pid) == 0:
            raise OSError(f"process {process.pid} has no window to close")


def real_win32_api() -> Win32Api:  # pragma: no cover - runs only on Windows
    """The table on top of ctypes. Raises on other systems (there is no `ctypes.WinDLL`)."""
    import ctypes
    from ctypes import wintypes

    user32: Any = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32: Any = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]

    process_query_limited_information = 0x1000
    desktop_switchdesktop = 0x0100
    wm_close = 0x0010
    event_system_foreground = 0x0003
    event_object_namechange = 0x800C
    objid_window = 0
    out_of_context = 0x0000  # WINEVENT_OUTOFCONTEXT: delivered through our message loop

    class LastInputInfo(ctypes.Structure):
        _fields_ = [("cbSize", wintypes.UINT), ("dwTime", wintypes.DWORD)]

    wnd_enum_proc = ctypes.WINFUNCTYPE(  # type: ignore[attr-defined]
        wintypes.BOOL, wintypes.HWND, wintypes.LPARAM
    )
    win_event_proc = ctypes.WINFUNCTYPE(  # type: ignore[attr-defined]
        None,
        wintypes.HANDLE,
        wintypes.DWORD,
        wintypes.HWND,
        wintypes.LONG,
        wintypes.LONG,
        wintypes.DWORD,
        wintypes.DWORD,
    )

    user32.GetForegroundWindow.argtypes = []
    user32.GetForegroundWindow.restype = wintypes.HWND
    user32.GetWindowThreadProcessId.argtypes = [wintypes.HWND, ctypes.POINTER(wintypes.DWORD)]
    user32.GetWindowThreadProcessId.restype = wintypes.DWORD
    user32.GetWindowTextLengthW.argtypes = [wintypes.HWND]
    user32.GetWindowTextLengthW.restype = ctypes.c_int
    user32.GetWindowTextW.argtypes = [wintypes.HWND, wintypes.LPWSTR, ctypes.c_int]
    user32.GetWindowTextW.restype = ctypes.c_int
    user32.GetClassNameW.argtypes = [wintypes.HWND, wintypes.LPWSTR, ctypes.c_int]
    user32.GetClassNameW.restype = ctypes.c_int
    user32.GetLastInputInfo.argtypes = [ctypes.POINTER(LastInputInfo)]
    user32.GetLastInputInfo.restype = wintypes.BOOL
    user32.OpenInputDesktop.argtypes = [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]
    user32.OpenInputDesktop.restype = wintypes.HANDLE
    user32.CloseDesktop.argtypes = [wintypes.HANDLE]
    user32.CloseDesktop.restype = wintypes.BOOL
    user32.IsWindow.argtypes = [wintypes.HWND]
    user32.IsWindow.restype = wintypes.BOOL
    user32.IsWindowVisible.argtypes = [wintypes.HWND]
    user32.IsWindowVisible.restype = wintypes.BOOL
    user32.IsIconic.argtypes = [wintypes.HWND]
    user32.IsIconic.restype = wintypes.BOOL
    user32.ShowWindow.argtypes = [wintypes.HWND, ctypes.c_int]
    user32.ShowWindow.restype = wintypes.BOOL
    user32.SetForegroundWindow.argtypes = [wintypes.HWND]
    user32.SetForegroundWindow.restype = wintypes.BOOL
    user32.EnumWindows.argtypes = [wnd_enum_proc, wintypes.LPARAM]
    user32.EnumWindows.restype = wintypes.BOOL
    user32.PostMessageW.argtypes = [
        wintypes.HWND,
        wintypes.UINT,
        wintypes.WPARAM,
        wintypes.LPARAM,
    ]
    user32.PostMessageW.restype = wintypes.BOOL
    user32.SetWinEventHook.argtypes = [
        wintypes.DWORD,
        wintypes.DWORD,
        wintypes.HMODULE,
        win_event_proc,
        wintypes.DWORD,
        wintypes.DWORD,
        wintypes.DWORD,
    ]
    user32.SetWinEventHook.restype = wintypes.HANDLE
    user32.UnhookWinEvent.argtypes = [wintypes.HANDLE]
    user32.UnhookWinEvent.restype = wintypes.BOOL
    kernel32.GetTickCount.argtypes = []
    kernel32.GetTickCount.restype = wintypes.DWORD
    kernel32.OpenProcess.argtypes = [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.QueryFullProcessImageNameW.argtypes = [
        wintypes.HANDLE,
        wintypes.DWORD,
        wintypes.LPWSTR,
        ctypes.POINTER(wintypes.DWORD),
    ]
    kernel32.QueryFullProcessImageNameW.restype = wintypes.BOOL
    kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
    kernel32.CloseHandle.restype = wintypes.BOOL

    def foreground_window() -> int:
        return int(user32.GetForegroundWindow() or 0)

    def window_pid(hwnd: int) -> int:
        pid = wintypes.DWORD(0)
        if not user32.GetWindowThreadProcessId(hwnd, ctypes.byref(pid)):
            return 0
        return int(pid.value)

    def window_title(hwnd: int) -> str:
        length = user32.GetWindowTextLengthW(hwnd)
        if length <= 0:
            return ""
        buffer = ctypes.create_unicode_buffer(length + 1)
        user32.GetWindowTextW(hwnd, buffer, length + 1)
        return buffer.value

    def window_class(hwnd: int) -> str:
        buffer = ctypes.create_unicode_buffer(256)  # class names are at most 256 characters
        if not user32.GetClassNameW(hwnd, buffer, 256):
            return ""
        return buffer.value

    def process_image(pid: int) -> str | None:
        handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
        if not handle:
            return None
        try:
            size = wintypes.DWORD(32768)
            buffer = ctypes.create_unicode_buffer(size.value)
            if not kernel32.QueryFullProcessImageNameW(handle, 0, buffer, ctypes.byref(size)):
                return None
            return buffer.value
        finally:
            kernel32.CloseHandle(handle)

    def tick_count() -> int:
        return int(kernel32.GetTickCount())

    def last_input_tick() -> int | None:
        info = LastInputInfo()
        info.cbSize = ctypes.sizeof(LastInputInfo)
        if not user32.GetLastInputInfo(ctypes.byref(info)):
            return None
        return int(info.dwTime)

    def input_desktop_open() -> bool:
        desktop = user32.OpenInputDesktop(0, False, desktop_switchdesktop)
        if not desktop:
            return False
        user32.CloseDesktop(desktop)
        return True

    def close_windows_of(pid: int) -> int:
        posted = 0

        def visit(hwnd: int, _lparam: int) -> bool:
            nonlocal posted
            if user32.IsWindowVisible(hwnd) and window_pid(hwnd) == pid:
                posted += bool(user32.PostMessageW(hwnd, wm_close, 0, 0))
            return True

        user32.EnumWindows(wnd_enum_proc(visit), 0)
        return posted

    def watch(callback: Callable[[], None]) -> Callable[[], None]:
        def on_event(_hook: int, event: int, hwnd: int, id_object: int, *_rest: int) -> None:
            # Name changes fire for every object of every app: only the foreground's title.
            if event == event_system_foreground or (
                id_object == objid_window and hwnd and hwnd == foreground_window()
            ):
                callback()

        # The C callback must outlive the hooks, or Windows calls freed memory.
        keep_alive = [win_event_proc(on_event)]
        # Our own windows (the intervention overlay) are reported too: the caller decides.
        hooks = [
            user32.SetWinEventHook(event, event, None, keep_alive[0], 0, 0, out_of_context)
            for event in (event_system_foreground, event_object_namechange)
        ]

        def unhook() -> None:
            for hook in hooks:
                if hook:
                    user32.UnhookWinEvent(hook)
            keep_alive.clear()

        return unhook

    return Win32Api(
        foreground_window=foreground_window,
        window_pid=window_pid,
        window_title=window_title,
        window_class=window_class,
        process_image=process_image,
        tick_count=tick_count,
        last_input_tick=last_input_tick,
        input_desktop_open=input_desktop_open,
        is_window=lambda hwnd: bool(user32.IsWindow(hwnd)),
        is_iconic=lambda hwnd: bool(user32.IsIconic(hwnd)),
        show_window=lambda hwnd, command: bool(user32.ShowWindow(hwnd, command)),
        set_foreground_window=lambda hwnd: bool(user32.SetForegroundWindow(hwnd)),
        close_windows_of=close_windows_of,
        watch=watch,
    )
