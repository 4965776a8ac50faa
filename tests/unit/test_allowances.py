"""Allowances: granted for N minutes on the boot clock, kept across a restart and a reboot."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from focusapp.core.activity import Activity, ActivityKind
from focusapp.core.allowances import Allowances, MemoryAllowanceStore
from focusapp.core.clock import ManualClock
from focusapp.core.errors import InvalidRequest
from focusapp.core.timebase import TimeBase

DISCORD = Activity(ActivityKind.APP, "Discord")
X = Activity(ActivityKind.SITE, "x.com")


def setup() -> tuple[ManualClock, TimeBase, MemoryAllowanceStore, Allowances]:
    clock = ManualClock(now=datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    tb = TimeBase(clock)
    store = MemoryAllowanceStore()
    return clock, tb, store, Allowances(tb, store)


def test_an_allowance_covers_its_app_until_it_expires() -> None:
    clock, _tb, _store, allowances = setup()
    allowances.grant(DISCORD, 10)
    assert allowances.is_active(Activity(ActivityKind.APP, "discord", title="general"))
    assert not allowances.is_active(X)
    assert not allowances.is_active(Activity(ActivityKind.SITE, "discord"))
    clock.advance(9 * 60)
    assert allowances.left_s(DISCORD) == pytest.approx(60)
    clock.advance(60)
    assert not allowances.is_active(DISCORD)
    assert allowances.active() == []


def test_setting_the_wall_clock_neither_shortens_nor_stretches_it() -> None:
    clock, tb, _store, allowances = setup()
    allowances.grant(DISCORD, 10)
    clock.jump_wall(3600)
    tb.check()
    assert allowances.left_s(DISCORD) == pytest.approx(600)
    clock.jump_wall(-7200)
    tb.check()
    clock.advance(600)
    assert not allowances.is_active(DISCORD)


def test_a_restart_keeps_the_allowances_running() -> None:
    clock, tb, store, allowances = setup()
    allowances.grant(DISCORD, 10)
    clock.advance(120)
    again = Allowances(tb, store)
    assert again.left_s(DISCORD) == pytest.approx(480)


def test_after_a_reboot_the_rest_comes_from_the_wall_clock() -> None:
    clock, _tb, store, allowances = setup()
    allowances.grant(DISCORD, 10)
    allowances.grant(X, 2)
    clock.reboot(off_for_s=180)
    again = Allowances(TimeBase(clock), store)
    assert again.left_s(DISCORD) == pytest.approx(420)
    assert not again.is_active(X)
    assert [a.name for a in store.saved] == ["discord"]  # the expired one is forgotten


def test_a_reboot_with_the_clock_set_back_gives_no_more_than_was_granted() -> None:
    clock, _tb, store, allowances = setup()
    allowances.grant(DISCORD, 10)
    clock.reboot()
    clock.jump_wall(-86400)
    again = Allowances(TimeBase(clock), store)
    assert again.left_s(DISCORD) == pytest.approx(600)


def test_granting_again_replaces_and_revoking_ends_it() -> None:
    clock, _tb, _store, allowances = setup()
    allowances.grant(DISCORD, 10)
    clock.advance(300)
    allowances.grant(DISCORD, 1)
    assert allowances.left_s(DISCORD) == pytest.approx(60)
    allowances.revoke(DISCORD)
    assert not allowances.is_active(DISCORD)


@pytest.mark.parametrize("minutes", [0, 0.5, -3, 241])
def test_an_allowance_has_sensible_bounds(minutes: float) -> None:
    _clock, _tb, _store, allowances = setup()
    with pytest.raises(InvalidRequest):
        allowances.grant(DISCORD, minutes)
