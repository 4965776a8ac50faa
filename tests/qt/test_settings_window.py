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

from focusapp.core.settings import Limit, Profile, ScheduleRule, Settings
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

[[limits]]
name = "Social"   # the big one
daily_minutes = 30
sites = ["tiktok.com"]

# news is fine in small doses
[[limits]]
name = "News"
daily_minutes = 15
sites = ["nos.nl"]

[limits.weekdays]
sat = 45   # weekend paper

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
    while candidate is not None:
        owner = candidate.parentWidget()
        if isinstance(owner, QAbstractSpinBox):
            candidate_stop: QWidget = owner  # focus lands in the spin box's own editor
        else:
            candidate_stop = candidate
        takes_tab = candidate.focusPolicy() & Qt.FocusPolicy.TabFocus
        if takes_tab and candidate_stop is not widget:
            return candidate_stop
        candidate = candidate.nextInFocusChain()
    raise AssertionError(f"no tab stop after {widget}")


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


def test_a_limit_is_edited_and_saved_with_the_comments_kept(
    qtbot: QtBot, window: SettingsWindow, store: ConfigStore
) -> None:
    page = window.limits_page
    window.tabs.setCurrentWidget(page)
    assert page.name_edit.text() == "Social"
    assert page.same_box.isChecked()
    assert not any(spin.isEnabled() for spin in page.day_spins.values())
    page.daily_spin.setValue(20)
    page.apps_edit.setPlainText("discord\n\n  slack ")
    page.enforce_box.setCurrentIndex(page.enforce_box.findText("Close the app (after 10 s)"))
    qtbot.mouseClick(page.side.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.name_edit, "Games")
    page.daily_spin.setValue(60)
    page.apps_edit.setPlainText("steam")
    page.enforce_box.setCurrentIndex(page.enforce_box.findText("Minimize the app"))

    with qtbot.waitSignal(window.saved, timeout=2000):
        qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)

    text = store.path.read_text(encoding="utf-8")
    assert keeps_in_order(comments(CONFIG), comments(text))
    assert 'name = "Social"   # the big one\n' in text
    loaded = store.load()
    assert loaded.problems == ()
    assert loaded.settings.limits == (
        Limit("Social", 20, ("discord", "slack"), ("tiktok.com",), {}, "close"),
        Limit("News", 15, (), ("nos.nl",), {"sat": 45}),
        Limit("Games", 60, ("steam",), (), {}, "minimize"),
    )


def test_minutes_per_weekday_round_trip(
    qtbot: QtBot, window: SettingsWindow, store: ConfigStore
) -> None:
    page = window.limits_page
    page.side.list.setCurrentRow(1)
    assert not page.same_box.isChecked()
    shown = {day: spin.value() for day, spin in page.day_spins.items()}
    assert shown == {"mon": 15, "tue": 15, "wed": 15, "thu": 15, "fri": 15, "sat": 45, "sun": 15}
    assert all(spin.isEnabled() for spin in page.day_spins.values())
    page.day_spins["sun"].setValue(50)
    page.day_spins["mon"].setValue(5)
    page.daily_spin.setValue(10)  # days without minutes of their own follow it
    assert page.day_spins["tue"].value() == 10
    assert page.day_spins["sat"].value() == 45

    page.side.list.setCurrentRow(0)
    page.same_box.setChecked(False)
    page.day_spins["fri"].setValue(0)

    with qtbot.waitSignal(window.saved, timeout=2000):
        window.save()
    text = store.path.read_text(encoding="utf-8")
    assert "sat = 45   # weekend paper" in text
    social, news = store.load().settings.limits
    assert news.daily_minutes == 10
    assert news.weekdays == {"mon": 5, "sat": 45, "sun": 50}
    assert social.weekdays == {"fri": 0}

    reopened = SettingsWindow(store)
    qtbot.addWidget(reopened)
    reopened.limits_page.side.list.setCurrentRow(1)
    spins = reopened.limits_page.day_spins
    assert [spins[d].value() for d in ("mon", "tue", "sat", "sun")] == [5, 10, 45, 50]


def test_same_every_day_clears_the_days_of_their_own(
    qtbot: QtBot, window: SettingsWindow, store: ConfigStore
) -> None:
    page = window.limits_page
    page.side.list.setCurrentRow(1)
    qtbot.mouseClick(page.same_box, Qt.MouseButton.LeftButton)
    assert page.same_box.isChecked()
    assert page.day_spins["sat"].value() == 15
    assert not page.day_spins["sat"].isEnabled()
    with qtbot.waitSignal(window.saved, timeout=2000):
        window.save()
    assert store.load().settings.limits[1].weekdays == {}
    assert "[limits.weekdays]" not in store.path.read_text(encoding="utf-8")


