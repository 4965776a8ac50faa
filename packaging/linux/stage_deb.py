"""Lays out the .deb's file tree around a PyInstaller bundle; `build.sh` runs it, then dpkg-deb.

    python packaging/linux/stage_deb.py BUNDLE_DIR ROOT_DIR

Writes, under ROOT_DIR: the bundle in /opt/focusapp with a launcher for browsers, /usr/bin/focusapp,
the .desktop file, the AppStream metainfo, hicolor icons (the SVGs, and PNGs rendered from the SVG
with Qt's SVG renderer), the native-messaging host manifests where browsers look for system-wide
hosts, the copyright file, and DEBIAN/control and conffiles. Depends is worked out from the
bundle itself: the shared libraries its binaries need that it does not carry, mapped to the Debian
packages that provide them on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))  # this checkout's focusapp, not whatever else is installed
sys.path.insert(0, str(REPO / "packaging"))

from icon_files import write_pngs  # noqa: E402

from focusapp import APP_ID, __version__  # noqa: E402
from focusapp.bridge.browser_manifests import Browser, host_manifest  # noqa: E402
from focusapp.bridge.extension_identity import HOST_NAME  # noqa: E402

PACKAGE = "focusapp"
INSTALL_DIR = Path("/opt/focusapp")
BINARY = INSTALL_DIR / "focusapp"
NATIVE_HOST_LAUNCHER = INSTALL_DIR / "focusapp-native-host"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
HERE = Path(__file__).resolve().parent
ICONS = REPO / "focusapp" / "resources" / "icons"

# Where each browser looks for hosts installed for every user (Chrome's and MDN's native
# messaging documentation, Microsoft's for Edge on Linux). Brave documents no system-wide folder
# on Linux: its users register per user with `focusapp browser install --browser brave`.
SYSTEM_HOST_FOLDERS = {
    Browser.CHROMIUM: "etc/chromium/native-messaging-hosts",
    Browser.CHROME: "etc/opt/chrome/native-messaging-hosts",
    Browser.EDGE: "etc/opt/edge/native-messaging-hosts",
    Browser.FIREFOX: "usr/lib/mozilla/native-messaging-hosts",
}

DESCRIPTION = """\
Focus sessions, app and site limits, and a pause before checking for likes
 Focusapp lives in the system tray. It runs focus sessions, limits the time
 spent in chosen apps and sites, hides likes and view counts in the browser
 (with its extension), and when the urge to check for approval strikes,
 answers with a short pause and a reflective question instead of a number.
 .
 Everything stays on the computer: no account, no server, no telemetry."""


def stage(bundle: Path, root: Path) -> list[str]:
    """Fills `root`; returns the conffiles (absolute paths inside the package)."""
    if root.exists():
        shutil.rmtree(root)
    opt = root / INSTALL_DIR.relative_to("/")
    shutil.copytree(bundle, opt, symlinks=True)
    _write(
        root / NATIVE_HOST_LAUNCHER.relative_to("/"),
        "#!/bin/sh\n"
        "# Browsers start this through the host manifests Focusapp's package installs.\n"
        f'exec {BINARY} native-host "$@"\n',
        mode=0o755,
    )
    usr_bin = root / "usr/bin"
    usr_bin.mkdir(parents=True)
    (usr_bin / "focusapp").symlink_to(BINARY)

    share = root / "usr/share"
    _copy(HERE / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop")
    _copy(HERE / f"{APP_ID}.metainfo.xml", share / "metainfo" / f"{APP_ID}.metainfo.xml")
    hicolor = share / "icons/hicolor"
    _copy(ICONS / f"{APP_ID}.svg", hicolor / "scalable/apps" / f"{APP_ID}.svg")
    symbolic = f"{APP_ID}-symbolic.svg"
    _copy(ICONS / symbolic, hicolor / "symbolic/apps" / symbolic)
    write_pngs(ICONS / f"{APP_ID}.svg", hicolor, APP_ID, ICON_SIZES)
    _write(share / "doc" / PACKAGE / "copyright", _copyright())

    conffiles = []
    for browser, folder in SYSTEM_HOST_FOLDERS.items():
        path = root / folder / f"{HOST_NAME}.json"
        manifest = host_manifest(browser, NATIVE_HOST_LAUNCHER)
        _write(path, json.dumps(manifest, indent=2) + "\n")
        if folder.startswith("etc/"):
            conffiles.append("/" + str(path.relative_to(root)))

    debian = root / "DEBIAN"
    _write(debian / "control", control(root, external_libraries(opt)))
    _write(debian / "conffiles", "".join(f"{c}\n" for c in sorted(conffiles)))
    return conffiles


def external_libraries(bundle: Path) -> set[str]:
    """Sonames the bundle's ELF files need and do not carry (libc, libGL, libxcb...)."""
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink() and _is_elf(p)]
    carried = {p.name for p in bundle.rglob("*") if p.is_file() or p.is_symlink()}
    needed: set[str] = set()
    for chunk in range(0, len(files), 200):
        out = subprocess.run(
            ["readelf", "-d", *map(str, files[chunk : chunk + 200])],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        needed |= set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out))
    return needed - carried


