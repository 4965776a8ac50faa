"""Ink from the palette: the tray glyph (a calm monochrome shape per state) and quiet text.

idle   an open circle with a small dot: present, asking for nothing
focus  a ring that drains clockwise from twelve o'clock as the deadline nears, over a faint track
break  a leaf: filled and soft, so it never reads as "a ring, but different"
paused the ring, dimmed, with a pause mark inside

Shapes instead of digits: the icon never counts, never turns red. It is drawn on a 24-unit grid and
scaled, so every size comes from the same geometry.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QImage,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QLabel, QWidget

from focusapp.ui.commands import Phase

# Every size a panel commonly gives a tray icon (Xfce and MATE follow the panel's height: 20 and
# 28 are usual there), so Qt never has to scale a neighbouring size and blur the glyph.
ICON_SIZES = (16, 20, 22, 24, 28, 32, 48, 64)

_GRID = 24.0
_CENTER = QPointF(12.0, 12.0)
_RING_RADIUS = 8.5
_RING_WIDTH = 3.0
_IDLE_WIDTH = 1.8
_TRACK_ALPHA = 0.26
_PAUSED_ALPHA = 0.6
_HALO_ALPHA = 0.45

# Near-white and near-black rather than pure: pure white glows on a dark panel, pure black looks
# heavier than the panel's own text.
_INK_ON_DARK = QColor(236, 236, 236)
_INK_ON_LIGHT = QColor(42, 42, 42)


def ink_color(dark_panel: bool) -> QColor:
    """The glyph colour that reads on a panel of the given darkness."""
    return QColor(_INK_ON_DARK if dark_panel else _INK_ON_LIGHT)


def panel_is_dark(palette: QPalette | None = None) -> bool:
    """Guess the panel's darkness from the palette (the app's, unless one is given).

    The panel can differ from the window palette on some desktops; callers that know better pass
    `dark_panel` explicitly.
    """
    if palette is None:
        palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def muted_text_color(palette: QPalette) -> QColor:
    """Secondary text: the text colour eased toward the window colour, readable in both themes.

    The palette's disabled text is too faint for sentences people should read; this sits between.
    """
    text = palette.color(QPalette.ColorRole.WindowText)
    window = palette.color(QPalette.ColorRole.Window)
    keep = 0.62
    return QColor(
        round(text.red() * keep + window.red() * (1 - keep)),
        round(text.green() * keep + window.green() * (1 - keep)),
        round(text.blue() * keep + window.blue() * (1 - keep)),
    )


class MutedLabel(QLabel):
    """A label for secondary sentences, in the muted ink of whatever palette is current."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._recolouring = False
        self._recolour()

    def _recolour(self) -> None:
        parent = self.parentWidget()
        source = parent.palette() if parent is not None else QGuiApplication.palette()
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, muted_text_color(source))
        self._recolouring = True
        try:
            self.setPalette(palette)
        finally:
            self._recolouring = False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ParentChange) and not (
            self._recolouring
        ):
            self._recolour()


def _ring_rect() -> QRectF:
    r = _RING_RADIUS
    return QRectF(_CENTER.x() - r, _CENTER.y() - r, 2 * r, 2 * r)


def _pen(color: QColor, width: float) -> QPen:
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def _with_alpha(color: QColor, alpha: float) -> QColor:
    faded = QColor(color)
    faded.setAlphaF(alpha)
    return faded


def _draw_draining_ring(painter: QPainter, ink: QColor, fraction_left: float, alpha: float) -> None:
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(_pen(_with_alpha(ink, _TRACK_ALPHA * alpha), _RING_WIDTH))
    painter.drawEllipse(_ring_rect())
    if fraction_left <= 0.0:
        return
    painter.setPen(_pen(_with_alpha(ink, alpha), _RING_WIDTH))
    if fraction_left >= 1.0:
        painter.drawEllipse(_ring_rect())
        return
    # Qt angles run counter-clockwise from three o'clock in 1/16 degree. The part still ahead
    # starts at twelve and reaches counter-clockwise, so the empty part grows clockwise from
    # twelve, like a clock hand sweeping it away.
    span = round(fraction_left * 360 * 16)
    painter.drawArc(_ring_rect(), 90 * 16, span)


def _draw_idle(painter: QPainter, ink: QColor) -> None:
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(_pen(ink, _IDLE_WIDTH))
    painter.drawEllipse(_ring_rect())
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ink)
    painter.drawEllipse(_CENTER, 2.1, 2.1)


