"""The first-run welcome: what Focusapp is, a first limit, the browser helper, where secrets live.

Shown once, on the first start with no config file; `FocusApp` decides, and remembers that it
was shown in `AppPaths.welcome_done_file` whichever way it was closed. Four short pages in one
window, each one screen of text at most, and every page can be left with Skip: nothing chosen
is written then, except the autostart choice (on by default). Finish writes the chosen sites
through the same `ConfigStore` as the settings window, so a config file the user has started
by hand keeps its comments.

Keyboard: Enter goes on (Next, then Finish), Escape skips, Alt+B goes back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from focusapp.core.settings import Limit, Profile, Settings, section
from focusapp.store.config import ConfigBroken, ConfigStore
from focusapp.ui.tray_icon import MutedLabel


@dataclass(frozen=True)
class SiteChoice:
    """A common source of likes and the sites that belong to it."""

    label: str  # a brand name: the same in every language
    sites: tuple[str, ...]


SITE_CHOICES: tuple[SiteChoice, ...] = (
    SiteChoice("TikTok", ("tiktok.com",)),
    SiteChoice("Instagram", ("instagram.com",)),
    SiteChoice("X", ("x.com", "twitter.com")),
    SiteChoice("YouTube", ("youtube.com",)),
    SiteChoice("Reddit", ("reddit.com",)),
    SiteChoice("Facebook", ("facebook.com",)),
    SiteChoice("Threads", ("threads.net", "threads.com")),
    SiteChoice("Bluesky", ("bsky.app",)),
)

DEFAULT_DAILY_MINUTES = 30
# The names written for the user; they can rename them in the settings window.
PROFILE_NAME = QT_TRANSLATE_NOOP("WelcomeWindow", "Social media")
LIMIT_NAME = QT_TRANSLATE_NOOP("WelcomeWindow", "Social media")


def _unique(name: str, taken: Sequence[str]) -> str:
    folded = {t.casefold() for t in taken}
    candidate, n = name, 1
    while candidate.casefold() in folded:
        n += 1
        candidate = f"{name} {n}"
    return candidate


def with_first_limit(
    settings: Settings,
    sites: Sequence[str],
    *,
    block_in_sessions: bool,
    daily_minutes: int | None,
    profile_name: str,
    limit_name: str,
) -> Settings:
    """`settings` plus a profile that blocks `sites` and a daily limit for them, as chosen.

    Nothing chosen leaves the settings as they are; a name already taken gets a number.
    """
    chosen = tuple(dict.fromkeys(sites))
    if not chosen:
        return settings
    new = settings
    if block_in_sessions:
        name = _unique(profile_name, [p.name for p in new.profiles])
        new = dataclasses.replace(new, profiles=(*new.profiles, Profile(name, block_sites=chosen)))
    if daily_minutes is not None:
        name = _unique(limit_name, [limit.name for limit in new.limits])
        limit = Limit(name, daily_minutes, sites=chosen)
        new = dataclasses.replace(new, limits=(*new.limits, limit))
    return new


@dataclass(frozen=True)
class BrowserSetup:
    """What the browser page needs from the app: a way to register the native host, and the
    folder of the extension to load (None when this installation has none)."""

    connect: Callable[[], Sequence[str]]  # the browsers registered; raises OSError
    extension_folder: Path | None


class WelcomeWindow(QDialog):
    """The welcome; `saved(Settings)` when Finish wrote a first limit, `finished` either way."""

    saved = Signal(object)

    def __init__(
        self,
        store: ConfigStore,
        browser: BrowserSetup,
        *,
        set_autostart: Callable[[bool], None] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._browser = browser
        self._set_autostart = set_autostart
        self._closing = False
        self.setWindowTitle(self.tr("Welcome to Focusapp"))
        self.setAccessibleName(self.tr("Welcome to Focusapp"))
        self.setModal(False)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._intro_page())
        self.pages.addWidget(self._limit_page())
        self.pages.addWidget(self._browser_page())
        self.pages.addWidget(self._notes_page())

        self.step_label = MutedLabel("", self)
        self.skip_button = QPushButton(self.tr("&Skip"), self)
        self.skip_button.setAutoDefault(False)
        self.skip_button.setAccessibleDescription(
            self.tr("Closes the welcome; you can set everything up later in Settings")
        )
        self.skip_button.clicked.connect(self.reject)
        self.back_button = QPushButton(self.tr("&Back"), self)
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton(self.tr("&Next"), self)
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.go_next)

        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.step_label)
        buttons.addSpacing(12)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(16)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        # About 75 characters a line: short enough to read, wide enough for the longest word.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 78)
        self._show_page(0)

    # -- pages ----------------------------------------------------------------------------------

    def _page(self, title: str) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget(self.pages)
        page.setAccessibleName(title)
        heading = QLabel(title, page)
        heading.setObjectName("heading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        heading.setFont(font)
        heading.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(heading)
        return page, layout

    def _text(self, text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _intro_page(self) -> QWidget:
        page, layout = self._page(self.tr("Welcome to Focusapp"))
        layout.addWidget(
            self._text(
                self.tr(
                    "Focusapp helps you notice the pull of likes and feeds. It runs focus "
                    "sessions, keeps daily limits for the apps and sites you choose, hides "
                    "likes and counts in your browser, and when you reach for a feed anyway it "
                    "offers a short pause and a question instead of a number."
                ),
                page,
            )
        )
        layout.addWidget(
            self._text(
                self.tr(
                    "Everything stays on this computer. There is no account, no server and no "
                    "tracking: Focusapp makes no network connection of its own. It keeps no "
                    "scores and no streaks."
                ),
                page,
            )
        )
        self.autostart_box = QCheckBox(self.tr("Start Focusapp when I &log in"), page)
        self.autostart_box.setChecked(True)
        self.autostart_box.setAccessibleDescription(
            self.tr("You can change this later in Settings")
        )
        if self._set_autostart is None:
            self.autostart_box.setEnabled(False)
            self.autostart_box.setChecked(False)
            self.autostart_box.setToolTip(self.tr("Not available on this system"))
        layout.addSpacing(6)
        layout.addWidget(self.autostart_box)
        layout.addStretch(1)
        return page

    def _limit_page(self) -> QWidget:
        page, layout = self._page(self.tr("Which sites pull at you?"))
        layout.addWidget(
            self._text(
                self.tr(
                    "Pick the ones you would like a little distance from. You can change this "
                    "any time in Settings, and pick nothing to decide later."
                ),
                page,
            )
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        self.site_boxes: list[tuple[QCheckBox, SiteChoice]] = []
        columns = 2
        for index, choice in enumerate(SITE_CHOICES):
            box = QCheckBox(choice.label, page)
            box.setAccessibleDescription(", ".join(choice.sites))
            box.toggled.connect(self._refresh_limit_page)
            self.site_boxes.append((box, choice))
            grid.addWidget(box, index // columns, index % columns)
        layout.addLayout(grid)
        layout.addSpacing(6)

        self.block_box = QCheckBox(self.tr("Block them during &focus sessions"), page)
        self.block_box.setChecked(True)
        self.limit_box = QCheckBox(self.tr("Give them a &daily limit of"), page)
        self.limit_box.setChecked(True)
        self.minutes_spin = QSpinBox(page)
        option = section("limits").option("daily_minutes")
        assert option is not None and option.maximum is not None
        self.minutes_spin.setRange(1, option.maximum)
        self.minutes_spin.setValue(DEFAULT_DAILY_MINUTES)
        self.minutes_spin.setSuffix(self.tr(" min a day"))
        self.minutes_spin.setAccessibleName(self.tr("Daily limit in minutes"))
        self.limit_box.toggled.connect(self._refresh_limit_page)
        limit_row = QHBoxLayout()
        limit_row.addWidget(self.limit_box)
        limit_row.addWidget(self.minutes_spin)
        limit_row.addStretch(1)
        layout.addWidget(self.block_box)
        layout.addLayout(limit_row)
        self.limit_hint = MutedLabel(
            self.tr(
                "The blocking profile is called \u201c{name}\u201d: choose it in the tray menu "
                "when you start a session."
            ).format(name=self.tr(PROFILE_NAME)),
            page,
        )
        self.limit_hint.setWordWrap(True)
        layout.addWidget(self.limit_hint)
        layout.addStretch(1)
        self._refresh_limit_page()
        return page

    def _browser_page(self) -> QWidget:
        page, layout = self._page(self.tr("The browser helper"))
        layout.addWidget(
            self._text(
                self.tr(
                    "A small browser extension hides likes and counts and blocks sites during "
                    "focus sessions. It talks only to this app. Two steps:"
                ),
                page,
            )
        )
        layout.addWidget(
            self._text(
                self.tr(
                    "1. Let your browsers reach Focusapp (the same as "
                    "<code>focusapp browser install</code>):"
                ),
                page,
            )
        )
        self.connect_button = QPushButton(self.tr("&Connect my browsers"), page)
        self.connect_button.setAutoDefault(False)
        self.connect_button.clicked.connect(self.connect_browsers)
        self.connect_result = MutedLabel("", page)
        self.connect_result.setWordWrap(True)
        self.connect_result.setAccessibleName(self.tr("Result of connecting the browsers"))
        self.connect_result.hide()
        row = QHBoxLayout()
        row.addWidget(self.connect_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.connect_result)
        layout.addSpacing(4)

        folder = self._browser.extension_folder
        layout.addWidget(
            self._text(
                self.tr(
                    "2. In Chrome, Chromium, Edge or Brave open the extensions page, turn on "
                    "Developer mode, choose \u201cLoad unpacked\u201d and pick this folder (the "
                    "same as <code>focusapp browser path</code>):"
                ),
                page,
            )
        )
        self.folder_edit = QLineEdit(page)
        self.folder_edit.setReadOnly(True)
        self.folder_edit.setAccessibleName(self.tr("Extension folder"))
        self.copy_button = QPushButton(self.tr("Co&py"), page)
        self.copy_button.setAccessibleName(self.tr("Copy the extension folder"))
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_folder)
        if folder is not None:
            self.folder_edit.setText(str(folder))
            self.folder_edit.setCursorPosition(0)
        else:
            self.folder_edit.setText(self.tr("This installation has no browser extension."))
            self.copy_button.setEnabled(False)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.copy_button)
        layout.addLayout(folder_row)
        self.copied_label = MutedLabel("", page)
        layout.addWidget(self.copied_label)
        layout.addStretch(1)
        return page

    def _notes_page(self) -> QWidget:
        page, layout = self._page(self.tr("Where your notes are kept"))
        layout.addWidget(
            self._text(
                self.tr(
                    "When you write a note in the pause or the journal, it is encrypted before "
                    "it is saved. Focusapp keeps the key in your system keyring when there is "
                    "one, never in a file next to the notes."
                ),
                page,
            )
        )
        self.keyring_label = QLabel(self.tr("Looking for your system keyring\u2026"), page)
        self.keyring_label.setWordWrap(True)
        self.keyring_label.setAccessibleName(self.tr("System keyring"))
        font = self.keyring_label.font()
        font.setBold(True)
        self.keyring_label.setFont(font)
        layout.addWidget(self.keyring_label)
        self.keyring_detail = MutedLabel("", page)
        self.keyring_detail.setWordWrap(True)
        self.keyring_detail.hide()
        layout.addWidget(self.keyring_detail)
        layout.addSpacing(6)
        layout.addWidget(
            self._text(
                self.tr(
                    "That's all. Focusapp lives in the tray; everything here can be changed "
                    "later in Settings."
                ),
                page,
            )
        )
        layout.addStretch(1)
        return page

    # -- what the pages do ----------------------------------------------------------------------

    def chosen_sites(self) -> list[str]:
        return [site for box, choice in self.site_boxes if box.isChecked() for site in choice.sites]

    def _refresh_limit_page(self) -> None:
        any_site = bool(self.chosen_sites())
        self.block_box.setEnabled(any_site)
        self.limit_box.setEnabled(any_site)
        self.minutes_spin.setEnabled(any_site and self.limit_box.isChecked())

    def connect_browsers(self) -> None:
        try:
            names = list(self._browser.connect())
        except OSError as exc:
            text = self.tr(
                "That didn't work: {error}. You can try again, or later run "
                "focusapp browser install."
            ).format(error=exc)
        else:
            text = self.tr("Done: {browsers} can now reach Focusapp.").format(
                browsers=", ".join(names)
            )
        self.connect_result.setText(text)
        self.connect_result.show()

    def copy_folder(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.folder_edit.text())
        self.copied_label.setText(self.tr("Copied. Paste it into the folder dialog."))

    def set_keyring_state(self, found: bool, detail: str = "") -> None:
        """Called once the background probe answered (`FocusApp._probe_keyring`)."""
        if found:
            self.keyring_label.setText(self.tr("Found: your system keyring keeps the key."))
        else:
            self.keyring_label.setText(
                self.tr(
                    "No system keyring was found. After this, Focusapp asks whether to lock "
                    "your notes with a passphrase or not to keep notes at all."
                )
            )
        self.keyring_detail.setText(detail)
        self.keyring_detail.setVisible(bool(detail) and not found)

    # -- moving through it ----------------------------------------------------------------------

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        last = index == self.pages.count() - 1
        self.back_button.setEnabled(index > 0)
        self.next_button.setText(self.tr("&Finish") if last else self.tr("&Next"))
        self.step_label.setText(
            self.tr("Page {page} of {pages}").format(page=index + 1, pages=self.pages.count())
        )
        page = self.pages.currentWidget()
        self.pages.setAccessibleName(page.accessibleName())
        first = next(
            (
                w
                for w in page.findChildren(QWidget)
                if w.focusPolicy() & Qt.FocusPolicy.TabFocus
                and w.isEnabled()
                and not isinstance(w, QLabel)
            ),
            None,
        )
        (first or self.next_button).setFocus(Qt.FocusReason.OtherFocusReason)

    def go_next(self) -> None:
        index = self.pages.currentIndex()
        if index < self.pages.count() - 1:
            self._show_page(index + 1)
        else:
            self.finish()

    def go_back(self) -> None:
        index = self.pages.currentIndex()
        if index > 0:
            self._show_page(index - 1)

    def finish(self) -> None:
        """Writes the first limit (if any site was chosen) and closes."""
        sites = self.chosen_sites()
        if sites and (self.block_box.isChecked() or self.limit_box.isChecked()):
            current = self._store.load().settings
            new = with_first_limit(
                current,
                sites,
                block_in_sessions=self.block_box.isChecked(),
                daily_minutes=self.minutes_spin.value() if self.limit_box.isChecked() else None,
                profile_name=self.tr(PROFILE_NAME),
                limit_name=self.tr(LIMIT_NAME),
            )
            try:
                self._store.save(new)
            except (ConfigBroken, OSError) as exc:
                self._show_page(1)
                self.limit_hint.setText(
                    self.tr("Your choice could not be saved: {error}").format(error=exc)
                )
                return
            self.saved.emit(new)
        self.accept()

    def done(self, result: int) -> None:
        # Every way out (Finish, Skip, Escape, the window's close button) passes here once.
        if not self._closing:
            self._closing = True
            if self._set_autostart is not None:
                self._set_autostart(self.autostart_box.isChecked())
        super().done(result)
