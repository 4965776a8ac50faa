"""Prints how big a year of usage makes the database and how fast the insights can read it.
A script, not a test.

A simulated year: 12 hours of use a day, a switch every 30 seconds among ~30 apps and sites, fed
through the real `UsageLedger` into a real SQLite file (each switch is a flush, as in the app).
Targets: the file under 20 MB, one week of per-hour usage read in under 50 ms.

Run from the repository root: `python -m tests.perf.bench_ledger [--days N]`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(f"{path.name}*") if p.is_file())


def main(argv: list[str] | None = None) -> None:
    from focusapp.core.activity import Activity, ActivityKind
    from focusapp.core.clock import ManualClock
    from focusapp.core.timebase import TimeBase
    from focusapp.core.usage import UsageLedger
    from focusapp.store.database import Database
    from focusapp.store.usage_store import SqliteUsageStore

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--switch-every", type=float, default=30.0)
    parser.add_argument("--hours", type=float, default=12.0)
    args = parser.parse_args(argv)

    rng = random.Random(7)
    things = [Activity(ActivityKind.APP, f"app-{i}") for i in range(15)] + [
        Activity(ActivityKind.SITE, f"site-{i}.example") for i in range(15)
    ]
    # Some things are used far more than others, as in life.
    weights = [1.0 / (i + 1) for i in range(len(things))]

    with tempfile.TemporaryDirectory(prefix="focusapp-bench-") as folder:
        path = Path(folder) / "focusapp.sqlite3"
        db, _ = Database.open(path)
        store = SqliteUsageStore(db)
        clock = ManualClock(now=datetime(2025, 1, 1, 7, 0, tzinfo=UTC))
        tb = TimeBase(clock)
        ledger = UsageLedger(tb, store)

        switches_per_day = int(args.hours * 3600 / args.switch_every)
        flush_times: list[float] = []
        started = time.perf_counter()
        for _day in range(args.days):
            for _ in range(switches_per_day):
                activity = rng.choices(things, weights)[0]
                t0 = time.perf_counter()
                ledger.observe(activity, idle_s=0.0)
                flush_times.append(time.perf_counter() - t0)
                clock.advance(args.switch_every)
            ledger.observe(None, idle_s=0.0)
            clock.advance(24 * 3600 - args.hours * 3600)
        ledger.stop()
        elapsed = time.perf_counter() - started
        rows = db.conn.execute("SELECT count(*) FROM usage").fetchone()[0]
        db.close()  # checkpoints the WAL into the file

        size = _size(path)
        print(
            f"simulated {args.days} days ({len(flush_times):,} switches) in {elapsed:.1f} s; "
            f"observe + flush median {statistics.median(flush_times) * 1e6:.0f} us, "
            f"p99 {sorted(flush_times)[int(len(flush_times) * 0.99)] * 1e6:.0f} us"
        )
        print(f"database: {size / 1e6:.1f} MB for {rows:,} minute buckets (target < 20 MB)")

        db, _ = Database.open(path)
        with db:
            store = SqliteUsageStore(db)
            first = datetime(2025, 1, 1).date()
            week_times: list[float] = []
            day_times: list[float] = []
            for i in range(20):
                monday = first + timedelta(days=rng.randrange(max(1, args.days - 7)))
                t0 = time.perf_counter()
                hours = store.hourly_usage(monday, monday + timedelta(days=6))
                week_times.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                store.usage_totals(monday)
                day_times.append(time.perf_counter() - t0)
                if i == 0:
                    print(f"one week per hour: {len(hours):,} rows")
            print(
                f"week of per-hour usage: median {statistics.median(week_times) * 1000:.1f} ms, "
                f"max {max(week_times) * 1000:.1f} ms (target < 50 ms; first read includes "
                "loading the names)"
            )
            print(f"one day's totals: median {statistics.median(day_times) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
