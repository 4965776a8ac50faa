"""The settings window: edits reach config.toml with the user's comments; broken files stay."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from focusapp.core.settings import Profile, ScheduleRule, Settings
from focusapp.store.config import ConfigStore
from focusapp.ui.settings_window import SettingsWindow

# Showing a window on the offscreen platform logs this; it says nothing about our code.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

CONFIG = """\
# My focus setup. Tuned after a rough week.

[session]
# long stretches work best for me
focus_minutes = 50   # was 25
break_minutes = 10

[[profiles]]
name = "Deep work"
block_apps = ["discord"]   # chat is the worst
block_sites = ["x.com"]

# for evenings
[[profiles]]
name = "Reading"
block_sites = ["youtube.com"]

[[schedules]]
name = "Mornings"
days = ["mon", "tue"]
start = "08:30"
end = "12:00"
profile = "Reading"

[metrics]
hide = "focus"   # numbers only on weekends
"""


@pytest.fixture
def store(tmp_path: Path) -> ConfigStore:
    path = tmp_path / "config" / "config.toml"
    path.parent.mkdir()
    path.write_text(CONFIG, encoding="utf-8")
    return ConfigStore(path, tmp_path / "state" / "config.last-good.toml")


@pytest.fixture
def window(qtbot: QtBot, store: ConfigStore) -> SettingsWindow:
    w = SettingsWindow(store)
    qtbot.addWidget(w)
    w.show()
    return w


def comments(text: str) -> list[str]:
    return [line[line.index("#") :] for line in text.splitlines() if "#" in line]


def keeps_in_order(old: list[str], new: list[str]) -> bool:
    remaining = iter(new)
    return all(any(c == n for n in remaining) for c in old)


def test_shows_what_the_file_says(window: SettingsWindow) -> None:
    assert window.sessions_page.spins["focus_minutes"].value() == 50
    assert window.profiles_page.side.list.count() == 2
    assert window.profiles_page.sites_edit.toPlainText() == "x.com"
    page = window.schedules_page
    assert page.name_edit.text() == "Mornings"
    assert [d for d, box in page.day_boxes.items() if box.isChecked()] == ["mon", "tue"]
    assert page.start_edit.time() == QTime(8, 30)
    assert page.profile_box.currentText() == "Reading"
    assert window.settings() == window._store.load().settings


def test_changes_are_saved_and_the_users_comments_stay(
    qtbot: QtBot, window: SettingsWindow, store: ConfigStore
) -> None:
    window.sessions_page.spins["focus_minutes"].setValue(40)
    window.sessions_page.spins["cycles"].setValue(6)
    window.sessions_page.strict_box.setChecked(True)
    window.sessions_page.spins["emergency_exits_per_week"].setValue(1)

    profiles = window.profiles_page
    window.tabs.setCurrentWidget(profiles)
    profiles.side.list.setCurrentRow(1)
    profiles.name_edit.selectAll()
    qtbot.keyClicks(profiles.name_edit, "Evenings")
    profiles.sites_edit.setPlainText("youtube.com\n\n  reddit.com  \n")
    qtbot.mouseClick(profiles.side.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(profiles.name_edit, "Writing")
    profiles.apps_edit.setPlainText("slack")

    schedules = window.schedules_page
    window.tabs.setCurrentWidget(schedules)
    qtbot.mouseClick(schedules.side.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(schedules.name_edit, "Nights")
    for day, box in schedules.day_boxes.items():
        box.setChecked(day in ("fri", "sat"))
    schedules.start_edit.setTime(QTime(22, 0))
    schedules.end_edit.setTime(QTime(6, 30))
    schedules.profile_box.setCurrentIndex(schedules.profile_box.findText("Writing"))
    schedules.strict_box.setChecked(True)
    assert schedules.overnight.text() == "ends the next day"

    with qtbot.waitSignal(window.saved, timeout=2000) as emitted:
        qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)

    text = store.path.read_text(encoding="utf-8")
    assert keeps_in_order(comments(CONFIG), comments(text))
    assert "\n# long stretches work best for me\n" in text
    assert "focus_minutes = 40   # was 25\n" in text
    expected = store.load()
    assert expected.problems == ()
    s = expected.settings
    assert emitted.args == [s]
    assert (s.session.focus_minutes, s.session.cycles, s.session.strict) == (40, 6, True)
    assert s.strict.emergency_exits_per_week == 1
    assert s.profiles == (
        Profile("Deep work", ("discord",), ("x.com",)),
        Profile("Evenings", (), ("youtube.com", "reddit.com")),
        Profile("Writing", ("slack",), ()),
    )
    assert s.schedules == (
        ScheduleRule("Mornings", ("mon", "tue"), "08:30", "12:00", "Evenings"),
        ScheduleRule("Nights", ("fri", "sat"), "22:00", "06:30", "Writing", True, True),
    )
    assert s.metrics.hide == "focus"
    assert window.result() == QDialog.DialogCode.Accepted


def test_a_broken_file_is_explained_and_not_written(
    qtbot: QtBot, window: SettingsWindow, store: ConfigStore
) -> None:
    broken = CONFIG.replace("break_minutes = 10", "break_minutes = = 10")
    store.path.write_text(broken, encoding="utf-8")
    window.sessions_page.spins["focus_minutes"].setValue(30)
    with qtbot.assertNotEmitted(window.saved):
        qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert store.path.read_text(encoding="utf-8") == broken
    assert window.notice.isVisible()
    assert "Nothing was saved" in window.notice.text()
    assert "config.toml, line 6:" in window.notice.text()
    assert window.isVisible()


def test_opening_on_a_broken_file_says_these_are_earlier_settings(
    qtbot: QtBot, store: ConfigStore
) -> None:
    store.load()  # remembers the good file
    store.path.write_text("[session\n", encoding="utf-8")
    w = SettingsWindow(store)
    qtbot.addWidget(w)
    w.show()
    assert "earlier settings" in w.notice.text()
    assert "config.toml, line 1:" in w.notice.text()
    assert w.sessions_page.spins["focus_minutes"].value() == 50


def test_removing_a_profile_leaves_its_schedules_without_one(
    qtbot: QtBot, window: SettingsWindow, store: ConfigStore
) -> None:
    window.profiles_page.side.list.setCurrentRow(1)
    qtbot.mouseClick(window.profiles_page.side.remove_button, Qt.MouseButton.LeftButton)
    assert window.schedules_page.profile_box.currentIndex() == 0
    with qtbot.waitSignal(window.saved, timeout=2000):
        window.save()
    s = store.load().settings
    assert [p.name for p in s.profiles] == ["Deep work"]
    assert s.schedules[0].profile is None
    text = store.path.read_text(encoding="utf-8")
    assert "Reading" not in text
    assert "# for evenings" not in text
    assert "# chat is the worst" in text


def test_removing_a_schedule_removes_it_from_the_file(
    qtbot: QtBot, window: SettingsWindow, store: ConfigStore
) -> None:
    qtbot.mouseClick(window.schedules_page.side.remove_button, Qt.MouseButton.LeftButton)
    assert not window.schedules_page.editor.isEnabled()
    with qtbot.waitSignal(window.saved, timeout=2000):
        window.save()
    assert "[[schedules]]" not in store.path.read_text(encoding="utf-8")


def test_two_profiles_with_one_name_are_not_saved(
    qtbot: QtBot, window: SettingsWindow, store: ConfigStore
) -> None:
    window.profiles_page.side.list.setCurrentRow(1)
    window.profiles_page.name_edit.clear()
    qtbot.keyClicks(window.profiles_page.name_edit, "deep work")
    with qtbot.assertNotEmitted(window.saved):
        window.save()
    assert 'Two profiles are called "deep work"' in window.notice.text()
    assert store.path.read_text(encoding="utf-8") == CONFIG


def test_a_schedule_needs_a_day(qtbot: QtBot, window: SettingsWindow, store: ConfigStore) -> None:
    for box in window.schedules_page.day_boxes.values():
        box.setChecked(False)
    with qtbot.assertNotEmitted(window.saved):
        window.save()
    assert 'The schedule "Mornings" needs at least one day.' in window.notice.text()
    assert store.path.read_text(encoding="utf-8") == CONFIG


def test_enter_saves(qtbot: QtBot, window: SettingsWindow, store: ConfigStore) -> None:
    spin = window.sessions_page.spins["break_minutes"]
    spin.setFocus()
    spin.setValue(12)
    with qtbot.waitSignal(window.saved, timeout=2000):
        qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert store.load().settings.session.break_minutes == 12


def test_escape_closes_without_writing(
    qtbot: QtBot, window: SettingsWindow, store: ConfigStore
) -> None:
    window.sessions_page.spins["focus_minutes"].setValue(99)
    with qtbot.assertNotEmitted(window.saved):
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.result() == QDialog.DialogCode.Rejected
    assert store.path.read_text(encoding="utf-8") == CONFIG


def test_every_control_has_an_accessible_name_and_every_label_a_buddy(
    window: SettingsWindow,
) -> None:
    controls = (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QListWidget,
        QPlainTextEdit,
    )
    for kind in controls:
        for widget in window.findChildren(kind):
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QAbstractSpinBox):
                continue  # a spin box's own editor; the spin box carries the name
            if widget.objectName().startswith("qt_"):
                continue  # Qt's internal pieces (tab scroll arrows and the like)
            assert widget.accessibleName(), f"{type(widget).__name__} {widget.objectName()}"
    for label in window.findChildren(QLabel):
        if label.buddy() is None:
            assert "&" not in label.text(), label.text()
        else:
            assert label.text().replace("&", "")


def test_text_lists_let_tab_move_on(window: SettingsWindow) -> None:
    page = window.profiles_page
    assert page.apps_edit.tabChangesFocus()
    assert page.sites_edit.tabChangesFocus()
    chain: list[QWidget] = [page.name_edit]
    for _ in range(2):
        chain.append(next_tab_stop(chain[-1]))
    assert chain[1:] == [page.apps_edit, page.sites_edit]


def next_tab_stop(widget: QWidget) -> QWidget:
    candidate = widget.nextInFocusChain()
    while candidate is not None and not candidate.focusPolicy() & Qt.FocusPolicy.TabFocus:
        candidate = candidate.nextInFocusChain()
    assert candidate is not None
    return candidate


def test_the_notice_uses_the_palette_not_alarm_colours(window: SettingsWindow) -> None:
    style = window.notice.styleSheet()
    assert "palette(" in style
    assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgb|red", style)


def test_empty_file_opens_on_defaults_and_saves_a_short_file(qtbot: QtBot, tmp_path: Path) -> None:
    store = ConfigStore(tmp_path / "new" / "config.toml", tmp_path / "lg.toml")
    w = SettingsWindow(store)
    qtbot.addWidget(w)
    assert w.settings() == Settings.defaults()
    assert not w.profiles_page.editor.isEnabled()
    w.sessions_page.spins["focus_minutes"].setValue(45)
    with qtbot.waitSignal(w.saved, timeout=2000):
        w.save()
    text = store.path.read_text(encoding="utf-8")
    assert text.startswith("# Focusapp settings.")
    assert "focus_minutes = 45" in text
    assert "break_minutes" not in text
