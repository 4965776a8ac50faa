"""Prints how the X11 foreground tracker performs: switch latency, idle CPU, memory over time.

A script, not a test: nothing here asserts, and pytest does not collect `bench_*.py`.
Run from the repository root:

    python tests/perf/bench_tracker.py [--switches 50] [--idle-seconds 30] [--churn 10000]

With DISPLAY unset (or `--own-display`) it starts its own Xvfb and openbox and stops them at the
end. The tracker runs in this process, on its own Xlib connection, as in the app.

1. Latency: two real xterms, switched `--switches` times through the window manager with
   `xdotool windowactivate`. Measured from just before the xdotool process is started to the
   tracker's `changed` signal (so it includes starting xdotool: an upper bound), and separately
   from the moment the tracker's socket became readable to the signal (the tracker's own work).
   Target: p95 < 100 ms. Beside it, what a 1 s poller would give: the change lands uniformly in
   the polling period, so 500 ms on average and 950 ms at p95.
2. Idle CPU: the tracker's process CPU time over `--idle-seconds` with nothing happening.
3. Memory: `--churn` active-window changes, made real on the server but without the window
   manager (the benchmark writes `_NET_ACTIVE_WINDOW` on the root window itself, alternating
   between the two xterms, which is exactly the event a window manager produces); RSS and
   Python heap (tracemalloc) before and after. Switching through openbox 10,000 times would
   take minutes and measure openbox, not the tracker.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psutil
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from Xlib import Xatom

from focusapp.core.activity import Activity
from focusapp.platform.x11 import X11ForegroundTracker, open_display
from tests.integration import x11

TARGET_P95_MS = 100.0
POLLER_PERIOD_MS = 1000.0


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def own_display(work: Path) -> Iterator[str]:
    """Xvfb and openbox, each in its own session so teardown reaches what they spawned."""
    started: list[subprocess.Popen[Any]] = []
    try:
        display_file = work / "display"
        with display_file.open("wb") as fd3, (work / "xvfb.log").open("wb") as out:
            started.append(
                subprocess.Popen(
                    ["Xvfb", "-displayfd", str(fd3.fileno()), "-screen", "0", "1280x800x24",
                     "-nolisten", "tcp"],
                    stdout=out, stderr=out, pass_fds=(fd3.fileno(),), start_new_session=True,
                )
            )  # fmt: skip
        x11.wait_until(lambda: display_file.read_text().strip(), 30, "Xvfb never started")
        display = f":{display_file.read_text().strip()}"
        with (work / "openbox.log").open("wb") as out:
            started.append(
                subprocess.Popen(
                    ["openbox", "--sm-disable"],
                    env=dict(os.environ, DISPLAY=display),
                    stdout=out, stderr=out, start_new_session=True,
                )
            )  # fmt: skip

        def wm_ready() -> bool:
            problem = x11.session_problem(display)
            return problem is None or "window manager" not in problem

        x11.wait_until(wm_ready, 30, "openbox never took over")
        yield display
    finally:
        for process in reversed(started):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            process.wait(5)


class TimedTracker(X11ForegroundTracker):
    """Notes when its socket became readable, to split the tracker's work from the rest."""

    readable_at: float = 0.0

    def _drain(self) -> None:
        self.readable_at = time.perf_counter()
        super()._drain()


class Waiter:
    """Runs the event loop until the tracker reports a wanted window. Connected once: per-wait
    connections would leak a little in PySide and show up in the memory figure."""

    def __init__(self, tracker: TimedTracker) -> None:
        self.tracker = tracker
        self.loop = QEventLoop()
        self.deadline = QTimer()
        self.deadline.setSingleShot(True)
        self.deadline.timeout.connect(self.loop.quit)
        self.want: int | None = None
        self.got: tuple[float, float] | None = None
        tracker.changed.connect(self._on_changed)

    def _on_changed(self, activity: object) -> None:
        if isinstance(activity, Activity) and activity.window_id == self.want:
            self.got = (time.perf_counter(), self.tracker.readable_at)
            self.loop.quit()

    def wait(self, window_id: int, timeout_s: float = 10.0) -> tuple[float, float]:
        """(signal time, socket-readable time) once the tracker reports `window_id`."""
        self.want, self.got = window_id, None
        self.deadline.start(round(timeout_s * 1000))
        if self.got is None:
            self.loop.exec()
        self.deadline.stop()
        if self.got is None:
            raise TimeoutError(f"the tracker never reported window 0x{window_id:x}")
        return self.got


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def away_first(tracker: TimedTracker, windows: list[int]) -> list[int]:
    """Both windows, starting with the one not reported now (a switch to it is a change)."""
    current = tracker.current()
    if current is not None and current.window_id == windows[0]:
        return [windows[1], windows[0]]
    return list(windows)


