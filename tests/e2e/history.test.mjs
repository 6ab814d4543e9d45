// End-to-end: history at a glance (issue 21) in the popup and on the web page, in Chromium
// and Firefox ESR. The popup leads with what matters within its first 600 px (the status
// line with Check now beside "checked … ago", the ongoing incident, what you can do), then
// the last 7 days' incidents and 90 daily bars per watched group, each day readable by
// keyboard and screen reader. "Notify me when it's back" says its state, also when the
// popup is opened again, and can be cancelled; a hidden banner is said, and can be shown
// again; the options page sends a test notification.
//
// SEEDED: the history (`history_view`) is written into storage by this test until the
// core computes it from the mock's component_impacts (see history-view.mjs).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { By, Key } from "selenium-webdriver";
import { out, root, serveSite, startMock } from "./mock.mjs";
import { screenshotPath, waitFor } from "./util.mjs";
import { sampleHistoryView } from "./history-view.mjs";
import * as browsers from "./browsers.mjs";

const site = path.join(root, "dist/www");
const axeSource = readFileSync(path.join(root, "node_modules/axe-core/axe.min.js"), "utf8");
const axeRun = `return (async () => {
  const r = await axe.run(document, { resultTypes: ["violations"] });
  return r.violations.map((v) => v.id + ": " + v.help + " (" + v.nodes.map((n) => n.target.join(" ")).join("; ") + ")");
})();`;
function extraShot(name) {
  mkdirSync(path.join(out, "screenshots"), { recursive: true });
  return path.join(out, "screenshots", name);
}

/** Runs in the popup: where its parts are, and what the history says. */
function readLayout() {
  const box = (sel) => {
    const r = document.querySelector(sel)?.getBoundingClientRect();
    return r ? { top: Math.round(r.top + scrollY), bottom: Math.round(r.bottom + scrollY) } : null;
  };
  const chat = document.querySelector('.history-row[data-group="ChatGPT"]');
  return {
    width: document.body.getBoundingClientRect().width,
    status: box("h1.overall"),
    checkNowBeside: Boolean(document.querySelector("[data-freshness] #refresh")),
    incident: box(".incidents [data-incident] h3"),
    guide: box(".guidance .situation"),
    firstStep: box(".guidance .steps > li .step-title"),
    recent: box(".recent"),
    history: box(".history"),
    groups: box(".groups"),
    recentItems: [...document.querySelectorAll("[data-recent-incident]")].map((li) => ({
      ongoing: li.dataset.ongoing, text: li.textContent, href: li.querySelector("a")?.href ?? null,
    })),
    days: chat ? [...chat.querySelectorAll(":scope > ol.days > li.day")].map((d) => d.textContent) : [],
    tabStops: chat ? [...chat.querySelectorAll(":scope > ol.days > li.day")].filter((d) => d.tabIndex === 0).length : 0,
    uptime: chat?.querySelector(".uptime")?.textContent ?? "",
    axis: chat?.querySelector(".axis")?.textContent ?? "",
    legend: document.querySelector(".history .legend")?.textContent ?? "",
    components: chat ? chat.querySelectorAll(".history-components .history-row").length : 0,
  };
}

