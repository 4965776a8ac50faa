// Hides the engagement numbers that the site's CSS cannot reach: counts written into text
// ("1.2K likes"), numbers inside open shadow roots, and the unread count in the tab title.
// The site's generated CSS, injected before this script, already hides every number that has a
// stable hook from the first paint; this script only adds to it, and a stored `hide: false`
// turns everything off through one class on <html> (never on: no flash of numbers). The count
// heuristic itself lives in core.js.
"use strict";

(() => {
  const site = globalThis.focusappSite;
  const core = globalThis.focusappCore;
  if (!site || !core) return;

  const SHOWN_CLASS = "focusapp-metrics-shown";
  const GUARD_CLASS = "focusapp-guard"; // follower numbers stay hidden whatever SHOWN_CLASS says
  const COUNT_ATTRIBUTE = "data-focusapp-count"; // the name scripts/build_extension.py uses
  const MARK = "focusapp-metric"; // the highlight name and the `part` token the CSS hides
  // Work done inside one observer callback (before the next paint) is capped, the rest waits
  // for idle time, so a feed that appends hundreds of posts keeps scrolling smoothly.
  const BUDGET_MS = 4;


  const valid = (selectors) =>
    core.usable(selectors, (selector) => document.createDocumentFragment().querySelector(selector));
  const containers = valid(site.containers).join(",");
  const shadowHosts = site.shadow
    .map(({ host, numbers }) => ({ host, numbers: valid(numbers).join(",") }))
    .filter(({ host, numbers }) => valid([host]).length && numbers);

  let hide = true; // until pages.js has read the stored state, the page stays as painted: hidden
  let guard = false;

  // Text counts are painted transparent through a highlight, so the page's own DOM (often
  // owned by React) is never split or rewrapped.
  const registered = new Highlight();
  CSS.highlights.set(MARK, registered);
  // Its ranges are kept in a Set of our own as well: Firefox lets a content script add to a
  // Highlight but not iterate it ("Xray wrapping of iterators not supported").
  const highlight = {
    ranges: new Set(),
    get size() { return this.ranges.size; },
    add(range) { registered.add(range); this.ranges.add(range); },
    delete(range) { registered.delete(range); this.ranges.delete(range); },
    [Symbol.iterator]() { return this.ranges.values(); },
  };
  const rangesByText = new WeakMap();

  function markText(text) {
    const before = rangesByText.get(text);
    // Most text in a container is a bare number or no number at all: nothing to look for.
    if (!before && !core.mayHoldCount(text.data)) return;
    for (const range of before ?? []) highlight.delete(range);
    const ranges = [];
    for (const [start, end] of core.countsIn(text.data)) {
      const range = new Range();
      range.setStart(text, start);
      range.setEnd(text, end);
      highlight.add(range);
      ranges.push(range);
    }
    if (ranges.length) {
      rangesByText.set(text, ranges);
      // The CSS paints highlights only in elements that carry this: a rule for every element
      // would make the browser work out highlight styles for the whole page on each change.
      text.parentElement?.setAttribute(COUNT_ATTRIBUTE, "");
    } else rangesByText.delete(text);
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
    if (shadowHosts.length) {
      const root = node.getRootNode();
      if (root instanceof ShadowRoot) {
        const spec = shadowHosts.find(({ host }) => root.host.matches(host));
        if (spec) markShadow(root.host, spec.numbers);
      }
    }
    if (containers) {
      if (node.matches(containers) || insideContainer(node.parentNode)) markContainer(node);
      else {
        // In document order, so a container inside one already walked (X's analytics link
        // inside the action bar) is skipped rather than read twice.
        let walked = null;
        for (const container of node.querySelectorAll(containers)) {
          if (walked?.contains(container)) continue;
          markContainer(container);
          walked = container;
        }
      }
    }
    for (const { host, numbers } of shadowHosts) {
      if (node.matches(host)) markShadow(node, numbers);
      for (const found of node.querySelectorAll(host)) markShadow(found, numbers);
    }
  }

  // Whether a parent lies inside a container, remembered for one drain: a feed appends many
  // posts to the same parent, and asking each post's ancestors again would repeat the walk.
  let parentsSeen = new Map();
  function insideContainer(parent) {
    if (!(parent instanceof Element)) return false;
    let inside = parentsSeen.get(parent);
    if (inside === undefined) {
      inside = parent.closest(containers) !== null;
      parentsSeen.set(parent, inside);
    }
    return inside;
  }

  const queue = [];
  let prunedAt = 0;
  let idleScheduled = false;

  function drain(hasTime) {
    parentsSeen = new Map();
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
    const stripped = core.stripTitleCount(title);
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
    if (html.classList.contains(GUARD_CLASS) !== guard) html.classList.toggle(GUARD_CLASS, guard);
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

  // pages.js owns the stored state and the page's kind, and tells this script what to show.
  globalThis.focusappMetrics = Object.freeze({
    show(state) {
      hide = state.hide;
      guard = state.guard;
      applyMode();
      stripTitle();
    },
  });

  if (document.documentElement) queue.push(document.documentElement);
  drain(() => true);
})();
