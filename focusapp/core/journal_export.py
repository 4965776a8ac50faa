"""The journal as it is read back (entries and honest-log lines), and its export to JSON and CSV.

Export is plain text the user owns: timestamps in ISO 8601 UTC (`2026-11-26T14:05:00.000000Z`),
a fixed column order, notes only as the text that could be decrypted (an unreadable note leaves
the text empty and says why in `note_problem`). `from_json` and `from_csv` read an export back,
so a test can check that what is exported is what was recorded.

CSV cannot tell an empty text from a missing one: both come back as None.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

EXPORT_FORMAT = 1


@dataclass(frozen=True)
class JournalEntry:
    """One moment the app stepped in, readable: free text decrypted, or the reason it is not."""

    id: int
    ts: datetime  # aware UTC
    trigger_kind: str
    target_kind: str | None
    target_name: str | None
    page_kind: str | None
    prompt_id: str | None
    prompt_text: str | None  # the question in words, when the caller could resolve the id
    answer: str | None
    note: str | None  # decrypted text; None when there is none or it can't be read
    intention: str | None  # decrypted text, as `note`
    note_problem: str | None  # a sentence for the user when a note or intention can't be read
    outcome: str | None  # a `focusapp.core.journal.Outcome` value (kept as text if unknown)
    allowed_s: float | None
    session_id: str | None


@dataclass(frozen=True)
class LogLine:
    """One honest-log entry with a plain sentence saying what happened."""

    ts: datetime  # aware UTC
    kind: str
    sentence: str
    detail: dict[str, Any] = field(default_factory=dict)


CSV_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(JournalEntry))
_LOG_KEYS = ("ts", "kind", "sentence", "detail")


class ExportUnreadable(ValueError):
    """The text is not a Focusapp journal export this version can read."""


def iso_utc(moment: datetime) -> str:
    """Fixed-width ISO 8601 in UTC with a `Z`, the one shape every export uses."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"journal timestamps must be timezone-aware: {moment!r}")
    u = moment.astimezone(UTC)
    return (
        f"{u.year:04d}-{u.month:02d}-{u.day:02d}T{u.hour:02d}:{u.minute:02d}:{u.second:02d}"
        f".{u.microsecond:06d}Z"
    )


def parse_iso_utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"timestamp without a time zone: {text!r}")
    return moment.astimezone(UTC)


def _json_default(value: object) -> object:
    # Log details may carry datetimes (the session store keeps them as datetimes).
    if isinstance(value, datetime):
        return iso_utc(value)
    raise TypeError(f"cannot export {type(value).__name__}: {value!r}")


def _entry_dict(entry: JournalEntry) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in CSV_COLUMNS:
        value = getattr(entry, name)
        out[name] = iso_utc(value) if name == "ts" else value
    return out


def to_json(entries: Sequence[JournalEntry], log: Sequence[LogLine]) -> str:
    document = {
        "format": EXPORT_FORMAT,
        "entries": [_entry_dict(e) for e in entries],
        "log": [
            {
                "ts": iso_utc(line.ts),
                "kind": line.kind,
                "sentence": line.sentence,
                "detail": line.detail,
            }
            for line in log
        ],
    }
    return json.dumps(document, default=_json_default, ensure_ascii=False, indent=2) + "\n"


def to_csv(entries: Sequence[JournalEntry]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        row = _entry_dict(entry)
        writer.writerow(["" if row[c] is None else _csv_text(row[c]) for c in CSV_COLUMNS])
    return buffer.getvalue()


def _csv_text(value: object) -> str:
    # repr keeps every bit of a float, so the round trip is exact.
    return repr(value) if isinstance(value, float) else str(value)


def _entry_from(raw: dict[str, Any]) -> JournalEntry:
    try:
        values = {name: raw[name] for name in CSV_COLUMNS}
        values["ts"] = parse_iso_utc(values["ts"])
        values["id"] = int(values["id"])
        if values["allowed_s"] is not None:
            values["allowed_s"] = float(values["allowed_s"])
        return JournalEntry(**values)
    except (KeyError, TypeError, ValueError) as e:
        raise ExportUnreadable(f"an entry could not be read back: {e}") from e


def from_json(text: str) -> tuple[list[JournalEntry], list[LogLine]]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as e:
        raise ExportUnreadable(f"not JSON: {e}") from e
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise ExportUnreadable(f"not a format {EXPORT_FORMAT} journal export")
    entries = [_entry_from(raw) for raw in document.get("entries", [])]
    log: list[LogLine] = []
    for raw in document.get("log", []):
        try:
            log.append(
                LogLine(
                    ts=parse_iso_utc(raw["ts"]),
                    kind=str(raw["kind"]),
                    sentence=str(raw["sentence"]),
                    detail=dict(raw["detail"]),
                )
            )
        except (KeyError, TypeError, ValueError) as e:
            raise ExportUnreadable(f"a log line could not be read back: {e}") from e
    return entries, log


def from_csv(text: str) -> list[JournalEntry]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None or tuple(header) != CSV_COLUMNS:
        raise ExportUnreadable("the header is not the journal's columns")
    entries = []
    for number, row in enumerate(reader, start=2):
        if len(row) != len(CSV_COLUMNS):
            raise ExportUnreadable(f"row {number} has {len(row)} cells, not {len(CSV_COLUMNS)}")
        cells = zip(CSV_COLUMNS, row, strict=True)
        entries.append(_entry_from({c: (v if v != "" else None) for c, v in cells}))
    return entries
