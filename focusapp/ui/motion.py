"""Whether things may move on screen: the user's own choice, else what the desktop says.

`[general] reduce_motion` is true, false or "system". With "system" the desktop decides, and
desktops say it in different places: GNOME in GSettings (`org.gnome.desktop.interface
enable-animations`), other GTK desktops in `gtk-3.0/settings.ini` or `gtk-4.0/settings.ini`
(`gtk-enable-animations`), KDE in `kdeglobals` (`AnimationDurationFactor=0`). Every default is
"animations on", so any one of them saying "off" is the user's deliberate choice and wins.
Qt 6.11 has no reduce-motion hint of its own. Windows and macOS are not read yet: there only
the config option applies.

The desktop is asked when something is about to move (a pause begins), not once at start, so a
change in the desktop's settings applies at the next pause without a restart.
"""

from __future__ import annotations

import configparser
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

_GSETTINGS_TIMEOUT_S = 2.0
_FALSE_WORDS = frozenset({"false", "0", "no", "off"})

# Qt's own little animations (combo boxes sliding open, menus and tooltips fading).
_QT_EFFECTS = (
    Qt.UIEffect.UI_AnimateMenu,
    Qt.UIEffect.UI_FadeMenu,
    Qt.UIEffect.UI_AnimateCombo,
    Qt.UIEffect.UI_AnimateTooltip,
    Qt.UIEffect.UI_FadeTooltip,
    Qt.UIEffect.UI_AnimateToolBox,
)

Runner = Callable[..., "subprocess.CompletedProcess[str]"]


def _config_home(env: Mapping[str, str]) -> Path:
    configured = env.get("XDG_CONFIG_HOME", "")
    if configured and Path(configured).is_absolute():
        return Path(configured)
    return Path(env.get("HOME", str(Path.home()))) / ".config"


def gnome_says_reduce(env: Mapping[str, str], run: Runner = subprocess.run) -> bool | None:
    """GSettings' answer: True when animations are off; None when it can't be asked."""
    gsettings = shutil.which("gsettings", path=env.get("PATH"))
    if gsettings is None:
        return None
    try:
        done = run(
            [gsettings, "get", "org.gnome.desktop.interface", "enable-animations"],
            capture_output=True,
            text=True,
            timeout=_GSETTINGS_TIMEOUT_S,
            check=False,
            env=dict(env),
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.debug("gsettings did not answer: %s", exc)
        return None
    answer = done.stdout.strip().lower()
    if done.returncode != 0 or answer not in ("true", "false"):
        return None  # no such schema on this system
    return answer == "false"


def gtk_says_reduce(env: Mapping[str, str]) -> bool | None:
    """`gtk-enable-animations` in GTK's settings.ini (GTK 4 first); None when not set."""
    home = _config_home(env)
    for folder in ("gtk-4.0", "gtk-3.0"):
        value = _ini_value(home / folder / "settings.ini", "Settings", "gtk-enable-animations")
        if value is not None:
            return value.lower() in _FALSE_WORDS
    return None


def kde_says_reduce(env: Mapping[str, str]) -> bool | None:
    """KDE's animation speed slider at its "instant" end; None when not set."""
    value = _ini_value(_config_home(env) / "kdeglobals", "KDE", "AnimationDurationFactor")
    if value is None:
        return None
    try:
        return float(value) <= 0.0
    except ValueError:
        return None


def _ini_value(path: Path, section: str, key: str) -> str | None:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep their case
    try:
        with path.open(encoding="utf-8") as handle:
            parser.read_file(handle)
    except (OSError, UnicodeDecodeError, configparser.Error):
        return None
    if not parser.has_option(section, key):
        return None
    return parser.get(section, key).strip().strip('"')


def desktop_reduces_motion(
    env: Mapping[str, str] | None = None, run: Runner = subprocess.run
) -> bool:
    """Whether the desktop asks apps not to animate (False when it says nothing)."""
    if sys.platform != "linux":
        return False
    environment = os.environ if env is None else env
    answers = (
        kde_says_reduce(environment),
        gtk_says_reduce(environment),
        gnome_says_reduce(environment, run),
    )
    return any(answer is True for answer in answers)


def reduce_motion(
    choice: bool | None, desktop: Callable[[], bool] = desktop_reduces_motion
) -> bool:
    """The user's choice if they made one (`GeneralSettings.motion_choice`), else the desktop's."""
    return choice if choice is not None else desktop()


class QtEffects:
    """Qt's own widget animations, turned off while motion is reduced and restored after."""

    def __init__(self) -> None:
        self._saved: dict[Qt.UIEffect, bool] | None = None

    def apply(self, reduced: bool) -> None:
        if reduced and self._saved is None:
            self._saved = {effect: QApplication.isEffectEnabled(effect) for effect in _QT_EFFECTS}
            for effect in _QT_EFFECTS:
                QApplication.setEffectEnabled(effect, False)
        elif not reduced and self._saved is not None:
            for effect, enabled in self._saved.items():
                QApplication.setEffectEnabled(effect, enabled)
            self._saved = None
