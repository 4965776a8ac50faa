// Unit tests for the extension's DOM-free decisions (common/core.js), with node's own runner:
//   node --test tests/js
// core.js is a classic script that sets `globalThis.focusappCore`, so it runs here in a fresh
// context exactly as the browser loads it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const extension = fileURLToPath(new URL("../../focusapp/resources/extension/common/", import.meta.url));
const context = vm.createContext({});
vm.runInContext(readFileSync(`${extension}core.js`, "utf8"), context);
const core = context.focusappCore;
const site = (name) => JSON.parse(readFileSync(`${extension}sites/${name}.json`, "utf8"));

// Values made in the script's own context compare by structure only once copied into this one.
const plain = (value) => JSON.parse(JSON.stringify(value));
const hidden = (text) => plain(core.countsIn(text)).map(([start, end]) => text.slice(start, end));

test("counts with a metric word are found, in five languages", () => {
  const cases = [
    ["1.2K likes", ["1.2K"]],
    ["48 replies, 152 reposts, 553 likes", ["48", "152", "553"]],
    ["3,4 mln weergaven", ["3,4 mln"]],
    ["12 k Follower", ["12 k"]],
    ["2 345 vues", ["2 345"]],
    ["1.234 Aufrufe", ["1.234"]],
    ["15 mil visualizaciones", ["15 mil"]],
    ["987 vind-ik-leuks", ["987"]],
    ["4,5 M de vues", ["4,5 M"]],
    ["1,2 M d’abonnés", ["1,2 M"]],
    ["1,5 M de visualizaciones", ["1,5 M"]],
    ["15 de marzo", []], // "de" alone makes nothing a count
    ["12\u00a0000 abonnés", ["12\u00a0000"]],
    ["1 reply", ["1"]],
  ];
  for (const [text, expected] of cases) assert.deepEqual(hidden(text), expected, text);
});

test("the cheap pre-test never turns a count away", () => {
  const samples = [
    "1.2K likes", "48 replies, 152 reposts", "3,4 mln weergaven", "12\u00a0000 abonnés",
    "1,2 M d’abonnés", "Liked by 3.5M likes", "2\u202f345 vues", "48", "Follow", "", "v2.5",
  ];
  for (const text of samples) {
    if (plain(core.countsIn(text)).length) assert.ok(core.mayHoldCount(text), text);
  }
  assert.equal(core.mayHoldCount("48"), false);
  assert.equal(core.mayHoldCount("Follow"), false);
});

test("numbers that are content stay visible", () => {
  for (const text of [
    "Top 5 songs of 2024",
    "The match ended 3-1",
    "A song titled 22",
    "Chapter 12 of 40",
    "v2.5 release notes",
    "likes 12",
    "ABC123 likes", // part of a word
  ]) {
    assert.deepEqual(hidden(text), [], text);
  }
});

test("only the number and its magnitude are hidden, the word stays", () => {
  const text = "Liked by 3.5M likes and 12 comments";
  for (const [start, end] of core.countsIn(text)) assert.match(text.slice(start, end), /^[\d.,]+M?$/);
  assert.equal(text.slice(core.countsIn(text)[0][1]), " likes and 12 comments");
});

test("the unread count leaves the title, nothing else does", () => {
  assert.equal(core.stripTitleCount("(3) Home / X"), "Home / X");
  assert.equal(core.stripTitleCount("(1,204+) Feed"), "Feed");
  assert.equal(core.stripTitleCount("Home (3) / X"), "Home (3) / X");
  assert.equal(core.stripTitleCount("(a) Home"), "(a) Home");
});

test("selector fallbacks: a rejected selector drops alone, order is kept", () => {
  const accepts = (selector) => {
    if (selector.includes(":has-text")) throw new SyntaxError(selector);
    return null;
  };
  const selectors = ['[data-e2e="like-count"]', "span:has-text(likes)", "strong.likes", "", 7];
  assert.deepEqual(plain(core.usable(selectors, accepts)), ['[data-e2e="like-count"]', "strong.likes"]);
  assert.deepEqual(plain(core.usable(undefined, accepts)), []);
});

test("every site's selectors are strings, hooks first, and its pages are valid expressions", () => {
  const sites = ["bluesky", "facebook", "instagram", "linkedin", "old_reddit", "reddit", "threads", "tiktok", "x", "youtube"];
  for (const name of sites) {
    const data = site(name);
    for (const [group, selectors] of Object.entries(data.hide)) {
      assert.ok(selectors.length > 0, `${name}: ${group} has no selector`);
      for (const selector of selectors) assert.equal(typeof selector, "string");
    }
    for (const group of data.guard ?? []) assert.ok(group in data.hide, `${name}: guard names ${group}`);
    for (const [kind, source] of Object.entries(data.pages ?? {})) {
      assert.doesNotThrow(() => new RegExp(source, "u"), `${name}: pages.${kind}`);
    }
  }
});

