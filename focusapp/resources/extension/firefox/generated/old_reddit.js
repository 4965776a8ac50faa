// Generated from common/sites/old_reddit.json by scripts/build_extension.py: edit that, then run it.
globalThis.focusappSite = {
  "name": "old_reddit",
  "containers": [
    ".flat-list.buttons",
    ".tagline"
  ],
  "shadow": [],
  "title_count": false,
  "pages": {
    "notifications": "^/message/(?:inbox|unread|messages|comments|selfreply)(?:/|$)",
    "post": "^/r/[^/]+/comments/",
    "profile": "^/user/([^/]+)(?:/(?:submitted|comments|overview))?/?$",
    "feed": "^/(?:r/(?:popular|all)/?)?$"
  },
  "self": [
    "#header-bottom-right .user a"
  ],
  "own_profile": [],
  "publish": [
    "form.submit button[name=\"submit\"]",
    ".usertext-edit .usertext-buttons button.save"
  ],
  "composer": []
};
