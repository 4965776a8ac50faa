"""Render the tray glyphs, the emergency dialog and the fallback window to PNGs for a visual check.

    QT_QPA_PLATFORM=offscreen python scripts/screenshot_tray_icons.py [--out DIR]

Writes `tray_icons.png` (every state at 22 and 64 px on a light and a dark panel) and, in a light
and a dark palette, `emergency_dialog-<theme>.png` and `fallback_window-<theme>.png`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from focusapp.ui.emergency_dialog import EmergencyDialog
from focusapp.ui.fallback_window import FallbackWindow
from focusapp.ui.notifier import Notifier
from focusapp.ui.tray import TrayController
from focusapp.ui.tray_icon import render_icon

STATES: list[tuple[str, float | None, str, bool]] = [
    ("idle", None, "idle", False),
    ("focus 100%", 1.0, "focus", False),
    ("focus 70%", 0.7, "focus", False),
    ("focus 40%", 0.4, "focus", False),
    ("focus 10%", 0.1, "focus", False),
    ("break", 0.5, "break", False),
    ("paused", 0.6, "focus", True),
]
PANELS = [("light panel", "#e9e9e7", "#3a3a3a", False), ("dark panel", "#27282b", "#c8c8c8", True)]


def render_icon_sheet() -> QImage:
    cell, pad, label_h = 104, 16, 22
    rows = [(panel, size) for panel in PANELS for size in (64, 22)]
    width = pad + len(STATES) * cell
    row_h = cell
    sheet = QImage(width, len(rows) * row_h, QImage.Format.Format_ARGB32)
    sheet.fill(QColor("#ffffff"))
    painter = QPainter(sheet)
    font = QFont()
    font.setPointSize(8)
    painter.setFont(font)
    for r, ((_, background, text, dark), size) in enumerate(rows):
        top = r * row_h
        painter.fillRect(0, top, width, row_h, QColor(background))
        for c, (label, fraction, phase, paused) in enumerate(STATES):
            left = pad // 2 + c * cell
            icon = render_icon(fraction, phase, paused, size, dark)
            painter.drawImage(left + (cell - size) // 2, top + (row_h - label_h - size) // 2, icon)
            painter.setPen(QColor(text))
            painter.drawText(
                QRect(left, top + row_h - label_h, cell, label_h),
                Qt.AlignmentFlag.AlignCenter,
                label if size == 64 else f"{size} px",
            )
    painter.end()
    return sheet


class DemoRunner:
    """Canned answers: a strict focus session with an emergency exit on offer."""

    def __init__(self) -> None:
        self.ends_at = datetime.now(UTC) + timedelta(minutes=18)

    def status(self) -> dict[str, Any]:
        return {
            "state": "focus",
            "paused": False,
            "profile": "Deep work",
            "strict": False,
            "ends_at": self.ends_at.isoformat(),
            "remaining_s": 18 * 60 - 20,
            "phase_total_s": 25 * 60,
            "cycle": 1,
            "cycles": 1,
            "break_kind": None,
            "source": "tray",
            "profiles": ["Deep work", "Writing"],
            "default_strict": False,
            "emergency_exits_left": 2,
        }

    def run(self, cmd: str, args: dict[str, Any] | None = None) -> dict[str, Any]:
        if cmd == "emergency_begin":
            return {
                "token": "demo",
                "sentence": "I am choosing to end this focus session now.",
                "wait_s": 45.0,
                "exits_left": 2,
            }
        return self.status()


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2c2f",
        QPalette.ColorRole.WindowText: "#e4e4e2",
        QPalette.ColorRole.Base: "#222326",
        QPalette.ColorRole.AlternateBase: "#2f3033",
        QPalette.ColorRole.Text: "#e4e4e2",
        QPalette.ColorRole.Button: "#35363a",
        QPalette.ColorRole.ButtonText: "#e4e4e2",
        QPalette.ColorRole.Highlight: "#6d8fa8",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#35363a",
        QPalette.ColorRole.ToolTipText: "#e4e4e2",
        QPalette.ColorRole.PlaceholderText: "#8a8b8e",
    }
    for role, color in roles.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#8d8e91"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#77787b"))
    return palette


def grab(widget: QWidget, path: Path) -> None:
    widget.show()
    widget.adjustSize()
    QApplication.processEvents()
    widget.grab().save(str(path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("screenshots"), help="output folder")
    options = parser.parse_args(argv)
    out: Path = options.out
    out.mkdir(parents=True, exist_ok=True)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    render_icon_sheet().save(str(out / "tray_icons.png"))

    light = app.style().standardPalette()
    for theme, palette in (("light", light), ("dark", dark_palette())):
        app.setPalette(palette)
        runner = DemoRunner()

        dialog = EmergencyDialog(runner)
        QTest.keyClicks(dialog.typed, "I am choosing to end")
        grab(dialog, out / f"emergency_dialog-{theme}.png")
        dialog.close()

        controller = TrayController(
            runner,
            open_settings=lambda: None,
            quit_app=lambda: None,
            notifier=Notifier(),
            dark_panel=theme == "dark",
        )
        controller.update(runner.status())
        window = FallbackWindow(controller)
        grab(window, out / f"fallback_window-{theme}.png")
        controller.update(dict(runner.status(), state="idle", remaining_s=None, ends_at=None))
        grab(window, out / f"fallback_window-idle-{theme}.png")
        window.close()
    print(f"wrote screenshots to {out.resolve()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
