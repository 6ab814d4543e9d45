// The check behind locales.test.mjs: every language the extension ships must have every
// English message, translated, with the same placeholders. Kept apart from the test so the
// test can also run it on small made-up locale folders (a checker that cannot fail is no
// check), and so a translator can run it on a folder by hand:
//   node tests/unit/locales-check.mjs [extension/_locales]
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The languages issue 22 promises, besides English (folder names as the browsers want them). */
export const REQUIRED = ["ar", "de", "es", "fr", "hi", "id", "it", "ja", "ko", "nl", "pl", "pt_BR", "ru", "tr", "uk", "vi", "zh_CN", "zh_TW"];

/** The store listing: Chrome's limits on a package's name and description, in characters. */
const LIMITS = { extName: 75, extDescription: 132 };

/**
 * Words that stay as they are in every language: names (of the extension, of OpenAI's
 * products and sites, of other services the guide links to), host names, and the unit
 * abbreviations that many languages share (min, h, s). A message made of nothing else
 * (plus placeholders, numbers and punctuation) may equal the English one.
 */
const NAMES = [
  "Outage Radar", "ChatGPT", "OpenAI", "Downdetector", "Sora", "Codex", /\b(?:API|HTTP|X)\b/g,
  /\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|dev)\b/g, /https?:\/\/\S+/g,
  /\b(?:min|h|s|d)\b/g,
];

/**
 * Messages that may stay in English in one language, each with its reason. Short on
 * purpose: anything else left in English is an untranslated message.
 * `"*"` applies to every language.
 */
export const SAME_AS_ENGLISH = {
  "*": {
    // The sample banner of the options page names a real status-page component, and the
    // status page names its components in English in every language.
    options_preview_service: "a component name as status.openai.com writes it (in English)",
  },
  de: {
    report_browser: "German says 'Browser'",
    report_status: "German says 'Status'",
  },
  fr: {
    report_incident: "French says 'Incident'",
    report_extension: "French says 'Extension'",
    options_notify_legend: "French says 'Notifications'",
    options_minutes: "French says 'minutes'",
  },
  id: {
    report_status: "Indonesian says 'Status'",
    report_browser: "Indonesian says 'Browser'",
  },
  it: {
    report_link: "Italian says 'Link'",
    report_browser: "Italian says 'Browser'",
  },
  nl: {
    report_incident: "Dutch says 'Incident'",
    report_link: "Dutch says 'Link'",
    report_status: "Dutch says 'Status'",
    report_browser: "Dutch says 'Browser'",
  },
};

/** `$NAME$` placeholders of a message, upper-cased (the browsers match them case-blind); `$$` is a literal dollar. */
export function placeholdersIn(message) {
  return [...String(message).replaceAll("$$", "").matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1].toUpperCase()).sort();
}

/** Whether `message` is made only of names, placeholders, numbers and punctuation (nothing to translate). */
export function nothingToTranslate(message) {
  let rest = String(message).replaceAll("$$", "").replace(/\$[A-Za-z0-9_@]+\$/g, " ");
  for (const name of NAMES) rest = typeof name === "string" ? rest.replaceAll(name, " ") : rest.replace(name, " ");
  return !/\p{L}/u.test(rest);
}

/** The placeholders block as `{ NAME: content }`, or null when it is missing or malformed. */
function placeholderBlock(entry) {
  const block = entry?.placeholders;
  if (block == null) return {};
  if (typeof block !== "object" || Array.isArray(block)) return null;
  return Object.fromEntries(Object.entries(block).map(([name, p]) => [name.toUpperCase(), p?.content]));
}

