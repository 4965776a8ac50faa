"""The process browsers launch for native messaging: relays extension frames to the running app.

Each valid frame becomes the IPC command ``browser.<type>`` with the message as its arguments,
over a fresh connection with a short timeout. When the app is not running (or does not answer),
the host answers on its own: the last policy the app gave (cached in a file each time the app
answers ``get_policy``), or a default that hides metrics; activity and urge reports go to a spool
file the app ingests later. Nothing but frames ever reaches stdout; logs go to stderr.

This module is on the path of every browser launch, so it imports only the standard library and
the Qt-free `protocol` and `ipc_client` (never PySide6). It does not compute paths itself: the
command line hands it a `NativeHostFiles`.

Spool format (``native-host-spool.jsonl``, UTF-8, one JSON object per line, at most
`SPOOL_MAX_LINES` lines, oldest dropped first)::

    {"v": 1, "received_at": "2024-05-01T09:30:00+00:00", "message": {"type": "activity", ...}}

``message`` is the validated message as the app would have received it (`NativeRequest.to_args`).
A writer holds an exclusive `flock` on the file while it appends or trims; the app should take the
same lock, read every line, truncate the file to zero and release it. A line that does not parse
(a crash mid-write) is to be skipped.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from focusapp.bridge import ipc_client
from focusapp.bridge.extension_identity import FIREFOX_EXTENSION_ID, chromium_origin
from focusapp.bridge.native_messages import (
    LENGTH_PREFIX,
    MAX_DRAINED_BYTES,
    MAX_INCOMING_BYTES,
    NATIVE_PROTOCOL_VERSION,
    FrameTooLarge,
    MessageError,
    MessageType,
    NativeErrorCode,
    NativeRequest,
    RequestId,
    decode_length,
    encode_frame,
    error_reply,
    ok_reply,
    parse_message,
)
from focusapp.bridge.protocol import IpcError, RemoteError

log = logging.getLogger(__name__)

RELAY_TIMEOUT_S = 1.0
SPOOL_FILE_NAME = "native-host-spool.jsonl"
SPOOL_MAX_LINES = 2000
CACHE_VERSION = 1
# An unchanged policy is written again after this long, so the cache still says when the app
# last answered.
CACHE_REFRESH = timedelta(minutes=5)
SPOOL_VERSION = 1
DEBUG_ENV = "FOCUSAPP_NATIVE_HOST_DEBUG"

# Hide metrics and block nothing: the safe answer when the app never told the host anything.
DEFAULT_POLICY: dict[str, Any] = {
    "metrics": {"hide": "always"},
    "session": None,
    "blocked_sites": [],
}

Relay = Callable[..., dict[str, Any]]  # ipc_client.request's signature


@dataclass(frozen=True)
class NativeHostFiles:
    socket_path: Path
    cache_file: Path
    spool_file: Path


class NativeHost:
    """Answers frames: validates, relays to the app, falls back to the cache and the spool."""

    def __init__(
        self,
        files: NativeHostFiles,
        relay: Relay = ipc_client.request,
        timeout_s: float = RELAY_TIMEOUT_S,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._files = files
        self._relay = relay
        self._timeout_s = timeout_s
        self._now = now
        self._cached: tuple[bytes, datetime] | None = None  # the policy last written, and when

    # -- the stdio loop ------------------------------------------------------------------------

    def serve(self, stdin: BinaryIO, stdout: BinaryIO) -> int:
        """Answer frames until the browser closes stdin (0) or sends something unrecoverable (1)."""
        while True:
            prefix = _read_exactly(stdin, LENGTH_PREFIX.size)
            if not prefix:
                return 0
            if len(prefix) < LENGTH_PREFIX.size:
                log.warning("input ended inside a length prefix (%d bytes)", len(prefix))
                self._send_error(stdout, NativeErrorCode.BAD_FRAME, "The length prefix is cut.")
                return 1
            length = decode_length(prefix)
            if length > MAX_INCOMING_BYTES:
                log.warning(
                    "frame of %d bytes is over the %d-byte limit", length, MAX_INCOMING_BYTES
                )
                message = f"A message may be at most {MAX_INCOMING_BYTES} bytes, not {length}."
                if length > MAX_DRAINED_BYTES or _discard(stdin, length) < length:
                    self._send_error(stdout, NativeErrorCode.TOO_LARGE, message)
                    return 1
                self._send_error(stdout, NativeErrorCode.TOO_LARGE, message)
                continue
            payload = _read_exactly(stdin, length)
            if len(payload) < length:
                log.warning("input ended after %d of %d bytes of a frame", len(payload), length)
                self._send_error(stdout, NativeErrorCode.BAD_FRAME, "The message is cut short.")
                return 1
            self._send(stdout, self._answer_safely(payload))

    def _answer_safely(self, payload: bytes) -> dict[str, Any]:
        try:
            return self.answer(payload)
        except Exception:
            log.exception("could not answer a message")
            return error_reply(
                "error", None, NativeErrorCode.INTERNAL, "The Focusapp host could not answer."
            )

    def _send(self, stdout: BinaryIO, reply: dict[str, Any]) -> None:
        try:
            frame = encode_frame(reply)
        except FrameTooLarge as exc:
            log.warning("reply to %r replaced: %s", reply.get("type"), exc)
            frame = encode_frame(
                error_reply(
                    str(reply.get("type", "error")),
                    reply.get("id"),
                    NativeErrorCode.TOO_LARGE,
                    "The answer was too large for the browser.",
                )
            )
        stdout.write(frame)
        stdout.flush()

    def _send_error(self, stdout: BinaryIO, code: str, message: str) -> None:
        self._send(stdout, error_reply("error", None, code, message))

    # -- one message ---------------------------------------------------------------------------

    def answer(self, payload: bytes) -> dict[str, Any]:
        """The reply to one frame's payload."""
        try:
            request = parse_message(payload)
        except MessageError as exc:
            log.warning("refused a message: %s", exc.message)
            return error_reply(exc.reply_type, exc.request_id, exc.code, exc.message)
        reply_type = str(request.type)
        try:
            result = self._relay(
                self._files.socket_path,
                f"browser.{reply_type}",
                request.to_args(),
                timeout_s=self._timeout_s,
            )
        except RemoteError as exc:
            return error_reply(reply_type, request.id, exc.code, exc.message)
        except IpcError as exc:
            log.info("answering %s offline: %s", reply_type, exc)
            return self._answer_offline(request)
        if request.type is MessageType.GET_POLICY:
            self._save_policy(result)
            return ok_reply(reply_type, request.id, {**result, "offline": False})
        return ok_reply(reply_type, request.id, result)

    def _answer_offline(self, request: NativeRequest) -> dict[str, Any]:
        reply_type, request_id = str(request.type), request.id
        if request.type is MessageType.HELLO:
            return ok_reply(
                reply_type, request_id, {"version": NATIVE_PROTOCOL_VERSION, "offline": True}
            )
        if request.type is MessageType.GET_POLICY:
            return ok_reply(reply_type, request_id, {**self._load_policy(), "offline": True})
        if request.type in (MessageType.ACTIVITY, MessageType.URGE):
            return self._spool(request, reply_type, request_id)
        return error_reply(
            reply_type,
            request_id,
            NativeErrorCode.OFFLINE,
            "Focusapp is not running, so it has nothing to offer for this.",
        )

    # -- the policy cache ----------------------------------------------------------------------

    def _save_policy(self, policy: dict[str, Any]) -> None:
        # The extension asks every half minute and on each tab switch; the same answer is written
        # again only now and then (to date it), so a busy disk never holds up a reply.
        now = self._now()
        try:
            same = _dumps(policy)
        except (TypeError, ValueError):
            same = b""
        if self._cached and self._cached[0] == same and now - self._cached[1] < CACHE_REFRESH:
            return
        record = {"v": CACHE_VERSION, "saved_at": self._timestamp(), "policy": policy}
        try:
            data = _dumps(record)
            # A policy too large to send would be just as useless when read back offline.
            if len(data) > MAX_DRAINED_BYTES:
                log.warning("policy of %d bytes not cached", len(data))
                return
            _write_atomically(self._files.cache_file, data)
            self._cached = (same, now)
        except (OSError, ValueError) as exc:
            log.warning("could not cache the policy in %s: %s", self._files.cache_file, exc)

    def _load_policy(self) -> dict[str, Any]:
        path = self._files.cache_file
        try:
            if path.stat().st_size > MAX_DRAINED_BYTES:
                raise ValueError("the file is too large")
            record = json.loads(path.read_bytes())
            if not isinstance(record, dict) or record.get("v") != CACHE_VERSION:
                raise ValueError("not a policy cache this host knows")
            policy, saved_at = record.get("policy"), record.get("saved_at")
            if not isinstance(policy, dict) or not isinstance(saved_at, str):
                raise ValueError("no policy in it")
        except FileNotFoundError:
            return dict(DEFAULT_POLICY)
        except (OSError, ValueError, RecursionError) as exc:
            log.warning("ignoring the policy cache %s: %s", path, exc)
            return dict(DEFAULT_POLICY)
        return {**policy, "cached_at": saved_at}

    # -- the spool -----------------------------------------------------------------------------

    def _spool(
        self, request: NativeRequest, reply_type: str, request_id: RequestId | None
    ) -> dict[str, Any]:
        record = {
            "v": SPOOL_VERSION,
            "received_at": self._timestamp(),
            "message": request.to_args(),
        }
        try:
            append_to_spool(self._files.spool_file, _dumps(record) + b"\n", SPOOL_MAX_LINES)
        except OSError as exc:
            log.warning("could not spool %s in %s: %s", reply_type, self._files.spool_file, exc)
            return error_reply(
                reply_type,
                request_id,
                NativeErrorCode.OFFLINE,
                "Focusapp is not running and the report could not be kept for later.",
            )
        return ok_reply(reply_type, request_id, {"offline": True, "spooled": True})

    def _timestamp(self) -> str:
        return self._now().astimezone(UTC).isoformat(timespec="seconds")