def _leaf_path() -> QPainterPath:
    # A leaf lying on the diagonal, tip to the upper right: two gentle curves between two points.
    base = QPointF(4.5, 19.5)
    tip = QPointF(20.0, 4.0)
    path = QPainterPath(base)
    path.cubicTo(QPointF(2.5, 9.5), QPointF(9.5, 2.5), tip)
    path.cubicTo(QPointF(21.5, 14.5), QPointF(14.5, 21.5), base)
    path.closeSubpath()
    return path


def _draw_break(painter: QPainter, ink: QColor) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ink)
    painter.drawPath(_leaf_path())
    # The vein is cut out of the fill, so it shows the panel through the leaf on any background.
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
    painter.setPen(_pen(QColor(0, 0, 0), 1.3))
    painter.drawLine(QPointF(7.0, 17.0), QPointF(14.5, 9.5))
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)


def _draw_pause_mark(painter: QPainter, ink: QColor) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ink)
    for x in (8.9, 13.0):
        painter.drawRoundedRect(QRectF(x, 8.2, 2.1, 7.6), 0.9, 0.9)


def render_icon(
    fraction_left: float | None,
    phase: str,
    paused: bool,
    size: int,
    dark_panel: bool,
    *,
    halo: bool = False,
) -> QImage:
    """One glyph as a `size` x `size` transparent image (device pixels)."""
    if size <= 0:
        raise ValueError(f"icon size must be positive, not {size}")
    state = Phase(phase)
    left = 1.0 if fraction_left is None else min(1.0, max(0.0, float(fraction_left)))
    ink = ink_color(dark_panel)

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.scale(size / _GRID, size / _GRID)
        if paused and state is not Phase.IDLE:
            _draw_draining_ring(painter, ink, left, _PAUSED_ALPHA)
            _draw_pause_mark(painter, ink)
        elif state is Phase.FOCUS:
            _draw_draining_ring(painter, ink, left, 1.0)
        elif state is Phase.BREAK:
            _draw_break(painter, ink)
        else:
            _draw_idle(painter, ink)
    finally:
        painter.end()
    return _with_halo(image, ink_color(not dark_panel), size) if halo else image


def _with_halo(glyph: QImage, halo: QColor, size: int) -> QImage:
    """The glyph over a thin, soft outline of the opposite ink.

    Which way a panel leans can't be known for sure (a light theme with a dark panel is common),
    and a dark ring on a dark panel vanishes; the outline keeps the glyph readable on either.
    """
    outline = QImage(glyph)
    tint = QPainter(outline)
    tint.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    tint.fillRect(outline.rect(), halo)
    tint.end()
    result = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    result.fill(Qt.GlobalColor.transparent)
    painter = QPainter(result)
    reach = max(1, round(size / 24))
    painter.setOpacity(_HALO_ALPHA)
    for dx, dy in ((-reach, 0), (reach, 0), (0, -reach), (0, reach)):
        painter.drawImage(dx, dy, outline)
    painter.setOpacity(1.0)
    painter.drawImage(0, 0, glyph)
    painter.end()
    return result


def make_icon(
    fraction_left: float | None,
    phase: str,
    paused: bool,
    dark_panel: bool,
    *,
    device_pixel_ratio: float = 1.0,
    halo: bool = True,
) -> QIcon:
    """The glyph at every tray size; on a high-density screen also at that screen's pixel ratio.

    `halo` is for a panel whose shade is a guess; once the panel has been seen, the plain glyph
    in the right ink reads better."""
    icon = QIcon()
    ratios = [1.0]
    if device_pixel_ratio > 1.0:
        ratios.append(device_pixel_ratio)
    for ratio in ratios:
        for size in ICON_SIZES:
            # Qt asks for qRound(size * ratio), which rounds halves up; Python's round() goes to
            # the even neighbour, and a pixmap one pixel short would be scaled up, blurred.
            pixels = int(size * ratio + 0.5)
            image = render_icon(fraction_left, phase, paused, pixels, dark_panel, halo=halo)
            image.setDevicePixelRatio(ratio)
            icon.addPixmap(QPixmap.fromImage(image))
    return icon


def panel_is_dark_behind(icon_area: QImage) -> bool | None:
    """Whether the panel is dark, read from a grab of the icon's own square: its corners lie
    outside the glyph (and its halo), so there the panel shows through. None when the corners
    disagree too much to say (a gradient, a wallpaper behind a transparent panel)."""
    width, height = icon_area.width(), icon_area.height()
    if width < 4 or height < 4:
        return None
    corners = [(0, 0), (width - 2, 0), (0, height - 2), (width - 2, height - 2)]
    shades = []
    for x, y in corners:
        for dx in (0, 1):
            for dy in (0, 1):
                shades.append(QColor(icon_area.pixel(x + dx, y + dy)).lightnessF())
    if max(shades) - min(shades) > 0.35:
        return None
    return sum(shades) / len(shades) < 0.5
