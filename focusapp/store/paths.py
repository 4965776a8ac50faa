"""Where Focusapp keeps its files: computed once by the composition root, never at import time."""

from __future__ import annotations

import os
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "focusapp"


@dataclass(frozen=True)
class AppPaths:
    config_dir: Path
    data_dir: Path
    state_dir: Path
    runtime_dir: Path

    @classmethod
    def from_environment(cls) -> AppPaths:
        """Paths from platformdirs, so XDG_* variables relocate everything on Linux."""
        import platformdirs

        with warnings.catch_warnings():
            # Without XDG_RUNTIME_DIR platformdirs warns and falls back; `_runtime_dir` decides.
            warnings.simplefilter("ignore")
            runtime = _runtime_dir(platformdirs.user_runtime_dir(APP_NAME, appauthor=False))
        return cls(
            config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            state_dir=Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)),
            runtime_dir=runtime,
        )

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def last_good_config_file(self) -> Path:
        return self.state_dir / "config.last-good.toml"

    @property
    def database_file(self) -> Path:
        return self.data_dir / "focusapp.sqlite3"

    @property
    def socket_path(self) -> Path:
        return self.runtime_dir / "ipc.sock"

    @property
    def lock_file(self) -> Path:
        return self.runtime_dir / "instance.lock"

    @property
    def welcome_done_file(self) -> Path:
        """Present once the first-run welcome was shown and closed, whichever way."""
        return self.state_dir / "welcome-done"

    @property
    def native_cache_file(self) -> Path:
        return self.state_dir / "native-host-cache.json"

    def ensure(self) -> None:
        """Create the folders; the runtime folder is private to the user (0700)."""
        for d in (self.config_dir, self.data_dir, self.state_dir):
            d.mkdir(parents=True, exist_ok=True)
        self.runtime_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        if sys.platform != "win32":
            os.chmod(self.runtime_dir, 0o700)


def _runtime_dir(candidate: str) -> Path:
    path = Path(candidate)
    parent = path.parent
    # platformdirs names /run/user/<uid> even when it does not exist (no logind, containers).
    if sys.platform != "win32" and not (parent.is_dir() and os.access(parent, os.W_OK)):
        import tempfile  # only here: it pulls in shutil and lzma, slow for the CLI's start

        uid = os.getuid() if hasattr(os, "getuid") else 0
        return Path(tempfile.gettempdir()) / f"{APP_NAME}-{uid}"
    return path
