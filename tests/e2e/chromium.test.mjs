// End-to-end: the built dist/chrome in headless Chromium, against the local mock of
// status.openai.com and a fake chatgpt.com with a strict CSP.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import puppeteer from "puppeteer-core";
import { root, startMock } from "./mock.mjs";
import { screenshotPath, sleep, waitFor } from "./util.mjs";

const dist = path.join(root, "dist/chrome");
const BANNER_LABEL = "Outage Radar: OpenAI status";

describe("chromium", () => {
  let mock, browser, worker, extensionId, profile;
  const pageErrors = [];

  before(async () => {
    assert.ok(existsSync(path.join(dist, "manifest.json")), "dist/chrome is built (run make)");
    mock = await startMock();
    mock.state.scenario = "native/chatgpt-partial-outage.json";
    profile = mkdtempSync(path.join(os.tmpdir(), "outage-radar-chromium-"));
    const map = ["status.openai.com", "chatgpt.com", "chat.openai.com"].map((h) => `MAP ${h} 127.0.0.1:${mock.port}`);
    browser = await puppeteer.launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      headless: true,
      pipe: true,
      enableExtensions: [dist],
      userDataDir: profile,
      args: [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--ignore-certificate-errors",
        `--host-resolver-rules=${map.join(", ")}`,
      ],
    });
    const target = await browser.waitForTarget((t) => t.type() === "service_worker" && t.url().endsWith("/background.js"));
    extensionId = new URL(target.url()).host;
    worker = await target.worker();
  });

  after(async () => {
    await browser?.close();
    await mock?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function openPage(url) {
    const page = await browser.newPage();
    page.on("pageerror", (err) => pageErrors.push(`${url}: ${err.message}`));
    await page.goto(url, { waitUntil: "load" });
    return page;
  }

  /** The banner's text as the accessibility tree exposes it (the shadow root is closed). */
  async function bannerText(page) {
    const tree = await page.accessibility.snapshot({ interestingOnly: false });
    const found = [];
    const walk = (node, inside) => {
      const here = inside || (node.role === "status" && node.name === BANNER_LABEL);
      if (here && node.name) found.push(node.name);
      for (const child of node.children ?? []) walk(child, here);
    };
    if (tree) walk(tree, false);
    return found.join(" | ");
  }

  const bannerCount = (page) => page.evaluate(() => document.querySelectorAll("outage-radar-banner").length);
  const badge = () => worker.evaluate(() => chrome.action.getBadgeText({}));

  /** Asks the background for a check, the way the popup's button does. */
  async function refresh() {
    const popup = await openPage(`chrome-extension://${extensionId}/popup.html`);
    const before = await worker.evaluate(() => chrome.storage.local.get("verdict").then((s) => s.verdict?.checked_at ?? 0));
    await popup.click("#refresh");
    await waitFor(
      () => worker.evaluate((t) => chrome.storage.local.get("verdict").then((s) => (s.verdict?.checked_at ?? 0) > t), before),
      { what: "a new verdict after refresh" },
    );
    await popup.close();
  }

  test("outage scenario: banner appears on chatgpt.com and the badge changes", async () => {
    const page = await openPage("https://chatgpt.com/");
    const text = await waitFor(async () => {
      const t = await bannerText(page);
      return t.includes("Conversations") && t;
    }, { what: "the banner" });
    assert.match(text, /OpenAI reports a problem with Conversations/);
    assert.match(text, /Partial outage/);
    assert.match(text, /Elevated error rates/);
    assert.equal(await bannerCount(page), 1);
    assert.equal(await badge(), "!");
    await page.screenshot({ path: screenshotPath("banner-light.png") });
    await page.close();
  });

  test("outage scenario: banner also on chat.openai.com", async () => {
    const page = await openPage("https://chat.openai.com/");
    await waitFor(async () => (await bannerText(page)).includes("Conversations"), { what: "the banner" });
    await page.close();
  });

  test("outage scenario: popup renders the verdict", async () => {
    const popup = await openPage(`chrome-extension://${extensionId}/popup.html`);
    const heading = await waitFor(() => popup.$eval("h1.overall", (h) => h.textContent), { what: "popup heading" });
    assert.match(heading, /OpenAI reports a problem: Partial outage/);
    const incident = await popup.$eval("[data-incident] h3 a", (a) => ({ text: a.textContent, href: a.href }));
    assert.match(incident.text, /Elevated error rates/);
    assert.match(incident.href, /^https:\/\/status\.openai\.com\/incidents\//);
    await popup.screenshot({ path: screenshotPath("popup-outage.png") });
    await popup.close();
  });

  test("all-operational scenario: the banner leaves live and the badge clears", async () => {
    const page = await openPage("https://chatgpt.com/");
    await waitFor(async () => (await bannerText(page)).includes("Conversations"), { what: "the banner" });
    mock.state.scenario = "native/all-operational.json";
    await refresh();
    await waitFor(async () => (await bannerCount(page)) === 0, { what: "the banner to leave" });
    assert.equal(await badge(), "");
    await page.close();
  });

  test("all-operational scenario: no banner on a fresh chatgpt.com load", async () => {
    const page = await openPage("https://chatgpt.com/");
    await sleep(1000); // the content script has read storage long before this
    assert.equal(await bannerCount(page), 0);
    assert.equal(await bannerText(page), "");
    const popup = await openPage(`chrome-extension://${extensionId}/popup.html`);
    const heading = await waitFor(() => popup.$eval("h1.overall", (h) => h.textContent), { what: "popup heading" });
    assert.match(heading, /All OpenAI services are operational/);
    await popup.close();
    await page.close();
  });

  test("API-only incident: no banner on chatgpt.com", async () => {
    mock.state.scenario = "native/api-only-incident.json";
    await refresh();
    const page = await openPage("https://chatgpt.com/");
    await sleep(1000);
    assert.equal(await bannerCount(page), 0);
    await page.close();
  });

  test("no page errors in any context", () => {
    assert.deepEqual(pageErrors, []);
  });
});
