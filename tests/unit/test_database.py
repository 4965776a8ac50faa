"""Opening Focusapp's database: pragmas, migrations with a backup, corruption and refusals."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from focusapp.store import database
from focusapp.store.database import (
    MIGRATIONS,
    Database,
    DatabaseTooNew,
    DatabaseUnavailable,
    from_db_timestamp,
    to_db_timestamp,
)

NOW = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)
STAMP = "20250304T050607Z"
LATEST = MIGRATIONS[-1][0]


def fixed_clock() -> datetime:
    return NOW


def tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {r[0] for r in rows}


def raw(path: Path) -> sqlite3.Connection:
    """A plain connection that bypasses `Database`, to build fixtures and inspect results."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return sqlite3.connect(str(path), isolation_level=None)


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def write_valid_database_with_history(path: Path, rows: int = 3000) -> None:
    db, _ = Database.open(path, fixed_clock)
    with db.transaction() as conn:
        conn.executemany(
            "INSERT INTO log (ts, kind, detail) VALUES (?, 'suspend', ?)",
            [
                (to_db_timestamp(NOW + timedelta(seconds=i)), json.dumps({"n": i, "pad": "x" * 60}))
                for i in range(rows)
            ],
        )
    db.close()
    assert not Path(f"{path}-wal").exists()  # checkpointed: every page is in the main file


# --- a fresh database -------------------------------------------------------------------------


def test_fresh_database_is_at_latest_version_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "data" / "focusapp.sqlite3"
    db, notices = Database.open(path, fixed_clock)
    try:
        assert notices == []
        assert db.path == path
        assert db.schema_version == LATEST
        assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        assert {"session_state", "sessions", "log", "migration_history"} <= tables(db.conn)
    finally:
        db.close()
    assert siblings(path) == ["focusapp.sqlite3"]


def test_fresh_database_records_which_migrations_ran_and_when(tmp_path: Path) -> None:
    db, _ = Database.open(tmp_path / "f.sqlite3", fixed_clock)
    with db:
        rows = db.conn.execute("SELECT version, applied_at FROM migration_history").fetchall()
    assert rows == [(v, to_db_timestamp(NOW)) for v, _, _ in MIGRATIONS]


def test_schema_has_the_indexes_that_history_queries_rely_on(tmp_path: Path) -> None:
    db, _ = Database.open(tmp_path / "f.sqlite3", fixed_clock)
    with db:
        plan = db.conn.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM log WHERE kind = 'suspend' AND ts >= ''"
        ).fetchall()
        assert "log_by_kind_ts" in str(plan)
        plan = db.conn.execute("EXPLAIN QUERY PLAN SELECT * FROM log WHERE ts >= ''").fetchall()
        assert "log_by_ts" in str(plan)
        plan = db.conn.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM sessions WHERE ended_at >= ''"
        ).fetchall()
        assert "sessions_by_ended_at" in str(plan)


def test_schema_refuses_timestamps_that_would_not_sort(tmp_path: Path) -> None:
    db, _ = Database.open(tmp_path / "f.sqlite3", fixed_clock)
    with db, pytest.raises(sqlite3.IntegrityError):
        db.conn.execute(
            "INSERT INTO log (ts, kind, detail) "
            "VALUES ('2025-03-04 05:06:07+02:00', 'suspend', '{}')"
        )


def test_zero_byte_file_is_simply_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "db" / "focusapp.sqlite3"
    path.parent.mkdir()
    path.touch()
    db, notices = Database.open(path, fixed_clock)
    with db:
        assert notices == []
        assert db.schema_version == LATEST
    assert siblings(path) == ["focusapp.sqlite3"]


def test_reopening_a_current_database_keeps_data_and_takes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "db" / "focusapp.sqlite3"
    db, _ = Database.open(path, fixed_clock)
    with db, db.transaction() as conn:
        conn.execute("INSERT INTO session_state (key, value) VALUES ('current', '{\"a\":1}')")
    db, notices = Database.open(path, fixed_clock)
    with db:
        assert notices == []
        assert db.conn.execute("SELECT value FROM session_state").fetchall() == [('{"a":1}',)]
    assert siblings(path) == ["focusapp.sqlite3"]


