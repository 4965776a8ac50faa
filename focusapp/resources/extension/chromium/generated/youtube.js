// Generated from common/sites/youtube.json by scripts/build_extension.py: edit that, then run it.
globalThis.focusappSite = {
  "name": "youtube",
  "containers": [
    "yt-content-metadata-view-model",
    "#metadata-line",
    "#info",
    "ytd-video-owner-renderer"
  ],
  "shadow": [],
  "title_count": true,
  "pages": {
    "post": "^/(?:watch|shorts/)",
    "profile": "^/(@[^/]+|channel/[^/]+|c/[^/]+)(?:/(?:featured|videos|shorts|streams|community))?/?$",
    "feed": "^/(?:feed/subscriptions)?/?$"
  },
  "self": [],
  "own_profile": [
    "yt-page-header-view-model a[href*=\"studio.youtube.com\"]",
    "yt-page-header-renderer a[href*=\"studio.youtube.com\"]",
    "#channel-header a[href*=\"studio.youtube.com\"]"
  ],
  "publish": [],
  "composer": []
};
