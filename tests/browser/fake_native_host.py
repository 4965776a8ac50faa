"""A stand-in for `focusapp native-host` that Chromium launches in the extension tests.

It speaks the real frame protocol, answers `get_policy` with the JSON in `policy.json` (read per
request, so a test changes the policy by rewriting the file), `get_prompt` with `prompt.json`,
and acknowledges the rest; every message it receives is appended to `received.jsonl`, and its
pid is written to `pid`. The folder is the first argument baked into the launcher script.
"""

from __future__ import annotations

import json
import os
import struct
import sys
from pathlib import Path
from typing import Any

PREFIX = struct.Struct("=I")


def _read(stream: Any, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            break
        data += chunk
    return data


def answer(folder: Path, message: dict[str, Any]) -> dict[str, Any]:
    kind = message.get("type")
    reply: dict[str, Any] = {}
    if kind == "get_policy":
        reply = json.loads((folder / "policy.json").read_text("utf-8"))
    elif kind == "get_prompt":
        reply = json.loads((folder / "prompt.json").read_text("utf-8"))
    return {**reply, "type": kind, "ok": True, "id": message.get("id")}


def main(folder: Path) -> int:
    (folder / "pid").write_text(str(os.getpid()))
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        prefix = _read(stdin, PREFIX.size)
        if len(prefix) < PREFIX.size:
            return 0
        message = json.loads(_read(stdin, PREFIX.unpack(prefix)[0]))
        with (folder / "received.jsonl").open("a", encoding="utf-8") as log:
            log.write(json.dumps(message) + "\n")
        payload = json.dumps(answer(folder, message)).encode()
        stdout.write(PREFIX.pack(len(payload)) + payload)
        stdout.flush()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
