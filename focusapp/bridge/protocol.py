"""The local-socket wire format: versioned JSON lines, one request and one response per line.

Plain Python (no Qt) because the command line imports it and must start fast.

A request is ``{"v": 1, "id": <str|int>, "cmd": "<name>", "args": {...}}`` and a response is
``{"v": 1, "id": <same>, "ok": true, "result": {...}}`` or
``{"v": 1, "id": <same>, "ok": false, "error": {"code": "...", "message": "..."}}``, each
followed by a newline. Everything is encoded with ``ensure_ascii`` so a line can never contain a
raw newline of its own.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from enum import StrEnum
from hashlib import sha256
from pathlib import Path
from typing import Any, NoReturn

PROTOCOL_VERSION = 1
SUPPORTED_VERSIONS: tuple[int, ...] = (PROTOCOL_VERSION,)

# Requests are short commands; anything longer is a confused or hostile client.
MAX_LINE_BYTES = 64 * 1024
# Responses may carry a journal export, so the client accepts more than it may send.
MAX_RESPONSE_BYTES = 8 * 1024 * 1024

COMMAND_PATTERN = re.compile(r"[a-z][a-z0-9_.-]{0,63}")

RequestId = str | int


class ErrorCode(StrEnum):
    """Error codes a response may carry; part of the contract with the CLI and the native host."""

    REFUSED = "refused"
    USAGE = "usage"
    ERROR = "error"
    VERSION = "version"
    BUSY = "busy"


class IpcError(Exception):
    """Talking over the local socket failed (no answer, broken answer, cannot listen)."""


class AppNotRunning(IpcError):
    """Nobody listens on the socket: the app is not running."""


class IpcTimeout(IpcError):
    """The app did not answer in time."""


class ProtocolError(IpcError):
    """A line that does not follow the protocol. `code` is an `ErrorCode` value."""

    def __init__(self, code: str, message: str, request_id: RequestId | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        # Kept when the line was readable far enough to tell who asked, so the answer can echo it.
        self.request_id = request_id


class RemoteError(IpcError):
    """The app answered with ``ok: false``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    @property
    def exit_status(self) -> int:
        """The CLI exit status for this error (unknown codes count as a plain error)."""
        from focusapp.core.errors import ERROR_TYPES, CommandError

        return ERROR_TYPES.get(self.code, CommandError).exit_status


@dataclass(frozen=True)
class Request:
    cmd: str
    args: dict[str, Any] = field(default_factory=dict)
    id: RequestId = 0
    v: int = PROTOCOL_VERSION


@dataclass(frozen=True)
class ErrorInfo:
    code: str
    message: str


@dataclass(frozen=True)
class Response:
    id: RequestId | None
    ok: bool
    result: dict[str, Any] | None = None
    error: ErrorInfo | None = None
    v: int = PROTOCOL_VERSION

    @classmethod
    def success(cls, request_id: RequestId | None, result: dict[str, Any]) -> Response:
        return cls(id=request_id, ok=True, result=result)

    @classmethod
    def failure(cls, request_id: RequestId | None, code: str, message: str) -> Response:
        return cls(id=request_id, ok=False, error=ErrorInfo(code=code, message=message))


def server_name(socket_path: Path) -> str:
    """The name QLocalServer/QLocalSocket use for `socket_path`.

    On POSIX it is the path itself. On Windows QLocalServer uses named pipes, whose names may not
    contain backslashes, so the path is turned into a stable per-path pipe name.
    """
    if sys.platform == "win32":
        digest = sha256(str(socket_path).lower().encode("utf-8")).hexdigest()[:24]
        return f"focusapp-{digest}"
    return str(socket_path)


def encode_request(cmd: str, args: dict[str, Any] | None = None, id: RequestId = 0) -> bytes:
    """One request line; raises `ProtocolError` (``usage``) for what the server would reject."""
    if not _is_command(cmd):
        raise ProtocolError(ErrorCode.USAGE, f"{cmd!r} is not a valid command name.")
    if not _is_request_id(id):
        raise ProtocolError(ErrorCode.USAGE, "A request id must be a string or an integer.")
    if args is None:
        args = {}
    if not isinstance(args, dict):
        raise ProtocolError(ErrorCode.USAGE, "Request arguments must be a JSON object.")
    message = {"v": PROTOCOL_VERSION, "id": id, "cmd": cmd, "args": args}
    line = _dump(message, "Request arguments")
    if len(line) > MAX_LINE_BYTES:
        raise ProtocolError(ErrorCode.USAGE, f"The request is longer than {MAX_LINE_BYTES} bytes.")
    return line


