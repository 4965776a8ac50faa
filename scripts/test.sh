#!/usr/bin/env bash
# Runs every check Focusapp has, on this machine or a fresh Debian/Ubuntu one:
#
#   bash scripts/test.sh [pytest arguments...]
#
# 1. installs what the checks need (scripts/setup-system.sh --test: apt packages and .venv);
# 2. ruff check, ruff format --check, lint-imports, mypy focusapp/core (stops at the first failure);
# 3. starts a private headless desktop: Xvfb, the openbox window manager and a trayer system tray;
# 4. runs the whole pytest suite inside a private D-Bus session with an unlocked gnome-keyring,
#    with DISPLAY pointing at that desktop, so integration tests click a real tray icon.
#
# Screenshots and logs land in artifacts/. The exit code is pytest's (5, "no tests", is a failure
# too). Every background process is stopped on exit, including on Ctrl-C.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

step() { printf '\n==> %s\n' "$*"; }
fail() {
  printf '[test] %s\n' "$*" >&2
  exit 1
}

# Runs "$@" until it succeeds, for at most $timeout seconds, as long as process $pid lives.
wait_for() {
  local what="$1" timeout="$2" pid="$3" log="$4"
  shift 4
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$log" >&2 || true
      fail "$what: the process died (log: $log)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 20 "$log" >&2 || true
      fail "$what: not ready after ${timeout}s (log: $log)"
    fi
    sleep 0.2
  done
}

# ------------------------------------------------------------------ inside the D-Bus session
# Second half of this script: dbus-run-session re-runs it with this flag, so that the keyring
# daemon and pytest share the private session bus.
if [[ "${1-}" == "--in-dbus-session" ]]; then
  shift
  : "${FOCUSAPP_TEST_WORK:?set by the outer run}" "${FOCUSAPP_ARTIFACTS:?set by the outer run}"
  keyring_log="$FOCUSAPP_ARTIFACTS/desktop/gnome-keyring.log"
  # Its own data and runtime folders: a fresh "login" keyring with a known password, never the
  # user's real one.
  printf test | env XDG_DATA_HOME="$FOCUSAPP_TEST_WORK/keyring-data" \
    XDG_RUNTIME_DIR="$FOCUSAPP_TEST_WORK/runtime" \
    gnome-keyring-daemon --foreground --unlock --components=secrets >"$keyring_log" 2>&1 &
  keyring_pid=$!
  trap 'kill "$keyring_pid" 2>/dev/null || true' EXIT

  # Ours must own the name before anything asks for it; otherwise D-Bus activation would start
  # a second, locked daemon that answers instead.
  owns_secret_service() {
    local reply
    reply="$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets)"
    [[ "$(awk '/uint32/ {print $2}' <<<"$reply")" == "$keyring_pid" ]]
  }
  wait_for "gnome-keyring on the session bus" 30 "$keyring_pid" "$keyring_log" owns_secret_service
  secret_service_works() {
    printf probe | timeout 10 secret-tool store --label='focusapp test probe' focusapp-test probe &&
      [[ "$(timeout 10 secret-tool lookup focusapp-test probe)" == probe ]] &&
      timeout 10 secret-tool clear focusapp-test probe
  }
  wait_for "Secret Service (gnome-keyring)" 30 "$keyring_pid" "$keyring_log" secret_service_works

  step "pytest $*"
  status=0
  python -m pytest --junitxml="$FOCUSAPP_ARTIFACTS/junit.xml" "$@" || status=$?
  if ((status == 5)); then
    printf '[test] pytest collected no tests: that is a failure, not a pass.\n' >&2
  fi
  exit "$status"
fi

# ------------------------------------------------------------------ setup and static checks
step "setup (system packages, .venv)"
bash scripts/setup-system.sh --test
export PATH="$repo/.venv/bin:$PATH"

step "ruff check"
ruff check .
step "ruff format --check"
ruff format --check .
step "lint-imports"
lint-imports
step "mypy focusapp/core"
mypy focusapp/core

# ------------------------------------------------------------------ headless desktop
step "headless desktop (Xvfb, openbox, trayer)"
artifacts="$repo/artifacts"
rm -rf "$artifacts"
mkdir -p "$artifacts/desktop"
work="$(mktemp -d "${TMPDIR:-/tmp}/focusapp-test.XXXXXX")"
mkdir -p "$work/config" "$work/cache" "$work/keyring-data" "$work/runtime"
chmod 700 "$work/runtime"

# Each background process leads its own process group (setsid), so cleanup also reaches what it
# spawned: the keyring daemon, pytest, and any app a failing test left behind.
groups=()
cleanup() {
  local group
  for group in "${groups[@]}"; do
    kill -TERM -- "-$group" 2>/dev/null || true
  done
  sleep 0.3
  for group in "${groups[@]}"; do
    kill -KILL -- "-$group" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The desktop's own settings live in $work, so a developer's openbox or trayer setup can't leak in.
desktop_env=(env XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
  XDG_DATA_HOME="$work/keyring-data" XDG_RUNTIME_DIR="$work/runtime")

# -displayfd picks a free display number and reports it once the server accepts connections.
setsid Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset \
  3>"$work/display" >"$artifacts/desktop/xvfb.log" 2>&1 &
xvfb_pid=$!
groups+=("$xvfb_pid")
wait_for "Xvfb" 30 "$xvfb_pid" "$artifacts/desktop/xvfb.log" test -s "$work/display"
DISPLAY=":$(cat "$work/display")"
export DISPLAY
wait_for "X server on $DISPLAY" 30 "$xvfb_pid" "$artifacts/desktop/xvfb.log" xdpyinfo
# A slate desktop and a near-black tray: a screenshot shows at a glance where the tray is.
xsetroot -solid '#5b6578'
# No screen saver kicking in during a long run: a blanked screen counts as a locked one.
xset s off

setsid "${desktop_env[@]}" openbox --sm-disable --config-file /etc/xdg/openbox/rc.xml \
  >"$artifacts/desktop/openbox.log" 2>&1 &
openbox_pid=$!
groups+=("$openbox_pid")
wm_running() { xprop -root _NET_SUPPORTING_WM_CHECK | grep -q 'window id'; }
wait_for "window manager (openbox)" 30 "$openbox_pid" "$artifacts/desktop/openbox.log" wm_running

# 200 px wide and 160 px from the right edge, so a menu opening at the icon fits on its right
# and both stay visible. Tint only applies to a "transparent" trayer: it paints the strip dark.
setsid "${desktop_env[@]}" trayer --edge top --align right --margin 160 \
  --widthtype pixel --width 200 --heighttype pixel --height 32 \
  --transparent true --alpha 0 --tint 0x1e1e1e --iconspacing 4 --padding 4 \
  --SetDockType true --SetPartialStrut true \
  >"$artifacts/desktop/trayer.log" 2>&1 &
trayer_pid=$!
groups+=("$trayer_pid")
wait_for "system tray (trayer owning _NET_SYSTEM_TRAY_S0)" 30 "$trayer_pid" \
  "$artifacts/desktop/trayer.log" python -m tests.integration.x11 check
python -m tests.integration.x11 check

# ------------------------------------------------------------------ the test suite
export FOCUSAPP_TEST_WORK="$work" FOCUSAPP_ARTIFACTS="$artifacts"
setsid "${desktop_env[@]}" dbus-run-session -- bash "$repo/scripts/test.sh" --in-dbus-session "$@" &
session_pid=$!
groups+=("$session_pid")
status=0
wait "$session_pid" || status=$?
exit "$status"
