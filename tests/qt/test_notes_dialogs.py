"""Where notes live, asked plainly: the choice when the keyring can't help, the passphrase prompt.

A real `JournalKeys` with a temporary passphrase file; the keyring is a fake handed to keyring
itself (`keyring.set_keyring`), so the dialogs go through the same calls as against a real one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.core
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from focusapp.store.secrets import JournalKeys, KeyStatus, NotesMode
from focusapp.ui.notes_dialogs import NotesChoiceDialog, PassphrasePrompt

# The offscreen platform warns about window-manager calls it cannot honour (size hints, raise).
pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")

CONTEXT = b"urge:1:note"


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring that records every call; locked until `unlocked` is set."""

    priority = 5  # type: ignore[assignment]

    def __init__(self, *, unlocked: bool = True) -> None:
        super().__init__()
        self.unlocked = unlocked
        self.stored: dict[tuple[str, str], str] = {}
        self.calls: list[str] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.calls.append("get")
        if not self.unlocked:
            raise KeyringLocked("Failed to unlock the collection!")
        return self.stored.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append("set")
        self.stored[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        del self.stored[(service, username)]


# keyring registers every concrete backend class for its auto-detection; this fake must never be
# picked by a test that relies on detection, so take it out of the registry.
KeyringBackend._classes.discard(MemoryKeyring)  # type: ignore[attr-defined]


@pytest.fixture
def locked_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    # Registers the current value (usually "not detected yet") for restoring at teardown.
    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.core._keyring_backend)
    backend = MemoryKeyring(unlocked=False)
    keyring.set_keyring(backend)
    yield backend


@pytest.fixture
def verifier_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal-passphrase.json"


@pytest.fixture
def keys(locked_keyring: MemoryKeyring, verifier_file: Path) -> JournalKeys:
    return JournalKeys(NotesMode.KEYRING, verifier_file=verifier_file)


def open_choice(qtbot, keys: JournalKeys) -> NotesChoiceDialog:
    dialog = NotesChoiceDialog(keys)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def open_prompt(qtbot, keys: JournalKeys) -> PassphrasePrompt:
    prompt = PassphrasePrompt(keys)
    qtbot.addWidget(prompt)
    prompt.show()
    qtbot.waitExposed(prompt)
    return prompt


def type_passphrases(qtbot, dialog: NotesChoiceDialog, first: str, second: str) -> None:
    qtbot.mouseClick(dialog.passphrase_button, Qt.MouseButton.LeftButton)
    assert dialog.asking_for_passphrase
    qtbot.keyClicks(dialog.first, first)
    qtbot.keyClicks(dialog.second, second)


def round_trips(keys: JournalKeys) -> bool:
    cipher = keys.cipher()
    if cipher is None:
        return False
    return (
        cipher.decrypt(cipher.encrypt("my phone", context=CONTEXT), context=CONTEXT) == "my phone"
    )


def test_a_locked_keyring_is_said_plainly_and_the_choices_are_offered(qtbot, keys) -> None:
    assert keys.status().offer_fallback
    dialog = open_choice(qtbot, keys)

    assert "is locked" in dialog.sentence.text()
    assert "Keep notes off:" in dialog.off_means.text()
    assert "Use a passphrase:" in dialog.passphrase_means.text()
    for button in (dialog.off_button, dialog.passphrase_button, dialog.retry_button):
        assert button.isVisible() and button.accessibleName()
    assert dialog.off_button.isDefault()
    assert dialog.focusWidget() is dialog.off_button
    assert dialog.styleSheet() == ""  # the palette's own colours: no red anywhere


def test_enter_keeps_notes_off(qtbot, keys) -> None:
    dialog = open_choice(qtbot, keys)

    with qtbot.waitSignal(dialog.mode_chosen) as chosen:
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    assert chosen.args == [NotesMode.OFF]
    assert dialog.chosen is NotesMode.OFF
    assert not dialog.dismissed  # a real choice, for the app to keep
    assert keys.mode is NotesMode.OFF
    assert keys.status().key_status is KeyStatus.OFF
    assert keys.cipher() is None
    assert not dialog.isVisible()


@pytest.mark.parametrize("how", ["escape", "close"])
def test_dismissing_keeps_notes_off_for_this_run_only(qtbot, keys, how: str) -> None:
    dialog = open_choice(qtbot, keys)

    with qtbot.waitSignal(dialog.mode_chosen) as chosen:
        if how == "escape":
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        else:
            dialog.close()

    assert chosen.args == [NotesMode.OFF]
    assert dialog.dismissed
    assert keys.mode is NotesMode.OFF
    assert keys.cipher() is None


