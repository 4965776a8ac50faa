"""Trusted time: elapsed seconds from the boot clock, the calendar from the wall clock.

`TimeBase.check()` compares how far each clock moved since the last check:

- wall moved but boottime did not (or not as much): someone set the clock -> a `ClockJump`;
- boottime moved more than monotonic: the machine was suspended -> a `Suspend`, not tampering.

After a jump the calendar follows the new wall clock (schedules and displayed times use it), but
durations never do: they are measured on boottime, so setting the clock neither shortens a session
nor creates time out of nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from focusapp.core.clock import Clock

# Below this, differences between clocks are scheduling noise and NTP slewing, not events.
JUMP_THRESHOLD_S = 2.0


@dataclass(frozen=True)
class ClockJump:
    at: datetime  # the new wall time
    delta_s: float  # positive: the clock was set forward


@dataclass(frozen=True)
class Suspend:
    at: datetime
    duration_s: float


ClockEvent = ClockJump | Suspend


class TimeBase:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._wall0 = clock.wall()
        self._boot0 = clock.boottime()
        self._last_boot = self._boot0
        self._last_mono = clock.monotonic()

    def boot(self) -> float:
        return self.clock.boottime()

    def now(self) -> datetime:
        """The wall time as far as the boot clock vouches for it since the last check."""
        return self._wall0 + timedelta(seconds=self.clock.boottime() - self._boot0)

    def wall_at_boot(self, boot: float) -> datetime:
        """The calendar time at which the boot clock reads (or read) `boot`."""
        return self._wall0 + timedelta(seconds=boot - self._boot0)

    def boot_at_wall(self, when: datetime) -> float:
        return self._boot0 + (when - self._wall0).total_seconds()

    def check(self) -> list[ClockEvent]:
        events: list[ClockEvent] = []
        boot, mono, wall = self.clock.boottime(), self.clock.monotonic(), self.clock.wall()
        slept = (boot - self._last_boot) - (mono - self._last_mono)
        if slept > JUMP_THRESHOLD_S:
            events.append(Suspend(at=wall, duration_s=slept))
        drift = (wall - self.now()).total_seconds()
        if abs(drift) > JUMP_THRESHOLD_S:
            events.append(ClockJump(at=wall, delta_s=drift))
            self._wall0, self._boot0 = wall, boot
        self._last_boot, self._last_mono = boot, mono
        return events
