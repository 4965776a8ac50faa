"""Daily limits: how much of each `[[limits]]` budget is used and left today, and when to warn.

Today's budget of a limit is its minutes for the weekday of the local day. Tightening a limit
(fewer minutes, more apps or sites, a stronger enforcement, a new limit) applies at once;
loosening it (more minutes, fewer apps or sites, removing it) waits for the next day, unless the
user goes through the same friction as an emergency exit and the app calls `force_deferred`.
What applies today is remembered (`LimitMemory`), so restarting the app with a looser config
file does not loosen today either. Every change is written to the honest log.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Protocol

from focusapp.core.activity import Activity, ActivityKind
from focusapp.core.records import LogEntry, LogKind
from focusapp.core.settings import EnforceMode, Limit
from focusapp.core.timebase import TimeBase
from focusapp.core.usage import DayUsage, UsageLedger

WARN_AT_MINUTES: tuple[int, ...] = (5, 1)
MEMORY_VERSION = 1
_STRENGTH = {EnforceMode.INTERVENE: 0, EnforceMode.MINIMIZE: 1, EnforceMode.CLOSE: 2}


@dataclass(frozen=True)
class LimitStatus:
    name: str
    used_s: float
    limit_s: float
    left_s: float
    enforce: EnforceMode = EnforceMode.INTERVENE

    @property
    def spent(self) -> bool:
        return self.left_s <= 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "used_s": round(self.used_s, 1),
            "limit_s": round(self.limit_s, 1),
            "left_s": round(self.left_s, 1),
            "enforce": self.enforce.value,
        }


@dataclass(frozen=True)
class LimitWarning:
    """A notification to show once: `minutes_left` is the threshold (5 or 1) that was crossed."""

    name: str
    minutes_left: int
    left_s: float
    day: date


class Applies(StrEnum):
    NOW = "now"
    TOMORROW = "tomorrow"


@dataclass(frozen=True)
class LimitChange:
    """One limit changed in the settings. Minutes are for today's weekday; None: no such limit."""

    name: str
    old_minutes: int | None
    new_minutes: int | None
    applies: Applies
    forced: bool = False

    def detail(self, day: date) -> dict[str, Any]:
        return {
            "limit": self.name,
            "old_minutes": self.old_minutes,
            "new_minutes": self.new_minutes,
            "applies": self.applies.value,
            "forced": self.forced,
            "day": day.isoformat(),
        }


class LimitMemory(Protocol):
    """Where the limits in force today are remembered across restarts."""

    def load_limit_memory(self) -> dict[str, Any] | None: ...
    def save_limit_memory(self, memory: dict[str, Any]) -> None: ...


class MemoryLimitMemory:
    def __init__(self) -> None:
        self.memory: dict[str, Any] | None = None

    def load_limit_memory(self) -> dict[str, Any] | None:
        return None if self.memory is None else dict(self.memory)

    def save_limit_memory(self, memory: dict[str, Any]) -> None:
        self.memory = dict(memory)


def _key(name: str) -> str:
    return name.casefold()


