"""The Firefox build talking to a native host, in real Firefox ESR: policy in, urges out.

Firefox reads host manifests from `~/.mozilla/native-messaging-hosts`, so each Firefox here runs
with a HOME of the test's own: first with the fake host (`fake_native_host.py`, which answers a
policy the test writes and records what it receives), then with the real `focusapp native-host`,
registered by `focusapp browser install --browser firefox` and answering offline from its cache.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from focusapp.bridge.extension_identity import FIREFOX_EXTENSION_ID, HOST_NAME
from tests.browser.conftest import EXTENSION, url_of
from tests.browser.firefox import EXTENSION_UUID, KEYS, Firefox, Tab
from tests.browser.pixels import eventually, ink, parts
from tests.browser.test_blocking_chromium import (
    FAKE_HOST,
    FALLBACK_QUESTIONS,
    PROMPT,
    REPO,
    FakeHost,
    _iso,
    _policy,
)
from tests.browser.test_guard_chromium import COMPARISON
from tests.browser.test_guard_chromium import _policy as _showing_policy

pytestmark = pytest.mark.browser

BLOCK_PAGE = f"moz-extension://{EXTENSION_UUID}/block.html"
QUESTION_SHOWN = (
    "() => !document.getElementById('ask').hidden"
    " && document.getElementById('question').textContent"
)


def _register(home: Path, launcher: Path) -> Path:
    """The host manifest where Firefox on Linux looks for the user's hosts."""
    manifest = home / ".mozilla" / "native-messaging-hosts" / f"{HOST_NAME}.json"
    manifest.parent.mkdir(parents=True, exist_ok=True)
    content = {
        "name": HOST_NAME,
        "description": "test host",
        "path": str(launcher),
        "type": "stdio",
        "allowed_extensions": [FIREFOX_EXTENSION_ID],
    }
    manifest.write_text(json.dumps(content))
    return manifest


@pytest.fixture(scope="module")
def fake_host(tmp_path_factory: pytest.TempPathFactory) -> FakeHost:
    host = FakeHost(tmp_path_factory.mktemp("firefox-fake-host"))
    host.set_policy(_policy(["tiktok.com"]))
    (host.folder / "prompt.json").write_text(json.dumps(PROMPT))
    return host


@pytest.fixture(scope="module")
def firefox(fake_host: FakeHost, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Firefox]:
    home = tmp_path_factory.mktemp("firefox-home")
    launcher = fake_host.folder / "launcher.sh"
    # Also notes what Firefox passed, to check its calling convention.
    launcher.write_text(
        f'#!/bin/sh\nprintf "%s\\n" "$@" > "{fake_host.folder}/argv"\n'
        f'exec "{sys.executable}" "{FAKE_HOST}" "{fake_host.folder}" "$@"\n'
    )
    launcher.chmod(0o755)
    _register(home, launcher)
    browser = Firefox(home / "firefox", env={"HOME": str(home)})
    try:
        browser.serve_fixtures()
        browser.install(EXTENSION / "firefox")
        assert eventually(lambda: bool(fake_host.received("get_policy")), 10), browser.tail()
        yield browser
        assert browser.bidi.handler_errors == []
    finally:
        browser.close()


@pytest.fixture(scope="module")
def console(firefox: Firefox) -> Tab:
    """An extension page to reach the background from; it stays open for the module."""
    return firefox.extension_page()


@pytest.fixture
def tab(firefox: Firefox, console: Tab) -> Iterator[Tab]:
    page = firefox.new_tab()
    yield page
    if page.context in {c["context"] for c in firefox.contexts()}:
        page.close()
    console.evaluate("() => chrome.storage.local.remove('allowances')")
    console.background("apply")


def _refresh(console: Tab, fake_host: FakeHost, policy: dict[str, object]) -> None:
    fake_host.set_policy(policy)
    console.background("refreshPolicy")


@pytest.fixture
def guarding(console: Tab, fake_host: FakeHost) -> Iterator[None]:
    """The app shows numbers (`hide = "never"`): what stays hidden is the guard's doing."""
    (fake_host.folder / "prompt.json").write_text(json.dumps(COMPARISON))
    _refresh(console, fake_host, _showing_policy())
    try:
        yield
    finally:
        console.evaluate("() => chrome.storage.local.set({posted_until: {}})")
        (fake_host.folder / "prompt.json").write_text(json.dumps(PROMPT))
        _refresh(console, fake_host, _policy(["tiktok.com"]))


CARD_TEXT = "() => document.querySelector('focusapp-card')?.shadowRoot.textContent ?? null"


def _click_card_button(tab: Tab, label: str) -> None:
    x, y = tab.evaluate(
        """(label) => {
             const card = document.querySelector('focusapp-card').shadowRoot;
             const button = [...card.querySelectorAll('button')]
               .find((b) => b.textContent === label);
             const box = button.getBoundingClientRect();
             return [box.x + box.width / 2, box.y + box.height / 2];
           }""",
        label,
    )
    tab.click(x, y)


