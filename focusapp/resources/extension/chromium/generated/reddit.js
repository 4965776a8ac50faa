// Generated from common/sites/reddit.json by scripts/build_extension.py: edit that, then run it.
globalThis.focusappSite = {
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
  "title_count": true
};
