"""The settings window: sessions, profiles, limits, schedules and general options, into config.toml.

It edits drafts and writes them through `ConfigStore.save`, which keeps the user's comments. When
the file on disk has a syntax error the window says so plainly and writes nothing.
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field
from typing import TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from focusapp.core.settings import (
    SYSTEM,
    WEEKDAYS,
    EnforceMode,
    GeneralSettings,
    JournalNotes,
    JournalSettings,
    Limit,
    MetricsMode,
    MetricsSettings,
    Profile,
    ScheduleRule,
    SessionSettings,
    Settings,
    StrictSettings,
    section,
    settings_problems,
)
from focusapp.store.config import ConfigBroken, ConfigStore, LoadResult
from focusapp.ui.i18n import LANGUAGES, say
from focusapp.ui.tray_icon import MutedLabel

_TIME_FORMAT = "HH:mm"
_keys = itertools.count(1)


@dataclass(eq=False)
class _ProfileDraft:
    name: str
    apps: list[str] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)
    key: int = field(default_factory=lambda: next(_keys))

    def profile(self) -> Profile:
        return Profile(self.name.strip(), tuple(self.apps), tuple(self.sites))


@dataclass(eq=False)
class _ScheduleDraft:
    name: str
    days: set[str]
    start: str
    end: str
    profile: _ProfileDraft | None = None
    strict: bool = False
    enabled: bool = True

    def rule(self) -> ScheduleRule:
        return ScheduleRule(
            self.name.strip(),
            tuple(d for d in WEEKDAYS if d in self.days),
            self.start,
            self.end,
            self.profile.name.strip() if self.profile else None,
            self.strict,
            self.enabled,
        )


@dataclass(eq=False)
class _LimitDraft:
    name: str
    daily_minutes: int = 30
    apps: list[str] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)
    weekdays: dict[str, int] = field(default_factory=dict)  # only the days that differ
    enforce: str = EnforceMode.INTERVENE.value
    # Unticking "Same every day" is remembered even before any day gets its own minutes.
    per_day: bool = False

    def limit(self) -> Limit:
        weekdays = {d: self.weekdays[d] for d in WEEKDAYS if d in self.weekdays}
        return Limit(
            self.name.strip(),
            self.daily_minutes,
            tuple(self.apps),
            tuple(self.sites),
            weekdays if self.per_day else {},
            self.enforce,
        )


# (value, English text): the texts are translated in _choice_box.
_ENFORCE_CHOICES = (
    (EnforceMode.INTERVENE, QT_TRANSLATE_NOOP("SettingsWindow", "Pause and ask")),
    (EnforceMode.MINIMIZE, QT_TRANSLATE_NOOP("SettingsWindow", "Minimize the app")),
    (EnforceMode.CLOSE, QT_TRANSLATE_NOOP("SettingsWindow", "Close the app (after 10 s)")),
)
_METRICS_CHOICES = (
    (MetricsMode.ALWAYS, QT_TRANSLATE_NOOP("SettingsWindow", "Always")),
    (MetricsMode.FOCUS, QT_TRANSLATE_NOOP("SettingsWindow", "Only during focus sessions")),
    (MetricsMode.NEVER, QT_TRANSLATE_NOOP("SettingsWindow", "Never")),
)
_NOTES_CHOICES = (
    (
        JournalNotes.KEYRING,
        QT_TRANSLATE_NOOP("SettingsWindow", "Keep them, key in the system keyring"),
    ),
    (
        JournalNotes.PASSPHRASE,
        QT_TRANSLATE_NOOP("SettingsWindow", "Keep them, locked with a passphrase"),
    ),
    (JournalNotes.OFF, QT_TRANSLATE_NOOP("SettingsWindow", "Off")),
)

_MOTION_CHOICES = (
    ("system", QT_TRANSLATE_NOOP("SettingsWindow", "As the desktop says")),
    ("reduce", QT_TRANSLATE_NOOP("SettingsWindow", "Reduced: nothing moves")),
    ("full", QT_TRANSLATE_NOOP("SettingsWindow", "Gentle animations")),
)
# Each language by its own name, so it can be found whatever language the window is in.
_LANGUAGE_NAMES = {"en": "English", "nl": "Nederlands"}
_MOTION_VALUES: dict[str, bool | str] = {"system": SYSTEM, "reduce": True, "full": False}


def _motion_data(value: bool | str) -> str:
    return next(data for data, setting in _MOTION_VALUES.items() if setting == value)


def _choice_box(
    choices: tuple[tuple[str, str], ...], current: str, name: str, parent: QWidget
) -> QComboBox:
    box = QComboBox(parent)
    box.setAccessibleName(name)
    for value, text in choices:
        box.addItem(QCoreApplication.translate("SettingsWindow", text), str(value))
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


def _muted(text: str, parent: QWidget) -> QLabel:
    # Muted, yet readable: a disabled label's grey is too faint for a sentence (1.6:1 in Fusion).
    hint = MutedLabel(text, parent)
    hint.setWordWrap(True)
    return hint


def _option_spin(
    sec_name: str, key: str, suffix: str, name: str, tip: str, parent: QWidget
) -> QSpinBox:
    """A spin box with the schema's bounds for one option."""
    option = section(sec_name).option(key)
    assert option is not None and option.minimum is not None and option.maximum is not None
    spin = QSpinBox(parent)
    spin.setRange(option.minimum, option.maximum)
    spin.setSuffix(suffix)
    spin.setAccessibleName(name)
    spin.setToolTip(tip)
    return spin


