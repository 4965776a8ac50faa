// Generated from common/block.js by scripts/build_extension.py: edit that, then run it.
// The page a blocked site is redirected to: a breathing pause as long as the app asks, then
// its question, "Back", and (outside strict sessions) "Allow N minutes" with a typed intention.
// How it ends is sent to the app as an urge. Everything works from the keyboard; Escape is Back.
"use strict";

const MINUTES = [2, 5, 10, 15];
const MIN_INTENTION = 3;
const FALLBACK_PAUSE_S = 4;
// The words of this page in the browser's language (_locales), English when a message is missing.
const say = (name, fallback, ...subs) => chrome.i18n?.getMessage(name, subs) || fallback;
// Used when the app is not running, so the pause still asks something.
const FALLBACK_PROMPTS = [
  ["want", "What were you hoping to find here?", "Something new|A break|Someone's reply|Nothing really"],
  ["feel", "How are you feeling right now?", "Bored|Tired|Stuck|Curious"],
  ["after", "How will you feel in ten minutes if you go in?", "Better|The same|Worse"],
].map(([name, text, answers]) => ({
  id: `fallback.${name}`,
  text: say(`fallback_${name}`, text),
  answers: say(`fallback_${name}_answers`, answers).split("|"),
}));

function localize() {
  for (const element of document.querySelectorAll("[data-i18n]")) {
    element.textContent = say(element.dataset.i18n, element.textContent);
  }
  for (const element of document.querySelectorAll("[data-i18n-label]")) {
    element.setAttribute("aria-label", say(element.dataset.i18nLabel, element.getAttribute("aria-label")));
  }
  for (const element of document.querySelectorAll("[data-i18n-placeholder]")) {
    element.placeholder = say(element.dataset.i18nPlaceholder, element.placeholder);
  }
  document.documentElement.lang = chrome.i18n?.getUILanguage?.() ?? "en";
}

const query = new URLSearchParams(location.search);
const site = query.get("site") ?? "";
// The redirect rule appends the blocked address raw, so it is everything after "&url=".
const marker = location.href.indexOf("&url=");
const target = marker >= 0 ? location.href.slice(marker + 5) : "";

const $ = (id) => document.getElementById(id);
let prompt = null;
let answer = null;
let minutes = MINUTES[0];
let done = false;

function chip(text, role, onPick) {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = text;
  if (role) button.setAttribute("role", role);
  button.addEventListener("click", () => onPick(button));
  return button;
}

function press(group, chosen, attribute) {
  for (const button of group.children) button.setAttribute(attribute, String(button === chosen));
}

async function finish(choice, extra = {}) {
  if (done) return;
  done = true;
  const reply = await chrome.runtime
    .sendMessage({
      kind: "urge", site, choice, prompt_id: prompt?.id ?? null, answer, ...extra,
    })
    .catch(() => null);
  if (choice === "allow") {
    if (reply?.allowed && /^https?:\/\//.test(target)) location.replace(target);
    else done = false;
    return;
  }
  if (history.length > 1) history.back();
  else await chrome.runtime.sendMessage({ kind: "leave" }).catch(() => null);
}

function showQuestion(strict) {
  $("pause").hidden = true;
  $("ask").hidden = false;
  $("question").textContent = prompt.text;
  const answers = $("answers");
  for (const text of prompt.answers ?? []) {
    answers.append(chip(text, null, (button) => {
      answer = button.getAttribute("aria-pressed") === "true" ? null : text;
      press(answers, answer === null ? null : button, "aria-pressed");
    }));
  }
  press(answers, null, "aria-pressed");
  $("back").addEventListener("click", () => void finish("back"));
  if (!strict) {
    const form = $("allow");
    const group = $("minutes");
    for (const value of MINUTES) {
      group.append(chip(say("block_minutes", `${value} minutes`, String(value)), "radio", (button) => {
        minutes = value;
        press(group, button, "aria-checked");
      }));
    }
    press(group, group.firstElementChild, "aria-checked");
    const intention = $("intention");
    const ready = () => intention.value.trim().length >= MIN_INTENTION;
    intention.addEventListener("input", () => { $("allow-button").disabled = !ready(); });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (ready()) void finish("allow", { minutes, intention: intention.value.trim() });
    });
    form.hidden = false;
  }
  (answers.firstElementChild ?? $("back")).focus();
}

addEventListener("keydown", (event) => {
  if (event.key === "Escape") {
    event.preventDefault();
    void finish("back");
  }
});

async function start() {
  $("site").textContent = site;
  localize();
  document.title = say("block_title", `${site} is paused - Focusapp`, site);
  const reply = await chrome.runtime.sendMessage({ kind: "prompt", site }).catch(() => null);
  prompt = reply?.prompt ?? FALLBACK_PROMPTS[Math.floor(Math.random() * FALLBACK_PROMPTS.length)];
  const pause = Number(reply?.prompt ? reply.pause_s : FALLBACK_PAUSE_S) || 0;
  setTimeout(() => showQuestion(Boolean(reply?.strict)), Math.max(0, pause) * 1000);
}

void start();
