"""Every window, with the keyboard alone and through the eyes of a screen reader.

For each window of the app (see `window_catalogue`): every widget the Tab key can reach has a
name a screen reader can say (its own accessible name, its text, or its label's); Tab reaches
every visible control and comes back around without getting stuck; and windows close with
Escape. Two windows are then driven from start to end with key presses only (the welcome and
the intervention have their own keyboard-only tests in their files).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.qt.window_catalogue import WINDOWS, Workshop

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[Workshop]:
    workshop = Workshop(tmp_path)
    yield workshop
    workshop.close()


def open_window(qtbot: QtBot, shop: Workshop, name: str) -> QWidget:
    window = WINDOWS[name](shop)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window


def _part_of_a_compound(widget: QWidget, window: QWidget) -> bool:
    """The line edit inside a spin box, the list inside a combo box: named by their owner."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            return True
        parent = parent.parentWidget()
    return False


def reachable(window: QWidget, *, visible_only: bool) -> list[QWidget]:
    """The widgets of `window` that Tab can stop at."""
    found = []
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if _part_of_a_compound(widget, window) or widget.focusProxy() is not None:
            continue  # the proxy (a tab widget's tab bar) is the stop
        if visible_only and not (widget.isVisible() and widget.isEnabled()):
            continue
        found.append(widget)
    return found


def spoken_name(widget: QWidget) -> str:
    """What a screen reader says the widget is called."""
    if isinstance(widget, QComboBox):
        # Its accessible text falls back to the current item: a value, not a name.
        return widget.accessibleName()
    interface = QAccessible.queryAccessibleInterface(widget)
    return "" if interface is None else interface.text(QAccessible.Text.Name).strip()


def describe(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    shown = text() if callable(text) else ""
    return f"{type(widget).__name__}(objectName={widget.objectName()!r}, text={shown!r})"


@pytest.mark.parametrize("name", sorted(WINDOWS))
def test_every_control_has_a_name_a_screen_reader_can_say(
    qtbot: QtBot, shop: Workshop, name: str
) -> None:
    window = open_window(qtbot, shop, name)
    assert window.windowTitle().strip(), f"{name} has no window title"
    # Hidden pages and tabs count too: they are one click or key away.
    unnamed = [describe(w) for w in reachable(window, visible_only=False) if not spoken_name(w)]
    assert unnamed == [], f"{name}: controls without an accessible name: {unnamed}"


@pytest.mark.parametrize("name", sorted(WINDOWS))
def test_tab_reaches_every_visible_control_and_comes_back_around(
    qtbot: QtBot, shop: Workshop, name: str
) -> None:
    window = open_window(qtbot, shop, name)
    wanted = reachable(window, visible_only=True)
    start = QApplication.focusWidget()
    if start is None or start.window() is not window:
        window.focusNextChild()
        start = QApplication.focusWidget()
    assert start is not None and start.window() is window, f"{name}: nothing took the keyboard"
    visited: list[QWidget] = [start]
    for _ in range(3 * len(wanted) + 5):
        current = QApplication.focusWidget()
        assert current is not None, f"{name}: the focus was lost after {describe(visited[-1])}"
        qtbot.keyClick(current, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None and now.window() is window, f"{name}: Tab left the window"
        if now is start:
            break
        visited.append(now)
    else:
        raise AssertionError(
            f"{name}: Tab never came back to where it started; stuck around {describe(visited[-1])}"
        )
    # Auto-exclusive buttons (like radio buttons) are one stop: the checked one stands for all.
    missed = [
        describe(w)
        for w in wanted
        if w not in visited and not (w.autoExclusive() if hasattr(w, "autoExclusive") else False)
    ]
    assert missed == [], f"{name}: Tab never reaches {missed}"


@pytest.mark.parametrize("name", sorted(WINDOWS))
def test_escape_closes_every_window(qtbot: QtBot, shop: Workshop, name: str) -> None:
    if name == "fallback":
        pytest.skip("the fallback window stands in for the tray: Escape must not hide the app")
    window = open_window(qtbot, shop, name)
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)
    if isinstance(window, QMessageBox):
        assert window.clickedButton() is window.escapeButton()
    elif isinstance(window, QDialog):
        assert window.result() == QDialog.DialogCode.Rejected


# -- two windows with key presses only --------------------------------------------------------


def key(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, key, modifier)


def alt(qtbot: QtBot, letter: Qt.Key) -> None:
    key(qtbot, letter, Qt.KeyboardModifier.AltModifier)
    qtbot.wait(250)  # a button's mnemonic clicks it with a short animation


def test_the_start_dialog_by_keyboard_alone(qtbot: QtBot, shop: Workshop) -> None:
    from focusapp.ui.start_dialog import StartDialog

    dialog = open_window(qtbot, shop, "start")
    assert isinstance(dialog, StartDialog)
    assert QApplication.focusWidget() is dialog.minutes_box
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    for digit in (Qt.Key.Key_4, Qt.Key.Key_0):
        key(qtbot, digit)
    alt(qtbot, Qt.Key.Key_Y)  # Cycles
    assert QApplication.focusWidget() is dialog.cycles_box
    key(qtbot, Qt.Key.Key_Up)
    alt(qtbot, Qt.Key.Key_P)  # Profile
    assert QApplication.focusWidget() is dialog.profile_box
    key(qtbot, Qt.Key.Key_Down)  # from "Deep work" to "Writing"
    alt(qtbot, Qt.Key.Key_S)  # Strict session: a check box's mnemonic ticks it
    assert dialog.strict_box.isChecked()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        key(qtbot, Qt.Key.Key_Return)
    choice = dialog.choice()
    assert (choice.minutes, choice.cycles, choice.profile, choice.strict) == (
        40,
        2,
        "Writing",
        True,
    )


def test_the_journal_by_keyboard_alone(qtbot: QtBot, shop: Workshop) -> None:
    from focusapp.ui.journal_window import JournalWindow

    window = open_window(qtbot, shop, "journal")
    assert isinstance(window, JournalWindow)
    view = window.entries_view
    view.setFocus()
    first = max(0, view.currentIndex().row())
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Down)
    assert view.currentIndex().row() == first + 2
    assert window.detail.text()  # the moment under the cursor is told in words
    key(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # the next tab
    assert window.tabs.currentIndex() == 1
    key(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)
