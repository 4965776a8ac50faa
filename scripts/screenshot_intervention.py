"""Render the intervention overlay offscreen at 1280x800 and save a PNG of each phase.

Usage: python scripts/screenshot_intervention.py OUTPUT_FOLDER

Writes the pause (moving and reduced-motion), the question, the open allow form and a strict
session's question, each in a light and a dark palette, over a mock desktop so the dimming shows;
one more over black, which is what X11 without a compositor shows. Then it runs itself again in a
subprocess with QT_SCALE_FACTOR=2 for the same set at 200%.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QImage, QPainter, QPalette

    from focusapp.ui.intervention import InterventionOverlay

WIDTH, HEIGHT = 1280, 800


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="folder for the PNG files")
    parser.add_argument("--suffix", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args.output.mkdir(parents=True, exist_ok=True)
    _render_all(args.output, args.suffix)
    if not args.suffix:
        env = dict(os.environ, QT_SCALE_FACTOR="2")
        subprocess.run(
            [sys.executable, __file__, str(args.output), "--suffix", "-200"], env=env, check=True
        )
    return 0


def _render_all(output: Path, suffix: str) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication

    from focusapp.core.prompts import PromptLibrary
    from focusapp.ui.intervention import InterventionOverlay, InterventionRequest

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    library = PromptLibrary.bundled("en")
    geometry = QRect(0, 0, WIDTH, HEIGHT)
    normal = InterventionRequest(
        target_label="Instagram",
        reason="This is blocked during your focus session",
        prompt=library.get("validation-001"),
        allow_minutes_choices=(2, 5, 10, 15),
        screen_geometry=geometry,
    )
    strict = InterventionRequest(
        target_label="discord",
        reason="You've used today's 30 minutes for Social",
        prompt=library.get("after-posting-003"),
        allow_minutes_choices=(),
        screen_geometry=geometry,
    )
    for theme, palette in (("light", _light_palette()), ("dark", _dark_palette())):
        app.setPalette(palette)

        def save(
            overlay: InterventionOverlay,
            name: str,
            *,
            backdrop: str = "desktop",
            theme: str = theme,
        ) -> None:
            app.processEvents()
            target = output / f"intervention-{name}-{theme}{suffix}.png"
            _compose(overlay, backdrop).save(str(target))
            print(target)

        pausing = InterventionOverlay(normal, reduce_motion=False, pause_s=600)
        pausing.show()
        assert pausing.breath_animation is not None
        # Partway into a breath in, so the circle is caught mid-way, as a user would see it.
        pausing.breath_animation.setCurrentTime(pausing.breath_animation.duration() * 3 // 10)
        save(pausing, "1-pause")
        pausing.choose_back()
        pausing.deleteLater()

        overlay = InterventionOverlay(normal, reduce_motion=False, pause_s=0)
        overlay.show()
        overlay.answer_buttons[0].setChecked(True)
        overlay.back_button.setFocus()
        save(overlay, "3-question")
        if theme == "dark":
            save(overlay, "3-question-no-compositor", backdrop="black")
        overlay.open_allow_form()
        assert overlay.intention_edit is not None
        overlay.intention_edit.setText("Reply to Sam about Saturday")
        save(overlay, "4-allow-form")
        overlay.choose_back()
        overlay.deleteLater()

        still = InterventionOverlay(normal, reduce_motion=True, pause_s=600)
        still.show()
        save(still, "2-pause-reduced-motion")
        still.choose_back()
        still.deleteLater()

        strict_overlay = InterventionOverlay(strict, reduce_motion=False, pause_s=0)
        strict_overlay.show()
        save(strict_overlay, "5-strict-question")
        strict_overlay.choose_back()
        strict_overlay.deleteLater()
        app.processEvents()


def _compose(overlay: InterventionOverlay, backdrop: str) -> QImage:
    """The overlay as the user sees it: blended over a mock desktop, as a compositor would, or
    over black, which is what X11 shows of a translucent window when no compositor runs."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QImage, QPainter

    ratio = overlay.devicePixelRatioF()
    size = (round(overlay.width() * ratio), round(overlay.height() * ratio))
    layer = QImage(*size, QImage.Format.Format_ARGB32_Premultiplied)
    layer.setDevicePixelRatio(ratio)
    layer.fill(Qt.GlobalColor.transparent)
    painter = QPainter(layer)
    overlay.render(painter, QPoint(0, 0))
    painter.end()

    image = QImage(*size, QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.black)
    painter = QPainter(image)
    if backdrop == "desktop":
        _paint_mock_desktop(painter, overlay.width(), overlay.height())
    painter.drawImage(QPoint(0, 0), layer)
    painter.end()
    return image


def _paint_mock_desktop(painter: QPainter, width: int, height: int) -> None:
    """A bright, busy window behind the overlay, so the dimming has something to calm down."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor

    painter.fillRect(QRect(0, 0, width, height), QColor("#5b6578"))
    window = QRect(60, 50, width - 120, height - 100)
    painter.fillRect(window, QColor("#fafafa"))
    painter.fillRect(QRect(window.x(), window.y(), window.width(), 44), QColor("#e9ecef"))
    for row in range(8):
        for column in range(4):
            tile = QRect(window.x() + 30 + column * 285, window.y() + 74 + row * 64, 250, 44)
            if tile.bottom() < window.bottom() - 20:
                shade = ("#f4b6c2", "#b6d7f4", "#f4e2b6", "#c7f4b6")[(row + column) % 4]
                painter.fillRect(tile, QColor(shade))


def _light_palette() -> QPalette:
    from PySide6.QtGui import QPalette

    return QPalette()  # Fusion's own light palette


def _dark_palette() -> QPalette:
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    role = QPalette.ColorRole
    for r, c in (
        (role.Window, "#2b2d30"),
        (role.WindowText, "#dcdcdc"),
        (role.Base, "#1f2023"),
        (role.AlternateBase, "#303236"),
        (role.Text, "#dcdcdc"),
        (role.Button, "#35373b"),
        (role.ButtonText, "#dcdcdc"),
        (role.Highlight, "#5a7d9a"),
        (role.HighlightedText, "#ffffff"),
        (role.Mid, "#505358"),
    ):
        palette.setColor(r, QColor(c))
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, r, QColor("#8a8d92"))
    return palette


if __name__ == "__main__":
    raise SystemExit(main())
