// The language infrastructure (extension/l10n.js) and the messages it reads: which shipped
// locale a language tag gets, chrome.i18n's substitution, plurals and Intl formats in the
// language shown, and the translations' own consistency (their intl_locale, their plural
// forms), so a translation that lacks a form its language needs is caught here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import "../../extension/l10n.js";
import { NAMES } from "../../www/names.js";

const L = globalThis.OutageRadarL10n;
const localesDir = new URL("../../extension/_locales/", import.meta.url);
// A locale's messages as the web page gets them: the extension's and the page's own.
const pageDir = new URL("../../www/_locales/", import.meta.url);
const read = (locale) => ({
  ...JSON.parse(readFileSync(new URL(`${locale}/messages.json`, localesDir), "utf8")),
  ...JSON.parse(readFileSync(new URL(`${locale}/messages.json`, pageDir), "utf8")),
});
const shipped = readdirSync(localesDir).filter((d) => existsSync(new URL(`${d}/messages.json`, localesDir)));
const en = read("en");

test("bestLocale: a language tag gets the shipped locale that serves it", () => {
  const cases = {
    "ja-JP": "ja", ja: "ja", "pt-BR": "pt_BR", pt: "pt_BR", "pt-PT": "pt_BR", "zh-Hant": "zh_TW", "zh-TW": "zh_TW",
    "zh-HK": "zh_TW", "zh-Hant-HK": "zh_TW", zh: "zh_CN", "zh-CN": "zh_CN", "zh-Hans": "zh_CN", "zh-Hans-CN": "zh_CN",
    "en-US": "en", "EN-gb": "en", de_AT: "de", "ar-EG": "ar", "sr-Latn-RS": null, sw: null, "": null,
  };
  for (const [tag, want] of Object.entries(cases)) assert.equal(L.bestLocale([tag]), want, tag);
  assert.equal(L.bestLocale(["sw", "fr-CA", "de"]), "fr", "the first tag any locale serves wins");
  assert.equal(L.bestLocale(["ja"], ["en", "de"]), null, "only what is available");
});

test("substitute: placeholders as chrome.i18n fills them, digits in their names too", () => {
  const entry = {
    message: "$NAME$: $P30$ up, $p90$ over 90 days; costs $$5",
    placeholders: { name: { content: "$1" }, p30: { content: "$2" }, p90: { content: "$3" } },
  };
  assert.equal(L.substitute(entry, ["Conversations", "99.72%", "99.90%"]), "Conversations: 99.72% up, 99.90% over 90 days; costs $5");
  const t = L.makeT({ a: entry, intl_locale: { message: "ar" } }, { uiLocale: "ar-EG" });
  assert.equal(t("missing"), "missing");
  assert.equal(t("@@ui_locale"), "ar_EG");
  assert.equal(t("@@bidi_dir"), "rtl");
});

test("every shipped locale folder is in l10n.js's list, and every listed one ships once translations are in", (t) => {
  for (const dir of shipped) assert.ok(L.LOCALES.includes(dir), `${dir} is in LOCALES`);
  for (const locale of L.LOCALES) assert.ok(NAMES[locale], `${locale} has its own name for the picker`);
  const missing = L.LOCALES.filter((l) => !shipped.includes(l));
  if (shipped.length === 1) {
    t.diagnostic(`only en ships so far; not yet: ${missing.join(" ")}`);
    return;
  }
  assert.deepEqual(missing, [], "every listed locale has its messages");
});

// The plural messages: English has _one and _other of each.
const pluralBases = Object.keys(en).filter((k) => k.endsWith("_other")).map((k) => k.slice(0, -"_other".length));

test("English has both plural forms of each plural message, and nothing uses a count glued to English words", () => {
  assert.ok(pluralBases.length >= 5, pluralBases.join(" "));
  for (const base of pluralBases) assert.ok(en[`${base}_one`], `${base}_one`);
  for (const gone of ["duration_days", "in_days", "ago_minutes", "options_minutes", "banner_estimate", "estimate_full"]) {
    assert.equal(en[gone], undefined, `${gone} is gone`);
  }
});

for (const locale of shipped) {
  test(`${locale}: its intl_locale names its language, and it has every plural form the language needs`, () => {
    const messages = read(locale);
    const tag = messages.intl_locale?.message;
    assert.ok(tag, "intl_locale is there");
    assert.equal(Intl.getCanonicalLocales(tag)[0].toLowerCase(), locale.replace(/_/g, "-").toLowerCase());
    const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories;
    for (const base of pluralBases) {
      for (const category of categories) {
        // "other" always; the rest where the language has them (Japanese needs only "other").
        if (base in messages || Object.keys(messages).some((k) => k.startsWith(`${base}_`))) {
          assert.ok(messages[`${base}_${category}`], `${locale} has ${base}_${category}`);
        }
      }
    }
  });
}

