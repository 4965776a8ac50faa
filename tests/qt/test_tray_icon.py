"""The tray glyph, pixel by pixel: a ring that drains clockwise, a leaf for breaks, no colour."""

from __future__ import annotations

import itertools
import math

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter

from focusapp.ui.tray_icon import ICON_SIZES, make_icon, panel_is_dark_behind, render_icon

FRACTIONS = [1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0]


def strong_pixels(image: QImage, min_alpha: int = 128) -> int:
    """Pixels inked clearly, above the faint track that shows where the ring used to be."""
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() >= min_alpha
    )


def alpha_at_angle(image: QImage, degrees_clockwise_from_top: float) -> int:
    """Alpha on the ring's centre line at a clock angle (0 = twelve o'clock)."""
    size = image.width()
    radius = 8.5 / 24 * size
    angle = math.radians(degrees_clockwise_from_top)
    x = size / 2 + radius * math.sin(angle)
    y = size / 2 - radius * math.cos(angle)
    return image.pixelColor(int(x), int(y)).alpha()


def mean_luminance(image: QImage) -> float:
    values = [
        image.pixelColor(x, y).lightnessF()
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() >= 128
    ]
    return sum(values) / len(values)


@pytest.mark.parametrize("size", [16, 22, 64])
def test_ring_shrinks_steadily_as_the_deadline_nears(qapp, size: int) -> None:
    counts = [strong_pixels(render_icon(f, "focus", False, size, True)) for f in FRACTIONS]
    assert all(a > b for a, b in itertools.pairwise(counts)), counts
    assert counts[-1] == 0


def test_ring_drains_clockwise_from_twelve(qapp) -> None:
    three_quarters = render_icon(0.75, "focus", False, 64, False)
    # The first quarter after twelve, clockwise, is gone; the quarter before twelve remains.
    assert alpha_at_angle(three_quarters, 45) < 100
    assert alpha_at_angle(three_quarters, 315) > 200
    assert alpha_at_angle(three_quarters, 180) > 200
    quarter = render_icon(0.25, "focus", False, 64, False)
    assert alpha_at_angle(quarter, 180) < 100
    assert alpha_at_angle(quarter, 315) > 200


def test_empty_ring_still_shows_a_faint_track(qapp) -> None:
    empty = render_icon(0.0, "focus", False, 32, True)
    assert 20 < alpha_at_angle(empty, 90) < 100


def test_break_is_a_filled_shape_unlike_the_focus_ring(qapp) -> None:
    leaf = render_icon(0.5, "break", False, 64, True)
    ring = render_icon(0.5, "focus", False, 64, True)
    # The leaf fills the middle, where the ring is hollow, and does not follow the ring.
    assert leaf.pixelColor(37, 37).alpha() > 200
    assert ring.pixelColor(37, 37).alpha() == 0
    differing = sum(
        1
        for y in range(64)
        for x in range(64)
        if abs(leaf.pixelColor(x, y).alpha() - ring.pixelColor(x, y).alpha()) > 64
    )
    assert differing > 64 * 64 // 5


def test_idle_is_an_open_circle_with_a_dot(qapp) -> None:
    idle = render_icon(None, "idle", False, 64, False)
    assert idle.pixelColor(32, 32).alpha() > 200  # the dot
    assert idle.pixelColor(32, 20).alpha() == 0  # open between dot and circle
    assert alpha_at_angle(idle, 135) > 200  # the whole circle, not a draining ring
    assert strong_pixels(idle) < strong_pixels(render_icon(1.0, "focus", False, 64, False))


def test_paused_ring_carries_a_pause_mark(qapp) -> None:
    paused = render_icon(0.6, "focus", True, 64, True)
    running = render_icon(0.6, "focus", False, 64, True)
    bar_x, bar_y = round(9.9 / 24 * 64), 32
    assert paused.pixelColor(bar_x, bar_y).alpha() > 200
    assert running.pixelColor(bar_x, bar_y).alpha() == 0
    # The ring itself is dimmed while paused: present but quieter.
    assert 60 < alpha_at_angle(paused, 270) < alpha_at_angle(running, 270)


