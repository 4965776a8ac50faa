"""Errors a command can end in, each with the stable code the CLI turns into an exit status."""

from __future__ import annotations

from focusapp.core.phrases import Phrase


class CommandError(Exception):
    """A command that could not be carried out. `code` is part of the IPC contract."""

    code = "error"
    exit_status = 1

    def __init__(self, message: Phrase | str) -> None:
        super().__init__(str(message))
        self.message = str(message)
        """In English: what the IPC protocol carries and the CLI prints."""
        self.text = message
        """What the UI words in the user's language (`focusapp.ui.i18n.say`)."""


class Refused(CommandError):
    """A rule forbids it (a strict session, an exhausted emergency-exit allowance)."""

    code = "refused"
    exit_status = 4


class InvalidRequest(CommandError):
    """The request itself is wrong: unknown command, bad argument, wrong protocol version."""

    code = "usage"
    exit_status = 2


ERROR_TYPES: dict[str, type[CommandError]] = {
    cls.code: cls for cls in (CommandError, Refused, InvalidRequest)
}
