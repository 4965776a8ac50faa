// Generated from common/sites/x.json by scripts/build_extension.py: edit that, then run it.
globalThis.focusappSite = {
  "name": "x",
  "containers": [
    "[role=\"group\"]",
    "a[href$=\"/analytics\"]"
  ],
  "shadow": [],
  "title_count": true,
  "pages": {
    "notifications": "^/notifications(?:/|$)",
    "post": "^/([A-Za-z0-9_]{1,15})/status/\\d+",
    "profile": "^/(?!home$|explore$|notifications$|messages$|search$|settings$|compose$|i$|jobs$|communities$)([A-Za-z0-9_]{1,15})(?:/(?:with_replies|media|likes|highlights|articles|followers|following|verified_followers|affiliates))?/?$",
    "feed": "^/home/?$"
  },
  "self": [
    "a[data-testid=\"AppTabBar_Profile_Link\"]"
  ],
  "own_profile": [
    "a[data-testid=\"editProfileButton\"]",
    "[data-testid=\"editProfileButton\"]"
  ],
  "publish": [
    "[data-testid=\"tweetButton\"]",
    "[data-testid=\"tweetButtonInline\"]"
  ],
  "composer": [
    "[data-testid^=\"tweetTextarea_\"]"
  ]
};
