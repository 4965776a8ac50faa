"""The Qt binding in use survives the calls the tray makes all day long.

PySide6-Essentials 6.12.0 drops a reference to None on every call of a method that returns
nothing; Python aborts after some thousands of them (an hour of tray updates). pyproject.toml
keeps below it; this test fails if an environment gets such a build anyway.
"""

from __future__ import annotations

import subprocess
import sys


def test_many_void_calls_do_not_abort_the_interpreter() -> None:
    code = (
        "from PySide6.QtCore import QObject\n"
        "o = QObject()\n"
        "for _ in range(100_000):\n"
        "    o.setObjectName('focusapp')\n"
        "print('alive')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0 and "alive" in result.stdout, result.stderr[-500:]
