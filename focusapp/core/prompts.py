"""The prompt library: reflective questions by category, loaded from TOML, picked without repeats.

A library file (`focusapp/resources/prompts/prompts.<language>.toml`) looks like this:

    format = 2
    language = "en"

    [[prompts]]
    id = "validation-001"            # stable forever: the journal refers to prompts by id
    category = "validation"          # one of CATEGORIES
    text = "What would it change if nobody liked it?"
    triggers = ["just_posted", "own_profile"]     # optional, from Trigger
    hours = ["late"]                              # optional (format 2), from Hours
    answers = ["I wanted to see if anyone liked it", "Habit, honestly"]

Every language has the same ids, so history and selection work the same whichever one the user
reads. Unknown keys are refused rather than ignored, so a typo ("trigers") fails loudly; a later
format adds its keys to `_PROMPT_KEYS` and bumps `FORMAT` (format 1 files, without `hours`,
still load).

`pick` weighs the fresh prompts (never one of the last `NO_REPEAT_WITHIN` shown while another
exists) by how well they fit the moment: the trigger, the hour, and which kinds of question the
user has recently answered. Weights, not filters, so every fresh prompt keeps some chance and the
questions stay varied.
"""

from __future__ import annotations

import random
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from typing import Any

FORMAT = 2
SUPPORTED_FORMATS: tuple[int, ...] = (1, 2)
LANGUAGES: tuple[str, ...] = ("en", "nl")
DEFAULT_LANGUAGE = "en"

# A prompt is not shown again while it is among this many most recently shown, as long as any
# other prompt is available: questions that never change become wallpaper.
NO_REPEAT_WITHIN = 20

TEXT_MIN_CHARS = 10
TEXT_MAX_CHARS = 200
ANSWERS_MIN = 2
ANSWERS_MAX = 4
ANSWER_MAX_CHARS = 60

_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_TOP_KEYS = frozenset({"format", "language", "prompts"})
_PROMPT_KEYS_V1 = frozenset({"id", "category", "text", "triggers", "answers"})
_PROMPT_KEYS = _PROMPT_KEYS_V1 | {"hours"}

# How `pick` weighs a fresh prompt; the product of the factors that apply. A prompt made for the
# trigger is worth several others (relevance), but the others keep a chance (variety).
TRIGGER_FIT_WEIGHT = 6.0
# A prompt tagged for this time of day counts double; one tagged for another time is all but
# excluded, since its words ("It's late...") would be wrong now. When the hour is unknown a
# tagged prompt may or may not fit, so it gets half a chance.
HOUR_FIT_WEIGHT = 2.0
HOUR_MISFIT_WEIGHT = 0.05
HOUR_UNKNOWN_WEIGHT = 0.5
# The categories the user has recently answered (recognised something in) are favoured by up to
# this factor, in proportion to their share of the answers; bounded so one kind of question
# cannot crowd out the rest.
ANSWERED_MAX_BOOST = 1.0
# The category of the prompt shown last: a second question of the same kind in a row feels
# like a lecture.
SAME_AS_LAST_WEIGHT = 0.5


class Category(StrEnum):
    """The mechanism behind an urge (PSYCHOLOGY.md): it decides which kind of question helps."""

    VALIDATION = "validation"
    COMPARISON = "comparison"
    FOMO = "fomo"
    LOOP = "loop"
    BOREDOM = "boredom"
    MOOD = "mood"
    AUTHENTICITY = "authenticity"
    AFTER_POSTING = "after-posting"


class Trigger(StrEnum):
    """Where the urge met the app: what the user was about to open, or why it was stopped."""

    FEED = "feed"
    OWN_PROFILE = "own_profile"
    NOTIFICATIONS = "notifications"
    OTHER_PROFILE = "other_profile"
    JUST_POSTED = "just_posted"
    LIMIT_REACHED = "limit_reached"
    BLOCKED_DURING_SESSION = "blocked_during_session"


class Hours(StrEnum):
    """A time of day a prompt's words belong to, in local hours (`late` wraps past midnight)."""

    LATE = "late"  # 22:00-05:00
    MORNING = "morning"  # 05:00-11:00
    DAY = "day"  # 11:00-17:00
    EVENING = "evening"  # 17:00-22:00

    def contains(self, hour: int) -> bool:
        start, end = _HOUR_SPANS[self]
        hour %= 24
        return start <= hour < end if start < end else hour >= start or hour < end