def append_to_spool(spool_file: Path, line: bytes, max_lines: int) -> None:
    """Append one line, keeping only the last `max_lines`; holds the file's lock meanwhile."""
    spool_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(spool_file, os.O_RDWR | os.O_CREAT, 0o600)
    with os.fdopen(fd, "r+b") as spool:
        _lock(spool)
        content = spool.read()
        if content and not content.endswith(b"\n"):
            # A writer died mid-line: end that line so ours stays readable on its own.
            content += b"\n"
            spool.write(b"\n")
        lines = content.splitlines(keepends=True)
        if len(lines) + 1 > max_lines:
            spool.seek(0)
            spool.truncate()
            spool.writelines([*lines[len(lines) + 1 - max_lines :], line])
        else:
            spool.write(line)
        spool.flush()


def _lock(file: BinaryIO) -> None:
    if sys.platform == "win32":
        # No flock there; two browsers appending at the same moment is rare enough to accept.
        return
    import fcntl

    fcntl.flock(file.fileno(), fcntl.LOCK_EX)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode()


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    """`size` bytes, or fewer only when the input ends."""
    buffer = bytearray()
    while len(buffer) < size:
        chunk = stream.read(size - len(buffer))
        if not chunk:
            break
        buffer += chunk
    return bytes(buffer)


