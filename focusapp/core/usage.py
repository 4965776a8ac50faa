"""The usage ledger: seconds per app and site per local day, in per-minute buckets, idle excluded.

The app calls `UsageLedger.observe` at every switch (and on a periodic tick) with what is in front
of the user now; the ledger credits the time since the previous observation to the previous
activity. How much time passed is measured on the monotonic clock, which neither a clock change
(someone set the wall clock) nor a suspend (the machine slept) moves, so neither creates usage out
of nothing. Where the seconds land in the calendar follows the trusted wall time of `TimeBase`.

Days are local days that start at a configurable hour (04:00 by default: a late night counts to
the evening before). A bucket is a wall-clock minute since that start, so `minute // 60` is always
the same clock hour for the insights, even on a 23- or 25-hour day (where the repeated hour of the
autumn change shares its buckets).

Idle: when input stopped longer ago than the threshold, the whole stretch since the last input is
not usage, including seconds already credited while it still looked like reading; those are taken
back. Pending seconds go to the store at every switch and at least every `FLUSH_EVERY_S`, so a
crash loses seconds, not the day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Protocol

from focusapp.core.activity import Activity, ActivityKind, Certainty
from focusapp.core.settings import Limit
from focusapp.core.timebase import TimeBase

DEFAULT_DAY_START = time(4, 0)
DEFAULT_IDLE_THRESHOLD_S = 120.0
FLUSH_EVERY_S = 10.0
# Keep what was credited this long past the idle threshold, so an idle stretch can be taken back.
_SEGMENT_SLACK_S = 60.0
_CACHED_DAYS = 4
_EPSILON = 1e-9


@dataclass(frozen=True)
class Subject:
    """What seconds are counted for: an app or a site, and how sure we are it was in front."""

    kind: ActivityKind
    name: str
    certainty: Certainty = Certainty.FOCUSED

    @classmethod
    def of(cls, activity: Activity) -> Subject:
        return cls(activity.kind, activity.name, activity.certainty)


@dataclass(frozen=True)
class UsageBucket:
    """Seconds of one subject in one minute of a local day (`minute` counts from the day start)."""

    day: date
    minute: int
    subject: Subject
    seconds: float


@dataclass(frozen=True)
class HourUsage:
    """Seconds of one subject in one hour of a local day; `hour` counts from the day start, so
    with the day starting at 04:00 hour 0 is 04:00-05:00 on the clock."""

    day: date
    hour: int
    subject: Subject
    seconds: float


@dataclass(frozen=True)
class UsageTotal:
    subject: Subject
    seconds: float


class UsageStore(Protocol):
    """Where the ledger keeps its buckets. Adding is an upsert that adds seconds; negative seconds
    take back what was added before, never below zero."""

    def add_usage(self, buckets: Sequence[UsageBucket]) -> bool:
        """False when nothing was stored (the ledger keeps the seconds and tries again)."""
        ...

    def usage_totals(self, day: date) -> list[UsageTotal]: ...

    def usage_buckets(self, first: date, last: date) -> list[UsageBucket]:
        """Buckets of the days from `first` to `last`, both included."""
        ...


class MemoryUsageStore:
    """An in-memory `UsageStore` for tests and simulations; `failing` makes writes fail."""

    def __init__(self) -> None:
        self.buckets: dict[tuple[date, int, Subject], float] = {}
        self.failing = False
        self.writes = 0

    def add_usage(self, buckets: Sequence[UsageBucket]) -> bool:
        if self.failing:
            return False
        self.writes += 1
        for b in buckets:
            key = (b.day, b.minute, b.subject)
            total = max(0.0, self.buckets.get(key, 0.0) + b.seconds)
            if total > _EPSILON:
                self.buckets[key] = total
            else:
                self.buckets.pop(key, None)
        return True

    def usage_totals(self, day: date) -> list[UsageTotal]:
        sums: dict[Subject, float] = {}
        for (d, _minute, subject), seconds in self.buckets.items():
            if d == day:
                sums[subject] = sums.get(subject, 0.0) + seconds
        return [UsageTotal(s, v) for s, v in sums.items()]

    def usage_buckets(self, first: date, last: date) -> list[UsageBucket]:
        return [
            UsageBucket(d, m, s, v)
            for (d, m, s), v in sorted(self.buckets.items(), key=lambda kv: (kv[0][0], kv[0][1]))
            if first <= d <= last
        ]


@dataclass(frozen=True)
class DayUsage:
    """One local day: seconds per app and per site in front of the user, and running-only time
    (apps the platform could only see running, such as native Wayland apps)."""

    day: date
    apps: dict[str, float] = field(default_factory=dict)
    sites: dict[str, float] = field(default_factory=dict)
    running_apps: dict[str, float] = field(default_factory=dict)

    @property
    def focused_s(self) -> float:
        return sum(self.apps.values()) + sum(self.sites.values())


@dataclass
class _Observation:
    activity: Activity | None
    boot: float
    mono: float
    away: bool


@dataclass
class _Segment:
    """A piece of credited time in boot-clock coordinates, kept briefly so idle can take it back."""

    start_boot: float
    end_boot: float
    key: tuple[date, int, Subject]


def _switch_key(activity: Activity | None, away: bool) -> tuple[object, ...]:
    if activity is None:
        return (None, away)
    return (activity.kind, activity.name, activity.certainty, away)


class UsageLedger:
    """Turns observations of what is in front of the user into seconds per minute bucket.

    It never calls `TimeBase.check()` (the session engine does, and consumes the events): elapsed
    time comes from the monotonic clock, which needs no check to be right.
    """

    def __init__(
        self,
        time: TimeBase,
        store: UsageStore,
        day_start: time = DEFAULT_DAY_START,
        idle_threshold_s: float = DEFAULT_IDLE_THRESHOLD_S,
    ) -> None:
        self.time = time
        self.store = store
        self._day_start = day_start
        self.idle_threshold_s = idle_threshold_s
        self._last: _Observation | None = None
        self._pending: dict[tuple[date, int, Subject], float] = {}
        self._segments: list[_Segment] = []
        self._flushed: dict[date, dict[Subject, float]] = {}
        self._last_flush_boot = time.boot()
        self._reported: dict[Subject, float] = {}

    # -- configuration ------------------------------------------------------------------------

    @property
    def day_start(self) -> time:
        return self._day_start

    def configure(
        self, *, day_start: time | None = None, idle_threshold_s: float | None = None
    ) -> None:
        """New settings; time observed so far is credited under the old ones first."""
        self._credit_until_now(idle_s=None)
        self.flush()
        if day_start is not None and day_start != self._day_start:
            self._day_start = day_start
            self._flushed.clear()
            self._segments.clear()
        if idle_threshold_s is not None:
            self.idle_threshold_s = idle_threshold_s

    # -- the calendar -------------------------------------------------------------------------

    def _place(self, moment: datetime) -> tuple[date, int, float]:
        """The local day, the minute since its start and the seconds into that minute."""
        local = moment.astimezone(self.time.clock.local_tz()).replace(tzinfo=None)
        start = timedelta(hours=self._day_start.hour, minutes=self._day_start.minute)
        shifted = local - start
        day = shifted.date()
        since = (shifted - datetime.combine(day, time(0))).total_seconds()
        minute = int(since // 60)
        return day, minute, since - minute * 60

    def local_day(self, moment: datetime) -> date:
        """The local day a moment belongs to: before the day start it is still the day before."""
        return self._place(moment)[0]

    def today(self) -> date:
        return self.local_day(self.time.now())

    def next_day_starts_at(self) -> datetime:
        """When today's limits reset: the next day start, in local time (DST-aware)."""
        tomorrow = self.today() + timedelta(days=1)
        return datetime.combine(tomorrow, self._day_start, tzinfo=self.time.clock.local_tz())

    def minute_starts_at(self, day: date, minute: int) -> datetime:
        """The local wall-clock time at which a bucket's minute begins (naive, local)."""
        begins = datetime.combine(day, self._day_start)
        return begins + timedelta(minutes=minute)

    # -- observing ----------------------------------------------------------------------------

    @property
    def current(self) -> Activity | None:
        return None if self._last is None else self._last.activity

    def observe(
        self, activity: Activity | None, idle_s: float | None = None, locked: bool = False
    ) -> None:
        """What is in front of the user now; credits the time since the last observation.

        `idle_s` is how long ago the last input was (None: unknown, taken as present); `locked`
        says the screen is locked. Both describe the moment of the call.
        """
        before = self._last
        self._credit_until_now(idle_s)
        away = locked or (idle_s is not None and idle_s >= self.idle_threshold_s)
        self._last = _Observation(activity, self.time.boot(), self.time.clock.monotonic(), away)
        switched = before is None or _switch_key(before.activity, before.away) != _switch_key(
            activity, away
        )
        if switched or self.time.boot() - self._last_flush_boot >= FLUSH_EVERY_S:
            self.flush()

    def add_reported(self, activity: Activity, seconds: float) -> float:
        """Credit time another part reported as already spent, ending now (the browser
        extension's active-tab time). Never more than the time that passed since the last report
        of the same thing, so a confused or hostile reporter cannot create time. Returns what was
        credited."""
        now_boot = self.time.boot()
        subject = Subject.of(activity)
        last = self._reported.get(subject)
        window = 60.0 if last is None else max(0.0, now_boot - last)
        credit = max(0.0, min(float(seconds), window))
        self._reported[subject] = now_boot
        if credit > _EPSILON:
            cursor, left = self.time.now() - timedelta(seconds=credit), credit
            while left > _EPSILON:
                day, minute, into = self._place(cursor)
                piece = max(min(left, 60.0 - into), 1e-3)
                key = (day, minute, subject)
                self._pending[key] = self._pending.get(key, 0.0) + piece
                cursor += timedelta(seconds=piece)
                left -= piece
            self.flush()
        return credit

    def stop(self) -> None:
        """Credit up to now and flush: the app is quitting or the ledger is being replaced."""
        self._credit_until_now(idle_s=None)
        self._last = None
        self.flush()

    def _credit_until_now(self, idle_s: float | None) -> None:
        prev = self._last
        if prev is None:
            return
        now_boot = self.time.boot()
        now_mono = self.time.clock.monotonic()
        boot_delta = max(0.0, now_boot - prev.boot)
        # Awake time: the monotonic clock stops during suspend and ignores wall-clock changes.
        credit = max(0.0, min(boot_delta, now_mono - prev.mono))
        if prev.away:
            # The user came back at some point of this stretch; we cannot know when, so at most
            # one tick of real use is missed rather than any idle time counted.
            credit = 0.0
        if idle_s is not None and idle_s >= self.idle_threshold_s:
            input_stopped = now_boot - idle_s
            self._take_back_since(input_stopped)
            credit = min(credit, max(0.0, input_stopped - prev.boot))
        # Commit the baseline before crediting, so an error while crediting never repeats it.
        prev.boot, prev.mono = now_boot, now_mono
        if credit > _EPSILON and prev.activity is not None:
            # The awake part of the stretch is placed from its start: after a suspend the machine
            # was in use before it slept, not after it woke.
            starts = self.time.now() - timedelta(seconds=boot_delta)
            self._credit(Subject.of(prev.activity), starts, now_boot - boot_delta, credit)
        self._prune_segments(now_boot)

    def _credit(
        self, subject: Subject, starts: datetime, start_boot: float, seconds: float
    ) -> None:
        cursor, boot, left = starts, start_boot, seconds
        while left > _EPSILON:
            day, minute, into = self._place(cursor)
            piece = min(left, 60.0 - into)
            if piece <= 0:  # float rounding at the very end of a minute
                piece = min(left, 1e-3)
            key = (day, minute, subject)
            self._pending[key] = self._pending.get(key, 0.0) + piece
            self._segments.append(_Segment(boot, boot + piece, key))
            cursor += timedelta(seconds=piece)
            boot += piece
            left -= piece

    def _take_back_since(self, boot_moment: float) -> None:
        for seg in self._segments:
            if seg.end_boot <= boot_moment:
                continue
            cut_from = max(seg.start_boot, boot_moment)
            taken = seg.end_boot - cut_from
            if taken > 0:
                self._pending[seg.key] = self._pending.get(seg.key, 0.0) - taken
                seg.end_boot = cut_from
        self._segments = [s for s in self._segments if s.end_boot - s.start_boot > _EPSILON]

    def _prune_segments(self, now_boot: float) -> None:
        horizon = now_boot - self.idle_threshold_s - _SEGMENT_SLACK_S
        if self._segments and self._segments[0].end_boot < horizon:
            self._segments = [s for s in self._segments if s.end_boot >= horizon]

    # -- storing ------------------------------------------------------------------------------

    def flush(self) -> bool:
        """Write pending seconds to the store; False (and kept for later) if it failed."""
        self._last_flush_boot = self.time.boot()
        buckets = [
            UsageBucket(day, minute, subject, seconds)
            for (day, minute, subject), seconds in self._pending.items()
            if abs(seconds) > _EPSILON
        ]
        if not buckets:
            self._pending.clear()
            return True
        if not self.store.add_usage(buckets):
            return False
        self._pending.clear()
        for b in buckets:
            cached = self._flushed.get(b.day)
            if cached is not None:
                cached[b.subject] = max(0.0, cached.get(b.subject, 0.0) + b.seconds)
        return True

    @property
    def pending_s(self) -> float:
        """Seconds counted but not yet in the store."""
        return sum(self._pending.values())

    # -- queries ------------------------------------------------------------------------------

    def _totals(self, day: date) -> dict[Subject, float]:
        cached = self._flushed.get(day)
        if cached is None:
            cached = {t.subject: t.seconds for t in self.store.usage_totals(day)}
            self._flushed[day] = cached
            if len(self._flushed) > _CACHED_DAYS:
                farthest = sorted(self._flushed, key=lambda d: abs((d - day).days), reverse=True)
                for old in farthest[: len(self._flushed) - _CACHED_DAYS]:
                    del self._flushed[old]
        totals = dict(cached)
        for (d, _minute, subject), seconds in self._pending.items():
            if d == day:
                totals[subject] = max(0.0, totals.get(subject, 0.0) + seconds)
        return totals

    def day_totals(self, day: date | None = None) -> DayUsage:
        """Seconds per app and site on a local day (today by default), unflushed ones included."""
        day = self.today() if day is None else day
        usage = DayUsage(day)
        for subject, seconds in sorted(self._totals(day).items(), key=lambda kv: kv[0].name):
            if seconds <= _EPSILON:
                continue
            if subject.certainty is Certainty.RUNNING:
                target = usage.running_apps
            elif subject.kind is ActivityKind.SITE:
                target = usage.sites
            else:
                target = usage.apps
            target[subject.name] = target.get(subject.name, 0.0) + seconds
        return usage

    def used_by(
        self, limit: Limit, day: date | None = None, certainty: Certainty = Certainty.FOCUSED
    ) -> float:
        """Seconds on a day spent in the apps and sites of a limit (in front of the user unless
        `certainty` asks for running-only time)."""
        day = self.today() if day is None else day
        return sum(
            seconds
            for subject, seconds in self._totals(day).items()
            if subject.certainty is certainty and counts_for(limit, subject)
        )

    def buckets(self, first: date, last: date) -> list[UsageBucket]:
        """Stored buckets of some days plus the pending ones, merged (for the insights)."""
        merged: dict[tuple[date, int, Subject], float] = {
            (b.day, b.minute, b.subject): b.seconds for b in self.store.usage_buckets(first, last)
        }
        for key, seconds in self._pending.items():
            if first <= key[0] <= last:
                merged[key] = max(0.0, merged.get(key, 0.0) + seconds)
        return [
            UsageBucket(d, m, s, v)
            for (d, m, s), v in sorted(merged.items(), key=lambda kv: (kv[0][0], kv[0][1]))
            if v > _EPSILON
        ]


def counts_for(limit: Limit, subject: Subject) -> bool:
    """Whether a subject's time counts toward a limit."""
    probe = Activity(subject.kind, subject.name)
    return probe.matches(limit.sites if subject.kind is ActivityKind.SITE else limit.apps)
