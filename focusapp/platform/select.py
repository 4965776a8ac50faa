"""Picks the adapters for the system Focusapp runs on, and says in plain words what they see.

`choose_backend` only reads the OS name and the environment, so the choice is testable
anywhere; `create_platform` then builds the adapters, importing each OS module only on its OS,
and degrades to "unsupported" (a tracker that never reports, with a note saying why) instead of
failing when the OS refuses.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from focusapp.core.phrases import phrase
from focusapp.platform.base import (
    NullControl,
    NullIdle,
    NullTracker,
    PlatformAdapters,
)
from focusapp.platform.closing import AppCloser

UNSUPPORTED_NOTE = phrase(
    "Platform",
    "Focusapp cannot see which app you are using on this system ({reason}). Focus sessions "
    "work; app limits cannot.",
)


@dataclass(frozen=True)
class BackendChoice:
    backend: str  # "x11", "xwayland", "wayland", "windows", "macos", "unsupported"
    display: str | None = None  # the X display, for x11 and xwayland
    reason: str = ""  # for "unsupported"


def choose_backend(
    system: str, environ: Mapping[str, str], display: str | None = None
) -> BackendChoice:
    if system == "win32" or system.startswith("cygwin"):
        return BackendChoice("windows")
    if system == "darwin":
        return BackendChoice("macos")
    session = environ.get("XDG_SESSION_TYPE", "").strip().lower()
    # XDG_SESSION_TYPE wins when set; WAYLAND_DISPLAY alone may be a nested compositor's.
    wayland = session == "wayland" or (session != "x11" and bool(environ.get("WAYLAND_DISPLAY")))
    x_display = display or environ.get("DISPLAY") or None
    if wayland:
        return BackendChoice("xwayland", x_display) if x_display else BackendChoice("wayland")
    if x_display:
        return BackendChoice("x11", x_display)
    return BackendChoice("unsupported", reason="neither DISPLAY nor WAYLAND_DISPLAY is set")


def create_platform(
    display: str | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    system: str | None = None,
) -> PlatformAdapters:
    """The adapters for this system (the tracker is not started yet)."""
    choice = choose_backend(
        sys.platform if system is None else system,
        os.environ if environ is None else environ,
        display,
    )
    builders: dict[str, Callable[[BackendChoice], PlatformAdapters]] = {
        "x11": _x11,
        "xwayland": _xwayland,
        "wayland": _wayland,
        "windows": _windows,
        "macos": _macos,
    }
    builder = builders.get(choice.backend)
    if builder is None:
        return unsupported(choice.reason)
    try:
        return builder(choice)
    except Exception as exc:  # any OS refusal (no X server, no pyobjc, no user32) degrades
        if choice.backend == "xwayland":
            return _wayland(choice, xwayland_failed=str(exc))
        return unsupported(f"the {choice.backend} backend failed to start: {exc}")


def unsupported(reason: str) -> PlatformAdapters:
    note = UNSUPPORTED_NOTE(reason=reason)
    return PlatformAdapters(
        backend="unsupported",
        tracker=NullTracker(note),
        idle=NullIdle(),
        control=NullControl(_posix_closer()),
        note=note,
    )


def _posix_closer() -> Callable[[int, float], None] | None:
    return AppCloser().close_app if os.name == "posix" else None


def _x11(choice: BackendChoice) -> PlatformAdapters:
    from focusapp.platform import x11

    requests = x11.open_display(choice.display)  # for idle and control; the tracker has its own
    tracker = x11.X11ForegroundTracker(choice.display)
    return PlatformAdapters(
        backend="x11",
        tracker=tracker,
        idle=x11.X11IdleMonitor(requests),
        control=x11.X11WindowControl(requests),
        note=tracker.capability_note,
        _closers=[requests.close],
    )


def _xwayland(choice: BackendChoice) -> PlatformAdapters:
    from focusapp.platform import wayland, x11

    requests = x11.open_display(choice.display)
    tracker = wayland.FallbackTracker(
        x11.X11ForegroundTracker(choice.display, note=x11.XWAYLAND_NOTE),
        wayland.ProcessPresenceTracker(),
        note=x11.XWAYLAND_NOTE,
    )
    return PlatformAdapters(
        backend="xwayland",
        tracker=tracker,
        # XWayland's idle counter sees only input to X windows: typing in a native Wayland app
        # would look idle and hide real usage, so idle time counts as unknown here.
        idle=NullIdle(),
        control=x11.X11WindowControl(requests),
        note=x11.XWAYLAND_NOTE,
        _closers=[requests.close],
    )


def _wayland(choice: BackendChoice, xwayland_failed: str | None = None) -> PlatformAdapters:
    from focusapp.platform import wayland

    tracker = wayland.ProcessPresenceTracker()
    note = wayland.WAYLAND_NOTE
    if xwayland_failed is not None:
        note = phrase("Platform", "{note} (XWayland at {display} failed: {error})")(
            note=note, display=str(choice.display), error=xwayland_failed
        )
    tracker.capability_note = note
    return PlatformAdapters(
        backend="wayland",
        tracker=tracker,
        idle=NullIdle(),
        control=NullControl(_posix_closer()),
        note=note,
    )


def _windows(choice: BackendChoice) -> PlatformAdapters:
    from focusapp.platform import windows

    api = windows.real_win32_api()
    tracker = windows.WindowsForegroundTracker(api)
    return PlatformAdapters(
        backend="windows",
        tracker=tracker,
        idle=windows.WindowsIdleMonitor(api),
        control=windows.WindowsWindowControl(api),
        note=tracker.capability_note,
    )


def _macos(choice: BackendChoice) -> PlatformAdapters:
    from focusapp.platform import macos

    api = macos.real_macos_api()
    tracker = macos.MacForegroundTracker(api)
    return PlatformAdapters(
        backend="macos",
        tracker=tracker,
        idle=macos.MacIdleMonitor(api),
        control=macos.MacWindowControl(api),
        note=tracker.capability_note,
    )
