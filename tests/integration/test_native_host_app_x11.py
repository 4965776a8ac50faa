"""Hostile streams through the real native host into the real, running app.

The same hypothesis-made streams as `tests/unit/test_native_host_hostile.py`, but behind the host
is `python -m focusapp` on the test desktop, and the valid messages among them use host names the
host accepts and the app may not (`localhost`, `127.0.0.1`): whatever passes the host's checks,
the app must answer (an answer or its own refusal, never a failure) and stay up. What it accepted
must show: each accepted urge is one journal entry, each accepted activity report is site time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from focusapp.bridge import ipc_client
from focusapp.bridge.extension_identity import chromium_origin
from tests.integration import x11
from tests.integration.conftest import LaunchApp
from tests.unit.hostile_streams import HOSTS, ODD_HOSTS, Part, check_replies, feed_host, streams

pytestmark = pytest.mark.x11

CONFIG = """\
[journal]
notes = "off"  # intentions are dropped rather than kept: the keyring is not under test here
"""


def focusapp(app: x11.AppProcess, *args: str) -> Any:
    done = subprocess.run(
        [sys.executable, "-m", "focusapp", *args],
        env=app.env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_hostile_streams_through_the_host_leave_the_real_app_answering_and_consistent(
    launch_app: LaunchApp, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    (home / ".config" / "focusapp").mkdir(parents=True)
    (home / ".config" / "focusapp" / "config.toml").write_text(CONFIG)
    app = launch_app(home=home)
    socket = Path(app.env["XDG_RUNTIME_DIR"]) / "focusapp" / "ipc.sock"
    x11.wait_until(lambda: socket.exists() or None, 30, "the app's socket")
    command = [sys.executable, "-m", "focusapp", "native-host", chromium_origin()]
    accepted: dict[str, list[dict[str, Any]]] = {"urge": [], "activity": []}

    @settings(
        max_examples=25,
        deadline=None,
        database=None,  # examples depend on the app's state, so replaying old ones proves little
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(parts=streams(hosts=HOSTS + ODD_HOSTS, max_parts=6))
    def one_stream(parts: list[Part]) -> None:
        run = feed_host(command, app.env, parts)
        for part, reply in check_replies(parts, run, app_may_refuse=True):
            if part.code is None and reply["ok"] and part.reply_type in accepted:
                accepted[part.reply_type].append(reply)
        assert app.running, app.stderr()[-3000:]
        assert ipc_client.request(socket, "status", {}, timeout_s=5)["state"] == "idle"

    one_stream()

    urges = focusapp(app, "journal", "export", "--format", "json")["entries"]
    assert len(urges) == len(accepted["urge"]), (urges, accepted["urge"])
    counted = sum(focusapp(app, "usage", "--json")["sites"].values())
    credited = sum(reply["recorded_s"] for reply in accepted["activity"])
    assert abs(counted - credited) <= 0.1 * (len(accepted["activity"]) + 1), (counted, credited)
    assert "Traceback" not in app.stderr(), app.stderr()[-3000:]
