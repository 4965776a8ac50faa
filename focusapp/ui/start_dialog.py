"""The "Custom length..." dialog: how long, how many cycles, which profile, strict or not."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from focusapp.ui.tray_icon import MutedLabel

MIN_MINUTES = 1
MAX_MINUTES = 600
MAX_CYCLES = 12


@dataclass(frozen=True)
class StartChoice:
    minutes: int
    cycles: int
    profile: str | None
    strict: bool


class StartDialog(QDialog):
    """Asks for a session's shape; `choice()` reads what the user picked."""

    def __init__(
        self,
        profiles: Sequence[str],
        *,
        minutes: int = 25,
        cycles: int = 1,
        profile: str | None = None,
        strict: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Start a focus session"))

        self.minutes_box = QSpinBox(self)
        self.minutes_box.setRange(MIN_MINUTES, MAX_MINUTES)
        self.minutes_box.setSuffix(self.tr(" min"))
        self.minutes_box.setValue(min(MAX_MINUTES, max(MIN_MINUTES, minutes)))

        self.cycles_box = QSpinBox(self)
        self.cycles_box.setRange(1, MAX_CYCLES)
        self.cycles_box.setValue(min(MAX_CYCLES, max(1, cycles)))
        self.cycles_box.setToolTip(self.tr("Focus blocks in a row, with a break between each."))

        self.profile_box = QComboBox(self)
        self.profile_box.addItem(self.tr("No profile"), None)
        for name in profiles:
            self.profile_box.addItem(name, name)
        index = self.profile_box.findData(profile)
        self.profile_box.setCurrentIndex(max(0, index))
        self.profile_box.setAccessibleName(self.tr("Profile"))

        self.strict_box = QCheckBox(self.tr("&Strict session"), self)
        self.strict_box.setChecked(strict)
        strict_hint = MutedLabel(
            self.tr(
                "Pause and Stop stay off until it ends. An emergency exit is still there if you "
                "really need it."
            ),
            self,
        )
        strict_hint.setWordWrap(True)

        form = QFormLayout()
        # Row labels are the fields' buddies: Alt and the underlined letter jumps there.
        form.addRow(self.tr("&Length"), self.minutes_box)
        form.addRow(self.tr("C&ycles"), self.cycles_box)
        form.addRow(self.tr("&Profile"), self.profile_box)
        form.addRow("", self.strict_box)
        form.addRow("", strict_hint)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Start"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.minutes_box.setFocus()

    def choice(self) -> StartChoice:
        data = self.profile_box.currentData()
        return StartChoice(
            minutes=self.minutes_box.value(),
            cycles=self.cycles_box.value(),
            profile=data if isinstance(data, str) else None,
            strict=self.strict_box.isChecked(),
        )
