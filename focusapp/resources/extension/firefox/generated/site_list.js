// Generated from common/sites/*.json by scripts/build_extension.py: edit that, then run it.
globalThis.focusappSites = [
  {
    "name": "bluesky",
    "title": "Bluesky"
  },
  {
    "name": "facebook",
    "title": "Facebook"
  },
  {
    "name": "instagram",
    "title": "Instagram"
  },
  {
    "name": "linkedin",
    "title": "LinkedIn"
  },
  {
    "name": "old_reddit",
    "title": "Reddit (old)"
  },
  {
    "name": "reddit",
    "title": "Reddit"
  },
  {
    "name": "threads",
    "title": "Threads"
  },
  {
    "name": "tiktok",
    "title": "TikTok"
  },
  {
    "name": "x",
    "title": "X"
  },
  {
    "name": "youtube",
    "title": "YouTube"
  }
];
