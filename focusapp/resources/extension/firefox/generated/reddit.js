// Generated from common/sites/reddit.json by scripts/build_extension.py: edit that, then run it.
globalThis.focusappSite = {
  "name": "reddit",
  "containers": [],
  "shadow": [
    {
      "host": "shreddit-post",
      "numbers": [
        "faceplate-number"
      ]
    },
    {
      "host": "shreddit-comment-action-row",
      "numbers": [
        "faceplate-number"
      ]
    }
  ],
  "title_count": true,
  "pages": {
    "notifications": "^/notifications(?:/|$)",
    "post": "^/r/[^/]+/comments/",
    "profile": "^/(?:user|u)/([^/]+)(?:/(?:submitted|comments|overview))?/?$",
    "feed": "^/(?:r/(?:popular|all)/?|best/?|hot/?|new/?)?$"
  },
  "self": [],
  "own_profile": [],
  "publish": [
    "#submit-post-button",
    "shreddit-composer button[slot=\"submit-button\"]"
  ],
  "composer": []
};
