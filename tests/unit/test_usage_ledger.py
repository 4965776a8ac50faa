"""The usage ledger over simulated days: switches, idle, locks, day rollover, DST, clock jumps,
suspend, flushing and crashes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from focusapp.core.activity import Certainty
from focusapp.core.settings import Limit
from focusapp.core.usage import FLUSH_EVERY_S, MemoryUsageStore, Subject, UsageLedger
from focusapp.store.database import Database
from focusapp.store.usage_store import SqliteUsageStore
from tests.unit.usage_sim import EVER, TICK_S, Machine, app, site

MONDAY = date(2026, 3, 2)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def minutes_of(m: Machine, subject: Subject) -> dict[int, float]:
    return {b.minute: b.seconds for b in m.ledger.buckets(*EVER) if b.subject == subject}


# --- crediting --------------------------------------------------------------------------------


def test_time_goes_to_what_was_in_front_until_the_switch() -> None:
    m = Machine.at()
    m.switch(app("editor"))
    m.use(30)
    m.switch(site("x.com"))
    m.use(20)
    m.switch(None)
    m.use(100)

    usage = m.ledger.day_totals(MONDAY)
    assert usage.apps == {"editor": pytest.approx(30)}
    assert usage.sites == {"x.com": pytest.approx(20)}
    assert usage.running_apps == {}


def test_seconds_are_split_at_minute_boundaries_counted_from_the_day_start() -> None:
    m = Machine.at(datetime(2026, 3, 2, 8, 0, 40, tzinfo=UTC))
    m.switch(app("editor"))
    m.use(50)

    # 08:00 is four hours after the 04:00 day start: minute 240.
    assert minutes_of(m, Subject.of(app("editor"))) == {
        240: pytest.approx(20),
        241: pytest.approx(30),
    }


def test_a_long_stretch_without_ticks_is_still_credited_whole() -> None:
    m = Machine.at()
    m.switch(app("editor"))
    m.use(600, tick_s=600)
    assert m.ledger.day_totals(MONDAY).apps["editor"] == pytest.approx(600)
    assert len(minutes_of(m, Subject.of(app("editor")))) == 10


def test_running_only_apps_are_counted_apart_and_not_toward_limits() -> None:
    m = Machine.at()
    m.switch(app("discord", Certainty.RUNNING))
    m.use(60)
    m.switch(app("discord"))
    m.use(30)
    m.switch(None)

    usage = m.ledger.day_totals(MONDAY)
    assert usage.running_apps == {"discord": pytest.approx(60)}
    assert usage.apps == {"discord": pytest.approx(30)}
    social = Limit(name="Social", daily_minutes=30, apps=("Discord",))
    assert m.ledger.used_by(social, MONDAY) == pytest.approx(30)
    assert m.ledger.used_by(social, MONDAY, Certainty.RUNNING) == pytest.approx(60)


def test_a_limit_adds_up_its_apps_and_sites_and_subdomains() -> None:
    m = Machine.at()
    for activity, seconds in [
        (app("discord"), 60),
        (site("youtube.com"), 120),
        (site("m.youtube.com"), 30),
        (site("notyoutube.com"), 500),
        (app("editor"), 300),
    ]:
        m.switch(activity)
        m.use(seconds)
    m.switch(None)

    social = Limit(name="Social", daily_minutes=30, apps=("discord",), sites=("youtube.com",))
    assert m.ledger.used_by(social) == pytest.approx(210)


# --- idle and locked --------------------------------------------------------------------------


def test_reading_without_touching_anything_still_counts_below_the_idle_threshold() -> None:
    m = Machine.at(idle_threshold_s=120)
    m.switch(site("news.example"))
    m.use(100, typing=False)
    m.switch(None)
    assert m.ledger.day_totals(MONDAY).sites["news.example"] == pytest.approx(100)


def test_idle_counts_nothing_from_the_moment_input_stopped() -> None:
    m = Machine.at(idle_threshold_s=120)
    m.switch(app("editor"))
    m.use(60)  # working
    m.use(300, typing=False)  # gone for a coffee: 120 s later it is idle, from second 60
    assert m.ledger.day_totals(MONDAY).apps["editor"] == pytest.approx(60)
    m.use(60)  # back
    m.switch(None)
    # The tick in which the user came back is not counted: when inside it is unknown.
    assert m.ledger.day_totals(MONDAY).apps["editor"] == pytest.approx(60 + 60 - TICK_S)


def test_idle_seen_at_the_last_tick_before_the_user_returns_is_not_counted() -> None:
    m = Machine.at(idle_threshold_s=120)
    m.switch(app("editor"))
    m.use(120, typing=False)  # the tick at 120 s is the first to see the idle threshold
    m.switch(app("editor"))  # and at that very moment the user is back
    m.switch(None)
    assert m.ledger.day_totals(MONDAY).apps == {}


def test_an_idle_stretch_already_flushed_is_taken_back_from_the_store() -> None:
    store = MemoryUsageStore()
    m = Machine.at(store=store, idle_threshold_s=120)
    m.switch(app("editor"))
    m.use(115, typing=False)
    assert sum(store.buckets.values()) == pytest.approx(110)  # flushed every 10 s
    m.use(10, typing=False)
    m.ledger.flush()
    assert sum(store.buckets.values()) == pytest.approx(0)
    assert store.buckets == {}  # emptied buckets are removed, not kept at zero


def test_a_locked_screen_counts_nothing() -> None:
    m = Machine.at()
    m.switch(app("editor"))
    m.use(30)
    m.locked = True
    m.observe()
    m.use(600)
    m.locked = False
    m.switch(app("editor"))
    m.use(30)
    m.switch(None)
    assert m.ledger.day_totals(MONDAY).apps["editor"] == pytest.approx(60)


def test_unknown_idle_counts_as_present() -> None:
    m = Machine.at()
    m.ledger.observe(app("editor"), None)
    m.clock.advance(30)
    m.ledger.observe(None, None)
    assert m.ledger.day_totals(MONDAY).apps["editor"] == pytest.approx(30)


# --- days -------------------------------------------------------------------------------------


def test_the_day_rolls_over_at_four_while_running() -> None:
    m = Machine.at(datetime(2026, 3, 3, 3, 50, tzinfo=UTC))
    m.switch(app("editor"))
    m.use(20 * 60)
    m.switch(None)

    assert m.ledger.local_day(m.time.now()) == date(2026, 3, 3)
    assert m.ledger.day_totals(date(2026, 3, 2)).apps["editor"] == pytest.approx(600)
    assert m.ledger.day_totals(date(2026, 3, 3)).apps["editor"] == pytest.approx(600)
    before = {b.minute for b in m.ledger.buckets(*EVER) if b.day == date(2026, 3, 2)}
    after = {b.minute for b in m.ledger.buckets(*EVER) if b.day == date(2026, 3, 3)}
    assert before == set(range(1430, 1440))
    assert after == set(range(0, 10))


def test_the_day_start_hour_is_configurable() -> None:
    m = Machine.at(datetime(2026, 3, 2, 23, 50, tzinfo=UTC), day_start=time(0, 0))
    assert m.ledger.local_day(datetime(2026, 3, 3, 3, 0, tzinfo=UTC)) == date(2026, 3, 3)
    m.switch(app("editor"))
    m.use(20 * 60)
    m.switch(None)
    assert m.ledger.day_totals(date(2026, 3, 2)).apps["editor"] == pytest.approx(600)
    assert m.ledger.day_totals(date(2026, 3, 3)).apps["editor"] == pytest.approx(600)


def test_local_day_follows_the_time_zone() -> None:
    m = Machine.at(tz=AMSTERDAM)
    # 03:30 UTC is 04:30 in Amsterdam in winter: already the new day there.
    assert m.ledger.local_day(datetime(2026, 3, 3, 2, 30, tzinfo=UTC)) == date(2026, 3, 2)
    assert m.ledger.local_day(datetime(2026, 3, 3, 3, 30, tzinfo=UTC)) == date(2026, 3, 3)


def test_limits_reset_at_the_next_day_start_in_local_time_across_dst() -> None:
    # Saturday 28 March 22:00 in Amsterdam; the clocks go forward that night.
    m = Machine.at(datetime(2026, 3, 28, 21, 0, tzinfo=UTC), tz=AMSTERDAM)
    reset = m.ledger.next_day_starts_at()
    assert reset == datetime(2026, 3, 29, 4, 0, tzinfo=AMSTERDAM)
    assert reset.astimezone(UTC) == datetime(2026, 3, 29, 2, 0, tzinfo=UTC)
    # Before the day start it is still yesterday: the reset is this morning.
    early = Machine.at(datetime(2026, 3, 2, 1, 0, tzinfo=UTC), tz=AMSTERDAM)
    assert early.ledger.next_day_starts_at() == datetime(2026, 3, 2, 4, 0, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("day", "hours"),
    [(date(2026, 3, 28), 23), (date(2026, 10, 24), 25), (date(2026, 6, 13), 24)],
)
def test_a_dst_day_is_as_long_as_it_really_is(day: date, hours: int) -> None:
    begins = datetime.combine(day, time(4, 0), tzinfo=AMSTERDAM).astimezone(UTC)
    m = Machine.at(begins, tz=AMSTERDAM)
    m.switch(app("editor"))
    m.use(hours * 3600, tick_s=60)
    assert m.ledger.local_day(m.time.now()) == day + timedelta(days=1)
    m.switch(None)

    assert m.ledger.day_totals(day).apps["editor"] == pytest.approx(hours * 3600)
    assert m.ledger.day_totals(day + timedelta(days=1)).apps == {}
    minutes = minutes_of(m, Subject.of(app("editor")))
    assert set(minutes) <= set(range(1440))
    # A bucket is a minute of the wall clock: the hour lived twice in autumn shares its buckets.
    assert max(minutes.values()) == pytest.approx(120 if hours == 25 else 60)


# --- clocks -----------------------------------------------------------------------------------


@pytest.mark.parametrize("jump_s", [3 * 3600, -3 * 3600, 26 * 3600, -26 * 3600])
def test_a_clock_jump_neither_creates_nor_removes_time(jump_s: float) -> None:
    m = Machine.at()
    m.switch(app("editor"))
    m.use(60)
    m.clock.jump_wall(jump_s)
    m.use(60)  # noticed or not, the ledger measures on a clock that cannot be set
    assert m.time.check()  # the session engine's tick notices the jump
    m.use(60)
    m.switch(None)
    assert m.total() == pytest.approx(180)


def test_after_a_jump_new_time_lands_on_the_new_calendar() -> None:
    m = Machine.at()
    m.switch(app("editor"))
    m.use(60)
    m.clock.jump_wall(24 * 3600)
    m.time.check()
    m.use(60)
    m.switch(None)
    assert m.ledger.day_totals(MONDAY).apps["editor"] == pytest.approx(60)
    assert m.ledger.day_totals(MONDAY + timedelta(days=1)).apps["editor"] == pytest.approx(60)


def test_suspended_time_is_not_usage_and_awake_time_stays_where_it_was() -> None:
    m = Machine.at()
    m.switch(app("editor"))
    m.use(60)
    m.clock.suspend(3600)
    m.switch(app("editor"))  # the tick after waking, with the user back at the keyboard
    m.use(30)
    m.switch(None)

    assert m.ledger.day_totals(MONDAY).apps["editor"] == pytest.approx(90)
    assert minutes_of(m, Subject.of(app("editor"))) == {
        240: pytest.approx(60),
        301: pytest.approx(30),
    }


def test_a_suspend_noticed_late_still_credits_only_the_awake_time() -> None:
    m = Machine.at()
    m.switch(app("editor"))
    m.clock.advance(20)
    m.clock.suspend(3600)
    m.clock.advance(10)
    m.last_input = m.clock.boot
    m.observe()
    m.switch(None)
    assert m.total() == pytest.approx(30)


def test_a_new_ledger_after_a_reboot_starts_counting_at_its_first_observation() -> None:
    store = MemoryUsageStore()
    m = Machine.at(store=store)
    m.switch(app("editor"))
    m.use(30)
    m.ledger.stop()
    m.clock.reboot(off_for_s=3600)
    later = Machine(m.clock, m.time, store, UsageLedger(m.time, store), last_input=m.clock.boot)
    later.switch(app("editor"))
    later.use(30)
    later.switch(None)
    assert later.ledger.day_totals(MONDAY).apps["editor"] == pytest.approx(60)


# --- flushing and crashes ---------------------------------------------------------------------


def test_a_switch_flushes_at_once_and_ticks_at_least_every_ten_seconds() -> None:
    store = MemoryUsageStore()
    m = Machine.at(store=store)
    m.switch(app("editor"))
    m.use(3, tick_s=1)
    assert store.buckets == {}
    m.switch(site("x.com"))
    assert sum(store.buckets.values()) == pytest.approx(3)
    m.use(FLUSH_EVERY_S, tick_s=1)
    assert sum(store.buckets.values()) == pytest.approx(3 + FLUSH_EVERY_S)
    assert m.ledger.pending_s == pytest.approx(0)


def test_a_failed_write_keeps_the_seconds_for_the_next_flush() -> None:
    store = MemoryUsageStore()
    m = Machine.at(store=store)
    store.failing = True
    m.switch(app("editor"))
    m.use(30)
    m.switch(None)
    assert store.buckets == {}
    assert m.ledger.day_totals(MONDAY).apps["editor"] == pytest.approx(30)
    store.failing = False
    m.use(10)
    assert sum(store.buckets.values()) == pytest.approx(30)


def test_a_crash_loses_at_most_ten_seconds(tmp_path: Path) -> None:
    path = tmp_path / "focusapp.sqlite3"
    db, _ = Database.open(path)
    m = Machine.at(store=SqliteUsageStore(db))
    m.switch(app("editor"))
    m.use(25)
    # Killed: no flush, no goodbye. The next start reads what reached the disk.
    db.close()

    db, _ = Database.open(path)
    with db:
        reopened = UsageLedger(m.time, SqliteUsageStore(db))
        counted = reopened.day_totals(MONDAY).apps["editor"]
    assert 25 - FLUSH_EVERY_S <= counted <= 25


def test_a_restart_during_the_day_continues_the_days_totals(tmp_path: Path) -> None:
    path = tmp_path / "focusapp.sqlite3"
    db, _ = Database.open(path)
    m = Machine.at(store=SqliteUsageStore(db))
    m.switch(app("editor"))
    m.use(100)
    m.ledger.stop()
    db.close()

    db, _ = Database.open(path)
    with db:
        later = Machine(
            m.clock, m.time, SqliteUsageStore(db), UsageLedger(m.time, SqliteUsageStore(db))
        )
        later.switch(app("editor"))
        later.use(50)
        later.switch(None)
        assert later.ledger.day_totals(MONDAY).apps["editor"] == pytest.approx(150)


def test_changing_the_day_start_keeps_what_was_counted() -> None:
    m = Machine.at()
    m.switch(app("editor"))
    m.use(60)
    m.ledger.configure(day_start=time(6, 0))
    m.use(60)
    m.switch(None)
    assert m.total() == pytest.approx(120)
    assert m.ledger.day_start == time(6, 0)
