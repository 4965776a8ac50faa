"""Prints how the running app performs: start to tray icon, memory, idle CPU, `focusapp status`.

A script, not a test: nothing here asserts on time, and pytest does not collect `bench_*.py`.
Run from the repository root:

    python tests/perf/bench_app.py [--runs 10] [--idle-seconds 60] [--status-runs 20] [--json]

It needs an X display with a system tray. With DISPLAY unset (or `--own-display`) it starts its
own Xvfb, openbox and trayer (as `scripts/test.sh` does, plus a private D-Bus session bus) and
stops them at the end. Every app it launches gets its XDG folders in a temporary home.

Start time is measured from `Popen` to the moment the icon is docked: X events from the server
(the icon window leaving the root, then being mapped inside the tray host), not a polling loop,
so the figure is within a millisecond or so of the real moment. The harness's `find_tray_icon`
then confirms each docking, outside the timed part.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    # Run as a file: make `tests.integration` importable from the repository root.
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psutil
from Xlib import X, Xatom
from Xlib import error as xerror
from Xlib.display import Display

from tests.integration import x11

TARGET_START_S = 1.0
TARGET_RSS_MB = 80.0
TARGET_IDLE_CPU_S_PER_MIN = 0.1
TARGET_STATUS_S = 0.150
MEMORY_SETTLE_S = 3.0
ICON_TIMEOUT_S = 30.0
# The same desktop as scripts/test.sh: keep these flags in step with it.
XVFB_ARGS = ["-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset"]
TRAYER_OPTIONS = {
    "--edge": "top",
    "--align": "right",
    "--margin": "160",
    "--widthtype": "pixel",
    "--width": "200",
    "--heighttype": "pixel",
    "--height": "32",
    "--transparent": "true",
    "--alpha": "0",
    "--tint": "0x1e1e1e",
    "--iconspacing": "4",
    "--padding": "4",
    "--SetDockType": "true",
    "--SetPartialStrut": "true",
}
WAKE_INTERVAL_S = 0.010  # re-check candidates at least this often even without X events


def log(message: str) -> None:
    """Progress goes to stderr, so `--json` output on stdout stays clean."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- statistics


@dataclass
class Series:
    """Repeated timings of one thing, in seconds."""

    samples: list[float] = field(default_factory=list)

    @property
    def min(self) -> float:
        return min(self.samples)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p90(self) -> float:
        if len(self.samples) < 2:
            return self.samples[0]
        return statistics.quantiles(self.samples, n=10, method="inclusive")[-1]

    def summary(self) -> dict[str, float | int]:
        return {
            "n": len(self.samples),
            "min_s": round(self.min, 4),
            "median_s": round(self.median, 4),
            "p90_s": round(self.p90, 4),
            "max_s": round(max(self.samples), 4),
        }


@dataclass
class Row:
    """One line of the table; `target` None means "for information"."""

    measure: str
    value: float | str
    unit: str
    target: float | str | None = None

    def verdict(self) -> str:
        if self.target is None:
            return ""
        if isinstance(self.target, str) or isinstance(self.value, str):
            return "ok" if self.value == self.target else "over"
        return "ok" if self.value < self.target else "over"

    def cells(self) -> tuple[str, str, str, str]:
        def show(v: float | str | None) -> str:
            if v is None:
                return "-"
            if isinstance(v, str):
                return v
            return f"{v:.3f} {self.unit}" if v < 10 else f"{v:.1f} {self.unit}"

        target = "-" if self.target is None else f"< {show(self.target)}"
        if isinstance(self.target, str):
            target = self.target
        return self.measure, show(self.value), target, self.verdict()


