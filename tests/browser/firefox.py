"""Real Firefox ESR for the browser tests, driven over WebDriver BiDi.

Debian's `firefox-esr` starts headless with a fresh profile and `--remote-debugging-port=0`; the
test talks BiDi to it (`bidi.py`), installs the unpacked extension as a temporary add-on (no
signature needed), and answers every web request itself through BiDi network interception: the
sites' real https addresses get the fixture pages, anything else fails, so nothing reaches the
network. `Tab` offers what `pixels.py` needs (`evaluate`, `screenshot`), so the Chromium tests'
pixel checks run unchanged on Firefox.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from focusapp.bridge.extension_identity import FIREFOX_EXTENSION_ID
from tests.browser.bidi import BidiConnection, BidiError
from tests.browser.conftest import FIXTURES, PAGES, fixture_page

FIREFOX_ENV = "FOCUSAPP_FIREFOX"
# Fixture pages served where no content script matches: what a page looks like untouched.
UNMATCHED_HOST = "unmatched.example"
# A fixed moz-extension:// host, so the tests know the extension's own pages' addresses.
EXTENSION_UUID = "6f1ad3c4-93e2-4b57-8a55-2d0c5b8e4f11"
# Quiet, offline and predictable: no first-run pages, no telemetry or background requests.
PREFS: dict[str, bool | int | str] = {
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.startup.page": 0,
    "browser.aboutwelcome.enabled": False,
    "startup.homepage_welcome_url": "about:blank",
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.healthreport.uploadEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "toolkit.telemetry.enabled": False,
    "app.normandy.enabled": False,
    "app.update.auto": False,
    "app.update.checkInstallTime": False,
    "messaging-system.rsexperimentloader.enabled": False,
    "services.settings.server": "data:,#remote-settings-dummy/v1",
    "network.connectivity-service.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.dns.disablePrefetch": True,
    "network.http.speculative-parallel-limit": 0,
    "network.prefetch-next": False,
    "browser.safebrowsing.update.enabled": False,
    "browser.safebrowsing.downloads.remote.enabled": False,
    "extensions.update.enabled": False,
    "extensions.getAddons.cache.enabled": False,
    "extensions.webextensions.uuids": json.dumps({FIREFOX_EXTENSION_ID: EXTENSION_UUID}),
    "browser.newtabpage.enabled": False,
    "browser.newtabpage.activity-stream.feeds.system.topstories": False,
    "browser.newtabpage.activity-stream.feeds.snippets": False,
}
# WebDriver's codes for the keys the tests press.
KEYS = {"Tab": "\ue004", "Enter": "\ue007", "Escape": "\ue00c"}
_LISTENING = re.compile(r"WebDriver BiDi listening on (ws://\S+)")


def firefox_executable() -> str:
    """Debian's Firefox ESR, or the one `FOCUSAPP_FIREFOX` names; a loud failure without it."""
    path = os.environ.get(FIREFOX_ENV) or shutil.which("firefox-esr") or "/usr/bin/firefox-esr"
    if not Path(path).is_file():
        pytest.fail(
            f"the Firefox tests need Firefox ESR at {path}: install it with "
            f"`apt-get install -y firefox-esr` (scripts/setup-system.sh --test) or set "
            f"{FIREFOX_ENV}",
            pytrace=False,
        )
    return path


