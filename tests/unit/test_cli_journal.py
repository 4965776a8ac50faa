"""`focusapp journal export` reads the journal without the app running."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from focusapp import cli
from focusapp.core.journal import Outcome, UrgeEntry
from focusapp.store.database import Database
from focusapp.store.paths import AppPaths
from focusapp.store.urge_store import SqliteUrgeStore


def record_one() -> None:
    paths = AppPaths.from_environment()
    paths.ensure()
    db, _ = Database.open(paths.database_file)
    try:
        SqliteUrgeStore(db, lambda: None).record_urge(
            UrgeEntry(
                ts=datetime(2026, 11, 26, 14, 5, tzinfo=UTC),
                trigger_kind="blocked_during_session",
                target_kind="app",
                target_name="discord",
                outcome=Outcome.RETURNED,
                prompt_id="loop-001",
                answer="Habit, honestly",
            )
        )
    finally:
        db.close()


def test_export_json_and_csv_without_the_app(capsys: pytest.CaptureFixture[str]) -> None:
    record_one()
    assert cli.main(["journal", "export", "--format", "json"]) == 0
    exported = json.loads(capsys.readouterr().out)
    text = json.dumps(exported)
    assert "discord" in text and "Habit, honestly" in text and "returned" in text

    assert cli.main(["journal", "export", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["target_name"], r["outcome"], r["answer"]) for r in rows] == [
        ("discord", "returned", "Habit, honestly")
    ]


def test_export_with_no_journal_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["journal", "export"]) == 1
    assert "no journal yet" in capsys.readouterr().err
