"""Makes what the macOS build needs besides the bundle: the .icns, the native host launcher,
a reference LaunchAgent, and a package root for an optional .pkg with the browsers' system-wide
native host manifests.

    python packaging/macos/prepare.py [BUILD_DIR]        (default build/macos)

Writes, under BUILD_DIR:
- focusapp.icns, from the app's SVG;
- focusapp-native-host, the launcher browsers start; it goes into
  Focusapp.app/Contents/MacOS/ beside the executable (see packaging/README.md);
- <APP_ID>.plist: the LaunchAgent the app itself writes to ~/Library/LaunchAgents when autostart
  is on (`focusapp.platform.autostart.LaunchAgent`), for reference. It is deliberately not
  installed system-wide: a copy in /Library/LaunchAgents would start the app for every user,
  whatever their own autostart switch says;
- pkg-root/Library/...: the host manifest where each browser looks for hosts installed for
  every user (/Library/Google/Chrome/NativeMessagingHosts, /Library/Application Support/
  Chromium/..., /Library/Microsoft/Edge/..., /Library/Application Support/Mozilla/...), each
  pointing at /Applications/Focusapp.app/Contents/MacOS/focusapp-native-host.

A drag-to-Applications install needs no .pkg: the app registers the host for its user in
~/Library/Application Support/<browser>/NativeMessagingHosts (`focusapp browser install`, or the
first-run welcome) and writes its own LaunchAgent.

NOT VERIFIED ON macOS: this script runs anywhere and a test runs it on Linux; the .app and .pkg
it feeds have never been built or run here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "packaging"))

from icon_files import app_svg, write_icns  # noqa: E402

from focusapp.bridge.browser_manifests import Browser, host_manifest  # noqa: E402
from focusapp.bridge.extension_identity import HOST_NAME  # noqa: E402
from focusapp.platform.autostart import LaunchAgent  # noqa: E402

APP = Path("/Applications/Focusapp.app/Contents/MacOS")
# Chrome's and MDN's documented system-wide folders on macOS; Brave documents none.
SYSTEM_HOST_FOLDERS = {
    Browser.CHROME: "Library/Google/Chrome/NativeMessagingHosts",
    Browser.CHROMIUM: "Library/Application Support/Chromium/NativeMessagingHosts",
    Browser.EDGE: "Library/Microsoft/Edge/NativeMessagingHosts",
    Browser.FIREFOX: "Library/Application Support/Mozilla/NativeMessagingHosts",
}


def prepare(build: Path) -> list[Path]:
    icns = build / "focusapp.icns"
    write_icns(app_svg(), icns)
    launcher = build / "focusapp-native-host"
    launcher.write_text('#!/bin/sh\nexec "$(dirname "$0")/focusapp" native-host "$@"\n')
    launcher.chmod(0o755)
    agent = LaunchAgent(build / "reference")
    agent.enable([str(APP / "focusapp")])
    reference = build / agent.path.name
    agent.path.replace(reference)
    for folder in (agent.path.parent, agent.path.parent.parent, build / "reference"):
        folder.rmdir()
    root = build / "pkg-root"
    written = [icns, launcher, reference]
    for browser, folder in SYSTEM_HOST_FOLDERS.items():
        target = root / folder / f"{HOST_NAME}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        manifest = host_manifest(browser, APP / "focusapp-native-host")
        target.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    build = Path(argv[0]) if argv else REPO / "build" / "macos"
    for path in prepare(build):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