function readMessages(file, problems, where) {
  try {
    const data = JSON.parse(readFileSync(file, "utf8"));
    if (data == null || typeof data !== "object" || Array.isArray(data)) throw new Error("not an object");
    return data;
  } catch (err) {
    problems.push(`${where}: messages.json does not parse: ${err.message}`);
    return null;
  }
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Every problem with the locales in `dir` (a `_locales` folder), as sentences naming the
 * locale and key; none when all is well. `required`: the locales that must exist;
 * `allow`: messages that may equal English (SAME_AS_ENGLISH's shape); `store`: whether
 * `dir` is the extension's, whose English must carry the store listing.
 */
export function checkLocales(dir, { required = REQUIRED, allow = SAME_AS_ENGLISH, manifest, store = true } = {}) {
  const problems = [];
  if (manifest !== undefined && manifest?.default_locale !== "en") {
    problems.push(`manifest: default_locale is ${JSON.stringify(manifest?.default_locale)}, not "en"`);
  }
  const enFile = path.join(dir, "en", "messages.json");
  if (!existsSync(enFile)) return [...problems, "en: messages.json is missing"];
  const en = readMessages(enFile, problems, "en");
  if (!en) return problems;
  // `store: false` for the web page's own messages (www/_locales), which have no listing.
  for (const key of store ? Object.keys(LIMITS) : []) {
    if (!en[key]?.message) problems.push(`en: ${key} is missing (the store listing needs it)`);
  }
  for (const [key, entry] of Object.entries(en)) {
    const block = placeholderBlock(entry);
    if (block === null) problems.push(`en: ${key}: its placeholders block is not an object`);
    else if (!same(Object.keys(block).sort(), [...new Set(placeholdersIn(entry?.message))])) {
      problems.push(`en: ${key}: the message's placeholders and its placeholders block disagree`);
    }
  }

  const locales = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  for (const locale of required) {
    if (!locales.includes(locale)) problems.push(`${locale}: the locale is missing`);
  }
  for (const locale of locales.filter((l) => l !== "en").sort()) {
    const file = path.join(dir, locale, "messages.json");
    if (!existsSync(file)) {
      problems.push(`${locale}: messages.json is missing`);
      continue;
    }
    const messages = readMessages(file, problems, locale);
    if (!messages) continue;
    const allowed = { ...allow["*"], ...allow[locale] };
    for (const [key, english] of Object.entries(en)) {
      const entry = messages[key];
      if (entry === undefined) {
        problems.push(`${locale}: ${key} is missing`);
        continue;
      }
      const message = entry?.message;
      if (typeof message !== "string" || message.trim() === "") {
        problems.push(`${locale}: ${key} is empty`);
        continue;
      }
      const want = placeholdersIn(english.message);
      const got = placeholdersIn(message);
      if (!same([...new Set(got)], [...new Set(want)])) {
        problems.push(`${locale}: ${key} has placeholders ${got.join(" ") || "(none)"}, English has ${want.join(" ") || "(none)"}`);
      }
      const block = placeholderBlock(entry);
      if (!same(block, placeholderBlock(english))) {
        problems.push(`${locale}: ${key}: its placeholders block differs from English's (names and contents must match)`);
      }
      if (message.trim() === english.message.trim() && !nothingToTranslate(message) && !(key in allowed)) {
        problems.push(`${locale}: ${key} is still in English ("${message}")`);
      }
      if (key in LIMITS && [...message].length > LIMITS[key]) {
        problems.push(`${locale}: ${key} is ${[...message].length} characters, over the store's ${LIMITS[key]}`);
      }
    }
    for (const [key, entry] of Object.entries(messages)) {
      if (key in en) continue;
      // The plural forms English doesn't have (Russian's _few and _many, Arabic's _zero, _two,
      // _few, _many): allowed beside an English plural message, with its placeholders.
      const plural = /^(.*)_(zero|two|few|many)$/.exec(key);
      const english = plural && en[`${plural[1]}_other`];
      if (!english) {
        problems.push(`${locale}: ${key} is not an English message (renamed or removed?)`);
      } else if (!same(placeholderBlock(entry), placeholderBlock(english))) {
        problems.push(`${locale}: ${key}: its placeholders block differs from English's ${plural[1]}_other`);
      } else if (typeof entry?.message !== "string" || !entry.message.trim()) {
        problems.push(`${locale}: ${key} is empty`);
      }
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? fileURLToPath(new URL("../../extension/_locales", import.meta.url));
  const problems = checkLocales(dir);
  for (const p of problems) console.log(p);
  console.log(problems.length ? `${problems.length} problem(s)` : "all locales complete");
  process.exit(problems.length ? 1 : 0);
}