def test_removing_a_limit_removes_only_its_table(
    qtbot: QtBot, window: SettingsWindow, store: ConfigStore
) -> None:
    page = window.limits_page
    window.tabs.setCurrentWidget(page)
    page.side.list.setCurrentRow(0)
    qtbot.mouseClick(page.side.remove_button, Qt.MouseButton.LeftButton)
    assert page.name_edit.text() == "News"
    with qtbot.waitSignal(window.saved, timeout=2000):
        window.save()
    text = store.path.read_text(encoding="utf-8")
    assert "Social" not in text
    assert "# the big one" not in text
    assert "sat = 45   # weekend paper" in text
    assert text.count("[[limits]]") == 1
    s = store.load().settings
    assert [limit.name for limit in s.limits] == ["News"]
    assert [p.name for p in s.profiles] == ["Deep work", "Reading"]
    assert [r.name for r in s.schedules] == ["Mornings"]


def test_two_limits_with_one_name_are_not_saved(
    qtbot: QtBot, window: SettingsWindow, store: ConfigStore
) -> None:
    page = window.limits_page
    qtbot.mouseClick(page.side.add_button, Qt.MouseButton.LeftButton)
    assert page.name_edit.text() == "New limit"
    page.name_edit.clear()
    qtbot.keyClicks(page.name_edit, "NEWS")
    with qtbot.assertNotEmitted(window.saved):
        window.save()
    assert 'Two limits are called "NEWS"' in window.notice.text()
    assert store.path.read_text(encoding="utf-8") == CONFIG


def test_general_and_journal_options_round_trip(
    qtbot: QtBot, window: SettingsWindow, store: ConfigStore
) -> None:
    page = window.general_page
    assert page.day_start_edit.time() == QTime(4, 0)
    assert page.metrics_box.currentText() == "Only during focus sessions"
    assert page.notes_box.currentData() == "keyring"
    page.day_start_edit.setTime(QTime(5, 30))
    page.idle_spin.setValue(7)
    assert page.motion_box.currentText() == "As the desktop says"
    page.motion_box.setCurrentIndex(page.motion_box.findText("Reduced: nothing moves"))
    page.metrics_box.setCurrentIndex(page.metrics_box.findText("Never"))
    page.notes_box.setCurrentIndex(page.notes_box.findData("off"))
    page.keep_spin.setValue(90)
    assert page.guard_box.isChecked() and page.posted_spin.value() == 60
    page.guard_box.setChecked(False)
    page.posted_spin.setValue(0)
    assert page.posted_spin.text() == "off"
    with qtbot.waitSignal(window.saved, timeout=2000):
        window.save()

    text = store.path.read_text(encoding="utf-8")
    assert 'hide = "never"   # numbers only on weekends' in text
    s = store.load().settings
    assert (s.general.day_starts_at, s.general.idle_minutes) == ("05:30", 7)
    assert s.general.reduce_motion is True
    assert s.general.language == "system"
    assert (s.journal.notes, s.journal.keep_days) == ("off", 90)
    assert (s.metrics.comparison_guard, s.metrics.after_posting_minutes) == (False, 0)

    reopened = SettingsWindow(store)
    qtbot.addWidget(reopened)
    again = reopened.general_page
    assert again.day_start_edit.time() == QTime(5, 30)
    assert again.idle_spin.value() == 7
    assert again.motion_box.currentText() == "Reduced: nothing moves"
    assert again.metrics_box.currentText() == "Never"
    assert again.notes_box.currentData() == "off"
    assert again.keep_spin.value() == 90
    assert not again.guard_box.isChecked() and again.posted_spin.value() == 0


def test_mnemonics_are_never_ambiguous_on_a_page(window: SettingsWindow) -> None:
    always = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    always += [b.text() for b in window.buttons.buttons()]
    for i in range(window.tabs.count()):
        page = window.tabs.widget(i)
        texts = always + [label.text() for label in page.findChildren(QLabel)]
        texts += [b.text() for b in page.findChildren(QAbstractButton)]
        keys = [m.group(1).lower() for t in texts if (m := re.search(r"&(\w)", t))]
        assert len(keys) == len(set(keys)), (window.tabs.tabText(i), sorted(keys))


def test_the_limit_form_is_walked_in_reading_order_with_tab(window: SettingsWindow) -> None:
    page = window.limits_page
    window.tabs.setCurrentWidget(page)
    page.side.list.setCurrentRow(1)  # days of its own: the day boxes are on
    chain: list[QWidget] = [page.name_edit]
    for _ in range(12):
        chain.append(next_tab_stop(chain[-1]))
    assert chain[1:] == [
        page.daily_spin,
        page.apps_edit,
        page.sites_edit,
        page.same_box,
        *page.day_spins.values(),
        page.enforce_box,
    ]
