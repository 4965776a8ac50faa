"""The local socket for real: a QLocalServer in a temp folder, clients in threads and processes.

The server lives in the test's event loop, so every client runs in a worker thread (or another
process) while `qtbot.waitUntil` keeps the loop turning.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import psutil
import pytest

from focusapp.bridge import ipc_client
from focusapp.bridge.ipc_server import IpcError, IpcServer
from focusapp.bridge.protocol import (
    MAX_LINE_BYTES,
    AppNotRunning,
    IpcTimeout,
    RemoteError,
    encode_request,
)
from focusapp.bridge.single_instance import InstanceGuard
from focusapp.core.errors import InvalidRequest, Refused

T = TypeVar("T")
REPO_ROOT = Path(__file__).resolve().parents[2]


# -- fixtures and helpers ----------------------------------------------------------------------


@pytest.fixture
def run_dir() -> Iterator[Path]:
    """A short folder: AF_UNIX paths are limited to ~100 bytes, pytest's tmp_path can be longer."""
    base = Path(tempfile.mkdtemp(prefix="fa-ipc-"))
    yield base / "run"
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def socket_path(run_dir: Path) -> Path:
    return run_dir / "ipc.sock"


def status_handler(cmd: str, args: dict[str, Any]) -> dict[str, Any]:
    if cmd == "status":
        return {"state": "idle", "profile": None, "strict": False}
    if cmd == "echo":
        return {"args": args}
    raise InvalidRequest(f"Unknown command {cmd}.")


@pytest.fixture
def make_server(qtbot: Any, socket_path: Path) -> Iterator[Callable[..., IpcServer]]:
    servers: list[IpcServer] = []

    def make(
        handler: Callable[[str, dict[str, Any]], dict[str, Any]] = status_handler, **kw: Any
    ) -> IpcServer:
        server = IpcServer(socket_path, handler, **kw)
        server.listen()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.close()


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=32) as executor:
        yield executor


def wait_for(qtbot: Any, future: Future[T], timeout_ms: int = 5000) -> T:
    qtbot.waitUntil(future.done, timeout=timeout_ms)
    return future.result()


def status(qtbot: Any, pool: ThreadPoolExecutor, path: Path) -> str:
    """The server's answer to `status`, asked by the real client from a worker thread."""
    state: str = wait_for(qtbot, pool.submit(ipc_client.request, path, "status"))["state"]
    return state


def connect(path: Path, timeout_s: float = 5.0) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout_s)
    sock.connect(str(path))
    return sock


def read_lines(sock: socket.socket, count: int) -> list[dict[str, Any]]:
    data = b""
    while data.count(b"\n") < count:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return [json.loads(raw) for raw in data.splitlines()]


def exchange(path: Path, payload: bytes, answers: int = 1) -> list[dict[str, Any]]:
    with connect(path) as sock:
        sock.sendall(payload)
        return read_lines(sock, answers)


def wait_until_closed(sock: socket.socket) -> bytes:
    """Everything the server still sends, until it hangs up."""
    data = b""
    try:
        while chunk := sock.recv(65536):
            data += chunk
    except ConnectionResetError:
        # Hanging up on unread input resets the connection; what was sent before still arrives.
        pass
    return data


# -- requests and answers ----------------------------------------------------------------------


def test_status_round_trip(qtbot: Any, make_server: Any, socket_path: Path, pool: Any) -> None:
    server = make_server()
    with qtbot.waitSignal(server.request_handled) as handled:
        result = wait_for(qtbot, pool.submit(ipc_client.request, socket_path, "status"))
    assert result == {"state": "idle", "profile": None, "strict": False}
    assert handled.args == ["status"]


def test_arguments_reach_the_handler(
    qtbot: Any, make_server: Any, socket_path: Path, pool: Any
) -> None:
    make_server()
    args = {"minutes": 25, "profile": "Deep work", "sites": ["x.com"]}
    result = wait_for(qtbot, pool.submit(ipc_client.request, socket_path, "echo", args))
    assert result == {"args": args}


def test_several_requests_on_one_connection_are_answered_in_order(
    qtbot: Any, make_server: Any, socket_path: Path, pool: Any
) -> None:
    make_server()
    payload = b"".join(encode_request("echo", {"n": n}, id=n) for n in range(5))
    answers = wait_for(qtbot, pool.submit(exchange, socket_path, payload, 5))
    assert [(a["id"], a["result"]["args"]["n"]) for a in answers] == [(n, n) for n in range(5)]


