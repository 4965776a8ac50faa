"""Makes what the Windows installer needs besides the bundle: the .ico and the native host files.

    python packaging/windows/prepare.py [BUILD_DIR]      (default build/windows)

Writes BUILD_DIR/focusapp.ico (from the app's SVG) and BUILD_DIR/native-host/: one host
manifest for Chromium-family browsers and one for Firefox, both pointing at
`focusapp-native-host.bat` beside them (browsers resolve a relative `path` against the manifest's
folder on Windows), and that .bat, which runs `focusapp.exe native-host` from the install folder.
`focusapp.iss` copies them and points each browser's HKCU key at them.

NOT VERIFIED ON WINDOWS: this script runs anywhere and a test runs it on Linux; the installer it
feeds has never been built or run here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "packaging"))

from icon_files import app_svg, write_ico  # noqa: E402

from focusapp.bridge.browser_manifests import Browser, host_manifest  # noqa: E402
from focusapp.bridge.extension_identity import HOST_NAME  # noqa: E402

LAUNCHER = "focusapp-native-host.bat"


def prepare(build: Path) -> list[Path]:
    write_ico(app_svg(), build / "focusapp.ico")
    hosts = build / "native-host"
    hosts.mkdir(parents=True, exist_ok=True)
    # The install folder is one level up from native-host\: %~dp0 ends with a backslash.
    launcher = hosts / LAUNCHER
    launcher.write_bytes(b'@echo off\r\n"%~dp0..\\focusapp.exe" native-host %*\r\n')
    written = [build / "focusapp.ico", launcher]
    for kind, browser in (("chromium", Browser.CHROME), ("firefox", Browser.FIREFOX)):
        manifest = host_manifest(browser, Path(LAUNCHER))
        manifest["path"] = LAUNCHER  # relative to the manifest's folder
        target = hosts / f"{HOST_NAME}.{kind}.json"
        target.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    build = Path(argv[0]) if argv else REPO / "build" / "windows"
    for path in prepare(build):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
