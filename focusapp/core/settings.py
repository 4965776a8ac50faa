"""The settings schema: every option declared once, and validation of a raw TOML table into it.

Each option is a dataclass field whose metadata carries its kind, bounds and description; the
schema (`SCHEMA`) is read off those fields, so type, default, bounds and description live in one
place. `parse_settings` turns what `tomllib` gives into `Settings`, one option at a time: a bad
value is reported with its key path and replaced by the last good value for that option (or the
default), and every other valid value still applies.

Key paths name list entries by their position from zero: `profiles[1].block_sites` is the
`block_sites` of the second `[[profiles]]` table.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from enum import Enum, StrEnum
from typing import Any

from focusapp.core.phrases import Phrase, or_list, phrase

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SYSTEM = "system"  # an option that follows the desktop's own setting

_TIME = re.compile(r"(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)")


class Kind(Enum):
    """What sort of value an option holds; the value is how a message names it."""

    INT = "a whole number"
    BOOL = "true or false"
    CHOICE = "one of the choices"
    TIME = 'a time like "09:30"'
    TEXT = "a non-empty text"
    OPTIONAL_TEXT = "a non-empty text, or left out"
    TEXT_LIST = 'a list of texts like ["a", "b"]'
    WEEKDAYS = 'a list of days like ["mon", "tue"]'
    WEEKDAY_MINUTES = "a table of minutes per day like { sat = 60 }"
    SWITCH_OR_SYSTEM = 'true, false or "system"'


class _Required:
    """Marks an option that has no default: an entry without it is not usable."""

    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED = _Required()


@dataclass(frozen=True)
class Option:
    key: str
    kind: Kind
    default: object  # REQUIRED when the option must be given
    minimum: int | None
    maximum: int | None
    choices: tuple[str, ...]
    description: str

    @property
    def required(self) -> bool:
        return self.default is REQUIRED


@dataclass(frozen=True)
class _Spec:
    kind: Kind
    minimum: int | None
    maximum: int | None
    choices: tuple[str, ...]
    description: str


def _option(
    kind: Kind,
    description: str,
    *,
    default: object = REQUIRED,
    minimum: int | None = None,
    maximum: int | None = None,
    choices: tuple[str, ...] = (),
) -> Any:
    """A dataclass field that is also an option of the schema."""
    metadata = _metadata(kind, description, minimum=minimum, maximum=maximum, choices=choices)
    if default is REQUIRED:
        return field(metadata=metadata)
    return field(default=default, metadata=metadata)


def _metadata(
    kind: Kind,
    description: str,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    choices: tuple[str, ...] = (),
) -> dict[str, _Spec]:
    return {"option": _Spec(kind, minimum, maximum, choices, description)}


@dataclass(frozen=True)
class SessionSettings:
    focus_minutes: int = _option(
        Kind.INT, "length of a focus period", default=25, minimum=1, maximum=600
    )
    break_minutes: int = _option(
        Kind.INT, "length of a short break", default=5, minimum=1, maximum=120
    )
    long_break_minutes: int = _option(
        Kind.INT, "length of a long break", default=15, minimum=1, maximum=240
    )
    long_break_every: int = _option(
        Kind.INT, "a long break after this many focus periods", default=4, minimum=1, maximum=12
    )
    cycles: int = _option(
        Kind.INT, "focus periods in one session", default=4, minimum=1, maximum=24
    )
    strict: bool = _option(Kind.BOOL, "start sessions in strict mode", default=False)

    @classmethod
    def defaults(cls) -> SessionSettings:
        return cls()


@dataclass(frozen=True)
class StrictSettings:
    emergency_exits_per_week: int = _option(
        Kind.INT, "ways out of a strict session each week", default=2, minimum=0, maximum=14
    )
    emergency_wait_seconds: int = _option(
        Kind.INT, "the wait before an emergency exit", default=30, minimum=5, maximum=600
    )

    @classmethod
    def defaults(cls) -> StrictSettings:
        return cls()


class EnforceMode(StrEnum):
    """What happens when a rule is broken: the intervention alone, or the intervention and then
    the app minimized or closed if the user stays without an allowance."""

    INTERVENE = "intervene"
    MINIMIZE = "minimize"
    CLOSE = "close"


_ENFORCE_HELP = '"intervene" (the pause alone), "minimize" or "close" the app after it'


@dataclass(frozen=True)
class Profile:
    """What a focus session blocks."""

    name: str = _option(Kind.TEXT, "the profile's name, unique")
    block_apps: tuple[str, ...] = _option(
        Kind.TEXT_LIST, "executable names or WM_CLASS, case-insensitive", default=()
    )
    block_sites: tuple[str, ...] = _option(Kind.TEXT_LIST, "sites such as x.com", default=())
    enforce: str = _option(
        Kind.CHOICE,
        _ENFORCE_HELP,
        default=EnforceMode.INTERVENE.value,
        choices=tuple(m.value for m in EnforceMode),
    )

    @property
    def enforcement(self) -> EnforceMode:
        return EnforceMode(self.enforce)


@dataclass(frozen=True)
class Limit:
    """A daily time budget shared by some apps and sites."""

    name: str = _option(Kind.TEXT, "the limit's name, unique")
    daily_minutes: int = _option(
        Kind.INT, "minutes a day across its apps and sites", minimum=0, maximum=1440
    )
    apps: tuple[str, ...] = _option(Kind.TEXT_LIST, "apps that count", default=())
    sites: tuple[str, ...] = _option(Kind.TEXT_LIST, "sites that count", default=())
    weekdays: dict[str, int] = field(
        default_factory=dict,
        metadata=_metadata(
            Kind.WEEKDAY_MINUTES,
            "minutes on particular days, instead of daily_minutes",
            minimum=0,
            maximum=1440,
        ),
    )
    enforce: str = _option(
        Kind.CHOICE,
        _ENFORCE_HELP,
        default=EnforceMode.INTERVENE.value,
        choices=tuple(m.value for m in EnforceMode),
    )

    @property
    def enforcement(self) -> EnforceMode:
        return EnforceMode(self.enforce)

    def minutes_on(self, weekday: int) -> int:
        """The budget for a day of the week (Monday is 0)."""
        return self.weekdays.get(WEEKDAYS[weekday], self.daily_minutes)


@dataclass(frozen=True)
class ScheduleRule:
    """A recurring block: on `days`, from `start` until `end` (the next day when end <= start)."""

    name: str = _option(Kind.TEXT, "the schedule's name, unique")
    days: tuple[str, ...] = _option(Kind.WEEKDAYS, "days it starts on: mon, tue, ... sun")
    start: str = _option(Kind.TIME, 'start time, "HH:MM"')
    end: str = _option(Kind.TIME, 'end time, "HH:MM"; at or before start means the next day')
    profile: str | None = _option(Kind.OPTIONAL_TEXT, "the profile it blocks with", default=None)
    strict: bool = _option(Kind.BOOL, "run it in strict mode", default=False)
    enabled: bool = _option(Kind.BOOL, "whether it runs at all", default=True)

    @property
    def weekday_numbers(self) -> tuple[int, ...]:
        """The start days as numbers, Monday is 0 (as `datetime.weekday()`)."""
        return tuple(WEEKDAYS.index(d) for d in self.days)

    @property
    def start_time(self) -> time:
        return parse_time(self.start)

    @property
    def end_time(self) -> time:
        return parse_time(self.end)

    @property
    def ends_next_day(self) -> bool:
        return self.end_time <= self.start_time

    @property
    def duration(self) -> timedelta:
        start = timedelta(hours=self.start_time.hour, minutes=self.start_time.minute)
        end = timedelta(hours=self.end_time.hour, minutes=self.end_time.minute)
        if self.ends_next_day:
            end += timedelta(days=1)
        return end - start

    def active_at(self, moment: datetime) -> bool:
        """Whether a block of this rule covers a local wall-clock moment (ignores `enabled`)."""
        naive = moment.replace(tzinfo=None)
        for back in (0, 1):
            day = naive.date() - timedelta(days=back)
            if day.weekday() not in self.weekday_numbers:
                continue
            begins = datetime.combine(day, self.start_time)
            if begins <= naive < begins + self.duration:
                return True
        return False


class MetricsMode(StrEnum):
    ALWAYS = "always"
    FOCUS = "focus"
    NEVER = "never"


@dataclass(frozen=True)
class MetricsSettings:
    hide: str = _option(
        Kind.CHOICE,
        'hide likes and counts: "always", "focus" (only during sessions) or "never"',
        default=MetricsMode.ALWAYS.value,
        choices=tuple(m.value for m in MetricsMode),
    )
    comparison_guard: bool = _option(
        Kind.BOOL,
        "on someone else's profile, keep follower counts hidden and ask once per visit",
        default=True,
    )
    after_posting_minutes: int = _option(
        Kind.INT,
        "after you post, keep counts and notifications hidden this long (0 turns it off)",
        default=60,
        minimum=0,
        maximum=24 * 60,
    )

    @property
    def mode(self) -> MetricsMode:
        return MetricsMode(self.hide)

    @classmethod
    def defaults(cls) -> MetricsSettings:
        return cls()


@dataclass(frozen=True)
class GeneralSettings:
    day_starts_at: str = _option(
        Kind.TIME, "when a new day begins for limits and statistics", default="04:00"
    )
    idle_minutes: int = _option(
        Kind.INT, "no input for this long counts as away", default=2, minimum=1, maximum=120
    )
    language: str = _option(
        Kind.CHOICE, '"system", "en" or "nl"', default="system", choices=("system", "en", "nl")
    )
    reduce_motion: bool | str = _option(
        Kind.SWITCH_OR_SYSTEM,
        'no animations: true, false or "system" (as the desktop says)',
        default=SYSTEM,
    )
    autostart: bool = _option(
        Kind.BOOL,
        "start Focusapp when you log in (set up when the first-run welcome closes)",
        default=True,
    )

    @property
    def day_start_time(self) -> time:
        return parse_time(self.day_starts_at)

    @property
    def motion_choice(self) -> bool | None:
        """Reduce motion: True or False as the user decided, None when the desktop decides."""
        return self.reduce_motion if isinstance(self.reduce_motion, bool) else None

    @classmethod
    def defaults(cls) -> GeneralSettings:
        return cls()


class JournalNotes(StrEnum):
    """Where the key that protects journal notes comes from (notes are never kept in the clear)."""

    KEYRING = "keyring"
    PASSPHRASE = "passphrase"
    OFF = "off"


@dataclass(frozen=True)
class JournalSettings:
    notes: str = _option(
        Kind.CHOICE,
        'where the key for notes lives: "keyring", "passphrase" (asked at each start) or "off"',
        default=JournalNotes.KEYRING.value,
        choices=tuple(m.value for m in JournalNotes),
    )
    keep_days: int = _option(
        Kind.INT,
        "how long journal entries are kept, in days",
        default=365,
        minimum=1,
        maximum=3650,
    )

    @property
    def notes_mode(self) -> JournalNotes:
        return JournalNotes(self.notes)

    @classmethod
    def defaults(cls) -> JournalSettings:
        return cls()


@dataclass(frozen=True)
class Settings:
    session: SessionSettings = field(default_factory=SessionSettings)
    strict: StrictSettings = field(default_factory=StrictSettings)
    profiles: tuple[Profile, ...] = ()
    limits: tuple[Limit, ...] = ()
    schedules: tuple[ScheduleRule, ...] = ()
    metrics: MetricsSettings = field(default_factory=MetricsSettings)
    general: GeneralSettings = field(default_factory=GeneralSettings)
    journal: JournalSettings = field(default_factory=JournalSettings)

    @classmethod
    def defaults(cls) -> Settings:
        return cls()

    def profile(self, name: str) -> Profile | None:
        """The profile called `name`; case is ignored when no name matches exactly."""
        for p in self.profiles:
            if p.name == name:
                return p
        folded = name.casefold()
        for p in self.profiles:
            if p.name.casefold() == folded:
                return p
        return None

    def to_dict(self) -> dict[str, Any]:
        """The settings as plain TOML-ready data; absent optional values are left out."""
        return {
            s.name: (
                [_entry_to_dict(s, e) for e in getattr(self, s.name)]
                if s.many
                else _entry_to_dict(s, getattr(self, s.name))
            )
            for s in SCHEMA
        }


@dataclass(frozen=True)
class Section:
    """A table of the config file (`many`: an array of tables, one entry per `[[name]]`)."""

    name: str
    cls: type[Any]
    many: bool
    noun: str  # what one entry is called in messages
    options: tuple[Option, ...]

    def option(self, key: str) -> Option | None:
        for o in self.options:
            if o.key == key:
                return o
        return None


def _options_of(cls: type[Any]) -> tuple[Option, ...]:
    options: list[Option] = []
    for f in dataclasses.fields(cls):
        spec: _Spec = f.metadata["option"]
        if f.default is not dataclasses.MISSING:
            default: object = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            default = REQUIRED
        options.append(
            Option(
                f.name, spec.kind, default, spec.minimum, spec.maximum, spec.choices,
                spec.description,
            )
        )  # fmt: skip
    return tuple(options)


def _section(name: str, cls: type[Any], many: bool, noun: str) -> Section:
    return Section(name, cls, many, noun, _options_of(cls))


SCHEMA: tuple[Section, ...] = (
    _section("session", SessionSettings, False, "session"),
    _section("strict", StrictSettings, False, "strict"),
    _section("profiles", Profile, True, "profile"),
    _section("limits", Limit, True, "limit"),
    _section("schedules", ScheduleRule, True, "schedule"),
    _section("metrics", MetricsSettings, False, "metrics"),
    _section("general", GeneralSettings, False, "general"),
    _section("journal", JournalSettings, False, "journal"),
)


def section(name: str) -> Section:
    for s in SCHEMA:
        if s.name == name:
            return s
    raise KeyError(name)


def parse_time(text: str) -> time:
    """Parse "HH:MM" into a time; raises ValueError otherwise."""
    m = _TIME.fullmatch(text)
    if m is None:
        raise ValueError(f"not a time: {text!r}")
    return time(int(m["h"]), int(m["m"]))


# ---------------------------------------------------------------------------------------------
# Validation

KeyPath = tuple[str | int, ...]


def render_key(path: KeyPath) -> str:
    """("profiles", 1, "name") -> "profiles[1].name"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass(frozen=True)