test("page kinds come from the address, with the profile's handle", () => {
  const x = site("x").pages;
  assert.deepEqual({ ...core.classify(x, "/notifications") }, { kind: "notifications", handle: null });
  assert.deepEqual({ ...core.classify(x, "/Sam_Doe") }, { kind: "profile", handle: "sam_doe" });
  assert.deepEqual({ ...core.classify(x, "/sam_doe/followers") }, { kind: "profile", handle: "sam_doe" });
  assert.deepEqual({ ...core.classify(x, "/sam_doe/status/123") }, { kind: "post", handle: "sam_doe" });
  assert.equal(core.classify(x, "/home").kind, "feed");
  assert.equal(core.classify(x, "/explore").kind, "other");
  assert.equal(core.classify(x, "/settings").kind, "other");
  const bsky = site("bluesky").pages;
  assert.deepEqual({ ...core.classify(bsky, "/profile/sam.bsky.social") }, { kind: "profile", handle: "sam.bsky.social" });
  assert.equal(core.classify(bsky, "/profile/sam.bsky.social/post/3k").kind, "post");
  assert.equal(core.classify(site("instagram").pages, "/p/Cx12/").kind, "post");
  assert.equal(core.classify(site("instagram").pages, "/explore/").kind, "other");
  assert.equal(core.classify({ profile: "([" }, "/x").kind, "other"); // a broken pattern matches nothing
});

test("one's own profile and posts are told apart from someone else's", () => {
  const x = site("x").pages;
  const page = core.classify(x, "/sam_doe");
  assert.equal(core.pageKind(page, "Sam_Doe", false), "own_profile");
  assert.equal(core.pageKind(page, "alex", false), "other_profile");
  assert.equal(core.pageKind(page, null, false), "other_profile");
  assert.equal(core.pageKind(page, null, true), "own_profile"); // an "Edit profile" button
  assert.equal(core.pageKind(core.classify(x, "/sam_doe/status/1"), "sam_doe", false), "own_post");
  assert.equal(core.pageKind(core.classify(x, "/alex/status/1"), "sam_doe", false), "post");
});

const NOW = 1_800_000_000_000;

test("the app's answer and the popup's switch decide hiding", () => {
  const decide = (stored) => core.decide({ stored, site: "x", kind: "feed", now: NOW }).hide;
  assert.equal(decide({}), true); // nothing known yet: hidden
  assert.equal(decide({ hide: false }), false);
  assert.equal(decide({ hide: true, switches: { x: false } }), false);
  assert.equal(decide({ hide: true, switches: { youtube: false } }), true);
});

test("after posting, numbers stay hidden and own pages ask first, until the cool-down ends", () => {
  const stored = { hide: false, switches: { x: false }, posted_until: { x: NOW + 60_000 } };
  const at = (kind, now = NOW) => core.decide({ stored, site: "x", kind, now });
  assert.equal(at("feed").hide, true);
  assert.equal(at("feed").cooling, true);
  assert.equal(at("feed").coolingEnds, NOW + 60_000);
  assert.equal(at("feed").ask, null);
  for (const kind of ["notifications", "own_profile", "own_post"]) assert.equal(at(kind).ask, "after_posting");
  assert.equal(at("notifications", NOW + 60_001).ask, null);
  assert.equal(at("feed", NOW + 60_001).hide, false);
  const off = { ...stored, guard: { after_posting_minutes: 0 } };
  assert.equal(core.decide({ stored: off, site: "x", kind: "notifications", now: NOW }).ask, null);
  assert.equal(core.decide({ stored, site: "youtube", kind: "notifications", now: NOW }).cooling, false);
});

test("someone else's profile keeps follower numbers hidden and asks, unless the guard is off", () => {
  const shown = { hide: false };
  const there = core.decide({ stored: shown, site: "x", kind: "other_profile", now: NOW });
  assert.equal(there.hide, false);
  assert.equal(there.guard, true);
  assert.equal(there.ask, "comparison");
  const own = core.decide({ stored: shown, site: "x", kind: "own_profile", now: NOW });
  assert.equal(own.guard, false);
  assert.equal(own.ask, null);
  const off = core.decide({ stored: { guard: { comparison: false } }, site: "x", kind: "other_profile", now: NOW });
  assert.equal(off.guard, false);
  assert.equal(off.ask, null);
});
