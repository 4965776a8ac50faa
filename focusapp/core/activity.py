"""What the user is doing right now, as the platform adapters and the browser report it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ActivityKind(StrEnum):
    APP = "app"
    SITE = "site"


class Certainty(StrEnum):
    """How sure we are that the user is looking at it."""

    FOCUSED = "focused"  # the foreground window (X11, Windows, macOS) or the active tab
    RUNNING = "running"  # only known to be running (native Wayland apps): "running time"


@dataclass(frozen=True)
class Activity:
    """One thing in front of the user. `name` is the key limits and rules match on: the
    executable name or WM_CLASS of an app (lower case), or the registrable domain of a site."""

    kind: ActivityKind
    name: str
    title: str = ""
    certainty: Certainty = Certainty.FOCUSED
    # Where it came from, for enforcement: the window and process of an app.
    window_id: int | None = None
    pid: int | None = None
    wm_class: str | None = None
    exe: str | None = None

    def matches(self, patterns: tuple[str, ...] | list[str]) -> bool:
        """Case-insensitive: an app by executable or WM_CLASS, a site by domain or subdomain."""
        if self.kind is ActivityKind.SITE:
            host = self.name.lower()
            return any(host == p.lower() or host.endswith("." + p.lower()) for p in patterns)
        names = {n.lower() for n in (self.name, self.wm_class, self.exe) if n}
        return any(p.lower() in names for p in patterns)
