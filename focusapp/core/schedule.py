"""Recurring focus blocks: which one is active at a given local time, and when the next starts.

A block is weekdays x a local time range. A range whose end is not after its start runs past
midnight and belongs to the day it starts on. Times are local wall times in the user's zone, so a
09:00 block starts at 09:00 on both sides of a daylight-saving change; its length in real seconds is
what the zone makes of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Block:
    name: str
    weekdays: frozenset[int]  # Monday = 0
    start: time
    end: time
    profile: str | None = None
    strict: bool = False

    @property
    def overnight(self) -> bool:
        return self.end <= self.start


@dataclass(frozen=True)
class Occurrence:
    block: Block
    starts_at: datetime  # aware, UTC
    ends_at: datetime  # aware, UTC

    @property
    def key(self) -> str:
        """Identifies this occurrence across restarts, so a stopped one is not started again."""
        return f"{self.block.name}@{self.starts_at.isoformat()}"


def parse_hhmm(text: str) -> time:
    hours, _, minutes = text.partition(":")
    return time(int(hours), int(minutes))


def weekday_numbers(days: tuple[str, ...] | list[str]) -> frozenset[int]:
    return frozenset(WEEKDAYS.index(d.strip().lower()[:3]) for d in days)


def _local(day: date, at: time, tz: tzinfo) -> datetime:
    # A wall time that does not exist (skipped by a DST change) lands after the gap: zoneinfo
    # interprets it with the offset before the change, which converts to a moment just after it.
    return datetime.combine(day, at, tzinfo=tz).astimezone(tz)


def occurrence_on(block: Block, day: date, tz: tzinfo) -> Occurrence | None:
    """The occurrence of `block` that starts on local `day`, if the block runs that weekday."""
    if day.weekday() not in block.weekdays:
        return None
    start = _local(day, block.start, tz)
    end_day = day + timedelta(days=1) if block.overnight else day
    end = _local(end_day, block.end, tz)
    start_utc, end_utc = start.astimezone(UTC), end.astimezone(UTC)
    if end_utc <= start_utc:
        return None
    return Occurrence(block, start_utc, end_utc)


def active_occurrences(blocks: list[Block], now: datetime, tz: tzinfo) -> list[Occurrence]:
    """Occurrences running at `now` (aware), earliest end first."""
    today = now.astimezone(tz).date()
    found = []
    for block in blocks:
        for day in (today - timedelta(days=1), today):
            occ = occurrence_on(block, day, tz)
            if occ is not None and occ.starts_at <= now < occ.ends_at:
                found.append(occ)
    return sorted(found, key=lambda o: o.ends_at)


def next_start(blocks: list[Block], now: datetime, tz: tzinfo) -> datetime | None:
    """The start of the next occurrence strictly after `now`, looking a week and a day ahead."""
    today = now.astimezone(tz).date()
    starts = [
        occ.starts_at
        for block in blocks
        for offset in range(9)
        if (occ := occurrence_on(block, today + timedelta(days=offset), tz)) is not None
        and occ.starts_at > now
    ]
    return min(starts, default=None)
