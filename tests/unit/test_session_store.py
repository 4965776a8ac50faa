"""The SQLite session store: round trips, the honest log, storage trouble and surviving a kill."""

from __future__ import annotations

import logging
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from focusapp.core.records import LogEntry, LogKind, SessionRecord, SessionStore
from focusapp.store.database import Database
from focusapp.store.session_store import SqliteSessionStore

REPO_ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
PLUS_TWO = timezone(timedelta(hours=2))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "db" / "focusapp.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database, _ = Database.open(db_path)
    yield database
    database.close()


@pytest.fixture
def store(db: Database) -> SqliteSessionStore:
    return SqliteSessionStore(db)


def a_session(session_id: str = "s1", ended_at: datetime = T0, **changes: object) -> SessionRecord:
    values: dict[str, object] = {
        "session_id": session_id,
        "profile": "Deep work",
        "strict": True,
        "source": "schedule:mornings",
        "started_at": ended_at - timedelta(minutes=25),
        "ended_at": ended_at,
        "planned_focus_s": 1500.0,
        "focus_s": 1432.5,
        "cycles_done": 1,
        "end_reason": "completed",
    }
    values.update(changes)
    return SessionRecord(**values)  # type: ignore[arg-type]


def as_session_store(store: SqliteSessionStore) -> SessionStore:
    """Fails type checking if the store drifts from the core's protocol."""
    return store


# --- engine state -----------------------------------------------------------------------------


def test_no_saved_state_loads_as_none(store: SqliteSessionStore) -> None:
    assert store.load_state() is None
    assert store.last_error is None


def test_state_round_trips_with_aware_datetimes_and_enum_values(store: SqliteSessionStore) -> None:
    state = {
        "state": "focus",
        "strict": True,
        "ends_at": datetime(2025, 3, 4, 11, 25, 0, 120, tzinfo=PLUS_TWO),
        "cycles": [{"started": T0, "kind": LogKind.SUSPEND}],
        "note": "café ☕",
        "remaining_s": 812.25,
        "profile": None,
    }
    store.save_state(state)
    loaded = store.load_state()
    assert loaded == state
    assert loaded is not None
    assert loaded["ends_at"].utcoffset() == timedelta(hours=2)
    assert store.last_error is None


def test_saving_state_replaces_the_previous_state(store: SqliteSessionStore) -> None:
    store.save_state({"state": "focus"})
    store.save_state({"state": "break"})
    assert store.load_state() == {"state": "break"}


def test_saving_none_deletes_the_state_row(store: SqliteSessionStore, db: Database) -> None:
    store.save_state({"state": "focus"})
    store.save_state(None)
    assert store.load_state() is None
    assert db.conn.execute("SELECT count(*) FROM session_state").fetchone()[0] == 0


def test_state_that_cannot_be_stored_is_a_loud_bug_and_keeps_the_old_state(
    store: SqliteSessionStore,
) -> None:
    store.save_state({"state": "focus"})
    with pytest.raises(TypeError, match="cannot store"):
        store.save_state({"state": object()})
    assert store.load_state() == {"state": "focus"}


def test_state_survives_closing_and_reopening(db_path: Path) -> None:
    db, _ = Database.open(db_path)
    SqliteSessionStore(db).save_state({"state": "focus", "ends_at": T0})
    db.close()
    db, _ = Database.open(db_path)
    with db:
        assert SqliteSessionStore(db).load_state() == {"state": "focus", "ends_at": T0}


def test_unreadable_state_row_loads_as_none_and_is_reported(
    store: SqliteSessionStore, db: Database
) -> None:
    db.conn.execute("INSERT INTO session_state (key, value) VALUES ('current', '[1, 2')")
    assert store.load_state() is None
    assert store.last_error is not None and "session state" in store.last_error


# --- session history --------------------------------------------------------------------------


def test_finished_session_round_trips(store: SqliteSessionStore) -> None:
    record = a_session(profile=None, strict=False, source="cli", end_reason="stopped")
    store.record_session(record)
    assert as_session_store(store).sessions_since(T0 - timedelta(days=1)) == [record]


def test_session_times_given_in_another_zone_come_back_as_the_same_instants_in_utc(
    store: SqliteSessionStore,
) -> None:
    local_end = T0.astimezone(PLUS_TWO)
    store.record_session(a_session(ended_at=local_end))
    [loaded] = store.sessions_since(T0)
    assert loaded.ended_at == local_end
    assert loaded.ended_at.tzinfo == UTC


