"""Registers the native host with browsers: host manifests in each browser's per-user location.

`focusapp browser install` writes a small launcher (`<data dir>/native-host/focusapp-native-host`,
a .bat on Windows) that runs `focusapp native-host` with this installation's Python, and points a
host manifest at it for Chromium, Google Chrome, Brave, Microsoft Edge and Firefox. Manifests go
where each browser looks for the current user's hosts (Chrome's "Native messaging" and MDN's
"Native manifests" documentation): folders under `~/.config` (or `$XDG_CONFIG_HOME`) and
`~/.mozilla` on Linux, under `~/Library/Application Support` on macOS, and on Windows files in the
data dir named by a default value under HKEY_CURRENT_USER.

The module lives in `bridge` because the host name and extension ids it writes are the ones the
host checks; it touches only files and keys named after this host, never another host's.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol, TextIO

from focusapp.bridge.extension_identity import (
    FIREFOX_EXTENSION_ID,
    HOST_NAME,
    chromium_origin,
    extension_folder,
)

HOST_DESCRIPTION = "Focusapp: lets the Focusapp browser extension talk to the Focusapp app"
LAUNCHER_FOLDER = "native-host"
LAUNCHER_NAME = "focusapp-native-host"


class Browser(StrEnum):
    CHROMIUM = "chromium"
    CHROME = "chrome"
    BRAVE = "brave"
    EDGE = "edge"
    FIREFOX = "firefox"

    @property
    def display_name(self) -> str:
        return _TITLES[self]

    @property
    def is_firefox(self) -> bool:
        return self is Browser.FIREFOX


_TITLES = {
    Browser.CHROMIUM: "Chromium",
    Browser.CHROME: "Google Chrome",
    Browser.BRAVE: "Brave",
    Browser.EDGE: "Microsoft Edge",
    Browser.FIREFOX: "Firefox",
}

# Relative to $XDG_CONFIG_HOME (default ~/.config); Firefox ignores XDG and reads ~/.mozilla.
_LINUX_CONFIG_FOLDERS = {
    Browser.CHROMIUM: "chromium",
    Browser.CHROME: "google-chrome",
    Browser.BRAVE: "BraveSoftware/Brave-Browser",
    Browser.EDGE: "microsoft-edge",
}
# Relative to ~/Library/Application Support.
_MACOS_FOLDERS = {
    Browser.CHROMIUM: "Chromium",
    Browser.CHROME: "Google/Chrome",
    Browser.BRAVE: "BraveSoftware/Brave-Browser",
    Browser.EDGE: "Microsoft Edge",
    Browser.FIREFOX: "Mozilla",
}
# Under HKEY_CURRENT_USER; the host's key below each holds the manifest path as default value.
_WINDOWS_KEYS = {
    Browser.CHROMIUM: r"Software\Chromium\NativeMessagingHosts",
    Browser.CHROME: r"Software\Google\Chrome\NativeMessagingHosts",
    Browser.BRAVE: r"Software\BraveSoftware\Brave-Browser\NativeMessagingHosts",
    Browser.EDGE: r"Software\Microsoft\Edge\NativeMessagingHosts",
    Browser.FIREFOX: r"Software\Mozilla\NativeMessagingHosts",
}


class Registry(Protocol):
    """The default values of keys under HKEY_CURRENT_USER (a fake stands in for it in tests)."""

    def get_default(self, key: str) -> str | None: ...
    def set_default(self, key: str, value: str) -> None: ...
    def delete_key(self, key: str) -> None: ...


class WindowsRegistry:
    """HKEY_CURRENT_USER through `winreg`, imported only when a method runs (so only on Windows)."""

    def get_default(self, key: str) -> str | None:
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as handle:  # type: ignore[attr-defined,unused-ignore]
                value, _kind = winreg.QueryValueEx(handle, "")  # type: ignore[attr-defined,unused-ignore]
        except FileNotFoundError:
            return None
        return value if isinstance(value, str) else None

    def set_default(self, key: str, value: str) -> None:
        import winreg

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, key) as handle:  # type: ignore[attr-defined,unused-ignore]
            winreg.SetValueEx(handle, "", 0, winreg.REG_SZ, value)  # type: ignore[attr-defined,unused-ignore]

    def delete_key(self, key: str) -> None:
        import winreg

        with contextlib.suppress(FileNotFoundError):
            winreg.DeleteKey(winreg.HKEY_CURRENT_USER, key)  # type: ignore[attr-defined,unused-ignore]


@dataclass(frozen=True)
class HostEnvironment:
    """Everything installing depends on, so tests can stand in for any OS and any home."""

    platform: str  # a `sys.platform` value: "linux", "darwin", "win32"
    home: Path
    data_dir: Path
    # How the launcher starts Focusapp; `native-host` is appended.
    command: tuple[str, ...]
    xdg_config_home: Path | None = None
    registry: Registry | None = None

    @classmethod
    def current(cls, data_dir: Path) -> HostEnvironment:
        xdg = os.environ.get("XDG_CONFIG_HOME", "")
        if getattr(sys, "frozen", False):
            command: tuple[str, ...] = (sys.executable,)  # a bundled app is its own interpreter
        else:
            command = (console_python(sys.executable), "-m", "focusapp")
        return cls(
            platform=sys.platform,
            home=Path.home(),
            data_dir=data_dir,
            command=command,
            # The XDG spec says to ignore a relative value.
            xdg_config_home=Path(xdg) if xdg and Path(xdg).is_absolute() else None,
            registry=WindowsRegistry() if sys.platform == "win32" else None,
        )

    @property
    def is_windows(self) -> bool:
        return self.platform == "win32"


def console_python(executable: str) -> str:
    """python.exe for pythonw.exe: the windowless interpreter may have no usable stdio."""
    path = Path(executable)
    if path.name.lower() == "pythonw.exe":
        console = path.with_name("python.exe")
        if console.is_file():
            return str(console)
    return executable


@dataclass(frozen=True)
class ManifestChange:
    browser: Browser
    manifest: Path
    registry_key: str | None  # the full HKCU key on Windows
    changed: bool  # written, or (uninstalling) removed; False when there was nothing of ours


def host_manifest(browser: Browser, launcher: Path) -> dict[str, Any]:
    """The manifest's JSON content."""
    manifest: dict[str, Any] = {
        "name": HOST_NAME,
        "description": HOST_DESCRIPTION,
        "path": str(launcher),
        "type": "stdio",
    }
    if browser.is_firefox:
        manifest["allowed_extensions"] = [FIREFOX_EXTENSION_ID]
    else:
        manifest["allowed_origins"] = [chromium_origin()]
    return manifest


