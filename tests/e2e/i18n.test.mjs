// Languages, in both browsers: the banner and the popup drawn in Arabic, German, Japanese and
// Simplified Chinese, with the browser's own UI language set to each (Chromium: --lang with
// LANGUAGE, and its chromium-l10n packs; Firefox: intl.locale.requested with its language
// packs, tools/ensure-browsers.sh). Each checks that the extension really runs in that
// language (chrome.i18n.getUILanguage), that what it shows is that language's messages (read
// from the built locale's messages.json, so these hold whatever the translators wrote), the
// direction (right to left in Arabic), that nothing is clipped or overlaps, and takes
// screenshots. One checks that the banner follows the page's own `lang` over the browser's.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { By } from "selenium-webdriver";
import { root, serveSite, startMock } from "./mock.mjs";
import { screenshotPath, sleep, waitFor } from "./util.mjs";
import * as browsers from "./browsers.mjs";
import "../../extension/l10n.js";

const L = globalThis.OutageRadarL10n;
const LANGUAGES = ["ar", "de", "ja", "zh_CN"];
const SCENARIO = "native/chatgpt-partial-outage.json";

/**
 * The built messages of `locale` (the web page's: the extension's as shipped, with the
 * page's own words), or null when it doesn't ship.
 */
function messagesOf(locale) {
  const file = path.join(root, "dist/www/_locales", locale, "messages.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
}
const english = messagesOf("en");
/** `t` of a locale as the extension words it: its messages over the English ones. */
const tOf = (locale) => L.makeT({ ...english, ...messagesOf(locale) }, { uiLocale: locale.replace("_", "-") });
const tagOf = (locale) => locale.replace("_", "-");
const skipUnless = (locale) => (messagesOf(locale) ? false : `no ${locale} messages in dist/www (translations not merged)`);

/**
 * In the element `box` (a banner's section or a page's body): every element clipped
 * sideways (its content wider than its box, where it has one), and, for a banner, how the
 * close button sits beside the text. Run in the page, as source text.
 */
function layout() {
  const box = this;
  const clipped = [];
  // Text kept for screen readers only (a 1 px box clipped to nothing, `.sr`) is clipped on
  // purpose: it is read, not seen.
  const forScreenReaders = (el) => {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const clip = getComputedStyle(n).clip;
      if (clip && clip !== "auto") return true;
    }
    return false;
  };
  for (const el of [box, ...box.querySelectorAll("*")]) {
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && !forScreenReaders(el)) {
      clipped.push(`${el.localName}.${el.className}: ${el.scrollWidth} > ${el.clientWidth} "${(el.textContent ?? "").slice(0, 60)}"`);
    }
  }
  const rect = (el) => el && el.getBoundingClientRect().toJSON();
  const close = rect(box.querySelector(".close"));
  const text = rect(box.querySelector(".text"));
  const overlap = close && text
    ? Math.max(0, Math.min(close.right, text.right) - Math.max(close.left, text.left)) * Math.max(0, Math.min(close.bottom, text.bottom) - Math.max(close.top, text.top))
    : 0;
  const doc = box.ownerDocument.documentElement;
  return {
    clipped, close, text, overlap, box: rect(box),
    dir: getComputedStyle(box).direction,
    lang: box.closest("[lang]")?.lang ?? "",
    pageWide: doc.scrollWidth > doc.clientWidth + 1,
  };
}

function assertLaidOut(found, dir, what) {
  assert.deepEqual(found.clipped, [], `${what}: nothing clipped`);
  assert.equal(found.dir, dir, `${what}: direction`);
  assert.ok(!found.pageWide, `${what}: no sideways scrolling`);
  if (found.close) {
    assert.equal(found.overlap, 0, `${what}: the close button and the text don't overlap ${JSON.stringify(found)}`);
    // Mirrored: at the end of the line, which is the left in a right-to-left language.
    if (dir === "rtl") assert.ok(found.close.right <= found.text.left + 1, `${what}: close button on the left ${JSON.stringify(found)}`);
    else assert.ok(found.close.left >= found.text.right - 1, `${what}: close button on the right ${JSON.stringify(found)}`);
  }
}