def _discard(stream: BinaryIO, size: int) -> int:
    left = size
    while left > 0:
        chunk = stream.read(min(left, 64 * 1024))
        if not chunk:
            break
        left -= len(chunk)
    return size - left


# -- who launched us ---------------------------------------------------------------------------


def caller_refusal(
    args: Sequence[str],
    chromium_origins: Collection[str] | None = None,
    firefox_ids: Collection[str] = (FIREFOX_EXTENSION_ID,),
) -> str | None:
    """Why the caller named in the browser's arguments may not use the host, or None if it may.

    Chromium passes the calling origin (``chrome-extension://<id>/``, then ``--parent-window=``
    on Windows); Firefox passes the manifest's path, then the extension id. No arguments means a
    person started the host by hand.
    """
    if chromium_origins is None:
        chromium_origins = (chromium_origin(),)
    positional = [arg for arg in args if not arg.startswith("--")]
    if not positional:
        return None
    first = positional[0]
    if first.startswith("chrome-extension://"):
        if first in chromium_origins:
            return None
        return f"refusing {_shorten(first)}: not the Focusapp extension"
    if len(positional) >= 2:
        if positional[1] in firefox_ids:
            return None
        return f"refusing the Firefox extension {_shorten(positional[1])}: not Focusapp's"
    if first.endswith(".json"):
        return None  # Firefox before version 55 passed only the manifest path
    return f"refusing to start: unexpected argument {_shorten(first)}"


def _shorten(text: str) -> str:
    return repr(text if len(text) <= 100 else text[:100] + "...")


# -- entry points ------------------------------------------------------------------------------


def main(
    argv: Sequence[str],
    files: NativeHostFiles,
    stdin: BinaryIO | None = None,
    stdout: BinaryIO | None = None,
) -> int:
    """Run the host on stdio. `argv` holds what the browser passed; the exit status is returned."""
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.DEBUG if os.environ.get(DEBUG_ENV) else logging.WARNING,
        format="focusapp native-host: %(levelname)s: %(message)s",
    )
    frames_out = stdout if stdout is not None else sys.stdout.buffer
    frames_in = stdin if stdin is not None else sys.stdin.buffer
    refusal = caller_refusal(argv)
    if refusal is not None:
        log.error(refusal)
        return 1
    if stdin is None and sys.stdin.isatty():
        print(
            "focusapp native-host: browsers start this to talk to Focusapp; it reads native "
            "messages on stdin (Ctrl+D ends it).",
            file=sys.stderr,
        )
    # A stray print anywhere would corrupt the frame stream: text output goes to stderr instead.
    saved_stdout, sys.stdout = sys.stdout, sys.stderr
    try:
        return NativeHost(files).serve(frames_in, frames_out)
    except BrokenPipeError:
        # The browser closed the port; keep Python from complaining at exit about unflushed stdout.
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, frames_out.fileno())
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        sys.stdout = saved_stdout


_USAGE = (
    "usage: python -m focusapp.bridge.native_host --socket=PATH --cache=PATH --spool=PATH "
    "[BROWSER ARGS...]\n(the installed host is `focusapp native-host`, which knows the paths)\n"
)


def _module_main(argv: Sequence[str]) -> int:
    """`python -m focusapp.bridge.native_host`: the same host with its files named explicitly."""
    options: dict[str, Path] = {}
    rest: list[str] = []
    for arg in argv:
        name, _, value = arg.partition("=")
        if name in ("--socket", "--cache", "--spool") and value:
            options[name[2:]] = Path(value)
        else:
            rest.append(arg)
    if set(options) != {"socket", "cache", "spool"}:
        sys.stderr.write(_USAGE)
        return 2
    files = NativeHostFiles(
        socket_path=options["socket"], cache_file=options["cache"], spool_file=options["spool"]
    )
    return main(rest, files)


if __name__ == "__main__":
    sys.exit(_module_main(sys.argv[1:]))