/** What every popup must show, whichever the browser. */
function checkLayout(seen) {
  assert.ok(seen.checkNowBeside, "Check now sits with the checked … ago line");
  for (const part of ["status", "incident", "guide", "firstStep"]) {
    assert.ok(seen[part], `${part} is shown`);
    assert.ok(seen[part].bottom <= 600, `${part} within the first 600 px (ends at ${seen[part].bottom})`);
  }
  assert.ok(seen.guide.top < seen.recent.top && seen.recent.top < seen.history.top && seen.history.top < seen.groups.top, "what you can do, then recent incidents, then the bars, then every service");
  assert.equal(seen.recentItems.length, 3);
  assert.deepEqual(seen.recentItems.map((i) => i.ongoing), ["true", "false", "false"], "newest first, the ongoing one said so");
  assert.match(seen.recentItems[0].text, /Voice mode responses are slow.*Degraded performance, started .*, ongoing for 4\d min/);
  assert.match(seen.recentItems[1].text, /Partial outage, started .*, lasted 1 hr, 45 min/);
  for (const i of seen.recentItems) assert.match(i.href, /^https:\/\/status\.openai\.com\/incidents\//);
  assert.equal(seen.days.length, 90);
  assert.equal(seen.tabStops, 1, "one Tab stop per row");
  assert.match(seen.days[87], /: Partial outage — Conversations and Login$/);
  assert.match(seen.days[89], /: Degraded performance — Voice mode$/, "today shows what is happening now");
  assert.match(seen.days[29], /: no data$/);
  assert.equal(seen.uptime, "99.92% uptime");
  assert.match(seen.axis, /90 days ago.*Today/);
  assert.match(seen.legend, /Operational.*Degraded performance.*Partial outage.*Major outage.*Maintenance.*No data/);
  assert.equal(seen.components, 3);
}

// ==================================================================== Chromium
describe("history at a glance in chromium", () => {
  let mock, chromium, extension, worker, siteServer;
  const pageErrors = [];

  before(async () => {
    assert.ok(existsSync(path.join(site, "index.html")), "dist/www is built (run make)");
    mock = await startMock();
    mock.state.scenario = "native/chatgpt-partial-outage.json";
    siteServer = await serveSite(site);
    chromium = await browsers.launchChromium(mock);
    extension = await browsers.chromiumExtension(chromium.browser);
    worker = extension.worker;
    await waitFor(() => worker.evaluate(() => chrome.storage.local.get("verdict").then((s) => s.verdict?.freshness?.state === "fresh")), { what: "the first check" });
    // SEEDED (see the top of this file).
    await browsers.inWorker(worker, (ext, view) => ext.storage.local.set({ history_view: view }), sampleHistoryView());
  });

  after(async () => {
    await chromium?.close();
    await siteServer?.close();
    await mock?.close();
  });

  const open = (file, viewport = { width: 400, height: 600 }) =>
    browsers.openPage(chromium.browser, file.startsWith("http") ? file : extension.url(file), {
      viewport,
      watch: (page) => page.on("pageerror", (err) => pageErrors.push(`${file}: ${err.message}`)),
    });
  const stored = (key) => worker.evaluate((k) => chrome.storage.local.get(k).then((s) => s[k]), key);
  const popupReady = (page) => waitFor(() => page.evaluate(() => !!document.querySelector(".history .day") && !!document.querySelector(".guidance")), { what: "the popup with its history" });

  test("popup: what matters within 600 px, then recent incidents and the bars; axe clean; screenshots", async () => {
    const popup = await open("popup.html");
    await popupReady(popup);
    checkLayout(await popup.evaluate(readLayout));
    await popup.evaluate(axeSource);
    assert.deepEqual(await popup.evaluate(new Function(axeRun)), [], "axe, light");
    await popup.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
    assert.deepEqual(await popup.evaluate(new Function(axeRun)), [], "axe, dark");
    await popup.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
    // The README's pictures: the first 600 px as the popup opens, and the whole of it.
    await popup.screenshot({ path: screenshotPath("popup-first-600.png") });
    await popup.screenshot({ path: screenshotPath("popup-history.png"), fullPage: true });
    await popup.close();
  });

  test("popup: each day is read by keyboard, one Tab stop per row, arrows move", async () => {
    const popup = await open("popup.html");
    await popupReady(popup);
    await popup.focus('.history-row[data-group="ChatGPT"] > ol.days > li[tabindex="0"]');
    const focused = () => popup.evaluate(() => ({ text: document.activeElement.textContent, readout: document.querySelector(".history .readout").textContent }));
    assert.match((await focused()).text, /Degraded performance — Voice mode/, "Tab lands on today");
    await popup.keyboard.press("ArrowLeft");
    await popup.keyboard.press("ArrowLeft");
    const twoBack = await focused();
    assert.match(twoBack.text, /Partial outage — Conversations and Login/);
    assert.equal(twoBack.readout, twoBack.text, "what the focused day says is shown too");
    await popup.keyboard.press("Home");
    assert.match((await focused()).text, /Operational$/);
    // The row keeps one Tab stop, now on the day last focused.
    assert.equal(await popup.$$eval('.history-row[data-group="ChatGPT"] > ol.days > li[tabindex="0"]', (l) => l.length), 1);
    await popup.close();
  });

  test("popup: notify me says its state, again when reopened, and can be cancelled", async () => {
    let popup = await open("popup.html");
    await popupReady(popup);
    await popup.click("#notify-me");
    const pendingText = /You'll get a notification when .+ is back\./;
    assert.match(await waitFor(() => popup.$eval(".notify-me .said", (p) => p.textContent), { what: "the answer" }), pendingText);
    assert.ok(await popup.$("#notify-cancel"), "with Cancel");
    await popup.close();
    // Opened again: the core still holds the request, and the popup says so.
    popup = await open("popup.html");
    const again = await waitFor(() => popup.$eval(".notify-me .said", (p) => p.textContent).catch(() => null), { what: "the state on reopening" });
    assert.match(again, pendingText);
    await popup.screenshot({ path: screenshotPath("popup-notify-pending.png") });
    await popup.click("#notify-cancel");
    await waitFor(() => popup.$("#notify-me"), { what: "the button back" });
    assert.match(await popup.$eval(".notify-me .said", (p) => p.textContent), /Cancelled/);
    assert.deepEqual((await stored("notify")).back, [], "the request is gone from the core's record");
    await popup.close();
  });

  test("popup: a hidden banner is said, and Show the banner again brings it back", async () => {
    const chat = await open("https://chatgpt.com/", { width: 1000, height: 700 });
    await waitFor(async () => (await browsers.bannerText(chat)).includes("Conversations"), { what: "the banner" });
    const popup = await open("popup.html");
    await popupReady(popup);
    assert.equal(await popup.$(".banner-hidden"), null, "nothing said while the banner shows");
    await popup.evaluate(() => chrome.runtime.sendMessage({ type: "dismiss", page: "chatgpt" }));
    await waitFor(async () => (await browsers.bannerText(chat)) === "", { what: "the banner to go" });
    const said = await waitFor(() => popup.$eval(".banner-hidden", (n) => n.textContent).catch(() => null), { what: "the popup to say so" });
    assert.match(said, /You hid the banner on chatgpt\.com for this problem/);
    await popup.click("#show-banner");
    await waitFor(async () => (await browsers.bannerText(chat)).includes("Conversations"), { what: "the banner back" });
    await waitFor(async () => (await popup.$(".banner-hidden")) === null, { what: "the note to go" });
    await chat.close();
    await popup.close();
  });

  test("options: Send a test notification says what happened", async () => {
    const options = await open("options.html", { width: 900, height: 900 });
    await options.waitForSelector("#test-notification");
    await options.click("#test-notification");
    const said = await waitFor(() => options.$eval("#test-notification-said", (p) => p.textContent), { what: "the answer" });
    assert.match(said, /^(Sent\. If no notification appeared|Your browser blocks)/);
    await options.close();
  });

  test("www dashboard: recent incidents and the bars", async () => {
    const page = await open(`${siteServer.origin}/index.html`, { width: 1000, height: 900 });
    // SEEDED, into the page's localStorage record.
    await page.evaluate((view) => localStorage.setItem("outage-radar", JSON.stringify({ ...(JSON.parse(localStorage.getItem("outage-radar")) ?? {}), history_view: view })), sampleHistoryView());
    await page.reload({ waitUntil: "load" });
    await waitFor(() => page.evaluate(() => !!document.querySelector("[data-incident]") && !!document.querySelector(".history .day")), { what: "the dashboard with its history" });
    const seen = await page.evaluate(readLayout);
    assert.equal(seen.days.length, 90);
    assert.equal(seen.recentItems.length, 3);
    assert.match(seen.days[87], /Partial outage — Conversations and Login/);
    await page.evaluate(axeSource);
    assert.deepEqual(await page.evaluate(new Function(axeRun)), []);
    await page.screenshot({ path: screenshotPath("www-history.png"), fullPage: true });
    await page.close();
  });

  test("no page errors", () => assert.deepEqual(pageErrors, []));
});

// ==================================================================== Firefox
describe("history at a glance in firefox", () => {
  let mock, firefox, driver, popupTab;

  before(async () => {
    mock = await startMock({ port: 443 });
    mock.state.scenario = "native/chatgpt-partial-outage.json";
    firefox = await browsers.launchFirefox({ window: { width: 400, height: 700 } });
    driver = firefox.driver;
    popupTab = await browsers.openPrivilegedTab(driver, firefox.url("popup.html"));
    await waitFor(async () => (await inPage((b) => b.storage.local.get("verdict").then((s) => s.verdict?.freshness?.state))) === "fresh", { what: "the first check" });
    // SEEDED (see the top of this file).
    await inPage((b, view) => b.storage.local.set({ history_view: view }), sampleHistoryView());
  });

  after(async () => {
    await firefox?.driver.quit();
    await mock?.close();
  });

  const inPage = (fn, ...args) => browsers.inExtension(driver, fn, ...args);
  const ready = () => waitFor(() => driver.executeScript(() => !!document.querySelector(".history .day") && !!document.querySelector(".guidance")), { what: "the popup with its history" });

  test("popup: what matters within 600 px, then recent incidents and the bars; keyboard; axe clean", async () => {
    await driver.switchTo().window(popupTab);
    await ready();
    checkLayout(await driver.executeScript(readLayout));
    await driver.executeScript(() => document.querySelector('.history-row[data-group="ChatGPT"] > ol.days > li[tabindex="0"]').focus());
    await driver.actions().sendKeys(Key.ARROW_LEFT).perform();
    await driver.actions().sendKeys(Key.ARROW_LEFT).perform();
    assert.match(await driver.executeScript(() => document.activeElement.textContent), /Partial outage — Conversations and Login/);
    await driver.executeScript(axeSource);
    assert.deepEqual(await driver.executeScript(axeRun), []);
    writeFileSync(extraShot("popup-history-firefox.png"), await driver.takeScreenshot(), "base64");
  });

  test("popup: notify me says its state, again when reopened, and can be cancelled", async () => {
    await driver.switchTo().window(popupTab);
    await ready();
    await driver.findElement(By.id("notify-me")).click();
    const pendingText = /You'll get a notification when .+ is back\./;
    assert.match(await waitFor(() => driver.executeScript(() => document.querySelector(".notify-me .said")?.textContent), { what: "the answer" }), pendingText);
    await browsers.closeTab(driver, popupTab);
    popupTab = await browsers.openPrivilegedTab(driver, firefox.url("popup.html"));
    const again = await waitFor(() => driver.executeScript(() => document.querySelector(".notify-me .said")?.textContent), { what: "the state on reopening" });
    assert.match(again, pendingText);
    await driver.findElement(By.id("notify-cancel")).click();
    await waitFor(() => driver.executeScript(() => !!document.getElementById("notify-me")), { what: "the button back" });
    assert.deepEqual((await inPage((b) => b.storage.local.get("notify").then((s) => s.notify))).back, []);
  });
});