_HOUR_SPANS: dict[Hours, tuple[int, int]] = {
    Hours.LATE: (22, 5),
    Hours.MORNING: (5, 11),
    Hours.DAY: (11, 17),
    Hours.EVENING: (17, 22),
}


@dataclass(frozen=True)
class Prompt:
    """One reflective question, with the answers a user may recognise in themselves."""

    id: str
    category: Category
    text: str
    answers: tuple[str, ...]
    triggers: frozenset[Trigger] = frozenset()
    language: str = DEFAULT_LANGUAGE
    hours: frozenset[Hours] = frozenset()

    def fits(self, trigger: str) -> bool:
        return any(trigger == known.value for known in self.triggers)

    def fits_hour(self, hour: int) -> bool:
        """True when the prompt names no time of day, or names one that `hour` falls in."""
        return not self.hours or any(span.contains(hour) for span in self.hours)


class PromptLibraryError(ValueError):
    """A library file that cannot be used; `problems` names every one found, not just the first."""

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.source = source
        self.problems = tuple(problems)
        listed = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(
            f"{source}: {len(self.problems)} problem(s) in the prompt library:\n{listed}"
        )


class PromptLibrary:
    """The prompts of one language, in file order; `pick` chooses the next one to show."""

    def __init__(self, prompts: Sequence[Prompt], language: str) -> None:
        if not prompts:
            raise PromptLibraryError(f"prompts.{language}", ["the library has no prompts"])
        self.language = language
        self._prompts = tuple(prompts)
        self._by_id = {prompt.id: prompt for prompt in self._prompts}
        if len(self._by_id) != len(self._prompts):
            raise PromptLibraryError(f"prompts.{language}", ["prompt ids are not unique"])

    @classmethod
    def from_toml_text(
        cls, text: str, language: str, *, source: str | None = None
    ) -> PromptLibrary:
        """Parses and validates a library file; `PromptLibraryError` lists every problem found."""
        where = source or f"prompts.{language}.toml"
        try:
            document = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise PromptLibraryError(where, [f"not valid TOML: {error}"]) from error
        problems: list[str] = []
        prompts = _parse_document(document, language, problems)
        if problems:
            raise PromptLibraryError(where, problems)
        return cls(prompts, language)

    @classmethod
    def bundled(cls, language: str) -> PromptLibrary:
        """The library shipped inside the package, in `language`, or in English if there is none."""
        chosen = language if language in LANGUAGES else DEFAULT_LANGUAGE
        name = f"prompts.{chosen}.toml"
        folder = resources.files("focusapp").joinpath("resources", "prompts")
        text = folder.joinpath(name).read_text(encoding="utf-8")
        return cls.from_toml_text(text, chosen, source=name)

    @classmethod
    def fallback(cls) -> PromptLibrary:
        """A few questions built in, for when the library file is missing or damaged."""
        return cls(
            [
                Prompt(
                    "fallback-loop",
                    Category.LOOP,
                    "Did you decide to open this, or did your hand?",
                    ("My hand did", "I decided", "Not sure"),
                ),
                Prompt(
                    "fallback-boredom",
                    Category.BOREDOM,
                    "What is the next small step of what you were doing?",
                    ("I know it", "I'm stuck", "I need a break"),
                ),
            ],
            DEFAULT_LANGUAGE,
        )

    def __len__(self) -> int:
        return len(self._prompts)

    def __iter__(self) -> Iterator[Prompt]:
        return iter(self._prompts)

    def __contains__(self, prompt_id: object) -> bool:
        return prompt_id in self._by_id

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(prompt.id for prompt in self._prompts)

    def get(self, prompt_id: str) -> Prompt:
        """The prompt with this id; raises `KeyError` for an id the library does not have."""
        return self._by_id[prompt_id]

    def in_category(self, category: Category) -> tuple[Prompt, ...]:
        return tuple(prompt for prompt in self._prompts if prompt.category == category)

    def candidates(self, trigger: str, recent_ids: Sequence[str]) -> tuple[Prompt, ...]:
        """The prompts `pick` may choose: the fresh ones, in file order, before any weighing.

        Nothing among the last `NO_REPEAT_WITHIN` shown; when the library is too small for that,
        only the one shown longest ago (so the previous question never comes straight back).
        `trigger` does not narrow the choice here: it only weighs it (see `weighted`).
        """
        del trigger  # part of the signature so callers need not know fit is a weight
        window = recent_ids[-NO_REPEAT_WITHIN:]
        recent = set(window)
        fresh = tuple(prompt for prompt in self._prompts if prompt.id not in recent)
        if fresh:
            return fresh
        # Every prompt was shown within the window: the one whose latest showing is oldest.
        latest = {prompt_id: position for position, prompt_id in enumerate(window)}
        return (min(self._prompts, key=lambda prompt: latest[prompt.id]),)

    def weighted(
        self,
        trigger: str,
        recent_ids: Sequence[str],
        *,
        hour: int | None = None,
        answered: Mapping[str, int] | None = None,
    ) -> tuple[tuple[Prompt, float], ...]:
        """The candidates with the weight `pick` gives each; see the `*_WEIGHT` constants.

        `hour` is the local hour (0-23) or None when unknown. `answered` counts, per category
        value, the answers the user recently gave to prompts of that category (see
        `answer_counts`); an unknown trigger or category simply fits nothing.
        """
        candidates = self.candidates(trigger, recent_ids)
        last = self._by_id.get(recent_ids[-1]) if recent_ids else None
        total = sum(max(0, count) for count in answered.values()) if answered else 0
        weighted: list[tuple[Prompt, float]] = []
        for prompt in candidates:
            weight = TRIGGER_FIT_WEIGHT if prompt.fits(trigger) else 1.0
            if prompt.hours:
                if hour is None:
                    weight *= HOUR_UNKNOWN_WEIGHT
                elif prompt.fits_hour(hour):
                    weight *= HOUR_FIT_WEIGHT
                else:
                    weight *= HOUR_MISFIT_WEIGHT
            if total and answered is not None:
                share = max(0, answered.get(prompt.category.value, 0)) / total
                weight *= 1.0 + ANSWERED_MAX_BOOST * share
            if last is not None and last.category == prompt.category and len(candidates) > 1:
                weight *= SAME_AS_LAST_WEIGHT
            weighted.append((prompt, weight))
        return tuple(weighted)

    def pick(
        self,
        trigger: str,
        recent_ids: Sequence[str],
        rng: random.Random,
        *,
        hour: int | None = None,
        answered: Mapping[str, int] | None = None,
    ) -> Prompt:
        """The next prompt to show for `trigger`; `recent_ids` are the ids shown, oldest first.

        One draw from `rng` per pick, so the same rng state and arguments give the same prompt.
        """
        weighted = self.weighted(trigger, recent_ids, hour=hour, answered=answered)
        if len(weighted) == 1:
            return weighted[0][0]
        total = sum(weight for _, weight in weighted)
        point = rng.random() * total
        for prompt, weight in weighted:
            point -= weight
            if point < 0:
                return prompt
        return weighted[-1][0]  # rounding left `point` a hair above zero

    def answer_counts(self, answers: Iterable[tuple[str, str]]) -> dict[str, int]:
        """Counts per category value of `(prompt_id, answer)` pairs, the `answered` of `pick`.

        Only answers the prompt offers count: a skip, a free note or a prompt no longer in the
        library says nothing about which kind of question spoke to the user.
        """
        counts: dict[str, int] = {}
        for prompt_id, answer in answers:
            prompt = self._by_id.get(prompt_id)
            if prompt is None or answer not in prompt.answers:
                continue
            counts[prompt.category.value] = counts.get(prompt.category.value, 0) + 1
        return counts


