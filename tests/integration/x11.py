"""Drives a real X11 desktop for integration tests: launch the app, find its tray icon, click, look.

Everything here talks to the X server the test command started (`scripts/test.sh`: Xvfb, openbox,
trayer). Windows are read with python-xlib; input goes through xdotool (XTEST, so Qt sees real
events, not synthetic ones it may ignore); screenshots come from ImageMagick's `import`.

Run `python -m tests.integration.x11 check` to ask whether the current DISPLAY has what the
integration tests need; it exits 0 when it does and prints the problem otherwise.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar

from Xlib import X, Xatom, error
from Xlib.display import Display

T = TypeVar("T")

ARTIFACTS_ENV = "FOCUSAPP_ARTIFACTS"
MENU_WINDOW_TYPES = frozenset(
    {"_NET_WM_WINDOW_TYPE_POPUP_MENU", "_NET_WM_WINDOW_TYPE_DROPDOWN_MENU"}
)
POLL_INTERVAL_S = 0.1


def repo_root() -> Path:
    return Path(__file__).resolve().parents[2]


def artifacts_dir() -> Path:
    """Where screenshots and logs go: $FOCUSAPP_ARTIFACTS, else `artifacts/` in the repository."""
    configured = os.environ.get(ARTIFACTS_ENV)
    path = Path(configured) if configured else repo_root() / "artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path


# --------------------------------------------------------------------------- windows


@dataclass(frozen=True)
class Geometry:
    """A rectangle in root (screen) coordinates."""

    x: int
    y: int
    width: int
    height: int

    @property
    def center(self) -> tuple[int, int]:
        return self.x + self.width // 2, self.y + self.height // 2

    def contains(self, other: Geometry) -> bool:
        return (
            self.x <= other.x
            and self.y <= other.y
            and other.x + other.width <= self.x + self.width
            and other.y + other.height <= self.y + self.height
        )


@dataclass(frozen=True)
class WindowInfo:
    """One X window as the tests see it, read in a single pass over the tree."""

    id: int
    parent: int
    ancestors: tuple[int, ...]  # parent first, root last
    geometry: Geometry
    viewable: bool
    override_redirect: bool
    name: str
    wm_class: tuple[str, ...]
    pid: int | None
    types: frozenset[str]

    @property
    def hex_id(self) -> str:
        return f"0x{self.id:x}"

    def describe(self) -> str:
        return (
            f"{self.hex_id} name={self.name!r} class={self.wm_class} pid={self.pid} "
            f"geometry={self.geometry} viewable={self.viewable}"
        )


@dataclass(frozen=True)
class TrayIcon:
    """An icon docked (XEmbed) inside the tray host: `window` is a descendant of `host`."""

    window: WindowInfo
    host: WindowInfo


@contextlib.contextmanager
def connect(display: str | None = None) -> Iterator[Display]:
    """A short-lived connection; closing it matters because tests run with warnings as errors."""
    connection = Display(display or os.environ.get("DISPLAY"))
    try:
        yield connection
    finally:
        connection.close()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _read_window(
    connection: Display, window: Any, parent: int, ancestors: tuple[int, ...]
) -> WindowInfo:
    root = connection.screen().root
    attributes = window.get_attributes()
    geometry = window.get_geometry()
    origin = root.translate_coords(window, 0, 0)
    absolute = Geometry(origin.x, origin.y, geometry.width, geometry.height)

    pid_property = window.get_full_property(connection.intern_atom("_NET_WM_PID"), Xatom.CARDINAL)
    pid = int(pid_property.value[0]) if pid_property and len(pid_property.value) else None
    wm_class = window.get_wm_class() or ()
    net_name = window.get_full_property(
        connection.intern_atom("_NET_WM_NAME"), connection.intern_atom("UTF8_STRING")
    )
    name = _text(net_name.value) if net_name else _text(window.get_wm_name())
    type_property = window.get_full_property(
        connection.intern_atom("_NET_WM_WINDOW_TYPE"), Xatom.ATOM
    )
    types = frozenset(
        connection.get_atom_name(atom) for atom in (type_property.value if type_property else ())
    )
    return WindowInfo(
        id=window.id,
        parent=parent,
        ancestors=ancestors,
        geometry=absolute,
        viewable=attributes.map_state == X.IsViewable,
        override_redirect=bool(attributes.override_redirect),
        name=name,
        wm_class=tuple(_text(part) for part in wm_class),
        pid=pid,
        types=types,
    )


def list_windows(display: str | None = None) -> list[WindowInfo]:
    """Every window under the root, depth first. Windows that vanish mid-walk are left out."""
    found: list[WindowInfo] = []
    with connect(display) as connection:
        root = connection.screen().root

        def walk(window: Any, ancestors: tuple[int, ...]) -> None:
            try:
                children = window.query_tree().children
            except error.XError:
                return
            child_ancestors = (window.id, *ancestors)
            for child in children:
                try:
                    info = _read_window(connection, child, window.id, child_ancestors)
                except error.XError:
                    continue
                found.append(info)
                walk(child, child_ancestors)

        walk(root, ())
    return found


def _matches(
    window: WindowInfo, *, pid: int | None, wm_class: str | None, name: str | None
) -> bool:
    if pid is not None and window.pid != pid:
        return False
    if wm_class is not None and wm_class.lower() not in (part.lower() for part in window.wm_class):
        return False
    return name is None or name in window.name


def wait_until(predicate: Callable[[], T | None], timeout: float, what: str) -> T:
    """Polls until `predicate` returns something; the error says what never happened."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result is not None and result is not False:
            return result
        if time.monotonic() >= deadline:
            raise TimeoutError(f"after {timeout:.1f}s: {what}")
        time.sleep(POLL_INTERVAL_S)


