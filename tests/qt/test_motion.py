"""Reduce motion: the user's choice first, else what GNOME, GTK or KDE says; Qt's effects follow.

The GNOME case asks the real `gsettings` tool, with GLib's keyfile backend in a private config
folder so the test never reads or changes the machine's own settings.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from focusapp.app import FocusApp
from focusapp.store.paths import AppPaths
from focusapp.ui import motion

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def desktop_env(home: Path, **extra: str) -> dict[str, str]:
    env = {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "PATH": os.environ.get("PATH", ""),
        "GSETTINGS_BACKEND": "keyfile",
    }
    env.update(extra)
    return env


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_desktop_that_says_nothing_lets_things_move(tmp_path: Path) -> None:
    assert motion.desktop_reduces_motion(desktop_env(tmp_path)) is False


@pytest.mark.parametrize("folder", ["gtk-3.0", "gtk-4.0"])
def test_gtk_settings_ini_turning_animations_off_is_honoured(tmp_path: Path, folder: str) -> None:
    env = desktop_env(tmp_path, PATH="")  # no gsettings: the file alone decides
    write(tmp_path / ".config" / folder / "settings.ini", "[Settings]\ngtk-enable-animations=0\n")
    assert motion.gtk_says_reduce(env) is True
    assert motion.desktop_reduces_motion(env) is True
    write(tmp_path / ".config" / folder / "settings.ini", "[Settings]\ngtk-enable-animations=1\n")
    assert motion.desktop_reduces_motion(env) is False


def test_kde_animation_speed_at_instant_is_honoured(tmp_path: Path) -> None:
    env = desktop_env(tmp_path, PATH="")
    write(tmp_path / ".config" / "kdeglobals", "[KDE]\nAnimationDurationFactor=0\n")
    assert motion.desktop_reduces_motion(env) is True
    write(tmp_path / ".config" / "kdeglobals", "[KDE]\nAnimationDurationFactor=0.5\n")
    assert motion.desktop_reduces_motion(env) is False


def test_unreadable_desktop_files_are_not_an_error(tmp_path: Path) -> None:
    env = desktop_env(tmp_path, PATH="")
    write(tmp_path / ".config" / "gtk-3.0" / "settings.ini", "gtk-enable-animations false\n[[")
    write(tmp_path / ".config" / "kdeglobals", "[KDE]\nAnimationDurationFactor=slow\n")
    assert motion.desktop_reduces_motion(env) is False


def test_gnome_animations_off_in_real_gsettings_is_honoured(tmp_path: Path) -> None:
    gsettings = shutil.which("gsettings")
    assert gsettings, "gsettings is missing: run scripts/setup-system.sh --test"
    env = desktop_env(tmp_path)
    assert motion.gnome_says_reduce(env) is False  # the schema's default: animations on
    subprocess.run(
        [gsettings, "set", "org.gnome.desktop.interface", "enable-animations", "false"],
        env=env,
        check=True,
        timeout=10,
    )
    assert motion.gnome_says_reduce(env) is True
    assert motion.desktop_reduces_motion(env) is True


def test_the_users_choice_wins_over_the_desktop() -> None:
    assert motion.reduce_motion(True, desktop=lambda: False) is True
    assert motion.reduce_motion(False, desktop=lambda: True) is False
    assert motion.reduce_motion(None, desktop=lambda: True) is True
    assert motion.reduce_motion(None, desktop=lambda: False) is False


def test_qt_effects_are_turned_off_and_restored(qapp: QApplication) -> None:
    general, effect = Qt.UIEffect.UI_General, Qt.UIEffect.UI_AnimateCombo
    before = {e: QApplication.isEffectEnabled(e) for e in (general, effect)}
    try:
        QApplication.setEffectEnabled(general, True)  # without it no effect counts as enabled
        QApplication.setEffectEnabled(effect, True)
        effects = motion.QtEffects()
        effects.apply(True)
        assert not QApplication.isEffectEnabled(effect)
        effects.apply(True)
        effects.apply(False)
        assert QApplication.isEffectEnabled(effect)
    finally:
        for e, enabled in before.items():
            QApplication.setEffectEnabled(e, enabled)


@pytest.mark.parametrize(
    ("written", "reduced"), [('"system"', True), ("false", False), ("true", True)]
)
def test_the_app_asks_the_desktop_only_when_the_config_says_system(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str, reduced: bool
) -> None:
    # The desktop (GTK's file in this test's private XDG_CONFIG_HOME) asks for no animations.
    monkeypatch.setenv("PATH", "")
    config_home = Path(os.environ["XDG_CONFIG_HOME"])
    write(config_home / "gtk-3.0" / "settings.ini", "[Settings]\ngtk-enable-animations=false\n")
    paths = AppPaths(
        tmp_path / "config", tmp_path / "data", tmp_path / "state", tmp_path / "runtime"
    )
    paths.ensure()
    write(paths.config_file, f"[general]\nreduce_motion = {written}\n")
    app = FocusApp(qapp, paths)
    try:
        assert app.motion_reduced() is reduced
    finally:
        app.shut_down()
