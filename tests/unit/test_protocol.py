"""The wire format: what a valid line looks like, and how every kind of broken line is refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from focusapp.bridge.protocol import (
    MAX_LINE_BYTES,
    PROTOCOL_VERSION,
    ErrorCode,
    ProtocolError,
    RemoteError,
    Request,
    Response,
    decode_request,
    decode_response,
    encode_request,
    encode_response,
)

REPO_ROOT = Path(__file__).resolve().parents[2]


def line(obj: Any) -> bytes:
    return json.dumps(obj).encode() + b"\n"


def valid(**overrides: Any) -> dict[str, Any]:
    message: dict[str, Any] = {"v": 1, "id": 7, "cmd": "status", "args": {}}
    message.update(overrides)
    return message


def refusal(raw: bytes) -> ProtocolError:
    with pytest.raises(ProtocolError) as caught:
        decode_request(raw)
    return caught.value


# -- round trips -------------------------------------------------------------------------------


def test_request_round_trip_keeps_command_arguments_and_id() -> None:
    raw = encode_request("start", {"minutes": 25, "profile": "Deep work"}, id="a1")
    assert raw.endswith(b"\n") and raw.count(b"\n") == 1
    assert decode_request(raw) == Request(
        cmd="start", args={"minutes": 25, "profile": "Deep work"}, id="a1", v=1
    )


def test_request_line_is_the_documented_json_shape() -> None:
    assert json.loads(encode_request("status", None, id=3)) == {
        "v": PROTOCOL_VERSION,
        "id": 3,
        "cmd": "status",
        "args": {},
    }


def test_non_ascii_arguments_never_put_a_raw_newline_in_the_line() -> None:
    raw = encode_request("journal.note", {"text": "line one\nligne deux, été 🌿"}, id=1)
    assert raw.count(b"\n") == 1
    assert decode_request(raw).args["text"] == "line one\nligne deux, été 🌿"


def test_success_response_round_trip() -> None:
    response = Response.success("x", {"state": "focus", "remaining_s": 120})
    raw = encode_response(response)
    assert json.loads(raw) == {
        "v": 1,
        "id": "x",
        "ok": True,
        "result": {"state": "focus", "remaining_s": 120},
    }
    assert decode_response(raw) == response


def test_error_response_round_trip() -> None:
    response = Response.failure(4, ErrorCode.REFUSED, "A strict session cannot be stopped.")
    raw = encode_response(response)
    assert json.loads(raw)["error"] == {
        "code": "refused",
        "message": "A strict session cannot be stopped.",
    }
    decoded = decode_response(raw)
    assert not decoded.ok
    assert decoded.error is not None
    assert (decoded.error.code, decoded.error.message) == (
        "refused",
        "A strict session cannot be stopped.",
    )


def test_error_response_for_an_unreadable_request_has_a_null_id() -> None:
    raw = encode_response(Response.failure(None, ErrorCode.USAGE, "Not JSON."))
    assert json.loads(raw)["id"] is None
    assert decode_response(raw).id is None


def test_remote_error_exit_status_follows_the_cli_contract() -> None:
    assert RemoteError("refused", "no").exit_status == 4
    assert RemoteError("usage", "no").exit_status == 2
    assert RemoteError("something-new", "no").exit_status == 1


# -- every way a request line can be wrong -----------------------------------------------------


def test_bytes_that_are_not_utf8_are_refused() -> None:
    error = refusal(b'{"v": 1, "id": 1, "cmd": "st\xffatus", "args": {}}\n')
    assert error.code == "usage"
    assert "UTF-8" in error.message


@pytest.mark.parametrize("raw", [b"", b"\n", b"{", b"status please\n", b'{"v": 1,}\n', b"NaN\n"])
def test_text_that_is_not_json_is_refused(raw: bytes) -> None:
    error = refusal(raw)
    assert error.code == "usage"
    assert "JSON" in error.message


def test_nan_inside_the_arguments_is_not_json() -> None:
    assert "not valid JSON" in refusal(b'{"v":1,"id":1,"cmd":"a","args":{"x":NaN}}').message


def test_deeply_nested_json_is_refused_not_crashing() -> None:
    raw = b"[" * 60000 + b"]" * 60000
    assert refusal(raw).code == "usage"


@pytest.mark.parametrize("obj", [[1, 2], "status", 3, None, True])
def test_json_that_is_not_an_object_is_refused(obj: Any) -> None:
    assert "not a JSON object" in refusal(line(obj)).message


def test_missing_version_is_refused() -> None:
    message = valid()
    del message["v"]
    assert "version" in refusal(line(message)).message


@pytest.mark.parametrize("version", ["1", 1.0, True, None, [1]])
def test_wrongly_typed_version_is_refused(version: Any) -> None:
    error = refusal(line(valid(v=version)))
    assert error.code == "usage"
    assert "integer" in error.message


@pytest.mark.parametrize("version", [0, 2, 99])
def test_unsupported_version_says_which_versions_are_spoken(version: int) -> None:
    error = refusal(line(valid(v=version, id="q")))
    assert error.code == "version"
    assert f"{version} is not supported" in error.message
    assert "version 1" in error.message
    assert error.request_id == "q"


def test_missing_id_is_refused() -> None:
    message = valid()
    del message["id"]
    assert "no id" in refusal(line(message)).message


@pytest.mark.parametrize("request_id", [None, 1.5, True, [1], {"a": 1}])
def test_wrongly_typed_id_is_refused(request_id: Any) -> None:
    error = refusal(line(valid(id=request_id)))
    assert "id must be" in error.message
    assert error.request_id is None


def test_missing_command_is_refused() -> None:
    message = valid()
    del message["cmd"]
    error = refusal(line(message))
    assert "no command" in error.message
    assert error.request_id == 7


@pytest.mark.parametrize("cmd", [1, None, ["status"], {"name": "status"}])
def test_wrongly_typed_command_is_refused(cmd: Any) -> None:
    assert "must be a string" in refusal(line(valid(cmd=cmd))).message


@pytest.mark.parametrize(
    "cmd",
    ["", "Status", "9lives", "_private", "status\n", "stat us", "a" * 65, "ümlaut", "-x", "a/b"],
)
def test_command_names_outside_the_pattern_are_refused(cmd: str) -> None:
    assert refusal(line(valid(cmd=cmd))).message == "The command name is not valid."


@pytest.mark.parametrize("cmd", ["a", "status", "journal.export", "set-limit", "x_1", "a" * 64])
def test_command_names_inside_the_pattern_are_accepted(cmd: str) -> None:
    assert decode_request(line(valid(cmd=cmd))).cmd == cmd


@pytest.mark.parametrize("args", [[], "x", 1, None])
def test_arguments_that_are_not_an_object_are_refused(args: Any) -> None:
    assert "JSON object" in refusal(line(valid(args=args))).message


def test_left_out_arguments_mean_no_arguments() -> None:
    message = valid()
    del message["args"]
    assert decode_request(line(message)).args == {}


def test_a_line_longer_than_the_limit_is_refused_before_parsing() -> None:
    raw = line(valid(args={"pad": "x" * MAX_LINE_BYTES}))
    error = refusal(raw)
    assert error.code == "usage"
    assert str(MAX_LINE_BYTES) in error.message


def test_encoding_refuses_what_the_server_would_refuse() -> None:
    with pytest.raises(ProtocolError):
        encode_request("Bad Name", {})
    with pytest.raises(ProtocolError):
        encode_request("status", {"pad": "x" * MAX_LINE_BYTES})
    with pytest.raises(ProtocolError):
        encode_request("status", {"when": object()})
    with pytest.raises(ProtocolError):
        encode_request("status", {}, id=True)


# -- responses that cannot be trusted ----------------------------------------------------------


@pytest.mark.parametrize(
    "obj",
    [
        {"id": 1, "ok": True, "result": {}},
        {"v": 2, "id": 1, "ok": True, "result": {}},
        {"v": 1, "id": 1.5, "ok": True, "result": {}},
        {"v": 1, "id": 1, "ok": "yes", "result": {}},
        {"v": 1, "id": 1, "ok": True, "result": []},
        {"v": 1, "id": 1, "ok": False},
        {"v": 1, "id": 1, "ok": False, "error": {"code": 3, "message": "x"}},
        {"v": 1, "id": 1, "ok": False, "error": {"code": "error"}},
    ],
)
def test_malformed_responses_are_protocol_errors(obj: dict[str, Any]) -> None:
    with pytest.raises(ProtocolError):
        decode_response(line(obj))


# -- fuzzing -----------------------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=2048))
def test_decoding_arbitrary_bytes_raises_only_protocol_errors(raw: bytes) -> None:
    try:
        decoded = decode_request(raw)
    except ProtocolError as exc:
        assert exc.code in {"usage", "version"}
    else:
        assert isinstance(decoded, Request)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "v": st.just(1) | json_values,
            "id": json_values,
            "cmd": st.sampled_from(["status", "Bad"]) | json_values,
            "args": st.builds(dict) | json_values,
            "extra": json_values,
        },
    )
)
def test_decoding_arbitrary_json_objects_raises_only_protocol_errors(obj: dict[str, Any]) -> None:
    raw = json.dumps(obj).encode()
    try:
        decoded = decode_request(raw)
    except ProtocolError:
        return
    assert decoded.v == PROTOCOL_VERSION


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=2048))
def test_decoding_arbitrary_response_bytes_raises_only_protocol_errors(raw: bytes) -> None:
    try:
        decoded = decode_response(raw)
    except ProtocolError as exc:
        assert exc.code in {"usage", "error", "version"}
    else:
        assert isinstance(decoded, Response)


plain_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53), max_value=2**53)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(deadline=None)
@given(
    cmd=st.from_regex(r"[a-z][a-z0-9_.-]{0,63}", fullmatch=True),
    args=st.dictionaries(st.text(max_size=10), plain_json, max_size=5),
    request_id=st.one_of(st.integers(), st.text(max_size=30)),
)
def test_any_valid_request_survives_a_round_trip(
    cmd: str, args: dict[str, Any], request_id: int | str
) -> None:
    assert decode_request(encode_request(cmd, args, request_id)) == Request(
        cmd=cmd, args=args, id=request_id
    )


def test_the_cli_side_of_the_socket_never_loads_qt() -> None:
    # `focusapp status` imports these; loading Qt would cost it a noticeable start-up delay.
    code = (
        "import sys, focusapp.bridge.protocol, focusapp.bridge.ipc_client, "
        "focusapp.bridge.single_instance; "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)),
    ).stdout
    assert out.strip() == "[]"
