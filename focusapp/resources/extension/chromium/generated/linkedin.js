// Generated from common/sites/linkedin.json by scripts/build_extension.py: edit that, then run it.
globalThis.focusappSite = {
  "containers": [
    ".social-details-social-counts"
  ],
  "shadow": [],
  "title_count": true
};