def wait_for_window(
    *,
    name: str | None = None,
    wm_class: str | None = None,
    pid: int | None = None,
    timeout: float = 10.0,
    viewable: bool = True,
    display: str | None = None,
) -> WindowInfo:
    """The first window whose title contains `name`, whose WM_CLASS has `wm_class` (either part,
    any case) and whose _NET_WM_PID is `pid`, all given criteria at once."""
    if name is None and wm_class is None and pid is None:
        raise ValueError("wait_for_window needs a name, a wm_class or a pid")

    def probe() -> WindowInfo | None:
        for window in list_windows(display):
            if (not viewable or window.viewable) and _matches(
                window, pid=pid, wm_class=wm_class, name=name
            ):
                return window
        return None

    return wait_until(
        probe, timeout, f"no window with name={name!r} wm_class={wm_class!r} pid={pid}"
    )


# --------------------------------------------------------------------------- tray


def _tray_selection(connection: Display) -> Any:
    screen_number = connection.get_default_screen()
    return connection.intern_atom(f"_NET_SYSTEM_TRAY_S{screen_number}")


def _client_base(connection: Display, window_id: int) -> int:
    """Windows created by the same X client share the bits outside the resource id mask."""
    return window_id & ~int(connection.display.info.resource_id_mask)


def tray_host(display: str | None = None) -> WindowInfo:
    """The visible window of the tray host, the one icons get embedded into.

    The _NET_SYSTEM_TRAY_S<n> selection owner is often an invisible helper window, so the host is
    the largest viewable window with a WM_CLASS made by the same X client as that owner.
    """
    with connect(display) as connection:
        owner = connection.get_selection_owner(_tray_selection(connection))
        owner_id = int(owner.id) if owner else 0
        if owner_id == X.NONE:
            raise LookupError("no tray host: nobody owns the _NET_SYSTEM_TRAY selection")
        base = _client_base(connection, owner_id)
        candidates = [
            window
            for window in list_windows(display)
            if _client_base(connection, window.id) == base and window.viewable and window.wm_class
        ]
    if not candidates:
        raise LookupError(f"the tray selection owner 0x{owner_id:x} has no visible window")
    return max(candidates, key=lambda window: window.geometry.width * window.geometry.height)


