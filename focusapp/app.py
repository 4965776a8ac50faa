"""The composition root: builds every object of the running app, connects them, runs the loop.

Nothing else in the package creates long-lived objects or computes paths; tests build the same
objects with fakes, and `run()` is what `focusapp` with no arguments calls.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QSocketNotifier, QTimer, Signal
from PySide6.QtWidgets import QApplication

from focusapp import APP_ID, __version__
from focusapp.bridge.ipc_server import IpcServer
from focusapp.bridge.protocol import IpcError
from focusapp.bridge.single_instance import InstanceGuard
from focusapp.core.allowances import Allowances, MemoryAllowanceStore
from focusapp.core.attention import AttentionKeeper
from focusapp.core.clock import SystemClock
from focusapp.core.commands import CommandSet
from focusapp.core.errors import InvalidRequest, Refused
from focusapp.core.friction import FrictionGate
from focusapp.core.friction_pacing import FrictionPacer
from focusapp.core.journal import MemoryUrgeStore, UrgeStore
from focusapp.core.limits import LimitBook, MemoryLimitMemory, usage_report
from focusapp.core.phrases import Phrase, phrase
from focusapp.core.prompts import PromptLibrary
from focusapp.core.records import LogEntry, LogKind, MemorySessionStore, SessionStore
from focusapp.core.schedule import Block, weekday_numbers
from focusapp.core.session import (
    EMERGENCY_SENTENCES,
    EventKind,
    SessionEngine,
    SessionEvent,
    SessionPlan,
)
from focusapp.core.settings import Settings
from focusapp.core.timebase import TimeBase
from focusapp.core.usage import MemoryUsageStore, UsageLedger
from focusapp.platform.autostart import AutostartEntry, autostart_entry, launch_command
from focusapp.platform.autostart import apply as apply_autostart
from focusapp.platform.autostart import refresh as refresh_autostart
from focusapp.platform.base import PlatformAdapters
from focusapp.platform.select import create_platform
from focusapp.store.config import ConfigStore, LoadResult
from focusapp.store.database import Database, DatabaseUnavailable
from focusapp.store.paths import AppPaths
from focusapp.store.secrets import JournalKeys, NotesMode
from focusapp.store.session_store import SqliteSessionStore
from focusapp.store.urge_store import SqliteUrgeStore
from focusapp.store.usage_store import SqliteUsageStore
from focusapp.ui.app_icon import app_icon
from focusapp.ui.attention_controller import AttentionController
from focusapp.ui.desktop_notifications import DesktopNotifications
from focusapp.ui.fallback_window import FallbackWindow, show_tray_or_fallback
from focusapp.ui.i18n import Translation, resolve_language, say
from focusapp.ui.motion import QtEffects, reduce_motion
from focusapp.ui.notifier import Notifier
from focusapp.ui.qt_scheduler import QtScheduler
from focusapp.ui.tray import TrayController

if TYPE_CHECKING:
    from focusapp.ui.settings_window import SettingsWindow

log = logging.getLogger("focusapp")

PACING_KEY = "friction_pacing"  # beside the session state: how long the next pause is


def plan_from(settings: Settings) -> SessionPlan:
    s = settings.session
    return SessionPlan(
        focus_s=s.focus_minutes * 60.0,
        short_break_s=s.break_minutes * 60.0,
        long_break_s=s.long_break_minutes * 60.0,
        long_break_every=s.long_break_every,
        cycles=s.cycles,
        strict=s.strict,
    )


def blocks_from(settings: Settings) -> list[Block]:
    return [
        Block(
            name=rule.name,
            weekdays=weekday_numbers(rule.days),
            start=rule.start_time,
            end=rule.end_time,
            profile=rule.profile,
            strict=rule.strict,
        )
        for rule in settings.schedules
        if rule.enabled
    ]


KEYRING_PROBE_ARG = "_keyring-probe"


def _keyring_works_in_child() -> bool:
    """Runs `focusapp _keyring-probe` (which creates the key on first use) and reads its verdict."""
    import subprocess

    if getattr(sys, "frozen", False):  # a bundled app: its executable is the focusapp command
        argv = [sys.executable, KEYRING_PROBE_ARG]
    else:
        argv = [sys.executable, "-m", "focusapp", KEYRING_PROBE_ARG]
    try:
        done = subprocess.run(
            argv, capture_output=True, text=True, timeout=60, check=False, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("the keyring probe did not answer: %s", exc)
        return False
    return done.returncode == 0 and done.stdout.strip() == "available"


def _present(window: Any) -> None:
    window.show()
    window.raise_()
    window.activateWindow()


def _watched_apps(settings: Settings) -> set[str]:
    names = {app for profile in settings.profiles for app in profile.block_apps}
    names |= {app for limit in settings.limits for app in limit.apps}
    return names


@dataclass
class Startup:
    """What the user must be told about this start: broken config, recovered database...

    Phrases are worded in the user's language for the desktop and in English for the CLI."""

    notices: list[Phrase | str] = field(default_factory=list)