def depends(sonames: Iterable[str]) -> list[str]:
    """The Debian packages that provide `sonames` here, libc6 with this machine's version as the
    least one (the bundle's own libraries were built against it)."""
    cache = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    arch = _machine_arch_tag()
    packages: set[str] = set()
    for soname in sorted(sonames):
        paths = re.findall(rf"^\s*{re.escape(soname)} \(([^)]*)\) => (\S+)$", cache, re.M)
        path = next((p for flags, p in paths if arch in flags), paths[0][1] if paths else None)
        if path is None:
            raise SystemExit(f"stage_deb: {soname} is needed by the bundle but not installed here")
        owner = subprocess.run(
            ["dpkg-query", "-S", os.path.realpath(path)], capture_output=True, text=True
        )
        if owner.returncode != 0:
            owner = subprocess.run(["dpkg-query", "-S", path], capture_output=True, text=True)
        if owner.returncode != 0:
            raise SystemExit(f"stage_deb: no Debian package owns {path} (needed: {soname})")
        packages.add(owner.stdout.split(":", 1)[0].strip())
    libc = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", "libc6"], capture_output=True, text=True, check=True
    ).stdout
    upstream = libc.split("-", 1)[0]
    return [f"libc6 (>= {upstream})" if p == "libc6" else p for p in sorted(packages)]


def control(root: Path, sonames: set[str]) -> str:
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    size_kib = sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) // 1024
    fields = {
        "Package": PACKAGE,
        "Version": __version__,
        "Architecture": arch,
        "Maintainer": "The Focusapp developers <focusapp@users.noreply.github.com>",
        "Installed-Size": str(size_kib),
        "Depends": ", ".join(depends(sonames)),
        "Recommends": "fonts-dejavu-core | fonts-freefont-ttf, gnome-keyring | kwalletmanager",
        "Suggests": "chromium | firefox-esr | firefox",
        "Section": "utils",
        "Priority": "optional",
        "Homepage": "https://github.com/focusapp/focusapp",
        "Description": DESCRIPTION,
    }
    return "".join(f"{key}: {value}\n" for key, value in fields.items())


def _copyright() -> str:
    return (
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: focusapp\n\n"
        "Files: *\n"
        "Copyright: The Focusapp developers\n"
        "License: GPL-3.0-or-later\n"
        " On Debian systems, the complete text of the GNU General Public License version 3\n"
        " can be found in /usr/share/common-licenses/GPL-3.\n"
        " .\n"
        " The bundle in /opt/focusapp also carries Python, Qt (LGPL-3.0) through PySide6, and\n"
        " the Python packages Focusapp depends on, each under its own license.\n"
    )


def _machine_arch_tag() -> str:
    return {"x86_64": "x86-64", "aarch64": "AArch64"}.get(os.uname().machine, os.uname().machine)


def _is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"\x7fELF"
    except OSError:
        return False


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(0o644)


def _write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="the PyInstaller one-folder bundle")
    parser.add_argument("root", type=Path, help="the package's file tree (replaced)")
    args = parser.parse_args(argv)
    if not (args.bundle / "focusapp").is_file():
        parser.error(f"{args.bundle} has no focusapp executable: build the bundle first")
    metainfo = (HERE / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    if f'<release version="{__version__}"' not in metainfo:
        parser.error(
            f"the metainfo has no release notes for {__version__}: add a <release> to "
            f"packaging/linux/{APP_ID}.metainfo.xml"
        )
    stage(args.bundle, args.root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
