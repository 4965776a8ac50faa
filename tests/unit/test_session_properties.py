"""Invariants of the session engine under any sequence of user actions and clock trouble."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from focusapp.core.errors import Refused
from focusapp.core.session import Phase

from .test_session_engine import MIN, Rig


@dataclass(frozen=True)
class Op:
    name: str
    amount: float = 0.0


ops = st.one_of(
    st.builds(Op, st.just("advance"), st.floats(1, 40 * MIN)),
    st.builds(Op, st.just("suspend"), st.floats(3, 3 * 3600)),
    st.builds(Op, st.just("jump"), st.floats(-3 * 86400, 3 * 86400).filter(lambda x: abs(x) > 3)),
    st.builds(Op, st.sampled_from(["pause", "resume", "skip", "stop", "emergency"])),
    st.builds(Op, st.just("start_strict"), st.floats(1, 120)),
    st.builds(Op, st.just("start"), st.floats(1, 120)),
    st.builds(Op, st.just("restart"), st.floats(0, 2 * 3600)),
    st.builds(Op, st.just("reboot"), st.floats(0, 2 * 3600)),
)


class Observer:
    """Tracks real elapsed time (what really passed, whatever the wall clock says)."""

    def __init__(self, rig: Rig) -> None:
        self.rig = rig
        self.real = 0.0
        self.strict_started: dict[str, tuple[float, float]] = {}  # id -> (real at start, planned)
        self.last: tuple[str | None, int, Phase, float | None] | None = None

    def pass_time(self, seconds: float, how: str) -> None:
        if how == "advance":
            self.rig.run(seconds)
        elif how == "suspend":
            self.rig.clock.suspend(seconds)
            self.rig.run(1)
            seconds += 1
        self.real += seconds

    def observe(self, op: Op) -> None:
        st_ = self.rig.engine.status()
        key = (st_.session_id, st_.cycle, st_.phase, st_.remaining_s)
        if self.last is not None and st_.session_id and self.last[:3] == key[:3]:
            before, after = self.last[3], key[3]
            assert before is not None and after is not None
            assert after <= before + 1e-6, f"remaining grew from {before} to {after} after {op}"
        self.last = key
        if st_.strict and st_.session_id and st_.session_id not in self.strict_started:
            end = self.rig.engine.session_ends_at()
            assert end is not None
            planned = (end - self.rig.engine.time.now()).total_seconds()
            self.strict_started[st_.session_id] = (self.real, planned)
        for record in self.rig.store.sessions:
            if record.session_id not in self.strict_started:
                continue
            started, planned = self.strict_started.pop(record.session_id)
            if record.end_reason != "emergency_exit":
                lived = self.real - started
                assert lived >= planned - 1.0, (
                    f"strict session ended after {lived:.0f}s of real time, planned {planned:.0f}s"
                )


@settings(max_examples=150, deadline=None)
@given(st.lists(ops, min_size=1, max_size=30))
def test_remaining_never_grows_and_strict_never_ends_early(sequence: list[Op]) -> None:
    rig = Rig()
    obs = Observer(rig)
    for op in sequence:
        try:
            if op.name in ("advance", "suspend"):
                obs.pass_time(op.amount, op.name)
            elif op.name == "jump":
                rig.clock.jump_wall(op.amount)
                obs.pass_time(6, "advance")  # the engine notices on its next tick
            elif op.name == "pause":
                rig.engine.pause()
            elif op.name == "resume":
                rig.engine.resume()
                obs.last = None  # resume is the one thing allowed to restart the countdown
            elif op.name == "skip":
                rig.engine.skip_break()
            elif op.name == "stop":
                rig.engine.stop()
            elif op.name == "emergency":
                challenge = rig.engine.begin_emergency_exit()
                obs.pass_time(30, "advance")
                rig.engine.confirm_emergency_exit(challenge.token, challenge.sentence)
            elif op.name in ("start", "start_strict"):
                rig.engine.start(op.amount, strict=op.name == "start_strict", cycles=2)
            elif op.name == "restart":
                rig.kill()
                rig.clock.advance(op.amount)
                obs.real += op.amount
                rig.restart()
            elif op.name == "reboot":
                rig.kill()
                rig.clock.reboot(off_for_s=op.amount)
                obs.real += op.amount
                rig.restart()
        except Refused:
            pass
        obs.observe(op)
    # Let every session run out and check the strict ones one last time.
    obs.pass_time(24 * 3600, "advance")
    obs.observe(Op("end"))
    assert not obs.strict_started