class SettingsProblem:
    """One thing wrong in the raw settings; `message` reads after the key (in English; `phrase`
    is the same message for translation)."""

    path: KeyPath
    message: str
    phrase: Phrase | None = None

    @property
    def key(self) -> str:
        return render_key(self.path)

    @property
    def words(self) -> Phrase:
        """The whole problem, key and message, to be worded in the user's language."""
        return phrase("Settings", "{key} {problem}")(
            key=self.key, problem=self.phrase or self.message
        )

    def __str__(self) -> str:
        return f"{self.key} {self.message}"


@dataclass(frozen=True)
class ParsedSettings:
    settings: Settings
    problems: tuple[SettingsProblem, ...]
    # For each list section, the position in the raw list of every entry kept (-1: not from it).
    positions: dict[str, tuple[int, ...]] = field(default_factory=dict)


class _Invalid(ValueError):
    def __init__(self, message: Phrase) -> None:
        super().__init__(str(message))
        self.message = message


_MUST_BE = phrase("Settings", "must be {expected}, got {value}")
_USING = phrase("Settings", "{problem} (using {value})")
_IGNORED = phrase("Settings", "{problem} (ignored)")
# What each kind of value is called in "must be ..." (the same words as `Kind`'s values).
_EXPECTED: dict[Kind, Phrase] = {
    Kind.INT: phrase("Settings", "a whole number"),
    Kind.BOOL: phrase("Settings", "true or false"),
    Kind.TIME: phrase("Settings", 'a time like "09:30"'),
    Kind.TEXT: phrase("Settings", "a non-empty text"),
    Kind.TEXT_LIST: phrase("Settings", 'a list of texts like ["a", "b"]'),
    Kind.WEEKDAYS: phrase("Settings", 'a list of days like ["mon", "tue"]'),
    Kind.WEEKDAY_MINUTES: phrase("Settings", "a table of minutes per day like { sat = 60 }"),
    Kind.SWITCH_OR_SYSTEM: phrase("Settings", 'true, false or "system"'),
}
# "(this profile is ignored)" for each list section: the noun decides the article in Dutch.
_ENTRY_IGNORED: dict[str, Phrase] = {
    "profiles": phrase("Settings", "{problem} (this profile is ignored)"),
    "limits": phrase("Settings", "{problem} (this limit is ignored)"),
    "schedules": phrase("Settings", "{problem} (this schedule is ignored)"),
}
_REPEATS: dict[str, Phrase] = {
    "profiles": phrase("Settings", "repeats the name {name} of an earlier profile"),
    "limits": phrase("Settings", "repeats the name {name} of an earlier limit"),
    "schedules": phrase("Settings", "repeats the name {name} of an earlier schedule"),
}


