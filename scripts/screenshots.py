"""Screenshots of Focusapp's windows for the README and the AppStream metainfo, in every language.

    python scripts/screenshots.py                       # docs/screenshots/<name>.<lang>.png
    python scripts/screenshots.py --out DIR --scale 2 --all   # every window at 200%, to look at

Runs the app's real widgets on a real X server: a private Xvfb this script starts (unless
--display names one), with Qt's xcb platform, one process per language and scale (Qt reads
QT_SCALE_FACTOR once, at start). The windows and their sample data come from
`tests/qt/window_catalogue.py`, the same windows the accessibility tests walk; the words are the
app's own, through the installed translation. Nothing is read from or written to your own
configuration: every window works in a temporary folder.

The README's set is small on purpose (`README_SET`); `--all` adds every window and page, which
is what to look through at `--scale 2` for clipped or overlapping text.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LANGUAGES = ("en", "nl")
README_SET = ("welcome", "tray-menu", "intervention", "settings", "journal", "insights")
SCREEN = (1280, 800)  # logical pixels; the X screen is this times the scale
BACKDROP = "#5b6578"  # the slate of the test desktop, behind the dimmed pause


# -- the parent: an X server, one child per language and scale ---------------------------------


@contextmanager
def x_server(scale: int) -> Iterator[str]:
    """A private Xvfb big enough for the logical screen at `scale`; yields its DISPLAY."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SystemExit("Xvfb is missing: run scripts/setup-system.sh --test")
    read, write = os.pipe()
    width, height = SCREEN[0] * scale, SCREEN[1] * scale
    process = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", f"{width}x{height}x24", "-nolisten",
         "tcp", "-noreset"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write)
    with os.fdopen(read) as reader:
        number = reader.readline().strip()
    try:
        if not number:
            raise SystemExit("Xvfb did not start")
        yield f":{number}"
    finally:
        process.terminate()
        process.wait(10)


def run_child(display: str, language: str, scale: int, out: Path, everything: bool) -> int:
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", QT_SCALE_FACTOR=str(scale))
    env.pop("WAYLAND_DISPLAY", None)
    argv = [sys.executable, str(Path(__file__).resolve()), "--child", "--lang", language,
            "--scale", str(scale), "--out", str(out)]  # fmt: skip
    if everything:
        argv.append("--all")
    return subprocess.run(argv, env=env, check=False).returncode


# -- the child: the windows -------------------------------------------------------------------


def _settle(app: Any, rounds: int = 6) -> None:
    from PySide6.QtTest import QTest

    for _ in range(rounds):
        app.processEvents()
        QTest.qWait(25)


def _show(app: Any, window: Any) -> None:
    window.show()
    _settle(app)


def _welcome_pages(shop: Any, app: Any) -> Iterator[tuple[str, Any]]:
    from tests.qt.window_catalogue import welcome_window

    window = welcome_window(shop)
    _show(app, window)
    yield "welcome", window.grab()
    window.go_next()
    for box, _choice in window.site_boxes[:2]:
        box.setChecked(True)
    _settle(app)
    yield "welcome-sites", window.grab()
    window.go_next()
    _settle(app)
    yield "welcome-browser", window.grab()
    window.go_next()
    window.set_keyring_state(True)
    _settle(app)
    yield "welcome-notes", window.grab()
    window.hide()


