"""The `focusapp` command: runs the tray app, or drives the running one over the local socket.

The client commands must answer fast, so this module imports no Qt: only `focusapp` with no
command loads the app (and with it PySide6).

Exit codes: 0 ok, 1 error, 2 usage, 3 app not running, 4 refused by a rule.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from datetime import datetime
from typing import Any

from focusapp import __version__

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_NOT_RUNNING, EXIT_REFUSED = 0, 1, 2, 3, 4

NOT_RUNNING = (
    "Focusapp is not running. Start it with `focusapp` (or from your applications menu), "
    "then try again."
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse exits 2 on usage errors: keep that
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"focusapp: {message}\n")


def _minutes_arg(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of minutes") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of minutes")
    return value


def build_parser() -> argparse.ArgumentParser:
    from focusapp.bridge.browser_manifests import EXTENSION_KINDS, Browser

    parser = _Parser(
        prog="focusapp",
        description="Focus sessions, app and site limits, and a pause before the urge to check "
        "for likes. With no command, runs the tray app in the foreground.",
    )
    parser.add_argument("--version", action="version", version=f"focusapp {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    start = sub.add_parser("start", help="start a focus session")
    start.add_argument(
        "minutes", nargs="?", type=_minutes_arg, help="focus length (default: settings)"
    )
    start.add_argument("--profile", help="the profile whose apps and sites are blocked")
    start.add_argument(
        "--strict",
        action="store_true",
        default=None,
        help="no pause or stop until it ends (emergency exit aside)",
    )
    start.add_argument("--cycles", type=int, help="how many focus periods, with breaks between")

    sub.add_parser("stop", help="stop the session (refused in strict mode, exit 4)")
    sub.add_parser("pause", help="pause the session (refused in strict mode, exit 4)")
    sub.add_parser("resume", help="resume a paused session")
    sub.add_parser("skip-break", help="end the current break and focus now")
    status = sub.add_parser("status", help="the current session")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    journal = sub.add_parser("journal", help="your journal of urges and reflections")
    journal_sub = journal.add_subparsers(
        dest="journal_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    jexport = journal_sub.add_parser(
        "export", help="write the journal as JSON or CSV (works without the app running)"
    )
    jexport.add_argument("--format", choices=("json", "csv"), default="json")
    jexport.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    usage = sub.add_parser("usage", help="today's time per app and site, and each limit")
    usage.add_argument("--json", action="store_true", help="machine-readable output")
    usage.add_argument("--date", help="another day, as YYYY-MM-DD")

    browser = sub.add_parser("browser", help="connect the browser extension")
    actions = browser.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=_Parser
    )
    for action, text in (
        ("install", "register the native host with your browsers"),
        ("uninstall", "remove Focusapp's native host registrations"),
    ):
        choice = actions.add_parser(action, help=text)
        choice.add_argument(
            "--browser", choices=[str(b) for b in Browser], help="only this browser (default: all)"
        )
    path = actions.add_parser("path", help="print the extension folder to load unpacked")
    path.add_argument("--browser", choices=EXTENSION_KINDS, default="chromium")
    native = sub.add_parser("native-host", help="what browsers start (native messaging on stdio)")
    native.add_argument("browser_args", nargs="*", help="what the browser passes; ignored")
    return parser


def _describe(status: dict[str, Any]) -> str:
    state = status.get("state")
    if state == "idle":
        return "Not in a focus session."
    what = "Focus" if state == "focus" else f"{(status.get('break_kind') or 'short').title()} break"
    parts = [what]
    if status.get("cycles", 1) > 1:
        parts[0] += f" {status.get('cycle')} of {status.get('cycles')}"
    remaining = float(status.get("remaining_s") or 0)
    minutes, seconds = divmod(int(remaining + 0.5), 60)
    if status.get("paused"):
        parts.append(f"paused with {minutes}:{seconds:02d} left")
    else:
        parts.append(f"{minutes}:{seconds:02d} left")
        if status.get("ends_at"):
            local = datetime.fromisoformat(status["ends_at"]).astimezone()
            parts.append(f"until {local:%H:%M}")
    if status.get("profile"):
        parts.append(f"profile {status['profile']}")
    if status.get("strict"):
        parts.append("strict")
    return " · ".join(parts)


def _journal_export(fmt: str, output: str | None) -> int:
    """Reads the database directly (read-only) and the keyring for notes; no app needed."""
    import sqlite3
    from pathlib import Path

    from focusapp.core.journal_export import to_csv, to_json
    from focusapp.core.prompts import PromptLibrary
    from focusapp.store.database import Database
    from focusapp.store.journal_store import JournalStore
    from focusapp.store.paths import AppPaths
    from focusapp.store.secrets import JournalKeys, NotesMode

    paths = AppPaths.from_environment()
    db_file = paths.database_file
    if not db_file.exists():
        print(f"focusapp: there is no journal yet (no database at {db_file}).", file=sys.stderr)
        return EXIT_ERROR
    try:
        conn = sqlite3.connect(f"{db_file.as_uri()}?mode=ro", uri=True, timeout=5.0)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as e:
        print(f"focusapp: could not read the journal at {db_file} ({e}).", file=sys.stderr)
        return EXIT_ERROR
    if version < 2:
        conn.close()
        print("focusapp: the database has no journal yet.", file=sys.stderr)
        return EXIT_ERROR
    keys = JournalKeys(NotesMode.KEYRING, verifier_file=paths.data_dir / "journal-passphrase.json")
    library = PromptLibrary.bundled("en")
    store = JournalStore(
        Database(conn, db_file),
        keys.cipher,
        keys.explain,
        no_key=lambda: keys.status().sentence,
        prompt_text=lambda pid: library.get(pid).text if pid in library else None,
    )
    try:
        entries = store.entries()
        text = to_csv(entries) if fmt == "csv" else to_json(entries, store.honest_log())
    except sqlite3.Error as e:
        print(f"focusapp: could not read the journal at {db_file} ({e}).", file=sys.stderr)
        return EXIT_ERROR
    finally:
        conn.close()
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        Path(output).write_text(text, encoding="utf-8", newline="")
    except OSError as e:
        print(f"focusapp: could not write {output} ({e.strerror}).", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def _keyring_probe() -> int:
    from focusapp.store.secrets import KeyringKeyStore, KeyStatus

    state = KeyringKeyStore().state()
    print("available" if state.status is KeyStatus.AVAILABLE else state.status.value)
    return EXIT_OK


def _minutes(seconds: float) -> str:
    minutes = int(seconds // 60)
    return f"{minutes} min" if minutes else f"{int(seconds)} s"


def _describe_usage(report: dict[str, Any]) -> str:
    lines = [f"Time in front of you on {report['date']}:"]
    shown = {**report.get("apps", {}), **report.get("sites", {})}
    for name, seconds in sorted(shown.items(), key=lambda kv: -kv[1]):
        lines.append(f"  {name:<28} {_minutes(seconds)}")
    for name, seconds in sorted(report.get("running_apps", {}).items(), key=lambda kv: -kv[1]):
        lines.append(f"  {name:<28} {_minutes(seconds)} running (not known to be in front)")
    if len(lines) == 1:
        lines.append("  nothing counted yet")
    for name, limit in sorted(report.get("limits", {}).items()):
        lines.append(
            f"{name}: {_minutes(limit['used_s'])} of {_minutes(limit['limit_s'])} used, "
            f"{_minutes(limit['left_s'])} left"
        )
    note = report.get("tracking", {}).get("note")
    if note:
        lines.append(note)
    return "\n".join(lines)


def _client(command: str, args: dict[str, Any], as_json: bool) -> int:
    from focusapp.bridge import ipc_client
    from focusapp.bridge.protocol import AppNotRunning, IpcError, RemoteError
    from focusapp.store.paths import AppPaths

    paths = AppPaths.from_environment()
    try:
        result = ipc_client.request(paths.socket_path, command, args)
    except AppNotRunning:
        print(NOT_RUNNING, file=sys.stderr)
        return EXIT_NOT_RUNNING
    except RemoteError as exc:
        print(f"focusapp: {exc.message}", file=sys.stderr)
        return exc.exit_status
    except IpcError as exc:
        print(f"focusapp: could not talk to the running app: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if as_json:
        print(json.dumps(result, indent=2, sort_keys=True))
    elif command == "usage":
        print(_describe_usage(result))
    else:
        print(_describe(result))
    return EXIT_OK


def _native_host(browser_args: list[str]) -> int:
    from focusapp.bridge import native_host
    from focusapp.store.paths import AppPaths

    paths = AppPaths.from_environment()
    files = native_host.NativeHostFiles(
        socket_path=paths.socket_path,
        cache_file=paths.native_cache_file,
        spool_file=paths.state_dir / native_host.SPOOL_FILE_NAME,
    )
    return native_host.main(browser_args, files)


def _browser(action: str, browser: str | None) -> int:
    from focusapp.bridge.browser_manifests import run_browser_command
    from focusapp.store.paths import AppPaths

    return run_browser_command(action, browser, AppPaths.from_environment().data_dir)


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    # Browsers pass arguments of their own (an origin, `--parent-window=`): they are not ours to
    # parse, and skipping the parser keeps the browser's first answer fast.
    if argv[:1] == ["native-host"] and argv[1:2] not in (["-h"], ["--help"]):
        return _native_host(argv[1:])
    if argv == ["_keyring-probe"]:  # the tray app asks this in a child process; not for typing
        return _keyring_probe()
    args = build_parser().parse_args(argv)
    if args.command is None:
        from focusapp.app import run

        return run()
    if args.command == "start":
        payload: dict[str, Any] = {"source": "cli"}
        if args.minutes is not None:
            payload["minutes"] = args.minutes
        for key in ("profile", "strict", "cycles"):
            if getattr(args, key) is not None:
                payload[key] = getattr(args, key)
        return _client("start", payload, as_json=False)
    if args.command == "browser":
        return _browser(args.action, args.browser)
    if args.command == "journal":
        return _journal_export(args.format, args.output)
    if args.command == "usage":
        return _client("usage", {"date": args.date} if args.date else {}, as_json=args.json)
    command = args.command.replace("-", "_")
    return _client(command, {}, as_json=getattr(args, "json", False))


if __name__ == "__main__":
    sys.exit(main())
