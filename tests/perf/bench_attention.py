"""Prints how the running app's attention tracking performs: the pause before a blocked app, CPU
while tracking, CPU at one switch a second, and memory over many switches.

A script, not a test: nothing here asserts, and pytest does not collect `bench_*.py`.
Run from the repository root:

    python tests/perf/bench_attention.py [--rounds 50] [--idle-seconds 60]
        [--switch-seconds 60] [--switches 2000] [--rate 20] [--own-display] [--json]

It needs an X desktop with a window manager and a tray; with DISPLAY unset (or `--own-display`)
it starts Xvfb, openbox, trayer and a D-Bus session bus as `bench_app.py` does. The app runs as
`python -m focusapp` in a temporary home whose config has a profile blocking `xmessage`, with a
focus session of that profile running through every measure. Windows: an xterm for work, a copy
of the xterm binary named `benchterm` as a second, non-blocked app (the app names apps after
their executable, so two plain xterms would be one app and no switch for the usage ledger), and
`xmessage -name feed` as the blocked app (it takes the focus, as the integration test notes).

1. Pause latency, `--rounds` times (plus one first round, reported apart: it loads the prompts):
   from just before this process sends `_NET_ACTIVE_WINDOW` for the feed window (as a pager does;
   openbox de-iconifies an iconic window it is asked to activate) to the moment the overlay
   window, titled "A moment before ..." and created by the app's X client (X-Resource), is
   viewable. Both moments come from X events read as they arrive on a connection of this
   process (root SubstructureNotify and PropertyChange, the overlay's StructureNotify). Split
   into: window manager (request -> `_NET_ACTIVE_WINDOW` names the feed), app (-> the overlay's
   CreateNotify) and mapping (-> viewable). Then Escape (XTEST, through xdotool), and the round
   ends once the overlay is gone, the feed is iconic and the work window is active again.
   Target p95 < 100 ms; a tracker polling once a second would average 500 ms (p95 950 ms).
2. CPU of the app over `--idle-seconds` with nothing happening: < 0.1 s per minute.
3. CPU of the app over `--switch-seconds` with one switch a second between work and benchterm:
   < 2 % of one core.
4. RSS of the app over `--switches` switches between work and benchterm, each waited for, at
   most `--rate` a second; sampled every 250 switches after 200 unmeasured ones, with the growth
   per 1000 switches from a least-squares line and extrapolated to 10,000: target < 5 MB.
   The usage ledger keeps each switch's credit for about 3 minutes (to take idle time back),
   so memory first grows with the switch rate and then holds; a run shorter than twice that
   overstates the growth, and says so. `--switches 10000` at 20/s (8 minutes) shows the level.

No input reaches the desktop during measures 2-4 apart from a one-pixel XTEST pointer nudge
every 30 s in 3 and 4: without it the app would take the user as away after `idle_minutes`
(2 by default) and stop counting usage, which is not what those measures are about.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import select
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    # Run as a file: make `tests` importable from the repository root.
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psutil
from Xlib import X, Xatom
from Xlib import error as xerror
from Xlib.display import Display
from Xlib.ext import xtest
from Xlib.protocol import event as xevent

from tests.integration import x11
from tests.perf.bench_app import Row, busiest, cpu_window, log, memory_of, on_a_desktop, print_table

TARGET_P95_MS = 100.0
POLLER_PERIOD_MS = 1000.0
TARGET_IDLE_CPU_S_PER_MIN = 0.1
TARGET_SWITCHING_CPU_PERCENT = 2.0
TARGET_GROWTH_MB_PER_10K = 5.0
OVERLAY_PREFIX = "A moment before"
PROFILE = "Deep work"
# Notes off: the keyring is not what this measures, and at start the app asks it on its main
# thread, which blocks for as long as a Secret Service prompt waits for a user (forever here).
CONFIG = f"""\
[journal]
notes = "off"

[[profiles]]
name = "{PROFILE}"
block_apps = ["xmessage"]
"""
SESSION_MINUTES = "120"  # outlasts every measure, even with large --switches
WARMUP_SWITCHES = 200
# The usage ledger keeps what it credited per switch for idle_minutes (2 by default) plus 60 s,
# to take idle time back: memory that grows with the switch rate for that long, then holds.
LEDGER_WINDOW_S = 180.0
SAMPLE_EVERY = 250
NUDGE_EVERY_S = 30.0
ROUND_TIMEOUT_S = 10.0
_SOURCE_PAGER = 2  # EWMH: the request comes from a pager, which openbox always obeys
_CLIENT_PID_MASK = 1 << 1  # X-Resource LocalClientPID


# --------------------------------------------------------------------------- statistics


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of ys over xs (0 with fewer than two points)."""
    if len(xs) < 2:
        return 0.0
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return 0.0
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


