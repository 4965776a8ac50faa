"""The application icon (the SVG shipped in the package), for every window the app opens."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtGui import QIcon

from focusapp import APP_ID


def app_icon_file() -> Path:
    """`focusapp/resources/icons/<app id>.svg` inside the installed package (or frozen bundle)."""
    folder = resources.files("focusapp").joinpath("resources", "icons")
    return Path(str(folder.joinpath(f"{APP_ID}.svg")))


def app_icon() -> QIcon:
    """The SVG as an icon: Qt's SVG icon engine draws it at whatever size a window asks, so it
    stays crisp at any scale. Null when the file is missing (a damaged install): Qt then shows
    its default icon and nothing else is lost."""
    path = app_icon_file()
    return QIcon(str(path)) if path.is_file() else QIcon()
