// Generated from common/sites/old_reddit.json by scripts/build_extension.py: edit that, then run it.
globalThis.focusappSite = {
  "containers": [
    ".flat-list.buttons",
    ".tagline"
  ],
  "shadow": [],
  "title_count": false
};