def show(value: object) -> str:
    """A value as it would be written in TOML, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{k} = {show(v)}" for k, v in value.items()) + " }"
    if isinstance(value, time):
        return value.isoformat()
    return str(value)


def _or_list(items: Sequence[str]) -> Phrase | str:
    listed = or_list([show(i) for i in items])
    assert isinstance(listed, Phrase | str)
    return listed


def _must_be(expected: Phrase | str, value: object) -> _Invalid:
    return _Invalid(_MUST_BE(expected=expected, value=show(value)))


def _whole_number(value: object, minimum: int | None, maximum: int | None) -> int:
    expected = _EXPECTED[Kind.INT]
    if minimum is not None and maximum is not None:
        expected = phrase("Settings", "a whole number between {minimum} and {maximum}")(
            minimum=minimum, maximum=maximum
        )
    elif minimum is not None:
        expected = phrase("Settings", "a whole number of at least {minimum}")(minimum=minimum)
    # bool is an int subclass in Python: `true` must not pass as 1.
    if isinstance(value, bool) or not isinstance(value, int):
        raise _must_be(expected, value)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise _must_be(expected, value)
    return value


def _text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _must_be(_EXPECTED[Kind.TEXT], value)
    return value.strip()


def _time_text(value: object) -> str:
    # An unquoted TOML local time (09:30:00) arrives as datetime.time; accept it when whole minutes.
    if isinstance(value, time) and value.tzinfo is None and value.second == value.microsecond == 0:
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, str):
        try:
            t = parse_time(value.strip())
        except ValueError:
            pass  # not a time: reported as invalid below
        else:
            return f"{t.hour:02d}:{t.minute:02d}"
    raise _must_be(_EXPECTED[Kind.TIME], value)


def check_value(option: Option, value: object) -> object:
    """The value in its normal form; ValueError (message reads after the key) if it is invalid.

    Not for WEEKDAY_MINUTES, which is checked day by day.
    """
    kind = option.kind
    if kind is Kind.INT:
        return _whole_number(value, option.minimum, option.maximum)
    if kind is Kind.BOOL:
        if not isinstance(value, bool):
            raise _must_be(_EXPECTED[Kind.BOOL], value)
        return value
    if kind is Kind.SWITCH_OR_SYSTEM:
        if not isinstance(value, bool) and value != SYSTEM:
            raise _must_be(_EXPECTED[Kind.SWITCH_OR_SYSTEM], value)
        return value
    if kind is Kind.CHOICE:
        if not isinstance(value, str) or value not in option.choices:
            raise _must_be(_or_list(option.choices), value)
        return value
    if kind is Kind.TIME:
        return _time_text(value)
    if kind in (Kind.TEXT, Kind.OPTIONAL_TEXT):
        return _text(value)
    if kind is Kind.TEXT_LIST:
        if not isinstance(value, list | tuple):
            raise _must_be(_EXPECTED[kind], value)
        items: list[str] = []
        for n, item in enumerate(value, start=1):
            try:
                items.append(_text(item))
            except _Invalid as e:
                raise _Invalid(
                    phrase("Settings", "has item {number} that {problem}")(
                        number=n, problem=e.message
                    )
                ) from None
        return tuple(items)
    if kind is Kind.WEEKDAYS:
        if not isinstance(value, list | tuple) or not value:
            raise _must_be(_EXPECTED[kind], value)
        days: set[str] = set()
        for item in value:
            day = item.strip().lower()[:3] if isinstance(item, str) else None
            if day not in WEEKDAYS or not _is_day_name(item):
                raise _Invalid(
                    phrase("Settings", "must list days among {days}, got {value}")(
                        days=_or_list(WEEKDAYS), value=show(item)
                    )
                )
            days.add(day)
        return tuple(d for d in WEEKDAYS if d in days)
    raise AssertionError(f"no check for {kind}")  # WEEKDAY_MINUTES is checked key by key


_FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _is_day_name(item: object) -> bool:
    if not isinstance(item, str):
        return False
    word = item.strip().lower()
    return word in WEEKDAYS or word in _FULL_DAY_NAMES


def _unknown(path: KeyPath, known: Sequence[str]) -> SettingsProblem:
    name = str(path[-1])
    close = difflib.get_close_matches(name, known, n=1)
    if close:
        message = phrase("Settings", 'is an unknown option, ignored (did you mean "{name}"?)')(
            name=close[0]
        )
    else:
        message = phrase("Settings", "is an unknown option, ignored")
    return SettingsProblem(path, str(message), message)


class _Parser:
    """Walks a raw table once, collecting problems as it goes."""

    def __init__(self, fallback: Settings) -> None:
        self.fallback = fallback
        self.problems: list[SettingsProblem] = []
        # Position in the file of each entry kept, per list section, so messages point at it.
        self.kept: dict[str, list[int]] = {s.name: [] for s in SCHEMA if s.many}

    def problem(self, path: KeyPath, message: Phrase) -> None:
        self.problems.append(SettingsProblem(path, str(message), message))

    def settings(self, raw: Mapping[str, object]) -> Settings:
        values: dict[str, Any] = {}
        for key in raw:
            if not isinstance(key, str) or all(s.name != key for s in SCHEMA):
                self.problems.append(_unknown((str(key),), [s.name for s in SCHEMA]))
        for sec in SCHEMA:
            old = getattr(self.fallback, sec.name)
            if sec.name not in raw:
                values[sec.name] = sec.cls() if not sec.many else ()
            elif sec.many:
                values[sec.name] = self.entries(sec, raw[sec.name], old)
            else:
                values[sec.name] = self.table(sec, raw[sec.name], old)
        parsed = Settings(**values)
        return self.check_references(parsed)

    def table(self, sec: Section, raw: object, old: Any) -> Any:
        path: KeyPath = (sec.name,)
        if not isinstance(raw, Mapping):
            self.problem(
                path,
                _IGNORED(
                    problem=phrase("Settings", "must be a table written [{name}], got {value}")(
                        name=sec.name, value=show(raw)
                    )
                ),
            )
            return old
        values: dict[str, Any] = {}
        for key in raw:
            if sec.option(key) is None:
                self.problems.append(_unknown((*path, key), [o.key for o in sec.options]))
        for option in sec.options:
            fallback = getattr(old, option.key)
            if option.key not in raw:
                values[option.key] = option.default
                continue
            try:
                values[option.key] = check_value(option, raw[option.key])
            except _Invalid as e:
                self.problem((*path, option.key), _USING(problem=e.message, value=show(fallback)))
                values[option.key] = fallback
        return sec.cls(**values)

    def entries(self, sec: Section, raw: object, old: tuple[Any, ...]) -> tuple[Any, ...]:
        path: KeyPath = (sec.name,)
        if not isinstance(raw, list):
            listed = phrase("Settings", "must be a list of [[{name}]] tables, got {value}")(
                name=sec.name, value=show(raw)
            )
            if old:
                message = phrase("Settings", "{problem} (using the last good {name})")(
                    problem=listed, name=sec.name
                )
            else:
                message = _IGNORED(problem=listed)
            self.problem(path, message)
            self.kept[sec.name] = [-1] * len(old)
            return old
        entries: list[Any] = []
        seen: set[str] = set()
        for index, item in enumerate(raw):
            entry = self.entry(sec, (sec.name, index), item, old)
            if entry is None:
                continue
            folded = entry.name.casefold()
            if folded in seen:
                self.problem(
                    (sec.name, index, "name"),
                    _ENTRY_IGNORED[sec.name](problem=_REPEATS[sec.name](name=show(entry.name))),
                )
                continue
            seen.add(folded)
            entries.append(entry)
            self.kept[sec.name].append(index)
        return tuple(entries)

    def entry(self, sec: Section, path: KeyPath, raw: object, old: tuple[Any, ...]) -> Any:
        ignored = _ENTRY_IGNORED[sec.name]
        missing = phrase("Settings", "is missing")
        if not isinstance(raw, Mapping):
            self.problem(
                path,
                ignored(
                    problem=phrase("Settings", "must be a table with a name, got {value}")(
                        value=show(raw)
                    )
                ),
            )
            return None
        name_option = sec.options[0]
        try:
            name = check_value(name_option, raw.get("name"))
        except _Invalid as e:
            self.problem(
                (*path, "name"), ignored(problem=missing if "name" not in raw else e.message)
            )
            return None
        assert isinstance(name, str)
        previous = next((o for o in old if o.name == name), None)
        for key in raw:
            if sec.option(key) is None:
                self.problems.append(_unknown((*path, key), [o.key for o in sec.options]))
        values: dict[str, Any] = {"name": name}
        for option in sec.options[1:]:
            fallback = getattr(previous, option.key) if previous is not None else option.default
            if option.key not in raw:
                if option.required:
                    self.problem((*path, option.key), ignored(problem=missing))
                    return None
                values[option.key] = option.default
                continue
            if option.kind is Kind.WEEKDAY_MINUTES:
                values[option.key] = self.weekday_minutes(
                    option, (*path, option.key), raw[option.key], fallback
                )
                continue
            try:
                values[option.key] = check_value(option, raw[option.key])
            except _Invalid as e:
                if fallback is REQUIRED:
                    self.problem((*path, option.key), ignored(problem=e.message))
                    return None
                self.problem((*path, option.key), _USING(problem=e.message, value=_shown(fallback)))
                values[option.key] = fallback
        return sec.cls(**values)

    def weekday_minutes(
        self, option: Option, path: KeyPath, raw: object, fallback: object
    ) -> dict[str, int]:
        old: dict[str, int] = dict(fallback) if isinstance(fallback, dict) else {}
        if not isinstance(raw, Mapping):
            self.problem(
                path, _IGNORED(problem=_MUST_BE(expected=_EXPECTED[option.kind], value=show(raw)))
            )
            return old
        result: dict[str, int] = {}
        for key, value in raw.items():
            if key not in WEEKDAYS:
                self.problem(
                    (*path, key),
                    _IGNORED(
                        problem=phrase("Settings", "is not a day: use {days}")(
                            days=_or_list(WEEKDAYS)
                        )
                    ),
                )
                continue
            try:
                result[key] = _whole_number(value, option.minimum, option.maximum)
            except _Invalid as e:
                if key in old:
                    self.problem((*path, key), _USING(problem=e.message, value=old[key]))
                    result[key] = old[key]
                else:
                    self.problem((*path, key), _USING(problem=e.message, value="daily_minutes"))
        return {d: result[d] for d in WEEKDAYS if d in result}

    def check_references(self, parsed: Settings) -> Settings:
        """A schedule may only name a profile that exists."""
        schedules: list[ScheduleRule] = []
        for rule, index in zip(parsed.schedules, self.kept["schedules"], strict=True):
            if rule.profile is not None and parsed.profile(rule.profile) is None:
                self.problem(
                    ("schedules", index, "profile"),
                    _USING(
                        problem=phrase("Settings", "names no profile you have, got {value}")(
                            value=show(rule.profile)
                        ),
                        value=_shown(None),
                    ),
                )
                rule = dataclasses.replace(rule, profile=None)
            schedules.append(rule)
        return dataclasses.replace(parsed, schedules=tuple(schedules))


def _shown(value: object) -> Phrase | str:
    if value is None:
        return phrase("Settings", "none")
    if isinstance(value, tuple) and not value:
        return phrase("Settings", "an empty list")
    return show(value)


def parse_settings(raw: Mapping[str, object], fallback: Settings | None = None) -> ParsedSettings:
    """Validate a raw table (as tomllib gives it) into Settings, option by option.

    A bad value is replaced by its value in `fallback` (the last good settings) when given, else
    by the default; list entries are matched to the fallback's by name.
    """
    parser = _Parser(fallback if fallback is not None else Settings())
    settings = parser.settings(raw)
    positions = {name: tuple(kept) for name, kept in parser.kept.items()}
    return ParsedSettings(settings, tuple(parser.problems), positions)


def _entry_to_dict(sec: Section, entry: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for option in sec.options:
        value = getattr(entry, option.key)
        if value is None or (option.kind is Kind.WEEKDAY_MINUTES and not value):
            continue
        if isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, dict):
            value = dict(value)
        out[option.key] = value
    return out


def settings_problems(settings: Settings) -> tuple[SettingsProblem, ...]:
    """What is wrong with settings built in code (for example by the settings window)."""
    return parse_settings(settings.to_dict()).problems
