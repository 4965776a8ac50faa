"""Keyboard habits shared by the app's windows that are not dialogs.

A dialog closes on Escape by itself (`QDialog.reject`); the journal and insights windows are
plain top-level widgets, and a person using the keyboard alone expects the same of them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def close_on_escape(window: QWidget) -> None:
    """Escape (and the platform's Close, Ctrl+W) closes `window`, as they would a dialog."""
    for keys in (QKeySequence(Qt.Key.Key_Escape), QKeySequence(QKeySequence.StandardKey.Close)):
        shortcut = QShortcut(keys, window)
        shortcut.activated.connect(window.close)
