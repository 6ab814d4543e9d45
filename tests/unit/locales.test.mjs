// Every language the extension ships has every message, translated, with English's
// placeholders (issue 22): a missing, empty or untranslated message, or a placeholder that
// differs from English, shows as a key in English or a broken sentence to that language's
// users. The checking itself is in locales-check.mjs; its own tests run it on small
// made-up locale folders, so each kind of fault is seen to fail.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { REQUIRED, checkLocales, nothingToTranslate, placeholdersIn } from "./locales-check.mjs";

const locales = fileURLToPath(new URL("../../extension/_locales", import.meta.url));
const manifest = JSON.parse(readFileSync(new URL("../../extension/manifest.json", import.meta.url), "utf8"));
const shipped = checkLocales(locales, { manifest });

test("the shipped messages: every locale complete, translated, with English's placeholders", () => {
  const faults = shipped.filter((p) => !p.endsWith(": the locale is missing"));
  assert.ok(faults.length === 0, faults.join("\n"));
});

// The web page's own words (its navigation, introduction, simulator) live in www/_locales,
// merged with the extension's at build time (tools/www-locales.mjs): held to the same rules.
const pageLocales = fileURLToPath(new URL("../../www/_locales", import.meta.url));

test("the web page's own messages: every locale complete, translated, with English's placeholders, none also the extension's", () => {
  const faults = checkLocales(pageLocales, { store: false });
  assert.ok(faults.length === 0, faults.join("\n"));
  const extension = JSON.parse(readFileSync(path.join(locales, "en", "messages.json"), "utf8"));
  const page = JSON.parse(readFileSync(path.join(pageLocales, "en", "messages.json"), "utf8"));
  assert.deepEqual(Object.keys(page).filter((key) => key in extension), []);
});

test("the shipped locales: every language issue 22 promises is there", () => {
  const missing = shipped.filter((p) => p.endsWith(": the locale is missing"));
  assert.ok(missing.length === 0, missing.join("\n"));
});

test("English is the default locale", () => {
  assert.equal(manifest.default_locale, "en");
  assert.deepEqual(checkLocales(locales, { manifest: { default_locale: "de" }, required: [] }).filter((p) => p.startsWith("manifest")), [
    'manifest: default_locale is "de", not "en"',
  ]);
});

// ------------------------------------------------------------------ the checker itself

const EN = {
  extName: { message: "Outage Radar for ChatGPT", description: "Extension name" },
  extDescription: { message: "Tells you when OpenAI reports an outage." },
  popup_title: { message: "Outage Radar" },
  banner_title: { message: "$SERVICES$: $LEVEL$", placeholders: { services: { content: "$1" }, level: { content: "$2" } } },
  duration_minutes: { message: "$N$ min", placeholders: { n: { content: "$1" } } },
  just_me_title: { message: "Is it just me?" },
  notify_back: { message: "$SERVICE$ is operational again", placeholders: { service: { content: "$1", example: "Conversations" } } },
  report_status: { message: "Status" },
};

const DE = {
  extName: { message: "Outage Radar für ChatGPT" },
  extDescription: { message: "Sagt dir, wenn OpenAI eine Störung meldet." },
  popup_title: { message: "Outage Radar" },
  banner_title: { message: "$SERVICES$: $LEVEL$", placeholders: { services: { content: "$1" }, level: { content: "$2" } } },
  duration_minutes: { message: "$N$ min", placeholders: { n: { content: "$1" } } },
  just_me_title: { message: "Liegt es nur an mir?" },
  notify_back: { message: "$SERVICE$ funktioniert wieder", placeholders: { service: { content: "$1", example: "Unterhaltungen" } } },
  report_status: { message: "Status" },
};