/** The popup's checks, in `run(fn)` (a function run in the popup page, returning by value). */
async function checkPopup(run, locale) {
  const t = tOf(locale);
  const intl = L.intl(t);
  const seen = await waitFor(() => run(() => {
    const h1 = document.querySelector("h1.overall");
    if (!h1 || !document.querySelector("[data-incident]")) return null;
    const html = document.documentElement;
    return {
      lang: html.lang, dir: html.dir, heading: h1.textContent, refresh: document.getElementById("refresh").textContent,
      incidentLang: document.querySelector("[data-incident] h3").lang,
    };
  }), { what: `the ${locale} popup` });
  assert.equal(seen.lang, intl.locale, "the popup's lang is the language shown");
  assert.equal(seen.dir, intl.dir);
  assert.equal(seen.refresh, t("popup_refresh"));
  assert.ok(seen.heading.includes(t("overall_problem", [t("level_partial_outage")])), `${seen.heading} is ${locale}'s`);
  assert.equal(seen.incidentLang, "en", "OpenAI's incident name is marked English");
  return intl.dir;
}

const uiLocaleMatches = (ui, locale) => ui.toLowerCase().replace("_", "-").startsWith(tagOf(locale).toLowerCase().split("-")[0]);

// ------------------------------------------------------------------ Chromium

