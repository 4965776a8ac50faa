"""Desktop tests never pass by accident: without a real desktop they fail loudly, or skip only
when a developer asked for it outside CI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration import x11

REPO = x11.repo_root()
SAMPLE = Path(__file__).parent / "fixtures" / "x11_gate_sample.py"


def run_sample(**env_changes: str | None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    for name in ("DISPLAY", "CI", "FOCUSAPP_ALLOW_SKIP_X11"):
        env.pop(name, None)
    for name, value in env_changes.items():
        if value is not None:
            env[name] = value
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-o",
            f"python_files={SAMPLE.name}",
            str(SAMPLE),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_missing_display_fails_in_ci_and_says_how_to_run() -> None:
    result = run_sample(CI="true")
    assert result.returncode == 1, result.stdout
    assert "1 error" in result.stdout
    assert "DISPLAY is not set" in result.stdout
    assert "bash scripts/test.sh" in result.stdout


def test_ci_ignores_the_local_skip_switch() -> None:
    result = run_sample(CI="true", FOCUSAPP_ALLOW_SKIP_X11="1")
    assert result.returncode == 1, result.stdout
    assert "1 error" in result.stdout


def test_local_run_fails_unless_skipping_is_asked_for() -> None:
    assert run_sample().returncode == 1
    result = run_sample(FOCUSAPP_ALLOW_SKIP_X11="1")
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout
    assert "FOCUSAPP_ALLOW_SKIP_X11=1" in result.stdout


def test_unreachable_display_is_reported() -> None:
    result = run_sample(CI="true", DISPLAY=":4242")
    assert result.returncode == 1
    assert "cannot connect to X display ':4242'" in result.stdout


@pytest.fixture
def bare_x_server(tmp_path: Path) -> Iterator[str]:
    """An X server with no window manager and no tray: not enough for desktop tests."""
    display_file = tmp_path / "display"
    with display_file.open("w") as sink:
        command = ["Xvfb", "-displayfd", str(sink.fileno()), "-nolisten", "tcp"]
        server = subprocess.Popen(
            [*command, "-screen", "0", "320x240x24"],
            pass_fds=(sink.fileno(),),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    try:
        number = x11.wait_until(
            lambda: display_file.read_text().strip() or None, 10, "Xvfb never reported a display"
        )
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def test_bare_x_server_without_window_manager_is_not_a_desktop(bare_x_server: str) -> None:
    assert "no window manager" in (x11.session_problem(bare_x_server) or "")
    result = run_sample(CI="true", DISPLAY=bare_x_server)
    assert result.returncode == 1
    assert "no window manager" in result.stdout