def print_table(rows: Sequence[Row]) -> None:
    header = ("measure", "value", "target", "")
    cells = [header, *(row.cells() for row in rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(4)]
    for i, line in enumerate(cells):
        print("  ".join(part.ljust(width) for part, width in zip(line, widths, strict=True)))
        if i == 0:
            print("  ".join("-" * width for width in widths))


# --------------------------------------------------------------------------- desktop


def _wait(
    what: str, predicate: Callable[[], bool], proc: subprocess.Popen[Any], log_path: Path
) -> None:
    deadline = time.monotonic() + 30
    while not predicate():
        if proc.poll() is not None:
            raise RuntimeError(f"{what} died: {log_path.read_text(errors='replace')[-2000:]}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} not ready after 30 s (log: {log_path})")
        time.sleep(0.05)


@contextlib.contextmanager
def own_desktop(work: Path, with_dbus: bool) -> Iterator[dict[str, str]]:
    """Xvfb + openbox + trayer with the flags of `scripts/test.sh`; yields the env to add.

    Each process leads its own process group, so teardown reaches whatever it spawned.
    """
    for sub in ("config", "cache", "data", "runtime"):
        (work / sub).mkdir(parents=True, exist_ok=True)
    (work / "runtime").chmod(0o700)
    desktop_env = dict(
        os.environ,
        XDG_CONFIG_HOME=str(work / "config"),
        XDG_CACHE_HOME=str(work / "cache"),
        XDG_DATA_HOME=str(work / "data"),
        XDG_RUNTIME_DIR=str(work / "runtime"),
    )
    started: list[subprocess.Popen[Any]] = []
    logs: list[Any] = []

    def spawn(name: str, argv: list[str], env: dict[str, str], **kw: Any) -> subprocess.Popen[Any]:
        out = (work / f"{name}.log").open("wb")
        logs.append(out)
        proc = subprocess.Popen(
            argv, env=env, stdout=kw.pop("stdout", out), stderr=out, start_new_session=True, **kw
        )
        started.append(proc)
        return proc

    added: dict[str, str] = {}
    try:
        display_file = work / "display"
        with display_file.open("wb") as fd3:
            xvfb = spawn(
                "xvfb",
                ["Xvfb", "-displayfd", str(fd3.fileno()), *XVFB_ARGS],
                dict(os.environ),
                pass_fds=(fd3.fileno(),),
            )
        _wait("Xvfb", lambda: display_file.read_text().strip() != "", xvfb, work / "xvfb.log")
        display = f":{display_file.read_text().strip()}"
        added["DISPLAY"] = display
        desktop_env["DISPLAY"] = display

        if with_dbus:
            bus = spawn(
                "dbus",
                ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
                desktop_env,
                stdout=subprocess.PIPE,
            )
            assert bus.stdout is not None
            address = bus.stdout.readline().decode().strip()
            if not address:
                raise RuntimeError("dbus-daemon printed no address")
            added["DBUS_SESSION_BUS_ADDRESS"] = address
            desktop_env["DBUS_SESSION_BUS_ADDRESS"] = address

        openbox = spawn(
            "openbox",
            ["openbox", "--sm-disable", "--config-file", "/etc/xdg/openbox/rc.xml"],
            desktop_env,
        )

        def wm_running() -> bool:
            problem = x11.session_problem(display)
            return problem is None or "window manager" not in problem

        _wait("openbox", wm_running, openbox, work / "openbox.log")
        trayer = spawn(
            "trayer",
            ["trayer", *(part for pair in TRAYER_OPTIONS.items() for part in pair)],
            desktop_env,
        )
        _wait("trayer", lambda: x11.session_problem(display) is None, trayer, work / "trayer.log")
        yield added
    finally:
        for proc in reversed(started):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in reversed(started):
            try:
                proc.wait(3)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(3)
        for out in logs:
            out.close()


# --------------------------------------------------------------------------- docking watch


class DockWatcher:
    """Tells the moment an app's tray icon is docked, from the X server's own events.

    The tray icon is a top-level window until the tray host reparents it into its socket: the
    root's SubstructureNotify reports that reparenting; then the icon window's own
    StructureNotify reports its map and size. After each event the state is read back from the
    server, so an event missed between two selections costs at most one WAKE_INTERVAL_S.
    """

    def __init__(self, display: str) -> None:
        self.display = display
        self.connection = Display(display)
        self.root = self.connection.screen().root
        self.root.change_attributes(event_mask=X.SubstructureNotifyMask)
        self.pid_atom = self.connection.intern_atom("_NET_WM_PID")
        self.host = x11.tray_host(display).id
        self.connection.sync()

    def close(self) -> None:
        self.connection.close()

    def _drain(self) -> None:
        while self.connection.pending_events():
            self.connection.next_event()

    def reset(self) -> None:
        """Forget events from earlier launches."""
        self.connection.sync()
        self._drain()

    def _pid_of(self, window: Any) -> int | None:
        prop = window.get_full_property(self.pid_atom, Xatom.CARDINAL)
        return int(prop.value[0]) if prop and len(prop.value) else None

    def _docked(self, window: Any) -> bool:
        attributes = window.get_attributes()
        if attributes.map_state != X.IsViewable:
            return False
        geometry = window.get_geometry()
        if geometry.width <= 1 or geometry.height <= 1:
            return False
        current = window
        while True:
            parent = current.query_tree().parent
            if parent.id in (self.host, X.NONE) or parent.id == self.root.id:
                return bool(parent.id == self.host)
            current = parent

    def wait_docked(self, pid: int, alive: Callable[[], bool], timeout: float) -> float:
        """perf_counter() of the first moment the icon of `pid` is viewable inside the tray."""
        candidates: dict[int, Any] = {}
        deadline = time.perf_counter() + timeout
        fd = self.connection.fileno()
        while True:
            seen = time.perf_counter()
            while self.connection.pending_events():
                event = self.connection.next_event()
                seen = time.perf_counter()
                if event.type == X.ReparentNotify and event.window.id not in candidates:
                    window = event.window
                    try:
                        window.change_attributes(event_mask=X.StructureNotifyMask)
                        if self._pid_of(window) != pid:
                            continue
                    except xerror.XError:
                        continue
                    candidates[window.id] = window
            for window_id, window in list(candidates.items()):
                try:
                    if self._docked(window):
                        return seen
                except xerror.XError:
                    candidates.pop(window_id, None)  # destroyed meanwhile
            if seen > deadline or not alive():
                raise TimeoutError("the tray icon never docked")
            select.select([fd], [], [], WAKE_INTERVAL_S)


# --------------------------------------------------------------------------- app launches


@dataclass
class Launcher:
    name: str
    command: list[str]


def launchers() -> list[Launcher]:
    found = [Launcher("python -m focusapp", [sys.executable, "-m", "focusapp"])]
    script = shutil.which("focusapp", path=str(Path(sys.executable).parent)) or shutil.which(
        "focusapp"
    )
    if script:
        found.append(Launcher("focusapp (console script)", [script]))
    else:
        log("no installed `focusapp` console script found; timing `python -m focusapp` only")
    return found


class Bench:
    def __init__(self, display: str, work: Path, extra_env: dict[str, str]) -> None:
        self.display = display
        self.work = work
        self.extra_env = extra_env
        self.logs = work / "logs"
        self.watcher = DockWatcher(display)
        self.launches = 0

    def launch(self, launcher: Launcher, home: Path) -> tuple[x11.AppProcess, float]:
        """Starts the app and returns it with the seconds from Popen to its icon in the tray."""
        home.mkdir(parents=True, exist_ok=True)
        self.watcher.reset()
        self.launches += 1
        t0 = time.perf_counter()
        app = x11.AppProcess(
            home=home,
            log_dir=self.logs,
            name=f"app-{self.launches}",
            command=launcher.command,
            display=self.display,
            env=self.extra_env,
        )
        try:
            docked = self.watcher.wait_docked(app.pid, lambda: app.running, ICON_TIMEOUT_S)
        except TimeoutError:
            detail = app._output_tail()
            app.close()
            raise RuntimeError(
                f"{launcher.name}: no tray icon docked in {ICON_TIMEOUT_S:.0f} s. This needs an "
                "XEmbed tray such as trayer; on a StatusNotifierItem desktop (KDE, GNOME with an "
                f"extension) pass --own-display.\n{detail}"
            ) from None
        elapsed = docked - t0
        # Outside the timed part: the integration harness must agree the icon is in the tray.
        x11.find_tray_icon(pid=app.pid, timeout=10, display=self.display)
        return app, elapsed

    def stop(self, app: x11.AppProcess) -> None:
        code = app.close(grace=10)
        if code != 0:
            log(f"{app.name} exited with {code} after SIGTERM; see {app.stderr_path}")

    def cli(self, app: x11.AppProcess, argv: Sequence[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(argv), env=app.env, capture_output=True, text=True, timeout=30, check=False
        )


def measure_starts(bench: Bench, runs: int) -> tuple[dict[str, Any], list[Row], float]:
    results: dict[str, Any] = {}
    rows: list[Row] = []
    first: float | None = None
    for launcher in launchers():
        cold = Series()
        for i in range(runs):
            home = bench.work / "homes" / f"cold-{len(results)}-{i}"
            app, elapsed = bench.launch(launcher, home)
            bench.stop(app)
            if first is None:
                first = elapsed
            cold.samples.append(elapsed)
            log(f"{launcher.name}, fresh home {i + 1}/{runs}: {elapsed * 1000:.0f} ms")
        warm = Series()
        warm_home = bench.work / "homes" / f"warm-{len(results)}"
        app, _ = bench.launch(launcher, warm_home)  # creates config and database: not counted
        bench.stop(app)
        for i in range(runs):
            app, elapsed = bench.launch(launcher, warm_home)
            bench.stop(app)
            warm.samples.append(elapsed)
            log(f"{launcher.name}, same home {i + 1}/{runs}: {elapsed * 1000:.0f} ms")
        results[launcher.name] = {"fresh_home": cold.summary(), "same_home": warm.summary()}
        for label, series in (("fresh home", cold), ("same home", warm)):
            rows.append(
                Row(
                    f"start to tray, {launcher.name}, {label}, median",
                    series.median,
                    "s",
                    TARGET_START_S,
                )
            )
            rows.append(Row("  ... p90", series.p90, "s", TARGET_START_S))
            rows.append(Row("  ... min", series.min, "s"))
    assert first is not None
    rows.append(Row("first launch of this run (disk cache may be cold)", first, "s"))
    results["first_launch_s"] = round(first, 4)
    return results, rows, first


def thread_switches(process: psutil.Process) -> dict[str, int]:
    """Context switches per thread ("tid name"): a thread that polls shows up here.

    psutil's num_ctx_switches() counts the main thread only, so read every task's status.
    """
    counts: dict[str, int] = {}
    for task in Path(f"/proc/{process.pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            name = (task / "comm").read_text().strip()
            total = 0
            for line in (task / "status").read_text().splitlines():
                if "ctxt_switches:" in line:  # voluntary_ and nonvoluntary_
                    total += int(line.split()[-1])
            counts[f"{task.name} {name}"] = total
    if not counts:  # no /proc: the main thread is better than nothing
        counts["main"] = sum(process.num_ctx_switches())
    return counts


def cpu_window(process: psutil.Process, seconds: float) -> dict[str, Any]:
    before, switches0, t0 = process.cpu_times(), thread_switches(process), time.monotonic()
    time.sleep(seconds)
    after, switches1, t1 = process.cpu_times(), thread_switches(process), time.monotonic()
    elapsed = t1 - t0
    used = (after.user - before.user) + (after.system - before.system)
    per_thread = {
        thread: round((count - switches0.get(thread, 0)) / elapsed, 2)
        for thread, count in switches1.items()
    }
    return {
        "window_s": round(elapsed, 2),
        "cpu_s": round(used, 4),
        "cpu_s_per_min": round(used / elapsed * 60, 4),
        "wakeups_per_s": round(sum(per_thread.values()), 2),
        "wakeups_per_s_by_thread": dict(sorted(per_thread.items(), key=lambda kv: -kv[1])),
    }


def busiest(window: dict[str, Any]) -> str:
    by_thread: dict[str, float] = window["wakeups_per_s_by_thread"]
    thread, rate = next(iter(by_thread.items()))
    return f"{thread.split(' ', 1)[-1]} {rate:.2f}/s"


def memory_of(process: psutil.Process) -> dict[str, float]:
    mib = 1024 * 1024
    try:
        info = process.memory_full_info()
    except psutil.AccessDenied:
        info = process.memory_info()
    out = {"rss_mb": round(info.rss / mib, 1)}
    for name in ("uss", "pss", "swap"):
        if hasattr(info, name):
            out[f"{name}_mb"] = round(getattr(info, name) / mib, 1)
    out["threads"] = process.num_threads()
    return out


def measure_running(
    bench: Bench, launcher: Launcher, idle_seconds: float, status_runs: int
) -> tuple[dict[str, Any], list[Row]]:
    results: dict[str, Any] = {}
    rows: list[Row] = []
    app, _ = bench.launch(launcher, bench.work / "homes" / "resident")
    try:
        process = psutil.Process(app.pid)
        time.sleep(MEMORY_SETTLE_S)
        memory = memory_of(process)
        results["memory_after_start"] = memory
        rows.append(
            Row(f"RSS {MEMORY_SETTLE_S:.0f} s after the icon", memory["rss_mb"], "MB", 80.0)
        )
        for name in ("uss", "pss"):
            if f"{name}_mb" in memory:
                rows.append(Row(f"  ... {name.upper()}", memory[f"{name}_mb"], "MB"))

        if idle_seconds > 0:
            log(f"idle CPU, no session: {idle_seconds:.0f} s window")
            idle = cpu_window(process, idle_seconds)
            results["idle_no_session"] = idle
            rows.append(
                Row(
                    "CPU idle, no session",
                    idle["cpu_s_per_min"],
                    "s/min",
                    TARGET_IDLE_CPU_S_PER_MIN,
                )
            )
            rows.append(Row("  ... wakeups, all threads", idle["wakeups_per_s"], "/s"))
            rows.append(Row("  ... most wakeups", busiest(idle), ""))

            started = bench.cli(app, [*launcher.command, "start", "25"])
            if started.returncode != 0:
                raise RuntimeError(f"focusapp start 25 failed: {started.stderr}")
            log(f"idle CPU, focus session running: {idle_seconds:.0f} s window")
            busy = cpu_window(process, idle_seconds)
            results["idle_in_session"] = busy
            rows.append(
                Row(
                    "CPU idle, focus session running",
                    busy["cpu_s_per_min"],
                    "s/min",
                    TARGET_IDLE_CPU_S_PER_MIN,
                )
            )
            rows.append(Row("  ... wakeups, all threads", busy["wakeups_per_s"], "/s"))
            rows.append(Row("  ... most wakeups", busiest(busy), ""))
            results["memory_in_session"] = memory_of(process)
            rows.append(
                Row("RSS after the session window", results["memory_in_session"]["rss_mb"], "MB")
            )
            stopped = bench.cli(app, [*launcher.command, "stop"])
            if stopped.returncode != 0:
                raise RuntimeError(f"focusapp stop failed: {stopped.stderr}")

        status_results, status_rows = measure_status(bench, app, launcher, status_runs)
        results.update(status_results)
        rows.extend(status_rows)
    finally:
        bench.stop(app)
    return results, rows


def time_runs(bench: Bench, app: x11.AppProcess, argv: list[str], runs: int) -> Series:
    series = Series()
    bench.cli(app, argv)  # warm the page cache; not counted
    for _ in range(runs):
        t0 = time.perf_counter()
        result = subprocess.run(
            argv, env=app.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
        )
        series.samples.append(time.perf_counter() - t0)
        if result.returncode != 0:
            raise RuntimeError(f"{argv} exited {result.returncode}: {result.stderr!r}")
    return series


def measure_status(
    bench: Bench, app: x11.AppProcess, launcher: Launcher, runs: int
) -> tuple[dict[str, Any], list[Row]]:
    results: dict[str, Any] = {}
    rows: list[Row] = []
    commands = {
        "focusapp status (console script)": [*launchers()[-1].command, "status"],
        "python -m focusapp status": [sys.executable, "-m", "focusapp", "status"],
        "python -c pass (interpreter alone)": [sys.executable, "-c", "pass"],
        "python -I -S -c pass (no site)": [sys.executable, "-I", "-S", "-c", "pass"],
    }
    for label, argv in commands.items():
        series = time_runs(bench, app, argv, runs)
        results[label] = series.summary()
        target = TARGET_STATUS_S if "status" in label else None
        rows.append(Row(f"{label}, median", series.median, "s", target))
        rows.append(Row("  ... p90", series.p90, "s", target))

    probe = (
        "import sys, focusapp.cli\n"
        "code = focusapp.cli.main(['status'])\n"
        "print('PySide6' in sys.modules, code)\n"
    )
    checked = bench.cli(app, [sys.executable, "-c", probe])
    last = checked.stdout.strip().splitlines()[-1] if checked.stdout.strip() else ""
    qt_loaded, _, code = last.partition(" ")
    if code != "0":
        raise RuntimeError(f"the PySide6 probe failed: {checked.stdout!r} {checked.stderr!r}")
    results["cli_status_imports_pyside6"] = qt_loaded == "True"
    rows.append(
        Row("CLI status path imports PySide6", "yes" if qt_loaded == "True" else "no", "", "no")
    )

    importtime = import_profile(
        [sys.executable, "-X", "importtime", "-m", "focusapp", "status"], app.env
    )
    results["status_importtime"] = importtime
    return results, rows


# --------------------------------------------------------------------------- import profiles

_IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def import_profile(argv: list[str], env: dict[str, str], top: int = 12) -> dict[str, Any]:
    """`-X importtime` boiled down: total, the heaviest top-level imports, the heaviest modules."""
    result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60, check=False)
    entries = []
    for line in result.stderr.splitlines():
        match = _IMPORT_LINE.match(line)
        if match:
            self_us, cumulative_us, indent, name = match.groups()
            entries.append((name, int(self_us), int(cumulative_us), len(indent) // 2))
    top_level = [e for e in entries if e[3] == 0]
    return {
        "total_ms": round(sum(e[2] for e in top_level) / 1000, 1),
        "top_level_cumulative_ms": [
            (name, round(cum / 1000, 1))
            for name, _, cum, _ in sorted(top_level, key=lambda e: -e[2])[:top]
        ],
        "self_ms": [
            (name, round(own / 1000, 1))
            for name, own, _, _ in sorted(entries, key=lambda e: -e[1])[:top]
        ],
    }


def print_import_profile(title: str, profile: dict[str, Any]) -> None:
    print(f"\n{title}: {profile['total_ms']:.0f} ms of imports")
    print("  heaviest top-level imports (cumulative):")
    for name, ms in profile["top_level_cumulative_ms"]:
        print(f"    {ms:8.1f} ms  {name}")
    print("  heaviest single modules (self):")
    for name, ms in profile["self_ms"]:
        print(f"    {ms:8.1f} ms  {name}")


def app_import_profile(env: dict[str, str]) -> dict[str, Any]:
    return import_profile([sys.executable, "-X", "importtime", "-c", "import focusapp.app"], env)


# --------------------------------------------------------------------------- main


def environment() -> dict[str, Any]:
    import PySide6

    return {
        "python": sys.version.split()[0],
        "pyside6": PySide6.__version__,
        "cpus": os.cpu_count(),
        "loadavg_at_start": os.getloadavg(),
    }


def run(args: argparse.Namespace, display: str, extra_env: dict[str, str], work: Path) -> int:
    bench = Bench(display, work, extra_env)
    results: dict[str, Any] = {"environment": environment(), "display": display}
    rows: list[Row] = []
    try:
        start_results, start_rows, _ = measure_starts(bench, args.runs)
        results["start_to_tray"] = start_results
        rows.extend(start_rows)
        running, running_rows = measure_running(
            bench, launchers()[-1], args.idle_seconds, args.status_runs
        )
        results.update(running)
        rows.extend(running_rows)
        env = x11.app_env(work / "homes" / "profile", display, extra_env)
        results["app_importtime"] = app_import_profile(env)
    finally:
        bench.watcher.close()
    results["environment"]["loadavg_at_end"] = os.getloadavg()

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print()
    print_table(rows)
    over_start = any(r.verdict() == "over" and r.measure.startswith("start") for r in rows)
    over_status = any(r.verdict() == "over" and "status" in r.measure for r in rows)
    if over_start or args.profile:
        print_import_profile(
            "import focusapp.app (the app's start path)", results["app_importtime"]
        )
    if over_status or args.profile:
        print_import_profile("python -m focusapp status", results["status_importtime"])
    env_info = results["environment"]
    print(
        f"\nPython {env_info['python']}, PySide6 {env_info['pyside6']}, {env_info['cpus']} CPUs, "
        f"load {env_info['loadavg_at_start'][0]:.2f} at start, "
        f"{env_info['loadavg_at_end'][0]:.2f} at end; display {display}"
    )
    return 0


def on_a_desktop(
    parser: argparse.ArgumentParser,
    args: argparse.Namespace,
    prefix: str,
    run: Callable[[argparse.Namespace, str, dict[str, str], Path], int],
) -> int:
    """Runs `run(args, display, extra_env, work)` on the desktop in DISPLAY, or (without one, or
    with `--own-display`) on a private Xvfb, openbox and trayer started for it; `work` is a
    temporary folder that goes away afterwards."""
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        work = Path(folder)
        display = os.environ.get("DISPLAY")
        if display and not args.own_display:
            problem = x11.session_problem(display)
            if problem:
                parser.error(f"{problem}; unset DISPLAY or pass --own-display")
            log(f"using the desktop on {display}")
            return run(args, display, {}, work)
        with own_desktop(work / "desktop", with_dbus=not args.no_dbus) as added:
            log(f"started Xvfb, openbox and trayer on {added['DISPLAY']}")
            extra = {k: v for k, v in added.items() if k != "DISPLAY"}
            return run(args, added["DISPLAY"], extra, work)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=10, help="launches per launcher and home kind")
    parser.add_argument(
        "--idle-seconds", type=float, default=60.0, help="CPU window length; 0 skips CPU"
    )
    parser.add_argument("--status-runs", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument(
        "--own-display",
        action="store_true",
        help="start Xvfb+openbox+trayer even if DISPLAY is set",
    )
    parser.add_argument(
        "--no-dbus", action="store_true", help="own desktop without a D-Bus session bus"
    )
    parser.add_argument(
        "--profile", action="store_true", help="print import profiles even when on target"
    )
    args = parser.parse_args(argv)

    return on_a_desktop(parser, args, "focusapp-bench-app-", run)


if __name__ == "__main__":
    sys.exit(main())
