"""What the browser extension is told: whether to hide metrics, which sites to block until when.

The extension caches this answer, so it must carry everything blocking needs while the app is
away: the session's end and the sites, not a reference to ask about later.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from focusapp.core.limits import LimitStatus
from focusapp.core.session import Phase, SessionStatus
from focusapp.core.settings import Limit, MetricsSettings, Profile

POLICY_VERSION = 1


def browser_policy(
    status: SessionStatus,
    session_ends_at: datetime | None,
    profile: Profile | None,
    metrics: MetricsSettings,
    limits: Sequence[Limit],
    limit_status: Sequence[LimitStatus],
    limits_reset_at: datetime | None = None,
) -> dict[str, Any]:
    """The policy; `limits_reset_at` is when a spent daily limit opens again (the next day start),
    so the extension keeps a limit's block exactly that long when the app is gone."""
    in_focus = status.phase is Phase.FOCUS and not status.paused
    hide_mode = metrics.hide
    hide = hide_mode == "always" or (hide_mode == "focus" and status.phase is not Phase.IDLE)
    blocked: dict[str, str] = {}
    if in_focus and profile is not None:
        for site in profile.block_sites:
            blocked[site.lower()] = "session"
    spent = {st.name for st in limit_status if st.spent}
    for limit in limits:
        if limit.name in spent:
            for site in limit.sites:
                blocked.setdefault(site.lower(), "limit")
    session: dict[str, Any] | None = None
    if status.phase is not Phase.IDLE:
        session = {
            "state": status.phase.value,
            "paused": status.paused,
            "strict": status.strict,
            "profile": status.profile,
            "phase_ends_at": status.ends_at.isoformat() if status.ends_at else None,
            "ends_at": session_ends_at.isoformat() if session_ends_at else None,
        }
    return {
        "version": POLICY_VERSION,
        "metrics": {
            "hide": hide_mode,
            "active": hide,
            "comparison_guard": metrics.comparison_guard,
            "after_posting_minutes": metrics.after_posting_minutes,
        },
        "session": session,
        # Sites blocked now, and why: during a session they hold until the focus phase ends.
        "blocked_sites": [_entry(s, r, limits_reset_at) for s, r in sorted(blocked.items())],
        "block_until": status.ends_at.isoformat() if in_focus and status.ends_at else None,
    }


def _entry(site: str, reason: str, limits_reset_at: datetime | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"site": site, "reason": reason}
    if reason == "limit" and limits_reset_at is not None:
        entry["until"] = limits_reset_at.isoformat()
    return entry