def _parse_document(
    document: Mapping[str, Any], language: str, problems: list[str]
) -> list[Prompt]:
    for key in sorted(set(document) - _TOP_KEYS):
        problems.append(f"unknown top-level key {key!r}")
    file_format = document.get("format")
    if file_format not in SUPPORTED_FORMATS:
        supported = ", ".join(str(known) for known in SUPPORTED_FORMATS)
        problems.append(f"format must be one of {supported}, found {file_format!r}")
        file_format = FORMAT
    keys = _PROMPT_KEYS if file_format >= 2 else _PROMPT_KEYS_V1
    if document.get("language", language) != language:
        problems.append(
            f"the file says language {document.get('language')!r}, but was loaded as {language!r}"
        )
    entries = document.get("prompts")
    if not isinstance(entries, list) or not entries:
        problems.append("no [[prompts]] entries")
        return []
    prompts: list[Prompt] = []
    seen: set[str] = set()
    for position, entry in enumerate(entries):
        if not isinstance(entry, dict):
            problems.append(f"prompts[{position}] is not a table")
            continue
        prompt = _parse_prompt(entry, position, language, keys, problems)
        if prompt is None:
            continue
        if prompt.id in seen:
            problems.append(f"{prompt.id}: the id is used more than once")
            continue
        seen.add(prompt.id)
        prompts.append(prompt)
    return prompts


