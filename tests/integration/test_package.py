"""The Linux package for real: build the bundle and the .deb, unpack it, run what it installs.

`packaging/linux/build.sh` runs once per test session (about half a minute) into a temporary
folder; the .deb is unpacked with `dpkg-deb -x` (nothing is installed on this machine) and its
binary runs from there under the desktop `scripts/test.sh` starts, with its own XDG folders.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from Xlib import Xatom

from focusapp import APP_ID, __version__
from focusapp.bridge.extension_identity import FIREFOX_EXTENSION_ID, HOST_NAME, chromium_origin
from focusapp.platform.autostart import exec_line
from tests.integration import x11
from tests.integration.conftest import LaunchApp

pytestmark = pytest.mark.package

REPO = Path(__file__).resolve().parents[2]
INSTALL_DIR = "opt/focusapp"


@dataclass(frozen=True)
class Built:
    deb: Path
    bundle: Path  # dist/focusapp, the one-folder bundle
    root: Path  # the .deb unpacked
    log: str

    @property
    def binary(self) -> Path:
        return self.root / INSTALL_DIR / "focusapp"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("dist")
    env = dict(os.environ, PYTHON=sys.executable)
    result = subprocess.run(
        ["bash", str(REPO / "packaging/linux/build.sh"), "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"build.sh failed:\n{log[-4000:]}"
    debs = sorted(out.glob("focusapp_*.deb"))
    assert len(debs) == 1, (sorted(p.name for p in out.iterdir()), log[-2000:])
    root = tmp_path_factory.mktemp("unpacked")
    subprocess.run(["dpkg-deb", "-x", str(debs[0]), str(root)], check=True, timeout=120)
    return Built(deb=debs[0], bundle=out / "focusapp", root=root, log=log)


def control_fields(deb: Path) -> dict[str, str]:
    text = subprocess.run(
        ["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    fields: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line[0].isspace() and ":" in line:
            key, value = line.split(":", 1)
            fields[key] = value.strip()
    return fields


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_deb_is_named_and_described_for_this_version(built: Built) -> None:
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert built.deb.name == f"focusapp_{__version__}_{arch}.deb"
    fields = control_fields(built.deb)
    assert fields["Package"] == "focusapp"
    assert fields["Version"] == __version__
    depends = [d.strip() for d in fields["Depends"].split(",")]
    assert any(d.startswith("libc6 (>= ") for d in depends), depends
    assert "libxcb1" in depends and "libgl1" in depends  # X and GL come from the system


def test_the_deb_installs_the_bundle_the_command_and_desktop_integration(built: Built) -> None:
    root = built.root
    assert os.access(built.binary, os.X_OK)
    command = root / "usr/bin/focusapp"
    assert command.is_symlink() and os.readlink(command) == "/opt/focusapp/focusapp"
    # The package data is inside the bundle, where importlib.resources finds it when frozen.
    resources = root / INSTALL_DIR / "_internal/focusapp/resources"
    for part in (
        "prompts/prompts.en.toml",
        "prompts/prompts.nl.toml",
        "extension/chromium/manifest.json",
        f"icons/{APP_ID}.svg",
    ):
        assert (resources / part).is_file(), part
    assert list((resources / "i18n").glob("*.qm")), "no compiled translations in the bundle"

    hicolor = root / "usr/share/icons/hicolor"
    assert (hicolor / "scalable/apps" / f"{APP_ID}.svg").is_file()
    assert (hicolor / "symbolic/apps" / f"{APP_ID}-symbolic.svg").is_file()
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert png_size(hicolor / f"{size}x{size}/apps/{APP_ID}.png") == (size, size)


def test_the_desktop_file_and_the_metainfo_validate(built: Built) -> None:
    desktop = built.root / "usr/share/applications" / f"{APP_ID}.desktop"
    metainfo = built.root / "usr/share/metainfo" / f"{APP_ID}.metainfo.xml"
    checked = subprocess.run(
        ["desktop-file-validate", str(desktop)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout
    assert "Exec=focusapp\n" in desktop.read_text()
    checked = subprocess.run(
        ["appstreamcli", "validate", "--no-net", "--explain", str(metainfo)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    text = metainfo.read_text()
    assert f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>' in text
    assert f'<release version="{__version__}"' in text and "<screenshot" in text


def test_browsers_find_the_native_host_in_their_system_folders(built: Built) -> None:
    folders = {
        "etc/chromium/native-messaging-hosts": "chromium",
        "etc/opt/chrome/native-messaging-hosts": "chromium",
        "etc/opt/edge/native-messaging-hosts": "chromium",
        "usr/lib/mozilla/native-messaging-hosts": "firefox",
    }
    launcher = f"/{INSTALL_DIR}/focusapp-native-host"
    for folder, kind in folders.items():
        manifest = json.loads((built.root / folder / f"{HOST_NAME}.json").read_text())
        assert manifest["name"] == HOST_NAME and manifest["type"] == "stdio"
        assert manifest["path"] == launcher
        if kind == "firefox":
            assert manifest["allowed_extensions"] == [FIREFOX_EXTENSION_ID]
        else:
            assert manifest["allowed_origins"] == [chromium_origin()]
    script = (built.root / launcher.lstrip("/")).read_text()
    assert f'exec /{INSTALL_DIR}/focusapp native-host "$@"' in script
    conffiles = subprocess.run(
        ["dpkg-deb", "-I", str(built.deb), "conffiles"], capture_output=True, text=True, check=True
    ).stdout.split()
    # Files under /etc are the admin's: an edited manifest survives an upgrade.
    assert sorted(conffiles) == sorted(f"/{f}/{HOST_NAME}.json" for f in folders if f[:4] == "etc/")


def test_the_one_folder_bundle_is_left_in_dist_beside_the_deb(built: Built) -> None:
    assert (built.bundle / "focusapp").is_file()
    result = subprocess.run(
        [str(built.bundle / "focusapp"), "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == f"focusapp {__version__}"


TILE_COLOUR = (0x41, 0x60, 0x5F)  # the app icon's tile, in focusapp/resources/icons


def window_icon_colour(window: int) -> tuple[int, int, int]:
    """The colour an eighth of the way down the middle of the largest _NET_WM_ICON image: the
    tile above the ring."""
    with x11.connect() as connection:
        prop = connection.create_resource_object("window", window).get_full_property(
            connection.intern_atom("_NET_WM_ICON"), Xatom.CARDINAL
        )
    assert prop is not None and len(prop.value) > 2, "no _NET_WM_ICON: Qt fell back to no icon"
    data, images, at = list(prop.value), [], 0
    while at + 2 <= len(data):
        width, height = data[at], data[at + 1]
        images.append((width, height, data[at + 2 : at + 2 + width * height]))
        at += 2 + width * height
    width, height, pixels = max(images, key=lambda image: image[0])
    argb = int(pixels[(height // 8) * width + width // 2])
    return (argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF


def frame(message: dict[str, object]) -> bytes:
    data = json.dumps(message).encode("utf-8")
    return struct.pack("=I", len(data)) + data


@pytest.mark.x11
def test_the_packaged_app_docks_in_the_tray_and_answers_its_command_line(
    built: Built, launch_app: LaunchApp
) -> None:
    binary = str(built.binary)
    version = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.strip() == f"focusapp {__version__}"

    app = launch_app(command=[binary], name="packaged", welcome=True)
    icon = x11.find_tray_icon(pid=app.pid, timeout=30)
    assert icon.host.id in icon.window.ancestors

    # A first run: the welcome wears the app's SVG icon (Qt's SVG icon engine works in the
    # bundle), and closing it turns autostart on, pointing at the bundled binary.
    welcome = x11.wait_for_window(name="Welcome to Focusapp", pid=app.pid, timeout=20)
    assert window_icon_colour(welcome.id) == TILE_COLOUR
    x11.wait_until(
        lambda: x11.active_window_id() == welcome.id or None, 10, "the welcome has the keyboard"
    )
    x11.press_keys("Escape")
    entry = app.home / ".config" / "autostart" / f"{APP_ID}.desktop"
    x11.wait_until(lambda: entry.is_file() or None, 10, "the login entry")
    assert f"Exec={exec_line([binary])}\n" in entry.read_text()

    status = subprocess.run(
        [binary, "status", "--json"], env=app.env, capture_output=True, text=True, timeout=30
    )
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["state"] == "idle"

    # What a browser starts: the bundle's native host, relaying to the running bundled app.
    with subprocess.Popen(
        [binary, "native-host", chromium_origin()],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=app.env,
    ) as host:
        assert host.stdin is not None and host.stdout is not None
        host.stdin.write(frame({"type": "get_policy", "id": 1}))
        host.stdin.flush()
        (length,) = struct.unpack("=I", host.stdout.read(4))
        reply = json.loads(host.stdout.read(length))
        host.stdin.close()
        assert host.wait(timeout=10) == 0
    assert reply["ok"] is True and reply["id"] == 1, reply

    assert "Traceback" not in app.stderr()
    app.terminate()
    assert app.wait(timeout=15) == 0


def test_build_script_refuses_unknown_options() -> None:
    result = subprocess.run(
        ["bash", str(REPO / "packaging/linux/build.sh"), "--compression", "rar"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2 and "usage" in result.stderr
