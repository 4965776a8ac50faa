"""Closing an app: a grace period, then SIGTERM, and an honest answer; never SIGKILL."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator

import pytest

from focusapp.platform.closing import AppCloser

IGNORES_SIGTERM = (
    "import signal, sys, time\n"
    "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    "print('ready', flush=True)\n"
    "time.sleep(60)\n"
)

Spawn = Callable[..., subprocess.Popen[str]]


@pytest.fixture
def spawn() -> Iterator[Spawn]:
    started: list[subprocess.Popen[str]] = []

    def start(code: str = "import time; time.sleep(60)") -> subprocess.Popen[str]:
        process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()  # test cleanup only
        process.wait()
        if process.stdout:
            process.stdout.close()


def test_an_app_that_honours_sigterm_exits_after_the_grace_period(qtbot, spawn: Spawn) -> None:
    app = spawn()
    closer = AppCloser(poll_ms=20)
    with qtbot.waitSignal(closer.finished, timeout=5000) as signal:
        closer.close_app(app.pid, grace_s=0.3)
        qtbot.wait(100)
        assert app.poll() is None, "signalled before the grace period was over"
    assert signal.args == [app.pid, True]
    assert app.wait(5) == -15  # SIGTERM, not SIGKILL


def test_an_app_ignoring_sigterm_keeps_running_and_is_reported_so(qtbot, spawn: Spawn) -> None:
    app = spawn(IGNORES_SIGTERM)
    assert app.stdout is not None and app.stdout.readline().strip() == "ready"
    closer = AppCloser(exit_wait_s=0.5, poll_ms=20)
    with qtbot.waitSignal(closer.finished, timeout=5000) as signal:
        closer.close_app(app.pid, grace_s=0.0)
    assert signal.args == [app.pid, False]
    assert app.poll() is None


def test_a_close_cancelled_in_the_grace_period_never_signals(qtbot, spawn: Spawn) -> None:
    app = spawn()
    closer = AppCloser(poll_ms=20)
    seen: list[tuple[int, bool]] = []
    closer.finished.connect(lambda pid, exited: seen.append((pid, exited)))
    closer.close_app(app.pid, grace_s=0.2)
    assert closer.pending() == {app.pid}
    assert closer.cancel(app.pid)
    qtbot.wait(400)
    assert app.poll() is None
    assert seen == [] and closer.pending() == frozenset()


def test_a_second_request_keeps_the_first_deadline(qtbot, spawn: Spawn) -> None:
    app = spawn()
    closer = AppCloser(poll_ms=20)
    with qtbot.waitSignal(closer.finished, timeout=3000):
        closer.close_app(app.pid, grace_s=0.1)
        closer.close_app(app.pid, grace_s=30.0)
    assert app.wait(5) == -15


def test_our_own_process_and_init_are_never_closed(qtbot) -> None:
    closer = AppCloser()
    for pid in (os.getpid(), 1):
        with qtbot.waitSignal(closer.finished, timeout=1000) as signal:
            closer.close_app(pid, grace_s=0.0)
        assert signal.args == [pid, False]


def test_a_process_already_gone_counts_as_exited(qtbot, spawn: Spawn) -> None:
    app = spawn("pass")
    app.wait(10)
    closer = AppCloser()
    with qtbot.waitSignal(closer.finished, timeout=1000) as signal:
        closer.close_app(app.pid, grace_s=0.0)
    assert signal.args == [app.pid, True]


def test_an_app_that_exits_during_the_grace_period_is_not_signalled(qtbot, spawn: Spawn) -> None:
    app = spawn("import time; time.sleep(0.1)")
    asked: list[int] = []
    closer = AppCloser(lambda process: asked.append(process.pid), poll_ms=20)
    with qtbot.waitSignal(closer.finished, timeout=5000) as signal:
        closer.close_app(app.pid, grace_s=0.5)
    assert signal.args == [app.pid, True]
    assert asked == []
