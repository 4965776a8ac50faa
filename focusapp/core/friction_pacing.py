"""How long, and in what form, the pause before a reflective question lasts: it adapts to the urges.

One urge now and then gets a short pause (5 s). Urges that come back within `REPEAT_WITHIN_S` of
the previous one step the pause up (5, 10, 20, 40, then 60 s, never longer): a reach that keeps
coming back deserves a slower way in, not a wall. Each full calm hour without an urge steps it
back down one, so a hard morning does not follow the user into a calm afternoon.

The form of the pause changes too (a breathing circle, a count of slow breaths, a plain still
screen), never the same twice in a row, because a pause that always looks the same becomes
wallpaper (PSYCHOLOGY.md).

Time is the boot clock (`TimeBase.boot()`), which nobody can set, so changing the system clock
neither relaxes the pause nor makes it grow. Across a reboot the boot clock starts again; then
only the wall clock can say how long the machine was away (see `from_state`).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from focusapp.core.timebase import TimeBase

PAUSE_STEPS_S: tuple[int, ...] = (5, 10, 20, 40, 60)
MAX_PAUSE_S = 60
REPEAT_WITHIN_S = 30 * 60.0
CALM_STEP_S = 60 * 60.0
# One slow breath in and out, as the overlay paces them: a pause holds a whole number of them.
SLOW_BREATH_S = 8.0
STATE_VERSION = 1


class PauseForm(StrEnum):
    """What the user sees while the pause runs."""

    BREATHING_CIRCLE = "breathing_circle"  # a soft circle that grows and shrinks
    SLOW_BREATHS = "slow_breaths"  # "breath 2 of 4": a count of slow breaths, no animation
    STILL = "still"  # a plain still screen, nothing to follow


@dataclass(frozen=True)
class Pause:
    seconds: int
    form: PauseForm

    @property
    def breaths(self) -> int:
        """How many slow breaths fit the pause (at least one): what SLOW_BREATHS counts.

        Rounded as the overlay rounds its breathing circle, so both forms breathe alike.
        """
        return max(1, round(self.seconds / SLOW_BREATH_S))


class FrictionPacer:
    """Remembers the recent urges and answers how long and in what form the next pause runs.

    `next_pause()` says what an urge now would get, without changing anything; `record_urge()`
    is called once per intervention and returns the pause to show for it.
    """

    def __init__(self, time: TimeBase, *, rng: random.Random | None = None) -> None:
        self._time = time
        self._rng = rng or random.Random()
        self._step = 0
        self._last_urge_boot: float | None = None
        self._last_form: PauseForm | None = None
        self._next_form = self._choose_form()

    def next_pause(self) -> Pause:
        return Pause(PAUSE_STEPS_S[self._step_for_urge_at(self._time.boot())], self._next_form)

    def record_urge(self) -> Pause:
        now = self._time.boot()
        self._step = self._step_for_urge_at(now)
        pause = Pause(PAUSE_STEPS_S[self._step], self._next_form)
        self._last_urge_boot = now
        self._last_form = pause.form
        self._next_form = self._choose_form()
        return pause

    def _step_for_urge_at(self, now: float) -> int:
        if self._last_urge_boot is None:
            return 0
        # A boot clock that went backwards (state from another boot, restored badly) proves
        # nothing about the gap: treat the urge as coming right after the last one.
        gap = max(0.0, now - self._last_urge_boot)
        relaxed = max(0, self._step - int(gap // CALM_STEP_S))
        if gap < REPEAT_WITHIN_S:
            return min(relaxed + 1, len(PAUSE_STEPS_S) - 1)
        return relaxed

    def _choose_form(self) -> PauseForm:
        choices = [form for form in PauseForm if form is not self._last_form]
        return self._rng.choice(choices)

    # -- persistence ----------------------------------------------------------------------------

    def to_state(self) -> dict[str, Any]:
        """A JSON-friendly snapshot; `from_state` turns it back into a pacer."""
        last = self._last_urge_boot
        return {
            "version": STATE_VERSION,
            "step": self._step,
            "last_urge_boot": last,
            "last_urge_wall": None if last is None else self._time.wall_at_boot(last).isoformat(),
            "boot_id": self._time.clock.boot_id(),
            "last_form": None if self._last_form is None else self._last_form.value,
            "next_form": self._next_form.value,
        }

    @classmethod
    def from_state(
        cls, time: TimeBase, state: Mapping[str, Any], *, rng: random.Random | None = None
    ) -> FrictionPacer:
        """A pacer that carries on from `state`; anything unreadable starts afresh, never fails.

        Within the same boot the saved boot-clock time is used as is. After a reboot the boot
        clock started again, so the time since the last urge comes from the wall clock, never
        less than zero: a reboot is itself a long pause, and the most a wall-clock trick can
        gain there is the relaxation a calm hour would have given.
        """
        pacer = cls(time, rng=rng)
        if not isinstance(state, Mapping) or state.get("version") != STATE_VERSION:
            return pacer
        step = state.get("step")
        if isinstance(step, int) and not isinstance(step, bool):
            pacer._step = min(max(step, 0), len(PAUSE_STEPS_S) - 1)
        pacer._last_urge_boot = _restored_boot(time, state)
        if pacer._last_urge_boot is None:
            pacer._step = 0
        last_form, next_form = _form(state.get("last_form")), _form(state.get("next_form"))
        pacer._last_form = last_form
        if next_form is not None and next_form is not last_form:
            pacer._next_form = next_form
        else:
            pacer._next_form = pacer._choose_form()
        return pacer


def _form(raw: object) -> PauseForm | None:
    known = {form.value: form for form in PauseForm}
    return known.get(raw) if isinstance(raw, str) else None


def _restored_boot(time: TimeBase, state: Mapping[str, Any]) -> float | None:
    boot = state.get("last_urge_boot")
    if state.get("boot_id") == time.clock.boot_id():
        if isinstance(boot, int | float) and not isinstance(boot, bool):
            return float(boot)
        return None
    wall = state.get("last_urge_wall")
    if not isinstance(wall, str):
        return None
    try:
        when = datetime.fromisoformat(wall)
    except ValueError:
        return None
    if when.tzinfo is None:
        return None
    # Never later than now: a wall clock set back must not put the last urge in the future.
    return min(time.boot_at_wall(when), time.boot())
