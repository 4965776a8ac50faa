"""Send one command to the running app over its local socket and return the answer.

Plain sockets, no Qt, so `focusapp status` starts in milliseconds. On Windows QLocalServer listens
on a named pipe, which a plain socket cannot reach, so there the function falls back to Qt's
QLocalSocket, imported only then.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import time
from pathlib import Path
from typing import Any

from focusapp.bridge.protocol import (
    MAX_RESPONSE_BYTES,
    AppNotRunning,
    IpcError,
    IpcTimeout,
    ProtocolError,
    RemoteError,
    RequestId,
    decode_response,
    encode_request,
    server_name,
)

_CHUNK = 64 * 1024


def request(
    socket_path: Path, cmd: str, args: dict[str, Any] | None = None, timeout_s: float = 3.0
) -> dict[str, Any]:
    """Run `cmd` in the app and return its result.

    Raises `AppNotRunning` when nobody listens, `RemoteError` when the app answers with an error,
    `IpcTimeout` when it does not answer within `timeout_s` (for the whole exchange), and
    `IpcError` (or its subclass `ProtocolError`) for anything else that goes wrong on the way.
    """
    request_id: RequestId = os.urandom(6).hex()
    line = encode_request(cmd, args, request_id)
    if sys.platform == "win32":
        raw = _exchange_qt(socket_path, line, timeout_s)
    else:
        raw = _exchange_unix(socket_path, line, timeout_s)
    response = decode_response(raw)
    if response.id is not None and response.id != request_id:
        raise ProtocolError("error", "The app answered a different request.")
    if not response.ok:
        assert response.error is not None
        raise RemoteError(response.error.code, response.error.message)
    return response.result if response.result is not None else {}


def _exchange_unix(socket_path: Path, line: bytes, timeout_s: float) -> bytes:
    deadline = time.monotonic() + timeout_s
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout_s)
        try:
            sock.connect(str(socket_path))
        except (FileNotFoundError, ConnectionRefusedError):
            message = f"Focusapp is not running (nothing listens on {socket_path})."
            raise AppNotRunning(message) from None
        except TimeoutError:
            message = f"Focusapp did not accept the connection within {timeout_s:g} s."
            raise IpcTimeout(message) from None
        except OSError as exc:
            message = f"Cannot connect to Focusapp at {socket_path}: {exc.strerror or exc}."
            raise IpcError(message) from None
        try:
            # The app may have hung up after saying why ("busy"): that answer is still queued.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                sock.sendall(line)
            return _read_line(sock, deadline, timeout_s)
        except TimeoutError:
            raise IpcTimeout(f"Focusapp did not answer within {timeout_s:g} s.") from None
        except OSError as exc:
            raise IpcError(f"The connection to Focusapp broke: {exc.strerror or exc}.") from None
    finally:
        sock.close()


def _read_line(sock: socket.socket, deadline: float, timeout_s: float) -> bytes:
    buffer = bytearray()
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        sock.settimeout(remaining)
        chunk = sock.recv(_CHUNK)
        if not chunk:
            raise IpcError("Focusapp closed the connection without answering.")
        newline = chunk.find(b"\n")
        if newline >= 0:
            buffer += chunk[:newline]
            return bytes(buffer)
        buffer += chunk
        if len(buffer) > MAX_RESPONSE_BYTES:
            raise ProtocolError("error", f"The answer is longer than {MAX_RESPONSE_BYTES} bytes.")


def _exchange_qt(socket_path: Path, line: bytes, timeout_s: float) -> bytes:
    """The same exchange through QLocalSocket, for platforms where the server is a named pipe."""
    from PySide6.QtNetwork import QLocalSocket

    deadline = time.monotonic() + timeout_s

    def remaining_ms() -> int:
        return max(0, int((deadline - time.monotonic()) * 1000))

    sock = QLocalSocket()
    try:
        sock.connectToServer(server_name(socket_path))
        if not sock.waitForConnected(remaining_ms()):
            error = sock.error()
            not_there = (
                QLocalSocket.LocalSocketError.ServerNotFoundError,
                QLocalSocket.LocalSocketError.ConnectionRefusedError,
            )
            if error in not_there:
                raise AppNotRunning(f"Focusapp is not running (nothing listens on {socket_path}).")
            if error == QLocalSocket.LocalSocketError.SocketTimeoutError:
                raise IpcTimeout(f"Focusapp did not accept the connection within {timeout_s:g} s.")
            raise IpcError(f"Cannot connect to Focusapp: {sock.errorString()}.")
        sock.write(line)
        while sock.bytesToWrite() > 0:
            if not sock.waitForBytesWritten(remaining_ms()):
                raise _qt_failure(sock, timeout_s)
        buffer = bytearray()
        while True:
            if sock.canReadLine():
                buffer += bytes(sock.readLine(MAX_RESPONSE_BYTES + 2).data())
                return bytes(buffer).rstrip(b"\n")
            if sock.bytesAvailable() > MAX_RESPONSE_BYTES:
                raise ProtocolError(
                    "error", f"The answer is longer than {MAX_RESPONSE_BYTES} bytes."
                )
            if not sock.waitForReadyRead(remaining_ms()):
                raise _qt_failure(sock, timeout_s)
    finally:
        sock.abort()


def _qt_failure(sock: Any, timeout_s: float) -> IpcError:
    from PySide6.QtNetwork import QLocalSocket

    error = sock.error()
    if error == QLocalSocket.LocalSocketError.SocketTimeoutError:
        return IpcTimeout(f"Focusapp did not answer within {timeout_s:g} s.")
    if error == QLocalSocket.LocalSocketError.PeerClosedError:
        return IpcError("Focusapp closed the connection without answering.")
    return IpcError(f"The connection to Focusapp broke: {sock.errorString()}.")
