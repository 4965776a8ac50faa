"""The comparison guard, the after-posting cool-down and the popup's switches, in real Chromium.

The fake native host answers a policy that *shows* numbers (`hide = "never"`), so whatever stays
hidden here is hidden by the guard or the cool-down, not by the ordinary rules.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest

from focusapp.bridge.extension_identity import CHROMIUM_EXTENSION_ID
from tests.browser.pixels import eventually, ink, parts
from tests.browser.test_blocking_chromium import (
    FAKE_HOST,
    PROMPT,
    FakeHost,
    _install_host,
    _launch,
    _worker,
)

pytestmark = pytest.mark.browser

COMPARISON = {
    "prompt": {
        "id": "test.compare",
        "text": "Who are you measuring yourself against?",
        "answers": [],
    },
    "pause_s": 0,
    "pause_form": "still",
}


def _policy(*, comparison: bool = True, after_posting_minutes: int = 60) -> dict[str, Any]:
    return {
        "version": 1,
        "metrics": {
            "hide": "never",
            "active": False,
            "comparison_guard": comparison,
            "after_posting_minutes": after_posting_minutes,
        },
        "session": None,
        "blocked_sites": [],
        "block_until": None,
        "offline": False,
    }


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> FakeHost:
    fake = FakeHost(tmp_path_factory.mktemp("guard-host"))
    fake.set_policy(_policy())
    (fake.folder / "prompt.json").write_text(json.dumps(COMPARISON))
    return fake


@pytest.fixture(scope="module")
def browser(
    playwright: Any, host: FakeHost, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    profile = tmp_path_factory.mktemp("guard-profile")
    script = f'#!/bin/sh\nexec "{sys.executable}" "{FAKE_HOST}" "{host.folder}" "$@"\n'
    _install_host(profile, host.folder / "launcher.sh", script)
    context = _launch(playwright, profile)
    yield context
    context.close()


@pytest.fixture(scope="module")
def worker(browser: Any) -> Any:
    sw = _worker(browser)
    stored = lambda: sw.evaluate("chrome.storage.local.get(['hide', 'guard'])")  # noqa: E731
    assert eventually(lambda: stored().get("hide") is False and stored().get("guard"), 10)
    return sw


@pytest.fixture
def tab(browser: Any, worker: Any) -> Iterator[Any]:
    worker.evaluate("chrome.storage.local.set({posted_until: {}, switches: {}})")
    page = browser.new_page()
    yield page
    page.close()


def _settle(worker: Any, key: str, holds: Any) -> None:
    """Ask the host again until the extension's stored `key` satisfies `holds`: one request can
    time out on a loaded machine, and the next step must not start from the last one's state."""

    def settled() -> bool:
        worker.evaluate("refreshPolicy()")
        return bool(holds(worker.evaluate(f"chrome.storage.local.get('{key}')").get(key)))

    assert eventually(settled, 20), f"the extension's {key} never took the host's policy"


def _numbers(page: Any) -> list[Any]:
    return [p for p in parts(page) if p.kind == "number"]


def _card_text(page: Any) -> str | None:
    return page.evaluate(
        "() => document.querySelector('focusapp-card')?.shadowRoot.textContent ?? null"
    )


def _card_button(page: Any, label: str) -> Any:
    return page.locator("focusapp-card").get_by_role("button", name=label)