def launcher_path(env: HostEnvironment) -> Path:
    name = LAUNCHER_NAME + (".bat" if env.is_windows else "")
    return env.data_dir / LAUNCHER_FOLDER / name


def launcher_script(env: HostEnvironment) -> str:
    command = (*env.command, "native-host")
    if env.is_windows:
        # cmd.exe expands %VAR% even inside quotes; %% is a literal percent sign.
        quoted = " ".join('"' + part.replace("%", "%%") + '"' for part in command)
        return f"@echo off\r\n{quoted} %*\r\n"
    quoted = " ".join(_sh_quote(part) for part in command)
    return (
        "#!/bin/sh\n"
        "# Written by `focusapp browser install`: browsers run this to reach Focusapp.\n"
        f'exec {quoted} "$@"\n'
    )


def manifest_path(browser: Browser, env: HostEnvironment) -> Path:
    """Where `browser` looks for this host's manifest (on Windows: where the registry points)."""
    file_name = f"{HOST_NAME}.json"
    if env.is_windows:
        return env.data_dir / LAUNCHER_FOLDER / str(browser) / file_name
    if env.platform == "darwin":
        support = env.home / "Library" / "Application Support"
        return support / _MACOS_FOLDERS[browser] / "NativeMessagingHosts" / file_name
    if browser.is_firefox:
        return env.home / ".mozilla" / "native-messaging-hosts" / file_name
    config = env.xdg_config_home or env.home / ".config"
    return config / _LINUX_CONFIG_FOLDERS[browser] / "NativeMessagingHosts" / file_name


def registry_key(browser: Browser) -> str:
    return _WINDOWS_KEYS[browser] + "\\" + HOST_NAME


def install(
    env: HostEnvironment, browsers: Iterable[Browser] = tuple(Browser)
) -> list[ManifestChange]:
    """Write the launcher and each browser's manifest (replacing an older one of ours)."""
    launcher = launcher_path(env)
    _write_file(launcher, launcher_script(env).encode("utf-8"))
    if not env.is_windows:
        launcher.chmod(0o755)
    changes = []
    for browser in browsers:
        path = manifest_path(browser, env)
        content = json.dumps(host_manifest(browser, launcher), indent=2) + "\n"
        _write_file(path, content.encode("utf-8"))
        key = None
        if env.is_windows:
            key = registry_key(browser)
            _registry(env).set_default(key, str(path))
        changes.append(ManifestChange(browser, path, key, changed=True))
    return changes