def _blocked(tab: Tab, site: str) -> bool:
    url = tab.url
    return url.startswith(BLOCK_PAGE) and f"site={site}&" in url


def test_firefox_starts_the_host_with_its_manifest_and_the_extension_id(
    firefox: Firefox, fake_host: FakeHost
) -> None:
    manifest, extension_id = (fake_host.folder / "argv").read_text().splitlines()
    assert Path(manifest).name == f"{HOST_NAME}.json" and Path(manifest).is_file()
    assert extension_id == FIREFOX_EXTENSION_ID
    assert fake_host.received("hello")[0]["extension"] == "0.1.0"


def test_blocked_site_is_redirected_to_the_block_page_with_the_hosts_prompt(tab: Tab) -> None:
    tab.goto(url_of("tiktok") + "foryou?lang=en&x=1")
    assert _blocked(tab, "tiktok.com")
    assert tab.url.endswith("&url=https://www.tiktok.com/foryou?lang=en&x=1")
    assert tab.wait_for(QUESTION_SHOWN) == "What are you looking for?"
    answers = "() => [...document.querySelectorAll('#answers button')].map((b) => b.textContent)"
    assert tab.evaluate(answers) == ["Rest", "News"]


def test_back_works_from_the_keyboard_and_is_told_to_the_app(tab: Tab, fake_host: FakeHost) -> None:
    tab.goto(url_of("x"))
    tab.goto(url_of("tiktok"))
    tab.wait_for(QUESTION_SHOWN)
    tab.press(KEYS["Tab"], KEYS["Enter"])  # from "Rest", which has focus, to "News"; pick it
    tab.press(KEYS["Escape"])
    tab.wait_for_url(url_of("x"))
    urge = fake_host.received("urge")[-1]
    assert urge["choice"] == "back" and urge["site"] == "tiktok.com"
    assert urge["prompt_id"] == "test.why" and urge["answer"] == "News"


def test_a_block_page_with_nothing_to_go_back_to_leaves_for_a_new_tab(
    firefox: Firefox, tab: Tab, fake_host: FakeHost
) -> None:
    tab.goto(url_of("tiktok"))  # the tab's first page: no history to go back to
    tab.wait_for(QUESTION_SHOWN)
    before = {c["context"] for c in firefox.contexts()}
    tab.press(KEYS["Escape"])
    assert eventually(lambda: tab.context not in {c["context"] for c in firefox.contexts()})
    opened = [c for c in firefox.contexts() if c["context"] not in before]
    assert len(opened) == 1 and opened[0]["url"].startswith("about:"), opened
    assert not any(c["url"].startswith(BLOCK_PAGE + "?site=tiktok") for c in firefox.contexts())
    assert fake_host.received("urge")[-1]["choice"] == "back"


def test_in_page_navigation_to_a_blocked_site_is_caught(
    tab: Tab, console: Tab, fake_host: FakeHost
) -> None:
    _refresh(console, fake_host, _policy([]))
    try:
        tab.goto(url_of("tiktok"))
        assert tab.url == url_of("tiktok")
        _refresh(console, fake_host, _policy(["tiktok.com"]))
        tab.evaluate("() => history.pushState({}, '', '/@someone')")
        tab.wait_for_url(BLOCK_PAGE)
        assert _blocked(tab, "tiktok.com")
        assert tab.url.endswith("&url=https://www.tiktok.com/@someone")
    finally:
        _refresh(console, fake_host, _policy(["tiktok.com"]))


def test_metrics_are_shown_when_the_policy_says_hiding_is_not_active(
    tab: Tab, console: Tab, fake_host: FakeHost
) -> None:
    tab.goto(url_of("x"))
    numbers = [p for p in parts(tab) if p.kind in ("number", "count")]
    assert eventually(lambda: all(ink(tab, p) == 0 for p in numbers))
    _refresh(console, fake_host, _policy(["tiktok.com"], active=False))
    try:
        assert eventually(lambda: all(ink(tab, p) > 0 for p in numbers))
    finally:
        _refresh(console, fake_host, _policy(["tiktok.com"]))
    assert eventually(lambda: all(ink(tab, p) == 0 for p in numbers))


def test_active_tab_time_is_reported_to_the_host(
    firefox: Firefox, tab: Tab, console: Tab, fake_host: FakeHost
) -> None:
    tab.goto(url_of("x"))
    firefox.bidi.command("browsingContext.activate", {"context": tab.context})
    console.background("reportActivity")  # starts the interval
    sent = console.evaluate(
        """async () => {
             await new Promise((done) => setTimeout(done, 1200));
             return (await chrome.runtime.getBackgroundPage()).reportActivity();
           }"""
    )
    assert sent is not None, "no report: the window was not focused or the user counted as idle"
    report = fake_host.received("activity")[-1]
    assert report["site"] == "x.com" and report["page_kind"] == "other" and report["active"]
    assert 1.0 <= report["seconds"] <= 5.0