/** The banner's section in the closed shadow root, through DevTools (which sees closed roots), and `fn` run on it. */
async function onBanner(page, fn) {
  const cdp = await page.createCDPSession();
  try {
    const { root: doc } = await cdp.send("DOM.getDocument", { depth: -1, pierce: true });
    const find = (node, test) => {
      if (test(node)) return node;
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
        const found = find(child, test);
        if (found) return found;
      }
      return null;
    };
    const host = find(doc, (n) => n.nodeName === "OUTAGE-RADAR-BANNER");
    const section = host && find(host.shadowRoots?.[0] ?? {}, (n) => n.nodeName === "SECTION");
    if (!section) return null;
    const { object } = await cdp.send("DOM.resolveNode", { backendNodeId: section.backendNodeId });
    const { result, exceptionDetails } = await cdp.send("Runtime.callFunctionOn", {
      objectId: object.objectId, functionDeclaration: fn.toString(), returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  } finally {
    await cdp.detach();
  }
}

/** The banner's accessible text, found by its region's name in `locale`. */
async function bannerTextIn(page, label) {
  const tree = await page.accessibility.snapshot({ interestingOnly: false });
  const found = [];
  const walk = (node, inside) => {
    const here = inside || (node.role === "status" && node.name === label);
    if (here && node.name) found.push(node.name);
    for (const child of node.children ?? []) walk(child, here);
  };
  if (tree) walk(tree, false);
  return found.join(" | ");
}

describe("chromium: languages", () => {
  let mock;
  before(async () => {
    mock = await startMock();
    mock.state.scenario = SCENARIO;
  });
  after(async () => {
    await mock?.close();
  });

  async function launchIn(locale) {
    const tag = tagOf(locale);
    const chromium = await browsers.launchChromium(mock, { args: [`--lang=${tag}`], env: { ...process.env, LANGUAGE: tag.replace("-", "_") } });
    const extension = await browsers.chromiumExtension(chromium.browser);
    const ui = await extension.worker.evaluate(() => chrome.i18n.getUILanguage());
    assert.ok(uiLocaleMatches(ui, locale), `the extension runs in ${tag} (getUILanguage: ${ui})`);
    // The first check's verdict (the install runs one).
    await waitFor(() => browsers.inWorker(extension.worker, (c) => c.storage.local.get("banners").then((s) => s.banners?.length > 0)), { what: "the first verdict" });
    return { chromium, extension };
  }

  for (const locale of LANGUAGES) {
    test(`${locale}: the banner and the popup, in the browser's language, laid out without clipping`, { skip: skipUnless(locale) }, async () => {
      const { chromium, extension } = await launchIn(locale);
      try {
        const t = tOf(locale);
        const dir = L.dirOf(locale);
        // A page that doesn't say its language: the banner speaks the browser's.
        mock.state.lang = "";
        const page = await browsers.openPage(chromium.browser, "https://chatgpt.com/", { viewport: { width: 1280, height: 800 } });
        const text = await waitFor(() => bannerTextIn(page, t("banner_region_label")), { what: `the ${locale} banner` });
        assert.ok(text.includes(t("level_partial_outage")), text);
        assert.ok(text.includes(t("banner_what_can_i_do")), text);
        const host = await page.$eval("outage-radar-banner", (h) => ({ lang: h.lang, dir: h.dir }));
        assert.equal(host.dir, dir);
        assert.equal(host.lang.split("-")[0], tagOf(locale).split("-")[0]);
        await sleep(200);
        await (await page.$("outage-radar-banner")).screenshot({ path: screenshotPath(`banner-${locale}.png`) });
        assertLaidOut(await onBanner(page, layout), dir, `${locale} banner`);
        // With the guide unfolded too.
        await onBanner(page, function () { this.querySelector(".help").click(); });
        assertLaidOut(await onBanner(page, layout), dir, `${locale} banner with its guide`);
        await page.close();

        const popup = await browsers.openPage(chromium.browser, extension.url("popup.html"), { viewport: { width: 400, height: 900 } });
        const popupDir = await checkPopup((fn) => popup.evaluate(fn), locale);
        assertLaidOut(await popup.evaluate(`(${layout}).call(document.body)`), popupDir, `${locale} popup`);
        await popup.screenshot({ path: screenshotPath(`popup-${locale}.png`), fullPage: true });
        await popup.close();

        // The settings, in the same language and direction.
        const options = await browsers.openPage(chromium.browser, extension.url("options.html"), { viewport: { width: 700, height: 900 } });
        const page2 = await waitFor(() => options.evaluate(() => document.querySelector("#watch-list [data-group]") && {
          lang: document.documentElement.lang, dir: document.documentElement.dir, legend: document.querySelector("#banner legend").textContent,
        }), { what: `the ${locale} settings` });
        assert.equal(page2.dir, dir);
        assert.equal(page2.lang, L.intl(t).locale);
        assert.equal(page2.legend, t("options_banner_legend"));
        assertLaidOut(await options.evaluate(`(${layout}).call(document.body)`), dir, `${locale} settings`);
        await options.screenshot({ path: screenshotPath(`options-${locale}.png`), fullPage: true });
        await options.close();
      } finally {
        mock.state.lang = undefined;
        await chromium.close();
      }
    });
  }

  test("the banner speaks the page's lang when the extension has it, else the browser's; it follows a change", { skip: skipUnless("ja") || skipUnless("ar") || skipUnless("de") }, async () => {
    const { chromium } = await launchIn("de");
    try {
      const [de, ja, ar] = ["de", "ja", "ar"].map(tOf);
      mock.state.lang = "ja-JP";
      const page = await browsers.openPage(chromium.browser, "https://chatgpt.com/", { viewport: { width: 1280, height: 800 } });
      const text = await waitFor(() => bannerTextIn(page, ja("banner_region_label")), { what: "the banner in the page's Japanese" });
      assert.ok(text.includes(ja("level_partial_outage")), text);
      assert.equal(await page.$eval("outage-radar-banner", (h) => h.lang), "ja-JP");
      // ChatGPT changes its language without a reload.
      await page.evaluate(() => document.documentElement.setAttribute("lang", "ar"));
      await waitFor(() => bannerTextIn(page, ar("banner_region_label")), { what: "the banner in the page's new Arabic" });
      assert.equal(await page.$eval("outage-radar-banner", (h) => h.dir), "rtl");
      // A language the extension doesn't ship: the browser's (German).
      await page.evaluate(() => document.documentElement.setAttribute("lang", "sw"));
      await waitFor(() => bannerTextIn(page, de("banner_region_label")), { what: "the banner in the browser's German" });
      assert.equal(await page.$eval("outage-radar-banner", (h) => h.dir), "ltr");
      await page.close();
    } finally {
      mock.state.lang = undefined;
      await chromium.close();
    }
  });
});

describe("www: languages (chromium, no extension)", () => {
  let mock, siteServer, chromium;
  before(async () => {
    mock = await startMock();
    mock.state.scenario = SCENARIO;
    siteServer = await serveSite(path.join(root, "dist/www"));
  });
  after(async () => {
    await chromium?.close();
    await siteServer?.close();
    await mock?.close();
  });

  const seen = (page) => page.evaluate(() => ({
    lang: document.documentElement.lang, dir: document.documentElement.dir, picked: document.getElementById("language")?.value,
    refresh: document.getElementById("refresh").textContent, heading: document.querySelector("#status h1")?.textContent ?? "",
    names: [...document.querySelectorAll("#language option")].map((o) => [o.value, o.textContent, o.lang]),
  }));

  test("the web page speaks the visitor's browser's language, and the picked one from then on", { skip: skipUnless("ja") || skipUnless("ar") }, async () => {
    chromium = await browsers.launchChromium(mock, { extension: false, args: ["--lang=ja"], env: { ...process.env, LANGUAGE: "ja" } });
    const [ja, ar] = ["ja", "ar"].map(tOf);
    const page = await browsers.openPage(chromium.browser, `${siteServer.origin}/index.html`, { viewport: { width: 1000, height: 900 } });
    const first = await waitFor(async () => {
      const s = await seen(page);
      return s.heading.includes(ja("level_partial_outage")) && s;
    }, { what: "the dashboard in Japanese" });
    assert.equal(first.lang, "ja");
    assert.equal(first.dir, "ltr");
    assert.equal(first.picked, "ja");
    assert.equal(first.refresh, ja("popup_refresh"));
    assert.deepEqual(first.names.find(([l]) => l === "ar"), ["ar", "العربية", "ar"], "each language in its own name");
    // Picking Arabic: the page in Arabic, right to left, and still so on the next visit.
    await page.select("#language", "ar");
    await page.waitForNavigation({ waitUntil: "load" }).catch(() => {});
    await page.goto(`${siteServer.origin}/index.html`, { waitUntil: "load" });
    const second = await waitFor(async () => {
      const s = await seen(page);
      return s.heading.includes(ar("level_partial_outage")) && s;
    }, { what: "the dashboard in the picked Arabic" });
    assert.equal(second.dir, "rtl");
    assert.equal(second.picked, "ar");
    assert.equal(second.refresh, ar("popup_refresh"));
    assertLaidOut(await page.evaluate(`(${layout}).call(document.body)`), "rtl", "the Arabic web page");
    await page.screenshot({ path: screenshotPath("www-ar.png"), fullPage: false });
    // The simulator too: its own words, its banner and popup, in the remembered Arabic.
    await page.goto(`${siteServer.origin}/simulator.html`, { waitUntil: "load" });
    const sim = await waitFor(() => page.evaluate(() => document.querySelector("#sim-page outage-radar-banner") && {
      dir: document.documentElement.dir, title: document.querySelector("h1").textContent,
      bannerDir: document.querySelector("#sim-page outage-radar-banner").shadowRoot.querySelector("section").dir,
      popup: document.querySelector("#sim-popup h1")?.textContent ?? "",
    }), { what: "the simulator in Arabic" });
    assert.equal(sim.dir, "rtl");
    assert.equal(sim.bannerDir, "rtl");
    assert.equal(sim.title, ar("sim_title"));
    assert.ok(sim.popup.includes(ar("level_partial_outage")), sim.popup);
    assertLaidOut(await page.evaluate(`(${layout}).call(document.body)`), "rtl", "the Arabic simulator");
    await page.screenshot({ path: screenshotPath("www-simulator-ar.png"), fullPage: false });
    await page.close();
  });

  // Each locale skips until its translation has the guide's messages (the translators add them).
  const guided = (locale) => skipUnless(locale) || (messagesOf(locale).install_lede ? false : `no install_ messages in ${locale} yet`);
  test("the install guide speaks the visitor's language, right to left in Arabic, and still names every permission", { skip: guided("de") || guided("ar") }, async () => {
    // The language comes from ?lang=, whatever the browser's (the test above may not have launched one).
    chromium ??= await browsers.launchChromium(mock, { extension: false, args: ["--lang=en-US"], env: { ...process.env, LANGUAGE: "en_US" } });
    const manifest = JSON.parse(readFileSync(path.join(root, "extension/manifest.json"), "utf8"));
    for (const locale of ["de", "ar"]) {
      const t = tOf(locale);
      const page = await browsers.openPage(chromium.browser, `${siteServer.origin}/install.html?lang=${locale}`, { viewport: { width: 1000, height: 900 } });
      const shown = await waitFor(() => page.evaluate(() => document.getElementById("language") && {
        dir: document.documentElement.dir, title: document.title, step: document.getElementById("h-chrome").textContent,
        pin: document.querySelector("[data-i18n='install_chrome_pin']").textContent,
        lede: document.querySelector(".lede").textContent, alt: document.querySelector("main img").alt,
        permissions: document.getElementById("h-permissions").parentElement.textContent,
      }), { what: `the install guide in ${locale}` });
      assert.equal(shown.dir, locale === "ar" ? "rtl" : "ltr");
      assert.equal(shown.title, t("install_title"));
      assert.equal(shown.step, t("install_chrome_heading"));
      assert.equal(shown.pin, t("install_chrome_pin"));
      assert.equal(shown.lede, t("install_lede", ["!"]));
      assert.equal(shown.alt, t("install_chrome_alt"));
      // The manifest's names and hosts stay as they are, in every language.
      for (const permission of [...manifest.permissions, ...manifest.optional_permissions]) assert.ok(shown.permissions.includes(permission), `${locale}: the guide names ${permission}`);
      for (const host of [...manifest.host_permissions, ...manifest.optional_host_permissions]) {
        assert.ok(shown.permissions.includes(new URL(host.replace("*", "x")).host), `${locale}: the guide names ${host}`);
      }
      if (locale === "ar") {
        assertLaidOut(await page.evaluate(`(${layout}).call(document.body)`), "rtl", "the Arabic install guide");
        await page.screenshot({ path: screenshotPath("www-install-ar.png"), fullPage: false });
      }
      await page.close();
    }
  });

  test("the install guide in English: every sentence its message, each placeholder filled", async () => {
    chromium ??= await browsers.launchChromium(mock, { extension: false, args: ["--lang=en-US"], env: { ...process.env, LANGUAGE: "en_US" } });
    const en = tOf("en");
    const page = await browsers.openPage(chromium.browser, `${siteServer.origin}/install.html?lang=en`, { viewport: { width: 1000, height: 900 } });
    const filled = await waitFor(() => page.evaluate(() => document.getElementById("language") && {
      lang: document.documentElement.lang,
      sentences: [...document.querySelectorAll("[data-i18n-nodes]")].map((n) => [n.dataset.i18nNodes, n.textContent.replace(/\s+/g, " ").trim(), n.children.length]),
    }), { what: "the install guide in English" });
    assert.equal(filled.lang.split("-")[0], "en");
    assert.ok(filled.sentences.length >= 15);
    for (const [key, text, children] of filled.sentences) {
      assert.ok(children > 0, `${key} keeps its code, names and links`);
      assert.doesNotMatch(text, /\$[A-Z_]+\$|\uE000/, key);
      // The message's words around its placeholders are all there.
      for (const piece of en(key, Array(9).fill("\uE000")).split(/\s+|\uE000/).filter(Boolean)) assert.ok(text.includes(piece), `${key}: "${piece}" in "${text}"`);
    }
    await page.close();
  });
});

// ------------------------------------------------------------------ Firefox

describe("firefox: languages", () => {
  let mock;
  before(async () => {
    mock = await startMock({ port: 443 });
    mock.state.scenario = SCENARIO;
  });
  after(async () => {
    await mock?.close();
  });

  /** Draws the stored chatgpt.com banner with the shipped l10n.js and banner.js in this extension page, 640 px wide as on the page, and measures it (Firefox can't see into the content script's closed shadow root). */
  async function drawnBanner(driver) {
    return browsers.inExtension(driver, async (browser, layoutSource) => {
      const scope = { OutageRadarL10n: globalThis.OutageRadarL10n };
      for (const file of ["l10n.js", "banner.js"]) {
        const source = await (await fetch(browser.runtime.getURL(file))).text();
        new Function("globalThis", source)(scope);
      }
      const { banners } = await browser.storage.local.get("banners");
      const banner = banners.find((p) => p.id === "chatgpt").banner;
      const host = document.createElement("div");
      host.style.cssText = "position: absolute; top: 0; left: 0; width: 640px; z-index: 9";
      document.body.append(host);
      const shadow = host.attachShadow({ mode: "open" });
      scope.OutageRadarBanner.render(shadow, banner, { t: (key, subs) => browser.i18n.getMessage(key, subs) || key, adoptStyles: true });
      shadow.querySelector(".help").click();
      const measure = new Function(`return (${layoutSource})`)();
      const found = measure.call(shadow.querySelector("section"));
      host.remove();
      return found;
    }, layout.toString());
  }

  for (const locale of LANGUAGES) {
    test(`${locale}: the banner and the popup, in the browser's language, laid out without clipping`, { skip: skipUnless(locale) }, async () => {
      const tag = tagOf(locale);
      const firefox = await browsers.launchFirefox({
        prefs: { "intl.locale.requested": tag, "extensions.autoDisableScopes": 0 },
        window: { width: 1280, height: 900 },
      });
      const { driver } = firefox;
      try {
        const t = tOf(locale);
        const dir = L.dirOf(locale);
        const popupTab = await browsers.openPrivilegedTab(driver, firefox.url("popup.html"));
        const ui = await browsers.inExtension(driver, (b) => b.i18n.getUILanguage());
        assert.ok(uiLocaleMatches(ui, locale), `the add-on runs in ${tag} (getUILanguage: ${ui})`);
        await waitFor(() => browsers.inExtension(driver, (b) => b.storage.local.get("banners").then((s) => s.banners?.length > 0)), { what: "the first verdict" });
        await driver.navigate().refresh();
        const popupDir = await checkPopup((fn) => driver.executeScript(fn), locale);
        assertLaidOut(await driver.executeScript(`return (${layout}).call(document.body)`), popupDir, `${locale} popup`);
        assertLaidOut(await drawnBanner(driver), dir, `${locale} banner`);
        await driver.manage().window().setRect({ width: 460, height: 900 });
        await sleep(200);
        writeFileSync(screenshotPath(`popup-${locale}-firefox.png`), await driver.takeScreenshot(), "base64");
        await driver.manage().window().setRect({ width: 1280, height: 900 });

        // On the page, which doesn't say its language: the browser's.
        mock.state.lang = "";
        await browsers.openTab(driver, "https://chatgpt.com/");
        const host = await waitFor(async () => {
          const found = await driver.executeScript(() => {
            const h = document.querySelector("outage-radar-banner");
            return h && { lang: h.lang, dir: h.dir };
          });
          return found?.lang && found;
        }, { what: `the ${locale} banner` });
        assert.equal(host.lang.split("-")[0], tag.split("-")[0]);
        assert.equal(host.dir, dir);
        await sleep(300);
        writeFileSync(screenshotPath(`banner-${locale}-firefox.png`), await (await driver.findElement(By.css("outage-radar-banner"))).takeScreenshot(), "base64");

        // The page's own language wins when the add-on has it.
        const other = locale === "de" ? "ja" : "de";
        if (messagesOf(other)) {
          await driver.executeScript((lang) => document.documentElement.setAttribute("lang", lang), `${other}-XX`);
          await waitFor(async () => (await driver.executeScript(() => document.querySelector("outage-radar-banner")?.lang)) === `${other}-XX`, { what: `the banner in the page's ${other}` });
        }
        void popupTab;
      } finally {
        mock.state.lang = undefined;
        await driver.quit();
      }
    });
  }
});