def test_sessions_since_includes_the_boundary_and_orders_by_end(store: SqliteSessionStore) -> None:
    store.record_session(a_session("late", ended_at=T0 + timedelta(hours=2)))
    store.record_session(a_session("old", ended_at=T0 - timedelta(seconds=1)))
    store.record_session(a_session("boundary", ended_at=T0))
    assert [s.session_id for s in store.sessions_since(T0)] == ["boundary", "late"]


def test_recording_a_session_again_updates_it_instead_of_duplicating(
    store: SqliteSessionStore,
) -> None:
    store.record_session(a_session(end_reason="stopped", focus_s=10.0))
    store.record_session(a_session(end_reason="ended_while_app_closed", focus_s=20.0))
    [only] = store.sessions_since(T0 - timedelta(days=1))
    assert (only.end_reason, only.focus_s) == ("ended_while_app_closed", 20.0)


# --- the honest log ---------------------------------------------------------------------------


def test_log_entries_round_trip_kind_time_and_detail(store: SqliteSessionStore) -> None:
    entry = LogEntry(
        ts=T0,
        kind=LogKind.CLOCK_JUMP,
        detail={"jumped_s": -3600.0, "noticed_at": T0.astimezone(PLUS_TWO), "why": "NTP"},
    )
    store.append_log(entry)
    [loaded] = store.log_entries(T0)
    assert loaded == entry
    assert type(loaded.kind) is LogKind


def test_log_entries_come_back_in_the_order_they_were_written(store: SqliteSessionStore) -> None:
    # The wall clock went back between the two entries.
    store.append_log(LogEntry(ts=T0 + timedelta(hours=1), kind=LogKind.SUSPEND))
    store.append_log(LogEntry(ts=T0, kind=LogKind.CLOCK_JUMP))
    assert [e.kind for e in store.log_entries(T0)] == [LogKind.SUSPEND, LogKind.CLOCK_JUMP]


def test_log_entries_filter_by_time_and_kind(store: SqliteSessionStore) -> None:
    store.append_log(LogEntry(ts=T0 - timedelta(microseconds=1), kind=LogKind.SUSPEND))
    store.append_log(LogEntry(ts=T0, kind=LogKind.SUSPEND))
    store.append_log(LogEntry(ts=T0 + timedelta(minutes=1), kind=LogKind.APP_DOWN))
    store.append_log(LogEntry(ts=T0 + timedelta(minutes=2), kind=LogKind.EMERGENCY_EXIT))

    assert [e.ts for e in store.log_entries(T0)] == [
        T0,
        T0 + timedelta(minutes=1),
        T0 + timedelta(minutes=2),
    ]
    wanted = [LogKind.APP_DOWN, LogKind.EMERGENCY_EXIT]
    assert [e.kind for e in store.log_entries(T0, kinds=wanted)] == wanted
    assert store.log_entries(T0, kinds=[]) == []


def test_entries_from_a_newer_version_are_skipped_and_kept(
    store: SqliteSessionStore, db: Database
) -> None:
    store.append_log(LogEntry(ts=T0, kind=LogKind.SUSPEND))
    db.conn.execute(
        "INSERT INTO log (ts, kind, detail) VALUES ('2025-03-04T09:00:01.000000Z', "
        "'kind_from_the_future', '{\"x\": 1}')"
    )
    store.append_log(LogEntry(ts=T0 + timedelta(seconds=2), kind=LogKind.APP_DOWN))

    assert [e.kind for e in store.log_entries(T0)] == [LogKind.SUSPEND, LogKind.APP_DOWN]
    assert db.conn.execute("SELECT count(*) FROM log").fetchone()[0] == 3
    assert store.last_error is None


