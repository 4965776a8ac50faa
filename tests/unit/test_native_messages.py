"""The native-messaging wire format: frames in the machine's byte order and strict messages."""

from __future__ import annotations

import json
import struct
import sys
from typing import Any

import pytest

from focusapp.bridge.native_messages import (
    MAX_OUTGOING_BYTES,
    Activity,
    FrameTooLarge,
    GetPolicy,
    GetPrompt,
    Hello,
    MessageError,
    MessageType,
    NativeErrorCode,
    NativeRequest,
    PageKind,
    Urge,
    UrgeChoice,
    decode_length,
    encode_frame,
    error_reply,
    ok_reply,
    parse_message,
)


def parse(obj: Any) -> NativeRequest:
    return parse_message(json.dumps(obj).encode("utf-8"))


def refusal(payload: bytes | dict[str, Any]) -> MessageError:
    raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode("utf-8")
    with pytest.raises(MessageError) as caught:
        parse_message(raw)
    return caught.value


ACTIVITY = {"type": "activity", "site": "instagram.com", "page_kind": "feed", "active": True}


# -- frames ------------------------------------------------------------------------------------


def test_frame_is_native_order_length_then_compact_json() -> None:
    raw = encode_frame({"type": "hello", "ok": True})
    payload = b'{"type":"hello","ok":true}'
    assert raw == struct.pack("=I", len(payload)) + payload
    expected_order = "little" if sys.byteorder == "little" else "big"
    assert raw[:4] == len(payload).to_bytes(4, expected_order)
    assert decode_length(raw[:4]) == len(payload)


def test_frame_escapes_text_so_any_string_is_sendable() -> None:
    raw = encode_frame({"type": "x", "ok": True, "text": "caf\u00e9 \ud800"})
    assert raw[4:].isascii()
    assert json.loads(raw[4:])["text"] == "caf\u00e9 \ud800"


def test_frame_over_one_megabyte_is_refused() -> None:
    filler = "x" * (MAX_OUTGOING_BYTES - len('{"b":""}'))
    assert len(encode_frame({"b": filler})) == 4 + MAX_OUTGOING_BYTES
    with pytest.raises(FrameTooLarge):
        encode_frame({"b": filler + "x"})


def test_reply_fields_cannot_be_overridden_by_a_result() -> None:
    reply = ok_reply("get_policy", 7, {"type": "evil", "ok": False, "id": "other", "x": 1})
    assert reply == {"type": "get_policy", "ok": True, "id": 7, "x": 1}
    assert ok_reply("hello", None, {"id": 3}) == {"type": "hello", "ok": True}
    assert error_reply("error", None, "bad_json", "no") == {
        "type": "error",
        "ok": False,
        "error": {"code": "bad_json", "message": "no"},
    }


# -- valid messages ----------------------------------------------------------------------------


def test_each_message_type_parses_into_its_value() -> None:
    assert parse({"type": "hello", "version": 1, "extension": "0.1.0"}).message == Hello(1, "0.1.0")
    assert parse({"type": "get_policy", "id": "a"}) == NativeRequest(GetPolicy(), "a")
    assert parse({**ACTIVITY, "seconds": 5}).message == Activity(
        "instagram.com", PageKind.FEED, True, 5
    )
    assert parse({"type": "get_prompt", "trigger": "blocked_site", "site": "x.com"}).message == (
        GetPrompt("blocked_site", "x.com")
    )
    urge = {
        "type": "urge",
        "site": "tiktok.com",
        "prompt_id": "curious-1",
        "answer": "I wanted to see if anyone liked it",
        "choice": "allow",
        "minutes": 5,
        "intention": "reply to Sam",
        "id": 12,
    }
    parsed = parse(urge)
    assert parsed.id == 12
    assert parsed.message == Urge(
        "tiktok.com",
        UrgeChoice.ALLOW,
        "curious-1",
        "I wanted to see if anyone liked it",
        5,
        "reply to Sam",
    )


def test_relayed_arguments_are_the_message_without_its_id() -> None:
    parsed = parse({**ACTIVITY, "seconds": 2.5, "id": 4})
    assert parsed.type is MessageType.ACTIVITY
    args = parsed.to_args()
    assert args == {
        "type": "activity",
        "site": "instagram.com",
        "page_kind": "feed",
        "active": True,
        "seconds": 2.5,
    }
    assert type(args["page_kind"]) is str  # plain JSON data, no enum objects


