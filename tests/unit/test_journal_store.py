"""Reading the private journal back: notes decrypted or explained, the honest log in words,
and the user's control over it (notes added later, retention, delete everything)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from focusapp.core.journal import Outcome, UrgeEntry
from focusapp.core.limits import Applies, LimitChange
from focusapp.core.records import LogEntry, LogKind, SessionRecord
from focusapp.store.database import Database
from focusapp.store.journal_store import (
    JournalStore,
    NotesUnavailable,
    describe,
    duration_words,
)
from focusapp.store.note_cipher import NoteCipher, NoteUnreadable, new_key
from focusapp.store.session_store import SqliteSessionStore
from focusapp.store.urge_store import SqliteUrgeStore

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "focusapp.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database, _ = Database.open(db_path)
    yield database
    database.close()


def explain(error: NoteUnreadable) -> str:
    return f"explained: {error.reason.value}"


def journal(db: Database, cipher: NoteCipher | None, **kwargs: object) -> JournalStore:
    return JournalStore(db, lambda: cipher, explain, now=lambda: NOW, **kwargs)  # type: ignore[arg-type]


def an_urge(ts: datetime = NOW, **changes: object) -> UrgeEntry:
    values: dict[str, object] = {
        "ts": ts,
        "trigger_kind": "blocked_during_session",
        "target_kind": "site",
        "target_name": "tiktok.com",
        "outcome": Outcome.ALLOWED,
        "page_kind": "feed",
        "prompt_id": "validation-001",
        "answer": "Habit, honestly",
        "intention": "reply to Sam",
        "note": "I was waiting on the build",
        "allowed_s": 300.0,
        "session_id": "s1",
    }
    values.update(changes)
    return UrgeEntry(**values)  # type: ignore[arg-type]


def test_an_urge_reads_back_as_it_was_recorded_with_notes_decrypted(db: Database) -> None:
    cipher = NoteCipher(new_key())
    urge_id = SqliteUrgeStore(db, lambda: cipher).record_urge(an_urge())
    questions = {"validation-001": "What would it change if nobody liked it?"}

    [entry] = journal(db, cipher, prompt_text=questions.get).entries()

    assert entry.id == urge_id
    assert entry.ts == NOW
    assert (entry.trigger_kind, entry.target_kind, entry.target_name, entry.page_kind) == (
        "blocked_during_session",
        "site",
        "tiktok.com",
        "feed",
    )
    assert entry.prompt_id == "validation-001"
    assert entry.prompt_text == "What would it change if nobody liked it?"
    assert entry.answer == "Habit, honestly"
    assert entry.note == "I was waiting on the build"
    assert entry.intention == "reply to Sam"
    assert entry.note_problem is None
    assert entry.outcome == Outcome.ALLOWED
    assert entry.allowed_s == 300.0
    assert entry.session_id == "s1"


def test_notes_are_not_in_the_file_in_plaintext(db: Database, db_path: Path) -> None:
    cipher = NoteCipher(new_key())
    SqliteUrgeStore(db, lambda: cipher).record_urge(an_urge(note="note-marker-7c1e"))
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert b"note-marker-7c1e" not in db_path.read_bytes()


def test_lost_key_explains_the_note_and_keeps_the_rest(db: Database) -> None:
    SqliteUrgeStore(db, lambda: NoteCipher(new_key())).record_urge(an_urge())
    SqliteUrgeStore(db, lambda: None).record_urge(an_urge(note=None, intention=None))

    other_key = NoteCipher(new_key())
    written_with_lost_key, without_notes = journal(db, other_key).entries()

    assert written_with_lost_key.note is None
    assert written_with_lost_key.intention is None
    assert written_with_lost_key.note_problem == "explained: wrong_key"
    assert written_with_lost_key.answer == "Habit, honestly"
    assert written_with_lost_key.target_name == "tiktok.com"
    assert written_with_lost_key.outcome == Outcome.ALLOWED
    assert without_notes.note_problem is None


def test_no_key_at_all_says_so_in_the_callers_words(db: Database) -> None:
    SqliteUrgeStore(db, lambda: NoteCipher(new_key())).record_urge(an_urge())
    store = JournalStore(db, lambda: None, explain, no_key=lambda: "Your keyring is locked.")
    [entry] = store.entries()
    assert entry.note is None
    assert entry.note_problem == "Your keyring is locked."
    assert entry.answer == "Habit, honestly"


def test_a_damaged_note_is_explained_as_damaged(db: Database) -> None:
    cipher = NoteCipher(new_key())
    urge_id = SqliteUrgeStore(db, lambda: cipher).record_urge(an_urge(intention=None))
    blob = db.conn.execute("SELECT note_enc FROM urges WHERE id = ?", (urge_id,)).fetchone()[0]
    damaged = bytes(blob[:-1]) + bytes([blob[-1] ^ 0x01])
    with db.transaction() as conn:
        conn.execute("UPDATE urges SET note_enc = ? WHERE id = ?", (damaged, urge_id))
    [entry] = journal(db, cipher).entries()
    assert entry.note is None
    assert entry.note_problem == "explained: corrupt"


def test_entries_in_a_range_oldest_first(db: Database) -> None:
    urges = SqliteUrgeStore(db, lambda: None)
    for hours in (5, 1, 3):
        urges.record_urge(an_urge(NOW - timedelta(hours=hours), note=None, intention=None))
    store = journal(db, None)
    assert [e.ts for e in store.entries()] == [NOW - timedelta(hours=h) for h in (5, 3, 1)]
    in_range = store.entries(since=NOW - timedelta(hours=3), until=NOW - timedelta(hours=1))
    assert [e.ts for e in in_range] == [NOW - timedelta(hours=3)]


def test_a_note_added_later_is_encrypted_and_reads_back(db: Database, db_path: Path) -> None:
    cipher = NoteCipher(new_key())
    urge_id = SqliteUrgeStore(db, lambda: cipher).record_urge(an_urge(note=None))
    assert urge_id is not None
    store = journal(db, cipher)

    store.add_note(urge_id, "later-note-marker-2b9d: I felt left out")

    [entry] = store.entries()
    assert entry.note == "later-note-marker-2b9d: I felt left out"
    assert entry.intention == "reply to Sam"
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert b"later-note-marker-2b9d" not in db_path.read_bytes()


def test_adding_a_note_without_a_key_is_refused_and_writes_nothing(db: Database) -> None:
    urge_id = SqliteUrgeStore(db, lambda: None).record_urge(an_urge(note=None, intention=None))
    assert urge_id is not None
    store = journal(db, None)
    with pytest.raises(NotesUnavailable, match="none is at hand"):
        store.add_note(urge_id, "something private")
    assert db.conn.execute("SELECT note_enc FROM urges").fetchone() == (None,)


def test_adding_a_note_to_an_unknown_entry_is_an_error(db: Database) -> None:
    with pytest.raises(LookupError):
        journal(db, NoteCipher(new_key())).add_note(404, "hello")


def _fill_everything(db: Database, when: datetime) -> None:
    SqliteUrgeStore(db, lambda: NoteCipher(new_key())).record_urge(an_urge(when))
    sessions = SqliteSessionStore(db)
    sessions.append_log(LogEntry(when, LogKind.QUIT_DURING_STRICT, {"session_id": "s1"}))
    sessions.record_session(
        SessionRecord(
            f"s-{when.isoformat()}", None, False, "cli", when - timedelta(minutes=25), when,
            1500.0, 1500.0, 1, "completed",
        )
    )  # fmt: skip
    with db.transaction() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO usage_subjects (kind, name, certainty) "
            "VALUES ('site', 'tiktok.com', 'focused')"
        )
        conn.execute(
            "INSERT INTO usage (day, minute, subject, seconds) VALUES (?, 0, 1, 60.0)",
            (when.date().isoformat(),),
        )


def _count(db: Database, table: str) -> int:
    return int(db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_delete_everything_empties_the_journal_and_the_file(db: Database, db_path: Path) -> None:
    for days in (1, 40, 200):
        _fill_everything(db, NOW - timedelta(days=days))
    SqliteUrgeStore(db, lambda: None).record_urge(an_urge(target_name="marker-site-5e0f.example"))
    store = journal(db, None)

    store.delete_everything()

    for table in ("urges", "log", "sessions", "usage"):
        assert _count(db, table) == 0, table
    assert store.entries() == [] and store.honest_log() == []
    with open(db_path, "rb") as f:
        assert b"marker-site-5e0f.example" not in f.read()
    wal = Path(f"{db_path}-wal")
    assert not wal.exists() or b"marker-site-5e0f.example" not in wal.read_bytes()


def test_delete_everything_keeps_recent_emergency_exits_that_strict_mode_counts(
    db: Database,
) -> None:
    log = SqliteSessionStore(db)
    log.append_log(LogEntry(NOW - timedelta(days=30), LogKind.EMERGENCY_EXIT, {"remaining_s": 60}))
    log.append_log(LogEntry(NOW - timedelta(days=3), LogKind.EMERGENCY_EXIT, {"remaining_s": 600}))
    log.append_log(LogEntry(NOW - timedelta(days=2), LogKind.CLOCK_JUMP, {"delta_s": 3600.0}))
    log.append_log(LogEntry(NOW - timedelta(days=2), LogKind.SUSPEND, {"duration_s": 60.0}))

    journal(db, None).delete_everything()

    kept = log.log_entries(NOW - timedelta(days=400))
    assert [(e.kind, e.ts) for e in kept] == [
        (LogKind.EMERGENCY_EXIT, NOW - timedelta(days=3)),
        (LogKind.CLOCK_JUMP, NOW - timedelta(days=2)),
    ]


def test_retention_forgets_only_what_is_older_than_the_setting(db: Database) -> None:
    for days in (10, 364, 366, 800):
        _fill_everything(db, NOW - timedelta(days=days))
    store = journal(db, None)

    store.apply_retention()  # a year by default

    assert [e.ts for e in store.entries()] == [NOW - timedelta(days=d) for d in (364, 10)]
    # The honest log keeps the order things were written in.
    assert [line.ts for line in store.honest_log()] == [NOW - timedelta(days=d) for d in (10, 364)]
    assert _count(db, "sessions") == 2
    days_left = [r[0] for r in db.conn.execute("SELECT day FROM usage ORDER BY day")]
    assert days_left == [(NOW - timedelta(days=d)).date().isoformat() for d in (364, 10)]

    store.apply_retention(30)
    assert [e.ts for e in store.entries()] == [NOW - timedelta(days=10)]


def test_retention_of_less_than_a_day_is_refused(db: Database) -> None:
    with pytest.raises(ValueError):
        journal(db, None).apply_retention(0)


def test_usage_can_still_be_written_after_delete_everything(db: Database) -> None:
    # The usage store caches subject ids: deleting a subject would break its next write.
    from focusapp.core.activity import ActivityKind, Certainty
    from focusapp.core.usage import Subject, UsageBucket
    from focusapp.store.usage_store import SqliteUsageStore

    usage = SqliteUsageStore(db)
    subject = Subject(ActivityKind.SITE, "tiktok.com", Certainty.FOCUSED)
    assert usage.add_usage([UsageBucket(date(2026, 11, 25), 5, subject, 30.0)])
    journal(db, None).delete_everything()
    assert usage.add_usage([UsageBucket(date(2026, 11, 26), 5, subject, 30.0)])
    assert _count(db, "usage") == 1


def test_the_honest_log_reads_as_plain_sentences(db: Database) -> None:
    log = SqliteSessionStore(db)
    change = LimitChange("Social", 30, 45, Applies.TOMORROW)
    for kind, detail in [
        (LogKind.EMERGENCY_EXIT, {"remaining_s": 1080.0, "profile": None}),
        (LogKind.CLOCK_JUMP, {"delta_s": 3600.0}),
        (LogKind.APP_DOWN, {"session_id": "s1", "away_s": 720.0, "strict": False}),
        (LogKind.QUIT_DURING_STRICT, {"session_id": "s1"}),
        (LogKind.LIMIT_CHANGE, change.detail(date(2026, 11, 26))),
    ]:
        log.append_log(LogEntry(NOW, kind, detail))
    with db.transaction() as conn:  # a kind from a newer Focusapp
        conn.execute("INSERT INTO log (ts, kind, detail) VALUES (?, 'future_kind', '{}')",
                     ("2026-11-26T15:00:00.000000Z",))  # fmt: skip

    sentences = [line.sentence for line in journal(db, None).honest_log()]

    assert sentences == [
        "You used an emergency exit (18 minutes left).",
        "The system clock was set 1 hour forward; timers kept their real length.",
        "Focusapp was not running for 12 minutes during a session.",
        "Focusapp was quit during a strict session.",
        "You changed the limit “Social” from 30 to 45 minutes a day, starting tomorrow.",
        "Focusapp noted something this version does not know how to describe (future_kind).",
    ]


@pytest.mark.parametrize(
    ("kind", "detail", "sentence"),
    [
        (LogKind.EMERGENCY_EXIT, {"remaining_s": 30, "profile": "Deep work"},
         "You used an emergency exit from your “Deep work” session (less than a minute left)."),
        (LogKind.CLOCK_JUMP, {"delta_s": -300.0, "while_away": True},
         "While Focusapp was closed, the system clock was set 5 minutes back; "
         "timers kept their real length."),
        (LogKind.SUSPEND, {"duration_s": 2400.0}, "The computer was asleep for 40 minutes."),
        (LogKind.APP_DOWN, {"away_s": 5400.0, "strict": True},
         "Focusapp was not running for 1 hour 30 minutes during a strict session."),
        (LogKind.APP_DOWN, {"restore_failed": "boom"},
         "Focusapp could not pick up the session it had saved, so it started afresh."),
        (LogKind.LIMIT_CHANGE, {"limit": "Video", "old_minutes": None, "new_minutes": 20,
                                "applies": "now"},
         "You added the limit “Video”: 20 minutes a day, from now on."),
        (LogKind.LIMIT_CHANGE, {"limit": "Video", "old_minutes": 1, "new_minutes": None},
         "You removed the limit “Video” (it was 1 minute a day)."),
        (LogKind.CONFIG_PROBLEM, {"problem": "config.toml line 3: expected a number"},
         "Focusapp found a problem in its settings: config.toml line 3: expected a number"),
        (LogKind.EMERGENCY_EXIT, {"remaining_s": "garbage"}, "You used an emergency exit."),
    ],
)  # fmt: skip
def test_each_log_kind_has_a_warm_sentence(kind: str, detail: dict, sentence: str) -> None:
    assert str(describe(kind, detail)) == sentence


def test_durations_in_words() -> None:
    assert str(duration_words(20)) == "less than a minute"
    assert str(duration_words(60)) == "1 minute"
    assert str(duration_words(3600)) == "1 hour"
    assert str(duration_words(2 * 86400 + 3 * 3600 + 60)) == "2 days 3 hours"


def test_an_unreadable_log_detail_still_shows_the_entry(db: Database) -> None:
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO log (ts, kind, detail) VALUES (?, 'quit_during_strict', 'not json')",
            ("2026-11-26T15:00:00.000000Z",),
        )
    [line] = journal(db, None).honest_log()
    assert line.sentence == "Focusapp was quit during a strict session."


def test_reading_is_fine_while_another_connection_writes(db: Database, db_path: Path) -> None:
    # The CLI export reads while the app may be writing.
    SqliteUrgeStore(db, lambda: None).record_urge(an_urge(note=None, intention=None))
    other = sqlite3.connect(db_path)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("DELETE FROM log")
        assert len(journal(db, None).entries()) == 1
    finally:
        other.rollback()
        other.close()