def _parse_prompt(
    entry: Mapping[str, Any],
    position: int,
    language: str,
    keys: frozenset[str],
    problems: list[str],
) -> Prompt | None:
    raw_id = entry.get("id")
    name = raw_id if isinstance(raw_id, str) and raw_id else f"prompts[{position}]"
    found: list[str] = []

    for key in sorted(set(entry) - keys):
        found.append(f"unknown key {key!r}")

    if not isinstance(raw_id, str) or not _ID.fullmatch(raw_id):
        found.append(f"id must be lowercase words and digits joined by '-', found {raw_id!r}")

    raw_category = entry.get("category")
    known_categories = {category.value for category in Category}
    category = Category(raw_category) if raw_category in known_categories else None
    if category is None:
        found.append(
            f"category {raw_category!r} is not one of: {', '.join(sorted(known_categories))}"
        )

    text = entry.get("text")
    if not isinstance(text, str):
        found.append("text must be a string")
        text = ""
    else:
        text = " ".join(text.split())
        if not TEXT_MIN_CHARS <= len(text) <= TEXT_MAX_CHARS:
            found.append(
                f"text is {len(text)} characters; {TEXT_MIN_CHARS} to {TEXT_MAX_CHARS} expected"
            )
        elif not text.endswith("?"):
            found.append("text must be a question (end with '?')")

    triggers = _parse_triggers(entry.get("triggers", []), found)
    hours = _parse_hours(entry.get("hours", []), found)
    answers = _parse_answers(entry.get("answers"), found)

    problems.extend(f"{name}: {problem}" for problem in found)
    if found or category is None or not isinstance(raw_id, str):
        return None
    return Prompt(raw_id, category, text, answers, triggers, language, hours)


def _parse_triggers(raw: object, found: list[str]) -> frozenset[Trigger]:
    known = {trigger.value for trigger in Trigger}
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        found.append("triggers must be a list of strings")
        return frozenset()
    unknown = [item for item in raw if item not in known]
    if unknown:
        found.append(f"unknown trigger(s) {unknown}; known: {', '.join(sorted(known))}")
    return frozenset(Trigger(item) for item in raw if item in known)


def _parse_hours(raw: object, found: list[str]) -> frozenset[Hours]:
    known = {span.value for span in Hours}
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        found.append("hours must be a list of strings")
        return frozenset()
    unknown = [item for item in raw if item not in known]
    if unknown:
        found.append(f"unknown hours {unknown}; known: {', '.join(sorted(known))}")
    return frozenset(Hours(item) for item in raw if item in known)


def _parse_answers(raw: object, found: list[str]) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        found.append("answers must be a list of strings")
        return ()
    answers = tuple(" ".join(item.split()) for item in raw)
    if not ANSWERS_MIN <= len(answers) <= ANSWERS_MAX:
        found.append(f"{len(answers)} answers; {ANSWERS_MIN} to {ANSWERS_MAX} expected")
    for answer in answers:
        if not answer:
            found.append("an answer is empty")
        elif len(answer) > ANSWER_MAX_CHARS:
            found.append(
                f"answer {answer!r} is {len(answer)} characters; at most {ANSWER_MAX_CHARS}"
            )
    if len(set(answers)) != len(answers):
        found.append("the same answer is listed twice")
    return answers
