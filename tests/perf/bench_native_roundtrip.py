"""Benchmark: native-messaging round trips with the host already running and the real app behind.

The real app (`python -m focusapp`, a focus session of a profile that blocks tiktok.com running,
journal notes off) answers three ways, each timed per message, one message in flight at a time:

- browser: the full path. Chromium (Debian's, through Playwright) with the unpacked extension and
  the host registered by `focusapp browser install --browser chromium` in the app's home; in the
  extension's service worker, the extension's own `ask()` (port.postMessage to the host Chromium
  started, host to the app's socket and back) is timed with `performance.now()`;
- host: a long-lived `python -m focusapp native-host <extension origin>` on pipes, as a browser
  runs it; time from writing a frame to reading its whole reply;
- app: `ipc_client.request` straight to the app's socket, the host's relay without the host:
  what the app and the local socket cost on their own.

Messages: `hello` (the app answers a constant), `get_policy` (the app computes the policy; the
host also rewrites its cache file), `activity` (the app credits site time and writes it to SQLite).
`--count` of each (default 300) after 20 unmeasured; p50, p95, p99 and max. The target is a p95
under 20 ms for the browser path.

It needs an X display with a tray for the app: DISPLAY if set (and usable), otherwise it starts
its own Xvfb, openbox, trayer and D-Bus, as `bench_app.py` does (`--own-display` forces that).

    python tests/perf/bench_native_roundtrip.py [--count 300] [--json] [--own-display]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    # Run as a file: make `tests` importable from the repository root.
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from focusapp.bridge import ipc_client
from focusapp.bridge.extension_identity import HOST_NAME, chromium_origin
from focusapp.bridge.protocol import IpcError
from tests.browser.conftest import FLAGS, chromium_executable
from tests.integration import x11
from tests.perf.bench_app import log, own_desktop
from tests.perf.bench_attention import percentile
from tests.unit.native_fakes import frame

TARGET_P95_MS = 20.0
WARMUP = 20
PROFILE = "Deep work"
CONFIG = f"""\
[journal]
notes = "off"