def decode_request(line: bytes) -> Request:
    """Parse and validate one request line (with or without its newline)."""
    if len(line) > MAX_LINE_BYTES + 1:
        raise ProtocolError(ErrorCode.USAGE, f"The request is longer than {MAX_LINE_BYTES} bytes.")
    obj = _load_object(line, "request")

    raw_id = obj.get("id")
    # Echo the id in error answers whenever it is usable, even if other fields are wrong.
    request_id = raw_id if _is_request_id(raw_id) else None

    def fail(code: str, message: str) -> NoReturn:
        raise ProtocolError(code, message, request_id)

    version = obj.get("v")
    if "v" not in obj:
        fail(ErrorCode.USAGE, "The request has no protocol version ('v').")
    if not _is_int(version):
        fail(ErrorCode.USAGE, "The protocol version ('v') must be an integer.")
    if version not in SUPPORTED_VERSIONS:
        fail(ErrorCode.VERSION, _unsupported_version_message(version))
    if "id" not in obj:
        fail(ErrorCode.USAGE, "The request has no id.")
    if request_id is None:
        fail(ErrorCode.USAGE, "The request id must be a string or an integer.")
    cmd = obj.get("cmd")
    if "cmd" not in obj:
        fail(ErrorCode.USAGE, "The request has no command ('cmd').")
    if not isinstance(cmd, str):
        fail(ErrorCode.USAGE, "The command ('cmd') must be a string.")
    if not _is_command(cmd):
        fail(ErrorCode.USAGE, "The command name is not valid.")
    # `args` may be left out by hand-written clients; it means "no arguments".
    args = obj.get("args", {})
    if not isinstance(args, dict):
        fail(ErrorCode.USAGE, "The arguments ('args') must be a JSON object.")
    return Request(cmd=cmd, args=args, id=request_id, v=version)


def encode_response(response: Response) -> bytes:
    """One response line."""
    message: dict[str, Any] = {"v": response.v, "id": response.id, "ok": response.ok}
    if response.ok:
        message["result"] = response.result if response.result is not None else {}
    else:
        error = response.error or ErrorInfo(ErrorCode.ERROR, "Something went wrong.")
        message["error"] = {"code": str(error.code), "message": error.message}
    return _dump(message, "The result")


def decode_response(line: bytes) -> Response:
    """Parse and validate one response line (with or without its newline)."""
    if len(line) > MAX_RESPONSE_BYTES + 1:
        raise ProtocolError(
            ErrorCode.ERROR, f"The answer is longer than {MAX_RESPONSE_BYTES} bytes."
        )
    obj = _load_object(line, "answer")
    version = obj.get("v")
    if not _is_int(version):
        raise ProtocolError(ErrorCode.ERROR, "The answer has no valid protocol version ('v').")
    if version not in SUPPORTED_VERSIONS:
        raise ProtocolError(ErrorCode.VERSION, _unsupported_version_message(version))
    response_id = obj.get("id")
    if response_id is not None and not _is_request_id(response_id):
        raise ProtocolError(ErrorCode.ERROR, "The answer's id is neither a string nor an integer.")
    ok = obj.get("ok")
    if not isinstance(ok, bool):
        raise ProtocolError(ErrorCode.ERROR, "The answer has no valid 'ok' field.")
    if ok:
        result = obj.get("result", {})
        if not isinstance(result, dict):
            raise ProtocolError(ErrorCode.ERROR, "The answer's result is not a JSON object.")
        return Response(id=response_id, ok=True, result=result, v=version)
    error = obj.get("error")
    if not isinstance(error, dict):
        raise ProtocolError(ErrorCode.ERROR, "The error answer has no 'error' object.")
    code = error.get("code")
    message = error.get("message")
    if not isinstance(code, str) or not isinstance(message, str):
        raise ProtocolError(ErrorCode.ERROR, "The error answer needs a string code and message.")
    return Response.failure(response_id, code, message)


def _load_object(line: bytes, what: str) -> dict[str, Any]:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(ErrorCode.USAGE, f"The {what} is not valid UTF-8.") from None
    try:
        obj = json.loads(text, parse_constant=_reject_constant)
    # RecursionError: deeply nested arrays; ValueError covers JSONDecodeError and huge integers.
    except (ValueError, RecursionError):
        raise ProtocolError(ErrorCode.USAGE, f"The {what} is not valid JSON.") from None
    if not isinstance(obj, dict):
        raise ProtocolError(ErrorCode.USAGE, f"The {what} is not a JSON object.")
    return obj


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not JSON")


def _dump(message: dict[str, Any], what: str) -> bytes:
    try:
        text = json.dumps(message, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise ProtocolError(ErrorCode.USAGE, f"{what} cannot be written as JSON: {exc}.") from None
    return text.encode("ascii") + b"\n"


def _is_int(value: object) -> bool:
    # bool is an int subclass, but `true` is not a version or an id.
    return isinstance(value, int) and not isinstance(value, bool)


def _is_request_id(value: object) -> bool:
    return isinstance(value, str) or _is_int(value)


def _is_command(value: str) -> bool:
    return COMMAND_PATTERN.fullmatch(value) is not None


def _unsupported_version_message(version: object) -> str:
    supported = ", ".join(str(v) for v in SUPPORTED_VERSIONS)
    return (
        f"Protocol version {version} is not supported; this Focusapp speaks version {supported}. "
        "Use the focusapp command from the same installation."
    )
