// Generated from common/sites/facebook.json by scripts/build_extension.py: edit that, then run it.
globalThis.focusappSite = {
  "name": "facebook",
  "containers": [
    "[role=\"article\"] [role=\"button\"]",
    "[role=\"article\"] [aria-label=\"See who reacted to this\"]"
  ],
  "shadow": [],
  "title_count": true,
  "pages": {
    "notifications": "^/notifications(?:/|$)",
    "post": "^/(?:[^/]+/posts/|permalink\\.php|story\\.php|photo)",
    "profile": "^/(?!watch|groups|marketplace|gaming|notifications|messages|friends|events|pages|reel|stories|photo|permalink|settings|bookmarks|saved)([A-Za-z0-9.]{5,})/?$",
    "feed": "^/$"
  },
  "self": [],
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
  "composer": []
};
