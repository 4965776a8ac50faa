"""The adaptive pause: it grows with urges that come back, relaxes with calm, changes its form."""

from __future__ import annotations

import itertools
import json
import random
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from focusapp.core.clock import ManualClock
from focusapp.core.friction_pacing import (
    MAX_PAUSE_S,
    FrictionPacer,
    Pause,
    PauseForm,
)
from focusapp.core.timebase import TimeBase

MINUTE = 60.0
HOUR = 60 * MINUTE


def pacer_with_clock(seed: int = 1) -> tuple[FrictionPacer, ManualClock, TimeBase]:
    clock = ManualClock()
    time = TimeBase(clock)
    return FrictionPacer(time, rng=random.Random(seed)), clock, time


def urges(pacer: FrictionPacer, clock: ManualClock, gaps_s: list[float]) -> list[int]:
    seconds = []
    for gap in gaps_s:
        clock.advance(gap)
        seconds.append(pacer.record_urge().seconds)
    return seconds


def test_the_first_urge_gets_the_shortest_pause() -> None:
    pacer, _, _ = pacer_with_clock()
    assert pacer.next_pause().seconds == 5
    assert pacer.record_urge().seconds == 5


def test_urges_that_come_back_within_half_an_hour_double_the_pause_up_to_a_minute() -> None:
    pacer, clock, _ = pacer_with_clock()
    assert urges(pacer, clock, [0, 5 * MINUTE, 10 * MINUTE, 29 * MINUTE, 1, 1, 1]) == [
        5,
        10,
        20,
        40,
        60,
        60,
        60,
    ]


def test_an_urge_after_half_an_hour_but_within_the_hour_keeps_the_pause_where_it_is() -> None:
    pacer, clock, _ = pacer_with_clock()
    assert urges(pacer, clock, [0, MINUTE, MINUTE, 45 * MINUTE, 30 * MINUTE]) == [
        5,
        10,
        20,
        20,
        20,
    ]


def test_each_calm_hour_relaxes_the_pause_one_step() -> None:
    pacer, clock, _ = pacer_with_clock()
    urges(pacer, clock, [0, MINUTE, MINUTE, MINUTE, MINUTE])  # up to 60 s
    clock.advance(HOUR)
    assert pacer.next_pause().seconds == 40
    clock.advance(2 * HOUR)
    assert pacer.next_pause().seconds == 10
    clock.advance(10 * HOUR)
    assert pacer.record_urge().seconds == 5


def test_a_calm_hour_then_a_quick_repeat_starts_again_from_the_relaxed_step() -> None:
    pacer, clock, _ = pacer_with_clock()
    urges(pacer, clock, [0, MINUTE, MINUTE, MINUTE])  # 40 s
    assert urges(pacer, clock, [HOUR + MINUTE, 2 * MINUTE]) == [20, 40]


def test_peeking_changes_nothing() -> None:
    pacer, clock, _ = pacer_with_clock()
    pacer.record_urge()
    clock.advance(MINUTE)
    peeked = [pacer.next_pause() for _ in range(5)]
    assert len(set(peeked)) == 1
    assert pacer.record_urge() == peeked[0]


def test_setting_the_wall_clock_neither_relaxes_nor_grows_the_pause() -> None:
    pacer, clock, _ = pacer_with_clock()
    urges(pacer, clock, [0, MINUTE, MINUTE])  # 20 s
    clock.jump_wall(5 * HOUR)
    assert pacer.next_pause().seconds == 40  # still a repeat within half an hour
    clock.jump_wall(-10 * HOUR)
    clock.advance(2 * HOUR)
    assert pacer.next_pause().seconds == 5


def test_a_suspended_machine_counts_as_calm_time() -> None:
    pacer, clock, _ = pacer_with_clock()
    urges(pacer, clock, [0, MINUTE, MINUTE])  # 20 s
    clock.suspend(2 * HOUR)
    assert pacer.next_pause().seconds == 5


def test_the_form_never_repeats_twice_in_a_row_and_uses_every_form() -> None:
    pacer, clock, _ = pacer_with_clock(seed=3)
    forms = []
    for _ in range(60):
        clock.advance(10 * MINUTE)
        forms.append(pacer.record_urge().form)
    assert all(a is not b for a, b in itertools.pairwise(forms))
    assert set(forms) == set(PauseForm)


