"""The journal's note encryption against a real Secret Service (gnome-keyring on D-Bus).

`scripts/test.sh` runs pytest inside a private `dbus-run-session` whose gnome-keyring was
unlocked with a known password, so these tests never see the user's own keyring. Each test keeps
its key under a service name of its own (`focusapp-test-...`) and removes it afterwards, so even
a run on a real desktop touches nothing but its own items.

The locked keyring is a real one too: a second gnome-keyring in a nested `dbus-run-session`,
unlocked, given a key, then locked through the Secret Service API (gnome-keyring does allow
relocking). It runs in a session of its own rather than locking the shared one because unlocking
needs a prompt: with a display, gnome-keyring would put up a dialog that no one answers, and a
relocked shared keyring would break every test after this one. Without a display the prompt
cannot be shown, so the unlock request is dismissed at once, as on a headless machine.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring.core
import pytest

from focusapp.store.note_cipher import key_id_of
from focusapp.store.secrets import JournalKeys, KeyringKeyStore, KeyStatus, NotesMode
from tests.integration import keyring_scenarios as scenarios
from tests.integration.keyring_scenarios import ANSWER, NOTE, journal_db, read_urges, write_urge

pytestmark = pytest.mark.keyring

REPO = Path(__file__).resolve().parents[2]
RUN_THE_SUITE = "bash scripts/test.sh"
ALLOW_SKIP_ENV = "FOCUSAPP_ALLOW_SKIP_KEYRING"
_problem_key = pytest.StashKey[str | None]()


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _secret_service_problem() -> str | None:
    """Why the session bus has no usable Secret Service, or None when it has one."""
    if not sys.platform.startswith("linux"):
        return "the Secret Service is a Linux desktop service"
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return "DBUS_SESSION_BUS_ADDRESS is not set, so there is no session bus"
    if shutil.which("secret-tool") is None:
        return "secret-tool is not installed (Debian package libsecret-tools)"
    try:
        owner = scenarios._owner_pid("org.freedesktop.secrets")
    except Exception as exc:
        return f"the session bus can't be reached ({exc})"
    if owner is None:
        return "nothing owns org.freedesktop.secrets on the session bus"
    import secretstorage

    connection = secretstorage.dbus_init()
    try:
        if secretstorage.get_default_collection(connection).is_locked():
            return "the default keyring collection is locked"
    except secretstorage.exceptions.SecretStorageException as exc:
        return f"the Secret Service has no default collection ({exc})"
    finally:
        connection.close()
    return None


def _require(request: pytest.FixtureRequest, problem: str | None, needs: str) -> None:
    if problem is None:
        return
    message = f"this test needs {needs} ({problem}). Run the suite with `{RUN_THE_SUITE}`"
    if os.environ.get(ALLOW_SKIP_ENV) == "1" and not _in_ci():
        pytest.skip(f"{message}; skipped because {ALLOW_SKIP_ENV}=1")
    pytest.fail(message, pytrace=False)


@pytest.fixture
def secret_service(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unlocked Secret Service on the session bus, found by keyring's own detection."""
    config = request.config
    if _problem_key not in config.stash:
        config.stash[_problem_key] = _secret_service_problem()
    _require(
        request,
        config.stash[_problem_key],
        "an unlocked Secret Service (gnome-keyring) on the session bus",
    )
    # Detect afresh: another test may have set keyring's backend; no env override either.
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)


@pytest.fixture
def service_name(secret_service: None) -> Iterator[str]:
    name = f"focusapp-test-{uuid.uuid4().hex[:12]}"
    yield name
    _secret_tool("clear", name)