class FocusApp(QObject):
    """Owns the app-wide objects and their wiring (Vorta's application object is the model)."""

    # Emitted from a worker thread once the keyring has answered; delivered on the GUI thread.
    notes_checked = Signal()

    def __init__(self, qapp: QApplication, paths: AppPaths) -> None:
        super().__init__()
        self.qapp = qapp
        self.paths = paths
        self.startup = Startup()
        self.notifier = Notifier(desktop=self._desktop_notifications())
        self.qt_effects = QtEffects()
        self.config = ConfigStore(paths.config_file, paths.last_good_config_file)
        loaded = self.config.load()
        self.settings = loaded.settings
        # Before any widget exists: every window takes its words from the translators. The
        # language is chosen once per run (a change in settings applies at the next start).
        self.translation = Translation(resolve_language(self.settings.general.language))
        self.translation.install(qapp)
        self.db: Database | None = None
        self.store: SessionStore = self._open_store()
        self._report_config(loaded)

        self.time = TimeBase(SystemClock())
        self.scheduler = QtScheduler(self)
        self.engine = SessionEngine(
            self.time,
            self.scheduler,
            self.store,
            plan_defaults=plan_from(self.settings),
            emergency_exits_per_week=self.settings.strict.emergency_exits_per_week,
            emergency_wait_s=float(self.settings.strict.emergency_wait_seconds),
            blocks=blocks_from(self.settings),
            tick_hook=self._refresh,
            # Typed by hand to leave a strict session: in the language the dialog shows.
            emergency_sentences=[say(sentence) for sentence in EMERGENCY_SENTENCES],
        )
        self.commands = CommandSet(
            self.engine,
            profiles=lambda: [p.name for p in self.settings.profiles],
            default_strict=lambda: self.settings.session.strict,
        )
        self._build_attention()
        self.commands.add("usage", self._usage)
        for name, handler in self.browser.handlers().items():
            self.commands.add(name, handler)
        self.raise_gate = FrictionGate(
            self.time,
            float(self.settings.strict.emergency_wait_seconds),
            (
                self.tr("I am raising my limit today on purpose, and I know why I set it."),
                self.tr("I choose to have more time today, and that is my own decision."),
            ),
        )
        self.commands.add("status", lambda _: self._status_with_limits())
        self.commands.add("limits_raise_begin", self._limits_raise_begin)
        self.commands.add("limits_raise_confirm", self._limits_raise_confirm)
        self.commands.add("activate", self._activate)
        self.commands.add(
            "notices", lambda _: {"notices": [str(notice) for notice in self.startup.notices]}
        )
        self.commands.add("version", lambda _: {"version": __version__, "pid": os.getpid()})

        self.server = IpcServer(paths.socket_path, self._serve, self)
        self.tray = TrayController(
            self.commands,
            open_settings=self.open_settings,
            quit_app=self.quit,
            notifier=self.notifier,
            parent=self,
            open_journal=self.open_journal,
            open_insights=self.open_insights,
        )
        self.journal_window: Any = None
        self.insights_window: Any = None
        self.fallback: FallbackWindow | None = None
        self.settings_window: SettingsWindow | None = None
        # Decided before anything could write a config file: a first start shows the welcome.
        self.first_run = not (paths.config_file.exists() or paths.welcome_done_file.exists())
        self.welcome: Any = None
        self._notes_question_waiting = False
        self.engine.subscribe(self._on_session_event)

        self.watcher = QFileSystemWatcher(self)
        self.watcher.addPath(str(paths.config_dir))  # the file appearing or being replaced
        if paths.config_file.exists():
            self.watcher.addPath(str(paths.config_file))  # the file edited in place
        self.watcher.directoryChanged.connect(lambda _: self._config_changed_on_disk())
        self.watcher.fileChanged.connect(lambda _: self._config_changed_on_disk())
        self._config_mtime = self._config_stamp()

    def _build_attention(self) -> None:
        general = self.settings.general
        if self.db is not None:
            usage_store = SqliteUsageStore(self.db)
            allowance_store: Any = usage_store
            limit_memory: Any = usage_store
        else:
            usage_store, allowance_store, limit_memory = (
                MemoryUsageStore(),
                MemoryAllowanceStore(),
                MemoryLimitMemory(),
            )
        self.ledger = UsageLedger(
            self.time,
            usage_store,
            day_start=general.day_start_time,
            idle_threshold_s=general.idle_minutes * 60.0,
        )
        self.limits = LimitBook(
            self.settings.limits,
            self.ledger,
            self.time,
            memory=limit_memory,
            log=self.store.append_log,
        )
        self.allowances = Allowances(self.time, allowance_store)
        self.keeper = AttentionKeeper(
            self.ledger,
            self.limits,
            self.allowances,
            session=self.engine.status,
            profile_of=lambda name: self.settings.profile(name) if name else None,
            own_pid=os.getpid(),
        )
        self.journal_keys = JournalKeys(
            NotesMode(self.settings.journal.notes),
            verifier_file=self.paths.data_dir / "journal-passphrase.json",
        )
        self._notes_dialog: Any = None
        self._keyring_ok: bool | None = None
        self._notes_status: Any = None  # the keyring's full answer, once asked off the GUI thread
        self._checkin: Any = None
        self.urges: UrgeStore = (
            SqliteUrgeStore(self.db, self._note_cipher) if self.db else MemoryUrgeStore()
        )
        self.platform: PlatformAdapters = create_platform()
        self.autostart: AutostartEntry = autostart_entry()
        pacing_state = (
            self.store.load_state(PACING_KEY)
            if isinstance(self.store, SqliteSessionStore)
            else None
        )
        pacer = FrictionPacer.from_state(self.time, pacing_state or {})
        from focusapp.ui.browser_link import BrowserLink

        self.browser = BrowserLink(
            policy=self._browser_policy,
            ledger=self.ledger,
            allowances=self.allowances,
            urges=self.urges,
            prompts=self._prompt_library,
            pacer=pacer,
            session_id=lambda: self.engine.status().session_id,
            save_pacing=self._save_pacing,
        )
        self.attention = AttentionController(
            self.keeper,
            self.platform,
            self.urges,
            self.notifier,
            prompts=self._prompt_library,
            pacer=pacer,
            save_pacing=self._save_pacing,
            reduce_motion=self.motion_reduced,
            session_id=lambda: self.engine.status().session_id,
            strict=lambda: self.engine.status().strict,
            parent=self,
        )
        self._prompts: PromptLibrary | None = None

    def _desktop_notifications(self) -> DesktopNotifications | None:
        """The desktop's notification service on Linux; none without a screen (offscreen)."""
        if not sys.platform.startswith("linux"):
            return None  # the tray's messages are the native notifications there
        if self.qapp.platformName() in ("offscreen", "minimal"):
            return None
        return DesktopNotifications(parent=self)

    def motion_reduced(self) -> bool:
        """Reduce motion, as configured or (with "system") as the desktop says right now."""
        return reduce_motion(self.settings.general.motion_choice)

    def _browser_policy(self) -> dict[str, Any]:
        from focusapp.core.browser_policy import browser_policy

        status = self.engine.status()
        return browser_policy(
            status,
            self.engine.session_ends_at(),
            self.settings.profile(status.profile) if status.profile else None,
            self.settings.metrics,
            self.settings.limits,
            self.limits.status(),
            self.ledger.next_day_starts_at(),
        )

    def _save_pacing(self, state: dict[str, Any]) -> None:
        if isinstance(self.store, SqliteSessionStore):
            self.store.save_state(state, PACING_KEY)

    def _note_cipher(self) -> Any:
        # Never a keyring call on the GUI thread that could wait on a prompt: until the probe
        # has vouched for the keyring (or the status is known), nothing typed is kept.
        if self.journal_keys.mode is NotesMode.OFF:
            return None
        unvouched = self.journal_keys.mode is NotesMode.KEYRING and not self._keyring_ok
        if unvouched and (self._notes_status is None or not self._notes_status.notes_usable):
            return None
        return self.journal_keys.cipher()

    def _notes_sentence(self) -> str:
        if self.journal_keys.mode is NotesMode.KEYRING and self._keyring_ok:
            return self.tr("What you type is encrypted with a key kept in your system keyring.")
        if self._notes_status is not None:
            return say(self._notes_status.words)
        return ""

    def _prompt_library(self) -> PromptLibrary:
        if self._prompts is None:
            # The same language as the windows around the question.
            self._prompts = PromptLibrary.bundled(self.translation.language)
        return self._prompts

    def _status_with_limits(self) -> dict[str, Any]:
        status = self.commands.status()
        status["deferred_limits"] = sorted({c.name for c in self.limits.deferred()})
        return status

    def _limits_raise_begin(self, _: dict[str, Any]) -> dict[str, Any]:
        if not self.limits.deferred():
            raise Refused(phrase("FocusApp", "No raised limit is waiting for tomorrow."))
        challenge = self.raise_gate.begin()
        return {
            "token": challenge.token,
            "sentence": challenge.sentence,
            "wait_s": self.raise_gate.wait_left(challenge),
            "exits_left": 0,
        }

    def _limits_raise_confirm(self, args: dict[str, Any]) -> dict[str, Any]:
        self.raise_gate.confirm(str(args.get("token", "")), str(args.get("typed", "")))
        changes = self.limits.force_deferred()
        log.info("raised limits applied today: %s", ", ".join(c.name for c in changes))
        self.attention.session_changed()
        return self._status_with_limits()

    def _usage(self, args: dict[str, Any]) -> dict[str, Any]:
        from datetime import date

        day = self.ledger.today()
        if args.get("date") is not None:
            try:
                day = date.fromisoformat(str(args["date"]))
            except ValueError:
                raise InvalidRequest("The date must look like 2026-11-26.") from None
        self.attention.tick_now()
        self.ledger.flush()
        report = usage_report(self.ledger.day_totals(day), self.limits.status(day))
        report["tracking"] = {"backend": self.platform.backend, "note": str(self.platform.note)}
        return report

    # -- start and stop ------------------------------------------------------------------------

    def start(self) -> None:
        # Visible first: whatever fails after this, the user has a tray icon (or a window) that
        # works and tells them, rather than a process holding the lock with nothing on screen.
        self.fallback = show_tray_or_fallback(self.tray)
        if self.fallback is not None:
            self.tray.dialog_parent = self.fallback
            log.warning(
                "No system tray was found on this desktop (platform %s), so Focusapp shows a "
                "small window instead.",
                self.qapp.platformName(),
            )
        try:
            self.server.listen()
        except IpcError as exc:
            self.startup.notices.append(
                phrase(
                    "FocusApp",
                    "The command line can't reach this app: {error} Everything else works.",
                )(error=str(exc))
            )
        self.engine.start_up()
        self._step(
            "match the desktop's motion setting",
            self._apply_motion,
            phrase("FocusApp", "Focusapp could not match the desktop's motion setting: {error}"),
        )
        self._step(
            "keep the login entry up to date",
            self._refresh_autostart,
            phrase("FocusApp", "Focusapp could not keep its login entry up to date: {error}"),
        )
        self._step(
            "watch the apps in front",
            self._start_attention,
            phrase("FocusApp", "Focusapp could not watch the apps in front: {error}"),
        )
        self._step(
            "read what the browser kept",
            self._read_browser_spool,
            phrase("FocusApp", "Focusapp could not read what the browser kept: {error}"),
        )
        if self.db is not None:
            self._step(
                "tidy the journal",
                lambda: self._journal_store().apply_retention(self.settings.journal.keep_days),
                phrase("FocusApp", "Focusapp could not tidy the journal: {error}"),
            )
        # Asking the keyring can take long (D-Bus activation, an unlock prompt, a 25 s D-Bus
        # timeout): never on the GUI thread, or the tray and the socket freeze meanwhile.
        self.notes_checked.connect(
            lambda: self._step("check where notes live", self._ask_about_notes, _NOTES_FAILED)
        )
        self.notes_checked.connect(self._tell_welcome_about_keyring)
        if self.first_run:
            self._step(
                "show the welcome",
                self._open_welcome,
                phrase("FocusApp", "Focusapp could not show the welcome: {error}"),
            )
        threading.Thread(target=self._probe_keyring, name="keyring-probe", daemon=True).start()
        self._refresh()
        for notice in self.startup.notices:
            log.warning("%s", notice)
            self.notifier.notify("Focusapp", say(notice))

    def _step(self, what: str, action: Callable[[], object], failed: Phrase | None = None) -> None:
        """A part of starting up that may fail on its own without taking the app down.

        `what` names it in the log; `failed` is the sentence for the user, with `{error}`."""
        try:
            action()
        except Exception as exc:
            log.exception("could not %s", what)
            if failed is None:
                failed = phrase(
                    "FocusApp", "Focusapp could not finish part of its start ({step}): {error}"
                )(step=what)
            self.startup.notices.append(failed(error=str(exc)))

    def _start_attention(self) -> None:
        self.attention.watch(_watched_apps(self.settings))
        self.attention.start()
        log.info("Tracking: %s", self.platform.note)
        if self.platform.backend not in ("x11", "windows", "macos"):
            # Wayland and unknown desktops see less: say so plainly, once, at start.
            self.startup.notices.append(self.platform.note)

    def _open_welcome(self) -> None:
        from focusapp.bridge.browser_manifests import extension_path
        from focusapp.ui.welcome import BrowserSetup, WelcomeWindow

        folder = extension_path("chromium")
        window = WelcomeWindow(
            self.config,
            BrowserSetup(self._connect_browsers, folder if folder.is_dir() else None),
            set_autostart=self.set_autostart,
        )
        window.saved.connect(self.apply_settings)
        window.finished.connect(self._welcome_closed)
        self.welcome = window
        _present(window)

    def _connect_browsers(self) -> list[str]:
        from focusapp.bridge.browser_manifests import HostEnvironment, install

        changes = install(HostEnvironment.current(self.paths.data_dir))
        return [change.browser.display_name for change in changes]

    def _welcome_closed(self) -> None:
        """Finished, skipped or closed: never shown again; a question it held back comes now."""
        try:
            self.paths.welcome_done_file.touch()
        except OSError as exc:
            log.warning("could not remember that the welcome was shown: %s", exc)
        if self.welcome is not None:
            self.welcome.deleteLater()
            self.welcome = None
        if self._notes_question_waiting:
            self._notes_question_waiting = False
            self._step("check where notes live", self._ask_about_notes, _NOTES_FAILED)

    def _tell_welcome_about_keyring(self) -> None:
        if self.welcome is None:
            return
        from focusapp.ui.i18n import say

        found = self.journal_keys.mode is NotesMode.KEYRING and bool(self._keyring_ok)
        detail = "" if found or self._notes_status is None else say(self._notes_status.words)
        self.welcome.set_keyring_state(found, detail)

    def _apply_motion(self) -> None:
        self.qt_effects.apply(self.motion_reduced())

    def _read_browser_spool(self) -> None:
        spooled = self.browser.ingest_spool(self.paths.state_dir / "native-host-spool.jsonl")
        if spooled:
            log.info("read %d answers the browser kept while Focusapp was closed", spooled)

    def quit(self) -> None:
        self.qapp.quit()

    def shut_down(self) -> None:
        """Runs once when the event loop ends, whatever ended it (Quit, SIGTERM, Ctrl+C)."""
        self.engine.shut_down()
        self.attention.stop()
        self.server.close()
        if self.db is not None:
            self.db.close()
        self.translation.remove(self.qapp)
        if self.welcome is not None:
            self.welcome.hide()  # not closed by the user: it shows again at the next start
        self.tray.tray.hide()

    # -- wiring ---------------------------------------------------------------------------------

    def _serve(self, cmd: str, args: dict[str, Any]) -> dict[str, Any]:
        return self.commands.run(cmd, args)

    def _activate(self, _: dict[str, Any]) -> dict[str, Any]:
        """A second `focusapp` was launched: show ourselves rather than start twice."""
        if self.fallback is not None:
            self.fallback.present()
        else:
            self.notifier.notify(
                self.tr("Focusapp is already running"), self.tr("It lives here, in the tray.")
            )
        return {"pid": os.getpid()}

    def _refresh(self) -> None:
        self.tray.update(self._status_with_limits())

    def _on_session_event(self, event: SessionEvent) -> None:
        if event.kind is EventKind.CLOCK_JUMP:
            log.warning(
                "The system clock jumped by %.0f s; the session keeps its real length.",
                event.detail.get("delta_s", 0.0),
            )
        self._refresh()
        if event.kind in (EventKind.STARTED, EventKind.PHASE_CHANGED, EventKind.RESUMED):
            self.attention.session_changed()
        if event.kind is EventKind.ENDED and event.detail.get("reason") == "completed":
            previous = event.detail.get("previous") or {}
            # Scheduled sessions come back on their own: asking after each would become noise.
            if not str(previous.get("source") or "").startswith("schedule:"):
                self._offer_checkin(previous)

    def open_settings(self) -> None:
        if self.settings_window is None:
            # Loaded on first use: showing the tray does not need the settings window's widgets.
            from focusapp.ui.settings_window import SettingsWindow

            self.settings_window = SettingsWindow(self.config, self.tray.dialog_parent)
            self.settings_window.saved.connect(self.apply_settings)
            self.settings_window.finished.connect(self._settings_closed)
        self.settings_window.show()
        self.settings_window.raise_()
        self.settings_window.activateWindow()

    def _probe_keyring(self) -> None:
        """Whether the keyring can keep the notes' key, asked in a child process: loading the
        keyring stack costs ~20 MB of memory, which a run that never writes a note needn't pay."""
        self._keyring_ok = None
        try:
            if self.journal_keys.mode is NotesMode.KEYRING:
                self._keyring_ok = _keyring_works_in_child()
            if not self._keyring_ok:
                # Something to tell the user: the full status, still off the GUI thread (a
                # keyring waiting on an unlock prompt may take as long as the user does).
                self._notes_status = self.journal_keys.status()
        except Exception:
            log.exception("asking the keyring failed")
        self.notes_checked.emit()

    def _notes_usable(self) -> bool:
        if self.journal_keys.mode is NotesMode.OFF:
            return False
        if self.journal_keys.mode is NotesMode.KEYRING and self._keyring_ok:
            return True
        return self._notes_status is not None and bool(self._notes_status.notes_usable)

    def _ask_about_notes(self) -> None:
        """Where notes live, asked plainly when the keyring can't keep them (or once per start
        for a passphrase)."""
        from focusapp.store.secrets import KeyStatus
        from focusapp.ui.notes_dialogs import NotesChoiceDialog, PassphrasePrompt

        keys = self.journal_keys
        if keys.mode is NotesMode.KEYRING and self._keyring_ok:
            return  # the keyring works: nothing to ask
        if self.welcome is not None:
            self._notes_question_waiting = True  # one window at a time: after the welcome
            return
        status = self._notes_status
        if status is None:
            return
        dialog: Any
        if keys.mode is NotesMode.PASSPHRASE and status.key_status is KeyStatus.LOCKED:
            dialog = PassphrasePrompt(keys, self.tray.dialog_parent)
        elif (keys.mode is NotesMode.KEYRING and status.offer_fallback) or (
            status.key_status is KeyStatus.NOT_SET_UP
        ):
            log.warning("Notes: %s", status.sentence)
            dialog = NotesChoiceDialog(keys, self.tray.dialog_parent)
            dialog.mode_chosen.connect(
                lambda mode, d=dialog: self._notes_mode_chosen(mode, d.dismissed)
            )
        else:
            return
        dialog.finished.connect(dialog.deleteLater)
        self._notes_dialog = dialog
        dialog.open()

    # -- starting at login ----------------------------------------------------------------------

    def set_autostart(self, enabled: bool) -> None:
        """Start with the user's session, or not: saved as `[general] autostart` and written to
        the login entry at once. The first-run welcome calls this when it closes, with its
        checkbox (ticked by default): that is how autostart comes on "after the first run".
        Nothing else adds a login entry on its own; see `focusapp.platform.autostart`."""
        import dataclasses

        from focusapp.store.config import ConfigBroken

        if enabled != self.settings.general.autostart:
            general = dataclasses.replace(self.settings.general, autostart=enabled)
            new = dataclasses.replace(self.settings, general=general)
            try:
                self.config.save(new)
            except ConfigBroken as exc:
                self.notifier.notify(self.tr("Your choice holds until Focusapp quits"), str(exc))
            self.settings = new
            self._config_mtime = self._config_stamp()
        self._apply_autostart(enabled)

    def _apply_autostart(self, enabled: bool) -> None:
        try:
            if apply_autostart(self.autostart, enabled, launch_command()):
                log.info(
                    "Login entry %s: %s",
                    "written" if enabled else "removed",
                    self.autostart.location,
                )
        except OSError as exc:
            log.warning("could not change the login entry %s: %s", self.autostart.location, exc)
            self.notifier.notify(
                self.tr("Focusapp could not change how it starts when you log in"),
                self.tr("{place}: {problem}").format(
                    place=self.autostart.location, problem=exc.strerror or exc
                ),
            )

    def _refresh_autostart(self) -> None:
        if refresh_autostart(self.autostart, self.settings.general.autostart, launch_command()):
            log.info("Login entry brought up to date: %s", self.autostart.location)

    def _notes_mode_chosen(self, mode: NotesMode, dismissed: bool) -> None:
        import dataclasses

        from focusapp.store.config import ConfigBroken

        if dismissed or mode.value == self.settings.journal.notes:
            return  # Escape: notes off for this run only; asked again at the next start
        journal = dataclasses.replace(self.settings.journal, notes=mode.value)
        new = dataclasses.replace(self.settings, journal=journal)
        try:
            self.config.save(new)
        except ConfigBroken as exc:
            self.notifier.notify(
                self.tr("Your choice holds until Focusapp quits"), say(exc.problem.words)
            )
        self.apply_settings(new)

    def _offer_checkin(self, previous: dict[str, Any]) -> None:
        from focusapp.ui.checkin_dialog import CheckinDialog

        if self._checkin is not None:
            self._checkin.close()  # an unanswered one counts as skipped
        dialog = CheckinDialog(notes_kept=self._notes_usable())
        session_id, profile = previous.get("session_id"), previous.get("profile")
        dialog.answered.connect(lambda a, n: self._record_checkin(session_id, profile, a, n))
        dialog.finished.connect(lambda _r, d=dialog: self._checkin_closed(d))
        self._checkin = dialog
        dialog.show()

    def _checkin_closed(self, dialog: Any) -> None:
        if self._checkin is dialog:
            self._checkin = None
        dialog.deleteLater()

    def _record_checkin(
        self, session_id: str | None, profile: str | None, answer: str | None, note: str | None
    ) -> None:
        from focusapp.core.journal import Outcome, UrgeEntry

        self.urges.record_urge(
            UrgeEntry(
                ts=self._now(),
                trigger_kind="session_checkin",
                target_kind="session",
                target_name=profile or "focus session",
                outcome=Outcome.CHECKIN,
                prompt_id="checkin",
                answer=answer,
                note=note,
                session_id=session_id,
            )
        )

    def _journal_store(self) -> Any:
        from focusapp.store.journal_store import JournalStore

        keys = self.journal_keys
        return JournalStore(
            self.db,
            keys.cipher,
            lambda error: say(keys.explain_words(error)),
            no_key=lambda: say(keys.status().words),
            prompt_text=self._prompt_text,
            word=say,
        )

    def _prompt_text(self, prompt_id: str) -> str | None:
        try:
            library = self._prompt_library()
        except Exception:  # a damaged install: the journal still shows everything else
            log.exception("the prompt library could not be loaded")
            return None
        return library.get(prompt_id).text if prompt_id in library else None

    def open_journal(self) -> None:
        from focusapp.ui.journal_window import JournalWindow

        if self.db is None:
            self.notifier.notify(
                self.tr("Journal unavailable"), self.tr("Focusapp's database could not be opened.")
            )
            return
        if self.journal_window is None:
            self.journal_window = JournalWindow(
                self._journal_store(),
                notes_status=self._notes_sentence(),
                retention_days=self.settings.journal.keep_days,
            )
        else:
            self.journal_window.set_notes_status(self._notes_sentence())
            self.journal_window.refresh()
        _present(self.journal_window)

    def open_insights(self) -> None:
        from focusapp.core.insights import categories_of
        from focusapp.store.insights_query import InsightsQuery
        from focusapp.ui.insights_window import InsightsWindow

        if self.db is None:
            self.notifier.notify(
                self.tr("Insights unavailable"), self.tr("Focusapp's database could not be opened.")
            )
            return
        if self.insights_window is None:
            query = InsightsQuery(self.db)
            categories = categories_of(self._prompt_library())
            self.insights_window = InsightsWindow(
                lambda days: query.model(
                    days,
                    self.time.now(),
                    self.time.clock.local_tz(),
                    limits=self.settings.limits,
                    categories=categories,
                    day_start=self.settings.general.day_start_time,
                )
            )
        else:
            self.insights_window.refresh()
        _present(self.insights_window)

    def _settings_closed(self) -> None:
        if self.settings_window is not None:
            self.settings_window.deleteLater()
            self.settings_window = None

    def apply_settings(self, settings: Settings) -> None:
        autostart_changed = settings.general.autostart != self.settings.general.autostart
        self.settings = settings
        if autostart_changed:
            self._apply_autostart(settings.general.autostart)
        self._config_mtime = self._config_stamp()
        general = settings.general
        self.ledger.configure(
            day_start=general.day_start_time, idle_threshold_s=general.idle_minutes * 60.0
        )
        self.limits.configure(settings.limits)
        self._apply_motion()
        self.attention.watch(_watched_apps(settings))
        if NotesMode(settings.journal.notes) is not self.journal_keys.mode:
            self.journal_keys.set_mode(NotesMode(settings.journal.notes))
        self._prompts = None
        self.engine.configure(
            plan_defaults=plan_from(settings),
            emergency_exits_per_week=settings.strict.emergency_exits_per_week,
            emergency_wait_s=float(settings.strict.emergency_wait_seconds),
            blocks=blocks_from(settings),
        )
        self._refresh()

    def _config_stamp(self) -> bytes | None:
        # The content itself: two saves within one kernel tick share an mtime.
        try:
            return self.paths.config_file.read_bytes()
        except OSError:
            return None

    def _config_changed_on_disk(self) -> None:
        """Hand edits apply without a restart; a broken edit keeps the settings in force."""
        stamp = self._config_stamp()
        if stamp == self._config_mtime:
            return
        self._config_mtime = stamp
        if self.paths.config_file.exists():
            self.watcher.addPath(str(self.paths.config_file))
        loaded = self.config.load()
        if loaded.source != "file":
            # A syntax error: keep what runs now rather than falling back to older settings.
            self._report_config(loaded, notify=True)
            return
        self._report_config(loaded, notify=True)
        self.apply_settings(loaded.settings)

    def _report_config(self, loaded: LoadResult, notify: bool = False) -> None:
        for problem in loaded.problems:
            text = phrase("FocusApp", "{problem} Your file was left as it is.")(
                problem=problem.words
            )
            self.startup.notices.append(text)
            self.store.append_log(
                LogEntry(self._now(), LogKind.CONFIG_PROBLEM, {"problem": str(problem)})
            )
            if notify:
                self.notifier.notify(self.tr("Focusapp settings"), say(text))

    def _now(self) -> Any:
        from datetime import UTC, datetime

        return datetime.now(UTC)

    def _open_store(self) -> SessionStore:
        try:
            db, notices = Database.open(self.paths.database_file)
        except DatabaseUnavailable as exc:
            self.startup.notices.append(
                phrase(
                    "FocusApp",
                    "{problem} Focusapp runs without saving history until this is fixed.",
                )(problem=exc.words)
            )
            return MemorySessionStore()
        self.db = db
        self.startup.notices.extend(notices)
        return SqliteSessionStore(db)


