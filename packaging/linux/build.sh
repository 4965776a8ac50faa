#!/usr/bin/env bash
# Builds Focusapp for Linux on this machine, into dist/:
#
#   dist/focusapp/                     the PyInstaller one-folder bundle (run dist/focusapp/focusapp)
#   dist/focusapp_<version>_<arch>.deb the Debian package: the bundle in /opt/focusapp, plus
#                                      /usr/bin/focusapp, menu entry, metainfo, icons and the
#                                      browsers' native-messaging host manifests
#
#   bash packaging/linux/build.sh [--compression zstd|xz|gzip] [--out DIR]
#
# Needs the project's environment with the packaging extra (`pip install -e '.[package]'`, which
# scripts/setup-system.sh --test does), dpkg-deb, readelf, desktop-file-validate and appstreamcli
# (apt: dpkg-dev or dpkg, binutils, desktop-file-utils, appstream). PYTHON picks the interpreter
# (default .venv/bin/python). zstd compression (the default) takes seconds; xz makes a .deb a
# quarter smaller and takes minutes, and is what dpkg before 1.21.18 (Debian 11) needs.
set -euo pipefail
umask 022

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
python="${PYTHON:-$repo/.venv/bin/python}"
compression=zstd
out="$repo/dist"

usage() {
  echo "usage: $0 [--compression zstd|xz|gzip] [--out DIR]" >&2
  exit 2
}
while (($#)); do
  case "$1" in
    --compression)
      [[ $# -ge 2 ]] || usage
      compression="$2"
      shift 2
      ;;
    --out)
      [[ $# -ge 2 ]] || usage
      out="$2"
      shift 2
      ;;
    *) usage ;;
  esac
done
case "$compression" in zstd | xz | gzip) ;; *) usage ;; esac

log() { printf '[build] %s\n' "$*"; }
fail() {
  printf '[build] %s\n' "$*" >&2
  exit 1
}

for tool in dpkg-deb readelf desktop-file-validate appstreamcli; do
  command -v "$tool" >/dev/null || fail "$tool is missing: run bash scripts/setup-system.sh --test"
done
[[ -x "$python" ]] || fail "no Python at $python: run bash scripts/setup-system.sh --test"
"$python" -c 'import PyInstaller' 2>/dev/null ||
  fail "PyInstaller is missing: $python -m pip install -e '$repo[package]'"

app_id="$(cd "$repo" && "$python" -c 'import focusapp; print(focusapp.APP_ID)')"
version="$(cd "$repo" && "$python" -c 'import focusapp; print(focusapp.__version__)')"
arch="$(dpkg --print-architecture)"
work="$(mktemp -d "${TMPDIR:-/tmp}/focusapp-build.XXXXXX")"
trap 'rm -rf "$work"' EXIT

log "validating the desktop file and the metainfo"
desktop-file-validate "$repo/packaging/linux/$app_id.desktop"
appstreamcli validate --no-net "$repo/packaging/linux/$app_id.metainfo.xml"

log "bundling focusapp $version with PyInstaller"
"$python" -m PyInstaller --noconfirm --log-level WARN --distpath "$work/bundle" \
  --workpath "$work/pyinstaller" "$repo/packaging/linux/focusapp.spec"
"$work/bundle/focusapp/focusapp" --version >/dev/null ||
  fail "the bundled focusapp does not start"

log "laying out the package"
"$python" "$repo/packaging/linux/stage_deb.py" "$work/bundle/focusapp" "$work/root"
# The installed copies are what software centres read: check those too.
desktop-file-validate "$work/root/usr/share/applications/$app_id.desktop"
appstreamcli validate --no-net "$work/root/usr/share/metainfo/$app_id.metainfo.xml"

mkdir -p "$out"
deb="$out/focusapp_${version}_${arch}.deb"
log "packing $deb ($compression)"
dpkg-deb --root-owner-group -Z"$compression" --build "$work/root" "$deb" >/dev/null
rm -rf "$out/focusapp"
mv "$work/bundle/focusapp" "$out/focusapp"

log "bundle: $out/focusapp ($(du -sh "$out/focusapp" | cut -f1))"
log "package: $deb ($(du -h "$deb" | cut -f1))"
