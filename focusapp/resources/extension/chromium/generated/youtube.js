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
  "own_profile": [],
  "publish": [],
  "composer": []
};