_NOTES_FAILED = phrase("FocusApp", "Focusapp could not check where notes live: {error}")


def _install_signal_handlers(app: QApplication, parent: QObject) -> None:
    """Ctrl+C and SIGTERM end the event loop cleanly, so the session state is saved.

    Python only runs signal handlers between bytecodes, which never happens while Qt waits in C++;
    the wakeup fd makes the kernel write a byte that wakes the event loop.
    """
    if sys.platform == "win32":
        signal.signal(signal.SIGINT, lambda *_: app.quit())
        return
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, parent)

    def drain() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)

    notifier.activated.connect(drain)
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda *_: app.quit())
    parent.setProperty("_signal_sockets", None)
    # Keep both ends alive as long as the app.
    parent._signal_sockets = (reader, writer, notifier)  # type: ignore[attr-defined]


def run(argv: list[str] | None = None) -> int:
    level = os.environ.get("FOCUSAPP_LOG", "INFO").upper()
    logging.basicConfig(
        level=level if level in logging.getLevelNamesMapping() else "INFO",
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    paths = AppPaths.from_environment()
    paths.ensure()
    guard = InstanceGuard(paths.lock_file, paths.socket_path)
    if not guard.acquire():
        if guard.notify_primary():
            print("Focusapp is already running; it was asked to show itself.")
            return 0
        print(
            "Focusapp seems to be running but does not answer. "
            "If it hangs, end it and start again.",
            file=sys.stderr,
        )
        return 1

    qapp = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("focusapp")
    qapp.setApplicationDisplayName("Focusapp")
    qapp.setApplicationVersion(__version__)
    qapp.setDesktopFileName(APP_ID)
    qapp.setWindowIcon(app_icon())
    qapp.setQuitOnLastWindowClosed(False)

    app = FocusApp(qapp, paths)
    _install_signal_handlers(qapp, app)
    QTimer.singleShot(0, app.start)
    try:
        qapp.exec()
    finally:
        try:
            app.shut_down()
        finally:
            guard.release()
    log.info("Focusapp stopped.")
    return 0
