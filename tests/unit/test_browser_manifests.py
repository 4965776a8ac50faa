"""Host manifests land where each browser looks, with exact content, and leave only ours behind."""

from __future__ import annotations

import base64
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.hazmat.primitives.serialization import load_der_public_key

from focusapp.bridge import browser_manifests
from focusapp.bridge.browser_manifests import (
    Browser,
    HostEnvironment,
    console_python,
    install,
    installed_browsers,
    launcher_path,
    manifest_path,
    run_browser_command,
    uninstall,
)
from focusapp.bridge.extension_identity import (
    CHROMIUM_EXTENSION_ID,
    FIREFOX_EXTENSION_ID,
    HOST_NAME,
    chromium_extension_id,
    extension_folder,
    public_key_der,
)

PYTHON = "/opt/py/bin/python3"
ORIGIN = f"chrome-extension://{CHROMIUM_EXTENSION_ID}/"


class FakeRegistry:
    """HKEY_CURRENT_USER as a dict of key -> default value."""

    def __init__(self, keys: dict[str, str] | None = None) -> None:
        self.keys = dict(keys or {})

    def get_default(self, key: str) -> str | None:
        return self.keys.get(key)

    def set_default(self, key: str, value: str) -> None:
        self.keys[key] = value

    def delete_key(self, key: str) -> None:
        self.keys.pop(key, None)


def linux(tmp_path: Path, xdg: bool = True, command: tuple[str, ...] = ()) -> HostEnvironment:
    return HostEnvironment(
        platform="linux",
        home=tmp_path / "home",
        data_dir=tmp_path / "data",
        command=command or (PYTHON, "-m", "focusapp"),
        xdg_config_home=tmp_path / "xdg-config" if xdg else None,
    )


def expected_manifest(browser: Browser, launcher: Path) -> dict[str, Any]:
    manifest: dict[str, Any] = {
        "name": "org.focusapp.native",
        "description": "Focusapp: lets the Focusapp browser extension talk to the Focusapp app",
        "path": str(launcher),
        "type": "stdio",
    }
    if browser is Browser.FIREFOX:
        manifest["allowed_extensions"] = ["focusapp@focusapp.org"]
    else:
        manifest["allowed_origins"] = [ORIGIN]
    return manifest


# -- the extension id --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # Chromium's own test vectors (extensions' GenerateId unit test).
        (b"test", "jpignaibiiemhngfjkcpokkamffknabf"),
        (b"_", "ncocknphbhhlhkikpnnlmbcnbgdempcd"),
        (
            b"this_string_is_longer_than_a_single_sha256_hash_digest",
            "jimneklojkjdibfkgiiophfhjhbdgcfi",
        ),
    ],
)
def test_extension_id_follows_chromiums_algorithm(data: bytes, expected: str) -> None:
    assert chromium_extension_id(data) == expected


def test_fixed_extension_id_is_derived_from_the_shipped_public_key() -> None:
    der = public_key_der()
    key = load_der_public_key(der)
    assert isinstance(key, RSAPublicKey) and key.key_size == 2048
    assert chromium_extension_id(der) == CHROMIUM_EXTENSION_ID
    assert re.fullmatch(r"[a-p]{32}", CHROMIUM_EXTENSION_ID)
    # The extension manifest's `key` is this text: one line of base64 of the same DER.
    text = (extension_folder() / "key.pub.b64").read_text().strip()
    assert base64.b64decode(text) == der


def test_no_private_key_is_shipped() -> None:
    for path in extension_folder().rglob("*"):
        if path.is_file():
            assert b"PRIVATE KEY" not in path.read_bytes(), path


def test_host_name_is_valid_for_chrome_and_firefox() -> None:
    # Chrome: lowercase alphanumerics, underscores and single dots inside; MDN: ^\w+(\.\w+)*$.
    assert re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)*", HOST_NAME)
    assert FIREFOX_EXTENSION_ID == "focusapp@focusapp.org"


# -- Linux -------------------------------------------------------------------------------------


