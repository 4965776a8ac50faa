"""Every window, with the keyboard alone and through the eyes of a screen reader.

For each window of the app (see `window_catalogue`): every widget the Tab key can reach has a
name a screen reader can say (its own accessible name, its text, or its label's); Tab reaches
every visible control and comes back around without getting stuck; windows close with Escape;
every dialog has one default button; every window opens within its screen; and every sentence
has WCAG AA contrast against its window. Two windows are then driven from start to end with key
presses only (the welcome and the intervention have their own keyboard-only tests).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
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
    if isinstance(window, QMenu):
        # A menu's entries are its actions: each says what it does, in words.
        silent = [a for a in window.actions() if a.isVisible() and not a.isSeparator()
                  and not a.text().replace("&", "").strip()]  # fmt: skip
        assert silent == [], f"{name}: menu entries without words: {silent}"
    else:
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


# -- large text and scaled screens ---------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(set(WINDOWS) - {"intervention", "tray-menu"}))
def test_every_window_opens_within_its_screen(qtbot: QtBot, shop: Workshop, name: str) -> None:
    # The offscreen screen is 800x600, smaller than many a window would like to be.
    window = open_window(qtbot, shop, name)
    room = window.screen().availableGeometry()
    assert window.width() <= room.width() and window.height() <= room.height(), (
        f"{name} opens at {window.width()}x{window.height()} on a {room.width()}x{room.height()} "
        "screen"
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two opaque colours."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def over(colour: QColor, background: QColor) -> QColor:
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        colour.redF() * alpha + background.redF() * (1 - alpha),
        colour.greenF() * alpha + background.greenF() * (1 - alpha),
        colour.blueF() * alpha + background.blueF() * (1 - alpha),
    )


# The pause draws its own card with its own colours (tested in test_intervention.py).
@pytest.mark.parametrize("name", sorted(set(WINDOWS) - {"intervention", "tray-menu"}))
def test_every_sentence_is_readable_against_its_window(
    qtbot: QtBot, shop: Workshop, name: str
) -> None:
    window = open_window(qtbot, shop, name)
    background = window.palette().color(QPalette.ColorRole.Window)
    faint: set[str] = set()
    for _page in each_page(window):
        for label in window.findChildren(QLabel):
            if not (label.isVisible() and label.text().strip()) or not label.pixmap().isNull():
                continue
            enabled = label.isEnabled()
            group = QPalette.ColorGroup.Active if enabled else QPalette.ColorGroup.Disabled
            ink = over(label.palette().color(group, QPalette.ColorRole.WindowText), background)
            ratio = contrast(ink, background)
            if ratio < 4.5:  # WCAG AA for body text
                faint.add(f"{label.text()[:40]!r}: {ratio:.1f}:1")
    assert not faint, f"{name}: text too faint to read: {sorted(faint)}"


def each_page(window: QWidget) -> Iterator[int]:
    """Shows every tab and page of the window in turn (the current one first)."""
    yield 0
    for pages in [*window.findChildren(QTabWidget), *window.findChildren(QStackedWidget)]:
        for index in range(pages.count()):
            pages.setCurrentIndex(index)
            yield index


@pytest.mark.parametrize("name", sorted(WINDOWS))
def test_every_dialog_has_one_default_for_enter(qtbot: QtBot, shop: Workshop, name: str) -> None:
    window = open_window(qtbot, shop, name)
    if not isinstance(window, QDialog):
        pytest.skip("not a dialog: Enter acts on the focused control")
    defaults = [
        b.text() for b in window.findChildren(QPushButton) if b.isDefault() and b.isVisible()
    ]
    assert len(defaults) == 1, f"{name}: default buttons {defaults}"
