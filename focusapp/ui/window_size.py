"""Windows that open no bigger than the screen they are on.

A size worked out from the font (so it grows with the user's text size and the display's scale)
can outgrow a small or scaled screen: at 200% a 1280x800 panel is 640x400 to Qt. Then the window
opens at what fits, and its layouts wrap and scroll within that.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

_SHARE = 0.92  # leave a little of the screen around the window (panels, the window's frame)


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """`window.resize(width, height)`, shrunk to fit the available area of its screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, int(room.width() * _SHARE))
        height = min(height, int(room.height() * _SHARE))
    window.resize(max(1, width), max(1, height))
