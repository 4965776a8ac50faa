// Generated from common/sites/x.json by scripts/build_extension.py: edit that, then run it.
globalThis.focusappSite = {
  "containers": [
    "[role=\"group\"]",
    "a[href$=\"/analytics\"]"
  ],
  "shadow": [],
  "title_count": true
};
