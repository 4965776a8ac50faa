"""The way out of a strict session: type a sentence by hand, wait a short while, then confirm.

The friction is the point: it turns an impulse into a decision. So the sentence cannot be copied,
pasted text is turned away, and the wait is measured against a monotonic deadline (not by counting
timer ticks, which a busy or suspended machine would skip). Escape, and the button that has focus
when the dialog opens, mean "keep focusing".
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focusapp.core.errors import CommandError
from focusapp.ui.commands import CommandRunner, EmergencyTicket
from focusapp.ui.i18n import say
from focusapp.ui.tray_icon import MutedLabel

_TICK_MS = 200


class HandTypedLineEdit(QLineEdit):
    """A line edit that only grows by what the keyboard typed: no paste, no drop, no middle-click.

    Each route is closed on its own, and as a backstop any growth that did not come from a key
    press or an input-method commit is undone, so a route we did not think of still fails.
    """

    paste_refused = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAcceptDrops(False)
        self.setDragEnabled(False)
        self._allowed_growth = 0
        self._accepted_text = ""
        self.textChanged.connect(self._check_growth)

    def _check_growth(self, text: str) -> None:
        grown = len(text) - len(self._accepted_text)
        if grown > self._allowed_growth:
            self._undo_to(self._accepted_text)
            self.paste_refused.emit()
            return
        self._accepted_text = text

    def _undo_to(self, text: str) -> None:
        blocked = self.blockSignals(True)
        try:
            self.setText(text)
        finally:
            self.blockSignals(blocked)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste) or (
            event.key() == Qt.Key.Key_Insert
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.paste_refused.emit()
            event.accept()
            return
        self._allowed_growth = len(event.text())
        try:
            super().keyPressEvent(event)
        finally:
            self._allowed_growth = 0
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Enter here means "confirm" (handled through returnPressed), never the dialog's
            # default button, which is "keep focusing".
            event.accept()

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self._allowed_growth = len(event.commitString())
        try:
            super().inputMethodEvent(event)
        finally:
            self._allowed_growth = 0

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        # X11 pastes the primary selection on a middle click.
        if event.button() == Qt.MouseButton.MiddleButton:
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        event.accept()


def _format_wait(seconds: float) -> str:
    whole = max(0, math.ceil(seconds))
    if whole >= 60:
        return f"{whole // 60}:{whole % 60:02d}"
    return QCoreApplication.translate("EmergencyDialog", "{seconds} s").format(seconds=whole)


@dataclass(frozen=True)
class FrictionTexts:
    """The words of a typed-sentence-and-wait dialog; the defaults are the emergency exit's.

    Each is an English source marked for the "EmergencyDialog" context, translated when shown.
    """

    title: str = QT_TRANSLATE_NOOP("EmergencyDialog", "Emergency exit")
    heading: str = QT_TRANSLATE_NOOP("EmergencyDialog", "Need to leave this session?")
    intro: str = QT_TRANSLATE_NOOP(
        "EmergencyDialog",
        "If something really needs you, you can end this strict session. "
        "Type the sentence below by hand first.",
    )
    refused_heading: str = QT_TRANSLATE_NOOP("EmergencyDialog", "No emergency exit right now")
    confirm: str = QT_TRANSLATE_NOOP("EmergencyDialog", "End the session")
    keep: str = QT_TRANSLATE_NOOP("EmergencyDialog", "Keep focusing")
    show_exits_left: bool = True
    begin_cmd: str = "emergency_begin"
    confirm_cmd: str = "emergency_confirm"


RAISE_LIMITS_TEXTS = FrictionTexts(
    title=QT_TRANSLATE_NOOP("EmergencyDialog", "Use a raised limit today"),
    heading=QT_TRANSLATE_NOOP("EmergencyDialog", "Use the raised limit today?"),
    intro=QT_TRANSLATE_NOOP(
        "EmergencyDialog",
        "A raised limit starts tomorrow. To have it today, type the sentence below by hand "
        "and take the short wait; it goes in your log.",
    ),
    refused_heading=QT_TRANSLATE_NOOP("EmergencyDialog", "Nothing to apply"),
    confirm=QT_TRANSLATE_NOOP("EmergencyDialog", "Use it today"),
    keep=QT_TRANSLATE_NOOP("EmergencyDialog", "Wait until tomorrow"),
    show_exits_left=False,
    begin_cmd="limits_raise_begin",
    confirm_cmd="limits_raise_confirm",
)


class EmergencyDialog(QDialog):
    """Asks for an emergency exit on opening; `exited` carries the status after a confirmed exit."""

    exited = Signal(object)

    def __init__(
        self,
        runner: CommandRunner,
        parent: QWidget | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        texts: FrictionTexts | None = None,
    ) -> None:
        super().__init__(parent)
        self.texts = texts or FrictionTexts()
        self.setWindowTitle(self.tr(self.texts.title))
        self.setMinimumWidth(440)
        self._runner = runner
        self._monotonic = monotonic
        self.ticket: EmergencyTicket | None = None
        self.refusal: str | None = None
        self._deadline = 0.0

        self.keep_button = QPushButton(self.tr(self.texts.keep), self)
        self.keep_button.setAutoDefault(True)
        self.keep_button.setDefault(True)
        self.keep_button.clicked.connect(self.reject)
        self.confirm_button = QPushButton(self.tr(self.texts.confirm), self)
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.setEnabled(False)
        self.confirm_button.clicked.connect(self.confirm)

        self.heading = QLabel(self)
        heading_font = self.heading.font()
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.3)
        self.heading.setFont(heading_font)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.sentence_label = QLabel(self)
        self.typed = HandTypedLineEdit(self)
        self.wait_label = QLabel(self)
        self.wait_bar = QProgressBar(self)
        self.hint_label = QLabel(self)
        self.hint_label.setWordWrap(True)
        self.exits_label = MutedLabel("", self)  # information, not a score
        self.exits_label.setWordWrap(True)
        self._timer = QTimer(self)
        self._timer.setInterval(_TICK_MS)
        self._timer.timeout.connect(self._refresh)

        try:
            ticket = EmergencyTicket.from_dict(self._runner.run(self.texts.begin_cmd))
        except CommandError as error:
            self.refusal = say(error.text)
            self._build_refused(self.refusal)
        else:
            self.ticket = ticket
            self._deadline = self._monotonic() + ticket.wait_s
            self._build_exit(ticket)
            self._timer.start()
            self._refresh()
        self.keep_button.setFocus()

    # -- layout -------------------------------------------------------------------------------

    def _build_refused(self, message: str) -> None:
        self.heading.setText(self.tr(self.texts.refused_heading))
        self.intro.setText(message)
        self.confirm_button.hide()
        for widget in (
            self.sentence_label,
            self.typed,
            self.wait_label,
            self.wait_bar,
            self.hint_label,
            self.exits_label,
        ):
            widget.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addSpacing(8)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.keep_button)
        layout.addLayout(row)

    def _build_exit(self, ticket: EmergencyTicket) -> None:
        self.heading.setText(self.tr(self.texts.heading))
        self.intro.setText(self.tr(self.texts.intro))

        self.sentence_label.setText(ticket.sentence)
        self.sentence_label.setWordWrap(True)
        # Drawn text, not selectable: copying it would skip the moment this dialog is for.
        self.sentence_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.sentence_label.setAccessibleName(self.tr("Sentence to type"))
        font = self.sentence_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.sentence_label.setFont(font)
        sentence_box = QFrame(self)
        sentence_box.setFrameShape(QFrame.Shape.StyledPanel)
        sentence_box.setBackgroundRole(QPalette.ColorRole.Base)
        sentence_box.setAutoFillBackground(True)
        box_layout = QVBoxLayout(sentence_box)
        box_layout.setContentsMargins(14, 12, 14, 12)
        box_layout.addWidget(self.sentence_label)

        self.typed.setFont(font)
        self.typed.setTextMargins(8, 4, 8, 4)
        self.typed.setPlaceholderText(self.tr("Type the sentence here"))
        self.typed.setAccessibleName(self.tr("Your typing"))
        self.typed.textChanged.connect(self._on_text_changed)
        self.typed.returnPressed.connect(self.confirm)
        self.typed.paste_refused.connect(self._on_paste_refused)

        self.wait_bar.setRange(0, 1000)
        self.wait_bar.setTextVisible(False)
        self.wait_bar.setMaximumHeight(6)

        self.exits_label.setText(
            self.tr("Emergency exits left this week: %n.", "", ticket.exits_left)
        )
        self.exits_label.setVisible(self.texts.show_exits_left)

        # A line's height is kept for the hint even when empty, so nothing jumps as it appears.
        self.hint_label.setMinimumHeight(self.hint_label.fontMetrics().lineSpacing())

        typing = QVBoxLayout()
        typing.setSpacing(8)
        typing.addWidget(sentence_box)
        typing.addWidget(self.typed)
        typing.addWidget(self.hint_label)
        waiting = QVBoxLayout()
        waiting.setSpacing(6)
        waiting.addWidget(self.wait_label)
        waiting.addWidget(self.wait_bar)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addSpacing(4)
        layout.addLayout(typing)
        layout.addSpacing(6)
        layout.addLayout(waiting)
        layout.addSpacing(6)
        layout.addWidget(self.exits_label)
        layout.addSpacing(6)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.confirm_button)
        row.addWidget(self.keep_button)
        layout.addLayout(row)
        self.setTabOrder(self.keep_button, self.typed)
        self.setTabOrder(self.typed, self.confirm_button)

    # -- state --------------------------------------------------------------------------------

    def seconds_to_wait(self) -> float:
        return max(0.0, self._deadline - self._monotonic())

    def text_matches(self) -> bool:
        return self.ticket is not None and self.typed.text() == self.ticket.sentence

    def _refresh(self) -> None:
        ticket = self.ticket
        if ticket is None:
            return
        left = self.seconds_to_wait()
        if left > 0:
            self.wait_label.setText(
                self.tr("Take a slow breath. You can confirm in {wait}.").format(
                    wait=_format_wait(left)
                )
            )
        else:
            self.wait_label.setText(self.tr("The wait is over. It's your call."))
            self._timer.stop()
        done = 1.0 if ticket.wait_s <= 0 else 1.0 - left / ticket.wait_s
        self.wait_bar.setValue(round(1000 * min(1.0, max(0.0, done))))

        self.confirm_button.setEnabled(left <= 0 and self.text_matches())

    def _on_text_changed(self, text: str) -> None:
        ticket = self.ticket
        if ticket is None or ticket.sentence.startswith(text):
            self.hint_label.setText("")
        else:
            self.hint_label.setText(
                self.tr("That's not quite the sentence yet; check the last few words.")
            )
        self._refresh()

    def _on_paste_refused(self) -> None:
        self.hint_label.setText(
            self.tr("Pasting doesn't count here. Type it out, one key at a time.")
        )

    def confirm(self) -> None:
        ticket = self.ticket
        self._refresh()
        if ticket is None or not self.confirm_button.isEnabled():
            return
        try:
            status = self._runner.run(
                self.texts.confirm_cmd, {"token": ticket.token, "typed": self.typed.text()}
            )
        except CommandError as error:
            self.hint_label.setText(say(error.text))
            return
        self._timer.stop()
        self.exited.emit(status)
        self.accept()

    def done(self, result: int) -> None:
        # Leaving by any route stops the countdown; nothing keeps ticking unseen.
        self._timer.stop()
        super().done(result)
