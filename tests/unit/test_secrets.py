"""Where the journal key lives: refused keyrings, failures told in words, the passphrase path.

The keyring backends here are fakes handed to keyring itself (`keyring.set_keyring`), so the
code under test goes through the same calls it makes against a real keyring.
"""

from __future__ import annotations

import base64
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import keyring
import keyring.core
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.backends.chainer import ChainerBackend
from keyring.errors import InitError, KeyringError, KeyringLocked, NoKeyringError

from focusapp.store.note_cipher import NoteCipher, NoteUnreadable, UnreadableReason, key_id_of
from focusapp.store.secrets import (
    JournalKeys,
    KeyringKeyStore,
    KeyStatus,
    NotesMode,
    PassphraseAlreadySet,
)

CONTEXT = b"urge:1:note"


class _RecordingKeyring(KeyringBackend):
    """An in-memory keyring that records every call it gets."""

    stored: dict[tuple[str, str], str]
    calls: list[str]

    def __init__(self) -> None:
        super().__init__()
        self.stored = {}
        self.calls = []

    priority = 5  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        self.calls.append("get")
        return self.stored.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append("set")
        self.stored[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.calls.append("delete")
        del self.stored[(service, username)]


class MemoryKeyring(_RecordingKeyring):
    pass


class PlaintextKeyring(_RecordingKeyring):
    """Looks like keyrings.alt's file backend: a good priority, but secrets in the clear."""

    priority = 5  # type: ignore[assignment]


class LowPriorityKeyring(_RecordingKeyring):
    priority = 0.5  # type: ignore[assignment]


class NotViableKeyring(_RecordingKeyring):
    @classmethod
    def _not_here(cls) -> float:
        raise RuntimeError("needs a service that is not running")

    priority = property(lambda self: self._not_here())  # type: ignore[assignment]


class RaisingKeyring(_RecordingKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        self.calls.append("get")
        raise KeyringError("the backend fell over")


class LockedKeyring(_RecordingKeyring):
    """Locked until `unlocked` is set, as when the user dismisses the unlock prompt."""

    unlocked = False

    def get_password(self, service: str, username: str) -> str | None:
        if not self.unlocked:
            self.calls.append("get")
            raise KeyringLocked("Failed to unlock the collection!")
        return super().get_password(service, username)


class InitFailingKeyring(_RecordingKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise InitError("Failed to create the collection: Prompt dismissed.")


class CrashingKeyring(_RecordingKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise OSError("Connection reset by peer")


class ForgetfulKeyring(_RecordingKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append("set")  # says yes, keeps nothing


class TrustingChainer(ChainerBackend):
    """keyring's chainer over a fixed list: a locked keyring first, a plaintext one behind."""

    backends: ClassVar[list[KeyringBackend]] = []  # type: ignore[assignment]


# keyring registers every concrete backend class for its auto-detection; these fakes must never
# be picked by a test that relies on detection, so take them out of the registry.
for _fake in (
    _RecordingKeyring,
    MemoryKeyring,
    PlaintextKeyring,
    LowPriorityKeyring,
    NotViableKeyring,
    RaisingKeyring,
    LockedKeyring,
    InitFailingKeyring,
    CrashingKeyring,
    ForgetfulKeyring,
    TrustingChainer,
):
    KeyringBackend._classes.discard(_fake)  # type: ignore[attr-defined]


@pytest.fixture
def use_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """`use_keyring(backend)` makes it keyring's backend for this test only."""
    # Registers the current value (usually "not detected yet") for restoring at teardown.
    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.core._keyring_backend)

    def install(backend: KeyringBackend) -> KeyringBackend:
        keyring.set_keyring(backend)
        return backend

    yield install


@pytest.fixture
def verifier_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal-passphrase.json"


def journal(mode: str, verifier_file: Path, **store: object) -> JournalKeys:
    return JournalKeys(mode, verifier_file=verifier_file, keyring_store=KeyringKeyStore(**store))  # type: ignore[arg-type]


def test_first_use_creates_a_random_256_bit_key_in_the_keyring(use_keyring, verifier_file) -> None:
    backend = use_keyring(MemoryKeyring())
    keys = journal("keyring", verifier_file)

    status = keys.status()

    assert status.key_status is KeyStatus.AVAILABLE
    assert status.notes_usable and not status.offer_fallback
    assert list(backend.stored) == [("focusapp", "journal-key")]
    key = base64.b64decode(backend.stored[("focusapp", "journal-key")], validate=True)
    assert len(key) == 32
    assert keys.key_id() == key_id_of(key)
    assert status.backend_name in status.sentence


def test_nothing_is_read_until_the_app_asks(use_keyring, verifier_file) -> None:
    backend = use_keyring(MemoryKeyring())
    keys = journal("keyring", verifier_file)
    assert backend.calls == []

    keys.cipher()
    calls_after_first_use = list(backend.calls)
    keys.status()
    keys.cipher()
    keys.key_id()

    assert calls_after_first_use == ["get", "set", "get"]  # read, create, read back
    assert backend.calls == calls_after_first_use  # remembered, not asked again


def test_the_key_survives_a_restart(use_keyring, verifier_file) -> None:
    use_keyring(MemoryKeyring())
    blob = journal("keyring", verifier_file).cipher().encrypt("still here", context=CONTEXT)  # type: ignore[union-attr]

    after_restart = journal("keyring", verifier_file).cipher()

    assert after_restart is not None
    assert after_restart.decrypt(blob, context=CONTEXT) == "still here"


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()], ids=["fail", "null"])
def test_keyrings_fail_and_null_backends_mean_no_keyring(
    use_keyring, verifier_file, backend: KeyringBackend
) -> None:
    use_keyring(backend)
    keys = journal("keyring", verifier_file)

    status = keys.status()

    assert status.key_status is KeyStatus.NO_BACKEND
    assert status.offer_fallback
    assert "No system keyring was found" in status.sentence
    assert "passphrase" in status.sentence
    assert keys.cipher() is None
    assert keys.key_id() is None


@pytest.mark.parametrize(
    ("backend", "why"),
    [
        (PlaintextKeyring(), "keeps secrets unencrypted"),
        (LowPriorityKeyring(), "not a safe place"),
    ],
    ids=["plaintext-by-name", "not-recommended-by-priority"],
)
def test_a_keyring_that_does_not_protect_secrets_is_never_used(
    use_keyring, verifier_file, backend: _RecordingKeyring, why: str
) -> None:
    use_keyring(backend)
    keys = journal("keyring", verifier_file)

    status = keys.status()

    assert status.key_status is KeyStatus.NO_BACKEND
    assert why in status.sentence
    assert status.backend_name is not None and status.backend_name in status.sentence
    assert keys.cipher() is None
    assert backend.calls == []


def test_a_keyring_that_cannot_run_here_is_never_used(use_keyring, verifier_file) -> None:
    backend = use_keyring(NotViableKeyring())
    status = journal("keyring", verifier_file).status()

    assert status.key_status is KeyStatus.NO_BACKEND
    assert backend.calls == []


def test_the_chainer_never_falls_through_to_a_plaintext_keyring(
    use_keyring, verifier_file, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked, plaintext = LockedKeyring(), PlaintextKeyring()
    monkeypatch.setattr(TrustingChainer, "backends", [locked, plaintext])
    use_keyring(TrustingChainer())
    keys = journal("keyring", verifier_file)

    status = keys.status()

    assert status.key_status is KeyStatus.LOCKED
    assert keys.cipher() is None
    assert locked.calls == ["get"]
    assert plaintext.calls == []


def test_the_chainer_uses_its_best_acceptable_keyring(
    use_keyring, verifier_file, monkeypatch: pytest.MonkeyPatch
) -> None:
    plaintext, memory = PlaintextKeyring(), MemoryKeyring()
    monkeypatch.setattr(TrustingChainer, "backends", [plaintext, memory])
    use_keyring(TrustingChainer())

    assert journal("keyring", verifier_file).cipher() is not None
    assert plaintext.calls == []
    assert ("focusapp", "journal-key") in memory.stored


def test_a_locked_keyring_says_so_and_works_once_unlocked(use_keyring, verifier_file) -> None:
    backend = use_keyring(LockedKeyring())
    keys = journal("keyring", verifier_file)

    status = keys.status()
    assert status.key_status is KeyStatus.LOCKED
    assert "is locked" in status.sentence
    assert status.offer_fallback
    assert keys.cipher() is None
    assert backend.calls == ["get"]  # the failure is remembered: no prompt on every status()

    backend.unlocked = True
    assert keys.status().key_status is KeyStatus.LOCKED
    assert keys.retry().key_status is KeyStatus.AVAILABLE
    assert keys.cipher() is not None
    assert backend.stored


@pytest.mark.parametrize(
    ("backend", "status", "words"),
    [
        (RaisingKeyring(), KeyStatus.ERROR, "the backend fell over"),
        (InitFailingKeyring(), KeyStatus.ERROR, "could not be opened"),
        (CrashingKeyring(), KeyStatus.ERROR, "Connection reset by peer"),
        (ForgetfulKeyring(), KeyStatus.ERROR, "did not keep it"),
    ],
    ids=["keyring-error", "init-error", "os-error", "accepts-but-forgets"],
)
def test_a_failing_keyring_is_reported_in_words_never_a_crash(
    use_keyring, verifier_file, backend: KeyringBackend, status: KeyStatus, words: str
) -> None:
    use_keyring(backend)
    keys = journal("keyring", verifier_file)

    reported = keys.status()

    assert reported.key_status is status
    assert words in reported.sentence
    assert reported.offer_fallback
    assert keys.cipher() is None


def test_no_keyring_error_raised_by_a_backend_means_no_keyring(
    use_keyring, verifier_file, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = use_keyring(MemoryKeyring())

    def no_keyring(service: str, username: str) -> str | None:
        raise NoKeyringError("gone")

    monkeypatch.setattr(backend, "get_password", no_keyring)
    assert journal("keyring", verifier_file).status().key_status is KeyStatus.NO_BACKEND


def test_a_damaged_key_in_the_keyring_is_reported_and_left_alone(
    use_keyring, verifier_file
) -> None:
    backend = use_keyring(MemoryKeyring())
    backend.stored[("focusapp", "journal-key")] = "not base64 at all!"

    status = journal("keyring", verifier_file).status()

    assert status.key_status is KeyStatus.ERROR
    assert "damaged" in status.sentence
    assert backend.stored[("focusapp", "journal-key")] == "not base64 at all!"


def test_a_lost_key_leaves_the_note_unreadable_with_a_reason(use_keyring, verifier_file) -> None:
    backend = use_keyring(MemoryKeyring())
    blob = journal("keyring", verifier_file).cipher().encrypt("before", context=CONTEXT)  # type: ignore[union-attr]
    backend.delete_password("focusapp", "journal-key")

    keys = journal("keyring", verifier_file)
    cipher = keys.cipher()
    assert cipher is not None  # a new key, so new notes can be written
    with pytest.raises(NoteUnreadable) as caught:
        cipher.decrypt(blob, context=CONTEXT)

    assert caught.value.reason is UnreadableReason.WRONG_KEY
    assert "no longer in your keyring" in keys.explain(caught.value)
    assert "rest of your journal" in keys.explain(caught.value)


def test_an_explicit_backend_and_names_are_used_as_given(verifier_file) -> None:
    backend = MemoryKeyring()
    store = KeyringKeyStore(service="focusapp-test", username="other", backend=backend)

    assert store.key() is not None
    assert list(backend.stored) == [("focusapp-test", "other")]


def test_notes_off_needs_no_key_and_touches_no_keyring(use_keyring, verifier_file) -> None:
    backend = use_keyring(MemoryKeyring())
    keys = journal("off", verifier_file)

    status = keys.status()

    assert status.key_status is KeyStatus.OFF
    assert not status.notes_usable and not status.offer_fallback
    assert keys.cipher() is None
    assert backend.calls == []


def test_a_passphrase_is_chosen_once_and_asked_after_each_start(use_keyring, verifier_file) -> None:
    backend = use_keyring(MemoryKeyring())
    first = journal("passphrase", verifier_file)
    assert first.status().key_status is KeyStatus.NOT_SET_UP
    assert first.cipher() is None

    first.set_passphrase("a quiet morning")
    assert first.status().key_status is KeyStatus.AVAILABLE
    blob = first.cipher().encrypt("why I reached for the phone", context=CONTEXT)  # type: ignore[union-attr]

    restarted = journal("passphrase", verifier_file)
    assert restarted.status().key_status is KeyStatus.LOCKED
    assert restarted.cipher() is None
    assert not restarted.unlock_with_passphrase("a quiet evening")
    assert restarted.status().key_status is KeyStatus.LOCKED
    assert restarted.unlock_with_passphrase("a quiet morning")
    assert restarted.cipher().decrypt(blob, context=CONTEXT) == "why I reached for the phone"  # type: ignore[union-attr]
    assert restarted.key_id() == first.key_id()
    assert backend.calls == []  # the passphrase path never needs the keyring


def test_the_passphrase_file_is_private_and_holds_no_passphrase(verifier_file) -> None:
    keys = journal("passphrase", verifier_file)
    keys.set_passphrase("a quiet morning")

    assert stat.S_IMODE(verifier_file.stat().st_mode) == 0o600
    assert "quiet" not in verifier_file.read_text()
    assert [p.name for p in verifier_file.parent.iterdir()] == [verifier_file.name]


def test_a_second_passphrase_never_replaces_the_first(verifier_file) -> None:
    journal("passphrase", verifier_file).set_passphrase("first")
    before = verifier_file.read_bytes()

    with pytest.raises(PassphraseAlreadySet):
        journal("passphrase", verifier_file).set_passphrase("second")
    assert verifier_file.read_bytes() == before


def test_a_damaged_passphrase_file_is_reported_and_left_alone(verifier_file) -> None:
    verifier_file.parent.mkdir(parents=True)
    verifier_file.write_text("{ not json")
    keys = journal("passphrase", verifier_file)

    status = keys.status()

    assert status.key_status is KeyStatus.ERROR
    assert str(verifier_file) in status.sentence
    assert not keys.unlock_with_passphrase("anything")
    with pytest.raises(PassphraseAlreadySet):
        keys.set_passphrase("anything")
    assert verifier_file.read_text() == "{ not json"


def test_a_passphrase_note_read_in_keyring_mode_says_which_key_it_needs(
    use_keyring, verifier_file
) -> None:
    use_keyring(MemoryKeyring())
    keys = journal("passphrase", verifier_file)
    keys.set_passphrase("a quiet morning")
    blob = keys.cipher().encrypt("note", context=CONTEXT)  # type: ignore[union-attr]

    keys.set_mode(NotesMode.KEYRING)
    cipher = keys.cipher()
    assert cipher is not None
    with pytest.raises(NoteUnreadable) as caught:
        cipher.decrypt(blob, context=CONTEXT)
    assert "passphrase" in keys.explain(caught.value)


def test_a_damaged_note_is_explained_as_damage(verifier_file) -> None:
    keys = journal("off", verifier_file)
    cipher = NoteCipher(b"k" * 32)
    blob = bytearray(cipher.encrypt("note", context=CONTEXT))
    blob[-1] ^= 0xFF
    with pytest.raises(NoteUnreadable) as caught:
        cipher.decrypt(bytes(blob), context=CONTEXT)
    assert "damaged" in keys.explain(caught.value)


def test_an_unknown_mode_is_refused(verifier_file) -> None:
    with pytest.raises(ValueError):
        JournalKeys("plaintext", verifier_file=verifier_file)