/** A `_locales` folder with en and de as given (raw strings are written as they are), checked for de only. */
function check(de, { en = EN, allow = { de: { report_status: "German says 'Status'" } } } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "outage-radar-locales-"));
  try {
    for (const [locale, data] of Object.entries({ en, de })) {
      if (data === undefined) continue;
      mkdirSync(path.join(dir, locale));
      writeFileSync(path.join(dir, locale, "messages.json"), typeof data === "string" ? data : JSON.stringify(data));
    }
    return checkLocales(dir, { required: ["de"], allow });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const without = (key) => Object.fromEntries(Object.entries(DE).filter(([k]) => k !== key));
const withEntry = (key, entry) => ({ ...DE, [key]: entry });

test("checker: a complete translation passes (names, placeholder-only and allowed messages may equal English)", () => {
  assert.deepEqual(check(DE), []);
});

test("checker: a missing locale fails", () => {
  assert.deepEqual(check(undefined), ["de: the locale is missing"]);
});

test("checker: a missing message fails", () => {
  assert.deepEqual(check(without("just_me_title")), ["de: just_me_title is missing"]);
  assert.deepEqual(check(without("extName")), ["de: extName is missing"]);
});

test("checker: an empty message fails", () => {
  assert.deepEqual(check(withEntry("just_me_title", { message: "" })), ["de: just_me_title is empty"]);
  assert.deepEqual(check(withEntry("just_me_title", { message: "  " })), ["de: just_me_title is empty"]);
  assert.deepEqual(check(withEntry("just_me_title", {})), ["de: just_me_title is empty"]);
});

test("checker: a placeholder that differs from English fails", () => {
  const renamed = withEntry("notify_back", { message: "$DIENST$ funktioniert wieder", placeholders: { service: { content: "$1" } } });
  assert.deepEqual(check(renamed), ["de: notify_back has placeholders DIENST, English has SERVICE"]);
  const dropped = withEntry("notify_back", { message: "Es funktioniert wieder", placeholders: { service: { content: "$1" } } });
  assert.deepEqual(check(dropped), ["de: notify_back has placeholders (none), English has SERVICE"]);
  const block = withEntry("banner_title", { message: "$SERVICES$: $LEVEL$", placeholders: { services: { content: "$2" }, level: { content: "$1" } } });
  assert.deepEqual(check(block), ["de: banner_title: its placeholders block differs from English's (names and contents must match)"]);
  const noBlock = withEntry("duration_minutes", { message: "$N$ Min." });
  assert.deepEqual(check(noBlock), ["de: duration_minutes: its placeholders block differs from English's (names and contents must match)"]);
});

test("checker: placeholder names are matched case-blind, as the browsers do", () => {
  const lower = withEntry("notify_back", { message: "$service$ funktioniert wieder", placeholders: { SERVICE: { content: "$1" } } });
  assert.deepEqual(check(lower), []);
});

test("checker: a message left in English fails, unless it has nothing to translate or is allowed", () => {
  assert.deepEqual(check(withEntry("just_me_title", { message: "Is it just me?" })), ['de: just_me_title is still in English ("Is it just me?")']);
  assert.deepEqual(check(DE, { allow: {} }), ['de: report_status is still in English ("Status")']);
  assert.deepEqual(check(DE, { allow: { fr: { report_status: "French" } } }), ['de: report_status is still in English ("Status")'], "allowed for another language only");
});

test("checker: keys English doesn't have fail (a renamed or removed message)", () => {
  assert.deepEqual(check(withEntry("just_me_titel", { message: "Nur ich?" })), ["de: just_me_titel is not an English message (renamed or removed?)"]);
});

test("checker: a plural form English lacks is allowed beside an English plural message, and only there", () => {
  const en = { ...EN, left_one: { message: "$N$ try left", placeholders: { n: { content: "$1" } } }, left_other: { message: "$N$ tries left", placeholders: { n: { content: "$1" } } } };
  const pl = { ...DE, left_one: { message: "Została $N$ próba", placeholders: { n: { content: "$1" } } }, left_other: { message: "Zostało $N$ prób", placeholders: { n: { content: "$1" } } } };
  assert.deepEqual(check({ ...pl, left_few: { message: "Zostały $N$ próby", placeholders: { n: { content: "$1" } } } }, { en }), []);
  assert.deepEqual(check({ ...pl, left_few: { message: "Zostały próby" } }, { en }), ["de: left_few: its placeholders block differs from English's left_other"]);
  assert.deepEqual(check({ ...pl, left_few: { message: " ", placeholders: { n: { content: "$1" } } } }, { en }), ["de: left_few is empty"]);
  assert.deepEqual(check({ ...DE, just_me_title_few: { message: "Nur ich?" } }), ["de: just_me_title_few is not an English message (renamed or removed?)"]);
});

test("checker: a file that doesn't parse fails", () => {
  const [problem, ...rest] = check('{ "extName": { "message": "x", } }');
  assert.match(problem, /^de: messages\.json does not parse/);
  assert.deepEqual(rest, []);
});

test("checker: the store listing's name must exist in English and fit the store", () => {
  const { extName, ...noName } = EN;
  assert.ok(extName);
  assert.ok(check(DE, { en: noName }).includes("en: extName is missing (the store listing needs it)"));
  assert.deepEqual(check(withEntry("extName", { message: "Outage Radar ".repeat(7) })), ["de: extName is 91 characters, over the store's 75"]);
});

test("checker: English's own placeholders must agree with its placeholders block", () => {
  const broken = { ...EN, notify_back: { message: "$SERVICE$ is back", placeholders: { name: { content: "$1" } } } };
  assert.ok(check(DE, { en: broken }).includes("en: notify_back: the message's placeholders and its placeholders block disagree"));
});

test("checker helpers", () => {
  assert.deepEqual(placeholdersIn("$A$ costs $$5, $b$"), ["A", "B"]);
  assert.equal(nothingToTranslate("$SERVICES$: $LEVEL$"), true);
  assert.equal(nothingToTranslate("$H$ h $M$ min"), true);
  assert.equal(nothingToTranslate("Outage Radar: $SUMMARY$"), true);
  assert.equal(nothingToTranslate("Open status.openai.com"), false);
  assert.equal(nothingToTranslate("posts on X"), false);
  assert.equal(REQUIRED.length, 18);
});
