"""Where the journal's note key lives: the OS keyring, a passphrase, or nowhere (notes off).

The keyring is used only through a backend that really protects secrets: keyring's fail and null
backends, plaintext files (keyrings.alt) and anything keyring itself ranks "not recommended"
(priority below 1) are refused, so a missing or broken keyring never turns into notes kept in
the clear. Every failure ends in a `KeyStatus` and a sentence the app can show as it is; the app
then offers the choice the user makes: notes off, or a passphrase asked once per start.
Nothing is read at construction: the keyring is first touched when the app asks for the status
or the cipher, and the answer is kept (`retry()` asks again, say after the user unlocked it).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import os
import sys
import tempfile
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from focusapp.core.phrases import Phrase, phrase
from focusapp.store.note_cipher import (
    KEY_SIZE,
    NoteCipher,
    NoteUnreadable,
    PassphraseVerifier,
    UnreadableReason,
    key_id_of,
    new_key,
)

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

DEFAULT_SERVICE = "focusapp"
DEFAULT_USERNAME = "journal-key"


class KeyStatus(Enum):
    AVAILABLE = "available"  # a key is at hand: notes can be written and read
    NO_BACKEND = "no_backend"  # no keyring that protects secrets (none, or only plaintext ones)
    LOCKED = "locked"  # the keyring (or the passphrase) is there but not unlocked
    ERROR = "error"  # the keyring answered with an error; the sentence says which
    NOT_SET_UP = "not_set_up"  # passphrase mode, but no passphrase was chosen yet
    OFF = "off"  # the user chose to keep no notes


class NotesMode(Enum):
    """The user's choice of where the note key comes from (a setting the app stores)."""

    KEYRING = "keyring"
    PASSPHRASE = "passphrase"
    OFF = "off"


@dataclass(frozen=True)
class KeyState:
    status: KeyStatus
    words: Phrase  # what to tell the user, worded in their language by the UI
    backend_name: str | None = None  # where the key lives (or would live), for the UI

    @property
    def sentence(self) -> str:
        """`words` in English (logs, the CLI)."""
        return str(self.words)


@dataclass(frozen=True)
class JournalStatus:
    """Everything the UI needs to say where notes stand and what the user can do about it."""

    mode: NotesMode
    key_status: KeyStatus
    words: Phrase  # where notes stand, worded in the user's language by the UI
    backend_name: str | None
    # Keyring mode without a usable keyring: offer "keep notes off" or "use a passphrase".
    offer_fallback: bool

    @property
    def sentence(self) -> str:
        """`words` in English (logs, the CLI)."""
        return str(self.words)

    @property
    def notes_usable(self) -> bool:
        return self.key_status is KeyStatus.AVAILABLE


class PassphraseAlreadySet(Exception):
    """A passphrase exists: replacing it would strand every note written with the old one."""


_WITH_FALLBACK_HINT = phrase(
    "Notes", "{problem} You can keep notes off, or protect them with a passphrase instead."
)


def _no_keyring_sentence() -> Phrase:
    if sys.platform.startswith("linux"):
        return phrase(
            "Notes",
            "No system keyring was found (no Secret Service on the session bus), so your notes' "
            "key can't be kept there.",
        )
    return phrase("Notes", "No system keyring was found, so your notes' key can't be kept there.")


def _locked_sentence(backend_name: str) -> Phrase:
    return phrase(
        "Notes",
        "Your keyring ({keyring}) is locked, so your notes can't be read or written. "
        "Unlock it and try again.",
    )(keyring=backend_name)