def test_transaction_rolls_back_when_the_block_fails(tmp_path: Path) -> None:
    db, _ = Database.open(tmp_path / "f.sqlite3", fixed_clock)
    with db:
        with pytest.raises(RuntimeError), db.transaction() as conn:
            conn.execute("INSERT INTO session_state (key, value) VALUES ('current', '{}')")
            raise RuntimeError("boom")
        assert not db.conn.in_transaction
        assert db.conn.execute("SELECT count(*) FROM session_state").fetchone()[0] == 0


# --- migrations -------------------------------------------------------------------------------


def build_v1_database(path: Path) -> None:
    """A database exactly as version 1 of the schema left it, with some history in it."""
    conn = raw(path)
    conn.executescript(MIGRATIONS[0][2])
    conn.execute("INSERT INTO migration_history VALUES (1, 'v1', ?)", (to_db_timestamp(NOW),))
    conn.execute(
        "INSERT INTO session_state (key, value) VALUES ('current', '{\"state\":\"focus\"}')"
    )
    conn.execute(
        "INSERT INTO log (ts, kind, detail) VALUES (?, 'suspend', '{}')", (to_db_timestamp(NOW),)
    )
    conn.execute("PRAGMA user_version = 1")
    conn.close()


FUTURE = LATEST + 1


def with_future_step(monkeypatch: pytest.MonkeyPatch, sql: str) -> None:
    monkeypatch.setattr(database, "MIGRATIONS", [*MIGRATIONS, (FUTURE, "future step", sql)])


def test_migration_backs_up_first_and_the_backup_holds_the_old_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db" / "focusapp.sqlite3"
    build_v1_database(path)
    with_future_step(
        monkeypatch,
        "ALTER TABLE log ADD COLUMN mood TEXT; UPDATE log SET mood = 'calm'; "
        "DELETE FROM session_state;",
    )

    db, notices = Database.open(path, fixed_clock)
    with db:
        assert db.schema_version == FUTURE
        assert db.conn.execute("SELECT mood FROM log").fetchall() == [("calm",)]
        assert db.conn.execute("SELECT count(*) FROM session_state").fetchone()[0] == 0
        versions = db.conn.execute("SELECT version FROM migration_history ORDER BY 1").fetchall()
        assert versions == [(v,) for v in range(1, FUTURE + 1)]

    backup = path.parent / f"focusapp.backup-v1-{STAMP}.sqlite3"
    assert len(notices) == 1
    assert str(backup) in str(notices[0])
    old = raw(backup)
    try:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 1
        assert old.execute("SELECT value FROM session_state").fetchall() == [('{"state":"focus"}',)]
        columns = [r[1] for r in old.execute("PRAGMA table_info(log)").fetchall()]
        assert "mood" not in columns
    finally:
        old.close()


