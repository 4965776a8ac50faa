"""Focusapp in Dutch: real windows show Dutch and no English left over; the language follows the
desktop and the `[general] language` option, and the prompts follow the same choice."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from focusapp.app import FocusApp
from focusapp.core.errors import Refused
from focusapp.core.friction_pacing import PauseForm
from focusapp.core.insights import Insights, UrgeMoment
from focusapp.core.phrases import phrase
from focusapp.core.prompts import PromptLibrary
from focusapp.core.session import EMERGENCY_SENTENCES
from focusapp.core.settings import parse_settings
from focusapp.store.config import ConfigStore
from focusapp.store.paths import AppPaths
from focusapp.ui.emergency_dialog import EmergencyDialog
from focusapp.ui.i18n import Translation, resolve_language
from focusapp.ui.insights_window import InsightsWindow
from focusapp.ui.intervention import InterventionOverlay, InterventionRequest
from focusapp.ui.notifier import Notifier
from focusapp.ui.settings_window import SettingsWindow
from focusapp.ui.start_dialog import StartDialog
from focusapp.ui.tray import TrayController
from tests.qt.tray_fakes import FakeRunner, break_status, focus_status, status
from tests.unit.test_translations import tool

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")

# Words English sentences can hardly do without and Dutch never uses. One in a visible text
# means a sentence was left in English.
ENGLISH_ONLY = frozenset(
    {"the", "a", "an", "you", "your", "yours", "and", "or", "with", "for", "this", "that", "what",
     "when", "will", "to", "from", "there", "are", "be", "not", "it", "its", "no", "yes", "can",
     "can't", "don't", "isn't", "it's", "won't", "were", "has", "have"}
)  # fmt: skip


def _english_sources() -> set[str]:
    """Every English source whose Dutch differs: seeing one on screen is a leftover."""
    found: set[str] = set()
    for m in tool.messages(tool.ts_file("nl")):
        if any(t != m.source for t in m.translations):
            found.add(m.source.replace("&", ""))
    return found


ENGLISH_SOURCES = _english_sources()


@pytest.fixture
def dutch(qapp: QApplication) -> Iterator[Translation]:
    translation = Translation("nl").install(qapp)
    try:
        yield translation
    finally:
        translation.remove(qapp)


def _texts(widget: QWidget) -> list[str]:
    """What a person sees or hears of one widget: its words, tooltip and accessible name."""
    texts = [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
    if widget.isWindow():
        texts.append(widget.windowTitle())
    if isinstance(widget, QLabel):
        texts.append(re.sub(r"<[^>]+>", "", widget.text()))
    elif isinstance(widget, QAbstractButton):
        texts.append(widget.text())
    elif isinstance(widget, QGroupBox):
        texts.append(widget.title())
    elif isinstance(widget, QLineEdit | QPlainTextEdit):
        texts.append(widget.placeholderText())
    elif isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    elif isinstance(widget, QTabWidget):
        texts += [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, QSpinBox):
        texts += [widget.suffix(), widget.specialValueText()]
    return [t.replace("&", "").strip() for t in texts if t and t.strip()]


def visible_texts(window: QWidget) -> list[str]:
    widgets = [window, *(w for w in window.findChildren(QWidget) if w.isVisibleTo(window))]
    return [text for widget in widgets for text in _texts(widget)]


def menu_texts(menu: QMenu) -> list[str]:
    texts: list[str] = []
    for action in menu.actions():
        if action.isVisible() and action.text():
            texts += [action.text().replace("&", ""), action.toolTip()]
            if action.menu() is not None:
                texts += menu_texts(action.menu())
    return texts


def english_leftovers(texts: list[str]) -> list[str]:
    left = []
    for text in texts:
        words = set(re.findall(r"[\w']+", text.lower()))
        if text in ENGLISH_SOURCES or words & ENGLISH_ONLY:
            left.append(text)
    return left


def assert_dutch(texts: list[str], *expected: str) -> None:
    assert texts, "nothing visible to check"
    assert english_leftovers(texts) == []
    for text in expected:
        assert text in texts, f"{text!r} not among {texts}"


# -- real windows in Dutch ---------------------------------------------------------------------


def test_the_tray_menu_speaks_dutch(qtbot: QtBot, dutch: Translation) -> None:
    runner = FakeRunner()
    tray = TrayController(
        runner,
        open_settings=lambda: None,
        quit_app=lambda: None,
        notifier=Notifier(),
        dark_panel=False,
        open_journal=lambda: None,
        open_insights=lambda: None,
    )
    tray.update(status())
    tray.rebuild_menu()
    idle = menu_texts(tray.menu)
    assert_dutch(idle, "Geen sessie", "Focus starten", "25 minuten", "Eigen lengte…", "Afsluiten")

    tray.update(focus_status(remaining_s=18 * 60 + 5, cycle=2, cycles=4))
    tray.rebuild_menu()
    assert_dutch(menu_texts(tray.menu), "Focus – nog 19 min · 2 van 4", "Onderbreken", "Stoppen")

    tray.update(break_status(kind="long", paused=True))
    tray.rebuild_menu()
    assert_dutch(menu_texts(tray.menu), "Hervatten", "Pauze overslaan")
    assert "Lange pauze onderbroken – nog 3 min" in menu_texts(tray.menu)

    tray.update(focus_status(strict=True))
    tray.rebuild_menu()
    strict = menu_texts(tray.menu)
    assert_dutch(strict, "Nooduitgang…")
    assert any(t.startswith("Strikte sessie – eindigt om ") for t in strict)
    assert tray.notifier.history  # the turns were announced, in Dutch too
    assert english_leftovers([n.title for n in tray.notifier.history]) == []
    assert english_leftovers([n.body for n in tray.notifier.history]) == []


def test_a_refusal_from_the_core_is_shown_in_dutch(qtbot: QtBot, dutch: Translation) -> None:
    refusal = Refused(phrase("Session", "There is no break to skip right now."))
    runner = FakeRunner({"skip_break": refusal})
    tray = TrayController(
        runner, open_settings=lambda: None, quit_app=lambda: None, notifier=Notifier()
    )
    tray.run_command("skip_break")
    box = tray.message_box
    assert box is not None
    qtbot.addWidget(box)
    assert box.windowTitle() == "Nu even niet"
    assert box.text() == "Er is nu geen pauze om over te slaan."
    assert refusal.message == "There is no break to skip right now."  # the CLI keeps English


def test_the_settings_window_speaks_dutch_on_every_tab(
    qtbot: QtBot, dutch: Translation, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[[profiles]]\nname = "Diep werk"\nblock_sites = ["x.com"]\n\n'
        '[[limits]]\nname = "Sociaal"\ndaily_minutes = 30\nsites = ["tiktok.com"]\n\n'
        '[[schedules]]\nname = "Ochtenden"\ndays = ["mon"]\nstart = "09:00"\nend = "12:00"\n',
        encoding="utf-8",
    )
    window = SettingsWindow(ConfigStore(config, tmp_path / "last-good.toml"))
    qtbot.addWidget(window)
    window.show()
    seen: list[str] = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page_texts = visible_texts(window)
        assert english_leftovers(page_texts) == [], window.tabs.tabText(index)
        seen += page_texts
    assert_dutch(
        seen,
        "Instellingen van Focusapp",
        "Sessies",
        "Limieten",
        "Elke dag even veel",
        "maandag",  # day names from the locale, in the app's language
        "Verwijderen",
        "Opslaan",  # Qt's own buttons, from qtbase_nl
        "Annuleren",
    )


def test_dutch_mnemonics_are_never_ambiguous_on_a_page(
    qtbot: QtBot, dutch: Translation, tmp_path: Path
) -> None:
    window = SettingsWindow(ConfigStore(tmp_path / "config.toml", tmp_path / "last-good.toml"))
    qtbot.addWidget(window)
    always = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    always += [b.text() for b in window.buttons.buttons()]
    for i in range(window.tabs.count()):
        page = window.tabs.widget(i)
        texts = always + [label.text() for label in page.findChildren(QLabel)]
        texts += [b.text() for b in page.findChildren(QAbstractButton)]
        keys = [m.group(1).lower() for t in texts if (m := re.search(r"&(\w)", t))]
        assert len(keys) == len(set(keys)), (window.tabs.tabText(i), sorted(keys))


def test_the_emergency_dialog_speaks_dutch(qtbot: QtBot, dutch: Translation) -> None:
    ticket = {"token": "t", "sentence": "Ik stop bewust.", "wait_s": 30, "exits_left": 1}
    dialog = EmergencyDialog(FakeRunner({"emergency_begin": ticket}), monotonic=lambda: 0.0)
    qtbot.addWidget(dialog)
    dialog.show()
    assert_dutch(
        visible_texts(dialog),
        "Nooduitgang",
        "Moet je deze sessie verlaten?",
        "Blijf gefocust",
        "Sessie beëindigen",
        "Nooduitgangen over deze week: 1.",
        "Adem rustig in. Over 30 s kun je bevestigen.",
    )


def test_the_pause_overlay_speaks_dutch_in_both_phases(qtbot: QtBot, dutch: Translation) -> None:
    prompt = next(iter(PromptLibrary.bundled("nl")))
    request = InterventionRequest(
        target_label="Instagram",
        reason="Dit is geblokkeerd tijdens je focussessie",
        prompt=prompt,
        allow_minutes_choices=(2, 5, 10, 15),
        screen_geometry=QRect(0, 0, 1280, 800),
    )
    overlay = InterventionOverlay(
        request, reduce_motion=True, pause_s=60.0, pause_form=PauseForm.SLOW_BREATHS
    )
    qtbot.addWidget(overlay)
    overlay.show()
    pause = visible_texts(overlay)
    assert_dutch(pause, "Even stilstaan voor Instagram", "Rustige ademhaling 1 van 8: in… en uit.")

    overlay._end_pause()
    overlay.open_allow_form()
    assert overlay.open_button is not None and overlay.intention_edit is not None
    question = visible_texts(overlay)
    assert_dutch(
        question,
        prompt.text,
        "Terug naar waar ik mee bezig was",
        "Wat ga je daar doen?",
        "2 min",
        "Openen voor 2 minuten",
    )
    overlay.minute_buttons[0].click()
    overlay.close()


def test_the_start_dialog_and_insights_speak_dutch(qtbot: QtBot, dutch: Translation) -> None:
    dialog = StartDialog(["Diep werk"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert_dutch(visible_texts(dialog), "Een focussessie starten", "Strikte sessie", "Starten")

    now = datetime(2026, 11, 26, 21, 0, tzinfo=UTC)
    urges = [UrgeMoment(now.replace(hour=20, day=d), "site", "x.com", None, "Gewoonte") for d in
             range(20, 27)]  # fmt: skip
    window = InsightsWindow(
        lambda days: Insights.compute(urges, [], [], days, now, UTC)  # type: ignore[arg-type]
    )
    qtbot.addWidget(window)
    window.show()
    texts = visible_texts(window)
    assert_dutch(texts, "Wanneer de neiging kwam", "Afgelopen 7 dagen")
    assert "De neiging kwam vooral 's avonds." in window.when.words.text()
    assert QLocale().toString(now.date(), "MMMM") in window.span_label.text()  # "november"


# -- the language choice -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "desktop", "expected"),
    [
        ("system", "nl_NL", "nl"),
        ("system", "nl_BE", "nl"),
        ("system", "en_GB", "en"),
        ("system", "fr_FR", "en"),  # not shipped: English
        ("en", "nl_NL", "en"),
        ("nl", "en_US", "nl"),
    ],
)
def test_the_language_follows_the_desktop_unless_chosen(
    setting: str, desktop: str, expected: str
) -> None:
    assert resolve_language(setting, QLocale(desktop)) == expected


def test_the_language_option_round_trips_through_the_settings_window(
    qtbot: QtBot, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("# mine\n[general]\nidle_minutes = 3\n", encoding="utf-8")
    store = ConfigStore(config, tmp_path / "last-good.toml")
    window = SettingsWindow(store)
    qtbot.addWidget(window)
    box = window.general_page.language_box
    assert box.currentData() == "system"
    assert [box.itemData(i) for i in range(box.count())] == ["system", "en", "nl"]
    assert box.itemText(2) == "Nederlands"  # each language in its own words
    assert window.general_page.language_hint.isHidden()
    box.setCurrentIndex(box.findData("nl"))
    assert not window.general_page.language_hint.isHidden()  # it applies at the next start
    with qtbot.waitSignal(window.saved):
        window.save()
    text = config.read_text("utf-8")
    assert 'language = "nl"' in text and "# mine" in text
    assert store.load().settings.general.language == "nl"

    reopened = SettingsWindow(store)
    qtbot.addWidget(reopened)
    assert reopened.general_page.language_box.currentData() == "nl"


def test_an_unknown_language_is_reported_and_the_default_kept() -> None:
    parsed = parse_settings({"general": {"language": "fr"}})
    assert parsed.settings.general.language == "system"
    [problem] = parsed.problems
    assert (
        str(problem) == 'general.language must be "system", "en" or "nl", got "fr" (using "system")'
    )


def test_the_app_in_dutch_words_its_tray_prompts_and_emergency_sentence_in_dutch(
    qapp: QApplication,
) -> None:
    paths = AppPaths.from_environment()
    paths.ensure()
    paths.config_file.write_text(
        '[general]\nlanguage = "nl"\n\n[session]\nstrict = true\n', encoding="utf-8"
    )
    app = FocusApp(qapp, paths)
    try:
        assert app.translation.language == "nl"
        app.tray.rebuild_menu()
        assert app.tray.actions["header"].text() == "Geen sessie"
        assert app._prompt_library().language == "nl"
        app.commands.run("start", {"minutes": 25})
        ticket = app.commands.run("emergency_begin")
        dutch_sentences = {
            QApplication.translate("Session", str(sentence)) for sentence in EMERGENCY_SENTENCES
        }
        assert ticket["sentence"] in dutch_sentences
        assert ticket["sentence"].startswith(("Ik ", "Dit is een nooduitgang"))
        with pytest.raises(Refused) as refused:
            app.commands.run("stop")
        assert "strict session" in refused.value.message  # the CLI's words stay English
        assert app.commands.run("notices")["notices"] == []
    finally:
        app.shut_down()
    assert QApplication.translate("TrayController", "Quit") == "Quit"  # removed again
