"""Prints how fast the database opens and how the honest log scales. A script, not a test.

Run from the repository root: `python -m tests.perf.bench_database [--appends N]`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(f"{path.name}*") if p.is_file())


def _kib(n: int) -> str:
    return f"{n / 1024:,.0f} KiB"


def main(argv: list[str] | None = None) -> None:
    from focusapp.core.records import LogEntry, LogKind
    from focusapp.store.database import Database
    from focusapp.store.session_store import SqliteSessionStore

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--appends", type=int, default=10_000)
    parser.add_argument("--opens", type=int, default=5)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="focusapp-bench-") as folder:
        base = Path(folder)

        fresh_times = []
        for i in range(args.opens):
            start = time.perf_counter()
            db, _ = Database.open(base / f"fresh-{i}.sqlite3")
            fresh_times.append(time.perf_counter() - start)
            db.close()
        print(f"open + migrate a fresh database: {statistics.median(fresh_times) * 1000:.1f} ms")

        path = base / "focusapp.sqlite3"
        db, _ = Database.open(path)
        store = SqliteSessionStore(db)
        t0 = datetime(2025, 1, 1, tzinfo=UTC)
        entries = [
            LogEntry(
                ts=t0 + timedelta(seconds=i),
                kind=LogKind.APP_DOWN if i % 3 else LogKind.SUSPEND,
                detail={"seconds": i, "reason": "benchmark"},
            )
            for i in range(args.appends)
        ]
        start = time.perf_counter()
        for entry in entries:
            store.append_log(entry)
        elapsed = time.perf_counter() - start
        print(
            f"{args.appends:,} log appends, one transaction each: {elapsed:.2f} s "
            f"({elapsed / args.appends * 1e6:.0f} µs each)"
        )
        if store.last_error:
            print(f"  storage error: {store.last_error}")

        start = time.perf_counter()
        everything = store.log_entries(t0)
        took = (time.perf_counter() - start) * 1000
        print(f"read all {len(everything):,} entries: {took:.1f} ms")
        start = time.perf_counter()
        recent = store.log_entries(t0 + timedelta(seconds=args.appends - 100), [LogKind.SUSPEND])
        took = (time.perf_counter() - start) * 1000
        print(f"read the last 100 s of one kind ({len(recent)} entries): {took:.2f} ms")

        print(f"size on disk while open (with -wal): {_kib(_size(path))}")
        db.close()
        print(f"size on disk after closing: {_kib(_size(path))}")

        start = time.perf_counter()
        db, _ = Database.open(path)
        print(f"reopen with integrity check: {(time.perf_counter() - start) * 1000:.1f} ms")
        db.close()


if __name__ == "__main__":
    if __package__ in (None, ""):
        # Run as a file: make the repository importable.
        sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    main()