class KeyringKeyStore:
    """The journal key, kept base64-encoded in the OS keyring and created on first use."""

    def __init__(
        self,
        service: str = DEFAULT_SERVICE,
        username: str = DEFAULT_USERNAME,
        backend: KeyringBackend | None = None,
    ) -> None:
        self.service = service
        self.username = username
        self._given_backend = backend
        self._backend: KeyringBackend | None = None  # the backend that worked, once one did
        self._state: KeyState | None = None
        self._key: bytes | None = None

    def state(self) -> KeyState:
        if self._state is None:
            self._state = self._resolve()
        return self._state

    def key(self) -> bytes | None:
        return self._key if self.state().status is KeyStatus.AVAILABLE else None

    def retry(self) -> KeyState:
        """Forget a failure and ask the keyring again."""
        if self._key is None:
            self._state = None
        return self.state()

    def _resolve(self) -> KeyState:
        choice = self._choose_backend()
        if isinstance(choice, KeyState):
            return choice
        backend = choice
        name = backend_display_name(backend)
        try:
            stored = backend.get_password(self.service, self.username)
            if stored is None:
                stored = base64.b64encode(new_key()).decode("ascii")
                backend.set_password(self.service, self.username, stored)
                # Some backends accept a write and keep nothing; never trust a key we can't read.
                if backend.get_password(self.service, self.username) != stored:
                    return KeyState(
                        KeyStatus.ERROR,
                        phrase(
                            "Notes",
                            "Your keyring ({keyring}) accepted the notes' key but did not keep it.",
                        )(keyring=name),
                        name,
                    )
        except Exception as exc:  # a keyring backend may raise anything; the app must not crash
            return _state_for_error(exc, name)
        try:
            key = base64.b64decode(stored, validate=True)
        except (binascii.Error, ValueError):
            key = b""
        if len(key) != KEY_SIZE:
            # Not ours, or damaged: leave it for the user to inspect rather than overwrite it.
            return KeyState(
                KeyStatus.ERROR,
                phrase(
                    "Notes",
                    "The notes' key in your keyring ({keyring}) is damaged, so notes can't be "
                    "read. It was left as it is.",
                )(keyring=name),
                name,
            )
        self._backend = backend
        self._key = key
        return KeyState(
            KeyStatus.AVAILABLE,
            phrase("Notes", "Your notes' key is kept in {keyring}.")(keyring=name),
            name,
        )

    def _choose_backend(self) -> KeyringBackend | KeyState:
        """The best backend that protects secrets, or the state saying why there is none."""
        if self._backend is not None:
            return self._backend
        try:
            candidates = _candidates(self._given_backend)
        except Exception as exc:  # a broken keyringrc.cfg or plugin raises at detection
            return KeyState(
                KeyStatus.ERROR,
                phrase("Notes", "Your keyring settings could not be loaded: {error}.")(
                    error=_detail(exc)
                ),
            )
        refused: tuple[_Verdict, str] | None = None
        for candidate in candidates:
            verdict = _verdict(candidate)
            if verdict is _Verdict.USABLE:
                return candidate
            if verdict is not _Verdict.NOTHING and refused is None:
                refused = (verdict, backend_display_name(candidate))
        if refused is None:
            return KeyState(KeyStatus.NO_BACKEND, _no_keyring_sentence())
        verdict, name = refused
        if verdict is _Verdict.PLAINTEXT:
            words = phrase(
                "Notes",
                "The only keyring found ({keyring}) keeps secrets unencrypted, so your notes' "
                "key is not kept there.",
            )
        else:
            words = phrase(
                "Notes",
                "The only keyring found ({keyring}) is not a safe place for secrets (keyring "
                "itself does not recommend it), so your notes' key is not kept there.",
            )
        return KeyState(KeyStatus.NO_BACKEND, words(keyring=name), name)


def _candidates(given: KeyringBackend | None) -> list[KeyringBackend]:
    import keyring
    from keyring.backends.chainer import ChainerBackend

    backend = given if given is not None else keyring.get_keyring()
    if isinstance(backend, ChainerBackend):
        # The chainer falls through to the next backend when one fails, plaintext ones included;
        # pick a single acceptable backend from its list (already best first) instead.
        return list(backend.backends)
    return [backend]


class _Verdict(Enum):
    USABLE = "usable"
    NOTHING = "nothing"  # fail/null backends, or one that is not viable here
    PLAINTEXT = "plaintext"
    NOT_RECOMMENDED = "not_recommended"


def _verdict(backend: KeyringBackend) -> _Verdict:
    cls = type(backend)
    module = cls.__module__
    if module.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return _Verdict.NOTHING
    lowered = cls.__name__.lower()
    if "plaintext" in lowered or "unencrypted" in lowered or "uncrypted" in lowered:
        return _Verdict.PLAINTEXT
    try:
        priority = float(backend.priority)
    except Exception:  # keyring's convention: priority raises when the backend can't work here
        return _Verdict.NOTHING
    # keyring's own rule: below 1 is "not recommended" (keyrings.alt's file backends, say).
    return _Verdict.USABLE if priority >= 1 else _Verdict.NOT_RECOMMENDED