def test_a_request_split_across_writes_is_put_back_together(
    qtbot: Any, make_server: Any, socket_path: Path, pool: Any
) -> None:
    make_server()
    line = encode_request("status", {}, id="split")

    def dribble() -> list[dict[str, Any]]:
        with connect(socket_path) as sock:
            for i in range(0, len(line), 7):
                sock.sendall(line[i : i + 7])
                time.sleep(0.005)
            return read_lines(sock, 1)

    [answer] = wait_for(qtbot, pool.submit(dribble))
    assert answer["ok"] and answer["id"] == "split"


def test_invalid_json_gets_an_error_answer_and_the_next_client_is_served(
    qtbot: Any, make_server: Any, socket_path: Path, pool: Any
) -> None:
    make_server()
    [answer] = wait_for(qtbot, pool.submit(exchange, socket_path, b"{not json\n"))
    assert answer["v"] == 1
    assert answer["id"] is None
    assert answer["ok"] is False
    assert answer["error"]["code"] == "usage"
    assert "JSON" in answer["error"]["message"]
    assert status(qtbot, pool, socket_path) == "idle"


def test_a_broken_line_does_not_spoil_the_rest_of_the_connection(
    qtbot: Any, make_server: Any, socket_path: Path, pool: Any
) -> None:
    make_server()
    payload = b"\xff\xfe garbage\n" + encode_request("status", {}, id=2)
    first, second = wait_for(qtbot, pool.submit(exchange, socket_path, payload, 2))
    assert first["ok"] is False and "UTF-8" in first["error"]["message"]
    assert second["ok"] is True and second["id"] == 2


def test_wrong_version_is_answered_with_a_version_error(
    qtbot: Any, make_server: Any, socket_path: Path, pool: Any
) -> None:
    make_server()
    payload = json.dumps({"v": 2, "id": "new-cli", "cmd": "status", "args": {}}).encode() + b"\n"
    [answer] = wait_for(qtbot, pool.submit(exchange, socket_path, payload))
    assert answer["id"] == "new-cli"
    assert answer["error"]["code"] == "version"
    assert "version 1" in answer["error"]["message"]


def test_handler_refusal_reaches_the_client_as_refused(
    qtbot: Any, make_server: Any, socket_path: Path, pool: Any
) -> None:
    def strict(cmd: str, args: dict[str, Any]) -> dict[str, Any]:
        raise Refused("This is a strict session; it ends at 11:25.")

    make_server(strict)
    with pytest.raises(RemoteError) as caught:
        wait_for(qtbot, pool.submit(ipc_client.request, socket_path, "stop"))
    assert caught.value.code == "refused"
    assert caught.value.message == "This is a strict session; it ends at 11:25."
    assert caught.value.exit_status == 4


def test_handler_crash_is_a_generic_error_and_the_server_keeps_serving(
    qtbot: Any, make_server: Any, socket_path: Path, pool: Any, caplog: Any
) -> None:
    calls: list[str] = []

    def fragile(cmd: str, args: dict[str, Any]) -> dict[str, Any]:
        calls.append(cmd)
        if cmd == "usage":
            raise ValueError("secret internal detail")
        return {"state": "idle"}

    make_server(fragile)
    with pytest.raises(RemoteError) as caught:
        wait_for(qtbot, pool.submit(ipc_client.request, socket_path, "usage"))
    assert caught.value.code == "error"
    assert "secret" not in caught.value.message
    assert "secret internal detail" in caplog.text
    assert wait_for(qtbot, pool.submit(ipc_client.request, socket_path, "status")) == {
        "state": "idle"
    }
    assert calls == ["usage", "status"]


def test_a_result_that_is_not_json_becomes_an_error_answer(
    qtbot: Any, make_server: Any, socket_path: Path, pool: Any
) -> None:
    make_server(lambda cmd, args: {"when": object()})
    with pytest.raises(RemoteError) as caught:
        wait_for(qtbot, pool.submit(ipc_client.request, socket_path, "status"))
    assert caught.value.code == "error"


def test_many_clients_at_once_are_all_served(
    qtbot: Any, make_server: Any, socket_path: Path, pool: Any
) -> None:
    make_server()
    barrier = threading.Barrier(24)

    def ask(n: int) -> dict[str, Any]:
        barrier.wait(timeout=5)
        return ipc_client.request(socket_path, "echo", {"n": n}, timeout_s=5)

    futures = [pool.submit(ask, n) for n in range(24)]
    qtbot.waitUntil(lambda: all(f.done() for f in futures), timeout=8000)
    assert sorted(f.result()["args"]["n"] for f in futures) == list(range(24))


