// Generated from common/core.js by scripts/build_extension.py: edit that, then run it.
// The content scripts' decisions, kept free of the DOM so node's test runner can check them
// (tests/js): which text is a count, what kind of page an address is, and what the page should
// hide now. Loaded first on every social site; the other scripts read `globalThis.focusappCore`.
"use strict";

(() => {
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
  // French and Spanish put "de" or "d’" between a large count and its word: "1,5 M de vues".
  const LINK = String.raw`(?:de[\u00a0\u202f ]+|d[’'])?`;
  const COUNT = new RegExp(
    String.raw`(?<![\p{L}\p{N}.,])(?:${NUMBER})${MAGNITUDE}?(?=[\u00a0\u202f ]+${LINK}(?:${WORDS})(?!\p{L}))`,
    "giu",
  );
  const TITLE_COUNT = /^\(\d[\d.,]*\+?\)\s*/;

  // Every count is a digit with a space somewhere after it, before its word: text without that
  // (a bare "48" in a button, a name) is passed over without running the full expression.
  const MAYBE = /\d[^]*?[\u00a0\u202f ]/;

  /** Whether `text` could hold a count at all: a cheap test that never says no to one. */
  function mayHoldCount(text) {
    return MAYBE.test(text);
  }

  /** Each count in `text` as [start, end), for the number and its magnitude only. */
  function countsIn(text) {
    if (!MAYBE.test(text)) return [];
    return [...text.matchAll(COUNT)].map((m) => [m.index, m.index + m[0].length]);
  }

  /** The title without a leading "(3) " unread count. */
  function stripTitleCount(title) {
    return title.replace(TITLE_COUNT, "");
  }

  /**
   * The selectors a browser accepts, in their order: one renamed or unsupported selector drops
   * alone, and the fallbacks behind it still apply. `accepts` asks the browser (or a test).
   */
  function usable(selectors, accepts) {
    return (Array.isArray(selectors) ? selectors : []).filter((selector) => {
      if (typeof selector !== "string" || !selector.trim()) return false;
      try {
        return accepts(selector) !== false;
      } catch {
        return false;
      }
    });
  }

  function pattern(source) {
    try {
      return source ? new RegExp(source, "u") : null;
    } catch {
      return null;
    }
  }

  /**
   * What kind of page `pathname` is on a site, by its address alone: "notifications", "post",
   * "profile" (with the handle the address names), "feed" or "other". The site's `pages` hold one
   * regular expression per kind; a handle is the first group.
   */
  function classify(pages, pathname) {
    const kinds = pages ?? {};
    for (const kind of ["notifications", "post", "profile", "feed"]) {
      const match = pattern(kinds[kind])?.exec(pathname);
      if (match) return { kind, handle: match[1] ? match[1].toLowerCase() : null };
    }
    return { kind: "other", handle: null };
  }

  /**
   * The page's kind with the user's own account taken into account: "own_profile" or
   * "other_profile", "own_post" or "post". `self` is the user's own handle when the page shows it,
   * `ownMarks` whether the page carries a mark only one's own profile has (an "Edit profile"
   * button); neither known means a profile counts as someone else's.
   */
  function pageKind(page, self, ownMarks) {
    const mine = Boolean((self && page.handle === self.toLowerCase()) || ownMarks);
    if (page.kind === "profile") return mine ? "own_profile" : "other_profile";
    if (page.kind === "post") return self && page.handle === self.toLowerCase() ? "own_post" : "post";
    return page.kind;
  }

  /**
   * What the page does now, from the stored state: `hide` (the app's answer), `switches` (the
   * popup's per-site choices), `guard` (the app's comparison and after-posting settings) and
   * `postedUntil` (per site, when the after-posting cool-down ends).
   *
   * Returns `hide` (numbers hidden), `guard` (follower numbers hidden whatever `hide` says),
   * `cooling` (the after-posting cool-down runs), `coolingEnds`, and `ask`: which card to show
   * ("comparison", "after_posting") or null.
   */
  function decide({ stored, site, kind, now }) {
    const switches = stored.switches ?? {};
    const guard = { comparison: true, after_posting_minutes: 60, ...(stored.guard ?? {}) };
    const coolingEnds = Number((stored.posted_until ?? {})[site]) || 0;
    const cooling = guard.after_posting_minutes > 0 && now < coolingEnds;
    const hide = cooling || (stored.hide !== false && switches[site] !== false);
    const comparing = guard.comparison !== false && kind === "other_profile";
    let ask = null;
    if (cooling && ["notifications", "own_profile", "own_post"].includes(kind)) ask = "after_posting";
    else if (comparing) ask = "comparison";
    return { hide, guard: comparing, cooling, coolingEnds: cooling ? coolingEnds : 0, ask };
  }

  globalThis.focusappCore = Object.freeze({
    countsIn, mayHoldCount, stripTitleCount, usable, classify, pageKind, decide,
  });
})();
