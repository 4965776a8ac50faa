"""Reads the private journal back: urges with their notes decrypted, and the honest log in words.

Also the user's control over it: adding a note later, deleting everything, and keeping only the
last N days. A note that can't be decrypted never hides the rest of an entry; the entry carries a
sentence saying why instead.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from focusapp.core.journal_export import JournalEntry, LogLine
from focusapp.core.phrases import Phrase, count_phrase, phrase
from focusapp.core.records import LogKind
from focusapp.store.database import Database, from_db_timestamp, to_db_timestamp
from focusapp.store.note_cipher import NoteCipher, NoteUnreadable
from focusapp.store.session_store import loads_json
from focusapp.store.urge_store import note_context

__all__ = ["DEFAULT_RETENTION_DAYS", "JournalEntry", "JournalStore", "LogLine", "NotesUnavailable"]

logger = logging.getLogger(__name__)

DEFAULT_RETENTION_DAYS = 365

# Strict sessions allow a few emergency exits a week, counted from the log (with the clock jumps
# after them). Deleting those would hand the exits back, so they outlive "delete everything".
KEEP_FOR_STRICT_MODE = timedelta(days=14)

NO_KEY_SENTENCE = phrase(
    "Journal",
    "Your notes can't be read right now: the key that protects them is not at hand. "
    "The rest of your journal is fine.",
)


class NotesUnavailable(Exception):
    """A note can't be written now; the message is a sentence for the user."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


