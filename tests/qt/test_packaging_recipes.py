"""The Windows and macOS recipes' preparation steps, run here on Linux.

What can be checked off those systems: the icons render, the host manifests and launchers say
what the app's own code says, and the installer script names the same registry keys the app
reads and writes. Building and running the installers is not verified here (packaging/README.md).
"""

from __future__ import annotations

import importlib.util
import json
import plistlib
import re
import struct
from pathlib import Path
from types import ModuleType

from PySide6.QtWidgets import QApplication

from focusapp import APP_ID
from focusapp.bridge.browser_manifests import Browser, registry_key
from focusapp.bridge.extension_identity import FIREFOX_EXTENSION_ID, HOST_NAME, chromium_origin
from focusapp.platform.autostart import RUN_KEY, RUN_VALUE

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def load(relative: str) -> ModuleType:
    path = PACKAGING / relative
    spec = importlib.util.spec_from_file_location(f"recipe_{path.parent.name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_windows_prepare_writes_the_icon_manifests_and_launcher(
    qapp: QApplication, tmp_path: Path
) -> None:
    load("windows/prepare.py").prepare(tmp_path)
    ico = (tmp_path / "focusapp.ico").read_bytes()
    assert struct.unpack("<HHH", ico[:6]) == (0, 1, 1)  # an icon resource with one image
    hosts = tmp_path / "native-host"
    chromium = json.loads((hosts / f"{HOST_NAME}.chromium.json").read_text())
    firefox = json.loads((hosts / f"{HOST_NAME}.firefox.json").read_text())
    assert chromium["allowed_origins"] == [chromium_origin()]
    assert firefox["allowed_extensions"] == [FIREFOX_EXTENSION_ID]
    assert chromium["path"] == firefox["path"] == "focusapp-native-host.bat"
    launcher = (hosts / "focusapp-native-host.bat").read_bytes()
    assert launcher == b'@echo off\r\n"%~dp0..\\focusapp.exe" native-host %*\r\n'


def test_the_inno_script_names_the_keys_the_app_reads_and_writes() -> None:
    script = (PACKAGING / "windows/focusapp.iss").read_text()
    keys = set(re.findall(r'Subkey: "([^"]+)"', script))
    assert {registry_key(browser) for browser in Browser} <= keys
    assert RUN_KEY in keys
    assert f'ValueName: "{RUN_VALUE}"' in script
    assert "PrivilegesRequired=lowest" in script  # HKCU only: no administrator needed
    spec = (PACKAGING / "windows/focusapp.spec").read_text()
    for exe in ('"focusapp", True', '"focusapp-tray", False'):
        assert exe in spec  # the console command and its windowless twin (autostart's choice)


def test_macos_prepare_writes_the_icon_launcher_agent_and_system_manifests(
    qapp: QApplication, tmp_path: Path
) -> None:
    load("macos/prepare.py").prepare(tmp_path)
    assert (tmp_path / "focusapp.icns").read_bytes()[:4] == b"icns"
    launcher = tmp_path / "focusapp-native-host"
    assert launcher.read_text() == '#!/bin/sh\nexec "$(dirname "$0")/focusapp" native-host "$@"\n'
    agent = plistlib.loads((tmp_path / f"{APP_ID}.plist").read_bytes())
    assert agent["Label"] == APP_ID and agent["RunAtLoad"] is True
    assert agent["ProgramArguments"] == ["/Applications/Focusapp.app/Contents/MacOS/focusapp"]
    root = tmp_path / "pkg-root"
    assert not (root / "Library/LaunchAgents").exists()  # never for every user: see prepare.py
    manifests = sorted(root.rglob(f"{HOST_NAME}.json"))
    assert len(manifests) == 4
    for path in manifests:
        manifest = json.loads(path.read_text())
        assert manifest["path"] == "/Applications/Focusapp.app/Contents/MacOS/focusapp-native-host"
    spec = (PACKAGING / "macos/focusapp.spec").read_text()
    assert '"LSUIElement": True' in spec and "bundle_identifier=APP_ID" in spec
