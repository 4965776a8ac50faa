// Generated from common/metrics.js by scripts/build_extension.py: edit that, then run it.
// Hides the engagement numbers that the site's CSS cannot reach: counts written into text
// ("1.2K likes"), numbers inside open shadow roots, and the unread count in the tab title.
// The site's generated CSS, injected before this script, already hides every number that has a
// stable hook from the first paint; this script only adds to it, and a stored `hide: false`
// turns everything off through one class on <html> (never on: no flash of numbers).
"use strict";

(() => {
  const site = globalThis.focusappSite;
  if (!site) return;

  const SHOWN_CLASS = "focusapp-metrics-shown";
  const MARK = "focusapp-metric"; // the highlight name and the `part` token the CSS hides
  // Work done inside one observer callback (before the next paint) is capped, the rest waits
  // for idle time, so a feed that appends hundreds of posts keeps scrolling smoothly.
  const BUDGET_MS = 4;

  // A count followed by a metric word, in English, Dutch, German, French and Spanish. Only the
  // number (with its magnitude) is hidden; the word stays so buttons still say what they do.
  const NUMBER = String.raw`\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?`;
  const MAGNITUDE = String.raw`(?:[\u00a0\u202f ]?(?:k|m|b|bn|mln|mld|mil|mill|mio|mrd|md|tsd)\.?)`;
  const WORDS = [
    // English
    "likes?", "views?", "comments?", "repl(?:y|ies)", "reposts?", "retweets?", "quotes?",
    "shares?", "followers?", "following", "subscribers?", "reactions?", "bookmarks?", "posts?",
    "upvotes?", "votes?", "points?", "plays?", "watching", "karma",
    // Dutch
    "weergaven?", "vind-ik-leuks?", "reacties?", "volgers?", "abonnees?", "keer gedeeld",
    "berichten", "stemmen", "punten", "antwoorden",
    // German
    "aufrufe?", "kommentare?", "follower", "abonnenten?", "„?gefällt mir", "mal geteilt",
    "beiträge", "reaktionen", "wiedergaben", "punkte",
    // French
    "vues?", "j[’']aime", "commentaires?", "abonné(?:e)?s?", "abonnements?", "partages?",
    "réponses?", "réactions?", "publications?", "lectures",
    // Spanish
    "visualizaciones", "vistas", "reproducciones", "me gusta", "comentarios?", "seguidores?",
    "suscriptores?", "compartidos", "veces compartido", "respuestas?", "reacciones",
    "publicaciones", "votos", "puntos",
  ].join("|");
  const COUNT = new RegExp(
    String.raw`(?<![\p{L}\p{N}.,])(?:${NUMBER})${MAGNITUDE}?(?=[\u00a0\u202f ]+(?:${WORDS})(?!\p{L}))`,
    "giu",
  );
  const TITLE_COUNT = /^\(\d[\d.,]*\+?\)\s*/;

  const valid = (selectors) =>
    selectors.filter((selector) => {
      try {
        document.createDocumentFragment().querySelector(selector);
        return true;
      } catch {
        return false; // one renamed or unsupported selector must not disable the others
      }
    });
  const containers = valid(site.containers).join(",");
  const shadowHosts = site.shadow
    .map(({ host, numbers }) => ({ host, numbers: valid(numbers).join(",") }))
    .filter(({ host, numbers }) => valid([host]).length && numbers);

  let hide = true; // until storage answers, the page stays as the CSS painted it: hidden

  // Text counts are painted transparent through a highlight, so the page's own DOM (often
  // owned by React) is never split or rewrapped.
  const highlight = new Highlight();
  CSS.highlights.set(MARK, highlight);
  const rangesByText = new WeakMap();

  function markText(text) {
    for (const range of rangesByText.get(text) ?? []) highlight.delete(range);
    const ranges = [];
    for (const match of text.data.matchAll(COUNT)) {
      const range = new Range();
      range.setStart(text, match.index);
      range.setEnd(text, match.index + match[0].length);
      highlight.add(range);
      ranges.push(range);
    }
    if (ranges.length) rangesByText.set(text, ranges);
    else rangesByText.delete(text);
  }

  function markContainer(container) {
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) markText(text);
  }

  const watchedRoots = new WeakSet();
  const waitingHosts = new Set();

  function markShadow(host, numbers) {
    const root = host.shadowRoot;
    if (!root) {
      waitingHosts.add(host); // not upgraded yet: its shadow root arrives later
      return;
    }
    waitingHosts.delete(host);
    for (const number of root.querySelectorAll(numbers)) number.part.add(MARK);
    if (!watchedRoots.has(root)) {
      watchedRoots.add(root);
      observer.observe(root, { childList: true, subtree: true });
    }
  }

  // Decides, for one added or changed node, what needs marking. Places, not looks: text is only
  // read inside the site's known metric containers.
  function process(node) {
    if (!node.isConnected) return;
    if (node.nodeType === Node.TEXT_NODE) {
      if (containers && node.parentElement?.closest(containers)) markText(node);
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const root = node.getRootNode();
    if (root instanceof ShadowRoot) {
      const spec = shadowHosts.find(({ host }) => root.host.matches(host));
      if (spec) markShadow(root.host, spec.numbers);
    }
    if (containers) {
      if (node.closest(containers)) markContainer(node);
      else for (const container of node.querySelectorAll(containers)) markContainer(container);
    }
    for (const { host, numbers } of shadowHosts) {
      if (node.matches(host)) markShadow(node, numbers);
      for (const found of node.querySelectorAll(host)) markShadow(found, numbers);
    }
  }

  const queue = [];
  let prunedAt = 0;
  let idleScheduled = false;

  function drain(hasTime) {
    while (queue.length && hasTime()) process(queue.shift());
    for (const host of [...waitingHosts]) {
      if (!host.isConnected) waitingHosts.delete(host);
      else if (host.shadowRoot) queue.push(host);
    }
    // Ranges whose text left the page collapse; dropping them now and then keeps a long
    // session's memory flat without walking every range on every mutation.
    if (highlight.size > prunedAt * 2 + 100) {
      for (const range of highlight) if (range.collapsed) highlight.delete(range);
      prunedAt = highlight.size;
    }
    stripTitle();
    if (waitingHosts.size) retryWaitingHosts();
    if (queue.length && !idleScheduled) {
      idleScheduled = true;
      requestIdleCallback(
        (deadline) => {
          idleScheduled = false;
          drain(() => deadline.timeRemaining() > 1 || deadline.didTimeout);
        },
        { timeout: 500 },
      );
    }
  }

  // Custom elements upgrade (and attach their shadow root) without any mutation the observer
  // could see, so hosts still without one are looked at again a few times, then left alone.
  let retryTimer = 0;
  let retriesLeft = 0;
  function retryWaitingHosts() {
    if (retryTimer) return;
    if (!retriesLeft) retriesLeft = 20;
    retryTimer = setTimeout(() => {
      retryTimer = 0;
      retriesLeft -= 1;
      if (retriesLeft > 0) drain(() => true);
      else waitingHosts.clear();
    }, 250);
  }

  function stripTitle() {
    if (!site.title_count || !hide) return;
    const title = document.title;
    const stripped = title.replace(TITLE_COUNT, "");
    if (stripped !== title) document.title = stripped;
  }

  function applyMode() {
    const html = document.documentElement;
    if (!html) return;
    if (!watchedRoots.has(html)) {
      watchedRoots.add(html);
      // Pages that rewrite <html class> would otherwise drop the "shown" choice.
      observer.observe(html, { attributes: true, attributeFilter: ["class"] });
    }
    if (html.classList.contains(SHOWN_CLASS) === hide) html.classList.toggle(SHOWN_CLASS, !hide);
  }

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "characterData") queue.push(record.target);
      else for (const node of record.addedNodes) queue.push(node);
    }
    applyMode();
    const stop = performance.now() + BUDGET_MS;
    drain(() => performance.now() < stop);
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });

  chrome.storage.local.get({ hide: true }).then((stored) => {
    hide = stored.hide !== false;
    applyMode();
    stripTitle();
  });
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== "local" || !("hide" in changes)) return;
    hide = changes.hide.newValue !== false;
    applyMode();
    stripTitle();
  });

  if (document.documentElement) queue.push(document.documentElement);
  drain(() => true);
})();
