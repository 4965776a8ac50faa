"""Acts on what the attention keeper decides: the intervention overlay, minimizing or closing the
app, limit warnings, and the urge entry each moment leaves in the journal."""

from __future__ import annotations

import logging
import os
import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QObject, QRect, QTimer
from PySide6.QtGui import QCursor, QGuiApplication

from focusapp.core.activity import Activity, ActivityKind
from focusapp.core.attention import AttentionKeeper, Step
from focusapp.core.friction_pacing import FrictionPacer
from focusapp.core.journal import Outcome, UrgeEntry, UrgeStore
from focusapp.core.policy import Decision, DecisionKind, Reason
from focusapp.core.prompts import PromptLibrary
from focusapp.core.settings import EnforceMode
from focusapp.platform.base import PlatformAdapters
from focusapp.ui.intervention import Choice, InterventionOverlay, InterventionRequest
from focusapp.ui.intervention import Outcome as OverlayOutcome
from focusapp.ui.notifier import Notifier

log = logging.getLogger(__name__)

TICK_MS = 5_000
ALLOW_MINUTES = (2, 5, 10, 15)
CLOSE_GRACE_S = 10.0
RECENT_PROMPTS = 20


@dataclass
class _Showing:
    overlay: InterventionOverlay
    step: Step
    prompt_id: str