# --------------------------------------------------------------------------- the desktop


class Desk:
    """This process's own X connection: sends what a pager would send and reads, as they
    arrive, the events that tell what the window manager and the app did."""

    def __init__(self, display: str) -> None:
        self.conn = Display(display)
        self.root = self.conn.screen().root
        self.root.change_attributes(event_mask=X.SubstructureNotifyMask | X.PropertyChangeMask)
        self.active_atom = self.conn.intern_atom("_NET_ACTIVE_WINDOW")
        self.wm_state_atom = self.conn.intern_atom("WM_STATE")
        self.net_wm_name = self.conn.intern_atom("_NET_WM_NAME")
        self.utf8 = self.conn.intern_atom("UTF8_STRING")
        self.has_xres = self.conn.has_extension("X-Resource")
        self._nudge_sign = 1
        self.conn.sync()
        self.drain()

    def close(self) -> None:
        self.conn.close()

    # -- requests

    def activate(self, window_id: int) -> float:
        """Asks the window manager to activate `window_id`; returns the moment just before."""
        message = xevent.ClientMessage(
            window=self.conn.create_resource_object("window", window_id),
            client_type=self.active_atom,
            data=(32, [_SOURCE_PAGER, X.CurrentTime, 0, 0, 0]),
        )
        sent = time.perf_counter()
        self.root.send_event(
            message,
            event_mask=X.SubstructureRedirectMask | X.SubstructureNotifyMask,
            propagate=False,
        )
        self.conn.flush()
        return sent

    def nudge(self) -> None:
        """A one-pixel pointer move through XTEST: real input, so the app sees a present user."""
        xtest.fake_input(self.conn, X.MotionNotify, detail=True, x=self._nudge_sign, y=0)
        self._nudge_sign = -self._nudge_sign
        self.conn.flush()

    # -- reading

    def pump(self, timeout: float) -> list[tuple[float, Any]]:
        """The events that arrive within `timeout` seconds, each with the moment it was read."""
        if not self.conn.pending_events():
            ready, _, _ = select.select([self.conn.fileno()], [], [], max(0.0, timeout))
            if not ready:
                return []
        stamp = time.perf_counter()
        events = []
        while self.conn.pending_events():
            events.append((stamp, self.conn.next_event()))
        return events

    def settle(self, seconds: float) -> None:
        """Reads (and drops) events for `seconds`, so the queue never backs up meanwhile."""
        deadline = time.perf_counter() + seconds
        while (left := deadline - time.perf_counter()) > 0:
            self.pump(left)

    def drain(self) -> None:
        self.conn.sync()
        while self.conn.pending_events():
            self.conn.next_event()

    def active_window(self) -> int | None:
        prop = self.root.get_full_property(self.active_atom, Xatom.WINDOW)
        if prop is None or not len(prop.value):
            return None
        return int(prop.value[0]) or None

    def describe_active(self) -> str:
        """The active window, for error messages."""
        active = self.active_window()
        if active is None:
            return "no active window"
        try:
            return (
                f"active window 0x{active:x} {self.title(active)!r} "
                f"class {self.window(active).get_wm_class()} pid {self.client_pid(active)}"
            )
        except xerror.XError:
            return f"active window 0x{active:x} (gone)"

    def is_active_change(self, event: Any) -> bool:
        return bool(
            event.type == X.PropertyNotify
            and event.window.id == self.root.id
            and event.atom == self.active_atom
        )

    def window(self, window_id: int) -> Any:
        return self.conn.create_resource_object("window", window_id)

    def client_pid(self, window_id: int) -> int | None:
        """The pid of the X client that made the window (X-Resource), None when unknown."""
        if not self.has_xres:
            return None
        try:
            reply = self.conn.res_query_client_ids(
                [{"client": window_id, "mask": _CLIENT_PID_MASK}]
            )
        except xerror.XError:
            return None
        for client in reply.ids:
            if client.spec.mask == _CLIENT_PID_MASK and client.value:
                return int(client.value[0])
        return None

    def title(self, window_id: int) -> str:
        window = self.window(window_id)
        net = window.get_full_property(self.net_wm_name, self.utf8)
        if net is not None and net.value:
            value = net.value
            return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
        legacy = window.get_wm_name()
        return legacy.decode("latin-1") if isinstance(legacy, bytes) else str(legacy or "")

    def viewable(self, window_id: int) -> bool:
        try:
            return bool(self.window(window_id).get_attributes().map_state == X.IsViewable)
        except xerror.XError:
            return False

    def iconic(self, window_id: int) -> bool:
        try:
            state = self.window(window_id).get_full_property(self.wm_state_atom, X.AnyPropertyType)
        except xerror.XError:
            return False
        return state is not None and len(state.value) > 0 and int(state.value[0]) == 3

    def wait_for(self, what: str, done: Any, timeout: float = ROUND_TIMEOUT_S) -> None:
        """Reads events until `done()` holds (checked after each batch and every 20 ms)."""
        deadline = time.monotonic() + timeout
        while not done():
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{what} did not happen within {timeout:.0f} s")
            self.pump(min(0.02, left))