def _state_for_error(exc: BaseException, name: str) -> KeyState:
    from keyring.errors import InitError, KeyringLocked, NoKeyringError

    if isinstance(exc, KeyringLocked) or _is_secretstorage(exc, "LockedException"):
        return KeyState(KeyStatus.LOCKED, _locked_sentence(name), name)
    if _is_secretstorage(exc, "PromptDismissedException"):
        # The unlock prompt was dismissed, or could not be shown (no display).
        return KeyState(KeyStatus.LOCKED, _locked_sentence(name), name)
    if isinstance(exc, NoKeyringError) or _is_secretstorage(
        exc, "SecretServiceNotAvailableException"
    ):
        return KeyState(KeyStatus.NO_BACKEND, _no_keyring_sentence(), name)
    if isinstance(exc, InitError):
        return KeyState(
            KeyStatus.ERROR,
            phrase("Notes", "Your keyring ({keyring}) could not be opened: {error}.")(
                keyring=name, error=_detail(exc)
            ),
            name,
        )
    return KeyState(
        KeyStatus.ERROR,
        phrase("Notes", "Focusapp could not use your keyring ({keyring}): {error}.")(
            keyring=name, error=_detail(exc)
        ),
        name,
    )


def _is_secretstorage(exc: BaseException, class_name: str) -> bool:
    # secretstorage only exists on Linux; compare by name so other platforms never import it.
    return any(
        c.__module__.startswith("secretstorage") and c.__name__ == class_name
        for c in type(exc).__mro__
    )


def _detail(exc: BaseException) -> str:
    text = str(exc).strip().rstrip(".")
    return text or type(exc).__name__


_KNOWN_BACKENDS = {
    "keyring.backends.libsecret.Keyring": "the Secret Service (libsecret)",
    "keyring.backends.kwallet.DBusKeyring": "KWallet",
    "keyring.backends.kwallet.DBusKeyringKWallet4": "KWallet",
    "keyring.backends.Windows.WinVaultKeyring": "Windows Credential Manager",
    "keyring.backends.macOS.Keyring": "the macOS Keychain",
}


def backend_display_name(backend: KeyringBackend) -> str:
    """A name for the UI: "GNOME Keyring (Secret Service)", "KWallet", "the macOS Keychain"."""
    cls = type(backend)
    qualified = f"{cls.__module__}.{cls.__qualname__}"
    if qualified == "keyring.backends.SecretService.Keyring":
        provider = _secret_service_provider()
        return f"{provider} (Secret Service)" if provider else "the Secret Service"
    if qualified in _KNOWN_BACKENDS:
        return _KNOWN_BACKENDS[qualified]
    try:
        return str(cls.name)  # keyring's classproperty
    except Exception:
        return cls.__qualname__


_PROVIDERS = {
    "gnome-keyring-d": "GNOME Keyring",  # /proc/<pid>/comm is cut at 15 characters
    "kwalletd5": "KWallet",
    "kwalletd6": "KWallet",
    "ksecretd": "KWallet",
    "keepassxc": "KeePassXC",
}


