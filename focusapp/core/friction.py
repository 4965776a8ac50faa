"""Friction before a choice the user made rules against: type a sentence by hand, then wait.

The same gate as the emergency exit of a strict session, for other ways out (a raised limit
applied today instead of tomorrow). It slows the choice down; it never forbids it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from focusapp.core.errors import Refused
from focusapp.core.phrases import count_phrase, phrase
from focusapp.core.timebase import TimeBase

NOT_THE_SENTENCE = phrase(
    "Friction", "The sentence you typed is not the one shown; type it exactly."
)
PLEASE_WAIT = (
    phrase("Friction", "Please wait one more second before confirming."),
    phrase("Friction", "Please wait {count} more seconds before confirming."),
)
"""The refusal while the wait before a confirmation runs (one second, many seconds)."""


@dataclass(frozen=True)
class Challenge:
    token: str
    sentence: str
    ready_boot: float


class FrictionGate:
    def __init__(self, time: TimeBase, wait_s: float, sentences: tuple[str, ...]) -> None:
        if not sentences:
            raise ValueError("a friction gate needs at least one sentence")
        self.time = time
        self.wait_s = wait_s
        self._sentences = sentences
        self._next = 0
        self._open: Challenge | None = None

    def begin(self) -> Challenge:
        sentence = self._sentences[self._next % len(self._sentences)]
        self._next += 1
        self._open = Challenge(uuid.uuid4().hex, sentence, self.time.boot() + self.wait_s)
        return self._open

    def wait_left(self, challenge: Challenge) -> float:
        return max(0.0, challenge.ready_boot - self.time.boot())

    def confirm(self, token: str, typed: str) -> None:
        """Passes (and closes the challenge) or raises `Refused` saying what is missing."""
        challenge = self._open
        if challenge is None or challenge.token != token:
            raise Refused(phrase("Friction", "That request has expired; start it again."))
        if " ".join(typed.split()) != challenge.sentence:
            raise Refused(NOT_THE_SENTENCE)
        wait = self.wait_left(challenge)
        if wait > 0:
            raise Refused(count_phrase(int(wait + 0.999), *PLEASE_WAIT))
        self._open = None
