from __future__ import annotations

from datetime import UTC, datetime

from focusapp.core.browser_policy import browser_policy
from focusapp.core.limits import LimitStatus
from focusapp.core.session import Phase, SessionStatus
from focusapp.core.settings import EnforceMode, Limit, MetricsSettings, Profile

END = datetime(2026, 11, 26, 12, tzinfo=UTC)
DEEP = Profile("Deep work", (), ("TikTok.com", "x.com"))
SOCIAL = Limit("Social", daily_minutes=30, sites=("instagram.com",))
RESET = datetime(2026, 11, 27, 4, tzinfo=UTC)


def mode(hide: str) -> MetricsSettings:
    return MetricsSettings(hide=hide)


def status(phase: Phase, paused: bool = False) -> SessionStatus:
    return SessionStatus(phase=phase, paused=paused, profile="Deep work", strict=True, ends_at=END)


def test_focus_blocks_the_profiles_sites_until_the_phase_ends() -> None:
    policy = browser_policy(status(Phase.FOCUS), END, DEEP, mode("always"), [SOCIAL], [])
    assert policy["blocked_sites"] == [
        {"site": "tiktok.com", "reason": "session"},
        {"site": "x.com", "reason": "session"},
    ]
    assert policy["block_until"] == END.isoformat()
    assert policy["session"]["strict"] is True
    assert policy["metrics"] == {
        "hide": "always",
        "active": True,
        "comparison_guard": True,
        "after_posting_minutes": 60,
    }


def test_breaks_and_pauses_block_nothing_but_spent_limits() -> None:
    spent = [LimitStatus("Social", 1800, 1800, 0, EnforceMode.INTERVENE)]
    for st in (status(Phase.BREAK), status(Phase.FOCUS, paused=True)):
        policy = browser_policy(st, END, DEEP, mode("focus"), [SOCIAL], spent, RESET)
        assert policy["blocked_sites"] == [
            {"site": "instagram.com", "reason": "limit", "until": RESET.isoformat()}
        ]
        assert policy["block_until"] is None


def test_metrics_mode_focus_hides_only_in_sessions() -> None:
    idle = SessionStatus(phase=Phase.IDLE)
    assert browser_policy(idle, None, None, mode("focus"), [], [])["metrics"]["active"] is False
    assert browser_policy(status(Phase.BREAK), END, DEEP, mode("focus"), [], [])["metrics"][
        "active"
    ]
    assert browser_policy(idle, None, None, mode("never"), [], [])["metrics"]["active"] is False
    assert browser_policy(idle, None, None, mode("always"), [], [])["session"] is None


def test_guard_settings_travel_with_the_policy() -> None:
    idle = SessionStatus(phase=Phase.IDLE)
    metrics = MetricsSettings(hide="never", comparison_guard=False, after_posting_minutes=0)
    sent = browser_policy(idle, None, None, metrics, [], [])["metrics"]
    assert sent == {
        "hide": "never",
        "active": False,
        "comparison_guard": False,
        "after_posting_minutes": 0,
    }


def test_a_session_block_has_no_limit_end_even_when_limits_reset_later() -> None:
    policy = browser_policy(status(Phase.FOCUS), END, DEEP, mode("always"), [SOCIAL], [], RESET)
    assert all("until" not in entry for entry in policy["blocked_sites"])