def measure_latency(
    waiter: Waiter, windows: list[int], switches: int, env: dict[str, str]
) -> tuple[list[float], list[float]]:
    windows = away_first(waiter.tracker, windows)
    total: list[float] = []
    own: list[float] = []
    for n in range(switches):
        target = windows[n % 2]
        started = time.perf_counter()
        command = subprocess.Popen(["xdotool", "windowactivate", str(target)], env=env)
        signalled, readable = waiter.wait(target)
        command.wait(10)
        total.append((signalled - started) * 1000)
        own.append((signalled - readable) * 1000)
    return total, own


def idle_cpu(seconds: float) -> float:
    process = psutil.Process()
    before = process.cpu_times()
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()
    after = process.cpu_times()
    return (after.user - before.user) + (after.system - before.system)


def churn(waiter: Waiter, windows: list[int], count: int, display: str) -> None:
    windows = away_first(waiter.tracker, windows)
    conn = open_display(display)
    try:
        root = conn.screen().root
        atom = conn.intern_atom("_NET_ACTIVE_WINDOW")
        for n in range(count):
            target = windows[n % 2]
            root.change_property(atom, Xatom.WINDOW, 32, [target])
            conn.flush()
            waiter.wait(target)
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--switches", type=int, default=50)
    parser.add_argument("--idle-seconds", type=float, default=30.0)
    parser.add_argument("--churn", type=int, default=10_000)
    parser.add_argument("--own-display", action="store_true")
    args = parser.parse_args(argv)
    if not shutil.which("xdotool") or not shutil.which("xterm"):
        log("needs xdotool and xterm (apt-get install xdotool xterm)")
        return 2

    app = QCoreApplication.instance() or QCoreApplication([])
    with contextlib.ExitStack() as stack:
        if args.own_display or not os.environ.get("DISPLAY"):
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-tracker-")))
            display = stack.enter_context(own_display(work))
        else:
            display = os.environ["DISPLAY"]
        env = dict(os.environ, DISPLAY=display)
        terms = []
        for name in ("BenchA", "BenchB"):
            term = subprocess.Popen(
                ["xterm", "-class", name, "-title", name.lower(), "-e", "sleep", "3600"],
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            stack.callback(lambda t=term: (t.terminate(), t.wait(10)))
            terms.append(term)
        windows = [
            x11.wait_for_window(wm_class=name, pid=term.pid, display=display).id
            for name, term in zip(("BenchA", "BenchB"), terms, strict=True)
        ]
        tracker = TimedTracker(display)
        tracker.start()
        stack.callback(tracker.stop)
        waiter = Waiter(tracker)

        log(f"latency: {args.switches} switches through openbox on {display}")
        total, own = measure_latency(waiter, windows, args.switches, env)
        print("switch latency (xdotool start -> changed signal), ms")
        print(
            f"  p50 {statistics.median(total):7.1f}   p95 {percentile(total, 0.95):7.1f}   "
            f"max {max(total):7.1f}   target p95 < {TARGET_P95_MS:.0f}"
        )
        print("tracker's own work (socket readable -> changed signal), ms")
        print(f"  p50 {statistics.median(own):7.2f}   p95 {percentile(own, 0.95):7.2f}")
        print(
            f"a {POLLER_PERIOD_MS / 1000:.0f} s poller for comparison: mean "
            f"{POLLER_PERIOD_MS / 2:.0f} ms, p95 {POLLER_PERIOD_MS * 0.95:.0f} ms (plus its work)"
        )

        log(f"idle CPU over {args.idle_seconds:.0f} s")
        cpu = idle_cpu(args.idle_seconds)
        print(f"idle CPU: {cpu * 1000:.1f} ms over {args.idle_seconds:.0f} s")

        log(f"memory: {args.churn} active-window changes (written to the root window)")
        churn(waiter, windows, min(200, args.churn), display)  # warm up caches and imports
        process = psutil.Process()
        gc.collect()
        tracemalloc.start()
        heap_before = tracemalloc.get_traced_memory()[0]
        rss_before = process.memory_info().rss
        started = time.perf_counter()
        churn(waiter, windows, args.churn, display)
        elapsed = time.perf_counter() - started
        gc.collect()  # python-xlib's requests hold reference cycles: count only what stays
        heap_after = tracemalloc.get_traced_memory()[0]
        rss_after = process.memory_info().rss
        tracemalloc.stop()
        print(
            f"memory after {args.churn} changes ({elapsed:.1f} s, "
            f"{elapsed / max(1, args.churn) * 1e6:.0f} us each): RSS "
            f"{(rss_after - rss_before) / 1024:+.0f} KiB, Python heap "
            f"{(heap_after - heap_before) / 1024:+.1f} KiB"
        )
        print(f"events handled: {tracker.events_handled}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
