"""Real Chromium for the browser tests: one browser with the unpacked extension, one without.

Both run Debian's `chromium` through Playwright (never a downloaded browser) with `--headless=new`,
which loads extensions, so no display is needed. Every request is answered locally: the real
hostnames are routed to the static pages in `fixtures/`, anything else is aborted, so the
content scripts (matched by host) run on the fixture markup without touching the network.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

EXTENSION = Path(__file__).resolve().parents[2] / "focusapp" / "resources" / "extension"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM_ENV = "FOCUSAPP_CHROMIUM"
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Which fixture page answers for which host.
PAGES = {
    "www.tiktok.com": "tiktok",
    "x.com": "x",
    "www.youtube.com": "youtube",
    "www.reddit.com": "reddit",
    "old.reddit.com": "old_reddit",
    "www.instagram.com": "instagram",
    "www.facebook.com": "facebook",
    "www.linkedin.com": "linkedin",
    "www.threads.com": "threads",
    "bsky.app": "bluesky",
}


def chromium_executable() -> str:
    """Debian's Chromium, or the one `FOCUSAPP_CHROMIUM` names; a loud failure without it."""
    path = os.environ.get(CHROMIUM_ENV) or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file():
        pytest.fail(
            f"the browser tests need Chromium at {path}: install it with "
            f"`apt-get install -y chromium` (scripts/setup-system.sh) or set {CHROMIUM_ENV}",
            pytrace=False,
        )
    return path


def url_of(site: str) -> str:
    host = next(host for host, page in PAGES.items() if page == site)
    return f"https://{host}/"


def fixture_page(page: str, path: str) -> Path:
    """The fixture for an address: `x__notifications.html` answers x.com/notifications, and the
    site's main fixture answers every other path."""
    slug = path.strip("/").replace("/", "_")
    specific = FIXTURES / f"{page}__{slug}.html"
    return specific if slug and specific.is_file() else FIXTURES / f"{page}.html"


def _answer(route: Any) -> None:
    parts = urlsplit(route.request.url)
    page = PAGES.get(parts.hostname or "")
    if page is None:
        route.abort()  # never the network
    elif parts.path.endswith("/fixture.css"):
        route.fulfill(content_type="text/css", body=(FIXTURES / "fixture.css").read_bytes())
    else:
        html = fixture_page(page, parts.path).read_bytes()
        route.fulfill(content_type="text/html; charset=utf-8", body=html)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the browser tests need Playwright: pip install -e '.[test]'", pytrace=False)
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def extension_context(playwright: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A Chromium profile with the unpacked extension from `focusapp browser path`."""
    unpacked = EXTENSION / "chromium"
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("chromium-profile")),
        executable_path=chromium_executable(),
        # `--headless=new` is in FLAGS; Playwright's own headless mode would drop the extension.
        headless=False,
        args=[
            *FLAGS,
            f"--disable-extensions-except={unpacked}",
            f"--load-extension={unpacked}",
        ],
        viewport={"width": 1000, "height": 900},
    )
    context.route("**/*", _answer)
    yield context
    context.close()


@pytest.fixture(scope="session")
def service_worker(extension_context: Any) -> Any:
    workers = extension_context.service_workers
    return workers[0] if workers else extension_context.wait_for_event("serviceworker")


@pytest.fixture(scope="session")
def plain_browser(playwright: Any) -> Iterator[Any]:
    """The same Chromium without the extension: what the fixture pages look like untouched."""
    browser = playwright.chromium.launch(executable_path=chromium_executable(), args=FLAGS)
    yield browser
    browser.close()


@pytest.fixture
def plain_context(plain_browser: Any) -> Iterator[Any]:
    context = plain_browser.new_context(viewport={"width": 1000, "height": 900})
    context.route("**/*", _answer)
    yield context
    context.close()


@pytest.fixture
def page(extension_context: Any) -> Iterator[Any]:
    tab = extension_context.new_page()
    yield tab
    tab.close()
