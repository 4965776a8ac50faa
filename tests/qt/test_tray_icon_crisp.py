"""The tray glyph on high-density screens: drawn at the device size, never scaled from another."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from focusapp.ui.tray_icon import ICON_SIZES, make_icon, render_icon


@pytest.mark.parametrize("ratio", [1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 3.0])
@pytest.mark.parametrize(
    ("fraction", "phase", "paused"), [(0.6, "focus", False), (None, "idle", False)]
)
def test_every_tray_size_at_every_scale_is_the_vector_glyph_pixel_for_pixel(
    qapp, ratio: float, fraction: float | None, phase: str, paused: bool
) -> None:
    icon = make_icon(fraction, phase, paused, True, device_pixel_ratio=ratio)
    for size in ICON_SIZES:
        pixmap = icon.pixmap(QSize(size, size), ratio)
        pixels = int(size * ratio + 0.5)  # Qt's qRound: halves go up
        drawn = render_icon(fraction, phase, paused, pixels, True, halo=True)
        assert pixmap.devicePixelRatio() == ratio
        assert pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied) == (
            drawn
        ), (size, ratio)
