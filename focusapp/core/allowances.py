"""Allowances: "I need it for N minutes", granted by the user through the intervention.

While an allowance for an app or site runs, returning to it does not trigger another intervention
(outside strict sessions). Expiry is measured on the boot clock, so setting the wall clock neither
shortens nor stretches it. Allowances are saved, so restarting the app keeps them; after a reboot
(a new boot clock) what is left is taken from the wall clock, never more than was granted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

from focusapp.core.activity import Activity, ActivityKind
from focusapp.core.errors import InvalidRequest
from focusapp.core.timebase import TimeBase

MAX_ALLOWANCE_MINUTES = 240


@dataclass(frozen=True)
class Allowance:
    kind: ActivityKind
    name: str  # the activity's name, lower case
    granted_at: datetime
    duration_s: float
    expires_boot: float
    expires_at: datetime  # for a restart after a reboot, when the boot clock starts over
    boot_id: str

    def covers(self, activity: Activity) -> bool:
        return activity.kind is self.kind and activity.name.lower() == self.name


class AllowanceStore(Protocol):
    def load_allowances(self) -> list[Allowance]: ...
    def save_allowances(self, allowances: list[Allowance]) -> None: ...


class MemoryAllowanceStore:
    def __init__(self) -> None:
        self.saved: list[Allowance] = []

    def load_allowances(self) -> list[Allowance]:
        return list(self.saved)

    def save_allowances(self, allowances: list[Allowance]) -> None:
        self.saved = list(allowances)


class Allowances:
    def __init__(self, time: TimeBase, store: AllowanceStore | None = None) -> None:
        self.time = time
        self.store = store
        self._items: dict[tuple[ActivityKind, str], Allowance] = {}
        if store is not None:
            for item in store.load_allowances():
                restored = self._restore(item)
                if restored is not None:
                    self._items[(restored.kind, restored.name)] = restored
            self._save()

    def _restore(self, item: Allowance) -> Allowance | None:
        boot_id = self.time.clock.boot_id()
        if item.boot_id == boot_id:
            return item if item.expires_boot > self.time.boot() else None
        left = min(item.duration_s, (item.expires_at - self.time.now()).total_seconds())
        if left <= 0:
            return None
        return replace(item, expires_boot=self.time.boot() + left, boot_id=boot_id)

    def grant(self, activity: Activity, minutes: float) -> Allowance:
        """Allow an app or site for `minutes` from now (replacing an earlier allowance for it)."""
        if not 1 <= minutes <= MAX_ALLOWANCE_MINUTES:
            raise InvalidRequest(
                f"An allowance lasts between 1 and {MAX_ALLOWANCE_MINUTES} minutes."
            )
        now = self.time.now()
        seconds = minutes * 60.0
        allowance = Allowance(
            kind=activity.kind,
            name=activity.name.lower(),
            granted_at=now,
            duration_s=seconds,
            expires_boot=self.time.boot() + seconds,
            expires_at=now + timedelta(seconds=seconds),
            boot_id=self.time.clock.boot_id(),
        )
        self._items[(allowance.kind, allowance.name)] = allowance
        self._save()
        return allowance

    def revoke(self, activity: Activity) -> None:
        if self._items.pop((activity.kind, activity.name.lower()), None) is not None:
            self._save()

    def active_for(self, activity: Activity | None) -> Allowance | None:
        if activity is None:
            return None
        item = self._items.get((activity.kind, activity.name.lower()))
        if item is None or item.expires_boot <= self.time.boot():
            return None
        return item

    def is_active(self, activity: Activity | None) -> bool:
        return self.active_for(activity) is not None

    def left_s(self, activity: Activity | None) -> float:
        item = self.active_for(activity)
        return 0.0 if item is None else item.expires_boot - self.time.boot()

    def active(self) -> list[Allowance]:
        """The allowances still running; expired ones are forgotten (and the change saved)."""
        now = self.time.boot()
        expired = [key for key, item in self._items.items() if item.expires_boot <= now]
        for key in expired:
            del self._items[key]
        if expired:
            self._save()
        return sorted(self._items.values(), key=lambda a: a.expires_boot)

    def _save(self) -> None:
        if self.store is None:
            return
        # The wall-clock expiry is only read after a reboot: give it the calendar of now, which
        # follows any clock change since the grant.
        self.store.save_allowances(
            [
                replace(item, expires_at=self.time.wall_at_boot(item.expires_boot))
                for item in self._items.values()
            ]
        )
