"""The optional check-in after a focus session: one question, a few quick answers, a note if wanted.

It must never interrupt: it is not modal, not kept on top, and appears without taking the
keyboard from whatever the user is doing; they come to it when they like. It asks about what
pulled at them, never how the session went: no praise, no verdict, no numbers. Skipping is the
default and records nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focusapp.ui.tray_icon import MutedLabel

# English sources, translated when the dialog shows them.
DEFAULT_QUESTION = QT_TRANSLATE_NOOP("CheckinDialog", "What pulled at you during this session?")
DEFAULT_ANSWERS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("CheckinDialog", "Nothing much"),
    QT_TRANSLATE_NOOP("CheckinDialog", "My phone"),
    QT_TRANSLATE_NOOP("CheckinDialog", "Notifications"),
    QT_TRANSLATE_NOOP("CheckinDialog", "Someone's post"),
    QT_TRANSLATE_NOOP("CheckinDialog", "Boredom"),
    QT_TRANSLATE_NOOP("CheckinDialog", "Worry"),
)


class CheckinDialog(QDialog):
    """Asks one question when a focus session ends.

    `answered(answer, note)` is emitted on Save: `answer` is the chip chosen (or None), `note`
    the trimmed text typed (or None); at least one of them is set. Skip, Escape and closing the
    window emit `skipped()` instead, and nothing should be recorded. Enter means Skip while
    nothing is chosen, and Save once something is.

    With `notes_kept=False` (notes off, or their key not at hand) there is no note field, and a
    line says why: words typed there would not be kept, and that must never happen unsaid.
    """

    answered = Signal(object, object)  # str | None, str | None
    skipped = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        question: str = DEFAULT_QUESTION,
        answers: Sequence[str] = DEFAULT_ANSWERS,
        notes_kept: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("A quick check-in"))
        self.setModal(False)
        # Shown, not focused: the user may be typing elsewhere when the session ends.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self._done = False

        self.question = QLabel(self.tr(question), self)
        font = self.question.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.question.setFont(font)
        self.question.setWordWrap(True)
        self.question.setAccessibleName(self.tr("Check-in question"))
        self.aside = MutedLabel(self.tr("One tap is enough, or skip it. It's only for you."), self)
        self.aside.setWordWrap(True)

        self.chips: list[QPushButton] = []
        chip_row = QHBoxLayout()
        chip_row.setSpacing(6)
        for answer in answers:
            text = self.tr(answer)
            chip = QPushButton(text, self)
            chip.setCheckable(True)
            chip.setAutoDefault(False)
            chip.setAccessibleName(text)
            chip.setAccessibleDescription(self.tr("A quick answer; choose it again to clear it"))
            chip.toggled.connect(lambda checked, c=chip: self._on_chip(c, checked))
            self.chips.append(chip)
            chip_row.addWidget(chip)
        chip_row.addStretch(1)

        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("Anything else, in your words (optional)"))
        self.note.setAccessibleName(self.tr("Your note"))
        self.note.textChanged.connect(self._refresh)
        self.note.setVisible(notes_kept)
        self.notes_off = MutedLabel(
            self.tr(
                "Notes are off or locked right now, so there's no space to type; a quick answer "
                "is still kept."
            ),
            self,
        )
        self.notes_off.setWordWrap(True)
        self.notes_off.setVisible(not notes_kept)
        self._notes_kept = notes_kept

        self.skip_button = QPushButton(self.tr("Skip"), self)
        self.skip_button.setAccessibleName(self.tr("Skip the check-in"))
        self.skip_button.clicked.connect(self.reject)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setAccessibleName(self.tr("Save the check-in"))
        self.save_button.clicked.connect(self.save)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(self.question)
        layout.addWidget(self.aside)
        layout.addLayout(chip_row)
        layout.addWidget(self.note)
        layout.addWidget(self.notes_off)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.skip_button)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self._refresh()

    def chosen_answer(self) -> str | None:
        for chip in self.chips:
            if chip.isChecked():
                return chip.text()
        return None

    def typed_note(self) -> str | None:
        if not self._notes_kept:
            return None
        text = self.note.text().strip()
        return text or None

    def _on_chip(self, chip: QPushButton, checked: bool) -> None:
        if checked:
            # One answer at a time, yet choosing it again clears it (an exclusive group can't).
            for other in self.chips:
                if other is not chip and other.isChecked():
                    other.setChecked(False)
        self._refresh()

    def _refresh(self) -> None:
        something = self.chosen_answer() is not None or self.typed_note() is not None
        self.save_button.setEnabled(something)
        self.save_button.setDefault(something)
        self.skip_button.setDefault(not something)

    def save(self) -> None:
        answer, note = self.chosen_answer(), self.typed_note()
        if answer is None and note is None:
            self.reject()
            return
        self._done = True
        self.answered.emit(answer, note)
        self.accept()

    def reject(self) -> None:
        if not self._done:
            self._done = True
            self.skipped.emit()
        super().reject()