def tray_icons(
    *, pid: int | None = None, wm_class: str | None = None, display: str | None = None
) -> list[TrayIcon]:
    """The app's icons currently embedded in the tray host (empty when it has none)."""
    if pid is None and wm_class is None:
        raise ValueError("tray_icons needs a pid or a wm_class")
    host = tray_host(display)
    icons = []
    for window in list_windows(display):
        if host.id not in window.ancestors or not window.viewable:
            continue
        if _matches(window, pid=pid, wm_class=wm_class, name=None):
            icons.append(TrayIcon(window=window, host=host))
    return icons


def find_tray_icon(
    *,
    pid: int | None = None,
    wm_class: str | None = None,
    timeout: float = 10.0,
    display: str | None = None,
) -> TrayIcon:
    """Waits for the app's icon to be embedded in the tray host and returns it.

    On timeout the error lists the app's windows, so a test failure tells apart "no icon at all"
    from "an icon window exists but is not docked in the tray".
    """

    def probe() -> TrayIcon | None:
        icons = [
            icon
            for icon in tray_icons(pid=pid, wm_class=wm_class, display=display)
            if icon.window.geometry.width > 1 and icon.window.geometry.height > 1
        ]
        return icons[0] if icons else None

    try:
        icon = wait_until(probe, timeout, f"no tray icon for pid={pid} wm_class={wm_class!r}")
    except TimeoutError as exc:
        own = [
            window.describe()
            for window in list_windows(display)
            if _matches(window, pid=pid, wm_class=wm_class, name=None)
        ]
        host = tray_host(display)
        raise TimeoutError(
            f"{exc}\ntray host: {host.describe()}\nthe app's windows:\n  "
            + ("\n  ".join(own) or "(none)")
        ) from None
    if icon.host.id not in icon.window.ancestors:
        raise AssertionError(f"tray icon {icon.window.hex_id} is not inside the tray host")
    return icon


# --------------------------------------------------------------------------- menus


def menu_windows(pid: int, display: str | None = None) -> list[WindowInfo]:
    """The app's popup menus on screen: viewable override-redirect top-levels typed as menus."""
    root_children = []
    for window in list_windows(display):
        if len(window.ancestors) != 1:  # only direct children of the root
            continue
        if window.viewable and window.override_redirect and window.pid == pid:
            root_children.append(window)
    return [window for window in root_children if window.types & MENU_WINDOW_TYPES]


def menu_visible(pid: int, display: str | None = None) -> bool:
    return bool(menu_windows(pid, display))


def wait_for_menu(pid: int, timeout: float = 10.0, display: str | None = None) -> WindowInfo:
    def probe() -> WindowInfo | None:
        menus = menu_windows(pid, display)
        return menus[0] if menus else None

    return wait_until(probe, timeout, f"no popup menu of pid {pid} became visible")


def wait_for_no_menu(pid: int, timeout: float = 10.0, display: str | None = None) -> None:
    wait_until(lambda: not menu_visible(pid, display), timeout, f"a menu of pid {pid} stayed open")


# --------------------------------------------------------------------------- input and pixels


def _tool_env(display: str | None) -> dict[str, str]:
    env = dict(os.environ)
    if display:
        env["DISPLAY"] = display
    return env


def _run_tool(argv: Sequence[str], display: str | None, timeout: float = 30.0) -> str:
    result = subprocess.run(
        list(argv),
        env=_tool_env(display),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(argv)} failed with exit {result.returncode}: {result.stderr.strip()}"
        )
    return result.stdout


def click(
    target: WindowInfo | TrayIcon | Geometry | tuple[int, int],
    button: int = 1,
    display: str | None = None,
) -> tuple[int, int]:
    """A real pointer click (XTEST) at the centre of a window or rectangle, or at a point."""
    if isinstance(target, TrayIcon):
        target = target.window
    if isinstance(target, WindowInfo):
        target = target.geometry
    x, y = target.center if isinstance(target, Geometry) else target
    _run_tool(["xdotool", "mousemove", str(x), str(y), "click", str(button)], display)
    return x, y


