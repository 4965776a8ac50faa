"""Every window of the app, built with plausible data and no running app behind it.

One place that knows how to make each window, so the accessibility walk, the 200% check and
the README screenshots (`scripts/screenshots.py`) look at the same windows. Each builder takes
a `Workshop` (a temporary folder and the things to close afterwards) and returns the window,
not yet shown.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from focusapp.core.journal import Outcome, UrgeEntry
from focusapp.core.prompts import Prompt, PromptLibrary
from focusapp.core.settings import Limit
from focusapp.store.config import ConfigStore
from focusapp.store.database import Database
from focusapp.store.journal_store import JournalStore
from focusapp.store.note_cipher import NoteCipher, new_key
from focusapp.store.secrets import JournalKeys, NotesMode
from focusapp.store.urge_store import SqliteUrgeStore
from tests.qt.tray_fakes import FakeRunner, focus_status

SAMPLE_CONFIG = """\
# My focus setup.

[session]
focus_minutes = 50   # long stretches work best for me
break_minutes = 10

[[profiles]]
name = "Deep work"
block_apps = ["discord", "telegram-desktop"]
block_sites = ["x.com", "instagram.com", "tiktok.com"]

[[limits]]
name = "Social"
daily_minutes = 30
apps = ["discord"]
sites = ["tiktok.com", "instagram.com", "youtube.com"]
enforce = "minimize"

[limits.weekdays]
sat = 60
sun = 60