def _secret_service_provider() -> str | None:
    """Which program answers for the Secret Service, so the UI can name it; None if unknown."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        from jeepney.bus_messages import message_bus  # type: ignore[import-untyped]
        from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]

        with open_dbus_connection(bus="SESSION") as connection:
            reply = connection.send_and_get_reply(
                message_bus.GetConnectionUnixProcessID("org.freedesktop.secrets"), timeout=2
            )
        pid = int(reply.body[0])
        command = Path(f"/proc/{pid}/comm").read_text(encoding="utf-8").strip()
    except Exception:  # only a nicer name is at stake
        return None
    return _PROVIDERS.get(command)


class JournalKeys:
    """The facade the app uses: which key protects notes now, and what to tell the user."""

    def __init__(
        self,
        mode: NotesMode | str,
        *,
        verifier_file: Path,
        keyring_store: KeyringKeyStore | None = None,
    ) -> None:
        self._mode = NotesMode(mode)
        self._verifier_file = verifier_file
        self._keyring = keyring_store if keyring_store is not None else KeyringKeyStore()
        self._passphrase_key: bytes | None = None  # kept for this run only, never written

    @property
    def mode(self) -> NotesMode:
        return self._mode

    def set_mode(self, mode: NotesMode | str) -> None:
        self._mode = NotesMode(mode)

    def status(self) -> JournalStatus:
        if self._mode is NotesMode.OFF:
            return JournalStatus(
                self._mode,
                KeyStatus.OFF,
                phrase(
                    "Notes",
                    "Notes are off: nothing you type is saved. The rest of your journal is kept.",
                ),
                None,
                offer_fallback=False,
            )
        if self._mode is NotesMode.PASSPHRASE:
            state = self._passphrase_state()
            return JournalStatus(self._mode, state.status, state.words, None, False)
        state = self._keyring.state()
        unusable = state.status is not KeyStatus.AVAILABLE
        words = _WITH_FALLBACK_HINT(problem=state.words) if unusable else state.words
        return JournalStatus(self._mode, state.status, words, state.backend_name, unusable)

    def retry(self) -> JournalStatus:
        """Ask the keyring again (for a "Try again" button after unlocking it)."""
        if self._mode is NotesMode.KEYRING:
            self._keyring.retry()
        return self.status()

    def cipher(self) -> NoteCipher | None:
        key = self._current_key()
        return NoteCipher(key) if key is not None else None

    def key_id(self) -> bytes | None:
        """The fingerprint of the key notes are written with now; None when there is none."""
        key = self._current_key()
        return key_id_of(key) if key is not None else None

    def has_passphrase(self) -> bool:
        return self._verifier_file.exists()

    def set_passphrase(self, passphrase: str) -> None:
        """Chooses the passphrase the first time; notes are unlocked for this run right away."""
        if self._verifier_file.exists():
            raise PassphraseAlreadySet(f"a passphrase is already set ({self._verifier_file})")
        verifier, key = PassphraseVerifier.create(passphrase)
        _write_private(self._verifier_file, verifier.to_json())
        self._passphrase_key = key

    def unlock_with_passphrase(self, passphrase: str) -> bool:
        verifier = self._load_verifier()
        if verifier is None:
            return False
        key = verifier.key_for(passphrase)
        if key is None:
            return False
        self._passphrase_key = key
        return True

    def explain(self, error: NoteUnreadable) -> str:
        """What to show in place of a note that can't be read, in English (the CLI)."""
        return str(self.explain_words(error))

    def explain_words(self, error: NoteUnreadable) -> Phrase:
        """What to show in place of a note that can't be read; the rest of the journal shows."""
        if error.reason is UnreadableReason.CORRUPT:
            return phrase(
                "Notes", "This note is damaged and can't be read. The rest of your journal is fine."
            )
        verifier = self._load_verifier() if self.has_passphrase() else None
        if (
            self._mode is not NotesMode.PASSPHRASE
            and verifier is not None
            and error.key_id is not None
            and error.key_id == verifier.key_id
        ):
            return phrase(
                "Notes",
                "This note was protected with your passphrase. Switch notes to it to read it.",
            )
        if self._mode is NotesMode.PASSPHRASE:
            return phrase(
                "Notes",
                "This note was written with another key (your keyring, or an earlier "
                "passphrase), so it can't be read. The rest of your journal is fine.",
            )
        return phrase(
            "Notes",
            "This note was written with a key that is no longer in your keyring, so it can't "
            "be read. The rest of your journal is fine.",
        )

    def _current_key(self) -> bytes | None:
        if self._mode is NotesMode.KEYRING:
            return self._keyring.key()
        if self._mode is NotesMode.PASSPHRASE:
            return self._passphrase_key
        return None

    def _passphrase_state(self) -> KeyState:
        if self._passphrase_key is not None:
            return KeyState(
                KeyStatus.AVAILABLE, phrase("Notes", "Your notes are protected by your passphrase.")
            )
        if not self._verifier_file.exists():
            return KeyState(
                KeyStatus.NOT_SET_UP,
                phrase(
                    "Notes",
                    "Choose a passphrase to protect your notes. "
                    "You'll type it once each time Focusapp starts.",
                ),
            )
        if self._load_verifier() is None:
            return KeyState(
                KeyStatus.ERROR,
                phrase(
                    "Notes",
                    "The passphrase file {path} is damaged, so notes can't be unlocked. It was "
                    "left as it is.",
                )(path=str(self._verifier_file)),
            )
        return KeyState(
            KeyStatus.LOCKED, phrase("Notes", "Type your passphrase to read and write notes.")
        )

    def _load_verifier(self) -> PassphraseVerifier | None:
        try:
            return PassphraseVerifier.from_json(self._verifier_file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return None


def _write_private(path: Path, text: str) -> None:
    """Atomically, readable by the user only: a half-written salt would lose every note."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
