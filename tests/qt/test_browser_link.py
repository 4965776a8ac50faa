"""The app's side of the browser companion, in-process and through the real native host."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from focusapp.app import FocusApp
from focusapp.bridge.extension_identity import chromium_origin
from focusapp.core.errors import InvalidRequest
from focusapp.store.paths import AppPaths

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

CONFIG = """
[[profiles]]
name = "Deep work"
block_sites = ["tiktok.com"]

[[limits]]
name = "Social"
sites = ["instagram.com"]
daily_minutes = 30
"""


@pytest.fixture
def app(qapp: QApplication) -> Iterator[FocusApp]:
    paths = AppPaths.from_environment()
    paths.ensure()
    paths.config_file.write_text(CONFIG)
    focus = FocusApp(qapp, paths)
    focus.start()
    yield focus
    focus.shut_down()
    if focus.fallback is not None:
        focus.fallback.close()


def frame(message: dict[str, object]) -> bytes:
    data = json.dumps(message).encode()
    return struct.pack("=I", len(data)) + data


def read_frames(data: bytes) -> list[dict[str, object]]:
    out = []
    while data:
        (size,) = struct.unpack("=I", data[:4])
        out.append(json.loads(data[4 : 4 + size]))
        data = data[4 + size :]
    return out


def test_the_policy_blocks_the_profiles_sites_during_focus(app: FocusApp) -> None:
    app.commands.run("start", {"minutes": 25, "profile": "Deep work"})
    policy = app.commands.run("browser.get_policy")
    assert policy["blocked_sites"] == [{"site": "tiktok.com", "reason": "session"}]
    assert policy["session"]["ends_at"] and policy["block_until"]
    app.commands.run("stop")
    assert app.commands.run("browser.get_policy")["blocked_sites"] == []


def test_site_time_is_counted_but_never_more_than_time_allowed(app: FocusApp) -> None:
    first = app.commands.run(
        "browser.activity",
        {"site": "www.Instagram.com", "page_kind": "feed", "active": True, "seconds": 3600},
    )
    assert first["recorded_s"] <= 60  # a first report can't claim an hour out of nothing
    usage = app.commands.run("usage")
    assert 0 < usage["sites"]["instagram.com"] <= 60
    assert usage["limits"]["Social"]["used_s"] == usage["sites"]["instagram.com"]
    with pytest.raises(InvalidRequest):
        app.commands.run("browser.activity", {"site": "a b", "seconds": 5})
    with pytest.raises(InvalidRequest):
        app.commands.run("browser.activity", {"site": "x.com", "seconds": True})


def test_an_allow_answer_opens_the_site_and_is_journaled(app: FocusApp) -> None:
    reply = app.commands.run(
        "browser.get_prompt", {"trigger": "blocked_during_session", "site": "tiktok.com"}
    )
    assert reply["prompt"]["text"].endswith("?") and reply["pause_s"] >= 5
    app.commands.run(
        "browser.urge",
        {
            "site": "tiktok.com",
            "choice": "allow",
            "minutes": 5,
            "intention": "reply to Sam",
            "prompt_id": reply["prompt"]["id"],
        },
    )
    from focusapp.core.activity import Activity, ActivityKind

    assert app.allowances.is_active(Activity(ActivityKind.SITE, "tiktok.com"))
    assert app.db is not None
    rows = app.db.conn.execute("SELECT target_name, outcome, allowed_s FROM urges").fetchall()
    assert rows == [("tiktok.com", "allowed", 300.0)]


def test_the_real_native_host_relays_to_the_running_app(app: FocusApp, qtbot: QtBot) -> None:
    app.commands.run("start", {"minutes": 25, "profile": "Deep work"})
    stdin = frame({"type": "hello", "version": 1, "extension": "0.1.0", "id": 1}) + frame(
        {"type": "get_policy", "id": 2}
    )
    result: dict[str, bytes] = {}

    def talk() -> None:
        done = subprocess.run(
            [sys.executable, "-m", "focusapp", "native-host", chromium_origin()],
            input=stdin,
            capture_output=True,
            timeout=30,
            check=False,
        )
        result["out"] = done.stdout

    thread = threading.Thread(target=talk)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=30000)
    hello, policy = read_frames(result["out"])
    assert hello["ok"] and hello["id"] == 1 and hello["app"]  # answered by the app itself
    assert policy["ok"] and policy["offline"] is False
    assert policy["blocked_sites"] == [{"site": "tiktok.com", "reason": "session"}]


def test_answers_kept_while_the_app_was_closed_reach_the_journal(qapp: QApplication) -> None:
    paths = AppPaths.from_environment()
    paths.ensure()
    spool = paths.state_dir / "native-host-spool.jsonl"
    message = {"type": "urge", "site": "x.com", "choice": "back", "answer": "Habit, honestly"}
    spool.write_text(
        json.dumps({"v": 1, "received_at": "2026-11-26T09:30:00+00:00", "message": message})
        + "\nnot json\n"
    )
    focus = FocusApp(qapp, paths)
    focus.start()
    try:
        assert focus.db is not None
        rows = focus.db.conn.execute(
            "SELECT ts, target_name, outcome, answer FROM urges"
        ).fetchall()
        assert rows == [("2026-11-26T09:30:00.000000Z", "x.com", "returned", "Habit, honestly")]
        assert spool.read_text() == ""
    finally:
        focus.shut_down()
        if focus.fallback is not None:
            focus.fallback.close()


def test_a_damaged_spool_is_skipped_and_emptied_and_the_app_still_starts(
    qapp: QApplication,
) -> None:
    paths = AppPaths.from_environment()
    paths.ensure()
    spool = paths.state_dir / "native-host-spool.jsonl"
    spool.write_bytes(
        b'\xff\xfe not utf-8\n{"v": 1, "received_at": "2026-11-26T09:30:00+00:00", "message": 7}\n'
    )
    focus = FocusApp(qapp, paths)
    focus.start()
    try:
        assert focus.fallback is not None or focus.tray.tray.isVisible()
        assert spool.read_bytes() == b""
    finally:
        focus.shut_down()
        if focus.fallback is not None:
            focus.fallback.close()


@pytest.mark.parametrize("site", ["www.", "a/b:c", "", "x" * 300, 5])
def test_sites_must_be_host_names(app: FocusApp, site: object) -> None:
    with pytest.raises(InvalidRequest):
        app.commands.run("browser.activity", {"site": site, "active": True, "seconds": 5})


def test_allow_needs_minutes_and_free_text_page_kinds_are_not_stored(app: FocusApp) -> None:
    with pytest.raises(InvalidRequest):
        app.commands.run("browser.urge", {"site": "x.com", "choice": "allow"})
    app.commands.run(
        "browser.urge", {"site": "x.com", "choice": "back", "page_kind": "DM with Alice"}
    )
    assert app.db is not None
    assert app.db.conn.execute("SELECT page_kind FROM urges").fetchall() == [(None,)]


def test_an_in_page_prompt_that_steps_aside_is_journaled_with_its_trigger(app: FocusApp) -> None:
    app.commands.run(
        "browser.urge",
        {
            "site": "x.com",
            "choice": "continue",
            "trigger": "other_profile",
            "page_kind": "other_profile",
        },
    )
    assert app.db is not None
    rows = app.db.conn.execute("SELECT trigger_kind, page_kind, outcome FROM urges").fetchall()
    assert rows == [("other_profile", "other_profile", "continued")]
    with pytest.raises(InvalidRequest):
        app.commands.run("browser.urge", {"site": "x.com", "choice": "ignore"})


def test_a_spent_limit_is_blocked_until_the_next_day_start(qapp: QApplication) -> None:
    paths = AppPaths.from_environment()
    paths.ensure()
    paths.config_file.write_text(CONFIG.replace("daily_minutes = 30", "daily_minutes = 1"))
    focus = FocusApp(qapp, paths)
    focus.start()
    try:
        focus.commands.run(
            "browser.activity",
            {"site": "instagram.com", "page_kind": "feed", "active": True, "seconds": 60},
        )
        policy = focus.commands.run("browser.get_policy")
        blocked = {entry["site"]: entry for entry in policy["blocked_sites"]}
        assert blocked["instagram.com"]["reason"] == "limit"
        assert blocked["instagram.com"]["until"] == focus.ledger.next_day_starts_at().isoformat()
    finally:
        focus.shut_down()
        if focus.fallback is not None:
            focus.fallback.close()
