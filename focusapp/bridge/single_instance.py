"""Decide whether this process is the one running Focusapp, and hand a second launch to it.

Why `fcntl.flock` on POSIX rather than `QLockFile`: the kernel owns the lock and drops it the
moment the holder dies, however it dies (SIGKILL, OOM, power loss on a tmpfs runtime folder), so
there is no stale-lock guesswork. QLockFile instead writes a PID and decides staleness by asking
whether that PID is alive, which a reused PID can fool, and its stale-lock removal is a separate
step after the failed attempt. `flock` is atomic: of two processes calling `acquire()` at the same
instant exactly one gets the lock. The lock file is never deleted, not even on release: unlinking a
locked file lets a newcomer lock a fresh inode while a third process still locks the old one.

On Windows, where `fcntl` does not exist, `QLockFile` is used; there its lock is an open file the
OS also releases when the process dies, so `setStaleLockTime(0)` is enough.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

from focusapp.bridge import ipc_client
from focusapp.bridge.protocol import AppNotRunning, IpcError, IpcTimeout

log = logging.getLogger(__name__)

# The primary takes its lock before its event loop and server are up; retry connecting that often.
_RETRY_INTERVAL_S = 0.05


class InstanceGuard:
    """Holds the per-user instance lock; the primary instance keeps it for its whole life."""

    def __init__(self, lock_path: Path, socket_path: Path) -> None:
        self._lock_path = lock_path
        self._socket_path = socket_path
        self._fd: int | None = None
        self._qt_lock: Any = None

    @property
    def is_primary(self) -> bool:
        return self._fd is not None or self._qt_lock is not None

    def acquire(self) -> bool:
        """Try to become the primary instance. Never blocks; True if this process is primary."""
        if self.is_primary:
            return True
        folder = self._lock_path.parent
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if sys.platform == "win32":
            return self._acquire_qt()
        return self._acquire_flock()

    def release(self) -> None:
        """Give the lock up (also happens by itself when the process ends)."""
        if self._fd is not None:
            import fcntl

            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
        if self._qt_lock is not None:
            self._qt_lock.unlock()
            self._qt_lock = None

    def notify_primary(self, timeout_s: float = 3.0) -> bool:
        """Ask the primary instance to show itself. True once it has acknowledged.

        The primary may hold the lock but not listen yet (it is still starting), so a missing
        socket is retried until `timeout_s` runs out.
        """
        deadline = time.monotonic() + timeout_s
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                log.warning("The running Focusapp did not answer within %.1f s", timeout_s)
                return False
            try:
                ipc_client.request(self._socket_path, "activate", {}, timeout_s=remaining)
            except AppNotRunning:
                time.sleep(min(_RETRY_INTERVAL_S, max(0.0, deadline - time.monotonic())))
                continue
            except IpcTimeout:
                log.warning("The running Focusapp did not answer within %.1f s", timeout_s)
                return False
            except IpcError as exc:
                log.warning("Could not reach the running Focusapp: %s", exc)
                return False
            return True

    def _acquire_flock(self) -> bool:
        import fcntl

        # os.open makes the descriptor non-inheritable, so a child process cannot keep the lock.
        fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except OSError:
            os.close(fd)
            raise
        # The PID is only for people looking at the file; the kernel lock is what counts.
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def _acquire_qt(self) -> bool:
        from PySide6.QtCore import QLockFile

        lock = QLockFile(str(self._lock_path))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            return False
        self._qt_lock = lock
        return True
