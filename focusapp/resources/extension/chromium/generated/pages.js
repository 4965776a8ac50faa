// Generated from common/pages.js by scripts/build_extension.py: edit that, then run it.
// Knows which page of the site this is and what it should show: the stored state (the app's
// answer, the popup's switches, the after-posting cool-down) goes through core.js's `decide`,
// and metrics.js is told what to hide. Two small prompts live here too:
// - the comparison guard: on someone else's profile, follower numbers stay hidden and, once per
//   visit, a small card asks the comparison question;
// - after posting: a click on the site's publish button starts a cool-down in which numbers stay
//   hidden and a visit to one's notifications, own profile or own post is met by a prompt first.
"use strict";

(() => {
  const site = globalThis.focusappSite;
  const core = globalThis.focusappCore;
  const metrics = globalThis.focusappMetrics;
  if (!site || !core || !metrics) return;

  const KEYS = ["hide", "switches", "guard", "posted_until"];
  const COVERED_CLASS = "focusapp-covered"; // the site's CSS hides the page under our card
  const SETTLE_MS = 1200; // a profile names its owner only once rendered
  const accepts = (selector) => document.createDocumentFragment().querySelector(selector);
  const selfLinks = core.usable(site.self, accepts);
  const ownMarks = core.usable(site.own_profile, accepts);
  const publish = (site.publish ?? []).filter((p) => core.usable([p.selector ?? p], accepts).length);
  const composers = core.usable(site.composer, accepts);
  const text = (name, fallback, ...subs) => chrome.i18n?.getMessage(name, subs) || fallback;

  let stored = { hide: true };
  let visit = "";
  let asked = false;
  let card = null;
  let settleTimer = 0;
  let coolTimer = 0;

  function selfHandle() {
    for (const selector of selfLinks) {
      const link = document.querySelector(selector);
      if (!link?.href) continue;
      try {
        const page = core.classify(site.pages, new URL(link.href).pathname);
        if (page.kind === "profile" && page.handle) return page.handle;
      } catch {
        // an href that is not a URL names nobody
      }
    }
    return null;
  }

  function currentKind() {
    const page = core.classify(site.pages, location.pathname);
    const mine = ownMarks.some((selector) => document.querySelector(selector));
    return { page, kind: core.pageKind(page, selfHandle(), mine) };
  }

  function update({ settled = false } = {}) {
    const { page, kind } = currentKind();
    const state = core.decide({ stored, site: site.name, kind, now: Date.now() });
    metrics.show(state);

    // A visit is one page of one account: a profile's tabs (posts, replies) are the same visit.
    const key = `${page.kind}:${page.handle ?? location.pathname}`;
    if (key !== visit) {
      visit = key;
      asked = false;
      closeCard();
      void chrome.runtime.sendMessage({ kind: "page", page_kind: kind === "own_post" ? "post" : kind }).catch(() => {});
    }
    clearTimeout(coolTimer);
    if (state.cooling) coolTimer = setTimeout(() => update(), state.coolingEnds - Date.now() + 50);

    const covering = state.ask === "after_posting" && !asked;
    document.documentElement?.classList.toggle(COVERED_CLASS, covering && page.kind === "notifications");
    if (!state.ask || asked || card) return;
    // Notifications are known by their address at once; whose profile or post it is shows
    // only once the page has rendered, so those wait a moment and look again.
    if (page.kind === "notifications" || settled) showCard(state.ask, kind);
    else {
      clearTimeout(settleTimer);
      settleTimer = setTimeout(() => update({ settled: true }), SETTLE_MS);
    }
  }

  function closeCard() {
    card?.remove();
    card = null;
    document.documentElement?.classList.remove(COVERED_CLASS);
  }

  function finish(choice, trigger, kind, prompt) {
    asked = true;
    closeCard();
    void chrome.runtime.sendMessage({
      kind: "urge",
      site: location.hostname.replace(/^www\./, ""),
      choice,
      trigger,
      page_kind: kind === "own_post" ? "post" : kind,
      prompt_id: prompt?.id ?? null,
    }).catch(() => {});
    // The browser's own Back, as the toolbar button does it (a page's history.back() may skip
    // entries), or the site's front page when there is nothing to go back to.
    if (choice === "back") void chrome.runtime.sendMessage({ kind: "back" }).catch(() => location.assign("/"));
    update();
  }

  async function showCard(ask, kind) {
    const modal = ask === "after_posting";
    const trigger = modal ? "just_posted" : "other_profile";
    const host = document.createElement("focusapp-card");
    // Its own shadow root keeps the site's styles out; open, so assistive tools and tests see in.
    const root = host.attachShadow({ mode: "open" });
    card = host;
    const style = document.createElement("style");
    style.textContent = CARD_CSS;
    const box = document.createElement("div");
    box.className = modal ? "card modal" : "card";
    box.setAttribute("role", modal ? "alertdialog" : "dialog");
    box.setAttribute("aria-modal", String(modal));
    box.setAttribute("aria-labelledby", "question");
    const question = document.createElement("p");
    question.id = "question";
    question.setAttribute("aria-live", "polite");
    question.textContent = modal
      ? text("posted_question", "You've just shared something. What are you hoping to find here?")
      : text("compare_question", "Whose life are you measuring yours against right now?");
    const note = document.createElement("p");
    note.className = "note";
    note.textContent = modal
      ? text("posted_note", "Numbers stay hidden for a while after you post.")
      : text("compare_note", "Follower numbers stay hidden here.");
    const back = button(text("back", "Back"), "primary");
    const onward = button(modal ? text("show_anyway", "Show it anyway") : text("continue", "Continue"));
    const actions = document.createElement("div");
    actions.className = "actions";
    actions.append(back, onward);
    box.append(question, note, actions);
    root.append(style, box);
    (document.body ?? document.documentElement).append(host);

    let prompt = null;
    back.addEventListener("click", () => finish("back", trigger, kind, prompt));
    onward.addEventListener("click", () => finish("continue", trigger, kind, prompt));
    box.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      event.stopPropagation();
      // Escape means back to what you were doing: leaving, on the after-posting card; going on
      // browsing, on the small comparison card that never took the keyboard.
      finish(modal ? "back" : "continue", trigger, kind, prompt);
    });
    if (modal) back.focus();

    // The app's prompt replaces the built-in question when it answers.
    const reply = await chrome.runtime
      .sendMessage({ kind: "prompt", trigger, site: location.hostname.replace(/^www\./, "") })
      .catch(() => null);
    if (reply?.prompt?.text && card === host) {
      prompt = reply.prompt;
      question.textContent = prompt.text;
    }
  }

  function button(label, kind = "") {
    const element = document.createElement("button");
    element.type = "button";
    element.textContent = label;
    if (kind) element.className = kind;
    return element;
  }

  // -- publishing ------------------------------------------------------------------------------

  function isPublish(target) {
    if (!(target instanceof Element)) return false;
    return publish.some((spec) => {
      const found = target.closest(spec.selector ?? spec);
      if (!found) return false;
      if (!spec.text) return true;
      const label = found.textContent.trim().toLowerCase();
      return spec.text.some((word) => word.toLowerCase() === label);
    });
  }

  function posted() {
    void chrome.runtime.sendMessage({ kind: "posted", site: site.name }).catch(() => {});
  }

  addEventListener("click", (event) => {
    if (event.isTrusted && isPublish(event.target)) posted();
  }, { capture: true });
  addEventListener("keydown", (event) => {
    const sending = event.key === "Enter" && (event.ctrlKey || event.metaKey);
    if (sending && event.isTrusted && composers.some((s) => event.target.closest?.(s))) posted();
  }, { capture: true });

  // -- wiring ----------------------------------------------------------------------------------

  chrome.storage.local.get(KEYS).then((found) => {
    stored = { hide: true, ...found };
    update();
  });
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== "local" || !KEYS.some((key) => key in changes)) return;
    for (const key of KEYS) if (key in changes) stored[key] = changes[key].newValue;
    update();
  });
  // Single-page sites change address without loading a page.
  let seen = location.href;
  const moved = () => {
    if (location.href === seen) return;
    seen = location.href;
    update();
  };
  globalThis.navigation?.addEventListener("currententrychange", moved);
  addEventListener("popstate", moved);
  if (!globalThis.navigation) setInterval(moved, 500);

  const CARD_CSS = `
    :host { all: initial; }
    .card {
      position: fixed; z-index: 2147483647; right: 20px; bottom: 20px; max-width: 340px;
      padding: 18px 20px; border-radius: 14px; box-sizing: border-box;
      font: 15px/1.45 system-ui, sans-serif; color: #20242a; background: #f6f5f2;
      box-shadow: 0 6px 28px rgba(0, 0, 0, 0.22);
    }
    .modal {
      inset: 0; right: 0; bottom: 0; max-width: none; border-radius: 0; display: flex;
      flex-direction: column; align-items: center; justify-content: center; text-align: center;
      background: rgba(246, 245, 242, 0.98); font-size: 18px;
    }
    #question { margin: 0 0 6px; font-size: 1.15em; max-width: 30em; }
    .note { margin: 0 0 14px; color: #59606a; font-size: 0.9em; }
    .actions { display: flex; gap: 10px; flex-wrap: wrap; }
    .modal .actions { justify-content: center; }
    button {
      font: inherit; padding: 7px 16px; border-radius: 999px; cursor: pointer;
      border: 1px solid #9aa0a8; background: transparent; color: inherit;
    }
    button.primary { background: #2f4858; border-color: #2f4858; color: #fff; }
    button:focus-visible { outline: 3px solid #6b8fb3; outline-offset: 2px; }
    @media (prefers-color-scheme: dark) {
      .card { color: #e8e6e1; background: #23272d; }
      .modal { background: rgba(35, 39, 45, 0.98); }
      .note { color: #a9afb7; }
      button.primary { background: #9cc0d8; border-color: #9cc0d8; color: #16202a; }
    }
    @media (prefers-reduced-motion: no-preference) {
      .card:not(.modal) { animation: rise 240ms ease-out; }
      @keyframes rise { from { opacity: 0; transform: translateY(8px); } }
    }
  `;
})();
