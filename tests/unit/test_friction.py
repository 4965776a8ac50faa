from __future__ import annotations

import pytest

from focusapp.core.clock import ManualClock
from focusapp.core.errors import Refused
from focusapp.core.friction import FrictionGate
from focusapp.core.timebase import TimeBase


def test_gate_needs_the_sentence_and_the_wait_and_closes_after_use() -> None:
    clock = ManualClock()
    gate = FrictionGate(TimeBase(clock), 30, ("I choose this on purpose.",))
    challenge = gate.begin()
    with pytest.raises(Refused, match="wait"):
        gate.confirm(challenge.token, challenge.sentence)
    clock.advance(30)
    with pytest.raises(Refused, match="exactly"):
        gate.confirm(challenge.token, "I choose this")
    with pytest.raises(Refused, match="expired"):
        gate.confirm("other", challenge.sentence)
    gate.confirm(challenge.token, " I choose  this on purpose. ")
    with pytest.raises(Refused, match="expired"):
        gate.confirm(challenge.token, challenge.sentence)


def test_clock_jump_does_not_shorten_the_wait() -> None:
    clock = ManualClock()
    gate = FrictionGate(TimeBase(clock), 30, ("Yes.",))
    challenge = gate.begin()
    clock.jump_wall(3600)
    with pytest.raises(Refused, match="wait"):
        gate.confirm(challenge.token, "Yes.")
