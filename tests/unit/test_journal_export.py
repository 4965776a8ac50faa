"""Exporting the journal: what is exported is what was recorded, in JSON and in CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from focusapp.core.journal import Outcome, UrgeEntry
from focusapp.core.journal_export import (
    CSV_COLUMNS,
    ExportUnreadable,
    JournalEntry,
    LogLine,
    from_csv,
    from_json,
    iso_utc,
    to_csv,
    to_json,
)
from focusapp.core.records import LogEntry, LogKind
from focusapp.store.database import Database
from focusapp.store.journal_store import JournalStore
from focusapp.store.note_cipher import NoteCipher, NoteUnreadable, new_key
from focusapp.store.session_store import SqliteSessionStore
from focusapp.store.urge_store import SqliteUrgeStore

T0 = datetime(2026, 11, 26, 14, 5, tzinfo=UTC)

# CSV has no "missing": an empty text comes back as None, so generated texts are never empty.
texts = st.text(min_size=1, max_size=40).filter(lambda s: s != "")
optional_texts = st.none() | texts
moments = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=9))]),
)
journal_entries = st.builds(
    JournalEntry,
    id=st.integers(min_value=1, max_value=2**62),
    ts=moments,
    trigger_kind=texts,
    target_kind=optional_texts,
    target_name=optional_texts,
    page_kind=optional_texts,
    prompt_id=optional_texts,
    prompt_text=optional_texts,
    answer=optional_texts,
    note=optional_texts,
    intention=optional_texts,
    note_problem=optional_texts,
    outcome=st.none() | st.sampled_from([o.value for o in Outcome]),
    allowed_s=st.none() | st.floats(min_value=0, max_value=1e7, allow_nan=False),
    session_id=optional_texts,
)
json_values = st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False)
log_lines = st.builds(
    LogLine,
    ts=moments,
    kind=texts,
    sentence=texts,
    detail=st.dictionaries(st.text(max_size=10), json_values, max_size=4),
)


@settings(max_examples=150, deadline=None)
@given(entries=st.lists(journal_entries, max_size=6), log=st.lists(log_lines, max_size=4))
def test_json_export_reads_back_as_exported(
    entries: list[JournalEntry], log: list[LogLine]
) -> None:
    back_entries, back_log = from_json(to_json(entries, log))
    assert back_entries == entries
    assert back_log == log
    assert all(e.ts.tzinfo is UTC for e in back_entries)


@settings(max_examples=150, deadline=None)
@given(entries=st.lists(journal_entries, max_size=6))
def test_csv_export_reads_back_as_exported(entries: list[JournalEntry]) -> None:
    assert from_csv(to_csv(entries)) == entries


def test_csv_has_a_stable_header_and_iso_utc_times() -> None:
    entry = JournalEntry(
        1, datetime(2026, 1, 2, 4, 5, 6, tzinfo=timezone(timedelta(hours=1))), "feed", "site",
        "tiktok.com", "feed", "loop-003", "Did you decide to open this?", "Habit", None, None,
        "This note was written with a key that is no longer in your keyring.", "returned",
        None, None,
    )  # fmt: skip
    rows = list(csv.reader(io.StringIO(to_csv([entry]))))
    assert rows[0] == [
        "id", "ts", "trigger_kind", "target_kind", "target_name", "page_kind", "prompt_id",
        "prompt_text", "answer", "note", "intention", "note_problem", "outcome", "allowed_s",
        "session_id",
    ]  # fmt: skip
    assert tuple(rows[0]) == CSV_COLUMNS
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["ts"] == "2026-01-02T03:05:06.000000Z"
    assert record["note"] == ""
    assert record["note_problem"].startswith("This note was written with a key")


def test_json_export_is_readable_by_anything(tmp_path: Path) -> None:
    entry = JournalEntry(
        7, T0, "limit_reached", "app", "discord", None, None, None, None, "a note", "to reply",
        None, "allowed", 300.0, "s1",
    )  # fmt: skip
    line = LogLine(T0, "clock_jump", "The system clock was set 1 hour forward.", {"delta_s": 3600})
    document = json.loads(to_json([entry], [line]))
    assert document["format"] == 1
    assert document["entries"][0]["ts"] == "2026-11-26T14:05:00.000000Z"
    assert document["entries"][0]["note"] == "a note"
    assert document["log"][0] == {
        "ts": "2026-11-26T14:05:00.000000Z",
        "kind": "clock_jump",
        "sentence": "The system clock was set 1 hour forward.",
        "detail": {"delta_s": 3600},
    }


def test_log_details_with_datetimes_export_as_iso_text() -> None:
    line = LogLine(T0, "app_down", "Focusapp was not running.", {"since": T0})
    assert json.loads(to_json([], [line]))["log"][0]["detail"] == {
        "since": "2026-11-26T14:05:00.000000Z"
    }


@pytest.mark.parametrize(
    "text", ["", "[]", '{"format": 99, "entries": []}', '{"format": 1, "entries": [{}]}']
)
def test_something_else_is_not_read_as_an_export(text: str) -> None:
    with pytest.raises(ExportUnreadable):
        from_json(text)


def test_a_csv_with_other_columns_is_not_read_as_an_export() -> None:
    with pytest.raises(ExportUnreadable):
        from_csv("a,b\r\n1,2\r\n")
    with pytest.raises(ExportUnreadable, match="row 2"):
        from_csv(",".join(CSV_COLUMNS) + "\r\n1,2\r\n")


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        iso_utc(datetime(2026, 1, 1))


def test_recorded_urges_export_and_read_back_as_recorded(tmp_path: Path) -> None:
    """The whole path: urge store -> SQLite (notes encrypted) -> journal store -> export -> back."""
    database, _ = Database.open(tmp_path / "focusapp.sqlite3")
    cipher = NoteCipher(new_key())
    recorded = [
        UrgeEntry(T0, "blocked_during_session", "site", "instagram.com", Outcome.RETURNED,
                  page_kind="feed", prompt_id="validation-001", answer="Habit, honestly",
                  note="I wanted to see, \"quotes\", commas\nand a new line", session_id="s1"),
        UrgeEntry(T0 + timedelta(minutes=3), "limit_reached", "app", "discord", Outcome.ALLOWED,
                  intention="reply to Sam", allowed_s=300.0),
        UrgeEntry(T0 + timedelta(minutes=9), "feed", "site", "tiktok.com",
                  Outcome.EMERGENCY_EXIT),
    ]  # fmt: skip
    try:
        urges = SqliteUrgeStore(database, lambda: cipher)
        for urge in recorded:
            urges.record_urge(urge)
        SqliteSessionStore(database).append_log(
            LogEntry(T0, LogKind.EMERGENCY_EXIT, {"remaining_s": 1080.0})
        )

        def explain(error: NoteUnreadable) -> str:
            return "unreadable"

        store = JournalStore(database, lambda: cipher, explain)
        entries, log = store.entries(), store.honest_log()
    finally:
        database.close()

    for exported in (from_json(to_json(entries, log))[0], from_csv(to_csv(entries))):
        assert len(exported) == len(recorded)
        for urge, entry in zip(recorded, exported, strict=True):
            assert entry.ts == urge.ts
            assert (entry.trigger_kind, entry.target_kind, entry.target_name) == (
                urge.trigger_kind,
                urge.target_kind,
                urge.target_name,
            )
            assert (entry.page_kind, entry.prompt_id, entry.answer) == (
                urge.page_kind,
                urge.prompt_id,
                urge.answer,
            )
            assert (entry.note, entry.intention) == (urge.note, urge.intention)
            assert entry.outcome == urge.outcome.value
            assert (entry.allowed_s, entry.session_id) == (urge.allowed_s, urge.session_id)
    assert from_json(to_json(entries, log))[1] == log
    assert log[0].sentence == "You used an emergency exit (18 minutes left)."