def test_clients_beyond_the_connection_limit_are_told_busy(
    qtbot: Any, make_server: Any, socket_path: Path, pool: Any
) -> None:
    server = make_server(max_connections=1)
    with connect(socket_path):
        qtbot.waitUntil(lambda: server.connection_count == 1)
        with pytest.raises(RemoteError) as caught:
            wait_for(qtbot, pool.submit(ipc_client.request, socket_path, "status"))
    assert caught.value.code == "busy"
    qtbot.waitUntil(lambda: server.connection_count == 0)
    assert status(qtbot, pool, socket_path) == "idle"


# -- hostile and broken clients ----------------------------------------------------------------


def test_a_ten_megabyte_line_is_refused_without_buffering_it_or_blocking_others(
    qtbot: Any, make_server: Any, socket_path: Path, pool: Any
) -> None:
    server = make_server()
    process = psutil.Process()
    rss_before = process.memory_info().rss
    chunk = b"x" * 65536
    target = 10 * 1024 * 1024
    flood_started = threading.Event()

    def flood() -> tuple[int, bytes]:
        sent = 0
        with connect(socket_path) as sock:
            sock.sendall(b'{"v": 1, "id": 1, "cmd": "status", "args": {"pad": "')
            try:
                while sent < target:
                    sent += sock.send(chunk)
                    flood_started.set()
            except (BrokenPipeError, ConnectionResetError):
                pass
            flood_started.set()
            return sent, wait_until_closed(sock)

    flooding = pool.submit(flood)
    assert flood_started.wait(5)
    meanwhile = pool.submit(ipc_client.request, socket_path, "status")
    assert wait_for(qtbot, meanwhile)["state"] == "idle"
    sent, answer = wait_for(qtbot, flooding)

    # The server hung up long before the client could push 10 MB through the socket buffers.
    assert sent < 2 * 1024 * 1024
    [refusal] = [json.loads(raw) for raw in answer.splitlines()]
    assert refusal["error"]["code"] == "usage"
    assert str(MAX_LINE_BYTES) in refusal["error"]["message"]
    assert process.memory_info().rss - rss_before < 6 * 1024 * 1024
    qtbot.waitUntil(lambda: server.connection_count == 0)


def test_a_silent_client_is_dropped_after_the_timeout_while_another_is_served(
    qtbot: Any, make_server: Any, socket_path: Path, pool: Any
) -> None:
    server = make_server(idle_timeout_ms=1000)

    def stay_silent() -> tuple[float, bytes]:
        with connect(socket_path) as sock:
            started = time.monotonic()
            data = wait_until_closed(sock)
            return time.monotonic() - started, data

    silent = pool.submit(stay_silent)
    qtbot.waitUntil(lambda: server.connection_count == 1)
    assert status(qtbot, pool, socket_path) == "idle"
    assert not silent.done()
    waited, data = wait_for(qtbot, silent)
    assert 0.8 <= waited < 4
    assert data == b""
    assert server.connection_count == 0


def test_a_client_that_stops_halfway_through_a_line_is_dropped(
    qtbot: Any, make_server: Any, socket_path: Path, pool: Any
) -> None:
    server = make_server(idle_timeout_ms=200)

    def half_line() -> bytes:
        with connect(socket_path) as sock:
            sock.sendall(b'{"v": 1, "id": 1, "cmd": "sta')
            return wait_until_closed(sock)

    assert wait_for(qtbot, pool.submit(half_line)) == b""
    assert server.connection_count == 0


# -- the socket file and its folder ------------------------------------------------------------


def test_socket_folder_is_private_and_socket_is_owner_only(
    make_server: Any, run_dir: Path, socket_path: Path
) -> None:
    run_dir.mkdir(mode=0o755)
    os.chmod(run_dir, 0o755)
    make_server()
    assert stat.S_IMODE(os.stat(run_dir).st_mode) == 0o700
    assert stat.S_ISSOCK(os.stat(socket_path).st_mode)
    assert stat.S_IMODE(os.stat(socket_path).st_mode) & 0o077 == 0


def test_missing_socket_folder_is_created_private(make_server: Any, run_dir: Path) -> None:
    assert not run_dir.exists()
    make_server()
    assert stat.S_IMODE(os.stat(run_dir).st_mode) == 0o700


