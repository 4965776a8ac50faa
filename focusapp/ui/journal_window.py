"""The journal window: each moment the app stepped in, the honest log beside it, plainly.

No counts, no streaks, no totals: a list to read, a way to take it with you (export) and a way
to let it go (delete everything). A year of entries is one table model read lazily by the view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QDateTime,
    QItemSelection,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from focusapp.core.journal import Outcome
from focusapp.core.journal_export import JournalEntry, LogLine, to_csv, to_json
from focusapp.store.journal_store import (
    DEFAULT_RETENTION_DAYS,
    JournalStore,
    NotesUnavailable,
    describe,
    duration_words,
)
from focusapp.ui.i18n import say
from focusapp.ui.keyboard import close_on_escape
from focusapp.ui.tray_icon import muted_text_color
from focusapp.ui.window_size import resize_within_screen

_Index = QModelIndex | QPersistentModelIndex

# Why the app stepped in, as the end of "Paused before X, because ...". Translated when shown.
_TRIGGER_WORDS = {
    "blocked_during_session": QT_TRANSLATE_NOOP(
        "JournalWindow", "it is blocked during your focus session"
    ),
    "limit_reached": QT_TRANSLATE_NOOP("JournalWindow", "today's time for it was used up"),
    "feed": QT_TRANSLATE_NOOP("JournalWindow", "you were about to open the feed"),
    "own_profile": QT_TRANSLATE_NOOP("JournalWindow", "you were about to open your own profile"),
    "notifications": QT_TRANSLATE_NOOP("JournalWindow", "you were about to open notifications"),
    "other_profile": QT_TRANSLATE_NOOP(
        "JournalWindow", "you were about to open someone else's profile"
    ),
    "just_posted": QT_TRANSLATE_NOOP("JournalWindow", "you had just posted something"),
}
_PAGE_WORDS = {
    "feed": QT_TRANSLATE_NOOP("JournalWindow", "the feed"),
    "own_profile": QT_TRANSLATE_NOOP("JournalWindow", "your profile"),
    "notifications": QT_TRANSLATE_NOOP("JournalWindow", "notifications"),
    "other_profile": QT_TRANSLATE_NOOP("JournalWindow", "someone's profile"),
    "post": QT_TRANSLATE_NOOP("JournalWindow", "a post"),
}
# What the app records as the target of a check-in without a profile (see FocusApp).
CHECKIN_TARGET = "focus session"


def _tr(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("JournalWindow", ...), translated now."""
    return QCoreApplication.translate("JournalWindow", text)


def outcome_words(entry: JournalEntry) -> str:
    """What happened next, in a few plain words."""
    if entry.outcome == Outcome.RETURNED:
        return QCoreApplication.translate("JournalWindow", "went back")
    if entry.outcome == Outcome.ALLOWED:
        if entry.allowed_s:
            took = QCoreApplication.translate("JournalWindow", "took {duration}").format(
                duration=say(duration_words(entry.allowed_s))
            )
        else:
            took = QCoreApplication.translate("JournalWindow", "took a while")
        if not entry.intention:
            return took
        return QCoreApplication.translate("JournalWindow", "{took}: “{intention}”").format(
            took=took, intention=entry.intention
        )
    if entry.outcome == Outcome.ENFORCED:
        return QCoreApplication.translate("JournalWindow", "your rule set it aside")
    if entry.outcome == Outcome.EMERGENCY_EXIT:
        return QCoreApplication.translate("JournalWindow", "used an emergency exit")
    if entry.outcome == Outcome.CHECKIN:
        return QCoreApplication.translate("JournalWindow", "looked back on a session")
    if entry.outcome == Outcome.CONTINUED:
        return QCoreApplication.translate("JournalWindow", "paused, then went on")
    return entry.outcome or ""


