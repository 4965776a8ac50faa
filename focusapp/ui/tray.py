"""The tray icon and its menu: the app's everyday face.

`TrayController` owns one set of `QAction`s, keyed by stable names (`controller.actions`). The tray
menu is laid out from them each time it opens, from the last status the app pushed through
`update()`, and the fallback window shows the same actions as buttons. Every action goes through
the same commands the CLI sends; a refusal is shown as a calm message, never a crash.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLocale,
    QObject,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup, QCursor, QGuiApplication, QIcon
from PySide6.QtWidgets import QMenu, QMessageBox, QSystemTrayIcon, QWidget

from focusapp.core.errors import CommandError, Refused
from focusapp.ui.commands import CommandRunner, Phase, SessionStatus
from focusapp.ui.i18n import say
from focusapp.ui.notifier import Notifier
from focusapp.ui.tray_icon import make_icon, panel_is_dark, panel_is_dark_behind

if TYPE_CHECKING:
    # The dialogs load on first use: the tray icon and its menu do not need them.
    from focusapp.ui.emergency_dialog import EmergencyDialog
    from focusapp.ui.start_dialog import StartChoice, StartDialog

_log = logging.getLogger(__name__)

PRESET_MINUTES = (25, 50, 90)
# Enough steps that the ring visibly moves every minute of a 90-minute block, few enough that the
# icon is not re-sent to the panel on every status update.
_ICON_STEPS = 120
# How the tray looks at the panel behind its icon once docked (X11 only).
_PANEL_LOOKS = 5
_PANEL_LOOK_EVERY_MS = 400

HEADER = "header"
STRICT_LINE = "strict_line"
START = "start"
START_CUSTOM = "start_custom"
PROFILE_LABEL = "profile_label"
NO_PROFILE = "no_profile"
STRICT = "strict"
PAUSE = "pause"
RESUME = "resume"
SKIP_BREAK = "skip_break"
STOP = "stop"
EMERGENCY = "emergency"
RAISE_LIMITS = "raise_limits"
SETTINGS = "settings"
JOURNAL = "journal"
INSIGHTS = "insights"
QUIT = "quit"


def start_key(minutes: int) -> str:
    return f"start_{minutes}"


def profile_key(name: str) -> str:
    return f"profile:{name}"


def format_time_left(seconds: float) -> str:
    """'18 min left', rounded up so the last minute still says '1 min', not '0 min'."""
    if seconds < 60:
        return QCoreApplication.translate("TrayController", "under a minute left")
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return QCoreApplication.translate("TrayController", "{minutes} min left").format(
            minutes=minutes
        )
    hours, rest = divmod(minutes, 60)
    if rest:
        return QCoreApplication.translate("TrayController", "{hours} h {minutes} min left").format(
            hours=hours, minutes=rest
        )
    return QCoreApplication.translate("TrayController", "{hours} h left").format(hours=hours)


def format_clock_time(when: datetime) -> str:
    """A wall-clock time in the user's local zone and the locale's short format (11:40)."""
    local = when.astimezone()
    return QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)


# (phase, break kind) -> (name, name while paused), translated when shown.
_PHASE_NAMES: dict[tuple[Phase, str | None], tuple[str, str]] = {
    (Phase.FOCUS, None): (
        QT_TRANSLATE_NOOP("TrayController", "Focus"),
        QT_TRANSLATE_NOOP("TrayController", "Focus paused"),
    ),
    (Phase.BREAK, "short"): (
        QT_TRANSLATE_NOOP("TrayController", "Short break"),
        QT_TRANSLATE_NOOP("TrayController", "Short break paused"),
    ),
    (Phase.BREAK, "long"): (
        QT_TRANSLATE_NOOP("TrayController", "Long break"),
        QT_TRANSLATE_NOOP("TrayController", "Long break paused"),
    ),
    (Phase.BREAK, None): (
        QT_TRANSLATE_NOOP("TrayController", "Break"),
        QT_TRANSLATE_NOOP("TrayController", "Break paused"),
    ),
    (Phase.IDLE, None): (
        QT_TRANSLATE_NOOP("TrayController", "Not in a session"),
        QT_TRANSLATE_NOOP("TrayController", "Not in a session"),
    ),
}


def phase_name(status: SessionStatus) -> str:
    """'Focus', 'Short break', 'Focus paused'..."""
    names = _PHASE_NAMES.get(
        (status.phase, status.break_kind if status.phase is Phase.BREAK else None)
    )
    if names is None:
        names = _PHASE_NAMES[(status.phase, None)]
    return QCoreApplication.translate("TrayController", names[1] if status.paused else names[0])


def describe_status(status: SessionStatus) -> str:
    """The menu's header line: 'Focus – 18 min left', 'Short break – 3 min left'."""
    if not status.in_session:
        return QCoreApplication.translate("TrayController", "Not in a session")
    name = phase_name(status)
    left = status.seconds_left()
    text = name
    if left is not None:
        text = QCoreApplication.translate("TrayController", "{phase} – {time_left}").format(
            phase=name, time_left=format_time_left(left)
        )
    if status.cycles > 1 and status.cycle > 0:
        text = QCoreApplication.translate(
            "TrayController", "{status} · {cycle} of {cycles}"
        ).format(status=text, cycle=status.cycle, cycles=status.cycles)
    return text


