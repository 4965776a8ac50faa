"""Closes an app politely: a grace period (the caller warns the user), then one request to exit.

Never SIGKILL: an app that ignores SIGTERM (or its Windows equivalent, WM_CLOSE) keeps running
and `finished` says so; losing the user's unsaved work is worse than an app that stays open.
Everything is driven by Qt timers, so `close_app` returns at once.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import psutil
from PySide6.QtCore import QObject, QTimer, Signal


def sigterm(process: psutil.Process) -> None:
    """POSIX: SIGTERM. psutil checks the pid still belongs to the same process first."""
    process.terminate()


@dataclass
class _Pending:
    process: psutil.Process
    timer: QTimer
    asked: bool = False  # the exit request went out: too late to cancel
    waited_ms: int = 0


class AppCloser(QObject):
    """`close_app(pid, grace_s)`: after `grace_s`, asks the process to exit, then watches it
    for up to `exit_wait_s`. `finished(pid, exited)` reports the outcome exactly once per call
    (a process that was already gone counts as exited)."""

    finished = Signal(int, bool)

    def __init__(
        self,
        request_exit: Callable[[psutil.Process], None] = sigterm,
        *,
        exit_wait_s: float = 3.0,
        poll_ms: int = 100,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._request_exit = request_exit
        self._exit_wait_ms = round(exit_wait_s * 1000)
        self._poll_ms = poll_ms
        self._own_pid = os.getpid()
        self._pending: dict[int, _Pending] = {}

    def close_app(self, pid: int, grace_s: float = 5.0) -> None:
        if pid in self._pending:
            return  # the first request's deadline stands
        if pid <= 1 or pid == self._own_pid:
            self._finish_later(pid, exited=False)
            return
        try:
            process = psutil.Process(pid)
        except psutil.NoSuchProcess:
            self._finish_later(pid, exited=True)
            return
        timer = QTimer(self)
        timer.setSingleShot(True)
        self._pending[pid] = _Pending(process, timer)
        timer.timeout.connect(lambda: self._ask_to_exit(pid))
        timer.start(max(0, round(grace_s * 1000)))

    def cancel(self, pid: int) -> bool:
        """Takes back a close still in its grace period (e.g. the user left the app in time)."""
        pending = self._pending.get(pid)
        if pending is None or pending.asked:
            return False
        self._drop(pid)
        return True

    def pending(self) -> frozenset[int]:
        return frozenset(self._pending)

    def _ask_to_exit(self, pid: int) -> None:
        pending = self._pending[pid]
        if _gone(pending.process):
            self._finish(pid, exited=True)
            return
        try:
            self._request_exit(pending.process)
        except psutil.NoSuchProcess:
            self._finish(pid, exited=True)
            return
        except (psutil.AccessDenied, OSError):
            self._finish(pid, exited=False)
            return
        pending.timer.timeout.disconnect()
        pending.timer.timeout.connect(lambda: self._check_exited(pid))
        pending.timer.setSingleShot(False)
        pending.asked = True
        pending.timer.start(self._poll_ms)

    def _check_exited(self, pid: int) -> None:
        pending = self._pending[pid]
        if _gone(pending.process):
            self._finish(pid, exited=True)
            return
        pending.waited_ms += self._poll_ms
        if pending.waited_ms > self._exit_wait_ms:
            self._finish(pid, exited=False)

    def _drop(self, pid: int) -> None:
        pending = self._pending.pop(pid)
        pending.timer.stop()
        pending.timer.deleteLater()

    def _finish(self, pid: int, *, exited: bool) -> None:
        self._drop(pid)
        self.finished.emit(pid, exited)

    def _finish_later(self, pid: int, *, exited: bool) -> None:
        # Always asynchronous, so callers may connect to `finished` after calling close_app.
        QTimer.singleShot(0, self, lambda: self.finished.emit(pid, exited))


def _gone(process: psutil.Process) -> bool:
    """Exited: no longer running, or a zombie waiting for its parent to reap it."""
    try:
        return not process.is_running() or process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True
    except psutil.AccessDenied:
        return False
