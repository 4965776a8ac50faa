"""Renders the insights window with a generated month of history, for looking at it.

    python scripts/screenshot_insights.py OUTDIR

Writes `insights-{7d,30d}-{light,dark}.png` at 100%, then runs itself again with
QT_SCALE_FACTOR=2 for the `-200.png` versions. Offscreen: no display needed. The history is a
real SQLite file in a temporary folder, read through `InsightsQuery` exactly as the app reads it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

NOW = datetime(2026, 11, 26, 21, 30, tzinfo=UTC)
TZ = ZoneInfo("Europe/Amsterdam")


def _palette(dark: bool) -> object:
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    if not dark:
        return palette
    roles = {
        QPalette.ColorRole.Window: "#25272b",
        QPalette.ColorRole.WindowText: "#e4e4e4",
        QPalette.ColorRole.Base: "#1d1f22",
        QPalette.ColorRole.AlternateBase: "#2b2d31",
        QPalette.ColorRole.Text: "#e4e4e4",
        QPalette.ColorRole.Button: "#33363b",
        QPalette.ColorRole.ButtonText: "#e4e4e4",
        QPalette.ColorRole.Highlight: "#4f7d8f",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#33363b",
        QPalette.ColorRole.ToolTipText: "#e4e4e4",
        QPalette.ColorRole.PlaceholderText: "#8a8d92",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    return palette


def render(outdir: Path, suffix: str) -> list[Path]:
    from PySide6.QtWidgets import QApplication, QStyleFactory

    from focusapp.core.settings import Limit
    from focusapp.store.database import Database
    from focusapp.store.insights_query import InsightsQuery
    from focusapp.ui.insights_window import InsightsWindow
    from tests.perf.insights_data import fill, prompt_categories

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle(QStyleFactory.create("Fusion"))
    limits = [
        Limit(name="Social", daily_minutes=75, sites=("instagram.com", "tiktok.com")),
        Limit(name="Chat", daily_minutes=90, apps=("discord",)),
    ]
    categories = prompt_categories()
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        db, _notices = Database.open(Path(tmp) / "focusapp.sqlite3")
        last_day = (NOW.astimezone(TZ) - timedelta(hours=4)).date()
        fill(db, last_day, 60, TZ, urges_per_day=9, usage_hours_per_day=12)
        query = InsightsQuery(db)

        def load(days: int) -> object:
            return query.model(days, NOW, TZ, limits=limits, categories=categories)

        for theme in ("light", "dark"):
            app.setPalette(_palette(theme == "dark"))  # type: ignore[arg-type]
            for days in (7, 30):
                window = InsightsWindow(load, period_days=days)  # type: ignore[arg-type]
                window.show()
                app.processEvents()
                path = outdir / f"insights-{days}d-{theme}{suffix}.png"
                window.grab().save(str(path))
                written.append(path)
                window.close()
                window.deleteLater()
                app.processEvents()
        db.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--scaled", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    written = render(args.outdir, "-200" if args.scaled else "")
    for path in written:
        print(path)
    if not args.scaled:
        env = dict(os.environ, QT_SCALE_FACTOR="2")
        cmd = [sys.executable, str(Path(__file__).resolve()), str(args.outdir), "--scaled"]
        return subprocess.run(cmd, env=env, check=False).returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
