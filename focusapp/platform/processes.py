"""Which program a process runs, read through psutil, for every OS adapter."""

from __future__ import annotations

from dataclasses import dataclass

import psutil


@dataclass(frozen=True)
class ProcessIdentity:
    pid: int
    exe: str | None  # full path of the executable, when the OS lets us read it
    name: str | None  # the process name the OS keeps (may be truncated, e.g. 15 chars on Linux)


def identify_process(pid: int) -> ProcessIdentity | None:
    """The executable behind `pid`, or None when there is no such process (it exited).
    A process of another user usually hides its executable path; its name is still known."""
    if pid <= 0:
        return None
    try:
        process = psutil.Process(pid)
        name: str | None = process.name() or None
    except (psutil.NoSuchProcess, psutil.ZombieProcess):
        return None
    except psutil.AccessDenied:
        return ProcessIdentity(pid, None, None)
    try:
        exe: str | None = process.exe() or None
    except (psutil.AccessDenied, psutil.ZombieProcess):
        exe = None
    except psutil.NoSuchProcess:
        return None
    return ProcessIdentity(pid, exe, name)
