"""Starting at login: real XDG autostart files on Linux, fakes for the LaunchAgent and Run key."""

from __future__ import annotations

import plistlib
import shutil
import subprocess
from pathlib import Path

import pytest

from focusapp import APP_ID
from focusapp.platform.autostart import (
    RUN_KEY,
    LaunchAgent,
    RunKeyAutostart,
    XdgAutostart,
    apply,
    autostart_entry,
    exec_line,
    launch_command,
    refresh,
)

COMMAND = ("/opt/focusapp/focusapp",)


def validate_desktop_file(path: Path) -> None:
    tool = shutil.which("desktop-file-validate")
    assert tool, "desktop-file-validate is missing: run bash scripts/setup-system.sh --test"
    result = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


# -- XDG -----------------------------------------------------------------------------------------


def test_the_entry_goes_under_xdg_config_home_and_is_a_valid_desktop_file(
    isolated_dirs: dict[str, Path],
) -> None:
    entry = autostart_entry(platform="linux")
    expected = isolated_dirs["XDG_CONFIG_HOME"] / "autostart" / f"{APP_ID}.desktop"
    assert entry.location == str(expected)
    assert not entry.is_enabled()

    assert apply(entry, True, COMMAND) is True
    assert expected.is_file()
    assert entry.is_enabled() and entry.points_at(COMMAND)
    assert "Exec=/opt/focusapp/focusapp\n" in expected.read_text()
    validate_desktop_file(expected)
    assert apply(entry, True, COMMAND) is False  # already so: nothing written

    assert apply(entry, False, COMMAND) is True
    assert not expected.exists()
    assert apply(entry, False, COMMAND) is False


def test_without_xdg_config_home_or_with_a_relative_one_it_is_home_dot_config(
    tmp_path: Path,
) -> None:
    for environ in ({}, {"XDG_CONFIG_HOME": "relative/config"}):
        entry = autostart_entry(platform="linux", environ=environ, home=tmp_path)
        assert entry.location == str(tmp_path / ".config" / "autostart" / f"{APP_ID}.desktop")


def test_paths_with_spaces_and_special_characters_are_quoted_as_the_spec_says(
    tmp_path: Path,
) -> None:
    command = (str(tmp_path / "my apps" / "python"), "-m", "focusapp", '100% "calm"$')
    entry = XdgAutostart(tmp_path / "config")
    entry.enable(command)
    validate_desktop_file(entry.path)
    line = exec_line(command)
    assert line == (f'"{tmp_path}/my apps/python" -m focusapp "100%% \\\\"calm\\\\"\\\\$"')
    assert entry.points_at(command)
    assert not entry.points_at(command[:1])


def test_an_entry_the_desktop_turned_off_reads_as_off_and_turning_on_restores_it(
    tmp_path: Path,
) -> None:
    entry = XdgAutostart(tmp_path)
    for switched_off in ("Hidden=true", "X-GNOME-Autostart-enabled=false"):
        entry.enable(COMMAND)
        entry.path.write_text(entry.path.read_text() + switched_off + "\n")
        assert not entry.is_enabled()
        assert apply(entry, False, COMMAND) is False  # already off: left as the desktop wrote it
        assert entry.path.exists()
        assert apply(entry, True, COMMAND) is True
        assert entry.is_enabled()
        assert switched_off not in entry.path.read_text()


def test_a_damaged_file_reads_as_off_and_is_replaced_when_turned_on(tmp_path: Path) -> None:
    entry = XdgAutostart(tmp_path)
    entry.path.parent.mkdir(parents=True)
    entry.path.write_bytes(b"\xff\xfe not a desktop file")
    assert not entry.is_enabled()
    apply(entry, True, COMMAND)
    validate_desktop_file(entry.path)


def test_refresh_at_start_never_adds_an_entry_but_removes_and_updates(tmp_path: Path) -> None:
    entry = XdgAutostart(tmp_path)
    assert refresh(entry, True, COMMAND) is False
    assert not entry.path.exists()  # the first-run welcome or the settings add it, not a start

    entry.enable(("/old/place/focusapp",))
    assert refresh(entry, True, COMMAND) is True  # moved: the entry follows
    assert entry.points_at(COMMAND)
    assert refresh(entry, True, COMMAND) is False

    assert refresh(entry, False, COMMAND) is True  # turned off while the app was closed
    assert not entry.path.exists()


