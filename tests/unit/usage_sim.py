"""A simulated machine for the usage ledger tests: a manual clock, trusted time, a ledger, and a
user who works, stops touching the keyboard, locks the screen or closes the lid."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, tzinfo

from focusapp.core.activity import Activity, ActivityKind, Certainty
from focusapp.core.clock import ManualClock
from focusapp.core.timebase import TimeBase
from focusapp.core.usage import MemoryUsageStore, UsageLedger, UsageStore

TICK_S = 5.0
EVER = (date(2000, 1, 1), date(2100, 1, 1))


def app(name: str, certainty: Certainty = Certainty.FOCUSED) -> Activity:
    return Activity(ActivityKind.APP, name, certainty=certainty)


def site(name: str) -> Activity:
    return Activity(ActivityKind.SITE, name)


@dataclass
class Machine:
    clock: ManualClock
    time: TimeBase
    store: UsageStore
    ledger: UsageLedger
    last_input: float = 0.0
    activity: Activity | None = None
    locked: bool = False
    observations: int = field(default=0)

    @classmethod
    def at(
        cls,
        when: datetime = datetime(2026, 3, 2, 8, 0, tzinfo=UTC),
        *,
        tz: tzinfo = UTC,
        store: UsageStore | None = None,
        day_start: time = time(4, 0),
        idle_threshold_s: float = 120.0,
    ) -> Machine:
        clock = ManualClock(now=when, tz=tz)
        tb = TimeBase(clock)
        store = MemoryUsageStore() if store is None else store
        ledger = UsageLedger(tb, store, day_start=day_start, idle_threshold_s=idle_threshold_s)
        return cls(clock, tb, store, ledger, last_input=clock.boot)

    def idle_s(self) -> float:
        return self.clock.boot - self.last_input

    def observe(self) -> None:
        self.observations += 1
        self.ledger.observe(self.activity, self.idle_s(), self.locked)

    def switch(self, activity: Activity | None) -> None:
        """The user brings something to the front (with a click or a key: that is input)."""
        self.last_input = self.clock.boot
        self.activity = activity
        self.observe()

    def use(self, seconds: float, *, typing: bool = True, tick_s: float = TICK_S) -> None:
        """Time passes with the periodic tick; `typing` says whether the user touches anything."""
        left = seconds
        while left > 1e-9:
            step = min(tick_s, left)
            self.clock.advance(step)
            left -= step
            if typing:
                self.last_input = self.clock.boot
            self.observe()

    def total(self) -> float:
        return sum(b.seconds for b in self.ledger.buckets(*EVER))
