"""The native host: hostile frames, relaying to the app, offline answers, the spool, the caller.

Most tests run the real host process (`python -m focusapp.bridge.native_host`) with crafted stdin
bytes and check that stdout holds nothing but well-formed frames. The app is a small real Unix
socket server in a thread speaking the IPC protocol.
"""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from focusapp.bridge import ipc_client
from focusapp.bridge.extension_identity import CHROMIUM_EXTENSION_ID, chromium_origin
from focusapp.bridge.native_host import (
    DEFAULT_POLICY,
    NativeHost,
    NativeHostFiles,
    append_to_spool,
    caller_refusal,
)
from focusapp.bridge.native_messages import MAX_INCOMING_BYTES
from focusapp.bridge.protocol import AppNotRunning, RemoteError
from tests.unit.native_fakes import (
    REPO_ROOT,
    FakeApp,
    app_answering,
    frame,
    host_command,
    parse_frames,
    run_host,
    short_folder,
)

GET_POLICY = {"type": "get_policy", "id": "p"}
ACTIVITY = {
    "type": "activity",
    "site": "instagram.com",
    "page_kind": "feed",
    "active": True,
    "seconds": 5,
}
POLICY = {
    "metrics": {"hide": "focus"},
    "session": {"state": "focus", "ends_at": "2030-01-01T10:00:00+00:00"},
    "blocked_sites": ["tiktok.com"],
}
NOW = datetime(2030, 1, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def files() -> Iterator[NativeHostFiles]:
    with short_folder() as folder:
        yield NativeHostFiles(
            socket_path=folder / "ipc.sock",
            cache_file=folder / "state" / "native-host-cache.json",
            spool_file=folder / "state" / "native-host-spool.jsonl",
        )


def offline_policy() -> dict[str, Any]:
    return {**DEFAULT_POLICY, "offline": True, "type": "get_policy", "ok": True, "id": "p"}


# -- hostile input, through the real process ---------------------------------------------------

RECOVERABLE = [
    pytest.param(struct.pack("=I", 0), "bad_json", id="zero-length"),
    pytest.param(frame(b"{not json"), "bad_json", id="not-json"),
    pytest.param(frame(b"\xc3\x28 invalid utf-8"), "bad_json", id="not-utf8"),
    pytest.param(frame(b"[1, 2, 3]"), "bad_message", id="array"),
    pytest.param(frame(b'"get_policy"'), "bad_message", id="string"),
    pytest.param(frame(b"42"), "bad_message", id="number"),
    pytest.param(frame({"type": "format_disk"}), "unknown_type", id="unknown-type"),
    pytest.param(frame(b"[" * 30_000 + b"]" * 30_000), "bad_json", id="deep-nesting"),
    pytest.param(frame(b'{"a":' * 10_000 + b"1" + b"}" * 10_000), "bad_json", id="deep-objects"),
    pytest.param(frame({**ACTIVITY, "seconds": "lots"}), "bad_message", id="wrong-field-type"),
    pytest.param(frame(b"x" * (MAX_INCOMING_BYTES + 1)), "too_large", id="oversized"),
    pytest.param(frame(b'{"type":"get_policy","id":1e999}'), "bad_message", id="infinite-id"),
]


@pytest.mark.parametrize(("hostile", "code"), RECOVERABLE)
def test_hostile_frame_gets_an_error_frame_and_the_host_keeps_serving(
    files: NativeHostFiles, hostile: bytes, code: str
) -> None:
    run = run_host(files, hostile + frame(GET_POLICY))
    assert run.returncode == 0
    error, answer = run.replies
    assert error["ok"] is False
    assert error["error"]["code"] == code
    assert answer == offline_policy()


UNRECOVERABLE = [
    pytest.param(b"\x07\x00", "bad_frame", id="length-prefix-cut"),
    pytest.param(struct.pack("=I", 100) + b'{"type":', "bad_frame", id="truncated-frame"),
    pytest.param(struct.pack("=I", 0xFFFF_FFFF) + b"{}", "too_large", id="4GB-length"),
    pytest.param(struct.pack("=I", 2 * 1024 * 1024) + b"x" * 1000, "too_large", id="2MB-length"),
    pytest.param(
        struct.pack(">I" if sys.byteorder == "little" else "<I", 20) + b"x" * 20,
        "too_large",
        id="wrong-byte-order",
    ),
]


@pytest.mark.parametrize(("hostile", "code"), UNRECOVERABLE)
def test_broken_stream_gets_an_error_frame_and_ends_the_host_cleanly(
    files: NativeHostFiles, hostile: bytes, code: str
) -> None:
    started = time.monotonic()
    run = run_host(files, frame(GET_POLICY) + hostile)
    assert time.monotonic() - started < 10  # a 4 GB length is not waited for
    assert run.returncode == 1
    answer, error = run.replies
    assert answer == offline_policy()
    assert error["ok"] is False and error["error"]["code"] == code


def test_closed_input_ends_the_host_with_success_and_no_output(files: NativeHostFiles) -> None:
    run = run_host(files, b"")
    assert (run.replies, run.returncode) == ([], 0)


def test_id_is_echoed_in_answers_and_errors(files: NativeHostFiles) -> None:
    messages = [
        {"type": "get_policy", "id": 41},
        {"type": "nope", "id": "n"},
        {**ACTIVITY, "seconds": -5, "id": 43},
    ]
    run = run_host(files, b"".join(frame(m) for m in messages))
    assert [reply.get("id") for reply in run.replies] == [41, "n", 43]
    assert [reply["type"] for reply in run.replies] == ["get_policy", "error", "activity"]


# -- relaying to the app -----------------------------------------------------------------------


def test_each_message_is_relayed_as_a_browser_command(files: NativeHostFiles) -> None:
    results = {"browser.get_policy": POLICY, "browser.activity": {"recorded": True}}
    with FakeApp(files.socket_path, app_answering(results)) as app:
        run = run_host(files, frame(GET_POLICY) + frame({**ACTIVITY, "id": 2}))
    assert run.returncode == 0
    assert run.replies == [
        {**POLICY, "offline": False, "type": "get_policy", "ok": True, "id": "p"},
        {"recorded": True, "type": "activity", "ok": True, "id": 2},
    ]
    assert [request.cmd for request in app.requests] == ["browser.get_policy", "browser.activity"]
    assert app.requests[1].args == {
        "type": "activity",
        "site": "instagram.com",
        "page_kind": "feed",
        "active": True,
        "seconds": 5,
    }


def test_unknown_command_from_the_app_is_relayed_as_an_error(files: NativeHostFiles) -> None:
    with FakeApp(files.socket_path, app_answering({})):
        run = run_host(files, frame({"type": "hello", "version": 1, "extension": "0.1.0"}))
    assert run.returncode == 0
    assert run.replies == [
        {
            "type": "hello",
            "ok": False,
            "error": {"code": "usage", "message": "Unknown command 'browser.hello'."},
        }
    ]


def test_huge_answer_from_the_app_is_replaced_by_an_error_frame(files: NativeHostFiles) -> None:
    huge = {**POLICY, "blocked_sites": [f"site{i}.example" for i in range(100_000)]}
    with FakeApp(files.socket_path, app_answering({"browser.get_policy": huge})):
        run = run_host(
            files,
            frame(GET_POLICY) + frame({"type": "get_prompt", "trigger": "t", "site": "x.com"}),
        )
    too_large, unknown = run.replies
    assert too_large["type"] == "get_policy" and too_large["id"] == "p"
    assert too_large["error"]["code"] == "too_large"
    assert unknown["error"]["code"] == "usage"  # the host keeps going afterwards
    assert not files.cache_file.exists()  # a policy too large to send is not kept for later


# -- offline: cache and spool ------------------------------------------------------------------


def test_policy_is_cached_and_answered_offline_after_the_app_quits(files: NativeHostFiles) -> None:
    with FakeApp(files.socket_path, app_answering({"browser.get_policy": POLICY})):
        online = run_host(files, frame(GET_POLICY))
    assert online.replies[0]["offline"] is False
    cached = json.loads(files.cache_file.read_text())
    assert cached["v"] == 1 and cached["policy"] == POLICY
    assert datetime.fromisoformat(cached["saved_at"]).tzinfo is not None

    offline = run_host(files, frame(GET_POLICY))
    assert offline.replies == [
        {
            **POLICY,
            "cached_at": cached["saved_at"],
            "offline": True,
            "type": "get_policy",
            "ok": True,
            "id": "p",
        }
    ]


def test_without_a_cache_the_offline_policy_hides_metrics_and_blocks_nothing(
    files: NativeHostFiles,
) -> None:
    run = run_host(files, frame({"type": "get_policy"}))
    assert run.replies == [
        {
            "metrics": {"hide": "always"},
            "session": None,
            "blocked_sites": [],
            "offline": True,
            "type": "get_policy",
            "ok": True,
        }
    ]


@pytest.mark.parametrize(
    "content", [b"{broken", b"[]", b'{"v": 99, "policy": {}}', b'{"v": 1, "policy": []}']
)
def test_unreadable_cache_falls_back_to_the_default_policy(
    files: NativeHostFiles, content: bytes
) -> None:
    files.cache_file.parent.mkdir(parents=True)
    files.cache_file.write_bytes(content)
    run = run_host(files, frame(GET_POLICY))
    assert run.replies == [offline_policy()]
    assert "ignoring the policy cache" in run.stderr


def test_offline_reports_are_spooled_for_the_app(files: NativeHostFiles) -> None:
    urge = {"type": "urge", "site": "x.com", "choice": "back", "answer": "bored", "id": 8}
    run = run_host(
        files,
        frame({**ACTIVITY, "id": 7})
        + frame(urge)
        + frame({"type": "hello", "version": 1, "extension": "1.0"})
        + frame({"type": "get_prompt", "trigger": "blocked_site", "site": "x.com"}),
    )
    activity, urge_reply, hello, prompt = run.replies
    assert activity == {"type": "activity", "ok": True, "id": 7, "offline": True, "spooled": True}
    assert urge_reply == {"type": "urge", "ok": True, "id": 8, "offline": True, "spooled": True}
    assert hello == {"type": "hello", "ok": True, "version": 1, "offline": True}
    assert prompt["ok"] is False and prompt["error"]["code"] == "offline"
    lines = [json.loads(line) for line in files.spool_file.read_text().splitlines()]
    assert [line["message"]["type"] for line in lines] == ["activity", "urge"]
    assert lines[0]["v"] == 1
    assert lines[0]["message"] == {k: v for k, v in ACTIVITY.items()}
    assert lines[1]["message"]["answer"] == "bored" and "id" not in lines[1]["message"]
    assert datetime.fromisoformat(lines[0]["received_at"]).tzinfo is not None


def test_spool_keeps_only_the_newest_lines(tmp_path: Path) -> None:
    spool = tmp_path / "spool.jsonl"
    for i in range(25):
        append_to_spool(spool, f'{{"n":{i}}}\n'.encode(), max_lines=10)
    assert [json.loads(line)["n"] for line in spool.read_text().splitlines()] == list(range(15, 25))


def test_spool_line_cut_by_a_crash_does_not_swallow_the_next_one(tmp_path: Path) -> None:
    spool = tmp_path / "spool.jsonl"
    spool.write_bytes(b'{"n":1}\n{"n":')
    append_to_spool(spool, b'{"n":3}\n', max_lines=10)
    assert spool.read_bytes().splitlines() == [b'{"n":1}', b'{"n":', b'{"n":3}']


def test_spool_that_cannot_be_written_is_an_offline_error(files: NativeHostFiles) -> None:
    files.spool_file.mkdir(parents=True)  # a folder where the file should be
    host = NativeHost(files)
    reply = host.answer(json.dumps({**ACTIVITY, "id": 1}).encode())
    assert reply["ok"] is False and reply["error"]["code"] == "offline" and reply["id"] == 1


# -- in-process: the relay's contract ----------------------------------------------------------


def test_the_relay_gets_the_socket_command_args_and_a_short_timeout(files: NativeHostFiles) -> None:
    calls: list[tuple[Any, ...]] = []

    def relay(
        socket_path: Path, cmd: str, args: dict[str, Any], timeout_s: float
    ) -> dict[str, Any]:
        calls.append((socket_path, cmd, args, timeout_s))
        return {"prompt_id": "p1", "text": "What were you hoping to find?"}

    host = NativeHost(files, relay=relay)
    reply = host.answer(b'{"type":"get_prompt","trigger":"blocked_site","site":"x.com","id":3}')
    assert reply == {
        "prompt_id": "p1",
        "text": "What were you hoping to find?",
        "type": "get_prompt",
        "ok": True,
        "id": 3,
    }
    assert calls == [
        (
            files.socket_path,
            "browser.get_prompt",
            {"type": "get_prompt", "trigger": "blocked_site", "site": "x.com"},
            1.0,
        )
    ]


def test_refused_by_the_app_is_relayed_with_its_code(files: NativeHostFiles) -> None:
    def relay(*args: Any, **kwargs: Any) -> dict[str, Any]:
        raise RemoteError("refused", "Not during a strict session.")

    reply = NativeHost(files, relay=relay).answer(json.dumps(GET_POLICY).encode())
    assert reply["error"] == {"code": "refused", "message": "Not during a strict session."}


def test_app_that_never_answers_gets_the_offline_answer_in_time(files: NativeHostFiles) -> None:
    with FakeApp(files.socket_path, lambda request: None):
        host = NativeHost(files, relay=ipc_client.request, timeout_s=0.3)
        started = time.monotonic()
        reply = host.answer(json.dumps(GET_POLICY).encode())
    assert time.monotonic() - started < 2
    assert reply == offline_policy()


def test_a_bug_while_answering_becomes_an_internal_error_frame(files: NativeHostFiles) -> None:
    def relay(*args: Any, **kwargs: Any) -> dict[str, Any]:
        raise ZeroDivisionError("bug")

    stdout = io.BytesIO()
    host = NativeHost(files, relay=relay)
    assert host.serve(io.BytesIO(frame(GET_POLICY) + frame(GET_POLICY)), stdout) == 0
    replies = parse_frames(stdout.getvalue())
    assert [reply["error"]["code"] for reply in replies] == ["internal", "internal"]


def test_cache_write_uses_the_injected_clock(files: NativeHostFiles) -> None:
    host = NativeHost(files, relay=lambda *a, **k: dict(POLICY), now=lambda: NOW)
    host.answer(json.dumps(GET_POLICY).encode())
    assert json.loads(files.cache_file.read_text())["saved_at"] == "2030-01-01T09:30:00+00:00"

    def offline(*args: Any, **kwargs: Any) -> dict[str, Any]:
        raise AppNotRunning("not running")

    reply = NativeHost(files, relay=offline).answer(json.dumps(GET_POLICY).encode())
    assert reply["cached_at"] == "2030-01-01T09:30:00+00:00" and reply["offline"] is True


def test_an_unchanged_policy_is_not_written_again_until_it_needs_dating(
    files: NativeHostFiles,
) -> None:
    clock = [NOW]
    policy = dict(POLICY)
    host = NativeHost(files, relay=lambda *a, **k: dict(policy), now=lambda: clock[0])
    host.answer(json.dumps(GET_POLICY).encode())
    record = json.loads(files.cache_file.read_text())
    files.cache_file.write_text(json.dumps({**record, "saved_at": "marker"}))
    clock[0] = NOW + timedelta(seconds=30)
    host.answer(json.dumps(GET_POLICY).encode())
    assert json.loads(files.cache_file.read_text())["saved_at"] == "marker"  # same answer: no write
    policy["blocked_sites"] = [{"site": "x.com", "reason": "session"}]
    host.answer(json.dumps(GET_POLICY).encode())
    saved = json.loads(files.cache_file.read_text())
    assert saved["policy"]["blocked_sites"] == policy["blocked_sites"]  # a new answer: written
    assert saved["saved_at"] == (NOW + timedelta(seconds=30)).isoformat()
    clock[0] = NOW + timedelta(minutes=6)
    host.answer(json.dumps(GET_POLICY).encode())
    assert json.loads(files.cache_file.read_text())["saved_at"] == clock[0].isoformat()


# -- who may call ------------------------------------------------------------------------------


def test_caller_check_accepts_only_the_focusapp_extension() -> None:
    ours = chromium_origin()
    assert ours == f"chrome-extension://{CHROMIUM_EXTENSION_ID}/"
    assert caller_refusal([]) is None
    assert caller_refusal([ours]) is None
    assert caller_refusal([ours, "--parent-window=1234"]) is None
    assert (
        caller_refusal(["/home/u/.mozilla/x/org.focusapp.native.json", "focusapp@focusapp.org"])
        is None
    )
    assert caller_refusal(["/home/u/.mozilla/x/org.focusapp.native.json"]) is None
    assert caller_refusal(["chrome-extension://" + "a" * 32 + "/"]) is not None
    assert caller_refusal([ours.rstrip("/")]) is not None
    assert caller_refusal(["/x/org.focusapp.native.json", "evil@example.com"]) is not None
    assert caller_refusal(["something-else"]) is not None


def test_host_launched_for_another_extension_refuses_and_exits_1(files: NativeHostFiles) -> None:
    stranger = "chrome-extension://" + "b" * 32 + "/"
    run = run_host(files, frame(GET_POLICY), stranger, "--parent-window=0")
    assert (run.replies, run.returncode) == ([], 1)
    assert "refusing" in run.stderr and stranger in run.stderr


@pytest.mark.parametrize(
    "args",
    [
        [f"chrome-extension://{CHROMIUM_EXTENSION_ID}/"],
        [f"chrome-extension://{CHROMIUM_EXTENSION_ID}/", "--parent-window=0"],
        ["/tmp/org.focusapp.native.json", "focusapp@focusapp.org"],
    ],
)
def test_host_launched_by_a_browser_for_our_extension_serves(
    files: NativeHostFiles, args: list[str]
) -> None:
    run = run_host(files, frame(GET_POLICY), *args)
    assert (run.replies, run.returncode) == ([offline_policy()], 0)


# -- the launch path ---------------------------------------------------------------------------


def test_host_never_loads_qt_and_prints_its_first_reply_latency(files: NativeHostFiles) -> None:
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-X", "importtime", *host_command(files)[1:]],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO_ROOT,
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(frame(GET_POLICY))
    process.stdin.flush()
    (length,) = struct.unpack("=I", process.stdout.read(4))
    first = json.loads(process.stdout.read(length))
    latency_ms = (time.perf_counter() - started) * 1000
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0
    assert first == offline_policy()
    imported = stderr.decode()
    for heavy in ("PySide6", "shiboken6", "platformdirs", "tomlkit", "sqlite3"):
        assert heavy not in imported, f"the host imported {heavy}"
    print(f"first reply after {latency_ms:.0f} ms (with -X importtime overhead)")