def test_a_failed_write_raises_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    entry = XdgAutostart(tmp_path)
    (entry.path / "in the way").mkdir(parents=True)  # a folder where the file should go
    with pytest.raises(OSError):
        entry.enable(COMMAND)
    assert [p.name for p in entry.path.parent.iterdir()] == [entry.path.name]
    assert not entry.is_enabled()


# -- the command ---------------------------------------------------------------------------------


def test_a_bundle_starts_its_own_executable() -> None:
    assert launch_command(frozen=True, executable="/opt/focusapp/focusapp", platform="linux") == (
        "/opt/focusapp/focusapp",
    )


def test_a_venv_starts_its_console_script_and_other_installs_python_dash_m(tmp_path: Path) -> None:
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    python = bin_dir / "python"
    python.touch()
    script = bin_dir / "focusapp"
    script.write_text(f"#!{python}\nimport sys\n")
    script.chmod(0o755)
    assert launch_command(frozen=False, executable=str(python), platform="linux") == (str(script),)

    # A `focusapp` of another environment (or the .deb's binary) beside this interpreter is not
    # this copy: start this one with -m.
    script.write_text("#!/somewhere/else/bin/python\n")
    assert launch_command(frozen=False, executable=str(python), platform="linux") == (
        str(python),
        "-m",
        "focusapp",
    )
    script.write_bytes(b"\x7fELF")
    assert launch_command(frozen=False, executable=str(python), platform="linux")[1:] == (
        "-m",
        "focusapp",
    )


def test_the_real_command_of_this_test_run_starts_focusapp() -> None:
    command = launch_command()
    result = subprocess.run(
        [*command, "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0 and result.stdout.startswith("focusapp "), result


def test_on_windows_login_uses_the_windowless_twin_when_there_is_one(tmp_path: Path) -> None:
    python = tmp_path / "python.exe"
    python.touch()
    assert launch_command(frozen=False, executable=str(python), platform="win32") == (
        str(python),
        "-m",
        "focusapp",
    )
    (tmp_path / "pythonw.exe").touch()
    assert launch_command(frozen=False, executable=str(python), platform="win32")[0] == str(
        tmp_path / "pythonw.exe"
    )
    console = tmp_path / "focusapp.exe"
    (tmp_path / "focusapp-tray.exe").touch()
    assert launch_command(frozen=True, executable=str(console), platform="win32") == (
        str(tmp_path / "focusapp-tray.exe"),
    )


# -- macOS ---------------------------------------------------------------------------------------


def test_macos_gets_a_launch_agent_that_runs_at_load(tmp_path: Path) -> None:
    entry = autostart_entry(platform="darwin", home=tmp_path)
    assert isinstance(entry, LaunchAgent)
    command = ("/Applications/Focusapp.app/Contents/MacOS/focusapp",)
    assert apply(entry, True, command) is True
    agent = plistlib.loads(entry.path.read_bytes())
    assert entry.path == tmp_path / "Library/LaunchAgents" / f"{APP_ID}.plist"
    assert agent["Label"] == APP_ID
    assert agent["ProgramArguments"] == list(command)
    assert agent["RunAtLoad"] is True
    assert "KeepAlive" not in agent  # quitting from the menu must stay quit
    assert entry.points_at(command) and not entry.points_at(("/elsewhere",))

    agent["Disabled"] = True
    entry.path.write_bytes(plistlib.dumps(agent))
    assert not entry.is_enabled()
    assert apply(entry, True, command) is True and entry.is_enabled()
    assert apply(entry, False, command) is True
    assert not entry.path.exists()


# -- Windows -------------------------------------------------------------------------------------


class FakeRunKey:
    """HKCU\\...\\Run as a dict: the same answers winreg gives."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {"OneDrive": '"C:\\OneDrive.exe" /background'}

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.values.pop(name, None)


def test_windows_gets_a_run_value_with_a_quoted_command_line() -> None:
    key = FakeRunKey()
    entry = autostart_entry(platform="win32", run_key=key)
    assert isinstance(entry, RunKeyAutostart)
    assert entry.location == f"HKEY_CURRENT_USER\\{RUN_KEY}\\Focusapp"
    command = ("C:\\Program Files\\Focusapp\\focusapp-tray.exe",)
    assert apply(entry, True, command) is True
    assert key.values["Focusapp"] == '"C:\\Program Files\\Focusapp\\focusapp-tray.exe"'
    assert entry.is_enabled() and entry.points_at(command)
    assert refresh(entry, True, ("C:\\elsewhere\\focusapp-tray.exe",)) is True
    assert apply(entry, False, command) is True
    assert key.values == {"OneDrive": '"C:\\OneDrive.exe" /background'}  # others' values stay
