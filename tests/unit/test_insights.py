"""The insights read layer: patterns in words and shapes, never counts, scores or streaks."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from focusapp.core.activity import ActivityKind, Certainty
from focusapp.core.insights import (
    EMPTY_SENTENCE,
    Insights,
    InsightsModel,
    UrgeMoment,
    categories_of,
    local_day,
)
from focusapp.core.phrases import Phrase
from focusapp.core.prompts import Category, PromptLibrary
from focusapp.core.records import SessionRecord
from focusapp.core.settings import Limit
from focusapp.core.usage import HourUsage, Subject
from focusapp.store.database import Database
from focusapp.store.insights_query import InsightsQuery
from tests.perf.insights_data import fill, prompt_categories

TZ = ZoneInfo("Europe/Amsterdam")
# A Thursday evening; with the 04:00 day start the local day is Thursday 26 November.
NOW = datetime(2026, 11, 26, 20, 0, tzinfo=UTC)
TODAY = date(2026, 11, 26)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute)).replace(tzinfo=TZ)


def urge(
    day: date, hour: int, name: str = "instagram.com", answer: str | None = None
) -> UrgeMoment:
    return UrgeMoment(at(day, hour), "site", name, "loop-001", answer, "feed")


def session(day: date, hour: int, focus_min: float) -> SessionRecord:
    start = at(day, hour)
    return SessionRecord(
        session_id=f"{day}-{hour}",
        profile=None,
        strict=False,
        source="tray",
        started_at=start,
        ended_at=start + timedelta(minutes=focus_min),
        planned_focus_s=focus_min * 60,
        focus_s=focus_min * 60,
        cycles_done=1,
        end_reason="completed",
    )


def site_hours(day: date, name: str, hours: float) -> list[HourUsage]:
    subject = Subject(ActivityKind.SITE, name)
    whole, part = divmod(hours, 1)
    rows = [HourUsage(day, 14 + h, subject, 3600.0) for h in range(int(whole))]
    if part:
        rows.append(HourUsage(day, 14 + int(whole), subject, part * 3600))
    return rows


def compute(
    urges: list[UrgeMoment] | None = None,
    sessions: list[SessionRecord] | None = None,
    usage: list[HourUsage] | None = None,
    period: int = 7,
    **kwargs: object,
) -> InsightsModel:
    return Insights.compute(urges or [], sessions or [], usage or [], period, NOW, TZ, **kwargs)  # type: ignore[arg-type]


def english(phrases: tuple[Phrase, ...]) -> tuple[str, ...]:
    """The sentences as the English source words them (the UI translates the same phrases)."""
    return tuple(map(str, phrases))


def all_words(model: InsightsModel) -> list[str]:
    return [
        *english(model.rhythm),
        *english(model.answers),
        *english(model.focus),
        *english(model.limits),
        *english(model.changes),
    ]


def days_back(n: int) -> date:
    return TODAY - timedelta(days=n)


def test_nothing_recorded_is_an_empty_model_with_a_calm_sentence() -> None:
    model = compute()
    assert model.empty
    assert not model.has_urges and not model.has_focus
    assert model.changes == ()
    assert str(EMPTY_SENTENCE).startswith("Nothing to show yet")


def test_period_is_the_last_seven_local_days_including_today() -> None:
    model = compute(period=7)
    assert (model.first_day, model.last_day) == (days_back(6), TODAY)
    assert len(model.focus_days) == 7


def test_a_late_night_belongs_to_the_evening_before() -> None:
    # 02:30 on Friday is still Thursday's local day with the 04:00 day start.
    assert local_day(at(date(2026, 11, 27), 2, 30), TZ, time(4)) == date(2026, 11, 26)


def test_urge_grid_is_shades_relative_to_the_busiest_hour_not_counts() -> None:
    wednesday = date(2026, 11, 25)
    urges = [urge(wednesday, 21)] * 4 + [urge(wednesday, 9)] * 2
    model = compute(urges)
    row = model.urge_grid[wednesday.weekday()]
    # Hour columns count from the 04:00 day start.
    assert row[21 - 4] == 1.0
    assert row[9 - 4] == 0.5
    assert all(0.0 <= v <= 1.0 for r in model.urge_grid for v in r)
    assert len(model.urge_grid) == 7 and all(len(r) == 24 for r in model.urge_grid)


def test_evening_heavy_urges_are_described_as_evening() -> None:
    urges = [urge(days_back(d), 20 + d % 3) for d in range(7) for _ in range(2)]
    urges.append(urge(days_back(1), 10))
    model = compute(urges)
    assert str(model.rhythm[0]) == "Urges came mostly in the evening."


def test_top_answer_is_a_phrase_and_never_a_count() -> None:
    urges = (
        [urge(days_back(1), 20, answer="Habit, honestly")] * 6
        + [urge(days_back(2), 20, answer="I was bored")] * 3
        + [urge(days_back(2), 21, answer="Lonely")]
    )
    model = compute(urges, categories={"loop-001": Category.LOOP})
    assert str(model.answers[0]) == "Most often you answered: \u2018Habit, honestly\u2019."
    assert "Often, too: \u2018I was bored\u2019." in english(model.answers)
    assert "Sometimes: \u2018Lonely\u2019." in english(model.answers)
    assert any("reaching for it without quite deciding to" in s for s in english(model.answers))


def test_targets_are_ranked_with_relative_weights_and_time_spent() -> None:
    urges = [urge(days_back(1), 20, "tiktok.com")] * 4 + [urge(days_back(1), 21, "x.com")] * 2
    usage = site_hours(days_back(1), "tiktok.com", 2)
    model = compute(urges, usage=usage)
    assert [(t.name, t.weight) for t in model.targets] == [("tiktok.com", 1.0), ("x.com", 0.5)]
    assert model.targets[0].usage_s == 7200.0
    assert model.targets[1].usage_s == 0.0


def test_running_only_time_is_not_counted_as_time_in_front_of_the_user() -> None:
    running = Subject(ActivityKind.APP, "discord", Certainty.RUNNING)
    model = compute(
        [UrgeMoment(at(days_back(1), 20), "app", "discord")],
        usage=[HourUsage(days_back(1), 15, running, 3600.0)],
    )
    assert model.targets[0].usage_s == 0.0


def test_focus_time_per_day_from_sessions_and_none_outside_the_period() -> None:
    sessions = [session(days_back(1), 9, 50), session(days_back(1), 14, 25)]
    sessions.append(session(days_back(20), 9, 50))  # older than the period and the one before
    model = compute(sessions=sessions)
    by_day = {d.day: d.focus_s for d in model.focus_days}
    assert by_day[days_back(1)] == 75 * 60
    assert sum(by_day.values()) == 75 * 60
    assert not model.empty


def test_no_focus_sessions_is_said_plainly() -> None:
    model = compute([urge(days_back(1), 20)])
    assert english(model.focus) == ("No focus sessions in these days.",)


def test_limit_that_ran_out_on_two_days_names_them() -> None:
    social = Limit(name="Social", daily_minutes=60, sites=("instagram.com",))
    usage = [
        *site_hours(date(2026, 11, 24), "instagram.com", 1.5),  # Tuesday: ran out
        *site_hours(date(2026, 11, 21), "instagram.com", 2),  # Saturday: ran out
        *site_hours(date(2026, 11, 25), "instagram.com", 0.5),
    ]
    model = compute(usage=usage, limits=[social])
    assert english(model.limits) == (
        "Social mostly stayed within its limit; it ran out on Saturday and Tuesday.",
    )


def test_limit_kept_every_day_and_limit_often_reached() -> None:
    calm = Limit(name="Video", daily_minutes=120, sites=("youtube.com",))
    tight = Limit(name="Social", daily_minutes=30, sites=("instagram.com",))
    usage = [row for d in range(7) for row in site_hours(days_back(d), "instagram.com", 1)]
    model = compute(usage=usage, limits=[calm, tight])
    assert english(model.limits) == (
        "Video stayed within its limit.",
        "Social often reached its limit before the day was over.",
    )


def test_urges_later_in_the_day_than_the_week_before() -> None:
    earlier = [urge(days_back(7 + d), 13) for d in range(6)]
    later = [urge(days_back(d), 21) for d in range(6)]
    model = compute(earlier + later)
    assert "Urges came later in the day than the week before." in english(model.changes)


def test_less_time_on_a_site_and_fewer_urges_than_the_week_before() -> None:
    usage = [
        *[row for d in range(7, 14) for row in site_hours(days_back(d), "instagram.com", 2)],
        *[row for d in range(7) for row in site_hours(days_back(d), "instagram.com", 0.5)],
    ]
    urges = [urge(days_back(8), 20)] * 10 + [urge(days_back(1), 20)] * 3
    model = compute(urges, usage=usage)
    assert "Less time on instagram.com than the week before." in english(model.changes)
    assert "Urges came less often than the week before." in english(model.changes)


def test_thirty_days_compare_with_the_thirty_days_before() -> None:
    usage = [row for d in range(30, 60) for row in site_hours(days_back(d), "tiktok.com", 1)]
    model = compute(usage=usage, period=30)
    assert str(model.changes[0]) == "Less time on tiktok.com than the 30 days before."


def test_a_quiet_change_says_much_the_same() -> None:
    urges = [urge(days_back(d), 20) for d in range(14)]
    model = compute(urges)
    assert english(model.changes) == ("Much the same as the week before.",)


def test_no_history_before_means_no_comparison() -> None:
    model = compute([urge(days_back(1), 20)])
    assert model.changes == ()


def test_words_never_count_score_or_streak() -> None:
    urges = [
        urge(days_back(d), 12 + (d * 5) % 12, name, answer)
        for d in range(14)
        for name, answer in (("instagram.com", "Habit, honestly"), ("tiktok.com", "Bored"))
    ]
    usage = [row for d in range(14) for row in site_hours(days_back(d), "tiktok.com", d % 3)]
    sessions = [session(days_back(d), 9, 25 + d) for d in range(0, 14, 2)]
    limits = [Limit(name="Social", daily_minutes=60, sites=("tiktok.com",))]
    for period in (7, 30):
        model = compute(urges, sessions, usage, period=period, limits=limits)
        for sentence in all_words(model):
            assert not re.search(r"\d", sentence), sentence
            assert "%" not in sentence
            for word in ("streak", "score", "resisted", "badge", "record"):
                assert word not in sentence.lower(), sentence


def test_a_period_must_have_days() -> None:
    with pytest.raises(ValueError, match="at least one day"):
        compute(period=0)


def test_categories_come_from_the_prompt_library() -> None:
    library = PromptLibrary.from_toml_text(
        'format = 1\nlanguage = "en"\n[[prompts]]\nid = "loop-001"\ncategory = "loop"\n'
        'text = "Did you decide to open this?"\nanswers = ["My hand did", "I decided"]\n',
        "en",
    )
    assert categories_of(library) == {"loop-001": Category.LOOP}


def test_query_reads_only_the_period_and_the_one_before_from_sqlite(tmp_path: Path) -> None:
    db, _ = Database.open(tmp_path / "focusapp.sqlite3")
    with db:
        generated = fill(db, TODAY, 90, TZ, urges_per_day=10)
        query = InsightsQuery(db)
        first = days_back(13)
        rows = query.rows(first, TODAY, TZ)
        assert rows.urges and rows.sessions and rows.usage_hours
        assert len(rows.urges) < generated.urges / 3
        assert all(first <= local_day(u.ts, TZ) <= TODAY for u in rows.urges)
        assert {h.day for h in rows.usage_hours} == {first + timedelta(d) for d in range(14)}
        model = query.model(7, NOW, TZ, categories=prompt_categories())
        assert not model.empty and model.has_urges and model.has_focus
        assert model.targets[0].name in ("instagram.com", "tiktok.com")
        assert model.targets[0].usage_s > 0
        assert query.last_error is None


def test_query_failure_is_reported_not_raised(tmp_path: Path) -> None:
    db, _ = Database.open(tmp_path / "focusapp.sqlite3")
    with db:
        db.conn.execute("DROP TABLE urges")
        query = InsightsQuery(db)
        model = query.model(7, NOW, TZ)
        assert model.empty
        assert query.last_error is not None and "journal" in query.last_error
