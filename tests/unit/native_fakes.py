"""Native-host test helpers: frames, the real host process, and a stand-in for the running app."""

from __future__ import annotations

import json
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from focusapp.bridge.native_host import NativeHostFiles
from focusapp.bridge.protocol import Request, Response, decode_request, encode_response

REPO_ROOT = Path(__file__).resolve().parents[2]
MAX_BROWSER_FRAME = 1024 * 1024


def frame(message: Any) -> bytes:
    payload = message if isinstance(message, bytes) else json.dumps(message).encode("utf-8")
    return struct.pack("=I", len(payload)) + payload


def parse_frames(stdout: bytes) -> list[dict[str, Any]]:
    """Every frame in `stdout`; fails on anything that is not a well-formed reply frame."""
    replies = []
    position = 0
    while position < len(stdout):
        assert len(stdout) - position >= 4, (
            f"stray bytes after the last frame: {stdout[position:]!r}"
        )
        (length,) = struct.unpack_from("=I", stdout, position)
        position += 4
        assert length <= MAX_BROWSER_FRAME, f"a frame of {length} bytes"
        assert position + length <= len(stdout), "a frame cut short"
        reply = json.loads(stdout[position : position + length].decode("utf-8"))
        position += length
        assert isinstance(reply, dict), reply
        assert isinstance(reply.get("type"), str), reply
        assert isinstance(reply.get("ok"), bool), reply
        if not reply["ok"]:
            assert isinstance(reply["error"]["code"], str), reply
            assert isinstance(reply["error"]["message"], str), reply
        replies.append(reply)
    return replies


@dataclass
class HostRun:
    replies: list[dict[str, Any]]
    returncode: int
    stderr: str


def host_command(files: NativeHostFiles, *browser_args: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "focusapp.bridge.native_host",
        f"--socket={files.socket_path}",
        f"--cache={files.cache_file}",
        f"--spool={files.spool_file}",
        *browser_args,
    ]


def run_host(files: NativeHostFiles, stdin: bytes, *browser_args: str) -> HostRun:
    """The real host process fed `stdin`; its stdout must be nothing but frames."""
    done = subprocess.run(
        host_command(files, *browser_args),
        input=stdin,
        capture_output=True,
        timeout=30,
        cwd=REPO_ROOT,
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    return HostRun(parse_frames(done.stdout), done.returncode, stderr)


@contextmanager
def short_folder() -> Iterator[Path]:
    """AF_UNIX paths are limited to about 100 bytes; pytest's tmp_path can be longer."""
    folder = Path(tempfile.mkdtemp(prefix="fa-nh-", dir="/tmp"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


Answer = Callable[[Request], Response | None]


class FakeApp:
    """The running app as the host sees it: a Unix socket answering protocol lines from a thread.

    `answer` returning None means "never answer" (the connection stays open until the end).
    """

    def __init__(self, socket_path: Path, answer: Answer) -> None:
        self.socket_path = socket_path
        self.requests: list[Request] = []
        self._answer = answer
        self._stop = threading.Event()
        self._listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> FakeApp:
        self._listener.bind(str(self.socket_path))
        self._listener.listen(8)
        self._listener.settimeout(0.05)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._listener.close()
        self.socket_path.unlink(missing_ok=True)

    def _serve(self) -> None:
        held: list[socket.socket] = []
        while not self._stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            connection.settimeout(5)
            line = b""
            while not line.endswith(b"\n"):
                chunk = connection.recv(65536)
                if not chunk:
                    break
                line += chunk
            request = decode_request(line)
            self.requests.append(request)
            response = self._answer(request)
            if response is None:
                held.append(connection)
                continue
            connection.sendall(encode_response(response))
            connection.close()
        for connection in held:
            connection.close()


def app_answering(results: dict[str, dict[str, Any]]) -> Answer:
    """Answers the commands in `results`, and any other one as the app does: unknown command."""

    def answer(request: Request) -> Response:
        if request.cmd in results:
            return Response.success(request.id, results[request.cmd])
        return Response.failure(request.id, "usage", f"Unknown command '{request.cmd}'.")

    return answer
