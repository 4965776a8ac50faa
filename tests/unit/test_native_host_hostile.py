"""The native host against hostile input, launched as a browser launches it, with an app behind it.

`python -m focusapp native-host chrome-extension://<id>/` (what Chromium runs) is fed streams that
hypothesis builds out of hostile parts (`hostile_streams`): cut and wrong lengths, a 4 GB length,
invalid UTF-8 and JSON, unknown types, deep nesting, huge strings, mixed with valid messages. The
host must answer each part as owed while its input is still open (or end at once where it must),
write nothing but frames, relay exactly the valid messages, and leave the app answering. The app
here is `FakeApp`; `tests/integration/test_native_host_app_x11.py` does the same with the real one.
`test_native_host.py` has the single cases by name; this file is about arbitrary mixtures of them.
"""

from __future__ import annotations

import os
import struct
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings

from focusapp.bridge import ipc_client
from focusapp.bridge.extension_identity import chromium_origin
from tests.unit.hostile_streams import Ends, Part, check_replies, feed_host, framed, streams
from tests.unit.native_fakes import FakeApp, app_answering, short_folder

RESULTS: dict[str, dict[str, Any]] = {
    "browser.hello": {"version": 1, "app": "fake"},
    "browser.get_policy": {"metrics": {"hide": "always"}, "session": None, "blocked_sites": []},
    "browser.activity": {"recorded_s": 1.0},
    "browser.urge": {"recorded": True},
    "browser.get_prompt": {"prompt": {"id": "p", "text": "Why now?", "answers": []}},
}
COMMAND = [sys.executable, "-m", "focusapp", "native-host", chromium_origin()]
POLICY = b'{"type":"get_policy","id":1}'
POLICY_FRAME = framed(POLICY, "valid get_policy", None, "get_policy", 1, {"type": "get_policy"})


def host_env(folder: Path) -> dict[str, str]:
    """What `focusapp native-host` finds the app's socket and its cache through."""
    return {
        **os.environ,
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_STATE_HOME": str(folder / "state"),
        "XDG_RUNTIME_DIR": str(folder / "runtime"),
    }


# A folder, not the environment: hypothesis prints a failing example's arguments, and a CI
# log is no place for every variable the machine has.
@pytest.fixture(scope="module")
def home() -> Iterator[Path]:
    with short_folder() as folder:
        for name in ("config", "data", "state", "runtime", "runtime/focusapp"):
            (folder / name).mkdir(mode=0o700)
        yield folder


@pytest.fixture(scope="module")
def app(home: Path) -> Iterator[FakeApp]:
    with FakeApp(home / "runtime" / "focusapp" / "ipc.sock", app_answering(RESULTS)) as fake:
        yield fake


def _owed_success(part: Part) -> dict[str, Any]:
    result = dict(RESULTS[f"browser.{part.reply_type}"])
    if part.reply_type == "get_policy":
        result["offline"] = False
    reply = {**result, "type": part.reply_type, "ok": True}
    if part.request_id is not None:
        reply["id"] = part.request_id
    return reply


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(parts=streams())
@example(
    parts=[
        POLICY_FRAME,
        Part(struct.pack("=I", 0xFFFF_FFFF) + b"{}", "a 4 GB length", "too_large", ends=Ends.NOW),
    ]
)
@example(parts=[framed(b"x" * (1024 * 1024), "1 MB of x", "too_large"), POLICY_FRAME])
def test_any_stream_gets_what_each_part_is_owed_and_the_app_keeps_answering(
    parts: list[Part], home: Path, app: FakeApp
) -> None:
    before = len(app.requests)
    run = feed_host(COMMAND, host_env(home), parts)
    for part, reply in check_replies(parts, run):
        if part.code is None:
            assert reply == _owed_success(part), part
    valid = [part.relayed for part in parts if part.code is None]
    received = [(request.cmd, request.args) for request in app.requests[before:]]
    assert received == [(f"browser.{args['type']}", args) for args in valid if args]
    assert ipc_client.request(app.socket_path, "browser.hello", {}, timeout_s=2) == {
        "version": 1,
        "app": "fake",
    }
