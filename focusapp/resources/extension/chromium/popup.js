// Generated from common/popup.js by scripts/build_extension.py: edit that, then run it.
// The toolbar popup: whether the app answers, what it says about numbers, and one switch per
// site. A switch only ever shows numbers the app would hide; the after-posting cool-down and the
// comparison guard still apply. Everything here is a checkbox, so it works from the keyboard.
"use strict";

const say = (name, fallback, ...subs) => chrome.i18n?.getMessage(name, subs) || fallback;
const $ = (id) => document.getElementById(id);

function localize() {
  for (const element of document.querySelectorAll("[data-i18n]")) {
    element.textContent = say(element.dataset.i18n, element.textContent);
  }
  document.documentElement.lang = chrome.i18n?.getUILanguage?.() ?? "en";
}

function timeOf(ms) {
  return new Date(ms).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

function describe(status) {
  const policy = status?.policy;
  if (status?.connected) $("connection").textContent = say("popup_connected", "Focusapp is running.");
  else if (policy) {
    $("connection").textContent = say("popup_offline", "Focusapp isn't running. Its last settings still apply.");
  } else {
    $("connection").textContent = say("popup_unknown", "Focusapp hasn't answered yet, so numbers stay hidden.");
  }
  const mode = policy?.metrics?.hide ?? "always";
  const words = {
    always: ["popup_mode_always", "Focusapp hides numbers all the time."],
    focus: ["popup_mode_focus", "Focusapp hides numbers during focus sessions."],
    never: ["popup_mode_never", "Focusapp is set to show numbers."],
  }[mode] ?? ["popup_mode_always", "Focusapp hides numbers all the time."];
  $("mode").textContent = say(...words);
  // With the app showing numbers everywhere, a switch could only hide more: that is the app's
  // setting to change, so the switches rest until then.
  document.querySelector("fieldset").disabled = mode === "never";
}

function listSites(status) {
  const switches = status?.switches ?? {};
  const until = status?.posted_until ?? {};
  const list = $("sites");
  list.replaceChildren();
  for (const { name, title } of globalThis.focusappSites ?? []) {
    const item = document.createElement("li");
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = switches[name] !== false;
    box.dataset.site = name;
    box.addEventListener("change", () => {
      void chrome.runtime.sendMessage({ kind: "switch", site: name, hide: box.checked });
    });
    label.append(box, document.createTextNode(title));
    item.append(label);
    if (until[name] > Date.now()) {
      const note = document.createElement("span");
      note.className = "cooling";
      note.textContent = say("popup_cooling", `Hidden until ${timeOf(until[name])}, after your post.`, timeOf(until[name]));
      item.append(note);
    }
    list.append(item);
  }
}

async function start() {
  localize();
  // The stored state first, so the popup never opens empty; then the app's live answer.
  const stored = await chrome.storage.local.get(["policy", "switches", "posted_until"]);
  const cached = { connected: false, ...stored };
  describe(cached);
  listSites(cached);
  const status = await chrome.runtime.sendMessage({ kind: "status" }).catch(() => null);
  if (status) {
    describe(status);
    listSites(status);
  }
  $("sites").querySelector("input")?.focus();
}

void start();
