// Generated from common/sites/linkedin.json by scripts/build_extension.py: edit that, then run it.
globalThis.focusappSite = {
  "name": "linkedin",
  "containers": [
    ".social-details-social-counts"
  ],
  "shadow": [],
  "title_count": true,
  "pages": {
    "notifications": "^/notifications(?:/|$)",
    "post": "^/(?:feed/update|posts)/",
    "profile": "^/in/([^/]+)/?$",
    "feed": "^/feed/?$"
  },
  "self": [],
  "own_profile": [],
  "publish": [
    ".share-actions__primary-action"
  ],
  "composer": []
};