def test_linux_install_writes_every_browsers_manifest_where_it_looks(tmp_path: Path) -> None:
    env = linux(tmp_path)
    changes = install(env)
    launcher = tmp_path / "data" / "native-host" / "focusapp-native-host"
    config = tmp_path / "xdg-config"
    expected = {
        Browser.CHROMIUM: config / "chromium/NativeMessagingHosts/org.focusapp.native.json",
        Browser.CHROME: config / "google-chrome/NativeMessagingHosts/org.focusapp.native.json",
        Browser.BRAVE: config
        / "BraveSoftware/Brave-Browser/NativeMessagingHosts/org.focusapp.native.json",
        Browser.EDGE: config / "microsoft-edge/NativeMessagingHosts/org.focusapp.native.json",
        # Firefox reads ~/.mozilla whatever XDG_CONFIG_HOME says.
        Browser.FIREFOX: tmp_path / "home/.mozilla/native-messaging-hosts/org.focusapp.native.json",
    }
    assert {change.browser: change.manifest for change in changes} == expected
    for browser, path in expected.items():
        assert json.loads(path.read_text()) == expected_manifest(browser, launcher)
    assert launcher.read_text() == (
        "#!/bin/sh\n"
        "# Written by `focusapp browser install`: browsers run this to reach Focusapp.\n"
        "exec '/opt/py/bin/python3' '-m' 'focusapp' 'native-host' \"$@\"\n"
    )
    assert os.access(launcher, os.X_OK)
    assert launcher.stat().st_mode & 0o777 == 0o755
    assert installed_browsers(env) == list(Browser)


def test_linux_without_xdg_config_home_uses_dot_config(tmp_path: Path) -> None:
    env = linux(tmp_path, xdg=False)
    assert manifest_path(Browser.CHROME, env) == (
        tmp_path / "home/.config/google-chrome/NativeMessagingHosts/org.focusapp.native.json"
    )


def test_environment_follows_xdg_config_home_and_ignores_a_relative_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    env = HostEnvironment.current(tmp_path / "data")
    assert env.xdg_config_home == tmp_path / "cfg"
    assert env.command == (sys.executable, "-m", "focusapp")
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/cfg")
    assert HostEnvironment.current(tmp_path / "data").xdg_config_home is None


def test_launcher_uses_the_console_interpreter_not_pythonw(tmp_path: Path) -> None:
    (tmp_path / "pythonw.exe").touch()
    assert console_python(str(tmp_path / "pythonw.exe")) == str(tmp_path / "pythonw.exe")
    (tmp_path / "python.exe").touch()
    assert console_python(str(tmp_path / "pythonw.exe")) == str(tmp_path / "python.exe")
    assert console_python(sys.executable) == sys.executable


