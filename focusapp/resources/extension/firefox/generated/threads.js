// Generated from common/sites/threads.json by scripts/build_extension.py: edit that, then run it.
globalThis.focusappSite = {
  "name": "threads",
  "containers": [],
  "shadow": [],
  "title_count": true,
  "pages": {
    "notifications": "^/activity(?:/|$)",
    "post": "^/@([^/]+)/post/",
    "profile": "^/@([^/]+)(?:/(?:replies|media|reposts))?/?$",
    "feed": "^/$"
  },
  "self": [
    "a[href^=\"/@\"]:has(svg[aria-label=\"Profile\"])"
  ],
  "own_profile": [],
  "publish": [
    {
      "selector": "div[role=\"dialog\"] div[role=\"button\"]",
      "text": [
        "Post",
        "Plaatsen",
        "Posten",
        "Publier",
        "Publicar"
      ]
    }
  ],
  "composer": [
    "div[role=\"dialog\"] [contenteditable=\"true\"]"
  ]
};
