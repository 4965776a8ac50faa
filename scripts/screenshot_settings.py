"""Render the settings window offscreen with sample data and save a PNG of each tab.

Usage: python scripts/screenshot_settings.py OUTPUT_FOLDER [--dark]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QPalette

SAMPLE_CONFIG = """\
# My focus setup.

[session]
focus_minutes = 50   # long stretches work best for me
break_minutes = 10

[[profiles]]
name = "Deep work"
block_apps = ["discord", "telegram-desktop"]
block_sites = ["x.com", "instagram.com", "tiktok.com"]

[[profiles]]
name = "Reading"
block_sites = ["youtube.com", "reddit.com"]

[[limits]]
name = "Social"
daily_minutes = 30
apps = ["discord"]
sites = ["tiktok.com", "instagram.com", "youtube.com"]
enforce = "minimize"

[limits.weekdays]
sat = 60
sun = 60

[[limits]]
name = "News"
daily_minutes = 15
sites = ["news.ycombinator.com", "nos.nl"]

[[schedules]]
name = "Weekday mornings"
days = ["mon", "tue", "wed", "thu", "fri"]
start = "08:30"
end = "12:00"
profile = "Deep work"

[[schedules]]
name = "Quiet nights"
days = ["fri", "sat"]
start = "22:00"
end = "07:00"
strict = true

[metrics]
hide = "focus"

[general]
day_starts_at = "05:00"
idle_minutes = 3

[journal]
notes = "passphrase"
keep_days = 180
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="folder for the PNG files")
    parser.add_argument("--dark", action="store_true", help="use a dark palette")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from focusapp.store.config import ConfigStore
    from focusapp.ui.settings_window import SettingsWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    if args.dark:
        app.setPalette(_dark_palette())
    args.output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "config.toml"
        config.write_text(SAMPLE_CONFIG, encoding="utf-8")
        window = SettingsWindow(ConfigStore(config, Path(tmp) / "last-good.toml"))
        window.show()
        suffix = "-dark" if args.dark else ""
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            app.processEvents()
            name = window.tabs.tabText(index).replace("&", "").lower()
            target = args.output / f"settings-{index + 1}-{name}{suffix}.png"
            window.grab().save(str(target))
            print(target)
        # The notice a broken file brings up, on the first tab.
        config.write_text("[session\n", encoding="utf-8")
        window.tabs.setCurrentIndex(0)
        window.save()
        app.processEvents()
        target = args.output / f"settings-broken-file{suffix}.png"
        window.grab().save(str(target))
        print(target)
        window.close()
    return 0


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