def test_launcher_runs_the_command_with_the_browsers_arguments(tmp_path: Path) -> None:
    # An interpreter path with a space and a quote, as some home folders have.
    odd = tmp_path / "my py's"
    odd.mkdir()
    (odd / "python").symlink_to(sys.executable)
    printer = "import json, sys; print(json.dumps(sys.argv[1:]))"
    env = linux(tmp_path, command=(str(odd / "python"), "-c", printer))
    install(env, [Browser.CHROME])
    origin_and_flag = [ORIGIN, "--parent-window=0", "$HOME `x`"]
    done = subprocess.run(
        [str(launcher_path(env)), *origin_and_flag], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == ["native-host", *origin_and_flag]


def test_install_for_one_browser_touches_only_that_one(tmp_path: Path) -> None:
    env = linux(tmp_path)
    [change] = install(env, [Browser.FIREFOX])
    assert change.manifest.is_file()
    assert installed_browsers(env) == [Browser.FIREFOX]
    assert not (tmp_path / "xdg-config").exists()


def test_install_twice_gives_the_same_files(tmp_path: Path) -> None:
    env = linux(tmp_path)
    install(env)
    first = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    install(env)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == first


def test_uninstall_removes_only_our_files(tmp_path: Path) -> None:
    env = linux(tmp_path)
    install(env)
    hosts = manifest_path(Browser.CHROME, env).parent
    other = hosts / "org.keepassxc.keepassxc_browser.json"
    other.write_text('{"name": "org.keepassxc.keepassxc_browser"}')
    changes = uninstall(env)
    assert all(change.changed for change in changes)
    assert all(not manifest_path(browser, env).exists() for browser in Browser)
    assert other.read_text() == '{"name": "org.keepassxc.keepassxc_browser"}'
    assert hosts.is_dir()
    assert not launcher_path(env).exists()
    assert installed_browsers(env) == []


def test_uninstall_one_browser_keeps_the_launcher_for_the_others(tmp_path: Path) -> None:
    env = linux(tmp_path)
    install(env)
    uninstall(env, [Browser.BRAVE])
    assert not manifest_path(Browser.BRAVE, env).exists()
    assert launcher_path(env).exists()
    assert Browser.BRAVE not in installed_browsers(env)
    uninstall(env, [b for b in Browser if b is not Browser.BRAVE])
    assert not launcher_path(env).parent.exists()


def test_uninstall_leaves_a_same_named_file_that_is_not_our_manifest(tmp_path: Path) -> None:
    env = linux(tmp_path)
    path = manifest_path(Browser.CHROMIUM, env)
    path.parent.mkdir(parents=True)
    path.write_text("hand-written notes, not a manifest")
    [change] = uninstall(env, [Browser.CHROMIUM])
    assert change.changed is False
    assert path.read_text() == "hand-written notes, not a manifest"


# -- macOS -------------------------------------------------------------------------------------


def test_macos_manifests_go_under_application_support(tmp_path: Path) -> None:
    env = HostEnvironment(
        platform="darwin",
        home=tmp_path / "Users/me",
        data_dir=tmp_path / "Users/me/Library/Application Support/focusapp",
        command=(PYTHON, "-m", "focusapp"),
        xdg_config_home=tmp_path / "ignored",
    )
    changes = install(env)
    support = tmp_path / "Users/me/Library/Application Support"
    name = "NativeMessagingHosts/org.focusapp.native.json"
    assert {change.browser: change.manifest for change in changes} == {
        Browser.CHROMIUM: support / "Chromium" / name,
        Browser.CHROME: support / "Google/Chrome" / name,
        Browser.BRAVE: support / "BraveSoftware/Brave-Browser" / name,
        Browser.EDGE: support / "Microsoft Edge" / name,
        Browser.FIREFOX: support / "Mozilla" / name,
    }
    launcher = support / "focusapp/native-host/focusapp-native-host"
    for change in changes:
        assert json.loads(change.manifest.read_text()) == expected_manifest(
            change.browser, launcher
        )
    assert os.access(launcher, os.X_OK)
    uninstall(env)
    assert not any(change.manifest.exists() for change in changes)


# -- Windows -----------------------------------------------------------------------------------


def windows(tmp_path: Path, registry: FakeRegistry) -> HostEnvironment:
    return HostEnvironment(
        platform="win32",
        home=tmp_path / "Users/me",
        data_dir=tmp_path / "AppData/Local/focusapp",
        command=(r"C:\Program Files\Python 3.11\python.exe", "-m", "focusapp"),
        registry=registry,
    )


def test_windows_install_writes_manifests_and_hkcu_keys(tmp_path: Path) -> None:
    registry = FakeRegistry({r"Software\Google\Chrome\NativeMessagingHosts\com.other": "x.json"})
    env = windows(tmp_path, registry)
    changes = install(env)
    folder = tmp_path / "AppData/Local/focusapp/native-host"
    launcher = folder / "focusapp-native-host.bat"
    assert registry.keys == {
        r"Software\Google\Chrome\NativeMessagingHosts\com.other": "x.json",
        r"Software\Chromium\NativeMessagingHosts\org.focusapp.native": str(
            folder / "chromium/org.focusapp.native.json"
        ),
        r"Software\Google\Chrome\NativeMessagingHosts\org.focusapp.native": str(
            folder / "chrome/org.focusapp.native.json"
        ),
        r"Software\BraveSoftware\Brave-Browser\NativeMessagingHosts\org.focusapp.native": str(
            folder / "brave/org.focusapp.native.json"
        ),
        r"Software\Microsoft\Edge\NativeMessagingHosts\org.focusapp.native": str(
            folder / "edge/org.focusapp.native.json"
        ),
        r"Software\Mozilla\NativeMessagingHosts\org.focusapp.native": str(
            folder / "firefox/org.focusapp.native.json"
        ),
    }
    for change in changes:
        assert change.registry_key is not None and change.registry_key in registry.keys
        assert json.loads(change.manifest.read_text()) == expected_manifest(
            change.browser, launcher
        )
    assert launcher.read_bytes() == (
        b'@echo off\r\n"C:\\Program Files\\Python 3.11\\python.exe" "-m" "focusapp" '
        b'"native-host" %*\r\n'
    )


def test_windows_uninstall_deletes_only_our_keys_and_files(tmp_path: Path) -> None:
    other = {r"Software\Mozilla\NativeMessagingHosts\org.other": r"C:\other.json"}
    registry = FakeRegistry(other)
    env = windows(tmp_path, registry)
    install(env)
    uninstall(env)
    assert registry.keys == other
    assert not (tmp_path / "AppData/Local/focusapp/native-host").exists()


def test_windows_registry_key_without_a_manifest_still_counts_as_installed(
    tmp_path: Path,
) -> None:
    registry = FakeRegistry()
    env = windows(tmp_path, registry)
    install(env, [Browser.EDGE])
    manifest_path(Browser.EDGE, env).unlink()
    assert installed_browsers(env) == [Browser.EDGE]
    [change] = uninstall(env, [Browser.EDGE])
    assert change.changed and registry.keys == {}


def test_winreg_is_not_imported_outside_windows() -> None:
    code = (
        "import sys, pathlib; from focusapp.bridge import browser_manifests as b;"
        "b.HostEnvironment.current(pathlib.Path('/tmp/x'));"
        "print('winreg' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


# -- the command -------------------------------------------------------------------------------


def test_browser_install_command_reports_each_file_and_the_next_step(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    env = linux(tmp_path)
    assert run_browser_command("install", "firefox", tmp_path, out, err, env=env) == 0
    text = out.getvalue()
    assert f"Firefox: {manifest_path(Browser.FIREFOX, env)}" in text
    assert "load the extension" in text
    assert err.getvalue() == ""
    out = io.StringIO()
    assert run_browser_command("uninstall", None, tmp_path, out, err, env=env) == 0
    assert "Firefox: removed" in out.getvalue()
    assert "Chromium: nothing to remove" in out.getvalue()


def test_unknown_browser_is_a_usage_error(tmp_path: Path) -> None:
    err = io.StringIO()
    code = run_browser_command("install", "netscape", tmp_path, io.StringIO(), err, linux(tmp_path))
    assert code == 2 and "netscape" in err.getvalue()


def test_browser_path_without_the_extension_says_so_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(browser_manifests, "extension_folder", lambda: tmp_path / "extension")
    out, err = io.StringIO(), io.StringIO()
    assert run_browser_command("path", "firefox", tmp_path, out, err) == 1
    assert out.getvalue() == ""
    assert "no firefox extension" in err.getvalue()
    assert not (tmp_path / "extension").exists()  # nothing made up on the spot


def test_browser_path_prints_the_folder_to_load_unpacked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "extension/chromium").mkdir(parents=True)
    monkeypatch.setattr(browser_manifests, "extension_folder", lambda: tmp_path / "extension")
    out = io.StringIO()
    assert run_browser_command("path", None, tmp_path, out, io.StringIO()) == 0
    assert out.getvalue() == f"{tmp_path / 'extension/chromium'}\n"


def test_packaged_extension_folder_is_inside_the_focusapp_package() -> None:
    import focusapp

    assert extension_folder() == Path(focusapp.__file__).parent / "resources" / "extension"
