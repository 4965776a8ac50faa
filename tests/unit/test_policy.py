"""The policy: session blocks in focus phases, spent and nearly spent limits, allowances, running-
only apps, one intervention per switch, and its invariants over every generated situation."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from focusapp.core.activity import Activity, ActivityKind, Certainty
from focusapp.core.limits import LimitStatus
from focusapp.core.policy import (
    Decision,
    DecisionKind,
    Reason,
    Situation,
    SwitchMemory,
    Trigger,
    decide,
)
from focusapp.core.session import Phase, SessionStatus
from focusapp.core.settings import EnforceMode, Profile

DISCORD = Activity(ActivityKind.APP, "discord", wm_class="Discord")
X = Activity(ActivityKind.SITE, "mobile.x.com")
DEEP = Profile(name="Deep work", block_apps=("Discord",), block_sites=("x.com",))


def focus(*, strict: bool = False, paused: bool = False) -> SessionStatus:
    return SessionStatus(phase=Phase.FOCUS, profile="Deep work", strict=strict, paused=paused)


def limit(
    left_s: float, name: str = "Social", enforce: EnforceMode = EnforceMode.INTERVENE
) -> LimitStatus:
    return LimitStatus(name, 1800 - left_s, 1800, left_s, enforce)


# --- examples ---------------------------------------------------------------------------------


def test_a_blocked_app_during_focus_gets_the_intervention() -> None:
    d = decide(Situation.of(DISCORD, focus(), DEEP))
    assert d == Decision(
        DecisionKind.INTERVENE,
        Reason.SESSION_BLOCK,
        EnforceMode.INTERVENE,
        rule="Deep work",
        trigger=Trigger.BLOCKED_DURING_SESSION,
    )


def test_a_blocked_site_matches_its_subdomains() -> None:
    assert decide(Situation.of(X, focus(), DEEP)).kind is DecisionKind.INTERVENE


def test_breaks_idle_and_paused_sessions_block_nothing() -> None:
    for status in (
        SessionStatus(phase=Phase.BREAK, profile="Deep work"),
        SessionStatus(phase=Phase.IDLE),
        focus(paused=True),
    ):
        assert decide(Situation.of(DISCORD, status, DEEP)).kind is DecisionKind.ALLOW


def test_after_the_intervention_a_rule_that_only_intervenes_leaves_the_user_alone() -> None:
    d = decide(Situation.of(DISCORD, focus(), DEEP, intervened_this_switch=True))
    assert d.kind is DecisionKind.ALLOW
    assert d.reason is Reason.SESSION_BLOCK


def test_after_the_intervention_a_minimizing_rule_enforces() -> None:
    strict_profile = replace(DEEP, enforce="minimize")
    first = decide(Situation.of(DISCORD, focus(), strict_profile))
    then = decide(Situation.of(DISCORD, focus(), strict_profile, intervened_this_switch=True))
    assert (first.kind, first.enforce) == (DecisionKind.INTERVENE, EnforceMode.MINIMIZE)
    assert (then.kind, then.enforce) == (DecisionKind.ENFORCE, EnforceMode.MINIMIZE)


def test_an_allowance_lifts_a_session_block_except_in_strict_sessions() -> None:
    allowed = decide(Situation.of(DISCORD, focus(), DEEP, allowance_active=True))
    assert allowed.kind is DecisionKind.ALLOW
    strict = decide(Situation.of(DISCORD, focus(strict=True), DEEP, allowance_active=True))
    assert strict.kind is DecisionKind.INTERVENE


def test_a_spent_limit_intervenes_in_any_phase() -> None:
    for status in (SessionStatus(phase=Phase.IDLE), SessionStatus(phase=Phase.BREAK)):
        d = decide(Situation.of(DISCORD, status, None, [limit(0)]))
        assert (d.kind, d.reason, d.rule, d.trigger) == (
            DecisionKind.INTERVENE,
            Reason.LIMIT_REACHED,
            "Social",
            Trigger.LIMIT_REACHED,
        )
        assert d.minutes_left == 0


def test_the_hardest_enforcement_among_spent_limits_wins() -> None:
    limits = [limit(0, "A", EnforceMode.MINIMIZE), limit(0, "B", EnforceMode.CLOSE), limit(0, "C")]
    d = decide(
        Situation.of(
            DISCORD, SessionStatus(phase=Phase.IDLE), None, limits, intervened_this_switch=True
        )
    )
    assert (d.kind, d.enforce, d.rule) == (DecisionKind.ENFORCE, EnforceMode.CLOSE, "B")


def test_a_nearly_spent_limit_warns_with_the_minutes_left() -> None:
    d = decide(
        Situation.of(
            DISCORD, SessionStatus(phase=Phase.IDLE), None, [limit(900), limit(150, "Video")]
        )
    )
    assert (d.kind, d.reason, d.rule, d.minutes_left) == (
        DecisionKind.WARN,
        Reason.LIMIT_NEAR,
        "Video",
        2.5,
    )


def test_a_session_block_comes_before_a_limit() -> None:
    d = decide(Situation.of(DISCORD, focus(), DEEP, [limit(0)]))
    assert d.reason is Reason.SESSION_BLOCK


def test_running_only_apps_are_never_intervened_on() -> None:
    running = replace(DISCORD, certainty=Certainty.RUNNING)
    assert (
        decide(Situation.of(running, focus(strict=True), DEEP, [limit(0)])).kind
        is DecisionKind.ALLOW
    )


def test_nothing_in_front_is_allowed() -> None:
    assert (
        decide(Situation.of(None, focus(strict=True), DEEP, [limit(0)])).kind is DecisionKind.ALLOW
    )


def test_switch_memory_gives_one_intervention_per_switch() -> None:
    memory = SwitchMemory()
    memory.see(DISCORD)
    assert not memory.intervened
    memory.mark_intervened()
    memory.see(replace(DISCORD, title="another channel"))  # same app: same stretch
    assert memory.intervened
    memory.see(X)
    memory.see(DISCORD)  # back again: a new switch
    assert not memory.intervened


# --- properties -------------------------------------------------------------------------------

activities = st.one_of(
    st.none(),
    st.builds(
        Activity,
        st.sampled_from(ActivityKind),
        st.sampled_from(["discord", "slack", "x.com", "mobile.x.com", "example.org"]),
        certainty=st.sampled_from(Certainty),
    ),
)
limit_states = st.builds(
    LimitStatus,
    st.sampled_from(["Social", "Video", "News"]),
    st.floats(0, 7200),
    st.just(1800.0),
    st.one_of(st.just(0.0), st.floats(0, 1800)),
    st.sampled_from(EnforceMode),
)
situations = st.builds(
    Situation,
    activity=activities,
    phase=st.sampled_from(Phase),
    paused=st.booleans(),
    strict=st.booleans(),
    profile=st.one_of(st.none(), st.just("Deep work")),
    block_apps=st.sampled_from([(), ("discord",), ("DISCORD", "slack")]),
    block_sites=st.sampled_from([(), ("x.com",), ("example.org",)]),
    session_enforce=st.sampled_from(EnforceMode),
    limits=st.lists(limit_states, max_size=3).map(tuple),
    allowance_active=st.booleans(),
    intervened_this_switch=st.booleans(),
)
STOPS = (DecisionKind.INTERVENE, DecisionKind.ENFORCE)


@given(situations)
@settings(max_examples=500)
def test_an_allowance_outside_strict_sessions_never_stops_the_user(s: Situation) -> None:
    if s.allowance_active and not s.strict:
        assert decide(s).kind not in STOPS


@given(situations)
@settings(max_examples=500)
def test_breaks_and_idle_never_stop_the_user_without_a_spent_limit(s: Situation) -> None:
    if s.phase is not Phase.FOCUS and not any(lim.spent for lim in s.limits):
        assert decide(s).kind not in STOPS


@given(situations)
@settings(max_examples=500)
def test_a_spent_limit_always_at_least_intervenes(s: Situation) -> None:
    fresh = (
        s.activity is not None
        and s.activity.certainty is Certainty.FOCUSED
        and not s.allowance_active
        and not s.intervened_this_switch
    )
    if fresh and any(lim.spent for lim in s.limits):
        assert decide(s).kind in STOPS


@given(situations)
@settings(max_examples=500)
def test_one_intervention_per_switch(s: Situation) -> None:
    if s.intervened_this_switch:
        assert decide(s).kind is not DecisionKind.INTERVENE


@given(situations)
@settings(max_examples=500)
def test_running_only_activities_are_always_allowed(s: Situation) -> None:
    if s.activity is None or s.activity.certainty is Certainty.RUNNING:
        assert decide(s).kind is DecisionKind.ALLOW


@given(situations)
@settings(max_examples=500)
def test_decisions_are_deterministic_and_self_consistent(s: Situation) -> None:
    d = decide(s)
    assert d == decide(replace(s))
    if d.kind in STOPS:
        assert d.reason in (Reason.SESSION_BLOCK, Reason.LIMIT_REACHED)
        assert d.trigger is not None and d.rule is not None
    if d.kind is DecisionKind.ENFORCE:
        assert d.enforce is not EnforceMode.INTERVENE
    if d.kind is DecisionKind.WARN:
        assert d.reason is Reason.LIMIT_NEAR and d.minutes_left is not None
        assert 0 <= d.minutes_left <= 5
