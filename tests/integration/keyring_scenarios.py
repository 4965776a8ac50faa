"""Journal-key scenarios that need a process (and sometimes a D-Bus session) of their own.

`python -m tests.integration.keyring_scenarios SCENARIO WORKDIR` runs one scenario and prints
one JSON object; `tests/integration/test_keyring_real.py` starts it and checks the answer:

- `no-bus`: with DBUS_SESSION_BUS_ADDRESS pointing nowhere, the keyring mode reports
  NO_BACKEND; the user then chooses a passphrase and writes a note.
- `no-bus-restart`: the next start: the passphrase is asked, a wrong one refused, the note read.
- `locked`: run inside a fresh `dbus-run-session` with no display: starts a gnome-keyring of its
  own, keeps a note key there, locks the keyring through the Secret Service API, and reports
  what a restarted app sees.

The small journal table here stands in for the app's: it is the same SQLite, in WAL mode.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from focusapp.store.note_cipher import NoteUnreadable
from focusapp.store.secrets import JournalKeys, KeyringKeyStore, NotesMode

PASSPHRASE = "a slow walk by the river"
NOTE = "I wanted to know whether the post got likes (note-marker-5f3a)"
ANSWER = "checked anyway (answer-marker-91c2)"
KEYRING_PASSWORD = "test"


@dataclass(frozen=True)
class UrgeRow:
    id: int
    answer: str
    note: str | None  # None: no note, or unreadable (then `problem` says why)
    problem: str | None


def note_context(urge_id: int) -> bytes:
    return f"urge:{urge_id}:note".encode()


@contextlib.contextmanager
def journal_db(path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS urges (id INTEGER PRIMARY KEY, answer TEXT, note BLOB)"
        )
        yield connection
    finally:
        connection.close()


def write_urge(
    connection: sqlite3.Connection, keys: JournalKeys, urge_id: int, answer: str, note: str
) -> None:
    cipher = keys.cipher()
    if cipher is None:
        raise RuntimeError(f"no key to write a note with: {keys.status().sentence}")
    with connection:
        connection.execute(
            "INSERT INTO urges (id, answer, note) VALUES (?, ?, ?)",
            (urge_id, answer, cipher.encrypt(note, context=note_context(urge_id))),
        )


def read_urges(connection: sqlite3.Connection, keys: JournalKeys) -> list[UrgeRow]:
    """Every row, readable or not: a note that can't be decrypted never hides the rest."""
    cipher = keys.cipher()
    rows = []
    for urge_id, answer, blob in connection.execute(
        "SELECT id, answer, note FROM urges ORDER BY id"
    ):
        note: str | None = None
        problem: str | None = None
        if blob is not None and cipher is None:
            problem = keys.status().sentence
        elif blob is not None and cipher is not None:
            try:
                note = cipher.decrypt(blob, context=note_context(urge_id))
            except NoteUnreadable as error:
                problem = f"{error.reason.value}: {keys.explain(error)}"
        rows.append(UrgeRow(urge_id, answer, note, problem))
    return rows


def _status_json(keys: JournalKeys) -> dict[str, Any]:
    status = keys.status()
    return {
        "mode": status.mode.value,
        "status": status.key_status.value,
        "sentence": status.sentence,
        "backend_name": status.backend_name,
        "offer_fallback": status.offer_fallback,
        "has_cipher": keys.cipher() is not None,
    }


def _verifier_file(workdir: Path) -> Path:
    return workdir / "data" / "journal-passphrase.json"


def no_bus(workdir: Path) -> dict[str, Any]:
    import keyring

    keys = JournalKeys(NotesMode.KEYRING, verifier_file=_verifier_file(workdir))
    result: dict[str, Any] = {
        "detected_backend": f"{type(keyring.get_keyring()).__module__}",
        "keyring": _status_json(keys),
    }
    # The user's choice, offered by the app: protect notes with a passphrase.
    keys.set_mode(NotesMode.PASSPHRASE)
    result["before_passphrase"] = _status_json(keys)
    keys.set_passphrase(PASSPHRASE)
    result["passphrase"] = _status_json(keys)
    with journal_db(workdir / "journal.sqlite3") as connection:
        write_urge(connection, keys, 1, ANSWER, NOTE)
    return result