[[schedules]]
name = "Weekday mornings"
days = ["mon", "tue", "wed", "thu", "fri"]
start = "08:30"
end = "12:00"
profile = "Deep work"
"""

PROMPT_ID = "validation-001"
# Sample words the app does not write itself (they come from the user or the attention
# controller), in each language the screenshots are made in.
SAMPLE_WORDS = {
    "en": {
        "reason": "This is blocked during your focus session",
        "Deep work": "Deep work",
        "Social": "Social",
        "Writing": "Writing",
        "note": "I posted an hour ago and wanted to see.",
        "intention": "reply to Sam",
        "notes_status": "What you type is encrypted with a key kept in your system keyring.",
    },
    "nl": {
        "reason": "Dit is geblokkeerd tijdens je focussessie",
        "Deep work": "Diep werk",
        "Social": "Sociale media",
        "Writing": "Schrijven",
        "note": "Ik had een uur geleden iets gepost en wilde kijken.",
        "intention": "Sam antwoorden",
        "notes_status": "Wat je typt wordt versleuteld met een sleutel in je systeemsleutelbos.",
    },
}
SCREEN = QRect(0, 0, 1280, 800)
NOW = datetime(2026, 11, 26, 21, 30, tzinfo=UTC)
TZ = ZoneInfo("Europe/Amsterdam")


@dataclass
class Workshop:
    """A temporary folder for the windows' files, and what to close when done; `language` is
    the one sample data is written in (the UI's own words come from the installed translator)."""

    folder: Path
    language: str = "en"
    closers: list[Callable[[], object]] = field(default_factory=list)
    keep: list[Any] = field(default_factory=list)  # objects that must live as long as a window

    def close(self) -> None:
        for closer in reversed(self.closers):
            closer()
        self.closers.clear()
        self.keep.clear()

    def word(self, key: str) -> str:
        return SAMPLE_WORDS[self.language][key]

    def prompt(self) -> Prompt:
        return PromptLibrary.bundled(self.language).get(PROMPT_ID)

    def database(self, name: str) -> Database:
        db, _notices = Database.open(self.folder / f"{name}.sqlite3")
        self.closers.append(db.close)
        return db


def _tray_controller(shop: Workshop) -> Any:
    from focusapp.ui.notifier import Notifier
    from focusapp.ui.tray import TrayController

    status = focus_status(
        remaining_s=14 * 60,
        profile=shop.word("Deep work"),
        profiles=[shop.word("Deep work"), shop.word("Writing")],
    )
    controller = TrayController(
        FakeRunner({"status": status}),
        open_settings=lambda: None,
        quit_app=lambda: None,
        notifier=Notifier(),
        dark_panel=False,
    )
    shop.keep.append(controller)
    controller.update(status)
    return controller


def fallback_window(shop: Workshop) -> QWidget:
    from focusapp.ui.fallback_window import FallbackWindow

    return FallbackWindow(_tray_controller(shop))


def tray_menu(shop: Workshop) -> QWidget:
    controller = _tray_controller(shop)
    controller.rebuild_menu()
    menu: QWidget = controller.menu
    return menu


def settings_window(shop: Workshop) -> QWidget:
    from focusapp.ui.settings_window import SettingsWindow

    store = ConfigStore(shop.folder / "config.toml", shop.folder / "last-good.toml")
    text = SAMPLE_CONFIG
    for name in ("Deep work", "Social"):
        text = text.replace(f'"{name}"', f'"{shop.word(name)}"')
    store.path.write_text(text, encoding="utf-8")
    return SettingsWindow(store)


def start_dialog(shop: Workshop) -> QWidget:
    from focusapp.ui.start_dialog import StartDialog

    return StartDialog(
        [shop.word("Deep work"), shop.word("Writing")], profile=shop.word("Deep work")
    )


def emergency_dialog(shop: Workshop) -> QWidget:
    from focusapp.ui.emergency_dialog import EmergencyDialog

    ticket = {
        "token": "t",
        "sentence": "I am choosing to end this focus session now.",
        "wait_s": 30.0,
        "exits_left": 2,
    }
    return EmergencyDialog(FakeRunner({"emergency_begin": ticket}))


def intervention(shop: Workshop, *, reduce_motion: bool = True, pause_s: float = 0.0) -> QWidget:
    from focusapp.ui.intervention import InterventionOverlay, InterventionRequest

    request = InterventionRequest(
        target_label="Instagram",
        reason=shop.word("reason"),
        prompt=shop.prompt(),
        allow_minutes_choices=(2, 5, 10, 15),
        screen_geometry=SCREEN,
    )
    return InterventionOverlay(request, reduce_motion=reduce_motion, pause_s=pause_s)


def _journal_store(shop: Workshop) -> JournalStore:
    prompt = shop.prompt()
    db = shop.database("journal")
    cipher = NoteCipher(new_key())
    urges = SqliteUrgeStore(db, lambda: cipher)
    rng = random.Random(3)
    targets = [("site", "tiktok.com", "feed"), ("site", "instagram.com", "notifications"),
               ("app", "discord", None)]  # fmt: skip
    for day in range(10):
        for hour in (13, 20):
            kind, name, page = rng.choice(targets)
            allowed = rng.random() < 0.3
            urges.record_urge(
                UrgeEntry(
                    ts=NOW - timedelta(days=day, hours=24 - hour),
                    trigger_kind="limit_reached",
                    target_kind=kind,
                    target_name=name,
                    page_kind=page,
                    outcome=Outcome.ALLOWED if allowed else Outcome.RETURNED,
                    prompt_id=prompt.id,
                    answer=rng.choice(prompt.answers),
                    intention=shop.word("intention") if allowed else None,
                    note=shop.word("note") if day == 1 else None,
                    allowed_s=300.0 if allowed else None,
                )
            )
    return JournalStore(
        db,
        lambda: cipher,
        lambda _error: "This note was written with a key that is gone.",
        prompt_text=lambda prompt_id: prompt.text if prompt_id == prompt.id else None,
    )


def journal_window(shop: Workshop) -> QWidget:
    from focusapp.ui.journal_window import JournalWindow

    prompt = shop.prompt()
    return JournalWindow(
        _journal_store(shop),
        lambda prompt_id: prompt.text if prompt_id == prompt.id else None,
        notes_status=shop.word("notes_status"),
        today=lambda: NOW.date(),
    )


def delete_journal_dialog(shop: Workshop) -> QWidget:
    from focusapp.ui.journal_window import DeleteEverythingDialog

    return DeleteEverythingDialog()


def insights_window(shop: Workshop) -> QWidget:
    from focusapp.store.insights_query import InsightsQuery
    from focusapp.ui.insights_window import InsightsWindow
    from tests.perf.insights_data import fill, prompt_categories

    db = shop.database("insights")
    fill(db, (NOW.astimezone(TZ) - timedelta(hours=4)).date(), 30, TZ, urges_per_day=9,
         usage_hours_per_day=12)  # fmt: skip
    _answers_in(shop.language, db)
    query = InsightsQuery(db)
    limits = [
        Limit(name=shop.word("Social"), daily_minutes=75, sites=("instagram.com", "tiktok.com"))
    ]
    categories = prompt_categories()
    return InsightsWindow(
        lambda days: query.model(days, NOW, TZ, limits=limits, categories=categories)
    )


def _answers_in(language: str, db: Database) -> None:
    """The generated history's answers as a user of `language` would have picked them (the
    history is written in English): each answer becomes the same answer of the same prompt."""
    if language == "en":
        return
    english, other = PromptLibrary.bundled("en"), PromptLibrary.bundled(language)
    with db.transaction() as conn:
        rows = conn.execute("SELECT DISTINCT prompt_id, answer FROM urges").fetchall()
        for prompt_id, answer in rows:
            if prompt_id not in english or prompt_id not in other:
                continue
            answers = english.get(prompt_id).answers
            if answer in answers:
                translated = other.get(prompt_id).answers[answers.index(answer)]
                conn.execute(
                    "UPDATE urges SET answer = ? WHERE prompt_id = ? AND answer = ?",
                    (translated, prompt_id, answer),
                )


def checkin_dialog(shop: Workshop) -> QWidget:
    from focusapp.ui.checkin_dialog import CheckinDialog

    return CheckinDialog(notes_kept=True)


def notes_choice_dialog(shop: Workshop) -> QWidget:
    from focusapp.ui.notes_dialogs import NotesChoiceDialog

    keys = JournalKeys(NotesMode.KEYRING, verifier_file=shop.folder / "verifier.json")
    shop.keep.append(keys)
    return NotesChoiceDialog(keys)


def passphrase_prompt(shop: Workshop) -> QWidget:
    from focusapp.ui.notes_dialogs import PassphrasePrompt

    keys = JournalKeys(NotesMode.PASSPHRASE, verifier_file=shop.folder / "verifier.json")
    shop.keep.append(keys)
    return PassphrasePrompt(keys)


def welcome_window(shop: Workshop) -> QWidget:
    from focusapp.ui.welcome import BrowserSetup, WelcomeWindow

    store = ConfigStore(shop.folder / "welcome.toml", shop.folder / "welcome-good.toml")
    folder = Path("/opt/focusapp/_internal/focusapp/resources/extension/chromium")  # the .deb's
    return WelcomeWindow(
        store,
        BrowserSetup(lambda: ["Chromium", "Google Chrome"], folder),
        set_autostart=lambda _enabled: None,
    )


WINDOWS: dict[str, Callable[[Workshop], QWidget]] = {
    "fallback": fallback_window,
    "tray-menu": tray_menu,
    "settings": settings_window,
    "start": start_dialog,
    "emergency": emergency_dialog,
    "intervention": intervention,
    "journal": journal_window,
    "journal-delete": delete_journal_dialog,
    "insights": insights_window,
    "checkin": checkin_dialog,
    "notes-choice": notes_choice_dialog,
    "passphrase": passphrase_prompt,
    "welcome": welcome_window,
}
