"""Where journal notes live, asked plainly: the choice when no keyring can keep their key, and
the passphrase asked once per start.

Nothing here ever keeps note text in the clear: the choices are a keyring that protects secrets,
a passphrase (its key derived with scrypt by `JournalKeys`), or no notes at all. "Keep notes off"
is the default and what Escape means, because it is the choice that can never leak anything.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from focusapp.store.secrets import JournalKeys, NotesMode
from focusapp.ui.i18n import say
from focusapp.ui.tray_icon import MutedLabel

MIN_PASSPHRASE_LENGTH = 8

_OFF_MEANS = QT_TRANSLATE_NOOP(
    "NotesChoiceDialog",
    "Keep notes off: your pauses and answers are still kept; only words you type are not saved.",
)
_PASSPHRASE_MEANS = QT_TRANSLATE_NOOP(
    "NotesChoiceDialog",
    "Use a passphrase: notes are locked with it, and you type it once each time Focusapp "
    "starts. If you forget it, those notes can't be read.",
)


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _password_field(accessible_name: str, placeholder: str, parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    field.setPlaceholderText(placeholder)
    return field


def _button(text: str, accessible_name: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAccessibleName(accessible_name)
    return button


class NotesChoiceDialog(QDialog):
    """Says why the keyring can't keep the notes' key and lets the user choose what to do.

    `mode_chosen` carries the `NotesMode` the user ended with: OFF (the default, and what Escape
    or closing the window mean), PASSPHRASE (a new passphrase was set, or an earlier one typed),
    or KEYRING (trying again worked). The app stores that choice in `[journal] notes`, except
    when `dismissed` is set: notes are then off for this run only, and the question comes back
    at the next start rather than a keypress deciding it for good.
    """

    mode_chosen = Signal(object)  # NotesMode

    def __init__(self, keys: JournalKeys, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keys = keys
        self.chosen: NotesMode | None = None
        self.dismissed = False
        self.setWindowTitle(self.tr("Your notes"))
        self.setMinimumWidth(460)

        self._pages = QStackedWidget(self)
        self._pages.addWidget(self._build_choices())
        self._pages.addWidget(self._build_passphrase())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.addWidget(self._pages)
        self._show_choices()

    # -- pages --------------------------------------------------------------------------------

    def _build_choices(self) -> QWidget:
        page = QWidget(self)
        self.heading = _heading(self.tr("Where should your notes' key live?"), page)
        self.sentence = QLabel(say(self._keys.status().words), page)
        self.sentence.setWordWrap(True)
        self.sentence.setAccessibleName(self.tr("Where your notes stand"))
        self.off_means = MutedLabel(self.tr(_OFF_MEANS), page)
        self.off_means.setWordWrap(True)
        self.passphrase_means = MutedLabel(self.tr(_PASSPHRASE_MEANS), page)
        self.passphrase_means.setWordWrap(True)
        # A line's height is kept for it even when empty, so nothing jumps as it appears.
        self.retry_hint = QLabel("", page)
        self.retry_hint.setWordWrap(True)
        self.retry_hint.setMinimumHeight(self.retry_hint.fontMetrics().lineSpacing())

        self.off_button = _button(self.tr("Keep notes off"), self.tr("Keep notes off"), page)
        self.off_button.clicked.connect(self.keep_notes_off)
        self.passphrase_button = _button(
            self.tr("Use a passphrase…"), self.tr("Use a passphrase"), page
        )
        self.passphrase_button.clicked.connect(self._show_passphrase)
        self.retry_button = _button(
            self.tr("Try the keyring again"), self.tr("Try the keyring again"), page
        )
        self.retry_button.clicked.connect(self.try_keyring_again)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.sentence)
        layout.addSpacing(4)
        layout.addWidget(self.off_means)
        layout.addWidget(self.passphrase_means)
        layout.addWidget(self.retry_hint)
        row = QHBoxLayout()
        row.addWidget(self.retry_button)
        row.addStretch(1)
        row.addWidget(self.passphrase_button)
        row.addWidget(self.off_button)
        layout.addLayout(row)
        return page

    def _build_passphrase(self) -> QWidget:
        page = QWidget(self)
        self._returning = self._keys.has_passphrase()
        if self._returning:
            # A passphrase chosen earlier: replacing it would strand the notes written with it.
            heading = self.tr("Use your passphrase")
            intro = self.tr(
                "You chose a passphrase for your notes before. Type it to unlock them; "
                "you'll be asked for it once each time Focusapp starts."
            )
        else:
            heading = self.tr("Choose a passphrase")
            intro = self.tr(
                "At least %n characters; a few unrelated words work well. "
                "You'll type it once each time Focusapp starts. It can't be recovered, "
                "so keep it somewhere safe.",
                "",
                MIN_PASSPHRASE_LENGTH,
            )
        self.passphrase_heading = _heading(heading, page)
        self.passphrase_intro = QLabel(intro, page)
        self.passphrase_intro.setWordWrap(True)
        self.first = _password_field(self.tr("Passphrase"), self.tr("Passphrase"), page)
        self.second = _password_field(
            self.tr("Passphrase again"), self.tr("The same passphrase again"), page
        )
        self.second.setVisible(not self._returning)
        self.passphrase_hint = QLabel("", page)
        self.passphrase_hint.setWordWrap(True)
        self.passphrase_hint.setAccessibleName(self.tr("Passphrase hint"))
        self.passphrase_hint.setMinimumHeight(self.passphrase_hint.fontMetrics().lineSpacing())

        self.back_button = _button(self.tr("Back"), self.tr("Back to the choices"), page)
        self.back_button.clicked.connect(self._show_choices)
        self.protect_button = _button(
            self.tr("Protect my notes"), self.tr("Protect my notes"), page
        )
        self.protect_button.clicked.connect(self.confirm_passphrase)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.passphrase_heading)
        layout.addWidget(self.passphrase_intro)
        layout.addWidget(self.first)
        layout.addWidget(self.second)
        layout.addWidget(self.passphrase_hint)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.protect_button)
        layout.addLayout(row)
        return page

    def _show_choices(self) -> None:
        self._pages.setCurrentIndex(0)
        self.protect_button.setDefault(False)
        self.off_button.setDefault(True)
        self.off_button.setFocus()

    def _show_passphrase(self) -> None:
        self._pages.setCurrentIndex(1)
        self.first.clear()
        self.second.clear()
        self.passphrase_hint.setText("")
        self.off_button.setDefault(False)
        self.protect_button.setDefault(True)
        self.first.setFocus()

    @property
    def asking_for_passphrase(self) -> bool:
        return self._pages.currentIndex() == 1

    # -- choices ------------------------------------------------------------------------------

    def keep_notes_off(self) -> None:
        self._keys.set_mode(NotesMode.OFF)
        self._finish(NotesMode.OFF)

    def try_keyring_again(self) -> None:
        self._keys.set_mode(NotesMode.KEYRING)
        status = self._keys.retry()
        if status.notes_usable:
            self._finish(NotesMode.KEYRING)
            return
        self.sentence.setText(say(status.words))
        self.retry_hint.setText(
            self.tr("Still not reachable. You can try again once it's unlocked.")
        )

    def confirm_passphrase(self) -> None:
        first = self.first.text()
        if self._returning:
            if not first:
                self.passphrase_hint.setText(self.tr("Type your passphrase first."))
                return
            if not self._keys.unlock_with_passphrase(first):
                self.passphrase_hint.setText(self.tr("That's not the passphrase. Take your time."))
                self.first.selectAll()
                self.first.setFocus()
                return
            self._keys.set_mode(NotesMode.PASSPHRASE)
            self._finish(NotesMode.PASSPHRASE)
            return
        if len(first) < MIN_PASSPHRASE_LENGTH:
            self.passphrase_hint.setText(
                self.tr("A passphrase needs at least %n characters.", "", MIN_PASSPHRASE_LENGTH)
            )
            self.first.setFocus()
            return
        if not self.second.text():
            # Enter after the first field: on to the second, without a word of blame.
            self.passphrase_hint.setText(self.tr("Type it once more below, to be sure."))
            self.second.setFocus()
            return
        if self.second.text() != first:
            self.passphrase_hint.setText(self.tr("The two passphrases don't match yet."))
            self.second.clear()
            self.second.setFocus()
            return
        try:
            self._keys.set_passphrase(first)
        except OSError as error:
            self.passphrase_hint.setText(
                self.tr("Focusapp could not save your passphrase ({error}).").format(error=error)
            )
            return
        self._keys.set_mode(NotesMode.PASSPHRASE)
        self._finish(NotesMode.PASSPHRASE)

    def _finish(self, mode: NotesMode) -> None:
        self.chosen = mode
        self.first.clear()
        self.second.clear()
        self.mode_chosen.emit(mode)
        self.accept()

    # -- keys ---------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.asking_for_passphrase:
            self._show_choices()  # Escape steps back before it leaves
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        # Escape or closing the window: the safe default, never an unsaid choice.
        if self.chosen is None:
            self._keys.set_mode(NotesMode.OFF)
            self.dismissed = True
            self.chosen = NotesMode.OFF
            self.mode_chosen.emit(NotesMode.OFF)
        super().reject()


class PassphrasePrompt(QDialog):
    """Asks for the notes' passphrase once per app start.

    A wrong passphrase leaves the prompt open with a calm word. "Not now" (and Escape) leaves
    notes locked for this run; the prompt says beforehand that notes typed meanwhile are not kept.
    `unlocked` is emitted, and `is_unlocked` set, once the right passphrase was typed.
    """

    unlocked = Signal()

    def __init__(self, keys: JournalKeys, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keys = keys
        self.is_unlocked = False
        self.setWindowTitle(self.tr("Unlock your notes"))
        self.setMinimumWidth(420)

        self.heading = _heading(self.tr("Unlock your notes"), self)
        self.intro = QLabel(
            self.tr("Type your passphrase to read and write notes this time."), self
        )
        self.intro.setWordWrap(True)
        self.field = _password_field(self.tr("Passphrase"), self.tr("Passphrase"), self)
        self.hint = QLabel("", self)
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName(self.tr("Passphrase hint"))
        self.hint.setMinimumHeight(self.hint.fontMetrics().lineSpacing())
        self.later_means = MutedLabel(
            self.tr(
                "Not now: notes stay locked until Focusapp starts again, and notes you type "
                "meanwhile are not kept. Everything else still works."
            ),
            self,
        )
        self.later_means.setWordWrap(True)

        self.later_button = _button(self.tr("Not now"), self.tr("Not now"), self)
        self.later_button.clicked.connect(self.reject)
        self.unlock_button = _button(self.tr("Unlock"), self.tr("Unlock notes"), self)
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.field)
        layout.addWidget(self.hint)
        layout.addWidget(self.later_means)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.later_button)
        row.addWidget(self.unlock_button)
        layout.addLayout(row)
        self.field.setFocus()

    def try_unlock(self) -> None:
        passphrase = self.field.text()
        if not passphrase:
            self.hint.setText(self.tr("Type your passphrase first."))
            return
        if not self._keys.unlock_with_passphrase(passphrase):
            self.hint.setText(self.tr("That's not the passphrase. Take your time and try again."))
            self.field.selectAll()
            self.field.setFocus()
            return
        self.field.clear()
        self.is_unlocked = True
        self.unlocked.emit()
        self.accept()