def test_the_form_is_chosen_by_the_rng_so_it_is_not_a_fixed_cycle() -> None:
    sequences = set()
    for seed in range(10):
        pacer, _, _ = pacer_with_clock(seed=seed)
        sequences.add(tuple(pacer.record_urge().form for _ in range(8)))
    assert len(sequences) > 3


def test_slow_breaths_fill_the_pause_with_whole_breaths() -> None:
    counts = {s: Pause(s, PauseForm.SLOW_BREATHS).breaths for s in (5, 10, 20, 40, 60)}
    assert counts == {5: 1, 10: 1, 20: 2, 40: 5, 60: 8}


def test_state_survives_a_restart_of_the_app_in_the_same_boot() -> None:
    pacer, clock, time = pacer_with_clock()
    urges(pacer, clock, [0, MINUTE, MINUTE])  # 20 s
    state = json.loads(json.dumps(pacer.to_state()))
    coming = pacer.next_pause()
    clock.advance(MINUTE)
    restored = FrictionPacer.from_state(time, state, rng=random.Random(9))
    assert restored.next_pause() == Pause(40, coming.form)
    assert restored.record_urge().form is coming.form


def test_after_a_reboot_the_wall_clock_says_how_long_the_machine_was_away() -> None:
    pacer, clock, _ = pacer_with_clock()
    urges(pacer, clock, [0, MINUTE, MINUTE, MINUTE])  # 40 s
    state = pacer.to_state()

    clock.reboot(off_for_s=10 * MINUTE)
    soon = FrictionPacer.from_state(TimeBase(clock), state)
    assert soon.next_pause().seconds == 60

    clock.reboot(off_for_s=2 * HOUR)  # two hours and ten minutes since the last urge
    later = FrictionPacer.from_state(TimeBase(clock), state)
    assert later.next_pause().seconds == 10


def test_a_wall_clock_set_back_before_a_reboot_cannot_put_the_last_urge_in_the_future() -> None:
    pacer, clock, _ = pacer_with_clock()
    urges(pacer, clock, [0, MINUTE])  # 10 s
    state = pacer.to_state()
    clock.reboot()
    clock.set_wall(clock.now - timedelta(days=1))
    restored = FrictionPacer.from_state(TimeBase(clock), state)
    assert restored.next_pause().seconds == 20
    clock.advance(HOUR)
    assert restored.next_pause().seconds == 5


def test_unreadable_state_starts_afresh_instead_of_failing() -> None:
    _, _, time = pacer_with_clock()
    for state in (
        {},
        {"version": 99, "step": 4},
        {"version": 1, "step": "lots", "last_urge_boot": "yesterday", "boot_id": "boot-1"},
        {"version": 1, "step": 4, "boot_id": "boot-0", "last_urge_wall": "not a date"},
        {"version": 1, "step": 4, "boot_id": "boot-0", "last_urge_wall": "2026-03-02T07:59:00"},
        {"version": 1, "step": 4, "next_form": "spinning", "last_form": 3},
    ):
        assert FrictionPacer.from_state(time, state).next_pause().seconds == 5, state


def test_a_saved_step_beyond_the_ladder_is_capped() -> None:
    pacer, clock, time = pacer_with_clock()
    pacer.record_urge()
    state = pacer.to_state() | {"step": 12}
    clock.advance(MINUTE)
    assert FrictionPacer.from_state(time, state).next_pause().seconds == MAX_PAUSE_S


@settings(max_examples=100, deadline=None)
@given(
    gaps=st.lists(st.floats(min_value=0, max_value=5 * HOUR), min_size=1, max_size=40),
    seed=st.integers(min_value=0, max_value=2**16),
)
def test_the_pause_stays_on_the_ladder_and_moves_at_most_one_step_up(
    gaps: list[float], seed: int
) -> None:
    pacer, clock, _ = pacer_with_clock(seed)
    ladder = [5, 10, 20, 40, 60]
    previous: Pause | None = None
    for gap in gaps:
        clock.advance(gap)
        pause = pacer.record_urge()
        assert pause.seconds in ladder and pause.seconds <= MAX_PAUSE_S
        if previous is not None:
            assert ladder.index(pause.seconds) <= ladder.index(previous.seconds) + 1
            assert pause.form is not previous.form
            if gap >= 30 * MINUTE:
                assert pause.seconds <= previous.seconds
        previous = pause
