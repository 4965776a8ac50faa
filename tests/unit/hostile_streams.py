"""Hostile stdin for the native host: hypothesis strategies for byte streams, and a runner.

A stream is a list of `Part`s, each some bytes for the host's stdin and what the host must answer
to them. What each part is owed is written down when it is generated, from its category (invalid
UTF-8 is `bad_json`, a JSON array is `bad_message`, 64 KiB + 1 bytes is `too_large` and the host
goes on, ...), not read back from the host's own parser; only random bytes and random JSON
documents, whose category is the point of generating them, ask the parser what they are. Parts that
leave the stream unusable (a cut length prefix, a frame cut short, a length beyond what the host
drains) only come last.

`feed_host` runs the real host process as a browser does, writes the stream without closing stdin,
and requires every answer owed so far to arrive while stdin is still open (a host that waits for
more input than a frame needs would hang a browser's port), then closes stdin and requires the
process to end. Every byte it wrote to stdout must belong to a well-formed frame.
"""

from __future__ import annotations

import contextlib
import enum
import json
import os
import select
import struct
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from hypothesis import strategies as st

from focusapp.bridge.native_messages import (
    MAX_DRAINED_BYTES,
    MAX_INCOMING_BYTES,
    MessageError,
    MessageType,
    NativeErrorCode,
    RequestId,
    parse_message,
)
from tests.unit.native_fakes import MAX_BROWSER_FRAME, REPO_ROOT, parse_frames

PREFIX = struct.Struct("=I")
KNOWN_TYPES = [str(t) for t in MessageType]
# Host names the host accepts; the app is stricter about some (no dot, digits only): the
# real-app test uses those to find answers the two layers disagree on.
HOSTS = ["x.com", "www.instagram.com", "old.reddit.com", "bsky.app", "a-b.example", "tiktok.com"]
ODD_HOSTS = ["localhost", "127.0.0.1", "xn--bcher-kva.example", "www.example.co.uk"]
INVALID_UTF8 = [
    b"\xff",  # never valid
    b"\x80",  # a continuation byte alone
    b"\xc0\xaf",  # overlong "/"
    b"\xed\xa0\x80",  # an encoded surrogate
    b"\xf4\x90\x80\x80",  # beyond U+10FFFF
    b"\xe2\x82",  # a sequence cut short
]


class Ends(enum.Enum):
    """What a part does to the rest of the stream."""

    NO = "the host answers and keeps serving"
    NOW = "the host answers and exits without waiting for more input"
    AT_EOF = "the host can only tell once input ends: then it answers and exits"


@dataclass(frozen=True)
class Part:
    data: bytes = field(repr=False)
    label: str
    # The error code owed, or None for a success relayed from the app.
    code: str | None
    reply_type: str = "error"
    request_id: RequestId | None = None
    # For a valid message: the arguments the app must receive.
    relayed: dict[str, Any] | None = None
    ends: Ends = Ends.NO

    def __repr__(self) -> str:
        return f"Part({self.label}, {len(self.data)} bytes, owed={self.code or 'ok'})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # Hypothesis prints failing examples with this: a megabyte of payload helps nobody.
        printer.text(repr(self))


def framed(
    payload: bytes,
    label: str,
    code: str | None,
    reply_type: str = "error",
    request_id: RequestId | None = None,
    relayed: dict[str, Any] | None = None,
) -> Part:
    """A whole frame; if the payload is over the limit, what it is owed is `too_large` instead."""
    data = PREFIX.pack(len(payload)) + payload
    if len(payload) > MAX_DRAINED_BYTES:
        label = f"{label}, {len(payload)} bytes"
        return Part(data, label, NativeErrorCode.TOO_LARGE, ends=Ends.NOW)
    if len(payload) > MAX_INCOMING_BYTES:
        return Part(data, f"{label}, {len(payload)} bytes (drained)", NativeErrorCode.TOO_LARGE)
    return Part(data, label, code, reply_type, request_id, relayed)


def _json(obj: Any) -> bytes:
    return json.dumps(obj).encode("utf-8")


