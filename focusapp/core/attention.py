"""Keeps watch over what has the user's attention: each observation goes to the usage ledger, then
through the policy, and comes back as the one thing the app should do about it.

The app feeds it the tracker's activities and a periodic tick (a limit can run out while the same
app stays in front); it never shows anything itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from focusapp.core.activity import Activity
from focusapp.core.allowances import Allowances
from focusapp.core.limits import LimitBook, LimitWarning
from focusapp.core.policy import ALLOW, Decision, Situation, SwitchMemory, decide
from focusapp.core.session import SessionStatus
from focusapp.core.settings import Profile
from focusapp.core.usage import UsageLedger


@dataclass(frozen=True)
class Step:
    activity: Activity | None
    decision: Decision = ALLOW
    warnings: tuple[LimitWarning, ...] = field(default_factory=tuple)
    # The last thing in front that needed no stepping in: where "back" returns to.
    previous: Activity | None = None


class AttentionKeeper:
    def __init__(
        self,
        ledger: UsageLedger,
        limits: LimitBook,
        allowances: Allowances,
        *,
        session: Callable[[], SessionStatus],
        profile_of: Callable[[str | None], Profile | None],
        own_pid: int | None = None,
    ) -> None:
        self.ledger = ledger
        self.limits = limits
        self.allowances = allowances
        self._session = session
        self._profile_of = profile_of
        self._own_pid = own_pid
        self._memory = SwitchMemory()
        self._current: Activity | None = None  # the stretch the policy is about
        self._counting: Activity | None = None  # what the ledger counts (never our own windows)
        self._previous: Activity | None = None
        self._idle_s: float | None = None
        self._locked = False

    @property
    def current(self) -> Activity | None:
        return self._current

    def observe(
        self, activity: Activity | None, idle_s: float | None = None, locked: bool = False
    ) -> Step:
        """A switch (or a title change) reported by the tracker."""
        if activity is not None and self._own_pid is not None and activity.pid == self._own_pid:
            # Our own windows (the intervention, settings) are not a switch away from the app
            # being asked about, and are not usage of anything.
            self._counting = None
            self.ledger.observe(None, idle_s, locked)
            return Step(activity=self._current, previous=self._previous)
        self._idle_s, self._locked = idle_s, locked
        self._counting = activity
        self.ledger.observe(activity, idle_s, locked)
        self._memory.see(activity)
        self._current = activity
        return self._evaluate()

    def tick(self, idle_s: float | None = None, locked: bool = False) -> Step:
        """Time passed with the same thing in front."""
        self._idle_s, self._locked = idle_s, locked
        self.ledger.observe(self._counting, idle_s, locked)
        return self._evaluate()

    def reevaluate(self) -> Step:
        """The session or the rules changed (a session started with a blocked app in front)."""
        return self._evaluate()

    def mark_intervened(self) -> None:
        self._memory.mark_intervened()

    def _evaluate(self) -> Step:
        activity = self._current
        status = self._session()
        situation = Situation.of(
            activity,
            status,
            self._profile_of(status.profile),
            self.limits.for_activity(activity),
            allowance_active=self.allowances.is_active(activity),
            intervened_this_switch=self._memory.intervened,
        )
        decision = decide(situation)
        if not decision.stops_the_user and activity is not None:
            self._previous = activity
        return Step(
            activity=activity,
            decision=decision,
            warnings=tuple(self.limits.warnings_due()),
            previous=self._previous if self._previous != activity else None,
        )