def test_real_native_host_installed_by_focusapp_answers_offline_from_its_cache(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    env = {
        **os.environ,
        "HOME": str(home),
        # The host Firefox starts runs this checkout, however Focusapp is installed here.
        "PYTHONPATH": str(REPO),
        **{
            name: str(tmp_path / name.lower())
            for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR")
        },
    }
    installed = subprocess.run(
        [sys.executable, "-m", "focusapp", "browser", "install", "--browser", "firefox"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert installed.returncode == 0, installed.stderr
    assert (home / ".mozilla" / "native-messaging-hosts" / f"{HOST_NAME}.json").is_file()
    state = tmp_path / "xdg_state_home" / "focusapp"
    state.mkdir(parents=True)
    cache = {"v": 1, "saved_at": _iso(0), "policy": _policy(["tiktok.com"], until_s=600)}
    (state / "native-host-cache.json").write_text(json.dumps(cache))

    browser = Firefox(tmp_path / "firefox", env=env)
    try:
        browser.serve_fixtures()
        browser.install(EXTENSION / "firefox")
        stored = "async () => (await chrome.storage.local.get('policy')).policy ?? null"
        policy = browser.extension_page().wait_for(stored, timeout_s=10)
        assert policy["offline"] is True and policy["blocked_sites"][0]["site"] == "tiktok.com"
        page = browser.new_tab()
        page.goto(url_of("tiktok"))
        assert _blocked(page, "tiktok.com")
        question = page.wait_for(QUESTION_SHOWN, timeout_s=10)  # the app is away: built in
        assert question in FALLBACK_QUESTIONS
        page.press(KEYS["Escape"])
        spool = state / "native-host-spool.jsonl"
        assert eventually(lambda: spool.exists() and "urge" in spool.read_text(), 5)
        message = json.loads(spool.read_text().splitlines()[-1])["message"]
        assert message["type"] == "urge" and message["choice"] == "back"
        assert message["site"] == "tiktok.com"
        assert browser.bidi.handler_errors == []
    finally:
        browser.close()


def test_on_someone_elses_profile_followers_stay_hidden_and_a_card_asks(
    tab: Tab, fake_host: FakeHost, guarding: None
) -> None:
    tab.goto("https://x.com/someone")
    numbers = [p for p in parts(tab) if p.kind == "number"]
    assert numbers, "the fixture marks no follower numbers"
    assert eventually(lambda: all(ink(tab, p) == 0 for p in numbers), 5), "followers shown"
    assert all(ink(tab, p) > 0 for p in parts(tab) if p.kind == "keep")
    assert eventually(lambda: "measuring yourself" in (tab.evaluate(CARD_TEXT) or ""), 5)
    _click_card_button(tab, "Continue")
    assert eventually(lambda: tab.evaluate(CARD_TEXT) is None, 3)
    urge = fake_host.received("urge")[-1]
    assert urge["choice"] == "continue" and urge["trigger"] == "other_profile"
    assert urge["prompt_id"] == "test.compare"


def test_after_posting_notifications_wait_under_a_card_and_escape_goes_back(
    tab: Tab, console: Tab, fake_host: FakeHost, guarding: None
) -> None:
    tab.goto("https://x.com/compose/post")
    x, y = tab.evaluate(
        """() => { const box = document.querySelector('[data-testid="tweetButton"]')
                     .getBoundingClientRect();
                   return [box.x + box.width / 2, box.y + box.height / 2]; }"""
    )
    tab.click(x, y)  # a real click: pages.js counts only trusted ones
    posted = "async () => (await chrome.storage.local.get('posted_until')).posted_until?.x"
    console.wait_for(posted)

    # The feed's numbers, which this policy shows, stay hidden for the cool-down.
    tab.goto("https://x.com/home")
    numbers = [p for p in parts(tab) if p.kind == "number"]
    assert eventually(lambda: bool(numbers) and all(ink(tab, p) == 0 for p in numbers), 5)

    tab.goto("https://x.com/notifications")
    assert eventually(lambda: tab.evaluate(CARD_TEXT) is not None, 5)
    assert tab.evaluate("() => getComputedStyle(document.body).visibility") == "hidden"
    assert tab.evaluate("() => document.activeElement?.localName") == "focusapp-card"
    tab.press(KEYS["Escape"])  # back, with the browser's own Back (tabs.goBack)
    tab.wait_for_url("https://x.com/home")
    urge = fake_host.received("urge")[-1]
    assert urge["choice"] == "back" and urge["trigger"] == "just_posted"