def no_bus_restart(workdir: Path) -> dict[str, Any]:
    keys = JournalKeys(NotesMode.PASSPHRASE, verifier_file=_verifier_file(workdir))
    result: dict[str, Any] = {"at_start": _status_json(keys)}
    with journal_db(workdir / "journal.sqlite3") as connection:
        result["rows_locked"] = [row.__dict__ for row in read_urges(connection, keys)]
        result["wrong_passphrase_accepted"] = keys.unlock_with_passphrase(PASSPHRASE + "!")
        result["right_passphrase_accepted"] = keys.unlock_with_passphrase(PASSPHRASE)
        result["unlocked"] = _status_json(keys)
        result["rows"] = [row.__dict__ for row in read_urges(connection, keys)]
    return result


def _owner_pid(name: str) -> int | None:
    # Asking who owns the name never activates a service (a plain method call on it would).
    from jeepney import MessageType
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    with open_dbus_connection(bus="SESSION") as connection:
        reply = connection.send_and_get_reply(
            message_bus.GetConnectionUnixProcessID(name), timeout=5
        )
    if reply.header.message_type == MessageType.error:
        return None  # nobody owns it (yet)
    return int(reply.body[0])


def _start_gnome_keyring(workdir: Path) -> subprocess.Popen[bytes]:
    log = (workdir / "gnome-keyring.log").open("wb")
    daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    assert daemon.stdin is not None
    daemon.stdin.write(KEYRING_PASSWORD.encode())
    daemon.stdin.close()
    deadline = time.monotonic() + 30
    while _owner_pid("org.freedesktop.secrets") != daemon.pid:
        if daemon.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"gnome-keyring did not take the bus; see {log.name}")
        time.sleep(0.1)
    return daemon


def locked(workdir: Path) -> dict[str, Any]:
    import secretstorage

    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        raise RuntimeError("run without a display: an unlock prompt would wait for a person")
    service = "focusapp-test-locked"
    daemon = _start_gnome_keyring(workdir)
    try:
        keys = JournalKeys(
            NotesMode.KEYRING,
            verifier_file=_verifier_file(workdir),
            keyring_store=KeyringKeyStore(service=service),
        )
        result: dict[str, Any] = {"unlocked": _status_json(keys)}
        with journal_db(workdir / "journal.sqlite3") as connection:
            write_urge(connection, keys, 1, ANSWER, NOTE)

        connection_ = secretstorage.dbus_init()
        collection = secretstorage.get_default_collection(connection_)
        collection.lock()
        result["collection_locked"] = collection.is_locked()

        started = time.monotonic()
        restarted = JournalKeys(
            NotesMode.KEYRING,
            verifier_file=_verifier_file(workdir),
            keyring_store=KeyringKeyStore(service=service),
        )
        result["locked"] = _status_json(restarted)
        result["seconds_to_answer"] = time.monotonic() - started
        result["retry"] = restarted.retry().key_status.value
        with journal_db(workdir / "journal.sqlite3") as connection:
            result["rows"] = [row.__dict__ for row in read_urges(connection, restarted)]
        # Locked must never read as "no key yet": the key is still the only one there.
        query = {"service": service, "username": "journal-key"}
        result["key_items"] = len(list(secretstorage.search_items(connection_, query)))
        result["still_locked"] = collection.is_locked()
        connection_.close()
        return result
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)


SCENARIOS = {"no-bus": no_bus, "no-bus-restart": no_bus_restart, "locked": locked}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in SCENARIOS:
        print(f"usage: keyring_scenarios {{{'|'.join(SCENARIOS)}}} WORKDIR", file=sys.stderr)
        return 2
    result = SCENARIOS[argv[0]](Path(argv[1]))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
