"""Encrypts journal notes at rest (AES-256-GCM) and derives keys from passphrases (scrypt).

A blob is `version (1 byte) | key id (8 bytes) | nonce (12 bytes) | ciphertext + GCM tag`.
The key id (the first 8 bytes of SHA-256 of the key) lets a reader tell "this note was written
with another key" from "this note is damaged" without guessing. The header and the caller's
context (for example b"urge:42:note") are authenticated as associated data, so a blob copied
onto another row, or with its header edited, does not decrypt.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from enum import Enum
from typing import Any

# cryptography is imported where it is used: it costs several MB of resident memory, and most
# runs of the app never encrypt a note.

KEY_SIZE = 32
KEY_ID_SIZE = 8
NONCE_SIZE = 12
TAG_SIZE = 16
BLOB_VERSION = 1
_HEADER_SIZE = 1 + KEY_ID_SIZE + NONCE_SIZE
MIN_BLOB_SIZE = _HEADER_SIZE + TAG_SIZE

SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
SALT_SIZE = 16

# The verifier's check blob: decrypting it proves the passphrase without touching any note.
_VERIFIER_TEXT = "focusapp journal passphrase check"
_VERIFIER_CONTEXT = b"focusapp:passphrase-verifier"


class UnreadableReason(Enum):
    WRONG_KEY = "wrong_key"  # written with a key we do not hold (lost, replaced, other passphrase)
    CORRUPT = "corrupt"  # damaged, truncated, unknown format, or moved to another row


class NoteUnreadable(Exception):
    """A note that can't be decrypted: `reason` says why, `key_id` which key wrote it (if known)."""

    def __init__(self, reason: UnreadableReason | str, key_id: bytes | None = None) -> None:
        self.reason = UnreadableReason(reason)
        self.key_id = key_id
        super().__init__(self.reason.value)


def key_id_of(key: bytes) -> bytes:
    """The public fingerprint of a key: safe to store, it reveals nothing usable about the key."""
    return hashlib.sha256(key).digest()[:KEY_ID_SIZE]


def blob_key_id(blob: bytes) -> bytes | None:
    """Which key wrote `blob`, or None when it is not a blob this module wrote."""
    if len(blob) < MIN_BLOB_SIZE or blob[0] != BLOB_VERSION:
        return None
    return bytes(blob[1 : 1 + KEY_ID_SIZE])


def new_key() -> bytes:
    return os.urandom(KEY_SIZE)


class NoteCipher:
    """Encrypts and decrypts note text with one 256-bit key."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_SIZE:
            raise ValueError(f"a journal key is {KEY_SIZE} bytes, not {len(key)}")
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._aead = AESGCM(key)
        self._key_id = key_id_of(key)

    @property
    def key_id(self) -> bytes:
        return self._key_id

    def encrypt(self, text: str, *, context: bytes) -> bytes:
        # A random 96-bit nonce per note: at a few notes a day, collisions are out of reach.
        nonce = os.urandom(NONCE_SIZE)
        header = bytes([BLOB_VERSION]) + self._key_id + nonce
        sealed = self._aead.encrypt(nonce, text.encode("utf-8"), header + context)
        return header + sealed

    def decrypt(self, blob: bytes, *, context: bytes) -> str:
        blob = bytes(blob)  # sqlite3 may hand back a memoryview
        if len(blob) < MIN_BLOB_SIZE or blob[0] != BLOB_VERSION:
            raise NoteUnreadable(UnreadableReason.CORRUPT)
        written_with = blob[1 : 1 + KEY_ID_SIZE]
        if not hmac.compare_digest(written_with, self._key_id):
            raise NoteUnreadable(UnreadableReason.WRONG_KEY, written_with)
        from cryptography.exceptions import InvalidTag

        header, sealed = blob[:_HEADER_SIZE], blob[_HEADER_SIZE:]
        nonce = header[1 + KEY_ID_SIZE :]
        try:
            plain = self._aead.decrypt(nonce, sealed, header + context)
            return plain.decode("utf-8")
        except (InvalidTag, UnicodeDecodeError):
            raise NoteUnreadable(UnreadableReason.CORRUPT, written_with) from None


def derive_key(
    passphrase: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P
) -> bytes:
    """A 256-bit key from a passphrase with scrypt (about 32 MiB and a tenth of a second)."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=KEY_SIZE, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


@dataclass(frozen=True)
class PassphraseVerifier:
    """What it takes to check a passphrase and re-derive its key: salt, scrypt cost, a check blob.

    Nothing in it helps an attacker more than the notes themselves would: guessing still costs
    one scrypt per try.
    """

    salt: bytes
    check: bytes
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P

    @classmethod
    def create(
        cls, passphrase: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P
    ) -> tuple[PassphraseVerifier, bytes]:
        """A new salt for `passphrase`; returns the verifier and the derived key."""
        if not passphrase:
            raise ValueError("an empty passphrase protects nothing")
        salt = os.urandom(SALT_SIZE)
        key = derive_key(passphrase, salt, n=n, r=r, p=p)
        check = NoteCipher(key).encrypt(_VERIFIER_TEXT, context=_VERIFIER_CONTEXT)
        return cls(salt=salt, check=check, n=n, r=r, p=p), key

    def key_for(self, passphrase: str) -> bytes | None:
        """The key when `passphrase` is the right one, else None."""
        key = derive_key(passphrase, self.salt, n=self.n, r=self.r, p=self.p)
        try:
            NoteCipher(key).decrypt(self.check, context=_VERIFIER_CONTEXT)
        except NoteUnreadable:
            return None
        return key

    @property
    def key_id(self) -> bytes | None:
        return blob_key_id(self.check)

    def to_json(self) -> str:
        return json.dumps(
            {
                "version": 1,
                "kdf": "scrypt",
                "salt": self.salt.hex(),
                "n": self.n,
                "r": self.r,
                "p": self.p,
                "check": self.check.hex(),
            },
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str) -> PassphraseVerifier:
        """Raises ValueError when the text is not a verifier this module wrote."""
        try:
            data: Any = json.loads(text)
            if not isinstance(data, dict) or data.get("version") != 1 or data["kdf"] != "scrypt":
                raise ValueError("not a version 1 scrypt verifier")
            n, r, p = data["n"], data["r"], data["p"]
            if not all(type(v) is int and v > 0 for v in (n, r, p)):
                raise ValueError("scrypt parameters must be positive integers")
            verifier = cls(
                salt=bytes.fromhex(data["salt"]), check=bytes.fromhex(data["check"]), n=n, r=r, p=p
            )
        except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as exc:
            raise ValueError(f"not a passphrase verifier: {exc}") from exc
        if not verifier.salt or blob_key_id(verifier.check) is None:
            raise ValueError("not a passphrase verifier: empty salt or check")
        return verifier