def what_words(entry: JournalEntry) -> str:
    name = entry.target_name or QCoreApplication.translate("JournalWindow", "something")
    if entry.target_kind == "session" and entry.target_name == CHECKIN_TARGET:
        name = QCoreApplication.translate("JournalWindow", "a focus session")
    page = _PAGE_WORDS.get(entry.page_kind or "")
    if not page:
        return name
    return QCoreApplication.translate("JournalWindow", "{name}, {page}").format(
        name=name, page=_tr(page)
    )


def when_words(moment: datetime, today: date) -> str:
    local = moment.astimezone()
    clock = local.strftime("%H:%M")
    day = local.date()
    if day == today:
        return QCoreApplication.translate("JournalWindow", "Today {time}").format(time=clock)
    if (today - day).days == 1:
        return QCoreApplication.translate("JournalWindow", "Yesterday {time}").format(time=clock)
    # Day and month names in the app's language (QLocale's default is set to it).
    shown = QLocale().toString(
        QDate(day.year, day.month, day.day), "ddd d MMM" if day.year == today.year else "d MMM yyyy"
    )
    return QCoreApplication.translate("JournalWindow", "{day}, {time}").format(
        day=shown, time=clock
    )


def retention_words(days: int) -> str:
    # One and many as two messages each: lupdate reads no count in a module-level translate().
    if days % 365 == 0:
        if days == 365:
            return _tr(
                QT_TRANSLATE_NOOP(
                    "JournalWindow", "Entries older than a year are removed on their own."
                )
            )
        text = _tr(
            QT_TRANSLATE_NOOP(
                "JournalWindow", "Entries older than {count} years are removed on their own."
            )
        )
        return text.format(count=days // 365)
    if days % 30 == 0 and days < 365:
        if days == 30:
            return _tr(
                QT_TRANSLATE_NOOP(
                    "JournalWindow", "Entries older than a month are removed on their own."
                )
            )
        text = _tr(
            QT_TRANSLATE_NOOP(
                "JournalWindow", "Entries older than {count} months are removed on their own."
            )
        )
        return text.format(count=days // 30)
    if days == 1:
        return _tr(
            QT_TRANSLATE_NOOP("JournalWindow", "Entries older than a day are removed on their own.")
        )
    text = _tr(
        QT_TRANSLATE_NOOP(
            "JournalWindow", "Entries older than {count} days are removed on their own."
        )
    )
    return text.format(count=days)


class EntriesModel(QAbstractTableModel):
    """Journal entries, newest first; cells are worded only when the view asks for them."""

    HEADERS = (
        QT_TRANSLATE_NOOP("EntriesModel", "When"),
        QT_TRANSLATE_NOOP("EntriesModel", "What"),
        QT_TRANSLATE_NOOP("EntriesModel", "The question"),
        QT_TRANSLATE_NOOP("EntriesModel", "Your answer"),
        QT_TRANSLATE_NOOP("EntriesModel", "Then"),
    )

    def __init__(
        self,
        prompt_text: Callable[[str], str | None] | None = None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._entries: list[JournalEntry] = []
        self._prompt_text = prompt_text
        self._today = today

    def set_entries(self, entries: Sequence[JournalEntry]) -> None:
        self.beginResetModel()
        self._entries = sorted(entries, key=lambda e: (e.ts, e.id), reverse=True)
        self.endResetModel()

    def entry(self, row: int) -> JournalEntry:
        return self._entries[row]

    def question(self, entry: JournalEntry) -> str:
        if entry.prompt_text:
            return entry.prompt_text
        if entry.prompt_id and self._prompt_text is not None:
            return self._prompt_text(entry.prompt_id) or ""
        return ""

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cell(entry, index.column())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("{column}: {value}").format(
                column=self.tr(self.HEADERS[index.column()]),
                value=self._cell(entry, index.column()),
            )
        return None

    def _cell(self, entry: JournalEntry, column: int) -> str:
        if column == 0:
            return when_words(entry.ts, self._today())
        if column == 1:
            return what_words(entry)
        if column == 2:
            return self.question(entry)
        if column == 3:
            return entry.answer or ""
        return outcome_words(entry)


class LogModel(QAbstractTableModel):
    """Honest-log lines, newest first."""

    HEADERS = (
        QT_TRANSLATE_NOOP("LogModel", "When"),
        QT_TRANSLATE_NOOP("LogModel", "What happened"),
    )

    def __init__(self, today: Callable[[], date] = date.today, parent: QWidget | None = None):
        super().__init__(parent)
        self._lines: list[LogLine] = []
        self._today = today

    def set_lines(self, lines: Sequence[LogLine]) -> None:
        self.beginResetModel()
        # Written order, newest first: after a clock jump, timestamps alone would mislead.
        self._lines = list(reversed(lines))
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            if index.column() == 0:
                return when_words(line.ts, self._today())
            # Worded again from its kind and detail, in the app's language.
            return say(describe(line.kind, line.detail))
        return None


class DeleteEverythingDialog(QMessageBox):
    """Asks before deleting; "Keep my journal" is the default, so Enter and Escape keep it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.NoIcon)
        self.setWindowTitle(self.tr("Delete your journal?"))
        self.setText(self.tr("Delete everything in your journal?"))
        self.setInformativeText(
            self.tr(
                "Every moment, note and answer, the honest log, your session history and the "
                "time counted in apps and sites will be removed from this computer. "
                "This can't be undone.\n\n"
                "Emergency exits from the last two weeks stay, because strict sessions count them."
            )
        )
        self.delete_button = self.addButton(
            self.tr("Delete everything"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.keep_button = self.addButton(
            self.tr("Keep my journal"), QMessageBox.ButtonRole.RejectRole
        )
        self.setDefaultButton(self.keep_button)
        self.setEscapeButton(self.keep_button)
        self.delete_button.setAutoDefault(False)

    def confirmed(self) -> bool:
        return self.clickedButton() is self.delete_button


def ask_to_delete_everything(parent: QWidget) -> bool:
    dialog = DeleteEverythingDialog(parent)
    dialog.exec()
    return dialog.confirmed()


class JournalWindow(QWidget):
    """Reads a `JournalStore`; `notes_status` is the sentence from `JournalKeys.status()`."""

    def __init__(
        self,
        store: JournalStore,
        prompt_text: Callable[[str], str | None] | None = None,
        *,
        notes_status: str = "",
        retention_days: int = DEFAULT_RETENTION_DAYS,
        confirm_delete: Callable[[QWidget], bool] = ask_to_delete_everything,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._confirm_delete = confirm_delete
        self.setWindowTitle(self.tr("Your journal — Focusapp"))
        self.setAccessibleName(self.tr("Your journal"))
        resize_within_screen(self, 980, 640)
        close_on_escape(self)

        heading = QLabel(self.tr("Your journal"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        heading.setFont(font)
        intro = _muted(
            QLabel(
                self.tr(
                    "Each time Focusapp paused you: what it was, the question, your answer and "
                    "what you chose next. It stays on this computer; only you see it."
                )
            )
        )
        intro.setWordWrap(True)

        self.entries_model = EntriesModel(prompt_text, today, self)
        self.entries_view = _table(self.entries_model, self.tr("Moments Focusapp paused you"))
        header = self.entries_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        for column, width in ((0, 125), (1, 150), (3, 190), (4, 180)):
            self.entries_view.setColumnWidth(column, width)
        self.entries_view.selectionModel().selectionChanged.connect(self._show_selected)

        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAccessibleName(self.tr("The selected moment"))
        self.detail.setMinimumHeight(72)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setFrameShape(QFrame.Shape.StyledPanel)
        self.detail.setMargin(10)

        self.entries_empty = _muted(
            QLabel(self.tr("Nothing here yet. When Focusapp pauses you, the moment shows here."))
        )
        self.entries_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.entries_empty.setWordWrap(True)
        moments = QWidget()
        moments_layout = QVBoxLayout(moments)
        moments_layout.addWidget(self.entries_empty)
        moments_layout.addWidget(self.entries_view, 1)
        moments_layout.addWidget(self.detail)

        self.log_model = LogModel(today, self)
        self.log_view = _table(self.log_model, self.tr("The honest log"), lines=1)
        self.log_view.setColumnWidth(0, 130)
        self.log_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.log_empty = _muted(
            QLabel(
                self.tr(
                    "Nothing here yet. Emergency exits, changed limits, clock changes and times "
                    "Focusapp was not running will show here."
                )
            )
        )
        self.log_empty.setWordWrap(True)
        self.log_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        log_page = QWidget()
        log_layout = QVBoxLayout(log_page)
        log_about = _muted(
            QLabel(self.tr("Things you may want to know later, written down as they happened."))
        )
        log_about.setWordWrap(True)
        log_layout.addWidget(log_about)
        log_layout.addWidget(self.log_empty)
        log_layout.addWidget(self.log_view, 1)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Journal sections"))
        self.tabs.addTab(moments, self.tr("&Moments"))
        self.tabs.addTab(log_page, self.tr("Honest &log"))

        self.notes_label = _muted(QLabel(notes_status))
        self.notes_label.setWordWrap(True)
        self.notes_label.setAccessibleName(self.tr("Where your notes stand"))
        self.notes_label.setVisible(bool(notes_status))
        self.retention_label = _muted(QLabel(retention_words(retention_days)))
        self.retention_label.setAccessibleName(self.tr("How long the journal keeps entries"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Last action"))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.note_button = QPushButton(self.tr("Write a &note…"))
        self.note_button.setAccessibleName(self.tr("Write a note to the selected moment"))
        self.note_button.setEnabled(False)
        self.note_button.clicked.connect(self.write_note)
        self.export_button = QPushButton(self.tr("&Export…"))
        self.export_button.setAccessibleName(self.tr("Export the journal to a file"))
        self.export_button.clicked.connect(self.export)
        self.delete_button = QPushButton(self.tr("&Delete everything…"))
        self.delete_button.setAccessibleName(self.tr("Delete everything in the journal"))
        self.delete_button.clicked.connect(self.delete_everything)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retention_label, 1)
        buttons.addWidget(self.note_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.delete_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.refresh()

    def set_notes_status(self, sentence: str) -> None:
        self.notes_label.setText(sentence)
        self.notes_label.setVisible(bool(sentence))

    def set_retention_days(self, days: int) -> None:
        self.retention_label.setText(retention_words(days))

    def refresh(self) -> None:
        entries = self.store.entries()
        self.entries_model.set_entries(entries)
        self.log_model.set_lines(self.store.honest_log())
        has_entries = bool(entries)
        self.entries_empty.setVisible(not has_entries)
        self.entries_view.setVisible(has_entries)
        self.detail.setVisible(has_entries)
        has_log = self.log_model.rowCount() > 0
        self.log_empty.setVisible(not has_log)
        self.log_view.setVisible(has_log)
        self.detail.setText(self.tr("Choose a moment to read it in full."))

    def export(self) -> Path | None:
        """Asks where, then writes JSON (moments and the honest log) or CSV (moments)."""
        suggested = Path.home() / f"focusapp-journal-{date.today().isoformat()}.json"
        as_json = self.tr("JSON, with the honest log (*.json)")
        as_csv = self.tr("CSV, moments only (*.csv)")
        filename, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export your journal"),
            str(suggested),
            f"{as_json};;{as_csv}",
        )
        if not filename:
            return None
        path = Path(filename)
        as_csv = path.suffix.lower() == ".csv" or (
            path.suffix.lower() != ".json" and chosen != as_json
        )
        if not path.suffix:
            path = path.with_suffix(".csv" if as_csv else ".json")
        entries = self.store.entries()
        text = to_csv(entries) if as_csv else to_json(entries, self.store.honest_log())
        try:
            path.write_text(text, encoding="utf-8", newline="")
        except OSError as e:
            self.message.setText(
                self.tr("The journal could not be saved to {path} ({error}).").format(
                    path=path, error=e.strerror
                )
            )
            return None
        self.message.setText(self.tr("Saved your journal to {path}.").format(path=path))
        return path

    def delete_everything(self) -> bool:
        if not self._confirm_delete(self):
            self.message.setText(self.tr("Nothing was deleted."))
            return False
        self.store.delete_everything()
        self.refresh()
        leftovers = self.store.leftover_copies()
        if leftovers:
            self.message.setText(
                self.tr(
                    "Your journal was deleted. Older copies of the database are still kept in "
                    "{folder}; delete them yourself if you want them gone too."
                ).format(folder=leftovers[0].parent)
            )
        else:
            self.message.setText(self.tr("Your journal was deleted."))
        return True

    def _show_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        entry = self.entries_model.entry(indexes[0].row())
        self.detail.setText(self._detail_text(entry))
        self.note_button.setEnabled(True)

    def selected_entry(self) -> JournalEntry | None:
        rows = self.entries_view.selectionModel().selectedRows()
        return self.entries_model.entry(rows[0].row()) if rows else None

    def write_note(self, text: str | None = None) -> bool:
        """A note to self on the selected moment, encrypted (or refused, saying why).

        `text` is for tests; the user types it in a small dialog."""
        entry = self.selected_entry()
        if entry is None:
            return False
        if text is None:
            from PySide6.QtWidgets import QInputDialog

            typed, ok = QInputDialog.getMultiLineText(
                self,
                self.tr("A note to yourself"),
                self.tr("What was going on? Only you can read this."),
                entry.note or "",
            )
            if not ok:
                return False
            text = typed
        try:
            self.store.add_note(entry.id, text)
        except NotesUnavailable as exc:
            self.message.setText(str(exc))
            return False
        row = self.entries_view.selectionModel().selectedRows()[0].row()
        self.refresh()
        self.entries_view.selectRow(row)
        self.message.setText(
            self.tr("Your note is kept, encrypted.") if text.strip() else self.tr("Note removed.")
        )
        return True

    def _detail_text(self, entry: JournalEntry) -> str:
        local = entry.ts.astimezone()
        moment = QDateTime(
            QDate(local.year, local.month, local.day), QTime(local.hour, local.minute)
        )
        lines = [QLocale().toString(moment, "dddd d MMMM yyyy, HH:mm")]
        why = _TRIGGER_WORDS.get(entry.trigger_kind)
        if why:
            lines.append(
                self.tr("Paused before {what}, because {why}.").format(
                    what=what_words(entry), why=_tr(why)
                )
            )
        else:
            lines.append(self.tr("Paused before {what}.").format(what=what_words(entry)))
        question = self.entries_model.question(entry)
        if question:
            lines.append(self.tr("Asked: {question}").format(question=question))
        if entry.answer:
            lines.append(self.tr("You answered: {answer}").format(answer=entry.answer))
        lines.append(self.tr("Then: {outcome}.").format(outcome=outcome_words(entry)))
        if entry.note:
            lines.append(self.tr("Your note: {note}").format(note=entry.note))
        if entry.note_problem:
            lines.append(entry.note_problem)
        return "\n".join(lines)


def _table(model: QAbstractTableModel, name: str, lines: int = 2) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setShowGrid(False)
    view.setAlternatingRowColors(True)
    # Two lines per row, wrapped inside a fixed height: whole questions, no per-row measuring.
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    view.verticalHeader().setVisible(False)
    # Fixed row heights: the view never measures thousands of rows to lay them out.
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().lineSpacing() * lines + 14)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
    return view


def _muted(label: QLabel) -> QLabel:
    # Muted, yet readable: the placeholder grey is too faint for sentences (3.9:1 in Fusion).
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, muted_text_color(palette))
    label.setPalette(palette)
    return label