def _intervention(shop: Any, app: Any) -> Iterator[tuple[str, Any]]:
    from PySide6.QtGui import QColor, QImage, QPainter

    from tests.qt.window_catalogue import intervention

    overlay = intervention(shop)
    _show(app, overlay)
    for name in ("intervention", "intervention-allow"):
        if name == "intervention-allow":
            overlay.open_allow_form()
            overlay.intention_edit.setText(shop.word("intention"))
            _settle(app)
        area = overlay.card.geometry().adjusted(-56, -56, 56, 56)
        dimmed = overlay.grab(area).toImage()
        image = QImage(dimmed.size(), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(dimmed.devicePixelRatio())
        image.fill(QColor(BACKDROP))
        painter = QPainter(image)
        painter.drawImage(0, 0, dimmed)
        painter.end()
        yield name, image
    overlay.hide()


def _plain(builder: Callable[[Any], Any], prepare: Callable[[Any], None] | None = None):
    def shots(shop: Any, app: Any) -> Iterator[tuple[str, Any]]:
        window = builder(shop)
        if prepare is not None:
            prepare(window)
        _show(app, window)
        yield builder.__name__.replace("_", "-"), window.grab()
        window.hide()

    return shots


def _settings_pages(shop: Any, app: Any) -> Iterator[tuple[str, Any]]:
    from tests.qt.window_catalogue import settings_window

    window = settings_window(shop)
    _show(app, window)
    tabs = window.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        page = tabs.widget(index)
        lists = [w for w in page.findChildren(object) if type(w).__name__ == "QListWidget"]
        for names in lists:
            if names.count():
                names.setCurrentRow(0)
        _settle(app)
        yield f"settings-{index + 1}", window.grab()
    window.hide()


def _journal(shop: Any, app: Any) -> Iterator[tuple[str, Any]]:
    from tests.qt.window_catalogue import journal_window

    window = journal_window(shop)
    _show(app, window)
    window.entries_view.selectRow(1)
    _settle(app)
    yield "journal", window.grab()
    window.tabs.setCurrentIndex(1)
    _settle(app)
    yield "journal-log", window.grab()
    window.hide()


def _tray_menu(shop: Any, app: Any) -> Iterator[tuple[str, Any]]:
    from PySide6.QtCore import QPoint

    from tests.qt.window_catalogue import tray_menu

    menu = tray_menu(shop)
    menu.popup(QPoint(40, 40))
    _settle(app)
    yield "tray-menu", menu.grab()
    menu.hide()


def shot_makers() -> dict[str, Callable[[Any, Any], Iterator[tuple[str, Any]]]]:
    from tests.qt import window_catalogue as c

    return {
        "welcome": _welcome_pages,
        "tray-menu": _tray_menu,
        "intervention": _intervention,
        "settings": _settings_pages,
        "journal": _journal,
        "insights": _plain(c.insights_window),
        "fallback": _plain(c.fallback_window),
        "start": _plain(c.start_dialog),
        "emergency": _plain(c.emergency_dialog),
        "checkin": _plain(c.checkin_dialog),
        "notes-choice": _plain(c.notes_choice_dialog),
        "passphrase": _plain(c.passphrase_prompt),
        "journal-delete": _plain(c.delete_journal_dialog),
    }


# Which picture of a window the README and the metainfo use.
README_PICTURES = {
    "welcome": "welcome",
    "tray-menu": "tray-menu",
    "intervention": "intervention",
    "settings": "settings-3",  # the limits
    "journal": "journal",
    "insights": "insights-window",
}


def render(language: str, scale: int, out: Path, everything: bool) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from focusapp.ui.i18n import Translation
    from tests.qt.window_catalogue import Workshop

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setStyle("Fusion")
    app.setApplicationDisplayName("Focusapp")
    translation = Translation(language).install(app)
    if translation.missing:
        print(f"warning: no {', '.join(translation.missing)}", file=sys.stderr)
    written: list[Path] = []
    makers = shot_makers()
    names = list(makers) if everything else list(README_SET)
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            shop = Workshop(Path(tmp) / name, language)
            shop.folder.mkdir()
            try:
                for shot, picture in makers[name](shop, app):
                    if not everything:
                        if shot != README_PICTURES[name]:
                            continue
                        shot = name
                    suffix = "" if scale == 1 else f"@{scale}x"
                    path = out / f"{shot}.{language}{suffix}.png"
                    # Highest PNG compression: the README's pictures live in the repository.
                    if not picture.save(str(path), "PNG", 0):
                        raise SystemExit(f"could not write {path}")
                    written.append(path)
            finally:
                shop.close()
    translation.remove(app)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", action="append", choices=LANGUAGES, help="default: all")
    parser.add_argument("--scale", type=int, action="append", choices=(1, 2), help="default: 1")
    parser.add_argument("--all", action="store_true", help="every window and page, not the set")
    parser.add_argument("--display", help="an X display to use instead of a private Xvfb")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    languages = args.lang or list(LANGUAGES)
    scales = args.scale or [1]
    if args.child:
        for path in render(languages[0], scales[0], args.out, args.all):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        return 0
    status = 0
    for scale in scales:
        server = nullcontext(args.display) if args.display else x_server(scale)
        with server as display:
            for language in languages:
                status |= run_child(display, language, scale, args.out, args.all)
    return status


if __name__ == "__main__":
    sys.exit(main())
