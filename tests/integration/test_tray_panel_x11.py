"""The tray icon looks at the real panel it docked in, and draws in that panel's ink.

The test desktop's trayer is a dark strip (tint 0x1e1e1e) while the app's palette is light, so
the palette's guess is wrong there: before the look, the icon is dark ink with a light halo; after
it, a plain light glyph.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from tests.integration import x11
from tests.integration.conftest import LaunchApp

pytestmark = pytest.mark.x11


def _lightest(shot: Path, area: x11.Geometry) -> float:
    image = QImage(str(shot))
    assert not image.isNull(), shot
    return max(
        QColor(image.pixel(x, y)).lightnessF()
        for x in range(area.x, area.x + area.width)
        for y in range(area.y, area.y + area.height)
    )


def test_on_a_dark_panel_the_glyph_is_drawn_light_without_a_halo(
    launch_app: LaunchApp, artifacts: Path
) -> None:
    app = launch_app()
    icon = x11.find_tray_icon(pid=app.pid, timeout=30)
    area = icon.window.geometry

    def light_glyph() -> bool | None:
        shot = x11.screenshot(artifacts / "tray-on-dark-panel.png")
        # Light ink reaches near white; dark ink with a 45% light halo stays below mid-grey.
        return _lightest(shot, area) > 0.8 or None

    x11.wait_until(light_glyph, timeout=10, what="a light glyph on the dark panel")
    assert app.running
