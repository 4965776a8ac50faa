"""What the browser extension and the native host say to each other: frames, messages, replies.

Native messaging frames are a 32-bit length in the machine's own byte order followed by that many
bytes of UTF-8 JSON. Browsers accept at most 1 MB from a host; the host accepts far less from the
extension, because every valid message is a handful of short fields.

Messages from the extension (every one may carry an ``"id"``, a string or an integer, echoed back):

- ``{"type": "hello", "version": 1, "extension": "<extension version>"}``
- ``{"type": "get_policy"}``
- ``{"type": "activity", "site": "instagram.com", "page_kind": "feed", "active": true,
  "seconds": 5}``: time on the active tab since the last report
- ``{"type": "urge", "site": ..., "choice": "back"|"allow"|"continue", "prompt_id": ...,
  "answer": ..., "minutes": ..., "intention": ..., "trigger": ..., "page_kind": ...}``: how a
  block page or an in-page prompt ended (all but site and choice optional; "continue" is for the
  in-page prompts, which ask and step aside)
- ``{"type": "get_prompt", "trigger": "blocked_site", "site": "instagram.com"}``

Replies are ``{"type": "<the request's type>", "ok": true, ...fields}`` or
``{"type": ..., "ok": false, "error": {"code": "...", "message": "..."}}``; a frame that is not a
readable message gets ``"type": "error"``.
"""

from __future__ import annotations

import json
import math
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any, NoReturn, TypeVar, overload

NATIVE_PROTOCOL_VERSION = 1

LENGTH_PREFIX = struct.Struct("=I")  # native byte order, standard 4-byte size
# Chrome and Firefox refuse (and drop the port on) a host message above 1 MB.
MAX_OUTGOING_BYTES = 1024 * 1024
# The largest valid message is a few kilobytes (an urge with a long answer); see the field limits.
MAX_INCOMING_BYTES = 64 * 1024
# An oversized frame up to this size is read and thrown away, so the port stays usable; beyond it
# the host answers and ends rather than swallow gigabytes.
MAX_DRAINED_BYTES = 1024 * 1024

MAX_ACTIVITY_SECONDS = 3600
MAX_ALLOW_MINUTES = 24 * 60
MAX_ANSWER_CHARS = 2000
MAX_INTENTION_CHARS = 500
MAX_ID_CHARS = 64
_MAX_SAFE_INTEGER = 2**53  # beyond this JavaScript cannot represent the id it sent

_HOSTNAME = re.compile(
    r"(?=.{1,253}\Z)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
)
_TOKEN = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
_VERSION_TEXT = re.compile(r"[0-9A-Za-z.+-]{1,32}")

RequestId = str | int
_E = TypeVar("_E", bound=StrEnum)


class MessageType(StrEnum):
    HELLO = "hello"
    GET_POLICY = "get_policy"
    ACTIVITY = "activity"
    URGE = "urge"
    GET_PROMPT = "get_prompt"


class PageKind(StrEnum):
    """What kind of page the active tab shows; the feed and notifications are where urges live."""

    FEED = "feed"
    OWN_PROFILE = "own_profile"
    NOTIFICATIONS = "notifications"
    OTHER_PROFILE = "other_profile"
    POST = "post"
    OTHER = "other"


class UrgeChoice(StrEnum):
    BACK = "back"
    ALLOW = "allow"
    CONTINUE = "continue"


class NativeErrorCode(StrEnum):
    """Codes of the host's own error replies; errors the app gives are relayed with its codes."""

    BAD_FRAME = "bad_frame"
    TOO_LARGE = "too_large"
    BAD_JSON = "bad_json"
    BAD_MESSAGE = "bad_message"
    UNKNOWN_TYPE = "unknown_type"
    VERSION = "version"
    OFFLINE = "offline"
    INTERNAL = "internal"


@dataclass(frozen=True)
class Hello:
    version: int
    extension: str


@dataclass(frozen=True)
class GetPolicy:
    """Asks for the current policy; it carries no fields."""


@dataclass(frozen=True)
class Activity:
    site: str
    page_kind: PageKind
    active: bool
    seconds: float


@dataclass(frozen=True)
class Urge:
    site: str
    choice: UrgeChoice
    prompt_id: str | None = None
    answer: str | None = None
    minutes: float | None = None
    intention: str | None = None
    trigger: str | None = None
    page_kind: PageKind | None = None


@dataclass(frozen=True)
class GetPrompt:
    trigger: str
    site: str


Message = Hello | GetPolicy | Activity | Urge | GetPrompt

_TYPES: dict[type[Any], MessageType] = {
    Hello: MessageType.HELLO,
    GetPolicy: MessageType.GET_POLICY,
    Activity: MessageType.ACTIVITY,
    Urge: MessageType.URGE,
    GetPrompt: MessageType.GET_PROMPT,
}


