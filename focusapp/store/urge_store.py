"""Urge entries in SQLite. What the user typed is encrypted with the journal key before it is
written, in a context bound to the row, or not written at all when no key is at hand."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

from focusapp.core.journal import UrgeEntry
from focusapp.store.database import Database, to_db_timestamp
from focusapp.store.note_cipher import NoteCipher

logger = logging.getLogger(__name__)


def note_context(urge_id: int, field: str) -> bytes:
    return f"urge:{urge_id}:{field}".encode()


class SqliteUrgeStore:
    """`focusapp.core.journal.UrgeStore` on the `urges` table.

    `cipher` is asked at each write: the keyring may be unlocked (or the passphrase typed) after
    the app started. With no cipher, the typed text is dropped and `dropped_text` counts it, so the
    UI can say notes are off instead of keeping them in plaintext.
    """

    def __init__(self, db: Database, cipher: Callable[[], NoteCipher | None]) -> None:
        self._db = db
        self._cipher = cipher
        self.dropped_text = 0
        self.last_error: str | None = None

    def record_urge(self, entry: UrgeEntry) -> int | None:
        try:
            with self._db.transaction() as conn:
                cursor = conn.execute(
                    "INSERT INTO urges (ts, trigger_kind, target_kind, target_name, page_kind,"
                    " prompt_id, answer, outcome, allowed_s, session_id)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        to_db_timestamp(entry.ts),
                        entry.trigger_kind,
                        entry.target_kind,
                        entry.target_name,
                        entry.page_kind,
                        entry.prompt_id,
                        entry.answer,
                        entry.outcome.value,
                        entry.allowed_s,
                        entry.session_id,
                    ),
                )
                urge_id = cursor.lastrowid
                assert urge_id is not None
                texts = {"intention": entry.intention, "note": entry.note}
                if any(texts.values()):
                    cipher = self._cipher()
                    if cipher is None:
                        self.dropped_text += 1
                    else:
                        for field, text in texts.items():
                            if text:
                                blob = cipher.encrypt(text, context=note_context(urge_id, field))
                                conn.execute(
                                    f"UPDATE urges SET {field}_enc = ? WHERE id = ?",
                                    (blob, urge_id),
                                )
            return urge_id
        except sqlite3.Error as e:
            self.last_error = f"Focusapp could not record this moment in its journal ({e})."
            logger.error("%s", self.last_error)
            return None
