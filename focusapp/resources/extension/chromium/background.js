// Generated from common/background.js by scripts/build_extension.py: edit that, then run it.
// The extension's service worker. For now it only writes the documented defaults, so every
// part of the extension (and the app, later) reads one settled value instead of guessing.
// Native messaging, blocking and active-tab reports will live here too.
"use strict";

const DEFAULTS = Object.freeze({ hide: true });

chrome.runtime.onInstalled.addListener(async () => {
  const stored = await chrome.storage.local.get(Object.keys(DEFAULTS));
  const missing = Object.fromEntries(
    Object.entries(DEFAULTS).filter(([key]) => !(key in stored)),
  );
  await chrome.storage.local.set(missing);
});