@dataclass(frozen=True)
class NativeRequest:
    message: Message
    id: RequestId | None = None

    @property
    def type(self) -> MessageType:
        return _TYPES[type(self.message)]

    def to_args(self) -> dict[str, Any]:
        """The message as plain JSON data (with its type, without the id): what the app receives."""
        data: dict[str, Any] = {"type": str(self.type)}
        for f in fields(self.message):
            value = getattr(self.message, f.name)
            data[f.name] = str(value) if isinstance(value, StrEnum) else value
        return data


class MessageError(Exception):
    """A frame that is not a valid message; `reply_type` and `request_id` shape the error reply."""

    def __init__(
        self,
        code: str,
        message: str,
        request_id: RequestId | None = None,
        reply_type: str = "error",
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.request_id = request_id
        self.reply_type = reply_type


# -- frames ------------------------------------------------------------------------------------


class FrameTooLarge(ValueError):
    """An outgoing message longer than browsers accept."""


def encode_frame(message: dict[str, Any]) -> bytes:
    """Length prefix and JSON. ASCII escapes keep every string encodable, even lone surrogates."""
    payload = json.dumps(message, ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode(
        "ascii"
    )
    if len(payload) > MAX_OUTGOING_BYTES:
        raise FrameTooLarge(f"{len(payload)} bytes is more than a browser accepts")
    return LENGTH_PREFIX.pack(len(payload)) + payload


def decode_length(prefix: bytes) -> int:
    return int(LENGTH_PREFIX.unpack(prefix)[0])


# -- replies -----------------------------------------------------------------------------------


def ok_reply(
    reply_type: str, request_id: RequestId | None, result: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A success reply; `type`, `ok` and `id` always win over same-named result fields."""
    reply: dict[str, Any] = dict(result or {})
    reply["type"] = reply_type
    reply["ok"] = True
    reply.pop("id", None)
    if request_id is not None:
        reply["id"] = request_id
    return reply


def error_reply(
    reply_type: str, request_id: RequestId | None, code: str, message: str
) -> dict[str, Any]:
    reply: dict[str, Any] = {
        "type": reply_type,
        "ok": False,
        "error": {"code": code, "message": message},
    }
    if request_id is not None:
        reply["id"] = request_id
    return reply


# -- messages ----------------------------------------------------------------------------------


def parse_message(payload: bytes) -> NativeRequest:
    """Validate one frame's payload; raises `MessageError` saying what is wrong with it."""
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        raise MessageError(NativeErrorCode.BAD_JSON, "The message is not valid UTF-8.") from None
    try:
        obj = json.loads(text, parse_constant=_reject_constant)
    # RecursionError: deep nesting; ValueError: broken JSON, NaN, integers of thousands of digits.
    except (ValueError, RecursionError):
        raise MessageError(NativeErrorCode.BAD_JSON, "The message is not valid JSON.") from None
    if not isinstance(obj, dict):
        raise MessageError(NativeErrorCode.BAD_MESSAGE, "The message is not a JSON object.")

    raw_id = obj.get("id")
    request_id = raw_id if _is_request_id(raw_id) else None
    raw_type = obj.get("type")
    if not isinstance(raw_type, str):
        raise MessageError(
            NativeErrorCode.BAD_MESSAGE, "The message has no 'type' string.", request_id
        )
    try:
        message_type = MessageType(raw_type)
    except ValueError:
        raise MessageError(
            NativeErrorCode.UNKNOWN_TYPE, "The message type is not one this host knows.", request_id
        ) from None
    if "id" in obj and request_id is None:
        raise MessageError(
            NativeErrorCode.BAD_MESSAGE,
            f"The id must be a string of at most {MAX_ID_CHARS} characters or a safe integer.",
            None,
            message_type,
        )
    body = _Fields(obj, message_type, request_id)
    message = _PARSERS[message_type](body)
    body.done()
    return NativeRequest(message=message, id=request_id)


class _Fields:
    """Reads a message's fields one by one; any field left unread at the end is an error."""

    def __init__(
        self, obj: dict[str, Any], message_type: MessageType, request_id: RequestId | None
    ) -> None:
        self._obj = obj
        self._type = message_type
        self._id = request_id
        self._unread = set(obj) - {"type", "id"}

    def fail(self, message: str, code: str = NativeErrorCode.BAD_MESSAGE) -> NoReturn:
        raise MessageError(code, message, self._id, self._type)

    def _take(self, name: str, optional: bool) -> Any:
        self._unread.discard(name)
        if name not in self._obj or (optional and self._obj[name] is None):
            if optional:
                return None
            self.fail(f"'{self._type}' needs a '{name}' field.")
        return self._obj[name]

    def text(self, name: str, max_chars: int, optional: bool = False) -> str | None:
        value = self._take(name, optional)
        if value is None:
            return None
        if not isinstance(value, str) or not _encodable(value):
            self.fail(f"'{name}' must be text.")
        if len(value) > max_chars:
            self.fail(f"'{name}' is longer than {max_chars} characters.")
        return value

    def token(self, name: str, pattern: re.Pattern[str], optional: bool = False) -> str | None:
        value = self._take(name, optional)
        if value is None:
            return None
        if not isinstance(value, str) or pattern.fullmatch(value) is None:
            self.fail(f"'{name}' is not a valid value.")
        return value

    def site(self, name: str) -> str:
        value = self._take(name, optional=False)
        if isinstance(value, str):
            host = value.lower().removesuffix(".")
            if _HOSTNAME.fullmatch(host):
                return host
        self.fail(f"'{name}' must be a host name such as 'instagram.com'.")

    @overload
    def choice(self, name: str, kind: type[_E]) -> _E: ...
    @overload
    def choice(self, name: str, kind: type[_E], optional: bool) -> _E | None: ...
    def choice(self, name: str, kind: type[_E], optional: bool = False) -> _E | None:
        value = self._take(name, optional=optional)
        if value is None and optional:
            return None
        if isinstance(value, str):
            try:
                return kind(value)
            except ValueError:
                pass  # not one of the choices: the refusal below names them
        allowed = ", ".join(str(member) for member in kind)
        self.fail(f"'{name}' must be one of: {allowed}.")

    def boolean(self, name: str) -> bool:
        value = self._take(name, optional=False)
        if not isinstance(value, bool):
            self.fail(f"'{name}' must be true or false.")
        return value

    def number(self, name: str, low: float, high: float, optional: bool = False) -> float | None:
        value = self._take(name, optional)
        if value is None:
            return None
        # bool is an int subclass, but `true` is not a number of seconds.
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(f"'{name}' must be a number.")
        if not (math.isfinite(value) and low <= value <= high):
            self.fail(f"'{name}' must be between {low:g} and {high:g}.")
        return value

    def integer(self, name: str) -> int:
        value = self._take(name, optional=False)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(f"'{name}' must be an integer.")
        return value

    def done(self) -> None:
        if self._unread:
            names = ", ".join(repr(n) for n in sorted(self._unread)[:5])
            self.fail(f"'{self._type}' has fields it does not take: {names}.")


def _parse_hello(body: _Fields) -> Hello:
    version = body.integer("version")
    extension = body.token("extension", _VERSION_TEXT)
    assert extension is not None
    if version != NATIVE_PROTOCOL_VERSION:
        body.fail(
            f"This Focusapp speaks native protocol version {NATIVE_PROTOCOL_VERSION}, not "
            f"{version}; update the extension or Focusapp so both match.",
            NativeErrorCode.VERSION,
        )
    return Hello(version=version, extension=extension)


def _parse_get_policy(body: _Fields) -> GetPolicy:
    return GetPolicy()


def _parse_activity(body: _Fields) -> Activity:
    site = body.site("site")
    page_kind = body.choice("page_kind", PageKind)
    active = body.boolean("active")
    seconds = body.number("seconds", 0, MAX_ACTIVITY_SECONDS)
    assert seconds is not None
    return Activity(site=site, page_kind=page_kind, active=active, seconds=seconds)


def _parse_urge(body: _Fields) -> Urge:
    return Urge(
        site=body.site("site"),
        choice=body.choice("choice", UrgeChoice),
        prompt_id=body.token("prompt_id", _TOKEN, optional=True),
        answer=body.text("answer", MAX_ANSWER_CHARS, optional=True),
        minutes=body.number("minutes", 0, MAX_ALLOW_MINUTES, optional=True),
        intention=body.text("intention", MAX_INTENTION_CHARS, optional=True),
        trigger=body.token("trigger", _TOKEN, optional=True),
        page_kind=body.choice("page_kind", PageKind, optional=True),
    )


def _parse_get_prompt(body: _Fields) -> GetPrompt:
    trigger = body.token("trigger", _TOKEN)
    assert trigger is not None
    return GetPrompt(trigger=trigger, site=body.site("site"))


_PARSERS: dict[MessageType, Callable[[_Fields], Message]] = {
    MessageType.HELLO: _parse_hello,
    MessageType.GET_POLICY: _parse_get_policy,
    MessageType.ACTIVITY: _parse_activity,
    MessageType.URGE: _parse_urge,
    MessageType.GET_PROMPT: _parse_get_prompt,
}


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not JSON")


def _encodable(text: str) -> bool:
    # json.loads turns "\ud800" into a lone surrogate, which no file or socket can take as UTF-8.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_request_id(value: object) -> bool:
    if isinstance(value, str):
        return len(value) <= MAX_ID_CHARS and _encodable(value)
    return (
        isinstance(value, int) and not isinstance(value, bool) and abs(value) <= _MAX_SAFE_INTEGER
    )
