"""The journal window: empty, a year of moments, export, and delete only after asking."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from focusapp.core.journal import Outcome
from focusapp.core.journal_export import from_csv, from_json
from focusapp.core.records import LogEntry, LogKind
from focusapp.store.database import Database, to_db_timestamp
from focusapp.store.journal_store import JournalStore
from focusapp.store.note_cipher import NoteCipher, NoteUnreadable, new_key
from focusapp.store.session_store import SqliteSessionStore
from focusapp.store.urge_store import note_context
from focusapp.ui.journal_window import (
    DeleteEverythingDialog,
    EntriesModel,
    JournalWindow,
    outcome_words,
)

# The offscreen platform says so whenever a window is shown; it is not about this window.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
QUESTIONS = {"validation-001": "What would it change if nobody liked it?"}


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database, _ = Database.open(tmp_path / "focusapp.sqlite3")
    yield database
    database.close()


def explain(error: NoteUnreadable) -> str:
    return "This note was written with a key that is no longer in your keyring."


def add_urges(db: Database, cipher: NoteCipher, moments: list[datetime], seed: int = 1) -> None:
    """Many urges in one transaction, about one in five with a note (encrypted as the app does)."""
    rng = random.Random(seed)
    targets = [("site", "tiktok.com", "feed"), ("site", "instagram.com", "notifications"),
               ("app", "discord", None)]  # fmt: skip
    with db.transaction() as conn:
        for ts in moments:
            kind, name, page = rng.choice(targets)
            allowed = rng.random() < 0.3
            cursor = conn.execute(
                "INSERT INTO urges (ts, trigger_kind, target_kind, target_name, page_kind,"
                " prompt_id, answer, outcome, allowed_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    to_db_timestamp(ts), "blocked_during_session", kind, name, page,
                    "validation-001", "Habit, honestly",
                    (Outcome.ALLOWED if allowed else Outcome.RETURNED).value,
                    300.0 if allowed else None,
                ),
            )  # fmt: skip
            urge_id = cursor.lastrowid
            assert urge_id is not None
            if rng.random() < 0.2:
                blob = cipher.encrypt("waiting on the build", context=note_context(urge_id, "note"))
                conn.execute("UPDATE urges SET note_enc = ? WHERE id = ?", (blob, urge_id))


def window_for(
    qtbot: QtBot, db: Database, cipher: NoteCipher | None, **kwargs: object
) -> JournalWindow:
    store = JournalStore(db, lambda: cipher, explain, now=lambda: NOW)
    window = JournalWindow(store, QUESTIONS.get, today=lambda: NOW.date(), **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_an_empty_journal_says_so_kindly(qtbot: QtBot, db: Database) -> None:
    window = window_for(qtbot, db, None, notes_status="Your notes are protected by GNOME Keyring.")
    assert window.entries_model.rowCount() == 0
    assert window.entries_empty.isVisible()
    assert not window.entries_view.isVisible()
    assert "Nothing here yet" in window.entries_empty.text()
    assert window.notes_label.text() == "Your notes are protected by GNOME Keyring."
    window.tabs.setCurrentIndex(1)
    assert window.log_empty.isVisible()
    assert window.retention_label.text() == "Entries older than a year are removed on their own."


def test_a_year_of_moments_opens_fast_newest_first(qtbot: QtBot, db: Database) -> None:
    cipher = NoteCipher(new_key())
    start = NOW - timedelta(days=365)
    # 20 urges a day for a year.
    moments = [start + timedelta(minutes=72 * i) for i in range(20 * 365)]
    add_urges(db, cipher, moments)

    began = time.perf_counter()
    window = window_for(qtbot, db, cipher)
    qtbot.wait(10)  # let the view paint once
    elapsed = time.perf_counter() - began

    model = window.entries_model
    assert model.rowCount() == 20 * 365
    assert model.entry(0).ts == moments[-1]
    assert model.entry(model.rowCount() - 1).ts == moments[0]
    assert elapsed < 5.0, f"opening a year took {elapsed:.1f}s"
    # The last row is worded only when asked for, and worded right.
    last = model.index(model.rowCount() - 1, 2)
    assert model.data(last) == "What would it change if nobody liked it?"


def test_the_list_shows_moments_in_plain_words(qtbot: QtBot, db: Database) -> None:
    cipher = NoteCipher(new_key())
    add_urges(db, cipher, [NOW - timedelta(hours=2)])
    window = window_for(qtbot, db, cipher)
    model = window.entries_model
    row = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert row[0].startswith("Today ")
    assert row[2] == "What would it change if nobody liked it?"
    assert row[3] == "Habit, honestly"
    assert row[4] in ("went back", "took 5 minutes")
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["When", "What", "The question", "Your answer", "Then"]


def test_outcomes_in_words() -> None:
    from focusapp.core.journal_export import JournalEntry

    def entry(outcome: str, allowed_s: float | None = None, intention: str | None = None):
        return JournalEntry(1, NOW, "feed", "site", "x.com", None, None, None, None, None,
                            intention, None, outcome, allowed_s, None)  # fmt: skip

    assert outcome_words(entry("returned")) == "went back"
    assert (
        outcome_words(entry("allowed", 300.0, "reply to Sam")) == "took 5 minutes: “reply to Sam”"
    )
    assert outcome_words(entry("allowed", 300.0)) == "took 5 minutes"
    assert outcome_words(entry("emergency_exit")) == "used an emergency exit"
    assert outcome_words(entry("enforced")) == "your rule set it aside"


def test_selecting_a_moment_shows_it_in_full_with_the_note_or_why_not(
    qtbot: QtBot, db: Database
) -> None:
    writer = NoteCipher(new_key())
    add_urges(db, writer, [NOW - timedelta(minutes=m) for m in range(30)], seed=3)
    with_note = db.conn.execute("SELECT count(*) FROM urges WHERE note_enc IS NOT NULL").fetchone()[
        0
    ]
    assert with_note > 0

    readable = window_for(qtbot, db, writer)
    rows = [readable.entries_model.entry(r) for r in range(30)]
    row = next(i for i, e in enumerate(rows) if e.note)
    readable.entries_view.selectRow(row)
    assert "Your note: waiting on the build" in readable.detail.text()
    assert "Asked: What would it change if nobody liked it?" in readable.detail.text()

    lost_key = window_for(qtbot, db, NoteCipher(new_key()))
    lost_key.entries_view.selectRow(row)
    text = lost_key.detail.text()
    assert "waiting on the build" not in text
    assert "no longer in your keyring" in text
    assert "You answered: Habit, honestly" in text


def test_the_honest_log_tab_lists_sentences_newest_first(qtbot: QtBot, db: Database) -> None:
    log = SqliteSessionStore(db)
    log.append_log(LogEntry(NOW - timedelta(days=2), LogKind.QUIT_DURING_STRICT, {}))
    log.append_log(
        LogEntry(NOW - timedelta(hours=1), LogKind.EMERGENCY_EXIT, {"remaining_s": 1080})
    )
    window = window_for(qtbot, db, None)
    window.tabs.setCurrentIndex(1)
    model = window.log_model
    assert model.rowCount() == 2
    assert model.data(model.index(0, 1)) == "You used an emergency exit (18 minutes left)."
    assert model.data(model.index(1, 1)) == "Focusapp was quit during a strict session."
    assert window.log_view.isVisible()


def test_no_counts_or_streaks_anywhere(qtbot: QtBot, db: Database) -> None:
    add_urges(db, NoteCipher(new_key()), [NOW - timedelta(hours=h) for h in range(50)])
    window = window_for(qtbot, db, None)
    from PySide6.QtWidgets import QAbstractButton, QLabel

    words = " ".join(
        [w.text() for w in window.findChildren(QLabel)]
        + [w.text() for w in window.findChildren(QAbstractButton)]
        + [window.tabs.tabText(i) for i in range(window.tabs.count())]
    ).lower()
    for forbidden in ("streak", "resisted", "score", "50", "total"):
        assert forbidden not in words


@pytest.mark.parametrize(("filename", "kind"), [("mine.json", "json"), ("mine.csv", "csv")])
def test_export_writes_what_the_journal_holds(
    qtbot: QtBot,
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    filename: str,
    kind: str,
) -> None:
    cipher = NoteCipher(new_key())
    add_urges(db, cipher, [NOW - timedelta(hours=h) for h in range(40)])
    SqliteSessionStore(db).append_log(LogEntry(NOW, LogKind.QUIT_DURING_STRICT, {}))
    window = window_for(qtbot, db, cipher)
    target = tmp_path / filename
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )

    qtbot.mouseClick(window.export_button, Qt.MouseButton.LeftButton)

    text = target.read_text(encoding="utf-8")
    expected = window.store.entries()
    if kind == "json":
        entries, log = from_json(text)
        assert [line.sentence for line in log] == ["Focusapp was quit during a strict session."]
    else:
        entries = from_csv(text)
    assert entries == expected
    assert any(e.note == "waiting on the build" for e in entries)
    assert str(target) in window.message.text()


def test_export_without_a_suffix_follows_the_chosen_filter(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_for(qtbot, db, None)
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(tmp_path / "journal"), "CSV, moments only (*.csv)")),
    )
    assert window.export() == tmp_path / "journal.csv"
    assert (tmp_path / "journal.csv").read_text().startswith("id,ts,")


def test_cancelling_the_export_writes_nothing(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_for(qtbot, db, None)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    assert window.export() is None
    assert list(tmp_path.glob("*.json")) == []


def test_delete_needs_confirmation(qtbot: QtBot, db: Database) -> None:
    add_urges(db, NoteCipher(new_key()), [NOW - timedelta(hours=h) for h in range(5)])
    asked: list[QWidget] = []

    def declines(parent: QWidget) -> bool:
        asked.append(parent)
        return False

    window = window_for(qtbot, db, None, confirm_delete=declines)
    qtbot.mouseClick(window.delete_button, Qt.MouseButton.LeftButton)
    assert asked == [window]
    assert window.entries_model.rowCount() == 5
    assert db.conn.execute("SELECT count(*) FROM urges").fetchone()[0] == 5
    assert window.message.text() == "Nothing was deleted."


def test_confirmed_delete_empties_the_window_and_the_database(qtbot: QtBot, db: Database) -> None:
    add_urges(db, NoteCipher(new_key()), [NOW - timedelta(hours=h) for h in range(5)])
    window = window_for(qtbot, db, None, confirm_delete=lambda parent: True)
    assert window.delete_everything()
    assert window.entries_model.rowCount() == 0
    assert window.entries_empty.isVisible()
    assert db.conn.execute("SELECT count(*) FROM urges").fetchone()[0] == 0
    assert window.message.text().startswith("Your journal was deleted.")


def test_the_delete_question_keeps_the_journal_unless_delete_is_chosen(qtbot: QtBot) -> None:
    dialog = DeleteEverythingDialog()
    qtbot.addWidget(dialog)
    assert dialog.defaultButton() is dialog.keep_button
    assert dialog.escapeButton() is dialog.keep_button
    assert not dialog.delete_button.isDefault()
    assert dialog.buttonRole(dialog.delete_button) == QMessageBox.ButtonRole.DestructiveRole

    dialog.open()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.confirmed()

    dialog.open()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert not dialog.confirmed()

    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.delete_button.click()
    assert dialog.confirmed()


def test_keyboard_and_screen_readers_find_everything(qtbot: QtBot, db: Database) -> None:
    add_urges(db, NoteCipher(new_key()), [NOW - timedelta(hours=1)])
    window = window_for(qtbot, db, None)
    for widget in (window.entries_view, window.log_view, window.export_button,
                   window.delete_button, window.detail, window.tabs):  # fmt: skip
        assert widget.accessibleName(), widget
    assert window.export_button.text() == "&Export…"
    assert window.delete_button.text() == "&Delete everything…"
    model = window.entries_model
    assert model.data(model.index(0, 3), Qt.ItemDataRole.AccessibleTextRole) == (
        "Your answer: Habit, honestly"
    )
    window.entries_view.setFocus()
    qtbot.keyClick(window.entries_view, Qt.Key.Key_Down)
    assert window.entries_view.currentIndex().isValid()
    assert "You answered: Habit, honestly" in window.detail.text()


def test_retention_is_shown_in_words(qtbot: QtBot, db: Database) -> None:
    window = window_for(qtbot, db, None, retention_days=90)
    assert window.retention_label.text() == "Entries older than 3 months are removed on their own."
    window.set_retention_days(730)
    assert window.retention_label.text() == "Entries older than 2 years are removed on their own."


def test_words_for_days_further_back(qtbot: QtBot) -> None:
    model = EntriesModel(today=lambda: date(2026, 11, 26))
    from focusapp.ui.journal_window import when_words

    local_noon = datetime(2026, 11, 25, 12, 0).astimezone()
    assert when_words(local_noon, date(2026, 11, 26)) == "Yesterday 12:00"
    old = datetime(2024, 2, 3, 8, 30).astimezone()
    assert when_words(old, date(2026, 11, 26)).startswith("3 ")
    assert "2024" in when_words(old, date(2026, 11, 26))
    assert model.rowCount() == 0


def test_a_note_to_self_is_kept_encrypted_and_shown(qtbot: QtBot, db: Database) -> None:
    cipher = NoteCipher(new_key())
    add_urges(db, cipher, [NOW - timedelta(hours=2)], seed=7)
    window = window_for(qtbot, db, cipher)
    assert not window.note_button.isEnabled()
    window.entries_view.selectRow(0)
    assert window.note_button.isEnabled()
    assert window.write_note("I posted an hour ago and wanted to see.")
    assert "I posted an hour ago" in window.detail.text()
    raw = db.conn.execute("SELECT note_enc FROM urges").fetchone()[0]
    assert b"posted" not in raw  # encrypted at rest


def test_without_a_key_a_note_is_refused_with_a_reason(qtbot: QtBot, db: Database) -> None:
    add_urges(db, NoteCipher(new_key()), [NOW - timedelta(hours=1)], seed=3)
    window = window_for(qtbot, db, None)
    window.entries_view.selectRow(0)
    before = db.conn.execute("SELECT note_enc FROM urges").fetchone()[0]
    assert not window.write_note("private words")
    assert "can't be saved" in window.message.text()
    assert db.conn.execute("SELECT note_enc FROM urges").fetchone()[0] == before  # nothing written
