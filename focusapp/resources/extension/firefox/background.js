// Generated from common/background.js by scripts/build_extension.py: edit that, then run it.
// The extension's service worker: talks to the app through the native host, turns its policy
// into hidden metrics and blocked sites, and reports time on the active tab.
//
// The policy is cached in storage with the time it arrived, because blocking must hold when the
// app is killed mid-session: a cached session block stays until its `block_until`, a spent daily
// limit until the end of the day it arrived, and anything else only while the app answers.
"use strict";

const HOST = "org.focusapp.native";
const DEFAULTS = Object.freeze({
  hide: true,
  guard: { comparison: true, after_posting_minutes: 60 },
  switches: {},
  posted_until: {},
});
// Triggers the in-page prompts may ask the app about (prompts.py's Trigger).
const PAGE_TRIGGERS = new Set(["other_profile", "just_posted", "notifications", "own_profile"]);
const PAGE_KINDS = new Set(["feed", "own_profile", "notifications", "other_profile", "post", "other"]);
const REQUEST_TIMEOUT_MS = 5000;
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 60000;
const POLICY_PERIOD_MIN = 0.5;
const ACTIVITY_PERIOD_MIN = 0.25;
const MAX_REPORT_S = 60; // a longer gap means the worker slept: that time is not known
const LIVE_POLICY_MS = 2 * 60 * 1000; // an undated block holds this long after the app went quiet
const IDLE_AFTER_S = 60;
const BLOCK_PAGE = chrome.runtime.getURL("block.html");

// -- the native port: one connection, requests matched by id, reconnect with backoff ---------

let port = null;
let nextId = 1;
let retryAt = 0;
let retryMs = FIRST_RETRY_MS;
const pending = new Map();

function connect() {
  if (port) return port;
  // Never spin: after a failure the next attempt waits, doubling up to a minute.
  if (Date.now() < retryAt) return null;
  try {
    port = chrome.runtime.connectNative(HOST);
  } catch {
    failed();
    return null;
  }
  port.onMessage.addListener((message) => {
    retryMs = FIRST_RETRY_MS;
    const waiting = pending.get(message?.id);
    if (!waiting) return;
    pending.delete(message.id);
    clearTimeout(waiting.timer);
    waiting.resolve(message);
  });
  port.onDisconnect.addListener(() => {
    void chrome.runtime.lastError; // read, so Chromium does not log it as unchecked
    port = null;
    failed();
    for (const waiting of pending.values()) {
      clearTimeout(waiting.timer);
      waiting.resolve(null);
    }
    pending.clear();
  });
  port.postMessage({ type: "hello", version: 1, extension: chrome.runtime.getManifest().version });
  return port;
}

function failed() {
  retryAt = Date.now() + retryMs;
  retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
}

// The host's reply, or null when it cannot be reached or does not answer in time.
function ask(message) {
  const open = connect();
  if (!open) return Promise.resolve(null);
  const id = nextId++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      resolve(null);
    }, REQUEST_TIMEOUT_MS);
    pending.set(id, { resolve, timer });
    try {
      open.postMessage({ ...message, id });
    } catch {
      clearTimeout(timer);
      pending.delete(id);
      resolve(null);
    }
  });
}

// -- the policy --------------------------------------------------------------------------------

async function refreshPolicy() {
  const reply = await ask({ type: "get_policy" });
  if (reply?.ok) {
    const { policy: cached } = await chrome.storage.local.get("policy");
    // The host's built-in default (no `cached_at`) knows less than a policy we already hold.
    const isDefault = reply.offline && !reply.cached_at;
    if (!(isDefault && cached)) {
      const { type, ok, id, ...policy } = reply;
      await chrome.storage.local.set({ policy: { ...policy, received_at: Date.now() } });
    }
  }
  await apply();
}

function hideFrom(policy) {
  const metrics = policy?.metrics;
  if (!metrics) return true;
  if (typeof metrics.active === "boolean") return metrics.active;
  return metrics.hide !== "never";
}

// The comparison guard and the after-posting cool-down, as the app's settings have them.
function guardFrom(policy) {
  const metrics = policy?.metrics ?? {};
  const minutes = Number(metrics.after_posting_minutes);
  return {
    comparison: metrics.comparison_guard !== false,
    after_posting_minutes: Number.isFinite(minutes) && minutes >= 0 ? minutes : DEFAULTS.guard.after_posting_minutes,
  };
}

function endOfDay(ms) {
  const day = new Date(ms);
  day.setHours(24, 0, 0, 0);
  return day.getTime();
}

// Each blocked site with the time its block ends (Infinity while the app keeps answering).
function blocks(policy, now) {
  if (!policy || !Array.isArray(policy.blocked_sites)) return [];
  const until = Date.parse(policy.block_until ?? policy.session?.ends_at ?? "");
  const live = !policy.offline && now - policy.received_at < LIVE_POLICY_MS;
  const found = [];
  for (const entry of policy.blocked_sites) {
    const site = String(entry?.site ?? "").toLowerCase();
    if (!site) continue;
    let ends;
    if (!Number.isNaN(until) && entry.reason !== "limit") ends = until;
    else if (entry.reason === "limit") {
      // The app says when the day's limits reset (its day start); older answers did not.
      const resets = Date.parse(entry.until ?? "");
      ends = Number.isNaN(resets) ? endOfDay(policy.received_at) : resets;
    }
    else ends = live ? policy.received_at + LIVE_POLICY_MS : 0;
    if (now < ends) found.push({ site, ends });
  }
  return found;
}