def test_a_chosen_passphrase_protects_notes_now_and_after_a_restart(
    qtbot, keys, locked_keyring, verifier_file
) -> None:
    dialog = open_choice(qtbot, keys)
    type_passphrases(qtbot, dialog, "tea and rain", "tea and rain")

    with qtbot.waitSignal(dialog.mode_chosen) as chosen:
        qtbot.keyClick(dialog.second, Qt.Key.Key_Return)

    assert chosen.args == [NotesMode.PASSPHRASE]
    assert keys.mode is NotesMode.PASSPHRASE
    assert keys.status().notes_usable
    assert round_trips(keys)
    assert verifier_file.exists()
    assert dialog.first.text() == dialog.second.text() == ""  # not left lying in a widget
    assert locked_keyring.calls == ["get"]  # the keyring was asked once, never written

    restarted = JournalKeys(NotesMode.PASSPHRASE, verifier_file=verifier_file)
    assert restarted.unlock_with_passphrase("tea and rain")
    assert restarted.key_id() == keys.key_id()


def test_a_short_passphrase_is_refused_calmly(qtbot, keys, verifier_file) -> None:
    dialog = open_choice(qtbot, keys)
    type_passphrases(qtbot, dialog, "seven77", "seven77")

    with qtbot.assertNotEmitted(dialog.mode_chosen):
        qtbot.mouseClick(dialog.protect_button, Qt.MouseButton.LeftButton)

    assert "at least 8 characters" in dialog.passphrase_hint.text()
    assert dialog.isVisible() and dialog.asking_for_passphrase
    assert not verifier_file.exists()
    assert keys.mode is NotesMode.KEYRING


def test_passphrases_that_differ_are_refused(qtbot, keys, verifier_file) -> None:
    dialog = open_choice(qtbot, keys)
    type_passphrases(qtbot, dialog, "tea and rain", "tea and rian")

    with qtbot.assertNotEmitted(dialog.mode_chosen):
        qtbot.keyClick(dialog.second, Qt.Key.Key_Return)

    assert "don't match" in dialog.passphrase_hint.text()
    assert dialog.second.text() == ""
    assert dialog.focusWidget() is dialog.second
    assert dialog.first.text() == "tea and rain"
    assert not verifier_file.exists()
    assert keys.cipher() is None


def test_enter_after_the_first_field_moves_on_to_the_second(qtbot, keys, verifier_file) -> None:
    dialog = open_choice(qtbot, keys)
    qtbot.mouseClick(dialog.passphrase_button, Qt.MouseButton.LeftButton)
    assert dialog.focusWidget() is dialog.first

    qtbot.keyClicks(dialog.first, "tea and rain")
    qtbot.keyClick(dialog.first, Qt.Key.Key_Return)

    assert dialog.focusWidget() is dialog.second
    assert dialog.isVisible()
    assert not verifier_file.exists()


def test_escape_while_choosing_a_passphrase_steps_back_to_the_choices(qtbot, keys) -> None:
    dialog = open_choice(qtbot, keys)
    qtbot.mouseClick(dialog.passphrase_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.first, "half typed")

    with qtbot.assertNotEmitted(dialog.mode_chosen):
        qtbot.keyClick(dialog.first, Qt.Key.Key_Escape)

    assert dialog.isVisible() and not dialog.asking_for_passphrase
    assert dialog.focusWidget() is dialog.off_button
    assert keys.mode is NotesMode.KEYRING


def test_trying_the_keyring_again_works_once_it_is_unlocked(qtbot, keys, locked_keyring) -> None:
    dialog = open_choice(qtbot, keys)

    with qtbot.assertNotEmitted(dialog.mode_chosen):
        qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    assert "Still not reachable" in dialog.retry_hint.text()
    assert dialog.isVisible()

    locked_keyring.unlocked = True
    with qtbot.waitSignal(dialog.mode_chosen) as chosen:
        qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)

    assert chosen.args == [NotesMode.KEYRING]
    assert round_trips(keys)
    assert ("focusapp", "journal-key") in locked_keyring.stored


