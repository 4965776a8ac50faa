"""The app's language: which one is chosen, Qt's translators for it, and phrases worded in it.

How to write a user-visible string (English is the source language; Dutch ships complete):

- Inside a QObject subclass (every widget, dialog, controller): `self.tr("Start focus")`. The
  context is the class, so a word can read differently in two windows.
- Anywhere else in `focusapp/ui` and `focusapp/app.py` (module functions, tables, dataclasses):
  `QCoreApplication.translate("Context", "...")` with a fixed context string, usually the
  module's main class or a short name. A table defined at import time marks its texts with
  `QT_TRANSLATE_NOOP("Context", "...")` and translates them with `QCoreApplication.translate`
  where they are shown (translations are installed after import).
- Arguments go in with `.format(name=...)` on the translated text, never by concatenation or
  f-strings around a translated fragment: word order differs between languages, so the whole
  sentence is one message. Keep the source a literal (lupdate reads it).
- Counts use Qt's plural forms: `self.tr("%n minutes left", "", minutes)` (Qt puts the number in
  for `%n`; the English plural forms come from `focusapp_en.ts`). lupdate does not see a count
  given to `QCoreApplication.translate` (nor any message whose count is an expression like
  `days // 7`), so outside a QObject method word one and many as two messages, or compute the
  count first and call `self.tr` with a plain name.
- Below the UI (`core`, `store`, `platform`, which import no Qt) a sentence for the user is a
  `focusapp.core.phrases.Phrase`; the UI shows it with `say(...)`.
- Only what reaches a person is translated: log lines, the CLI's output (a parsed contract), the
  IPC and native-messaging protocols and the journal export stay English.
- Mnemonics (`&`) stay in the translation, on a letter of the translated word; keep them unique
  within a window.

After adding or changing strings run `python scripts/update_translations.py`, translate what it
reports in `focusapp/resources/i18n/focusapp_nl.ts` (Qt Linguist, or by hand) and run it again;
`tests/unit/test_translations.py` fails while any Dutch translation is missing.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from focusapp.core.phrases import Phrase

SOURCE_LANGUAGE = "en"
LANGUAGES: tuple[str, ...] = ("en", "nl")
"""Languages the app ships, as in the `[general] language` option."""

CATALOGUE = "focusapp"


def translations_dir() -> Path:
    """The folder holding `focusapp_<language>.qm` inside the installed package."""
    return Path(str(resources.files("focusapp") / "resources" / "i18n"))


def resolve_language(setting: str, system: QLocale | None = None) -> str:
    """The language to use for a `[general] language` value: "system" follows the desktop's
    preferred languages in order, falling back to English when none is shipped."""
    if setting in LANGUAGES:
        return setting
    locale = system if system is not None else QLocale.system()
    for tag in locale.uiLanguages():
        code = tag.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


class Translation:
    """Qt's translators for one language, installed on the running application.

    The app's own catalogue (`focusapp_<language>.qm`; for English it holds only plural forms)
    and Qt's own `qtbase_<language>.qm` (standard buttons such as Save and Cancel) when the Qt
    installation has it. When the language is not the desktop's, the default `QLocale` becomes
    that language in the desktop's region, so names of days and months match the words around
    them.
    """

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"no translation for {language!r}; shipped: {LANGUAGES}")
        self.language = language
        self.translators: list[QTranslator] = []
        self.missing: list[str] = []
        self._previous_locale: QLocale | None = None

    def install(self, app: QCoreApplication) -> Translation:
        own = QTranslator(app)
        if own.load(f"{CATALOGUE}_{self.language}", str(translations_dir())):
            self.translators.append(own)
        else:
            self.missing.append(f"{CATALOGUE}_{self.language}.qm")
        qt = QTranslator(app)
        if self.language != SOURCE_LANGUAGE and any(
            qt.load(f"qtbase_{self.language}", folder) for folder in _qt_translation_dirs()
        ):
            self.translators.append(qt)
        for translator in self.translators:
            app.installTranslator(translator)
        system = QLocale.system()
        if resolve_language("system", system) != self.language:
            self._previous_locale = QLocale()
            wanted = QLocale(self.language)
            QLocale.setDefault(QLocale(wanted.language(), system.territory()))
        return self

    def remove(self, app: QCoreApplication) -> None:
        """Uninstall again (tests switch languages within one process)."""
        for translator in self.translators:
            app.removeTranslator(translator)
        self.translators.clear()
        if self._previous_locale is not None:
            QLocale.setDefault(self._previous_locale)
            self._previous_locale = None


def _qt_translation_dirs() -> list[str]:
    """Where Qt's own catalogues are: Qt's configured folder, else the wheel's (a bundle)."""
    import PySide6

    return [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(Path(PySide6.__file__).parent / "Qt" / "translations"),
    ]


def say(text: Phrase | str) -> str:
    """A phrase from the layers below in the installed language (a plain string as it is)."""
    if isinstance(text, str):
        return text
    return text.render(QCoreApplication.translate(text.context, text.source), say)
