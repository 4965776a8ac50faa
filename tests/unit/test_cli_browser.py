"""`focusapp native-host` and `focusapp browser ...` as a user and a browser run them."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from focusapp import cli
from focusapp.bridge import browser_manifests
from focusapp.bridge.extension_identity import CHROMIUM_EXTENSION_ID
from focusapp.store.paths import AppPaths
from tests.unit.native_fakes import (
    REPO_ROOT,
    FakeApp,
    app_answering,
    frame,
    parse_frames,
    short_folder,
)

GET_POLICY = {"type": "get_policy", "id": 1}
OFFLINE_DEFAULT = {
    "metrics": {"hide": "always"},
    "session": None,
    "blocked_sites": [],
    "offline": True,
    "type": "get_policy",
    "ok": True,
    "id": 1,
}


@pytest.fixture
def short_runtime(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A runtime dir short enough for an AF_UNIX socket path."""
    with short_folder() as folder:
        runtime = folder / "run"
        runtime.mkdir(mode=0o700)
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
        yield runtime


def focusapp(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    done = subprocess.run(
        [sys.executable, "-m", "focusapp", *args],
        input=stdin,
        capture_output=True,
        timeout=30,
        cwd=REPO_ROOT,
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode()
    return done


def test_native_host_answers_offline_from_the_command(short_runtime: Path) -> None:
    done = focusapp("native-host", stdin=frame(GET_POLICY))
    assert done.returncode == 0
    assert parse_frames(done.stdout) == [OFFLINE_DEFAULT]


def test_native_host_relays_to_the_app_and_caches_where_the_app_expects(
    short_runtime: Path,
) -> None:
    paths = AppPaths.from_environment()
    paths.ensure()
    policy = {"metrics": {"hide": "never"}, "session": None, "blocked_sites": ["x.com"]}
    with FakeApp(paths.socket_path, app_answering({"browser.get_policy": policy})):
        done = focusapp(
            "native-host", f"chrome-extension://{CHROMIUM_EXTENSION_ID}/", stdin=frame(GET_POLICY)
        )
    assert parse_frames(done.stdout) == [
        {**policy, "offline": False, "type": "get_policy", "ok": True, "id": 1}
    ]
    assert json.loads(paths.native_cache_file.read_text())["policy"] == policy


def test_native_host_takes_chromes_windows_arguments_in_any_order(short_runtime: Path) -> None:
    origin = f"chrome-extension://{CHROMIUM_EXTENSION_ID}/"
    for args in ([origin, "--parent-window=0"], ["--parent-window=0", origin]):
        done = focusapp("native-host", *args, stdin=frame(GET_POLICY))
        assert (done.returncode, parse_frames(done.stdout)) == (0, [OFFLINE_DEFAULT])


def test_native_host_refuses_another_extension(short_runtime: Path) -> None:
    done = focusapp("native-host", "chrome-extension://" + "c" * 32 + "/", stdin=frame(GET_POLICY))
    assert (done.returncode, done.stdout) == (1, b"")
    assert b"refusing" in done.stderr


def test_native_host_loads_no_qt_and_prints_its_first_reply_latency(short_runtime: Path) -> None:
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-X", "importtime", "-m", "focusapp", "native-host"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO_ROOT,
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(frame(GET_POLICY))
    process.stdin.flush()
    (length,) = struct.unpack("=I", process.stdout.read(4))
    assert json.loads(process.stdout.read(length)) == OFFLINE_DEFAULT
    latency_ms = (time.perf_counter() - started) * 1000
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0
    assert b"PySide6" not in stderr and b"shiboken6" not in stderr
    print(f"`focusapp native-host` first reply after {latency_ms:.0f} ms (with -X importtime)")


def test_browser_install_then_the_launcher_runs_the_host(
    tmp_path: Path, short_runtime: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    done = focusapp("browser", "install", "--browser", "firefox")
    assert done.returncode == 0, done.stderr
    manifest_file = home / ".mozilla/native-messaging-hosts/org.focusapp.native.json"
    assert manifest_file.name.encode() in done.stdout
    manifest = json.loads(manifest_file.read_text())
    launcher = Path(manifest["path"])
    assert launcher == AppPaths.from_environment().data_dir / "native-host/focusapp-native-host"

    # What Firefox does: run the manifest's path with the manifest and the extension id.
    host = subprocess.run(
        [str(launcher), str(manifest_file), "focusapp@focusapp.org"],
        input=frame(GET_POLICY),
        capture_output=True,
        timeout=30,
        cwd=launcher.parent,
        # This checkout, however Focusapp happens to be installed in the test environment.
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    assert host.returncode == 0, host.stderr
    assert parse_frames(host.stdout) == [OFFLINE_DEFAULT]

    done = focusapp("browser", "uninstall")
    assert done.returncode == 0
    assert not manifest_file.exists() and not launcher.exists()


def test_browser_rejects_an_unknown_browser_name() -> None:
    done = focusapp("browser", "install", "--browser", "netscape")
    assert done.returncode == 2


def test_browser_path_prints_the_extension_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "firefox").mkdir()
    monkeypatch.setattr(browser_manifests, "extension_folder", lambda: tmp_path)
    assert cli.main(["browser", "path", "--browser", "firefox"]) == 0
    assert capsys.readouterr().out == f"{tmp_path / 'firefox'}\n"
    assert cli.main(["browser", "path"]) == 1
    assert "no chromium extension" in capsys.readouterr().err


def test_help_lists_the_browser_commands() -> None:
    done = focusapp("--help")
    assert done.returncode == 0
    assert b"browser" in done.stdout and b"native-host" in done.stdout
