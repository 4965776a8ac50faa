"""Sentences the layers below the UI word for the user, kept translatable without importing Qt.

The core (and `store`, `platform`) decide *what* to tell the user; the UI decides in which
language. So a user-facing sentence built below the UI is a `Phrase`, not a `str`:

    WAIT = phrase("Friction", "Please wait {seconds} more seconds before confirming.")
    raise Refused(WAIT(seconds=12))

`phrase(context, source)` is the marker `pyside6-lupdate` is told about (as an alias of
`QT_TRANSLATE_NOOP`, see `scripts/update_translations.py`), so the source lands in the
translation files under `context`. It must be called with exactly those two string literals;
the arguments are filled in by calling the phrase. `str(phrase)` is the English sentence (what
the CLI, the IPC protocol and the logs use); `focusapp.ui.i18n.say` renders it in the user's
language, filling `{name}` placeholders from arguments that may themselves be phrases.

Plurals: lupdate's Python parser knows no numerus marker, so a phrase holding a count picks its
singular or plural source itself (`count_phrase`). That is right for English and Dutch, the
languages shipped; a language with more plural forms would need those counts worded in the UI.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

Arg: TypeAlias = "Phrase | str | int | float"
_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class Phrase:
    """A sentence in English with what a translation needs: its context and its arguments."""

    context: str
    source: str
    args: tuple[tuple[str, Arg], ...] = field(default=())

    def __call__(self, **args: Arg) -> Phrase:
        """The same sentence with its placeholders' values (checked against the source)."""
        wanted = placeholders(self.source)
        given = set(args) | {name for name, _ in self.args}
        if given != wanted:
            raise ValueError(f"{self.source!r} takes {sorted(wanted)}, got {sorted(given)}")
        return Phrase(self.context, self.source, (*self.args, *args.items()))

    @property
    def arguments(self) -> Mapping[str, Arg]:
        return dict(self.args)

    def render(self, template: str, word: Callable[[Phrase], str]) -> str:
        """`template` (this phrase's source or a translation of it) with the arguments filled in,
        nested phrases worded by `word`."""
        values = {name: word(value) if isinstance(value, Phrase) else str(value)
                  for name, value in self.args}  # fmt: skip
        return template.format_map(values)

    def __str__(self) -> str:
        return self.render(self.source, str)


def phrase(context: str, source: str) -> Phrase:
    """Marks `source` for translation under `context` (lupdate reads this call; keep both
    arguments string literals)."""
    return Phrase(context, source)


def placeholders(template: str) -> set[str]:
    """The `{name}` placeholders of a template."""
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name}


def count_phrase(count: int, one: Phrase, many: Phrase, **args: Arg) -> Phrase:
    """`one` for a count of 1, else `many`; `{count}` is filled in where the source has it."""
    chosen = one if count == 1 else many
    if "count" in placeholders(chosen.source):
        args = {"count": count, **args}
    return chosen(**args)


_AND = phrase("Lists", "{first} and {last}")
_OR = phrase("Lists", "{first} or {last}")
_COMMA = phrase("Lists", "{first}, {rest}")


def _listed(items: Sequence[Arg], last_two: Phrase) -> Arg:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return last_two(first=items[0], last=items[1])
    return _COMMA(first=items[0], rest=_listed(items[1:], last_two))


def and_list(items: Sequence[Arg]) -> Arg:
    """A list worded "a, b and c" as a phrase, so "and" is translated too."""
    return _listed(items, _AND)


def or_list(items: Sequence[Arg]) -> Arg:
    """A list worded "a, b or c" as a phrase."""
    return _listed(items, _OR)


WEEKDAYS: tuple[Phrase, ...] = (
    phrase("Weekdays", "Monday"),
    phrase("Weekdays", "Tuesday"),
    phrase("Weekdays", "Wednesday"),
    phrase("Weekdays", "Thursday"),
    phrase("Weekdays", "Friday"),
    phrase("Weekdays", "Saturday"),
    phrase("Weekdays", "Sunday"),
)
"""Weekday names for sentences, Monday first (as `datetime.weekday()`)."""

WEEKDAYS_PLURAL: tuple[Phrase, ...] = (
    phrase("Weekdays", "Mondays"),
    phrase("Weekdays", "Tuesdays"),
    phrase("Weekdays", "Wednesdays"),
    phrase("Weekdays", "Thursdays"),
    phrase("Weekdays", "Fridays"),
    phrase("Weekdays", "Saturdays"),
    phrase("Weekdays", "Sundays"),
)
"""Weekdays as a habit ("Mondays were busier"), Monday first."""