class JournalStore:
    """The journal over the `urges`, `log`, `sessions` and `usage` tables.

    `cipher` and `explain` are asked at each read (the keyring may be unlocked later):
    `explain` turns a `NoteUnreadable` into a sentence, `no_key` says why there is no key at all.
    `prompt_text` turns a prompt id into its question, when the caller has the library.
    `word` puts the store's own sentences (the honest log, refusals) into the reader's language:
    the app passes the UI's, the CLI keeps English.
    """

    def __init__(
        self,
        db: Database,
        cipher: Callable[[], NoteCipher | None],
        explain: Callable[[NoteUnreadable], str],
        *,
        no_key: Callable[[], str] | None = None,
        prompt_text: Callable[[str], str | None] | None = None,
        now: Callable[[], datetime] = _utc_now,
        word: Callable[[Phrase], str] = str,
    ) -> None:
        self._db = db
        self._cipher = cipher
        self._explain = explain
        self._word = word
        self._no_key = no_key or (lambda: word(NO_KEY_SENTENCE))
        self._prompt_text = prompt_text
        self._now = now

    # -- reading ------------------------------------------------------------------------------

    def entries(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[JournalEntry]:
        """Urges with `since <= ts < until` (either end open when None), oldest first."""
        where, params = _range("ts", since, until)
        rows = self._db.conn.execute(
            "SELECT id, ts, trigger_kind, target_kind, target_name, page_kind, prompt_id, answer,"
            " note_enc, intention_enc, outcome, allowed_s, session_id FROM urges"
            f"{where} ORDER BY ts, id",
            params,
        ).fetchall()
        cipher = self._cipher() if any(r[8] is not None or r[9] is not None for r in rows) else None
        out: list[JournalEntry] = []
        for row in rows:
            urge_id = int(row[0])
            note, intention, problem = self._decrypt(cipher, urge_id, row[8], row[9])
            prompt_id = row[6]
            out.append(
                JournalEntry(
                    id=urge_id,
                    ts=from_db_timestamp(row[1]),
                    trigger_kind=row[2],
                    target_kind=row[3],
                    target_name=row[4],
                    page_kind=row[5],
                    prompt_id=prompt_id,
                    prompt_text=self._question(prompt_id),
                    answer=row[7],
                    note=note,
                    intention=intention,
                    note_problem=problem,
                    outcome=row[10],
                    allowed_s=None if row[11] is None else float(row[11]),
                    session_id=row[12],
                )
            )
        return out

    def honest_log(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[LogLine]:
        """Log entries with `since <= ts < until`, in the order they were written."""
        where, params = _range("ts", since, until)
        rows = self._db.conn.execute(
            f"SELECT ts, kind, detail FROM log{where} ORDER BY id", params
        ).fetchall()
        lines: list[LogLine] = []
        for ts, kind, raw in rows:
            try:
                detail = loads_json(raw)
            except ValueError:
                detail = None
            if not isinstance(detail, dict):
                logger.warning("log entry at %s has an unreadable detail", ts)
                detail = {}
            sentence = self._word(describe(kind, detail))
            lines.append(LogLine(from_db_timestamp(ts), kind, sentence, detail))
        return lines

    def _question(self, prompt_id: str | None) -> str | None:
        if prompt_id is None or self._prompt_text is None:
            return None
        return self._prompt_text(prompt_id)

    def _decrypt(
        self, cipher: NoteCipher | None, urge_id: int, note_blob: Any, intention_blob: Any
    ) -> tuple[str | None, str | None, str | None]:
        texts: dict[str, str | None] = {"note": None, "intention": None}
        problem: str | None = None
        for name, blob in (("note", note_blob), ("intention", intention_blob)):
            if blob is None:
                continue
            if cipher is None:
                problem = self._no_key()
                continue
            try:
                texts[name] = cipher.decrypt(bytes(blob), context=note_context(urge_id, name))
            except NoteUnreadable as error:
                problem = self._explain(error)
        return texts["note"], texts["intention"], problem

    # -- the user's control -------------------------------------------------------------------

    def add_note(self, urge_id: int, text: str) -> None:
        """Sets (or with empty text, removes) the note of an urge, encrypted.

        Raises `NotesUnavailable` when there is no key, `LookupError` for an unknown urge.
        """
        blob: bytes | None = None
        if text.strip():
            cipher = self._cipher()
            if cipher is None:
                raise NotesUnavailable(
                    self._word(
                        phrase(
                            "Journal",
                            "This note can't be saved: notes need a key to protect them, and "
                            "none is at hand right now. Nothing was written.",
                        )
                    )
                )
            blob = cipher.encrypt(text, context=note_context(urge_id, "note"))
        with self._db.transaction() as conn:
            cursor = conn.execute("UPDATE urges SET note_enc = ? WHERE id = ?", (blob, urge_id))
            if cursor.rowcount == 0:
                raise LookupError(f"there is no journal entry {urge_id}")

    def delete_everything(self) -> None:
        """Deletes urges, the honest log, sessions and usage, then compacts the file so the old
        pages are gone from disk too. Recent emergency exits stay (see KEEP_FOR_STRICT_MODE)."""
        keep_from = self._now() - KEEP_FOR_STRICT_MODE
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM urges")
            conn.execute("DELETE FROM sessions")
            # usage_subjects (app and site names) stay: the running usage store caches their
            # ids, and a deleted id would make every later write fail its foreign key.
            conn.execute("DELETE FROM usage")
            self._delete_log(conn, None, keep_from)
        self._compact()

    def apply_retention(self, days: int = DEFAULT_RETENTION_DAYS) -> None:
        """Forgets what is older than `days` days: urges, log, sessions and usage."""
        if days < 1:
            raise ValueError(f"the journal keeps at least one day, not {days}")
        cutoff = self._now() - timedelta(days=days)
        stamp = to_db_timestamp(cutoff)
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM urges WHERE ts < ?", (stamp,))
            conn.execute("DELETE FROM sessions WHERE ended_at < ?", (stamp,))
            # Usage days are local dates; a day either way is within what "a year" means.
            conn.execute("DELETE FROM usage WHERE day < ?", (cutoff.date().isoformat(),))
            self._delete_log(conn, stamp, self._now() - KEEP_FOR_STRICT_MODE)

    def leftover_copies(self) -> list[Path]:
        """Backups and moved-aside copies of the database, which still hold older data."""
        path = self._db.path
        patterns = (f"{path.stem}.backup-v*", f"{path.name}.corrupt-*")
        found = {p for pattern in patterns for p in path.parent.glob(pattern)}
        return sorted(p for p in found if not p.name.endswith(("-wal", "-shm")))

    def _delete_log(
        self, conn: sqlite3.Connection, before: str | None, keep_from: datetime
    ) -> None:
        # Emergency exits since `keep_from`, and every clock jump written after the first of them
        # (the strict-mode count corrects an exit's age by the jumps that followed it).
        first_kept = conn.execute(
            "SELECT min(id) FROM log WHERE kind = ? AND ts >= ?",
            (LogKind.EMERGENCY_EXIT.value, to_db_timestamp(keep_from)),
        ).fetchone()[0]
        keep_clause = ""
        params: list[Any] = []
        if first_kept is not None:
            keep_clause = " AND NOT (id >= ? AND kind IN (?, ?))"
            params = [first_kept, LogKind.EMERGENCY_EXIT.value, LogKind.CLOCK_JUMP.value]
        if before is None:
            conn.execute(f"DELETE FROM log WHERE 1{keep_clause}", params)
        else:
            conn.execute(f"DELETE FROM log WHERE ts < ?{keep_clause}", [before, *params])

    def _compact(self) -> None:
        conn = self._db.conn
        try:
            conn.execute("VACUUM")
            # VACUUM goes through the WAL; truncating it drops the old pages kept there.
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as e:
            # The rows are gone already; only the free pages linger until the next VACUUM.
            logger.warning("could not compact the database after deleting: %s", e)


def _range(column: str, since: datetime | None, until: datetime | None) -> tuple[str, list[str]]:
    clauses, params = [], []
    if since is not None:
        clauses.append(f"{column} >= ?")
        params.append(to_db_timestamp(since))
    if until is not None:
        clauses.append(f"{column} < ?")
        params.append(to_db_timestamp(until))
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


# -- the honest log in words ----------------------------------------------------------------


_UNITS = (
    (phrase("Durations", "1 day"), phrase("Durations", "{count} days")),
    (phrase("Durations", "1 hour"), phrase("Durations", "{count} hours")),
    (phrase("Durations", "1 minute"), phrase("Durations", "{count} minutes")),
)


def duration_words(seconds: float) -> Phrase:
    """ "less than a minute", "1 minute", "18 minutes", "1 hour", "2 hours 5 minutes"."""
    minutes = round(abs(seconds) / 60)
    if minutes < 1:
        return phrase("Durations", "less than a minute")
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    parts = [
        count_phrase(amount, one, many)
        for amount, (one, many) in zip((days, hours, minutes), _UNITS, strict=True)
        if amount
    ]
    if len(parts) == 1:
        return parts[0]
    return phrase("Durations", "{larger} {smaller}")(larger=parts[0], smaller=parts[1])


def _number(detail: dict[str, Any], key: str) -> float | None:
    value = detail.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _minutes(value: Any) -> Phrase:
    """ "1 minute", "45 minutes"; a value that is no whole number is shown as it is."""
    if isinstance(value, int) and not isinstance(value, bool):
        return count_phrase(value, *_UNITS[2])
    return _UNITS[2][1](count=str(value))


def describe(kind: str, detail: dict[str, Any]) -> Phrase:
    """A plain, unjudging sentence for one honest-log entry."""
    if kind == LogKind.EMERGENCY_EXIT:
        return _emergency_exit(detail)
    if kind == LogKind.CLOCK_JUMP:
        return _clock_jump(detail)
    if kind == LogKind.SUSPEND:
        slept = _number(detail, "duration_s")
        if slept is None:
            return phrase("Journal", "The computer was asleep for a while.")
        return phrase("Journal", "The computer was asleep for {duration}.")(
            duration=duration_words(slept)
        )
    if kind == LogKind.APP_DOWN:
        return _app_down(detail)
    if kind == LogKind.QUIT_DURING_STRICT:
        return phrase("Journal", "Focusapp was quit during a strict session.")
    if kind == LogKind.LIMIT_CHANGE:
        return _limit_change(detail)
    if kind == LogKind.CONFIG_PROBLEM:
        problem = detail.get("problem")
        if isinstance(problem, str) and problem:
            return phrase("Journal", "Focusapp found a problem in its settings: {problem}")(
                problem=problem
            )
        return phrase("Journal", "Focusapp found a problem in its settings.")
    if kind == LogKind.DATABASE_RECOVERED:
        moved = detail.get("moved_to")
        if isinstance(moved, str):
            return phrase(
                "Journal",
                "Focusapp could not read its journal file and started a new one. "
                "The old file was kept at {path}.",
            )(path=moved)
        return phrase("Journal", "Focusapp could not read its journal file and started a new one.")
    return phrase(
        "Journal", "Focusapp noted something this version does not know how to describe ({kind})."
    )(kind=kind)


def _emergency_exit(detail: dict[str, Any]) -> Phrase:
    left = _number(detail, "remaining_s")
    profile = detail.get("profile")
    if isinstance(profile, str) and profile:
        if left is None:
            return phrase("Journal", "You used an emergency exit from your “{profile}” session.")(
                profile=profile
            )
        return phrase(
            "Journal", "You used an emergency exit from your “{profile}” session ({duration} left)."
        )(profile=profile, duration=duration_words(left))
    if left is None:
        return phrase("Journal", "You used an emergency exit.")
    return phrase("Journal", "You used an emergency exit ({duration} left).")(
        duration=duration_words(left)
    )


def _clock_jump(detail: dict[str, Any]) -> Phrase:
    delta = _number(detail, "delta_s")
    if delta is None:
        return phrase("Journal", "The system clock was changed; timers kept their real length.")
    if detail.get("while_away"):
        if delta > 0:
            sentence = phrase(
                "Journal",
                "While Focusapp was closed, the system clock was set {duration} forward; "
                "timers kept their real length.",
            )
        else:
            sentence = phrase(
                "Journal",
                "While Focusapp was closed, the system clock was set {duration} back; "
                "timers kept their real length.",
            )
    elif delta > 0:
        sentence = phrase(
            "Journal",
            "The system clock was set {duration} forward; timers kept their real length.",
        )
    else:
        sentence = phrase(
            "Journal", "The system clock was set {duration} back; timers kept their real length."
        )
    return sentence(duration=duration_words(delta))


def _app_down(detail: dict[str, Any]) -> Phrase:
    if "restore_failed" in detail:
        return phrase(
            "Journal", "Focusapp could not pick up the session it had saved, so it started afresh."
        )
    away = _number(detail, "away_s")
    if away is None:
        if detail.get("strict"):
            return phrase(
                "Journal", "Focusapp was not running for a while during a strict session."
            )
        return phrase("Journal", "Focusapp was not running for a while during a session.")
    if detail.get("strict"):
        sentence = phrase(
            "Journal", "Focusapp was not running for {duration} during a strict session."
        )
    else:
        sentence = phrase("Journal", "Focusapp was not running for {duration} during a session.")
    return sentence(duration=duration_words(away))


def _limit_change(detail: dict[str, Any]) -> Phrase:
    name = str(detail.get("limit") or "?")
    old, new = detail.get("old_minutes"), detail.get("new_minutes")
    applies = str(detail.get("applies"))
    if old is None and new is None:
        return phrase("Journal", "You changed the limit “{name}”.")(name=name)
    if old is None:
        added = {
            "now": phrase("Journal", "You added the limit “{name}”: {minutes} a day, from now on."),
            "tomorrow": phrase(
                "Journal", "You added the limit “{name}”: {minutes} a day, starting tomorrow."
            ),
        }.get(applies, phrase("Journal", "You added the limit “{name}”: {minutes} a day."))
        return added(name=name, minutes=_minutes(new))
    if new is None:
        removed = {
            "now": phrase(
                "Journal", "You removed the limit “{name}” (it was {minutes} a day), from now on."
            ),
            "tomorrow": phrase(
                "Journal",
                "You removed the limit “{name}” (it was {minutes} a day), starting tomorrow.",
            ),
        }.get(
            applies, phrase("Journal", "You removed the limit “{name}” (it was {minutes} a day).")
        )
        return removed(name=name, minutes=_minutes(old))
    changed = {
        "now": phrase(
            "Journal", "You changed the limit “{name}” from {old} to {minutes} a day, from now on."
        ),
        "tomorrow": phrase(
            "Journal",
            "You changed the limit “{name}” from {old} to {minutes} a day, starting tomorrow.",
        ),
    }.get(
        applies, phrase("Journal", "You changed the limit “{name}” from {old} to {minutes} a day.")
    )
    return changed(name=name, old=old, minutes=_minutes(new))