# -- valid messages ----------------------------------------------------------------------------

request_ids = st.one_of(
    st.none(),
    st.integers(-(2**53), 2**53),
    st.text(max_size=64),
)
tokens = st.from_regex(r"[A-Za-z0-9_.:-]{1,64}", fullmatch=True)


def _valid(hosts: Sequence[str]) -> st.SearchStrategy[dict[str, Any]]:
    sites = st.sampled_from(list(hosts))
    seconds = st.one_of(st.integers(0, 3600), st.floats(0, 3600, allow_nan=False))
    return st.one_of(
        st.fixed_dictionaries(
            {
                "type": st.just("hello"),
                "version": st.just(1),
                "extension": st.from_regex(r"[0-9A-Za-z.+-]{1,32}", fullmatch=True),
            }
        ),
        st.just({"type": "get_policy"}),
        st.fixed_dictionaries(
            {
                "type": st.just("activity"),
                "site": sites,
                "page_kind": st.sampled_from(
                    ["feed", "own_profile", "notifications", "other_profile", "post", "other"]
                ),
                "active": st.booleans(),
                "seconds": seconds,
            }
        ),
        st.fixed_dictionaries(
            {"type": st.just("urge"), "site": sites, "choice": st.sampled_from(["back", "allow"])},
            optional={
                "prompt_id": tokens,
                "answer": st.text(max_size=2000),
                "minutes": st.integers(0, 1440),
                "intention": st.text(max_size=500),
            },
        ),
        st.fixed_dictionaries({"type": st.just("get_prompt"), "trigger": tokens, "site": sites}),
    )


@st.composite
def valid_messages(draw: st.DrawFn, hosts: Sequence[str] = HOSTS) -> Part:
    message = draw(_valid(hosts))
    request_id = draw(request_ids)
    kind = message["type"]
    body = message if request_id is None else {**message, "id": request_id}
    payload = _json(body)
    # What the app receives is what the parser makes of it (every field of the type, absent
    # optional ones as null, no id): the host must carry exactly that across.
    relayed = parse_message(payload).to_args()
    assert {**relayed, **message} == relayed, (message, relayed)
    return framed(payload, f"valid {kind}", None, kind, request_id, relayed)


# -- broken messages ---------------------------------------------------------------------------


@st.composite
def invalid_utf8(draw: st.DrawFn) -> Part:
    bad = draw(st.sampled_from(INVALID_UTF8))
    before, after = draw(st.text(max_size=20)), draw(st.text(max_size=20))
    payload = (
        b'{"type":"urge","site":"x.com","choice":"back","answer":"'
        + before.encode()
        + bad
        + after.encode()
        + b'"}'
    )
    # Decoding fails before JSON is looked at, whatever the text around the bad bytes holds.
    return framed(payload, "invalid UTF-8", "bad_json")


@st.composite
def cut_json(draw: st.DrawFn) -> Part:
    whole = draw(valid_messages()).data[PREFIX.size :]
    cut = draw(st.integers(0, len(whole) - 1))
    return framed(whole[:cut], "a message cut mid-JSON", "bad_json")


json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=50),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=25,
)


@st.composite
def not_an_object(draw: st.DrawFn) -> Part:
    value = draw(json_values.filter(lambda v: not isinstance(v, dict)))
    return framed(_json(value), "JSON that is not an object", "bad_message")


def _oracle(payload: bytes, label: str) -> Part:
    """For random bytes and random JSON: the host's parser says what they are."""
    try:
        request = parse_message(payload)
    except MessageError as exc:
        return framed(payload, label, exc.code, exc.reply_type, exc.request_id)
    relayed = request.to_args()
    return framed(payload, label, None, str(request.type), request.id, relayed)


random_bytes = st.binary(max_size=300).map(lambda b: _oracle(b, "random bytes"))
random_objects = st.dictionaries(
    st.one_of(st.sampled_from(["type", "id", "site", "seconds"]), st.text(max_size=10)),
    json_values,
    max_size=6,
).map(lambda obj: _oracle(_json(obj), "a random JSON object"))


