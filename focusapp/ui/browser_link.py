"""The app's side of the browser companion: answers the `browser.*` commands the native host
relays, and reads back what the host kept while the app was not running.

Anything on the user's socket can send these, so every argument is checked here again.
"""

from __future__ import annotations

import fcntl
import json
import logging
import random
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from focusapp import __version__
from focusapp.core.activity import Activity, ActivityKind
from focusapp.core.allowances import Allowances
from focusapp.core.errors import InvalidRequest
from focusapp.core.friction_pacing import FrictionPacer
from focusapp.core.journal import Outcome, UrgeEntry, UrgeStore
from focusapp.core.prompts import PromptLibrary
from focusapp.core.usage import UsageLedger

log = logging.getLogger(__name__)

_MAX_SITE = 253
_MAX_TEXT = 2000
_SPOOL_MAX_BYTES = 4 * 1024 * 1024


_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}")
# How an urge from the browser ended: the block page's "back" and "allow", and "continue" from
# the in-page prompts (the comparison guard, after posting), which ask and then step aside.
_OUTCOMES = {"back": Outcome.RETURNED, "allow": Outcome.ALLOWED, "continue": Outcome.CONTINUED}
_PAGE_KINDS = {"feed", "own_profile", "notifications", "other_profile", "post", "other"}


def _site(args: dict[str, Any]) -> str:
    site = args.get("site")
    host = site.lower().removeprefix("www.") if isinstance(site, str) else ""
    if len(host) > _MAX_SITE or not _HOST.fullmatch(host):
        raise InvalidRequest("'site' must be a host name such as instagram.com.")
    return host


def _page_kind(args: dict[str, Any]) -> str | None:
    # A fixed vocabulary: free text here would sit unencrypted in the journal.
    value = args.get("page_kind")
    return value if value in _PAGE_KINDS else None


def _text(args: dict[str, Any], key: str) -> str | None:
    value = args.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > _MAX_TEXT:
        raise InvalidRequest(f"'{key}' must be a short text.")
    return value


def _number(args: dict[str, Any], key: str, low: float, high: float) -> float | None:
    value = args.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise InvalidRequest(f"'{key}' must be a number from {low:g} to {high:g}.")
    return float(value)


class BrowserLink:
    def __init__(
        self,
        *,
        policy: Callable[[], dict[str, Any]],
        ledger: UsageLedger,
        allowances: Allowances,
        urges: UrgeStore,
        prompts: Callable[[], PromptLibrary],
        pacer: FrictionPacer,
        session_id: Callable[[], str | None],
        save_pacing: Callable[[dict[str, Any]], None] = lambda _: None,
        rng: random.Random | None = None,
    ) -> None:
        self._policy = policy
        self._ledger = ledger
        self._allowances = allowances
        self._urges = urges
        self._prompts = prompts
        self._pacer = pacer
        self._save_pacing = save_pacing
        self._session_id = session_id
        self._rng = rng or random.Random()
        self._recent: list[str] = []

    def handlers(self) -> dict[str, Callable[[dict[str, Any]], dict[str, Any]]]:
        return {
            "browser.hello": lambda _: {"version": 1, "app": __version__},
            "browser.get_policy": lambda _: self._policy(),
            "browser.activity": self.activity,
            "browser.urge": self.urge,
            "browser.get_prompt": self.get_prompt,
        }

    def activity(self, args: dict[str, Any]) -> dict[str, Any]:
        site = _site(args)
        seconds = _number(args, "seconds", 0, 3600) or 0.0
        if args.get("active") is False:
            return {"recorded_s": 0.0}
        page = _page_kind(args)
        credited = self._ledger.add_reported(
            Activity(ActivityKind.SITE, site, title=page or ""), seconds
        )
        return {"recorded_s": round(credited, 1)}

    def urge(self, args: dict[str, Any], *, at: datetime | None = None) -> dict[str, Any]:
        site = _site(args)
        choice = args.get("choice")
        if choice not in _OUTCOMES:
            raise InvalidRequest("'choice' must be 'back', 'allow' or 'continue'.")
        minutes = _number(args, "minutes", 1, 240)
        if choice == "allow" and minutes is None:
            raise InvalidRequest("'allow' needs 'minutes'.")
        intention = _text(args, "intention")
        allowed_s = None
        if choice == "allow" and minutes and at is None:
            # Only a live answer opens the site: a spooled one is history, its minutes are gone.
            self._allowances.grant(Activity(ActivityKind.SITE, site), minutes)
            allowed_s = minutes * 60.0
        self._urges.record_urge(
            UrgeEntry(
                ts=at or datetime.now(UTC),
                trigger_kind=_text(args, "trigger") or "blocked_site",
                target_kind="site",
                target_name=site,
                outcome=_OUTCOMES[choice],
                page_kind=_page_kind(args),
                prompt_id=_text(args, "prompt_id"),
                answer=_text(args, "answer"),
                intention=intention,
                allowed_s=allowed_s,
                # A spooled answer belongs to no session running now.
                session_id=self._session_id() if at is None else None,
            )
        )
        return {"recorded": True}

    def get_prompt(self, args: dict[str, Any]) -> dict[str, Any]:
        trigger = _text(args, "trigger") or "blocked_site"
        _site(args)
        library = self._prompts()
        prompt = library.pick(trigger, self._recent, self._rng, hour=datetime.now().hour)
        self._recent = [*self._recent, prompt.id][-20:]
        pause = self._pacer.record_urge()
        self._save_pacing(self._pacer.to_state())
        return {
            "prompt": {"id": prompt.id, "text": prompt.text, "answers": list(prompt.answers)},
            "pause_s": pause.seconds,
            "pause_form": pause.form.value,
        }

    def ingest_spool(self, spool: Path) -> int:
        """Read back what the native host kept while the app was away; returns lines used.

        The file is emptied whatever it held: a damaged line is skipped, never read again."""
        try:
            handle = spool.open("r+", encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return 0
        except OSError as exc:
            log.warning("could not read the browser spool %s: %s", spool, exc)
            return 0
        used = 0
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                lines = handle.read(_SPOOL_MAX_BYTES).splitlines()
                for line in lines:
                    try:
                        record = json.loads(line)
                        message = record["message"]
                        received = datetime.fromisoformat(record["received_at"])
                        if received.tzinfo is None:
                            raise ValueError("a time without a zone")
                        if isinstance(message, dict) and message.get("type") == "urge":
                            self.urge(message, at=received)
                            used += 1
                        # Site time from while the app was away is not credited: the ledger
                        # only counts time it saw pass.
                    except (ValueError, InvalidRequest, KeyError, TypeError, AttributeError):
                        log.info("skipped a damaged line in the browser spool")
            finally:
                handle.seek(0)
                handle.truncate()
                fcntl.flock(handle, fcntl.LOCK_UN)
        return used
