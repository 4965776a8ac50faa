"""End to end: the real app, the real native host Chromium starts, a session from the CLI.

Nothing here stands in for a part: the app runs as `python -m focusapp` on the test desktop with
its own XDG folders; `focusapp browser install --browser chromium` registers the host in that
home, and Chromium runs with that home's Chromium profile folder (where the manifest went) and
the extension folder `focusapp browser path` names, so it launches the launcher the install wrote,
which runs this venv's `focusapp native-host`. The session starts with `focusapp start`; what the
browser did is read back with `focusapp journal export` and `focusapp usage --json`.

The extension's periodic work (the policy every 30 s, active-tab time every 15 s) runs on
`chrome.alarms`; the test fires those same alarms early (an unpacked extension may set them a
second ahead) instead of waiting for their period, so the handlers that run are the real ones.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import psutil
import pytest

from focusapp.bridge.extension_identity import CHROMIUM_EXTENSION_ID, HOST_NAME, chromium_origin
from tests.browser.conftest import FLAGS, _answer, chromium_executable, url_of
from tests.integration import x11

T = TypeVar("T")

pytestmark = [pytest.mark.browser, pytest.mark.x11, pytest.mark.keyring]

PROFILE = "Deep work"
CONFIG = f"""\
[general]
language = "en"

[journal]
notes = "keyring"   # the typed intention is kept encrypted: it needs the test keyring