@pytest.mark.parametrize(
    ("fraction", "phase", "paused"),
    [(None, "idle", False), (0.6, "focus", False), (0.5, "break", False), (0.4, "focus", True)],
)
def test_light_and_dark_panels_get_opposite_ink(qapp, fraction, phase, paused) -> None:
    on_dark = render_icon(fraction, phase, paused, 32, True)
    on_light = render_icon(fraction, phase, paused, 32, False)
    assert mean_luminance(on_dark) > 0.8
    assert mean_luminance(on_light) < 0.25


@pytest.mark.parametrize("phase", ["idle", "focus", "break"])
def test_glyphs_are_monochrome_never_red(qapp, phase: str) -> None:
    for paused in (False, True):
        for dark in (False, True):
            image = render_icon(0.5, phase, paused, 32, dark)
            for y in range(32):
                for x in range(32):
                    color = image.pixelColor(x, y)
                    if color.alpha() >= 32:
                        assert color.toHsv().hsvSaturationF() < 0.1, (x, y, color.name())


def test_icon_offers_every_tray_size_and_high_density_pixmaps(qapp) -> None:
    icon = make_icon(0.5, "focus", False, True, device_pixel_ratio=2.0)
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert {(s, s) for s in ICON_SIZES} <= sizes
    sharp = icon.pixmap(QSize(22, 22), 2.0)
    assert sharp.width() == 44
    assert sharp.devicePixelRatio() == 2.0


def test_unknown_phase_or_size_is_refused(qapp) -> None:
    with pytest.raises(ValueError):
        render_icon(0.5, "sleeping", False, 22, True)
    with pytest.raises(ValueError):
        render_icon(0.5, "focus", False, 0, True)


def test_fractions_outside_zero_to_one_are_clamped(qapp) -> None:
    over = render_icon(1.7, "focus", False, 22, True)
    under = render_icon(-0.3, "focus", False, 22, True)
    assert over == render_icon(1.0, "focus", False, 22, True)
    assert under == render_icon(0.0, "focus", False, 22, True)
    assert QColor(over.pixelColor(11, 11)).alpha() == 0


def test_tray_icon_reads_on_a_panel_of_the_other_darkness() -> None:
    """Guessed a light panel, shown on a dark one: the halo still gives the glyph light pixels."""
    plain = render_icon(0.6, "focus", False, 32, dark_panel=False)
    framed = render_icon(0.6, "focus", False, 32, dark_panel=False, halo=True)

    def light_pixels(image: QImage) -> int:
        return sum(
            1
            for y in range(image.height())
            for x in range(image.width())
            if (c := image.pixelColor(x, y)).alpha() > 60 and c.lightnessF() > 0.7
        )

    assert light_pixels(plain) == 0
    assert light_pixels(framed) > 20


def _on_panel(panel: str, glyph: QImage | None = None, size: int = 22) -> QImage:
    """What a screen grab of the docked icon shows: the panel, with the glyph drawn over it."""
    area = QImage(size, size, QImage.Format.Format_ARGB32)
    area.fill(QColor(panel))
    if glyph is not None:
        painter = QPainter(area)
        painter.drawImage(0, 0, glyph)
        painter.end()
    return area


@pytest.mark.parametrize("size", [16, 22, 24, 32, 48])
@pytest.mark.parametrize(
    ("panel", "dark"), [("#1c1c1c", True), ("#2e3440", True), ("#f2f2f2", False)]
)
def test_the_panel_is_read_from_the_corners_the_glyph_and_halo_leave_free(
    size: int, panel: str, dark: bool
) -> None:
    for phase, fraction, paused in (
        ("idle", None, False),
        ("focus", 1.0, False),
        ("break", 0.5, False),
    ):
        # Drawn in the wrong ink with its halo, as before the first look: the corners stay clear.
        glyph = render_icon(fraction, phase, paused, size, not dark, halo=True)
        assert panel_is_dark_behind(_on_panel(panel, glyph, size)) is dark


def test_a_panel_of_mixed_shades_is_not_guessed() -> None:
    area = _on_panel("#f2f2f2")
    painter = QPainter(area)
    painter.fillRect(
        0, 0, 11, 22, QColor("#101010")
    )  # half dark, half light: a gradient or a photo
    painter.end()
    assert panel_is_dark_behind(area) is None
    assert panel_is_dark_behind(QImage(2, 2, QImage.Format.Format_ARGB32)) is None
