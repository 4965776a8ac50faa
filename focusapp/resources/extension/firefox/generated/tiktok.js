// Generated from common/sites/tiktok.json by scripts/build_extension.py: edit that, then run it.
globalThis.focusappSite = {
  "name": "tiktok",
  "containers": [],
  "shadow": [],
  "title_count": false,
  "pages": {
    "notifications": "^/(?:inbox|notifications)(?:/|$)",
    "post": "^/@([^/]+)/(?:video|photo)/\\d+",
    "profile": "^/@([^/]+)/?$",
    "feed": "^/(?:foryou|following)?/?$"
  },
  "self": [
    "a[data-e2e=\"nav-profile\"]"
  ],
  "own_profile": [
    "[data-e2e=\"edit-profile-entrance\"]"
  ],
  "publish": [
    "button[data-e2e=\"post_video_button\"]"
  ],
  "composer": []
};