@st.composite
def unknown_type(draw: st.DrawFn) -> Part:
    kind = draw(st.text(max_size=30).filter(lambda t: t not in KNOWN_TYPES))
    request_id = draw(request_ids)
    body: dict[str, Any] = {"type": kind, "site": "x.com"}
    if request_id is not None:
        body["id"] = request_id
    return framed(_json(body), "an unknown type", "unknown_type", "error", request_id)


@st.composite
def bad_id(draw: st.DrawFn) -> Part:
    kind = draw(st.sampled_from(["get_policy", "hello"]))
    bad = draw(
        st.one_of(
            st.sampled_from([None, True, 1.5, [], {}, 2**53 + 1, -(2**53) - 1]),
            st.text(min_size=65, max_size=200),
        )
    )
    body = {"type": kind, "id": bad, "version": 1, "extension": "1.0"}
    if kind == "get_policy":
        del body["version"], body["extension"]
    return framed(_json(body), f"an id of {type(bad).__name__}", "bad_message", kind)


@st.composite
def bad_fields(draw: st.DrawFn) -> Part:
    """A known type with one field wrong: the reply names the type and echoes the id."""
    request_id = draw(st.integers(1, 1000))
    base = {"type": "activity", "site": "x.com", "page_kind": "feed", "active": True}
    broken = draw(
        st.sampled_from(
            [
                ("seconds out of range", {**base, "seconds": 3601}),
                ("negative seconds", {**base, "seconds": -1}),
                ("seconds as text", {**base, "seconds": "5"}),
                ("active as a number", {**base, "active": 1, "seconds": 5}),
                ("an extra field", {**base, "seconds": 5, "cookie": "x"}),
                ("no site", {"type": "urge", "choice": "back"}),
                ("a site with a path", {"type": "urge", "site": "x.com/home", "choice": "back"}),
                ("a choice nobody offers", {"type": "urge", "site": "x.com", "choice": "stay"}),
                ("a trigger with a space", {"type": "get_prompt", "trigger": "a b", "site": "x.c"}),
                ("protocol version 2", {"type": "hello", "version": 2, "extension": "1.0"}),
            ]
        )
    )
    label, body = broken
    code = "version" if body.get("version") == 2 else "bad_message"
    return framed(_json({**body, "id": request_id}), label, code, body["type"], request_id)


@st.composite
def huge_strings(draw: st.DrawFn) -> Part:
    """An answer far over its limit, from just over it to past what the host drains."""
    size = draw(
        st.one_of(
            st.integers(2001, 60_000),
            st.integers(MAX_INCOMING_BYTES - 100, MAX_INCOMING_BYTES + 100),
            st.integers(MAX_INCOMING_BYTES, MAX_DRAINED_BYTES - 100),
        )
    )
    body = {"type": "urge", "site": "x.com", "choice": "back", "answer": "y" * size, "id": 9}
    return framed(_json(body), f"an answer of {size} characters", "bad_message", "urge", 9)


@st.composite
def deep_nesting(draw: st.DrawFn) -> Part:
    depth = draw(st.integers(2_000, 12_000))
    opener, closer = draw(st.sampled_from([(b"[", b"]"), (b'{"a":', b"}")]))
    nested = opener * depth + b"1" + closer * depth
    if draw(st.booleans()):
        nested = b'{"type":"urge","site":"x.com","choice":"back","answer":' + nested + b"}"
    return framed(nested, f"nesting {depth} deep", "bad_json")


