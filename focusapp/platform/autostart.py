"""Starting Focusapp when the user logs in: one entry per OS, written or removed on request.

- Linux and other XDG desktops: `$XDG_CONFIG_HOME/autostart/<APP_ID>.desktop` (XDG_CONFIG_HOME
  defaults to ~/.config; a relative value is ignored, as the XDG spec says). A desktop's own
  "startup applications" tool that turns the entry off (`Hidden=true`,
  `X-GNOME-Autostart-enabled=false`) is read as off.
- macOS: a LaunchAgent, `~/Library/LaunchAgents/<APP_ID>.plist` with RunAtLoad; launchd reads it
  at the next login.
- Windows: a value named "Focusapp" under HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run,
  through a small `RunKey` seam so tests use a fake registry on any OS.

The command written is how this copy of Focusapp was started (`launch_command`): the bundle's own
executable when frozen, else the `focusapp` console script beside the interpreter (a venv's
bin/focusapp), else `python -m focusapp`.

Who writes: the app (`FocusApp.set_autostart`, which the first-run welcome calls when it closes,
and changes of `[general] autostart` from the settings window or a hand edit while the app runs).
At start the app only removes an entry the setting no longer wants and updates the command of an
entry that exists (`refresh`), so starting the app never adds a login entry by itself.
"""

from __future__ import annotations

import configparser
import contextlib
import os
import plistlib
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from focusapp import APP_ID

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "Focusapp"
_DESKTOP_GROUP = "Desktop Entry"


class AutostartEntry(Protocol):
    """The login entry of one OS."""

    @property
    def location(self) -> str:
        """Where the entry lives, in words a user can look up."""
        ...

    def is_enabled(self) -> bool: ...

    def points_at(self, command: Sequence[str]) -> bool:
        """Whether the entry exists and runs exactly `command`."""
        ...

    def enable(self, command: Sequence[str]) -> None: ...

    def disable(self) -> None: ...


def apply(entry: AutostartEntry, wanted: bool, command: Sequence[str]) -> bool:
    """Makes the entry match the choice; True when something was written or removed."""
    if wanted:
        if entry.is_enabled() and entry.points_at(command):
            return False
        entry.enable(command)
        return True
    if not entry.is_enabled():
        return False
    entry.disable()
    return True


def refresh(entry: AutostartEntry, wanted: bool, command: Sequence[str]) -> bool:
    """What the app does at each start: removes an entry that is no longer wanted and points an
    existing one at this copy of Focusapp (it moved, or came from an older install), but never
    adds one: that is the user's choice, made in the first-run welcome or the settings."""
    if not wanted or entry.is_enabled():
        return apply(entry, wanted, command)
    return False


# -- the command ---------------------------------------------------------------------------------


def launch_command(
    *,
    frozen: bool | None = None,
    executable: str | None = None,
    platform: str | None = None,
) -> tuple[str, ...]:
    """How to start this copy of Focusapp's tray app again, as an argument list."""
    frozen = getattr(sys, "frozen", False) if frozen is None else frozen
    executable = executable or sys.executable
    platform = platform or sys.platform
    if frozen:
        # The bundle's executable is the `focusapp` command itself. On Windows the bundle has a
        # windowless twin for the tray, so a login opens no console window.
        if platform == "win32":
            return (_sibling_if_present(executable, "focusapp-tray.exe"),)
        return (executable,)
    if platform == "win32":
        return (_sibling_if_present(executable, "pythonw.exe"), "-m", "focusapp")
    script = Path(executable).parent / "focusapp"
    if _is_console_script_of(script, executable):
        return (str(script),)
    return (executable, "-m", "focusapp")


def _is_console_script_of(script: Path, executable: str) -> bool:
    """A `focusapp` script whose shebang names an interpreter in the same folder as ours: the
    console script pip wrote for this environment (and not some other install's)."""
    try:
        with script.open("rb") as handle:
            first = handle.readline(4096)
    except OSError:
        return False
    if not first.startswith(b"#!") or not os.access(script, os.X_OK):
        return False
    interpreter = first[2:].strip().split(b" ", 1)[0].decode("utf-8", "replace")
    return Path(interpreter).parent == Path(executable).parent


def _sibling_if_present(executable: str, name: str) -> str:
    sibling = Path(executable).with_name(name)
    return str(sibling) if sibling.is_file() else executable


# -- XDG autostart -------------------------------------------------------------------------------

# Characters that make the Desktop Entry spec require an argument to be quoted.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def exec_line(command: Sequence[str]) -> str:
    """`command` as the value of an Exec key: quoted per the Desktop Entry spec, then escaped as
    a string value (so a backslash inside quotes is written as four)."""
    parts = []
    for arg in command:
        text = arg.replace("%", "%%")
        if any(ch in _RESERVED for ch in text):
            inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in text)
            text = f'"{inner}"'
        parts.append(text)
    return " ".join(parts).replace("\\", "\\\\")


