"""The custom start dialog hands back exactly what was picked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from focusapp.ui.start_dialog import MAX_MINUTES, StartChoice, StartDialog

# The offscreen platform warns about window-manager calls it cannot honour (size hints, raise).
pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")


def test_dialog_opens_with_the_given_defaults(qtbot) -> None:
    dialog = StartDialog(["Deep work", "Writing"], minutes=40, profile="Writing", strict=True)
    qtbot.addWidget(dialog)
    assert dialog.choice() == StartChoice(minutes=40, cycles=1, profile="Writing", strict=True)


def test_dialog_returns_the_chosen_values(qtbot) -> None:
    dialog = StartDialog(["Deep work", "Writing"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.minutes_box.selectAll()
    qtbot.keyClicks(dialog.minutes_box, "45")
    dialog.cycles_box.setValue(4)
    dialog.profile_box.setCurrentIndex(dialog.profile_box.findText("Deep work"))
    qtbot.keyClick(dialog.strict_box, Qt.Key.Key_Space)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.minutes_box, Qt.Key.Key_Return)
    assert dialog.choice() == StartChoice(minutes=45, cycles=4, profile="Deep work", strict=True)


def test_no_profile_reads_as_none_and_lengths_stay_in_range(qtbot) -> None:
    dialog = StartDialog(["Deep work"], minutes=10_000, profile="Gone")
    qtbot.addWidget(dialog)
    choice = dialog.choice()
    assert choice.profile is None
    assert choice.minutes == MAX_MINUTES
