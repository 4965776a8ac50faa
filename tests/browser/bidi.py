"""A small WebDriver BiDi client: commands with replies, and events handed to subscribers.

Firefox speaks BiDi on its remote-debugging port. One thread reads the websocket and settles
waiting commands; events go through a queue to a second thread, so a handler may itself send
commands (answering an intercepted request does) without stalling the reader it depends on.
"""

from __future__ import annotations

import itertools
import json
import queue
import threading
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

Handler = Callable[[dict[str, Any]], None]


class BidiError(RuntimeError):
    """The browser answered a command with an error, or the connection went away."""


class _Waiter:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.reply: dict[str, Any] = {}


class BidiConnection:
    def __init__(self, url: str) -> None:
        self._stack = ExitStack()
        # No proxy: the browser is on this machine, whatever the environment says.
        self._socket = self._stack.enter_context(
            connect(url, proxy=None, max_size=None, compression=None, open_timeout=10)
        )
        self._ids = itertools.count(1)
        self._waiting: dict[int, _Waiter] = {}
        self._handlers: dict[str, list[Handler]] = {}
        self._lock = threading.Lock()
        self._events: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._closed = False
        self.handler_errors: list[BaseException] = []
        self._reader = threading.Thread(target=self._read, name="bidi-reader", daemon=True)
        self._dispatcher = threading.Thread(target=self._dispatch, name="bidi-events", daemon=True)
        self._reader.start()
        self._dispatcher.start()

    def on(self, method: str, handler: Handler) -> None:
        """Calls `handler(params)` for each `method` event (after a `session.subscribe`)."""
        with self._lock:
            self._handlers.setdefault(method, []).append(handler)

    def command(self, method: str, params: dict[str, Any], timeout_s: float = 30) -> Any:
        """Sends a command and returns its `result`; raises BidiError for an error reply."""
        waiter = _Waiter()
        with self._lock:
            if self._closed:
                raise BidiError(f"{method}: the connection is closed")
            command_id = next(self._ids)
            self._waiting[command_id] = waiter
            self._socket.send(json.dumps({"id": command_id, "method": method, "params": params}))
        if not waiter.done.wait(timeout_s):
            with self._lock:
                self._waiting.pop(command_id, None)
            raise BidiError(f"{method}: no reply within {timeout_s} s")
        reply = waiter.reply
        if reply.get("type") == "error":
            raise BidiError(f"{method}: {reply.get('error')}: {reply.get('message')}")
        return reply.get("result", {})

    def close(self) -> None:
        self._stack.close()
        self._reader.join(5)
        self._dispatcher.join(5)

    def _read(self) -> None:
        try:
            for raw in self._socket:
                message = json.loads(raw)
                if "id" in message and message.get("type") != "event":
                    with self._lock:
                        waiter = self._waiting.pop(message["id"], None)
                    if waiter is not None:
                        waiter.reply = message
                        waiter.done.set()
                elif message.get("type") == "event":
                    self._events.put(message)
        except ConnectionClosed:
            pass  # the browser quit: the waiters are told below
        finally:
            with self._lock:
                self._closed = True
                waiting, self._waiting = self._waiting, {}
            for waiter in waiting.values():
                waiter.reply = {"type": "error", "error": "closed", "message": "browser went away"}
                waiter.done.set()
            self._events.put(None)

    def _dispatch(self) -> None:
        while (event := self._events.get()) is not None:
            with self._lock:
                handlers = list(self._handlers.get(event["method"], ()))
            for handler in handlers:
                try:
                    handler(event["params"])
                except BaseException as exc:  # kept for the test to see, never lost silently
                    self.handler_errors.append(exc)