def uninstall(
    env: HostEnvironment, browsers: Iterable[Browser] = tuple(Browser)
) -> list[ManifestChange]:
    """Remove this host's manifests (and registry keys); the launcher goes with the last one."""
    changes = []
    for browser in browsers:
        path = manifest_path(browser, env)
        removed = False
        key = None
        if env.is_windows:
            key = registry_key(browser)
            registry = _registry(env)
            if registry.get_default(key) is not None:
                registry.delete_key(key)
                removed = True
        if _is_our_manifest(path):
            path.unlink()
            removed = True
            if env.is_windows:
                with contextlib.suppress(OSError):
                    path.parent.rmdir()
        changes.append(ManifestChange(browser, path, key, changed=removed))
    if not any(_is_registered(browser, env) for browser in Browser):
        launcher = launcher_path(env)
        with contextlib.suppress(FileNotFoundError):
            launcher.unlink()
        with contextlib.suppress(OSError):
            launcher.parent.rmdir()  # only when empty
    return changes


def installed_browsers(env: HostEnvironment) -> list[Browser]:
    return [browser for browser in Browser if _is_registered(browser, env)]


def _is_registered(browser: Browser, env: HostEnvironment) -> bool:
    if env.is_windows and _registry(env).get_default(registry_key(browser)) is not None:
        return True
    return _is_our_manifest(manifest_path(browser, env))


def _is_our_manifest(path: Path) -> bool:
    """A file of that name whose `name` is this host; anything else is left alone."""
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(content, dict) and content.get("name") == HOST_NAME


def _registry(env: HostEnvironment) -> Registry:
    if env.registry is None:
        raise RuntimeError("no registry to write to on Windows")
    return env.registry


def _write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _sh_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


# -- the extension folder ----------------------------------------------------------------------

EXTENSION_KINDS = ("chromium", "firefox")


def extension_path(kind: str) -> Path:
    """The folder to load unpacked for `kind` ("chromium" or "firefox")."""
    if kind not in EXTENSION_KINDS:
        raise ValueError(f"no extension for {kind!r}; choose one of {', '.join(EXTENSION_KINDS)}")
    return extension_folder() / kind


# -- the `focusapp browser` command ------------------------------------------------------------

_LOAD_STEPS = {
    "chromium": "open chrome://extensions (edge://extensions in Edge), turn on Developer mode, "
    "choose Load unpacked and pick",
    "firefox": "open about:debugging#/runtime/this-firefox, choose Load Temporary Add-on and pick "
    "the manifest.json in",
}


def run_browser_command(
    action: str,
    browser: str | None,
    data_dir: Path,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    env: HostEnvironment | None = None,
) -> int:
    """`focusapp browser install|uninstall|path [--browser NAME]`; returns the exit status."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    if action == "path":
        return _print_extension_path(browser or "chromium", out, err)
    env = env if env is not None else HostEnvironment.current(data_dir)
    try:
        chosen: Sequence[Browser] = [Browser(browser)] if browser else tuple(Browser)
    except ValueError:
        names = ", ".join(str(b) for b in Browser)
        print(f"focusapp: unknown browser {browser!r}; choose one of {names}.", file=err)
        return 2
    try:
        if action == "install":
            for change in install(env, chosen):
                print(f"{change.browser.display_name}: {_where(change)}", file=out)
            kinds = sorted({"firefox" if b.is_firefox else "chromium" for b in chosen})
            print("\nNext, load the extension in your browser:", file=out)
            for kind in kinds:
                folder = extension_path(kind)
                if folder.is_dir():
                    print(f"- {_LOAD_STEPS[kind]} {folder}", file=out)
                else:
                    print(f"- this installation has no {kind} extension yet ({folder}).", file=out)
            return 0
        if action == "uninstall":
            for change in uninstall(env, chosen):
                what = f"removed {_where(change)}" if change.changed else "nothing to remove"
                print(f"{change.browser.display_name}: {what}", file=out)
            return 0
    except OSError as exc:
        print(f"focusapp: could not {action} the browser host: {exc}", file=err)
        return 1
    print(f"focusapp: unknown browser action {action!r}.", file=err)
    return 2


def _where(change: ManifestChange) -> str:
    if change.registry_key:
        return f"{change.manifest} (HKEY_CURRENT_USER\\{change.registry_key})"
    return str(change.manifest)


def _print_extension_path(kind: str, out: TextIO, err: TextIO) -> int:
    try:
        folder = extension_path(kind)
    except ValueError as exc:
        print(f"focusapp: {exc}.", file=err)
        return 2
    if not folder.is_dir():
        print(
            f"focusapp: this installation has no {kind} extension (nothing at {folder}). "
            "Install a Focusapp build that includes the browser extension.",
            file=err,
        )
        return 1
    print(folder, file=out)
    return 0
