"""The Firefox build hides engagement numbers in real Firefox ESR, and leaves everything else alone.

One Firefox for the module, with the extension from `focusapp browser path --browser firefox`
installed as a temporary add-on. The same fixture pages are also served at an address no content
script matches, which is what each page looks like untouched in the same browser.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest

from tests.browser.conftest import EXTENSION, PAGES, url_of
from tests.browser.firefox import Firefox, Tab, unmatched_url
from tests.browser.pixels import Part, eventually, ink, parts

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def firefox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Firefox]:
    browser = Firefox(tmp_path_factory.mktemp("firefox-metrics"))
    try:
        browser.serve_fixtures()
        browser.install(EXTENSION / "firefox")
        yield browser
        assert browser.bidi.handler_errors == []
    finally:
        browser.close()


@pytest.fixture
def tab(firefox: Firefox) -> Iterator[Tab]:
    page = firefox.new_tab()
    yield page
    page.close()


def test_this_firefox_is_one_the_extension_supports(firefox: Firefox) -> None:
    gecko = json.loads((EXTENSION / "firefox" / "manifest.json").read_text("utf-8"))[
        "browser_specific_settings"
    ]["gecko"]
    major = int(firefox.version.split(".")[0])
    print(f"Firefox {firefox.version}")
    assert major >= int(gecko["strict_min_version"].split(".")[0]), firefox.version


def _open(tab: Tab, url: str) -> None:
    tab.goto(url)
    tab.wait_for("() => window.fixtureSettled ?? true")


def _numbers(found: list[Part]) -> list[Part]:
    return [p for p in found if p.kind in ("number", "count")]


def _hidden(tab: Tab, part: Part) -> bool:
    return ink(tab, part) == 0


def test_every_selector_in_the_site_data_is_valid_css_in_firefox(tab: Tab) -> None:
    tab.goto(url_of("tiktok"))
    for path in sorted((EXTENSION / "common" / "sites").glob("*.json")):
        site = json.loads(path.read_text("utf-8"))
        selectors = [s for group in site["hide"].values() for s in group] + site["containers"]
        selectors += [s for spec in site["shadow"] for s in (spec["host"], *spec["numbers"])]
        rejected = tab.evaluate(
            """(selectors) => selectors.filter((s) => {
                 try { document.querySelector(s); return false; } catch { return true; } })""",
            selectors,
        )
        assert rejected == [], f"{path.name}: Firefox rejects {rejected}"


@pytest.mark.parametrize("site", sorted(PAGES.values()))
def test_numbers_hidden_while_buttons_and_content_stay(site: str, tab: Tab) -> None:
    _open(tab, unmatched_url(site))
    untouched = parts(tab)
    # The fixture must really draw what the extension is meant to hide, or the test proves nothing.
    assert _numbers(untouched), f"{site}: the fixture marks no numbers"
    assert all(ink(tab, p) > 0 for p in untouched if p.kind in ("number", "count", "keep"))

    _open(tab, url_of(site))
    assert eventually(lambda: all(_hidden(tab, p) for p in _numbers(parts(tab)))), [
        p.label for p in _numbers(parts(tab)) if not _hidden(tab, p)
    ]
    shown = parts(tab)
    assert len(_numbers(shown)) == len(_numbers(untouched))
    for part in shown:
        if part.kind == "keep":
            assert ink(tab, part) > 0, f"{site}: {part.label!r} is content and must stay"
    # Hiding keeps the layout: every button sits where it sits without the extension.
    boxes = [p.rect for p in shown if p.kind == "button"]
    assert boxes == [p.rect for p in untouched if p.kind == "button"]


def test_reddit_numbers_in_shadow_roots_are_hidden_even_after_a_late_upgrade(tab: Tab) -> None:
    tab.goto(url_of("reddit"))
    assert eventually(lambda: len(_numbers(parts(tab))) == 4)  # the late post has upgraded
    numbers = _numbers(parts(tab))
    assert eventually(lambda: all(_hidden(tab, p) for p in numbers))
    marked = tab.evaluate(
        """() => [...document.querySelectorAll('shreddit-post, shreddit-comment-action-row')]
             .flatMap((host) => [...host.shadowRoot.querySelectorAll('faceplate-number')])
             .map((number) => number.part.contains('focusapp-metric'))"""
    )
    assert marked == [True, True, True]


def test_feed_items_appended_later_are_hidden(tab: Tab) -> None:
    tab.goto(url_of("youtube"))
    started = time.monotonic()
    # The site's own script appends a long page of lockups, as infinite scroll does.
    tab.evaluate(
        """() => {
             const feed = document.getElementById('feed');
             for (let i = 0; i < 400; i++) {
               const item = document.createElement('div');
               item.innerHTML = `<h3>Top ${i} clips</h3><yt-content-metadata-view-model>`
                 + `<span data-fixture-count="${i + 1}.2K">${i + 1}.2K views</span>`
                 + `</yt-content-metadata-view-model>`;
               feed.append(item);
             }
             window.scrollTo(0, document.body.scrollHeight);
           }"""
    )
    last = _numbers(parts(tab))[-1]
    assert last.label == "400.2K"
    assert eventually(lambda: _hidden(tab, last))
    assert time.monotonic() - started < 3.0


def test_unread_count_is_stripped_from_the_tab_title(tab: Tab) -> None:
    tab.goto(url_of("x"))
    assert eventually(lambda: tab.title() == "Home / X")
    tab.evaluate("() => { document.title = '(12) Home / X'; }")
    assert eventually(lambda: tab.title() == "Home / X")


def test_the_popups_switch_shows_one_sites_numbers(firefox: Firefox, tab: Tab) -> None:
    console = firefox.extension_page()
    before = {c["context"] for c in firefox.contexts()}
    console.evaluate("() => chrome.tabs.create({url: chrome.runtime.getURL('popup.html')})")
    assert eventually(lambda: len(firefox.contexts()) > len(before))
    (opened,) = [c["context"] for c in firefox.contexts() if c["context"] not in before]
    popup = Tab(firefox, opened)
    switches = "() => [...document.querySelectorAll('#sites input')].map((box) => box.dataset.site)"
    assert popup.wait_for(switches) == sorted(PAGES.values())
    tab.goto(url_of("x"))
    numbers = _numbers(parts(tab))
    assert eventually(lambda: all(_hidden(tab, p) for p in numbers))
    flip = "() => document.querySelector('#sites input[data-site=\"x\"]').click()"
    try:
        popup.evaluate(flip)
        assert eventually(lambda: all(ink(tab, p) > 0 for p in numbers))
    finally:
        popup.evaluate(flip)
        assert eventually(lambda: all(_hidden(tab, p) for p in numbers))
        popup.close()
        console.close()
