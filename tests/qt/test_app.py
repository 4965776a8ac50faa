"""The composition root in-process (offscreen): wiring of config, engine, commands and UI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from focusapp.app import FocusApp
from focusapp.store.paths import AppPaths

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    p = AppPaths(
        config_dir=tmp_path / "config",
        data_dir=tmp_path / "data",
        state_dir=tmp_path / "state",
        runtime_dir=tmp_path / "runtime",
    )
    p.ensure()
    return p


@pytest.fixture
def app(qapp: QApplication, paths: AppPaths) -> Iterator[FocusApp]:
    focus = FocusApp(qapp, paths)
    focus.start()
    yield focus
    focus.shut_down()
    if focus.fallback is not None:
        focus.fallback.close()


def test_without_a_tray_the_app_shows_a_window_that_says_why(app: FocusApp) -> None:
    assert app.fallback is not None and app.fallback.isVisible()
    texts = " ".join(label.text() for label in app.fallback.findChildren(type(app.fallback.notice)))
    assert "tray" in texts.lower()


def test_the_menu_and_the_socket_share_one_command_set(app: FocusApp, qtbot: QtBot) -> None:
    from focusapp.bridge import ipc_client

    app.tray.start(50)
    assert app.tray.status.phase == "focus"
    result: dict[str, object] = {}

    def ask() -> None:
        result.update(ipc_client.request(app.paths.socket_path, "status"))

    import threading

    thread = threading.Thread(target=ask)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=5000)
    assert result["state"] == "focus" and result["phase_total_s"] == 50 * 60


def test_hand_edits_to_config_apply_without_restart(
    app: FocusApp, paths: AppPaths, qtbot: QtBot
) -> None:
    paths.config_file.write_text("# mine\n[session]\nfocus_minutes = 40\n")
    qtbot.waitUntil(lambda: app.engine.defaults.focus_s == 40 * 60, timeout=5000)


def test_a_broken_hand_edit_keeps_the_settings_in_force_and_says_where(
    app: FocusApp, paths: AppPaths, qtbot: QtBot
) -> None:
    paths.config_file.write_text("[session]\nfocus_minutes = 40\n")
    qtbot.waitUntil(lambda: app.engine.defaults.focus_s == 40 * 60, timeout=5000)
    paths.config_file.write_text("[session]\nfocus_minutes = 45\ncycles = [\n")
    qtbot.waitUntil(lambda: any("line" in n.body for n in app.notifier.history), timeout=5000)
    assert app.engine.defaults.focus_s == 40 * 60
    assert paths.config_file.read_text().endswith("cycles = [\n")


def test_bad_value_is_reported_with_its_line_and_the_rest_applies(
    qapp: QApplication, paths: AppPaths
) -> None:
    paths.config_file.write_text("[session]\nfocus_minutes = 0\nbreak_minutes = 7\n")
    focus = FocusApp(qapp, paths)
    try:
        assert focus.engine.defaults.short_break_s == 7 * 60
        assert focus.engine.defaults.focus_s == 25 * 60
        assert any("line 2" in str(n) for n in focus.startup.notices)
    finally:
        focus.shut_down()


def test_a_raised_limit_waits_for_tomorrow_unless_the_user_takes_the_friction(
    qapp: QApplication, paths: AppPaths, qtbot: QtBot
) -> None:
    from focusapp.core.errors import Refused

    limit = (
        '[strict]\nemergency_wait_seconds = 5\n[[limits]]\nname = "Social"\napps = ["discord"]\n'
    )
    paths.config_file.write_text(limit + "daily_minutes = 30\n")
    focus = FocusApp(qapp, paths)
    focus.start()
    try:
        with pytest.raises(Refused):
            focus.commands.run("limits_raise_begin")
        paths.config_file.write_text(limit + "daily_minutes = 60\n")
        qtbot.waitUntil(
            lambda: focus.commands.run("status")["deferred_limits"] == ["Social"], timeout=5000
        )
        assert focus.commands.run("usage")["limits"]["Social"]["limit_s"] == 30 * 60

        ticket = focus.commands.run("limits_raise_begin")
        with pytest.raises(Refused, match="wait"):
            focus.commands.run(
                "limits_raise_confirm", {"token": ticket["token"], "typed": ticket["sentence"]}
            )
        qtbot.wait(int(ticket["wait_s"] * 1000) + 1500)
        status = focus.commands.run(
            "limits_raise_confirm", {"token": ticket["token"], "typed": ticket["sentence"]}
        )
        assert status["deferred_limits"] == []
        assert focus.commands.run("usage")["limits"]["Social"]["limit_s"] == 60 * 60
    finally:
        focus.shut_down()
        if focus.fallback is not None:
            focus.fallback.close()


def test_journal_and_insights_open_from_the_tray(app: FocusApp) -> None:
    from focusapp.ui.tray import INSIGHTS, JOURNAL

    app.tray.actions[JOURNAL].trigger()
    assert app.journal_window is not None and app.journal_window.isVisible()
    app.tray.actions[INSIGHTS].trigger()
    assert app.insights_window is not None and app.insights_window.isVisible()
    app.journal_window.close()
    app.insights_window.close()


def test_a_completed_session_offers_the_check_in_and_records_the_answer(
    app: FocusApp, qtbot: QtBot
) -> None:
    from focusapp.core.session import EventKind, SessionEvent, SessionStatus
    from focusapp.core.session import Phase as EnginePhase

    previous = {"session_id": "s1", "profile": None, "source": "tray"}
    ended = SessionEvent(
        EventKind.ENDED,
        SessionStatus(phase=EnginePhase.IDLE),
        {"reason": "completed", "previous": previous},
    )
    app._on_session_event(ended)
    dialog = app._checkin
    assert dialog is not None and dialog.isVisible()
    dialog.answered.emit("My phone", None)
    assert app.db is not None
    rows = app.db.conn.execute("SELECT trigger_kind, answer, outcome FROM urges").fetchall()
    assert rows == [("session_checkin", "My phone", "checkin")]
    dialog.close()


def test_scheduled_sessions_get_no_check_in(app: FocusApp) -> None:
    from focusapp.core.session import EventKind, SessionEvent, SessionStatus
    from focusapp.core.session import Phase as EnginePhase

    previous = {"session_id": "s2", "source": "schedule:Mornings"}
    app._on_session_event(
        SessionEvent(
            EventKind.ENDED,
            SessionStatus(phase=EnginePhase.IDLE),
            {"reason": "completed", "previous": previous},
        )
    )
    assert app._checkin is None


def test_a_skipped_check_in_does_not_break_the_next_one(app: FocusApp, qtbot: QtBot) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    from focusapp.core.session import EventKind, SessionEvent, SessionStatus
    from focusapp.core.session import Phase as EnginePhase

    def ended() -> SessionEvent:
        previous = {"session_id": "s", "source": "tray"}
        detail = {"reason": "completed", "previous": previous}
        return SessionEvent(EventKind.ENDED, SessionStatus(phase=EnginePhase.IDLE), detail)

    app._on_session_event(ended())
    first = app._checkin
    first.reject()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert app._checkin is None
    app._on_session_event(ended())
    assert app._checkin is not None and app._checkin.isVisible()
    app._checkin.close()
