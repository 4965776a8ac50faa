"""Daily limits over simulated days: weekdays, the day start, tightening now and loosening
tomorrow (unless forced), restarts, the 5- and 1-minute warnings, and the usage report."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from focusapp.core.limits import (
    Applies,
    LimitBook,
    LimitChange,
    MemoryLimitMemory,
    usage_report,
)
from focusapp.core.records import LogEntry, LogKind
from focusapp.core.settings import EnforceMode, Limit
from tests.unit.usage_sim import Machine, app, site

# 2026-03-06 is a Friday.
FRIDAY_MORNING = datetime(2026, 3, 6, 9, 0, tzinfo=UTC)
SOCIAL = Limit(
    name="Social",
    daily_minutes=30,
    apps=("discord",),
    sites=("youtube.com",),
    weekdays={"sat": 60},
)


class Setup:
    def __init__(
        self,
        limits: tuple[Limit, ...] = (SOCIAL,),
        when: datetime = FRIDAY_MORNING,
        memory: MemoryLimitMemory | None = None,
        machine: Machine | None = None,
    ) -> None:
        self.m = machine or Machine.at(when)
        self.memory = memory if memory is not None else MemoryLimitMemory()
        self.log: list[LogEntry] = []
        self.book = LimitBook(
            limits, self.m.ledger, self.m.time, memory=self.memory, log=self.log.append
        )

    def status(self, name: str = "Social") -> tuple[float, float, float]:
        st = next(s for s in self.book.status() if s.name == name)
        return st.used_s, st.limit_s, st.left_s

    def spend(self, seconds: float, activity: Any = None) -> None:
        self.m.switch(activity or app("discord"))
        self.m.use(seconds)
        self.m.switch(app("editor"))

    def reopened(self, limits: tuple[Limit, ...]) -> Setup:
        """The app restarted (same machine, same stored memory) with `limits` in its config."""
        return Setup(limits, memory=self.memory, machine=self.m)


def test_used_and_left_add_up_the_apps_and_sites_of_the_limit() -> None:
    s = Setup()
    s.spend(300, app("discord"))
    s.spend(120, site("www.youtube.com"))
    s.spend(600, app("editor"))
    assert s.status() == (pytest.approx(420), 1800, pytest.approx(1380))


def test_a_spent_limit_has_nothing_left_not_less_than_nothing() -> None:
    s = Setup((Limit(name="Social", daily_minutes=1, apps=("discord",)),))
    s.spend(300)
    used, limit, left = s.status()
    assert (used, limit, left) == (pytest.approx(300), 60, 0)
    assert s.book.for_activity(app("discord"))[0].spent


def test_weekday_minutes_apply_on_their_day_by_the_day_start() -> None:
    s = Setup(when=datetime(2026, 3, 7, 3, 30, tzinfo=UTC))  # Saturday 03:30: still Friday
    assert s.book.day == date(2026, 3, 6)
    assert s.status()[1] == 30 * 60
    s.m.use(3600)  # 04:30 Saturday
    assert s.book.day == date(2026, 3, 7)
    assert s.status()[1] == 60 * 60


def test_usage_of_a_new_day_starts_from_zero() -> None:
    s = Setup(when=datetime(2026, 3, 6, 3, 0, tzinfo=UTC))  # Friday 03:00: still Thursday
    s.spend(2 * 3600)
    assert s.status()[0] == pytest.approx(3600)  # only the hour after 04:00 is Friday's
    assert s.book.status(date(2026, 3, 5))[0].used_s == pytest.approx(3600)


def test_for_activity_lists_only_the_limits_it_counts_toward() -> None:
    video = Limit(name="Video", daily_minutes=10, sites=("youtube.com", "vimeo.com"))
    s = Setup((SOCIAL, video))
    assert [x.name for x in s.book.for_activity(site("m.youtube.com"))] == ["Social", "Video"]
    assert [x.name for x in s.book.for_activity(site("vimeo.com"))] == ["Video"]
    assert s.book.for_activity(app("editor")) == []
    assert s.book.for_activity(None) == []


# --- changing limits --------------------------------------------------------------------------


def test_lowering_a_limit_applies_at_once_and_is_logged() -> None:
    s = Setup()
    changes = s.book.configure(
        (Limit(name="Social", daily_minutes=10, apps=("discord",), sites=("youtube.com",)),)
    )
    assert changes == [LimitChange("Social", 30, 10, Applies.NOW)]
    assert s.status()[1] == 10 * 60
    assert [e.kind for e in s.log] == [LogKind.LIMIT_CHANGE]
    assert s.log[0].detail == {
        "limit": "Social",
        "old_minutes": 30,
        "new_minutes": 10,
        "applies": "now",
        "forced": False,
        "day": "2026-03-06",
    }


def test_raising_a_limit_waits_until_tomorrow() -> None:
    s = Setup()
    raised = Limit(name="Social", daily_minutes=90, apps=("discord",), sites=("youtube.com",))
    assert s.book.configure((raised,)) == [LimitChange("Social", 30, 90, Applies.TOMORROW)]
    assert s.status()[1] == 30 * 60
    assert s.log[-1].detail["applies"] == "tomorrow"
    assert s.book.deferred() == [LimitChange("Social", 30, 90, Applies.NOW, forced=True)]

    s.m.use(20 * 3600)  # Saturday, after 04:00: the new limit, and no weekday override any more
    assert s.status()[1] == 90 * 60
    assert s.book.deferred() == []


def test_a_forced_raise_applies_now_and_says_so_in_the_log() -> None:
    s = Setup()
    raised = Limit(name="Social", daily_minutes=90, apps=("discord",), sites=("youtube.com",))
    s.book.configure((raised,))
    assert s.book.force_deferred() == [LimitChange("Social", 30, 90, Applies.NOW, forced=True)]
    assert s.status()[1] == 90 * 60
    assert s.log[-1].detail["forced"] is True
    assert s.book.deferred() == []


def test_reading_the_same_raised_file_again_logs_nothing_new() -> None:
    s = Setup()
    raised = Limit(name="Social", daily_minutes=90, apps=("discord",), sites=("youtube.com",))
    s.book.configure((raised,))
    assert s.book.configure((raised,)) == []
    assert len(s.log) == 1


def test_removing_a_limit_keeps_it_until_tomorrow() -> None:
    s = Setup()
    assert s.book.configure(()) == [LimitChange("Social", 30, None, Applies.TOMORROW)]
    s.spend(1800)
    assert s.book.for_activity(app("discord"))[0].spent
    s.m.use(20 * 3600)
    assert s.book.status() == []


def test_a_new_limit_applies_at_once() -> None:
    s = Setup(())
    assert s.book.configure((SOCIAL,)) == [LimitChange("Social", None, 30, Applies.NOW)]
    assert s.status()[1] == 30 * 60


def test_taking_an_app_out_of_a_limit_waits_while_adding_one_does_not() -> None:
    s = Setup()
    changed = Limit(name="Social", daily_minutes=30, apps=("telegram",), sites=("youtube.com",))
    assert s.book.configure((changed,))[0].applies is Applies.TOMORROW
    assert [x.name for x in s.book.for_activity(app("discord"))] == ["Social"]  # still today
    assert [x.name for x in s.book.for_activity(app("telegram"))] == ["Social"]  # already
    s.m.use(20 * 3600)
    assert s.book.for_activity(app("discord")) == []


def test_a_softer_enforcement_waits_a_harder_one_does_not() -> None:
    closing = Limit(name="Social", daily_minutes=30, apps=("discord",), enforce="close")
    s = Setup((closing,))
    softer = Limit(name="Social", daily_minutes=30, apps=("discord",), enforce="minimize")
    assert s.book.configure((softer,))[0].applies is Applies.TOMORROW
    assert s.book.for_activity(app("discord"))[0].enforce is EnforceMode.CLOSE
    s.m.use(20 * 3600)
    assert s.book.for_activity(app("discord"))[0].enforce is EnforceMode.MINIMIZE


def test_a_restart_with_a_raised_config_file_keeps_todays_limit() -> None:
    s = Setup()
    s.spend(600)
    raised = Limit(name="Social", daily_minutes=120, apps=("discord",), sites=("youtube.com",))
    later = s.reopened((raised,))
    assert later.status() == (pytest.approx(600), 30 * 60, pytest.approx(1200))
    assert later.log[-1].detail["applies"] == "tomorrow"


def test_a_restart_on_a_new_day_starts_from_the_config_file() -> None:
    s = Setup()
    s.m.use(24 * 3600)
    raised = Limit(name="Social", daily_minutes=120, apps=("discord",), sites=("youtube.com",))
    later = s.reopened((raised,))
    assert later.status()[1] == 120 * 60  # a new day: the file as it is
    assert later.log == []


def test_unreadable_memory_falls_back_to_the_config_file() -> None:
    memory = MemoryLimitMemory()
    memory.memory = {"version": 1, "day": "2026-03-06", "limits": [{"name": "Social"}]}
    s = Setup(memory=memory)
    assert s.status()[1] == 30 * 60


# --- warnings ---------------------------------------------------------------------------------


def test_warnings_come_at_five_and_one_minute_left_once_each() -> None:
    s = Setup((Limit(name="Social", daily_minutes=10, apps=("discord",)),))
    s.m.switch(app("discord"))
    seen: list[tuple[int, float]] = []
    for _ in range(12 * 12):  # 12 minutes in 5-second ticks
        s.m.use(5)
        seen += [(w.minutes_left, w.left_s) for w in s.book.warnings_due()]
    assert [minutes for minutes, _ in seen] == [5, 1]
    assert seen[0][1] == pytest.approx(300)
    assert seen[1][1] == pytest.approx(60)


def test_crossing_both_thresholds_at_once_gives_only_the_nearer_warning() -> None:
    s = Setup((Limit(name="Social", daily_minutes=10, apps=("discord",)),))
    s.spend(9.5 * 60)
    assert [w.minutes_left for w in s.book.warnings_due()] == [1]
    assert s.book.warnings_due() == []


def test_no_warning_for_a_limit_already_spent_or_too_short_to_warn() -> None:
    s = Setup(
        (
            Limit(name="Social", daily_minutes=10, apps=("discord",)),
            Limit(name="Tiny", daily_minutes=3, apps=("telegram",)),
        )
    )
    s.spend(11 * 60)
    assert s.book.warnings_due() == []
    s.spend(150, app("telegram"))  # 30 s left of 3 minutes: only the 1-minute warning fits
    assert [(w.name, w.minutes_left) for w in s.book.warnings_due()] == [("Tiny", 1)]


def test_warnings_come_again_the_next_day_but_not_after_a_restart() -> None:
    s = Setup((Limit(name="Social", daily_minutes=10, apps=("discord",)),))
    s.spend(6 * 60)
    assert [w.minutes_left for w in s.book.warnings_due()] == [5]
    later = s.reopened((Limit(name="Social", daily_minutes=10, apps=("discord",)),))
    assert later.book.warnings_due() == []
    s.m.use(20 * 3600)
    s.spend(6 * 60)
    assert [w.minutes_left for w in later.book.warnings_due()] == [5]


# --- the usage report -------------------------------------------------------------------------


def test_the_usage_report_has_the_documented_shape() -> None:
    s = Setup()
    s.spend(90, app("discord"))
    s.spend(30, site("youtube.com"))
    s.spend(10, app("slack"))
    report = usage_report(s.m.ledger.day_totals(), s.book.status())
    assert report == {
        "date": "2026-03-06",
        "apps": {"discord": 90.0, "slack": 10.0},
        "sites": {"youtube.com": 30.0},
        "running_apps": {},
        "limits": {
            "Social": {"used_s": 120.0, "limit_s": 1800.0, "left_s": 1680.0, "enforce": "intervene"}
        },
    }