def _day_name(weekday: int, short: bool = False) -> str:
    """A weekday's name in the app's language (Monday is 0)."""
    form = QLocale.FormatType.ShortFormat if short else QLocale.FormatType.LongFormat
    return QLocale().dayName(weekday + 1, form)


def _lines(text: str) -> list[str]:
    """One entry per line; blank lines and stray spaces do not count."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _labelled(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label


def _unique_name(stem: str, taken: list[str]) -> str:
    folded = {t.strip().casefold() for t in taken}
    for n in itertools.count(1):
        name = stem if n == 1 else f"{stem} {n}"
        if name.casefold() not in folded:
            return name
    raise AssertionError("unreachable")


class _Notice(QLabel):
    """A quiet box for things the user should read: framed in the palette's own colours."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "QLabel#notice { border: 1px solid palette(mid); border-radius: 6px;"
            " padding: 8px; background: palette(alternate-base); }"
        )
        self.setAccessibleName(self.tr("Notes about your settings"))
        self.hide()

    def say(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))
        self.setAccessibleDescription(text)


class _SessionsPage(QWidget):
    def __init__(self, session: SessionSettings, strict: StrictSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self._strict = strict
        self.spins: dict[str, QSpinBox] = {}

        lengths = QGroupBox(self.tr("Lengths"), self)
        form = QFormLayout(lengths)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        minutes = self.tr(" min")
        rows = (
            ("session", "focus_minutes", self.tr("&Focus length"), minutes,
             self.tr("Length of a focus period.")),
            ("session", "break_minutes", self.tr("Short &break"), minutes,
             self.tr("Length of a short break.")),
            ("session", "long_break_minutes", self.tr("&Long break"), minutes,
             self.tr("Length of a long break.")),
            ("session", "long_break_every", self.tr("Long break &every"),
             self.tr(" focus periods"), self.tr("A long break after this many focus periods.")),
            ("session", "cycles", self.tr("&Cycles (focus periods per session)"), "",
             self.tr("Focus periods in one session.")),
        )  # fmt: skip
        for sec_name, key, label, suffix, tip in rows:
            form.addRow(*self._spin_row(lengths, sec_name, key, label, suffix, tip, session))

        self.strict_box = QCheckBox(self.tr("Start sessions in s&trict mode"), lengths)
        self.strict_box.setChecked(session.strict)
        self.strict_box.setAccessibleName(self.tr("Start sessions in strict mode"))
        self.strict_box.setToolTip(self.tr("Pause and Stop stay off until a strict session ends."))
        form.addRow(self.strict_box)

        exits = QGroupBox(self.tr("Strict mode"), self)
        exits_form = QFormLayout(exits)
        exits_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for key, label, suffix, tip in (
            ("emergency_exits_per_week", self.tr("Emergency e&xits per week"), "",
             self.tr("Ways out of a strict session each week.")),
            ("emergency_wait_seconds", self.tr("&Wait before an exit"), self.tr(" s"),
             self.tr("The wait before an emergency exit.")),
        ):  # fmt: skip
            exits_form.addRow(*self._spin_row(exits, "strict", key, label, suffix, tip, strict))
        hint = _muted(
            self.tr(
                "An emergency exit is always there. The short wait gives you a moment to decide."
            ),
            exits,
        )
        exits_form.addRow(hint)

        # One label column for both boxes, so the fields line up.
        column = [f.labelForField(spin) for f in (form, exits_form) for spin in self.spins.values()]
        found = [w for w in column if w is not None]
        width = max(w.sizeHint().width() for w in found)
        for w in found:
            w.setMinimumWidth(width)

        layout = QVBoxLayout(self)
        layout.addWidget(lengths)
        layout.addWidget(exits)
        layout.addStretch(1)

    def _spin_row(
        self,
        parent: QWidget,
        sec_name: str,
        key: str,
        label: str,
        suffix: str,
        tip: str,
        values: object,
    ) -> tuple[QLabel, QSpinBox]:
        option = section(sec_name).option(key)
        assert option is not None and option.minimum is not None and option.maximum is not None
        spin = QSpinBox(parent)
        spin.setRange(option.minimum, option.maximum)
        spin.setSuffix(suffix)
        spin.setMinimumWidth(160)
        spin.setValue(getattr(values, key))
        spin.setAccessibleName(label.replace("&", ""))
        spin.setToolTip(tip)
        self.spins[key] = spin
        return _labelled(label, spin, parent), spin

    def values(self) -> tuple[SessionSettings, StrictSettings]:
        def spun(values: object) -> dict[str, int]:
            return {k: spin.value() for k, spin in self.spins.items() if hasattr(values, k)}

        session = dataclasses.replace(
            self._session, **spun(self._session), strict=self.strict_box.isChecked()
        )
        return session, dataclasses.replace(self._strict, **spun(self._strict))


_D = TypeVar("_D")


@dataclass(frozen=True)
class _ListWords:
    """What a list page calls its entries, each a whole (translated) text."""

    label: str  # "Your profiles"
    name: str  # "Profiles", the list's accessible name
    add: str  # "&Add profile"
    add_name: str  # "Add a profile"
    remove_name: str  # "Remove the selected profile"


class _ListWithButtons(QWidget):
    """A list of names with Add and Remove under it."""

    def __init__(self, words: _ListWords, parent: QWidget) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setAccessibleName(words.name)
        self.add_button = QPushButton(words.add, self)
        self.add_button.setAccessibleName(words.add_name)
        self.add_button.setAutoDefault(False)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.remove_button.setAccessibleName(words.remove_name)
        self.remove_button.setAutoDefault(False)
        self.label = _labelled(words.label, self.list, self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    # The pages keep their drafts in a Python list in the same order as the names shown here;
    # these keep the two in step.

    def selected(self, drafts: list[_D]) -> _D | None:
        row = self.list.currentRow()
        return drafts[row] if 0 <= row < len(drafts) else None

    def append(self, drafts: list[_D], draft: _D, name: str) -> None:
        drafts.append(draft)
        self.list.addItem(name)
        self.list.setCurrentRow(len(drafts) - 1)

    def remove_selected(self, drafts: list[_D]) -> bool:
        row = self.list.currentRow()
        if not 0 <= row < len(drafts):
            return False
        del drafts[row]
        self.list.takeItem(row)
        return True


class _ProfilesPage(QWidget):
    changed = Signal()  # names or the set of profiles changed

    def __init__(self, profiles: list[_ProfileDraft], parent: QWidget) -> None:
        super().__init__(parent)
        self.profiles = profiles
        words = _ListWords(
            self.tr("Your profiles"),
            self.tr("Profiles"),
            self.tr("&Add profile"),
            self.tr("Add a profile"),
            self.tr("Remove the selected profile"),
        )
        self.side = _ListWithButtons(words, self)

        self.editor = QWidget(self)
        self.name_edit = QLineEdit(self.editor)
        self.name_edit.setAccessibleName(self.tr("Profile name"))
        self.apps_edit = QPlainTextEdit(self.editor)
        self.apps_edit.setAccessibleName(self.tr("Apps to block, one per line"))
        self.apps_edit.setPlaceholderText("discord\ntelegram-desktop")
        self.apps_edit.setTabChangesFocus(True)
        self.sites_edit = QPlainTextEdit(self.editor)
        self.sites_edit.setAccessibleName(self.tr("Sites to block, one per line"))
        self.sites_edit.setPlaceholderText("tiktok.com\ninstagram.com")
        self.sites_edit.setTabChangesFocus(True)
        form = QFormLayout(self.editor)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_labelled(self.tr("&Name"), self.name_edit, self.editor), self.name_edit)
        form.addRow(_labelled(self.tr("Bloc&k apps"), self.apps_edit, self.editor), self.apps_edit)
        form.addRow(
            _labelled(self.tr("Block si&tes"), self.sites_edit, self.editor), self.sites_edit
        )
        hint = _muted(
            self.tr(
                "One per line. Apps by program name or window class; sites by address, like x.com."
            ),
            self.editor,
        )
        form.addRow(hint)

        layout = QHBoxLayout(self)
        layout.addWidget(self.side, 2)
        layout.addWidget(self.editor, 3)
        QWidget.setTabOrder(self.side.list, self.side.add_button)
        QWidget.setTabOrder(self.side.add_button, self.side.remove_button)
        QWidget.setTabOrder(self.side.remove_button, self.name_edit)
        QWidget.setTabOrder(self.name_edit, self.apps_edit)
        QWidget.setTabOrder(self.apps_edit, self.sites_edit)

        for p in profiles:
            self.side.list.addItem(p.name)
        self.side.list.currentRowChanged.connect(self._show)
        self.side.add_button.clicked.connect(self.add)
        self.side.remove_button.clicked.connect(self.remove_current)
        self.name_edit.textEdited.connect(self._rename)
        self.apps_edit.textChanged.connect(self._store_lists)
        self.sites_edit.textChanged.connect(self._store_lists)
        self.side.list.setCurrentRow(0 if profiles else -1)
        self._show(self.side.list.currentRow())

    def current(self) -> _ProfileDraft | None:
        return self.side.selected(self.profiles)

    def add(self) -> None:
        draft = _ProfileDraft(_unique_name(self.tr("New profile"), [p.name for p in self.profiles]))
        self.side.append(self.profiles, draft, draft.name)
        self.changed.emit()
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def remove_current(self) -> None:
        if self.side.remove_selected(self.profiles):
            self.changed.emit()
            self._show(self.side.list.currentRow())

    def _show(self, row: int) -> None:
        draft = self.profiles[row] if 0 <= row < len(self.profiles) else None
        self.editor.setEnabled(draft is not None)
        self.side.remove_button.setEnabled(draft is not None)
        for widget in (self.name_edit, self.apps_edit, self.sites_edit):
            widget.blockSignals(True)
        self.name_edit.setText(draft.name if draft else "")
        self.apps_edit.setPlainText("\n".join(draft.apps) if draft else "")
        self.sites_edit.setPlainText("\n".join(draft.sites) if draft else "")
        for widget in (self.name_edit, self.apps_edit, self.sites_edit):
            widget.blockSignals(False)

    def _rename(self, text: str) -> None:
        draft = self.current()
        if draft is None:
            return
        draft.name = text
        item = self.side.list.currentItem()
        if item is not None:
            item.setText(text)
        self.changed.emit()

    def _store_lists(self) -> None:
        draft = self.current()
        if draft is not None:
            draft.apps = _lines(self.apps_edit.toPlainText())
            draft.sites = _lines(self.sites_edit.toPlainText())


class _SchedulesPage(QWidget):
    def __init__(
        self, schedules: list[_ScheduleDraft], profiles: list[_ProfileDraft], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.schedules = schedules
        self.profiles = profiles
        words = _ListWords(
            self.tr("Your schedules"),
            self.tr("Schedules"),
            self.tr("&Add schedule"),
            self.tr("Add a schedule"),
            self.tr("Remove the selected schedule"),
        )
        self.side = _ListWithButtons(words, self)

        self.editor = QWidget(self)
        self.name_edit = QLineEdit(self.editor)
        self.name_edit.setAccessibleName(self.tr("Schedule name"))
        days = QWidget(self.editor)
        days_layout = QHBoxLayout(days)
        days_layout.setContentsMargins(0, 0, 0, 0)
        self.day_boxes: dict[str, QCheckBox] = {}
        for n, day in enumerate(WEEKDAYS):
            box = QCheckBox(_day_name(n, short=True), days)
            box.setAccessibleName(_day_name(n))
            self.day_boxes[day] = box
            days_layout.addWidget(box)
        days_layout.addStretch(1)
        self.start_edit = QTimeEdit(self.editor)
        self.start_edit.setDisplayFormat(_TIME_FORMAT)
        self.start_edit.setAccessibleName(self.tr("Starts at"))
        self.end_edit = QTimeEdit(self.editor)
        self.end_edit.setDisplayFormat(_TIME_FORMAT)
        self.end_edit.setAccessibleName(self.tr("Ends at"))
        self.overnight = _muted("", self.editor)
        self.overnight.setWordWrap(False)
        self.profile_box = QComboBox(self.editor)
        self.profile_box.setAccessibleName(self.tr("Profile to block with"))
        self.strict_box = QCheckBox(self.tr("Stri&ct: no pause or stop while it runs"), self.editor)
        self.strict_box.setAccessibleName(self.tr("Strict"))
        self.enabled_box = QCheckBox(self.tr("&On: this schedule runs"), self.editor)
        self.enabled_box.setAccessibleName(self.tr("Enabled"))

        times = QHBoxLayout()
        times.addWidget(self.start_edit)
        times.addWidget(_labelled(self.tr("un&til"), self.end_edit, self.editor))
        times.addWidget(self.end_edit)
        times.addWidget(self.overnight, 1)
        form = QFormLayout(self.editor)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_labelled(self.tr("&Name"), self.name_edit, self.editor), self.name_edit)
        days_label = _labelled(self.tr("&Days"), self.day_boxes["mon"], self.editor)
        form.addRow(days_label, days)
        form.addRow(_labelled(self.tr("&From"), self.start_edit, self.editor), times)
        form.addRow(
            _labelled(self.tr("Block &with"), self.profile_box, self.editor), self.profile_box
        )
        form.addRow(self.strict_box)
        form.addRow(self.enabled_box)

        layout = QHBoxLayout(self)
        layout.addWidget(self.side, 2)
        layout.addWidget(self.editor, 3)
        order: list[QWidget] = [
            self.side.list,
            self.side.add_button,
            self.side.remove_button,
            self.name_edit,
            *self.day_boxes.values(),
            self.start_edit,
            self.end_edit,
            self.profile_box,
            self.strict_box,
            self.enabled_box,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        for s in schedules:
            self.side.list.addItem(s.name)
        self.side.list.currentRowChanged.connect(self._show)
        self.side.add_button.clicked.connect(self.add)
        self.side.remove_button.clicked.connect(self.remove_current)
        self.name_edit.textEdited.connect(self._rename)
        for box in self.day_boxes.values():
            box.toggled.connect(self._store)
        self.start_edit.timeChanged.connect(self._store)
        self.end_edit.timeChanged.connect(self._store)
        self.profile_box.currentIndexChanged.connect(self._store)
        self.strict_box.toggled.connect(self._store)
        self.enabled_box.toggled.connect(self._store)
        self.refresh_profiles()
        self.side.list.setCurrentRow(0 if schedules else -1)
        self._show(self.side.list.currentRow())

    def current(self) -> _ScheduleDraft | None:
        return self.side.selected(self.schedules)

    def refresh_profiles(self) -> None:
        """Follow the profiles tab: new names, renames and removals."""
        for s in self.schedules:
            if s.profile is not None and all(s.profile is not p for p in self.profiles):
                s.profile = None
        self.profile_box.blockSignals(True)
        self.profile_box.clear()
        self.profile_box.addItem(self.tr("No profile (just a focus session)"), 0)
        for p in self.profiles:
            self.profile_box.addItem(p.name, p.key)
        self.profile_box.blockSignals(False)
        self._show(self.side.list.currentRow())

    def add(self) -> None:
        draft = _ScheduleDraft(
            _unique_name(self.tr("New schedule"), [s.name for s in self.schedules]),
            {"mon", "tue", "wed", "thu", "fri"},
            "09:00",
            "12:00",
        )
        self.side.append(self.schedules, draft, draft.name)
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def remove_current(self) -> None:
        if self.side.remove_selected(self.schedules):
            self._show(self.side.list.currentRow())

    def _editors(self) -> list[QWidget]:
        return [
            self.name_edit,
            *self.day_boxes.values(),
            self.start_edit,
            self.end_edit,
            self.profile_box,
            self.strict_box,
            self.enabled_box,
        ]

    def _show(self, row: int) -> None:
        draft = self.schedules[row] if 0 <= row < len(self.schedules) else None
        self.editor.setEnabled(draft is not None)
        self.side.remove_button.setEnabled(draft is not None)
        for widget in self._editors():
            widget.blockSignals(True)
        self.name_edit.setText(draft.name if draft else "")
        for day, box in self.day_boxes.items():
            box.setChecked(draft is not None and day in draft.days)
        self.start_edit.setTime(QTime.fromString(draft.start if draft else "09:00", _TIME_FORMAT))
        self.end_edit.setTime(QTime.fromString(draft.end if draft else "12:00", _TIME_FORMAT))
        key = draft.profile.key if draft and draft.profile else 0
        self.profile_box.setCurrentIndex(max(0, self.profile_box.findData(key)))
        self.strict_box.setChecked(bool(draft and draft.strict))
        self.enabled_box.setChecked(draft.enabled if draft else True)
        for widget in self._editors():
            widget.blockSignals(False)
        self._explain_overnight()

    def _rename(self, text: str) -> None:
        draft = self.current()
        if draft is None:
            return
        draft.name = text
        item = self.side.list.currentItem()
        if item is not None:
            item.setText(text)

    def _store(self) -> None:
        draft = self.current()
        if draft is None:
            return
        draft.days = {d for d, box in self.day_boxes.items() if box.isChecked()}
        draft.start = self.start_edit.time().toString(_TIME_FORMAT)
        draft.end = self.end_edit.time().toString(_TIME_FORMAT)
        key = self.profile_box.currentData()
        draft.profile = next((p for p in self.profiles if p.key == key), None)
        draft.strict = self.strict_box.isChecked()
        draft.enabled = self.enabled_box.isChecked()
        self._explain_overnight()

    def _explain_overnight(self) -> None:
        draft = self.current()
        overnight = draft is not None and draft.end <= draft.start
        self.overnight.setText(self.tr("ends the next day") if overnight else "")


class _LimitsPage(QWidget):
    def __init__(self, limits: list[_LimitDraft], parent: QWidget) -> None:
        super().__init__(parent)
        self.limits = limits
        words = _ListWords(
            self.tr("Your limits"),
            self.tr("Limits"),
            self.tr("&Add limit"),
            self.tr("Add a limit"),
            self.tr("Remove the selected limit"),
        )
        self.side = _ListWithButtons(words, self)

        self.editor = QWidget(self)
        self.name_edit = QLineEdit(self.editor)
        self.name_edit.setAccessibleName(self.tr("Limit name"))
        self.daily_spin = _option_spin(
            "limits",
            "daily_minutes",
            self.tr(" min"),
            self.tr("Minutes a day"),
            self.tr("Minutes a day across its apps and sites."),
            self.editor,
        )
        self.apps_edit = QPlainTextEdit(self.editor)
        self.apps_edit.setAccessibleName(self.tr("Apps that count, one per line"))
        self.apps_edit.setPlaceholderText("discord")
        self.apps_edit.setTabChangesFocus(True)
        self.sites_edit = QPlainTextEdit(self.editor)
        self.sites_edit.setAccessibleName(self.tr("Sites that count, one per line"))
        self.sites_edit.setPlaceholderText("youtube.com\nreddit.com")
        self.sites_edit.setTabChangesFocus(True)
        self.same_box = QCheckBox(self.tr("Same e&very day"), self.editor)
        self.same_box.setAccessibleName(self.tr("Same every day"))
        self.same_box.setToolTip(self.tr("Untick to give some days more or fewer minutes."))
        days = QWidget(self.editor)
        grid = QGridLayout(days)
        grid.setContentsMargins(0, 0, 0, 0)
        self.day_spins: dict[str, QSpinBox] = {}
        for n, day in enumerate(WEEKDAYS):
            full = _day_name(n)
            spin = _option_spin(
                "limits",
                "weekdays",
                self.tr(" min"),
                self.tr("Minutes on {day}").format(day=full),
                self.tr("Minutes on {day}.").format(day=full),
                days,
            )
            self.day_spins[day] = spin
            row, column = divmod(n, 4)
            grid.addWidget(_labelled(_day_name(n, short=True), spin, days), row, 2 * column)
            grid.addWidget(spin, row, 2 * column + 1)
        grid.setColumnStretch(8, 1)
        self.enforce_box = _choice_box(
            _ENFORCE_CHOICES,
            EnforceMode.INTERVENE,
            self.tr("When the time is used up"),
            self.editor,
        )

        for short in (self.daily_spin, self.enforce_box):
            short.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.daily_spin.setMinimumWidth(160)

        form = QFormLayout(self.editor)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_labelled(self.tr("&Name"), self.name_edit, self.editor), self.name_edit)
        form.addRow(
            _labelled(self.tr("&Daily time"), self.daily_spin, self.editor), self.daily_spin
        )
        form.addRow(_labelled(self.tr("Coun&t apps"), self.apps_edit, self.editor), self.apps_edit)
        form.addRow(
            _labelled(self.tr("Count sit&es"), self.sites_edit, self.editor), self.sites_edit
        )
        form.addRow(self.same_box)
        form.addRow(days)
        form.addRow(
            _labelled(self.tr("When the time is &used up"), self.enforce_box, self.editor),
            self.enforce_box,
        )
        form.addRow(
            _muted(
                self.tr("Lowering a limit applies at once; raising one applies tomorrow."),
                self.editor,
            )
        )

        layout = QHBoxLayout(self)
        layout.addWidget(self.side, 2)
        layout.addWidget(self.editor, 3)
        order: list[QWidget] = [
            self.side.list,
            self.side.add_button,
            self.side.remove_button,
            *self._editors(),
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        for limit in limits:
            self.side.list.addItem(limit.name)
        self.side.list.currentRowChanged.connect(self._show)
        self.side.add_button.clicked.connect(self.add)
        self.side.remove_button.clicked.connect(self.remove_current)
        self.name_edit.textEdited.connect(self._rename)
        self.daily_spin.valueChanged.connect(self._set_daily)
        self.apps_edit.textChanged.connect(self._store_lists)
        self.sites_edit.textChanged.connect(self._store_lists)
        self.same_box.toggled.connect(self._set_same)
        for day, spin in self.day_spins.items():
            spin.valueChanged.connect(lambda value, day=day: self._set_day(day, value))
        self.enforce_box.currentIndexChanged.connect(self._set_enforce)
        self.side.list.setCurrentRow(0 if limits else -1)
        self._show(self.side.list.currentRow())

    def current(self) -> _LimitDraft | None:
        return self.side.selected(self.limits)

    def add(self) -> None:
        draft = _LimitDraft(
            _unique_name(self.tr("New limit"), [limit.name for limit in self.limits])
        )
        self.side.append(self.limits, draft, draft.name)
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def remove_current(self) -> None:
        if self.side.remove_selected(self.limits):
            self._show(self.side.list.currentRow())

    def _editors(self) -> list[QWidget]:
        return [
            self.name_edit,
            self.daily_spin,
            self.apps_edit,
            self.sites_edit,
            self.same_box,
            *self.day_spins.values(),
            self.enforce_box,
        ]

    def _show(self, row: int) -> None:
        draft = self.limits[row] if 0 <= row < len(self.limits) else None
        self.editor.setEnabled(draft is not None)
        self.side.remove_button.setEnabled(draft is not None)
        for widget in self._editors():
            widget.blockSignals(True)
        self.name_edit.setText(draft.name if draft else "")
        self.daily_spin.setValue(draft.daily_minutes if draft else 0)
        self.apps_edit.setPlainText("\n".join(draft.apps) if draft else "")
        self.sites_edit.setPlainText("\n".join(draft.sites) if draft else "")
        self.same_box.setChecked(draft is None or not draft.per_day)
        enforce = draft.enforce if draft else EnforceMode.INTERVENE.value
        self.enforce_box.setCurrentIndex(max(0, self.enforce_box.findData(enforce)))
        for widget in self._editors():
            widget.blockSignals(False)
        self._show_days()

    def _show_days(self) -> None:
        draft = self.current()
        for day, spin in self.day_spins.items():
            spin.blockSignals(True)
            spin.setValue(draft.weekdays.get(day, draft.daily_minutes) if draft else 0)
            spin.setEnabled(draft is not None and draft.per_day)
            spin.blockSignals(False)

    def _rename(self, text: str) -> None:
        draft = self.current()
        if draft is None:
            return
        draft.name = text
        item = self.side.list.currentItem()
        if item is not None:
            item.setText(text)

    def _set_daily(self, value: int) -> None:
        draft = self.current()
        if draft is not None:
            draft.daily_minutes = value
            self._show_days()  # days without minutes of their own follow the daily time

    def _store_lists(self) -> None:
        draft = self.current()
        if draft is not None:
            draft.apps = _lines(self.apps_edit.toPlainText())
            draft.sites = _lines(self.sites_edit.toPlainText())

    def _set_same(self, same: bool) -> None:
        draft = self.current()
        if draft is None:
            return
        draft.per_day = not same
        if same:
            draft.weekdays.clear()
        self._show_days()

    def _set_day(self, day: str, value: int) -> None:
        draft = self.current()
        if draft is None:
            return
        if value == draft.daily_minutes:
            draft.weekdays.pop(day, None)
        else:
            draft.weekdays[day] = value

    def _set_enforce(self) -> None:
        draft = self.current()
        if draft is not None:
            draft.enforce = str(self.enforce_box.currentData())


class _GeneralPage(QWidget):
    def __init__(
        self,
        general: GeneralSettings,
        metrics: MetricsSettings,
        journal: JournalSettings,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._general = general
        self._metrics = metrics
        self._journal = journal

        days = QGroupBox(self.tr("Days"), self)
        self.day_start_edit = QTimeEdit(days)
        self.day_start_edit.setDisplayFormat(_TIME_FORMAT)
        self.day_start_edit.setAccessibleName(self.tr("A new day starts at"))
        self.day_start_edit.setToolTip(self.tr("When a new day begins for limits and statistics."))
        self.day_start_edit.setTime(QTime.fromString(general.day_starts_at, _TIME_FORMAT))
        self.idle_spin = _option_spin(
            "general",
            "idle_minutes",
            self.tr(" min"),
            self.tr("Away after"),
            self.tr("No input for this long counts as away."),
            days,
        )
        self.idle_spin.setValue(general.idle_minutes)
        self.motion_box = _choice_box(
            _MOTION_CHOICES, _motion_data(general.reduce_motion), self.tr("Motion"), days
        )
        self.motion_box.setToolTip(
            self.tr("The breathing pause grows and shrinks unless motion is reduced.")
        )
        language_choices = (
            ("system", QT_TRANSLATE_NOOP("SettingsWindow", "As the desktop says")),
            *((code, _LANGUAGE_NAMES[code]) for code in LANGUAGES),
        )
        self.language_box = _choice_box(
            language_choices, general.language, self.tr("Language"), days
        )
        self.language_box.setToolTip(self.tr("Applies the next time Focusapp starts."))
        days_form = QFormLayout(days)
        days_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        days_form.addRow(
            _labelled(self.tr("A new &day starts at"), self.day_start_edit, days),
            self.day_start_edit,
        )
        days_form.addRow(
            _labelled(self.tr("A&way after no input for"), self.idle_spin, days), self.idle_spin
        )
        days_form.addRow(_labelled(self.tr("M&otion"), self.motion_box, days), self.motion_box)
        days_form.addRow(
            _labelled(self.tr("Lang&uage"), self.language_box, days), self.language_box
        )
        self.language_hint = _muted(
            self.tr("A new language applies the next time Focusapp starts."), days
        )
        self.language_hint.setVisible(False)
        days_form.addRow("", self.language_hint)
        self.language_box.currentIndexChanged.connect(
            lambda: self.language_hint.setVisible(
                self.language_box.currentData() != general.language
            )
        )

        browser = QGroupBox(self.tr("Browser"), self)
        self.metrics_box = _choice_box(
            _METRICS_CHOICES, metrics.hide, self.tr("Hide likes and counts"), browser
        )
        browser_form = QFormLayout(browser)
        browser_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        browser_form.addRow(
            _labelled(self.tr("Hide &likes and counts"), self.metrics_box, browser),
            self.metrics_box,
        )
        self.guard_box = QCheckBox(self.tr("Ask once on someone else's p&rofile"), browser)
        self.guard_box.setChecked(metrics.comparison_guard)
        self.guard_box.setAccessibleName(self.tr("Ask once on someone else's profile"))
        self.guard_box.setToolTip(
            self.tr("Their follower counts stay hidden, and a small card asks a question.")
        )
        browser_form.addRow("", self.guard_box)
        self.posted_spin = _option_spin(
            "metrics",
            "after_posting_minutes",
            self.tr(" min"),
            self.tr("After I post, keep counts hidden for"),
            self.tr("After you post, counts and notifications stay hidden this long; 0 is off."),
            browser,
        )
        self.posted_spin.setSpecialValueText(self.tr("off"))
        self.posted_spin.setValue(metrics.after_posting_minutes)
        browser_form.addRow(
            _labelled(self.tr("After I post, keep counts hidden &for"), self.posted_spin, browser),
            self.posted_spin,
        )

        notes = QGroupBox(self.tr("Journal"), self)
        self.notes_box = _choice_box(_NOTES_CHOICES, journal.notes, self.tr("Notes"), notes)
        self.keep_spin = _option_spin(
            "journal",
            "keep_days",
            self.tr(" days"),
            self.tr("Keep the journal for"),
            self.tr("How long journal entries are kept, in days."),
            notes,
        )
        self.keep_spin.setValue(journal.keep_days)
        notes_form = QFormLayout(notes)
        notes_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        notes_form.addRow(_labelled(self.tr("&Notes"), self.notes_box, notes), self.notes_box)
        notes_hint = _muted(
            self.tr(
                "Notes are encrypted with a key in your system keyring, or a passphrase; "
                "off means nothing you type is kept."
            ),
            notes,
        )
        notes_hint.setMinimumWidth(420)  # fields keep their size hint; the hint needs room
        notes_form.addRow("", notes_hint)  # in the field column, under the choice it explains
        notes_form.addRow(
            _labelled(self.tr("&Keep the journal for"), self.keep_spin, notes), self.keep_spin
        )

        # One label column for all three boxes, so the fields line up.
        pairs = (
            (days_form, self.language_box),
            (days_form, self.day_start_edit),
            (days_form, self.idle_spin),
            (days_form, self.motion_box),
            (browser_form, self.metrics_box),
            (browser_form, self.posted_spin),
            (notes_form, self.notes_box),
            (notes_form, self.keep_spin),
        )
        labels = [w for f, field_ in pairs if (w := f.labelForField(field_)) is not None]
        width = max(w.sizeHint().width() for w in labels)
        for w in labels:
            w.setMinimumWidth(width)
        for spin in (self.idle_spin, self.keep_spin, self.posted_spin):
            spin.setMinimumWidth(160)
        self.day_start_edit.setMinimumWidth(160)

        self.autostart_box = QCheckBox(self.tr("St&art Focusapp when I log in"), self)
        self.autostart_box.setChecked(general.autostart)
        self.autostart_box.setAccessibleName(self.tr("Start Focusapp when I log in"))
        self.autostart_box.setToolTip(
            self.tr("Focusapp starts in the tray each time you log in to this computer.")
        )

        layout = QVBoxLayout(self)
        layout.addWidget(self.autostart_box)
        layout.addWidget(days)
        layout.addWidget(browser)
        layout.addWidget(notes)
        layout.addStretch(1)

    def values(self) -> tuple[GeneralSettings, MetricsSettings, JournalSettings]:
        general = dataclasses.replace(
            self._general,
            day_starts_at=self.day_start_edit.time().toString(_TIME_FORMAT),
            idle_minutes=self.idle_spin.value(),
            reduce_motion=_MOTION_VALUES[str(self.motion_box.currentData())],
            language=str(self.language_box.currentData()),
            autostart=self.autostart_box.isChecked(),
        )
        metrics = dataclasses.replace(
            self._metrics,
            hide=str(self.metrics_box.currentData()),
            comparison_guard=self.guard_box.isChecked(),
            after_posting_minutes=self.posted_spin.value(),
        )
        journal = dataclasses.replace(
            self._journal, notes=str(self.notes_box.currentData()), keep_days=self.keep_spin.value()
        )
        return general, metrics, journal


class SettingsWindow(QDialog):
    """Edits the settings; Save writes them to the config file, keeping the user's comments."""

    saved = Signal(object)  # the Settings just written

    def __init__(self, store: ConfigStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Focusapp settings"))
        self.setAccessibleName(self.tr("Focusapp settings"))
        self._store = store
        loaded = store.load()
        self._base = loaded.settings

        self._profiles = [
            _ProfileDraft(p.name, list(p.block_apps), list(p.block_sites))
            for p in loaded.settings.profiles
        ]
        by_name = {p.name: p for p in self._profiles}
        self._schedules = [
            _ScheduleDraft(
                r.name,
                set(r.days),
                r.start,
                r.end,
                by_name.get(r.profile) if r.profile else None,
                r.strict,
                r.enabled,
            )
            for r in loaded.settings.schedules
        ]
        self._limits = [
            _LimitDraft(
                limit.name,
                limit.daily_minutes,
                list(limit.apps),
                list(limit.sites),
                dict(limit.weekdays),
                limit.enforce,
                per_day=bool(limit.weekdays),
            )
            for limit in loaded.settings.limits
        ]

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Settings sections"))
        self.sessions_page = _SessionsPage(loaded.settings.session, loaded.settings.strict, self)
        self.profiles_page = _ProfilesPage(self._profiles, self)
        self.limits_page = _LimitsPage(self._limits, self)
        self.schedules_page = _SchedulesPage(self._schedules, self._profiles, self)
        settings = loaded.settings
        self.general_page = _GeneralPage(settings.general, settings.metrics, settings.journal, self)
        # Mnemonics: tabs take letters no page uses (g and m), so Alt+letter is never ambiguous.
        self.tabs.addTab(self.sessions_page, self.tr("Sess&ions"))
        self.tabs.addTab(self.profiles_page, self.tr("&Profiles"))
        self.tabs.addTab(self.limits_page, self.tr("Li&mits"))
        self.tabs.addTab(self.schedules_page, self.tr("Sc&hedules"))
        self.tabs.addTab(self.general_page, self.tr("&General"))
        self.profiles_page.changed.connect(self.schedules_page.refresh_profiles)

        self.notice = _Notice(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.save_button.setAccessibleName(self.tr("Save settings"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Close without saving"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.buttons)
        self.resize(700, 500)
        self._explain_load(loaded)

    def _explain_load(self, loaded: LoadResult) -> None:
        if not loaded.problems:
            return
        lines = [say(p.words) for p in loaded.problems[:5]]
        if len(loaded.problems) > 5:
            lines.append(self.tr("... and %n more.", "", len(loaded.problems) - 5))
        if loaded.source == "file":
            intro = self.tr("A few lines in your config file need a look; the rest is in use:")
        else:
            intro = self.tr(
                "Your config file could not be read, so these are your earlier settings. "
                "Saving waits until the file is fixed:"
            )
        self.notice.say("\n".join([intro, *lines]))

    def settings(self) -> Settings:
        """What the window shows, as Settings."""
        session, strict = self.sessions_page.values()
        general, metrics, journal = self.general_page.values()
        return dataclasses.replace(
            self._base,
            session=session,
            strict=strict,
            profiles=tuple(p.profile() for p in self._profiles),
            limits=tuple(limit.limit() for limit in self._limits),
            schedules=tuple(s.rule() for s in self._schedules),
            general=general,
            metrics=metrics,
            journal=journal,
        )

    def _draft_problems(self) -> list[str]:
        problems: list[str] = []
        for names, unnamed, twice in (
            (
                [p.name.strip() for p in self._profiles],
                self.tr("Each profile needs a name."),
                self.tr('Two profiles are called "{name}": give each its own name.'),
            ),
            (
                [limit.name.strip() for limit in self._limits],
                self.tr("Each limit needs a name."),
                self.tr('Two limits are called "{name}": give each its own name.'),
            ),
            (
                [s.name.strip() for s in self._schedules],
                self.tr("Each schedule needs a name."),
                self.tr('Two schedules are called "{name}": give each its own name.'),
            ),
        ):
            if any(not n for n in names):
                problems.append(unnamed)
            seen: set[str] = set()
            for n in names:
                if n and n.casefold() in seen:
                    problems.append(twice.format(name=n))
                seen.add(n.casefold())
        for s in self._schedules:
            if not s.days:
                problems.append(
                    self.tr('The schedule "{name}" needs at least one day.').format(
                        name=s.name.strip()
                    )
                )
        return problems

    def save(self) -> None:
        """Write to the config file; on success emit `saved` and close."""
        problems = self._draft_problems()
        not_yet = self.tr("Nothing was saved yet.")
        if problems:
            self.notice.say("\n".join([not_yet, *problems]))
            return
        settings = self.settings()
        invalid = settings_problems(settings)
        if invalid:
            self.notice.say("\n".join([not_yet, *(say(p.words) for p in invalid)]))
            return
        try:
            self._store.save(settings)
        except ConfigBroken as e:
            self.notice.say(
                self.tr(
                    "Nothing was saved: your config file has a mistake, and saving over it would "
                    "lose what you wrote.\n{problem}\nFix that line in {path}, then save again."
                ).format(problem=say(e.problem.words), path=self._store.path)
            )
            return
        except OSError as e:
            self.notice.say(
                self.tr("Nothing was saved: {path} could not be written ({error}).").format(
                    path=self._store.path, error=e
                )
            )
            return
        self.notice.say("")
        self.saved.emit(settings)
        self.accept()
