"""The config file: load it forgivingly with problems by line, save it keeping the user's text.

A user edits `config.toml` by hand as often as through the settings window, so:
- loading never modifies the file; a bad value is reported with its line and replaced by the last
  good value for that option; a file that does not parse at all falls back to the last good copy;
- saving changes only what changed (tomlkit keeps comments, order and spacing) and refuses to
  touch a file that does not parse, since rewriting it would destroy what the user typed.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import tomllib
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import tomlkit
from tomlkit.container import Container
from tomlkit.items import AoT, Comment, Item, Table

from focusapp.core.phrases import Phrase, phrase
from focusapp.core.settings import (
    SCHEMA,
    WEEKDAYS,
    KeyPath,
    Kind,
    Option,
    ParsedSettings,
    Section,
    Settings,
    SettingsProblem,
    check_value,
    parse_settings,
    settings_problems,
)

_BOM = "\ufeff"
_HEADER = (
    "Focusapp settings. Edit by hand or in the settings window: your comments stay.",
    "Options left out use their defaults. A mistake is reported with its line, never fatal.",
)


@dataclass(frozen=True)
class ConfigProblem:
    """A problem in the config file: where, and `message` in English (`phrase`, when given, is
    the same message for translation)."""

    path: Path
    line: int | None
    key: str | None
    message: str
    phrase: Phrase | None = None

    @property
    def words(self) -> Phrase:
        """The whole problem with its place, to be worded in the user's language."""
        what: Phrase | str = self.phrase or self.message
        if self.key:
            what = phrase("Config", "{key} {problem}")(key=self.key, problem=what)
        if self.line is None:
            return phrase("Config", "{file}: {problem}")(file=self.path.name, problem=what)
        return phrase("Config", "{file}, line {line}: {problem}")(
            file=self.path.name, line=self.line, problem=what
        )

    def __str__(self) -> str:
        return str(self.words)


@dataclass(frozen=True)
class LoadResult:
    settings: Settings
    problems: tuple[ConfigProblem, ...]
    source: Literal["file", "last-good", "defaults"]