def test_on_someone_elses_profile_followers_stay_hidden_and_a_card_asks_once_per_visit(
    tab: Any, host: FakeHost
) -> None:
    tab.goto("https://x.com/someone")
    numbers = _numbers(tab)
    assert numbers, "the fixture marks no follower numbers"
    assert eventually(lambda: all(ink(tab, p) == 0 for p in numbers), 5), "followers shown"
    assert all(ink(tab, p) > 0 for p in parts(tab) if p.kind == "keep")
    # The card comes once the page had a moment to say whose profile it is; the app's prompt.
    assert eventually(lambda: "measuring yourself" in (_card_text(tab) or ""), 5)
    # It never takes the keyboard from the page.
    assert tab.evaluate("() => document.activeElement === document.body")

    _card_button(tab, "Continue").click()
    assert eventually(lambda: _card_text(tab) is None, 3)
    urges = host.received("urge")
    assert urges[-1]["choice"] == "continue"
    assert urges[-1]["trigger"] == "other_profile"
    assert urges[-1]["page_kind"] == "other_profile"
    assert urges[-1]["prompt_id"] == "test.compare"

    # Another tab of the same profile is the same visit: no second card.
    tab.evaluate("() => history.pushState({}, '', '/someone/followers')")
    time.sleep(2)
    assert _card_text(tab) is None
    # Leaving and coming back is a new visit.
    tab.evaluate("() => history.pushState({}, '', '/home')")
    tab.evaluate("() => history.pushState({}, '', '/someone')")
    assert eventually(lambda: _card_text(tab) is not None, 5)
    tab.keyboard.press("Tab")  # into the card, from the keyboard alone
    tab.keyboard.press("Escape")
    assert eventually(lambda: _card_text(tab) is None, 3)


def test_ones_own_profile_shows_its_numbers_and_asks_nothing(tab: Any) -> None:
    tab.goto("https://x.com/sam_doe")
    numbers = _numbers(tab)
    assert eventually(lambda: all(ink(tab, p) > 0 for p in numbers), 5)
    time.sleep(2)
    assert _card_text(tab) is None


def test_the_guard_is_a_setting_of_the_app(tab: Any, host: FakeHost, worker: Any) -> None:
    host.set_policy(_policy(comparison=False))
    _settle(worker, "guard", lambda guard: guard["comparison"] is False)
    try:
        tab.goto("https://x.com/someone")
        numbers = _numbers(tab)
        assert eventually(lambda: all(ink(tab, p) > 0 for p in numbers), 5)
        time.sleep(2)
        assert _card_text(tab) is None
    finally:
        host.set_policy(_policy())
        _settle(worker, "guard", lambda guard: guard["comparison"] is True)


def test_after_posting_numbers_and_notifications_stay_hidden_for_the_cool_down(
    tab: Any, host: FakeHost, worker: Any
) -> None:
    (host.folder / "prompt.json").write_text(json.dumps(PROMPT))
    try:
        tab.goto("https://x.com/compose/post")
        before = time.time() * 1000
        tab.get_by_role("button", name="Post").click()
        until = lambda: worker.evaluate("chrome.storage.local.get('posted_until')")["posted_until"]  # noqa: E731
        assert eventually(lambda: "x" in until(), 5)
        assert 59 * 60_000 < until()["x"] - before < 61 * 60_000

        # The feed's numbers, which this policy shows, stay hidden now.
        tab.goto("https://x.com/home")
        numbers = _numbers(tab)
        assert eventually(lambda: numbers and all(ink(tab, p) == 0 for p in numbers), 5)

        # Notifications wait under a card that has the keyboard; Escape goes back.
        tab.goto("https://x.com/notifications")
        assert eventually(lambda: _card_text(tab) is not None, 5)
        note = tab.locator("#notification")
        assert eventually(
            lambda: (
                not note.is_visible()
                or tab.evaluate("() => getComputedStyle(document.body).visibility") == "hidden"
            ),
            3,
        )
        focused = tab.evaluate("() => document.activeElement?.localName")
        assert focused == "focusapp-card"
        tab.keyboard.press("Escape")
        tab.wait_for_url("https://x.com/home", timeout=5000)  # waiting also serves the request
        assert host.received("urge")[-1]["choice"] == "back"
        assert host.received("urge")[-1]["trigger"] == "just_posted"

        # "Show it anyway" lets the page through, and says so to the app.
        tab.goto("https://x.com/notifications")
        assert eventually(lambda: _card_text(tab) is not None, 5)
        _card_button(tab, "Show it anyway").click()
        assert eventually(lambda: tab.locator("#notification").is_visible(), 3)
        assert host.received("urge")[-1]["choice"] == "continue"

        # Once the cool-down ends, the policy's answer (show) applies again.
        worker.evaluate("chrome.storage.local.set({posted_until: {x: Date.now() + 500}})")
        tab.goto("https://x.com/home")
        numbers = _numbers(tab)
        assert eventually(lambda: all(ink(tab, p) > 0 for p in numbers), 5)
    finally:
        (host.folder / "prompt.json").write_text(json.dumps(COMPARISON))


