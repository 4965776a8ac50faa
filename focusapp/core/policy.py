"""The policy: what to do about what is in front of the user, given the session, the rules, the
limits and the allowances. `decide` is a pure function of a `Situation`, so it is tested over
every combination rather than by example.

The order of concerns: a session block (focus phases only) before a spent limit before a limit
that is nearly spent. Apps we only know to be running (no foreground information) are counted by
the ledger but never intervened on, since we do not know they are in front. One intervention per
switch: once the user has seen the pause for this stretch, the rule's enforcement follows
(minimize or close), or, for a rule that only intervenes, nothing more until the next switch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from focusapp.core.activity import Activity, ActivityKind, Certainty
from focusapp.core.limits import LimitStatus
from focusapp.core.session import Phase, SessionStatus
from focusapp.core.settings import EnforceMode, Profile

WARN_BEFORE_S = 5 * 60.0
_STRENGTH = {EnforceMode.INTERVENE: 0, EnforceMode.MINIMIZE: 1, EnforceMode.CLOSE: 2}


class DecisionKind(StrEnum):
    ALLOW = "allow"
    WARN = "warn"  # a quiet note: minutes left
    INTERVENE = "intervene"  # the pause and a reflective prompt
    ENFORCE = "enforce"  # minimize or close the app


class Reason(StrEnum):
    SESSION_BLOCK = "session_block"
    LIMIT_REACHED = "limit_reached"
    LIMIT_NEAR = "limit_near"


class Trigger(StrEnum):
    """What the prompt library picks questions for."""

    BLOCKED_DURING_SESSION = "blocked_during_session"
    LIMIT_REACHED = "limit_reached"


@dataclass(frozen=True)
class Situation:
    activity: Activity | None
    phase: Phase = Phase.IDLE
    paused: bool = False
    strict: bool = False
    profile: str | None = None
    block_apps: tuple[str, ...] = ()
    block_sites: tuple[str, ...] = ()
    session_enforce: EnforceMode = EnforceMode.INTERVENE
    limits: tuple[LimitStatus, ...] = ()  # the limits the activity counts toward, for today
    allowance_active: bool = False
    intervened_this_switch: bool = False

    @classmethod
    def of(
        cls,
        activity: Activity | None,
        status: SessionStatus,
        profile: Profile | None,
        limits: Sequence[LimitStatus] = (),
        *,
        allowance_active: bool = False,
        intervened_this_switch: bool = False,
    ) -> Situation:
        """The situation from the session engine's status and the session's profile."""
        return cls(
            activity=activity,
            phase=status.phase,
            paused=status.paused,
            strict=status.strict,
            profile=status.profile,
            block_apps=profile.block_apps if profile is not None else (),
            block_sites=profile.block_sites if profile is not None else (),
            session_enforce=profile.enforcement if profile is not None else EnforceMode.INTERVENE,
            limits=tuple(limits),
            allowance_active=allowance_active,
            intervened_this_switch=intervened_this_switch,
        )


@dataclass(frozen=True)
class Decision:
    kind: DecisionKind
    reason: Reason | None = None
    enforce: EnforceMode = EnforceMode.INTERVENE  # what follows the intervention
    minutes_left: float | None = None  # of a limit
    rule: str | None = None  # the profile or limit that decided
    trigger: Trigger | None = None

    @property
    def stops_the_user(self) -> bool:
        return self.kind in (DecisionKind.INTERVENE, DecisionKind.ENFORCE)


ALLOW = Decision(DecisionKind.ALLOW)


def _blocked(s: Situation, activity: Activity) -> bool:
    if s.phase is not Phase.FOCUS or s.paused:
        return False
    patterns = s.block_sites if activity.kind is ActivityKind.SITE else s.block_apps
    return activity.matches(patterns)


def _act(
    s: Situation,
    reason: Reason,
    enforce: EnforceMode,
    rule: str,
    trigger: Trigger,
    minutes_left: float | None,
) -> Decision:
    if not s.intervened_this_switch:
        kind = DecisionKind.INTERVENE
    elif enforce is EnforceMode.INTERVENE:
        kind = DecisionKind.ALLOW  # the pause was given for this stretch: no nagging
    else:
        kind = DecisionKind.ENFORCE
    return Decision(kind, reason, enforce, minutes_left, rule, trigger)


def decide(s: Situation) -> Decision:
    activity = s.activity
    if activity is None or activity.certainty is Certainty.RUNNING:
        return ALLOW
    # In a strict session an allowance does not lift the session's blocks (it may a limit's).
    if _blocked(s, activity) and (s.strict or not s.allowance_active):
        rule = s.profile or "focus session"
        return _act(
            s, Reason.SESSION_BLOCK, s.session_enforce, rule, Trigger.BLOCKED_DURING_SESSION, None
        )
    spent = [lim for lim in s.limits if lim.spent]
    if spent and not s.allowance_active:
        worst = max(spent, key=lambda lim: (_STRENGTH[lim.enforce], lim.name))
        return _act(s, Reason.LIMIT_REACHED, worst.enforce, worst.name, Trigger.LIMIT_REACHED, 0.0)
    near = [lim for lim in s.limits if not lim.spent and lim.left_s <= WARN_BEFORE_S]
    if near:
        nearest = min(near, key=lambda lim: (lim.left_s, lim.name))
        return Decision(
            DecisionKind.WARN,
            Reason.LIMIT_NEAR,
            nearest.enforce,
            minutes_left=nearest.left_s / 60.0,
            rule=nearest.name,
        )
    return ALLOW


class SwitchMemory:
    """Whether the current stretch in front of one app or site has had its intervention.

    Not part of the pure policy: the app keeps one, tells it every activity it sees and marks the
    intervention it shows. Switching to anything else and back starts a new stretch.
    """

    def __init__(self) -> None:
        self._key: tuple[ActivityKind, str] | None = None
        self._intervened = False

    def see(self, activity: Activity | None) -> None:
        key = None if activity is None else (activity.kind, activity.name.lower())
        if key != self._key:
            self._key = key
            self._intervened = False

    @property
    def intervened(self) -> bool:
        return self._intervened

    def mark_intervened(self) -> None:
        self._intervened = True
