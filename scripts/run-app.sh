#!/usr/bin/env bash
# Sets this machine up for Focusapp (system libraries, .venv) and runs the tray app in the
# foreground. Arguments go to the `focusapp` command: `bash scripts/run-app.sh status --json`.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$repo/scripts/setup-system.sh"
exec "$repo/.venv/bin/focusapp" "$@"