def fixture_response(url: str) -> tuple[str, bytes] | None:
    """The content type and body that answer `url`, or None when nothing may answer it."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme != "https" or (host not in PAGES and host != UNMATCHED_HOST):
        return None
    if parts.path.endswith("/fixture.css"):
        return "text/css", (FIXTURES / "fixture.css").read_bytes()
    if host == UNMATCHED_HOST:
        page = parts.path.strip("/").split("/")[0]
        if page not in PAGES.values():
            return None
        return "text/html; charset=utf-8", (FIXTURES / f"{page}.html").read_bytes()
    return "text/html; charset=utf-8", fixture_page(PAGES[host], parts.path).read_bytes()


def unmatched_url(site: str) -> str:
    return f"https://{UNMATCHED_HOST}/{site}/"


class Tab:
    """One browsing context, with the two calls `pixels.py` makes of a page."""

    def __init__(self, browser: Firefox, context: str) -> None:
        self.browser = browser
        self.context = context

    def goto(self, url: str, wait: str = "complete") -> None:
        self.browser.bidi.command(
            "browsingContext.navigate", {"context": self.context, "url": url, "wait": wait}
        )

    def evaluate(self, function: str, *args: Any) -> Any:
        """Runs the JavaScript function `function` in the page with JSON `args`; JSON result."""
        wrapped = (
            "async (argsJson) => JSON.stringify("
            f"(await ({function})(...JSON.parse(argsJson))) ?? null)"
        )
        result = self.browser.bidi.command(
            "script.callFunction",
            {
                "functionDeclaration": wrapped,
                "awaitPromise": True,
                "target": {"context": self.context},
                "arguments": [{"type": "string", "value": json.dumps(args)}],
            },
        )
        if result.get("type") == "exception":
            details = result["exceptionDetails"]
            raise BidiError(f"the page threw: {details.get('text')}")
        return json.loads(result["result"]["value"])

    def screenshot(self, clip: Mapping[str, float], **_playwright_options: Any) -> bytes:
        """A PNG of `clip` in page coordinates (what `pixels.ink` asks for)."""
        box = {"type": "box", **{k: clip[k] for k in ("x", "y", "width", "height")}}
        result = self.browser.bidi.command(
            "browsingContext.captureScreenshot",
            {"context": self.context, "origin": "document", "clip": box},
        )
        return base64.b64decode(result["data"])

    def press(self, *keys: str) -> None:
        """Real key presses, one after the other (WebDriver key codes: `KEYS["Escape"]`...)."""
        actions = [{"type": kind, "value": key} for key in keys for kind in ("keyDown", "keyUp")]
        self.browser.bidi.command(
            "input.performActions",
            {
                "context": self.context,
                "actions": [{"type": "key", "id": "keyboard", "actions": actions}],
            },
        )

    def click(self, x: float, y: float) -> None:
        """A real (trusted) left click at viewport coordinates `x`, `y`."""
        actions = [
            {"type": "pointerMove", "x": round(x), "y": round(y), "origin": "viewport"},
            {"type": "pointerDown", "button": 0},
            {"type": "pointerUp", "button": 0},
        ]
        source = {"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}}
        self.browser.bidi.command(
            "input.performActions",
            {"context": self.context, "actions": [{**source, "actions": actions}]},
        )

    def background(self, function: str, *args: Any) -> Any:
        """Calls the extension's background function `function` (from one of its own pages)."""
        return self.evaluate(
            """async (name, ...args) => {
                 const page = await chrome.runtime.getBackgroundPage();
                 return await page[name](...args);
               }""",
            function,
            *args,
        )

    @property
    def url(self) -> str:
        tree = self.browser.bidi.command("browsingContext.getTree", {"root": self.context})
        return str(tree["contexts"][0]["url"])

    def title(self) -> str:
        return str(self.evaluate("() => document.title"))

    def wait_for(self, check: str, timeout_s: float = 5) -> Any:
        """Polls the JavaScript function `check` until it returns something truthy."""
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                value = self.evaluate(check)
            except BidiError:
                value = None  # the page was navigating away
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"{check} stayed falsy for {timeout_s} s")
            time.sleep(0.05)

    def wait_for_url(self, prefix: str, timeout_s: float = 5) -> str:
        deadline = time.monotonic() + timeout_s
        while not (url := self.url).startswith(prefix):
            if time.monotonic() > deadline:
                raise AssertionError(f"the tab stayed at {url}, not {prefix}...")
            time.sleep(0.05)
        return url

    def close(self) -> None:
        self.browser.bidi.command("browsingContext.close", {"context": self.context})