SPECIALS = [
    framed(b"", "an empty frame", "bad_json"),
    framed(
        b'{"type":"activity","site":"x.com","page_kind":"feed","active":true,"seconds":NaN}',
        "NaN",
        "bad_json",
    ),
    framed(
        b'{"type":"activity","site":"x.com","page_kind":"feed","active":true,"seconds":1e999,'
        b'"id":4}',
        "an infinite number",
        "bad_message",
        "activity",
        4,
    ),
    framed(b'{"type":"get_policy","id":' + b"9" * 5000 + b"}", "a 5000-digit id", "bad_json"),
    framed(
        b'{"type":"urge","site":"x.com","choice":"back","answer":"\\ud800","id":"s"}',
        "a lone surrogate",
        "bad_message",
        "urge",
        "s",
    ),
    framed(b'{"type":"get_policy","type":"nope"}', "a repeated key", "unknown_type"),
    framed(b'\xef\xbb\xbf{"type":"get_policy"}', "a byte-order mark", "bad_json"),
    framed(b'{"type":"get_policy"}\x00', "a trailing NUL", "bad_json"),
]


def body_parts(hosts: Sequence[str] = HOSTS) -> st.SearchStrategy[Part]:
    """Any part after which the host keeps serving: half valid messages, half broken ones."""
    broken = st.one_of(
        invalid_utf8(),
        cut_json(),
        not_an_object(),
        random_bytes,
        random_objects,
        unknown_type(),
        bad_id(),
        bad_fields(),
        huge_strings(),
        deep_nesting(),
        st.sampled_from(SPECIALS),
    )
    valid = valid_messages(hosts)
    # Not `one_of(valid, broken)`: hypothesis flattens nested one_ofs, which would make a valid
    # message one choice in thirteen.
    either = st.booleans().flatmap(lambda pick_valid: valid if pick_valid else broken)
    return either.filter(lambda part: part.ends is Ends.NO)


# -- endings that break the stream -------------------------------------------------------------


@st.composite
def cut_prefix(draw: st.DrawFn) -> Part:
    data = draw(st.binary(min_size=1, max_size=3))
    return Part(data, f"a length prefix cut after {len(data)} bytes", "bad_frame", ends=Ends.AT_EOF)


@st.composite
def cut_frame(draw: st.DrawFn) -> Part:
    length = draw(st.one_of(st.integers(1, MAX_INCOMING_BYTES), st.integers(1, MAX_DRAINED_BYTES)))
    sent = draw(st.integers(0, min(length - 1, 2000)))
    data = PREFIX.pack(length) + b"z" * sent
    code = "bad_frame" if length <= MAX_INCOMING_BYTES else "too_large"
    return Part(data, f"a frame of {length} bytes cut after {sent}", code, ends=Ends.AT_EOF)


@st.composite
def giant_length(draw: st.DrawFn) -> Part:
    length = draw(st.one_of(st.just(0xFFFF_FFFF), st.integers(MAX_DRAINED_BYTES + 1, 0xFFFF_FFFF)))
    junk = draw(st.binary(max_size=50))
    return Part(PREFIX.pack(length) + junk, f"a length of {length}", "too_large", ends=Ends.NOW)


endings = st.one_of(st.none(), cut_prefix(), cut_frame(), giant_length())


def streams(hosts: Sequence[str] = HOSTS, max_parts: int = 8) -> st.SearchStrategy[list[Part]]:
    return st.builds(
        lambda body, end: [*body, *([end] if end else [])],
        st.lists(body_parts(hosts), min_size=1, max_size=max_parts),
        endings,
    )


# -- running the host --------------------------------------------------------------------------


@dataclass
class HostRun:
    replies: list[dict[str, Any]]
    returncode: int
    stderr: str


def _frames(buffer: bytes | bytearray) -> tuple[int, int]:
    """How many whole frames `buffer` starts with, and where they end."""
    count, position = 0, 0
    while position + PREFIX.size <= len(buffer):
        (length,) = PREFIX.unpack_from(buffer, position)
        if length > MAX_BROWSER_FRAME or position + PREFIX.size + length > len(buffer):
            break
        position += PREFIX.size + length
        count += 1
    return count, position


def _complete_frames(buffer: bytes | bytearray) -> int:
    return _frames(buffer)[0]


def _frames_end(buffer: bytes | bytearray) -> int:
    return _frames(buffer)[1]


