"""Fixtures for every test: private XDG folders, offscreen Qt in-process, and loud x11 gating.

In-process Qt (unit and Qt tests, the session-scoped pytest-qt `qapp`) always renders offscreen,
so results never depend on whatever display happens to be around. Integration tests drive the
real X session `scripts/test.sh` starts by spawning the app as a subprocess with DISPLAY set.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

RUN_THE_SUITE = "bash scripts/test.sh"
ALLOW_SKIP_ENV = "FOCUSAPP_ALLOW_SKIP_X11"
_x11_problem_key = pytest.StashKey[str | None]()


def pytest_configure(config: pytest.Config) -> None:
    # Before any QApplication exists: the pytest-qt `qapp` fixture is session-scoped.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # The app follows the desktop's language: tests (and the apps they start) see English
    # whatever the developer's own locale is. Tests of Dutch ask for it explicitly.
    os.environ["LC_ALL"] = "C.UTF-8"
    os.environ.pop("LANGUAGE", None)


_english: list[object] = []


@pytest.fixture(autouse=True)
def english_plural_forms(request: pytest.FixtureRequest) -> None:
    """Qt tests see the words the app shows in English: its plural forms ("1 minute") come from
    focusapp_en.qm, as `FocusApp` installs it. Installed once, on the session's QApplication."""
    if _english or not {"qapp", "qtbot"} & set(request.fixturenames):
        return
    from focusapp.ui.i18n import Translation

    _english.append(Translation("en").install(request.getfixturevalue("qapp")))


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Points every XDG folder at a fresh one so no test reads or writes the real user's files."""
    base = tmp_path / "xdg"
    folders = {
        "XDG_CONFIG_HOME": base / "config",
        "XDG_DATA_HOME": base / "data",
        "XDG_STATE_HOME": base / "state",
        "XDG_CACHE_HOME": base / "cache",
        "XDG_RUNTIME_DIR": base / "runtime",
    }
    for variable, folder in folders.items():
        folder.mkdir(parents=True)
        monkeypatch.setenv(variable, str(folder))
    # The runtime dir holds the IPC socket; its contract is "only its user can enter".
    folders["XDG_RUNTIME_DIR"].chmod(0o700)
    return folders


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _x11_problem(config: pytest.Config) -> str | None:
    """Checked once per run: an X server with a window manager and a tray host, or why not."""
    if _x11_problem_key not in config.stash:
        from tests.integration.x11 import session_problem

        config.stash[_x11_problem_key] = session_problem()
    return config.stash[_x11_problem_key]


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("x11") is None:
        return
    problem = _x11_problem(item.config)
    if problem is None:
        return
    message = (
        f"this test needs a real X11 desktop with a window manager and a tray host ({problem}). "
        f"Run the whole suite with `{RUN_THE_SUITE}`, which starts one"
    )
    if os.environ.get(ALLOW_SKIP_ENV) == "1" and not _in_ci():
        pytest.skip(f"{message}; skipped because {ALLOW_SKIP_ENV}=1")
    pytest.fail(message, pytrace=False)