class ConfigBroken(Exception):
    """The file on disk does not parse: saving over it would destroy the user's text."""

    def __init__(self, problem: ConfigProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class ConfigStore:
    """Reads and writes one config file; keeps a copy of the last file that loaded cleanly."""

    def __init__(self, path: Path, last_good_path: Path) -> None:
        self.path = path
        self.last_good_path = last_good_path

    def load(self) -> LoadResult:
        if not self.path.exists():
            return LoadResult(Settings.defaults(), (), "defaults")
        text = ""
        try:
            text = _read_text(self.path)
            raw = tomllib.loads(text.removeprefix(_BOM))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            last_good = self._last_good()
            using = (
                phrase("Config", "using your last good settings")
                if last_good
                else phrase("Config", "using the defaults")
            )
            problem = self._unreadable(e, using=using, text=text)
            if last_good is not None:
                return LoadResult(last_good, (problem,), "last-good")
            return LoadResult(Settings.defaults(), (problem,), "defaults")
        parsed = parse_settings(raw, self._last_good())
        if not parsed.problems:
            self._remember_good(text)
        return LoadResult(parsed.settings, self._locate(text, parsed.problems), "file")

    def save(self, settings: Settings) -> None:
        """Write `settings` into the file, changing only what differs. Raises ConfigBroken."""
        invalid = settings_problems(settings)
        if invalid:
            raise ValueError("settings are not valid: " + "; ".join(map(str, invalid)))
        text = ""
        existed = self.path.exists()
        if existed:
            try:
                text = _read_text(self.path)
                tomllib.loads(text.removeprefix(_BOM))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
                raise ConfigBroken(self._unreadable(e, using=None, text=text)) from e
        new_text = render(text, settings)
        # Guard: what we write must read back as exactly what we were asked to save.
        check = parse_settings(tomllib.loads(new_text.removeprefix(_BOM)))
        if check.settings != settings:
            raise RuntimeError("the settings could not be written faithfully; nothing was saved")
        if existed and new_text == text:
            return
        mode = self.path.stat().st_mode & 0o7777 if existed else 0o600
        _write_atomic(self.path, new_text.encode("utf-8"), mode)
        if not check.problems:
            self._remember_good(new_text)

    def _last_good(self) -> Settings | None:
        try:
            raw = tomllib.loads(_read_text(self.last_good_path).removeprefix(_BOM))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return None
        return parse_settings(raw).settings

    def _remember_good(self, text: str) -> None:
        data = text.encode("utf-8")
        try:
            if self.last_good_path.read_bytes() == data:
                return
        except OSError:
            pass  # no last-good copy yet (or unreadable): write one
        # The copy is a convenience: failing to write it must not fail loading or saving.
        with contextlib.suppress(OSError):
            _write_atomic(self.last_good_path, data, 0o600)

    def _unreadable(
        self, error: Exception, *, using: Phrase | None, text: str = ""
    ) -> ConfigProblem:
        line: int | None = None
        message: Phrase
        # The parser's own words for a syntax error stay as it wrote them (they name tokens).
        if isinstance(error, tomllib.TOMLDecodeError):
            line, column, what = _syntax_position(str(error), text)
            if column is not None:
                message = phrase("Config", "not valid TOML at column {column}: {error}")(
                    column=column, error=what
                )
            else:
                message = phrase("Config", "not valid TOML: {error}")(error=what)
        elif isinstance(error, UnicodeDecodeError):
            message = phrase("Config", "not UTF-8 text")
        else:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            message = phrase("Config", "cannot be read: {error}")(error=reason)
        if using is not None:
            message = phrase("Config", "{problem} ({using})")(problem=message, using=using)
        return ConfigProblem(self.path, line, None, str(message), message)

    def _locate(
        self, text: str, problems: tuple[SettingsProblem, ...]
    ) -> tuple[ConfigProblem, ...]:
        lines = KeyLines(text)
        located = [
            ConfigProblem(self.path, lines.line_of(p.path), p.key, p.message, p.phrase)
            for p in problems
        ]
        located.sort(key=lambda p: p.line if p.line is not None else 0)
        return tuple(located)


def _read_text(path: Path) -> str:
    # newline="" keeps \r\n as it is, so an unchanged file is written back byte for byte.
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


_POSITION = re.compile(r"^(?P<what>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$", re.S)
_END = re.compile(r"^(?P<what>.*?)\s*\(at end of document\)$", re.S)


def _syntax_position(message: str, text: str = "") -> tuple[int | None, int | None, str]:
    m = _POSITION.match(message)
    if m:
        return int(m["line"]), int(m["col"]), _lower_first(m["what"])
    m = _END.match(message)
    if m:
        # The last line with text on it is where the reader of the file should look.
        last = len(text.rstrip().splitlines()) or None
        return last, None, _lower_first(m["what"]) + " at the end of the file"
    return None, None, _lower_first(message)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _write_atomic(path: Path, data: bytes, mode: int) -> None:
    """Replace `path` in one step: a crash leaves the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if sys.platform != "win32":
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


# ---------------------------------------------------------------------------------------------
# Where each key is: a small scanner over text that tomllib has already accepted.

_BARE = re.compile(r"[A-Za-z0-9_-]+")


class KeyLines:
    """Maps key paths (including array-of-tables positions) to 1-based line numbers."""

    def __init__(self, text: str) -> None:
        self._text = text.removeprefix(_BOM)
        self._newlines = [i for i, c in enumerate(self._text) if c == "\n"]
        self._lines: dict[KeyPath, int] = {}
        self._arrays: dict[KeyPath, int] = {}
        # The text is valid TOML (tomllib read it first); anything unforeseen only costs lines.
        with contextlib.suppress(IndexError, ValueError):
            self._scan()

    def line_of(self, path: KeyPath) -> int | None:
        """The line of `path`, or of its nearest enclosing table or key that is written."""
        for n in range(len(path), 0, -1):
            line = self._lines.get(path[:n])
            if line is not None:
                return line
        return None

    def _line(self, pos: int) -> int:
        return bisect_right(self._newlines, pos - 1) + 1

    def _record(self, path: KeyPath, pos: int) -> None:
        self._lines.setdefault(path, self._line(pos))

    def _scan(self) -> None:
        t = self._text
        i = 0
        prefix: KeyPath = ()
        while i < len(t):
            i = self._skip_blank(i, newlines=True)
            if i >= len(t):
                break
            if t[i] == "[":
                many = t.startswith("[[", i)
                start = i
                parts, i = self._key(i + (2 if many else 1))
                i = t.index("]]" if many else "]", i) + (2 if many else 1)
                prefix = self._table_path(parts, many)
                self._record(prefix, start)
                if many:
                    self._record(prefix[:-1], start)
            else:
                start = i
                parts, i = self._key(i)
                self._record((*prefix, *parts), start)
                i = self._value(t.index("=", i) + 1, (*prefix, *parts))

    def _table_path(self, parts: list[str], many: bool) -> KeyPath:
        path: list[str | int] = []
        for n, part in enumerate(parts):
            path.append(part)
            here = tuple(path)
            if many and n == len(parts) - 1:
                self._arrays[here] = self._arrays.get(here, -1) + 1
                path.append(self._arrays[here])
            elif here in self._arrays:
                path.append(self._arrays[here])
        return tuple(path)

    def _skip_blank(self, i: int, *, newlines: bool) -> int:
        t = self._text
        while i < len(t):
            c = t[i]
            if c in " \t\r" or (newlines and c == "\n"):
                i += 1
            elif c == "#":
                end = t.find("\n", i)
                i = len(t) if end < 0 else (end + 1 if newlines else end)
            else:
                break
        return i

    def _key(self, i: int) -> tuple[list[str], int]:
        t = self._text
        parts: list[str] = []
        while True:
            i = self._skip_blank(i, newlines=False)
            if t[i] in "\"'":
                end = self._string_end(i)
                parts.append(tomllib.loads(f"k = {t[i:end]}")["k"])
                i = end
            else:
                m = _BARE.match(t, i)
                if m is None:
                    raise ValueError(f"no key at {i}")
                parts.append(m.group())
                i = m.end()
            i = self._skip_blank(i, newlines=False)
            if i < len(t) and t[i] == ".":
                i += 1
                continue
            return parts, i

    def _string_end(self, i: int) -> int:
        t = self._text
        quote = t[i]
        if t.startswith(quote * 3, i):
            j = i + 3
            while True:
                j = t.index(quote * 3, j)
                if quote == '"' and _escaped(t, j):
                    j += 1
                    continue
                j += 3
                while j < len(t) and t[j] == quote:  # up to two quotes may end the content
                    j += 1
                return j
        j = i + 1
        while True:
            j = t.index(quote, j)
            if quote == '"' and _escaped(t, j):
                j += 1
                continue
            return j + 1

    def _value(self, i: int, path: KeyPath) -> int:
        t = self._text
        i = self._skip_blank(i, newlines=False)
        c = t[i]
        if c in "\"'":
            return self._string_end(i)
        if c == "[":
            i += 1
            index = 0
            while True:
                i = self._skip_blank(i, newlines=True)
                if t[i] == "]":
                    return i + 1
                if t[i] == ",":
                    index += 1
                    i += 1
                    continue
                self._record((*path, index), i)
                i = self._value(i, (*path, index))
        if c == "{":
            i += 1
            while True:
                i = self._skip_blank(i, newlines=True)
                if t[i] == "}":
                    return i + 1
                if t[i] == ",":
                    i += 1
                    continue
                start = i
                parts, i = self._key(i)
                self._record((*path, *parts), start)
                i = self._value(t.index("=", i) + 1, (*path, *parts))
        while i < len(t) and t[i] not in ",]}\n#":
            i += 1
        return i


def _escaped(text: str, quote_at: int) -> bool:
    backslashes = 0
    j = quote_at - 1
    while j >= 0 and text[j] == "\\":
        backslashes += 1
        j -= 1
    return backslashes % 2 == 1


# ---------------------------------------------------------------------------------------------
# Writing: edit the user's document in place.


def render(text: str, settings: Settings) -> str:
    """The config text for `settings`, made by editing `text` (valid TOML, maybe empty)."""
    bom = _BOM if text.startswith(_BOM) else ""
    body = text.removeprefix(_BOM)
    current = parse_settings(tomllib.loads(body))
    if body.strip():
        doc = tomlkit.parse(body)
        for _, item in doc.body:
            if isinstance(item, AoT):
                _adopt_leading_comments(item)
        if (
            doc.as_string() != body
        ):  # not expected; then comments simply stay where tomlkit put them
            doc = tomlkit.parse(body)
    else:
        doc = tomlkit.document()
        for line in _HEADER:
            doc.add(tomlkit.comment(line))
    for sec in SCHEMA:
        new = getattr(settings, sec.name)
        if sec.many:
            _write_entries(doc, sec, new, current)
        else:
            _write_table(doc, sec, new)
    return bom + doc.as_string()


def _plain(value: Any) -> Any:
    return value.unwrap() if isinstance(value, Item) else value


def _same(option: Option, raw: Any, value: object) -> bool:
    """Whether the text's value already says `value` (perhaps written differently)."""
    try:
        return check_value(option, _plain(raw)) == value
    except ValueError:
        return False


def _toml_value(value: object) -> Any:
    if isinstance(value, tuple):
        return list(value)
    return value


def _write_table(doc: tomlkit.TOMLDocument, sec: Section, new: Any) -> None:
    existing = doc.get(sec.name)
    if existing is not None and not isinstance(existing, Table):
        del doc[sec.name]  # not a table at all: it was reported and ignored on load
        existing = None
    if existing is None:
        table = tomlkit.table()
        _fill_fields(table, sec, new, comments=True)
        if table.value.body:
            _open_paragraph(doc)
            doc.add(sec.name, table)
        return
    _fill_fields(existing, sec, new, comments=True)


def _fill_fields(table: Table, sec: Section, new: Any, *, comments: bool) -> None:
    """Bring one table's options to `new`, leaving equal ones exactly as they are written."""
    for option in sec.options:
        value = getattr(new, option.key)
        if option.kind is Kind.WEEKDAY_MINUTES:
            _fill_weekdays(table, option.key, value)
            continue
        if option.key in table:
            if value is None:
                del table[option.key]
            elif not _same(option, table[option.key], value):
                table[option.key] = _toml_value(value)
        elif value is not None and (option.required or value != option.default):
            item = tomlkit.item(_toml_value(value))
            if comments and option.description:
                item.comment(option.description)
                item.trivia.comment_ws = "  "
            table.add(option.key, item)


def _fill_weekdays(table: Table, key: str, value: dict[str, int]) -> None:
    existing = table.get(key)
    if not value:
        if existing is not None:
            del table[key]
        return
    if isinstance(existing, Table | tomlkit.items.InlineTable):
        if _plain(existing) == value:
            return
        for day in list(existing.keys()):
            if day not in value:
                del existing[day]
        for day in WEEKDAYS:
            if day in value and _plain(existing.get(day)) != value[day]:
                existing[day] = value[day]
        return
    if existing is not None:
        del table[key]
    sub = tomlkit.table()
    for day in WEEKDAYS:
        if day in value:
            sub.add(day, value[day])
    table.add(key, sub)


def _write_entries(
    doc: tomlkit.TOMLDocument, sec: Section, new: tuple[Any, ...], current: ParsedSettings
) -> None:
    existing = doc.get(sec.name)
    if existing is not None and not isinstance(existing, AoT):
        if getattr(current.settings, sec.name) == new:
            return  # written some other way (an inline array) and unchanged: leave it be
        del doc[sec.name]
        existing = None
    if existing is None:
        if new:
            aot = tomlkit.aot()
            for entry in new:
                aot.append(_new_entry_table(sec, entry))
            _open_paragraph(doc)
            doc.append(sec.name, aot)
        return
    _sync_entries(doc, sec, existing, new, current.positions.get(sec.name, ()))
    if len(existing) == 0:
        del doc[sec.name]


def _open_paragraph(doc: tomlkit.TOMLDocument) -> None:
    """A blank line before a table added at the end, unless the text already ends in one."""
    text = doc.as_string()
    if text and not text.endswith("\n"):
        doc.add(tomlkit.nl())
    if text and not text.endswith("\n\n"):
        doc.add(tomlkit.nl())


def _new_entry_table(sec: Section, entry: Any) -> Table:
    table = tomlkit.table()
    _fill_fields(table, sec, entry, comments=False)
    return table


def _sync_entries(
    doc: tomlkit.TOMLDocument,
    sec: Section,
    aot: AoT,
    new: tuple[Any, ...],
    positions: tuple[int, ...],
) -> None:
    """Match the file's valid entries to `new` by name (then by order), edit, drop and add.

    Entries that were ignored on load (no name, a repeated name) are not ours to change.
    """
    tables = list(aot.body)
    ours = [tables[p] for p in positions if 0 <= p < len(tables)]
    names = [str(_plain(t.get("name", ""))).strip() for t in ours]
    matched: dict[int, Table] = {}  # index in `new` -> table
    free = list(range(len(ours)))
    for n, entry in enumerate(new):
        if entry.name in names:
            k = names.index(entry.name)
            if k in free:
                matched[n] = ours[k]
                free.remove(k)
    for n in range(len(new)):
        if n not in matched and free:  # a renamed entry keeps its table and comments
            matched[n] = ours[free.pop(0)]
    for k in free:
        _remove_table(aot, ours[k])
    for n, entry in enumerate(new):
        if n in matched:
            _fill_fields(matched[n], sec, entry, comments=False)
    in_file = [t for t in aot.body if any(t is m for m in matched.values())]
    wanted = [matched[n] for n in range(len(new)) if n in matched]
    fresh_at_end = all(n in matched for n in range(len(in_file)))
    if [id(t) for t in in_file] == [id(t) for t in wanted] and fresh_at_end:
        for n in range(len(wanted), len(new)):
            _append_table(aot, _new_entry_table(sec, new[n]))
        return
    # Reordered (or new entries in between): lay our entries out again in the wanted order.
    first = min((aot.body.index(t) for t in in_file), default=len(aot.body))
    for t in in_file:
        _remove_table(aot, t)
    for offset, entry in enumerate(new):
        table = matched.get(offset) or _new_entry_table(sec, entry)
        _ensure_gap_before(aot, first + offset, table)
        aot.insert(first + offset, table)
    last = aot.body[-1]
    if not _is_last(doc, sec.name) and not last.as_string().endswith("\n\n"):
        last.add(tomlkit.nl())


def _remove_table(aot: AoT, table: Table) -> None:
    for k, t in enumerate(aot.body):
        if t is table:
            del aot[k]
            return


def _append_table(aot: AoT, table: Table) -> None:
    # The new entry takes over the blank line that ended the array, so what follows stays apart.
    ended_apart = bool(aot.body) and aot.body[-1].as_string().endswith("\n\n")
    _ensure_gap_before(aot, len(aot.body), table)
    if ended_apart:
        table.add(tomlkit.nl())
    aot.append(table)


def _ensure_gap_before(aot: AoT, index: int, table: Table) -> None:
    """A blank line before a new entry's header, unless the text before it has one."""
    if index == 0:
        return
    before = aot.body[index - 1].as_string()
    if not before.endswith("\n\n") and "\n" not in table.trivia.indent:
        table.trivia.indent = "\n" + table.trivia.indent


def _is_last(doc: tomlkit.TOMLDocument, key: str) -> bool:
    keyed = [k for k, _ in doc.body if k is not None]
    return bool(keyed) and keyed[-1].key == key


def _adopt_leading_comments(aot: AoT) -> None:
    """Give comment lines that sit right above a `[[header]]` to the entry below them.

    tomlkit files them at the end of the entry above, so removing or moving an entry would
    leave its comment behind. The text renders the same either way (`render` checks).
    """
    for k in range(1, len(aot.body)):
        container = _innermost_last(aot.body[k - 1].value)
        moved: list[str] = []
        while container.body and isinstance(container.body[-1][1], Comment):
            moved.insert(0, container.body[-1][1].as_string())
            container.body.pop()
        aot.body[k].trivia.indent = "".join(moved) + aot.body[k].trivia.indent


def _innermost_last(container: Container) -> Container:
    while container.body and isinstance(container.body[-1][1], Table):
        container = container.body[-1][1].value
    return container
