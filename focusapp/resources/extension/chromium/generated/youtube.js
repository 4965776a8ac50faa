// Generated from common/sites/youtube.json by scripts/build_extension.py: edit that, then run it.
globalThis.focusappSite = {
  "containers": [
    "yt-content-metadata-view-model",
    "#metadata-line",
    "#info",
    "ytd-video-owner-renderer"
  ],
  "shadow": [],
  "title_count": true
};
