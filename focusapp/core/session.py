"""The focus-session engine: pomodoro cycles, pause, strict mode, emergency exits and schedules.

A widget-free state machine (Safe Eyes' core is the model). All time comes from an injected
`TimeBase`; all waiting goes through an injected `Scheduler`, so tests walk whole days in
milliseconds. The remaining time of a phase is always `deadline - now` on the boot clock, which no
one can set; the wall clock only places things in the calendar.

Every change is saved through the `SessionStore`, and a heartbeat is saved while a session runs, so
a killed app resumes the same session with the same deadline and knows how long it was away.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from focusapp.core.clock import Cancel, Scheduler
from focusapp.core.errors import InvalidRequest, Refused
from focusapp.core.friction import NOT_THE_SENTENCE, PLEASE_WAIT
from focusapp.core.phrases import WEEKDAYS, Phrase, count_phrase, phrase
from focusapp.core.records import LogEntry, LogKind, SessionRecord, SessionStore
from focusapp.core.schedule import Block, Occurrence, active_occurrences, next_start
from focusapp.core.timebase import ClockJump, Suspend, TimeBase

_log = logging.getLogger(__name__)

STATE_VERSION = 1
HEARTBEAT_S = 30.0
TICK_ACTIVE_S = 5.0  # bounds how late a phase change can be after a suspend (Qt timers sleep too)
TICK_IDLE_S = 30.0
EMERGENCY_WINDOW = timedelta(days=7)
DOWNTIME_NOTICE_S = 5.0
MAX_HANDLED_OCCURRENCES = 64

# What the user types by hand to leave a strict session. The app hands the engine these worded
# in the user's language (`emergency_sentences`), since what is typed must match what is shown.
EMERGENCY_SENTENCES: tuple[Phrase, ...] = (
    phrase(
        "Session", "I am choosing to end this focus session early, and that is my own decision."
    ),
    phrase("Session", "I know why I started this session, and I am still choosing to stop it now."),
    phrase("Session", "This is an emergency exit, and I will come back to my work when I can."),
    phrase("Session", "I am ending this session on purpose, not out of habit."),
)


class Phase(StrEnum):
    IDLE = "idle"
    FOCUS = "focus"
    BREAK = "break"


class BreakKind(StrEnum):
    SHORT = "short"
    LONG = "long"


@dataclass(frozen=True)
class SessionPlan:
    """What a session was asked to be."""

    focus_s: float
    short_break_s: float
    long_break_s: float
    long_break_every: int
    cycles: int
    profile: str | None = None
    strict: bool = False
    source: str = "manual"
    schedule_key: str | None = None


@dataclass
class ActiveSession:
    session_id: str
    plan: SessionPlan
    started_at: datetime
    cycle: int = 1  # 1-based index of the current (or last) focus period
    phase: Phase = Phase.FOCUS
    break_kind: BreakKind | None = None
    phase_total_s: float = 0.0
    deadline_boot: float | None = None  # None while paused
    paused_left_s: float | None = None
    phase_started_boot: float = 0.0
    focus_done_s: float = 0.0  # focus seconds of completed or elapsed periods


@dataclass(frozen=True)
class SessionStatus:
    phase: Phase
    paused: bool = False
    profile: str | None = None
    strict: bool = False
    ends_at: datetime | None = None  # end of the current phase
    remaining_s: float | None = None
    phase_total_s: float | None = None
    cycle: int = 0
    cycles: int = 0
    break_kind: BreakKind | None = None
    source: str | None = None
    session_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "state": self.phase.value,
            "paused": self.paused,
            "profile": self.profile,
            "strict": self.strict,
            "ends_at": self.ends_at.isoformat() if self.ends_at else None,
            "remaining_s": None if self.remaining_s is None else round(self.remaining_s, 1),
            "phase_total_s": self.phase_total_s,
            "cycle": self.cycle,
            "cycles": self.cycles,
            "break_kind": self.break_kind.value if self.break_kind else None,
            "source": self.source,
            "session_id": self.session_id,
        }


class EventKind(StrEnum):
    STARTED = "started"
    PHASE_CHANGED = "phase_changed"
    PAUSED = "paused"
    RESUMED = "resumed"
    ENDED = "ended"
    CLOCK_JUMP = "clock_jump"
    SUSPEND = "suspend"


@dataclass(frozen=True)
class SessionEvent:
    kind: EventKind
    status: SessionStatus
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EmergencyChallenge:
    token: str
    sentence: str
    ready_boot: float
    exits_left: int


Listener = Callable[[SessionEvent], None]


class SessionEngine:
    def __init__(
        self,
        time: TimeBase,
        scheduler: Scheduler,
        store: SessionStore,
        *,
        plan_defaults: SessionPlan,
        emergency_exits_per_week: int = 2,
        emergency_wait_s: float = 30.0,
        blocks: list[Block] | None = None,
        tick_hook: Callable[[], None] | None = None,
        emergency_sentences: Sequence[str] | None = None,
    ) -> None:
        self.time = time
        self.scheduler = scheduler
        self.store = store
        self.defaults = plan_defaults
        self.emergency_exits_per_week = emergency_exits_per_week
        self.emergency_wait_s = emergency_wait_s
        self.blocks = list(blocks or [])
        self._tick_hook = tick_hook
        self._session: ActiveSession | None = None
        self._handled: list[str] = []
        self._challenges: dict[str, EmergencyChallenge] = {}
        self._listeners: list[Listener] = []
        self._cancel_timer: Cancel | None = None
        self._last_heartbeat_boot = -1e18
        self._sentence_index = 0
        self._sentences = tuple(emergency_sentences or map(str, EMERGENCY_SENTENCES))
        self._started = False

    # -- lifecycle ----------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def start_up(self) -> None:
        """Restore a saved session (catching up on what happened while the app was away)."""
        self._started = True
        self._restore(self.store.load_state())
        self._apply_schedules()
        self._save()
        self._arm()

    def shut_down(self) -> None:
        """Save and stop waking up. A strict session quitting is noted in the honest log."""
        if self._session is not None and self._session.plan.strict:
            self._log(LogKind.QUIT_DURING_STRICT, {"session_id": self._session.session_id})
        self._save()
        if self._cancel_timer is not None:
            self._cancel_timer()
            self._cancel_timer = None

    def configure(
        self,
        *,
        plan_defaults: SessionPlan | None = None,
        emergency_exits_per_week: int | None = None,
        emergency_wait_s: float | None = None,
        blocks: list[Block] | None = None,
    ) -> None:
        """New settings apply to sessions started from now on; a running session keeps its plan."""
        if plan_defaults is not None:
            self.defaults = plan_defaults
        if emergency_exits_per_week is not None:
            self.emergency_exits_per_week = emergency_exits_per_week
        if emergency_wait_s is not None:
            self.emergency_wait_s = emergency_wait_s
        if blocks is not None:
            self.blocks = list(blocks)
            if self._started:
                self._apply_schedules()
                self._save()
        if self._started:
            self._arm()

    # -- queries ------------------------------------------------------------------------------

    def status(self) -> SessionStatus:
        s = self._session
        if s is None:
            return SessionStatus(phase=Phase.IDLE)
        if s.deadline_boot is None:
            remaining = s.paused_left_s or 0.0
            ends_at = None
        else:
            remaining = max(0.0, s.deadline_boot - self.time.boot())
            ends_at = self.time.wall_at_boot(s.deadline_boot)
        return SessionStatus(
            phase=s.phase,
            paused=s.deadline_boot is None,
            profile=s.plan.profile,
            strict=s.plan.strict,
            ends_at=ends_at,
            remaining_s=remaining,
            phase_total_s=s.phase_total_s,
            cycle=s.cycle,
            cycles=s.plan.cycles,
            break_kind=s.break_kind,
            source=s.plan.source,
            session_id=s.session_id,
        )

    def session_ends_at(self) -> datetime | None:
        """When the whole session (all cycles) would end if nothing changes."""
        s = self._session
        if s is None:
            return None
        left = self.status().remaining_s or 0.0
        cycle, phase, kind = s.cycle, s.phase, s.break_kind
        while True:
            if phase is Phase.FOCUS:
                if cycle >= s.plan.cycles:
                    break
                kind = self._break_kind_after(s.plan, cycle)
                phase = Phase.BREAK
                left += s.plan.long_break_s if kind is BreakKind.LONG else s.plan.short_break_s
            else:
                cycle, phase = cycle + 1, Phase.FOCUS
                left += s.plan.focus_s
        return self.time.now() + timedelta(seconds=left)

    def emergency_exits_left(self) -> int:
        return max(0, self.emergency_exits_per_week - len(self._recent_emergency_exits()))

    # -- commands -----------------------------------------------------------------------------

    def start(
        self,
        minutes: float | None = None,
        *,
        profile: str | None = None,
        strict: bool | None = None,
        cycles: int | None = None,
        source: str = "manual",
    ) -> SessionStatus:
        self._catch_up()
        if self._session is not None:
            raise Refused(
                phrase(
                    "Session", "A focus session is already running; stop it first or let it end."
                )
            )
        if minutes is not None and not 1 <= minutes <= 24 * 60:
            raise InvalidRequest(
                phrase("Session", "The focus length must be between 1 and 1440 minutes.")
            )
        if cycles is not None and not 1 <= cycles <= 48:
            raise InvalidRequest(
                phrase("Session", "The number of cycles must be between 1 and 48.")
            )
        plan = replace(
            self.defaults,
            focus_s=self.defaults.focus_s if minutes is None else minutes * 60.0,
            cycles=self.defaults.cycles if cycles is None else cycles,
            profile=profile if profile is not None else self.defaults.profile,
            strict=self.defaults.strict if strict is None else strict,
            source=source,
            schedule_key=None,
        )
        self._begin(plan)
        return self.status()

    def stop(self) -> SessionStatus:
        self._catch_up()
        s = self._session
        if s is None:
            return self.status()
        if s.plan.strict:
            ends = self.session_ends_at()
            if ends is None:
                raise Refused(
                    phrase(
                        "Session",
                        "This is a strict session: it can't be stopped. It ends at its planned "
                        "end. If you truly must, use the emergency exit from the tray menu.",
                    )
                )
            raise Refused(
                phrase(
                    "Session",
                    "This is a strict session: it can't be stopped. It ends at {time}. If you "
                    "truly must, use the emergency exit from the tray menu.",
                )(time=self._local_hhmm(ends))
            )
        if s.plan.schedule_key:
            self._mark_handled(s.plan.schedule_key)
        self._end("stopped")
        return self.status()

    def pause(self) -> SessionStatus:
        self._catch_up()
        s = self._session
        if s is None:
            raise Refused(phrase("Session", "There is no focus session to pause."))
        if s.plan.strict:
            raise Refused(phrase("Session", "This is a strict session: it can't be paused."))
        if s.deadline_boot is not None:
            now = self.time.boot()
            self._credit_focus(s, now)
            s.paused_left_s = max(0.0, s.deadline_boot - now)
            s.deadline_boot = None
            self._changed(EventKind.PAUSED)
        return self.status()

    def resume(self) -> SessionStatus:
        self._catch_up()
        s = self._session
        if s is None:
            raise Refused(phrase("Session", "There is no focus session to resume."))
        if s.deadline_boot is None:
            now = self.time.boot()
            s.deadline_boot = now + (s.paused_left_s or 0.0)
            s.phase_started_boot = now
            s.paused_left_s = None
            self._changed(EventKind.RESUMED)
        return self.status()

    def skip_break(self) -> SessionStatus:
        """Skipping a break means focusing sooner, so strict sessions allow it too."""
        self._catch_up()
        s = self._session
        if s is None or s.phase is not Phase.BREAK:
            raise Refused(phrase("Session", "There is no break to skip right now."))
        self._enter_focus(s, self.time.boot(), s.cycle + 1)
        self._changed(EventKind.PHASE_CHANGED, {"skipped": True})
        return self.status()

    def begin_emergency_exit(self) -> EmergencyChallenge:
        self._catch_up()
        s = self._session
        if s is None or not s.plan.strict:
            raise Refused(
                phrase("Session", "An emergency exit is only needed for a strict session.")
            )
        left = self.emergency_exits_left()
        if left <= 0:
            raise Refused(self._no_exit_left())
        sentence = self._sentences[self._sentence_index % len(self._sentences)]
        self._sentence_index += 1
        challenge = EmergencyChallenge(
            token=uuid.uuid4().hex,
            sentence=sentence,
            ready_boot=self.time.boot() + self.emergency_wait_s,
            exits_left=left,
        )
        self._challenges = {challenge.token: challenge}
        return challenge

    def confirm_emergency_exit(self, token: str, typed: str) -> SessionStatus:
        self._catch_up()
        challenge = self._challenges.get(token)
        s = self._session
        if challenge is None or s is None or not s.plan.strict:
            raise Refused(
                phrase(
                    "Session", "That emergency exit has expired; start it again from the tray menu."
                )
            )
        if " ".join(typed.split()) != challenge.sentence:
            raise Refused(NOT_THE_SENTENCE)
        wait = challenge.ready_boot - self.time.boot()
        if wait > 0:
            raise Refused(count_phrase(int(wait + 0.999), *PLEASE_WAIT))
        if self.emergency_exits_left() <= 0:
            raise Refused(phrase("Session", "No emergency exit is left for the last 7 days."))
        del self._challenges[token]
        self._log(
            LogKind.EMERGENCY_EXIT,
            {
                "session_id": s.session_id,
                "profile": s.plan.profile,
                "remaining_s": round(self.status().remaining_s or 0.0, 1),
                "source": s.plan.source,
            },
        )
        if s.plan.schedule_key:
            self._mark_handled(s.plan.schedule_key)
        self._end("emergency_exit")
        return self.status()

    # -- the clock ticks ----------------------------------------------------------------------

    def tick(self) -> None:
        """Called by the scheduler: notice clock events, change phases, follow schedules."""
        self._cancel_timer = None
        try:
            self._catch_up()
            self._apply_schedules()
            if (
                self._session is not None
                and self.time.boot() - self._last_heartbeat_boot >= HEARTBEAT_S
            ):
                self._save()
            if self._tick_hook is not None:
                self._tick_hook()
        finally:
            # Whatever went wrong above, the engine must wake up again: a session that stops
            # ticking never ends.
            self._arm()

    def _catch_up(self) -> None:
        events = self.time.check()
        for event in events:
            if isinstance(event, ClockJump):
                self._log(LogKind.CLOCK_JUMP, {"delta_s": round(event.delta_s, 1)}, at=event.at)
                self._emit(EventKind.CLOCK_JUMP, {"delta_s": event.delta_s})
            elif isinstance(event, Suspend):
                self._log(LogKind.SUSPEND, {"duration_s": round(event.duration_s, 1)}, at=event.at)
                self._emit(EventKind.SUSPEND, {"duration_s": event.duration_s})
        self._advance(self.time.boot())
        if events and self._session is not None:
            # The saved wall time is what a restart after a reboot measures from: keep it honest.
            self._save()

    def _advance(self, now: float, *, quiet: bool = False) -> None:
        """Complete every phase whose deadline is at or before `now`, each at its own deadline."""
        changed = False
        while (s := self._session) is not None and s.deadline_boot is not None:
            if s.deadline_boot > now:
                break
            at = s.deadline_boot
            if s.phase is Phase.FOCUS:
                self._credit_focus(s, at)
                if s.cycle >= s.plan.cycles:
                    reason = "completed" if not quiet else "ended_while_app_closed"
                    if s.plan.schedule_key:
                        self._mark_handled(s.plan.schedule_key)
                    self._end(reason, at_boot=at)
                    return
                kind = self._break_kind_after(s.plan, s.cycle)
                s.phase, s.break_kind = Phase.BREAK, kind
                length = s.plan.long_break_s if kind is BreakKind.LONG else s.plan.short_break_s
                s.phase_total_s = length
                s.phase_started_boot = at
                s.deadline_boot = at + length
            else:
                self._enter_focus(s, at, s.cycle + 1)
            changed = True
        if changed:
            self._changed(EventKind.PHASE_CHANGED, {"caught_up": quiet})

    def _arm(self) -> None:
        if self._cancel_timer is not None:
            self._cancel_timer()
        now = self.time.boot()
        delay = TICK_IDLE_S if self._session is None else TICK_ACTIVE_S
        s = self._session
        if s is not None and s.deadline_boot is not None:
            delay = min(delay, max(0.0, s.deadline_boot - now))
        if s is None and self.blocks:
            upcoming = next_start(self.blocks, self.time.now(), self.time.clock.local_tz())
            if upcoming is not None:
                delay = min(delay, max(0.0, (upcoming - self.time.now()).total_seconds()))
        self._cancel_timer = self.scheduler.call_later(delay, self.tick)

    # -- schedules ----------------------------------------------------------------------------

    def _apply_schedules(self) -> None:
        if self._session is not None or not self.blocks:
            return
        now = self.time.now()
        for occ in active_occurrences(self.blocks, now, self.time.clock.local_tz()):
            if occ.key in self._handled:
                continue
            self._begin_scheduled(occ, now)
            return

    def _begin_scheduled(self, occ: Occurrence, now: datetime) -> None:
        left = (occ.ends_at - now).total_seconds()
        plan = replace(
            self.defaults,
            focus_s=left,
            cycles=1,
            profile=occ.block.profile,
            strict=occ.block.strict,
            source=f"schedule:{occ.block.name}",
            schedule_key=occ.key,
        )
        self._begin(plan, detail={"late_by_s": round((now - occ.starts_at).total_seconds(), 1)})

    def _mark_handled(self, key: str) -> None:
        if key not in self._handled:
            self._handled.append(key)
            del self._handled[:-MAX_HANDLED_OCCURRENCES]

    # -- persistence --------------------------------------------------------------------------

    def _snapshot(self) -> dict[str, Any]:
        s = self._session
        boot = self.time.boot()
        state: dict[str, Any] = {
            "version": STATE_VERSION,
            "boot_id": self.time.clock.boot_id(),
            "saved_boot": boot,
            "saved_wall": self.time.now().isoformat(),
            "handled_occurrences": list(self._handled),
            "session": None,
        }
        if s is not None:
            plan = asdict(s.plan)
            state["session"] = {
                "session_id": s.session_id,
                "plan": plan,
                "started_at": s.started_at.isoformat(),
                "cycle": s.cycle,
                "phase": s.phase.value,
                "break_kind": s.break_kind.value if s.break_kind else None,
                "phase_total_s": s.phase_total_s,
                # Deadlines are stored as "seconds left when saved" so they survive a reboot too.
                "left_at_save_s": None if s.deadline_boot is None else s.deadline_boot - boot,
                "paused_left_s": s.paused_left_s,
                "phase_elapsed_at_save_s": boot - s.phase_started_boot,
                "focus_done_s": s.focus_done_s,
            }
        return state

    def _save(self) -> None:
        self._last_heartbeat_boot = self.time.boot()
        self.store.save_state(self._snapshot())

    def _restore(self, state: dict[str, Any] | None) -> None:
        if not state or state.get("version") != STATE_VERSION:
            return
        try:
            self._handled = [str(k) for k in state.get("handled_occurrences", [])]
            saved_wall = datetime.fromisoformat(state["saved_wall"])
            now_boot, now_wall = self.time.boot(), self.time.now()
            if state.get("boot_id") == self.time.clock.boot_id():
                away_s = now_boot - float(state["saved_boot"])
                drift = (now_wall - (saved_wall + timedelta(seconds=away_s))).total_seconds()
                if abs(drift) > 2.0:
                    self._log(LogKind.CLOCK_JUMP, {"delta_s": round(drift, 1), "while_away": True})
            else:
                # A new boot: the wall clock is the only witness. Never let it run backwards.
                away_s = max(0.0, (now_wall - saved_wall).total_seconds())
            raw = state.get("session")
            if raw is None:
                return
            plan = SessionPlan(**raw["plan"])
            # The moment of the last save, on this boot's clock.
            saved_at = now_boot - away_s
            session = ActiveSession(
                session_id=str(raw["session_id"]),
                plan=plan,
                started_at=datetime.fromisoformat(raw["started_at"]),
                cycle=int(raw["cycle"]),
                phase=Phase(raw["phase"]),
                break_kind=BreakKind(raw["break_kind"]) if raw["break_kind"] else None,
                phase_total_s=float(raw["phase_total_s"]),
                deadline_boot=None
                if raw["left_at_save_s"] is None
                else saved_at + float(raw["left_at_save_s"]),
                paused_left_s=raw["paused_left_s"],
                phase_started_boot=saved_at - float(raw["phase_elapsed_at_save_s"]),
                focus_done_s=float(raw["focus_done_s"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            self._log(LogKind.APP_DOWN, {"restore_failed": str(exc)})
            return
        self._session = session
        if away_s >= DOWNTIME_NOTICE_S:
            self._log(
                LogKind.APP_DOWN,
                {
                    "session_id": session.session_id,
                    "away_s": round(away_s, 1),
                    "strict": plan.strict,
                },
                at=saved_wall,
            )
        self._advance(now_boot, quiet=True)

    # -- internals ----------------------------------------------------------------------------

    def _begin(self, plan: SessionPlan, detail: dict[str, Any] | None = None) -> None:
        now = self.time.boot()
        s = ActiveSession(
            session_id=uuid.uuid4().hex,
            plan=plan,
            started_at=self.time.now(),
        )
        self._session = s
        self._enter_focus(s, now, 1)
        self._changed(EventKind.STARTED, detail or {})

    def _enter_focus(self, s: ActiveSession, at: float, cycle: int) -> None:
        s.cycle, s.phase, s.break_kind = cycle, Phase.FOCUS, None
        s.phase_total_s = s.plan.focus_s
        s.phase_started_boot = at
        s.deadline_boot = at + s.plan.focus_s
        s.paused_left_s = None

    @staticmethod
    def _break_kind_after(plan: SessionPlan, cycle: int) -> BreakKind:
        return BreakKind.LONG if cycle % plan.long_break_every == 0 else BreakKind.SHORT

    @staticmethod
    def _credit_focus(s: ActiveSession, until: float) -> None:
        if s.phase is Phase.FOCUS and s.deadline_boot is not None:
            s.focus_done_s += max(0.0, until - s.phase_started_boot)
            s.phase_started_boot = until

    def _end(self, reason: str, at_boot: float | None = None) -> None:
        s = self._session
        if s is None:
            return
        end_boot = self.time.boot() if at_boot is None else at_boot
        self._credit_focus(s, end_boot)
        finished_period = s.phase is Phase.BREAK or reason in (
            "completed",
            "ended_while_app_closed",
        )
        last_status = self.status()
        self.store.record_session(
            SessionRecord(
                session_id=s.session_id,
                profile=s.plan.profile,
                strict=s.plan.strict,
                source=s.plan.source,
                started_at=s.started_at,
                ended_at=self.time.wall_at_boot(end_boot),
                planned_focus_s=s.plan.focus_s * s.plan.cycles,
                focus_s=round(s.focus_done_s, 1),
                cycles_done=s.cycle if finished_period else s.cycle - 1,
                end_reason=reason,
            )
        )
        self._session = None
        self._challenges.clear()
        self._save()
        self._emit(EventKind.ENDED, {"reason": reason, "previous": last_status.to_dict()})
        if self._started:
            self._arm()

    def _changed(self, kind: EventKind, detail: dict[str, Any] | None = None) -> None:
        self._save()
        self._emit(kind, detail or {})
        if self._started:
            self._arm()

    def _emit(self, kind: EventKind, detail: dict[str, Any]) -> None:
        event = SessionEvent(kind, self.status(), detail)
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # one broken listener (a window, a store) must not stop sessions
                _log.exception("a session listener failed on %s", kind)

    def _log(self, kind: LogKind, detail: dict[str, Any], at: datetime | None = None) -> None:
        self.store.append_log(LogEntry(ts=at or self.time.now(), kind=kind, detail=detail))

    def _recent_emergency_exits(self) -> list[datetime]:
        """Exits within the last 7 days of real time.

        The age of an exit is the wall time since it, corrected by every clock jump logged after
        it, so setting the clock a week ahead does not hand out new exits.
        """
        now = self.time.now()
        horizon = now - EMERGENCY_WINDOW - timedelta(days=366)
        # In the order they were written: after a backward jump, timestamps alone mislead.
        entries = self.store.log_entries(horizon, [LogKind.EMERGENCY_EXIT, LogKind.CLOCK_JUMP])
        recent = []
        for i, entry in enumerate(entries):
            if entry.kind is not LogKind.EMERGENCY_EXIT:
                continue
            jumped = sum(
                float(e.detail.get("delta_s", 0.0))
                for e in entries[i + 1 :]
                if e.kind is LogKind.CLOCK_JUMP
            )
            age = (now - entry.ts).total_seconds() - jumped
            if age < EMERGENCY_WINDOW.total_seconds():
                recent.append(now - timedelta(seconds=age))
        return recent

    def _next_exit_frees_at(self) -> datetime | None:
        recent = sorted(self._recent_emergency_exits())
        if not recent or self.emergency_exits_per_week <= 0:
            return None
        index = len(recent) - self.emergency_exits_per_week
        return recent[max(0, index)] + EMERGENCY_WINDOW

    def _local_hhmm(self, when: datetime) -> str:
        return when.astimezone(self.time.clock.local_tz()).strftime("%H:%M")

    def _local_when(self, when: datetime) -> Phrase:
        local = when.astimezone(self.time.clock.local_tz())
        return phrase("Session", "{weekday} at {time}")(
            weekday=WEEKDAYS[local.weekday()], time=local.strftime("%H:%M")
        )

    def _no_exit_left(self) -> Phrase:
        """Why there is no emergency exit now, and when the next one frees up."""
        allowed = self.emergency_exits_per_week
        if allowed <= 0:
            return phrase(
                "Session",
                "Your settings give strict sessions no emergency exit, so this session runs to "
                "its end.",
            )
        freed = self._next_exit_frees_at()
        if freed is None:
            return count_phrase(
                allowed,
                phrase(
                    "Session",
                    "You have used your emergency exit of the last 7 days, so this session runs "
                    "to its end.",
                ),
                phrase(
                    "Session",
                    "You have used all {count} emergency exits of the last 7 days, so this "
                    "session runs to its end.",
                ),
            )
        return count_phrase(
            allowed,
            phrase(
                "Session",
                "You have used your emergency exit of the last 7 days, so this session runs to "
                "its end. The next one frees up on {when}.",
            ),
            phrase(
                "Session",
                "You have used all {count} emergency exits of the last 7 days, so this session "
                "runs to its end. The next one frees up on {when}.",
            ),
            when=self._local_when(freed),
        )
