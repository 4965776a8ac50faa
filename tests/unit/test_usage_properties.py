"""Invariants of the usage ledger over generated days: it never counts more than the time that
passed awake, never counts idle or locked time, never goes negative, and clock jumps change
nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from focusapp.core.activity import Activity
from focusapp.core.usage import MemoryUsageStore
from tests.unit.usage_sim import EVER, Machine, app, site

THRESHOLD_S = 120.0
ACTIVITIES: list[Activity | None] = [None, app("editor"), app("discord"), site("x.com")]


@dataclass(frozen=True)
class Use:
    activity: int
    seconds: int
    typing: bool
    locked: bool


@dataclass(frozen=True)
class Sleep:
    seconds: int


@dataclass(frozen=True)
class Jump:
    seconds: int
    noticed: bool


steps = st.lists(
    st.one_of(
        st.builds(
            Use,
            st.integers(0, len(ACTIVITIES) - 1),
            # around the idle threshold too, where the edge cases are
            st.one_of(st.integers(1, 900), st.integers(115, 130)),
            st.booleans(),
            st.booleans(),
        ),
        st.builds(Sleep, st.one_of(st.integers(1, 110), st.integers(1, 8 * 3600))),
        st.builds(Jump, st.integers(-2 * 86400, 2 * 86400), st.booleans()),
    ),
    max_size=25,
)
starts = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2026, 12, 31), timezones=st.just(UTC)
)


@dataclass
class Truth:
    """What really happened, to judge the ledger against."""

    awake_s: float = 0.0  # awake time between observations with something in front, unlocked
    present_s: float = 0.0  # of that, the part outside the idle stretches the ledger was shown


class Simulation:
    def __init__(self, start: datetime) -> None:
        self.m = Machine.at(start, idle_threshold_s=THRESHOLD_S)
        self.inputs: list[float] = []
        self.idle_since: set[float] = set()  # input stopped here, seen past the threshold
        # (start boot, end boot, awake seconds, counts) between two observations
        self.stretches: list[tuple[float, float, float, bool]] = []
        self._last = (self.m.clock.boot, self.m.clock.mono, True)
        self.input()
        self.observe()

    def input(self) -> None:
        self.m.last_input = self.m.clock.boot
        self.inputs.append(self.m.clock.boot)

    def observe(self) -> None:
        m = self.m
        boot, mono, away = self._last
        counts = m.ledger.current is not None and not away
        self.stretches.append((boot, m.clock.boot, m.clock.mono - mono, counts))
        if m.idle_s() >= THRESHOLD_S:
            self.idle_since.add(m.last_input)
        m.observe()
        self._last = (m.clock.boot, m.clock.mono, m.locked)

    def idle(self, begin: float, end: float) -> bool:
        """Inside an idle stretch: input stopped at or before `begin` and only came back at
        `end` or later (input only ever happens at observations)."""
        return any(
            stop <= begin and not any(stop < t < end for t in self.inputs)
            for stop in self.idle_since
        )

    def truth(self) -> Truth:
        truth = Truth()
        for begin, end, awake, counts in self.stretches:
            if counts:
                truth.awake_s += awake
                if not self.idle(begin, end):
                    truth.present_s += awake
        return truth


def simulate(
    start: datetime, plan: list[Use | Sleep | Jump], *, jumps: bool = True
) -> tuple[Machine, Truth]:
    sim = Simulation(start)
    m = sim.m
    for step in plan:
        if isinstance(step, Use):
            m.locked = step.locked
            m.activity = ACTIVITIES[step.activity]
            sim.input()  # bringing something to the front is input
            sim.observe()
            left = float(step.seconds)
            while left > 0:
                dt = min(5.0, left)
                m.clock.advance(dt)
                left -= dt
                if step.typing:
                    sim.input()
                sim.observe()
        elif isinstance(step, Sleep):
            m.clock.suspend(step.seconds)
            sim.observe()
        elif jumps:
            m.clock.jump_wall(step.seconds)
            if step.noticed:
                m.time.check()
            sim.observe()
    m.activity = None
    sim.observe()
    return m, sim.truth()


@given(starts, steps)
@settings(max_examples=150, deadline=None)
def test_never_more_than_the_awake_time_and_never_negative(
    start: datetime, plan: list[Use | Sleep | Jump]
) -> None:
    m, truth = simulate(start, plan)
    buckets = m.ledger.buckets(*EVER)
    assert all(b.seconds >= 0 for b in buckets)
    assert all(0 <= b.minute < 1440 for b in buckets)
    assert m.total() <= truth.awake_s + 1e-6


@given(starts, steps)
@settings(max_examples=150, deadline=None)
def test_clock_jumps_change_no_total(start: datetime, plan: list[Use | Sleep | Jump]) -> None:
    with_jumps, _ = simulate(start, plan)
    without, _ = simulate(start, plan, jumps=False)
    assert with_jumps.total() == pytest.approx(without.total(), abs=1e-6)


@given(starts, steps)
@settings(max_examples=150, deadline=None)
def test_every_minute_holds_at_most_a_minute_without_jumps(
    start: datetime, plan: list[Use | Sleep | Jump]
) -> None:
    m, _ = simulate(start, plan, jumps=False)
    per_minute: dict[tuple[object, int], float] = {}
    for b in m.ledger.buckets(*EVER):
        per_minute[(b.day, b.minute)] = per_minute.get((b.day, b.minute), 0.0) + b.seconds
    assert all(v <= 60 + 1e-6 for v in per_minute.values())


@given(starts, steps)
@settings(max_examples=150, deadline=None)
def test_idle_and_locked_time_is_never_counted(
    start: datetime, plan: list[Use | Sleep | Jump]
) -> None:
    m, truth = simulate(start, plan, jumps=False)
    assert m.total() <= truth.present_s + 1e-6


def test_the_store_and_the_ledger_agree() -> None:
    m, _ = simulate(datetime(2026, 5, 5, 3, 0, tzinfo=UTC), [Use(1, 3600, True, False)])
    m.ledger.flush()
    assert isinstance(m.store, MemoryUsageStore)
    assert sum(m.store.buckets.values()) == pytest.approx(m.total())
    assert m.total() == pytest.approx(3600)