def test_a_pre_versioning_database_with_tables_is_backed_up_before_migrating(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db" / "focusapp.sqlite3"
    conn = raw(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('kept')")
    conn.close()

    db, notices = Database.open(path, fixed_clock)
    with db:
        assert db.schema_version == LATEST
        assert db.conn.execute("SELECT body FROM notes").fetchall() == [("kept",)]

    backup = path.parent / f"focusapp.backup-v0-{STAMP}.sqlite3"
    assert len(notices) == 1 and str(backup) in str(notices[0])
    old = raw(backup)
    try:
        assert tables(old) == {"notes"}
    finally:
        old.close()


def test_failed_migration_leaves_the_database_at_its_old_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db" / "focusapp.sqlite3"
    build_v1_database(path)
    # The first statement succeeds, the second fails: neither may stick (the released steps
    # before it do, each in its own transaction).
    with_future_step(monkeypatch, "CREATE TABLE moods (id INTEGER); CREATE TABLE log (x INTEGER);")

    with pytest.raises(DatabaseUnavailable, match=f"format {FUTURE}"):
        Database.open(path, fixed_clock)

    conn = raw(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert "moods" not in tables(conn)
        assert conn.execute("SELECT count(*) FROM log").fetchone()[0] == 1
    finally:
        conn.close()
    # Not mistaken for corruption: the file stays where it is, next to its backup.
    assert f"focusapp.backup-v1-{STAMP}.sqlite3" in siblings(path)
    assert not any(".corrupt-" in name for name in siblings(path))


def test_migration_scripts_may_hold_semicolons_in_strings_and_triggers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db" / "focusapp.sqlite3"
    build_v1_database(path)
    with_future_step(
        monkeypatch,
        """
        CREATE TABLE notes (body TEXT);
        INSERT INTO notes VALUES ('one; two');
        CREATE TRIGGER notes_copy AFTER INSERT ON notes BEGIN
            INSERT INTO session_state (key, value) VALUES (new.body, '{}');
            UPDATE notes SET body = body || ';' WHERE rowid = new.rowid;
        END;
        """,
    )
    db, _ = Database.open(path, fixed_clock)
    with db:
        db.conn.execute("INSERT INTO notes VALUES ('three')")
        bodies = db.conn.execute("SELECT body FROM notes ORDER BY rowid").fetchall()
        assert bodies == [("one; two",), ("three;",)]
        keys = {r[0] for r in db.conn.execute("SELECT key FROM session_state").fetchall()}
        assert keys == {"current", "three"}


def test_badly_numbered_migrations_are_a_programming_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "MIGRATIONS", [*MIGRATIONS, (LATEST + 2, "gap", "SELECT 1;")])
    with pytest.raises(ValueError, match="numbered"):
        Database.open(tmp_path / "f.sqlite3", fixed_clock)
    assert not (tmp_path / "f.sqlite3").exists()


def test_too_new_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "db" / "focusapp.sqlite3"
    build_v1_database(path)
    conn = raw(path)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    before = path.read_bytes()

    with pytest.raises(DatabaseTooNew, match="newer version of Focusapp") as refused:
        Database.open(path, fixed_clock)

    assert str(path) in str(refused.value)
    assert path.read_bytes() == before
    assert siblings(path) == ["focusapp.sqlite3"]


# --- corruption and unusable files -------------------------------------------------------------


def assert_recovered(path: Path, notices: list[str], db: Database, original: bytes) -> Path:
    moved = path.with_name(f"{path.name}.corrupt-{STAMP}")
    assert moved.read_bytes() == original
    assert len(notices) == 1 and str(moved) in str(notices[0])
    assert db.schema_version == LATEST
    rows = db.conn.execute("SELECT kind, detail FROM log").fetchall()
    assert [(kind, json.loads(detail)["moved_to"]) for kind, detail in rows] == [
        ("database_recovered", str(moved))
    ]
    return moved


def test_garbage_file_is_moved_aside_byte_identical_and_a_new_database_works(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db" / "focusapp.sqlite3"
    garbage = b"this is not a database, just some words\n" * 200
    path.parent.mkdir()
    path.write_bytes(garbage)

    db, notices = Database.open(path, fixed_clock)
    with db:
        assert_recovered(path, notices, db, garbage)
        with db.transaction() as conn:
            conn.execute("INSERT INTO session_state (key, value) VALUES ('current', '{}')")
        assert db.conn.execute("SELECT count(*) FROM session_state").fetchone()[0] == 1


def test_database_with_overwritten_pages_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "db" / "focusapp.sqlite3"
    write_valid_database_with_history(path)
    data = bytearray(path.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page
    data[middle : middle + 2 * page] = random.Random(7).randbytes(2 * page)
    damaged = bytes(data)
    path.write_bytes(damaged)

    db, notices = Database.open(path, fixed_clock)
    with db:
        assert_recovered(path, notices, db, damaged)


def test_truncated_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "db" / "focusapp.sqlite3"
    write_valid_database_with_history(path)
    truncated = path.read_bytes()[: path.stat().st_size // 2 + 100]
    path.write_bytes(truncated)

    db, notices = Database.open(path, fixed_clock)
    with db:
        assert_recovered(path, notices, db, truncated)


def test_corrupt_database_moves_with_its_wal_and_shm_files(tmp_path: Path) -> None:
    path = tmp_path / "db" / "focusapp.sqlite3"
    path.parent.mkdir()
    path.write_bytes(b"garbage" * 100)
    Path(f"{path}-wal").write_bytes(b"old wal")
    Path(f"{path}-shm").write_bytes(b"old shm")

    db, _ = Database.open(path, fixed_clock)
    db.close()

    moved = f"focusapp.sqlite3.corrupt-{STAMP}"
    assert siblings(path) == ["focusapp.sqlite3", moved, f"{moved}-shm", f"{moved}-wal"]
    assert (path.parent / f"{moved}-wal").read_bytes() == b"old wal"
    assert (path.parent / f"{moved}-shm").read_bytes() == b"old shm"


def test_database_cut_shorter_than_a_page_keeps_its_wal_when_moved_aside(tmp_path: Path) -> None:
    # SQLite itself would delete the -wal beside such a file; it must reach the moved copy intact.
    path = tmp_path / "db" / "focusapp.sqlite3"
    write_valid_database_with_history(path, rows=10)
    stub = path.read_bytes()[:2000]
    path.write_bytes(stub)
    Path(f"{path}-wal").write_bytes(b"recent writes")

    db, notices = Database.open(path, fixed_clock)
    with db:
        moved = assert_recovered(path, notices, db, stub)
    assert Path(f"{moved}-wal").read_bytes() == b"recent writes"


def test_moving_aside_never_overwrites_an_earlier_corrupt_copy(tmp_path: Path) -> None:
    path = tmp_path / "db" / "focusapp.sqlite3"
    path.parent.mkdir()
    path.write_bytes(b"first garbage")
    Database.open(path, fixed_clock)[0].close()
    path.write_bytes(b"second garbage")

    db, notices = Database.open(path, fixed_clock)
    db.close()

    first = path.parent / f"focusapp.sqlite3.corrupt-{STAMP}"
    second = path.parent / f"focusapp.sqlite3.corrupt-{STAMP}-2"
    assert first.read_bytes() == b"first garbage"
    assert second.read_bytes() == b"second garbage"
    assert str(second) in str(notices[0])


def test_locked_database_is_reported_not_mistaken_for_corruption(tmp_path: Path) -> None:
    path = tmp_path / "db" / "focusapp.sqlite3"
    other = raw(path)
    other.execute("CREATE TABLE t (x)")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO t VALUES (1)")
    try:
        with pytest.raises(DatabaseUnavailable, match="locked"):
            Database.open(path, fixed_clock, busy_timeout_s=0.05)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert siblings(path) == ["focusapp.sqlite3"]


def test_folder_in_place_of_the_database_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "db" / "focusapp.sqlite3"
    path.mkdir(parents=True)
    (path / "keep.txt").write_text("mine")
    with pytest.raises(DatabaseUnavailable, match="is a folder"):
        Database.open(path, fixed_clock)
    assert (path / "keep.txt").read_text() == "mine"


def test_data_folder_blocked_by_a_file_gives_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    with pytest.raises(DatabaseUnavailable, match="could not create the folder"):
        Database.open(blocker / "focusapp.sqlite3", fixed_clock)
    assert blocker.read_text() == "not a folder"


# --- timestamps -------------------------------------------------------------------------------


def test_stored_timestamps_sort_like_the_instants_they_name() -> None:
    plus_two = timezone(timedelta(hours=2))
    moments = [
        datetime(2025, 3, 4, 6, 0, tzinfo=plus_two),  # 04:00 UTC
        datetime(2025, 3, 4, 4, 30, tzinfo=UTC),
        datetime(2025, 3, 4, 4, 30, 0, 1, tzinfo=UTC),
        datetime(999, 1, 1, tzinfo=UTC),
    ]
    texts = [to_db_timestamp(m) for m in moments]
    assert sorted(texts) == [texts[3], texts[0], texts[1], texts[2]]
    assert all(len(t) == 27 and t.endswith("Z") for t in texts)
    assert [from_db_timestamp(t) for t in texts] == moments


def test_naive_timestamps_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        to_db_timestamp(datetime(2025, 1, 1))