[[profiles]]
name = "{PROFILE}"
block_sites = ["tiktok.com"]
"""
INTENTION = "reply to Sam about Friday"
BLOCK_PAGE = f"chrome-extension://{CHROMIUM_EXTENSION_ID}/block.html"


def focusapp(app: x11.AppProcess, *args: str) -> subprocess.CompletedProcess[str]:
    """The `focusapp` command in the app's environment (same XDG folders, same keyring)."""
    return subprocess.run(
        [sys.executable, "-m", "focusapp", *args],
        env=app.env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def succeeded(app: x11.AppProcess, *args: str) -> str:
    done = focusapp(app, *args)
    assert done.returncode == 0, f"focusapp {' '.join(args)}: {done.returncode}\n{done.stderr}"
    return done.stdout


def journal(app: x11.AppProcess) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads(
        succeeded(app, "journal", "export", "--format", "json")
    )["entries"]
    return [e for e in entries if e["target_name"] == "tiktok.com"]


def site_seconds(app: x11.AppProcess, site: str) -> float:
    return float(json.loads(succeeded(app, "usage", "--json"))["sites"].get(site, 0.0))


def poll(check: Callable[[], T | None], timeout_s: float, every_s: float = 0.3) -> T | None:
    """What `check` returns once it is truthy, or None after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while True:
        found = check()
        if found or time.monotonic() > deadline:
            return found or None
        time.sleep(every_s)


def fire_alarm(worker: Any, name: str) -> None:
    """The extension's own alarm, a second from now instead of at its next period."""
    worker.evaluate("name => chrome.alarms.create(name, { when: Date.now() + 1000 })", name)


def blocked_in_browser(worker: Any, site: str) -> bool:
    rules = worker.evaluate("chrome.declarativeNetRequest.getSessionRules()")
    return any(site in rule["condition"].get("requestDomains", []) for rule in rules)


def native_hosts(app: x11.AppProcess) -> list[psutil.Process]:
    """`focusapp native-host` processes Chromium started for our extension in the app's home."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        cmdline = process.info["cmdline"] or []
        if "native-host" not in cmdline or chromium_origin() not in cmdline:
            continue
        try:
            ancestors = [parent.name() for parent in process.parents()]
            runtime = process.environ().get("XDG_RUNTIME_DIR")
        except psutil.Error:
            continue  # gone meanwhile, or someone else's
        if runtime == app.env["XDG_RUNTIME_DIR"] and any("chrom" in a for a in ancestors):
            found.append(process)
    return found


@pytest.fixture
def app(tmp_path: Path) -> Iterator[x11.AppProcess]:
    home = tmp_path / "home"
    (home / ".config" / "focusapp").mkdir(parents=True)
    (home / ".config" / "focusapp" / "config.toml").write_text(CONFIG)
    logs = x11.artifacts_dir() / "end_to_end_chromium"
    with x11.AppProcess(home=home, log_dir=logs, name="focusapp") as process:
        x11.wait_until(
            lambda: focusapp(process, "status").returncode == 0 or None,
            30,
            f"the app answering `focusapp status` (logs in {logs})",
        )
        yield process


@pytest.fixture
def chromium(app: x11.AppProcess, playwright: Any) -> Iterator[Any]:
    """Chromium on the profile folder `focusapp browser install` wrote the host manifest into."""
    succeeded(app, "browser", "install", "--browser", "chromium")
    manifest = Path(app.env["XDG_CONFIG_HOME"]) / "chromium" / "NativeMessagingHosts"
    manifest /= f"{HOST_NAME}.json"
    launcher = Path(json.loads(manifest.read_text())["path"])
    assert f"{sys.executable} -m focusapp native-host" in launcher.read_text().replace("'", "")
    unpacked = succeeded(app, "browser", "path", "--browser", "chromium").strip()
    context = playwright.chromium.launch_persistent_context(
        str(manifest.parents[1]),
        executable_path=chromium_executable(),
        headless=False,  # `--headless=new` is in FLAGS: Playwright's own mode drops extensions
        args=[*FLAGS, f"--disable-extensions-except={unpacked}", f"--load-extension={unpacked}"],
        env=app.env,  # the host it starts finds the app's socket through these XDG folders
        viewport={"width": 1000, "height": 900},
    )
    # Web requests go to the fixture pages; the block page comes from the extension itself.
    context.route(re.compile(r"^https?://"), _answer)
    yield context
    context.close()


def test_session_from_the_cli_blocks_in_chromium_and_answers_and_site_time_reach_the_app(
    app: x11.AppProcess, chromium: Any
) -> None:
    workers = chromium.service_workers
    worker = workers[0] if workers else chromium.wait_for_event("serviceworker")

    # The extension's first policy came from the app, through a host Chromium started.
    def live_policy() -> dict[str, Any] | None:
        policy = worker.evaluate("chrome.storage.local.get('policy')").get("policy")
        return policy if policy and policy.get("offline") is False else None

    assert poll(live_policy, 20), "no policy from the running app reached the extension"
    assert native_hosts(app), "no `focusapp native-host` under Chromium for this app's home"
    assert not blocked_in_browser(worker, "tiktok.com")

    # A focus session from the command line; the extension hears of it at its next policy alarm.
    assert "Focus" in succeeded(app, "start", "25", "--profile", PROFILE)
    fire_alarm(worker, "policy")
    assert poll(lambda: blocked_in_browser(worker, "tiktok.com"), 15), (
        f"tiktok.com not blocked after the policy alarm: {live_policy()}"
    )
    assert live_policy()["session"]["state"] == "focus"  # type: ignore[index]

    # The blocked site leads to the block page; the app's prompt follows the app's pause.
    tab = chromium.new_page()
    tab.goto(url_of("x"))
    tab.goto(url_of("tiktok") + "foryou")
    assert tab.url.startswith(BLOCK_PAGE) and "site=tiktok.com" in tab.url, tab.url
    question = tab.locator("#question")
    question.wait_for(state="visible", timeout=30_000)
    asked = question.inner_text()
    tab.keyboard.press("Escape")  # "back", from the keyboard
    tab.wait_for_url(url_of("x"), timeout=10_000)

    back = poll(lambda: journal(app), 10)
    assert back, f"the answer never reached the journal\n{app.stderr()[-2000:]}"
    assert len(back) == 1 and back[0]["outcome"] == "returned", back
    assert back[0]["trigger_kind"] == "blocked_site" and back[0]["session_id"], back
    # The question came from the app's library (not the page's offline fallback).
    assert back[0]["prompt_text"] == asked and not back[0]["prompt_id"].startswith("fallback."), (
        back[0],
        asked,
    )

    # Again, and this time in for two minutes with an intention typed out.
    tab.goto(url_of("tiktok"))
    assert tab.url.startswith(BLOCK_PAGE), tab.url
    question.wait_for(state="visible", timeout=60_000)  # the pause grows for an urge repeated
    tab.locator("#intention").fill(INTENTION)
    tab.locator("#intention").press("Enter")
    tab.wait_for_url(url_of("tiktok"), timeout=10_000)

    entries = poll(lambda: (lambda found: found if len(found) == 2 else None)(journal(app)), 10)
    assert entries, f"the allow never reached the journal: {journal(app)}"
    allowed = entries[1]
    assert (allowed["outcome"], allowed["allowed_s"]) == ("allowed", 120.0), allowed
    assert allowed["intention"] == INTENTION, (
        f"the intention did not come back from the journal (was the keyring ready?): {allowed}"
    )

    # Time on the open site is counted by the app: the extension reports on its activity alarm.
    tab.bring_to_front()
    assert site_seconds(app, "tiktok.com") == 0.0

    def last_report() -> Any:
        return worker.evaluate("chrome.storage.session.get('last_report_at')").get("last_report_at")

    before = last_report()
    fire_alarm(worker, "activity")
    assert poll(lambda: last_report() != before, 10), "the activity alarm never ran"
    time.sleep(3)
    fire_alarm(worker, "activity")
    assert poll(lambda: site_seconds(app, "tiktok.com") >= 2.5, 15), (
        f"tiktok.com time never reached `focusapp usage`: "
        f"{json.loads(succeeded(app, 'usage', '--json'))}\n{app.stderr()[-2000:]}"
    )
    assert app.running and native_hosts(app)
