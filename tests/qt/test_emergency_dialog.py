"""The emergency exit: typed by hand, after a wait, and "keep focusing" is always the easy way."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from focusapp.core.errors import Refused
from focusapp.ui.emergency_dialog import EmergencyDialog
from tests.qt.tray_fakes import FakeRunner, status

# The offscreen platform warns about window-manager calls it cannot honour (size hints, raise).
pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")

SENTENCE = "I am choosing to end this focus session now."


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


def ticket(wait_s: float, exits_left: int = 2) -> dict:
    return {"token": "tok-42", "sentence": SENTENCE, "wait_s": wait_s, "exits_left": exits_left}


@pytest.fixture
def clock() -> FakeMonotonic:
    return FakeMonotonic()


def open_dialog(qtbot, runner: FakeRunner, clock=None) -> EmergencyDialog:
    dialog = EmergencyDialog(runner) if clock is None else EmergencyDialog(runner, monotonic=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_confirm_waits_for_both_the_typing_and_the_wait(qtbot, clock: FakeMonotonic) -> None:
    runner = FakeRunner({"emergency_begin": ticket(wait_s=30)})
    dialog = open_dialog(qtbot, runner, clock)
    assert runner.commands() == ["emergency_begin"]
    assert not dialog.confirm_button.isEnabled()

    qtbot.keyClicks(dialog.typed, SENTENCE)
    assert dialog.typed.text() == SENTENCE
    assert not dialog.confirm_button.isEnabled()  # typed, but the wait is not over
    clock.now += 29
    qtbot.wait(250)
    assert not dialog.confirm_button.isEnabled()
    assert "1 s" in dialog.wait_label.text()

    clock.now += 1.5
    qtbot.waitUntil(dialog.confirm_button.isEnabled, timeout=2000)
    dialog.typed.backspace()
    assert not dialog.confirm_button.isEnabled()  # the wait is over, but the text no longer matches


def test_wait_over_before_typing_still_needs_the_exact_sentence(qtbot, clock) -> None:
    runner = FakeRunner({"emergency_begin": ticket(wait_s=5)})
    dialog = open_dialog(qtbot, runner, clock)
    clock.now += 10
    qtbot.keyClicks(dialog.typed, SENTENCE.lower())
    assert not dialog.confirm_button.isEnabled()
    assert "not quite" in dialog.hint_label.text()


def test_real_short_wait_counts_down_from_a_deadline(qtbot) -> None:
    runner = FakeRunner({"emergency_begin": ticket(wait_s=0.3)})
    dialog = open_dialog(qtbot, runner)
    qtbot.keyClicks(dialog.typed, SENTENCE)
    qtbot.waitUntil(dialog.confirm_button.isEnabled, timeout=3000)
    assert dialog.seconds_to_wait() == 0
    assert dialog.wait_bar.value() == dialog.wait_bar.maximum()


def test_confirm_sends_the_token_and_the_typed_text(qtbot, clock) -> None:
    ended = status()
    runner = FakeRunner({"emergency_begin": ticket(wait_s=1), "emergency_confirm": ended})
    dialog = open_dialog(qtbot, runner, clock)
    qtbot.keyClicks(dialog.typed, SENTENCE)
    clock.now += 2
    qtbot.waitUntil(dialog.confirm_button.isEnabled, timeout=2000)
    with qtbot.waitSignal(dialog.exited) as exited:
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert runner.calls[-1] == ("emergency_confirm", {"token": "tok-42", "typed": SENTENCE})
    assert exited.args == [ended]
    assert dialog.result() == EmergencyDialog.DialogCode.Accepted


def test_enter_in_the_text_field_confirms_only_when_allowed(qtbot, clock) -> None:
    runner = FakeRunner({"emergency_begin": ticket(wait_s=1), "emergency_confirm": status()})
    dialog = open_dialog(qtbot, runner, clock)
    qtbot.keyClicks(dialog.typed, SENTENCE)
    qtbot.keyClick(dialog.typed, Qt.Key.Key_Return)
    # Too early: nothing sent, and Enter did not fall through to "keep focusing" either.
    assert runner.commands() == ["emergency_begin"]
    assert dialog.isVisible()
    clock.now += 2
    qtbot.waitUntil(dialog.confirm_button.isEnabled, timeout=2000)
    qtbot.keyClick(dialog.typed, Qt.Key.Key_Return)
    assert runner.commands() == ["emergency_begin", "emergency_confirm"]


def test_pasting_the_sentence_is_turned_away(qtbot, clock) -> None:
    runner = FakeRunner({"emergency_begin": ticket(wait_s=0)})
    dialog = open_dialog(qtbot, runner, clock)
    QGuiApplication.clipboard().setText(SENTENCE)
    dialog.typed.setFocus()
    qtbot.keyClick(dialog.typed, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dialog.typed.text() == ""
    qtbot.keyClick(dialog.typed, Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)
    assert dialog.typed.text() == ""
    assert "Pasting doesn't count" in dialog.hint_label.text()
    # Any other route that inserts a block of text at once is undone as well.
    dialog.typed.insert(SENTENCE)
    assert dialog.typed.text() == ""
    assert not dialog.confirm_button.isEnabled()
    assert dialog.typed.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    assert not dialog.typed.acceptDrops()
    # Typing by hand still works after a refused paste.
    qtbot.keyClicks(dialog.typed, SENTENCE)
    assert dialog.typed.text() == SENTENCE
    assert dialog.confirm_button.isEnabled()


def test_sentence_cannot_be_selected_or_copied(qtbot, clock) -> None:
    dialog = open_dialog(qtbot, FakeRunner({"emergency_begin": ticket(wait_s=3)}), clock)
    assert dialog.sentence_label.text() == SENTENCE
    assert dialog.sentence_label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction


def test_keep_focusing_has_focus_and_escape_keeps_focusing(qtbot, clock) -> None:
    runner = FakeRunner({"emergency_begin": ticket(wait_s=0)})
    dialog = open_dialog(qtbot, runner, clock)
    assert dialog.focusWidget() is dialog.keep_button
    assert dialog.keep_button.isDefault()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert runner.commands() == ["emergency_begin"]


def test_exits_left_are_stated_plainly(qtbot, clock) -> None:
    dialog = open_dialog(qtbot, FakeRunner({"emergency_begin": ticket(3, exits_left=2)}), clock)
    assert "Emergency exits left this week: 2." in dialog.exits_label.text()


def test_refused_confirmation_is_explained_and_the_dialog_stays(qtbot, clock) -> None:
    runner = FakeRunner(
        {
            "emergency_begin": ticket(wait_s=0),
            "emergency_confirm": Refused("The wait is not over yet: 12 seconds to go."),
        }
    )
    dialog = open_dialog(qtbot, runner, clock)
    qtbot.keyClicks(dialog.typed, SENTENCE)
    dialog.confirm_button.click()
    assert dialog.isVisible()
    assert dialog.hint_label.text() == "The wait is not over yet: 12 seconds to go."


def test_no_exit_left_shows_when_the_next_one_frees_up(qtbot, clock) -> None:
    message = "No emergency exits left this week. The next one frees up on Monday."
    runner = FakeRunner({"emergency_begin": Refused(message)})
    dialog = open_dialog(qtbot, runner, clock)
    assert dialog.ticket is None
    assert dialog.intro.text() == message
    assert dialog.confirm_button.isHidden()
    assert dialog.typed.isHidden()
    dialog.keep_button.click()
    assert runner.commands() == ["emergency_begin"]
