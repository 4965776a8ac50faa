"""Renders the journal window with a realistic month of data, offscreen, in light and dark.

    python scripts/screenshot_journal.py OUTDIR

Writes `journal-light.png`, `journal-dark.png`, `journal-log-light.png`, `journal-log-dark.png`
and `journal-empty-light.png` into OUTDIR. Uses a throwaway database in a temporary folder.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from focusapp.core.journal import Outcome, UrgeEntry
from focusapp.core.limits import Applies, LimitChange
from focusapp.core.prompts import PromptLibrary
from focusapp.core.records import LogEntry, LogKind
from focusapp.store.database import Database
from focusapp.store.journal_store import JournalStore
from focusapp.store.note_cipher import NoteCipher, NoteUnreadable, new_key
from focusapp.store.session_store import SqliteSessionStore
from focusapp.store.urge_store import SqliteUrgeStore
from focusapp.ui.journal_window import JournalWindow

TARGETS = [
    ("site", "tiktok.com", "feed"),
    ("site", "instagram.com", "notifications"),
    ("site", "instagram.com", "own_profile"),
    ("site", "x.com", "feed"),
    ("app", "discord", None),
    ("site", "youtube.com", "feed"),
]
INTENTIONS = ["reply to Sam", "check the event time", "send the photo to Mum", "find the recipe"]
NOTES = [
    "The report got hard right before this.",
    "I posted an hour ago and wanted to see.",
    "Tired. Should have taken a break instead.",
    "Felt left out after the group chat went quiet.",
]


def fill(db: Database, now: datetime, library: PromptLibrary) -> NoteCipher:
    """A month of moments and log lines; returns the key that reads today's notes."""
    rng = random.Random(7)
    cipher = NoteCipher(new_key())
    urges = SqliteUrgeStore(db, lambda: cipher)
    prompts = list(library)
    for day in range(30, -1, -1):
        for _ in range(rng.randint(1, 6)):
            ts = now - timedelta(days=day, hours=rng.uniform(0, 12))
            if ts > now:
                continue
            kind, name, page = rng.choice(TARGETS)
            prompt = rng.choice(prompts)
            roll = rng.random()
            outcome = Outcome.RETURNED
            if roll > 0.95:
                outcome = Outcome.EMERGENCY_EXIT
            elif roll > 0.7:
                outcome = Outcome.ALLOWED
            allowed = outcome is Outcome.ALLOWED
            urges.record_urge(
                UrgeEntry(
                    ts=ts,
                    trigger_kind=rng.choice(["blocked_during_session", "limit_reached"]),
                    target_kind=kind,
                    target_name=name,
                    page_kind=page,
                    outcome=outcome,
                    prompt_id=prompt.id,
                    answer=rng.choice(prompt.answers),
                    intention=rng.choice(INTENTIONS) if allowed else None,
                    note=rng.choice(NOTES) if rng.random() < 0.25 else None,
                    allowed_s=rng.choice([120.0, 300.0, 600.0]) if allowed else None,
                )
            )
    # A few notes written with a key that was later lost.
    lost = NoteCipher(new_key())
    SqliteUrgeStore(db, lambda: lost).record_urge(
        UrgeEntry(now - timedelta(days=12, hours=3), "limit_reached", "site", "tiktok.com",
                  Outcome.RETURNED, page_kind="feed", prompt_id=prompts[0].id,
                  answer=prompts[0].answers[0], note="lost")
    )  # fmt: skip
    log = SqliteSessionStore(db)
    for days, kind, detail in [
        (27, LogKind.LIMIT_CHANGE, LimitChange("Social", 30, 45, Applies.TOMORROW).detail(now)),
        (20, LogKind.APP_DOWN, {"away_s": 720.0, "strict": False}),
        (14, LogKind.CLOCK_JUMP, {"delta_s": 3600.0}),
        (9, LogKind.EMERGENCY_EXIT, {"remaining_s": 1080.0, "profile": "Deep work"}),
        (5, LogKind.SUSPEND, {"duration_s": 2400.0}),
        (2, LogKind.QUIT_DURING_STRICT, {"session_id": "s"}),
    ]:
        log.append_log(LogEntry(now - timedelta(days=days, hours=2), kind, detail))
    return cipher


def dark_palette() -> QPalette:
    p = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#23262b",
        QPalette.ColorRole.WindowText: "#e3e5e8",
        QPalette.ColorRole.Base: "#1b1d21",
        QPalette.ColorRole.AlternateBase: "#212429",
        QPalette.ColorRole.Text: "#e3e5e8",
        QPalette.ColorRole.Button: "#2c3036",
        QPalette.ColorRole.ButtonText: "#e3e5e8",
        QPalette.ColorRole.Highlight: "#3d5a73",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#9aa0a8",
        QPalette.ColorRole.ToolTipBase: "#2c3036",
        QPalette.ColorRole.ToolTipText: "#e3e5e8",
        QPalette.ColorRole.Mid: "#3a3f46",
        QPalette.ColorRole.Dark: "#15171a",
        QPalette.ColorRole.Light: "#3a3f46",
    }
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    return p


def light_palette() -> QPalette:
    p = QStyleFactory.create("Fusion").standardPalette()
    p.setColor(QPalette.ColorRole.Highlight, QColor("#cfe0ee"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#1b1d21"))
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#f6f7f8"))
    return p


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    app.setStyle("Fusion")
    library = PromptLibrary.bundled("en")
    now = datetime.now(UTC)

    def question(prompt_id: str) -> str | None:
        return library.get(prompt_id).text if prompt_id in library else None

    def explain(error: NoteUnreadable) -> str:
        return (
            "This note was written with a key that is no longer in your keyring, so it can't "
            "be read. The rest of your journal is fine."
        )

    with tempfile.TemporaryDirectory() as tmp:
        db, _ = Database.open(Path(tmp) / "focusapp.sqlite3")
        empty_db, _ = Database.open(Path(tmp) / "empty.sqlite3")
        cipher = fill(db, now, library)
        for scheme, palette in (("light", light_palette()), ("dark", dark_palette())):
            app.setPalette(palette)
            store = JournalStore(db, lambda: cipher, explain)
            window = JournalWindow(
                store,
                question,
                notes_status="Your notes are protected by GNOME Keyring (Secret Service).",
            )
            window.resize(1000, 660)
            window.show()
            window.entries_view.selectRow(2)
            app.processEvents()
            window.grab().save(str(out / f"journal-{scheme}.png"))
            window.tabs.setCurrentIndex(1)
            app.processEvents()
            window.grab().save(str(out / f"journal-log-{scheme}.png"))
            window.close()
            if scheme == "light":
                empty = JournalWindow(
                    JournalStore(empty_db, lambda: None, explain),
                    notes_status="Notes are off: nothing you type is saved. "
                    "The rest of your journal is kept.",
                )
                empty.resize(1000, 660)
                empty.show()
                app.processEvents()
                empty.grab().save(str(out / "journal-empty-light.png"))
                empty.close()
        db.close()
        empty_db.close()
    print(f"wrote screenshots to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
