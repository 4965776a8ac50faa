"""The app's end of the local socket: reads request lines, runs them through a handler, answers.

Everything happens in the Qt event loop without ever waiting on a socket: each connection reads
what has arrived, answers every complete line in order, and is dropped when it sends a line longer
than `MAX_LINE_BYTES` (without buffering the rest), stays silent too long, or stops reading its
answers. Only the user who runs the app can reach the socket: the folder is 0700 and the socket
is created with `UserAccessOption`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from focusapp.bridge.protocol import (
    MAX_LINE_BYTES,
    MAX_RESPONSE_BYTES,
    ErrorCode,
    IpcError,
    ProtocolError,
    RequestId,
    Response,
    decode_request,
    encode_response,
    server_name,
)
from focusapp.core.errors import CommandError

__all__ = ["Handler", "IpcError", "IpcServer"]

log = logging.getLogger(__name__)

Handler = Callable[[str, dict[str, Any]], dict[str, Any]]

DEFAULT_IDLE_TIMEOUT_MS = 5000
DEFAULT_MAX_CONNECTIONS = 64


class IpcServer(QObject):
    """Serves requests on `socket_path` for as long as the event loop runs."""

    request_handled = Signal(str)

    def __init__(
        self,
        socket_path: Path,
        handler: Handler,
        parent: QObject | None = None,
        *,
        idle_timeout_ms: int = DEFAULT_IDLE_TIMEOUT_MS,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
    ) -> None:
        super().__init__(parent)
        self._socket_path = socket_path
        self._handler = handler
        self._idle_timeout_ms = idle_timeout_ms
        self._max_connections = max_connections
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._connections: set[_Connection] = set()

    @property
    def socket_path(self) -> Path:
        return self._socket_path

    @property
    def connection_count(self) -> int:
        return len(self._connections)

    def is_listening(self) -> bool:
        return self._server.isListening()

    def listen(self) -> None:
        """Start listening. Raises `IpcError` saying why when that is not possible."""
        posix = sys.platform != "win32"
        if posix:
            self._prepare_folder()
            self._clear_stale_socket()
        name = server_name(self._socket_path)
        if not self._server.listen(name):
            raise IpcError(
                f"Cannot listen on {self._socket_path}: {self._server.errorString() or 'unknown'}."
            )
        if posix:
            try:
                self._check_permissions()
            except IpcError:
                self.close()
                raise
        log.debug("IPC server listening on %s", self._socket_path)

    def close(self) -> None:
        """Stop listening and drop every connection."""
        for connection in list(self._connections):
            connection.abort()
        self._connections.clear()
        if self._server.isListening():
            self._server.close()

    # -- listening ------------------------------------------------------------------------

    def _prepare_folder(self) -> None:
        folder = self._socket_path.parent
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(folder, 0o700)
        except OSError as exc:
            raise IpcError(f"Cannot prepare the socket folder {folder}: {exc.strerror}.") from None

    def _clear_stale_socket(self) -> None:
        path = self._socket_path
        try:
            mode = path.lstat().st_mode
        except FileNotFoundError:
            return
        except OSError as exc:
            raise IpcError(f"Cannot inspect {path}: {exc.strerror}.") from None
        if not stat.S_ISSOCK(mode):
            # Never delete a file we did not create: the path is misconfigured, say so instead.
            raise IpcError(f"{path} exists and is not a socket; move it away and start again.")
        if _someone_answers(path):
            raise IpcError(f"Another Focusapp is already listening on {path}.")
        log.info("Removing stale socket %s left by a previous run", path)
        if not QLocalServer.removeServer(str(path)):
            raise IpcError(f"Cannot remove the stale socket {path}.")

    def _check_permissions(self) -> None:
        folder = self._socket_path.parent
        os.chmod(folder, 0o700)
        folder_mode = stat.S_IMODE(os.stat(folder).st_mode)
        socket_mode = stat.S_IMODE(os.stat(self._socket_path).st_mode)
        if folder_mode & 0o077:
            raise IpcError(f"The socket folder {folder} is open to others ({folder_mode:o}).")
        if sys.platform.startswith("linux") and socket_mode & 0o077:
            raise IpcError(f"The socket {self._socket_path} is open to others ({socket_mode:o}).")

    # -- connections ----------------------------------------------------------------------

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            if sock is None:
                return
            if len(self._connections) >= self._max_connections:
                log.warning("IPC: too many connections, turning one away")
                _Connection.turn_away(sock)
                continue
            connection = _Connection(sock, self._handle_line, self._idle_timeout_ms, self)
            connection.finished.connect(self._forget)
            self._connections.add(connection)
            connection.start()

    def _forget(self, connection: QObject) -> None:
        if isinstance(connection, _Connection):
            self._connections.discard(connection)
            connection.deleteLater()

    def _handle_line(self, line: bytes) -> Response:
        request_id: RequestId | None = None
        try:
            request = decode_request(line)
        except ProtocolError as exc:
            return Response.failure(exc.request_id, exc.code, exc.message)
        request_id = request.id
        try:
            result = self._handler(request.cmd, request.args)
            if not isinstance(result, dict):
                raise TypeError(f"handler returned {type(result).__name__}, not dict")
            response = Response.success(request_id, result)
            encode_response(response)  # fail here, not later, if the result is not JSON
        except CommandError as exc:
            response = Response.failure(request_id, exc.code, exc.message)
        except Exception:
            log.exception("IPC command %r failed", request.cmd)
            response = Response.failure(
                request_id, ErrorCode.ERROR, "Focusapp could not carry out the command."
            )
        self.request_handled.emit(request.cmd)
        return response


class _Connection(QObject):
    """One client: a line buffer, an idle timer, and answers written in request order."""

    finished = Signal(QObject)

    def __init__(
        self,
        sock: QLocalSocket,
        handle_line: Callable[[bytes], Response],
        idle_timeout_ms: int,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._socket = sock
        self._handle_line = handle_line
        self._buffer = bytearray()
        self._closing = False
        self._done = False
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_timeout_ms)
        self._idle.timeout.connect(self._on_idle)

    @staticmethod
    def turn_away(sock: QLocalSocket) -> None:
        busy = Response.failure(None, ErrorCode.BUSY, "Focusapp is busy; try again in a moment.")
        sock.write(encode_response(busy))
        sock.disconnected.connect(sock.deleteLater)
        sock.disconnectFromServer()

    def start(self) -> None:
        # Qt's own buffer stays small too: it stops reading from the kernel once it holds this.
        self._socket.setReadBufferSize(MAX_LINE_BYTES)
        self._socket.readyRead.connect(self._on_ready_read)
        self._socket.disconnected.connect(self._on_disconnected)
        self._idle.start()
        if self._socket.bytesAvailable() > 0:
            self._on_ready_read()

    def abort(self) -> None:
        self._closing = True
        self._idle.stop()
        self._socket.abort()
        self._finish()

    def _on_ready_read(self) -> None:
        if self._closing:
            return
        self._idle.start()
        while self._socket.bytesAvailable() > 0 and not self._closing:
            chunk = bytes(self._socket.read(MAX_LINE_BYTES).data())
            if not chunk:
                break
            self._consume(chunk)

    def _consume(self, chunk: bytes) -> None:
        start = 0
        while not self._closing:
            newline = chunk.find(b"\n", start)
            if newline < 0:
                self._buffer += chunk[start:]
                if len(self._buffer) > MAX_LINE_BYTES:
                    self._reject_long_line()
                return
            self._buffer += chunk[start:newline]
            start = newline + 1
            line = bytes(self._buffer)
            self._buffer.clear()
            if len(line) > MAX_LINE_BYTES:
                self._reject_long_line()
                return
            if line.strip():
                self._answer(self._handle_line(line))

    def _answer(self, response: Response) -> None:
        if self._socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
            return
        self._socket.write(encode_response(response))
        if self._socket.bytesToWrite() > MAX_RESPONSE_BYTES:
            # A client that keeps asking without reading would make the answers pile up here.
            log.warning("IPC: client does not read its answers, dropping it")
            self.abort()

    def _reject_long_line(self) -> None:
        self._buffer = bytearray()
        too_long = Response.failure(
            None, ErrorCode.USAGE, f"The request is longer than {MAX_LINE_BYTES} bytes."
        )
        self._answer(too_long)
        self._close_gracefully()

    def _close_gracefully(self) -> None:
        """Stop reading, let the last answer go out, then hang up."""
        if self._closing:
            return
        self._closing = True
        self._socket.flush()
        if self._socket.bytesToWrite() == 0:
            self.abort()
            return
        # The idle timer stays armed as a backstop for a client that never drains its answer.
        self._idle.start()
        self._socket.disconnectFromServer()

    def _on_idle(self) -> None:
        log.debug("IPC: dropping a client that stayed silent")
        self.abort()

    def _on_disconnected(self) -> None:
        self._closing = True
        self._idle.stop()
        self._finish()

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        self._socket.deleteLater()
        self.finished.emit(self)


def _someone_answers(path: Path) -> bool:
    """Whether a live server accepts connections on `path` (a dead one refuses at once)."""
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.settimeout(1.0)
        probe.connect(str(path))
    except (ConnectionRefusedError, FileNotFoundError):
        return False
    except OSError:
        # Cannot tell (permissions, timeout): assume alive rather than delete someone's socket.
        return True
    else:
        return True
    finally:
        with contextlib.suppress(OSError):
            probe.close()