def test_a_second_server_refuses_to_take_a_live_socket(
    qtbot: Any, make_server: Any, socket_path: Path, pool: Any
) -> None:
    make_server()
    with pytest.raises(IpcError, match="already listening"):
        IpcServer(socket_path, status_handler).listen()
    assert status(qtbot, pool, socket_path) == "idle"


def test_a_regular_file_in_the_socket_place_is_never_deleted(
    run_dir: Path, socket_path: Path
) -> None:
    run_dir.mkdir(mode=0o700)
    socket_path.write_text("keep me")
    with pytest.raises(IpcError, match="not a socket"):
        IpcServer(socket_path, status_handler).listen()
    assert socket_path.read_text() == "keep me"


def test_stale_socket_from_a_killed_server_is_taken_over(
    qtbot: Any, make_server: Any, socket_path: Path, pool: Any, tmp_path: Path
) -> None:
    serving = spawn(tmp_path, "serve", socket_path.parent / "lock", socket_path)
    try:
        assert serving.stdout is not None
        assert serving.stdout.readline().strip() == "listening"
        assert wait_for(qtbot, pool.submit(ipc_client.request, socket_path, "status")) == {
            "served_by": serving.pid
        }
    finally:
        serving.send_signal(signal.SIGKILL)
        serving.communicate(timeout=10)
    assert stat.S_ISSOCK(os.stat(socket_path).st_mode), "SIGKILL leaves the socket file behind"
    with pytest.raises(AppNotRunning):
        ipc_client.request(socket_path, "status")

    make_server()
    assert status(qtbot, pool, socket_path) == "idle"


# -- the client on its own ---------------------------------------------------------------------


def test_client_without_a_socket_file_reports_app_not_running(socket_path: Path) -> None:
    with pytest.raises(AppNotRunning):
        ipc_client.request(socket_path, "status")


def test_client_on_a_dead_socket_reports_app_not_running(run_dir: Path, socket_path: Path) -> None:
    run_dir.mkdir()
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(socket_path))
    dead.close()
    with pytest.raises(AppNotRunning):
        ipc_client.request(socket_path, "status")


def test_client_gives_up_on_a_server_that_never_answers(run_dir: Path, socket_path: Path) -> None:
    run_dir.mkdir()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as mute:
        mute.bind(str(socket_path))
        mute.listen(1)
        started = time.monotonic()
        with pytest.raises(IpcTimeout):
            ipc_client.request(socket_path, "status", timeout_s=0.3)
        assert time.monotonic() - started < 2


def test_client_rejects_an_answer_that_is_not_the_protocol(
    run_dir: Path, socket_path: Path
) -> None:
    run_dir.mkdir()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as liar:
        liar.bind(str(socket_path))
        liar.listen(1)

        def answer_nonsense() -> None:
            conn, _ = liar.accept()
            with conn:
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\n")

        thread = threading.Thread(target=answer_nonsense)
        thread.start()
        with pytest.raises(IpcError, match="not valid JSON"):
            ipc_client.request(socket_path, "status", timeout_s=3)
        thread.join()


def test_qt_fallback_client_speaks_to_the_same_server(
    qtbot: Any, make_server: Any, socket_path: Path
) -> None:
    # The Windows path (QLocalSocket with blocking waits), exercised here against the real server.
    # It runs in its own process, as the CLI does: PySide keeps the GIL during waitForReadyRead,
    # so a client thread would starve this test's event loop.
    make_server()
    code = (
        "import sys; from pathlib import Path; from focusapp.bridge import ipc_client;"
        "from focusapp.bridge.protocol import encode_request;"
        "line = encode_request('status', {}, id='qt');"
        "sys.stdout.buffer.write(ipc_client._exchange_qt(Path(sys.argv[1]), line, 5.0))"
    )
    client = subprocess.Popen(
        [sys.executable, "-c", code, str(socket_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)),
    )
    try:
        qtbot.waitUntil(lambda: client.poll() is not None, timeout=10000)
    finally:
        if client.poll() is None:
            client.kill()
        out, err = client.communicate()
    assert client.returncode == 0, err.decode()
    assert json.loads(out) == {
        "v": 1,
        "id": "qt",
        "ok": True,
        "result": {"state": "idle", "profile": None, "strict": False},
    }


# -- single instance ---------------------------------------------------------------------------

