#!/usr/bin/env bash
# Prepares this machine for Focusapp: the system libraries Qt needs (plus, with --test, the X11
# desktop the integration tests drive), then a .venv with Focusapp installed in editable mode.
#
#   bash scripts/setup-system.sh          # to run the app
#   bash scripts/setup-system.sh --test   # to run the test suite
#
# Idempotent and quick when nothing changed: apt runs only for missing packages, pip only when
# pyproject.toml or the chosen extras changed since the last successful install.
# Environment: PYTHON (default python3) picks the interpreter the venv is made from.
set -euo pipefail

usage() {
  echo "usage: $0 [--test]" >&2
  exit 2
}

with_tests=0
case "${1-}" in
  "") ;;
  --test) with_tests=1 ;;
  *) usage ;;
esac
[[ $# -le 1 ]] || usage

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
python="${PYTHON:-python3}"

# What PySide6 loads on X11: the xcb platform plugin's libraries (as `ldd` lists them), OpenGL,
# fonts, D-Bus. Recommends stay on, so libgl1 brings Mesa's software renderer as well.
runtime_packages=(
  libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xinerama0
  libxcb-xkb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-randr0 libxcb-shape0
  libxcb-sync1 libxcb-xfixes0 libxcb-glx0 libxcb-util1 libx11-xcb1 libxkbcommon0
  libegl1 libgl1 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 fonts-dejavu-core
)
# A headless desktop for the integration tests: X server, window manager, tray host, input and
# screenshots, a Secret Service (gnome-keyring) on a private D-Bus session, GSettings with the
# GNOME schemas (the desktop's reduce-motion switch) and a notification daemon.
test_packages=(
  xvfb openbox trayer xdotool x11-utils x11-apps x11-xserver-utils imagemagick xterm
  chromium firefox-esr
  dbus dbus-x11 gnome-keyring libsecret-tools
  libglib2.0-bin gsettings-desktop-schemas notification-daemon
  # Building and checking the Linux package (packaging/linux/build.sh and its test).
  desktop-file-utils appstream binutils
)

packages=("${runtime_packages[@]}")
if ((with_tests)); then
  packages+=("${test_packages[@]}")
  # The extension's JavaScript unit tests run with node's own test runner (node 18 or newer);
  # a machine that already has node keeps its own.
  command -v node >/dev/null || packages+=(nodejs)
fi

log() { printf '[setup] %s\n' "$*"; }

if ! command -v "$python" >/dev/null; then
  echo "[setup] $python not found: install Python 3.11 or newer (or set PYTHON=...)." >&2
  exit 1
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "[setup] $python is $("$python" -V 2>&1); Focusapp needs Python 3.11 or newer." >&2
  exit 1
fi
# Debian's own python3 ships venv/ensurepip separately.
if ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
  py_minor="$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
  packages+=("python${py_minor}-venv")
fi

# ---------------------------------------------------------------- system packages
if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
  echo "[setup] this script installs system packages with apt (Debian, Ubuntu)." >&2
  echo "[setup] On another system, install the equivalents of: ${packages[*]}" >&2
  echo "[setup] then create the venv yourself: $python -m venv .venv && .venv/bin/pip install -e '.[test]'" >&2
  exit 1
fi

missing=()
for package in "${packages[@]}"; do
  status="$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)"
  [[ "$status" == installed ]] || missing+=("$package")
done

if ((${#missing[@]})); then
  if [[ "$(id -u)" == 0 ]]; then
    as_root=()
  elif command -v sudo >/dev/null; then
    as_root=(sudo)
  else
    echo "[setup] missing system packages: ${missing[*]}" >&2
    echo "[setup] installing them needs root; run as root, install sudo, or run:" >&2
    echo "        apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  log "installing system packages: ${missing[*]}"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
else
  log "system packages: all ${#packages[@]} present"
fi

# ---------------------------------------------------------------- Python environment
if [[ ! -x .venv/bin/python ]]; then
  log "creating .venv with $("$python" -V 2>&1)"
  rm -rf .venv
  "$python" -m venv .venv
fi

target="."
((with_tests)) && target=".[test,package]"
stamp=.venv/.focusapp-installed
wanted="$target $(sha256sum pyproject.toml | cut -d' ' -f1)"
# The test install is a superset of the runtime one, so it also satisfies a later run request.
if [[ -f "$stamp" ]] && { [[ "$(cat "$stamp")" == "$wanted" ]] ||
  { [[ "$target" == "." ]] && [[ "$(cat "$stamp")" == ".[test,package] ${wanted#* }" ]]; }; }; then
  log "Python packages: up to date in .venv"
else
  log "installing Focusapp into .venv: pip install -e '$target'"
  .venv/bin/python -m pip install --disable-pip-version-check -q -e "$target"
  echo "$wanted" >"$stamp"
fi
log "ready"