def active_window_id(display: str | None = None) -> int:
    """The window the window manager says has the keyboard (_NET_ACTIVE_WINDOW), 0 for none."""
    with connect(display) as connection:
        value = connection.screen().root.get_full_property(
            connection.intern_atom("_NET_ACTIVE_WINDOW"), Xatom.WINDOW
        )
    return int(value.value[0]) if value and len(value.value) else 0


def press_keys(*keys: str, display: str | None = None) -> None:
    """Key presses (xdotool names such as `Escape`, `ctrl+q`) sent to the focused window."""
    _run_tool(["xdotool", "key", *keys], display)


def screenshot(path: Path | str, display: str | None = None) -> Path:
    """The whole screen as a PNG (parent folders are created)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    _run_tool(["import", "-window", "root", str(target)], display)
    if not target.is_file() or target.stat().st_size == 0:
        raise RuntimeError(f"import wrote no screenshot at {target}")
    return target


_PIXEL = re.compile(r"s?rgba?\((\d+(?:\.\d+)?)%?,(\d+(?:\.\d+)?)%?,(\d+(?:\.\d+)?)%?")


def pixel(image: Path | str, x: int, y: int) -> tuple[int, int, int]:
    """The RGB colour of one pixel of an image (read with ImageMagick, no Python imaging deps)."""
    out = _run_tool(
        ["convert", str(image), "-format", f"%[pixel:p{{{x},{y}}}]", "info:"], display=None
    )
    match = _PIXEL.search(out.replace(" ", ""))
    if not match:
        raise ValueError(f"unexpected pixel format from ImageMagick: {out!r}")
    red, green, blue = (round(float(part)) for part in match.groups())
    return red, green, blue


# --------------------------------------------------------------------------- app processes


WELCOME_DONE = Path("focusapp") / "welcome-done"  # under XDG_STATE_HOME, as AppPaths has it


def app_env(
    home: Path,
    display: str | None = None,
    extra: Mapping[str, str] | None = None,
    *,
    welcome: bool = False,
) -> dict[str, str]:
    """The environment of an app under test: every XDG folder inside `home`, the X display set,
    and Qt on xcb even though the test process itself runs Qt offscreen.

    The first-run welcome is marked as seen unless `welcome` is set: a window of its own would
    otherwise take the keyboard in every test that starts from an empty home."""
    env = dict(os.environ)
    runtime = home / "runtime"
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    if not welcome:
        marker = home / ".local" / "state" / WELCOME_DONE
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_RUNTIME_DIR=str(runtime),
        QT_QPA_PLATFORM="xcb",
        PYTHONUNBUFFERED="1",
        PYTHONFAULTHANDLER="1",
    )
    chosen_display = display or os.environ.get("DISPLAY")
    if not chosen_display:
        raise RuntimeError("no DISPLAY for the app under test: run it through scripts/test.sh")
    env["DISPLAY"] = chosen_display
    if extra:
        env.update(extra)
    return env


def focusapp_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "focusapp", *args]


class AppProcess:
    """A GUI process under test, with its output captured to `<log_dir>/<name>.stdout.log` and
    `.stderr.log`. Starts on construction; use it as a context manager (or `close()`) so it never
    outlives the test."""

    def __init__(
        self,
        *args: str,
        home: Path,
        log_dir: Path | None = None,
        name: str = "focusapp",
        command: Sequence[str] | None = None,
        display: str | None = None,
        env: Mapping[str, str] | None = None,
        welcome: bool = False,
    ) -> None:
        self.home = home
        self.name = name
        self.argv = [*(command if command is not None else focusapp_command()), *args]
        log_folder = log_dir or artifacts_dir()
        log_folder.mkdir(parents=True, exist_ok=True)
        self.stdout_path = log_folder / f"{name}.stdout.log"
        self.stderr_path = log_folder / f"{name}.stderr.log"
        self._stdout: IO[bytes] = self.stdout_path.open("wb")
        self._stderr: IO[bytes] = self.stderr_path.open("wb")
        self.env = app_env(home, display, env, welcome=welcome)
        self._process = subprocess.Popen(
            self.argv,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=self._stdout,
            stderr=self._stderr,
            cwd=home,
        )

    @property
    def pid(self) -> int:
        return self._process.pid

    @property
    def returncode(self) -> int | None:
        return self._process.poll()

    @property
    def running(self) -> bool:
        return self._process.poll() is None

    def stdout(self) -> str:
        return self.stdout_path.read_text(errors="replace")

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")

    def wait_for_output(self, text: str, timeout: float = 10.0) -> None:
        """Waits until `text` appears on stdout; fails early if the process dies first."""

        def probe() -> bool:
            if text in self.stdout():
                return True
            if not self.running:
                raise RuntimeError(
                    f"{self.name} exited with {self.returncode} before printing {text!r}\n"
                    f"{self._output_tail()}"
                )
            return False

        try:
            wait_until(probe, timeout, f"{self.name} never printed {text!r}")
        except TimeoutError as exc:
            raise TimeoutError(f"{exc}\n{self._output_tail()}") from None

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.running:
            self._process.send_signal(sig)

    def terminate(self) -> None:
        self.kill(signal.SIGTERM)

    def wait(self, timeout: float = 10.0) -> int:
        try:
            return self._process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise TimeoutError(
                f"{self.name} (pid {self.pid}) still running after {timeout:.1f}s\n"
                f"{self._output_tail()}"
            ) from None

    def close(self, grace: float = 5.0) -> int:
        """Stops the process (SIGTERM, then SIGKILL after `grace`) and closes its log files."""
        try:
            if self.running:
                self.terminate()
                try:
                    self._process.wait(grace)
                except subprocess.TimeoutExpired:
                    self._process.kill()
            return self._process.wait(grace)
        finally:
            self._stdout.close()
            self._stderr.close()

    def _output_tail(self, lines: int = 30) -> str:
        def tail(text: str) -> str:
            return "\n".join(text.splitlines()[-lines:]) or "(empty)"

        return f"--- stdout ---\n{tail(self.stdout())}\n--- stderr ---\n{tail(self.stderr())}"

    def __enter__(self) -> AppProcess:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"AppProcess({self.name!r}, pid={self.pid}, returncode={self.returncode})"


LaunchApp = Callable[..., AppProcess]
"""The `launch_app` fixture: `launch_app(*args, name=, command=, home=, env=, welcome=)`."""


# --------------------------------------------------------------------------- session check


def session_problem(display: str | None = None) -> str | None:
    """Why the display cannot host the integration tests, or None when it has an X server, a
    window manager (EWMH) and a system tray host."""
    name = display or os.environ.get("DISPLAY")
    if not name:
        return "DISPLAY is not set"
    try:
        connection = Display(name)
    except Exception as exc:  # python-xlib raises several unrelated types for a bad display
        return f"cannot connect to X display {name!r}: {exc}"
    try:
        root = connection.screen().root
        check = root.get_full_property(
            connection.intern_atom("_NET_SUPPORTING_WM_CHECK"), Xatom.WINDOW
        )
        if not check or not len(check.value):
            return f"no window manager on {name} (the root has no _NET_SUPPORTING_WM_CHECK)"
        owner = connection.get_selection_owner(_tray_selection(connection))
        if not owner or int(owner.id) == X.NONE:
            return f"no system tray host on {name} (nobody owns _NET_SYSTEM_TRAY_S0)"
    finally:
        connection.close()
    return None


def main(argv: Sequence[str]) -> int:
    if list(argv) != ["check"]:
        print("usage: python -m tests.integration.x11 check", file=sys.stderr)
        return 2
    problem = session_problem()
    if problem:
        print(problem)
        return 1
    print(f"ready: X server, window manager and tray host on {os.environ['DISPLAY']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
