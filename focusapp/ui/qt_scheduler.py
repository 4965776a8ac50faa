"""The core's `Scheduler` on Qt timers: callbacks run on the GUI thread's event loop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer

from focusapp.core.clock import Cancel

# QTimer takes an int of milliseconds; a day is plenty, the engine re-arms itself far sooner.
_MAX_DELAY_MS = 24 * 3600 * 1000


class QtScheduler(QObject):
    def call_later(self, delay_s: float, callback: Callable[[], None]) -> Cancel:
        timer = QTimer(self)
        timer.setSingleShot(True)
        # Coarse timers may fire 5% late; a phase change should land on the second.
        timer.setTimerType(Qt.TimerType.PreciseTimer)

        done = False

        def fire() -> None:
            nonlocal done
            done = True
            timer.deleteLater()
            callback()

        timer.timeout.connect(fire)
        timer.start(max(0, min(_MAX_DELAY_MS, round(delay_s * 1000))))

        def cancel() -> None:
            nonlocal done
            if not done:
                done = True
                timer.stop()
                timer.deleteLater()

        return cancel