[[profiles]]
name = "{PROFILE}"
block_sites = ["tiktok.com"]
"""
MESSAGES: dict[str, dict[str, Any]] = {
    "hello": {"type": "hello", "version": 1, "extension": "0.1.0"},
    "get_policy": {"type": "get_policy"},
    "activity": {
        "type": "activity",
        "site": "x.com",
        "page_kind": "feed",
        "active": True,
        "seconds": 0.01,
    },
}
# In the service worker: the extension's own `ask`, timed; a reply that is not ok, or offline
# (the app was not reached), makes the whole measure fail rather than count as fast.
TIME_ASK = """async ([message, warmup, count]) => {
  const times = [];
  for (let i = 0; i < warmup + count; i++) {
    const started = performance.now();
    const reply = await ask(message);
    const took = performance.now() - started;
    if (!reply?.ok || reply.offline) throw new Error(`no app: ${JSON.stringify(reply)}`);
    if (i >= warmup) times.push(took);
  }
  return times;
}"""


def summary(samples: list[float]) -> dict[str, float]:
    return {
        "n": len(samples),
        "p50_ms": percentile(samples, 0.50),
        "p95_ms": percentile(samples, 0.95),
        "p99_ms": percentile(samples, 0.99),
        "max_ms": max(samples),
    }


def cli(app: x11.AppProcess, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "focusapp", *args],
        env=app.env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"focusapp {' '.join(args)} failed: {done.stderr}")
    return done.stdout


def through_the_app(socket: Path, count: int) -> dict[str, list[float]]:
    results = {}
    for name, message in MESSAGES.items():
        times = []
        for i in range(WARMUP + count):
            started = time.perf_counter()
            ipc_client.request(socket, f"browser.{name}", message, timeout_s=5)
            if i >= WARMUP:
                times.append((time.perf_counter() - started) * 1000)
        results[name] = times
    return results


def through_the_host(app: x11.AppProcess, count: int) -> dict[str, list[float]]:
    host = subprocess.Popen(
        [sys.executable, "-m", "focusapp", "native-host", chromium_origin()],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=app.env,
    )
    assert host.stdin is not None and host.stdout is not None
    results = {}
    try:
        for name, message in MESSAGES.items():
            times = []
            for i in range(WARMUP + count):
                data = frame({**message, "id": i})
                started = time.perf_counter()
                host.stdin.write(data)
                host.stdin.flush()
                (length,) = struct.unpack("=I", host.stdout.read(4))
                reply = json.loads(host.stdout.read(length))
                took = (time.perf_counter() - started) * 1000
                if not reply.get("ok") or reply.get("offline"):
                    raise RuntimeError(f"the host did not reach the app: {reply}")
                if i >= WARMUP:
                    times.append(took)
            results[name] = times
    finally:
        host.stdin.close()
        host.wait(10)
    return results


def through_the_browser(app: x11.AppProcess, count: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    cli(app, "browser", "install", "--browser", "chromium")
    profile = Path(app.env["XDG_CONFIG_HOME"]) / "chromium"
    assert (profile / "NativeMessagingHosts" / f"{HOST_NAME}.json").is_file()
    unpacked = cli(app, "browser", "path", "--browser", "chromium").strip()
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=chromium_executable(),
            headless=False,  # `--headless=new` is in FLAGS; Playwright's own drops extensions
            args=[
                *FLAGS,
                f"--disable-extensions-except={unpacked}",
                f"--load-extension={unpacked}",
            ],
            env=app.env,
        )
        context.route(re.compile(r"^https?://"), lambda route: route.abort())
        try:
            workers = context.service_workers
            worker = workers[0] if workers else context.wait_for_event("serviceworker")
            deadline = time.monotonic() + 30
            while True:
                policy = worker.evaluate("chrome.storage.local.get('policy')").get("policy")
                if policy and policy.get("offline") is False:
                    break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the extension never reached the app: {policy}")
                time.sleep(0.2)
            return {
                name: worker.evaluate(TIME_ASK, [message, WARMUP, count])
                for name, message in MESSAGES.items()
            }
        finally:
            context.close()


def run(args: argparse.Namespace, display: str, extra_env: dict[str, str], work: Path) -> int:
    home = work / "home"
    (home / ".config" / "focusapp").mkdir(parents=True)
    (home / ".config" / "focusapp" / "config.toml").write_text(CONFIG)
    results: dict[str, Any] = {"load_average_at_start": os.getloadavg(), "cpus": os.cpu_count()}
    with x11.AppProcess(home=home, log_dir=work, display=display, env=extra_env) as app:
        socket = Path(app.env["XDG_RUNTIME_DIR"]) / "focusapp" / "ipc.sock"

        def answering() -> bool | None:
            if not app.running:
                raise RuntimeError(f"the app exited: {app.stderr()[-2000:]}")
            try:
                return bool(ipc_client.request(socket, "status", timeout_s=2))
            except IpcError:
                return None

        x11.wait_until(answering, 30, "the app answering on its socket")
        cli(app, "start", "120", "--profile", PROFILE)
        paths: dict[str, dict[str, list[float]]] = {}
        log(f"app socket, {args.count} of each message")
        paths["app"] = through_the_app(socket, args.count)
        log("host on pipes")
        paths["host"] = through_the_host(app, args.count)
        log("browser: extension -> host -> app")
        paths["browser"] = through_the_browser(app, args.count)
        if not app.running:
            raise RuntimeError(f"the app died: {app.stderr()[-2000:]}")
    results["load_average_at_end"] = os.getloadavg()
    results["paths"] = {
        path: {name: summary(times) for name, times in kinds.items()}
        for path, kinds in paths.items()
    }
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'path':<9}{'message':<12}{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}")
    for path in ("browser", "host", "app"):
        for name, s in results["paths"][path].items():
            verdict = ""
            if path == "browser":
                verdict = "  ok" if s["p95_ms"] < TARGET_P95_MS else "  over"
            print(
                f"{path:<9}{name:<12}{s['p50_ms']:>7.2f}ms{s['p95_ms']:>7.2f}ms"
                f"{s['p99_ms']:>7.2f}ms{s['max_ms']:>7.2f}ms{verdict}"
            )
    start, end = results["load_average_at_start"], results["load_average_at_end"]
    print(
        f"\n{args.count} of each after {WARMUP} unmeasured; target p95 < {TARGET_P95_MS:g} ms "
        f"(browser path); {results['cpus']} CPUs, load {start[0]:.2f} at start, {end[0]:.2f} at end"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=300, help="timed messages of each kind")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--own-display", action="store_true", help="even if DISPLAY is set")
    args = parser.parse_args(argv)
    # Short: the app's socket path must fit in an AF_UNIX address.
    with tempfile.TemporaryDirectory(prefix="fa-rt-", dir="/tmp") as folder:
        work = Path(folder)
        display = os.environ.get("DISPLAY")
        if display and not args.own_display:
            problem = x11.session_problem(display)
            if problem:
                parser.error(f"{problem}; unset DISPLAY or pass --own-display")
            return run(args, display, {}, work)
        with own_desktop(work / "desktop", with_dbus=True) as added:
            log(f"started Xvfb, openbox and trayer on {added['DISPLAY']}")
            extra = {k: v for k, v in added.items() if k != "DISPLAY"}
            return run(args, added["DISPLAY"], extra, work)


if __name__ == "__main__":
    sys.exit(main())