async function state(now = Date.now()) {
  const { policy, allowances = {} } = await chrome.storage.local.get(["policy", "allowances"]);
  const allowed = Object.fromEntries(Object.entries(allowances).filter(([, until]) => until > now));
  const blocked = blocks(policy, now).filter(({ site }) => !(site in allowed));
  return { policy, allowed, blocked };
}

const onSite = (host, site) => host === site || host.endsWith(`.${site}`);

function blockedSiteOf(url, blocked) {
  let host;
  try {
    const parsed = new URL(url);
    if (!parsed.protocol.startsWith("http")) return null;
    host = parsed.hostname.toLowerCase();
  } catch {
    return null;
  }
  return blocked.find(({ site }) => onSite(host, site))?.site ?? null;
}

function blockPageFor(site, url) {
  // `url` goes last and unencoded, as the redirect rule's substitution writes it.
  return `${BLOCK_PAGE}?site=${encodeURIComponent(site)}&url=${url}`;
}

// Runs one at a time: two overlapping rule updates would both add the same rule ids.
let applying = Promise.resolve();
function apply() {
  const run = applying.then(applyNow);
  applying = run.catch(() => {});
  return run;
}

async function applyNow() {
  const now = Date.now();
  const { policy, allowed, blocked } = await state(now);

  const hide = policy ? hideFrom(policy) : DEFAULTS.hide;
  const guard = guardFrom(policy);
  // Only a change of the policy's answer is written, so `hide` stays one settled value.
  const stored = await chrome.storage.local.get(["applied_hide", "guard"]);
  if (stored.applied_hide !== hide) await chrome.storage.local.set({ hide, applied_hide: hide });
  if (JSON.stringify(stored.guard) !== JSON.stringify(guard)) await chrome.storage.local.set({ guard });

  const rules = blocked.map(({ site }, index) => ({
    id: index + 1,
    priority: 1,
    action: {
      type: "redirect",
      redirect: {
        regexSubstitution: `${BLOCK_PAGE}?site=${encodeURIComponent(site)}&url=\\0`,
      },
    },
    condition: { regexFilter: "^https?://.*", requestDomains: [site], resourceTypes: ["main_frame"] },
  }));
  const old = await chrome.declarativeNetRequest.getSessionRules();
  await chrome.declarativeNetRequest.updateSessionRules({
    removeRuleIds: old.map((rule) => rule.id),
    addRules: rules,
  });

  // Wake exactly when a block ends or an allowance runs out, not only on the next period.
  const ends = [...blocked.map((b) => b.ends), ...Object.values(allowed)].filter(Number.isFinite);
  if (ends.length) chrome.alarms.create("expiry", { when: Math.max(Math.min(...ends), now + 100) });
  else chrome.alarms.clear("expiry");
  return blocked;
}

async function allow(site, minutes) {
  const { policy } = await chrome.storage.local.get("policy");
  if (policy?.session?.strict) return false;
  const { allowances = {} } = await chrome.storage.local.get("allowances");
  const now = Date.now();
  const kept = Object.fromEntries(Object.entries(allowances).filter(([, until]) => until > now));
  kept[site] = now + minutes * 60 * 1000;
  await chrome.storage.local.set({ allowances: kept });
  await apply();
  return true;
}

// -- active-tab time ---------------------------------------------------------------------------

// The kind of page last seen on each site (feed, someone's profile...), as its content script
// said; the worker forgets it when it sleeps, and the report then says "other".
const pageKinds = new Map();

async function activeSite() {
  const window = await chrome.windows.getLastFocused({ populate: true }).catch(() => null);
  if (!window?.focused) return null;
  const tab = window.tabs?.find((t) => t.active);
  return siteOf(tab?.url);
}

function siteOf(address) {
  try {
    const url = new URL(address ?? "");
    if (!url.protocol.startsWith("http") || !url.hostname) return null;
    return url.hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return null;
  }
}

async function reportActivity() {
  const now = Date.now();
  const { last_report_at: last } = await chrome.storage.session.get("last_report_at");
  await chrome.storage.session.set({ last_report_at: now });
  if (!last) return null;
  const seconds = Math.min((now - last) / 1000, MAX_REPORT_S);
  const idle = await chrome.idle.queryState(IDLE_AFTER_S);
  const site = idle === "active" ? await activeSite() : null;
  if (!site || seconds <= 0) return null;
  const message = { type: "activity", site, page_kind: pageKinds.get(site) ?? "other", active: true, seconds };
  await ask(message);
  return message;
}

// -- wiring ------------------------------------------------------------------------------------