def _secret_tool(action: str, service: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["secret-tool", action, "service", service, "username", "journal-key"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def _keys(service: str, tmp_path: Path) -> JournalKeys:
    """What the app builds at each start: nothing shared with an earlier start."""
    return JournalKeys(
        NotesMode.KEYRING,
        verifier_file=tmp_path / "journal-passphrase.json",
        keyring_store=KeyringKeyStore(service=service),
    )


def _bytes_on_disk(database: Path) -> dict[str, bytes]:
    files = [database, Path(f"{database}-wal"), Path(f"{database}-journal")]
    return {f.name: f.read_bytes() for f in files if f.exists()}


def test_the_note_key_is_created_in_the_secret_service(service_name: str, tmp_path: Path) -> None:
    keys = _keys(service_name, tmp_path)

    status = keys.status()

    assert status.key_status is KeyStatus.AVAILABLE, status.sentence
    assert status.backend_name == "GNOME Keyring (Secret Service)"
    assert "GNOME Keyring" in status.sentence
    lookup = _secret_tool("lookup", service_name)
    assert lookup.returncode == 0, lookup.stderr
    key = base64.b64decode(lookup.stdout.strip(), validate=True)
    assert len(key) == 32
    assert keys.key_id() == key_id_of(key)


def test_a_note_is_unreadable_on_disk_and_readable_after_a_restart(
    service_name: str, tmp_path: Path
) -> None:
    database = tmp_path / "journal.sqlite3"
    with journal_db(database) as connection:
        write_urge(connection, _keys(service_name, tmp_path), 1, ANSWER, NOTE)
        # Still open, so the row sits in the write-ahead log, not yet in the main file.
        while_open = _bytes_on_disk(database)
    after_close = _bytes_on_disk(database)

    assert while_open.get("journal.sqlite3-wal"), "expected the row in the WAL file"
    for name, content in (*while_open.items(), *after_close.items()):
        assert b"note-marker-5f3a" not in content, f"note text in plaintext in {name}"
    # The search itself works: the answer, stored in the clear on purpose, is found.
    assert b"answer-marker-91c2" in while_open["journal.sqlite3-wal"]
    assert b"answer-marker-91c2" in after_close["journal.sqlite3"]

    with journal_db(database) as connection:
        rows = read_urges(connection, _keys(service_name, tmp_path))
    assert [(row.answer, row.note, row.problem) for row in rows] == [(ANSWER, NOTE, None)]


def test_a_lost_key_leaves_its_notes_unreadable_and_the_rest_readable(
    service_name: str, tmp_path: Path
) -> None:
    database = tmp_path / "journal.sqlite3"
    with journal_db(database) as connection:
        write_urge(connection, _keys(service_name, tmp_path), 1, ANSWER, NOTE)
    cleared = _secret_tool("clear", service_name)
    assert cleared.returncode == 0, cleared.stderr
    assert _secret_tool("lookup", service_name).stdout == ""

    keys = _keys(service_name, tmp_path)
    with journal_db(database) as connection:
        write_urge(connection, keys, 2, "took a breath", "after the key was lost")
        rows = read_urges(connection, keys)

    lost, fresh = rows
    assert lost.answer == ANSWER
    assert lost.note is None
    assert lost.problem is not None
    assert lost.problem.startswith("wrong_key: ")
    assert "no longer in your keyring" in lost.problem
    assert (fresh.answer, fresh.note, fresh.problem) == (
        "took a breath",
        "after the key was lost",
        None,
    )


def _run_scenario(
    *args: str, env: dict[str, str], command_prefix: tuple[str, ...] = ()
) -> dict[str, Any]:
    result = subprocess.run(
        [*command_prefix, sys.executable, "-m", "tests.integration.keyring_scenarios", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    answer: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return answer


def _private_env(workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "DISPLAY"))}
    env.pop("WAYLAND_DISPLAY", None)
    env.pop("PYTHON_KEYRING_BACKEND", None)
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = workdir / "child-xdg" / variable.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[variable] = str(folder)
    runtime = workdir / "child-xdg" / "runtime"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    return env


def test_without_a_session_bus_notes_fall_back_to_a_passphrase_never_plaintext(
    tmp_path: Path,
) -> None:
    env = _private_env(tmp_path)
    env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={tmp_path / 'no-bus-here'}"

    first = _run_scenario("no-bus", str(tmp_path), env=env)

    assert first["keyring"] == {
        "mode": "keyring",
        "status": "no_backend",
        "sentence": (
            "No system keyring was found (no Secret Service on the session bus), so your notes' "
            "key can't be kept there. You can keep notes off, or protect them with a "
            "passphrase instead."
        ),
        "backend_name": None,
        "offer_fallback": True,
        "has_cipher": False,
    }
    assert first["before_passphrase"]["status"] == "not_set_up"
    assert first["passphrase"]["status"] == "available"
    # Nothing was written anywhere but the journal and the passphrase verifier.
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert written == ["data/journal-passphrase.json", "journal.sqlite3"]
    assert b"note-marker-5f3a" not in (tmp_path / "journal.sqlite3").read_bytes()

    restart = _run_scenario("no-bus-restart", str(tmp_path), env=env)

    assert restart["at_start"]["status"] == "locked"
    assert restart["at_start"]["sentence"] == "Type your passphrase to read and write notes."
    assert restart["rows_locked"] == [
        {"id": 1, "answer": ANSWER, "note": None, "problem": restart["at_start"]["sentence"]}
    ]
    assert restart["wrong_passphrase_accepted"] is False
    assert restart["right_passphrase_accepted"] is True
    assert restart["unlocked"]["status"] == "available"
    assert restart["rows"] == [{"id": 1, "answer": ANSWER, "note": NOTE, "problem": None}]


def test_a_locked_keyring_is_reported_and_its_key_is_kept(tmp_path: Path) -> None:
    missing = [t for t in ("dbus-run-session", "gnome-keyring-daemon") if not shutil.which(t)]
    _require_tools(missing)
    env = _private_env(tmp_path)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)

    answer = _run_scenario(
        "locked", str(tmp_path), env=env, command_prefix=("dbus-run-session", "--")
    )

    assert answer["unlocked"]["status"] == "available"
    assert answer["unlocked"]["backend_name"] == "GNOME Keyring (Secret Service)"
    assert answer["collection_locked"] is True
    locked = answer["locked"]
    assert locked["status"] == "locked"
    assert locked["has_cipher"] is False
    assert locked["offer_fallback"] is True
    assert locked["sentence"].startswith(
        "Your keyring (GNOME Keyring (Secret Service)) is locked, so your notes can't be read"
    )
    assert "passphrase" in locked["sentence"]
    assert answer["seconds_to_answer"] < 10
    assert answer["retry"] == "locked"
    assert answer["rows"] == [
        {"id": 1, "answer": ANSWER, "note": None, "problem": locked["sentence"]}
    ]
    assert answer["key_items"] == 1, "the locked key must not be replaced by a new one"
    assert answer["still_locked"] is True
    assert b"note-marker-5f3a" not in (tmp_path / "journal.sqlite3").read_bytes()


def _require_tools(missing: list[str]) -> None:
    if not missing:
        return
    message = f"this test needs {', '.join(missing)} (Debian packages dbus, gnome-keyring)"
    if os.environ.get(ALLOW_SKIP_ENV) == "1" and not _in_ci():
        pytest.skip(f"{message}; skipped because {ALLOW_SKIP_ENV}=1")
    pytest.fail(message, pytrace=False)


def _run_gated_test(**env_changes: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", ALLOW_SKIP_ENV)}
    env["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent/focusapp-no-bus"
    env.update(env_changes)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            f"{Path(__file__).relative_to(REPO)}::test_the_note_key_is_created_in_the_secret_service",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_without_a_secret_service_keyring_tests_fail_in_ci_and_say_how_to_run() -> None:
    result = _run_gated_test(CI="true", **{ALLOW_SKIP_ENV: "1"})

    assert result.returncode == 1, result.stdout
    assert "1 error" in result.stdout
    assert "needs an unlocked Secret Service" in result.stdout
    assert RUN_THE_SUITE in result.stdout


def test_without_a_secret_service_keyring_tests_skip_locally_only_when_asked() -> None:
    asked = _run_gated_test(**{ALLOW_SKIP_ENV: "1"})
    not_asked = _run_gated_test()

    assert asked.returncode == 0, asked.stdout
    assert "1 skipped" in asked.stdout
    assert not_asked.returncode == 1, not_asked.stdout
    assert "1 error" in not_asked.stdout
