"""Benchmark: how fast a browser gets the native host's first reply, launch included.

Runs the real command `--runs` times (default 20) and prints median and p95 of the time from
`Popen` to the first complete reply frame, for a `get_policy` sent right after launch:

- offline: no app listening, so the host answers from its cache or default;
- relayed: a stand-in app (a Unix socket in this process, answering the IPC protocol) gives the
  policy, so the time includes one round trip over the local socket.

The command is `python -m focusapp native-host` once the CLI knows it, else
`python -m focusapp.bridge.native_host` with its files named. `python -c pass` and
`python -I -S -c pass` are timed too, for scale. The target is a first reply within 150 ms.

    python tests/perf/bench_native_host.py [--runs 20] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    # Run as a file: make `tests.unit` importable from the repository root.
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.unit.native_fakes import FakeApp, app_answering, frame

REPO_ROOT = Path(__file__).resolve().parents[2]
TARGET_MS = 150.0
POLICY = {"metrics": {"hide": "always"}, "session": None, "blocked_sites": ["tiktok.com"]}


def first_reply_ms(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=REPO_ROOT,
        env=env,
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(frame({"type": "get_policy", "id": 1}))
    process.stdin.flush()
    header = process.stdout.read(4)
    if len(header) != 4:
        raise RuntimeError(f"no reply from {' '.join(command)}")
    (length,) = struct.unpack("=I", header)
    reply = json.loads(process.stdout.read(length))
    elapsed = (time.perf_counter() - started) * 1000
    process.stdin.close()
    process.wait(timeout=10)
    if reply.get("ok") is not True:
        raise RuntimeError(f"unexpected reply {reply}")
    return elapsed


def plain_ms(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True)
    return (time.perf_counter() - started) * 1000


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": statistics.median(ordered), "p95_ms": p95, "min_ms": ordered[0]}


def host_command(env: dict[str, str], folder: Path) -> tuple[list[str], str]:
    wired = subprocess.run(
        [sys.executable, "-m", "focusapp", "native-host"],
        input=b"",
        capture_output=True,
        cwd=REPO_ROOT,
        env=env,
    )
    if wired.returncode == 0:
        return [sys.executable, "-m", "focusapp", "native-host"], "python -m focusapp native-host"
    module = [
        sys.executable,
        "-m",
        "focusapp.bridge.native_host",
        f"--socket={folder / 'runtime/focusapp/ipc.sock'}",
        f"--cache={folder / 'state/focusapp/native-host-cache.json'}",
        f"--spool={folder / 'state/focusapp/native-host-spool.jsonl'}",
    ]
    return module, "python -m focusapp.bridge.native_host"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    options = parser.parse_args()

    # Short folder: the socket path must fit in an AF_UNIX address.
    with tempfile.TemporaryDirectory(prefix="fa-bench-", dir="/tmp") as temporary:
        folder = Path(temporary)
        env = dict(os.environ)
        for variable, name in (
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_DATA_HOME", "data"),
            ("XDG_STATE_HOME", "state"),
            ("XDG_RUNTIME_DIR", "runtime"),
        ):
            (folder / name).mkdir(mode=0o700)
            env[variable] = str(folder / name)
        (folder / "runtime/focusapp").mkdir(mode=0o700)
        command, label = host_command(env, folder)
        print(f"command: {label}, {options.runs} launches each", file=sys.stderr)

        first_reply_ms(command, env)  # warm the disk cache and compiled bytecode
        results: dict[str, Any] = {"command": label}
        results["offline"] = summary([first_reply_ms(command, env) for _ in range(options.runs)])
        socket_path = folder / "runtime/focusapp/ipc.sock"
        with FakeApp(socket_path, app_answering({"browser.get_policy": POLICY})):
            relayed = [first_reply_ms(command, env) for _ in range(options.runs)]
        results["relayed"] = summary(relayed)
        results["python -c pass"] = summary(
            [plain_ms([sys.executable, "-c", "pass"]) for _ in range(options.runs)]
        )
        results["python -I -S -c pass"] = summary(
            [plain_ms([sys.executable, "-I", "-S", "-c", "pass"]) for _ in range(options.runs)]
        )

    if options.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'measure':<24}{'median':>10}{'p95':>10}{'min':>10}  target {TARGET_MS:g} ms")
    for name, numbers in results.items():
        if name == "command":
            continue
        verdict = ""
        if name in ("offline", "relayed"):
            verdict = "ok" if numbers["p95_ms"] <= TARGET_MS else "over"
        print(
            f"{name:<24}{numbers['median_ms']:>8.1f}ms{numbers['p95_ms']:>8.1f}ms"
            f"{numbers['min_ms']:>8.1f}ms  {verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