def test_urge_optional_fields_may_be_missing_or_null() -> None:
    parsed = parse({"type": "urge", "site": "x.com", "choice": "back", "answer": None})
    assert parsed.message == Urge("x.com", UrgeChoice.BACK)


def test_site_is_normalised_to_a_lowercase_host_name() -> None:
    assert parse({**ACTIVITY, "site": "WWW.Instagram.COM.", "seconds": 1}).to_args()["site"] == (
        "www.instagram.com"
    )


# -- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        (b"", NativeErrorCode.BAD_JSON),
        (b"{not json", NativeErrorCode.BAD_JSON),
        (b"\xff\xfe{}", NativeErrorCode.BAD_JSON),
        (b'{"type": "get_policy", "x": NaN}', NativeErrorCode.BAD_JSON),
        (b'{"type": "get_policy", "id": ' + b"9" * 5000 + b"}", NativeErrorCode.BAD_JSON),
        (b"[" * 50_000 + b"]" * 50_000, NativeErrorCode.BAD_JSON),
        (b"[1, 2]", NativeErrorCode.BAD_MESSAGE),
        (b'"get_policy"', NativeErrorCode.BAD_MESSAGE),
        (b"null", NativeErrorCode.BAD_MESSAGE),
        (b"{}", NativeErrorCode.BAD_MESSAGE),
        (b'{"type": 3}', NativeErrorCode.BAD_MESSAGE),
        (b'{"type": "rm -rf"}', NativeErrorCode.UNKNOWN_TYPE),
        (b'{"type": "__class__"}', NativeErrorCode.UNKNOWN_TYPE),
    ],
)
def test_unreadable_frames_are_refused_with_a_code(payload: bytes, code: str) -> None:
    assert refusal(payload).code == code


@pytest.mark.parametrize(
    "message",
    [
        {**ACTIVITY},  # no seconds
        {**ACTIVITY, "seconds": -1},
        {**ACTIVITY, "seconds": 3601},
        {**ACTIVITY, "seconds": True},
        {**ACTIVITY, "seconds": "5"},
        {**ACTIVITY, "seconds": 5, "active": 1},
        {**ACTIVITY, "seconds": 5, "page_kind": "stories"},
        {**ACTIVITY, "seconds": 5, "site": "https://instagram.com/"},
        {**ACTIVITY, "seconds": 5, "site": "a b.com"},
        {**ACTIVITY, "seconds": 5, "site": "x" * 300},
        {**ACTIVITY, "seconds": 5, "site": ["instagram.com"]},
        {**ACTIVITY, "seconds": 5, "extra": 1},
        {"type": "get_policy", "verbose": True},
        {"type": "hello", "version": "1", "extension": "0.1.0"},
        {"type": "hello", "version": 1, "extension": "<script>"},
        {"type": "hello", "version": 1},
        {"type": "urge", "site": "x.com", "choice": "maybe"},
        {"type": "urge", "site": "x.com", "choice": "back", "answer": "a" * 2001},
        {"type": "urge", "site": "x.com", "choice": "back", "answer": "\ud800"},
        {"type": "urge", "site": "x.com", "choice": "back", "minutes": 1e9},
        {"type": "urge", "site": "x.com", "choice": "back", "prompt_id": "a/b"},
        {"type": "get_prompt", "site": "x.com"},
        {"type": "get_policy", "id": ["a"]},
        {"type": "get_policy", "id": "x" * 65},
        {"type": "get_policy", "id": 2**60},
        {"type": "get_policy", "id": True},
    ],
)
def test_messages_that_break_the_schema_are_refused(message: dict[str, Any]) -> None:
    error = refusal(message)
    assert error.code == NativeErrorCode.BAD_MESSAGE
    assert error.reply_type == message["type"]


def test_nested_value_in_a_field_is_refused_not_relayed() -> None:
    deep: Any = "instagram.com"
    for _ in range(500):
        deep = [deep]
    assert refusal({**ACTIVITY, "seconds": 5, "site": deep}).code == NativeErrorCode.BAD_MESSAGE


def test_refusal_echoes_a_usable_id() -> None:
    assert refusal({**ACTIVITY, "seconds": -1, "id": "r1"}).request_id == "r1"
    assert refusal({"type": "nope", "id": 9}).request_id == 9
    assert refusal({"type": "get_policy", "id": 2**60}).request_id is None


def test_other_protocol_version_is_a_version_error() -> None:
    error = refusal({"type": "hello", "version": 2, "extension": "9.0"})
    assert error.code == NativeErrorCode.VERSION
    assert "version 1" in error.message
