"""A private D-Bus session bus for one test: its own dbus-daemon, nothing else on it.

The suite itself runs inside a session bus (`scripts/test.sh` uses dbus-run-session, with
gnome-keyring on it); a test that puts a notification daemon on the bus, or needs a bus with no
notification service at all, gets one of its own instead, so no other test sees the difference.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


class PrivateBus:
    """`dbus-daemon --session` on a socket in `folder`; `address` is its D-Bus address."""

    def __init__(self, folder: Path) -> None:
        daemon = shutil.which("dbus-daemon")
        if daemon is None:
            raise RuntimeError("dbus-daemon is missing: run scripts/setup-system.sh --test")
        folder.mkdir(parents=True, exist_ok=True)
        self.address = f"unix:path={folder / 'bus'}"
        self._process = subprocess.Popen(
            [daemon, "--session", "--nofork", "--nopidfile", f"--address={self.address}",
             "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            text=True,
        )  # fmt: skip
        assert self._process.stdout is not None
        printed = self._process.stdout.readline().strip()  # written once it accepts connections
        if not printed:
            self.close()
            raise RuntimeError("dbus-daemon did not start")

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(5)
        if self._process.stdout is not None:
            self._process.stdout.close()

    def __enter__(self) -> PrivateBus:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
