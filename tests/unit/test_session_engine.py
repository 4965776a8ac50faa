"""The session engine walked through whole days with a fake clock and scheduler."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from focusapp.core.clock import ManualClock, ManualScheduler
from focusapp.core.errors import InvalidRequest, Refused
from focusapp.core.records import LogKind, MemorySessionStore
from focusapp.core.schedule import Block
from focusapp.core.session import (
    EMERGENCY_SENTENCES,
    BreakKind,
    EventKind,
    Phase,
    SessionEngine,
    SessionPlan,
)
from focusapp.core.timebase import TimeBase

MIN = 60.0
AMS = ZoneInfo("Europe/Amsterdam")


def make_plan(**kw: object) -> SessionPlan:
    base: dict[str, object] = dict(
        focus_s=25 * MIN, short_break_s=5 * MIN, long_break_s=15 * MIN, long_break_every=4, cycles=4
    )
    base.update(kw)
    return SessionPlan(**base)  # type: ignore[arg-type]


class Rig:
    """An engine on a manual clock; `restart()` builds a new engine on the same store, as after
    the process was killed."""

    def __init__(self, clock: ManualClock | None = None, **engine_kw: object) -> None:
        self.clock = clock or ManualClock()
        self.scheduler = ManualScheduler(self.clock)
        self.store = MemorySessionStore()
        self.engine_kw = engine_kw
        self.events: list[tuple[EventKind, Phase]] = []
        self.engine = self._build()

    def _build(self) -> SessionEngine:
        kw = dict(self.engine_kw)
        plan = kw.pop("plan", make_plan())
        engine = SessionEngine(
            TimeBase(self.clock),
            self.scheduler,
            self.store,
            plan_defaults=plan,
            **kw,  # type: ignore[arg-type]
        )
        engine.subscribe(lambda e: self.events.append((e.kind, e.status.phase)))
        engine.start_up()
        return engine

    def kill(self) -> None:
        """Like SIGKILL: no shut_down, timers gone with the process."""
        self.scheduler = ManualScheduler(self.clock)

    def restart(self) -> SessionEngine:
        self.engine = self._build()
        return self.engine

    def run(self, seconds: float) -> None:
        self.scheduler.run_for(seconds)

    @property
    def remaining(self) -> float:
        r = self.engine.status().remaining_s
        assert r is not None
        return r


def test_pomodoro_cycle_walks_focus_short_breaks_and_long_break() -> None:
    rig = Rig(plan=make_plan(cycles=5))
    rig.engine.start()
    seen = []
    for _ in range(5 * 2):
        st = rig.engine.status()
        seen.append((st.phase, st.break_kind, st.cycle))
        if st.phase is Phase.IDLE:
            break
        rig.run(st.remaining_s or 0)
    assert seen[:9] == [
        (Phase.FOCUS, None, 1),
        (Phase.BREAK, BreakKind.SHORT, 1),
        (Phase.FOCUS, None, 2),
        (Phase.BREAK, BreakKind.SHORT, 2),
        (Phase.FOCUS, None, 3),
        (Phase.BREAK, BreakKind.SHORT, 3),
        (Phase.FOCUS, None, 4),
        (Phase.BREAK, BreakKind.LONG, 4),
        (Phase.FOCUS, None, 5),
    ]
    assert rig.engine.status().phase is Phase.IDLE
    [record] = rig.store.sessions
    assert record.end_reason == "completed"
    assert record.cycles_done == 5
    assert record.focus_s == pytest.approx(5 * 25 * MIN)
    total = (record.ended_at - record.started_at).total_seconds()
    assert total == pytest.approx(5 * 25 * MIN + 3 * 5 * MIN + 15 * MIN)


def test_phase_changes_happen_on_time_without_polling_drift() -> None:
    rig = Rig()
    rig.engine.start(50, cycles=2)
    rig.run(50 * MIN - 1)
    assert rig.engine.status().phase is Phase.FOCUS
    rig.run(1)
    assert rig.engine.status().phase is Phase.BREAK
    assert (EventKind.PHASE_CHANGED, Phase.BREAK) in rig.events


def test_pause_freezes_remaining_time_and_resume_continues() -> None:
    rig = Rig()
    rig.engine.start(25)
    rig.run(10 * MIN)
    rig.engine.pause()
    assert rig.engine.status().paused
    rig.run(60 * MIN)
    assert rig.remaining == pytest.approx(15 * MIN)
    rig.engine.resume()
    rig.run(15 * MIN)
    assert rig.engine.status().phase is Phase.BREAK
    rig.engine.stop()
    [record] = rig.store.sessions
    assert record.focus_s == pytest.approx(25 * MIN)
    assert record.end_reason == "stopped"


def test_skip_break_starts_next_focus_now() -> None:
    rig = Rig()
    rig.engine.start(25)
    rig.run(25 * MIN + 60)
    rig.engine.skip_break()
    st = rig.engine.status()
    assert (st.phase, st.cycle) == (Phase.FOCUS, 2)
    assert st.remaining_s == pytest.approx(25 * MIN)
    with pytest.raises(Refused):
        rig.engine.skip_break()


def test_strict_session_refuses_stop_and_pause_with_a_clear_sentence() -> None:
    rig = Rig()
    rig.engine.start(50, strict=True, cycles=1)
    with pytest.raises(Refused, match="strict session"):
        rig.engine.stop()
    with pytest.raises(Refused, match="can't be paused"):
        rig.engine.pause()
    assert rig.engine.status().phase is Phase.FOCUS


def test_start_rejects_nonsense_and_a_second_session() -> None:
    rig = Rig()
    with pytest.raises(InvalidRequest):
        rig.engine.start(0)
    with pytest.raises(InvalidRequest):
        rig.engine.start(25, cycles=0)
    rig.engine.start(25)
    with pytest.raises(Refused, match="already running"):
        rig.engine.start(25)


def _emergency_exit(rig: Rig) -> None:
    ch = rig.engine.begin_emergency_exit()
    rig.run(30)
    rig.engine.confirm_emergency_exit(ch.token, ch.sentence)


def test_emergency_exit_needs_the_exact_sentence_and_the_wait() -> None:
    rig = Rig()
    rig.engine.start(90, strict=True)
    ch = rig.engine.begin_emergency_exit()
    assert ch.sentence in map(str, EMERGENCY_SENTENCES)
    with pytest.raises(Refused, match="wait"):
        rig.engine.confirm_emergency_exit(ch.token, ch.sentence)
    rig.run(29)
    with pytest.raises(Refused, match="wait"):
        rig.engine.confirm_emergency_exit(ch.token, ch.sentence)
    rig.run(1)
    with pytest.raises(Refused, match="exactly"):
        rig.engine.confirm_emergency_exit(ch.token, ch.sentence.lower())
    rig.engine.confirm_emergency_exit(ch.token, "  " + ch.sentence.replace(" ", "  ") + "\n")
    assert rig.engine.status().phase is Phase.IDLE
    assert rig.store.sessions[-1].end_reason == "emergency_exit"
    [entry] = [e for e in rig.store.log if e.kind is LogKind.EMERGENCY_EXIT]
    assert entry.detail["remaining_s"] == pytest.approx(90 * MIN - 30)


def test_emergency_exits_are_limited_per_seven_days() -> None:
    rig = Rig(emergency_exits_per_week=2)
    for _ in range(2):
        rig.engine.start(60, strict=True)
        _emergency_exit(rig)
        rig.run(3600)
    rig.engine.start(60, strict=True)
    with pytest.raises(Refused, match="used all 2 emergency exits") as info:
        rig.engine.begin_emergency_exit()
    assert "frees up" in info.value.message
    rig.run(60 * MIN)  # the strict session runs to its end
    rig.run(7 * 24 * 3600 - 3 * 3600 + 60)
    rig.engine.start(60, strict=True)
    assert rig.engine.emergency_exits_left() >= 1
    _emergency_exit(rig)


def test_setting_the_clock_a_week_ahead_does_not_free_emergency_exits() -> None:
    rig = Rig(emergency_exits_per_week=1)
    rig.engine.start(60, strict=True)
    _emergency_exit(rig)
    rig.clock.jump_wall(8 * 24 * 3600)
    rig.engine.start(60, strict=True)
    assert rig.engine.emergency_exits_left() == 0
    with pytest.raises(Refused):
        rig.engine.begin_emergency_exit()
    assert any(e.kind is LogKind.CLOCK_JUMP for e in rig.store.log)


def test_no_emergency_exit_for_non_strict_sessions() -> None:
    rig = Rig()
    rig.engine.start(25)
    with pytest.raises(Refused):
        rig.engine.begin_emergency_exit()


@pytest.mark.parametrize("jump_s", [3600.0, -3600.0, 86400.0 * 3, -86400.0])
def test_clock_jump_neither_ends_nor_shortens_nor_lengthens_a_strict_session(jump_s: float) -> None:
    rig = Rig()
    rig.engine.start(50, strict=True, cycles=1)
    rig.run(10 * MIN)
    rig.clock.jump_wall(jump_s)
    rig.run(5)
    assert rig.engine.status().phase is Phase.FOCUS
    assert rig.remaining == pytest.approx(40 * MIN - 5)
    [jump] = [e for e in rig.store.log if e.kind is LogKind.CLOCK_JUMP]
    assert jump.detail["delta_s"] == pytest.approx(jump_s, abs=1)
    rig.run(40 * MIN - 5)
    [record] = rig.store.sessions
    assert record.focus_s == pytest.approx(50 * MIN)  # no time created or lost


def test_suspend_is_time_passing_not_tampering() -> None:
    rig = Rig()
    rig.engine.start(50, cycles=1)
    rig.run(10 * MIN)
    rig.clock.suspend(15 * MIN)
    rig.run(1)
    assert rig.remaining == pytest.approx(25 * MIN - 1)
    kinds = [e.kind for e in rig.store.log]
    assert LogKind.SUSPEND in kinds
    assert LogKind.CLOCK_JUMP not in kinds


def test_suspend_through_the_deadline_ends_the_session_at_its_deadline() -> None:
    rig = Rig()
    rig.engine.start(25, cycles=1)
    start = rig.clock.now
    rig.clock.suspend(2 * 3600)
    rig.run(1)
    [record] = rig.store.sessions
    assert record.ended_at == start + timedelta(minutes=25)


def test_session_survives_kill_and_restart_with_the_same_deadline() -> None:
    rig = Rig()
    rig.engine.start(50, strict=True)
    ends_at = rig.engine.status().ends_at
    rig.run(12 * MIN)
    rig.kill()
    rig.clock.advance(3 * MIN)  # the app is not running
    engine = rig.restart()
    st = engine.status()
    assert st.phase is Phase.FOCUS and st.strict
    assert st.ends_at == ends_at
    assert st.remaining_s == pytest.approx(35 * MIN)
    [down] = [e for e in rig.store.log if e.kind is LogKind.APP_DOWN]
    assert down.detail["away_s"] == pytest.approx(3 * MIN, abs=31)
    with pytest.raises(Refused):
        engine.stop()


def test_deadline_passed_while_killed_is_recorded_as_it_happened() -> None:
    rig = Rig()
    rig.engine.start(25, cycles=1)
    deadline = rig.engine.status().ends_at
    rig.run(10 * MIN)
    rig.kill()
    rig.clock.advance(2 * 3600)
    engine = rig.restart()
    assert engine.status().phase is Phase.IDLE
    [record] = rig.store.sessions
    assert record.end_reason == "ended_while_app_closed"
    assert record.ended_at == deadline
    assert record.focus_s == pytest.approx(25 * MIN)


def test_restart_mid_cycle_lands_in_the_right_phase() -> None:
    rig = Rig()
    rig.engine.start(25, cycles=4)
    rig.kill()
    rig.clock.advance(25 * MIN + 5 * MIN + 10 * MIN)  # focus 1, break 1, 10 min into focus 2
    engine = rig.restart()
    st = engine.status()
    assert (st.phase, st.cycle) == (Phase.FOCUS, 2)
    assert st.remaining_s == pytest.approx(15 * MIN)


def test_restart_after_reboot_uses_the_wall_clock_but_never_backwards() -> None:
    rig = Rig()
    rig.engine.start(60, strict=True, cycles=1)
    rig.run(10 * MIN)
    rig.kill()
    rig.clock.reboot(off_for_s=20 * MIN)
    engine = rig.restart()
    assert engine.status().remaining_s == pytest.approx(30 * MIN, abs=31)
    # Reboot again and set the clock back: the session does not gain free time, nor lose it.
    rig.kill()
    rig.clock.reboot(off_for_s=0)
    rig.clock.jump_wall(-3600)
    engine = rig.restart()
    assert engine.status().phase is Phase.FOCUS
    assert engine.status().remaining_s == pytest.approx(30 * MIN, abs=61)


def test_paused_session_stays_paused_across_restart() -> None:
    rig = Rig()
    rig.engine.start(25)
    rig.run(5 * MIN)
    rig.engine.pause()
    rig.kill()
    rig.clock.advance(3600)
    engine = rig.restart()
    st = engine.status()
    assert st.paused and st.remaining_s == pytest.approx(20 * MIN)


def test_corrupt_saved_state_does_not_crash_start_up() -> None:
    rig = Rig()
    rig.store.state = {"version": 1, "saved_wall": "not a date", "session": {}}
    engine = rig.restart()
    assert engine.status().phase is Phase.IDLE
    assert any("restore_failed" in e.detail for e in rig.store.log)


# -- schedules ---------------------------------------------------------------------------------

WEEKDAY_MORNINGS = Block("Mornings", frozenset(range(5)), time(9), time(12), "Deep work", True)


def local(y: int, mo: int, d: int, h: int, mi: int = 0, tz: ZoneInfo = AMS) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=tz).astimezone(UTC)


def sessions_by_local_start(rig: Rig) -> list[tuple[str, str]]:
    return [
        (
            r.started_at.astimezone(AMS).strftime("%a %H:%M"),
            r.ended_at.astimezone(AMS).strftime("%a %H:%M"),
        )
        for r in rig.store.sessions
    ]


def test_schedule_runs_weekday_mornings_through_a_whole_week() -> None:
    clock = ManualClock(now=local(2026, 3, 1, 20), tz=AMS)  # a Sunday evening
    rig = Rig(clock, blocks=[WEEKDAY_MORNINGS])
    rig.run(7 * 24 * 3600)
    assert sessions_by_local_start(rig) == [
        (f"{d} 09:00", f"{d} 12:00") for d in ("Mon", "Tue", "Wed", "Thu", "Fri")
    ]
    assert all(r.strict and r.profile == "Deep work" for r in rig.store.sessions)
    assert all(r.source == "schedule:Mornings" for r in rig.store.sessions)


def test_schedule_missed_while_off_starts_late_for_what_remains() -> None:
    clock = ManualClock(now=local(2026, 3, 2, 10, 30), tz=AMS)  # Monday 10:30, app just started
    rig = Rig(clock, blocks=[WEEKDAY_MORNINGS])
    st = rig.engine.status()
    assert st.phase is Phase.FOCUS and st.strict
    assert st.remaining_s == pytest.approx(90 * MIN)
    assert st.source == "schedule:Mornings"


def test_stopped_schedule_block_does_not_restart_the_same_day() -> None:
    block = Block("Mornings", frozenset(range(5)), time(9), time(12), None, False)
    clock = ManualClock(now=local(2026, 3, 2, 9, 30), tz=AMS)
    rig = Rig(clock, blocks=[block])
    rig.engine.stop()
    rig.run(3600)
    assert rig.engine.status().phase is Phase.IDLE
    rig.kill()
    rig.restart()
    assert rig.engine.status().phase is Phase.IDLE


def test_schedule_across_midnight() -> None:
    late = Block("Late", frozenset({4}), time(22), time(2))  # Friday 22:00 -> Saturday 02:00
    clock = ManualClock(now=local(2026, 3, 6, 12), tz=AMS)
    rig = Rig(clock, blocks=[late])
    rig.run(2 * 24 * 3600)
    assert sessions_by_local_start(rig) == [("Fri 22:00", "Sat 02:00")]
    assert rig.store.sessions[0].focus_s == pytest.approx(4 * 3600)


def test_schedule_across_a_daylight_saving_change() -> None:
    # Europe/Amsterdam moves from 02:00 to 03:00 on Sunday 29 March 2026.
    night = Block("Night", frozenset({6}), time(1), time(4))
    mornings = Block("Mornings", frozenset(range(7)), time(9), time(10))
    clock = ManualClock(now=local(2026, 3, 28, 8), tz=AMS)  # Saturday 08:00 CET
    rig = Rig(clock, blocks=[night, mornings])
    rig.run(50 * 3600)
    assert sessions_by_local_start(rig) == [
        ("Sat 09:00", "Sat 10:00"),
        ("Sun 01:00", "Sun 04:00"),
        ("Sun 09:00", "Sun 10:00"),
        ("Mon 09:00", "Mon 10:00"),
    ]
    night_record = next(r for r in rig.store.sessions if r.source == "schedule:Night")
    assert night_record.focus_s == pytest.approx(2 * 3600)  # the clock skipped an hour
    utc_hours = [r.started_at.hour for r in rig.store.sessions if "Mornings" in r.source]
    assert utc_hours == [8, 7, 7]  # 09:00 CET, then 09:00 CEST


def test_schedule_starts_after_a_manual_session_that_overlaps_it() -> None:
    clock = ManualClock(now=local(2026, 3, 2, 8, 40), tz=AMS)
    block = Block("Mornings", frozenset(range(5)), time(9), time(12))
    rig = Rig(clock, blocks=[block])
    rig.engine.start(50, cycles=1)
    rig.run(50 * MIN + 10)
    st = rig.engine.status()
    assert st.source == "schedule:Mornings"
    assert st.remaining_s == pytest.approx(150 * MIN - 10, abs=10)


def test_configure_changes_apply_to_the_next_session_only() -> None:
    rig = Rig()
    rig.engine.start()
    rig.engine.configure(plan_defaults=make_plan(focus_s=50 * MIN))
    assert rig.engine.status().phase_total_s == 25 * MIN
    rig.engine.stop()
    rig.engine.start()
    assert rig.engine.status().phase_total_s == 50 * MIN


def test_quitting_during_a_strict_session_is_logged_and_the_session_continues() -> None:
    rig = Rig()
    rig.engine.start(50, strict=True)
    rig.engine.shut_down()
    assert any(e.kind is LogKind.QUIT_DURING_STRICT for e in rig.store.log)
    engine = rig.restart()
    assert engine.status().strict


def test_a_failing_listener_does_not_stop_the_engine() -> None:
    rig = Rig()
    calls: list[EventKind] = []

    def broken(event: object) -> None:
        calls.append(event.kind)  # type: ignore[attr-defined]
        raise RuntimeError("a window went away")

    rig.engine.subscribe(broken)
    rig.engine.start(25, cycles=2)
    rig.run(25 * MIN)
    assert rig.engine.status().phase is Phase.BREAK
    rig.run(5 * MIN)
    assert rig.engine.status().phase is Phase.FOCUS
    assert EventKind.PHASE_CHANGED in calls
    assert rig.scheduler.pending() == 1


def test_a_failing_tick_hook_still_rearms_the_timer() -> None:
    clock = ManualClock()
    scheduler = ManualScheduler(clock)

    def hook() -> None:
        raise RuntimeError("tray update failed")

    engine = SessionEngine(
        TimeBase(clock), scheduler, MemorySessionStore(), plan_defaults=make_plan(), tick_hook=hook
    )
    engine.start_up()
    engine.start(25, cycles=1)
    with pytest.raises(RuntimeError):
        scheduler.run_for(6)
    assert scheduler.pending() == 1
