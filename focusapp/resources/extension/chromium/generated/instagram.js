// Generated from common/sites/instagram.json by scripts/build_extension.py: edit that, then run it.
globalThis.focusappSite = {
  "containers": [
    "article section",
    "a[href$=\"/comments/\"]",
    "header section ul"
  ],
  "shadow": [],
  "title_count": true
};