test("every message the shell asks for by name exists in English", () => {
  const files = [
    ...["background.js", "banner.js", "content.js", "insights.js", "options.js", "popup.js", "view.js", "popup.html", "options.html"].map((f) => `extension/${f}`),
    ...["app.js", "lang.js", "notice.js", "simulator.js", "index.html", "simulator.html", "install.js", "install.html"].map((f) => `www/${f}`),
  ];
  const missing = [];
  for (const file of files) {
    const source = readFileSync(new URL(`../../${file}`, import.meta.url), "utf8");
    for (const [, key] of source.matchAll(/data-i18n(?:-label|-alt|-nodes)?="([a-z0-9_]+)"/g)) if (!en[key]) missing.push(`${file}: ${key}`);
    for (const [, key] of source.matchAll(/\b(?:t|say)\("([a-z0-9_]+)"/g)) if (!en[key]) missing.push(`${file}: ${key}`);
    for (const [, key] of source.matchAll(/\.plural\("([a-z0-9_]+)"/g)) if (!en[`${key}_other`]) missing.push(`${file}: ${key}_other`);
    for (const [, key] of source.matchAll(/L\.nodes\(t, "([a-z0-9_]+)"/g)) if (!en[key]) missing.push(`${file}: ${key}`);
  }
  assert.deepEqual(missing, []);
});

test("the install guide: each sentence refilled from its message has one child element per placeholder", () => {
  // install.js fills a data-i18n-nodes element's message with the element's own children.
  const html = readFileSync(new URL("../../www/install.html", import.meta.url), "utf8");
  const seen = [];
  const open = []; // the elements open at this point: [key or null, children so far]
  for (const [, closing, name, attrs] of html.matchAll(/<(\/?)([a-z0-9]+)([^>]*)>/g)) {
    if (["meta", "link", "img", "br", "!doctype"].includes(name)) continue;
    if (closing) {
      const [key, children] = open.pop();
      if (key) seen.push([key, children]);
      continue;
    }
    if (open.length) open.at(-1)[1] += 1;
    open.push([/data-i18n-nodes="([a-z0-9_]+)"/.exec(attrs)?.[1] ?? null, 0]);
  }
  assert.ok(seen.length >= 15, `${seen.length} sentences with placeholders`);
  for (const [key, children] of seen) {
    assert.equal(Object.keys(en[key]?.placeholders ?? {}).length, children, `${key}: ${children} child elements`);
  }
});

/** `t` over fake messages of a language: a message per plural form, to see which is chosen. */
function fakeT(lang, extra = {}) {
  const messages = { intl_locale: { message: lang }, ...extra };
  return L.makeT(messages, { uiLocale: lang });
}

test("plural: the form Intl.PluralRules selects for the language shown, else _other", () => {
  const forms = Object.fromEntries(["zero", "one", "two", "few", "many", "other"].map((c) => [`n_${c}`, { message: c }]));
  const ar = L.intl(fakeT("ar", forms));
  assert.deepEqual([0, 1, 2, 3, 11, 100].map((n) => ar.plural("n", n)), ["zero", "one", "two", "few", "many", "other"]);
  const ru = L.intl(fakeT("ru", forms));
  assert.deepEqual([1, 3, 5, 21].map((n) => ru.plural("n", n)), ["one", "few", "many", "one"]);
  const ja = L.intl(fakeT("ja", { n_other: { message: "other" } }));
  assert.equal(ja.plural("n", 1), "other");
  const pl = L.intl(fakeT("pl", { n_other: { message: "other" } }));
  assert.equal(pl.plural("n", 3), "other", "a missing form falls back to _other");
});

test("intl: numbers, units, durations, relative times and dates in the language shown", () => {
  const en = L.intl(fakeT("en", { ago_now: { message: "just now" } }));
  assert.equal(en.locale, "en");
  assert.equal(en.dir, "ltr");
  assert.equal(en.minutes(47), "47 min");
  assert.equal(en.minutes(95), "1 hr, 35 min");
  assert.equal(en.minutes(3 * 1440), "3 days");
  assert.equal(en.unit(90, "day"), "90 days");
  assert.equal(en.percent(0.9972), "99.72%");
  const now = Date.parse("2026-09-15T12:00:00Z");
  assert.equal(en.relative(now - 12 * 60000, now), "12 minutes ago");
  assert.equal(en.relative(now - 3000, now), "just now");
  assert.equal(en.relative(now + 59 * 60000, now), "in 59 minutes");
  assert.equal(en.relative(now - 3 * 86400000, now), "3 days ago");
  const ar = L.intl(fakeT("ar"));
  assert.equal(ar.dir, "rtl");
  assert.equal(ar.relative(now - 12 * 60000, now), new Intl.RelativeTimeFormat("ar", { numeric: "auto" }).format(-12, "minute"));
  const de = L.intl(fakeT("de"));
  assert.equal(de.percent(0.9972), "99,72\u00a0%");
  assert.equal(de.unit(5, "minute"), "5 Minuten");
  const ja = L.intl(fakeT("ja"));
  assert.match(ja.relative(now - 12 * 60000, now), /12\s*分前/);
  assert.equal(ja.date(now, { timeZone: "UTC", year: "numeric", month: "long", day: "numeric" }), "2026年9月15日");
});

test("localeOf: the messages' own language, in the browser's regional form of that same language", () => {
  assert.equal(L.localeOf(L.makeT({ intl_locale: { message: "en" } }, { uiLocale: "en-GB" })), "en-GB");
  assert.equal(L.localeOf(L.makeT({ intl_locale: { message: "de" } }, { uiLocale: "en-GB" })), "de");
  assert.equal(L.localeOf(L.makeT({ intl_locale: { message: "zh-TW" } }, { uiLocale: "zh-TW" })), "zh-TW");
  assert.equal(L.localeOf((key) => key), "en", "no intl_locale: English");
});

test("nodes: a message with nodes in its placeholders' places", () => {
  const t = L.makeT({ m: { message: "« $A$ » — $B$", placeholders: { a: { content: "$1" }, b: { content: "$2" } } } });
  const node = { node: true };
  assert.deepEqual(L.nodes(t, "m", [node, "x"]), ["« ", node, " » — x"]);
});

test("isolate: OpenAI's words isolated in plain text of a right-to-left language only", () => {
  assert.equal(L.isolate(fakeT("ar"), "Conversations"), "\u2068Conversations\u2069");
  assert.equal(L.isolate(fakeT("de"), "Conversations"), "Conversations");
});