def test_a_log_row_with_unreadable_detail_is_skipped(
    store: SqliteSessionStore, db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    db.conn.execute(
        "INSERT INTO log (ts, kind, detail) "
        "VALUES ('2025-03-04T09:00:00.000000Z', 'suspend', 'oops')"
    )
    store.append_log(LogEntry(ts=T0, kind=LogKind.APP_DOWN))
    with caplog.at_level(logging.WARNING):
        assert [e.kind for e in store.log_entries(T0)] == [LogKind.APP_DOWN]
    assert "unreadable log entry" in caplog.text


def test_naive_times_are_refused_as_a_programming_error(store: SqliteSessionStore) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        store.append_log(LogEntry(ts=datetime(2025, 3, 4, 9, 0), kind=LogKind.SUSPEND))
    with pytest.raises(ValueError, match="timezone-aware"):
        store.log_entries(datetime(2025, 3, 4))


# --- storage trouble --------------------------------------------------------------------------


def test_disk_full_does_not_raise_and_is_remembered_for_the_ui(
    store: SqliteSessionStore, db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    store.save_state({"state": "focus"})
    pages = db.conn.execute("PRAGMA page_count").fetchone()[0]
    db.conn.execute(f"PRAGMA max_page_count = {pages}")

    with caplog.at_level(logging.ERROR, logger="focusapp.store.session_store"):
        store.save_state({"state": "break", "padding": "x" * 200_000})

    assert store.last_error is not None and "full" in store.last_error
    assert "could not save the session state" in caplog.text
    assert store.load_state() == {"state": "focus"}
    assert not db.conn.in_transaction


def test_read_only_database_does_not_raise_on_any_write(
    store: SqliteSessionStore, db: Database
) -> None:
    db.conn.execute("PRAGMA query_only = ON")

    store.save_state({"state": "focus"})
    assert store.last_error is not None and "session state" in store.last_error
    store.record_session(a_session())
    assert "finished session" in store.last_error
    store.append_log(LogEntry(ts=T0, kind=LogKind.SUSPEND))
    assert "log" in store.last_error and "readonly" in store.last_error
    store.save_state(None)
    assert not db.conn.in_transaction


def test_last_error_stays_after_a_later_success_until_cleared(
    store: SqliteSessionStore, db: Database
) -> None:
    db.conn.execute("PRAGMA query_only = ON")
    store.append_log(LogEntry(ts=T0, kind=LogKind.SUSPEND))
    db.conn.execute("PRAGMA query_only = OFF")
    store.append_log(LogEntry(ts=T0, kind=LogKind.APP_DOWN))

    assert store.last_error is not None
    store.clear_last_error()
    assert store.last_error is None
    assert [e.kind for e in store.log_entries(T0)] == [LogKind.APP_DOWN]


def test_reads_from_a_closed_database_report_instead_of_raising(db_path: Path) -> None:
    db, _ = Database.open(db_path)
    store = SqliteSessionStore(db)
    db.close()
    assert store.load_state() is None
    assert store.log_entries(T0) == []
    assert store.sessions_since(T0) == []
    store.save_state({"state": "focus"})
    assert store.last_error is not None and "session state" in store.last_error


# --- durability -------------------------------------------------------------------------------


CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import UTC, datetime
    from pathlib import Path

    from focusapp.core.records import LogEntry, LogKind
    from focusapp.store.database import Database
    from focusapp.store.session_store import SqliteSessionStore

    db, _ = Database.open(Path(sys.argv[1]))
    store = SqliteSessionStore(db)
    ends_at = datetime(2025, 3, 4, 9, 25, tzinfo=UTC)
    store.save_state({"state": "focus", "strict": True, "ends_at": ends_at})
    store.append_log(LogEntry(ts=ends_at, kind=LogKind.QUIT_DURING_STRICT, detail={"n": 1}))
    if store.last_error is not None:
        sys.exit(store.last_error)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_writes_survive_the_process_being_killed(db_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(db_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    # Killed before closing: the writes are still only in the write-ahead log.
    assert Path(f"{db_path}-wal").stat().st_size > 0

    db, notices = Database.open(db_path)
    with db:
        store = SqliteSessionStore(db)
        ends_at = datetime(2025, 3, 4, 9, 25, tzinfo=UTC)
        assert notices == []
        assert store.load_state() == {"state": "focus", "strict": True, "ends_at": ends_at}
        assert store.log_entries(T0) == [
            LogEntry(ts=ends_at, kind=LogKind.QUIT_DURING_STRICT, detail={"n": 1})
        ]


def test_store_uses_the_database_it_was_given(db: Database, db_path: Path) -> None:
    store = SqliteSessionStore(db)
    store.save_state({"state": "idle"})
    other = sqlite3.connect(str(db_path))
    try:
        rows = other.execute("SELECT key, value FROM session_state").fetchall()
    finally:
        other.close()
    assert rows == [("current", '{"state":"idle"}')]
