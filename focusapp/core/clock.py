"""Time for the core: three clocks behind one interface, and a scheduler to wake the core up.

The core never reads the system time itself. It asks a `Clock` for:

- `wall()`: the calendar time (UTC, aware). It is what users see and what schedules follow, but it
  can be set by anyone, so it proves nothing about how much time really passed.
- `boottime()`: seconds since boot, including suspend (Linux `CLOCK_BOOTTIME`). Cannot be set.
- `monotonic()`: seconds since boot, excluding suspend (Linux `CLOCK_MONOTONIC`). Cannot be set.

Elapsed time is measured on `boottime`; comparing the three tells a wall-clock jump (wall moved,
boottime did not) from a suspend (boottime moved, monotonic did not).
"""

from __future__ import annotations

import heapq
import itertools
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    def wall(self) -> datetime: ...
    def boottime(self) -> float: ...
    def monotonic(self) -> float: ...
    def local_tz(self) -> tzinfo: ...
    def boot_id(self) -> str: ...


class Cancel(Protocol):
    def __call__(self) -> None: ...


class Scheduler(Protocol):
    """Runs a callback once after a delay measured in real (boottime) seconds."""

    def call_later(self, delay_s: float, callback: Callable[[], None]) -> Cancel: ...


def _named_local_zone() -> tzinfo | None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    candidates = []
    tz_env = os.environ.get("TZ", "").lstrip(":")
    if tz_env:
        candidates.append(tz_env)
    target = os.path.realpath("/etc/localtime")
    if "zoneinfo/" in target:
        candidates.append(target.split("zoneinfo/", 1)[1])
    for key in candidates:
        try:
            return ZoneInfo(key)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            continue
    return None


def _read_boot_id() -> str:
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as f:
            return f.read().strip()
    except OSError:
        # Without a boot id a restart of the machine cannot be told from a restart of the app;
        # the estimate of boot start from wall - boottime is good to a few seconds.
        boot_start = time.time() - time.monotonic()
        return f"estimated-{int(boot_start // 60)}"


class SystemClock:
    """The real clocks of this machine."""

    def __init__(self) -> None:
        self._boot_id: str | None = None

    def wall(self) -> datetime:
        return datetime.now(UTC)

    def boottime(self) -> float:
        if sys.platform.startswith("linux"):
            return time.clock_gettime(time.CLOCK_BOOTTIME)
        # macOS: CLOCK_MONOTONIC_RAW excludes sleep; time.monotonic() on macOS is mach_absolute_time
        # which also excludes sleep. Windows: time.monotonic() (QueryPerformanceCounter) includes
        # sleep. Elsewhere boottime and monotonic are the same clock and suspend looks like neither.
        return time.monotonic()

    def monotonic(self) -> float:
        return time.monotonic()

    def local_tz(self) -> tzinfo:
        # A named zone knows its DST rules; a fixed offset from astimezone() would put moments
        # on the other side of a DST change an hour off.
        named = _named_local_zone()
        if named is not None:
            return named
        tz = datetime.now().astimezone().tzinfo
        assert tz is not None
        return tz

    def boot_id(self) -> str:
        if self._boot_id is None:
            self._boot_id = _read_boot_id()
        return self._boot_id


@dataclass
class ManualClock:
    """A clock the caller moves by hand: for tests and for simulating whole days.

    `advance` is ordinary time passing, `suspend` is the machine asleep, `set_wall` is someone
    changing the system clock, `reboot` is a new boot.
    """

    now: datetime = field(default_factory=lambda: datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    boot: float = 1000.0
    mono: float = 1000.0
    tz: tzinfo = UTC
    boot_number: int = 1

    def wall(self) -> datetime:
        return self.now

    def boottime(self) -> float:
        return self.boot

    def monotonic(self) -> float:
        return self.mono

    def local_tz(self) -> tzinfo:
        return self.tz

    def boot_id(self) -> str:
        return f"boot-{self.boot_number}"

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
        self.boot += seconds
        self.mono += seconds

    def suspend(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
        self.boot += seconds

    def set_wall(self, when: datetime) -> None:
        self.now = when

    def jump_wall(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

    def reboot(self, off_for_s: float = 0.0) -> None:
        self.now += timedelta(seconds=off_for_s)
        self.boot = 5.0
        self.mono = 5.0
        self.boot_number += 1


@dataclass(order=True)
class _Timer:
    due: float
    seq: int
    callback: Callable[[], None] = field(compare=False)
    cancelled: bool = field(default=False, compare=False)


class ManualScheduler:
    """A scheduler driven by a `ManualClock`: `run_for` moves time and fires what falls due."""

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self._timers: list[_Timer] = []
        self._seq = itertools.count()

    def call_later(self, delay_s: float, callback: Callable[[], None]) -> Cancel:
        timer = _Timer(self.clock.boot + max(0.0, delay_s), next(self._seq), callback)
        heapq.heappush(self._timers, timer)

        def cancel() -> None:
            timer.cancelled = True

        return cancel

    def pending(self) -> int:
        return sum(1 for t in self._timers if not t.cancelled)

    def fire_due(self) -> None:
        while self._timers and self._timers[0].due <= self.clock.boot:
            timer = heapq.heappop(self._timers)
            if not timer.cancelled:
                timer.callback()

    def run_for(self, seconds: float, *, step_s: float | None = None) -> None:
        """Advance the clock by `seconds`, firing every timer at its due time along the way."""
        end = self.clock.boot + seconds
        while True:
            live = [t for t in self._timers if not t.cancelled]
            next_due = min((t.due for t in live), default=None)
            target = end if next_due is None or next_due > end else next_due
            if step_s is not None:
                target = min(target, self.clock.boot + step_s)
            if target > self.clock.boot:
                self.clock.advance(target - self.clock.boot)
            self.fire_due()
            if self.clock.boot >= end:
                break
