// End-to-end: every page of the extension (popup, options) and of the web page (dashboard,
// simulator, install guide), in Chromium and Firefox ESR, read whole for words that betray
// a wiring fault rather than a message: an unsubstituted placeholder (`$P30$`, `$1`), a
// message key shown instead of its message (a missing message), an empty `data-i18n`
// element, and `undefined` or `NaN`. Text nodes and the attributes people and assistive
// technology read (aria-label, title, alt, placeholder) are all checked, shown or folded.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { root, serveSite, startMock } from "./mock.mjs";
import { waitFor } from "./util.mjs";
import * as browsers from "./browsers.mjs";

const site = path.join(root, "dist/www");

/** Runs in the page: every suspicious piece of text, with where it was found. */
function scan() {
  const faults = [];
  const checks = [
    [/\$[A-Za-z0-9_@]+\$/, "placeholder"],
    [/\$\d/, "substitution"],
    [/\bundefined\b/, "undefined"],
    [/\bNaN\b/, "NaN"],
    // A message key where its message should be: snake_case words are never in our messages.
    [/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/, "message key"],
  ];
  const look = (text, where) => {
    for (const [pattern, what] of checks) {
      const m = pattern.exec(text ?? "");
      if (m) faults.push(`${what} “${m[0]}” in ${where}: ${text.trim().slice(0, 120)}`);
    }
  };
  const name = (node) => `${node.localName}${node.id ? `#${node.id}` : ""}${node.className && typeof node.className === "string" ? `.${node.className.split(" ")[0]}` : ""}`;
  const walk = (root) => {
    const tree = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = tree.currentNode; node; node = tree.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement;
        if (parent && !["SCRIPT", "STYLE", "TEXTAREA"].includes(parent.tagName)) look(node.data, name(parent));
        continue;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) continue; // the shadow root itself
      for (const attr of ["aria-label", "title", "alt", "placeholder"]) if (node.hasAttribute(attr)) look(node.getAttribute(attr), `${name(node)}[${attr}]`);
      if (node.hasAttribute("data-i18n") && !node.textContent.trim()) faults.push(`empty message ${node.dataset.i18n} in ${name(node)}`);
      if (node.shadowRoot) walk(node.shadowRoot);
    }
  };
  look(document.title, "title");
  walk(document.body);
  return faults;
}

/** The pages to read, and what each must show before it is read. */
const EXTENSION_PAGES = [
  // The popup with an incident and its history, made by the background from the mock's
  // component_impacts (recent incidents, bars, uptimes, a component's days without data).
  ["popup.html", () => !!document.querySelector("[data-incident]") && !!document.querySelector(".history .day")],
  ["options.html", () => document.querySelectorAll('input[name="watch_group"]').length >= 5],
];
const WWW_PAGES = [
  ["index.html", () => !!document.querySelector("[data-incident]") && !!document.querySelector(".history .day")],
  ["simulator.html", () => document.querySelectorAll("#scenarios button").length > 0],
  ["install.html", () => document.querySelectorAll("main img").length > 0],
];

describe("every page in chromium: no placeholder, key, undefined or NaN", () => {
  let mock, chromium, extension, siteServer;
  before(async () => {
    assert.ok(existsSync(path.join(site, "index.html")), "dist/www is built (run make)");
    mock = await startMock();
    mock.state.scenario = "native/chatgpt-partial-outage.json";
    siteServer = await serveSite(site);
    chromium = await browsers.launchChromium(mock);
    extension = await browsers.chromiumExtension(chromium.browser);
    await waitFor(() => extension.worker.evaluate(() => chrome.storage.local.get("verdict").then((s) => s.verdict?.freshness?.state === "fresh")), { what: "the first check" });
  });
  after(async () => {
    await chromium?.close();
    await siteServer?.close();
    await mock?.close();
  });

  async function read(url, ready) {
    const page = await browsers.openPage(chromium.browser, url, { viewport: { width: 400, height: 600 } });
    await waitFor(() => page.evaluate(ready), { what: `${url} to be ready` });
    const faults = await page.evaluate(scan);
    await page.close();
    return faults;
  }

  for (const [file, ready] of EXTENSION_PAGES) {
    test(`extension ${file}`, async () => assert.deepEqual(await read(extension.url(file), ready), []));
  }
  for (const [file, ready] of WWW_PAGES) {
    test(`www ${file}`, async () => assert.deepEqual(await read(`${siteServer.origin}/${file}`, ready), []));
  }
});

describe("every page in firefox: no placeholder, key, undefined or NaN", () => {
  let mock, firefox, driver, siteServer;
  before(async () => {
    assert.ok(existsSync(path.join(site, "index.html")), "dist/www is built (run make)");
    mock = await startMock({ port: 443 });
    mock.state.scenario = "native/chatgpt-partial-outage.json";
    siteServer = await serveSite(site);
    firefox = await browsers.launchFirefox({ window: { width: 420, height: 800 } });
    driver = firefox.driver;
    await browsers.openPrivilegedTab(driver, firefox.url("popup.html"));
    await waitFor(async () => (await browsers.inExtension(driver, (b) => b.storage.local.get("verdict").then((s) => s.verdict?.freshness?.state)) === "fresh"), { what: "the first check" });
  });
  after(async () => {
    await firefox?.driver.quit();
    await siteServer?.close();
    await mock?.close();
  });

  async function read(ready) {
    await waitFor(() => driver.executeScript(ready), { what: "the page to be ready" });
    return driver.executeScript(scan);
  }

  for (const [file, ready] of EXTENSION_PAGES) {
    test(`extension ${file}`, async () => {
      const tab = await browsers.openPrivilegedTab(driver, firefox.url(file));
      const faults = await read(ready);
      await browsers.closeTab(driver, tab);
      assert.deepEqual(faults, []);
    });
  }
  for (const [file, ready] of WWW_PAGES) {
    test(`www ${file}`, async () => {
      await driver.get(`${siteServer.origin}/${file}`);
      assert.deepEqual(await read(ready), []);
    });
  }
});