def _union(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    seen = {p.casefold() for p in new}
    return new + tuple(p for p in old if p.casefold() not in seen)


def _for_day(limit: Limit, day: date) -> Limit:
    """The limit with its minutes for that day fixed, as it applies for the day."""
    return dataclasses.replace(limit, daily_minutes=limit.minutes_on(day.weekday()), weekdays={})


def _looser(old: Limit, new: Limit) -> bool:
    """Whether `new` (both fixed for the same day) lets through anything `old` did not."""
    return (
        new.daily_minutes > old.daily_minutes
        or any(p.casefold() not in {q.casefold() for q in new.apps} for p in old.apps)
        or any(p.casefold() not in {q.casefold() for q in new.sites} for p in old.sites)
        or _STRENGTH[new.enforcement] < _STRENGTH[old.enforcement]
    )


def _tightest(old: Limit, new: Limit) -> Limit:
    """What applies today when loosening waits: the stricter of each part."""
    enforce = max(old.enforcement, new.enforcement, key=_STRENGTH.__getitem__)
    return dataclasses.replace(
        new,
        daily_minutes=min(old.daily_minutes, new.daily_minutes),
        apps=_union(old.apps, new.apps),
        sites=_union(old.sites, new.sites),
        enforce=enforce.value,
    )


def applies_to(limit: Limit, activity: Activity) -> bool:
    return activity.matches(limit.sites if activity.kind is ActivityKind.SITE else limit.apps)


class LimitBook:
    def __init__(
        self,
        limits: Sequence[Limit],
        ledger: UsageLedger,
        time: TimeBase,
        *,
        memory: LimitMemory | None = None,
        log: Callable[[LogEntry], None] | None = None,
    ) -> None:
        self.ledger = ledger
        self.time = time
        self.memory = memory
        self._log = log
        self._configured: tuple[Limit, ...] = tuple(limits)
        self._day = ledger.today()
        self._today: dict[str, Limit] = {}
        self._warned: dict[str, set[int]] = {}
        # Loosenings already logged as waiting for tomorrow: a reload of the same file is no news.
        self._announced: set[LimitChange] = set()
        remembered = self._load(self._day)
        if remembered is None:
            self._today = {_key(lim.name): _for_day(lim, self._day) for lim in self._configured}
        else:
            # The config file may have changed while the app was closed: same rules as live.
            self._today, self._warned = remembered
            self._record(self._merge(self._configured, forced=False))
        self._save()

    # -- days ---------------------------------------------------------------------------------

    def _roll(self) -> None:
        today = self.ledger.today()
        if today != self._day:
            self._day = today
            self._today = {_key(lim.name): _for_day(lim, today) for lim in self._configured}
            self._warned = {}
            self._announced = set()
            self._save()

    @property
    def day(self) -> date:
        self._roll()
        return self._day

    # -- changes ------------------------------------------------------------------------------

    def configure(self, limits: Sequence[Limit]) -> list[LimitChange]:
        """New limits from the settings: tightening applies now, loosening tomorrow."""
        self._roll()
        self._configured = tuple(limits)
        changes = self._merge(self._configured, forced=False)
        self._record(changes)
        return changes

    def force_deferred(self) -> list[LimitChange]:
        """Apply the waiting loosenings now. Only after the user went through the friction of an
        emergency exit; the log says so."""
        self._roll()
        changes = self._merge(self._configured, forced=True)
        self._record(changes)
        return changes

    def deferred(self) -> list[LimitChange]:
        """Loosenings that wait for tomorrow, as they would apply if forced now."""
        self._roll()
        return [change for _k, _t, change in self._diff(self._configured, forced=True)]

    def _diff(
        self, limits: Sequence[Limit], *, forced: bool
    ) -> list[tuple[str, Limit | None, LimitChange]]:
        """(key, what applies today, change) for each limit that differs from today's."""
        wanted = {_key(lim.name): _for_day(lim, self._day) for lim in limits}
        out: list[tuple[str, Limit | None, LimitChange]] = []
        for key in [*self._today, *(k for k in wanted if k not in self._today)]:
            old, new = self._today.get(key), wanted.get(key)
            if old == new:
                continue
            either = new if new is not None else old
            assert either is not None
            name = either.name
            old_m = None if old is None else old.daily_minutes
            new_m = None if new is None else new.daily_minutes
            if old is None or forced:
                out.append((key, new, LimitChange(name, old_m, new_m, Applies.NOW, forced)))
            elif new is None:
                out.append((key, old, LimitChange(name, old_m, None, Applies.TOMORROW)))
            elif _looser(old, new):
                # Whatever is tighter in it applies now, the rest waits.
                today = _tightest(old, new)
                out.append((key, today, LimitChange(name, old_m, new_m, Applies.TOMORROW)))
            else:
                out.append((key, new, LimitChange(name, old_m, new_m, Applies.NOW)))
        return out

    def _merge(self, limits: Sequence[Limit], *, forced: bool) -> list[LimitChange]:
        diff = self._diff(limits, forced=forced)
        for key, today, _change in diff:
            if today is None:
                self._today.pop(key, None)
            else:
                self._today[key] = today
        # A loosening already waiting for tomorrow is not news when the same file is read again.
        return [
            change
            for _k, _t, change in diff
            if change.applies is Applies.NOW or change not in self._announced
        ]

    def _record(self, changes: list[LimitChange]) -> None:
        for change in changes:
            if change.applies is Applies.TOMORROW:
                self._announced.add(change)
            if self._log is not None:
                self._log(LogEntry(self.time.now(), LogKind.LIMIT_CHANGE, change.detail(self._day)))
        self._save()

    # -- queries ------------------------------------------------------------------------------

    def limits_in_force(self) -> list[Limit]:
        """Today's limits with their minutes for today (`daily_minutes`)."""
        self._roll()
        return list(self._today.values())

    def _status(self, limit: Limit, day: date) -> LimitStatus:
        used = self.ledger.used_by(limit, day)
        limit_s = limit.minutes_on(day.weekday()) * 60.0
        return LimitStatus(limit.name, used, limit_s, max(0.0, limit_s - used), limit.enforcement)

    def status(self, day: date | None = None) -> list[LimitStatus]:
        """Every limit on a day: today's in force, or the configured ones for another day."""
        self._roll()
        if day is None or day == self._day:
            return [self._status(lim, self._day) for lim in self._today.values()]
        return [self._status(lim, day) for lim in self._configured]

    def for_activity(self, activity: Activity | None) -> list[LimitStatus]:
        """Today's limits the activity counts toward."""
        if activity is None:
            return []
        self._roll()
        return [
            self._status(lim, self._day)
            for lim in self._today.values()
            if applies_to(lim, activity)
        ]

    def warnings_due(self) -> list[LimitWarning]:
        """The 5- and 1-minute warnings not yet given today, each at most once per limit per day.
        When several thresholds were crossed at once, only the nearest is given."""
        self._roll()
        due: list[LimitWarning] = []
        changed = False
        for key, limit in self._today.items():
            st = self._status(limit, self._day)
            warned = self._warned.setdefault(key, set())
            crossed = [
                m
                for m in WARN_AT_MINUTES
                if m not in warned and st.left_s <= m * 60 and st.limit_s > m * 60
            ]
            if not crossed:
                continue
            warned.update(crossed)
            changed = True
            if st.left_s > 0:
                due.append(LimitWarning(limit.name, min(crossed), st.left_s, self._day))
        if changed:
            self._save()
        return due

    # -- memory -------------------------------------------------------------------------------

    def _save(self) -> None:
        if self.memory is None:
            return
        self.memory.save_limit_memory(
            {
                "version": MEMORY_VERSION,
                "day": self._day.isoformat(),
                "limits": [
                    {
                        "name": lim.name,
                        "minutes": lim.daily_minutes,
                        "apps": list(lim.apps),
                        "sites": list(lim.sites),
                        "enforce": lim.enforce,
                    }
                    for lim in self._today.values()
                ],
                "warned": {k: sorted(v) for k, v in self._warned.items() if v},
            }
        )

    def _load(self, day: date) -> tuple[dict[str, Limit], dict[str, set[int]]] | None:
        if self.memory is None:
            return None
        raw = self.memory.load_limit_memory()
        if not raw or raw.get("version") != MEMORY_VERSION or raw.get("day") != day.isoformat():
            return None
        try:
            today = {
                _key(str(item["name"])): Limit(
                    name=str(item["name"]),
                    daily_minutes=int(item["minutes"]),
                    apps=tuple(str(a) for a in item["apps"]),
                    sites=tuple(str(s) for s in item["sites"]),
                    enforce=EnforceMode(item["enforce"]).value,
                )
                for item in raw["limits"]
            }
            warned = {str(k): {int(m) for m in v} for k, v in dict(raw["warned"]).items()}
        except (KeyError, TypeError, ValueError):
            return None  # unreadable: today starts from the config file, as on a new day
        return today, warned


def usage_report(usage: DayUsage, limits: Sequence[LimitStatus]) -> dict[str, Any]:
    """The `focusapp usage --json` answer. `running_apps` holds time of apps only known to be
    running (no foreground information, such as native Wayland apps): counted, not certain."""
    return {
        "date": usage.day.isoformat(),
        "apps": {k: round(v, 1) for k, v in usage.apps.items()},
        "sites": {k: round(v, 1) for k, v in usage.sites.items()},
        "running_apps": {k: round(v, 1) for k, v in usage.running_apps.items()},
        "limits": {st.name: st.to_dict() for st in limits},
    }