class AttentionController(QObject):
    def __init__(
        self,
        keeper: AttentionKeeper,
        platform: PlatformAdapters,
        urges: UrgeStore,
        notifier: Notifier,
        *,
        prompts: Callable[[], PromptLibrary],
        pacer: FrictionPacer,
        save_pacing: Callable[[dict[str, object]], None] = lambda _: None,
        reduce_motion: Callable[[], bool],
        session_id: Callable[[], str | None],
        strict: Callable[[], bool],
        parent: QObject | None = None,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__(parent)
        self.keeper = keeper
        self.platform = platform
        self.urges = urges
        self.notifier = notifier
        self._prompts = prompts
        self.pacer = pacer
        self._save_pacing = save_pacing
        self._reduce_motion = reduce_motion
        self._session_id = session_id
        self._strict = strict
        self._rng = rng or random.Random()
        self._recent: deque[str] = deque(maxlen=RECENT_PROMPTS)
        # (prompt id, answer) of recent moments: what the user tends to answer shapes the next pick.
        self._answers: deque[tuple[str, str]] = deque(maxlen=50)
        self.showing: _Showing | None = None
        self._enforced: tuple[ActivityKind, str] | None = None
        self.platform.tracker.changed.connect(self._on_activity)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_tick)

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> None:
        try:
            self.platform.tracker.start()
        except Exception as exc:  # the display went away between choosing and starting
            log.error("Focusapp can't see which app is in front: %s", exc)
            self.notifier.notify(
                self.tr("Focusapp can't see which app is in front"),
                self.tr(
                    "{error} Sessions and the command line still work; limits can't be counted."
                ).format(error=exc),
            )
            return
        self._timer.start()
        current = self.platform.tracker.current()
        if current is not None:
            self._on_activity(current)

    def watch(self, names: set[str]) -> None:
        """The apps rules name: trackers that only see running processes report just these."""
        self.platform.tracker.set_watched(sorted(names))

    def stop(self) -> None:
        self._timer.stop()
        showing, self.showing = self.showing, None
        if showing is not None:
            # Quitting is not an answer: no journal entry, no minimizing on the way out.
            showing.overlay.finished.disconnect(self._on_outcome)
            showing.overlay.close()
        self.platform.close()
        self.keeper.ledger.stop()

    # -- inputs ---------------------------------------------------------------------------------

    def _idle(self) -> tuple[float | None, bool]:
        idle = self.platform.idle
        return idle.idle_seconds(), idle.screen_locked()

    def _on_activity(self, activity: Activity | None) -> None:
        if self.showing is not None and (activity is None or activity.pid != os.getpid()):
            # Alt-Tab back to the app while the pause is on screen: the pause keeps the keyboard.
            self._pull_focus(self.showing.overlay, tries=3)
        idle_s, locked = self._idle()
        self._act(self.keeper.observe(activity, idle_s, locked))

    def _on_tick(self) -> None:
        idle_s, locked = self._idle()
        self._act(self.keeper.tick(idle_s, locked))

    def tick_now(self) -> None:
        """Credit the time up to now (before answering `usage`) rather than at the next tick."""
        self._on_tick()

    def session_changed(self) -> None:
        """A session started, ended or changed phase: what is in front may now be blocked."""
        self._act(self.keeper.reevaluate())

    # -- acting ---------------------------------------------------------------------------------

    def _act(self, step: Step) -> None:
        for warning in step.warnings:
            self.notifier.notify(
                self.tr("%n minutes left for {name}", "", warning.minutes_left).format(
                    name=warning.name
                ),
                self.tr("Today's time for it is nearly used. Maybe finish what you came for."),
            )
        decision = step.decision
        if step.activity is None or self.showing is not None:
            return
        if decision.kind is not DecisionKind.ENFORCE:
            self._enforced = None
        if decision.kind is DecisionKind.INTERVENE:
            self._intervene(step)
        elif decision.kind is DecisionKind.ENFORCE:
            key = (step.activity.kind, step.activity.name)
            if key != self._enforced:  # once per stretch, not once per tick: nothing nags
                self._enforced = key
                self._enforce(step.activity, decision.enforce)
                self._record(step, Outcome.ENFORCED, prompt_id=None)

    def _intervene(self, step: Step) -> None:
        activity, decision = step.activity, step.decision
        assert activity is not None and decision.trigger is not None
        self.keeper.mark_intervened()
        try:
            library = self._prompts()
        except Exception:
            log.exception("the prompt library could not be loaded; stepping in without it")
            library = PromptLibrary.fallback()
        prompt = library.pick(
            decision.trigger.value,
            list(self._recent),
            self._rng,
            hour=datetime.now().hour,
            answered=library.answer_counts(self._answers),
        )
        pause = self.pacer.record_urge()
        self._save_pacing(self.pacer.to_state())
        self._recent.append(prompt.id)
        strict_block = decision.reason is Reason.SESSION_BLOCK and self._strict()
        request = InterventionRequest(
            # Not the window title: it may name a private chat or document.
            target_label=activity.wm_class or activity.name,
            reason=_reason_text(decision),
            prompt=prompt,
            allow_minutes_choices=() if strict_block else ALLOW_MINUTES,
            screen_geometry=self._screen_of(activity),
        )
        overlay = InterventionOverlay(
            request,
            reduce_motion=self._reduce_motion(),
            pause_s=pause.seconds,
            pause_form=pause.form,
        )
        self.showing = _Showing(overlay, step, prompt.id)
        overlay.finished.connect(self._on_outcome)
        overlay.show()
        # Qt's own activation request counts as an application's, which window managers may turn
        # down to prevent focus stealing; the user was typing into the blocked app a moment ago.
        # Ask as a pager does (the platform's activate), once the window is mapped.
        QTimer.singleShot(100, lambda: self._pull_focus(overlay, tries=12))
        log.info("stepped in before %s (%s)", activity.name, decision.reason)

    def _screen_of(self, activity: Activity) -> QRect:
        """The screen the blocked window is on; where the platform can't tell, the pointer's."""
        window_rect = getattr(self.platform.control, "window_rect", None)
        if window_rect is not None and activity.window_id is not None:
            rect = window_rect(activity.window_id)
            if rect is not None:
                return InterventionOverlay.screen_geometry_for(QRect(*rect))
        return _screen_under_pointer()

    def _pull_focus(self, overlay: InterventionOverlay, tries: int) -> None:
        # The window manager ignores a request for a window it has not mapped yet: ask again
        # until the overlay really has the keyboard (or give up after a couple of seconds).
        if self.showing is None or self.showing.overlay is not overlay:
            return
        # Qt's isActiveWindow() can be true before the window manager agrees: ask the tracker.
        front = self.platform.tracker.current()
        if front is not None and front.window_id == int(overlay.winId()):
            return
        self.platform.control.activate(int(overlay.winId()))
        overlay.take_focus()
        if tries > 1:
            QTimer.singleShot(200, lambda: self._pull_focus(overlay, tries - 1))

    def _on_outcome(self, outcome: OverlayOutcome) -> None:
        showing, self.showing = self.showing, None
        if showing is None:
            return
        showing.overlay.deleteLater()
        step = showing.step
        activity = step.activity
        assert activity is not None
        if outcome.answer:
            self._answers.append((showing.prompt_id, outcome.answer))
        if outcome.choice is Choice.ALLOW and outcome.minutes > 0:
            self.keeper.allowances.grant(activity, outcome.minutes)
            if activity.window_id is not None:
                self.platform.control.activate(activity.window_id)
            self._record(
                step,
                Outcome.ALLOWED,
                prompt_id=showing.prompt_id,
                answer=outcome.answer,
                intention=outcome.intention,
                note=outcome.note,
                allowed_s=outcome.minutes * 60.0,
            )
            return
        self._enforce(activity, step.decision.enforce, back_to=step.previous)
        self._record(
            step,
            Outcome.RETURNED,
            prompt_id=showing.prompt_id,
            answer=outcome.answer,
            note=outcome.note,
        )

    def _enforce(
        self, activity: Activity, mode: EnforceMode, back_to: Activity | None = None
    ) -> None:
        control = self.platform.control
        if activity.window_id is not None:
            control.minimize(activity.window_id)
        if back_to is not None and back_to.window_id is not None:
            control.activate(back_to.window_id)
        if mode is EnforceMode.CLOSE and activity.pid is not None:
            self.notifier.notify(
                self.tr("{app} will close").format(app=activity.name),
                self.tr(
                    "Its rule closes it; it gets %n seconds to save its work.",
                    "",
                    round(CLOSE_GRACE_S),
                ),
            )
            control.close_app(activity.pid, CLOSE_GRACE_S)

    def _record(
        self,
        step: Step,
        outcome: Outcome,
        *,
        prompt_id: str | None,
        answer: str | None = None,
        intention: str | None = None,
        note: str | None = None,
        allowed_s: float | None = None,
    ) -> None:
        activity, decision = step.activity, step.decision
        assert activity is not None
        self.urges.record_urge(
            UrgeEntry(
                ts=datetime.now(UTC),
                trigger_kind=decision.trigger.value if decision.trigger else "rule",
                target_kind=activity.kind.value,
                target_name=activity.name,
                outcome=outcome,
                prompt_id=prompt_id,
                answer=answer,
                intention=intention or None,
                note=note or None,
                allowed_s=allowed_s,
                session_id=self._session_id(),
            )
        )


def _reason_text(decision: Decision) -> str:
    if decision.reason is Reason.SESSION_BLOCK:
        return QCoreApplication.translate(
            "AttentionController", "This is blocked during your focus session"
        )
    if decision.reason is Reason.LIMIT_REACHED:
        return QCoreApplication.translate(
            "AttentionController", "Today's time for {limit} is used up"
        ).format(limit=decision.rule)
    return QCoreApplication.translate("AttentionController", "This is one of your limits")


def _screen_under_pointer() -> QRect:
    screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
    return screen.geometry()