def describe_strict(status: SessionStatus) -> str:
    """'Strict session – ends at 11:40': when the whole session (every cycle) is over."""
    end = status.session_ends_at
    last_block = status.cycles <= 1 or status.cycle >= status.cycles
    if end is None and last_block and status.phase is Phase.FOCUS:
        # Without the session's end, the last focus block's end is the same moment.
        end = status.ends_at
    if end is not None:
        return QCoreApplication.translate(
            "TrayController", "Strict session – ends at {time}"
        ).format(time=format_clock_time(end))
    if status.cycles > 1:
        return QCoreApplication.translate(
            "TrayController", "Strict session – cycle {cycle} of {cycles}"
        ).format(cycle=status.cycle, cycles=status.cycles)
    return QCoreApplication.translate("TrayController", "Strict session")


def _empty(menu: QMenu) -> None:
    """Take every entry out of `menu`, deleting only the separators and sections it made itself.

    `QMenu.clear()` would also delete a submenu's own action, which this controller keeps.
    """
    for action in menu.actions():
        menu.removeAction(action)
        if action.parent() is menu:
            action.deleteLater()


class TrayController(QObject):
    """Shows the session in the tray and turns menu choices into commands."""

    status_changed = Signal(object)
    """Emitted with the new `SessionStatus` after each `update()`."""
    actions_changed = Signal()
    """Emitted when actions were added or removed (the profile list changed)."""

    def __init__(
        self,
        runner: CommandRunner,
        *,
        open_settings: Callable[[], None],
        quit_app: Callable[[], None],
        notifier: Notifier,
        parent: QObject | None = None,
        dark_panel: bool | None = None,
        open_journal: Callable[[], None] | None = None,
        open_insights: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._open_settings = open_settings
        self._open_journal = open_journal
        self._open_insights = open_insights
        self._quit_app = quit_app
        self.notifier = notifier
        self._dark_panel = dark_panel
        self._status = SessionStatus()
        self._has_status = False
        self._profile_choice: str | None = None
        self._strict_choice: bool | None = None
        self._custom_minutes = PRESET_MINUTES[0]
        self._icon_key: tuple[object, ...] | None = None
        self._seen_panel: bool | None = None
        self._panel_looks_left = _PANEL_LOOKS

        self.dialog_parent: QWidget | None = None
        """Where dialogs and messages attach; the fallback window sets itself here."""
        self.message_box: QMessageBox | None = None
        self.start_dialog: StartDialog | None = None
        self.emergency_dialog: EmergencyDialog | None = None

        self.actions: dict[str, QAction] = {}
        self.menu = QMenu()
        self.start_menu = QMenu(self.tr("Start focus"), self.menu)
        self._profile_group = QActionGroup(self)
        self._profile_group.setExclusive(True)
        self._create_actions()

        self.tray = QSystemTrayIcon(self)
        self.tray.setContextMenu(self.menu)
        self.tray.activated.connect(self._on_activated)
        self.menu.aboutToShow.connect(self.rebuild_menu)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._refresh_icon)
        self._apply(self._status)
        self.rebuild_menu()

    # -- the actions (one source for the menu and the fallback window) -------------------------

    def _action(self, key: str, text: str, slot: Callable[[], object] | None = None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(key)
        if slot is not None:
            action.triggered.connect(slot)
        self.actions[key] = action
        return action

    def _create_actions(self) -> None:
        self._action(HEADER, "").setEnabled(False)
        self._action(STRICT_LINE, "").setEnabled(False)
        self.actions[START] = self.start_menu.menuAction()
        for minutes in PRESET_MINUTES:
            text = self.tr("%n minutes", "", minutes)
            self._action(start_key(minutes), text, self._preset_slot(minutes))
        self._action(START_CUSTOM, self.tr("Custom length…"), self.open_start_dialog)
        # A disabled line rather than a menu section: many styles and tray hosts drop section text.
        self._action(PROFILE_LABEL, self.tr("Profile")).setEnabled(False)
        self._add_profile_action(NO_PROFILE, self.tr("No profile"), None)
        strict = self._action(STRICT, self.tr("Strict"))
        strict.setCheckable(True)
        strict.setToolTip(self.tr("Pause and Stop stay off until the session ends."))
        strict.triggered.connect(self._on_strict_chosen)
        self._action(PAUSE, self.tr("Pause"), lambda: self.run_command("pause"))
        self._action(RESUME, self.tr("Resume"), lambda: self.run_command("resume"))
        self._action(SKIP_BREAK, self.tr("Skip break"), lambda: self.run_command("skip_break"))
        self._action(STOP, self.tr("Stop"), lambda: self.run_command("stop"))
        self._action(EMERGENCY, self.tr("Emergency exit…"), self.open_emergency_dialog)
        self._action(
            RAISE_LIMITS, self.tr("Use raised limits today…"), self.open_raise_limits_dialog
        )
        self._action(JOURNAL, self.tr("Journal…"), self._open_journal)
        self._action(INSIGHTS, self.tr("Insights…"), self._open_insights)
        self.actions[JOURNAL].setVisible(self._open_journal is not None)
        self.actions[INSIGHTS].setVisible(self._open_insights is not None)
        self._action(SETTINGS, self.tr("Settings…"), self._open_settings)
        self._action(QUIT, self.tr("Quit"), self._quit_app)

    def _preset_slot(self, minutes: int) -> Callable[[], object]:
        return lambda: self.start(minutes)

    def _add_profile_action(self, key: str, text: str, profile: str | None) -> None:
        action = self._action(key, text, lambda: self._on_profile_chosen(profile))
        action.setCheckable(True)
        self._profile_group.addAction(action)

    def profile_keys(self) -> list[str]:
        """Keys of the profile radio items, "No profile" first, in menu order."""
        return [NO_PROFILE, *(profile_key(name) for name in self._status.profiles)]

    def _sync_profile_actions(self) -> bool:
        wanted = {profile_key(name): name for name in self._status.profiles}
        present = {k for k in self.actions if k.startswith("profile:")}
        changed = False
        for key in present - wanted.keys():
            action = self.actions.pop(key)
            self._profile_group.removeAction(action)
            action.deleteLater()
            changed = True
        for key, name in wanted.items():
            if key not in self.actions:
                self._add_profile_action(key, name, name)
                changed = True
        if self._profile_choice not in self._status.profiles:
            self._profile_choice = None
        chosen = NO_PROFILE if self._profile_choice is None else profile_key(self._profile_choice)
        self.actions[chosen].setChecked(True)
        return changed

    def _sync_actions(self) -> None:
        status = self._status
        session = status.in_session
        strict = session and status.strict
        self.actions[HEADER].setText(describe_status(status))
        self.actions[STRICT_LINE].setText(describe_strict(status) if strict else "")
        self.actions[STRICT_LINE].setVisible(strict)
        self.actions[START].setVisible(not session)
        self.actions[STRICT].setChecked(self.strict_choice)
        self.actions[PAUSE].setVisible(session and not status.paused and not strict)
        self.actions[RESUME].setVisible(session and status.paused)
        self.actions[SKIP_BREAK].setVisible(status.phase is Phase.BREAK)
        self.actions[STOP].setVisible(session and not strict)
        self.actions[EMERGENCY].setVisible(strict)
        self.actions[RAISE_LIMITS].setVisible(bool(status.deferred_limits))
        if self._sync_profile_actions():
            self.actions_changed.emit()

    def rebuild_menu(self) -> None:
        """Lay the menu out again from the last status (called each time it is about to show)."""
        self._sync_actions()
        _empty(self.start_menu)
        for minutes in PRESET_MINUTES:
            self.start_menu.addAction(self.actions[start_key(minutes)])
        self.start_menu.addAction(self.actions[START_CUSTOM])
        self.start_menu.addSeparator()
        self.start_menu.addAction(self.actions[PROFILE_LABEL])
        for key in self.profile_keys():
            self.start_menu.addAction(self.actions[key])
        self.start_menu.addSeparator()
        self.start_menu.addAction(self.actions[STRICT])

        _empty(self.menu)
        self.menu.addAction(self.actions[HEADER])
        self.menu.addAction(self.actions[STRICT_LINE])
        self.menu.addSeparator()
        for key in (START, PAUSE, RESUME, SKIP_BREAK, STOP, EMERGENCY, RAISE_LIMITS):
            self.menu.addAction(self.actions[key])
        self.menu.addSeparator()
        self.menu.addAction(self.actions[JOURNAL])
        self.menu.addAction(self.actions[INSIGHTS])
        self.menu.addAction(self.actions[SETTINGS])
        self.menu.addAction(self.actions[QUIT])

    # -- choices for the next start ------------------------------------------------------------

    @property
    def strict_choice(self) -> bool:
        """Whether the next start is strict: the user's pick, else the configured default."""
        if self._strict_choice is None:
            return self._status.default_strict
        return self._strict_choice

    @property
    def profile_choice(self) -> str | None:
        return self._profile_choice

    def _on_strict_chosen(self, checked: bool) -> None:
        self._strict_choice = checked

    def _on_profile_chosen(self, profile: str | None) -> None:
        self._profile_choice = profile

    # -- status in -----------------------------------------------------------------------------

    @property
    def status(self) -> SessionStatus:
        return self._status

    def update(self, status: dict[str, Any]) -> None:
        """Take a new status from the app: icon, tooltip and actions follow; notify on a turn."""
        self._apply(SessionStatus.from_dict(status), announce=self._has_status)

    def _apply(self, status: SessionStatus, *, announce: bool = False) -> None:
        previous = self._status
        self._status = status
        self._has_status = True
        self._sync_actions()
        self._refresh_icon()
        self.tray.setToolTip(f"Focusapp\n{describe_status(status)}")
        if announce:
            self._announce_turn(previous, status)
        self.status_changed.emit(status)

    def _announce_turn(self, before: SessionStatus, after: SessionStatus) -> None:
        if before.phase is after.phase:
            return
        left = after.seconds_left()
        minutes = None if left is None else max(1, math.ceil(left / 60))
        if after.phase is Phase.BREAK:
            if after.break_kind == "short":
                title = self.tr("Time for a short break")
            elif after.break_kind == "long":
                title = self.tr("Time for a long break")
            else:
                title = self.tr("Time for a break")
            if minutes is None:
                body = self.tr("Focus block done. Step away from the screen for a while.")
            else:
                body = self.tr(
                    "Focus block done. Step away from the screen for %n min.", "", minutes
                )
            self.notifier.notify(title, body)
        elif after.phase is Phase.FOCUS and before.phase is Phase.BREAK:
            if minutes is None:
                body = self.tr("The next focus block starts now.")
            else:
                body = self.tr("The next focus block starts now, %n min.", "", minutes)
            self.notifier.notify(self.tr("Back to focus"), body)
        elif after.phase is Phase.IDLE:
            self.notifier.notify(
                self.tr("Session complete"), self.tr("That's the session. Take a breath.")
            )

    def _dark(self) -> bool:
        if self._dark_panel is not None:
            return self._dark_panel
        if self._seen_panel is not None:
            return self._seen_panel
        return panel_is_dark()

    def _look_at_panel(self) -> None:
        """Once docked, look at the panel around the icon: a light panel in a dark theme (or the
        other way round) is common, and a glyph drawn in the panel's own ink needs no halo.
        Where the screen can't be read (Wayland, a tray not on screen yet), the palette's guess
        and the halo stay; a few looks are tried while the tray settles, then no more."""
        self._panel_looks_left -= 1
        area = self.tray.geometry()
        screen = QGuiApplication.screenAt(area.center()) if area.isValid() else None
        seen = None
        if screen is not None and not area.isEmpty():
            grab = screen.grabWindow(0, area.x(), area.y(), area.width(), area.height())
            seen = panel_is_dark_behind(grab.toImage()) if not grab.isNull() else None
        if seen is not None:
            self._seen_panel = seen
            self._refresh_icon()
        elif self._panel_looks_left > 0:
            QTimer.singleShot(_PANEL_LOOK_EVERY_MS, self._look_at_panel)

    def _refresh_icon(self) -> None:
        status = self._status
        fraction = status.fraction_left()
        dark = self._dark()
        steps = None if fraction is None else round(fraction * _ICON_STEPS)
        screen = QGuiApplication.primaryScreen()
        ratio = screen.devicePixelRatio() if screen is not None else 1.0
        halo = self._dark_panel is None and self._seen_panel is None
        key = (status.phase, status.paused, steps, dark, ratio, halo)
        if key == self._icon_key:
            return
        self._icon_key = key
        level = None if steps is None else steps / _ICON_STEPS
        self.tray.setIcon(
            make_icon(level, status.phase, status.paused, dark, device_pixel_ratio=ratio, halo=halo)
        )

    @property
    def icon(self) -> QIcon:
        return self.tray.icon()

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        # A plain click opens the same menu: a tray-only app has nothing else to show, and
        # some panels never send the context-menu click at all.
        if reason is QSystemTrayIcon.ActivationReason.Trigger and not self.menu.isVisible():
            self.menu.popup(QCursor.pos())

    def show(self) -> None:
        """Put the icon in the tray and let notifications go through it."""
        self.tray.show()
        self.notifier.set_tray(self.tray)
        if self._dark_panel is None and QGuiApplication.platformName() == "xcb":
            # Before the first look the icon wears its halo; the grab has to be of the panel
            # with the icon already embedded, so it waits for the tray to settle.
            QTimer.singleShot(_PANEL_LOOK_EVERY_MS, self._look_at_panel)

    # -- commands out --------------------------------------------------------------------------

    def run_command(self, cmd: str, args: dict[str, Any] | None = None) -> dict[str, Any] | None:
        """Run one command; show a refusal or error calmly. Returns the status, or None."""
        try:
            result = self._runner.run(cmd, args)
        except Refused as refusal:
            self.show_message(self.tr("Not right now"), say(refusal.text))
            return None
        except CommandError as error:
            _log.warning("command %s failed: %s", cmd, error.message)
            self.show_message(self.tr("That didn't work"), say(error.text))
            return None
        # Our own command: the result is shown, not announced, since the user just asked for it.
        self._apply(SessionStatus.from_dict(result))
        return result

    def start(
        self,
        minutes: float,
        *,
        cycles: int | None = None,
        profile: str | None = None,
        strict: bool | None = None,
    ) -> dict[str, Any] | None:
        """Start a session; profile and strict default to what is picked in the menu."""
        args: dict[str, Any] = {
            "minutes": float(minutes),
            "profile": self._profile_choice if profile is None else profile,
            "strict": self.strict_choice if strict is None else strict,
            "cycles": cycles,
            "source": "tray",
        }
        return self.run_command("start", args)

    def show_message(self, title: str, text: str) -> None:
        """A non-blocking message box: the tray's event loop keeps running while it is open."""
        if self.message_box is not None:
            self.message_box.close()
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self.dialog_parent)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setModal(False)
        box.show()
        self.message_box = box

    def open_start_dialog(self) -> StartDialog:
        from focusapp.ui.start_dialog import StartDialog

        dialog = StartDialog(
            self._status.profiles,
            minutes=self._custom_minutes,
            profile=self._profile_choice,
            strict=self.strict_choice,
            parent=self.dialog_parent,
        )
        dialog.accepted.connect(lambda: self._start_from_dialog(dialog.choice()))
        dialog.open()
        self.start_dialog = dialog
        return dialog

    def _start_from_dialog(self, choice: StartChoice) -> None:
        self._custom_minutes = choice.minutes
        self._profile_choice = choice.profile
        self._strict_choice = choice.strict
        self.start(
            choice.minutes,
            cycles=choice.cycles,
            profile=choice.profile,
            strict=choice.strict,
        )

    def open_raise_limits_dialog(self) -> EmergencyDialog:
        """The same friction as an emergency exit, for a raised limit wanted today."""
        from focusapp.ui.emergency_dialog import RAISE_LIMITS_TEXTS, EmergencyDialog

        dialog = EmergencyDialog(self._runner, self.dialog_parent, texts=RAISE_LIMITS_TEXTS)
        dialog.exited.connect(lambda status: self._apply(SessionStatus.from_dict(status)))
        dialog.open()
        return dialog

    def open_emergency_dialog(self) -> EmergencyDialog:
        from focusapp.ui.emergency_dialog import EmergencyDialog

        if self.emergency_dialog is not None and self.emergency_dialog.isVisible():
            self.emergency_dialog.raise_()
            self.emergency_dialog.activateWindow()
            return self.emergency_dialog
        dialog = EmergencyDialog(self._runner, self.dialog_parent)
        dialog.exited.connect(lambda status: self._apply(SessionStatus.from_dict(status)))
        dialog.open()
        self.emergency_dialog = dialog
        return dialog