def test_an_earlier_passphrase_is_typed_again_never_replaced(qtbot, keys, verifier_file) -> None:
    earlier = JournalKeys(NotesMode.PASSPHRASE, verifier_file=verifier_file)
    earlier.set_passphrase("an older choice")
    before = verifier_file.read_bytes()
    dialog = open_choice(qtbot, keys)
    qtbot.mouseClick(dialog.passphrase_button, Qt.MouseButton.LeftButton)
    assert not dialog.second.isVisible()

    qtbot.keyClicks(dialog.first, "a newer choice")
    with qtbot.assertNotEmitted(dialog.mode_chosen):
        qtbot.keyClick(dialog.first, Qt.Key.Key_Return)
    assert "not the passphrase" in dialog.passphrase_hint.text()

    dialog.first.clear()
    qtbot.keyClicks(dialog.first, "an older choice")
    with qtbot.waitSignal(dialog.mode_chosen) as chosen:
        qtbot.keyClick(dialog.first, Qt.Key.Key_Return)

    assert chosen.args == [NotesMode.PASSPHRASE]
    assert keys.key_id() == earlier.key_id()
    assert verifier_file.read_bytes() == before


@pytest.fixture
def passphrase_keys(verifier_file: Path, locked_keyring: MemoryKeyring) -> JournalKeys:
    JournalKeys(NotesMode.PASSPHRASE, verifier_file=verifier_file).set_passphrase("tea and rain")
    restarted = JournalKeys(NotesMode.PASSPHRASE, verifier_file=verifier_file)
    assert restarted.status().key_status is KeyStatus.LOCKED
    return restarted


def test_the_right_passphrase_unlocks_notes_for_this_run(qtbot, passphrase_keys) -> None:
    prompt = open_prompt(qtbot, passphrase_keys)
    assert prompt.focusWidget() is prompt.field
    assert prompt.unlock_button.isDefault()

    qtbot.keyClicks(prompt.field, "tea and rain")
    with qtbot.waitSignal(prompt.unlocked):
        qtbot.keyClick(prompt.field, Qt.Key.Key_Return)

    assert prompt.is_unlocked
    assert prompt.result() == PassphrasePrompt.DialogCode.Accepted
    assert round_trips(passphrase_keys)
    assert prompt.field.text() == ""


def test_a_wrong_passphrase_gets_a_calm_word_and_the_prompt_stays(qtbot, passphrase_keys) -> None:
    prompt = open_prompt(qtbot, passphrase_keys)

    qtbot.keyClicks(prompt.field, "coffee and sun")
    with qtbot.assertNotEmitted(prompt.unlocked):
        qtbot.keyClick(prompt.field, Qt.Key.Key_Return)

    assert "not the passphrase" in prompt.hint.text()
    assert prompt.isVisible() and not prompt.is_unlocked
    assert passphrase_keys.cipher() is None


def test_an_empty_passphrase_is_not_tried(qtbot, passphrase_keys) -> None:
    prompt = open_prompt(qtbot, passphrase_keys)

    qtbot.keyClick(prompt.field, Qt.Key.Key_Return)

    assert prompt.hint.text() == "Type your passphrase first."
    assert prompt.isVisible()


@pytest.mark.parametrize("how", ["button", "escape"])
def test_not_now_leaves_notes_locked_and_says_what_that_means(
    qtbot, passphrase_keys, how: str
) -> None:
    prompt = open_prompt(qtbot, passphrase_keys)
    assert "notes you type meanwhile are not kept" in prompt.later_means.text()

    with qtbot.assertNotEmitted(prompt.unlocked):
        if how == "button":
            qtbot.mouseClick(prompt.later_button, Qt.MouseButton.LeftButton)
        else:
            qtbot.keyClick(prompt.field, Qt.Key.Key_Escape)

    assert not prompt.isVisible() and not prompt.is_unlocked
    assert prompt.result() == PassphrasePrompt.DialogCode.Rejected
    assert passphrase_keys.cipher() is None
    assert passphrase_keys.status().key_status is KeyStatus.LOCKED


def test_every_control_has_a_name_for_assistive_technology(qtbot, keys, passphrase_keys) -> None:
    for dialog in (open_choice(qtbot, keys), open_prompt(qtbot, passphrase_keys)):
        for button in dialog.findChildren(QPushButton):
            assert button.accessibleName(), button.text()
        for label in dialog.findChildren(QLabel):
            assert "!" not in label.text()  # calm words: nothing shouted
