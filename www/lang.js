// The web page's language: the visitor's browser's (navigator.languages), or the one picked
// in the header's language picker (remembered in localStorage), among the languages the
// extension ships: its _locales, copied into the site at build time, read the way
// chrome.i18n reads them (l10n.js), over the English ones for any message a translation
// lacks. The page's lang and direction follow the language shown.
import "./l10n.js";
import { NAMES } from "./names.js";

const L = globalThis.OutageRadarL10n;
const KEY = "outage-radar-lang";

function remembered() {
  const asked = new URLSearchParams(location.search).get("lang");
  if (asked) return asked;
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

async function readMessages(locale) {
  const response = await fetch(`_locales/${locale}/messages.json`);
  if (!response.ok) throw new Error(`could not load _locales/${locale}/messages.json: HTTP ${response.status}`);
  return response.json();
}

/** The locales this build of the site has (`make` lists them in locales.json), in l10n.js's order. */
async function available() {
  try {
    const response = await fetch("locales.json");
    const listed = response.ok ? await response.json() : [];
    const have = L.LOCALES.filter((l) => listed.includes(l));
    return have.length ? have : ["en"];
  } catch {
    return ["en"];
  }
}

/**
 * Loads the language to show: `{ t, locale, locales }`, with `t(key, substitutions)` like
 * chrome.i18n.getMessage, `locale` the shipped locale shown and `locales` those to pick from.
 * Sets <html lang dir>.
 */
export async function loadLanguage() {
  const locales = await available();
  const picked = remembered();
  const locale = locales.includes(picked) ? picked : L.bestLocale(navigator.languages ?? [navigator.language], locales) ?? "en";
  const english = await readMessages("en");
  let messages = english;
  let shown = "en";
  if (locale !== "en") {
    try {
      messages = { ...english, ...(await readMessages(locale)) };
      shown = locale;
    } catch {
      // That language could not be read: English rather than nothing.
    }
  }
  // The browser's own regional form when it is the same language (en-GB's 24-hour clock).
  const ui = (navigator.languages ?? []).find((tag) => L.bestLocale([tag], [shown]) === shown) ?? shown;
  const t = L.makeT(messages, { uiLocale: ui });
  const intl = L.intl(t);
  document.documentElement.lang = intl.locale;
  document.documentElement.dir = intl.dir;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-label]")) node.setAttribute("aria-label", t(node.dataset.i18nLabel));
  return { t, locale: shown, locales };
}

/** The language picker: each language in its own name; a choice is remembered and the page reloads in it. */
export function languagePicker(t, locale, locales) {
  const select = document.createElement("select");
  select.id = "language";
  select.setAttribute("aria-label", t("site_language"));
  for (const l of locales) {
    const option = document.createElement("option");
    option.value = l;
    option.lang = l.replace(/_/g, "-");
    option.textContent = NAMES[l] ?? l;
    option.selected = l === locale;
    select.append(option);
  }
  select.addEventListener("change", () => {
    try {
      localStorage.setItem(KEY, select.value);
    } catch {
      // Not remembered; shown all the same.
    }
    const url = new URL(location.href);
    url.searchParams.set("lang", select.value);
    location.assign(url);
  });
  return select;
}
