// Generated from common/sites/facebook.json by scripts/build_extension.py: edit that, then run it.
globalThis.focusappSite = {
  "containers": [
    "[role=\"article\"] [role=\"button\"]",
    "[role=\"article\"] [aria-label=\"See who reacted to this\"]"
  ],
  "shadow": [],
  "title_count": true
};
