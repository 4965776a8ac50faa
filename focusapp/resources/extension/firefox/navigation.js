// Generated from common/navigation.js by scripts/build_extension.py: edit that, then run it.
// Catches in-page navigation (history.pushState, SPA routes) to a blocked site, which the
// redirect rules never see because no request is made: on every such change it asks the
// service worker, and leaves for the block page when the site is blocked now.
"use strict";

(() => {
  let checked = "";

  async function check() {
    const url = location.href;
    if (url === checked) return;
    checked = url;
    const answer = await chrome.runtime.sendMessage({ kind: "check", url }).catch(() => null);
    if (answer?.block_page && location.href === url) location.replace(answer.block_page);
  }

  // The Navigation API reports same-document changes to every world, this one included.
  globalThis.navigation?.addEventListener("currententrychange", () => void check());
  addEventListener("popstate", () => void check());
  addEventListener("hashchange", () => void check());
})();
