"""Reading command results: the status dict and the emergency ticket, including odd input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from focusapp.ui.commands import EmergencyTicket, Phase, SessionStatus
from tests.qt.tray_fakes import focus_status, status


def test_status_dict_reads_into_a_typed_view() -> None:
    view = SessionStatus.from_dict(focus_status(remaining_s=600, total_s=1500, strict=True))
    assert view.phase is Phase.FOCUS
    assert view.strict
    assert view.in_session
    assert view.seconds_left() == 600
    assert view.fraction_left() == 0.4


def test_time_left_comes_from_the_deadline_when_remaining_is_missing() -> None:
    now = datetime(2026, 3, 2, 11, 0, tzinfo=UTC)
    ends = now + timedelta(minutes=7)
    view = SessionStatus.from_dict(
        status(state="focus", ends_at=ends.isoformat(), phase_total_s=1400.0)
    )
    assert view.seconds_left(now) == 420
    assert view.fraction_left(now) == 0.3
    assert view.seconds_left(ends + timedelta(minutes=1)) == 0


def test_odd_values_fall_back_to_calm_defaults() -> None:
    view = SessionStatus.from_dict(
        {"state": "napping", "remaining_s": "soon", "ends_at": "not a time", "profile": ""}
    )
    assert view.phase is Phase.IDLE
    assert view.seconds_left() is None
    assert view.fraction_left() is None
    assert view.profile is None
    naive = SessionStatus.from_dict(status(state="focus", ends_at="2026-03-02T11:40:00"))
    assert naive.ends_at == datetime(2026, 3, 2, 11, 40, tzinfo=UTC)


def test_emergency_ticket_reads_its_fields() -> None:
    ticket = EmergencyTicket.from_dict(
        {"token": "abc", "sentence": "I end it.", "wait_s": 20, "exits_left": 1}
    )
    assert ticket == EmergencyTicket("abc", "I end it.", 20.0, 1)
    assert EmergencyTicket.from_dict({"token": "t", "sentence": "s", "wait_s": -4}).wait_s == 0.0
