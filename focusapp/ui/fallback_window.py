"""A small window standing in for the tray on desktops that have none.

It shows the same status and the same actions as the tray menu (the controller's `QAction`s, as
buttons), and says plainly why it is there.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from focusapp.ui import tray
from focusapp.ui.commands import SessionStatus
from focusapp.ui.notifier import Notice
from focusapp.ui.tray import TrayController
from focusapp.ui.tray_icon import MutedLabel, panel_is_dark, render_icon

REASON = QT_TRANSLATE_NOOP(
    "FallbackWindow",
    "No system tray was found on this desktop, so Focusapp shows this small window instead. "
    "Closing it keeps Focusapp running; start focusapp again to bring the window back, or use "
    "Quit to stop it.",
)

_GLYPH_PX = 40


class ActionButton(QPushButton):
    """A push button that mirrors one `QAction`: its text, enabled state and visibility."""

    def __init__(self, action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action = action
        self.setAutoDefault(False)
        self.clicked.connect(action.trigger)
        action.changed.connect(self.sync)
        self.sync()

    def sync(self) -> None:
        action = self.action
        self.setText(action.text().replace("&", ""))
        self.setToolTip(action.toolTip())
        self.setEnabled(action.isEnabled())
        self.setVisible(action.isVisible())


class FallbackWindow(QWidget):
    """The tray menu as a window: status line, start choices, session buttons, settings, quit."""

    def __init__(self, controller: TrayController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        controller.dialog_parent = self
        actions = controller.actions
        self.setWindowTitle("Focusapp")
        self.setMinimumWidth(380)

        self.glyph = QLabel(self)
        self.glyph.setFixedSize(_GLYPH_PX, _GLYPH_PX)
        self.header = QLabel(self)
        font = self.header.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.header.setFont(font)
        self.strict_line = MutedLabel("", self)
        status_text = QVBoxLayout()
        status_text.setSpacing(2)
        status_text.addWidget(self.header)
        status_text.addWidget(self.strict_line)
        status_row = QHBoxLayout()
        status_row.setSpacing(12)
        status_row.addWidget(self.glyph)
        status_row.addLayout(status_text, 1)

        self.buttons: dict[str, ActionButton] = {}

        self.start_panel = QWidget(self)
        start_grid = QGridLayout(self.start_panel)
        start_grid.setContentsMargins(0, 0, 0, 0)
        start_grid.addWidget(QLabel(self.tr("Start focus"), self.start_panel), 0, 0, 1, 4)
        start_keys = [*(tray.start_key(m) for m in tray.PRESET_MINUTES), tray.START_CUSTOM]
        for column, key in enumerate(start_keys):
            start_grid.addWidget(self._button(key, self.start_panel), 1, column)
        self.profile_box = QComboBox(self.start_panel)
        self.profile_box.setAccessibleName(self.tr("Profile"))
        self.profile_box.activated.connect(self._on_profile_picked)
        self.strict_box = QCheckBox(actions[tray.STRICT].text(), self.start_panel)
        self.strict_box.setToolTip(actions[tray.STRICT].toolTip())
        self.strict_box.clicked.connect(self._on_strict_clicked)
        actions[tray.STRICT].changed.connect(self._sync_strict)
        start_grid.addWidget(QLabel(self.tr("Profile"), self.start_panel), 2, 0)
        start_grid.addWidget(self.profile_box, 2, 1, 1, 2)
        start_grid.addWidget(self.strict_box, 2, 3)

        session_row = QHBoxLayout()
        for key in (tray.PAUSE, tray.RESUME, tray.SKIP_BREAK, tray.STOP, tray.EMERGENCY):
            session_row.addWidget(self._button(key, self))
        session_row.addStretch(1)

        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.hide()
        notifier = controller.notifier
        listener = self._on_notice
        notifier.subscribe(listener)
        self.destroyed.connect(lambda: notifier.unsubscribe(listener))

        self.reason = MutedLabel(self.tr(REASON), self)
        self.reason.setWordWrap(True)

        bottom_row = QHBoxLayout()
        bottom_row.addStretch(1)
        bottom_row.addWidget(self._button(tray.SETTINGS, self))
        bottom_row.addWidget(self._button(tray.QUIT, self))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addLayout(status_row)
        layout.addWidget(self.start_panel)
        layout.addLayout(session_row)
        layout.addWidget(self.notice)
        layout.addWidget(self.reason)
        layout.addLayout(bottom_row)

        controller.status_changed.connect(self.refresh)
        controller.actions_changed.connect(self.refresh)
        self.refresh()

    def _button(self, key: str, parent: QWidget) -> ActionButton:
        button = ActionButton(self.controller.actions[key], parent)
        button.setObjectName(key)
        self.buttons[key] = button
        return button

    def refresh(self, _status: SessionStatus | None = None) -> None:
        actions = self.controller.actions
        self.header.setText(actions[tray.HEADER].text())
        self.strict_line.setText(actions[tray.STRICT_LINE].text())
        self.strict_line.setVisible(actions[tray.STRICT_LINE].isVisible())
        self.start_panel.setVisible(actions[tray.START].isVisible())
        # Drawn for this window's background, which need not match the panel's.
        status = self.controller.status
        ratio = self.devicePixelRatioF()
        glyph = render_icon(
            status.fraction_left(),
            status.phase,
            status.paused,
            round(_GLYPH_PX * ratio),
            panel_is_dark(self.palette()),
        )
        glyph.setDevicePixelRatio(ratio)
        self.glyph.setPixmap(QPixmap.fromImage(glyph))
        self._fill_profiles()
        self._sync_strict()

    def _fill_profiles(self) -> None:
        actions = self.controller.actions
        blocked = self.profile_box.blockSignals(True)
        try:
            self.profile_box.clear()
            for key in self.controller.profile_keys():
                self.profile_box.addItem(actions[key].text(), key)
                if actions[key].isChecked():
                    self.profile_box.setCurrentIndex(self.profile_box.count() - 1)
        finally:
            self.profile_box.blockSignals(blocked)

    def _on_profile_picked(self, index: int) -> None:
        key = self.profile_box.itemData(index)
        if isinstance(key, str) and key in self.controller.actions:
            self.controller.actions[key].trigger()

    def _on_strict_clicked(self, checked: bool) -> None:
        action = self.controller.actions[tray.STRICT]
        if action.isChecked() != checked:
            action.trigger()

    def _sync_strict(self) -> None:
        blocked = self.strict_box.blockSignals(True)
        try:
            self.strict_box.setChecked(self.controller.actions[tray.STRICT].isChecked())
        finally:
            self.strict_box.blockSignals(blocked)

    def _on_notice(self, notice: Notice) -> None:
        if notice.seen:
            return
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.notice.setText(f"<b>{html.escape(notice.title)}</b> {html.escape(notice.body)}")
        self.notice.show()

    def present(self) -> None:
        """Show the window and bring it to the front (a second launch of the app asks for this)."""
        self.show()
        self.raise_()
        self.activateWindow()


def show_tray_or_fallback(
    controller: TrayController, *, tray_available: bool | None = None
) -> FallbackWindow | None:
    """Show the tray icon if the desktop has a tray; otherwise open and return a fallback window."""
    available = (
        QSystemTrayIcon.isSystemTrayAvailable() if tray_available is None else tray_available
    )
    if available:
        controller.show()
        return None
    window = FallbackWindow(controller)
    window.present()
    return window
