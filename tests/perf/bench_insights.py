"""Prints how long the insights window takes to first paint over a year of history.

A script, not a test: nothing here asserts on time. Run from the repository root:

    python -m tests.perf.bench_insights [--days 365] [--urges-per-day 15] [--hours 12] [--runs 10]

It writes a generated year (12 hours a day of minute usage buckets, about 15 urges a day, a few
focus sessions on weekdays) into a real SQLite file in a temporary folder, then, in a process whose
QApplication already exists (as in the app), times opening the insights window: a fresh
`InsightsQuery` on the open database, the 7-day model, the window, and the window's first paint
event. Also timed: switching to 30 days (a model computed on demand) and the queries alone. The
first window of the process pays for fonts and style setup, so it is printed apart. Target: first
paint under 300 ms. Renders offscreen unless QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

TARGET_FIRST_PAINT_S = 0.300
TZ = ZoneInfo("Europe/Amsterdam")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def _summary(name: str, samples: list[float], target: float | None = None) -> None:
    verdict = ""
    if target is not None:
        verdict = "  ok" if max(samples) < target else "  over"
    print(
        f"{name:<34} min {_ms(min(samples))}  median {_ms(statistics.median(samples))}"
        f"  max {_ms(max(samples))}{verdict}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--urges-per-day", type=float, default=15.0)
    parser.add_argument("--hours", type=int, default=12, help="hours of usage a day")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from focusapp.core.settings import Limit
    from focusapp.store.database import Database
    from focusapp.store.insights_query import InsightsQuery
    from focusapp.ui.insights_window import InsightsWindow
    from tests.perf.insights_data import fill, prompt_categories

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.at: float | None = None

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and self.at is None:
                self.at = time.perf_counter()
            return False

    app = QApplication.instance() or QApplication(sys.argv[:1])
    now = datetime.now(UTC)
    limits = [
        Limit(name="Social", daily_minutes=60, sites=("instagram.com", "tiktok.com")),
        Limit(name="Chat", daily_minutes=90, apps=("discord",)),
    ]
    categories = prompt_categories()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "focusapp.sqlite3"
        db, _ = Database.open(path)
        started = time.perf_counter()
        last_day = (now.astimezone(TZ) - timedelta(hours=4)).date()
        made = fill(
            db,
            last_day,
            args.days,
            TZ,
            urges_per_day=args.urges_per_day,
            usage_hours_per_day=args.hours,
        )
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        print(
            f"generated {args.days} days in {time.perf_counter() - started:.1f} s: "
            f"{made.usage_rows} usage buckets, {made.urges} urges, {made.sessions} sessions; "
            f"file {path.stat().st_size / 1e6:.1f} MB"
        )
        db, _ = Database.open(path)

        def open_window() -> tuple[float, float, float, InsightsWindow]:
            """(model, construct, first paint) seconds from the start of the open."""
            t0 = time.perf_counter()
            query = InsightsQuery(db)
            loads: list[float] = []

            def load(days: int) -> object:
                s = time.perf_counter()
                model = query.model(days, now, TZ, limits=limits, categories=categories)
                loads.append(time.perf_counter() - s)
                return model

            window = InsightsWindow(load)  # type: ignore[arg-type]
            constructed = time.perf_counter()
            painted = FirstPaint()
            window.installEventFilter(painted)
            window.show()
            deadline = time.perf_counter() + 10
            while painted.at is None and time.perf_counter() < deadline:
                app.processEvents()
            if painted.at is None:
                raise SystemExit("the window never painted")
            window.removeEventFilter(painted)
            return loads[0], constructed - t0, painted.at - t0, window

        def close(window: InsightsWindow) -> None:
            window.close()
            window.deleteLater()
            app.processEvents()

        model_s, construct_s, first_s, window = open_window()
        close(window)
        print(
            f"first window of the process:       model {_ms(model_s)}  construct "
            f"{_ms(construct_s)}  first paint {_ms(first_s)}"
            f"{'  ok' if first_s < TARGET_FIRST_PAINT_S else '  over'}"
        )
        models, constructs, paints, switches = [], [], [], []
        for _ in range(args.runs):
            model_s, construct_s, first_s, window = open_window()
            s = time.perf_counter()
            window.show_period(30)
            app.processEvents()
            switches.append(time.perf_counter() - s)
            close(window)
            models.append(model_s)
            constructs.append(construct_s)
            paints.append(first_s)
        _summary("7-day model (query + compute)", models)
        _summary("open to window built", constructs)
        _summary("open to first paint", paints, TARGET_FIRST_PAINT_S)
        _summary("switch to 30 days (computed)", switches)

        query = InsightsQuery(db)

        def timed(call: Callable[[], object]) -> list[float]:
            out = []
            for _ in range(args.runs):
                s = time.perf_counter()
                call()
                out.append(time.perf_counter() - s)
            return out

        first = last_day - timedelta(days=59)
        _summary("query rows, 60 days", timed(lambda: query.rows(first, last_day, TZ)))
        _summary(
            "30-day model (query + compute)",
            timed(lambda: query.model(30, now, TZ, limits=limits, categories=categories)),
        )
        db.close()
    print(f"target: first paint < {TARGET_FIRST_PAINT_S * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
