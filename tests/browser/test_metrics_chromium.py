"""The extension hides engagement numbers in real Chromium, and leaves everything else alone."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from focusapp.bridge.extension_identity import CHROMIUM_EXTENSION_ID
from tests.browser.conftest import EXTENSION, PAGES, url_of
from tests.browser.pixels import Part, eventually, ink, parts

pytestmark = pytest.mark.browser


def _hidden(page: Any, part: Part) -> bool:
    return ink(page, part) == 0


def _open(page: Any, site: str) -> None:
    page.goto(url_of(site))
    page.wait_for_function("() => window.fixtureSettled ?? true")


def _numbers(found: list[Part]) -> list[Part]:
    return [p for p in found if p.kind in ("number", "count")]


def test_extension_loads_with_the_id_the_native_host_allows(service_worker: Any) -> None:
    assert service_worker.url.startswith(f"chrome-extension://{CHROMIUM_EXTENSION_ID}/")


def test_every_selector_in_the_site_data_is_valid_css(page: Any) -> None:
    page.goto(url_of("tiktok"))
    for path in sorted((EXTENSION / "common" / "sites").glob("*.json")):
        site = json.loads(path.read_text("utf-8"))
        selectors = [s for group in site["hide"].values() for s in group] + site["containers"]
        selectors += [s for spec in site["shadow"] for s in (spec["host"], *spec["numbers"])]
        rejected = page.evaluate(
            """(selectors) => selectors.filter((s) => {
                 try { document.querySelector(s); return false; } catch { return true; } })""",
            selectors,
        )
        assert rejected == [], f"{path.name}: Chromium rejects {rejected}"


@pytest.mark.parametrize("site", sorted(PAGES.values()))
def test_numbers_hidden_while_buttons_and_content_stay(
    site: str, page: Any, plain_context: Any
) -> None:
    plain = plain_context.new_page()
    _open(plain, site)
    untouched = parts(plain)
    # The fixture must really draw what the extension is meant to hide, or the test proves nothing.
    assert _numbers(untouched), f"{site}: the fixture marks no numbers"
    assert all(ink(plain, p) > 0 for p in untouched if p.kind in ("number", "count", "keep"))

    _open(page, site)
    assert eventually(lambda: all(_hidden(page, p) for p in _numbers(parts(page)))), [
        p.label for p in _numbers(parts(page)) if not _hidden(page, p)
    ]
    shown = parts(page)
    for part in shown:
        if part.kind == "keep":
            assert ink(page, part) > 0, f"{site}: {part.label!r} is content and must stay"
    # Hiding keeps the layout: every button sits where it sits without the extension.
    boxes = [p.rect for p in shown if p.kind == "button"]
    assert boxes == [p.rect for p in untouched if p.kind == "button"]


def test_counts_are_recognised_by_place_not_by_look(page: Any, plain_context: Any) -> None:
    plain = plain_context.new_page()
    plain.goto(url_of("facebook"))
    untouched = next(p for p in parts(plain) if p.kind == "keep" and "1.2K likes" in p.label)
    page.goto(url_of("facebook"))
    found = parts(page)
    likes = next(p for p in found if p.kind == "count" and p.label == "1.2K")
    caption = next(p for p in found if p.kind == "keep" and "1.2K likes" in p.label)
    assert eventually(lambda: _hidden(page, likes))
    time.sleep(0.3)  # give the idle-time pass its chance to (wrongly) touch the caption
    # Every pixel of the caption, its "1.2K likes" included, is drawn as without the extension.
    assert ink(page, caption) == ink(plain, untouched)


def test_reddit_numbers_in_shadow_roots_are_hidden_even_after_a_late_upgrade(page: Any) -> None:
    page.goto(url_of("reddit"))
    assert eventually(lambda: len(_numbers(parts(page))) == 4)  # the late post has upgraded
    numbers = _numbers(parts(page))
    assert eventually(lambda: all(_hidden(page, p) for p in numbers))
    marked = page.evaluate(
        """() => [...document.querySelectorAll('shreddit-post, shreddit-comment-action-row')]
             .flatMap((host) => [...host.shadowRoot.querySelectorAll('faceplate-number')])
             .map((number) => number.part.contains('focusapp-metric'))"""
    )
    assert marked == [True, True, True]


def test_feed_items_appended_later_are_hidden(page: Any) -> None:
    page.goto(url_of("youtube"))
    started = time.monotonic()
    # The site's own script appends a long page of lockups, as infinite scroll does.
    page.evaluate(
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
    last = _numbers(parts(page))[-1]
    assert last.label == "400.2K"
    assert eventually(lambda: _hidden(page, last))
    assert time.monotonic() - started < 3.0


def test_counts_that_change_in_place_stay_hidden(page: Any) -> None:
    page.goto(url_of("linkedin"))
    count = next(p for p in parts(page) if p.label == "56")
    assert eventually(lambda: _hidden(page, count))
    # React updates the same text node rather than replacing it.
    page.evaluate(
        """() => { const span = document.querySelector('[data-fixture-count="56"]');
                   span.setAttribute('data-fixture-count', '57');
                   span.firstChild.data = '57 comments'; }"""
    )
    changed = next(p for p in parts(page) if p.label == "57")
    assert eventually(lambda: _hidden(page, changed))


def test_unread_count_is_stripped_from_the_tab_title(page: Any) -> None:
    page.goto(url_of("x"))
    assert eventually(lambda: page.title() == "Home / X")
    page.evaluate("() => { document.title = '(12) Home / X'; }")
    assert eventually(lambda: page.title() == "Home / X")


def test_stored_mode_turns_hiding_off_and_on_again(page: Any, service_worker: Any) -> None:
    page.goto(url_of("tiktok"))
    numbers = _numbers(parts(page))
    assert eventually(lambda: all(_hidden(page, p) for p in numbers))
    try:
        service_worker.evaluate("chrome.storage.local.set({hide: false})")
        assert eventually(lambda: all(ink(page, p) > 0 for p in numbers))
        # A page loaded while hiding is off starts hidden and only then shows its numbers.
        page.reload()
        assert eventually(lambda: all(ink(page, p) > 0 for p in _numbers(parts(page))))
    finally:
        service_worker.evaluate("chrome.storage.local.set({hide: true})")
    assert eventually(lambda: all(_hidden(page, p) for p in numbers))


def test_defaults_are_written_on_install(service_worker: Any) -> None:
    assert service_worker.evaluate("chrome.storage.local.get('hide')") == {"hide": True}


# Runs in the page before any of its own scripts: for the first frames the browser paints,
# records every marked number that was painted visible. Frames are counted from rAF, which runs
# right before each paint, so what it sees is what the first paint showed.
_FIRST_FRAMES = """() => {
  window.__paintedNumbers = [];
  window.__framesSeen = 0;
  const look = () => {
    for (const el of document.querySelectorAll('[data-fixture="number"]')) {
      const painted = getComputedStyle(el).visibility === 'visible';
      if (painted) window.__paintedNumbers.push(el.textContent);
    }
    if (++window.__framesSeen < 5) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}"""


@pytest.mark.parametrize("site", ["tiktok", "x", "youtube", "instagram", "bluesky", "old_reddit"])
def test_no_number_is_ever_painted_not_even_in_the_first_frame(
    site: str, extension_context: Any
) -> None:
    tab = extension_context.new_page()
    try:
        tab.add_init_script(script=f"({_FIRST_FRAMES})()")
        tab.goto(url_of(site))
        tab.wait_for_function("() => window.__framesSeen >= 5")
        seen = tab.evaluate("() => document.querySelectorAll('[data-fixture=number]').length")
        assert seen, f"{site}: the fixture marks no numbers"
        assert tab.evaluate("() => window.__paintedNumbers") == []
    finally:
        tab.close()
