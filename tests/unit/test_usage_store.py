"""Usage, allowances and today's limits on SQLite, and migration 2 on a version 1 database."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from focusapp.core.activity import ActivityKind, Certainty
from focusapp.core.allowances import Allowances
from focusapp.core.clock import ManualClock
from focusapp.core.limits import LimitBook
from focusapp.core.settings import Limit
from focusapp.core.timebase import TimeBase
from focusapp.core.usage import Subject, UsageBucket, UsageLedger
from focusapp.store.database import MIGRATIONS, Database, to_db_timestamp
from focusapp.store.usage_store import SqliteUsageStore
from tests.unit.usage_sim import app

DAY = date(2026, 3, 2)
EDITOR = Subject(ActivityKind.APP, "editor")
X = Subject(ActivityKind.SITE, "x.com")
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database, _ = Database.open(tmp_path / "focusapp.sqlite3", lambda: NOW)
    with database:
        yield database


def test_adding_seconds_to_a_bucket_adds_up(db: Database) -> None:
    store = SqliteUsageStore(db)
    assert store.add_usage([UsageBucket(DAY, 240, EDITOR, 20.5), UsageBucket(DAY, 241, X, 3)])
    assert store.add_usage([UsageBucket(DAY, 240, EDITOR, 9.5)])
    assert store.usage_buckets(DAY, DAY) == [
        UsageBucket(DAY, 240, EDITOR, 30.0),
        UsageBucket(DAY, 241, X, 3.0),
    ]
    assert {t.subject: t.seconds for t in store.usage_totals(DAY)} == {EDITOR: 30.0, X: 3.0}
    # Names are stored once, buckets refer to them.
    assert db.conn.execute("SELECT count(*) FROM usage_subjects").fetchone()[0] == 2


def test_taking_seconds_back_never_goes_below_zero_and_removes_empty_buckets(
    db: Database,
) -> None:
    store = SqliteUsageStore(db)
    store.add_usage([UsageBucket(DAY, 240, EDITOR, 20), UsageBucket(DAY, 241, EDITOR, 20)])
    store.add_usage([UsageBucket(DAY, 240, EDITOR, -5), UsageBucket(DAY, 241, EDITOR, -25)])
    store.add_usage([UsageBucket(DAY, 300, EDITOR, -5)])  # nothing there: nothing happens
    assert store.usage_buckets(DAY, DAY) == [UsageBucket(DAY, 240, EDITOR, 15.0)]


def test_running_and_focused_time_of_the_same_app_stay_apart(db: Database) -> None:
    store = SqliteUsageStore(db)
    running = Subject(ActivityKind.APP, "editor", Certainty.RUNNING)
    store.add_usage([UsageBucket(DAY, 240, EDITOR, 10), UsageBucket(DAY, 240, running, 50)])
    assert {t.subject: t.seconds for t in store.usage_totals(DAY)} == {EDITOR: 10, running: 50}


def test_hourly_usage_sums_minutes_into_hours_from_the_day_start(db: Database) -> None:
    store = SqliteUsageStore(db)
    store.add_usage(
        [
            UsageBucket(DAY, 0, EDITOR, 60),
            UsageBucket(DAY, 59, EDITOR, 30),
            UsageBucket(DAY, 60, EDITOR, 10),
            UsageBucket(date(2026, 3, 9), 0, EDITOR, 60),  # outside the week
        ]
    )
    rows = store.hourly_usage(DAY, date(2026, 3, 8))
    assert [(r.day, r.hour, r.subject, r.seconds) for r in rows] == [
        (DAY, 0, EDITOR, 90.0),
        (DAY, 1, EDITOR, 10.0),
    ]


def test_the_week_query_uses_the_primary_key_not_a_scan(db: Database) -> None:
    plan = db.conn.execute(
        "EXPLAIN QUERY PLAN SELECT day, minute / 60 AS hour, subject, sum(seconds) FROM usage "
        "WHERE day BETWEEN '2026-03-02' AND '2026-03-08' GROUP BY day, hour, subject"
    ).fetchall()
    assert "SEARCH usage USING PRIMARY KEY" in str(plan)


def test_the_schema_refuses_what_would_corrupt_the_ledger(db: Database) -> None:
    db.conn.execute(
        "INSERT INTO usage_subjects (id, kind, name, certainty) VALUES (1, 'app', 'a', 'focused')"
    )
    for bad in (
        "INSERT INTO usage VALUES ('2026-3-2', 0, 1, 1.0)",
        "INSERT INTO usage VALUES ('2026-03-02', 1440, 1, 1.0)",
        "INSERT INTO usage VALUES ('2026-03-02', 0, 1, -1.0)",
        "INSERT INTO usage VALUES ('2026-03-02', 0, 99, 1.0)",
    ):
        with pytest.raises(sqlite3.IntegrityError):
            db.conn.execute(bad)


def test_a_failed_write_answers_false_and_says_why(db: Database) -> None:
    store = SqliteUsageStore(db)
    db.conn.execute("DROP TABLE usage")
    assert not store.add_usage([UsageBucket(DAY, 0, EDITOR, 1)])
    assert store.last_error is not None and "could not save" in store.last_error
    assert store.usage_totals(DAY) == []


def test_a_failed_write_rolls_back_the_names_it_added(db: Database) -> None:
    store = SqliteUsageStore(db)
    # The second bucket breaks the schema's check, so the whole write is undone.
    assert not store.add_usage([UsageBucket(DAY, 0, EDITOR, 1), UsageBucket(DAY, 5000, EDITOR, 1)])
    assert db.conn.execute("SELECT count(*) FROM usage_subjects").fetchone()[0] == 0
    assert store.add_usage([UsageBucket(DAY, 0, EDITOR, 1)])
    assert store.usage_buckets(DAY, DAY) == [UsageBucket(DAY, 0, EDITOR, 1.0)]


def test_allowances_survive_a_restart_of_the_app(db: Database) -> None:
    clock = ManualClock(now=NOW)
    tb = TimeBase(clock)
    Allowances(tb, SqliteUsageStore(db)).grant(app("discord"), 15)
    clock.advance(300)
    again = Allowances(tb, SqliteUsageStore(db))
    assert again.left_s(app("discord")) == pytest.approx(600)


def test_todays_limits_survive_a_restart_of_the_app(db: Database) -> None:
    clock = ManualClock(now=NOW)
    tb = TimeBase(clock)
    store = SqliteUsageStore(db)
    ledger = UsageLedger(tb, store)
    LimitBook(
        (Limit(name="Social", daily_minutes=30, apps=("discord",)),), ledger, tb, memory=store
    )
    raised = Limit(name="Social", daily_minutes=90, apps=("discord",))
    again = LimitBook((raised,), ledger, tb, memory=SqliteUsageStore(db))
    assert again.status()[0].limit_s == 30 * 60


def test_a_version_1_database_gains_the_usage_tables_and_keeps_its_history(
    tmp_path: Path,
) -> None:
    path = tmp_path / "focusapp.sqlite3"
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.executescript(MIGRATIONS[0][2])
    conn.execute("INSERT INTO migration_history VALUES (1, 'v1', ?)", (to_db_timestamp(NOW),))
    conn.execute(
        "INSERT INTO log (ts, kind, detail) VALUES (?, 'suspend', '{}')", (to_db_timestamp(NOW),)
    )
    conn.execute("PRAGMA user_version = 1")
    conn.close()

    db, notices = Database.open(path, lambda: NOW)
    with db:
        assert db.schema_version == 2
        names = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master").fetchall()}
        assert {"usage", "usage_subjects", "usage_named", "urges", "allowances"} <= names
        assert db.conn.execute("SELECT count(*) FROM log").fetchone()[0] == 1
        store = SqliteUsageStore(db)
        store.add_usage([UsageBucket(DAY, 1, EDITOR, 5)])
        assert db.conn.execute(
            "SELECT day, minute, kind, name, certainty, seconds FROM usage_named"
        ).fetchall() == [("2026-03-02", 1, "app", "editor", "focused", 5.0)]
    assert len(notices) == 1 and "backup-v1" in str(notices[0])


def test_the_urge_journal_table_is_ready(db: Database) -> None:
    db.conn.execute(
        "INSERT INTO urges (ts, trigger_kind, target_kind, target_name, page_kind, prompt_id, "
        "answer, note_enc, intention_enc, outcome, allowed_s, session_id) "
        "VALUES (?, 'limit_reached', 'site', 'x.com', 'overlay', 'p1', 'back', ?, NULL, "
        "'went_back', NULL, NULL)",
        (to_db_timestamp(NOW), b"\x00secret"),
    )
    plan = db.conn.execute("EXPLAIN QUERY PLAN SELECT * FROM urges WHERE ts >= ''").fetchall()
    assert "urges_by_ts" in str(plan)
