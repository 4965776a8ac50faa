"""Renders the app's SVG icon into the bitmap formats installers want: PNG sizes, .ico, .icns.

Qt's SVG renderer draws each size from the vector source (offscreen: no display needed); Qt's
image plugins write .ico and .icns. Used by `linux/stage_deb.py`, `windows/prepare.py` and
`macos/prepare.py`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def app_svg() -> Path:
    from focusapp import APP_ID

    return REPO / "focusapp" / "resources" / "icons" / f"{APP_ID}.svg"


def render(svg: Path, size: int) -> Any:
    """The SVG as a `size` x `size` QImage with a transparent background."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    global _app
    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


_app: Any = None  # the QGuiApplication must outlive the images


def save(image: Any, target: Path, fmt: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target), fmt):
        raise SystemExit(f"could not write {target} as {fmt}")
    target.chmod(0o644)


def write_pngs(svg: Path, hicolor: Path, name: str, sizes: Iterable[int]) -> None:
    """`<hicolor>/<N>x<N>/apps/<name>.png` for each size."""
    for size in sizes:
        save(render(svg, size), hicolor / f"{size}x{size}" / "apps" / f"{name}.png", "PNG")


def write_ico(svg: Path, target: Path) -> None:
    """A Windows icon: Qt's ico writer stores one image, so the largest size Windows uses."""
    save(render(svg, 256), target, "ICO")


def write_icns(svg: Path, target: Path) -> None:
    """A macOS icon from a 1024 px rendering (macOS scales it down for smaller uses)."""
    save(render(svg, 1024), target, "ICNS")