function ensureAlarms() {
  chrome.alarms.get("policy", (alarm) => {
    if (!alarm) chrome.alarms.create("policy", { periodInMinutes: POLICY_PERIOD_MIN });
  });
  chrome.alarms.get("activity", (alarm) => {
    if (!alarm) chrome.alarms.create("activity", { periodInMinutes: ACTIVITY_PERIOD_MIN });
  });
}

chrome.runtime.onInstalled.addListener(async () => {
  const stored = await chrome.storage.local.get(Object.keys(DEFAULTS));
  const missing = Object.fromEntries(
    Object.entries(DEFAULTS).filter(([key]) => !(key in stored)),
  );
  await chrome.storage.local.set(missing);
  ensureAlarms();
  await refreshPolicy();
});

chrome.runtime.onStartup.addListener(() => {
  ensureAlarms();
  void refreshPolicy();
});

chrome.alarms.onAlarm.addListener((alarm) => {
  ensureAlarms();
  if (alarm.name === "policy") void refreshPolicy();
  else if (alarm.name === "activity") void reportActivity();
  else if (alarm.name === "expiry") void apply();
});

chrome.tabs.onActivated.addListener(() => void refreshPolicy());

// Messages from the block page and the navigation check; each answers through `respond`.
chrome.runtime.onMessage.addListener((message, sender, respond) => {
  if (sender.id !== chrome.runtime.id) return false;
  handle(message, sender).then(respond, () => respond(null));
  return true;
});

async function handle(message, sender) {
  switch (message?.kind) {
    case "check": {
      const { blocked } = await state();
      const site = blockedSiteOf(message.url, blocked);
      return { block_page: site ? blockPageFor(site, message.url) : null };
    }
    case "prompt": {
      const { policy } = await chrome.storage.local.get("policy");
      const trigger = PAGE_TRIGGERS.has(message.trigger) ? message.trigger : "blocked_site";
      const reply = await ask({ type: "get_prompt", trigger, site: message.site });
      return {
        strict: Boolean(policy?.session?.strict),
        prompt: reply?.ok ? reply.prompt : null,
        pause_s: reply?.ok ? reply.pause_s : null,
      };
    }
    case "urge": {
      const { kind, ...urge } = message;
      let allowed = false;
      if (urge.choice === "allow") {
        allowed = await allow(urge.site, urge.minutes);
        if (!allowed) return { allowed };
      }
      const fields = Object.entries(urge).filter(([, value]) => value !== null && value !== "");
      await ask({ type: "urge", ...Object.fromEntries(fields) });
      return { allowed };
    }
    case "page": {
      const host = siteOf(sender.tab?.url ?? sender.url);
      if (host && PAGE_KINDS.has(message.page_kind)) pageKinds.set(host, message.page_kind);
      return {};
    }
    case "posted": {
      // The user published something: numbers and notifications on that site stay hidden for
      // the cool-down the app's settings give.
      const name = String(message.site ?? "");
      if (!/^[a-z_]{1,32}$/.test(name)) return null;
      const { guard = DEFAULTS.guard, posted_until: until = {} } = await chrome.storage.local.get(["guard", "posted_until"]);
      if (!(guard.after_posting_minutes > 0)) return { until: 0 };
      const now = Date.now();
      const kept = Object.fromEntries(Object.entries(until).filter(([, end]) => end > now));
      kept[name] = now + guard.after_posting_minutes * 60 * 1000;
      await chrome.storage.local.set({ posted_until: kept });
      return { until: kept[name] };
    }
    case "switch": {
      // The popup's per-site switch: false leaves that site's numbers shown.
      const name = String(message.site ?? "");
      if (!/^[a-z_]{1,32}$/.test(name) || typeof message.hide !== "boolean") return null;
      const { switches = {} } = await chrome.storage.local.get("switches");
      await chrome.storage.local.set({ switches: { ...switches, [name]: message.hide } });
      return {};
    }
    case "status": {
      const { policy, switches = {}, posted_until: until = {} } = await chrome.storage.local.get(["policy", "switches", "posted_until"]);
      const reply = await ask({ type: "get_policy" });
      return { connected: Boolean(reply?.ok && !reply.offline), policy: policy ?? null, switches, posted_until: until };
    }
    case "back": {
      const tab = sender.tab;
      if (tab?.id === undefined) return null;
      try {
        await chrome.tabs.goBack(tab.id);
      } catch {
        const origin = new URL(tab.url ?? sender.url).origin;
        await chrome.tabs.update(tab.id, { url: `${origin}/` });
      }
      return {};
    }
    case "leave": {
      // A block page opened straight in a new tab has nowhere to go back to: a new tab it is.
      const tab = sender.tab;
      if (tab?.id === undefined) return {};
      try {
        await chrome.tabs.update(tab.id, { url: "chrome://newtab/" });
      } catch {
        // Firefox loads no new-tab page into a tab for an extension, but opens a new tab.
        await chrome.tabs.create({ windowId: tab.windowId, index: tab.index, active: true });
        await chrome.tabs.remove(tab.id);
      }
      return {};
    }
    default:
      return null;
  }
}

// A worker woken from sleep has lost its port and timers, not its stored policy.
ensureAlarms();
void apply();
