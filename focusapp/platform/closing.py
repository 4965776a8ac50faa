"""Closes an app politely: a grace period (the caller warns the user), then one request to exit.

Never SIGKILL: an app that ignores SIGTERM (or its Windows equivalent, WM_CLOSE) keeps running
and `finished` says so; losing the user's unsaved work is worse than an app that stays open.
Everything is driven by Qt timers, so `close_app` returns at once.
"""

from __future__ import annotations

import os
import time
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
    ask_at: float  # monotonic: the end of the grace period
    give_up_at: float | None = None  # set once asked: too late to cancel from then on


class AppCloser(QObject):
    """`close_app(pid, grace_s)`: after `grace_s`, asks the process to exit, then watches it
    for up to `exit_wait_s`. `finished(pid, exited)` reports the outcome exactly once per call
    (a process that was already gone counts as exited).

    One repeating timer serves every pending close (ticking only while there is one): timers
    created and deleted per request from inside their own slots are a crash waiting to happen
    in PySide.
    """

    finished = Signal(int, bool)

    def __init__(
        self,
        request_exit: Callable[[psutil.Process], None] = sigterm,
        *,
        exit_wait_s: float = 3.0,
        poll_ms: int = 100,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._request_exit = request_exit
        self._exit_wait_s = exit_wait_s
        self._monotonic = monotonic
        self._own_pid = os.getpid()
        self._pending: dict[int, _Pending] = {}
        self._results: list[tuple[int, bool]] = []
        self._tick = QTimer(self)
        self._tick.setInterval(poll_ms)
        self._tick.timeout.connect(self._on_tick)

    def close_app(self, pid: int, grace_s: float = 5.0) -> None:
        if pid in self._pending:
            return  # the first request's deadline stands
        if pid <= 1 or pid == self._own_pid:
            self._results.append((pid, False))
        else:
            try:
                process = psutil.Process(pid)
            except psutil.NoSuchProcess:
                self._results.append((pid, True))
            else:
                self._pending[pid] = _Pending(process, self._monotonic() + max(0.0, grace_s))
        # Results are always reported from the timer, so callers may connect after calling.
        if not self._tick.isActive():
            self._tick.start()

    def cancel(self, pid: int) -> bool:
        """Takes back a close still in its grace period (e.g. the user left the app in time)."""
        pending = self._pending.get(pid)
        if pending is None or pending.give_up_at is not None:
            return False
        del self._pending[pid]
        return True

    def pending(self) -> frozenset[int]:
        return frozenset(self._pending)

    def _on_tick(self) -> None:
        now = self._monotonic()
        for pid, pending in list(self._pending.items()):
            outcome = self._advance(pending, now)
            if outcome is not None:
                del self._pending[pid]
                self._results.append((pid, outcome))
        results, self._results = self._results, []
        if not self._pending:
            self._tick.stop()
        for pid, exited in results:
            self.finished.emit(pid, exited)

    def _advance(self, pending: _Pending, now: float) -> bool | None:
        """Moves one close along; returns whether it exited once that is known."""
        if pending.give_up_at is None:
            if _gone(pending.process):
                return True
            if now < pending.ask_at:
                return None
            try:
                self._request_exit(pending.process)
            except psutil.NoSuchProcess:
                return True
            except (psutil.AccessDenied, OSError):
                return False
            pending.give_up_at = now + self._exit_wait_s
            return None
        if _gone(pending.process):
            return True
        return False if now >= pending.give_up_at else None


def _gone(process: psutil.Process) -> bool:
    """Exited: no longer running, or a zombie waiting for its parent to reap it."""
    try:
        return not process.is_running() or process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True
    except psutil.AccessDenied:
        return False