# --------------------------------------------------------------------------- the scene


@dataclass
class Scene:
    display: str
    desk: Desk
    app: x11.AppProcess
    process: psutil.Process
    work: int
    other: int
    feed: int


def open_windows(stack: contextlib.ExitStack, display: str, folder: Path) -> tuple[int, int, int]:
    """Work (xterm), other (benchterm) and feed (xmessage): their window ids."""
    env = dict(os.environ, DISPLAY=display)
    xterm = shutil.which("xterm")
    assert xterm is not None
    # A copy, not a link: the app names an app after /proc/<pid>/exe, which follows links.
    benchterm = folder / "bin" / "benchterm"
    benchterm.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(xterm, benchterm)
    commands = {
        "BenchWork": [xterm, "-class", "BenchWork", "-title", "work", "-e", "sleep", "86400"],
        "BenchOther": [
            str(benchterm), "-class", "BenchOther", "-title", "other", "-e", "sleep", "86400",
        ],
        "Xmessage": ["xmessage", "-name", "feed", "the feed"],
    }  # fmt: skip
    ids = []
    for wm_class, argv in commands.items():
        process = subprocess.Popen(
            argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        stack.callback(lambda p=process: (p.terminate(), p.wait(10)))
        ids.append(x11.wait_for_window(wm_class=wm_class, timeout=20, display=display).id)
    return ids[0], ids[1], ids[2]


def cli(app: x11.AppProcess, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*x11.focusapp_command(), *args],
        env=app.env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def switch_to(desk: Desk, window_id: int, timeout: float = ROUND_TIMEOUT_S) -> None:
    desk.activate(window_id)
    desk.wait_for(f"activating 0x{window_id:x}", lambda: desk.active_window() == window_id, timeout)


# --------------------------------------------------------------------------- 1. pause latency


@dataclass(frozen=True)
class PauseRound:
    """Milliseconds from the activation request to each moment."""

    wm_ms: float  # _NET_ACTIVE_WINDOW names the feed
    created_ms: float  # the app created the overlay window
    mapped_ms: float  # the overlay is viewable
    keyboard_ms: float  # _NET_ACTIVE_WINDOW names the overlay


def pause_round(scene: Scene) -> PauseRound:
    desk, feed, app_pid = scene.desk, scene.feed, scene.app.pid
    desk.drain()
    candidates: dict[int, float] = {}  # top-level windows of the app created since the request
    moments: dict[str, float] = {}
    overlay: int | None = None
    sent = desk.activate(feed)
    deadline = sent + ROUND_TIMEOUT_S
    while overlay is None:
        left = deadline - time.perf_counter()
        if left <= 0:
            raise TimeoutError(
                f"no overlay within {ROUND_TIMEOUT_S:.0f} s of activating the feed "
                f"(0x{feed:x}, work 0x{scene.work:x}); {desk.describe_active()}\n"
                f"{scene.app._output_tail()}"
            )
        batch = desk.pump(min(0.02, left))
        for stamp, event in batch:
            if event.type == X.CreateNotify and event.parent.id == desk.root.id:
                window_id = int(event.window.id)
                if desk.client_pid(window_id) in (app_pid, None):
                    candidates[window_id] = stamp
                    # Its own map event, whatever the window manager does with frames.
                    with contextlib.suppress(xerror.XError):
                        desk.window(window_id).change_attributes(event_mask=X.StructureNotifyMask)
            elif (
                desk.is_active_change(event)
                and "wm" not in moments
                and desk.active_window() == feed
            ):
                moments["wm"] = stamp
        if not batch:
            continue
        for window_id, created in candidates.items():
            if desk.viewable(window_id):
                try:
                    titled = desk.title(window_id).startswith(OVERLAY_PREFIX)
                except xerror.XError:
                    continue
                if titled:
                    overlay = window_id
                    moments["created"] = created
                    moments["mapped"] = batch[-1][0]
                    break
    target = overlay

    def has_keyboard() -> bool:
        if desk.active_window() == target:
            moments.setdefault("keyboard", time.perf_counter())
            return True
        return False

    desk.wait_for("the overlay taking the keyboard", has_keyboard)
    x11.press_keys("Escape", display=scene.display)
    desk.wait_for(
        "Escape closing the overlay, minimizing the feed and returning to work",
        lambda: (
            not desk.viewable(target) and desk.iconic(feed) and desk.active_window() == scene.work
        ),
    )
    # Stay on work a moment, as a person would: the app reads the active window when it handles
    # the event, so an instant switch back would look to it as if work was never in front.
    desk.settle(0.3)
    wm = moments.get("wm", moments["created"])
    return PauseRound(
        wm_ms=(wm - sent) * 1000,
        created_ms=(moments["created"] - sent) * 1000,
        mapped_ms=(moments["mapped"] - sent) * 1000,
        keyboard_ms=(moments["keyboard"] - sent) * 1000,
    )


def measure_pause(scene: Scene, rounds: int) -> tuple[dict[str, Any], list[Row]]:
    log("pause latency: first round (loads the prompt library)")
    first = pause_round(scene)
    measured: list[PauseRound] = []
    for n in range(rounds):
        measured.append(pause_round(scene))
        if (n + 1) % 10 == 0:
            log(f"pause latency: {n + 1}/{rounds}")
    mapped = [r.mapped_ms for r in measured]
    wm = [r.wm_ms for r in measured]
    app_part = [r.created_ms - r.wm_ms for r in measured]
    mapping = [r.mapped_ms - r.created_ms for r in measured]
    keyboard = [r.keyboard_ms for r in measured]
    results = {
        "rounds": rounds,
        "first_round_ms": round(first.mapped_ms, 2),
        "mapped_ms": {
            "p50": round(statistics.median(mapped), 2),
            "p95": round(percentile(mapped, 0.95), 2),
            "max": round(max(mapped), 2),
            "mean": round(statistics.fmean(mapped), 2),
        },
        "wm_ms_p50": round(statistics.median(wm), 2),
        "app_ms_p50": round(statistics.median(app_part), 2),
        "app_ms_p95": round(percentile(app_part, 0.95), 2),
        "mapping_ms_p50": round(statistics.median(mapping), 2),
        "keyboard_ms_p50": round(statistics.median(keyboard), 2),
        "keyboard_ms_p95": round(percentile(keyboard, 0.95), 2),
        "poller_1s_mean_ms": POLLER_PERIOD_MS / 2,
        "poller_1s_p95_ms": POLLER_PERIOD_MS * 0.95,
    }
    rows = [
        Row(
            f"switch to blocked app -> pause mapped, p50 ({rounds})",
            statistics.median(mapped),
            "ms",
        ),
        Row("  ... p95", percentile(mapped, 0.95), "ms", TARGET_P95_MS),
        Row("  ... max", max(mapped), "ms"),
        Row("  ... a 1 s poller: mean (p95 950 ms)", POLLER_PERIOD_MS / 2, "ms"),
        Row("  ... first pause of the run", first.mapped_ms, "ms"),
        Row("  ... of which window manager, p50", statistics.median(wm), "ms"),
        Row("  ... of which app to CreateNotify, p50", statistics.median(app_part), "ms"),
        Row("  ... of which app to CreateNotify, p95", percentile(app_part, 0.95), "ms"),
        Row("  ... of which create to viewable, p50", statistics.median(mapping), "ms"),
        Row("pause has the keyboard, p50", statistics.median(keyboard), "ms"),
        Row("  ... p95", percentile(keyboard, 0.95), "ms"),
    ]
    return results, rows


# --------------------------------------------------------------------------- 2. idle CPU


def measure_idle(scene: Scene, seconds: float) -> tuple[dict[str, Any], list[Row]]:
    switch_to(scene.desk, scene.work)
    scene.desk.settle(2.0)  # let the last round's timers and deferred deletes run out
    log(f"idle CPU, session running, blocked apps, tracking: {seconds:.0f} s window")
    window = cpu_window(scene.process, seconds)
    scene.desk.drain()
    rows = [
        Row(
            "CPU while tracking, nothing happening",
            window["cpu_s_per_min"],
            "s/min",
            TARGET_IDLE_CPU_S_PER_MIN,
        ),
        Row("  ... wakeups, all threads", window["wakeups_per_s"], "/s"),
        Row("  ... most wakeups", busiest(window), ""),
    ]
    return window, rows


# --------------------------------------------------------------------------- 3. CPU while switching


def measure_switching(scene: Scene, seconds: float) -> tuple[dict[str, Any], list[Row]]:
    desk = scene.desk
    switch_to(desk, scene.work)
    desk.nudge()
    desk.settle(1.0)
    pair = [scene.other, scene.work]
    count = max(1, round(seconds))
    log(f"CPU with one switch a second: {count} switches")
    applied = 0
    expected: int | None = None
    before, started = scene.process.cpu_times(), time.perf_counter()
    last_nudge = started
    for n in range(count):
        expected = pair[n % 2]
        desk.activate(expected)
        next_at = started + (n + 1) * 1.0
        seen = False
        while (left := next_at - time.perf_counter()) > 0:
            for _, event in desk.pump(left):
                if not seen and desk.is_active_change(event) and desk.active_window() == expected:
                    seen = True
                    applied += 1
        if time.perf_counter() - last_nudge >= NUDGE_EVERY_S:
            desk.nudge()
            last_nudge = time.perf_counter()
    after, elapsed = scene.process.cpu_times(), time.perf_counter() - started
    used = (after.user - before.user) + (after.system - before.system)
    percent = used / elapsed * 100
    results = {
        "switches": count,
        "applied": applied,
        "window_s": round(elapsed, 2),
        "cpu_s": round(used, 4),
        "cpu_percent_of_one_core": round(percent, 3),
        "cpu_ms_per_switch": round(used / count * 1000, 3),
    }
    rows = [
        Row(
            f"CPU, one switch a second ({applied}/{count} applied)",
            percent,
            "%",
            TARGET_SWITCHING_CPU_PERCENT,
        ),
        Row("  ... per switch", used / count * 1000, "ms"),
    ]
    return results, rows


# --------------------------------------------------------------------------- 4. memory


def fast_switches(scene: Scene, count: int, rate: float, on_sample: Any = None) -> int:
    """`count` switches between work and benchterm, each waited for, at most `rate` a second.
    Returns how many the window manager did not apply within a second."""
    desk = scene.desk
    pair = [scene.other, scene.work]
    if desk.active_window() == scene.other:
        pair.reverse()
    period = 1.0 / rate
    missed = 0
    last_nudge = time.perf_counter()
    started = time.perf_counter()
    for n in range(count):
        target = pair[n % 2]
        desk.activate(target)
        try:
            desk.wait_for("a fast switch", lambda t=target: desk.active_window() == t, 1.0)
        except TimeoutError:
            missed += 1
        next_at = started + (n + 1) * period
        while (left := next_at - time.perf_counter()) > 0:
            desk.pump(left)
        if time.perf_counter() - last_nudge >= NUDGE_EVERY_S:
            desk.nudge()
            last_nudge = time.perf_counter()
        if on_sample is not None and (n + 1) % SAMPLE_EVERY == 0:
            on_sample(n + 1)
    return missed


def rss_mb(process: psutil.Process) -> float:
    return float(process.memory_info().rss) / (1024 * 1024)


def measure_memory(
    scene: Scene, switches: int, rate: float, tracer: HeapTracer | None
) -> tuple[dict[str, Any], list[Row]]:
    desk = scene.desk
    switch_to(desk, scene.work)
    desk.nudge()
    log(f"memory: {WARMUP_SWITCHES} warm-up switches")
    fast_switches(scene, WARMUP_SWITCHES, rate)
    desk.settle(1.0)
    traced_before = tracer.snapshot(scene.app) if tracer is not None else None
    before = memory_of(scene.process)
    xs, ys = [0.0], [rss_mb(scene.process)]

    def sample(done: int) -> None:
        xs.append(float(done))
        ys.append(rss_mb(scene.process))
        if done % 1000 == 0:
            log(f"memory: {done}/{switches} switches, RSS {ys[-1]:.1f} MB")

    log(f"memory: {switches} switches at up to {rate:.0f}/s")
    started = time.perf_counter()
    missed = fast_switches(scene, switches, rate, sample)
    elapsed = time.perf_counter() - started
    desk.settle(6.0)  # one tick of the app (5 s) after the last switch
    after = memory_of(scene.process)
    if tracer is not None and traced_before is not None:
        tracer.report(traced_before, tracer.snapshot(scene.app), switches)
    per_1000 = slope(xs, ys) * 1000
    half = len(xs) // 2
    later_per_1000 = slope(xs[half:], ys[half:]) * 1000
    endpoint = after["rss_mb"] - before["rss_mb"]
    results = {
        "switches": switches,
        "missed": missed,
        "seconds": round(elapsed, 1),
        "before": before,
        "after": after,
        "rss_growth_mb": round(endpoint, 2),
        "rss_growth_mb_per_1000_fit": round(per_1000, 3),
        "rss_growth_mb_per_10000_extrapolated": round(per_1000 * 10, 2),
        "rss_growth_mb_per_1000_second_half_fit": round(later_per_1000, 3),
        "samples": [(int(x), round(y, 2)) for x, y in zip(xs, ys, strict=True)],
    }
    rows = [
        Row("RSS before the switches", before["rss_mb"], "MB"),
        Row(f"RSS after {switches} switches ({elapsed:.0f} s)", after["rss_mb"], "MB"),
        Row("  ... growth per 1000 switches (fit)", per_1000, "MB"),
        Row("  ... extrapolated to 10,000", per_1000 * 10, "MB", TARGET_GROWTH_MB_PER_10K),
        Row("  ... growth per 1000, second half of the run (fit)", later_per_1000, "MB"),
        Row("  ... switches not applied within 1 s", float(missed), ""),
    ]
    if elapsed < 2 * LEDGER_WINDOW_S:
        results["note"] = (
            f"The memory run lasted {elapsed:.0f} s. The usage ledger keeps each switch's "
            f"credit for about {LEDGER_WINDOW_S:.0f} s (to take idle time back), so over the "
            "first minutes memory grows with the switch rate and then holds: the "
            "extrapolation overstates a short run. Pass --switches "
            f"{round(2 * LEDGER_WINDOW_S * rate / 1000) * 1000 + 1000} or more to see it level off."
        )
    return results, rows


# --------------------------------------------------------------------------- --trace-memory

# Runs the app with tracemalloc on; SIGUSR2 writes a heap snapshot plus live object counts and
# native figures (SQLite's allocator, malloc in use) to BENCH_TRACE_PREFIX<n>.*. The app's
# wakeup fd (set for its own signals) wakes Qt's loop, so the handler runs within a moment.
TRACE_LAUNCHER = r"""
import ctypes, ctypes.util, gc, json, os, signal, sys, tracemalloc
from collections import Counter

tracemalloc.start(int(os.environ["BENCH_TRACE_FRAMES"]))
prefix = os.environ["BENCH_TRACE_PREFIX"]
dumps = [0]


class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]


def native():
    out = {}
    try:
        lib = ctypes.CDLL("libsqlite3.so.0")
        lib.sqlite3_memory_used.restype = ctypes.c_int64
        out["sqlite_bytes"] = int(lib.sqlite3_memory_used())
    except (OSError, AttributeError):
        pass
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        libc.mallinfo2.restype = MallInfo2
        info = libc.mallinfo2()
        out["malloc_in_use_bytes"] = int(info.uordblks + info.hblkhd)
        out["malloc_free_bytes"] = int(info.fordblks)
    except (OSError, AttributeError):
        pass
    return out


def dump(*_):
    gc.collect()
    n = dumps[0]
    dumps[0] += 1
    tracemalloc.take_snapshot().dump(f"{prefix}{n}.snapshot")
    types = Counter(type(o).__module__ + "." + type(o).__qualname__ for o in gc.get_objects())
    info = {"types": dict(types), "traced_bytes": tracemalloc.get_traced_memory()[0], **native()}
    with open(f"{prefix}{n}.json.tmp", "w") as out:
        json.dump(info, out)
    os.replace(f"{prefix}{n}.json.tmp", f"{prefix}{n}.json")


signal.signal(signal.SIGUSR2, dump)
from focusapp.cli import main

sys.exit(main([]))
"""
TRACE_FRAMES = 12


class HeapTracer:
    """Asks the traced app for snapshots and prints what grew between two of them."""

    def __init__(self, folder: Path) -> None:
        self.prefix = str(folder / "trace-")
        self.taken = 0

    def env(self) -> dict[str, str]:
        return {"BENCH_TRACE_PREFIX": self.prefix, "BENCH_TRACE_FRAMES": str(TRACE_FRAMES)}

    def snapshot(self, app: x11.AppProcess) -> tuple[Any, dict[str, Any]]:
        import tracemalloc

        n = self.taken
        self.taken += 1
        app.kill(signal.SIGUSR2)
        done = Path(f"{self.prefix}{n}.json")
        x11.wait_until(lambda: done.exists() or None, 120, "the traced app never wrote a snapshot")
        return (
            tracemalloc.Snapshot.load(f"{self.prefix}{n}.snapshot"),
            json.loads(done.read_text()),
        )

    @staticmethod
    def report(
        before: tuple[Any, dict[str, Any]], after: tuple[Any, dict[str, Any]], switches: int
    ) -> None:
        import tracemalloc

        (snap0, info0), (snap1, info1) = before, after
        ignore = [
            tracemalloc.Filter(False, tracemalloc.__file__),
            tracemalloc.Filter(False, "<frozen importlib._bootstrap*>"),
        ]
        snap0, snap1 = snap0.filter_traces(ignore), snap1.filter_traces(ignore)
        out = sys.stderr  # stdout stays the table (or the JSON)
        print(
            f"\n--trace-memory: what grew over {switches} switches (app under tracemalloc)",
            file=out,
        )
        for key in ("traced_bytes", "sqlite_bytes", "malloc_in_use_bytes", "malloc_free_bytes"):
            if key in info0 and key in info1:
                print(f"  {key:22} {(info1[key] - info0[key]) / 1024:+10.1f} KiB", file=out)
        print("  live objects, most grown types:", file=out)
        grown = {t: info1["types"].get(t, 0) - info0["types"].get(t, 0) for t in info1["types"]}
        for name, diff in sorted(grown.items(), key=lambda kv: -kv[1])[:10]:
            if diff > 0:
                print(f"    {diff:+8d}  {name}", file=out)
        print("  Python allocations, most grown lines:", file=out)
        for stat in snap1.compare_to(snap0, "lineno")[:12]:
            if stat.size_diff <= 0:
                continue
            frame = stat.traceback[0]
            print(
                f"    {stat.size_diff / 1024:+9.1f} KiB {stat.count_diff:+7d} blocks  "
                f"{frame.filename}:{frame.lineno}",
                file=out,
            )
        print("  the biggest growth, by whole traceback (innermost last):", file=out)
        for stat in snap1.compare_to(snap0, "traceback")[:3]:
            if stat.size_diff <= 0:
                continue
            print(f"    {stat.size_diff / 1024:+9.1f} KiB {stat.count_diff:+7d} blocks", file=out)
            for line in stat.traceback.format()[-2 * TRACE_FRAMES :]:
                print(f"      {line}", file=out)


# --------------------------------------------------------------------------- main


def usage_check(app: x11.AppProcess) -> dict[str, Any]:
    """What the app counted: proof the switches were tracked, not just sent."""
    result = cli(app, "usage", "--json")
    if result.returncode != 0:
        raise RuntimeError(f"focusapp usage failed: {result.stderr}")
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def urge_count(home: Path) -> int:
    import sqlite3

    database = home / ".local" / "share" / "focusapp" / "focusapp.sqlite3"
    with contextlib.closing(sqlite3.connect(database)) as conn:
        return int(conn.execute("SELECT count(*) FROM urges").fetchone()[0])


@contextlib.contextmanager
def running_app(
    display: str, work: Path, extra_env: dict[str, str], tracer: HeapTracer | None
) -> Iterator[x11.AppProcess]:
    home = work / "home"
    (home / ".config" / "focusapp").mkdir(parents=True)
    (home / ".config" / "focusapp" / "config.toml").write_text(CONFIG)
    command = None
    env = dict(extra_env)
    if tracer is not None:
        command = [sys.executable, "-c", TRACE_LAUNCHER]
        env.update(tracer.env())

    with x11.AppProcess(
        home=home,
        log_dir=work / "logs",
        name="focusapp",
        command=command,
        display=display,
        env=env,
    ) as app:
        deadline = time.monotonic() + 30
        while True:
            try:
                x11.find_tray_icon(pid=app.pid, timeout=30, display=display)
                break
            except LookupError:
                # trayer may show no window until the first icon docks: ask again.
                if time.monotonic() > deadline or not app.running:
                    raise
                time.sleep(0.2)
        yield app


def run(args: argparse.Namespace, display: str, extra_env: dict[str, str], work: Path) -> int:
    results: dict[str, Any] = {"display": display, "loadavg_at_start": os.getloadavg()}
    rows: list[Row] = []
    tracer = HeapTracer(work) if args.trace_memory else None
    with contextlib.ExitStack() as stack:
        app = stack.enter_context(running_app(display, work, extra_env, tracer))
        log(f"app running, pid {app.pid}")
        desk = Desk(display)
        stack.callback(desk.close)
        work_id, other_id, feed_id = open_windows(stack, display, work)
        scene = Scene(display, desk, app, psutil.Process(app.pid), work_id, other_id, feed_id)
        switch_to(desk, work_id)
        started = cli(app, "start", SESSION_MINUTES, "--profile", PROFILE)
        if started.returncode != 0:
            raise RuntimeError(f"focusapp start failed: {started.stderr}")
        desk.settle(1.0)

        if args.rounds > 0:
            part, part_rows = measure_pause(scene, args.rounds)
            part["urges_recorded"] = urge_count(app.home)
            results["pause"] = part
            rows += part_rows
            rows.append(
                Row("  ... urges recorded (one per pause)", float(part["urges_recorded"]), "")
            )
        if args.idle_seconds > 0:
            results["idle"], part_rows = measure_idle(scene, args.idle_seconds)
            rows += part_rows
        if args.switch_seconds > 0:
            results["switching"], part_rows = measure_switching(scene, args.switch_seconds)
            rows += part_rows
        if args.switches > 0:
            results["memory"], part_rows = measure_memory(scene, args.switches, args.rate, tracer)
            rows += part_rows
        counted = usage_check(app)["apps"]
        results["usage_counted_s"] = counted
        rows.append(
            Row(
                "usage counted (xterm / benchterm / xmessage)",
                " / ".join(
                    f"{counted.get(n, 0):.0f} s" for n in ("xterm", "benchterm", "xmessage")
                ),
                "",
            )
        )
        results["memory_at_end"] = memory_of(scene.process)
        results["app_still_running"] = app.running
    results["loadavg_at_end"] = os.getloadavg()

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print()
    print_table(rows)
    if "note" in results.get("memory", {}):
        print(f"\nNote: {results['memory']['note']}")
    print(
        f"\n{os.cpu_count()} CPUs, load {results['loadavg_at_start'][0]:.2f} at start, "
        f"{results['loadavg_at_end'][0]:.2f} at end; display {display}"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=50, help="pauses timed; 0 skips")
    parser.add_argument("--idle-seconds", type=float, default=60.0, help="0 skips")
    parser.add_argument("--switch-seconds", type=float, default=60.0, help="0 skips")
    parser.add_argument("--switches", type=int, default=2000, help="for memory; 0 skips")
    parser.add_argument("--rate", type=float, default=20.0, help="fast switches a second, at most")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--own-display", action="store_true", help="even if DISPLAY is set")
    parser.add_argument("--no-dbus", action="store_true", help="own desktop without D-Bus")
    parser.add_argument(
        "--trace-memory",
        action="store_true",
        help="run the app under tracemalloc and print what grew over the --switches "
        "(slows the app: its figures are then not the benchmark's)",
    )
    args = parser.parse_args(argv)
    for tool in ("xterm", "xmessage", "xdotool"):
        if not shutil.which(tool):
            parser.error(f"needs {tool} (apt-get install xterm x11-utils xdotool)")

    return on_a_desktop(parser, args, "focusapp-bench-attention-", run)


if __name__ == "__main__":
    sys.exit(main())