def _read_into(stdout: IO[bytes], out: bytearray, until: Any, deadline: float) -> bool:
    """Read stdout into `out` until `until()` holds (True) or the deadline or EOF comes (False)."""
    fd = stdout.fileno()
    while not until():
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return until()
        out += chunk
    return True


def _write(stdin: IO[bytes], data: bytes) -> None:
    # The host may rightly stop reading (a 4 GB length): a closed pipe is its answer, not ours.
    with contextlib.suppress(BrokenPipeError, OSError):
        stdin.write(data)
        stdin.flush()


def feed_host(
    command: Sequence[str], env: dict[str, str], parts: Sequence[Part], timeout_s: float = 10.0
) -> HostRun:
    stream = b"".join(part.data for part in parts)
    owed_before_eof = sum(1 for part in parts if part.ends is not Ends.AT_EOF)
    ends_by_itself = bool(parts) and parts[-1].ends is Ends.NOW
    out = bytearray()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            list(command),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            env=env,
            cwd=REPO_ROOT,
        )
        assert process.stdin is not None and process.stdout is not None
        try:
            writer = threading.Thread(target=_write, args=(process.stdin, stream), daemon=True)
            writer.start()
            deadline = time.monotonic() + timeout_s
            if not _read_into(
                process.stdout, out, lambda: _complete_frames(out) >= owed_before_eof, deadline
            ):
                parse_frames(bytes(out)[: _frames_end(out)])
                tail = bytes(out)[_frames_end(out) :]
                if len(tail) >= PREFIX.size and PREFIX.unpack_from(tail)[0] > MAX_BROWSER_FRAME:
                    raise AssertionError(f"stdout holds what is not a frame: {tail!r:.80}")
                raise AssertionError(
                    f"the host hung or fell silent with stdin open: {_complete_frames(out)} of "
                    f"{owed_before_eof} replies after {timeout_s:g} s for {list(parts)}"
                )
            if ends_by_itself:
                try:
                    process.wait(max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    raise AssertionError(
                        f"the host waits for input after {parts[-1]!r} instead of ending"
                    ) from None
            writer.join(max(0.1, deadline - time.monotonic()))
            if writer.is_alive():
                raise AssertionError(f"the host stopped reading its input: {list(parts)}")
            with contextlib.suppress(BrokenPipeError, OSError):
                process.stdin.close()
            if not _read_into(process.stdout, out, lambda: False, deadline) and (
                time.monotonic() >= deadline
            ):
                raise AssertionError(f"the host did not end after stdin closed: {list(parts)}")
            returncode = process.wait(max(0.1, deadline - time.monotonic()))
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            process.stdout.close()
            with contextlib.suppress(BrokenPipeError, OSError):
                process.stdin.close()
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    return HostRun(parse_frames(bytes(out)), returncode, stderr)


APP_REFUSALS = frozenset({"usage", "refused"})


def check_replies(
    parts: Sequence[Part], run: HostRun, *, app_may_refuse: bool = False
) -> list[tuple[Part, dict[str, Any]]]:
    """Each part got exactly the reply it is owed, in order; returns the pairs.

    With `app_may_refuse`, a valid message may come back as the app's own refusal (its codes
    `usage` or `refused`), never as an app failure (`error`) or anything of the host's."""
    assert len(run.replies) == len(parts), (
        f"{len(run.replies)} replies for {len(parts)} parts: {list(parts)}\n{run.replies}"
    )
    for part, reply in zip(parts, run.replies, strict=True):
        where = f"{part!r} got {str(reply)[:300]}"
        assert reply["type"] == part.reply_type, where
        assert reply.get("id") == part.request_id, where
        if part.code is not None:
            assert reply["ok"] is False and reply["error"]["code"] == part.code, where
        elif not reply["ok"]:
            assert app_may_refuse and reply["error"]["code"] in APP_REFUSALS, where
    ends_early = any(part.ends is not Ends.NO for part in parts)
    assert run.returncode == (1 if ends_early else 0), (run.returncode, list(parts), run.stderr)
    return list(zip(parts, run.replies, strict=True))