def test_ctrl_enter_in_the_composer_counts_as_posting(tab: Any, worker: Any) -> None:
    tab.goto("https://x.com/compose/post")
    tab.locator('[data-testid="tweetTextarea_0"]').click()
    tab.keyboard.press("Control+Enter")
    assert eventually(
        lambda: "x" in worker.evaluate("chrome.storage.local.get('posted_until')")["posted_until"],
        5,
    )


def test_a_click_elsewhere_is_not_posting(tab: Any, worker: Any) -> None:
    tab.goto("https://x.com/compose/post")
    tab.get_by_role("button", name="Cancel").click()
    time.sleep(1)
    assert worker.evaluate("chrome.storage.local.get('posted_until')")["posted_until"] == {}


def test_the_popup_lists_every_site_and_its_switch_shows_that_sites_numbers(
    tab: Any, browser: Any, host: FakeHost, worker: Any
) -> None:
    hiding = {**_policy(), "metrics": {**_policy()["metrics"], "hide": "always", "active": True}}
    host.set_policy(hiding)
    _settle(worker, "hide", lambda hide: hide is True)
    popup = browser.new_page()
    try:
        popup.goto(f"chrome-extension://{CHROMIUM_EXTENSION_ID}/popup.html")
        boxes = popup.get_by_role("checkbox")
        assert eventually(lambda: boxes.count() == 10, 5)
        assert eventually(lambda: "running" in popup.locator("#connection").inner_text(), 5)
        assert "all the time" in popup.locator("#mode").inner_text()
        assert popup.locator("fieldset").is_enabled()
        names = [boxes.nth(i).evaluate("b => b.parentElement.textContent") for i in range(10)]
        assert "X" in names and "YouTube" in names
        # From the keyboard: the first switch has focus; move to X's and turn it off.
        x_box = popup.locator('input[data-site="x"]')
        x_box.focus()
        popup.keyboard.press("Space")
        switches = lambda: worker.evaluate("chrome.storage.local.get('switches')")["switches"]  # noqa: E731
        assert eventually(lambda: switches() == {"x": False}, 5)

        tab.goto("https://x.com/home")
        numbers = _numbers(tab)
        assert eventually(lambda: all(ink(tab, p) > 0 for p in numbers), 5)
        tab.goto("https://www.youtube.com/")
        numbers = _numbers(tab)
        assert eventually(lambda: all(ink(tab, p) == 0 for p in numbers), 5)
    finally:
        popup.close()
        host.set_policy(_policy())
        _settle(worker, "hide", lambda hide: hide is False)


def test_the_guard_covers_counts_written_into_text_on_a_channel(tab: Any, worker: Any) -> None:
    _settle(worker, "hide", lambda hide: hide is False)
    # A channel's subscribers are text in the new layout ("1,2 Mio. Abonnenten"), found by the
    # content script, not by a selector; the guard keeps them hidden though the policy shows
    # numbers.
    tab.goto("https://www.youtube.com/@topfivefootball")
    subscribers = lambda: next(p for p in parts(tab) if p.label == "1,2 Mio.")  # noqa: E731
    assert eventually(lambda: ink(tab, subscribers()) == 0, 5)
    # Off the channel, on the feed, the same kind of text count is shown, as the policy says.
    tab.goto("https://www.youtube.com/")
    counts = lambda: [p for p in parts(tab) if p.kind == "count"]  # noqa: E731
    assert counts()
    assert eventually(lambda: all(ink(tab, p) > 0 for p in counts()), 10)


def test_ones_own_channel_is_known_by_its_studio_links_and_asks_nothing(
    tab: Any, worker: Any
) -> None:
    _settle(worker, "hide", lambda hide: hide is False)
    tab.goto("https://www.youtube.com/@mychannel")
    subscribers = lambda: next(p for p in parts(tab) if p.label == "312")  # noqa: E731
    assert eventually(lambda: ink(tab, subscribers()) > 0, 5)
    time.sleep(2)
    assert _card_text(tab) is None