class XdgAutostart:
    """`<config home>/autostart/<APP_ID>.desktop`."""

    def __init__(self, config_home: Path) -> None:
        self.path = config_home / "autostart" / f"{APP_ID}.desktop"

    @classmethod
    def from_environment(cls, environ: Mapping[str, str], home: Path) -> XdgAutostart:
        configured = environ.get("XDG_CONFIG_HOME", "")
        config_home = Path(configured) if Path(configured).is_absolute() else home / ".config"
        return cls(config_home)

    @property
    def location(self) -> str:
        return str(self.path)

    def _read(self) -> dict[str, str] | None:
        parser = configparser.ConfigParser(interpolation=None, strict=False, delimiters=("=",))
        parser.optionxform = str  # type: ignore[assignment,method-assign]
        try:
            parser.read_string(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, configparser.Error):
            return None
        return dict(parser[_DESKTOP_GROUP]) if parser.has_section(_DESKTOP_GROUP) else None

    def is_enabled(self) -> bool:
        entry = self._read()
        if entry is None:
            return False
        return (
            entry.get("Hidden", "false").strip().lower() != "true"
            and entry.get("X-GNOME-Autostart-enabled", "true").strip().lower() != "false"
        )

    def points_at(self, command: Sequence[str]) -> bool:
        entry = self._read()
        return entry is not None and entry.get("Exec") == exec_line(command)

    def enable(self, command: Sequence[str]) -> None:
        content = (
            f"[{_DESKTOP_GROUP}]\n"
            "Type=Application\n"
            "Name=Focusapp\n"
            "Comment=Focus sessions, and a pause before checking for likes\n"
            f"Exec={exec_line(command)}\n"
            f"Icon={APP_ID}\n"
            "Terminal=false\n"
            "X-GNOME-Autostart-enabled=true\n"
        )
        _write_atomically(self.path, content.encode("utf-8"))

    def disable(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


# -- macOS LaunchAgent ---------------------------------------------------------------------------


class LaunchAgent:
    """`~/Library/LaunchAgents/<APP_ID>.plist`: runs the command once at each login."""

    def __init__(self, home: Path) -> None:
        self.path = home / "Library" / "LaunchAgents" / f"{APP_ID}.plist"

    @property
    def location(self) -> str:
        return str(self.path)

    def _read(self) -> dict[str, Any] | None:
        try:
            with self.path.open("rb") as handle:
                content = plistlib.load(handle)
        except (OSError, plistlib.InvalidFileException, ValueError):
            return None
        return content if isinstance(content, dict) else None

    def is_enabled(self) -> bool:
        agent = self._read()
        return agent is not None and not agent.get("Disabled", False)

    def points_at(self, command: Sequence[str]) -> bool:
        agent = self._read()
        return agent is not None and agent.get("ProgramArguments") == list(command)

    def enable(self, command: Sequence[str]) -> None:
        agent = {
            "Label": APP_ID,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
            "LimitLoadToSessionType": "Aqua",  # the graphical login, not ssh sessions
        }
        _write_atomically(self.path, plistlib.dumps(agent))

    def disable(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


# -- Windows Run key -----------------------------------------------------------------------------


class RunKey(Protocol):
    """String values of HKCU\\...\\CurrentVersion\\Run (a fake stands in for it in tests)."""

    def get(self, name: str) -> str | None: ...
    def set(self, name: str, value: str) -> None: ...
    def delete(self, name: str) -> None: ...


class WindowsRunKey:
    """The real key through `winreg`, imported only when a method runs (so only on Windows)."""

    def get(self, name: str) -> str | None:
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:  # type: ignore[attr-defined,unused-ignore]
                value, _kind = winreg.QueryValueEx(key, name)  # type: ignore[attr-defined,unused-ignore]
        except FileNotFoundError:
            return None
        return value if isinstance(value, str) else None

    def set(self, name: str, value: str) -> None:
        import winreg

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:  # type: ignore[attr-defined,unused-ignore]
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)  # type: ignore[attr-defined,unused-ignore]

    def delete(self, name: str) -> None:
        import winreg

        try:
            with winreg.OpenKey(
                winreg.HKEY_CURRENT_USER,  # type: ignore[attr-defined,unused-ignore]
                RUN_KEY,
                0,
                winreg.KEY_SET_VALUE,  # type: ignore[attr-defined,unused-ignore]
            ) as key:
                winreg.DeleteValue(key, name)  # type: ignore[attr-defined,unused-ignore]
        except FileNotFoundError:
            pass  # no such value: already off


class RunKeyAutostart:
    """A value of the current user's Run key holding the command line."""

    def __init__(self, key: RunKey) -> None:
        self.key = key

    @property
    def location(self) -> str:
        return f"HKEY_CURRENT_USER\\{RUN_KEY}\\{RUN_VALUE}"

    def is_enabled(self) -> bool:
        return bool(self.key.get(RUN_VALUE))

    def points_at(self, command: Sequence[str]) -> bool:
        return self.key.get(RUN_VALUE) == subprocess.list2cmdline(list(command))

    def enable(self, command: Sequence[str]) -> None:
        self.key.set(RUN_VALUE, subprocess.list2cmdline(list(command)))

    def disable(self) -> None:
        self.key.delete(RUN_VALUE)


# -- choosing ------------------------------------------------------------------------------------


def autostart_entry(
    *,
    platform: str | None = None,
    environ: Mapping[str, str] | None = None,
    home: Path | None = None,
    run_key: RunKey | None = None,
) -> AutostartEntry:
    """The entry for this OS (XDG for Linux and the BSDs), from the environment as it is now."""
    platform = platform or sys.platform
    home = home or Path.home()
    if platform == "win32":
        return RunKeyAutostart(run_key or WindowsRunKey())
    if platform == "darwin":
        return LaunchAgent(home)
    return XdgAutostart.from_environment(os.environ if environ is None else environ, home)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