INSTANCE_SCRIPT = textwrap.dedent(
    """
    import json, os, sys, time
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication, QTimer

    from focusapp.bridge.ipc_server import IpcServer
    from focusapp.bridge.single_instance import InstanceGuard

    mode, lock_path, socket_path = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    if mode == "race":
        go = Path(sys.argv[4])
        Path(f"{go}.ready.{os.getpid()}").touch()
        while not go.exists():
            time.sleep(0.0005)

    guard = InstanceGuard(lock_path, socket_path)
    if mode == "race" and not guard.acquire():
        print(json.dumps({"role": "secondary", "notified": guard.notify_primary(timeout_s=8)}))
        sys.exit(0)

    app = QCoreApplication([])
    if mode == "race":
        time.sleep(0.3)  # a primary still starting up: the secondary has to retry meanwhile
    seen = []

    def handle(cmd, args):
        seen.append(cmd)
        if cmd == "activate":
            QTimer.singleShot(0, app.quit)
        return {"served_by": os.getpid()}

    server = IpcServer(socket_path, handle)
    server.listen()
    print("listening", flush=True)
    QTimer.singleShot(10000, app.quit)
    app.exec()
    server.close()
    print(json.dumps({"role": "primary", "seen": seen}))
    """
)


def spawn(tmp_path: Path, mode: str, lock: Path, sock: Path, *extra: str) -> subprocess.Popen[str]:
    script = tmp_path / "instance.py"
    script.write_text(INSTANCE_SCRIPT)
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    return subprocess.Popen(
        [sys.executable, str(script), mode, str(lock), str(sock), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.mark.parametrize("round_", range(3))
def test_two_launches_at_the_same_instant_make_exactly_one_primary(
    run_dir: Path, tmp_path: Path, round_: int
) -> None:
    lock, sock, go = run_dir / "instance.lock", run_dir / "ipc.sock", tmp_path / "go"
    launches = [spawn(tmp_path, "race", lock, sock, str(go)) for _ in range(2)]
    try:
        deadline = time.monotonic() + 15
        while len(list(tmp_path.glob("go.ready.*"))) < 2:
            assert time.monotonic() < deadline, "the launches never got ready"
            assert all(p.poll() is None for p in launches), launches[0].communicate()
            time.sleep(0.01)
        go.touch()
        outputs = [p.communicate(timeout=15) for p in launches]
    finally:
        for p in launches:
            if p.poll() is None:
                p.kill()
                p.communicate()

    reports = []
    for (out, err), p in zip(outputs, launches, strict=True):
        assert p.returncode == 0, err
        reports.append(json.loads(out.strip().splitlines()[-1]))
    roles = sorted(report["role"] for report in reports)
    assert roles == ["primary", "secondary"]
    [primary] = [r for r in reports if r["role"] == "primary"]
    [secondary] = [r for r in reports if r["role"] == "secondary"]
    assert secondary["notified"] is True
    assert primary["seen"] == ["activate"]


def test_only_one_guard_holds_the_lock_until_it_is_released(run_dir: Path) -> None:
    first = InstanceGuard(run_dir / "instance.lock", run_dir / "ipc.sock")
    second = InstanceGuard(run_dir / "instance.lock", run_dir / "ipc.sock")
    assert first.acquire()
    assert first.acquire(), "acquiring again is harmless"
    assert not second.acquire()
    first.release()
    assert second.acquire()
    assert (run_dir / "instance.lock").exists(), "the lock file is never deleted"
    second.release()


def test_lock_of_a_killed_primary_is_free_again(run_dir: Path, tmp_path: Path) -> None:
    lock = run_dir / "instance.lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from focusapp.bridge.single_instance import InstanceGuard;"
            "g = InstanceGuard(Path(sys.argv[1]), Path(sys.argv[1] + '.sock'));"
            "print(g.acquire(), flush=True); time.sleep(60)",
            str(lock),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)),
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "True"
        guard = InstanceGuard(lock, run_dir / "ipc.sock")
        assert not guard.acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.communicate(timeout=10)
    assert guard.acquire()
    guard.release()


def test_notifying_a_primary_that_never_listens_gives_up(run_dir: Path) -> None:
    guard = InstanceGuard(run_dir / "instance.lock", run_dir / "ipc.sock")
    started = time.monotonic()
    assert guard.notify_primary(timeout_s=0.3) is False
    assert 0.25 <= time.monotonic() - started < 2
