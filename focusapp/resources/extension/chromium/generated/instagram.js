// Generated from common/sites/instagram.json by scripts/build_extension.py: edit that, then run it.
globalThis.focusappSite = {
  "name": "instagram",
  "containers": [
    "article section",
    "a[href$=\"/comments/\"]",
    "header section ul"
  ],
  "shadow": [],
  "title_count": true,
  "pages": {
    "notifications": "^/(?:accounts/activity|notifications)(?:/|$)",
    "post": "^/(?:p|reel)/[^/]+",
    "profile": "^/(?!p/|reel/|reels/|explore/|direct/|accounts/|stories/|about/|legal/)([A-Za-z0-9._]{1,30})(?:/(?:tagged|reels|followers|following))?/?$",
    "feed": "^/$"
  },
  "self": [],
  "own_profile": [
    "a[href=\"/accounts/edit/\"]"
  ],
  "publish": [
    {
      "selector": "div[role=\"dialog\"] div[role=\"button\"]",
      "text": [
        "Share",
        "Delen",
        "Teilen",
        "Partager",
        "Compartir"
      ]
    }
  ],
  "composer": []
};
