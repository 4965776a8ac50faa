"""The attention keeper: tracker observations -> ledger -> policy -> one decision at a time."""

from __future__ import annotations

from focusapp.core.activity import Activity, ActivityKind
from focusapp.core.allowances import Allowances
from focusapp.core.attention import AttentionKeeper
from focusapp.core.clock import ManualClock
from focusapp.core.limits import LimitBook
from focusapp.core.policy import DecisionKind, Reason
from focusapp.core.session import Phase, SessionStatus
from focusapp.core.settings import Limit, Profile
from focusapp.core.timebase import TimeBase
from focusapp.core.usage import MemoryUsageStore, UsageLedger

OWN_PID = 4242
DISCORD = Activity(ActivityKind.APP, "discord", "Discord", window_id=11, pid=100)
EDITOR = Activity(ActivityKind.APP, "code", "main.py", window_id=12, pid=101)
OVERLAY = Activity(ActivityKind.APP, "focusapp", "Focusapp", window_id=13, pid=OWN_PID)
DEEP = Profile("Deep work", ("discord",), ())


class Rig:
    def __init__(self, limits: tuple[Limit, ...] = ()) -> None:
        self.clock = ManualClock()
        self.time = TimeBase(self.clock)
        self.ledger = UsageLedger(self.time, MemoryUsageStore())
        self.status = SessionStatus(phase=Phase.IDLE)
        self.keeper = AttentionKeeper(
            self.ledger,
            LimitBook(limits, self.ledger, self.time),
            Allowances(self.time),
            session=lambda: self.status,
            profile_of=lambda name: DEEP if name == DEEP.name else None,
            own_pid=OWN_PID,
        )

    def focus(self) -> None:
        self.status = SessionStatus(phase=Phase.FOCUS, profile=DEEP.name, remaining_s=1500)


def test_blocked_app_gets_one_intervention_per_switch() -> None:
    rig = Rig()
    rig.focus()
    assert rig.keeper.observe(EDITOR).decision.kind is DecisionKind.ALLOW
    step = rig.keeper.observe(DISCORD)
    assert step.decision.kind is DecisionKind.INTERVENE
    assert step.decision.reason is Reason.SESSION_BLOCK
    assert step.previous == EDITOR
    rig.keeper.mark_intervened()
    # The overlay itself takes the focus for a while: not a switch.
    assert rig.keeper.observe(OVERLAY).decision.kind is DecisionKind.ALLOW
    assert rig.keeper.observe(DISCORD).decision.kind is DecisionKind.ALLOW
    rig.clock.advance(30)
    assert rig.keeper.tick().decision.kind is DecisionKind.ALLOW
    rig.keeper.observe(EDITOR)
    assert rig.keeper.observe(DISCORD).decision.kind is DecisionKind.INTERVENE


def test_an_allowance_lets_the_user_return_without_another_pause() -> None:
    rig = Rig()
    rig.focus()
    rig.keeper.observe(DISCORD)
    rig.keeper.allowances.grant(DISCORD, 5)
    rig.keeper.observe(EDITOR)
    assert rig.keeper.observe(DISCORD).decision.kind is DecisionKind.ALLOW
    rig.clock.advance(5 * 60 + 1)
    assert rig.keeper.tick().decision.kind is DecisionKind.INTERVENE


def test_a_limit_running_out_mid_stretch_steps_in_on_the_tick() -> None:
    rig = Rig(limits=(Limit("Chat", daily_minutes=2, apps=("discord",)),))
    assert rig.keeper.observe(DISCORD).decision.kind is DecisionKind.WARN
    for _ in range(12):
        rig.clock.advance(10)
        step = rig.keeper.tick()
    assert step.decision.kind is DecisionKind.INTERVENE
    assert step.decision.reason is Reason.LIMIT_REACHED
    assert rig.ledger.day_totals().apps["discord"] == 120


def test_a_session_starting_with_a_blocked_app_in_front_steps_in() -> None:
    rig = Rig()
    assert rig.keeper.observe(DISCORD).decision.kind is DecisionKind.ALLOW
    rig.focus()
    assert rig.keeper.reevaluate().decision.kind is DecisionKind.INTERVENE


def test_own_windows_are_not_counted_as_usage() -> None:
    rig = Rig()
    rig.keeper.observe(OVERLAY)
    rig.clock.advance(60)
    rig.keeper.observe(EDITOR)
    assert "focusapp" not in rig.ledger.day_totals().apps


def test_time_on_the_intervention_is_not_credited_to_the_blocked_app() -> None:
    rig = Rig()
    rig.focus()
    rig.keeper.observe(DISCORD)
    rig.clock.advance(2)
    rig.keeper.observe(OVERLAY)
    for _ in range(6):
        rig.clock.advance(5)
        rig.keeper.tick()
    rig.keeper.observe(EDITOR)
    rig.ledger.flush()
    assert rig.ledger.day_totals().apps["discord"] == 2
