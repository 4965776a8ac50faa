"""The application icon: one SVG in the package, drawn crisp at any size, on every window."""

from __future__ import annotations

from PySide6.QtCore import QSize

from focusapp import APP_ID
from focusapp.ui.app_icon import app_icon, app_icon_file


def test_the_icon_is_the_packaged_svg_named_after_the_app_id() -> None:
    path = app_icon_file()
    assert path.name == f"{APP_ID}.svg"
    assert path.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert (path.parent / f"{APP_ID}-symbolic.svg").is_file()


def test_the_svg_is_drawn_at_the_size_asked_not_scaled_from_a_bitmap(qapp) -> None:
    icon = app_icon()
    assert not icon.isNull()
    for size, ratio in ((16, 1.0), (48, 1.0), (32, 2.0), (256, 1.0)):
        image = icon.pixmap(QSize(size, size), ratio).toImage()
        assert image.width() == round(size * ratio)
        # The tile fills the middle; the corners stay transparent (rounded), at every size.
        middle = image.pixelColor(image.width() // 2, image.height() // 5)
        assert middle.alpha() == 255
        assert image.pixelColor(0, 0).alpha() == 0


def test_a_missing_file_gives_a_null_icon_not_a_crash(qapp, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr("focusapp.ui.app_icon.app_icon_file", lambda: tmp_path / "gone.svg")
    assert app_icon().isNull()
