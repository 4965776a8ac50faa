"""Blocking, the block page and site-time reports, in real Chromium talking to a native host.

Chromium on Linux reads native host manifests from `<user-data-dir>/NativeMessagingHosts/`, so
each browser here gets its own host: a fake one (`fake_native_host.py`) that answers a policy the
test writes and records what it receives, and, last, the real `focusapp native-host` answering
offline from a policy cache, as it does when the app is not running.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from focusapp.bridge.extension_identity import HOST_NAME, chromium_origin
from tests.browser.conftest import EXTENSION, FLAGS, _answer, chromium_executable, url_of
from tests.browser.pixels import eventually

pytestmark = pytest.mark.browser

FAKE_HOST = Path(__file__).resolve().with_name("fake_native_host.py")
REPO = Path(__file__).resolve().parents[2]
PROMPT = {
    "prompt": {"id": "test.why", "text": "What are you looking for?", "answers": ["Rest", "News"]},
    "pause_s": 0.3,
    "pause_form": "breath",
}
# The block page's own questions for when the app is not running (common/block.js).
FALLBACK_QUESTIONS = {
    "What were you hoping to find here?",
    "How are you feeling right now?",
    "How will you feel in ten minutes if you go in?",
}


def _iso(delta_s: float) -> str:
    return (datetime.now(UTC) + timedelta(seconds=delta_s)).isoformat()


def _policy(blocked: list[str], *, active: bool = True, until_s: float = 3600) -> dict[str, Any]:
    return {
        "version": 1,
        "metrics": {"hide": "focus", "active": active},
        "session": {"state": "focus", "paused": False, "strict": False, "ends_at": _iso(until_s)},
        "blocked_sites": [{"site": s, "reason": "session"} for s in blocked],
        "block_until": _iso(until_s),
        "offline": False,
    }


def _install_host(profile: Path, launcher: Path, script: str) -> Path:
    launcher.write_text(script)
    launcher.chmod(0o755)
    manifest = profile / "NativeMessagingHosts" / f"{HOST_NAME}.json"
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(
        json.dumps(
            {
                "name": HOST_NAME,
                "description": "test host",
                "path": str(launcher),
                "type": "stdio",
                "allowed_origins": [chromium_origin()],
            }
        )
    )
    return manifest


def _launch(playwright: Any, profile: Path) -> Any:
    unpacked = EXTENSION / "chromium"
    context = playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=chromium_executable(),
        headless=False,
        args=[*FLAGS, f"--disable-extensions-except={unpacked}", f"--load-extension={unpacked}"],
        viewport={"width": 1000, "height": 900},
    )
    # Web requests only: the block page's own script and style must load from the extension.
    context.route(re.compile(r"^https?://"), _answer)
    return context


def _worker(context: Any) -> Any:
    workers = context.service_workers
    return workers[0] if workers else context.wait_for_event("serviceworker")


class FakeHost:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.profile = folder  # the browser's user-data-dir, once launched

    def set_policy(self, policy: dict[str, Any]) -> None:
        (self.folder / "policy.json").write_text(json.dumps(policy))

    def received(self, kind: str) -> list[dict[str, Any]]:
        log = self.folder / "received.jsonl"
        lines = log.read_text("utf-8").splitlines() if log.exists() else []
        return [m for m in map(json.loads, lines) if m.get("type") == kind]


@pytest.fixture(scope="module")
def fake_host(tmp_path_factory: pytest.TempPathFactory) -> FakeHost:
    host = FakeHost(tmp_path_factory.mktemp("fake-host"))
    host.set_policy(_policy(["tiktok.com"]))
    (host.folder / "prompt.json").write_text(json.dumps(PROMPT))
    return host


@pytest.fixture(scope="module")
def browser(
    playwright: Any, fake_host: FakeHost, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    profile = tmp_path_factory.mktemp("blocking-profile")
    script = f'#!/bin/sh\nexec "{sys.executable}" "{FAKE_HOST}" "{fake_host.folder}" "$@"\n'
    _install_host(profile, fake_host.folder / "launcher.sh", script)
    context = _launch(playwright, profile)
    fake_host.profile = profile
    yield context
    context.close()


@pytest.fixture(scope="module")
def worker(browser: Any) -> Any:
    sw = _worker(browser)
    assert eventually(lambda: sw.evaluate("chrome.storage.local.get('policy')").get("policy"), 10)
    return sw


@pytest.fixture
def tab(browser: Any, worker: Any) -> Iterator[Any]:
    page = browser.new_page()
    yield page
    page.close()
    worker.evaluate("chrome.storage.local.remove('allowances').then(() => apply())")


def _refresh(worker: Any) -> None:
    worker.evaluate("refreshPolicy()")


def _blocked(page: Any, site: str) -> bool:
    return page.url.startswith("chrome-extension://") and f"site={site}" in page.url


def _question_shown(page: Any, timeout_s: float = 5) -> None:
    page.locator("#question").wait_for(state="visible", timeout=timeout_s * 1000)


def test_blocked_site_is_redirected_to_the_block_page_with_the_hosts_prompt(
    tab: Any, worker: Any
) -> None:
    tab.goto(url_of("tiktok") + "foryou?lang=en&x=1")
    assert _blocked(tab, "tiktok.com")
    assert tab.url.endswith("&url=https://www.tiktok.com/foryou?lang=en&x=1")
    _question_shown(tab)
    assert tab.locator("#question").inner_text() == "What are you looking for?"
    assert tab.locator("#answers button").all_inner_texts() == ["Rest", "News"]


def test_back_works_from_the_keyboard_and_is_told_to_the_app(tab: Any, fake_host: FakeHost) -> None:
    tab.goto(url_of("x"))
    tab.goto(url_of("tiktok"))
    _question_shown(tab)
    tab.keyboard.press("Tab")  # focus starts on the first answer chip, "Rest"
    tab.keyboard.press("Enter")  # picks "News"
    tab.keyboard.press("Escape")
    tab.wait_for_url(url_of("x"))
    urge = fake_host.received("urge")[-1]
    assert urge["choice"] == "back" and urge["site"] == "tiktok.com"
    assert urge["prompt_id"] == "test.why" and urge["answer"] == "News"


def test_allow_needs_an_intention_then_opens_the_site_and_reports_the_urge(
    tab: Any, fake_host: FakeHost
) -> None:
    tab.goto(url_of("tiktok"))
    _question_shown(tab)
    allow = tab.locator("#allow-button")
    tab.locator("#intention").fill("ab")
    assert allow.is_disabled()
    tab.locator("#intention").fill("reply to Sam")
    tab.locator("#intention").press("Enter")
    tab.wait_for_url(url_of("tiktok"))
    urge = fake_host.received("urge")[-1]
    assert urge["choice"] == "allow" and urge["minutes"] == 2
    assert urge["intention"] == "reply to Sam"
    tab.goto(url_of("tiktok") + "again")
    assert tab.url == url_of("tiktok") + "again"


def test_in_page_navigation_to_a_blocked_site_is_caught(
    tab: Any, worker: Any, fake_host: FakeHost
) -> None:
    fake_host.set_policy(_policy([]))
    _refresh(worker)
    try:
        tab.goto(url_of("tiktok"))
        assert tab.url == url_of("tiktok")
        fake_host.set_policy(_policy(["tiktok.com"]))
        _refresh(worker)
        tab.evaluate("() => history.pushState({}, '', '/@someone')")
        tab.wait_for_url("chrome-extension://**", timeout=5000)
        assert _blocked(tab, "tiktok.com")
        assert tab.url.endswith("&url=https://www.tiktok.com/@someone")
    finally:
        fake_host.set_policy(_policy(["tiktok.com"]))
        _refresh(worker)


def test_metrics_are_shown_when_the_policy_says_hiding_is_not_active(
    tab: Any, worker: Any, fake_host: FakeHost
) -> None:
    shown = "() => document.documentElement.classList.contains('focusapp-metrics-shown')"
    tab.goto(url_of("x"))
    assert not tab.evaluate(shown)
    fake_host.set_policy(_policy(["tiktok.com"], active=False))
    try:
        _refresh(worker)
        assert eventually(lambda: tab.evaluate(shown))
    finally:
        fake_host.set_policy(_policy(["tiktok.com"]))
        _refresh(worker)
    assert eventually(lambda: not tab.evaluate(shown))


def test_active_tab_time_is_reported_to_the_host(
    tab: Any, worker: Any, fake_host: FakeHost
) -> None:
    tab.goto(url_of("x"))
    tab.bring_to_front()
    worker.evaluate("reportActivity()")  # starts the interval
    time.sleep(1.2)
    sent = worker.evaluate("reportActivity()")
    assert sent is not None, "no report: the window was not focused or the user counted as idle"
    report = fake_host.received("activity")[-1]
    assert report["site"] == "x.com" and report["page_kind"] == "other" and report["active"]
    assert 1.0 <= report["seconds"] <= 5.0


def test_blocking_holds_with_the_host_gone_until_block_until(
    tab: Any, browser: Any, worker: Any, fake_host: FakeHost
) -> None:
    fake_host.set_policy(_policy(["tiktok.com"], until_s=4))
    _refresh(worker)
    ends = time.monotonic() + 4
    # The app and its host disappear: no manifest to start it again, the running one killed.
    (fake_host.profile / "NativeMessagingHosts" / f"{HOST_NAME}.json").unlink()
    os.kill(int((fake_host.folder / "pid").read_text()), signal.SIGKILL)
    _refresh(worker)
    tab.goto(url_of("tiktok"))
    assert _blocked(tab, "tiktok.com")
    time.sleep(max(0.0, ends - time.monotonic()) + 0.5)
    tab.goto(url_of("tiktok"))
    assert tab.url == url_of("tiktok")


def test_real_native_host_answers_offline_from_its_cache(playwright: Any, tmp_path: Path) -> None:
    xdg = {
        name: tmp_path / name.lower()
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR")
    }
    state = xdg["XDG_STATE_HOME"] / "focusapp"
    state.mkdir(parents=True)
    cache = {"v": 1, "saved_at": _iso(0), "policy": _policy(["tiktok.com"], until_s=600)}
    (state / "native-host-cache.json").write_text(json.dumps(cache))
    exports = "".join(f'export {name}="{path}"\n' for name, path in xdg.items())
    script = (
        f'#!/bin/sh\n{exports}cd "{REPO}"\nexec "{sys.executable}" -m focusapp native-host "$@"\n'
    )
    profile = tmp_path / "profile"
    _install_host(profile, tmp_path / "launcher.sh", script)
    context = _launch(playwright, profile)
    try:
        sw = _worker(context)
        assert eventually(
            lambda: sw.evaluate("chrome.storage.local.get('policy')").get("policy"), 10
        )
        policy = sw.evaluate("chrome.storage.local.get('policy')")["policy"]
        assert policy["offline"] is True and policy["blocked_sites"][0]["site"] == "tiktok.com"
        page = context.new_page()
        page.goto(url_of("tiktok"))
        assert _blocked(page, "tiktok.com")
        _question_shown(page, timeout_s=10)  # the app is away: a built-in question, pause
        assert page.locator("#question").inner_text() in FALLBACK_QUESTIONS
        page.keyboard.press("Escape")
        spool = state / "native-host-spool.jsonl"
        assert eventually(lambda: spool.exists() and "urge" in spool.read_text(), 5)
        message = json.loads(spool.read_text().splitlines()[-1])["message"]
        assert message["type"] == "urge" and message["choice"] == "back"
    finally:
        context.close()
