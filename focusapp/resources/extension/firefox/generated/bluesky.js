// Generated from common/sites/bluesky.json by scripts/build_extension.py: edit that, then run it.
globalThis.focusappSite = {
  "name": "bluesky",
  "containers": [],
  "shadow": [],
  "title_count": true,
  "pages": {
    "notifications": "^/notifications(?:/|$)",
    "post": "^/profile/([^/]+)/post/",
    "profile": "^/profile/([^/]+)(?:/(?:follows|followers|known-followers))?/?$",
    "feed": "^/$"
  },
  "self": [
    "a[aria-label=\"Profile\"][href^=\"/profile/\"]",
    "a[data-testid=\"profileLink\"]"
  ],
  "own_profile": [
    "[data-testid=\"profileHeaderEditProfileButton\"]"
  ],
  "publish": [
    "[data-testid=\"composerPublishBtn\"]"
  ],
  "composer": [
    "[data-testid=\"composerTextInput\"]"
  ]
};
