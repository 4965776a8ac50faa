"""Fixtures for real-desktop tests: per-test artifact folders, app launches, failure screenshots."""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path

import pytest

from tests.integration import x11

LaunchApp = x11.LaunchApp  # also importable from here


_reports_key = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    # Kept on the item so fixtures can tell, at teardown, whether the test body failed.
    report = yield
    item.stash.setdefault(_reports_key, {})[report.when] = report
    return report


@pytest.fixture
def artifacts() -> Path:
    """The run's artifact folder (`artifacts/` or $FOCUSAPP_ARTIFACTS)."""
    return x11.artifacts_dir()


@pytest.fixture
def test_artifacts(request: pytest.FixtureRequest, artifacts: Path) -> Path:
    """A folder for this test's logs and screenshots, named after the test."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid).strip("_")
    folder = artifacts / safe
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def launch_app(
    request: pytest.FixtureRequest, tmp_path: Path, test_artifacts: Path
) -> Iterator[x11.LaunchApp]:
    """Starts GUI processes for this test and stops every one of them afterwards.

    `launch_app(*args, name=..., command=..., home=..., env=..., welcome=False)`: by default
    `python -m focusapp *args` with its XDG folders in a home of its own under tmp_path, the
    first-run welcome marked as seen.
    A failing test leaves a screenshot of the whole screen next to the process logs.
    """
    started: list[x11.AppProcess] = []

    def launch(
        *args: str,
        name: str = "focusapp",
        command: Sequence[str] | None = None,
        home: Path | None = None,
        env: dict[str, str] | None = None,
        welcome: bool = False,
    ) -> x11.AppProcess:
        process_home = home or tmp_path / f"home-{name}-{len(started)}"
        process_home.mkdir(parents=True, exist_ok=True)
        process = x11.AppProcess(
            *args,
            home=process_home,
            log_dir=test_artifacts,
            name=f"{name}-{len(started)}",
            command=command,
            env=env,
            welcome=welcome,
        )
        started.append(process)
        return process

    yield launch

    call_report = request.node.stash.get(_reports_key, {}).get("call")
    if call_report is not None and call_report.failed:
        try:
            x11.screenshot(test_artifacts / "failure.png")
        except (RuntimeError, OSError) as exc:  # the screenshot is a help, not the verdict
            print(f"could not take a failure screenshot: {exc}")
    for process in started:
        process.close()
