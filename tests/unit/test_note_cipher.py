"""Note encryption at rest: what a reader can tell apart, and what it refuses to decrypt."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focusapp.store.note_cipher import (
    KEY_ID_SIZE,
    MIN_BLOB_SIZE,
    NoteCipher,
    NoteUnreadable,
    PassphraseVerifier,
    UnreadableReason,
    blob_key_id,
    derive_key,
    key_id_of,
    new_key,
)

CONTEXT = b"urge:7:note"
# Cheap scrypt for tests that only care about behaviour, not cost.
FAST = {"n": 2**10, "r": 8, "p": 1}


def test_a_note_round_trips_and_its_text_is_not_in_the_blob() -> None:
    cipher = NoteCipher(new_key())
    blob = cipher.encrypt("I wanted to see if anyone liked the photo", context=CONTEXT)

    assert b"liked" not in blob
    assert cipher.decrypt(blob, context=CONTEXT) == "I wanted to see if anyone liked the photo"


def test_the_same_note_encrypts_differently_each_time() -> None:
    cipher = NoteCipher(new_key())
    assert cipher.encrypt("same", context=CONTEXT) != cipher.encrypt("same", context=CONTEXT)


def test_decrypt_accepts_the_memoryview_sqlite_can_return() -> None:
    cipher = NoteCipher(new_key())
    blob = cipher.encrypt("note", context=CONTEXT)
    assert cipher.decrypt(memoryview(blob), context=CONTEXT) == "note"  # type: ignore[arg-type]


def test_a_tampered_ciphertext_byte_is_reported_corrupt() -> None:
    cipher = NoteCipher(new_key())
    blob = bytearray(cipher.encrypt("a note", context=CONTEXT))
    blob[-3] ^= 0x01

    with pytest.raises(NoteUnreadable) as caught:
        cipher.decrypt(bytes(blob), context=CONTEXT)
    assert caught.value.reason is UnreadableReason.CORRUPT


@given(position=st.integers(min_value=0), flip=st.integers(min_value=1, max_value=255))
def test_any_changed_byte_makes_the_note_unreadable(position: int, flip: int) -> None:
    cipher = NoteCipher(b"k" * 32)
    blob = bytearray(cipher.encrypt("a note", context=CONTEXT))
    position %= len(blob)
    blob[position] ^= flip

    with pytest.raises(NoteUnreadable) as caught:
        cipher.decrypt(bytes(blob), context=CONTEXT)
    # Only an edited key id reads as "another key"; everything else is damage.
    in_key_id = 1 <= position < 1 + KEY_ID_SIZE
    expected = UnreadableReason.WRONG_KEY if in_key_id else UnreadableReason.CORRUPT
    assert caught.value.reason is expected


def test_a_note_written_with_another_key_is_told_apart_from_a_corrupt_one() -> None:
    writer = NoteCipher(new_key())
    blob = writer.encrypt("a note", context=CONTEXT)

    with pytest.raises(NoteUnreadable) as caught:
        NoteCipher(new_key()).decrypt(blob, context=CONTEXT)
    assert caught.value.reason is UnreadableReason.WRONG_KEY
    assert caught.value.key_id == writer.key_id == blob_key_id(blob)


def test_a_note_moved_to_another_row_does_not_decrypt() -> None:
    cipher = NoteCipher(new_key())
    blob = cipher.encrypt("for row 7", context=b"urge:7:note")

    with pytest.raises(NoteUnreadable) as caught:
        cipher.decrypt(blob, context=b"urge:8:note")
    assert caught.value.reason is UnreadableReason.CORRUPT


@pytest.mark.parametrize(
    "blob",
    [b"", b"\x01", b"\x01" + bytes(MIN_BLOB_SIZE - 2), b"\x02" + bytes(MIN_BLOB_SIZE + 10)],
    ids=["empty", "one-byte", "truncated", "unknown-version"],
)
def test_blobs_this_module_never_wrote_are_corrupt(blob: bytes) -> None:
    with pytest.raises(NoteUnreadable) as caught:
        NoteCipher(new_key()).decrypt(blob, context=CONTEXT)
    assert caught.value.reason is UnreadableReason.CORRUPT
    assert blob_key_id(blob) is None


@given(text=st.text(), context=st.binary(max_size=64))
def test_any_text_round_trips(text: str, context: bytes) -> None:
    cipher = NoteCipher(b"\x42" * 32)
    assert cipher.decrypt(cipher.encrypt(text, context=context), context=context) == text


def test_a_key_must_be_256_bits() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        NoteCipher(b"short")


def test_the_key_id_is_a_short_fingerprint_not_the_key() -> None:
    key = new_key()
    assert len(key_id_of(key)) == KEY_ID_SIZE
    assert key_id_of(key) not in key
    assert NoteCipher(key).key_id == key_id_of(key)


def test_derived_keys_depend_on_passphrase_and_salt() -> None:
    salt = b"s" * 16
    key = derive_key("correct horse", salt, **FAST)

    assert len(key) == 32
    assert derive_key("correct horse", salt, **FAST) == key
    assert derive_key("correct horse", b"t" * 16, **FAST) != key
    assert derive_key("correct horsf", salt, **FAST) != key


def test_the_default_scrypt_cost_is_the_designed_one() -> None:
    salt = b"s" * 16
    assert derive_key("pw", salt) == derive_key("pw", salt, n=2**15, r=8, p=1)
    assert derive_key("pw", salt) != derive_key("pw", salt, **FAST)


def test_the_verifier_accepts_the_right_passphrase_and_rejects_a_wrong_one() -> None:
    verifier, key = PassphraseVerifier.create("correct horse")

    assert verifier.key_for("correct horse") == key
    assert verifier.key_for("correct horse ") is None
    assert verifier.key_for("") is None
    assert verifier.key_id == key_id_of(key)
    assert (verifier.n, verifier.r, verifier.p) == (2**15, 8, 1)


def test_the_verifier_survives_a_trip_through_its_file_format() -> None:
    verifier, key = PassphraseVerifier.create("pässwörd ✓", **FAST)
    text = verifier.to_json()

    assert "pässwörd" not in text
    restored = PassphraseVerifier.from_json(text)
    assert restored == verifier
    assert restored.key_for("pässwörd ✓") == key


def test_an_empty_passphrase_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        PassphraseVerifier.create("")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "[]",
        '{"version": 2, "kdf": "scrypt"}',
        '{"version": 1, "kdf": "scrypt", "salt": "zz", "n": 1024, "r": 8, "p": 1, "check": "00"}',
        '{"version": 1, "kdf": "scrypt", "salt": "00", "n": -1, "r": 8, "p": 1, "check": "00"}',
        '{"version": 1, "kdf": "scrypt", "salt": "00", "n": 1024, "r": 8, "p": 1, "check": "00"}',
    ],
    ids=["empty", "list", "future-version", "bad-hex", "negative-cost", "short-check"],
)
def test_a_damaged_verifier_file_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        PassphraseVerifier.from_json(text)
