// Generated from common/sites/bluesky.json by scripts/build_extension.py: edit that, then run it.
globalThis.focusappSite = {
  "containers": [],
  "shadow": [],
  "title_count": true
};