class Firefox:
    """A headless Firefox ESR with a fresh profile in `folder`.

    Its HOME (where it looks for native hosts) is `folder/home` unless `env`, the variables set
    over this process's environment, names another: never the user's own, whose registered
    Focusapp host would answer for the real app.
    """

    def __init__(self, folder: Path, env: Mapping[str, str] | None = None) -> None:
        profile = folder / "profile"
        profile.mkdir(parents=True, exist_ok=True)
        prefs = "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in PREFS.items())
        (profile / "user.js").write_text(prefs, "utf-8")
        self.log = folder / "firefox.log"
        command = [
            firefox_executable(),
            "--headless",
            "--no-remote",
            "--profile",
            str(profile),
            "--remote-debugging-port=0",
        ]
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={
                    **os.environ,
                    "HOME": str(folder / "home"),
                    "XDG_CONFIG_HOME": str(folder / "home" / ".config"),
                    **(env or {}),
                },
            )
        try:
            self.bidi = BidiConnection(self._address() + "/session")
            session = self.bidi.command("session.new", {"capabilities": {}})
        except BaseException:
            self._stop()
            raise
        self.version = str(session["capabilities"]["browserVersion"])

    def _address(self, timeout_s: float = 30) -> str:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            found = _LISTENING.search(self.log.read_text("utf-8", "replace"))
            if found:
                return found.group(1)
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError(f"Firefox did not start its BiDi server; its log:\n{self.tail()}")

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text("utf-8", "replace").splitlines()[-lines:])

    def install(self, folder: Path) -> str:
        """Loads an unpacked extension as a temporary add-on; returns its id."""
        result = self.bidi.command(
            "webExtension.install", {"extensionData": {"type": "path", "path": str(folder)}}
        )
        return str(result["extension"])

    def serve_fixtures(self) -> None:
        """Answers the sites' addresses with the fixture pages and fails every other request."""
        self.bidi.on("network.beforeRequestSent", self._answer)
        self.bidi.command("session.subscribe", {"events": ["network.beforeRequestSent"]})
        self.bidi.command("network.addIntercept", {"phases": ["beforeRequestSent"]})

    def _answer(self, event: dict[str, Any]) -> None:
        if not event.get("isBlocked"):
            return
        request = event["request"]["request"]
        found = fixture_response(event["request"]["url"])
        try:
            if found is None:
                self.bidi.command("network.failRequest", {"request": request})
            else:
                self._provide(request, *found)
        except BidiError as exc:
            if "no such request" not in str(exc):  # not when its tab closed meanwhile
                raise

    def _provide(self, request: str, content_type: str, body: bytes) -> None:
        self.bidi.command(
            "network.provideResponse",
            {
                "request": request,
                "statusCode": 200,
                "reasonPhrase": "OK",
                "headers": [
                    {"name": "Content-Type", "value": {"type": "string", "value": content_type}},
                    {"name": "Cache-Control", "value": {"type": "string", "value": "no-store"}},
                ],
                "body": {"type": "base64", "value": base64.b64encode(body).decode("ascii")},
            },
        )

    def extension_page(self) -> Tab:
        """A tab on one of the extension's own pages, from where `Tab.background` reaches in.

        BiDi may not navigate to moz-extension:// itself, but a web page may, to a page the
        extension makes web-accessible: the block page, here for a made-up site.
        """
        tab = self.new_tab()
        tab.goto(f"https://{UNMATCHED_HOST}/x/")
        address = f"moz-extension://{EXTENSION_UUID}/block.html?site=console.invalid&url="
        tab.evaluate("(address) => { location.href = address; }", address)
        tab.wait_for_url(address)
        tab.wait_for("() => document.readyState === 'complete'")
        return tab

    def contexts(self) -> list[dict[str, Any]]:
        """The top-level browsing contexts (tabs), each with its `context` id and `url`."""
        return list(self.bidi.command("browsingContext.getTree", {"maxDepth": 0})["contexts"])

    def new_tab(self) -> Tab:
        result = self.bidi.command("browsingContext.create", {"type": "tab"})
        return Tab(self, result["context"])

    def close(self) -> None:
        with contextlib.suppress(BidiError):  # Firefox may hang up before it answers
            self.bidi.command("browser.close", {}, timeout_s=10)
        self.bidi.close()
        self._stop()

    def _stop(self) -> None:
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
