"""Prints what the Linux package weighs and how its binary starts: sizes, start to tray, memory.

A script, not a test: nothing here asserts, and pytest does not collect `bench_*.py`. Run from
the repository root:

    python tests/perf/bench_bundle.py [--runs 7] [--dist DIR] [--build] [--json] [--own-display]

It measures what `packaging/linux/build.sh` left in `--dist` (default `dist/`: the one-folder
bundle `dist/focusapp/` and `dist/focusapp_*.deb`); with `--build`, or when either is missing,
it runs the build first (into that folder). Start time is `bench_app.py`'s: from `Popen` of the
bundled `focusapp` to its icon mapped inside the tray host, from X events; each launch gets a
fresh home (no config, no database), then `--runs` more reuse one home. Memory is the resident
set 3 s after the icon docked. Desktop handling is `bench_app.py`'s too: its own Xvfb, openbox,
trayer and D-Bus when DISPLAY is unset or with `--own-display`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psutil

from tests.perf.bench_app import (
    MEMORY_SETTLE_S,
    Bench,
    Launcher,
    Row,
    Series,
    environment,
    log,
    memory_of,
    on_a_desktop,
    print_table,
)

REPO = Path(__file__).resolve().parents[2]
TARGET_START_S = 1.2
TARGET_RSS_MB = 90.0


def folder_bytes(folder: Path) -> int:
    """Bytes of every file below `folder` (symlinks not followed), as installed."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def build(dist: Path) -> float:
    log(f"building into {dist} (packaging/linux/build.sh)")
    started = time.perf_counter()
    subprocess.run(
        ["bash", str(REPO / "packaging/linux/build.sh"), "--out", str(dist)],
        check=True,
        env=dict(os.environ, PYTHON=os.environ.get("PYTHON", sys.executable)),
        stdout=sys.stderr,  # progress, like the rest of the log: stdout stays the table or JSON
    )
    return time.perf_counter() - started


def find_outputs(dist: Path) -> tuple[Path, Path] | None:
    bundle = dist / "focusapp"
    debs = sorted(dist.glob("focusapp_*.deb"), key=lambda p: p.stat().st_mtime)
    if not (bundle / "focusapp").is_file() or not debs:
        return None
    return bundle, debs[-1]


def run(args: argparse.Namespace, display: str, extra_env: dict[str, str], work: Path) -> int:
    dist = args.dist.resolve()
    results: dict[str, Any] = {"environment": environment(), "display": display}
    rows: list[Row] = []
    outputs = None if args.build else find_outputs(dist)
    if outputs is None:
        results["build_s"] = round(build(dist), 1)
        rows.append(Row("build (bundle and .deb)", results["build_s"], "s"))
        outputs = find_outputs(dist)
        if outputs is None:
            raise SystemExit(f"bench_bundle: the build left no bundle and .deb in {dist}")
    bundle, deb = outputs
    mib = 1024 * 1024
    results["bundle_mb"] = round(folder_bytes(bundle) / mib, 1)
    results["deb_mb"] = round(deb.stat().st_size / mib, 1)
    results["deb"] = deb.name
    rows.append(Row(f"bundle folder ({bundle})", results["bundle_mb"], "MB"))
    rows.append(Row(f".deb ({deb.name})", results["deb_mb"], "MB"))

    launcher = Launcher("bundled focusapp", [str(bundle / "focusapp")])
    bench = Bench(display, work, extra_env)
    try:
        fresh, same = Series(), Series()
        for i in range(args.runs):
            app, elapsed = bench.launch(launcher, work / "homes" / f"fresh-{i}")
            bench.stop(app)
            fresh.samples.append(elapsed)
            log(f"fresh home {i + 1}/{args.runs}: {elapsed * 1000:.0f} ms")
        home = work / "homes" / "same"
        app, _ = bench.launch(launcher, home)  # makes the config and database: not counted
        bench.stop(app)
        for i in range(args.runs):
            app, elapsed = bench.launch(launcher, home)
            if i < args.runs - 1:
                bench.stop(app)
            same.samples.append(elapsed)
            log(f"same home {i + 1}/{args.runs}: {elapsed * 1000:.0f} ms")
        # The last launch stays up for the memory figure.
        time.sleep(MEMORY_SETTLE_S)
        memory = memory_of(psutil.Process(app.pid))
        bench.stop(app)
    finally:
        bench.watcher.close()

    results["start_to_tray"] = {"fresh_home": fresh.summary(), "same_home": same.summary()}
    results["memory"] = memory
    for label, series in (("fresh home", fresh), ("same home", same)):
        rows.append(Row(f"start to tray, {label}, median", series.median, "s", TARGET_START_S))
        rows.append(Row("  ... p90", series.p90, "s"))
        rows.append(Row("  ... min", series.min, "s"))
    rows.append(
        Row(f"resident memory {MEMORY_SETTLE_S:.0f} s after docking", memory["rss_mb"], "MB",
            TARGET_RSS_MB)
    )  # fmt: skip
    for name in ("uss", "pss"):
        if f"{name}_mb" in memory:
            rows.append(Row(f"  ... {name.upper()}", memory[f"{name}_mb"], "MB"))
    results["environment"]["loadavg_at_end"] = os.getloadavg()

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print()
    print_table(rows)
    env_info = results["environment"]
    print(
        f"\n{env_info['cpus']} CPUs, load {env_info['loadavg_at_start'][0]:.2f} at start, "
        f"{env_info['loadavg_at_end'][0]:.2f} at end; display {display}"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7, help="launches per home kind")
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="where the build is")
    parser.add_argument("--build", action="store_true", help="build first, even if one exists")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument(
        "--own-display",
        action="store_true",
        help="start Xvfb+openbox+trayer even if DISPLAY is set",
    )
    parser.add_argument(
        "--no-dbus", action="store_true", help="own desktop without a D-Bus session bus"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    return on_a_desktop(parser, args, "focusapp-bench-bundle-", run)


if __name__ == "__main__":
    sys.exit(main())
